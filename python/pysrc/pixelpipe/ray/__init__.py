"""pixelpipe on a Ray cluster: a folder of files as ``pixelpipe batch`` does it, or a Ray Dataset.

A batch of files, from Python or the shell (``python -m pixelpipe.ray batch --help``)::

    import pixelpipe.ray
    summary = pixelpipe.ray.batch("glitch-effect", ["photos/"], "out/", resume=True)

It plans, runs and reports as ``pixelpipe batch`` does, with the same library code: the same
inputs (files, folders, patterns), output paths (``out/<path below the folder>/<name>``),
collision checks, ``resume`` rule, plan per image (whole, or streamed in bands within
``max_memory``), atomic writes, failed rows with their reason, and summary. Workers read the
files by path (a file system every node sees) and decode them with pixelpipe (exact, alpha
kept). Ray schedules the images and retries those of a worker that died on another one.

A Dataset::

    ds = pixelpipe.ray.read_images("photos/")                  # decoded by pixelpipe
    out = pixelpipe.ray.map_pipeline(ds, "glitch-effect")       # or a Pipeline, a path, a dict

Each map worker builds the pipeline once (:class:`PipelineMapper`) and runs it on every image
of its batches; images of any size pass (Ray keeps a batch of variable-size images as an
array of arrays). The pixels are computed by the Rust library with the GIL released.
"""

from __future__ import annotations

import collections
import json
import os
import time
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

import numpy as np
import ray

from .. import Pipeline, _max_pixels
from .. import _pixelpipe as _native

PipelineLike = Union[Pipeline, str, os.PathLike, Mapping[str, Any]]
Inputs = Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]]

__all__ = ["batch", "read_images", "map_pipeline", "PipelineMapper"]


def _pipeline(source: PipelineLike, strict: bool = False) -> Pipeline:
    """A pipeline file path, else a preset name (``preset:NAME`` always a preset), as the
    command line takes it."""
    if isinstance(source, Pipeline):
        return source
    if isinstance(source, Mapping):
        return Pipeline.load(source, strict=strict)
    path = os.fspath(source)
    if not path.startswith("preset:") and os.path.exists(path):
        return Pipeline.load(path, strict=strict)
    return Pipeline.preset(path)


