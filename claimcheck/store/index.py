"""The index beside the article files: claim summaries, the keys files and the article summaries.

`index/XX.json` holds one summary per claim (what `list` shows and sorts on),
`index/keys/XXX.json` the keys entries of figures and quotations (store/keys.py),
registry.json one summary per article. All are rebuilt from the article files
(repair.py); everything here is a function of the registry folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Required, TypedDict

from claimcheck.actions import checkworthiness, priority_of
from claimcheck.approval import state
from claimcheck.errors import RegistryCorrupt
from claimcheck.store.keys import entry_problem, key_entry, key_shard
from claimcheck.store.layout import doc_id, hex_part, index_dir, keys_dir, keys_path, shard_path
from claimcheck.store.storage import write_json_atomic
from claimcheck.store.tables import (
    REQUIRED,
    check_documents,
    drop_article,
    move_docs,
    put_docs,
    raw_table,
    read_table,
    rewrite_table,
)
from claimcheck.store.whole import entry_types_problem
from claimcheck.triage import Triage, shortened

if TYPE_CHECKING:
    from claimcheck.models import Article


class ClaimSummary(TypedDict, total=False):
    id: Required[str]
    article_id: Required[str]
    kind: Required[str]
    status: Required[str]
    text: Required[str]
    quote: Required[str]
    start: Required[int]
    updated_at: str
    # Triage (schema 3; an older entry lacks them until it is rewritten): see claimcheck/triage.py.
    before: str  # the words of its sentence just before the span, and after it
    after: str
    assignee: str | None
    tags: list[str]
    priority: str  # as set, else from checkworthiness
    worth: float | None  # checkworthiness
    speaker: str | None
    approval: str | None  # a verdict's: approved or pending (approval.py); None for anything else


def summarize(claim: dict[str, Any]) -> ClaimSummary:
    """A claim's index entry, from its stored document (`Claim.model_dump(mode="json")`)."""
    span, value = claim["span"], claim["value"]
    before, after = shortened(span.get("prefix", ""), span.get("suffix", ""))
    speaker = value.get("speaker") if claim["kind"] == "quote" else None
    summary = ClaimSummary(
        id=claim["id"],
        article_id=claim["article_id"],
        kind=claim["kind"],
        status=claim["status"],
        text=claim["text"],
        quote=span["quote"],
        start=span["start"],
        # The index has always written `+00:00` (datetime.isoformat), the article files `Z`.
        updated_at=datetime.fromisoformat(claim["updated_at"]).isoformat(),
        # What `list` filters, sorts and shows beyond the label: see claimcheck/triage.py.
        before=before,
        after=after,
        assignee=claim.get("assignee"),
        tags=list(claim.get("tags") or ()),
        priority=priority_of(claim),
        worth=checkworthiness(claim),
        speaker=speaker if isinstance(speaker, str) else None,
        approval=state(claim),
    )
    # Triage fields at their empty value are left out (readers use .get): 100k entries are parsed by every `list`.
    for key in _OPTIONAL:
        if not summary.get(key):
            del summary[key]  # type: ignore[misc]
    if summary.get("worth") is None:
        del summary["worth"]
    return summary


_OPTIONAL = ("assignee", "tags", "speaker", "approval", "before", "after")


