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
        return bool(self.filter([s]))

    def filter(self, docs: list[Any]) -> list[Any]:
        """The summaries that pass every filter, each filter one pass over what the last one kept.

        Cheap filters first: `list --status` at 100k claims keeps a tenth after the first pass.
        """
        kept = docs
        if self.statuses:
            wanted = frozenset(self.statuses)
            kept = [d for d in kept if d["status"] in wanted]
        elif not self.include_dismissed:
            kept = [d for d in kept if d["status"] != "dismissed"]
        if self.pending_approval:
            kept = [d for d in kept if d.get("approval") == "pending"]
        if self.assignee is not None:
            person = plain(self.assignee)
            kept = [d for d in kept if plain(d.get("assignee") or "") == person]
        if self.tags:
            tags = set(self.tags)
            kept = [d for d in kept if tags <= set(d.get("tags") or ())]
        if self.speaker is not None:
            speaker = plain(self.speaker)
            kept = [d for d in kept if speaker in plain(d.get("speaker") or "")]
        if self.min_checkworthiness is not None:
            least = self.min_checkworthiness
            kept = [d for d in kept if d.get("worth") is not None and d["worth"] >= least]
        if self.search:
            needle = plain(self.search)
            kept = [d for d in kept if needle in plain(_searched(d))]
        return kept


def _searched(d: Mapping[str, Any]) -> str:
    # One string per claim, folded once; the separator keeps a match from spanning two fields.
    return "\x00".join((d["text"], d["quote"], d.get("before", ""), d.get("after", ""), d.get("speaker") or ""))


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
