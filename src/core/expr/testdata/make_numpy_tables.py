#!/usr/bin/env python3
"""Writes the numpy reference tables that src/core/expr/tests.rs checks the expression engine
against: the JSON files next to this script.

Requires numpy 2.3.2 exactly (asserted below) and CPython 3.11, the versions the tables were
made with. From the repository root:

    python3 -m venv /tmp/np-venv && /tmp/np-venv/bin/pip install numpy==2.3.2
    /tmp/np-venv/bin/python src/core/expr/testdata/make_numpy_tables.py

It takes no arguments and rewrites every file below. Each expression is evaluated the way the
original evaluates it: Python `eval` of the text with empty builtins (`{"__builtins__": {}}`,
which is why numpy's out-of-bounds-integer errors surface as `KeyError: '__import__'`) over
the original's environment, widened by docs/spec.md §7 decision 16 (every whitelisted
function in every evaluator, commas allowed, x/y/width/height in PixelFilter):

* pixelmath.json, transcendental.json — PixelMath (docs/spec.md §3.2) on a 6x4 test image:
  `r g b a` float32 arrays (int32, converted from the float32 ones, when the text contains
  `^ & | << >>`), `x y` int64 column/row index arrays, `width height` Python ints;
  `abs min max floor ceil round pow` are `np.abs np.minimum np.maximum np.floor np.ceil
  np.round np.power`, `sin cos tan sqrt exp log` numpy's, `int`/`float` are
  `.astype(np.int64)`/`.astype(np.float64)` on arrays and Python's on scalars. Recorded: the
  result's type (numpy dtype, or the Python scalar type) and the result broadcast to the
  image and cast to float32, as bit patterns; or "ERR" and the exception text.
  transcendental.json holds the cases whose numpy kernels (SIMD float32 sin/cos/exp/log, SVML
  pow/tan/exp on AVX512 machines) are not correctly rounded and can differ between CPUs; the
  Rust test compares them within 2 ulps.
* pixelmath_all_values.json — `r * 1.1 + 20` and `r * 0.95` for r = 0..255 as float32: the
  float32 result (bits) and the channel value the original writes, clip to [0, 255] then
  float32 -> uint8 (truncation).
* pixelfilter.json — PixelFilter custom expressions (§3.1) on the same 6x4 grid: `i` (linear
  index), `x`, `y` int64 arrays, `width height` Python ints, functions as in PixelMath; the
  result broadcast to the image and converted to bool (non-zero = keep).
* rowshift.json — RowShift formulas (§3.4) for y = 0..9 with height = 10: `y` and `i` Python
  ints, `pi` and `e` Python floats, `abs min max round int float pow` Python's builtins, `sin
  cos tan sqrt floor ceil exp log` numpy's. Recorded: `float(result)` as float64 bits, or null
  when evaluating or converting raises (ZeroDivisionError, a complex result, ...).
* float16.json — float64 values and their rounding to float16 (`np.float16(v)`), widened to
  float32 bits.

Every file is one JSON object; its "cases" list has one case per line. The expression lists
and inputs below are this script's own data (copied from the Rust tables they replaced); the
6x4 test image duplicates PM_R/PM_G/PM_B/PM_A of tests.rs and is also written to
pixelmath.json.
"""

import functools
import json
import math
import os
import sys

import numpy as np

assert np.__version__ == "2.3.2", f"numpy 2.3.2 required (the tables' reference), found {np.__version__}"
if sys.version_info[:2] != (3, 11):
    print(f"warning: the tables were made with CPython 3.11, this is {sys.version.split()[0]}", file=sys.stderr)

HERE = os.path.dirname(os.path.abspath(__file__))

# The 6x4 test image (row-major), the same as PM_W, PM_H, PM_R, PM_G, PM_B, PM_A in tests.rs.
W, H = 6, 4
R = [0, 1, 2, 127, 128, 129, 254, 255, 100, 50, 200, 3, 64, 65, 191, 192, 33, 34, 77, 250, 10, 99, 160, 240]
G = [3, 94, 185, 20, 111, 202, 37, 128, 219, 54, 145, 236, 71, 162, 253, 88, 179, 14, 105, 196, 31, 122, 213, 48]
B = [200, 213, 226, 239, 252, 9, 22, 35, 48, 61, 74, 87, 100, 113, 126, 139, 152, 165, 178, 191, 204, 217, 230, 243]
A = [0, 59, 118, 177, 236, 39, 98, 157, 216, 19, 78, 137, 196, 255, 58, 117, 176, 235, 38, 97, 156, 215, 18, 77]

