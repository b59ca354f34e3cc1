"""Numbers and dates as wire and newspaper copy writes them, read through the whole pipeline.

Each case is a sentence in the register of real copy, the span a fact-checker
would point at, and the value it must have; `absent` cases are spans that must
not come back as a figure at all (a wrong value is worse than none).
"""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.extract.pipeline import extract

ATOMIC = {"quantity", "money", "percent", "date"}


def atomic(text: str, lang: str, published: str) -> dict[str, tuple[str, dict]]:
    drafts = extract(text, lang, date.fromisoformat(published))
    return {text[d.start : d.end]: (d.kind.value, d.value) for d in drafts if d.kind.value in ATOMIC}


def _money(amount: float, currency: str, bound: str = "exact") -> tuple[str, dict]:
    return "money", {"amount": amount, "currency": currency, "bound": bound}


MONEY = [
    # Subunits are money, stored in the currency itself.
    ("en", "Fares on the route will rise by 20p from January.", "20p", _money(0.2, "GBP")),
    ("en", "A litre of diesel now costs 4.5 pence more than a year ago.", "4.5 pence", _money(0.045, "GBP")),
    ("en", "The stamp price goes up by 15 cents on Monday.", "15 cents", _money(0.15, "USD")),
    ("en", "The levy adds 30 euro cents to each ticket.", "30 euro cents", _money(0.3, "EUR")),
    ("fr", "Le prix du timbre vert augmente de 20 centimes au 1er janvier.", "20 centimes", _money(0.2, "EUR")),
    ("fr", "La taxe ajoute 2 centimes d'euro sur chaque litre.", "2 centimes d'euro", _money(0.02, "EUR")),
    # A currency sign after `millions de`.
    (
        "fr",
        "Le groupe a signé un contrat de 300 millions de $ avec un client texan.",
        "300 millions de $",
        _money(3e8, "USD"),
    ),
    ("fr", "La région débloque 12 millions de € pour les lycées.", "12 millions de €", _money(1.2e7, "EUR")),
    # Halves of a scale.
    ("fr", "Le déficit atteint 3 millions et demi d'euros.", "3 millions et demi d'euros", _money(3.5e6, "EUR")),
    ("en", "The club was sold for half a billion dollars.", "half a billion dollars", _money(5e8, "USD")),
    # `up to` after a verb of motion is where the price goes, not a ceiling.
    ("en", "The single fare will go up to £2.20 next year.", "£2.20", _money(2.2, "GBP")),
    ("en", "Fines of up to £500 can be imposed.", "up to £500", _money(500, "GBP", "at_most")),
]

QUANTITIES = [
    ("en", "Half a million visitors are expected at the fair.", "Half a million visitors", 500000, "exact"),
    ("fr", "La ville compte 2 millions et demi d'habitants.", "2 millions et demi d'habitants", 2500000, "exact"),
    ("en", "He was jailed for 10 1/2 years for the fraud.", "10 1/2 years", 10.5, "exact"),
    ("en", "Runners will cover a 3½-mile loop.", "3½-mile", 3.5, "exact"),
    # A glued `m` after a figure in millions is a million too, not metres.
    ("en", "The airport handled 4.2m passengers, up from 3.9m last year.", "3.9m", 3900000, "exact"),
    ("en", "The network carried 2.5 million people, against 1.9m in 2022.", "1.9m", 1900000, "exact"),
    # `au plus tard` bounds the date that follows, not the number before it.
    ("fr", "L'hôpital ouvrira 150 lits au plus tard le 30 septembre.", "150 lits", 150, "exact"),
    ("fr", "Le service comptera 40 lits au plus.", "40 lits au plus", 40, "at_most"),
]


@pytest.mark.parametrize(("lang", "text", "span", "want"), MONEY)
def test_money_as_copy_writes_it(lang, text, span, want):
    found = atomic(text, lang, "2025-06-10")
    assert span in found, found
    kind, value = found[span]
    assert (kind, {k: value.get(k) for k in want[1]}) == want


@pytest.mark.parametrize(("lang", "text", "span", "amount", "bound"), QUANTITIES)
def test_quantities_as_copy_writes_them(lang, text, span, amount, bound):
    found = atomic(text, lang, "2025-06-10")
    assert span in found, found
    _, value = found[span]
    assert (value["amount"], value["bound"]) == (amount, bound)


