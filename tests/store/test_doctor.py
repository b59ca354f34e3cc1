"""Integrity and recovery: broken files are named with their position, doctor finds what is wrong, restores.

Nothing is ever silently overwritten: a command that fails on a broken file
leaves every byte of the registry as it was; a restore keeps the file it
replaces; a newer registry is refused untouched; an older one is migrated with
a copy of the folder kept.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.store import schema as store_schema
from tests.conftest import EXAMPLES

EVIDENCE = "https://www.defense.gov/News/Releases/niger"
SECOND = EXAMPLES / "port-expansion.en.txt"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"
    }


def _article_file(root: Path) -> Path:
    return next((root / "articles").glob("a-*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def _claim_doc(data: dict, claim_id: str) -> dict:
    return next(d for d in data["claims"].values() if d["id"] == claim_id)


def _findings(cli) -> tuple[int, list[dict]]:
    result = cli("doctor", "--json")
    assert "Traceback" not in result.stderr
    return result.exit_code, result.json()["findings"]


# -- a clean registry ------------------------------------------------------------------------------


def test_a_clean_registry_passes(cli, seeded):
    claim = seeded[0]["id"]
    assert cli("verify", claim, "--evidence", EVIDENCE, "--note", "DoD").exit_code == 0
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout
    assert "no problems" in result.stdout
    report = cli("doctor", "--json").json()
    assert report["ok"] and report["errors"] == 0 and report["claims"] == len(seeded)


def test_doctor_without_a_registry_is_a_clear_error(cli, registry):
    result = cli("doctor")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


# -- broken files through every command --------------------------------------------------------------


def _break(root: Path, which: str, claim_id: str) -> Path:
    path = {
        "registry": root / "registry.json",
        "article": _article_file(root),
        "index": root / "index" / f"{claim_id[2:4]}.json",
    }[which]
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])  # what a full disk or a killed in-place editor leaves
    return path


COMMANDS = [
    ["list"],
    ["articles"],
    ["articles", "--json"],
    ["show", "{claim}", "--json"],
    ["show", "{claim}"],
    ["history", "{claim}"],
    ["mark", "{claim}", "in-review", "--note", "n"],
    ["evidence", "add", "{claim}", EVIDENCE],
    ["verify", "{claim}", "--evidence", EVIDENCE],
    ["add", "{article}", "--quote", "négociations marathon"],
    ["ingest", str(SECOND), "--published", "2024-05-01"],
]


@pytest.mark.parametrize("which", ["registry", "article", "index"])
def test_a_truncated_file_is_named_with_its_position_and_nothing_is_overwritten(cli, seeded, registry, which):
    claim, article = seeded[0]["id"], seeded[0]["article_id"]
    broken = _break(registry, which, claim)
    broken_bytes = broken.read_bytes()
    failed = 0
    for template in COMMANDS:
        args = [a.format(claim=claim, article=article) for a in template]
        before = _snapshot(registry)
        result = cli(*args)
        assert "Traceback" not in result.stderr, args
        assert broken.read_bytes() == broken_bytes, args
        if result.exit_code == 0:
            continue  # this command never reads the broken file
        failed += 1
        assert result.exit_code == 1, (args, result.stderr)
        # Under --json the one line is {"error": {...}} on stdout.
        message = result.json()["error"]["message"] if "--json" in args else result.stderr
        assert len(message.strip().splitlines()) == 1, message
        assert str(broken) in message and "line" in message and "column" in message, args
        assert _snapshot(registry) == before, f"{args} changed files although it failed"
    assert failed >= 3
    code, findings = _findings(cli)
    assert code == 1
    assert any(f["code"] == "invalid_json" and f["file"] == str(broken.relative_to(registry)) for f in findings)


@pytest.mark.parametrize("which", ["registry", "article", "index"])
def test_list_json_on_a_broken_file_prints_one_json_error(cli, seeded, registry, which):
    broken = _break(registry, which, seeded[0]["id"])
    result = cli("list", "--json")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    error = result.json()["error"]
    assert error["code"] == "corrupt_registry" and str(broken) in error["message"]


def test_doctor_names_file_line_and_column_of_invalid_json(cli, seeded, registry):
    assert cli("mark", seeded[0]["id"], "in-review").exit_code == 0  # so that the file has a backup
    path = _article_file(registry)
    path.write_text(
        path.read_text(encoding="utf-8").replace('"status": "in-review"', '"status": in-review', 1), encoding="utf-8"
    )
    result = cli("doctor")
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "invalid_json" in x)
    assert f"articles/{path.name}" in line and "line" in line and "column" in line
    assert "doctor --restore" in line


# -- what doctor finds --------------------------------------------------------------------------------


def test_doctor_finds_hand_broken_spans_statuses_evidence_and_histories(cli, seeded, registry):
    ids = [c["id"] for c in seeded[:6]]
    assert cli("verify", ids[3], "--evidence", EVIDENCE).exit_code == 0
    assert cli("mark", ids[4], "in-review").exit_code == 0
    path = _article_file(registry)
    data = _load(path)
    _claim_doc(data, ids[0])["span"]["start"] += 1  # the span no longer cuts its quote
    _claim_doc(data, ids[1])["span"]["end"] = 10**7  # out of the text
    _claim_doc(data, ids[2])["evidence"] = [{"url": "javascript:alert(1)"}]
    _claim_doc(data, ids[3])["evidence"] = []  # a verdict without evidence
    _claim_doc(data, ids[4])["status"] = "dismissed"  # not what its history says
    _claim_doc(data, ids[5])["status"] = "bogus"
    _dump(path, data)
    result = cli("doctor")
    assert result.exit_code == 1
    code, findings = _findings(cli)
    found = {(f["code"], f["claim_id"]) for f in findings}
    assert ("span_mismatch", ids[0]) in found
    assert ("span_out_of_range", ids[1]) in found
    assert ("invalid_evidence", ids[2]) in found
    assert ("verdict_without_evidence", ids[3]) in found
    assert ("history_mismatch", ids[4]) in found
    assert ("invalid_claim", ids[5]) in found
    assert all(
        f["file"] == f"articles/{path.name}"
        for f in findings
        if f["claim_id"] in ids and not f["code"].startswith(("index", "keys"))
    )
    # The human form names the claim on each line too.
    for claim_id in ids:
        assert any(claim_id in line for line in result.stdout.splitlines())


def test_an_orphaned_claim_is_checked_against_its_own_version(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    path = tmp_path / "story.txt"
    path.write_text("Plus de 1 000 soldats sont partis. Le coût atteint 100 millions de dollars.", encoding="utf-8")
    assert cli("ingest", path, "--lang", "fr", "--published", "2024-05-20").exit_code == 0
    path.write_text("Le coût atteint 100 millions de dollars. Tout autre chose ici.", encoding="utf-8")
    assert cli("ingest", path, "--lang", "fr", "--published", "2024-05-20").exit_code == 0
    claims = cli("list", "--json").json()
    assert any(c["version"] == 1 for c in claims), "expected a claim left in version 1"
    assert cli("doctor").exit_code == 0
    data = _load(_article_file(registry))
    old = next(d for d in data["claims"].values() if d["version"] == 1)
    old["span"]["quote"] = "something else"
    _dump(_article_file(registry), data)
    code, findings = _findings(cli)
    mismatch = next(f for f in findings if f["code"] == "span_mismatch")
    assert mismatch["claim_id"] == old["id"] and "version 1" in mismatch["message"]


def test_index_problems_are_found_and_reindex_repairs_them(cli, seeded, registry):
    claim = seeded[0]["id"]
    shard = registry / "index" / f"{claim[2:4]}.json"
    shard.unlink()
    summaries = _load(registry / "registry.json")
    next(iter(summaries["articles"].values()))["claims"] = 999
    _dump(registry / "registry.json", summaries)
    code, findings = _findings(cli)
    codes = {f["code"] for f in findings}
    assert code == 1 and {"index_missing", "summary_stale"} <= codes
    assert any(f["claim_id"] == claim for f in findings if f["code"] == "index_missing")
    result = cli("doctor", "--reindex")
    assert result.exit_code == 0, result.stderr
    assert cli("doctor").exit_code == 0
    assert len(cli("list", "--json").json()) == len(seeded)


def test_an_interrupted_write_and_stray_temp_files_are_warnings(cli, seeded, registry):
    (registry / ".pending.json").write_text(json.dumps({"articles": [seeded[0]["article_id"]]}), encoding="utf-8")
    (registry / "index" / ".00.json.4242.tmp").write_text("{", encoding="utf-8")
    code, findings = _findings(cli)
    assert code == 0
    assert {f["code"] for f in findings} == {"interrupted_write", "temp_file"}
    assert all(f["severity"] == "warning" for f in findings)


# -- restore ---------------------------------------------------------------------------------------------


def test_restore_shows_what_changes_then_brings_back_the_last_good_copy(cli, seeded, registry):
    claim = seeded[0]["id"]
    assert cli("mark", claim, "in-review", "--note", "first look").exit_code == 0
    assert cli("verify", claim, "--evidence", EVIDENCE).exit_code == 0
    path = _article_file(registry)
    last_written = path.read_bytes()
    broken = last_written[:1000]
    path.write_bytes(broken)

    # Without a terminal and without --yes: refused, nothing changed.
    before = _snapshot(registry)
    refused = cli("doctor", "--restore")
    assert refused.exit_code == 1
    assert "--yes" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert f"articles/{path.name}" in refused.stdout and "unreadable" in refused.stdout
    # The backup is the file before its last write (the verdict); the journal holds that write: nothing is lost.
    assert "journal" in refused.stdout and "changes c-" not in refused.stdout
    assert _snapshot(registry) == before

    done = cli("doctor", "--restore", "--yes")
    assert done.exit_code == 0, done.stderr
    assert path.read_bytes() == last_written
    kept = list(path.parent.glob(f"{path.name}.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == broken and kept[0].name in done.stdout
    assert cli("doctor").exit_code == 0
    shown = cli("show", claim, "--json").json()
    assert shown["status"] == "verified" and len(shown["evidence"]) == 1  # every acknowledged change
    assert len(cli("list", "--json").json()) == len(seeded)


def test_restore_of_a_readable_file_lists_the_claims_it_changes(cli, seeded, registry):
    claim = seeded[1]["id"]
    assert cli("evidence", "add", claim, EVIDENCE, "--note", "wrong one").exit_code == 0
    path = _article_file(registry)
    result = cli("doctor", "--restore", "--file", f"articles/{path.name}", "--yes")
    assert result.exit_code == 0, result.stderr
    assert f"changes {claim}" in result.stdout and "evidence 1 → 0" in result.stdout
    assert cli("show", claim, "--json").json()["evidence"] == []
    assert cli("doctor").exit_code == 0
    assert len(list(path.parent.glob(f"{path.name}.broken-*"))) == 1


def test_a_deleted_registry_file_is_restored_from_its_backup(cli, seeded, registry):
    claim = seeded[0]["id"]
    assert cli("mark", claim, "dismissed").exit_code == 0  # registry.json gets a .bak at each write
    (registry / "registry.json").unlink()
    assert cli("list").exit_code == 1
    result = cli("doctor", "--restore", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "missing" in result.stdout
    assert cli("doctor").exit_code == 0
    assert len(cli("list", "--all", "--json").json()) == len(seeded)


def test_restore_with_nothing_broken_changes_nothing(cli, seeded, registry):
    before = _snapshot(registry)
    result = cli("doctor", "--restore")
    assert result.exit_code == 0 and "Nothing to restore" in result.stdout
    assert _snapshot(registry) == before
    assert cli("doctor", "--file", "registry.json").exit_code == 2  # --file goes with --restore
    outside = cli("doctor", "--restore", "--file", "../elsewhere.json", "--yes")
    assert outside.exit_code == 1 and len(outside.stderr.strip().splitlines()) == 1


# -- schema versions ------------------------------------------------------------------------------------


def _set_schema(root: Path, schema: int) -> None:
    data = _load(root / "registry.json")
    data["meta"]["1"]["schema"] = schema
    _dump(root / "registry.json", data)


def test_a_newer_registry_is_refused_and_left_untouched(cli, seeded, registry):
    claim = seeded[0]["id"]
    _set_schema(registry, store_schema.SCHEMA_VERSION + 1)
    before = _snapshot(registry)
    for args in (
        ["list"],
        ["show", claim],
        ["mark", claim, "in-review"],
        ["ingest", str(SECOND)],
        ["doctor", "--reindex"],
        ["doctor", "--restore", "--file", "registry.json", "--yes"],
    ):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.stdout)
        assert "newer" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert _snapshot(registry) == before, args
    code, findings = _findings(cli)
    assert code == 1 and [f["code"] for f in findings] == ["schema_too_new"]


def test_an_older_registry_is_migrated_with_a_copy_kept(cli, seeded, registry, monkeypatch):
    calls = []

    def to_v1(root: Path) -> None:
        calls.append(root)
        data = _load(root / "registry.json")
        data["meta"]["1"]["migrated_from_0"] = True
        _dump(root / "registry.json", data)

    monkeypatch.setattr(store_schema, "MIGRATIONS", [(0, to_v1), *store_schema.MIGRATIONS])
    _set_schema(registry, 0)
    old = _snapshot(registry)
    assert cli("doctor", "--json").json()["findings"][0]["code"] == "schema_old"
    listed = cli("list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert len(listed.json()) == len(seeded) and calls == [registry]
    meta = _load(registry / "registry.json")["meta"]["1"]
    assert meta["schema"] == store_schema.SCHEMA_VERSION and meta["migrated_from_0"] is True
    backup = registry.with_name(f"{registry.name}.schema0.backup")
    assert _snapshot(backup) == old
    assert cli("list").exit_code == 0 and calls == [registry]  # once only
    assert cli("doctor").exit_code == 0


def test_an_older_registry_without_a_migration_is_reported_by_doctor(cli, seeded, registry):
    _set_schema(registry, 0)
    code, findings = _findings(cli)
    assert code == 1 and findings[0]["code"] == "schema_unsupported"


def test_an_older_registry_without_a_migration_is_a_clear_error(cli, seeded, registry):
    _set_schema(registry, 0)
    before = _snapshot(registry)
    result = cli("list")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "schema 0" in result.stderr
    assert _snapshot(registry) == before


# -- hand edits that parse but do not fit ------------------------------------------------------------------


def _edit_claim(data: dict, claim_id: str, change) -> None:
    change(_claim_doc(data, claim_id))


HAND_EDITS = {
    "status": ("article", lambda d, c: _edit_claim(d, c, lambda x: x.update(status="bogus"))),
    "no span": ("article", lambda d, c: _edit_claim(d, c, lambda x: x.pop("span"))),
    "claims list": ("article", lambda d, c: d.update(claims=[])),
    "index entry": ("index", lambda d, c: _edit_claim(d, c, lambda x: x.pop("status"))),
    "index list": ("index", lambda d, c: d.update(claims=[])),
    "summaries list": ("registry", lambda d, c: d.update(articles=[])),
    "meta list": ("registry", lambda d, c: d.update(meta=[])),
}


@pytest.mark.parametrize("edit", sorted(HAND_EDITS))
def test_a_hand_edit_that_does_not_fit_is_a_clear_error(cli, seeded, registry, edit):
    which, change = HAND_EDITS[edit]
    claim = seeded[0]["id"]
    path = {
        "registry": registry / "registry.json",
        "article": _article_file(registry),
        "index": registry / "index" / f"{claim[2:4]}.json",
    }[which]
    data = _load(path)
    change(data, claim)
    _dump(path, data)
    for args in (["list"], ["list", "--json"], ["articles"], ["show", claim], ["mark", claim, "in-review"]):
        result = cli(*args)
        assert "Traceback" not in result.stderr and result.exit_code in (0, 1), (args, result.stderr[-300:])
        if result.exit_code:
            message = result.json()["error"]["message"] if "--json" in args else result.stderr
            assert len(message.strip().splitlines()) == 1 and path.name in message, (args, message)
    code, findings = _findings(cli)
    assert code == 1 and findings


# -- the keys index (index/keys/, store/keys.py) ---------------------------------------------------------------

REPEAT = (
    "Le Pentagone a confirmé le calendrier du retrait.\n\n"
    "Les États-Unis comptent plus de 1 000 soldats stationnés sur la base aérienne d'Agadez.\n"
)


def _keys_file(root: Path, claim_id: str) -> Path:
    return next(
        p
        for p in (root / "index" / "keys").glob("*.json")
        if any(d["id"] == claim_id for d in _load(p)["keys"].values())
    )


def test_a_broken_keys_file_stops_ingest_cleanly_and_reindex_rebuilds_it(cli, seeded, registry, tmp_path):
    soldiers = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")
    broken = _keys_file(registry, soldiers["id"])
    broken.write_bytes(broken.read_bytes()[:40])
    article = tmp_path / "pentagone.txt"
    article.write_text(REPEAT, encoding="utf-8")
    before = _snapshot(registry)
    result = cli("ingest", article, "--lang", "fr", "--published", "2024-05-21")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and str(broken) in result.stderr
    assert _snapshot(registry) == before
    code, findings = _findings(cli)
    assert code == 1 and ("invalid_json", str(broken.relative_to(registry))) in {
        (f["code"], f["file"]) for f in findings
    }
    assert cli("doctor", "--reindex").exit_code == 0
    assert cli("doctor").exit_code == 0
    linked = cli("ingest", article, "--lang", "fr", "--published", "2024-05-21", "--json")
    assert linked.exit_code == 0, linked.stderr
    new = next(c for c in linked.json()[0]["claims"] if c["span"]["quote"] == "plus de 1 000 soldats")
    assert new["seen_before"] == [soldiers["id"]]


def test_keys_problems_are_found_and_reindex_repairs_them(cli, seeded, registry):
    figures = [c for c in seeded if c["kind"] in ("quantity", "money", "percent", "quote")]
    missing, stale, moved, bad = (c["id"] for c in figures[:4])
    statement = next(c["id"] for c in seeded if c["kind"] == "statement")
    for claim_id, change in (
        (missing, lambda e: None),
        (stale, lambda e: e | {"quote": "autre chose"}),
        (bad, lambda e: e | {"kind": "bogus"}),
    ):
        path = _keys_file(registry, claim_id)
        data = _load(path)
        key = next(k for k, d in data["keys"].items() if d["id"] == claim_id)
        entry = change(data["keys"].pop(key))
        if entry is not None:
            data["keys"][key] = entry
        _dump(path, data)
    # One entry put in a file its key does not hash to, one for a claim that is not a figure.
    source = _keys_file(registry, moved)
    data = _load(source)
    key = next(k for k, d in data["keys"].items() if d["id"] == moved)
    entry = data["keys"].pop(key)
    _dump(source, data)
    elsewhere = next(p for p in (registry / "index" / "keys").glob("*.json") if p != source)
    data = _load(elsewhere)
    data["keys"][key] = entry
    data["keys"]["1"] = entry | {"id": statement}
    _dump(elsewhere, data)

    code, findings = _findings(cli)
    found = {(f["code"], f["claim_id"]) for f in findings}
    assert code == 1
    assert {
        ("keys_missing", missing),
        ("keys_stale", stale),
        ("bad_keys_entry", bad),
        ("keys_wrong_file", moved),
        ("keys_orphan", statement),
    } <= found
    assert all("--reindex" in f["message"] for f in findings if f["code"].startswith(("keys", "bad_keys")))
    assert cli("doctor", "--reindex").exit_code == 0
    assert cli("doctor").exit_code == 0


def test_an_older_registry_without_keys_is_migrated_and_checked(cli, seeded, registry):
    import shutil

    shutil.rmtree(registry / "index" / "keys")
    _set_schema(registry, 1)
    code, findings = _findings(cli)
    assert code == 0 and [f["code"] for f in findings] == ["schema_old"]  # no keys are missing before it
    upgraded = cli("list")
    assert upgraded.exit_code == 0
    assert registry.with_name(f"{registry.name}.schema1.backup").is_dir()
    # Said once, on stderr, before the work: at 100k claims it takes ~20 s.
    assert "Upgrading the registry from schema 1 to 3" in upgraded.stderr and "schema1.backup" in upgraded.stderr
    assert "Upgrading" not in cli("list").stderr
    assert list((registry / "index" / "keys").glob("*.json"))
    assert cli("doctor").exit_code == 0


def test_a_keys_file_left_by_a_killed_write_is_a_warning(cli, seeded, registry):
    (registry / "index" / "keys" / ".0ab.json.4242.tmp").write_text("{", encoding="utf-8")
    (registry / ".writing.tmp").touch()  # the killed writer's marker
    code, findings = _findings(cli)
    assert code == 0 and [f["code"] for f in findings] == ["temp_file", "temp_file"]
    assert cli("list").exit_code == 0
    assert not list((registry / "index" / "keys").glob("*.tmp"))


def test_a_broken_keys_file_is_restored_from_its_backup(cli, seeded, registry, tmp_path):
    soldiers = next(c for c in seeded if c["span"]["quote"] == "plus de 1 000 soldats")
    article = tmp_path / "pentagone.txt"
    article.write_text(REPEAT, encoding="utf-8")
    assert cli("ingest", article, "--lang", "fr", "--published", "2024-05-21").exit_code == 0  # a second write
    broken = _keys_file(registry, soldiers["id"])
    assert broken.with_name(broken.name + ".bak").exists()
    broken.write_bytes(broken.read_bytes()[:40])
    result = cli("doctor", "--restore", "--yes")
    assert result.exit_code == 0, result.stderr
    # A derived file is rebuilt from the article files (its backup may be a write behind them), and named once.
    assert result.stdout.count(f"{broken.relative_to(registry)}:\n") == 1
    assert "rebuilt from the article files" in result.stdout
    assert cli("doctor").exit_code == 0
    assert len(cli("similar", soldiers["id"], "--json").json()) >= 1


def test_an_article_file_broken_before_its_first_backup_comes_back_from_its_journal(cli, registry, tmp_path):
    from tests.conftest import SEED

    assert cli("init").exit_code == 0
    article = tmp_path / SEED.name
    article.write_bytes(SEED.read_bytes())
    assert cli("ingest", article, "--published", "2024-05-20", "--lang", "fr").exit_code == 0
    path = _article_file(registry)
    assert not path.with_name(path.name + ".bak").exists()  # written once: no backup yet
    claims = cli("list", "--json").json()
    path.write_text("{}", encoding="utf-8")
    assert cli("doctor").exit_code == 1
    done = cli("doctor", "--restore", "--yes")
    assert done.exit_code == 0, done.stdout + done.stderr
    assert cli("list", "--json").json() == claims
    assert cli("doctor").exit_code == 0
