"""The closed vocabularies of the registry: kinds, statuses, bounds, stances. No pydantic.

They live apart from models.py so that commands which only read summaries
(`list`, `--help`) can name a status without loading pydantic and building
the models (~90 ms of start-up). models.py re-exports every name.
"""

from __future__ import annotations

from enum import StrEnum

from claimcheck.errors import InvalidValue


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


def parse_status(raw: str) -> Status:
    value = raw.strip().lower().replace("_", "-")
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise InvalidValue(f"unknown status {raw!r}; choose one of: {choices}") from None


def parse_stance(raw: str) -> Stance:
    try:
        return Stance(raw.strip().lower())
    except ValueError:
        choices = ", ".join(s.value for s in Stance)
        raise InvalidValue(f"unknown stance {raw!r}; choose one of: {choices}") from None


def parse_kind(raw: str) -> Kind:
    try:
        return Kind(raw.strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in Kind)
        raise InvalidValue(f"unknown kind {raw!r}; choose one of: {choices}") from None
