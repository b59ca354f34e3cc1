"""The corruption matrix: every kind of registry file broken every way a hand edit or a merge breaks it.

For each (file, corruption): every command runs without a traceback, no
command rewrites the broken file (nor its `.bak`), doctor exits 1, and
`doctor --restore --yes` leaves doctor clean with every acknowledged verdict
of the backup back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EVIDENCE = "https://www.defense.gov/News/Releases/niger"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _first(table: dict) -> dict:
    return next(iter(table.values()))


def _article_text_removed(d: dict) -> None:
    del _first(d["article"])["text"]


def _claim_span_outside(d: dict) -> None:
    span = _first(d["claims"])["span"]
    span["start"], span["end"] = 10**6, 10**6 + 5


def _claim_status_wrong_type(d: dict) -> None:
    _first(d["claims"])["status"] = ["verified"]


def _claim_missing_history(d: dict) -> None:
    del _first(d["claims"])["history"]


def _claim_bad_id(d: dict) -> None:
    _first(d["claims"])["id"] = "c-zz!"


def _claim_traversal_id(d: dict) -> None:
    _first(d["claims"])["article_id"] = "../../etc/passwd"


def _article_traversal_id(d: dict) -> None:
    _first(d["article"])["id"] = "../a-000000"


def _entry_missing_field(d: dict) -> None:
    table = d.get("claims") or d.get("keys") or d.get("articles")
    doc = _first(table)
    doc.pop("status", None) if "status" in doc else doc.pop("key", None) if "key" in doc else doc.pop("id")


def _entry_wrong_type(d: dict) -> None:
    table = d.get("claims") or d.get("keys") or d.get("articles")
    _first(table)["id"] = 42


def _entry_traversal_id(d: dict) -> None:
    table = d.get("claims") or d.get("keys") or d.get("articles")
    _first(table)["id"] = "../../x"


def _empty_object(d: dict) -> None:
    d.clear()


def _wrong_top_type(d: dict) -> None:
    d.clear()
    d["claims"] = []
    d["article"] = "x"
    d["keys"] = 7
    d["articles"] = None


ARTICLE_EDITS = {
    "text removed": _article_text_removed,
    "span outside the text": _claim_span_outside,
    "status of the wrong type": _claim_status_wrong_type,
    "history missing": _claim_missing_history,
    "bad claim id": _claim_bad_id,
    "traversal article_id": _claim_traversal_id,
    "traversal article id": _article_traversal_id,
    "{}": _empty_object,
    "wrong types": _wrong_top_type,
}
DERIVED_EDITS = {
    "missing field": _entry_missing_field,
    "wrong type": _entry_wrong_type,
    "traversal id": _entry_traversal_id,
    "{}": _empty_object,
    "wrong types": _wrong_top_type,
}
CASES = (
    [("article", name, "truncated") for name in ["truncated"]]
    + [("article", name, name) for name in ARTICLE_EDITS]
    + [(kind, name, name) for kind in ("index", "keys", "registry") for name in ["truncated", *DERIVED_EDITS]]
)


def _target(root: Path, kind: str, claim_id: str) -> Path:
    if kind == "article":
        return next((root / "articles").glob("a-*.json"))
    if kind == "index":
        return root / "index" / f"{claim_id[2:4]}.json"
    if kind == "keys":
        return next(p for p in sorted((root / "index" / "keys").glob("*.json")) if claim_id in p.read_text())
    return root / "registry.json"


def _break(path: Path, corruption: str) -> None:
    if corruption == "truncated":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        return
    data = _load(path)
    (ARTICLE_EDITS.get(corruption) or DERIVED_EDITS[corruption])(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _commands(claim: str, article: str, other: Path, tmp_path: Path) -> list[list[str]]:
    return [
        ["list"],
        ["list", "--json"],
        ["articles"],
        ["show", claim],
        ["history", claim],
        ["mark", claim, "in-review", "--note", "x"],
        ["evidence", "add", claim, "https://example.org/x"],
        ["verify", claim, "--evidence", "https://example.org/y"],
        ["report", article, "--format", "json", "--output", str(tmp_path / "r.json")],
        ["similar", claim],
        ["ingest", str(other), "--published", "2024-05-20"],
        ["status"],
    ]


@pytest.mark.parametrize(("kind", "name", "corruption"), CASES, ids=[f"{k}-{n}" for k, n, _ in CASES])
def test_a_broken_file_is_never_rewritten_doctor_flags_it_and_restore_repairs_it(
    cli, seeded, registry, tmp_path, kind, name, corruption
):
    from tests.conftest import EXAMPLES

    verified = next(c for c in seeded if c["kind"] == "quantity")
    assert cli("verify", verified["id"], "--evidence", EVIDENCE).exit_code == 0
    claim = seeded[0]["id"]
    assert cli("mark", claim, "in-review").exit_code == 0  # every file has a good backup now
    target = _target(registry, kind, verified["id"])
    _break(target, corruption)
    broken, backup = target.read_bytes(), target.with_name(target.name + ".bak")
    good_backup = backup.read_bytes() if backup.exists() else None
    other = EXAMPLES / "port-expansion.en.txt"
    tracebacks = []
    for args in _commands(claim, verified["article_id"], other, tmp_path):
        result = cli(*args)
        if result.exit_code not in (0, 1) or (result.exception and not isinstance(result.exception, SystemExit)):
            tracebacks.append((args, result.exit_code, repr(result.exception)))
        if result.exit_code == 1:
            said = result.stdout if "--json" in args else result.stderr  # --json: {"error": ...} on stdout
            assert len(said.strip().splitlines()) == 1 or "--json" in args, (args, said)
        assert target.read_bytes() == broken, f"{args} rewrote the broken {target.name}"
        if good_backup is not None:
            assert backup.read_bytes() == good_backup, f"{args} replaced the good backup of {target.name}"
    assert not tracebacks
    doctor = cli("doctor")
    assert doctor.exit_code == 1, doctor.stdout
    restored = cli("doctor", "--restore", "--yes")
    assert restored.exit_code == 0, restored.stdout + restored.stderr
    assert cli("doctor").exit_code == 0, cli("doctor").stdout
    shown = cli("show", verified["id"], "--json")
    assert shown.exit_code == 0 and shown.json()["status"] == "verified"
