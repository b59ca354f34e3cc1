"""What every report format shares: status order and labels, counts, anchoring, links, values.

Reports are pure functions over models: an item is an `(Article, list[Claim])`
pair and nothing here reads the registry or the environment.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from claimcheck.models import REVIEWED, Article, Claim, Kind, Status

Item = tuple[Article, list[Claim]]
Advance = Callable[[], None]

# The order an editor reads statuses in: what still needs work first, verdicts next, the rest last.
STATUS_ORDER: tuple[Status, ...] = (
    Status.unverified,
    Status.in_review,
    Status.false,
    Status.misleading,
    Status.verified,
    Status.unverifiable,
    Status.dismissed,
)
STATUS_LABEL = {
    Status.unverified: "Unverified",
    Status.in_review: "In review",
    Status.verified: "Verified",
    Status.false: "False",
    Status.misleading: "Misleading",
    Status.unverifiable: "Unverifiable",
    Status.dismissed: "Dismissed",
}
KIND_ORDER: tuple[Kind, ...] = (Kind.quantity, Kind.money, Kind.percent, Kind.date, Kind.quote, Kind.statement)
KIND_LABEL = {
    Kind.quantity: "Quantity",
    Kind.money: "Money",
    Kind.percent: "Percent",
    Kind.date: "Date",
    Kind.quote: "Quote",
    Kind.statement: "Statement",
}
# The value keys of docs/architecture.md §3.1, in the order a person reads them.
VALUE_KEYS = (
    "amount",
    "amount_max",
    "unit",
    "currency",
    "bound",
    "start",
    "end",
    "granularity",
    "relative",
    "speaker",
    "checkworthiness",
)


def each(items: Iterable[Item], advance: Advance | None) -> Iterator[Item]:
    """The items, calling `advance` after each one so a caller can draw a progress bar."""
    for item in items:
        yield item
        if advance is not None:
            advance()


def is_unreviewed(claim: Claim) -> bool:
    return claim.status not in REVIEWED


def reading_order(claims: Iterable[Claim]) -> list[Claim]:
    """Claims in the order they appear in the article (orphans, whose offsets mean little, last)."""
    return sorted(claims, key=lambda c: (c.orphaned, c.span.start, -c.span.end, c.id))


def editor_order(claims: Iterable[Claim]) -> list[Claim]:
    """Unreviewed claims first, each group in article order."""
    return sorted(reading_order(claims), key=lambda c: not is_unreviewed(c))


def is_anchored(article: Article, claim: Claim) -> bool:
    """Whether the claim's span still points at its quote in the article's current text.

    An orphaned claim (its quote was not found in a newer version) or a span
    that no longer cuts its quote out of the text is listed in a report but
    never highlighted: a highlight on the wrong words is worse than none.
    """
    start, end = claim.span.start, claim.span.end
    return not claim.orphaned and 0 <= start < end <= len(article.text) and article.text[start:end] == claim.span.quote


def summary(claims: list[Claim]) -> dict[str, Any]:
    """Counts by status and by kind, every status and kind present (zeros included), and progress."""
    by_status = Counter(c.status for c in claims)
    by_kind = Counter(c.kind for c in claims)
    reviewed = sum(1 for c in claims if not is_unreviewed(c))
    return {
        "total": len(claims),
        "reviewed": reviewed,
        "by_status": {s.value: by_status.get(s, 0) for s in STATUS_ORDER},
        "by_kind": {k.value: by_kind.get(k, 0) for k in KIND_ORDER},
    }


def link_url(url: str | None) -> str | None:
    """The URL if it may become a link (http or https with a host), else None: `javascript:` stays text."""
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters on one line, cut at a word boundary with an ellipsis."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


_SENTENCE_END = re.compile(r"[.!?…](?=[\s»\"”’)]*\s)|\n")


def sentence_around(text: str, start: int, end: int, *, window: int = 300) -> tuple[str, str, str]:
    """The sentence holding a span, as (before, quote, after), each cut from the original text."""
    lo = max(0, start - window)
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    left = cuts[-1] if cuts else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + window))
    right = m.end() if m else min(len(text), end + window)
    before = text[left:start].lstrip()
    after = text[end:right].rstrip()
    if left == lo and lo > 0:
        before = "…" + before
    if right == end + window and right < len(text):
        after += "…"
    return before, text[start:end], after


def format_number(value: Any) -> str:
    """1000.0 → 1000, 4.2 → 4.2: numbers as a person writes them, in any language."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


def value_items(value: dict[str, Any]) -> list[tuple[str, str]]:
    """A claim's value as (key, text) pairs for a person: documented keys first, amounts grouped (1,000)."""
    keys = [k for k in VALUE_KEYS if k in value] + sorted(k for k in value if k not in VALUE_KEYS)
    out = []
    for key in keys:
        v = value[key]
        if v is None:
            continue
        if key in ("amount", "amount_max") and isinstance(v, int | float) and not isinstance(v, bool):
            out.append((key, f"{int(v):,}" if float(v).is_integer() else f"{v:,}"))
        else:
            out.append((key, format_number(v)))
    return out


def notes(claim: Claim) -> list[dict[str, str]]:
    """The notes people left when they changed the status or commented (evidence notes stay with evidence).

    A comment (`claimcheck comment`) is one of them, with its author and time.
    """
    found = []
    # What `undo` reverted (a comment taken back) is not shown.
    gone = {i for e in claim.history if e.action == "undone" for i in e.detail.get("events", [])}
    for place, event in enumerate(claim.history):
        if place in gone:
            continue
        note = event.detail.get("text") if event.action == "commented" else event.detail.get("note")
        if note and event.action != "evidence_added":
            found.append({"at": event.at.isoformat(), "by": event.by, "action": event.action, "note": str(note)})
    return found


def history_detail(detail: dict[str, Any]) -> str:
    """An event's detail on one line: `from=unverified, to=verified`."""
    return ", ".join(f"{k}={v}" for k, v in detail.items())


def stale_of(claim: Claim) -> dict[str, int]:
    """{url: version} of the claim's evidence that predates a change of its value (actions.stale_evidence)."""
    from claimcheck.actions import stale_evidence

    return stale_evidence([{"action": e.action, "detail": e.detail} for e in claim.history])


def predates(version: int) -> str:
    return f"predates the change of value in version {version}"
