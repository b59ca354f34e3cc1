"""Pydantic models of the article, the claim and their parts (the enums re-exported). No I/O.

The JSON these models dump is the contract of docs/architecture.md §3.1: other
programs read it from `list --json`, `show --json` and the JSON report.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# The enums live in enums.py (no pydantic there) and are re-exported here.
from claimcheck.enums import NUMERIC_KINDS, REVIEWED, VERDICTS, Bound, Kind, Priority, Stance, Status  # noqa: E402, F401


def utcnow() -> datetime:
    """Now, in UTC, to the second: history reads better without microseconds."""
    return datetime.now(UTC).replace(microsecond=0)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Model(BaseModel):
    # Built on first use: `claimcheck --help` and `list` never pay for the schemas.
    model_config = ConfigDict(extra="ignore", use_enum_values=False, defer_build=True)


class Span(_Model):
    """Where a claim sits: `text[start:end] == quote`, plus context to find it again."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    prefix: str = ""
    suffix: str = ""


class Evidence(_Model):
    """A source behind a verdict: a URL (or a local file's file:// URL), its stance and who added it."""

    url: str
    stance: Stance = Stance.supports
    note: str | None = None
    added_at: datetime = Field(default_factory=utcnow)
    added_by: str = ""
    # Set when the evidence is a local file: its digest and size at the time it was added.
    sha256: str | None = None
    size: int | None = None


class Event(_Model):
    """One line of a claim's history: when, who, what (`created`, `status`, `moved`…) and its details."""

    at: datetime = Field(default_factory=utcnow)
    by: str = ""
    action: str
    detail: dict[str, Any] = Field(default_factory=dict)


class Comment(_Model):
    """One message of a claim's thread: who wrote it, when, and what."""

    at: datetime = Field(default_factory=utcnow)
    by: str = ""
    text: str


class ClaimDraft(_Model):
    """What extraction finds: a claim before it has an id, a status or a history."""

    kind: Kind
    start: int
    end: int
    value: dict[str, Any] = Field(default_factory=dict)
    text: str = ""


class Claim(_Model):
    """A checkable statement of an article: its kind, exact span, value, status, evidence and history."""

    id: str
    article_id: str
    kind: Kind
    text: str
    span: Span
    value: dict[str, Any] = Field(default_factory=dict)
    status: Status = Status.unverified
    evidence: list[Evidence] = Field(default_factory=list)
    history: list[Event] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # The article version the span points into (1 for the first ingest).
    version: int = 1
    # Set by `update` when the quote could not be found in a newer version.
    orphaned: bool = False
    # Ids of claims elsewhere in the registry that state the same thing.
    seen_before: list[str] = Field(default_factory=list)
    # The desk's fields (schema 3): who is on the claim, its tags, its comment thread, and a priority
    # set by hand (None: it follows checkworthiness, see actions.priority_of).
    assignee: str | None = None
    tags: list[str] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)
    priority: Priority | None = None


class ArticleVersion(_Model):
    version: int
    # None for the current version, whose text is `Article.text`: the text is not stored twice.
    text: str | None = None
    sha256: str
    added_at: datetime = Field(default_factory=utcnow)
    added_by: str = ""
    source: str | None = None


class Article(_Model):
    """An ingested article: its current text, its metadata and every earlier version of the text."""

    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str
    published: date
    # Where `published` came from: "option", "metadata" (structured data), "url" (a date in the page's URL),
    # "page" (its text, by htmldate) or "ingest" (the day it was ingested).
    published_source: str = "option"
    format: str = "txt"
    source: str | None = None
    ingested_at: datetime = Field(default_factory=utcnow)
    ingested_by: str = ""
    text: str
    sha256: str
    # Every version of the text, oldest first; the last one is `text`.
    versions: list[ArticleVersion] = Field(default_factory=list)

    @property
    def version(self) -> int:
        return len(self.versions) or 1

    def version_texts(self) -> dict[int, str]:
        """The text of every version still known, by version number; the current one is `text`."""
        texts = {v.version: v.text for v in self.versions if v.text is not None}
        texts[self.version] = self.text
        return texts
