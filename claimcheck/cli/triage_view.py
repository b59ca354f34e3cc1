"""`list`'s triage: its filters made into a `Triage`, and the sentence column (the span in its words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

    from claimcheck.triage import Triage

# How many characters of the sentence `list` shows either side of the span, at most.
SIDE = 24


def make_triage(
    statuses: list[str] | None,
    *,
    assignee: str | None,
    tags: list[str] | None,
    speaker: str | None,
    min_checkworthiness: float | None,
    search: str | None,
    include_dismissed: bool,
    pending_approval: bool = False,
) -> Triage:
    from claimcheck.actions import check_tag
    from claimcheck.enums import parse_status
    from claimcheck.errors import InputError
    from claimcheck.triage import Triage

    if min_checkworthiness is not None and not 0 <= min_checkworthiness <= 1:
        raise InputError(f"--min-checkworthiness is between 0 and 1, not {min_checkworthiness}")
    wanted = [parse_status(raw).value for value in statuses or () for raw in value.split(",") if raw.strip()]
    return Triage(
        statuses=tuple(dict.fromkeys(wanted)),
        assignee=assignee.strip() if assignee is not None else None,
        tags=tuple(check_tag(t) for t in tags or ()),
        speaker=speaker,
        min_checkworthiness=min_checkworthiness,
        search=search,
        include_dismissed=include_dismissed,
        pending_approval=pending_approval,
    )


def sentence_cell(row: dict[str, Any]) -> Text:
    """`…ont convenu que les troupes [au plus tard] le 15 septembre…`: the span in bold within its words."""
    from rich.text import Text

    from claimcheck.cli.output import clean

    before, after = clean(row.get("before", ""), one_line=True), clean(row.get("after", ""), one_line=True)
    quote = " ".join(row["quote"].split())
    if len(quote) > 2 * SIDE + 20:
        quote = quote[: 2 * SIDE + 19] + "…"
    cell = Text("…" + before[-SIDE:] if len(before) > SIDE else before)
    cell.append(clean(quote, one_line=True), style="bold")
    cell.append(after[:SIDE] + "…" if len(after) > SIDE else after)
    return cell


def print_table(
    shown: list[Any], *, with_article: bool, fitted_width: Callable[[str, list[list[Any]], int], Any]
) -> None:
    """`list`'s table: id, kind, status, the label, the span in its sentence (and the article)."""
    from rich.table import Table

    from claimcheck.cli.output import clean, console, status_text, truncate

    rows: list[list[Any]] = []
    for row in shown:
        cells: list[Any] = [
            row["id"],
            row["kind"],
            status_text(row["status"]),
            # A statement's label is its sentence: it needs no second copy.
            clean(truncate(row["text"], 90 if row["kind"] == "statement" else 40), one_line=True),
            "" if row["kind"] == "statement" else sentence_cell(dict(row)),
        ]
        if with_article:
            cells.append(row["article_id"])
        rows.append(cells)
    table = Table(show_edge=False, pad_edge=False, expand=False)
    table.add_column("id", no_wrap=True, width=fitted_width("id", rows, 0))
    table.add_column("kind", no_wrap=True, width=fitted_width("kind", rows, 1))
    table.add_column("status", no_wrap=True, width=fitted_width("status", rows, 2))
    table.add_column("claim", overflow="fold")
    table.add_column("in its sentence", overflow="fold")
    if with_article:
        table.add_column("article", no_wrap=True, width=fitted_width("article", rows, 5))
    for cells in rows:
        table.add_row(*cells)
    console.print(table)