def test_a_glued_m_stays_metres_where_no_million_was_counted():
    found = atomic("The wall is 3m high and the pool 2.5m deep.", "en", "2025-06-10")
    assert found["3m"][1]["unit"] == "m" and found["2.5m"][1]["amount"] == 2.5


@pytest.mark.parametrize(
    ("lang", "text", "first", "second"),
    [
        # The first figure takes the unit or the scale and currency written once, after the second.
        (
            "fr",
            "L'État consacrera 1,3 et 1,7 milliard d'euros aux hôpitaux.",
            ("1,3", 1.3e9),
            ("1,7 milliard d'euros", 1.7e9),
        ),
        ("en", "The two farms will produce 1.3 and 1.7 GW respectively.", ("1.3", 1.3), ("1.7 GW", 1.7)),
        ("en", "The repairs will cost 2 or 3 million dollars.", ("2", 2e6), ("3 million dollars", 3e6)),
    ],
)
def test_a_pair_shares_the_unit_written_once(lang, text, first, second):
    found = atomic(text, lang, "2025-06-10")
    assert found[first[0]][1]["amount"] == first[1]
    assert found[second[0]][1]["amount"] == second[1]
    assert found[first[0]][1].get("unit") == found[second[0]][1].get("unit")
    assert found[first[0]][1].get("currency") == found[second[0]][1].get("currency")


@pytest.mark.parametrize(
    ("lang", "text", "change", "level"),
    [
        ("en", "Unemployment rose 0.4 percentage points to 4.8% in the quarter.", "0.4 percentage points", "4.8%"),
        ("fr", "Le taux a reculé de 0,3 point de pourcentage à 7,1 %.", "0,3 point de pourcentage", "7,1 %"),
    ],
)
def test_a_change_in_points_and_the_level_are_two_claims(lang, text, change, level):
    found = atomic(text, lang, "2025-06-10")
    assert found[change][1]["unit"] == "pp" and "amount_max" not in found[change][1]
    assert found[level][0] == "percent" and found[level][1].get("unit") is None


DATES = [
    # Spans between two dates written in full or across months.
    (
        "en",
        "2025-10-03",
        "The scheme ran from Oct. 2, 2020 to March 15, 2022.",
        "from Oct. 2, 2020 to March 15, 2022",
        ("2020-10-02", "2022-03-15"),
    ),
    (
        "en",
        "2025-10-01",
        "Roadworks run from Oct. 6 to November 21.",
        "from Oct. 6 to November 21",
        ("2025-10-06", "2025-11-21"),
    ),
    (
        "en",
        "2025-12-01",
        "The market runs from Dec. 28 to Jan. 4.",
        "from Dec. 28 to Jan. 4",
        ("2025-12-28", "2026-01-04"),
    ),
    (
        "en",
        "2025-04-01",
        "Voting is open between May 3 and June 1.",
        "between May 3 and June 1",
        ("2025-05-03", "2025-06-01"),
    ),
    (
        "fr",
        "2025-10-02",
        "Les travaux se dérouleront du 3 novembre 2025 au 30 juin 2026.",
        "du 3 novembre 2025 au 30 juin 2026",
        ("2025-11-03", "2026-06-30"),
    ),
    (
        "fr",
        "2025-10-02",
        "La ligne sera fermée du 20 octobre au 2 novembre.",
        "du 20 octobre au 2 novembre",
        ("2025-10-20", "2025-11-02"),
    ),
    # A weekday with a day number is that day, when one falls on that weekday near publication.
    (
        "fr",
        "2025-01-17",
        "Le mégawattheure valait mardi 14 à peine 62 euros.",
        "mardi 14",
        ("2025-01-14", "2025-01-14"),
    ),
    ("en", "2025-10-02", "The vote is on Friday the 24th.", "on Friday the 24th", ("2025-10-24", "2025-10-24")),
    # Years in a list, and years before 1900 after a word that makes them years.
    ("en", "2025-06-10", "The company was founded in 1847 in Glasgow.", "1847", ("1847-01-01", "1847-12-31")),
    (
        "fr",
        "2025-06-10",
        "Fondé en 1858, l'hôpital reste le plus ancien du département.",
        "1858",
        ("1858-01-01", "1858-12-31"),
    ),
    # A date after `must be approved` looks ahead.
    (
        "en",
        "2025-11-04",
        "The plan must be approved by the board, which meets on Nov. 18.",
        "on Nov. 18",
        ("2025-11-18", "2025-11-18"),
    ),
]


