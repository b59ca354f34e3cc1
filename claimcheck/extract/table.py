"""`Table`: the alternatives that may follow a number, matched at one position.

A table dispatches on the character at the position, so each lookup runs one
small regex instead of a long alternation: extraction stays fast on
number-dense text. Word tables are lower-cased and matched, case-sensitively,
on the lower-cased sentence (`re.IGNORECASE` alternations are several times
slower); symbol tables are case-sensitive (`MW` is not `mW`, `M` is not `m`).

Which alternative matched comes from a named group (`m.lastgroup`), never
from looking the matched text up in a dict.
"""

from __future__ import annotations

import re
from typing import Generic, TypeVar

V = TypeVar("V")

# After a word or symbol the next character must not continue it (`mètres` in `mètresX`, `l` in `l'an`).
_END = r"(?![\w'])"


def _split_top(pattern: str) -> list[str]:
    """`a|b(?:c|d)` → [`a`, `b(?:c|d)`]: the alternatives outside any group or class."""
    parts, depth, in_class, current, i = [], 0, False, "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current += pattern[i : i + 2]
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(current)
            current, i = "", i + 1
            continue
        current += ch
        i += 1
    return parts + [current]


def _first_chars(piece: str) -> set[str]:
    """The characters an alternative can start with: a literal (maybe escaped) or a class `[ée]`."""
    if piece.startswith("\\"):
        return {piece[1]}
    if piece.startswith("["):
        return set(piece[1 : piece.index("]")])
    if piece[:1] in "(.?*+|" or not piece:
        raise ValueError(f"table pattern must start with a literal or a class: {piece!r}")
    return {piece[0]}


class Table(Generic[V]):
    """Alternatives that may start at one position, tried in the order they are written."""

    def __init__(self, entries: dict[str, V], *, words: bool, end: str = _END) -> None:
        self.words = words
        by_char: dict[str, list[tuple[str, str]]] = {}
        self._values: dict[str, V] = {}
        for i, (pattern, value) in enumerate(entries.items()):
            if words:
                assert not re.search(r"\\[A-Z]", pattern), pattern  # lower() would flip \S, \W…
                pattern = pattern.lower().replace(" ", r"\s+")
            name = f"g{i}"
            self._values[name] = value
            for piece in _split_top(pattern):
                for ch in _first_chars(piece):
                    by_char.setdefault(ch, []).append((name, piece))
        self._by_char: dict[str, re.Pattern[str]] = {}
        for ch, alternatives in by_char.items():
            # One group per entry: pieces of the same entry share a group, in table order.
            groups: dict[str, list[str]] = {}
            for name, piece in alternatives:
                groups.setdefault(name, []).append(piece)
            body = "|".join(f"(?P<{name}>{'|'.join(pieces)})" for name, pieces in groups.items())
            self._by_char[ch] = re.compile(f"(?:{body}){end}")

    def match(self, text: str, pos: int) -> tuple[V, int] | None:
        """The value of the alternative at `pos` and where it ends, or None."""
        pattern = self._by_char.get(text[pos : pos + 1])
        if pattern is None:
            return None
        m = pattern.match(text, pos)
        if m is None or m.lastgroup is None:
            return None
        return self._values[m.lastgroup], m.end()

    def match_spaced(self, text: str, pos: int) -> tuple[V, int] | None:
        """Glued to the number or after one space: `15%` and `15 %`, `10km` and `10 km`."""
        if text[pos : pos + 1] == " ":
            if " " in self._by_char:
                return self.match(text, pos) or self.match(text, pos + 1)
            # No alternative starts with a space: only one after it can match.
            pos += 1
        return self.match(text, pos)
