"""The Python API: pipelines from every source, runs on arrays and files that match the
command line, the 20 first image conformance cases byte for byte, errors as exceptions,
operation metadata, pickling, and threads."""

import json
import os
import pickle
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import pixelpipe

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "debug" / "pixelpipe"
CASES = ROOT / "tests" / "conformance" / "cases"


def rgb(h=48, w=64, seed=1):
    return np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)


def test_a_pipeline_from_steps_a_dict_a_file_and_a_preset(tmp_path):
    steps = [("RowShift", {"selection": "odd", "shift_amount": 5}), ("Dither", {"levels": 4})]
    a = pixelpipe.Pipeline(steps)
    doc = {"operations": [{"type": op, "params": p} for op, p in steps]}
    b = pixelpipe.Pipeline.load(doc)
    path = tmp_path / "p.yaml"
    path.write_text("operations:\n  - type: RowShift\n    params: {selection: odd, shift_amount: 5}\n  - type: Dither\n    params: {levels: 4}\n")
    c = pixelpipe.Pipeline.load(path)
    image = rgb()
    out = a.run(image)
    assert out.dtype == np.uint8 and out.shape == (48, 64, 4)
    assert np.array_equal(out, b.run(image)) and np.array_equal(out, c.run(image))
    assert a.steps == ["RowShift", "Dither"]
    assert a.validate((48, 64, 3)) == (48, 64, 4)
    glitch = pixelpipe.Pipeline.preset("glitch-effect")
    assert glitch.steps == ["PixelFilter", "RowShift", "ColumnShift"]
    assert "glitch-effect" in pixelpipe.presets()


def test_run_file_takes_the_command_lines_path(tmp_path):
    """A file large enough for the command line to stream (9.6 MB decoded, every step in
    bands) is streamed by run_file too, through the same planner: the same bytes."""
    source = tmp_path / "in.png"
    Image.fromarray(np.random.default_rng(3).integers(0, 256, (1500, 1600, 4), dtype=np.uint8)).save(source)
    path = tmp_path / "p.yaml"
    path.write_text("operations:\n  - type: RowShift\n    params: {selection: odd, shift_amount: 5}\n")
    plan = subprocess.run([CLI, "run", path, "-i", source, "--dry-run"], check=True, capture_output=True, text=True)
    assert "why: streamed" in plan.stdout, plan.stdout
    cli_out = tmp_path / "cli.png"
    subprocess.run([CLI, "run", path, "-i", source, "-o", cli_out, "--no-cache"], check=True)
    pixelpipe.Pipeline.load(path).run_file(source, tmp_path / "py.png")
    assert (tmp_path / "py.png").read_bytes() == cli_out.read_bytes()
    # Within a budget, as --max-memory: streamed in smaller bands, the same bytes; a budget
    # no plan fits is refused before any work, naming it.
    pixelpipe.Pipeline.load(path).run_file(source, tmp_path / "small.png", max_memory="3MB")
    assert (tmp_path / "small.png").read_bytes() == cli_out.read_bytes()
    with pytest.raises(pixelpipe.PixelpipeError, match="memory budget of 1.0 KB"):
        pixelpipe.Pipeline.load(path).run_file(source, tmp_path / "none.png", max_memory=1024)
    assert not (tmp_path / "none.png").exists()


def test_runs_match_the_command_line(tmp_path):
    source = tmp_path / "in.png"
    Image.fromarray(rgb(60, 80, 7)).save(source)
    cli_out = tmp_path / "cli.png"
    subprocess.run([CLI, "run", "glitch-effect", "-i", source, "-o", cli_out, "--no-cache"], check=True)
    expected = np.asarray(Image.open(cli_out))
    glitch = pixelpipe.Pipeline.preset("glitch-effect")
    assert np.array_equal(glitch.run(np.asarray(Image.open(source))), expected)
    assert np.array_equal(glitch.run(Image.open(source)), expected)  # a PIL image
    glitch.run_file(source, tmp_path / "py.png")
    assert (tmp_path / "py.png").read_bytes() == cli_out.read_bytes()
    # load and save are the command line's decoder and encoder.
    pixelpipe.save(glitch.run(pixelpipe.load(source)), tmp_path / "saved.png")
    assert (tmp_path / "saved.png").read_bytes() == cli_out.read_bytes()
    # A strided view is read in row-major order, like its copy.
    view = rgb(60, 160, 3)[:, ::2]
    assert np.array_equal(glitch.run(view), glitch.run(view.copy()))
    # The input is not modified.
    image = rgb()
    before = image.copy()
    pixelpipe.apply(image, "ChannelSwap", mapping={"r": "b", "b": "r"})
    assert np.array_equal(image, before)


