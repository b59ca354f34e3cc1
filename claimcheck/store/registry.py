"""The registry on disk: articles, their claims and a small index, behind one class.

Layout of a registry folder (every file a TinyDB JSON file, indented, sorted):

    registry.json          schema version and one summary per article
    articles/a-XXXXXX.json the article (every version of its text) and its claims
    index/XX.json          one summary per claim, sharded by the first two hex
                           digits of the claim id, so that finding a claim or
                           changing its status touches one small file (the
                           claims of one article share those two digits: an
                           ingest rewrites one shard)
    index/keys/XXX.json    every figure and quotation filed under what `similar`
                           compares it on (store/keys.py), sharded by a hash of
                           that key, so that linking a new article's claims to
                           claims seen before reads a few small files, not the index
    .lock                  the inter-process lock, a file of its own

Claims live with their article, so the cost of `show`, `mark` and `ingest`
does not grow with the registry; `list` reads the index shards only. The
article files are the source of truth: both indexes are rebuilt from them.

Every change happens inside `transaction()`: a lock on `.lock` held across the
whole read-modify-write, with fresh TinyDB objects (their caches cannot see
another process's writes). A change touching several files first writes
`.pending.json` naming the articles involved; if the process dies before the
end, the next command finds it and rebuilds those index entries from the
article files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from tinydb import TinyDB
from tinydb.table import Document

from claimcheck.errors import (
    AmbiguousId,
    ArticleNotFound,
    ClaimNotFound,
    RegistryBusy,
    RegistryCorrupt,
    RegistryExists,
    RegistryNotFound,
    RegistryTooNew,
)
from claimcheck.store.keys import ENTRY_FIELDS, entry_problem, key_entry, key_shard
from claimcheck.store.storage import (
    BACKUP_SUFFIX,
    TMP_SUFFIX,
    AtomicJSONStorage,
    read_json,
    write_json_atomic,
)

if TYPE_CHECKING:
    # Imported where a model is built: `list`, which reads summaries only, needs no pydantic.
    from claimcheck.models import Article, Claim

SCHEMA_VERSION = 2
REGISTRY_FILE = "registry.json"
LOCK_FILE = ".lock"
PENDING_FILE = ".pending.json"
# Present while a command holds the lock to write: left behind, it says a writer was killed and its
# temporary files may lie in any folder. A `.tmp` name: git ignores it and the stray sweep removes it.
WRITING_FILE = ".writing.tmp"
LOCK_TIMEOUT = 60.0

# Migrations from schema N to N+1, applied in order to an older registry (a backup is kept first);
# filled in at the end of this module.
MIGRATIONS: dict[int, Callable[[Path], None]] = {}
# Articles read, and index files written, at a time when the indexes are rebuilt from the article files.
_REBUILD_BATCH = 200

_GITIGNORE = "# claimcheck's lock, temporary files and backups\n.lock\n.pending.json\n*.tmp\n*.bak\n"


class ClaimSummary(TypedDict):
    id: str
    article_id: str
    kind: str
    status: str
    text: str
    quote: str
    start: int
    updated_at: str


def summarize(claim: dict[str, Any]) -> ClaimSummary:
    """A claim's index entry, from its stored document (`Claim.model_dump(mode="json")`)."""
    span = claim["span"]
    return ClaimSummary(
        id=claim["id"],
        article_id=claim["article_id"],
        kind=claim["kind"],
        status=claim["status"],
        text=claim["text"],
        quote=span["quote"],
        start=span["start"],
        # The index has always written `+00:00` (datetime.isoformat), the article files `Z`.
        updated_at=datetime.fromisoformat(claim["updated_at"]).isoformat(),
    )


def _hex(ident: str) -> str:
    return ident.split("-", 1)[1] if "-" in ident else ident


def _doc_id(ident: str) -> int:
    """Documents are keyed by the id's hex digits, so a key lookup finds a claim or an article.

    A leading 1 keeps leading zeros apart: c-0abc123 and c-abc123 get different keys.
    """
    return int("1" + _hex(ident), 16)


def new_id(prefix: str, seed: str, taken: Callable[[str], bool], *, near: str | None = None) -> str:
    """A short id from a hash of `seed`, longer only when the short one is taken.

    With `near` (an article id), the id opens with the same two hex digits as
    that article's: all the claims of one article then share one index shard,
    and ingesting it rewrites that shard alone, not thirty of them.
    """
    import hashlib  # here: loading OpenSSL is 3 ms of every command, and only writers make ids

    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    lead = _hex(near)[:2] if near else ""
    for length in range(6, len(digest) + 1):
        candidate = f"{prefix}-{lead}{digest[:length - len(lead)]}"
        if not taken(candidate):
            return candidate
    raise RuntimeError("sha256 ran out of digits")  # unreachable in practice


def _article_summary(article: Article, claim_count: int) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "language": article.language,
        "published": article.published.isoformat(),
        "published_source": article.published_source,
        "ingested_at": article.ingested_at.isoformat(),
        "source": article.source,
        "format": article.format,
        "sha256": article.sha256,
        "hashes": [v.sha256 for v in article.versions] or [article.sha256],
        "versions": article.version,
        "claims": claim_count,
    }


