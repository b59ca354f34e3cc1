"""A desk on one PostgreSQL registry: writers at once, roles, and what a user sees when something is refused.

Real processes through the real command line (bench/stress.py's writers), a real server (tests/postgres.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from tests.conftest import SEED, SEED_PUBLISHED
from tests.system.test_reliability import _assert_stress, _stress_module

ROOT = Path(__file__).resolve().parents[2]


def _claimcheck(url: str, *args: str, user: str = "tester") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CLAIMCHECK_REGISTRY=url, CLAIMCHECK_USER=user, NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )


def _one_clean_line(done: subprocess.CompletedProcess, *needles: str) -> str:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    line = done.stderr.strip()
    assert "\n" not in line and line.startswith("claimcheck: error: "), line
    for needle in needles:
        assert needle in line, line
    return line


def test_ten_writers_at_once_lose_nothing_and_every_history_is_complete(pg_url):
    figures = _stress_module().stress(pg_url, procs=10, changes=2, claims=3, seed=13)
    figures["returncode"] = 0
    _assert_stress(figures, 20)


def test_init_and_the_same_text_ingested_at_once_make_one_registry_and_one_article(cli, pg_url, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", pg_url)
    with ThreadPoolExecutor(3) as pool:  # two machines running `init` at once: both fine, one creates
        inits = list(pool.map(lambda _: _claimcheck(pg_url, "init", "--json"), range(3)))
    assert [r.returncode for r in inits] == [0, 0, 0], [r.stderr for r in inits]
    assert sorted(json.loads(r.stdout)["created"] for r in inits) == [False, False, True]
    with ThreadPoolExecutor(3) as pool:
        ingest = ("ingest", str(SEED), "--published", SEED_PUBLISHED)
        runs = list(pool.map(lambda _: _claimcheck(pg_url, *ingest), range(3)))
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stderr for r in runs]
    articles = cli("articles", "--json").json()
    assert len(articles) == 1
    assert len(cli("list", "--json").json()) == articles[0]["claims"]


@pytest.fixture
def roles(pg_url, pg_server):
    """A reader (editors who report) and a checker (who ingest and mark) granted as docs/scaling.md says."""
    schema = pg_url.rsplit("search_path%3D", 1)[1]
    tag = uuid.uuid4().hex[:8]
    reader, checker = f"cc_reader_{tag}", f"cc_checker_{tag}"
    assert _claimcheck(pg_url, "init").returncode == 0
    assert _claimcheck(pg_url, "ingest", str(SEED), "--published", SEED_PUBLISHED).returncode == 0
    # docs/scaling.md's statements, word for word but for the schema and the role names.
    s = schema
    grants = f"""
        CREATE ROLE {reader} LOGIN;
        GRANT USAGE ON SCHEMA {s} TO {reader};
        GRANT SELECT ON {s}.claimcheck_meta, {s}.articles, {s}.claims, {s}.events TO {reader};
        CREATE ROLE {checker} LOGIN IN ROLE {reader};
        GRANT INSERT, UPDATE ON {s}.articles, {s}.claims TO {checker};
        GRANT INSERT ON {s}.events TO {checker};
        GRANT USAGE ON SEQUENCE {s}.events_seq_seq TO {checker};
    """
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(grants)
    as_role = {name: pg_url.replace("//claimcheck@", f"//{name}@", 1) for name in (reader, checker)}
    yield as_role[reader], as_role[checker]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        for name in (checker, reader):
            conn.execute(f"DROP OWNED BY {name}")
            conn.execute(f"DROP ROLE {name}")


def test_a_reader_reports_but_a_change_is_refused_in_one_line(roles, tmp_path):
    reader, checker = roles
    claims = json.loads(_claimcheck(reader, "list", "--json").stdout)
    assert claims and _claimcheck(reader, "report", "--format", "md").returncode == 0
    refused = _claimcheck(reader, "mark", claims[0]["id"], "in-review")
    _one_clean_line(refused, "refused this for your role", "permission denied")
    other = tmp_path / "other.txt"
    other.write_text("Le port a traité 2,1 millions de conteneurs en 2023.\n", encoding="utf-8")
    _one_clean_line(_claimcheck(reader, "ingest", str(other), "--published", "2024-01-01"), "permission denied")
    marked = _claimcheck(checker, "mark", claims[0]["id"], "in-review", "--note", "on it", user="checker")
    assert marked.returncode == 0, marked.stderr
    assert json.loads(_claimcheck(reader, "show", claims[0]["id"], "--json").stdout)["status"] == "in-review"
    assert _claimcheck(checker, "ingest", str(other), "--published", "2024-01-01").returncode == 0


def test_history_is_append_only_whatever_the_role(cli, pg_url, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", pg_url)
    assert cli("ingest", SEED, "--published", SEED_PUBLISHED).exit_code == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for statement in ("UPDATE events SET by = 'someone else'", "DELETE FROM events", "TRUNCATE events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                conn.execute(statement)
    assert cli("doctor").exit_code == 0


def test_doctor_finds_a_span_that_no_longer_matches_its_text(cli, pg_url, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", pg_url)
    assert cli("ingest", SEED, "--published", SEED_PUBLISHED).exit_code == 0
    claim = cli("list", "--json").json()[0]["id"]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE claims SET doc = jsonb_set(doc, '{span,quote}', '\"tampered\"') WHERE id = %s", [claim])
    found = cli("doctor", "--json")
    assert found.exit_code == 1
    report = found.json()
    assert not report["ok"] and [f["code"] for f in report["findings"]] == ["span_mismatch"]
    assert report["findings"][0]["claim_id"] == claim
    refused = cli("doctor", "--reindex")
    assert refused.exit_code == 1 and "pg_dump" in refused.stderr


def test_a_password_never_shows_and_an_unreachable_server_is_one_line(pg_server):
    url = "postgresql://desk:s3cr3t-pw@127.0.0.1:1/claims"
    line = _one_clean_line(_claimcheck(url, "list"), "cannot reach the registry", "desk:***@127.0.0.1:1/claims")
    assert "s3cr3t-pw" not in line
    queried = "postgresql://desk@127.0.0.1:1/claims?password=s3cr3t-pw"
    assert "s3cr3t-pw" not in _claimcheck(queried, "list").stderr


def test_a_database_without_a_registry_says_to_init_and_a_newer_schema_is_refused(cli, pg_url, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", pg_url)
    missing = cli("list")
    assert missing.exit_code == 1 and "claimcheck --registry URL init" in missing.stderr
    assert cli("init").exit_code == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE claimcheck_meta SET value = '99' WHERE key = 'schema'")
    newer = cli("list", "--json")
    assert newer.exit_code == 1 and newer.json()["error"]["code"] == "schema_too_new"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT value FROM claimcheck_meta").fetchone() == ("99",)  # untouched


def test_export_and_import_move_a_registry_between_backends(cli, tmp_path, pg_url, monkeypatch):
    folder = tmp_path / "claims"
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", str(folder))
    assert cli("ingest", SEED, "--published", SEED_PUBLISHED).exit_code == 0
    before = cli("list", "--json").stdout
    exported = cli("export", pg_url, "--json")
    assert exported.exit_code == 0, exported.stderr
    assert exported.json()["articles"] == 1 and exported.json()["claims"] == len(json.loads(before))
    again = cli("export", pg_url)
    assert again.exit_code == 1 and "already holds articles" in again.stderr
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", str(tmp_path / "back"))
    imported = cli("import", pg_url)
    assert imported.exit_code == 0, imported.stderr
    assert cli("list", "--json").stdout == before
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", pg_url)
    assert cli("list", "--json").stdout == before
