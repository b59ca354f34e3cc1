"""Find a claim's words again in a newer version of its article.

A span is stored with its quote, up to 32 characters of context either side
and its offsets (the selector model of Hypothesis' annotations). After an edit
each span gets exactly one outcome:

    unchanged  the same words at the same offsets
    moved      the same words elsewhere (text was added or removed around them)
    changed    the words themselves differ (a corrected figure, a fixed typo)
    orphaned   not found with confidence; the claim keeps its old span

"The same words" ignores what `text.fold` folds (curly quotes, odd spaces)
and runs of whitespace: a CMS turning ' into ’ is not a correction.

The search goes from certain to uncertain and stops at the first step that
decides:

1. the quote with its whole prefix and suffix, exactly (folded);
2. candidates, each scored on quote, prefix, suffix and position:
   every exact occurrence of the quote alone; the old span carried through a
   character alignment of the two versions; the best (and second-best) fuzzy
   alignment of prefix + quote + suffix, and of a long quote alone.

A candidate is plausible only if its quote is similar enough, at least one side
of its context survived (or the quote is long enough to identify itself) and
its score clears `ACCEPT`. The best plausible candidate wins unless another
plausible place (not overlapping it) scores nearly as well. An orphan is
better than a claim silently attached to other words.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from claimcheck.models import Span
from claimcheck.text import context, fold

Outcome = Literal["unchanged", "moved", "changed", "orphaned"]

# Score weights, out of 100: the quote matters most, each side of context next,
# position least (it only breaks ties between otherwise equal places).
QUOTE_WEIGHT = 50
PREFIX_WEIGHT = 20
SUFFIX_WEIGHT = 20
POSITION_WEIGHT = 10
# A candidate must score at least this much overall (0..1)...
ACCEPT = 0.75
# ...its quote must be at least this similar to the old one: `750 km` → `800 km`
# (a corrected figure) is 0.67, unrelated words are far below...
QUOTE_MIN = 0.5
# ...and one side of its context must be this similar, unless the quote is at
# least DISTINCTIVE characters long and QUOTE_ALONE similar: a long quotation
# identifies itself, a short figure is identified by the words around it.
CONTEXT_MIN = 0.8
# A side of context shorter than this (cut by the start or end of the text)
# cannot vouch for a candidate on its own.
MIN_SIDE = 8
DISTINCTIVE = 40
QUOTE_ALONE = 0.9
# When another place (not overlapping) scores within this of the best, the
# claim is ambiguous: orphaned rather than guessed.
MARGIN = 0.05
# Position similarity halves every POSITION_SCALE characters away from where
# the alignment of the two versions puts the old span.
POSITION_SCALE = 200
# The character alignment of two texts holds a bit matrix of len(old) * len(new)
# bits: above this product (about 50 MB, two 20,000-character texts) the texts
# are aligned line by line first, and characters only inside changed blocks
# small enough; what is left maps to the start of its block.
ALIGN_LIMIT = 4 * 10**8
# At most this many exact occurrences of a quote are scored, the nearest first.
MAX_OCCURRENCES = 200


@dataclass(frozen=True)
class Anchored:
    """Where a span went: an outcome, the new span (None when orphaned) and how sure we are."""

    outcome: Outcome
    span: Span | None
    score: float
    method: str  # "exact" (quote and whole context), "scored" or "none"


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    score: float
    quote_sim: float
    prefix_sim: float
    suffix_sim: float
    prefix_len: int
    suffix_len: int


def same_words(a: str, b: str) -> bool:
    """Equal once typographic variants and whitespace runs are folded away."""
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def reanchor(old_text: str, span: Span, new_text: str) -> Anchored:
    """Locate one span of `old_text` in `new_text` (see the module docstring)."""
    return Reanchorer(old_text, new_text).locate(span)


class Reanchorer:
    """Re-anchors many spans of one old text in one new text, aligning the two versions once."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self.old_text = old_text
        self.new_text = new_text
        self._folded = fold(new_text)
        self._map: tuple[list[int], list[_Op]] | None = None

    def locate(self, span: Span) -> Anchored:
        quote = span.quote
        if not quote.strip():
            return Anchored("orphaned", None, 0.0, "none")
        prefix, suffix = span.prefix, span.suffix
        if not prefix and not suffix and self.old_text[span.start : span.end] == quote:
            prefix, suffix = context(self.old_text, span.start, span.end)
        expected = self._map_start(span.start)

        found = self._exact_with_context(quote, prefix, suffix, expected)
        if found is not None:
            return self._result(span, found, found + len(quote), 1.0, "exact")

        candidates = self._score_all(
            self._candidate_spans(span, prefix, suffix, expected), quote, prefix, suffix, expected
        )
        plausible = [c for c in candidates if _acceptable(c, quote)]
        if not plausible:
            top = max((c.score for c in candidates), default=0.0)
            return Anchored("orphaned", None, round(top, 3), "none")
        best = max(plausible, key=lambda c: (c.score, -abs(c.start - expected)))
        rivals = [c.score for c in plausible if c.end <= best.start or c.start >= best.end]
        if rivals and max(rivals) > best.score - MARGIN:
            return Anchored("orphaned", None, round(best.score, 3), "none")
        return self._result(span, best.start, best.end, best.score, "scored")

    # -- steps -------------------------------------------------------------------

    def _exact_with_context(self, quote: str, prefix: str, suffix: str, expected: int) -> int | None:
        """The start of the quote with its whole context, nearest to where it is expected.

        The context is compared window for window: a prefix cut short by the
        start of the old text only matches at the start of the new one.
        """
        q, p, s = fold(quote), fold(prefix), fold(suffix)
        hits = [i for i in self._occurrences(q, expected) if context(self._folded, i, i + len(q)) == (p, s)]
        return min(hits, key=lambda i: abs(i - expected)) if hits else None

    def _candidate_spans(self, span: Span, prefix: str, suffix: str, expected: int) -> Iterator[tuple[int, int]]:
        from rapidfuzz import fuzz

        quote = span.quote
        for i in self._occurrences(fold(quote), expected):
            yield i, i + len(quote)
        # The old span carried through the alignment of the two versions: an
        # in-place correction lands exactly here.
        yield self._map_start(span.start), self._map_end(span.end)
        # Best fuzzy places of the quote with its context, then of the quote alone
        # (a long quotation moved to another paragraph), each with a runner-up.
        needles = [(fold(prefix + quote + suffix), len(prefix), len(prefix) + len(quote))]
        if len(quote) >= DISTINCTIVE:
            needles.append((fold(quote), 0, len(quote)))
        for needle, q_start, q_end in needles:
            haystack = self._folded
            for _ in range(2):
                hit = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=50)
                if hit is None or hit.dest_end <= hit.dest_start:
                    break
                yield self._project(needle, q_start, q_end, hit.dest_start, hit.dest_end)
                masked = "\0" * (hit.dest_end - hit.dest_start)
                haystack = haystack[: hit.dest_start] + masked + haystack[hit.dest_end :]

    def _score_all(
        self, spans: Iterator[tuple[int, int]], quote: str, prefix: str, suffix: str, expected: int
    ) -> list[_Candidate]:
        from rapidfuzz import fuzz

        seen: set[tuple[int, int]] = set()
        out = []
        q, p, s = fold(quote), fold(prefix), fold(suffix)
        text = self._folded
        for raw_start, raw_end in spans:
            start, end = _snap(self.new_text, raw_start, raw_end)
            if end <= start or (start, end) in seen:
                continue
            seen.add((start, end))
            # Each side is compared with the same window of the new text, so that a
            # context cut short by the end of the old text (`.`) is not matched by
            # any full stop: it only matches at the end of the new text.
            before, after = context(text, start, end)
            quote_sim = fuzz.ratio(q, text[start:end]) / 100
            prefix_sim = fuzz.ratio(p, before) / 100 if p or before else 1.0
            suffix_sim = fuzz.ratio(s, after) / 100 if s or after else 1.0
            position = 1 / (1 + abs(start - expected) / POSITION_SCALE)
            score = (
                QUOTE_WEIGHT * quote_sim
                + PREFIX_WEIGHT * prefix_sim
                + SUFFIX_WEIGHT * suffix_sim
                + POSITION_WEIGHT * position
            ) / 100
            out.append(_Candidate(start, end, score, quote_sim, prefix_sim, suffix_sim, len(p), len(s)))
        return out

    def _result(self, span: Span, start: int, end: int, score: float, method: str) -> Anchored:
        quote = self.new_text[start:end]
        prefix, suffix = context(self.new_text, start, end)
        new_span = Span(start=start, end=end, quote=quote, prefix=prefix, suffix=suffix)
        if not same_words(span.quote, quote):
            outcome: Outcome = "changed"
        elif start == span.start:
            outcome = "unchanged"
        else:
            outcome = "moved"
        return Anchored(outcome, new_span, round(score, 3), method)

    # -- helpers -----------------------------------------------------------------

    def _occurrences(self, folded_quote: str, expected: int) -> list[int]:
        text, found = self._folded, []
        i = text.find(folded_quote)
        while i >= 0:
            found.append(i)
            i = text.find(folded_quote, i + 1)
        found.sort(key=lambda i: abs(i - expected))
        return found[:MAX_OCCURRENCES]

    def _alignment(self) -> tuple[list[int], list[_Op]]:
        """Opcodes of an alignment of the old and new text, as sorted (start, op) for bisecting."""
        if self._map is None:
            ops = [op for op in _align(self.old_text, self.new_text) if op.src_end > op.src_start]
            self._map = ([op.src_start for op in ops], ops)
        return self._map

    def _op_at(self, pos: int) -> _Op | None:
        starts, ops = self._alignment()
        i = bisect.bisect_right(starts, pos) - 1
        return ops[i] if 0 <= i < len(ops) and pos < ops[i].src_end else None

    def _scaled(self, pos: int) -> int:
        return round(pos * len(self.new_text) / max(1, len(self.old_text)))

    def _map_start(self, pos: int) -> int:
        """Where the first character at or after `pos` went (where the gap is, if it was deleted)."""
        op = self._op_at(pos)
        if op is None:
            return min(len(self.new_text), self._scaled(pos))
        if op.tag == "equal":
            return op.dest_start + (pos - op.src_start)
        return op.dest_start

    def _map_end(self, pos: int) -> int:
        """Where the end of a span ending at `pos` went: just after its last surviving character."""
        if pos <= 0:
            return 0
        op = self._op_at(pos - 1)
        if op is None:
            return min(len(self.new_text), self._scaled(pos))
        if op.tag == "equal":
            return op.dest_start + (pos - 1 - op.src_start) + 1
        return op.dest_end if op.tag == "replace" else op.dest_start

    def _project(self, needle: str, q_start: int, q_end: int, dest_start: int, dest_end: int) -> tuple[int, int]:
        """Carry the quote's bounds inside `needle` through its alignment with new_text[dest_start:dest_end]."""
        from rapidfuzz.distance import Indel

        window = self._folded[dest_start:dest_end]
        ops = [op for op in Indel.opcodes(needle, window) if op.src_end > op.src_start]

        def carry(pos: int, is_end: bool) -> int:
            probe = pos - 1 if is_end else pos
            for op in ops:
                if op.src_start <= probe < op.src_end:
                    if op.tag == "equal":
                        return dest_start + op.dest_start + (probe - op.src_start) + (1 if is_end else 0)
                    return dest_start + (op.dest_end if is_end and op.tag == "replace" else op.dest_start)
            return dest_start if probe < 0 else dest_end

        return carry(q_start, False), carry(q_end, True)


