"""The everyday commands through the real command line: wiring, output, exit codes, errors."""

from __future__ import annotations

import json
import re

import pytest

from claimcheck.cli.root import app
from tests.conftest import SEED

EVIDENCE = "https://www.defense.gov/News/Releases/niger"


def _one(claims, kind, needle):
    return next(c for c in claims if c["kind"] == kind and needle in c["span"]["quote"])


def test_ingest_then_list_gives_exact_spans(seeded):
    text = SEED.read_text(encoding="utf-8")
    assert len(seeded) > 20
    for claim in seeded:
        assert text[claim["span"]["start"] : claim["span"]["end"]] == claim["span"]["quote"]
        assert claim["status"] == "unverified"
        assert claim["history"][0]["action"] == "created" and claim["history"][0]["by"] == "tester"
    soldiers = _one(seeded, "quantity", "1 000 soldats")
    assert soldiers["text"] == "1,000+ soldats"
    assert soldiers["value"]["bound"] == "more_than"


def test_claim_json_has_the_documented_fields(seeded):
    claim = seeded[0]
    for key in (
        "id",
        "article_id",
        "kind",
        "text",
        "span",
        "value",
        "status",
        "evidence",
        "history",
        "created_at",
        "updated_at",
    ):
        assert key in claim
    assert set(claim["span"]) >= {"start", "end", "quote", "prefix", "suffix"}
    assert re.fullmatch(r"c-[0-9a-f]{6,}", claim["id"])


def test_ingesting_the_same_text_twice_adds_nothing(cli, seeded, tmp_path):
    again = cli("ingest", tmp_path / SEED.name, "--published", "2024-05-20", "--json")
    assert again.exit_code == 0
    assert again.json()[0]["outcome"] == "unchanged"
    assert len(cli("list", "--json").json()) == len(seeded)


def test_verdict_without_evidence_is_refused_and_nothing_changes(cli, seeded, registry):
    claim = _one(seeded, "quantity", "1 000 soldats")
    before = {p: p.read_bytes() for p in registry.rglob("*.json")}
    result = cli("mark", claim["id"], "verified")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "evidence" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in registry.rglob("*.json")} == before


def test_verify_then_history_shows_both_events(cli, seeded):
    claim = _one(seeded, "quantity", "1 000 soldats")
    assert cli("mark", claim["id"], "in-review", "--by", "ana").exit_code == 0
    # A prefix: five hex digits, as the claims of one article share their first two.
    done = cli("verify", claim["id"][:7], "--evidence", EVIDENCE, "--note", "DoD figures", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["status"] == "verified"
    events = cli("history", claim["id"], "--json").json()
    assert [e["action"] for e in events] == ["created", "status", "evidence_added", "status"]
    assert events[1]["by"] == "ana" and events[-1]["by"] == "tester"
    # The status event names the evidence that came with it (undo takes both out).
    assert events[-1]["detail"] == {
        "from": "in-review",
        "to": "verified",
        "note": "DoD figures",
        "evidence": [EVIDENCE],
    }
    assert all(e["at"] for e in events)


def test_show_highlights_the_span_in_its_sentence(cli, seeded):
    claim = _one(seeded, "quantity", "1 000 soldats")
    shown = cli("show", claim["id"])
    assert shown.exit_code == 0
    assert "Les États-Unis comptent plus de 1 000 soldats stationnés sur cette base." in shown.stdout
    assert "1,000+ soldats" in shown.stdout
    assert cli("show", claim["id"], "--json").json()["id"] == claim["id"]


def test_list_filters(cli, seeded):
    claim = _one(seeded, "money", "100 millions")
    cli("mark", claim["id"], "false", "--evidence", EVIDENCE)
    assert [c["id"] for c in cli("list", "--status", "false", "--json").json()] == [claim["id"]]
    kinds = {c["kind"] for c in cli("list", "--kind", "date", "--json").json()}
    assert kinds == {"date"}
    found = cli("list", "--search", "LIVRES", "--json").json()
    # Search reads the words around the span too (its sentence).
    around = ("quote", "prefix", "suffix")
    assert found and all("livres" in (c["text"] + "".join(c["span"][k] for k in around)).lower() for c in found)
    table = cli("list", "--status", "false")
    assert claim["id"] in table.stdout and "false" in table.stdout


def test_evidence_add_and_remove(cli, seeded, tmp_path):
    claim = _one(seeded, "date", "dimanche")
    added = cli("evidence", "add", claim["id"], EVIDENCE, "--stance", "context", "--json").json()
    assert added["evidence"][0]["stance"] == "context"
    pdf = tmp_path / "communique.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake")
    local = cli("evidence", "add", claim["id"], pdf, "--json").json()["evidence"][1]
    assert local["url"].startswith("file://") and local["size"] == 13 and len(local["sha256"]) == 64
    removed = cli("evidence", "remove", claim["id"], EVIDENCE, "--json").json()
    assert [e["url"] for e in removed["evidence"]] == [local["url"]]


