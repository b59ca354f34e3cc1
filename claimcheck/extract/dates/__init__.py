"""Date claims in one sentence: find the phrase, then resolve it to a period.

`find_dates` scans one sentence of an article with our own French and English
patterns (day-month-year, month, weekday, year, `fin 2023`, `l'année
dernière`, `il y a six ans`, `hier`, decades, quarters...) and returns
`ClaimDraft`s whose value is docs/architecture.md §3.1's `{start, end, granularity,
relative}`; `find_dates_in` does the same for every sentence of an article at
once, which is what the pipeline calls. `date_label` turns such a value into
the short label people scan.

Resolution. A month name is read through our tables, each word confirmed
once by dateparser (imported lazily, never `search_dates`); the day is checked
against the calendar, which rejects impossible dates such as `31 avril`. The
year of a date written without one is ours to choose, because it depends on
the sentence: the next occurrence after publication when the clause around the
date looks ahead (future, conditional, `will`, `is due to`, `d'ici`), the
latest one before it when it looks back (past tenses, `a annoncé`,
`published`), else the nearest. Two clauses get a rule of their own. After
`jusqu'au`, `until`, `through`, the date ends a state, and only the verb that
state hangs on counts: present or future, the state still holds and its end
is ahead (`l'accès est interdit jusqu'au 30 juin`, even inside `a rappelé
que ...`); past, it is over (`était fermé jusqu'au`). After a past request
governing an infinitive (`were advised to travel before 14 October`, `a
demandé aux habitants de partir avant le`), the date is that of the action
asked for, later than the request but possibly over by publication: the
nearest occurrence. Relative phrases (`last year`, `il y a six ans`,
weekdays) are plain arithmetic on the publication date.

Speed. Patterns run on a lower-cased copy of the folded text (same length, so
offsets hold) without re.IGNORECASE, which is ten times slower in Python's
`re`; capitals that matter (`May` the month, `Mars` the planet) are checked on
the original. Each pattern starts with the core of the phrase (a digit, a month
name) and the optional words before it (`le`, `on`, `the end of`) are read
backwards by a small `lead` pattern. Over a whole article each pattern runs
once, not once per sentence; a pattern that is slow to scan with (it opens with
a look-ahead or a long alternation) runs only on the sentences where a cheap
trigger that every match contains occurs (`[12]\\d{3}` for the patterns built on
a year, the month names, `ago`). Month and weekday names are written as tries
(`sept(?:embre)?`). Tense cues are read once per clause, and only for a date
without a year.

Labels: a year is `2023`, a month `2024-03` (ISO, so it reads the same in both
languages and sorts), a day `2024-09-15`; a span joins two of those with an
en dash (`2018–2019`, `2024-01–2024-03`, `2024-05-13–2024-05-19`).

Here the scan; the patterns are in `patterns.py`, what each match means in
`handlers.py` and `years.py`, the tense cues and directions in `cues.py`, the
values and month words in `values.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, datetime

from claimcheck.extract.dates.cues import _Context
from claimcheck.extract.dates.dispatch import _PATTERNS
from claimcheck.extract.dates.patterns import _TRIGGERS
from claimcheck.extract.dates.values import _Found
from claimcheck.models import ClaimDraft, Kind
from claimcheck.text import fold, lower

__all__ = ["date_label", "find_dates", "find_dates_in"]

# What the whole-article scan puts between sentences: no pattern matches it.
_GAP = "\x00"

# ---------------------------------------------------------------- public API


def find_dates(
    text: str, start: int, end: int, lang: str, published: date, *, low: str | None = None
) -> list[ClaimDraft]:
    """Date claims in `text[start:end]` (one sentence), with absolute offsets, sorted, non-overlapping.

    `low` is `lower(fold(text))` when the caller already has it; otherwise the
    sentence is folded here. For a whole article, `find_dates_in` is faster.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lang, published = _language(lang), _day(published)
    sentence = text[start:end]
    scan = lower(fold(sentence)) if low is None or len(low) != len(text) else low[start:end]
    found = _scan(sentence, scan, [(0, len(sentence))], lang, published)[0]
    return _drafts(found, start)


