"""The storage seam: what the commands ask of a registry, whatever holds it.

`RegistryBackend` lists every method the commands and workflows call. Two
classes satisfy it: `store.registry.Registry`, the folder of JSON files, and
`store.postgres.registry.PostgresRegistry`; `store.open_registry` picks one
from the location it is given (docs/scaling.md).

Filtering and sorting for triage (`triage: Triage`, `sort`) are the pure functions of
claimcheck/triage.py over the summaries (store/index.py's `ClaimSummary`, which
a backend gives with every field, the triage ones included).

The promises every backend keeps:

- Methods take and return the models of `claimcheck.models`, or a claim or
  article as its stored JSON document (`claimcheck.documents`: exactly what
  `model_dump(mode="json")` gives). Never a file path, never a TinyDB object.
- Errors are `ClaimcheckError`s: `ArticleNotFound`, `ClaimNotFound` and
  `AmbiguousId` for a reference; `RegistryNotFound`, `RegistryTooNew`,
  `RegistryCorrupt` when opening or reading; `RegistryBusy` when another
  writer holds the registry longer than the timeout.
- `transaction()` is all or nothing and re-entrant: the changes made inside it
  are all there or none is, for every other reader, even when the process dies
  in the middle; a command that fails leaves nothing behind. `modify_claim`
  reads, changes and writes one claim inside one transaction: no lost update.

Folder-only (marked below): `root` (lint reads `rates.csv` beside the data).
The repairs of `doctor` (`files()`, `reindex()`, `.bak` copies) belong to the
JSON folder and are not part of the seam: doctor reads the files directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from claimcheck.models import Article, Claim
    from claimcheck.store.index import ClaimSummary
    from claimcheck.triage import Triage


@runtime_checkable
class RegistryBackend(Protocol):
    """A registry of articles and claims, as the commands use it; see the module docstring."""

    root: Path  # folder-only: where lint finds rates.csv; a SQL backend gives the folder of its settings

    # -- life cycle ---------------------------------------------------------------------------
    def close(self) -> None: ...

    def __enter__(self) -> RegistryBackend: ...

    def __exit__(self, *exc: object) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """All or nothing, re-entrant; RegistryBusy when another writer keeps the registry."""
        ...

    # -- settings -----------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        """Every setting of claimcheck/settings.py's KNOWN, as stored or its default."""
        ...

    def set_setting(self, name: str, value: Any) -> None:
        """Store one setting (a value claimcheck/settings.py's `parse` gave), under the lock."""
        ...

    # -- articles -----------------------------------------------------------------------------
    def article_summaries(self) -> list[dict[str, Any]]:
        """Every article's summary (id, title, url, sha256, hashes, versions, claims…), oldest ingest first."""
        ...

    def resolve_article(self, ref: str) -> str:
        """The article id for an id or a unique prefix; ArticleNotFound, AmbiguousId."""
        ...

    def article(self, ref: str) -> Article: ...

    def find_article(
        self, *, sha256: str | None = None, url: str | None = None, source: str | None = None
    ) -> dict[str, Any] | None:
        """The summary of the earliest article with this text, else URL, else source name."""
        ...

    def find_article_by_id(self, article_id: str) -> dict[str, Any] | None: ...

    # -- claims -------------------------------------------------------------------------------
    def claim_summaries(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        article: str | None = None,
        search: str | None = None,
        triage: Triage | None = None,
    ) -> list[ClaimSummary]:
        """What `list` shows: article in ingest order, then position."""
        ...

    def claim_page(
        self,
        limit: int,
        *,
        status: str | None = None,
        kind: str | None = None,
        article: str | None = None,
        search: str | None = None,
        triage: Triage | None = None,
        sort: str = "position",
    ) -> tuple[list[ClaimSummary], int]:
        """`claim_summaries(...)[:limit]` (0: all) and how many match; `sort` one of `triage.SORTS`."""
        ...

    def claim_documents(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        article: str | None = None,
        search: str | None = None,
        triage: Triage | None = None,
        sort: str = "position",
    ) -> Iterator[dict[str, Any]]:
        """Full claims as documents, in `list`'s order (or `sort`'s), streamed."""
        ...

    def claims_of(self, article_id: str) -> list[Claim]:
        """An article's claims in text order."""
        ...

    def claim(self, ref: str) -> Claim: ...

    def claim_document(self, ref: str) -> dict[str, Any]:
        """A claim as its document; ClaimNotFound, AmbiguousId."""
        ...

    def claim_in_context(self, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """A claim and its article, as documents."""
        ...

    def claim_ids_taken(self) -> Callable[[str], bool]:
        """A membership test over every claim id (new ids must not collide)."""
        ...

    def similar_candidates(self, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The claims filed under each similarity key (store/keys.py), in `list`'s order."""
        ...

    # -- writing (inside a transaction of their own, or the caller's) -------------------------
    def save_article(self, article: Article, claims: Iterable[Claim] = ()) -> None: ...

    def save_articles(self, items: Iterable[tuple[Article, Iterable[Claim]]]) -> None:
        """Many `save_article`s at once (import, export, bench/generate.py): each file or table written once."""
        ...

    def save_claims(self, claims: Iterable[Claim]) -> None: ...

    def save_claim_documents(self, claims: Iterable[dict[str, Any]]) -> None: ...

    def modify_claim(self, ref: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Read, `change` and save one claim document under the lock: no lost update."""
        ...

    def remove_claim(self, ref: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Read a claim, `change` it (its last event: who removed it; raise to refuse), then take it out.

        Under the lock. The claim leaves `list`, the reports and the indexes; its final document is kept
        with its article (the JSON folder: the article file's `removed` table), never lost.
        """
        ...
