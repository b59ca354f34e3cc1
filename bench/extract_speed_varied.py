"""Extraction throughput on non-repetitive text, plus the repeated dev corpus.

    python bench/extract_speed_varied.py [--src DIR] [--size MB] [--runs N] [--seed S] [--dump FILE]

`--src` is the folder holding the `claimcheck` package to time (default: this
checkout), so an old copy and the working tree can be timed side by side.
The varied corpus is written from sentence templates with random numbers,
units, money, dates, weekdays, names and tenses: no two sentences alike, so no
cache keyed on a sentence or phrase can hit more than real text would.
`--dump` writes every draft (both corpora) as JSON lines, to diff two versions.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

FIRST = {
    "en": ["John", "Sarah", "Ahmed", "Maria", "Peter", "Grace", "Tom", "Aisha", "Liam", "Chen", "Olga", "Kwame"],
    "fr": ["Jean", "Sophie", "Ahmed", "Marie", "Pierre", "Claire", "Luc", "Aïcha", "Hugo", "Mei", "Olga", "Moussa"],
}
LAST = [
    "Dupont",
    "Smith",
    "Diallo",
    "Martin",
    "Okafor",
    "Bernard",
    "Nguyen",
    "Keller",
    "Traoré",
    "Moreau",
    "Walker",
    "Haddad",
    "Petit",
    "Fischer",
    "Cissé",
    "Rossi",
]
PLACES = [
    "Lyon",
    "Manchester",
    "Dakar",
    "Niamey",
    "Leeds",
    "Marseille",
    "Bristol",
    "Abidjan",
    "Lille",
    "Glasgow",
    "Toulouse",
    "Cardiff",
    "Bamako",
    "Nantes",
    "York",
    "Rennes",
    "Accra",
    "Bordeaux",
]
ORGS = {
    "en": [
        "the council",
        "the ministry",
        "the union",
        "the regulator",
        "the company",
        "the agency",
        "the board",
        "the government",
        "the commission",
        "the hospital trust",
    ],
    "fr": [
        "le conseil",
        "le ministère",
        "le syndicat",
        "le régulateur",
        "l'entreprise",
        "l'agence",
        "la mairie",
        "le gouvernement",
        "la commission",
        "la préfecture",
    ],
}
NOUNS = {
    "en": [
        "workers",
        "soldiers",
        "patients",
        "voters",
        "refugees",
        "students",
        "homes",
        "schools",
        "flights",
        "buses",
        "jobs",
        "families",
        "trucks",
        "beds",
        "nurses",
        "firefighters",
        "passengers",
        "residents",
    ],
    "fr": [
        "salariés",
        "soldats",
        "patients",
        "électeurs",
        "réfugiés",
        "étudiants",
        "logements",
        "écoles",
        "vols",
        "bus",
        "emplois",
        "familles",
        "camions",
        "lits",
        "infirmiers",
        "pompiers",
        "voyageurs",
        "habitants",
    ],
}
UNITS = {
    "en": ["km", "miles", "metres", "tonnes", "hectares", "megawatts", "litres", "kg", "hours", "square metres"],
    "fr": ["km", "kilomètres", "mètres", "tonnes", "hectares", "mégawatts", "litres", "kg", "heures", "mètres carrés"],
}
MONTHS = {
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
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
BOUNDS = {
    "en": ["", "", "", "about ", "more than ", "nearly ", "at least ", "up to ", "fewer than ", "some "],
    "fr": ["", "", "", "environ ", "plus de ", "près de ", "au moins ", "jusqu'à ", "moins de ", "quelque "],
}
VERBS_PAST = {
    "en": ["said", "announced", "confirmed", "reported", "revealed", "estimated", "warned"],
    "fr": ["a annoncé", "a confirmé", "a indiqué", "a précisé", "a estimé", "a révélé", "a affirmé"],
}
ADJ = {
    "en": ["serious", "unexpected", "costly", "major", "difficult", "historic", "controversial", "modest"],
    "fr": ["grave", "inattendu", "coûteux", "majeur", "difficile", "historique", "controversé", "modeste"],
}
TOPICS = {
    "en": [
        "the reform",
        "the project",
        "the strike",
        "the budget",
        "the plan",
        "the deal",
        "the inquiry",
        "the new law",
        "the expansion",
        "the closure",
    ],
    "fr": [
        "la réforme",
        "le projet",
        "la grève",
        "le budget",
        "le plan",
        "l'accord",
        "l'enquête",
        "la nouvelle loi",
        "l'extension",
        "la fermeture",
    ],
}


def _num(rng: random.Random, lang: str) -> str:
    kind = rng.random()
    if kind < 0.4:
        n = rng.randint(2, 999)
        return str(n)
    if kind < 0.75:
        n = rng.randint(1000, 999999)
        s = f"{n:,}"
        return s.replace(",", "\u202f" if rng.random() < 0.5 else " ") if lang == "fr" else s
    x = round(rng.uniform(1, 99), rng.choice([1, 2]))
    s = f"{x:g}"
    return s.replace(".", ",") if lang == "fr" else s


def _money(rng: random.Random, lang: str) -> str:
    base = f"{round(rng.uniform(1, 999), rng.choice([0, 1])):g}"
    if lang == "en":
        sym = rng.choice(["$", "£", "€"])
        return rng.choice(
            [
                f"{sym}{base} million",
                f"{sym}{base}bn",
                f"{sym}{base}m",
                f"{base} million dollars",
                f"{sym}{rng.randint(10, 99999):,}",
            ]
        )
    base = base.replace(".", ",")
    return rng.choice(
        [
            f"{base} millions d'euros",
            f"{base} milliards de dollars",
            f"{base} M€",
            f"{rng.randint(10, 99999):,}".replace(",", " ") + " euros",
            f"{base} millions de francs CFA",
        ]
    )


def _pct(rng: random.Random, lang: str) -> str:
    x = f"{round(rng.uniform(0.1, 99), 1):g}"
    return f"{x}%" if lang == "en" else f"{x.replace('.', ',')}\u00a0%"


def _day(rng: random.Random, lang: str) -> str:
    d, m = rng.randint(1, 28), rng.choice(MONTHS[lang])
    year = f" {rng.randint(1995, 2030)}" if rng.random() < 0.4 else ""
    if lang == "en":
        return rng.choice([f"{d} {m}{year}", f"{m} {d}" + (f",{year}" if year else "")])
    return f"le {'1er' if d == 1 else d} {m}{year}"


def _sentence(rng: random.Random, lang: str) -> str:
    r = rng.choice
    name = f"{r(FIRST[lang])} {r(LAST)}"
    place, org, topic = r(PLACES), r(ORGS[lang]), r(TOPICS[lang])
    n = lambda: _num(rng, lang)  # noqa: E731
    b = lambda: r(BOUNDS[lang])  # noqa: E731
    year = rng.randint(1990, 2030)
    if lang == "en":
        templates = [
            lambda: (
                f"{b().capitalize()}{n()} {r(NOUNS['en'])} were affected in {place} last {r(['week', 'month', 'year'])}, {org} {r(VERBS_PAST['en'])}."
            ),
            lambda: f"{org.capitalize()} will spend {_money(rng, 'en')} on {topic} by {r(MONTHS['en'])} {year}.",
            lambda: (
                f"Inflation rose to {_pct(rng, 'en')} in {r(MONTHS['en'])}, up from {_pct(rng, 'en')} a year earlier."
            ),
            lambda: (
                f"The {n()}-{r(['mile', 'km', 'metre'])} route from {place} to {r(PLACES)} is due to open on {_day(rng, 'en')}."
            ),
            lambda: f'"We cannot accept {topic} as it stands," {name} told reporters on {r(WEEKDAYS["en"])}.',
            lambda: f"{name} said {topic} was {r(ADJ['en'])} and that {org} had ignored the warnings.",
            lambda: (
                f"Between {rng.randint(2, 50)} and {rng.randint(51, 400)} {r(NOUNS['en'])} could lose out, according to a report published in {year}."
            ),
            lambda: f"The site covers {b()}{n()} {r(UNITS['en'])} and employs {n()} {r(NOUNS['en'])}.",
            lambda: (
                f"{topic.capitalize()} was approved in {year} and has cost {_money(rng, 'en')} since {year - rng.randint(1, 9)}."
            ),
            lambda: f"Critics in {place} argue that {topic} is {r(ADJ['en'])} and badly explained.",
            lambda: f"Talks resumed on {r(WEEKDAYS['en'])} and are expected to end before {_day(rng, 'en')}.",
            lambda: f"{rng.randint(2, 19)} years ago, {org} employed {n()} {r(NOUNS['en'])} in {place}.",
            lambda: (
                f"The share of {r(NOUNS['en'])} fell by {_pct(rng, 'en')} between {year} and {year + rng.randint(1, 8)}."
            ),
            lambda: f"{name}, who leads {org} in {place}, has not commented on {topic}.",
        ]
    else:
        templates = [
            lambda: (
                f"{b().capitalize()}{n()} {r(NOUNS['fr'])} ont été touchés à {place} {r(['la semaine dernière', 'le mois dernier', 'l’an dernier'])}, {r(VERBS_PAST['fr'])} {org}."
            ),
            lambda: (
                f"{org[0].upper() + org[1:]} consacrera {_money(rng, 'fr')} à {topic} d’ici {r(MONTHS['fr'])} {year}."
            ),
            lambda: (
                f"L’inflation a atteint {_pct(rng, 'fr')} en {r(MONTHS['fr'])}, contre {_pct(rng, 'fr')} un an plus tôt."
            ),
            lambda: (
                f"Le tronçon de {n()} {r(['km', 'kilomètres', 'mètres'])} entre {place} et {r(PLACES)} doit ouvrir {_day(rng, 'fr')}."
            ),
            lambda: f"« Nous ne pouvons pas accepter {topic} en l’état », a déclaré {name} {r(WEEKDAYS['fr'])}.",
            lambda: f"Selon {name}, {topic} est {r(ADJ['fr'])} et {org} a ignoré les alertes.",
            lambda: (
                f"Entre {rng.randint(2, 50)} et {rng.randint(51, 400)} {r(NOUNS['fr'])} pourraient être concernés, selon un rapport publié en {year}."
            ),
            lambda: f"Le site couvre {b()}{n()} {r(UNITS['fr'])} et emploie {n()} {r(NOUNS['fr'])}.",
            lambda: (
                f"{topic[0].upper() + topic[1:]} a été adopté en {year} et a coûté {_money(rng, 'fr')} depuis {year - rng.randint(1, 9)}."
            ),
            lambda: f"À {place}, les opposants jugent que {topic} est {r(ADJ['fr'])} et mal expliqué.",
            lambda: f"Les négociations ont repris {r(WEEKDAYS['fr'])} et devraient s’achever avant {_day(rng, 'fr')}.",
            lambda: f"Il y a {rng.randint(2, 19)} ans, {org} employait {n()} {r(NOUNS['fr'])} à {place}.",
            lambda: (
                f"La part des {r(NOUNS['fr'])} a reculé de {_pct(rng, 'fr')} entre {year} et {year + rng.randint(1, 8)}."
            ),
            lambda: f"M. {r(LAST)}, qui dirige {org} à {place}, n’a pas commenté {topic}.",
        ]
    return r(templates)()


def varied_corpus(lang: str, size: int, seed: int) -> str:
    rng = random.Random(f"{seed}-{lang}")
    paragraphs, total = [], 0
    while total < size:
        para = " ".join(_sentence(rng, lang) for _ in range(rng.randint(1, 4)))
        paragraphs.append(para)
        total += len(para.encode()) + 2
    return "\n\n".join(paragraphs)


def repeated_corpus(lang: str, size: int) -> tuple[str, date]:
    dev = Path("/work/shared/eval/dev")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(dev.glob(f"*.{lang}.gold.json"))]
    unit = "\n\n".join((dev / g["article"]).read_text(encoding="utf-8") for g in golds)
    return "\n\n".join([unit] * max(1, size // len(unit.encode()))), date.fromisoformat(golds[0]["published"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--size", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump")
    parser.add_argument("--only", choices=["repeated", "varied"])
    args = parser.parse_args()
    sys.path.insert(0, args.src)
    from claimcheck.extract.pipeline import extract

    extract("Le Niger a quitté la Cedeao en 2023.", "fr", date(2024, 1, 1))
    size = int(args.size * 1_000_000)
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    for name in ("repeated", "varied"):
        if args.only and name != args.only:
            continue
        for lang in ("fr", "en"):
            speeds, cpu, first = [], [], None
            for run in range(args.runs):
                # The varied text is new at every run (another seed): no cache can carry over.
                if name == "repeated":
                    text, published = repeated_corpus(lang, size)
                else:
                    text, published = varied_corpus(lang, size, args.seed + run), date(2025, 6, 12)
                mb = len(text.encode()) / 1_000_000
                t0, c0 = time.perf_counter(), time.process_time()
                drafts = extract(text, lang, published)
                speeds.append(mb / (time.perf_counter() - t0))
                cpu.append(mb / (time.process_time() - c0))
                if first is None:
                    first = (text, drafts)
            text, drafts = first
            print(
                f"{name:8} {lang}: {mb:.2f} MB, {len(drafts)} claims, median {statistics.median(speeds):.2f} MB/s "
                f"(min {min(speeds):.2f}, max {max(speeds):.2f}); CPU median {statistics.median(cpu):.2f} MB/s",
                flush=True,
            )
            if dump:
                for d in drafts:
                    dump.write(
                        json.dumps(
                            [name, lang, d.kind.value, d.start, d.end, text[d.start : d.end], d.text, d.value],
                            ensure_ascii=False,
                            sort_keys=True,
                        )
                        + "\n"
                    )
    if dump:
        dump.close()


if __name__ == "__main__":
    main()
