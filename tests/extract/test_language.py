"""Language detection: French or English, and a safe answer when there is nothing to read."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.extract.language import detect_language

GOLD = Path(__file__).resolve().parent.parent / "gold"


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.txt")), ids=lambda p: p.name)
def test_gold_articles(path):
    expected = path.name.split(".")[-2]
    assert detect_language(path.read_text(encoding="utf-8")) == expected


def test_short_phrases():
    assert detect_language("Les États-Unis ont quitté le pays.") == "fr"
    assert detect_language("The port authority approved the plan.") == "en"


@pytest.mark.parametrize("text", ["", "   ", "1 234,5", "\x00\u202e", "« … »"])
def test_nothing_to_go_on_is_english(text):
    assert detect_language(text) == "en"


def test_only_the_start_of_a_long_text_is_read():
    text = "Le gouvernement a présenté un plan pour les hôpitaux publics. " * 200 + "The end. " * 100_000
    assert detect_language(text) == "fr"