class Registry:
    """The claims on disk. The only module (with its storage) that imports tinydb."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock: Any = None  # created on the first write: reading needs no lock, and no import
        self._depth = 0
        self._registry_cache: tuple[tuple[int, int, int], dict[str, Any]] | None = None
        self._registry_checked: set[tuple[tuple[int, int, int], str]] = set()

    # -- opening -----------------------------------------------------------------

    @classmethod
    def init(cls, root: Path) -> Registry:
        root = Path(root)
        if (root / REGISTRY_FILE).exists():
            return cls.open(root)
        if root.exists() and not root.is_dir():
            raise RegistryExists(f"{root} exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
        (root / "articles").mkdir(exist_ok=True)
        (root / "index" / "keys").mkdir(parents=True, exist_ok=True)
        gitignore = root / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text(_GITIGNORE, encoding="utf-8")
        registry = cls(root)
        with registry.transaction():
            write_json_atomic(
                root / REGISTRY_FILE, {"meta": {"1": {"schema": SCHEMA_VERSION}}, "articles": {}}, backup=False
            )
        return registry

    @classmethod
    def open(cls, root: Path, *, on_upgrade: Callable[[int, Path], None] | None = None) -> Registry:
        """Open a registry; an older schema is upgraded first, after `on_upgrade(old schema, backup folder)`."""
        root = Path(root)
        path = root / REGISTRY_FILE
        if not path.is_file():
            raise RegistryNotFound(f"no claimcheck registry at {root}; run `claimcheck init` to create one")
        registry = cls(root)
        registry._check_schema(on_upgrade)
        if (root / PENDING_FILE).exists():
            with registry.transaction():
                pass  # the transaction repairs what a killed process left
        elif (root / WRITING_FILE).exists():
            # A writer at work, or one that was killed: sweep its temporary files unless it still holds the lock.
            # Looking at every folder on each open cost ~10 ms at 100k claims (10,000 names), for nothing.
            registry._remove_strays_if_idle()
        return registry

    def close(self) -> None:
        pass  # every TinyDB object lives only inside one call

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _schema(self) -> int:
        quick = _schema_from_tail(self.root / REGISTRY_FILE)
        if quick is not None:
            return quick
        data = read_json(self.root / REGISTRY_FILE) or {}
        meta = data.get("meta") if isinstance(data, dict) else None
        meta = meta.get("1") if isinstance(meta, dict) else None
        schema = meta.get("schema") if isinstance(meta, dict) else None
        if not isinstance(schema, int) or isinstance(schema, bool):
            raise RegistryCorrupt(f"{self.root / REGISTRY_FILE} has no schema version")
        return schema

    def _check_schema(self, on_upgrade: Callable[[int, Path], None] | None = None) -> None:
        schema = self._schema()
        if schema > SCHEMA_VERSION:
            raise RegistryTooNew(
                f"{self.root} was written by a newer claimcheck (schema {schema}, this one knows "
                f"{SCHEMA_VERSION}); upgrade claimcheck, nothing was changed"
            )
        if schema < SCHEMA_VERSION:
            self._migrate(schema, on_upgrade)

    def _migrate(self, schema: int, on_upgrade: Callable[[int, Path], None] | None = None) -> None:
        import shutil

        missing = [n for n in range(schema, SCHEMA_VERSION) if n not in MIGRATIONS]
        if missing:
            raise RegistryCorrupt(
                f"{self.root} has schema {schema}, which this claimcheck cannot migrate (no step from schema "
                f"{missing[0]}); nothing was changed"
            )
        with self.transaction():
            backup = self.root.with_name(f"{self.root.name}.schema{schema}.backup")
            if on_upgrade is not None:
                on_upgrade(schema, backup)
            if not backup.exists():
                # Copied under another name first: a copy cut short by a kill is never taken for the backup.
                partial = backup.with_name(backup.name + ".partial")
                shutil.rmtree(partial, ignore_errors=True)
                shutil.copytree(self.root, partial, ignore=shutil.ignore_patterns(LOCK_FILE, WRITING_FILE))
                os.replace(partial, backup)
            while schema < SCHEMA_VERSION:
                MIGRATIONS[schema](self.root)
                schema += 1
            with self._db(self.root / REGISTRY_FILE) as db:
                db.table("meta").upsert(Document({"schema": schema}, doc_id=1))

    # -- locking -----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the registry lock across a whole read-modify-write; re-entrant within a process."""
        if self._depth == 0:
            from filelock import FileLock, Timeout

            if self._lock is None:
                self._lock = FileLock(str(self.root / LOCK_FILE), timeout=LOCK_TIMEOUT)
            try:
                self._lock.acquire()
            except Timeout:
                raise RegistryBusy(
                    f"{self.root} is locked by another claimcheck command (waited {LOCK_TIMEOUT:.0f} s)"
                ) from None
        self._depth += 1
        writing = self.root / WRITING_FILE
        try:
            if self._depth == 1:
                # The marker first: a kill during the repair below leaves it, so the repair is due again.
                killed = writing.exists() or (self.root / PENDING_FILE).exists()
                writing.touch()
                if killed:
                    self._recover()
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                with suppress(FileNotFoundError):
                    writing.unlink()
                self._lock.release()

    @contextmanager
    def _db(self, path: Path) -> Iterator[TinyDB]:
        db = TinyDB(path, storage=AtomicJSONStorage)
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _pending(self, article_ids: Iterable[str]) -> Iterator[None]:
        path = self.root / PENDING_FILE
        write_json_atomic(path, {"articles": sorted(set(article_ids))}, backup=False)
        yield
        os.unlink(path)

    def _strays(self) -> list[Path]:
        """Temporary files in the registry's four folders (no recursive walk: open() calls it).

        os.scandir, not Path.glob: at 100k claims these folders hold ~10,000
        names, which glob took twice as long to go through.
        """
        found = []
        for folder in (self.root, self.root / "articles", self.root / "index", self._keys_dir()):
            with suppress(FileNotFoundError, NotADirectoryError), os.scandir(folder) as entries:
                found += [Path(e.path) for e in entries if e.name.startswith(".") and e.name.endswith(TMP_SUFFIX)]
        return found

    def _remove_strays(self, *, keep_marker: bool = False) -> None:
        """Remove temporary files; the writer's marker last (a sweep cut short is due again), or not at all."""
        marker = self.root / WRITING_FILE
        for stray in sorted(self._strays(), key=lambda p: p == marker):
            if not (keep_marker and stray == marker):
                with suppress(OSError):
                    stray.unlink()

    def _remove_strays_if_idle(self) -> None:
        """A killed writer's temporary files, removed at open unless a command holds the lock (they may be its own)."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.root / LOCK_FILE), timeout=LOCK_TIMEOUT)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return  # the command holding it, or the next one, removes the stale ones
        try:
            self._remove_strays()
        finally:
            self._lock.release()

    def _recover(self) -> None:
        """Finish what a killed writer left: rebuild index entries and summaries from article files.

        Called under the lock with this command's own marker in place, which it keeps.
        """
        self._remove_strays(keep_marker=True)
        path = self.root / PENDING_FILE
        if not path.exists():
            return
        try:
            pending = read_json(path) or {}
        except RegistryCorrupt:
            pending = {}
        ids = pending.get("articles") if isinstance(pending, dict) else None
        if not isinstance(ids, list):
            ids = [p.stem for p in (self.root / "articles").glob("a-*.json")]
        for article_id in ids:
            self._reindex_article(str(article_id))
        os.unlink(path)

    def _reindex_article(self, article_id: str) -> None:
        """Make the summary, index entries and keys entries of one article agree with its file."""
        article = self._load_article_file(article_id)
        with self._db(self.root / REGISTRY_FILE) as db:
            table = db.table("articles")
            if article is None:
                if table.contains(doc_id=_doc_id(article_id)):
                    table.remove(doc_ids=[_doc_id(article_id)])
                self._drop_index_entries(article_id)
                return
            claims, docs = self._claims_and_docs(article_id)
            table.upsert(Document(_article_summary(article, len(claims)), doc_id=_doc_id(article_id)))
        self._index([c.model_dump(mode="json") for c in claims])
        # The keys entry of a claim whose label, value or span changed may sit under its old key, in any file.
        self._drop_key_entries(article_id)
        self._put_key_entries(_key_entries(docs))

    def _drop_index_entries(self, article_id: str) -> None:
        for shard in (self.root / "index").glob("*.json"):
            _rewrite_table(shard, "claims", lambda docs: _drop_article(docs, article_id))
        self._drop_key_entries(article_id)

    def _drop_key_entries(self, article_id: str) -> None:
        """Remove an article's keys entries from every keys file (a repair: it reads them all)."""
        for path in self._keys_dir().glob("*.json"):
            _rewrite_table(path, "keys", lambda docs: _drop_article(docs, article_id))

    # -- reading -----------------------------------------------------------------

    def _article_path(self, article_id: str) -> Path:
        return self.root / "articles" / f"{article_id}.json"

    def _shard_path(self, claim_id: str) -> Path:
        return self.root / "index" / f"{_hex(claim_id)[:2]}.json"

    def _keys_dir(self) -> Path:
        return self.root / "index" / "keys"

    def _keys_path(self, shard: str) -> Path:
        return self._keys_dir() / f"{shard}.json"

    def _read_table(self, path: Path, table: str) -> dict[str, Any]:
        docs = self._raw_table(path, table)
        if path == self.root / REGISTRY_FILE and self._registry_cache is not None:
            # One ingest reads registry.json's 3,000 summaries (at 100k claims) some fifteen times: check that
            # version of the file once.
            checked = (self._registry_cache[0], table)
            if checked not in self._registry_checked:
                _check_documents(path, table, docs)
                self._registry_checked.add(checked)
            return docs
        _check_documents(path, table, docs)
        return docs

    def _raw_table(self, path: Path, table: str) -> Any:
        """A table as parsed, not yet checked: `_matching_summaries` checks only what it reads."""
        data = self._registry_data() if path == self.root / REGISTRY_FILE else AtomicJSONStorage(path).read() or {}
        return data.get(table, {})

    def _table_of(self, data: dict[str, Any], path: Path, table: str) -> dict[str, Any]:
        """One table of a file already parsed, checked as `_read_table` checks it."""
        docs = data.get(table, {})
        _check_documents(path, table, docs)
        return docs

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

    def _load_article_file(self, article_id: str) -> Article | None:
        path = self._article_path(article_id)
        docs = self._read_table(path, "article")
        from claimcheck.models import Article

        return _validate(Article, docs["1"], path) if "1" in docs else None

    def _load_claims_file(self, article_id: str) -> list[Claim]:
        return self._claims_and_docs(article_id)[0]

    def _claims_and_docs(self, article_id: str) -> tuple[list[Claim], list[dict[str, Any]]]:
        """An article's claims, checked, in text order; and their documents as stored (keys entries come from those)."""
        path = self._article_path(article_id)
        from claimcheck.models import Claim

        docs = list(self._read_table(path, "claims").values())
        claims = [_validate(Claim, doc, path) for doc in docs]
        # Kind is a StrEnum: it sorts as its value, without the enum's property lookup (0.2 s of `list --json`).
        claims.sort(key=lambda c: (c.span.start, c.span.end, c.kind, c.id))
        return claims, docs

    def article_summaries(self) -> list[dict[str, Any]]:
        """Every article, as the small summary kept in registry.json, oldest ingest first."""
        docs = self._read_table(self.root / REGISTRY_FILE, "articles")
        return sorted(docs.values(), key=lambda a: (a.get("ingested_at", ""), a.get("id", "")))

    def resolve_article(self, ref: str) -> str:
        ref = ref.strip()
        ids = [a["id"] for a in self.article_summaries()]
        return _resolve(ref, ids, "a", "article", ArticleNotFound)

    def article(self, ref: str) -> Article:
        article_id = self.resolve_article(ref)
        article = self._load_article_file(article_id)
        if article is None:
            raise ArticleNotFound(f"article {article_id} is in the index but its file is missing")
        return article

    def find_article_by_id(self, article_id: str) -> dict[str, Any] | None:
        return self._read_table(self.root / REGISTRY_FILE, "articles").get(str(_doc_id(article_id)))

    def find_article(self, *, sha256: str | None = None, url: str | None = None,
                     source: str | None = None) -> dict[str, Any] | None:
        """The summary of an article holding this exact text, or with this URL or source name.

        The earliest ingested if several match, found without sorting every
        summary: ingest asks four times, and at 100k claims a sort is 3 ms.
        """
        summaries = self._read_table(self.root / REGISTRY_FILE, "articles").values()
        if sha256:
            found = [s for s in summaries if sha256 in s.get("hashes", [s.get("sha256")])]
        elif url:
            found = [s for s in summaries if s.get("url") == url]
        else:
            found = [s for s in summaries if source and s.get("source") == source]
        return min(found, key=lambda a: (a.get("ingested_at", ""), a.get("id", "")), default=None)

    def claim_summaries(self, *, status: str | None = None, kind: str | None = None,
                        article: str | None = None, search: str | None = None) -> list[ClaimSummary]:
        """Summaries from the index, in article order then position: what `list` shows."""
        found, order = self._matching_summaries(status, kind, article, search)
        found.sort(key=_list_order(order))
        return found

    def claim_page(self, limit: int, *, status: str | None = None, kind: str | None = None,
                   article: str | None = None, search: str | None = None) -> tuple[list[ClaimSummary], int]:
        """`claim_summaries(...)[:limit]` (0: all) and how many match: the rows of `list`'s table.

        The table shows 100 rows of some 14,000 verified claims at 100k claims;
        putting only the first articles in order costs less than half of sorting them all.
        """
        found, order = self._matching_summaries(status, kind, article, search)
        if limit > 0:
            return _first_in_order(found, order, limit), len(found)
        found.sort(key=_list_order(order))
        return found[:limit] if limit else found, len(found)

    def _matching_summaries(self, status: str | None, kind: str | None, article: str | None,
                            search: str | None) -> tuple[list[ClaimSummary], dict[str, int]]:
        """The index entries that pass the filters, unsorted, and each article's rank in ingest order.

        At 100k claims this reads 33 MB of shards, and checking all 100k entries'
        keys up front cost more than filtering them: an entry is checked only as
        far as a filter reads it, and fully if it is kept. A missing key or a
        non-document then takes the full check of its shard, which names the
        file with the message `_read_table` gives.
        """
        order = {a["id"]: i for i, a in enumerate(self.article_summaries())}
        needle = search.casefold() if search else None
        required = _REQUIRED[("index", "claims")]
        found: list[ClaimSummary] = []
        for shard in sorted((self.root / "index").glob("*.json")):
            docs = self._raw_table(shard, "claims")
            try:
                kept = _filter_summaries(docs.values(), status, kind, article, needle)
                if not all(d.keys() >= required for d in kept):
                    raise KeyError(required)  # a kept entry lacks a field `list` shows or sorts on
            except (KeyError, TypeError, AttributeError):
                _check_documents(shard, "claims", docs)
                raise  # the shard has the right shape: a bug, not a hand edit
            found += kept
        return found, order

    def claims_of(self, article_id: str) -> list[Claim]:
        return self._load_claims_file(article_id)

    def claims(self, *, status: str | None = None, kind: str | None = None,
               article: str | None = None, search: str | None = None) -> Iterator[Claim]:
        """Full claims as models, loading one article file at a time so memory stays flat."""
        from claimcheck.models import Claim

        for doc in self.claim_documents(status=status, kind=kind, article=article, search=search):
            yield Claim.model_validate(doc)

    def claim_documents(self, *, status: str | None = None, kind: str | None = None,
                        article: str | None = None, search: str | None = None) -> Iterator[dict[str, Any]]:
        """Full claims as stored documents (`list --json`), in `list`'s order, one article file at a time.

        Each goes through the same check as `show` (documents.py): validating
        100k claims through the models was most of `list --json` (~3.8 s).
        """
        found, order = self._matching_summaries(status, kind, article, search)
        wanted: dict[str, set[str]] = {}
        for s in _in_article_order(found, order):
            wanted.setdefault(s["article_id"], set()).add(s["id"])
        for article_id, ids in wanted.items():
            path = self._article_path(article_id)
            docs = [_document("Claim", doc, path) for doc in self._read_table(path, "claims").values()
                    if doc.get("id") in ids]
            docs.sort(key=_position)
            yield from docs

    def resolve_claim(self, ref: str) -> tuple[str, str]:
        """(claim id, article id) for an id or any unique prefix of one (`c-7f3`, `7f3`)."""
        ref = ref.strip().lower()
        hexpart = _hex(ref) if ref.startswith("c-") else ref
        if not hexpart or any(ch not in "0123456789abcdef" for ch in hexpart):
            raise ClaimNotFound(f"no claim {ref!r}: claim ids look like c-7f3a9e")
        if len(hexpart) >= 2:
            shards = [self.root / "index" / f"{hexpart[:2]}.json"]
        else:
            shards = sorted((self.root / "index").glob(f"{hexpart}*.json"))
        owners: dict[str, str] = {}
        for shard in shards:
            for doc in self._read_table(shard, "claims").values():
                owners[doc["id"]] = doc["article_id"]
        claim_id = _resolve(f"c-{hexpart}", list(owners), "c", "claim", ClaimNotFound)
        return claim_id, owners[claim_id]

    def claim(self, ref: str) -> Claim:
        """A claim as a model (for code that builds or compares claims; one-claim commands use documents)."""
        from claimcheck.models import Claim

        return Claim.model_validate(self.claim_document(ref))

    def claim_document(self, ref: str) -> dict[str, Any]:
        """A claim as its stored document (see documents.py): no pydantic unless the document needs it."""
        claim_id, article_id = self.resolve_claim(ref)
        return self._claim_document(claim_id, self._article_path(article_id),
                                    self._read_table(self._article_path(article_id), "claims"))

    def claim_in_context(self, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """A claim and its article, as documents, from one read of the article file."""
        claim_id, article_id = self.resolve_claim(ref)
        path = self._article_path(article_id)
        data = AtomicJSONStorage(path).read() or {}
        claim = self._claim_document(claim_id, path, self._table_of(data, path, "claims"))
        article = self._table_of(data, path, "article").get("1")
        if article is None:
            raise ClaimNotFound(f"claim {claim_id} is in the index but its article is missing from {path}")
        return claim, _document("Article", article, path)

    def _claim_document(self, claim_id: str, path: Path, table: dict[str, Any]) -> dict[str, Any]:
        doc = table.get(str(_doc_id(claim_id)))
        if doc is None:
            raise ClaimNotFound(f"claim {claim_id} is in the index but not in its article file")
        return _document("Claim", doc, path)

    def claim_ids_taken(self) -> Callable[[str], bool]:
        """A membership test over every claim id, reading each shard at most once."""
        cache: dict[str, set[str]] = {}

        def taken(claim_id: str) -> bool:
            shard = _hex(claim_id)[:2]
            if shard not in cache:
                cache[shard] = {d["id"] for d in self._read_table(self.root / "index" / f"{shard}.json",
                                                                   "claims").values()}
            return claim_id in cache[shard]

        return taken

    def similar_candidates(self, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The keys entries filed under each of `keys` (store/keys.py), reading one small file per key.

        Each list is in the order `claim_summaries` gives (article ingest order,
        then position), so that `similar` ranks them exactly as it ranks the
        whole index.
        """
        wanted: dict[str, set[str]] = {}
        for key in keys:
            wanted.setdefault(key_shard(key), set()).add(key)
        found: dict[str, list[dict[str, Any]]] = {}
        for shard, group in sorted(wanted.items()):
            path = self._keys_path(shard)
            for doc in self._read_table(path, "keys").values():
                if doc["key"] in group:
                    problem = entry_problem(doc)
                    if problem:
                        raise RegistryCorrupt(f"{path}: entry {doc.get('id', '?')} does not fit ({problem}); "
                                              "`claimcheck doctor --reindex` rebuilds it")
                    found.setdefault(doc["key"], []).append(doc)
        if found:
            order = {a["id"]: i for i, a in enumerate(self.article_summaries())}
            for entries in found.values():
                entries.sort(key=lambda d: (order.get(d["article_id"], len(order)), d["start"], d["id"]))
        return found

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
        with self.transaction(), self._pending(a.id for a, _ in batch):
            summaries = []
            changed: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
            for article, claims in batch:
                # One write for the article and its claims: TinyDB's upsert (update, then insert) and the claims
                # were three, and a kill between them left an article without claims that ingest took as done.
                path = self._article_path(article.id)
                table = self._read_table(path, "claims") if path.exists() else {}
                for claim in claims:
                    key = str(_doc_id(claim.id))
                    doc = claim.model_dump(mode="json")
                    changed.append((table.get(key), doc))
                    table[key] = doc
                AtomicJSONStorage(path).write({"article": {"1": article.model_dump(mode="json")}, "claims": table})
                summaries.append((_article_summary(article, len(table)), _doc_id(article.id)))
            self._index([new for _, new in changed])
            self._refile_keys(changed)
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
        with self.transaction(), self._pending(by_article):
            changed: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
            for article_id, group in by_article.items():
                path = self._article_path(article_id)
                if not path.exists():
                    raise ArticleNotFound(f"no article {article_id} in {self.root}")
                docs = [(str(_doc_id(c["id"])), c) for c in group]

                def put(table: dict[str, Any], docs: list[tuple[str, dict[str, Any]]] = docs) -> bool:
                    for key, doc in docs:
                        changed.append((table.get(key), doc))
                        table[key] = doc
                    return True

                _rewrite_table(path, "claims", put)
            self._index([c for group in by_article.values() for c in group])
            # A status or evidence change leaves every keys entry as it was: this writes nothing then.
            self._refile_keys(changed)

    def modify_claim(self, ref: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Read a claim's document, apply `change` and save it, all under the lock, so no update is lost."""
        with self.transaction():
            updated = change(self.claim_document(ref))
            self.save_claim_documents([updated])
            return updated

    def _put_summaries(self, summaries: list[tuple[dict[str, Any], int]]) -> None:
        """Put article summaries in registry.json, written from its parsed copy, which then stays current.

        registry.json holds a summary per article (2 MB at 100k claims): through
        TinyDB an ingest parsed it once more to write it, and once more after to
        say where its claims were seen before.
        """
        path = self.root / REGISTRY_FILE
        articles = self._read_table(path, "articles")
        data = {**self._registry_data(), "articles": {**articles, **{str(i): s for s, i in summaries}}}
        write_json_atomic(path, data)
        st = path.stat()
        self._registry_cache = ((st.st_ino, st.st_mtime_ns, st.st_size), data)

    def _index(self, claims: Iterable[dict[str, Any]]) -> None:
        """Put the claims' summaries in their index shards; a shard whose entries are unchanged is not rewritten.

        Linking a new article to claims seen before saves those claims with a
        back-link, which their summaries do not show: rewriting their shards
        would cost a write and an fsync each for nothing.
        """
        by_shard: dict[Path, dict[str, dict[str, Any]]] = {}
        for claim in claims:
            by_shard.setdefault(self._shard_path(claim["id"]), {})[str(_doc_id(claim["id"]))] = dict(summarize(claim))
        for shard, entries in by_shard.items():
            _rewrite_table(shard, "claims", partial(_put_docs, entries=entries))

    def _refile_keys(self, changed: Iterable[tuple[dict[str, Any] | None, dict[str, Any]]]) -> None:
        """Bring the keys entries of claims just written in line: (document before or None, document now) each.

        Only an entry that differs is written; one whose key changed (a new
        version changed the claim's value) leaves the file of its old key.
        """
        drop: dict[str, set[str]] = {}
        put: dict[str, dict[str, dict[str, Any]]] = {}
        for old, new in changed:
            before, after = _entry_or_none(old), _entry_or_none(new)
            if before == after:
                continue
            doc_key = str(_doc_id(new["id"]))
            if before is not None:
                drop.setdefault(key_shard(before["key"]), set()).add(doc_key)
            if after is not None:
                put.setdefault(key_shard(after["key"]), {})[doc_key] = after
        for shard in sorted(drop.keys() | put.keys()):
            entries = put.get(shard, {})
            gone = drop.get(shard, set()) - entries.keys()
            _rewrite_table(self._keys_path(shard), "keys", partial(_move_docs, gone=gone, entries=entries))

    def _put_key_entries(self, entries: Iterable[dict[str, Any]]) -> None:
        """Write keys entries to their files, without looking for older entries of the same claims elsewhere."""
        by_shard: dict[str, dict[str, dict[str, Any]]] = {}
        for entry in entries:
            by_shard.setdefault(key_shard(entry["key"]), {})[str(_doc_id(entry["id"]))] = entry
        for shard, group in sorted(by_shard.items()):
            _rewrite_table(self._keys_path(shard), "keys", partial(_put_docs, entries=group))

    # -- for doctor ------------------------------------------------------------------

    def files(self) -> list[Path]:
        """Every data file of the registry (not locks, temporaries or backups)."""
        return [self.root / REGISTRY_FILE, *sorted((self.root / "articles").glob("*.json")),
                *sorted((self.root / "index").glob("*.json")), *sorted(self._keys_dir().glob("*.json"))]

    def backups(self) -> list[Path]:
        return sorted(self.root.glob(f"**/*.json{BACKUP_SUFFIX}"))

    def reindex(self) -> None:
        """Rebuild registry.json's summaries, the index and the keys from the article files."""
        with self.transaction():
            for shard in [*(self.root / "index").glob("*.json"), *self._keys_dir().glob("*.json")]:
                shard.unlink()
            with self._db(self.root / REGISTRY_FILE) as db:
                db.table("articles").truncate()
            keyed = []
            for batch in self._article_batches():
                summaries = [(_article_summary(article, len(claims)), _doc_id(article.id))
                             for article, claims, _ in batch]
                self._index([c.model_dump(mode="json") for _, claims, _ in batch for c in claims])
                keyed += _key_entries(doc for _, _, docs in batch for doc in docs)
                self._put_summaries(summaries)
            # Each keys file written once: they are small, and a write per batch is an fsync per file each time.
            self._put_key_entries(keyed)

    def _rebuild_keys(self) -> None:
        """File every claim of the registry under its key, from the article files (the caller holds the lock)."""
        import shutil

        shutil.rmtree(self._keys_dir(), ignore_errors=True)
        self._keys_dir().mkdir(parents=True)
        self._put_key_entries(_key_entries(doc for batch in self._article_batches() for _, _, docs in batch
                                           for doc in docs))

    def _article_batches(self) -> Iterator[list[tuple[Article, list[Claim], list[dict[str, Any]]]]]:
        """Every readable article with its claims and their stored documents, a few hundred at a time.

        Rebuilding the index article by article rewrote every shard it touched
        and registry.json for each one; in batches each file is written once
        per batch, and only a batch of claims is held in memory.
        """
        batch = []
        for path in sorted((self.root / "articles").glob("a-*.json")):
            article = self._load_article_file(path.stem)
            if article is None:
                continue  # an ingest killed before it wrote anything; `doctor` reports the empty file
            batch.append((article, *self._claims_and_docs(path.stem)))
            if len(batch) >= _REBUILD_BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


# What `list`, `articles` and id lookups read from an index entry or an article summary without a check.
_REQUIRED = {
    ("index", "claims"): frozenset({"id", "article_id", "kind", "status", "text", "quote", "start"}),
    ("", "articles"): frozenset({"id"}),
    ("keys", "keys"): ENTRY_FIELDS,
}


def _document(model: str, doc: Any, path: Path) -> dict[str, Any]:
    """A stored claim or article document as it is when it has the exact stored shape, else through the model.

    The model normalises what it can (a missing default, a time written
    another way) and refuses the rest as RegistryCorrupt; see documents.py.
    """
    from claimcheck.documents import is_article, is_claim

    if (is_claim if model == "Claim" else is_article)(doc):
        return doc
    from claimcheck import models

    return _validate(getattr(models, model), doc, path).model_dump(mode="json")


def _check_documents(path: Path, table: str, docs: Any) -> None:
    """RegistryCorrupt naming the file unless `docs` is a set of documents with the keys readers rely on."""
    if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
        raise RegistryCorrupt(f"{path}: its {table!r} table is not a set of documents; see `claimcheck doctor`")
    required = _REQUIRED.get((path.parent.name if path.name != REGISTRY_FILE else "", table))
    for doc in docs.values() if required else ():
        if not required <= doc.keys():
            missing = ", ".join(sorted(required - doc.keys()))
            raise RegistryCorrupt(f"{path}: entry {doc.get('id', '?')} lacks {missing}; "
                                  "`claimcheck doctor --reindex` rebuilds it")


def _filter_summaries(docs: Iterable[Any], status: str | None, kind: str | None, article: str | None,
                      needle: str | None) -> list[ClaimSummary]:
    """The index entries that pass every filter given, each filter one pass over what the last one kept.

    Only the fields a filter needs are read, so a broken entry raises KeyError or
    TypeError here (the caller turns that into a clear error).
    """
    kept = list(docs)
    if status:
        kept = [d for d in kept if d["status"] == status]
    if kind:
        kept = [d for d in kept if d["kind"] == kind]
    if article:
        kept = [d for d in kept if d["article_id"] == article]
    if needle:
        kept = [d for d in kept if needle in d["text"].casefold() or needle in d["quote"].casefold()]
    return kept


def _list_order(order: dict[str, int]) -> Callable[[ClaimSummary], tuple[int, int, str]]:
    """The sort key of `list`: article in ingest order (unknown articles last), then position, then id."""
    unknown = len(order)
    return lambda d: (order.get(d["article_id"], unknown), d["start"], d["id"])


def _position(doc: dict[str, Any]) -> tuple[int, int, str, str]:
    """A claim document's place in its article: the order of `_claims_and_docs`."""
    span = doc["span"]
    return span["start"], span["end"], doc["kind"], doc["id"]


def _by_position(d: ClaimSummary) -> tuple[int, str]:
    return d["start"], d["id"]


def _first_in_order(found: list[ClaimSummary], order: dict[str, int], limit: int) -> list[ClaimSummary]:
    """`sorted(found, key=_list_order(order))[:limit]`, sorting only the articles the first rows come from."""
    by_article: dict[str, list[ClaimSummary]] = {}
    for doc in found:
        group = by_article.get(doc["article_id"])
        if group is None:
            by_article[doc["article_id"]] = [doc]
        else:
            group.append(doc)
    page: list[ClaimSummary] = []
    for article_id in sorted((a for a in by_article if a in order), key=order.__getitem__):
        page += sorted(by_article[article_id], key=_by_position)
        if len(page) >= limit:
            return page[:limit]
    # Claims of articles registry.json does not know share the last rank: ordered together by position.
    page += sorted((d for a, group in by_article.items() if a not in order for d in group), key=_by_position)
    return page[:limit]


def _in_article_order(found: list[ClaimSummary], order: dict[str, int]) -> list[ClaimSummary]:
    """`found` with its articles in the order `_list_order` gives them; within an article, as found.

    `claims()` needs the articles in order, not the claims: each article file
    sorts its own. Sorting 100k summaries for that was 0.1 s.
    """
    known = sorted((d for d in found if d["article_id"] in order), key=lambda d: order[d["article_id"]])
    # Articles registry.json does not know come last, in the order of their first claim by position.
    return known + sorted((d for d in found if d["article_id"] not in order), key=_by_position)


def _validate(model: Any, doc: dict[str, Any], path: Path) -> Any:
    """A model from a stored document; a document a hand edit broke is RegistryCorrupt naming the file."""
    from pydantic import ValidationError

    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "document"
        raise RegistryCorrupt(
            f"{path}: {model.__name__.lower()} {doc.get('id', '')} does not fit ({where}: {err.get('msg')}); "
            "see `claimcheck doctor`"
        ) from None


# registry.json is written with sorted keys, so its small "meta" table comes last.
_SCHEMA_TAIL = re.compile(rb'"meta"\s*:\s*\{\s*"1"\s*:\s*\{\s*"schema"\s*:\s*(\d+)\s*\}\s*\}\s*\}\s*\Z')


def _schema_from_tail(path: Path) -> int | None:
    """The schema version read from the last bytes of registry.json, or None to parse the whole file.

    Every command checks the schema when it opens the registry; registry.json
    also holds one summary per article (2 MB at 100k claims, ~15 ms to parse),
    which `show` and `mark` never need.
    """
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 256))
            tail = fh.read()
    except OSError:
        return None
    match = _SCHEMA_TAIL.search(tail)
    return int(match.group(1)) if match else None


