#!/usr/bin/env bash
# tools/bench.sh - narrate beside the espeak-ng command line, side by side in one run, on the same
# texts at the same nominal rate (200 words a minute): a short article, 60 KB and 1 MB of prose
# (made from samples/ by repetition, in a temporary folder, never in git). For each: wall time,
# CPU time (user + system, children included), peak memory (largest process), real-time factor
# (audio seconds per wall second) and narrate's ratio to espeak-ng, for WAV and for MP3
# (`espeak-ng --stdout | lame -b 64`; skipped when lame is absent: Debian package lame). Then a
# batch of 200 short articles against 200 serial narrate runs, and the Google Benchmark
# micro-benchmarks (bench_micro: extraction, segmentation, normalization), when built.
# Measurements are only worth what the machine's load allows: the load average is printed first.
# --rss SIZE prints narrate's memory over a run on that text instead (the resident memory of the
# narrate process and of all its workers, every second, for at most --rss-seconds).
#
# Usage: tools/bench.sh [--narrate PATH] [--sizes short,60k,1m] [--runs N] [--jobs N]
#                       [--batch N] [--no-mp3] [--no-micro] [--rss SIZE [--rss-seconds S]]
#   --narrate  the binary to measure (default: build-bench/narrate, built here in Release)
#   --runs     runs of each command; the median is reported (default 3)
#   --batch    articles in the batch comparison (default 200; 0 skips it)
#   --rss      short, 60k, 1m or 10m: the memory curve of one WAV run (default at most 120 s)
set -euo pipefail
cd "$(dirname "$0")/.."

narrate=
sizes=short,60k,1m
runs=3
jobs=
batch=200
mp3=1
micro=1
rss=
rss_seconds=120
while [ $# -gt 0 ]; do
  case "$1" in
    --narrate) narrate=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --no-mp3) mp3=0; shift ;;
    --no-micro) micro=0; shift ;;
    --rss) rss=$2; sizes=$2; shift 2 ;;
    --rss-seconds) rss_seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$narrate" ]; then
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DNARRATE_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench --target narrate -j"$(nproc)" >/dev/null
  if [ "$micro" = 1 ]; then
    cmake --build build-bench --target bench_micro -j"$(nproc)" >/dev/null 2>&1 || true
  fi
  narrate=build-bench/narrate
fi
micro_bin=$(dirname "$narrate")/tools/bench_micro
command -v espeak-ng >/dev/null || { echo "bench.sh: espeak-ng is not installed" >&2; exit 1; }
if [ "$mp3" = 1 ] && ! command -v lame >/dev/null; then
  echo "bench.sh: lame is not installed (Debian package lame): MP3 peer skipped" >&2
  mp3=0
fi
jobs_flag=()
[ -n "$jobs" ] && jobs_flag=(--jobs "$jobs")

work=$(mktemp -d "${TMPDIR:-/tmp}/narrate-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Texts: plain prose repeated up to the size (narrate reads it as text; espeak-ng reads the
# article as narrate extracted it, so both say the same words).
make_text() {  # NAME BYTES
  local out=$work/$1.txt
  : >"$out"
  while [ "$(stat -c %s "$out")" -lt "$2" ]; do
    for f in samples/plain-lighthouse.txt samples/copied-page-en-library.txt; do
      cat "$f" >>"$out"; echo >>"$out"
    done
  done
  echo "$out"
}

declare -A text
for size in ${sizes//,/ }; do
  case "$size" in
    short) text[$size]=$work/short.txt; cp samples/plain-lighthouse.txt "${text[$size]}" ;;
    60k) text[$size]=$(make_text 60k 61440) ;;
    1m) text[$size]=$(make_text 1m 1048576) ;;
    10m) text[$size]=$(make_text 10m 10485760) ;;
    *) echo "bench.sh: unknown size $size (short, 60k, 1m, 10m)" >&2; exit 2 ;;
  esac
  "$narrate" --extract=text "${text[$size]}" >"${text[$size]%.txt}.plain"
done

if [ -n "$rss" ]; then
  # The process tree's resident memory (parent and workers), once a second.
  echo "load: $(uptime)"
  echo "narrate on $rss of text ($(stat -c %s "${text[$rss]}") bytes) to WAV: seconds, resident MB (narrate / workers / all)"
  "$narrate" --format text -v en-us --speed 200wpm "${jobs_flag[@]}" "${text[$rss]}" -o "$work/rss.wav" 2>/dev/null &
  pid=$!
  peak=0
  for ((t = 1; t <= rss_seconds; t++)); do
    sleep 1
    kill -0 "$pid" 2>/dev/null || break
    own=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    kids=0
    for child in $(pgrep -P "$pid" || true); do
      k=$(awk '/^VmRSS/ {print $2}' "/proc/$child/status" 2>/dev/null || true)
      kids=$((kids + ${k:-0}))  # a worker that just ended has no VmRSS
    done
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    own=${own:-0}
    hwm=${hwm:-0}
    [ "$hwm" -gt "$peak" ] && peak=$hwm
    awk -v t="$t" -v o="$own" -v k="$kids" 'BEGIN { printf "%4d s %7.1f %7.1f %7.1f\n", t, o / 1024, k / 1024, (o + k) / 1024 }'
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  awk -v p="$peak" 'BEGIN { printf "narrate process peak (VmHWM): %.1f MB\n", p / 1024 }'
  exit 0
