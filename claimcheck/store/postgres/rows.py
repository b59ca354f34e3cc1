"""Claims and articles as table rows, and back: the one place that knows the columns.

A document goes in as `jsonb` and comes back with its keys in sorted order at
every level, as the JSON folder's files keep them (jsonb orders keys by
length): `show --json` and `list --json` print the same bytes on both backends.
"""

from __future__ import annotations

from typing import Any

from claimcheck.store.index import ClaimSummary, summarize
from claimcheck.store.keys import similarity_key

CLAIM_COLUMNS = (
    "id, article_id, kind, status, start_at, end_at, text, quote, updated_at, text_folded, quote_folded, sim_key, doc"
)
UPSERT_CLAIM = (
    f"INSERT INTO claims ({CLAIM_COLUMNS}) VALUES ({', '.join(['%s'] * 13)}) "
    "ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in CLAIM_COLUMNS.split(", ") if c != "id")
)
UPSERT_ARTICLE = (
    "INSERT INTO articles (id, ingested_at, sha256, hashes, url, source, summary, doc) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
    "ingested_at = EXCLUDED.ingested_at, sha256 = EXCLUDED.sha256, hashes = EXCLUDED.hashes, url = EXCLUDED.url, "
    "source = EXCLUDED.source, summary = EXCLUDED.summary, doc = EXCLUDED.doc"
)
INSERT_EVENT = "INSERT INTO events (claim_id, n, at, by, action, detail) VALUES (%s, %s, %s, %s, %s, %s)"
# A summary is made from the claim's document by the folder's own function (store/index.py's `summarize`),
# so both backends give the same fields, the triage ones (sentence, assignee, tags, approval...) included.
SUMMARY_COLUMNS = "c.doc"


def jsonb(value: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(value, dumps=_dumps)


def _dumps(value: Any) -> str:
    import orjson

    return orjson.dumps(value).decode("utf-8")


def loads(data: bytes | str) -> Any:
    """A jsonb value as Python, its keys sorted at every level (the connection's jsonb loader)."""
    import orjson

    return _sorted(orjson.loads(data))


def _sorted(value: Any) -> Any:
    if type(value) is dict:
        return {key: _sorted(value[key]) for key in sorted(value)}
    if type(value) is list:
        return [_sorted(item) for item in value]
    return value


def claim_row(doc: dict[str, Any]) -> tuple[Any, ...]:
    """The row of a claim document: its filtered columns, then the document."""
    summary = summarize(doc)
    return (
        doc["id"],
        doc["article_id"],
        doc["kind"],
        doc["status"],
        doc["span"]["start"],
        doc["span"]["end"],
        doc["text"],
        summary["quote"],
        summary["updated_at"],
        # `list --search` matches as the folder's index does: the needle casefolded, in text or quote.
        doc["text"].casefold(),
        summary["quote"].casefold(),
        similarity_key(doc["kind"], doc["text"], doc.get("value") or {}),
        jsonb(doc),
    )


def event_rows(doc: dict[str, Any], known: int) -> list[tuple[Any, ...]]:
    """The events of a claim's history past the `known` ones already in the events table."""
    return [
        (doc["id"], n, event["at"], event["by"], event["action"], jsonb(event["detail"]))
        for n, event in enumerate(doc["history"])
        if n >= known
    ]


def article_row(summary: dict[str, Any], doc: dict[str, Any]) -> tuple[Any, ...]:
    return (
        summary["id"],
        summary["ingested_at"],
        summary["sha256"],
        summary["hashes"],
        summary["url"],
        summary["source"],
        jsonb(summary),
        jsonb(doc),
    )


def summary_of(row: tuple[Any, ...]) -> ClaimSummary:
    """A ClaimSummary from the columns SUMMARY_COLUMNS selects."""
    from claimcheck.store.index import summarize

    return summarize(row[0])


def filters(status: str | None, kind: str | None, article: str | None, search: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (with its parameters) of `list`'s filters."""
    where, params = [], []
    if status:
        where.append("c.status = %s")
        params.append(status)
    if kind:
        where.append("c.kind = %s")
        params.append(kind)
    if article:
        where.append("c.article_id = %s")
        params.append(article)
    if search:
        needle = search.casefold()
        where.append("(strpos(c.text_folded, %s) > 0 OR strpos(c.quote_folded, %s) > 0)")
        params += [needle, needle]
    return (" WHERE " + " AND ".join(where) if where else ""), params


# `list`'s order: article in ingest order, then position, then id (store/index.py's list_order).
LIST_ORDER = " ORDER BY a.ingested_at, a.id, c.start_at, c.id"
# An article's claims in text order (store/index.py's position).
TEXT_ORDER = " ORDER BY a.ingested_at, a.id, c.start_at, c.end_at, c.kind, c.id"


def like_prefix(ref: str) -> str:
    """A LIKE pattern for ids opening with `ref`, its wildcards escaped."""
    return ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


ARTICLE_ORDER = " ORDER BY ingested_at, id"
DOC_OF_ARTICLE = "SELECT doc FROM articles WHERE id = %s"
# The earliest article matching `where` (ingest's look-ups: same text, else same URL, else same source).
FIND_ARTICLE = "SELECT summary FROM articles WHERE {where}" + ARTICLE_ORDER + " LIMIT 1"
# Every id a claim reference names, with the document when it names only one: one round trip for `show`.
CLAIM_REFS = "SELECT id, CASE WHEN count(*) OVER () = 1 THEN doc END FROM claims WHERE id LIKE %s"
