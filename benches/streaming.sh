#!/usr/bin/env bash
# The streaming executor, end to end (release build, PNG in and out, /usr/bin/time):
#  1. same bytes: every preset at 20 MP, streamed (bands) and whole (--stream never);
#  2. peak RSS of glitch-effect over image sizes: whole images (should grow with the pixels)
#     and streamed with --max-memory 512MB (should stay flat).
#
#   benches/streaming.sh            # all of it (needs ~8 GB of memory and of disk)
#   PARTS=bytes benches/streaming.sh
#   PARTS=rss WHOLE="1 10 100" STREAMED="100 1000" benches/streaming.sh   # sizes in MP
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS=${PARTS:-"bytes rss"}
WHOLE=${WHOLE:-"1 10 50 100"}
STREAMED=${STREAMED:-"100 400 1000"}
cargo build --release --quiet
P=$PWD/target/release/pixelpipe
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
# The step cache is on where the runs say so: in a folder of this run, not the user's.
export XDG_CACHE_HOME=$DIR/cache

# WIDTHxHEIGHT of about N megapixels at 8:5.
size() { python3 -c "import math; h = int(math.sqrt($1 * 1e6 * 5 / 8)); print(f'{h * 8 // 5}x{h}')"; }
measure() { /usr/bin/time -f "%e s, %M KB" "$@" 2>&1 >/dev/null | tail -1; }

if [[ " $PARTS " == *" bytes "* ]]; then
  "$P" synth visual "$(size 20)" -o in.png --channels 3
  echo "same bytes at 20 MP ($(size 20)), streamed vs whole:"
  for preset in $("$P" presets | awk 'NR % 2 == 1 { print $1 }'); do
    s=$(measure "$P" run "$preset" -i in.png -o s.png --no-cache --stream always)
    w=$(measure "$P" run "$preset" -i in.png -o w.png --no-cache --stream never)
    # A preset with an unseeded random step draws a new seed every run.
    if "$P" run "$preset" -i in.png --dry-run 2>&1 | grep -q "drew"; then
      printf "  %-18s %-9s (a seed is drawn per run: not comparable)\n" "$preset" "-"
      continue
    fi
    same=$(cmp -s s.png w.png && echo same || echo DIFFERENT)
    printf "  %-18s %-9s streamed %-18s whole %s\n" "$preset" "$same" "$s" "$w"
    [ "$same" = same ] || exit 1
  done
fi

if [[ " $PARTS " == *" rss "* ]]; then
  echo "glitch-effect peak RSS, whole images (--stream never --no-cache):"
  for mp in $WHOLE; do
    "$P" synth gradient "$(size "$mp")" -o in.png --channels 3
    echo "  $mp MP ($(size "$mp")): $(measure "$P" run glitch-effect -i in.png -o out.png --no-cache --stream never)"
  done
  echo "glitch-effect peak RSS, streamed (--max-memory 512MB, cache on):"
  for mp in $STREAMED; do
    "$P" synth gradient "$(size "$mp")" -o in.png --channels 3
    echo "  $mp MP ($(size "$mp")): $(measure "$P" run glitch-effect -i in.png -o out.png --max-memory 512MB)"
  done
fi
