"""How well the article body is found on the saved pages of tests/fixtures/pages (or any folder like it).

Each page NAME.html has its expected body in NAME.expected.txt. The score is the one article-extraction
benchmarks use: the bag of lower-cased word tokens of the extracted text against the expected one,
precision, recall and F1 per page, then averaged over the pages. Printed for claimcheck (the text
`ingest` stores), for raw trafilatura (its plain-text output, default settings and favor_precision) and
for the tree walk claimcheck used before (now its fallback), with the milliseconds per page.

    python bench/pages.py [DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ROOT / "tests" / "fixtures" / "pages"
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def score(found: str, expected: str) -> dict[str, float]:
    """Token precision, recall and F1 of `found` against `expected` (1.0 each when both are empty)."""
    got, want = tokens(found), tokens(expected)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else float(not want)
    recall = common / sum(want.values()) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def claimcheck_text(html: str) -> str:
    from claimcheck.sources import parse_text

    return parse_text(html, "html", "page").text


def walker_text(html: str) -> str:
    from claimcheck.sources.walker import fallback_text

    return fallback_text(html)


def trafilatura_text(html: str, **options: bool) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, **options) or ""


SYSTEMS: dict[str, Callable[[str], str]] = {
    "claimcheck": claimcheck_text,
    "trafilatura": trafilatura_text,
    "trafilatura-precision": lambda html: trafilatura_text(html, favor_precision=True),
    "tree-walk (before)": walker_text,
}


def score_dir(folder: Path = PAGES, systems: dict[str, Callable[[str], str]] | None = None) -> dict[str, dict]:
    """{system: {"pages": {name: scores}, "precision"/"recall"/"f1": means, "ms": per page}}."""
    pages = sorted(folder.glob("*.html"))
    results: dict[str, dict] = {}
    for name, extract in (systems or SYSTEMS).items():
        per_page, elapsed = {}, 0.0
        for page in pages:
            html = page.read_text(encoding="utf-8")
            expected = page.with_suffix(".expected.txt").read_text(encoding="utf-8")
            start = time.perf_counter()
            found = extract(html)
            elapsed += time.perf_counter() - start
            per_page[page.stem] = score(found, expected)
        results[name] = {
            "pages": per_page,
            **{k: statistics.fmean(p[k] for p in per_page.values()) for k in ("precision", "recall", "f1")},
            "ms": 1000 * elapsed / max(len(pages), 1),
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=PAGES)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    for system in SYSTEMS.values():
        system("<html><body><p>warm-up: imports and caches</p></body></html>")
    results = score_dir(args.folder)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    names = list(results)
    print(f"{len(results[names[0]]['pages'])} pages in {args.folder}; F1 per page (precision/recall)\n")
    print(f"{'page':28}" + "".join(f"{n:>24}" for n in names))
    for page in results[names[0]]["pages"]:
        cells = (results[n]["pages"][page] for n in names)
        print(f"{page:28}" + "".join(f"{c['f1']:>8.3f} ({c['precision']:.2f}/{c['recall']:.2f})" for c in cells))
    print(
        f"{'mean':28}"
        + "".join(f"{results[n]['f1']:>8.3f} ({results[n]['precision']:.2f}/{results[n]['recall']:.2f})" for n in names)
    )
    print(f"{'ms per page':28}" + "".join(f"{results[n]['ms']:>24.1f}" for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
