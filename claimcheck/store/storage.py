"""A TinyDB storage that never leaves a half-written file and keeps the previous one.

TinyDB's own JSONStorage writes in place (a killed process leaves a broken file)
and keeps its file handle open (another process's `os.replace` goes unseen).
This one re-reads the path on every read and writes a temporary file in the same
folder, fsyncs it, hard-links the current file to `NAME.bak` and `os.replace`s
the new one over it, then fsyncs the folder. The JSON is indented with sorted
keys so that a registry kept in git diffs line by line.

`write_bytes_atomic` is the one atomic writer of claimcheck: the store's files,
`report --output` and `doctor --restore` all go through it.
"""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from claimcheck.errors import RegistryCorrupt
from claimcheck.store.layout import TMP_SUFFIX, backup_path

# Exclusive, and never through a link someone planted under the temporary name.
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


@contextmanager
def _gc_paused():
    # The cyclic GC walks every new dict while a big file is parsed: 50-70% of the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_json(raw: bytes, path: Path) -> Any:
    """Parse a registry file, or say which file is broken and where."""
    if not raw or raw.isspace():  # not `raw.strip()`: that copies every file `list` reads (33 MB at 100k claims)
        raise RegistryCorrupt(f"{path} is empty; nothing was changed (see `claimcheck doctor`)")
    try:
        with _gc_paused():
            return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RegistryCorrupt(
            f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "nothing was changed (see `claimcheck doctor`)"
        ) from None


def read_json(path: Path) -> Any | None:
    """A registry file parsed, or None when it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise RegistryCorrupt(f"{path} is a folder, not a registry file") from None
    return parse_json(raw, path)


def fsync_dir(folder: Path) -> None:
    # Without this the rename itself may not survive a power cut.
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomic(path: Path, data: bytes, *, backup: bool, mode: int = 0o666) -> None:
    """Replace `path` with `data` so that a reader sees the old file or the new one, never half.

    The temporary file is `.NAME.PID.RANDOM.tmp` beside it (the registry's
    stray sweep knows the pattern), made exclusively and never through a link
    (`O_CREAT|O_EXCL|O_NOFOLLOW`, a name nobody can guess ahead), with `mode`
    less the umask, as `open()` makes a file: someone who can write the folder
    cannot make this write land in another file. With `backup`, the current
    file is first hard-linked to `NAME.bak`. A write that fails removes its
    temporary file and raises the OSError.
    """
    tmp = _temporary(path)
    try:
        with os.fdopen(os.open(tmp, _EXCLUSIVE, mode), "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            _link_backup(path)
        os.replace(tmp, path)
    except OSError:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def keep_backup(path: Path) -> None:
    """Make `NAME.bak` the current file (a hard link); the caller has checked that the file is good."""
    _link_backup(path)


def _temporary(path: Path, what: str = "") -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}{what}{TMP_SUFFIX}")


def touch_marker(path: Path) -> None:
    """Create (or keep) an empty marker file, never through a symbolic link planted in its place."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666))
    except OSError as exc:
        if os.path.islink(path):
            raise RegistryCorrupt(f"{path} is a symbolic link; remove it (claimcheck never follows one)") from None
        raise exc from None


def _link_backup(path: Path) -> None:
    # A hard link costs nothing and keeps the last good state for `doctor --restore`.
    bak_tmp = _temporary(path, ".bak")
    try:
        os.link(path, bak_tmp)
        os.replace(bak_tmp, backup_path(path))
        # When the backup already is this file (a write killed after its backup step), rename() does
        # nothing and leaves the temporary link behind.
        with suppress(FileNotFoundError):
            os.unlink(bak_tmp)
    except OSError:
        with suppress(FileNotFoundError):
            os.unlink(bak_tmp)


def write_json_atomic(path: Path, data: Any, *, backup: bool = True) -> None:
    """A registry file: `data` as indented JSON with sorted keys, written by `write_bytes_atomic`."""
    payload = orjson.dumps(data, option=_DUMP_OPTIONS)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, payload, backup=backup)


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written atomically; see the module docstring."""

    def __init__(self, path: str | Path, *, backup: bool = True) -> None:
        self.path = Path(path)
        self.backup = backup

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json(self.path)
        if data is not None and not isinstance(data, dict):
            raise RegistryCorrupt(f"{self.path} does not hold a registry table (found {type(data).__name__})")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_json_atomic(self.path, data, backup=self.backup)

    def close(self) -> None:  # nothing stays open between calls
        pass


@contextmanager
def database(path: Path) -> Iterator[TinyDB]:
    """A TinyDB over one registry file, for one call: its caches cannot see another process's writes."""
    db = TinyDB(path, storage=AtomicJSONStorage)
    try:
        yield db
    finally:
        db.close()
