"""Command: doctor (check a registry, restore a file's last good copy, rebuild the index)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimcheck.cli.root import JsonOption, app
from claimcheck.errors import TransitionRefused, UsageError
from claimcheck.text import plural

if TYPE_CHECKING:
    pass


def _registry_root(ctx: typer.Context) -> Path:
    from claimcheck.config import find_registry

    return find_registry(ctx.meta.get("registry"))


@app.command()
def doctor(
    ctx: typer.Context,
    restore: Annotated[
        bool,
        typer.Option(
            "--restore",
            help="Bring back the last good copy (.bak) of each "
            "file that does not parse, or of each --file, after showing what "
            "it changes.",
        ),
    ] = False,
    file: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            help="With --restore: this data file (e.g. articles/a-91bc02.json); repeat for several.",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --restore: do not ask for confirmation.")] = False,
    reindex: Annotated[
        bool, typer.Option("--reindex", help="Rebuild the index and article summaries from the article files.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Check the registry: every file parses, every span matches its article, histories agree.

    Exits 1 when it finds an error. Each problem names its file and claim.

    Example: claimcheck doctor && claimcheck doctor --restore
    """
    from claimcheck.cli.output import console, emit_json

    if file and not restore:
        raise UsageError("--file goes with --restore: claimcheck doctor --restore --file FILE")
    if restore and reindex:
        raise UsageError("--restore already rebuilds the index; use one of --restore and --reindex")
    from claimcheck.config import registry_url

    if registry_url(ctx.meta.get("registry")):
        from claimcheck.cli.database import doctor_database

        return doctor_database(ctx, repair=restore or reindex, json=json)
    root = _registry_root(ctx)
    if restore:
        _restore(root, file or None, yes=yes, json=json)
    elif reindex:
        from claimcheck.store.doctor.restore import reindex as rebuild

        articles, claims = rebuild(root)
        if json:
            emit_json({"reindexed": {"articles": articles, "claims": claims}})
        else:
            console.print(
                f"Rebuilt the index from the article files: {plural(articles, 'article')}, {plural(claims, 'claim')}."
            )
    else:
        _check(root, json=json)


def _check(root: Path, *, json: bool) -> None:
    from rich.text import Text

    from claimcheck.cli.output import clean, console, emit_json
    from claimcheck.store.doctor import check

    report = check(root)
    if json:
        emit_json(report.as_dict())
    else:
        for finding in report.findings:
            line = Text()
            line.append(f"{finding.severity:<8}", style="red" if finding.severity == "error" else "yellow")
            line.append(clean(finding.file, one_line=True))
            if finding.claim_id:
                line.append(f"  {clean(finding.claim_id, one_line=True)}")
            line.append(f"  {finding.code}: {clean(finding.message, one_line=True)}")
            console.print(line)
        verdict = (
            "no problems"
            if not report.findings
            else (f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}")
        )
        console.print(
            f"Checked {plural(report.files, 'file')}, {plural(report.articles, 'article')}, "
            f"{plural(report.claims, 'claim')}: {verdict}."
        )
    if not report.ok:
        raise typer.Exit(1)


def _restore(root: Path, files: list[str] | None, *, yes: bool, json: bool) -> None:
    from claimcheck.cli.output import clean, console, emit_json, err_console
    from claimcheck.store.doctor.restore import plan_restore, reindex, restore

    root = root.resolve()
    plans = plan_restore(root, files)
    if not plans:
        if json:
            emit_json({"restore": [], "restored": []})
        else:
            console.print("Nothing to restore: doctor finds no error in any data file.")
        return
    if not json:
        for plan in plans:
            _print_plan(root, plan)
    doable = [p for p in plans if not p.problem]
    if not doable:
        raise TransitionRefused("nothing can be restored: " + "; ".join(str(p.problem) for p in plans))
    if not yes:
        if not sys.stdin.isatty():
            raise TransitionRefused(
                "not restoring without confirmation; run it from a terminal, or again with "
                "--yes once you have read what it changes"
            )
        if not typer.confirm(f"Restore {plural(len(doable), 'file')}?", default=False, err=True):
            err_console.print("Nothing was changed.")
            raise typer.Exit(1)
    done = restore(root, doable)
    if not json:
        rebuilt = {p.file for p in doable if p.rebuilt}
        for restored, aside in done:
            kept = f"; the file it replaced is kept as {clean(aside.name)}" if aside else ""
            how = "is rebuilt below" if restored in rebuilt else "restored from its backup"
            console.print(f"{clean(restored.relative_to(root))}: {how}{kept}.")
    # Said before this step, which fails (one line) while another file of the registry is still broken.
    articles, claims = reindex(root)
    if json:
        emit_json(
            {
                "restore": [p.as_dict(root) for p in plans],
                "restored": [{"file": str(f.relative_to(root)), "kept_as": str(a) if a else None} for f, a in done],
                "reindexed": {"articles": articles, "claims": claims},
            }
        )
        return
    console.print(
        f"Rebuilt the index from the article files ({plural(articles, 'article')}, "
        f"{plural(claims, 'claim')}). Run `claimcheck doctor` to check the result."
    )


def _print_plan(root: Path, plan: Any) -> None:
    from rich.text import Text

    from claimcheck.cli.output import clean, console

    name = clean(plan.file.relative_to(root), one_line=True)
    if plan.problem:
        console.print(Text(f"{name}: cannot restore: {clean(plan.problem, one_line=True)}", style="yellow"))
        return
    console.print(Text(f"{name}:", style="bold"))
    for change in plan.changes:
        console.print(Text(f"  {clean(change, one_line=True)}"))
