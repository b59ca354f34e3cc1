"""Direct quotes and who said them.

A quote is the text between a pair of quotation marks: « … », “ … ”, " … ",
‘ … ’. Marks are paired inside one paragraph (a quote never crosses a blank
line) and only the outermost pair of a nesting is kept. The span is the
quoted words without the marks, the padding spaces French puts inside
guillemets, or a trailing comma.

The speaker is a person only when the text says so:
- an attribution next to the quote: `», a déclaré X`, `", X said`, `said X`,
  `X told reporters: "`, `selon X`, `according to X`, `a-t-il ajouté`;
- otherwise the subject of the sentence holding the quote, if it is a
  person: `Le colonel Abdramane a condamné … "attitude condescendante"`;
- `he`/`she`/`il`/`elle` and bare titles (`le ministre`) are resolved to a
  person named earlier only when exactly one candidate is in sight;
- a surname alone is resolved to the full name seen in the article.
- an organisation, a document or a role that the attribution names instead of
  a person is the speaker as the text names it: `», explique SPF`,
  `selon la préfecture`, `the report said`, `a spokesman for the Treasury said`.
Anything else (`ont-ils déclaré`, `peut-on lire`, `le communiqué salue`)
gives a null speaker rather than a guess.

A few words in marks that nobody is said to say (`livrés « au plus tard » le
30 septembre`, no reporting or naming verb in the sentence) are scare quotes,
not anyone's words, and are not claims.

Here the pairing of marks; who is a person is in `people.py`, who said a quote
in `attribution.py`.
"""

from __future__ import annotations

import re

from claimcheck.extract.quotes.attribution import _Context
from claimcheck.extract.segment import paragraphs
from claimcheck.models import ClaimDraft, Kind
from claimcheck.text import fold

__all__ = ["find_quotes"]

_LABEL_MAX = 70

# ---- Pairing quotation marks ------------------------------------------------------------

_MARKS = re.compile('[«»“”„"‘’]')
_DOUBLE_OPEN = "“„"
_CLOSING = '»”"’'
_PARTICLES = frozenset("de du des di da del van von der den le la bin ben ibn".split())
_OPENING_CONTEXT = " \t\n\r\u00a0\u202f([{—–-/"


def _pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open mark, close mark) positions of the outermost quotes in text[start:end]."""
    found: list[tuple[int, int]] = []
    guillemets: list[int] = []
    double: int | None = None  # the pending “, „ or "
    single: int | None = None  # the pending ‘
    for m in _MARKS.finditer(text, start, end):
        i, c = m.start(), m.group()
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if c == "«":
            guillemets.append(i)
        elif c == "»":
            if guillemets:
                found.append((guillemets.pop(), i))
        elif c in _DOUBLE_OPEN:
            double = i
        elif c == "”":
            if double is not None:
                found.append((double, i))
                double = None
        elif c == '"':
            opening_shaped = before in _OPENING_CONTEXT and not after.isspace()
            closing_shaped = not before.isspace() and before not in "([{"
            if double is not None and (closing_shaped or not opening_shaped):
                found.append((double, i))
                double = None
            elif opening_shaped or (double is None and not closing_shaped):
                # A new opening mark while one is pending means the pending one was stray
                # (an inch sign, a typo): start again from here.
                double = i
        elif c == "‘" and not (before.isalpha() and after.isalpha()):
            single = i
        elif c == "’" and single is not None and not after.isalpha():
            # Followed by a letter it is an apostrophe (l’État, don’t), not a closing mark.
            found.append((single, i))
            single = None
    # The convention for a quote running over several paragraphs: the paragraph opens
    # with a mark that is never closed.
    for pending in (double, guillemets[0] if guillemets else None):
        if pending is not None and not text[start:pending].strip():
            found.append((pending, end))
    found.sort()
    outer: list[tuple[int, int]] = []
    for pair in found:
        if outer and pair[0] < outer[-1][1]:
            continue  # nested inside the previous quote
        outer.append(pair)
    return outer


def _inner(text: str, o: int, c: int) -> tuple[int, int]:
    """The quoted words: no marks, no padding spaces, no trailing comma."""
    s, e = o + 1, c
    while s < e and (text[s].isspace() or text[s] == "\u200b"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def find_quotes(
    text: str,
    sentences: list[tuple[int, int]],
    lang: str,
    *,
    folded: str | None = None,
    paras: list[tuple[int, int]] | None = None,
) -> list[ClaimDraft]:
    """Every direct quote in `text`, with its speaker when the text names one.

    `folded` and `paras` are `fold(text)` and `paragraphs(text)` when the caller
    already has them.
    """
    spans: list[tuple[int, int, int, int]] = []  # mark o, mark c, inner s, inner e
    if paras is None:
        paras = paragraphs(text)
    for p_start, p_end in paras:
        for o, c in _pairs(text, p_start, p_end):
            s, e = _inner(text, o, c)
            if s < e and any(ch.isalnum() for ch in text[s:e]):
                spans.append((o, c, s, e))
    if not spans:
        return []
    if folded is None or len(folded) != len(text):
        folded = fold(text)
    ctx = _Context(text, folded, sentences, lang, paras, [(o, c + 1) for o, c, _, _ in spans])
    drafts = []
    marks: list[tuple[int, int]] = []
    previous: tuple[int, str | None] = (-1, None)  # paragraph start and speaker of the last quote
    for o, c, s, e in spans:
        ctx.previous = previous
        speaker, attributed = ctx.speaker(o, c)
        if speaker is None and ctx.is_scare_quote(o, c):
            continue
        paragraph = ctx.paragraph_at(o)[0]
        if not attributed and previous[0] == paragraph and ctx.is_whole_sentence(o, c):
            # A quote that makes a whole sentence, right after an attributed one in the same
            # paragraph, goes on in the same voice: `"…," said X. "Customers were let down."`
            speaker = previous[1]
        previous = (paragraph, speaker)
        drafts.append(
            ClaimDraft(kind=Kind.quote, start=s, end=e, value={"speaker": speaker}, text=_label(text[s:e], speaker))
        )
        marks.append((o, c))
    _run_on(text, drafts, marks)
    return drafts


def _run_on(text: str, drafts: list[ClaimDraft], marks: list[tuple[int, int]]) -> None:
    """A quote left open at the end of its paragraph goes on in the next one: it takes that one's speaker.

    `"It is a tax raid.` then, next paragraph, `"And it will fail," Badenoch said.`
    """
    for i in range(len(drafts) - 2, -1, -1):
        c, next_o = marks[i][1], marks[i + 1][0]
        left_open = c >= len(text) or text[c] not in _CLOSING
        if drafts[i].value["speaker"] is None and left_open and not text[c:next_o].strip():
            speaker = drafts[i + 1].value["speaker"]
            if speaker:
                drafts[i].value["speaker"] = speaker
                drafts[i].text = _label(text[drafts[i].start : drafts[i].end], speaker)


def _label(quote: str, speaker: str | None) -> str:
    quote = " ".join(quote.split())
    if len(quote) > _LABEL_MAX:
        quote = quote[: _LABEL_MAX - 1].rstrip() + "…"
    if not speaker:
        return f'"{quote}"'
    # A person by surname; an organisation or a role (`le ministre`, `the report`) whole.
    words = speaker.split()
    person = len(words) > 1 and all(w[:1].isupper() or w in _PARTICLES for w in words)
    who = words[-1] if person else speaker
    return f'{who}: "{quote}"'
