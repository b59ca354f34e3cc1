"""The date extractor's patterns: French and English date phrases, and the `lead` patterns before them.

Each phrase pattern starts with the core of the phrase (a digit, a month name,
a head word such as `année` or `ago`); the optional words before it (`le`,
`on`, `the end of`) are read backwards by a `lead` pattern anchored with `$`.
All of them run on the folded, lower-cased text, without re.IGNORECASE. The
handlers (`handlers.py`, `years.py`) decide what a match means. `_TRIGGERS`
are the cheap patterns that tell which sentences a slow pattern must scan.
"""

from __future__ import annotations

import re

from claimcheck.extract import date_words as w
from claimcheck.extract.regex import alternation

# ---------------------------------------------------------------- patterns

_NOT_AFTER = r"(?![^\W_]|[,.]\d)"  # no letter or digit glued after; `2,021` is a number
_YEAR_ANY = r"(?P<year>[12]\d{3})"
# From 1500: older four-digit numbers are rarely years in the news; before 1900 the handler wants a
# word that makes the number a year (`founded in 1847`).
_YEAR_BARE = r"(?:1[5-9]\d\d|20\d\d|2100)"

_MON_FR_FULL = alternation(w.MONTHS_FR)
_MON_FR_ALL = alternation([*w.MONTHS_FR, *w.MONTH_ABBR_FR])
_WD_FR = alternation(w.WEEKDAYS_FR)
_MON_EN_FULL = alternation(w.MONTHS_EN)
_MON_EN_ALL = alternation([*w.MONTHS_EN, *w.MONTH_ABBR_EN])
_WD_EN = alternation(w.WEEKDAYS_EN)

# French.
_FR_DAY = re.compile(
    rf"(?=[\dp])(?P<day>\d{{1,2}}|1er|premier)\s+(?P<mon>{_MON_FR_ALL})\b\.?(?:\s+{_YEAR_ANY})?{_NOT_AFTER}"
    r"(?:\s+(?P<rel>dernier|prochain)\b)?"
)
_FR_DAY_LEAD = re.compile(rf"(?<![\w-])(?:(?:le|ce)\s+)?(?:(?:{_WD_FR})\s+)?$")
_FR_MONTH_YEAR = re.compile(rf"(?P<mon>{_MON_FR_ALL})\b\.?\s+{_YEAR_ANY}{_NOT_AFTER}")
_FR_MONTH = re.compile(rf"(?P<mon>{_MON_FR_FULL})(?![\w-])(?:\s+(?P<rel>dernier|prochain)\b)?")
_FR_MONTH_LEAD = re.compile(
    r"(?:(?<![\w-])(?:en|courant|début|fin|au\s+mois\s+de|mois\s+de)\s+|(?<![\w-])mi-\s*|(?<![\w-])(?:au\s+)?mois\s+d')$"
)
_FR_WEEKDAY = re.compile(rf"(?P<wd>{_WD_FR})(?![\w-])(?:\s+(?P<rel>dernier|prochain|passé)\b)?")
_FR_WEEKDAY_LEAD = re.compile(r"(?<![\w-])ce\s+$")
_NUM_FR = w.number_pattern(w.NUMBERS_FR)
# Relative phrases are found by their head word (`année`, `hier`), the words
# before it (`l'`, `cette`, `la fin de l'`) read backwards: a plain alternation of
# words is what Python's `re` scans fastest.
_FR_RELATIVE_HEADS = alternation("année an mois semaine avant-hier après-demain hier aujourd'hui demain".split())
_FR_RELATIVE = re.compile(
    rf"(?:{_FR_RELATIVE_HEADS})"
    r"(?:-ci\b|(?![\w-]))"
    r"(?:\s+(?:dernière|dernier|passée|passé|prochaine|prochain)\b)?"
)
_FR_RELATIVE_LEAD = re.compile(
    r"(?<![\w-])(?:(?P<this>cette|cet|ce)\s+|l'|le\s+|la\s+"
    r"|(?P<part>(?:la\s+|le\s+)?(?:fin|début|milieu)\s+(?:de\s+l'|du\s+|de\s+la\s+)))$"
)
_FR_AGO = re.compile(
    rf"il\s+y\s+a\s+(?:(?:près\s+de|plus\s+de|moins\s+de|environ|presque|quelque)\s+)?(?P<ago>{_NUM_FR})\s+"
    r"(?P<ago_unit>ans?|années?|mois|semaines?|jours?)(?![\w-])"
    rf"|dans\s+(?P<in>{_NUM_FR})\s+(?P<in_unit>ans|années|mois|semaines|jours)(?![\w-])"
)
_FR_PART_YEAR = re.compile(
    rf"(?P<part>fin|début|mi|milieu|courant)(?:\s*-\s*|\s+de\s+l'année\s+|\s+de\s+|\s+){_YEAR_ANY}{_NOT_AFTER}"
)
_FR_PART_LEAD = re.compile(r"(?<![\w-])(?:à\s+la|la|au|le)\s+$")
_FR_QUARTER = re.compile(
    r"(?P<ord>premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|quatrième|4e|4ème)\s+"
    rf"(?P<unit>trimestre|semestre)\s+(?:de\s+|d'\s*)?{_YEAR_ANY}{_NOT_AFTER}"
)
_FR_QUARTER_LEAD = re.compile(r"(?<![\w-])(?:le|au)\s+$")
_FR_DECADE = re.compile(r"les\s+années\s+(?P<dec>(?:19|20)?\d0)(?!\w)")

