"""Every command's output, byte for byte, against files recorded from the code before the layout change.

One scenario runs the real command line in-process, step after step, on one registry: the three example
articles, a reprint of the seed (so `similar` and `--same-as` have something to find), reviews, an edited
version, reports in every format, a few refused commands and a repaired registry. Each step's exit code,
stdout and stderr (and the file it writes, if any) are compared with tests/system/golden/.

Only what differs from one run to the next is normalised, by `normalise` below:

- the test's temporary folder becomes `<TMP>`;
- today's date becomes `<TODAY>`, and a time of day written right after it becomes `hh:mm:ss` or `hh:mm`
  (its separator, seconds, fraction and UTC suffix are kept, so a change of format still shows);
  the compact stamp in a file name (20240520T101500Z) becomes `<TODAY>Thhmmss` (its `Z` kept);
- the size in "Wrote F (… 12,617 bytes)" becomes `<N> bytes`: it counts the temporary folder's raw name, whose
  length varies from run to run (the file itself is compared, normalised).

Lists of articles are in ingest order, by `ingested_at` to the second and then by id, so every step that
creates an article or a claim starts in a new second (`_next_second`): otherwise two ingests in one second
would be listed by id, and the order would depend on how fast the machine is.

Ids are kept: they are hashes of the article's source and text, the same on every run. Every article is
ingested with --published and `due` is given --today, so no extracted date depends on the day the test runs.

Re-record (only from code whose output is the truth):
    CLAIMCHECK_GOLDEN_RECORD=1 python -m pytest tests/system/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SEED

GOLDEN = Path(__file__).resolve().parent / "golden"
RECORD = os.environ.get("CLAIMCHECK_GOLDEN_RECORD") == "1"

SEED_ID = "a-65fc1d"
BASES = "c-656214"  # "deux bases militaires"
KM = "c-6583d6"  # "750 km"
SOLDIERS = "c-65517c"  # "plus de 1 000 soldats"
STATEMENT = "c-65a2e3"  # "Le porte-parole militaire, le colonel Amadou Abdramane, a accusé…"

REPRINT = """\
Les forces américaines ont utilisé deux bases militaires au Niger pour surveiller les groupes militants \
islamistes au Sahel.

Les États-Unis ont construit une base militaire dans la ville centrale d’Agadez, à 750 km au nord-est de Niamey.

Les États-Unis comptent plus de 1 000 soldats stationnés sur cette base.
"""


def _write_reprint(tmp: Path) -> None:
    (tmp / "niger-reprint.fr.txt").write_text(REPRINT, encoding="utf-8")


def _write_edited_seed(tmp: Path) -> None:
    """The seed corrected: a figure changed, a paragraph cut, one added."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("deux bases militaires", "trois bases militaires")
    text = text.replace(
        "L'accord a été conclu à l'issue de négociations marathon entre les deux pays à Niamey.\n\n", ""
    )
    text += "\n\nLe retrait coûtera 50 millions de dollars, selon le Pentagone.\n"
    (tmp / "niger-us-withdrawal.v2.fr.txt").write_text(text, encoding="utf-8")


def _write_edited_energy(tmp: Path) -> None:
    """prix-energie.fr.txt edited in place (same file name, so `ingest` makes it version 2)."""
    text = (EXAMPLES / "prix-energie.fr.txt").read_text(encoding="utf-8")
    (tmp / "v2").mkdir()
    (tmp / "v2" / "prix-energie.fr.txt").write_text(text.replace("15 %", "16 %"), encoding="utf-8")


def _write_evidence(tmp: Path) -> None:
    (tmp / "evidence.txt").write_text("Rapport: trois bases, pas deux.\n", encoding="utf-8")


def _break_article(tmp: Path) -> None:
    (tmp / "claims" / "articles" / "a-79e6c5.json").write_text("{ not json", encoding="utf-8")


@dataclass(frozen=True)
class Step:
    name: str
    args: tuple[str, ...]
    before: Callable[[Path], None] | None = None
    writes: str | None = None  # a file the command writes, under the temporary folder
    ext: str = "json"  # how stdout is stored
    extra: dict = field(default_factory=dict)


def _s(name: str, *args: str, **kw) -> Step:
    return Step(name, args, **kw)


