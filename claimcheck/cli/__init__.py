"""The command line: a thin layer over the library; only this package prints."""

from __future__ import annotations

# Each module registers its commands on `app` when imported; none imports a heavy library at the top.
from claimcheck.cli import articles, claims, doctor, report, versions  # noqa: F401
from claimcheck.cli.app import app


def main() -> None:
    app(prog_name="claimcheck")
