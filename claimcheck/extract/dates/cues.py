"""Which way a date without a year looks, and whether a date is a deadline.

`_Context` is one sentence being scanned: its clauses and their tense cues
(`_read_cues`) are read only when a year-less date asks which way its clause
looks. `_rel_direction` reads the phrase's own word (`mardi dernier`, `next
Monday`) and `_pick` chooses the occurrence a direction selects around the
publication date.

`looks_ahead` answers another question about a date already found: do the
words of its clause make it a deadline or a prediction (`au plus tard`, `by`,
`will`)? It reads the text the same way, with its own clause break.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from claimcheck.extract import date_words as w

# Directions a year-less date can take. The strict ones exclude the
# publication day itself: `next Thursday` written on a Thursday is a week away.
AHEAD, BACK, NEAREST, AHEAD_STRICT, BACK_STRICT = "ahead", "back", "nearest", "ahead!", "back!"

# ---------------------------------------------------------------- context and direction

_WORD = re.compile(r"\w")

# `jusqu'au`, `until`, `through` right before a date phrase (which may open with `en`, `la fin`).
_UNTIL_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:jusqu'(?:au|aux|à|a|en)|jusque\s+(?:au|à)|until|till|through|thru)\s+(?:la\s+|le\s+|l')?"
    r"|(?<![\w-])jusqu')$"
)
# A clause holding nothing but the date and its `until` (the words before the date only).
_UNTIL_ALONE = re.compile(
    r"\W*(?:jusqu'(?:au|aux|à|a|en)?|jusque\s+(?:au|à)|until|till|through|thru)\s*(?:la\s+|le\s+|l')?$"
)
# A present copula before an English -ed word makes it an adjective or a present passive.
_PRESENT_COPULA = re.compile(
    r"(?<![\w'])(?:is|are|am|'s|'re|remains?|stays?)\s+(?:(?:not|still|now|also|currently|temporarily)\s+)?$"
)
# Where a subordinate clause starts inside a clause: the verb before it is not the date's.
_SUBORDINATOR = {
    "fr": re.compile(
        r"(?<![\w-])(?:(?:que|qui|où|dont|lorsque|quand|puisque|car|si|parce\s+que)(?![\w'-])|(?:qu|lorsqu|puisqu)')"
    ),
    "en": re.compile(
        r"(?<![\w-])(?:that|which|who|whom|where|when|because|while|whereas|although|though|if)(?![\w'-])"
    ),
}

# Clause boundaries for tense cues: a cue in the date's own clause beats a nearer one across a comma.
_CLAUSE_BREAK = re.compile(r"[,;:!?()\[\]—–]|\s-\s|\.\s+(?=[A-ZÀ-Ý«\"“])")


class _Context:
    """One sentence being scanned; clauses and tense cues are read only when a year-less date needs them.

    `sentence` and `low` may hold more than the sentence (the whole article):
    the sentence is `[start, end)` in both, and nothing here reads outside it.
    """

    def __init__(self, sentence: str, low: str, lang: str, published: date, start: int, end: int) -> None:
        self.sentence = sentence  # as written: its capitals tell `May` the month from `may`
        self.low = low  # folded and lower-cased, same length: what the patterns read
        self.lang = lang
        self.published = published
        self.start, self.end = start, end
        self._clauses: list[tuple[int, int, int]] | None = None
        self._cues: dict[int, list[tuple[int, int, str]]] = {}

    def lead(self, pos: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The words right before `pos` that `pattern` (anchored with `$`) accepts, if any."""
        return pattern.search(self.low, max(self.start, pos - 48), pos)

    def glued(self, pos: int, also: str = "") -> bool:
        """Whether the character before `pos` sticks to the phrase (`Thierry`, `12021`, `2,021`)."""
        if pos <= self.start:
            return False
        before = self.low[pos - 1]
        return before.isalnum() or before == "_" or before in also

    def at_sentence_start(self, pos: int) -> bool:
        """Nothing but punctuation before `pos`: a capital there proves nothing."""
        return _WORD.search(self.low, self.start, pos) is None

    def clauses(self) -> list[tuple[int, int, int]]:
        """(start, end, piece) for each clause; `piece` counts full stops, for text holding two sentences."""
        if self._clauses is None:
            out, pos, piece = [], self.start, 0
            for m in _CLAUSE_BREAK.finditer(self.sentence, self.start, self.end):
                out.append((pos, m.start(), piece))
                piece += m.group()[0] == "."
                pos = m.end()
            out.append((pos, self.end, piece))
            self._clauses = out
        return self._clauses

    def _clause_cues(self, index: int) -> list[tuple[int, int, str]]:
        if index not in self._cues:
            a, b, _ = self.clauses()[index]
            self._cues[index] = _read_cues(self, a, b)
        return self._cues[index]

    def direction(self, s: int, e: int) -> str:
        """Which way the clause around sentence[s:e] looks: the nearest tense cue decides.

        A cue in the date's own clause wins (`quitteraient le pays au plus tard le 15
        septembre, ont-ils annoncé dimanche`); failing that, the nearest cue of the
        rest of the sentence, leaving out attributions (`, officials said.`), whose
        tense is that of the telling, not of the date.
        """
        clauses = self.clauses()
        own = next((i for i, (a, b, _) in enumerate(clauses) if a <= s <= b), 0)
        if _UNTIL_BEFORE.search(self.low, max(self.start, s - 24), s):
            return self._until_direction(own, s, e)
        cues = [c for c in self._clause_cues(own) if c[1] <= s or c[0] >= e]
        if not cues:
            piece = clauses[own][2]
            others = [i for i in range(len(clauses)) if i != own and not self._is_attribution(i)]
            # The date's own sentence first, should the caller have passed two.
            for pool in ([i for i in others if clauses[i][2] == piece], others):
                cues = [c for i in pool for c in self._clause_cues(i)]
                if cues:
                    break
        if not cues:
            return NEAREST
        best = min(cues, key=lambda c: s - c[1] if c[1] <= s else c[0] - e)
        return best[2]

    def _until_direction(self, own: int, s: int, e: int) -> str:
        """The way a date after `jusqu'au`, `until`, `through` looks: that of the state it ends.

        Only the verb the phrase hangs on counts, so the cues are those of its own
        clause cut at subordinators: in `a rappelé que l'accès est interdit jusqu'au
        30 juin` the state is `est interdit`, a present. A state in the present or
        the future still holds, so its end is ahead (`is closed until 30 June`,
        `restera fermé jusqu'au 30 juin`); in the past, it is over (`était fermé
        jusqu'au 30 juin`, `was closed until June`). A phrase standing alone at the
        head of the sentence (`Until 30 June, the road was closed`) takes the tense
        of the clause after it.
        """
        clauses = self.clauses()
        a, b, _ = clauses[own]
        local_start = max((m.end() for m in _SUBORDINATOR[self.lang].finditer(self.low, a, s)), default=a)
        after = _SUBORDINATOR[self.lang].search(self.low, e, b)
        local_end = after.start() if after else b
        cues = [
            c for c in self._clause_cues(own) if local_start <= c[0] and c[1] <= local_end and (c[1] <= s or c[0] >= e)
        ]
        alone = not cues and _WORD.search(self.low, e, b) is None and _UNTIL_ALONE.match(self.low, a, s) is not None
        if alone and own + 1 < len(clauses) and not self._is_attribution(own + 1):
            cues = self._clause_cues(own + 1)
        if not cues:
            return AHEAD
        best = min(cues, key=lambda c: s - c[1] if c[1] <= s else c[0] - e)
        return NEAREST if best[2] == NEAREST else (AHEAD if best[2] == AHEAD else BACK)

    def _is_attribution(self, index: int) -> bool:
        a, b, _ = self.clauses()[index]
        piece = self.low[a:b]
        return len(piece.split()) <= 8 and w.SPEECH.search(piece) is not None