def article_summary(article: Article, claim_count: int) -> dict[str, Any]:
    """An article's summary in registry.json."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "language": article.language,
        "published": article.published.isoformat(),
        "published_source": article.published_source,
        "ingested_at": article.ingested_at.isoformat(),
        "source": article.source,
        "format": article.format,
        "sha256": article.sha256,
        "hashes": [v.sha256 for v in article.versions] or [article.sha256],
        "versions": article.version,
        "claims": claim_count,
    }


def put_summaries(
    path: Path, data: dict[str, Any], articles: dict[str, Any], summaries: list[tuple[dict[str, Any], int]]
) -> dict[str, Any]:
    """Write registry.json (`data` as parsed, `articles` its checked table) with `summaries` put in.

    Returns what was written, for the Registry's cache of the file.
    """
    data = {**data, "articles": {**articles, **{str(i): s for s, i in summaries}}}
    write_json_atomic(path, data)
    return data


# -- reading the index ----------------------------------------------------------------------------


def matching(
    root: Path,
    status: str | None,
    kind: str | None,
    article: str | None,
    search: str | None,
    triage: Triage | None = None,
) -> list[ClaimSummary]:
    """The index entries that pass the filters, unsorted.

    At 100k claims this reads 33 MB of shards, and checking all 100k entries'
    keys up front cost more than filtering them: an entry is checked only as
    far as a filter reads it, and fully if it is kept. A missing key or a
    non-document then takes the full check of its shard, which names the
    file with the message `read_table` gives.
    """
    needle = search.casefold() if search else None
    required = REQUIRED[("index", "claims")]
    found: list[ClaimSummary] = []
    for shard in sorted(index_dir(root).glob("*.json")):
        docs = raw_table(shard, "claims")
        try:
            kept = filter_summaries(docs.values(), status, kind, article, needle)
            if triage is not None:
                kept = triage.filter(kept)
            if not all(d.keys() >= required and entry_types_problem(d) is None for d in kept):
                raise KeyError(required)  # a kept entry lacks a field `list` shows or sorts on, or has a wrong type
        except (KeyError, TypeError, AttributeError):
            check_documents(shard, "claims", docs)
            raise  # the shard has the right shape: a bug, not a hand edit
        found += kept
    return found


def filter_summaries(
    docs: Iterable[Any], status: str | None, kind: str | None, article: str | None, needle: str | None
) -> list[ClaimSummary]:
    """The index entries that pass every filter given, each filter one pass over what the last one kept.

    Only the fields a filter needs are read, so a broken entry raises KeyError or
    TypeError here (the caller turns that into a clear error).
    """
    kept = list(docs)
    if status:
        kept = [d for d in kept if d["status"] == status]
    if kind:
        kept = [d for d in kept if d["kind"] == kind]
    if article:
        kept = [d for d in kept if d["article_id"] == article]
    if needle:
        kept = [d for d in kept if needle in d["text"].casefold() or needle in d["quote"].casefold()]
    return kept


def claim_owners(root: Path, hexpart: str) -> dict[str, str]:
    """{claim id: article id} of every claim whose id's hex digits open with `hexpart` (and more)."""
    if len(hexpart) >= 2:
        shards = [index_dir(root) / f"{hexpart[:2]}.json"]
    else:
        shards = sorted(index_dir(root).glob(f"{hexpart}*.json"))
    owners: dict[str, str] = {}
    for shard in shards:
        for doc in read_table(shard, "claims").values():
            owners[doc["id"]] = doc["article_id"]
    return owners


def ids_taken(root: Path) -> Callable[[str], bool]:
    """A membership test over every claim id, reading each shard at most once."""
    cache: dict[str, set[str]] = {}

    def taken(claim_id: str) -> bool:
        shard = hex_part(claim_id)[:2]
        if shard not in cache:
            cache[shard] = {d["id"] for d in read_table(index_dir(root) / f"{shard}.json", "claims").values()}
        return claim_id in cache[shard]

    return taken


def earliest(
    summaries: Iterable[dict[str, Any]], *, sha256: str | None, url: str | None, source: str | None
) -> dict[str, Any] | None:
    """The earliest ingested of the article summaries holding this text (sha256), else this URL, else source."""
    if sha256:
        found = [s for s in summaries if sha256 in s.get("hashes", [s.get("sha256")])]
    elif url:
        found = [s for s in summaries if s.get("url") == url]
    else:
        found = [s for s in summaries if source and s.get("source") == source]
    return min(found, key=lambda a: (a.get("ingested_at", ""), a.get("id", "")), default=None)


def filed_under(
    root: Path, keys: Iterable[str], article_order: Callable[[], dict[str, int]]
) -> dict[str, list[dict[str, Any]]]:
    """The keys entries filed under each of `keys`, reading one small file per key, each list in `list`'s order.

    `article_order()` gives each article's rank in ingest order; it is asked only when something was found.
    """
    wanted: dict[str, set[str]] = {}
    for key in keys:
        wanted.setdefault(key_shard(key), set()).add(key)
    found: dict[str, list[dict[str, Any]]] = {}
    for shard, group in sorted(wanted.items()):
        path = keys_path(root, shard)
        for doc in read_table(path, "keys").values():
            if doc["key"] in group:
                problem = entry_problem(doc)
                if problem:
                    raise RegistryCorrupt(
                        f"{path}: entry {doc.get('id', '?')} does not fit ({problem}); "
                        "`claimcheck doctor --reindex` rebuilds it"
                    )
                found.setdefault(doc["key"], []).append(doc)
    if found:
        order = article_order()
        for entries in found.values():
            entries.sort(key=lambda d: (order.get(d["article_id"], len(order)), d["start"], d["id"]))
    return found


# -- the order of `list` ---------------------------------------------------------------------------


def list_order(order: dict[str, int]) -> Callable[[ClaimSummary], tuple[int, int, str]]:
    """The sort key of `list`: article in ingest order (unknown articles last), then position, then id."""
    unknown = len(order)
    return lambda d: (order.get(d["article_id"], unknown), d["start"], d["id"])


def position(doc: dict[str, Any]) -> tuple[int, int, str, str]:
    """A claim document's place in its article: the order of `tables.claims_and_docs`."""
    span = doc["span"]
    return span["start"], span["end"], doc["kind"], doc["id"]


def _by_position(d: ClaimSummary) -> tuple[int, str]:
    return d["start"], d["id"]


