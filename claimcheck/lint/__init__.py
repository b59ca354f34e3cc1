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

from claimcheck.lint.consistency import _dates, _inconsistent
from claimcheck.lint.conversions import ABOUT_TOLERANCE, TOLERANCE, Rate, _conversions, read_rates
from claimcheck.lint.findings import SEVERITY_ORDER, Finding, Severity
from claimcheck.models import Article, Claim

__all__ = ["ABOUT_TOLERANCE", "SEVERITY_ORDER", "TOLERANCE", "Finding", "Rate", "Severity", "lint", "read_rates"]


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
