"""Many writers on one registry at once, through the command line: is any acknowledged change lost?

N writer processes each make M changes (status changes, evidence additions,
notes) to a few claims of one article, all at the same time, by running the
`claimcheck` CLI. A change is acknowledged when the CLI exits 0. Afterwards
the registry is read back through the CLI (`list --json`, `doctor --json`)
and every acknowledged change must be in it, once, in the order its writer
made it, with each claim's history consistent with its current state.

    python bench/stress.py                  # the long form: 8 processes x 50 changes
    python bench/stress.py --short          # the CI form: 4 processes x 10 changes
    python bench/stress.py --json           # the figures as one JSON object on stdout
    python bench/stress.py --registry postgresql://desk@db/claims   # on an empty PostgreSQL registry

Exit status: 0 when nothing is lost, refused or invalid; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "niger-us-withdrawal.fr.txt"
SEED_PUBLISHED = "2024-05-20"
STATUSES = ["unverified", "in-review", "verified", "false", "misleading", "unverifiable", "dismissed"]
VERDICTS = {"verified", "false", "misleading"}
CLI_TIMEOUT = 180.0


# -- running the CLI -----------------------------------------------------------------------


def cli_env(registry: Path | str, user: str = "stress") -> dict[str, str]:
    """The environment of every CLI call: this checkout importable, the registry chosen, no colour."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["CLAIMCHECK_REGISTRY"] = str(registry)
    env["CLAIMCHECK_USER"] = user
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "200"
    env.pop("CLAIMCHECK_MAX_SIZE", None)
    return env


def run_cli(args: list[str], env: dict[str, str], timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=str(ROOT),
    )


def _api_import() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def seed_through_api(
    registry: Path, text: str, *, source: str, published: str = SEED_PUBLISHED, lang: str = "fr", by: str = "bench"
) -> str:
    """An article and one claim per number in it, through claimcheck's Python API.

    Used when the extractor cannot ingest yet: the storage under test is the same.
    """
    import re
    from datetime import date

    _api_import()
    from claimcheck.models import Article, ArticleVersion, ClaimDraft, Kind, sha256_text, utcnow
    from claimcheck.store import Registry, new_id
    from claimcheck.workflows.drafts import build_claims

    reg = Registry.open(registry)
    digest = sha256_text(text)
    now = utcnow()
    with reg.transaction():
        article_id = new_id("a", f"{source}:{digest}", lambda aid: reg.find_article_by_id(aid) is not None)
        article = Article(
            id=article_id,
            language=lang,
            published=date.fromisoformat(published),
            source=source,
            ingested_at=now,
            ingested_by=by,
            text=text,
            sha256=digest,
            versions=[ArticleVersion(version=1, sha256=digest, added_at=now, added_by=by, source=source)],
        )
        drafts = [
            ClaimDraft(kind=Kind.quantity, start=m.start(), end=m.end(), text=m.group())
            for m in re.finditer(r"\d[\d\s,.]*\d|\d", text)
        ]
        if not drafts:  # a text without digits still gets one claim: its first word
            m = re.search(r"\w+", text)
            start, end = (m.start(), m.end()) if m else (0, len(text))
            drafts = [ClaimDraft(kind=Kind.statement, start=start, end=end, text=text[start:end])]
        reg.save_article(article, build_claims(article, drafts, by=by, registry=reg))
    return article_id


def build_registry(registry: Path, env: dict[str, str]) -> tuple[list[dict[str, Any]], str]:
    """`init` then `ingest` of the seed article through the CLI; the API when the extractor is not ready."""
    done = run_cli(["init"], env)
    if done.returncode != 0:
        raise SystemExit(f"stress: claimcheck init failed: {done.stderr.strip()}")
    how = "the CLI (init + ingest)"
    done = run_cli(["ingest", str(SEED), "--published", SEED_PUBLISHED, "--lang", "fr"], env)
    if done.returncode != 0:
        if "Traceback" not in done.stderr:
            raise SystemExit(f"stress: claimcheck ingest failed: {done.stderr.strip()}")
        # The extractor is missing or broken: the store is what is under test, so seed it directly.
        seed_through_api(registry, SEED.read_text(encoding="utf-8"), source=SEED.name)
        how = "the CLI (init) and the Python API (ingest: the extractor failed)"
    listed = run_cli(["list", "--json"], env)
    if listed.returncode != 0:
        raise SystemExit(f"stress: claimcheck list failed: {listed.stderr.strip()}")
    return json.loads(listed.stdout), how


