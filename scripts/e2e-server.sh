#!/usr/bin/env bash
# Builds and starts Studyin for the browser tests: a fresh embedded data dir each run.
set -euo pipefail
port="$1"
rm -rf "${DATA_DIR:?}"
node node_modules/next/dist/bin/next build >/tmp/studyin-e2e-build-"$port".log 2>&1 || { cat /tmp/studyin-e2e-build-"$port".log; exit 1; }
exec node node_modules/next/dist/bin/next start -p "$port" -H 127.0.0.1
