"""The whole extraction: how the extractors combine, and that no text can break it."""

from __future__ import annotations

import re
import types
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck.extract
from claimcheck.extract.pipeline import extract
from claimcheck.models import ClaimDraft, Kind

GOLD = Path(__file__).resolve().parent.parent / "gold"
PUBLISHED = date(2024, 5, 20)


@pytest.fixture
def fakes(monkeypatch):
    """Replace dates and numbers with small regex finders: years are dates, digit runs are numbers."""

    def find_dates(text, start, end, lang, published, **_copies):
        return [
            ClaimDraft(kind=Kind.date, start=m.start(), end=m.end(), value={"start": m.group(), "relative": True})
            for m in re.finditer(r"\b(?:19|20)\d\d\b", text[:end])
            if m.start() >= start
        ]

    def find_numbers(text, start, end, lang, **_copies):
        out = [
            ClaimDraft(kind=Kind.quantity, start=m.start(), end=m.end(), value={"amount": int(m.group())})
            for m in re.finditer(r"\d+", text[:end])
            if m.start() >= start
        ]
        # A broken finder: empty, blank and out-of-range spans must not get through.
        out += [
            ClaimDraft(kind=Kind.percent, start=start, end=start),
            ClaimDraft(kind=Kind.percent, start=end - 1, end=end + 50),
        ]
        if text[start:end].startswith(" "):
            out.append(ClaimDraft(kind=Kind.percent, start=start, end=start + 1))
        return out

    def find_dates_in(text, sentences, lang, published, **_copies):
        return [find_dates(text, s, e, lang, published) for s, e in sentences]

    for name, func in (("dates", find_dates), ("numbers", find_numbers)):
        module = types.ModuleType(f"claimcheck.extract.{name}")
        setattr(module, f"find_{name}", func)
        if name == "dates":
            module.find_dates_in = find_dates_in
        monkeypatch.setitem(__import__("sys").modules, f"claimcheck.extract.{name}", module)
        monkeypatch.setattr(claimcheck.extract, name, module, raising=False)


def spans(text: str, drafts: list[ClaimDraft]) -> list[tuple[str, str]]:
    return [(d.kind.value, text[d.start : d.end]) for d in drafts]


def test_a_year_is_a_date_not_a_number(fakes):
    text = "En 2021, le Niger a expulsé 1500 soldats."
    assert spans(text, extract(text, "fr", PUBLISHED)) == [("date", "2021"), ("quantity", "1500")]


def test_invalid_drafts_are_dropped(fakes):
    text = "Il y a 42 bateaux au port de Rennes."
    drafts = extract(text, "fr", PUBLISHED)
    assert spans(text, drafts) == [("quantity", "42")]


def test_quotes_and_statements_fill_the_rest_in_order(fakes):
    text = (
        "Le colonel Amadou Abdramane a dénoncé une « attitude condescendante ».\n\n"
        "Le trio a quitté la Cedeao.\n\nIl y a 42 bateaux."
    )
    drafts = extract(text, "fr", PUBLISHED)
    assert spans(text, drafts) == [
        ("quote", "attitude condescendante"),
        ("statement", "Le trio a quitté la Cedeao."),
        ("quantity", "42"),
    ]
    assert drafts[0].value == {"speaker": "Amadou Abdramane"}
    assert extract(text, "fr", PUBLISHED) == drafts  # deterministic


def test_assumed_publication_date_is_flagged_on_relative_dates(fakes):
    text = "En 2021, le Niger a changé."
    [assumed] = [d for d in extract(text, "fr", PUBLISHED, published_assumed=True) if d.kind == Kind.date]
    assert assumed.value["published_assumed"] is True
    [known] = [d for d in extract(text, "fr", PUBLISHED) if d.kind == Kind.date]
    assert "published_assumed" not in known.value


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.txt")), ids=lambda p: p.name)
def test_real_extractors_on_gold_articles_give_valid_sorted_drafts(path):
    text = path.read_text(encoding="utf-8")
    lang = path.name.split(".")[-2]
    drafts = extract(text, lang, PUBLISHED)
    assert drafts
    assert all(0 <= d.start < d.end <= len(text) and text[d.start : d.end].strip() for d in drafts)
    assert [(d.start) for d in drafts] == sorted(d.start for d in drafts)
    assert {d.kind for d in drafts} >= {Kind.date, Kind.quote}


# Characters that break naive code: controls, NUL, bidi marks, combining accents, odd spaces,
# quote marks and line breaks of every kind.
_NASTY = st.sampled_from(
    list("\x00\x01\x1b\x7f\u200e\u200f\u202a\u202e\u2066\u0301\u0327\u00a0\u202f\u2009\ufeff\u200b")
    + ["\r\n", "\r", "\n", "\n\n", "«", "»", "“", "”", '"', "‘", "’", "'", "%", "€", "$", "£", ".", ",", " "]
)
_WORDS = st.sampled_from(
    [
        "le",
        "la",
        "1",
        "000",
        "15",
        "%",
        "2024",
        "mars",
        "M.",
        "Mme",
        "col.",
        "Dupont",
        "a",
        "déclaré",
        "said",
        "Mr.",
        "Okafor",
        "plus",
        "de",
        "environ",
        "3,5",
        "millions",
        "dollars",
        "euros",
        "km",
        "l'année",
        "dernière",
        "last",
        "year",
        "on",
        "Monday",
        "1er",
        "février",
        "€",
        "$1.2bn",
    ]
)
_TEXT = st.lists(st.one_of(_NASTY, _WORDS, st.text(max_size=8)), max_size=60).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from(["fr", "en"]), st.booleans())
def test_extract_never_raises_and_every_span_holds_text(text, lang, assumed):
    drafts = extract(text, lang, PUBLISHED, published_assumed=assumed)
    for d in drafts:
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start : d.end].strip()
