"""The same counted thing given two values that cannot both be true, and dates left unanchored (see
`claimcheck.lint`)."""

from __future__ import annotations

import math

from claimcheck.lint.conversions import ABOUT_TOLERANCE, PINT_UNITS, _amount
from claimcheck.lint.findings import Finding
from claimcheck.models import Article, Claim, Kind

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
