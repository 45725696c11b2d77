#!/usr/bin/env bash
# Issue 4 (a): what the step cache costs a cold run, measured on the real CLI.
# Runs `pixelpipe run PRESET` N times with --no-cache and N times with a fresh cache folder,
# in back-to-back pairs whose order is random, and prints both medians and the median of
# the per-pair ratios. Usage (release build first: cargo build --release):
#   benches/cold_run_pairs.sh [N=100] [INPUT=/tmp/in10.png] [PRESET=glitch-effect]
# Make the 10 MP input with: target/release/pixelpipe synth visual 3651x2739 --channels 3 -o /tmp/in10.png
set -euo pipefail
n=${1:-100}; input=${2:-/tmp/in10.png}; preset=${3:-glitch-effect}
bin=${PIXELPIPE:-target/release/pixelpipe}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000)); }
off() { ms "$bin" run "$preset" -i "$input" -o "$work/out.png" --no-cache; }
cold() { rm -rf "$work/cache"; ms "$bin" run "$preset" -i "$input" -o "$work/out.png" --cache-dir "$work/cache"; }
for _ in $(seq "$n"); do
  if ((RANDOM % 2)); then o=$(off); c=$(cold); else c=$(cold); o=$(off); fi
  echo "$o $c"
done > "$work/pairs"
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mo=$(cut -d' ' -f1 "$work/pairs" | median); mc=$(cut -d' ' -f2 "$work/pairs" | median)
mr=$(awk '{print $2 / $1 - 1}' "$work/pairs" | median)
awk -v n="$n" -v mo="$mo" -v mc="$mc" -v mr="$mr" 'BEGIN {
  printf "%d pairs: cache off median %.1f ms, cold cache median %.1f ms (%+.1f%%); median per-pair ratio %+.1f%%\n",
    n, mo / 1000, mc / 1000, (mc / mo - 1) * 100, mr * 100 }'
