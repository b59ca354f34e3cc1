"""From a file on disk to an article and its claims in the registry.

Ingest is idempotent on the text's hash: the same text twice adds nothing. An
edited text of an article already in the registry (same URL, else same file
name) becomes a new version of it, with its claims re-anchored (workflows/update.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from claimcheck.errors import InputError
from claimcheck.models import Article, ArticleVersion, Claim, ClaimDraft, sha256_text, utcnow
from claimcheck.store import new_id
from claimcheck.store.base import RegistryBackend
from claimcheck.workflows.drafts import build_claims


@dataclass
class IngestResult:
    """What an ingest did: a new article, the same text again, or a new version of an earlier one."""

    article: Article
    outcome: Literal["new", "unchanged", "version"]
    claims: list[Claim] = field(default_factory=list)
    # For a new version: what happened to each earlier claim (see workflows/update.py).
    changes: list = field(default_factory=list)


def parse_date(raw: str | None, what: str = "--published") -> date | None:
    """An ISO date from an option (only its first ten characters are read), None when empty."""
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        raise InputError(f"{what} must be a date like 2024-05-20, not {raw!r}") from None


def ingest_file(
    registry: RegistryBackend,
    path: Path,
    *,
    by: str,
    published: date | None = None,
    lang: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    max_bytes: int,
) -> IngestResult:
    """Read an article file (text, Markdown or HTML) and ingest its text; options win over its metadata."""
    from claimcheck.sources import load_document

    doc = load_document(path, max_bytes=max_bytes)
    return ingest_text(
        registry,
        doc.text,
        by=by,
        source=path.name,
        fmt=doc.format,
        published=published or doc.published,
        published_source=("option" if published else "metadata" if doc.published else "ingest"),
        lang=lang or doc.lang,
        url=url or _page_url(doc.url),
        title=title or doc.title,
        outlet=outlet or doc.outlet,
    )


def _page_url(url: str | None) -> str | None:
    """The URL a page gives for itself, kept only when it is a plain http(s) link: it is not the user's."""
    from claimcheck.actions import check_url
    from claimcheck.errors import InvalidUrl

    if not url:
        return None
    try:
        return check_url(url)
    except InvalidUrl:
        return None


def ingest_text(
    registry: RegistryBackend,
    text: str,
    *,
    by: str,
    source: str | None,
    fmt: str = "txt",
    published: date | None,
    published_source: str,
    lang: str | None,
    url: str | None,
    title: str | None,
    outlet: str | None,
) -> IngestResult:
    """Add an article and its extracted claims, or nothing for a known text, or a new version of it.

    An earlier article with the same URL (else the same source file name) gets
    this text as its next version, its claims re-anchored (workflows/update.py).
    """
    if url is not None:
        from claimcheck.actions import check_url

        url = check_url(url)
    digest = sha256_text(text)
    when = published or utcnow().date()
    # Language detection and extraction are pure and take most of an ingest (~0.4 s): they run
    # before the lock is taken, so that `mark` in another terminal does not wait for them.
    # Everything that depends on the registry is decided again under the lock.
    prepared = None
    if registry.find_article(sha256=digest) is None and registry.find_article(url=url, source=source) is None:
        prepared = _prepare(text, lang, when, assumed=published is None)
    with registry.transaction():
        same = registry.find_article(sha256=digest)
        if same is not None:
            return IngestResult(article=registry.article(same["id"]), outcome="unchanged")
        earlier = registry.find_article(url=url, source=source)
        if earlier is not None:
            from claimcheck.workflows.update import update_article

            result = update_article(registry, earlier["id"], text, by=by, source=source)
            return IngestResult(article=result.article, outcome="version", claims=result.added, changes=result.changes)

        language, drafts = prepared or _prepare(text, lang, when, assumed=published is None)
        now = utcnow()
        article_id = new_id(
            "a", f"{url or source or ''}:{digest}", lambda aid: registry.find_article_by_id(aid) is not None
        )
        article = Article(
            id=article_id,
            title=title,
            url=url,
            outlet=outlet,
            language=language,
            published=when,
            published_source=published_source if published else "ingest",
            format=fmt,
            source=source,
            ingested_at=now,
            ingested_by=by,
            text=text,
            sha256=digest,
            versions=[ArticleVersion(version=1, sha256=digest, added_at=now, added_by=by, source=source)],
        )
        from claimcheck.workflows.link import link_new_claims

        # Linking saves only the earlier claims; the new ones are saved right after, with their links.
        claims = link_new_claims(registry, build_claims(article, drafts, by=by, registry=registry))
        registry.save_article(article, claims)
    return IngestResult(article=article, outcome="new", claims=claims)


def _prepare(text: str, lang: str | None, when: date, *, assumed: bool) -> tuple[str, list[ClaimDraft]]:
    """The article's language and its claim drafts: everything about an ingest that needs no registry."""
    from claimcheck.extract.language import detect_language
    from claimcheck.extract.pipeline import extract

    language = lang or detect_language(text)
    if language not in ("fr", "en"):
        raise InputError(f"--lang must be fr or en, not {language!r}")
    return language, extract(text, language, when, published_assumed=assumed)
