"""What `similar` compares claims on, so that the store can file each claim under it.

Linking a new figure or quotation to claims seen before (workflows/link.py) first
narrows the registry to the claims it could possibly match:

- a figure (quantity, money, percent) only to claims of its kind whose
  canonical label opens with the same value (`1,000+` of `1,000+ soldats`,
  `$100M`, `~11.6%`: docs/architecture.md §3.2);
- a quotation only to quotations of the same speaker (their values must be
  equal: `similar.value_key`).

That narrowing is the similarity key. The store keeps, beside the claim index,
`index/keys/XXX.json`: one entry per claim of these kinds, filed by a hash of
its key, holding what `similar.same_thing` reads (label, quote, context,
value), so that an ingest reads a few small files instead of the whole index.
Everything here is computed from a claim as stored (its JSON document), the
same way when a claim is written, rebuilt or checked by `doctor`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from claimcheck.text import label_value, norm

# The kinds linked at ingest (workflows.link.AT_INGEST): only they are filed under a key.
KEYED_KINDS = frozenset({"quantity", "money", "percent", "quote"})
# What a keys entry holds; `doctor` and the store's reads check an entry has all of it.
ENTRY_FIELDS = frozenset({"id", "article_id", "kind", "key", "text", "quote", "start", "prefix", "suffix", "value"})


def similarity_key(kind: str, text: str, value: dict[str, Any]) -> str | None:
    """The key a claim is filed under, or None for a kind that is not linked at ingest."""
    if kind not in KEYED_KINDS:
        return None
    if kind == "quote":
        return f"quote {norm(value.get('speaker'))}"
    return f"{kind} {label_value(text)}"


def key_entry(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The keys entry of a stored claim document, or None when its kind is not keyed."""
    value = doc.get("value") or {}
    key = similarity_key(doc["kind"], doc["text"], value)
    if key is None:
        return None
    span = doc["span"]
    return {
        "id": doc["id"],
        "article_id": doc["article_id"],
        "kind": doc["kind"],
        "key": key,
        "text": doc["text"],
        "quote": span["quote"],
        "start": span["start"],
        "prefix": span.get("prefix", ""),
        "suffix": span.get("suffix", ""),
        "value": value,
    }


def entry_problem(entry: dict[str, Any]) -> str | None:
    """What makes a stored keys entry unusable (a hand edit), or None: `similar` reads it without a model."""
    missing = ENTRY_FIELDS - entry.keys()
    if missing:
        return f"it lacks {', '.join(sorted(missing))}"
    for name in ("id", "article_id", "kind", "key", "text", "quote", "prefix", "suffix"):
        if not isinstance(entry[name], str):
            return f"its {name} is not a string"
    if not isinstance(entry["start"], int) or isinstance(entry["start"], bool) or entry["start"] < 0:
        return "its start is not a position"
    if not isinstance(entry["value"], dict):
        return "its value is not an object"
    if entry["kind"] not in KEYED_KINDS or not entry["key"].startswith(entry["kind"] + " "):
        return f"its kind {entry['kind']!r} does not fit its key {entry['key']!r}"
    return None


def key_shard(key: str) -> str:
    """The three hex digits naming the file a key lives in.

    An ingest reads and rewrites the file of each key its figures and
    quotations have (twenty or so): 4,096 files keep each one a few kilobytes
    at 100,000 claims, where 256 made them 70 KB and the ingest grow by 30 ms.
    """
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:3]