# -- the writers ---------------------------------------------------------------------------


@dataclass
class Change:
    """One change a writer asked for; `token` is unique and ends up in the claim's history."""

    writer: int
    seq: int
    claim: str
    kind: str  # "status" | "evidence" | "note"
    token: str
    status: str | None = None
    url: str | None = None
    acked: bool = False
    error: str = ""
    seconds: float = 0.0


def _plan(writer: int, changes: int, claim_ids: list[str], run: str, rng: random.Random) -> list[Change]:
    plan = []
    for seq in range(changes):
        token = f"{run}-w{writer}-k{seq:03d}"
        kind = ("status", "evidence", "note")[rng.randrange(3)]
        change = Change(writer=writer, seq=seq, claim=rng.choice(claim_ids), kind=kind, token=token)
        if kind == "status":
            change.status = rng.choice(STATUSES)
            if change.status in VERDICTS:  # a verdict needs evidence: give it its own
                change.url = f"https://example.org/stress/{token}"
        elif kind == "evidence":
            change.url = f"https://example.org/stress/{token}"
        plan.append(change)
    return plan


def _args(change: Change) -> list[str]:
    by = ["--by", f"w{change.writer}", "--json"]
    if change.kind == "evidence":
        assert change.url
        return ["evidence", "add", change.claim, change.url, "--note", change.token, "--stance", "context", *by]
    if change.kind == "note":
        # There is no note-only command: `mark` with a note records a note event (same status)
        # or a status event carrying the note.
        return ["mark", change.claim, "in-review", "--note", change.token, *by]
    args = ["mark", change.claim, str(change.status), "--note", change.token, *by]
    if change.url:
        args += ["--evidence", change.url]
    return args


def _writer(plan: list[Change], env: dict[str, str], start: threading.Barrier) -> None:
    start.wait()
    for change in plan:
        began = time.perf_counter()
        try:
            done = run_cli(_args(change), env)
            change.acked = done.returncode == 0
            change.error = "" if change.acked else (done.stderr.strip() or done.stdout.strip())[-300:]
        except subprocess.TimeoutExpired:
            change.error = f"timed out after {CLI_TIMEOUT:.0f} s"
        change.seconds = time.perf_counter() - began


# -- checking what is in the registry ------------------------------------------------------


@dataclass
class Audit:
    found: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    events_by_actor: Counter = field(default_factory=Counter)


def _token_of(event: dict[str, Any]) -> str | None:
    detail = event.get("detail") or {}
    note, url = detail.get("note"), detail.get("url")
    if isinstance(note, str) and note:
        return note
    if isinstance(url, str) and "/stress/" in url:
        return url.rsplit("/", 1)[1]
    return None


def check_history(claim: dict[str, Any]) -> list[str]:
    """What is wrong with one claim's history against its current state (empty when consistent)."""
    cid, history = claim["id"], claim.get("history") or []
    problems = []
    if not history or history[0].get("action") != "created":
        problems.append(f"{cid}: history does not start with `created`")
    status: Any = "unverified"
    urls: list[str] = []
    for event in history:
        action, detail = event.get("action"), event.get("detail") or {}
        if action == "status":
            if detail.get("from") != status:
                problems.append(f"{cid}: status event from {detail.get('from')!r} but the claim was {status!r}")
            status = detail.get("to")
        elif action == "evidence_added":
            urls.append(str(detail.get("url")))
        elif action == "evidence_removed":
            urls = [u for u in urls if u != detail.get("url")]
    if status != claim["status"]:
        problems.append(f"{cid}: history ends at {status!r} but the claim is {claim['status']!r}")
    if sorted(urls) != sorted(e["url"] for e in claim.get("evidence") or []):
        problems.append(f"{cid}: evidence list and evidence events disagree")
    if claim["status"] in VERDICTS and not claim.get("evidence"):
        problems.append(f"{cid}: verdict {claim['status']} without evidence")
    times = [event.get("at", "") for event in history]
    if times != sorted(times):
        problems.append(f"{cid}: history is not in time order")
    return problems