fi

# measure LABEL CMD...: runs it $runs times; prints "wall cpu peak_kb" of the median run (by wall).
measure() {
  local i line
  : >"$work/times"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time1" "$@" >/dev/null 2>"$work/err" ||
      { echo "bench.sh: failed: $*" >&2; cat "$work/err" >&2; return 1; }
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time1" >>"$work/times"
  done
  sort -n "$work/times" | sed -n "$(((runs + 1) / 2))p"
}

wav_seconds() {
  python3 -c 'import sys, wave; w = wave.open(sys.argv[1]); print(w.getnframes() / w.getframerate())' "$1"
}

echo "load: $(uptime)"
echo "narrate: $narrate ${jobs_flag[*]}; espeak-ng $(espeak-ng --version | grep -o '[0-9][0-9.]*' | head -1); $(nproc) cores; median of $runs"
printf '%-6s %-4s %-9s %8s %8s %8s %9s %8s\n' text fmt tool wall_s cpu_s peak_MB rt_factor ratio
for size in ${sizes//,/ }; do
  t=${text[$size]}
  plain=${t%.txt}.plain
  formats=wav
  [ "$mp3" = 1 ] && formats="wav mp3"
  for fmt in $formats; do
    if [ "$fmt" = wav ]; then
      read -r ew ec em < <(measure espeak-ng -v en-us -s 200 -f "$plain" -w "$work/espeak.wav")
    else
      read -r ew ec em < <(measure bash -c 'espeak-ng -v en-us -s 200 -f "$1" --stdout | lame -b 64 --quiet - "$2"' _ "$plain" "$work/espeak.mp3")
    fi
    read -r nw nc nm < <(measure "$narrate" --format text -v en-us --speed 200wpm "${jobs_flag[@]}" "$t" -o "$work/narrate.$fmt")
    if [ "$fmt" = wav ]; then
      audio_n=$(wav_seconds "$work/narrate.wav")
      audio_e=$(wav_seconds "$work/espeak.wav")
    fi
    awk -v s="$size" -v f="$fmt" -v ew="$ew" -v ec="$ec" -v em="$em" -v nw="$nw" -v nc="$nc" \
      -v nm="$nm" -v an="$audio_n" -v ae="$audio_e" 'BEGIN {
        printf "%-6s %-4s %-9s %8.2f %8.2f %8.1f %9.0f %8s\n", s, f, "espeak-ng", ew, ec, em / 1024, ae / (ew > 0 ? ew : 1), ""
        printf "%-6s %-4s %-9s %8.2f %8.2f %8.1f %9.0f %7.2fx\n", s, f, "narrate", nw, nc, nm / 1024, an / (nw > 0 ? nw : 1), nw / (ew > 0 ? ew : 1)
      }'
  done
done

if [ "$batch" -gt 0 ]; then
  mkdir -p "$work/articles"
  i=0
  for ((n = 0; n < batch; n++)); do
    for f in samples/short-notice.txt samples/plain-lighthouse.txt samples/news-science.html \
             samples/news-city-council.html samples/blog-allotment-diary.html; do
      [ "$i" -ge "$batch" ] && break 2
      cp "$f" "$work/articles/$(printf '%04d' "$i")-$(basename "$f")"
      i=$((i + 1))
    done
  done
  start=$(date +%s.%N)
  for f in "$work"/articles/*; do
    "$narrate" --jobs 1 "$f" -o "$work/serial.wav" 2>/dev/null
  done
  serial=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  "$narrate" --batch "$work/articles" -o "$work/batch" "${jobs_flag[@]}" 2>/dev/null
  together=$(echo "$(date +%s.%N) - $start" | bc)
  awk -v n="$batch" -v s="$serial" -v b="$together" 'BEGIN {
    printf "batch of %d articles: serial narrate runs %.1f s, --batch %.1f s: %.2fx the throughput\n", n, s, b, s / b }'
fi

if [ "$micro" = 1 ] && [ -x "$micro_bin" ]; then
  "$micro_bin" --benchmark_min_time=0.5
elif [ "$micro" = 1 ]; then
  echo "bench.sh: bench_micro not built (Debian package libbenchmark-dev)" >&2
fi