# RowShift: the formula is evaluated for y = 0 .. ROWSHIFT_HEIGHT - 1.
ROWSHIFT_HEIGHT = 10

# PixelMath float32 path for every channel value.
ALL_VALUES_EXPRS = ["r * 1.1 + 20", "r * 0.95"]

# float16 rounding: float64 inputs (ties, the largest finite value and the overflow bound,
# subnormals and the underflow bound, the smallest normal).
FLOAT16_INPUTS = [
    0.1, 1 / 3, 2.5, 65504.0, 65519.99, 65520.0, 1e-05, 6e-08, 3e-08, 2.98e-08, -0.7, 1000.3,
    2049.0, 2051.0, 2.0**-14, 5.96e-08,
]

# The expressions (copied from the Rust tables they replaced).

PIXELMATH_EXPRS = [
    'r*2', 'r ^ 128', 'r/3', '(r>60)*255', 'r*2+g', 'x*10+y', 'r * 1.1 + 20', 'r * 0.95',
    '(r*2+g) & 511', 'r * 100000000 | 0', 'r << 30 | 0', 'r >> 3', '-r ^ 5', '(r - 128) // 7 | 0',
    '(r - 128) % 7 | 0', '(r - 128) % -7 | 0', '(r // 0) | 0', '(r % 0) | 0', 'r ** 2 | 0',
    'r ** 3 | 0', 'r ** -1 | 0', 'r + 3000000000 | 0', '(r < 3000000000) | 0',
    'r / 3000000000 + (0 | 0)', '(r - 128) // 7', '(r - 128) % 7', '(r - 128.5) // 7',
    '(r - 128) % -7.5', 'r / 0', '-r / 0 + 5', '(r - r) / 0', 'r // 0', 'r % 0', 'r ** 2',
    'r ** -1 * 1000', 'r ** 0.5 * 10', '(r / 255) ** 0.5 * 255', 'r ** 3 / 1000', 'x ** 2',
    'x ** -1', 'x ** 3 - y ** 2', 'sqrt(width) * r', 'abs(width - 300) * r / 255',
    'abs(r - 128) * 2', 'abs(x - 3) * 40', 'min(r, g)', 'max(r, 128.5)', 'max(x, y) * 20',
    'min(width, 3) * r', 'pow(r, 2)', 'pow(x, 2)', 'pow(r, 0.5) * 10', 'floor(r / 3)',
    'ceil(r / 3)', 'round(r / 2)', 'round(r / 2.0) * 2', 'round(x / 2)', 'int(r / 3) * 3',
    'float(x) / 3', 'r * (width / height)', 'r * (width // 4)', '2 ** -1 * r', '-7 // 2 + r',
    '-7 % 3 + r', 'r + 3000000000', 'r > 2.5', 'r == 128', '(r > 100) + (g > 100)',
    '(r > 100) * (g > 100)', '(r > 100) / (g > 100)', '((r > 100) // (g > 100)) * 100',
    '((r > 100) % (g > 100)) * 100', '((r > 5) << (g > 5)) * 100',
    '((r > 5) << (g > 5)) * 1000 | 0', '(r > 100) ** 2 * 100', '(r > 100) ** 3 * 100',
    '((r > 100) ** (g > 100)) * 100', 'sin(r > 100) * 1000', 'sqrt(r > 100) * 1000',
    'round(r > 100) * 1000.7', '(r > 100) - (g > 100)', '-(r > 100)', '+(r > 100)',
    '(r > 100) & (g > 100)', '(r > 100) ^ 1', '(r > 100) * 1.5', 'r & 1.5', 'r * True + False',
    'sin(x / 3.0) * 100 + 128', 'cos(y) * 50 + 100', 'sqrt(x * 1000)', 'r % 7.5 - g // 9.5',
    '(r - 100) // -3.25', '1e3 - r * 3', '.5 * r + 1_000 * 0.1', '0x10 * x + 0b11',
    'r * 1e-3 * 1e3', 'r * 1e40', '-r * 1e40', 'r * 1e40 - r * 1e40', '(r - r) * 1e40 / 0',
    'width * height + 0 * r', 'width / height', 'width // 4 * 100', 'width ** 2', 'True + True',
    '2 ** 0.5 * 100', 'abs(-3)', 'x // 0', 'x % 0', '(x - 3) // 2', '(x - 3) % 2', 'x / 2',
    'x ** 0', 'r ** 0', '(r > 5) ** 0', '-x // 4', '-(x * 1000000000000)',
    'x * 4611686018427387904', 'y * 9223372036854775807 + y', '(r > 2.5) | 0', '(r ^ 255) / 2',
    'r % 3 == 0 | 0', '(r & 15) * 1.5', 'r >> 1 << 1', '(r | g) - (r & g)', '(r ^ g) // (b | 1)',
    '(r ^ g) ** 2 % 1000', 'r * g * b | 0', '(x << 2) | y', '(x | 1) / (y | 2)',
    'r * 1.0000001 - r', 'r / 7 * 7 - r', '(r + 0.1) * (g - 0.1) / (b + 0.3)',
    '(r - 127.5) ** 3 / 10000',
]