def first_in_order(found: list[ClaimSummary], order: dict[str, int], limit: int) -> list[ClaimSummary]:
    """`sorted(found, key=list_order(order))[:limit]`, sorting only the articles the first rows come from."""
    by_article: dict[str, list[ClaimSummary]] = {}
    for doc in found:
        group = by_article.get(doc["article_id"])
        if group is None:
            by_article[doc["article_id"]] = [doc]
        else:
            group.append(doc)
    page: list[ClaimSummary] = []
    for article_id in sorted((a for a in by_article if a in order), key=order.__getitem__):
        page += sorted(by_article[article_id], key=_by_position)
        if len(page) >= limit:
            return page[:limit]
    # Claims of articles registry.json does not know share the last rank: ordered together by position.
    page += sorted((d for a, group in by_article.items() if a not in order for d in group), key=_by_position)
    return page[:limit]


def in_article_order(found: list[ClaimSummary], order: dict[str, int]) -> list[ClaimSummary]:
    """`found` with its articles in the order `list_order` gives them; within an article, as found.

    `claim_documents()` needs the articles in order, not the claims: each article
    file sorts its own. Sorting 100k summaries for that was 0.1 s.
    """
    known = sorted((d for d in found if d["article_id"] in order), key=lambda d: order[d["article_id"]])
    # Articles registry.json does not know come last, in the order of their first claim by position.
    return known + sorted((d for d in found if d["article_id"] not in order), key=_by_position)


# -- writing the index and the keys files -----------------------------------------------------------


def index_claims(root: Path, claims: Iterable[dict[str, Any]]) -> None:
    """Put the claims' summaries in their index shards; a shard whose entries are unchanged is not rewritten.

    Linking a new article to claims seen before saves those claims with a
    back-link, which their summaries do not show: rewriting their shards
    would cost a write and an fsync each for nothing.
    """
    by_shard: dict[Path, dict[str, dict[str, Any]]] = {}
    for claim in claims:
        by_shard.setdefault(shard_path(root, claim["id"]), {})[str(doc_id(claim["id"]))] = dict(summarize(claim))
    for shard, entries in by_shard.items():
        rewrite_table(shard, "claims", partial(put_docs, entries=entries))


def refile_keys(root: Path, changed: Iterable[tuple[dict[str, Any] | None, dict[str, Any]]]) -> None:
    """Bring the keys entries of claims just written in line: (document before or None, document now) each.

    Only an entry that differs is written; one whose key changed (a new
    version changed the claim's value) leaves the file of its old key.
    """
    drop: dict[str, set[str]] = {}
    put: dict[str, dict[str, dict[str, Any]]] = {}
    for old, new in changed:
        before, after = _entry_or_none(old), _entry_or_none(new)
        if before == after:
            continue
        doc_key = str(doc_id(new["id"]))
        if before is not None:
            drop.setdefault(key_shard(before["key"]), set()).add(doc_key)
        if after is not None:
            put.setdefault(key_shard(after["key"]), {})[doc_key] = after
    for shard in sorted(drop.keys() | put.keys()):
        entries = put.get(shard, {})
        gone = drop.get(shard, set()) - entries.keys()
        rewrite_table(keys_path(root, shard), "keys", partial(move_docs, gone=gone, entries=entries))


def put_key_entries(root: Path, entries: Iterable[dict[str, Any]]) -> None:
    """Write keys entries to their files, without looking for older entries of the same claims elsewhere."""
    by_shard: dict[str, dict[str, dict[str, Any]]] = {}
    for entry in entries:
        by_shard.setdefault(key_shard(entry["key"]), {})[str(doc_id(entry["id"]))] = entry
    for shard, group in sorted(by_shard.items()):
        rewrite_table(keys_path(root, shard), "keys", partial(put_docs, entries=group))


def drop_index_entries(root: Path, article_id: str) -> None:
    """Remove an article's index entries and keys entries from every file (a repair: it reads them all)."""
    for shard in index_dir(root).glob("*.json"):
        rewrite_table(shard, "claims", lambda docs: drop_article(docs, article_id))
    drop_key_entries(root, article_id)


def drop_key_entries(root: Path, article_id: str) -> None:
    """Remove an article's keys entries from every keys file (a repair: it reads them all)."""
    for path in keys_dir(root).glob("*.json"):
        rewrite_table(path, "keys", lambda docs: drop_article(docs, article_id))


def key_entries(docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The keys entries of stored claims that have one (figures and quotations)."""
    return [entry for entry in map(key_entry, docs) if entry is not None]


def _entry_or_none(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    """The keys entry of a stored claim; None for none, or for a document a hand edit broke (doctor reports it)."""
    if doc is None:
        return None
    try:
        return key_entry(doc)
    except (KeyError, TypeError, AttributeError):
        return None
