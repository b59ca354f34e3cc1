"""Commands about articles: init, ingest, update, articles."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from claimcheck.cli.root import ArticleArg, ByOption, JsonOption, MaxSizeOption, actor, app, open_registry
from claimcheck.errors import ClaimcheckError, UsageError

# Rich, pydantic, the store and the extractor are imported inside the commands that use them.


@app.command()
def init(
    ctx: typer.Context,
    git: Annotated[bool, typer.Option("--git", help="Also set up git to merge it (see `git setup`).")] = False,
    json: JsonOption = False,
) -> None:
    """Create a registry: ./claims, or the folder given by --registry (safe to re-run).

    Example: claimcheck init --git
    """
    from claimcheck.cli.output import clean, console, emit_json
    from claimcheck.config import default_init_path, registry_above, registry_url
    from claimcheck.store import open_registry as open_store

    if registry_url(ctx.meta.get("registry")):
        from claimcheck.cli.database import init_database

        return init_database(ctx, json=json)
    root = default_init_path(ctx.meta.get("registry"))
    existed = (root / "registry.json").is_file()
    above = None if existed or ctx.meta.get("registry") else registry_above(root.parent)
    open_store(root, create=True)  # on an existing registry: checks it opens, changes nothing
    if above is not None:
        from claimcheck.cli.output import err_console

        # Commands find the nearest registry, as git does: from here on, this one hides the other.
        err_console.print(
            f"Note: {clean(above)} is a registry too; commands run in {clean(root.parent)} and below now use "
            f"the new one (pass --registry {clean(above)} to reach the other)"
        )
    shared = None
    if git:
        from claimcheck.cli.git import set_up_git

        shared = set_up_git(root, json=json)
    if json:
        emit_json({"registry": str(root.resolve()), "created": not existed, **({"git": shared} if git else {})})
    elif existed:
        console.print(f"{clean(root)} is already a claimcheck registry; nothing changed")
    else:
        console.print(f"Created an empty claimcheck registry in {clean(root)}")


def _article_row(summary: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in summary.items() if k != "hashes"}


def _language(lang: str | None) -> str | None:
    """--lang, checked: fr, en or None (detect it)."""
    if lang is None:
        return None
    if lang.strip().lower() not in ("fr", "en"):
        from claimcheck.errors import InvalidValue

        raise InvalidValue(f"--lang must be fr or en, not {lang!r}")
    return lang.strip().lower()


@app.command()
def ingest(
    ctx: typer.Context,
    files: Annotated[
        list[str], typer.Argument(help="Article files (.txt, .md, .html) or http(s) URLs.", show_default=False)
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date, YYYY-MM-DD (default: from the HTML metadata, else today).", show_default=False
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option(help="fr or en (default: detected).", show_default=False)] = None,
    url: Annotated[str | None, typer.Option(help="The article's URL.", show_default=False)] = None,
    title: Annotated[str | None, typer.Option(help="The article's title.", show_default=False)] = None,
    outlet: Annotated[str | None, typer.Option(help="The publication.", show_default=False)] = None,
    max_size: MaxSizeOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Fetch URLs on private or local addresses too.")
    ] = False,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Extract the claims of articles (files or web pages) and add them to the registry.

    The same text twice adds nothing; an edited text of an article already here
    (same --url, else same file name) becomes a new version of it.

    Example: claimcheck ingest article.txt --published 2024-05-20 --lang fr
             claimcheck ingest https://www.example.org/monde/niger-retrait
    """
    from claimcheck.cli.output import Progress, clean, emit_json, err_console
    from claimcheck.config import max_input_bytes
    from claimcheck.workflows.ingest import Given, parse_date

    if (url or title) and len(files) > 1:
        raise UsageError("--url and --title describe one article; ingest the files one at a time")
    language = _language(lang)
    when = parse_date(published)
    limit = max_input_bytes(max_size)
    who = actor(by)
    registry = open_registry(ctx, create=True)
    results, failures = [], 0
    with Progress(len(files), "Ingesting") as progress:
        for item in files:
            try:
                given = Given(published=when, lang=language, url=url, title=title, outlet=outlet)
                results.append(
                    _ingest_one(
                        registry, item, given, by=who, max_bytes=limit, allow_private=allow_private, one=len(files) == 1
                    )
                )
            except ClaimcheckError as exc:
                if len(files) == 1:
                    raise
                failures += 1
                err_console.print(f"claimcheck: error: {clean(exc.message, one_line=True)}", markup=False)
            progress.advance()
    if json:
        emit_json(
            [
                {
                    "article": _article_row(_summary(r.article, len(r.claims))),
                    "outcome": r.outcome,
                    "claims": r.claims,
                    "changes": r.changes,
                }
                for r in results
            ]
        )
    else:
        for r in results:
            _print_ingest(r, registry)
    if failures:
        raise typer.Exit(1)


