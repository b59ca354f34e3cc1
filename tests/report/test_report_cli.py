"""`claimcheck report` and `claimcheck status` through the real command line: wiring, files, errors."""

from __future__ import annotations

import csv
import io

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from claimcheck.store import Registry
from tests.report.factory import DOD, hostile_item, seed_item


def _highlights(page: str) -> int:
    return len(HTMLParser(page).css("[data-claim]"))


@pytest.fixture
def stocked(registry):
    """A registry holding the hand-made seed article (claims in every status) and the hostile one."""
    reg = Registry.init(registry)
    items = [seed_item(), hostile_item()]
    for art, claims in items:
        reg.save_article(art, claims)
    return items


def test_markdown_on_stdout_by_default_with_every_claim(cli, stocked):
    result = cli("report")
    assert result.exit_code == 0, result.stderr
    for _, claims in stocked:
        for c in claims:
            assert f"`{c.id}`" in result.stdout
    assert result.stdout.startswith("# Claim review")


def test_one_article_by_prefix(cli, stocked):
    result = cli("report", "a-5eed", "a-5eed01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [article] = result.json()["articles"]
    assert article["id"] == "a-5eed01" and len(article["claims"]) == len(stocked[0][1])


def test_output_file_is_written_and_announced(cli, stocked, tmp_path):
    target = tmp_path / "review.html"
    result = cli("report", "a-5eed01", "--output", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"Wrote {target}" in result.stderr and "(html, 1 article" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and _highlights(page) == len(stocked[0][1]) - 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # Writing again replaces the file whole.
    assert cli("report", "a-5eed01", "--output", target, "--format", "md").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Claim review")


def test_csv_for_excel(cli, stocked, tmp_path):
    target = tmp_path / "claims.csv"
    result = cli("report", "--output", target, "--excel")
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == sum(len(c) for _, c in stocked)
    assert next(r for r in rows if r["quote"] == "plus de 1 000 soldats")["evidence_urls"] == DOD


def test_excel_only_applies_to_csv(cli, stocked):
    result = cli("report", "--format", "md", "--excel")
    assert result.exit_code == 1 and result.stdout == ""
    assert "--excel" in result.stderr and "Traceback" not in result.stderr


def test_claimreview_takes_the_org_from_the_environment(cli, stocked, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_ORG", "Desk of Example")
    result = cli(
        "report", "a-5eed01", "--format", "claimreview", "--review-url", "https://checks.example.org/{claim_id}"
    )
    assert result.exit_code == 0, result.stderr
    graph = result.json()["@graph"]
    assert len(graph) == 4
    assert {r["author"]["name"] for r in graph} == {"Desk of Example"}
    assert all(r["url"] == f"https://checks.example.org/{r['identifier']}" for r in graph)
    assert (
        cli("report", "a-5eed01", "--format", "claimreview", "--org", "Other").json()["@graph"][0]["author"]["name"]
        == "Other"
    )


def test_claimreview_warns_about_what_is_missing(cli, stocked):
    result = cli("report", "a-5eed01", "--format", "claimreview")
    assert result.exit_code == 0
    assert "--org" in result.stderr and "--review-url" in result.stderr


def test_review_url_needs_a_claim_placeholder(cli, stocked):
    result = cli("report", "--format", "claimreview", "--review-url", "https://checks.example.org/")
    assert result.exit_code == 1 and "{claim_id}" in result.stderr


@pytest.mark.parametrize(
    "args, message", [(("report", "a-nope"), "no article"), (("report", "--format", "pdf"), "unknown report format")]
)
def test_clean_errors(cli, stocked, args, message):
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_output_into_a_missing_folder_is_a_clean_error(cli, stocked, tmp_path):
    result = cli("report", "--output", tmp_path / "nowhere" / "r.md")
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_empty_registry_says_what_to_do(cli):
    assert cli("init").exit_code == 0
    result = cli("report")
    assert result.exit_code == 1 and "claimcheck ingest" in result.stderr


def test_status_json_counts_by_status(cli, stocked):
    result = cli("status", "--json")
    assert result.exit_code == 0, result.stderr
    rows = {r["id"]: r for r in result.json()}
    seed = rows["a-5eed01"]
    assert seed["total"] == len(stocked[0][1]) and seed["reviewed"] == 6
    assert seed["by_status"]["verified"] == 2 and seed["by_status"]["false"] == 1
    assert seed["by_status"]["unverified"] == 8 and seed["progress"] == round(6 / 15, 4)
    assert seed["by_kind"]["quantity"] == 5
    assert rows["a-bad001"]["by_status"]["false"] == 1


def test_status_table_shows_progress(cli, stocked):
    result = cli("status")
    assert result.exit_code == 0, result.stderr
    assert "a-5eed01" in result.stdout and "6/15" in result.stdout and "40%" in result.stdout
    assert "✓ 2 verified" in result.stdout and "all articles" in result.stdout
    one = cli("status", "a-bad")
    assert "a-bad001" in one.stdout and "a-5eed01" not in one.stdout
    assert cli("status", "a-nope").exit_code == 1


def test_help_has_examples(cli):
    for command in ("report", "status"):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "Example: claimcheck" in result.stdout


# -- end to end, through the extractor --------------------------------------------------------


def test_seed_article_end_to_end(cli, seeded, tmp_path):
    quantity = next(c for c in seeded if c["kind"] == "quantity")
    date = next(c for c in seeded if c["kind"] == "date")
    statement = next((c for c in seeded if c["kind"] == "statement"), seeded[-1])
    assert cli("verify", quantity["id"], "--evidence", DOD, "--note", "checked").exit_code == 0
    assert cli("mark", date["id"], "false", "--evidence", "https://example.org/calendar").exit_code == 0
    assert cli("mark", statement["id"], "dismissed").exit_code == 0
    for fmt in ("md", "json", "csv"):
        result = cli("report", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        for c in seeded:
            assert c["id"] in result.stdout, (fmt, c["id"])
    page = tmp_path / "seed.html"
    assert cli("report", "--output", page).exit_code == 0
    assert _highlights(page.read_text(encoding="utf-8")) == len(seeded)
    reviews = cli("report", "--format", "claimreview", "--org", "Desk").json()["@graph"]
    assert sorted(r["identifier"] for r in reviews) == sorted([quantity["id"], date["id"]])
    status = {r["id"]: r for r in cli("status", "--json").json()}
    [row] = status.values()
    assert row["reviewed"] == 3 and row["by_status"]["dismissed"] == 1
