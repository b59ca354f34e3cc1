"""Build a benchmark registry of N realistic claims through claimcheck's own code.

usage: python bench/generate.py N DIR [--seed S] [--extractor auto|pipeline|templates] [--batch K]

Articles are written from sentence templates in French and English (amounts,
counts, measures, percentages and dates with varied values and bounds, quotes
with speakers, sentences without a figure), put together from parts so that
two articles rarely share a sentence: about 2 KB and 30 claims each. Their
claims come from claimcheck's extractor (`claimcheck.extract.pipeline.extract`)
when it is installed, else from the spans the templates recorded while
writing the text (`--extractor templates`); either way they get their ids,
exact spans and `created` event from `workflows.drafts.build_claims`. About half of them
then go through `actions` (in review, verified or false with evidence,
dismissed...) so that statuses, evidence and history look like a desk's year.
Everything is written by the store's own code, so the result is a registry
like any other.

`--batch K` saves K articles at a time (see `_save`; `--batch 1` is plain
`Registry.save_article`, one article at a time). `write_fresh_articles` writes
~3 KB articles never ingested, for `run.py`'s ingest timing.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.actions import make_evidence, set_status  # noqa: E402
from claimcheck.models import Article, ArticleVersion, Claim, ClaimDraft, Kind, Stance, Status, sha256_text, utcnow  # noqa: E402
from claimcheck.store import Registry, new_id  # noqa: E402
from claimcheck.workflows.drafts import build_claims  # noqa: E402

CLAIMS_PER_ARTICLE = 30
# The extractor also makes a statement of every sentence without a number, date or quote:
# articles written with 20 template claims come out with about 30 extracted ones.
TEMPLATE_CLAIMS_FOR_PIPELINE = 20
NNBSP = "\u202f"  # the narrow no-break space French typesetters put in 1 000 and before %

# -- values ---------------------------------------------------------------------------------------


@dataclass
class Slot:
    """One claim a template writes: its surface text, kind, value and canonical label."""

    surface: str
    kind: Kind
    value: dict[str, Any] = field(default_factory=dict)
    label: str = ""


def _en_int(n: int) -> str:
    return f"{n:,}"


def _fr_int(n: int) -> str:
    return f"{n:,}".replace(",", NNBSP)


def _dec(x: float, lang: str) -> str:
    s = f"{x:g}"
    return s.replace(".", ",") if lang == "fr" else s


def _compact(amount: float) -> str:
    for size, suffix in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if amount >= size:
            return f"{amount / size:g}{suffix}"
    return f"{amount:g}"


_BOUND_WORDS = {
    "en": {
        "exact": "",
        "about": "about ",
        "more_than": "more than ",
        "less_than": "fewer than ",
        "at_least": "at least ",
        "at_most": "up to ",
    },
    "fr": {
        "exact": "",
        "about": "près de ",
        "more_than": "plus de ",
        "less_than": "moins de ",
        "at_least": "au moins ",
        "at_most": "jusqu'à ",
    },
}
_BOUND_MARK = {
    "exact": "{}",
    "about": "~{}",
    "more_than": "{}+",
    "less_than": "<{}",
    "at_least": "≥{}",
    "at_most": "≤{}",
}


def _bound(rng: random.Random) -> str:
    return rng.choices(list(_BOUND_MARK), weights=[6, 2, 2, 1, 1, 1])[0]


_PEOPLE_NOUNS = {
    "en": [
        "workers",
        "soldiers",
        "patients",
        "voters",
        "refugees",
        "students",
        "residents",
        "teachers",
        "nurses",
        "passengers",
        "councillors",
        "pupils",
    ],
    "fr": [
        "salariés",
        "soldats",
        "patients",
        "électeurs",
        "réfugiés",
        "étudiants",
        "habitants",
        "enseignants",
        "infirmiers",
        "voyageurs",
        "conseillers",
        "élèves",
    ],
}
_THING_NOUNS = {
    "en": [
        "containers",
        "homes",
        "schools",
        "flights",
        "buses",
        "hospital beds",
        "farms",
        "wind turbines",
        "trucks",
        "apartments",
        "jobs",
        "stations",
    ],
    "fr": [
        "conteneurs",
        "logements",
        "écoles",
        "vols",
        "bus",
        "lits d'hôpital",
        "exploitations",
        "éoliennes",
        "camions",
        "appartements",
        "emplois",
        "gares",
    ],
}
_LENGTHS = {
    "en": [("km", "km"), ("miles", "mi"), ("metres", "m"), ("kilometres", "km")],
    "fr": [("km", "km"), ("mètres", "m"), ("kilomètres", "km")],
}
_SURFACES = {
    "en": [("hectares", "ha"), ("tonnes", "t"), ("megawatts", "MW"), ("square metres", "m²")],
    "fr": [("hectares", "ha"), ("tonnes", "t"), ("mégawatts", "MW"), ("mètres carrés", "m²")],
}


def _count(rng: random.Random, lang: str, nouns: dict[str, list[str]]) -> Slot:
    bound = _bound(rng)
    word = rng.choice(nouns[lang])
    if rng.random() < 0.2:
        millions = round(rng.uniform(1.1, 9.9), 1)
        amount: float = int(millions * 1_000_000)
        number = f"{_dec(millions, lang)} million" + ("s de" if lang == "fr" else "")
    else:
        amount = rng.choice(
            [rng.randint(12, 99), rng.randint(100, 999), rng.randint(1, 90) * 100, rng.randint(1000, 99999)]
        )
        number = _en_int(int(amount)) if lang == "en" else _fr_int(int(amount))
    if number.endswith(" de") and word[0] in "aeiouéèh":
        surface = f"{_BOUND_WORDS[lang][bound]}{number[:-3]} d'{word}"
    else:
        surface = f"{_BOUND_WORDS[lang][bound]}{number} {word}"
    return Slot(
        surface,
        Kind.quantity,
        {"amount": amount, "unit": word, "bound": bound},
        f"{_BOUND_MARK[bound].format(f'{int(amount):,}')} {word}",
    )


def people(rng: random.Random, lang: str) -> Slot:
    return _count(rng, lang, _PEOPLE_NOUNS)


def things(rng: random.Random, lang: str) -> Slot:
    return _count(rng, lang, _THING_NOUNS)


def _measure(rng: random.Random, lang: str, units: dict[str, list[tuple[str, str]]]) -> Slot:
    bound = rng.choices(["exact", "about", "more_than", "at_most"], weights=[6, 2, 1, 1])[0]
    word, unit = rng.choice(units[lang])
    amount = rng.choice([rng.randint(2, 900), round(rng.uniform(1, 99), 1)])
    surface = f"{_BOUND_WORDS[lang][bound]}{_dec(amount, lang)} {word}"
    return Slot(
        surface,
        Kind.quantity,
        {"amount": amount, "unit": unit, "bound": bound},
        f"{_BOUND_MARK[bound].format(f'{amount:g}')} {unit}",
    )


def length(rng: random.Random, lang: str) -> Slot:
    return _measure(rng, lang, _LENGTHS)


def surface_measure(rng: random.Random, lang: str) -> Slot:
    return _measure(rng, lang, _SURFACES)


_CURRENCIES = {
    "en": [("$", "USD"), ("£", "GBP"), ("€", "EUR")],
    "fr": [("dollars", "USD"), ("euros", "EUR"), ("livres sterling", "GBP"), ("francs CFA", "XOF")],
}
_SIGN = {"USD": "$", "GBP": "£", "EUR": "€", "XOF": "XOF "}


def money(rng: random.Random, lang: str) -> Slot:
    bound = rng.choices(["exact", "about", "more_than", "at_most"], weights=[6, 2, 2, 1])[0]
    word, currency = rng.choice(_CURRENCIES[lang])
    scale_name, scale = rng.choice([("million", 10**6), ("billion", 10**9), ("", 1)])
    base: float = round(rng.uniform(1.1, 9.9), 1) if scale_name == "billion" else rng.randint(2, 950)
    if not scale_name:
        base = rng.randint(20, 900) * 1000
    amount = base * scale
    if lang == "en":
        number = f"{base:g} {scale_name}" if scale_name else _en_int(int(base))
        surface = f"{word}{number}"
        if currency == "GBP" and scale_name == "million" and rng.random() < 0.5:
            surface = f"£{base:g}m"
    else:
        fr_scale = {"million": "millions", "billion": "milliards", "": ""}[scale_name]
        if scale_name == "billion" and base < 2:
            fr_scale = "milliard"
        if scale_name:
            number = (
                f"{_dec(base, lang)} {fr_scale} d'" if word.startswith("e") else f"{_dec(base, lang)} {fr_scale} de "
            )
            surface = f"{number}{word}"
        else:
            surface = f"{_fr_int(int(base))} {word}"
    surface = _BOUND_WORDS[lang][bound] + surface
    value = {"amount": int(amount) if float(amount).is_integer() else amount, "currency": currency, "bound": bound}
    return Slot(surface, Kind.money, value, _BOUND_MARK[bound].format(f"{_SIGN[currency]}{_compact(amount)}"))


def percent(rng: random.Random, lang: str) -> Slot:
    bound = rng.choices(["exact", "about", "more_than", "less_than"], weights=[6, 2, 2, 1])[0]
    amount = rng.choice([rng.randint(2, 95), round(rng.uniform(0.5, 40), 1)])
    number = f"{_dec(amount, lang)}{NNBSP}%" if lang == "fr" else f"{amount:g}%"
    words = dict(_BOUND_WORDS[lang], less_than="less than " if lang == "en" else "moins de ")
    return Slot(
        words[bound] + number,
        Kind.percent,
        {"amount": amount, "bound": bound},
        _BOUND_MARK[bound].format(f"{amount:g}%"),
    )


_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
_WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def when(rng: random.Random, lang: str, published: date) -> Slot:
    """A date phrase and its resolved value, relative to the publication date where it says so."""
    choice = rng.randrange(6)
    if choice == 0:  # a weekday in the past week
        back = rng.randint(1, 6)
        day = published - timedelta(days=back)
        name = _WEEKDAYS[lang][day.weekday()]
        surface = f"on {name}" if lang == "en" else name
        value = {"start": day.isoformat(), "end": day.isoformat(), "granularity": "day", "relative": True}
    elif choice == 1:  # a day and month
        day = published + timedelta(days=rng.randint(-300, 300))
        month = _MONTHS[lang][day.month - 1]
        surface = f"on {day.day} {month}" if lang == "en" else f"le {'1er' if day.day == 1 else day.day} {month}"
        value = {"start": day.isoformat(), "end": day.isoformat(), "granularity": "day", "relative": True}
    elif choice == 2:  # a month
        month_n = rng.randint(1, 12)
        year = published.year + (1 if month_n > published.month else 0)
        surface = f"in {_MONTHS['en'][month_n - 1]}" if lang == "en" else f"en {_MONTHS['fr'][month_n - 1]}"
        value = {
            "start": date(year, month_n, 1).isoformat(),
            "end": _month_end(year, month_n).isoformat(),
            "granularity": "month",
            "relative": True,
        }
    elif choice == 3:  # last year
        year = published.year - 1
        surface = "last year" if lang == "en" else "l'année dernière"
        value = {"start": f"{year}-01-01", "end": f"{year}-12-31", "granularity": "year", "relative": True}
    elif choice == 4:  # a year
        year = published.year + rng.choice([-9, -6, -3, -2, 1, 2, 3, 5])
        surface = f"in {year}" if lang == "en" else f"en {year}"
        value = {"start": f"{year}-01-01", "end": f"{year}-12-31", "granularity": "year", "relative": False}
    else:  # a full date
        day = published - timedelta(days=rng.randint(30, 2000))
        month = _MONTHS[lang][day.month - 1]
        surface = f"on {day.day} {month} {day.year}" if lang == "en" else f"le {day.day} {month} {day.year}"
        value = {"start": day.isoformat(), "end": day.isoformat(), "granularity": "day", "relative": False}
    return Slot(
        surface,
        Kind.date,
        value,
        value["start"][:4]
        if value["granularity"] == "year"
        else value["start"][: 7 if value["granularity"] == "month" else 10],
    )


# Quotations are put together from parts, so that two articles rarely say the same sentence:
# a registry where every article repeats a few stock quotes would make "seen before" look busy.
_QUOTE_PARTS = {
    "en": (
        [
            "We will not accept",
            "Nobody has explained",
            "We are proud of",
            "We have always opposed",
            "There is no evidence behind",
            "We were never told about",
            "It is too early to judge",
            "We need more time to study",
            "People deserve the truth about",
            "We cannot afford to ignore",
            "I am deeply worried about",
            "We fully stand behind",
            "There is nothing secret about",
            "We should have been consulted on",
            "Everyone here wants answers on",
        ],
        [
            "",
            " and we will say so",
            ", whatever the ministry claims",
            ", and that will not change",
            " at this stage",
            ", as we told the council",
            " for the people of this town",
        ],
    ),
    "fr": (
        [
            "Nous n'accepterons pas",
            "Personne n'a expliqué",
            "Nous sommes fiers de",
            "Nous avons toujours combattu",
            "Rien ne justifie",
            "On ne nous a jamais parlé de",
            "Il est trop tôt pour juger",
            "Il nous faut du temps pour étudier",
            "Les habitants ont droit à la vérité sur",
            "Nous ne pouvons pas ignorer",
            "Je suis très inquiète pour",
            "Nous soutenons pleinement",
            "Il n'y a rien de secret dans",
            "Nous aurions dû être consultés sur",
            "Tout le monde attend des réponses sur",
        ],
        [
            "",
            " et nous le dirons",
            ", quoi qu'en dise le ministère",
            ", et cela ne changera pas",
            " à ce stade",
            ", comme nous l'avons dit au conseil",
            " pour les habitants de cette ville",
        ],
    ),
}
# What people argue about: a thousand different things in each language, so that two articles'
# sentences rarely coincide (`similar` links claims that say the same thing).
_THINGS = {
    "en": (
        [
            "new",
            "revised",
            "planned",
            "controversial",
            "delayed",
            "long-awaited",
            "proposed",
            "regional",
            "municipal",
            "temporary",
            "costly",
            "modest",
            "ambitious",
            "second",
            "northern",
            "southern",
            "coastal",
            "rural",
            "joint",
            "private",
            "emergency",
            "interim",
            "overdue",
            "smaller",
            "larger",
        ],
        [
            "route",
            "tender",
            "consultation",
            "merger",
            "funding formula",
            "closures",
            "depot",
            "tariffs",
            "station",
            "survey",
            "staffing plan",
            "land sale",
            "backlog",
            "housing scheme",
            "flood defences",
            "waste contract",
            "ring road",
            "cycle lane",
            "car park",
            "bridge",
            "tram line",
            "clinic",
            "library",
            "sports hall",
            "market hall",
            "harbour wall",
            "reservoir",
            "power line",
            "data centre",
            "bypass",
            "ferry service",
            "night bus",
            "parking charges",
            "rent cap",
            "audit",
            "inquiry",
            "budget cuts",
            "pay deal",
            "school extension",
            "water treatment works",
        ],
    ),
    "fr": (
        [
            "le tracé",
            "l'appel d'offres",
            "la concertation",
            "la fusion",
            "le mode de financement",
            "les fermetures",
            "le dépôt",
            "les tarifs",
            "la gare",
            "l'étude d'impact",
            "le plan de recrutement",
            "la vente du terrain",
            "le retard d'entretien",
            "le programme de logements",
            "les digues",
            "le marché des déchets",
            "le périphérique",
            "la piste cyclable",
            "le parking",
            "le pont",
            "la ligne de tramway",
            "le centre de santé",
            "la médiathèque",
            "le gymnase",
            "les halles",
            "la digue du port",
            "le réservoir",
            "la ligne électrique",
            "le centre de données",
            "la rocade",
            "la liaison maritime",
            "le bus de nuit",
            "le stationnement payant",
            "l'encadrement des loyers",
            "l'audit",
            "l'enquête",
            "les coupes budgétaires",
            "l'accord salarial",
            "l'extension du collège",
            "la station d'épuration",
        ],
        [
            "du centre-ville",
            "de la rive gauche",
            "du quartier nord",
            "de la zone portuaire",
            "de l'agglomération",
            "du plateau",
            "de la vallée",
            "du littoral",
            "des quartiers est",
            "de la gare",
            "du campus",
            "de la zone industrielle",
            "du vieux port",
            "des faubourgs",
            "de la presqu'île",
            "du bassin minier",
            "de la côte",
            "des hauts de la ville",
            "du canton",
            "de la métropole",
            "du département",
            "de la commune voisine",
            "de l'hôpital",
            "du marché",
            "de la rocade sud",
        ],
    ),
}


def thing(rng: random.Random, lang: str) -> str:
    """`the delayed tram line`, `la piste cyclable du vieux port`."""
    first, second = (rng.choice(part) for part in _THINGS[lang])
    return f"the {first} {second}" if lang == "en" else f"{first} {second}"


_PEOPLE = [
    "Ruth Okafor",
    "Amadou Abdramane",
    "Claire Dubois",
    "James Whitfield",
    "Fatou Diallo",
    "Marc Lefèvre",
    "Priya Raman",
    "Jean-Pierre Martin",
    "Sofia Almeida",
    "Tom Gallagher",
    "Nadia Benali",
    "Hugo Moreau",
    "Grace Mensah",
    "Lucas Petit",
    "Emily Carter",
    "Yann Le Goff",
    "Aïcha Traoré",
    "Oliver Brooks",
    "Camille Girard",
    "Daniel Osei",
]
_ROLES = {
    "en": [
        "the minister",
        "the mayor",
        "the chairwoman",
        "a union leader",
        "the spokesman",
        "the director",
        "a councillor",
        "the head of the association",
    ],
    "fr": [
        "la ministre",
        "le maire",
        "la présidente",
        "un responsable syndical",
        "le porte-parole",
        "le directeur",
        "une conseillère municipale",
        "la présidente de l'association",
    ],
}


def quote(rng: random.Random, lang: str) -> tuple[str, Slot, str]:
    """Opening mark, the quoted words (the claim), closing mark and attribution."""
    opening_words, ending = (rng.choice(part) for part in _QUOTE_PARTS[lang])
    words = f"{opening_words} {thing(rng, lang)}{ending}"
    if lang == "fr":
        words = _french(words)
    speaker = rng.choice(_PEOPLE)
    if lang == "fr":
        opening, closing = rng.choice([("« ", " »"), ('"', '"')])
        tail = f", a déclaré {rng.choice(_ROLES['fr'])}, {speaker}."
    else:
        opening, closing = rng.choice([('"', '"'), ("\u201c", "\u201d")])
        tail = f", {rng.choice(_ROLES['en'])}, {speaker}, said."
    return opening, Slot(words, Kind.quote, {"speaker": speaker}, words[:80]), closing + tail


# -- templates ------------------------------------------------------------------------------------

# {S} a subject; {Q} people, {T} things, {L} a length, {H} an area, mass or power, {M} money,
# {P} a percentage, {D} a date. Every placeholder is one letter in braces.
_TEMPLATES = {
    "en": [
        "{S} approved a {M} expansion plan {D} that will employ {Q} once it is complete.",
        "Spending rose {P} {D} to {M}, according to the annual report.",
        "The project will cost {M} and deliver {T}, officials said {D}.",
        "{S} said {Q} had been affected, up {P} on the previous year.",
        "Construction is due to start {D} and should be finished {D}.",
        "The budget of {M} includes {M} for maintenance and the purchase of {T}.",
        "Unemployment fell to {P} {D}, while prices rose {P}.",
        "Critics say the cost has risen by {P} since a first estimate of {M} was presented {D}.",
        "At the site, {Q} were counted, and {Q} more are expected {D}.",
        "The new line will be {L} long and serve {Q} a year.",
        "{S} received {M} in grants {D}, against {M} a year earlier.",
        "Turnout reached {P}, with {Q} casting a ballot {D}.",
        "The plan includes a {L} breakwater and the clearing of {H}.",
        "In all, {T} have been closed {D} and {Q} moved elsewhere.",
    ],
    "fr": [
        "{S} a approuvé {D} un plan d'extension de {M}, qui doit employer {Q} une fois achevé.",
        "Les dépenses ont augmenté de {P} {D}, pour atteindre {M}, selon le rapport annuel.",
        "Le projet coûtera {M} et doit livrer {T}, ont indiqué les autorités {D}.",
        "{S} a indiqué que {Q} étaient concernés, soit {P} de plus que l'année précédente.",
        "Les travaux doivent commencer {D} et s'achever {D}.",
        "Le budget de {M} comprend {M} pour l'entretien et l'achat de {T}.",
        "Le chômage est tombé à {P} {D}, tandis que les prix ont augmenté de {P}.",
        "Selon les opposants, le coût a progressé de {P} depuis une première estimation de {M} présentée {D}.",
        "Sur le site, {Q} ont été recensés, et {Q} supplémentaires sont attendus {D}.",
        "La nouvelle ligne fera {L} et desservira {Q} par an.",
        "{S} a reçu {M} de subventions {D}, contre {M} un an plus tôt.",
        "La participation a atteint {P}, avec {Q} qui ont voté {D}.",
        "Le plan prévoit une digue de {L} et le défrichement de {H}.",
        "Au total, {T} ont fermé {D} et {Q} ont été déplacés.",
    ],
}
# Sentences without a claim (an article is not all numbers), put together from parts so that two
# articles rarely share one.
_PLACES = [
    "Brest",
    "Lille",
    "Nantes",
    "Rouen",
    "Tours",
    "Dijon",
    "Metz",
    "Nîmes",
    "Pau",
    "Reims",
    "Limoges",
    "Amiens",
    "Leeds",
    "Bristol",
    "Cardiff",
    "Dundee",
    "Norwich",
    "Exeter",
    "Derby",
    "Hull",
    "Bath",
    "York",
    "Agadez",
    "Niamey",
    "Dakar",
    "Lomé",
    "Cotonou",
    "Bamako",
    "Quimper",
    "Lorient",
]
_FILLER_PARTS = {
    "en": (
        [
            "Residents of {p}",
            "Shopkeepers in {p}",
            "Teachers in {p}",
            "Farmers near {p}",
            "Nurses at the {p} hospital",
            "Commuters from {p}",
            "Fishermen in {p}",
            "Students in {p}",
            "Parents in {p}",
            "Councillors in {p}",
            "Pensioners in {p}",
            "Hotel owners around {p}",
            "Doctors in {p}",
            "Small business owners in {p}",
            "Campaigners in {p}",
            "Church leaders in {p}",
        ],
        [
            "have questioned",
            "have welcomed",
            "are still waiting for details of",
            "have raised concerns about",
            "remain divided over",
            "have called for a public debate on",
            "say they were not consulted about",
            "fear more delays to",
            "have challenged",
            "are cautiously optimistic about",
            "want clearer answers on",
            "have mixed feelings about",
            "have been campaigning against",
            "quietly support",
            "plan to protest against",
            "have written to ministers about",
        ],
        [
            "",
            ", a local newspaper reported",
            ", according to people familiar with the matter",
            " and promised to keep pressing",
            ", saying the process lacked transparency",
            " during a packed public meeting",
            " in an open letter",
            " on social media",
        ],
    ),
    "fr": (
        [
            "Les habitants de {p}",
            "Les commerçants de {p}",
            "Les enseignants de {p}",
            "Les agriculteurs près de {p}",
            "Les soignants de l'hôpital de {p}",
            "Les usagers venus de {p}",
            "Les pêcheurs de {p}",
            "Les étudiants de {p}",
            "Les parents d'élèves de {p}",
            "Les élus de {p}",
            "Les retraités de {p}",
            "Les hôteliers des environs de {p}",
            "Les médecins de {p}",
            "Les artisans de {p}",
            "Les militants associatifs de {p}",
            "Les représentants syndicaux de {p}",
        ],
        [
            "s'interrogent sur",
            "saluent",
            "attendent toujours des précisions sur",
            "s'inquiètent de",
            "restent divisés sur",
            "réclament un débat public sur",
            "disent ne pas avoir été consultés sur",
            "craignent de nouveaux retards pour",
            "contestent",
            "se montrent prudemment optimistes sur",
            "veulent des réponses claires sur",
            "restent partagés sur",
            "se mobilisent contre",
            "soutiennent discrètement",
            "prévoient de manifester contre",
            "ont écrit au gouvernement au sujet de",
        ],
        [
            "",
            ", selon la presse locale",
            ", selon plusieurs sources proches du dossier",
            " et promettent de rester mobilisés",
            ", dénonçant un manque de transparence",
            " lors d'une réunion publique très suivie",
            " dans une lettre ouverte",
            " sur les réseaux sociaux",
        ],
    ),
}


def filler(rng: random.Random, lang: str) -> str:
    """A sentence without a number, a date or a quotation."""
    who, verb, tail = (rng.choice(part) for part in _FILLER_PARTS[lang])
    sentence = f"{who.format(p=rng.choice(_PLACES))} {verb} {thing(rng, lang)}{tail}."
    return _french(sentence) if lang == "fr" else sentence


def _french(text: str) -> str:
    """`de les` → `des`, `de le` → `du`, `de Agadez` → `d'Agadez`: what French does to parts put together."""
    text = re.sub(r"\b([Dd])e les\b", r"\1es", text)
    text = re.sub(r"\b([Dd])e le\b", r"\1u", text)
    return re.sub(r"\b([Dd])e (?=[AEIOUÉaeiouéh])", r"\1'", text)


_SUBJECTS = {
    "en": [
        "The port authority of {p}",
        "The {p} city council",
        "The health trust in {p}",
        "The regional government",
        "The national rail operator",
        "The energy regulator",
        "The University of {p}",
        "The {p} water board",
        "The {p} hospital board",
        "The bus company in {p}",
    ],
    "fr": [
        "L'autorité portuaire de {p}",
        "Le conseil municipal de {p}",
        "Le CHU de {p}",
        "La région",
        "L'opérateur ferroviaire",
        "Le régulateur de l'énergie",
        "L'université de {p}",
        "L'agence de l'eau de {p}",
        "La métropole de {p}",
        "La société de transports de {p}",
    ],
}
_TOPICS = {
    "en": ["port expansion", "hospital budget", "rail link", "energy prices", "school buildings", "water supply"],
    "fr": [
        "extension du port",
        "budget des hôpitaux",
        "ligne ferroviaire",
        "prix de l'énergie",
        "bâtiments scolaires",
        "eau potable",
    ],
}
_OUTLETS = ["Le Quotidien", "The Daily Ledger", "Agence Sud", "Harbour Times", "La Gazette du Centre"]


@dataclass
class Draft:
    """An article text with the claims its templates wrote, before ids are given."""

    text: str
    language: str
    published: date
    title: str
    drafts: list[ClaimDraft]


class _Writer:
    """Appends text and records where each slot lands, so template spans are exact by construction."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.drafts: list[ClaimDraft] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def slot(self, slot: Slot) -> None:
        start = self.size
        self.add(slot.surface)
        self.drafts.append(ClaimDraft(kind=slot.kind, start=start, end=self.size, value=slot.value, text=slot.label))

    def text(self) -> str:
        return "".join(self.parts)


