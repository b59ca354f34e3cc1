"""A verdict once acknowledged is never lost: many writers at once, writers killed in the middle of a write.

The short forms of bench/stress.py (4 processes x 10 changes) and bench/crash.py
(10 SIGKILLs) run on every submission. The long forms (8 x 50 changes, 100
kills) run with:

    CLAIMCHECK_SLOW=1 pytest -m slow tests/system/test_reliability.py -s
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SLOW = pytest.mark.skipif(not os.environ.get("CLAIMCHECK_SLOW"), reason="slow: set CLAIMCHECK_SLOW=1")


def _bench(script: str, *args: str, tmp_path: Path, timeout: float) -> dict:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--json", "--registry-dir", str(tmp_path / "bench" / "claims"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    figures = json.loads(done.stdout)
    print(json.dumps({k: v for k, v in figures.items() if not isinstance(v, list | dict)}))
    return {**figures, "returncode": done.returncode}


def _stress_module():
    spec = importlib.util.spec_from_file_location("bench_stress", BENCH / "stress.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _assert_stress(figures: dict, total: int) -> None:
    assert figures["attempted"] == total
    assert figures["acknowledged"] == total, figures["failures"]
    assert figures["found"] == total and figures["lost"] == 0, figures["lost_tokens"]
    assert figures["histories_complete"], figures["history_problems"]
    assert figures["files_valid"], figures["file_problems"]
    assert figures["returncode"] == 0


def _assert_crash(figures: dict, trials: int) -> None:
    assert figures["trials"] == trials
    assert figures["corrupt"] == 0, figures["problems"]
    assert figures["lost"] == 0, figures["lost_tokens"]
    assert figures["strays_after_write_open"] == 0
    assert figures["acknowledged"] > 0 and not figures["problems"]
    assert figures["returncode"] == 0


def test_concurrent_writers_lose_nothing_short(tmp_path):
    _assert_stress(_bench("stress.py", "--short", tmp_path=tmp_path, timeout=300), total=40)


def test_killed_writers_lose_nothing_short(tmp_path):
    figures = _bench("crash.py", "--short", tmp_path=tmp_path, timeout=300)
    _assert_crash(figures, trials=10)


@pytest.mark.slow
@SLOW
def test_concurrent_writers_lose_nothing_long(tmp_path):
    _assert_stress(_bench("stress.py", tmp_path=tmp_path, timeout=1800), total=400)


@pytest.mark.slow
@SLOW
def test_killed_writers_lose_nothing_long(tmp_path):
    figures = _bench("crash.py", tmp_path=tmp_path, timeout=1800)
    _assert_crash(figures, trials=100)
    # Most kills must land inside a write, or the figures prove little.
    inside = sum(v for k, v in figures["landed"].items() if k.startswith("inside write"))
    assert inside >= 40


# -- the stress audit itself: it must see a loss when there is one ----------------------------------


def test_the_stress_audit_sees_a_lost_change_and_a_broken_history(seeded):
    stress = _stress_module()
    claim = json.loads(json.dumps(seeded[0]))
    plan = [
        stress.Change(writer=0, seq=0, claim=claim["id"], kind="note", token="run-w0-k000"),
        stress.Change(
            writer=0,
            seq=1,
            claim=claim["id"],
            kind="evidence",
            token="run-w0-k001",
            url="https://example.org/stress/run-w0-k001",
        ),
    ]
    claim["history"] += [
        {
            "at": "2030-01-01T00:00:00Z",
            "by": "w0",
            "action": "status",
            "detail": {"from": "unverified", "to": "in-review", "note": "run-w0-k000"},
        },
        {
            "at": "2030-01-01T00:00:01Z",
            "by": "w0",
            "action": "evidence_added",
            "detail": {"url": plan[1].url, "note": "run-w0-k001"},
        },
    ]
    claim["status"] = "in-review"
    claim["evidence"] = [{"url": plan[1].url}]
    complete = stress.audit([claim], plan)
    assert complete.found == {"run-w0-k000", "run-w0-k001"} and not complete.problems

    lost = json.loads(json.dumps(claim))
    lost["evidence"] = []  # the evidence write was lost, its event kept: both the loss and the mismatch show
    audit = stress.audit([lost], plan)
    assert audit.found == {"run-w0-k000"}
    assert any("evidence" in p for p in audit.problems)

    reordered = json.loads(json.dumps(claim))
    reordered["history"][-2:] = reversed(reordered["history"][-2:])
    assert any("out of order" in p or "time order" in p for p in stress.audit([reordered], plan).problems)


# -- what the next command repairs ---------------------------------------------------------------------


def test_a_write_interrupted_between_files_is_finished_by_the_next_read(cli, seeded, registry, monkeypatch):
    from claimcheck.store import index

    claim = seeded[0]["id"]

    def killed(root, claims):
        raise KeyboardInterrupt  # as if the process died after the article file, before the index

    with monkeypatch.context() as patch:
        patch.setattr(index, "index_claims", killed)
        assert cli("mark", claim, "dismissed").exit_code == 130
    assert (registry / ".pending.json").exists()
    listed = cli("list", "--status", "dismissed", "--json")
    assert listed.exit_code == 0, listed.stdout
    assert [c["id"] for c in listed.json()] == [claim]
    assert not (registry / ".pending.json").exists()
    assert cli("doctor").exit_code == 0


def test_stray_temporary_files_are_removed_by_the_next_open(cli, seeded, registry):
    # What a writer killed mid-write leaves: its temporary files and the marker saying it was writing.
    strays = [
        registry / ".registry.json.4242.tmp",
        registry / "articles" / ".a-000000.json.4242.tmp",
        registry / "index" / ".00.json.4242.bak.tmp",
        registry / "..pending.json.4242.tmp",
        registry / "index" / "keys" / ".a1b.json.4242.tmp",
        registry / ".writing.tmp",
    ]
    for stray in strays:
        stray.write_text("{", encoding="utf-8")
    assert cli("list").exit_code == 0
    assert [s for s in strays if s.exists()] == []


def test_stray_temporary_files_are_removed_by_the_next_write(cli, seeded, registry):
    strays = [
        registry / ".registry.json.4242.tmp",
        registry / "articles" / ".a-000000.json.4242.tmp",
        registry / "index" / ".00.json.4242.bak.tmp",
        registry / ".writing.tmp",
    ]
    for stray in strays:
        stray.write_text("{", encoding="utf-8")
    assert cli("mark", seeded[0]["id"], "in-review").exit_code == 0
    assert [s for s in strays if s.exists()] == []
    assert cli("doctor").exit_code == 0


def test_a_finished_write_leaves_no_marker_and_reads_do_not_sweep(cli, seeded, registry):
    """Readers look for temporary files only when a writer's marker says one may have been killed."""
    assert cli("mark", seeded[0]["id"], "in-review").exit_code == 0
    assert not (registry / ".writing.tmp").exists()
    # A temporary file without a marker is a live writer's in another folder: a read leaves it alone.
    live = registry / "articles" / ".a-000000.json.4242.tmp"
    live.write_text("{", encoding="utf-8")
    assert cli("list").exit_code == 0 and cli("show", seeded[0]["id"]).exit_code == 0
    assert live.exists()


