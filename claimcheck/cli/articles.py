"""Commands about articles: init, ingest, articles."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from claimcheck.cli.app import ByOption, JsonOption, MaxSizeOption, actor, app, open_registry
from claimcheck.errors import ClaimcheckError, UsageError

# Rich, pydantic, the store and the extractor are imported inside the commands that use them.


@app.command()
def init(ctx: typer.Context, json: JsonOption = False) -> None:
    """Create a registry: ./claims, or the folder given by --registry (safe to re-run).

    Example: claimcheck init
    """
    from claimcheck.cli.output import clean, console, emit_json
    from claimcheck.config import default_init_path, registry_above
    from claimcheck.store import open_registry as open_store

    root = default_init_path(ctx.meta.get("registry"))
    existed = (root / "registry.json").is_file()
    above = None if existed or ctx.meta.get("registry") else registry_above(root.parent)
    open_store(root, create=True)
    if above is not None:
        from claimcheck.cli.output import err_console

        # Commands find the nearest registry, as git does: from here on, this one hides the other.
        err_console.print(
            f"Note: {clean(above)} is a registry too; commands run in {clean(root.parent)} and below now use "
            f"the new one (pass --registry {clean(above)} to reach the other)"
        )  # on an existing registry: checks it opens, changes nothing
    if json:
        emit_json({"registry": str(root.resolve()), "created": not existed})
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
    files: Annotated[list[Path], typer.Argument(help="Article files: .txt, .md or .html.", show_default=False)],
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
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Extract the claims of articles and add them to the registry.

    The same text twice adds nothing; an edited text of an article already here
    (same --url, else same file name) becomes a new version of it.

    Example: claimcheck ingest article.txt --published 2024-05-20 --lang fr
    """
    from claimcheck.cli.output import clean, emit_json, err_console
    from claimcheck.config import max_input_bytes
    from claimcheck.workflows.ingest import ingest_file, parse_date

    if (url or title) and len(files) > 1:
        raise UsageError("--url and --title describe one article; ingest the files one at a time")
    language = _language(lang)
    when = parse_date(published)
    limit = max_input_bytes(max_size)
    who = actor(by)
    registry = open_registry(ctx, create=True)
    results, failures = [], 0
    with _progress(len(files)) as advance:
        for path in files:
            try:
                results.append(
                    ingest_file(
                        registry,
                        path,
                        by=who,
                        published=when,
                        lang=language,
                        url=url,
                        title=title,
                        outlet=outlet,
                        max_bytes=limit,
                    )
                )
            except ClaimcheckError as exc:
                if len(files) == 1:
                    raise
                failures += 1
                err_console.print(f"claimcheck: error: {clean(exc.message, one_line=True)}", markup=False)
            advance()
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


def _summary(article: Any, count: int) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "language": article.language,
        "published": article.published.isoformat(),
        "published_source": article.published_source,
        "source": article.source,
        "versions": article.version,
        "new_claims": count,
    }


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
        assumed = " (assumed: ingest date)" if article.published_source == "ingest" else ""
        console.print(
            f"{article.id}  {name}: {len(result.claims)} claims ({detail or 'none'}), "
            f"{article.language}, published {when}{assumed}"
        )
    from claimcheck.workflows.link import seen_in

    for claim in result.claims:
        for item in seen_in(registry, claim.seen_before):
            console.print(f"  {claim.id} {clean(claim.text, one_line=True)}: {clean(item.describe(), one_line=True)}")


class _progress:
    """A progress bar on stderr when several files are ingested from a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._progress: Any = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        from claimcheck.cli.output import err_console

        if self.total > 1 and err_console.is_terminal:
            from rich.progress import Progress

            self._progress = Progress(console=err_console, transient=True)
            self._progress.start()
            task = self._progress.add_task("Ingesting", total=self.total)
            return lambda: self._progress.advance(task)
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


@app.command()
def articles(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the ingested articles.

    Example: claimcheck articles --json
    """
    from rich.table import Table

    from claimcheck.cli.output import clean, console, emit_json, err_console, truncate

    registry = open_registry(ctx)
    rows = [_article_row(a) for a in registry.article_summaries()]
    if json:
        emit_json(rows)
        return
    if not rows:
        err_console.print("No articles yet: add one with `claimcheck ingest FILE`.")
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
