"""A registry in PostgreSQL, for a desk: many checkers on many machines sharing one registry.

`store.open_registry("postgresql://…")` comes here; nothing in this package is
imported for a folder registry, and psycopg only when a database is opened.
`registry.py` is the backend, `schema.py` its tables and migrations,
`rows.py` the columns, `connect.py` the connection and its errors,
`doctor.py` the SQL form of `claimcheck doctor`. docs/scaling.md is the
operator's guide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.store.postgres.registry import PostgresRegistry

SCHEMES = ("postgresql", "postgres")


def open_postgres(url: str, *, create: bool = False) -> PostgresRegistry:
    """The registry in the database at `url` (created there first with `create`)."""
    from claimcheck.store.postgres.registry import PostgresRegistry

    return PostgresRegistry.open(url, create=create)
