"""Which language an article is written in: French or English, nothing else.

lingua is built for these two languages only (loading every language costs
~900 MB), once, on first use, and imported there so that commands which never
detect a language do not pay for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Detection is as good on the first few thousand characters as on the whole article.
_SAMPLE = 5000


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH).build()


def detect_language(text: str) -> str:
    """ "fr" or "en" for `text`; English when there is nothing to go on."""
    from lingua import Language

    sample = text[:_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return "en"
    return "fr" if _detector().detect_language_of(sample) == Language.FRENCH else "en"


# ---- neither French nor English ------------------------------------------------------------

# The commonest function words of the Latin-script languages a French or English desk meets most. A page's
# share of each list tells them apart cheaply (lingua for every language costs ~900 MB); English and
# French pages score 25–45 % on their own list and far less on the others.
_FUNCTION_WORDS = {
    "fr": "le la les de des du et un une est que qui dans pour pas sur au aux par avec ce il elle ont sont été "
    "mais ou où sa son ses leur nous vous ne plus cette se",
    "en": "the of and to in is that for it on was with as by at from are be this have has had not or an were "
    "which their they its but been will would",
    "de": "der die und das den des dem ist nicht sich mit ein eine auf für von zu im auch als wird bei wurde "
    "oder nach aus einer sind hat dass noch über",
    "es": "el la los las de del y que en un una es por con para se no al lo su sus como más pero ha fue ya "
    "este esta son entre según hasta desde cuando donde también muy hay han está están tras aunque ellos "
    "millones año años",
    "pt": "o a os as de do da dos das e que em um uma é por com para se não no na nos nas ao mais como foi "
    "seu sua pelo pela são",
    "it": "il lo la gli le di del della che e un una è per con non si nel nella al alla dei delle sono anche "
    "come ha più questo",
    "nl": "de het een en van in is dat op te voor met zijn niet aan er ook als door bij werd maar om naar "
    "worden heeft nog wordt",
}
_ALL_WORDS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
# Each language is counted on the words only it has: French "de", "la", "que" are Spanish and Portuguese too.
_WORD_SETS = {
    lang: words - frozenset().union(*(other for o, other in _ALL_WORDS.items() if o != lang))
    for lang, words in _ALL_WORDS.items()
}
_WORD = re.compile(r"[^\W\d_]+")
_NAMES = {
    "fr": "French",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ru": "Cyrillic script (Russian, Ukrainian…)",
    "ar": "Arabic script",
    "el": "Greek",
    "he": "Hebrew",
    "zh": "Chinese or Japanese script",
    "ko": "Korean",
}
# Too few words to say it is not French or English: then French or English it is.
_MIN_WORDS = 12


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


def identify_language(text: str) -> str:
    """The language of `text`: "fr" or "en" (as `detect_language`), or the code of another one it is clearly in.

    Other languages are told by their script first (Cyrillic, Arabic, Greek, Hebrew, CJK, Hangul), then, for
    the Latin script, by their function words. Short or mixed texts are read as French or English.
    """
    sample = text[:_SAMPLE]
    script = _script(sample)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) >= _MIN_WORDS:
        shares = {lang: sum(w in wset for w in words) / len(words) for lang, wset in _WORD_SETS.items()}
        best = max(shares, key=lambda lang: shares[lang])
        ours = max(shares["fr"], shares["en"])
        # Only a clear lead counts: a French article quoting a Spanish name stays French.
        if best not in ("fr", "en") and shares[best] >= 0.08 and shares[best] > 2 * ours:
            return best
    return detect_language(text)


_SCRIPTS = (
    ("ru", 0x0400, 0x052F),
    ("el", 0x0370, 0x03FF),
    ("he", 0x0590, 0x05FF),
    ("ar", 0x0600, 0x06FF),
    ("zh", 0x3040, 0x30FF),
    ("zh", 0x4E00, 0x9FFF),
    ("ko", 0xAC00, 0xD7AF),
)


def _script(sample: str) -> str | None:
    """The non-Latin script most letters of `sample` are in, when most of them are."""
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        code = ord(ch)
        for name, low, high in _SCRIPTS:
            if low <= code <= high:
                counts[name] = counts.get(name, 0) + 1
                break
    if not counts:
        return None
    name = max(counts, key=lambda n: counts[n])
    return name if counts[name] > len(letters) / 2 else None
