"""Date claims in one sentence: find the phrase, then resolve it to a period.

`find_dates` scans one sentence of an article with our own French and English
patterns (day-month-year, month, weekday, year, `fin 2023`, `l'année
dernière`, `il y a six ans`, `hier`, decades, quarters...) and returns
`ClaimDraft`s whose value is DESIGN 2.1's `{start, end, granularity,
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
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from claimcheck.extract import date_words as w
from claimcheck.models import ClaimDraft, Kind
from claimcheck.text import fold, lower

# Directions a year-less date can take. The strict ones exclude the
# publication day itself: `next Thursday` written on a Thursday is a week away.
AHEAD, BACK, NEAREST, AHEAD_STRICT, BACK_STRICT = "ahead", "back", "nearest", "ahead!", "back!"

_Value = dict[str, Any]
_Found = tuple[int, int, _Value]

# ---------------------------------------------------------------- patterns

_NOT_AFTER = r"(?![^\W_]|[,.]\d)"  # no letter or digit glued after; `2,021` is a number
_YEAR_ANY = r"(?P<year>[12]\d{3})"
_YEAR_BARE = r"(?:19\d\d|20\d\d|2100)"

_MON_FR_FULL = w.alternation(w.MONTHS_FR)
_MON_FR_ALL = w.alternation([*w.MONTHS_FR, *w.MONTH_ABBR_FR])
_WD_FR = w.alternation(w.WEEKDAYS_FR)
_MON_EN_FULL = w.alternation(w.MONTHS_EN)
_MON_EN_ALL = w.alternation([*w.MONTHS_EN, *w.MONTH_ABBR_EN])
_WD_EN = w.alternation(w.WEEKDAYS_EN)

# French.
_FR_DAY = re.compile(
    rf"(?=[\dp])(?P<day>\d{{1,2}}|1er|premier)\s+(?P<mon>{_MON_FR_ALL})\b\.?(?:\s+{_YEAR_ANY})?{_NOT_AFTER}"
    r"(?:\s+(?P<rel>dernier|prochain)\b)?"
)
_FR_DAY_LEAD = re.compile(rf"(?<![\w-])(?:(?:le|ce)\s+)?(?:(?:{_WD_FR})\s+)?$")
_FR_MONTH_YEAR = re.compile(rf"(?P<mon>{_MON_FR_ALL})\b\.?\s+{_YEAR_ANY}{_NOT_AFTER}")
_FR_MONTH = re.compile(rf"(?P<mon>{_MON_FR_FULL})(?![\w-])(?:\s+(?P<rel>dernier|prochain)\b)?")
_FR_MONTH_LEAD = re.compile(
    r"(?:(?<![\w-])(?:en|courant|début|fin|au\s+mois\s+de|mois\s+de)\s+|(?<![\w-])mi-\s*|(?<![\w-])(?:au\s+)?mois\s+d')$"
)
_FR_WEEKDAY = re.compile(rf"(?P<wd>{_WD_FR})(?![\w-])(?:\s+(?P<rel>dernier|prochain|passé)\b)?")
_FR_WEEKDAY_LEAD = re.compile(r"(?<![\w-])ce\s+$")
_NUM_FR = w.number_pattern(w.NUMBERS_FR)
# Relative phrases are found by their head word (`année`, `hier`), the words
# before it (`l'`, `cette`, `la fin de l'`) read backwards: a plain alternation of
# words is what Python's `re` scans fastest.
_FR_RELATIVE_HEADS = w.alternation("année an mois semaine avant-hier après-demain hier aujourd'hui demain".split())
_FR_RELATIVE = re.compile(
    rf"(?:{_FR_RELATIVE_HEADS})"
    r"(?:-ci\b|(?![\w-]))"
    r"(?:\s+(?:dernière|dernier|passée|passé|prochaine|prochain)\b)?"
)
_FR_RELATIVE_LEAD = re.compile(
    r"(?<![\w-])(?:(?P<this>cette|cet|ce)\s+|l'|le\s+|la\s+"
    r"|(?P<part>(?:la\s+|le\s+)?(?:fin|début|milieu)\s+(?:de\s+l'|du\s+|de\s+la\s+)))$"
)
_FR_AGO = re.compile(
    rf"il\s+y\s+a\s+(?:(?:près\s+de|plus\s+de|moins\s+de|environ|presque|quelque)\s+)?(?P<ago>{_NUM_FR})\s+"
    r"(?P<ago_unit>ans?|années?|mois|semaines?|jours?)(?![\w-])"
    rf"|dans\s+(?P<in>{_NUM_FR})\s+(?P<in_unit>ans|années|mois|semaines|jours)(?![\w-])"
)
_FR_PART_YEAR = re.compile(
    rf"(?P<part>fin|début|mi|milieu|courant)(?:\s*-\s*|\s+de\s+l'année\s+|\s+de\s+|\s+){_YEAR_ANY}{_NOT_AFTER}"
)
_FR_PART_LEAD = re.compile(r"(?<![\w-])(?:à\s+la|la|au|le)\s+$")
_FR_QUARTER = re.compile(
    r"(?P<ord>premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|quatrième|4e|4ème)\s+"
    rf"(?P<unit>trimestre|semestre)\s+(?:de\s+|d'\s*)?{_YEAR_ANY}{_NOT_AFTER}"
)
_FR_QUARTER_LEAD = re.compile(r"(?<![\w-])(?:le|au)\s+$")
_FR_DECADE = re.compile(r"les\s+années\s+(?P<dec>(?:19|20)?\d0)(?!\w)")

# English. Month and weekday names must be capitalised in the original (checked in the handlers).
_EN_DAY_MONTH = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON_EN_ALL})\b\.?(?:,?\s+{_YEAR_ANY})?{_NOT_AFTER}"
)
_EN_DAY_LEAD = re.compile(rf"(?<![\w-])(?:on\s+)?(?:(?:{_WD_EN}),?\s+)?(?:the\s+)?$")
_EN_MONTH_DAY = re.compile(
    rf"(?P<mon>{_MON_EN_ALL})\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_NOT_AFTER}"
    rf"(?:\s*(?:[-–]|to|and|through)\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?{_NOT_AFTER})?"
    rf"(?:,?\s+{_YEAR_ANY}{_NOT_AFTER})?"
)
_EN_MONTH_DAY_LEAD = re.compile(rf"(?<![\w-])(?:on\s+|between\s+|from\s+)?(?:(?:{_WD_EN}),?\s+)?$")
# The first day of a span written before the second: `du 11 au 22 novembre`, `3-5 March`.
_FIRST_DAY = {
    "fr": re.compile(
        r"(?<![\w-])(?:(?:du|entre\s+le|les)\s+)?(?P<first>\d{1,2}|1er)\s*(?:au|et(?:\s+le)?|[-–])\s*$"
    ),
    "en": re.compile(
        r"(?<![\w-])(?:(?:from|between)\s+(?:the\s+)?)?(?P<first>\d{1,2})(?:st|nd|rd|th)?\s*"
        r"(?:to|and(?:\s+the)?|through|[-–])\s*$"
    ),
}
_EN_MONTH_YEAR = re.compile(rf"(?P<mon>{_MON_EN_ALL})\b\.?(?:,|\s+of)?\s+{_YEAR_ANY}{_NOT_AFTER}")
_EN_MONTH = re.compile(rf"(?P<mon>{_MON_EN_FULL})(?![\w-])")
_EN_MONTH_LEAD = re.compile(
    r"(?:(?<![\w-])(?:in|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
    r"|last|next|this|this\s+past|this\s+coming)\s+|(?<![\w-])mid-\s*)$"
)
_EN_WEEKDAY = re.compile(rf"(?P<wd>{_WD_EN})(?![\w-])")
_EN_WEEKDAY_LEAD = re.compile(r"(?<![\w-])(?:on|last|next|this|this\s+past|this\s+coming|coming)\s+$")
_NUM_EN = w.number_pattern(w.NUMBERS_EN)
_EN_RELATIVE_HEADS = w.alternation("year month week yesterday today tomorrow".split())
_EN_RELATIVE = re.compile(rf"(?:{_EN_RELATIVE_HEADS})(?![\w-])")
_EN_RELATIVE_LEAD = re.compile(
    r"(?<![\w-])(?:(?P<mod>last|this\s+past|this|next|this\s+coming|coming)\s+"
    r"|(?P<part>(?:the\s+)?(?:end|start|beginning|middle|close|rest)\s+of\s+(?P<part_mod>the|this|next|last)\s+)"
    r"|(?P<day>the\s+day\s+(?:before|after)\s+))$"
)
# `two years ago`: found by its unit, the number read backwards by _EN_AGO_LEAD.
_EN_AGO = re.compile(r"(?P<ago_unit>years?|months?|weeks?|days?|decades?)\s+ago(?![\w-])")
_EN_AGO_LEAD = re.compile(rf"(?<![\w-])(?P<ago>{_NUM_EN})\s+$")
_EN_PART_YEAR = re.compile(
    rf"(?=[esbmclt])(?:(?P<part>end|start|beginning|middle|close|turn)\s+of\s+|(?P<part2>early|late|mid|end)(?:-\s*|\s+))"
    rf"{_YEAR_ANY}{_NOT_AFTER}"
)
_THE_LEAD = re.compile(r"(?<![\w-])the\s+$")
_EN_QUARTER = re.compile(
    r"(?=[fst1-4qh])(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)\s+of|(?P<q>[qh][1-4]))"
    rf"\s+{_YEAR_ANY}{_NOT_AFTER}"
)
_EN_DECADE = re.compile(r"(?=[\d'])(?P<dec>(?:19|20)\d0|'\d0|\d0)s(?![\w'])")

# Seasons, meteorological (winter is December to February), northern hemisphere.
_FR_SEASON = re.compile(
    r"(?P<season>printemps|été|automne|hiver)(?![\w-])"
    rf"(?:\s+(?P<rel>dernier|prochain|passé)\b|\s+(?:de\s+)?{_YEAR_ANY}{_NOT_AFTER})?"
)
_FR_SEASON_LEAD = re.compile(r"(?<![\w-])(?:(?P<this>cet|ce)\s+|l'|le\s+|au\s+|en\s+|à\s+l')$")
_EN_SEASON = re.compile(
    rf"(?P<season>spring|summer|autumn|fall|winter)(?![\w-])(?:\s+(?:of\s+)?{_YEAR_ANY}{_NOT_AFTER})?"
)
_EN_SEASON_LEAD = re.compile(r"(?<![\w-])(?P<mod>last|this\s+past|this|next|this\s+coming|coming|the)\s+$")

# Both languages.
_ISO = re.compile(r"(?P<year>[12]\d{3})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\w/]|[.-]\d)")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>[12]\d{3})(?![\w/]|[.,]\d)")
_YEAR_RANGE = re.compile(
    rf"(?P<y1>{_YEAR_BARE})\s*(?P<sep>[-–—/]|(?:à|au|to|et|and|through|until|jusqu'en|thru)(?=\s))\s*"
    rf"(?P<y2>{_YEAR_BARE}|\d\d){_NOT_AFTER}(?!\s*%)"
)
_RANGE_LEAD = re.compile(r"(?:(?<![\w-])(?P<lead>entre|between|from|de|du|of)\s+|(?<![\w-])(?P<elided>d')\s*)$")
_YEAR = re.compile(rf"(?P<year>{_YEAR_BARE}){_NOT_AFTER}(?![-–/]\d|\s*%)")
# What may stand right before a bare number for it to be a year (`en 2021`, `by 2030`).
_YEAR_LEAD = {
    "fr": re.compile(
        r"(?<![\w-])(?:en|depuis|d'ici(?:\s+à)?|jusqu'en|dès|avant|après|courant|vers|année|l'année|an|l'an|"
        r"exercice|printemps|été|l'été|automne|l'automne|hiver|l'hiver|saison|budget|millésime|promotion|"
        r"au\s+cours\s+de)\s+$"
    ),
    "en": re.compile(
        r"(?<![\w-])(?:in|since|by|until|till|through|before|after|during|circa|year|fiscal|fy|spring|summer|"
        r"autumn|fall|winter|season|class\s+of|as\s+of|in\s+early|in\s+late)\s+$"
    ),
}
_IN_PARENS = re.compile(r"\(\s*$")
# `pour 2025`, `for 2025` are years only when no counted noun follows (`pour 2000 euros`).
_WEAK_YEAR_LEAD = {
    "fr": re.compile(r"(?<![\w-])(?:pour|à)\s+$"),
    "en": re.compile(r"(?<![\w-])for\s+$"),
}
_NEXT_WORD = re.compile(r"\s*(?P<word>[^\W\d_]*)")
# A word after a year that cannot be what the number counts.
_NOT_COUNTED = {
    "fr": w.FR_AFTER_YEAR,
    "en": w.EN_AFTER_YEAR,
}

# Weekdays in names of feasts and shopping days are not dates of the news (matched on the original).
_EN_WEEKDAY_NAMES = re.compile(r"\b(?:Easter|Good|Black|Cyber|Super|Ash|Bloody|Palm|Holy|Maundy|Shrove|Whit)\s+$")
_FR_HABITUAL = re.compile(r"(?<![\w-])(?:le|les|chaque|tous\s+les)\s+$")
_EN_MONTH_BEFORE = re.compile(
    r"(?<![\w-])(?:by|since|until|till|through|from|before|after|during|of|between|and|or|to)\s+$"
)
_PREV_WORD = re.compile(r"(\S+)\s+$")
_DAY_BEFORE = re.compile(r"(?<!\w)\d{1,2}(?:er|st|nd|rd|th)?\s+$")
_WORD = re.compile(r"\w")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")

# What the whole-article scan puts between sentences: no pattern matches it.
_GAP = "\x00"

# `jusqu'au`, `until`, `through` right before a date phrase (which may open with `en`, `la fin`).
_UNTIL_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:jusqu'(?:au|aux|à|a|en)|jusque\s+(?:au|à)|until|till|through|thru)\s+(?:la\s+|le\s+|l')?"
    r"|(?<![\w-])jusqu')$"
)
# A clause holding nothing but the date and its `until` (the words before the date only).
_UNTIL_ALONE = re.compile(
    r"\W*(?:jusqu'(?:au|aux|à|a|en)?|jusque\s+(?:au|à)|until|till|through|thru)\s*(?:la\s+|le\s+|l')?$"
)
# A present copula before an English -ed word makes it an adjective or a present passive.
_PRESENT_COPULA = re.compile(
    r"(?<![\w'])(?:is|are|am|'s|'re|remains?|stays?)\s+(?:(?:not|still|now|also|currently|temporarily)\s+)?$"
)
# Where a subordinate clause starts inside a clause: the verb before it is not the date's.
_SUBORDINATOR = {
    "fr": re.compile(
        r"(?<![\w-])(?:(?:que|qui|où|dont|lorsque|quand|puisque|car|si|parce\s+que)(?![\w'-])|(?:qu|lorsqu|puisqu)')"
    ),
    "en": re.compile(
        r"(?<![\w-])(?:that|which|who|whom|where|when|because|while|whereas|although|though|if)(?![\w'-])"
    ),
}

# Clause boundaries for tense cues: a cue in the date's own clause beats a nearer one across a comma.
_CLAUSE_BREAK = re.compile(r"[,;:!?()\[\]—–]|\s-\s|\.\s+(?=[A-ZÀ-Ý«\"“])")

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
    ordered = all(s <= e for s, e in bounds) and all(
        bounds[i][1] <= bounds[i + 1][0] for i in range(len(bounds) - 1)
    )
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
    return [_non_overlapping(f) if f else f for f in found]


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


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Longest phrases first (`le 15 septembre 2024` over `septembre 2024`), then in text order."""
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f[0])


