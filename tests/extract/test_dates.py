"""Date claims: which phrases are dates, their spans, and the period each resolves to."""

from __future__ import annotations

import calendar
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract.dates import date_label, find_dates
from claimcheck.models import Kind

GOLD = Path(__file__).resolve().parent.parent / "gold"


def found(sentence: str, lang: str, published: str) -> dict[str, tuple[str, str]]:
    """{span: (start, end)} for every date of a one-sentence text."""
    drafts = find_dates(sentence, 0, len(sentence), lang, date.fromisoformat(published))
    return {sentence[d.start : d.end]: (d.value["start"], d.value["end"]) for d in drafts}


def the_date(sentence: str, lang: str, published: str) -> tuple[str, tuple[str, str]]:
    dates = found(sentence, lang, published)
    assert len(dates) == 1, dates
    return next(iter(dates.items()))


# (lang, published, sentence, span, period): the period as date_label writes it.
FRENCH = [
    # Day and month; the year comes from the tense of the clause.
    ("fr", "2024-05-20", "Le sommet se tiendra le 3 juin à Paris.", "le 3 juin", "2024-06-03"),
    ("fr", "2024-05-20", "Le texte a été adopté le 3 juin.", "le 3 juin", "2023-06-03"),
    ("fr", "2025-01-16", "Les tarifs baisseront au 1er février.", "1er février", "2025-02-01"),
    ("fr", "2024-01-03", "Les soldes débuteront le 27 décembre.", "le 27 décembre", "2024-12-27"),
    ("fr", "2024-01-03", "Les soldes ont débuté le 27 décembre.", "le 27 décembre", "2023-12-27"),
    ("fr", "2024-05-20", "Un accord est attendu d'ici le 15 juin.", "le 15 juin", "2024-06-15"),
    ("fr", "2024-05-20", "Elle a été réélue le 7 juillet dernier.", "le 7 juillet dernier", "2023-07-07"),
    ("fr", "2024-05-20", "Il est né le 4 juillet 1976 à Lyon.", "le 4 juillet 1976", "1976-07-04"),
    ("fr", "2024-05-20", "Le contrat a été signé le 15 sept. 2023.", "le 15 sept. 2023", "2023-09-15"),
    ("fr", "2024-05-20", "Le match aura lieu samedi 25 mai.", "samedi 25 mai", "2024-05-25"),
    ("fr", "2024-05-20", "La COP se tiendra du 11 au 22 novembre.", "du 11 au 22 novembre", "2024-11-11–2024-11-22"),
    ("fr", "2024-05-20", "L'accord a été signé le 14/02/2024.", "14/02/2024", "2024-02-14"),
    # Months.
    ("fr", "2024-05-20", "En mars, le Niger a annoncé la fin de l'accord.", "En mars", "2024-03"),
    ("fr", "2024-12-20", "Les travaux commenceront en janvier.", "en janvier", "2025-01"),
    ("fr", "2024-12-20", "Les travaux ont commencé en janvier.", "en janvier", "2024-01"),
    ("fr", "2025-01-16", "La guerre a éclaté en février 2022.", "en février 2022", "2022-02"),
    ("fr", "2025-01-16", "Depuis mars, les prix baissent.", "mars", "2024-03"),
    ("fr", "2024-05-20", "Il partira au plus tard fin mars.", "fin mars", "2025-03"),
    # Weekdays.
    ("fr", "2025-01-16", "Les prix baisseront, a annoncé jeudi le ministre.", "jeudi", "2025-01-16"),
    ("fr", "2024-05-20", "Il se rendra à Dakar mardi prochain.", "mardi prochain", "2024-05-21"),
    ("fr", "2024-05-20", "Il s'est rendu à Dakar mardi dernier.", "mardi dernier", "2024-05-14"),
    ("fr", "2024-05-20", "Il viendra vendredi.", "vendredi", "2024-05-24"),
    ("fr", "2024-05-20", "Il est venu vendredi.", "vendredi", "2024-05-17"),
    # Years.
    ("fr", "2025-01-16", "Le bouclier mis en place en 2021 a coûté cher.", "2021", "2021"),
    ("fr", "2025-01-16", "Il rénovera 50 000 logements d'ici 2026.", "2026", "2026"),
    ("fr", "2024-11-07", "Le budget pour 2025 prévoit une hausse.", "2025", "2025"),
    ("fr", "2024-11-07", "Le bâtiment doit être livré fin 2027.", "fin 2027", "2027"),
    ("fr", "2024-05-20", "La croissance reprendra début 2025.", "début 2025", "2025"),
    ("fr", "2024-05-20", "Le chantier s'achèvera à la mi-2026.", "à la mi-2026", "2026"),
    ("fr", "2024-11-07", "Ils ont perdu 21 000 lits entre 2013 et 2023.", "entre 2013 et 2023", "2013–2023"),
    ("fr", "2024-05-20", "La loi de programmation 2024-2030 prévoit 413 milliards.", "2024-2030", "2024–2030"),
    ("fr", "2024-05-20", "Dans les années 1990, le pays était prospère.", "les années 1990", "1990–1999"),
    ("fr", "2024-05-20", "Le PIB a reculé au premier trimestre 2024.", "au premier trimestre 2024", "2024-01–2024-03"),
    # Relative to the publication date.
    ("fr", "2024-05-20", "La junte a pris le pouvoir l'année dernière.", "l'année dernière", "2023"),
    ("fr", "2024-05-20", "Bazoum a été renversé l’année dernière.", "l’année dernière", "2023"),
    ("fr", "2024-11-07", "La hausse était de 3,4 % l'an dernier.", "l'an dernier", "2023"),
    ("fr", "2024-05-20", "Les prix baisseront cette année.", "cette année", "2024"),
    ("fr", "2024-05-20", "Les prix baisseront l'année prochaine.", "l'année prochaine", "2025"),
    ("fr", "2024-05-20", "Le mois dernier, des instructeurs sont arrivés.", "Le mois dernier", "2024-04"),
    ("fr", "2025-01-16", "La taxe remontera le mois prochain.", "le mois prochain", "2025-02"),
    ("fr", "2024-05-20", "Ils se sont vus la semaine dernière.", "la semaine dernière", "2024-05-13–2024-05-19"),
    ("fr", "2024-11-07", "Le texte passera la semaine prochaine.", "la semaine prochaine", "2024-11-11–2024-11-17"),
    ("fr", "2024-05-20", "Ils ont construit il y a six ans une base.", "il y a six ans", "2018"),
    ("fr", "2024-05-20", "Il a démissionné il y a trois mois.", "il y a trois mois", "2024-02"),
    ("fr", "2024-05-20", "Il est arrivé hier soir.", "hier", "2024-05-19"),
    ("fr", "2024-05-20", "Le vote a lieu aujourd’hui.", "aujourd’hui", "2024-05-20"),
    ("fr", "2024-12-31", "Le décret entrera en vigueur demain.", "demain", "2025-01-01"),
    ("fr", "2024-05-20", "Il partira d'ici la fin de l'année.", "la fin de l'année", "2024"),
    ("fr", "2024-06-05", "Depuis le début de l'année, 12 000 emplois ont disparu.", "le début de l'année", "2024"),
    ("fr", "2024-11-07", "Des services ont fermé l'été dernier.", "l'été dernier", "2024-06–2024-08"),
    ("fr", "2024-07-10", "Il fait très chaud cet été.", "cet été", "2024-06–2024-08"),
    ("fr", "2024-05-20", "La réforme a été votée au printemps 2023.", "au printemps 2023", "2023-03–2023-05"),
]

