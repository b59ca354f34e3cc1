"""Time claimcheck's commands as whole processes, beside the same operations on SQLite.

usage: python bench/run.py DIR [DIR...] [--repeat 5] [--src ROOT[:ROOT]] [--cmd "claimcheck"] [--json OUT]

For each registry DIR, every operation runs `--repeat` times as a fresh process
(start-up included), and the table gives the median wall time, the peak RSS of
the process (from `os.wait4`, exact per child), the same for the reference, their
ratio and the target. The reference is the same data in one SQLite file (stdlib
`sqlite3`, a claims table indexed on id, status and article) driven by a small
argparse program run with `python -c`, so it pays Python's start-up too.

What runs, on the registry itself (it is changed: run it on a generated copy):
  --help               `claimcheck --help`
  list --json          every claim, streamed to /dev/null
  list --status        `list --status verified` (the table shows 100 rows)
  show                 a different claim each time
  mark                 a different unverified claim each time, to in-review
  ingest               a different new article of ~3 KB each time (language detected)
  (each one also runs once untimed first, on a claim or article of its own)
  report html          `report ARTICLE --format html --output FILE` of one article

Several DIRs (1k, 10k, 100k claims) also print how `mark`, `show` and
`ingest` grow between the smallest and the largest registry.
No time is asserted anywhere: this prints figures; `--strict` exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

# Targets at 100k claims on a 2-core machine (milliseconds); None: no time target.
TARGETS_MS: dict[str, float | None] = {
    "--help": 150,
    "list --json": None,
    "list --status": 400,
    "show": 200,
    "mark": 250,
    "ingest": 1000,
    "report html": 500,
}
TARGET_RSS_MB = 250
# `mark`, `show` and `ingest` must not grow with the registry: largest / smallest median at most this.
FLAT_FACTOR = 1.25
FLAT_OPS = ("show", "mark", "ingest")
LIST_STATUS = "verified"

# -- the SQLite reference ------------------------------------------------------------------------

SQLITE_SCHEMA = """
CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
                       language TEXT, json TEXT NOT NULL);
