#!/usr/bin/env bash
# Does `pixelpipe profile`'s memory figure agree with the peak RSS that /usr/bin/time -v
# reports for `pixelpipe run` of the same preset and input (no cache, whole images)?
# Goal: within 10% + 20 MB on every preset.
#
#   benches/profile_memory.sh            # a 10 MP synthetic input
#   MP=50 benches/profile_memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MP=${MP:-10}
cargo build --release --quiet
P=$PWD/target/release/pixelpipe
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
size() { python3 -c "import math; h = int(math.sqrt($1 * 1e6 * 2 / 3)); print(f'{h * 3 // 2}x{h}')"; }
"$P" synth visual "$(size "$MP")" -o in.png --channels 3
printf '%-18s %12s %12s %12s %8s\n' preset "time -v" "profile RSS" "heap-based" "within"
for preset in $("$P" presets | awk 'NR % 2 == 1 { print $1 }'); do
  rss=$(/usr/bin/time -f "%M" "$P" run "$preset" -i in.png -o out.png --no-cache --stream never 2>&1 >/dev/null | tail -1)
  "$P" profile "$preset" -i in.png --iterations 1 --json p.json >/dev/null
  python3 - "$preset" "$rss" <<'PY'
import json, sys
preset, rss_kb = sys.argv[1], int(sys.argv[2])
m = json.load(open("p.json"))["memory"]
real = rss_kb * 1024
ok = lambda v: abs(v - real) <= 0.10 * real + 20 * 2**20
mb = lambda v: f"{v / 2**20:.1f} MB"
print(f"{preset:<18} {mb(real):>12} {mb(m['rss_peak']):>12} {mb(m['expected_rss']):>12} {'yes' if ok(m['rss_peak']) and ok(m['expected_rss']) else 'NO':>8}")
PY
done
