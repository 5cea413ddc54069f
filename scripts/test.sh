#!/usr/bin/env bash
# `npm test`: unit and integration tests (Vitest), then the browser tests (Playwright, Chromium).
# Uses DATABASE_URL / REDIS_URL when set; otherwise the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-chromium.sh
npx vitest run
npx playwright test
