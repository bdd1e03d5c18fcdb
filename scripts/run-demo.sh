#!/usr/bin/env bash
# The first command of the README: install what is needed, build, and open the app on the demo pack.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
exec "${MAJLIS_BUILD_DIR:-$here/build}/bin/majlis" --pack "$here/resources/demo/majlis-demo.jsonl" "$@"
