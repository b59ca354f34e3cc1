"""Statements: every check-worthy sentence or clause that no atomic claim covers."""

from __future__ import annotations

from claimcheck.extract.segment import sentences
from claimcheck.extract.statements import THRESHOLD, find_statements, score
from claimcheck.models import Kind


def statements(text: str, lang: str, covered: list[tuple[int, int]] | None = None) -> list[str]:
    drafts = find_statements(text, sentences(text, lang), lang, covered or [])
    assert all(d.kind == Kind.statement and 0 <= d.value["checkworthiness"] <= 1 for d in drafts)
    return [text[d.start : d.end] for d in drafts]


def test_a_factual_sentence_without_numbers_is_a_statement():
    text = "Le trio a quitté la Cedeao, l'organisme régional ouest-africain."
    assert statements(text, "fr") == [text]


def test_sentences_touched_by_an_atomic_claim_are_left_alone():
    text = "Les prix ont augmenté de 44 %. Le Niger a quitté la Cedeao."
    covered = [(text.index("44 %"), text.index("44 %") + 4)]
    assert statements(text, "fr", covered) == ["Le Niger a quitté la Cedeao."]


def test_two_facts_are_two_statements():
    text = (
        "Ils ont quitté la force du G5 Sahel soutenue par la France, et ont lancé leur propre pacte "
        "de défense appelé Alliance des États du Sahel."
    )
    assert statements(text, "fr") == [
        "Ils ont quitté la force du G5 Sahel soutenue par la France",
        "et ont lancé leur propre pacte de défense appelé Alliance des États du Sahel.",
    ]


def test_clause_boundaries():
    text = "La junte a ordonné le départ des troupes françaises, tout en se rapprochant de la Russie."
    assert statements(text, "fr") == [
        "La junte a ordonné le départ des troupes françaises",
        "tout en se rapprochant de la Russie.",
    ]
    text = "The board approved the plan; the mayor opposed it in public."
    assert statements(text, "en") == ["The board approved the plan", "the mayor opposed it in public."]
    text = "The port grew quickly, and the city invested in new roads."
    assert statements(text, "en") == ["The port grew quickly", "and the city invested in new roads."]


def test_lists_joined_by_and_are_not_split():
    text = "The plan covers new roads in the north, and bridges across the river."
    assert len(statements(text, "en")) == 1
    text = "Ils ont acheté des pommes, des poires, et des cerises au marché de Rennes."
    assert len(statements(text, "fr")) == 1


def test_a_covered_clause_does_not_hide_the_other_one():
    text = "La junte a pris le pouvoir l'année dernière, tout en se rapprochant de la Russie."
    covered = [(text.index("l'année"), text.index("l'année") + len("l'année dernière"))]
    assert statements(text, "fr", covered) == ["tout en se rapprochant de la Russie."]


def test_score_signals():
    fact = score("Le Niger a quitté la Cedeao en mars.")
    assert fact > score("Les syndicats jugent l'effort insuffisant.") >= THRESHOLD
    assert score("Is this really what we want?") < THRESHOLD
    assert score("I think we should do better.") < THRESHOLD
    assert score("Merci.") < THRESHOLD
    assert score("The U.S. has the largest fleet in the world, officials said.") >= 0.6


def test_label_is_the_sentence_trimmed():
    text = "Le gouvernement " + "a longuement expliqué " * 10 + "sa position à Bruxelles."
    [draft] = find_statements(text, sentences(text, "fr"), "fr", [])
    assert draft.text.endswith("…") and len(draft.text) <= 80
