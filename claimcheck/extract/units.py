"""Word tables for numeric claims: scales, units, percent signs, and the small
words around a number (stop words, months, reference words); the currency
tables are in currencies.py and re-exported here.

Each table that may follow a number is a `Table` (table.py), matched at one
position. Word tables are lower-cased; symbol tables are case-sensitive (`MW`
is not `mW`, `M` is not `m`). Every pattern runs on `text.fold(text)`:
spaces are plain and the apostrophe is `'`.
"""

from __future__ import annotations

import re
from typing import TypeVar

from claimcheck.extract.currencies import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    PENCE_GLUED,
    PREFIX_CURRENCY,
    PREFIX_CURRENCY_NAMES,
    PREFIX_LAST_CHARS,
    SUBUNIT,
)
from claimcheck.extract.table import Table

__all__ = [
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "PENCE_GLUED",
    "PREFIX_CURRENCY",
    "PREFIX_CURRENCY_NAMES",
    "PREFIX_LAST_CHARS",
    "SUBUNIT",
]

V = TypeVar("V")


def _by_length(entries: dict[str, V]) -> dict[str, V]:
    """Symbols are tried longest first: `km/h` before `km`, `MWh` before `MW`."""
    return dict(sorted(entries.items(), key=lambda kv: -len(kv[0])))


def _symbols(entries: dict[str, V]) -> dict[str, V]:
    return _by_length({re.escape(k): v for k, v in entries.items()})


# --- scales ----------------------------------------------------------------

# Full words, after a space; the French `billion` is 10^12 and, like `millions`, takes `de`.
SCALE_WORDS: dict[str, Table[int]] = {
    "fr": Table({r"milliards?": 10**9, r"millions?": 10**6, r"mille": 10**3, r"billions?": 10**12}, words=True),
    "en": Table({r"trillions?": 10**12, r"billions?": 10**9, r"millions?": 10**6, r"thousands?": 10**3}, words=True),
}
# Abbreviations, glued or after one space: `£700m` (see numbers/sentence.py for m and b), `1,2 Md€`, `$5bn`, `50k`.
SCALE_ABBREVS: dict[str, Table[int]] = {
    "fr": Table(
        _symbols(
            {"Mds": 10**9, "Md": 10**9, "Mrds": 10**9, "Mrd": 10**9, "M": 10**6, "k": 10**3, "K": 10**3, "bn": 10**9}
        ),
        words=False,
    ),
    "en": Table(
        _symbols(
            {
                "bn": 10**9,
                "bln": 10**9,
                "mn": 10**6,
                "mln": 10**6,
                "tn": 10**12,
                "trn": 10**12,
                "M": 10**6,
                "k": 10**3,
                "K": 10**3,
                "B": 10**9,
            }
        ),
        words=False,
    ),
}

# --- percent -------------------------------------------------------------------

# `%` glued or after one space; the words after a space; `pc` only glued (`30pc`).
PERCENT_SIGN: Table[str] = Table({"%": "%"}, words=False, end="")
PERCENT_WORDS: dict[str, Table[str]] = {
    "fr": Table({r"pour(?:-|\s+)cent": "%", r"pourcent": "%", r"points? de pourcentage": "pp"}, words=True),
    "en": Table(
        {r"per(?:-|\s+)cent": "%", r"percentage points?": "pp", r"percent": "%", r"pct": "%", r"pp": "pp"}, words=True
    ),
}
PERCENT_GLUED: dict[str, Table[str]] = {
    "fr": Table({"pp": "pp"}, words=False),
    "en": Table({"pc": "%", "pp": "pp"}, words=False),
}

# --- units of measure --------------------------------------------------------------

