#!/usr/bin/env bash
# A long fuzzing campaign that can stop and go on: runs each target named (default: all) in
# chunks of CHUNK executions (default 1,000,000) until the ledger holds RUNS executions for it
# (default 10,000,000) at the commit built, each chunk with the next seed, niced, on the corpus
# the chunks before it grew. Every chunk is a line of the ledger, so a campaign killed or cut
# short by the end of a working day goes on where it stopped the next time it is started.
#   scripts/fuzz-campaign.sh [TARGET...]          MAJLIS_FUZZ_RUNS, MAJLIS_FUZZ_CHUNK
#   scripts/fuzz-campaign.sh --report             the ledger's totals, per target and commit
# Two cores: start two campaigns with disjoint targets, e.g. `… fuzz_bundle` and `… fuzz_csv
# fuzz_event`. Builds with scripts/fuzz.sh's settings in build-fuzz/ (MAJLIS_FUZZ_BUILD_DIR),
# ledger in <build>/campaign/ledger.tsv, found inputs in <build>/fuzz-corpus/<target>, crash
# inputs in <build>/fuzz-artifacts/<target>/, chunk logs in <build>/campaign/logs/.
# Exits non-zero at the first chunk that crashed, leaked, hit a sanitizer report or broke an
# invariant; the ledger says which.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${MAJLIS_FUZZ_BUILD_DIR:-$here/build-fuzz}
ledger=$build/campaign/ledger.tsv
want=${MAJLIS_FUZZ_RUNS:-10000000}
chunk=${MAJLIS_FUZZ_CHUNK:-1000000}

report() {
  [ -f "$ledger" ] || { echo "no ledger yet: $ledger"; return; }
  printf '%-16s | %-20s | %12s | %8s | %6s | %s\n' target commit executions seconds chunks results
  awk -F'\t' '!/^#/ {
      k = $1 "\t" $2; runs[k] += $4; secs[k] += $5; n[k]++
      if ($6 != "ok") bad[k] = bad[k] " " $6
    }
    END { for (k in runs) { split(k, p, "\t")
      printf "%-16s | %-20s | %12d | %8d | %6d | %s\n", p[1], p[2], runs[k], secs[k], n[k], (bad[k] == "" ? "all ok" : bad[k]) } }' \
    "$ledger" | sort
}
if [ "${1:-}" = "--report" ]; then
  report
  exit 0
fi

MAJLIS_FUZZ_BUILD_DIR=$build "$here/scripts/fuzz.sh" 0 >/dev/null  # builds only
commit=$(git -C "$here" rev-parse --short=12 HEAD)
git -C "$here" diff --quiet HEAD -- . ':!tests/fuzz/corpus' || commit="$commit+edits"

targets=${*:-$(cd "$here/tests/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$here/scripts/lsan.supp:print_suppressions=0
export LC_ALL=C.UTF-8
mkdir -p "$build/campaign/logs"
[ -f "$ledger" ] || printf '# target\tcommit\tseed\texecutions\tseconds\tresult\tlog\n' >"$ledger"

done_for() {  # executions the ledger holds for target $1 at this commit
  awk -F'\t' -v t="$1" -v c="$commit" '$1 == t && $2 == c && $6 == "ok" { s += $4 } END { print s + 0 }' "$ledger"
}

for t in $targets; do
  exe=$build/tests/fuzz/$t
  [ -x "$exe" ] || { echo "no fuzz target $t in $build" >&2; exit 2; }
  work=$build/fuzz-corpus/$t
  artifacts=$build/fuzz-artifacts/$t
  mkdir -p "$work" "$artifacts"
  while [ "$(done_for "$t")" -lt "$want" ]; do
    seed=$(( $(awk -F'\t' -v t="$t" '$1 == t' "$ledger" | wc -l) + 100 ))
    log=$build/campaign/logs/$t-$seed.log
    rc=0
    interrupted=
    start=$(date +%s)
    nice -n 19 "$exe" -runs="$chunk" -seed="$seed" -rss_limit_mb=2048 -detect_leaks=1 -print_final_stats=1 \
      -dict="$here/tests/fuzz/json.dict" -artifact_prefix="$artifacts/" \
      "$work" "$here/tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    seconds=$(( $(date +%s) - start ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
    clean=yes
    grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|invariant broken' "$log" && clean=no
    if [ "$rc" -eq 0 ] && [ -n "$runs" ] && [ $clean = yes ]; then
      result=ok
    elif [ "$rc" -eq 72 ] && [ -n "$runs" ] && [ $clean = yes ] && grep -q 'libFuzzer: run interrupted' "$log"; then
      # Stopped with SIGINT (pkill -INT -f tests/fuzz/fuzz_): libFuzzer prints its counts and
      # exits 72. What ran, ran clean; the campaign stops here and goes on next time.
      result=ok
      interrupted=yes
    elif [ "$rc" -ge 128 ] && [ $clean = yes ]; then
      result=killed  # killed from outside: not a finding, and what it ran is not counted
    else
      result="FAILED(exit $rc)"
    fi
    ( flock 9; printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$commit" "$seed" "${runs:-0}" "$seconds" "$result" "$log" >>"$ledger" ) 9>>"$ledger.lock"
    if [ "$result" = killed ] || [ "${interrupted:-}" = yes ]; then report; exit 1; fi
    if [ "$result" != ok ]; then
      echo "$t: chunk with seed $seed failed, see $log" >&2
      exit 1
    fi
  done
done
report