def _sentence(w: _Writer, template: str, rng: random.Random, lang: str, published: date) -> None:
    makers: dict[str, Callable[[], Slot]] = {
        "Q": lambda: people(rng, lang),
        "T": lambda: things(rng, lang),
        "L": lambda: length(rng, lang),
        "H": lambda: surface_measure(rng, lang),
        "M": lambda: money(rng, lang),
        "P": lambda: percent(rng, lang),
        "D": lambda: when(rng, lang, published),
    }
    pos = 0
    while pos < len(template):
        brace = template.find("{", pos)
        if brace < 0:
            w.add(template[pos:])
            break
        w.add(template[pos:brace])
        key = template[brace + 1]
        if key == "S":
            w.add(rng.choice(_SUBJECTS[lang]).format(p=rng.choice(_PLACES)))
        else:
            w.slot(makers[key]())
        pos = brace + 3


def write_article(rng: random.Random, lang: str, published: date, target: int = CLAIMS_PER_ARTICLE) -> Draft:
    """A plausible news article of about 3 KB holding about `target` claims."""
    w = _Writer()
    topic = rng.choice(_TOPICS[lang])
    title = f"{topic.capitalize()}: {rng.choice(_SUBJECTS[lang]).format(p=rng.choice(_PLACES))} " + (
        "présente ses chiffres" if lang == "fr" else "sets out its figures"
    )
    paragraph = 0
    while len(w.drafts) < target:
        if paragraph:
            w.add("\n\n")
        roll = rng.random()
        if roll < 0.15:
            opening, slot, tail = quote(rng, lang)
            w.add(opening)
            w.slot(slot)
            w.add(tail)
        else:
            units = ["template"] * rng.choice([1, 1, 2]) + ["filler"] * rng.choice([1, 2, 3])
            if roll < 0.3:
                units.append("statement")
            rng.shuffle(units)
            for n, unit in enumerate(units):
                if n:
                    w.add(" ")
                if unit == "template":
                    _sentence(w, rng.choice(_TEMPLATES[lang]), rng, lang, published)
                elif unit == "filler":
                    w.add(filler(rng, lang))
                else:
                    start = w.size
                    sentence = filler(rng, lang)
                    w.add(sentence)
                    w.drafts.append(
                        ClaimDraft(
                            kind=Kind.statement,
                            start=start,
                            end=w.size - 1,
                            value={"checkworthiness": round(rng.uniform(0.4, 0.9), 2)},
                            text=sentence[:-1][:80],
                        )
                    )
        paragraph += 1
    w.add("\n")
    return Draft(text=w.text(), language=lang, published=published, title=title, drafts=w.drafts[:target])


