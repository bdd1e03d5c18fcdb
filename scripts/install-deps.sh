#!/usr/bin/env bash
# Installs everything Majlis needs to build, run and test on Debian 12 (bookworm).
# Every package here is from Debian's own archive; nothing is downloaded at build or test time.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-websockets-dev qt6-charts-dev qt6-translations-l10n
  libqt6sql6-psql libqt6sql6-sqlite libqt6opengl6-dev libgl-dev libxkbcommon-dev libvulkan-dev
  libsqlite3-dev nlohmann-json3-dev libsodium-dev libzstd-dev libmicrohttpd-dev
  postgresql
  curl sqlite3 openssl groff-base
  xvfb xauth imagemagick xdotool x11-utils
  fonts-noto-core fonts-hosny-amiri fonts-dejavu-core fonts-noto-color-emoji
  fonts-noto-cjk  # Chinese, Japanese and Korean: small models switch into them, and an answer must show them
  python3-numpy python3-scipy
  clang-14 libclang-rt-14-dev libfuzzer-14-dev clang-format-14 clang-tidy-14
  # The Debian packages: built with debhelper, checked by lintian, appstream, desktop-file-utils and
  # systemd-analyze, installed in a fresh root made by debootstrap (tests/packaging).
  debhelper dpkg-dev fakeroot lintian appstream desktop-file-utils systemd debootstrap iproute2 adduser
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
