#!/usr/bin/env bash
# Builds model/ (AVT_MODEL_ONLY: LibTorch only) against LibTorch 2.x and runs its tests, on a
# machine whose own LibTorch is Debian 12's 1.13: inside a Debian 13 (trixie) chroot that has
# Debian's LibTorch 2.6 (CPU), g++ 14 and python3-torch 2.6. Needs root (debootstrap, chroot);
# run by a user, it goes through sudo as scripts/setup.sh does.
#
#   scripts/libtorch2-check.sh            set up the chroot if missing, build, ctest
#   scripts/libtorch2-check.sh --bench    also time avt-bench-model against PyTorch 2.6 eager
#
# The chroot lives in AVT_TRIXIE_ROOT (default /var/cache/avt-workbench/trixie), outside the
# checkout, and is reused (with its ccache) by later runs. The checkout's files (tracked and
# untracked-but-not-ignored) are copied in, never mounted, so nothing in the chroot can touch
# the checkout. Only /proc is mounted, and unmounted on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/debian-root.sh
repo=$PWD
bench=0
for a in "$@"; do
  case "$a" in
    --bench) bench=1 ;;
    *) echo "libtorch2-check: unknown argument '$a' (--bench)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" != 0 ]; then
  # As scripts/setup.sh: root, or sudo where it is available.
  command -v sudo > /dev/null && exec sudo --preserve-env=AVT_TRIXIE_ROOT "$0" "$@"
  echo "libtorch2-check: needs root (debootstrap and chroot), and sudo is not installed" >&2
  exit 1
fi
root=${AVT_TRIXIE_ROOT:-/var/cache/avt-workbench/trixie}
packages="libtorch-dev python3-torch python3-numpy libopenblas0-pthread cmake g++ make ccache"
t0=$(date +%s)

if [ ! -f "$root/.avt-ready" ]; then
  echo "libtorch2-check: making a Debian 13 chroot with LibTorch 2.x in $root"
  debootstrap_root trixie "$root" libtorch2-check
  cp /etc/resolv.conf "$root.partial/etc/resolv.conf"
  chroot "$root.partial" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $packages > /var/log/avt-install.log 2>&1" \
    || { tail -20 "$root.partial/var/log/avt-install.log"; echo "libtorch2-check: package install failed" >&2; exit 1; }
  touch "$root.partial/.avt-ready"
  umount "$root/proc" 2> /dev/null || true   # left mounted by a killed run
  rm -rf "$root"
  mv "$root.partial" "$root"
fi

mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2> /dev/null || true' EXIT

# The chroot may have been made weeks ago: bring its packages to what a fresh Debian 13 gets
# today (the candidate versions), so the check never tests a LibTorch that a new machine would
# not install. Quick when nothing changed.
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends $packages > /var/log/avt-install.log 2>&1 \
  && DEBIAN_FRONTEND=noninteractive apt-get upgrade -y -qq >> /var/log/avt-install.log 2>&1" \
  || { tail -20 "$root/var/log/avt-install.log"; echo "libtorch2-check: package refresh failed" >&2; exit 1; }
echo "libtorch2-check: $(chroot "$root" dpkg-query -W -f='${Package} ${Version}  ' libtorch-dev libtorch2.6 g++ 2> /dev/null)"

# A fresh copy of the sources (build folders are ignored by git, so they stay out).
rm -rf "$root/src"
mkdir -p "$root/src"
git -c safe.directory="$repo" -C "$repo" ls-files -z --cached --others --exclude-standard \
  | (cd "$repo" && tar --null --ignore-failed-read -T - -cf - 2> /dev/null) | tar -xf - -C "$root/src"

torch_version=$(chroot "$root" python3 -c 'import torch; print(torch.__version__)')
echo "libtorch2-check: LibTorch $torch_version, $(chroot "$root" g++ --version | head -1)"
chroot "$root" /usr/bin/env CCACHE_DIR=/ccache /bin/bash -c '
  set -euo pipefail
  cmake -S /src -B /build -DAVT_MODEL_ONLY=ON -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > /build-configure.log 2>&1 \
    || { tail -30 /build-configure.log; exit 1; }
  cmake --build /build -j"$(nproc)" > /build.log 2>&1 || { grep -E "error" -A5 /build.log | head -60; exit 1; }
  cd /build && ctest --output-on-failure -j2 --timeout 900'
echo "libtorch2-check: model/ built and tested against LibTorch $torch_version in $(( $(date +%s) - t0 )) s"

if [ "$bench" = 1 ]; then
  # Ours against PyTorch eager of the same LibTorch, same threads, same BLAS rule.
  chroot "$root" /bin/bash -c '
    cd /src
    b=/build/model/bench/avt-bench-model
    for t in 1 2; do
      $b --preset avt-tiny --batch 8 --threads $t --warmup 1 --iters 5
      python3 tests/bench/compare_model.py --preset avt-tiny --batch 8 --threads $t --warmup 1 --iters 5
    done
    $b --preset avt-small --batch 1 --threads 2 --warmup 1 --iters 3
    python3 tests/bench/compare_model.py --preset avt-small --batch 1 --threads 2 --warmup 1 --iters 3'
fi
