#!/usr/bin/env bash
# Sync and bundle benchmarks (not CTest). Usage:
#   scripts/bench-sync.sh [BUILD_DIR]            (default build-sync)
# Env: CLIENTS=8 BATCHES=20 BATCH=1000 (server ingest: CLIENTS×BATCHES×BATCH events), REPEAT=5
#      (ingest and floor each run REPEAT times on fresh databases; the median is reported: a shared
#      VM's disk makes single runs vary by ±25%)
#      BUNDLE_EVENTS=1000000 (bundle export/verify/import), BACKENDS="sqlite postgresql"
# Prints one table. Server ingest is measured with CLIENTS concurrent curl loops over loopback;
# the floor is a bare batched INSERT of the same rows (one transaction per BATCH rows) into the
# same schema, with the same durability (SQLite WAL + synchronous=FULL; PostgreSQL fsync on).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build-sync}
bin=$build/bin
CLIENTS=${CLIENTS:-8} BATCHES=${BATCHES:-20} BATCH=${BATCH:-1000} REPEAT=${REPEAT:-5}
BUNDLE_EVENTS=${BUNDLE_EVENTS:-1000000}
BACKENDS=${BACKENDS:-"sqlite postgresql"}
work=$(mktemp -d)
chmod 711 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  "$here/tests/server/pg.sh" stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1/($3-$2):,.0f}')"; }

# The same rows for every run: CLIENTS workstations, each BATCHES batch files of BATCH events.
python3 - "$work" "$CLIENTS" "$BATCHES" "$BATCH" <<'PY'
import json, sys, os
work, clients, batches, size = sys.argv[1], *map(int, sys.argv[2:])
os.makedirs(f"{work}/batches", exist_ok=True)
rows = open(f"{work}/rows.tsv", "w")
for c in range(clients):
    ws = f"018f3320-0000-7000-8000-{c:012x}"
    for b in range(batches):
        events = []
        for i in range(size):
            seq = b * size + i + 1
            e = {"id": f"018f3320-{c:04x}-7000-8000-{seq:012x}", "kind": "vote", "pack": "bench",
                 "item": f"item-{seq % 500}", "comparison": f"item-{seq % 500}/0-1", "annotator": "amina",
                 "workstation": ws, "seq": seq, "created": "2024-05-01T10:00:00.000Z",
                 "payload": {"choice": "first", "shown_left": "A", "note": "الإجابة الأولى أفضل"}}
            events.append(e)
            rows.write("\t".join([e["id"], ws, str(seq), "vote", "bench", e["item"], e["comparison"], "amina",
                                  e["created"], json.dumps(e["payload"], ensure_ascii=False, separators=(",", ":"))]) + "\n")
        with open(f"{work}/batches/{c}-{b}.json", "w") as f:
            json.dump({"events": events}, f, ensure_ascii=False)
