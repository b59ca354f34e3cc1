"""The desk's figures (`status --desk`): per person and per article, what was reviewed, how fast, what waits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from statistics import median
from typing import Any

from claimcheck import approval
from claimcheck.documents import Doc, parse_time
from claimcheck.enums import REVIEWED, VERDICTS
from claimcheck.store.base import RegistryBackend

_REVIEWED = frozenset(s.value for s in REVIEWED) - {"dismissed"}  # a dismissed claim was not checked
_VERDICTS = frozenset(s.value for s in VERDICTS)


@dataclass
class Figures:
    """One row: a person's, or an article's."""

    name: str
    reviewed: int = 0
    verdicts: int = 0
    pending_approval: int = 0
    assigned_open: int = 0
    hours: list[float] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, Any]:
        row = asdict(self)
        hours = row.pop("hours")
        row["median_hours_to_verdict"] = round(median(hours), 1) if hours else None
        return row


def _verdict_event(claim: Doc) -> Doc | None:
    moves = [e for e in approval.effective(claim["history"]) if e["action"] == "status"]
    return moves[-1] if moves and claim["status"] in _VERDICTS else None


def desk_figures(registry: RegistryBackend, article: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Per person (who gave the verdict; who a claim waits on) and per article, from the claims' histories."""
    approval_on = bool(registry.settings()["approval"])
    people: dict[str, Figures] = {}
    articles: dict[str, Figures] = {}
    for claim in registry.claim_documents(article=article):
        row = articles.setdefault(claim["article_id"], Figures(claim["article_id"]))
        rows = [row]
        verdict = _verdict_event(claim)
        reviewer = verdict["by"] if verdict else None
        if reviewer is None and claim["status"] in _REVIEWED:
            reviewer = claim["history"][-1]["by"]
        if reviewer is not None:
            rows.append(people.setdefault(reviewer, Figures(reviewer)))
        for target in rows:
            if claim["status"] in _REVIEWED:
                target.reviewed += 1
            if verdict is not None:
                target.verdicts += 1
                target.hours.append(
                    (parse_time(verdict["at"]) - parse_time(claim["created_at"])).total_seconds() / 3600
                )
                if approval_on and not approval.is_approved(claim):
                    target.pending_approval += 1
        if claim.get("assignee") and claim["status"] not in _REVIEWED and claim["status"] != "dismissed":
            people.setdefault(claim["assignee"], Figures(claim["assignee"])).assigned_open += 1
            row.assigned_open += 1
    return {
        "people": [people[name].as_dict() for name in sorted(people)],
        "articles": [row.as_dict() for row in articles.values()],
    }