ENGLISH = [
    ("en", "2024-06-13", "The authority approved the plan on Wednesday.", "on Wednesday", "2024-06-12"),
    ("en", "2024-06-13", "The vote is set for next Thursday.", "next Thursday", "2024-06-20"),
    ("en", "2024-06-13", "The minister resigned last Friday.", "last Friday", "2024-06-07"),
    ("en", "2024-06-13", "Officials said Tuesday that the plant had closed.", "Tuesday", "2024-06-11"),
    ("en", "2024-06-13", "Construction is due to start in March.", "in March", "2025-03"),
    ("en", "2024-12-20", "Work will start in January.", "in January", "2025-01"),
    ("en", "2024-12-20", "Work started in January.", "in January", "2024-01"),
    ("en", "2025-01-16", "Since March, prices have fallen.", "March", "2024-03"),
    ("en", "2024-06-13", "May's figures showed a rise.", "May", "2024-05"),
    ("en", "2024-06-13", "Polls opened in May.", "in May", "2024-05"),
    ("en", "2025-01-05", "The results were published on 20 December.", "on 20 December", "2024-12-20"),
    ("en", "2025-01-05", "The results will be published on 20 December.", "on 20 December", "2025-12-20"),
    ("en", "2024-06-13", "The report, published on 14 February, was clear.", "on 14 February", "2024-02-14"),
    ("en", "2024-06-13", "Troops will leave no later than September 15.", "September 15", "2024-09-15"),
    ("en", "2024-06-13", "The treaty was signed on February 14, 2024.", "on February 14, 2024", "2024-02-14"),
    ("en", "2024-06-13", "It began on Sept. 3, 2023, in Rome.", "on Sept. 3, 2023", "2023-09-03"),
    ("en", "2024-05-20", "The summit runs March 3-5.", "March 3-5", "2024-03-03–2024-03-05"),
    ("en", "2024-06-13", "He was born on the 4th of July 1976.", "on the 4th of July 1976", "1976-07-04"),
    ("en", "2025-03-14", "Bills are due to reach £573 by April 2026.", "April 2026", "2026-04"),
    ("en", "2024-06-13", "It was finished in May 2023.", "in May 2023", "2023-05"),
    ("en", "2024-06-13", "It should be finished by the end of 2027.", "the end of 2027", "2027"),
    ("en", "2024-06-13", "Output recovered in early 2024.", "early 2024", "2024"),
    ("en", "2024-06-13", "The plant opened in late 2023.", "late 2023", "2023"),
    ("en", "2024-06-13", "The firm was founded in 2019.", "2019", "2019"),
    ("en", "2024-06-13", "Emissions must halve by 2030.", "2030", "2030"),
    ("en", "2024-06-13", "Prices have doubled since 2019.", "2019", "2019"),
    ("en", "2025-03-14", "It dumped sewage between 2019 and 2022.", "between 2019 and 2022", "2019–2022"),
    ("en", "2024-06-13", "The 2018-19 season was poor.", "2018-19", "2018–2019"),
    ("en", "2024-06-13", "In the 1990s the country was rich.", "the 1990s", "1990–1999"),
    ("en", "2024-06-13", "Profits fell in the first quarter of 2024.", "the first quarter of 2024", "2024-01–2024-03"),
    ("en", "2024-06-13", "Profits fell in Q3 2023.", "Q3 2023", "2023-07–2023-09"),
    ("en", "2024-06-13", "Shipping volumes rose 7.5% last year.", "last year", "2023"),
    ("en", "2025-03-14", "Bills would rise by no more than 4% next year.", "next year", "2026"),
    ("en", "2024-06-13", "Sales were flat this year.", "this year", "2024"),
    ("en", "2024-06-13", "Sales fell last month.", "last month", "2024-05"),
    ("en", "2024-12-13", "Sales will rise next month.", "next month", "2025-01"),
    ("en", "2024-06-13", "They met last week.", "last week", "2024-06-03–2024-06-09"),
    ("en", "2024-06-13", "An estimate was presented two years ago.", "two years ago", "2022"),
    ("en", "2024-06-13", "The law passed a decade ago.", "a decade ago", "2014"),
    ("en", "2024-06-13", "It happened five days ago.", "five days ago", "2024-06-08"),
    ("en", "2024-06-13", "Yesterday the board resigned.", "Yesterday", "2024-06-12"),
    ("en", "2024-06-13", "The vote is today.", "today", "2024-06-13"),
    ("en", "2024-12-31", "The law takes effect tomorrow.", "tomorrow", "2025-01-01"),
    ("en", "2024-06-13", "He will leave by the end of the year.", "the end of the year", "2024"),
    ("en", "2024-07-10", "Rivers ran dry last summer.", "last summer", "2023-06–2023-08"),
    ("en", "2024-07-10", "Rivers are dry this summer.", "this summer", "2024-06–2024-08"),
    ("en", "2024-10-10", "Bills will rise this winter.", "this winter", "2024-12–2025-02"),
]


