#!/usr/bin/env bash
# tools/format.sh - clang-format (Debian 12's version 14, .clang-format) over narrate's C++ sources.
# Usage: tools/format.sh           reformat in place
#        tools/format.sh --check   list the files that differ and exit 1 (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."
format=${NARRATE_CLANG_FORMAT:-clang-format}
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' \
  'tools/*.cpp' 2>/dev/null || find src tests tools -name '*.cpp' -o -name '*.hpp')
if [ "${1:-}" = "--check" ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! "$format" --dry-run --Werror "$f" >/dev/null 2>&1; then
      echo "not formatted: $f (run tools/format.sh)"
      bad=1
    fi
  done
  exit "$bad"
fi
"$format" -i "${files[@]}"
