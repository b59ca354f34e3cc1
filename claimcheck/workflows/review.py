"""`review`'s queue: the claims to work through, highest priority first, and what is left of it."""

from __future__ import annotations

from claimcheck.store.base import RegistryBackend
from claimcheck.triage import Triage

# What `review` shows by default: the claims nobody has reviewed yet.
UNREVIEWED = ("unverified", "in-review")


def queue(
    registry: RegistryBackend,
    articles: list[str] | None = None,
    *,
    assignee: str | None = None,
    statuses: tuple[str, ...] = UNREVIEWED,
) -> list[str]:
    """Claim ids in priority order (then position): of `articles` (refs) if given, of `assignee` if given."""
    ids: list[str | None] = [registry.resolve_article(ref) for ref in articles or ()]
    triage = Triage(statuses=statuses, assignee=assignee)
    found: list[str] = []
    for article in ids or [None]:
        page, _ = registry.claim_page(0, article=article, triage=triage, sort="priority")
        found += [s["id"] for s in page]
    return found


def still_open(registry: RegistryBackend, claim_id: str, statuses: tuple[str, ...] = UNREVIEWED) -> bool:
    """Whether a claim of the queue still waits for review (a colleague may have reviewed it meanwhile)."""
    return str(registry.claim_document(claim_id)["status"]) in statuses
