"""pixelpipe on Ray, on a two-node local cluster (Ray's own ``Cluster``: a head node and a
worker node, one CPU each, on this machine):

- ``python -m pixelpipe.ray batch`` writes the bytes ``pixelpipe batch`` writes on a mixed
  folder (PNG RGB/RGBA, greyscale, palette, JPEG, a truncated file, an empty one), reports
  the bad files as failures, exits as ``pixelpipe batch`` does, and both nodes ran images;
- a worker process killed mid-run: its images are retried elsewhere and the batch completes;
- a driver killed mid-run, then ``--resume``: only what is missing is done;
- ``read_images`` gives pixelpipe's pixels (alpha kept), ``map_pipeline`` the pipeline's,
  and the folder example runs on the cluster.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "debug" / "pixelpipe"

ray = pytest.importorskip("ray")
import pixelpipe  # noqa: E402
import pixelpipe.ray  # noqa: E402

GOOD = 12


@pytest.fixture(scope="module")
def cluster():
    from ray.cluster_utils import Cluster

    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    c.add_node(num_cpus=1)
    c.wait_for_nodes()
    yield c
    c.shutdown()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """GOOD images of every kind the original opens, 800x600 at most, and two bad files."""
    folder = tmp_path_factory.mktemp("mixed")
    rng = np.random.default_rng(5)
    for k in range(GOOD):
        h, w = int(rng.integers(300, 600)), int(rng.integers(300, 800))
        rgb = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
        rgb[: h // 2] = rgb[: h // 2] // 64 * 64  # flat areas too, not only noise
        image = Image.fromarray(rgb)
        kind = k % 6
        if kind == 0:
            image.save(folder / f"img{k}.png")
        elif kind == 1:
            rgba = np.dstack([rgb, rng.integers(0, 256, (h, w), dtype=np.uint8)])
            Image.fromarray(rgba).save(folder / f"img{k}.png")
        elif kind == 2:
            image.convert("L").save(folder / f"img{k}.png")
        elif kind == 3:
            image.quantize(64).save(folder / f"img{k}.png")
        elif kind == 4:
            image.quantize(16).save(folder / f"img{k}.png", transparency=3)
        else:
            image.save(folder / f"img{k}.jpg", quality=90)
    (folder / "bad-truncated.png").write_bytes((folder / "img0.png").read_bytes()[:3000])
    (folder / "bad-empty.png").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def expected(mixed, tmp_path_factory):
    """``pixelpipe batch``'s outputs of the mixed folder."""
    out = tmp_path_factory.mktemp("cli")
    done = subprocess.run([CLI, "batch", "glitch-effect", "-i", mixed, "-o", out, "--no-cache", "--progress", "none"])
    assert done.returncode == 1
    return out


def ray_batch(cluster, *args):
    return [sys.executable, "-m", "pixelpipe.ray", "batch", "glitch-effect", "--address", cluster.address, *map(str, args)]


def assert_same_outputs(out, expected):
    names = sorted(p.name for p in expected.iterdir())
    assert len(names) == GOOD
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".pixelpipe-")) == names
    for name in names:
        assert (out / name).read_bytes() == (expected / name).read_bytes(), name


