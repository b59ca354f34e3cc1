"""The registry on disk: round-trips, ids, prefixes, refusal of broken or newer files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.actions import make_evidence, set_status
from claimcheck.errors import AmbiguousId, ClaimNotFound, RegistryCorrupt, RegistryTooNew
from claimcheck.models import Article, ArticleVersion, Claim, ClaimDraft, Kind, Stance, Status, sha256_text
from claimcheck.store import SCHEMA_VERSION, Registry
from claimcheck.workflows.drafts import build_claims


def _article(text: str, article_id: str = "a-000001") -> Article:
    digest = sha256_text(text)
    return Article(
        id=article_id,
        language="en",
        published=date(2024, 5, 20),
        text=text,
        sha256=digest,
        versions=[ArticleVersion(version=1, sha256=digest)],
    )


def _drafts(text: str, n: int) -> list[ClaimDraft]:
    step = max(1, len(text) // n)
    return [
        ClaimDraft(kind=Kind.statement, start=i, end=min(len(text), i + step), text=f"s{i}")
        for i in range(0, len(text) - 1, step)
    ][:n]


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
        assert text[claim.span.start : claim.span.end] == claim.span.quote


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=2, max_size=300), note=st.text(max_size=200))
def test_anything_valid_survives_a_write_and_a_read(tmp_path_factory, text, note):
    reg = Registry.init(tmp_path_factory.mktemp("r") / "claims")
    article = _article(text)
    claims = build_claims(article, _drafts(text, 3), by="x\x1b[2J", registry=reg)
    evidence = make_evidence("https://example.org/a?q=1", stance=Stance.refutes, note=note or None, by="y")
    claims[0] = Claim.model_validate(
        set_status(claims[0].model_dump(mode="json"), Status.false, by="y", evidence=[evidence], note=note or None)
    )
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
        by_first.setdefault(c.id[2:5], []).append(c.id)  # the claims of one article share c.id[2:4]
    digits, ids = max(by_first.items(), key=lambda kv: len(kv[1]))
    with pytest.raises(AmbiguousId) as err:
        reg.claim(digits)
    assert sorted(ids)[0] in str(err.value)
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
    data["claims"][key]["history"].append(
        {
            "at": "2030-01-01T00:00:00Z",
            "by": "a",
            "action": "status",
            "detail": {"from": "unverified", "to": "dismissed"},
        }
    )
    doc_path.write_bytes(orjson.dumps(data))
    (reg.root / ".pending.json").write_bytes(orjson.dumps({"articles": [article.id]}))
    (reg.root / "index" / ".00.json.123.tmp").write_text("half", encoding="utf-8")
    again = Registry.open(reg.root)
    assert [s["status"] for s in again.claim_summaries() if s["id"] == changed.id] == ["dismissed"]
    assert not (reg.root / ".pending.json").exists()
    assert not list(Path(reg.root).glob("**/*.tmp"))


# -- one index shard per article, and the keys index (store/keys.py) -------------------------------------


def test_the_claims_of_one_article_share_one_index_shard(reg):
    text = "Some 40 people came. Then 50 more arrived. " * 20
    article = _article(text, "a-7f01c2")
    claims = build_claims(article, _drafts(text, 30), by="a", registry=reg)
    assert len({c.id for c in claims}) == 30 and {c.id[2:4] for c in claims} == {"7f"}
    reg.save_article(article, claims)
    assert [p.name for p in (reg.root / "index").glob("*.json")] == ["7f.json"]
    assert reg.claim(claims[5].id).id == claims[5].id


def _soldiers(text: str, amount: int, label: str) -> ClaimDraft:
    start = text.index("plus de")
    end = text.index("soldats") + len("soldats")
    return ClaimDraft(
        kind=Kind.quantity,
        start=start,
        end=end,
        text=label,
        value={"amount": amount, "unit": "soldats", "bound": "more_than"},
    )


def _keys(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Each keys file's (claim id, key) pairs."""
    out = {}
    for path in sorted((root / "index" / "keys").glob("*.json")):
        pairs = sorted((d["id"], d["key"]) for d in orjson.loads(path.read_bytes())["keys"].values())
        if pairs:
            out[path.name] = pairs
    return out


