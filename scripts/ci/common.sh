# Shared helpers for the scripts/ci service scripts. Source it; it defines functions and CI_STATE.
# State (pids, env files, data) lives in $CI_STATE, default <repo>/.ci-work, so several checkouts never collide.

CI_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CI_STATE=${CI_STATE_DIR:-$CI_REPO_ROOT/.ci-work}
mkdir -p "$CI_STATE"

ci_log() { echo "[ci] $*" >&2; }

# Options of the start-* scripts: sets AUTO (1 with --auto) and LEASE (the pid after --lease).
ci_parse_start_args() {
  AUTO=0; LEASE=""
  while [ $# -gt 0 ]; do
    case $1 in
      --auto) AUTO=1 ;;
      --lease) LEASE=$2; shift ;;
      *) echo "usage: $0 [--auto] [--lease <pid>]" >&2; exit 2 ;;
    esac
    shift
  done
}

# A TCP port on 127.0.0.1 that nothing listens on right now.
ci_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

ci_pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# Waits until "$@" succeeds, polling every 0.5 s for at most $1 seconds.
ci_wait_for() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}

# Kills the pids listed in a file (one per line), TERM then KILL after a grace period.
ci_kill_pidfile() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  for pid in $(cat "$file"); do ci_pid_alive "$pid" && kill "$pid" 2>/dev/null; done
  for _ in $(seq 1 40); do
    local alive=0
    for pid in $(cat "$file"); do ci_pid_alive "$pid" && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.25
  done
  for pid in $(cat "$file"); do ci_pid_alive "$pid" && kill -9 "$pid" 2>/dev/null; done
  rm -f "$file"
}

# Leases: a test run registers its pid under <svc>.users/ while it uses a service, so a run that
# finishes never stops a service another run is still using. Pids of finished runs are pruned.
ci_lease_take() { mkdir -p "$CI_STATE/$1.users" && : > "$CI_STATE/$1.users/$2"; }
ci_lease_drop() { rm -f "$CI_STATE/$1.users/$2"; }
ci_lease_others() {
  local svc=$1 me=$2 f n=0
  for f in "$CI_STATE/$svc.users"/*; do
    [ -e "$f" ] || continue
    local pid=${f##*/}
    if [ "$pid" = "$me" ]; then continue; fi
    if ci_pid_alive "$pid"; then n=$((n + 1)); else rm -f "$f"; fi
  done
  echo "$n"
}