def _read_cues(ctx: _Context, a: int, b: int) -> list[tuple[int, int, str]]:
    """The tense cues of the clause low[a:b], with the direction each gives."""
    out = []
    cues, not_future, not_past = (
        (w.FR_CUES, w.FR_NOT_FUTURE, w.FR_NOT_PAST) if ctx.lang == "fr" else (w.EN_CUES, frozenset(), w.EN_NOT_PAST)
    )
    for m in cues.finditer(ctx.low, a, b):
        kind = m.lastgroup or ""
        word = m.group()
        direction = AHEAD if kind.startswith("ahead") else NEAREST if kind.startswith("nearest") else BACK
        if kind in ("ahead1", "back1"):
            # A word read only by its ending: not a capitalised name (`Shakira`, `Mohamed`).
            if not ctx.sentence[m.start()].islower() or word in not_past:
                continue
            if word in not_future:
                direction = BACK  # `retirait` is the imperfect of retirer, not a conditional
            copula = kind == "back1" and ctx.lang == "en"
            if copula and _PRESENT_COPULA.search(ctx.low, max(a, m.start() - 24), m.start()):
                continue  # `is closed`, `remains banned`: a state now, not a past event
        elif kind == "back0" and word.rsplit(None, 1)[-1] in w.FR_NOT_PARTICIPLE:
            continue
        elif word == "may" and ctx.sentence[m.start()] == "M":
            continue  # the month, not the modal
        out.append((m.start(), m.end(), direction))
    return out


