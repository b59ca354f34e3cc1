"""The layout's rules, checked over the source: which package may import which, and who may print.

    cli/        may import anything; prints; the only package that does, and the only one with typer/rich
    config      reads the environment, the only module that does; finds the registry (store, sources)
    workflows/  store, extract, anchor, similar, sources, core: reads and writes the registry
    store/      core only (+ tinydb, filelock): the registry on disk, doctor included
    extract/ anchor similar lint report sources: core only (lint also uses similar's pure functions)
    core        errors, enums, models, documents, text, actions: nothing above them

Every import counts, the ones deferred into a function too (they run), and `from . import x` is resolved
to the module it names. Nothing imports `cli`; no two modules import each other, even through others.

Every rule holds and guards (a rule not yet true would be marked xfail(strict=True), so that it fails
the suite the day it becomes true and its mark is removed). To add a package (e.g. store backends under store/), edit
`LAYER_OF` and `MAY_IMPORT`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "claimcheck"
SOURCE = Path(__file__).resolve().parent.parent / PACKAGE

CORE = ("errors", "enums", "models", "documents", "text", "actions", "undo", "triage", "approval", "settings")
# Which layer each module is in: the longest matching name, relative to the package ("" is its __init__).
LAYER_OF: dict[str, str] = {
    "": "core",  # the version
    "__main__": "cli",
    "cli": "cli",
    "config": "config",
    "workflows": "workflows",
    "store": "store",
    "extract": "extract",
    "anchor": "anchor",
    "similar": "similar",
    "lint": "lint",
    "report": "report",
    "sources": "sources",
    **dict.fromkeys(CORE, "core"),
}
LAYERS = ("cli", "config", "workflows", "store", "extract", "anchor", "similar", "lint", "report", "sources", "core")
# Which layers a layer's modules may import, besides its own.
MAY_IMPORT: dict[str, set[str]] = {
    "cli": set(LAYERS),
    "config": {"store", "sources", "core"},  # the registry file's name, the largest article accepted
    "workflows": {"store", "extract", "anchor", "similar", "sources", "core"},
    "store": {"core"},
    "extract": {"core"},
    "anchor": {"core"},
    "similar": {"core"},
    "lint": {"similar", "core"},  # the pure half of similar: content words, same_thing
    "report": {"core"},
    "sources": {"core"},
    "core": set(),
}
UI_LIBRARIES = ("typer", "click", "rich")
STORE_LIBRARIES = ("tinydb", "filelock", "psycopg")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


# ---- the checker: a package's modules, and what each one uses


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool
    tree: ast.Module
    lines: int


@dataclass(frozen=True)
class Use:
    """One line of one module that uses something: `claimcheck.lint:12 imports claimcheck.store`."""

    module: str
    line: int
    what: str  # "imports", "calls", "reads"
    target: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} {self.what} {self.target}"


def scan(root: Path, package: str) -> dict[str, Module]:
    """Every module of the package whose folder is `root`, by its dotted name."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        source = path.read_text(encoding="utf-8")
        modules[name] = Module(name, path, is_package, ast.parse(source, str(path)), len(source.splitlines()))
    return modules


def _from_base(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def _dynamic_target(node: ast.Call) -> str | None:
    """The module of `import_module("a.b")`, or the package of `import_module(f"a.b.{name}")`."""
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if called not in ("import_module", "__import__") or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value).rstrip(".") or None
    return None


def imports(modules: dict[str, Module]) -> list[Use]:
    """Every import of every module, wherever it is (top level, function, try block), as absolute names.

    One per line and target (`from x import a, b` is one), in the order of module and line.
    """
    return sorted(set(_imports(modules)), key=lambda use: (use.module, use.line, use.target))


def _imports(modules: dict[str, Module]) -> Iterator[Use]:
    for module in modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield Use(module.name, node.lineno, "imports", alias.name)
            elif isinstance(node, ast.ImportFrom):
                base = _from_base(module, node)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    yield Use(module.name, node.lineno, "imports", sub if sub in modules else base)
            elif isinstance(node, ast.Call) and (target := _dynamic_target(node)):
                yield Use(module.name, node.lineno, "imports", target)


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def layer_of(name: str, package: str, table: dict[str, str]) -> str | None:
    relative = name[len(package) + 1 :] if name != package else ""
    matching = [key for key in table if relative == key or (key and relative.startswith(key + "."))]
    return table[max(matching, key=len)] if matching else None


def internal_imports(modules: dict[str, Module], package: str) -> list[Use]:
    return [use for use in imports(modules) if _inside(use.target, package) and use.target != use.module]


def forbidden_imports(
    modules: dict[str, Module], package: str, layer: str, table: dict[str, str], may_import: dict[str, set[str]]
) -> list[Use]:
    """The imports of `layer`'s modules that reach a layer it may not use, or a module in no layer."""
    bad = []
    for use in internal_imports(modules, package):
        if layer_of(use.module, package, table) != layer:
            continue
        target = layer_of(use.target, package, table)
        if target != layer and target not in may_import[layer]:
            bad.append(use)
    return bad