def expand(label: str) -> tuple[str, str]:
    """`2023` → 2023-01-01..2023-12-31, `2024-02` → 2024-02-01..2024-02-29, `a–b` → a's start..b's end."""
    first, _, last = label.partition("–")
    last = last or first
    if len(last) == 4:
        end = f"{last}-12-31"
    elif len(last) == 7:
        year, month = map(int, last.split("-"))
        end = f"{last}-{calendar.monthrange(year, month)[1]:02d}"
    else:
        end = last
    return {4: f"{first}-01-01", 7: f"{first}-01"}.get(len(first), first), end


@pytest.mark.parametrize(("lang", "published", "sentence", "span", "period"), FRENCH + ENGLISH)
def test_date_phrase_resolves_to_its_period(lang, published, sentence, span, period):
    assert the_date(sentence, lang, published) == (span, expand(period))


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Les 2021 soldats sont partis."),
        ("fr", "Les États-Unis comptent plus de 1 000 soldats."),
        ("fr", "Ils ont quitté la force du G5 Sahel."),
        ("fr", "Les prix avaient augmenté de 44 % en deux ans."),
        ("fr", "Il a passé six mois en prison et un an à l'étranger."),
        ("fr", "Après un mois passé en prison, il a retrouvé la semaine de quatre jours."),
        ("fr", "Les maisons primaires de la marmaille."),
        ("fr", "La sonde a atterri sur Mars."),
        ("fr", "Le maréchal Juin commandait le corps expéditionnaire."),
        ("fr", "Le dimanche, les magasins sont fermés."),
        ("fr", "Le 31 avril n'existe pas."),
        ("fr", "Elle a été élue, l'année s'annonce difficile."),
        ("fr", "Le baril valait 2000 dollars pour 2000 euros."),
        ("en", "The army has 2,021 soldiers."),
        ("en", "It has 2019 employees and 2020 vehicles."),
        ("en", "You may leave, and prices may rise."),
        ("en", "May I help you?"),
        ("en", "Theresa May said she would resign."),
        ("en", "June Carter sang and April Ryan asked."),
        ("en", "The march was long."),
        ("en", "The Sunday Times reported the story."),
        ("en", "Easter Sunday is a holiday."),
        ("en", "Prices fall in a year, every week and over the past year."),
        ("en", "They shipped 2000 containers for 2021 customers."),
    ],
)
def test_not_a_date(lang, sentence):
    assert found(sentence, lang, "2024-05-20") == {}


