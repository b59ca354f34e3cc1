"""A random desk session, run on a folder and on PostgreSQL at once: both print the same, step after step.

A hypothesis state machine of commands (mark, verify, evidence add/remove, add, refused verdicts, unknown
ids) through the real command line, each run on both registries; after every step `list --json` and a
claim's `show --json` must agree too. Only timestamps are normalised: ids, spans, histories, evidence,
error messages and exit codes are compared as printed. What a refused command leaves is part of it: the
registries must still agree after it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from tests.conftest import SEED, SEED_PUBLISHED

_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?(Z|\+00:00)?")
STATUSES = ["in-review", "verified", "false", "misleading", "unverifiable", "dismissed", "unverified", "bogus"]
URLS = ["https://example.org/a", "https://example.org/b?q=1", "ftp://example.org/no"]
WORDS = ["Niger", "troupes américaines", "pas dans le texte", "15 septembre", "Niamey"]


def _normalised(text: str, locations: list[str]) -> str:
    for location in locations:
        text = text.replace(location, "<REGISTRY>")
    return _TIME.sub("<TIME>", text)


def _machine(cli: Callable, monkeypatch, folder: str, url: str) -> type[RuleBasedStateMachine]:
    def both(*args: str):
        outputs = []
        for location in (folder, url):
            monkeypatch.setenv("CLAIMCHECK_REGISTRY", location)
            result = cli(*args)
            assert "Traceback" not in result.stderr
            outputs.append((result.exit_code, _normalised(result.stdout, [folder, url]), result.stderr))
        where = f"claimcheck {' '.join(args)}"
        assert outputs[0][0] == outputs[1][0], f"{where}: exit codes {outputs[0][0]} and {outputs[1][0]}"
        assert outputs[0][1] == outputs[1][1], f"{where}: stdout differs"
        assert _normalised(outputs[0][2], [folder, url]) == _normalised(outputs[1][2], [folder, url]), where
        return result

    class Desk(RuleBasedStateMachine):
        @initialize()
        def ingest(self):
            self.claims = both("ingest", str(SEED), "--published", SEED_PUBLISHED, "--json").json()[0]["claims"]
            self.ids = [c["id"] for c in self.claims]

        @rule(i=st.integers(0, 200), status=st.sampled_from(STATUSES), url=st.none() | st.sampled_from(URLS))
        def mark(self, i, status, url):
            both("mark", self.ids[i % len(self.ids)], status, *(["--evidence", url] if url else []), "--json")

        @rule(i=st.integers(0, 200), url=st.sampled_from(URLS), note=st.none() | st.text(max_size=20))
        def evidence(self, i, url, note):
            extra = ["--note", note] if note and not note.startswith("-") and "\x00" not in note else []
            both("evidence", "add", self.ids[i % len(self.ids)], url, *extra, "--json")

        @rule(i=st.integers(0, 200), url=st.sampled_from(URLS))
        def remove(self, i, url):
            both("evidence", "remove", self.ids[i % len(self.ids)], url, "--json")

        @rule(i=st.integers(0, 200), url=st.sampled_from(URLS))
        def verify(self, i, url):
            both("verify", self.ids[i % len(self.ids)], "--evidence", url)

        @rule(words=st.sampled_from(WORDS), occurrence=st.integers(1, 2))
        def add(self, words, occurrence):
            added = both(
                "add", self.claims[0]["article_id"], "--quote", words, "--occurrence", str(occurrence), "--json"
            )
            if added.exit_code == 0:
                self.ids.append(added.json()["id"])

        @rule(ref=st.sampled_from(["c-", "c-ffffff", "zz", "6"]))
        def unknown(self, ref):
            both("show", ref, "--json")

        @invariant()
        def agree(self):
            both("list", "--json")
            both("status", "--json")

        @rule(i=st.integers(0, 200))
        def show(self, i):
            both("show", self.ids[i % len(self.ids)], "--json")
            both("history", self.ids[i % len(self.ids)])

    return Desk


def test_a_random_desk_session_prints_the_same_on_both_backends(cli, tmp_path, pg_server, monkeypatch):
    import uuid

    import psycopg

    from tests.postgres import with_schema

    schemas = []

    def fresh() -> tuple[str, str]:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        folder = tmp_path / schema
        return str(folder), with_schema(pg_server, schema)

    runs = 0

    def factory():
        nonlocal runs
        runs += 1
        folder, url = fresh()
        return _machine(cli, monkeypatch, folder, url)()

    try:
        run_state_machine_as_test(
            factory,
            settings=settings(
                max_examples=4,
                stateful_step_count=10,
                deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
            ),
        )
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
        shutil.rmtree(tmp_path, ignore_errors=True)
    assert runs >= 2
