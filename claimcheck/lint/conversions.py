"""`750 km (600 miles)` and `$100M (£60M)`: a figure converted in parentheses, checked (see `claimcheck.lint`)."""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from claimcheck.errors import InputError
from claimcheck.lint.findings import Finding
from claimcheck.models import Article, Claim, Kind

TOLERANCE = 0.05
ABOUT_TOLERANCE = 0.10

# The extractor's canonical unit symbols and how pint spells them. A unit not
# here (a counted noun such as `soldats`) is never converted.
PINT_UNITS: dict[str, str] = {
    "km": "kilometer",
    "m": "meter",
    "cm": "centimeter",
    "mm": "millimeter",
    "mi": "mile",
    "nmi": "nautical_mile",
    "ft": "foot",
    "in": "inch",
    "yd": "yard",
    "km²": "kilometer**2",
    "m²": "meter**2",
    "mi²": "mile**2",
    "ft²": "foot**2",
    "ha": "hectare",
    "acre": "acre",
    "m³": "meter**3",
    "kg": "kilogram",
    "g": "gram",
    "mg": "milligram",
    "t": "metric_ton",
    "kt": "kilo_metric_ton",
    "Mt": "mega_metric_ton",
    "Gt": "giga_metric_ton",
    "lb": "pound",
    "oz": "ounce",
    "l": "liter",
    "ml": "milliliter",
    "hl": "hectoliter",
    "gal": "gallon",
    "bbl": "oil_barrel",
    "bbl/d": "oil_barrel/day",
    "km/h": "kilometer/hour",
    "mph": "mile/hour",
    "kn": "knot",
    "h": "hour",
    "min": "minute",
    "s": "second",
    "W": "watt",
    "kW": "kilowatt",
    "MW": "megawatt",
    "GW": "gigawatt",
    "TW": "terawatt",
    "Wh": "watt_hour",
    "kWh": "kilowatt_hour",
    "MWh": "megawatt_hour",
    "GWh": "gigawatt_hour",
    "TWh": "terawatt_hour",
    "°C": "degC",
    "°F": "degF",
}

# Between a figure and its conversion: an opening parenthesis, possibly with `soit`/`or about`.
_CONVERSION_GAP = re.compile(r"\s*\(\s*(?:(?:soit|environ|about|or|roughly|some|approx\.?|env\.)\s+)?")
_PAIR = re.compile(r"^[A-Z]{3}/[A-Z]{3}$")


@dataclass(frozen=True)
class Rate:
    """One row of the rate table: 1 unit of the first currency is `rate` of the second on `day`."""

    day: date
    pair: str
    rate: float


def read_rates(path: Path) -> list[Rate]:
    """The rate table (`date,pair,rate`, e.g. `2024-05-20,USD/GBP,0.79`); none when the file is absent."""
    if not path.is_file():
        return []
    rates = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"date", "pair", "rate"} - {(f or "").strip().lower() for f in reader.fieldnames or []}
        if missing:
            raise InputError(f"{path} needs the columns date,pair,rate (missing: {', '.join(sorted(missing))})")
        for line, row in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            if not any(row.values()):
                continue
            try:
                day = date.fromisoformat(row["date"])
                pair = row["pair"].upper().replace(" ", "")
                rate = float(row["rate"])
            except ValueError:
                raise InputError(
                    f"{path}, line {line}: expected a date, a pair like USD/GBP and a rate, "
                    f"not {','.join(row.values())!r}"
                ) from None
            if not _PAIR.match(pair) or not math.isfinite(rate) or rate <= 0:
                raise InputError(f"{path}, line {line}: a pair like USD/GBP and a positive rate, please")
            rates.append(Rate(day, pair, rate))
    return rates


def _conversions(article: Article, claims: list[Claim], rates: list[Rate]) -> list[Finding]:
    numeric = [c for c in claims if c.kind in (Kind.quantity, Kind.money)]
    out = []
    for first, second in zip(numeric, numeric[1:], strict=False):
        gap = article.text[first.span.end : second.span.start]
        if first.kind != second.kind or not _CONVERSION_GAP.fullmatch(gap):
            continue
        if first.kind == Kind.quantity:
            finding = _check_units(first, second)
        else:
            finding = _check_currencies(article, first, second, rates)
        if finding is not None:
            out.append(finding)
    return out


