//! The expression language of PixelFilter (`custom`), PixelMath and the RowShift / ColumnShift
//! `formula` selections (docs/spec.md §1.6, §3.1, §3.2, §3.4, §3.8 and §7 decision 16).
//!
//! The original evaluates these strings with Python's `eval` over numpy arrays. This module
//! reimplements exactly the subset of Python that the safety check lets through, with the same
//! values:
//!
//! * **Parsing** — a small Pratt (precedence-climbing) parser for Python's expression grammar restricted
//!   to numbers (`1`, `1.5`, `.5`, `1e3`, `0x1f`, `1_000`), names, `True`/`False`, unary `+ - not`,
//!   binary `+ - * / // % **`, `& | ^ << >>`, chainable comparisons, `and`/`or`, parentheses
//!   and calls with comma-separated arguments. Precedence and associativity are Python's
//!   (`-2**2 == -4`, `2**3**2 == 512`, `not a == b` is `not (a == b)`).
//! * **Types** — every value is either a *Python scalar* (`bool`, `int`, `float`; "weak" in
//!   numpy's NEP 50 promotion) or a numpy value of dtype `bool`, `int8`, `int32`, `int64`,
//!   `float16`, `float32`, `float64`. Numpy values are either *lane vectors* (one value per
//!   pixel of the row being evaluated) or 0-d numpy scalars (e.g. `sqrt(width)` is an
//!   `np.float64`). Operations between two Python scalars follow Python (unbounded ints are
//!   modelled as `i64` with an overflow error, `ZeroDivisionError` is an error, `int ** -1` is a
//!   float, …); operations involving a numpy value follow numpy 2.x (NEP 50 promotion,
//!   wrapping integer arithmetic, `int // 0 == 0`, `float / 0 == inf`, bool `+` is logical or,
//!   bool `-` is an error, `bool // bool` is int8, functions of bool/int8 give float16, the
//!   `arr ** 2` / `arr ** -1` / `arr ** 0.5` fast paths, …). Types are tracked dynamically at run
//!   time (some Python results have value-dependent types, e.g. `2 ** y` is an int for `y >= 0`
//!   and a float otherwise); a static pass at compile time resolves every name, checks arities
//!   and rejects operations that can never be typed (e.g. `r & 1` on float32 `r`).
//! * **Evaluation** — the typed tree is walked once per call over whole lane vectors (a row of
//!   pixels, or all pixels at once); each node processes a complete vector. Scratch vectors come
//!   from a per-thread pool, so a warm evaluation allocates nothing.
//!
//! `and` / `or` / `not` (decision 16, a superset of the original which only allows them on
//! scalars): on Python scalars and 0-d numpy scalars they are Python's (short-circuit, `a and b`
//! returns `a` or `b` itself, `not` gives a Python bool). When the left operand is a lane vector
//! they apply Python's rule *per element* — `a and b` is `b` where `a` is truthy and `a`
//! elsewhere, `a or b` is `a` where truthy and `b` elsewhere (values promoted to a common dtype
//! like `np.where`), `not a` is `a == 0` as a bool vector. Chained comparisons with lane vectors
//! are the element-wise conjunction of the comparisons.
//!
//! Functions (decision 16: every whitelisted function exists in every evaluator). Two flavours
//! mirror the two kinds of original environment (see [`Flavor`]): in the array evaluators
//! (PixelMath / PixelFilter) `abs min max` are `np.abs np.minimum np.maximum`, and the added
//! `floor ceil round pow` are `np.floor np.ceil np.round np.power`; in the scalar formula
//! evaluators (RowShift / ColumnShift) `abs min max round pow int float` are Python's builtins
//! and `sin cos tan sqrt floor ceil exp log` numpy's. `int(x)` / `float(x)` are Python's on
//! scalars and `x.astype(int64)` / `x.astype(float64)` on lane vectors.
//!
//! Errors are [`ExprError`]s (a kind, the byte where the mistake is when it has one place, and
//! the message), never panics. Compile-time: syntax, unknown names/functions, calls
//! of variables, wrong argument counts and untypeable operations (e.g. `r & 1` with float32 `r`);
//! an untypeable operation in an operand Python might skip (right of a scalar `and`/`or`, later
//! links of a comparison chain) only fails if it is reached, as in Python. Run time: Python
//! `ZeroDivisionError`s and overflow (Python ints), numpy's "Integers to negative integer powers
//! are not allowed." and "Python integer … out of bounds for int32", `int(nan)`, complex results.
//!
//! Exactness notes (known divergences):
//! * `sin cos tan exp log` and float `pow`/`**` with a non-trivial exponent are computed with the
//!   platform libm in `f64`; float32/float16 results are that value rounded (i.e. correctly
//!   rounded in practice). numpy 2.3 uses its own SIMD float32 `sin cos exp log` and, on
//!   AVX512_SKX machines, SVML for `pow`, `tan` and float64 `exp`…; those are off by one ulp for
//!   a noticeable fraction of inputs (and numpy's results differ between CPUs). Measured on an
//!   AVX512 machine over r = 0..255: 5–98 of 256 float32 results differ in the last bit, which
//!   changed 0 or 1 of 256 final u8 values. `sqrt`, `floor`, `ceil`, `round`, `abs`, `min`,
//!   `max`, `+ - * / // %`, integer `**`, the `x**2`/`x**-1`/`x**0.5` fast paths and comparisons
//!   are bit-exact.
//! * Python ints are 64-bit here: a Python-int result outside `i64` is an error instead of a
//!   big integer. Complex numbers (`2j`, `(-8) ** 0.5`) are not supported (error).
//! * Python's `min`/`max`/`and`/`or` return one of their operands, so their type can depend on
//!   the values; evaluation reproduces that exactly, [`Expr::result_type`] reports the widest.
//! * Results are returned as `f64`: exact for every bool/int8/int32/float16/float32/float64
//!   value and for int64 values up to 2^53.

