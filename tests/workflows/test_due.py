"""`due`: deadlines and predictions whose date has passed without a verdict."""

from __future__ import annotations

import pytest

from claimcheck.extract.dates.cues import looks_ahead
from claimcheck.text import fold
from tests.conftest import EXAMPLES

EVIDENCE = "https://www.defense.gov/News/Releases/niger"


def test_a_passed_deadline_of_the_seed_is_due(cli, seeded):
    result = cli("due", "--today", "2024-10-01", "--json")
    assert result.exit_code == 0, result.stderr
    due = result.json()
    assert [d["claim"]["span"]["quote"] for d in due] == ["le 15 septembre"]
    assert due[0]["deadline"] == "2024-09-15" and due[0]["cue"] == "au plus tard"
    assert due[0]["days_overdue"] == 16
    table = cli("due", "--today", "2024-10-01")
    assert "le 15 septembre" in table.stdout and "au plus tard" in table.stdout


def test_nothing_is_due_before_the_deadline(cli, seeded):
    assert cli("due", "--today", "2024-09-15", "--json").json() == []
    result = cli("due", "--today", "2024-09-15")
    assert result.exit_code == 0 and "Nothing due" in result.stderr


def test_a_verdict_takes_a_claim_off_the_list_but_unverifiable_does_not(cli, seeded):
    deadline = next(c for c in seeded if c["span"]["quote"] == "le 15 septembre")
    assert cli("mark", deadline["id"], "unverifiable").exit_code == 0
    assert len(cli("due", "--today", "2024-10-01", "--json").json()) == 1
    assert cli("verify", deadline["id"], "--evidence", EVIDENCE).exit_code == 0
    assert cli("due", "--today", "2024-10-01", "--json").json() == []


def test_english_deadlines_and_plans(cli, registry):
    assert cli("init").exit_code == 0
    assert cli("ingest", EXAMPLES / "port-expansion.en.txt", "--published", "2024-03-06").exit_code == 0
    due = cli("due", "--today", "2028-01-15", "--json").json()
    quotes = {d["claim"]["span"]["quote"]: d["cue"] for d in due}
    assert any("2027" in q for q in quotes)  # should be finished by the end of 2027
    assert all("February" not in q for q in quotes)  # a report published on 14 February looks back


def test_a_bad_today_is_a_clean_error(cli, seeded):
    result = cli("due", "--today", "next week")
    assert result.exit_code == 1 and "--today" in result.stderr


@pytest.mark.parametrize(
    ("lang", "sentence", "date_phrase", "cue"),
    [
        (
            "fr",
            "Les troupes quitteraient le pays « au plus tard » le 15 septembre, ont-ils annoncé dimanche.",
            "le 15 septembre",
            "au plus tard",
        ),
        (
            "fr",
            "Les troupes quitteraient le pays au plus tard le 15 septembre, ont-ils annoncé dimanche.",
            "dimanche",
            None,
        ),
        ("fr", "Le gouvernement prévoit de rénover 50 000 logements d'ici 2026.", "2026", "d'ici"),
        ("fr", "Les tarifs baisseront d'environ 15 % au 1er février.", "1er février", "baisseront"),
        ("fr", "La guerre en Ukraine, déclenchée en février 2022, a fait monter les prix.", "février 2022", None),
        ("en", "The plant is expected to open in June.", "June", "is expected"),
        ("en", "The company will hire 200 people by the end of 2025.", "the end of 2025", "by"),
        ("en", "Prices rose 7.5% in March, officials said.", "March", None),
    ],
)
def test_looks_ahead(lang, sentence, date_phrase, cue):
    start = sentence.index(date_phrase)
    assert looks_ahead(fold(sentence), start, start + len(date_phrase), lang) == cue
