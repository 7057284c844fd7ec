#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang, ASan and UBSan (-DAVT_FUZZ=ON, in
# build-fuzz or $AVT_FUZZ_BUILD_DIR) and runs them:
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s, every target)
# Targets: unpickler checkpoint npy model_config run_config annotations media_probe.
# Each run starts from the committed corpus (tests/fuzz/corpus/<target>) plus what earlier runs
# found (build-fuzz/corpus/<target>); crashing inputs land in build-fuzz/findings/. The summary
# line per target gives executions, seconds and findings. To fold new coverage into the
# committed corpus (keep it small):
#   build-fuzz/tests/fuzz/fuzz-<t> -merge=1 -max_len=65536 tests/fuzz/corpus/<t> build-fuzz/corpus/<t>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(unpickler checkpoint npy model_config run_config annotations media_probe)
build_dir=${AVT_FUZZ_BUILD_DIR:-build-fuzz}

AVT_SETUP_BUILD=0 scripts/setup.sh # the packages only
if ! command -v clang++ >/dev/null; then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends clang
fi
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
CXX=clang++ CC=clang cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAVT_FUZZ=ON >/dev/null
cmake --build "$build_dir" -j"${AVT_JOBS:-2}" --target "${targets[@]/#/fuzz-}"

mkdir -p "$build_dir/findings"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
for t in "${targets[@]}"; do
  mkdir -p "$build_dir/corpus/$t"
  log="$build_dir/fuzz-$t.log"
  status=0
  started=$SECONDS
  "$build_dir/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build_dir/findings/$t-" \
    "$build_dir/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  found=$(find "$build_dir/findings" -name "$t-*" | wc -l)
  # libFuzzer stops at its first finding, so the time is measured, not the one asked for.
  echo "fuzz $t: ${runs:-?} executions in $((SECONDS - started)) s, exit $status, findings so far: $found (log $log)"
done
