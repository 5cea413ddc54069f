#!/usr/bin/env bash
# Builds and starts Studyin for the browser tests: a fresh embedded data dir each run.
# E2E_REUSE_BUILD=1 (set by .ci/run, which builds once for both of its passes): keep the build in
# NEXT_DIST_DIR if it was made from the sources as they are now; otherwise, and by default, build.
set -euo pipefail
port="$1"
rm -rf "${DATA_DIR:?}"
if [ "${E2E_REUSE_BUILD:-}" = 1 ]; then
  bash scripts/e2e-build.sh --if-stale
else
  bash scripts/e2e-build.sh
fi
exec node node_modules/next/dist/bin/next start -p "$port" -H 127.0.0.1
