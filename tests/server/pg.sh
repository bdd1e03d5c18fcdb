#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the server tests and benchmarks:
#   pg.sh start DIR PORT   initdb into DIR (owned by postgres), listen only on 127.0.0.1:PORT with
#                          trust auth, create the database "majlis"
#   pg.sh stop DIR         stop it (immediate) — DIR is left for the caller to delete
# Run as root (uses runuser -u postgres) or as the postgres user. PG_FSYNC=off speeds up tests.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:?start|stop}
dir=${2:?DIR}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

case "$cmd" in
  start)
    port=${3:?PORT}
    [ -x "$bin/initdb" ] || { echo "pg.sh: PostgreSQL 15 is not installed ($bin)" >&2; exit 3; }
    mkdir -p "$dir"
    if [ "$(id -un)" != postgres ]; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=${PG_FSYNC:-on} -c max_connections=50" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres majlis
    echo "postgresql://postgres@127.0.0.1:$port/majlis"
    ;;
  stop)
    [ -d "$dir/data" ] || exit 0
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: pg.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