def audit(claims: list[dict[str, Any]], plan: list[Change]) -> Audit:
    """Find every acknowledged change in the claims read back, and check each history."""
    result = Audit()
    by_claim = {c["id"]: c for c in claims}
    expected = {c.token: c for c in plan}
    for claim in claims:
        result.problems += check_history(claim)
        seen: dict[str, list[tuple[int, str]]] = {}
        evidence = {e["url"] for e in claim.get("evidence") or []}
        counted: Counter = Counter()
        for event in claim.get("history") or []:
            token = _token_of(event)
            if token is None or token not in expected:
                continue
            result.events_by_actor[event.get("by", "")] += 1
            counted[(token, event.get("action"))] += 1
            change = expected[token]
            if change.claim != claim["id"]:
                result.problems.append(f"{token} landed on {claim['id']}, not {change.claim}")
            seen.setdefault(event.get("by", ""), []).append((change.seq, token))
        for (token, action), n in counted.items():
            if n > 1:
                result.problems.append(f"{token}: {n} `{action}` events (applied more than once)")
        for change in plan:
            if change.claim != claim["id"]:
                continue
            has_note = any(counted[(change.token, a)] for a in ("status", "note"))
            has_url = change.url is None or (change.url in evidence and counted[(change.token, "evidence_added")] > 0)
            if change.kind == "evidence":
                present = bool(counted[(change.token, "evidence_added")]) and change.url in evidence
            else:
                present = has_note and has_url
            if present:
                result.found.add(change.token)
        for actor, seqs in seen.items():
            order = [s for s, _ in seqs]
            # A writer waits for each change before the next: its events must keep its order.
            if order != sorted(order):
                result.problems.append(f"{claim['id']}: changes of {actor} are out of order")
    for change in plan:
        if change.claim not in by_claim:
            result.problems.append(f"claim {change.claim} is missing from `list --json`")
    return result


def check_files(registry: Path) -> tuple[int, list[str]]:
    """Every data file parses as JSON; returns (files checked, problems)."""
    problems, count = [], 0
    for path in sorted(registry.rglob("*.json")):
        count += 1
        try:
            json.loads(path.read_bytes())
        except ValueError as exc:
            problems.append(f"{path}: {exc}")
    return count, problems


def run_doctor(env: dict[str, str]) -> tuple[bool, str]:
    """(registry passes `claimcheck doctor`, what it said); skipped when there is no doctor yet."""
    done = run_cli(["doctor", "--json"], env)
    if "No such command" in done.stderr:
        return True, "doctor not available"
    return done.returncode == 0, (done.stdout.strip() or done.stderr.strip())[-2000:]


def strays(registry: Path) -> list[Path]:
    return sorted(p for p in registry.rglob(".*.tmp"))


# -- main ----------------------------------------------------------------------------------


