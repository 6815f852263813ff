#!/usr/bin/env bash
# tools/bench_text.sh - build bench_text (Release, in build-bench/) and run it: segmentation +
# normalization MB/s beside ICU's sentence iterator. Usage: tools/bench_text.sh [bench_text args]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DNARRATE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target bench_text -j"$(nproc)" >/dev/null
exec build-bench/tools/bench_text "$@"
