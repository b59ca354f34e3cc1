"""Core text helpers: folding and lower-casing keep every offset; wording, labels, context, plurals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.text import _FOLD, context, fold, label_value, lower, norm, plural

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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("  Emmanuel\u00a0MACRON ", "emmanuel macron"), ("l\u2019Élysée", "l'élysée"), (None, ""), (42, "42")],
)
def test_norm_folds_case_folds_and_single_spaces(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize(("label", "value"), [("1,000+ soldats", "1,000+"), ("2023", "2023"), ("", "")])
def test_label_value_is_the_value_opening_a_label(label, value):
    assert label_value(label) == value


def test_context_is_up_to_32_characters_either_side():
    text = "a" * 40 + "SPAN" + "b" * 40
    assert context(text, 40, 44) == ("a" * 32, "b" * 32)
    assert context("xSPANy", 1, 5) == ("x", "y")


@pytest.mark.parametrize(("n", "expected"), [(0, "0 claims"), (1, "1 claim"), (2, "2 claims")])
def test_plural_adds_an_s_unless_the_count_is_one(n, expected):
    assert plural(n, "claim") == expected
