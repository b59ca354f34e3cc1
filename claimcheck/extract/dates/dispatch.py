"""Which handler reads each pattern's matches, per language, and the trigger that lets it run (`_PATTERNS`).

The patterns are in `patterns.py`; what a match means, in `handlers.py` (days, months, weekdays,
seasons, relative phrases), `years.py` (phrases built on a year) and `periods.py` (spans of time).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimcheck.extract.dates import periods
from claimcheck.extract.dates.cues import _Context
from claimcheck.extract.dates.handlers import (
    _ago,
    _day_month,
    _month_day,
    _month_only,
    _month_year,
    _relative,
    _season,
    _weekday,
)
from claimcheck.extract.dates.patterns import (
    _EN_AGO,
    _EN_DAY_MONTH,
    _EN_DECADE,
    _EN_MONTH,
    _EN_MONTH_DAY,
    _EN_MONTH_YEAR,
    _EN_PART_YEAR,
    _EN_QUARTER,
    _EN_RELATIVE,
    _EN_SEASON,
    _EN_WEEKDAY,
    _FR_AGO,
    _FR_DAY,
    _FR_DECADE,
    _FR_MONTH,
    _FR_MONTH_YEAR,
    _FR_PART_YEAR,
    _FR_QUARTER,
    _FR_RELATIVE,
    _FR_SEASON,
    _FR_WEEKDAY,
    _ISO,
    _NUMERIC,
    _YEAR,
    _YEAR_RANGE,
)
from claimcheck.extract.dates.values import _Found
from claimcheck.extract.dates.years import _bare_year, _decade, _iso, _numeric, _part_year, _quarter, _year_range

_Handler = Callable[[re.Match[str], _Context], _Found | None]

# Per language: (pattern, handler, trigger or None), in the order their matches are listed.
_PATTERNS: dict[str, list[tuple[re.Pattern[str], _Handler, str | None]]] = {
    "fr": [
        (_FR_DAY, _day_month, "month_fr"),  # `premier février` has no digit
        (_FR_MONTH_YEAR, _month_year, "month_fr"),
        (_FR_MONTH, _month_only, "month_fr"),
        (_FR_WEEKDAY, _weekday, "weekday_fr"),
        (_FR_RELATIVE, _relative, None),
        (_FR_AGO, _ago, "ago_fr"),
        (periods.FR_PAST, periods.fr_period, "derni"),
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
        (periods.EN_UNIT, periods.en_period, None),
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
