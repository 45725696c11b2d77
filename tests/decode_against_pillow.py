#!/usr/bin/env python3
"""Decoding against the original: every file of a decode corpus, by Pillow 11.3 and by pixelpipe.

Usage: python tests/decode_against_pillow.py CORPUS_DIR [--rows] [--self-check] [--modes]
                                             [--only TEXT] [--verbose]

CORPUS_DIR holds manifest.json (tests/corpus/make_corpus.py writes both). For each entry:
- reference: Pillow's defaults (no LOAD_TRUNCATED_IMAGES, the default decompression-bomb
  limit): Image.open + load, then the original tool's normalisation: mode "L" -> RGB, "RGB" and
  "RGBA" as they are, any other mode (P, LA, 1, I, I;16, CMYK, PA, F, ...) -> RGBA. Any
  exception on the way (open, load or convert) means Pillow refuses the file.
- pixelpipe: `pixelpipe.load(path)` (an (H, W, 3|4) uint8 array, or an exception: refusal);
  with --rows also `pixelpipe._load_rows(path, band_rows)` for band_rows 1, 7 and 64 (the
  streamed row path; None when the format has none: skipped).
- compared: shape, then bytes. Each file is one of: identical, refused by both, refused by
  pixelpipe only, refused by Pillow only, different pixels (first differing pixel, both
  values, count of differing bytes, largest difference), or crashed (a panic or a
  BaseException out of pixelpipe). A file passes when identical or refused by both, on
  every path checked.

Prints a table per format x variant, a total, then every failing file with its detail; the
last line is `decode corpus: N passed, M failed`. Exit status 1 on any failure, except in the
variants tests/corpus/known_differences.txt lists, each with the reason it differs (they are
reported apart; one that passes again is noted, to be taken off the list).

--self-check swaps pixelpipe for Pillow itself (so does PIXELPIPE_DECODER=pillow), to test
this script without the module: everything must come out identical or refused by both.
--modes adds the table of the modes Pillow opens each variant in (before normalisation).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import sys
import time

import numpy as np
from PIL import Image

from pillow_reference import pillow_pixels

ORDER = ["png", "jpeg", "gif", "tiff", "bmp", "webp", "pnm", "tga"]
COLUMNS = ["identical", "refused-both", "pp-refused", "pil-refused", "different", "crashed"]
OK = {"identical", "refused-both"}
BANDS = (1, 7, 64)


def short(e: BaseException) -> str:
    msg = " ".join(str(e).split())
    return f"{type(e).__name__}: {msg[:160]}"


class SelfCheck:
    """Pillow standing in for pixelpipe; its row path exists for PNG/PNM/BMP only."""

    @staticmethod
    def load(path):
        return pillow_pixels(path)[1]

    @staticmethod
    def _load_rows(path, band_rows):
        if pathlib.Path(path).parent.name not in ("png", "pnm", "bmp"):
            return None
        full = pillow_pixels(path)[1]
        return np.concatenate([full[y : y + band_rows] for y in range(0, len(full), band_rows)] or [full])


def decoder(self_check: bool):
    if self_check or os.environ.get("PIXELPIPE_DECODER") == "pillow":
        return SelfCheck, "Pillow (self-check)"
    import pixelpipe

    return pixelpipe, f"pixelpipe ({pixelpipe.__file__})"


def compare(ref: np.ndarray, got) -> str | None:
    """None when identical, else what differs."""
    got = np.asarray(got)
    if got.dtype != np.uint8 or got.shape != ref.shape:
        return f"shape {got.dtype}{list(got.shape)} vs Pillow uint8{list(ref.shape)}"
    if np.array_equal(ref, got):
        return None
    diff = ref != got
    first = int(np.argmax(diff.reshape(ref.shape[0] * ref.shape[1], -1).any(1)))
    y, x = divmod(first, ref.shape[1])
    worst = int(np.abs(ref.astype(np.int16) - got.astype(np.int16)).max())
    return (f"{int(diff.sum())} bytes differ (max |diff| {worst}); first at (x={x}, y={y}): "
            f"pixelpipe {got[y, x].tolist()} vs Pillow {ref[y, x].tolist()}")


def check(ref, ref_err, call) -> tuple[str, str]:
    """(category, detail) of one pixelpipe path against the reference."""
    try:
        got = call()
    except Exception as e:  # noqa: BLE001 - a refusal, whatever its class
        if ref_err is not None:
            return "refused-both", f"Pillow {ref_err}; pixelpipe {short(e)}"
        return "pp-refused", f"pixelpipe {short(e)}"
    except BaseException as e:  # noqa: BLE001 - pyo3's PanicException is a BaseException
        if isinstance(e, KeyboardInterrupt):
            raise
        return "crashed", f"pixelpipe {short(e)}"
    if got is None:
        return "skipped", ""
    if ref_err is not None:
        return "pil-refused", f"Pillow {ref_err}; pixelpipe gave {np.asarray(got).shape}"
    detail = compare(ref, got)
    return ("identical", "") if detail is None else ("different", detail)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=pathlib.Path)
    ap.add_argument("--rows", action="store_true", help="also check pixelpipe._load_rows (bands of 1, 7, 64 rows)")
    ap.add_argument("--self-check", action="store_true", help="use Pillow as the pixelpipe side (tests this script)")
    ap.add_argument("--modes", action="store_true", help="print the modes Pillow opens each variant in")
    ap.add_argument("--only", metavar="TEXT", help="only entries whose file, format or variant contains TEXT")
    ap.add_argument("--verbose", action="store_true", help="list every file, with refusal messages")
    ap.add_argument("--known", type=pathlib.Path, default=KNOWN,
                    help="variants whose differences are known, each with its reason (default %(default)s)")
    args = ap.parse_args()
    known = read_known(args.known)
    entries = json.loads((args.corpus / "manifest.json").read_text())
    if args.only:
        entries = [e for e in entries if any(args.only in e[k] for k in ("file", "format", "variant"))]
    pp, name = decoder(args.self_check)
    if args.rows and not hasattr(pp, "_load_rows"):
        print("error: --rows needs pixelpipe._load_rows", file=sys.stderr)
        return 2
    print(f"decoding {len(entries)} files with Pillow {Image.__version__} and {name}")
    t0 = time.monotonic()
    results = []
    for e in entries:
        path = str(args.corpus / e["file"])
        ref, ref_err, mode = None, None, "refused"
        try:
            mode, ref = pillow_pixels(path)
        except Exception as exc:  # noqa: BLE001 - Pillow refuses the file
            ref_err = short(exc)
        paths = [("load", lambda: pp.load(path))]
        if args.rows:
            paths += [(f"rows={b}", lambda b=b: pp._load_rows(path, b)) for b in BANDS]
        outcome, rows_checked = None, 0
        for label, call in paths:
            cat, detail = check(ref, ref_err, call)
            if cat == "skipped":
                continue
            rows_checked += label != "load"
            if outcome is None or (outcome[0] in OK and cat not in OK):
                outcome = (cat, f"[{label}] {detail}" if detail else "")
        results.append({**e, "mode": mode, "category": outcome[0], "detail": outcome[1], "rows": rows_checked})
        ref = None
    elapsed = time.monotonic() - t0

    groups = collections.defaultdict(collections.Counter)
    for r in results:
        groups[(r["format"], r["variant"])][r["category"]] += 1
    fkey = lambda k: (ORDER.index(k[0]) if k[0] in ORDER else len(ORDER), k)  # noqa: E731
    width = max([len(f"{f} {v}") for f, v in groups] + [10])
    head = f"{'format variant':<{width}} {'files':>5} " + " ".join(f"{c:>12}" for c in COLUMNS)
    print(head)
    print("-" * len(head))
    total = collections.Counter()
    for key in sorted(groups, key=fkey):
        cnt = groups[key]
        total.update(cnt)
        print(f"{key[0] + ' ' + key[1]:<{width}} {sum(cnt.values()):>5} " + " ".join(f"{cnt[c]:>12}" for c in COLUMNS))
    print("-" * len(head))
    print(f"{'total':<{width}} {sum(total.values()):>5} " + " ".join(f"{total[c]:>12}" for c in COLUMNS))
    if args.rows:
        print(f"row path checked on {sum(r['rows'] > 0 for r in results)} files")

    if args.modes:
        modes = collections.defaultdict(collections.Counter)
        for r in results:
            modes[(r["format"], r["variant"])][r["mode"]] += 1
        print("\nPillow modes (before normalisation) per format x variant:")
        for key in sorted(modes, key=fkey):
            print(f"  {key[0] + ' ' + key[1]:<{width}} " + ", ".join(f"{m}" + (f" x{n}" if len(modes[key]) > 1 else "")
                                                              for m, n in modes[key].most_common()))
    def known_reason(r):
        return known.get(f"{r['format']} {r['variant']}")

    differing = [r for r in results if r["category"] not in OK]
    expected = [r for r in differing if known_reason(r)]
    failed = [r for r in differing if not known_reason(r)]
    if expected:
        print(f"\nknown differences ({len(expected)} files; {args.known.name} gives each variant's reason):")
        for variant, reason in known.items():
            files = [r for r in expected if f"{r['format']} {r['variant']}" == variant]
            if files:
                print(f"  {variant} ({len(files)}): {reason}")
                if args.verbose:
                    for r in files:
                        print(f"      {r['category']:<12} {r['file']} {r['detail']}")
    listed = {f"{r['format']} {r['variant']}" for r in results}
    stale = [v for v in known if v in listed and not any(f"{r['format']} {r['variant']}" == v for r in expected)]
    for v in stale:
        print(f"note: `{v}` now passes: take it out of {args.known.name}")
    shown = results if args.verbose else failed
    if shown:
        print("\nfailures:" if not args.verbose else "\nall files:")
        for r in shown:
            print(f"  {r['category']:<12} {r['file']} [{r['writer']}; Pillow mode {r['mode']}] {r['detail']}")
    passed = len(results) - len(differing)
    print(f"({elapsed:.1f}s)")
    print(f"{len(expected)} known differences")
    print(f"decode corpus: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


KNOWN = pathlib.Path(__file__).resolve().parent / "corpus" / "known_differences.txt"


def read_known(path: pathlib.Path) -> dict[str, str]:
    """`format variant: reason` lines (# comments); a variant named there may differ."""
    known = {}
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                variant, _, reason = line.partition(": ")
                known[variant.strip()] = reason.strip()
    return known


if __name__ == "__main__":
    sys.exit(main())
