"""The saved news pages of tests/fixtures/pages: the body found, the metadata, and claims only from the body.

The pages are written in the shapes real news sites take (two <main>, teaser <article>s, no landmarks at
all, `<br><br>` paragraphs in a layout table, a cookie dialog, captions and share bars in the article, a live
blog, a paywall stub, related links, reader comments, a photo box, a wrong `lang` tag, a data table, a
placeholder date, div soup, an AMP page, a video embed and in-read ads). Each has the body a person would
call the story in NAME.expected.txt, and in pages.json its metadata and the page furniture that must not
reach the stored text. bench/pages.py prints the figures.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from claimcheck.sources import load_document
from claimcheck.workflows.ingest import decide_language

HERE = Path(__file__).resolve().parent
PAGES = HERE / "fixtures" / "pages"
EXPECTED = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))


def _bench_pages():
    if "bench_pages" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_pages", HERE.parent / "bench" / "pages.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_pages"]


def test_every_page_has_its_expected_text_and_metadata():
    assert (
        {p.stem for p in PAGES.glob("*.html")}
        == set(EXPECTED)
        == {p.name.removesuffix(".expected.txt") for p in PAGES.glob("*.expected.txt")}
    )
    assert len(EXPECTED) >= 12


def test_body_tokens_f1_on_the_corpus():
    bench = _bench_pages()
    result = bench.score_dir(PAGES, {"claimcheck": bench.claimcheck_text})["claimcheck"]
    worst = min(result["pages"].items(), key=lambda kv: kv[1]["f1"])
    assert result["f1"] >= 0.97, result["pages"]
    assert worst[1]["f1"] >= 0.9, worst  # no page loses its story


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_metadata_and_language(name):
    want = EXPECTED[name]
    doc = load_document(PAGES / f"{name}.html")
    assert (doc.title, doc.outlet) == (want["title"], want["outlet"])
    assert doc.published == date.fromisoformat(want["published"])  # placeholders (0001-01-01) rejected
    assert doc.published_from == want["from"]
    assert decide_language(doc.text, doc.lang) == want["lang"]  # en-tagged-de is tagged `de`


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_furniture_and_claims_only_from_the_story(name):
    from claimcheck.extract.pipeline import extract

    doc = load_document(PAGES / f"{name}.html")
    for furniture in EXPECTED[name]["furniture"]:
        assert furniture not in doc.text
    expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8")
    drafts = extract(doc.text, EXPECTED[name]["lang"], date.fromisoformat(EXPECTED[name]["published"]))
    assert drafts
    for draft in drafts:
        quote = doc.text[draft.start : draft.end]
        assert quote.strip() and " ".join(quote.split()) in " ".join(expected.split()), quote