def test_a_sentence_can_look_ahead_and_back():
    # The deadline sits in a conditional clause; the announcement in a past one.
    sentence = (
        "Les États-Unis et le Niger ont convenu que les troupes quitteraient le pays « au plus tard » "
        "le 15 septembre, ont-ils annoncé dimanche dans un communiqué commun."
    )
    assert found(sentence, "fr", "2024-05-20") == {
        "le 15 septembre": ("2024-09-15", "2024-09-15"),
        "dimanche": ("2024-05-19", "2024-05-19"),
    }


def test_reported_speech_does_not_decide_the_tense_of_the_date():
    sentence = "The president said on Wednesday that the country would hold elections in December."
    assert found(sentence, "en", "2024-05-20") == {
        "on Wednesday": ("2024-05-15", "2024-05-15"),
        "in December": ("2024-12-01", "2024-12-31"),
    }


# `jusqu'au`, `until`, `through`: the date ends a state, and the state's tense says whether
# it is still running (ahead) or over (back).
UNTIL = [
    (
        "fr",
        "2025-06-12",
        "M. Dumas a rappelé que l'accès aux massifs est interdit jusqu'au 30 juin.",
        "30 juin",
        "2025-06-30",
    ),
    ("fr", "2025-06-12", "Le musée restera fermé jusqu'au 30 juin.", "30 juin", "2025-06-30"),
    ("fr", "2025-06-12", "L'accès aux massifs était interdit jusqu'au 30 juin.", "30 juin", "2024-06-30"),
    ("fr", "2025-06-12", "La route est fermée jusqu'à dimanche.", "dimanche", "2025-06-15"),
    ("fr", "2025-06-12", "La route était fermée jusqu'à dimanche.", "dimanche", "2025-06-08"),
    ("fr", "2025-06-12", "Jusqu'au 30 juin, la route était fermée.", "30 juin", "2024-06-30"),
    ("fr", "2025-06-12", "La circulation sera interdite jusqu'en septembre.", "en septembre", "2025-09"),
    ("en", "2025-06-12", "The museum is closed until 30 June.", "30 June", "2025-06-30"),
    ("en", "2025-06-12", "The line will remain closed until 30 June.", "30 June", "2025-06-30"),
    ("en", "2025-06-12", "The museum was closed until 30 June.", "30 June", "2024-06-30"),
    ("en", "2025-06-12", "Until 30 June, the road was closed.", "30 June", "2024-06-30"),
    ("en", "2025-06-12", "The exhibition runs through August.", "August", "2025-08"),
    ("en", "2025-06-12", "Schools stayed shut till Sunday.", "Sunday", "2025-06-08"),
]

