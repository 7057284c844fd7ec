#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs (only those missing; quick when all are
# present), then configures and builds AVT Workbench in ./build (or $AVT_BUILD_DIR).
# Run as root (or with sudo available) on a fresh machine. Usage: scripts/setup.sh [--python]
#   --python   also install the Python packages used by fixture generators and benchmark
#              comparisons under tests/ (never needed by the product or the tests).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ccache pkg-config git
  libtorch-dev libgloo-dev libopenblas0-pthread
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqcustomplot-dev
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev ffmpeg
  libopencv-dev libsqlite3-dev zlib1g-dev xvfb xauth help2man desktop-file-utils appstream)
if [[ " $* " == *" --python "* ]]; then
  packages+=(python3-torch python3-torchaudio python3-scipy python3-av python3-numpy)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

build_dir=${AVT_BUILD_DIR:-build}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Paths relative to the checkout, so every clone (CI builds a fresh one) shares the cache;
# the sloppiness settings let ccache cache translation units that use the torch PCH.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
# -g output would otherwise put the build folder into every hash.
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
ccache --max-size=8G >/dev/null 2>&1 || true
# AVT_CMAKE_ARGS: more configure options (scripts/sanitize-check.sh passes -DAVT_SANITIZE=ON).
# shellcheck disable=SC2086
# AVT_SETUP_BUILD=0: packages only (scripts/fuzz.sh builds its own folder).
if [ "${AVT_SETUP_BUILD:-1}" = 0 ]; then
  exit 0
fi
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${AVT_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j"${AVT_JOBS:-2}"
echo "setup: built $build_dir/app/avt-workbench"
