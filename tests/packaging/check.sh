#!/usr/bin/env bash
# The packaging checks CTest runs (label packaging) on the .deb files scripts/build-packages.sh
# wrote to DEBS, each failing on any error or warning of Debian's own tools:
#   check.sh lintian DEBS        lintian over the three packages (overrides carry their reason)
#   check.sh desktop DEBS        desktop-file-validate on the packaged desktop entry
#   check.sh appstream DEBS      appstreamcli validate on the packaged metainfo
#   check.sh systemd DEBS        systemd-analyze verify on the packaged unit
#   check.sh contents DEBS       what each package holds and declares (files, Depends, Recommends)
#   check.sh install DEBS OUT    the offline kit installed in a fresh Debian 12 root (test-install.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
what=$1 debs=$(realpath "$2")
fail() { echo "check $what: FAILED: $*" >&2; exit 1; }
extract() {  # extract PACKAGE -> a folder holding its files
  local deb dir
  deb=$(ls "$debs/$1"_*.deb 2> /dev/null | head -n 1)
  [ -n "$deb" ] || fail "no $1 package in $debs"
  dir=$(mktemp -d)
  dpkg-deb -x "$deb" "$dir"
  echo "$dir"
}

case $what in
lintian)
  changes=$(ls "$debs"/*.changes | head -n 1)
  out=$(lintian --fail-on error,warning --display-level ">=warning" --show-overrides "$changes" 2>&1) || {
    echo "$out"
    fail "lintian"
  }
  echo "$out"
  # An override without a reason on the line before it is not an override we accept.
  for f in "$here"/debian/*.lintian-overrides; do
    [ -e "$f" ] || continue
    awk -v f="$f" '/^[^#[:space:]]/ { if (prev !~ /^#/) { print f ": override without a reason: " $0; bad = 1 } } { prev = $0 } END { exit bad }' "$f" \
      || fail "overrides need a reason"
  done
  echo "lintian: no error or warning in $(ls "$debs"/*.deb | wc -l) packages"
  ;;
desktop)
  dir=$(extract majlis)
  file=$dir/usr/share/applications/org.majlis.Majlis.desktop
  [ -f "$file" ] || fail "no desktop entry in the majlis package"
  out=$(desktop-file-validate "$file" 2>&1) || { echo "$out"; fail "desktop-file-validate"; }
  [ -z "$out" ] || { echo "$out"; fail "desktop-file-validate has remarks"; }
  icon=$(sed -n 's/^Icon=//p' "$file")
  for size in 16 22 24 32 48 64 128 256; do
    png=$dir/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png
    [ -f "$png" ] || fail "no $size px icon"
    [ "$(identify -format %wx%h "$png")" = "${size}x${size}" ] || fail "$png is not $size px"
  done
  [ -f "$dir/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "no scalable icon"
  echo "desktop-file-validate: clean; icon $icon in 8 sizes and SVG"
  ;;
appstream)
  dir=$(extract majlis)
  file=$dir/usr/share/metainfo/org.majlis.Majlis.metainfo.xml
  [ -f "$file" ] || fail "no metainfo in the majlis package"
  out=$(appstreamcli validate --no-net --no-color "$file" 2>&1) || { echo "$out"; fail "appstreamcli validate"; }
  echo "$out"
  echo "$out" | grep -E '^[EW]: ' && fail "appstreamcli has errors or warnings"
  grep -q "<release version=\"$(dpkg-deb -f "$(ls "$debs"/majlis_*.deb)" Version)\"" "$file" \
    || fail "the metainfo has no release for the package's version"
  ;;
systemd)
  dir=$(extract majlis-server)
  unit=$dir/lib/systemd/system/majlis-server.service
  [ -f "$unit" ] || fail "no unit in the majlis-server package"
  # The unit as packaged, but for the program's path: it is verified against the packaged
  # program and man page rather than against what this machine has installed.
  mkdir -p "$dir/verify"
  sed "s#^ExecStart=/usr/bin/majlis-server#ExecStart=$dir/usr/bin/majlis-server#" "$unit" > "$dir/verify/majlis-server.service"
  out=$(MANPATH=$dir/usr/share/man systemd-analyze verify "$dir/verify/majlis-server.service" 2>&1) || { echo "$out"; fail "systemd-analyze verify"; }
  [ -z "$out" ] || { echo "$out"; fail "systemd-analyze verify has remarks"; }
  for key in "User=majlis" "StateDirectory=majlis-server" "ProtectSystem=strict" "ProtectHome=yes" "NoNewPrivileges=yes" \
             "PrivateTmp=yes" "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "ExecStart=/usr/bin/majlis-server --config /etc/majlis/server.conf"; do
    grep -qx "$key" "$unit" || fail "the unit lacks $key"
  done
  # The packaged configuration is one the packaged server accepts.
  conf=$dir/etc/majlis/server.conf
  [ -f "$conf" ] || fail "no /etc/majlis/server.conf"
  "$dir/usr/bin/majlis-server" --config "$conf" --db "sqlite:$dir/verify/check.sqlite" --listen 127.0.0.1:0 > "$dir/verify/out" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$dir/verify/out" && break; sleep 0.1; done
  kill "$pid" 2> /dev/null; wait "$pid" || true
  grep -q "listening on http://127.0.0.1:" "$dir/verify/out" || { cat "$dir/verify/out"; fail "the packaged server.conf is refused"; }
  echo "systemd-analyze verify: clean; server.conf accepted"
  ;;
contents)
  for p in majlis majlis-tools majlis-server; do
    deb=$(ls "$debs/${p}"_*.deb)
    echo "== $p $(dpkg-deb -f "$deb" Version), $(( $(stat -c %s "$deb") / 1024 )) KiB, installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
    dpkg-deb -f "$deb" Depends Recommends
    [ "$(dpkg-deb -f "$deb" Version)" = "$(sed -n 's/^project(Majlis VERSION \([0-9.]*\).*/\1/p' "$here/CMakeLists.txt")" ] \
      || fail "$p's version is not the project's"
  done
  need() { dpkg-deb -f "$(ls "$debs/$1"_*.deb)" "$2" | grep -q -- "$3" || fail "$1 $2 lacks $3"; }
  need majlis Depends libqt6widgets6; need majlis Depends qt6-qpa-plugins
  need majlis Recommends fonts-noto-core; need majlis Recommends fonts-noto-cjk
  need majlis-server Depends libmicrohttpd12; need majlis-server Recommends postgresql
  need majlis-tools Depends libsodium23
  for p in majlis:usr/bin/majlis majlis:usr/share/man/man1/majlis.1.gz majlis-tools:usr/bin/majlisctl \
           majlis-tools:usr/share/man/man1/majlisctl.1.gz majlis-tools:usr/share/majlis/demo/majlis-demo.jsonl \
           majlis-server:usr/bin/majlis-server majlis-server:usr/share/man/man1/majlis-server.1.gz \
           majlis-server:etc/majlis/server.conf majlis-server:lib/systemd/system/majlis-server.service \
           majlis:usr/share/doc/majlis/copyright majlis:usr/share/doc/majlis/changelog.gz; do
    dpkg-deb -c "$(ls "$debs/${p%%:*}"_*.deb)" | grep " \./${p#*:}\$" > /dev/null || fail "${p%%:*} does not hold /${p#*:}"
  done
  dpkg-deb -I "$(ls "$debs"/majlis-server_*.deb)" conffiles | grep -qx /etc/majlis/server.conf \
    || fail "/etc/majlis/server.conf is not a conffile"
  echo "contents: as declared"
  ;;
install)
  out=$(realpath -m "$3")
  rm -rf "$out" && mkdir -p "$out"
  start=$SECONDS
  "$here/scripts/offline-kit.sh" "$debs" "$out/kit"
  echo "check install: kit gathered in $((SECONDS - start)) s"
  "$here/scripts/test-install.sh" "$out/kit" "$out/run"
  ;;
*) fail "unknown check" ;;
esac
