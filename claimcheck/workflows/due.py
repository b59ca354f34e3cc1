"""Deadlines and predictions whose date has passed: claims that can now be checked.

A date claim is due when the words just before it look ahead (a deadline:
`au plus tard`, `d'ici`, `by`, `no later than`; or a future, a plan, an
expectation: `baisseront`, `doit`, `prévoit`, `will`, `is due to`,
`expected to`), its end date is before today, and nobody has given it a
verdict yet. Claims marked `unverifiable` are included: a prediction usually
is, until its date passes. `dismissed` ones are not.

Only the date's own clause is read (from the last comma, semicolon or
sentence start before it): in `quitteraient le pays au plus tard le 15
septembre, ont-ils annoncé dimanche`, the 15th is a deadline and Sunday is
when it was said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from claimcheck.models import VERDICTS, Claim, Kind, Status
from claimcheck.store.base import RegistryBackend

_SKIP = frozenset({Status.dismissed}) | VERDICTS


@dataclass(frozen=True)
class DueClaim:
    """A date claim whose deadline has passed, with the words that made it one and the days since."""

    claim: Claim
    article_id: str
    article_title: str | None
    deadline: date
    cue: str  # the words that made it a deadline or a prediction
    days_overdue: int


def due_claims(registry: RegistryBackend, today: date) -> list[DueClaim]:
    """Date claims announcing something for a day before `today`, without a verdict, oldest deadline first."""
    from claimcheck.extract.dates.cues import looks_ahead  # compiles the date patterns: only when run
    from claimcheck.text import fold

    wanted: dict[str, set[str]] = {}
    for summary in registry.claim_summaries(kind=Kind.date.value):
        if Status(summary["status"]) not in _SKIP:
            wanted.setdefault(summary["article_id"], set()).add(summary["id"])
    out = []
    for article_id, ids in wanted.items():
        article = registry.article(article_id)
        texts = article.version_texts()
        for claim in registry.claims_of(article_id):
            if claim.id not in ids:
                continue
            deadline = _end(claim)
            if deadline is None or deadline >= today:
                continue
            text = fold(texts.get(claim.version, article.text))
            cue = looks_ahead(text, claim.span.start, claim.span.end, article.language)
            if cue:
                out.append(
                    DueClaim(claim, article.id, article.title or article.source, deadline, cue, (today - deadline).days)
                )
    out.sort(key=lambda d: (d.deadline, d.article_id, d.claim.span.start))
    return out


def _end(claim: Claim) -> date | None:
    raw = claim.value.get("end") or claim.value.get("start")
    try:
        return date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None
