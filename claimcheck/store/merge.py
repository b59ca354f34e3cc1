"""Three-way merge of two versions of a registry file against their common ancestor: git's merge driver.

Pure over parsed JSON: `merge_file(base, ours, theirs, path)` returns the merged
file and the conflicts it recorded. The article files are the source of truth
and merge claim by claim, field by field:

- a claim (or article, or summary) changed on one side only takes that side;
  added on either side it is kept; removed on one side and untouched on the
  other it is removed;
- histories are unions (ordered by time, no duplicates); evidence and
  `seen_before` are three-way sets: what either side added is kept, what one
  side removed stays removed;
- the same field changed two ways (two statuses, two verdicts, two spans) is a
  real disagreement: ours is kept (for a status, the one set last) and a
  `conflict` event naming both sides, who
  and when, is added to the claim's history, so every command still runs and
  `claimcheck conflicts` lists it until `claimcheck resolve` adds `resolved`;
- two different claims that took the same id on each side keep both: theirs
  gets a new id (and a `renamed` event).

registry.json and the index are derived from the article files: they merge the
same way (ours on a disagreement) and are rebuilt after the merge (sync.py).
The text of an article changed two ways (both sides ran `update` on it with
different texts) is not merged: `ArticleTextConflict` says so and git keeps the
path unmerged, holding our version, never conflict markers.
"""

from __future__ import annotations

import json
from typing import Any

from claimcheck.documents import event as new_event
from claimcheck.store.layout import doc_id, new_id

Doc = dict[str, Any]

# Fields that two sides may set differently without either being wrong: kept as the rule says, never a conflict.
_EARLIEST = frozenset({"created_at", "ingested_at"})
_LATEST = frozenset({"updated_at"})
# An article's text, digest and versions change together (`update`): merged as one.
_TEXT_FIELDS = ("text", "sha256", "versions")
# A claim's text, kind, value, span, version and orphaned flag say where it points: merged as one (`anchor`).
ANCHOR = ("kind", "orphaned", "span", "text", "value", "version")
MERGED_BY = "git merge"


class ArticleTextConflict(Exception):
    """Both sides changed an article's text differently: not something to merge field by field."""


def merge_file(base: Any, ours: Any, theirs: Any, path: str) -> tuple[Doc, list[Doc]]:
    """The merged registry file at `path` (relative, as git gives it) and the conflict events added."""
    base = base if isinstance(base, dict) else {}
    conflicts: list[Doc] = []
    if "claims" in ours and "article" in ours:
        merged = _merge_article_file(base, ours, theirs, conflicts)
    else:
        merged = {
            table: merge_tables(base.get(table, {}), ours.get(table, {}), theirs.get(table, {}), _take_ours)
            for table in sorted(ours.keys() | theirs.keys())
        }
        if "meta" in merged:
            merged["meta"] = _newest_meta(ours.get("meta", {}), theirs.get("meta", {}))
    return merged, conflicts


def merge_tables(base: Doc, ours: Doc, theirs: Doc, merge_doc: Any) -> Doc:
    """Documents keyed alike, merged one by one: `merge_doc(base, ours, theirs)` when both sides changed one."""
    merged: Doc = {}
    for key in sorted(base.keys() | ours.keys() | theirs.keys()):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if o == t:
            result = o
        elif o == b:
            result = t
        elif t == b:
            result = o
        elif o is None or t is None:
            result = o if t is None else t  # removed on one side, changed on the other: the change is kept
        else:
            result = merge_doc(b, o, t)
        if result is not None:
            merged[key] = result
    return merged


def _take_ours(base: Any, ours: Doc, theirs: Doc) -> Doc:
    """A derived document (a summary, an index entry): ours; the article files rebuild it after the merge."""
    return ours


def _newest_meta(ours: Doc, theirs: Doc) -> Doc:
    """registry.json's meta: the higher schema (the other side's files are migrated when next opened)."""
    schemas = [m.get("1", {}).get("schema", 0) for m in (ours, theirs)]
    return ours if schemas[0] >= schemas[1] else theirs


# -- article files ---------------------------------------------------------------------------------


def _merge_article_file(base: Doc, ours: Doc, theirs: Doc, conflicts: list[Doc]) -> Doc:
    article = merge_article(base.get("article", {}).get("1"), ours["article"]["1"], theirs["article"]["1"])
    claims = _rename_collisions(base.get("claims", {}), ours["claims"], dict(theirs["claims"]), article["id"])

    def claim(b: Doc | None, o: Doc, t: Doc) -> Doc:
        merged, found = merge_claim(b, o, t)
        conflicts.extend(found)
        return merged

    merged = {"article": {"1": article}, "claims": merge_tables(base.get("claims", {}), ours["claims"], claims, claim)}
    for table in sorted((ours.keys() | theirs.keys()) - {"article", "claims"}):
        merged[table] = merge_tables(base.get(table, {}), ours.get(table, {}), theirs.get(table, {}), _take_ours)
    return merged


