"""The JSON folder's settings file, `config.toml`: read with tomllib, written flat (`name = value`), atomically."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from claimcheck.errors import RegistryCorrupt
from claimcheck.settings import with_defaults
from claimcheck.store.storage import write_bytes_atomic

CONFIG_FILE = "config.toml"


def read_settings(root: Path) -> dict[str, Any]:
    path = root / CONFIG_FILE
    try:
        stored = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        stored = {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RegistryCorrupt(f"{path} is not valid TOML ({exc}); fix or delete it") from None
    return with_defaults(stored)


def write_setting(root: Path, name: str, value: Any) -> None:
    """Set one setting, keeping the others; the caller holds the lock."""
    settings = {**read_settings(root), name: value}
    lines = ["# claimcheck registry settings: `claimcheck config NAME VALUE` changes them."]
    for key, item in sorted(settings.items()):
        # JSON's strings, numbers and true/false are TOML's too.
        lines.append(f"{key} = {json.dumps(item, ensure_ascii=False)}")
    write_bytes_atomic(root / CONFIG_FILE, ("\n".join(lines) + "\n").encode("utf-8"), backup=True)
