"""Internal consistency of one article: what its own claims say about each other.

Pure functions over an article and its claims; nothing is read but the rate
table the caller passes in (`read_rates` reads `claims/rates.csv`).

Findings, by code:

- `conversion` (error): `750 km (600 miles)`, a measure converted in
  parentheses that does not hold. Units go to pint as canonical symbols only
  (docs/architecture.md §5: never words). It holds when the stated figure is within
  `TOLERANCE` of the exact conversion (`ABOUT_TOLERANCE` when either side is
  approximate), or within the rounding of the stated figure (460 is rounded to
  tens, so 455..465 is exact; capped at `ABOUT_TOLERANCE`): `750 km (460
  miles)` (466.0) passes.
- `exchange-rate` (error): `$100M (£60M)`, a currency pair converted in
  parentheses that does not hold at the rate nearest the publication date in
  the rate table, with the same tolerances. Without a rate for the pair it is
  `exchange-rate-unknown` (info: not checkable).
- `inconsistent` (warning): the same counted thing given two values that
  cannot both be true (`1 000 soldats` … `1 400 soldats`; `plus de 1 000`
  and `1 100` can), in sentences about the same thing (half their topic
  words shared), so that two different figures of one noun (`4 million
  containers a year` of capacity, `2.1 million containers` of traffic) are
  not flagged.
- `date-unanchored` (warning): a date claim without a resolved start or end.
- `date-assumed` (warning): relative dates resolved against the day the
  article was ingested, because its publication date was not known.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from claimcheck.errors import InputError
from claimcheck.models import Article, Claim, Kind

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

TOLERANCE = 0.05
ABOUT_TOLERANCE = 0.10
# Two figures of one noun are "the same quantity" when their sentences share at
# least this many topic words, and this share of the shorter sentence's.
SHARED_TOPIC_WORDS = 2
SHARED_TOPIC_SHARE = 0.5
# Words of scale and time say how much or when, not what is counted.
_NOT_TOPIC = frozenset(
    """million millions milliard milliards billion billions trillion thousand thousands mille
    year years month months week weeks jour jours année années mois semaine semaines annee annees
    total environ about nearly some quelque""".split()
)

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
class Finding:
    code: str
    severity: Severity
    message: str
    claim_ids: list[str] = field(default_factory=list)
    article_id: str = ""


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


def lint(article: Article, claims: list[Claim], rates: list[Rate] | None = None) -> list[Finding]:
    """Every consistency finding for one article, most severe first, then in text order."""
    live = sorted(
        (c for c in claims if not c.orphaned and c.article_id == article.id), key=lambda c: (c.span.start, c.span.end)
    )
    findings = [*_conversions(article, live, rates or []), *_inconsistent(article, live), *_dates(article, live)]
    findings = [Finding(f.code, f.severity, f.message, f.claim_ids, article.id) for f in findings]
    order = {c.id: c.span.start for c in live}
    findings.sort(
        key=lambda f: (SEVERITY_ORDER[f.severity], min((order.get(i, 0) for i in f.claim_ids), default=0), f.code)
    )
    return findings


# -- conversions in parentheses ---------------------------------------------------


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


# -- the same quantity twice --------------------------------------------------------


def _inconsistent(article: Article, claims: list[Claim]) -> list[Finding]:
    counted = [
        c
        for c in claims
        if c.kind == Kind.quantity
        and c.value.get("unit")
        and c.value["unit"] not in PINT_UNITS
        and _interval(c) is not None
    ]
    out = []
    for i, a in enumerate(counted):
        for b in counted[i + 1 :]:
            if _noun(a) != _noun(b) or _overlap(_interval(a), _interval(b)):  # type: ignore[arg-type]
                continue
            topic_a = _topic(article.text, a)
            topic_b = _topic(article.text, b)
            shared = len(topic_a & topic_b)
            if shared < SHARED_TOPIC_WORDS or shared < SHARED_TOPIC_SHARE * min(len(topic_a), len(topic_b)):
                continue
            out.append(
                Finding(
                    "inconsistent",
                    "warning",
                    f"{a.span.quote} and later {b.span.quote}: the same quantity with values that cannot both hold",
                    [a.id, b.id],
                )
            )
    return out


def _topic(text: str, claim: Claim) -> frozenset[str]:
    from claimcheck.similar import content_words

    return content_words(_sentence(text, claim)) - content_words(str(claim.value["unit"])) - _NOT_TOPIC


def _noun(claim: Claim) -> str:
    from claimcheck.similar import value_key

    return str(value_key(claim)[3])


def _interval(claim: Claim) -> tuple[float, float] | None:
    """The values a claim allows: `plus de 1 000` is (1000, inf), `environ 1 000` is 900..1100."""
    amount = _amount(claim)
    if amount is None:
        return None
    bound = claim.value.get("bound", "exact")
    if bound == "range":
        try:
            return amount, float(claim.value.get("amount_max", amount))
        except (TypeError, ValueError):
            return None
    return {
        "about": (amount * (1 - ABOUT_TOLERANCE), amount * (1 + ABOUT_TOLERANCE)),
        "more_than": (amount, math.inf),
        "at_least": (amount, math.inf),
        "less_than": (-math.inf, amount),
        "at_most": (-math.inf, amount),
    }.get(bound, (amount, amount))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _sentence(text: str, claim: Claim) -> str:
    """The sentence around a claim, cut at sentence ends and blank lines."""
    start, end = claim.span.start, claim.span.end
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


# -- dates ---------------------------------------------------------------------------


def _dates(article: Article, claims: list[Claim]) -> list[Finding]:
    dates = [c for c in claims if c.kind == Kind.date]
    out = [
        Finding(
            "date-unanchored",
            "warning",
            f"{c.span.quote}: this date could not be resolved to a day, month or year",
            [c.id],
        )
        for c in dates
        if not c.value.get("start") or not c.value.get("end")
    ]
    assumed = [
        c
        for c in dates
        if c.value.get("start")
        and c.value.get("relative")
        and (c.value.get("published_assumed") or article.published_source == "ingest")
    ]
    if assumed:
        quotes = ", ".join(c.span.quote for c in assumed[:5]) + (" …" if len(assumed) > 5 else "")
        out.append(
            Finding(
                "date-assumed",
                "warning",
                f"{len(assumed)} relative date(s) ({quotes}) were resolved against "
                f"{article.published.isoformat()}, the day the article was ingested: its publication "
                "date was not known (give --published at ingest)",
                [c.id for c in assumed],
            )
        )
    return out
