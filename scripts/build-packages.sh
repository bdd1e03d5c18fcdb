#!/usr/bin/env bash
# Builds the Debian packages majlis, majlis-tools and majlis-server from debian/ with
# dpkg-buildpackage, in a copy of the sources (the checkout stays clean), and puts the .deb files
# in OUT (default: build/packages). Needs the build dependencies scripts/install-deps.sh installs.
# Usage: scripts/build-packages.sh [OUT]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$here/build/packages}")
work=$(mktemp -d "${TMPDIR:-/tmp}/majlis-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

version=$(dpkg-parsechangelog -l "$here/debian/changelog" -S Version)
project=$(sed -n 's/^project(Majlis VERSION \([0-9.]*\).*/\1/p' "$here/CMakeLists.txt")
if [ "$version" != "$project" ]; then
  echo "build-packages: debian/changelog is at $version but CMakeLists.txt at $project: add a changelog entry (dch -v $project)" >&2
  exit 1
fi

# The tracked files only: no build folder, no editor leftovers.
mkdir "$work/majlis-$version"
(cd "$here" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) \
  | tar -xf - -C "$work/majlis-$version"
(cd "$work/majlis-$version" && DEB_BUILD_OPTIONS="parallel=$(nproc) nocheck" dpkg-buildpackage -b -us -uc > "$work/build.log" 2>&1) || {
  tail -n 60 "$work/build.log" >&2
  echo "build-packages: dpkg-buildpackage failed (the last lines of its log are above)" >&2
  exit 1
}
mkdir -p "$out"
rm -f "$out"/*.deb "$out"/*.ddeb "$out"/*.changes "$out"/*.buildinfo
cp "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo "$out"/
cp "$work/build.log" "$out/build.log"
for f in "$out"/*.deb; do
  printf '%-50s %8s KiB\n' "$(basename "$f")" "$(( $(stat -c %s "$f") / 1024 ))"
done
