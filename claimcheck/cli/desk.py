"""The desk's commands on one claim: assign, unassign, tag, untag, comment, priority (and, below, undo, remove).

Thin: each parses its arguments, calls the workflow in workflows/desk.py (the
same code `review` calls) and prints one line, or the claim's JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claimcheck.cli.root import ByOption, JsonOption, actor, app, open_registry

if TYPE_CHECKING:
    from claimcheck.documents import Doc

ClaimArg = Annotated[str, typer.Argument(help="Claim id or a unique prefix.", show_default=False)]


def said(claim: Doc, what: str, json: bool) -> None:
    """`c-7f3a9e: assigned to ana`, or the claim as JSON."""
    from rich.text import Text

    from claimcheck.cli.output import clean, console, emit_json

    if json:
        from claimcheck.documents import for_output

        emit_json(for_output(claim))
    else:
        console.print(Text(f"{claim['id']}: " + clean(what, one_line=True)))


@app.command()
def assign(
    ctx: typer.Context,
    claim: ClaimArg,
    person: Annotated[str, typer.Argument(help="Who is to check it.", show_default=False)],
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Give a claim to a person to check.

    Example: claimcheck assign c-7f3a ana
    """
    from claimcheck.workflows import desk

    done = desk.assign(open_registry(ctx), claim, person, by=actor(by))
    said(done, f"assigned to {done['assignee']}", json)


@app.command()
def unassign(ctx: typer.Context, claim: ClaimArg, by: ByOption = None, json: JsonOption = False) -> None:
    """Take a claim off the person it was assigned to.

    Example: claimcheck unassign c-7f3a
    """
    from claimcheck.workflows import desk

    said(desk.unassign(open_registry(ctx), claim, by=actor(by)), "assigned to nobody", json)


TagsArg = Annotated[list[str], typer.Argument(help="One or more tags (one word each).", show_default=False)]


@app.command()
def tag(ctx: typer.Context, claim: ClaimArg, tags: TagsArg, by: ByOption = None, json: JsonOption = False) -> None:
    """Put tags on a claim (lower case, one word each).

    Example: claimcheck tag c-7f3a defence sahel
    """
    from claimcheck.workflows import desk

    done = desk.tag(open_registry(ctx), claim, tags, by=actor(by))
    said(done, "tags: " + (", ".join(done["tags"]) or "none"), json)


@app.command()
def untag(ctx: typer.Context, claim: ClaimArg, tags: TagsArg, by: ByOption = None, json: JsonOption = False) -> None:
    """Take tags off a claim.

    Example: claimcheck untag c-7f3a sahel
    """
    from claimcheck.workflows import desk

    done = desk.untag(open_registry(ctx), claim, tags, by=actor(by))
    said(done, "tags: " + (", ".join(done["tags"]) or "none"), json)


@app.command()
def comment(
    ctx: typer.Context,
    claim: ClaimArg,
    text: Annotated[str, typer.Argument(help="The comment (quote it).", show_default=False)],
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Add a comment to a claim's thread, for colleagues to read in show, review and the reports.

    Example: claimcheck comment c-7f3a "The DoD figure is from March; ask for the May one"
    """
    from claimcheck.text import plural
    from claimcheck.workflows import desk

    done = desk.comment(open_registry(ctx), claim, text, by=actor(by))
    said(done, plural(len(done["comments"]), "comment"), json)


@app.command()
def priority(
    ctx: typer.Context,
    claim: ClaimArg,
    level: Annotated[str, typer.Argument(help="high, normal or low.", show_default=False)],
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Set a claim's priority (by default it follows checkworthiness).

    Example: claimcheck priority c-7f3a high
    """
    from claimcheck.enums import parse_priority
    from claimcheck.workflows import desk

    chosen = parse_priority(level)
    done = desk.set_priority(open_registry(ctx), claim, chosen, by=actor(by))
    said(done, f"{done['priority']} priority", json)


@app.command()
def undo(ctx: typer.Context, claim: ClaimArg, by: ByOption = None, json: JsonOption = False) -> None:
    """Revert a claim's last change (a mark with its evidence, a tag, a comment…); run again to go further back.

    The history keeps both the change and its undoing.

    Example: claimcheck undo c-7f3a
    """
    from claimcheck.workflows.undo import undo as undo_change

    done = undo_change(open_registry(ctx), claim, by=actor(by))
    what = done["history"][-1]["detail"].get("action", "")
    said(done, f"undid {_UNDONE.get(what, 'the last change')}; now {done['status']}", json)


_UNDONE = {
    "status": "the status change",
    "evidence_added": "the evidence added",
    "evidence_removed": "the evidence removal",
    "note": "the note",
    "assigned": "the assignment",
    "unassigned": "the unassignment",
    "tagged": "the tags added",
    "untagged": "the tags removed",
    "commented": "the comment",
    "priority": "the priority change",
    "approved": "the approval",
    "rejected": "the rejection",
}


@app.command()
def remove(
    ctx: typer.Context,
    claim: ClaimArg,
    note: Annotated[str | None, typer.Option(help="Why, kept with the record.", show_default=False)] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Remove a claim that was added by hand (`add`); an extracted claim can only be dismissed.

    The article keeps a record of the removed claim and who removed it.

    Example: claimcheck remove c-7f3a --note "added by mistake"
    """
    from claimcheck.workflows.undo import remove as remove_claim

    done = remove_claim(open_registry(ctx), claim, by=actor(by), note=note)
    said(done, "removed (a record is kept with its article)", json)


NoteOption = Annotated[
    str | None, typer.Option(help="Why, for the history and the person who gave the verdict.", show_default=False)
]


@app.command()
def approve(
    ctx: typer.Context, claim: ClaimArg, note: NoteOption = None, by: ByOption = None, json: JsonOption = False
) -> None:
    """Approve a colleague's verdict (with the `approval` setting on, a verdict counts once approved).

    Example: claimcheck approve c-7f3a --by bo
    """
    from claimcheck.workflows.approval import approve as approve_verdict

    done = approve_verdict(open_registry(ctx), claim, by=actor(by), note=note)
    said(done, f"{done['status']}, approved by {done['history'][-1]['by']}", json)


@app.command()
def reject(
    ctx: typer.Context, claim: ClaimArg, note: NoteOption = None, by: ByOption = None, json: JsonOption = False
) -> None:
    """Send a verdict back to review, saying why (--note is required).

    Example: claimcheck reject c-7f3a --note "the DoD page gives 1,100, not 1,000"
    """
    from claimcheck.workflows.approval import reject as reject_verdict

    done = reject_verdict(open_registry(ctx), claim, by=actor(by), note=note)
    said(done, f"rejected; back to {done['status']}", json)
