"""The registry's one lock: a file lock on `.lock`, held across a whole read-modify-write.

`Registry.transaction()` holds it (re-entrantly) for every change, the stray
sweep at open takes it only if nobody holds it, and `doctor` holds it to look
at the registry as it is. filelock is imported only when a lock is taken.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from claimcheck.errors import InputError, RegistryBusy
from claimcheck.store.layout import LOCK_FILE

LOCK_TIMEOUT = 60.0


def file_lock(root: Path) -> Any:
    """The lock object of the registry at `root` (not yet taken)."""
    from filelock import FileLock

    return FileLock(str(root / LOCK_FILE), timeout=LOCK_TIMEOUT)


def acquire(lock: Any, root: Path) -> None:
    """Take the lock, waiting up to LOCK_TIMEOUT; RegistryBusy when another command keeps it."""
    from filelock import Timeout

    if (root / LOCK_FILE).is_symlink():
        # filelock would open (and create) whatever it points to, as whoever runs the command.
        raise InputError(f"{root / LOCK_FILE} is a symbolic link; remove it (claimcheck never follows one)")
    try:
        lock.acquire()
    except Timeout:
        raise RegistryBusy(f"{root} is locked by another claimcheck command (waited {LOCK_TIMEOUT:.0f} s)") from None


def acquire_if_free(lock: Any) -> bool:
    """Take the lock only if nobody holds it; whether it was taken."""
    from filelock import Timeout

    try:
        lock.acquire(timeout=0)
    except Timeout:
        return False
    return True


@contextmanager
def locked(root: Path, *, for_writing: bool) -> Iterator[None]:
    """The registry's lock, without the repairs `Registry.transaction()` makes on entry.

    Doctor looks at the registry as it is: a check under the lock sees no
    half-finished command of another process, and a restore is not raced. A
    check of a folder this user cannot write to (a read-only checkout) goes on
    without the lock: nobody can be writing there through claimcheck either.
    """
    lock = file_lock(root)
    try:
        acquire(lock, root)
    except OSError as exc:
        if for_writing:
            raise InputError(f"{root}: cannot take the registry lock ({exc.strerror or exc})") from None
        yield
        return
    try:
        yield
    finally:
        lock.release()
