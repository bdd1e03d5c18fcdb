#!/usr/bin/env bash
# Renders packaging/icons/org.majlis.Majlis.svg to the hicolor PNG sizes beside it, with Debian's
# chromium (headless) at 512 px and ImageMagick for each size. Run it after changing the SVG and
# commit the PNGs: the build installs them as they are, with no renderer at build time.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
icons=$here/packaging/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/icon.html" <<HTML
<!doctype html><html><body style="margin:0;background:transparent">
<img src="file://$icons/org.majlis.Majlis.svg" width="512" height="512" style="display:block">
</body></html>
HTML
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
  --default-background-color=00000000 --window-size=512,512 --screenshot="$tmp/512.png" "file://$tmp/icon.html" \
  > /dev/null 2>&1
for size in 16 22 24 32 48 64 128 256; do
  convert "$tmp/512.png" -filter Lanczos -resize "${size}x${size}" -strip "PNG32:$icons/$size.png"
done
echo "render-icons: wrote $(cd "$icons" && ls ./*.png | tr '\n' ' ')"
