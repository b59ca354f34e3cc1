"""The gold-file scorer (bench/eval.py), run on the articles committed in tests/gold."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"


def _bench_eval():
    if "bench_eval" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_eval", HERE.parent / "bench" / "eval.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_eval"]


score_dir, main = _bench_eval().score_dir, _bench_eval().main


def test_score_dir_reports_every_article_and_the_overall_ratios():
    result = score_dir(GOLD, verbose=True)
    assert set(result["articles"]) == {p.name for p in GOLD.glob("*.gold.json")}
    assert len(result["articles"]) >= 5
    for key in ("recall", "value_recall", "precision", "coverage"):
        assert 0.0 <= result[key] <= 1.0
    assert result["span_bad"] == 0
    # Segmentation, quotes and statements are this suite's job: every sentence covered,
    # every gold quote found with its speaker.
    # The scorer's rough splitter cuts `M.` off as a sentence of its own and an attribution line between
    # two quotes out of its sentence (incendies-landes, rail-strike): those pieces carry no claim.
    assert result["coverage"] >= 0.97
    notes = [n for r in result["articles"].values() for n in r["notes"]]
    assert not [n for n in notes if n.startswith(("MISS  quote", "VALUE quote"))]
    # The whole extractor, numbers and dates included, must stay near the targets.
    assert result["recall"] >= 0.9
    assert result["precision"] >= 0.9


def test_command_line_prints_one_line_per_article_and_the_overall(capsys):
    assert main([str(GOLD)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.split(":")[0].endswith(".gold.json") for line in lines) == len(list(GOLD.glob("*.gold.json")))
    assert lines[-1].startswith("overall recall ")


def test_command_line_without_a_directory_is_a_usage_error(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
