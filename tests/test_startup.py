"""`claimcheck --help` and `list` must start fast: none of the heavy libraries may be imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("dateparser", "lingua", "pint", "jinja2", "rapidfuzz", "sentencex", "text_to_num", "selectolax")



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
    assert not _imported(args, env) & set(HEAVY)
