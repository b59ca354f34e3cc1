"""The derived files rebuilt beside the old ones, then swapped in; a rebuild cut short undone or finished.

registry.json's summaries, `index/` and `index/keys/` are derived from the
article files. Deleting them and writing them again (as this once did) left a
registry with half an index, or none, whenever the rebuild was killed or met
a broken article. Now:

1. `.rebuild-new/` receives a complete new `registry.json` and `index/`
   (every article file read and validated first: one that does not fit stops
   the rebuild with one line naming it, and nothing of the registry changed);
2. every file and folder of it is fsynced, and the folder is renamed
   `.rebuild-ready/`: that rename is the commit point;
3. the swap: the new registry.json replaces the old one (kept as its `.bak`
   when it was good), `index/` is renamed `.rebuild-old/` and
   `.rebuild-ready/index` renamed `index/`; then both folders are removed.

`finish(root)` brings any state a kill leaves back to old or new: a
`.rebuild-new/` is removed (the old index was never touched), a
`.rebuild-ready/` is swapped in from whichever step was reached. Every command
calls it under the lock when a writer was killed (`repair.recover`, and
`Registry.open` before it reads the schema, since the swap may be halfway
through registry.json); so does doctor before it checks. The caller holds the lock.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError, RegistryCorrupt
from claimcheck.store.layout import REGISTRY_FILE, article_path, doc_id, index_dir
from claimcheck.store.storage import fsync_dir, keep_backup, read_json, write_json_atomic

if TYPE_CHECKING:
    from claimcheck.models import Article, Claim

NEW = ".rebuild-new"
READY = ".rebuild-ready"
OLD = ".rebuild-old"

# Articles read, and index files written, at a time.
_BATCH = 200


def due(root: Path) -> bool:
    """Whether a rebuild was left unfinished (a kill, or a failure between its steps)."""
    return any((root / name).exists() for name in (NEW, READY, OLD))


def finish(root: Path) -> None:
    """Bring an interrupted rebuild to the old state (not committed) or the new one (committed)."""
    ready = root / READY
    if (root / NEW).exists():
        shutil.rmtree(root / NEW)
    if ready.is_dir():
        _swap(root, ready)
    if (root / OLD).exists():
        shutil.rmtree(root / OLD)
    fsync_dir(root)


def _swap(root: Path, ready: Path) -> None:
    """Each step is done only if it is still to do, so a swap cut short anywhere is finished by running it again."""
    new_registry = ready / REGISTRY_FILE
    if new_registry.exists():
        current = root / REGISTRY_FILE
        if _parses(current):
            keep_backup(current)  # an unparseable registry.json never replaces its good .bak
        os.replace(new_registry, current)
    if (ready / "index").exists():
        if index_dir(root).exists():
            if (root / OLD).exists():
                shutil.rmtree(root / OLD)
            os.rename(index_dir(root), root / OLD)
        os.rename(ready / "index", index_dir(root))
    fsync_dir(root)
    shutil.rmtree(ready)


def _parses(path: Path) -> bool:
    try:
        return isinstance(read_json(path), dict)
    except (ClaimcheckError, OSError):
        return False


def rebuild(root: Path, meta: dict[str, Any]) -> tuple[int, int]:
    """Rebuild registry.json (with `meta` as its meta table), the index and the keys beside the old ones, then swap.

    Returns (articles, claims). The caller holds the lock and has finished any
    earlier rebuild. Refused, with nothing changed, when an article file does
    not parse or fit.
    """
    build = root / NEW
    build.mkdir()
    try:
        (build / "index" / "keys").mkdir(parents=True)
        articles, claims = _build(root, build, meta)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)  # the old index was never touched
        raise
    for folder in (build / "index" / "keys", build / "index", build):
        fsync_dir(folder)
    os.rename(build, root / READY)  # the commit point
    fsync_dir(root)
    finish(root)
    return articles, claims


def _build(root: Path, build: Path, meta: dict[str, Any]) -> tuple[int, int]:
    from claimcheck.store.index import put_key_entries

    summaries: dict[str, Any] = {}
    keyed: list[dict[str, Any]] = []
    count = 0
    batch: list[tuple[Article, list[Claim], list[dict[str, Any]]]] = []
    for item in _articles(root):
        batch.append(item)
        if len(batch) >= _BATCH:
            count += _write_batch(build, batch, keyed, summaries)
            batch = []
    count += _write_batch(build, batch, keyed, summaries)
    # Each keys file written once: they are small, and a write per batch is an fsync per file each time.
    put_key_entries(build, keyed)
    write_json_atomic(build / REGISTRY_FILE, {"articles": summaries, "meta": meta}, backup=False)
    return len(summaries), count


def _write_batch(
    build: Path,
    batch: list[tuple[Article, list[Claim], list[dict[str, Any]]]],
    keyed: list[dict[str, Any]],
    summaries: dict[str, Any],
) -> int:
    from claimcheck.store.index import article_summary, index_claims, key_entries

    if not batch:
        return 0
    index_claims(build, [c.model_dump(mode="json") for _, claims, _ in batch for c in claims])
    keyed += key_entries(doc for _, _, docs in batch for doc in docs)
    for article, claims, _ in batch:
        summaries[str(doc_id(article.id))] = article_summary(article, len(claims))
    return sum(len(claims) for _, claims, _ in batch)


def _articles(root: Path) -> Iterator[tuple[Article, list[Claim], list[dict[str, Any]]]]:
    """Every article file, read and validated whole; RegistryCorrupt naming the first one that does not fit."""
    from claimcheck.store.tables import claims_and_docs, load_article, read_whole

    for path in sorted((root / "articles").glob("a-*.json")):
        read_whole(path)  # what a write would refuse stops the rebuild too: `{}`, a span outside the text...
        article = load_article(root, path.stem)
        if article is None:
            raise RegistryCorrupt(
                f"{path} holds no article; nothing was changed (`claimcheck doctor --restore` brings back "
                "its last good copy, or remove the file to drop it)"
            )
        if article.id != path.stem or article_path(root, article.id) != path:
            raise RegistryCorrupt(f"{path} holds article {article.id}; nothing was changed (see `claimcheck doctor`)")
        claims, docs = claims_and_docs(root, path.stem)
        for claim in claims:
            if claim.article_id != article.id:
                raise RegistryCorrupt(
                    f"{path}: claim {claim.id} belongs to {claim.article_id}; nothing was changed "
                    "(see `claimcheck doctor`)"
                )
        yield article, claims, docs


def leftovers(root: Path) -> list[Path]:
    """The folders an interrupted rebuild left (for doctor)."""
    found = []
    for name in (NEW, READY, OLD):
        with suppress(OSError):
            if (root / name).exists():
                found.append(root / name)
    return found
