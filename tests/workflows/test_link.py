"""Claims seen before in the registry: the same figure in two articles, linked, and a verdict reused."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from claimcheck.extract.pipeline import extract
from claimcheck.models import Article, Claim, Kind, sha256_text
from claimcheck.store import Registry
from claimcheck.workflows.drafts import build_claims
from claimcheck.workflows.link import AT_INGEST, _Index, find_similar, link_new_claims, seen_in
from tests.test_similar import _claim

EVIDENCE = "https://www.defense.gov/News/Releases/niger"
SECOND = (
    "Le Pentagone a confirmé le calendrier du retrait américain du Niger.\n\n"
    "Les États-Unis comptent plus de 1 000 soldats stationnés sur la base aérienne d'Agadez, "
    "selon un responsable américain.\n\n"
    "Le convoi de ravitaillement a parcouru 750 km de pistes en trois jours.\n"
)


@pytest.fixture
def second(cli, seeded, tmp_path):
    """The seed, then a second article repeating `plus de 1 000 soldats`; returns (old id, new id)."""
    path = tmp_path / "pentagone.txt"
    path.write_text(SECOND, encoding="utf-8")
    result = cli("ingest", path, "--published", "2024-05-21", "--lang", "fr", "--json")
    assert result.exit_code == 0, result.stderr
    old = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")
    new = next(c for c in result.json()[0]["claims"] if c["span"]["quote"] == "plus de 1 000 soldats")
    return old["id"], new["id"]


def test_ingest_links_a_repeated_figure_both_ways(cli, second):
    old, new = second
    assert cli("show", new, "--json").json()["seen_before"] == [old]
    assert cli("show", old, "--json").json()["seen_before"] == [new]
    # A bare value in another context (750 km driven, not the distance to Agadez) is not linked.
    road = next(
        c
        for c in cli("list", "--json").json()
        if c["span"]["quote"] == "750 km" and c["version"] == 1 and "pistes" in c["span"]["suffix"]
    )
    assert road["seen_before"] == []


def test_similar_lists_the_earlier_claim(cli, second):
    old, new = second
    result = cli("similar", new, "--json")
    assert result.exit_code == 0, result.stderr
    assert [c["id"] for c in result.json()] == [old]
    table = cli("similar", new)
    assert old in table.stdout and "unverified" in table.stdout


def test_mark_same_as_reuses_the_verdict_and_its_evidence(cli, second):
    old, new = second
    assert cli("verify", old, "--evidence", EVIDENCE, "--note", "DoD figures").exit_code == 0
    result = cli("mark", new, "verified", "--same-as", old, "--json")
    assert result.exit_code == 0, result.stderr
    claim = result.json()
    assert claim["status"] == "verified"
    assert [e["url"] for e in claim["evidence"]] == [EVIDENCE]
    same_as = next(e for e in claim["history"] if e["action"] == "same_as")
    assert same_as["detail"]["claim"] == old and same_as["by"] == "tester"
    assert claim["history"][-1]["action"] == "status"


def test_mark_same_as_an_unreviewed_claim_is_refused(cli, second):
    old, new = second
    before = cli("show", new, "--json").json()
    result = cli("mark", new, "verified", "--same-as", old)
    assert result.exit_code == 1
    assert "no verdict" in result.stderr and "Traceback" not in result.stderr
    assert cli("show", new, "--json").json() == before


def test_a_different_figure_is_not_linked(cli, seeded, tmp_path):
    path = tmp_path / "autre.txt"
    path.write_text("Les États-Unis comptent plus de 1 100 soldats stationnés au Niger.\n", encoding="utf-8")
    result = cli("ingest", path, "--published", "2024-05-21", "--lang", "fr", "--json")
    new = next(c for c in result.json()[0]["claims"] if "soldats" in c["span"]["quote"])
    assert cli("similar", new["id"], "--json").json() == []


# -- linking hand-made claims ----------------------------------------------------------------


def test_find_similar_loads_only_candidate_articles(registry, monkeypatch):
    from claimcheck.models import Article, sha256_text

    store = Registry.init(registry)
    for n in range(6):
        text = f"Article {n}: " + ("plus de 1 000 soldats" if n == 0 else f"{n} tonnes de riz")
        article = Article(
            id=f"a-00000{n}", language="fr", published=date(2024, 5, 20), text=text, sha256=sha256_text(text)
        )
        quote = text.split(": ")[1]
        value = (
            {"amount": 1000, "unit": "soldats", "bound": "more_than"}
            if n == 0
            else {"amount": n, "unit": "t", "bound": "exact"}
        )
        from claimcheck.models import ClaimDraft

        draft = ClaimDraft(
            kind=Kind.quantity,
            start=len(text) - len(quote),
            end=len(text),
            value=value,
            text="1,000+ soldats" if n == 0 else f"{n} t",
        )
        store.save_article(article, build_claims(article, [draft], by="t", registry=store))
    probe = _claim(
        "c-999999",
        "a-999999",
        Kind.quantity,
        "plus de 1 000 soldats",
        "1,000+ soldats",
        {"amount": 1000, "unit": "soldats", "bound": "more_than"},
    )
    loaded = []
    original = store.claims_of
    monkeypatch.setattr(store, "claims_of", lambda aid: loaded.append(aid) or original(aid))
    assert [c.article_id for c in find_similar(store, probe)] == ["a-000000"]
    assert loaded == ["a-000000"]


def test_link_new_claims_fills_both_sides_and_seen_in_describes_them(registry):
    from claimcheck.models import Article, ClaimDraft, sha256_text

    store = Registry.init(registry)
    value = {"amount": 1000, "unit": "soldats", "bound": "more_than"}
    made = []
    for n, title in enumerate(("Premier", "Second")):
        text = "Les États-Unis comptent plus de 1 000 soldats au Niger."
        article = Article(
            id=f"a-00000{n}",
            title=title,
            language="fr",
            published=date(2024, 5, 20),
            text=text,
            sha256=sha256_text(text + title),
        )
        start = text.index("plus")
        draft = ClaimDraft(kind=Kind.quantity, start=start, end=start + 21, value=value, text="1,000+ soldats")
        claims = link_new_claims(store, build_claims(article, [draft], by="t", registry=store))
        store.save_article(article, claims)
        made.append(claims[0])
    first, second = made
    assert second.seen_before == [first.id]
    assert store.claim(first.id).seen_before == [second.id]
    described = seen_in(store, second.seen_before)
    assert described[0].describe() == f"seen in a-000000 (Premier) as {first.id}, unverified"


# -- the keys index: what ingest reads instead of the whole index ------------------------------------------

BENCH = Path(__file__).resolve().parent.parent.parent / "bench"


def _bench_generate():
    if "bench_generate" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up while they are built
        spec.loader.exec_module(module)
    return sys.modules["bench_generate"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A registry of 5,000 claims from the benchmark's generator (the extractor's claims, half reviewed),
    and the claims of six articles it has never seen, not saved."""
    gen = _bench_generate()
    root = tmp_path_factory.mktemp("generated") / "claims"
    gen.generate(5000, root, seed=11)
    store = Registry.open(root)
    fresh = []
    for n, path in enumerate(gen.write_fresh_articles(tmp_path_factory.mktemp("fresh"), 6, seed=5)):
        text = path.read_text(encoding="utf-8")
        lang = "en" if ".en." in path.name else "fr"
        article = Article(
            id=f"a-f{n:05d}", language=lang, published=date(2025, 3, 1), text=text, sha256=sha256_text(text)
        )
        fresh += build_claims(article, extract(text, lang, date(2025, 3, 1)), by="t", registry=store)
    return store, fresh


