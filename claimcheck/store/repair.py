"""What a killed writer left, and the indexes rebuilt from the article files: functions of the folder.

The article files are the source of truth. A change touching several files
first writes `.pending.json` naming the articles involved; if the process dies
before the end, the next command finds it (or the writer's marker) and calls
`recover`, which sweeps temporary files and rebuilds those articles' index
entries, keys entries and summaries. `rebuild.py` redoes all of them
(`doctor --reindex`). The caller holds the lock (`Registry.transaction()`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from claimcheck.errors import RegistryCorrupt
from claimcheck.store.index import (
    article_summary,
    drop_index_entries,
    drop_key_entries,
    index_claims,
    key_entries,
    put_key_entries,
)
from claimcheck.store.layout import (
    GITIGNORE,
    PENDING_FILE,
    REGISTRY_FILE,
    TMP_SUFFIX,
    WRITING_FILE,
    article_path,
    doc_id,
    folders,
    keys_dir,
)
from claimcheck.store.storage import database, read_json, write_json_atomic
from claimcheck.store.tables import claims_and_docs, load_article, put_claims, read_whole, rewrite_table, validate
from claimcheck.store.whole import check_whole, valid_id

if TYPE_CHECKING:
    from claimcheck.models import Article, Claim

# Articles read, and index files written, at a time when the indexes are rebuilt from the article files.
_REBUILD_BATCH = 200


def make_folders(root: Path) -> None:
    """The folders of a new registry, and a .gitignore for its lock, temporary files and backups."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "articles").mkdir(exist_ok=True)
    (root / "index" / "keys").mkdir(parents=True, exist_ok=True)
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(GITIGNORE, encoding="utf-8")


def mark_pending(root: Path, article_ids: Iterable[str]) -> None:
    """`.pending.json` naming the articles a change touches (`recover` reads it); the transaction removes it."""
    write_json_atomic(root / PENDING_FILE, {"articles": sorted(set(article_ids))}, backup=False)


def strays(root: Path) -> list[Path]:
    """Temporary files in the registry's four folders (no recursive walk: open() calls it).

    os.scandir, not Path.glob: at 100k claims these folders hold ~10,000
    names, which glob took twice as long to go through.
    """
    found = []
    for folder in folders(root):
        with suppress(FileNotFoundError, NotADirectoryError), os.scandir(folder) as entries:
            found += [Path(e.path) for e in entries if e.name.startswith(".") and e.name.endswith(TMP_SUFFIX)]
    return found


def remove_strays(root: Path, *, keep_marker: bool = False) -> None:
    """Remove temporary files; the writer's marker last (a sweep cut short is due again), or not at all."""
    marker = root / WRITING_FILE
    for stray in sorted(strays(root), key=lambda p: p == marker):
        if not (keep_marker and stray == marker):
            with suppress(OSError):
                stray.unlink()


def recover(root: Path) -> None:
    """Finish what a killed writer left: rebuild index entries and summaries from article files.

    Called under the lock with this command's own marker in place, which it keeps.
    A rebuild of the whole index that was cut short is undone or finished first (rebuild.py).
    """
    from claimcheck.store import rebuild

    if rebuild.due(root):
        rebuild.finish(root)
    remove_strays(root, keep_marker=True)
    path = root / PENDING_FILE
    if not path.exists():
        return
    try:
        pending = read_json(path) or {}
    except RegistryCorrupt:
        pending = {}
    ids = pending.get("articles") if isinstance(pending, dict) else None
    if not isinstance(ids, list):
        ids = [p.stem for p in (root / "articles").glob("a-*.json")]
    for article_id in ids:
        reindex_article(root, str(article_id))
    drop_dangling_links(root, [str(i) for i in ids])
    os.unlink(path)


