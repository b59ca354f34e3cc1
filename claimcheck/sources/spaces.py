"""The no-break spaces of French typography, carried safely through trafilatura.

trafilatura turns every Unicode space into " ", but French writes `1 000` and
`15 %` with U+202F and U+00A0, which tell the number reader where a figure ends.
They travel through it as two rare printable marks, given back afterwards.
"""

from __future__ import annotations

import re

_PROTECT = {"\u00a0": "\u2e3a", "\u202f": "\u2e3b"}
_ENTITIES = re.compile(r"&(?:nbsp|#160|#x0*a0|#8239|#x0*202f);", re.I)
_NAMED = {"nbsp": "\u00a0", "#160": "\u00a0", "#8239": "\u202f"}


def protect(source: str) -> str:
    """`source` with its no-break spaces (as characters or entities) replaced by the marks."""
    source = _ENTITIES.sub(_entity, source)
    for space, mark in _PROTECT.items():
        source = source.replace(space, mark)
    return source


def _entity(m: re.Match[str]) -> str:
    name = m.group(0)[1:-1].lower()
    return _NAMED.get(name) or chr(int(name[2:], 16))


def restore(text: str | None) -> str | None:
    """`text` with the marks turned back into the spaces they stand for."""
    if text is None:
        return None
    for space, mark in _PROTECT.items():
        text = text.replace(mark, space)
    return text
