#!/usr/bin/env bash
# Renders the application icon (resources/icons/org.avtworkbench.AvtWorkbench.svg) to the PNG
# sizes of the hicolor icon theme under resources/icons/hicolor/, with rsvg-convert (Debian
# librsvg2-bin). Run it after changing the SVG and commit the PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
id=org.avtworkbench.AvtWorkbench
for size in 16 22 24 32 48 64 128 256 512; do
  dir=resources/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  rsvg-convert -w "$size" -h "$size" "resources/icons/$id.svg" -o "$dir/$id.png"
done
echo "render-icons: $(ls resources/icons/hicolor | wc -l) sizes written"