# Symbols, case-sensitive, glued or after one space: `750 km`, `16m`, `5 MW`.
_UNIT_SYMBOLS: dict[str, str] = {
    "km²": "km²",
    "km2": "km²",
    "m²": "m²",
    "m2": "m²",
    "m³": "m³",
    "m3": "m³",
    "km/h": "km/h",
    "mph": "mph",
    "km": "km",
    "cm": "cm",
    "mm": "mm",
    "m": "m",
    "mi": "mi",
    "kg": "kg",
    "mg": "mg",
    "g": "g",
    "t": "t",
    "Mt": "Mt",
    "Gt": "Gt",
    "kt": "kt",
    "ha": "ha",
    "hl": "hl",
    "ml": "ml",
    "l": "l",
    "L": "l",
    "bbl": "bbl",
    "b/j": "bbl/d",
    "bpd": "bbl/d",
    "h": "h",
    "min": "min",
    "MW": "MW",
    "GW": "GW",
    "kW": "kW",
    "TW": "TW",
    "MWh": "MWh",
    "GWh": "GWh",
    "kWh": "kWh",
    "TWh": "TWh",
    "Wh": "Wh",
    "MWc": "MW",
    "°C": "°C",
    "°F": "°F",
    "°": "°",
    "ft": "ft",
    "oz": "oz",
    "lb": "lb",
    "lbs": "lb",
    "GB": "GB",
    "MB": "MB",
    "TB": "TB",
    "kV": "kV",
}
_UNIT_SYMBOLS_BY_LANG: dict[str, dict[str, str]] = {
    "fr": {"Go": "GB", "Mo": "MB", "To": "TB", "mn": "min", "kmh": "km/h"},
    "en": {},
}
UNIT_SYMBOLS: dict[str, Table[str]] = {
    lang: Table(_symbols({**_UNIT_SYMBOLS, **extra}), words=False) for lang, extra in _UNIT_SYMBOLS_BY_LANG.items()
}
# `40C`, `104F`: British papers glue the scale letter to the number; only glued, only in English.
TEMPERATURE_GLUED: Table[str] = Table({"C": "°C", "F": "°F"}, words=False)
# Words, after whitespace; French and English spellings side by side, the longer phrases first.
UNIT_WORDS: Table[str] = Table(
    {
        r"kilom[eè]tres? carr[ée]s": "km²",
        r"square kilomet(?:re|er)s?": "km²",
        r"sq\.?\s*km": "km²",
        r"m[eè]tres? carr[ée]s": "m²",
        r"square met(?:re|er)s?": "m²",
        r"square miles?": "mi²",
        r"square (?:feet|foot)": "ft²",
        r"m[eè]tres? cubes": "m³",
        r"cubic met(?:re|er)s?": "m³",
        r"kilom[eè]tres?(?: par heure| à l'heure)": "km/h",
        r"kilomet(?:re|er)s? (?:per|an) hour": "km/h",
        r"miles? (?:per|an) hour": "mph",
        r"kilom[eè]tres?|kilomet(?:re|er)s?": "km",
        r"centim[eè]tres?|centimet(?:re|er)s?": "cm",
        r"millim[eè]tres?|millimet(?:re|er)s?": "mm",
        r"m[eè]tres?|met(?:re|er)s?": "m",
        r"milles? nautiques|nautical miles?": "nmi",
        r"miles?": "mi",
        r"pieds|feet|foot": "ft",
        r"inch(?:es)?|pouces?": "in",
        r"yards?": "yd",
        r"hectares?": "ha",
        r"acres?": "acre",
        r"gigatonnes?|gigatons?": "Gt",
        r"m[ée]gatonnes?|megatons?": "Mt",
        r"kilotonnes?|kilotons?": "kt",
        r"tonnes? m[ée]triques|metric tons?|tonnes?|tons?": "t",
        r"kilogrammes?|kilograms?|kilos?": "kg",
        r"milligrammes?|milligrams?": "mg",
        r"grammes?|grams?": "g",
        r"onces?|ounces?": "oz",
        r"hectolitres?|hectoliters?": "hl",
        r"millilitres?|milliliters?": "ml",
        r"litres?|liters?": "l",
        r"gallons?": "gal",
        r"barils? par jour|barils?/jour|barrels? (?:per|a) day": "bbl/d",
        r"barils?|barrels?": "bbl",
        r"heures?|hours?": "h",
        r"minutes?": "min",
        r"secondes?|seconds?": "s",
        r"m[ée]gawatts?-?heures?|m[ée]gawattheures?|megawatt[- ]hours?": "MWh",
        r"gigawatts?-?heures?|gigawattheures?|gigawatt[- ]hours?": "GWh",
        r"kilowatts?-?heures?|kilowattheures?|kilowatt[- ]hours?": "kWh",
        r"t[ée]rawatts?-?heures?|t[ée]rawattheures?|terawatt[- ]hours?": "TWh",
        r"m[ée]gawatts?": "MW",
        r"gigawatts?": "GW",
        r"kilowatts?": "kW",
        r"t[ée]rawatts?": "TW",
        r"watts?": "W",
        r"degr[ée]s celsius|degrees celsius|degr[ée]s c|degrees c": "°C",
        r"degr[ée]s fahrenheit|degrees fahrenheit|degrees f": "°F",
        r"celsius": "°C",
        r"fahrenheit": "°F",
        r"degr[ée]s|degrees": "°",
        r"noeuds|nœuds|knots": "kn",
        r"gigaoctets?|gigabytes?": "GB",
        r"m[ée]gaoctets?|megabytes?": "MB",
        r"t[ée]raoctets?|terabytes?": "TB",
    },
    words=True,
)