def test_every_write_keeps_the_previous_file_as_a_backup(cli, seeded, registry):
    claim = seeded[0]["id"]
    article = next((registry / "articles").glob("a-*.json"))
    before = article.read_bytes()
    assert cli("mark", claim, "in-review").exit_code == 0
    backup = article.with_name(article.name + ".bak")
    assert backup.read_bytes() == before
    assert article.read_bytes() != before
    # A backup is a separate file: editing the data file in place does not reach it.
    assert os.stat(backup).st_ino != os.stat(article).st_ino


@pytest.mark.parametrize("killed_at_write", [1, 2])
def test_an_ingest_killed_inside_its_article_file_write_can_be_redone(
    cli, registry, tmp_path, monkeypatch, killed_at_write
):
    from claimcheck.store.storage import AtomicJSONStorage
    from tests.conftest import SEED

    assert cli("init").exit_code == 0
    article = tmp_path / SEED.name
    article.write_bytes(SEED.read_bytes())
    writes = []
    real_write = AtomicJSONStorage.write

    def write_then_die(self, data):
        real_write(self, data)
        if self.path.parent.name == "articles":
            writes.append(self.path)
            if len(writes) == killed_at_write:
                raise KeyboardInterrupt  # the process dies right after this write reached the disk

    with monkeypatch.context() as patch:
        patch.setattr(AtomicJSONStorage, "write", write_then_die)
        # 130: killed (KeyboardInterrupt); 0: the ingest made fewer writes than that and finished.
        assert cli("ingest", article, "--published", "2024-05-20", "--lang", "fr").exit_code in (0, 130)
    # What the kill left is no error: an unacknowledged ingest may be absent, never half there.
    assert cli("doctor").exit_code == 0
    again = cli("ingest", article, "--published", "2024-05-20", "--lang", "fr", "--json")
    assert again.exit_code == 0, again.stdout
    assert len(cli("list", "--json").json()) > 20  # the seed article's claims, whichever run wrote them
    assert cli("doctor").exit_code == 0