def _check_units(first: Claim, second: Claim) -> Finding | None:
    unit_a, unit_b = first.value.get("unit"), second.value.get("unit")
    if unit_a not in PINT_UNITS or unit_b not in PINT_UNITS or unit_a == unit_b:
        return None
    amount, stated = _amount(first), _amount(second)
    if amount is None or stated is None:
        return None
    import pint

    registry = _units()
    try:
        converted = registry.Quantity(amount, PINT_UNITS[unit_a]).to(PINT_UNITS[unit_b]).magnitude
    except (pint.errors.PintError, ValueError, TypeError):
        return None  # not convertible (km and kg): not a conversion, nothing to say
    if _close(stated, float(converted), _tolerance(first, second)):
        return None
    return Finding(
        "conversion",
        "error",
        f"{first.span.quote} is {_fmt(converted)} {unit_b}, not {second.span.quote}",
        [first.id, second.id],
    )


def _check_currencies(article: Article, first: Claim, second: Claim, rates: list[Rate]) -> Finding | None:
    cur_a, cur_b = first.value.get("currency"), second.value.get("currency")
    amount, stated = _amount(first), _amount(second)
    if not cur_a or not cur_b or cur_a == cur_b or amount is None or stated is None:
        return None
    pair = f"{cur_a}/{cur_b}"
    found = _rate(rates, cur_a, cur_b, article.published)
    if found is None:
        return Finding(
            "exchange-rate-unknown",
            "info",
            f"not checkable: no rate for {pair} in claims/rates.csv ({first.span.quote} → {second.span.quote})",
            [first.id, second.id],
        )
    rate, day = found
    converted = amount * rate
    if _close(stated, converted, _tolerance(first, second)):
        return None
    return Finding(
        "exchange-rate",
        "error",
        f"{first.span.quote} is about {_fmt(converted)} {cur_b} at {pair} {rate:g} "
        f"({day.isoformat()}), not {second.span.quote}",
        [first.id, second.id],
    )


def _rate(rates: list[Rate], base: str, quote: str, when: date) -> tuple[float, date] | None:
    """The rate base→quote nearest `when` (an inverse row counts), with its date."""
    options = [(r.rate, r.day) for r in rates if r.pair == f"{base}/{quote}"]
    options += [(1 / r.rate, r.day) for r in rates if r.pair == f"{quote}/{base}"]
    if not options:
        return None
    return min(options, key=lambda o: (abs((o[1] - when).days), o[1]))


def _amount(claim: Claim) -> float | None:
    try:
        value = float(claim.value["amount"])
    except (KeyError, TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _tolerance(first: Claim, second: Claim) -> float:
    loose = {"about"} & {first.value.get("bound"), second.value.get("bound")}
    return ABOUT_TOLERANCE if loose else TOLERANCE


def _close(stated: float, exact: float, tolerance: float) -> bool:
    """Within the relative tolerance, or within the rounding the stated figure shows.

    The rounding allowance is capped at ABOUT_TOLERANCE: trailing zeros are
    ambiguous, and `1000 miles` must not pass for 621 because 1000 could be
    rounded to the thousand.
    """
    diff = abs(stated - exact)
    return diff <= tolerance * abs(exact) or diff <= min(_rounding(stated) / 2, ABOUT_TOLERANCE * abs(exact))


def _rounding(stated: float) -> float:
    """The step a figure is rounded to: 460 → 10, 2.4 → 0.1, 1500 → 100, 7 → 1."""
    from decimal import Decimal, InvalidOperation

    try:
        exponent = Decimal(str(stated)).normalize().as_tuple().exponent
    except InvalidOperation:
        return 0.0
    return 10.0**exponent if isinstance(exponent, int) else 0.0


def _fmt(value: float) -> str:
    return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"


_UNIT_REGISTRY: Any = None


def _units() -> Any:
    """One pint registry per process: building it parses pint's definition file (~0.3 s)."""
    global _UNIT_REGISTRY
    if _UNIT_REGISTRY is None:
        import pint

        _UNIT_REGISTRY = pint.UnitRegistry()
    return _UNIT_REGISTRY