def image_cases():
    cases = []
    for case in sorted(CASES.iterdir()):
        meta = json.loads((case / "case.json").read_text())
        if meta.get("expect") == "image" and Image.open(case / "input.png").mode in ("RGB", "RGBA"):
            cases.append(case)
    return cases[:20]


@pytest.mark.parametrize("case", image_cases(), ids=lambda c: c.name)
def test_conformance_cases_give_the_original_pixels(case):
    pipeline = pixelpipe.Pipeline.load(case / "pipeline.json")
    out = pipeline.run(np.asarray(Image.open(case / "input.png")))
    expected = Image.open(case / "expected.png")
    assert out.shape[2] == len(expected.getbands())
    assert np.array_equal(out, np.asarray(expected))


def test_errors_are_exceptions_that_name_what_is_wrong():
    with pytest.raises(pixelpipe.ParameterError, match="step 1.*NoSuchOp"):
        pixelpipe.Pipeline([("NoSuchOp", {})])
    with pytest.raises(pixelpipe.ParameterError, match="shift_amount"):
        pixelpipe.Pipeline([("RowShift", {"shift_amount": "five"})])
    with pytest.raises(pixelpipe.ParameterError, match="levels"):
        pixelpipe.apply(rgb(), "Dither", levels=1000)
    blocks = pixelpipe.Pipeline([("BlockShift", {"block_width": 64, "block_height": 64})])
    with pytest.raises(pixelpipe.ValidationError, match="BlockShift"):
        blocks.validate((8, 8, 3))
    with pytest.raises(pixelpipe.ValidationError):
        blocks.run(rgb(8, 8))
    with pytest.raises(pixelpipe.ParameterError, match="uint8"):
        pixelpipe.apply(np.zeros((4, 4, 3), np.float32), "ChannelSwap")
    with pytest.raises(pixelpipe.ParameterError, match="H×W×3"):
        pixelpipe.apply(np.zeros((4, 4, 2), np.uint8), "ChannelSwap")
    with pytest.raises(pixelpipe.ImageError):
        pixelpipe.Pipeline.preset("glitch-effect").run_file("/no/such/file.png", "/tmp/x.png")
    assert issubclass(pixelpipe.ValidationError, pixelpipe.PixelpipeError)
    with pytest.warns(UserWarning, match="not_a_param"):
        pixelpipe.Pipeline([("Dither", {"levels": 4, "not_a_param": 1})])


def test_operation_metadata_comes_from_the_declarations():
    ops = pixelpipe.ops()
    assert len(ops) == 26
    dither = ops["Dither"]
    levels = next(p for p in dither["params"] if p["name"] == "levels")
    assert levels["doc"] and levels["type"] and "default" in levels
    # Every declared example runs.
    for name, op in ops.items():
        assert pixelpipe.apply(rgb(40, 40), name, **op["example"]).dtype == np.uint8, name


def test_a_greyscale_array_reads_as_rgb():
    grey = rgb()[:, :, 0]
    swap = pixelpipe.Pipeline([("ChannelSwap", {"mapping": {}})])
    assert np.array_equal(swap.run(grey), np.repeat(grey[:, :, None], 3, axis=2))


def test_pipelines_pickle_and_run_in_threads():
    glitch = pixelpipe.Pipeline.preset("glitch-effect")
    again = pickle.loads(pickle.dumps(glitch))
    images = [rgb(200, 300, s) for s in range(4)]
    expected = [glitch.run(i) for i in images]
    results = [None] * 4

    def work(k):
        results[k] = again.run(images[k])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(np.array_equal(r, e) for r, e in zip(results, expected))