def _ingest_one(
    registry: Any, item: str, given: Any, *, by: str, max_bytes: int, allow_private: bool, one: bool
) -> Any:
    """One file or URL ingested, with the stage it is at on a terminal (a big page takes seconds)."""
    from claimcheck.cli.output import err_console
    from claimcheck.workflows.ingest import ingest_file, ingest_url

    is_url = item.lower().startswith(("http://", "https://"))
    with _stages(one and err_console.is_terminal) as stage:
        if is_url:
            return ingest_url(
                registry, item, by=by, given=given, max_bytes=max_bytes, allow_private=allow_private, stage=stage
            )
        return ingest_file(
            registry,
            Path(item),
            by=by,
            published=given.published,
            lang=given.lang,
            url=given.url,
            title=given.title,
            outlet=given.outlet,
            max_bytes=max_bytes,
            stage=stage,
        )


class _stages:
    """A spinner on stderr naming what ingest is doing, on a terminal only: piped output stays quiet."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self._status: Any = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.show:
            return None
        from claimcheck.cli.output import err_console

        self._status = err_console.status("Reading", spinner="dots")
        self._status.start()
        return self._show

    def _show(self, stage: str) -> None:
        # Passing the spinner again makes rich draw the new stage now, not at its next refresh.
        self._status.update(stage[:1].upper() + stage[1:] + "…", spinner="dots")

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.stop()


# What `ingest --json` says of an article: its summary in registry.json, in that order, less the bookkeeping.
_INGEST_KEYS = ("id", "title", "url", "outlet", "language", "published", "published_source", "source", "versions")


def _summary(article: Any, count: int) -> dict[str, Any]:
    from claimcheck.store.index import article_summary

    summary = article_summary(article, count)
    return {**{key: summary[key] for key in _INGEST_KEYS}, "new_claims": count}


def _print_ingest(result: Any, registry: Any) -> None:
    from claimcheck.cli.output import clean, console

    article = result.article
    name = clean(article.title or article.source or article.id, one_line=True)
    if result.outcome == "unchanged":
        console.print(f"{article.id}  {name}: already ingested, nothing changed")
        return
    kinds = Counter(c.kind.value for c in result.claims)
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    if result.outcome == "version":
        outcomes = Counter(ch.outcome for ch in result.changes)
        moved = ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items()))
        console.print(
            f"{article.id}  {name}: version {article.version}; earlier claims: {moved or 'none'}; "
            f"{len(result.claims)} new claims" + (f" ({detail})" if detail else "")
        )
    else:
        when = article.published.isoformat()
        assumed = _DATE_FROM.get(article.published_source, "")
        console.print(
            f"{article.id}  {name}: {len(result.claims)} claims ({detail or 'none'}), "
            f"{article.language}, published {when}{assumed}"
        )
    from claimcheck.workflows.link import seen_in

    for claim in result.claims:
        for item in seen_in(registry, claim.seen_before):
            console.print(f"  {claim.id} {clean(claim.text, one_line=True)}: {clean(item.describe(), one_line=True)}")


_DATE_FROM = {"ingest": " (assumed: ingest date)", "url": " (from the URL)", "page": " (found in the page)"}


@app.command()
def articles(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the ingested articles.

    Example: claimcheck articles --json
    """
    from rich.table import Table

    from claimcheck.cli.output import clean, console, emit_rows, truncate

    registry = open_registry(ctx)
    rows = [_article_row(a) for a in registry.article_summaries()]
    if emit_rows(rows, json):
        return
    table = Table(show_edge=False, pad_edge=False)
    for name in ("id", "title", "lang", "published", "claims", "versions", "ingested"):
        table.add_column(name, no_wrap=name in ("id", "published"))
    for a in rows:
        title = a.get("title") or a.get("source") or ""
        table.add_row(
            a["id"],
            clean(truncate(title, 60), one_line=True),
            a["language"],
            a["published"],
            str(a.get("claims", 0)),
            str(a.get("versions", 1)),
            a["ingested_at"][:16].replace("T", " "),
        )
    console.print(table)


