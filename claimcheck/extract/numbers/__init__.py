"""Numeric claims: quantities, money and percentages, in French and English.

`find_numbers(text, start, end, lang)` reads one sentence, `text[start:end]`,
and returns ClaimDrafts whose offsets point into the whole `text`. Patterns
run on `fold()` of the sentence (same length, plain spaces and apostrophes),
so every span is still cut from the original text; the pipeline passes the
article folded and lower-cased once, so a sentence is only sliced here.

Around each number the grammar is

    [bound words] [currency] NUMBER [scale] [+] [% | currency | unit | counted noun] [bound]

plus ranges: `entre A et B`, `between A and B`, `de A à B`, `from A to B`,
`A-B`, `A à B`, `A to B`; when A has no scale, unit or currency it takes B's
(`entre 2 et 3 milliards d'euros`). After a verb of change (`passé de 10 à
20 %`, `rose from 5% to 7%`) the two numbers are two claims, not a range.

NUMBER is digits the way the language writes them (French `1 000`, `20,5`;
English `3,500`, `2.4`; `lang` decides what `,` and `.` mean) or spelled
words read by text2num, called only on candidate words.

A unit joined by a hyphen is a measure used as an adjective: `a 120-mile
route`, `a 16-metre channel`, `a 48-hour strike` (hours are a unit, `h`), `a
$5-million grant`. Days, months and years are not units here: `a 10-year plan`,
`a 30-year-old` are left out, as is `10,000-strong`.

Not claims: digits inside names and codes (`G5 Sahel`, `COVID-19`, `A320`,
`Ligue 1`), ordinals (`1er`, `3rd`, `deuxième`), references (`article 49`,
`n° 3`), phone numbers, times of day, days of month (`15 septembre`),
four-digit years, the article `un`/`one` alone, and a spelled number that
counts nothing (`les deux pays`, `deux fois`).

Labels (labels.py) mark bounds as about `~N`, more_than `N+`, less_than `<N`,
at_least `≥N`, at_most `≤N` and range `N–M`: `plus de 1 000 soldats` →
`1,000+ soldats`, `près de 11,6 %` → `~11.6%`, `more than 30%` → `30%+`.

The word tables and patterns are in `words.py`, the reader in `sentence.py`.
"""

from __future__ import annotations

from claimcheck.extract.labels import canonical_number
from claimcheck.extract.numbers.sentence import _Sentence
from claimcheck.models import ClaimDraft
from claimcheck.text import fold, lower

__all__ = ["canonical_number", "find_numbers"]


def find_numbers(
    text: str, start: int, end: int, lang: str, *, folded: str | None = None, low: str | None = None
) -> list[ClaimDraft]:
    """Quantities, money and percentages in `text[start:end]`, with offsets into `text`.

    Drafts are sorted by start and never overlap. `lang` is "fr" or "en" and
    decides how digits are read (`1,5` is one and a half only in French).
    `folded` and `low` are `fold(text)` and `lower(fold(text))` when the caller
    already has them (the pipeline folds the article once); otherwise the
    sentence is folded here.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    language = "fr" if str(lang).lower().startswith("fr") else "en"
    if folded is None or len(folded) != len(text):
        f = fold(text[start:end])
        sentence = _Sentence(text[start:end], f, lower(f), language)
    else:
        f = folded[start:end]
        sentence = _Sentence(text[start:end], f, low[start:end] if low is not None else lower(f), language)
    drafts = []
    last_end = -1
    for c in sorted(sentence.claims(), key=lambda c: c.start):
        if c.start < last_end:
            continue
        drafts.append(ClaimDraft(kind=c.kind, start=start + c.start, end=start + c.end, value=c.value, text=c.text))
        last_end = c.end
    return drafts
