#!/usr/bin/env bash
# Maakt docs/toon-lekstroom.png opnieuw: 'wmo toon' van regio Lekstroom als HTML, gefotografeerd
# door headless Chromium (Debian-pakket chromium). Draai vanuit de hoofdmap van het project.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wmo toon --regio lekstroom --formaat html --uit "$tmp/lekstroom.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profiel" --hide-scrollbars \
  --window-size=1100,1000 --screenshot="$PWD/docs/toon-lekstroom.png" "file://$tmp/lekstroom.html" 2>/dev/null
echo "docs/toon-lekstroom.png bijgewerkt"
