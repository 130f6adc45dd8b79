#!/usr/bin/env bash
# Renders assets/icon/dossier.svg to the PNG sizes the desktop and the window use
# (assets/icon/dossier-N.png). Needs rsvg-convert (Debian: librsvg2-bin). Run it after editing the
# SVG and commit the PNGs; tests/packaging.rs checks that every size is there and square.
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" dossier.svg --output "dossier-$size.png"
done
echo "rendered $(ls dossier-*.png | wc -l) PNGs in assets/icon"
