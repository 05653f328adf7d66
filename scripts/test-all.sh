#!/usr/bin/env bash
# `npm test`: every suite of the project, ending with one line "N passed, N failed" (vitest + Playwright).
# Starts PostgreSQL and Ceph RGW (or reuses running ones), exports TEST_* for the tests, generates the
# Prisma clients and the wasm kernel when missing or stale, builds the Python reference venv (.venv-ref, from the
# local wheel store) when missing, runs vitest, `next build` and Playwright,
# then stops the services it started. A stage that errors counts as one failure and makes the exit non-zero.
# KEEP_SERVICES=1 leaves started services up for the next run (stop them with scripts/ci/stop-services.sh).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/ci/common.sh

export NEXT_TELEMETRY_DISABLED=1 PRISMA_SCHEMA_ENGINE_BINARY=${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/false} PRISMA_HIDE_UPDATE_MESSAGE=1
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-deprecation"
BIN=node_modules/.bin
RUN=$CI_STATE/runs/$$
rm -rf "$RUN" && mkdir -p "$RUN"
for old in "$CI_STATE"/runs/*; do ci_pid_alive "${old##*/}" || rm -rf "$old"; done

PASSED=0
FAILED=0
ERRORS=()
stage_error() { ERRORS+=("$1"); FAILED=$((FAILED + 1)); echo "[test-all] STAGE ERROR: $1" >&2; }

declare -A TIMES
timed() { # timed <name> <command...>: runs it, records its duration, returns its status
  local name=$1 start=$SECONDS status
  shift
  echo "[test-all] ── $name"
  "$@"
  status=$?
  TIMES[$name]=$((SECONDS - start))
  echo "[test-all] ── $name: ${TIMES[$name]} s (exit $status)"
  return $status
}

cleanup() {
  if [ "${KEEP_SERVICES:-0}" = 1 ]; then
    for svc in postgres ceph; do ci_lease_drop "$svc" $$; done
  else
    bash scripts/ci/stop-services.sh --release $$ all
  fi
  [ -n "${E2E_DATA_DIR:-}" ] && rm -rf "$E2E_DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_services() {
  bash scripts/ci/start-postgres.sh --auto --lease $$ > "$RUN/postgres-start.log" 2>&1 &
  local pg=$!
  bash scripts/ci/start-ceph-rgw.sh --auto --lease $$ > "$RUN/ceph-start.log" 2>&1 &
  local ceph=$! status=0
  wait $pg || { status=1; echo "PostgreSQL failed to start:"; cat "$RUN/postgres-start.log"; }
  wait $ceph || { status=1; echo "Ceph RGW failed to start:"; cat "$RUN/ceph-start.log"; }
  cat "$RUN/postgres-start.log" "$RUN/ceph-start.log" | grep '^\[ci\]'
  return $status
}

# Newer-than check for generated outputs: true when $1 is missing or older than any later argument.
stale() {
  local out=$1 src
  shift
  [ -e "$out" ] || return 0
  for src in "$@"; do [ "$src" -nt "$out" ] && return 0; done
  return 1
}

generate() {
  local status=0
  exec 8>"$CI_STATE/generate.lock"
  flock 8
  if stale lib/generated/sqlite/client.ts prisma/schema.prisma || stale lib/generated/postgres/client.ts prisma/schema.prisma; then
    node scripts/prisma-generate.mjs || status=1
  else
    echo "Prisma clients are up to date"
  fi
  if [ ! -f lib/linalg/assembly/eigen.ts ]; then
    echo "lib/linalg/assembly/eigen.ts is missing: cannot build the wasm kernel"; status=1
  elif stale lib/linalg/eigen.wasm lib/linalg/assembly/*.ts package.json || stale lib/linalg/eigen-relaxed.wasm lib/linalg/assembly/*.ts package.json; then
    npm run --silent build:wasm || status=1
  else
    echo "lib/linalg/eigen.wasm is up to date"
  fi
  exec 8>&-
  return $status
}

vitest_stage() {
  "$BIN/vitest" run --reporter=default --reporter=json --outputFile.json="$RUN/vitest.json"
}

# The build and the browser tests share .next/: concurrent runs in one checkout take turns.
build_and_e2e() {
  exec 7>"$CI_STATE/next-build.lock"
  flock 7
  timed "next build" "$BIN/next" build || { stage_error "next build"; exec 7>&-; return; }
  E2E_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/esmhub-e2e-XXXXXX")
  E2E_PORT=$(ci_free_port)
  export E2E_DATA_DIR E2E_PORT
  PLAYWRIGHT_JSON_OUTPUT_NAME="$RUN/playwright.json" \
    timed "playwright" "$BIN/playwright" test --reporter=list,json --pass-with-no-tests
  local status=$?
  count_playwright "$status"
  exec 7>&-
}

# Adds a JSON report's counts to PASSED/FAILED; a suite that exits non-zero without a failed test is a stage error.
count_report() { # count_report <name> <json> <exit status> <node expression giving [passed, failed, errors]>
  local name=$1 json=$2 status=$3 expr=$4 counts
  if [ ! -s "$json" ]; then stage_error "$name (no report; exit $status)"; return; fi
  counts=$(node -e "const r=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); console.log(($expr).join(' '))" "$json") \
    || { stage_error "$name (unreadable report)"; return; }
  read -r p f e <<< "$counts"
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  echo "[test-all] $name: $p passed, $f failed"
  if [ "$e" -gt 0 ] || { [ "$status" != 0 ] && [ "$f" = 0 ]; }; then stage_error "$name (exit $status, $e errors outside tests)"; fi
}

count_vitest() {
  # A test file that fails to load has no test results of its own: it counts as one failure.
  count_report vitest "$RUN/vitest.json" "$1" \
    "[r.numPassedTests, r.numFailedTests + r.testResults.filter(t => t.status === 'failed' && t.assertionResults.length === 0).length, 0]"
}

count_playwright() {
  count_report playwright "$RUN/playwright.json" "$1" \
    "[r.stats.expected + r.stats.flaky, r.stats.unexpected, (r.errors || []).length]"
}

START=$SECONDS
# The Python reference stack (minutes on a fresh machine) builds while the services start.
bash scripts/ci/reference-venv.sh > "$RUN/reference-venv.log" 2>&1 &
VENV_PID=$!
if timed "services" start_services; then
  set -a
  source "$CI_STATE/postgres.env"
  source "$CI_STATE/ceph.env"
  set +a
  timed "generate" generate || stage_error "generate (Prisma clients / wasm)"
  timed "reference venv" wait $VENV_PID || { stage_error "reference venv"; tail -20 "$RUN/reference-venv.log"; }
  grep '^reference venv' "$RUN/reference-venv.log"
  timed "vitest" vitest_stage
  count_vitest $?
  build_and_e2e
else
  stage_error "services"
fi

echo
echo "[test-all] durations:$(for k in services generate "reference venv" vitest "next build" playwright; do [ -n "${TIMES[$k]:-}" ] && printf ' %s %ss,' "$k" "${TIMES[$k]}"; done) total $((SECONDS - START))s"
[ ${#ERRORS[@]} -gt 0 ] && echo "[test-all] stage errors: ${ERRORS[*]}"
echo "[test-all] reports: $RUN"
SUMMARY="$PASSED passed, $FAILED failed"
echo "$SUMMARY" > "$CI_STATE/summary.txt"
cleanup 2>&1
trap - EXIT
echo "$SUMMARY"
[ "$FAILED" = 0 ] && [ ${#ERRORS[@]} = 0 ]