_OUTCOME_STYLE = {"unchanged": "dim", "moved": "cyan", "changed": "yellow", "orphaned": "red"}


@app.command()
def update(
    ctx: typer.Context,
    article: ArticleArg,
    file: Annotated[Path, typer.Argument(help="The new version: .txt, .md or .html.", show_default=False)],
    max_size: MaxSizeOption = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Register a corrected or edited version of an article and re-anchor its claims.

    Each claim is unchanged, moved, changed (re-extracted; a reviewed claim goes
    back to in-review) or orphaned (its words are gone; it is kept and flagged).
    Claims new in this version are added.

    Example: claimcheck update a-91bc article-corrected.txt
    """
    from claimcheck.cli.output import emit_json
    from claimcheck.config import max_input_bytes
    from claimcheck.sources import load_document
    from claimcheck.workflows.update import update_article

    doc = load_document(file, max_bytes=max_input_bytes(max_size))
    registry = open_registry(ctx)
    result = update_article(registry, article, doc.text, by=actor(by), source=file.name)
    if json:
        emit_json(
            [
                {
                    "claim_id": c.claim_id,
                    "outcome": c.outcome,
                    "old_span": c.old_span,
                    "new_span": c.new_span,
                    "old_value": c.old_value,
                    "new_value": c.new_value,
                    "status": c.status,
                }
                for c in result.changes
            ]
        )
        return
    _print_update(result)


def _print_update(result: Any) -> None:
    from collections import Counter

    from rich.text import Text

    from claimcheck.cli.output import clean, console, status_text, truncate

    article = result.article
    if not result.new_version:
        console.print(Text(f"{article.id}: this is already the text of version {article.version}; nothing changed"))
        return
    counts = Counter(c.outcome for c in result.changes)
    summary = ", ".join(f"{counts[k]} {k}" for k in ("unchanged", "moved", "changed", "orphaned") if counts[k])
    console.print(
        Text(
            f"{article.id}  version {article.version}: {summary or 'no earlier claims'}; {len(result.added)} new claims"
        )
    )
    for change in result.changes:
        line = Text("  ")
        line.append(f"{change.outcome:<9}", style=_OUTCOME_STYLE[change.outcome])
        line.append(f" {change.claim_id}  ")
        old = change.old_span
        if change.new_span is None:
            line.append(f"{old.start}–{old.end} ")
            line.append(clean(truncate(old.quote, 60), one_line=True))
            line.append("  (kept, not found in this version)", style="dim")
        elif change.outcome == "changed":
            new = change.new_span
            line.append(f"{old.start}–{old.end} → {new.start}–{new.end}  ")
            line.append(clean(truncate(old.quote, 50), one_line=True), style="strike")
            line.append(" → ")
            line.append(clean(truncate(new.quote, 50), one_line=True), style="bold")
            if change.old_text != change.new_text and change.kind not in ("quote", "statement"):
                line.append(f"  [{clean(change.old_text, one_line=True)} → {clean(change.new_text, one_line=True)}]")
            if change.status == "in-review":
                line.append("  ")
                line.append_text(status_text(change.status))
        else:
            new = change.new_span
            where = (
                f"{old.start}–{old.end}"
                if change.outcome == "unchanged"
                else f"{old.start}–{old.end} → {new.start}–{new.end}"
            )
            line.append(f"{where}  ")
            line.append(clean(truncate(new.quote, 60), one_line=True))
        console.print(line)
    for claim in result.added:
        line = Text("  ")
        line.append(f"{'added':<9}", style="green")
        line.append(f" {claim.id}  {claim.span.start}–{claim.span.end}  ")
        line.append(clean(truncate(claim.text, 60), one_line=True))
        console.print(line)
