#!/usr/bin/env bash
# Sets up and builds (scripts/setup.sh), makes the demo workspace (DrumArt-10 from Debian
# packages, imported into ./demo-workspace), then, with a display, trains the three runs the
# Grad-CAM viewer compares and opens the workbench on it, or, where there is no display, runs the
# batch demo and prints its summary.
# Environment: AVT_DEMO_CLIPS (clips per class, default 40), AVT_DEMO_WORKSPACE.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
app=${AVT_BUILD_DIR:-build}/app/avt-workbench
ws=${AVT_DEMO_WORKSPACE:-demo-workspace}
clips=${AVT_DEMO_CLIPS:-40}
data="$ws/drumart10"

if [[ ! -f "$data/drumart10.csv" ]]; then
  "$app" --batch make-demo-dataset --out "$data" --clips-per-class "$clips" --seed 1
fi
"$app" --batch import-dataset --workspace "$ws" --format csv --name drumart10 "$data/drumart10.csv"

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  # Runs for the Grad-CAM viewer to compare: the batch demo's video-only, AVBottleneck and full
  # model (same names and config, so a later batch demo reuses them). Finished runs are skipped.
  echo "== Training the three runs the Grad-CAM viewer compares (avt-tiny, ${AVT_DEMO_EPOCHS:-3} epochs each)"
  "$app" --batch ablate --workspace "$ws" --dataset drumart10 --config configs/demo-tiny.yaml \
    --set "optim.epochs=${AVT_DEMO_EPOCHS:-3}" --prefix demo-table4 \
    --rungs video,avbottleneck,avc-avm-masegmv
  exec "$app" "$ws"
fi
exec scripts/batch-demo.sh "$app" "$ws"
