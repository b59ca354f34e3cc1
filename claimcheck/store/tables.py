"""One table of one registry file: read it, check it, rewrite it; and the documents stored in it.

Every registry file is a TinyDB JSON file: tables (`article`, `claims`,
`articles`, `keys`, `meta`) of documents keyed by `layout.doc_id`. A table a
hand edit broke is RegistryCorrupt naming the file, never overwritten.
pydantic is imported only where a document goes through a model: `list`
reads summaries, `show` documents, and neither needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import RegistryCorrupt
from claimcheck.store import journal
from claimcheck.store.keys import ENTRY_FIELDS
from claimcheck.store.layout import REGISTRY_FILE, article_path, doc_id
from claimcheck.store.storage import AtomicJSONStorage
from claimcheck.store.whole import check_whole, entry_types_problem

if TYPE_CHECKING:
    from claimcheck.models import Article, Claim

# What `list`, `articles` and id lookups read from an index entry or an article summary without a check.
REQUIRED = {
    ("index", "claims"): frozenset({"id", "article_id", "kind", "status", "text", "quote", "start"}),
    ("", "articles"): frozenset({"id"}),
    ("keys", "keys"): ENTRY_FIELDS,
}


_REINDEX = "; `claimcheck doctor --reindex` rebuilds it"


def read_file(path: Path) -> dict[str, Any]:
    """A registry file parsed, `{}` when it does not exist."""
    return AtomicJSONStorage(path).read() or {}


def read_table(path: Path, table: str) -> dict[str, Any]:
    """One table of a registry file, checked."""
    return table_of(read_file(path), path, table)


def read_whole(path: Path) -> dict[str, Any]:
    """A registry file parsed and checked whole (whole.py), before it is replaced; `{}` when it does not exist."""
    data = AtomicJSONStorage(path).read()
    if data is None:
        return {}
    check_whole(path, data)
    return data


def raw_table(path: Path, table: str) -> Any:
    """A table as parsed, not yet checked: `index.matching` checks only what it reads."""
    return read_file(path).get(table, {})


def table_of(data: dict[str, Any], path: Path, table: str) -> dict[str, Any]:
    """One table of a file already parsed, checked as `read_table` checks it."""
    docs = data.get(table, {})
    check_documents(path, table, docs)
    return docs


def check_documents(path: Path, table: str, docs: Any) -> None:
    """RegistryCorrupt naming the file unless `docs` is a set of documents with the keys readers rely on."""
    if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
        raise RegistryCorrupt(f"{path}: its {table!r} table is not a set of documents; see `claimcheck doctor`")
    required = REQUIRED.get((path.parent.name if path.name != REGISTRY_FILE else "", table))
    for doc in docs.values() if required else ():
        if not required <= doc.keys():
            missing = ", ".join(sorted(required - doc.keys()))
            raise RegistryCorrupt(
                f"{path}: entry {doc.get('id', '?')} lacks {missing}; `claimcheck doctor --reindex` rebuilds it"
            )
        bad = entry_types_problem(doc)
        if bad:
            raise RegistryCorrupt(
                f"{path}: entry {doc.get('id', '?')!r} {bad}; `claimcheck doctor --reindex` rebuilds it"
            )


def rewrite_table(path: Path, table: str, change: Callable[[dict[str, Any]], bool]) -> None:
    """One read-modify-write of one table of a registry file; written only when `change` says it changed.

    The other tables of the file are written back as they were read. A table
    that is not a set of documents is refused, never overwritten.
    """
    storage = AtomicJSONStorage(path)
    data = storage.read()
    if data is not None:
        check_whole(path, data)  # a file a hand edit broke is never rewritten (nor its good .bak replaced)
    data = data or {}
    docs = data.setdefault(table, {})
    if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
        raise RegistryCorrupt(f"{path}: its {table!r} table is not a set of documents; see `claimcheck doctor`")
    if change(docs):
        storage.write(data)


def put_docs(docs: dict[str, Any], entries: dict[str, dict[str, Any]]) -> bool:
    changed = False
    for key, entry in entries.items():
        if docs.get(key) != entry:
            docs[key] = entry
            changed = True
    return changed


def drop_docs(docs: dict[str, Any], keys: Iterable[str]) -> bool:
    gone = [key for key in keys if key in docs]
    for key in gone:
        del docs[key]
    return bool(gone)


def move_docs(docs: dict[str, Any], gone: set[str], entries: dict[str, dict[str, Any]]) -> bool:
    dropped = drop_docs(docs, gone)
    return put_docs(docs, entries) or dropped


def drop_article(docs: dict[str, Any], article_id: str) -> bool:
    return drop_docs(docs, [key for key, doc in docs.items() if doc.get("article_id") == article_id])


Changes = list[tuple[dict[str, Any] | None, dict[str, Any]]]  # (a claim's document before or None, now)


def write_article(path: Path, article: dict[str, Any], claims: list[dict[str, Any]], changed: Changes) -> int:
    """Write an article file: the article, and its claims with `claims` added or replaced; how many it holds.

    One write for the article and its claims: TinyDB's upsert (update, then insert) and the claims
    were three, and a kill between them left an article without claims that ingest took as done.
    """
    data = read_whole(path)
    table = data.get("claims", {})
    for doc in claims:
        key = str(doc_id(doc["id"]))
        changed.append((table.get(key), doc))
        table[key] = doc
    journal.append(path, claims, article)
    # Other tables (`removed`: claims taken out by hand, kept for the record) are written back as they were.
    AtomicJSONStorage(path).write({**data, "article": {"1": article}, "claims": table})
    return len(table)


def put_claims(path: Path, claims: list[dict[str, Any]], changed: Changes) -> None:
    """Replace claims in an existing article file, in one read-modify-write of its `claims` table."""
    docs = [(str(doc_id(c["id"])), c) for c in claims]

    def put(table: dict[str, Any]) -> bool:
        for key, doc in docs:
            changed.append((table.get(key), doc))
            table[key] = doc
        journal.append(path, claims)  # the file was read and checked whole: it is written next
        return True

    rewrite_table(path, "claims", put)


# -- stored documents ----------------------------------------------------------------------------


def describe_errors(exc: Any, *, limit: int, detail: bool = True) -> str:
    """A pydantic ValidationError on one line: `status: Input should be … (got 'bogus')`.

    The first `limit` errors; with `detail`, each with the value it got (unless
    an object) and how many errors are left out. The store says one error
    without detail, `doctor` three with it.
    """
    parts = []
    for err in exc.errors()[:limit]:
        where = ".".join(str(p) for p in err.get("loc", ())) or "document"
        got = repr(err.get("input"))
        parts.append(
            f"{where}: {err.get('msg')}"
            + (f" (got {got[:40]})" if detail and "input" in err and not isinstance(err.get("input"), dict) else "")
        )
    more = len(exc.errors()) - limit
    return "; ".join(parts) + (f"; and {more} more" if detail and more > 0 else "")


def validate(model: Any, doc: dict[str, Any], path: Path) -> Any:
    """A model from a stored document; a document a hand edit broke is RegistryCorrupt naming the file."""
    from pydantic import ValidationError

    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        raise RegistryCorrupt(
            f"{path}: {model.__name__.lower()} {doc.get('id', '')} does not fit "
            f"({describe_errors(exc, limit=1, detail=False)}); see `claimcheck doctor`"
        ) from None


def document(model: str, doc: Any, path: Path) -> dict[str, Any]:
    """A stored claim or article document as it is when it has the exact stored shape, else through the model.

    The model normalises what it can (a missing default, a time written
    another way) and refuses the rest as RegistryCorrupt; see documents.py.
    """
    from claimcheck.documents import is_article, is_claim

    if (is_claim if model == "Claim" else is_article)(doc):
        return doc
    from claimcheck import models

    return validate(getattr(models, model), doc, path).model_dump(mode="json")


def load_article(root: Path, article_id: str) -> Article | None:
    """The article of an article file, checked; None when the file holds none (a killed ingest)."""
    path = article_path(root, article_id)
    docs = read_table(path, "article")
    from claimcheck.models import Article

    return validate(Article, docs["1"], path) if "1" in docs else None


def claims_and_docs(root: Path, article_id: str) -> tuple[list[Claim], list[dict[str, Any]]]:
    """An article's claims, checked, in text order; and their documents as stored (keys entries come from those)."""
    path = article_path(root, article_id)
    from claimcheck.models import Claim

    docs = list(read_table(path, "claims").values())
    claims = [validate(Claim, doc, path) for doc in docs]
    # Kind is a StrEnum: it sorts as its value, without the enum's property lookup (0.2 s of `list --json`).
    claims.sort(key=lambda c: (c.span.start, c.span.end, c.kind, c.id))
    return claims, docs
