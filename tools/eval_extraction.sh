#!/usr/bin/env bash
# tools/eval_extraction.sh - scores the HTML extractor on the development pages of the public
# article-extraction benchmark (../shared/data/aeb-dev) and times it.
# usage: tools/eval_extraction.sh [BUILD_DIR] [extra eval_extraction.py options...]
#
# Besides the score over all pages it prints the score of two halves of them, split by page id
# (first hex digit 0-7 / 8-f) and by parity of the sorted id: a rule that helps one half and
# hurts the other is tuned to pages, not to pages like them (the benchmark's other half, which
# this project does not have, is scored the same way).
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
scorer=$shared/tools/eval_extraction.py

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$scorer" --data "$data" --jobs 4 --cmd "$(printf '%q' "$bench") --body {html}" \
  --name narrate --save-pred-dir "$work/pred" "$@"

# The halves, scored from the predictions just saved.
python3 - "$data/ground-truth.json" "$work" <<'PY'
import json, sys
ids = sorted(json.load(open(sys.argv[1], encoding="utf-8")))
halves = {
    "id-0-7": [i for i in ids if i[0] in "01234567"],
    "id-8-f": [i for i in ids if i[0] not in "01234567"],
    "even": ids[0::2],
    "odd": ids[1::2],
}
for name, half in halves.items():
    with open("%s/%s.ids" % (sys.argv[2], name), "w") as f:
        f.write("\n".join(half) + "\n")
PY
for half in id-0-7 id-8-f even odd; do
  python3 "$scorer" --data "$data" --pred-dir "$work/pred" --ids "$work/$half.ids" \
    --name "half $half" --n-bootstrap 200 | sed -n 2p
done

# Timing: the pages decompressed once, then extract_html timed in-process.
pages=$work/pages
mkdir -p "$pages"
for page in "$data"/html/*.html.gz; do
  [ -e "$page" ] && gzip -dc "$page" >"$pages/$(basename "$page" .gz)"
done
for page in "$data"/html/*.html; do
  [ -e "$page" ] && cp "$page" "$pages/"
done
"$bench" --time "$pages"/*.html
