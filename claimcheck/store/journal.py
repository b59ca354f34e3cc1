"""The change journal of each article file: `articles/a-XXXXXX.journal`, one fsynced JSON line per write.

An article file's `.bak` is its copy before the last write, so bringing it
back (`doctor --restore`) lost that write. Before each write of an article
file, the documents it writes (the article, and the claims it adds or
replaces, whole) are appended to the file's journal and flushed to disk; a
restore replays the journal on top of the backup, in order, the last line
holding a claim winning. Every acknowledged change is thus in the journal. A
line of a write killed before its file was replaced may be there too: that
change was never acknowledged, and replaying it finishes it.

The journal starts again with one line once it passes `_MAX_BYTES`: after a
write, the backup holds every change but that write's, so its line is all a
restore needs. A last line cut short by a kill is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from claimcheck.store.layout import doc_id
from claimcheck.store.storage import write_bytes_atomic

JOURNAL_SUFFIX = ".journal"
_MAX_BYTES = 1 << 20


def journal_path(path: Path) -> Path:
    return path.with_suffix(JOURNAL_SUFFIX)


def append(path: Path, claims: list[dict[str, Any]], article: dict[str, Any] | None = None) -> None:
    """Journal the documents about to be written to the article file at `path` (before it is written)."""
    line = orjson.dumps({"article": article, "claims": claims}) + b"\n"
    target = journal_path(path)
    try:
        size = os.lstat(target).st_size
    except FileNotFoundError:
        size = 0
    if size + len(line) > _MAX_BYTES:
        write_bytes_atomic(target, line, backup=False)  # the backup after this write holds all the rest
        return
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def replay(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The article file `data` (its backup, parsed) with the journal's changes applied; and how many lines."""
    try:
        raw = journal_path(path).read_bytes()
    except OSError:
        return data, 0
    article = dict(data.get("article") or {})
    claims = dict(data.get("claims") or {})
    lines = 0
    for line in raw.splitlines():
        try:
            change = orjson.loads(line)
            if change.get("article") is not None:
                article["1"] = change["article"]
            for doc in change.get("claims") or []:
                claims[str(doc_id(doc["id"]))] = doc
        except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError):
            continue  # a line cut short by a kill, or one a hand edit broke
        lines += 1
    return {**data, "article": article, "claims": claims}, lines
