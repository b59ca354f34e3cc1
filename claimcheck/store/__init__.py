"""The registry on disk: the only package that imports tinydb.

`open_registry` is the way in; `base.RegistryBackend` what it returns.
Importing the package itself loads nothing: its names are loaded when first
used, so that `config` can use `store.layout` without TinyDB.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimcheck.store.base import RegistryBackend
    from claimcheck.store.index import ClaimSummary, summarize
    from claimcheck.store.layout import new_id
    from claimcheck.store.registry import Registry
    from claimcheck.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "ClaimSummary", "Registry", "RegistryBackend", "new_id", "open_registry", "summarize"]

_HOME = {
    "Registry": "registry",
    "RegistryBackend": "base",
    "ClaimSummary": "index",
    "summarize": "index",
    "new_id": "layout",
    "SCHEMA_VERSION": "schema",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)


def open_registry(
    location: str | Path, *, create: bool = False, on_upgrade: Callable[[int, Path], None] | None = None
) -> RegistryBackend:
    """The registry at `location`; with `create`, made there first if it is not one yet.

    `location` is a folder (the JSON registry) or a `postgresql://` URL
    (store/postgres/, imported only then). `on_upgrade(old schema, backup
    folder)` is called before an older folder registry is migrated.
    """
    if isinstance(location, str) and "://" in location:
        from claimcheck.store.postgres import SCHEMES, open_postgres

        scheme = location.split("://", 1)[0].lower()
        if scheme in SCHEMES:
            return open_postgres(location, create=create)
        from claimcheck.errors import InputError

        raise InputError(f"{scheme}:// registries are not supported: give a folder or a postgresql:// URL")
    from claimcheck.store.registry import Registry

    root = Path(location)
    return Registry.init(root) if create else Registry.open(root, on_upgrade=on_upgrade)
