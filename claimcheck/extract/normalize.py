"""Fold typographic variants to plain characters without moving any offset.

Extraction matches its patterns on `fold(text)`, which has exactly the same
length as `text`: every replacement is one character for one character, so an
offset found in the folded copy is an offset in the original, and spans are
always cut from the original text.
"""

from __future__ import annotations

_FOLD = str.maketrans(
    {
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
)


def fold(text: str) -> str:
    """Same text, same length, with curly quotes, odd spaces and dashes made plain."""
    folded = text.translate(_FOLD)
    assert len(folded) == len(text)
    return folded
