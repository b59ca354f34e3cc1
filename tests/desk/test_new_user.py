"""What a new user tripped on (issue 17, item 9): each of these failed before its fix."""

from __future__ import annotations

URL = "https://example.org/dod"


def test_evidence_given_with_false_refutes_unless_told(cli, seeded):
    claim = seeded[1]["id"]
    assert cli("mark", claim, "false", "-e", URL).exit_code == 0
    assert cli("show", claim, "--json").json()["evidence"][0]["stance"] == "refutes"
    other = seeded[2]["id"]
    assert cli("mark", other, "false", "-e", URL, "--stance", "context").exit_code == 0
    assert cli("show", other, "--json").json()["evidence"][0]["stance"] == "context"
    verified = seeded[3]["id"]
    assert cli("mark", verified, "verified", "-e", URL).exit_code == 0
    assert cli("show", verified, "--json").json()["evidence"][0]["stance"] == "supports"


def test_a_claim_id_given_as_an_article_is_named_as_such(cli, seeded):
    result = cli("list", "--article", seeded[0]["id"])
    assert result.exit_code == 1 and "is a claim id" in result.stderr and "a-c-" not in result.stderr


def test_a_report_file_of_an_unknown_kind_is_refused(cli, seeded, tmp_path):
    result = cli("report", "-o", tmp_path / "r.docx")
    assert result.exit_code == 1 and ".docx" in result.stderr
    assert not (tmp_path / "r.docx").exists()


def test_history_shows_values_as_words_not_python(cli, seeded):
    claim = seeded[0]["id"]
    assert cli("tag", claim, "sahel", "defence").exit_code == 0
    shown = cli("history", claim).stdout
    assert "tags=sahel, defence" in shown and "['" not in shown


def test_add_quote_inside_a_longer_claim_reads_the_words_themselves(cli, seeded):
    soldiers = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")
    added = cli("add", soldiers["article_id"], "--quote", "1 000 soldats", "--json")
    assert added.exit_code == 0, added.stderr
    assert added.json()["kind"] == "quantity" and added.json()["value"]["bound"] == "exact"
    words = cli("add", soldiers["article_id"], "--quote", "comptent plus de", "--json")
    assert words.exit_code == 0, words.stderr
    assert words.json()["kind"] == "statement"


def test_init_below_another_registry_says_it_will_hide_it(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_REGISTRY")
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    sub = tmp_path / "desk" / "today"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = cli("init")
    assert result.exit_code == 0
    assert "is a registry too" in result.stderr and str(tmp_path / "claims") in result.stderr
