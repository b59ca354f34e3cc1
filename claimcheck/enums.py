"""The closed vocabularies of the registry (kinds, statuses, bounds, stances), their icons and parsers. No pydantic.

They live apart from models.py so that commands which only read summaries
(`list`, `--help`) can name a status without loading pydantic and building
the models (~90 ms of start-up). models.py re-exports every name.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from claimcheck.errors import InvalidValue

E = TypeVar("E", bound=StrEnum)


class Kind(StrEnum):
    quantity = "quantity"
    money = "money"
    percent = "percent"
    date = "date"
    quote = "quote"
    statement = "statement"


NUMERIC_KINDS = frozenset({Kind.quantity, Kind.money, Kind.percent})


class Status(StrEnum):
    unverified = "unverified"
    in_review = "in-review"
    verified = "verified"
    false = "false"
    misleading = "misleading"
    unverifiable = "unverifiable"
    dismissed = "dismissed"


# A verdict says something about the world, so it needs evidence behind it.
VERDICTS = frozenset({Status.verified, Status.false, Status.misleading})
# Anything but a fresh or in-review claim has been looked at by a person.
REVIEWED = frozenset(Status) - {Status.unverified, Status.in_review}


class Bound(StrEnum):
    exact = "exact"
    about = "about"
    more_than = "more_than"
    less_than = "less_than"
    at_least = "at_least"
    at_most = "at_most"
    range = "range"


class Stance(StrEnum):
    supports = "supports"
    refutes = "refutes"
    context = "context"


class Priority(StrEnum):
    high = "high"
    normal = "normal"
    low = "low"


# Colour is never the only signal: each status has a symbol too, the same in the terminal and the reports.
STATUS_ICON = {
    Status.unverified: "·",
    Status.in_review: "…",
    Status.verified: "✓",
    Status.false: "✗",
    Status.misleading: "!",
    Status.unverifiable: "?",
    Status.dismissed: "–",
}


def _parse(enum: type[E], raw: str, noun: str) -> E:
    """The member of `enum` that `raw` names, in any case, `_` for `-`; else InvalidValue listing the choices.

    (`in_review` is `in-review`; no kind or stance has a `-` or `_` in its name.)
    """
    try:
        return enum(raw.strip().lower().replace("_", "-"))
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise InvalidValue(f"unknown {noun} {raw!r}; choose one of: {choices}") from None


def parse_status(raw: str) -> Status:
    return _parse(Status, raw, "status")


def parse_stance(raw: str) -> Stance:
    return _parse(Stance, raw, "stance")


def parse_kind(raw: str) -> Kind:
    return _parse(Kind, raw, "kind")


def parse_priority(raw: str) -> Priority:
    return _parse(Priority, raw, "priority")
