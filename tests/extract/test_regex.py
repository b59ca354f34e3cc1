"""The trie-to-regex builder shared by the date and number extractors."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract.regex import alternation


@pytest.mark.parametrize(
    ("words", "pattern"),
    [
        (["sept", "septembre"], "sept(?:embre)?"),
        (["janv", "juil", "juin"], "j(?:anv|ui(?:l|n))"),
        (["deux", "dix", "douze"], "d(?:eux|ix|ouze)"),
        (["un", "une"], "un(?:e)?"),
        (["a"], "a"),
        (["an.", "l'an"], r"(?:an\.|l'an)"),
        ([], ""),
        (["mai", "mai"], "mai"),
    ],
)
def test_words_are_written_as_a_trie(words, pattern):
    assert alternation(words) == pattern


def test_the_order_of_the_words_does_not_change_the_pattern():
    assert alternation(["juin", "janv", "juil"]) == alternation(["janv", "juil", "juin"])


def test_the_longest_word_wins():
    assert re.match(alternation(["sept", "septembre"]), "septembre 2024").group() == "septembre"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abc.-'", min_size=1, max_size=5), min_size=1, max_size=8))
def test_the_pattern_matches_exactly_the_words(words):
    pattern = re.compile(alternation(words))
    for word in words:
        assert pattern.fullmatch(word)
    for other in ("", "x", *(w + "x" for w in words)):
        assert bool(pattern.fullmatch(other)) == (other in words)
