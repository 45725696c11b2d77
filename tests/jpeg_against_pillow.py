"""JPEG output against the original's encoder: Pillow 11.3.0.

For each input, pipeline and quality, pixelpipe writes the result twice, as PNG and as JPEG.
Pillow saves the PNG result as JPEG with the same quality (its defaults otherwise: 4:2:0,
baseline), and both JPEGs are decoded with Pillow: the pixels must be identical. An RGBA
result is flattened to RGB first, as pixelpipe does (alpha dropped, with a warning).

Usage: python tests/jpeg_against_pillow.py path/to/pixelpipe   (run by .ci/run in a venv)
"""

import io
import pathlib
import subprocess
import sys
import tempfile

import PIL
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> int:
    binary = sys.argv[1]
    assert PIL.__version__ == "11.3.0", PIL.__version__
    work = pathlib.Path(tempfile.mkdtemp())

    def pixelpipe(*args: str) -> None:
        subprocess.run([binary, *args, "--no-cache"], check=True, capture_output=True)

    # Inputs: odd sizes (partial MCUs), RGB and RGBA, a synthetic photo-like image, a JPEG.
    inputs = {
        "grad_rgb": ROOT / "tests/conformance/cases/preset_glitch_effect__grad_rgb_64x48/input.png",
        "noise_rgba": ROOT / "tests/conformance/cases/preset_glitch_effect__noise_rgba_37x23/input.png",
        "coins_jpg": ROOT / "tests/conformance-jpeg/cases/jpeg_chanswap__coins_q75_420/input.jpg",
    }
    visual = work / "visual.png"
    subprocess.run([binary, "synth", "visual", "333x251", "--channels", "3", "-o", str(visual)], check=True)
    inputs["visual"] = visual
    pipelines = [["run", "glitch-effect"], ["apply", "ChannelSwap"], ["apply", "Dither", "levels=4"]]
    qualities = [None, 95, 50, 10]

    passed, failed = 0, []
    for name, path in inputs.items():
        for pipeline in pipelines:
            for quality in qualities:
                label = f"{name} {' '.join(pipeline)} quality={quality or 'default'}"
                png, jpg = work / "out.png", work / "out.jpg"
                pixelpipe(*pipeline, "-i", str(path), "-o", str(png))
                extra = ["--quality", str(quality)] if quality else []
                pixelpipe(*pipeline, "-i", str(path), "-o", str(jpg), *extra)
                result = Image.open(png)
                if result.mode == "RGBA":
                    result = result.convert("RGB")
                buffer = io.BytesIO()
                result.save(buffer, "JPEG", **({"quality": quality} if quality else {}))
                theirs = Image.open(io.BytesIO(buffer.getvalue()))
                ours = Image.open(jpg)
                if (ours.mode, ours.size) == (theirs.mode, theirs.size) and ours.tobytes() == theirs.tobytes():
                    passed += 1
                else:
                    failed.append(label)
                    print(f"FAILED {label}: {ours.mode} {ours.size} vs {theirs.mode} {theirs.size}")
    print(f"jpeg-against-pillow: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
