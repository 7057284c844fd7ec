#!/usr/bin/env bash
# GPU check of the model engine on a CUDA machine that has only a (pip) LibTorch 2.x:
# builds model/ alone (AVT_MODEL_ONLY: no Qt, FFmpeg or OpenCV), runs the model tests, then
# the model benchmark (avt-base with bf16 autocast and fused attention) and the PyTorch-eager
# comparison. Figures go to $OUT (or ./gpu-out).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-gpu-out}
mkdir -p "$out"
prefix=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')
python3 -c 'import torch;print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))' | tee "$out/env.txt"
nvidia-smi --query-gpu=name,memory.total --format=csv | tee -a "$out/env.txt"
t0=$(date +%s)
cmake -S . -B build-gpu -DAVT_MODEL_ONLY=ON -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" > "$out/configure.log" 2>&1 || { tail -30 "$out/configure.log"; exit 1; }
cmake --build build-gpu -j"$(nproc)" > "$out/build.log" 2>&1 || { grep -E "error" -A5 "$out/build.log" | head -60; exit 1; }
echo "build: $(( $(date +%s) - t0 )) s"
(cd build-gpu && ctest --output-on-failure -j4 --timeout 300) > "$out/ctest.log" 2>&1
tail -15 "$out/ctest.log"
bench=$(find build-gpu -name avt-bench-model -type f | head -1)
for preset in avt-tiny avt-small avt-base; do
  "$bench" --preset "$preset" --device cuda --batch 8 --iters 10 --warmup 3 --bf16 2>&1 | tee -a "$out/bench.txt"
  "$bench" --preset "$preset" --device cuda --batch 8 --iters 10 --warmup 3 2>&1 | tee -a "$out/bench.txt"
done
"$bench" --preset mbt-base --device cuda --batch 8 --iters 10 --warmup 3 --bf16 2>&1 | tee -a "$out/bench.txt"
# avt-tiny and avt-small, fp32, batch 8, in PyTorch eager of the same torch, next to ours above.
for preset in avt-tiny avt-small; do
  python3 tests/bench/compare_model.py --preset "$preset" --device cuda --batch 8 --iters 10 --warmup 3 2>&1 \
    | tail -3 | tee -a "$out/torch_compare.txt"
done
