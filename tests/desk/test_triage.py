"""`list` for triage: the sentence beside the label, --sort, several statuses, assignee, tag, speaker, worth."""

from __future__ import annotations

import pytest

from claimcheck.triage import plain, shortened


def _ids(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [c["id"] for c in result.json()]


def test_search_ignores_accents_and_case_and_reads_the_sentence(cli, seeded):
    found = cli("list", "--search", "etats-unis", "--json").json()
    assert found and all(
        "États-Unis" in c["span"]["quote"]
        or "États-Unis" in c["span"]["prefix"] + c["span"]["suffix"]
        or "États-Unis" in c["text"]
        for c in found
    )
    # "Agadez" is in neither label nor quote of the distance, only in its sentence.
    agadez = cli("list", "--search", "AGADEZ", "--json").json()
    assert {"750 km", "460 mi"} <= {c["text"] for c in agadez}


def test_several_statuses_at_once_and_dismissed_hidden_unless_asked(cli, seeded):
    first, second, third = (c["id"] for c in seeded[:3])
    assert cli("mark", first, "in-review").exit_code == 0
    assert cli("mark", third, "dismissed").exit_code == 0
    both = _ids(cli("list", "--status", "unverified", "--status", "in-review", "--json"))
    assert first in both and second in both and third not in both
    assert third in _ids(cli("list", "--json"))  # scripts get every claim
    assert third not in cli("list", "--limit", "0").stdout
    assert third in cli("list", "--all", "--limit", "0").stdout
    assert _ids(cli("list", "--status", "dismissed", "--json")) == [third]
    table = cli("list")
    assert third not in table.stdout and first in table.stdout


def test_assignee_and_tag_filters(cli, seeded):
    a, b = seeded[0]["id"], seeded[1]["id"]
    assert cli("assign", a, "Ana").exit_code == 0
    assert cli("tag", b, "sahel", "defence").exit_code == 0
    assert _ids(cli("list", "--assignee", "ana", "--json")) == [a]
    assert _ids(cli("list", "--tag", "sahel", "--tag", "defence", "--json")) == [b]
    assert _ids(cli("list", "--tag", "sahel", "--assignee", "ana", "--json")) == []


def test_speaker_and_min_checkworthiness(cli, seeded):
    quotes = _ids(cli("list", "--speaker", "abdramane", "--json"))
    assert quotes and all(c["value"]["speaker"] == "Amadou Abdramane" for c in seeded if c["id"] in quotes)
    worthy = cli("list", "--min-checkworthiness", "0.8", "--json").json()
    assert worthy and all(c["value"]["checkworthiness"] >= 0.8 for c in worthy)
    bad = cli("list", "--min-checkworthiness", "3")
    assert bad.exit_code == 1 and "between 0 and 1" in bad.stderr


def test_sort_by_priority_puts_high_first_and_a_set_priority_wins(cli, seeded):
    low = min((c for c in seeded if c["kind"] == "statement"), key=lambda c: c["value"]["checkworthiness"])
    assert cli("priority", low["id"], "high").exit_code == 0
    ordered = [c["id"] for c in cli("list", "--sort", "priority", "--json").json()]
    high = [c["id"] for c in seeded if c["value"].get("checkworthiness", 0) >= 0.7]
    # Every high claim (by checkworthiness, or set by hand) comes before the normal and low ones.
    assert set(ordered[: len(high) + 1]) == {*high, low["id"]}
    worths = [
        c["value"]["checkworthiness"]
        for c in cli("list", "--sort", "checkworthiness", "--json").json()
        if "checkworthiness" in c["value"]
    ]
    assert worths == sorted(worths, reverse=True)
    updated = cli("list", "--sort", "updated", "--json").json()
    stamps = [c["updated_at"] for c in updated]
    assert stamps == sorted(stamps, reverse=True)  # newest first (the change may share its second with the ingest)
    assert low["id"] in [c["id"] for c in updated if c["updated_at"] == stamps[0]]
    bad = cli("list", "--sort", "size")
    assert bad.exit_code == 1 and "position, priority, updated, checkworthiness" in bad.stderr


def test_the_table_shows_the_span_in_its_sentence(cli, seeded):
    table = cli("list", "--kind", "quantity")
    assert table.exit_code == 0
    assert "in its sentence" in table.stdout and "au nord-est" in table.stdout


@pytest.mark.parametrize("limit", ["-1", "-5"])
def test_a_negative_limit_is_refused(cli, seeded, limit):
    result = cli("list", "--limit", limit)
    assert result.exit_code == 1 and "--limit" in result.stderr and result.stdout == ""


def test_plain_and_shortened():
    assert plain("États-Unis") == "etats-unis"
    assert shortened("fin. Les troupes ", " le 15 septembre. Puis") == ("Les troupes ", " le 15 septembre.")
