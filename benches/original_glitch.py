"""A model of the original's loop for `benches/batch.sh`: glitch-effect written the way
docs/spec.md describes the original (NumPy, vectorised, in RGBA; Pillow to read and write,
PNG at Pillow's default settings), run over files one after another as a Python user of the
original would. It is a model, not the original: every operation is as vectorised as NumPy
allows (a sieve for primes), so it is if anything faster than the original.

    python original_glitch.py OUT_DIR FILE...
"""
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image


def primes_below(n):
    sieve = np.ones(max(n, 2), dtype=bool)
    sieve[:2] = False
    for p in range(2, int(n ** 0.5) + 1):
        if sieve[p]:
            sieve[p * p :: p] = False
    return sieve


def pixel_filter_prime(a, fill):
    h, w, _ = a.shape
    keep = primes_below(h * w)[: h * w].reshape(h, w)
    out = a.copy()
    out[~keep] = fill
    return out


def row_shift(a, rows, s, wrap, fill):
    out = a.copy()
    w = a.shape[1]
    for y in rows:
        if wrap:
            out[y] = np.roll(a[y], s % w, axis=0)
        else:
            out[y] = fill
            if 0 < s < w:
                out[y, s:] = a[y, : w - s]
    return out


def glitch(img):
    a = np.asarray(img.convert("RGBA")).copy()
    a = pixel_filter_prime(a, (255, 0, 0, 128))
    h, w, _ = a.shape
    a = row_shift(a, range(1, h, 2), 5, False, (0, 0, 0, 0))
    # ColumnShift: RowShift on the transposed image (even columns, 3, wrap).
    a = row_shift(a.transpose(1, 0, 2), range(0, w, 2), 3, True, (0, 0, 0, 0)).transpose(1, 0, 2)
    return Image.fromarray(np.ascontiguousarray(a))


def main():
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.time()
    done = 0
    for name in sys.argv[2:]:
        try:
            result = glitch(Image.open(name))
        except Exception:
            continue
        result.save(out_dir / (Path(name).stem + ".png"))
        done += 1
    took = time.time() - start
    print(f"original model: {done} images in {took:.1f} s, {done / took:.3g} images/s")


if __name__ == "__main__":
    main()
