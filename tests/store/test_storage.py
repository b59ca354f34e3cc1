"""The one atomic writer: what the store, `report -o` and `doctor --restore` each get from it."""

from __future__ import annotations

import os
import re
import stat

import pytest

from claimcheck.cli.report import write_atomic as write_report
from claimcheck.store.storage import write_json_atomic


def test_a_store_write_keeps_the_previous_file_as_a_hard_linked_backup(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    write_json_atomic(path, {"a": 1})
    assert not (tmp_path / "x.json.bak").exists()  # nothing to keep the first time
    first = os.stat(path).st_ino
    temporaries = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: temporaries.append(os.path.basename(a)) or real_replace(a, b))
    write_json_atomic(path, {"a": 2})
    # Named after the writer (the stray sweep knows the pattern), with a part nobody can guess ahead.
    assert re.fullmatch(rf"\.x\.json\.{os.getpid()}\.[0-9a-f]{{12}}\.tmp", temporaries[-1]), temporaries
    assert os.stat(tmp_path / "x.json.bak").st_ino == first
    assert (tmp_path / "x.json.bak").read_bytes() == b'{\n  "a": 1\n}\n'
    assert path.read_bytes() == b'{\n  "a": 2\n}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json", "x.json.bak"]


def test_a_store_write_without_backup_leaves_no_backup(tmp_path):
    path = tmp_path / "x.json"
    write_json_atomic(path, {"a": 1}, backup=False)
    write_json_atomic(path, {"a": 2}, backup=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_a_store_write_never_writes_through_a_link_planted_under_a_temporary_name(tmp_path):
    """Someone who can write the folder plants links under every name a writer used to pick."""
    secret = tmp_path / "secret"
    secret.write_bytes(b"root only")
    secret.chmod(0o600)
    folder = tmp_path / "claims"
    folder.mkdir()
    for name in (f".x.json.{os.getpid()}.tmp", f".x.json.{os.getpid()}.bak.tmp", "x.json.bak"):
        (folder / name).symlink_to(secret)
    path = folder / "x.json"
    write_json_atomic(path, {"a": 1})
    write_json_atomic(path, {"a": 2})
    assert secret.read_bytes() == b"root only" and stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert path.read_bytes() == b'{\n  "a": 2\n}\n' and not path.is_symlink()
    assert not (folder / "x.json.bak").is_symlink()  # replaced by the hard link, the target untouched


def test_a_marker_or_lock_planted_as_a_link_is_refused_without_touching_its_target(cli, seeded, registry, tmp_path):
    secret = tmp_path / "secret"
    secret.write_bytes(b"root only")
    before = secret.stat()
    lock = registry / ".lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(secret)
    result = cli("mark", seeded[0]["id"], "in-review")
    assert result.exit_code == 1 and "symbolic link" in result.stderr and len(result.stderr.splitlines()) == 1
    lock.unlink()
    # The writer's marker planted as a link is swept as a stray (unlinked, never followed) and the write goes on.
    (registry / ".writing.tmp").symlink_to(secret)
    assert cli("mark", seeded[0]["id"], "in-review").exit_code == 0
    assert not (registry / ".writing.tmp").exists()
    assert secret.read_bytes() == b"root only" and secret.stat().st_mtime_ns == before.st_mtime_ns


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_a_report_file_gets_the_mode_of_an_ordinary_new_file(tmp_path, mask):
    old = os.umask(mask)
    try:
        target = tmp_path / "review.html"
        write_report(target, b"<html></html>")
        again = tmp_path / "again.html"
        again.write_bytes(b"old")
        os.chmod(again, 0o600)
        write_report(again, b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~mask
    assert stat.S_IMODE(os.stat(again).st_mode) == 0o666 & ~mask and again.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.html", "review.html"]  # no backup, no temporary


def test_a_report_write_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    from claimcheck.errors import InputError

    def fail(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(InputError, match="cannot write .*No space left on device"):
        write_report(tmp_path / "r.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_restore_writes_no_backup_of_the_file_it_replaces(cli, seeded, registry):
    claim = seeded[0]["id"]
    assert cli("mark", claim, "in-review").exit_code == 0
    path = next((registry / "articles").glob("a-*.json"))
    backup = path.with_name(path.name + ".bak")
    good = backup.read_bytes()
    last_written = path.read_bytes()
    backup_inode = os.stat(backup).st_ino
    path.write_bytes(b"{ broken")
    assert cli("doctor", "--restore", "--yes").exit_code == 0
    assert path.read_bytes() == last_written  # the backup with the journal of the last write on top
    # The backup is the same file as before; the broken one is kept aside, not as a backup.
    assert os.stat(backup).st_ino == backup_inode and backup.read_bytes() == good
    assert os.stat(path).st_ino != backup_inode
    names = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
    assert names[0] == path.name and names[1] == path.name + ".bak" and ".broken-" in names[2] and len(names) == 3
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
