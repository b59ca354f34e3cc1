"""A registry folder opened, and the lock and transaction every change runs in (`Folder`, Registry's base).

Every change happens inside `transaction()`: the lock on `.lock` (lock.py) held across the whole
read-modify-write. A change touching several files first names the articles involved in `.pending.json`;
if the process dies before the end, the next command finds it and rebuilds those index entries from the
article files (repair.py). A killed index rebuild is finished or undone (rebuild.py), and article files
git changed are re-indexed (sync.py), before anything is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Self

from claimcheck.errors import RegistryExists, RegistryNotFound
from claimcheck.store import lock, repair, schema, sync
from claimcheck.store.layout import PENDING_FILE, REGISTRY_FILE, WRITING_FILE
from claimcheck.store.storage import touch_marker, write_json_atomic


class Folder:
    """A registry folder: where it is, how it is opened, and its lock. `Registry` reads and writes it."""

    def __init__(self, root: Path) -> None:
        self.root = root  # folder-only: a SQL backend has no folder
        self._lock: Any = None  # created on the first write: reading needs no lock, and no import
        self._depth = 0
        self._synced = False
        self._registry_cache: tuple[tuple[int, int, int], dict[str, Any]] | None = None
        self._registry_checked: set[tuple[tuple[int, int, int], str]] = set()
        self._touched: set[str] = set()  # the articles this transaction wrote: named in .pending.json until it ends

    # -- opening -----------------------------------------------------------------

    @classmethod
    def init(cls, root: Path) -> Self:
        root = Path(root)
        if (root / REGISTRY_FILE).exists():
            return cls.open(root)
        if root.exists() and not root.is_dir():
            raise RegistryExists(f"{root} exists and is not a folder")
        repair.make_folders(root)
        registry = cls(root)
        with registry.transaction():
            write_json_atomic(
                root / REGISTRY_FILE, {"meta": {"1": {"schema": schema.SCHEMA_VERSION}}, "articles": {}}, backup=False
            )
        return registry

    @classmethod
    def open(cls, root: Path, *, on_upgrade: Callable[[int, Path], None] | None = None) -> Self:
        """Open a registry; an older schema is upgraded first, after `on_upgrade(old schema, backup folder)`."""
        root = Path(root)
        path = root / REGISTRY_FILE
        if not path.is_file():
            raise RegistryNotFound(f"no claimcheck registry at {root}; run `claimcheck init` to create one")
        registry = cls(root)
        if (root / WRITING_FILE).exists():
            # A killed rebuild may be halfway through swapping registry.json and index/ (rebuild.py).
            registry._finish_rebuild_if_idle()
        registry._check_schema(on_upgrade)
        if (root / PENDING_FILE).exists():
            with registry.transaction():
                pass  # the transaction repairs what a killed process left
        elif (root / WRITING_FILE).exists():
            # A writer at work, or one that was killed: sweep its temporary files unless it still holds the lock.
            # Looking at every folder on each open cost ~10 ms at 100k claims (10,000 names), for nothing.
            registry._remove_strays_if_idle()
        if sync.stale(root):
            with registry.transaction():
                pass  # the article files changed behind our back (a git merge): the transaction re-indexes them
        return registry

    def close(self) -> None:
        pass  # every TinyDB object lives only inside one call

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_schema(self, on_upgrade: Callable[[int, Path], None] | None = None) -> None:
        found = schema.read_schema(self.root)
        schema.refuse_newer(self.root, found)
        if found < schema.SCHEMA_VERSION:
            schema.refuse_unmigratable(self.root, found)
            with self.transaction():
                schema.upgrade(self.root, found, on_upgrade)

    # -- locking -----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the registry lock across a whole read-modify-write; re-entrant within a process.

        All or nothing: a command that fails inside leaves `.pending.json`
        behind, and the next one rebuilds what it touched from the article files.
        """
        if self._depth == 0:
            if self._lock is None:
                self._lock = lock.file_lock(self.root)
            lock.acquire(self._lock, self.root)
        self._depth += 1
        writing = self.root / WRITING_FILE
        try:
            if self._depth == 1:
                # The marker first: a kill during the repair below leaves it, so the repair is due again.
                killed = writing.exists() or (self.root / PENDING_FILE).exists()
                touch_marker(writing)
                if killed:
                    repair.recover(self.root)
                sync.reconcile(self.root)
                self._synced = True
            yield
            if self._depth == 1 and self._touched:
                # Only now: an ingest saves the earlier claims it links to, then its own; killed between the
                # two, `.pending.json` still names both, and the next command drops links to claims never saved.
                os.unlink(self.root / PENDING_FILE)
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._touched.clear()
                if self._synced:  # not after a failed re-index: the next command tries it again
                    with suppress(OSError):
                        sync.note(self.root)
                    self._synced = False
                with suppress(FileNotFoundError):
                    writing.unlink()
                self._lock.release()

    def _pending(self, article_ids: Iterable[str]) -> None:
        """Name the articles about to be written in `.pending.json` (with those written earlier in this transaction)."""
        more = set(article_ids) - self._touched
        if more:
            self._touched |= more
            repair.mark_pending(self.root, self._touched)

    def _finish_rebuild_if_idle(self) -> None:
        """Undo or finish an interrupted rebuild at open, unless a command holds the lock (it does it)."""
        from claimcheck.store import rebuild

        if not rebuild.due(self.root):
            return
        if self._lock is None:
            self._lock = lock.file_lock(self.root)
        try:
            if not lock.acquire_if_free(self._lock):
                return
        except OSError:
            return  # a folder this user cannot lock: read it as it is
        try:
            rebuild.finish(self.root)
        finally:
            self._lock.release()

    def _remove_strays_if_idle(self) -> None:
        """A killed writer's temporary files, removed at open unless a command holds the lock (they may be its own)."""
        if self._lock is None:
            self._lock = lock.file_lock(self.root)
        if not lock.acquire_if_free(self._lock):
            return  # the command holding it, or the next one, removes the stale ones
        try:
            repair.remove_strays(self.root)
        finally:
            self._lock.release()
