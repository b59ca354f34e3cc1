"""Article text in, claim drafts out: the order in which the extractors run.

sentences → per sentence, dates then numbers (a number inside a date, such as
the year of `février 2022`, is the date's, so numeric drafts that overlap a
date are dropped) → quotes over whole paragraphs → statements for whatever
no atomic claim covers. The result is sorted by position, then kind, so the
same text always gives the same list.

The article is split into paragraphs, folded (`text.fold`) and
lower-cased once, and every extractor reads those copies; the dates of all
sentences are found in one pass (`dates.find_dates_in`), which runs each
pattern over the article instead of over each sentence.

Nothing here catches exceptions: a bug in an extractor must show, not vanish.
What is guarded is the output: a draft whose span is empty, blank or out of
the text is dropped, so a claim always points at real text.
"""

from __future__ import annotations

import gc
from datetime import date

from claimcheck.extract.quotes import find_quotes
from claimcheck.extract.segment import paragraphs
from claimcheck.extract.segment import sentences as split_sentences
from claimcheck.extract.statements import find_statements
from claimcheck.models import NUMERIC_KINDS, ClaimDraft, Kind
from claimcheck.text import fold, lower

# Keyed on the member's identity: hashing an enum member runs Python code, which showed
# in the profile of a sort of fifty thousand drafts. Members are singletons.
_KIND_ORDER = {id(kind): i for i, kind in enumerate(Kind)}


def extract(text: str, lang: str, published: date, *, published_assumed: bool = False) -> list[ClaimDraft]:
    """Every claim draft in `text`, in a deterministic order."""
    # The cyclic garbage collector is paused while extracting: extraction allocates hundreds of
    # thousands of objects but makes no reference cycles to speak of, and the collections that
    # allocation triggers (each walking every draft kept so far) cost a tenth of the time on a
    # long text. Whatever cycles there are wait for the next collection.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _extract(text, lang, published, published_assumed)
    finally:
        if paused:
            gc.enable()


def _extract(text: str, lang: str, published: date, published_assumed: bool) -> list[ClaimDraft]:
    # Imported here, not at the top: they are the other half of extraction and load
    # dateparser and text2num lazily themselves; tests replace them.
    from claimcheck.extract import dates, numbers

    paras = paragraphs(text)
    sentences = split_sentences(text, lang, paras=paras)
    # One folded and one lower-cased copy of the article (same length, so offsets hold),
    # sliced by each extractor, instead of every sentence being folded twice.
    folded = fold(text)
    low = lower(folded)
    dates_of = dates.find_dates_in(text, sentences, lang, published, low=low)
    atomic: list[ClaimDraft] = []
    for (s, e), sentence_dates in zip(sentences, dates_of, strict=True):
        found_dates = _valid(text, sentence_dates)
        found_numbers = _valid(text, numbers.find_numbers(text, s, e, lang, folded=folded, low=low))
        atomic.extend(found_dates)
        if not found_dates:
            atomic.extend(found_numbers)
            continue
        date_spans = [(d.start, d.end) for d in found_dates]
        atomic.extend(n for n in found_numbers if not _overlaps_any(n, date_spans) or n.kind not in NUMERIC_KINDS)
    if published_assumed:
        for draft in atomic:
            if draft.kind == Kind.date and draft.value.get("relative"):
                draft.value["published_assumed"] = True
    atomic.extend(_valid(text, find_quotes(text, sentences, lang, folded=folded, paras=paras)))
    covered = sorted((d.start, d.end) for d in atomic)
    drafts = atomic + _valid(text, find_statements(text, sentences, lang, covered))
    drafts.sort(key=lambda d: (d.start, _KIND_ORDER[id(d.kind)], d.end))
    return _dedupe(drafts)


def _valid(text: str, drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Drafts whose span lies in the text and holds something besides whitespace."""
    n = len(text)
    return [d for d in drafts if 0 <= d.start < d.end <= n and not text[d.start : d.end].isspace()]


def _overlaps_any(draft: ClaimDraft, spans: list[tuple[int, int]]) -> bool:
    start, end = draft.start, draft.end
    return any(s < end and start < e for s, e in spans)


def _dedupe(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Drop exact repeats (same kind and span), keeping the first; `drafts` is sorted, so repeats are neighbours."""
    out: list[ClaimDraft] = []
    for d in drafts:
        if out:
            last = out[-1]
            if d.start == last.start and d.end == last.end and d.kind is last.kind:
                continue
        out.append(d)
    return out
