"""The registry on disk: round-trips, ids, prefixes, refusal of broken or newer files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.actions import make_evidence, set_status
from claimcheck.errors import AmbiguousId, ClaimNotFound, RegistryCorrupt, RegistryTooNew
from claimcheck.ingest import build_claims
from claimcheck.models import Article, ArticleVersion, Claim, ClaimDraft, Kind, Stance, Status, sha256_text
from claimcheck.store import Registry


def _article(text: str, article_id: str = "a-000001") -> Article:
    digest = sha256_text(text)
    return Article(id=article_id, language="en", published=date(2024, 5, 20), text=text, sha256=digest,
                   versions=[ArticleVersion(version=1, sha256=digest)])


def _drafts(text: str, n: int) -> list[ClaimDraft]:
    step = max(1, len(text) // n)
    return [ClaimDraft(kind=Kind.statement, start=i, end=min(len(text), i + step), text=f"s{i}")
            for i in range(0, len(text) - 1, step)][:n]


@pytest.fixture
def reg(tmp_path) -> Registry:
    return Registry.init(tmp_path / "claims")


def test_saved_claims_come_back_identical(reg):
    text = "The port handled 2.1 million containers last year. " * 3
    article = _article(text)
    claims = build_claims(article, _drafts(text, 5), by="ana", registry=reg)
    reg.save_article(article, claims)
    again = Registry.open(reg.root)
    assert [c.model_dump() for c in again.claims_of(article.id)] == [c.model_dump() for c in claims]
    assert again.article(article.id).text == text
    for claim in again.claims_of(article.id):
        assert text[claim.span.start:claim.span.end] == claim.span.quote


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=2, max_size=300), note=st.text(max_size=200))
def test_anything_valid_survives_a_write_and_a_read(tmp_path_factory, text, note):
    reg = Registry.init(tmp_path_factory.mktemp("r") / "claims")
    article = _article(text)
    claims = build_claims(article, _drafts(text, 3), by="x\x1b[2J", registry=reg)
    evidence = make_evidence("https://example.org/a?q=1", stance=Stance.refutes, note=note or None, by="y")
    claims[0] = Claim.model_validate(set_status(claims[0].model_dump(mode="json"), Status.false, by="y",
                                                evidence=[evidence], note=note or None))
    reg.save_article(article, claims)
    back = Registry.open(reg.root)
    assert back.article(article.id) == article
    assert back.claims_of(article.id) == sorted(claims, key=lambda c: (c.span.start, c.span.end, c.kind, c.id))


def test_ids_are_stable_short_and_prefix_matchable(reg):
    text = "Some 40 people came. Then 50 more arrived. " * 2
    article = _article(text)
    claims = build_claims(article, _drafts(text, 4), by="a", registry=reg)
    assert all(len(c.id) == 8 and c.id.startswith("c-") for c in claims)
    again = build_claims(article, _drafts(text, 4), by="b", registry=Registry.init(reg.root.parent / "other"))
    assert [c.id for c in again] == [c.id for c in claims]
    reg.save_article(article, claims)
    target = claims[0]
    assert reg.claim(target.id[:6]).id == target.id
    assert reg.claim(target.id[2:]).id == target.id  # the c- may be left out


def test_ambiguous_prefix_lists_candidates(reg):
    text = "x" * 4000
    article = _article(text)
    claims = build_claims(article, _drafts(text, 300), by="a", registry=reg)
    reg.save_article(article, claims)
    by_first = {}
    for c in claims:
        by_first.setdefault(c.id[2], []).append(c.id)
    digit, ids = max(by_first.items(), key=lambda kv: len(kv[1]))
    with pytest.raises(AmbiguousId) as err:
        reg.claim(digit)
    assert ids[0] in str(err.value)
    with pytest.raises(ClaimNotFound):
        reg.claim("c-zzzz")


def test_colliding_short_ids_get_longer(reg):
    text = "abcdef" * 10
    article = _article(text)
    claims = build_claims(article, _drafts(text, 1), by="a", registry=reg)
    reg.save_article(article, claims)
    clash = build_claims(article, _drafts(text, 1), by="a", registry=reg)
    assert clash[0].id != claims[0].id and clash[0].id.startswith(claims[0].id)


def test_a_broken_file_is_refused_and_left_alone(reg):
    path = reg.root / "registry.json"
    path.write_bytes(path.read_bytes()[:-5])
    before = path.read_bytes()
    with pytest.raises(RegistryCorrupt) as err:
        Registry.open(reg.root)
    assert str(path) in str(err.value) and "line" in str(err.value)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused_untouched(reg):
    path = reg.root / "registry.json"
    data = orjson.loads(path.read_bytes())
    data["meta"]["1"]["schema"] = 99
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    with pytest.raises(RegistryTooNew):
        Registry.open(reg.root)
    assert path.read_bytes() == before


def test_files_are_indented_sorted_utf8(reg):
    text = "Les États-Unis comptent plus de 1 000 soldats."
    article = _article(text)
    reg.save_article(article, build_claims(article, _drafts(text, 1), by="é", registry=reg))
    raw = (reg.root / "articles" / f"{article.id}.json").read_text(encoding="utf-8")
    assert "États-Unis" in raw and '\n  "article": {' in raw


def test_an_interrupted_change_is_repaired_on_next_open(reg):
    text = "One fact. Another fact."
    article = _article(text)
    claims = build_claims(article, _drafts(text, 2), by="a", registry=reg)
    reg.save_article(article, claims)
    # Simulate a writer killed after the article file but before the index: stale shard, pending record.
    changed = claims[0].model_copy(update={"status": Status.dismissed})
    doc_path = reg.root / "articles" / f"{article.id}.json"
    data = orjson.loads(doc_path.read_bytes())
    key = next(k for k, v in data["claims"].items() if v["id"] == changed.id)
    data["claims"][key]["status"] = "dismissed"
    doc_path.write_bytes(orjson.dumps(data))
    (reg.root / ".pending.json").write_bytes(orjson.dumps({"articles": [article.id]}))
    (reg.root / "index" / ".00.json.123.tmp").write_text("half", encoding="utf-8")
    again = Registry.open(reg.root)
    assert [s["status"] for s in again.claim_summaries() if s["id"] == changed.id] == ["dismissed"]
    assert not (reg.root / ".pending.json").exists()
    assert not list(Path(reg.root).glob("**/*.tmp"))
