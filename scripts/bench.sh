#!/usr/bin/env bash
# Builds the benchmarks and prints a table of the foundation's speed and memory targets.
# Not part of CTest: timings belong here, never in unit tests.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${MAJLIS_BUILD_DIR:-$here/build}
cmake --build "$build" --target bench >/dev/null
bin=$build/bin/majlis-bench-voting
tmp=$(mktemp -d "${TMPDIR:-/var/tmp}/majlis-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="majlis.*.info=false"

items=${MAJLIS_BENCH_ITEMS:-100000}
"$bin" gen-pack "$tmp/big.jsonl" "$items" 300 >/dev/null
sync
import=$("$bin" import "$tmp/import.sqlite" "$tmp/big.jsonl")
commit=$("$bin" commit "$tmp/commit.sqlite" 10000)
"$bin" gen-pack "$tmp/long.jsonl" 400 8000 >/dev/null
next=$("$bin" next-pair "$tmp/next.sqlite" "$tmp/long.jsonl" 300)

python3 - "$import" "$commit" "$next" <<'PY'
import json, sys
imp, com, nxt = (json.loads(a) for a in sys.argv[1:4])
rows = [
    ("pack import", f"{imp['items']:,} items, {imp['bytes']/1e6:.0f} MB", f"{imp['mb_per_s']:.1f} MB/s, {imp['items_per_s']:,.0f} items/s", "≥ 50 MB/s", imp['mb_per_s'] >= 50),
    ("pack import peak RSS", "", f"{imp['peak_rss_mb']:.0f} MB", "≤ 200 MB", imp['peak_rss_mb'] <= 200),
    ("vote commit p50 / p99", f"{com['n']:,} votes", f"{com['vote_p50_us']:.0f} / {com['vote_p99_us']:.0f} µs", "p99 ≤ 2× floor", com['vote_p99_us'] <= 2 * com['floor_p99_us']),
    ("bare insert+commit (floor)", "same rows, same run", f"{com['floor_p50_us']:.0f} / {com['floor_p99_us']:.0f} µs", "", None),
    ("key → next pair laid out", f"{nxt['n']} pairs, 8,000-char Arabic answers", f"{nxt['p50_ms']:.1f} / {nxt['p99_ms']:.1f} ms", "p99 ≤ 16 ms", nxt['p99_ms'] <= 16),
]
w = [max(len(str(r[i])) for r in rows) for i in range(4)]
head = ("benchmark", "workload", "measured", "target")
w = [max(w[i], len(head[i])) for i in range(4)]
fmt = " | ".join("{:<%d}" % x for x in w) + " | {}"
print(fmt.format(*head, "met"))
print("-+-".join("-" * x for x in w) + "-+----")
for r in rows:
    print(fmt.format(*r[:4], "" if r[4] is None else ("yes" if r[4] else "NO")))
PY
