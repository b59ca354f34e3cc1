"""The command line: a thin layer over the library; only this package prints.

Each module registers its commands on `app` when imported. `claimcheck show X`
imports only the module that defines `show`, so Typer builds that module's
commands and not all eighteen (~15 ms of start-up on every command); `--help`,
an unknown command and `from claimcheck.cli import app` (tests, library use)
load them all.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any

import claimcheck.cli.root as _root

_MODULES = ("articles", "checks", "claims", "doctor", "report", "review", "transfer", "git", "desk", "settings", "tui")
# Which module defines each command; tests/cli/test_commands.py checks it against the fully loaded app.
COMMANDS = {
    "init": "articles",
    "ingest": "articles",
    "articles": "articles",
    "list": "claims",
    "show": "claims",
    "history": "claims",
    "add": "claims",
    "mark": "review",
    "verify": "review",
    "evidence": "review",
    "doctor": "doctor",
    "report": "report",
    "status": "report",
    "update": "articles",
    "lint": "checks",
    "similar": "checks",
    "due": "checks",
    "export": "transfer",
    "import": "transfer",
    "git": "git",
    "conflicts": "git",
    "resolve": "git",
    "assign": "desk",
    "unassign": "desk",
    "tag": "desk",
    "untag": "desk",
    "comment": "desk",
    "priority": "desk",
    "undo": "desk",
    "remove": "desk",
    "approve": "desk",
    "reject": "desk",
    "config": "settings",
    "review": "tui",
}
# Options of the root command that take a value, so that `-r DIR show X` finds `show`.
_VALUED = frozenset({"--registry", "-r"})


def _load(modules: tuple[str, ...]) -> Any:
    for name in modules:
        import_module(f"claimcheck.cli.{name}")
    return _root.app


def __getattr__(name: str) -> Any:
    if name == "app":
        globals()["app"] = _load(_MODULES)  # every command registered; later lookups skip this hook
        return globals()["app"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def command_name(args: list[str]) -> str | None:
    """The command a command line asks for, or None (no command, or only options such as --help)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    module = COMMANDS.get(command_name(sys.argv[1:]) or "")
    app = _load((module,) if module else _MODULES)
    app(prog_name="claimcheck")
