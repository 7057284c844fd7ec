#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds and runs every test with CTest. Extra arguments go to
# ctest (e.g. -L unit, -LE slow, -R media).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${AVT_BUILD_DIR:-build}
export QT_QPA_PLATFORM=offscreen
cd "$build_dir"
ctest --output-on-failure -j"${AVT_JOBS:-2}" --timeout 1800 "$@"
