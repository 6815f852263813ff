#!/usr/bin/env bash
# tools/fuzz.sh - build the libFuzzer targets (clang, address + undefined: the fuzz preset, in
# build-fuzz/) and run each for SECONDS (default 600), one after another.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]     targets: input html copied_text segment
#                                                normalize lexicon control ssml manifest
#                                                (default: all)
# Corpora grow in build-fuzz/corpus/<target>/ (seeded from samples/, voices/ and
# tests/fuzz/corpus/); a crash, leak or hang is saved in build-fuzz/artifacts/<target>/ and the
# script exits 1. Copy such an input to tests/fuzz/regressions/<target>/ with the fix: the
# test suite replays it from then on (fuzz_replay.<target>).
# Needs clang-14 and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
all=(input html copied_text segment normalize lexicon control ssml manifest)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

bash tools/deps.sh
# clang and its libFuzzer/sanitizer runtimes: only this script needs them, not the build or CI.
for p in clang libclang-rt-14-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    echo "fuzz: installing $p" >&2
    if [ "$(id -u)" -eq 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
    else
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
    fi
  fi
done
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

seed() {  # seed DIR FILES...: copy the seed files into a corpus directory once
  local dir=$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "$dir/" 2>/dev/null || true
  done
}

status=0
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  artifacts=build-fuzz/artifacts/$t
  mkdir -p "$artifacts"
  case $t in
    input) seed "$corpus" samples/* tests/fuzz/corpus/input/* ;;
    html) seed "$corpus" samples/*.html tests/fuzz/corpus/html/* ;;
    copied_text) seed "$corpus" samples/*.txt tests/fuzz/corpus/copied_text/* ;;
    segment | normalize) seed "$corpus" samples/*.txt tests/fuzz/corpus/"$t"/* ;;
    lexicon) seed "$corpus" voices/lexicon-*.txt tests/fuzz/corpus/lexicon/* ;;
    control) seed "$corpus" tests/fuzz/corpus/control/* ;;
    ssml) seed "$corpus" tests/fuzz/corpus/ssml/* ;;
    manifest) seed "$corpus" tests/fuzz/corpus/manifest/* ;;
    *) echo "fuzz: unknown target '$t' (${all[*]})" >&2; exit 2 ;;
  esac
  # Past crashes first: they must not crash any more.
  seed "$corpus" tests/fuzz/regressions/"$t"/*
  log=build-fuzz/fuzz-$t.log
  echo "fuzz: $t for ${seconds}s (log $log)" >&2
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: 2 GB is a runaway allocation.
  if build-fuzz/tests/fuzz/fuzz_"$t" "$corpus" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
       -artifact_prefix="$artifacts/" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz: $t ok: $runs executions in ${seconds}s, no crash, hang or leak" >&2
  else
    echo "fuzz: $t FAILED; see $log and $artifacts/" >&2
    grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$log" >&2 || true
    status=1
  fi
done
exit $status
