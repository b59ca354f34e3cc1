"""Quotes: pairing the marks, the span without them, and who the text says spoke."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract.quotes import find_quotes
from claimcheck.extract.quotes.people import _NAME, _names
from claimcheck.extract.segment import sentences
from claimcheck.models import Kind


def quotes(text: str, lang: str) -> list[tuple[str, str | None]]:
    drafts = find_quotes(text, sentences(text, lang), lang)
    assert all(d.kind == Kind.quote for d in drafts)
    return [(text[d.start : d.end], d.value["speaker"]) for d in drafts]


def test_guillemets_span_excludes_marks_and_narrow_spaces():
    text = "Ils ont dit\u00a0: «\u202fNous partirons bientôt\u00a0», a déclaré Emmanuel Macron."
    assert quotes(text, "fr") == [("Nous partirons bientôt", "Emmanuel Macron")]


def test_curly_and_straight_quotes_and_trailing_comma():
    text = '“It’s over,” Mr Smith told reporters. "We leave," said Senator John Smith.'
    assert quotes(text, "en") == [("It’s over", "Smith"), ("We leave", "John Smith")]


def test_apostrophes_are_not_quote_marks():
    text = "L’État a dit ‘non’ à l’accord, and don’t forget it."
    assert quotes(text, "fr") == [("non", "L’État")]


def test_scare_quotes_are_kept_with_the_sentence_subject_as_speaker():
    text = (
        "Le porte-parole militaire, le colonel Amadou Abdramane, a accusé les États-Unis.\n\n"
        'Le colonel Abdramane a condamné leur "attitude condescendante" et leurs "menaces de représailles".'
    )
    assert quotes(text, "fr") == [
        ("attitude condescendante", "Amadou Abdramane"),
        ("menaces de représailles", "Amadou Abdramane"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les deux pays « ont trouvé un accord », ont-ils déclaré.", "fr"),
        ("« Le dialogue continue », peut-on lire dans le communiqué.", "fr"),
        ('Ils ont déclaré que les pays étaient "parvenus à un accord".', "fr"),
        ('Officials called the plan "reckless" and the mayor said it would fail.', "en"),
    ],
)
def test_no_person_named_means_a_null_speaker(text, lang):
    [(_, speaker)] = quotes(text, lang)
    assert speaker is None


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("Selon Marie Curie, « la science avance ».", "fr", "Marie Curie"),
        ("La ministre Marie Curie a déclaré : « Nous continuerons. Rien ne nous arrêtera. »", "fr", "Marie Curie"),
        ("« Rien ne change », estime Paul Martin, économiste à l'OFCE.", "fr", "Paul Martin"),
        ('"This is the largest investment," chairwoman Ruth Okafor told a news conference.', "en", "Ruth Okafor"),
        ('"A fine is not enough," Feargal Sharkey, a former musician, said on Friday.', "en", "Feargal Sharkey"),
        ('"These failures were deliberate," said Ofwat\'s chief executive, David Black.', "en", "David Black"),
        ('According to Jane Doe, "prices have risen sharply".', "en", "Jane Doe"),
        ('President Joe Biden said the troops would be home "by Christmas".', "en", "Joe Biden"),
    ],
)
def test_named_attribution(text, lang, speaker):
    assert quotes(text, lang) == [(quotes(text, lang)[0][0], speaker)]


def test_pronoun_resolves_to_the_one_person_in_sight():
    text = "Jean Dupont a été interrogé par la presse.\n\n« Nous partons », a-t-il ajouté."
    assert quotes(text, "fr") == [("Nous partons", "Jean Dupont")]
    text = 'Mayor Jane Doe spoke on Tuesday. "The city is safe," she said.'
    assert quotes(text, "en") == [("The city is safe", "Jane Doe")]


def test_pronoun_with_nobody_named_since_goes_on_with_the_last_speaker():
    text = (
        "The chancellor, Rachel Reeves, defended the plan on Tuesday.\n\n"
        '"We will not gamble with the public finances," she said.\n\n'
        '"Growth is the priority," she added.'
    )
    assert [s for _, s in quotes(text, "en")] == ["Rachel Reeves"] * 2
    text = (
        "Le ministre de l'Économie, Éric Lombard, a présenté le budget.\n\n"
        "« Nous tiendrons nos engagements », a-t-il affirmé.\n\n"
        "« Il n'y aura pas de hausse d'impôts », a-t-il ajouté."
    )
    assert [s for _, s in quotes(text, "fr")] == ["Éric Lombard"] * 2


def test_a_quote_left_open_takes_the_speaker_of_its_next_paragraph():
    text = '"It is a tax raid on working families.\n\n"And it will fail," Kemi Badenoch said.'
    assert [s for _, s in quotes(text, "en")] == ["Kemi Badenoch"] * 2
    text = "« Nous ne lâcherons rien.\n\n« La grève continuera », a prévenu Sophie Binet."
    assert [s for _, s in quotes(text, "fr")] == ["Sophie Binet"] * 2


def test_pour_opening_a_sentence_names_nobody_without_a_capital():
    assert quotes("Pour le moment, « rien n'est décidé ».", "fr") == [("rien n'est décidé", None)]


def test_pronoun_with_two_candidates_is_not_guessed():
    text = "Jean Dupont et Marie Curie ont parlé. « Nous partons », a-t-elle ajouté."
    assert quotes(text, "fr") == [("Nous partons", None)]


def test_bare_title_resolves_to_the_person_introduced_with_it():
    text = (
        "Le ministre de l'Économie, Bruno Le Maire, était à Bercy.\n\n"
        "« C'est une bonne nouvelle », a déclaré le ministre."
    )
    assert quotes(text, "fr") == [("C'est une bonne nouvelle", "Bruno Le Maire")]
    # With nobody introduced as the minister, the role is the speaker.
    assert quotes("« C'est une bonne nouvelle », a déclaré le ministre.", "fr")[0][1] == "le ministre"


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("« Rien ne change », selon la Cour des comptes.", "fr", "la Cour des comptes"),
        ("« Les stocks baissent depuis l'été », explique SPF dans son bilan.", "fr", "SPF"),
        ("« La pauvreté progresse chez les moins de 25 ans », indique le panorama.", "fr", "le panorama"),
        ("Selon la préfecture, « le feu est fixé mais pas éteint ».", "fr", "la préfecture"),
        ("« Rien n'est décidé », a précisé l'entourage du ministre.", "fr", "l'entourage du ministre"),
        ('According to the annual report, "prices have risen sharply".', "en", "the annual report"),
        ('"Demand has not recovered," the report said.', "en", "the report"),
        ('"No decision has been taken," a spokesman for the Treasury said.', "en", "a spokesman for the Treasury"),
        ('"We are reviewing the findings," Ofwat said in a statement.', "en", "Ofwat"),
        ('Le communiqué salue les "sacrifices conjoints des forces".', "fr", "Le communiqué"),
        ("Pour la CGT, « ce budget est une provocation ».", "fr", "la CGT"),
        ('The statement welcomed the "constructive tone" of the talks.', "en", "The statement"),
        (
            '"The outlook is better than we feared," one London-based fund manager said.',
            "en",
            "one London-based fund manager",
        ),
    ],
)
def test_an_organisation_document_or_role_speaks_as_the_text_names_it(text, lang, speaker):
    assert [s for _, s in quotes(text, lang)] == [speaker]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            '"It was a betrayal," U.S. Attorney for the Southern District of New York Maria Delgado told reporters.',
            "en",
            "Maria Delgado",
        ),
        ('"Rates will stay high for longer," Bank of England Governor Andrew Bailey said.', "en", "Andrew Bailey"),
        ('"The risk is real," Mr. Tom Reyes said.', "en", "Tom Reyes"),
        ("« Il faut tenir », a déclaré le ministre des Armées Sébastien Lecornu.", "fr", "Sébastien Lecornu"),
    ],
)
def test_long_titles_and_abbreviations_before_the_name(text, lang, speaker):
    assert [s for _, s in quotes(text, lang)] == [speaker]


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("Les troupes partiront « au plus tard » le 15 septembre.", "fr", []),
        ("Le chantier, « hors norme », doit durer trois ans.", "fr", []),
        ('The so-called "fiscal cliff" looms in January.', "en", []),
        ('Officials called the plan "reckless" and the mayor said it would fail.', "en", ["reckless"]),
        ("L'opposition a qualifié le texte de « honteux ».", "fr", ["honteux"]),
        ('The minister said the plan was "on track".', "en", ["on track"]),
    ],
)
def test_a_few_words_nobody_is_said_to_say_are_scare_quotes(text, lang, kept):
    assert [q for q, _ in quotes(text, lang)] == kept


def test_a_following_whole_sentence_quote_keeps_the_speaker():
    text = '"These failures were deliberate," said Senator David Black. "Customers were let down."'
    assert [s for _, s in quotes(text, "en")] == ["David Black", "David Black"]


def test_quote_spanning_sentences_within_a_paragraph():
    text = 'John Smith said: "We leave now. Tomorrow we go." Then he left.'
    assert quotes(text, "en") == [("We leave now. Tomorrow we go.", "John Smith")]


def test_quotes_never_cross_a_blank_line_and_odd_marks_are_ignored():
    text = 'Il mesure 5" de long.\n\nLe texte dit "bonjour" puis "au revoir".\n\nUn " perdu.'
    assert [q for q, _ in quotes(text, "fr")] == ["bonjour", "au revoir"]


def test_unclosed_quote_opening_a_paragraph_runs_to_its_end():
    text = '"The first paragraph of a long quote.\n\n"And the second," he said.'
    assert [q for q, _ in quotes(text, "en")] == ["The first paragraph of a long quote.", "And the second"]


def test_nested_quotes_keep_only_the_outer_one():
    text = "« Il m'a dit “jamais” hier », raconte Paul Martin."
    assert quotes(text, "fr") == [("Il m'a dit “jamais” hier", "Paul Martin")]


def test_label_names_the_speaker_and_truncates():
    text = "« " + "très " * 30 + "long », a déclaré Emmanuel Macron."
    [draft] = find_quotes(text, sentences(text, "fr"), "fr")
    assert draft.text.startswith('Macron: "très très')
    assert draft.text.endswith('…"') and len(draft.text) < 90


def test_empty_or_punctuation_only_quotes_are_dropped():
    assert quotes('Il a dit "" puis « … » et "!".', "fr") == []


_NAME_PIECES = st.sampled_from(
    [
        "Jean",
        "Marc",
        "de",
        "la",
        "Fontaine",
        "al-Assad",
        "bin-Salman",
        "J.",
        "M.",
        "Dupont",
        "xal-Y",
        "-",
        "le",
        "ministre",
        "É.-U.",
        "l'ONU",
        "McDonald",
        "O'Neil",
        "ibn-",
        "'",
        "Ash-Sharif",
        "1er",
        "\t",
        "\n",
        ",",
        ".",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=30).map(" ".join))
def test_names_are_found_exactly_where_the_name_pattern_finds_them(text):
    # The scan that only tries positions where a name can start gives what a full search gives.
    assert _names(text) == [m.span() for m in _NAME.finditer(text)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les soldats partiront « au plus tard » le 15 septembre, ont-ils annoncé.", "fr"),
        ('The troops will leave "at the latest" by March, officials said.', "en"),
    ],
)
def test_grammar_words_in_marks_are_not_a_quote_even_with_a_reporting_verb(text, lang):
    assert quotes(text, lang) == []