# ---------------------------------------------------------------- context and direction


class _Context:
    """One sentence being scanned; clauses and tense cues are read only when a year-less date needs them.

    `sentence` and `low` may hold more than the sentence (the whole article):
    the sentence is `[start, end)` in both, and nothing here reads outside it.
    """

    def __init__(self, sentence: str, low: str, lang: str, published: date, start: int, end: int) -> None:
        self.sentence = sentence  # as written: its capitals tell `May` the month from `may`
        self.low = low  # folded and lower-cased, same length: what the patterns read
        self.lang = lang
        self.published = published
        self.start, self.end = start, end
        self._clauses: list[tuple[int, int, int]] | None = None
        self._cues: dict[int, list[tuple[int, int, str]]] = {}

    def lead(self, pos: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The words right before `pos` that `pattern` (anchored with `$`) accepts, if any."""
        return pattern.search(self.low, max(self.start, pos - 48), pos)

    def glued(self, pos: int, also: str = "") -> bool:
        """Whether the character before `pos` sticks to the phrase (`Thierry`, `12021`, `2,021`)."""
        if pos <= self.start:
            return False
        before = self.low[pos - 1]
        return before.isalnum() or before == "_" or before in also

    def at_sentence_start(self, pos: int) -> bool:
        """Nothing but punctuation before `pos`: a capital there proves nothing."""
        return _WORD.search(self.low, self.start, pos) is None

    def clauses(self) -> list[tuple[int, int, int]]:
        """(start, end, piece) for each clause; `piece` counts full stops, for text holding two sentences."""
        if self._clauses is None:
            out, pos, piece = [], self.start, 0
            for m in _CLAUSE_BREAK.finditer(self.sentence, self.start, self.end):
                out.append((pos, m.start(), piece))
                piece += m.group()[0] == "."
                pos = m.end()
            out.append((pos, self.end, piece))
            self._clauses = out
        return self._clauses

    def _clause_cues(self, index: int) -> list[tuple[int, int, str]]:
        if index not in self._cues:
            a, b, _ = self.clauses()[index]
            self._cues[index] = _read_cues(self, a, b)
        return self._cues[index]

    def direction(self, s: int, e: int) -> str:
        """Which way the clause around sentence[s:e] looks: the nearest tense cue decides.

        A cue in the date's own clause wins (`quitteraient le pays au plus tard le 15
        septembre, ont-ils annoncé dimanche`); failing that, the nearest cue of the
        rest of the sentence, leaving out attributions (`, officials said.`), whose
        tense is that of the telling, not of the date.
        """
        clauses = self.clauses()
        own = next((i for i, (a, b, _) in enumerate(clauses) if a <= s <= b), 0)
        if _UNTIL_BEFORE.search(self.low, max(self.start, s - 24), s):
            return self._until_direction(own, s, e)
        cues = [c for c in self._clause_cues(own) if c[1] <= s or c[0] >= e]
        if not cues:
            piece = clauses[own][2]
            others = [i for i in range(len(clauses)) if i != own and not self._is_attribution(i)]
            # The date's own sentence first, should the caller have passed two.
            for pool in ([i for i in others if clauses[i][2] == piece], others):
                cues = [c for i in pool for c in self._clause_cues(i)]
                if cues:
                    break
        if not cues:
            return NEAREST
        best = min(cues, key=lambda c: s - c[1] if c[1] <= s else c[0] - e)
        return best[2]

    def _until_direction(self, own: int, s: int, e: int) -> str:
        """The way a date after `jusqu'au`, `until`, `through` looks: that of the state it ends.

        Only the verb the phrase hangs on counts, so the cues are those of its own
        clause cut at subordinators: in `a rappelé que l'accès est interdit jusqu'au
        30 juin` the state is `est interdit`, a present. A state in the present or
        the future still holds, so its end is ahead (`is closed until 30 June`,
        `restera fermé jusqu'au 30 juin`); in the past, it is over (`était fermé
        jusqu'au 30 juin`, `was closed until June`). A phrase standing alone at the
        head of the sentence (`Until 30 June, the road was closed`) takes the tense
        of the clause after it.
        """
        clauses = self.clauses()
        a, b, _ = clauses[own]
        local_start = max((m.end() for m in _SUBORDINATOR[self.lang].finditer(self.low, a, s)), default=a)
        after = _SUBORDINATOR[self.lang].search(self.low, e, b)
        local_end = after.start() if after else b
        cues = [
            c for c in self._clause_cues(own) if local_start <= c[0] and c[1] <= local_end and (c[1] <= s or c[0] >= e)
        ]
        alone = not cues and _WORD.search(self.low, e, b) is None and _UNTIL_ALONE.match(self.low, a, s) is not None
        if alone and own + 1 < len(clauses) and not self._is_attribution(own + 1):
            cues = self._clause_cues(own + 1)
        if not cues:
            return AHEAD
        best = min(cues, key=lambda c: s - c[1] if c[1] <= s else c[0] - e)
        return NEAREST if best[2] == NEAREST else (AHEAD if best[2] == AHEAD else BACK)

    def _is_attribution(self, index: int) -> bool:
        a, b, _ = self.clauses()[index]
        piece = self.low[a:b]
        return len(piece.split()) <= 8 and w.SPEECH.search(piece) is not None


def _read_cues(ctx: _Context, a: int, b: int) -> list[tuple[int, int, str]]:
    """The tense cues of the clause low[a:b], with the direction each gives."""
    out = []
    cues, not_future, not_past = (
        (w.FR_CUES, w.FR_NOT_FUTURE, w.FR_NOT_PAST) if ctx.lang == "fr" else (w.EN_CUES, frozenset(), w.EN_NOT_PAST)
    )
    for m in cues.finditer(ctx.low, a, b):
        kind = m.lastgroup or ""
        word = m.group()
        direction = AHEAD if kind.startswith("ahead") else NEAREST if kind.startswith("nearest") else BACK
        if kind in ("ahead1", "back1"):
            # A word read only by its ending: not a capitalised name (`Shakira`, `Mohamed`).
            if not ctx.sentence[m.start()].islower() or word in not_past:
                continue
            if word in not_future:
                direction = BACK  # `retirait` is the imperfect of retirer, not a conditional
            copula = kind == "back1" and ctx.lang == "en"
            if copula and _PRESENT_COPULA.search(ctx.low, max(a, m.start() - 24), m.start()):
                continue  # `is closed`, `remains banned`: a state now, not a past event
        elif kind == "back0" and word.rsplit(None, 1)[-1] in w.FR_NOT_PARTICIPLE:
            continue
        elif word == "may" and ctx.sentence[m.start()] == "M":
            continue  # the month, not the modal
        out.append((m.start(), m.end(), direction))
    return out


def _rel_direction(rel: str | None) -> str | None:
    """The direction a word of the phrase itself gives (`mardi dernier`, `next Monday`), if any."""
    last = rel.split()[-1] if rel and rel.strip() else ""
    if last in ("dernier", "last", "passé", "past"):
        return BACK_STRICT
    if last in ("prochain", "next", "coming"):
        return AHEAD_STRICT
    return None


def _pick(candidates: list[Any], pivot: Any, direction: str, distance: Callable[[Any, Any], int]) -> Any:
    """The candidate a direction selects around the publication date (`pivot`)."""
    def gap(c: Any) -> int:
        return distance(c, pivot)

    if direction in (AHEAD, AHEAD_STRICT):
        floor = 0 if direction == AHEAD else 1
        return min((c for c in candidates if gap(c) >= floor), key=gap, default=None)
    if direction in (BACK, BACK_STRICT):
        ceiling = 0 if direction == BACK else -1
        return max((c for c in candidates if gap(c) <= ceiling), key=gap, default=None)
    # Nearest; on a tie the earlier one, since news reports more than it announces.
    return min(candidates, key=lambda c: (abs(gap(c)), gap(c)), default=None)


# ---------------------------------------------------------------- values


def _value(first: date, last: date, granularity: str, relative: bool) -> _Value:
    return {"start": first.isoformat(), "end": last.isoformat(), "granularity": granularity, "relative": relative}


def _year_value(year: int, relative: bool = False, last_year: int | None = None) -> _Value:
    return _value(date(year, 1, 1), date(last_year or year, 12, 31), "year", relative)


def _month_value(year: int, month: int, relative: bool, months: int = 1) -> _Value:
    return _value(date(year, month, 1), _month_end(year, month, months), "month", relative)


def _day_value(day: date, relative: bool) -> _Value:
    return _value(day, day, "day", relative)


def _week_value(day: date) -> _Value:
    monday = day - timedelta(days=day.weekday())
    return _value(monday, monday + timedelta(days=6), "day", True)


def _shifted(pub: date, unit: str, shift: int) -> _Value:
    """The year (y), month (m), week (w) or day (d) `shift` units from the publication date."""
    if unit == "y":
        return _year_value(pub.year + shift, relative=True)
    if unit == "m":
        year, month = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        return _month_value(year, month + 1, relative=True)
    if unit == "w":
        return _week_value(pub + timedelta(weeks=shift))
    return _day_value(pub + timedelta(days=shift), relative=True)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- reading day and month


@lru_cache(maxsize=1)
def _parsers() -> dict[str, Any]:
    from dateparser.date import DateDataParser  # heavy: only once a date phrase is found

    # A fixed base: we only ask which month a word names, never which year.
    settings = {"RELATIVE_BASE": datetime(2000, 1, 1), "PREFER_DAY_OF_MONTH": "first"}
    return {lang: DateDataParser(languages=[lang], settings=settings) for lang in ("fr", "en")}


@lru_cache(maxsize=256)
def _word_month(word: str, lang: str) -> int | None:
    """The month `word` names, once dateparser agrees; None for a word it does not read as that month.

    Asked once per word, not per phrase: checked against dateparser on every
    table word with every day and year, reading `15 septembre 2024` is this
    lookup plus the calendar, and a call per phrase cost ~0.4 ms on text whose
    dates do not repeat.
    """
    month = _month_number(word, lang)
    if month is None:
        return None
    try:
        data = _parsers()[lang].get_date_data(word)
    except Exception:  # dateparser raises odd errors on odd input: no month then
        return None
    if data is None or data.date_obj is None or data.date_obj.month != month:
        return None
    return month


def _month_number(word: str, lang: str) -> int | None:
    key = word.rstrip(".")
    if lang == "fr":
        return w.MONTHS_FR.get(key) or w.MONTH_ABBR_FR.get(key)
    return w.MONTHS_EN.get(key) or w.MONTH_ABBR_EN.get(key)


def _month_read(month_word: str, lang: str, day: int | None = None, year: str | None = None) -> int | None:
    """The month number of a phrase when it is a real date; None for `31 avril` or `29 février 2023`."""
    month = _word_month(month_word.rstrip("."), lang)
    if month is None:
        return None
    # Without a year, a leap year: `29 février` exists, its year is chosen later.
    if day is not None and not 1 <= day <= calendar.monthrange(int(year) if year else 2000, month)[1]:
        return None
    return month


def _numeric_date(a: int, b: int, year: int, lang: str) -> date | None:
    """`14/02/2024`: French puts the day first, English the month, each unless that is impossible."""
    for day, month in ((a, b), (b, a)) if lang == "fr" else ((b, a), (a, b)):
        if 1 <= month <= 12 and (found := _safe_date(year, month, day)):
            return found
    return None


# ---------------------------------------------------------------- handlers


def _en_capitalised(ctx: _Context, pos: int) -> bool:
    """English month and weekday names are capitalised; lower-case `may`, `march` are verbs."""
    return ctx.lang == "fr" or ctx.sentence[pos].isupper()


def _day_month(m: re.Match[str], ctx: _Context) -> _Found | None:
    """`15 septembre`, `le 1er février 2025`, `on 14 February`, `du 11 au 22 novembre`."""
    if ctx.glued(m.start(), ",.") or not _en_capitalised(ctx, m.start("mon")):
        return None
    span = ctx.lead(m.start(), _FIRST_DAY[ctx.lang])
    if span is not None:
        first = 1 if span.group("first") == "1er" else int(span.group("first"))
        return _day_date(m, ctx, span.start(), first)
    lead = ctx.lead(m.start(), _FR_DAY_LEAD if ctx.lang == "fr" else _EN_DAY_LEAD)
    return _day_date(m, ctx, lead.start() if lead else m.start())


def _month_day(m: re.Match[str], ctx: _Context) -> _Found | None:
    """`February 14, 2024`, `on Sept. 3`, `March 3-5`."""
    if ctx.glued(m.start(), "-") or not _en_capitalised(ctx, m.start("mon")):
        return None
    lead = ctx.lead(m.start(), _EN_MONTH_DAY_LEAD)
    return _day_date(m, ctx, lead.start() if lead else m.start())


_FULL_MONTHS = frozenset(w.MONTHS_FR) | frozenset(w.MONTHS_EN)


def _day_date(m: re.Match[str], ctx: _Context, s: int, first: int | None = None) -> _Found | None:
    """The day (or span of days) of a match with `day`, `mon` and maybe `year`, `day2`, `rel`."""
    groups = m.groupdict()
    month_word, day_text, year = groups["mon"], groups["day"], groups["year"]
    day = 1 if day_text in ("1er", "premier") else int(day_text)
    if groups.get("day2"):
        first, day = day, int(groups["day2"])
    if first is not None and not 0 < first < day:
        first = None
    month = _month_read(month_word, ctx.lang, day, year)
    if month is None:
        return None
    e = m.end()
    if not year and ctx.low[e - 1] == "." and m.end("mon") == e - 1 and month_word in _FULL_MONTHS:
        e -= 1  # the full stop of the sentence, not an abbreviation's
    if year:
        found = _safe_date(int(year), month, day)
        relative = False
    else:
        direction = _rel_direction(groups.get("rel")) or ctx.direction(s, e)
        pub = ctx.published
        candidates = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
        found = _pick(candidates, pub, direction, lambda c, p: (c - p).days)
        relative = True
    if found is None:
        return None
    value = _day_value(found, relative)
    if first is not None:
        value["start"] = found.replace(day=first).isoformat()
    return s, e, value


def _month_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    if not _en_capitalised(ctx, m.start("mon")):
        return None
    lead = ctx.lead(m.start(), _FR_MONTH_LEAD if ctx.lang == "fr" else _EN_MONTH_LEAD)
    if lead is None and ctx.glued(m.start(), "-"):
        return None
    year = m.group("year")
    month = _month_read(m.group("mon"), ctx.lang, year=year)
    if month is None:
        return None
    return (lead.start() if lead else m.start()), m.end(), _month_value(int(year), month, relative=False)


def _month_only(m: re.Match[str], ctx: _Context) -> _Found | None:
    s, e = m.span()
    lead = ctx.lead(s, _FR_MONTH_LEAD if ctx.lang == "fr" else _EN_MONTH_LEAD)
    if lead is None and ctx.glued(s, "-"):
        return None
    if ctx.lead(s, _DAY_BEFORE):
        return None  # `31 avril` was refused as a day; its month alone is no better
    if lead is None and not _plausible_month(m, ctx):
        return None
    month = _month_read(m.group("mon"), ctx.lang)
    if month is None:
        return None
    if lead is not None:
        s = lead.start()
    rel = m.groupdict().get("rel") or (lead.group().strip() if lead else None)
    direction = _rel_direction(rel) or ctx.direction(s, e)
    pub = ctx.published
    candidates = [(y, month) for y in (pub.year - 1, pub.year, pub.year + 1)]
    chosen = _pick(candidates, (pub.year, pub.month), direction, lambda c, p: (c[0] - p[0]) * 12 + c[1] - p[1])
    return (s, e, _month_value(chosen[0], chosen[1], relative=True)) if chosen else None


def _plausible_month(m: re.Match[str], ctx: _Context) -> bool:
    """A bare month name with no `en`/`in` before it: is it the month, not a verb, name or planet?"""
    s, e = m.span()
    capital = ctx.sentence[s].isupper()
    if ctx.lang == "en" and _NAME_AFTER.match(ctx.sentence, e, ctx.end):
        return False  # `June Carter`, `April Ryan`, `August Wilson`
    if ctx.lang == "en" and capital and ctx.low.startswith("'s", e, ctx.end):
        return True  # `May's figures`
    if ctx.at_sentence_start(s):
        # `Mars` opening a sentence may be the month; `May` opening one is the verb.
        return ctx.lang == "fr" or m.group("mon") != "may"
    if ctx.lang == "fr":
        return not capital  # `Mars` mid-sentence is the planet, `Juin` the marshal
    if not capital:
        return False
    if ctx.lead(s, _EN_MONTH_BEFORE):
        return True  # `since March`, `until May`
    if m.group("mon") == "may":
        return False
    prev = _PREV_WORD.search(ctx.sentence, max(ctx.start, s - 40), s)
    if prev is None:
        return True
    word = prev.group(1)
    first_word = ctx.at_sentence_start(prev.start(1))
    # `the March for Our Lives`, `Black April`
    return word.lower() not in ("the", "a") and (first_word or not word[:1].isupper())


def _weekday(m: re.Match[str], ctx: _Context) -> _Found | None:
    s, e = m.span()
    if ctx.glued(s, "-") or not _en_capitalised(ctx, s):
        return None
    lead = ctx.lead(s, _FR_WEEKDAY_LEAD if ctx.lang == "fr" else _EN_WEEKDAY_LEAD)
    if ctx.lang == "fr" and ctx.lead(s, _FR_HABITUAL):
        return None  # `le dimanche, les magasins ferment`: a habit, not a day
    if ctx.lang == "en" and lead is None and (
        _EN_WEEKDAY_NAMES.search(ctx.sentence, max(ctx.start, s - 20), s) or ctx.lead(s, _THE_LEAD)
    ):
        return None  # `Easter Sunday`, `the Sunday Times`
    target = (w.WEEKDAYS_FR if ctx.lang == "fr" else w.WEEKDAYS_EN)[m.group("wd")]
    if lead is not None:
        s = lead.start()
    rel = m.groupdict().get("rel") or (lead.group().strip() if lead else None)
    direction = _rel_direction(rel) or ctx.direction(s, e)
    pub = ctx.published
    back, ahead = (pub.weekday() - target) % 7, (target - pub.weekday()) % 7
    offset = {
        AHEAD: ahead,
        AHEAD_STRICT: ahead or 7,
        BACK: -back,
        BACK_STRICT: -(back or 7),
    }.get(direction, ahead if ahead < back else -back)
    return s, e, _day_value(pub + timedelta(days=offset), relative=True)


_DAY_SHIFTS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2,
               "yesterday": -1, "today": 0, "tomorrow": 1}
_UNITS = {"a": "y", "y": "y", "m": "m", "s": "w", "w": "w", "j": "d", "d": "d"}
_SHIFT_WORDS = {"dernière": -1, "dernier": -1, "passée": -1, "passé": -1, "prochaine": 1, "prochain": 1,
                "last": -1, "this past": -1, "next": 1, "this coming": 1, "coming": 1}


def _relative(m: re.Match[str], ctx: _Context) -> _Found | None:
    """`l'année dernière`, `cette semaine`, `la fin de l'année`, `hier`, `last week`, `tomorrow`."""
    s, e = m.span()
    if ctx.glued(s, "-"):
        return None
    words = m.group().split()
    head = words[0]
    if head in _DAY_SHIFTS:
        lead = ctx.lead(s, _EN_RELATIVE_LEAD) if ctx.lang == "en" else None
        shift = _DAY_SHIFTS[head]
        if lead is not None and lead.group("day"):
            s, shift = lead.start(), 2 * shift  # `the day before yesterday`
        return s, m.start() + len(head), _day_value(ctx.published + timedelta(days=shift), relative=True)
    if ctx.lang == "fr":
        lead = ctx.lead(s, _FR_RELATIVE_LEAD)
        if lead is None:
            return None  # `six mois`, `un mois passé en prison`: durations
        if len(words) > 1:
            shift = _SHIFT_WORDS[words[-1]]
        elif head.endswith("-ci") or lead.group("this") or lead.group("part"):
            shift = 0
        else:
            return None  # `l'année 2023`, `la semaine de quatre jours`: no date by itself
        unit = {"a": "y", "m": "m", "s": "w"}[head[0]]
    else:
        lead = ctx.lead(s, _EN_RELATIVE_LEAD)
        if lead is None or lead.group("day"):
            return None  # `a year`, `the past week`: durations
        modifier = lead.group("mod") or lead.group("part_mod")
        shift = _SHIFT_WORDS.get(" ".join(modifier.split()), 0)
        unit = head[0]
    if lead is not None:
        s = lead.start()
    return s, e, _shifted(ctx.published, unit, shift)


def _ago(m: re.Match[str], ctx: _Context) -> _Found | None:
    """`il y a six ans`, `dans deux mois`, `two years ago`, `a decade ago`."""
    s, e = m.span()
    groups = m.groupdict()
    if ctx.lang == "en":
        lead = ctx.lead(s, _EN_AGO_LEAD)
        if lead is None:
            return None
        s, number, unit, sign = lead.start(), lead.group("ago"), groups["ago_unit"], -1
    elif groups.get("ago"):
        number, unit, sign = groups["ago"], groups["ago_unit"], -1
    else:
        number, unit, sign = groups["in"], groups["in_unit"], 1
    if ctx.glued(s, "-"):
        return None
    n = w.spelled_number(number, w.NUMBERS_FR if ctx.lang == "fr" else w.NUMBERS_EN)
    if n is None or n > 200:
        return None
    if unit.startswith("decade"):
        return s, e, _year_value(ctx.published.year - 10 * n, relative=True)
    return s, e, _shifted(ctx.published, _UNITS[unit[0]], sign * n)


_SEASON_MONTHS = {"printemps": 3, "spring": 3, "été": 6, "summer": 6, "automne": 9, "autumn": 9, "fall": 9,
                  "hiver": 12, "winter": 12}


def _season(m: re.Match[str], ctx: _Context) -> _Found | None:
    """`l'été dernier`, `cet hiver`, `l'été 2023`, `last summer`, `the summer of 2023`: three months."""
    s, e = m.span()
    if ctx.glued(s, "-"):
        return None
    lead = ctx.lead(s, _FR_SEASON_LEAD if ctx.lang == "fr" else _EN_SEASON_LEAD)
    first = _SEASON_MONTHS[m.group("season")]
    year = m.group("year")
    if year:
        return (lead.start() if lead else s), e, _month_value(int(year), first, relative=False, months=3)
    if lead is None:
        return None  # `en été` as a habit, `prices fall`: no date
    if ctx.lang == "fr":
        direction = _rel_direction(m.group("rel")) or (NEAREST if lead.group("this") else None)
    else:
        modifier = lead.group("mod")
        direction = _rel_direction(modifier) or (NEAREST if modifier == "this" else None)
    if direction is None:
        return None
    pub = ctx.published
    candidates = [(date(y, first, 1), _month_end(y, first, 3)) for y in range(pub.year - 2, pub.year + 2)]
    if direction == BACK_STRICT:
        chosen = max((c for c in candidates if c[1] < pub), default=None)
    elif direction == AHEAD_STRICT:
        chosen = min((c for c in candidates if c[0] > pub), default=None)
    else:
        chosen = min(candidates, key=lambda c: _days_away(c, pub))
    if chosen is None:
        return None
    return lead.start(), e, _value(chosen[0], chosen[1], "month", relative=True)


def _days_away(period: tuple[date, date], day: date) -> int:
    """0 for a period under way on `day`, else the days to its nearer end."""
    if period[0] <= day <= period[1]:
        return 0
    return min(abs((period[0] - day).days), abs((period[1] - day).days))


def _month_end(year: int, month: int, months: int) -> date:
    """The last day of the `months`-long period starting with year-month."""
    last_year, last_month = divmod(year * 12 + month - 1 + months - 1, 12)
    return date(last_year, last_month + 1, calendar.monthrange(last_year, last_month + 1)[1])


def _part_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.glued(m.start(), "-"):
        return None
    lead = ctx.lead(m.start(), _FR_PART_LEAD if ctx.lang == "fr" else _THE_LEAD)
    return (lead.start() if lead else m.start()), m.end(), _year_value(int(m.group("year")))


_ORDINALS = (
    ("premier", "1er", "first", "1st"),
    ("deuxième", "second", "2e", "2ème", "2nd"),
    ("troisième", "3e", "3ème", "third", "3rd"),
    ("quatrième", "4e", "4ème", "fourth", "4th"),
)


def _quarter(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.glued(m.start(), "-"):
        return None
    groups = m.groupdict()
    if groups.get("q"):
        kind, n = ("quarter" if groups["q"][0] == "q" else "half"), int(groups["q"][1])
    else:
        kind = "quarter" if groups["unit"] in ("quarter", "trimestre") else "half"
        n = next((i for i, names in enumerate(_ORDINALS, 1) if groups["ord"] in names), 0)
        if groups["ord"] == "final":
            n = 4 if kind == "quarter" else 2
    months = 3 if kind == "quarter" else 6
    if not 1 <= n <= 12 // months:
        return None
    lead = ctx.lead(m.start(), _FR_QUARTER_LEAD if ctx.lang == "fr" else _THE_LEAD)
    value = _month_value(int(m.group("year")), (n - 1) * months + 1, relative=False, months=months)
    return (lead.start() if lead else m.start()), m.end(), value


def _decade(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.glued(m.start(), "-'"):
        return None
    digits = m.group("dec").lstrip("'")
    first = int(digits) if len(digits) == 4 else 1900 + int(digits)
    s = m.start()
    if ctx.lang == "en":
        lead = ctx.lead(s, _THE_LEAD)
        if lead is None and len(m.group("dec")) < 4:
            return None  # a bare `90s` is too often an age or a speed
        s = lead.start() if lead else s
    return s, m.end(), _year_value(first, last_year=first + 9)


def _year_range(m: re.Match[str], ctx: _Context) -> _Found | None:
    y1, y2_text = int(m.group("y1")), m.group("y2")
    y2 = int(y2_text) if len(y2_text) == 4 else (y1 // 100) * 100 + int(y2_text)
    if not 0 < y2 - y1 <= 30:
        return None
    lead = ctx.lead(m.start(), _RANGE_LEAD)
    if lead is None and ctx.glued(m.start(), ".,$€£-"):
        return None
    word = (lead.group("lead") or lead.group("elided")) if lead else ""
    sep = m.group("sep")
    if sep in ("et", "and") and word not in ("entre", "between"):
        return None  # `2018 et 2020` is two years, not a span
    if sep in ("à", "au") and word not in ("de", "du", "d'"):
        return None
    if len(y2_text) == 2 and sep not in "-–—/":
        return None
    s = lead.start() if lead and word != "of" else m.start()
    return s, m.end(), _year_value(y1, last_year=y2)


def _bare_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    s, e = m.span()
    if ctx.glued(s, ".,$€£/–—-"):
        return None
    in_parens = ctx.lead(s, _IN_PARENS) is not None and ctx.low[e : min(e + 1, ctx.end)] == ")"
    if not (in_parens or ctx.lead(s, _YEAR_LEAD[ctx.lang]) or _weak_lead_year(ctx, s, e)):
        return None  # `2021 soldats` is a count
    return s, e, _year_value(int(m.group("year")))


def _weak_lead_year(ctx: _Context, s: int, e: int) -> bool:
    """`pour 2025 prévoit`, `for 2025, the`: a year; `pour 2000 euros`, `for 2021 soldiers`: a count."""
    if ctx.lead(s, _WEAK_YEAR_LEAD[ctx.lang]) is None:
        return False
    after = _NEXT_WORD.match(ctx.low, e, ctx.end)
    word = after.group("word") if after else ""
    if not word:
        return True  # punctuation or the end: `le budget pour 2025.`
    if word in _NOT_COUNTED[ctx.lang]:
        return True
    # French plural nouns end in -s or -x; a verb (`prévoit`, `sera`) does not.
    return ctx.lang == "fr" and len(word) > 2 and word[-1] not in "sx"


def _iso(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.glued(m.start(), "/.-"):
        return None
    found = _safe_date(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
    return (m.start(), m.end(), _day_value(found, relative=False)) if found else None


def _numeric(m: re.Match[str], ctx: _Context) -> _Found | None:
    if ctx.glued(m.start(), "/.,-"):
        return None
    found = _numeric_date(int(m.group("a")), int(m.group("b")), int(m.group("year")), ctx.lang)
    return (m.start(), m.end(), _day_value(found, relative=False)) if found else None


_Handler = Callable[[re.Match[str], _Context], _Found | None]

# Triggers: a cheap pattern that occurs inside every match of the patterns that name it,
# so those patterns need to run only on the sentences holding one. A scan for a literal
# (`ago`) or a short class (`[12][0-9]{3}`) costs a few milliseconds a megabyte, while
# a pattern that starts with a lookahead or an alternation tries a match at almost every
# position of the article.
_TRIGGERS: dict[str, tuple[re.Pattern[str], ...]] = {
    name: tuple(re.compile(p) for p in patterns)
    for name, patterns in {
        "year": [r"[12]\d{3}"],  # every pattern built on _YEAR_ANY or _YEAR_BARE
        # A month name with a word boundary after it, as in every pattern built on one.
        "month_fr": [rf"(?:{_MON_FR_ALL})\b"],
        "month_en": [rf"(?:{_MON_EN_ALL})\b"],
        "weekday_fr": list(w.WEEKDAYS_FR),
        "weekday_en": ["day"],
        "season_en": ["spring", "summer", "autumn", "fall", "winter"],
        "ago_fr": [r"y\s+a\s", "dans"],
        "ago_en": ["ago"],
        "0s": ["0s"],
        "années": ["années"],
    }.items()
}
# Per language: (pattern, handler, trigger or None), in the order their matches are listed.
_PATTERNS: dict[str, list[tuple[re.Pattern[str], _Handler, str | None]]] = {
    "fr": [
        (_FR_DAY, _day_month, "month_fr"),  # `premier février` has no digit
        (_FR_MONTH_YEAR, _month_year, "month_fr"),
        (_FR_MONTH, _month_only, "month_fr"),
        (_FR_WEEKDAY, _weekday, "weekday_fr"),
        (_FR_RELATIVE, _relative, None),
        (_FR_AGO, _ago, "ago_fr"),
        (_FR_SEASON, _season, None),
        (_FR_PART_YEAR, _part_year, "year"),
        (_FR_QUARTER, _quarter, "year"),
        (_FR_DECADE, _decade, "années"),
        (_YEAR_RANGE, _year_range, "year"),
        (_YEAR, _bare_year, "year"),
        (_ISO, _iso, "year"),
        (_NUMERIC, _numeric, "year"),
    ],
    "en": [
        (_EN_DAY_MONTH, _day_month, "month_en"),
        (_EN_MONTH_DAY, _month_day, "month_en"),
        (_EN_MONTH_YEAR, _month_year, "month_en"),
        (_EN_MONTH, _month_only, "month_en"),
        (_EN_WEEKDAY, _weekday, "weekday_en"),
        (_EN_RELATIVE, _relative, None),
        (_EN_AGO, _ago, "ago_en"),
        (_EN_SEASON, _season, "season_en"),
        (_EN_PART_YEAR, _part_year, "year"),
        (_EN_QUARTER, _quarter, "year"),
        (_EN_DECADE, _decade, "0s"),
        (_YEAR_RANGE, _year_range, "year"),
        (_YEAR, _bare_year, "year"),
        (_ISO, _iso, "year"),
        (_NUMERIC, _numeric, "year"),
    ],
}
