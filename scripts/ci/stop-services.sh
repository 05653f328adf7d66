#!/usr/bin/env bash
# Stops the test services started by scripts/ci/start-*.sh and deletes their data.
#   stop-services.sh [postgres|ceph|all]              stop now
#   stop-services.sh --release <pid> [postgres|ceph|all]
#       drop the lease of test run <pid>; stop a service only if a test run started it (--auto)
#       and no other live run still holds a lease on it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RELEASE=""
if [ "${1:-}" = "--release" ]; then RELEASE=$2; shift 2; fi
WHICH=${1:-all}

stop_postgres() {
  local env=$CI_STATE/postgres.env data bin
  [ -f "$env" ] || return 0
  data=$(sed -n 's/^PG_DATA=//p' "$env"); bin=$(sed -n 's/^PG_BIN=//p' "$env")
  if [ -f "$data/postmaster.pid" ]; then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    else "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
  fi
  rm -rf "$data" "$env" "$CI_STATE/postgres.auto"
  ci_log "PostgreSQL stopped"
}

stop_ceph() {
  [ -f "$CI_STATE/ceph.pids" ] || [ -f "$CI_STATE/ceph.env" ] || return 0
  ci_kill_pidfile "$CI_STATE/ceph.pids"
  rm -rf "$CI_STATE/ceph" "$CI_STATE/ceph.env" "$CI_STATE/ceph.auto"
  ci_log "Ceph RGW stopped"
}

for svc in postgres ceph; do
  [ "$WHICH" = all ] || [ "$WHICH" = "$svc" ] || continue
  exec 9>"$CI_STATE/$svc.lock"
  flock 9
  if [ -n "$RELEASE" ]; then
    ci_lease_drop "$svc" "$RELEASE"
    if [ ! -f "$CI_STATE/$svc.auto" ] || [ "$(ci_lease_others "$svc" "$RELEASE")" != 0 ]; then
      exec 9>&-; continue
    fi
  fi
  "stop_$svc"
  exec 9>&-
done