@pytest.mark.parametrize(("lang", "published", "text", "span", "period"), DATES)
def test_dates_as_copy_writes_them(lang, published, text, span, period):
    found = atomic(text, lang, published)
    assert span in found, found
    kind, value = found[span]
    assert kind == "date" and (value["start"], value["end"]) == period


@pytest.mark.parametrize(
    ("lang", "text", "years"),
    [
        ("en", "Elections were held in 2007 and 2009.", ["2007", "2009"]),
        ("fr", "Les crédits iront aux hôpitaux en 2026 et 2027.", ["2026", "2027"]),
        ("fr", "Le plan court en 2028, 2029 et 2030.", ["2028", "2029", "2030"]),
    ],
)
def test_every_year_of_a_list_is_a_date(lang, text, years):
    found = atomic(text, lang, "2025-06-10")
    assert [found[y][1]["start"][:4] for y in years] == years


@pytest.mark.parametrize(
    ("lang", "published", "text", "absent"),
    [
        # The modal `may` and the verb `march` are not months; English capitalises months.
        ("en", "2025-06-10", "This may take years to resolve.", "This may"),
        ("en", "2025-06-10", "Last march, protesters marched on the capital.", "Last march"),
        # No Wednesday falls on the 28th near publication: no date, and no quantity 28.
        ("fr", "2025-10-02", "La réunion aura lieu mercredi 28.", "28"),
        ("fr", "2025-10-02", "La réunion aura lieu mercredi 28.", "mercredi"),
        # An old four-digit number that counts something is not a year span.
        ("en", "2025-06-10", "Between 1500 and 1520 troops were sent.", "Between 1500 and 1520"),
        # `mardi 14` is a day, not the start of a range `14 à 62 euros`.
        ("fr", "2025-01-17", "Le mégawattheure valait mardi 14 à 62 euros.", "14 à 62 euros"),
    ],
)
def test_what_is_not_a_figure(lang, published, text, absent):
    assert absent not in atomic(text, lang, published)


@pytest.mark.parametrize(
    ("lang", "text", "span", "amount", "unit"),
    [
        ("en", "One in five adults now works from home, the survey found.", "One in five adults", 0.2, "adults"),
        ("en", "Nearly 3 out of 10 voters remain undecided.", "3 out of 10 voters", 0.3, "voters"),
        ("fr", "Un adulte sur cinq télétravaille désormais.", "Un adulte sur cinq", 0.2, "adulte"),
        (
            "fr",
            "Une entreprise française sur quatre peine à recruter.",
            "Une entreprise française sur quatre",
            0.25,
            "entreprise française",
        ),
    ],
)
def test_a_proportion_is_its_ratio_of_the_counted_noun(lang, text, span, amount, unit):
    found = atomic(text, lang, "2025-06-10")
    assert found[span] == ("quantity", {"amount": amount, "unit": unit, "bound": "exact"})
    assert not any(q in found for q in ("five adults", "cinq", "4", "10 voters"))


@pytest.mark.parametrize(
    ("text", "year"), [("A 2022 survey found the same.", "2022"), ("Turnout in the 2024 election was low.", "2024")]
)
def test_an_english_year_used_as_an_adjective_is_a_date(text, year):
    assert atomic(text, "en", "2025-06-10")[year][0] == "date"


@pytest.mark.parametrize(
    ("lang", "text", "span", "amount", "unit"),
    [
        ("en", "Forecasters expect 104 degrees F in Dallas on Friday.", "104 degrees F", 104, "°F"),
        ("en", "Seville reached 41 Celsius, a record.", "41 Celsius", 41, "°C"),
        ("en", "Tuesday's high of 98F broke the record.", "98F", 98, "°F"),
        ("fr", "Le thermomètre a atteint 42 degrés C à Bordeaux.", "42 degrés C", 42, "°C"),
        ("en", "Global emissions reached 37.4 gigatonnes of CO2.", "37.4 gigatonnes", 37.4, "Gt"),
        ("fr", "La France a émis 373 mégatonnes de CO2 en 2024.", "373 mégatonnes", 373, "Mt"),
    ],
)
def test_temperature_scales_and_tonnage_units(lang, text, span, amount, unit):
    found = atomic(text, lang, "2025-06-10")
    assert (found[span][1]["amount"], found[span][1]["unit"]) == (amount, unit)


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        ("en", "The fund disclosed the stake in a 13F filing on Friday.", "13F"),
        ("en", "Details at https://example.org/report?id=50&page=2%25 online.", "50"),
        ("en", "Details at https://example.org/report?id=50&page=2%25 online.", "25"),
        ("fr", "Le journal de 20 heures de TF1 a ouvert sur cette affaire.", "20 heures"),
        ("fr", "Il a remporté le 100 mètres des championnats d'Europe.", "100 mètres"),
        ("fr", "Le texte sera examiné le 27 par les sénateurs.", "27"),
    ],
)
def test_codes_addresses_and_names_are_not_quantities(lang, text, absent):
    assert absent not in atomic(text, lang, "2025-06-10")


