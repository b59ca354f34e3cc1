"""Drafts → claims: stable ids, exact spans with context and a `created` event (for ingest, update and add)."""

from __future__ import annotations

from claimcheck.models import Article, Claim, ClaimDraft, Event, Span, utcnow
from claimcheck.store import new_id
from claimcheck.store.base import RegistryBackend
from claimcheck.text import context


def created(claim: Claim, *, by: str, how: str = "extracted") -> Claim:
    """A new claim (a model: ingest and `add` build models) with its `created` event."""
    now = utcnow()
    item = Event(at=now, by=by, action="created", detail={"source": how})
    return claim.model_copy(update={"history": [*claim.history, item], "updated_at": now})


def build_claims(
    article: Article, drafts: list[ClaimDraft], *, by: str, registry: RegistryBackend, how: str = "extracted"
) -> list[Claim]:
    """Give drafts their stable ids, exact spans with context and a `created` event."""
    taken = registry.claim_ids_taken()
    fresh: set[str] = set()
    text = article.text
    claims = []
    now = utcnow()
    for draft in drafts:
        quote = text[draft.start : draft.end]
        seed = f"{article.id}:{article.version}:{draft.kind.value}:{draft.start}:{draft.end}:{quote}"
        claim_id = new_id("c", seed, lambda cid: cid in fresh or taken(cid), near=article.id)
        fresh.add(claim_id)
        prefix, suffix = context(text, draft.start, draft.end)
        claim = Claim(
            id=claim_id,
            article_id=article.id,
            kind=draft.kind,
            text=draft.text or quote[:80],
            span=Span(start=draft.start, end=draft.end, quote=quote, prefix=prefix, suffix=suffix),
            value=draft.value,
            created_at=now,
            updated_at=now,
            version=article.version,
        )
        claims.append(created(claim, by=by, how=how))
    return claims
