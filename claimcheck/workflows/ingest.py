"""From a file on disk to an article and its claims in the registry.

Ingest is idempotent on the text's hash: the same text twice adds nothing. An
edited text of an article already in the registry (same URL, else same file
name) becomes a new version of it, with its claims re-anchored (workflows/update.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from claimcheck.errors import InputError
from claimcheck.models import Article, ArticleVersion, Claim, ClaimDraft, sha256_text, utcnow
from claimcheck.sources import SourceFile
from claimcheck.store import new_id
from claimcheck.store.base import RegistryBackend
from claimcheck.workflows.drafts import build_claims

Stage = Callable[[str], None]  # told what ingest is doing now: "fetching the page", "extracting claims"…


@dataclass(frozen=True)
class Given:
    """What the command line says about an article; each one wins over what the article says of itself."""

    published: date | None = None
    lang: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None


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
    stage: Stage | None = None,
) -> IngestResult:
    """Read an article file (text, Markdown or HTML) and ingest its text; options win over its metadata."""
    from claimcheck.sources import load_document

    (stage or _quiet)("reading the file")
    doc = load_document(path, max_bytes=max_bytes)
    meta = Given(published=published, lang=lang, url=url or _page_url(doc.url), title=title, outlet=outlet)
    return _ingest_doc(registry, doc, meta, by=by, source=path.name, stage=stage)


def ingest_url(
    registry: RegistryBackend,
    url: str,
    *,
    by: str,
    given: Given,
    max_bytes: int,
    allow_private: bool = False,
    timeout: float | None = None,
    stage: Stage | None = None,
) -> IngestResult:
    """Fetch a web page and ingest it as a file would be; the URL kept is the one fetched (after redirects).

    Not the page's canonical URL: some sites give every page the home page's, which would make every
    article a version of one.
    """
    from claimcheck.sources import parse_text
    from claimcheck.sources.fetch import TIMEOUT, decode_page, fetch

    (stage or _quiet)("fetching the page")
    page = fetch(url, max_bytes=max_bytes, allow_private=allow_private, timeout=timeout or TIMEOUT)
    (stage or _quiet)("reading the page")
    doc = parse_text(decode_page(page), page.format, page.url, url=page.url)
    meta = Given(
        published=given.published, lang=given.lang, url=given.url or page.url, title=given.title, outlet=given.outlet
    )
    return _ingest_doc(registry, doc, meta, by=by, source=None, stage=stage)


def _ingest_doc(
    registry: RegistryBackend, doc: SourceFile, given: Given, *, by: str, source: str | None, stage: Stage | None
) -> IngestResult:
    published = given.published or doc.published
    return ingest_text(
        registry,
        doc.text,
        by=by,
        source=source,
        fmt=doc.format,
        published=published,
        published_source=(
            "option" if given.published else (doc.published_from or "metadata") if published else "ingest"
        ),
        lang=given.lang,
        lang_hint=doc.lang,
        url=given.url,
        title=given.title or doc.title,
        outlet=given.outlet or doc.outlet,
        stage=stage,
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
    lang_hint: str | None = None,
    stage: Stage | None = None,
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
        (stage or _quiet)("extracting claims")
        prepared = _prepare(text, lang, lang_hint, when, assumed=published is None, name=source or url)
    with registry.transaction():
        same = registry.find_article(sha256=digest)
        if same is not None:
            return IngestResult(article=registry.article(same["id"]), outcome="unchanged")
        earlier = registry.find_article(url=url, source=source)
        if earlier is not None:
            from claimcheck.workflows.update import update_article

            result = update_article(registry, earlier["id"], text, by=by, source=source)
            return IngestResult(article=result.article, outcome="version", claims=result.added, changes=result.changes)

        language, drafts = prepared or _prepare(
            text, lang, lang_hint, when, assumed=published is None, name=source or url
        )
        (stage or _quiet)("saving")
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


def _prepare(
    text: str, lang: str | None, hint: str | None, when: date, *, assumed: bool, name: str | None = None
) -> tuple[str, list[ClaimDraft]]:
    """The article's language and its claim drafts: everything about an ingest that needs no registry."""
    from claimcheck.extract.pipeline import extract

    language = lang or decide_language(text, hint, name=name)
    return language, extract(text, language, when, published_assumed=assumed)


def decide_language(text: str, hint: str | None = None, *, name: str | None = None) -> str:
    """French or English, as detected on the text; a page's `lang` tag only breaks a tie on a short text.

    A text clearly in another language is refused: stored as French or English, its numbers and dates
    would be read wrong.
    """
    from claimcheck.extract.language import identify_language, language_name

    found = identify_language(text)
    if found not in ("fr", "en"):
        raise InputError(
            f"{name + ': ' if name else ''}the article looks {language_name(found)} ({found}), not French or English; "
            "claimcheck reads only those: if it is one of them, say so with --lang fr or --lang en"
        )
    words = len(text.split())
    if hint in ("fr", "en") and hint != found and words < _HINT_WORDS:
        return hint
    return found


# Below this many words, detection can hesitate and a page's own `lang` tag is the better guess.
_HINT_WORDS = 8


def _quiet(_stage: str) -> None:
    """No one to tell what ingest is doing."""