def test_numpy_scalars_are_parameters_and_bad_values_name_the_parameter():
    # np.int64 / np.float32 parameters raised TypeError (not JSON serialisable).
    image = rgb()
    shifted = pixelpipe.apply(image, "RowShift", shift_amount=np.int64(3), selection="odd")
    assert np.array_equal(shifted, pixelpipe.apply(image, "RowShift", shift_amount=3, selection="odd"))
    pixelpipe.Pipeline([("RowStretch", {"factor": np.float32(1.5)})])
    # NaN gave a JSON parse message; now the parameter is named.
    with pytest.raises(pixelpipe.ParameterError, match="factor.*not a finite number"):
        pixelpipe.Pipeline([("RowStretch", {"factor": float("nan")})])
    with pytest.raises(pixelpipe.ParameterError, match="shift_amount"):
        pixelpipe.Pipeline([("RowShift", {"shift_amount": object()})])


def test_bad_shapes_are_parameter_errors():
    p = pixelpipe.Pipeline.preset("glitch-effect")
    # OverflowError and IndexError before.
    for shape in [(-1, 5, 3), (5,), (5, 5, 2), (0, 5, 3), (5.5, 5, 3), "55"]:
        with pytest.raises(pixelpipe.ParameterError):
            p.validate(shape)
    assert p.validate((np.int64(48), np.int32(64))) == p.validate((48, 64, 3))


def test_arrays_of_any_layout_give_the_same_pixels_and_huge_views_are_refused_before_a_copy():
    image = rgb()
    want = pixelpipe.apply(image, "ChannelSwap")
    # Fortran order, a transposed view and a strided crop: the same pixels as C order.
    assert np.array_equal(pixelpipe.apply(np.asfortranarray(image), "ChannelSwap"), want)
    flipped = np.ascontiguousarray(image.transpose(1, 0, 2)).transpose(1, 0, 2)
    assert np.array_equal(pixelpipe.apply(flipped, "ChannelSwap"), want)
    big = np.zeros((96, 128, 3), np.uint8)
    big[::2, ::2] = image
    assert np.array_equal(pixelpipe.apply(big[::2, ::2], "ChannelSwap"), want)
    # A broadcast view of 10^10 pixels was copied (30 GB) before the pixel limit: SIGABRT.
    huge = np.broadcast_to(np.zeros(3, np.uint8), (100_000, 100_000, 3))
    with pytest.raises(pixelpipe.LimitError, match="megapixels"):
        pixelpipe.apply(huge, "ChannelSwap")
    with pytest.raises(pixelpipe.LimitError):
        pixelpipe.apply(np.broadcast_to(np.zeros((1, 1), np.uint8), (100_000, 100_000)), "ChannelSwap")


def test_files_claiming_more_than_pillows_pixel_limit_are_refused_unless_raised(tmp_path):
    # A 1-bit PNG of 20000x10000 (200 MP) is a few KB: Pillow refuses it as a bomb, and so
    # does the package by default (the command line's limit is 2^31).
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    w, h = 20000, 10000
    rows = zlib.compress(b"".join(b"\0" + bytes(w // 8) for _ in range(h)), 9)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
    png += chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    path = tmp_path / "bomb.png"
    path.write_bytes(png)
    assert len(png) < 300_000
    with pytest.raises(pixelpipe.LimitError, match="megapixels"):
        pixelpipe.load(path)
    with pytest.raises(pixelpipe.LimitError):
        pixelpipe.Pipeline.preset("glitch-effect").run_file(path, tmp_path / "out.png")
    assert not (tmp_path / "out.png").exists()
    small = tmp_path / "small.png"
    Image.new("1", (40, 30)).save(small)
    before = pixelpipe.MAX_IMAGE_PIXELS
    try:
        pixelpipe.MAX_IMAGE_PIXELS = 1000
        with pytest.raises(pixelpipe.LimitError):
            pixelpipe.load(small)
        pixelpipe.MAX_IMAGE_PIXELS = 1200
        assert pixelpipe.load(small).shape == (30, 40, 4)
    finally:
        pixelpipe.MAX_IMAGE_PIXELS = before


def test_a_pipeline_file_is_read_within_its_limit():
    # /dev/zero was read to the end (MemoryError).
    with pytest.raises(pixelpipe.ParameterError, match="16 MiB"):
        pixelpipe.Pipeline.load("/dev/zero")
