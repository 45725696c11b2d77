"""pixelpipe: composable, pixel-exact image-processing pipelines, from Python.

The pixels are computed by the Rust library (the same one the ``pixelpipe`` command runs),
with the GIL released, so Python threads run pipelines in parallel::

    import numpy as np, pixelpipe
    p = pixelpipe.Pipeline.preset("glitch-effect")
    out = p.run(np.zeros((480, 640, 3), np.uint8))       # a new H×W×C uint8 array
    p = pixelpipe.Pipeline([("RowShift", {"selection": "odd", "shift_amount": 5}),
                            ("Dither", {"levels": 4})])
    p.validate((480, 640, 3))                              # -> (480, 640, 4), nothing computed
    pixelpipe.apply(out, "Mosaic", tile_width=8, tile_height=8)
    pixelpipe.ops()["Dither"]["params"]                    # names, types, defaults, docs

Images are numpy ``uint8`` arrays of shape H×W×3 (RGB) or H×W×4 (RGBA); a 2-D array is
greyscale and is read as RGB (as the original loads greyscale files); a PIL image is
accepted too. Errors are :class:`PixelpipeError` subclasses whose message names the step
and the parameter.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from . import _pixelpipe as _native
from ._pixelpipe import (
    ImageError,
    LimitError,
    ParameterError,
    PixelpipeError,
    ProcessingError,
    ValidationError,
)

__all__ = [
    "Pipeline",
    "apply",
    "ops",
    "presets",
    "load",
    "save",
    "MAX_IMAGE_PIXELS",
    "PixelpipeError",
    "ParameterError",
    "ValidationError",
    "ImageError",
    "LimitError",
    "ProcessingError",
]

Step = Union[Tuple[str, Mapping[str, Any]], Mapping[str, Any]]
Shape = Tuple[int, int, int]


def _as_array(image: Any) -> np.ndarray:
    """A uint8 H×W×3/4 array of ``image`` (an array or a PIL image)."""
    if not isinstance(image, np.ndarray) and hasattr(image, "mode") and hasattr(image, "convert"):
        image = np.asarray(image.convert("RGBA" if "A" in image.mode or image.mode == "P" else "RGB"))
    array = np.asarray(image)
    if array.dtype != np.uint8:
        raise ParameterError(f"an image array is uint8 (0-255), got {array.dtype}")
    if array.ndim == 2:
        # A view (no copy before the native layer has checked the size).
        array = np.broadcast_to(array[:, :, None], (*array.shape, 3))
    if array.ndim != 3 or array.shape[2] not in (3, 4):
        raise ParameterError(f"an image array is H×W×3 (RGB) or H×W×4 (RGBA), got shape {array.shape}")
    return array


#: The most pixels (width × height) an image file may claim to be read (``load``,
#: ``Pipeline.run_file``): Pillow's limit, beyond which it refuses a file as a decompression
#: bomb (a 48 KB PNG can claim 20000×20000). Raise it for trusted large images, up to the
#: command line's limit (2^31), which ``None`` takes.
MAX_IMAGE_PIXELS: Optional[int] = 178_956_970


def _max_pixels() -> int:
    return 2**31 if MAX_IMAGE_PIXELS is None else int(MAX_IMAGE_PIXELS)


def _plain(value: Any, where: str) -> Any:
    """``value`` in JSON's types: numpy scalars and arrays as Python numbers and lists;
    NaN and infinities, which no parameter takes (and JSON cannot hold), refused naming
    ``where`` (the parameter)."""
    if isinstance(value, np.generic):
        value = value.item()
    elif isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, float) and not np.isfinite(value):
        raise ParameterError(f"parameter `{where}`: not a finite number: got {value}")
    if isinstance(value, Mapping):
        return {str(k): _plain(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, where) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise ParameterError(f"parameter `{where}`: a {type(value).__name__} is not a parameter value (numbers, strings, lists, dicts)")


def _step(step: Any) -> Dict[str, Any]:
    """One step as the pipeline file holds it, from an ``(operation, params)`` pair or a dict."""
    if isinstance(step, tuple) and len(step) == 2:
        op, params = step
        step = {"type": op, "params": params}
    if not isinstance(step, Mapping):
        raise ParameterError(f"a step is an (operation, params) pair or a dict, got {step!r}")
    step = dict(step)
    params = step.get("params", {})
    if not isinstance(params, Mapping):
        raise ParameterError(f"the parameters of a step are a dict, got {params!r}")
    step["params"] = {str(k): _plain(v, str(k)) for k, v in params.items()}
    return {k: (v if k == "params" else _plain(v, k)) for k, v in step.items()}


def _positive(value: Any, what: str) -> int:
    """A whole number of at least 1 (a numpy integer too), or a :class:`ParameterError`."""
    if isinstance(value, np.integer):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value < 2**32:
        raise ParameterError(f"a shape's {what} is a whole number from 1 to 4294967295, got {value!r}")
    return value


# As the command line reads pipeline files (src/io/limits.rs, MAX_PIPELINE_FILE).
_MAX_PIPELINE_FILE = 16 << 20


class Pipeline:
    """A validated pipeline: its steps are parsed and checked when it is made."""

    def __init__(self, steps: Iterable[Step], name: str = "pipeline", strict: bool = False):
        """``steps``: ``(operation, params)`` pairs or ``{"type": ..., "params": ...}`` dicts.
        ``strict`` makes unknown parameter names errors instead of warnings."""
        operations = [_step(step) for step in steps]
        text = json.dumps({"version": "1.0", "name": name, "operations": operations}, allow_nan=False)
        self._init(text, name, strict)

    def _init(self, text: str, origin: str, strict: bool) -> None:
        self._text, self._origin, self._strict = text, origin, strict
        self._native, found = _native.NativePipeline.parse(text, origin, strict)
        for w in found:
            warnings.warn(w, stacklevel=3)

    @classmethod
    def _from_text(cls, text: str, origin: str, strict: bool = False) -> "Pipeline":
        pipeline = cls.__new__(cls)
        pipeline._init(text, origin, strict)
        return pipeline

    @classmethod
    def load(cls, source: Union[str, os.PathLike, Mapping[str, Any]], strict: bool = False) -> "Pipeline":
        """A pipeline file (JSON or YAML, by path) or its content as a dict."""
        if isinstance(source, Mapping):
            content = dict(source)
            if isinstance(content.get("operations"), list):
                content["operations"] = [_step(step) for step in content["operations"]]
            return cls._from_text(json.dumps(content, allow_nan=False, default=str), "<dict>", strict)
        path = os.fspath(source)
        try:
            with open(path, "rb") as f:
                data = f.read(_MAX_PIPELINE_FILE + 1)
        except OSError as e:
            raise ParameterError(f"cannot read pipeline {path}: {e.strerror}") from e
        if len(data) > _MAX_PIPELINE_FILE:
            raise ParameterError(f"cannot read pipeline {path}: more than the 16 MiB a pipeline file may have")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ParameterError(f"cannot read pipeline {path}: not UTF-8 text (invalid byte at offset {e.start})") from e
        return cls._from_text(text, path, strict)

    @classmethod
    def preset(cls, name: str) -> "Pipeline":
        """A built-in preset (see :func:`presets`)."""
        return cls._from_text(_native.NativePipeline.preset_source(name), f"preset {name}")

    @property
    def name(self) -> str:
        return self._native.name

    @property
    def steps(self) -> List[str]:
        """The operation of each step."""
        return [op for op, _ in self._native.steps()]

    def to_dict(self) -> Dict[str, Any]:
        """The pipeline file's content."""
        return json.loads(self._text) if self._text.lstrip().startswith("{") else {"source": self._text}

    def validate(self, shape: Sequence[int]) -> Shape:
        """The output shape ``(height, width, channels)`` for an input of ``shape``; every step
        is checked, no pixel is computed. Raises :class:`ValidationError`."""
        if not isinstance(shape, (tuple, list)) or len(shape) not in (2, 3):
            raise ParameterError(f"a shape is (height, width) or (height, width, 3 or 4), got {shape!r}")
        h, w = _positive(shape[0], "height"), _positive(shape[1], "width")
        c = _positive(shape[2], "channel count") if len(shape) > 2 else 3
        if c not in (3, 4):
            raise ParameterError(f"a shape's channel count is 3 (RGB) or 4 (RGBA), got {c}")
        return tuple(self._native.validate((h, w, c)))  # type: ignore[return-value]

    def run(self, image: Any) -> np.ndarray:
        """Runs on an image (array or PIL image); returns a new uint8 H×W×C array."""
        return self._native.run(_as_array(image))

    def run_file(
        self,
        input: Union[str, os.PathLike],
        output: Union[str, os.PathLike],
        max_memory: Optional[Union[int, str]] = None,
    ) -> None:
        """Reads ``input``, runs, writes ``output`` (format from its extension), as the
        command line does: the same plan (the whole image, or streamed in bands when it is
        large or does not fit), the same bytes. ``max_memory``: the memory budget in bytes, or
        a size like ``"512MB"`` (default: the memory available), as ``--max-memory``."""
        budget = None if max_memory is None else str(max_memory)
        self._native.run_file(os.fspath(input), os.fspath(output), _max_pixels(), budget)

    def __call__(self, image: Any) -> np.ndarray:
        return self.run(image)

    def __reduce__(self):
        # Pickled as its file's text (for Ray workers and multiprocessing).
        return (Pipeline._from_text, (self._text, self._origin, self._strict))

    def __repr__(self) -> str:
        return f"Pipeline({self.name!r}, steps={self.steps!r})"


