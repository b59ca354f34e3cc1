"""Word tables for the date extractor: months, weekdays, number words, tense cues.

Everything here is plain data plus the regular expressions built from it, so
the date extractor (`dates/`) can stay about finding and resolving date
phrases. The patterns run on the folded, lower-cased copy of a sentence (plain
apostrophes and spaces, same length as the original), without re.IGNORECASE.
"""

from __future__ import annotations

import re

from claimcheck.extract.regex import alternation

# Month names as written in articles, lower-cased, with the abbreviations a
# newsroom uses. French accents are optional because plain-ASCII copies exist.
MONTHS_FR: dict[str, int] = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
MONTH_ABBR_FR: dict[str, int] = {
    "janv": 1,
    "févr": 2,
    "fevr": 2,
    "fév": 2,
    "fev": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "déc": 12,
    "dec": 12,
}
MONTHS_EN: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBR_EN: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Monday is 0, as in `date.weekday()`.
WEEKDAYS_FR: dict[str, int] = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
WEEKDAYS_EN: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

NUMBERS_FR: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
}
NUMBERS_EN: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def number_pattern(table: dict[str, int]) -> str:
    """Digits or a spelled number (`six`, `dix-huit`, `vingt et un`, `twenty-five`)."""
    words = alternation(table)
    return rf"(?:\d{{1,3}}|(?:{words})(?:(?:-et-|\s+et\s+|-|\s+)(?:{words}))?)\b"


_NUMBER_JOINS = re.compile(r"-et-|\s+et\s+|-|\s+")


def spelled_number(words: str, table: dict[str, int]) -> int | None:
    """`dix-huit` → 18, `vingt et un` → 21, `twenty-five` → 25, `6` → 6; None when unsure."""
    if words.isdigit():
        return int(words)
    total = 0
    for part in _NUMBER_JOINS.split(words.lower()):
        value = table.get(part)
        if value is None:
            return None
        # `dix-huit` adds, `cent` multiplies only when something precedes it.
        total = total * value if value == 100 and total else total + value
    return total or None


# Words that may follow a year but never a count: `pour 2025 et 2026`, `for 2025 is`.
FR_AFTER_YEAR = _words(
    """et ou mais à au aux en de du des le la les un une contre puis qui que dont dans sur par avec est sont a
    ont sera seront était reste"""
)
EN_AFTER_YEAR = _words(
    """and or but to the a an in on at by with of is are was were will would has had have shows showed
    show rose fell than versus vs against compared"""
)


# Tense and time markers, by the direction they give a date without a year.
# Compound forms come first so that `should be finished` is one forward cue,
# not a forward `should` and a backward `finished`.
_FR_FUTURE_STEMS = r"au|sau|pour|ver|cour|mour|enver|i"
# Imperfects of -irer verbs look like conditionals of -ir verbs (`retirait` / `finirait`).
FR_NOT_FUTURE = _words(
    """tirait tiraient retirait retiraient attirait attiraient admirait admiraient inspirait inspiraient
    aspirait aspiraient désirait désiraient expirait expiraient soupirait soupiraient empirait empiraient
    virait viraient chavirait chaviraient délirait transpirait conspirait environs mirait miraient minerai
    ouvrait ouvraient couvrait couvraient découvrait découvraient livrait livraient délivrait délivraient
    œuvrait œuvraient navrait recouvrait"""
)
FR_FUTURE = re.compile(
    rf"\b(?:[a-zéèêàâîôûç]+(?:e|i|[nur]d|tt|ît|oi|v)|{_FR_FUTURE_STEMS})"
    r"r(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)\b"
)
_FR_AUX = r"(?:a|ont|ai|as|avons|avez|avait|avaient|avions|aviez|eut|eurent)"
_FR_ETRE = r"(?:est|sont|était|étaient|fut|furent)"
_FR_PARTICIPLE = r"[a-zéèêàâîôûç]+(?:é|ée|és|ées|i|ie|is|it|u|ue|us|ert|erte|eint|aint|ort)\b"
_FR_ADVERBS = (
    r"(?:(?:déjà|également|aussi|pas|jamais|encore|bien|finalement|enfin|récemment|ensuite|alors|notamment)\s+)*"
)
# A request, order or advice in the past governing an infinitive: `a demandé aux habitants de
# partir`, `ont été invités à quitter`, `were advised to travel`, `told residents not to drive`.
# A date after it belongs to the infinitive's action, which comes after the (recent) request
# but may already be over: neither direction is safe, so it takes the nearest occurrence.
# Verbs that report what happened (`were forced to close`, `a été autorisé à rentrer`) are
# left out: their infinitive is an event of the past like any other.
# The words between may not be a time preposition, which would start the request's own date
# (`was asked on Monday to resign`: Monday is when he was asked).
_FR_DIRECTIVE = (
    r"\b(?:(?:a|ont|avait|avaient|a\s+été|ont\s+été|avait\s+été|avaient\s+été|est|sont|était|étaient|été)\s+)?"
    r"(?:demandé|conseillé|recommandé|ordonné|enjoint|intimé|prié|sommé|invité|appelé|exhorté|incité|"
    r"encouragé|convié|mis\s+en\s+demeure)(?:e|s|es)?\s+"
    r"(?:(?!(?:le|en|depuis|dès|avant|après|jusqu)\b)[a-zéèêàâîôûçœ'-]+\s+){0,4}?"
    r"(?:de\s+|d'|à\s+)(?:ne\s+pas\s+)?[a-zéèêàâîôûç]+(?:er|ir|re|oir)\b"
)
_EN_DIRECTIVE = (
    r"\b(?:(?:was|were|is|are|been|being|has\s+been|have\s+been|had\s+been)\s+)?"
    r"(?:advised|asked|told|ordered|urged|invited|instructed|encouraged|requested|required|called\s+on|"
    r"directed|summoned|pressed|begged)\s+"
    r"(?:(?!(?:on|in|at|by|last|this|next|before|after|until|since)\b)[a-z'-]+\s+){0,3}?"
    r"to\s+(?!be\b|have\b)[a-z]+\b"
)

