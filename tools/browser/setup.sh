#!/usr/bin/env bash
# tools/browser/setup.sh - install playwright-core (package-lock.json) into tools/browser/node_modules
# for the widget's browser tests; they drive Debian's chromium, so no browser is downloaded.
# Does nothing when already installed; fails (the tests then skip) without npm or a registry.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f node_modules/playwright-core/package.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "narrate: npm not found; the widget's browser tests will be skipped" >&2
  exit 1
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