def test_a_folder_on_two_nodes_gives_the_bytes_of_pixelpipe_batch(cluster, mixed, expected, tmp_path):
    out, summary_file = tmp_path / "out", tmp_path / "summary.json"
    done = subprocess.run(
        ray_batch(cluster, "-i", mixed, "-o", out, "--summary", summary_file, "--images-per-task", 1),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{GOOD + 2} image(s): {GOOD} done, 0 skipped (up to date), 2 failed" in done.stdout
    assert "error: 2 of 14 image(s) failed" in done.stderr
    assert "JPEG has no alpha channel" in done.stderr  # warnings as the command line gives them
    assert_same_outputs(out, expected)
    summary = json.loads(summary_file.read_text())
    assert (summary["done"], summary["failed"], summary["jobs"]) == (GOOD, 2, 2)
    failures = {Path(path).name: reason for path, reason in summary["failures"]}
    assert failures["bad-empty.png"].endswith("the file is empty")
    assert "truncated" in failures["bad-truncated.png"]
    assert len(summary["nodes"]) == 2, summary["nodes"]  # both nodes ran images
    assert sum(summary["nodes"].values()) == GOOD + 2


def test_invalid_commands_exit_2_before_any_image(cluster, mixed, tmp_path):
    for args in (["-i", mixed, "-o", tmp_path / "a", "--format", "xyz"], ["-i", tmp_path / "nothing", "-o", tmp_path / "b"]):
        done = subprocess.run(ray_batch(cluster, *args), capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: "), done.stderr
    bad = [sys.executable, "-m", "pixelpipe.ray", "batch", "no-such-preset", "-i", mixed, "-o", tmp_path / "c"]
    done = subprocess.run(bad, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no-such-preset" in done.stderr, done.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "c").exists()


def processes(title):
    """PIDs of the processes whose command line (Ray's process title) starts with ``title``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if f.read().startswith(title.encode()):
                    found.append(int(pid))
        except OSError:
            pass
    return found


def test_a_worker_killed_mid_run_has_its_images_retried(cluster, mixed, expected, tmp_path):
    out = tmp_path / "out"
    driver = subprocess.Popen(
        ray_batch(cluster, "-i", mixed, "-o", out, "--images-per-task", 1),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    killed, deadline = None, time.time() + 120
    while killed is None and driver.poll() is None and time.time() < deadline:
        busy = processes("ray::_run_images")
        if busy:
            os.kill(busy[0], signal.SIGKILL)
            killed = busy[0]
        time.sleep(0.01)
    stdout, stderr = driver.communicate(timeout=300)
    assert killed is not None, "no worker was seen running an image"
    assert driver.returncode == 1, stdout + stderr
    assert f"{GOOD} done, 0 skipped (up to date), 2 failed" in stdout, stdout + stderr
    assert_same_outputs(out, expected)


def test_a_killed_driver_then_resume_does_only_what_is_missing(cluster, mixed, expected, tmp_path):
    out = tmp_path / "out"
    driver = subprocess.Popen(ray_batch(cluster, "-i", mixed, "-o", out, "--images-per-task", 1),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and driver.poll() is None:
        if out.exists() and len(list(out.glob("img*"))) >= 3:
            break
        time.sleep(0.01)
    driver.kill()
    driver.wait()
    time.sleep(1)  # the cluster sees the driver gone and stops its tasks
    before = {p.name for p in out.glob("img*")}
    assert 3 <= len(before) < GOOD, before
    summary_file = tmp_path / "summary.json"
    done = subprocess.run(
        ray_batch(cluster, "-i", mixed, "-o", out, "--resume", "--summary", summary_file),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    summary = json.loads(summary_file.read_text())
    assert summary["skipped"] >= len(before) and summary["done"] >= 1
    assert summary["skipped"] + summary["done"] == GOOD and summary["failed"] == 2
    assert_same_outputs(out, expected)
    # A worker killed with the driver may leave its temporary file (never an output). The
    # next write into the folder removes it once it is older than a minute (a younger one may
    # be another node's write in progress): aged here, then one output redone.
    for temp in out.glob(".pixelpipe-*"):
        os.utime(temp, (time.time() - 120, time.time() - 120))
    (out / "img0.png").unlink()
    done = subprocess.run(ray_batch(cluster, "-i", mixed, "-o", out, "--resume"), capture_output=True, text=True, timeout=300)
    assert f"{GOOD - 1} skipped (up to date)" in done.stdout, done.stdout + done.stderr
    assert not list(out.glob(".pixelpipe-*")), "a stale temporary file was left"
    assert_same_outputs(out, expected)


def test_read_images_and_map_pipeline_give_pixelpipes_pixels(cluster, mixed):
    good = sorted(p for p in mixed.iterdir() if p.name.startswith("img"))
    ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False)
    try:
        rows = pixelpipe.ray.read_images([str(p) for p in good]).take_all()
        ds = ray.data.from_items([{"image": pixelpipe.load(p)} for p in good[:5]])
        mapped = pixelpipe.ray.map_pipeline(ds, "glitch-effect", batch_size=2).take_all()
    finally:
        ray.shutdown()
    assert sorted(Path(r["path"]).name for r in rows) == [p.name for p in good]
    for row in rows:
        assert np.array_equal(row["image"], pixelpipe.load(row["path"])), row["path"]
    assert {r["image"].shape[2] for r in rows} == {3, 4}  # alpha kept
    glitch = pixelpipe.Pipeline.preset("glitch-effect")
    got = sorted((r["image"] for r in mapped), key=lambda a: a.shape)
    want = sorted((glitch.run(pixelpipe.load(p)) for p in good[:5]), key=lambda a: a.shape)
    for a, b in zip(got, want):
        assert np.array_equal(a, b)


def test_the_folder_example_runs_on_the_cluster(cluster, mixed, expected, tmp_path):
    out = tmp_path / "out"
    good = [str(p) for p in sorted(mixed.glob("img*.png"))]
    done = subprocess.run(
        [sys.executable, ROOT / "examples" / "ray_folder.py", "glitch-effect", *good, "-o", out, "--address", cluster.address],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"ray: {len(good)} images" in done.stdout, done.stdout
    for path in good:
        name = Path(path).name
        assert np.array_equal(pixelpipe.load(out / name), pixelpipe.load(expected / name)), name
