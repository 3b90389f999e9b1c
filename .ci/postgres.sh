#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the tests (issue #10) and print its URL.
# Uses Debian's packages; runs the server as the 'postgres' user in a temporary data folder.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] || { echo "PostgreSQL is not installed" >&2; exit 1; }
DATA=${ANTT_PG_DATA:-/tmp/antt-pg-data}
PORT=${ANTT_PG_PORT:-55432}
if ! su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $DATA status" >/dev/null 2>&1; then
  rm -rf "$DATA"; mkdir -p "$DATA"; chown postgres "$DATA"
  su postgres -s /bin/sh -c "$PG_BIN/initdb -D $DATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $DATA -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l $DATA/server.log -w start" >/dev/null
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
