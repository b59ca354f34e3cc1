"""A registry file checked whole before it is replaced: a write never rewrites a file a hand edit broke.

A file that parses but does not fit (an article without its text, a claim
whose span lies outside it, an index entry without a status) was rewritten by
the next `mark`, and its `.bak` with it: the last good copy was gone. Every
write now reads the file it replaces and passes it through `check_whole`
first; one that does not fit is RegistryCorrupt naming the file, and nothing
is written. `doctor` runs the same check on every data file, so whatever a
write refuses, doctor flags, and `doctor --restore` offers to bring back.

No pydantic on the usual path: a claim or article in exactly the stored shape
is checked by `documents.is_claim` / `is_article`; anything else goes through
the model (tables.document).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimcheck.enums import VERDICTS
from claimcheck.errors import RegistryCorrupt
from claimcheck.store.keys import entry_problem, key_shard
from claimcheck.store.layout import REGISTRY_FILE, doc_id, hex_part

_SEE = "nothing was changed (see `claimcheck doctor`)"
_REBUILT = "nothing was changed; `claimcheck doctor --reindex` rebuilds it from the article files"
_SUMMARY_TEXT = ("id", "article_id", "kind", "status", "text", "quote", "updated_at")


def kind_of(path: Path) -> str:
    """`article`, `index`, `keys` or `registry`: what a data file holds, from where it lies."""
    if path.name == REGISTRY_FILE:
        return "registry"
    return {"articles": "article", "index": "index", "keys": "keys"}.get(path.parent.name, "other")


def problem(path: Path, data: Any) -> str | None:
    """What keeps the parsed file `data` at `path` from being read or rewritten safely; None when it fits."""
    if not isinstance(data, dict):
        return f"it holds {type(data).__name__}, not a registry table"
    kind = kind_of(path)
    try:
        if kind == "article":
            return _article_problem(path, data)
        if kind == "index":
            return _table_problem(data, "claims", lambda key, doc: _summary_problem(path, key, doc))
        if kind == "keys":
            return _table_problem(data, "keys", lambda key, doc: _keys_problem(path, key, doc))
        if kind == "registry":
            return _registry_problem(data)
    except RegistryCorrupt as exc:
        return exc.message.removeprefix(f"{path}: ")
    return None


def check_whole(path: Path, data: Any) -> None:
    """RegistryCorrupt naming `path` unless the file as parsed fits whole (see `problem`)."""
    found = problem(path, data)
    if found is not None:
        hint = _SEE if kind_of(path) == "article" else _REBUILT
        raise RegistryCorrupt(f"{path}: {found}; {hint}")


def _table_problem(data: dict[str, Any], name: str, entry: Any) -> str | None:
    table = data.get(name, {})
    if not isinstance(table, dict):
        return f"its {name!r} table is not an object"
    for key, doc in table.items():
        if not isinstance(doc, dict):
            return f"entry {key} of its {name!r} table is not an object"
        found = entry(key, doc)
        if found:
            return found
    return None


_VERDICTS = frozenset(v.value for v in VERDICTS)
_ID = re.compile(r"[ac]-[0-9a-f]{1,64}\Z")
_STRINGS = ("article_id", "kind", "status", "text", "quote")


def valid_id(ident: Any, prefix: str) -> bool:
    """An article or claim id as claimcheck makes them (`a-91bc02`, `c-7f3a9e`): no path, no stray character."""
    return type(ident) is str and ident.startswith(prefix + "-") and _ID.match(ident) is not None


def entry_types_problem(doc: Mapping[str, Any]) -> str | None:
    """What a reader would trip on in an index entry or article summary it reads without a check; None if nothing.

    Only the fields present are looked at (`tables.REQUIRED` says which must be): cheap enough for `list`.
    """
    ident = doc.get("id")
    if not (valid_id(ident, "c") or valid_id(ident, "a")):
        return "has no valid id"
    for name in _STRINGS:
        if name in doc and type(doc[name]) is not str:
            return f"has a {name} that is not a string"
    start = doc.get("start", 0)
    if type(start) is not int or start < 0:
        return "has a start that is not a position"
    return None


def _summary_problem(path: Path, key: str, doc: dict[str, Any]) -> str | None:
    bad = [f for f in _SUMMARY_TEXT if not isinstance(doc.get(f), str)]
    start = doc.get("start")
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        bad.append("start")
    if bad:
        return f"index entry {doc.get('id', key)!r} has no valid {', '.join(bad)}"
    if not valid_id(doc["id"], "c") or key != _key(doc["id"]) or path.stem != hex_part(doc["id"])[:2]:
        return f"index entry {doc['id']!r} is filed under the wrong key or file"
    return None


def _keys_problem(path: Path, key: str, doc: dict[str, Any]) -> str | None:
    found = entry_problem(doc)
    if found:
        return f"the keys entry {doc.get('id', key)!r} does not fit ({found})"
    if not valid_id(doc["id"], "c") or key != _key(doc["id"]) or path.stem != key_shard(doc["key"]):
        return f"the keys entry {doc['id']!r} is filed under the wrong key or file"
    return None


def _registry_problem(data: dict[str, Any]) -> str | None:
    meta = data.get("meta")
    meta = meta.get("1") if isinstance(meta, dict) else None
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if type(schema) is not int:  # as schema.stored_schema reads it (schema.py imports the writers: no cycle)
        return "it has no schema version (meta.1.schema)"
    return _table_problem(
        data,
        "articles",
        lambda key, doc: (
            None
            if isinstance(doc.get("id"), str) and doc["id"].startswith("a-") and key == _key(doc["id"])
            else f"article summary {key} has no valid id"
        ),
    )


def _history_problem(claim: dict[str, Any]) -> str | None:
    """The history rules `actions` keeps (doctor reports the same): created first, ending at the status."""
    # Events reverted by `undo` (and the `undone` events themselves) replay to nothing: left out, as doctor does.
    gone = {i for e in claim["history"] if e["action"] == "undone" for i in e["detail"].get("events", [])}
    history = [e for i, e in enumerate(claim["history"]) if i not in gone and e["action"] != "undone"]
    if not history or history[0]["action"] != "created":
        return "its history does not start with a `created` event"
    moves = [e for e in history if e["action"] in ("status", "rejected")]  # a rejection sends it back to review
    if (moves[-1]["detail"].get("to") if moves else "unverified") != claim["status"]:
        return "its history does not end at its status"
    if claim["status"] in _VERDICTS and not claim["evidence"]:
        return f"it is {claim['status']} without any evidence"
    return None


def _key(ident: str) -> str | None:
    try:
        return str(doc_id(ident))
    except ValueError:
        return None


def _document(model: str, doc: Any, path: Path) -> dict[str, Any]:
    """`tables.document` (which imports this module): as stored when in the exact shape, else through the model."""
    from claimcheck.documents import is_article, is_claim

    if (is_claim if model == "Claim" else is_article)(doc):
        return doc  # type: ignore[no-any-return]
    from pydantic import ValidationError

    from claimcheck import models

    try:
        return getattr(models, model).model_validate(doc).model_dump(mode="json")  # type: ignore[no-any-return]
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "document"
        ident = doc.get("id", "") if isinstance(doc, dict) else ""
        raise RegistryCorrupt(f"{path}: {model.lower()} {ident} does not fit ({where}: {err.get('msg')})") from None


def _article_problem(path: Path, data: dict[str, Any]) -> str | None:
    from claimcheck.documents import version_text

    articles, claims = data.get("article"), data.get("claims")
    if not isinstance(articles, dict) or not isinstance(articles.get("1"), dict) or not isinstance(claims, dict):
        return "it holds no article (table `article`, document 1) or no `claims` table"
    article = _document("Article", articles["1"], path)
    if not valid_id(article["id"], "a") or article["id"] != path.stem:
        return f"it holds article {article['id']}, not {path.stem}"
    for key, raw in claims.items():
        claim = _document("Claim", raw, path)
        if not valid_id(claim["id"], "c") or key != _key(claim["id"]) or claim["article_id"] != path.stem:
            return f"claim {claim['id']!r} is filed under the wrong key or article"
        found = _history_problem(claim)
        if found:
            return f"claim {claim['id']}: {found}"
        span = claim["span"]
        text = version_text(article, claim["version"])
        if not span["start"] <= span["end"] <= len(text) or text[span["start"] : span["end"]] != span["quote"]:
            return f"claim {claim['id']}'s span {span['start']}–{span['end']} does not match the article text"
    return None
