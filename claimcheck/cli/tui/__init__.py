"""`claimcheck review`: a full-screen review of the claims, one at a time (Textual, imported by this command only).

The screen (screen.py) calls the same workflows as the commands (workflows/desk.py,
undo.py, approval.py) through the registry's RegistryBackend, and reads the
claim again after each change, so a colleague's change made meanwhile is seen.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claimcheck.cli.root import ByOption, actor, app, open_registry


@app.command()
def review(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None, typer.Argument(help="Articles to review (ids or prefixes; default: all).", show_default=False)
    ] = None,
    mine: Annotated[bool, typer.Option("--mine", help="Only the claims assigned to me.")] = False,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="Only claims of this status (default: unverified and in-review); repeat.", show_default=False
        ),
    ] = None,
    by: ByOption = None,
) -> None:
    """Review claims full-screen, highest priority first: one key to mark, comment, assign, tag, undo.

    Keys: v verified, f false, m misleading, u unverifiable, d dismissed, i in-review, e evidence,
    c comment, a assign, t tag, z undo, y approve, x reject, o open the HTML report there,
    n/→ next, p/← previous, q quit.

    Example: claimcheck review --mine
    """
    from claimcheck.enums import parse_status
    from claimcheck.workflows.review import UNREVIEWED, queue

    who = actor(by)
    registry = open_registry(ctx)
    statuses = tuple(parse_status(s).value for s in status) if status else UNREVIEWED
    ids = queue(registry, articles, assignee=who if mine else None, statuses=statuses)
    if not ids:
        from claimcheck.cli.output import err_console

        err_console.print("Nothing to review here" + (f" assigned to {who}." if mine else "."))
        return
    from claimcheck.cli.tui.screen import ReviewApp

    ReviewApp(registry, ids, user=who, statuses=statuses).run()