def test_a_strike_of_twenty_hours_is_still_a_duration():
    assert atomic("La grève de 20 heures a paralysé le pays.", "fr", "2025-06-10")["20 heures"][1]["unit"] == "h"


@pytest.mark.parametrize(
    ("lang", "text", "span", "per", "label"),
    [
        ("en", "The levy will raise £1.2m a year for the council.", "£1.2m a year", "/year", "£1.2M/year"),
        ("en", "Brent traded at $80 a barrel on Tuesday.", "$80 a barrel", "/bbl", "$80/bbl"),
        ("fr", "La taxe a été ramenée à 1 euro par mégawattheure.", "1 euro par mégawattheure", "/MWh", "€1/MWh"),
        ("fr", "Le forfait coûtera 21 euros par mois.", "21 euros par mois", "/month", "€21/month"),
        ("fr", "Les tomates se vendent 3 euros le kilo.", "3 euros le kilo", "/kg", "€3/kg"),
    ],
)
def test_a_rate_keeps_what_the_money_is_per(lang, text, span, per, label):
    drafts = extract(text, lang, date(2025, 6, 10))
    [money] = [d for d in drafts if d.kind.value == "money"]
    assert (text[money.start : money.end], money.value["unit"], money.text) == (span, per, label)


def test_le_mois_prochain_after_money_is_a_date_not_a_rate():
    found = atomic("La taxe remontera à 33,70 euros le mois prochain.", "fr", "2024-01-12")
    assert "33,70 euros" in found and found["le mois prochain"][0] == "date"


@pytest.mark.parametrize(
    ("lang", "text", "span", "amount", "unit"),
    [
        ("fr", "L'attente a atteint 6 heures et 40 minutes aux urgences.", "6 heures et 40 minutes", 400, "min"),
        (
            "fr",
            "Il a bouclé le marathon en 2 heures 05 minutes et 10 secondes.",
            "2 heures 05 minutes et 10 secondes",
            7510,
            "s",
        ),
        ("en", "The jury deliberated for 6 hours and 40 minutes.", "6 hours and 40 minutes", 400, "min"),
        ("en", "She finished in 2 hours, 5 minutes and 10 seconds.", "2 hours, 5 minutes and 10 seconds", 7510, "s"),
    ],
)
def test_the_parts_of_a_duration_are_one_quantity(lang, text, span, amount, unit):
    found = atomic(text, lang, "2025-06-10")
    assert (found[span][1]["amount"], found[span][1]["unit"]) == (amount, unit)


@pytest.mark.parametrize(
    ("lang", "text", "span", "period"),
    [
        ("en", "The judge will rule on the motion in two weeks.", "in two weeks", ("2025-06-23", "2025-06-29")),
        ("en", "The new terminal will open in two years.", "in two years", ("2027-01-01", "2027-12-31")),
        ("en", "Prices rose 4% over the past 12 months.", "over the past 12 months", ("2024-06-10", "2025-06-10")),
        (
            "fr",
            "Les loyers ont bondi au cours des deux dernières années.",
            "au cours des deux dernières années",
            ("2023-06-10", "2025-06-10"),
        ),
        ("fr", "Ces six derniers mois, 40 usines ont fermé.", "Ces six derniers mois", ("2024-12-10", "2025-06-10")),
    ],
)
def test_periods_counted_from_publication_are_dates(lang, text, span, period):
    found = atomic(text, lang, "2025-06-10")
    assert found[span][0] == "date" and (found[span][1]["start"], found[span][1]["end"]) == period


def test_in_two_years_after_a_past_verb_is_a_duration():
    found = atomic("Sales grew 5% in two years.", "en", "2025-06-10")
    assert found["two years"][0] == "quantity"


def test_an_english_number_grouped_by_plain_spaces_in_three_groups_or_more_is_one_number():
    found = atomic("India's population was 1 414 021 100 at the census.", "en", "2025-06-10")
    assert found["1 414 021 100"][1]["amount"] == 1414021100
