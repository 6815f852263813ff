#!/usr/bin/env bash
# tools/eval_dev_sets.sh - scores extraction on both development sets at once (aeb-dev with the
# article-extraction benchmark's shingle F1, trafilatura-dev with trafilatura's snippet F1), so
# a change is judged on both. Per-page details go to OUT_DIR (default /tmp/narrate-eval).
# usage: tools/eval_dev_sets.sh [NARRATE_BINARY] [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
narrate=${1:-$root/build/narrate}
out=${2:-/tmp/narrate-eval}
shared=$root/../shared
if [ ! -f "$shared/tools/eval_snippets.py" ] || [ ! -d "$shared/data/trafilatura-dev" ]; then
  echo "eval_dev_sets: $shared (development sets and scorers) is absent; skipping"
  exit 0
fi
mkdir -p "$out"
q=$(printf '%q' "$narrate")
python3 "$shared/tools/eval_extraction.py" --data "$shared/data/aeb-dev" --jobs 2 \
  --cmd "$q --extract=body {html}" --name aeb-dev --save-pred-dir "$out/aeb-pred" \
  | sed -n 1,3p
python3 "$shared/tools/eval_snippets.py" --data "$shared/data/trafilatura-dev" --jobs 2 \
  --cmd "$q --extract=body {html}" --name trafilatura-dev --empty-exit-codes 4 \
  --report-json "$out/trafilatura-dev.json" --save-dir "$out/traf-pred" | sed -n 1,6p
