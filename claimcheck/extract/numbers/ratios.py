"""Proportions written as `one in five adults`, `un adulte sur cinq`, `3 out of 10 voters`.

Read as a number they give the wrong figure (5 adults, with the verb after it as
the unit), so they are found first, as a quantity whose amount is the ratio
(0.2) and whose unit is the counted noun, and the numbers inside are not read
again. Only small whole numbers are taken (up to twenty, or digits up to 1000):
`1 sur 1 000` is a ratio too, `5 in 2024` is not, because what follows `in` is
then a year.
"""

from __future__ import annotations

import re
from decimal import Decimal

_SMALL = {
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split(),
    "fr": "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
    "dix-huit dix-neuf vingt".split(),
}
_VALUES = {
    lang: {w: i + 1 for i, w in enumerate(words)} | ({"une": 1} if lang == "fr" else {})
    for lang, words in _SMALL.items()
}
_NUM = {
    lang: "(?:" + "|".join(sorted(_VALUES[lang], key=len, reverse=True)) + r"|[0-9]{1,3}(?:[ ,][0-9]{3})?)"
    for lang in _SMALL
}
# On the lower-cased sentence. English: the noun after (`one in five adults`); French: the noun
# between (`un adulte sur cinq`, `une entreprise française sur trois`).
_RATIO = {
    "en": re.compile(
        rf"(?<![\w-])(?P<a>{_NUM['en']})\s+(?:in|out\s+of)\s+(?P<b>{_NUM['en']})(?![\w-])"
        r"(?P<noun>\s+(?!of\b|in\b|the\b)[a-z][a-z-]+)?"
    ),
    "fr": re.compile(
        rf"(?<![\w-])(?P<a>{_NUM['fr']})\s+(?P<noun>[a-zà-ÿ][\w'-]+(?:\s+[a-zà-ÿ][\w-]+)?)\s+sur\s+"
        rf"(?P<b>{_NUM['fr']})(?![\w-])"
    ),
}


_CUE = {"en": " in ", "fr": " sur "}


def _value(word: str, lang: str) -> int | None:
    if word in _VALUES[lang]:
        return _VALUES[lang][word]
    digits = word.replace(" ", "").replace(",", "")
    return int(digits) if digits.isdigit() else None


def find_ratios(original: str, low: str, lang: str) -> list[tuple[int, int, dict, str]]:
    """(start, end, value, label) of each proportion in the sentence; offsets into it."""
    if _CUE[lang] not in low and not (lang == "en" and " out of " in low):
        return []  # most sentences hold no `in`/`sur` at all: spare the pattern
    out = []
    for m in _RATIO[lang].finditer(low):
        a, b = _value(m.group("a"), lang), _value(m.group("b"), lang)
        if not a or not b or a >= b or b > 1000 or (b >= 1900 and lang == "en"):
            continue
        noun = m.group("noun")
        value: dict = {"amount": float(Decimal(a) / Decimal(b))}
        if noun:
            start_n, end_n = m.span("noun")
            value["unit"] = " ".join(original[start_n:end_n].split())
        value["bound"] = "exact"
        end = m.end("noun") if noun and lang == "en" else m.end()
        label = f"{a} in {b}" if lang == "en" else f"{a} sur {b}"
        out.append((m.start(), end, value, f"{label} {value['unit']}" if noun else label))
    return out
