"""Triage: which claims `list` (and `review`) show, in which order, and each one's sentence shortened.

Pure functions over index summaries (store/index.py's ClaimSummary), so that
every backend filters and sorts the same way. Search ignores case and accents
(`etats-unis` finds `États-Unis`) and reads the quote, the label, the words
around the span and the speaker.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimcheck.errors import InvalidValue

SORTS = ("position", "priority", "updated", "checkworthiness")
_PRIORITY_RANK = {"high": 0, "normal": 1, "low": 2}
# Sentence ends inside the 32 characters of context either side of a span.
_ENDS = (". ", "! ", "? ", "\n", "» ", ".\u00a0")


def plain(text: str) -> str:
    """Lower case without accents: what search compares (`États-Unis` → `etats-unis`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Triage:
    """The filters of `list` beyond status, kind and article; all must hold. Empty: no filter."""

    statuses: tuple[str, ...] = ()
    assignee: str | None = None
    tags: tuple[str, ...] = ()
    speaker: str | None = None
    min_checkworthiness: float | None = None
    search: str | None = None
    # Dismissed claims are left out unless asked for (by `statuses`, or this).
    include_dismissed: bool = False
    # Only verdicts waiting for a second person's approval.
    pending_approval: bool = False

    def matches(self, s: Mapping[str, Any]) -> bool:
        if self.statuses and s["status"] not in self.statuses:
            return False
        if not self.statuses and not self.include_dismissed and s["status"] == "dismissed":
            return False
        if self.pending_approval and s.get("approval") != "pending":
            return False
        if self.assignee is not None and plain(s.get("assignee") or "") != plain(self.assignee):
            return False
        if self.tags and not set(self.tags) <= set(s.get("tags") or ()):
            return False
        if self.speaker is not None and plain(self.speaker) not in plain(s.get("speaker") or ""):
            return False
        if self.min_checkworthiness is not None:
            worth = s.get("worth")
            if worth is None or worth < self.min_checkworthiness:
                return False
        if self.search:
            needle = plain(self.search)
            fields = (s["text"], s["quote"], s.get("before", ""), s.get("after", ""), s.get("speaker") or "")
            if not any(needle in plain(f) for f in fields):
                return False
        return True


def shortened(prefix: str, suffix: str) -> tuple[str, str]:
    """The words of the span's own sentence either side of it, from its stored context (32 characters)."""
    cut = max((prefix.rfind(end) + len(end) for end in _ENDS if end in prefix), default=0)
    stops = [suffix.find(end) + 1 for end in _ENDS if end in suffix]
    before, after = prefix[cut:], suffix[: min(stops)] if stops else suffix
    # One line, with the space that separates the span from its neighbours kept.
    return (
        " ".join(before.split()) + (" " if before[-1:].isspace() else ""),
        (" " if after[:1].isspace() else "") + " ".join(after.split()),
    )


def sort_summaries(found: list[Any], sort: str, order: dict[str, int]) -> None:
    """Sort `found` in place for `--sort`; ties (and `position`) follow `list`'s order: article, position."""
    if sort not in SORTS:
        raise InvalidValue(f"unknown sort {sort!r}; choose one of: {', '.join(SORTS)}")
    unknown = len(order)
    found.sort(key=lambda s: (order.get(s["article_id"], unknown), s["start"], s["id"]))
    if sort == "priority":
        found.sort(key=lambda s: (_PRIORITY_RANK.get(s.get("priority") or "normal", 1), -(s.get("worth") or 0.0)))
    elif sort == "checkworthiness":
        found.sort(key=lambda s: (s.get("worth") is None, -(s.get("worth") or 0.0)))
    elif sort == "updated":
        found.sort(key=lambda s: s.get("updated_at", ""), reverse=True)  # newest first; stable for ties
