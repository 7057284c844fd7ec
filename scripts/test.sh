#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds and runs every test with CTest. Extra arguments go to
# ctest (e.g. -L unit, -LE slow, -R media). With no arguments it then also builds and tests
# model/ against LibTorch 2.x (scripts/libtorch2-check.sh, a Debian 13 chroot with Debian's
# LibTorch 2.6; about 7 minutes the first time, then 2-6); AVT_LIBTORCH2=0 leaves that out.
# Then the .deb on a clean Debian 12 root (scripts/deb-check.sh: apt install, --version, flops,
# man -w, demo dataset + one epoch; lintian; about 90 s the first time here); AVT_DEB_CHECK=0
# leaves that out. Then the unit tests under AddressSanitizer + UBSan (scripts/sanitize-check.sh, build-asan);
# AVT_SANITIZE=0 leaves that out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${AVT_BUILD_DIR:-build}
export QT_QPA_PLATFORM=offscreen
cd "$build_dir"
# --no-tests=error: a filter (-R, -L) that selects nothing fails instead of passing.
ctest --output-on-failure --no-tests=error -j"${AVT_JOBS:-2}" --timeout 1800 "$@"
cd - > /dev/null
if [ $# -eq 0 ] && [ "${AVT_LIBTORCH2:-1}" != 0 ]; then
  scripts/libtorch2-check.sh
fi
# The Debian package installed on a clean Debian 12 root and tried there (scripts/deb-check.sh).
if [ $# -eq 0 ] && [ "${AVT_DEB_CHECK:-1}" != 0 ]; then
  scripts/deb-check.sh
fi
# The unit tests (fuzz corpora replays among them) under ASan + UBSan, in build-asan.
if [ $# -eq 0 ] && [ "${AVT_SANITIZE:-1}" != 0 ]; then
  scripts/sanitize-check.sh
fi