def _specs(inputs: Inputs) -> List[str]:
    """Input files, folders and patterns as absolute paths: workers elsewhere read them."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    return [os.path.abspath(os.fspath(i)) for i in inputs]


@ray.remote(num_cpus=1)
def _run_images(pipeline: Pipeline, tasks: List[str], resume: bool, newer_than: Optional[float],
                max_memory: Optional[str], max_pixels: int):
    """One share of a batch on one worker, as ``pixelpipe batch --jobs 1`` runs it."""
    node = ray.get_runtime_context().get_node_id()
    return node, pipeline._native.run_batch(tasks, max_pixels, resume, newer_than, max_memory)


def batch(
    pipeline: PipelineLike,
    inputs: Inputs,
    output_dir: Union[str, os.PathLike],
    *,
    address: Optional[str] = None,
    format: Optional[str] = None,
    quality: Optional[int] = None,
    recursive: bool = False,
    resume: bool = False,
    max_memory: Optional[Union[int, str]] = None,
    strict: bool = False,
    images_per_task: Optional[int] = None,
    max_retries: int = 3,
    on_result: Optional[Callable[[Dict[str, Any]], None]] = None,
) -> Dict[str, Any]:
    """Runs ``pipeline`` over ``inputs`` (files, folders, glob patterns) on the Ray cluster
    this process is connected to, else the one at ``address``, else a new local Ray, writing
    each result under ``output_dir`` as ``pixelpipe batch`` does.

    - ``format``: every output's format (``png``, ``jpg``, ``tiff``, ...; default each input's
      own); ``quality``: JPEG quality 1-100.
    - ``resume``: skip images whose output is newer than the input and the pipeline file.
    - ``max_memory``: each worker's memory budget (bytes or a size like ``"512MB"``; default
      the memory available); a large image is streamed in bands within it.
    - ``images_per_task``: images each Ray task runs (default: about eight tasks per CPU,
      at most 8 images each); a worker that dies has its task retried ``max_retries`` times.
    - ``on_result``: called with each image's result (a dict as ``--progress json`` prints)
      as it arrives.

    Every error about the command (pipeline, inputs, clashing outputs) is raised before any
    image is read. Returns the summary as ``--summary`` writes it, with ``nodes``: the images
    each Ray node ran.
    """
    pipe = _pipeline(pipeline, strict)
    out = os.path.abspath(os.fspath(output_dir))
    budget = None if max_memory is None else str(max_memory)
    q = None if quality is None else int(quality)
    tasks = _native.batch_plan(_specs(inputs), out, recursive, format, q)
    pipeline_file = None if isinstance(pipeline, (Pipeline, Mapping)) else os.fspath(pipeline)
    newer_than = os.path.getmtime(pipeline_file) if pipeline_file and os.path.isfile(pipeline_file) else None
    os.makedirs(out, exist_ok=True)
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    per = images_per_task or max(1, min(8, len(tasks) // (8 * cpus)))
    shares = [tasks[i : i + per] for i in range(0, len(tasks), per)]
    shared = ray.put(pipe)
    run = _run_images.options(max_retries=max_retries)
    start = time.perf_counter()
    pending = {run.remote(shared, share, resume, newer_than, budget, _max_pixels()): share for share in shares}
    results: List[str] = []
    nodes: Dict[str, int] = collections.Counter()
    waiting = list(pending)
    while waiting:
        # The shares done within 50 ms, up to 32 at a time (one wait per share would
        # scan every waiting share each time).
        ready, waiting = ray.wait(waiting, num_returns=min(len(waiting), 32), timeout=0.05)
        for ref in ready:
            share = pending.pop(ref)
            try:
                node, rows = ray.get(ref)
            except ray.exceptions.RayError as e:
                # The task failed on every try (its workers died): its images are failures.
                node, rows = "none", [_native.batch_failure(t, f"ray: {type(e).__name__}: {e}") for t in share]
            nodes[node] += len(rows)
            results.extend(rows)
            if on_result is not None:
                for row in rows:
                    on_result(json.loads(row))
    summary_json = _native.batch_summary(results, time.perf_counter() - start, cpus)
    summary = json.loads(summary_json)
    summary["nodes"] = dict(nodes)
    return summary


def summary_text(summary: Mapping[str, Any]) -> str:
    """The summary as ``pixelpipe batch`` prints it."""
    plain = {k: v for k, v in summary.items() if k != "nodes"}
    return _native.batch_summary_text(json.dumps(plain))


def _decode(row: Dict[str, Any]) -> Dict[str, Any]:
    from .. import load

    return {"path": row["path"], "image": load(row["path"])}


def read_images(inputs: Inputs, recursive: bool = False) -> Any:
    """A Dataset of the images named by ``inputs`` (files, folders, patterns, as ``batch``
    takes them), one row per file: ``path`` and ``image``, decoded by pixelpipe on the
    workers (the original's pixels: greyscale as RGB, palette and alpha as RGBA)."""
    paths = _native.find_images(_specs(inputs), recursive)
    return ray.data.from_items([{"path": p} for p in paths]).map(_decode)


class PipelineMapper:
    """A callable class for ``Dataset.map_batches`` (batch_format ``"numpy"``): the pipeline is
    built once per worker; ``column`` holds the images and is replaced by the results."""

    def __init__(self, pipeline: PipelineLike, column: str = "image"):
        self.pipeline = _pipeline(pipeline)
        self.column = column

    def __call__(self, batch: dict) -> dict:
        results = [self.pipeline.run(image) for image in batch[self.column]]
        shapes = {r.shape for r in results}
        if len(shapes) == 1:
            batch[self.column] = np.stack(results)
        else:
            column = np.empty(len(results), dtype=object)
            column[:] = results
            batch[self.column] = column
        return batch


def map_pipeline(ds: Any, pipeline: PipelineLike, column: str = "image", workers: int = 1, batch_size: int = 8, **kwargs: Any) -> Any:
    """``ds`` with ``pipeline`` run on the images of ``column`` by ``workers`` actors. One
    worker is the default: its pipeline already computes on every core of its machine, and a
    worker per CPU would leave none to Ray's readers (the dataset then waits forever). Other
    keyword arguments go to ``Dataset.map_batches``."""
    return ds.map_batches(
        PipelineMapper,
        fn_constructor_args=(_pipeline(pipeline), column),
        batch_format="numpy",
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=workers),
        **kwargs,
    )