def library_imports(
    modules: dict[str, Module], libraries: tuple[str, ...], allowed: Callable[[str], bool]
) -> list[Use]:
    return [
        use
        for use in imports(modules)
        if not allowed(use.module) and any(_inside(use.target, library) for library in libraries)
    ]


def cycles(modules: dict[str, Module], package: str) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for use in internal_imports(modules, package):
        if use.target in graph:
            graph[use.module].add(use.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(found)


def _sys_stream(node: ast.AST) -> str | None:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
        and node.attr in ("stdout", "stderr", "__stdout__", "__stderr__")
    ):
        return f"sys.{node.attr}"
    return None


def output_uses(modules: dict[str, Module]) -> Iterator[Use]:
    """Calls of the builtin print, and any use of sys.stdout or sys.stderr (write, flush, file=…)."""
    for module in modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                yield Use(module.name, node.lineno, "calls", "print")
            elif stream := _sys_stream(node):
                yield Use(module.name, node.lineno, "uses", stream)
            elif isinstance(node, ast.ImportFrom) and node.module == "sys":
                for alias in node.names:
                    if alias.name in ("stdout", "stderr"):
                        yield Use(module.name, node.lineno, "imports", f"sys.{alias.name}")


_ENV = ("environ", "environb", "getenv", "getenvb")


def environment_reads(modules: dict[str, Module]) -> Iterator[Use]:
    """os.environ, os.getenv (and their bytes forms), however imported."""
    for module in modules.values():
        for node in ast.walk(module.tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in _ENV
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                yield Use(module.name, node.lineno, "reads", f"os.{node.attr}")
            elif isinstance(node, ast.ImportFrom) and node.module == "os":
                for alias in node.names:
                    if alias.name in _ENV:
                        yield Use(module.name, node.lineno, "reads", f"os.{alias.name}")


def long_modules(modules: dict[str, Module], limit: int) -> list[str]:
    return [f"{m.name}: {m.lines} lines" for m in modules.values() if m.lines > limit]


def long_functions(modules: dict[str, Module], limit: int) -> list[str]:
    """Functions and methods (nested ones too) whose body is longer than `limit` lines.

    The body runs from its first statement (the docstring, if any) to its last line: a signature that the
    formatter lays out one parameter a line (a command's options) is declaration, not logic, and is not counted.
    """
    found = []
    for module in modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.body[0].lineno + 1
                if length > limit:
                    found.append(f"{module.name}:{node.lineno} {node.name}() is {length} lines")
    return found


def _listing(uses) -> str:
    return "\n" + "\n".join(str(use) for use in uses)


# ---- the rules, over claimcheck/


@pytest.fixture(scope="module")
def modules() -> dict[str, Module]:
    return scan(SOURCE, PACKAGE)


def _in_cli(name: str) -> bool:
    return _inside(name, f"{PACKAGE}.cli") or name == f"{PACKAGE}.__main__"


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_it_may_use(modules, layer):
    bad = forbidden_imports(modules, PACKAGE, layer, LAYER_OF, MAY_IMPORT)
    assert not bad, f"{layer} may import only {sorted(MAY_IMPORT[layer])}:" + _listing(bad)


def test_the_layer_table_names_only_known_layers():
    assert set(LAYER_OF.values()) == set(LAYERS) == set(MAY_IMPORT)
    assert all(allowed <= set(LAYERS) for allowed in MAY_IMPORT.values())
    assert "cli" not in set().union(*(MAY_IMPORT[layer] for layer in LAYERS if layer != "cli"))


def test_every_module_is_in_a_layer(modules):
    unplaced = sorted(name for name in modules if layer_of(name, PACKAGE, LAYER_OF) is None)
    assert not unplaced, "modules in no layer (add them to LAYER_OF or move them):\n" + "\n".join(unplaced)


def test_nothing_imports_the_command_line(modules):
    bad = [
        use
        for use in internal_imports(modules, PACKAGE)
        if _inside(use.target, f"{PACKAGE}.cli") and not _in_cli(use.module)
    ]
    assert not bad, "only cli and __main__ may import cli:" + _listing(bad)


def test_only_the_command_line_uses_typer_click_and_rich(modules):
    bad = library_imports(modules, UI_LIBRARIES, _in_cli)
    assert not bad, "only cli may import typer, click or rich:" + _listing(bad)


def test_only_the_command_line_prints(modules):
    bad = [use for use in output_uses(modules) if not _in_cli(use.module)]
    assert not bad, "only cli may print or write to sys.stdout/sys.stderr:" + _listing(bad)


@pytest.mark.parametrize("library", ["tinydb", "filelock"])
def test_only_the_store_imports_its_libraries(modules, library):
    bad = library_imports(modules, (library,), lambda name: _inside(name, f"{PACKAGE}.store"))
    assert not bad, f"only store may import {library}:" + _listing(bad)


def test_only_config_reads_the_environment(modules):
    bad = [use for use in environment_reads(modules) if use.module != f"{PACKAGE}.config"]
    assert not bad, "only config may read the environment:" + _listing(bad)


def test_no_modules_import_each_other(modules):
    found = cycles(modules, PACKAGE)
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(cycle) for cycle in found)


