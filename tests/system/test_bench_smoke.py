"""The benchmark scripts still run: a tiny registry is generated, timed and found valid.

No time is asserted: bench/run.py prints figures for people to read.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from claimcheck.store import Registry

BENCH = Path(__file__).resolve().parents[2] / "bench"
OPERATIONS = ("--help", "list --json", "list --status", "show", "mark", "ingest", "report html")


def _run(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, timeout=timeout, check=False
    )


def _assert_spans_exact(cli, root: Path) -> list[dict]:
    listed = cli("--registry", root, "list", "--all", "--json")
    assert listed.exit_code == 0, listed.stderr
    claims = listed.json()
    registry = Registry.open(root)
    texts = {a["id"]: registry.article(a["id"]).text for a in registry.article_summaries()}
    for claim in claims:
        span = claim["span"]
        assert texts[claim["article_id"]][span["start"] : span["end"]] == span["quote"], claim["id"]
    return claims


def test_generated_registry_is_valid_and_the_benchmark_prints_its_table(cli, tmp_path):
    root = tmp_path / "bench-registry"
    made = _run(BENCH / "generate.py", 60, root, "--seed", 7)
    assert made.returncode == 0, made.stderr
    assert "60 claims" in made.stdout

    claims = _assert_spans_exact(cli, root)
    assert len(claims) == 60
    assert {c["article_id"] for c in claims} and len({c["kind"] for c in claims}) >= 4
    assert len({c["status"] for c in claims}) >= 2  # a share of the claims went through `actions`

    timed = _run(BENCH / "run.py", root, "--repeat", 1, "--seed", 7)
    assert timed.returncode == 0, timed.stderr
    assert "| operation | claimcheck |" in timed.stdout
    for op in OPERATIONS:
        assert f"| {op} |" in timed.stdout, op
    assert "60 claims" in timed.stdout
    # The benchmark marked a claim and ingested an article: the registry is still sound.
    after = _assert_spans_exact(cli, root)
    assert len(after) > len(claims)
    assert sum(c["status"] == "in-review" for c in after) > sum(c["status"] == "in-review" for c in claims)
