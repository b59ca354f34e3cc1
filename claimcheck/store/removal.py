"""Taking a claim out of the registry (`remove`): it leaves the article's claims for its `removed` table.

The article file keeps the removed claim, with its last history event saying
who removed it and when, in a table of its own: nothing acknowledged is lost,
and `list`, `report` and the indexes no longer see it. The caller holds the lock.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from claimcheck.store.layout import article_path, doc_id, shard_path
from claimcheck.store.repair import reindex_article
from claimcheck.store.tables import drop_docs, rewrite_table

REMOVED_TABLE = "removed"


def remove_claim(root: Path, claim: dict[str, Any]) -> None:
    """Move `claim` (its final document) from its article's claims to the `removed` table; fix the indexes."""
    key = str(doc_id(claim["id"]))
    path = article_path(root, claim["article_id"])
    rewrite_table(path, "claims", partial(drop_docs, keys=[key]))
    # A claim removed twice over the life of an article (re-added, removed again) keeps each removal.
    rewrite_table(path, REMOVED_TABLE, lambda docs: _keep(docs, claim))
    rewrite_table(shard_path(root, claim["id"]), "claims", partial(drop_docs, keys=[key]))
    reindex_article(root, claim["article_id"])  # the article's claim count and the keys entries


def _keep(docs: dict[str, Any], claim: dict[str, Any]) -> bool:
    docs[str(len(docs) + 1)] = claim
    return True
