"""Word tables for numeric claims: number words, the words around a number, and the patterns built from them.

The candidate patterns find where a number may start (digits, or a number
word such as `deux`, `twenty`, `une centaine`); the bound tables read the
words before a number (`plus de`, `at least`, `entre`) and after it (`environ`,
`or more`); the rest are the small patterns the sentence reader checks around
a number (a day of the month, a time, a phone number, a money owner).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from claimcheck.extract import units as u
from claimcheck.extract.regex import alternation
from claimcheck.models import Bound

# --- numbers ------------------------------------------------------------------

# French groups thousands with spaces (U+00A0 and U+202F are folded to ' ') or dots and
# writes decimals with a comma, so a French `49.3` is a reference, not a number; English groups
# with commas (or no-break spaces) and uses a point.
_DIGITS = {
    "fr": re.compile(
        r"(?:[0-9]{1,3}(?: [0-9]{3}){1,6}|[0-9]{1,3}(?:\.[0-9]{3}){1,6})(?![0-9])(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"
    ),
    "en": re.compile(
        r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,6}|[0-9]{1,3}(?: [0-9]{3}){1,6})(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
    ),
}
_FR_DOT_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_PLAIN_EN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Groups are capped at six (10^21): a longer chain is an identifier, skipped whole in one step so
# that a page of digit groups stays linear.
_DIGIT_CHAIN = re.compile(r"[0-9]+(?:[ .,][0-9]+)*")

_NUMBER_WORDS = {
    "fr": """un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize
        vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent cents mille
        million millions milliard milliards""",
    "en": """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
        sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
        thousand million billion trillion""",
}
_NUMBER_WORD_SETS = {lang: frozenset(words.split()) for lang, words in _NUMBER_WORDS.items()}
# A spelled number cannot start with a bare scale word: `des millions de`, `hundreds of` are vague.
_SCALE_FIRST = frozenset({"hundred", "thousand", "million", "millions", "billion", "trillion", "milliard", "milliards"})
_SPELLED_SCALES = frozenset({"million", "millions", "milliard", "milliards"})
_ALONE_IS_ARTICLE = frozenset({"un", "une", "one"})
_APPROX_WORDS = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "millier": 1000,
    "dozen": 12,
}


def _word_alternation(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


def _compile_candidates() -> dict[str, tuple[re.Pattern[str], ...]]:
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    approx = "|".join(_APPROX_WORDS)
    for lang, connector in (("fr", "et"), ("en", "and")):
        w = _word_alternation(_NUMBER_WORDS[lang])
        a_scale = r"an?\s+(?=(?:hundred|thousand|million|billion|dozen)\b)" if lang == "en" else "(?!)"
        # At most twelve words: `deux millions cinq cent mille quatre-vingt-dix-neuf` is eleven, and
        # a cap keeps `deux deux deux…` linear.
        spelled = re.compile(
            rf"(?i:(?:{a_scale})?(?:{w})(?:(?:\s+|-)(?:{connector}(?:\s+|-))?(?:{w})){{0,11}})(?![\w-])"
        )
        approx_re = re.compile(rf"(?i:(?:une?|a)\s+(?P<ax>{approx}))(?![\w-])")
        # Scanning is the hot loop: it runs on the lower-cased sentence, case-sensitively, with
        # no look-behind, because `re.IGNORECASE` alternations are five times slower.
        words = _NUMBER_WORDS[lang].split() + (["dozen"] if lang == "en" else [])
        candidate = re.compile(rf"{alternation(words)}\b")
        # `un`, `une` and `one` are candidates on every line; only a number word after them counts.
        after_article = re.compile(
            rf"(?:\s+|-)(?:{connector}(?:\s+|-))?(?:{alternation(words + list(_APPROX_WORDS))})\b"
        )
        out[lang] = (candidate, spelled, approx_re, after_article)
    return out


_CANDIDATES = _compile_candidates()


@functools.lru_cache(maxsize=4096)
def _text2num(words: str, lang: str) -> int | None:
    """text2num on candidate words only; it raises ValueError on anything that is not one number."""
    from text_to_num import text2num

    try:
        return int(text2num(words, lang))
    except Exception:  # a library boundary: any failure just means "not a number"
        return None


# --- the words around a number --------------------------------------------------

# Each alternative ends with what separates it from the number, so `plus d'un million` works.
_DE = r"d(?:e\s+|')"
_BOUND_PHRASES = {
    "fr": {
        Bound.at_most: [
            r"pas\s+plus\s+" + _DE,
            r"tout\s+au\s+plus\s+",
            r"jusqu'(?:à|a)\s+",
            r"au\s+maximum\s+",
            r"au\s+plus\s+",
            r"maximum\s+",
        ],
        Bound.at_least: [r"pas\s+moins\s+" + _DE, r"au\s+moins\s+", r"au\s+minimum\s+", r"minimum\s+"],
        Bound.more_than: [
            r"(?:un\s+peu\s+|bien\s+|largement\s+)?plus\s+" + _DE,
            r"au-del(?:à|a)\s+" + _DE,
            r"sup[ée]rieure?s?\s+(?:à|a)\s+",
        ],
        Bound.less_than: [
            r"(?:un\s+peu\s+)?moins\s+" + _DE,
            r"inf[ée]rieure?s?\s+(?:à|a)\s+",
            r"en(?:\s+|-)dessous\s+" + _DE,
            r"sous\s+la\s+barre\s+des?\s+",
        ],
        Bound.about: [
            r"environ\s+",
            r"pr[èe]s\s+" + _DE,
            r"quelques?\s+",
            r"autour\s+" + _DE,
            r"aux\s+alentours\s+" + _DE,
            r"approximativement\s+",
            r"(?:à|a)\s+peu\s+pr[èe]s\s+",
            r"presque\s+",
            r"quasiment\s+",
            r"pratiquement\s+",
            r"grosso\s+modo\s+",
            r"de\s+l'ordre\s+" + _DE,
            r"dans\s+les\s+",
        ],
        "between": [r"entre\s+"],
        "from": [_DE],
    },
    "en": {
        Bound.at_most: [
            r"no\s+more\s+than\s+",
            r"not\s+more\s+than\s+",
            r"up\s+to\s+",
            r"at\s+most\s+",
            r"a\s+maximum\s+of\s+",
            r"as\s+(?:many|much)\s+as\s+",
            r"maximum\s+of\s+",
        ],
        Bound.at_least: [
            r"no\s+(?:less|fewer)\s+than\s+",
            r"not\s+(?:less|fewer)\s+than\s+",
            r"at\s+least\s+",
            r"a\s+minimum\s+of\s+",
            r"minimum\s+of\s+",
        ],
        Bound.more_than: [
            r"(?:just\s+|well\s+)?(?:more|greater|higher)\s+than\s+",
            r"(?:just\s+|well\s+)?over\s+",
            r"upwards\s+of\s+",
            r"in\s+excess\s+of\s+",
            r"above\s+",
            r"north\s+of\s+",
        ],
        Bound.less_than: [
            r"(?:less|fewer|lower)\s+than\s+",
            r"(?:just\s+)?under\s+",
            r"below\s+",
            r"just\s+shy\s+of\s+",
        ],
        Bound.about: [
            r"about\s+",
            r"around\s+",
            r"roughly\s+",
            r"approximately\s+",
            r"approx\.\s*",
            r"nearly\s+",
            r"almost\s+",
            r"some\s+",
            r"an\s+estimated\s+",
            r"close\s+to\s+",
            r"circa\s+",
            r"estimated\s+",
        ],
        "between": [r"between\s+"],
        "from": [r"from\s+"],
    },
}


def _compile_bounds() -> dict[str, tuple[re.Pattern[str], dict[str, Bound | str]]]:
    out = {}
    for lang, table in _BOUND_PHRASES.items():
        names: dict[str, Bound | str] = {}
        parts = []
        for i, (bound, phrases) in enumerate(table.items()):
            names[f"b{i}"] = bound
            parts.append(f"(?P<b{i}>{'|'.join(phrases)})")
        # `(?<!\w)` keeps `d'environ` (after an apostrophe) but not `xenviron`.
        # Matched on the lower-cased sentence. `(?<!\w)` keeps `d'environ` but not `xenviron`.
        out[lang] = (re.compile(rf"(?<!\w)(?:{'|'.join(parts)})\Z"), names)
    return out


_BOUNDS = _compile_bounds()
# The last word of every phrase above: a bound is searched for only after one of them.
_BOUND_LAST_WORDS = u.words(
    """maximum plus de d à a moins minimum environ quelque quelques approximativement presque quasiment
    pratiquement modo les des entre près than to most of as least over above under below about around
    roughly approximately approx nearly almost some estimated circa between from"""
)

_POST_BOUNDS = {
    # `et plus` ends the phrase: in `58 morts et plus de 200 blessés` it opens the next one.
    "fr": [
        (r"environ", Bound.about),
        (r"(?:ou|et)\s+plus(?!\s+(?:de|d'|que))", Bound.at_least),
        (r"au\s+moins", Bound.at_least),
        # `au plus tard`, `au plus vite` bound the date or the pace, not the number.
        (r"(?:tout\s+)?au\s+plus(?!\s+(?:tard|t[ôo]t|vite))", Bound.at_most),
        (r"au\s+maximum", Bound.at_most),
        (r"ou\s+davantage", Bound.at_least),
    ],
    "en": [
        (r"or\s+so", Bound.about),
        (r"(?:or|and)\s+more(?!\s+than)", Bound.at_least),
        (r"or\s+above", Bound.at_least),
        (r"at\s+least", Bound.at_least),
        (r"at\s+most", Bound.at_most),
        (r"or\s+fewer", Bound.at_most),
        (r"or\s+less", Bound.at_most),
    ],
}
_POST_BOUND_RES = {
    lang: (
        re.compile("(?:" + "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(table)) + r")(?![\w'])"),
        {f"p{i}": b for i, (_, b) in enumerate(table)},
    )
    for lang, table in _POST_BOUNDS.items()
}

# Verbs of change: after them `de 10 à 20 %` is a before and an after, not a range.
_CHANGE_VERB = re.compile(
    r"(?i:(?<!\w)(?:pass|augment|baiss|chut|grimp|recul|progress|ramen|réduit|rédui|port|relev|abaiss|"
    r"diminu|mont|descend|bondi|plong|gonfl|fond|rose|fell|ris|increas|decreas|grew|grow|drop|jump|climb|"
    r"cut|rais|lower|went|gone|soar|plung|slid|slump|doubl|tripl|fall|declin|expand|shrank|shrink)\w*"
    r"(?:\s+\w+)?\s*\Z)"
)
_RANGE_JOIN = re.compile(r"(?i:\s*[-–—]\s*|\s+(?:à|a|to|et|and|ou|or)\s+)")

_GAP = re.compile(r"\s+")
# A fraction after a whole number: `10 1/2`, `3½`.
_FRACTION = re.compile(r"(?: (?P<top>[1-9])/(?P<bottom>[2348])| ?(?P<sign>[½¼¾]))(?![0-9/])")
_VULGAR = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
# After a glued `3m`, words that make it metres even where millions were just counted.
_LENGTH_AFTER = re.compile(r"[\s-]*(?:high|long|tall|deep|wide|away|above|below|across|in\s+diameter)\b")
# `le journal de 20 heures`: the hour of a newscast, not a duration (on the lower-cased sentence).
_NEWSCAST_BEFORE = re.compile(r"(?:journal|édition|flash|rendez-vous)\s+de\s+\Z")
# Words of a sentence about the weather, where a glued `98F` is a temperature whatever follows it.
_WEATHER = re.compile(
    r"\b(?:temperatures?|degrees?|heat|heatwave|hot|hottest|cold|coldest|warm|warmest|high|low|record|"
    r"forecast|thermometer|celsius|fahrenheit|weather)\b"
)
# After an amount of money, what it is counted per (on the lower-cased sentence): a time word or a unit.
_PER = {
    "en": re.compile(r"\s*(?:\s(?:a|an|per)\s+|/\s*)(?P<per>[\w²³/]+)(?![\w'])"),
    "fr": re.compile(r"\s*(?:\s(?:par|(?P<the>l'|le|la))\s*|/\s*)(?P<per>[\w²³/]+)(?![\w'])"),
}
_PER_TIME = {
    "year": "year",
    "yr": "year",
    "annum": "year",
    "an": "year",
    "année": "year",
    "month": "month",
    "mois": "month",
    "week": "week",
    "semaine": "week",
    "day": "day",
    "jour": "day",
    "hour": "h",
    "heure": "h",
}
# After `05`: minutes or seconds, where a leading zero is how durations are written.
_CLOCK_PART = re.compile(r"\s*(?:minutes?|min|secondes?|seconds?|s)(?![\w'])")
# Between the parts of one duration: `6 heures et 40 minutes`, `2 h 05 min`, `1 hour, 20 minutes`.
_DURATION_JOIN = re.compile(r"\s*(?:,\s*|\s(?:et|and)\s+|\s)\s*")
# Before `up to` these make it a move (`go up to £2.20`, `moved up to third`), not a ceiling.
_UP_TO_VERBS = u.words("go goes going gone went move moves moved moving step steps stepped push pushed pushes")
# After a scale word: `3 millions et demi`, `2 million and a half` (on the lower-cased sentence).
_AND_A_HALF = {"fr": re.compile(r"\s+et\s+demie?(?![\w'])"), "en": re.compile(r"\s+and\s+a\s+half(?![\w'])")}
_DIGIT_RUN = re.compile(r"[0-9]+")
_TOKEN = re.compile(r"[^\s-]+")
_DE_GAP = re.compile(r"\s+(?:de\s+|d')")  # on the lower-cased sentence
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_PREV_WORD_REVERSED = re.compile(r"\s*\.?([\w'-]*[^\W\d_])(?![\w'-])")
_MB = re.compile(r" ?(?P<s>[mb])(?![\w'])")
_FR_ADJECTIVE = re.compile(
    r"(?:aires?|iens?|iennes?|ais|aises?|ains?|aines?|iques?|al|aux|ales?|els?|elles?|ifs?|ives?|eux|euses?|"
    r"istes?|ois|oises?|aires?)\Z"
)
_EN_ADJECTIVE = re.compile(r"(?:ed|ing|al|ic|ian|ese|ive|ous|ful|ary|ish|ern|less|ible|able)\Z")
_SENTENCE_EDGE = re.compile(r"(?:\A|[.!?:«\"(\[—–-])\s*\Z")
_MONTH_RE = "|".join(sorted(u.MONTHS, key=len, reverse=True))
# `15 septembre`, `3 et 4 mai`, `1er février`, `3-5 May`: a day of the month.
_DAY_TAIL = re.compile(
    rf"(?:(?:er|e|st|nd|rd|th)?(?:\s*(?:et|and|au|à|to|ou|or|-|–|,)\s*[0-9]{{1,2}}(?:er)?)*\s*(?:{_MONTH_RE})\.?)"
    r"(?![\w])"
)
_TIME_TAIL = re.compile(r"(?i:\s*h\s*[0-9]{2}(?![0-9])|\s*(?:a\.m\.|p\.m\.|am|pm|o'clock)(?![\w]))")
_TIME_TAIL_FIRST = frozenset("hHaApPo")
_TIME_BEFORE = frozenset({"à", "vers", "dès", "at"})
_PHONE = re.compile(
    r"(?<![0-9])(?:(?:\+[0-9]{1,3}[ .]?(?:\(0\))?[ .]?[0-9]{1,3}|0[0-9])(?:[ .-]?[0-9]{2}){4}"
    r"|(?:\(?[0-9]{3}\)?[ .-])?[0-9]{3}[.-][0-9]{4})(?![0-9])"
)
_DEFINITE = frozenset({"les", "des", "aux", "ces", "the", "these", "those", "both", "all"})
_MONEY_OWNER_BEFORE = {
    "fr": re.compile(
        r"(?i:(?<!\w)(?:un|une|le|la|l'|les|des|ce|cet|cette|son|sa|ses|leur|leurs|notre|nos)\s*)"
        r"([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s+(?i:de\s+|d')\Z"
    ),
    "en": re.compile(r"(?i:(?<!\w)(?:a|an|the)\s+)([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s+(?i:of|worth)\s+\Z"),
}
_PREFIX_CURRENCY = re.compile(u.PREFIX_CURRENCY)
_PREFIX_BEFORE = re.compile(rf"{u.PREFIX_CURRENCY}\Z")
_A_SCALE_BEFORE = re.compile(r"(?<![\w-])(?i:an?)\s+\Z")
_NOTE_CALL = re.compile(r"[0-9]+[)\]]")
_A_BEFORE = re.compile(r"(?i:(?<!\w)(?:a|an|the)\s+)\Z")
