#!/usr/bin/env bash
# The headless demo on a demo workspace (made by scripts/run-demo.sh): model size and cost,
# the model-ready features of a clip, its audio activity segments, the paper's Table 4 ladder
# with avt-tiny on DrumArt-10 ending with the table, then what the trained models look at
# (Grad-CAM strip of video-only vs AVBottleneck vs the full model, as the paper's figures, and
# the Grad-CAM checks) and the MASegmV run's reconstruction of a masked clip.
# Every rung is trained with AVT_DEMO_SEEDS seeds (default 2), so the tables show mean ± std.
# Usage: scripts/batch-demo.sh APP WORKSPACE   (AVT_DEMO_EPOCHS overrides optim.epochs)
set -euo pipefail
app=$1
ws=$2
cd "$(dirname "$0")/.."
out="$ws/exports/batch-demo"
mkdir -p "$out"
clip=$(awk -F, 'NR==2{print $1}' "$ws/drumart10/drumart10.csv")

echo "== Model size and cost (avt-base, the paper's model)"
"$app" --batch flops --preset avt-base
echo
echo "== Features of $clip"
"$app" --batch features "$ws/drumart10/$clip" --out "$out/fbank.npy" --raw --time
if "$app" --help | grep -q "^  segments "; then
  echo
  echo "== Audio activity segments of $clip"
  "$app" --batch segments "$ws/drumart10/$clip" --out "$out/segments" || true
fi
echo
echo "== Table 4 ladder on DrumArt-10 (avt-tiny; the held-out test split; ${AVT_DEMO_SEEDS:-2} seeds per rung)"
"$app" --batch ablate --workspace "$ws" --dataset drumart10 --config configs/demo-tiny.yaml \
  --set "optim.epochs=${AVT_DEMO_EPOCHS:-3}" --prefix demo-table4 --seeds "${AVT_DEMO_SEEDS:-2}" \
  --out "$out/table4.tex"
"$app" --batch runs export --workspace "$ws" --table table4 --prefix demo-table4 --format markdown \
  --out "$out/table4.md"
"$app" --batch runs export --workspace "$ws" --format csv --out "$out/runs.csv"
echo
echo "== The ladder's seeds side by side at the best test top-1 of each run"
"$app" --batch runs export --workspace "$ws" --filter '^demo-table4-' --seeds --at best=test/top1 \
  --metrics test/top1,test/top5,train/loss --format text
test_clip=$(awk -F, '$3=="test"{print $1; exit}' "$ws/drumart10/drumart10.csv")
echo
echo "== Grad-CAM on $test_clip: video only, AVBottleneck, +AVC+AVM+MASegmV"
"$app" --batch gradcam --workspace "$ws" --run demo-table4-video --run demo-table4-avbottleneck \
  --run demo-table4-avc-avm-masegmv "$ws/drumart10/$test_clip" --out "$out/gradcam"
echo
echo "== Grad-CAM checks of the full model on the test split"
"$app" --batch gradcam-check --workspace "$ws" --run demo-table4-avc-avm-masegmv --progress none \
  --json "$out/gradcam-check.json"
echo
echo "== Masked reconstruction by the MASegmV run"
"$app" --batch segments --workspace "$ws" --run demo-table4-avc-avm-masegmv "$ws/drumart10/$test_clip" \
  --out "$out/segments-run"
echo
echo "Exports in $out"
