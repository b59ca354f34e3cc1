"""Date values and the month a word names.

A value is `{start, end, granularity, relative}`: a year, a month (or a run of
months), a day or a week, built from the calendar; `_shifted` moves the
publication date by whole years, months, weeks or days. Month words are read
through our tables, each confirmed once by dateparser, imported lazily.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from claimcheck.extract import date_words as w

_Value = dict[str, Any]
_Found = tuple[int, int, _Value]

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


def _month_end(year: int, month: int, months: int) -> date:
    """The last day of the `months`-long period starting with year-month."""
    last_year, last_month = divmod(year * 12 + month - 1 + months - 1, 12)
    return date(last_year, last_month + 1, calendar.monthrange(last_year, last_month + 1)[1])


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