def merge_article(base: Doc | None, ours: Doc, theirs: Doc) -> Doc:
    """An article document: its text as a whole (ArticleTextConflict when changed two ways), the rest by field."""
    base = base or {}
    text = [_three_way(*(tuple(d.get(f) for f in _TEXT_FIELDS) for d in (base, ours, theirs)))]
    if text[0] is _CONFLICT:
        if not base:
            raise ArticleTextConflict(f"article {ours.get('id')} was ingested with two different texts")
        raise ArticleTextConflict(f"article {ours.get('id')} was updated to two different texts")
    merged = dict(ours)
    merged.update(zip(_TEXT_FIELDS, text[0], strict=True))
    for field in sorted((ours.keys() | theirs.keys()) - set(_TEXT_FIELDS)):
        value = _three_way(base.get(field), ours.get(field), theirs.get(field))
        merged[field] = _quiet(field, ours.get(field), theirs.get(field)) if value is _CONFLICT else value
    return merged


def _rename_collisions(base: Doc, ours: Doc, theirs: Doc, article_id: str) -> Doc:
    """Theirs with each claim that took an id ours gives another claim moved to a fresh id."""
    for key, claim in sorted(theirs.items()):
        mine = ours.get(key)
        if key in base or mine is None or _same_claim(mine, claim):
            continue
        taken = {d["id"] for d in (*ours.values(), *theirs.values())}
        seed = json.dumps([claim["id"], claim["span"], claim["kind"]], sort_keys=True)
        fresh = new_id("c", seed, taken.__contains__, near=article_id)
        event = new_event(MERGED_BY, "renamed", **{"from": claim["id"], "to": fresh})
        del theirs[key]
        theirs[str(doc_id(fresh))] = {**claim, "id": fresh, "history": [*claim["history"], event]}
    return theirs


def _same_claim(a: Doc, b: Doc) -> bool:
    """Two sides' claims under one id are one claim when they quote the same place the same way."""
    return (a["kind"], a["span"]["start"], a["span"]["quote"]) == (b["kind"], b["span"]["start"], b["span"]["quote"])


# -- one claim, field by field -----------------------------------------------------------------------


def merge_claim(base: Doc | None, ours: Doc, theirs: Doc) -> tuple[Doc, list[Doc]]:
    """A claim changed on both sides, merged field by field; the conflict events it needed."""
    base = base or {"status": "unverified"}  # added on both sides: each began as every claim begins
    merged: Doc = dict(ours)
    conflicts: list[Doc] = []
    parts = [{f: d.get(f) for f in ANCHOR} for d in (base, ours, theirs)]
    anchor = _three_way(*parts)
    if anchor is _CONFLICT:  # one side's span with the other's version would point nowhere: kept together
        anchor = parts[1]
        sides = [{**d, "anchor": p} for d, p in zip((base, ours, theirs), parts, strict=True)]
        conflicts.append(_conflict_event("anchor", *sides))
    merged.update(anchor)
    for field in sorted((ours.keys() | theirs.keys()) - set(ANCHOR)):
        b, o, t = base.get(field), ours.get(field), theirs.get(field)
        if field == "history":
            merged[field] = merge_history(b or [], o or [], t or [])
        elif field == "evidence":
            merged[field] = _merge_set(b or [], o or [], t or [], key=lambda e: e["url"])
        elif field == "seen_before":
            merged[field] = _merge_set(b or [], o or [], t or [], key=lambda s: s)
        elif field in _EARLIEST or field in _LATEST:
            merged[field] = _quiet(field, o, t)
        else:
            value = _three_way(b, o, t)
            if value is _CONFLICT:
                value = o
                conflicts.append(_conflict_event(field, base, ours, theirs))
            merged[field] = value
    # The status is where the merged history's status events end: the one set last (ties of one second in
    # either order); so `doctor`'s history check holds however git paired the sides and their bases.
    merged["status"] = _last_status(merged["history"], merged["status"])
    if conflicts:
        merged["history"] = merge_history([], merged["history"], conflicts)
        merged["updated_at"] = max(merged["updated_at"], conflicts[-1]["at"])
    return merged, conflicts


def merge_history(base: list[Doc], ours: list[Doc], theirs: list[Doc]) -> list[Doc]:
    """Both histories, each event once, in time order (history is append-only: nothing is ever dropped)."""
    seen: dict[str, Doc] = {}
    for event in (*base, *ours, *theirs):
        seen.setdefault(json.dumps(event, sort_keys=True), event)
    # A stable sort by time alone: events of one second keep each side's order (`created` stays first).
    return sorted(seen.values(), key=lambda e: e.get("at", ""))


