"""Handlers: what a match of each pattern means, as `(start, end, value)`, or None for no date.

A handler checks what the pattern cannot (capitals on the original, a lead
before the match, a day that exists), widens the span to its lead, and reads
the value, asking the sentence's `_Context` which way a date without a year
looks. Here: phrases built on a day, a month, a weekday, a season, and the
relative ones (`hier`, `last week`, `il y a six ans`); those built on a year
are in `years.py`. `_PATTERNS` ties each pattern to its handler and trigger.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimcheck.extract import date_words as w
from claimcheck.extract.dates.cues import (
    AHEAD,
    AHEAD_STRICT,
    BACK,
    BACK_STRICT,
    NEAREST,
    _Context,
    _day_on_weekday,
    _pick,
    _rel_direction,
)
from claimcheck.extract.dates.patterns import (
    _DAY_BEFORE,
    _EN_AGO_LEAD,
    _EN_DAY_LEAD,
    _EN_MONTH_BEFORE,
    _EN_MONTH_DAY_LEAD,
    _EN_MONTH_LEAD,
    _EN_RELATIVE_LEAD,
    _EN_SEASON_LEAD,
    _EN_WEEKDAY_LEAD,
    _EN_WEEKDAY_NAMES,
    _FIRST_DAY,
    _FR_DAY_LEAD,
    _FR_HABITUAL,
    _FR_MONTH_LEAD,
    _FR_RELATIVE_LEAD,
    _FR_SEASON_LEAD,
    _FR_WEEKDAY_LEAD,
    _NAME_AFTER,
    _PREV_WORD,
    _THE_LEAD,
)
from claimcheck.extract.dates.values import (
    _day_value,
    _Found,
    _month_end,
    _month_read,
    _month_value,
    _safe_date,
    _shifted,
    _value,
    _year_value,
)

# ---------------------------------------------------------------- handlers

_FULL_MONTH_NAMES = [*w.MONTHS_FR, *w.MONTHS_EN]
# A day number after a weekday, with no month after it (`mercredi 28 octobre` is a day-month date).
_WEEKDAY_DAY = re.compile(
    r"\s+(?:the\s+)?(?P<n>[0-9]{1,2})(?:er|st|nd|rd|th)?(?![\w,.]*\s*(?:[0-9]|"
    + "|".join(sorted(_FULL_MONTH_NAMES, key=len, reverse=True))
    + r"))(?![\w])",
    re.I,
)


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
    if not _en_capitalised(ctx, s):
        return None  # `This may take years`, `Last march, protesters marched`: verbs
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
    if (
        ctx.lang == "en"
        and lead is None
        and (_EN_WEEKDAY_NAMES.search(ctx.sentence, max(ctx.start, s - 20), s) or ctx.lead(s, _THE_LEAD))
    ):
        return None  # `Easter Sunday`, `the Sunday Times`
    target = (w.WEEKDAYS_FR if ctx.lang == "fr" else w.WEEKDAYS_EN)[m.group("wd")]
    if lead is not None:
        s = lead.start()
    rel = m.groupdict().get("rel") or (lead.group().strip() if lead else None)
    direction = _rel_direction(rel) or ctx.direction(s, e)
    pub = ctx.published
    numbered = _WEEKDAY_DAY.match(ctx.sentence, e, ctx.end)
    if numbered is not None:
        # `mercredi 28`, `Friday the 26th`: the day of the month that falls on that weekday.
        day = _day_on_weekday(pub, target, int(numbered.group("n")), direction)
        return (s, numbered.end(), _day_value(day, relative=True)) if day else None
    back, ahead = (pub.weekday() - target) % 7, (target - pub.weekday()) % 7
    offset = {AHEAD: ahead, AHEAD_STRICT: ahead or 7, BACK: -back, BACK_STRICT: -(back or 7)}.get(
        direction, ahead if ahead < back else -back
    )
    return s, e, _day_value(pub + timedelta(days=offset), relative=True)


_DAY_SHIFTS = {
    "avant-hier": -2,
    "hier": -1,
    "aujourd'hui": 0,
    "demain": 1,
    "après-demain": 2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
}
_UNITS = {"a": "y", "y": "y", "m": "m", "s": "w", "w": "w", "j": "d", "d": "d"}
_SHIFT_WORDS = {
    "dernière": -1,
    "dernier": -1,
    "passée": -1,
    "passé": -1,
    "prochaine": 1,
    "prochain": 1,
    "last": -1,
    "this past": -1,
    "next": 1,
    "this coming": 1,
    "coming": 1,
}


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


_SEASON_MONTHS = {
    "printemps": 3,
    "spring": 3,
    "été": 6,
    "summer": 6,
    "automne": 9,
    "autumn": 9,
    "fall": 9,
    "hiver": 12,
    "winter": 12,
}


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