STEPS: list[Step] = [
    _s("init", "init", "--json"),
    _s("articles-empty", "articles", "--json"),
    _s("list-empty", "list", "--json"),
    _s("init-again", "init", "--json"),
    _s(
        "ingest-seed",
        "ingest",
        "{tmp}/niger-us-withdrawal.fr.txt",
        "--published",
        "2024-05-20",
        "--lang",
        "fr",
        "--json",
    ),
    _s("ingest-seed-again", "ingest", "{tmp}/niger-us-withdrawal.fr.txt", "--published", "2024-05-20", "--json"),
    _s(
        "ingest-port",
        "ingest",
        "{tmp}/port-expansion.en.txt",
        "--published",
        "2024-06-13",
        "--lang",
        "en",
        "--url",
        "https://example.org/port",
        "--title",
        "Port expansion",
        "--outlet",
        "Harbour News",
        "--json",
    ),
    _s("ingest-energy", "ingest", "{tmp}/prix-energie.fr.txt", "--published", "2024-01-12", "--json"),
    _s(
        "ingest-reprint",
        "ingest",
        "{tmp}/niger-reprint.fr.txt",
        "--published",
        "2024-05-21",
        "--lang",
        "fr",
        "--json",
        before=_write_reprint,
    ),
    _s("articles", "articles", "--json"),
    _s("list", "list", "--json"),
    _s("list-kind-money", "list", "--kind", "money", "--json"),
    _s("list-status-unverified-limit", "list", "--status", "unverified", "--limit", "3", "--json"),
    _s("list-article-prefix", "list", "--article", "a-fb6", "--json"),
    _s("list-search", "list", "--search", "Sahel", "--json"),
    _s("list-search-kind", "list", "--search", "bases", "--kind", "quantity", "--json"),
    _s("show", "show", BASES, "--json"),
    _s("show-prefix", "show", STATEMENT[:6], "--json"),
    _s("add-quote", "add", SEED_ID, "--quote", "deuxième puissance occidentale", "--json"),
    _s(
        "add-occurrence-kind",
        "add",
        SEED_ID[:4],
        "--quote",
        "Niger",
        "--occurrence",
        "2",
        "--kind",
        "statement",
        "--json",
    ),
    _s("mark-in-review", "mark", SOLDIERS, "in-review", "--note", "checking the DoD figure", "--json"),
    _s(
        "mark-false-with-evidence",
        "mark",
        BASES,
        "false",
        "-e",
        "https://example.org/report",
        "-e",
        "{tmp}/evidence.txt",
        "--stance",
        "refutes",
        "--note",
        "trois bases",
        "--json",
        before=_write_evidence,
    ),
    _s("verify", "verify", KM, "-e", "https://example.org/map", "--note", "on the map", "--json"),
    _s("mark-dismissed", "mark", STATEMENT, "dismissed", "--note", "not check-worthy", "--json"),
    _s(
        "evidence-add",
        "evidence",
        "add",
        SOLDIERS,
        "https://example.org/dod",
        "--stance",
        "context",
        "--note",
        "DoD figures",
        "--json",
    ),
    _s("evidence-add-second", "evidence", "add", SOLDIERS, "https://example.org/other", "--json"),
    _s("evidence-remove", "evidence", "remove", SOLDIERS, "https://example.org/other", "--json"),
    _s("history", "history", BASES, "--json"),
    _s("similar", "similar", KM, "--json"),
    _s("similar-none", "similar", "c-fb60d9", "--json"),
    _s("mark-same-as", "mark", "{reprint_km}", "--same-as", KM, "--json"),
    _s("status", "status", "--json"),
    _s("status-article", "status", SEED_ID, "--json"),
    _s("lint", "lint", "--json"),
    _s("lint-article-strict", "lint", SEED_ID, "--strict", "--json"),
    _s("due-2025", "due", "--today", "2025-06-01", "--json"),
    _s("due-2028", "due", "--today", "2028-01-01", "--json"),
    _s("update", "update", SEED_ID, "{tmp}/niger-us-withdrawal.v2.fr.txt", "--json", before=_write_edited_seed),
    _s(
        "ingest-edited-same-name",
        "ingest",
        "{tmp}/v2/prix-energie.fr.txt",
        "--published",
        "2024-01-12",
        "--json",
        before=_write_edited_energy,
    ),
    _s("show-after-update", "show", BASES, "--json"),
    _s("list-after-update", "list", "--article", SEED_ID, "--json"),
    _s("doctor", "doctor", "--json"),
    _s("doctor-reindex", "doctor", "--reindex", "--json"),
    _s("report-md", "report", SEED_ID, ext="md"),
    _s("report-md-all", "report", "--format", "md", ext="md"),
    _s("report-json", "report", SEED_ID, "-f", "json", ext="json"),
    _s("report-csv", "report", "-f", "csv", ext="csv"),
    _s("report-csv-excel-file", "report", "-f", "csv", "--excel", "-o", "{tmp}/report.csv", writes="report.csv"),
    _s(
        "report-claimreview",
        "report",
        SEED_ID,
        "a-fb6c82",
        "-f",
        "claimreview",
        "--org",
        "Test Org",
        "--review-url",
        "https://example.org/review/{article_id}/{claim_id}",
        ext="json",
    ),
    _s("report-html-file", "report", SEED_ID, "-o", "{tmp}/review.html", writes="review.html"),
    _s("report-md-file", "report", "-o", "{tmp}/review.md", writes="review.md"),
    # refused commands: the error JSON and the exit code
    _s("error-unknown-claim", "show", "c-ffffff", "--json"),
    _s("error-ambiguous-prefix", "show", "c-65", "--json"),
    _s("mark-verdict-on-context-evidence", "mark", SOLDIERS, "verified", "--json"),
    _s("error-verdict-without-evidence", "mark", "c-6589bf", "false", "--json"),
    _s("error-unknown-status", "mark", SOLDIERS, "bogus", "--json"),
    _s("error-bad-evidence", "verify", SOLDIERS, "-e", "ftp://example.org/x", "--json"),
    _s("error-quote-not-found", "add", SEED_ID, "--quote", "pas dans l'article", "--json"),
    _s("error-unknown-article", "status", "a-ffffff", "--json"),
    _s("error-missing-file", "ingest", "{tmp}/missing.txt", "--json"),
    _s("error-bad-date", "ingest", "{tmp}/port-expansion.en.txt", "--published", "20 mai", "--json"),
    _s("error-unknown-kind", "list", "--kind", "weight", "--json"),
    _s("error-report-format", "report", "-f", "pdf", ext="txt"),
    _s("error-usage", "show", "--json", ext="txt"),
    # a broken article file, found and repaired
    _s("doctor-broken", "doctor", "--json", before=_break_article),
    _s("doctor-restore", "doctor", "--restore", "--file", "articles/a-79e6c5.json", "--yes", "--json"),
    _s("doctor-after-restore", "doctor", "--json"),
    _s("list-after-restore", "list", "--article", "a-79e6c5", "--json"),
]


