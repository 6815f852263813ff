#!/usr/bin/env bash
# tools/bench_speed.sh - build bench_speed (Release, in build-bench/) and run it: effective WPM at
# 150..800 on every sample article and on the GPL-3 beside espeak-ng -s RATE on the same text, then
# the MP3 timing (writing an MP3 vs synthesis alone and encoding alone). Exits 1 if a target is
# missed. Usage: tools/bench_speed.sh [--detail] [extra texts...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DNARRATE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target bench_speed -j"$(nproc)" >/dev/null

flags=()
texts=()
for arg in "$@"; do
  case "$arg" in
    --*) flags+=("$arg") ;;
    *) texts+=("$arg") ;;
  esac
done
for f in samples/*.txt samples/*.html; do
  case "$f" in *.extract.txt | *.sentences.txt) continue ;; esac
  texts+=("$f")
done
gpl=/usr/share/common-licenses/GPL-3
[ -f "$gpl" ] && texts+=("$gpl")

status=0
build-bench/tools/bench_speed "${flags[@]}" "${texts[@]}" || status=$?
echo
if [ -f "$gpl" ]; then
  build-bench/tools/bench_speed --mp3 --speeds 200 --runs 3 "$gpl" || status=$?
else
  build-bench/tools/bench_speed --mp3 --speeds 200 --runs 3 samples/plain-lighthouse.txt || status=$?
fi
exit "$status"
