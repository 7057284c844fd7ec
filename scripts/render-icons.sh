#!/usr/bin/env bash
# Renders the application icon (resources/icons/org.avtworkbench.AvtWorkbench.svg) to the PNG
# sizes of the hicolor icon theme under resources/icons/hicolor/, and the action / view icons
# (resources/icons/actions/*.svg) to 16 and 32 pixel PNGs, with rsvg-convert (Debian
# librsvg2-bin). Run it after changing an SVG and commit the PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
id=org.avtworkbench.AvtWorkbench
for size in 16 22 24 32 48 64 128 256 512; do
  dir=resources/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  rsvg-convert -w "$size" -h "$size" "resources/icons/$id.svg" -o "$dir/$id.png"
done
# Action and view icons (fallbacks where the desktop theme has none): 16 and 32 pixels.
for svg in resources/icons/actions/*.svg; do
  name=$(basename "$svg" .svg)
  for size in 16 32; do
    rsvg-convert -w "$size" -h "$size" "$svg" -o "resources/icons/actions/$name-$size.png"
  done
done
echo "render-icons: $(ls resources/icons/hicolor | wc -l) sizes of the application icon, $(ls resources/icons/actions/*.svg | wc -l) action icons"
