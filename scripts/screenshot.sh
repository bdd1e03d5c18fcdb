#!/usr/bin/env bash
# Opens the desktop app on the demo pack in a real X server (Xvfb), votes a few pairs by keys,
# and saves a screenshot: scripts/screenshot.sh OUT.png [--lang ar] [keys...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "$1"); shift
lang=en
if [ "${1:-}" = "--lang" ]; then lang=$2; shift 2; fi
build=${MAJLIS_BUILD_DIR:-$here/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
  "$0" --store "$1/store.sqlite" --annotator demo --lang "$2" --unattended --pack "$3/resources/demo/majlis-demo.jsonl" &
  app=$!
  for i in $(seq 1 100); do xwininfo -root -tree 2>/dev/null | grep -q "Majlis" && break; sleep 0.1; done
  sleep 1
  shot=$4
  shift 4
  for k in "$@"; do xdotool key "$k"; sleep 0.4; done
  import -window root "$shot"
  kill $app
' "$build/bin/majlis" "$tmp" "$lang" "$here" "$out" "$@"
echo "wrote $out"
