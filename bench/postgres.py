"""Time claimcheck's commands on a PostgreSQL registry beside the same registry as a folder, as whole processes.

usage: python bench/postgres.py DIR URL [--repeat 5] [--json OUT]

DIR is a folder registry (bench/generate.py N DIR; it is changed: use a copy), URL an empty PostgreSQL
registry (`createdb` then nothing: the copy creates its tables). DIR is first copied into URL through
`claimcheck export` (timed once), then every operation of bench/run.py runs `--repeat` times on each
backend as a fresh process (start-up, import of psycopg and the connection included), alternating, and
the table gives the median wall time, the peak RSS and the target at 100k claims (bench/run.py's
TARGETS_MS). The same claims are shown and marked, and the same new articles ingested, on both sides.
No time is asserted: this prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from run import LIST_STATUS, TARGETS_MS, Launcher, Result, _env  # noqa: E402


def _ops(folder: str, url: str, repeat: int, work: Path, seed: int) -> list[tuple[str, Any]]:
    from generate import write_fresh_articles

    from claimcheck.store import open_registry

    with open_registry(Path(folder)) as registry:
        summaries = registry.claim_summaries()
        articles = registry.article_summaries()
    rng = random.Random(seed)
    unverified = [s["id"] for s in summaries if s["status"] == "unverified"]
    to_mark = rng.sample(unverified, 2 * (repeat + 1))  # each side marks its own: a claim is marked once
    to_show = rng.sample([s["id"] for s in summaries], repeat + 1)
    to_report = [rng.choice(articles)["id"] for _ in range(repeat + 1)]
    fresh = write_fresh_articles(work / "fresh", repeat + 1, seed=rng.randrange(10**9))
    report_out = work / "report.html"

    def on(where: str) -> Any:
        side = 0 if where == folder else 1
        cmd = [sys.executable, "-m", "claimcheck", "--registry", where]
        return {
            "list --json": lambda i: [*cmd, "list", "--json"],
            "list --status": lambda i: [*cmd, "list", "--status", LIST_STATUS],
            "show": lambda i: [*cmd, "show", to_show[i]],
            "mark": lambda i: [*cmd, "mark", to_mark[2 * i + side], "in-review"],
            # The same text on both sides: each registry gets it once.
            "ingest": lambda i: [*cmd, "ingest", str(fresh[i]), "--published", "2025-03-01"],
            "report html": lambda i: [*cmd, "report", to_report[i], "--format", "html", "--output", str(report_out)],
        }

    folder_ops, url_ops = on(folder), on(url)
    return [("--help", (lambda i: [sys.executable, "-m", "claimcheck", "--help"],) * 2)] + [
        (name, (folder_ops[name], url_ops[name])) for name in folder_ops
    ]


def bench(folder: str, url: str, repeat: int, seed: int) -> tuple[list[Result], dict[str, Any]]:
    env = _env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    launcher = Launcher()
    info: dict[str, Any] = {"folder": folder}
    with tempfile.TemporaryDirectory(prefix="claimcheck-pgbench-") as tmp:
        work = Path(tmp)
        copied = launcher.run([sys.executable, "-m", "claimcheck", "--registry", folder, "export", url], env, work)
        if copied.code != 0:
            raise SystemExit(f"postgres bench: export failed: {copied.err.strip()}")
        info["export_s"] = round(copied.ms / 1000, 1)
        results = []
        for name, (ours, theirs) in _ops(folder, url, repeat, work, seed):
            result = Result(name)
            launcher.run(ours(repeat), env, work)  # untimed: byte code compiled, pages cached
            launcher.run(theirs(repeat), env, work)
            for i in range(repeat):
                result.ref.append(launcher.run(ours(i), env, work))  # the folder is the reference here
                result.runs.append(launcher.run(theirs(i), env, work))
            results.append(result)
    launcher.close()
    from claimcheck.store import open_registry

    with open_registry(Path(folder)) as registry:
        info["claims"] = len(registry.claim_summaries())
    return results, info


def table(results: list[Result], info: dict[str, Any], repeat: int) -> str:
    lines = [
        f"{info['claims']:,} claims; folder {info['folder']} copied to PostgreSQL by `export` in "
        f"{info['export_s']} s; median of {repeat} whole processes",
        f"{'operation':<14} {'folder':>9} {'postgresql':>11} {'pg RSS':>8} {'target':>8}",
    ]
    for r in results:
        target = TARGETS_MS.get(r.op)
        folder_ms = f"{r.ref_ms:,.0f} ms" if r.ref_ms is not None else "error"
        pg_ms = f"{r.ms:,.0f} ms" if r.ms is not None else r.problem()[:40]
        rss = f"{r.rss:,.0f} MB" if r.rss is not None else "–"
        lines.append(f"{r.op:<14} {folder_ms:>9} {pg_ms:>11} {rss:>8} {(f'{target:,.0f} ms' if target else '–'):>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="a folder registry (changed: use a copy)")
    parser.add_argument("url", help="an empty PostgreSQL registry, postgresql://…")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else time.time_ns() % 10**9
    results, info = bench(str(Path(args.dir).resolve()), args.url, args.repeat, seed)
    print(table(results, info, args.repeat))
    if args.json:
        figures = [
            {
                "op": r.op,
                "postgresql_ms": r.ms,
                "folder_ms": r.ref_ms,
                "postgresql_runs_ms": [x.ms for x in r.runs],
                "folder_runs_ms": [x.ms for x in r.ref],
                "postgresql_rss_mb": r.rss,
                "median_cpu_ms": statistics.median(x.cpu_ms for x in r.runs) if r.runs else None,
            }
            for r in results
        ]
        args.json.write_text(json.dumps({"info": info, "results": figures}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
