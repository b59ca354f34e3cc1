"""What the desk's commands need of PostgreSQL beyond the claims themselves: triage and settings.

Triage filters and sorts summaries made from the claim documents by the folder's own functions
(store/index.py's `summarize`, claimcheck/triage.py), so both backends list the same claims in the same order.
The settings (`claimcheck config`) are rows `setting:NAME` → JSON of claimcheck_meta.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimcheck.store.index import ClaimSummary
    from claimcheck.triage import Triage


def triaged(
    docs: Iterable[dict[str, Any]], triage: Triage | None, sort: str, article_order: list[str]
) -> list[ClaimSummary]:
    """The summaries of `docs` that pass `triage`, sorted by `sort` (articles ranked by `article_order`)."""
    from claimcheck.store.index import summarize
    from claimcheck.triage import sort_summaries

    found = [summarize(d) for d in docs]
    if triage is not None:
        found = triage.filter(found)
    sort_summaries(found, sort, {article_id: rank for rank, article_id in enumerate(article_order)})
    return found


def read_settings(query: Callable[[str], list[tuple[Any, ...]]]) -> dict[str, Any]:
    """The stored settings over their defaults."""
    from claimcheck.settings import with_defaults

    found = query("SELECT key, value FROM claimcheck_meta WHERE key LIKE 'setting:%%'")
    return with_defaults({key.removeprefix("setting:"): json.loads(value) for key, value in found})


def write_setting(conn: Any, name: str, value: Any) -> None:
    """Set one setting (the caller holds the writers' lock)."""
    with conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO claimcheck_meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [f"setting:{name}", json.dumps(value)],
        )
