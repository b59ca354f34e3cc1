"""What `review` draws for one claim, as rich renderables: no Textual here, so it is testable on its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimcheck.cli.output import clean, status_text

if TYPE_CHECKING:
    from rich.console import Group

    from claimcheck.documents import Doc

# History lines shown under the claim (the latest ones).
HISTORY_LINES = 6


def paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (between blank lines) around a span."""
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    return (0 if left < 0 else left + 2), (len(text) if right < 0 else right)


def claim_view(claim: Doc, article: Doc, seen: list[Any], *, position: str, approval_on: bool) -> Group:
    """The claim in its paragraph (span highlighted), its fields, evidence, comments and latest history."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from claimcheck.approval import state
    from claimcheck.cli.desk_view import team_rows
    from claimcheck.documents import version_text

    text = version_text(article, claim["version"])
    s, e = claim["span"]["start"], claim["span"]["end"]
    left, right = paragraph(text, s, e)
    context = Text(clean(text[left:s], one_line=True))
    context.append(clean(text[s:e], one_line=True), style="bold reverse")
    context.append(clean(text[e:right], one_line=True))
    labels = ["claim", "status", "kind", "article", *(f"  {k}" for k in claim["value"]), "seen before", "assignee"]
    head = Table.grid(padding=(0, 2))
    # As wide as the longest label: a long value must wrap, not squeeze the labels into it.
    head.add_column(style="bold", no_wrap=True, min_width=max(map(len, labels)))
    head.add_column(ratio=1)
    head.add_row("claim", Text(f"{claim['id']}  {clean(claim['text'], one_line=True)}   [{position}]"))
    status = status_text(claim["status"])
    if approval_on and state(claim) == "pending":
        status.append("  (pending approval)", style="yellow")
    head.add_row("status", status)
    head.add_row("kind", claim["kind"])
    head.add_row(
        "article", Text(f"{article['id']}  " + clean(article["title"] or article["source"] or "", one_line=True))
    )
    for key, value in claim["value"].items():
        head.add_row(f"  {key}", Text("unknown" if value is None else clean(value, one_line=True)))
    for label, cell in team_rows(claim):
        head.add_row(label, cell)
    for item in seen:
        head.add_row("seen before", Text(clean(item.describe(), one_line=True)))
    parts: list[Any] = [head, Text(""), context, Text("")]
    for item in claim["evidence"]:
        note = f" — {clean(item['note'], one_line=True)}" if item["note"] else ""
        parts.append(Text(f"evidence  {item['stance']}: {clean(item['url'], one_line=True)}{note}"))
    for item in claim["comments"]:
        parts.append(Text(f"comment   {clean(item['by'], one_line=True)}: {clean(item['text'], one_line=True)}"))
    for event in claim["history"][-HISTORY_LINES:]:
        detail = ", ".join(f"{k}={clean(v, one_line=True)}" for k, v in event["detail"].items() if k != "evidence")
        line = f"history   {event['at'][:16].replace('T', ' ')} {clean(event['by'], one_line=True)}: {event['action']}"
        parts.append(Text(line + (f" ({detail})" if detail else ""), style="dim"))
    return Group(*parts)
