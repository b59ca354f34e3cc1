"""One contract, two backends: every test here runs on the JSON folder and on PostgreSQL (tests/postgres.py).

The store's promises (store/base.py) checked through `open_registry` and the protocol's methods only:
round trips, ids and prefixes, errors, all-or-nothing changes; then a registry copied from one backend to
the other answers every read the same, and comes back file for file.
"""

from __future__ import annotations

import itertools
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.actions import make_evidence, set_status
from claimcheck.errors import AmbiguousId, ArticleNotFound, ClaimNotFound, RegistryNotFound, TransitionRefused
from claimcheck.models import Article, ArticleVersion, Claim, ClaimDraft, Kind, Stance, Status, sha256_text
from claimcheck.store import open_registry
from claimcheck.store.layout import data_files
from claimcheck.workflows.drafts import build_claims
from claimcheck.workflows.transfer import copy_registry
from tests.conftest import EXAMPLES, SEED

_ids = itertools.count(1)


def _article(text: str, article_id: str | None = None) -> Article:
    digest = sha256_text(text)
    return Article(
        id=article_id or f"a-{next(_ids):06x}",
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
def reg(backend):
    registry = open_registry(backend, create=True)
    yield registry
    registry.close()


def _in_text_order(claims: list[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.span.start, c.span.end, c.kind, c.id))


def test_a_registry_is_refused_until_created_then_opens_empty(backend):
    with pytest.raises(RegistryNotFound, match="init"):
        open_registry(backend)
    open_registry(backend, create=True).close()
    with open_registry(backend, create=True) as again, open_registry(backend) as reg:  # create is safe to repeat
        assert again.article_summaries() == reg.article_summaries() == []
        assert reg.claim_summaries() == [] and list(reg.claim_documents()) == []
        assert reg.claim_page(10) == ([], 0)


def test_saved_claims_come_back_identical(reg, backend):
    text = "The port handled 2.1 million containers last year. " * 3
    article = _article(text)
    claims = build_claims(article, _drafts(text, 5), by="ana", registry=reg)
    reg.save_article(article, claims)
    with open_registry(backend) as again:
        assert again.claims_of(article.id) == _in_text_order(claims)
        assert again.article(article.id) == article
        assert [c["id"] for c in again.claim_documents()] == [c.id for c in _in_text_order(claims)]
        summary = again.find_article(sha256=article.sha256)
        assert summary is not None and summary["id"] == article.id and summary["claims"] == len(claims)


# PostgreSQL text cannot hold NUL, and no article can bring one: sources.py refuses a file that has one.
_TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00"), min_size=2, max_size=300)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, note=st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=200))
def test_anything_valid_survives_a_write_and_a_read(reg, text, note):
    article = _article(text)
    claims = build_claims(article, _drafts(text, 3), by="x\x1b[2J", registry=reg)
    evidence = make_evidence("https://example.org/a?q=1", stance=Stance.refutes, note=note or None, by="y")
    claims[0] = Claim.model_validate(
        set_status(claims[0].model_dump(mode="json"), Status.false, by="y", evidence=[evidence], note=note or None)
    )
    reg.save_article(article, claims)
    assert reg.article(article.id) == article
    assert reg.claims_of(article.id) == _in_text_order(claims)
    assert reg.claim_document(claims[0].id) == claims[0].model_dump(mode="json")


def test_ids_are_prefix_matchable_and_a_clash_gets_a_longer_id(reg):
    text = "Some 40 people came. Then 50 more arrived. " * 2
    article = _article(text)
    claims = build_claims(article, _drafts(text, 4), by="a", registry=reg)
    reg.save_article(article, claims)
    target = claims[0]
    assert reg.claim(target.id[:6]).id == target.id
    assert reg.claim(target.id[2:]).id == target.id
    assert reg.resolve_article(article.id[2:5]) == article.id
    other = _article("abcdef" * 10)
    first = build_claims(other, _drafts(other.text, 1), by="a", registry=reg)
    reg.save_article(other, first)
    clash = build_claims(other, _drafts(other.text, 1), by="a", registry=reg)
    assert clash[0].id != first[0].id and clash[0].id.startswith(first[0].id)


def test_unknown_and_ambiguous_references_are_the_same_errors(reg):
    text = "x" * 4000
    article = _article(text)
    claims = build_claims(article, _drafts(text, 300), by="a", registry=reg)
    reg.save_article(article, claims)
    by_first: dict[str, list[str]] = {}
    for c in claims:
        by_first.setdefault(c.id[2:5], []).append(c.id)
    digits, ids = max(by_first.items(), key=lambda kv: len(kv[1]))
    with pytest.raises(AmbiguousId, match=f"matches {len(ids)} claims: {sorted(ids)[0]}"):
        reg.claim_document(digits)
    with pytest.raises(ClaimNotFound, match="claim ids look like"):
        reg.claim("c-zzzz")
    with pytest.raises(ClaimNotFound, match="no claim 'c-ffffffff'"):
        reg.claim_in_context("c-ffffffff")
    with pytest.raises(ArticleNotFound, match="no article 'a-nope'"):
        reg.article("nope")
    ghost = claims[0].model_dump(mode="json") | {"article_id": "a-ffffff"}
    with pytest.raises(ArticleNotFound):
        reg.save_claim_documents([ghost])


def test_a_failed_change_leaves_the_claim_as_it_was(reg, backend):
    text = "The port handled 2.1 million containers last year."
    article = _article(text)
    claims = build_claims(article, _drafts(text, 2), by="a", registry=reg)
    reg.save_article(article, claims)
    before = reg.claim_document(claims[0].id)

    def refuse(doc):
        set_status(doc, Status.in_review, by="b")  # changed in place, then refused: nothing may be kept
        raise TransitionRefused("no")

    with pytest.raises(TransitionRefused):
        reg.modify_claim(claims[0].id, refuse)
    with open_registry(backend) as again:
        assert again.claim_document(claims[0].id) == before


def test_modify_claim_saves_what_the_change_returns(reg):
    text = "The port handled 2.1 million containers last year."
    article = _article(text)
    claims = build_claims(article, _drafts(text, 1), by="a", registry=reg)
    reg.save_article(article, claims)
    updated = reg.modify_claim(claims[0].id, lambda doc: set_status(doc, Status.in_review, by="b"))
    assert reg.claim_document(claims[0].id) == updated
    assert [a["action"] for a in updated["history"]] == ["created", "status"]
    assert [s["status"] for s in reg.claim_summaries(status="in-review")] == ["in-review"]


def test_filters_and_search_select_the_same_claims(reg):
    article = _article("Les États-Unis comptent plus de 1 000 soldats. The port handled 2.1 million boxes.")
    drafts = [
        ClaimDraft(kind=Kind.quantity, start=31, end=45, text="1,000+ soldats"),
        ClaimDraft(kind=Kind.statement, start=0, end=45, text="Les États-Unis comptent plus de 1 000 soldats."),
    ]
    claims = build_claims(article, drafts, by="a", registry=reg)
    reg.save_article(article, claims)
    assert [s["id"] for s in reg.claim_summaries(search="ÉTATS")] == [claims[1].id]
    assert [s["id"] for s in reg.claim_summaries(kind="quantity")] == [claims[0].id]
    assert reg.claim_page(1, status="unverified")[1] == 2
    assert reg.claim_summaries(search="100%_") == []  # LIKE's wildcards are text here


# -- across backends: one registry, copied ------------------------------------------------------


@pytest.fixture
def folder_and_database(cli, tmp_path, monkeypatch, pg_url):
    """The seed, the port article and a reviewed claim in a folder registry; the same copied to PostgreSQL."""
    folder = tmp_path / "claims"
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", str(folder))
    for name, published in ((SEED.name, "2024-05-20"), ("port-expansion.en.txt", "2024-06-13")):
        shutil.copy(EXAMPLES / name, tmp_path / name)
        assert cli("ingest", tmp_path / name, "--published", published).exit_code == 0
    first = cli("list", "--json").json()[0]["id"]
    assert cli("mark", first, "verified", "--evidence", "https://example.org/x", "--note", "ok").exit_code == 0
    source = open_registry(folder)
    database = open_registry(pg_url, create=True)
    copied = copy_registry(source, database)
    assert copied.articles == 2 and copied.claims == len(source.claim_summaries())
    yield source, database
    database.close()


def test_every_read_answers_the_same_on_both_backends(folder_and_database):
    folder, database = folder_and_database
    assert database.article_summaries() == folder.article_summaries()
    for summary in folder.article_summaries():
        assert database.article(summary["id"][:5]) == folder.article(summary["id"])
        assert database.claims_of(summary["id"]) == folder.claims_of(summary["id"])
        for look_up in ({"sha256": summary["sha256"]}, {"url": summary["url"]}, {"source": summary["source"]}):
            assert database.find_article(**look_up) == folder.find_article(**look_up)
    for filters in ({}, {"status": "verified"}, {"kind": "quote"}, {"search": "niger"}, {"kind": "date"}):
        assert database.claim_summaries(**filters) == folder.claim_summaries(**filters)
        assert database.claim_page(3, **filters) == folder.claim_page(3, **filters)
        assert list(database.claim_documents(**filters)) == list(folder.claim_documents(**filters))
    for summary in folder.claim_summaries():
        assert database.claim_in_context(summary["id"]) == folder.claim_in_context(summary["id"])
        assert database.claim_document(summary["id"][2:]) == folder.claim_document(summary["id"])
    keys = [k for k in (f"quantity {v}" for v in ("750 km", "1,000+")) if k]
    assert database.similar_candidates(keys) == folder.similar_candidates(keys)
    taken_db, taken_folder = database.claim_ids_taken(), folder.claim_ids_taken()
    for summary in folder.claim_summaries()[:5]:
        assert taken_db(summary["id"]) and taken_folder(summary["id"])
    assert not taken_db("c-000000") and not taken_folder("c-000000")


def test_folder_to_database_to_folder_is_the_same_folder_file_for_file(folder_and_database, tmp_path):
    folder, database = folder_and_database
    back = open_registry(tmp_path / "back", create=True)
    copy_registry(database, back)
    original: Path = folder.root
    names = [p.relative_to(original) for p in data_files(original)]
    assert names == [p.relative_to(back.root) for p in data_files(back.root)]
    for name in names:
        assert (back.root / name).read_bytes() == (original / name).read_bytes(), name