@pytest.fixture
def keyed(reg) -> tuple[Registry, Article, list]:
    """An article with a figure, a quotation and a statement: the first two are filed under their keys."""
    text = "Il y a plus de 1 000 soldats au Niger. « Nous partirons », a dit Ana Diallo. Rien de plus."
    article = _article(text)
    quote = text.index("Nous partirons")
    drafts = [
        _soldiers(text, 1000, "1,000+ soldats"),
        ClaimDraft(
            kind=Kind.quote, start=quote, end=quote + 14, text="Diallo: Nous partirons", value={"speaker": "Ana Diallo"}
        ),
        ClaimDraft(kind=Kind.statement, start=text.index("Rien"), end=len(text), text="Rien de plus."),
    ]
    claims = build_claims(article, drafts, by="a", registry=reg)
    reg.save_article(article, claims)
    return reg, article, claims


def test_figures_and_quotations_are_filed_under_their_keys(keyed):
    reg, article, claims = keyed
    figure, quote, statement = claims
    filed = [pair for pairs in _keys(reg.root).values() for pair in pairs]
    assert sorted(filed) == sorted([(figure.id, "quantity 1,000+"), (quote.id, "quote ana diallo")])
    found = reg.similar_candidates(["quantity 1,000+", "quote ana diallo", "quantity 2"])
    assert [e["id"] for e in found["quantity 1,000+"]] == [figure.id] and "quantity 2" not in found
    assert found["quote ana diallo"][0]["value"] == {"speaker": "Ana Diallo"}


def test_an_interrupted_change_refiles_the_keys_on_next_open(keyed):
    reg, article, claims = keyed
    # A writer killed after it wrote a new value in the article file, before it refiled the keys.
    doc_path = reg.root / "articles" / f"{article.id}.json"
    data = orjson.loads(doc_path.read_bytes())
    doc = next(v for v in data["claims"].values() if v["id"] == claims[0].id)
    doc.update(text="1,200+ soldats", value=doc["value"] | {"amount": 1200})
    doc_path.write_bytes(orjson.dumps(data))
    (reg.root / ".pending.json").write_bytes(orjson.dumps({"articles": [article.id]}))
    again = Registry.open(reg.root)
    filed = [pair for pairs in _keys(reg.root).values() for pair in pairs]
    assert sorted(filed) == sorted([(claims[0].id, "quantity 1,200+"), (claims[1].id, "quote ana diallo")])
    assert "quantity 1,000+" not in again.similar_candidates(["quantity 1,000+"])


def test_reindex_rebuilds_the_keys(keyed):
    reg, article, claims = keyed
    before = _keys(reg.root)
    for path in (reg.root / "index" / "keys").glob("*.json"):
        path.write_text("{ half", encoding="utf-8")
    with pytest.raises(RegistryCorrupt) as err:
        reg.similar_candidates(["quantity 1,000+"])
    assert "keys" in str(err.value) and "line" in str(err.value)
    reg.reindex()
    assert _keys(reg.root) == before


def test_a_keys_entry_a_hand_edit_broke_is_refused(keyed):
    reg, article, claims = keyed
    path = next(
        reg.root / "index" / "keys" / name for name, pairs in _keys(reg.root).items() if pairs[0][0] == claims[0].id
    )
    data = orjson.loads(path.read_bytes())
    next(iter(data["keys"].values()))["start"] = "twelve"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(RegistryCorrupt) as err:
        reg.similar_candidates(["quantity 1,000+"])
    assert str(path) in str(err.value) and "doctor --reindex" in str(err.value)


def test_a_registry_of_schema_1_is_given_its_keys_when_opened(keyed):
    reg, article, claims = keyed
    before = _keys(reg.root)
    shutil.rmtree(reg.root / "index" / "keys")
    data = orjson.loads((reg.root / "registry.json").read_bytes())
    data["meta"]["1"]["schema"] = 1
    (reg.root / "registry.json").write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    Registry.open(reg.root)
    assert _keys(reg.root) == before
    assert orjson.loads((reg.root / "registry.json").read_bytes())["meta"]["1"]["schema"] == SCHEMA_VERSION
    backup = reg.root.with_name("claims.schema1.backup")
    assert (backup / "registry.json").exists() and not (backup / "index" / "keys").exists()  # kept as it was