# Cue patterns run on the lower-cased sentence; no re.IGNORECASE, which is slow.
FR_CUES = re.compile(
    rf"(?P<nearest0>{_FR_DIRECTIVE})|"
    # Passive or projected: `est prévu`, `sont attendus`, `doit`, `va + infinitive`.
    r"(?P<ahead0>\b(?:est|sont|était|étaient|sera|seront)\s+(?:prévue?s?|attendue?s?|programmée?s?|"
    r"censée?s?|appelée?s?\s+à|fixée?s?|planifiée?s?)\b"
    r"|\b(?:doit|doivent|devait|devaient|devrait|devraient|va|vont|allait|allaient|"
    r"prévoit|prévoient|envisage|envisagent|projette|projettent|s'apprête|s'apprêtent)"
    r"\s+(?:(?:[a-zéèêàâîôûç']+\s+){0,2})?[a-zéèêàâîôûç]+(?:er|ir|re|oir)\b"
    r"|\bd'ici\b|\bau\s+plus\s+tard\b|\bà\s+venir\b|\bprochaine?s?\b|\bdès\s+que\b"
    r"|\b(?:espère|espèrent|s'attend|s'attendent|table|tablent|promet|promettent|prévoit|prévoient)\b"
    r"|\b(?:prévue?s?|programmée?s?|attendue?s?|planifiée?s?|envisagée?s?)\b)"
    # Compound pasts: `a annoncé`, `ont-ils annoncé`, `s'est retiré`, `avait suspendu`.
    rf"|(?P<back0>\b(?:{_FR_AUX}(?:-t)?-(?:il|elle|on|ils|elles)|{_FR_AUX}|s'{_FR_ETRE}|se\s+{_FR_ETRE})"
    rf"\s+{_FR_ADVERBS}(?:été\s+)?{_FR_PARTICIPLE}"
    # `est arrivé`, `sont partis`: the verbs that take être in compound tenses.
    rf"|\b{_FR_ETRE}\s+{_FR_ADVERBS}(?:arrivée?s?|partie?s?|venue?s?|entrée?s?|sortie?s?|née?s?|morte?s?|"
    r"devenue?s?|revenue?s?|tombée?s?|restée?s?|allée?s?|passée?s?|retournée?s?|décédée?s?|intervenue?s?|"
    r"survenue?s?)\b"
    r"|\bil\s+y\s+a\b|\bdepuis\b|\bdernière?s?\b|\bpassée?s?\b|\bdéjà\b|\bavait\b|\bavaient\b|\bétait\b|\bétaient\b)"
    # Simple forms: future or conditional endings, then imperfect and simple past endings.
    r"|(?P<ahead1>" + FR_FUTURE.pattern + r")"
    r"|(?P<back1>\b[a-zéèêàâîôûç]+(?:ait|aient|èrent)\b)"
)
# `a lieu` is a present tense that looks like a compound past.
FR_NOT_PARTICIPLE = _words("lieu peu feu jeu pieu milieu")
# Nouns and adjectives that end like an imperfect.
FR_NOT_PAST = _words(
    """fait trait portrait retrait souhait attrait extrait bienfait forfait méfait parfait abstrait
    distrait satisfait lait plait plaît"""
)

