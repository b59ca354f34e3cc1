"""Quantities, money and percentages in French and English: what is a claim, its span and value."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.extract.numbers import canonical_number, find_numbers
from claimcheck.models import Kind

NNBSP = "\u202f"  # narrow no-break space: 1 000 and 15 % as French typesetters write them
NBSP = "\u00a0"


def claims(text: str, lang: str) -> list[tuple[str, str, dict, str]]:
    return [(text[d.start : d.end], d.kind.value, d.value, d.text) for d in find_numbers(text, 0, len(text), lang)]


def the(text: str, lang: str, quote: str) -> tuple[str, dict, str]:
    """The one claim whose span is exactly `quote`."""
    found = [(kind, value, label) for q, kind, value, label in claims(text, lang) if q == quote]
    assert found, f"no claim {quote!r} in {claims(text, lang)}"
    return found[0]


# --- what is found, with its span, kind and value -------------------------------------------------

CASES = [
    # digits, thousands separators and decimals, as each language writes them
    (
        "fr",
        "Les États-Unis comptent plus de 1 000 soldats stationnés sur cette base.",
        "plus de 1 000 soldats",
        "quantity",
        {"amount": 1000, "unit": "soldats", "bound": "more_than"},
    ),
    (
        "fr",
        f"La commune a construit 50{NBSP}000 logements sociaux.",
        f"50{NBSP}000 logements sociaux",
        "quantity",
        {"amount": 50000, "unit": "logements sociaux", "bound": "exact"},
    ),
    (
        "fr",
        f"Une amende de 12{NNBSP}500 euros a été infligée.",
        f"12{NNBSP}500 euros",
        "money",
        {"amount": 12500, "currency": "EUR", "bound": "exact"},
    ),
    ("fr", "La société a vendu 1.500 véhicules.", "1.500 véhicules", "quantity", {"amount": 1500}),
    (
        "en",
        "The plant will create roughly 3,500 jobs.",
        "roughly 3,500 jobs",
        "quantity",
        {"amount": 3500, "unit": "jobs", "bound": "about"},
    ),
    ("en", "The breakwater is 2.4 km long.", "2.4 km", "quantity", {"amount": 2.4, "unit": "km"}),
    ("en", f"The survey reached 12{NBSP}000 voters.", f"12{NBSP}000 voters", "quantity", {"amount": 12000}),
    # scale words
    (
        "fr",
        "Quelque 20,5 millions de ménages bénéficient de ces tarifs.",
        "Quelque 20,5 millions de ménages",
        "quantity",
        {"amount": 20500000, "unit": "ménages", "bound": "about"},
    ),
    (
        "fr",
        "La France compte 67 millions d'habitants.",
        "67 millions d'habitants",
        "quantity",
        {"amount": 67000000, "unit": "habitants"},
    ),
    (
        "fr",
        "Il y avait plus d'un million de manifestants.",
        "plus d'un million de manifestants",
        "quantity",
        {"amount": 1000000, "bound": "more_than"},
    ),
    (
        "en",
        "The terminal will handle 2.1 million containers a year.",
        "2.1 million containers",
        "quantity",
        {"amount": 2100000, "unit": "containers"},
    ),
    (
        "en",
        "Some 5m people live in the region.",
        "Some 5m people",
        "quantity",
        {"amount": 5000000, "unit": "people", "bound": "about"},
    ),
    # spelled numbers, with their counted noun
    (
        "fr",
        "Les forces américaines ont utilisé deux bases militaires au Niger.",
        "deux bases militaires",
        "quantity",
        {"amount": 2, "unit": "bases militaires"},
    ),
    ("fr", "Le pays a connu trois alternances pacifiques.", "trois alternances pacifiques", "quantity", {"amount": 3}),
    ("fr", "Vingt et un soldats ont été tués.", "Vingt et un soldats", "quantity", {"amount": 21}),
    ("fr", "Quatre-vingt-dix communes sont concernées.", "Quatre-vingt-dix communes", "quantity", {"amount": 90}),
    ("en", "The port will add two terminals.", "two terminals", "quantity", {"amount": 2, "unit": "terminals"}),
    ("en", "Twenty-one councillors voted against.", "Twenty-one councillors", "quantity", {"amount": 21}),
    ("en", "A hundred soldiers arrived.", "A hundred soldiers", "quantity", {"amount": 100}),
    (
        "fr",
        "Une centaine de manifestants se sont rassemblés.",
        "Une centaine de manifestants",
        "quantity",
        {"amount": 100, "bound": "about"},
    ),
    ("en", "A dozen people were arrested.", "A dozen people", "quantity", {"amount": 12, "bound": "about"}),
    # money: symbols, words and codes → ISO 4217, amounts in whole units
    (
        "fr",
        "Le projet a coûté 1,8 milliard de dollars.",
        "1,8 milliard de dollars",
        "money",
        {"amount": 1800000000, "currency": "USD", "bound": "exact"},
    ),
    (
        "fr",
        "Une base de 80 millions de livres sterling.",
        "80 millions de livres sterling",
        "money",
        {"amount": 80000000, "currency": "GBP"},
    ),
    ("fr", "La taxe remontera à 33,70 euros.", "33,70 euros", "money", {"amount": 33.7, "currency": "EUR"}),
    (
        "fr",
        "Elle a été ramenée à 1 euro par mégawattheure.",
        "1 euro par mégawattheure",
        "money",
        {"amount": 1, "unit": "/MWh", "currency": "EUR"},
    ),
    (
        "fr",
        "Le budget atteint 300 000 FCFA par habitant.",
        "300 000 FCFA",
        "money",
        {"amount": 300000, "currency": "XOF"},
    ),
    (
        "fr",
        "Un prêt de 2 milliards de francs CFA.",
        "2 milliards de francs CFA",
        "money",
        {"amount": 2000000000, "currency": "XOF"},
    ),
    (
        "fr",
        "Une amende de 15 millions de francs suisses.",
        "15 millions de francs suisses",
        "money",
        {"amount": 15000000, "currency": "CHF"},
    ),
    ("fr", "Le contrat vaut 3,5 Md€.", "3,5 Md€", "money", {"amount": 3500000000, "currency": "EUR"}),
    ("fr", "Il a payé 20 $ US.", "20 $ US", "money", {"amount": 20, "currency": "USD"}),
    (
        "fr",
        "Moscou a versé 40 milliards de roubles.",
        "40 milliards de roubles",
        "money",
        {"amount": 40000000000, "currency": "RUB"},
    ),
    (
        "en",
        "The authority approved a $1.2 billion expansion plan.",
        "$1.2 billion",
        "money",
        {"amount": 1200000000, "currency": "USD"},
    ),
    ("en", "A first estimate of £700m was presented.", "£700m", "money", {"amount": 700000000, "currency": "GBP"}),
    ("en", "The fund raised US$5m last year.", "US$5m", "money", {"amount": 5000000, "currency": "USD"}),
    ("en", "They pledged €20 million.", "€20 million", "money", {"amount": 20000000, "currency": "EUR"}),
    ("en", "Ministers found two million euros.", "two million euros", "money", {"amount": 2000000, "currency": "EUR"}),
    (
        "en",
        "Tokyo spent 500 billion yen on it.",
        "500 billion yen",
        "money",
        {"amount": 500000000000, "currency": "JPY"},
    ),
    ("en", "He earns $50k a year.", "$50k a year", "money", {"amount": 50000, "unit": "/year", "currency": "USD"}),
    # units of measure → symbols
    ("fr", "Agadez est à 750 km au nord-est de Niamey.", "750 km", "quantity", {"amount": 750, "unit": "km"}),
    ("fr", "Soit 460 miles.", "460 miles", "quantity", {"amount": 460, "unit": "mi"}),
    ("fr", "Le pays a exporté 5 000 tonnes de blé.", "5 000 tonnes", "quantity", {"amount": 5000, "unit": "t"}),
    ("fr", "Le parc produira 12 MW.", "12 MW", "quantity", {"amount": 12, "unit": "MW"}),
    (
        "fr",
        "La centrale produit 3,5 térawattheures par an.",
        "3,5 térawattheures",
        "quantity",
        {"amount": 3.5, "unit": "TWh"},
    ),
    ("fr", "Le terrain fait 3 000 mètres carrés.", "3 000 mètres carrés", "quantity", {"amount": 3000, "unit": "m²"}),
    ("fr", "Il faisait 20 °C à l'ombre.", "20 °C", "quantity", {"amount": 20, "unit": "°C"}),
    (
        "fr",
        "La garde à vue peut durer jusqu'à 48 heures.",
        "jusqu'à 48 heures",
        "quantity",
        {"amount": 48, "unit": "h", "bound": "at_most"},
    ),
    ("en", "Dredging goes to a depth of 16 metres.", "16 metres", "quantity", {"amount": 16, "unit": "m"}),
    (
        "en",
        "The field yields 500,000 barrels a day.",
        "500,000 barrels a day",
        "quantity",
        {"amount": 500000, "unit": "bbl/d"},
    ),
    (
        "en",
        "Each tank holds up to 5,000 cubic metres.",
        "up to 5,000 cubic metres",
        "quantity",
        {"amount": 5000, "unit": "m³", "bound": "at_most"},
    ),
    (
        "en",
        "At least 120 hectares of wetland would be lost.",
        "At least 120 hectares",
        "quantity",
        {"amount": 120, "unit": "ha", "bound": "at_least"},
    ),
    # percentages
    (
        "fr",
        "Les tarifs baisseront d'environ 15 % au 1er février.",
        "environ 15 %",
        "percent",
        {"amount": 15, "bound": "about"},
    ),
    ("fr", f"Le chômage atteint 7,5{NNBSP}% de la population active.", f"7,5{NNBSP}%", "percent", {"amount": 7.5}),
    (
        "fr",
        "Les prix ont augmenté de près de 11,6 % en un an.",
        "près de 11,6 %",
        "percent",
        {"amount": 11.6, "bound": "about"},
    ),
    ("fr", "Moins de 5 % des électeurs ont voté.", "Moins de 5 %", "percent", {"amount": 5, "bound": "less_than"}),
    ("fr", "Trente pour cent des élèves ont échoué.", "Trente pour cent", "percent", {"amount": 30}),
    (
        "fr",
        "Le taux a reculé de 2,5 points de pourcentage.",
        "2,5 points de pourcentage",
        "percent",
        {"amount": 2.5, "unit": "pp"},
    ),
    ("en", "Volumes rose 7.5% last year.", "7.5%", "percent", {"amount": 7.5, "bound": "exact"}),
    (
        "en",
        "The cost has risen by more than 30% since then.",
        "more than 30%",
        "percent",
        {"amount": 30, "bound": "more_than"},
    ),
    ("en", "Turnout fell to 30 per cent.", "30 per cent", "percent", {"amount": 30}),
    (
        "en",
        "Bills will rise by no more than 4 percent.",
        "no more than 4 percent",
        "percent",
        {"amount": 4, "bound": "at_most"},
    ),
    # bounds, after the number too
    (
        "en",
        "Over 1,000 passengers were stranded.",
        "Over 1,000 passengers",
        "quantity",
        {"amount": 1000, "bound": "more_than"},
    ),
    ("en", "The parcel weighs under 5 kg.", "under 5 kg", "quantity", {"amount": 5, "bound": "less_than"}),
    ("en", "As many as 100 jobs could go.", "As many as 100 jobs", "quantity", {"amount": 100, "bound": "at_most"}),
    ("en", "It will create 1,000+ jobs.", "1,000+ jobs", "quantity", {"amount": 1000, "bound": "more_than"}),
    ("en", "They built 200 or more homes.", "200 or more homes", "quantity", {"amount": 200, "bound": "at_least"}),
    (
        "fr",
        "Au moins 30 personnes ont été tuées.",
        "Au moins 30 personnes",
        "quantity",
        {"amount": 30, "bound": "at_least"},
    ),
    ("fr", "Pas plus de 200 invités.", "Pas plus de 200 invités", "quantity", {"amount": 200, "bound": "at_most"}),
    ("fr", "Il y avait 200 personnes environ.", "200 personnes environ", "quantity", {"amount": 200, "bound": "about"}),
    # ranges
    (
        "fr",
        "Entre 10 et 20 % des salariés sont concernés.",
        "Entre 10 et 20 %",
        "percent",
        {"amount": 10, "amount_max": 20, "bound": "range"},
    ),
    (
        "fr",
        "Le coût est estimé de 2 à 3 milliards d'euros.",
        "de 2 à 3 milliards d'euros",
        "money",
        {"amount": 2000000000, "amount_max": 3000000000, "currency": "EUR", "bound": "range"},
    ),
    ("fr", "Il faudra 15 à 20 soldats.", "15 à 20 soldats", "quantity", {"amount": 15, "amount_max": 20}),
    ("fr", "Les 18-25 ans votent peu.", "18-25 ans", "quantity", {"amount": 18, "amount_max": 25, "bound": "range"}),
    (
        "en",
        "Between $1bn and $2bn was spent.",
        "Between $1bn and $2bn",
        "money",
        {"amount": 1000000000, "amount_max": 2000000000, "currency": "USD", "bound": "range"},
    ),
    ("en", "The queue held 10-20 people.", "10-20 people", "quantity", {"amount": 10, "amount_max": 20}),
    ("en", "It takes two to three weeks.", "two to three weeks", "quantity", {"amount": 2, "amount_max": 3}),
    # counted nouns: the head of the noun phrase, never the clause after it
    (
        "en",
        "Fewer than half of the 27 councillors attended the vote.",
        "27 councillors",
        "quantity",
        {"amount": 27, "unit": "councillors", "bound": "exact"},
    ),
    (
        "en",
        "There were 58,000 confirmed infections.",
        "58,000 confirmed infections",
        "quantity",
        {"amount": 58000, "unit": "confirmed infections"},
    ),
    ("en", "Waste was released at 27 treatment works.", "27 treatment works", "quantity", {"amount": 27}),
    (
        "fr",
        "Les 400 policiers mobilisés ont quadrillé la ville.",
        "400 policiers",
        "quantity",
        {"amount": 400, "unit": "policiers"},
    ),
    ("fr", "Près de 2000 soldats ont été déployés.", "Près de 2000 soldats", "quantity", {"amount": 2000}),
    ("en", "Temperatures fell to -10 °C overnight.", "-10 °C", "quantity", {"amount": -10, "unit": "°C"}),
]


@pytest.mark.parametrize(("lang", "text", "quote", "kind", "value"), CASES, ids=[c[2] for c in CASES])
def test_claim_span_kind_and_value(lang, text, quote, kind, value):
    found_kind, found_value, _ = the(text, lang, quote)
    assert found_kind == kind
    for key, expected in value.items():
        assert found_value[key] == expected, (key, found_value)


def test_money_amounts_are_whole_units_and_clean_numbers():
    _, value, _ = the("Quelque 20,5 millions de ménages.", "fr", "Quelque 20,5 millions de ménages")
    assert value["amount"] == 20500000 and isinstance(value["amount"], int)
    _, value, _ = the("It cost $1.15 billion.", "en", "$1.15 billion")
    assert value["amount"] == 1150000000 and isinstance(value["amount"], int)
    _, value, _ = the("Le litre coûte 1,99 euro.", "fr", "1,99 euro")
    assert value["amount"] == 1.99 and isinstance(value["amount"], float)


def test_the_language_decides_what_comma_and_point_mean():
    assert the("Le taux est de 4,2 %.", "fr", "4,2 %")[1]["amount"] == 4.2
    assert the("The rate is 4.2%.", "en", "4.2%")[1]["amount"] == 4.2
    assert the("The firm has 3,500 staff.", "en", "3,500 staff")[1]["amount"] == 3500
    # `1,5` is not one and a half in English, nor `49.3` a number in French.
    assert claims("Turnout was 1,5 percent.", "en") == []
    assert claims("Le gouvernement a recouru au 49.3.", "fr") == []


def test_value_keys_follow_the_contract_for_each_kind():
    text = "Il a coûté 5 millions d'euros, soit 3 % du budget, pour 40 kilomètres."
    by_kind = {kind: value for _, kind, value, _ in claims(text, "fr")}
    assert set(by_kind["money"]) == {"amount", "currency", "bound"}
    assert set(by_kind["percent"]) == {"amount", "bound"}
    assert set(by_kind["quantity"]) == {"amount", "unit", "bound"}


# --- labels ---------------------------------------------------------------------------------------

LABELS = [
    ("fr", "Les États-Unis comptent plus de 1 000 soldats.", "plus de 1 000 soldats", "1,000+ soldats"),
    (
        "fr",
        "Ils ont construit une base militaire de 100 millions de dollars.",
        "100 millions de dollars",
        "$100M base militaire",
    ),
    ("fr", "La ville est à 750 km.", "750 km", "750 km"),
    ("fr", "Les prix ont crû de près de 11,6 %.", "près de 11,6 %", "~11.6%"),
    ("en", "Costs rose by more than 30%.", "more than 30%", "30%+"),
    ("en", "A first estimate of £700m.", "£700m", "£700M"),
    ("en", "The authority approved a $1.2 billion expansion plan.", "$1.2 billion", "$1.2B expansion plan"),
    ("en", "They found at least 120 hectares.", "at least 120 hectares", "≥120 ha"),
    ("en", "Bills will rise by no more than 4%.", "no more than 4%", "≤4%"),
    ("en", "Fewer than 50 people came.", "Fewer than 50 people", "<50 people"),
    ("fr", "Entre 10 et 20 % des salariés.", "Entre 10 et 20 %", "10–20%"),
    ("fr", "La taxe remontera à 33,70 euros.", "33,70 euros", "€33.70"),
    ("fr", "Un prêt de 2 milliards de francs CFA.", "2 milliards de francs CFA", "XOF 2B prêt"),
    ("fr", "Le Niger a reçu 2 milliards de francs CFA.", "2 milliards de francs CFA", "XOF 2B"),
    ("fr", "Quelque 20,5 millions de ménages.", "Quelque 20,5 millions de ménages", "~20.5M ménages"),
]


@pytest.mark.parametrize(("lang", "text", "quote", "label"), LABELS, ids=[c[3] for c in LABELS])
def test_canonical_label(lang, text, quote, label):
    assert the(text, lang, quote)[2] == label


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1000, "1,000"),
        (20.5, "20.5"),
        (4.2, "4.2"),
        (1200000000, "1,200,000,000"),
        (1e6, "1,000,000"),
        (0.5, "0.5"),
        (33.70, "33.7"),
        (-12, "-12"),
    ],
)
def test_canonical_number_is_english_formatting(amount, text):
    assert canonical_number(amount) == text


# --- what is not a claim --------------------------------------------------------------------------

NEGATIVES = [
    ("fr", "Ils ont quitté la force du G5 Sahel soutenue par la France.", "G5"),
    ("fr", "La crise du COVID-19 a accéléré les départs.", "19"),
    ("en", "An A320 and two F-16 jets landed.", "320"),
    ("en", "The F-16 and the B-52 flew over.", "16"),
    ("fr", "Le M23 contrôle la ville.", "23"),
    ("en", "The G7 met in Italy.", "7"),
    ("fr", "L'article 49.3 permet d'adopter un texte.", "49.3"),
    ("fr", "Il habite au n°3 de la rue.", "3"),
    ("fr", "Le match a lieu en Ligue 1 ce soir.", "1"),
    ("en", "The airline bought more Boeing 737 jets.", "737"),
    ("en", "The company filed for Chapter 11 in May.", "11"),
    ("fr", "Appelez le 06 12 34 56 78 avant midi.", "06 12 34 56 78"),
    ("en", "Call 555-1234 for details.", "555-1234"),
    ("fr", "Les troupes partiront au plus tard le 15 septembre.", "15"),
    ("fr", "La baisse prendra effet au 1er février.", "1er"),
    ("en", "The report was published on 14 February.", "14"),
    ("en", "It was signed on February 14, 2021.", "14"),
    ("fr", "Les 3 et 4 mai, le sommet se tiendra à Paris.", "3 et 4"),
    ("fr", "La guerre a été déclenchée en février 2022.", "2022"),
    ("fr", "Le bouclier mis en place en 2021 a coûté cher.", "2021"),
    ("fr", "Il veut rénover les logements d'ici 2026.", "2026"),
    ("en", "It should be finished by the end of 2027.", "2027"),
    ("en", "Prices have doubled since 1990.", "1990"),
    ("en", "The 2024 elections were close.", "2024"),
    ("fr", "Les hôpitaux ont perdu des lits entre 2013 et 2023.", "2013"),
    ("fr", "C'est la deuxième puissance occidentale à partir.", "deuxième"),
    ("en", "She finished 3rd in the race.", "3rd"),
    ("fr", "Il est arrivé 2e de la course.", "2e"),
    ("fr", "Ils sont parvenus à un accord de désengagement.", "un accord"),
    ("en", "It is one of the largest ports.", "one"),
    ("fr", "Les négociations entre les deux pays ont abouti.", "deux"),
    ("en", "The two countries signed a deal.", "two"),
    ("fr", "Il a parlé deux fois au téléphone.", "deux"),
    ("fr", "Un bâtiment neuf a été inauguré.", "neuf"),
    ("fr", "Le conseil se réunit à 14 h au siège.", "14 h"),
    ("fr", "La réunion a commencé à 10h30.", "10h30"),
    ("en", "The plane left at 10 a.m. sharp.", "10"),
    ("en", "They plan a 10-year programme.", "10"),
    ("en", "The team won 3-1 on Sunday.", "3-1"),
    ("en", "The shop is open 24/7.", "24/7"),
    ("fr", "Le 11-Septembre a changé le monde.", "11"),
    ("en", "Scientists studied the 1990s.", "1990"),
]


@pytest.mark.parametrize(("lang", "text", "fragment"), NEGATIVES, ids=[f"{c[0]}:{c[2]}" for c in NEGATIVES])
def test_not_a_numeric_claim(lang, text, fragment):
    start = text.index(fragment)
    end = start + len(fragment)
    hits = [d for d in find_numbers(text, 0, len(text), lang) if d.start < end and start < d.end]
    assert hits == [], [text[d.start : d.end] for d in hits]


# A number joined to its unit by a hyphen is a measure used as an adjective (`a 120-mile route`);
# durations in days, months and years, ages and `-strong` are not measures anyone checks.
HYPHENATED = [
    ("en", "Services on the 120-mile line will be cut.", "120-mile", "quantity", {"amount": 120, "unit": "mi"}),
    ("en", "A 16-metre channel was dredged.", "16-metre", "quantity", {"amount": 16, "unit": "m"}),
    ("en", "Drivers began a 48-hour strike.", "48-hour", "quantity", {"amount": 48, "unit": "h"}),
    ("en", "A 10-tonne truck and a 500-megawatt plant.", "500-megawatt", "quantity", {"amount": 500, "unit": "MW"}),
    ("en", "They ran a 5-km loop.", "5-km", "quantity", {"amount": 5, "unit": "km"}),
    ("en", "The city won a $5-million grant.", "$5-million", "money", {"amount": 5_000_000, "currency": "USD"}),
    ("en", "It signed a £2.5-billion deal.", "£2.5-billion", "money", {"amount": 2_500_000_000, "currency": "GBP"}),
    # French writes the unit after a space: the same measures, no hyphen needed.
    ("fr", "Un trajet de 120 km relie les deux villes.", "120 km", "quantity", {"amount": 120, "unit": "km"}),
    ("fr", "Un chenal de 16 mètres a été creusé.", "16 mètres", "quantity", {"amount": 16, "unit": "m"}),
]


@pytest.mark.parametrize(("lang", "text", "quote", "kind", "value"), HYPHENATED, ids=[c[2] for c in HYPHENATED])
def test_a_hyphenated_measure_is_a_quantity(lang, text, quote, kind, value):
    found_kind, found_value, _ = the(text, lang, quote)
    assert found_kind == kind
    assert {k: found_value[k] for k in value} == value


@pytest.mark.parametrize(
    ("lang", "text", "fragment"),
    [
        ("en", "They plan a 5-year programme.", "5"),
        ("en", "A 10-day strike began.", "10"),
        ("en", "The 30-year-old driver was hurt.", "30"),
        ("en", "A 10,000-strong crowd gathered.", "10,000"),
        ("en", "A 5-million-strong diaspora.", "5"),
        ("en", "The 2-to-1 vote passed.", "2"),
        ("fr", "Le plan Marshall-2 a échoué.", "2"),
    ],
)
def test_a_hyphenated_word_that_is_no_unit_stays_out(lang, text, fragment):
    start = text.index(fragment)
    end = start + len(fragment)
    hits = [d for d in find_numbers(text, 0, len(text), lang) if d.start < end and start < d.end]
    assert hits == [], [text[d.start : d.end] for d in hits]


def test_a_change_from_one_value_to_another_is_two_claims_not_a_range():
    found = claims("Le taux est passé de 10 % à 12,5 % cette année.", "fr")
    assert [(q, v["amount"], v["bound"]) for q, _, v, _ in found] == [("10 %", 10, "exact"), ("12,5 %", 12.5, "exact")]
    found = claims("Prices rose from 5% to 7% in a year.", "en")
    assert [(q, v["amount"]) for q, _, v, _ in found] == [("5%", 5), ("7%", 7)]


def test_spans_stay_tight_on_the_noun_phrase():
    found = claims("Les États-Unis comptent plus de 1 000 soldats stationnés sur cette base.", "fr")
    assert [q for q, *_ in found] == ["plus de 1 000 soldats"]
    found = claims("Le gouvernement prévoit 50 000 logements d'ici la fin du mandat.", "fr")
    assert [q for q, *_ in found] == ["50 000 logements"]


# --- offsets, windows and robustness ---------------------------------------------------------------


def test_offsets_are_absolute_and_only_the_window_is_read():
    first = "Il y a 3 000 soldats. "
    second = "La base a coûté 100 millions de dollars. "
    text = first + second + "Elle compte 500 lits."
    start, end = len(first), len(first) + len(second)
    drafts = find_numbers(text, start, end, "fr")
    assert [(d.kind, text[d.start : d.end]) for d in drafts] == [(Kind.money, "100 millions de dollars")]
    assert all(start <= d.start < d.end <= end for d in drafts)


def test_drafts_are_sorted_and_never_overlap():
    text = "Entre 2 et 3 milliards d'euros, soit 15 %, pour 2 000 emplois et deux usines de 40 hectares."
    drafts = find_numbers(text, 0, len(text), "fr")
    assert len(drafts) >= 4
    for a, b in zip(drafts, drafts[1:], strict=False):
        assert a.end <= b.start


def test_out_of_range_windows_and_unknown_languages_do_not_raise():
    assert find_numbers("", 0, 0, "fr") == []
    assert find_numbers("5 km", -3, 99, "de")[0].value["unit"] == "km"
    assert find_numbers("5 km", 3, 1, "en") == []


def _check_drafts(text: str, start: int, end: int, lang: str) -> None:
    drafts = find_numbers(text, start, end, lang)
    last = start
    for d in drafts:
        assert start <= d.start < d.end <= end
        assert d.start >= last
        last = d.end
        assert d.kind in (Kind.quantity, Kind.money, Kind.percent)
        assert d.text and text[d.start : d.end].strip()
        for key in ("amount", "amount_max"):
            if key in d.value:
                assert isinstance(d.value[key], int | float) and math.isfinite(d.value[key])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), lang=st.sampled_from(["fr", "en"]), data=st.data())
def test_never_raises_on_arbitrary_text(text, lang, data):
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    _check_drafts(text, start, end, lang)


# Fragments that exercise the grammar: numbers, separators, scales, currencies, units, bounds.
_FRAGMENTS = [
    "1",
    "0",
    "12",
    "1 000",
    "2,5",
    "3.5",
    "1,000",
    "2024",
    "06",
    "+",
    "-",
    "–",
    "%",
    " %",
    f"{NNBSP}%",
    "$",
    "£",
    "€",
    "US$",
    "m",
    "bn",
    "k",
    "M",
    "Md€",
    "millions",
    "milliard",
    "million",
    "de",
    "d'",
    "euros",
    "dollars",
    "livres",
    "francs CFA",
    "km",
    "mètres",
    "tonnes",
    "heures",
    "h",
    "30",
    "plus de",
    "environ",
    "entre",
    "et",
    "à",
    "between",
    "and",
    "to",
    "more than",
    "at least",
    "about",
    "deux",
    "vingt et un",
    "une centaine",
    "a dozen",
    "a",
    "un",
    "soldats",
    "people",
    "mai",
    "February",
    "le",
    "the",
    "n°",
    "G",
    "COVID-",
    "article",
    "(",
    ")",
    ".",
    ",",
    "'",
    "ou plus",
    "or more",
    "pour cent",
    "per cent",
    "°C",
    "/",
    ":",
    "é",
    "İ",
    "K",
    "\u212a",
    NBSP,
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.sampled_from(_FRAGMENTS), max_size=14),
    seps=st.lists(st.sampled_from(["", " ", "  ", NBSP]), min_size=14, max_size=14),
    lang=st.sampled_from(["fr", "en"]),
)
def test_never_raises_on_number_like_text(parts, seps, lang):
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    _check_drafts(text, 0, len(text), lang)


def test_pathological_runs_are_skipped_not_read_as_claims():
    # Seven or more groups of thousands are an identifier; a run of number words counts nothing.
    assert find_numbers("1" + " 000" * 5000, 0, 20001, "fr") == []
    text = "deux " * 3000
    assert find_numbers(text, 0, len(text), "fr") == []
    text = "06 " * 3000
    assert find_numbers(text, 0, len(text), "fr") == []
