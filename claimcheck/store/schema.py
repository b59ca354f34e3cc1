"""The schema version of a registry, read cheaply, and the migrations from an older one.

`registry.json` holds `meta.1.schema`. A newer schema is refused untouched; an
older one is migrated step by step (`MIGRATIONS`, in order) after a copy of
the whole folder is kept beside it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.table import Document

from claimcheck.errors import ClaimcheckError, RegistryCorrupt, RegistryTooNew
from claimcheck.store.layout import LOCK_FILE, REGISTRY_FILE, WRITING_FILE, backup_path
from claimcheck.store.repair import fill_claim_defaults, rebuild_keys
from claimcheck.store.storage import database, read_json

SCHEMA_VERSION = 3

# The steps from schema N to N + 1, in order: (N, step). A step is a function of the registry folder, run
# under the lock after the copy is kept.
MIGRATIONS: list[tuple[int, Callable[[Path], None]]] = [
    (1, rebuild_keys),  # 1 → 2: file every figure and quotation under its similarity key (index/keys/)
    (2, fill_claim_defaults),  # 2 → 3: every claim gains assignee, tags, comments and priority
]

# registry.json is written with sorted keys, so its small "meta" table comes last.
_SCHEMA_TAIL = re.compile(rb'"meta"\s*:\s*\{\s*"1"\s*:\s*\{\s*"schema"\s*:\s*(\d+)\s*\}\s*\}\s*\}\s*\Z')


def schema_from_tail(path: Path) -> int | None:
    """The schema version read from the last bytes of registry.json, or None to parse the whole file.

    Every command checks the schema when it opens the registry; registry.json
    also holds one summary per article (2 MB at 100k claims, ~15 ms to parse),
    which `show` and `mark` never need.
    """
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 256))
            tail = fh.read()
    except OSError:
        return None
    match = _SCHEMA_TAIL.search(tail)
    return int(match.group(1)) if match else None


def stored_schema(data: Any) -> int | None:
    """`meta.1.schema` of registry.json as parsed, or None when it has none."""
    meta = data.get("meta") if isinstance(data, dict) else None
    meta = meta.get("1") if isinstance(meta, dict) else None
    schema = meta.get("schema") if isinstance(meta, dict) else None
    return None if not isinstance(schema, int) or isinstance(schema, bool) else schema


def read_schema(root: Path) -> int:
    """The registry's schema version: from the file's tail, else from the whole file."""
    quick = schema_from_tail(root / REGISTRY_FILE)
    if quick is not None:
        return quick
    schema = stored_schema(read_json(root / REGISTRY_FILE) or {})
    if schema is None:
        raise RegistryCorrupt(f"{root / REGISTRY_FILE} has no schema version")
    return schema


def refuse_newer(root: Path, schema: int) -> None:
    """A registry written by a newer claimcheck is not this version's to read or repair."""
    if schema > SCHEMA_VERSION:
        raise RegistryTooNew(
            f"{root} was written by a newer claimcheck (schema {schema}, this one knows "
            f"{SCHEMA_VERSION}); upgrade claimcheck, nothing was changed"
        )


def missing_steps(schema: int) -> list[int]:
    """The schemas between `schema` and this one that no migration starts from."""
    steps = dict(MIGRATIONS)
    return [n for n in range(schema, SCHEMA_VERSION) if n not in steps]


def refuse_unmigratable(root: Path, schema: int) -> None:
    """RegistryCorrupt, before anything is changed, when a step from `schema` to this one is missing."""
    missing = missing_steps(schema)
    if missing:
        raise RegistryCorrupt(
            f"{root} has schema {schema}, which this claimcheck cannot migrate (no step from schema "
            f"{missing[0]}); nothing was changed"
        )


def backup_folder(root: Path, schema: int) -> Path:
    """Where the copy of a registry of an older schema is kept before it is migrated."""
    return root.with_name(f"{root.name}.schema{schema}.backup")


def keep_copy(root: Path, backup: Path) -> None:
    """Copy the registry folder to `backup`, unless a copy is already there."""
    import shutil

    if not backup.exists():
        # Copied under another name first: a copy cut short by a kill is never taken for the backup.
        partial = backup.with_name(backup.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(root, partial, ignore=shutil.ignore_patterns(LOCK_FILE, WRITING_FILE))
        os.replace(partial, backup)


def upgrade(root: Path, schema: int, on_upgrade: Callable[[int, Path], None] | None = None) -> None:
    """Keep a copy of the folder (after `on_upgrade(schema, copy)`), then run every step in order.

    The caller holds the lock and has checked that every step exists (`refuse_unmigratable`).
    """
    backup = backup_folder(root, schema)
    if on_upgrade is not None:
        on_upgrade(schema, backup)
    keep_copy(root, backup)
    steps = dict(MIGRATIONS)
    while schema < SCHEMA_VERSION:
        steps[schema](root)
        schema += 1
    with database(root / REGISTRY_FILE) as db:
        db.table("meta").upsert(Document({"schema": schema}, doc_id=1))


def registry_meta(root: Path) -> dict[str, Any]:
    """registry.json's `meta` table: as stored, else as its backup has it, else this version's schema."""
    for path in (root / REGISTRY_FILE, backup_path(root / REGISTRY_FILE)):
        try:
            schema = stored_schema(read_json(path))
        except (ClaimcheckError, OSError):
            continue
        if schema is not None:
            refuse_newer(root, schema)
            return {"1": {"schema": schema}}
    return {"1": {"schema": SCHEMA_VERSION}}