# The one module allowed over the limit: the number grammar's reader is one class whose methods call each other
# through the reading position; split, it would need mixins sharing that state (docs/architecture.md says so).
LONG_MODULES_ALLOWED = frozenset({f"{PACKAGE}.extract.numbers.sentence"})


def test_no_module_is_longer_than_400_lines(modules):
    found = long_modules({k: m for k, m in modules.items() if k not in LONG_MODULES_ALLOWED}, MAX_MODULE_LINES)
    assert not found, f"modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(found)


def test_no_function_is_longer_than_60_lines(modules):
    found = long_functions(modules, MAX_FUNCTION_LINES)
    assert not found, f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(found)


# ---- the checker itself, on a small package with each kind of fault


_FAULTY = {
    "__init__.py": "",
    "errors.py": "class Oops(Exception):\n    pass\n",
    "config.py": "import os\n\n\ndef home():\n    return os.environ.get('HOME')\n",
    "extract/__init__.py": "from .pipeline import run\n",
    "extract/pipeline.py": (
        "from pkg.errors import Oops\n"
        "\n\n"
        "def run(text):\n"
        "    from ..store import db  # deferred, and a layer extract may not use\n"
        "    print(text)\n"
        "    return db.save(text)\n"
    ),
    "store/__init__.py": "",
    "store/db.py": (
        "import os\n"
        "from importlib import import_module\n"
        "\n\n"
        "def save(text):\n"
        "    if os.getenv('DEBUG'):\n"
        "        import_module('pkg.extract.pipeline')  # back up: a cycle\n"
        "    return text\n"
    ),
    "cli/__init__.py": "import typer\n",
    "lint.py": "import rich\nfrom . import cli\n",
}
_FAULTY_LAYERS = {
    "": "core",
    "errors": "core",
    "config": "config",
    "extract": "extract",
    "store": "store",
    "cli": "cli",
    "lint": "lint",
}
_FAULTY_MAY = {
    "core": set(),
    "config": {"core"},
    "extract": {"core"},
    "store": {"core"},
    "cli": {"store", "core"},
    "lint": {"core"},
}


@pytest.fixture
def faulty(tmp_path) -> dict[str, Module]:
    root = tmp_path / "pkg"
    for name, text in _FAULTY.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return scan(root, "pkg")


def test_the_checker_resolves_relative_and_deferred_imports(faulty):
    found = {str(use) for use in imports(faulty)}
    assert "pkg.extract:1 imports pkg.extract.pipeline" in found
    assert "pkg.extract.pipeline:5 imports pkg.store.db" in found
    assert "pkg.store.db:7 imports pkg.extract.pipeline" in found
    assert "pkg.lint:2 imports pkg.cli" in found


def test_the_checker_reports_an_import_a_layer_may_not_use(faulty):
    bad = forbidden_imports(faulty, "pkg", "extract", _FAULTY_LAYERS, _FAULTY_MAY)
    assert [str(use) for use in bad] == ["pkg.extract.pipeline:5 imports pkg.store.db"]
    back_up = forbidden_imports(faulty, "pkg", "store", _FAULTY_LAYERS, _FAULTY_MAY)
    assert [str(use) for use in back_up] == ["pkg.store.db:7 imports pkg.extract.pipeline"]
    assert forbidden_imports(faulty, "pkg", "cli", _FAULTY_LAYERS, _FAULTY_MAY) == []


def test_the_checker_reports_a_module_in_no_layer(faulty):
    assert layer_of("pkg.extract.pipeline", "pkg", _FAULTY_LAYERS) == "extract"
    assert layer_of("pkg", "pkg", _FAULTY_LAYERS) == "core"
    assert layer_of("pkg.report", "pkg", _FAULTY_LAYERS) is None


def test_the_checker_finds_a_cycle_through_a_deferred_import(faulty):
    assert cycles(faulty, "pkg") == [["pkg.extract.pipeline", "pkg.store.db"]]


def test_the_checker_finds_prints_environment_reads_and_libraries(faulty):
    assert [str(u) for u in output_uses(faulty)] == ["pkg.extract.pipeline:6 calls print"]
    assert sorted(str(u) for u in environment_reads(faulty)) == [
        "pkg.config:5 reads os.environ",
        "pkg.store.db:6 reads os.getenv",
    ]
    ui = library_imports(faulty, UI_LIBRARIES, lambda name: _inside(name, "pkg.cli"))
    assert [str(u) for u in ui] == ["pkg.lint:1 imports rich"]


def test_the_checker_measures_modules_and_functions(faulty):
    assert long_modules(faulty, 6) == ["pkg.extract.pipeline: 7 lines", "pkg.store.db: 8 lines"]
    assert long_functions(faulty, 2) == ["pkg.extract.pipeline:4 run() is 3 lines", "pkg.store.db:5 save() is 3 lines"]
