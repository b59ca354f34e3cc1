"""Language detection: French or English, and a safe answer when there is nothing to read."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.extract.language import detect_language

GOLD = Path(__file__).resolve().parent.parent / "gold"


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.txt")), ids=lambda p: p.name)
def test_gold_articles(path):
    expected = path.name.split(".")[-2]
    assert detect_language(path.read_text(encoding="utf-8")) == expected


def test_short_phrases():
    assert detect_language("Les États-Unis ont quitté le pays.") == "fr"
    assert detect_language("The port authority approved the plan.") == "en"


@pytest.mark.parametrize("text", ["", "   ", "1 234,5", "\x00\u202e", "« … »"])
def test_nothing_to_go_on_is_english(text):
    assert detect_language(text) == "en"


def test_only_the_start_of_a_long_text_is_read():
    text = "Le gouvernement a présenté un plan pour les hôpitaux publics. " * 200 + "The end. " * 100_000
    assert detect_language(text) == "fr"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "O governo anunciou ontem um novo plano para os hospitais do país, com um investimento de 2 mil milhões "
            "de euros. A medida foi criticada pela oposição.",
            "pt",
        ),
        (
            "El gobierno anunció ayer un nuevo plan para los hospitales del país, con una inversión de dos mil "
            "millones de euros que la oposición considera insuficiente.",
            "es",
        ),
        (
            "Die Regierung hat am Montag einen neuen Plan für die Krankenhäuser vorgestellt, der nach Angaben des "
            "Ministeriums zwei Milliarden Euro kosten wird.",
            "de",
        ),
        (
            "Il governo ha annunciato ieri un nuovo piano per gli ospedali del paese, con un investimento di due "
            "miliardi di euro che secondo l'opposizione non è sufficiente.",
            "it",
        ),
        (
            "De regering heeft maandag een nieuw plan voor de ziekenhuizen gepresenteerd, dat volgens het ministerie "
            "twee miljard euro zal kosten.",
            "nl",
        ),
        ("Правительство объявило о новом плане для больниц страны стоимостью два миллиарда евро.", "ru"),
        (
            "Le Premier ministre espagnol a déclaré « el gobierno no cederá » devant les députés, avant de quitter "
            "Madrid pour Bruxelles, où il doit rencontrer les dirigeants européens.",
            "fr",
        ),
        (
            "The minister told reporters that the plan, known in Lisbon as « o plano de saúde », would cost two "
            "billion euros over the next five years.",
            "en",
        ),
    ],
)
def test_other_languages_are_told_apart_from_french_and_english(text, code):
    from claimcheck.extract.language import identify_language

    assert identify_language(text) == code
