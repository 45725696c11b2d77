#!/usr/bin/env bash
# `pixelpipe batch` on a set of mixed images (release build, cache off):
#  1. correctness: N images of 0.3-12 MP (PNG RGB/RGBA/grey/palette and JPEG) plus 3
#     corrupt files and 1 empty one through glitch-effect: exit 1, the 4 bad ones listed,
#     every good output byte for byte what `pixelpipe run` writes for that file;
#  2. interruption: SIGINT half way, then --resume: same outputs, no image done twice;
#  3. throughput: --jobs 1, --jobs 2, and GNU parallel -j2 running one process per image;
#  4. memory: peak RSS of a batch of 12 MP images under --max-memory;
#  5. original: benches/original_glitch.py (a NumPy model of the original, same pixels) over
#     the same files one after another, against batch --jobs 2;
#  6. ray (not in the default parts): `python -m pixelpipe.ray batch` on a local 2-CPU Ray
#     (release wheel) against batch --jobs 2, interleaved, 3 runs each; the outputs compared.
#
#   benches/batch.sh                 # N=200
#   N=40 PARTS="throughput" benches/batch.sh
#   PARTS="ray" benches/batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${N:-200}
PARTS=${PARTS:-"correct resume throughput memory original"}
cargo build --release --quiet
P=$PWD/target/release/pixelpipe
# Pillow makes the greyscale and palette inputs.
venv=$PWD/target/bench-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q "Pillow==11.3.0" numpy
convert_to() { "$venv/bin/python" -c "import sys; from PIL import Image; im = Image.open(sys.argv[1]); (im.convert('L') if sys.argv[3] == 'grey' else im.quantize(200)).save(sys.argv[2])" "$@"; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
mkdir -p set
# Sizes log-uniform over 0.3-12 MP, aspect 4:3 to 16:9, the same every time.
python3 - "$N" > sizes <<'PY'
import math, random, sys
r = random.Random(7)
for i in range(int(sys.argv[1])):
    mp = math.exp(r.uniform(math.log(0.3), math.log(12)))
    aspect = r.uniform(4 / 3, 16 / 9)
    h = int(math.sqrt(mp * 1e6 / aspect)); w = int(h * aspect)
    print(i, f"{w}x{h}")
PY
while read -r i size; do
  case $((i % 10)) in
    0|5) "$P" synth visual "$size" -o "set/img$i.jpg" --channels 3 ;;
    1) "$P" synth visual "$size" -o "tmp.png" --channels 3 && convert_to tmp.png "set/img$i.png" grey ;;
    2) "$P" synth visual "$size" -o "tmp.png" --channels 3 && convert_to tmp.png "set/img$i.png" palette ;;
    3) "$P" synth noise "$size" -o "set/img$i.png" --channels 4 ;;
    *) "$P" synth visual "$size" -o "set/img$i.png" --channels 3 ;;
  esac
done < sizes
rm -f tmp.png
head -c 100000 set/img4.png > set/bad-truncated.png
head -c 5000 /dev/urandom > set/bad-random.png
printf '\xff\xd8\xff\xe0 not really a jpeg' > set/bad-header.jpg
: > set/bad-empty.png
total_mp=$(awk '{ split($2, s, "x"); t += s[1] * s[2] } END { printf "%.0f", t / 1e6 }' sizes)
echo "set: $N good images ($total_mp MP in all) and 4 bad ones"

summary() { python3 -c "import json,sys; s=json.load(open('$1')); print(' '.join(f'{k}={s[k]:.3g}' if isinstance(s[k], float) else f'{k}={s[k]}' for k in sys.argv[1:]))" "${@:2}"; }

if [[ " $PARTS " == *" correct "* ]]; then
  set +e
  "$P" batch glitch-effect -i set -o out --no-cache --jobs 2 --progress none --summary s.json > batch.txt 2> batch.err
  code=$?
  set -e
  echo "exit status $code; $(summary s.json done failed skipped seconds images_per_s megapixels_per_s)"
  grep '^failed:' batch.txt || true
  mkdir -p single
  differ=0
  for f in set/img*; do
    "$P" run glitch-effect -i "$f" -o "single/$(basename "$f")" --no-cache 2>/dev/null
    cmp -s "single/$(basename "$f")" "out/$(basename "$f")" || { differ=$((differ + 1)); echo "differs: $f"; }
  done
  echo "outputs differing from pixelpipe run: $differ of $N"
fi

