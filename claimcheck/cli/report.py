"""Commands: report (Markdown, HTML, JSON, CSV, ClaimReview) and status (review progress per article)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimcheck.cli.root import JsonOption, app, open_registry
from claimcheck.errors import ArticleNotFound, InputError

if TYPE_CHECKING:
    from rich.text import Text


def _article_ids(registry: Any, refs: list[str] | None) -> list[str]:
    """The articles named (ids or unique prefixes, each once, in the order given), else all of them."""
    if refs:
        return list(dict.fromkeys(registry.resolve_article(ref) for ref in refs))
    ids = [a["id"] for a in registry.article_summaries()]
    if not ids:
        raise ArticleNotFound("no articles in this registry yet: add one with `claimcheck ingest FILE`")
    return ids


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a reader sees the old one or the new one, never half of it."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a folder")
    from claimcheck.store.storage import write_bytes_atomic

    try:
        write_bytes_atomic(path, data, backup=False)  # an ordinary file: 0666 less the umask
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


@app.command()
def report(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(help="Article ids or unique prefixes (default: every article).", show_default=False),
    ] = None,
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html, json, csv or claimreview (default: from the --output extension, else md).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", show_default=False),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV for Excel: a byte-order mark, and cells that would run as formulas made text."
        ),
    ] = False,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="ClaimReview: the organisation publishing the reviews (default: $CLAIMCHECK_ORG).",
            show_default=False,
        ),
    ] = None,
    review_url: Annotated[
        str | None,
        typer.Option(
            "--review-url",
            help="ClaimReview: each review's URL, with {claim_id} and {article_id} placeholders.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a review report of articles: md, html, json, csv or claimreview.

    Without --output the report goes to stdout. The HTML page is self-contained
    (works offline, runs no script but its own): the article with each claim
    highlighted by status, details on click, and the table of claims.

    Example: claimcheck report a-91bc --format html --output review.html
    """
    from rich.text import Text

    from claimcheck.cli.output import clean, err_console
    from claimcheck.config import organisation
    from claimcheck.models import utcnow
    from claimcheck.report import EXTENSIONS, parse_format, render

    # No --format: the output file's extension says it (review.html), else Markdown.
    if not format_ and output is not None and output.suffix and output.suffix.lower() not in EXTENSIONS:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputError(f"claimcheck cannot write {output.suffix} files; name the output {known}, or give --format")
    fmt = parse_format(format_) if format_ else EXTENSIONS.get(output.suffix.lower(), "md") if output else "md"
    if excel and fmt != "csv":
        raise InputError("--excel applies to --format csv")
    org = organisation(org)
    if fmt == "claimreview" and review_url is not None and "{claim_id}" not in review_url:
        raise InputError("--review-url needs a {claim_id} placeholder: each review has its own URL")
    registry = open_registry(ctx)
    ids = _article_ids(registry, articles)
    from claimcheck.cli.output import Progress
    from claimcheck.workflows.approval import publishable, required

    approval_on = required(registry)  # only approved verdicts are published then
    with Progress(len(ids), "Building the report", steps=2) as progress:
        items = []
        for article_id in ids:
            shown = publishable(registry.claims_of(article_id), approval_on=approval_on)
            items.append((registry.article(article_id), shown))
            progress.advance()
        body = render(
            fmt, items, generated_at=utcnow(), excel=excel, org=org, review_url=review_url, advance=progress.advance
        )
    data = body.encode("utf-8") if isinstance(body, str) else body
    claims = sum(len(c) for _, c in items)
    if fmt == "claimreview":
        _claimreview_warnings(items, org, review_url)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomic(output, data)
    noun = "article" if len(items) == 1 else "articles"
    err_console.print(
        Text(f"Wrote {clean(output, one_line=True)} ({fmt}, {len(items)} {noun}, {claims} claims, {len(data):,} bytes)")
    )


def _claimreview_warnings(items: list[Any], org: str | None, review_url: str | None) -> None:
    from claimcheck.cli.output import err_console
    from claimcheck.models import VERDICTS

    verdicts = sum(1 for _, claims in items for c in claims if c.status in VERDICTS)
    if not verdicts:
        err_console.print("No claim has a verdict (verified, false, misleading) yet: the ClaimReview list is empty.")
    if not org:
        err_console.print("No organisation: pass --org NAME or set CLAIMCHECK_ORG so reviews have an author.")
    if not review_url:
        err_console.print("No --review-url: reviews have no url of their own.")
    if any(not a.url for a, _ in items):
        err_console.print("An article has no URL: its reviews have no appearance (ingest it with --url).")


