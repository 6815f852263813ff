#!/usr/bin/env bash
# tools/pulse-env.sh - a private PulseAudio server with a null sink, for playback tests
#
# Usage:
#   eval "$(tools/pulse-env.sh)"     start the server unless it runs already, print the exports
#   tools/pulse-env.sh --status      exit 0 if the server answers (prints nothing else)
#   tools/pulse-env.sh --stop        stop the server and remove its directory
#
# What it sets up (idempotent: running it again reuses the server; safe to run concurrently):
#   - pulseaudio --daemonize -n (no default.pa, so no hardware, dbus or systemd is touched) with
#     module-null-sink "narrate_null" (22050 Hz mono, norewinds=1: with rewinds the monitor loses
#     the first ~0.1 s of a stream that starts while recording) and module-native-protocol-unix on a
#     private socket with auth-anonymous=1 (works as root in a container: no cookie, no session);
#     --exit-idle-time=-1 so it survives between tests.
#   - a private ALSA config that makes ALSA's "default" PCM the pulse plugin (libasound2-plugins),
#     used through ALSA_CONFIG_PATH so nothing under /etc is written. So:
#       PortAudio -> ALSA "default" -> pulse plugin -> PULSE_SERVER -> null sink
#     and `parec --latency-msec=20 -d "$NARRATE_PULSE_SINK.monitor"` records what was played
#     (parec skips the silence before the first stream). A test process that wants a sink of its
#     own loads another null sink with pactl and sets PULSE_SINK (see tests/unit/audio).
#
# It prints, for eval:
#   export PULSE_SERVER=unix:<dir>/native     where libpulse clients (parec, the ALSA plugin) go
#   export PULSE_RUNTIME_PATH=<dir>           keeps clients off the per-user runtime dir
#   export ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:<dir>/asound.conf
#   export NARRATE_PULSE_SINK=narrate_null
# <dir> is $NARRATE_PULSE_DIR, by default /tmp/narrate-pulse-<uid>. Log: <dir>/pulse.log.
# Needs: pulseaudio, pulseaudio-utils (pactl, parec), libasound2-plugins.
set -euo pipefail

dir=${NARRATE_PULSE_DIR:-/tmp/narrate-pulse-$(id -u)}
sink=narrate_null
server="unix:$dir/native"

say() { echo "pulse-env: $*" >&2; }

answers() {
  PULSE_SERVER=$server PULSE_RUNTIME_PATH=$dir timeout 5 pactl info >/dev/null 2>&1
}

has_sink() {
  PULSE_SERVER=$server PULSE_RUNTIME_PATH=$dir timeout 5 pactl list short sinks 2>/dev/null |
    awk '{print $2}' | grep -qx "$sink"
}

stop_server() {
  if [ -f "$dir/pid" ]; then
    local pid
    pid=$(cat "$dir/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
}

case "${1:-}" in
  --status) answers; exit ;;
  --stop) stop_server; rm -rf "$dir"; exit 0 ;;
  "") ;;
  *) say "unknown argument '$1' (use --status or --stop)"; exit 2 ;;
esac

for tool in pulseaudio pactl parec; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool not found (install pulseaudio pulseaudio-utils)"; exit 1; }
done
if [ ! -e /usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so ] &&
   ! ls /usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so >/dev/null 2>&1; then
  say "ALSA pulse plugin not found (install libasound2-plugins)"
  exit 1
fi

mkdir -p "$dir"
chmod 700 "$dir"

# One starter at a time: parallel test processes must not start two servers on one socket.
exec 9>"$dir/lock"
flock -w 20 9 || { say "timed out waiting for $dir/lock"; exit 1; }

if ! answers; then
  stop_server
  rm -f "$dir/native" "$dir/pid"
  # pulseaudio writes its pid file into PULSE_RUNTIME_PATH and its state into PULSE_STATE_PATH;
  # both stay in the private dir so a user's own server (if any) is never disturbed.
  if ! PULSE_RUNTIME_PATH=$dir PULSE_STATE_PATH=$dir/state HOME=$dir \
      pulseaudio --daemonize=yes -n --fail=yes --exit-idle-time=-1 --use-pid-file=yes \
        --disallow-exit=yes --log-target="file:$dir/pulse.log" \
        -L "module-null-sink sink_name=$sink rate=22050 channels=1 norewinds=1 sink_properties=device.description=narrate-null" \
        -L "module-native-protocol-unix socket=$dir/native auth-anonymous=1" \
        -L "module-always-sink" \
        </dev/null >>"$dir/pulse.log" 2>&1; then
    say "pulseaudio failed to start; see $dir/pulse.log:"
    tail -5 "$dir/pulse.log" >&2 || true
    exit 1
  fi
  for _ in $(seq 50); do answers && break; sleep 0.1; done
  if ! answers; then
    say "pulseaudio started but does not answer on $server; see $dir/pulse.log"
    exit 1
  fi
fi

if ! has_sink; then
  PULSE_SERVER=$server timeout 5 pactl load-module module-null-sink sink_name=$sink rate=22050 norewinds=1 \
    channels=1 >/dev/null
fi
PULSE_SERVER=$server timeout 5 pactl set-default-sink "$sink"

# Loaded after the system's alsa.conf, so this "default" wins over the stock one (and over the
# 99-pulse.conf hook, which only redirects when it happens to find a running server).
cat >"$dir/asound.conf.new" <<'EOF'
# written by narrate tools/pulse-env.sh: ALSA's default device is the PulseAudio plugin
pcm.!default {
  type pulse
  hint.description "narrate test PulseAudio server"
}
ctl.!default {
  type pulse
}
EOF
mv -f "$dir/asound.conf.new" "$dir/asound.conf"

alsa_conf=/usr/share/alsa/alsa.conf
echo "export PULSE_SERVER='$server'"
echo "export PULSE_RUNTIME_PATH='$dir'"
echo "export ALSA_CONFIG_PATH='$alsa_conf:$dir/asound.conf'"
echo "export NARRATE_PULSE_SINK='$sink'"
