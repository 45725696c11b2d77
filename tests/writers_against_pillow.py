#!/usr/bin/env python3
"""Every format pixelpipe writes, decoded by the original's decoder: Pillow 11.3.0.

Usage: python tests/writers_against_pillow.py [--pixelpipe BIN]   (default target/debug/pixelpipe;
run in the venv that has Pillow 11.3.0, numpy and the `pixelpipe` module)

Images (numpy, fixed seeds), each RGB and RGBA (alpha: ramps, noise and blocks, with 0 and 255;
the 1x1 image has alpha 0, so its colour must survive under full transparency): flat colour,
horizontal + vertical gradients, noise, a screenshot/diagram (flat background, rectangles,
lines), pixel art (a few colours upscaled by nearest) and photo-like (smooth gradients + mild
noise); at 1x1, 17x9 and 300x200, plus a 1500x1000 photo-like image.

1. Lossless formats: `pixelpipe.save(array, f)` for png, tiff, webp, bmp, ppm and pam. Pillow
   opens and loads the file (PAM, which Pillow cannot read, is read by the format's
   specification, `pam_pixels`), normalised as the original tool does (tests/pillow_reference.py),
   and must give the expected pixels: the array
   where the format keeps alpha, its first three channels where it does not. Whether a format
   keeps alpha is read from what `pixelpipe.load` gives back for an RGBA image (and reported).
   Pillow refusing the file, or pixelpipe refusing to write it, is a failure too.
2. JPEG (tests/jpeg_against_pillow.py covers it through the command line and real pipelines;
   here it is the Python module on these images): Pillow's decode of `pixelpipe.save(array,
   "x.jpg")` must equal Pillow's decode of Pillow's own encode of the array's RGB at its
   defaults (quality 75, 4:2:0, baseline), the settings jpeg_against_pillow.py establishes.
3. PNG written band by band: the RGB/RGBA images up to 300x200 are saved to PNG with
   `pixelpipe.save`, then run through an identity pipeline (`apply ChannelSwap mapping={r: r}`)
   with `--stream always --band-rows N` for N = 1, 7, 64 and the full height, and with
   `--stream never`; Pillow must open every output to the input's pixels.

Prints a table (check x image kind -> checked/identical/differing), every failure (file,
format, first differing pixel and both values), and last `writers against Pillow: N passed,
M failed`. Exit status 1 when M > 0.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import io
import pathlib
import subprocess
import sys
import tempfile
import time
import zlib

import numpy as np
import PIL
from PIL import Image

from pillow_reference import pillow_pixels

ROOT = pathlib.Path(__file__).resolve().parent.parent
KINDS = ["flat", "gradient", "noise", "screenshot", "pixelart", "photo"]
SIZES = [(1, 1), (17, 9), (300, 200)]  # (width, height)
BIG = ("photo", (1500, 1000))
LOSSLESS = ["png", "tiff", "webp", "bmp", "ppm", "pam"]
BANDS = ["1", "7", "64", "full", "never"]


# ---------------------------------------------------------------------------------------------
# Images


def rng_for(*key) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def ramp(n: int) -> np.ndarray:
    """0 .. 255 over n samples (0 alone when n == 1)."""
    return np.rint(np.linspace(0.0, 255.0, n)).astype(np.int64) if n > 1 else np.zeros(1, np.int64)


def make_rgb(kind: str, w: int, h: int) -> np.ndarray:
    rng = rng_for(kind, w, h)
    y, x = np.mgrid[0:h, 0:w]
    if kind == "flat":
        img = np.broadcast_to(np.array([37, 142, 201]), (h, w, 3))
    elif kind == "gradient":
        rx, ry = ramp(w)[None, :].repeat(h, 0), ramp(h)[:, None].repeat(w, 1)
        img = np.stack([rx, ry, (rx + ry) // 2 ^ 0x55], axis=-1)
    elif kind == "noise":
        img = rng.integers(0, 256, (h, w, 3))
    elif kind == "screenshot":
        img = np.empty((h, w, 3), np.int64)
        img[:] = (246, 246, 244)
        def rect(x0, y0, x1, y1, colour):
            img[int(y0 * h):max(int(y1 * h), int(y0 * h) + 1), int(x0 * w):max(int(x1 * w), int(x0 * w) + 1)] = colour
        rect(0, 0, 1, 0.08, (52, 58, 70))          # title bar
        rect(0, 0.08, 0.2, 1, (228, 232, 238))     # sidebar
        rect(0.3, 0.2, 0.6, 0.45, (66, 133, 244))  # boxes of a diagram
        rect(0.65, 0.55, 0.95, 0.85, (219, 68, 55))
        rect(0.32, 0.6, 0.5, 0.7, (15, 157, 88))
        img[::max(h // 6, 2), :] = (200, 200, 200)  # grid lines
        img[:, ::max(w // 8, 2)] = (200, 200, 200)
        d = np.arange(min(h, w))                    # a diagonal connector
        img[d, (d * w) // max(h, 1) % w] = (0, 0, 0)
    elif kind == "pixelart":
        palette = np.array([[20, 12, 28], [68, 36, 52], [89, 125, 206], [214, 125, 44], [222, 238, 214]])
        cells = rng.integers(0, len(palette), ((h + 7) // 8, (w + 7) // 8))
        img = palette[cells.repeat(8, 0).repeat(8, 1)[:h, :w]]
    elif kind == "photo":
        fx, fy = x / max(w, 1), y / max(h, 1)
        r = 120 + 90 * np.sin(2.1 * fx + 0.7) * np.cos(1.3 * fy)
        g = 110 + 80 * np.cos(1.7 * fx - 2.2 * fy + 0.4)
        b = 90 + 70 * np.sin(3.0 * fy + 1.1) + 30 * fx
        img = np.stack([r, g, b], axis=-1) + rng.normal(0, 3.0, (h, w, 3))
    else:
        raise ValueError(kind)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def make_alpha(kind: str, w: int, h: int) -> np.ndarray:
    """Rows cycle through a ramp (0 .. 255), noise, 255 - ramp, all 0 and all 255; 1x1 is 0."""
    rng = rng_for("alpha", kind, w, h)
    r = ramp(w)
    rows = [r, rng.integers(0, 256, w), 255 - r, np.zeros(w, np.int64), np.full(w, 255)]
    a = np.stack([rows[i % len(rows)] for i in range(h)])
    if h >= 2 and w >= 2:  # a fully transparent block and an opaque one, whatever the row cycle
        a[: h // 2, : w // 2][-1, -1] = 0
        a[h // 2:, w // 2:][0, 0] = 255
    return a.astype(np.uint8)


def make_images():
    """name -> (kind, array). Names like photo_300x200_rgba."""
    images = {}
    for kind in KINDS:
        for w, h in SIZES:
            rgb = make_rgb(kind, w, h)
            images[f"{kind}_{w}x{h}_rgb"] = (kind, rgb)
            images[f"{kind}_{w}x{h}_rgba"] = (kind, np.dstack([rgb, make_alpha(kind, w, h)]))
    kind, (w, h) = BIG
    rgb = make_rgb(kind, w, h)
    images[f"{kind}_{w}x{h}_rgb"] = (kind, rgb)
    images[f"{kind}_{w}x{h}_rgba"] = (kind, np.dstack([rgb, make_alpha(kind, w, h)]))
    return images


# ---------------------------------------------------------------------------------------------
# Pillow side


def pam_pixels(path: pathlib.Path) -> tuple[str, np.ndarray]:
    """A PAM file (Netpbm's P7) read by its specification: Pillow 11.3 has no reader for it
    (its PPM plugin takes P1-P6 only), so here the reference is the format's definition: a
    header of `NAME value` lines up to ENDHDR, then rows of DEPTH samples of one byte."""
    data = path.read_bytes()
    end = data.index(b"ENDHDR\n") + len(b"ENDHDR\n")
    lines = data[:end].decode("ascii").split("\n")
    if lines[0] != "P7":
        raise ValueError(f"not a PAM file: {lines[0]!r}")
    fields = dict(line.split(" ", 1) for line in lines[1:-2] if line and not line.startswith("#"))
    w, h, depth = int(fields["WIDTH"]), int(fields["HEIGHT"]), int(fields["DEPTH"])
    if fields["MAXVAL"] != "255" or depth not in (3, 4):
        raise ValueError(f"unexpected PAM header {fields}")
    expected_type = {3: "RGB", 4: "RGB_ALPHA"}[depth]
    if fields.get("TUPLTYPE") != expected_type:
        raise ValueError(f"TUPLTYPE {fields.get('TUPLTYPE')!r} for depth {depth}")
    body = data[end:]
    if len(body) != w * h * depth:
        raise ValueError(f"{len(body)} bytes of samples for {w}x{h}x{depth}")
    return expected_type, np.frombuffer(body, np.uint8).reshape(h, w, depth)


def short(e: BaseException) -> str:
    return f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"


def difference(got: np.ndarray, want: np.ndarray, mode: str) -> str | None:
    """None when identical, else what differs."""
    if got.shape != want.shape:
        return f"Pillow gives shape {got.shape} (mode {mode}), expected {want.shape}"
    if np.array_equal(got, want):
        return None
    bad = np.any(got != want, axis=-1)
    y, x = (int(v) for v in np.argwhere(bad)[0])
    largest = int(np.abs(got.astype(np.int16) - want.astype(np.int16)).max())
    return (f"first differing pixel (x={x}, y={y}): Pillow {tuple(int(v) for v in got[y, x])}, "
            f"expected {tuple(int(v) for v in want[y, x])}; {int(bad.sum())} of {bad.size} pixels "
            f"differ, largest difference {largest} (Pillow mode {mode})")


# ---------------------------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.cells = collections.defaultdict(lambda: [0, 0])  # (check, kind) -> [checked, identical]
        self.failures = collections.defaultdict(list)  # check -> [(file, detail)]

    def add(self, check: str, kind: str, file: str, detail: str | None):
        cell = self.cells[check, kind]
        cell[0] += 1
        if detail is None:
            cell[1] += 1
        else:
            self.failures[check].append((file, detail))

    def counts(self):
        checked = sum(c for c, _ in self.cells.values())
        passed = sum(i for _, i in self.cells.values())
        return passed, checked - passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pixelpipe", default=str(ROOT / "target/debug/pixelpipe"), help="the binary (streamed PNG runs)")
    args = parser.parse_args()
    assert PIL.__version__ == "11.3.0", PIL.__version__
    binary = pathlib.Path(args.pixelpipe).resolve()
    if not binary.is_file():
        sys.exit(f"no pixelpipe binary at {binary} (give --pixelpipe)")
    try:
        import pixelpipe
    except ImportError as e:
        sys.exit(f"the pixelpipe module is not importable in {sys.executable}: {e}")

    started = time.monotonic()
    images = make_images()
    results = Results()
    alpha_loaded = collections.defaultdict(set)  # format -> channel counts pixelpipe loads for RGBA input
    own_round_trip = []  # pixelpipe.load differing from what was written (a note, not a Pillow check)

    with tempfile.TemporaryDirectory(prefix="writers-against-pillow-") as tmp:
        work = pathlib.Path(tmp)

        # 1 + 2: each format through the Python module.
        for name, (kind, array) in images.items():
            for fmt in LOSSLESS + ["jpg"]:
                check = fmt if fmt != "jpg" else "jpg (vs Pillow's q75)"
                path = work / f"{name}.{fmt}"
                try:
                    pixelpipe.save(array, str(path))
                except Exception as e:
                    results.add(check, kind, path.name, f"pixelpipe.save raised {short(e)}")
                    continue
                try:
                    back = pixelpipe.load(str(path))
                except Exception as e:
                    back = None
                    own_round_trip.append(f"{path.name}: pixelpipe.load raised {short(e)}")
                if fmt == "jpg":
                    buffer = io.BytesIO()
                    Image.fromarray(np.ascontiguousarray(array[..., :3])).save(buffer, "JPEG", quality=75)
                    _, want = pillow_pixels(io.BytesIO(buffer.getvalue()))
                else:
                    if array.shape[2] == 4 and back is not None:
                        alpha_loaded[fmt].add(back.shape[2])
                    keeps = back.shape[2] == 4 if back is not None else fmt != "ppm"
                    want = array if keeps else array[..., :3]
                    if back is not None and (back.shape != want.shape or not np.array_equal(back, want)):
                        own_round_trip.append(f"{path.name}: pixelpipe.load gives {back.shape}, not the pixels written")
                try:
                    mode, got = pam_pixels(path) if fmt == "pam" else pillow_pixels(path)
                except Exception as e:
                    head = path.read_bytes()[:24]
                    results.add(check, kind, path.name, f"Pillow refuses it: {short(e)} (file starts {head!r})")
                    continue
                results.add(check, kind, path.name, difference(got, want, mode))

        # 3: PNG band by band through the command line (small and medium images only).
        def run(name: str, kind: str, array: np.ndarray, band: str):
            source = work / f"{name}.png"
            out = work / f"{name}.stream-{band}.png"
            stream = ["--stream", "never"] if band == "never" else [
                "--stream", "always", "--band-rows", str(array.shape[0] if band == "full" else band)]
            proc = subprocess.run(
                [str(binary), "apply", "ChannelSwap", "mapping={r: r}", "-i", str(source), "-o", str(out),
                 *stream, "--no-cache"], capture_output=True, text=True)
            if proc.returncode != 0:
                return kind, out.name, f"pixelpipe exited {proc.returncode}: {' '.join(proc.stderr.split())[:300]}"
            try:
                mode, got = pillow_pixels(out)
            except Exception as e:
                return kind, out.name, f"Pillow refuses it: {short(e)}"
            return kind, out.name, difference(got, array, mode)

        jobs = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for name, (kind, array) in images.items():
                if array.shape[0] * array.shape[1] > 300 * 200:
                    continue
                if not (work / f"{name}.png").is_file():
                    for band in BANDS:
                        results.add(f"png stream {band}", kind, f"{name}.png", "no input: pixelpipe.save failed")
                    continue
                for band in BANDS:
                    jobs.append((band, pool.submit(run, name, kind, array, band)))
            for band, job in jobs:
                results.add(f"png stream {band}", *job.result())

    # Report.
    checks = [*LOSSLESS, "jpg (vs Pillow's q75)", *(f"png stream {b}" for b in BANDS)]
    width = max(len(c) for c in checks)
    print("checked/identical/differing; png stream N: --stream always --band-rows N "
          "(full: the image's height), never: --stream never; images up to 300x200 there")
    print(f"{'':{width}}  " + "  ".join(f"{k:>10}" for k in KINDS) + f"  {'total':>11}")
    for check in checks:
        row, total = [], [0, 0]
        for kind in KINDS:
            c, i = results.cells.get((check, kind), (0, 0))
            total[0] += c
            total[1] += i
            row.append(f"{c}/{i}/{c - i}".rjust(10))
        print(f"{check:{width}}  " + "  ".join(row) + f"  {f'{total[0]}/{total[1]}/{total[0] - total[1]}':>11}")
    print()
    kept = ", ".join(f"{f} {'keeps' if s == {4} else 'drops' if s == {3} else 'mixed ' + str(sorted(s))}"
                     for f, s in sorted(alpha_loaded.items()))
    print(f"alpha, as pixelpipe.load reads RGBA written by pixelpipe.save: {kept} (jpg drops it)")
    for note in own_round_trip[:10]:
        print(f"note: {note}")
    if len(own_round_trip) > 10:
        print(f"note: ... and {len(own_round_trip) - 10} more pixelpipe round-trip notes")
    for check in checks:
        failures = results.failures.get(check, [])
        for file, detail in failures[:6]:
            print(f"FAILED [{check}] {file}: {detail}")
        if len(failures) > 6:
            print(f"FAILED [{check}] ... and {len(failures) - 6} more")
    print(f"({time.monotonic() - started:.1f} s)")
    passed, failed = results.counts()
    print(f"writers against Pillow: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
