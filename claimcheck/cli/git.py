"""Commands for a registry kept in git: git setup, git sync, the merge driver, conflicts, resolve."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from claimcheck.cli.root import ByOption, JsonOption, actor, app, open_registry

git_app = typer.Typer(help="Share the registry through git: merge driver, hooks, re-index.", no_args_is_help=True)
app.add_typer(git_app, name="git")


def driver_command() -> list[str]:
    """How git and its hooks run this claimcheck: the same Python, so the same installation."""
    return [sys.executable, "-m", "claimcheck"]


def _root(ctx: typer.Context) -> Path:
    from claimcheck.config import find_registry

    return find_registry(ctx.meta.get("registry"))


def set_up_git(root: Path, *, json: bool) -> dict[str, Any]:
    """Configure the repository holding `root` and re-index it; what was done, printed unless --json."""
    from claimcheck import store
    from claimcheck.cli.output import clean, err_console
    from claimcheck.store.gitrepo import setup

    done = setup(root, driver_command())
    store.open_registry(root).close()  # brings the index in line with the article files
    result = {
        "repository": str(done.repository),
        "written": done.written,
        "hooks": done.hooks,
        "untracked_index": done.untracked_index,
    }
    if not json:
        err_console.print(f"git merges {clean(root)} field by field (driver `claimcheck`, in {clean(done.repository)})")
        if done.written:
            err_console.print(f"Wrote {', '.join(done.written)}: commit them")
        if done.untracked_index:
            err_console.print("The index is no longer tracked (it is rebuilt from the article files): commit that")
    return result


@git_app.command("setup")
def git_setup(ctx: typer.Context, json: JsonOption = False) -> None:
    """Make git merge this registry without conflicts: run it once in every clone.

    Writes .gitattributes and .gitignore beside the registry, the `claimcheck`
    merge driver in the repository's config and hooks that re-index the
    registry after a merge, checkout or rebase.

    Example: claimcheck git setup
    """
    from claimcheck.cli.output import emit_json

    result = set_up_git(_root(ctx), json=json)
    if json:
        emit_json(result)


@git_app.command("sync")
def git_sync(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Say nothing when nothing changed.")] = False,
    json: JsonOption = False,
) -> None:
    """Re-index the article files git changed (the hooks run this; any command also does it first).

    Example: claimcheck git sync
    """
    from claimcheck import store
    from claimcheck.cli.output import emit_json, err_console
    from claimcheck.store.sync import stale

    root = _root(ctx)
    changed = stale(root)
    store.open_registry(root).close()  # opening re-indexes what changed
    if json:
        emit_json({"reindexed": changed})
    elif not quiet or changed:
        err_console.print("claimcheck: the index agrees with the article files" + (" again" if changed else ""))


@git_app.command("merge-driver", hidden=True)
def merge_driver(
    base: Annotated[Path, typer.Argument()],
    ours: Annotated[Path, typer.Argument()],
    theirs: Annotated[Path, typer.Argument()],
    name: Annotated[str, typer.Argument()] = "",
) -> None:
    """git's merge driver for registry files: `claimcheck git merge-driver %O %A %B %P`."""
    from claimcheck.cli.output import clean, err_console
    from claimcheck.store.gitrepo import merge_driver as run

    result = run(base, ours, theirs, name)
    for event in result.conflicts:
        detail = event["detail"]
        err_console.print(
            f"claimcheck: {clean(name)}: {detail['field']} changed two ways "
            f"({clean(detail['ours']['value'])} / {clean(detail['theirs']['value'])}); see `claimcheck conflicts`"
        )
    if result.message:
        err_console.print(f"claimcheck: {clean(result.message)}")
    raise typer.Exit(result.exit_code)


@app.command()
def conflicts(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the disagreements a git merge recorded: the same claim changed two ways.

    Example: claimcheck conflicts
    """
    from claimcheck.cli.output import clean, console, emit_json
    from claimcheck.store.gitrepo import conflicts as open_conflicts

    registry = open_registry(ctx)
    found = open_conflicts(registry.root)
    registry.close()
    if json:
        emit_json(found)
        return
    if not found:
        console.print("No conflicts")
        return
    for item in found:
        ours, theirs = item["ours"] or {}, item["theirs"] or {}
        console.print(
            f"{item['claim']}  {item['field']}: ours {clean(ours.get('value'))} ({clean(ours.get('by'))}, "
            f"{clean(ours.get('at'))}) / theirs {clean(theirs.get('value'))} ({clean(theirs.get('by'))}, "
            f"{clean(theirs.get('at'))}); now {clean(item['current'])}"
        )
    console.print("Settle each with: claimcheck resolve CLAIM --take ours|theirs|STATUS")


@app.command()
def resolve(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help="Claim id or a unique prefix.", show_default=False)],
    take: Annotated[
        str, typer.Option("--take", help="ours, theirs, or (for a status) the status to set.", show_default=False)
    ],
    field: Annotated[
        str | None, typer.Option(help="Which conflict, when the claim has several.", show_default=False)
    ] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Settle a conflict `claimcheck conflicts` lists, with a history event.

    Example: claimcheck resolve c-7f3a --take theirs
    """
    from claimcheck.cli.output import console, emit_json
    from claimcheck.store.merge import resolve as settle

    who = actor(by)
    updated = open_registry(ctx).modify_claim(claim, lambda c: settle(c, take.strip().lower(), by=who, field=field))
    if json:
        emit_json(updated)
    else:
        console.print(f"{updated['id']} is {updated['status']}; the conflict is settled")