def test_add_a_claim_by_quote(cli, seeded):
    article = seeded[0]["article_id"]
    made = cli("add", article, "--quote", "négociations marathon", "--json")
    assert made.exit_code == 0, made.stderr
    assert made.json()["span"]["quote"] == "négociations marathon"
    missing = cli("add", article, "--quote", "pas dans le texte")
    assert missing.exit_code == 1 and "not in article" in missing.stderr
    several = cli("add", article, "--quote", "Niger")
    assert several.exit_code == 1 and "--occurrence" in several.stderr
    third = cli("add", article, "--quote", "Niger", "--occurrence", "3", "--json").json()
    assert third["span"]["quote"] == "Niger"


@pytest.mark.parametrize(
    "args, needle",
    [
        (("show", "c-ffffffff"), "no claim"),
        (("mark", "c-ffffffff", "verified"), "no claim"),
        (("list", "--status", "maybe"), "unknown status"),
        (("list", "--kind", "rumour"), "unknown kind"),
    ],
)
def test_user_errors_are_one_clean_line(cli, seeded, args, needle):
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert needle in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "data:text/html,<script>"]
)
def test_only_http_evidence(cli, seeded, url):
    claim = seeded[0]
    result = cli("evidence", "add", claim["id"], url)
    assert result.exit_code == 1 and "http" in result.stderr
    assert cli("show", claim["id"], "--json").json()["evidence"] == []


def test_errors_under_json_are_json_on_stdout(cli, seeded):
    result = cli("show", "c-ffffffff", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "not_found"


def test_unknown_status_on_mark(cli, seeded):
    result = cli("mark", seeded[0]["id"], "probably")
    assert result.exit_code == 1 and "unknown status" in result.stderr


@pytest.mark.parametrize(
    "make, needle",
    [
        (lambda p: p, "no such file"),
        (lambda p: (p.mkdir(), p)[1], "directory"),
        (lambda p: (p.write_bytes(b"caf\xe9 au lait"), p)[1], "utf-8"),
        (lambda p: (p.write_text("  \n\n ", encoding="utf-8"), p)[1], "empty"),
    ],
)
def test_bad_article_files(cli, registry, tmp_path, make, needle):
    assert cli("init").exit_code == 0
    path = make(tmp_path / "article.txt")
    result = cli("ingest", path)
    assert result.exit_code == 1
    assert needle in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_registry_file_that_is_not_json_is_named_and_kept(cli, seeded, registry):
    path = registry / "registry.json"
    path.write_text('{"articles": {', encoding="utf-8")
    result = cli("list")
    assert result.exit_code == 1
    assert str(path) in result.stderr and "not valid JSON" in result.stderr
    assert path.read_text(encoding="utf-8") == '{"articles": {'
    assert cli("mark", seeded[0]["id"], "dismissed").exit_code == 1
    assert path.read_text(encoding="utf-8") == '{"articles": {'


def test_no_registry_says_to_run_init(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("CLAIMCHECK_REGISTRY")
    monkeypatch.chdir(tmp_path)
    result = cli("list")
    assert result.exit_code == 1 and "claimcheck init" in result.stderr


def test_registry_is_found_from_a_subfolder(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("CLAIMCHECK_REGISTRY")
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert cli("articles", "--json").json() == []


def test_init_twice_is_harmless(cli):
    assert cli("init").exit_code == 0
    again = cli("init")
    assert again.exit_code == 0 and "already" in again.stdout


def test_every_command_has_help_with_an_example(cli):
    names = [c.name or c.callback.__name__ for c in app.registered_commands] + ["evidence add", "evidence remove"]
    for name in names:
        result = cli(*name.split(), "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, name


def test_every_command_is_mapped_to_the_module_that_defines_it():
    """`claimcheck X` imports only the module COMMANDS names for X: a missing entry would load every module,
    a wrong one would make X an unknown command."""
    import claimcheck.cli as cli_package
    from claimcheck.cli import COMMANDS, app

    defined = {}
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        defined[name] = info.callback.__module__.rsplit(".", 1)[1]
    for group in app.registered_groups:
        defined[group.name] = group.typer_instance.registered_commands[0].callback.__module__.rsplit(".", 1)[1]
    assert defined == COMMANDS
    assert cli_package.command_name(["-r", "claims", "show", "c-1"]) == "show"
    assert cli_package.command_name(["--registry", "mark", "list"]) == "list"  # a registry folder named mark
    assert cli_package.command_name(["--help"]) is None


@pytest.mark.parametrize("command", ["ingest", "show", "doctor", "report", "update", "evidence"])
def test_a_command_runs_with_only_its_module_loaded(command):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", command, "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Usage: claimcheck {command} ")


def test_show_says_unknown_for_a_value_the_extractor_could_not_fill(cli, seeded):
    quote = next(c for c in seeded if c["kind"] == "quote" and c["value"].get("speaker") is None)
    shown = cli("show", quote["id"])
    assert shown.exit_code == 0
    assert re.search(r"speaker\s+unknown", shown.stdout) and "None" not in shown.stdout
