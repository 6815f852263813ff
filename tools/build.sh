#!/usr/bin/env bash
# tools/build.sh - install what is missing, then configure and build narrate.
# Usage: tools/build.sh [PRESET]   (default: release, in build/; ci adds -Werror, in build-ci/;
#                                   dev in build-dev/; asan in build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
preset=${1:-release}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
