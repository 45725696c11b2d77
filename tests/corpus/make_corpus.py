#!/usr/bin/env python3
"""Decode corpus: image files that pixelpipe must decode exactly as Pillow 11.3 does.

Usage: python tests/corpus/make_corpus.py OUTDIR [--pixelpipe BIN] [--vips BIN] [--quick]

Writes >= 500 files (Pillow + the hand-made encoders below alone; --quick drops only the few
large files) into OUTDIR/<format>/ and OUTDIR/manifest.json: a list of {"file", "format",
"variant", "writer"}, where writer is "pillow", "handmade", "damaged", "pixelpipe", or a
library driven through the vips CLI ("libpng(vips)", "libjpeg(vips)", "libtiff(vips)", ...).
Everything is deterministic: each image's content is seeded by its kind and size.
tests/decode_against_pillow.py decodes the corpus with Pillow and with pixelpipe and compares.

Content kinds: flat, horizontal/vertical/diagonal gradients (8- and 16-bit), stripes,
checkerboard, noise, diagram (rectangles, lines, text in Pillow's default font), pixel art
(few colours, nearest-upscaled) and photo-like (gradients + noise + Gaussian blur); most
images 1x1 .. 300x200, a few large ones (2000x2000, 8000x8000, 10000x100, ...).

Coverage:
- PNG, hand-made encoder (full control): every colour type x bit depth, Adam7, filters 0..4 /
  mixed / random / adaptive, zlib levels 0..9 and strategies, IDAT split in 1 B, 7 B, 64 KiB,
  1 MiB pieces or whole or with empty IDATs, tRNS for grey/RGB/palette, ancillary chunks
  (iCCP gAMA cHRM sRGB sBIT pHYs tIME bKGD tEXt zTXt iTXt eXIf, private) before/after IDAT;
  Pillow's writer (modes 1 L LA P I;16 I RGB RGBA, transparency, optimize, levels, APNG);
  libpng through vips; pixelpipe's own `synth` output (the gradient decoder-bug reproducers).
- JPEG (Pillow/libjpeg-turbo): baseline, progressive, optimized, restart markers,
  4:4:4/4:2:2/4:2:0, 4:4:0 and 4:1:1 (Pillow cannot write these: a Pillow 4:2:2 / 4:2:0 file
  with its SOF sampling factors patched, the blocks pre-arranged so the picture stays sane),
  greyscale, CMYK (Adobe, inverted) with and without APP14, keep_rgb, EXIF (orientation 6,
  not applied by Image.open), ICC (one and several APP2), comments, custom qtables,
  qualities 1..100, odd sizes.
- GIF: Pillow (2..256 colours, grey palette -> "L", transparency, interlace on/off, animated)
  and a hand-made encoder (LZW with table resets, global/local/no palette, GIF87a, interlace,
  first frame smaller than the screen at an offset, disposal methods, index past the palette).
- TIFF: Pillow (raw, LZW, Adobe deflate, packbits, JPEG, CCITT G3/G4; strips of 1/7/16 rows;
  modes 1 L LA P RGB RGBA CMYK I;16 I F; multi-page) and hand-made (tiles incl. partial edge
  tiles, horizontal predictor, 16-bit RGB little/big endian, planar, min-is-white, 2/4-bit,
  associated vs unassociated alpha); vips tiled/pyramid/zstd/webp TIFFs.
- BMP: Pillow (1 L P RGB RGBA) and hand-made (1/4/8-bit palettes: grey identity -> "L", grey
  ramp, colour, short palettes; 16-bit 555 plain, BITFIELDS 565/555/unsupported 444; 24;
  32 plain, BITFIELDS with/without alpha, ALPHABITFIELDS; RLE8/RLE4 with deltas and early
  end; top-down; OS/2 core, V4, V5 headers; 1x1 files).
- WebP (Pillow): lossy, lossless, alpha, exact, animated.
- PNM: Pillow P4/P5/P6/16-bit P5, hand-made P1/P2/P3 (odd maxvals), 16-bit P5/P6 with maxval
  65535 and 1000, P7 (PAM) and Pf (float) which Pillow may refuse.
- TGA: Pillow L/LA/P/RGB/RGBA, RLE, both orientations; hand-made 16-bit.
- damaged (writer "damaged"): empty, truncated PNG/JPEG/GIF/BMP/TIFF/WebP/PNM at several
  points, bad CRCs, bad Adler-32, garbage, missing IEND, invalid headers, a decompression bomb.
"""

from __future__ import annotations

import argparse
import binascii
import functools
import io
import json
import math
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import warnings
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# ----------------------------------------------------------------------------------- content

KINDS = ["flat", "hgrad", "vgrad", "dgrad", "stripes", "checker", "noise", "diagram", "pixelart", "photo"]
TINY = [(1, 1), (2, 3), (7, 5), (3, 1), (1, 7), (5, 2)]
MID = [(17, 9), (33, 31), (13, 21), (9, 17), (16, 16), (40, 3)]
BIG = [(64, 48), (127, 64), (300, 200), (200, 300), (100, 75)]


def seed_of(*parts) -> int:
    return zlib.crc32(repr(parts).encode())


def frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@functools.lru_cache(maxsize=None)
def rgb(kind: str, w: int, h: int) -> np.ndarray:
    """(h, w, 3) uint8 content of the given kind."""
    rng = np.random.default_rng(seed_of(kind, w, h))
    x, y = np.arange(w, dtype=np.float32)[None, :], np.arange(h, dtype=np.float32)[:, None]
    fx, fy = x / max(w - 1, 1), y / max(h - 1, 1)  # broadcast: 1-D work for 1-D gradients
    if kind == "flat":
        a = rng.integers(0, 256, (1, 1, 3))
    elif kind == "hgrad":
        a = np.stack([fx * 255, (1 - fx) * 255, fx * 128 + 64], -1)
    elif kind == "vgrad":
        a = np.stack([fy * 255, fy * 200 + 20, (1 - fy) * 255], -1)
    elif kind == "dgrad":
        t = (fx + fy) / 2
        a = np.stack([t * 255, (1 - t) * 255, np.abs(fx - fy) * 255], -1)
    elif kind in ("stripes", "checker"):
        k = int(rng.integers(1, 6))
        on = ((x + y) // k) % 2 if kind == "stripes" else (x // k + y // k) % 2
        c0, c1 = rng.integers(0, 256, (2, 3))
        a = np.where(on[..., None] > 0, c1, c0)
    elif kind == "noise":
        a = rng.integers(0, 256, (h, w, 3))
    elif kind == "diagram":
        im = Image.new("RGB", (w, h), (245, 245, 240))
        d = ImageDraw.Draw(im)
        for _ in range(4):
            x0, x1 = sorted(rng.integers(0, w, 2))
            y0, y1 = sorted(rng.integers(0, h, 2))
            d.rectangle((x0, y0, x1, y1), fill=tuple(rng.integers(0, 256, 3).tolist()), outline=(0, 0, 0))
        d.line((0, 0, w - 1, h - 1), fill=(200, 0, 0))
        d.line((0, h - 1, w - 1, 0), fill=(0, 0, 200), width=2)
        d.text((2, 1), "pixelpipe 0123", fill=(0, 0, 0))
        a = np.asarray(im)
    elif kind == "pixelart":
        s = int(rng.integers(1, 5))
        pal = rng.integers(0, 256, (int(rng.integers(2, 7)), 3))
        small = rng.integers(0, len(pal), (-(-h // s), -(-w // s)))
        a = pal[small].repeat(s, 0).repeat(s, 1)[:h, :w]
    elif kind == "photo":
        low = rng.normal(0, 40, (max(h // 16, 1) + 1, max(w // 16, 1) + 1, 3))
        blobs = np.asarray(Image.fromarray(np.uint8(np.clip(low + 128, 0, 255))).resize((w, h), Image.BILINEAR))
        a = np.stack(np.broadcast_arrays(fx * 180 + 40, fy * 150 + 60, (1 - fx) * 120 + 70), -1) + blobs - 128
        a = np.clip(a + rng.normal(0, 12, (h, w, 3)), 0, 255)
        a = np.asarray(Image.fromarray(np.uint8(a)).filter(ImageFilter.GaussianBlur(1.5)))
    else:
        raise ValueError(kind)
    a = np.clip(np.rint(a), 0, 255).astype(np.uint8)
    return frozen(np.ascontiguousarray(np.broadcast_to(a, (h, w, 3))))


@functools.lru_cache(maxsize=None)
def rgb16(kind: str, w: int, h: int) -> np.ndarray:
    """(h, w, 3) uint16: true 16-bit gradients; otherwise the 8-bit content as the high byte and
    seeded noise in the low byte (truncating vs rounding decoders then disagree)."""
    if kind.endswith("grad"):
        fx, fy = np.linspace(0, 1, w)[None, :], np.linspace(0, 1, h)[:, None]
        t = {"hgrad": fx, "vgrad": fy, "dgrad": (fx + fy) / 2}[kind]
        a = np.rint(np.stack([t, 1 - t, (t * 7) % 1], -1) * 65535).astype(np.uint16)
        return frozen(np.ascontiguousarray(np.broadcast_to(a, (h, w, 3))))
    low = np.random.default_rng(seed_of("low", kind, w, h)).integers(0, 256, (h, w, 3))
    return frozen((rgb(kind, w, h).astype(np.uint16) << 8) | low.astype(np.uint16))


@functools.lru_cache(maxsize=None)
def lum(kind: str, w: int, h: int) -> np.ndarray:
    return frozen(np.asarray(Image.fromarray(rgb(kind, w, h)).convert("L")))


@functools.lru_cache(maxsize=None)
def lum16(kind: str, w: int, h: int) -> np.ndarray:
    r, g, b = np.moveaxis(rgb16(kind, w, h).astype(np.uint32), -1, 0)
    return frozen(((r * 299 + g * 587 + b * 114 + 500) // 1000).astype(np.uint16))


@functools.lru_cache(maxsize=None)
def alpha(w: int, h: int) -> np.ndarray:
    """Ramp, a fully transparent rectangle and opaque/transparent speckles: 0..255 all used."""
    rng = np.random.default_rng(seed_of("alpha", w, h))
    a = np.rint(np.linspace(0, 255, w))[None, :].repeat(h, 0)
    a[h // 4 : h // 2 + 1, w // 4 : w // 2 + 1] = 0
    a[rng.random((h, w)) < 0.05] = 255
    return frozen(a.astype(np.uint8))


def alpha16(w: int, h: int) -> np.ndarray:
    return (alpha(w, h).astype(np.uint16) << 8) | np.uint16(0x5A)


@functools.lru_cache(maxsize=None)
def quant(kind: str, w: int, h: int, n: int):
    """(indices (h, w) uint8, palette (m, 3) uint8) with m <= n: median-cut, no dither."""
    im = Image.fromarray(rgb(kind, w, h)).quantize(n, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    idx = np.asarray(im)
    pal = np.array(im.getpalette()[: 3 * n], np.uint8).reshape(-1, 3)
    if len(pal) <= idx.max():
        pal = np.vstack([pal, np.zeros((idx.max() + 1 - len(pal), 3), np.uint8)])
    return frozen(idx), frozen(pal)


def rgba(kind, w, h):
    return np.dstack([rgb(kind, w, h), alpha(w, h)])


def pil(kind, w, h, mode="RGB") -> Image.Image:
    """A Pillow image of the content in `mode` (P: adaptive palette, 1: threshold)."""
    if mode == "RGBA":
        return Image.fromarray(rgba(kind, w, h))
    if mode == "LA":
        return Image.fromarray(np.dstack([lum(kind, w, h), alpha(w, h)]))
    if mode == "I;16":
        return Image.fromarray(lum16(kind, w, h))
    if mode == "P":
        idx, pal = quant(kind, w, h, 256)
        im = Image.new("P", (w, h))
        im.frombytes(idx.tobytes())
        im.putpalette(pal.tobytes())
        return im
    im = Image.fromarray(rgb(kind, w, h))
    return im if mode == "RGB" else im.convert(mode)


def cycle(n: int, offset: int = 0):
    """n (kind, w, h) picks spread over kinds and the three size classes."""
    sizes = [TINY, MID, BIG]
    out = []
    for i in range(n):
        cls = sizes[(i + offset) % 3]
        out.append((KINDS[(i * 3 + offset) % len(KINDS)], *cls[(i + offset * 2) % len(cls)]))
    return out


def pack(samples: np.ndarray, depth: int) -> np.ndarray:
    """(rows, n) samples -> (rows, bytes) uint8, MSB first, each row padded to a whole byte."""
    if depth == 16:
        return samples.astype(">u2").view(np.uint8).reshape(samples.shape[0], -1)
    if depth == 8:
        return samples.astype(np.uint8)
    bits = (samples[..., None].astype(np.uint8) >> np.arange(depth - 1, -1, -1, dtype=np.uint8)) & 1
    return np.packbits(bits.reshape(samples.shape[0], -1), axis=1)


# ------------------------------------------------------------------------------------ PNG

PNG_SIG = b"\x89PNG\r\n\x1a\n"
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
PNG_NAME = {0: "grey", 2: "rgb", 3: "palette", 4: "grey+alpha", 6: "rgba"}
PNG_COMBOS = [(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2), (3, 4), (3, 8),
              (4, 8), (4, 16), (6, 8), (6, 16)]
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", binascii.crc32(tag + data))


def predictor(t: int, r: np.ndarray, bpp: int):
    if t == 0:
        return 0
    a = np.zeros_like(r)
    a[:, bpp:] = r[:, :-bpp]
    if t == 1:
        return a
    b = np.zeros_like(r)
    b[1:] = r[:-1]
    if t == 2:
        return b
    if t == 3:
        return ((a.astype(np.uint16) + b) >> 1).astype(np.uint8)
    c = np.zeros_like(r)
    c[1:, bpp:] = r[:-1, :-bpp]
    a16, b16, c16 = a.astype(np.int16), b.astype(np.int16), c.astype(np.int16)
    p = a16 + b16 - c16
    pa, pb, pc = np.abs(p - a16), np.abs(p - b16), np.abs(p - c16)
    return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))


def filter_rows(raw: np.ndarray, bpp: int, filt, rng) -> bytes:
    """Filtered scanlines: filt is 0..4, "mixed" (row i: i % 5), "random" or "adaptive"."""
    h, n = raw.shape
    if filt == "adaptive":
        cands = [(raw - predictor(t, raw, bpp)).astype(np.int8) for t in range(5)]
        types = np.argmin([np.abs(c.astype(np.int16)).sum(1) for c in cands], 0)
    elif filt == "mixed":
        types = np.arange(h) % 5
    elif filt == "random":
        types = rng.integers(0, 5, h)
    else:
        types = np.full(h, filt)
    out = np.empty((h, n + 1), np.uint8)
    out[:, 0] = types
    for t in np.unique(types):
        rows = types == t
        out[rows, 1:] = raw[rows] - (predictor(int(t), raw, bpp)[rows] if t else 0)
    return out.tobytes()


def png_encode(px, ctype, depth, *, palette=None, trns=None, interlace=0, filt=0, level=6,
               strategy=None, wbits=15, split=None, before=(), after=(), seed=0) -> bytes:
    """PNG of px ((h, w, channels) integer samples) with full control of the encoding."""
    h, w, ch = px.shape
    assert ch == PNG_CHANNELS[ctype], (ch, ctype)
    bpp = max(1, ch * depth // 8)
    rng = np.random.default_rng(seed)
    if interlace:
        parts = []
        for xs, ys, dx, dy in ADAM7:
            sub = px[ys::dy, xs::dx]
            if sub.size:
                parts.append(filter_rows(pack(sub.reshape(sub.shape[0], -1), depth), bpp, filt, rng))
        raw = b"".join(parts)
    else:
        raw = filter_rows(pack(px.reshape(h, -1), depth), bpp, filt, rng)
    z = zlib.compressobj(level, zlib.DEFLATED, wbits, 9, zlib.Z_DEFAULT_STRATEGY if strategy is None else strategy)
    data = z.compress(raw) + z.flush()
    out = [PNG_SIG, chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace)), *before]
    if palette is not None:
        out.append(chunk(b"PLTE", np.asarray(palette, np.uint8).tobytes()))
    if trns is not None:
        out.append(chunk(b"tRNS", trns))
    if split == "empty":
        third = len(data) // 3
        out += [chunk(b"IDAT", data[:third]), chunk(b"IDAT", b""), chunk(b"IDAT", data[third:]), chunk(b"IDAT", b"")]
    else:
        step = split or max(len(data), 1)
        out += [chunk(b"IDAT", data[i : i + step]) for i in range(0, max(len(data), 1), step)]
    return b"".join(out + list(after) + [chunk(b"IEND", b"")])


def png_px(ctype, depth, kind, w, h):
    """Samples (h, w, channels) and palette for a colour type / bit depth."""
    pal = None
    if ctype == 0:
        px = (lum16(kind, w, h) if depth == 16 else lum(kind, w, h) >> (8 - depth))[..., None]
    elif ctype == 2:
        px = rgb16(kind, w, h) if depth == 16 else rgb(kind, w, h)
    elif ctype == 3:
        idx, pal = quant(kind, w, h, 1 << depth)
        px = idx[..., None]
    elif ctype == 4:
        px = np.dstack([lum16(kind, w, h), alpha16(w, h)] if depth == 16 else [lum(kind, w, h), alpha(w, h)])
    else:
        px = np.dstack([rgb16(kind, w, h), alpha16(w, h)] if depth == 16 else [rgb(kind, w, h), alpha(w, h)])
    return px, pal


@functools.lru_cache(maxsize=None)
def icc_profile(size: int = 0) -> bytes:
    """Pillow's sRGB profile, optionally padded to `size` bytes (header length updated)."""
    try:
        from PIL import ImageCms

        prof = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        prof = prof[:24] + bytes(12) + prof[36:84] + bytes(16) + prof[100:]  # no date, no ID: reproducible
    except Exception:  # no littlecms: a header-only stand-in, only carried, never applied
        prof = struct.pack(">I", 128) + b"lcms" + b"\x04\x30\x00\x00mntrRGB XYZ " + bytes(104)
    if size > len(prof):
        prof = struct.pack(">I", size) + prof[4:] + bytes(size - len(prof))
    return prof


def exif_bytes(orientation: int = 1) -> bytes:
    ex = Image.Exif()
    ex[0x0112] = orientation
    ex[0x010F] = "pixelpipe corpus"
    return ex.tobytes()


def png_extras(ctype, depth):
    sbit_n = {0: 1, 2: 3, 3: 3, 4: 2, 6: 4}[ctype]
    bkgd = {0: struct.pack(">H", 0), 4: struct.pack(">H", 0), 3: b"\0"}.get(ctype, struct.pack(">3H", 0, 0, 0))
    text = [chunk(b"tEXt", b"Comment\0pixelpipe decode corpus"),
            chunk(b"zTXt", b"Description\0\0" + zlib.compress(b"compressed text " * 20)),
            chunk(b"iTXt", b"Title\0\0\0en\0Titel\0unicode \xc3\xa9\xe2\x82\xac"),
            chunk(b"iTXt", b"Software\0\1\0\0\0" + zlib.compress("iTXt compressed é".encode())),
            chunk(b"eXIf", exif_bytes(1))]
    colour = [chunk(b"gAMA", struct.pack(">I", 45455)),
              chunk(b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)),
              chunk(b"sBIT", bytes([max(1, min(depth, 8) - 1)] * sbit_n)),
              chunk(b"pHYs", struct.pack(">IIB", 3780, 3780, 1)),
              chunk(b"tIME", struct.pack(">HBBBBB", 2024, 2, 29, 12, 0, 0)),
              chunk(b"bKGD", bkgd),
              chunk(b"prVt", b"private ancillary chunk")]
    iccp = chunk(b"iCCP", b"sRGB profile\0\0" + zlib.compress(icc_profile()))
    srgb = chunk(b"sRGB", b"\0")
    return text, colour, iccp, srgb


# ------------------------------------------------------------------------------------ GIF


def gif_lzw(data: bytes, min_size: int) -> bytes:
    """GIF LZW (LSB-first codes, table reset with a clear code when 4096 codes are used)."""
    clear, eoi = 1 << min_size, (1 << min_size) + 1
    out, acc, nbits = bytearray(), 0, 0
    size, nxt, table = min_size + 1, eoi + 1, {}

    def emit(code, sz):
        nonlocal acc, nbits
        acc |= code << nbits
        nbits += sz
        while nbits >= 8:
            out.append(acc & 255)
            acc >>= 8
            nbits -= 8

    emit(clear, size)
    prefix = data[0]
    for byte in data[1:]:
        key = (prefix << 8) | byte
        code = table.get(key)
        if code is not None:
            prefix = code
            continue
        emit(prefix, size)
        if nxt < 4096:
            table[key] = nxt
            nxt += 1
            if nxt > (1 << size) and size < 12:
                size += 1
        else:
            emit(clear, size)
            size, nxt, table = min_size + 1, eoi + 1, {}
        prefix = byte
    emit(prefix, size)
    emit(eoi, size)
    if nbits:
        out.append(acc & 255)
    return bytes(out)


def gif_palette(pal) -> tuple[bytes, int]:
    bits = max(1, math.ceil(math.log2(max(len(pal), 2))))
    padded = np.zeros((1 << bits, 3), np.uint8)
    padded[: len(pal)] = pal
    return padded.tobytes(), bits


def gif_encode(sw, sh, frames, gpal=None, bg=0, loop=None, version=b"GIF89a") -> bytes:
    """frames: dicts with idx (h, w), x, y, and optional pal (local), interlace, trans, disposal."""
    out = bytearray(version)
    if gpal is not None:
        gbytes, gbits = gif_palette(gpal)
        out += struct.pack("<HHBBB", sw, sh, 0x80 | 0x70 | (gbits - 1), bg, 0) + gbytes
    else:
        out += struct.pack("<HHBBB", sw, sh, 0x70, bg, 0)
    if loop is not None:
        out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loop) + b"\0"
    for f in frames:
        idx = np.asarray(f["idx"], np.uint8)
        h, w = idx.shape
        trans, disposal = f.get("trans"), f.get("disposal", 0)
        if trans is not None or disposal or "delay" in f:
            out += struct.pack("<BBBBHBB", 0x21, 0xF9, 4, (disposal << 2) | (trans is not None), f.get("delay", 10),
                               trans or 0, 0)
        flags, lbytes, bits = 0, b"", (gif_palette(gpal)[1] if gpal is not None else 8)
        if f.get("pal") is not None:
            lbytes, bits = gif_palette(f["pal"])
            flags |= 0x80 | (bits - 1)
        if f.get("interlace"):
            flags |= 0x40
            idx = idx[np.r_[0:h:8, 4:h:8, 2:h:4, 1:h:2]]
        out += struct.pack("<BHHHHB", 0x2C, f.get("x", 0), f.get("y", 0), w, h, flags) + lbytes
        min_size = f.get("min_size", max(2, bits))
        lzw = gif_lzw(idx.tobytes(), min_size)
        out.append(min_size)
        for i in range(0, len(lzw), 255):
            out += bytes([len(lzw[i : i + 255])]) + lzw[i : i + 255]
        out.append(0)
    return bytes(out + b"\x3b")


# ----------------------------------------------------------------------------------- TIFF


def packbits_encode(row: bytes) -> bytes:
    out, i, n = bytearray(), 0, len(row)
    while i < n:
        j = i + 1
        while j < n and j - i < 128 and row[j] == row[i]:
            j += 1
        if j - i >= 3:
            out += bytes([257 - (j - i), row[i]])
            i = j
            continue
        j = i
        while j < n and j - i < 128 and not (j + 2 < n and row[j] == row[j + 1] == row[j + 2]):
            j += 1
        out += bytes([j - i - 1]) + row[i:j]
        i = j
    return bytes(out)


def tiff_encode(px, photometric, bits, *, tile=None, rps=None, compression=1, predictor_=1, order="<",
                planar=1, extra=None, colormap=None, sampleformat=None) -> bytes:
    """Baseline TIFF writer: px (h, w, c) samples; strips of rps rows or (tw, th) tiles."""
    h, w, c = px.shape
    dt = np.dtype(order + "u2") if bits == 16 else np.uint8

    def encode(block):  # (rows, cols, cc) -> bytes
        s = block.astype(np.int64)
        if predictor_ == 2:
            s[:, 1:] = s[:, 1:] - s[:, :-1]
            s &= (1 << bits) - 1
        rows = s.reshape(s.shape[0], -1)
        raw = pack(rows, bits) if bits < 8 else rows.astype(dt).view(np.uint8).reshape(rows.shape[0], -1)
        if compression == 8:
            return zlib.compress(raw.tobytes())
        if compression == 32773:
            return b"".join(packbits_encode(r.tobytes()) for r in raw)
        return raw.tobytes()

    planes = [px] if planar == 1 else [px[:, :, i : i + 1] for i in range(c)]
    segs = []
    for plane in planes:
        if tile:
            tw, th = tile
            for ty in range(0, h, th):
                for tx in range(0, w, tw):
                    blk = np.zeros((th, tw, plane.shape[2]), plane.dtype)
                    part = plane[ty : ty + th, tx : tx + tw]
                    blk[: part.shape[0], : part.shape[1]] = part
                    segs.append(encode(blk))
        else:
            segs += [encode(plane[y : y + (rps or h)]) for y in range(0, h, rps or h)]
    body, offsets = bytearray(), []
    for s in segs:
        offsets.append(8 + len(body))
        body += s + (b"\0" if len(s) % 2 else b"")
    S, L = 3, 4
    tags = {256: (L, [w]), 257: (L, [h]), 258: (S, [bits] * c), 259: (S, [compression]), 262: (S, [photometric]),
            277: (S, [c]), 284: (S, [planar])}
    if tile:
        tags.update({322: (L, [tile[0]]), 323: (L, [tile[1]]), 324: (L, offsets), 325: (L, [len(s) for s in segs])})
    else:
        tags.update({273: (L, offsets), 278: (L, [rps or h]), 279: (L, [len(s) for s in segs])})
    if predictor_ != 1:
        tags[317] = (S, [predictor_])
    if colormap is not None:
        tags[320] = (S, list(colormap))
    if extra is not None:
        tags[338] = (S, [extra])
    if sampleformat is not None:
        tags[339] = (S, [sampleformat] * c)
    ifd_at = 8 + len(body)
    n = len(tags)
    ext_at = ifd_at + 2 + 12 * n + 4
    entries, ext = bytearray(), bytearray()
    for tag in sorted(tags):
        typ, vals = tags[tag]
        data = struct.pack(order + ("H" if typ == S else "I") * len(vals), *vals)
        if len(data) <= 4:
            field = data.ljust(4, b"\0")
        else:
            field = struct.pack(order + "I", ext_at + len(ext))
            ext += data + (b"\0" if len(data) % 2 else b"")
        entries += struct.pack(order + "HHI", tag, typ, len(vals)) + field
    head = (b"II*\0" if order == "<" else b"MM\0*") + struct.pack(order + "I", ifd_at)
    return head + bytes(body) + struct.pack(order + "H", n) + bytes(entries) + bytes(4) + bytes(ext)


# ------------------------------------------------------------------------------------ BMP


def bmp_encode(w, h, bpp, rows=None, *, palette=None, compression=0, masks=None, header=40, topdown=False,
               clr_used=None, data=None) -> bytes:
    """BMP with rows ((h, rowbytes) uint8, top-down, unpadded) or pre-encoded RLE `data`."""
    if data is None:
        buf = np.zeros((h, (rows.shape[1] + 3) & ~3), np.uint8)
        buf[:, : rows.shape[1]] = rows
        data = (buf if topdown else buf[::-1]).tobytes()
    pal = np.zeros((0, 3), np.uint8) if palette is None else np.asarray(palette, np.uint8)
    if header == 12:
        info = struct.pack("<IHHHH", 12, w, h, 1, bpp)
        palbytes = pal[:, ::-1].tobytes()
    else:
        ncol = len(pal) if clr_used is None else clr_used
        info = struct.pack("<IiiHHIIiiII", header, w, -h if topdown else h, 1, bpp, compression, len(data), 2835,
                           2835, ncol, 0)
        if header >= 108:
            info += struct.pack("<4I", *(list(masks or []) + [0, 0, 0, 0])[:4]) + b"BGRs" + bytes(48)
            if header == 124:
                info += struct.pack("<4I", 4, 0, 0, 0)
        elif masks:
            info += struct.pack(f"<{len(masks)}I", *masks)
        palbytes = np.hstack([pal[:, ::-1], np.zeros((len(pal), 1), np.uint8)]).tobytes()
    off = 14 + len(info) + len(palbytes)
    return b"BM" + struct.pack("<IHHI", off + len(data), 0, 0, off) + info + palbytes + data


def bmp_rle(idx: np.ndarray, four: bool, *, delta=False, early_end=False, odd=True) -> bytes:
    """RLE8 / RLE4 pixel data of idx (h, w), bottom-up; optional delta escapes / early end.
    odd=False keeps RLE4 absolute runs even: Pillow reads n // 2 bytes for an odd run of n."""
    out = bytearray()
    h, w = idx.shape
    rows = list(idx[::-1])
    for r, row in enumerate(rows):
        if early_end and r == h // 2:
            return bytes(out + b"\0\1")
        row = row.tolist()
        i = 0
        if delta and r % 3 == 1 and w > 4:
            out += bytes([0, 2, 3, 0])  # skip 3 pixels right (left as index 0)
            i = 3
        while i < w:
            j = i + 1
            while j < w and j - i < 255 and row[j] == row[i]:
                j += 1
            if j - i >= 3 or w - i < 3:  # encoded run
                out += bytes([j - i, row[i] * 17 if four else row[i]])
                i = j
                continue
            j = i  # absolute run, up to the next run of 3
            while j < w and j - i < 255 and not (j + 2 < w and row[j] == row[j + 1] == row[j + 2]):
                j += 1
            if four and not odd and (j - i) % 2 and j - i > 1:
                j -= 1
            lit = row[i:j]
            if len(lit) < 3:  # absolute mode needs >= 3 pixels
                out += b"".join(bytes([1, v * 17 if four else v]) for v in lit)
            else:
                packed = bytes(lit) if not four else bytes(
                    (lit[k] << 4) | (lit[k + 1] if k + 1 < len(lit) else 0) for k in range(0, len(lit), 2))
                out += bytes([0, len(lit)]) + packed + (b"\0" if len(packed) % 2 else b"")
            i = j
        out += b"\0\0"
    return bytes(out + b"\0\1")


# ------------------------------------------------------------------------------------ PNM


def pnm_plain(magic: str, a: np.ndarray, maxval: int | None = None) -> bytes:
    h, w = a.shape[:2]
    head = f"{magic}\n# pixelpipe decode corpus\n{w} {h}\n" + (f"{maxval}\n" if maxval is not None else "")
    vals = a.reshape(h, -1)
    lines = []
    for row in vals:
        s = [str(int(v)) for v in row]
        lines += [" ".join(s[i : i + 12]) for i in range(0, len(s), 12)]
    return (head + "\n".join(lines) + "\n").encode()


def pnm_raw(magic: str, a: np.ndarray, maxval: int, comment=False) -> bytes:
    h, w = a.shape[:2]
    head = f"{magic}\n" + ("# a comment\n" if comment else "") + f"{w} {h}\n{maxval}\n"
    return head.encode() + a.astype(">u2" if maxval > 255 else np.uint8).tobytes()


# ---------------------------------------------------------------------------------- corpus


class Corpus:
    def __init__(self, root: pathlib.Path):
        self.root, self.entries, self.notes = root, [], []

    def _name(self, fmt, label, ext):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-").lower()[:60]
        return f"{fmt}/{len(self.entries):04d}-{slug}.{ext}"

    def add(self, fmt, variant, writer, data: bytes, label="", ext=None) -> bytes:
        name = self._name(fmt, f"{variant} {label}", ext or fmt)
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.entries.append({"file": name, "format": fmt, "variant": variant, "writer": writer})
        return data

    def pil(self, im, fmt, variant, label="", ext=None, **opts):
        """Save with Pillow; returns the bytes, or None (noted) if Pillow cannot write it."""
        buf = io.BytesIO()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # e.g. saving mode I as PNG
                im.save(buf, {"pnm": "PPM", "tga": "TGA"}.get(fmt, fmt.upper()), **opts)
        except Exception as e:  # noqa: BLE001 - a writer limitation is a note, not a failure
            self.note(f"pillow cannot write {fmt} {variant!r} ({im.mode} {opts}): {e}")
            return None
        return self.add(fmt, variant, "pillow", buf.getvalue(), label, ext)

    def note(self, msg):
        if msg not in self.notes:
            self.notes.append(msg)
            print("note:", msg)


def label(kind, w, h, extra=""):
    return f"{kind} {w}x{h} {extra}".strip()


# ------------------------------------------------------------------------------ sections


def png_handmade(c: Corpus, quick: bool):
    w_ = "handmade"
    # every colour type x bit depth, plain and Adam7, three contents/sizes each
    for i, (ct, d) in enumerate(PNG_COMBOS):
        for il in (0, 1):
            for kind, w, h in cycle(3, i + il):
                px, pal = png_px(ct, d, kind, w, h)
                c.add("png", f"{PNG_NAME[ct]} {d}bit" + (" adam7" if il else ""), w_,
                      png_encode(px, ct, d, palette=pal, interlace=il, filt="adaptive", seed=i), label(kind, w, h))
    # tRNS
    for i, (ct, d) in enumerate([(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2), (3, 4),
                                 (3, 8)]):
        for j, (kind, w, h) in enumerate(cycle(2, i)):
            px, pal = png_px(ct, d, kind, w, h)
            if ct == 3:
                n = len(pal) if j == 0 else max(1, len(pal) // 2)  # full / shorter than PLTE
                trns = bytes((np.arange(n) * 97 % 256).astype(np.uint8))
            else:
                trns = struct.pack(f">{px.shape[2]}H", *px[h // 2, w // 2].tolist())
            c.add("png", f"{PNG_NAME[ct]}+trns {d}bit", w_,
                  png_encode(px, ct, d, palette=pal, trns=trns, interlace=j, filt=4), label(kind, w, h))
    # filter types
    subjects = [(2, 8, "photo", 64, 48, 0), (0, 1, "checker", 33, 31, 0), (6, 16, "dgrad", 31, 17, 0),
                (3, 4, "pixelart", 50, 30, 0), (4, 8, "diagram", 17, 9, 1)]
    for filt in [0, 1, 2, 3, 4, "mixed", "random", "adaptive"]:
        for ct, d, kind, w, h, il in subjects:
            px, pal = png_px(ct, d, kind, w, h)
            c.add("png", f"filter {filt}", w_, png_encode(px, ct, d, palette=pal, filt=filt, interlace=il, seed=d),
                  label(kind, w, h, f"{PNG_NAME[ct]}{d}"))
    # zlib levels and strategies
    px, _ = png_px(2, 8, "photo", 127, 64)
    for lv in range(10):
        c.add("png", f"zlib level {lv}", w_, png_encode(px, 2, 8, level=lv, filt="mixed"), f"photo {lv}")
    for name, st, wb in [("huffman-only", zlib.Z_HUFFMAN_ONLY, 15), ("rle", zlib.Z_RLE, 15),
                         ("fixed", zlib.Z_FIXED, 15), ("filtered", zlib.Z_FILTERED, 15), ("window 512", None, 9)]:
        for kind in ("photo", "pixelart"):
            px, _ = png_px(2, 8, kind, 127, 64)
            c.add("png", f"zlib {name}", w_, png_encode(px, 2, 8, strategy=st, wbits=wb, filt=1), kind)
    # IDAT chunking
    small = [png_px(6, 8, "photo", 64, 48)[0], png_px(3, 8, "diagram", 100, 75)]
    big = png_px(2, 8, "noise", 700, 500)[0]
    for split, name in [(1, "1B"), (7, "7B"), (65536, "64KiB"), (1 << 20, "1MiB"), (None, "whole"), ("empty", "+empty")]:
        c.add("png", f"idat {name}", w_, png_encode(small[0], 6, 8, split=split, filt="mixed"), "rgba photo 64x48")
        c.add("png", f"idat {name}", w_, png_encode(small[1][0], 3, 8, palette=small[1][1], split=split), "palette")
        if split not in (1, 7):
            c.add("png", f"idat {name}", w_, png_encode(big, 2, 8, split=split, level=1), "noise 700x500")
    # ancillary chunks
    for ct, d, kind, w, h in [(2, 8, "photo", 64, 48), (3, 4, "pixelart", 33, 31), (0, 16, "vgrad", 17, 9)]:
        px, pal = png_px(ct, d, kind, w, h)
        text, colour, iccp, srgb = png_extras(ct, d)
        lab = label(kind, w, h, PNG_NAME[ct])
        c.add("png", "chunks before idat (iccp)", w_, png_encode(px, ct, d, palette=pal, before=[iccp, *colour, *text]), lab)
        c.add("png", "chunks before idat (srgb)", w_, png_encode(px, ct, d, palette=pal, before=[srgb, *colour]), lab)
        c.add("png", "text+exif after idat", w_, png_encode(px, ct, d, palette=pal, after=text), lab)
        c.add("png", "all chunks after idat", w_, png_encode(px, ct, d, palette=pal, after=[iccp, *colour, *text]), lab)
    px, _ = png_px(2, 8, "diagram", 64, 48)
    c.add("png", "exif orientation 6 (not applied)", w_, png_encode(px, 2, 8, before=[chunk(b"eXIf", exif_bytes(6))]))
    c.add("png", "gama 1.0 (not applied)", w_, png_encode(px, 2, 8, before=[chunk(b"gAMA", struct.pack(">I", 100000))]))
    # extreme shapes
    for ct, d, kind, w, h in [(0, 1, "stripes", 1000, 1), (2, 8, "hgrad", 1000, 1), (6, 16, "vgrad", 1, 1000),
                              (3, 2, "pixelart", 1, 1000), (0, 4, "noise", 9, 1), (4, 16, "flat", 1, 1)]:
        px, pal = png_px(ct, d, kind, w, h)
        c.add("png", "extreme shape", w_, png_encode(px, ct, d, palette=pal, filt="mixed"), label(kind, w, h, PNG_NAME[ct]))
        c.add("png", "extreme shape adam7", w_, png_encode(px, ct, d, palette=pal, interlace=1), label(kind, w, h, PNG_NAME[ct]))
    if quick:
        return
    # large images: where streaming decoders break
    big_cases = [(2, 8, "dgrad", 2000, 2000, 0, 4, 6), (2, 8, "photo", 2000, 2000, 0, "mixed", 1),
                 (6, 8, "hgrad", 2000, 2000, 1, 1, 1), (2, 16, "hgrad", 2000, 2000, 0, 2, 6),
                 (0, 8, "vgrad", 10000, 100, 0, 1, 6), (2, 8, "hgrad", 100, 10000, 0, 2, 6),
                 (2, 8, "hgrad", 8000, 8000, 0, 2, 1)]
    for ct, d, kind, w, h, il, filt, lv in big_cases:
        px, pal = png_px(ct, d, kind, w, h)
        c.add("png", "large", w_, png_encode(px, ct, d, palette=pal, interlace=il, filt=filt, level=lv,
                                             split=1 << 20 if w * h >= 4_000_000 else None),
              label(kind, w, h, f"{PNG_NAME[ct]}{d}{' adam7' if il else ''}"))
    # > 2x Pillow's MAX_IMAGE_PIXELS: Pillow raises DecompressionBombError
    raw = zlib.compress(bytes(2501) * 10000, 9)
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 10000, 1, 0, 0, 0, 0))
    c.add("png", "bomb 20000x10000 (pillow refuses)", w_, PNG_SIG + ihdr + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def png_pillow(c: Corpus, quick: bool):
    for mode in ["1", "L", "LA", "P", "I;16", "I", "RGB", "RGBA"]:
        for kind, w, h in cycle(3, len(mode)):
            im = pil(kind, w, h, "I;16" if mode == "I" else mode)
            if mode == "I":
                im = im.convert("I").point(lambda v: v * 3 - 20000)  # beyond 0..65535: clipped on save
            c.pil(im, "png", f"pillow {mode}", label(kind, w, h))
    for n, kind in [(2, "checker"), (4, "pixelart"), (16, "diagram"), (64, "photo")]:
        im = pil(kind, 64, 48).quantize(n, dither=Image.Dither.NONE)
        c.pil(im, "png", f"pillow P {n} colours", f"{kind}")
        c.pil(im, "png", "pillow P bits=4" if n <= 16 else "pillow P bits=8", kind, bits=4 if n <= 16 else 8)
    for kind, w, h in cycle(2, 1):
        p = pil(kind, w, h, "P")
        c.pil(p, "png", "pillow P+transparency bytes", label(kind, w, h), transparency=bytes(range(0, 256, 3)))
        c.pil(p, "png", "pillow P+transparency index", label(kind, w, h), transparency=0)
        c.pil(pil(kind, w, h, "L"), "png", "pillow L+transparency", label(kind, w, h), transparency=int(lum(kind, w, h)[0, 0]))
        c.pil(pil(kind, w, h, "1"), "png", "pillow 1+transparency", label(kind, w, h), transparency=0)
        c.pil(pil(kind, w, h), "png", "pillow RGB+transparency", label(kind, w, h), transparency=tuple(rgb(kind, w, h)[0, 0].tolist()))
        c.pil(pil(kind, w, h, "I;16"), "png", "pillow I;16+transparency", label(kind, w, h), transparency=int(lum16(kind, w, h)[0, 0]))
    for kind, w, h in cycle(3, 2):
        c.pil(pil(kind, w, h, "RGBA"), "png", "pillow optimize", label(kind, w, h), optimize=True)
    for lv in (0, 1, 9):
        c.pil(pil("photo", 127, 64), "png", f"pillow compress_level {lv}", compress_level=lv)
    frames = [pil(k, 64, 48, "RGBA") for k in ("photo", "diagram", "checker")]
    c.pil(frames[0], "png", "apng 3 frames", save_all=True, append_images=frames[1:], duration=100, loop=0)
    c.pil(frames[1], "png", "apng default_image", save_all=True, append_images=frames[1:], default_image=True)
    c.pil(pil("photo", 100, 75, "P"), "png", "apng palette", save_all=True, append_images=[pil("noise", 100, 75, "P")])
    if not quick:
        c.pil(pil("photo", 2000, 2000), "png", "pillow large", "photo 2000x2000")
        c.pil(pil("diagram", 4000, 3000), "png", "pillow large", "diagram 4000x3000", compress_level=1)


def sof_patch(data: bytes, w: int, h: int, y_sampling: int) -> bytes:
    i = data.index(b"\xff\xc0")
    b = bytearray(data)
    b[i + 5 : i + 9] = struct.pack(">HH", h, w)
    b[i + 11] = y_sampling
    return bytes(b)


def mcu_rearrange(t: np.ndarray, src: tuple, dst: tuple) -> Image.Image:
    """A YCbCr image which, saved as JPEG with luma sampling src and its SOF then patched to
    dst (same luma blocks per MCU, same MCU count), shows t: luma blocks moved to where the
    patched file reads them, each MCU's chroma block the one dst sampling would compute."""
    (sh, sv), (dh, dv) = src, dst
    h, w = t.shape[:2]
    cols, rows = -(-w // (8 * dh)), -(-h // (8 * dv))
    ycc = np.asarray(Image.fromarray(t).convert("YCbCr"))
    pad = np.pad(ycc, ((0, rows * 8 * dv - h), (0, cols * 8 * dh - w), (0, 0)), mode="edge")
    mcus = pad.reshape(rows, 8 * dv, cols, 8 * dh, 3).transpose(0, 2, 1, 3, 4)
    y = mcus[..., 0].reshape(rows, cols, dv, 8, dh, 8).transpose(0, 1, 2, 4, 3, 5)
    y = y.reshape(rows, cols, sv, sh, 8, 8).transpose(0, 2, 4, 1, 3, 5).reshape(rows * sv * 8, cols * sh * 8)
    chroma = mcus[..., 1:].reshape(rows, cols, 8, dv, 8, dh, 2).mean((3, 5)).repeat(sv, 2).repeat(sh, 3)
    chroma = chroma.transpose(0, 2, 1, 3, 4).reshape(rows * sv * 8, cols * sh * 8, 2)
    s = np.dstack([y, np.rint(chroma)]).astype(np.uint8)
    return Image.frombytes("YCbCr", (s.shape[1], s.shape[0]), s.tobytes())


def strip_app14(data: bytes) -> bytes:
    i = data.index(b"\xff\xee")
    return data[:i] + data[i + 2 + struct.unpack(">H", data[i + 2 : i + 4])[0] :]


def jpeg(c: Corpus, quick: bool):
    sizes = [(1, 1), (17, 9), (9, 17), (2, 2), (8, 8), (16, 16), (33, 31), (64, 48), (127, 64), (300, 200),
             (1, 40), (40, 1), (15, 15)]
    qs = [1, 5, 10, 25, 50, 75, 85, 90, 95, 100]
    n = 0
    for ss in ["4:4:4", "4:2:2", "4:2:0"]:
        for mode, opts, count in [("baseline", {}, 8), ("progressive", {"progressive": True}, 4),
                                  ("optimize", {"optimize": True}, 3),
                                  ("progressive+optimize", {"progressive": True, "optimize": True}, 2)]:
            for _ in range(count):
                n += 1
                w, h = sizes[n % len(sizes)]
                kind, q = KINDS[n % len(KINDS)], qs[(n * 3) % len(qs)]
                c.pil(pil(kind, w, h), "jpeg", f"{mode} {ss}", label(kind, w, h, f"q{q}"), "jpg", quality=q,
                      subsampling=ss, **opts)
        for opt, v in [("restart_marker_blocks", 1), ("restart_marker_blocks", 5), ("restart_marker_rows", 1),
                       ("restart_marker_rows", 2)]:
            c.pil(pil("photo", 127, 64), "jpeg", f"restart {opt.split('_')[-1]} {ss}", f"{v}", "jpg", subsampling=ss,
                  **{opt: v})
        c.pil(pil("diagram", 100, 75), "jpeg", f"restart progressive {ss}", ext="jpg", subsampling=ss,
              progressive=True, restart_marker_blocks=3)
    for i, (mode, opts) in enumerate([("baseline", {}), ("baseline", {}), ("baseline", {}), ("progressive", {"progressive": True}),
                                      ("progressive", {"progressive": True}), ("restart", {"restart_marker_rows": 1}),
                                      ("optimize", {"optimize": True})]):
        kind, w, h = cycle(7, 2)[i]
        c.pil(pil(kind, w, h, "L"), "jpeg", f"grey {mode}", label(kind, w, h), "jpg", quality=qs[i], **opts)
    for kind, w, h in [("photo", 64, 48), ("diagram", 33, 31)]:
        im = pil(kind, w, h, "CMYK")
        d = c.pil(im, "jpeg", "cmyk adobe (inverted)", label(kind, w, h), "jpg")
        c.pil(im, "jpeg", "cmyk adobe progressive", label(kind, w, h), "jpg", progressive=True)
        if d and b"\xff\xee" in d:
            c.add("jpeg", "cmyk without app14", "handmade", strip_app14(d), label(kind, w, h, "stripped pillow"), "jpg")
        c.pil(pil(kind, w, h), "jpeg", "rgb keep_rgb (adobe transform 0)", label(kind, w, h), "jpg", keep_rgb=True)
    c.pil(pil("photo", 64, 48), "jpeg", "exif orientation 6 (not applied)", ext="jpg", exif=exif_bytes(6))
    c.pil(pil("photo", 64, 48), "jpeg", "exif+icc", ext="jpg", exif=exif_bytes(1), icc_profile=icc_profile())
    c.pil(pil("diagram", 64, 48), "jpeg", "icc 200KB (several APP2)", ext="jpg", icc_profile=icc_profile(200_000))
    c.pil(pil("diagram", 64, 48), "jpeg", "comment+xmp+dpi", ext="jpg", comment=b"pixelpipe", xmp=b"<x:xmpmeta/>", dpi=(300, 300))
    c.pil(pil("photo", 64, 48), "jpeg", "qtables all ones", ext="jpg", qtables=[[1] * 64, [1] * 64])
    c.pil(pil("photo", 64, 48), "jpeg", "qtables coarse", ext="jpg", qtables=[[99] * 64, [255] * 64])
    c.pil(pil("photo", 64, 48), "jpeg", "qtables one table", ext="jpg", qtables=[list(range(1, 65))])
    # 4:4:0 and 4:1:1: libjpeg (through Pillow) cannot write them; patch the SOF of a 4:2:2 / 4:2:0 file
    for ss_name, src_ss, src, dst, cases in [
            ("4:4:0", "4:2:2", (2, 1), (1, 2), [("photo", 64, 48), ("diagram", 64, 48), ("photo", 17, 9), ("noise", 33, 70)]),
            ("4:1:1", "4:2:0", (2, 2), (4, 1), [("photo", 64, 48), ("diagram", 64, 48), ("photo", 45, 9)])]:
        for kind, w, h in cases:
            for q in (75, 95):
                buf = io.BytesIO()
                mcu_rearrange(rgb(kind, w, h), src, dst).save(buf, "JPEG", quality=q, subsampling=src_ss)
                c.add("jpeg", f"{ss_name} (patched sof)", "handmade", sof_patch(buf.getvalue(), w, h, dst[0] << 4 | dst[1]),
                      label(kind, w, h, f"q{q}"), "jpg")
    if not quick:
        c.pil(pil("photo", 2000, 2000), "jpeg", "large", "baseline 2000x2000", "jpg", quality=90)
        c.pil(pil("photo", 2000, 2000), "jpeg", "large", "progressive 2000x2000", "jpg", progressive=True, subsampling="4:4:4")


def gif(c: Corpus, quick: bool):
    for n in (2, 4, 16, 64, 256):
        for kind, w, h in cycle(2, n):
            c.pil(Image.fromarray(rgb(kind, w, h)).quantize(n, dither=Image.Dither.NONE), "gif", f"pillow P {n} colours",
                  label(kind, w, h))
    for kind, w, h in cycle(3, 4):
        c.pil(pil(kind, w, h, "L"), "gif", "pillow L (grey palette)", label(kind, w, h))
        c.pil(pil(kind, w, h), "gif", "pillow RGB (quantised by Pillow)", label(kind, w, h))
        c.pil(pil(kind, w, h, "P"), "gif", "pillow transparency", label(kind, w, h), transparency=int(quant(kind, w, h, 256)[0][0, 0]))
        c.pil(pil(kind, w, h, "P"), "gif", "pillow interlace=0", label(kind, w, h), interlace=0)
        c.pil(pil(kind, w, h, "P"), "gif", "pillow optimize=False", label(kind, w, h), optimize=False)
    c.pil(pil("photo", 300, 200, "P"), "gif", "pillow interlaced 300x200")
    frames = [pil(k, 64, 48, "P") for k in ("photo", "diagram", "checker", "noise")]
    for disp in (0, 1, 2, 3):
        c.pil(frames[disp], "gif", f"pillow animated disposal {disp}", save_all=True, append_images=frames, disposal=disp,
              duration=50, loop=0)
    c.pil(pil("diagram", 64, 48, "RGBA"), "gif", "pillow RGBA (transparent colour)")
    # hand-made: global/local/no palette, offsets, interlace, disposal, 87a
    h_ = "handmade"
    for kind, w, h in [("photo", 64, 48), ("pixelart", 33, 31), ("noise", 100, 75), ("diagram", 17, 9), ("flat", 1, 1)]:
        idx, pal = quant(kind, w, h, 256)
        lab = label(kind, w, h)
        c.add("gif", "global palette", h_, gif_encode(w, h, [{"idx": idx}], gpal=pal), lab)
        c.add("gif", "local palette only", h_, gif_encode(w, h, [{"idx": idx, "pal": pal}]), lab)
        c.add("gif", "global+local palette", h_, gif_encode(w, h, [{"idx": idx, "pal": pal}], gpal=pal[::-1]), lab)
        c.add("gif", "interlaced", h_, gif_encode(w, h, [{"idx": idx, "interlace": 1}], gpal=pal), lab)
        c.add("gif", "gif87a", h_, gif_encode(w, h, [{"idx": idx}], gpal=pal, version=b"GIF87a"), lab)
        c.add("gif", "transparency index", h_, gif_encode(w, h, [{"idx": idx, "trans": int(idx[0, 0])}], gpal=pal), lab)
    for kind, (sw, sh), (x, y, w, h), trans in [
            ("photo", (40, 30), (5, 7, 20, 10), None), ("pixelart", (64, 48), (10, 3, 33, 31), 0),
            ("diagram", (100, 80), (0, 40, 100, 40), None), ("noise", (20, 20), (19, 19, 1, 1), None)]:
        idx, pal = quant(kind, w, h, 16)
        for bg in (0, 3):
            c.add("gif", "first frame offset in screen", h_, gif_encode(sw, sh, [{"idx": idx, "x": x, "y": y, "trans": trans}],
                                                                       gpal=pal, bg=bg), label(kind, w, h, f"at {x},{y} bg{bg}"))
    idx, pal = quant("photo", 64, 48, 16)
    c.add("gif", "first frame offset, local palette", h_, gif_encode(80, 60, [{"idx": idx, "x": 8, "y": 6, "pal": pal}]))
    c.add("gif", "no palette at all", h_, gif_encode(64, 48, [{"idx": idx}]))
    c.add("gif", "index past palette (lzw size 4, 8 colours)", h_, gif_encode(64, 48, [{"idx": idx, "min_size": 4}], gpal=pal[:8]))
    c.add("gif", "lzw size 8 for 16 colours", h_, gif_encode(64, 48, [{"idx": idx, "min_size": 8}], gpal=pal))
    c.add("gif", "2-colour (lzw min size 2)", h_, gif_encode(64, 48, [{"idx": idx & 1}], gpal=pal[:2]))
    c.add("gif", "grey identity palette", h_, gif_encode(64, 48, [{"idx": lum("photo", 64, 48)}],
                                                        gpal=np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, 1)))
    for disp in (0, 1, 2, 3):
        fr = [{"idx": quant("photo", 64, 48, 16)[0], "disposal": disp, "delay": 5},
              {"idx": quant("diagram", 20, 10, 16)[0], "x": 30, "y": 20, "disposal": disp, "trans": 0},
              {"idx": quant("noise", 8, 8, 16)[0], "x": 0, "y": 40, "pal": quant("noise", 8, 8, 16)[1]}]
        c.add("gif", f"animated offsets disposal {disp}", h_, gif_encode(64, 48, fr, gpal=pal, loop=0))
    fr = [{"idx": quant("pixelart", 10, 10, 4)[0], "x": 20, "y": 5, "disposal": 2},
          {"idx": quant("photo", 64, 48, 16)[0]}]
    c.add("gif", "animated small first frame", h_, gif_encode(64, 48, fr, gpal=pal, loop=0))
    if not quick:
        c.pil(pil("photo", 1000, 800, "P"), "gif", "pillow large", "photo 1000x800")


def tiff(c: Corpus, quick: bool):
    comps = ["raw", "tiff_lzw", "tiff_adobe_deflate", "packbits"]
    for mi, mode in enumerate(["1", "L", "LA", "P", "RGB", "RGBA", "I;16", "CMYK", "I", "F"]):
        for ci, comp in enumerate(comps):
            kind, w, h = cycle(4, mi)[ci]
            im = pil(kind, w, h, mode if mode not in ("I", "F") else "L")
            if mode in ("I", "F"):
                im = im.convert(mode)
            c.pil(im, "tiff", f"pillow {mode} {comp}", label(kind, w, h), "tif", compression=comp)
    # 32-bit grey beyond 0..255 and between integers: Pillow clips "I", and truncates "F".
    c.pil(Image.fromarray(lum("photo", 64, 48).astype(np.float32) * 1.37 - 20.6), "tiff", "pillow F fractional beyond 0..255", ext="tif")
    c.pil(Image.fromarray(lum("photo", 64, 48).astype(np.int32) * 4 - 300), "tiff", "pillow I beyond 0..255", ext="tif")
    c.pil(pil("photo", 64, 48), "tiff", "pillow RGB jpeg", ext="tif", compression="jpeg")
    c.pil(pil("photo", 64, 48, "L"), "tiff", "pillow L jpeg", ext="tif", compression="jpeg")
    # Several strips (Pillow's are about 64 KiB), the last one shorter.
    c.pil(pil("photo", 301, 203), "tiff", "pillow RGB jpeg strips", "photo 301x203", "tif", compression="jpeg", quality=40)
    c.pil(pil("diagram", 301, 203, "L"), "tiff", "pillow L jpeg strips", "diagram 301x203", "tif", compression="jpeg")
    c.pil(pil("photo", 64, 48).convert("CMYK"), "tiff", "pillow CMYK jpeg", ext="tif", compression="jpeg")
    for comp in ("group3", "group4", "tiff_ccitt"):
        c.pil(pil("diagram", 100, 75, "1"), "tiff", f"pillow 1 {comp}", ext="tif", compression=comp)
        # Two strips (Pillow's are about 64 KiB); photometric WhiteIsZero.
        c.pil(pil("noise", 1000, 700, "1"), "tiff", f"pillow 1 {comp} strips", "noise 1000x700", "tif", compression=comp)
        c.pil(pil("diagram", 100, 75, "1"), "tiff", f"pillow 1 {comp} white is zero", ext="tif", compression=comp,
              tiffinfo={262: 0})
    # T.4 options: two-dimensional coding (bit 0), end-of-line codes byte-aligned (bit 2);
    # bits stored lowest first (FillOrder 2).
    for name, info in (("2d", {292: 1}), ("2d fill bits", {292: 5}), ("fill bits", {292: 4}), ("fill order 2", {266: 2})):
        c.pil(pil("diagram", 100, 75, "1"), "tiff", f"pillow 1 group3 {name}", ext="tif", compression="group3", tiffinfo=info)
    for rps in (1, 7, 16):
        for comp in ("raw", "tiff_lzw", "tiff_adobe_deflate"):
            c.pil(pil("photo", 64, 48), "tiff", f"pillow strips of {rps} rows", comp, "tif", compression=comp, tiffinfo={278: rps})
    c.pil(pil("photo", 127, 64), "tiff", "pillow strip_size 1000", ext="tif", compression="tiff_lzw", strip_size=1000)
    c.pil(pil("photo", 127, 64), "tiff", "pillow predictor 2 lzw", ext="tif", compression="tiff_lzw", tiffinfo={317: 2})
    c.pil(pil("photo", 64, 48), "tiff", "pillow multi-page", ext="tif", save_all=True,
          append_images=[pil("noise", 100, 75, "L"), pil("diagram", 10, 10, "RGBA")])
    c.pil(pil("diagram", 10, 10, "L"), "tiff", "pillow multi-page", "grey first", "tif", save_all=True,
          append_images=[pil("photo", 64, 48)], compression="tiff_adobe_deflate")
    c.pil(pil("photo", 64, 48, "YCbCr"), "tiff", "pillow YCbCr", ext="tif")
    c.pil(pil("photo", 64, 48), "tiff", "pillow big_tiff", ext="tif", big_tiff=True)
    h_ = "handmade"
    for kind, w, h in [("photo", 127, 64), ("diagram", 33, 31), ("noise", 16, 16)]:
        lab = label(kind, w, h)
        px = rgb(kind, w, h)
        for tile, comp, pred in [((16, 16), 1, 1), ((32, 16), 8, 1), ((16, 32), 8, 2), ((16, 16), 32773, 1)]:
            c.add("tiff", f"tiles {tile[0]}x{tile[1]} comp{comp}{' pred2' if pred == 2 else ''}", h_,
                  tiff_encode(px, 2, 8, tile=tile, compression=comp, predictor_=pred), lab, "tif")
        c.add("tiff", "tiles rgba", h_, tiff_encode(rgba(kind, w, h), 2, 8, tile=(16, 16), compression=8, extra=2), lab, "tif")
        c.add("tiff", "predictor 2 strips", h_, tiff_encode(px, 2, 8, rps=5, compression=8, predictor_=2), lab, "tif")
        c.add("tiff", "packbits strips (handmade)", h_, tiff_encode(px, 2, 8, rps=3, compression=32773), lab, "tif")
        for order in "<>":
            e = "le" if order == "<" else "be"
            c.add("tiff", f"rgb 16bit {e}", h_, tiff_encode(rgb16(kind, w, h), 2, 16, rps=8, order=order), lab, "tif")
            c.add("tiff", f"grey 16bit {e}", h_, tiff_encode(lum16(kind, w, h)[..., None], 1, 16, order=order), lab, "tif")
            c.add("tiff", f"rgba 16bit {e}", h_, tiff_encode(np.dstack([rgb16(kind, w, h), alpha16(w, h)]), 2, 16,
                                                          order=order, extra=2, compression=8), lab, "tif")
        c.add("tiff", "rgb 16bit deflate pred2", h_, tiff_encode(rgb16(kind, w, h), 2, 16, compression=8, predictor_=2), lab, "tif")
        c.add("tiff", "big-endian rgb 8bit", h_, tiff_encode(px, 2, 8, rps=4, order=">"), lab, "tif")
        c.add("tiff", "planar separate", h_, tiff_encode(px, 2, 8, planar=2, rps=16), lab, "tif")
        c.add("tiff", "min-is-white 8bit", h_, tiff_encode(lum(kind, w, h)[..., None], 0, 8), lab, "tif")
        c.add("tiff", "min-is-white 1bit", h_, tiff_encode((lum(kind, w, h) >> 7)[..., None], 0, 1), lab, "tif")
        for d in (2, 4):
            c.add("tiff", f"grey {d}bit", h_, tiff_encode((lum(kind, w, h) >> (8 - d))[..., None], 1, d), lab, "tif")
        idx, pal = quant(kind, w, h, 16)
        cmap = np.zeros((16, 3), np.uint16)
        cmap[: len(pal)] = pal.astype(np.uint16) * 257
        c.add("tiff", "palette 4bit", h_, tiff_encode(idx[..., None], 3, 4, colormap=cmap.T.ravel()), lab, "tif")
        c.add("tiff", "rgba associated alpha", h_, tiff_encode(rgba(kind, w, h), 2, 8, extra=1), lab, "tif")
        c.add("tiff", "rgba unassociated alpha", h_, tiff_encode(rgba(kind, w, h), 2, 8, extra=2), lab, "tif")
        c.add("tiff", "rgb + unspecified extra sample", h_, tiff_encode(rgba(kind, w, h), 2, 8, extra=0), lab, "tif")
    if not quick:
        c.add("tiff", "large tiles", h_, tiff_encode(rgb("dgrad", 2000, 2000), 2, 8, tile=(256, 256), compression=8),
              "2000x2000", "tif")
        c.pil(pil("photo", 2000, 2000), "tiff", "pillow large lzw", ext="tif", compression="tiff_lzw")


def bmp(c: Corpus, quick: bool):
    for mode in ["1", "L", "P", "RGB", "RGBA"]:
        for kind, w, h in cycle(3, len(mode) + 1):
            c.pil(pil(kind, w, h, mode), "bmp", f"pillow {mode}", label(kind, w, h))
    h_ = "handmade"
    grey16 = np.repeat(np.arange(16, dtype=np.uint8)[:, None], 3, 1)
    grey256 = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, 1)
    for kind, w, h in [("photo", 64, 48), ("pixelart", 33, 31), ("diagram", 17, 9), ("noise", 1, 1), ("stripes", 5, 3)]:
        lab = label(kind, w, h)
        L = lum(kind, w, h)
        bw = (L >> 7)[..., None]
        c.add("bmp", "1bit black/white", h_, bmp_encode(w, h, 1, pack(bw.reshape(h, -1), 1), palette=[(0, 0, 0), (255, 255, 255)]), lab)
        c.add("bmp", "1bit white/black", h_, bmp_encode(w, h, 1, pack(bw.reshape(h, -1), 1), palette=[(255, 255, 255), (0, 0, 0)]), lab)
        c.add("bmp", "1bit colour", h_, bmp_encode(w, h, 1, pack(bw.reshape(h, -1), 1), palette=[(200, 30, 40), (10, 90, 250)]), lab)
        idx, pal = quant(kind, w, h, 16)
        c.add("bmp", "4bit colour", h_, bmp_encode(w, h, 4, pack(idx, 4), palette=pal), lab)
        c.add("bmp", "4bit grey identity 0..15", h_, bmp_encode(w, h, 4, pack(L >> 4, 4), palette=grey16), lab)
        c.add("bmp", "4bit grey ramp x17", h_, bmp_encode(w, h, 4, pack(L >> 4, 4), palette=grey16 * 17), lab)
        idx8, pal8 = quant(kind, w, h, 256)
        c.add("bmp", "8bit colour", h_, bmp_encode(w, h, 8, idx8, palette=pal8), lab)
        c.add("bmp", "8bit grey identity", h_, bmp_encode(w, h, 8, L, palette=grey256), lab)
        c.add("bmp", "8bit short palette (clrUsed)", h_, bmp_encode(w, h, 8, idx, palette=pal), lab)
        pal256 = np.vstack([pal8, np.zeros((256 - len(pal8), 3), np.uint8)])
        c.add("bmp", "8bit clrUsed 0 (implicit 256)", h_, bmp_encode(w, h, 8, idx8, palette=pal256, clr_used=0), lab)
        c.add("bmp", "8bit topdown", h_, bmp_encode(w, h, 8, idx8, palette=pal8, topdown=True), lab)
        c.add("bmp", "8bit os2 core header", h_, bmp_encode(w, h, 8, idx8, palette=pal256, header=12), lab)
        px = rgb(kind, w, h).astype(np.uint16)
        r, g, b = px[..., 0], px[..., 1], px[..., 2]
        v555 = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)
        v565 = ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3)
        v444 = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4)
        as16 = lambda v: v.astype("<u2").view(np.uint8).reshape(h, -1)  # noqa: E731
        c.add("bmp", "16bit 555 (bi_rgb)", h_, bmp_encode(w, h, 16, as16(v555)), lab)
        c.add("bmp", "16bit bitfields 555", h_, bmp_encode(w, h, 16, as16(v555), compression=3, masks=(0x7C00, 0x3E0, 0x1F)), lab)
        c.add("bmp", "16bit bitfields 565", h_, bmp_encode(w, h, 16, as16(v565), compression=3, masks=(0xF800, 0x7E0, 0x1F)), lab)
        c.add("bmp", "16bit bitfields 565 v5 header", h_, bmp_encode(w, h, 16, as16(v565), compression=3, masks=(0xF800, 0x7E0, 0x1F),
                                                                    header=124), lab)
        c.add("bmp", "16bit bitfields 444 (unusual)", h_,
              bmp_encode(w, h, 16, as16(v444), compression=3, masks=(0xF00, 0xF0, 0xF)), lab)
        bgr = rgb(kind, w, h)[..., ::-1]
        c.add("bmp", "24bit", h_, bmp_encode(w, h, 24, bgr.reshape(h, -1)), lab)
        c.add("bmp", "24bit topdown", h_, bmp_encode(w, h, 24, bgr.reshape(h, -1), topdown=True), lab)
        c.add("bmp", "24bit os2 core header", h_, bmp_encode(w, h, 24, bgr.reshape(h, -1), header=12), lab)
        c.add("bmp", "24bit v5 header", h_, bmp_encode(w, h, 24, bgr.reshape(h, -1), header=124), lab)
        bgra = np.dstack([bgr, alpha(w, h)]).reshape(h, -1)
        c.add("bmp", "32bit bi_rgb (alpha bytes set)", h_, bmp_encode(w, h, 32, bgra), lab)
        c.add("bmp", "32bit bitfields bgrx", h_, bmp_encode(w, h, 32, bgra, compression=3, masks=(0xFF0000, 0xFF00, 0xFF)), lab)
        c.add("bmp", "32bit v4 bitfields with alpha", h_, bmp_encode(w, h, 32, bgra, compression=3, header=108,
                                                                    masks=(0xFF0000, 0xFF00, 0xFF, 0xFF000000)), lab)
        c.add("bmp", "32bit v5 bitfields with alpha topdown", h_, bmp_encode(w, h, 32, bgra, compression=3, header=124, topdown=True,
                                                                            masks=(0xFF0000, 0xFF00, 0xFF, 0xFF000000)), lab)
        c.add("bmp", "32bit alphabitfields (compression 6)", h_, bmp_encode(w, h, 32, bgra, compression=6,
                                                                          masks=(0xFF0000, 0xFF00, 0xFF, 0xFF000000)), lab)
        c.add("bmp", "rle8", h_, bmp_encode(w, h, 8, palette=pal8, compression=1, data=bmp_rle(idx8, False)), lab)
        c.add("bmp", "rle8 delta", h_, bmp_encode(w, h, 8, palette=pal8, compression=1, data=bmp_rle(idx8, False, delta=True)), lab)
        c.add("bmp", "rle8 early end", h_, bmp_encode(w, h, 8, palette=pal8, compression=1,
                                                    data=bmp_rle(idx8, False, early_end=True)), lab)
        c.add("bmp", "rle4", h_, bmp_encode(w, h, 4, palette=pal, compression=2, data=bmp_rle(idx, True, odd=False)), lab)
        c.add("bmp", "rle4 odd absolute runs", h_, bmp_encode(w, h, 4, palette=pal, compression=2, data=bmp_rle(idx, True)), lab)
        c.add("bmp", "rle4 delta", h_, bmp_encode(w, h, 4, palette=pal, compression=2, data=bmp_rle(idx, True, delta=True)), lab)
    one = np.zeros((1, 1), np.uint8)
    c.add("bmp", "1x1 palette", h_, bmp_encode(1, 1, 8, one, palette=[(10, 200, 30)]), "8bit one colour")
    c.add("bmp", "1x1 palette", h_, bmp_encode(1, 1, 1, pack(one, 1), palette=[(10, 200, 30), (0, 0, 0)]), "1bit")
    c.add("bmp", "1x1 palette", h_, bmp_encode(1, 1, 4, pack(one + 3, 4), palette=grey16 * 17), "4bit grey ramp")
    c.pil(Image.new("P", (1, 1), 0), "bmp", "1x1 palette", "pillow P without palette (clrUsed 0, no table)")
    one = Image.new("P", (1, 1), 1)
    one.putpalette([0, 0, 0, 250, 100, 5])
    c.pil(one, "bmp", "1x1 palette", "pillow P 2 colours")
    if not quick:
        c.add("bmp", "large 24bit", h_, bmp_encode(1500, 1000, 24, rgb("photo", 1500, 1000)[..., ::-1].reshape(1000, -1)), "photo")


def webp(c: Corpus, quick: bool):
    for q in (10, 50, 90, 100):
        for kind, w, h in cycle(2, q % 7):
            c.pil(pil(kind, w, h), "webp", "lossy", label(kind, w, h, f"q{q}"), quality=q)
    for kind, w, h in cycle(3, 1):
        c.pil(pil(kind, w, h), "webp", "lossless", label(kind, w, h), lossless=True)
        c.pil(pil(kind, w, h, "RGBA"), "webp", "lossless alpha exact", label(kind, w, h), lossless=True, exact=True)
        c.pil(pil(kind, w, h, "RGBA"), "webp", "lossy alpha", label(kind, w, h), quality=80, alpha_quality=50)
        c.pil(pil(kind, w, h, "L"), "webp", "lossy from L", label(kind, w, h))
    c.pil(pil("photo", 64, 48), "webp", "lossy method 0", method=0)
    c.pil(pil("photo", 64, 48), "webp", "lossy method 6", method=6)
    frames = [pil(k, 64, 48, "RGBA") for k in ("photo", "diagram", "checker")]
    c.pil(frames[0], "webp", "animated", "rgba", save_all=True, append_images=frames[1:], duration=100)
    c.pil(pil("photo", 64, 48), "webp", "animated", "lossless rgb", save_all=True, append_images=[pil("noise", 64, 48)], lossless=True)
    if not quick:
        c.pil(pil("photo", 2000, 2000), "webp", "large lossy", "2000x2000")


def pnm(c: Corpus, quick: bool):
    for mode, variant in [("1", "pillow P4"), ("L", "pillow P5"), ("RGB", "pillow P6"), ("I;16", "pillow P5 16bit")]:
        for kind, w, h in cycle(3, len(variant)):
            ext = {"1": "pbm", "L": "pgm", "I;16": "pgm"}.get(mode, "ppm")
            c.pil(pil(kind, w, h, mode), "pnm", variant, label(kind, w, h), ext)
    h_ = "handmade"
    for kind, w, h in [("photo", 33, 31), ("pixelart", 17, 9), ("flat", 1, 1)]:
        lab = label(kind, w, h)
        L, px = lum(kind, w, h), rgb(kind, w, h)
        c.add("pnm", "P1 ascii", h_, pnm_plain("P1", 1 - (L >> 7)), lab, "pbm")
        c.add("pnm", "P2 ascii 255", h_, pnm_plain("P2", L, 255), lab, "pgm")
        c.add("pnm", "P2 ascii maxval 15", h_, pnm_plain("P2", L >> 4, 15), lab, "pgm")
        c.add("pnm", "P2 ascii maxval 1000", h_, pnm_plain("P2", (L.astype(int) * 1000) // 255, 1000), lab, "pgm")
        c.add("pnm", "P3 ascii 255", h_, pnm_plain("P3", px, 255), lab, "ppm")
        c.add("pnm", "P3 ascii maxval 7", h_, pnm_plain("P3", px >> 5, 7), lab, "ppm")
        c.add("pnm", "P3 ascii maxval 65535", h_, pnm_plain("P3", rgb16(kind, w, h), 65535), lab, "ppm")
        c.add("pnm", "P5 maxval 15", h_, pnm_raw("P5", L >> 4, 15), lab, "pgm")
        c.add("pnm", "P5 maxval 1000", h_, pnm_raw("P5", (L.astype(int) * 1000) // 255, 1000), lab, "pgm")
        c.add("pnm", "P5 maxval 65535", h_, pnm_raw("P5", lum16(kind, w, h), 65535), lab, "pgm")
        c.add("pnm", "P6 comment", h_, pnm_raw("P6", px, 255, comment=True), lab, "ppm")
        c.add("pnm", "P6 maxval 100", h_, pnm_raw("P6", (px.astype(int) * 100) // 255, 100), lab, "ppm")
        c.add("pnm", "P6 maxval 1000", h_, pnm_raw("P6", (px.astype(int) * 1000) // 255, 1000), lab, "ppm")
        c.add("pnm", "P6 maxval 65535", h_, pnm_raw("P6", rgb16(kind, w, h), 65535), lab, "ppm")
    px = rgba("photo", 33, 31)
    pam = b"P7\nWIDTH 33\nHEIGHT 31\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n"
    c.add("pnm", "P7 pam rgb_alpha", h_, pam + px.tobytes(), ext="pam")
    c.add("pnm", "Pf float grey", h_, b"Pf\n33 31\n-1.0\n" + (lum("photo", 33, 31)[::-1] / 255).astype("<f4").tobytes(), ext="pfm")
    # Values beyond 0..255 and between integers (Pillow clips and truncates), both byte
    # orders, a comment in the header, and data cut short.
    vals = lum("photo", 33, 31).astype(np.float32) * 1.2 - 10.3
    c.add("pnm", "Pf float grey big-endian beyond 0..255", h_, b"Pf\n33 31\n1.0\n" + vals[::-1].astype(">f4").tobytes(), ext="pfm")
    c.add("pnm", "Pf float grey comment", h_, b"Pf\n# corpus\n33 31\n-2.5\n" + vals[::-1].astype("<f4").tobytes(), ext="pfm")
    c.add("pnm", "Pf truncated", h_, (b"Pf\n33 31\n-1.0\n" + vals.astype("<f4").tobytes())[:2000], ext="pfm")


def tga(c: Corpus, quick: bool):
    for mode in ["L", "LA", "P", "RGB", "RGBA"]:
        for i, (kind, w, h) in enumerate(cycle(2, len(mode))):
            c.pil(pil(kind, w, h, mode), "tga", f"pillow {mode}", label(kind, w, h), orientation=1 if i else -1)
            c.pil(pil(kind, w, h, mode), "tga", f"pillow {mode} rle", label(kind, w, h), compression="tga_rle")
    for kind, w, h in [("photo", 33, 31), ("hgrad", 64, 2)]:
        px = rgb(kind, w, h).astype(np.uint16)
        v = ((px[..., 0] >> 3) << 10) | ((px[..., 1] >> 3) << 5) | (px[..., 2] >> 3)
        bgr = rgb(kind, w, h)[..., ::-1]
        for name, depth, desc, pix, idtext in [
                ("16bit top-left attribute bit set", 16, 0x21, (v | 0x8000).astype("<u2")[..., None].view(np.uint8), b""),
                ("16bit bottom-left attribute bit clear", 16, 0x00, v.astype("<u2")[..., None].view(np.uint8), b""),
                ("16bit top-right mixed attribute bits", 16, 0x30,
                 (v | ((np.arange(w)[None, :] % 3 == 0) << 15)).astype("<u2")[..., None].view(np.uint8), b""),
                ("24bit top-right (mirrored)", 24, 0x30, bgr, b""),
                ("24bit bottom-right (mirrored)", 24, 0x10, bgr, b""),
                ("32bit with id field", 32, 0x28, np.dstack([bgr, alpha(w, h)]), b"pixelpipe corpus")]:
            pix = pix.reshape(h, w, -1)
            pix = pix[::-1] if not desc & 0x20 else pix  # rows bottom-up unless top origin
            pix = pix[:, ::-1] if desc & 0x10 else pix  # columns right-to-left
            head = struct.pack("<BBBHHBHHHHBB", len(idtext), 0, 2, 0, 0, 0, 0, 0, w, h, depth, desc)
            c.add("tga", name, "handmade", head + idtext + np.ascontiguousarray(pix).tobytes(), label(kind, w, h))
        # 16-bit run-length (image type 10): packets within rows, bottom-up, some alpha bits set.
        words = (v | ((np.arange(h)[:, None] % 4 == 1) << 15)).astype("<u2")[::-1]
        head = struct.pack("<BBBHHBHHHHBB", 0, 0, 10, 0, 0, 0, 0, 0, w, h, 16, 0)
        c.add("tga", "16bit rle bottom-left", "handmade", head + b"".join(tga_rle16(row) for row in words), label(kind, w, h))


def tga_rle16(row) -> bytes:
    """One row of 16-bit pixels as TGA run-length packets: runs of equal pixels (2 or more)
    as repeat packets, the rest as raw packets, at most 128 pixels each."""
    out, i, n = bytearray(), 0, len(row)
    while i < n:
        j = i
        while j + 1 < n and row[j + 1] == row[i] and j + 1 - i < 127:
            j += 1
        if j > i:
            out += bytes([0x80 | (j - i)]) + int(row[i]).to_bytes(2, "little")
            i = j + 1
            continue
        j = i
        while j + 1 < n and row[j + 1] != row[j] and j + 1 - i < 127:
            j += 1
        out += bytes([j - i]) + row[i:j + 1].tobytes()
        i = j + 1
    return bytes(out)


def damaged(c: Corpus):
    d_ = "damaged"
    text = chunk(b"tEXt", b"Comment\0damaged")
    px, _ = png_px(2, 8, "photo", 64, 48)
    good = png_encode(px, 2, 8, before=[text], filt="mixed")
    idat = good.index(b"IDAT") - 4
    n_idat = struct.unpack(">I", good[idat : idat + 4])[0]
    end_idat = idat + 12 + n_idat
    c.add("png", "empty file", d_, b"")
    for name, data in [("signature only", good[:8]), ("truncated in IHDR", good[:20]),
                       ("truncated before IDAT", good[:idat]), ("truncated in IDAT 25%", good[: idat + 8 + n_idat // 4]),
                       ("truncated in IDAT 90%", good[: idat + 8 + n_idat * 9 // 10]),
                       ("truncated before IDAT crc", good[: end_idat - 4]), ("missing IEND", good[:end_idat]),
                       ("truncated in IEND", good[:-2]), ("trailing garbage after IEND", good + b"garbage!" * 50)]:
        c.add("png", name, d_, data)
    b = bytearray(good)
    b[end_idat - 1] ^= 0xFF
    c.add("png", "bad IDAT crc", d_, bytes(b))
    b = bytearray(good)
    t = good.index(b"tEXt")
    b[t + 4 + len(b"Comment\0damaged")] ^= 0xFF
    c.add("png", "bad tEXt crc", d_, bytes(b))
    zdata = bytearray(good[idat + 8 : end_idat - 4])
    zdata[-1] ^= 0xFF
    c.add("png", "bad adler32", d_, good[:idat] + chunk(b"IDAT", bytes(zdata)) + chunk(b"IEND", b""))
    rng = np.random.default_rng(7)
    c.add("png", "garbage after signature", d_, PNG_SIG + rng.integers(0, 256, 300, dtype=np.uint8).tobytes())
    ihdr = lambda w, h, d, ct: chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, d, ct, 0, 0, 0))  # noqa: E731
    body = good[33:]
    c.add("png", "invalid depth for rgb (4)", d_, PNG_SIG + ihdr(64, 48, 4, 2) + body)
    c.add("png", "zero width", d_, PNG_SIG + ihdr(0, 48, 8, 2) + body)
    c.add("png", "huge dimensions claim", d_, PNG_SIG + ihdr(100000, 100000, 8, 2) + body)
    c.add("png", "no IDAT", d_, PNG_SIG + ihdr(64, 48, 8, 2) + chunk(b"IEND", b""))
    idx, pal = quant("pixelart", 64, 48, 16)
    pal_png = png_encode(idx[..., None], 3, 4, palette=pal)
    c.add("png", "palette without PLTE", d_, pal_png.replace(chunk(b"PLTE", pal.tobytes()), b""))
    c.add("png", "index past PLTE", d_, png_encode(np.minimum(idx + 8, 15)[..., None], 3, 4, palette=pal[:4]))
    raw = filter_rows(px.reshape(48, -1), 3, 0, None)
    with_idat = lambda data: good[:idat] + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b"")  # noqa: E731
    c.add("png", "zlib data short (rows missing)", d_, with_idat(raw[: len(raw) // 2]))
    c.add("png", "zlib data long (extra rows)", d_, with_idat(raw + raw[:600]))
    bad = bytearray(raw)
    bad[(64 * 3 + 1) * 10] = 5
    c.add("png", "invalid filter type 5", d_, with_idat(bytes(bad)))
    # JPEG
    buf = io.BytesIO()
    Image.fromarray(rgb("photo", 64, 48)).save(buf, "JPEG", quality=85)
    j = buf.getvalue()
    sos = j.index(b"\xff\xda")
    for name, data in [("truncated after SOI", j[:2]), ("truncated in header", j[: sos // 2]),
                       ("truncated in scan 50%", j[: (sos + len(j)) // 2]), ("missing EOI", j[:-2]),
                       ("garbage after EOI", j + b"\0garbage" * 20)]:
        c.add("jpeg", name, d_, data, ext="jpg")
    b = bytearray(j)
    for k in range(sos + 200, len(j) - 100, 97):
        b[k] = 0x00 if b[k] != 0xFF else b[k]
    c.add("jpeg", "corrupt scan bytes", d_, bytes(b), ext="jpg")
    # GIF / BMP / TIFF / WebP / PNM
    idx, pal = quant("photo", 64, 48, 256)
    g = gif_encode(64, 48, [{"idx": idx}], gpal=pal)
    for name, data in [("truncated in lzw", g[: len(g) * 2 // 3]), ("missing trailer", g[:-1]), ("header only", g[:13])]:
        c.add("gif", name, d_, data)
    bm = bmp_encode(64, 48, 24, rgb("photo", 64, 48)[..., ::-1].reshape(48, -1))
    c.add("bmp", "truncated pixels", d_, bm[: len(bm) // 2])
    c.add("bmp", "file header only", d_, bm[:14])
    t = tiff_encode(rgb("photo", 64, 48), 2, 8, rps=8)
    c.add("tiff", "truncated (ifd lost)", d_, t[: len(t) // 2], ext="tif")
    c.add("tiff", "header only", d_, t[:8], ext="tif")
    # Fax data with bad code words a third of the way into its strip.
    for comp in ("group3", "tiff_ccitt"):
        buf = io.BytesIO()
        pil("diagram", 100, 75, "1").save(buf, "TIFF", compression=comp)
        tags = Image.open(io.BytesIO(buf.getvalue())).tag_v2
        b, at = bytearray(buf.getvalue()), tags[273][0] + tags[279][0] // 3
        b[at:at + 40] = b"\xff" * 40
        c.add("tiff", f"{comp} bad code words", d_, bytes(b), ext="tif")
    buf = io.BytesIO()
    Image.fromarray(rgb("photo", 64, 48)).save(buf, "WEBP", quality=80)
    w = buf.getvalue()
    c.add("webp", "truncated", d_, w[: len(w) // 2])
    p6 = pnm_raw("P6", rgb("photo", 64, 48), 255)
    c.add("pnm", "truncated P6", d_, p6[: len(p6) // 2], ext="ppm")
    c.add("pnm", "header only", d_, b"P6\n64 48\n255\n", ext="ppm")


# -------------------------------------------------------------------- external writers


def run(cmd, timeout=300) -> bool:
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        return True
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        err = getattr(e, "stderr", b"") or b""
        print(f"note: failed: {' '.join(map(str, cmd))}: {err.decode(errors='replace').strip()[:200] or e}")
        return False


def vips_writer(c: Corpus, vips: str, tmp: pathlib.Path, quick: bool):
    srcs = {}
    for name, im in [("rgb", pil("photo", 127, 64)), ("rgba", pil("diagram", 100, 75, "RGBA")), ("grey", pil("photo", 64, 48, "L")),
                     ("art", pil("pixelart", 64, 48))]:
        srcs[name] = tmp / f"src-{name}.png"
        im.save(srcs[name])
    srcs["rgb16"] = tmp / "src-rgb16.png"
    srcs["rgb16"].write_bytes(png_encode(rgb16("dgrad", 64, 48), 2, 16))
    jobs = [  # (format, variant, writer, source, operation, extension, options)
        ("png", "vips compression 0", "png", "rgb", "pngsave", ["--compression", "0"]),
        ("png", "vips compression 9", "png", "rgb", "pngsave", ["--compression", "9"]),
        ("png", "vips interlace", "png", "rgb", "pngsave", ["--interlace"]),
        ("png", "vips interlace rgba", "png", "rgba", "pngsave", ["--interlace"]),
        ("png", "vips interlace grey", "png", "grey", "pngsave", ["--interlace"]),
        ("png", "vips palette 8bit", "png", "art", "pngsave", ["--palette"]),
        ("png", "vips palette 4bit", "png", "rgb", "pngsave", ["--palette", "--bitdepth", "4"]),
        ("png", "vips palette 2bit interlace", "png", "art", "pngsave", ["--palette", "--bitdepth", "2", "--interlace"]),
        ("png", "vips palette rgba", "png", "rgba", "pngsave", ["--palette"]),
        ("png", "vips grey 1bit", "png", "grey", "pngsave", ["--bitdepth", "1"]),
        ("png", "vips grey 4bit", "png", "grey", "pngsave", ["--bitdepth", "4"]),
        ("png", "vips 16bit", "png", "rgb16", "pngsave", []),
        ("png", "vips 16bit interlace", "png", "rgb16", "pngsave", ["--interlace"]),
        ("png", "vips 8->16bit", "png", "rgb", "pngsave", ["--bitdepth", "16"]),
        ("png", "vips filter none", "png", "rgb", "pngsave", ["--filter", "none"]),
        ("png", "vips filter paeth", "png", "rgb", "pngsave", ["--filter", "paeth"]),
        ("png", "vips filter all", "png", "rgba", "pngsave", ["--filter", "all"]),
        ("jpeg", "vips restart interval", "jpg", "rgb", "jpegsave", ["--restart-interval", "2"]),
        ("jpeg", "vips progressive", "jpg", "rgb", "jpegsave", ["--interlace", "--optimize-coding"]),
        ("jpeg", "vips 4:4:4", "jpg", "rgb", "jpegsave", ["--subsample-mode", "off", "--Q", "92"]),
        ("jpeg", "vips grey", "jpg", "grey", "jpegsave", ["--Q", "60"]),
        ("jpeg", "vips trellis+scans", "jpg", "rgb", "jpegsave", ["--trellis-quant", "--optimize-scans", "--interlace"]),
        ("tiff", "vips tiled deflate pred", "tif", "rgb", "tiffsave", ["--tile", "--tile-width", "32", "--tile-height", "32",
                                                                      "--compression", "deflate", "--predictor", "horizontal"]),
        ("tiff", "vips tiled lzw rgba", "tif", "rgba", "tiffsave", ["--tile", "--tile-width", "16", "--tile-height", "16",
                                                                    "--compression", "lzw"]),
        ("tiff", "vips tiled jpeg", "tif", "rgb", "tiffsave", ["--tile", "--tile-width", "64", "--tile-height", "64",
                                                               "--compression", "jpeg"]),
        ("tiff", "vips jpeg strips", "tif", "rgb", "tiffsave", ["--compression", "jpeg", "--Q", "85"]),
        ("tiff", "vips tiled jpeg edges", "tif", "rgb", "tiffsave", ["--tile", "--tile-width", "48", "--tile-height", "48",
                                                                     "--compression", "jpeg"]),
        ("tiff", "vips jpeg grey", "tif", "grey", "tiffsave", ["--compression", "jpeg"]),
        ("tiff", "vips packbits", "tif", "rgba", "tiffsave", ["--compression", "packbits"]),
        ("tiff", "vips pyramid", "tif", "rgb", "tiffsave", ["--tile", "--pyramid", "--tile-width", "32", "--tile-height", "32"]),
        ("tiff", "vips grey 1bit", "tif", "grey", "tiffsave", ["--bitdepth", "1"]),
        ("tiff", "vips grey 4bit", "tif", "grey", "tiffsave", ["--bitdepth", "4"]),
        ("tiff", "vips 16bit rgb", "tif", "rgb16", "tiffsave", ["--compression", "lzw"]),
        ("tiff", "vips zstd", "tif", "rgb", "tiffsave", ["--compression", "zstd"]),
        ("tiff", "vips webp-compressed", "tif", "rgb", "tiffsave", ["--compression", "webp"]),
        ("gif", "vips cgif", "gif", "rgb", "gifsave", []),
        ("gif", "vips cgif interlace", "gif", "art", "gifsave", ["--interlace"]),
        ("gif", "vips cgif rgba", "gif", "rgba", "gifsave", []),
        ("webp", "vips near-lossless", "webp", "rgb", "webpsave", ["--near-lossless"]),
        ("webp", "vips smart-subsample", "webp", "rgba", "webpsave", ["--smart-subsample", "--Q", "70"]),
        ("pnm", "vips ppm ascii", "ppm", "rgb", "ppmsave", ["--ascii"]),
        ("pnm", "vips pbm 1bit", "pbm", "grey", "ppmsave", ["--bitdepth", "1"]),
    ]
    libs = {"png": "libpng(vips)", "jpeg": "libjpeg(vips)", "tiff": "libtiff(vips)", "gif": "cgif(vips)",
            "webp": "libwebp(vips)", "pnm": "vips"}
    for fmt, variant, ext, src, op, opts in jobs:
        out = tmp / f"out.{ext}"
        out.unlink(missing_ok=True)
        if run([vips, op, str(srcs[src]), str(out), *opts]):
            c.add(fmt, variant, libs[fmt], out.read_bytes(), src, ext)
    if not quick:
        big = tmp / "big.png"
        pil("photo", 2000, 2000).save(big, compress_level=1)
        for variant, op, ext, opts in [("vips large interlace", "pngsave", "png", ["--interlace"]),
                                       ("vips large tiled", "tiffsave", "tif", ["--tile", "--compression", "deflate"])]:
            out = tmp / f"out.{ext}"
            if run([vips, op, str(big), str(out), *opts]):
                c.add(ext.replace("tif", "tiff"), variant, libs[ext.replace("tif", "tiff")], out.read_bytes(), "photo 2000x2000", ext)


def pixelpipe_writer(c: Corpus, binary: str, tmp: pathlib.Path, quick: bool):
    jobs = [("gradient", "2000x2000", 4), ("gradient", "4000x3000", 4), ("gradient", "10000x100", 4),
            ("gradient", "100x10000", 4), ("gradient", "2000x2000", 3)]
    if quick:
        jobs = jobs[2:4]
    for kind in ["grid", "gradient", "checkerboard", "noise", "visual"]:
        for size in ("1x1", "17x9", "64x48", "300x200"):
            jobs.append((kind, size, 3 if size in ("17x9", "300x200") else 4))
    for kind, size, ch in jobs:
        out = tmp / "synth.png"
        if run([binary, "synth", kind, size, "-o", str(out), "--channels", str(ch)]):
            c.add("png", f"pixelpipe synth {kind}" + (" large" if "000" in size else ""), "pixelpipe", out.read_bytes(),
                  f"{size} ch{ch}")
    for ext, fmt in [("jpg", "jpeg"), ("bmp", "bmp"), ("tif", "tiff"), ("webp", "webp"), ("ppm", "pnm"), ("pam", "pnm")]:
        out = tmp / f"synth.{ext}"
        if run([binary, "synth", "visual", "127x64", "-o", str(out), "--channels", "3"]):
            c.add(fmt, "pixelpipe synth visual", "pixelpipe", out.read_bytes(), "127x64", ext)
    src = tmp / "src.png"
    pil("photo", 127, 64, "RGBA").save(src)
    for op in (["apply", "ChannelSwap"], ["run", "glitch-effect"]):
        out = tmp / "applied.png"
        if run([binary, *op, "-i", str(src), "-o", str(out), "--no-cache"]):
            c.add("png", f"pixelpipe {' '.join(op)}", "pixelpipe", out.read_bytes(), "photo 127x64 rgba")


# ------------------------------------------------------------------------------------ main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", type=pathlib.Path)
    ap.add_argument("--pixelpipe", metavar="BIN", help="pixelpipe binary: adds its own PNG/... output")
    ap.add_argument("--vips", metavar="BIN", help="vips CLI: adds libpng/libjpeg/libtiff/cgif/libwebp output")
    ap.add_argument("--quick", action="store_true", help="skip the large files")
    args = ap.parse_args()
    import PIL

    if PIL.__version__ != "11.3.0":
        print(f"warning: Pillow {PIL.__version__}, the reference is 11.3.0", file=sys.stderr)
    t0 = time.monotonic()
    out = args.outdir
    if out.exists():
        for sub in out.iterdir():
            if sub.is_dir() and sub.name in {"png", "jpeg", "gif", "tiff", "bmp", "webp", "pnm", "tga"}:
                shutil.rmtree(sub)
    out.mkdir(parents=True, exist_ok=True)
    c = Corpus(out)
    for section in (png_handmade, png_pillow, jpeg, gif, tiff, bmp, webp, pnm, tga):
        t = time.monotonic()
        section(c, args.quick)
        print(f"{section.__name__}: {time.monotonic() - t:.1f}s, {len(c.entries)} files so far")
    damaged(c)
    with tempfile.TemporaryDirectory() as tmp:
        if args.vips:
            t = time.monotonic()
            vips_writer(c, args.vips, pathlib.Path(tmp), args.quick)
            print(f"vips: {time.monotonic() - t:.1f}s")
        else:
            c.note("vips writer skipped (no --vips BIN)" + (f"; `{shutil.which('vips')}` exists" if shutil.which("vips") else ""))
        if args.pixelpipe:
            t = time.monotonic()
            pixelpipe_writer(c, args.pixelpipe, pathlib.Path(tmp), args.quick)
            print(f"pixelpipe: {time.monotonic() - t:.1f}s")
        else:
            c.note("pixelpipe writer skipped (no --pixelpipe BIN)")
    (out / "manifest.json").write_text(json.dumps(c.entries, indent=1) + "\n")
    total = sum((out / e["file"]).stat().st_size for e in c.entries)
    by_fmt, by_writer = {}, {}
    for e in c.entries:
        by_fmt[e["format"]] = by_fmt.get(e["format"], 0) + 1
        by_writer[e["writer"]] = by_writer.get(e["writer"], 0) + 1
    print("per format:", ", ".join(f"{k} {v}" for k, v in by_fmt.items()))
    print("per writer:", ", ".join(f"{k} {v}" for k, v in by_writer.items()))
    print(f"corpus: {len(c.entries)} files, {total / 1e6:.1f} MB in {out}, {time.monotonic() - t0:.1f}s")
    if len(c.entries) < 500:
        print("error: fewer than 500 files", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