# -- claims and statuses --------------------------------------------------------------------------

_CHECKERS = ["ana", "bruno", "chloé", "david", "emma", "farid"]
_SOURCES = [
    "https://www.insee.fr/fr/statistiques/",
    "https://www.ons.gov.uk/economy/",
    "https://data.europa.eu/",
    "https://www.legifrance.gouv.fr/",
    "https://www.worldbank.org/en/data/",
    "https://example.org/report/",
]
# Where a year's claims end up: most stay unverified, a fifth get a verdict.
_OUTCOMES = [
    (Status.unverified, 45),
    (Status.in_review, 14),
    (Status.verified, 14),
    (Status.false, 6),
    (Status.misleading, 5),
    (Status.unverifiable, 6),
    (Status.dismissed, 10),
]


def review(claim: Claim, rng: random.Random) -> Claim:
    """Apply what a checker would do, through the same actions as `mark` and `evidence add`."""
    status = rng.choices([s for s, _ in _OUTCOMES], weights=[w for _, w in _OUTCOMES])[0]
    if status == Status.unverified:
        return claim
    by = rng.choice(_CHECKERS)
    doc = claim.model_dump(mode="json")  # the actions work on stored documents, as `mark` does
    if status != Status.in_review and rng.random() < 0.5:
        doc = set_status(doc, Status.in_review, by=by)
    evidence = []
    if status in (Status.verified, Status.false, Status.misleading) or rng.random() < 0.2:
        stance = {Status.false: Stance.refutes, Status.misleading: Stance.context}.get(status, Stance.supports)
        for n in range(rng.choice([1, 1, 2])):
            url = f"{rng.choice(_SOURCES)}{rng.randrange(10**6)}?ref={claim.id}-{n}"
            note = rng.choice([None, "Official figure for the same period.", "Chiffre officiel, même période."])
            evidence.append(make_evidence(url, stance=stance, note=note, by=by))
    note = rng.choice([None, None, "Checked against the source document.", "Vérifié auprès du service."])
    return Claim.model_validate(set_status(doc, status, by=by, evidence=evidence, note=note))