def _rel_direction(rel: str | None) -> str | None:
    """The direction a word of the phrase itself gives (`mardi dernier`, `next Monday`), if any."""
    last = rel.split()[-1] if rel and rel.strip() else ""
    if last in ("dernier", "last", "passé", "past"):
        return BACK_STRICT
    if last in ("prochain", "next", "coming"):
        return AHEAD_STRICT
    return None


def _pick(candidates: list[Any], pivot: Any, direction: str, distance: Callable[[Any, Any], int]) -> Any:
    """The candidate a direction selects around the publication date (`pivot`)."""

    def gap(c: Any) -> int:
        return distance(c, pivot)

    if direction in (AHEAD, AHEAD_STRICT):
        floor = 0 if direction == AHEAD else 1
        return min((c for c in candidates if gap(c) >= floor), key=gap, default=None)
    if direction in (BACK, BACK_STRICT):
        ceiling = 0 if direction == BACK else -1
        return max((c for c in candidates if gap(c) <= ceiling), key=gap, default=None)
    # Nearest; on a tie the earlier one, since news reports more than it announces.
    return min(candidates, key=lambda c: (abs(gap(c)), gap(c)), default=None)


def _day_on_weekday(published: date, weekday: int, day: int, direction: str) -> date | None:
    """The date within two months of publication whose day is `day` and falls on `weekday`."""
    found = []
    for shift in range(-2, 3):
        month0 = published.year * 12 + published.month - 1 + shift
        try:
            candidate = date(month0 // 12, month0 % 12 + 1, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            found.append(candidate)
    return _pick(found, published, direction, lambda c, p: (c - p).days)


# ---------------------------------------------------------------- deadlines

# Deadline words right before the date phrase (or opening it): they decide on their own.
_DEADLINE_WORDS = (
    r"au\s+plus\s+tard|d'ici(?:\s+à)?|avant|jusqu'(?:à|au|en)|date\s+limite|échéance|"
    r"by|before|no\s+later\s+than|not\s+later\s+than|until|deadline|due\s+(?:by|on|in)"
)
_FILLER = r"(?:[\s»«\"']+(?:le|la|les|l'|fin|début|mi-|the|end|of|early|mid|late|de|du))*"
_DEADLINE_BEFORE = re.compile(rf"(?i:\b(?P<word>{_DEADLINE_WORDS}){_FILLER}[\s»«\"']*$)")
_DEADLINE_OPENING = re.compile(rf"(?i:^(?P<word>{_DEADLINE_WORDS})\b)")
# How far before the date a clause is read.
_LOOKBACK = 160
# Where the clause of a deadline starts. Not the tense reader's `_CLAUSE_BREAK`: here a comma
# breaks only before a space (`2,5`), a spaced hyphen does not break, a line break does, and `“`
# after a full stop does not open a clause. Which claims are due rests on this one as it is.
_DEADLINE_CLAUSE_BREAK = re.compile(r"[;:!?()\[\]—–]|,\s|\.\s+(?=[A-ZÀ-Ý«\"])|\n")


def looks_ahead(text: str, start: int, end: int, lang: str) -> str | None:
    """The cue that makes the date at text[start:end] a deadline or a prediction, else None.

    `text` is folded (plain apostrophes and spaces). A deadline word just before
    the date (or opening it) decides; otherwise the tense cue nearest the date
    in its clause does, if it looks ahead.
    """
    window_start = max(0, start - _LOOKBACK)
    before = text[window_start:start]
    breaks = list(_DEADLINE_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    phrase = text[start:end].lstrip()
    deadline = _DEADLINE_BEFORE.search(clause) or _DEADLINE_OPENING.search(phrase)
    if deadline:
        return " ".join(deadline.group("word").split())
    cues = w.FR_CUES if lang == "fr" else w.EN_CUES
    nearest = None
    for m in cues.finditer(clause.lower()):
        group = m.lastgroup or ""
        word = m.group()
        if group == "ahead1" and word in w.FR_NOT_FUTURE:
            continue
        nearest = (group, word)
    if nearest and nearest[0].startswith("ahead"):
        return " ".join(nearest[1].split())
    return None