PIXELFILTER_EXPRS = [
    'i % 3 == 0', 'i % 2', 'i % 2 == 1', '(i * 7) % 5 < 2', 'x + y > 4', 'x * y', 'i - 5',
    '(i > 10) * (i < 20)', '(i > 10) & (i < 20)', '(i > 10) | (x == 0)', 'i // 7 == y',
    'i == y * width + x', 'i / 2 == i // 2', '1', '0', 'x ** 2 + y ** 2 < 9', 'i >> 2 & 1',
    'sqrt(i) == floor(sqrt(i))', 'max(x, y) < 2', 'abs(x - y) <= 1', 'min(i, 5) == i',
    'pow(x, 2) + pow(y, 2) > 10',
]

ROWSHIFT_EXPRS = [
    'y*2-3', 'y*10 % 7', '-7 // 2 + y', '-7 % 3', '2**-1 * y', 'round(2.5)', 'round(3.5)',
    'round(y / 4)', 'round(-y / 4)', 'int(y * 1.7)', 'int(-y * 1.7)', 'sin(y) * 20',
    'sin(y / height * 2 * pi) * 20', 'abs(y - 5) * 3', 'min(y, 3)', 'max(y, 3.5)',
    'min(y, 3, 7 - y)', 'pow(2, y)', 'pow(y, -1)', 'pow(y, 0.5)', '10 // y', '10 % y', 'y / 0',
    '1 / (y - 3)', 'floor(y / 3)', 'ceil(y / 3)', 'floor(-y / 3) * 7', '2 ** (y - 5)',
    'y > 3 and 10 or -10', 'y and 100 // y', 'not y', '1 < y < 5', '0 < y - 3 <= 2 != 1',
    'sqrt(y) * 10', 'sqrt(y - 4) * 10', 'e ** (y / 5)', '10.0 // (y - 4.5)', '10.0 % (y - 4.5)',
    'y % -3', '(-y) % 4', 'y << 2', 'y >> 1', 'y ^ 3', 'y & 6 | 1', 'int(sin(y) * 100)',
    'round(sin(y) * 10)', 'min(sin(y), 0.5) * 10', 'max(cos(y), sin(y)) * 10', '0 ** (y - 2)',
    '(y - 5) ** 2', '(y - 5.0) ** 3', '(4.5 - y) ** 0.5', 'i * 3 + height', 'y * 1e18 // 1e17',
    'int(1e18) * y', 'abs(-y) + abs(-2.5)', 'float(y) / 4', 'int(y / 3) * 3', 'exp(y / 10) * 10',
    'log(y + 1) * 10', 'True + y', 'y // 0.0', 'y ** 0.5', '(y - 3) ** -1', '-y ** 2', '(-y) ** 2',
    '2 ** 3 ** 2', 'y * 2 == 8 or y == 1', 'round(y * 0.5) * 2', 'round(y / 2 + 0.5)',
    'floor(y * 0.7) + ceil(y * 0.3)', 'min(1, y - 5.5) * 10', 'sin(y) > 0.5 and 10 or 0',
    '(sin(y) > 0) * 5', '(sin(y) > 0) + (cos(y) > 0)', 'abs(sin(y)) * 10',
    'round(sin(y) * 10) // 3', 'int(floor(y / 2.5))', 'y // 2.5',
]

TRANSCENDENTAL_EXPRS = [
    'sin(r) * 127 + 128', 'cos(r / 10) * 127', 'tan(r / 100) * 50', 'exp(r / 50)',
    'log(r + 1) * 40', '(r / 255) ** 2.2 * 255', 'r ** 1.5 / 16', 'pow(r, 0.7)', 'exp(x / 3.0) + y',
    'log(x + 1.0) * 10', 'tan(x / 7.0)', 'sin(x * 0.37) * 1000', 'cos(r * 1.0) + 0 * x',
]