def pick_extractor(choice: str) -> tuple[str, Callable[[Draft], list[ClaimDraft]]]:
    """("pipeline" or "templates", a function from an article draft to its claim drafts).

    `auto` tries the extractor on one sentence first: while part of it is still
    missing, the templates' own spans stand in.
    """
    if choice in ("auto", "pipeline"):
        try:
            from claimcheck.extract.pipeline import extract

            extract("Prices rose 4.2% in March.", "en", date(2024, 5, 20))
        except ImportError:
            if choice == "pipeline":
                raise
        else:
            return "pipeline", lambda d: extract(d.text, d.language, d.published, published_assumed=False)
    return "templates", lambda d: d.drafts


def _article(d: Draft, n: int, taken: set[str]) -> Article:
    digest = sha256_text(d.text)
    source = f"bench-{n:06d}.{d.language}.txt"
    url = f"https://news.example.org/{d.published.isoformat()}/{n:06d}"
    article_id = new_id("a", f"{url}:{digest}", lambda aid: aid in taken)
    taken.add(article_id)
    now = utcnow()
    return Article(
        id=article_id,
        title=d.title,
        url=url,
        outlet=_OUTLETS[n % len(_OUTLETS)],
        language=d.language,
        published=d.published,
        published_source="option",
        format="txt",
        source=source,
        ingested_at=now,
        ingested_by="bench",
        text=d.text,
        sha256=digest,
        versions=[ArticleVersion(version=1, sha256=digest, added_at=now, added_by="bench", source=source)],
    )


