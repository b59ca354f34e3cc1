"""Periods counted from the publication date: `in two weeks`, `over the past 12 months`,
`au cours des deux dernières années`.

Read as numbers they are durations (2 weeks, 12 months); what a fact-checker
checks is the period they name. `in N units` is a date only when its clause
looks ahead (`will open in two weeks`; `grew 5% in two years` is a duration);
`the past N units` and `les N derniers mois` are the span that ends on the day
of publication. (`dans deux mois`, always ahead, is read with `il y a`.)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimcheck.extract import date_words as w
from claimcheck.extract.dates.cues import AHEAD, AHEAD_STRICT, _Context
from claimcheck.extract.dates.values import _Found, _shifted, _value

_NUM_EN = w.number_pattern(w.NUMBERS_EN)
_NUM_FR = w.number_pattern(w.NUMBERS_FR)

# Found by the unit; the words before it are read backwards by the leads.
EN_UNIT = re.compile(r"(?P<unit>years|months|weeks|days)(?![\w-])")
_EN_IN_LEAD = re.compile(rf"(?<![\w-])(?:in|within)\s+(?:the\s+next\s+)?(?P<n>{_NUM_EN})\s+$")
_EN_PAST_LEAD = re.compile(
    rf"(?<![\w-])(?:(?:over|in|during|for|within)\s+)?the\s+(?:past|last|previous)\s+(?P<n>{_NUM_EN})\s+$"
)
FR_PAST = re.compile(
    rf"(?<![\w-])(?:(?:au\s+cours|lors|pendant|durant)\s+(?:des|les)|ces|les|des)\s+(?P<n>{_NUM_FR})\s+"
    r"(?P<unit>derniers\s+jours|dernières\s+semaines|derniers\s+mois|dernières\s+années|derniers\s+ans)(?![\w-])"
)


def en_period(m: re.Match[str], ctx: _Context) -> _Found | None:
    """`in two weeks` (ahead only) or `over the past 12 months`."""
    s, e = m.span()
    unit = m.group("unit")[0]
    past = ctx.lead(s, _EN_PAST_LEAD)
    if past is not None:
        n = w.spelled_number(past.group("n"), w.NUMBERS_EN)
        return (past.start(), e, _since(ctx.published, unit, n)) if n and n <= 100 else None
    ahead = ctx.lead(s, _EN_IN_LEAD)
    if ahead is None or ctx.direction(ahead.start(), e) not in (AHEAD, AHEAD_STRICT):
        return None
    n = w.spelled_number(ahead.group("n"), w.NUMBERS_EN)
    return (ahead.start(), e, _shifted(ctx.published, unit, n)) if n and n <= 100 else None


def fr_period(m: re.Match[str], ctx: _Context) -> _Found | None:
    """`au cours des deux dernières années`, `ces six derniers mois`."""
    n = w.spelled_number(m.group("n"), w.NUMBERS_FR)
    if not n or n > 100:
        return None
    word = m.group("unit").split()[-1]
    unit = {"jours": "d", "semaines": "w", "mois": "m", "années": "y", "ans": "y"}[word]
    return m.start(), m.end(), _since(ctx.published, unit, n)


def _since(pub: date, unit: str, n: int) -> dict:
    """From the same day `n` units before publication to the day of publication."""
    if unit in ("y", "m"):
        months = n * 12 if unit == "y" else n
        year, month = divmod(pub.year * 12 + pub.month - 1 - months, 12)
        day = min(pub.day, 28)
        first = date(year, month + 1, day)
    else:
        first = pub - timedelta(days=n * (7 if unit == "w" else 1))
    return _value(first, pub, "day", True)
