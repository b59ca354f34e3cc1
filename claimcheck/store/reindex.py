"""`doctor --reindex`: the lock taken, the derived files rebuilt beside the old ones and swapped in (rebuild.py).

Not through `Registry.transaction()`: its repair of a killed write reads
registry.json, which may be the very file this rebuilds (a git merge conflict
leaves exactly that). The full rebuild covers whatever `.pending.json` names,
so it is removed once the swap is done.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from claimcheck.store import lock, rebuild
from claimcheck.store.layout import PENDING_FILE, WRITING_FILE
from claimcheck.store.repair import drop_dangling_links, remove_strays
from claimcheck.store.schema import registry_meta
from claimcheck.store.storage import touch_marker


def reindex(root: Path) -> tuple[int, int]:
    """Rebuild registry.json's summaries, the index and the keys from the article files: (articles, claims).

    Refused, with nothing changed, when an article file does not parse or fit,
    or when the registry was written by a newer claimcheck.
    """
    held = lock.file_lock(root)
    lock.acquire(held, root)
    marker = root / WRITING_FILE
    try:
        touch_marker(marker)  # a kill from here on is seen by the next command, which finishes or undoes the swap
        rebuild.finish(root)
        remove_strays(root, keep_marker=True)
        found = rebuild.rebuild(root, registry_meta(root))
        with suppress(FileNotFoundError):
            os.unlink(root / PENDING_FILE)
        # Article files, but only links to claims that are nowhere: a kill here leaves fewer, never a wrong one.
        drop_dangling_links(root, sorted(p.stem for p in (root / "articles").glob("a-*.json")))
        from claimcheck.store import sync

        sync.note(root)  # the index now matches the article files as they are: nothing for git to re-index
        return found
    finally:
        if not rebuild.due(root):  # else the marker stays, so that the next command finishes the swap
            with suppress(FileNotFoundError):
                marker.unlink()
        held.release()