DTYPE_NAMES = {
    np.dtype(np.bool_): "Bool",
    np.dtype(np.int8): "Int8",
    np.dtype(np.int32): "Int32",
    np.dtype(np.int64): "Int64",
    np.dtype(np.float16): "Float16",
    np.dtype(np.float32): "Float32",
    np.dtype(np.float64): "Float64",
}


def type_name(v):
    """The name of the Rust `Ty` variant for a result: numpy dtype, else the Python type."""
    if isinstance(v, (np.ndarray, np.generic)):  # before `float`: np.float64 subclasses it
        return DTYPE_NAMES[v.dtype]
    if isinstance(v, bool):
        return "PyBool"
    if isinstance(v, int):
        return "PyInt"
    if isinstance(v, float):
        return "PyFloat"
    raise TypeError(f"unexpected result type {type(v).__name__}")


def error_text(e):
    """`Type: message`, with numpy's private exception classes named by their public base
    (e.g. _UFuncNoLoopError -> UFuncTypeError)."""
    cls = next(c for c in type(e).__mro__ if not c.__name__.startswith("_"))
    return f"{cls.__name__}: {e}"


def evaluate(src, env):
    """The original's evaluation: Python eval with empty builtins over `env`."""
    with np.errstate(all="ignore"):
        return eval(src, {"__builtins__": {}}, dict(env))


def _reduce(ufunc):
    def f(*args):
        if len(args) < 2:
            raise TypeError(f"{ufunc.__name__} expects at least 2 arguments")
        return functools.reduce(ufunc, args)

    return f


def _to_int(v):
    return v.astype(np.int64) if isinstance(v, np.ndarray) else int(v)


def _to_float(v):
    return v.astype(np.float64) if isinstance(v, np.ndarray) else float(v)


# Array evaluators (PixelMath, PixelFilter).
NUMPY_FUNCTIONS = {
    "abs": np.abs,
    "min": _reduce(np.minimum),
    "max": _reduce(np.maximum),
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "sqrt": np.sqrt,
    "exp": np.exp,
    "log": np.log,
    "floor": np.floor,
    "ceil": np.ceil,
    "round": np.round,
    "pow": np.power,
    "int": _to_int,
    "float": _to_float,
}

# Scalar formula evaluators (RowShift, ColumnShift).
PYTHON_FUNCTIONS = {
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
    "int": int,
    "float": float,
    "pow": pow,
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "sqrt": np.sqrt,
    "floor": np.floor,
    "ceil": np.ceil,
    "exp": np.exp,
    "log": np.log,
}


def grid():
    """Row-major int64 arrays (i, x, y) of shape (H, W)."""
    i = np.arange(W * H, dtype=np.int64).reshape(H, W)
    return i, i % W, i // W


def has_integer_ops(src):
    return any(op in src for op in ("^", "&", "|", "<<", ">>"))


def pixelmath_env(src):
    _, x, y = grid()
    env = dict(NUMPY_FUNCTIONS, x=x, y=y, width=W, height=H)
    for name, values in zip("rgba", (R, G, B, A)):
        chan = np.array(values, dtype=np.uint8).reshape(H, W).astype(np.float32)
        env[name] = chan.astype(np.int32) if has_integer_ops(src) else chan
    return env


def f32_bits(v):
    """The result broadcast to the image, cast to float32, as bit patterns (row-major)."""
    a = np.broadcast_to(np.asarray(v), (H, W)).astype(np.float32)
    return a.view(np.uint32).ravel().tolist()


def pixelmath_case(src):
    try:
        v = evaluate(src, pixelmath_env(src))
    except Exception as e:
        return {"expr": src, "dtype": "ERR", "bits": [], "error": error_text(e)}
    return {"expr": src, "dtype": type_name(v), "bits": f32_bits(v)}


def pixelfilter_case(src):
    i, x, y = grid()
    v = evaluate(src, dict(NUMPY_FUNCTIONS, i=i, x=x, y=y, width=W, height=H))
    keep = np.broadcast_to(np.asarray(v), (H, W)).astype(bool)
    return {"expr": src, "keep": keep.ravel().tolist()}


def rowshift_case(src):
    bits = []
    for y in range(ROWSHIFT_HEIGHT):
        env = dict(PYTHON_FUNCTIONS, y=y, i=y, height=ROWSHIFT_HEIGHT, pi=math.pi, e=math.e)
        try:
            v = float(evaluate(src, env))
        except Exception:
            bits.append(None)
            continue
        bits.append(int(np.array(v, dtype=np.float64).view(np.uint64)))
    return {"expr": src, "bits": bits}


