"""Every test gets its own empty registry; `cli` runs the real command line in-process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEED = EXAMPLES / "niger-us-withdrawal.fr.txt"
SEED_PUBLISHED = "2024-05-20"


class Result:
    def __init__(self, raw) -> None:
        self.exit_code = raw.exit_code
        self.stdout = raw.stdout
        self.stderr = raw.stderr
        self.exception = raw.exception

    def json(self):
        return json.loads(self.stdout)


@pytest.fixture(autouse=True)
def registry(tmp_path, monkeypatch):
    """An isolated registry path (not created: tests call `init` or use `seeded`)."""
    root = tmp_path / "claims"
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", str(root))
    monkeypatch.setenv("CLAIMCHECK_USER", "tester")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CLAIMCHECK_ORG", raising=False)
    monkeypatch.delenv("CLAIMCHECK_MAX_SIZE", raising=False)
    return root


@pytest.fixture
def cli():
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return Result(runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=True))

    return run


@pytest.fixture
def seeded(cli, registry, tmp_path):
    """A registry holding the seed article; returns its claims as JSON."""
    assert cli("init").exit_code == 0
    article = tmp_path / SEED.name
    shutil.copy(SEED, article)
    result = cli("ingest", article, "--published", SEED_PUBLISHED, "--lang", "fr")
    assert result.exit_code == 0, result.stderr
    listed = cli("list", "--json")
    assert listed.exit_code == 0, listed.stderr
    return listed.json()


# PostgreSQL: the test server, a fresh schema per test, and `backend` (each registry backend in turn).
from tests.postgres import backend, pg_server, pg_url  # noqa: E402, F401
