"""The three-way merge of registry files (store/merge.py), as pure functions over documents."""

from __future__ import annotations

import pytest

from claimcheck.errors import EvidenceRequired, TransitionRefused
from claimcheck.store.layout import doc_id
from claimcheck.store.merge import ArticleTextConflict, merge_claim, merge_file, merge_history, open_conflicts, resolve


def _event(at: str, by: str, action: str, **detail: object) -> dict:
    return {"at": at, "by": by, "action": action, "detail": detail}


def _claim(cid: str = "c-ab1234", **changes: object) -> dict:
    claim = {
        "id": cid,
        "article_id": "a-ab0000",
        "kind": "quantity",
        "text": "1,200 soldats",
        "span": {"start": 10, "end": 22, "quote": "1 200 soldats", "prefix": "", "suffix": ""},
        "value": {"amount": 1200},
        "status": "unverified",
        "evidence": [],
        "history": [_event("2024-01-01T00:00:00Z", "ann", "created")],
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
        "version": 1,
        "orphaned": False,
        "seen_before": [],
    }
    claim.update(changes)
    return claim


def _evidence(url: str, at: str) -> dict:
    return {
        "url": url,
        "stance": "supports",
        "note": None,
        "added_at": at,
        "added_by": "x",
        "sha256": None,
        "size": None,
    }


def _marked(claim: dict, status: str, by: str, at: str, url: str) -> dict:
    return {
        **claim,
        "status": status,
        "evidence": [*claim["evidence"], _evidence(url, at)],
        "history": [
            *claim["history"],
            _event(at, by, "evidence_added", url=url),
            _event(at, by, "status", **{"from": claim["status"], "to": status}),
        ],
        "updated_at": at,
    }


def test_changes_to_different_fields_of_one_claim_both_stay():
    base = _claim()
    ours = _marked(base, "verified", "ann", "2024-01-02T00:00:00Z", "https://a.example/1")
    theirs = {**base, "seen_before": ["c-001122"], "updated_at": "2024-01-03T00:00:00Z"}
    merged, conflicts = merge_claim(base, ours, theirs)
    assert conflicts == []
    assert merged["status"] == "verified"
    assert merged["seen_before"] == ["c-001122"]
    assert merged["updated_at"] == "2024-01-03T00:00:00Z"


def test_evidence_and_history_are_unions_in_time_order_without_duplicates():
    base = _claim()
    ours = _marked(base, "in-review", "ann", "2024-01-03T00:00:00Z", "https://a.example/1")
    theirs = _marked(base, "in-review", "bob", "2024-01-02T00:00:00Z", "https://b.example/2")
    merged, conflicts = merge_claim(base, ours, theirs)
    assert conflicts == []  # the same status on both sides is no disagreement
    assert [e["url"] for e in merged["evidence"]] == ["https://b.example/2", "https://a.example/1"]
    times = [e["at"] for e in merged["history"]]
    assert times == sorted(times) and len(merged["history"]) == 5
    assert merge_history(merged["history"], merged["history"], ours["history"]) == merged["history"]


def test_evidence_removed_on_one_side_stays_removed():
    base = _claim(evidence=[_evidence("https://a.example/1", "2024-01-01T00:00:00Z")])
    ours = {**base, "evidence": []}
    theirs = {**base, "evidence": [*base["evidence"], _evidence("https://b.example/2", "2024-01-02T00:00:00Z")]}
    merged, _ = merge_claim(base, ours, theirs)
    assert [e["url"] for e in merged["evidence"]] == ["https://b.example/2"]


def test_two_statuses_are_one_conflict_naming_both_sides_and_keep_the_last_set():
    base = _claim()
    ours = _marked(base, "verified", "ann", "2024-01-02T00:00:00Z", "https://a.example/1")
    theirs = _marked(base, "false", "bob", "2024-01-03T00:00:00Z", "https://b.example/2")
    merged, conflicts = merge_claim(base, ours, theirs)
    assert len(conflicts) == 1
    detail = conflicts[0]["detail"]
    assert detail["field"] == "status" and detail["base"] == "unverified"
    assert (detail["ours"]["value"], detail["ours"]["by"]) == ("verified", "ann")
    assert (detail["theirs"]["value"], detail["theirs"]["by"]) == ("false", "bob")
    assert merged["status"] == "false"  # what the history's last status event says
    assert [e["detail"]["field"] for e in open_conflicts(merged)] == ["status"]


