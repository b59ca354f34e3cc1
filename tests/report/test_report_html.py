"""The HTML report as a document: highlights, self-containment, escaping, CSP (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from claimcheck.models import Kind, Status
from claimcheck.report import render
from claimcheck.report.common import is_anchored
from claimcheck.report.highlight import paragraphs
from claimcheck.report.html import _environment
from tests.report.factory import HOSTILE_TEXT, article, claim, hostile_item, seed_item

GENERATED = datetime(2024, 6, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed():
    return seed_item()


@pytest.fixture(scope="module")
def page(seed):
    return render("html", [seed], generated_at=GENERATED)


@pytest.fixture(scope="module")
def doc(page):
    return HTMLParser(page)


def test_one_highlight_per_anchored_claim_with_its_status(seed, doc):
    art, claims = seed
    anchored = [c for c in claims if is_anchored(art, c)]
    assert len(anchored) == len(claims) - 1  # the orphan
    marks = doc.css("[data-claim]")
    assert sorted(m.attributes["data-claim"] for m in marks) == sorted(c.id for c in anchored)
    status = {c.id: c.status.value for c in claims}
    for mark in marks:
        assert mark.attributes["data-status"] == status[mark.attributes["data-claim"]]
        assert mark.attributes["tabindex"] == "0"
    # Nested spans: the statement sentence holds the atomic claims inside it.
    statement = next(c for c in claims if c.kind.value == "statement")
    inner = doc.css_first(f'[data-claim="{statement.id}"]').css("[data-claim]")
    assert {m.text() for m in inner} >= {"100 millions de dollars", "750 km", "il y a six ans"}


def test_every_highlight_cuts_exactly_its_quote(seed, doc):
    _, claims = seed
    by_id = {c.id: c for c in claims}
    for mark in doc.css("[data-claim]"):
        assert mark.text(deep=True) == by_id[mark.attributes["data-claim"]].span.quote


def test_the_article_text_is_all_there(seed, doc):
    art, _ = seed
    shown = "".join(p.text(deep=True) for p in doc.css(".article-text p:not(.hint)"))
    assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", art.text)


def test_orphaned_claim_is_listed_but_not_highlighted(doc):
    row = doc.css_first('tr[data-row="c-000063"]')
    assert row is not None and "not found in the current text" in row.text()
    assert doc.css_first('[data-claim="c-000063"]') is None


def test_metadata_summary_and_table(seed, doc, page):
    art, claims = seed
    header = doc.css_first(".meta").text()
    for value in (art.title, art.outlet, "2024-05-20", "French"):
        assert value in header
    assert doc.css_first(".meta a").attributes["href"] == art.url
    reviewed = sum(1 for c in claims if c.status not in (Status.unverified, Status.in_review))
    assert f"{reviewed} of {len(claims)} claims reviewed" in " ".join(doc.css_first(".overview").text().split())
    assert len(doc.css("tbody tr")) == len(claims)
    filters = {b.attributes["data-filter"] for b in doc.css("button.filter")}
    assert filters == {"all"} | {c.status.value for c in claims}
    # Status labels or icons beside every colour.
    for row in doc.css("tbody tr"):
        badge = row.css_first(".badge")
        assert badge.css_first(".icon").text() and badge.text().strip()
    assert "Generated 2024-06-02 08:00 UTC" in page


def test_self_contained_no_external_resources(page, doc):
    assert not doc.css("link"), "no stylesheet or font links"
    assert not doc.css("img"), "charts are inline SVG"
    assert not [s for s in doc.css("script") if "src" in s.attributes]
    assert len(doc.css("style")) == 1 and len(doc.css("svg")) >= 3
    assert "@import" not in page and "url(" not in page
    assert "@font-face" not in page


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_csp_allows_exactly_our_script_and_style(doc):
    meta = doc.css_first('meta[http-equiv="Content-Security-Policy"]')
    csp = meta.attributes["content"]
    script = next(s for s in doc.css("script") if "type" not in s.attributes)
    style = doc.css_first("style")
    assert f"script-src {_sha(script.text())}" in csp
    assert f"style-src {_sha(style.text())}" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # The policy must come before anything it governs.
    head = doc.head.html
    assert head.index("Content-Security-Policy") < head.index("<style")


def test_claims_reach_the_script_as_json(seed, doc):
    art, claims = seed
    data = json.loads(doc.css_first("script#claimcheck-data").text())
    assert set(data["claims"]) == {c.id for c in claims}
    verified = data["claims"]["c-00000d"]
    assert verified["status"] == "verified" and verified["evidence"][0]["href"].startswith("https://")
    assert verified["notes"][0]["note"] == "The Pentagon gives about 1,100."
    assert [e["what"] for e in verified["history"]][-1] == "Status: Unverified → Verified"


def test_autoescape_is_on():
    assert _environment().autoescape is True


@pytest.fixture(scope="module")
def hostile_page():
    return render("html", [hostile_item()])


def test_hostile_text_is_shown_as_text(hostile_page):
    doc = HTMLParser(hostile_page)
    scripts = doc.css("script")
    assert len(scripts) == 2
    assert scripts[0].attributes["type"] == "application/json"
    assert "__pwned" not in scripts[1].text()
    assert not doc.css("img") and not doc.css("article a[href^='javascript']")
    assert not [n for n in doc.css("*") if any(k.startswith("on") for k in n.attributes)]
    body = doc.css_first(".article-text").text(deep=True)
    assert "<script>window.__pwned = 'script'" in body
    assert "<img src=x onerror=" in body
    assert "&amp; &lt;b&gt;" in body  # the article's own entities, shown as typed
    assert doc.css_first("h1").text() == "<script>window.__pwned='title'</script> Title"
    assert len(doc.css("[data-claim]")) == len(hostile_item()[1])
    assert "".join(HTMLParser(p.html).text() for p in doc.css(".article-text p:not(.hint)")).replace(
        "\n", ""
    ) == HOSTILE_TEXT.replace("\n", "")


def test_hostile_urls_never_become_links(hostile_page):
    doc = HTMLParser(hostile_page)
    for a in doc.css("a[href]"):
        href = a.attributes["href"]
        assert href.startswith(("https://", "http://", "#")), href
    assert "javascript:window.__pwned='url'" in doc.css_first(".meta").text()
    assert "javascript:window.__pwned='evidence'" in doc.css_first("table").text()


def test_hostile_json_cannot_close_its_script(hostile_page):
    raw = hostile_page.split('<script type="application/json" id="claimcheck-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw
    data = json.loads(raw)
    people = data["claims"]["c-bad004"]
    assert people["evidence"][0]["href"] is None
    assert people["evidence"][0]["note"] == "</script><script>window.__pwned='note'</script>"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet="ab<>&\"'/= \n«»é", min_size=1, max_size=80),
    st.lists(st.tuples(st.integers(0, 79), st.integers(1, 25)), max_size=6),
)
def test_any_text_and_spans_render_to_the_same_text_with_one_highlight_each(text, spans):
    art = article(text)
    claims = []
    for n, (start, length) in enumerate(spans):
        start = min(start, len(text) - 1)
        end = min(len(text), start + length)
        if text[start:end].strip():
            c = claim(art, text[start:end], Kind.statement, n=n)
            claims.append(c.model_copy(update={"span": c.span.model_copy(update={"start": start, "end": end})}))
    doc = HTMLParser(render("html", [(art, claims)]))
    shown = "".join(p.text(deep=True) for p in doc.css(".article-text p:not(.hint)"))
    assert shown == "".join(text[s:e] for s, e in paragraphs(text))
    marks = [m.attributes["data-claim"] for m in doc.css("[data-claim]")]
    assert sorted(marks) == sorted(c.id for c in claims)
    assert len(doc.css("script")) == 2 and not doc.css("img")
