"""A second pair of eyes: with `approval` on, a verdict counts (and is published) once another person approves it."""

from __future__ import annotations

import json

URL = "https://example.org/dod"


def _verdict(cli, seeded, by: str = "ana") -> str:
    claim = next(c for c in seeded if c["text"] == "750 km")["id"]
    assert cli("mark", claim, "verified", "-e", URL, "--by", by).exit_code == 0
    return claim


def _reviews(cli) -> list[str]:
    report = cli("report", "--format", "claimreview")
    assert report.exit_code == 0, report.stderr
    return [r["claimReviewed"] for r in json.loads(report.stdout)["@graph"]]


def test_the_setting_is_off_by_default_and_approving_is_refused_then(cli, seeded):
    assert cli("config", "approval", "--json").json() == {"approval": False}
    claim = _verdict(cli, seeded)
    refused = cli("approve", claim, "--by", "bo")
    assert refused.exit_code == 1 and "config approval on" in refused.stderr
    assert len(_reviews(cli)) == 1  # published on one person's word, as before


def test_a_verdict_is_pending_until_another_person_approves_it(cli, seeded, registry):
    assert cli("config", "approval", "on").exit_code == 0
    assert "approval = true" in (registry / "config.toml").read_text(encoding="utf-8")
    claim = _verdict(cli, seeded)
    assert [c["id"] for c in cli("list", "--pending", "--json").json()] == [claim]
    assert _reviews(cli) == []  # not published while pending
    own = cli("approve", claim, "--by", "ana")
    assert own.exit_code == 1 and "another person" in own.stderr and own.stdout == ""
    done = cli("approve", claim, "--by", "bo", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["history"][-1] | {"at": None} == {
        "at": None,
        "by": "bo",
        "action": "approved",
        "detail": {"verdict": "verified"},
    }
    assert cli("list", "--pending", "--json").json() == []
    assert len(_reviews(cli)) == 1
    assert "approved by bo" in cli("show", claim).stdout
    again = cli("approve", claim, "--by", "cy")
    assert again.exit_code == 1 and "already approved" in again.stderr
    assert cli("doctor").exit_code == 0


def test_a_new_verdict_needs_a_new_approval_and_undo_withdraws_one(cli, seeded):
    assert cli("config", "approval", "on").exit_code == 0
    claim = _verdict(cli, seeded)
    assert cli("approve", claim, "--by", "bo").exit_code == 0
    assert cli("undo", claim, "--by", "bo").exit_code == 0
    assert [c["id"] for c in cli("list", "--pending", "--json").json()] == [claim]
    assert cli("approve", claim, "--by", "bo").exit_code == 0
    assert cli("mark", claim, "misleading", "--by", "ana").exit_code == 0
    assert [c["id"] for c in cli("list", "--pending", "--json").json()] == [claim]


def test_reject_sends_it_back_to_review_with_a_note(cli, seeded):
    assert cli("config", "approval", "on").exit_code == 0
    claim = _verdict(cli, seeded)
    bare = cli("reject", claim, "--by", "bo")
    assert bare.exit_code == 1 and "--note" in bare.stderr
    done = cli("reject", claim, "--by", "bo", "--note", "the map is of another town", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["status"] == "in-review"
    assert done.json()["history"][-1]["detail"] == {
        "from": "verified",
        "to": "in-review",
        "note": "the map is of another town",
    }
    assert cli("doctor").exit_code == 0
    assert cli("undo", claim).exit_code == 0
    assert cli("show", claim, "--json").json()["status"] == "verified"


def test_config_refuses_unknown_settings_and_values(cli, seeded):
    unknown = cli("config", "colour", "blue")
    assert unknown.exit_code == 1 and "unknown setting" in unknown.stderr
    bad = cli("config", "approval", "maybe", "--json")
    assert bad.exit_code == 1 and bad.json()["error"]["code"] == "invalid_value"