use std::cell::RefCell;
use std::cmp::Ordering;

mod check;
mod error;
mod eval;
mod lex;
mod numpy;
mod ops;
mod parse;
mod python;
mod safe;
#[cfg(test)]
mod tests;
mod types;
mod value;

use check::*;
pub use error::{ExprError, ExprErrorKind};
use eval::*;
use lex::*;
use numpy::*;
use ops::*;
use parse::*;
use python::*;
pub use safe::{check_safe, SAFE_FUNCTIONS};
use types::*;
use value::*;

/// Static type of a variable or of an expression's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// numpy bool array / scalar.
    Bool,
    /// numpy int32 array / scalar.
    Int32,
    /// numpy int64 array / scalar.
    Int64,
    /// numpy float32 array / scalar.
    Float32,
    /// numpy float64 array / scalar.
    Float64,
    /// Python `int` (weak in NEP 50 promotion).
    PyInt,
    /// Python `float` (weak in NEP 50 promotion).
    PyFloat,
    /// Python `bool`.
    PyBool,
    /// numpy int8 — only produced by numpy itself (e.g. `bool // bool`, `bool_array ** 2`).
    Int8,
    /// numpy float16 — only produced by numpy itself (e.g. `sin(bool)`, `round(bool_array)`).
    Float16,
}

impl Ty {
    /// `true` for numpy (array) types, `false` for Python scalars.
    pub fn is_array(self) -> bool {
        !matches!(self, Ty::PyInt | Ty::PyFloat | Ty::PyBool)
    }
}

/// Which environment the built-in functions come from (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// Array evaluators (PixelMath, PixelFilter): `abs min max floor ceil round pow` are numpy
    /// ufuncs (`np.abs`, `np.minimum`, …); a Python scalar argument becomes a numpy scalar.
    Numpy,
    /// Scalar formula evaluators (RowShift, ColumnShift): `abs min max round pow int float` are
    /// Python builtins, `sin cos tan sqrt floor ceil exp log` numpy functions.
    Python,
}

