"""Commands: export, import (a whole registry between a folder and PostgreSQL); a database registry's init, doctor.

`claimcheck export DEST` copies the registry in use to DEST, `claimcheck
import SRC` copies SRC into the registry in use; either side is a folder or a
postgresql:// URL, and the destination must hold no article yet. cli/database.py
opens a database registry for every other command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimcheck.cli.database import open_database, shown
from claimcheck.cli.root import JsonOption, app, open_registry
from claimcheck.text import plural

if TYPE_CHECKING:
    from claimcheck.store import RegistryBackend


def _open_other(location: str, *, create: bool, ctx: typer.Context) -> RegistryBackend:
    from claimcheck import store
    from claimcheck.config import registry_url

    if registry_url(location):
        return open_database(location, create=create, ctx=ctx)
    return store.open_registry(Path(location).expanduser(), create=create)


def _copy(source: RegistryBackend, dest: RegistryBackend, verb: str, where: str, json: bool) -> None:
    from claimcheck.cli.output import console, emit_json, err_console
    from claimcheck.workflows.transfer import copy_registry

    total = len(source.article_summaries())
    progress: Any = None
    if total > 1 and err_console.is_terminal and not json:
        from rich.progress import Progress

        progress = Progress(console=err_console, transient=True)
        progress.start()
        task = progress.add_task(f"{verb.capitalize()}ing", total=total)
    try:
        done = copy_registry(source, dest, (lambda n, _: progress.update(task, completed=n)) if progress else None)
    finally:
        if progress is not None:
            progress.stop()
    if json:
        emit_json({verb: where, "articles": done.articles, "claims": done.claims, "events": done.events})
    else:
        console.print(
            f"{verb.capitalize()}ed {plural(done.articles, 'article')}, {plural(done.claims, 'claim')} "
            f"({plural(done.events, 'history event')}) {'to' if verb == 'export' else 'from'} {where}."
        )


@app.command("export")
def export(
    ctx: typer.Context,
    dest: Annotated[str, typer.Argument(help="A new registry folder, or a postgresql:// URL.", show_default=False)],
    json: JsonOption = False,
) -> None:
    """Copy the whole registry (claims, evidence, histories, every article version) to DEST.

    DEST must hold no article yet. Example: claimcheck export postgresql://desk@db/claims
    """
    source = open_registry(ctx)
    _copy(source, _open_other(dest, create=True, ctx=ctx), "export", shown(dest), json)


@app.command("import")
def import_(
    ctx: typer.Context,
    src: Annotated[str, typer.Argument(help="A registry folder, or a postgresql:// URL.", show_default=False)],
    json: JsonOption = False,
) -> None:
    """Copy the whole registry at SRC into this one, which must hold no article yet.

    Example: claimcheck --registry postgresql://desk@db/claims import ./claims
    """
    source = _open_other(src, create=False, ctx=ctx)
    _copy(source, open_registry(ctx, create=True), "import", shown(src), json)
