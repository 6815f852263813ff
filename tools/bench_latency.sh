#!/usr/bin/env bash
# tools/bench_latency.sh - time from launch to first audio: narrate playback against espeak-ng.
# Usage: tools/bench_latency.sh [build dir (default: build)] [bench_latency options...]
# Starts the private PulseAudio null sink (tools/pulse-env.sh), builds narrate and the bench, and
# measures a plain-text article and a 1 MB HTML page (see tools/bench_latency.cpp for what is
# timed). Run it on an otherwise idle machine: the numbers are wall-clock times.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
cmake --build "$build" --target narrate bench_latency >/dev/null
eval "$(bash tools/pulse-env.sh)"
"$build/tools/bench_latency" --narrate "$build/narrate" --sink "$@" \
  samples/plain-lighthouse.txt big-html
