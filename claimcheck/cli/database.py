"""A registry in PostgreSQL, as every command opens it; its `init` and its `doctor`.

cli/root.py's `open_registry` comes here for a postgresql:// URL. This module
imports no command module (they import it), and psycopg only through the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from claimcheck.text import plural

if TYPE_CHECKING:
    from claimcheck.store import RegistryBackend


def shown(location: str | Path) -> str:
    from claimcheck.store.postgres.connect import mask

    return mask(str(location))


def open_database(url: str, *, create: bool = False, ctx: Any = None) -> RegistryBackend:
    """The registry at a database URL, closed when the command ends; with `create`, made there if missing."""
    from claimcheck import store
    from claimcheck.errors import RegistryNotFound

    try:
        registry = store.open_registry(url)
    except RegistryNotFound:
        if not create:
            raise
        from claimcheck.cli.output import err_console

        registry = store.open_registry(url, create=True)
        err_console.print(f"Created a claimcheck registry in {shown(url)}")
    if ctx is not None:
        ctx.call_on_close(registry.close)
    return registry


def init_database(ctx: typer.Context, *, json: bool) -> None:
    """`init` on a postgresql:// registry: its tables made (safe to re-run)."""
    from claimcheck import store
    from claimcheck.cli.output import console, emit_json
    from claimcheck.config import registry_url

    url = registry_url(ctx.meta.get("registry")) or ""
    with store.open_registry(url, create=True) as registry:
        created = bool(getattr(registry, "created", False))
    if json:
        emit_json({"registry": shown(url), "created": created})
    elif created:
        console.print(f"Created an empty claimcheck registry in {shown(url)}")
    else:
        console.print(f"{shown(url)} is already a claimcheck registry; nothing changed")


def doctor_database(ctx: typer.Context, *, repair: bool, json: bool) -> None:
    """`doctor` on a postgresql:// registry: spans against texts, histories against the events table."""
    from rich.text import Text

    from claimcheck.cli.output import clean, console, emit_json
    from claimcheck.errors import InputError
    from claimcheck.store.postgres.doctor import check

    if repair:
        raise InputError(
            "--restore and --reindex repair a registry folder's files; a PostgreSQL registry has no index "
            "files or .bak copies (back it up with pg_dump: docs/scaling.md)"
        )
    report = check(open_database(_url(ctx), ctx=ctx))
    if json:
        emit_json(report.as_dict())
    else:
        for finding in report.findings:
            line = Text(f"{finding.severity:<8}", style="red" if finding.severity == "error" else "yellow")
            line.append(f"{clean(finding.claim_id or finding.where, one_line=True)}  {finding.code}: ")
            line.append(clean(finding.message, one_line=True))
            console.print(line)
        verdict = "no problems" if not report.findings else plural(len(report.findings), "problem")
        console.print(
            f"Checked {report.location}: {plural(report.articles, 'article')}, "
            f"{plural(report.claims, 'claim')}, {plural(report.events, 'history event')}: {verdict}."
        )
    if not report.ok:
        raise typer.Exit(1)


def _url(ctx: typer.Context) -> str:
    from claimcheck.config import registry_url

    return registry_url(ctx.meta.get("registry")) or ""
