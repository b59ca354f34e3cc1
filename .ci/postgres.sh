#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: install it if absent, start a cluster in a temporary folder (as a
# non-root user: PostgreSQL refuses to run as root), and export CLAIMCHECK_TEST_PG=postgresql://… for it.
#
#   . .ci/postgres.sh            # sourced: exports CLAIMCHECK_TEST_PG; the cluster stops when the shell exits
#   .ci/postgres.sh              # run: starts the cluster, prints the URL, leaves the cluster running
#
# Set CLAIMCHECK_TEST_PG beforehand to use a server you already run: this script then does nothing.

_cc_pg_main() {
  if [ -n "${CLAIMCHECK_TEST_PG:-}" ]; then
    echo "postgres: using CLAIMCHECK_TEST_PG as given" >&2
    return 0
  fi
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$bindir" ] && ! command -v initdb >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      echo "postgres: installing PostgreSQL (apt-get install postgresql)" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
        || { echo "postgres: could not install PostgreSQL" >&2; return 1; }
      bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    else
      echo "postgres: no PostgreSQL found and cannot install it" >&2
      return 1
    fi
  fi
  [ -n "$bindir" ] || bindir="$(dirname "$(command -v initdb)")"

  # Who runs the server: this user, or (as root) the `postgres` user the package created, else `nobody`.
  local runner=() owner
  if [ "$(id -u)" = 0 ]; then
    owner=postgres
    id -u "$owner" >/dev/null 2>&1 || owner=nobody
    runner=(runuser -u "$owner" --)
  else
    owner="$(id -un)"
  fi
  local dir port
  dir="$(mktemp -d /tmp/claimcheck-pg.XXXXXX)"
  chmod 755 "$dir"
  [ "${#runner[@]}" -eq 0 ] || chown "$owner" "$dir"
  # A free loopback port, chosen by the kernel.
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${runner[@]}" "$bindir/initdb" -D "$dir/data" -U claimcheck --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { echo "postgres: initdb failed (see $dir/initdb.log)" >&2; return 1; }
  "${runner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
    start >/dev/null || { echo "postgres: the server did not start (see $dir/server.log)" >&2; return 1; }
  export CLAIMCHECK_TEST_PG="postgresql://claimcheck@127.0.0.1:$port/postgres"
  export CLAIMCHECK_TEST_PG_DIR="$dir"
  _CC_PG_STOP=("${runner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop)
  echo "postgres: started a throwaway server in $dir: $CLAIMCHECK_TEST_PG" >&2
}

_cc_pg_stop() {
  if [ -n "${_CC_PG_STOP:-}" ]; then
    "${_CC_PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "${CLAIMCHECK_TEST_PG_DIR:?}"
  fi
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced (.ci/run): export the URL, stop the server when that shell exits.
  _cc_pg_main || return 1
  trap _cc_pg_stop EXIT
else
  set -euo pipefail
  _cc_pg_main
  echo "$CLAIMCHECK_TEST_PG"
fi
