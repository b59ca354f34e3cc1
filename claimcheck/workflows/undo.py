"""`undo` and `remove`: a claim's last change reverted, or a claim added by hand taken out again."""

from __future__ import annotations

from claimcheck import undo as _undo
from claimcheck.actions import record
from claimcheck.documents import Doc
from claimcheck.errors import TransitionRefused
from claimcheck.store.base import RegistryBackend


def undo(registry: RegistryBackend, ref: str, *, by: str) -> Doc:
    """Revert the claim's last change by a person, as a new `undone` event (see claimcheck/undo.py)."""
    return registry.modify_claim(ref, lambda c: _undo.undo(c, by=by))


def added_by_hand(claim: Doc) -> bool:
    """True for a claim `add` created; extracted ones (and their copies) are not."""
    first = claim["history"][0] if claim["history"] else None
    return bool(first and first["action"] == "created" and first["detail"].get("source") == "added")


def remove(registry: RegistryBackend, ref: str, *, by: str, note: str | None = None) -> Doc:
    """Take out a claim added by hand; an extracted one can only be dismissed (the extractor would find it again)."""

    def check(claim: Doc) -> Doc:
        if not added_by_hand(claim):
            raise TransitionRefused(
                f"{claim['id']} was extracted from the article, not added by hand: it cannot be removed "
                f"(the next update would find it again); dismiss it with `claimcheck mark {claim['id']} dismissed`"
            )
        return record(claim, by, "removed", note=note)

    return registry.remove_claim(ref, check)
