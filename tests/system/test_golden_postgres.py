"""The golden scenario on a PostgreSQL registry: every command prints what it prints on a folder, byte for byte.

tests/system/test_golden.py's steps, run through the real command line on a database registry, compared
with the outputs recorded from the folder (timestamps and the temporary folder normalised as there). Not
compared: the two `init` steps (they print where the registry is: a URL here) and the JSON folder's repairs
(`doctor` reads files, `--restore` brings back a `.bak`, and the step after a restore lists what it
restored); they still run, so that the steps after them find the registry as the folder's did.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.system import test_golden as golden

NOT_COMPARED = {
    "init",
    "init-again",
    "doctor",
    "doctor-reindex",
    "doctor-broken",
    "doctor-restore",
    "doctor-after-restore",
    "list-after-restore",
}


def test_every_command_prints_on_postgresql_what_it_prints_on_a_folder(cli, tmp_path, pg_url, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", pg_url)
    steps = [dataclasses.replace(s, before=None) if s.name in NOT_COMPARED else s for s in golden.STEPS]
    monkeypatch.setattr(golden, "STEPS", steps)
    manifest, files = golden._run(cli, tmp_path)
    expected = json.loads((golden.GOLDEN / "steps.json").read_text(encoding="utf-8"))
    assert len(manifest) == len(expected)
    assert json.loads(files[manifest[0]["stdout"]])["registry"].startswith("postgresql://")  # it ran on the database
    compared = 0
    for step, now, before in zip(steps, manifest, expected, strict=True):
        if step.name in NOT_COMPARED:
            continue
        compared += 1
        where = f"step {now['step']}: claimcheck {' '.join(now['args'])}"
        for key in ("args", "exit_code", "stderr"):
            assert now.get(key) == before.get(key), f"{where}: {key}"
        for key in ("stdout", "file"):
            name = now.get(key)
            assert name == before.get(key), f"{where}: {key}"
            if name:
                recorded = (golden.GOLDEN / name).read_bytes().decode("utf-8")
                if files[name] != recorded:
                    pytest.fail(f"{where}: {key} differs\n{golden._diff(name, recorded, files[name])}")
    assert compared >= 50
