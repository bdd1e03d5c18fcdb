#!/usr/bin/env bash
# Benchmarks core/rating on an Arena-sized data set (1.7 million battles, 130 models) against a
# straightforward Python reference of Chatbot Arena's formulation (numpy + scipy L-BFGS-B) on the
# same file, and prints one table: times, speed-up, largest rating difference.
#   scripts/bench-rating.sh [BUILD_DIR]        (default: build-rating, configured if missing)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-rating}
python=${PYTHON:-/usr/bin/python3} # Debian's, which has python3-numpy and python3-scipy
rounds=100
lock=()
command -v flock >/dev/null && lock=(flock /tmp/majlis-build.lock)

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  "${lock[@]}" cmake -S "$root" -B "$build" -G Ninja -DMAJLIS_BUILD_GUI=OFF >/dev/null
fi
"${lock[@]}" cmake --build "$build" --target bench_rating >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "running Majlis (C++) ..." >&2
"$build/bench/rating/bench_rating" --rounds "$rounds" --file "$work/battles.jsonl" \
  --ratings-out "$work/ours.csv" >"$work/ours.txt"
echo "running the Python reference on the same file ..." >&2
"$python" "$root/bench/rating/arena_reference.py" "$work/battles.jsonl" "$rounds" "$work/reference.csv" >"$work/reference.txt"

"$python" - "$work" <<'PY'
import csv, sys

work = sys.argv[1]

def keys(name):
    return {k: v for k, v in (line.split() for line in open(f"{work}/{name}") if line.strip())}

def ratings(name):
    rows = {}
    with open(f"{work}/{name}", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if name == "ours.csv":
                rows[row["model"]] = (float(row["rating"]), (float(row["ci_upper"]) - float(row["ci_lower"])) / 2)
            else:
                rows[row["model"]] = (float(row["rating"]), float(row["ci_half_width"]))
    return rows

o, r = keys("ours.txt"), keys("reference.txt")
ours, ref = ratings("ours.csv"), ratings("reference.csv")
worst = max(ours, key=lambda m: abs(ours[m][0] - ref[m][0]))
mean_half = lambda rows: sum(h for _, h in rows.values()) / len(rows)
ours_fit = float(o["fit_bootstrap_s"])
ref_fit = float(r["fit_s"]) + float(r["bootstrap_s"])
rows = [
    ("read the battle file", f'{float(o["read_s"]):.2f} s', f'{float(r["read_s"]):.2f} s'),
    (f"fit + {o['bootstrap_rounds']} bootstrap rounds", f"{ours_fit:.2f} s", f"{ref_fit:.2f} s"),
    ("analysis (read + fit + bootstrap)", f'{float(o["analysis_s"]):.2f} s', f'{float(r["total_s"]):.2f} s'),
    ("whole run incl. generating and writing the file", f'{float(o["total_s"]):.2f} s', "-"),
    ("peak RSS", f'{float(o["peak_rss_mb"]):.0f} MB', f'{float(r["peak_rss_mb"]):.0f} MB (main process)'),
    ("unique (a, b, outcome) rows", o["unique_rows"], r["unique_rows"] + " (sides not merged)"),
    ("mean 95% CI half-width", f"{mean_half(ours):.2f}", f"{mean_half(ref):.2f}"),
]
print(f'{o["battles"]} battles, {o["models"]} models, point fit: {o["fit_iterations"]} Newton iterations, '
      f'gradient norm {o["gradient_norm"]}')
print()
w0 = max(len(a) for a, _, _ in rows)
w1 = max(len(b) for _, b, _ in rows + [("", "Majlis (C++)", "")])
print(f'{"":{w0}}  {"Majlis (C++)":>{w1}}  reference (Python)')
for a, b, c in rows:
    print(f"{a:{w0}}  {b:>{w1}}  {c}")
print()
print(f'speed-up (analysis): {float(r["total_s"]) / float(o["analysis_s"]):.1f}x')
print(f"largest rating difference: {abs(ours[worst][0] - ref[worst][0]):.4f} points ({worst})")
PY
