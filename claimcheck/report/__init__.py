"""Review reports: one module per format, each a pure function from articles and claims to text.

`render(fmt, items, **options)` is the one entry point; `items` is a list of
`(Article, list[Claim])` pairs. Each format module is imported only when asked
for, so that jinja2 is loaded only for an HTML report.

Options understood (others are ignored by the formats that do not use them):
- `generated_at` (datetime): when the report was made, shown in Markdown and HTML.
- `excel` (bool, CSV): a byte-order mark and a guard against formula injection.
- `org` (str, ClaimReview): the organisation publishing the reviews.
- `review_url` (str, ClaimReview): a template for each review's URL, with
  `{claim_id}` and `{article_id}` placeholders.
- `advance` (callable): called once per article rendered (progress bars).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from claimcheck.errors import InvalidValue
from claimcheck.report.common import Item

# Format name → module of this package rendering it.
FORMATS = {"md": "markdown", "html": "html", "json": "json_", "csv": "csv_", "claimreview": "claimreview"}
# File extensions that imply a format when --format is not given.
EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
    ".jsonld": "claimreview",
}


def parse_format(raw: str) -> str:
    fmt = raw.strip().lower()
    fmt = {"markdown": "md", "htm": "html", "json-ld": "claimreview", "jsonld": "claimreview"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise InvalidValue(f"unknown report format {raw!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def render(fmt: str, items: list[Item], **options: Any) -> str | bytes:
    """The report of these articles and claims in format `fmt` (md, html, json, csv, claimreview)."""
    module = import_module(f"claimcheck.report.{FORMATS[parse_format(fmt)]}")
    return module.render(items, **options)  # type: ignore[no-any-return]
