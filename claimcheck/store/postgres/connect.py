"""Reaching the server: the URL as it may be shown, the connection, and psycopg's errors as ours.

A URL is shown with its password masked, everywhere: in errors, in `init`'s
output, in history. libpq reads what the URL does not say from the
environment as its users expect (`PGPASSWORD`, `PGPASSFILE`, `PGHOST`,
`PGSSLMODE`…): psycopg hands the URL to libpq unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from claimcheck.errors import (
    ClaimcheckError,
    PermissionRefused,
    RegistryBusy,
    RegistryCorrupt,
    RegistryNotFound,
    RegistryUnreachable,
)

# How long a writer waits for another one (the JSON folder's lock waits as long: store/lock.py).
LOCK_TIMEOUT_S = 60
# `user:password@` in a URL, and `password=…` in its query string.
_USERINFO = re.compile(r"(://[^/@:?#]*):[^/@?#]*@")
_PASSWORD_PARAM = re.compile(r"(?i)([?&]password=)[^&#]*")


def mask(url: str) -> str:
    """The URL with its password (if any) replaced by `***`: what may be printed."""
    return _PASSWORD_PARAM.sub(r"\1***", _USERINFO.sub(r"\1:***@", url))


def scrub(message: str, url: str) -> str:
    """A server or libpq message on one line, with the URL's password masked should it appear."""
    first = message.strip().splitlines()[0] if message.strip() else "no detail"
    password = _password(url)
    if password:
        first = first.replace(password, "***")
    return first.replace(url, mask(url))


def _password(url: str) -> str | None:
    found = re.search(r"://[^/@:?#]*:([^/@?#]*)@", url) or re.search(r"(?i)[?&]password=([^&#]*)", url)
    return found.group(1) if found and found.group(1) else None


def connect(url: str) -> Any:
    """An autocommit connection (each read its own statement; writes in `transaction()`), errors translated."""
    import psycopg

    try:
        conn = psycopg.connect(url, autocommit=True, application_name="claimcheck", connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise RegistryUnreachable(f"cannot reach the registry {mask(url)}: {scrub(str(exc), url)}") from None
    except psycopg.ProgrammingError as exc:  # a malformed URL or option
        raise RegistryUnreachable(f"{mask(url)} is not a usable PostgreSQL URL: {scrub(str(exc), url)}") from None
    with sql_errors(url):
        conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
    return conn


@contextmanager
def sql_errors(url: str) -> Iterator[None]:
    """psycopg's errors as ClaimcheckErrors: one clear line each, never a traceback or a password."""
    import psycopg
    from psycopg import errors as pg

    try:
        yield
    except ClaimcheckError:
        raise
    except pg.InsufficientPrivilege as exc:
        raise PermissionRefused(
            f"the server refused this for your role: {scrub(str(exc), url)} (ask a desk admin for the GRANT)"
        ) from None
    except pg.LockNotAvailable:
        raise RegistryBusy(f"{mask(url)} is locked by another claimcheck command (waited {LOCK_TIMEOUT_S} s)") from None
    except pg.UndefinedTable:
        raise RegistryNotFound(
            f"no claimcheck registry in {mask(url)}; run `claimcheck --registry URL init` to create one"
        ) from None
    except psycopg.OperationalError as exc:
        raise RegistryUnreachable(f"lost the registry {mask(url)}: {scrub(str(exc), url)}") from None
    except psycopg.Error as exc:
        raise RegistryCorrupt(f"{mask(url)}: the database answered {scrub(str(exc), url)}") from None


F = TypeVar("F", bound=Callable[..., Any])


def sql_method(method: F) -> F:
    """A registry method whose database errors become ClaimcheckErrors (`sql_errors`, on the registry's URL)."""

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        with sql_errors(self.url):
            return method(self, *args, **kwargs)

    return run  # type: ignore[return-value]
