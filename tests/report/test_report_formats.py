"""Markdown, JSON and CSV reports over hand-made models: every claim appears, nothing leaks."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest

from claimcheck.errors import InvalidValue
from claimcheck.models import Claim
from claimcheck.report import render
from claimcheck.report.csv_ import COLUMNS
from claimcheck.report.markdown import escape
from tests.report.factory import DOD, hostile_item, seed_item

GENERATED = datetime(2024, 6, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed():
    return seed_item()


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_has_metadata_counts_and_every_claim(seed):
    art, claims = seed
    md = render("md", [seed], generated_at=GENERATED)
    assert md.startswith("# Claim review\n")
    assert f"## {art.title}" in md and "**Outlet:** Example News" in md and "**Published:** 2024-05-20" in md
    assert f"<{art.url}>" in md
    assert f"6 of {len(claims)} claims reviewed" in md
    assert "| ✓ Verified | 2 |" in md and "| ✗ False | 1 |" in md
    for c in claims:
        assert f"`{c.id}`" in md
    assert md.count("#### ") == len(claims)


def test_markdown_puts_unreviewed_claims_first_with_quote_in_context(seed):
    _, claims = seed
    md = render("md", [seed])
    todo, done = md.split("### To review", 1)[1].split("### Reviewed", 1)
    for c in claims:
        section = todo if c.status.value in ("unverified", "in-review") else done
        assert f"`{c.id}`" in section, c.status
    assert "> Les États-Unis comptent **plus de 1 000 soldats** stationnés sur cette base." in md
    assert f"*supports* <{DOD}> — About 1,100 US troops in Niger" in md
    assert "The Pentagon gives about 1,100." in md
    assert "orphaned" in md  # the orphan is listed and says why it has no context


def test_markdown_escapes_hostile_text():
    md = render("md", [hostile_item()])
    # Every `<` is escaped (a literal character for any renderer) except our own http(s) autolinks.
    assert re.findall(r"(?<!\\)<(?!https?://)", md) == []
    assert "](javascript" not in md
    assert "\\<script\\>window.\\_\\_pwned" in md
    assert "` javascript:window.__pwned='evidence' `" in md  # shown in a code span, never linked
    assert "<https://example.org/ok?a=1&b=%3C2%3E>" in md


@pytest.mark.parametrize(
    "raw, line_start, expected",
    [
        ("a *b* [c](d) <e> `f` |g| ~h~ _i_", False, r"a \*b\* \[c\](d) \<e\> \`f\` \|g\| \~h\~ \_i\_"),
        ("- not a list", True, r"\- not a list"),
        ("1. not a list", True, r"1\. not a list"),
        ("# not a heading", True, r"\# not a heading"),
        ("1. fine mid-line", False, "1. fine mid-line"),
        ("Tom & Jerry", False, "Tom &amp; Jerry"),
    ],
)
def test_markdown_escape(raw, line_start, expected):
    assert escape(raw, line_start=line_start) == expected


# -- JSON -------------------------------------------------------------------------------------


def test_json_report_holds_articles_with_their_claims_as_the_contract(seed):
    art, claims = seed
    data = json.loads(render("json", [seed]))
    [article] = data["articles"]
    assert article["id"] == art.id and article["url"] == art.url and article["published"] == "2024-05-20"
    assert article["text"] == art.text and "versions" not in article
    assert article["summary"]["total"] == len(claims) and article["summary"]["reviewed"] == 6
    assert article["summary"]["anchored"] == len(claims) - 1
    assert {c["id"] for c in article["claims"]} == {c.id for c in claims}
    for raw in article["claims"]:
        again = Claim.model_validate(raw)  # the docs/architecture.md §3.1 shape, round-tripped through the model
        assert raw["span"]["quote"] == again.span.quote
        for key in (
            "id",
            "article_id",
            "kind",
            "text",
            "span",
            "value",
            "status",
            "evidence",
            "history",
            "created_at",
            "updated_at",
        ):
            assert key in raw


def test_json_report_is_stable(seed):
    assert render("json", [seed]) == render("json", [seed])


# -- CSV --------------------------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_has_one_row_per_claim_with_flattened_values(seed):
    _, claims = seed
    text = render("csv", [seed])
    assert not text.startswith("\ufeff")
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    rows = _rows(text)
    assert [r["id"] for r in rows] == sorted(
        (c.id for c in claims),
        key=lambda i: next((c.orphaned, c.span.start, -c.span.end, c.id) for c in claims if c.id == i),
    )
    soldiers = next(r for r in rows if r["quote"] == "plus de 1 000 soldats")
    assert soldiers["amount"] == "1000" and soldiers["unit"] == "soldats" and soldiers["bound"] == "more_than"
    assert soldiers["status"] == "verified" and soldiers["evidence_urls"] == DOD
    assert soldiers["article"] == "a-5eed01" and soldiers["kind"] == "quantity"
    assert int(soldiers["end"]) - int(soldiers["start"]) == len("plus de 1 000 soldats")
    date = next(r for r in rows if r["quote"] == "il y a six ans")
    assert (date["start_date"], date["end_date"], date["granularity"]) == ("2018-01-01", "2018-12-31", "year")
    quote = next(r for r in rows if r["quote"] == "attitude condescendante")
    assert quote["speaker"] == "Amadou Abdramane"
    assert next(r for r in rows if r["kind"] == "statement")["checkworthiness"] == "0.82"
    assert next(r for r in rows if r["kind"] == "money" and r["currency"] == "USD")["amount"] == "100000000"


def test_csv_for_excel_has_a_bom_and_no_formulas():
    art, claims = hostile_item()
    evil = claims[0].model_copy(update={"text": '=HYPERLINK("http://x")', "value": {"speaker": "@SUM(A1)"}})
    text = render("csv", [(art, [evil, *claims[1:]])], excel=True)
    assert text.startswith("\ufeff")
    rows = _rows(text)
    assert rows[0]["text"] == '\'=HYPERLINK("http://x")' and rows[0]["speaker"] == "'@SUM(A1)"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))
    plain = _rows(render("csv", [(art, [evil])]))
    assert plain[0]["text"] == '=HYPERLINK("http://x")'  # without --excel the data is untouched


def test_unknown_format_is_a_clean_error(seed):
    with pytest.raises(InvalidValue, match="md, html, json, csv, claimreview"):
        render("pdf", [seed])


# -- every format ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "claimreview"])
def test_every_format_copes_with_an_article_without_claims_or_text(fmt):
    from tests.report.factory import article

    for art in (article("A short article with nothing to check."), article("", title=None, url=None, outlet=None)):
        out = render(fmt, [(art, [])], generated_at=GENERATED)
        assert isinstance(out, str) and out


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "claimreview"])
def test_every_format_renders_several_articles_in_the_order_given(fmt):
    seed, hostile = seed_item(), hostile_item()
    out = render(fmt, [hostile, seed], org="Desk")
    if fmt == "claimreview":
        ids = [r["identifier"] for r in json.loads(out)["@graph"]]
        assert ids.index("c-bad004") < ids.index("c-00000d")
    else:
        assert out.index("a-bad001") < out.index("a-5eed01")