def test_resolve_settles_the_conflict_with_history_events():
    base = _claim()
    ours = _marked(base, "verified", "ann", "2024-01-02T00:00:00Z", "https://a.example/1")
    theirs = _marked(base, "false", "bob", "2024-01-03T00:00:00Z", "https://b.example/2")
    merged, _ = merge_claim(base, ours, theirs)
    settled = resolve(merged, "ours", by="cid")
    assert settled["status"] == "verified"
    assert [e["action"] for e in settled["history"][-2:]] == ["status", "resolved"]
    assert open_conflicts(settled) == []
    with pytest.raises(TransitionRefused):
        resolve(settled, "theirs", by="cid")
    with pytest.raises(EvidenceRequired):
        resolve({**merged, "evidence": []}, "verified", by="cid")


def test_new_claims_of_both_sides_are_kept_and_colliding_ids_keep_both():
    base = {"article": {"1": {"id": "a-ab0000", "text": "t", "sha256": "s", "versions": []}}, "claims": {}}
    mine, other = _claim("c-ab1111"), _claim("c-ab2222", span={"start": 40, "end": 45, "quote": "x", "prefix": ""})
    clash = _claim("c-ab1111", span={"start": 60, "end": 65, "quote": "y", "prefix": "", "suffix": ""})
    ours = {**base, "claims": {str(doc_id(mine["id"])): mine}}
    theirs = {**base, "claims": {str(doc_id(other["id"])): other, str(doc_id(clash["id"])): clash}}
    merged, conflicts = merge_file(base, ours, theirs, "claims/articles/a-ab0000.json")
    assert conflicts == []
    quotes = sorted(c["span"]["quote"] for c in merged["claims"].values())
    assert quotes == ["1 200 soldats", "x", "y"]
    renamed = next(c for c in merged["claims"].values() if c["span"]["quote"] == "y")
    assert renamed["id"] != "c-ab1111" and renamed["id"].startswith("c-ab")
    assert renamed["history"][-1]["action"] == "renamed"
    assert all(key == str(doc_id(c["id"])) for key, c in merged["claims"].items())


def test_an_article_updated_to_two_texts_is_not_merged():
    base = {"id": "a-1", "text": "t0", "sha256": "0", "versions": []}
    with pytest.raises(ArticleTextConflict):
        merge_file(
            {"article": {"1": base}, "claims": {}},
            {"article": {"1": {**base, "text": "t1", "sha256": "1"}}, "claims": {}},
            {"article": {"1": {**base, "text": "t2", "sha256": "2"}}, "claims": {}},
            "claims/articles/a-1.json",
        )


def test_registry_json_keeps_the_summaries_of_both_sides():
    meta = {"1": {"schema": 2}}
    base = {"meta": meta, "articles": {"1": {"id": "a-1"}}}
    ours = {"meta": meta, "articles": {"1": {"id": "a-1"}, "2": {"id": "a-2"}}}
    theirs = {"meta": meta, "articles": {"1": {"id": "a-1"}, "3": {"id": "a-3"}}}
    merged, _ = merge_file(base, ours, theirs, "claims/registry.json")
    assert sorted(merged["articles"]) == ["1", "2", "3"] and merged["meta"] == meta


def test_a_claim_added_on_both_sides_and_marked_on_one_is_no_conflict():
    mine = _marked(_claim(), "false", "ann", "2024-01-02T00:00:00Z", "https://a.example/1")
    merged, conflicts = merge_claim(None, mine, _claim())
    assert conflicts == [] and merged["status"] == "false"


def test_a_claim_anchored_two_ways_is_one_conflict_resolved_as_a_whole():
    base = _claim()
    moved = {**base, "version": 2, "span": {**base["span"], "start": 30, "end": 42}}
    orphaned = {**base, "version": 3, "orphaned": True}
    merged, conflicts = merge_claim(base, moved, orphaned)
    assert [c["detail"]["field"] for c in conflicts] == ["anchor"]
    assert (merged["version"], merged["span"]["start"], merged["orphaned"]) == (2, 30, False)
    settled = resolve(merged, "theirs", by="cid")
    assert (settled["version"], settled["span"]["start"], settled["orphaned"]) == (3, 10, True)
    assert open_conflicts(settled) == []
