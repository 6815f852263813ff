#!/usr/bin/env bash
# tools/speechd-env.sh - a private speech-dispatcher with narrate's module as its default voice
#
# Usage:
#   eval "$(tools/speechd-env.sh)"        start it unless it runs already, print the exports
#   tools/speechd-env.sh --status         exit 0 if it answers (prints nothing else)
#   tools/speechd-env.sh --stop           stop it and remove its directory
#
# Then `spd-say "hello"`, `spd-say -o espeak-ng "hello"`, a python3-speechd client or Orca (started
# from this shell) speak through it. Nothing outside the private directory is written.
#
# What it sets up (idempotent; one starter at a time):
#   <dir>/conf/speechd.conf        CommunicationMethod unix_socket on <dir>/speechd.sock, logs in
#                                  <dir>/log, AudioOutputMethod pulse, modules "narrate" (default)
#                                  and, when Debian's module is installed, "espeak-ng" to compare
#                                  (NARRATE_SPEECHD_ESPEAK=0 leaves espeak-ng out: a faster start)
#   <dir>/conf/modules/narrate.conf  src/speechd/narrate.conf (NARRATE_SPEECHD_AUDIO=server
#                                  switches it to Speech Dispatcher's own audio output;
#                                  NARRATE_SPEECHD_DEBUG=1 logs the module's commands)
#   <dir>/modules/sd_narrate       a link to the built module ($NARRATE_SD_MODULE, by default
#                                  <repo>/build/sd_narrate)
#   speech-dispatcher -d -C <dir>/conf -m <dir>/modules -S <dir>/speechd.sock -t 0
# Audio goes to the running PulseAudio server: tools/pulse-env.sh's private one when
# PULSE_SERVER is not set already (so in tests everything lands in its null sink).
#
# It prints, for eval:
#   export SPEECHD_ADDRESS=unix_socket:<dir>/speechd.sock   where clients (spd-say, speechd) go
#   export NARRATE_SPEECHD_DIR=<dir>
#   and the PulseAudio exports of tools/pulse-env.sh when it started that server.
# <dir> is $NARRATE_SPEECHD_DIR, by default /tmp/narrate-speechd-<uid>.
# Needs: speech-dispatcher (speech-dispatcher-utils or spd-say for clients), pulseaudio.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
dir=${NARRATE_SPEECHD_DIR:-/tmp/narrate-speechd-$(id -u)}
socket="$dir/speechd.sock"
module=${NARRATE_SD_MODULE:-$repo/build/sd_narrate}

say() { echo "speechd-env: $*" >&2; }

answers() {
  [ -S "$socket" ] || return 1
  # SSIP over the socket: a QUIT gets "231 HAPPY HACKING" from a live server.
  command -v python3 >/dev/null 2>&1 || return 0
  /usr/bin/env python3 - "$socket" <<'EOF' >/dev/null 2>&1
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(3)
s.connect(sys.argv[1])
s.sendall(b"QUIT\r\n")
sys.exit(0 if s.recv(100).startswith(b"231") else 1)
EOF
}

stop_server() {
  if [ -f "$dir/speechd.pid" ]; then
    local pid
    pid=$(cat "$dir/speechd.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}

case "${1:-}" in
  --status) answers; exit ;;
  --stop) stop_server; rm -rf "$dir"; exit 0 ;;
  "") ;;
  *) say "unknown argument '$1' (use --status or --stop)"; exit 2 ;;
esac

command -v speech-dispatcher >/dev/null 2>&1 || { say "speech-dispatcher not found (install speech-dispatcher)"; exit 1; }
[ -x "$module" ] || { say "module $module not built (cmake --build build --target sd_narrate)"; exit 1; }

pulse_exports=""
if [ -z "${PULSE_SERVER:-}" ]; then
  pulse_exports=$(bash "$here/pulse-env.sh")
  eval "$pulse_exports"
fi

mkdir -p "$dir/conf/modules" "$dir/modules" "$dir/log"
chmod 700 "$dir"
exec 9>"$dir/lock"
flock -w 20 9 || { say "timed out waiting for $dir/lock"; exit 1; }

if ! answers; then
  stop_server
  rm -f "$socket" "$dir/speechd.pid"
  ln -sfn "$(readlink -f "$module")" "$dir/modules/sd_narrate"
  cp "$repo/src/speechd/narrate.conf" "$dir/conf/modules/narrate.conf"
  if [ "${NARRATE_SPEECHD_AUDIO:-}" = server ]; then
    sed -i 's/^NarrateAudioOutput .*/NarrateAudioOutput "server"/' "$dir/conf/modules/narrate.conf"
  fi
  if [ -n "${NARRATE_SPEECHD_DEBUG:-}" ]; then
    sed -i 's/^Debug .*/Debug 1/' "$dir/conf/modules/narrate.conf"
  fi
  espeak_line=""
  for d in /usr/lib/speech-dispatcher-modules /usr/lib/*/speech-dispatcher-modules; do
    [ "${NARRATE_SPEECHD_ESPEAK:-1}" = 0 ] && break
    if [ -x "$d/sd_espeak-ng" ]; then
      ln -sfn "$d/sd_espeak-ng" "$dir/modules/sd_espeak-ng"
      if [ -f /etc/speech-dispatcher/modules/espeak-ng.conf ]; then
        cp /etc/speech-dispatcher/modules/espeak-ng.conf "$dir/conf/modules/espeak-ng.conf"
      else
        : >"$dir/conf/modules/espeak-ng.conf"
      fi
      espeak_line='AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"'
      break
    fi
  done
  cat >"$dir/conf/speechd.conf" <<EOF
# written by narrate tools/speechd-env.sh
CommunicationMethod "unix_socket"
SocketPath "$socket"
Timeout 0
LogLevel ${NARRATE_SPEECHD_LOGLEVEL:-3}
LogDir "$dir/log"
AudioOutputMethod "pulse"
AudioPulseDevice "default"
AudioPulseMinLength 10
DefaultVolume 100
AddModule "narrate" "sd_narrate" "narrate.conf"
$espeak_line
DefaultModule narrate
DefaultLanguage "en"
EOF
  # Its own HOME and runtime dir, so neither the user's ~/.config/speech-dispatcher nor a
  # running user session is touched.
  if ! HOME=$dir XDG_CONFIG_HOME=$dir/conf-home XDG_RUNTIME_DIR=$dir \
      speech-dispatcher -d -C "$dir/conf" -m "$dir/modules" -c unix_socket -S "$socket" -t 0 \
        -P "$dir/speechd.pid" -L "$dir/log" </dev/null >>"$dir/log/start.log" 2>&1 9>&-; then
    say "speech-dispatcher failed to start; see $dir/log"
    exit 1
  fi
  for _ in $(seq 100); do answers && break; sleep 0.1; done
  if ! answers; then
    say "speech-dispatcher started but does not answer on $socket; see $dir/log"
    exit 1
  fi
fi

[ -n "$pulse_exports" ] && echo "$pulse_exports"
echo "export SPEECHD_ADDRESS='unix_socket:$socket'"
echo "export NARRATE_SPEECHD_DIR='$dir'"