# English. Month and weekday names must be capitalised in the original (checked in the handlers).
_EN_DAY_MONTH = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON_EN_ALL})\b\.?(?:,?\s+{_YEAR_ANY})?{_NOT_AFTER}"
)
_EN_DAY_LEAD = re.compile(rf"(?<![\w-])(?:on\s+)?(?:(?:{_WD_EN}),?\s+)?(?:the\s+)?$")
_EN_MONTH_DAY = re.compile(
    rf"(?P<mon>{_MON_EN_ALL})\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_NOT_AFTER}"
    rf"(?:\s*(?:[-–]|to|and|through)\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?{_NOT_AFTER})?"
    rf"(?:,?\s+{_YEAR_ANY}{_NOT_AFTER})?"
)
_EN_MONTH_DAY_LEAD = re.compile(rf"(?<![\w-])(?:on\s+|between\s+|from\s+)?(?:(?:{_WD_EN}),?\s+)?$")
# The first day of a span written before the second: `du 11 au 22 novembre`, `3-5 March`.
_FIRST_DAY = {
    "fr": re.compile(r"(?<![\w-])(?:(?:du|entre\s+le|les)\s+)?(?P<first>\d{1,2}|1er)\s*(?:au|et(?:\s+le)?|[-–])\s*$"),
    "en": re.compile(
        r"(?<![\w-])(?:(?:from|between)\s+(?:the\s+)?)?(?P<first>\d{1,2})(?:st|nd|rd|th)?\s*"
        r"(?:to|and(?:\s+the)?|through|[-–])\s*$"
    ),
}
_EN_MONTH_YEAR = re.compile(rf"(?P<mon>{_MON_EN_ALL})\b\.?(?:,|\s+of)?\s+{_YEAR_ANY}{_NOT_AFTER}")
_EN_MONTH = re.compile(rf"(?P<mon>{_MON_EN_FULL})(?![\w-])")
_EN_MONTH_LEAD = re.compile(
    r"(?:(?<![\w-])(?:in|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
    r"|last|next|this|this\s+past|this\s+coming)\s+|(?<![\w-])mid-\s*)$"
)
_EN_WEEKDAY = re.compile(rf"(?P<wd>{_WD_EN})(?![\w-])")
_EN_WEEKDAY_LEAD = re.compile(r"(?<![\w-])(?:on|last|next|this|this\s+past|this\s+coming|coming)\s+$")
_NUM_EN = w.number_pattern(w.NUMBERS_EN)
_EN_RELATIVE_HEADS = alternation("year month week yesterday today tomorrow".split())
_EN_RELATIVE = re.compile(rf"(?:{_EN_RELATIVE_HEADS})(?![\w-])")
_EN_RELATIVE_LEAD = re.compile(
    r"(?<![\w-])(?:(?P<mod>last|this\s+past|this|next|this\s+coming|coming)\s+"
    r"|(?P<part>(?:the\s+)?(?:end|start|beginning|middle|close|rest)\s+of\s+(?P<part_mod>the|this|next|last)\s+)"
    r"|(?P<day>the\s+day\s+(?:before|after)\s+))$"
)
# `two years ago`: found by its unit, the number read backwards by _EN_AGO_LEAD.
_EN_AGO = re.compile(r"(?P<ago_unit>years?|months?|weeks?|days?|decades?)\s+ago(?![\w-])")
_EN_AGO_LEAD = re.compile(rf"(?<![\w-])(?P<ago>{_NUM_EN})\s+$")
_EN_PART_YEAR = re.compile(
    rf"(?=[esbmclt])(?:(?P<part>end|start|beginning|middle|close|turn)\s+of\s+|(?P<part2>early|late|mid|end)(?:-\s*|\s+))"
    rf"{_YEAR_ANY}{_NOT_AFTER}"
)
_THE_LEAD = re.compile(r"(?<![\w-])the\s+$")
_EN_QUARTER = re.compile(
    r"(?=[fst1-4qh])(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)\s+of|(?P<q>[qh][1-4]))"
    rf"\s+{_YEAR_ANY}{_NOT_AFTER}"
)
_EN_DECADE = re.compile(r"(?=[\d'])(?P<dec>(?:19|20)\d0|'\d0|\d0)s(?![\w'])")