def all_values_case(src):
    r = np.arange(256, dtype=np.float32)
    v = evaluate(src, {"r": r})
    u8 = np.clip(v, 0, 255).astype(np.uint8)
    return {"expr": src, "dtype": type_name(v), "u8": u8.tolist(), "bits": v.view(np.uint32).tolist()}


def float16_case(x):
    with np.errstate(over="ignore"):  # 65520.0 rounds to inf
        f16 = np.float16(x)
    return {
        "f64": int(np.array(x, dtype=np.float64).view(np.uint64)),
        "f16": int(np.array(f16, dtype=np.float32).view(np.uint32)),
    }


def dumps(v):
    return json.dumps(v, ensure_ascii=False, separators=(", ", ": "))


def write(name, about, header, cases, split_keys=False):
    """One JSON object: `about`, the header fields and `cases`, each on its own line; a case is
    one line (or, with split_keys, one line per key)."""
    lines = ["{", f'  "about": {dumps(about)},', f'  "numpy": {dumps(np.__version__)},']
    lines += [f"  {dumps(k)}: {dumps(v)}," for k, v in header.items()]
    lines.append('  "cases": [')
    for n, case in enumerate(cases):
        if split_keys:
            body = ",\n".join(f"      {dumps(k)}: {dumps(v)}" for k, v in case.items())
            text = "    {\n" + body + "\n    }"
        else:
            text = "    " + dumps(case)
        lines.append(text + ("," if n + 1 < len(cases) else ""))
    lines += ["  ]", "}"]
    text = "\n".join(lines) + "\n"
    json.loads(text)  # well-formed
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path} ({len(cases)} cases, {len(text.encode())} bytes)")


PM_CASE_ABOUT = (
    "dtype: the result's numpy dtype (Bool Int8 Int32 Int64 Float16 Float32 Float64) or Python type "
    "(PyBool PyInt PyFloat), named as the Rust Ty variants, or \"ERR\" when evaluation raises (error: "
    "the exception); bits: the result broadcast to the image and cast to float32, as u32 bit patterns, "
    "one per pixel, row-major (empty for ERR)"
)


def main():
    if len(sys.argv) != 1:
        sys.exit(__doc__)
    image = {"width": W, "height": H, "r": R, "g": G, "b": B, "a": A}
    write(
        "pixelmath.json",
        "PixelMath expressions on the test image (channels 0..255, row-major) as numpy evaluates them; "
        + PM_CASE_ABOUT + ". Written by make_numpy_tables.py.",
        {"image": image},
        [pixelmath_case(s) for s in PIXELMATH_EXPRS],
    )
    write(
        "transcendental.json",
        "PixelMath expressions with transcendental functions on the test image of pixelmath.json, whose "
        "numpy results are not correctly rounded and depend on the CPU (compare within 2 float32 ulps); "
        + PM_CASE_ABOUT + ". Written by make_numpy_tables.py.",
        {},
        [pixelmath_case(s) for s in TRANSCENDENTAL_EXPRS],
    )
    write(
        "pixelmath_all_values.json",
        "PixelMath's float32 path with r = 0..255 (float32): bits = the float32 result as u32 bit patterns, "
        "u8 = the channel value written (clip to [0, 255], then truncation to uint8), one per r. "
        "Written by make_numpy_tables.py.",
        {},
        [all_values_case(s) for s in ALL_VALUES_EXPRS],
        split_keys=True,
    )
    write(
        "pixelfilter.json",
        "PixelFilter custom expressions with i = y * width + x, x, y (int64 arrays) and width, height (Python "
        "ints): keep = the result broadcast to the image, non-zero, one per pixel, row-major. "
        "Written by make_numpy_tables.py.",
        {"width": W, "height": H},
        [pixelfilter_case(s) for s in PIXELFILTER_EXPRS],
    )
    write(
        "rowshift.json",
        "RowShift formulas for y = 0 .. height - 1 (y, i Python ints; pi, e Python floats): bits = "
        "float(result) as u64 bit patterns of the f64, null where Python raises. "
        "Written by make_numpy_tables.py.",
        {"height": ROWSHIFT_HEIGHT},
        [rowshift_case(s) for s in ROWSHIFT_EXPRS],
    )
    write(
        "float16.json",
        "float16 rounding: f64 = the input's u64 bit pattern, f16 = np.float16(input) widened to float32, "
        "as its u32 bit pattern. Written by make_numpy_tables.py.",
        {},
        [float16_case(x) for x in FLOAT16_INPUTS],
    )


if __name__ == "__main__":
    main()
