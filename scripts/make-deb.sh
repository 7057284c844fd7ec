#!/usr/bin/env bash
# Builds the Debian package: installs what the build needs and builds (scripts/setup.sh), then
# `cpack -G DEB` in the build folder. Prints the path of build/avt-workbench_<version>_<arch>.deb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${AVT_BUILD_DIR:-build}
rm -f "$build_dir"/avt-workbench_*.deb
(cd "$build_dir" && cpack -G DEB > cpack.log 2>&1) || { tail -20 "$build_dir/cpack.log"; exit 1; }
ls "$PWD/$build_dir"/avt-workbench_*.deb
