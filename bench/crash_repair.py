"""Kill `doctor --reindex` or `doctor --restore` with SIGKILL at random moments: is anything lost or dangling?

    python bench/crash.py --mode reindex     # 30 kills of a rebuild of a 5,000-claim registry
    python bench/crash.py --mode restore     # 30 kills of a restore of a truncated article file
    python bench/crash.py --mode reindex --short

Before the kills, acknowledged changes are made through the CLI (evidence
added, each URL a token). In `restore` mode each trial first adds one more
piece of evidence to a claim of an article file, then truncates that file, then
kills the restore; the restore is run again to the end. After each kill the
registry is opened through the CLI (`list --json`, `doctor --json`) and every
token acknowledged so far must be there, with no "seen before" link to a
claim that does not exist. The restore brings back the file's backup (the
copy before its last write) with its change journal replayed on top
(store/journal.py): the tokens of those last writes are counted apart
(`lost_last_write`, what a restore without the journal loses); both must be 0.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stress  # noqa: E402

ROOT = stress.ROOT


def _generate(registry: Path, claims: int) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(claims), str(registry), "--extractor", "templates"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if done.returncode != 0:
        raise SystemExit(f"crash: generate.py failed: {done.stderr.strip()[-500:]}")


def _add_evidence(env: dict[str, str], claim: str, token: str) -> bool:
    done = stress.run_cli(["evidence", "add", claim, f"https://example.org/crash/{token}"], env)
    return done.returncode == 0


def _present(env: dict[str, str]) -> tuple[set[str], int, str]:
    """(tokens found, dangling links, problem) from `list --json`."""
    listed = stress.run_cli(["list", "--json"], env)
    if listed.returncode != 0:
        return set(), 0, f"`list --json` failed: {listed.stderr.strip()[-300:]}"
    claims = json.loads(listed.stdout)
    ids = {c["id"] for c in claims}
    tokens = {e["url"].rsplit("/", 1)[1] for c in claims for e in c["evidence"] if "/crash/" in e["url"]}
    dangling = sum(1 for c in claims for i in c["seen_before"] if i not in ids)
    return tokens, dangling, ""


def _kill(args: list[str], env: dict[str, str], delay: float) -> bool:
    """Run `claimcheck ARGS`, SIGKILL it after `delay` s; whether it had finished first."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=str(ROOT),
    )
    time.sleep(delay)
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return finished


def _left(registry: Path, finished: bool) -> str:
    if finished:
        return "finished before the kill"
    names = sorted(p.name for p in registry.iterdir() if p.name.startswith((".rebuild", ".pending")))
    return "+".join(names) or "nothing left"


def repair_crash(registry: Path, mode: str, trials: int, claims: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    _generate(registry, claims)
    env = stress.cli_env(registry, "crash")
    articles = sorted((registry / "articles").glob("a-*.json"))
    acked: dict[str, str] = {}  # token -> article id
    for n in range(5):
        path = rng.choice(articles)
        claim = next(iter(json.loads(path.read_text(encoding="utf-8"))["claims"].values()))["id"]
        if _add_evidence(env, claim, f"pre-{n}"):
            acked[f"pre-{n}"] = path.stem
    args = ["doctor", "--reindex"] if mode == "reindex" else ["doctor", "--restore", "--yes"]
    problems: list[str] = []
    landed: Counter[str] = Counter()
    last_writes: set[str] = set()
    seconds = 0.0
    lost: set[str] = set()
    dangling_total = 0
    for n in range(trials + 1):
        token = f"t{n}"
        if mode == "restore":
            path = rng.choice(articles)
            claim = next(iter(json.loads(path.read_text(encoding="utf-8"))["claims"].values()))["id"]
            if _add_evidence(env, claim, token):
                acked[token] = path.stem
                last_writes.add(token)  # the file's backup is the copy before this write
            path.write_bytes(path.read_bytes()[:-300])
        if n == 0:  # the first run is timed, not killed: the kills fall inside its duration
            began = time.monotonic()
            done = stress.run_cli(args, env, timeout=600)
            seconds = time.monotonic() - began
            if done.returncode != 0:
                problems.append(f"the uninterrupted run failed: {done.stderr.strip()[-300:]}")
            continue
        landed[_left(registry, _kill(args, env, rng.uniform(0.25, max(seconds, 0.3))))] += 1
        if mode == "restore":
            again = stress.run_cli(args, env, timeout=600)
            if again.returncode != 0:
                problems.append(f"trial {n}: the restore run again failed: {again.stderr.strip()[-300:]}")
        found, dangling, problem = _present(env)
        dangling_total += dangling
        if problem:
            problems.append(f"trial {n}: corrupt: {problem}")
        doctor_ok, said = stress.run_doctor(env)
        if not doctor_ok:
            problems.append(f"trial {n}: corrupt: doctor: {said[-300:]}")
        lost |= set(acked) - found
    return {
        "mode": mode,
        "trials": trials,
        "claims": claims,
        "run_seconds": round(seconds, 2),
        "landed": dict(landed.most_common()),
        "acknowledged": len(acked),
        "lost": len(lost - last_writes),
        "lost_last_write": len(lost & last_writes),
        "lost_tokens": sorted(lost)[:20],
        "dangling_links": dangling_total,
        "corrupt": sum(1 for p in problems if "corrupt" in p),
        "problems": problems[:20],
    }


def print_report(r: dict[str, Any]) -> None:
    print(f"crash --mode {r['mode']}: {r['trials']} SIGKILLs of `doctor --{r['mode']}` ({r['claims']} claims)")
    print(f"  one run            {r['run_seconds']} s (the kills fall inside it)")
    print(f"  corrupt            {r['corrupt']}")
    print(f"  lost               {r['lost']} of {r['acknowledged']} acknowledged")
    if r["mode"] == "restore":
        print(f"  last writes lost   {r['lost_last_write']} (in the journal, not in the backup)")
    print(f"  dangling links     {r['dangling_links']}")
    print("  kills left         " + ", ".join(f"{k}: {v}" for k, v in r["landed"].items()))
    for problem in r["problems"]:
        print(f"    {problem}")


def ok(r: dict[str, Any]) -> bool:
    return (
        r["corrupt"] == 0
        and r["lost"] == 0
        and r.get("lost_last_write", 0) == 0
        and r["dangling_links"] == 0
        and not r["problems"]
    )