def _full_scan(store: Registry, claims: list[Claim]) -> dict[str, list[str]]:
    """Today's reference: each claim compared with every index summary of its kind."""
    indexes = {kind: _Index(store, kind) for kind in AT_INGEST}
    return {c.id: [m.id for m in find_similar(store, c, index=indexes[c.kind.value])] for c in claims}


def _keyed(store: Registry, claims: list[Claim]) -> dict[str, list[str]]:
    return {c.id: [m.id for m in find_similar(store, c)] for c in claims}


def test_the_keys_index_finds_exactly_what_the_full_scan_finds(generated):
    store, fresh = generated
    old = [c for a in store.article_summaries() for c in store.claims_of(a["id"]) if c.kind.value in AT_INGEST]
    new = [c for c in fresh if c.kind.value in AT_INGEST]
    assert {c.kind.value for c in old} == AT_INGEST and len(old) > 500 and len(new) > 40
    full = _full_scan(store, old + new)
    assert _keyed(store, old + new) == full
    assert sum(map(len, full.values())) > 50  # enough claims seen before for the comparison to mean something


def test_with_few_candidates_the_keys_index_ranks_them_as_the_full_scan(generated, monkeypatch):
    # With a cap of two candidates per claim, which two is decided by rank and by registry order on ties.
    monkeypatch.setattr("claimcheck.workflows.link.MAX_CANDIDATES", 2)
    store, fresh = generated
    claims = [c for a in store.article_summaries() for c in store.claims_of(a["id"]) if c.kind.value in AT_INGEST] + [
        c for c in fresh if c.kind.value in AT_INGEST
    ]
    full, keyed = _full_scan(store, claims), _keyed(store, claims)
    figures = [c.id for c in claims if c.kind != Kind.quote]
    assert {i: keyed[i] for i in figures} == {i: full[i] for i in figures}
    # A quotation is compared with the same speaker's only, so the cap never drops one of them for another's.
    for claim in claims:
        if claim.kind == Kind.quote:
            assert set(full[claim.id]) <= set(keyed[claim.id])


