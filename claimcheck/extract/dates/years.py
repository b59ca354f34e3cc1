"""Handlers of date phrases built on a year: parts of a year, quarters, decades, spans, bare years, numeric dates.

`fin 2023`, `Q3 2024`, `les années 1990`, `2018-2019`, `en 2021`,
`2024-09-15`, `14/02/2024`: the year is written, so no direction is read.
"""

from __future__ import annotations

import re

from claimcheck.extract.dates.cues import _Context
from claimcheck.extract.dates.patterns import (
    _FR_PART_LEAD,
    _FR_QUARTER_LEAD,
    _IN_PARENS,
    _NEXT_WORD,
    _NOT_COUNTED,
    _RANGE_LEAD,
    _THE_LEAD,
    _WEAK_YEAR_LEAD,
    _YEAR_LEAD,
    _YEAR_LIST_LEAD,
)
from claimcheck.extract.dates.values import _day_value, _Found, _month_value, _numeric_date, _safe_date, _year_value

_EN_DETERMINER_LEAD = re.compile(r"(?<![\w-])(?:a|the|its|their|his|her|our|this|that)\s+$")


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
    if y1 < 1900 and _counted_after(ctx, m.end()):
        return None  # `between 1500 and 1520 troops`: a count
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


def _counted_after(ctx: _Context, e: int) -> bool:
    after = _NEXT_WORD.match(ctx.low, e, ctx.end)
    word = after.group("word") if after else ""
    return bool(word) and word not in _NOT_COUNTED[ctx.lang]


def _bare_year(m: re.Match[str], ctx: _Context) -> _Found | None:
    s, e = m.span()
    if ctx.glued(s, ".,$€£/–—-"):
        return None
    year = int(m.group("year"))
    strong = ctx.lead(s, _YEAR_LEAD[ctx.lang]) is not None or _listed_year(ctx, s)
    if year < 1900:
        # `founded in 1847`, `fondé en 1858`: an old year only after a word that makes it one.
        return (s, e, _year_value(year)) if strong else None
    in_parens = ctx.lead(s, _IN_PARENS) is not None and ctx.low[e : min(e + 1, ctx.end)] == ")"
    # `a 2022 survey`, `the 2024 election`: English writes a count of that size with a comma.
    attributive = ctx.lang == "en" and ctx.lead(s, _EN_DETERMINER_LEAD) is not None and _counted_after(ctx, e)
    if not (in_parens or strong or attributive or _weak_lead_year(ctx, s, e)):
        return None  # `2021 soldats` is a count
    return s, e, _year_value(year)


def _listed_year(ctx: _Context, s: int) -> bool:
    """`in 2007 and 2009`, `en 2026 et 2027`: a year after another that `in`/`en` makes one."""
    for _ in range(6):  # `en 2028, 2029 et 2030`: back along the list to the word that opens it
        before = ctx.lead(s, _YEAR_LIST_LEAD)
        if before is None:
            return False
        s = before.start()
        if ctx.lead(s, _YEAR_LEAD[ctx.lang]) is not None:
            return True
    return False


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
