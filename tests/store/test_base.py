"""The storage seam: the folder registry is one backend of `RegistryBackend`, reached through `open_registry`."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import claimcheck
from claimcheck.errors import InputError, RegistryNotFound
from claimcheck.store import Registry, RegistryBackend, open_registry
from claimcheck.store.postgres.registry import PostgresRegistry


def _members(cls: type) -> list[str]:
    own = {
        name
        for klass in cls.__mro__
        if klass is not object
        for name in [*vars(klass), *vars(klass).get("__annotations__", {})]
    }
    return sorted(name for name in own if not name.startswith("_") or name in ("__enter__", "__exit__"))


PROTOCOL = [name for name in _members(RegistryBackend) if callable(getattr(RegistryBackend, name, None))]


@pytest.mark.parametrize("name", PROTOCOL)
@pytest.mark.parametrize("backend", [Registry, PostgresRegistry], ids=["folder", "postgresql"])
def test_every_backend_has_every_method_of_the_protocol_with_the_same_parameters(name, backend):
    wanted = inspect.signature(getattr(RegistryBackend, name)).parameters
    found = inspect.signature(getattr(backend, name)).parameters
    assert [(p.name, p.kind, p.default) for p in found.values()] == [
        (p.name, p.kind, p.default) for p in wanted.values()
    ]


def test_the_protocol_names_what_the_commands_call_and_nothing_path_specific():
    """Every `registry.method(` the commands and workflows call is in the protocol; no file-level method is."""
    package = Path(claimcheck.__file__).parent
    # lint's `registry` is pint's unit registry, not ours.
    sources = [
        p
        for p in package.rglob("*.py")
        if "store" not in p.relative_to(package).parts and "lint" not in p.relative_to(package).parts
    ]
    called = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and not node.attr.startswith("_")
                and (
                    (isinstance(node.value, ast.Name) and node.value.id == "registry")
                    or (isinstance(node.value, ast.Attribute) and node.value.attr == "registry")
                )
            ):
                called.add(node.attr)
    called -= {"reindex"}  # doctor's repair of the JSON folder: folder-only, not part of the seam
    assert called <= set(_members(RegistryBackend))
    assert not {"files", "backups", "reindex", "init", "open"} & set(_members(RegistryBackend))


def test_open_registry_opens_or_creates_a_folder(tmp_path):
    with pytest.raises(RegistryNotFound):
        open_registry(tmp_path / "claims")
    created = open_registry(tmp_path / "claims", create=True)
    assert isinstance(created, Registry) and (tmp_path / "claims" / "registry.json").is_file()
    assert isinstance(created, RegistryBackend)  # every member there, `root` included
    again = open_registry(str(tmp_path / "claims"))
    assert again.article_summaries() == []


def test_a_database_url_of_another_engine_is_refused():
    with pytest.raises(InputError, match="sqlite:// registries are not supported"):
        open_registry("sqlite://claims.db")
