"""The registry's settings (`claims/config.toml` in the JSON folder): their names, types and defaults. Pure.

The store reads and writes them (RegistryBackend.settings / set_setting);
this module says which exist and turns what a person types into a value.
"""

from __future__ import annotations

from typing import Any

from claimcheck.errors import InvalidValue

# name: (default, what it does)
KNOWN: dict[str, tuple[Any, str]] = {
    "approval": (False, "a verdict counts only once another person approves it (approve / reject)")
}
_TRUE, _FALSE = {"on", "true", "yes", "1"}, {"off", "false", "no", "0"}


def parse(name: str, raw: str) -> Any:
    """The value of setting `name` from what was typed; InvalidValue for an unknown name or value."""
    if name not in KNOWN:
        raise InvalidValue(f"unknown setting {name!r}; the settings are: {', '.join(KNOWN)}")
    default = KNOWN[name][0]
    if isinstance(default, bool):
        word = raw.strip().lower()
        if word not in _TRUE | _FALSE:
            raise InvalidValue(f"{name} is on or off, not {raw!r}")
        return word in _TRUE
    return raw.strip()


def with_defaults(stored: dict[str, Any]) -> dict[str, Any]:
    """Every known setting: as stored when its type is right, else its default."""
    return {
        name: stored[name] if type(stored.get(name)) is type(default) else default
        for name, (default, _) in KNOWN.items()
    }