CREATE INDEX articles_sha ON articles(sha256);
CREATE TABLE claims (id TEXT PRIMARY KEY, article_id TEXT NOT NULL, status TEXT NOT NULL, kind TEXT NOT NULL,
                     start INTEGER NOT NULL, text TEXT NOT NULL, json TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX claims_status ON claims(status);
CREATE INDEX claims_article ON claims(article_id, start);
"""

# The reference command line, run as `python -c SQLITE_CLI --db FILE COMMAND ...`: stdlib only.
SQLITE_CLI = r"""
import argparse, json, sqlite3, sys
from datetime import datetime, timezone

def now():
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")

p = argparse.ArgumentParser(prog="sqlite-ref", description="The same registry in one SQLite file.")
p.add_argument("--db", required=True)
sub = p.add_subparsers(dest="cmd", required=True)
c = sub.add_parser("list", help="list claims"); c.add_argument("--status")
c.add_argument("--json", action="store_true"); c.add_argument("--limit", type=int, default=100)
c = sub.add_parser("show", help="a claim in its sentence"); c.add_argument("claim")
c = sub.add_parser("mark", help="change a status"); c.add_argument("claim"); c.add_argument("status")
c = sub.add_parser("ingest", help="add an article"); c.add_argument("file"); c.add_argument("--published")
c = sub.add_parser("report", help="an HTML report"); c.add_argument("article")
c.add_argument("--output", required=True)
a = p.parse_args()
db = sqlite3.connect(a.db, isolation_level=None)
out = sys.stdout.write
ORDER = "FROM claims c JOIN articles a ON a.id = c.article_id {where} ORDER BY a.seq, c.start, c.id"

if a.cmd == "list" and a.json:
    out("[")
    for n, (doc,) in enumerate(db.execute("SELECT c.json " + ORDER.format(where=""))):
        out(",\n" if n else "\n"); out(doc)
    out("\n]\n")
elif a.cmd == "list":
    where, args = ("WHERE c.status = ?", (a.status,)) if a.status else ("", ())
    total = db.execute("SELECT count(*) FROM claims c " + where, args).fetchone()[0]
    rows = db.execute("SELECT c.id, c.kind, c.status, c.text, c.article_id " + ORDER.format(where=where)
                      + " LIMIT ?", (*args, a.limit)).fetchall()
    for row in rows:
        out("%-10s %-10s %-12s %-60.60s %s\n" % row)
    sys.stderr.write(f"Showing {len(rows)} of {total} claims\n")
elif a.cmd == "show":
    ref = a.claim if a.claim.startswith("c-") else "c-" + a.claim
    rows = db.execute("SELECT c.json, a.json FROM claims c JOIN articles a ON a.id = c.article_id "
                      "WHERE c.id >= ? AND c.id < ? LIMIT 2", (ref, ref + "\uffff")).fetchall()
    if len(rows) != 1:
        sys.exit(f"no single claim {ref!r}")
    claim, article = json.loads(rows[0][0]), json.loads(rows[0][1])
    s, e, text = claim["span"]["start"], claim["span"]["end"], article["text"]
    left = max(text.rfind(". ", 0, s) + 2, text.rfind("\n", 0, s) + 1, 0)
    right = min(x for x in (text.find(". ", e), text.find("\n", e), len(text)) if x >= 0)
    out(f"claim   {claim['text']}\nstatus  {claim['status']}\nkind    {claim['kind']}\n")
    out(f"article {article['id']}  {article.get('title') or ''}\n")
    out(f"in context: {text[left:s]}[{text[s:e]}]{text[e:right]}\n")
    for ev in claim["evidence"]:
        out(f"evidence {ev['stance']} {ev['url']} {ev.get('note') or ''}\n")
    for ev in claim["history"]:
        out(f"history {ev['at']} {ev['by']} {ev['action']} {ev['detail']}\n")
elif a.cmd == "mark":
    db.execute("BEGIN IMMEDIATE")
    row = db.execute("SELECT json FROM claims WHERE id = ?", (a.claim,)).fetchone()
    if row is None:
        sys.exit(f"no claim {a.claim!r}")
    claim, at = json.loads(row[0]), now()
    claim["history"].append({"at": at, "by": "bench", "action": "status",
                             "detail": {"from": claim["status"], "to": a.status}})
    claim["status"], claim["updated_at"] = a.status, at
    db.execute("UPDATE claims SET status = ?, json = ? WHERE id = ?", (a.status, json.dumps(claim), a.claim))
    db.execute("COMMIT")
    out(f"{claim['id']} {claim['status']}  {claim['text']}\n")
elif a.cmd == "ingest":
    import hashlib, re
    text = open(a.file, encoding="utf-8-sig").read()
    digest = hashlib.sha256(text.encode()).hexdigest()
    db.execute("BEGIN IMMEDIATE")
    if db.execute("SELECT 1 FROM articles WHERE sha256 = ?", (digest,)).fetchone():
        out("already ingested\n"); db.execute("COMMIT"); sys.exit(0)
    at, aid = now(), "a-" + hashlib.sha256((a.file + digest).encode()).hexdigest()[:8]
    article = {"id": aid, "language": "en", "published": a.published, "text": text, "sha256": digest,
               "source": a.file, "ingested_at": at}
    seq = db.execute("INSERT INTO articles (id, sha256, language, json) VALUES (?, ?, ?, ?)",
                     (aid, digest, "en", json.dumps(article))).lastrowid
    rows = []
    # A stand-in for extraction: numbers with the word after them.
    for m in re.finditer(r"\d[\d\u202f\u00a0,.]*\s?(?:%|[^\W\d]+)", text):
        s, e = m.span()
        cid = "c-" + hashlib.sha256(f"{aid}:{s}:{e}".encode()).hexdigest()[:8]
        claim = {"id": cid, "article_id": aid, "kind": "quantity", "text": m.group(),
                 "span": {"start": s, "end": e, "quote": m.group(), "prefix": text[max(0, s - 32):s],
                          "suffix": text[e:e + 32]}, "value": {}, "status": "unverified", "evidence": [],
                 "history": [{"at": at, "by": "bench", "action": "created", "detail": {}}],
                 "created_at": at, "updated_at": at}
        rows.append((cid, aid, "unverified", "quantity", s, m.group(), json.dumps(claim)))
    db.executemany("INSERT OR IGNORE INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("COMMIT")
    out(f"{aid}: {len(rows)} claims\n")
elif a.cmd == "report":
    import html
    row = db.execute("SELECT json FROM articles WHERE id = ?", (a.article,)).fetchone()
    article = json.loads(row[0])
    claims = [json.loads(d) for (d,) in db.execute("SELECT json FROM claims WHERE article_id = ? ORDER BY start",
                                                   (a.article,))]
    text, pos, parts = article["text"], 0, []
    for c in claims:
        s, e = c["span"]["start"], c["span"]["end"]
        if s < pos:
            continue
        parts += [html.escape(text[pos:s]), f'<mark class="{c["status"]}" id="{c["id"]}">',
                  html.escape(text[s:e]), "</mark>"]
        pos = e
    parts.append(html.escape(text[pos:]))
    rows = "".join(f"<tr><td>{c['id']}</td><td>{html.escape(c['text'])}</td><td>{c['status']}</td><td>"
                   + " ".join(f'<a href="{html.escape(ev["url"])}">{ev["stance"]}</a>' for ev in c["evidence"])
                   + "</td></tr>" for c in claims)
    page = (f"<!doctype html><meta charset=utf-8><title>{html.escape(article.get('title') or '')}</title>"
            f"<article style='white-space:pre-wrap'>{''.join(parts)}</article><table>{rows}</table>")
    open(a.output, "w", encoding="utf-8").write(page)
"""


def build_sqlite(registry_dir: Path, db_path: Path) -> int:
    """The registry's articles and claims, as stored, in one SQLite file; returns the claim count."""
    from claimcheck.store import Registry

    if db_path.exists():
        db_path.unlink()
    registry = Registry.open(registry_dir)
    db = sqlite3.connect(db_path)
    db.executescript(SQLITE_SCHEMA)
    count = 0
    with db:
        for summary in registry.article_summaries():
            article = registry.article(summary["id"])
            db.execute(
                "INSERT INTO articles (id, sha256, language, json) VALUES (?, ?, ?, ?)",
                (article.id, article.sha256, article.language, article.model_dump_json()),
            )
            claims = registry.claims_of(article.id)
            db.executemany(
                "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.id, c.article_id, c.status.value, c.kind.value, c.span.start, c.text, c.model_dump_json())
                    for c in claims
                ],
            )
            count += len(claims)
    db.execute("ANALYZE")
    db.close()
    return count


# -- running processes --------------------------------------------------------------------------


# The processes are started by this small stdlib-only launcher, not by run.py itself: a forked
# child's peak RSS counts the parent's pages until exec, and run.py holds claimcheck and pydantic
# (~40 MB), which would hide any command smaller than that.
LAUNCHER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    began = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(job["cwd"])
            null = os.open(os.devnull, os.O_RDWR)
            err = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(null, 0); os.dup2(null, 1); os.dup2(err, 2)
            os.execvpe(job["argv"][0], job["argv"], job["env"])
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - began
    print(json.dumps({"ms": elapsed * 1000, "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status),
                      "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000}), flush=True)
"""


@dataclass
class Run:
    ms: float
    rss_mb: float
    code: int
    err: str
    cpu_ms: float = 0.0


@dataclass
class Result:
    op: str
    runs: list[Run] = field(default_factory=list)
    ref: list[Run] = field(default_factory=list)

    @staticmethod
    def _median(runs: list[Run]) -> float | None:
        ok = [r.ms for r in runs if r.code == 0]
        return statistics.median(ok) if ok and len(ok) == len(runs) else None

    @property
    def ms(self) -> float | None:
        return self._median(self.runs)

    @property
    def rss(self) -> float | None:
        return max(r.rss_mb for r in self.runs) if self.ms is not None else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(r.cpu_ms for r in self.runs) if self.ms is not None else None

    @property
    def ref_ms(self) -> float | None:
        return self._median(self.ref)

    @property
    def ref_rss(self) -> float | None:
        return max(r.rss_mb for r in self.ref) if self.ref_ms is not None else None

    def problem(self) -> str:
        failed = next((r for r in self.runs if r.code != 0), None)
        if failed is None:
            return ""
        if "No such command" in failed.err:
            return "n/a (no such command yet)"
        last = [line for line in failed.err.strip().splitlines() if line.strip()]
        return f"error (exit {failed.code}: {last[-1][:90] if last else 'no message'})"


class Launcher:
    """A small process that starts each timed command and reports its wall time, peak RSS and exit code."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, argv: list[str], env: dict[str, str], cwd: Path) -> Run:
        """Wall time and peak RSS of one whole process; its stdout goes to /dev/null."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        with tempfile.NamedTemporaryFile(prefix="stderr-", dir=cwd) as err:
            self._proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": str(cwd), "stderr": err.name}) + "\n")
            self._proc.stdin.flush()
            done = json.loads(self._proc.stdout.readline())
            message = Path(err.name).read_text(encoding="utf-8", errors="replace")
        # Linux reports ru_maxrss in KiB, macOS in bytes.
        rss = done["maxrss"] / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Run(ms=done["ms"], rss_mb=rss, code=done["code"], err=message, cpu_ms=done["cpu_ms"])

    def close(self) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()


def heavy_imports_at_help(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[list[str], float]:
    """Heavy libraries `claimcheck --help` imports (should be none), and its total import time in ms."""
    proc = subprocess.run(
        [*cmd, "--help"], capture_output=True, text=True, cwd=cwd, env=dict(env, PYTHONPROFILEIMPORTTIME="1")
    )
    heavy = ("dateparser", "lingua", "pint", "rapidfuzz", "jinja2", "sentencex", "text2num", "selectolax", "regex")
    found, total_us = set(), 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|", 2)
        if not cumulative.strip().isdigit():
            continue
        top = name.strip().split(".")[0]
        if name.startswith(" ") and not name.startswith("  "):  # a top-level import: cumulative counts once
            total_us += int(cumulative.strip())
        if top in heavy:
            found.add(top)
    return sorted(found), total_us / 1000


# -- the benchmark ------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", CLAIMCHECK_USER="bench")
    env.pop("CLAIMCHECK_REGISTRY", None)
    # With it set, every run compiles claimcheck's modules again (~30 ms): the untimed warm-up run must be
    # able to write the byte code, as a normal install does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench(
    registry_dir: Path,
    launcher: Launcher,
    *,
    repeat: int,
    cmd: list[str],
    src: str | None,
    work: Path,
    sqlite: bool = True,
    seed: int | None = None,
) -> tuple[list[Result], dict[str, Any]]:
    from generate import write_fresh_articles

    from claimcheck.store import Registry

    registry_dir = registry_dir.resolve()
    env = _env()
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH", "")]))
    registry = Registry.open(registry_dir)
    summaries = registry.claim_summaries()
    articles = registry.article_summaries()
    rng = random.Random(seed if seed is not None else time.time_ns())
    unverified = [s["id"] for s in summaries if s["status"] == "unverified"]
    # One more of each than timed runs: the last one is for the untimed warm-up run.
    to_mark = rng.sample(unverified, min(repeat + 1, len(unverified)))
    to_show = rng.sample([s["id"] for s in summaries], min(repeat + 1, len(summaries)))
    to_report = [rng.choice(articles)["id"] for _ in range(repeat + 1)]
    fresh = write_fresh_articles(work / "fresh", repeat + 1, seed=rng.randrange(10**9))
    info: dict[str, Any] = {
        "registry": str(registry_dir),
        "claims": len(summaries),
        "articles": len(articles),
        "data_mb": sum(p.stat().st_size for p in registry.files()) / 1e6,
        "index_mb": sum(p.stat().st_size for p in (registry_dir / "index").glob("*.json")) / 1e6,
        "article_kb": statistics.mean(p.stat().st_size for p in fresh) / 1e3,
    }
    db_path = work / "reference.sqlite"
    if sqlite:
        build_sqlite(registry_dir, db_path)
        info["sqlite_mb"] = db_path.stat().st_size / 1e6
    base = [*cmd, "--registry", str(registry_dir)]
    ref = [sys.executable, "-c", SQLITE_CLI, "--db", str(db_path)]
    report_out = work / "report.html"
    ops: list[tuple[str, Any, Any]] = [
        ("--help", lambda i: [*cmd, "--help"], lambda i: [sys.executable, "-c", SQLITE_CLI, "--help"]),
        ("list --json", lambda i: [*base, "list", "--json"], lambda i: [*ref, "list", "--json"]),
        (
            "list --status",
            lambda i: [*base, "list", "--status", LIST_STATUS],
            lambda i: [*ref, "list", "--status", LIST_STATUS],
        ),
        (
            "show",
            lambda i: [*base, "show", to_show[i % len(to_show)]],
            lambda i: [*ref, "show", to_show[i % len(to_show)]],
        ),
        ("mark", lambda i: [*base, "mark", to_mark[i], "in-review"], lambda i: [*ref, "mark", to_mark[i], "in-review"]),
        (
            "ingest",
            lambda i: [*base, "ingest", str(fresh[i]), "--published", "2025-03-01"],
            lambda i: [*ref, "ingest", str(fresh[i]), "--published", "2025-03-01"],
        ),
        (
            "report html",
            lambda i: [*base, "report", to_report[i], "--format", "html", "--output", str(report_out)],
            lambda i: [*ref, "report", to_report[i], "--output", str(report_out)],
        ),
    ]
    results = []
    load_before = os.getloadavg()[0]
    for name, ours, theirs in ops:
        result = Result(name)
        # One untimed run first, with its own claim or article, so that byte code is compiled and the files
        # are in the page cache: otherwise the first registry timed pays for compiling every module.
        if not (name == "mark" and repeat >= len(to_mark)):
            launcher.run(ours(repeat), env, work)
            if sqlite:
                launcher.run(theirs(repeat), env, work)
        for i in range(repeat):
            if name == "mark" and i >= len(to_mark):
                break  # a tiny registry may have fewer unverified claims than runs
            result.runs.append(launcher.run(ours(i), env, work))
            if sqlite:
                result.ref.append(launcher.run(theirs(i), env, work))
        results.append(result)
    info["load"] = (load_before, os.getloadavg()[0])
    heavy, import_ms = heavy_imports_at_help(cmd, env, work)
    info["help_heavy_imports"] = heavy
    info["help_import_ms"] = import_ms
    return results, info


# -- the table ----------------------------------------------------------------------------------


def _fmt(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:,.0f}{unit}"


def verdict(result: Result) -> str:
    target = TARGETS_MS.get(result.op)
    if result.ms is None:
        return "n/a" if result.problem().startswith("n/a") else "✗"
    ok = result.rss is not None and result.rss <= TARGET_RSS_MB and (target is None or result.ms <= target)
    return "✓" if ok else "✗"


def table(results: list[Result], info: dict[str, Any], repeat: int) -> str:
    lines = [
        f"registry {info['registry']}: {info['claims']:,} claims in {info['articles']:,} articles, "
        f"{info['data_mb']:.1f} MB of JSON (index {info['index_mb']:.1f} MB)"
        + (f"; SQLite reference {info['sqlite_mb']:.1f} MB" if "sqlite_mb" in info else ""),
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs ({_cpu()}); "
        f"load {info['load'][0]:.1f} → {info['load'][1]:.1f}; median of {repeat} whole-process runs "
        "(CPU: user + system time of the process); "
        f"ingest: articles of ~{info['article_kb']:.1f} KB",
        "",
        "| operation | claimcheck | CPU | peak RSS | SQLite ref | ref RSS | ratio | target | ok |",
        "|---|---:|---:|---:|---:|---:|---:|---|:---:|",
    ]
    notes = []
    for r in results:
        target = TARGETS_MS.get(r.op)
        ratio = f"{r.ms / r.ref_ms:.1f}×" if r.ms and r.ref_ms else "–"
        shown = _fmt(r.ms, " ms") if r.ms is not None else (r.problem().split(" (")[0])
        lines.append(
            f"| {r.op} | {shown} | {_fmt(r.cpu, ' ms')} | {_fmt(r.rss, ' MB')} | {_fmt(r.ref_ms, ' ms')} | "
            f"{_fmt(r.ref_rss, ' MB')} | {ratio} | "
            f"{'≤ ' + _fmt(target, ' ms') + ', ' if target else ''}≤ {TARGET_RSS_MB} MB | {verdict(r)} |"
        )
        if r.problem():
            notes.append(f"{r.op}: {r.problem()}")
    heavy = info.get("help_heavy_imports", [])
    lines += [
        "",
        f"`--help` imports {', '.join(heavy) if heavy else 'none of the heavy libraries'} "
        f"(dateparser, lingua, pint, rapidfuzz, jinja2...); its imports take {info['help_import_ms']:.0f} ms.",
    ]
    lines += notes
    return "\n".join(lines)


def flatness(per_registry: list[tuple[dict[str, Any], list[Result]]]) -> str:
    """How `show`, `mark` and `ingest` grow from the smallest registry to the largest.

    Judged on the median wall time, what a person waits for; CPU time (user + system of the
    process) is shown beside it because other work on the machine barely moves it, but it
    leaves out time spent waiting for the disk (fsync).
    """
    ordered = sorted(per_registry, key=lambda pr: pr[0]["claims"])
    sizes = " → ".join(f"{info['claims']:,}" for info, _ in ordered)
    lines = [f"Growth from {sizes} claims (flat: largest / smallest median ≤ {FLAT_FACTOR}):", ""]
    for op in FLAT_OPS:
        found = [next((r for r in results if r.op == op), None) for _, results in ordered]
        if any(r is None or r.ms is None or r.cpu is None for r in found):
            lines.append(f"- {op}: n/a")
            continue
        walls = [r.ms for r in found]  # type: ignore[union-attr]
        cpus = [r.cpu for r in found]  # type: ignore[union-attr]
        factor = walls[-1] / walls[0]
        mark = "✓" if factor <= FLAT_FACTOR else "✗"
        lines.append(
            f"- {op}: "
            + " → ".join(f"{m:,.0f}" for m in walls)
            + f" ms (×{factor:.2f}) {mark}; CPU "
            + " → ".join(f"{m:,.0f}" for m in cpus)
            + f" ms (×{cpus[-1] / cpus[0]:.2f})"
        )
    return "\n".join(lines)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time claimcheck's commands beside an SQLite reference.")
    parser.add_argument("dirs", nargs="+", type=Path, help="registry folders (they are changed: use copies)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per operation (default 5; the median is shown)")
    parser.add_argument(
        "--src",
        default=str(REPO),
        help="folder(s) put first on the processes' PYTHONPATH, as in PYTHONPATH (default: this checkout)",
    )
    parser.add_argument(
        "--cmd",
        default=f"{shlex.quote(sys.executable)} -m claimcheck",
        help="how to run claimcheck (default: this Python with -m claimcheck)",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite reference")
    parser.add_argument("--seed", type=int, help="choose the same claims and articles as an earlier run")
    parser.add_argument("--json", type=Path, help="also write every run's figures to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    cmd = shlex.split(args.cmd)
    per_registry = []
    missed = False
    launcher = Launcher()
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        for n, folder in enumerate(args.dirs):
            work = Path(tmp) / str(n)
            work.mkdir()
            results, info = bench(
                folder,
                launcher,
                repeat=args.repeat,
                cmd=cmd,
                src=args.src,
                work=work,
                sqlite=not args.no_sqlite,
                seed=args.seed,
            )
            per_registry.append((info, results))
            missed |= any(verdict(r) == "✗" for r in results)
            print(table(results, info, args.repeat))
            print(flush=True)
    launcher.close()
    if len(per_registry) > 1:
        print(flatness(per_registry))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "info": info,
                        "results": [
                            {
                                "op": r.op,
                                "median_ms": r.ms,
                                "peak_rss_mb": r.rss,
                                "ref_median_ms": r.ref_ms,
                                "ref_peak_rss_mb": r.ref_rss,
                                "ok": verdict(r),
                                "problem": r.problem(),
                                "runs_ms": [x.ms for x in r.runs],
                                "cpu_ms": [x.cpu_ms for x in r.runs],
                                "ref_runs_ms": [x.ms for x in r.ref],
                            }
                            for r in results
                        ],
                    }
                    for info, results in per_registry
                ],
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(_main())
