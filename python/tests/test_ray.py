"""The Ray example over a folder of images on a local 2-CPU Ray: every output has the pixels
the command line gives for that file."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "debug" / "pixelpipe"

ray = pytest.importorskip("ray")


def test_the_ray_example_gives_the_command_line_pixels(tmp_path):
    folder, out, cli = tmp_path / "in", tmp_path / "out", tmp_path / "cli"
    folder.mkdir()
    rng = np.random.default_rng(5)
    for k in range(24):
        h, w = int(rng.integers(40, 200)), int(rng.integers(40, 200))
        Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8)).save(folder / f"img{k}.png")
    done = subprocess.run(
        [sys.executable, ROOT / "examples" / "ray_folder.py", "glitch-effect", folder, out, "--cpus", "2"],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "ray: 24 images" in done.stdout, done.stdout + done.stderr
    subprocess.run([CLI, "batch", "glitch-effect", "-i", folder, "-o", cli, "--no-cache", "--progress", "none"], check=True)
    for k in range(24):
        ours = np.asarray(Image.open(out / f"img{k}.png"))
        theirs = np.asarray(Image.open(cli / f"img{k}.png"))
        assert np.array_equal(ours, theirs), k


def test_map_pipeline_runs_on_images_of_several_sizes():
    import pixelpipe
    import pixelpipe.ray

    rng = np.random.default_rng(9)
    images = [rng.integers(0, 256, (20 + k, 30 + 2 * k, 3), dtype=np.uint8) for k in range(5)]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        ds = ray.data.from_items([{"image": i} for i in images])
        rows = pixelpipe.ray.map_pipeline(ds, "glitch-effect", batch_size=2).take_all()
    finally:
        ray.shutdown()
    glitch = pixelpipe.Pipeline.preset("glitch-effect")
    got = sorted((r["image"] for r in rows), key=lambda a: a.shape)
    for image, out in zip(images, got):
        assert np.array_equal(out, glitch.run(image))
