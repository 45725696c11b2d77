#!/usr/bin/env bash
# pixelpipe against libvips, whole process PNG -> PNG on one 50-megapixel RGBA image
# (8660x5774, `pixelpipe synth visual`): the time and peak RSS (/usr/bin/time) of each
# command, median of RUNS runs, run alternately. Default settings of both, except
# `[compression=1]` on vips's output (its default level 6 is about 10x slower).
#
#   benches/vs_vips.sh                # needs `vips` (apt-get install libvips-tools)
#   RUNS=5 SIZE=8660x5774 benches/vs_vips.sh
#   EXTRA="--stream never" benches/vs_vips.sh   # pixelpipe's whole-image mode
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZE=${SIZE:-8660x5774}
EXTRA=${EXTRA:-}
W=${SIZE%x*}
H=${SIZE#*x}
command -v vips >/dev/null || { echo "vips is missing: apt-get install libvips-tools" >&2; exit 1; }
cargo build --release --quiet
P=$PWD/target/release/pixelpipe
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
"$P" synth visual "$SIZE" -o in.png --channels 4

# Rectangles of the same size as pixelpipe's: a 1:1 centre crop and 16:9 solid padding.
CROP_LEFT=$(((W - H) / 2))
PAD_W=$(python3 -c "print(int($H * 1.7778))")
PAD_LEFT=$(((PAD_W - W) / 2))
STRETCH=$(python3 -c "print(int($H * 1.7778) / $W)")

names=("RowShift all+wrap" "AspectCrop center" "AspectPad solid" "PixelMath red" "AspectStretch simple" "ColumnMirror full")
ours=(
  "apply RowShift selection=all shift_amount=100 wrap=true"
  "apply AspectCrop target_ratio=1:1 anchor=center"
  "apply AspectPad target_ratio=16:9 pad_mode=solid"
  "apply PixelMath expression=r*1.1+20 affect_green=false affect_blue=false"
  "apply AspectStretch target_ratio=16:9 method=simple"
  "apply ColumnMirror mode=full"
)
theirs=(
  "wrap in.png v.png[compression=1] --x 100 --y 0"
  "extract_area in.png v.png[compression=1] $CROP_LEFT 0 $H $H"
  "embed in.png v.png[compression=1] $PAD_LEFT 0 $PAD_W $H --extend background --background 0,0,0,255"
  "linear in.png v.png[compression=1] 1.1,1,1,1 20,0,0,0 --uchar"
  "resize in.png v.png[compression=1] $STRETCH --vscale 1 --kernel lanczos3"
  "flip in.png v.png[compression=1] horizontal"
)

# "seconds KB" of one command.
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "$SIZE RGBA, median of $RUNS runs; pixelpipe $EXTRA"
printf "| %-22s | %12s | %12s | %8s | %14s | %14s |\n" operation "pixelpipe s" "vips s" "vips/pp" "pixelpipe MB" "vips MB"
printf "|%s|%s|%s|%s|%s|%s|\n" "------------------------" "--------------" "--------------" "----------" "----------------" "----------------"
for i in "${!names[@]}"; do
  : >ours.txt
  : >theirs.txt
  for _ in $(seq "$RUNS"); do
    # shellcheck disable=SC2086
    measure "$P" ${ours[$i]} -i in.png -o p.png --no-cache $EXTRA >>ours.txt
    # shellcheck disable=SC2086
    measure vips ${theirs[$i]} >>theirs.txt
  done
  pt=$(cut -d' ' -f1 ours.txt | median)
  vt=$(cut -d' ' -f1 theirs.txt | median)
  pm=$(cut -d' ' -f2 ours.txt | median)
  vm=$(cut -d' ' -f2 theirs.txt | median)
  printf "| %-22s | %12s | %12s | %8.2f | %14.1f | %14.1f |\n" "${names[$i]}" "$pt" "$vt" \
    "$(python3 -c "print($vt / max($pt, 0.001))")" "$(python3 -c "print($pm / 1024)")" "$(python3 -c "print($vm / 1024)")"
done