EN_CUES = re.compile(
    rf"(?P<nearest0>{_EN_DIRECTIVE})|"
    r"(?P<ahead0>\b(?:will|shall|would|should|might|won't|wouldn't|shouldn't|'ll)\s+(?:not\s+)?"
    r"(?:(?:be|have|have\s+been)\s+)?[a-z]+\b"
    r"|\b(?:must|needs?\s+to|has\s+to|have\s+to)\s+(?:not\s+|still\s+|first\s+)?be\s+[a-z]+\b"
    r"|\b(?:is|are|am|was|were|'s|'re)\s+(?:(?:not|also|now|still|currently|widely)\s+)?"
    r"(?:due|expected|set|scheduled|slated|poised|planned|going|likely|about|projected|forecast|to)\b"
    r"|\b(?:plans?|planning|intends?|aims?|hopes?|prepares?|wants?)\s+to\b"
    r"|\b(?:expects?|forecasts?|predicts?|anticipates?|foresees?|envisages?|promises?|pledges?|vows?)\b"
    r"|\b(?:will|shall|would|should|might|may|'ll)\b"
    r"|\b(?:upcoming|forthcoming|coming|next|deadline|scheduled|slated|planned|expected|proposed|"
    r"projected|anticipated)\b)"
    r"|(?P<back0>\b(?:has|have|'ve|had)\s+(?:(?:not|already|also|just|recently|never|since|now|long|"
    r"still|been)\s+)*[a-z]+(?:ed|en|wn|ne|un|ght|lt|pt|id|ck|ft|eft|ld|ng|de)\b"
    r"|\b(?:had|was|were|did|didn't|wasn't|weren't|hadn't)\b"
    r"|\b(?:ago|last|earlier|previously|formerly|since|recently)\b)"
    r"|(?P<back1>\b(?:said|told|rose|fell|came|went|took|gave|made|met|left|began|became|won|lost|saw|"
    r"sent|paid|sold|bought|brought|thought|found|held|kept|led|grew|knew|threw|built|spent|struck|"
    r"stood|ran|wrote|spoke|broke|chose|drove|flew|fought|hung|meant|shot|sought|taught|understood|"
    r"withdrew|overtook|undertook|arose|got|heard|felt|sank|swore|tore|wore|woke|ate|drank|rang|sang|"
    r"swam|forgot|forgave|froze|hid|slid|sprang|stole|strove|bore|fled|quit|shut|rebuilt|[a-z]+ed)\b)"
)


def _at_word_starts(cues: re.Pattern[str]) -> re.Pattern[str]:
    """The same cues, tried only where a word starts.

    Every cue opens with `\\b` and a lower-case letter or an apostrophe (`'ll`).
    Saying so up front lets the engine dismiss the other positions in one test
    instead of trying each alternative there: reading a clause's tense is twice
    as fast, with the same matches.
    """
    return re.compile(rf"\b(?=[a-zà-ÿœ'])(?:{cues.pattern})")


FR_CUES = _at_word_starts(FR_CUES)
EN_CUES = _at_word_starts(EN_CUES)

# Words ending in -ed that are not past tenses (or are adjectives far more often).
EN_NOT_PAST = _words(
    """need needs indeed speed seed feed exceed proceed succeed breed greed weed deed heed reed steed tweed
    bleed creed bed red shed hundred bred embed sacred naked wicked rugged beloved skilled aged ragged
    wretched crooked jagged"""
)

# Speech verbs: a short clause holding one (`, officials said.`) tells the tense
# of the telling, not of the date in the main clause.
SPEECH = re.compile(
    r"\b(?:said|says|told|tells|added|adds|announced|stated|according|reported|noted|explained|wrote|"
    r"insisted|warned|déclaré|annoncé|dit|indiqué|précisé|ajouté|affirmé|expliqué|souligné|estimé|"
    r"selon|d'après|lire|rapporte|rapporté)\b"
)