def _progress_bar(done: int, total: int, width: int = 12) -> Text:
    from rich.text import Text

    filled = round(width * done / total) if total else 0
    bar = Text("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    bar.append(f" {round(100 * done / total) if total else 0:>3}%")
    return bar


@app.command()
def status(
    ctx: typer.Context,
    article: Annotated[
        str | None, typer.Argument(help="Article id or unique prefix (default: every article).", show_default=False)
    ] = None,
    desk: Annotated[
        bool, typer.Option("--desk", help="Per person and article: reviewed, pending approval, median time to verdict.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Show review progress: per article, claims by status and a progress bar.

    Example: claimcheck status a-91bc   (or `claimcheck status --desk` for the desk's figures per person)
    """
    from claimcheck.cli.output import emit_rows
    from claimcheck.models import REVIEWED, Kind, Status

    registry = open_registry(ctx)
    if desk:
        from claimcheck.cli.figures import print_desk
        from claimcheck.workflows.figures import desk_figures

        print_desk(desk_figures(registry, registry.resolve_article(article) if article else None), json)
        return
    summaries = {a["id"]: a for a in registry.article_summaries()}
    ids = [registry.resolve_article(article)] if article else list(summaries)
    counts: dict[str, dict[str, int]] = {i: {} for i in ids}
    kinds: dict[str, dict[str, int]] = {i: {} for i in ids}
    for row in registry.claim_summaries(article=ids[0] if article else None):
        if row["article_id"] in counts:
            counts[row["article_id"]][row["status"]] = counts[row["article_id"]].get(row["status"], 0) + 1
            kinds[row["article_id"]][row["kind"]] = kinds[row["article_id"]].get(row["kind"], 0) + 1
    rows = []
    for article_id in ids:
        by_status = {s.value: counts[article_id].get(s.value, 0) for s in Status}
        total = sum(by_status.values())
        reviewed = sum(by_status[s.value] for s in REVIEWED)
        meta = summaries.get(article_id, {})
        rows.append(
            {
                "id": article_id,
                "title": meta.get("title") or meta.get("source"),
                "total": total,
                "reviewed": reviewed,
                "progress": round(reviewed / total, 4) if total else 0.0,
                "by_status": by_status,
                "by_kind": {k.value: kinds[article_id].get(k.value, 0) for k in Kind},
            }
        )
    if not emit_rows(rows, json):
        _print_status(rows)


def _by_status(by_status: dict[str, int]) -> Text:
    from rich.text import Text

    from claimcheck.cli.output import STATUS_ICON, STATUS_STYLE
    from claimcheck.report.common import STATUS_ORDER

    out = Text()
    for s in STATUS_ORDER:
        n = by_status.get(s.value, 0)
        if n:
            if out:
                out.append("\n")
            out.append(f"{STATUS_ICON[s]} {n} {s.value}", style=STATUS_STYLE[s])
    return out or Text("no claims", style="dim")


def _print_status(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    from claimcheck.cli.output import clean, console

    table = Table(show_edge=False, pad_edge=False)
    table.add_column("article", no_wrap=True)
    # The title gives way first: ids, progress and counts are what this command is for.
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=max(8, min(40, console.width - 66)))
    table.add_column("reviewed", no_wrap=True)
    table.add_column("by status", no_wrap=True)
    for r in rows:
        bar = _progress_bar(r["reviewed"], r["total"])
        bar.append(f"  {r['reviewed']}/{r['total']}")
        table.add_row(r["id"], Text(clean(r["title"] or "", one_line=True)), bar, _by_status(r["by_status"]))
    console.print(table)
    if len(rows) > 1:
        done, total = sum(r["reviewed"] for r in rows), sum(r["total"] for r in rows)
        line = Text("all articles  ")
        line.append_text(_progress_bar(done, total))
        line.append(f"  {done} of {total} claims reviewed")
        console.print(line)