def test_a_backup_that_already_is_the_file_leaves_no_temporary_link(tmp_path):
    """A write killed between its backup step and its replace leaves `x.json.bak` a hard link to `x.json`;
    the next write's rename onto it is then a no-op (POSIX), which left `.x.json.PID.bak.tmp` behind."""
    import os

    from claimcheck.store.storage import write_json_atomic

    path = tmp_path / "x.json"
    write_json_atomic(path, {"a": 1})
    os.link(path, tmp_path / "x.json.bak")
    write_json_atomic(path, {"a": 2})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json", "x.json.bak"]
    assert (tmp_path / "x.json.bak").read_bytes() != path.read_bytes()


# -- doctor --reindex and --restore killed with SIGKILL ------------------------------------------------

_REPO = BENCH.parent


def _run(registry: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLAIMCHECK_REGISTRY": str(registry), "PYTHONPATH": str(_REPO), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def _state(registry: Path) -> list[tuple[str, str, int, int]]:
    """Every claim `list --json` shows: (id, status, evidence, history events)."""
    listed = _run(registry, "list", "--json")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    return sorted((c["id"], c["status"], len(c["evidence"]), len(c["history"])) for c in json.loads(listed.stdout))


def _generated(tmp_path: Path, claims: int) -> Path:
    registry = tmp_path / "claims"
    done = subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), str(claims), str(registry), "--extractor", "templates"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(_REPO)},
    )
    assert done.returncode == 0, done.stderr
    return registry


