"""Commands that check claims across the registry: lint, similar, due."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from claimcheck.cli.root import ClaimArg, JsonOption, app, open_registry

_SEVERITY_STYLE = {"error": "red", "warning": "dark_orange", "info": "dim"}


@app.command()
def lint(
    ctx: typer.Context,
    article: Annotated[
        str | None, typer.Argument(help="Article id or a unique prefix (default: all).", show_default=False)
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when there is a warning or an error.")] = False,
    json: JsonOption = False,
) -> None:
    """Check an article's claims against each other: conversions, exchange rates, repeated figures, dates.

    Exchange rates come from claims/rates.csv (columns date,pair,rate; e.g.
    2024-05-20,USD/GBP,0.79) when you keep one in the registry.

    Example: claimcheck lint a-91bc --strict
    """
    from rich.text import Text

    from claimcheck.cli.output import NO_ARTICLES, clean, console, emit_json, err_console
    from claimcheck.lint import lint as lint_article
    from claimcheck.lint import read_rates

    registry = open_registry(ctx)
    rates = read_rates(registry.root / "rates.csv")
    ids = [registry.resolve_article(article)] if article else [a["id"] for a in registry.article_summaries()]
    findings = []
    for article_id in ids:
        findings.extend(lint_article(registry.article(article_id), registry.claims_of(article_id), rates))
    if json:
        emit_json(findings)
    elif not findings:
        err_console.print("No findings." if ids else NO_ARTICLES)
    else:
        for finding in findings:
            line = Text()
            line.append(f"{finding.severity:<7}", style=_SEVERITY_STYLE[finding.severity])
            line.append(f" {finding.article_id} {finding.code}: ")
            line.append(clean(finding.message, one_line=True))
            line.append(f"  ({', '.join(finding.claim_ids)})", style="dim")
            console.print(line)
    if strict and any(f.severity in ("error", "warning") for f in findings):
        raise typer.Exit(1)


@app.command()
def similar(ctx: typer.Context, claim: ClaimArg, json: JsonOption = False) -> None:
    """List claims of other articles that state the same thing, with their status.

    Reuse an earlier verdict with `claimcheck mark NEW STATUS --same-as OLD`.

    Example: claimcheck similar c-7f3a
    """
    from rich.table import Table
    from rich.text import Text

    from claimcheck.cli.output import clean, console, emit_json, err_console, status_text, truncate
    from claimcheck.errors import NotFound
    from claimcheck.workflows.link import find_similar

    registry = open_registry(ctx)
    found = registry.claim(claim)
    matches = {c.id: c for c in find_similar(registry, found)}
    for linked in found.seen_before:
        if linked not in matches:
            try:
                matches[linked] = registry.claim(linked)
            except NotFound:
                continue  # a link to a claim that is gone is simply not shown
    rows = list(matches.values())
    if json:
        emit_json(rows)
        return
    if not rows:
        err_console.print(f"No other article states what {found.id} states.")
        return
    titles = {a["id"]: a.get("title") or a.get("source") or "" for a in registry.article_summaries()}
    table = Table(show_edge=False, pad_edge=False)
    for name in ("id", "status", "claim", "quote", "article"):
        table.add_column(name, overflow="fold", no_wrap=name == "id")
    for other in rows:
        table.add_row(
            other.id,
            status_text(other.status),
            Text(clean(truncate(other.text, 40), one_line=True)),
            Text(clean(truncate(other.span.quote, 50), one_line=True)),
            Text(f"{other.article_id} " + clean(truncate(titles.get(other.article_id, ""), 40), one_line=True)),
        )
    console.print(table)


@app.command()
def due(
    ctx: typer.Context,
    today: Annotated[
        str | None, typer.Option(help="Count as today this date, YYYY-MM-DD (default: today).", show_default=False)
    ] = None,
    json: JsonOption = False,
) -> None:
    """List deadlines and predictions whose date has passed without a verdict.

    Example: claimcheck due --today 2024-10-01
    """
    from rich.table import Table
    from rich.text import Text

    from claimcheck.cli.output import clean, console, emit_json, err_console, status_text, truncate
    from claimcheck.workflows.due import due_claims
    from claimcheck.workflows.ingest import parse_date

    when = parse_date(today, "--today") or date.today()
    found = due_claims(open_registry(ctx), when)
    if json:
        emit_json(
            [
                {
                    "claim": d.claim,
                    "article_id": d.article_id,
                    "deadline": d.deadline,
                    "cue": d.cue,
                    "days_overdue": d.days_overdue,
                }
                for d in found
            ]
        )
        return
    if not found:
        err_console.print(f"Nothing due before {when.isoformat()}.")
        return
    table = Table(show_edge=False, pad_edge=False)
    for name in ("id", "due", "late", "status", "claim", "cue", "article"):
        table.add_column(name, overflow="fold", no_wrap=name in ("id", "due", "late", "status"))
    for d in found:
        table.add_row(
            d.claim.id,
            d.deadline.isoformat(),
            f"{d.days_overdue} d",
            status_text(d.claim.status),
            Text(clean(truncate(d.claim.span.quote, 50), one_line=True)),
            Text(clean(d.cue, one_line=True)),
            Text(f"{d.article_id} " + clean(truncate(d.article_title or "", 40), one_line=True)),
        )
    console.print(table)
