"""Evidence gathered for an old value predates the change: a verdict then needs new evidence, and reports say so."""

from __future__ import annotations

from tests.workflows.test_update import v2  # noqa: F401  (the fixture: an edited seed, 1 000 → 1 100 soldats)

EVIDENCE = "https://example.org/dod-march"
NEW = "https://example.org/dod-may"


def test_a_verdict_after_a_change_of_value_needs_new_evidence(cli, seeded, v2):  # noqa: F811
    soldiers = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")["id"]
    assert cli("verify", soldiers, "--evidence", EVIDENCE).exit_code == 0
    assert cli("update", seeded[0]["article_id"], v2).exit_code == 0
    refused = cli("mark", soldiers, "verified")
    assert refused.exit_code == 1 and "predates the change of its value in version 2" in refused.stderr
    assert cli("show", soldiers, "--json").json()["status"] == "in-review"
    report = cli("report", "--format", "md").stdout
    assert "predates the change of value in version 2" in report
    # The same source, checked again, counts as new evidence; so does another one.
    again = cli("mark", soldiers, "verified", "--evidence", EVIDENCE)
    assert again.exit_code == 0, again.stderr
    assert "predates" not in cli("report", "--format", "md").stdout
    assert cli("doctor").exit_code == 0


def test_new_evidence_makes_the_verdict_possible(cli, seeded, v2):  # noqa: F811
    soldiers = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")["id"]
    assert cli("verify", soldiers, "--evidence", EVIDENCE).exit_code == 0
    assert cli("update", seeded[0]["article_id"], v2).exit_code == 0
    assert cli("evidence", "add", soldiers, NEW).exit_code == 0
    assert cli("mark", soldiers, "verified").exit_code == 0