def _todays() -> set[str]:
    return {date.today().isoformat(), datetime.now(UTC).date().isoformat()}


def normalise(text: str, tmp: Path, todays: set[str]) -> str:
    """The run-dependent parts of an output, replaced (see the module docstring)."""
    text = text.replace(str(tmp), "<TMP>")
    for today in sorted(todays):
        text = re.sub(
            re.escape(today) + r"([T ])\d{2}:\d{2}(:\d{2}(\.\d+)?)?",
            lambda m: "<TODAY>" + m[1] + ("hh:mm:ss" if m[2] else "hh:mm") + (".f" if m[3] else ""),
            text,
        )
        text = text.replace(today, "<TODAY>")
        text = re.sub(today.replace("-", "") + r"T\d{6}", "<TODAY>Thhmmss", text)  # a file name's stamp
    # a written file's size counts the raw temporary folder's name, whose length varies; its content is compared
    return re.sub(r"\b\d[\d,]* bytes\b", "<N> bytes", text)


def _fill(arg: str, names: dict[str, str]) -> str:
    """`{tmp}` and the ids found by earlier steps; other braces (a --review-url template) stay."""
    for key, value in names.items():
        arg = arg.replace("{" + key + "}", value)
    return arg


CREATES = {"ingest", "update", "add"}


def _next_second() -> None:
    now = time.time()
    time.sleep(int(now) + 1 - now + 0.01)


