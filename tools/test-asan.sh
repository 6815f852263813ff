#!/usr/bin/env bash
# tools/test-asan.sh - build narrate with AddressSanitizer + UndefinedBehaviorSanitizer (the
# asan preset, in build-asan/) and run the tests under them; fails on any test failure and on
# any sanitizer report, also from a narrate child process whose exit status a test allowed.
# Usage: tools/test-asan.sh [ctest options...]   (default: the CI selection below)
# Leaks inside third-party libraries are suppressed in tools/lsan.supp, each with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh

logs=$PWD/build-asan/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
# Set before the build too: the build runs the test programs to list their tests. Reports go
# to files as well as failing the process; the script checks the files at the end.
export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:fast_unwind_on_malloc=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"

cmake --preset asan >/dev/null
cmake --build build-asan -j"$(nproc)"

if env_lines=$(bash tools/pulse-env.sh); then
  eval "$env_lines"
else
  echo "narrate: could not start PulseAudio; playback tests will be skipped" >&2
fi

status=0
if [ $# -gt 0 ]; then
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)" "$@" || status=$?
else
  # CI: every unit and e2e test but those asserting wall-clock bounds (a time limit on a huge
  # input, real-time playback without underruns, Ctrl-C within 300 ms), which do not hold at
  # sanitizer speed; tools/test.sh runs them. The list is in README, "Security".
  timed='Robustness\.(TwentyMegabytesOfCopiedText|CopiedTextWithMillionsOfLinesStaysLinear|FiftyMegabytePageIsRefusedNotCut|HundredThousandNestedElements)'
  timed+='|PlaybackTest\.|PlayerTest\.HeardSamplesTrailWhatWasHandedOverByTheLatency'
  timed+='|Control\.(CtrlCStopsAtOnceAndExits130|PlaysEverythingWithEventsAndNoUnderrun|PauseLeavesTheGapNextSkipsSpeedApplies|FasterFromTheNextSentenceOn|NoUnderrunWhileTheOtherCoresAreBusy)'
  timed+='|Playback\.RecordingHoldsTheWholeNarration'
  # The real speech-dispatcher tests start a server each (about 10 s apiece at full speed); the
  # module itself runs under the sanitizers in ModuleProtocol.* and CliSpeech.*.
  timed+='|SpeechDispatcher\.'
  # The widget in a real browser waits on audio in wall-clock time; tools/test.sh runs it.
  timed+='|widget_browser'
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)" --timeout 600 -E "$timed" || status=$?
fi

if [ -n "$(ls -A "$logs")" ]; then
  echo "narrate: sanitizer reports:" >&2
  for f in "$logs"/*; do
    echo "== $f" >&2
    head -60 "$f" >&2
  done
  status=1
fi
exit $status