/// The value of one variable for [`Expr::eval`].
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    I32(&'a [i32]),
    I64(&'a [i64]),
    F32(&'a [f32]),
    F64(&'a [f64]),
    Bool(&'a [bool]),
    /// A Python int (for `PyInt`/`PyBool` variables), or a value broadcast to every lane of an
    /// array variable.
    Int(i64),
    /// A Python float (for `PyFloat` variables), or a value broadcast to every lane of a float
    /// array variable.
    Float(f64),
}

/// A compiled expression; variables are declared with their types up front.
#[derive(Clone, Debug)]
pub struct Expr {
    src: String,
    root: Node,
    var_tys: Vec<DType>,
    result: Ty,
    flavor: Flavor,
}

impl Expr {
    /// Parse + type-check. `vars` lists every available variable and its type; `funcs` the
    /// callable function names. Unknown names, unknown functions, calls of variables, wrong
    /// argument counts and operations that can never be typed are errors here.
    ///
    /// The function flavour is inferred: [`Flavor::Numpy`] if any variable is an array type,
    /// else [`Flavor::Python`] (exactly the split of the original's environments).
    ///
    /// This does not apply the safety check (docs/spec.md §1.6); run [`check_safe`] first (construction-time
    /// validation), then compile.
    pub fn compile(src: &str, vars: &[(&str, Ty)], funcs: &[&str]) -> Result<Expr, ExprError> {
        let flavor = if vars.iter().any(|(_, t)| t.is_array()) { Flavor::Numpy } else { Flavor::Python };
        Self::compile_with(src, vars, funcs, flavor)
    }

    /// [`Expr::compile`] with an explicit function flavour.
    pub fn compile_with(src: &str, vars: &[(&str, Ty)], funcs: &[&str], flavor: Flavor) -> Result<Expr, ExprError> {
        for (name, ty) in vars {
            if matches!(ty, Ty::Int8 | Ty::Float16) {
                return Err(ExprError::new(
                    ExprErrorKind::Type,
                    format!("variable '{name}': type {ty:?} cannot be an input"),
                ));
            }
        }
        if src.len() > MAX_SOURCE {
            let message = format!("expression is {} characters long; at most {MAX_SOURCE} are accepted", src.len());
            return Err(ExprError::new(ExprErrorKind::TooLarge, message));
        }
        let toks = lex(src)?;
        let ast = Parser::new(&toks).parse_all()?;
        let var_tys: Vec<DType> = vars.iter().map(|(_, t)| DType::from_ty(*t)).collect();
        let env = Env { vars, funcs, flavor };
        let root = env.check(&ast).map_err(|e| e.0)?;
        let result = root.tys.representative().to_ty();
        Ok(Expr { src: src.to_string(), root, var_tys, result, flavor })
    }

    /// The static type of the result. In the rare value-dependent cases (Python `int ** int`
    /// with a run-time exponent, Python `min`/`max`/`and`/`or` of mixed types) this is the
    /// widest of the possible types.
    pub fn result_type(&self) -> Ty {
        self.result
    }

    /// Whether the expression reads variable `k` (its index in the compile-time `vars`).
    /// A variable that is only in a part constant folding removed is not read.
    pub fn uses(&self, k: usize) -> bool {
        uses_var(&self.root, &|v| v == k)
    }

    /// `true` if the result is one value per lane (depends on an array variable).
    pub fn is_per_lane(&self) -> bool {
        self.root.lanes
    }

    /// The function flavour this expression was compiled with.
    pub fn flavor(&self) -> Flavor {
        self.flavor
    }

    /// The source text.
    pub fn source(&self) -> &str {
        &self.src
    }

    /// Evaluates over `n` lanes; `inputs[k]` is the value of `vars[k]` (slices have length n;
    /// scalars broadcast). Writes n results as f64 (exact for every f32/i32 value; integer
    /// results are exact up to 2^53) into `out` (cleared first). Scalar results broadcast to
    /// n lanes.
    pub fn eval(&self, inputs: &[Input<'_>], n: usize, out: &mut Vec<f64>) -> Result<(), ExprError> {
        out.clear();
        if inputs.len() != self.var_tys.len() {
            return Err(ExprError::new(
                ExprErrorKind::Evaluation,
                format!("expected {} input values, got {}", self.var_tys.len(), inputs.len()),
            ));
        }
        POOL.with(|cell| match cell.try_borrow_mut() {
            Ok(mut pool) => self.eval_in(inputs, n, out, &mut pool),
            Err(_) => self.eval_in(inputs, n, out, &mut Pool::default()),
        })
        .map_err(|message| ExprError::new(ExprErrorKind::Evaluation, message))
    }

    /// Convenience for scalar evaluators: all inputs scalars, returns the one value.
    pub fn eval_scalar(&self, inputs: &[Input<'_>]) -> Result<f64, ExprError> {
        let mut out = Vec::with_capacity(1);
        self.eval(inputs, 1, &mut out)?;
        out.first().copied().ok_or_else(|| ExprError::new(ExprErrorKind::Evaluation, "expression produced no value"))
    }

    fn eval_in(&self, inputs: &[Input<'_>], n: usize, out: &mut Vec<f64>, pool: &mut Pool) -> Result<(), String> {
        let mut cx = Ctx { inputs, var_tys: &self.var_tys, n, pool, flavor: self.flavor };
        let v = eval_node(&self.root, &mut cx)?;
        write_out(v, n, out, cx.pool)
    }
}

/// An expression's source for a message: quoted, and shortened to its start and length
/// when long (a message must not echo megabytes).
pub fn quoted(src: &str) -> String {
    const SHOWN: usize = 60;
    match src.char_indices().nth(SHOWN) {
        None => format!("{src:?}"),
        Some((cut, _)) => format!("{:?}… ({} characters)", &src[..cut], src.chars().count()),
    }
}

/// PixelMath's integer-mode test: the text contains `^`, `&`, `|`, `<<` or `>>` (substring test).
pub fn has_integer_ops(src: &str) -> bool {
    src.contains('^') || src.contains('&') || src.contains('|') || src.contains("<<") || src.contains(">>")
}
