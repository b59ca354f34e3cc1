"""Canonical labels for numeric claims (docs/architecture.md §3.2): `1,000+ soldats`, `~11.6%`, `$100M base militaire`.

Numbers are written the English way in every language (`1,000`, `20.5`).
Bounds are marked so a label reads at a glance:

    exact `N`, about `~N`, more_than `N+`, less_than `<N`, at_least `≥N`,
    at_most `≤N`, range `N–M` (en dash).

Money is its symbol and a compact amount (`$1.2B`, `£700M`, `€3.5K`, `€33.70`);
currencies without a common symbol are written `XOF 5M`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}
_COMPACT = ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K"))


def _decimal(amount: float | int | Decimal) -> Decimal | None:
    try:
        # str() of a float is its shortest round-tripping form: 4.2, not 4.2000000000000002.
        d = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return d if d.is_finite() else None


def canonical_number(amount: float) -> str:
    """`1000` → `1,000`, `20.5` → `20.5`, `4.20` → `4.2`: English separators, no trailing zeros."""
    if type(amount) is int:
        return f"{amount:,}"  # the common case, without a trip through Decimal
    d = _decimal(amount)
    if d is None:
        return str(amount)
    text = format(d, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def compact_number(amount: float, smallest: int = 10**3) -> str:
    """`1200000000` → `1.2B`, `3500` → `3.5K`; `canonical_number` when that would take more than two decimals."""
    if type(amount) is int and abs(amount) < 2**53:  # exact as a float too
        for factor, suffix in _COMPACT:
            if factor < smallest or abs(amount) < factor:
                continue
            if amount % (factor // 100) == 0:  # at most two decimals once scaled
                return canonical_number(amount / factor if amount % factor else amount // factor) + suffix
            break
        return f"{amount:,}"
    d = _decimal(amount)
    if d is None:
        return str(amount)
    for factor, suffix in _COMPACT:
        if factor < smallest:
            break
        if abs(d) >= factor:
            scaled = d / factor
            # More than two decimals is no longer compact: `1.234567M` reads worse than `1,234,567`.
            if scaled == scaled.quantize(Decimal("0.01")):
                return canonical_number(scaled) + suffix  # type: ignore[arg-type]
            break
    return canonical_number(d)  # type: ignore[arg-type]


def _money(amount: float, currency: str) -> str:
    d = _decimal(amount)
    if d is not None and abs(d) < 1000 and d != d.to_integral_value():
        number = format(d.quantize(Decimal("0.01")), "f")  # cents: €33.70, not €33.7
    else:
        number = compact_number(amount)
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def _one(kind: str, amount: float, value: dict) -> str:
    if kind == "money":
        return _money(amount, str(value.get("currency") or ""))
    if kind == "percent":
        return f"{canonical_number(amount)} pp" if value.get("unit") == "pp" else f"{canonical_number(amount)}%"
    return compact_number(amount, smallest=10**6)


def label(kind: str, value: dict, noun: str | None = None) -> str:
    """The one-line label of a numeric claim; `noun` is the head noun as written, if any."""
    amount = value.get("amount", 0)
    bound = value.get("bound", "exact")
    core = _one(kind, amount, value)
    if bound == "range" and "amount_max" in value:
        high = _one(kind, value["amount_max"], value)
        if kind == "percent" and value.get("unit") != "pp":
            core = f"{canonical_number(amount)}–{high}"  # 10–20%, not 10%–20%
        else:
            core = f"{core}–{high}"
    elif bound == "about":
        core = f"~{core}"
    elif bound == "more_than":
        core = f"{core}+"
    elif bound == "less_than":
        core = f"<{core}"
    elif bound == "at_least":
        core = f"≥{core}"
    elif bound == "at_most":
        core = f"≤{core}"
    if kind == "money" and value.get("unit"):
        core += str(value["unit"])  # a rate keeps what it is per: `€1/MWh`, `€10–€20/month`
    return f"{core} {noun}" if noun else core
