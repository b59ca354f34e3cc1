"""Claims and articles as stored documents: the JSON of docs/architecture.md §3.1 as plain dicts.

`show`, `mark`, `verify`, `evidence` and `history` touch one claim. Importing
pydantic and building the Claim schema on first use costs ~110 ms of start-up,
more than everything else these commands do; so they read and change the
stored document directly, and pydantic is never imported.

A document is used as it is only when `is_claim` / `is_article` find it in
exactly the shape the models write (every field, the right types, times as
`2024-05-20T10:00:00Z`). Anything else (a hand edit, an older writer) goes
through the models, which either normalise it or refuse it with the usual
RegistryCorrupt message: the fast path can only be stricter, never looser.
tests/test_documents.py checks that every document these functions accept
validates as the model and dumps back to itself.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from claimcheck.enums import Kind, Priority, Stance, Status

Doc = dict[str, Any]

_KINDS = frozenset(k.value for k in Kind)
_STATUSES = frozenset(s.value for s in Status)
_STANCES = frozenset(s.value for s in Stance)
_PRIORITIES = frozenset(p.value for p in Priority)
# What pydantic writes for an aware UTC datetime without microseconds (every time claimcheck stores).
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

# The order of `Claim`'s fields: `--json` output reads as the claim JSON of docs/architecture.md §3.1
# (files store keys sorted).
_CLAIM_ORDER = (
    "id",
    "article_id",
    "kind",
    "text",
    "span",
    "value",
    "status",
    "evidence",
    "history",
    "created_at",
    "updated_at",
    "version",
    "orphaned",
    "seen_before",
    "assignee",
    "tags",
    "comments",
    "priority",
)
_CLAIM_FIELDS = frozenset(_CLAIM_ORDER)
_SPAN_FIELDS = frozenset({"start", "end", "quote", "prefix", "suffix"})
_EVIDENCE_FIELDS = frozenset({"url", "stance", "note", "added_at", "added_by", "sha256", "size"})
_EVENT_FIELDS = frozenset({"at", "by", "action", "detail"})
_COMMENT_FIELDS = frozenset({"at", "by", "text"})
_ARTICLE_FIELDS = frozenset(
    {
        "id",
        "title",
        "url",
        "outlet",
        "language",
        "published",
        "published_source",
        "format",
        "source",
        "ingested_at",
        "ingested_by",
        "text",
        "sha256",
        "versions",
    }
)
_VERSION_FIELDS = frozenset({"version", "text", "sha256", "added_at", "added_by", "source"})


def stamp() -> str:
    """Now, in UTC, to the second, as the models store it (`models.utcnow()` dumped)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str) -> datetime:
    """A stored time (`…Z`) as an aware datetime."""
    return datetime.fromisoformat(value)


def _is_time(value: Any) -> bool:
    if type(value) is not str or not _TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:  # 2024-02-30T…
        return False
    return True


def _is_day(value: Any) -> bool:
    if type(value) is not str or not _DAY.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _one_of(value: Any, allowed: frozenset[str]) -> bool:
    return type(value) is str and value in allowed  # a list or dict there is not hashable


def _str_or_none(value: Any) -> bool:
    return value is None or type(value) is str


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _is_span(span: Any) -> bool:
    return (
        type(span) is dict
        and span.keys() == _SPAN_FIELDS
        and _count(span["start"])
        and _count(span["end"])
        and all(type(span[k]) is str for k in ("quote", "prefix", "suffix"))
    )


def _is_evidence(item: Any) -> bool:
    return (
        type(item) is dict
        and item.keys() == _EVIDENCE_FIELDS
        and type(item["url"]) is str
        and _one_of(item["stance"], _STANCES)
        and _str_or_none(item["note"])
        and _is_time(item["added_at"])
        and type(item["added_by"]) is str
        and _str_or_none(item["sha256"])
        and (item["size"] is None or type(item["size"]) is int)
    )


def _is_event(event: Any) -> bool:
    return (
        type(event) is dict
        and event.keys() == _EVENT_FIELDS
        and _is_time(event["at"])
        and type(event["by"]) is str
        and type(event["action"]) is str
        and type(event["detail"]) is dict
    )


