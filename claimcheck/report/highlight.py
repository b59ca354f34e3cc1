"""Nested highlight trees: the article's paragraphs with each anchored claim wrapped once.

A span can sit inside another (a number inside a quote, atomic claims inside a
statement sentence) or overlap it partly. The text is cut at every span
boundary; each piece is covered by a set of claims, ordered outermost first
(earliest start, then longest). Walking the pieces keeps a stack of open
elements: a claim still open stays open, a claim that must close while an
inner one is open closes the inner one too and reopens it after.

Every claim therefore has exactly one *main* element (its first piece); a
claim cut by another span or by a paragraph break continues in *part*
elements. The HTML gives the main element `data-claim` and the parts
`data-part`, so counting `[data-claim]` counts the highlighted claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimcheck.models import Article, Claim
from claimcheck.report.common import is_anchored

# A blank line (possibly holding spaces) separates paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")


@dataclass
class Text:
    text: str


@dataclass
class Mark:
    claim: Claim
    main: bool
    # The last piece of a claim carries its status icon.
    last: bool = False
    children: list[Text | Mark] = field(default_factory=list)


@dataclass
class Paragraph:
    start: int
    end: int
    children: list[Text | Mark] = field(default_factory=list)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, as offsets into the original text."""
    out, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _nesting_key(claim: Claim) -> tuple[int, int, str]:
    # Outermost first: earlier start, then longer span; the id keeps equal spans in a stable order.
    return claim.span.start, -claim.span.end, claim.id


def build(article: Article, claims: list[Claim]) -> list[Paragraph]:
    """The article as paragraphs of text and nested marks; claims not anchored are left out."""
    text = article.text
    anchored = sorted((c for c in claims if is_anchored(article, c)), key=_nesting_key)
    rank = {c.id: n for n, c in enumerate(anchored)}
    opened: set[str] = set()
    last_piece: dict[str, Mark] = {}
    out = []
    waiting = iter(anchored)  # sorted by start: each claim joins `live` once, when its paragraph comes
    upcoming = next(waiting, None)
    live: list[Claim] = []
    for p_start, p_end in paragraphs(text):
        para = Paragraph(p_start, p_end)
        while upcoming is not None and upcoming.span.start < p_end:
            live.append(upcoming)
            upcoming = next(waiting, None)
        live = [c for c in live if c.span.end > p_start]
        inside = live
        cuts = sorted(
            {p_start, p_end, *(max(p_start, c.span.start) for c in inside), *(min(p_end, c.span.end) for c in inside)}
        )
        stack: list[Mark] = []
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            covering = sorted((c for c in inside if c.span.start <= lo and c.span.end >= hi), key=lambda c: rank[c.id])
            keep = 0
            while keep < len(stack) and keep < len(covering) and stack[keep].claim.id == covering[keep].id:
                keep += 1
            del stack[keep:]
            for claim in covering[keep:]:
                mark = Mark(claim, main=claim.id not in opened)
                opened.add(claim.id)
                last_piece[claim.id] = mark
                (stack[-1].children if stack else para.children).append(mark)
                stack.append(mark)
            (stack[-1].children if stack else para.children).append(Text(text[lo:hi]))
        out.append(para)
    for mark in last_piece.values():
        mark.last = True
    return out