def _merge_set(base: list[Any], ours: list[Any], theirs: list[Any], *, key: Any) -> list[Any]:
    """Items of either side, minus those one side removed since the base; ours first, then theirs' new ones."""
    was = {key(item) for item in base}
    mine, yours = {key(item) for item in ours}, {key(item) for item in theirs}
    kept = [item for item in ours if key(item) in yours or key(item) not in was]
    kept_keys = {key(item) for item in kept}
    kept += [item for item in theirs if key(item) not in kept_keys and (key(item) in mine or key(item) not in was)]
    if kept and isinstance(kept[0], dict) and "added_at" in kept[0]:
        kept.sort(key=lambda e: e.get("added_at", ""))  # evidence: in the order it was added, whoever added it
    return kept


_CONFLICT = object()


def _last_status(history: list[Doc], otherwise: Any) -> Any:
    """The status the history's last status event set; `otherwise` when it has none."""
    for event in reversed(history):
        if event.get("action") == "status" and event.get("detail", {}).get("to"):
            return event["detail"]["to"]
    return otherwise


def _three_way(base: Any, ours: Any, theirs: Any) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return _CONFLICT


def _quiet(field: str, ours: Any, theirs: Any) -> Any:
    """A field where a disagreement is no conflict: the earliest creation, the latest change, else ours."""
    if ours is None or theirs is None:
        return ours if theirs is None else theirs
    if field in _EARLIEST:
        return min(ours, theirs)
    if field in _LATEST:
        return max(ours, theirs)
    return ours


def _conflict_event(field: str, base: Doc, ours: Doc, theirs: Doc) -> Doc:
    """The history event of a disagreement: the value before, each side's value, and who set it when."""
    return new_event(
        MERGED_BY,
        "conflict",
        field=field,
        base=base.get(field),
        ours=_side(field, base, ours),
        theirs=_side(field, base, theirs),
    )


def _side(field: str, base: Doc, side: Doc) -> Doc:
    """One side of a conflict: its value, and the last event that side added since the base (who, when)."""
    before = {json.dumps(e, sort_keys=True) for e in base.get("history", [])}
    added = [e for e in side.get("history", []) if json.dumps(e, sort_keys=True) not in before]
    if field == "status":
        added = [e for e in added if e.get("action") == "status"] or added
    last = added[-1] if added else {}
    return {"value": side.get(field), "by": last.get("by", ""), "at": last.get("at", side.get("updated_at"))}


# -- open conflicts ----------------------------------------------------------------------------------


def open_conflicts(claim: Doc) -> list[Doc]:
    """The claim's conflict events not yet followed by a `resolved` event for the same field, one per field."""
    latest: dict[str, Doc] = {}
    for event in claim.get("history", []):
        field = event.get("detail", {}).get("field")
        if event.get("action") == "conflict":
            latest[field] = event
        elif event.get("action") == "resolved":
            latest.pop(field, None)
    return [latest[f] for f in sorted(latest)]


def resolve(claim: Doc, take: str, *, by: str, field: str | None = None) -> Doc:
    """The claim with a conflict settled: `take` is ours, theirs, or (for a status) the status to set.

    A `resolved` event closes the conflict; a status that changes also gets its
    `status` event, as `mark` gives it. A verdict still needs evidence.
    """
    from claimcheck.actions import record
    from claimcheck.enums import VERDICTS, parse_status
    from claimcheck.errors import EvidenceRequired, TransitionRefused, UsageError

    found = {e["detail"].get("field"): e for e in open_conflicts(claim)}
    if not found:
        raise TransitionRefused(f"{claim['id']} has no conflict to resolve")
    if field is None and len(found) == 1:
        field = next(iter(found))
    if field is None or field not in found:
        raise UsageError(f"{claim['id']} has conflicts on {', '.join(sorted(found))}; say which with --field")
    detail = found[field]["detail"]
    if take in ("ours", "theirs"):
        value = detail.get(take, {}).get("value")
    elif field == "status":
        value = parse_status(take).value
    else:
        raise UsageError(f"--take must be ours or theirs for a conflict on {field}")
    if field == "status" and value in {v.value for v in VERDICTS} and not claim["evidence"]:
        raise EvidenceRequired(f"{claim['id']}: {value} needs evidence; add it with `claimcheck evidence add` first")
    before = {f: claim.get(f) for f in ANCHOR} if field == "anchor" else claim.get(field)
    if field == "status" and value != before:
        claim = record(claim, by, "status", **{"from": before, "to": value, "note": "resolved a merge conflict"})
    claim = record(claim, by, "resolved", field=field, took=take, **{"from": before, "to": value})
    return {**claim, **value} if field == "anchor" else {**claim, field: value}
