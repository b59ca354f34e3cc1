"""When two claims state the same thing: their normalized value, their wording, the words around them. Pure.

Two claims state the same thing when they have the same kind, the same
normalized value (amount, unit, currency, bound; a date's start and end; a
quotation's speaker) and similar wording. A label that is only a value
(`750 km`, `~15%`, a date) says nothing about *what* it measures, so for those
the words around the two spans must also share content words: two articles
giving 750 km for different roads are not linked, two saying `plus de 1 000
soldats` are.

Finding such claims in the registry and linking them is workflows/link.py's
job; `lint` reads `content_words` and `value_key` from here without loading
the store.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claimcheck.enums import Kind
from claimcheck.text import fold, norm

if TYPE_CHECKING:
    from claimcheck.models import Claim

# rapidfuzz scores (0..100) on folded, case-folded text.
WORDING_MIN = 80  # label or quote this similar (token_set_ratio): the same wording
# Content words two value-only claims must share in their context (32 characters each side).
CONTEXT_WORDS_MIN = 2

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'")
# Frequent French and English words of four letters or more that say nothing about a topic.
STOPWORDS = frozenset(
    """dans pour avec sans sous vers chez entre depuis pendant avant après selon contre comme
    mais donc alors aussi encore déjà très plus moins tout tous toute toutes cette ceux celle celles
    leur leurs nous vous elle elles sont était étaient sera seront être avoir avait avaient ont-ils
    dont même autre autres quand quel quelle quels quelles ainsi lors afin
    that this these those with from into onto over under about after before than then them they
    their there which while when where were been have has had will would could should also said
    says more most some such only other what does just being because""".split()
)


# Linking an article compares each figure with every earlier claim filed under its key (hundreds for a
# common value such as `33%`): the same labels and quotes come back again and again.
@lru_cache(maxsize=16384)
def content_words(text: str) -> frozenset[str]:
    """The topic words of a text: four letters or more, not a stopword, elisions (`l'`, `d'`) dropped."""
    out = set()
    for raw in _WORD.findall(fold(text).casefold()):
        word = _ELISION.sub("", raw)
        if len(word) >= 4 and word not in STOPWORDS:
            out.add(word)
    return frozenset(out)


@lru_cache(maxsize=16384)
def _norm_text(text: str) -> str:
    return norm(text)


def normalized(text: Any) -> str:
    """`text.norm`, cached: the store files quotations under their speaker normalized this way."""
    return _norm_text(text) if isinstance(text, str) else norm(text)


def _noun(unit: Any) -> str:
    """A counted noun without its plural mark: `soldats` and `soldat` count the same thing."""
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in normalized(unit).split())


def _number(value: Any) -> float | None:
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return None


def value_key(claim: Claim) -> tuple[Any, ...]:
    """What must be equal for two claims of one kind to state the same thing."""
    v = claim.value
    if claim.kind in (Kind.quantity, Kind.money, Kind.percent):
        return (
            _number(v.get("amount")),
            _number(v.get("amount_max")),
            v.get("bound", "exact"),
            _noun(v.get("unit")),
            str(v.get("currency") or ""),
        )
    if claim.kind == Kind.date:
        return (str(v.get("start")), str(v.get("end")))
    if claim.kind == Kind.quote:
        return (normalized(v.get("speaker")),)
    return ()


def _describes_itself(claim: Claim) -> bool:
    """A label with a topic word (`1,000+ soldats`, a quotation) says what it is about; `750 km` does not."""
    return bool(content_words(claim.text)) or claim.kind in (Kind.quote, Kind.statement)


def wording(quote_a: str, label_a: str, quote_b: str, label_b: str) -> float:
    """How alike two claims are worded: their quotes, or their labels when these name something."""
    from rapidfuzz import fuzz

    quotes = fuzz.token_set_ratio(normalized(quote_a), normalized(quote_b))
    if not (content_words(label_a) and content_words(label_b)):
        return quotes  # `2018` and `2018` say nothing of `il y a six ans` against `en 2018`
    return max(quotes, fuzz.token_set_ratio(normalized(label_a), normalized(label_b)))


def same_thing(a: Claim, b: Claim) -> bool:
    """Same kind, same normalized value, similar wording (and shared context for value-only labels)."""
    if (
        a.kind != b.kind
        or value_key(a) != value_key(b)
        or wording(a.span.quote, a.text, b.span.quote, b.text) < WORDING_MIN
    ):
        return False
    if _describes_itself(a) and _describes_itself(b):
        return True
    around_a = content_words(f"{a.span.prefix} {a.span.suffix}")
    around_b = content_words(f"{b.span.prefix} {b.span.suffix}")
    return len(around_a & around_b) >= CONTEXT_WORDS_MIN
