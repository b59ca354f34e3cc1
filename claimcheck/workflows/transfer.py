"""A whole registry copied into another, whatever their backends: `claimcheck export` and `import`.

Every article (every version of its text) and every claim (span, evidence,
history) goes through the seam as it is stored, with its id: a JSON folder
copied to PostgreSQL and back is the same folder, file for file. The copy is
one transaction of the destination, which must hold no article yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimcheck.errors import RegistryExists
from claimcheck.store.base import RegistryBackend

# Articles read and written together: big enough that a batch of the JSON folder rewrites each index file
# once for many articles, small enough that a 100k-claim registry never sits in memory whole.
BATCH = 200


@dataclass(frozen=True)
class Copied:
    articles: int
    claims: int
    events: int


def copy_registry(
    source: RegistryBackend, dest: RegistryBackend, progress: Callable[[int, int], None] | None = None
) -> Copied:
    """Copy every article and claim of `source` into the empty `dest`; `progress(done, total)` per batch."""
    summaries = source.article_summaries()
    claims = events = 0
    with dest.transaction():
        if dest.article_summaries():
            raise RegistryExists(
                "the destination already holds articles: export and import copy into an empty registry"
            )
        for start in range(0, len(summaries), BATCH):
            batch = []
            for summary in summaries[start : start + BATCH]:
                article = source.article(summary["id"])
                found = source.claims_of(article.id)
                claims += len(found)
                events += sum(len(c.history) for c in found)
                batch.append((article, found))
            dest.save_articles(batch)
            if progress:
                progress(min(start + BATCH, len(summaries)), len(summaries))
    return Copied(articles=len(summaries), claims=claims, events=events)
