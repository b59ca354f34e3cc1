"""`claimcheck --help` and `list` must start fast: none of the heavy libraries may be imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    *("dateparser", "lingua", "pint", "jinja2", "rapidfuzz", "sentencex", "text_to_num", "selectolax", "textual"),
    *("trafilatura", "htmldate", "lxml", "justext", "courlan", "httpx", "httpcore", "markdown_it"),
)


def _imported(args: list[str], env: dict[str, str]) -> set[str]:
    code = (
        "import json, sys\n"
        f"sys.argv = ['claimcheck', *{args!r}]\n"
        "from claimcheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    line = done.stderr.rsplit("MODULES ", 1)[1]
    return set(json.loads(line))


@pytest.mark.parametrize("args", [["--help"], ["list"], ["list", "--status", "verified"], ["list", "--json"]])
def test_start_up_imports_no_heavy_library(args, seeded, registry):
    import os

    env = dict(os.environ, CLAIMCHECK_REGISTRY=str(registry))
    assert not _imported(args, env) & {*HEAVY, "psycopg"}  # a folder registry loads no database driver


def _run_in_process(args: list[str], env: dict[str, str]) -> tuple[int, str, set[str]]:
    """(exit code, stdout, top-level modules imported) of one command run as `claimcheck ARGS`."""
    code = (
        "import json, sys\n"
        f"sys.argv = ['claimcheck', *{args!r}]\n"
        "from claimcheck.cli import main\n"
        "rc = 0\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    rc = exc.code or 0\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps([rc, sorted({m.split('.')[0] for m in sys.modules})]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    rc, modules = json.loads(done.stderr.rsplit("MODULES ", 1)[1])
    return rc, done.stdout, set(modules)


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["show", "--json"],
        ["history"],
        ["mark", "in-review"],
        ["mark", "dismissed", "--note", "not check-worthy"],
        ["evidence", "add", "https://example.org/source"],
        ["verify", "--evidence", "https://example.org/proof"],
    ],
)
def test_one_claim_commands_do_not_load_pydantic(command, backend, seeded):
    """Importing pydantic and building the Claim schema is ~110 ms: more than `show` or `mark` does otherwise."""
    import os

    env = dict(os.environ, CLAIMCHECK_REGISTRY=backend)
    claim = next(c for c in seeded if c["kind"] == "money")
    args = (
        [*command[:2], claim["id"], *command[2:]]
        if command[0] == "evidence"
        else [command[0], claim["id"], *command[1:]]
    )
    rc, out, modules = _run_in_process(args, env)
    assert rc == 0 and (claim["id"] in out or "created" in out)  # the command did its work…
    assert "pydantic" not in modules and "pydantic_core" not in modules  # …without pydantic


def test_list_json_streams_stored_documents_without_pydantic(backend, seeded):
    """`list --json` at 100k claims spent most of its time validating each claim through the models."""
    import os

    env = dict(os.environ, CLAIMCHECK_REGISTRY=backend)
    rc, out, modules = _run_in_process(["list", "--json"], env)
    assert rc == 0 and [c["id"] for c in json.loads(out)] == [c["id"] for c in seeded]
    assert "pydantic" not in modules


def test_ingesting_a_text_file_loads_no_html_http_or_markdown_library(cli, registry):
    import os

    from tests.conftest import EXAMPLES

    assert cli("init").exit_code == 0
    env = dict(os.environ, CLAIMCHECK_REGISTRY=str(registry))
    rc, _, modules = _run_in_process(
        ["ingest", str(EXAMPLES / "prix-energie.fr.txt"), "--published", "2025-01-16"], env
    )
    assert rc == 0
    assert not modules & {"trafilatura", "htmldate", "lxml", "justext", "httpx", "httpcore", "markdown_it"}
