"""How commands show things: rich on stdout for people, stderr for problems, JSON for scripts.

Text that comes from an article, a note or a URL is passed through `clean()`
before it reaches a terminal: control characters and bidi overrides in an
article must not be able to move the cursor, recolour the screen or hide text.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from claimcheck.enums import STATUS_ICON

console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)

STATUS_STYLE = {
    "unverified": "dim",
    "in-review": "blue",
    "verified": "green",
    "false": "red",
    "misleading": "dark_orange",
    "unverifiable": "magenta",
    "dismissed": "dim strike",
}

# C0/C1 controls (but tab and newline), DEL, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What JSON leaves raw but a terminal may act on: DEL, C1 controls (U+009B is CSI), bidi marks, line separators.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_SPACES = re.compile(r"\s+")


def clean(text: object, *, one_line: bool = False) -> str:
    """Text safe to print: no terminal escapes, no bidi tricks; optionally on one line."""
    out = _UNSAFE.sub("\ufffd", str(text))
    if one_line:
        out = _SPACES.sub(" ", out)
    return out


def status_text(status: str) -> Text:
    """A status as a symbol and a word in its colour (StrEnum statuses are strings too)."""
    status = str(status)
    icons: dict[str, str] = {str(key): icon for key, icon in STATUS_ICON.items()}
    return Text(f"{icons.get(status, ' ')} {status}", style=STATUS_STYLE.get(status, ""))


def json_safe(text: str) -> str:
    """JSON text with those characters escaped (\\u009b): the same data for a parser, inert in a terminal.

    They can only occur inside JSON strings, where an escape stands for the same character.
    """
    if text.isascii() and "\x7f" not in text:
        return text  # of those characters ASCII can hold only DEL: no scan (`list --json` calls this per claim)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit_json(data: Any) -> None:
    """Bare JSON on stdout, from models or plain data (stored documents need no pydantic at all)."""
    import orjson

    text = orjson.dumps(data, default=_jsonable, option=orjson.OPT_INDENT_2 | orjson.OPT_UTC_Z).decode("utf-8")
    sys.stdout.write(json_safe(text) + "\n")
    sys.stdout.flush()


def _jsonable(value: Any) -> Any:
    """What orjson cannot write itself (models, dataclasses of models), as pydantic writes it."""
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value)


def truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


NO_ARTICLES = "No articles yet: add one with `claimcheck ingest FILE`."


def emit_rows(rows: list[Any], json: bool) -> bool:
    """A list of articles as JSON, or the hint when there is none; False when a table is still to print."""
    if json:
        emit_json(rows)
        return True
    if not rows:
        err_console.print(NO_ARTICLES)
        return True
    return False


class Progress:
    """A transient progress bar on stderr while `total` items are worked through, only in a terminal and
    only for more than one item: piped output and a single item stay quiet. `steps` advances make one item."""

    def __init__(self, total: int, label: str, *, steps: int = 1) -> None:
        self.total, self.label, self.steps = total, label, steps
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.total > 1 and err_console.is_terminal:
            from rich.progress import Progress as Bar

            self._bar = Bar(console=err_console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total * self.steps)
        return self

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
