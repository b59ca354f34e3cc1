"""Statements: the check-worthy sentences (or clauses) that hold no atomic claim.

Numbers, dates and quotes are claims of their own; a sentence like `Le trio a
quitté la Cedeao` has none of them and is still a fact someone may check. So
every sentence, or clause of a sentence that asserts two facts, that no
atomic claim touches becomes a `statement` with a check-worthiness score.

The score is a sum of visible signals, clamped to 0..1 (see `score`):

    +0.15  a declarative sentence of at least five words (the base)
    +0.25  a named entity: a capitalised word that does not start the clause
    +0.10  a second, distinct named entity
    +0.20  a digit
    +0.15  a reporting verb (said, a déclaré, selon, according to)
    +0.15  a comparison or superlative (plus que, record, largest, first)
    +0.20  a factual verb: a completed or scheduled event (a quitté, has left, rose, will open)
    -0.30  a question
    -0.15  an opinion or exhortation marker (I think, à mon avis, should, il faut)
    -0.20  fewer than four words

Clauses scoring below THRESHOLD (0.15) are left out. In news prose almost
every sentence says something checkable (`Les syndicats jugent l'effort
insuffisant` scores just the base), so the threshold is set for full
coverage: what falls below is a question, an opinion or exhortation with no
entity, or a fragment of a few words.
"""

from __future__ import annotations

import bisect
import re

from claimcheck.models import ClaimDraft, Kind

THRESHOLD = 0.15
_LABEL_MAX = 80

_WORD = re.compile(r"[^\W_][\w'’-]*")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]*")
_DIGIT = re.compile(r"\d")

# Capitalised words that are not entities even mid-sentence (English weekdays are dates,
# `I` is a pronoun).
_NOT_ENTITY = frozenset({"I", "I'm", "I've", "I'd", "I'll", "OK"})

# The signals are looked up word by word in sets: one pass over the words of a clause,
# rather than a scan of big case-insensitive alternations, which is several times slower.
_REPORTING = frozenset(
    [
        "said",
        "says",
        "told",
        "announced",
        "stated",
        "according",
        "reported",
        "confirmed",
        "declared",
        "claimed",
        "déclaré",
        "annoncé",
        "affirmé",
        "indiqué",
        "précisé",
        "confirmé",
        "selon",
        "d'après",
        "d’après",
        "annonce",
        "affirme",
        "indique",
        "rapporte",
    ]
)
_COMPARATIVE = frozenset(
    [
        "plus",
        "moins",
        "davantage",
        "meilleur",
        "meilleure",
        "pire",
        "premier",
        "première",
        "deuxième",
        "second",
        "seconde",
        "troisième",
        "dernier",
        "dernière",
        "record",
        "principal",
        "principale",
        "majeur",
        "majeure",
        "inédit",
        "jamais",
        "more",
        "less",
        "fewer",
        "most",
        "least",
        "largest",
        "biggest",
        "highest",
        "lowest",
        "best",
        "worst",
        "first",
        "last",
        "main",
        "greatest",
        "smallest",
        "fastest",
        "longest",
        "oldest",
        "newest",
        "only",
        "never",
        "ever",
        "than",
    ]
)
# An auxiliary then (within one word) a participle: `a quitté`, `ont été`, `has left`, `was built`.
_FR_AUXILIARY = frozenset(
    [
        "a",
        "ont",
        "avait",
        "avaient",
        "aura",
        "auront",
        "est",
        "sont",
        "était",
        "étaient",
        "sera",
        "seront",
        "s'est",
        "s’est",
    ]
)
_EN_AUXILIARY = frozenset(["has", "have", "had", "was", "were", "is", "are", "will", "would"])
_FR_PARTICIPLE_END = ("é", "ée", "és", "ées", "i", "ie", "is", "it", "u", "ue", "us", "ert", "erte", "ait", "int")
_EN_PARTICIPLE_END = ("ed", "en", "wn", "ne", "lt", "ft", "ght", "ing")
# Verbs that state a fact without an auxiliary: English irregular pasts, French presents of state.
_EVENT_VERBS = frozenset(
    [
        "rose",
        "fell",
        "grew",
        "won",
        "lost",
        "left",
        "built",
        "began",
        "became",
        "took",
        "made",
        "gave",
        "went",
        "came",
        "met",
        "paid",
        "sold",
        "bought",
        "spent",
        "hit",
        "cut",
        "set",
        "led",
        "held",
        "kept",
        "sent",
        "told",
        "quitte",
        "quittent",
        "compte",
        "comptent",
        "trouve",
        "rapproche",
        "représente",
        "prévoit",
        "coûte",
        "atteint",
        "dépasse",
    ]
)
_OPINION = frozenset(
    ["devrait", "devraient", "should", "hopefully", "malheureusement", "heureusement", "unfortunately", "fortunately"]
)
_OPINION_PAIRS = frozenset(
    {
        ("je", "pense"),
        ("je", "crois"),
        ("à", "mon"),
        ("selon", "moi"),
        ("il", "faut"),
        ("il", "faudrait"),
        ("nous", "devons"),
        ("i", "think"),
        ("i", "believe"),
        ("in", "my"),
        ("ought", "to"),
        ("we", "must"),
    }
)


