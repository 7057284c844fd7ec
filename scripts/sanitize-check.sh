#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (-DAVT_SANITIZE=ON) in a
# build folder of its own (build-asan, or $AVT_ASAN_BUILD_DIR) and runs the unit tests there,
# the fuzz corpora replays among them. Any report of either sanitizer fails the test it
# happens in. Extra arguments go to ctest. About 20 minutes the first time on 2 cores, then a
# few (ccache).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${AVT_ASAN_BUILD_DIR:-build-asan}
AVT_BUILD_DIR="$build_dir" AVT_CMAKE_ARGS="-DAVT_SANITIZE=ON" scripts/setup.sh
# LibTorch and Qt are not instrumented: ASan only sees what we compiled, which is the point.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen
cd "$build_dir"
ctest --output-on-failure --no-tests=error -j"${AVT_JOBS:-2}" --timeout 1800 -L unit "$@"
