#!/usr/bin/env bash
# The second command of the README (and what CI runs): install, build, run every test suite.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
build=${MAJLIS_BUILD_DIR:-$here/build}
ctest --test-dir "$build" --output-on-failure --timeout 900 -j "$(nproc)" "$@"
