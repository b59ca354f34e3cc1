"""ClaimReview JSON-LD, validated offline against the schema.org vocabulary and our JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from claimcheck.models import Kind, Status
from claimcheck.report import render
from claimcheck.report.claimreview import claim_reviewed, fragment_encode, text_fragment
from tests.report.factory import article, claim, hostile_item, seed_item

HERE = Path(__file__).parent
VOCAB = json.loads((HERE / "schemaorg-claimreview-vocab.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((HERE / "claimreview.schema.json").read_text(encoding="utf-8"))
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")


def _ancestors(type_name: str) -> list[str]:
    chain = []
    while type_name:
        chain.append(type_name)
        type_name = VOCAB["types"][type_name]["parent"]
    return chain


def _property_range(type_name: str, prop: str) -> list[str] | None:
    for name in _ancestors(type_name):
        found = VOCAB["types"][name]["properties"].get(prop)
        if found is not None:
            return found  # type: ignore[no-any-return]
    return None


def _datatype_ok(datatype: str, value: Any) -> bool:
    if datatype in ("Text",):
        return isinstance(value, str)
    if datatype == "URL":
        parts = urlsplit(value) if isinstance(value, str) else None
        return bool(parts and parts.scheme in ("http", "https") and parts.netloc)
    if datatype == "Date":
        return isinstance(value, str) and bool(ISO_DATE.match(value))
    if datatype == "DateTime":
        return isinstance(value, str) and bool(ISO_DATETIME.match(value))
    if datatype == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if datatype == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if datatype == "Boolean":
        return isinstance(value, bool)
    raise AssertionError(f"unknown datatype {datatype}")


def vocabulary_errors(node: Any, expected: list[str], path: str = "$") -> list[str]:
    """Every way `node` departs from the vocabulary: unknown types, unknown properties, wrong ranges."""
    errors: list[str] = []
    values = node if isinstance(node, list) else [node]
    for value in values:
        if not isinstance(value, dict):
            if not any(t in VOCAB["datatypes"] and _datatype_ok(t, value) for t in expected):
                errors.append(f"{path}: {value!r} is not one of {expected}")
            continue
        type_name = value.get("@type")
        if type_name not in VOCAB["types"]:
            errors.append(f"{path}: unknown type {type_name!r}")
            continue
        if not any(t in _ancestors(type_name) for t in expected if t in VOCAB["types"]):
            errors.append(f"{path}: a {type_name} where {expected} is expected")
        for prop, inner in value.items():
            if prop.startswith("@"):
                continue
            allowed = _property_range(type_name, prop)
            if allowed is None:
                errors.append(f"{path}.{prop}: {type_name} has no property {prop!r}")
            else:
                errors += vocabulary_errors(inner, allowed, f"{path}.{prop}")
    return errors


def validate(doc: dict[str, Any]) -> None:
    jsonschema.validate(doc, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert doc["@context"] == VOCAB["context"]
    errors = [e for node in doc["@graph"] for e in vocabulary_errors(node, ["ClaimReview"])]
    assert errors == []
    for review in doc["@graph"]:
        rating = review["reviewRating"]
        assert rating["worstRating"] >= 1
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


@pytest.fixture(scope="module")
def seed():
    return seed_item()


@pytest.fixture(scope="module")
def doc(seed):
    return json.loads(
        render(
            "claimreview",
            [seed],
            org="Desk of Example",
            review_url="https://checks.example.org/{article_id}/{claim_id}",
        )
    )


def test_the_vocabulary_check_catches_mistakes():
    review = {
        "@type": "ClaimReview",
        "claimReviewed": "x",
        "reviewrating": {"@type": "Rating"},
        "itemReviewed": {"@type": "Claim", "appearance": "https://example.org"},
    }
    errors = vocabulary_errors(review, ["ClaimReview"])
    assert any("reviewrating" in e for e in errors)
    assert any("appearance" in e for e in errors)  # a URL string where a CreativeWork is expected
    assert vocabulary_errors({"@type": "Rating", "ratingValue": True}, ["Rating"])


def test_one_review_per_verdict_and_valid(seed, doc):
    _, claims = seed
    verdicts = [c for c in claims if c.status in (Status.verified, Status.false, Status.misleading)]
    assert len(doc["@graph"]) == len(verdicts) == 4
    validate(doc)
    assert {r["identifier"] for r in doc["@graph"]} == {c.id for c in verdicts}


def test_rating_scale_and_labels(doc):
    ratings = {r["identifier"]: r["reviewRating"] for r in doc["@graph"]}
    assert ratings["c-00000d"]["ratingValue"] == 5 and ratings["c-00000d"]["alternateName"] == "Vrai"
    assert ratings["c-00000b"]["ratingValue"] == 1 and ratings["c-00000b"]["alternateName"] == "Faux"
    assert ratings["c-000009"]["ratingValue"] == 2 and ratings["c-000009"]["alternateName"] == "Trompeur"
    assert {(r["bestRating"], r["worstRating"]) for r in ratings.values()} == {(5, 1)}


def test_review_fields(seed, doc):
    art, _ = seed
    review = next(r for r in doc["@graph"] if r["identifier"] == "c-00000d")
    assert review["author"] == {"@type": "Organization", "name": "Desk of Example"}
    assert review["url"] == "https://checks.example.org/a-5eed01/c-00000d"
    assert review["claimReviewed"] == "Les États-Unis comptent plus de 1 000 soldats stationnés sur cette base."
    assert "Vrai" not in review["claimReviewed"] and "verified" not in review["claimReviewed"].lower()
    item = review["itemReviewed"]
    assert item["datePublished"] == "2024-05-20"
    url = item["appearance"]["url"]
    assert url.startswith(art.url + "#:~:text=")
    assert unquote(url.split("#:~:text=", 1)[1]) == "plus de 1 000 soldats"
    quoted = next(r for r in doc["@graph"] if r["identifier"] == "c-000009")
    assert len(quoted["claimReviewed"]) <= 75 and "100 millions de dollars" in quoted["claimReviewed"]


def test_claim_reviewed_is_at_most_75_characters():
    art = article(
        "Le ministre a déclaré « " + "très " * 40 + "long » hier, devant 300 personnes réunies "
        "pour l'occasion dans la grande salle des fêtes de la mairie du village voisin."
    )
    long_quote = claim(art, "très " * 40 + "long", Kind.quote, n=1)
    number = claim(art, "300 personnes", Kind.quantity, n=2)
    for c in (long_quote, number):
        text = claim_reviewed(art, c)
        assert len(text) <= 75 and c.span.quote[:10] in text
    assert claim_reviewed(art, number).startswith("…") or claim_reviewed(art, number).endswith("…")


def test_text_fragment_encoding():
    assert fragment_encode("États-Unis, 1 000 & co") == "%C3%89tats%2DUnis%2C%201%20000%20%26%20co"
    text = "Le prix a monté. Le prix a encore monté."
    second = text.rindex("Le prix")
    directive = text_fragment(text, second, second + len("Le prix a encore monté"))
    assert directive == ":~:text=Le%20prix%20a%20encore%20mont%C3%A9"
    again = text.rindex("monté")
    # The words appear earlier too: a prefix makes the match unique.
    assert text_fragment(text, again, again + 5) == ":~:text=prix%20a%20encore-,mont%C3%A9"
    words = " ".join(f"w{i}" for i in range(30))
    assert text_fragment(words, 0, len(words)) == ":~:text=w0%20w1%20w2%20w3%20w4,w25%20w26%20w27%20w28%20w29"


def test_hostile_content_stays_valid_and_safe():
    art, claims = hostile_item()
    raw = render("claimreview", [(art, claims)], org="<b>Org</b>", review_url="javascript:alert('{claim_id}')")
    assert "<" not in raw  # can be pasted inside <script type="application/ld+json">
    doc = json.loads(raw)
    [review] = doc["@graph"]
    assert "url" not in review  # not an http(s) review URL
    assert "appearance" not in review["itemReviewed"]  # the article URL is javascript:
    validate(doc)


def test_no_verdicts_no_reviews():
    art = article("Nothing checked yet: 3 claims.")
    doc = json.loads(render("claimreview", [(art, [claim(art, "3 claims", Kind.quantity)])]))
    assert doc == {"@context": "https://schema.org", "@graph": []}
    validate(doc)
