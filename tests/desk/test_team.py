"""The desk's fields (assignee, tags, comments, priority): each change a history event and in the claim JSON."""

from __future__ import annotations

import json

import pytest


def _first(seeded) -> str:
    return seeded[0]["id"]


def test_assign_and_unassign_are_history_events_and_in_the_json(cli, seeded):
    claim = _first(seeded)
    done = cli("assign", claim, "Ana", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["assignee"] == "Ana"
    assert done.json()["history"][-1]["action"] == "assigned"
    assert done.json()["history"][-1]["detail"] == {"to": "Ana"}
    again = cli("assign", claim, "Bo", "--by", "desk")
    assert again.exit_code == 0 and "assigned to Bo" in again.stdout
    shown = cli("show", claim, "--json").json()
    assert shown["assignee"] == "Bo" and shown["history"][-1] == shown["history"][-1] | {"by": "desk"}
    assert shown["history"][-1]["detail"] == {"from": "Ana", "to": "Bo"}
    assert cli("unassign", claim).exit_code == 0
    shown = cli("show", claim, "--json").json()
    assert shown["assignee"] is None and shown["history"][-1]["action"] == "unassigned"


def test_tags_are_lower_case_words_added_once(cli, seeded):
    claim = _first(seeded)
    assert cli("tag", claim, "Defence", "#sahel", "defence").exit_code == 0
    shown = cli("show", claim, "--json").json()
    assert shown["tags"] == ["defence", "sahel"]
    assert shown["history"][-1]["detail"] == {"tags": ["defence", "sahel"]}
    refused = cli("tag", claim, "sahel")
    assert refused.exit_code == 1 and "already" in refused.stderr and refused.stdout == ""
    assert cli("untag", claim, "sahel").exit_code == 0
    assert cli("show", claim, "--json").json()["tags"] == ["defence"]
    bad = cli("tag", claim, "two words", "--json")
    assert bad.exit_code == 1 and bad.json()["error"]["code"] == "bad_input"


def test_comments_form_a_thread_shown_by_show(cli, seeded):
    claim = _first(seeded)
    assert cli("comment", claim, "Ask the DoD for the May figure", "--by", "ana").exit_code == 0
    assert cli("comment", claim, "Asked; waiting", "--by", "bo").exit_code == 0
    shown = cli("show", claim, "--json").json()
    assert [(c["by"], c["text"]) for c in shown["comments"]] == [
        ("ana", "Ask the DoD for the May figure"),
        ("bo", "Asked; waiting"),
    ]
    assert [e["action"] for e in shown["history"]][-2:] == ["commented", "commented"]
    table = cli("show", claim)
    assert "comments" in table.stdout and "Asked; waiting" in table.stdout
    empty = cli("comment", claim, "   ")
    assert empty.exit_code == 1 and "empty" in empty.stderr


def test_priority_defaults_from_checkworthiness_and_can_be_set(cli, seeded):
    statement = next(c for c in seeded if c["kind"] == "statement")
    assert statement["priority"] is None
    assert "(from checkworthiness)" in cli("show", statement["id"]).stdout
    done = cli("priority", statement["id"], "LOW", "--json")
    assert done.exit_code == 0 and done.json()["priority"] == "low"
    bad = cli("priority", statement["id"], "urgent")
    assert bad.exit_code == 1 and "high, normal, low" in bad.stderr


@pytest.mark.parametrize(
    "args", [("assign", "c-nope", "ana"), ("tag", "c-nope", "x"), ("comment", "c-nope", "hi"), ("unassign", "c-nope")]
)
def test_an_unknown_claim_is_a_one_line_error(cli, seeded, args):
    result = cli(*args)
    assert result.exit_code == 1 and result.stdout == ""
    assert "no claim" in result.stderr.lower() and len(result.stderr.strip().splitlines()) == 1


def test_unassign_of_nobody_is_refused(cli, seeded):
    result = cli("unassign", _first(seeded))
    assert result.exit_code == 1 and "not assigned" in result.stderr


def test_a_schema_2_registry_gains_the_desk_fields(cli, seeded, registry):
    """A registry written before the desk's fields is migrated: every claim gets them, a copy is kept."""
    for path in (registry / "articles").glob("a-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for doc in data["claims"].values():
            for key in ("assignee", "tags", "comments", "priority"):
                del doc[key]
        path.write_text(json.dumps(data), encoding="utf-8")
    meta = json.loads((registry / "registry.json").read_text(encoding="utf-8"))
    meta["meta"]["1"]["schema"] = 2
    (registry / "registry.json").write_text(json.dumps(meta), encoding="utf-8")
    upgraded = cli("list", "--json")
    assert upgraded.exit_code == 0, upgraded.stderr
    assert "from schema 2 to 3" in upgraded.stderr
    assert registry.with_name(f"{registry.name}.schema2.backup").is_dir()
    claims = upgraded.json()
    assert len(claims) == len(seeded)
    assert all(c["tags"] == [] and c["comments"] == [] and c["assignee"] is None for c in claims)
    stored = next((registry / "articles").glob("a-*.json"))
    assert all("comments" in doc for doc in json.loads(stored.read_text(encoding="utf-8"))["claims"].values())
    assert cli("assign", claims[0]["id"], "ana").exit_code == 0
    assert cli("doctor").exit_code == 0


def test_comments_appear_in_the_reports(cli, seeded):
    claim = _first(seeded)
    assert cli("comment", claim, "Ask the DoD for the May figure", "--by", "ana").exit_code == 0
    for fmt in ("md", "html", "json"):
        report = cli("report", "--format", fmt)
        assert report.exit_code == 0, report.stderr
        assert "Ask the DoD for the May figure" in report.stdout, fmt


def test_a_comment_taken_back_by_undo_leaves_the_reports(cli, seeded):
    claim = _first(seeded)
    assert cli("comment", claim, "posted by mistake").exit_code == 0
    assert cli("undo", claim).exit_code == 0
    assert "posted by mistake" not in cli("report", "--format", "md").stdout
