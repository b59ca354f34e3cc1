"""Sentence and paragraph splitting: offsets, abbreviations, odd line breaks, huge input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract.segment import paragraphs, sentences


def split(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text, lang)]


@pytest.mark.parametrize(
    "text",
    [
        "M. Dupont est arrivé hier soir.",
        "MM. Durand et Martin ont signé le texte.",
        "Mme Curie a reçu le prix.",
        "Le col. Abdramane a condamné l'accord.",
        "Le gén. Tiani dirige la junte.",
        "Les É.-U. ont quitté le pays.",
        "Le 3 sept. 2024, le texte a été voté.",
        "En 52 av. J.-C., César a gagné.",
        "Il y avait des pommes, des poires, etc. et des fruits secs.",
        "Selon J. Biden, tout va bien.",
    ],
)
def test_french_abbreviations_do_not_end_a_sentence(text):
    assert split(text, "fr") == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Dr. Jones in the U.S. Capitol.",
        "On Sept. 5 the vote took place.",
        "He is ranked No. 1 in the world.",
    ],
)
def test_english_abbreviations_do_not_end_a_sentence(text):
    assert split(text, "en") == [text]


def test_real_boundaries_still_split():
    text = "Ils étaient sept. Puis huit sont venus. Le 3 sept. Le 4 oct. 2024, rien."
    assert split(text, "fr") == ["Ils étaient sept.", "Puis huit sont venus.", "Le 3 sept.", "Le 4 oct. 2024, rien."]


def test_spans_are_trimmed_absolute_offsets():
    text = "  Premier paragraphe.  Deuxième phrase.\n\n\n   Second paragraphe ici.   "
    spans = sentences(text, "fr")
    assert [text[s:e] for s, e in spans] == ["Premier paragraphe.", "Deuxième phrase.", "Second paragraphe ici."]
    assert spans[2][0] == text.index("Second")


@pytest.mark.parametrize("blank", ["\n\n", "\r\n\r\n", "\r\r", "\n \t\n", "\r\n  \r\n\r\n"])
def test_a_sentence_never_crosses_a_blank_line(blank):
    text = f"Le texte commence ici{blank}et continue là."
    assert split(text, "fr") == ["Le texte commence ici", "et continue là."]
    assert len(paragraphs(text)) == 2


def test_single_line_breaks_split_headings_but_not_wrapped_lines():
    text = "Titre de l'article\nLe chat est là. Le chien\naussi."
    assert split(text, "fr") == ["Titre de l'article", "Le chat est là.", "Le chien\naussi."]


def test_quoted_sentences_stay_with_their_attribution():
    text = 'Il a ajouté : "Nous partons. Demain." Fin du discours.'
    assert split(text, "fr")[0] == 'Il a ajouté : "Nous partons. Demain."'


def test_a_huge_line_without_newline_is_cut_into_bounded_pieces():
    text = "mot " * 500_000  # 2 MB, one line, no punctuation
    spans = sentences(text, "fr")
    assert spans and all(0 < e - s <= 3000 for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_empty_and_blank_text_have_no_sentences():
    assert sentences("", "fr") == []
    assert sentences(" \n\r\n\t ", "en") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.sampled_from(["fr", "en"]))
def test_any_text_gives_ordered_trimmed_non_empty_spans(text, lang):
    spans = sentences(text, lang)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
