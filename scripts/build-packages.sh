#!/usr/bin/env bash
# Builds the Debian packages majlis, majlis-tools and majlis-server from debian/ with
# dpkg-buildpackage, in a copy of the sources (the checkout stays clean), and puts the .deb files
# in OUT (default: build/packages). Needs the build dependencies scripts/install-deps.sh installs.
# Usage: scripts/build-packages.sh [--from BUILD] [OUT]
#   --from BUILD  package the binaries of BUILD, a finished scripts/build.sh build (the one the
#                 test suites ran on: what was tested is what ships), instead of compiling them
#                 again. Only when BUILD has the packages' flags (debian/rules; scripts/build.sh
#                 configures with them) and is up to date; otherwise it says why and compiles.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# usable BUILD: true when BUILD can be packaged as it is; otherwise says why.
usable() {
  local cache=$1/CMakeCache.txt flags ldflags f
  [ -f "$cache" ] || { echo "$1 is not a CMake build (no CMakeCache.txt)"; return 1; }
  # The hardening the packages promise (lintian checks some of it, not all): every flag
  # dpkg-buildflags gives debian/rules must be in the build's own.
  flags=$(sed -n 's/^CMAKE_CXX_FLAGS:STRING=//p' "$cache")
  ldflags=$(sed -n 's/^CMAKE_EXE_LINKER_FLAGS:STRING=//p' "$cache")
  for f in $(deb_flags CPPFLAGS) $(deb_flags CXXFLAGS); do
    case $f in -ffile-prefix-map=*) continue ;; esac  # names the folder it was built in
    case " $flags " in *" $f "*) ;; *) echo "its CMAKE_CXX_FLAGS lack $f, a flag of debian/rules"; return 1 ;; esac
  done
  for f in $(deb_flags LDFLAGS); do
    case " $ldflags " in *" $f "*) ;; *) echo "its CMAKE_EXE_LINKER_FLAGS lack $f, a flag of debian/rules"; return 1 ;; esac
  done
  # Up to date: nothing left to compile (ninja -n lists what it would do).
  if [ -n "$(ninja -C "$1" -n 2> /dev/null | grep -v '^ninja: ')" ]; then
    echo "it is not up to date with its sources"
    return 1
  fi
}
deb_flags() {  # the flags of debian/rules
  DEB_BUILD_MAINT_OPTIONS=hardening=+all DEB_CXXFLAGS_MAINT_STRIP=-g DEB_CXXFLAGS_MAINT_APPEND=-g1 dpkg-buildflags --get "$1"
}
prebuilt=
if [ "${1:-}" = --from ]; then
  [ $# -ge 2 ] || { echo "build-packages: --from needs a build folder" >&2; exit 2; }
  if why=$(usable "$(realpath -m "$2")"); then
    prebuilt=$(realpath "$2")
    echo "build-packages: packaging the binaries of $prebuilt"
  else
    echo "build-packages: compiling the packages' binaries, not taking those of $2: $why (scripts/build.sh configures a build with the packages' flags)"
  fi
  shift 2
fi
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
(cd "$work/majlis-$version" && MAJLIS_PREBUILT=$prebuilt DEB_BUILD_OPTIONS="parallel=$(nproc) nocheck" dpkg-buildpackage -b -us -uc > "$work/build.log" 2>&1) || {
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
