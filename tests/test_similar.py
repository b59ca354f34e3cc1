"""Claims seen before: the same figure in two articles, linked, and a verdict reused."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.models import Claim, Kind, Span
from claimcheck.similar import content_words, find_similar, link_new_claims, same_thing, seen_in
from claimcheck.store import Registry

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
    road = next(c for c in cli("list", "--json").json() if c["span"]["quote"] == "750 km" and c["version"] == 1
                and "pistes" in c["span"]["suffix"])
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


# -- the rules, on hand-made claims ---------------------------------------------------------


def _claim(ident: str, article: str, kind: Kind, quote: str, label: str, value: dict, prefix: str = "",
           suffix: str = "") -> Claim:
    return Claim(id=ident, article_id=article, kind=kind, text=label, value=value,
                 span=Span(start=0, end=len(quote), quote=quote, prefix=prefix, suffix=suffix))


def test_value_only_claims_need_shared_context():
    soldiers = {"amount": 1000, "unit": "soldats", "bound": "more_than"}
    a = _claim("c-000001", "a-1", Kind.quantity, "plus de 1 000 soldats", "1,000+ soldats", soldiers)
    b = _claim("c-000002", "a-2", Kind.quantity, "plus de 1 000 soldat", "1,000+ soldat", soldiers | {"unit": "soldat"})
    assert same_thing(a, b)
    km = {"amount": 750, "unit": "km", "bound": "exact"}
    agadez = _claim("c-000003", "a-1", Kind.quantity, "750 km", "750 km", km, "la ville centrale d'Agadez, à ",
                    " (460 miles) au nord-est de Niamey")
    agadez2 = _claim("c-000004", "a-2", Kind.quantity, "750 km", "750 km", km, "Agadez se trouve à ",
                     " au nord-est de Niamey, la capitale")
    road = _claim("c-000005", "a-3", Kind.quantity, "750 km", "750 km", km, "Le nouveau tronçon d'autoroute fait ",
                  " de long et coûtera cher")
    assert same_thing(agadez, agadez2)
    assert not same_thing(agadez, road)
    assert content_words("l'Agadez, à 750 km de Niamey") == {"agadez", "niamey"}


def test_find_similar_loads_only_candidate_articles(registry, monkeypatch):
    from claimcheck.ingest import build_claims
    from claimcheck.models import Article, sha256_text

    store = Registry.init(registry)
    for n in range(6):
        text = f"Article {n}: " + ("plus de 1 000 soldats" if n == 0 else f"{n} tonnes de riz")
        article = Article(id=f"a-00000{n}", language="fr", published=date(2024, 5, 20), text=text,
                          sha256=sha256_text(text))
        quote = text.split(": ")[1]
        value = ({"amount": 1000, "unit": "soldats", "bound": "more_than"} if n == 0
                 else {"amount": n, "unit": "t", "bound": "exact"})
        from claimcheck.models import ClaimDraft

        draft = ClaimDraft(kind=Kind.quantity, start=len(text) - len(quote), end=len(text), value=value,
                           text="1,000+ soldats" if n == 0 else f"{n} t")
        store.save_article(article, build_claims(article, [draft], by="t", registry=store))
    probe = _claim("c-999999", "a-999999", Kind.quantity, "plus de 1 000 soldats", "1,000+ soldats",
                   {"amount": 1000, "unit": "soldats", "bound": "more_than"})
    loaded = []
    original = store.claims_of
    monkeypatch.setattr(store, "claims_of", lambda aid: loaded.append(aid) or original(aid))
    assert [c.article_id for c in find_similar(store, probe)] == ["a-000000"]
    assert loaded == ["a-000000"]


def test_link_new_claims_fills_both_sides_and_seen_in_describes_them(registry):
    from claimcheck.ingest import build_claims
    from claimcheck.models import Article, ClaimDraft, sha256_text

    store = Registry.init(registry)
    value = {"amount": 1000, "unit": "soldats", "bound": "more_than"}
    made = []
    for n, title in enumerate(("Premier", "Second")):
        text = "Les États-Unis comptent plus de 1 000 soldats au Niger."
        article = Article(id=f"a-00000{n}", title=title, language="fr", published=date(2024, 5, 20), text=text,
                          sha256=sha256_text(text + title))
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
