#!/usr/bin/env bash
# tools/update-golden.sh - regenerate samples/*.extract.txt and *.sentences.txt from the current
# build. Review the diff (git diff samples/) before committing: these files are the e2e tests'
# expectations.
set -euo pipefail
cd "$(dirname "$0")/.."
for article in samples/*.html samples/*.txt; do
  case "$article" in *.extract.txt|*.sentences.txt) continue ;; esac
  stem=${article%.*}
  ${NARRATE:-./build/narrate} --extract "$article" >"$stem.extract.txt"
  ${NARRATE:-./build/narrate} --sentences "$article" >"$stem.sentences.txt"
done
git status --short samples/
