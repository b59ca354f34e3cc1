"""The desk's changes to one claim: assign, tag, comment, priority. The commands and `review` both call these.

Each is one `modify_claim` (read, change, write under the registry's lock), so
a colleague's change made meanwhile is kept, never overwritten; the rules and
history events are those of actions.py. They take claim references and return
the claim's document as saved.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck import actions
from claimcheck.documents import Doc
from claimcheck.enums import Priority, Status
from claimcheck.store.base import RegistryBackend


def assign(registry: RegistryBackend, ref: str, person: str, *, by: str) -> Doc:
    return registry.modify_claim(ref, lambda c: actions.assign(c, person, by=by))


def unassign(registry: RegistryBackend, ref: str, *, by: str) -> Doc:
    return registry.modify_claim(ref, lambda c: actions.unassign(c, by=by))


def tag(registry: RegistryBackend, ref: str, tags: list[str], *, by: str) -> Doc:
    return registry.modify_claim(ref, lambda c: actions.tag(c, tags, by=by))


def untag(registry: RegistryBackend, ref: str, tags: list[str], *, by: str) -> Doc:
    return registry.modify_claim(ref, lambda c: actions.untag(c, tags, by=by))


def comment(registry: RegistryBackend, ref: str, text: str, *, by: str) -> Doc:
    return registry.modify_claim(ref, lambda c: actions.comment(c, text, by=by))


def set_priority(registry: RegistryBackend, ref: str, priority: Priority, *, by: str) -> Doc:
    return registry.modify_claim(ref, lambda c: actions.set_priority(c, priority, by=by))


def mark(
    registry: RegistryBackend,
    ref: str,
    status: Status,
    *,
    by: str,
    evidence: Sequence[Doc] = (),
    note: str | None = None,
) -> Doc:
    """`mark`: a status, with evidence added first; a verdict needs evidence (actions.set_status)."""
    items = list(evidence)
    return registry.modify_claim(ref, lambda c: actions.set_status(c, status, by=by, evidence=items, note=note))


def add_evidence(registry: RegistryBackend, ref: str, item: Doc, *, by: str) -> Doc:
    """`evidence add`: an item of actions.make_evidence, without changing the status."""
    return registry.modify_claim(ref, lambda c: actions.add_evidence(c, item, by=by))