def stress(registry: Path | str, procs: int, changes: int, claims: int, seed: int) -> dict[str, Any]:
    env = cli_env(registry)
    built, how = build_registry(registry, env)
    article = built[0]["article_id"]
    claim_ids = [c["id"] for c in built if c["article_id"] == article][:claims]
    rng = random.Random(seed)
    run = uuid.uuid4().hex[:6]
    plans = [_plan(w, changes, claim_ids, run, rng) for w in range(procs)]
    start = threading.Barrier(procs)
    threads = [
        threading.Thread(target=_writer, args=(plan, cli_env(registry, f"w{w}"), start)) for w, plan in enumerate(plans)
    ]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began

    plan = [c for p in plans for c in p]
    acked = [c for c in plan if c.acked]
    listed = run_cli(["list", "--json"], env)
    readable = listed.returncode == 0
    claims_read = json.loads(listed.stdout) if readable else []
    found = audit(claims_read, acked)
    # A database registry has no files: doctor's SQL form checks its spans and its events table.
    files, file_problems = check_files(registry) if isinstance(registry, Path) else (0, [])
    doctor_ok, doctor_said = run_doctor(env)
    lost = sorted({c.token for c in acked} - found.found)
    latencies = sorted(c.seconds for c in plan)
    return {
        "registry_built_through": how,
        "procs": procs,
        "changes_per_proc": changes,
        "claims": claim_ids,
        "attempted": len(plan),
        "acknowledged": len(acked),
        "found": len(found.found & {c.token for c in acked}),
        "lost": len(lost),
        "lost_tokens": lost[:20],
        "failed": len(plan) - len(acked),
        "failures": sorted({c.error for c in plan if not c.acked})[:10],
        "by_kind": dict(Counter(c.kind for c in acked)),
        "events_by_actor": dict(sorted(found.events_by_actor.items())),
        "histories_complete": readable and not found.problems,
        "history_problems": found.problems[:20],
        "files_valid": readable and not file_problems and doctor_ok,
        "files_checked": files,
        "file_problems": file_problems[:20] + ([] if doctor_ok else [f"doctor: {doctor_said}"]),
        "strays": [str(p) for p in strays(registry)] if isinstance(registry, Path) else [],
        "wall_seconds": round(wall, 2),
        "changes_per_second": round(len(plan) / wall, 1) if wall else None,
        "latency_p50": round(statistics.median(latencies), 3) if latencies else None,
        "latency_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else None,
        "latency_max": round(latencies[-1], 3) if latencies else None,
    }


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def print_report(r: dict[str, Any]) -> None:
    print(
        f"stress: {r['procs']} processes x {r['changes_per_proc']} changes on {len(r['claims'])} claims "
        f"at once, through the CLI; registry built through {r['registry_built_through']}"
    )
    print(
        f"  acknowledged       {r['acknowledged']}  (of {r['attempted']}; "
        + ", ".join(f"{n} {k}" for k, n in sorted(r["by_kind"].items()))
        + ")"
    )
    print(f"  found              {r['found']}")
    print(f"  lost               {r['lost']}" + (f"  e.g. {', '.join(r['lost_tokens'][:5])}" if r["lost"] else ""))
    print(f"  failed (exit != 0) {r['failed']}")
    for failure in r["failures"]:
        print(f"    {failure}")
    print(f"  histories complete {_yes(r['histories_complete'])}")
    for problem in r["history_problems"]:
        print(f"    {problem}")
    print(f"  files valid        {_yes(r['files_valid'])}  ({r['files_checked']} JSON files, doctor)")
    for problem in r["file_problems"]:
        print(f"    {problem}")
    print("  events by writer   " + ", ".join(f"{k}={v}" for k, v in r["events_by_actor"].items()))
    print(
        f"  wall {r['wall_seconds']} s, {r['changes_per_second']} changes/s, CLI latency "
        f"p50 {r['latency_p50']} s, p95 {r['latency_p95']} s, max {r['latency_max']} s"
    )


def ok(r: dict[str, Any]) -> bool:
    return (
        r["lost"] == 0
        and r["failed"] == 0
        and r["found"] == r["acknowledged"] == r["attempted"]
        and r["histories_complete"]
        and r["files_valid"]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procs", type=int, default=8, help="writer processes at once (default 8)")
    parser.add_argument("--changes", type=int, default=50, help="changes per writer (default 50)")
    parser.add_argument("--claims", type=int, default=4, help="how many claims they all write to (default 4)")
    parser.add_argument(
        "--registry-dir",
        type=Path,
        help="where to build the registry (default: a temp folder, removed afterwards); must not hold one already",
    )
    parser.add_argument("--registry", help="an empty postgresql:// registry to stress instead of a folder")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random, printed)")
    parser.add_argument("--short", action="store_true", help="the CI form: 4 processes x 10 changes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.short:
        args.procs, args.changes = 4, 10
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    temp = None
    registry: Path | str
    if args.registry:
        registry = args.registry
    elif args.registry_dir is None:
        temp = Path(tempfile.mkdtemp(prefix="claimcheck-stress-"))
        registry = temp / "claims"
    else:
        registry = args.registry_dir
    try:
        result = stress(registry, args.procs, args.changes, args.claims, seed)
        result["seed"] = seed
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
        print(f"  seed {seed}; verdict: {'PASS' if ok(result) else 'FAIL'}")
    return 0 if ok(result) else 1


if __name__ == "__main__":
    sys.exit(main())
