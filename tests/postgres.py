"""PostgreSQL for the tests: a server, a fresh schema per test, and the `backend` fixture over both backends.

The server is, in order: $CLAIMCHECK_TEST_PG (a URL to a server the tests may create schemas and roles in,
as `.ci/postgres.sh` exports); else one the tests start themselves in a temporary folder with the
PostgreSQL binaries found on this machine (as the `postgres` user when run as root: PostgreSQL refuses to
run as root); else the PostgreSQL half of the suite is skipped with a message. With
CLAIMCHECK_REQUIRE_PG=1 (CI), no server is a failure, not a skip.

Each test gets its own schema (`?options=-csearch_path=…` in its URL), dropped afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

REQUIRED = os.environ.get("CLAIMCHECK_REQUIRE_PG") == "1"


def _bindir() -> Path | None:
    # Debian's layout, newest major version last: /usr/lib/postgresql/15/bin/initdb.
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4].split(".")[0]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """A throwaway cluster in a temporary folder, on a loopback port, stopped at the end of the session."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="claimcheck-pg-"))
        self.runner: list[str] = []
        if os.geteuid() == 0:
            import pwd

            owner = "postgres"
            try:
                pwd.getpwnam(owner)
            except KeyError:
                owner = "nobody"
            self.runner = ["runuser", "-u", owner, "--"]
            shutil.chown(self.dir, owner)
        self.dir.chmod(0o755)
        port = _free_port()
        self._run("initdb", "-D", str(self.dir / "data"), "-U", "claimcheck", "--auth=trust", "-E", "UTF8")
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={self.dir} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-l", str(self.dir / "log"), "-w", "-o", options, "start")
        self.url = f"postgresql://claimcheck@127.0.0.1:{port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.runner, str(self.bindir / tool), *args], check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _unavailable(why: str) -> None:
    if REQUIRED:
        pytest.fail(f"CLAIMCHECK_REQUIRE_PG=1 but {why}", pytrace=False)
    pytest.skip(f"PostgreSQL half skipped: {why} (set CLAIMCHECK_TEST_PG, or install PostgreSQL)")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server the tests may make schemas and roles in."""
    given = os.environ.get("CLAIMCHECK_TEST_PG")
    if given:
        yield given
        return
    bindir = _bindir()
    if bindir is None:
        _unavailable("no PostgreSQL server is given and no PostgreSQL binaries were found")
    assert bindir is not None
    try:
        server = _Server(bindir)
    except (OSError, subprocess.SubprocessError) as exc:
        _unavailable(f"could not start a temporary PostgreSQL server ({exc})")
        raise
    try:
        yield server.url
    finally:
        server.stop()


def with_schema(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:
    """A fresh, empty schema of the test server, as a registry URL; dropped after the test."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        _unavailable(f"the server at CLAIMCHECK_TEST_PG cannot be reached ({str(exc).strip().splitlines()[0]})")
    yield with_schema(pg_server, schema)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["folder", "postgresql"])
def backend(request, tmp_path, monkeypatch) -> str:
    """The location of an empty registry of each backend in turn, also set as $CLAIMCHECK_REGISTRY."""
    location = str(tmp_path / "claims") if request.param == "folder" else request.getfixturevalue("pg_url")
    monkeypatch.setenv("CLAIMCHECK_REGISTRY", location)
    return location
