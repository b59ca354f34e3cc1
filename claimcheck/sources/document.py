"""What every reader of an article returns (`SourceFile`), and the small helpers they share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class SourceFile:
    """An article as read: the text spans refer to, and what the source says about it."""

    text: str
    format: str  # "txt" | "md" | "html"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    # Where `published` came from: "metadata" (structured data), "url" (a date in the URL), "page" (its text).
    published_from: str | None = None
    lang: str | None = None  # what the source declares: a hint, detection on the text decides
    author: str | None = None


def too_large(name: str, size: int, max_bytes: int, *, stopped: bool = False) -> str:
    """The one-line refusal of an article over the size limit (`stopped`: a download cut at `size`)."""
    what = f"sent more than {size:,} bytes" if stopped else f"is {size:,} bytes"
    return f"{name} {what}, over the {max_bytes:,}-byte limit; raise it with --max-size or CLAIMCHECK_MAX_SIZE"


def lang_code(value: str | None) -> str | None:
    """`fr-FR` → `fr`; None when absent or not a language tag."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
