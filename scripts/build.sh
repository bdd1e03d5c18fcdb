#!/usr/bin/env bash
# Configures and builds Majlis in ./build (or $MAJLIS_BUILD_DIR). Extra arguments go to cmake.
# With the flags the Debian packages are built with (debian/rules: dpkg-buildflags with
# hardening=+all, line tables only): the build the test suites run on is the one
# scripts/build-packages.sh --from packages, so what was tested is what ships. -O2 and -g1 come
# from those flags; the build type only adds -DNDEBUG. A -DCMAKE_CXX_FLAGS=... of yours wins (the
# packages are then compiled on their own).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${MAJLIS_BUILD_DIR:-$here/build}
cd "$here"  # -ffile-prefix-map names the folder dpkg-buildflags runs in: the sources
flags=()
if command -v dpkg-buildflags > /dev/null; then
  export DEB_BUILD_MAINT_OPTIONS=hardening=+all DEB_CXXFLAGS_MAINT_STRIP=-g DEB_CXXFLAGS_MAINT_APPEND=-g1
  flags=("-DCMAKE_CXX_FLAGS=$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)"
         "-DCMAKE_EXE_LINKER_FLAGS=$(dpkg-buildflags --get LDFLAGS)"
         "-DCMAKE_SHARED_LINKER_FLAGS=$(dpkg-buildflags --get LDFLAGS)")
fi
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-DNDEBUG \
  "${flags[@]}" "$@"
cmake --build "$build" --parallel "$(nproc)"