def _stem(index: int, step: Step) -> str:
    return f"{index:02d}-{step.name}"


def _run(cli, tmp: Path) -> tuple[list[dict], dict[str, str]]:
    """Run every step; (the manifest, {file name: normalised content}) ready to record or compare."""
    for example in EXAMPLES.iterdir():
        shutil.copy(example, tmp / example.name)
    todays = _todays()
    names: dict[str, str] = {}
    manifest: list[dict] = []
    files: dict[str, str] = {}
    for index, step in enumerate(STEPS, 1):
        if step.before:
            step.before(tmp)
        if step.args[0] in CREATES:
            _next_second()
        args = [_fill(a, {"tmp": str(tmp), **names}) for a in step.args]
        result = cli(*args)
        todays |= _todays()
        stem = _stem(index, step)
        entry: dict = {"step": stem, "args": [normalise(a, tmp, todays) for a in args], "exit_code": result.exit_code}
        if result.stdout:
            entry["stdout"] = f"{stem}.{step.ext}"
            files[entry["stdout"]] = result.stdout
        else:
            entry["stdout"] = ""
        entry["stderr"] = result.stderr
        if step.writes:
            written = tmp / step.writes
            entry["file"] = f"{stem}.file{written.suffix}"
            files[entry["file"]] = written.read_bytes().decode("utf-8") if written.exists() else "<missing>"
        manifest.append(entry)
        if step.name == "ingest-reprint" and result.exit_code == 0:
            claims = json.loads(result.stdout)[0]["claims"]
            names["reprint_km"] = next(c["id"] for c in claims if c["span"]["quote"] == "750 km")
    todays |= _todays()
    for entry in manifest:
        entry["stderr"] = normalise(entry["stderr"], tmp, todays)
    files = {name: normalise(text, tmp, todays) for name, text in files.items()}
    return manifest, files


def _record(manifest: list[dict], files: dict[str, str]) -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    GOLDEN.mkdir()
    (GOLDEN / "steps.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, text in files.items():
        (GOLDEN / name).write_bytes(text.encode("utf-8"))


def _diff(name: str, expected: str, actual: str, limit: int = 60) -> str:
    lines = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"golden/{name}", f"now/{name}", n=2
        )
    )
    shown = "".join(lines[:limit])
    return shown + (f"\n… {len(lines) - limit} more diff lines" if len(lines) > limit else "")


def test_every_command_prints_what_it_printed_before_the_layout_change(cli, tmp_path):
    manifest, files = _run(cli, tmp_path)
    if RECORD:
        _record(manifest, files)
        pytest.skip(f"recorded {len(manifest)} steps in {GOLDEN}")
    assert (GOLDEN / "steps.json").exists(), "no golden files: record them with CLAIMCHECK_GOLDEN_RECORD=1"
    expected = json.loads((GOLDEN / "steps.json").read_text(encoding="utf-8"))
    assert [e["step"] for e in manifest] == [e["step"] for e in expected], "the scenario's steps changed"
    for now, before in zip(manifest, expected, strict=True):
        where = f"step {now['step']}: claimcheck {' '.join(now['args'])}"
        for key in ("args", "exit_code", "stdout", "stderr", "file"):
            if now.get(key) != before.get(key):
                detail = _diff(key, f"{before.get(key)}\n", f"{now.get(key)}\n") if key == "stderr" else ""
                pytest.fail(f"{where}: {key} was {before.get(key)!r}, now {now.get(key)!r}\n{detail}")
        for key in ("stdout", "file"):
            name = now.get(key)
            if name:
                recorded = (GOLDEN / name).read_bytes().decode("utf-8")
                if files[name] != recorded:
                    pytest.fail(f"{where}: {key} differs\n{_diff(name, recorded, files[name])}")


def test_golden_files_hold_no_run_dependent_value():
    """What `normalise` should have replaced must not be in the recorded files."""
    if not GOLDEN.exists():
        pytest.skip("not recorded yet")
    for path in GOLDEN.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "/tmp/" not in text and "pytest-" not in text, path.name
        assert not re.search(r"20[2-9]\d-?\d\d-?\d\dT\d\d:?\d\d:?\d\d", text), path.name  # a time not normalised
