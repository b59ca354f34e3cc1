"""`add`: a claim a person adds by quoting the article, for what the extractor missed."""

from __future__ import annotations

from claimcheck.errors import InputError, QuoteAmbiguous, QuoteNotFound, TransitionRefused
from claimcheck.models import Claim, ClaimDraft, Kind
from claimcheck.store.base import RegistryBackend
from claimcheck.workflows.drafts import build_claims


def occurrences(text: str, quote: str) -> list[int]:
    """Every offset where `quote` starts in `text`, overlapping ones included."""
    found, i = [], text.find(quote)
    while i >= 0:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _draft_for(text: str, start: int, end: int, lang: str, published, kind: Kind | None) -> ClaimDraft:
    """What the extractor makes of exactly these words, else a bare claim of the asked kind."""
    from claimcheck.extract.pipeline import extract

    found = [d for d in extract(text, lang, published) if d.start < end and d.end > start]
    for draft in found:
        if (draft.start, draft.end) == (start, end) and (kind is None or draft.kind == kind):
            return draft
    quote = text[start:end]
    # The words' own reading, not that of a longer claim around them: `1 000 soldats` inside
    # `plus de 1 000 soldats` is exactly 1,000, and words inside a figure's sentence are a statement.
    for draft in extract(quote, lang, published):
        if (draft.start, draft.end) == (0, len(quote)) and (kind is None or draft.kind == kind):
            return draft.model_copy(update={"start": start, "end": end})
    for draft in found if kind is not None else ():
        if draft.kind == kind and draft.start <= start and draft.end >= end - 1:
            return draft.model_copy(update={"start": start, "end": end})
    label = " ".join(quote.split())
    return ClaimDraft(
        kind=kind or Kind.statement,
        start=start,
        end=end,
        text=label if len(label) <= 80 else label[:79] + "…",
        value={"checkworthiness": 1.0} if (kind or Kind.statement) == Kind.statement else {},
    )


def add_claim(
    registry: RegistryBackend, article_ref: str, quote: str, *, occurrence: int | None, kind: Kind | None, by: str
) -> Claim:
    """Add a claim on the `occurrence`-th place (1-based) where `quote` appears, word for word, in the article.

    The extractor's reading of exactly those words gives the kind and value
    when it has one; otherwise the claim is a bare one of `kind` (a statement
    by default). A claim already on that span and of that kind is refused.
    """
    if not quote.strip():
        raise InputError("--quote cannot be empty")
    with registry.transaction():
        article = registry.article(article_ref)
        places = occurrences(article.text, quote)
        if not places:
            raise QuoteNotFound(f"{quote!r} is not in article {article.id} (the words must match exactly)")
        if occurrence is None and len(places) > 1:
            raise QuoteAmbiguous(
                f"{quote!r} occurs {len(places)} times in {article.id}; choose one with --occurrence 1..{len(places)}"
            )
        index = (occurrence or 1) - 1
        if not 0 <= index < len(places):
            raise InputError(f"--occurrence must be between 1 and {len(places)}")
        start = places[index]
        end = start + len(quote)
        draft = _draft_for(article.text, start, end, article.language, article.published, kind)
        for existing in registry.claims_of(article.id):
            if (existing.span.start, existing.span.end, existing.kind) == (start, end, draft.kind):
                raise TransitionRefused(f"this is already claim {existing.id}")
        claim = build_claims(article, [draft], by=by, registry=registry, how="added")[0]
        registry.save_article(article, [claim])
        return claim
