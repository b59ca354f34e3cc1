"""Text helpers every layer shares: offset-keeping folding, normalized wording, span context, plurals.

`fold` and `lower` replace typographic variants without moving any offset.
Extraction matches its patterns on `fold(text)`, which has exactly the same
length as `text`: every replacement is one character for one character, so an
offset found in the folded copy is an offset in the original, and spans are
always cut from the original text. `lower(text)` is the same promise for
lower-casing, which `str.lower()` breaks on one character (`İ`).

The pipeline folds and lower-cases the whole article once and hands the copies
to every extractor, so no extractor folds a sentence again.
"""

from __future__ import annotations

from typing import Any

# How many characters either side of a span are kept as its prefix and suffix.
CONTEXT = 32

_FOLD = {
    "\u2019": "'",  # right single quotation mark, the French apostrophe
    "\u2018": "'",
    "\u02bc": "'",
    "\u00a0": " ",  # no-break space, French thousands separator and before : ; % »
    "\u202f": " ",  # narrow no-break space, the typographer's 1 000 and 15 %
    "\u2009": " ",  # thin space
    "\u2007": " ",  # figure space
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2011": "-",  # non-breaking hyphen
    "\u2010": "-",
    "\u2212": "-",  # minus sign
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ad": " ",  # soft hyphen would otherwise split words invisibly
}
# A membership test and a replace per character are C loops over the text: a
# hundred times faster than str.translate with a dict, which looks up every character.
_FOLD_PAIRS = tuple(_FOLD.items())


def fold(text: str) -> str:
    """Same text, same length, with curly quotes, odd spaces and dashes made plain."""
    folded = text
    for char, plain in _FOLD_PAIRS:
        if char in folded:
            folded = folded.replace(char, plain)
    assert len(folded) == len(text)
    return folded


def lower(text: str) -> str:
    """`text.lower()`, one character for one character, so offsets still hold."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # U+0130 `İ` lower-cases to two code points, `i` and a combining dot.
    low = text.replace("\u0130", "i").lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # any future such character


def norm(text: Any) -> str:
    """Folded, case-folded, single-spaced: how `similar` compares wordings and speakers."""
    return " ".join(fold(str(text or "")).casefold().split())


def label_value(label: str) -> str:
    """The value that opens a canonical label: `1,000+` of `1,000+ soldats`, `2023` of `2023`."""
    return label.split(" ", 1)[0] if label else ""


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to 32 characters either side of a span: what re-anchoring looks for after an edit."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def plural(n: int, noun: str) -> str:
    """`1 claim`, `2 claims`: a count and its noun, with an `s` unless the count is one."""
    return f"{n} {noun}{'s' * (n != 1)}"