PY
total=$((CLIENTS * BATCHES * BATCH))
# Each batch signed by its workstation's key, as a client signs it (the signing is not timed;
# the server's verification is).
"$bin/majlis-bench-sign" "$work/keys" "$work"/batches/*.json

start_server() {  # $1 = db spec
  token=$("$bin/majlis-server" token create --db "$1" --name amina --role annotator 2>/dev/null)
  "$bin/majlis-server" --listen 127.0.0.1:0 --db "$1" --enrollment first-use >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/server.out" && break; sleep 0.1; done
  url=$(sed -n 's/.*listening on //p' "$work/server.out")
}
push_all() {
  # Each client is one curl process on one keep-alive connection sending its batches one after
  # the other, as a workstation's sync client does (a process per batch would measure fork and
  # exec, not the server). Every answer must be 200.
  local t0 t1
  for c in $(seq 0 $((CLIENTS - 1))); do
    : >"$work/client-$c.curl"
    for b in $(seq 0 $((BATCHES - 1))); do
      printf 'url = "%s/api/v1/events"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\nheader = @%s\ndata-binary = @%s\noutput = /dev/null\nwrite-out = "%%{http_code}\\n"\nnext\n' \
        "$url" "$token" "$work/batches/$c-$b.json.headers" "$work/batches/$c-$b.json" >>"$work/client-$c.curl"
    done
  done
  t0=$(now)
  for c in $(seq 0 $((CLIENTS - 1))); do
    curl -s -K "$work/client-$c.curl" >"$work/client-$c.codes" &
  done
  wait
  t1=$(now)
  if [ "$(cat "$work"/client-*.codes | grep -c '^200$')" -ne $((CLIENTS * BATCHES)) ]; then
    echo "bench-sync: not every batch was answered 200:" >&2
    sort "$work"/client-*.codes | uniq -c >&2
    exit 1
  fi
  echo "$t0 $t1"
}
median() { python3 -c "import statistics,sys; v=sorted(float(x.replace(',','')) for x in sys.argv[1:]); print(f'{statistics.median(v):,.0f} (runs: ' + ', '.join(f'{x:,.0f}' for x in v) + ')')" "$@"; }
results=()
for backend in $BACKENDS; do
 ingests=() floors=()
 for run in $(seq "$REPEAT"); do
  if [ "$backend" = sqlite ]; then
    spec="sqlite:$work/server-$run.sqlite"
    start_server "$spec"
    read -r t0 t1 < <(push_all)
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    ingest=$(rate $total "$t0" "$t1")
    # Floor: same schema (a fresh server db), same pragmas, plain INSERTs in BATCH-row transactions.
    "$bin/majlis-server" token create --db "sqlite:$work/floor-$run.sqlite" --name x --role annotator >/dev/null 2>&1
    floor=$(python3 - "$work/floor-$run.sqlite" "$work/rows.tsv" "$BATCH" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL")
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
n = int(sys.argv[3]); t0 = time.time()
for i in range(0, len(rows), n):
    db.execute("BEGIN")
    db.executemany("INSERT INTO events (id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, "
                   "created_utc, payload) VALUES (?,?,?,?,?,?,?,?,?,?)", rows[i:i+n])
    db.execute("COMMIT")
print(f"{len(rows)/(time.time()-t0):,.0f}")
PY
)
  else
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    spec=$(PG_FSYNC=on "$here/tests/server/pg.sh" start "$work/pg" "$port")
    start_server "$spec"
    read -r t0 t1 < <(push_all)
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    ingest=$(rate $total "$t0" "$t1")
    psql -q "$spec" -c "CREATE TABLE floor (LIKE events INCLUDING ALL)" >/dev/null
    floor=$(python3 - "$work/rows.tsv" "$BATCH" <<'PY' | { t0=$(now); psql -q "$spec" >/dev/null; t1=$(now); rate "$(wc -l <"$work/rows.tsv")" "$t0" "$t1"; }
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
n = int(sys.argv[2]); q = lambda s: "'" + s.replace("'", "''") + "'"
for i in range(0, len(rows), n):
    print("BEGIN; INSERT INTO floor (id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, payload) VALUES")
    print(",\n".join("(" + ",".join(q(v) if j != 2 else v for j, v in enumerate(r)) + ")" for r in rows[i:i+n]) + "; COMMIT;")
PY
)
    "$here/tests/server/pg.sh" stop "$work/pg"
    rm -rf "$work/pg"
  fi
  ingests+=("$ingest") floors+=("$floor")
 done
  ingest=$(median "${ingests[@]}") floor=$(median "${floors[@]}")
  results+=("$(printf '| server ingest, %s, %d clients | %s events/s | floor (bare batched INSERT) %s events/s |' \
    "$backend" "$CLIENTS" "$ingest" "$floor")")
done

# Bundle export / verify / import of BUNDLE_EVENTS events of one workstation.
store="$work/a.sqlite"
"$bin/majlisctl" --store "$store" workstation show >/dev/null
ws=$(sqlite3 "$store" "SELECT value FROM meta WHERE key='workstation_id'")
python3 - "$store" "$ws" "$BUNDLE_EVENTS" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None); ws = sys.argv[2]; n = int(sys.argv[3])
db.execute("BEGIN")
db.executemany("INSERT INTO events (id, workstation, seq, kind, pack_id, item_id, comparison_id, annotator, created_utc, "
               "payload) VALUES (?,?,?,?,?,?,?,?,?,?)",
               ((f"{ws[:24]}{s:012x}", ws, s, "vote", "bench", f"item-{s % 500}", f"item-{s % 500}/0-1", "amina",
                 "2024-05-01T10:00:00.000Z", '{"choice":"first","note":"الإجابة الأولى أفضل","shown_left":"A"}')
                for s in range(1, n + 1)))
db.execute("COMMIT")
PY
bundle="$work/bench.majlisbundle"
measure() {  # label, command...
  local label=$1; shift
  local t0 t1 rss
  t0=$(now)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null
  t1=$(now)
  rss=$(cat "$work/rss")
  results+=("$(printf '| bundle %s, %d events | %s events/s | %s MB/s, peak RSS %d MiB |' "$label" "$BUNDLE_EVENTS" \
    "$(rate "$BUNDLE_EVENTS" "$t0" "$t1")" "$(python3 -c "print(f'{$(stat -c %s "$bundle" 2>/dev/null || echo 0)/1e6/($t1-$t0):,.0f}')")" \
    $((rss / 1024)))")
}
measure export "$bin/majlisctl" --store "$store" bundle export --all -o "$bundle"
measure verify "$bin/majlisctl" --store "$store" bundle verify "$bundle"
"$bin/majlisctl" --store "$work/b.sqlite" workstation show >/dev/null
measure import "$bin/majlisctl" --store "$work/b.sqlite" bundle import "$bundle" --trust-new-key

echo "| what | rate | notes |"
echo "|---|---|---|"
printf '%s\n' "${results[@]}"
echo "(bundle file: $(($(stat -c %s "$bundle") / 1000000)) MB; $(nproc) cores; $(date -u +%F))"
