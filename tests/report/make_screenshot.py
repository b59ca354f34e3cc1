"""Make the README screenshot of the HTML report: the seed article, ingested and partly reviewed.

    .venv/bin/python tests/report/make_screenshot.py            # writes docs/report-screenshot.png
    .venv/bin/python tests/report/make_screenshot.py --out DIR  # only DIR/report-readme.{html,png}

The article goes through the real pipeline (ingest into a throw-away registry),
some claims get a status with evidence and notes, and the report is opened in
headless Chromium with one claim's details showing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimcheck.actions import make_evidence, set_status  # noqa: E402
from claimcheck.models import Stance, Status, utcnow  # noqa: E402
from claimcheck.report import render  # noqa: E402
from claimcheck.store import Registry  # noqa: E402
from claimcheck.workflows.ingest import ingest_file  # noqa: E402
from tests.report.browser import Browser, find_chromium  # noqa: E402

SEED = ROOT / "examples" / "niger-us-withdrawal.fr.txt"
DOCS = ROOT / "docs" / "report-screenshot.png"
ARTIFACTS = ROOT / "tests" / "artifacts"
# (words of the claim, status, evidence URL, stance, note): what a desk might have done by mid-morning.
REVIEW = [
    (
        "15 septembre",
        Status.verified,
        "https://www.africom.mil/pressrelease/us-niger-joint-statement",
        Stance.supports,
        "The joint statement gives 15 September 2024 as the deadline.",
    ),
    ("dimanche", Status.in_review, None, None, None),
    ("460 miles", Status.dismissed, None, None, "The 750 km converted, not a claim of its own."),
    (
        "parvenus à un accord",
        Status.verified,
        "https://www.state.gov/joint-statement-united-states-niger",
        Stance.supports,
        None,
    ),
    ("comme base principale", Status.unverifiable, None, None, "No public source on how the bases are used."),
    ("l'année dernière", Status.verified, "https://www.un.org/africarenewal/niger-coup-2023", Stance.supports, None),
    ("tout en se rapprochant", Status.in_review, None, None, None),
    (
        "100 millions de dollars",
        Status.misleading,
        "https://www.example.org/agadez-air-base-cost",
        Stance.refutes,
        "Closer to $110 million once the runway is counted.",
    ),
    (
        "750 km",
        Status.false,
        "https://www.example.org/maps/agadez-niamey",
        Stance.refutes,
        "About 920 km by road; 770 km in a straight line.",
    ),
    (
        "1 000 soldats",
        Status.verified,
        "https://www.defense.gov/News/Releases/",
        Stance.supports,
        "The Pentagon gives about 1,100 troops.",
    ),
]
SHOW = "15 septembre"


def build(out: Path) -> tuple[Path, Path]:
    """Ingest, review, render and photograph; returns (html, png) written in `out`."""
    executable = find_chromium()
    if executable is None:
        raise SystemExit("Chromium not found: apt-get install chromium (or set CLAIMCHECK_CHROMIUM)")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        registry = Registry.init(Path(tmp) / "claims")
        result = ingest_file(
            registry,
            SEED,
            by="extractor",
            published=date(2024, 5, 20),
            lang="fr",
            url="https://news.example.org/afrique/niger-troupes-americaines-retrait",
            title="Niger : les troupes américaines partiront d'ici le 15 septembre",
            outlet="Exemple Info",
            max_bytes=5_000_000,
        )
        article = result.article
        claims = registry.claims_of(article.id)
        shown = None
        for words, status, url, stance, note in REVIEW:
            found = next((c for c in claims if words in c.span.quote), None)
            if found is None:
                print(f"make_screenshot: no claim holds {words!r}; left as is", file=sys.stderr)
                continue
            evidence = [make_evidence(url, stance=stance, note=None, by="amina")] if url and stance else []
            registry.modify_claim(
                found.id, lambda c, s=status, e=evidence, n=note: set_status(c, s, by="amina", evidence=e, note=n)
            )
            if words == SHOW:
                shown = found.id
        item = (registry.article(article.id), registry.claims_of(article.id))
    html = out / "report-readme.html"
    html.write_text(render("html", [item], generated_at=utcnow()), encoding="utf-8")
    png = out / "report-readme.png"
    with Browser(executable, width=1280, height=1180) as browser:
        browser.open(html)
        if shown:
            browser.click(f'[data-claim="{shown}"]')
        browser.evaluate("window.scrollTo(0, 0)")
        browser.screenshot(png)
    return html, png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        help="folder for the page and the picture (default: tests/artifacts, "
        "then copied to docs/report-screenshot.png)",
    )
    args = parser.parse_args()
    html, png = build(args.out or ARTIFACTS)
    if args.out is None:
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, DOCS)
        print(f"wrote {html}, {png} and {DOCS}")
    else:
        print(f"wrote {html} and {png}")


if __name__ == "__main__":
    main()
