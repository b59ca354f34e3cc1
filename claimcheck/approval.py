"""A second pair of eyes: with the registry's `approval` setting on, a verdict counts once another person approves it.

Pure, over claim documents. The approval state is read from the history, not
stored beside it: a verdict is approved when an `approved` event by someone
other than the person who gave it follows its `status` event, so any later
change of status (or an undo of the approval) makes it pending again by itself.
`reject` sends the claim back to in-review with a note, as one `rejected` event.
"""

from __future__ import annotations

from claimcheck.actions import check_note, record
from claimcheck.documents import Doc
from claimcheck.enums import VERDICTS, Status
from claimcheck.errors import InputError, TransitionRefused

_VERDICTS = frozenset(s.value for s in VERDICTS)
# The events that decide a verdict's approval: the last of them wins.
_DECIDING = frozenset({"status", "approved", "rejected"})


def effective(history: list[Doc]) -> list[Doc]:
    """The history without the events `undo` reverted, nor the `undone` events themselves."""
    gone = {i for e in history if e["action"] == "undone" for i in e["detail"].get("events", [])}
    return [e for i, e in enumerate(history) if i not in gone and e["action"] != "undone"]


def verdict_by(claim: Doc) -> str | None:
    """Who gave the claim its current verdict (None when it has none)."""
    if claim["status"] not in _VERDICTS:
        return None
    moves = [e for e in effective(claim["history"]) if e["action"] == "status"]
    return moves[-1]["by"] if moves else None


def is_approved(claim: Doc) -> bool:
    deciding = [e for e in effective(claim["history"]) if e["action"] in _DECIDING]
    return claim["status"] in _VERDICTS and bool(deciding) and deciding[-1]["action"] == "approved"


def state(claim: Doc) -> str | None:
    """`approved` or `pending` for a verdict, None for anything else (whether pending matters is the setting's)."""
    if claim["status"] not in _VERDICTS:
        return None
    return "approved" if is_approved(claim) else "pending"


def approve(claim: Doc, *, by: str, note: str | None = None) -> Doc:
    if claim["status"] not in _VERDICTS:
        raise TransitionRefused(f"{claim['id']} has no verdict to approve (it is {claim['status']})")
    if is_approved(claim):
        raise TransitionRefused(f"{claim['id']} is already approved")
    giver = verdict_by(claim)
    if giver is not None and giver == by:
        raise TransitionRefused(f"{claim['id']}: {by} gave this verdict; another person must approve it")
    return record(claim, by, "approved", verdict=claim["status"], note=check_note(note))


def reject(claim: Doc, *, by: str, note: str | None) -> Doc:
    """Back to in-review, with the reason: the verdict is not published."""
    note = check_note(note)
    if not note:
        raise InputError("say why with --note: the person who gave the verdict reads it")
    if claim["status"] not in _VERDICTS:
        raise TransitionRefused(f"{claim['id']} has no verdict to reject (it is {claim['status']})")
    to = Status.in_review.value
    claim = record(claim, by, "rejected", **{"from": claim["status"], "to": to, "note": note})
    return {**claim, "status": to}
