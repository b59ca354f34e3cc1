"""Commands about claims: list, show, history, add."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimcheck.cli.root import ArticleArg, ByOption, ClaimArg, JsonOption, actor, app, open_registry
from claimcheck.enums import parse_kind
from claimcheck.errors import InvalidValue

if TYPE_CHECKING:
    from rich.table import Table

    from claimcheck.documents import Doc

# Rich, pydantic and the store are imported inside the commands: `claimcheck --help` needs none of them.

DEFAULT_LIMIT = 100


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="Only this status (unverified, in-review, verified, false, misleading, unverifiable, dismissed); "
            "repeat for several.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="Only this kind (quantity, money, percent, date, quote, statement).", show_default=False),
    ] = None,
    article: Annotated[str | None, typer.Option(help="Only this article (id or prefix).", show_default=False)] = None,
    search: Annotated[
        str | None,
        typer.Option(
            help="Only claims whose words, sentence or speaker contain this (any case or accent).", show_default=False
        ),
    ] = None,
    assignee: Annotated[
        str | None, typer.Option(help="Only claims assigned to this person.", show_default=False)
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option(help="Only claims with this tag; repeat for several.", show_default=False)
    ] = None,
    speaker: Annotated[str | None, typer.Option(help="Only quotes of this speaker.", show_default=False)] = None,
    min_checkworthiness: Annotated[
        float | None, typer.Option(help="Only claims at least this check-worthy (0 to 1).", show_default=False)
    ] = None,
    sort: Annotated[
        str, typer.Option(help="position, priority, updated (newest first) or checkworthiness.")
    ] = "position",
    all_: Annotated[bool, typer.Option("--all", help="Show dismissed claims too (--json always has them).")] = False,
    pending: Annotated[bool, typer.Option("--pending", help="Only verdicts waiting for approval.")] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            help=f"At most this many (0: all; default {DEFAULT_LIMIT} in the table, all with --json).",
            show_default=False,
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List claims in their sentence, filtered and sorted for triage; the table hides dismissed ones but with --all.

    Example: claimcheck list --status unverified --status in-review --sort priority --assignee ana
    """
    from claimcheck.cli.output import err_console
    from claimcheck.cli.triage_view import make_triage, print_table
    from claimcheck.errors import InputError
    from claimcheck.triage import SORTS

    if limit is not None and limit < 0:
        raise InputError(f"--limit is a number of claims, 0 for all, not {limit}")
    if sort not in SORTS:
        raise InvalidValue(f"unknown sort {sort!r}; choose one of: {', '.join(SORTS)}")
    registry = open_registry(ctx)
    triage = make_triage(
        status,
        assignee=assignee,
        tags=tag,
        speaker=speaker,
        min_checkworthiness=min_checkworthiness,
        search=search,
        include_dismissed=all_ or json,  # scripts get every claim; people, what is left to review
        pending_approval=pending,
    )
    kind_value = parse_kind(kind).value if kind else None
    article_id = registry.resolve_article(article) if article else None
    if json:
        claims = registry.claim_documents(kind=kind_value, article=article_id, triage=triage, sort=sort)
        _stream_json(ctx, claims, limit or 0)
        return
    cap = DEFAULT_LIMIT if limit is None else limit
    shown, total = registry.claim_page(cap, kind=kind_value, article=article_id, triage=triage, sort=sort)
    if not total:
        err_console.print(
            "No claims match."
            if (
                status
                or kind
                or article
                or search
                or assignee
                or tag
                or speaker
                or pending
                or min_checkworthiness is not None
            )
            else "No claims to review: add an article with `claimcheck ingest FILE` (dismissed ones: --all)."
        )
        return
    print_table(shown, with_article=not article_id, fitted_width=_fitted_width)
    if len(shown) < total:
        err_console.print(f"Showing {len(shown)} of {total} claims; --limit 0 shows all.")


def _fitted_width(header: str, rows: list[list[Any]], column: int) -> int | None:
    """The width rich would measure for a no-wrap column, or None to let rich measure it.

    Rich measures every cell of every column, twice when the table is wider
    than the terminal: a quarter of drawing 100 rows. A no-wrap column of
    one-line printable cells is as wide as its widest cell, header included,
    which is what rich would find; anything else (a hand-edited index) is left
    to rich.
    """
    from rich.cells import cell_len
    from rich.text import Text

    texts = [header, *(row[column].plain if isinstance(row[column], Text) else row[column] for row in rows)]
    if not all(isinstance(text, str) and text.isprintable() for text in texts):
        return None
    return max(map(cell_len, texts))


def _stream_json(ctx: typer.Context, claims: Any, limit: int) -> None:
    """A JSON array written claim by claim, so that listing 100,000 claims needs little memory."""
    import sys
    from itertools import chain

    from orjson import OPT_INDENT_2, dumps

    from claimcheck.cli.output import json_safe
    from claimcheck.documents import for_output
    from claimcheck.errors import ClaimcheckError

    claims = iter(claims)
    # A broken file fails on the first claim, before anything is written: stdout is then the JSON error.
    first = next(claims, None)
    write = sys.stdout.write
    write("[")
    try:
        for n, claim in enumerate(chain([first], claims) if first is not None else ()):
            if limit and n >= limit:
                break
            write(",\n" if n else "\n")
            write(json_safe(dumps(for_output(claim), option=OPT_INDENT_2).decode("utf-8")))
    except ClaimcheckError:
        # Half an array is out: close it so that stdout stays JSON, and say what failed on stderr.
        write("\n]\n")
        sys.stdout.flush()
        ctx.meta["json"] = False
        raise
    write("\n]\n")
    sys.stdout.flush()