def _has_event_verb(lower: list[str]) -> bool:
    """A completed or scheduled event: an auxiliary and a participle, a past tense, a state verb."""
    for i, w in enumerate(lower):
        if w in _EVENT_VERBS or (len(w) > 4 and w.endswith("ed")):
            return True
        ends = _FR_PARTICIPLE_END if w in _FR_AUXILIARY else _EN_PARTICIPLE_END if w in _EN_AUXILIARY else None
        if ends and any(len(n) > 2 and n.endswith(ends) for n in lower[i + 1 : i + 3]):
            return True
    return False


# Where one fact ends and another begins: `; `, `, tout en `, and `, et ` / `, and ` / `, mais ` /
# `, but ` followed by a pronoun, a verb (`, et ont lancé`), or a noun phrase that has a verb
# of its own soon after (`, and the city invested`, not `, et des cerises`).
_PRONOUN_OR_VERB = (
    r"(?:il|elle|ils|elles|on|nous|ont|est|sont|avait|avaient|sera|seront|va|vont|doit|doivent|"
    r"he|she|it|they|we|has|have|had|is|are|was|were|will|would|said|says|could|can)\b"
)
_NOUN_PHRASE = (
    r"(?:le|la|les|l'|l’|un|une|des|ce|cette|ces|son|sa|ses|leur|leurs|"
    r"the|a|an|this|that|these|those|his|her|its|their|our)\b|[A-ZÀ-ÖØ-Þ]"
)
_BOUNDARY = re.compile(
    rf";\s+|,\s+(?=tout en\b)|,\s+(?=(?:et|and|mais|but)\s+(?:{_PRONOUN_OR_VERB}|(?P<np>{_NOUN_PHRASE})))"
)
# How far after a noun phrase its verb must show up for the clause to count as a new fact.
_VERB_REACH = 60
_MIN_CLAUSE_WORDS = 3


def score(clause: str) -> float:
    """The check-worthiness of a sentence or clause, 0..1, from the signals in the module doc."""
    words = _WORD.findall(clause)
    first = _first_word_start(clause)
    entities = {m.group() for m in _CAPITALISED.finditer(clause) if m.start() > first and m.group() not in _NOT_ENTITY}
    lower = [w.lower() for w in words]
    total = 0.15 if len(words) >= 5 else 0.0
    if entities:
        total += 0.25 + (0.10 if len(entities) > 1 else 0.0)
    if _DIGIT.search(clause):
        total += 0.2
    if not _REPORTING.isdisjoint(lower):
        total += 0.15
    if not _COMPARATIVE.isdisjoint(lower):
        total += 0.15
    if _has_event_verb(lower):
        total += 0.2
    if clause.rstrip(' »"”’)').endswith("?"):
        total -= 0.3
    if not _OPINION.isdisjoint(lower) or not _OPINION_PAIRS.isdisjoint(zip(lower, lower[1:], strict=False)):
        total -= 0.15
    if len(words) < 4:
        total -= 0.2
    return round(min(1.0, max(0.0, total)), 2)


def find_statements(
    text: str, sentences: list[tuple[int, int]], lang: str, covered: list[tuple[int, int]]
) -> list[ClaimDraft]:
    """A statement for each check-worthy clause that no atomic claim (in `covered`) overlaps."""
    spans = sorted(covered)
    starts = [s for s, _ in spans]
    # The longest covered span bounds how far back an overlapping span can start.
    longest = max((e - s for s, e in spans), default=0)
    drafts = []
    for s_start, s_end in sentences:
        for c_start, c_end in _clauses(text, s_start, s_end):
            if _overlaps(c_start, c_end, spans, starts, longest):
                continue
            clause = text[c_start:c_end]
            value = score(clause)
            if value < THRESHOLD:
                continue
            drafts.append(
                ClaimDraft(
                    kind=Kind.statement, start=c_start, end=c_end, value={"checkworthiness": value}, text=_label(clause)
                )
            )
    return drafts


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence cut at clause boundaries, each part long enough to assert something."""
    parts: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group("np") is not None and not _has_event_verb(
            [w.lower() for w in _WORD.findall(text, m.end(), min(end, m.end() + _VERB_REACH))]
        ):
            continue
        if (
            _word_count(text, pos, m.start()) >= _MIN_CLAUSE_WORDS
            and _word_count(text, m.end(), end) >= _MIN_CLAUSE_WORDS
        ):
            parts.append((pos, m.start()))
            pos = m.end()
    parts.append((pos, end))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in parts) if s < e]


def _overlaps(s: int, e: int, spans: list[tuple[int, int]], starts: list[int], longest: int) -> bool:
    i = bisect.bisect_left(starts, s - longest)
    while i < len(spans) and spans[i][0] < e:
        if spans[i][1] > s:
            return True
        i += 1
    return False


def _first_word_start(clause: str) -> int:
    m = _WORD.search(clause)
    return m.start() if m else 0


def _word_count(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, start, end))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _label(clause: str) -> str:
    clause = " ".join(clause.split())
    return clause if len(clause) <= _LABEL_MAX else clause[: _LABEL_MAX - 1].rstrip() + "…"
