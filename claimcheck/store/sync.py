"""The derived files brought in line with article files that changed behind claimcheck's back.

A `git merge`, `pull`, `checkout` or `rebase` rewrites article files without
claimcheck: registry.json's summaries, the index and the keys files are then
stale. Every write of claimcheck ends by noting the article folder's
modification time in `index/.articles-seen` (git-ignored, like the whole
index in a git registry). Git replaces a file by removing it and writing a new
one, which changes that time: when it differs from the note, the article files
written since (their own time is not older than the note) and those that
appeared or disappeared are re-indexed, under the lock, before the command
reads anything. No note and no index (a fresh clone) is a full rebuild.

Checking costs one `stat` and one read of a small file per command.
"""

from __future__ import annotations

import os
from contextlib import suppress
from functools import partial
from pathlib import Path

from claimcheck.errors import RegistryCorrupt
from claimcheck.store.index import article_summary, index_claims, key_entries, put_key_entries, put_summaries
from claimcheck.store.layout import REGISTRY_FILE, TMP_SUFFIX, doc_id, index_dir, keys_dir
from claimcheck.store.tables import claims_and_docs, drop_docs, load_article, read_file, read_table, rewrite_table

SEEN_FILE = ".articles-seen"
# More changed articles than this, and one full rebuild is cheaper than re-indexing them one by one.
_FULL_REBUILD = 300


def _articles_time(root: Path) -> int | None:
    try:
        return (root / "articles").stat().st_mtime_ns
    except FileNotFoundError:
        return None


def _noted(root: Path) -> int | None:
    try:
        return int((index_dir(root) / SEEN_FILE).read_text(encoding="ascii"))
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return None


def stale(root: Path) -> bool:
    """True when article files changed since claimcheck last wrote, or a folder is missing: one stat, one read.

    git keeps no empty folder: a fresh clone of a registry without articles has none.
    """
    now = _articles_time(root)
    return now is None or _noted(root) != now


def note(root: Path) -> None:
    """Note the article folder's time, after a write, under the lock.

    Not fsynced: a note lost in a crash only costs one re-index of the
    articles written last, which is always safe.
    """
    now = _articles_time(root)
    folder = index_dir(root)
    if now is None or not folder.is_dir():
        return
    tmp = folder / f".{SEEN_FILE}.{os.getpid()}{TMP_SUFFIX}"
    tmp.write_text(str(now), encoding="ascii")
    os.replace(tmp, folder / SEEN_FILE)


def reconcile(root: Path) -> list[str]:
    """Re-index what changed behind claimcheck's back (the caller holds the lock); the articles re-indexed.

    Returns ["*"] after a full rebuild.
    """
    if not stale(root):
        return []
    from claimcheck.store import repair
    from claimcheck.store.rebuild import rebuild
    from claimcheck.store.schema import registry_meta

    if _articles_time(root) is None or not keys_dir(root).is_dir():
        repair.make_folders(root)
    since = _noted(root)
    if since is None and _index_present(root):
        note(root)  # a registry from before these notes, its index written by claimcheck: trust it once
        return []
    if since is None:
        rebuild(root, registry_meta(root))
        note(root)
        return ["*"]
    changed = changed_articles(root, since)
    if len(changed) > _FULL_REBUILD:
        rebuild(root, registry_meta(root))
        changed = ["*"]
    else:
        reindex_articles(root, changed)  # a broken file keeps its old entries; putting it back re-indexes it
    note(root)
    return changed


def _index_present(root: Path) -> bool:
    """An index that claimcheck wrote: shards beside registry.json, or no article to index."""
    folder = index_dir(root)
    if not keys_dir(root).is_dir():
        return False
    has_articles = any((root / "articles").glob("a-*.json"))
    return not has_articles or any(folder.glob("*.json"))


def changed_articles(root: Path, since: int) -> list[str]:
    """Articles whose file is not older than `since`, or that registry.json lists and no file holds, or back."""
    files: dict[str, int] = {}
    with os.scandir(root / "articles") as entries:
        for entry in entries:
            if entry.name.startswith("a-") and entry.name.endswith(".json"):
                files[entry.name[: -len(".json")]] = entry.stat().st_mtime_ns
    listed = {s.get("id") for s in read_table(root / REGISTRY_FILE, "articles").values()}
    changed = {a for a, t in files.items() if t >= since} | (files.keys() ^ {a for a in listed if a})
    return sorted(changed)


def reindex_articles(root: Path, article_ids: list[str]) -> list[str]:
    """Make the summaries, index entries and keys entries of these articles agree with their files, in one pass.

    An article's claims sit in its own index shard (their ids open with its
    hex digits) but their keys entries may be in any keys file: those are
    all read once for the whole batch. An article file that does not parse or fit keeps its old entries
    (doctor names it, and `doctor --restore` brings it back): the ids of those are returned.
    """
    if not article_ids:
        return []
    summaries, docs, claim_docs, gone, broken = [], [], [], [], []
    for article_id in article_ids:
        try:
            article = load_article(root, article_id) if (root / "articles" / f"{article_id}.json").exists() else None
            if article is None:
                gone.append(article_id)
                continue
            claims, stored = claims_and_docs(root, article_id)
        except RegistryCorrupt:
            broken.append(article_id)
            continue
        summaries.append((article_summary(article, len(claims)), doc_id(article_id)))
        docs += stored
        claim_docs += [c.model_dump(mode="json") for c in claims]
    wanted = set(article_ids) - set(broken)
    shards = {index_dir(root) / f"{a.split('-', 1)[1][:2]}.json" for a in wanted}
    shards |= {index_dir(root) / f"{d['id'].split('-', 1)[1][:2]}.json" for d in docs}
    for shard in sorted(shards):
        rewrite_table(shard, "claims", partial(_drop_of, wanted=wanted))
    index_claims(root, claim_docs)
    for path in sorted(keys_dir(root).glob("*.json")):
        rewrite_table(path, "keys", partial(_drop_of, wanted=wanted))
    put_key_entries(root, key_entries(docs))
    path = root / REGISTRY_FILE
    data = read_file(path)
    articles = {k: v for k, v in read_table(path, "articles").items() if v.get("id") not in gone}
    put_summaries(path, data, articles, summaries)
    return broken


def _drop_of(docs: dict[str, dict[str, object]], wanted: set[str]) -> bool:
    return drop_docs(docs, [key for key, doc in docs.items() if doc.get("article_id") in wanted])


def remove_note(root: Path) -> None:
    """Forget the note: the next command re-indexes everything (after a change the note cannot see)."""
    with suppress(FileNotFoundError):
        (index_dir(root) / SEEN_FILE).unlink()