class _BatchIds:
    """Ids taken in the registry or earlier in the current batch, for `build_claims`.

    Claims of a batch are indexed only when the batch is saved, so without this
    two articles of one batch could draw the same short id.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.fresh: set[str] = set()
        self._taken = registry.claim_ids_taken()

    def claim_ids_taken(self) -> Callable[[str], bool]:
        return lambda cid: cid in self.fresh or self._taken(cid)

    def reset(self) -> None:
        self.fresh.clear()
        self._taken = self.registry.claim_ids_taken()


def _save(registry: Registry, batch: list[tuple[Article, list[Claim]]]) -> None:
    """Save a batch of new articles: each article file once, each touched index shard and registry.json once.

    `save_article` rewrites ~30 index shards and registry.json for every article
    (about 100 ms of fsyncs each here: over ten minutes for 100k claims);
    `Registry.save_articles` does the same read-modify-write once per batch,
    under one lock and one `.pending.json` (`--batch 1`: the same as `save_article` each time).
    """
    registry.save_articles(batch)


def generate(
    n_claims: int,
    root: Path,
    *,
    seed: int = 1,
    extractor: str = "auto",
    batch: int = 200,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int, str]:
    """Create a registry at `root` holding exactly `n_claims` claims.

    Returns (articles, claims, "pipeline" or "templates": where the claims came from).
    """
    rng = random.Random(seed)
    source, extract = pick_extractor(extractor)
    per_article = TEMPLATE_CLAIMS_FOR_PIPELINE if source == "pipeline" else CLAIMS_PER_ARTICLE
    registry = Registry.init(root)
    ids = _BatchIds(registry)
    article_ids: set[str] = set()
    start_day = date(2024, 1, 1)
    total = articles = 0
    pending: list[tuple[Article, list[Claim]]] = []
    while total < n_claims:
        lang = "fr" if rng.random() < 0.5 else "en"
        published = start_day + timedelta(days=articles * 365 // max(1, math.ceil(n_claims / 30)))
        draft = write_article(rng, lang, published, per_article)
        article = _article(draft, articles, article_ids)
        drafts = extract(draft)[: n_claims - total]
        claims = build_claims(article, drafts, by=rng.choice(_CHECKERS), registry=ids)  # type: ignore[arg-type]
        ids.fresh.update(c.id for c in claims)
        claims = [review(c, rng) for c in claims]
        pending.append((article, claims))
        total += len(claims)
        articles += 1
        if len(pending) >= batch or total >= n_claims:
            _save(registry, pending)
            pending = []
            ids.reset()
            if progress:
                progress(total, n_claims)
    return articles, total, source


def write_fresh_articles(folder: Path, count: int, *, seed: int, size: int = 3000) -> list[Path]:
    """Article files never ingested, of `size` bytes give or take 10%, for timing `ingest`; fr and en in turn."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        lang = "en" if n % 2 else "fr"
        published = date(2025, 3, 1) + timedelta(days=n)
        draft = write_article(rng, lang, published)
        for _ in range(500):
            if abs(len(draft.text.encode("utf-8")) - size) <= size // 10:
                break
            draft = write_article(rng, lang, published)
        path = folder / f"fresh-{seed}-{n:03d}.{lang}.txt"
        path.write_text(draft.text, encoding="utf-8")
        paths.append(path)
    return paths


def _main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a benchmark registry of N realistic claims.")
    parser.add_argument("n", type=int, help="number of claims")
    parser.add_argument("dir", type=Path, help="registry folder to create (must not hold a registry)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--extractor",
        choices=["auto", "pipeline", "templates"],
        default="auto",
        help="where claims come from: claimcheck's extractor, or the spans the templates "
        "wrote (auto: the extractor when it is installed)",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=200,
        help="articles saved at a time (default 200; 1: Registry.save_article for each)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    began = time.perf_counter()
    last = [0.0]

    def progress(done: int, wanted: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 2 or done >= wanted:
            last[0] = now
            print(f"\r{done:,}/{wanted:,} claims  {now - began:6.1f} s", end="", file=sys.stderr, flush=True)

    articles, claims, source = generate(
        args.n, args.dir, seed=args.seed, extractor=args.extractor, batch=args.batch, progress=progress
    )
    elapsed = time.perf_counter() - began
    print(file=sys.stderr)
    print(f"{args.dir}: {articles:,} articles, {claims:,} claims (from the {source}) in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
