"""Which language an article is written in: French or English, nothing else.

lingua is built for these two languages only (loading every language costs
~900 MB), once, on first use, and imported there so that commands which never
detect a language do not pay for it.
"""

from __future__ import annotations

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
