#!/usr/bin/env bash
# Builds Studyin for the browser tests into NEXT_DIST_DIR and stamps the build with a fingerprint of
# the sources it was built from (git HEAD, uncommitted changes, untracked files, .env files).
#   bash scripts/e2e-build.sh              build
#   bash scripts/e2e-build.sh --if-stale   build unless the stamp matches the working tree as it is now
# The build reads no database or Redis setting (lib/env.ts is read at run time), so one build serves
# both CI passes; `--if-stale` is what lets the second pass reuse it without ever testing old code.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${NEXT_DIST_DIR:?set NEXT_DIST_DIR to the build dir}"
stamp="$dist/studyin-source-fingerprint"

fingerprint() {
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "not-a-git-checkout-$(date +%s%N)" # never matches: always build
    return
  fi
  {
    git rev-parse HEAD
    git diff HEAD --binary
    git ls-files --others --exclude-standard -z | xargs -0r sha1sum
    cat .env .env.* 2>/dev/null || true
  } | sha256sum | cut -d' ' -f1
}

source_now="$(fingerprint)"
if [ "${1:-}" = "--if-stale" ] && [ -f "$dist/BUILD_ID" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$source_now" ]; then
  echo "Reusing the build in $dist (built from the sources as they are now)"
  exit 0
fi

log="/tmp/studyin-e2e-build-$(basename "$dist").log"
echo "Building Studyin into $dist (log: $log)"
# `next build` rewrites tsconfig.json (it adds the build dir's types): put it back, so the working
# tree, and with it the fingerprint, is what it was before the build.
tsconfig_before="$(mktemp)"
cp tsconfig.json "$tsconfig_before"
restore_tsconfig() { cp "$tsconfig_before" tsconfig.json && rm -f "$tsconfig_before"; }
trap restore_tsconfig EXIT
rm -f "$stamp"
node node_modules/next/dist/bin/next build >"$log" 2>&1 || { cat "$log"; exit 1; }
echo "$source_now" >"$stamp"