def _sentence_bounds(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The sentence(s) around a span, as the extractor's own segmenter cuts them."""
    from claimcheck.extract.segment import sentences

    around = [(s, e) for s, e in sentences(text, lang) if s < max(end, start + 1) and e > start]
    if not around:
        return start, end
    return min(around[0][0], start), max(around[-1][1], end)


def _render_claim(claim: Doc, article: Doc, seen: Any = ()) -> None:
    """A claim in its sentence, its value, evidence and history: from stored documents (documents.py)."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from claimcheck.cli.output import clean, console, status_text
    from claimcheck.documents import parse_time, version_text

    # An orphan's span points into the version it was last found in, which is kept.
    text = version_text(article, claim["version"])
    span = claim["span"]
    s, e = span["start"], span["end"]
    left, right = _sentence_bounds(text, s, e, article["language"])
    sentence = Text()
    sentence.append(("…" if left > 0 and text[left - 1] != "\n" else "") + clean(text[left:s], one_line=True))
    sentence.append(clean(span["quote"], one_line=True), style="bold reverse")
    sentence.append(clean(text[e:right], one_line=True))
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold", no_wrap=True)
    head.add_column()
    head.add_row("claim", Text(clean(claim["text"], one_line=True)))
    head.add_row("status", status_text(claim["status"]))
    head.add_row("kind", claim["kind"])
    title = article["title"] or article["source"] or ""
    head.add_row("article", Text(f"{article['id']}  " + clean(title, one_line=True)))
    head.add_row("span", f"{s}–{e}" + (" (orphaned: not found in the latest version)" if claim["orphaned"] else ""))
    for key, value in claim["value"].items():
        head.add_row(f"  {key}", Text("unknown" if value is None else clean(value, one_line=True)))
    for item in seen:
        head.add_row("seen before", Text(clean(item.describe(), one_line=True)))
    from claimcheck.cli.desk_view import comments_table, team_rows

    for label, cell in team_rows(claim):
        head.add_row(label, cell)
    parts: list[Any] = [head, Text(""), Panel(sentence, title="in context", title_align="left")]
    if claim["evidence"]:
        ev = Table(show_edge=False, pad_edge=False, title="evidence", title_justify="left")
        for col in ("stance", "url", "note", "added"):
            ev.add_column(col, overflow="fold")
        for item in claim["evidence"]:
            ev.add_row(
                item["stance"],
                Text(clean(item["url"], one_line=True)),
                Text(clean(item["note"] or "")),
                f"{parse_time(item['added_at']):%Y-%m-%d} {clean(item['added_by'], one_line=True)}",
            )
        parts.append(ev)
    thread = comments_table(claim)
    if thread is not None:
        parts.append(thread)
    parts.append(_history_table(claim))
    # The sentence and long values wrap inside the panel (the console itself does not soft-wrap).
    console.print(Group(*parts), soft_wrap=False)


def _history_table(claim: Doc) -> Table:
    from rich.table import Table
    from rich.text import Text

    from claimcheck.cli.desk_view import detail_text
    from claimcheck.cli.output import clean
    from claimcheck.documents import parse_time

    table = Table(show_edge=False, pad_edge=False, title="history", title_justify="left")
    for col in ("when", "who", "action", "detail"):
        table.add_column(col, overflow="fold")
    for event in claim["history"]:
        detail = clean(detail_text(event), one_line=True)
        table.add_row(
            f"{parse_time(event['at']):%Y-%m-%d %H:%M:%S}",
            Text(clean(event["by"], one_line=True)),
            event["action"],
            Text(detail),
        )
    return table


@app.command()
def show(ctx: typer.Context, claim: ClaimArg, json: JsonOption = False) -> None:
    """Show a claim in its sentence, with its value, evidence and history.

    Example: claimcheck show c-7f3a
    """
    from claimcheck.cli.output import emit_json

    registry = open_registry(ctx)
    found, article = registry.claim_in_context(claim)
    if json:
        from claimcheck.documents import for_output

        emit_json(for_output(found))
    elif found["seen_before"]:
        from claimcheck.workflows.link import seen_in

        _render_claim(found, article, seen_in(registry, found["seen_before"]))
    else:
        _render_claim(found, article)


@app.command()
def history(ctx: typer.Context, claim: ClaimArg, json: JsonOption = False) -> None:
    """Show who changed a claim, what and when.

    Example: claimcheck history c-7f3a --json
    """
    from claimcheck.cli.output import console, emit_json

    found = open_registry(ctx).claim_document(claim)
    if json:
        emit_json(found["history"])
    else:
        console.print(_history_table(found))


@app.command()
def add(
    ctx: typer.Context,
    article: ArticleArg,
    quote: Annotated[str, typer.Option(help="The exact words of the claim, as in the article.", show_default=False)],
    occurrence: Annotated[
        int | None,
        typer.Option(
            help="Which occurrence when the words appear more than once (1 is the first).", show_default=False
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="The kind (default: what the extractor sees there, else statement).", show_default=False),
    ] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Add a claim the extractor missed, by quoting it.

    Example: claimcheck add a-91bc --quote "deux bases militaires"
    """
    from rich.text import Text

    from claimcheck.cli.output import clean, console, emit_json
    from claimcheck.workflows.add import add_claim

    registry = open_registry(ctx)
    created = add_claim(
        registry, article, quote, occurrence=occurrence, kind=parse_kind(kind) if kind else None, by=actor(by)
    )
    if json:
        emit_json(created)
    else:
        console.print(Text(f"Added {created.id} ({created.kind.value}): " + clean(created.text, one_line=True)))
