"""Kill a registry writer with SIGKILL at random moments: does the registry open and keep every ack?

Each trial starts a writer (this script with `--writer`): a loop of registry
writes through claimcheck's own code (evidence added, status changes with a
note, new articles), printing `ack TOKEN` once each write has returned. After a
random delay the writer is killed with SIGKILL. Then the registry is opened
through the CLI (`list --json`, `doctor --json`) and must parse, pass doctor
and hold every write acknowledged so far, in this trial and all earlier ones.

Some trials are aimed inside the write: the writer makes `os.fsync`,
`os.link`, `os.replace` and `os.unlink` sleep a little (the writer is this
script, so it may patch itself; the product has no test hook), so that most
of its time, and most kills, fall between the steps of an atomic write. Every
writer reports the step it is in, so the figures say where the kills landed.

    python bench/crash.py                  # the long form: 100 trials
    python bench/crash.py --short          # the CI form: 10 trials on a smaller registry
    python bench/crash.py --json           # the figures as one JSON object on stdout
    python bench/crash.py --mode reindex   # kill `doctor --reindex` (or --mode restore): bench/crash_repair.py

Exit status: 0 when no trial left a corrupt registry or lost an acknowledged
write and no temporary file outlived the next write; 1 otherwise.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stress  # noqa: E402  (the CLI helpers and the API seeding live there)

ROOT = stress.ROOT
_FILLER = (
    "Selon le rapport, {n} soldats ont quitté la base de {k} km² en {y}, pour un coût de {m} millions "
    "de dollars, soit {p} % du budget. "
)


# -- the writer (runs in its own process, killed by the parent) -----------------------------


def _what(target: Any) -> str:
    """Which registry file a step touches: pending, registry, article, index or a folder (for the figures)."""
    if isinstance(target, int):  # fsync takes a descriptor
        try:
            target = os.readlink(f"/proc/self/fd/{target}")
        except OSError:
            return "?"
    name = Path(str(target)).name
    kind = (
        "pending"
        if "pending" in name
        else "registry"
        if "registry" in name
        else "article"
        if "a-" in name
        else "index"
        if name.endswith((".json", ".tmp", ".bak"))
        else "folder"
    )
    return kind + (".tmp" if name.endswith(".tmp") else ".bak" if name.endswith(".bak") else "")


def _writer(registry: Path, targets: Path, trial: int, seed: int, slow_ms: float) -> None:
    stress._api_import()
    rng = random.Random(seed)
    out = sys.stdout

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    def patched(name: str) -> Any:
        real = getattr(os, name)

        def step(*args: Any, **kwargs: Any) -> Any:
            say(f"step {name} {_what(args[0] if args else '')}")
            if slow_ms:
                time.sleep(rng.uniform(0, slow_ms) / 1000)
            result = real(*args, **kwargs)
            if slow_ms:
                time.sleep(rng.uniform(0, slow_ms) / 1000)
            return result

        return step

    from claimcheck.actions import add_evidence, make_evidence, set_status
    from claimcheck.models import Stance, Status
    from claimcheck.store import Registry

    claim_ids = json.loads(targets.read_text(encoding="utf-8"))
    reg = Registry.open(registry)
    with reg.transaction():
        pass  # the next open: repairs what the last kill left, removes stray temporary files
    left = [p.name for p in registry.rglob(".*.tmp")]
    say(f"strays {len(left)} {' '.join(left)}")
    for name in ("fsync", "link", "replace", "unlink"):
        setattr(os, name, patched(name))
    say("ready")
    n = 0
    while True:
        token = f"t{trial:03d}-{n:04d}"
        n += 1
        op = rng.choices(("evidence", "status", "article"), weights=(45, 40, 15))[0]
        say(f"begin {op} {token}")
        if op == "evidence":
            item = make_evidence(f"https://example.org/crash/{token}", stance=Stance.context, note=token, by="crash")
            reg.modify_claim(rng.choice(claim_ids), functools.partial(add_evidence, evidence=item, by="crash"))
            say(f"ack evidence {token}")
        elif op == "status":
            status = rng.choice([s for s in Status if s.value not in stress.VERDICTS])
            reg.modify_claim(
                rng.choice(claim_ids), functools.partial(set_status, status=status, by="crash", note=token)
            )
            say(f"ack status {token}")
        else:
            text = f"Article {token}. " + _FILLER.format(
                n=rng.randrange(10, 5000),
                k=rng.randrange(2, 900),
                y=rng.randrange(1990, 2024),
                m=rng.randrange(1, 999),
                p=rng.randrange(1, 99),
            )
            article_id = stress.seed_through_api(registry, text, source=f"crash-{token}.txt", by="crash")
            say(f"ack article {token} {article_id}")


# -- the parent --------------------------------------------------------------------------------


def _build(registry: Path, env: dict[str, str], big_claims: int) -> list[str]:
    """The seed article through the CLI, plus a big article so that its writes take a while."""
    built, how = stress.build_registry(registry, env)
    parts, k = [], 0
    while k < big_claims:
        parts.append(_FILLER.format(n=k + 10, k=k % 900 + 2, y=1990 + k % 30, m=k % 999 + 1, p=k % 98 + 1))
        k += 5
    stress.seed_through_api(registry, "".join(parts), source="big.txt", by="crash")
    listed = stress.run_cli(["list", "--json"], env)
    claims = json.loads(listed.stdout)
    small = [c["id"] for c in claims if c["article_id"] == built[0]["article_id"]][:3]
    big = [c["id"] for c in claims if c["article_id"] != built[0]["article_id"]][:3]
    return small + big


def _present(claims: list[dict[str, Any]]) -> tuple[set[str], set[str], set[str]]:
    """(evidence tokens, note tokens, article ids) found in `list --json`."""
    urls, notes, articles = set(), set(), set()
    for claim in claims:
        articles.add(claim["article_id"])
        events = {(e.get("action"), (e.get("detail") or {}).get("url")) for e in claim.get("history") or []}
        for item in claim.get("evidence") or []:
            if ("evidence_added", item["url"]) in events and "/crash/" in item["url"]:
                urls.add(item["url"].rsplit("/", 1)[1])
        for event in claim.get("history") or []:
            note = (event.get("detail") or {}).get("note")
            if event.get("action") in ("status", "note") and note:
                notes.add(note)
    return urls, notes, articles


def _trial(
    n: int,
    registry: Path,
    targets: Path,
    env: dict[str, str],
    rng: random.Random,
    acked: dict[str, tuple[str, str]],
    aimed: bool,
    keep: Path | None,
) -> dict[str, Any]:
    slow_ms = rng.choice((0.5, 2.0, 5.0)) if aimed else 0.0
    # Kills from a few microseconds to a few hundred milliseconds after the writer is ready.
    delay = rng.choice((rng.uniform(0, 0.002), rng.uniform(0, 0.05), rng.uniform(0, 0.4)))
    proc = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--writer",
            str(registry),
            "--targets",
            str(targets),
            "--trial",
            str(n),
            "--seed",
            str(rng.randrange(1 << 30)),
            "--slow-ms",
            str(slow_ms),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=str(ROOT),
    )
    assert proc.stdout is not None
    lines = []
    while True:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("ready"):
            break
    if lines and lines[-1] == "ready":
        time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    rest, err = proc.communicate()
    lines += rest.splitlines()
    result: dict[str, Any] = {
        "trial": n,
        "aimed": aimed,
        "delay_ms": round(delay * 1000, 3),
        "acked": 0,
        "problems": [],
    }
    if not any(line == "ready" for line in lines):
        result["problems"].append(f"writer died before it was ready: {err.strip()[-500:]}")
    elif proc.returncode != -signal.SIGKILL:
        result["problems"].append(f"writer failed before the kill: {err.strip()[-800:]}")
    strays_line = next((line for line in lines if line.startswith("strays ")), "strays 0")
    result["strays_after_write_open"] = int(strays_line.split()[1])
    for line in lines:
        parts = line.split()
        if parts[0] == "ack":
            acked[parts[2]] = (parts[1], parts[3] if len(parts) > 3 else "")
            result["acked"] += 1
    last = lines[-1] if lines else ""
    result["landed"] = (
        ("inside write: " + " ".join(last.split()[1:]))
        if last.startswith("step")
        else (
            "before the first write"
            if last.startswith(("ready", "strays"))
            else "between writes"
            if last.startswith("ack")
            else "inside write: before fsync"
        )
    )
    if any(line.startswith("begin") for line in lines) and last.startswith("begin"):
        result["landed"] = "inside write: building it"
    result["strays_left_by_kill"] = len(stress.strays(registry))

    # The next open: through the CLI, read-only first.
    listed = stress.run_cli(["list", "--json"], env)
    result["strays_after_read_open"] = len(stress.strays(registry))
    if listed.returncode != 0:
        result["problems"].append(f"corrupt: `list --json` failed: {listed.stderr.strip()[-500:]}")
        claims: list[dict[str, Any]] = []
    else:
        claims = json.loads(listed.stdout)
    files, file_problems = stress.check_files(registry)
    result["problems"] += [f"corrupt: {p}" for p in file_problems]
    doctor_ok, said = stress.run_doctor(env)
    if not doctor_ok:
        result["problems"].append(f"corrupt: doctor: {said[-800:]}")
    urls, notes, articles = _present(claims)
    lost = []
    for token, (op, article_id) in acked.items():
        present = token in urls if op == "evidence" else token in notes if op == "status" else article_id in articles
        if not present:
            lost.append(token)
    result["lost"] = lost
    if result["problems"] and keep is not None:
        # The registry as the kill left it, for a post-mortem (the next trials write on).
        shutil.copytree(registry, keep / f"trial-{n:03d}", ignore=shutil.ignore_patterns(".lock"))
    return result


def crash(
    registry: Path, trials: int, big_claims: int, seed: int, aimed_share: float, keep: Path | None = None
) -> dict[str, Any]:
    env = stress.cli_env(registry, "crash")
    targets = registry.parent / "targets.json"
    registry.parent.mkdir(parents=True, exist_ok=True)
    targets.write_text(json.dumps(_build(registry, env, big_claims)), encoding="utf-8")
    rng = random.Random(seed)
    acked: dict[str, tuple[str, str]] = {}
    results = []
    began = time.perf_counter()
    for n in range(trials):
        results.append(_trial(n, registry, targets, env, rng, acked, aimed=rng.random() < aimed_share, keep=keep))
    wall = time.perf_counter() - began
    # One more write open, so that the last kill's temporary files get their chance to go.
    final = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from claimcheck.store import Registry; "
            "r = Registry.open(__import__('pathlib').Path(sys.argv[1]));\n"
            "with r.transaction(): pass",
            str(registry),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    final_strays = len(stress.strays(registry)) if final.returncode == 0 else -1
    corrupt = [r for r in results if any(p.startswith("corrupt") for p in r["problems"])]
    lost_tokens = sorted({t for r in results for t in r["lost"]})
    size = sum(p.stat().st_size for p in registry.rglob("*.json"))
    return {
        "trials": trials,
        "aimed_inside_write": sum(r["aimed"] for r in results),
        "landed": dict(Counter(r["landed"] for r in results).most_common()),
        "corrupt": len(corrupt),
        "lost": len(lost_tokens),
        "lost_tokens": lost_tokens[:20],
        "acknowledged": len(acked),
        "acknowledged_by_op": dict(Counter(op for op, _ in acked.values())),
        "problems": [f"trial {r['trial']}: {p}" for r in results for p in r["problems"]][:20],
        "trials_leaving_temp_files": sum(1 for r in results if r["strays_left_by_kill"]),
        "strays_after_read_open": sum(r["strays_after_read_open"] for r in results),
        "strays_after_write_open": sum(r["strays_after_write_open"] for r in results[1:]) + max(final_strays, 0),
        "registry_mb": round(size / 1e6, 2),
        "wall_seconds": round(wall, 1),
    }


def print_report(r: dict[str, Any]) -> None:
    print(
        f"crash: {r['trials']} SIGKILLs of a registry writer ({r['aimed_inside_write']} aimed inside the "
        f"write), registry {r['registry_mb']} MB"
    )
    print(f"  trials             {r['trials']}")
    print(f"  corrupt            {r['corrupt']}")
    print(f"  lost               {r['lost']}" + (f"  e.g. {', '.join(r['lost_tokens'][:5])}" if r["lost"] else ""))
    print(
        f"  acknowledged       {r['acknowledged']}  ("
        + ", ".join(f"{n} {k}" for k, n in sorted(r["acknowledged_by_op"].items()))
        + "), all re-checked "
        "after every later kill"
    )
    inside = sum(v for k, v in r["landed"].items() if k.startswith("inside write"))
    print(
        f"  kills landed       {inside} inside a write, {r['trials'] - inside} outside: "
        + ", ".join(f"{k.removeprefix('inside write: ')}: {v}" for k, v in r["landed"].items())
    )
    print(
        f"  temp files         left by {r['trials_leaving_temp_files']} kills; still there after the next "
        f"read-only open: {r['strays_after_read_open']}; after the next write: {r['strays_after_write_open']}"
    )
    for problem in r["problems"]:
        print(f"    {problem}")
    print(f"  wall {r['wall_seconds']} s")


def ok(r: dict[str, Any], strict_strays: bool = False) -> bool:
    return (
        r["corrupt"] == 0
        and r["lost"] == 0
        and r["strays_after_write_open"] == 0
        and not r["problems"]
        and (not strict_strays or r["strays_after_read_open"] == 0)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100, help="how many kills (default 100)")
    parser.add_argument(
        "--big-claims", type=int, default=600, help="claims in the big article whose writes take longest (default 600)"
    )
    parser.add_argument("--aimed", type=float, default=0.5, help="share of trials aimed inside the write")
    parser.add_argument(
        "--registry-dir", type=Path, help="where to build the registry (default: a temp folder, removed afterwards)"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random, printed)")
    parser.add_argument("--short", action="store_true", help="the CI form: 10 trials, a smaller registry")
    parser.add_argument(
        "--strict-strays",
        action="store_true",
        help="also fail when a read-only open leaves a killed writer's temp files",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--mode",
        choices=("write", "reindex", "restore"),
        default="write",
        help="what is killed: a writer (default), `doctor --reindex` or `doctor --restore` (crash_repair.py)",
    )
    parser.add_argument(
        "--keep-failures", type=Path, metavar="DIR", help="copy the registry of each failed trial into DIR"
    )
    # The writer's own arguments.
    parser.add_argument("--writer", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--targets", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trial", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--slow-ms", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        _writer(args.writer, args.targets, args.trial, args.seed or 0, args.slow_ms)
        return 0
    if args.mode != "write":
        return _repair_main(args)
    if args.short:
        args.trials, args.big_claims = 10, 150
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    temp = None
    if args.registry_dir is None:
        temp = Path(tempfile.mkdtemp(prefix="claimcheck-crash-"))
        registry = temp / "claims"
    else:
        registry = args.registry_dir
    try:
        result = crash(registry, args.trials, args.big_claims, seed, args.aimed, args.keep_failures)
        result["seed"] = seed
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    passed = ok(result, args.strict_strays)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
        print(f"  seed {seed}; verdict: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


def _repair_main(args: argparse.Namespace) -> int:
    import crash_repair

    trials, claims = (5, 1500) if args.short else (args.trials if args.trials != 100 else 30, 5000)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    temp = Path(tempfile.mkdtemp(prefix="claimcheck-crash-")) if args.registry_dir is None else None
    registry = temp / "claims" if temp is not None else args.registry_dir
    try:
        result = crash_repair.repair_crash(registry, args.mode, trials, claims, seed)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    result["seed"] = seed
    passed = crash_repair.ok(result)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        crash_repair.print_report(result)
        print(f"  seed {seed}; verdict: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
