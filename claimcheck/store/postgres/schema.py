"""The tables of a PostgreSQL registry and the migrations between their versions.

`claimcheck_meta` holds the schema version. `MIGRATIONS` is an ordered list
of (from version, SQL): an older registry is brought up to `SCHEMA_VERSION`
in one transaction under the writers' lock, a newer one is refused untouched.

- `articles`: one row per article; `doc` is the article as `Article.model_dump`
  writes it (every version of its text), `summary` what `articles` lists, and
  the columns ingest looks articles up by.
- `claims`: one row per claim; `doc` is the claim JSON of the contract, and
  beside it the columns the filters, the order and "seen before" read, each
  indexed. Ids use the C collation, so a prefix (`c-7f3`) is a range scan.
- `events`: every history event, appended as it happens, never changed: a
  trigger refuses UPDATE and DELETE whatever the role. A claim's `doc` keeps
  its history too (what `show` prints); `doctor` checks the two agree.
"""

from __future__ import annotations

from typing import Any

from claimcheck.errors import RegistryTooNew

SCHEMA_VERSION = 1

_V1 = """
CREATE TABLE claimcheck_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE articles (
    id text COLLATE "C" PRIMARY KEY,
    ingested_at text COLLATE "C" NOT NULL,
    sha256 text NOT NULL,
    hashes text[] NOT NULL,
    url text,
    source text,
    summary jsonb NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX articles_order ON articles (ingested_at, id);
CREATE INDEX articles_hashes ON articles USING gin (hashes);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_source ON articles (source) WHERE source IS NOT NULL;
CREATE TABLE claims (
    id text COLLATE "C" PRIMARY KEY,
    article_id text COLLATE "C" NOT NULL REFERENCES articles (id),
    kind text COLLATE "C" NOT NULL,
    status text NOT NULL,
    start_at integer NOT NULL,
    end_at integer NOT NULL,
    text text NOT NULL,
    quote text NOT NULL,
    updated_at text NOT NULL,
    text_folded text NOT NULL,
    quote_folded text NOT NULL,
    sim_key text,
    doc jsonb NOT NULL
);
CREATE INDEX claims_position ON claims (article_id, start_at, id);
CREATE INDEX claims_status ON claims (status);
CREATE INDEX claims_kind ON claims (kind);
CREATE INDEX claims_sim_key ON claims (sim_key) WHERE sim_key IS NOT NULL;
CREATE TABLE events (
    seq bigserial PRIMARY KEY,
    claim_id text COLLATE "C" NOT NULL REFERENCES claims (id),
    n integer NOT NULL,
    at text NOT NULL,
    by text NOT NULL,
    action text NOT NULL,
    detail jsonb NOT NULL,
    UNIQUE (claim_id, n)
);
CREATE FUNCTION claimcheck_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'claimcheck history is append-only: % on events refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION claimcheck_events_append_only();
INSERT INTO claimcheck_meta VALUES ('schema', '1');
"""

# (from version, SQL bringing it to version + 1), in order; version 0 is an empty database.
MIGRATIONS: list[tuple[int, str]] = [(0, _V1)]

# The advisory lock every writer takes (exclusive) or a one-claim change takes (shared): "cc" in hex.
WRITERS_LOCK = 0x6363


def read_version(conn: Any) -> int:
    """The registry's schema version; 0 when the database holds no claimcheck registry."""
    found = conn.execute("SELECT to_regclass('claimcheck_meta') IS NOT NULL").fetchone()
    if not found or not found[0]:
        return 0
    row = conn.execute("SELECT value FROM claimcheck_meta WHERE key = 'schema'").fetchone()
    return int(row[0]) if row else 0


def refuse_newer(found: int, where: str) -> None:
    if found > SCHEMA_VERSION:
        raise RegistryTooNew(
            f"{where} has schema {found}, newer than this claimcheck's {SCHEMA_VERSION}: upgrade claimcheck"
        )


def migrate(conn: Any, where: str) -> int:
    """Bring the registry to SCHEMA_VERSION in one transaction; the version it had (0: it was created).

    The writers' lock is taken first, outside the transaction: a transaction
    begun before another `init` committed keeps that it found no table (the
    server's catalog cache), and would create them a second time. Begun
    after the lock, it sees what the other one made.
    """
    conn.execute("SELECT pg_advisory_lock(%s)", [WRITERS_LOCK])
    try:
        with conn.transaction():
            found = read_version(conn)  # again, under the lock: another process may have just done it
            refuse_newer(found, where)
            for version, sql in MIGRATIONS:
                if version >= found:
                    conn.execute(sql)
            if found and found < SCHEMA_VERSION:
                conn.execute("UPDATE claimcheck_meta SET value = %s WHERE key = 'schema'", [str(SCHEMA_VERSION)])
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", [WRITERS_LOCK])
    return found
