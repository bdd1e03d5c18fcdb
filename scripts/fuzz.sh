#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (Clang, MAJLIS_FUZZ, no GUI, no Qt Test suites) in
# ./build-fuzz — which also proves that core, majlisctl and majlis-server build without widgets —
# then fuzzes each target for SECONDS (default 60), as many at once as there are cores, and prints a table.
# Exits non-zero if any target crashed, leaked, hit a sanitizer report or broke an invariant.
#   scripts/fuzz.sh [SECONDS]        (0: build only)  MAJLIS_FUZZ_TARGETS="fuzz_csv fuzz_event" to run only some
# The seed is fixed (MAJLIS_FUZZ_SEED, default 1) so that a CI run explores what the last one did
# and a crash it finds can be found again; set another seed for exploring.
# Inputs found go to build-fuzz/fuzz-corpus/<target> (the checked-in seeds stay as they are);
# crash inputs to build-fuzz/fuzz-artifacts/<target>/, logs to build-fuzz/fuzz-logs/.
# With the shared precompiled header (40% less compile time than without: the whole fuzz build
# took 629 s of CI's 2 cores); MAJLIS_PCH=OFF checks that every file includes what it uses.
# The compiler's own linker: GNU gold links clang's ASan runtime with a page of warnings, and the
# fuzz build links a dozen programs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=${MAJLIS_FUZZ_BUILD_DIR:-$here/build-fuzz}
# Builds on a shared machine take this lock; flock is part of util-linux, on every Debian.
lock=(flock "${MAJLIS_BUILD_LOCK:-/tmp/majlis-build.lock}")

"${lock[@]}" cmake -S "$here" -B "$build" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
  -DMAJLIS_FUZZ=ON -DMAJLIS_BUILD_GUI=OFF -DMAJLIS_BUILD_TESTS=OFF -DMAJLIS_BUILD_BENCH=OFF -DMAJLIS_LINKER=
"${lock[@]}" cmake --build "$build" --parallel "$(nproc)"
[ "$seconds" = 0 ] && exit 0  # build only (scripts/fuzz-campaign.sh)

targets=${MAJLIS_FUZZ_TARGETS:-$(cd "$here/tests/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$here/scripts/lsan.supp:print_suppressions=0
export LC_ALL=C.UTF-8
mkdir -p "$build/fuzz-logs"
# One target per core at a time (MAJLIS_FUZZ_JOBS, default nproc): the fuzzers are single-threaded.
fuzz_one() {
  local t=$1 exe=$build/tests/fuzz/$1 work=$build/fuzz-corpus/$1 artifacts=$build/fuzz-artifacts/$1
  local log=$build/fuzz-logs/$1.log rc=0 runs speed result
  mkdir -p "$work" "$artifacts"
  nice -n 19 "$exe" -max_total_time="$seconds" -seed="${MAJLIS_FUZZ_SEED:-1}" -rss_limit_mb=2048 -detect_leaks=1 \
    -print_final_stats=1 \
    -dict="$here/tests/fuzz/json.dict" -artifact_prefix="$artifacts/" \
    "$work" "$here/tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  if [ "$rc" -eq 0 ] && ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|invariant broken|terminate called' "$log"; then
    result=ok
  else
    if grep -q 'ERROR: LeakSanitizer' "$log"; then result=LEAK
    elif grep -q 'runtime error:' "$log"; then result=UBSAN
    elif grep -q 'invariant broken' "$log"; then result=INVARIANT
    elif grep -q 'terminate called' "$log"; then result="UNCAUGHT EXCEPTION ($(grep -m1 -A1 'terminate called' "$log" | tail -n1 | cut -c1-80))"
    elif grep -q 'ERROR: AddressSanitizer' "$log"; then result=ASAN
    elif grep -qE 'out-of-memory|timeout' "$log"; then result=OOM/TIMEOUT
    else result="CRASH (exit $rc)"; fi
    result="$result, see $log"
  fi
  printf '%-18s | %12s | %8s | %s\n' "$t" "${runs:-?}" "${speed:-?}" "$result" >"$build/fuzz-logs/$t.row"
}
jobs_max=${MAJLIS_FUZZ_JOBS:-$(nproc)}
rm -f "$build"/fuzz-logs/*.row
for t in $targets; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  fuzz_one "$t" &
done
wait
failed=0
rows=()
for t in $targets; do
  row=$(cat "$build/fuzz-logs/$t.row" 2>/dev/null || printf '%-18s | %12s | %8s | %s' "$t" '?' '?' 'NOT RUN')
  case $row in *"| ok") ;; *) failed=1 ;; esac
  rows+=("$row")
done

printf '%-18s | %12s | %8s | %s\n' target executions exec/s result
printf '%s\n' "${rows[@]}"
exit "$failed"
