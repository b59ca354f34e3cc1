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