def find_dates_in(
    text: str, sentences: list[tuple[int, int]], lang: str, published: date, *, low: str | None = None
) -> list[list[ClaimDraft]]:
    """The date claims of each sentence of `text` (a list per sentence, in order), absolute offsets.

    Same claims as `find_dates` on each sentence, found by running each
    pattern once over the whole article rather than once per sentence: the
    per-call cost of fifteen patterns on thousands of short sentences was most
    of the time. The patterns read a copy of `low` in which every character
    outside the sentences is NUL, which no pattern matches, so no match can run
    from one sentence into the next and every look-around at a sentence's edge
    sees what it would see at the end of a lone sentence. Sentences that touch
    (no character between them, as when a run without spaces is cut) are read
    one by one.
    """
    lang, published = _language(lang), _day(published)
    if low is None or len(low) != len(text):
        low = lower(fold(text))
    n = len(text)
    bounds = [(max(0, min(s, n)), max(0, min(e, n))) for s, e in sentences]
    ordered = all(s <= e for s, e in bounds) and all(bounds[i][1] <= bounds[i + 1][0] for i in range(len(bounds) - 1))
    if not ordered:
        return [find_dates(text, s, e, lang, published, low=low) for s, e in bounds]
    alone = {i for i in range(1, len(bounds)) if bounds[i][0] == bounds[i - 1][1]}
    alone |= {i - 1 for i in alone}
    pieces, pos = [], 0
    for s, e in bounds:
        pieces.append(_GAP * (s - pos))
        pieces.append(low[s:e])
        pos = e
    pieces.append(_GAP * (n - pos))
    found = _scan(text, "".join(pieces), bounds, lang, published, skip=alone)
    out = [_drafts(f, 0) for f in found]
    for i in alone:
        out[i] = find_dates(text, *bounds[i], lang, published, low=low)
    return out


def _language(lang: str) -> str:
    return "fr" if (lang or "").lower().startswith("fr") else "en"


def _day(published: date) -> date:
    return published.date() if isinstance(published, datetime) else published


def _scan(
    original: str,
    scan: str,
    sentences: list[tuple[int, int]],
    lang: str,
    published: date,
    skip: set[int] | frozenset[int] = frozenset(),
) -> list[list[_Found]]:
    """Run every pattern over `scan` and hand each match to its sentence's handler.

    `original` and `scan` share their offsets (`scan` is the folded, lower-cased
    copy); `sentences` are sorted and disjoint. A pattern with a trigger runs
    only on the sentences where its trigger occurs; the others run once over
    all of `scan`. A sentence's context (its clauses and tense cues) is built
    only once a pattern matches in it.
    """
    starts = [s for s, _ in sentences]
    found: list[list[_Found]] = [[] for _ in sentences]
    contexts: dict[int, _Context] = {}
    triggered: dict[str, list[int]] = {}
    for pattern, handler, trigger in _PATTERNS[lang]:
        if trigger is None:
            matches = pattern.finditer(scan)
        else:
            if trigger not in triggered:
                triggered[trigger] = _sentences_with(_TRIGGERS[trigger], scan, starts)
            matches = (m for i in triggered[trigger] for m in pattern.finditer(scan, *sentences[i]))
        for m in matches:
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or i in skip or m.end() > sentences[i][1]:
                continue
            ctx = contexts.get(i)
            if ctx is None:
                ctx = contexts[i] = _Context(original, scan, lang, published, *sentences[i])
            try:
                got = handler(m, ctx)
            except (ValueError, OverflowError):
                # A period beyond date.min/date.max: no claim rather than a crash.
                got = None
            if got is not None:
                found[i].append(got)
    return [_joined(scan, _non_overlapping(f)) if len(f) > 1 else f for f in found]


