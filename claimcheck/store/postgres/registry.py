"""`PostgresRegistry`: the `RegistryBackend` of store/base.py over a PostgreSQL database.

One connection per command, in autocommit: a read is one statement, and sees
only what other commands committed. A change runs in `transaction()`, which
takes the writers' advisory lock for its whole length: two ingests of the same
text at once are one after the other, and the second finds the first's
article and adds nothing. `modify_claim` (mark, verify, evidence) takes that
lock shared and the claim's row FOR UPDATE: ten checkers marking ten claims
go at once, two marking one claim go in turn, and no update is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ArticleNotFound, ClaimNotFound
from claimcheck.store.keys import key_entry
from claimcheck.store.layout import hex_part, resolve_ref
from claimcheck.store.postgres import desk, rows
from claimcheck.store.postgres.connect import connect, mask, sql_errors, sql_method
from claimcheck.store.postgres.schema import SCHEMA_VERSION, WRITERS_LOCK, migrate, read_version, refuse_newer

if TYPE_CHECKING:
    from claimcheck.models import Article, Claim
    from claimcheck.store.index import ClaimSummary
    from claimcheck.triage import Triage

_sql = sql_method


class PostgresRegistry:
    """A claimcheck registry in a PostgreSQL database (a `postgresql://` URL)."""

    def __init__(self, url: str, conn: Any) -> None:
        self.url = url
        self.location = mask(url)  # what may be shown
        # Folder-only in the seam: lint's rates.csv is looked for in the folder the command runs from.
        self.root = Path.cwd()
        self._conn = conn
        self._depth = 0
        self._cursors = 0
        self.created = False  # whether opening it made its tables (`init` says so)

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, create: bool = False) -> PostgresRegistry:
        """The registry in the database at `url`; with `create`, its tables made first if it has none."""
        from psycopg.types.json import set_json_loads

        conn = connect(url)
        set_json_loads(rows.loads, conn)
        registry = cls(url, conn)
        try:
            with sql_errors(url):
                found = read_version(conn)
                refuse_newer(found, registry.location)
                if found == 0 and not create:
                    from claimcheck.errors import RegistryNotFound

                    raise RegistryNotFound(
                        f"no claimcheck registry in {registry.location}; run `claimcheck --registry URL init`"
                    )
                if found < SCHEMA_VERSION:
                    # 0: this call made the tables (another `init` at the same moment finds them made).
                    registry.created = migrate(conn, registry.location) == 0
        except BaseException:
            conn.close()
            raise
        return registry

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PostgresRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """All or nothing, re-entrant, under the writers' lock (RegistryBusy after connect.LOCK_TIMEOUT_S)."""
        return self._transaction(shared=False)

    @contextmanager
    def _transaction(self, *, shared: bool) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with sql_errors(self.url), self._conn.transaction():
            lock = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
            self._conn.execute(f"SELECT {lock}(%s)", [WRITERS_LOCK])
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0

    def _rows(self, query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(query, list(params)).fetchall()

    # -- articles ----------------------------------------------------------------------------------

    @_sql
    def article_summaries(self) -> list[dict[str, Any]]:
        return [s for (s,) in self._rows(f"SELECT summary FROM articles{rows.ARTICLE_ORDER}")]

    @_sql
    def resolve_article(self, ref: str) -> str:
        ref = ref.strip()
        full = ref if ref.startswith("a-") else f"a-{ref}"
        ids = [i for (i,) in self._rows("SELECT id FROM articles WHERE id LIKE %s", [rows.like_prefix(full)])]
        return resolve_ref(ref, ids, "a", "article", ArticleNotFound)

    @_sql
    def article(self, ref: str) -> Article:
        from claimcheck.models import Article

        article_id = self.resolve_article(ref)
        return Article.model_validate(self._rows(rows.DOC_OF_ARTICLE, [article_id])[0][0])

    @_sql
    def find_article(
        self, *, sha256: str | None = None, url: str | None = None, source: str | None = None
    ) -> dict[str, Any] | None:
        if sha256:
            found = self._rows(rows.FIND_ARTICLE.format(where="%s = ANY(hashes)"), [sha256])
        elif url:
            found = self._rows(rows.FIND_ARTICLE.format(where="url = %s"), [url])
        elif source:
            found = self._rows(rows.FIND_ARTICLE.format(where="source = %s"), [source])
        else:
            return None
        return found[0][0] if found else None

    @_sql
    def find_article_by_id(self, article_id: str) -> dict[str, Any] | None:
        found = self._rows("SELECT summary FROM articles WHERE id = %s", [article_id])
        return found[0][0] if found else None

    # -- claims ------------------------------------------------------------------------------------

    @_sql
    def claim_summaries(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        article: str | None = None,
        search: str | None = None,
        triage: Triage | None = None,
    ) -> list[ClaimSummary]:
        if triage is not None:
            return self._triaged(status, kind, article, search, triage, "position")
        where, params = rows.filters(status, kind, article, search)
        query = f"SELECT {rows.SUMMARY_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id{where}"
        return [rows.summary_of(r) for r in self._rows(query + rows.LIST_ORDER, params)]

    @_sql
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
        if triage is not None or sort != "position":
            found = self._triaged(status, kind, article, search, triage, sort)
            return (found[:limit] if limit > 0 else found), len(found)
        if limit <= 0:
            found = self.claim_summaries(status=status, kind=kind, article=article, search=search)
            return found, len(found)
        where, params = rows.filters(status, kind, article, search)
        query = (
            f"SELECT {rows.SUMMARY_COLUMNS}, count(*) OVER () FROM claims c JOIN articles a ON a.id = c.article_id"
            f"{where}{rows.LIST_ORDER} LIMIT %s"
        )
        page = self._rows(query, [*params, limit])
        return [rows.summary_of(r[:-1]) for r in page], (page[0][-1] if page else 0)

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
        """Full claims in `list`'s order, through a server-side cursor: 100k claims never sit in memory at once."""
        if triage is not None or sort != "position":
            docs = {d["id"]: d for d in self._documents(status, kind, article, search)}
            wanted = self._triaged(status, kind, article, search, triage, sort, docs=list(docs.values()))
            yield from (docs[s["id"]] for s in wanted)
            return
        yield from self._documents(status, kind, article, search)

    def _triaged(
        self,
        status: str | None,
        kind: str | None,
        article: str | None,
        search: str | None,
        triage: Triage | None,
        sort: str,
        docs: list[dict[str, Any]] | None = None,
    ) -> list[ClaimSummary]:
        """Summaries filtered and sorted for triage by claimcheck/triage.py's pure functions, as the folder does."""
        found = list(self._documents(status, kind, article, search)) if docs is None else docs
        return desk.triaged(found, triage, sort, [a["id"] for a in self.article_summaries()])

    def _documents(
        self, status: str | None, kind: str | None, article: str | None, search: str | None
    ) -> Iterator[dict[str, Any]]:
        where, params = rows.filters(status, kind, article, search)
        query = f"SELECT c.doc FROM claims c JOIN articles a ON a.id = c.article_id{where}{rows.TEXT_ORDER}"
        self._cursors += 1  # a name of its own: two listings may be read side by side on one connection
        name = f"claim_documents_{self._cursors}"
        with sql_errors(self.url), self._conn.transaction(), self._conn.cursor(name=name) as cursor:
            cursor.itersize = 2000
            cursor.execute(query, params)
            for (doc,) in cursor:
                yield doc

    @_sql
    def claims_of(self, article_id: str) -> list[Claim]:
        from claimcheck.models import Claim

        query = "SELECT doc FROM claims WHERE article_id = %s ORDER BY start_at, end_at, kind, id"
        return [Claim.model_validate(doc) for (doc,) in self._rows(query, [article_id])]

    def resolve_claim(self, ref: str) -> str:
        """The claim id for an id or any unique prefix of one (`c-7f3`, `7f3`)."""
        return self._claim_ref(ref)[0]

    @_sql
    def _claim_ref(self, ref: str) -> tuple[str, dict[str, Any] | None]:
        """(claim id, its document when one query could fetch it) for a reference."""
        ref = ref.strip().lower()
        hexpart = hex_part(ref) if ref.startswith("c-") else ref
        if not hexpart or any(ch not in "0123456789abcdef" for ch in hexpart):
            raise ClaimNotFound(f"no claim {ref!r}: claim ids look like c-7f3a9e")
        found = self._rows(rows.CLAIM_REFS, [rows.like_prefix(f"c-{hexpart}")])
        claim_id = resolve_ref(f"c-{hexpart}", [i for i, _ in found], "c", "claim", ClaimNotFound)
        return claim_id, found[0][1] if len(found) == 1 else None

    def claim(self, ref: str) -> Claim:
        from claimcheck.models import Claim

        return Claim.model_validate(self.claim_document(ref))

    @_sql
    def claim_document(self, ref: str) -> dict[str, Any]:
        claim_id, doc = self._claim_ref(ref)
        if doc is None:
            doc = self._rows("SELECT doc FROM claims WHERE id = %s", [claim_id])[0][0]
        return doc

    @_sql
    def claim_in_context(self, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
        claim_id = self.resolve_claim(ref)
        query = "SELECT c.doc, a.doc FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = %s"
        claim, article = self._rows(query, [claim_id])[0]
        return claim, article

    def claim_ids_taken(self) -> Callable[[str], bool]:
        """A membership test over claim ids, one query per two-digit prefix (an article's claims share one)."""
        cache: dict[str, set[str]] = {}

        @_sql
        def ids_with(self: PostgresRegistry, lead: str) -> set[str]:
            return {i for (i,) in self._rows("SELECT id FROM claims WHERE id LIKE %s", [rows.like_prefix(lead)])}

        def taken(claim_id: str) -> bool:
            lead = "c-" + hex_part(claim_id)[:2]
            if lead not in cache:
                cache[lead] = ids_with(self, lead)
            return claim_id in cache[lead]

        return taken

    @_sql
    def similar_candidates(self, keys: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The keys entries of every claim filed under `keys`, from the sim_key index, in `list`'s order."""
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        query = (
            "SELECT c.sim_key, c.doc FROM claims c JOIN articles a ON a.id = c.article_id "
            "WHERE c.sim_key = ANY(%s)" + rows.LIST_ORDER
        )
        found: dict[str, list[dict[str, Any]]] = {}
        for key, doc in self._rows(query, [wanted]):
            entry = key_entry(doc)
            if entry is not None:
                found.setdefault(key, []).append(entry)
        return found

    # -- writing -----------------------------------------------------------------------------------

    def save_article(self, article: Article, claims: Iterable[Claim] = ()) -> None:
        self.save_articles([(article, claims)])

    @_sql
    def save_articles(self, items: Iterable[tuple[Article, Iterable[Claim]]]) -> None:
        """Write articles (new, or a new version) with claims to add or replace, in one transaction."""
        from claimcheck.store.index import article_summary

        batch = [(article, [c.model_dump(mode="json") for c in claims]) for article, claims in items]
        if not batch:
            return
        with self.transaction():
            ids = [a.id for a, _ in batch]
            counts: dict[str, set[str]] = {}
            for article_id, claim_id in self._rows(
                "SELECT article_id, id FROM claims WHERE article_id = ANY(%s)", [ids]
            ):
                counts.setdefault(article_id, set()).add(claim_id)
            articles = []
            for article, docs in batch:
                count = len(counts.get(article.id, set()) | {d["id"] for d in docs})
                articles.append(rows.article_row(article_summary(article, count), article.model_dump(mode="json")))
            with self._conn.cursor() as cursor:
                cursor.executemany(rows.UPSERT_ARTICLE, articles)
            self._put_claims([d for _, docs in batch for d in docs])

    def save_claims(self, claims: Iterable[Claim]) -> None:
        self.save_claim_documents(c.model_dump(mode="json") for c in claims)

    @_sql
    def save_claim_documents(self, claims: Iterable[dict[str, Any]]) -> None:
        docs = list(claims)
        if not docs:
            return
        with self.transaction():
            wanted = {d["article_id"] for d in docs}
            known = {i for (i,) in self._rows("SELECT id FROM articles WHERE id = ANY(%s)", [sorted(wanted)])}
            for article_id in sorted(wanted - known):
                raise ArticleNotFound(f"no article {article_id} in {self.location}")
            self._put_claims(docs)

    def _put_claims(self, docs: list[dict[str, Any]]) -> None:
        """Upsert claim rows and append the events of their histories the events table has not seen."""
        if not docs:
            return
        query = "SELECT id, jsonb_array_length(doc -> 'history') FROM claims WHERE id = ANY(%s)"
        known = dict(self._rows(query, [[d["id"] for d in docs]]))
        with self._conn.cursor() as cursor:
            cursor.executemany(rows.UPSERT_CLAIM, [rows.claim_row(d) for d in docs])
            events = [e for d in docs for e in rows.event_rows(d, known.get(d["id"], 0))]
            if events:
                cursor.executemany(rows.INSERT_EVENT, events)

    @_sql
    def remove_claim(self, ref: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Not on PostgreSQL yet: the events table keeps every claim's history, so a claim row stays."""
        from claimcheck.errors import UsageError

        raise UsageError(f"`remove` works on a folder registry only for now, not on {self.location}")

    @_sql
    def settings(self) -> dict[str, Any]:
        """The registry's settings (`config`), kept in claimcheck_meta as `setting:NAME` → JSON."""
        return desk.read_settings(self._rows)

    @_sql
    def set_setting(self, name: str, value: Any) -> None:
        with self.transaction():
            desk.write_setting(self._conn, name, value)

    @_sql
    def modify_claim(self, ref: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Read a claim FOR UPDATE, `change` it and save it, in one transaction: no lost update."""
        with self._transaction(shared=True):
            claim_id = self.resolve_claim(ref)
            doc = self._rows("SELECT doc FROM claims WHERE id = %s FOR UPDATE", [claim_id])[0][0]
            updated = change(doc)
            self._put_claims([updated])
            return updated

    # -- for doctor and export: the events table ------------------------------------------------

    @_sql
    def event_counts(self) -> dict[str, int]:
        """How many events the events table holds per claim."""
        return dict(self._rows("SELECT claim_id, count(*) FROM events GROUP BY claim_id"))
