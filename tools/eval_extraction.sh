#!/usr/bin/env bash
# tools/eval_extraction.sh - scores the HTML extractor on the development pages of the public
# article-extraction benchmark (../shared/data/aeb-dev) and times it.
# usage: tools/eval_extraction.sh [BUILD_DIR] [extra eval_extraction.py options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-extract}
[ $# -gt 0 ] && shift
shared=$root/../shared
data=$shared/data/aeb-dev
if [ ! -f "$shared/tools/eval_extraction.py" ] || [ ! -d "$data/html" ]; then
  echo "eval_extraction: $shared (benchmark data and scorer) is absent; skipping"
  exit 0
fi
cmake --build "$build" --target extract_bench -j2 >/dev/null
bench=$build/tools/extract_bench

python3 "$shared/tools/eval_extraction.py" --data "$data" --jobs 4 \
  --cmd "$(printf '%q' "$bench") --body {html}" --name narrate "$@"

# Timing: the pages decompressed once, then extract_html timed in-process.
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
for page in "$data"/html/*.html.gz; do
  gzip -dc "$page" >"$pages/$(basename "$page" .gz)"
done
for page in "$data"/html/*.html; do
  [ -e "$page" ] && cp "$page" "$pages/"
done
"$bench" --time "$pages"/*.html
