"""`undo` reverts a claim's last change (its evidence too) as a new event; `remove` takes out a hand-added claim."""

from __future__ import annotations

import json

import pytest

from claimcheck import actions
from claimcheck.enums import Stance, Status
from claimcheck.errors import TransitionRefused
from claimcheck.undo import undo
from tests.test_actions import _claim

URL = "https://example.org/dod"


def _doc(claim: str, cli) -> dict:
    return cli("show", claim, "--json").json()


def test_each_change_is_reverted_and_the_history_only_grows():
    start = _claim()
    evidence = actions.make_evidence(URL, stance=Stance.refutes, note=None, by="ana")
    steps = [
        lambda c: actions.set_status(c, Status.false, by="ana", evidence=[evidence]),
        lambda c: actions.assign(c, "bo", by="ana"),
        lambda c: actions.tag(c, ["sahel"], by="ana"),
        lambda c: actions.comment(c, "ask the DoD", by="ana"),
        lambda c: actions.set_priority(c, actions.Priority.high, by="ana"),
        lambda c: actions.remove_evidence(actions.set_status(c, Status.in_review, by="ana"), URL, by="ana"),
    ]
    states = [start]
    for step in steps:
        states.append(step(states[-1]))
    claim = states[-1]
    fields = ("status", "evidence", "assignee", "tags", "comments", "priority")
    for before in reversed(states[:-1]):
        length = len(claim["history"])
        undone = undo(claim, by="cy")
        assert undone["history"][:length] == claim["history"]  # append-only
        assert undone["history"][-1]["action"] == "undone" and undone["history"][-1]["by"] == "cy"
        claim = undone
        if before is states[-2]:
            claim = undo(claim, by="cy")  # the last step was two changes: a status, then an evidence removal
        assert {k: claim[k] for k in fields} == {k: before[k] for k in fields}
    with pytest.raises(TransitionRefused, match="nothing to undo"):
        undo(claim, by="cy")


def test_undo_of_a_verdict_takes_out_the_evidence_it_came_with(cli, seeded):
    claim = seeded[1]["id"]
    assert cli("mark", claim, "false", "-e", URL).exit_code == 0
    result = cli("undo", claim)
    assert result.exit_code == 0, result.stderr
    assert "undid the status change; now unverified" in result.stdout
    doc = _doc(claim, cli)
    assert doc["status"] == "unverified" and doc["evidence"] == []
    assert [e["action"] for e in doc["history"]] == ["created", "evidence_added", "status", "undone"]
    assert doc["history"][-1]["detail"] == {"events": [2, 1], "action": "status"}
    assert cli("doctor").exit_code == 0


def test_undo_goes_back_change_by_change_then_stops(cli, seeded):
    claim = seeded[1]["id"]
    assert cli("evidence", "add", claim, URL).exit_code == 0
    assert cli("mark", claim, "verified").exit_code == 0
    assert cli("comment", claim, "checked twice").exit_code == 0
    assert cli("undo", claim).exit_code == 0
    assert _doc(claim, cli)["comments"] == [] and _doc(claim, cli)["status"] == "verified"
    assert cli("undo", claim).exit_code == 0
    assert _doc(claim, cli)["status"] == "unverified" and len(_doc(claim, cli)["evidence"]) == 1
    assert cli("undo", claim, "--json").json()["evidence"] == []
    nothing = cli("undo", claim)
    assert nothing.exit_code == 1 and "nothing to undo" in nothing.stderr and nothing.stdout == ""
    assert cli("doctor").exit_code == 0


def test_undo_of_an_unknown_claim_is_a_json_error(cli, seeded):
    result = cli("undo", "c-nope", "--json")
    assert result.exit_code == 1 and result.json()["error"]["code"] == "not_found"


def _added(cli, seeded) -> str:
    article = seeded[0]["article_id"]
    result = cli("add", article, "--quote", "ont convenu", "--kind", "statement", "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()["id"]


def test_a_claim_added_by_hand_is_removed_and_a_record_kept(cli, seeded, registry):
    claim = _added(cli, seeded)
    result = cli("remove", claim, "--note", "added by mistake", "--by", "ana")
    assert result.exit_code == 0, result.stderr
    assert claim not in {c["id"] for c in cli("list", "--json").json()}
    gone = cli("show", claim)
    assert gone.exit_code == 1 and "no claim" in gone.stderr.lower()
    articles = cli("articles", "--json").json()
    assert articles[0]["claims"] == len(seeded)
    stored = json.loads((registry / "articles" / f"{seeded[0]['article_id']}.json").read_text(encoding="utf-8"))
    (record,) = stored["removed"].values()
    assert record["id"] == claim and record["history"][-1]["action"] == "removed"
    assert record["history"][-1]["by"] == "ana" and record["history"][-1]["detail"] == {"note": "added by mistake"}
    assert cli("doctor").exit_code == 0
    # The record survives the next write of the article file.
    assert cli("add", seeded[0]["article_id"], "--quote", "ont convenu", "--kind", "statement").exit_code == 0
    stored = json.loads((registry / "articles" / f"{seeded[0]['article_id']}.json").read_text(encoding="utf-8"))
    assert len(stored["removed"]) == 1


def test_an_extracted_claim_cannot_be_removed_only_dismissed(cli, seeded):
    result = cli("remove", seeded[0]["id"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "dismiss" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert len(cli("list", "--json").json()) == len(seeded)
