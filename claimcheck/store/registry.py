"""The registry on disk: articles, their claims and a small index, behind one class.

Claims live with their article (layout.py), so the cost of `show`, `mark` and
`ingest` does not grow with the registry; `list` reads the index shards only
(index.py). The article files are the source of truth: both indexes are
rebuilt from them (repair.py). Every change happens inside `transaction()`: the
lock on `.lock` (lock.py) held across the whole read-modify-write, with fresh
TinyDB objects (their caches cannot see another process's writes). A change
touching several files first writes `.pending.json` naming the articles
involved; if the process dies before the end, the next command finds it and
rebuilds those index entries from the article files.

`Registry` is the JSON-folder backend of store/base.py's `RegistryBackend`. Its
only state is the lock and a cache of registry.json; everything else is a
function of the folder, in the modules beside this one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ArticleNotFound, ClaimNotFound
from claimcheck.store import index, layout, tables
from claimcheck.store.folder import Folder
from claimcheck.store.index import ClaimSummary, article_summary, put_summaries
from claimcheck.store.layout import REGISTRY_FILE, article_path, doc_id
from claimcheck.store.storage import AtomicJSONStorage
from claimcheck.store.tables import document, read_file, table_of
from claimcheck.store.whole import check_whole
from claimcheck.triage import Triage, sort_summaries

if TYPE_CHECKING:
    # Imported where a model is built: `list`, which reads summaries only, needs no pydantic.
    from claimcheck.models import Article, Claim


class Registry(Folder):
    """The claims in a folder of JSON files. The only module (with the rest of `store`) that imports tinydb."""

    # -- settings ----------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        from claimcheck.store.config_file import read_settings

        return read_settings(self.root)

    def set_setting(self, name: str, value: Any) -> None:
        from claimcheck.store.config_file import write_setting

        with self.transaction():
            write_setting(self.root, name, value)

    # -- reading -----------------------------------------------------------------

    def _read_table(self, path: Path, table: str) -> dict[str, Any]:
        docs = self._raw_table(path, table)
        if path == self.root / REGISTRY_FILE and self._registry_cache is not None:
            # One ingest reads registry.json's 3,000 summaries (at 100k claims) some fifteen times: check that
            # version of the file once.
            checked = (self._registry_cache[0], table)
            if checked not in self._registry_checked:
                tables.check_documents(path, table, docs)
                self._registry_checked.add(checked)
            return docs
        tables.check_documents(path, table, docs)
        return docs

    def _raw_table(self, path: Path, table: str) -> Any:
        """A table as parsed, not yet checked; registry.json from its cache."""
        data = self._registry_data() if path == self.root / REGISTRY_FILE else read_file(path)
        return data.get(table, {})

    def _registry_data(self) -> dict[str, Any]:
        """registry.json, parsed once per version of the file.

        One ingest asks it for an article with the same text, then the same URL
        or source, then whether an id is free; `report` resolves its articles
        in it: 2 MB at 100k claims, parsed once instead of three or four times.
        Every write replaces the file (a new inode), so (inode, mtime, size)
        tells a stale copy.
        """
        path = self.root / REGISTRY_FILE
        try:
            st = path.stat()
        except FileNotFoundError:
            return {}
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        if self._registry_cache is None or self._registry_cache[0] != key:
            self._registry_cache = (key, AtomicJSONStorage(path).read() or {})
        return self._registry_cache[1]

    def article_summaries(self) -> list[dict[str, Any]]:
        """Every article, as the small summary kept in registry.json, oldest ingest first."""
        docs = self._read_table(self.root / REGISTRY_FILE, "articles")
        return sorted(docs.values(), key=lambda a: (a.get("ingested_at", ""), a.get("id", "")))

    def resolve_article(self, ref: str) -> str:
        ref = ref.strip()
        if ref.lower().startswith("c-"):
            raise ArticleNotFound(f"{ref!r} is a claim id; article ids look like a-91bc02 (see `claimcheck articles`)")
        ids = [a["id"] for a in self.article_summaries()]
        return layout.resolve_ref(ref, ids, "a", "article", ArticleNotFound)

    def article(self, ref: str) -> Article:
        article_id = self.resolve_article(ref)
        article = tables.load_article(self.root, article_id)
        if article is None:
            raise ArticleNotFound(f"article {article_id} is in the index but its file is missing")
        return article

    def find_article_by_id(self, article_id: str) -> dict[str, Any] | None:
        return self._read_table(self.root / REGISTRY_FILE, "articles").get(str(doc_id(article_id)))

    def find_article(
        self, *, sha256: str | None = None, url: str | None = None, source: str | None = None
    ) -> dict[str, Any] | None:
        """The summary of an article holding this exact text, or with this URL or source name.

        The earliest ingested if several match, found without sorting every
        summary: ingest asks four times, and at 100k claims a sort is 3 ms.
        """
        summaries = self._read_table(self.root / REGISTRY_FILE, "articles").values()
        return index.earliest(summaries, sha256=sha256, url=url, source=source)

    def claim_summaries(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        article: str | None = None,
        search: str | None = None,
        triage: Triage | None = None,
    ) -> list[ClaimSummary]:
        """Summaries from the index, in article order then position: what `list` shows."""
        found, order = self._matching_summaries(status, kind, article, search, triage)
        found.sort(key=index.list_order(order))
        return found

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
        """`claim_summaries(...)[:limit]` (0: all) and how many match: the rows of `list`'s table.

        The table shows 100 rows of some 14,000 verified claims at 100k claims;
        putting only the first articles in order costs less than half of sorting them all.
        """
        found, order = self._matching_summaries(status, kind, article, search, triage)
        if sort != "position":
            sort_summaries(found, sort, order)
            return found[:limit] if limit else found, len(found)
        if limit > 0:
            return index.first_in_order(found, order, limit), len(found)
        found.sort(key=index.list_order(order))
        return found[:limit] if limit else found, len(found)

    def _matching_summaries(
        self,
        status: str | None,
        kind: str | None,
        article: str | None,
        search: str | None,
        triage: Triage | None = None,
    ) -> tuple[list[ClaimSummary], dict[str, int]]:
        """The index entries that pass the filters, unsorted, and each article's rank in ingest order."""
        order = {a["id"]: i for i, a in enumerate(self.article_summaries())}
        return index.matching(self.root, status, kind, article, search, triage), order

    def claims_of(self, article_id: str) -> list[Claim]:
        return tables.claims_and_docs(self.root, article_id)[0]

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
        """Full claims as stored documents (`list --json`), in `list`'s order, one article file at a time.

        Each goes through the same check as `show` (documents.py): validating
        100k claims through the models was most of `list --json` (~3.8 s).
        Another `sort` holds the claims in memory to give them in its order.
        """
        found, order = self._matching_summaries(status, kind, article, search, triage)
        if sort != "position":
            sort_summaries(found, sort, order)
            place = {s["id"]: i for i, s in enumerate(found)}
            yield from sorted(self._documents_of(found, order), key=lambda d: place[d["id"]])
            return
        yield from self._documents_of(found, order)

    def _documents_of(self, found: list[ClaimSummary], order: dict[str, int]) -> Iterator[dict[str, Any]]:
        wanted: dict[str, set[str]] = {}
        for s in index.in_article_order(found, order):
            wanted.setdefault(s["article_id"], set()).add(s["id"])
        for article_id, ids in wanted.items():
            path = article_path(self.root, article_id)
            docs = [
                document("Claim", doc, path)
                for doc in self._read_table(path, "claims").values()
                if doc.get("id") in ids
            ]
            docs.sort(key=index.position)
            yield from docs

    def resolve_claim(self, ref: str) -> tuple[str, str]:
        """(claim id, article id) for an id or any unique prefix of one (`c-7f3`, `7f3`)."""
        ref = ref.strip().lower()
        hexpart = layout.hex_part(ref) if ref.startswith("c-") else ref
        if not hexpart or any(ch not in "0123456789abcdef" for ch in hexpart):
            raise ClaimNotFound(f"no claim {ref!r}: claim ids look like c-7f3a9e")
        owners = index.claim_owners(self.root, hexpart)
        claim_id = layout.resolve_ref(f"c-{hexpart}", list(owners), "c", "claim", ClaimNotFound)
        return claim_id, owners[claim_id]

    def claim(self, ref: str) -> Claim:
        """A claim as a model (for code that builds or compares claims; one-claim commands use documents)."""
        from claimcheck.models import Claim

        return Claim.model_validate(self.claim_document(ref))

    def claim_document(self, ref: str) -> dict[str, Any]:
        """A claim as its stored document (see documents.py): no pydantic unless the document needs it."""
        claim_id, article_id = self.resolve_claim(ref)
        path = article_path(self.root, article_id)
        return _claim_document(claim_id, path, self._read_table(path, "claims"))

    def claim_in_context(self, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """A claim and its article, as documents, from one read of the article file."""
        claim_id, article_id = self.resolve_claim(ref)
        path = article_path(self.root, article_id)
        data = read_file(path)
        claim = _claim_document(claim_id, path, table_of(data, path, "claims"))
        article = table_of(data, path, "article").get("1")
        if article is None:
            raise ClaimNotFound(f"claim {claim_id} is in the index but its article is missing from {path}")
        return claim, document("Article", article, path)

    def claim_ids_taken(self) -> Callable[[str], bool]:
        """A membership test over every claim id, reading each shard at most once."""
        return index.ids_taken(self.root)

    def similar_candidates(self, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The keys entries filed under each of `keys` (store/keys.py), reading one small file per key.

        Each list is in the order `claim_summaries` gives (article ingest order,
        then position), so that `similar` ranks them exactly as it ranks the
        whole index.
        """
        return index.filed_under(self.root, keys, lambda: {a["id"]: i for i, a in enumerate(self.article_summaries())})

    # -- writing -----------------------------------------------------------------

    def save_article(self, article: Article, claims: Iterable[Claim] = ()) -> None:
        """Write an article (new, or a new version) with claims to add or replace."""
        self.save_articles([(article, claims)])

    def save_articles(self, items: Iterable[tuple[Article, Iterable[Claim]]]) -> None:
        """Write many articles at once: each article file once, each touched index shard and registry.json once.

        An import, or bench/generate.py, saves hundreds of articles; one at a
        time, each rewrites ~30 index shards and registry.json again.
        """
        batch = [(article, list(claims)) for article, claims in items]
        if not batch:
            return
        with self.transaction():
            self._check_before_writing(
                [self.root / REGISTRY_FILE, *(article_path(self.root, a.id) for a, _ in batch)],
                (c.id for _, claims in batch for c in claims),
            )
            self._save_articles(batch)

    def _save_articles(self, batch: list[tuple[Article, list[Claim]]]) -> None:
        self._pending(a.id for a, _ in batch)
        summaries = []
        changed: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
        for article, claims in batch:
            count = tables.write_article(
                article_path(self.root, article.id),
                article.model_dump(mode="json"),
                [claim.model_dump(mode="json") for claim in claims],
                changed,
            )
            summaries.append((article_summary(article, count), doc_id(article.id)))
        index.index_claims(self.root, [new for _, new in changed])
        index.refile_keys(self.root, changed)
        self._put_summaries(summaries)

    def save_claims(self, claims: Iterable[Claim]) -> None:
        """Replace existing claims (models) in their article files and the index."""
        self.save_claim_documents(c.model_dump(mode="json") for c in claims)

    def save_claim_documents(self, claims: Iterable[dict[str, Any]]) -> None:
        """Replace existing claims (a status change, new evidence...) in their article files and the index."""
        by_article: dict[str, list[dict[str, Any]]] = {}
        for claim in claims:
            by_article.setdefault(claim["article_id"], []).append(claim)
        if not by_article:
            return
        with self.transaction():
            for article_id in by_article:
                if not article_path(self.root, article_id).exists():
                    raise ArticleNotFound(f"no article {article_id} in {self.root}")
            self._check_before_writing(
                [article_path(self.root, a) for a in by_article], (c["id"] for g in by_article.values() for c in g)
            )
            self._save_claim_documents(by_article)

    def _save_claim_documents(self, by_article: dict[str, list[dict[str, Any]]]) -> None:
        self._pending(by_article)
        changed: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
        for article_id, group in by_article.items():
            tables.put_claims(article_path(self.root, article_id), group, changed)
        index.index_claims(self.root, [c for group in by_article.values() for c in group])
        # A status or evidence change leaves every keys entry as it was: this writes nothing then.
        index.refile_keys(self.root, changed)

    def _check_before_writing(self, files: list[Path], claim_ids: Iterable[str]) -> None:
        """Every article file and index shard a change will replace, read and checked whole before the first write.

        A file that does not fit stops the change with one line naming it, before
        anything is written: a command that fails has changed nothing.
        """
        shards = {layout.shard_path(self.root, cid) for cid in claim_ids}
        for path in [*files, *sorted(shards)]:
            if path.name == REGISTRY_FILE:
                check_whole(path, self._registry_data())
            else:
                tables.read_whole(path)

    def modify_claim(self, ref: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Read a claim's document, apply `change` and save it, all under the lock, so no update is lost."""
        with self.transaction():
            updated = change(self.claim_document(ref))
            self.save_claim_documents([updated])
            return updated

    def remove_claim(self, ref: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Take a claim out, its final document (`change`'s) kept in the article file (store/removal.py)."""
        from claimcheck.store.removal import remove_claim

        with self.transaction():
            claim = change(self.claim_document(ref))
            self._pending([claim["article_id"]])
            remove_claim(self.root, claim)
            return claim

    def _put_summaries(self, summaries: list[tuple[dict[str, Any], int]]) -> None:
        """Put article summaries in registry.json, written from its parsed copy, which then stays current.

        registry.json holds a summary per article (2 MB at 100k claims): through
        TinyDB an ingest parsed it once more to write it, and once more after to
        say where its claims were seen before.
        """
        path = self.root / REGISTRY_FILE
        articles = self._read_table(path, "articles")
        check_whole(path, self._registry_data())
        data = put_summaries(path, self._registry_data(), articles, summaries)
        st = path.stat()
        self._registry_cache = ((st.st_ino, st.st_mtime_ns, st.st_size), data)

    # -- folder-only: for doctor and the benchmarks ----------------------------------------------

    def files(self) -> list[Path]:
        """Every data file of the registry (not locks, temporaries or backups)."""
        return layout.data_files(self.root)

    def reindex(self) -> tuple[int, int]:
        """Rebuild the derived files beside the old ones and swap them in (rebuild.py): (articles, claims)."""
        from claimcheck.store.reindex import reindex

        if self._depth:
            raise RuntimeError("reindex() takes the lock itself: call it outside a transaction")
        return reindex(self.root)


def _claim_document(claim_id: str, path: Path, table: dict[str, Any]) -> dict[str, Any]:
    doc = table.get(str(doc_id(claim_id)))
    if doc is None:
        raise ClaimNotFound(f"claim {claim_id} is in the index but not in its article file")
    return document("Claim", doc, path)
