"""Undo: a claim's last change by a person, reverted as one more history event. Pure, over claim documents.

The history stays append-only: undoing adds an `undone` event naming the
events it reverts (by their place in the history, `events`), and those are
then skipped by the next undo, so undo after undo walks back change by change.
A verdict given with evidence (`mark X false -e URL`) is one change: its
`status` event names the evidence it added, and undo takes that out too.
Events nobody chose (created, moved by `update`, linked as seen before) are
passed over: undo reverts what a person did.
"""

from __future__ import annotations

from collections.abc import Callable

from claimcheck.actions import record
from claimcheck.documents import Doc
from claimcheck.enums import VERDICTS
from claimcheck.errors import EvidenceRequired, TransitionRefused


def _status(claim: Doc, detail: Doc) -> Doc:
    added = set(detail.get("evidence", ()))
    evidence = [e for e in claim["evidence"] if e["url"] not in added]
    return {**claim, "status": detail["from"], "evidence": evidence}


def _evidence_added(claim: Doc, detail: Doc) -> Doc:
    remaining = [e for e in claim["evidence"] if e["url"] != detail["url"]]
    if claim["status"] in {s.value for s in VERDICTS} and not remaining:
        raise EvidenceRequired(
            f"{claim['id']} is {claim['status']} on this evidence alone; change its status before undoing it"
        )
    return {**claim, "evidence": remaining}


def _evidence_removed(claim: Doc, detail: Doc) -> Doc:
    item = detail.get("evidence")
    if not isinstance(item, dict):
        raise TransitionRefused(f"{claim['id']}: this removal was recorded without the evidence; add it again")
    if any(e["url"] == item["url"] for e in claim["evidence"]):
        return claim
    return {**claim, "evidence": [*claim["evidence"], item]}


def _commented(claim: Doc, detail: Doc) -> Doc:
    thread = list(claim["comments"])
    for i in range(len(thread) - 1, -1, -1):
        if thread[i]["text"] == detail.get("text"):
            del thread[i]
            break
    return {**claim, "comments": thread}


def _tags(add: bool) -> Callable[[Doc, Doc], Doc]:
    def revert(claim: Doc, detail: Doc) -> Doc:
        tags = detail.get("tags", [])
        if add:
            return {**claim, "tags": [*claim["tags"], *(t for t in tags if t not in claim["tags"])]}
        return {**claim, "tags": [t for t in claim["tags"] if t not in tags]}

    return revert


def _field(name: str) -> Callable[[Doc, Doc], Doc]:
    def revert(claim: Doc, detail: Doc) -> Doc:
        return {**claim, name: detail.get("from")}

    return revert


# How each event a person causes is reverted: (claim now, the event's detail) → the claim before it.
REVERT: dict[str, Callable[[Doc, Doc], Doc]] = {
    "status": _status,
    "evidence_added": _evidence_added,
    "evidence_removed": _evidence_removed,
    "note": lambda claim, detail: claim,
    "assigned": _field("assignee"),
    "unassigned": _field("assignee"),
    "tagged": _tags(add=False),
    "untagged": _tags(add=True),
    "commented": _commented,
    "priority": _field("priority"),
    # An approval is read from the history (approval.py): undoing the event is enough.
    "approved": lambda claim, detail: claim,
    "rejected": lambda claim, detail: {**claim, "status": detail["from"]},
}


def undone(history: list[Doc]) -> set[int]:
    """The places of the events already reverted by an `undone` event."""
    return {i for e in history if e["action"] == "undone" for i in e["detail"].get("events", [])}


def last_change(claim: Doc) -> list[int]:
    """The places of the events that make up the last change not yet undone, latest first."""
    history = claim["history"]
    gone = undone(history)
    for i in range(len(history) - 1, -1, -1):
        event = history[i]
        if i in gone or event["action"] not in REVERT:
            continue
        group = [i]
        for url in event["detail"].get("evidence", []) if event["action"] == "status" else []:
            j = next(
                (
                    j
                    for j in range(i - 1, -1, -1)
                    if j not in gone and history[j]["action"] == "evidence_added" and history[j]["detail"]["url"] == url
                ),
                None,
            )
            if j is not None:
                group.append(j)
        return group
    raise TransitionRefused(f"{claim['id']}: nothing to undo (no change by a person is left to revert)")


def undo(claim: Doc, *, by: str) -> Doc:
    """The claim as it was before its last change, with an `undone` event saying which events were reverted."""
    group = last_change(claim)
    history = claim["history"]
    top = history[group[0]]
    reverted = REVERT[top["action"]](claim, top["detail"])
    return record(reverted, by, "undone", events=group, action=top["action"])