# Seasons, meteorological (winter is December to February), northern hemisphere.
_FR_SEASON = re.compile(
    r"(?P<season>printemps|été|automne|hiver)(?![\w-])"
    rf"(?:\s+(?P<rel>dernier|prochain|passé)\b|\s+(?:de\s+)?{_YEAR_ANY}{_NOT_AFTER})?"
)
_FR_SEASON_LEAD = re.compile(r"(?<![\w-])(?:(?P<this>cet|ce)\s+|l'|le\s+|au\s+|en\s+|à\s+l')$")
_EN_SEASON = re.compile(
    rf"(?P<season>spring|summer|autumn|fall|winter)(?![\w-])(?:\s+(?:of\s+)?{_YEAR_ANY}{_NOT_AFTER})?"
)
_EN_SEASON_LEAD = re.compile(r"(?<![\w-])(?P<mod>last|this\s+past|this|next|this\s+coming|coming|the)\s+$")

# Both languages.
_ISO = re.compile(r"(?P<year>[12]\d{3})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\w/]|[.-]\d)")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>[12]\d{3})(?![\w/]|[.,]\d)")
_YEAR_RANGE = re.compile(
    rf"(?P<y1>{_YEAR_BARE})\s*(?P<sep>[-–—/]|(?:à|au|to|et|and|through|until|jusqu'en|thru)(?=\s))\s*"
    rf"(?P<y2>{_YEAR_BARE}|\d\d){_NOT_AFTER}(?!\s*%)"
)
_RANGE_LEAD = re.compile(r"(?:(?<![\w-])(?P<lead>entre|between|from|de|du|of)\s+|(?<![\w-])(?P<elided>d')\s*)$")
_YEAR = re.compile(rf"(?P<year>{_YEAR_BARE}){_NOT_AFTER}(?![-–/]\d|\s*%)")
# What may stand right before a bare number for it to be a year (`en 2021`, `by 2030`).
_YEAR_LEAD = {
    "fr": re.compile(
        r"(?<![\w-])(?:en|depuis|d'ici(?:\s+à)?|jusqu'en|dès|avant|après|courant|vers|année|l'année|an|l'an|"
        r"exercice|printemps|été|l'été|automne|l'automne|hiver|l'hiver|saison|budget|millésime|promotion|"
        r"au\s+cours\s+de)\s+$"
    ),
    "en": re.compile(
        r"(?<![\w-])(?:in|since|by|until|till|through|before|after|during|circa|year|fiscal|fy|spring|summer|"
        r"autumn|fall|winter|season|class\s+of|as\s+of|in\s+early|in\s+late)\s+$"
    ),
}
_IN_PARENS = re.compile(r"\(\s*$")
# A year before, joined by `and`, `et`, `ou`, a comma: `in 2007 and 2009`.
_YEAR_LIST_LEAD = re.compile(r"(?<![\w-])[12]\d{3}\s*(?:,|,?\s*(?:et|and|ou|or))\s+$")
# `pour 2025`, `for 2025` are years only when no counted noun follows (`pour 2000 euros`).
_WEAK_YEAR_LEAD = {"fr": re.compile(r"(?<![\w-])(?:pour|à)\s+$"), "en": re.compile(r"(?<![\w-])for\s+$")}
_NEXT_WORD = re.compile(r"\s*(?P<word>[^\W\d_]*)")
# A word after a year that cannot be what the number counts.
_NOT_COUNTED = {"fr": w.FR_AFTER_YEAR, "en": w.EN_AFTER_YEAR}

# Weekdays in names of feasts and shopping days are not dates of the news (matched on the original).
_EN_WEEKDAY_NAMES = re.compile(r"\b(?:Easter|Good|Black|Cyber|Super|Ash|Bloody|Palm|Holy|Maundy|Shrove|Whit)\s+$")
_FR_HABITUAL = re.compile(r"(?<![\w-])(?:le|les|chaque|tous\s+les)\s+$")
_EN_MONTH_BEFORE = re.compile(
    r"(?<![\w-])(?:by|since|until|till|through|from|before|after|during|of|between|and|or|to)\s+$"
)
_PREV_WORD = re.compile(r"(\S+)\s+$")
_DAY_BEFORE = re.compile(r"(?<!\w)\d{1,2}(?:er|st|nd|rd|th)?\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")

# Triggers: a cheap pattern that occurs inside every match of the patterns that name it,
# so those patterns need to run only on the sentences holding one. A scan for a literal
# (`ago`) or a short class (`[12][0-9]{3}`) costs a few milliseconds a megabyte, while
# a pattern that starts with a lookahead or an alternation tries a match at almost every
# position of the article.
_TRIGGERS: dict[str, tuple[re.Pattern[str], ...]] = {
    name: tuple(re.compile(p) for p in patterns)
    for name, patterns in {
        "year": [r"[12]\d{3}"],  # every pattern built on _YEAR_ANY or _YEAR_BARE
        # A month name with a word boundary after it, as in every pattern built on one.
        "month_fr": [rf"(?:{_MON_FR_ALL})\b"],
        "month_en": [rf"(?:{_MON_EN_ALL})\b"],
        "weekday_fr": list(w.WEEKDAYS_FR),
        "weekday_en": ["day"],
        "season_en": ["spring", "summer", "autumn", "fall", "winter"],
        "ago_fr": [r"y\s+a\s", "dans"],
        "ago_en": ["ago"],
        "derni": ["derni"],
        "0s": ["0s"],
        "années": ["années"],
    }.items()
}
