"""Commands that review a claim: mark, verify, evidence add/remove."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claimcheck.cli.root import ByOption, ClaimArg, JsonOption, actor, app, open_registry

if TYPE_CHECKING:
    from claimcheck.documents import Doc

# Rich and the store are imported inside the commands: `claimcheck --help` needs neither.


def _changed(claim: Doc, json: bool) -> None:
    from rich.text import Text

    from claimcheck.cli.output import clean, console, emit_json, status_text, truncate

    if json:
        from claimcheck.documents import for_output

        emit_json(for_output(claim))
    else:
        line = Text(f"{claim['id']} ")
        line.append_text(status_text(claim["status"]))
        line.append(f"  {clean(truncate(claim['text'], 70), one_line=True)}")
        if claim["evidence"]:
            line.append(f"  ({len(claim['evidence'])} evidence)")
        console.print(line)


@app.command()
def mark(
    ctx: typer.Context,
    claim: ClaimArg,
    status: Annotated[
        str | None,
        typer.Argument(
            help="unverified, in-review, verified, false, misleading, "
            "unverifiable or dismissed (with --same-as: default the "
            "earlier claim's verdict).",
            show_default=False,
        ),
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence", "-e", help="An http(s) URL or a local file; repeat for several.", show_default=False
        ),
    ] = None,
    stance: Annotated[
        str | None,
        typer.Option(
            help="How the evidence relates: supports, refutes, context (default: refutes for false and "
            "misleading, else supports).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why, for the history and the report.", show_default=False)] = None,
    same_as: Annotated[
        str | None,
        typer.Option(
            "--same-as",
            help="Reuse the verdict and evidence of an earlier claim stating the same thing.",
            show_default=False,
        ),
    ] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Change a claim's status; a verdict (verified, false, misleading) needs evidence.

    Example: claimcheck mark c-7f3a false --evidence https://example.org/report --note "1,100 per the DoD"

    Example: claimcheck mark c-91bc --same-as c-7f3a   (reuse an earlier claim's verdict and evidence)
    """
    from claimcheck.actions import make_evidence, parse_stance, parse_status, set_status
    from claimcheck.errors import UsageError

    who = actor(by)
    if status is None and not same_as:
        raise UsageError("give a STATUS (or --same-as CLAIM to reuse an earlier verdict)")
    new_status = parse_status(status) if status else None
    # The stance follows the verdict unless given: evidence for `false` refutes the claim.
    stance_value = parse_stance(
        stance or ("refutes" if status and status.strip().lower() in ("false", "misleading") else "supports")
    )
    items = [make_evidence(src, stance=stance_value, note=None, by=who) for src in evidence or []]
    registry = open_registry(ctx)
    if same_as:
        from claimcheck.workflows.link import reuse_verdict

        if items:
            raise UsageError("--evidence and --same-as do not go together: --same-as copies the earlier evidence")
        updated = reuse_verdict(registry, claim, same_as, status=new_status, note=note, by=who)
    else:
        assert new_status is not None  # a STATUS is required without --same-as (checked above)
        chosen = new_status
        updated = registry.modify_claim(claim, lambda c: set_status(c, chosen, by=who, evidence=items, note=note))
    _changed(updated, json)


@app.command()
def verify(
    ctx: typer.Context,
    claim: ClaimArg,
    evidence: Annotated[
        list[str],
        typer.Option(
            "--evidence",
            "-e",
            help="An http(s) URL or a local file that supports the claim; repeat for several.",
            show_default=False,
        ),
    ],
    note: Annotated[str | None, typer.Option(help="Why, for the history and the report.", show_default=False)] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Mark a claim verified, with the evidence that supports it.

    Example: claimcheck verify c-7f3a --evidence https://example.org/source
    """
    from claimcheck.actions import make_evidence, set_status
    from claimcheck.enums import Stance, Status

    who = actor(by)
    items = [make_evidence(src, stance=Stance.supports, note=None, by=who) for src in evidence]
    updated = open_registry(ctx).modify_claim(
        claim, lambda c: set_status(c, Status.verified, by=who, evidence=items, note=note)
    )
    _changed(updated, json)


evidence_app = typer.Typer(help="Add or remove a claim's evidence links.", no_args_is_help=True)
app.add_typer(evidence_app, name="evidence")


@evidence_app.command("add")
def evidence_add(
    ctx: typer.Context,
    claim: ClaimArg,
    url: Annotated[str, typer.Argument(help="An http(s) URL or a local file.", show_default=False)],
    stance: Annotated[str, typer.Option(help="supports, refutes or context.")] = "supports",
    note: Annotated[str | None, typer.Option(help="What the evidence says.", show_default=False)] = None,
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Attach evidence to a claim without changing its status.

    Example: claimcheck evidence add c-7f3a https://example.org/doc --stance refutes
    """
    from claimcheck.actions import add_evidence, make_evidence, parse_stance

    who = actor(by)
    item = make_evidence(url, stance=parse_stance(stance), note=note, by=who)
    updated = open_registry(ctx).modify_claim(claim, lambda c: add_evidence(c, item, by=who))
    _changed(updated, json)


@evidence_app.command("remove")
def evidence_remove(
    ctx: typer.Context,
    claim: ClaimArg,
    url: Annotated[str, typer.Argument(help="The evidence URL to remove.", show_default=False)],
    by: ByOption = None,
    json: JsonOption = False,
) -> None:
    """Remove an evidence link from a claim.

    Example: claimcheck evidence remove c-7f3a https://example.org/doc
    """
    from pathlib import Path

    from claimcheck.actions import remove_evidence

    who = actor(by)
    local = Path(url).expanduser()
    target = local.resolve().as_uri() if "://" not in url and local.exists() else url
    updated = open_registry(ctx).modify_claim(claim, lambda c: remove_evidence(c, target, by=who))
    _changed(updated, json)
