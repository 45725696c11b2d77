"""The original's decoder, once for every script that checks against it: Pillow 11.3 opens
the file and the mode is normalised as the original does (docs/spec.md §2.2): "L" → RGB,
"RGB" and "RGBA" as they are, any other mode (P, LA, 1, I, I;16, CMYK, …) → RGBA."""

from __future__ import annotations

import numpy as np
from PIL import Image


def normalise(im: Image.Image) -> Image.Image:
    if im.mode == "L":
        return im.convert("RGB")
    if im.mode in ("RGB", "RGBA"):
        return im
    return im.convert("RGBA")


def pillow_pixels(source) -> tuple[str, np.ndarray]:
    """(the mode Pillow opened `source` in, its normalised (H, W, C) uint8 pixels); Pillow's
    exception where it refuses the file."""
    with Image.open(source) as im:
        im.load()
        return im.mode, np.array(normalise(im))
