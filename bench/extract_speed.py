"""Throughput of the whole extraction on ~1 MB of article text.

    python bench/extract_speed.py [--size MB] [--runs N]

The dev articles are repeated, each language on its own, until the text is
about `--size` MB; extract() runs `--runs` times on each and the median MB/s
is printed, with the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.extract.pipeline import extract  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev"
if not DEV.is_dir():
    DEV = ROOT / "tests" / "gold"


def corpus(lang: str, size: int) -> tuple[str, date]:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob(f"*.{lang}.gold.json"))]
    texts = [(DEV / g["article"]).read_text(encoding="utf-8") for g in golds]
    unit = "\n\n".join(texts)
    return "\n\n".join([unit] * max(1, size // len(unit.encode()))), date.fromisoformat(golds[0]["published"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=float, default=1.0, help="MB of text per language")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    extract("Le Niger a quitté la Cedeao en 2023.", "fr", date(2024, 1, 1))  # warm up imports and caches
    for lang in ("fr", "en"):
        text, published = corpus(lang, int(args.size * 1_000_000))
        mb = len(text.encode()) / 1_000_000
        speeds, claims = [], 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            claims = len(extract(text, lang, published))
            speeds.append(mb / (time.perf_counter() - t0))
        print(
            f"{lang}: {mb:.2f} MB, {claims} claims, median {statistics.median(speeds):.2f} MB/s "
            f"(min {min(speeds):.2f}, max {max(speeds):.2f}) over {args.runs} runs"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
