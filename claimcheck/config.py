"""Where the registry is and who is acting: the only module that reads the environment."""

from __future__ import annotations

import getpass
import os
import re
import subprocess
from pathlib import Path

from claimcheck.errors import InputError, RegistryNotFound
from claimcheck.sources import DEFAULT_MAX_BYTES
from claimcheck.store.layout import REGISTRY_FILE

REGISTRY_DIR = "claims"
# `postgresql://…`: a registry in a database, not a folder (store/postgres/).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def registry_url(explicit: str | Path | None = None) -> str | None:
    """The database URL the registry is at (`--registry`, else $CLAIMCHECK_REGISTRY), or None for a folder."""
    chosen = str(explicit or os.environ.get("CLAIMCHECK_REGISTRY") or "")
    return chosen if _URL.match(chosen) else None


def find_registry(explicit: str | Path | None = None, cwd: Path | None = None) -> Path:
    """The registry folder: `--registry`, else $CLAIMCHECK_REGISTRY, else ./claims found upwards like .git."""
    chosen = explicit or os.environ.get("CLAIMCHECK_REGISTRY")
    if chosen:
        return Path(chosen).expanduser()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / REGISTRY_DIR
        if (candidate / REGISTRY_FILE).is_file():
            return candidate
    raise RegistryNotFound(
        f"no claimcheck registry in {here} or any parent folder; run `claimcheck init` to create ./claims"
    )


def registry_above(folder: Path) -> Path | None:
    """A registry (`claims/`) in a folder above `folder`, which one made in `folder` would hide; None if none.

    Only when neither --registry nor $CLAIMCHECK_REGISTRY names the registry: then no search happens.
    """
    if os.environ.get("CLAIMCHECK_REGISTRY"):
        return None
    for parent in folder.resolve().parents:
        if (parent / REGISTRY_DIR / REGISTRY_FILE).is_file():
            return parent / REGISTRY_DIR
    return None


def default_init_path(explicit: str | Path | None = None) -> Path:
    chosen = explicit or os.environ.get("CLAIMCHECK_REGISTRY")
    return Path(chosen).expanduser() if chosen else Path.cwd() / REGISTRY_DIR


def current_user(by: str | None = None) -> str:
    """Who acts: --by, else $CLAIMCHECK_USER, else `git config user.name`, else the OS user."""
    if by and by.strip():
        return by.strip()
    env = os.environ.get("CLAIMCHECK_USER", "").strip()
    if env:
        return env
    try:
        out = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=2, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    if out:
        return out
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def max_input_bytes(option: int | None = None) -> int:
    """The largest article accepted: --max-size, else $CLAIMCHECK_MAX_SIZE, else 5 MB."""
    if option is not None:
        return option
    raw = os.environ.get("CLAIMCHECK_MAX_SIZE", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"CLAIMCHECK_MAX_SIZE must be a number of bytes, not {raw!r}") from None


def organisation(option: str | None = None) -> str | None:
    return option or os.environ.get("CLAIMCHECK_ORG") or None
