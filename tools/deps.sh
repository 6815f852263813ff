#!/usr/bin/env bash
# tools/deps.sh - install the Debian 12 packages narrate needs to build, run and test.
# Installs only what is missing; needs root or sudo when something is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config python3
  libespeak-ng-dev espeak-ng-data espeak-ng
  portaudio19-dev libasound2-dev libsndfile1-dev libebur128-dev libsoxr-dev libsonic-dev
  libgumbo-dev libicu-dev libuchardet-dev libcurl4-openssl-dev
  libcli11-dev nlohmann-json3-dev
  libgtest-dev clang-format
  pulseaudio pulseaudio-utils libasound2-plugins alsa-utils tmux ffmpeg
  speech-dispatcher speech-dispatcher-espeak-ng python3-speechd
  xvfb xclip man-db
  parallel libbenchmark-dev lame
  libcpp-httplib-dev chromium nodejs npm
  python3-pocketsphinx pocketsphinx-en-us sox
)

missing=()
for p in "${packages[@]}"; do
  # Node may come from elsewhere than Debian (its own npm then clashes with Debian's npm
  # package): a node and an npm on the PATH will do.
  case $p in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "narrate: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "narrate: missing packages (${missing[*]}) and not root; install them or run as root" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
