"""Article text in, claim drafts out: the order in which the extractors run.

sentences → per sentence, dates then numbers (a number inside a date, such as
the year of `février 2022`, is the date's, so numeric drafts that overlap a
date are dropped) → quotes over whole paragraphs → statements for whatever
no atomic claim covers. The result is sorted by position, then kind, so the
same text always gives the same list.

Nothing here catches exceptions: a bug in an extractor must show, not vanish.
What is guarded is the output: a draft whose span is empty, blank or out of
the text is dropped, so a claim always points at real text.
"""

from __future__ import annotations

from datetime import date

from claimcheck.extract.quotes import find_quotes
from claimcheck.extract.segment import sentences as split_sentences
from claimcheck.extract.statements import find_statements
from claimcheck.models import NUMERIC_KINDS, ClaimDraft, Kind

_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


def extract(text: str, lang: str, published: date, *, published_assumed: bool = False) -> list[ClaimDraft]:
    """Every claim draft in `text`, in a deterministic order."""
    # Imported here, not at the top: they are the other half of extraction and load
    # dateparser and text2num lazily themselves; tests replace them.
    from claimcheck.extract import dates, numbers

    sentences = split_sentences(text, lang)
    atomic: list[ClaimDraft] = []
    for s, e in sentences:
        found_dates = _valid(text, dates.find_dates(text, s, e, lang, published))
        found_numbers = _valid(text, numbers.find_numbers(text, s, e, lang))
        date_spans = [(d.start, d.end) for d in found_dates]
        atomic.extend(found_dates)
        atomic.extend(
            n for n in found_numbers if n.kind not in NUMERIC_KINDS or not _overlaps_any(n, date_spans)
        )
    if published_assumed:
        for draft in atomic:
            if draft.kind == Kind.date and draft.value.get("relative"):
                draft.value["published_assumed"] = True
    atomic.extend(_valid(text, find_quotes(text, sentences, lang)))
    covered = sorted((d.start, d.end) for d in atomic)
    drafts = atomic + _valid(text, find_statements(text, sentences, lang, covered))
    drafts.sort(key=lambda d: (d.start, _KIND_ORDER[d.kind], d.end))
    return _dedupe(drafts)


def _valid(text: str, drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Drafts whose span lies in the text and holds something besides whitespace."""
    n = len(text)
    return [d for d in drafts if 0 <= d.start < d.end <= n and not text[d.start : d.end].isspace()]


def _overlaps_any(draft: ClaimDraft, spans: list[tuple[int, int]]) -> bool:
    return any(s < draft.end and draft.start < e for s, e in spans)


def _dedupe(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Drop exact repeats (same kind and span), keeping the first."""
    seen: set[tuple[Kind, int, int]] = set()
    out = []
    for d in drafts:
        key = (d.kind, d.start, d.end)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out