if [[ " $PARTS " == *" resume "* ]]; then
  rm -rf out2
  "$P" batch glitch-effect -i set -o out2 --no-cache --jobs 2 --progress json > first.jsonl 2>/dev/null &
  pid=$!
  # Half of the uninterrupted batch's time (part 1), else 2 s.
  sleep "${HALF:-$(python3 -c "import json; print(json.load(open('s.json'))['seconds'] / 2)" 2>/dev/null || echo 2)}"
  kill -INT "$pid"
  wait "$pid" || true
  before=$(grep -c '"status":"done"' first.jsonl || true)
  partial=$(find out2 -name '.*' -o -name '*.tmp*' | wc -l)
  set +e
  "$P" batch glitch-effect -i set -o out2 --no-cache --jobs 2 --progress none --resume --summary s2.json > /dev/null 2>&1
  set -e
  echo "interrupted after $before images (temporary files left: $partial); resumed: $(summary s2.json done skipped failed)"
  python3 -c "import json; s=json.load(open('s2.json')); b=$before; print('done once each:', b + s['done'] == $N and s['skipped'] == b)"
  same=0
  for f in out/img*; do cmp -s "$f" "out2/$(basename "$f")" && same=$((same + 1)); done
  echo "outputs the same as the uninterrupted batch: $same of $N"
fi

if [[ " $PARTS " == *" throughput "* ]]; then
  command -v parallel >/dev/null || { apt-get install -y -qq parallel >/dev/null 2>&1 || true; }
  for jobs in 1 2; do
    for run in 1 2 3; do
      rm -rf o; "$P" batch glitch-effect -i 'set/img*' -o o --no-cache --jobs $jobs --progress none --summary t.json > /dev/null 2>&1
      summary t.json jobs seconds images_per_s megapixels_per_s
    done
  done
  if command -v parallel >/dev/null; then
    for run in 1 2 3; do
      rm -rf o; mkdir o
      start=$(date +%s.%N)
      ls set/img* | parallel -j2 "$P" run glitch-effect -i {} -o o/{/} --no-cache 2>/dev/null
      python3 -c "import time; t = time.time() - $start; print(f'parallel -j2: seconds={t:.3g} images_per_s={$N / t:.3g}')"
    done
  fi
fi

if [[ " $PARTS " == *" memory "* ]]; then
  mkdir -p big
  for i in 1 2 3 4 5 6; do "$P" synth visual 4000x3000 -o "big/b$i.png" --channels 3; done
  for budget in 60MB 150MB 2GB; do
    rss=$(/usr/bin/time -f "%M" "$P" batch glitch-effect -i big -o bo --no-cache --progress none --max-memory $budget 2>&1 >/dev/null | tail -1)
    echo "12 MP x 6, --max-memory $budget: peak RSS $((rss / 1024)) MB"
  done
fi

if [[ " $PARTS " == *" original "* ]]; then
  rm -rf o; "$P" batch glitch-effect -i 'set/img*' -o o --no-cache --jobs 2 --progress none --summary t.json > /dev/null 2>&1
  summary t.json jobs seconds images_per_s
  "$venv/bin/python" "$ROOT/benches/original_glitch.py" orig set/img*
  # The original's floor: Pillow reading, converting to RGBA and saving PNG, no operation.
  "$venv/bin/python" - set/img* <<'PY'
import sys, time
from PIL import Image
start = time.time()
for name in sys.argv[1:]:
    Image.open(name).convert("RGBA").save("floor.png")
print(f"Pillow read + RGBA + PNG save alone: {time.time() - start:.1f} s")
PY
fi

if [[ " $PARTS " == *" ray "* ]]; then
  # The package built with optimisations, in the bench venv with Ray.
  "$venv/bin/pip" install -q maturin "ray[data]"
  rm -rf "$ROOT/target/bench-wheels"
  "$venv/bin/maturin" build -q --release -m "$ROOT/python/Cargo.toml" -o "$ROOT/target/bench-wheels"
  "$venv/bin/pip" install -q --force-reinstall --no-deps "$ROOT"/target/bench-wheels/pixelpipe-*.whl
  for run in 1 2 3; do
    rm -rf o; "$P" batch glitch-effect -i 'set/img*' -o o --no-cache --jobs 2 --progress none --summary t.json > /dev/null 2>&1
    echo "batch --jobs 2: $(summary t.json seconds images_per_s megapixels_per_s)"
    for per in "" 1; do
      rm -rf r; start=$(date +%s.%N)
      "$venv/bin/python" -m pixelpipe.ray batch glitch-effect -i 'set/img*' -o r --progress none --summary r.json \
        ${per:+--images-per-task $per} > /dev/null 2>&1
      wall=$(python3 -c "import time; print(f'{time.time() - $start:.3g}')")
      echo "ray${per:+ --images-per-task $per}: $(summary r.json seconds images_per_s megapixels_per_s) wall_with_ray_start=$wall"
    done
  done
  differ=0
  for f in o/*; do cmp -s "$f" "r/$(basename "$f")" || differ=$((differ + 1)); done
  echo "ray outputs differing from batch's: $differ of $N"
fi