@dataclass(frozen=True)
class _Op:
    """One block of an alignment, as rapidfuzz and difflib give them."""

    tag: str  # equal, replace, delete, insert
    src_start: int
    src_end: int
    dest_start: int
    dest_end: int


def _align(old: str, new: str) -> list[_Op]:
    """A character alignment (longest common subsequence), line by line first for long texts."""
    from rapidfuzz.distance import Indel

    def chars(a: str, b: str, a0: int = 0, b0: int = 0) -> list[_Op]:
        return [
            _Op(op.tag, op.src_start + a0, op.src_end + a0, op.dest_start + b0, op.dest_end + b0)
            for op in Indel.opcodes(a, b)
        ]

    if len(old) * len(new) <= ALIGN_LIMIT:
        return chars(old, new)
    import difflib
    from itertools import accumulate

    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_at = [0, *accumulate(len(line) for line in old_lines)]
    new_at = [0, *accumulate(len(line) for line in new_lines)]
    ops: list[_Op] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a0, a1, b0, b1 = old_at[i1], old_at[i2], new_at[j1], new_at[j2]
        if tag == "replace" and (a1 - a0) * (b1 - b0) <= ALIGN_LIMIT:
            ops.extend(chars(old[a0:a1], new[b0:b1], a0, b0))
        else:
            ops.append(_Op(tag, a0, a1, b0, b1))
    return ops


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span that cuts a word in two, then trim whitespace at its ends."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _acceptable(best: _Candidate, quote: str) -> bool:
    if best.quote_sim < QUOTE_MIN:
        return False
    if len(quote) >= DISTINCTIVE and best.quote_sim >= QUOTE_ALONE:
        return True
    prefix_ok = best.prefix_sim >= CONTEXT_MIN
    suffix_ok = best.suffix_sim >= CONTEXT_MIN
    # One side that survived counts only if it says something: the lone `.` that
    # ends a text matches the end of any other text.
    one_side = (prefix_ok and best.prefix_len >= MIN_SIDE) or (suffix_ok and best.suffix_len >= MIN_SIDE)
    return best.score >= ACCEPT and (one_side or (prefix_ok and suffix_ok))
