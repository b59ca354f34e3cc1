"""A second pair of eyes (the `approval` setting): approve, reject, and what the reports may publish."""

from __future__ import annotations

from claimcheck import approval
from claimcheck.documents import Doc
from claimcheck.errors import TransitionRefused
from claimcheck.models import Claim, Status
from claimcheck.store.base import RegistryBackend


def required(registry: RegistryBackend) -> bool:
    return bool(registry.settings()["approval"])


def _check_on(registry: RegistryBackend) -> None:
    if not required(registry):
        raise TransitionRefused(
            "approval is off in this registry: verdicts count as given; `claimcheck config approval on` turns it on"
        )


def approve(registry: RegistryBackend, ref: str, *, by: str, note: str | None = None) -> Doc:
    _check_on(registry)
    return registry.modify_claim(ref, lambda c: approval.approve(c, by=by, note=note))


def reject(registry: RegistryBackend, ref: str, *, by: str, note: str | None) -> Doc:
    _check_on(registry)
    return registry.modify_claim(ref, lambda c: approval.reject(c, by=by, note=note))


def _as_doc(claim: Claim) -> Doc:
    """What approval.py reads of a claim: its status and history."""
    history = [{"action": e.action, "detail": e.detail, "by": e.by} for e in claim.history]
    return {"id": claim.id, "status": claim.status.value, "history": history}


def pending(claim: Claim) -> bool:
    return approval.state(_as_doc(claim)) == "pending"


def publishable(claims: list[Claim], *, approval_on: bool) -> list[Claim]:
    """The claims as the reports may show them: with approval on, a verdict not yet approved is still in review."""
    if not approval_on:
        return claims
    return [c.model_copy(update={"status": Status.in_review}) if pending(c) else c for c in claims]