# A past request governing an infinitive (`were advised to travel before`): the date belongs to
# the action asked for, which follows the request but may be over by publication: the nearest
# occurrence, whichever side it falls.
REQUESTS = [
    ("en", "2025-10-02", "Passengers were advised to travel before 14 October.", "14 October", "2025-10-14"),
    ("en", "2025-10-02", "Passengers were advised to travel before 14 September.", "14 September", "2025-09-14"),
    ("en", "2025-10-02", "The council asked residents to leave by 10 October.", "10 October", "2025-10-10"),
    ("en", "2025-10-02", "Drivers were told not to use the bridge until 3 October.", "3 October", "2025-10-03"),
    ("en", "2025-10-02", "He was asked on 14 October to resign.", "on 14 October", "2024-10-14"),
    ("fr", "2025-10-02", "Les voyageurs ont été invités à partir avant le 14 octobre.", "le 14 octobre", "2025-10-14"),
    (
        "fr",
        "2025-10-02",
        "La préfecture a demandé aux habitants de quitter les lieux avant le 14 octobre.",
        "le 14 octobre",
        "2025-10-14",
    ),
    (
        "fr",
        "2025-10-02",
        "Le préfet a ordonné d'évacuer le camp avant le 20 septembre.",
        "le 20 septembre",
        "2025-09-20",
    ),
    (
        "fr",
        "2025-10-02",
        "La préfecture a demandé le 14 octobre aux habitants de partir.",
        "le 14 octobre",
        "2024-10-14",
    ),
    # Being made to do something is an event like any other: the past tense decides.
    ("en", "2025-06-12", "Shops were forced to close in September.", "in September", "2024-09"),
    ("fr", "2025-06-12", "Les commerces ont été obligés de fermer en septembre.", "en septembre", "2024-09"),
]


@pytest.mark.parametrize(("lang", "published", "sentence", "span", "period"), UNTIL + REQUESTS)
def test_until_and_requested_actions_take_the_tense_of_their_verb(lang, published, sentence, span, period):
    assert the_date(sentence, lang, published) == (span, expand(period))


def test_a_whole_article_gives_the_dates_of_each_sentence():
    from claimcheck.extract.dates import find_dates_in
    from claimcheck.extract.segment import sentences

    article = (
        "Le 3 juin, le texte a été adopté.\n\nIl entrera en vigueur en 2026, a précisé la ministre "
        "mardi.Le décret suivra.\nJusqu'au 30 juin, la route était fermée. Il y a six ans, rien."
    )
    spans = sentences(article, "fr")
    by_sentence = find_dates_in(article, spans, "fr", date(2025, 1, 16))
    assert len(by_sentence) == len(spans)
    for (s, e), drafts in zip(spans, by_sentence, strict=True):
        # Each sentence's dates are those find_dates gives it alone, with the same offsets.
        assert drafts == find_dates(article, s, e, "fr", date(2025, 1, 16))
        assert all(s <= d.start < d.end <= e for d in drafts)
    # `mardi.Le` leaves no space between two sentences: they are read one by one.
    assert [(article[d.start : d.end], d.text) for ds in by_sentence for d in ds] == [
        ("Le 3 juin", "2024-06-03"),
        ("2026", "2026"),
        ("mardi", "2025-01-14"),
        ("30 juin", "2024-06-30"),
        ("Il y a six ans", "2019"),
    ]


def test_a_weekday_on_the_publication_day_is_that_day():
    assert the_date("The board met on Thursday.", "en", "2024-06-13")[1] == ("2024-06-13", "2024-06-13")


def test_offsets_are_absolute_and_cut_from_the_original():
    article = "Titre.\n\nLe président a été renversé l’année dernière, selon l’AFP.\n"
    start = article.index("Le président")
    end = article.index(".\n", start) + 1
    drafts = find_dates(article, start, end, "fr", date(2024, 5, 20))
    assert [article[d.start : d.end] for d in drafts] == ["l’année dernière"]
    assert drafts[0].kind is Kind.date
    assert drafts[0].text == "2023"
    assert drafts[0].value == {"start": "2023-01-01", "end": "2023-12-31", "granularity": "year", "relative": True}


def test_only_the_given_sentence_is_scanned():
    text = "Il est venu hier. Il reviendra demain."
    drafts = find_dates(text, 0, text.index(".") + 1, "fr", date(2024, 5, 20))
    assert [text[d.start : d.end] for d in drafts] == ["hier"]


