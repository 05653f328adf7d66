#!/usr/bin/env bash
# `npm run hub`: everything a fresh machine needs to serve ESM Hub on the embedded defaults
# (SQLite + local blob folder under ./data, demo data seeded): install, build, migrate, seed, start.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 ONNXRUNTIME_NODE_INSTALL=skip PRISMA_SCHEMA_ENGINE_BINARY=/bin/false

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "esmhub: installing dependencies (npm ci)"
  npm ci
fi

stale_build() {
  [ -f .next/BUILD_ID ] || return 0
  [ -n "$(find app lib public next.config.ts package-lock.json -newer .next/BUILD_ID -type f -not -path 'lib/generated/*' 2>/dev/null | head -n 1)" ]
}
if stale_build; then
  echo "esmhub: building the site (next build)"
  npm run build
fi

exec npm start