def _sentences_with(triggers: tuple[re.Pattern[str], ...], scan: str, starts: list[int]) -> list[int]:
    """The indexes of the sentences (by their `starts`) where one of `triggers` occurs, in order."""
    found: set[int] = set()
    for trigger in triggers:
        last = -1
        for m in trigger.finditer(scan):
            i = bisect_right(starts, m.start()) - 1
            if i != last and i >= 0:
                found.add(i)
                last = i
    return sorted(found)


def _drafts(found: list[_Found], offset: int) -> list[ClaimDraft]:
    return [
        ClaimDraft(kind=Kind.date, start=offset + s, end=offset + e, value=value, text=date_label(value))
        for s, e, value in found
    ]


def date_label(value: dict) -> str:
    """`2023`, `2024-03`, `2024-09-15`, or two of those joined by an en dash for a longer span."""
    first = str(value.get("start") or "")
    last = str(value.get("end") or first)
    cut = {"year": 4, "month": 7}.get(str(value.get("granularity")), 10)
    head, tail = first[:cut], last[:cut]
    if not tail or head == tail:
        return head
    return f"{head}–{tail}"


# `du 3 novembre 2025 au 30 juin 2026`, `from Oct. 2 to October 22`, `between May 3 and June 1`:
# two dates the words make one span. Matched on the lower-cased text: the opening word before the
# first date (or opening it), the joining word between the two.
_SPAN_OPENING = re.compile(r"(?<![\w-])(?P<w>du|de|from|between|entre)\s+(?:le\s+|the\s+)?$")
_SPAN_OPENED = re.compile(r"(?:du|de|from|between|entre)\s")
_SPAN_JOIN = re.compile(r"\s*(?:(?P<to>au|à|to|through|until|till|[-–])|(?P<and>et|and))\s+(?:le\s+|the\s+)?\Z")


def _joined(scan: str, found: list[_Found]) -> list[_Found]:
    """Two neighbouring dates that the text writes as one span, made one claim from the first to the last day."""
    out: list[_Found] = []
    for item in found:
        if out and _spans_with(scan, out[-1], item):
            first = out[-1]
            out[-1] = (_span_start(scan, first), item[1], _span_value(first[2], item[2]))
            continue
        out.append(item)
    return out


def _span_start(scan: str, first: _Found) -> int:
    opening = _SPAN_OPENING.search(scan, max(0, first[0] - 16), first[0])
    return opening.start() if opening else first[0]


def _spans_with(scan: str, first: _Found, second: _Found) -> bool:
    a, b = first[2], second[2]
    if a.get("granularity") != b.get("granularity") or a.get("granularity") == "year":
        return False  # years have their own span pattern; a day and a month are not one span
    join = _SPAN_JOIN.match(scan, first[1], second[0])
    if join is None or join.end() != second[0]:
        return False
    opening = _SPAN_OPENING.search(scan, max(0, first[0] - 16), first[0])
    word = opening.group("w") if opening else (_SPAN_OPENED.match(scan, first[0]) or [""])[0].strip()
    if join.group("and"):
        return word in ("between", "entre")
    return word in ("du", "de", "from")


def _span_value(a: dict, b: dict) -> dict:
    """From a's first day to b's last; a first date written without its year takes the one that puts it before b."""
    start, end = date.fromisoformat(a["start"]), date.fromisoformat(b["end"])
    if start > end and a.get("relative"):
        try:
            start = start.replace(year=start.year - 1)
        except ValueError:
            return a  # 29 February: no such day a year back
    if start > end:
        return a
    value = dict(a)
    value.update(start=start.isoformat(), end=end.isoformat(), relative=bool(a.get("relative") and b.get("relative")))
    return value


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Longest phrases first (`le 15 septembre 2024` over `septembre 2024`), then in text order."""
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f[0])