def test_value_granularity_and_relative_flag():
    sentence = "Le 3 juin 2023, en mars et en 2021, puis mardi."
    drafts = find_dates(sentence, 0, len(sentence), "fr", date(2024, 5, 20))
    values = {sentence[d.start : d.end]: d.value for d in drafts}
    assert values["Le 3 juin 2023"]["granularity"] == "day" and values["Le 3 juin 2023"]["relative"] is False
    assert values["en mars"]["granularity"] == "month" and values["en mars"]["relative"] is True
    assert values["2021"]["granularity"] == "year" and values["2021"]["relative"] is False
    assert values["mardi"]["granularity"] == "day" and values["mardi"]["relative"] is True


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ({"start": "2023-01-01", "end": "2023-12-31", "granularity": "year"}, "2023"),
        ({"start": "2018-01-01", "end": "2019-12-31", "granularity": "year"}, "2018–2019"),
        ({"start": "2024-03-01", "end": "2024-03-31", "granularity": "month"}, "2024-03"),
        ({"start": "2024-01-01", "end": "2024-03-31", "granularity": "month"}, "2024-01–2024-03"),
        ({"start": "2024-09-15", "end": "2024-09-15", "granularity": "day"}, "2024-09-15"),
        ({"start": "2024-05-13", "end": "2024-05-19", "granularity": "day"}, "2024-05-13–2024-05-19"),
    ],
)
def test_date_label(value, label):
    assert date_label(value) == label


def test_importing_the_module_does_not_load_dateparser():
    code = "import sys, claimcheck.extract.dates; sys.exit('dateparser' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.gold.json")), ids=lambda p: p.name)
def test_every_gold_date_is_found_with_its_value(gold):
    # The gold articles are scored line by line, as the pipeline hands over sentences.
    spec = json.loads(gold.read_text(encoding="utf-8"))
    text = gold.with_name(spec["article"]).read_text(encoding="utf-8")
    published = date.fromisoformat(spec["published"])
    drafts, pos = [], 0
    for line in text.split("\n"):
        drafts += find_dates(text, pos, pos + len(line), spec["lang"], published)
        pos += len(line) + 1
    for item in spec["items"]:
        if item["kind"] != "date" or not item.get("required", True):
            continue
        start = -1
        for _ in range(item.get("occ", 0) + 1):
            start = text.index(item["quote"], start + 1)
        end = start + len(item["quote"])
        overlapping = [
            d for d in drafts if min(end, d.end) - max(start, d.start) >= 0.5 * min(end - start, d.end - d.start)
        ]
        accepted = [(item["value"]["start"], item["value"]["end"]), *map(tuple, item.get("accept", []))]
        assert any((d.value["start"], d.value["end"]) in accepted for d in overlapping), item["quote"]


_VOCABULARY = (
    "le la 15 1er septembre sept. mars Mars May may March 2021 2,021 il y a six ans two years ago last next "
    "dernier prochain l'année l’année hier demain aujourd'hui today on Wednesday dimanche en in d'ici fin "
    "the end of 2027 early 1990s les années Q1 trimestre , . ( ) - – / 31/02/2024 İ ß \u00a0 été summer this "
    "cet ce hiver winter du au between and"
)
_WORDS = st.sampled_from(_VOCABULARY.split(" "))


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=20).map(" ".join)),
    bounds=st.tuples(st.integers(-5, 100), st.integers(-5, 100)),
    lang=st.sampled_from(["fr", "en", "de"]),
    published=st.dates(),
)
def test_never_raises_and_spans_stay_inside_the_sentence(text, bounds, lang, published):
    start, end = bounds
    drafts = find_dates(text, start, end, lang, published)
    lo = max(0, min(start, len(text)))
    hi = max(lo, min(end, len(text)))
    previous_end = lo
    for d in drafts:
        assert previous_end <= d.start < d.end <= hi
        previous_end = d.end
        assert date.fromisoformat(d.value["start"]) <= date.fromisoformat(d.value["end"])
        assert d.value["granularity"] in ("day", "month", "year")
        assert d.text == date_label(d.value)


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.one_of(_WORDS, st.sampled_from([". ", ".", "\n\n", "\n", ", ", "Le ", "The "])), max_size=40),
    lang=st.sampled_from(["fr", "en"]),
    published=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_whole_article_scan_equals_sentence_by_sentence(pieces, lang, published):
    from claimcheck.extract.dates import find_dates_in
    from claimcheck.extract.segment import sentences

    text = " ".join(pieces)
    spans = sentences(text, lang)
    assert find_dates_in(text, spans, lang, published) == [find_dates(text, s, e, lang, published) for s, e in spans]
