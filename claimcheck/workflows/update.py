"""A new version of an article: keep every text, re-anchor every claim, add the new ones.

Each existing claim gets one outcome from `anchor.py` (unchanged, moved,
changed, orphaned). What follows from it:

- unchanged: the span is refreshed (context may differ) and points into the
  new version; no history event, nothing happened to the claim;
- moved: new offsets and a `moved` event;
- changed: the claim is re-extracted from its new words (value and label), a
  `changed` event records the old and new quote and value, and a claim a
  person had already reviewed goes back to `in-review`, saying why;
- orphaned: the claim is kept with its old span, which still points into the
  version it was found in (kept in `Article.versions`), flagged `orphaned`
  and given an `orphaned` event. A later version can find it again.

Claims the extractor finds in the new text where no re-anchored claim of the
same kind already sits are added, as at ingest. All of it is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimcheck.anchor import Anchored, Reanchorer
from claimcheck.models import (
    REVIEWED,
    Article,
    ArticleVersion,
    Claim,
    ClaimDraft,
    Event,
    Kind,
    Span,
    Status,
    sha256_text,
    utcnow,
)
from claimcheck.store.base import RegistryBackend
from claimcheck.text import context
from claimcheck.workflows.drafts import build_claims

# extract(text, lang, published, *, published_assumed) → drafts; the pipeline's signature.
Extractor = Callable[..., list[ClaimDraft]]


@dataclass
class Change:
    """What happened to one earlier claim; `new_span` is None for an orphan."""

    claim_id: str
    outcome: str
    old_span: Span
    new_span: Span | None
    old_value: dict[str, Any] = field(default_factory=dict)
    new_value: dict[str, Any] = field(default_factory=dict)
    old_text: str = ""
    new_text: str = ""
    status: str = ""
    kind: str = ""


@dataclass
class UpdateResult:
    """The article after an update, what happened to each earlier claim, and the claims added."""

    article: Article
    changes: list[Change] = field(default_factory=list)
    added: list[Claim] = field(default_factory=list)
    # False when the text was already the current version: nothing was written.
    new_version: bool = True


def update_article(
    registry: RegistryBackend,
    article_ref: str,
    new_text: str,
    *,
    by: str,
    source: str | None = None,
    extractor: Extractor | None = None,
) -> UpdateResult:
    """Register `new_text` as the next version of an article and re-anchor its claims.

    The same text as the current version changes nothing (every claim unchanged, no new version).
    """
    if extractor is None:
        from claimcheck.extract.pipeline import extract

        extractor = extract
    with registry.transaction():
        article = registry.article(article_ref)
        claims = registry.claims_of(article.id)
        if new_text == article.text:
            same = [_kept(c, "orphaned" if c.orphaned else "unchanged", None if c.orphaned else c.span) for c in claims]
            return UpdateResult(article=article, changes=same, new_version=False)
        old_texts = article.version_texts()
        article = _with_new_version(article, new_text, by=by, source=source)
        version = article.version
        drafts = extractor(
            new_text, article.language, article.published, published_assumed=article.published_source == "ingest"
        )

        anchorers: dict[int, Reanchorer] = {}
        changes: list[Change] = []
        updated: list[Claim] = []
        placed: list[tuple[Kind, int, int]] = []
        for claim in claims:
            old_text = old_texts.get(claim.version, old_texts[max(old_texts)])
            if claim.version not in anchorers:
                anchorers[claim.version] = Reanchorer(old_text, new_text)
            found = anchorers[claim.version].locate(claim.span)
            claim, change = _apply(claim, found, drafts, new_text, version=version, by=by)
            changes.append(change)
            updated.append(claim)
            if not claim.orphaned:
                placed.append((claim.kind, claim.span.start, claim.span.end))

        fresh = [
            d
            for d in drafts
            if not any(kind == d.kind and start < d.end and d.start < end for kind, start, end in placed)
        ]
        added = build_claims(article, fresh, by=by, registry=registry)
        if added:
            from claimcheck.workflows.link import link_new_claims

            added = link_new_claims(registry, added)
        registry.save_article(article, updated + added)
    return UpdateResult(article=article, changes=changes, added=added)


def _with_new_version(article: Article, new_text: str, *, by: str, source: str | None) -> Article:
    now = utcnow()
    versions = list(article.versions) or [
        ArticleVersion(
            version=1,
            sha256=article.sha256,
            added_at=article.ingested_at,
            added_by=article.ingested_by,
            source=article.source,
        )
    ]
    # The outgoing version keeps its text; the current one's text lives in `Article.text` only.
    versions[-1] = versions[-1].model_copy(update={"text": article.text})
    digest = sha256_text(new_text)
    versions.append(
        ArticleVersion(version=versions[-1].version + 1, sha256=digest, added_at=now, added_by=by, source=source)
    )
    return article.model_copy(update={"text": new_text, "sha256": digest, "versions": versions})


def _apply(
    claim: Claim, found: Anchored, drafts: list[ClaimDraft], new_text: str, *, version: int, by: str
) -> tuple[Claim, Change]:
    """The claim after re-anchoring, and the change to report."""
    if found.span is None:
        return _orphan(claim, by, version), _kept(claim, "orphaned", None)
    old = claim
    span, outcome = found.span, found.outcome
    value, label = claim.value, claim.text
    if outcome == "changed":
        draft = _matching_draft(claim.kind, span, drafts)
        if draft is not None:
            span = _span_of(new_text, draft.start, draft.end)
            value, label = draft.value, draft.text or label
        else:
            # Nothing extracted there any more: the old value is kept, the label shows the new words.
            label = _quote_label(span.quote)
        # The extractor's span may be the old words after all (the fuzzy bounds were loose).
        if span.quote == old.span.quote:
            outcome = "unchanged" if span.start == old.span.start else "moved"
    claim = claim.model_copy(
        update={"span": span, "version": version, "orphaned": False, "value": value, "text": label}
    )
    claim = _record(old, claim, outcome, by, version)
    change = Change(
        old.id, outcome, old.span, span, old.value, value, old.text, label, claim.status.value, claim.kind.value
    )
    return claim, change


def _kept(claim: Claim, outcome: str, new_span: Span | None) -> Change:
    """The change to report for a claim whose value and label stay as they were."""
    return Change(
        claim.id,
        outcome,
        claim.span,
        new_span,
        claim.value,
        claim.value,
        claim.text,
        claim.text,
        claim.status.value,
        claim.kind.value,
    )


def _orphan(claim: Claim, by: str, version: int) -> Claim:
    """The claim marked orphaned (once: an orphan stays as it is)."""
    if claim.orphaned:
        return claim
    return _event(
        claim.model_copy(update={"orphaned": True}),
        by,
        "orphaned",
        version=version,
        quote=claim.span.quote,
        reason="its words were not found in the new version",
    )


def _record(old: Claim, claim: Claim, outcome: str, by: str, version: int) -> Claim:
    """The re-anchored claim with its history: found again, moved or changed (a changed verdict goes back to review)."""
    span = claim.span
    if old.orphaned:
        claim = _event(claim, by, "found_again", version=version, outcome=outcome, quote=span.quote)
    if outcome == "moved":
        claim = _event(
            claim,
            by,
            "moved",
            version=version,
            **{"from": [old.span.start, old.span.end], "to": [span.start, span.end]},
        )
    elif outcome == "changed":
        claim = _event(
            claim,
            by,
            "changed",
            version=version,
            old_quote=old.span.quote,
            new_quote=span.quote,
            old_value=old.value,
            new_value=claim.value,
            old_text=old.text,
            new_text=claim.text,
        )
        if claim.status in REVIEWED:
            note = f"its quoted words changed in version {version}"
            claim = _event(
                claim, by, "status", **{"from": claim.status.value, "to": Status.in_review.value, "note": note}
            )
            claim = claim.model_copy(update={"status": Status.in_review})
    return claim


def _matching_draft(kind: Kind, span: Span, drafts: list[ClaimDraft]) -> ClaimDraft | None:
    """The draft of the same kind overlapping the new span most (at least half of the shorter one)."""
    best, best_overlap = None, 0
    for draft in drafts:
        if draft.kind != kind:
            continue
        overlap = min(draft.end, span.end) - max(draft.start, span.start)
        shorter = min(draft.end - draft.start, span.end - span.start)
        if overlap > best_overlap and 2 * overlap >= shorter:
            best, best_overlap = draft, overlap
    return best


def _span_of(text: str, start: int, end: int) -> Span:
    prefix, suffix = context(text, start, end)
    return Span(start=start, end=end, quote=text[start:end], prefix=prefix, suffix=suffix)


def _quote_label(quote: str) -> str:
    label = " ".join(quote.split())
    return label if len(label) <= 80 else label[:79] + "…"


def _event(claim: Claim, by: str, action: str, **detail: Any) -> Claim:
    now = utcnow()
    event = Event(at=now, by=by, action=action, detail={k: _plain(v) for k, v in detail.items() if v is not None})
    return claim.model_copy(update={"history": [*claim.history, event], "updated_at": now})


def _plain(value: Any) -> Any:
    """History details are JSON: dates inside a claim's value become ISO strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
