#!/usr/bin/env bash
# tools/test.sh - set up, build with warnings as errors, start the playback test sink, run every
# test. Usage: tools/test.sh [ctest options...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh ci
# A private PulseAudio server with a null sink for the playback tests; they skip without it.
if env_lines=$(bash tools/pulse-env.sh); then
  eval "$env_lines"
else
  echo "narrate: could not start PulseAudio; playback tests will be skipped" >&2
fi
# playwright-core for the widget's browser tests (tools/browser); they skip without it.
bash tools/browser/setup.sh || echo "narrate: browser tests will be skipped" >&2
ctest --test-dir build-ci --output-on-failure -j"$(nproc)" "$@"
