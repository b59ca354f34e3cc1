"""`status --desk`: the desk's figures as tables (or JSON)."""

from __future__ import annotations

from typing import Any

_COLUMNS = ("reviewed", "verdicts", "pending_approval", "assigned_open", "median_hours_to_verdict")


def print_desk(figures: dict[str, list[dict[str, Any]]], json: bool) -> None:
    from rich.table import Table

    from claimcheck.cli.output import clean, console, emit_json

    if json:
        emit_json(figures)
        return
    for title, rows in (("people", figures["people"]), ("articles", figures["articles"])):
        table = Table(show_edge=False, pad_edge=False, title=title, title_justify="left")
        table.add_column("person" if title == "people" else "article", overflow="fold")
        for col in _COLUMNS:
            table.add_column(col.replace("_", " "), justify="right")
        for row in rows:
            cells = ["–" if row[c] is None else str(row[c]) for c in _COLUMNS]
            table.add_row(clean(row["name"], one_line=True), *cells)
        console.print(table)
