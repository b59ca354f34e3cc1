"""How `show` (and `review`) draw the desk's fields of a claim: assignee, priority, tags, the comment thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from claimcheck.documents import Doc


def team_rows(claim: Doc) -> list[tuple[str, Any]]:
    """(label, cell) rows for the head of `show`: only what is set, priority always."""
    from rich.text import Text

    from claimcheck.actions import priority_of
    from claimcheck.cli.output import clean

    rows: list[tuple[str, Any]] = []
    if claim.get("assignee"):
        rows.append(("assignee", Text(clean(claim["assignee"], one_line=True))))
    shown = priority_of(claim)
    rows.append(("priority", shown + ("" if claim.get("priority") else " (from checkworthiness)")))
    from claimcheck.approval import effective, is_approved

    if is_approved(claim):
        approver = [e for e in effective(claim["history"]) if e["action"] == "approved"][-1]["by"]
        rows.append(("approval", Text("approved by " + clean(approver, one_line=True))))
    if claim.get("tags"):
        rows.append(("tags", Text(clean(", ".join(claim["tags"]), one_line=True))))
    return rows


def comments_table(claim: Doc) -> Table | None:
    """The thread, oldest first, or None when nobody has commented."""
    if not claim.get("comments"):
        return None
    from rich.table import Table
    from rich.text import Text

    from claimcheck.cli.output import clean
    from claimcheck.documents import parse_time

    table = Table(show_edge=False, pad_edge=False, title="comments", title_justify="left")
    for col in ("when", "who", "comment"):
        table.add_column(col, overflow="fold")
    for item in claim["comments"]:
        when = f"{parse_time(item['at']):%Y-%m-%d %H:%M}"
        table.add_row(when, Text(clean(item["by"], one_line=True)), Text(clean(item["text"])))
    return table


def _plain(value: Any) -> str:
    """A detail's value as a person reads it: lists joined, a value dict as `amount 2, unit bases`."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list | tuple):
        return ", ".join(map(_plain, value))
    return str(value)


def detail_text(event: Doc) -> str:
    """An event's details on one line: `2 bases militaires → 3 bases militaires (version 2)` for a change."""
    detail = dict(event["detail"])
    if event["action"] == "changed" and "old_text" in detail and "new_text" in detail:
        version = detail.get("version")
        return f"{detail['old_text']} → {detail['new_text']}" + (f" (version {version})" if version else "")
    if event["action"] in ("status", "evidence_removed"):
        detail.pop("evidence", None)  # kept for undo; the evidence events say it
    return ", ".join(f"{k}={_plain(v)}" for k, v in detail.items())