def drop_dangling_links(root: Path, article_ids: Iterable[str]) -> int:
    """Remove from these articles' claims every "seen before" link to a claim that does not exist; how many.

    A link is written to both claims, the earlier one first: a write cut short
    between them leaves the earlier claim naming a claim that was never saved.
    """
    from claimcheck.store.index import ids_taken

    exists = ids_taken(root)
    dropped = 0
    for article_id in article_ids:
        path = article_path(root, article_id)
        if not path.exists():
            continue
        try:
            docs = read_whole(path).get("claims", {}).values()
        except RegistryCorrupt:
            continue  # a file a hand edit broke is not rewritten; doctor reports it
        fixed = []
        for doc in docs:
            kept = [i for i in doc["seen_before"] if valid_id(i, "c") and exists(i)]
            if kept != doc["seen_before"]:
                dropped += len(doc["seen_before"]) - len(kept)
                fixed.append({**doc, "seen_before": kept})
        if fixed:
            put_claims(path, fixed, [])
    return dropped


def reindex_article(root: Path, article_id: str) -> None:
    """Make the summary, index entries and keys entries of one article agree with its file."""
    article = load_article(root, article_id)
    summaries = read_json(root / REGISTRY_FILE)
    if summaries is not None:
        check_whole(root / REGISTRY_FILE, summaries)  # never rewritten when a hand edit broke it
    with database(root / REGISTRY_FILE) as db:
        table = db.table("articles")
        if article is None:
            if table.contains(doc_id=doc_id(article_id)):
                table.remove(doc_ids=[doc_id(article_id)])
            drop_index_entries(root, article_id)
            return
        claims, docs = claims_and_docs(root, article_id)
        table.upsert(Document(article_summary(article, len(claims)), doc_id=doc_id(article_id)))
    index_claims(root, [c.model_dump(mode="json") for c in claims])
    # The keys entry of a claim whose label, value or span changed may sit under its old key, in any file.
    drop_key_entries(root, article_id)
    put_key_entries(root, key_entries(docs))


def rebuild_keys(root: Path) -> None:
    """File every claim of the registry under its key, from the article files (the caller holds the lock).

    Also the migration from schema 1 to 2, which added the keys files.
    """
    import shutil

    shutil.rmtree(keys_dir(root), ignore_errors=True)
    keys_dir(root).mkdir(parents=True)
    put_key_entries(root, key_entries(doc for batch in article_batches(root) for _, _, docs in batch for doc in docs))


def article_batches(root: Path) -> Iterator[list[tuple[Article, list[Claim], list[dict[str, Any]]]]]:
    """Every readable article with its claims and their stored documents, a few hundred at a time.

    Rebuilding the index article by article rewrote every shard it touched
    and registry.json for each one; in batches each file is written once
    per batch, and only a batch of claims is held in memory.
    """
    batch = []
    for path in sorted((root / "articles").glob("a-*.json")):
        article = load_article(root, path.stem)
        if article is None:
            continue  # an ingest killed before it wrote anything; `doctor` reports the empty file
        batch.append((article, *claims_and_docs(root, path.stem)))
        if len(batch) >= _REBUILD_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def fill_claim_defaults(root: Path) -> None:
    """Write every claim with the fields this version added, at their defaults, then rebuild the indexes.

    The migration from schema 2 to 3 (the desk's fields: assignee, tags, comments, priority). Each
    claim goes through the model, which fills what is missing; the index entries gain those fields too.
    """
    from claimcheck.models import Claim

    for path in sorted((root / "articles").glob("a-*.json")):

        def fill(docs: dict[str, Any], path: Path = path) -> bool:
            for key, doc in list(docs.items()):
                docs[key] = validate(Claim, doc, path).model_dump(mode="json")
            return bool(docs)

        rewrite_table(path, "claims", fill)
    from claimcheck.store import rebuild

    # registry.json keeps its meta table: the migration runner sets the new schema once every step is done.
    meta = (read_json(root / REGISTRY_FILE) or {}).get("meta") or {"1": {"schema": 2}}
    rebuild.rebuild(root, meta)
