#!/usr/bin/env bash
# tools/narrate-sample.sh - the main job: set up, build, and narrate a sample article.
# Writes build/sample.mp3 and plays the article when an audio device is there.
# Usage: tools/narrate-sample.sh [SAMPLE] [narrate options...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh release
article=${1:-samples/news-city-council.html}
shift || true
echo "narrate: reading $article into build/sample.mp3" >&2
./build/narrate --stats --speed 1.25x "$@" -o build/sample.mp3 "$article"
# Play it too when a device answers; say so instead of failing when there is none.
if ./build/narrate --speed 1.25x "$@" "$article"; then
  :
else
  status=$?
  if [ "$status" -eq 6 ]; then
    echo "narrate: no audio device here; the narration is in build/sample.mp3" >&2
  else
    exit "$status"
  fi
fi
