#!/usr/bin/env bash
# tools/bench_speechd.sh - screen-reader latency and robustness of sd_narrate, side by side with
# Debian's espeak-ng module, both measured through the same private speech-dispatcher
#
# Usage: tools/bench_speechd.sh [N]   (N short utterances per module, default 40)
#
# For each module, a python3-speechd client speaks N short utterances (one to five words) and
# reports the median time from its SPEAK to the BEGIN event and to the first loud sample read
# back from the PulseAudio null sink's monitor, and from a CANCEL mid-sentence to the last loud
# sample read back (parec at 2 ms latency; the same path for both,
# so the difference between the modules is what counts). Then 1000 rapid speak/cancel cycles
# through narrate: every message must be answered (END or CANCEL), and sd_narrate's resident
# memory is reported before and after. Not a test: nothing here asserts a time.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
n=${1:-40}
client="/usr/bin/python3 $repo/tests/e2e/speechd/speechd_client.py"

export NARRATE_PULSE_DIR=${NARRATE_PULSE_DIR:-/tmp/narrate-pulse-bench}
eval "$(bash "$here/pulse-env.sh")"
export NARRATE_SPEECHD_DIR=${NARRATE_SPEECHD_DIR:-/tmp/narrate-speechd-bench}
eval "$(bash "$here/speechd-env.sh")"
trap 'bash "$here/speechd-env.sh" --stop' EXIT

module_pid() { pgrep -f -- "$NARRATE_SPEECHD_DIR/conf/modules/narrate.conf" | head -1; }

for module in ${BENCH_MODULES:-narrate espeak-ng}; do
  echo "== $module: $n short utterances"
  $client firstaudio "$module" "$n" "$NARRATE_PULSE_SINK" | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin)
print("  SPEAK -> BEGIN       median %.1f ms (n=%d)" % (r["median_begin_ms"], r["n"]))
fa = r["median_first_audio_ms"]
print("  SPEAK -> first audio median %s ms (n=%d, read back through the null sink)" % (
    "%.1f" % fa if fa is not None else "n/a", len(r["first_audio_ms"])))'
  echo "== $module: STOP -> silence, $((n / 2)) cancels mid-sentence"
  $client stopaudio "$module" "$((n / 2))" "$NARRATE_PULSE_SINK" | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin)
print("  CANCEL -> last loud sample median %.1f ms, max %.1f ms (n=%d, through the null sink)" % (
    r["median_silent_after_ms"], r["max_silent_after_ms"], r["n"]))'
done

pid=$(module_pid)
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
echo "== narrate: 1000 rapid speak/cancel cycles (sd_narrate pid $pid, RSS ${rss_before} kB before)"
$client cycles narrate 1000
pid_after=$(module_pid)
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$pid_after/status")
echo "  sd_narrate pid after: $pid_after (same process: $([ "$pid" = "$pid_after" ] && echo yes || echo no)), RSS ${rss_after} kB after"
$client cycles narrate 1000
rss_after2=$(awk '/VmRSS/ {print $2}' "/proc/$(module_pid)/status")
echo "  after another 1000 cycles: RSS ${rss_after2} kB"
$client say narrate "Still speaking after the cycles"