def _is_comment(item: Any) -> bool:
    return (
        type(item) is dict
        and item.keys() == _COMMENT_FIELDS
        and _is_time(item["at"])
        and type(item["by"]) is str
        and type(item["text"]) is str
    )


def _is_team(doc: dict[str, Any]) -> bool:
    """The desk's fields of a claim (schema 3): assignee, tags, comments, priority."""
    return (
        _str_or_none(doc["assignee"])
        and type(doc["tags"]) is list
        and all(type(t) is str for t in doc["tags"])
        and type(doc["comments"]) is list
        and all(_is_comment(c) for c in doc["comments"])
        and (doc["priority"] is None or _one_of(doc["priority"], _PRIORITIES))
    )


def is_claim(doc: Any) -> bool:
    """True when `doc` is a claim exactly as `Claim.model_dump(mode="json")` writes it."""
    return (
        type(doc) is dict
        and doc.keys() == _CLAIM_FIELDS
        and type(doc["id"]) is str
        and type(doc["article_id"]) is str
        and type(doc["text"]) is str
        and _one_of(doc["kind"], _KINDS)
        and _one_of(doc["status"], _STATUSES)
        and _is_span(doc["span"])
        and type(doc["value"]) is dict
        and type(doc["version"]) is int
        and type(doc["orphaned"]) is bool
        and _is_time(doc["created_at"])
        and _is_time(doc["updated_at"])
        and type(doc["evidence"]) is list
        and all(_is_evidence(e) for e in doc["evidence"])
        and type(doc["history"]) is list
        and all(_is_event(e) for e in doc["history"])
        and type(doc["seen_before"]) is list
        and all(type(s) is str for s in doc["seen_before"])
        and _is_team(doc)
    )


def _is_version(item: Any) -> bool:
    return (
        type(item) is dict
        and item.keys() == _VERSION_FIELDS
        and type(item["version"]) is int
        and _str_or_none(item["text"])
        and type(item["sha256"]) is str
        and _is_time(item["added_at"])
        and type(item["added_by"]) is str
        and _str_or_none(item["source"])
    )


def is_article(doc: Any) -> bool:
    """True when `doc` is an article exactly as `Article.model_dump(mode="json")` writes it."""
    return (
        type(doc) is dict
        and doc.keys() == _ARTICLE_FIELDS
        and all(
            type(doc[k]) is str
            for k in ("id", "language", "published_source", "format", "ingested_by", "text", "sha256")
        )
        and all(_str_or_none(doc[k]) for k in ("title", "url", "outlet", "source"))
        and _is_day(doc["published"])
        and _is_time(doc["ingested_at"])
        and type(doc["versions"]) is list
        and all(_is_version(v) for v in doc["versions"])
    )


def for_output(claim: Doc) -> Doc:
    """A claim document with its fields in the models' order, for `--json` (the stored file sorts them)."""
    return {key: claim[key] for key in _CLAIM_ORDER if key in claim} | claim


def version_text(article: Doc, version: int) -> str:
    """The text a claim of `version` points into: kept for older versions, else the current text."""
    return next((v["text"] for v in article["versions"] if v["version"] == version and v["text"]), article["text"])


def event(by: str, action: str, /, **detail: object) -> Doc:
    """A history event, as `models.Event` dumps it; details that are None are left out."""
    return {"at": stamp(), "by": by, "action": action, "detail": {k: v for k, v in detail.items() if v is not None}}


def comment(by: str, text: str) -> Doc:
    """A comment, as `models.Comment` dumps it."""
    return {"at": stamp(), "by": by, "text": text}


def evidence(
    url: str, *, stance: Stance, note: str | None, by: str, sha256: str | None = None, size: int | None = None
) -> Doc:
    """An evidence item, as `models.Evidence` dumps it."""
    return {
        "url": url,
        "stance": Stance(stance).value,
        "note": note,
        "added_at": stamp(),
        "added_by": by,
        "sha256": sha256,
        "size": size,
    }