def _kill_after(registry: Path, delay: float, *args: str) -> int | None:
    """Start `claimcheck ARGS`, SIGKILL it after `delay` s; its exit status if it ended first, else None."""
    import signal
    import time

    env = {**os.environ, "CLAIMCHECK_REGISTRY": str(registry), "PYTHONPATH": str(_REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    ended = proc.poll()
    if ended is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return ended


def _left(registry: Path, ended: int | None) -> str:
    """What a kill left: which step of the rebuild it landed in (for the figures)."""
    if ended is not None:
        return "finished"
    names = sorted(p.name for p in registry.iterdir() if p.name.startswith(".rebuild"))
    return "+".join(names) or "nothing left (killed before building, or after the swap)"


def _rebuild_seconds(registry: Path) -> float:
    import time

    start = time.monotonic()
    assert _run(registry, "doctor", "--reindex").returncode == 0
    return time.monotonic() - start


@pytest.mark.parametrize("trials", [6, pytest.param(30, marks=[pytest.mark.slow, SLOW])])
def test_a_killed_reindex_leaves_the_old_index_or_the_new_one(tmp_path, trials):
    import random

    registry = _generated(tmp_path, 1500)
    before = _state(registry)
    seconds = _rebuild_seconds(registry)
    rng = random.Random(trials)
    left: Counter[str] = Counter()
    for _ in range(trials):
        # Python's start-up is the first ~0.3 s; the rest of the window is the rebuild itself.
        ended = _kill_after(registry, rng.uniform(0.3, seconds), "doctor", "--reindex")
        left[_left(registry, ended)] += 1
        assert _state(registry) == before  # the next command sees every claim, with its status and history
        doctor = _run(registry, "doctor", "--json")
        assert doctor.returncode == 0, doctor.stdout[-2000:]
        assert not [p for p in registry.iterdir() if p.name.startswith(".rebuild")]
    print(json.dumps({"trials": trials, "left": left, "claims": len(before), "rebuild_s": round(seconds, 2)}))


def test_reindex_rebuilds_an_unparseable_registry_json_from_the_article_files(cli, seeded, registry):
    claim = seeded[0]["id"]
    assert cli("mark", claim, "in-review").exit_code == 0
    good_backup = (registry / "registry.json.bak").read_bytes()
    # What a git merge conflict leaves in a derived file.
    (registry / "registry.json").write_text('<<<<<<< HEAD\n{"articles": {}}\n=======\n', encoding="utf-8")
    assert cli("list").exit_code == 1
    done = cli("doctor", "--reindex")
    assert done.exit_code == 0, done.stderr
    assert "1 article" in done.stdout
    assert [c["id"] for c in cli("list", "--status", "in-review", "--json").json()] == [claim]
    assert cli("doctor").exit_code == 0
    assert (registry / "registry.json.bak").read_bytes() == good_backup  # the broken file never became the backup


def test_reindex_stopped_by_an_invalid_article_changes_nothing(cli, seeded, registry, tmp_path):
    from tests.conftest import EXAMPLES

    other = next(p for p in sorted(EXAMPLES.glob("*.txt")) if "niger" not in p.name)
    assert cli("ingest", other, "--published", "2024-05-20").exit_code == 0
    index_before = {p: p.read_bytes() for p in sorted((registry / "index").rglob("*.json"))}
    summaries = (registry / "registry.json").read_bytes()
    broken = sorted((registry / "articles").glob("a-*.json"))[0]
    data = json.loads(broken.read_text(encoding="utf-8"))
    del data["article"]["1"]["text"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    done = cli("doctor", "--reindex")
    assert done.exit_code == 1
    assert broken.name in done.stderr and "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in sorted((registry / "index").rglob("*.json"))} == index_before
    assert (registry / "registry.json").read_bytes() == summaries
    assert not [p for p in registry.iterdir() if p.name.startswith(".rebuild")]


@pytest.mark.parametrize("step", range(1, 7))
def test_a_rebuild_cut_short_at_any_step_of_its_swap_is_finished_by_the_next_command(
    cli, seeded, registry, monkeypatch, step
):
    """SIGKILL rarely lands in the swap (a few renames): each of its steps is cut short in turn here.

    The steps: the commit rename, registry.json replaced, index/ moved aside, the new index/ moved in,
    the two folders removed.
    """
    import shutil

    from claimcheck.store import rebuild

    claim = seeded[0]["id"]
    assert cli("mark", claim, "in-review").exit_code == 0
    before = cli("list", "--json").json()
    calls = []

    def dies(real):
        def call(*args, **kwargs):
            if sys._getframe(1).f_globals["__name__"] != rebuild.__name__:
                return real(*args, **kwargs)  # the writes of the build itself
            calls.append(real.__name__)
            if len(calls) == step:
                raise KeyboardInterrupt  # the process dies before this step
            return real(*args, **kwargs)

        return call

    with monkeypatch.context() as patch:
        # The commit rename and every step after it.
        patch.setattr(rebuild.os, "rename", dies(os.rename))
        patch.setattr(rebuild.os, "replace", dies(os.replace))
        patch.setattr(rebuild.shutil, "rmtree", dies(shutil.rmtree))
        assert cli("doctor", "--reindex").exit_code == 130
    assert len(calls) == step
    assert cli("list", "--json").json() == before
    assert cli("doctor").exit_code == 0
    assert not [p for p in registry.iterdir() if p.name.startswith(".rebuild")]
    assert not (registry / ".writing.tmp").exists()


@pytest.mark.parametrize("trials", [4, pytest.param(20, marks=[pytest.mark.slow, SLOW])])
def test_a_killed_restore_leaves_a_registry_the_next_restore_finishes(tmp_path, trials):
    import random
    import shutil
    import time

    registry = _generated(tmp_path, 1500)
    articles = sorted((registry / "articles").glob("a-*.json"))
    article = articles[len(articles) // 2]
    claim = next(iter(json.loads(article.read_text(encoding="utf-8"))["claims"].values()))["id"]
    assert _run(registry, "history", claim).returncode == 0
    done = _run(registry, "evidence", "add", claim, "https://example.org/one", "--note", "one")
    assert done.returncode == 0, done.stderr  # the article file's backup is now the file before this
    reference = tmp_path / "reference"
    shutil.copytree(registry, reference)
    broken = article.read_bytes()[:-200]
    (reference / "articles" / article.name).write_bytes(broken)
    start = time.monotonic()
    assert _run(reference, "doctor", "--restore", "--yes").returncode == 0
    seconds = time.monotonic() - start
    after = _state(reference)
    rng = random.Random(trials)
    left: Counter[str] = Counter()
    for _ in range(trials):
        article.write_bytes(broken)
        ended = _kill_after(registry, rng.uniform(0.3, seconds), "doctor", "--restore", "--yes")
        left[_left(registry, ended)] += 1
        listed = _run(registry, "list")  # the index is whole, old or new: `list` reads only the index
        assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
        again = _run(registry, "doctor", "--restore", "--yes")
        assert again.returncode == 0, again.stderr
        assert _state(registry) == after
        assert _run(registry, "doctor").returncode == 0
    print(json.dumps({"trials": trials, "left": left, "claims": len(after), "restore_s": round(seconds, 2)}))


# -- "seen before" links: a kill between the two claims of a link ------------------------------------

_REPEAT = (
    "Le Pentagone a confirmé le calendrier du retrait.\n\n"
    "Les États-Unis comptent plus de 1 000 soldats stationnés sur la base aérienne d'Agadez.\n"
)


def _links(cli) -> dict[str, list[str]]:
    return {c["id"]: c["seen_before"] for c in cli("list", "--json").json() if c["seen_before"]}


def test_an_ingest_killed_between_its_links_and_its_claims_leaves_no_dangling_link(
    cli, seeded, registry, tmp_path, monkeypatch
):
    from claimcheck.store.registry import Registry

    article = tmp_path / "pentagone.txt"
    article.write_text(_REPEAT, encoding="utf-8")

    def killed(self, article, claims=()):
        raise KeyboardInterrupt  # the earlier claims carry their back-links; the new claims were never saved

    with monkeypatch.context() as patch:
        patch.setattr(Registry, "save_article", killed)
        assert cli("ingest", article, "--lang", "fr", "--published", "2024-05-21").exit_code == 130
    assert (registry / ".pending.json").exists()  # it names the earlier article too
    stored = json.loads(next((registry / "articles").glob("a-*.json")).read_text(encoding="utf-8"))
    assert any(c["seen_before"] for c in stored["claims"].values())  # the kill left links to unsaved claims
    known = {c["id"] for c in cli("list", "--json").json()}
    assert all(i in known for ids in _links(cli).values() for i in ids)
    assert cli("doctor", "--json").json()["findings"] == []
    # The ingest done again links both ways.
    assert cli("ingest", article, "--lang", "fr", "--published", "2024-05-21").exit_code == 0
    links = _links(cli)
    assert links and all(i in links for ids in links.values() for i in ids)


def test_doctor_reports_a_dangling_link_and_reindex_removes_it(cli, seeded, registry):
    path = next((registry / "articles").glob("a-*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    next(iter(data["claims"].values()))["seen_before"] = ["c-abcdef"]
    path.write_text(json.dumps(data), encoding="utf-8")
    findings = cli("doctor", "--json").json()["findings"]
    assert [f["code"] for f in findings] == ["dangling_link"]
    assert cli("doctor", "--reindex").exit_code == 0
    assert cli("doctor", "--json").json()["findings"] == []
    assert _links(cli) == {}
