"""Paragraphs and sentences of an article, as absolute (start, end) offsets.

Paragraphs are split on blank lines first, so nothing (a sentence, a quote)
ever crosses one. Inside a paragraph, `sentencex` finds the sentences; it
yields strings, which we map back to offsets by walking forward through the
paragraph. sentencex splits French after abbreviations it does not know
(`M. Dupont`, `le col. Abdramane`, `É.-U.`, `le 3 sept. 2024`, `av. J.-C.`),
so adjacent pieces are glued back together by a few general rules.

Every span excludes the whitespace around it, and the whole thing is linear
in the size of the text: one 10 MB line with no newline must not hang.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A blank line: a line break, then only horizontal whitespace, then another break.
# CRLF and lone CR count as line breaks too (old Mac exports still exist).
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)(?:[^\S\r\n]*(?:\r\n|\r|\n))+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# No sentence runs this long; beyond it we cut at a space so that the
# extractors downstream always work on bounded pieces of text.
_MAX_SENTENCE = 3000

# Abbreviated titles always precede a name: the next piece continues the sentence.
_TITLES = frozenset(
    [
        "M",
        "MM",
        "Mme",
        "Mmes",
        "Mlle",
        "Mlles",
        "Me",
        "Mgr",
        "Dr",
        "Pr",
        "Mr",
        "Mrs",
        "Ms",
        "Messrs",
        "Prof",
        "Gen",
        "Gén",
        "Col",
        "Lt",
        "Sgt",
        "Capt",
        "Cmdr",
        "Adm",
        "Gov",
        "Sen",
        "Rep",
        "Rev",
        "St",
        "Ste",
        "Cdt",
        "Gal",
        "col",
        "gén",
        "gal",
        "lt",
        "cdt",
        "capt",
        "sgt",
        "adj",
        "cne",
        "pr",
        "dr",
    ]
)
# Abbreviations that precede a number: `sept. 2024`, `No. 5`, `art. 3`.
_BEFORE_NUMBER = frozenset(
    [
        "janv",
        "févr",
        "fév",
        "avr",
        "juil",
        "sept",
        "oct",
        "nov",
        "déc",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "No",
        "no",
        "Nos",
        "nos",
        "n°",
        "p",
        "pp",
        "vol",
        "art",
        "fig",
        "env",
        "approx",
        "ca",
        "chap",
        "éd",
        "ed",
    ]
)
# The last word of a piece, with the period that ends it.
_LAST_WORD = re.compile(r"(?:^|[\s(«\"'“‘])([^\s.(«\"'“‘]+)\.$")
# A lone capital letter with a period: an initial (`J. Biden`) or `M.`.
_INITIAL = re.compile(r"(?:^|[\s(«\"“‘])[A-ZÀ-ÖØ-Þ]\.$")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs of `text` (split on blank lines), whitespace trimmed, empty ones left out."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        _append_trimmed(text, pos, m.start(), out)
        pos = m.end()
    _append_trimmed(text, pos, len(text), out)
    return out


def sentences(text: str, lang: str, *, paras: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The sentences of `text` as (start, end) offsets, in order, never crossing a blank line.

    `paras` is `paragraphs(text)` when the caller already has it.
    """
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text) if paras is None else paras:
        for b_start, b_end in _line_blocks(text, p_start, p_end):
            for s, e in _sentences_in_block(text, b_start, b_end, lang):
                _append_capped(text, s, e, out)
    return out


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _line_blocks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a paragraph at line breaks, except where the next line continues the sentence.

    A line that starts with a lowercase letter is a hard-wrapped continuation;
    anything else (a capital, a bullet, a digit, a quote) starts something new,
    which keeps headings and list items apart from the prose that follows them.
    """
    block_start = start
    for m in _LINE_BREAK.finditer(text, start, end):
        nxt = m.end()
        while nxt < end and text[nxt] in " \t":
            nxt += 1
        if nxt < end and text[nxt].islower():
            continue
        yield block_start, m.start()
        block_start = m.end()
    yield block_start, end


def _sentences_in_block(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    from sentencex import segment

    block = text[start:end]
    merged: list[list[int]] = []
    cursor = 0
    for piece in segment(lang if lang in ("fr", "en") else "en", block):
        if not piece:
            continue
        if block.startswith(piece, cursor):
            at = cursor
        else:
            # sentencex may have dropped or altered characters; look just ahead, never far,
            # so that a mismatch costs a bounded search rather than a scan of the block.
            at = block.find(piece, cursor, cursor + len(piece) + 64)
            if at < 0:
                break
        cursor = at + len(piece)
        _add_piece(block, piece, at, merged)
    if cursor < len(block):
        # Whatever sentencex did not account for is still text: keep it as the last piece.
        _add_piece(block, block[cursor:], cursor, merged)
    return [(start + s, start + e) for s, e in merged]


def _add_piece(block: str, piece: str, at: int, merged: list[list[int]]) -> None:
    """Append a piece (whitespace trimmed), or glue it to the previous one if it continues it."""
    body = piece.strip()
    if not body:
        return
    s = at + len(piece) - len(piece.lstrip())
    e = s + len(body)
    # Only the tail of the previous piece matters; slicing just the tail keeps a long
    # run of merges linear.
    if merged and _continues(block[max(merged[-1][0], merged[-1][1] - 40) : merged[-1][1]], body[0]):
        merged[-1][1] = e
    else:
        merged.append([s, e])


def _continues(prev: str, first: str) -> bool:
    """True when a piece starting with `first` is the rest of the sentence ending in `prev`.

    `prev` is the last few characters of the previous piece, which sentencex
    may have split after an abbreviation.
    """
    # A sentence does not start in lowercase or with a hyphen or comma: `É.` + `-U.`, `etc.` + `et`.
    if first.islower() or first in "-,;:)]}%":
        return True
    if not prev.endswith("."):
        return False
    if _INITIAL.search(prev[-3:]) and (first.isupper() or first.isdigit()):
        return True  # `M. Dupont`, `J. Biden`
    m = _LAST_WORD.search(prev)
    if not m:
        return False
    word = m.group(1)
    if word in _TITLES and (first.isupper() or first in '«"“'):
        return True
    if word in _BEFORE_NUMBER and first.isdigit():
        return True
    # `av. J.-C.`, `apr. J.-C.`
    return word in ("av", "apr") and first == "J"


def _append_capped(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Append a sentence, cut into pieces of at most _MAX_SENTENCE characters at spaces."""
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        if cut < 0:
            cut = start + _MAX_SENTENCE
        _append_trimmed(text, start, cut, out)
        start = cut
    _append_trimmed(text, start, end, out)
