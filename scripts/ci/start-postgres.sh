#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (free port, trust auth, no unix socket) for tests,
# or reuses the one a previous call started. Writes $CI_STATE/postgres.env (TEST_DATABASE_URL=...).
# As root the server runs as the "postgres" user. --auto marks it as started by a test run, so the
# last run using it stops it (scripts/ci/stop-services.sh); without --auto it stays up until stopped.
# --lease <pid> registers test run <pid> as a user of the server, atomically with the start or reuse.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ci_parse_start_args "$@"

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/initdb" ] || { echo "start-postgres: no PostgreSQL server found (apt-get install postgresql, or set PG_BIN)" >&2; exit 1; }
ENV_FILE=$CI_STATE/postgres.env
DB_NAME=esmhub_test

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Is the server recorded in postgres.env up, and is it ours (same data directory)?
recorded_server_up() {
  [ -f "$ENV_FILE" ] || return 1
  local port datadir
  port=$(sed -n 's/^PG_PORT=//p' "$ENV_FILE"); datadir=$(sed -n 's/^PG_DATA=//p' "$ENV_FILE")
  [ -n "$port" ] || return 1
  [ "$("$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc 'SHOW data_directory' 2>/dev/null)" = "$datadir" ]
}

# Postgres must be able to reach its folder; a checkout under /root is not reachable, so fall back to /tmp.
pick_base_dir() {
  local base=$CI_STATE/postgres
  mkdir -p "$base"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$base"
    if ! runuser -u postgres -- test -w "$base"; then
      base=/tmp/esmhub-pg-$(echo "$CI_STATE" | cksum | cut -d' ' -f1)
      mkdir -p "$base" && chown postgres: "$base" && chmod 700 "$base"
    fi
  fi
  echo "$base"
}

stop_stale() {
  local datadir=$1
  if [ -f "$datadir/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

exec 9>"$CI_STATE/postgres.lock"
flock 9
[ -n "$LEASE" ] && ci_lease_take postgres "$LEASE"

if recorded_server_up; then
  ci_log "PostgreSQL already running: $(sed -n 's/^export TEST_DATABASE_URL=//p' "$ENV_FILE")"
  exit 0
fi

BASE=$(pick_base_dir)
DATA=$BASE/data
stop_stale "$DATA"
rm -rf "$DATA" "$ENV_FILE" "$CI_STATE/postgres.auto"
as_pg "$PG_BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
  || { cat "$BASE/initdb.log" >&2; exit 1; }

started=0
for attempt in 1 2 3; do
  PORT=$(ci_free_port)
  # fsync and friends are off: the cluster is disposable and tests create many databases.
  if as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 9>&-; then
    started=1; break
  fi
  ci_log "PostgreSQL did not start on port $PORT (attempt $attempt)"
done
[ "$started" = 1 ] || { tail -20 "$BASE/server.log" >&2; exit 1; }

"$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qc "CREATE DATABASE $DB_NAME" >/dev/null
URL="postgresql://postgres@127.0.0.1:$PORT/$DB_NAME"
cat > "$ENV_FILE" <<ENV
PG_PORT=$PORT
PG_DATA=$DATA
PG_BIN=$PG_BIN
export TEST_DATABASE_URL=$URL
ENV
[ "$AUTO" = 1 ] && : > "$CI_STATE/postgres.auto"
ci_log "PostgreSQL ready: $URL"
