#!/usr/bin/env bash
# tools/build.sh - install what is missing, then configure and build narrate in build/.
# Usage: tools/build.sh [PRESET]   (default: release; ci adds -Werror)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
preset=${1:-release}
cmake --preset "$preset" >/dev/null
cmake --build build -j"$(nproc)"
