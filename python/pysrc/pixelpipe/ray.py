"""Running a pipeline over a Ray Dataset.

::

    import ray, pixelpipe.ray
    ds = ray.data.read_images("photos/", mode="RGB", include_paths=True)
    out = pixelpipe.ray.map_pipeline(ds, "glitch-effect")          # or a Pipeline, a path, a dict
    out.write_images("out/", column="image", file_format="png")

Each worker builds the pipeline once (:class:`PipelineMapper`) and runs it on every image of
its batches; images of any size pass (Ray keeps a batch of variable-size images as an array
of arrays). The pixels are computed by the Rust library with the GIL released.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Union

import numpy as np

from . import Pipeline

PipelineLike = Union[Pipeline, str, os.PathLike, Mapping[str, Any]]


def _pipeline(source: PipelineLike) -> Pipeline:
    if isinstance(source, Pipeline):
        return source
    if isinstance(source, Mapping):
        return Pipeline.load(source)
    path = os.fspath(source)
    return Pipeline.load(path) if os.path.exists(path) else Pipeline.preset(path)


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
    import ray.data

    return ds.map_batches(
        PipelineMapper,
        fn_constructor_args=(_pipeline(pipeline), column),
        batch_format="numpy",
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=workers),
        **kwargs,
    )
