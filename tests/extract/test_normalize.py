"""Folding and lower-casing keep every offset: one character in, one character out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimcheck.extract.normalize import _FOLD, fold, lower

_TYPOGRAPHY = st.text(alphabet=st.sampled_from([*_FOLD, "a", "É", "İ", "ß", " ", "'", "1", "\n"]), max_size=60)


@given(st.one_of(st.text(max_size=80), _TYPOGRAPHY))
def test_fold_replaces_one_character_for_one(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(_FOLD.get(c, c) for c in text)


@given(st.one_of(st.text(max_size=80), _TYPOGRAPHY))
def test_lower_keeps_the_length(text):
    low = lower(text)
    assert len(low) == len(text)
    # Every character is lower-cased unless that would take two code points (`İ`).
    assert all(c == (o.lower() if len(o.lower()) == 1 else c) for c, o in zip(low, text, strict=True) if o != "\u0130")


def test_fold_plain_apostrophes_and_spaces():
    assert fold("l\u2019an\u00a0dernier, 1\u202f000\u2009%") == "l'an dernier, 1 000 %"
    assert lower("İstanbul") == "istanbul"