def apply(image: Any, operation: str, **params: Any) -> np.ndarray:
    """Runs one operation: ``apply(array, "Dither", levels=4)``."""
    return Pipeline([(operation, params)], name=operation, strict=True).run(image)


_OPS: Optional[Dict[str, Dict[str, Any]]] = None


def ops() -> Dict[str, Dict[str, Any]]:
    """Every operation by name: ``family``, ``summary``, ``example`` (parameters of a typical
    use) and ``params`` (each with ``name``, ``type``, ``required``, ``default``, ``doc``)."""
    global _OPS
    if _OPS is None:
        _OPS = {op["name"]: op for op in json.loads(_native.ops_json())}
    return _OPS


def _load_rows(path: Union[str, os.PathLike], band_rows: int) -> Optional[np.ndarray]:
    """The streamed row reader, for the decoder tests (tests/decode_against_pillow.py)."""
    return _native._load_rows(os.fspath(path), band_rows, _max_pixels())


def load(path: Union[str, os.PathLike]) -> np.ndarray:
    """Reads an image file as the command line does (greyscale as RGB, palette as RGBA),
    refusing one that claims more than :data:`MAX_IMAGE_PIXELS` pixels."""
    return _native.load(os.fspath(path), _max_pixels())


def save(image: Any, path: Union[str, os.PathLike]) -> None:
    """Writes an image (format from the extension: PNG, JPEG, TIFF, WebP, ...), atomically,
    with the command line's encoders (PNG at fast compression)."""
    _native.save(_as_array(image), os.fspath(path))


def presets() -> List[str]:
    """Names of the built-in presets."""
    return list(_native.preset_names())