# --- the small words around a number ------------------------------------------------


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, the way these tables are easiest to read."""
    return frozenset(text.split())


# Words that cannot be the counted noun right after a number: with one of these next,
# the number stands alone (`27 attended the vote`, `200 ont été tués`).
NOT_NOUNS: dict[str, frozenset[str]] = {
    "fr": words(
        """le la les l un une des du de d au aux à a en et ou où mais donc car ni que qu qui quoi dont
        ce cet cette ces c se s sa son ses leur leurs mon ma mes ton ta tes notre nos votre vos il ils
        elle elles on nous vous je j tu y ne n pas plus moins par pour sur sous dans avec sans chez
        entre vers contre depuis pendant selon après avant est sont était étaient été être ont avait
        avaient aura auront sera seront serait seraient fut furent soit soient fait font va vont doit
        doivent devrait devraient peut peuvent pourrait pourraient comme si aussi encore déjà environ
        près seulement tout tous toute toutes autre autres même mêmes ici là alors puis ainsi très trop
        bien peu beaucoup enfin cependant hors parmi voire dès lors afin chacun chacune certains
        certaines plusieurs lequel laquelle lesquels quand jusqu jusque lorsqu puisqu m t me te lui eux
        sauf outre via etc derniers dernières dernier dernière prochains prochaines premiers premières
        contre fin début mi selon respectivement chacun seuls seules quelque quelques"""
    ),
    "en": words(
        """a an the of to in on at by for from with and or but nor as is are was were be been being has
        have had having will would shall should can could may might must do does did that this these
        those which who whom whose what it its they them their he him his she her we us our you your i
        me my per than more less fewer most least after before since until till into onto over under
        about up down out off against between through during without within among amid not no so if
        when where while whereas also still only just even each every all both some any other such
        same own too very there here then ago later earlier last next first percent cent plus minus
        versus vs via etc yet already again long high wide deep tall away old thick apart ahead behind
        overall alone together instead though although because unless whether said say says told
        apiece respectively including around nearly almost roughly approximately"""
    ),
}
# Spelled numbers also need a real counted noun: `trois quarts`, `deux fois` are idioms.
NOT_COUNTED_AFTER_WORDS = words("fois times quarts tiers moitié half halves thirds quarters reprises")

MONTHS = words(
    """janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
    décembre decembre janv févr fév sept oct nov déc january february march april june july august
    september october november december jan feb mar apr jun jul aug sep"""
)

# A day number after a weekday is the date's (`mardi 14`, `Friday 26`), never a quantity.
WEEKDAYS = words(
    "lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday"
)
# A four-digit year after these is a date, never a quantity (`en 2021 people`, `depuis 2015`).
YEAR_CONTEXT = (
    words(
        """en depuis fin début mi dès avant après jusqu'en ici d'ici an l'an année années de d' à au entre
    et ou vers pour horizon courant l'horizon printemps été automne hiver in since by until before after
    during of to and or between early late mid around from the year years fiscal summer winter spring
    autumn fall"""
    )
    | MONTHS
)

# A number right after these is a reference, not a quantity (`article 49`, `page 12`, `n° 3`).
REFERENCE_WORDS = words(
    """article articles art alinéa chapitre chapter section page pages p n° no nos numéro numéros
    number paragraphe paragraph amendement amendment résolution resolution tome volume vol ligne
    line route flight saison season épisode episode round level niveau figure fig annexe annex rue
    avenue boulevard bd street st room salle porte gate platform quai bus tram version v phase étape
    stage acte act titre title décret decree code lot item point points dossier case affaire cas
    groupe group catégorie category classe class division série series option scénario scenario
    tableau table graphique chart"""
)

# The counted noun after an English number is often one adjective and the noun: `58,000 confirmed
# infections`, `500 American troops`.
EN_ADJECTIVES = words(
    """new more additional extra other young small large big full-time part-time local foreign armed
    former fresh major senior junior top key main total active unemployed registered confirmed
    displaced civilian military private public skilled unskilled permanent temporary direct indirect
    elderly adult underage"""
)
# Plural nouns without an s: after them the next word is a verb, not the rest of a compound
# (`500 people live`), while a singular noun starts one (`27 treatment works`).
EN_PLURALS_WITHOUT_S = words("people children men women staff cattle personnel clergy")
