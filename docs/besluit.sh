#!/usr/bin/env bash
# Maakt docs/besluit-1.png en docs/besluit-2.png opnieuw: het conceptbesluit van docs/besluit-tsd.json
# (TSD, twee producten) als HTML, afgedrukt op A4 door headless Chromium en per bladzijde omgezet
# met pdftoppm (Debian-pakketten chromium en poppler-utils). Draai vanuit de hoofdmap van het project.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wmo beoordeel docs/besluit-tsd.json --formaat besluit --uit "$tmp/besluit.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profiel" --no-pdf-header-footer \
  --print-to-pdf="$tmp/besluit.pdf" "file://$tmp/besluit.html" 2>/dev/null
rm -f docs/besluit-*.png
pdftoppm -png -r 70 "$tmp/besluit.pdf" docs/besluit
ls docs/besluit-*.png
