#!/usr/bin/env bash
# tools/browser/run.sh NARRATE ARTIFACT_DIR - the widget's end-to-end tests in headless Chromium.
# Exit 77 (ctest: skipped) when node, chromium or playwright-core (tools/browser/setup.sh) is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
chromium="${NARRATE_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: node not found (apt-get install nodejs npm)"; exit 77
fi
if [ -z "$chromium" ]; then
  echo "SKIP: chromium not found (apt-get install chromium)"; exit 77
fi
if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
  echo "SKIP: playwright-core not installed (bash tools/browser/setup.sh)"; exit 77
fi
export NARRATE_CHROMIUM="$chromium"
exec node "$here/widget_test.mjs" "$@"
