"""The JSON report: every article with its metadata, a summary and its claims as docs/architecture.md §3.1.

Claims are dumped from the models, never assembled by hand, so the JSON
report and `list --json` agree field for field. No timestamp of the report
itself: the same registry gives the same bytes, which keeps reports diffable.
"""

from __future__ import annotations

from typing import Any

from claimcheck import __version__
from claimcheck.report.common import Advance, Item, each, is_anchored, reading_order, summary


def article_json(article: Any, claims: list[Any]) -> dict[str, Any]:
    """One article as the report shows it: metadata and text (not older versions), summary, claims."""
    data = article.model_dump(mode="json", exclude={"versions"})
    data["version"] = article.version
    data["summary"] = summary(claims) | {"anchored": sum(1 for c in claims if is_anchored(article, c))}
    data["claims"] = [c.model_dump(mode="json") for c in reading_order(claims)]
    return data


def render(items: list[Item], *, advance: Advance | None = None, **_: Any) -> str:
    from pydantic_core import to_json

    doc = {
        "claimcheck": __version__,
        "articles": [article_json(article, claims) for article, claims in each(items, advance)],
    }
    return to_json(doc, indent=2).decode("utf-8") + "\n"