def test_linking_an_article_does_not_read_the_whole_index(generated, monkeypatch):
    store, fresh = generated
    expected = _full_scan(store, [c for c in fresh if c.kind.value in AT_INGEST])

    def whole_index(*args, **kwargs):
        raise AssertionError("link_new_claims read every index shard")

    monkeypatch.setattr(store, "claim_summaries", whole_index)
    monkeypatch.setattr(store, "save_claims", lambda claims: None)  # the module's registry stays as generated
    linked = link_new_claims(store, fresh)
    assert {c.id: c.seen_before for c in linked if c.kind.value in AT_INGEST} == expected


def _keys_entries(root: Path, claim_id: str) -> list[dict]:
    """Every keys entry of a claim, in whichever file."""
    return [
        doc
        for path in (root / "index" / "keys").glob("*.json")
        for doc in json.loads(path.read_text(encoding="utf-8"))["keys"].values()
        if doc["id"] == claim_id
    ]


def test_a_new_version_moves_a_changed_figure_to_its_new_key(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    path = tmp_path / "story.txt"
    path.write_text("Plus de 1 000 soldats sont partis. Le coût atteint 100 millions de dollars.", encoding="utf-8")
    assert cli("ingest", path, "--lang", "fr", "--published", "2024-05-20").exit_code == 0
    soldiers = next(c for c in cli("list", "--json").json() if "soldats" in c["span"]["quote"])
    assert [e["key"] for e in _keys_entries(registry, soldiers["id"])] == ["quantity 1,000+"]
    path.write_text("Plus de 1 200 soldats sont partis. Le coût atteint 100 millions de dollars.", encoding="utf-8")
    assert cli("ingest", path, "--lang", "fr", "--published", "2024-05-20").exit_code == 0
    changed = cli("show", soldiers["id"], "--json").json()
    assert changed["text"].startswith("1,200+")
    # Filed under its new key only: gone from its old key's file.
    assert [(e["key"], e["text"]) for e in _keys_entries(registry, soldiers["id"])] == [
        ("quantity 1,200+", changed["text"])
    ]
    # An article repeating the new figure is linked to it; one repeating the old figure is not.
    other = tmp_path / "other.txt"
    other.write_text("Au Niger, plus de 1 200 soldats sont partis.", encoding="utf-8")
    result = cli("ingest", other, "--lang", "fr", "--published", "2024-05-21", "--json")
    new = next(c for c in result.json()[0]["claims"] if "soldats" in c["span"]["quote"])
    assert new["seen_before"] == [soldiers["id"]]
    assert cli("doctor").exit_code == 0


def test_a_status_change_leaves_the_keys_files_alone(cli, seeded, registry):
    claim = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")
    before = {p: p.read_bytes() for p in (registry / "index" / "keys").glob("*.json")}
    assert cli("mark", claim["id"], "in-review").exit_code == 0
    assert cli("verify", claim["id"], "--evidence", EVIDENCE).exit_code == 0
    assert {p: p.read_bytes() for p in (registry / "index" / "keys").glob("*.json")} == before
    assert [e["key"] for e in _keys_entries(registry, claim["id"])] == ["quantity 1,000+"]


def test_a_figure_added_by_hand_is_filed_under_its_key(cli, seeded, registry):
    article = seeded[0]["article_id"]
    made = cli("add", article, "--quote", "négociations marathon", "--kind", "quantity", "--json")
    assert made.exit_code == 0, made.stderr
    added = made.json()
    assert [e["key"] for e in _keys_entries(registry, added["id"])] == [f"quantity {added['text'].split()[0]}"]
    assert cli("doctor").exit_code == 0
