#!/usr/bin/env bash
# "Fold at scale" (issue #10): reopening a workstation store of 100,000 items and 50,000 events of
# one annotator, and the leaderboard over 1,000,000 votes on the desktop path and through a real
# majlis-server (SQLite). Builds bench/fold, writes the fixtures (kept in $MAJLIS_BENCH_FOLD_DIR,
# default /tmp/majlis-bench-fold, and reused; MAJLIS_BENCH_FRESH=1 writes them again), runs every
# measurement as a process of its own and prints a table. Not part of CTest.
# On a shared machine run it under the build lock: flock /tmp/majlis-build.lock scripts/bench-fold.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${MAJLIS_BUILD_DIR:-$here/build}
if ! log=$(cmake --build "$build" --target bench majlis-server 2>&1); then echo "$log" >&2; exit 1; fi
bin=$build/bin/majlis-bench-fold
server=$(find "$build" -name majlis-server -type f -perm -u+x | head -1)
work=${MAJLIS_BENCH_FOLD_DIR:-/tmp/majlis-bench-fold}
items=${MAJLIS_BENCH_ITEMS:-100000}
events=${MAJLIS_BENCH_EVENTS:-50000}
votes=${MAJLIS_BENCH_VOTES:-1000000}
export QT_LOGGING_RULES="majlis.*.info=false"

stamp="$items $events $votes $(sha256sum "$here/bench/fold/bench_fold.cpp" | cut -c1-16)"
if [ "${MAJLIS_BENCH_FRESH:-0}" = 1 ] || [ "$(cat "$work/fixtures" 2>/dev/null)" != "$stamp" ]; then
  echo "writing fixtures in $work ..." >&2
  rm -rf "$work" && mkdir -p "$work"
  "$bin" gen-pack "$work/pack.jsonl" "$items" >"$work/gen-pack.json"
  "$bin" annotate "$work/workstation.sqlite" "$work/pack.jsonl" "$events" >"$work/annotate.json"
  "$bin" crowd "$work/crowd.sqlite" "$work/server.sqlite" "$work/pack.jsonl" "$votes" >"$work/crowd.json"
  token=$("$server" token create --db "sqlite:$work/server.sqlite" --name bench-reviewer --role reviewer 2>/dev/null)
  echo "$token" >"$work/token"
  echo "$stamp" >"$work/fixtures"
fi
token=$(cat "$work/token")
# Fixtures written by an older build are brought to the current schema once, untimed (a
# workstation store as the desktop opens it, the server's database as the server starts).
"$bin" reopen "$work/crowd.sqlite" fold-bench >/dev/null
"$server" workstation list --db "sqlite:$work/server.sqlite" >/dev/null
# A warm page cache and cold processes: each measurement reads its own file once first (all
# of them at once, 2.5 GB, left this machine slower at its first touch of fresh memory).
warm() { cat "$@" >/dev/null; }

warm "$work/workstation.sqlite"
runs=()
for i in 1 2 3; do runs+=("$("$bin" reopen "$work/workstation.sqlite" fold-bench)"); done
printf '%s\n' "${runs[@]}" >"$work/reopen.jsonl"
warm "$work/crowd.sqlite"
runs=()
for i in 1 2 3; do runs+=("$("$bin" desktop "$work/crowd.sqlite" fold-bench)"); done
printf '%s\n' "${runs[@]}" >"$work/desktop.jsonl"

# The server: a fresh process per run, so its first request computes the board (and reads the
# published pack); the repeated request is answered from its cache.
warm "$work/server.sqlite"
: >"$work/server.jsonl"
for i in 1 2 3; do
  "$server" --db "sqlite:$work/server.sqlite" --listen 127.0.0.1:0 >"$work/server.out" 2>"$work/server.err" &
  pid=$!
  for _ in $(seq 200); do grep -q "listening on" "$work/server.out" && break; sleep 0.05; done
  url=$(grep -o 'http://[0-9.:]*' "$work/server.out" | head -1)
  get() { curl -sf -o "$work/board.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
    "$url/api/v1/leaderboard?pack=fold-bench"; }
  first=$(get); again=$(get)
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid" && wait "$pid" || true
  echo "{\"first_s\": $first, \"again_s\": $again, \"peak_rss_kb\": $rss}" >>"$work/server.jsonl"
done

python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
load = lambda name: [json.loads(l) for l in open(f"{work}/{name}") if l.strip()]
med = lambda rows, key: statistics.median(r[key] for r in rows)
ann, crowd = load("annotate.json")[0], load("crowd.json")[0]
reo, desk, srv = load("reopen.jsonl"), load("desktop.jsonl"), load("server.jsonl")
board = json.load(open(f"{work}/board.json"))
rows = [
    ("reopen → start → first next()", f"{ann['events']:,} events ({ann['votes']:,} votes), 100,000 items",
     med(reo, "ms") / 1000, med(reo, "peak_rss_mb"), 0.5, 300),
    ("desktop leaderboard", f"{desk[0]['live_votes']:,} live votes, dialect + category boards",
     med(desk, "ms") / 1000, med(desk, "peak_rss_mb"), 2, None),
    ("  of which collectLiveVotes", "", med(desk, "collect_ms") / 1000, None, None, None),
    ("  of which analyse (dialect + category)", "", med(desk, "analyse_ms") / 1000, None, None, None),
    ("GET /api/v1/leaderboard, first", f"{crowd['votes']:,} votes, fresh server", med(srv, "first_s"),
     med(srv, "peak_rss_kb") / 1024, 2, None),
    ("GET /api/v1/leaderboard, repeated", "cached", med(srv, "again_s"), None, 2, None),
]
print(f"intervals: {desk[0]['intervals']}, {desk[0]['rounds']} bootstrap rounds (defaults); "
      f"server board: {board.get('leaderboard', {}).get('intervals', {}).get('method', '?')}; "
      f"median of 3 runs, each a process of its own")
head = ("scenario", "workload", "time", "peak RSS", "target", "met")
table = []
for name, load_, secs, rss, t_s, t_mb in rows:
    target = " / ".join(x for x in ((f"≤ {t_s*1000:.0f} ms" if t_s and t_s < 1 else f"≤ {t_s} s" if t_s else ""),
                                    (f"≤ {t_mb} MB" if t_mb else "")) if x)
    met = "" if t_s is None else ("yes" if secs <= t_s and (t_mb is None or rss <= t_mb) else "NO")
    table.append((name, load_, f"{secs*1000:.0f} ms" if secs < 1 else f"{secs:.2f} s",
                  "" if rss is None else f"{rss:.0f} MB", target, met))
w = [max(len(r[i]) for r in table + [head]) for i in range(6)]
print(" | ".join(h.ljust(w[i]) for i, h in enumerate(head)))
print("-+-".join("-" * x for x in w))
for r in table:
    print(" | ".join(c.ljust(w[i]) for i, c in enumerate(r)))
PY