def _rewrite_table(path: Path, table: str, change: Callable[[dict[str, Any]], bool]) -> None:
    """One read-modify-write of one table of a registry file; written only when `change` says it changed.

    The other tables of the file are written back as they were read. A table
    that is not a set of documents is refused, never overwritten.
    """
    storage = AtomicJSONStorage(path)
    data = storage.read() or {}
    docs = data.setdefault(table, {})
    if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
        raise RegistryCorrupt(f"{path}: its {table!r} table is not a set of documents; see `claimcheck doctor`")
    if change(docs):
        storage.write(data)


def _put_docs(docs: dict[str, Any], entries: dict[str, dict[str, Any]]) -> bool:
    changed = False
    for key, entry in entries.items():
        if docs.get(key) != entry:
            docs[key] = entry
            changed = True
    return changed


def _drop_docs(docs: dict[str, Any], keys: Iterable[str]) -> bool:
    gone = [key for key in keys if key in docs]
    for key in gone:
        del docs[key]
    return bool(gone)


def _move_docs(docs: dict[str, Any], gone: set[str], entries: dict[str, dict[str, Any]]) -> bool:
    dropped = _drop_docs(docs, gone)
    return _put_docs(docs, entries) or dropped


def _drop_article(docs: dict[str, Any], article_id: str) -> bool:
    return _drop_docs(docs, [key for key, doc in docs.items() if doc.get("article_id") == article_id])


def _key_entries(docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The keys entries of stored claims that have one (figures and quotations)."""
    return [entry for entry in map(key_entry, docs) if entry is not None]


def _entry_or_none(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    """The keys entry of a stored claim; None for none, or for a document a hand edit broke (doctor reports it)."""
    if doc is None:
        return None
    try:
        return key_entry(doc)
    except (KeyError, TypeError, AttributeError):
        return None


def _add_key_index(root: Path) -> None:
    """Schema 1 → 2: file every figure and quotation under its similarity key (index/keys/, store/keys.py)."""
    Registry(root)._rebuild_keys()


MIGRATIONS[1] = _add_key_index


def _resolve(ref: str, ids: list[str], prefix: str, noun: str, error: type[Exception]) -> str:
    if not ref.startswith(f"{prefix}-"):
        ref = f"{prefix}-{ref}"
    if ref in ids:
        return ref
    matches = sorted(i for i in ids if i.startswith(ref))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise error(f"no {noun} {ref!r} in this registry")
    shown = ", ".join(matches[:8]) + (" …" if len(matches) > 8 else "")
    raise AmbiguousId(f"{ref!r} matches {len(matches)} {noun}s: {shown}; type more of the id")
