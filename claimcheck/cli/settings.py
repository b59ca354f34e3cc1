"""`claimcheck config`: the registry's settings (claimcheck/settings.py says which exist)."""

from __future__ import annotations

from typing import Annotated

import typer

from claimcheck.cli.root import JsonOption, app, open_registry


@app.command("config")
def config_(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="A setting's name (none: list them).", show_default=False)] = None,
    value: Annotated[str | None, typer.Argument(help="Its new value (none: show it).", show_default=False)] = None,
    json: JsonOption = False,
) -> None:
    """Show or change the registry's settings.

    Example: claimcheck config approval on   (a verdict then needs a second person's approval)
    """
    from rich.table import Table

    from claimcheck.cli.output import clean, console, emit_json
    from claimcheck.settings import KNOWN, parse

    registry = open_registry(ctx)
    if name is not None:
        parsed = parse(name, value) if value is not None else None  # an unknown name fails before any write
        if value is not None:
            registry.set_setting(name, parsed)
        elif name not in KNOWN:
            parse(name, "")
    settings = registry.settings()
    shown = {name: settings[name]} if name is not None else settings
    if json:
        emit_json(shown)
        return
    table = Table(show_edge=False, pad_edge=False)
    for col in ("setting", "value", "what it does"):
        table.add_column(col, overflow="fold")
    for key, item in shown.items():
        text = ("on" if item else "off") if isinstance(item, bool) else clean(item, one_line=True)
        table.add_row(key, text, KNOWN[key][1])
    console.print(table)
