"""`update` through the command line: the seed article and an edited copy of it."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.models import Claim, ClaimDraft, Kind, Span, Status
from claimcheck.store import Registry
from tests.conftest import SEED

EVIDENCE = "https://www.defense.gov/News/Releases/niger"
HEADER = "Cet article a été mis à jour pour préciser les effectifs américains au Niger.\n\n"
REMOVED = (
    'Le colonel Abdramane a condamné les États-Unis pour leur "attitude condescendante" '
    'et leurs "menaces de représailles".\n\n'
)


def edited(text: str) -> str:
    """The copy of "Done when": a paragraph on top, a typo fixed, a sentence removed, a number changed."""
    assert REMOVED in text and "jihadistes" in text and "plus de 1 000 soldats" in text
    return (
        (HEADER + text)
        .replace("activités jihadistes", "activités djihadistes")
        .replace(REMOVED, "")
        .replace("plus de 1 000 soldats", "plus de 1 100 soldats")
    )


def expected_start(old_start: int, text: str) -> int:
    """Where an untouched claim of the seed lands in the edited copy."""
    shift = len(HEADER)
    removed_at = text.index(REMOVED)
    if old_start > removed_at:
        shift -= len(REMOVED)
    if old_start > text.index("activités jihadistes"):
        shift += 1
    return old_start + shift


@pytest.fixture
def v2(tmp_path):
    path = tmp_path / "v2" / "niger-corrige.txt"
    path.parent.mkdir()
    path.write_text(edited(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_update_classifies_every_claim_of_the_edited_seed(cli, seeded, v2):
    text = SEED.read_text(encoding="utf-8")
    new_text = v2.read_text(encoding="utf-8")
    article = seeded[0]["article_id"]
    soldiers = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")
    typo = next(c for c in seeded if "activités jihadistes" in c["span"]["quote"])
    in_removed = [c for c in seeded if text.index(REMOVED) <= c["span"]["start"] < text.index(REMOVED) + len(REMOVED)]
    assert len(in_removed) >= 2

    result = cli("update", article, v2, "--json")
    assert result.exit_code == 0, result.stderr
    changes = {c["claim_id"]: c for c in result.json()}
    assert set(changes) == {c["id"] for c in seeded}
    for claim in seeded:
        change = changes[claim["id"]]
        if claim in in_removed:
            assert change["outcome"] == "orphaned" and change["new_span"] is None
            continue
        new = change["new_span"]
        assert new_text[new["start"] : new["end"]] == new["quote"]
        if claim["id"] in (soldiers["id"], typo["id"]):
            assert change["outcome"] == "changed"
        else:
            # The same words, exactly where the edits put them: attached to nothing else.
            assert change["outcome"] == "moved", claim["span"]["quote"]
            assert new["quote"] == claim["span"]["quote"]
            assert new["start"] == expected_start(claim["span"]["start"], text)
    assert changes[soldiers["id"]]["new_span"]["quote"] == "plus de 1 100 soldats"
    assert changes[soldiers["id"]]["new_value"]["amount"] == 1100
    assert "activités djihadistes" in changes[typo["id"]]["new_span"]["quote"]


def test_update_keeps_orphans_and_every_version(cli, seeded, v2, registry):
    article = seeded[0]["article_id"]
    assert cli("update", article, v2).exit_code == 0
    orphan = next(c for c in cli("list", "--json").json() if c["span"]["quote"] == "attitude condescendante")
    assert orphan["orphaned"] is True and orphan["version"] == 1
    assert orphan["history"][-1]["action"] == "orphaned"
    stored = Registry.open(registry).article(article)
    assert stored.version == 2 and stored.text == v2.read_text(encoding="utf-8")
    old_text = stored.versions[0].text
    assert old_text == SEED.read_text(encoding="utf-8")
    assert old_text[orphan["span"]["start"] : orphan["span"]["end"]] == "attitude condescendante"
    assert cli("articles", "--json").json()[0]["versions"] == 2


def test_a_verified_claim_whose_words_change_goes_back_to_review(cli, seeded, v2):
    soldiers = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")
    assert cli("verify", soldiers["id"], "--evidence", EVIDENCE).exit_code == 0
    result = cli("update", seeded[0]["article_id"], v2)
    assert result.exit_code == 0, result.stderr
    assert "changed" in result.stdout and "plus de 1 100 soldats" in result.stdout
    after = cli("show", soldiers["id"], "--json").json()
    assert after["status"] == "in-review"
    assert after["text"] == "1,100+ soldats"
    actions = [e["action"] for e in after["history"]]
    assert actions[-2:] == ["changed", "status"]
    changed = after["history"][-2]["detail"]
    assert (changed["old_quote"], changed["new_quote"]) == ("plus de 1 000 soldats", "plus de 1 100 soldats")
    assert changed["old_value"]["amount"] == 1000 and changed["new_value"]["amount"] == 1100
    assert "changed" in after["history"][-1]["detail"]["note"]


def test_an_edit_at_the_end_leaves_earlier_claims_unchanged(cli, seeded, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "v3.txt"
    path.write_text(
        text + "\n\nLes derniers soldats américains doivent partir d'ici la fin de l'été.\n", encoding="utf-8"
    )
    result = cli("update", seeded[0]["article_id"], path, "--json")
    assert result.exit_code == 0, result.stderr
    assert {c["outcome"] for c in result.json()} == {"unchanged"}
    listed = cli("list", "--json").json()
    assert len(listed) > len(seeded)  # the new paragraph's claims were added
    assert all(c["version"] == 2 for c in listed)


def test_ingesting_an_edited_file_of_the_same_name_is_a_new_version(cli, seeded, tmp_path):
    path = tmp_path / "v2" / SEED.name
    path.parent.mkdir()
    path.write_text(edited(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    result = cli("ingest", path, "--published", "2024-05-20", "--json")
    assert result.exit_code == 0, result.stderr
    ingested = result.json()[0]
    assert ingested["outcome"] == "version"
    outcomes = {c["outcome"] for c in ingested["changes"]}
    assert outcomes == {"moved", "changed", "orphaned"}


def test_update_of_an_unknown_article_is_a_clean_error(cli, seeded, v2):
    result = cli("update", "a-nope", v2)
    assert result.exit_code == 1
    assert "no article" in result.stderr and "Traceback" not in result.stderr


# -- update_article with hand-made drafts (no extractor) -------------------------------


def _fake_extractor(text: str, lang: str, published: date, *, published_assumed: bool = False) -> list[ClaimDraft]:
    """`N soldats` anywhere in the text, as the extractor would give it."""
    import re

    return [
        ClaimDraft(
            kind=Kind.quantity,
            start=m.start(),
            end=m.end(),
            value={"amount": int(m.group(1)), "unit": "soldats", "bound": "exact"},
            text=f"{m.group(1)} soldats",
        )
        for m in re.finditer(r"(\d+) soldats", text)
    ]


def test_update_article_with_a_hand_made_extractor(registry):
    from claimcheck.models import Article, ArticleVersion, sha256_text
    from claimcheck.workflows.drafts import build_claims
    from claimcheck.workflows.update import update_article

    store = Registry.init(registry)
    text = "Au total 300 soldats sont partis.\n\nIls étaient 900 soldats en mars."
    article = Article(
        id="a-000001",
        language="fr",
        published=date(2024, 5, 20),
        text=text,
        sha256=sha256_text(text),
        versions=[ArticleVersion(version=1, sha256=sha256_text(text))],
    )
    claims = build_claims(article, _fake_extractor(text, "fr", article.published), by="t", registry=store)
    store.save_article(article, claims)
    new_text = "Au total 350 soldats sont partis.\n\nIls étaient 900 soldats en mars. Puis 40 soldats."
    result = update_article(store, "a-000001", new_text, by="t", extractor=_fake_extractor)
    assert [c.outcome for c in result.changes] == ["changed", "unchanged"]
    assert result.changes[0].new_value["amount"] == 350
    assert [c.text for c in result.added] == ["40 soldats"]
    assert result.article.version == 2
    saved = {c.id: c for c in store.claims_of("a-000001")}
    assert saved[result.changes[0].claim_id].span == Span(
        start=9, end=20, quote="350 soldats", prefix="Au total ", suffix=new_text[20:52]
    )
    assert all(isinstance(c, Claim) and c.status == Status.unverified for c in saved.values())
