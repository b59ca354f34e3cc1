"""`status --desk`: per person and per article, reviewed, verdicts, pending approval, open assignments, median time."""

from __future__ import annotations

URL = "https://example.org/dod"


def test_desk_figures_per_person_and_article(cli, seeded):
    a, b, c = (x["id"] for x in seeded[:3])
    assert cli("config", "approval", "on").exit_code == 0
    assert cli("mark", a, "false", "-e", URL, "--by", "ana").exit_code == 0
    assert cli("mark", b, "verified", "-e", URL, "--by", "ana").exit_code == 0
    assert cli("approve", b, "--by", "bo").exit_code == 0
    assert cli("mark", c, "unverifiable", "--by", "bo").exit_code == 0
    assert cli("assign", seeded[3]["id"], "cy").exit_code == 0
    result = cli("status", "--desk", "--json")
    assert result.exit_code == 0, result.stderr
    people = {row["name"]: row for row in result.json()["people"]}
    assert (people["ana"]["reviewed"], people["ana"]["verdicts"], people["ana"]["pending_approval"]) == (2, 2, 1)
    assert people["ana"]["median_hours_to_verdict"] is not None
    assert (people["bo"]["reviewed"], people["bo"]["verdicts"]) == (1, 0)
    assert people["cy"]["assigned_open"] == 1
    (article,) = result.json()["articles"]
    assert (article["reviewed"], article["verdicts"], article["pending_approval"]) == (3, 2, 1)
    table = cli("status", "--desk")
    assert table.exit_code == 0 and "pending" in table.stdout and "ana" in table.stdout
