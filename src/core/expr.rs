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
//! Errors are `Err(String)`, never panics. Compile-time: syntax, unknown names/functions, calls
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

// ================================================================================================
// Public API
// ================================================================================================

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
    var_tys: Vec<T>,
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
    /// This does not apply the §1.6 safety check; run [`check_safe`] first (construction-time
    /// validation), then compile.
    pub fn compile(src: &str, vars: &[(&str, Ty)], funcs: &[&str]) -> Result<Expr, String> {
        let flavor = if vars.iter().any(|(_, t)| t.is_array()) { Flavor::Numpy } else { Flavor::Python };
        Self::compile_with(src, vars, funcs, flavor)
    }

    /// [`Expr::compile`] with an explicit function flavour.
    pub fn compile_with(src: &str, vars: &[(&str, Ty)], funcs: &[&str], flavor: Flavor) -> Result<Expr, String> {
        for (name, ty) in vars {
            if matches!(ty, Ty::Int8 | Ty::Float16) {
                return Err(format!("variable '{name}': type {ty:?} cannot be an input"));
            }
        }
        if src.len() > MAX_SOURCE {
            return Err(format!("expression is {} characters long; at most {MAX_SOURCE} are accepted", src.len()));
        }
        let toks = lex(src)?;
        let ast = Parser::new(&toks).parse_all()?;
        let var_tys: Vec<T> = vars.iter().map(|(_, t)| T::from_ty(*t)).collect();
        let env = Env { vars, funcs, flavor };
        let root = env.check(&ast).map_err(|e| e.msg)?;
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
    pub fn eval(&self, inputs: &[Input<'_>], n: usize, out: &mut Vec<f64>) -> Result<(), String> {
        out.clear();
        if inputs.len() != self.var_tys.len() {
            return Err(format!("expected {} input values, got {}", self.var_tys.len(), inputs.len()));
        }
        POOL.with(|cell| match cell.try_borrow_mut() {
            Ok(mut pool) => self.eval_in(inputs, n, out, &mut pool),
            Err(_) => self.eval_in(inputs, n, out, &mut Pool::default()),
        })
    }

    /// Convenience for scalar evaluators: all inputs scalars, returns the one value.
    pub fn eval_scalar(&self, inputs: &[Input<'_>]) -> Result<f64, String> {
        let mut out = Vec::with_capacity(1);
        self.eval(inputs, 1, &mut out)?;
        out.first().copied().ok_or_else(|| "expression produced no value".to_string())
    }

    fn eval_in(&self, inputs: &[Input<'_>], n: usize, out: &mut Vec<f64>, pool: &mut Pool) -> Result<(), String> {
        let mut cx = Ctx { inputs, var_tys: &self.var_tys, n, pool, flavor: self.flavor };
        let v = ev(&self.root, &mut cx)?;
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

/// Functions the safety check allows to be called (§1.6 rule 4).
pub const SAFE_FUNCTIONS: [&str; 15] =
    ["sin", "cos", "tan", "sqrt", "abs", "min", "max", "floor", "ceil", "round", "log", "exp", "pow", "int", "float"];

const SAFE_CALLABLE_VARS: [&str; 10] = ["r", "g", "b", "a", "x", "y", "width", "height", "i", "j"];

const UNSAFE_KEYWORDS: [&str; 14] = [
    "import",
    "exec",
    "eval",
    "open",
    "file",
    "input",
    "raw_input",
    "lambda",
    "def",
    "class",
    "while",
    "for",
    "if",
    "try",
];

/// The safety check of §1.6 as amended by §7 decision 16. Returns the warnings (currently only
/// the deprecation of `j`) on success.
///
/// 1. blank → "Expression cannot be empty";
/// 2. every non-whitespace character, lower-cased, must be one of
///    `0-9 + - * / ( ) . % a-z _ = ! < > ^ & | ,`;
/// 3. `__` anywhere, or one of the keywords `import exec eval open file input raw_input lambda def
///    class while for if try` as a whole word (case-insensitive), is rejected;
/// 4. a name followed by `(` must be a whitelisted function (or, as in the original check, one
///    of the variable names `r g b a x y width height i j` — calling those fails later in
///    [`Expr::compile`]);
/// 5. the identifier `j` yields a deprecation warning.
pub fn check_safe(src: &str) -> Result<Vec<String>, String> {
    if src.trim().is_empty() {
        return Err("Expression cannot be empty".to_string());
    }
    for ch in src.chars() {
        if ch.is_whitespace() {
            continue;
        }
        let lc = ch.to_ascii_lowercase();
        let ok = lc.is_ascii_digit() || lc.is_ascii_lowercase() || "+-*/().%_=!<>^&|,".contains(lc);
        if !ok {
            return Err(format!("Unsafe character '{ch}' in expression"));
        }
    }
    if src.contains("__") {
        return Err("Unsafe keyword '__' in expression".to_string());
    }
    let words = word_runs(src);
    for &(start, end) in &words {
        let w = src[start..end].to_ascii_lowercase();
        // A run starting with digits is a number possibly glued to a name (`1if` is `1 if`).
        let name_part = w.trim_start_matches(|c: char| c.is_ascii_digit());
        for kw in UNSAFE_KEYWORDS {
            if w == kw || name_part == kw {
                return Err(format!("Unsafe keyword '{kw}' in expression"));
            }
        }
    }
    let bytes = src.as_bytes();
    for &(start, end) in &words {
        let mut k = end;
        while k < bytes.len() && (bytes[k] as char).is_whitespace() {
            k += 1;
        }
        if k < bytes.len() && bytes[k] == b'(' {
            // Python's `[a-zA-Z_][a-zA-Z0-9_]*\s*\(` matches from the first non-digit.
            let run = &src[start..end];
            let name = run.trim_start_matches(|c: char| c.is_ascii_digit());
            if name.is_empty() {
                continue;
            }
            let lower = name.to_ascii_lowercase();
            if !SAFE_FUNCTIONS.contains(&lower.as_str()) && !SAFE_CALLABLE_VARS.contains(&lower.as_str()) {
                return Err(format!("Unknown or unsafe function '{name}' in expression"));
            }
        }
    }
    let mut warnings = Vec::new();
    if words.iter().any(|&(s, e)| &src[s..e] == "j") {
        warnings.push(format!(
            "Variable 'j' is deprecated. Use 'x' for column coordinate instead. Example: '{}'",
            src.replace('j', "x")
        ));
    }
    Ok(warnings)
}

/// Maximal runs of ASCII `[A-Za-z0-9_]` as byte ranges.
fn word_runs(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() || b[i] == b'_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

// ================================================================================================
// Lexer
// ================================================================================================

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Int(i64),
    Float(f64),
    Name(String),
    Op(&'static str),
    LPar,
    RPar,
    Comma,
    End,
}

#[derive(Clone, Debug)]
struct Lexed {
    tok: Tok,
    pos: usize,
}

const OPS: [&str; 18] =
    ["**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+", "-", "*", "/", "%", "<", ">", "&", "|", "^"];

fn lex(src: &str) -> Result<Vec<Lexed>, String> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (c as char).is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_ascii() {
            let ch = src[i..].chars().next().unwrap_or('?');
            if ch.is_whitespace() {
                i += ch.len_utf8();
                continue;
            }
            return Err(format!("invalid character '{ch}' at position {i}"));
        }
        if c.is_ascii_digit() || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit()) {
            let (tok, next) = lex_number(src, i)?;
            out.push(Lexed { tok, pos: i });
            i = next;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Lexed { tok: Tok::Name(src[s..i].to_string()), pos: s });
            continue;
        }
        match c {
            b'(' => out.push(Lexed { tok: Tok::LPar, pos: i }),
            b')' => out.push(Lexed { tok: Tok::RPar, pos: i }),
            b',' => out.push(Lexed { tok: Tok::Comma, pos: i }),
            _ => {
                let rest = &src[i..];
                if let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) {
                    if *op == "<" && rest.starts_with("<>") {
                        return Err(format!("invalid syntax at position {i}: '<>' (use '!=')"));
                    }
                    out.push(Lexed { tok: Tok::Op(op), pos: i });
                    i += op.len();
                    continue;
                }
                return Err(match c {
                    b'=' => {
                        format!("invalid syntax at position {i}: '=' (assignment is not allowed; did you mean '=='?)")
                    }
                    b'.' => format!("invalid syntax at position {i}: attribute access with '.' is not supported"),
                    b'~' => format!("invalid syntax at position {i}: operator '~' is not supported"),
                    _ => format!("invalid syntax at position {i}: unexpected character '{}'", c as char),
                });
            }
        }
        i += 1;
    }
    out.push(Lexed { tok: Tok::End, pos: b.len() });
    Ok(out)
}

/// Consumes `digit ('_'? digit)*` (Python digit groups); returns the end index.
fn digit_run(b: &[u8], mut i: usize, radix: u32) -> Result<usize, String> {
    let is_d = |c: u8| (c as char).is_digit(radix);
    while i < b.len() {
        let grouped = b[i] == b'_' && i > 0 && is_d(b[i - 1]) && i + 1 < b.len() && is_d(b[i + 1]);
        if is_d(b[i]) || grouped {
            i += 1;
        } else {
            break;
        }
    }
    Ok(i)
}

fn lex_number(src: &str, start: usize) -> Result<(Tok, usize), String> {
    let b = src.as_bytes();
    let mut i = start;
    let bad =
        |at: usize| format!("invalid syntax at position {at}: invalid number literal '{}'", number_text(src, start));
    // Prefixed integers.
    if b[i] == b'0' && i + 1 < b.len() && matches!(b[i + 1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        let radix = match b[i + 1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            _ => 2,
        };
        i += 2;
        if i < b.len() && b[i] == b'_' {
            i += 1;
        }
        let ds = i;
        i = digit_run(b, i, radix)?;
        if i == ds {
            return Err(bad(start));
        }
        if i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') && !glued_keyword(src, i) {
            return Err(bad(start));
        }
        let digits: String = src[ds..i].chars().filter(|&c| c != '_').collect();
        let v = i64::from_str_radix(&digits, radix)
            .map_err(|_| format!("integer literal '{}' is too large (integers are 64-bit)", &src[start..i]))?;
        return Ok((Tok::Int(v), i));
    }
    let mut is_float = false;
    i = digit_run(b, i, 10)?;
    if i < b.len() && b[i] == b'.' {
        is_float = true;
        i += 1;
        if i < b.len() && b[i].is_ascii_digit() {
            i = digit_run(b, i, 10)?;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut k = i + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            is_float = true;
            i = digit_run(b, k, 10)?;
        } else if !glued_keyword(src, i) {
            return Err(bad(start));
        }
    }
    if i < b.len() && (b[i] == b'j' || b[i] == b'J') {
        return Err(format!("complex number literal '{}' is not supported", &src[start..=i]));
    }
    if i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') && !glued_keyword(src, i) {
        return Err(bad(start));
    }
    let text: String = src[start..i].chars().filter(|&c| c != '_').collect();
    if is_float {
        let v: f64 = text.parse().map_err(|_| bad(start))?;
        Ok((Tok::Float(v), i))
    } else {
        if text.len() > 1 && text.starts_with('0') && text.bytes().any(|c| c != b'0') {
            return Err(format!(
                "invalid syntax at position {start}: leading zeros in decimal integer literals are not permitted ('{}')",
                &src[start..i]
            ));
        }
        let v: i64 = text
            .parse()
            .map_err(|_| format!("integer literal '{}' is too large (integers are 64-bit)", &src[start..i]))?;
        Ok((Tok::Int(v), i))
    }
}

/// Python accepts `1and 2` / `1or 2` (a keyword glued to a number).
fn glued_keyword(src: &str, i: usize) -> bool {
    let b = src.as_bytes();
    let mut k = i;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'_') {
        k += 1;
    }
    matches!(&src[i..k], "and" | "or")
}

fn number_text(src: &str, start: usize) -> &str {
    let b = src.as_bytes();
    let mut k = start;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'_' || b[k] == b'.') {
        k += 1;
    }
    &src[start..k]
}

// ================================================================================================
// Parser (Python precedence)
// ================================================================================================

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UOp {
    Neg,
    Pos,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

impl BOp {
    fn sym(self) -> &'static str {
        match self {
            BOp::Add => "+",
            BOp::Sub => "-",
            BOp::Mul => "*",
            BOp::Div => "/",
            BOp::FloorDiv => "//",
            BOp::Mod => "%",
            BOp::Pow => "**",
            BOp::BitAnd => "&",
            BOp::BitOr => "|",
            BOp::BitXor => "^",
            BOp::Shl => "<<",
            BOp::Shr => ">>",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl CmpOp {
    fn test(self, o: Option<Ordering>) -> bool {
        match (self, o) {
            (CmpOp::Ne, None) => true,
            (_, None) => false,
            (CmpOp::Lt, Some(o)) => o == Ordering::Less,
            (CmpOp::Le, Some(o)) => o != Ordering::Greater,
            (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
            (CmpOp::Ge, Some(o)) => o != Ordering::Less,
            (CmpOp::Eq, Some(o)) => o == Ordering::Equal,
            (CmpOp::Ne, Some(o)) => o != Ordering::Equal,
        }
    }
}

#[derive(Clone, Debug)]
enum Ast {
    Int(i64),
    Float(f64),
    Bool(bool),
    Name(String),
    Unary(UOp, Box<Ast>),
    Bin(BOp, Box<Ast>, Box<Ast>),
    Cmp(Box<Ast>, Vec<(CmpOp, Ast)>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Call(String, Vec<Ast>),
}

/// Maximum nesting of the source (parentheses, unary operators, calls, right operands):
/// bounds the parser's recursion.
const MAX_DEPTH: usize = 200;
/// Maximum recursion depth of the checker and the evaluator over the tree (a level takes
/// several kilobytes of stack in a debug build; worker threads have 2 MiB). A flat chain of
/// binary operators (`a + b + … + z`) is walked in a loop and does not count.
const MAX_TREE_DEPTH: usize = 200;
/// Longest source accepted: bounds a flat chain's length (and the work of checking it).
const MAX_SOURCE: usize = 100_000;

struct Parser<'t> {
    toks: &'t [Lexed],
    p: usize,
    depth: usize,
}

type PResult = Result<(Ast, usize), String>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Infix {
    Or,
    And,
    Cmp,
    Bin(BOp),
}

const BP_OR: u8 = 10;
const BP_AND: u8 = 20;
const BP_NOT: u8 = 30;
const BP_CMP: u8 = 40;
const BP_UNARY: u8 = 110;
const BP_POW: u8 = 120;

impl<'t> Parser<'t> {
    fn new(toks: &'t [Lexed]) -> Self {
        Parser { toks, p: 0, depth: 0 }
    }

    fn peek(&self) -> &Tok {
        &self.toks[self.p.min(self.toks.len() - 1)].tok
    }

    fn pos(&self) -> usize {
        self.toks[self.p.min(self.toks.len() - 1)].pos
    }

    fn bump(&mut self) {
        if self.p < self.toks.len() - 1 {
            self.p += 1;
        }
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == kw)
    }

    fn unexpected(&self) -> String {
        let what = match self.peek() {
            Tok::End => return "invalid syntax: unexpected end of expression".to_string(),
            Tok::Int(v) => v.to_string(),
            Tok::Float(v) => v.to_string(),
            Tok::Name(n) => n.clone(),
            Tok::Op(o) => o.to_string(),
            Tok::LPar => "(".into(),
            Tok::RPar => ")".into(),
            Tok::Comma => ",".into(),
        };
        format!("invalid syntax at position {}: unexpected '{what}'", self.pos())
    }

    fn deeper(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("expression is too deeply nested (more than {MAX_DEPTH} levels)"));
        }
        Ok(())
    }

    fn check_depth(d: usize) -> Result<usize, String> {
        if d > MAX_TREE_DEPTH {
            Err(format!("expression is too deeply nested (more than {MAX_TREE_DEPTH} levels)"))
        } else {
            Ok(d)
        }
    }

    fn parse_all(&mut self) -> Result<Ast, String> {
        if matches!(self.peek(), Tok::End) {
            return Err("Expression cannot be empty".to_string());
        }
        let (ast, _) = self.parse_bp(0)?;
        if !matches!(self.peek(), Tok::End) {
            return Err(self.unexpected());
        }
        Ok(ast)
    }

    fn cmp_op(&self) -> Option<CmpOp> {
        match self.peek() {
            Tok::Op("<") => Some(CmpOp::Lt),
            Tok::Op("<=") => Some(CmpOp::Le),
            Tok::Op(">") => Some(CmpOp::Gt),
            Tok::Op(">=") => Some(CmpOp::Ge),
            Tok::Op("==") => Some(CmpOp::Eq),
            Tok::Op("!=") => Some(CmpOp::Ne),
            _ => None,
        }
    }

    /// The infix operator at the cursor and its left binding power (Python precedence:
    /// `or` < `and` < `not` < comparisons < `|` < `^` < `&` < shifts < `+ -` < `* / // %` <
    /// unary `+ -` < `**`).
    fn infix(&self) -> Option<(Infix, u8)> {
        Some(match self.peek() {
            Tok::Name(n) if n == "or" => (Infix::Or, BP_OR),
            Tok::Name(n) if n == "and" => (Infix::And, BP_AND),
            Tok::Op(o) => match *o {
                "<" | "<=" | ">" | ">=" | "==" | "!=" => (Infix::Cmp, BP_CMP),
                "|" => (Infix::Bin(BOp::BitOr), 50),
                "^" => (Infix::Bin(BOp::BitXor), 60),
                "&" => (Infix::Bin(BOp::BitAnd), 70),
                "<<" => (Infix::Bin(BOp::Shl), 80),
                ">>" => (Infix::Bin(BOp::Shr), 80),
                "+" => (Infix::Bin(BOp::Add), 90),
                "-" => (Infix::Bin(BOp::Sub), 90),
                "*" => (Infix::Bin(BOp::Mul), 100),
                "/" => (Infix::Bin(BOp::Div), 100),
                "//" => (Infix::Bin(BOp::FloorDiv), 100),
                "%" => (Infix::Bin(BOp::Mod), 100),
                "**" => (Infix::Bin(BOp::Pow), BP_POW),
                _ => return None,
            },
            _ => return None,
        })
    }

    /// Pratt parser: an expression whose infix operators all bind at least as tightly as
    /// `min_bp`. Returns the tree and its depth.
    fn parse_bp(&mut self, min_bp: u8) -> PResult {
        self.deeper()?;
        let (mut lhs, mut d) = self.parse_prefix(min_bp)?;
        loop {
            if self.is_kw("in") || self.is_kw("is") {
                return Err(format!(
                    "invalid syntax at position {}: operator '{}' is not supported",
                    self.pos(),
                    if self.is_kw("in") { "in" } else { "is" }
                ));
            }
            let Some((op, bp)) = self.infix() else { break };
            if bp < min_bp {
                break;
            }
            match op {
                Infix::Cmp => {
                    let mut rest = Vec::new();
                    while let Some(c) = self.cmp_op() {
                        self.bump();
                        let (r, dr) = self.parse_bp(BP_CMP + 1)?;
                        d = d.max(dr);
                        rest.push((c, r));
                    }
                    lhs = Ast::Cmp(Box::new(lhs), rest);
                }
                Infix::And | Infix::Or => {
                    self.bump();
                    let (r, dr) = self.parse_bp(bp + 1)?;
                    d = d.max(dr);
                    lhs = if op == Infix::And {
                        Ast::And(Box::new(lhs), Box::new(r))
                    } else {
                        Ast::Or(Box::new(lhs), Box::new(r))
                    };
                }
                Infix::Bin(b) => {
                    self.bump();
                    // `**` is right-associative and its right operand may carry unary signs.
                    let rbp = if b == BOp::Pow { BP_UNARY } else { bp + 1 };
                    let (r, dr) = self.parse_bp(rbp)?;
                    // Checked and evaluated in a loop down the left spine: only the right
                    // operand adds to the recursion depth.
                    d = Self::check_depth(d.max(dr + 1))?;
                    lhs = Ast::Bin(b, Box::new(lhs), Box::new(r));
                    continue;
                }
            }
            d = Self::check_depth(d + 1)?;
        }
        self.depth -= 1;
        Ok((lhs, d))
    }

    fn parse_prefix(&mut self, min_bp: u8) -> PResult {
        if self.is_kw("not") {
            if min_bp > BP_NOT {
                return Err(self.unexpected());
            }
            self.bump();
            let (a, d) = self.parse_bp(BP_NOT)?;
            return Ok((Ast::Unary(UOp::Not, Box::new(a)), Self::check_depth(d + 1)?));
        }
        let op = if self.is_op("-") {
            Some(UOp::Neg)
        } else if self.is_op("+") {
            Some(UOp::Pos)
        } else {
            None
        };
        if let Some(op) = op {
            if min_bp > BP_UNARY {
                return Err(self.unexpected());
            }
            self.bump();
            let (a, d) = self.parse_bp(BP_UNARY)?;
            return Ok((Ast::Unary(op, Box::new(a)), Self::check_depth(d + 1)?));
        }
        self.parse_primary()
    }

    fn parse_primary(&mut self) -> PResult {
        let pos = self.pos();
        match self.peek().clone() {
            Tok::Int(v) => {
                self.bump();
                Ok((Ast::Int(v), 1))
            }
            Tok::Float(v) => {
                self.bump();
                Ok((Ast::Float(v), 1))
            }
            Tok::LPar => {
                self.bump();
                if matches!(self.peek(), Tok::RPar) {
                    return Err(format!(
                        "invalid syntax at position {pos}: empty parentheses (tuples are not supported)"
                    ));
                }
                let (e, d) = self.parse_bp(0)?;
                if matches!(self.peek(), Tok::Comma) {
                    return Err(format!("invalid syntax at position {}: tuples are not supported", self.pos()));
                }
                if !matches!(self.peek(), Tok::RPar) {
                    return Err(if matches!(self.peek(), Tok::End) {
                        format!("invalid syntax: '(' at position {pos} was never closed")
                    } else {
                        self.unexpected()
                    });
                }
                self.bump();
                self.no_trailer()?;
                Ok((e, d))
            }
            Tok::Name(name) => {
                match name.as_str() {
                    "True" | "False" => {
                        self.bump();
                        return Ok((Ast::Bool(name == "True"), 1));
                    }
                    "and" | "or" | "not" | "in" | "is" | "if" | "else" | "lambda" | "None" | "for" | "while"
                    | "import" | "def" | "class" | "try" | "return" | "yield" | "await" | "async" | "del" | "pass"
                    | "from" | "global" | "nonlocal" | "assert" | "with" | "as" | "raise" | "break" | "continue"
                    | "elif" | "except" | "finally" => {
                        return Err(if name == "None" {
                            format!("invalid syntax at position {pos}: 'None' is not supported")
                        } else {
                            format!("invalid syntax at position {pos}: unexpected keyword '{name}'")
                        });
                    }
                    _ => {}
                }
                self.bump();
                if matches!(self.peek(), Tok::LPar) {
                    self.bump();
                    let mut args = Vec::new();
                    let mut d = 1;
                    loop {
                        if matches!(self.peek(), Tok::RPar) {
                            break;
                        }
                        let (a, da) = self.parse_bp(0)?;
                        d = d.max(da);
                        args.push(a);
                        if matches!(self.peek(), Tok::Comma) {
                            self.bump();
                            continue;
                        }
                        if !matches!(self.peek(), Tok::RPar) {
                            return Err(if matches!(self.peek(), Tok::End) {
                                format!("invalid syntax: '(' of the call to '{name}' was never closed")
                            } else {
                                self.unexpected()
                            });
                        }
                    }
                    self.bump();
                    self.no_trailer()?;
                    return Ok((Ast::Call(name, args), Self::check_depth(d + 1)?));
                }
                Ok((Ast::Name(name), 1))
            }
            _ => Err(self.unexpected()),
        }
    }

    /// `f(x)(y)` and `(f)(x)` are not supported.
    fn no_trailer(&self) -> Result<(), String> {
        if matches!(self.peek(), Tok::LPar) {
            return Err(format!("invalid syntax at position {}: only names can be called", self.pos()));
        }
        Ok(())
    }
}

// ================================================================================================
// Types
// ================================================================================================

/// Run-time type of a value: three Python scalar kinds and seven numpy dtypes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum T {
    PB,
    PI,
    PF,
    B,
    I8,
    I32,
    I64,
    F16,
    F32,
    F64,
}

const ALL_T: [T; 10] = [T::PB, T::PI, T::PF, T::B, T::I8, T::I32, T::I64, T::F16, T::F32, T::F64];

impl T {
    fn is_py(self) -> bool {
        matches!(self, T::PB | T::PI | T::PF)
    }
    fn is_int(self) -> bool {
        matches!(self, T::I8 | T::I32 | T::I64)
    }
    fn is_float(self) -> bool {
        matches!(self, T::F16 | T::F32 | T::F64)
    }
    fn name(self) -> &'static str {
        match self {
            T::PB => "bool",
            T::PI => "int",
            T::PF => "float",
            T::B => "bool",
            T::I8 => "int8",
            T::I32 => "int32",
            T::I64 => "int64",
            T::F16 => "float16",
            T::F32 => "float32",
            T::F64 => "float64",
        }
    }
    fn bit(self) -> u16 {
        1 << (self as u16)
    }
    fn to_ty(self) -> Ty {
        match self {
            T::PB => Ty::PyBool,
            T::PI => Ty::PyInt,
            T::PF => Ty::PyFloat,
            T::B => Ty::Bool,
            T::I8 => Ty::Int8,
            T::I32 => Ty::Int32,
            T::I64 => Ty::Int64,
            T::F16 => Ty::Float16,
            T::F32 => Ty::Float32,
            T::F64 => Ty::Float64,
        }
    }
    fn from_ty(t: Ty) -> T {
        match t {
            Ty::PyBool => T::PB,
            Ty::PyInt => T::PI,
            Ty::PyFloat => T::PF,
            Ty::Bool => T::B,
            Ty::Int8 => T::I8,
            Ty::Int32 => T::I32,
            Ty::Int64 => T::I64,
            Ty::Float16 => T::F16,
            Ty::Float32 => T::F32,
            Ty::Float64 => T::F64,
        }
    }
    /// The numpy dtype a Python scalar becomes when it is passed to a ufunc on its own.
    fn strong(self) -> T {
        match self {
            T::PB => T::B,
            T::PI => T::I64,
            T::PF => T::F64,
            t => t,
        }
    }
    /// Python numeric tower rank (bool < int < float) for Python-only promotion.
    fn py_rank(self) -> u8 {
        match self {
            T::PB => 0,
            T::PI => 1,
            _ => 2,
        }
    }
}

/// numpy's promotion of two dtypes (both strong).
fn promote(a: T, b: T) -> T {
    use T::*;
    if a == b {
        return a;
    }
    match (a, b) {
        (B, x) | (x, B) => x,
        (I8, x) | (x, I8) => x,
        (I32, I64) | (I64, I32) => I64,
        (I32 | I64, _) | (_, I32 | I64) => F64,
        (F16, F32) | (F32, F16) => F32,
        _ => F64,
    }
}

/// NEP 50: a Python scalar `w` meeting a numpy value of dtype `d`.
fn weak_promote(w: T, d: T) -> T {
    match w {
        T::PI if d == T::B => T::I64,
        T::PF if !d.is_float() => T::F64,
        _ => d,
    }
}

/// The common dtype numpy computes in for operands of run-time types `a` and `b` (at least one
/// of them is a numpy value, or both are Python scalars passed to a ufunc).
fn operand_dt(a: T, b: T) -> T {
    match (a.is_py(), b.is_py()) {
        (false, false) => promote(a, b),
        (true, false) => weak_promote(a, b),
        (false, true) => weak_promote(b, a),
        (true, true) => promote(a.strong(), b.strong()),
    }
}

/// Python-only promotion (bool < int < float).
fn py_promote(a: T, b: T) -> T {
    if a.py_rank() >= b.py_rank() {
        a
    } else {
        b
    }
}

fn bin_type_error(op: BOp, a: T, b: T) -> String {
    format!(
        "unsupported operand type(s) for {}: '{}' and '{}'{}",
        op.sym(),
        a.name(),
        b.name(),
        if matches!(op, BOp::BitAnd | BOp::BitOr | BOp::BitXor | BOp::Shl | BOp::Shr) {
            " (bitwise operators need integer or boolean operands)"
        } else {
            ""
        }
    )
}

const BOOL_SUB_MSG: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead";
const BOOL_NEG_MSG: &str = "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead";
const BOOL_POS_MSG: &str = "unary '+' is not supported for numpy booleans";

/// numpy operator: (dtype both operands are converted to, result dtype).
fn np_bin_types(op: BOp, a: T, b: T) -> Result<(T, T), String> {
    let p = operand_dt(a, b);
    match op {
        BOp::Add | BOp::Mul => Ok((p, p)),
        BOp::Sub => {
            if p == T::B {
                Err(BOOL_SUB_MSG.to_string())
            } else {
                Ok((p, p))
            }
        }
        BOp::Div => {
            if p.is_float() {
                Ok((p, p))
            } else {
                Ok((T::F64, T::F64))
            }
        }
        BOp::FloorDiv | BOp::Mod | BOp::Pow => {
            if p == T::B {
                Ok((T::I8, T::I8))
            } else {
                Ok((p, p))
            }
        }
        BOp::BitAnd | BOp::BitOr | BOp::BitXor => {
            if p.is_float() {
                Err(bin_type_error(op, a, b))
            } else {
                Ok((p, p))
            }
        }
        BOp::Shl | BOp::Shr => {
            if p.is_float() {
                Err(bin_type_error(op, a, b))
            } else if p == T::B {
                Ok((T::I8, T::I8))
            } else {
                Ok((p, p))
            }
        }
    }
}

/// Python operator on two Python scalars: result type (for `int ** int` the non-negative
/// exponent case; the caller adds `float`).
fn py_bin_type(op: BOp, a: T, b: T) -> Result<T, String> {
    let any_f = a == T::PF || b == T::PF;
    match op {
        BOp::Add | BOp::Sub | BOp::Mul | BOp::FloorDiv | BOp::Mod | BOp::Pow => Ok(if any_f { T::PF } else { T::PI }),
        BOp::Div => Ok(T::PF),
        BOp::BitAnd | BOp::BitOr | BOp::BitXor => {
            if any_f {
                Err(bin_type_error(op, a, b))
            } else if a == T::PB && b == T::PB {
                Ok(T::PB)
            } else {
                Ok(T::PI)
            }
        }
        BOp::Shl | BOp::Shr => {
            if any_f {
                Err(bin_type_error(op, a, b))
            } else {
                Ok(T::PI)
            }
        }
    }
}

/// A set of possible run-time types (static analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct TySet(u16);

impl TySet {
    fn one(t: T) -> TySet {
        TySet(t.bit())
    }
    fn add(&mut self, t: T) {
        self.0 |= t.bit();
    }
    fn union(self, o: TySet) -> TySet {
        TySet(self.0 | o.0)
    }
    fn has(self, t: T) -> bool {
        self.0 & t.bit() != 0
    }
    fn iter(self) -> impl Iterator<Item = T> {
        ALL_T.into_iter().filter(move |t| self.has(*t))
    }
    fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The single type, or the promotion of all members.
    fn representative(self) -> T {
        let mut it = self.iter();
        let Some(mut acc) = it.next() else { return T::F64 };
        for t in it {
            acc = match (acc.is_py(), t.is_py()) {
                (true, true) => py_promote(acc, t),
                _ => operand_dt(acc, t),
            };
        }
        acc
    }
}

// ================================================================================================
// Typed tree
// ================================================================================================

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Func {
    Sin,
    Cos,
    Tan,
    Sqrt,
    Exp,
    Log,
    Abs,
    Floor,
    Ceil,
    Round,
    Min,
    Max,
    Pow,
    Int,
    Float,
}

impl Func {
    fn from_name(s: &str) -> Option<Func> {
        Some(match s {
            "sin" => Func::Sin,
            "cos" => Func::Cos,
            "tan" => Func::Tan,
            "sqrt" => Func::Sqrt,
            "exp" => Func::Exp,
            "log" => Func::Log,
            "abs" => Func::Abs,
            "floor" => Func::Floor,
            "ceil" => Func::Ceil,
            "round" => Func::Round,
            "min" => Func::Min,
            "max" => Func::Max,
            "pow" => Func::Pow,
            "int" => Func::Int,
            "float" => Func::Float,
            _ => return None,
        })
    }
    fn is_transcendental(self) -> bool {
        matches!(self, Func::Sin | Func::Cos | Func::Tan | Func::Sqrt | Func::Exp | Func::Log)
    }
}

#[derive(Clone, Debug)]
struct Node {
    k: NK,
    /// The value is one per lane (depends on an array variable) rather than a scalar.
    lanes: bool,
    /// Possible run-time types.
    tys: TySet,
}

#[derive(Clone, Debug)]
enum NK {
    Const(Sc),
    Var(usize),
    Unary(UOp, Box<Node>),
    Bin(BOp, Box<Node>, Box<Node>),
    Cmp(Box<Node>, Vec<(CmpOp, Node)>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Call(Func, Vec<Node>),
    /// An operation that cannot be typed, in an operand that may be skipped: fails when reached.
    Fail(String),
}

/// A compile-time error. `typing` errors (an operation no operand type supports) are deferred
/// to run time where Python might not evaluate the operand; name, call and syntax errors never
/// are.
struct CErr {
    msg: String,
    typing: bool,
}

impl From<String> for CErr {
    fn from(msg: String) -> Self {
        CErr { msg, typing: true }
    }
}

fn hard(msg: String) -> CErr {
    CErr { msg, typing: false }
}

struct Env<'a, 'b> {
    vars: &'a [(&'b str, Ty)],
    funcs: &'a [&'b str],
    flavor: Flavor,
}

/// Applies `f` to every pair of possible types; the union of the results, or the first error
/// if no pair can be typed.
fn pairwise(a: TySet, b: TySet, mut f: impl FnMut(T, T) -> Result<TySet, String>) -> Result<TySet, String> {
    let mut out = TySet::default();
    let mut first_err = None;
    for ta in a.iter() {
        for tb in b.iter() {
            match f(ta, tb) {
                Ok(s) => out = out.union(s),
                Err(e) => {
                    if first_err.is_none() {
                        first_err = Some(e);
                    }
                }
            }
        }
    }
    if out.is_empty() {
        Err(first_err.unwrap_or_else(|| "expression has no valid type".to_string()))
    } else {
        Ok(out)
    }
}

fn mapset(a: TySet, mut f: impl FnMut(T) -> Result<T, String>) -> Result<TySet, String> {
    pairwise(a, TySet::one(T::PB), |t, _| f(t).map(TySet::one))
}

impl Env<'_, '_> {
    fn check(&self, ast: &Ast) -> Result<Node, CErr> {
        let node = self.check_inner(ast)?;
        fold(node, self.flavor).map_err(CErr::from)
    }

    /// An operand Python may not evaluate (right of `and`/`or`, later links of a comparison
    /// chain): an untypeable operation there is only an error if it is reached at run time.
    fn check_skippable(&self, ast: &Ast, lanes_before: bool) -> Result<Node, CErr> {
        match self.check(ast) {
            Err(e) if e.typing && !lanes_before => Ok(Node { k: NK::Fail(e.msg), lanes: false, tys: TySet::default() }),
            r => r,
        }
    }

    fn check_inner(&self, ast: &Ast) -> Result<Node, CErr> {
        match ast {
            Ast::Int(v) => Ok(konst(Sc::I(*v))),
            Ast::Float(v) => Ok(konst(Sc::F(*v))),
            Ast::Bool(v) => Ok(konst(Sc::B(*v))),
            Ast::Name(name) => {
                if let Some(k) = self.vars.iter().position(|(n, _)| n == name) {
                    let t = T::from_ty(self.vars[k].1);
                    return Ok(Node { k: NK::Var(k), lanes: !t.is_py(), tys: TySet::one(t) });
                }
                if self.funcs.contains(&name.as_str()) {
                    return Err(hard(format!("function '{name}' must be called, e.g. {name}(x)")));
                }
                Err(hard(format!("name '{name}' is not defined")))
            }
            Ast::Unary(op, a) => {
                let a = self.check(a)?;
                let lanes = a.lanes;
                let tys = match op {
                    UOp::Not => TySet::one(if lanes { T::B } else { T::PB }),
                    UOp::Neg | UOp::Pos => mapset(a.tys, |t| match t {
                        T::PB => Ok(T::PI),
                        T::B => Err(if *op == UOp::Neg { BOOL_NEG_MSG } else { BOOL_POS_MSG }.to_string()),
                        t => Ok(t),
                    })?,
                };
                Ok(Node { k: NK::Unary(*op, Box::new(a)), lanes, tys })
            }
            Ast::Bin(..) => {
                // `a + b + c + …` nests to the left as deep as it is long: walk that spine
                // in a loop (recursion is only for right operands), folding as it goes.
                let mut links = Vec::new();
                let mut first = ast;
                while let Ast::Bin(op, a, b) = first {
                    links.push((*op, b));
                    first = a;
                }
                let mut acc = self.check(first)?;
                // Whether the chain so far has a variable (then it cannot fold): kept as the
                // chain grows, so a long one is not walked again at every link.
                let mut vars = has_var(&acc);
                for (op, b) in links.into_iter().rev() {
                    let b = self.check(b)?;
                    vars = vars || has_var(&b);
                    let tys = bin_tys(op, &acc, &b, true)?;
                    let node = Node { lanes: acc.lanes || b.lanes, tys, k: NK::Bin(op, Box::new(acc), Box::new(b)) };
                    acc = if vars { node } else { fold(node, self.flavor)? };
                }
                Ok(acc)
            }
            Ast::Cmp(first, rest) => {
                let first = self.check(first)?;
                let mut lanes = first.lanes;
                let mut tys = TySet::default();
                let mut prev = first.tys;
                let mut nodes = Vec::with_capacity(rest.len());
                for (k, (op, e)) in rest.iter().enumerate() {
                    let n = if k == 0 { self.check(e)? } else { self.check_skippable(e, lanes)? };
                    lanes |= n.lanes;
                    if !prev.is_empty() && !n.tys.is_empty() {
                        // Every pair of types can be compared.
                        let c = pairwise(prev, n.tys, |x, y| {
                            Ok(TySet::one(if x.is_py() && y.is_py() { T::PB } else { T::B }))
                        })?;
                        tys = tys.union(c);
                    }
                    prev = n.tys;
                    nodes.push((*op, n));
                }
                if lanes {
                    tys = TySet::one(T::B);
                }
                Ok(Node { k: NK::Cmp(Box::new(first), nodes), lanes, tys })
            }
            Ast::And(a, b) | Ast::Or(a, b) => {
                let a = self.check(a)?;
                let b = self.check_skippable(b, a.lanes)?;
                let lanes = a.lanes || b.lanes;
                let tys = if a.lanes {
                    pairwise(a.tys, b.tys, |x, y| Ok(TySet::one(operand_dt(x, y))))?
                } else {
                    a.tys.union(b.tys)
                };
                let (a, b) = (Box::new(a), Box::new(b));
                let k = if matches!(ast, Ast::And(..)) { NK::And(a, b) } else { NK::Or(a, b) };
                Ok(Node { k, lanes, tys })
            }
            Ast::Call(name, args) => self.check_call(name, args),
        }
    }

    fn check_call(&self, name: &str, args: &[Ast]) -> Result<Node, CErr> {
        if !self.funcs.contains(&name) {
            if self.vars.iter().any(|(n, _)| *n == name) {
                return Err(hard(format!("'{name}' is a variable, not a function, and cannot be called")));
            }
            return Err(hard(format!("name '{name}' is not defined")));
        }
        let Some(f) = Func::from_name(name) else {
            return Err(hard(format!("function '{name}' is not supported")));
        };
        let nargs = args.len();
        let arity_ok = match f {
            Func::Min | Func::Max => nargs >= 2,
            Func::Pow => nargs == 2,
            _ => nargs == 1,
        };
        if !arity_ok {
            return Err(hard(match f {
                Func::Min | Func::Max => format!("{name}() expects at least 2 arguments, got {nargs}"),
                Func::Pow if nargs == 3 => "pow() with a modulus (3 arguments) is not supported".to_string(),
                Func::Pow => format!("pow() expects 2 arguments, got {nargs}"),
                Func::Round if nargs == 2 => "round() with ndigits is not supported; use round(x)".to_string(),
                _ => format!("{name}() expects 1 argument, got {nargs}"),
            }));
        }
        let args = args.iter().map(|a| self.check(a)).collect::<Result<Vec<_>, _>>()?;
        let lanes = args.iter().any(|a| a.lanes);
        let py = self.flavor == Flavor::Python;
        let a0 = &args[0];
        let tys = match f {
            Func::Sin | Func::Cos | Func::Tan | Func::Sqrt | Func::Exp | Func::Log => {
                mapset(a0.tys, |t| Ok(float_fn_dt(t.strong())))?
            }
            Func::Floor | Func::Ceil => mapset(a0.tys, |t| Ok(t.strong()))?,
            Func::Abs => mapset(a0.tys, |t| {
                Ok(if py && t.is_py() {
                    if t == T::PF {
                        T::PF
                    } else {
                        T::PI
                    }
                } else {
                    t.strong()
                })
            })?,
            Func::Round => mapset(a0.tys, |t| {
                Ok(if py && !a0.lanes {
                    T::PI
                } else {
                    match t.strong() {
                        T::B => T::F16,
                        s => s,
                    }
                })
            })?,
            Func::Int => {
                if a0.lanes {
                    TySet::one(T::I64)
                } else {
                    TySet::one(T::PI)
                }
            }
            Func::Float => {
                if a0.lanes {
                    TySet::one(T::F64)
                } else {
                    TySet::one(T::PF)
                }
            }
            Func::Min | Func::Max => {
                let mut acc = a0.tys;
                let mut acc_lanes = a0.lanes;
                for b in &args[1..] {
                    acc = if py && !acc_lanes && !b.lanes {
                        acc.union(b.tys)
                    } else {
                        pairwise(acc, b.tys, |x, y| Ok(TySet::one(operand_dt(x, y))))?
                    };
                    acc_lanes |= b.lanes;
                }
                acc
            }
            Func::Pow => {
                if py {
                    bin_tys(BOp::Pow, &args[0], &args[1], true)?
                } else {
                    pairwise(args[0].tys, args[1].tys, |x, y| np_bin_types(BOp::Pow, x, y).map(|(_, r)| TySet::one(r)))?
                }
            }
        };
        Ok(Node { k: NK::Call(f, args), lanes, tys })
    }
}

/// Result dtype of `sin cos tan sqrt exp log` for an operand dtype.
fn float_fn_dt(t: T) -> T {
    match t {
        T::B | T::I8 => T::F16,
        T::I32 | T::I64 => T::F64,
        t => t,
    }
}

fn konst(s: Sc) -> Node {
    Node { k: NK::Const(s), lanes: false, tys: TySet::one(s.ty()) }
}

/// Static result types of a binary operator (`fast`: the `**` fast paths apply when the left
/// operand is a lane vector).
fn bin_tys(op: BOp, a: &Node, b: &Node, fast: bool) -> Result<TySet, String> {
    let const_exp = match &b.k {
        NK::Const(Sc::I(v)) => Some(*v),
        NK::Const(Sc::B(v)) => Some(*v as i64),
        _ => None,
    };
    pairwise(a.tys, b.tys, |x, y| {
        if x.is_py() && y.is_py() {
            let mut s = TySet::one(py_bin_type(op, x, y)?);
            if op == BOp::Pow && x != T::PF && y != T::PF && const_exp.is_none_or(|e| e < 0) {
                s.add(T::PF);
                if const_exp.is_some() {
                    s = TySet::one(T::PF);
                }
            }
            Ok(s)
        } else {
            let mut s = TySet::default();
            if fast && op == BOp::Pow && a.lanes && x == T::B && y == T::PI && const_exp.is_none_or(|e| e == 2) {
                s.add(T::I8);
                if const_exp == Some(2) {
                    return Ok(s);
                }
            }
            let (_, r) = np_bin_types(op, x, y)?;
            s.add(r);
            Ok(s)
        }
    })
}

/// Replaces variable-free Python-scalar subtrees by their value. Their errors (`1/0`,
/// `10**1000`) would happen on every run, so they are compile errors; where Python may not
/// evaluate the subtree (right of `and`/`or`), [`Env::check_skippable`] defers them to run
/// time.
fn fold(node: Node, flavor: Flavor) -> Result<Node, String> {
    if node.lanes || matches!(node.k, NK::Const(_)) || !node.tys.iter().all(T::is_py) || has_var(&node) {
        return Ok(node);
    }
    let mut pool = Pool::default();
    let mut cx = Ctx { inputs: &[], var_tys: &[], n: 1, pool: &mut pool, flavor };
    match ev(&node, &mut cx) {
        Ok(Val::S(s)) => Ok(konst(s)),
        Ok(_) => Ok(node),
        Err(e) => Err(e),
    }
}

fn has_var(n: &Node) -> bool {
    uses_var(n, &|_| true)
}

/// Whether the tree reads a variable `wanted` accepts.
fn uses_var(n: &Node, wanted: &impl Fn(usize) -> bool) -> bool {
    match &n.k {
        NK::Const(_) | NK::Fail(_) => false,
        NK::Var(k) => wanted(*k),
        NK::Unary(_, a) => uses_var(a, wanted),
        NK::Bin(..) => {
            // The left spine in a loop (see `Env::check_inner`).
            let mut node = n;
            while let NK::Bin(_, a, b) = &node.k {
                if uses_var(b, wanted) {
                    return true;
                }
                node = a;
            }
            uses_var(node, wanted)
        }
        NK::And(a, b) | NK::Or(a, b) => uses_var(a, wanted) || uses_var(b, wanted),
        NK::Cmp(a, rest) => uses_var(a, wanted) || rest.iter().any(|(_, n)| uses_var(n, wanted)),
        NK::Call(_, args) => args.iter().any(|a| uses_var(a, wanted)),
    }
}

// ================================================================================================
// Run-time values and the scratch pool
// ================================================================================================

/// A Python scalar.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Sc {
    B(bool),
    I(i64),
    F(f64),
}

impl Sc {
    fn ty(self) -> T {
        match self {
            Sc::B(_) => T::PB,
            Sc::I(_) => T::PI,
            Sc::F(_) => T::PF,
        }
    }
    fn truthy(self) -> bool {
        match self {
            Sc::B(b) => b,
            Sc::I(i) => i != 0,
            Sc::F(f) => f != 0.0,
        }
    }
    fn as_f64(self) -> f64 {
        match self {
            Sc::B(b) => b as i64 as f64,
            Sc::I(i) => i as f64,
            Sc::F(f) => f,
        }
    }
    /// Only meaningful for bool/int.
    fn as_i64(self) -> i64 {
        match self {
            Sc::B(b) => b as i64,
            Sc::I(i) => i,
            Sc::F(f) => f as i64,
        }
    }
}

/// A numpy vector: one value per lane, or a single value (0-d numpy scalar / broadcast).
/// float16 values are stored as the `f32` holding the exact float16 value.
#[derive(Clone, Debug)]
enum Arr {
    B(Vec<bool>),
    I8(Vec<i8>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    F16(Vec<f32>),
    F32(Vec<f32>),
    F64(Vec<f64>),
}

impl Arr {
    fn dt(&self) -> T {
        match self {
            Arr::B(_) => T::B,
            Arr::I8(_) => T::I8,
            Arr::I32(_) => T::I32,
            Arr::I64(_) => T::I64,
            Arr::F16(_) => T::F16,
            Arr::F32(_) => T::F32,
            Arr::F64(_) => T::F64,
        }
    }
    fn len(&self) -> usize {
        match self {
            Arr::B(v) => v.len(),
            Arr::I8(v) => v.len(),
            Arr::I32(v) => v.len(),
            Arr::I64(v) => v.len(),
            Arr::F16(v) | Arr::F32(v) => v.len(),
            Arr::F64(v) => v.len(),
        }
    }
    /// Element `i` as a Python-ish scalar (ints exact, floats as f64).
    fn get(&self, i: usize) -> Option<Sc> {
        Some(match self {
            Arr::B(v) => Sc::B(*v.get(i)?),
            Arr::I8(v) => Sc::I(*v.get(i)? as i64),
            Arr::I32(v) => Sc::I(*v.get(i)? as i64),
            Arr::I64(v) => Sc::I(*v.get(i)?),
            Arr::F16(v) | Arr::F32(v) => Sc::F(*v.get(i)? as f64),
            Arr::F64(v) => Sc::F(*v.get(i)?),
        })
    }
}

enum Val {
    S(Sc),
    A(Arr),
}

impl Val {
    fn ty(&self) -> T {
        match self {
            Val::S(s) => s.ty(),
            Val::A(a) => a.dt(),
        }
    }
    /// Python truthiness of a scalar or of the first element of a single-value vector.
    fn truthy_scalar(&self) -> bool {
        match self {
            Val::S(s) => s.truthy(),
            Val::A(a) => a.get(0).is_some_and(Sc::truthy),
        }
    }
    /// The scalar (Python scalar, or the single element of a 0-d numpy value).
    fn scalar(&self) -> Result<Sc, String> {
        match self {
            Val::S(s) => Ok(*s),
            Val::A(a) if a.len() == 1 => a.get(0).ok_or_else(internal),
            Val::A(_) => Err("only a scalar can be converted here (got one value per pixel)".to_string()),
        }
    }
}

fn internal() -> String {
    "internal error in expression evaluation".to_string()
}

/// Vectors larger than this are not kept for reuse (a row is at most 65535 pixels; vectors of
/// whole-image evaluations are freed).
const POOL_MAX_CAP: usize = 1 << 16;
/// Vectors kept per element type and thread.
const POOL_MAX_VECS: usize = 8;

#[derive(Default)]
struct Pool {
    b: Vec<Vec<bool>>,
    i8: Vec<Vec<i8>>,
    i32: Vec<Vec<i32>>,
    i64: Vec<Vec<i64>>,
    f32: Vec<Vec<f32>>,
    f64: Vec<Vec<f64>>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

trait Elem: Copy + PartialOrd + 'static {
    fn slot(p: &mut Pool) -> &mut Vec<Vec<Self>>;
}

macro_rules! elem {
    ($t:ty, $f:ident) => {
        impl Elem for $t {
            fn slot(p: &mut Pool) -> &mut Vec<Vec<Self>> {
                &mut p.$f
            }
        }
    };
}
elem!(bool, b);
elem!(i8, i8);
elem!(i32, i32);
elem!(i64, i64);
elem!(f32, f32);
elem!(f64, f64);

impl Pool {
    fn take<E: Elem>(&mut self) -> Vec<E> {
        let mut v = E::slot(self).pop().unwrap_or_default();
        v.clear();
        v
    }
    fn give<E: Elem>(&mut self, v: Vec<E>) {
        let s = E::slot(self);
        if v.capacity() > 0 && v.capacity() <= POOL_MAX_CAP && s.len() < POOL_MAX_VECS {
            s.push(v);
        }
    }
    fn give_arr(&mut self, a: Arr) {
        match a {
            Arr::B(v) => self.give(v),
            Arr::I8(v) => self.give(v),
            Arr::I32(v) => self.give(v),
            Arr::I64(v) => self.give(v),
            Arr::F16(v) | Arr::F32(v) => self.give(v),
            Arr::F64(v) => self.give(v),
        }
    }
    fn give_val(&mut self, v: Val) {
        if let Val::A(a) = v {
            self.give_arr(a);
        }
    }
    fn give_cow(&mut self, c: Conv<'_>) {
        if let Conv::Owned(a) = c {
            self.give_arr(a);
        }
    }
    fn map1<A: Copy, R: Elem>(&mut self, a: &[A], f: impl Fn(A) -> R) -> Vec<R> {
        let mut out = self.take();
        out.extend(a.iter().map(|&x| f(x)));
        out
    }
    /// Element-wise with broadcasting of single-value vectors.
    fn map2<A: Copy, B: Copy, R: Elem>(&mut self, a: &[A], b: &[B], f: impl Fn(A, B) -> R) -> Vec<R> {
        let mut out = self.take();
        if a.len() == b.len() {
            out.extend(a.iter().zip(b).map(|(&x, &y)| f(x, y)));
        } else if a.len() == 1 {
            let x = a[0];
            out.extend(b.iter().map(|&y| f(x, y)));
        } else if let Some(&y) = b.first() {
            out.extend(a.iter().map(|&x| f(x, y)));
        }
        out
    }
    fn one<E: Elem>(&mut self, v: E) -> Vec<E> {
        let mut out = self.take();
        out.push(v);
        out
    }
}

/// Length of a broadcast result.
fn blen(a: usize, b: usize) -> usize {
    if a == 1 {
        b
    } else {
        a
    }
}

// ================================================================================================
// Numeric kernels (numpy semantics)
// ================================================================================================

/// Rounds to the nearest float16 value (ties to even; overflow to ±inf), returned as f32.
fn f16r(x: f64) -> f32 {
    if !x.is_finite() {
        return x as f32;
    }
    let a = x.abs();
    if a >= 65520.0 {
        return if x > 0.0 { f32::INFINITY } else { f32::NEG_INFINITY };
    }
    let step = if a < 6.103515625e-05 {
        5.960464477539063e-08 // 2^-24: float16 subnormal spacing
    } else {
        let e = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
        f64::from_bits(((e - 10 + 1023) as u64) << 52)
    };
    ((x / step).round_ties_even() * step) as f32
}

fn f16r32(x: f32) -> f32 {
    f16r(x as f64)
}

trait IntE: Elem + Ord + Eq + Default {
    const MIN: Self;
    const BITS: u32;
    fn zero() -> Self;
    fn one() -> Self;
    fn wadd(self, o: Self) -> Self;
    fn wsub(self, o: Self) -> Self;
    fn wmul(self, o: Self) -> Self;
    fn wdiv(self, o: Self) -> Self;
    fn wrem(self, o: Self) -> Self;
    fn wneg(self) -> Self;
    fn band(self, o: Self) -> Self;
    fn bor(self, o: Self) -> Self;
    fn bxor(self, o: Self) -> Self;
    fn wshl(self, n: u32) -> Self;
    fn ashr(self, n: u32) -> Self;
    fn i64v(self) -> i64;
}

macro_rules! int_e {
    ($t:ty) => {
        impl IntE for $t {
            const MIN: Self = <$t>::MIN;
            const BITS: u32 = <$t>::BITS;
            fn zero() -> Self {
                0
            }
            fn one() -> Self {
                1
            }
            fn wadd(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            fn wsub(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            fn wmul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            fn wdiv(self, o: Self) -> Self {
                self.wrapping_div(o)
            }
            fn wrem(self, o: Self) -> Self {
                self.wrapping_rem(o)
            }
            fn wneg(self) -> Self {
                self.wrapping_neg()
            }
            fn band(self, o: Self) -> Self {
                self & o
            }
            fn bor(self, o: Self) -> Self {
                self | o
            }
            fn bxor(self, o: Self) -> Self {
                self ^ o
            }
            fn wshl(self, n: u32) -> Self {
                self.wrapping_shl(n)
            }
            fn ashr(self, n: u32) -> Self {
                self >> n
            }
            fn i64v(self) -> i64 {
                self as i64
            }
        }
    };
}
int_e!(i8);
int_e!(i32);
int_e!(i64);

/// numpy integer floor division: `x // 0 == 0`, `MIN // -1 == MIN`.
fn np_ifloordiv<I: IntE>(a: I, b: I) -> I {
    if b == I::zero() {
        return I::zero();
    }
    if a == I::MIN && b == I::one().wneg() {
        return I::MIN;
    }
    let q = a.wdiv(b);
    if a.wrem(b) != I::zero() && ((a < I::zero()) != (b < I::zero())) {
        q.wsub(I::one())
    } else {
        q
    }
}

/// numpy integer remainder (sign of the divisor): `x % 0 == 0`.
fn np_irem<I: IntE>(a: I, b: I) -> I {
    if b == I::zero() {
        return I::zero();
    }
    let r = a.wrem(b);
    if r != I::zero() && ((r < I::zero()) != (b < I::zero())) {
        r.wadd(b)
    } else {
        r
    }
}

/// numpy integer power (exponent already checked to be non-negative), wrapping.
fn np_ipow<I: IntE>(a: I, b: I) -> I {
    let mut e = b.i64v() as u64;
    if e == 0 || a == I::one() {
        return I::one();
    }
    let mut base = a;
    let mut out = if e & 1 == 1 { base } else { I::one() };
    e >>= 1;
    while e > 0 {
        base = base.wmul(base);
        if e & 1 == 1 {
            out = out.wmul(base);
        }
        e >>= 1;
    }
    out
}

fn np_ishl<I: IntE>(a: I, b: I) -> I {
    let n = b.i64v() as u64;
    if n < I::BITS as u64 {
        a.wshl(n as u32)
    } else {
        I::zero()
    }
}

fn np_ishr<I: IntE>(a: I, b: I) -> I {
    let n = b.i64v() as u64;
    if n < I::BITS as u64 {
        a.ashr(n as u32)
    } else if a < I::zero() {
        I::one().wneg()
    } else {
        I::zero()
    }
}

fn int_op<I: IntE>(op: BOp, x: &[I], y: &[I], pool: &mut Pool) -> Result<Vec<I>, String> {
    Ok(match op {
        BOp::Add => pool.map2(x, y, I::wadd),
        BOp::Sub => pool.map2(x, y, I::wsub),
        BOp::Mul => pool.map2(x, y, I::wmul),
        BOp::FloorDiv => pool.map2(x, y, np_ifloordiv),
        BOp::Mod => pool.map2(x, y, np_irem),
        BOp::Pow => {
            if y.iter().any(|&e| e < I::zero()) {
                return Err("Integers to negative integer powers are not allowed.".to_string());
            }
            pool.map2(x, y, np_ipow)
        }
        BOp::BitAnd => pool.map2(x, y, I::band),
        BOp::BitOr => pool.map2(x, y, I::bor),
        BOp::BitXor => pool.map2(x, y, I::bxor),
        BOp::Shl => pool.map2(x, y, np_ishl),
        BOp::Shr => pool.map2(x, y, np_ishr),
        BOp::Div => return Err(internal()),
    })
}

trait FltE:
    Elem
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Rem<Output = Self>
    + std::ops::Neg<Output = Self>
{
    fn zero() -> Self;
    fn one() -> Self;
    fn half() -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn rint(self) -> Self;
    fn abs(self) -> Self;
    fn copysign(self, s: Self) -> Self;
    fn powf(self, e: Self) -> Self;
    fn is_nan(self) -> bool;
    /// `f` evaluated in f64 and rounded to this type.
    fn via(self, f: fn(f64) -> f64) -> Self;
}

macro_rules! flt_e {
    ($t:ty) => {
        impl FltE for $t {
            fn zero() -> Self {
                0.0
            }
            fn one() -> Self {
                1.0
            }
            fn half() -> Self {
                0.5
            }
            fn floor(self) -> Self {
                <$t>::floor(self)
            }
            fn ceil(self) -> Self {
                <$t>::ceil(self)
            }
            fn rint(self) -> Self {
                <$t>::round_ties_even(self)
            }
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            fn copysign(self, s: Self) -> Self {
                <$t>::copysign(self, s)
            }
            fn powf(self, e: Self) -> Self {
                // In f64 and rounded (for f32: correctly rounded in practice, unlike glibc's
                // powf on exact ties such as 65f32.powf(4.0)).
                (self as f64).powf(e as f64) as $t
            }
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn via(self, f: fn(f64) -> f64) -> Self {
                f(self as f64) as $t
            }
        }
    };
}
flt_e!(f32);
flt_e!(f64);

/// numpy's / CPython's float divmod (`npy_divmod`, `float_divmod`): floor quotient and a
/// remainder with the sign of the divisor. `b == 0` gives `(a / b, nan)`.
fn fdivmod<F: FltE>(a: F, b: F) -> (F, F) {
    let m = a % b;
    if b == F::zero() {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    let mut m = m;
    if m != F::zero() {
        if (b < F::zero()) != (m < F::zero()) {
            m = m + b;
            div = div - F::one();
        }
    } else {
        m = F::zero().copysign(b);
    }
    let fd = if div != F::zero() {
        let mut fd = div.floor();
        if div - fd > F::half() {
            fd = fd + F::one();
        }
        fd
    } else {
        F::zero().copysign(a / b)
    };
    (fd, m)
}

fn np_fmin<F: FltE>(a: F, b: F) -> F {
    if a.is_nan() || (!b.is_nan() && a < b) {
        a
    } else {
        b
    }
}

fn np_fmax<F: FltE>(a: F, b: F) -> F {
    if a.is_nan() || (!b.is_nan() && a > b) {
        a
    } else {
        b
    }
}

fn flt_op<F: FltE>(op: BOp, x: &[F], y: &[F], pool: &mut Pool) -> Result<Vec<F>, String> {
    Ok(match op {
        BOp::Add => pool.map2(x, y, |a, b| a + b),
        BOp::Sub => pool.map2(x, y, |a, b| a - b),
        BOp::Mul => pool.map2(x, y, |a, b| a * b),
        BOp::Div => pool.map2(x, y, |a, b| a / b),
        BOp::FloorDiv => pool.map2(x, y, |a, b| fdivmod(a, b).0),
        BOp::Mod => pool.map2(x, y, |a, b| fdivmod(a, b).1),
        BOp::Pow => pool.map2(x, y, F::powf),
        _ => return Err(internal()),
    })
}

fn bool_op(op: BOp, x: &[bool], y: &[bool], pool: &mut Pool) -> Result<Vec<bool>, String> {
    Ok(match op {
        BOp::Add | BOp::BitOr => pool.map2(x, y, |a, b| a | b),
        BOp::Mul | BOp::BitAnd => pool.map2(x, y, |a, b| a & b),
        BOp::BitXor => pool.map2(x, y, |a, b| a ^ b),
        _ => return Err(internal()),
    })
}

fn round_f16(mut v: Vec<f32>) -> Vec<f32> {
    for e in v.iter_mut() {
        *e = f16r32(*e);
    }
    v
}

/// A numpy binary operator on two vectors of the same dtype.
fn arith(op: BOp, x: &Arr, y: &Arr, pool: &mut Pool) -> Result<Arr, String> {
    Ok(match (x, y) {
        (Arr::B(x), Arr::B(y)) => Arr::B(bool_op(op, x, y, pool)?),
        (Arr::I8(x), Arr::I8(y)) => Arr::I8(int_op(op, x, y, pool)?),
        (Arr::I32(x), Arr::I32(y)) => Arr::I32(int_op(op, x, y, pool)?),
        (Arr::I64(x), Arr::I64(y)) => Arr::I64(int_op(op, x, y, pool)?),
        (Arr::F16(x), Arr::F16(y)) => Arr::F16(round_f16(flt_op(op, x, y, pool)?)),
        (Arr::F32(x), Arr::F32(y)) => Arr::F32(flt_op(op, x, y, pool)?),
        (Arr::F64(x), Arr::F64(y)) => Arr::F64(flt_op(op, x, y, pool)?),
        _ => return Err(internal()),
    })
}

/// Element-wise comparison of two vectors of the same dtype.
fn compare_arr(op: CmpOp, x: &Arr, y: &Arr, pool: &mut Pool) -> Result<Vec<bool>, String> {
    fn go<E: Elem>(op: CmpOp, x: &[E], y: &[E], pool: &mut Pool) -> Vec<bool> {
        pool.map2(x, y, |a, b| op.test(a.partial_cmp(&b)))
    }
    Ok(match (x, y) {
        (Arr::B(x), Arr::B(y)) => go(op, x, y, pool),
        (Arr::I8(x), Arr::I8(y)) => go(op, x, y, pool),
        (Arr::I32(x), Arr::I32(y)) => go(op, x, y, pool),
        (Arr::I64(x), Arr::I64(y)) => go(op, x, y, pool),
        (Arr::F16(x), Arr::F16(y)) | (Arr::F32(x), Arr::F32(y)) => go(op, x, y, pool),
        (Arr::F64(x), Arr::F64(y)) => go(op, x, y, pool),
        _ => return Err(internal()),
    })
}

fn minmax_arr(is_min: bool, x: &Arr, y: &Arr, pool: &mut Pool) -> Result<Arr, String> {
    fn int<I: IntE>(is_min: bool, x: &[I], y: &[I], pool: &mut Pool) -> Vec<I> {
        if is_min {
            pool.map2(x, y, |a, b| if a < b { a } else { b })
        } else {
            pool.map2(x, y, |a, b| if a > b { a } else { b })
        }
    }
    fn flt<F: FltE>(is_min: bool, x: &[F], y: &[F], pool: &mut Pool) -> Vec<F> {
        if is_min {
            pool.map2(x, y, np_fmin)
        } else {
            pool.map2(x, y, np_fmax)
        }
    }
    Ok(match (x, y) {
        (Arr::B(x), Arr::B(y)) => {
            Arr::B(if is_min { pool.map2(x, y, |a, b| a & b) } else { pool.map2(x, y, |a, b| a | b) })
        }
        (Arr::I8(x), Arr::I8(y)) => Arr::I8(int(is_min, x, y, pool)),
        (Arr::I32(x), Arr::I32(y)) => Arr::I32(int(is_min, x, y, pool)),
        (Arr::I64(x), Arr::I64(y)) => Arr::I64(int(is_min, x, y, pool)),
        (Arr::F16(x), Arr::F16(y)) => Arr::F16(flt(is_min, x, y, pool)),
        (Arr::F32(x), Arr::F32(y)) => Arr::F32(flt(is_min, x, y, pool)),
        (Arr::F64(x), Arr::F64(y)) => Arr::F64(flt(is_min, x, y, pool)),
        _ => return Err(internal()),
    })
}

// ------------------------------------------------------------------------------------------------
// Casts
// ------------------------------------------------------------------------------------------------

const TWO_POW_63: f64 = (1u64 << 63) as f64;

/// C-style (x86) float → int conversion as numpy performs it: truncation; NaN and
/// out-of-range values give the minimum integer.
fn f2i64(x: f64) -> i64 {
    if (-TWO_POW_63..TWO_POW_63).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

fn f2i32(x: f64) -> i32 {
    if x > -2147483649.0 && x < 2147483648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

trait CastE: Copy {
    fn c_bool(self) -> bool;
    fn c_i8(self) -> i8;
    fn c_i32(self) -> i32;
    fn c_i64(self) -> i64;
    fn c_f16(self) -> f32;
    fn c_f32(self) -> f32;
    fn c_f64(self) -> f64;
}

impl CastE for bool {
    fn c_bool(self) -> bool {
        self
    }
    fn c_i8(self) -> i8 {
        self as i8
    }
    fn c_i32(self) -> i32 {
        self as i32
    }
    fn c_i64(self) -> i64 {
        self as i64
    }
    fn c_f16(self) -> f32 {
        self as u8 as f32
    }
    fn c_f32(self) -> f32 {
        self as u8 as f32
    }
    fn c_f64(self) -> f64 {
        self as u8 as f64
    }
}

macro_rules! cast_int {
    ($t:ty) => {
        impl CastE for $t {
            fn c_bool(self) -> bool {
                self != 0
            }
            fn c_i8(self) -> i8 {
                self as i8
            }
            fn c_i32(self) -> i32 {
                self as i32
            }
            fn c_i64(self) -> i64 {
                self as i64
            }
            fn c_f16(self) -> f32 {
                f16r(self as f64)
            }
            fn c_f32(self) -> f32 {
                self as f32
            }
            fn c_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
cast_int!(i8);
cast_int!(i32);
cast_int!(i64);

macro_rules! cast_flt {
    ($t:ty) => {
        impl CastE for $t {
            fn c_bool(self) -> bool {
                self != 0.0
            }
            fn c_i8(self) -> i8 {
                f2i32(self as f64) as i8
            }
            fn c_i32(self) -> i32 {
                f2i32(self as f64)
            }
            fn c_i64(self) -> i64 {
                f2i64(self as f64)
            }
            fn c_f16(self) -> f32 {
                f16r(self as f64)
            }
            fn c_f32(self) -> f32 {
                self as f32
            }
            fn c_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
cast_flt!(f32);
cast_flt!(f64);

fn cast_slice<S: CastE>(s: &[S], to: T, pool: &mut Pool) -> Arr {
    match to {
        T::B | T::PB => Arr::B(pool.map1(s, S::c_bool)),
        T::I8 => Arr::I8(pool.map1(s, S::c_i8)),
        T::I32 => Arr::I32(pool.map1(s, S::c_i32)),
        T::I64 | T::PI => Arr::I64(pool.map1(s, S::c_i64)),
        T::F16 => Arr::F16(pool.map1(s, S::c_f16)),
        T::F32 => Arr::F32(pool.map1(s, S::c_f32)),
        T::F64 | T::PF => Arr::F64(pool.map1(s, S::c_f64)),
    }
}

/// numpy `astype` (always a new vector).
fn cast_arr(a: &Arr, to: T, pool: &mut Pool) -> Arr {
    match a {
        Arr::B(v) => cast_slice(v, to, pool),
        Arr::I8(v) => cast_slice(v, to, pool),
        Arr::I32(v) => cast_slice(v, to, pool),
        Arr::I64(v) => cast_slice(v, to, pool),
        Arr::F16(v) | Arr::F32(v) => cast_slice(v, to, pool),
        Arr::F64(v) => cast_slice(v, to, pool),
    }
}

/// NEP 50: a Python scalar converted to the operation dtype `p` (an out-of-range Python int
/// is an error, as in numpy).
fn sc_to_arr(s: Sc, p: T, pool: &mut Pool) -> Result<Arr, String> {
    Ok(match s {
        Sc::B(b) => cast_slice(&[b], p, pool),
        Sc::I(i) => {
            let fits = match p {
                T::I8 => i8::try_from(i).is_ok(),
                T::I32 => i32::try_from(i).is_ok(),
                _ => true,
            };
            if !fits {
                return Err(format!("Python integer {i} out of bounds for {}", p.name()));
            }
            if p.is_float() {
                // Python ints become floats through a double.
                cast_slice(&[i as f64], p, pool)
            } else {
                cast_slice(&[i], p, pool)
            }
        }
        Sc::F(f) => cast_slice(&[f], p, pool),
    })
}

/// A value viewed as a vector of dtype `p` (borrowed when it already is one).
enum Conv<'v> {
    Same(&'v Arr),
    Owned(Arr),
}

impl Conv<'_> {
    fn arr(&self) -> &Arr {
        match self {
            Conv::Same(a) => a,
            Conv::Owned(a) => a,
        }
    }
}

fn conv<'v>(v: &'v Val, p: T, pool: &mut Pool) -> Result<Conv<'v>, String> {
    match v {
        Val::A(a) if a.dt() == p => Ok(Conv::Same(a)),
        Val::A(a) => Ok(Conv::Owned(cast_arr(a, p, pool))),
        Val::S(s) => Ok(Conv::Owned(sc_to_arr(*s, p, pool)?)),
    }
}

/// A Python scalar passed alone to a ufunc becomes a numpy scalar of the default dtype.
fn conv_strong<'v>(v: &'v Val, pool: &mut Pool) -> Result<Conv<'v>, String> {
    let t = v.ty().strong();
    conv(v, t, pool)
}

// ================================================================================================
// Python scalar semantics
// ================================================================================================

fn overflow() -> String {
    "integer overflow: the result does not fit in 64 bits (Python integers are limited to 64 bits here)".to_string()
}

fn is_odd_integer(x: f64) -> bool {
    (x.abs() % 2.0) == 1.0
}

/// CPython `float.__pow__`.
fn py_float_pow(iv: f64, iw: f64) -> Result<f64, String> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err("ZeroDivisionError: 0.0 cannot be raised to a negative power".to_string());
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return Err(format!(
                "{iv} ** {iw}: a negative number raised to a fractional power is complex (not supported)"
            ));
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err("OverflowError: (34, 'Numerical result out of range')".to_string());
    }
    Ok(if negate { -r } else { r })
}

fn py_int_pow(a: i64, e: i64) -> Result<i64, String> {
    match a {
        0 => Ok(if e == 0 { 1 } else { 0 }),
        1 => Ok(1),
        -1 => Ok(if e % 2 == 0 { 1 } else { -1 }),
        _ => {
            if e >= 64 {
                return Err(overflow());
            }
            a.checked_pow(e as u32).ok_or_else(overflow)
        }
    }
}

/// Python's int(float) / round(float) result check.
fn float_to_pyint(f: f64) -> Result<i64, String> {
    if f.is_nan() {
        return Err("ValueError: cannot convert float NaN to integer".to_string());
    }
    if f.is_infinite() {
        return Err("OverflowError: cannot convert float infinity to integer".to_string());
    }
    if (-TWO_POW_63..TWO_POW_63).contains(&f) {
        Ok(f as i64)
    } else {
        Err(overflow())
    }
}

/// A Python binary operator on two Python scalars.
fn py_bin(op: BOp, x: Sc, y: Sc) -> Result<Sc, String> {
    let any_f = matches!(x, Sc::F(_)) || matches!(y, Sc::F(_));
    match op {
        BOp::Add | BOp::Sub | BOp::Mul => {
            if any_f {
                let (a, b) = (x.as_f64(), y.as_f64());
                Ok(Sc::F(match op {
                    BOp::Add => a + b,
                    BOp::Sub => a - b,
                    _ => a * b,
                }))
            } else {
                let (a, b) = (x.as_i64(), y.as_i64());
                match op {
                    BOp::Add => a.checked_add(b),
                    BOp::Sub => a.checked_sub(b),
                    _ => a.checked_mul(b),
                }
                .map(Sc::I)
                .ok_or_else(overflow)
            }
        }
        BOp::Div => {
            let (a, b) = (x.as_f64(), y.as_f64());
            if b == 0.0 {
                return Err(if any_f {
                    "ZeroDivisionError: float division by zero"
                } else {
                    "ZeroDivisionError: division by zero"
                }
                .to_string());
            }
            Ok(Sc::F(a / b))
        }
        BOp::FloorDiv | BOp::Mod => {
            let floor = op == BOp::FloorDiv;
            if any_f {
                let (a, b) = (x.as_f64(), y.as_f64());
                if b == 0.0 {
                    return Err(if floor {
                        "ZeroDivisionError: float floor division by zero"
                    } else {
                        "ZeroDivisionError: float modulo by zero"
                    }
                    .to_string());
                }
                let (d, m) = fdivmod(a, b);
                Ok(Sc::F(if floor { d } else { m }))
            } else {
                let (a, b) = (x.as_i64(), y.as_i64());
                if b == 0 {
                    return Err(if floor {
                        "ZeroDivisionError: integer division or modulo by zero"
                    } else {
                        "ZeroDivisionError: integer modulo by zero"
                    }
                    .to_string());
                }
                if floor {
                    if a == i64::MIN && b == -1 {
                        return Err(overflow());
                    }
                    Ok(Sc::I(np_ifloordiv(a, b)))
                } else {
                    Ok(Sc::I(np_irem(a, b)))
                }
            }
        }
        BOp::Pow => {
            if any_f {
                py_float_pow(x.as_f64(), y.as_f64()).map(Sc::F)
            } else {
                let (a, e) = (x.as_i64(), y.as_i64());
                if e >= 0 {
                    py_int_pow(a, e).map(Sc::I)
                } else {
                    py_float_pow(a as f64, e as f64).map(Sc::F)
                }
            }
        }
        BOp::BitAnd | BOp::BitOr | BOp::BitXor => {
            if any_f {
                return Err(bin_type_error(op, x.ty(), y.ty()));
            }
            if let (Sc::B(a), Sc::B(b)) = (x, y) {
                return Ok(Sc::B(match op {
                    BOp::BitAnd => a & b,
                    BOp::BitOr => a | b,
                    _ => a ^ b,
                }));
            }
            let (a, b) = (x.as_i64(), y.as_i64());
            Ok(Sc::I(match op {
                BOp::BitAnd => a & b,
                BOp::BitOr => a | b,
                _ => a ^ b,
            }))
        }
        BOp::Shl | BOp::Shr => {
            if any_f {
                return Err(bin_type_error(op, x.ty(), y.ty()));
            }
            let (a, n) = (x.as_i64(), y.as_i64());
            if n < 0 {
                return Err("ValueError: negative shift count".to_string());
            }
            if op == BOp::Shr {
                return Ok(Sc::I(if n >= 64 {
                    if a < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    a >> n
                }));
            }
            if a == 0 {
                return Ok(Sc::I(0));
            }
            if n >= 64 {
                return Err(overflow());
            }
            let r = (a as i128) << n;
            i64::try_from(r).map(Sc::I).map_err(|_| overflow())
        }
    }
}

/// Exact comparison of a Python int with a Python float.
fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= TWO_POW_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_POW_63 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    match i.cmp(&(t as i64)) {
        Ordering::Equal => 0.0f64.partial_cmp(&(f - t)),
        o => Some(o),
    }
}

fn py_order(x: Sc, y: Sc) -> Option<Ordering> {
    match (x, y) {
        (Sc::F(a), Sc::F(b)) => a.partial_cmp(&b),
        (Sc::F(a), b) => cmp_int_float(b.as_i64(), a).map(Ordering::reverse),
        (a, Sc::F(b)) => cmp_int_float(a.as_i64(), b),
        (a, b) => Some(a.as_i64().cmp(&b.as_i64())),
    }
}

// ================================================================================================
// Operations on values (Python or numpy semantics by operand types)
// ================================================================================================

/// A binary operator. `fast`: numpy's `ndarray.__pow__` fast paths (`x**2` → square,
/// `x**-1` → reciprocal, `x**0.5` → sqrt) apply when the left operand is a lane vector.
fn binary(op: BOp, a: &Val, b: &Val, lhs_lanes: bool, fast: bool, pool: &mut Pool) -> Result<Val, String> {
    if let (Val::S(x), Val::S(y)) = (a, b) {
        return py_bin(op, *x, *y).map(Val::S);
    }
    if fast && op == BOp::Pow && lhs_lanes {
        if let (Val::A(x), Val::S(s)) = (a, b) {
            if let Some(r) = fast_pow(x, *s, pool) {
                return Ok(Val::A(r));
            }
        }
    }
    np_binary(op, a, b, pool)
}

fn np_binary(op: BOp, a: &Val, b: &Val, pool: &mut Pool) -> Result<Val, String> {
    let (p, _) = np_bin_types(op, a.ty(), b.ty())?;
    let xa = conv(a, p, pool)?;
    let xb = conv(b, p, pool)?;
    let r = arith(op, xa.arr(), xb.arr(), pool);
    pool.give_cow(xa);
    pool.give_cow(xb);
    r.map(Val::A)
}

fn fast_pow(x: &Arr, s: Sc, pool: &mut Pool) -> Option<Arr> {
    match s {
        Sc::I(2) => Some(match x {
            Arr::B(v) => Arr::I8(pool.map1(v, |a| a as i8)),
            Arr::I8(v) => Arr::I8(pool.map1(v, |a| a.wrapping_mul(a))),
            Arr::I32(v) => Arr::I32(pool.map1(v, |a| a.wrapping_mul(a))),
            Arr::I64(v) => Arr::I64(pool.map1(v, |a| a.wrapping_mul(a))),
            Arr::F16(v) => Arr::F16(pool.map1(v, |a| f16r32(a * a))),
            Arr::F32(v) => Arr::F32(pool.map1(v, |a| a * a)),
            Arr::F64(v) => Arr::F64(pool.map1(v, |a| a * a)),
        }),
        Sc::I(-1) => match x {
            Arr::F16(v) => Some(Arr::F16(pool.map1(v, |a| f16r32(1.0 / a)))),
            Arr::F32(v) => Some(Arr::F32(pool.map1(v, |a| 1.0 / a))),
            Arr::F64(v) => Some(Arr::F64(pool.map1(v, |a| 1.0 / a))),
            _ => None,
        },
        Sc::F(0.5) => match x {
            Arr::F16(v) => Some(Arr::F16(pool.map1(v, |a| f16r32(a.sqrt())))),
            Arr::F32(v) => Some(Arr::F32(pool.map1(v, f32::sqrt))),
            Arr::F64(v) => Some(Arr::F64(pool.map1(v, f64::sqrt))),
            _ => None,
        },
        _ => None,
    }
}

/// A comparison: a Python bool for two Python scalars, else a numpy bool vector.
fn compare(op: CmpOp, a: &Val, b: &Val, pool: &mut Pool) -> Result<Val, String> {
    if let (Val::S(x), Val::S(y)) = (a, b) {
        return Ok(Val::S(Sc::B(op.test(py_order(*x, *y)))));
    }
    let mut p = operand_dt(a.ty(), b.ty());
    if p.is_int() {
        // numpy compares integer arrays with out-of-range Python ints exactly.
        for v in [a, b] {
            if let Val::S(Sc::I(i)) = v {
                let fits = match p {
                    T::I8 => i8::try_from(*i).is_ok(),
                    T::I32 => i32::try_from(*i).is_ok(),
                    _ => true,
                };
                if !fits {
                    p = T::I64;
                }
            }
        }
    }
    let xa = conv(a, p, pool)?;
    let xb = conv(b, p, pool)?;
    let r = compare_arr(op, xa.arr(), xb.arr(), pool);
    pool.give_cow(xa);
    pool.give_cow(xb);
    r.map(|v| Val::A(Arr::B(v)))
}

/// Per-element truthiness (`!= 0`; NaN is truthy).
fn truth_vec(v: &Val, pool: &mut Pool) -> Vec<bool> {
    match v {
        Val::S(s) => pool.one(s.truthy()),
        Val::A(Arr::B(x)) => pool.map1(x, |a| a),
        Val::A(Arr::I8(x)) => pool.map1(x, |a| a != 0),
        Val::A(Arr::I32(x)) => pool.map1(x, |a| a != 0),
        Val::A(Arr::I64(x)) => pool.map1(x, |a| a != 0),
        Val::A(Arr::F16(x) | Arr::F32(x)) => pool.map1(x, |a| a != 0.0),
        Val::A(Arr::F64(x)) => pool.map1(x, |a| a != 0.0),
    }
}

/// `out[i] = if m[i] { t[i] } else { f[i] }` with broadcasting.
fn select(m: &[bool], t: &Arr, f: &Arr, pool: &mut Pool) -> Result<Arr, String> {
    fn go<E: Elem>(m: &[bool], t: &[E], f: &[E], pool: &mut Pool) -> Vec<E> {
        let n = blen(blen(m.len(), t.len()), f.len());
        let mut out = pool.take();
        let ix = |len: usize, i: usize| if len == 1 { 0 } else { i };
        for i in 0..n {
            let (Some(&c), Some(&a), Some(&b)) = (m.get(ix(m.len(), i)), t.get(ix(t.len(), i)), f.get(ix(f.len(), i)))
            else {
                break;
            };
            out.push(if c { a } else { b });
        }
        out
    }
    Ok(match (t, f) {
        (Arr::B(t), Arr::B(f)) => Arr::B(go(m, t, f, pool)),
        (Arr::I8(t), Arr::I8(f)) => Arr::I8(go(m, t, f, pool)),
        (Arr::I32(t), Arr::I32(f)) => Arr::I32(go(m, t, f, pool)),
        (Arr::I64(t), Arr::I64(f)) => Arr::I64(go(m, t, f, pool)),
        (Arr::F16(t), Arr::F16(f)) => Arr::F16(go(m, t, f, pool)),
        (Arr::F32(t), Arr::F32(f)) => Arr::F32(go(m, t, f, pool)),
        (Arr::F64(t), Arr::F64(f)) => Arr::F64(go(m, t, f, pool)),
        _ => return Err(internal()),
    })
}

fn unary(op: UOp, v: &Val, lanes: bool, pool: &mut Pool) -> Result<Val, String> {
    match op {
        UOp::Not => {
            if lanes {
                let t = truth_vec(v, pool);
                let r = pool.map1(&t, |a| !a);
                pool.give(t);
                Ok(Val::A(Arr::B(r)))
            } else {
                Ok(Val::S(Sc::B(!v.truthy_scalar())))
            }
        }
        UOp::Neg => match v {
            Val::S(Sc::B(b)) => Ok(Val::S(Sc::I(-(*b as i64)))),
            Val::S(Sc::I(i)) => i.checked_neg().map(|r| Val::S(Sc::I(r))).ok_or_else(overflow),
            Val::S(Sc::F(f)) => Ok(Val::S(Sc::F(-f))),
            Val::A(a) => Ok(Val::A(match a {
                Arr::B(_) => return Err(BOOL_NEG_MSG.to_string()),
                Arr::I8(x) => Arr::I8(pool.map1(x, i8::wrapping_neg)),
                Arr::I32(x) => Arr::I32(pool.map1(x, i32::wrapping_neg)),
                Arr::I64(x) => Arr::I64(pool.map1(x, i64::wrapping_neg)),
                Arr::F16(x) => Arr::F16(pool.map1(x, |a| -a)),
                Arr::F32(x) => Arr::F32(pool.map1(x, |a| -a)),
                Arr::F64(x) => Arr::F64(pool.map1(x, |a| -a)),
            })),
        },
        UOp::Pos => match v {
            Val::S(Sc::B(b)) => Ok(Val::S(Sc::I(*b as i64))),
            Val::S(s) => Ok(Val::S(*s)),
            Val::A(Arr::B(_)) => Err(BOOL_POS_MSG.to_string()),
            Val::A(a) => Ok(Val::A(cast_arr(a, a.dt(), pool))),
        },
    }
}

/// `sin cos tan sqrt exp log` (numpy ufuncs).
fn np_float_fn(f: Func, v: &Val, pool: &mut Pool) -> Result<Val, String> {
    let g: fn(f64) -> f64 = match f {
        Func::Sin => f64::sin,
        Func::Cos => f64::cos,
        Func::Tan => f64::tan,
        Func::Sqrt => f64::sqrt,
        Func::Exp => f64::exp,
        Func::Log => f64::ln,
        _ => return Err(internal()),
    };
    let x = conv_strong(v, pool)?;
    let r = match x.arr() {
        Arr::B(a) => Arr::F16(pool.map1(a, |e| f16r((e as u8 as f32).via(g) as f64))),
        Arr::I8(a) => Arr::F16(pool.map1(a, |e| f16r((e as f32).via(g) as f64))),
        Arr::I32(a) => Arr::F64(pool.map1(a, |e| g(e as f64))),
        Arr::I64(a) => Arr::F64(pool.map1(a, |e| g(e as f64))),
        Arr::F16(a) => Arr::F16(pool.map1(a, |e| f16r(e.via(g) as f64))),
        Arr::F32(a) => Arr::F32(pool.map1(a, |e| e.via(g))),
        Arr::F64(a) => Arr::F64(pool.map1(a, g)),
    };
    pool.give_cow(x);
    Ok(Val::A(r))
}

/// `np.abs`, `np.floor`, `np.ceil`, `np.round` (decimals=0).
fn np_unary_same(f: Func, v: &Val, pool: &mut Pool) -> Result<Val, String> {
    let x = conv_strong(v, pool)?;
    let a = x.arr();
    let r = match (f, a) {
        (Func::Round, Arr::B(b)) => Arr::F16(pool.map1(b, |e| e as u8 as f32)),
        (Func::Abs, Arr::I8(b)) => Arr::I8(pool.map1(b, i8::wrapping_abs)),
        (Func::Abs, Arr::I32(b)) => Arr::I32(pool.map1(b, i32::wrapping_abs)),
        (Func::Abs, Arr::I64(b)) => Arr::I64(pool.map1(b, i64::wrapping_abs)),
        (_, Arr::B(_) | Arr::I8(_) | Arr::I32(_) | Arr::I64(_)) => cast_arr(a, a.dt(), pool),
        (_, Arr::F16(b)) => Arr::F16(pool.map1(b, flt_unary::<f32>(f))),
        (_, Arr::F32(b)) => Arr::F32(pool.map1(b, flt_unary::<f32>(f))),
        (_, Arr::F64(b)) => Arr::F64(pool.map1(b, flt_unary::<f64>(f))),
    };
    pool.give_cow(x);
    Ok(Val::A(r))
}

fn flt_unary<F: FltE>(f: Func) -> fn(F) -> F {
    match f {
        Func::Abs => F::abs,
        Func::Floor => F::floor,
        Func::Ceil => F::ceil,
        _ => F::rint,
    }
}

/// Python builtins `round(x)`, `int(x)`, `float(x)` on a scalar (Python or 0-d numpy).
fn py_convert(f: Func, v: &Val) -> Result<Val, String> {
    let s = v.scalar()?;
    Ok(Val::S(match (f, s) {
        (Func::Float, s) => Sc::F(s.as_f64()),
        (_, Sc::B(b)) => Sc::I(b as i64),
        (_, Sc::I(i)) => Sc::I(i),
        (Func::Round, Sc::F(x)) => Sc::I(float_to_pyint(x.round_ties_even())?),
        (_, Sc::F(x)) => Sc::I(float_to_pyint(x.trunc())?),
    }))
}

// ================================================================================================
// Evaluator
// ================================================================================================

struct Ctx<'a, 'i> {
    inputs: &'a [Input<'i>],
    var_tys: &'a [T],
    n: usize,
    pool: &'a mut Pool,
    flavor: Flavor,
}

fn load(k: usize, cx: &mut Ctx<'_, '_>) -> Result<Val, String> {
    let (Some(&t), Some(&inp)) = (cx.var_tys.get(k), cx.inputs.get(k)) else {
        return Err(internal());
    };
    let n = cx.n;
    let pool = &mut *cx.pool;
    fn copy<E: Elem>(s: &[E], n: usize, pool: &mut Pool, k: usize) -> Result<Vec<E>, String> {
        if s.len() != n {
            return Err(format!("input #{k} has {} values, expected {n}", s.len()));
        }
        let mut v = pool.take();
        v.extend_from_slice(s);
        Ok(v)
    }
    Ok(match (t, inp) {
        (T::PI, Input::Int(i)) => Val::S(Sc::I(i)),
        (T::PB, Input::Int(i)) => Val::S(Sc::B(i != 0)),
        (T::PF, Input::Float(f)) => Val::S(Sc::F(f)),
        (T::PF, Input::Int(i)) => Val::S(Sc::F(i as f64)),
        (T::I32, Input::I32(s)) => Val::A(Arr::I32(copy(s, n, pool, k)?)),
        (T::I64, Input::I64(s)) => Val::A(Arr::I64(copy(s, n, pool, k)?)),
        (T::F32, Input::F32(s)) => Val::A(Arr::F32(copy(s, n, pool, k)?)),
        (T::F64, Input::F64(s)) => Val::A(Arr::F64(copy(s, n, pool, k)?)),
        (T::B, Input::Bool(s)) => Val::A(Arr::B(copy(s, n, pool, k)?)),
        (T::B | T::I32 | T::I64 | T::F32 | T::F64, Input::Int(i)) => Val::A(sc_to_arr(Sc::I(i), t, pool)?),
        (T::F32 | T::F64, Input::Float(f)) => Val::A(sc_to_arr(Sc::F(f), t, pool)?),
        _ => return Err(format!("input #{k} does not match the declared type {:?}: got {inp:?}", t.to_ty())),
    })
}

fn ev(node: &Node, cx: &mut Ctx<'_, '_>) -> Result<Val, String> {
    match &node.k {
        NK::Const(s) => Ok(Val::S(*s)),
        NK::Var(k) => load(*k, cx),
        NK::Unary(op, a) => {
            let v = ev(a, cx)?;
            let r = unary(*op, &v, a.lanes, cx.pool);
            cx.pool.give_val(v);
            r
        }
        NK::Bin(..) => {
            // The left spine in a loop, as the checker builds it (see `Env::check_inner`).
            let mut links = Vec::new();
            let mut first = node;
            while let NK::Bin(op, a, b) = &first.k {
                links.push((*op, a.lanes, b));
                first = a;
            }
            let mut acc = ev(first, cx)?;
            for (op, left_lanes, b) in links.into_iter().rev() {
                let vb = match ev(b, cx) {
                    Ok(v) => v,
                    Err(e) => {
                        cx.pool.give_val(acc);
                        return Err(e);
                    }
                };
                let r = binary(op, &acc, &vb, left_lanes, true, cx.pool);
                cx.pool.give_val(acc);
                cx.pool.give_val(vb);
                acc = r?;
            }
            Ok(acc)
        }
        NK::Cmp(first, rest) => {
            let mut left = ev(first, cx)?;
            let mut acc: Option<Val> = None;
            for (op, rn) in rest {
                let right = ev(rn, cx)?;
                let c = compare(*op, &left, &right, cx.pool)?;
                cx.pool.give_val(std::mem::replace(&mut left, right));
                if node.lanes {
                    acc = Some(match acc {
                        None => c,
                        Some(prev) => {
                            let r = np_binary(BOp::BitAnd, &prev, &c, cx.pool)?;
                            cx.pool.give_val(prev);
                            cx.pool.give_val(c);
                            r
                        }
                    });
                } else {
                    let falsy = !c.truthy_scalar();
                    if let Some(prev) = acc.replace(c) {
                        cx.pool.give_val(prev);
                    }
                    if falsy {
                        break;
                    }
                }
            }
            cx.pool.give_val(left);
            let r = acc.ok_or_else(internal)?;
            if node.lanes {
                if let Val::S(s) = r {
                    return Ok(Val::A(sc_to_arr(s, T::B, cx.pool)?));
                }
            }
            Ok(r)
        }
        NK::And(a, b) | NK::Or(a, b) => {
            let is_and = matches!(node.k, NK::And(..));
            let va = ev(a, cx)?;
            if !a.lanes {
                // Python: short-circuit, the operand itself is the result.
                if va.truthy_scalar() != is_and {
                    return Ok(va);
                }
                cx.pool.give_val(va);
                return ev(b, cx);
            }
            let vb = ev(b, cx)?;
            let p = operand_dt(va.ty(), vb.ty());
            let mask = truth_vec(&va, cx.pool);
            let xa = conv(&va, p, cx.pool)?;
            let xb = conv(&vb, p, cx.pool)?;
            let r = if is_and {
                select(&mask, xb.arr(), xa.arr(), cx.pool)
            } else {
                select(&mask, xa.arr(), xb.arr(), cx.pool)
            };
            cx.pool.give(mask);
            cx.pool.give_cow(xa);
            cx.pool.give_cow(xb);
            cx.pool.give_val(va);
            cx.pool.give_val(vb);
            r.map(Val::A)
        }
        NK::Call(f, args) => call(*f, args, cx),
        NK::Fail(m) => Err(m.clone()),
    }
}

fn call(f: Func, args: &[Node], cx: &mut Ctx<'_, '_>) -> Result<Val, String> {
    let py = cx.flavor == Flavor::Python;
    let Some(a0) = args.first() else { return Err(internal()) };
    match f {
        Func::Min | Func::Max => {
            let is_min = f == Func::Min;
            let mut acc = ev(a0, cx)?;
            let mut acc_lanes = a0.lanes;
            for b in &args[1..] {
                let vb = ev(b, cx)?;
                if py && !acc_lanes && !b.lanes {
                    // Python builtin: keeps the first of equal values; the chosen object itself.
                    let op = if is_min { CmpOp::Lt } else { CmpOp::Gt };
                    let c = compare(op, &vb, &acc, cx.pool)?;
                    let take_b = c.truthy_scalar();
                    cx.pool.give_val(c);
                    if take_b {
                        cx.pool.give_val(std::mem::replace(&mut acc, vb));
                    } else {
                        cx.pool.give_val(vb);
                    }
                } else {
                    let p = operand_dt(acc.ty(), vb.ty());
                    let xa = conv(&acc, p, cx.pool)?;
                    let xb = conv(&vb, p, cx.pool)?;
                    let r = minmax_arr(is_min, xa.arr(), xb.arr(), cx.pool);
                    cx.pool.give_cow(xa);
                    cx.pool.give_cow(xb);
                    cx.pool.give_val(vb);
                    cx.pool.give_val(std::mem::replace(&mut acc, Val::A(r?)));
                }
                acc_lanes |= b.lanes;
            }
            Ok(acc)
        }
        Func::Pow => {
            let a1 = args.get(1).ok_or_else(internal)?;
            let va = ev(a0, cx)?;
            let vb = ev(a1, cx)?;
            let r = if py {
                binary(BOp::Pow, &va, &vb, a0.lanes, true, cx.pool)
            } else {
                np_binary(BOp::Pow, &va, &vb, cx.pool)
            };
            cx.pool.give_val(va);
            cx.pool.give_val(vb);
            r
        }
        _ => {
            let v = ev(a0, cx)?;
            let r = match f {
                _ if f.is_transcendental() => np_float_fn(f, &v, cx.pool),
                Func::Floor | Func::Ceil => np_unary_same(f, &v, cx.pool),
                Func::Abs => match v {
                    Val::S(s) if py => match s {
                        Sc::B(b) => Ok(Val::S(Sc::I(b as i64))),
                        Sc::I(i) => i.checked_abs().map(|r| Val::S(Sc::I(r))).ok_or_else(overflow),
                        Sc::F(x) => Ok(Val::S(Sc::F(x.abs()))),
                    },
                    _ => np_unary_same(f, &v, cx.pool),
                },
                Func::Round if py && !a0.lanes => py_convert(f, &v),
                Func::Round => np_unary_same(f, &v, cx.pool),
                Func::Int | Func::Float if !a0.lanes => py_convert(f, &v),
                Func::Int => match &v {
                    Val::A(a) => Ok(Val::A(cast_arr(a, T::I64, cx.pool))),
                    Val::S(_) => py_convert(f, &v),
                },
                Func::Float => match &v {
                    Val::A(a) => Ok(Val::A(cast_arr(a, T::F64, cx.pool))),
                    Val::S(_) => py_convert(f, &v),
                },
                _ => Err(internal()),
            };
            cx.pool.give_val(v);
            r
        }
    }
}

fn write_out(v: Val, n: usize, out: &mut Vec<f64>, pool: &mut Pool) -> Result<(), String> {
    fn put<E: Copy>(s: &[E], n: usize, out: &mut Vec<f64>, f: impl Fn(E) -> f64) -> Result<(), String> {
        if s.len() == n {
            out.extend(s.iter().map(|&x| f(x)));
        } else if let [x] = s {
            out.resize(n, f(*x));
        } else {
            return Err(internal());
        }
        Ok(())
    }
    let r = match &v {
        Val::S(s) => {
            out.resize(n, s.as_f64());
            Ok(())
        }
        Val::A(Arr::B(x)) => put(x, n, out, |a| a as u8 as f64),
        Val::A(Arr::I8(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::I32(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::I64(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::F16(x) | Arr::F32(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::F64(x)) => put(x, n, out, |a| a),
    };
    pool.give_val(v);
    r
}

// ================================================================================================
// Tests. The vectors marked "numpy" were computed with numpy 2.3.2 / CPython 3.11 by running
// the original's evaluation environments (PixelMath: float32 r g b a, or int32 in integer mode,
// int64 x y, Python int width height, np.abs/np.minimum/…; RowShift: Python builtins + numpy
// functions) on the same inputs.
// ================================================================================================

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_FUNCS: [&str; 15] = SAFE_FUNCTIONS;

    fn pm_vars(int_mode: bool) -> Vec<(&'static str, Ty)> {
        let c = if int_mode { Ty::Int32 } else { Ty::Float32 };
        vec![
            ("r", c),
            ("g", c),
            ("b", c),
            ("a", c),
            ("x", Ty::Int64),
            ("y", Ty::Int64),
            ("width", Ty::PyInt),
            ("height", Ty::PyInt),
        ]
    }

    fn pm_compile(src: &str) -> Result<Expr, String> {
        check_safe(src)?;
        Expr::compile(src, &pm_vars(has_integer_ops(src)), &ALL_FUNCS)
    }

    /// Evaluates a PixelMath expression on the PM_* test image, row by row (`rows`) or over all
    /// pixels at once.
    fn pm_eval(e: &Expr, int_mode: bool, rows: bool) -> Result<Vec<f64>, String> {
        let chans = [&PM_R, &PM_G, &PM_B, &PM_A];
        let f32s: Vec<Vec<f32>> = chans.iter().map(|c| c.iter().map(|&v| v as f32).collect()).collect();
        let i32s: Vec<Vec<i32>> = chans.iter().map(|c| c.iter().map(|&v| v as i32).collect()).collect();
        let n = PM_W * PM_H;
        let xs: Vec<i64> = (0..n).map(|k| (k % PM_W) as i64).collect();
        let ys: Vec<i64> = (0..n).map(|k| (k / PM_W) as i64).collect();
        let mut all = Vec::new();
        let mut out = Vec::new();
        let ranges: Vec<(usize, usize)> =
            if rows { (0..PM_H).map(|y| (y * PM_W, (y + 1) * PM_W)).collect() } else { vec![(0, n)] };
        for (s, t) in ranges {
            let ch = |k: usize| if int_mode { Input::I32(&i32s[k][s..t]) } else { Input::F32(&f32s[k][s..t]) };
            let inputs = [
                ch(0),
                ch(1),
                ch(2),
                ch(3),
                Input::I64(&xs[s..t]),
                Input::I64(&ys[s..t]),
                Input::Int(PM_W as i64),
                Input::Int(PM_H as i64),
            ];
            e.eval(&inputs, t - s, &mut out)?;
            all.extend_from_slice(&out);
        }
        Ok(all)
    }

    fn same_f32(a: f32, b: f32) -> bool {
        (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
    }

    #[test]
    fn pixelmath_matches_numpy() {
        let mut failures = Vec::new();
        for (src, dt, bits) in PM_CASES {
            let int_mode = has_integer_ops(src);
            let res = pm_compile(src).and_then(|e| {
                let a = pm_eval(&e, int_mode, true)?;
                let b = pm_eval(&e, int_mode, false)?;
                Ok((e.result_type(), a, b))
            });
            match (res, *dt) {
                (Err(_), "ERR") => {}
                (Err(m), _) => failures.push(format!("{src}: unexpected error {m}")),
                (Ok(_), "ERR") => failures.push(format!("{src}: expected an error")),
                (Ok((ty, rows, whole)), dt) => {
                    if format!("{ty:?}") != dt {
                        failures.push(format!("{src}: result type {ty:?}, numpy {dt}"));
                    }
                    for (k, &want) in bits.iter().enumerate() {
                        let want = f32::from_bits(want);
                        let (a, b) = (rows[k] as f32, whole[k] as f32);
                        if !same_f32(a, want) || !same_f32(b, want) {
                            failures.push(format!("{src}: pixel {k}: got {a} / {b}, numpy {want}"));
                            break;
                        }
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    /// PixelMath's float path for every channel value: `r * 1.1 + 20` and `r * 0.95` are float32
    /// arithmetic with the Python float rounded to float32 (NEP 50).
    #[test]
    fn pixelmath_float32_rounding_all_values() {
        let r: Vec<f32> = (0..256).map(|v| v as f32).collect();
        for (src, want_u8, want_bits) in [
            ("r * 1.1 + 20", &PM_R_TIMES_1_1_PLUS_20, &PM_R_TIMES_1_1_PLUS_20_BITS),
            ("r * 0.95", &PM_R_TIMES_0_95, &PM_R_TIMES_0_95_BITS),
        ] {
            let e = Expr::compile(src, &[("r", Ty::Float32)], &[]).unwrap();
            assert_eq!(e.result_type(), Ty::Float32);
            let mut out = Vec::new();
            e.eval(&[Input::F32(&r)], 256, &mut out).unwrap();
            for v in 0..256 {
                let f = out[v] as f32;
                assert_eq!(f.to_bits(), want_bits[v], "{src} at r={v}");
                assert_eq!(f.clamp(0.0, 255.0) as u8, want_u8[v], "{src} at r={v}");
            }
        }
    }

    /// docs/spec.md §3.2 examples on the RGBA pixel (100, 50, 200, 255).
    #[test]
    fn pixelmath_spec_examples() {
        let px = |src: &str| -> u8 {
            let int_mode = has_integer_ops(src);
            let e = Expr::compile(src, &pm_vars(int_mode), &ALL_FUNCS).unwrap();
            let mut out = Vec::new();
            let (f, i) = ([100f32], [100i32]);
            let (gf, gi) = ([50f32], [50i32]);
            let c =
                |fv: &'static [f32; 1], iv: &'static [i32; 1]| if int_mode { Input::I32(iv) } else { Input::F32(fv) };
            let _ = c;
            let r = if int_mode { Input::I32(&i) } else { Input::F32(&f) };
            let g = if int_mode { Input::I32(&gi) } else { Input::F32(&gf) };
            let inputs = [
                r,
                g,
                Input::Int(200),
                Input::Int(255),
                Input::I64(&[0]),
                Input::I64(&[0]),
                Input::Int(1),
                Input::Int(1),
            ];
            e.eval(&inputs, 1, &mut out).unwrap();
            (out[0] as f32).clamp(0.0, 255.0) as u8
        };
        assert_eq!(px("r*2"), 200);
        assert_eq!(px("r ^ 128"), 228);
        assert_eq!(px("r/3"), 33);
        assert_eq!(px("(r>60)*255"), 255);
        assert_eq!(px("r*2+g"), 250);
    }

    #[test]
    fn pixelfilter_matches_numpy() {
        let n = PM_W * PM_H;
        let i: Vec<i64> = (0..n as i64).collect();
        let xs: Vec<i64> = (0..n).map(|k| (k % PM_W) as i64).collect();
        let ys: Vec<i64> = (0..n).map(|k| (k / PM_W) as i64).collect();
        let vars = [("i", Ty::Int64), ("x", Ty::Int64), ("y", Ty::Int64), ("width", Ty::PyInt), ("height", Ty::PyInt)];
        for (src, keep) in PF_CASES {
            check_safe(src).unwrap();
            let e = Expr::compile(src, &vars, &ALL_FUNCS).unwrap();
            let mut out = Vec::new();
            let inputs =
                [Input::I64(&i), Input::I64(&xs), Input::I64(&ys), Input::Int(PM_W as i64), Input::Int(PM_H as i64)];
            e.eval(&inputs, n, &mut out).unwrap();
            let got: Vec<bool> = out.iter().map(|&v| v != 0.0).collect();
            assert_eq!(&got[..], *keep, "{src}");
        }
    }

    fn rs_compile(src: &str) -> Result<Expr, String> {
        check_safe(src)?;
        let vars = [("y", Ty::PyInt), ("i", Ty::PyInt), ("height", Ty::PyInt), ("pi", Ty::PyFloat), ("e", Ty::PyFloat)];
        Expr::compile(src, &vars, &ALL_FUNCS)
    }

    fn rs_eval(e: &Expr, y: i64) -> Result<f64, String> {
        e.eval_scalar(&[
            Input::Int(y),
            Input::Int(y),
            Input::Int(10),
            Input::Float(std::f64::consts::PI),
            Input::Float(std::f64::consts::E),
        ])
    }

    #[test]
    fn rowshift_formulas_match_python() {
        let mut failures = Vec::new();
        for (src, want) in RS_CASES {
            let e = match rs_compile(src) {
                Ok(e) => e,
                Err(m) => {
                    failures.push(format!("{src}: compile error {m}"));
                    continue;
                }
            };
            assert_eq!(e.flavor(), Flavor::Python);
            for (y, w) in want.iter().enumerate() {
                let got = rs_eval(&e, y as i64);
                let w = w.map(f64::from_bits);
                let ok = match (&got, w) {
                    (Err(_), None) => true,
                    (Ok(g), Some(w)) => (g.is_nan() && w.is_nan()) || g.to_bits() == w.to_bits(),
                    _ => false,
                };
                if !ok {
                    failures.push(format!("{src} at y={y}: got {got:?}, Python {w:?}"));
                }
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn float16_rounding_matches_numpy() {
        for &(x, want) in F16_CASES {
            let x = f64::from_bits(x);
            assert_eq!(f16r(x).to_bits(), want, "float16({x})");
        }
    }

    fn ulps32(a: f32, b: f32) -> u32 {
        if a.is_nan() && b.is_nan() {
            return 0;
        }
        let k = |f: f32| {
            let i = f.to_bits() as i32;
            if i < 0 {
                i32::MIN.wrapping_sub(i)
            } else {
                i
            }
        };
        k(a).abs_diff(k(b))
    }

    /// Transcendental functions: numpy 2.3 uses its own SIMD float32 kernels and (on AVX512
    /// machines) SVML, which are not correctly rounded; pixelpipe's results are the correctly
    /// rounded f64 libm values. Allow 2 float32 ulps.
    #[test]
    fn transcendental_functions_within_ulps_of_numpy() {
        for (src, dt, bits) in PM_TRANS {
            let int_mode = has_integer_ops(src);
            let e = pm_compile(src).unwrap();
            assert_eq!(format!("{:?}", e.result_type()), *dt, "{src}");
            let got = pm_eval(&e, int_mode, true).unwrap();
            for (k, &w) in bits.iter().enumerate() {
                let (g, w) = (got[k] as f32, f32::from_bits(w));
                assert!(ulps32(g, w) <= 2, "{src} pixel {k}: got {g}, numpy {w}");
            }
        }
    }

    fn scalar(src: &str) -> Result<f64, String> {
        let e = Expr::compile(src, &[], &ALL_FUNCS)?;
        e.eval_scalar(&[])
    }

    #[test]
    fn python_scalar_semantics() {
        assert_eq!(scalar("2**-1"), Ok(0.5));
        assert_eq!(scalar("-7 // 2"), Ok(-4.0));
        assert_eq!(scalar("-7 % 3"), Ok(2.0));
        assert_eq!(scalar("7 % -3"), Ok(-2.0));
        assert_eq!(scalar("-7.5 % 2"), Ok(0.5));
        assert_eq!(scalar("7.5 // 2"), Ok(3.0));
        assert_eq!(scalar("round(2.5)"), Ok(2.0));
        assert_eq!(scalar("round(3.5)"), Ok(4.0));
        assert_eq!(scalar("round(-2.5)"), Ok(-2.0));
        assert_eq!(scalar("int(-2.7)"), Ok(-2.0));
        assert_eq!(scalar("-2**2"), Ok(-4.0));
        assert_eq!(scalar("2**3**2"), Ok(512.0));
        assert_eq!(scalar("1 < 2 < 3"), Ok(1.0));
        assert_eq!(scalar("3 > 2 > 2"), Ok(0.0));
        assert_eq!(scalar("1 < 3 > 2 == 2 != 5"), Ok(1.0));
        assert_eq!(scalar("True + True"), Ok(2.0));
        assert_eq!(scalar("0 and 1 // 0"), Ok(0.0), "short-circuit");
        assert_eq!(scalar("2 or 1 // 0"), Ok(2.0), "short-circuit");
        assert_eq!(scalar("2 and 3.5"), Ok(3.5));
        assert_eq!(scalar("not 0"), Ok(1.0));
        assert_eq!(scalar("not 2 == 2"), Ok(0.0));
        assert_eq!(
            scalar("1e3 + .5 + 5. + 1_000 + 0x1f + 0o17 + 0b101"),
            Ok(1000.0 + 0.5 + 5.0 + 1000.0 + 31.0 + 15.0 + 5.0)
        );
        assert_eq!(scalar("1if"), Err("invalid syntax at position 0: invalid number literal '1if'".to_string()));
        assert_eq!(scalar("1and 2"), Ok(2.0));
        assert_eq!(scalar("min(3, 1.5, 2)"), Ok(1.5));
        assert_eq!(scalar("max(1, 2,)"), Ok(2.0));
        assert_eq!(scalar("pow(2, 10)"), Ok(1024.0));
        assert!(scalar("2 ** 62 * 2").unwrap_err().contains("overflow"));
        assert!(scalar("1 << 63").unwrap_err().contains("overflow"));
        assert_eq!(scalar("-1 >> 100"), Ok(-1.0));
        assert!(scalar("1 << -1").unwrap_err().contains("negative shift count"));
        assert!(scalar("1 // 0").unwrap_err().contains("ZeroDivisionError"));
        assert!(scalar("1 % 0").unwrap_err().contains("ZeroDivisionError"));
        assert!(scalar("1 / 0").unwrap_err().contains("ZeroDivisionError"));
        assert!(scalar("1.5 // 0").unwrap_err().contains("ZeroDivisionError"));
        assert!(scalar("0 ** -1").unwrap_err().contains("ZeroDivisionError"));
        assert!(scalar("(-8) ** (1/3)").unwrap_err().contains("complex"));
        assert!(scalar("2.0 ** 1e5").unwrap_err().contains("OverflowError"));
        assert!(scalar("int(1e300)").unwrap_err().contains("overflow"));
        assert!(scalar("round(1e300 * 1e300)").unwrap_err().contains("infinity"));
        // numpy scalars (results of numpy functions) follow numpy: no ZeroDivisionError.
        assert_eq!(scalar("sqrt(4) / 0"), Ok(f64::INFINITY));
        // Python flavour: abs is the builtin (a Python int) ...
        assert!(scalar("abs(-3) // 0").unwrap_err().contains("ZeroDivisionError"));
        // ... numpy flavour: np.abs(-3) is an np.int64.
        let e = Expr::compile_with("abs(-3) // 0", &[], &ALL_FUNCS, Flavor::Numpy).unwrap();
        assert_eq!(e.result_type(), Ty::Int64);
        assert_eq!(e.eval_scalar(&[]), Ok(0.0));
        assert_eq!(scalar("floor(7) // 0"), Ok(0.0));
        assert!(scalar("sqrt(-1)").unwrap().is_nan());
    }

    #[test]
    fn python_int_limit_is_an_error_not_a_wrap() {
        let e = rs_compile("2 ** 62 * y").unwrap();
        assert_eq!(rs_eval(&e, 1), Ok(4.611686018427388e18));
        assert!(rs_eval(&e, 2).unwrap_err().contains("overflow"));
    }

    #[test]
    fn formula_flavor_builtins() {
        // RowShift: Python builtins keep Python types; numpy functions give numpy scalars.
        let e = rs_compile("abs(y - 5) * 3").unwrap();
        assert_eq!(e.result_type(), Ty::PyInt);
        assert_eq!(rs_eval(&e, 2), Ok(9.0));
        let e = rs_compile("round(sin(y) * 10)").unwrap();
        assert_eq!(e.result_type(), Ty::PyInt);
        let e = rs_compile("sin(y)").unwrap();
        assert_eq!(e.result_type(), Ty::Float64);
        assert!(!e.is_per_lane());
        let e = rs_compile("2 ** (y - 5)").unwrap();
        assert_eq!(e.result_type(), Ty::PyFloat);
        assert_eq!(rs_eval(&e, 3), Ok(0.25));
        assert_eq!(rs_eval(&e, 7), Ok(4.0));
        assert!(rs_compile("x * 2").unwrap_err().contains("name 'x' is not defined"));
        // PixelMath: np.abs(width) is an np.int64, so `abs(width) * r` is float64 arithmetic.
        let e = pm_compile("abs(width) * r").unwrap();
        assert_eq!(e.result_type(), Ty::Float64);
        let e = pm_compile("width * r").unwrap();
        assert_eq!(e.result_type(), Ty::Float32);
        assert_eq!(e.flavor(), Flavor::Numpy);
        assert!(e.is_per_lane());
    }

    #[test]
    fn min_max_with_more_arguments() {
        let e = pm_compile("min(r, g, b)").unwrap();
        let got = pm_eval(&e, false, true).unwrap();
        for k in 0..PM_W * PM_H {
            assert_eq!(got[k], PM_R[k].min(PM_G[k]).min(PM_B[k]) as f64);
        }
        let e = pm_compile("max(r, g, 100.5)").unwrap();
        let got = pm_eval(&e, false, false).unwrap();
        for k in 0..PM_W * PM_H {
            assert_eq!(got[k], (PM_R[k].max(PM_G[k]) as f64).max(100.5));
        }
    }

    /// `and`/`or`/`not` and chained comparisons per element (decision 16).
    #[test]
    fn logic_per_element() {
        let vars = [("i", Ty::Int64), ("r", Ty::Float32), ("width", Ty::PyInt)];
        let i: Vec<i64> = (0..8).collect();
        let r: Vec<f32> = vec![0.0, 1.5, 0.0, 3.0, f32::NAN, 0.0, 6.0, 7.0];
        let run = |src: &str| -> (Ty, Vec<f64>) {
            let e = Expr::compile(src, &vars, &ALL_FUNCS).unwrap();
            let mut out = Vec::new();
            e.eval(&[Input::I64(&i), Input::F32(&r), Input::Int(4)], 8, &mut out).unwrap();
            (e.result_type(), out)
        };
        assert_eq!(run("i > 2 and i < 6"), (Ty::Bool, vec![0., 0., 0., 1., 1., 1., 0., 0.]));
        assert_eq!(run("2 < i < 6"), (Ty::Bool, vec![0., 0., 0., 1., 1., 1., 0., 0.]));
        assert_eq!(run("i < 2 or i > 5"), (Ty::Bool, vec![1., 1., 0., 0., 0., 0., 1., 1.]));
        assert_eq!(run("not i % 2"), (Ty::Bool, vec![1., 0., 1., 0., 1., 0., 1., 0.]));
        // Python's value semantics per element: `a and b` is b where a is truthy, else a.
        let (t, v) = run("i and 10");
        assert_eq!(t, Ty::Int64);
        assert_eq!(v, vec![0., 10., 10., 10., 10., 10., 10., 10.]);
        let (t, v) = run("r or i");
        assert_eq!(t, Ty::Float64);
        assert_eq!(v[..4], [0., 1.5, 2., 3.]);
        assert!(v[4].is_nan(), "NaN is truthy");
        // Scalar left operand: Python short-circuit, then broadcast.
        assert_eq!(run("width > 5 and i").1, vec![0.0; 8]);
        assert_eq!(run("width > 3 and i").1, (0..8).map(|v| v as f64).collect::<Vec<_>>());
        assert_eq!(run("not width").0, Ty::PyBool);
    }

    #[test]
    fn numpy_integer_semantics() {
        let vars = [("v", Ty::Int32), ("w", Ty::Int64)];
        let v = [i32::MIN, -7, 7, 0, i32::MAX];
        let w = [-1i64, 0, 2, 0, 1];
        let run = |src: &str| -> Result<Vec<f64>, String> {
            let e = Expr::compile(src, &vars, &ALL_FUNCS)?;
            let mut out = Vec::new();
            e.eval(&[Input::I32(&v), Input::I64(&w)], 5, &mut out)?;
            Ok(out)
        };
        assert_eq!(run("v // 0").unwrap(), vec![0.0; 5]);
        assert_eq!(run("v % 0").unwrap(), vec![0.0; 5]);
        assert_eq!(run("v + 1").unwrap(), vec![i32::MIN as f64 + 1.0, -6., 8., 1., i32::MIN as f64]); // wraps
        assert_eq!(run("-v").unwrap()[0], i32::MIN as f64);
        assert_eq!(run("abs(v)").unwrap()[0], i32::MIN as f64);
        assert_eq!(run("v // -1").unwrap()[0], i32::MIN as f64);
        let d = run("v / 0").unwrap();
        assert_eq!(d[..3], [f64::NEG_INFINITY, f64::NEG_INFINITY, f64::INFINITY]);
        assert!(d[3].is_nan());
        assert!(run("v ** -1").unwrap_err().contains("negative integer powers"));
        assert!(run("v + 3000000000").unwrap_err().contains("out of bounds for int32"));
        assert_eq!(run("v < 3000000000").unwrap(), vec![1.0; 5]);
        assert_eq!(run("v << 31").unwrap()[2], i32::MIN as f64);
        assert_eq!(run("v >> 40").unwrap()[..3], [-1., -1., 0.]);
        assert_eq!(run("v // w").unwrap()[..3], [2147483648.0, 0., 3.], "int32 // int64 is int64");
        assert!(Expr::compile("v & 1.5", &vars, &[]).unwrap_err().contains("for &: 'int32' and 'float'"));
    }

    #[test]
    fn check_safe_rules() {
        assert_eq!(check_safe("   "), Err("Expression cannot be empty".to_string()));
        assert_eq!(check_safe(""), Err("Expression cannot be empty".to_string()));
        assert_eq!(check_safe("r[0]"), Err("Unsafe character '[' in expression".to_string()));
        assert_eq!(check_safe("r ~ 2"), Err("Unsafe character '~' in expression".to_string()));
        assert_eq!(check_safe("'a'"), Err("Unsafe character ''' in expression".to_string()));
        assert_eq!(check_safe("r if r else g"), Err("Unsafe keyword 'if' in expression".to_string()));
        assert_eq!(check_safe("IF"), Err("Unsafe keyword 'if' in expression".to_string()));
        assert_eq!(check_safe("1if"), Err("Unsafe keyword 'if' in expression".to_string()));
        assert_eq!(check_safe("r.__class__"), Err("Unsafe keyword '__' in expression".to_string()));
        assert_eq!(check_safe("a__b"), Err("Unsafe keyword '__' in expression".to_string()));
        assert_eq!(check_safe("lambda"), Err("Unsafe keyword 'lambda' in expression".to_string()));
        assert_eq!(check_safe("diff + shift + format + tryst + iff"), Ok(vec![]), "whole words only");
        assert_eq!(check_safe("min(r, g) + max(1,2) + pow(x, 2)"), Ok(vec![]), "commas are allowed");
        assert_eq!(check_safe("r ^ 128 & g | b << 2 >> 1"), Ok(vec![]));
        assert_eq!(check_safe("R * 2 + Sin(x)"), Ok(vec![]), "case-insensitive check");
        assert_eq!(check_safe("foo(r)"), Err("Unknown or unsafe function 'foo' in expression".to_string()));
        assert_eq!(
            check_safe("sin (r) + getattr (r)"),
            Err("Unknown or unsafe function 'getattr' in expression".to_string())
        );
        assert_eq!(check_safe("2e5(r)"), Err("Unknown or unsafe function 'e5' in expression".to_string()));
        assert_eq!(check_safe("r(2)"), Ok(vec![]), "variable names pass the check (as in the original)");
        let w = check_safe("x + j * 2").unwrap();
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("'j' is deprecated") && w[0].contains("'x + x * 2'"), "{w:?}");
        assert_eq!(check_safe("2j + jj"), Ok(vec![]));
    }

    #[test]
    fn compile_errors() {
        let vars = pm_vars(false);
        let c = |s: &str, funcs: &[&str]| Expr::compile(s, &vars, funcs).map(|_| ()).unwrap_err();
        assert_eq!(c("q * 2", &ALL_FUNCS), "name 'q' is not defined");
        assert_eq!(c("floor(r)", &["abs", "sin"]), "name 'floor' is not defined");
        assert_eq!(c("sin + 1", &ALL_FUNCS), "function 'sin' must be called, e.g. sin(x)");
        assert!(c("r(2)", &ALL_FUNCS).contains("cannot be called"));
        assert!(c("r & 1", &ALL_FUNCS).contains("for &: 'float32' and 'int'"), "bitwise on float32");
        assert!(c("r ^ 1.5", &ALL_FUNCS).contains("for ^:"));
        assert!(c("min(r)", &ALL_FUNCS).contains("at least 2 arguments"));
        assert!(c("sin(r, g)", &ALL_FUNCS).contains("expects 1 argument"));
        assert!(c("round(r, 2)", &ALL_FUNCS).contains("ndigits"));
        assert!(c("-(r > 2)", &ALL_FUNCS).contains("boolean negative"));
        assert!(c("(r > 2) - (g > 2)", &ALL_FUNCS).contains("boolean subtract"));
        assert!(c("", &ALL_FUNCS).contains("empty"));
        assert!(c("r +", &ALL_FUNCS).contains("unexpected end"));
        assert!(c("(r + 1", &ALL_FUNCS).contains("never closed"));
        assert!(c("r + 1)", &ALL_FUNCS).contains("unexpected ')'"));
        assert!(c("r = 1", &ALL_FUNCS).contains("'='"));
        assert!(c("r.real", &ALL_FUNCS).contains("attribute"));
        assert!(c("2j * r", &ALL_FUNCS).contains("complex"));
        assert!(c("007 + r", &ALL_FUNCS).contains("leading zeros"));
        assert!(c("99999999999999999999", &ALL_FUNCS).contains("too large"));
        assert!(c("None", &ALL_FUNCS).contains("None"));
        assert!(c("r if r else g", &ALL_FUNCS).contains("'if'"));
        assert!(c("r in g", &ALL_FUNCS).contains("'in'"));
        assert!(c("(r, g)", &ALL_FUNCS).contains("tuple"));
        assert!(c("sin(r)(2)", &ALL_FUNCS).contains("only names can be called"));
        assert!(c("r ~ 2", &ALL_FUNCS).contains("'~'"));
        assert!(c("r <> 2", &ALL_FUNCS).contains("'<>'"));
        // Deep nesting is an error, not a stack overflow.
        assert!(c(&format!("{}r{}", "(".repeat(500), ")".repeat(500)), &ALL_FUNCS).contains("too deeply nested"));
        assert!(c(&format!("r{}", "+1".repeat(50_000)), &ALL_FUNCS).contains("at most 100000"));
        // A long flat chain is not nesting: it compiles and evaluates, also on a thread with
        // a small stack, and its constant part folds.
        const LINKS: usize = 5000;
        let chain = format!("r{}{}", "+g".repeat(LINKS), "+1".repeat(LINKS));
        let handle = std::thread::Builder::new().stack_size(2 << 20).spawn(move || {
            let e = Expr::compile(&chain, &[("r", Ty::Float32), ("g", Ty::Float32)], &[]).unwrap();
            let mut out = Vec::new();
            e.eval(&[Input::F32(&[1.0]), Input::F32(&[2.0])], 1, &mut out).unwrap();
            out[0]
        });
        assert_eq!(handle.unwrap().join().unwrap(), 1.0 + 3.0 * LINKS as f64);
        let constant = format!("({}1) + r", "1 - ".repeat(LINKS));
        assert!(Expr::compile(&constant, &vars, &ALL_FUNCS).is_ok(), "a constant chain folds");
        assert!(c(&format!("{}r", "-".repeat(5000)), &ALL_FUNCS).contains("too deeply nested"));
        assert!(Expr::compile("r", &[("r", Ty::Int8)], &[]).is_err());
    }

    #[test]
    fn which_variables_an_expression_reads() {
        let vars = [("r", Ty::Float32), ("g", Ty::Float32), ("x", Ty::Int64), ("width", Ty::PyInt)];
        let e = |s: &str| Expr::compile(s, &vars, &ALL_FUNCS).unwrap();
        let uses = |s: &str| (0..vars.len()).filter(|&k| e(s).uses(k)).collect::<Vec<_>>();
        assert_eq!(uses("r * 1.1 + 20"), vec![0]);
        assert_eq!(uses("g + g + sin(g) + 1 + 2 + 3"), vec![1]);
        assert_eq!(uses("r < g < x"), vec![0, 1, 2]);
        assert_eq!(uses("max(r, width)"), vec![0, 3]);
        assert_eq!(uses("2 ** 3 + 1"), Vec::<usize>::new());
    }

    #[test]
    fn eval_errors_and_inputs() {
        let e = Expr::compile("r * 2 + width", &[("r", Ty::Float32), ("width", Ty::PyInt)], &[]).unwrap();
        let mut out = vec![99.0];
        assert!(e.eval(&[Input::F32(&[1.0, 2.0])], 2, &mut out).is_err(), "missing input");
        assert!(e.eval(&[Input::F32(&[1.0]), Input::Int(1)], 2, &mut out).is_err(), "wrong length");
        assert!(e.eval(&[Input::I32(&[1, 2]), Input::Int(1)], 2, &mut out).is_err(), "wrong type");
        e.eval(&[Input::Float(1.5), Input::Int(1)], 3, &mut out).unwrap();
        assert_eq!(out, vec![4.0, 4.0, 4.0], "scalar input broadcast to an array variable");
        e.eval(&[Input::F32(&[]), Input::Int(1)], 0, &mut out).unwrap();
        assert!(out.is_empty());
        // A scalar result is broadcast.
        let e = Expr::compile("width // 2", &[("r", Ty::Float32), ("width", Ty::PyInt)], &[]).unwrap();
        e.eval(&[Input::F32(&[1.0, 2.0]), Input::Int(9)], 2, &mut out).unwrap();
        assert_eq!(out, vec![4.0, 4.0]);
        assert_eq!(e.result_type(), Ty::PyInt);
        assert!(!e.is_per_lane());
    }

    /// Repeated evaluations (scratch vectors reused from the pool) give identical results, also
    /// from several threads.
    #[test]
    fn repeated_and_parallel_evaluation() {
        let e = pm_compile("(r * 1.1 + g / 3) // 2 + sin(x) * (y > 1) + min(b, a)").unwrap();
        let first = pm_eval(&e, false, true).unwrap();
        for _ in 0..5 {
            assert_eq!(pm_eval(&e, false, true).unwrap(), first);
            assert_eq!(pm_eval(&e, false, false).unwrap(), first);
        }
        std::thread::scope(|s| {
            let hs: Vec<_> = (0..3).map(|_| s.spawn(|| pm_eval(&e, false, true).unwrap())).collect();
            for h in hs {
                assert_eq!(h.join().unwrap(), first);
            }
        });
    }

    #[test]
    fn integer_ops_substring_test() {
        assert!(has_integer_ops("r ^ 1"));
        assert!(has_integer_ops("r & g"));
        assert!(has_integer_ops("r | g"));
        assert!(has_integer_ops("r << 1"));
        assert!(has_integer_ops("r >> 1"));
        assert!(!has_integer_ops("r < 1 > 2"));
        assert!(!has_integer_ops("r * 2"));
    }

    /// Expressions just inside the nesting limit compile and evaluate within a 2 MB stack
    /// (the default for spawned threads, e.g. rayon workers) even in debug builds.
    #[test]
    fn deep_but_valid_expressions() {
        let h = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let vars = [("r", Ty::Float32), ("width", Ty::PyInt)];
                let r = [1.0f32, 2.0];
                let srcs = [
                    format!("{}r + 1{}", "(".repeat(190), ")".repeat(190)),
                    format!("{}r", "-".repeat(190)),
                    format!("r{}", " + 1".repeat(190)),
                    format!("width{}", " * 1".repeat(190)),
                    format!("{}r", "not ".repeat(190)),
                    format!("{}r{}", "abs(".repeat(180), ")".repeat(180)),
                ];
                for src in &srcs {
                    let e = Expr::compile(src, &vars, &ALL_FUNCS).unwrap();
                    let mut out = Vec::new();
                    e.eval(&[Input::F32(&r), Input::Int(3)], 2, &mut out).unwrap();
                }
            })
            .unwrap();
        h.join().unwrap();
    }

    const PM_W: usize = 6;
    const PM_H: usize = 4;
    const PM_R: [u8; 24] =
        [0, 1, 2, 127, 128, 129, 254, 255, 100, 50, 200, 3, 64, 65, 191, 192, 33, 34, 77, 250, 10, 99, 160, 240];
    const PM_G: [u8; 24] =
        [3, 94, 185, 20, 111, 202, 37, 128, 219, 54, 145, 236, 71, 162, 253, 88, 179, 14, 105, 196, 31, 122, 213, 48];
    const PM_B: [u8; 24] = [
        200, 213, 226, 239, 252, 9, 22, 35, 48, 61, 74, 87, 100, 113, 126, 139, 152, 165, 178, 191, 204, 217, 230, 243,
    ];
    const PM_A: [u8; 24] =
        [0, 59, 118, 177, 236, 39, 98, 157, 216, 19, 78, 137, 196, 255, 58, 117, 176, 235, 38, 97, 156, 215, 18, 77];
    /// (expression, numpy result dtype or "ERR", result cast to float32 (bits), one per pixel)
    const PM_CASES: &[(&str, &str, &[u32])] = &[
        (
            "r*2",
            "Float32",
            &[
                0x00000000, 0x40000000, 0x40800000, 0x437e0000, 0x43800000, 0x43810000, 0x43fe0000, 0x43ff0000,
                0x43480000, 0x42c80000, 0x43c80000, 0x40c00000, 0x43000000, 0x43020000, 0x43bf0000, 0x43c00000,
                0x42840000, 0x42880000, 0x431a0000, 0x43fa0000, 0x41a00000, 0x43460000, 0x43a00000, 0x43f00000,
            ],
        ),
        (
            "r ^ 128",
            "Int32",
            &[
                0x43000000, 0x43010000, 0x43020000, 0x437f0000, 0x00000000, 0x3f800000, 0x42fc0000, 0x42fe0000,
                0x43640000, 0x43320000, 0x42900000, 0x43030000, 0x43400000, 0x43410000, 0x427c0000, 0x42800000,
                0x43210000, 0x43220000, 0x434d0000, 0x42f40000, 0x430a0000, 0x43630000, 0x42000000, 0x42e00000,
            ],
        ),
        (
            "r/3",
            "Float32",
            &[
                0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x42295555, 0x422aaaab, 0x422c0000, 0x42a95555, 0x42aa0000,
                0x42055555, 0x41855555, 0x42855555, 0x3f800000, 0x41aaaaab, 0x41ad5555, 0x427eaaab, 0x42800000,
                0x41300000, 0x41355555, 0x41cd5555, 0x42a6aaab, 0x40555555, 0x42040000, 0x42555555, 0x42a00000,
            ],
        ),
        (
            "(r>60)*255",
            "Int64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x437f0000, 0x437f0000, 0x437f0000, 0x437f0000, 0x437f0000,
                0x437f0000, 0x00000000, 0x437f0000, 0x00000000, 0x437f0000, 0x437f0000, 0x437f0000, 0x437f0000,
                0x00000000, 0x00000000, 0x437f0000, 0x437f0000, 0x00000000, 0x437f0000, 0x437f0000, 0x437f0000,
            ],
        ),
        (
            "r*2+g",
            "Float32",
            &[
                0x40400000, 0x42c00000, 0x433d0000, 0x43890000, 0x43b78000, 0x43e60000, 0x44084000, 0x441f8000,
                0x43d18000, 0x431a0000, 0x44084000, 0x43720000, 0x43470000, 0x43920000, 0x441ec000, 0x43ec0000,
                0x43750000, 0x42a40000, 0x43818000, 0x442e0000, 0x424c0000, 0x43a00000, 0x44054000, 0x44040000,
            ],
        ),
        (
            "x*10+y",
            "Int64",
            &[
                0x00000000, 0x41200000, 0x41a00000, 0x41f00000, 0x42200000, 0x42480000, 0x3f800000, 0x41300000,
                0x41a80000, 0x41f80000, 0x42240000, 0x424c0000, 0x40000000, 0x41400000, 0x41b00000, 0x42000000,
                0x42280000, 0x42500000, 0x40400000, 0x41500000, 0x41b80000, 0x42040000, 0x422c0000, 0x42540000,
            ],
        ),
        (
            "r * 1.1 + 20",
            "Float32",
            &[
                0x41a00000, 0x41a8cccd, 0x41b1999a, 0x431fb333, 0x4320cccd, 0x4321e667, 0x4395b333, 0x43964000,
                0x43020000, 0x42960000, 0x43700000, 0x41ba6666, 0x42b4cccd, 0x42b70000, 0x4366199a, 0x43673334,
                0x42613333, 0x4265999a, 0x42d16667, 0x43938000, 0x41f80000, 0x4300e666, 0x43440000, 0x438e0000,
            ],
        ),
        (
            "r * 0.95",
            "Float32",
            &[
                0x00000000, 0x3f733333, 0x3ff33333, 0x42f14ccd, 0x42f33333, 0x42f51999, 0x43714ccd, 0x43724000,
                0x42be0000, 0x423e0000, 0x433e0000, 0x40366666, 0x42733333, 0x42770000, 0x43357333, 0x43366666,
                0x41facccd, 0x42013333, 0x42924ccd, 0x436d8000, 0x41180000, 0x42bc1999, 0x43180000, 0x43640000,
            ],
        ),
        (
            "(r*2+g) & 511",
            "Int32",
            &[
                0x40400000, 0x42c00000, 0x433d0000, 0x43890000, 0x43b78000, 0x43e60000, 0x42040000, 0x42fc0000,
                0x43d18000, 0x431a0000, 0x42040000, 0x43720000, 0x43470000, 0x43920000, 0x42f60000, 0x43ec0000,
                0x43750000, 0x42a40000, 0x43818000, 0x43380000, 0x424c0000, 0x43a00000, 0x41a80000, 0x41800000,
            ],
        ),
        (
            "r * 100000000 | 0",
            "Int32",
            &[
                0x00000000, 0x4cbebc20, 0x4d3ebc20, 0xcd305610, 0xcca1f000, 0x4b666100, 0xcdb05610, 0xcd80a708,
                0x4ea817c8, 0x4e2817c8, 0xceafd070, 0x4d8f0d18, 0x4efaf080, 0xcef923be, 0x4ee4e5be, 0x4ef0d180,
                0xce6d37fc, 0xce556078, 0xce542d4c, 0xce378918, 0x4e6e6b28, 0x4e9c2c06, 0xce8ca6c0, 0xced2fa20,
            ],
        ),
        (
            "r << 30 | 0",
            "Int32",
            &[
                0x00000000, 0x4e800000, 0xcf000000, 0xce800000, 0x00000000, 0x4e800000, 0xcf000000, 0xce800000,
                0x00000000, 0xcf000000, 0x00000000, 0xce800000, 0x00000000, 0x4e800000, 0xce800000, 0x00000000,
                0x4e800000, 0xcf000000, 0x4e800000, 0xcf000000, 0xcf000000, 0xce800000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "r >> 3",
            "Int32",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x41700000, 0x41800000, 0x41800000, 0x41f80000, 0x41f80000,
                0x41400000, 0x40c00000, 0x41c80000, 0x00000000, 0x41000000, 0x41000000, 0x41b80000, 0x41c00000,
                0x40800000, 0x40800000, 0x41100000, 0x41f80000, 0x3f800000, 0x41400000, 0x41a00000, 0x41f00000,
            ],
        ),
        (
            "-r ^ 5",
            "Int32",
            &[
                0x40a00000, 0xc0c00000, 0xc0a00000, 0xc2f80000, 0xc2f60000, 0xc3060000, 0xc3790000, 0xc37c0000,
                0xc2ce0000, 0xc2540000, 0xc3430000, 0xc1000000, 0xc26c0000, 0xc28c0000, 0xc33c0000, 0xc33b0000,
                0xc2180000, 0xc2140000, 0xc2940000, 0xc37d0000, 0xc1500000, 0xc2d00000, 0xc31b0000, 0xc36b0000,
            ],
        ),
        (
            "(r - 128) // 7 | 0",
            "Int32",
            &[
                0xc1980000, 0xc1980000, 0xc1900000, 0xbf800000, 0x00000000, 0x00000000, 0x41900000, 0x41900000,
                0xc0800000, 0xc1400000, 0x41200000, 0xc1900000, 0xc1200000, 0xc1100000, 0x41100000, 0x41100000,
                0xc1600000, 0xc1600000, 0xc1000000, 0x41880000, 0xc1880000, 0xc0a00000, 0x40800000, 0x41800000,
            ],
        ),
        (
            "(r - 128) % 7 | 0",
            "Int32",
            &[
                0x40a00000, 0x40c00000, 0x00000000, 0x40c00000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000,
                0x00000000, 0x40c00000, 0x40000000, 0x3f800000, 0x40c00000, 0x00000000, 0x00000000, 0x3f800000,
                0x40400000, 0x40800000, 0x40a00000, 0x40400000, 0x3f800000, 0x40c00000, 0x40800000, 0x00000000,
            ],
        ),
        (
            "(r - 128) % -7 | 0",
            "Int32",
            &[
                0xc0000000, 0xbf800000, 0x00000000, 0xbf800000, 0x00000000, 0xc0c00000, 0x00000000, 0xc0c00000,
                0x00000000, 0xbf800000, 0xc0a00000, 0xc0c00000, 0xbf800000, 0x00000000, 0x00000000, 0xc0c00000,
                0xc0800000, 0xc0400000, 0xc0000000, 0xc0800000, 0xc0c00000, 0xbf800000, 0xc0400000, 0x00000000,
            ],
        ),
        (
            "(r // 0) | 0",
            "Int32",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "(r % 0) | 0",
            "Int32",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "r ** 2 | 0",
            "Int32",
            &[
                0x00000000, 0x3f800000, 0x40800000, 0x467c0400, 0x46800000, 0x46820200, 0x477c0400, 0x477e0100,
                0x461c4000, 0x451c4000, 0x471c4000, 0x41100000, 0x45800000, 0x45840800, 0x470e8100, 0x47100000,
                0x44882000, 0x44908000, 0x45b94800, 0x47742400, 0x42c80000, 0x46192400, 0x46c80000, 0x47610000,
            ],
        ),
        (
            "r ** 3 | 0",
            "Int32",
            &[
                0x00000000, 0x3f800000, 0x41000000, 0x49fa0bf8, 0x4a000000, 0x4a030604, 0x4b7a0bf8, 0x4b7d02ff,
                0x49742400, 0x47f42400, 0x4af42400, 0x41d80000, 0x48800000, 0x48861820, 0x4ad4a47e, 0x4ad80000,
                0x470c6100, 0x47198800, 0x48deeaa0, 0x4b6e6b28, 0x447a0000, 0x496ce3b0, 0x4a7a0000, 0x4b52f000,
            ],
        ),
        ("r ** -1 | 0", "ERR", &[]), // ValueError: Integers to negative integer powers are not allowed.
        ("r + 3000000000 | 0", "ERR", &[]), // KeyError: '__import__'
        (
            "(r < 3000000000) | 0",
            "Int64",
            &[
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            ],
        ),
        (
            "r / 3000000000 + (0 | 0)",
            "Float64",
            &[
                0x00000000, 0x2fb7407f, 0x3037407f, 0x3335d1fe, 0x3337407f, 0x3338af00, 0x33b5d1fe, 0x33b6893f,
                0x330f2a63, 0x328f2a63, 0x338f2a63, 0x3089705f, 0x32b7407f, 0x32ba1d81, 0x3388b91f, 0x3389705f,
                0x323cfa83, 0x3242b487, 0x32dc7999, 0x33b2f4fc, 0x3165109f, 0x330dbbe2, 0x3365109f, 0x33abcc77,
            ],
        ),
        (
            "(r - 128) // 7",
            "Float32",
            &[
                0xc1980000, 0xc1980000, 0xc1900000, 0xbf800000, 0x00000000, 0x00000000, 0x41900000, 0x41900000,
                0xc0800000, 0xc1400000, 0x41200000, 0xc1900000, 0xc1200000, 0xc1100000, 0x41100000, 0x41100000,
                0xc1600000, 0xc1600000, 0xc1000000, 0x41880000, 0xc1880000, 0xc0a00000, 0x40800000, 0x41800000,
            ],
        ),
        (
            "(r - 128) % 7",
            "Float32",
            &[
                0x40a00000, 0x40c00000, 0x00000000, 0x40c00000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000,
                0x00000000, 0x40c00000, 0x40000000, 0x3f800000, 0x40c00000, 0x00000000, 0x00000000, 0x3f800000,
                0x40400000, 0x40800000, 0x40a00000, 0x40400000, 0x3f800000, 0x40c00000, 0x40800000, 0x00000000,
            ],
        ),
        (
            "(r - 128.5) // 7",
            "Float32",
            &[
                0xc1980000, 0xc1980000, 0xc1980000, 0xbf800000, 0xbf800000, 0x00000000, 0x41880000, 0x41900000,
                0xc0a00000, 0xc1400000, 0x41200000, 0xc1900000, 0xc1200000, 0xc1200000, 0x41000000, 0x41100000,
                0xc1600000, 0xc1600000, 0xc1000000, 0x41880000, 0xc1880000, 0xc0a00000, 0x40800000, 0x41700000,
            ],
        ),
        (
            "(r - 128) % -7.5",
            "Float32",
            &[
                0xbf000000, 0xc0e00000, 0xc0c00000, 0xbf800000, 0x80000000, 0xc0d00000, 0xbfc00000, 0xbf000000,
                0xc0b00000, 0xc0400000, 0xc0400000, 0xc0a00000, 0xc0800000, 0xc0400000, 0xc0900000, 0xc0600000,
                0xc0a00000, 0xc0800000, 0xc0c00000, 0xc0b00000, 0xc0b00000, 0xc0d00000, 0xc0b00000, 0xbf000000,
            ],
        ),
        (
            "r / 0",
            "Float32",
            &[
                0xffc00000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
                0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
                0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            ],
        ),
        (
            "-r / 0 + 5",
            "Float32",
            &[
                0xffc00000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
                0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
                0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
            ],
        ),
        (
            "(r - r) / 0",
            "Float32",
            &[
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            ],
        ),
        (
            "r // 0",
            "Float32",
            &[
                0xffc00000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
                0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
                0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            ],
        ),
        (
            "r % 0",
            "Float32",
            &[
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            ],
        ),
        (
            "r ** 2",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x40800000, 0x467c0400, 0x46800000, 0x46820200, 0x477c0400, 0x477e0100,
                0x461c4000, 0x451c4000, 0x471c4000, 0x41100000, 0x45800000, 0x45840800, 0x470e8100, 0x47100000,
                0x44882000, 0x44908000, 0x45b94800, 0x47742400, 0x42c80000, 0x46192400, 0x46c80000, 0x47610000,
            ],
        ),
        (
            "r ** -1 * 1000",
            "Float32",
            &[
                0x7f800000, 0x447a0000, 0x43fa0000, 0x40fbf7f0, 0x40fa0000, 0x40f80fe0, 0x407bf7f0, 0x407afafc,
                0x41200000, 0x41a00000, 0x40a00000, 0x43a6aaab, 0x417a0000, 0x41762762, 0x40a78a0e, 0x40a6aaab,
                0x41f26c9c, 0x41eb4b4b, 0x414fcace, 0x40800000, 0x42c80000, 0x41219dbd, 0x40c80000, 0x40855556,
            ],
        ),
        (
            "r ** 0.5 * 10",
            "Float32",
            &[
                0x00000000, 0x41200000, 0x41624630, 0x42e16378, 0x42e24630, 0x42e32806, 0x431f5faf, 0x431fafec,
                0x42c80000, 0x428d6bde, 0x430d6bde, 0x418a9066, 0x42a00000, 0x42a13ec2, 0x430a33e8, 0x430a9066,
                0x4265c852, 0x42693cf2, 0x42af7fd1, 0x431e1d27, 0x41fcfb72, 0x42c6ff5b, 0x42fcfb72, 0x431aeb5a,
            ],
        ),
        (
            "(r / 255) ** 0.5 * 255",
            "Float32",
            &[
                0x00000000, 0x417f7fe0, 0x41b4aa5a, 0x4333f555, 0x4334aa5a, 0x43355eab, 0x437e7fe0, 0x437f0000,
                0x431fafec, 0x42e1d4f0, 0x4361d4f0, 0x41dd44e2, 0x42ff7fe0, 0x4300be72, 0x435cb12d, 0x435d44e2,
                0x42b77774, 0x42ba39c6, 0x430c1ffc, 0x437c7cd5, 0x4249fd78, 0x431ee302, 0x4349fd78, 0x437762e7,
            ],
        ),
        (
            "r ** 3 / 1000",
            "Float32",
            &[
                0x00000000, 0x3a83126f, 0x3c03126f, 0x45000621, 0x4503126f, 0x45062b06, 0x46800621, 0x46818ac0,
                0x447a0000, 0x42fa0000, 0x45fa0000, 0x3cdd2f1b, 0x4383126f, 0x43895000, 0x45d9bef8, 0x45dd2f1b,
                0x420fbf7d, 0x421d374c, 0x43e44439, 0x46742400, 0x3f800000, 0x44729323, 0x45800000, 0x46580000,
            ],
        ),
        (
            "x ** 2",
            "Int64",
            &[
                0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000,
                0x40800000, 0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000, 0x41100000,
                0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000,
            ],
        ),
        ("x ** -1", "ERR", &[]), // ValueError: Integers to negative integer powers are not allowed.
        (
            "x ** 3 - y ** 2",
            "Int64",
            &[
                0x00000000, 0x3f800000, 0x41000000, 0x41d80000, 0x42800000, 0x42fa0000, 0xbf800000, 0x00000000,
                0x40e00000, 0x41d00000, 0x427c0000, 0x42f80000, 0xc0800000, 0xc0400000, 0x40800000, 0x41b80000,
                0x42700000, 0x42f20000, 0xc1100000, 0xc1000000, 0xbf800000, 0x41900000, 0x425c0000, 0x42e80000,
            ],
        ),
        (
            "sqrt(width) * r",
            "Float64",
            &[
                0x00000000, 0x401cc471, 0x409cc471, 0x439b8ae8, 0x439cc471, 0x439dfdfa, 0x441b8ae8, 0x441c27ac,
                0x4374f2f0, 0x42f4f2f0, 0x43f4f2f0, 0x40eb26a9, 0x431cc471, 0x431f3782, 0x43e9ed20, 0x43eb26a9,
                0x42a1aa94, 0x42a690b8, 0x433c9c58, 0x441917d6, 0x41c3f58d, 0x43727fde, 0x43c3f58d, 0x4412f82a,
            ],
        ),
        (
            "abs(width - 300) * r / 255",
            "Float64",
            &[
                0x00000000, 0x3f939394, 0x40139394, 0x43126c6c, 0x43139394, 0x4314babb, 0x43926c6c, 0x43930000,
                0x42e69697, 0x42669697, 0x43669697, 0x405d5d5d, 0x42939394, 0x4295e1e2, 0x435c3636, 0x435d5d5d,
                0x42183030, 0x421ccccd, 0x42b18d8e, 0x43901e1e, 0x41387878, 0x42e44848, 0x43387878, 0x438a5a5a,
            ],
        ),
        (
            "abs(r - 128) * 2",
            "Float32",
            &[
                0x43800000, 0x437e0000, 0x437c0000, 0x40000000, 0x00000000, 0x40000000, 0x437c0000, 0x437e0000,
                0x42600000, 0x431c0000, 0x43100000, 0x437a0000, 0x43000000, 0x42fc0000, 0x42fc0000, 0x43000000,
                0x433e0000, 0x433c0000, 0x42cc0000, 0x43740000, 0x436c0000, 0x42680000, 0x42800000, 0x43600000,
            ],
        ),
        (
            "abs(x - 3) * 40",
            "Int64",
            &[
                0x42f00000, 0x42a00000, 0x42200000, 0x00000000, 0x42200000, 0x42a00000, 0x42f00000, 0x42a00000,
                0x42200000, 0x00000000, 0x42200000, 0x42a00000, 0x42f00000, 0x42a00000, 0x42200000, 0x00000000,
                0x42200000, 0x42a00000, 0x42f00000, 0x42a00000, 0x42200000, 0x00000000, 0x42200000, 0x42a00000,
            ],
        ),
        (
            "min(r, g)",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x40000000, 0x41a00000, 0x42de0000, 0x43010000, 0x42140000, 0x43000000,
                0x42c80000, 0x42480000, 0x43110000, 0x40400000, 0x42800000, 0x42820000, 0x433f0000, 0x42b00000,
                0x42040000, 0x41600000, 0x429a0000, 0x43440000, 0x41200000, 0x42c60000, 0x43200000, 0x42400000,
            ],
        ),
        (
            "max(r, 128.5)",
            "Float32",
            &[
                0x43008000, 0x43008000, 0x43008000, 0x43008000, 0x43008000, 0x43010000, 0x437e0000, 0x437f0000,
                0x43008000, 0x43008000, 0x43480000, 0x43008000, 0x43008000, 0x43008000, 0x433f0000, 0x43400000,
                0x43008000, 0x43008000, 0x43008000, 0x437a0000, 0x43008000, 0x43008000, 0x43200000, 0x43700000,
            ],
        ),
        (
            "max(x, y) * 20",
            "Int64",
            &[
                0x00000000, 0x41a00000, 0x42200000, 0x42700000, 0x42a00000, 0x42c80000, 0x41a00000, 0x41a00000,
                0x42200000, 0x42700000, 0x42a00000, 0x42c80000, 0x42200000, 0x42200000, 0x42200000, 0x42700000,
                0x42a00000, 0x42c80000, 0x42700000, 0x42700000, 0x42700000, 0x42700000, 0x42a00000, 0x42c80000,
            ],
        ),
        (
            "min(width, 3) * r",
            "Float64",
            &[
                0x00000000, 0x40400000, 0x40c00000, 0x43be8000, 0x43c00000, 0x43c18000, 0x443e8000, 0x443f4000,
                0x43960000, 0x43160000, 0x44160000, 0x41100000, 0x43400000, 0x43430000, 0x440f4000, 0x44100000,
                0x42c60000, 0x42cc0000, 0x43670000, 0x443b8000, 0x41f00000, 0x43948000, 0x43f00000, 0x44340000,
            ],
        ),
        (
            "pow(r, 2)",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x40800000, 0x467c0400, 0x46800000, 0x46820200, 0x477c0400, 0x477e0100,
                0x461c4000, 0x451c4000, 0x471c4000, 0x41100000, 0x45800000, 0x45840800, 0x470e8100, 0x47100000,
                0x44882000, 0x44908000, 0x45b94800, 0x47742400, 0x42c80000, 0x46192400, 0x46c80000, 0x47610000,
            ],
        ),
        (
            "pow(x, 2)",
            "Int64",
            &[
                0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000,
                0x40800000, 0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000, 0x41100000,
                0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000,
            ],
        ),
        (
            "pow(r, 0.5) * 10",
            "Float32",
            &[
                0x00000000, 0x41200000, 0x41624630, 0x42e16378, 0x42e24630, 0x42e32806, 0x431f5faf, 0x431fafec,
                0x42c80000, 0x428d6bde, 0x430d6bde, 0x418a9066, 0x42a00000, 0x42a13ec2, 0x430a33e8, 0x430a9066,
                0x4265c852, 0x42693cf2, 0x42af7fd1, 0x431e1d27, 0x41fcfb72, 0x42c6ff5b, 0x42fcfb72, 0x431aeb5a,
            ],
        ),
        (
            "floor(r / 3)",
            "Float32",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x42280000, 0x42280000, 0x422c0000, 0x42a80000, 0x42aa0000,
                0x42040000, 0x41800000, 0x42840000, 0x3f800000, 0x41a80000, 0x41a80000, 0x427c0000, 0x42800000,
                0x41300000, 0x41300000, 0x41c80000, 0x42a60000, 0x40400000, 0x42040000, 0x42540000, 0x42a00000,
            ],
        ),
        (
            "ceil(r / 3)",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x3f800000, 0x422c0000, 0x422c0000, 0x422c0000, 0x42aa0000, 0x42aa0000,
                0x42080000, 0x41880000, 0x42860000, 0x3f800000, 0x41b00000, 0x41b00000, 0x42800000, 0x42800000,
                0x41300000, 0x41400000, 0x41d00000, 0x42a80000, 0x40800000, 0x42040000, 0x42580000, 0x42a00000,
            ],
        ),
        (
            "round(r / 2)",
            "Float32",
            &[
                0x00000000, 0x00000000, 0x3f800000, 0x42800000, 0x42800000, 0x42800000, 0x42fe0000, 0x43000000,
                0x42480000, 0x41c80000, 0x42c80000, 0x40000000, 0x42000000, 0x42000000, 0x42c00000, 0x42c00000,
                0x41800000, 0x41880000, 0x42180000, 0x42fa0000, 0x40a00000, 0x42480000, 0x42a00000, 0x42f00000,
            ],
        ),
        (
            "round(r / 2.0) * 2",
            "Float32",
            &[
                0x00000000, 0x00000000, 0x40000000, 0x43000000, 0x43000000, 0x43000000, 0x437e0000, 0x43800000,
                0x42c80000, 0x42480000, 0x43480000, 0x40800000, 0x42800000, 0x42800000, 0x43400000, 0x43400000,
                0x42000000, 0x42080000, 0x42980000, 0x437a0000, 0x41200000, 0x42c80000, 0x43200000, 0x43700000,
            ],
        ),
        (
            "round(x / 2)",
            "Float64",
            &[
                0x00000000, 0x00000000, 0x3f800000, 0x40000000, 0x40000000, 0x40000000, 0x00000000, 0x00000000,
                0x3f800000, 0x40000000, 0x40000000, 0x40000000, 0x00000000, 0x00000000, 0x3f800000, 0x40000000,
                0x40000000, 0x40000000, 0x00000000, 0x00000000, 0x3f800000, 0x40000000, 0x40000000, 0x40000000,
            ],
        ),
        (
            "int(r / 3) * 3",
            "Int64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x42fc0000, 0x42fc0000, 0x43010000, 0x437c0000, 0x437f0000,
                0x42c60000, 0x42400000, 0x43460000, 0x40400000, 0x427c0000, 0x427c0000, 0x433d0000, 0x43400000,
                0x42040000, 0x42040000, 0x42960000, 0x43790000, 0x41100000, 0x42c60000, 0x431f0000, 0x43700000,
            ],
        ),
        (
            "float(x) / 3",
            "Float64",
            &[
                0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x3f800000, 0x3faaaaab, 0x3fd55555, 0x00000000, 0x3eaaaaab,
                0x3f2aaaab, 0x3f800000, 0x3faaaaab, 0x3fd55555, 0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x3f800000,
                0x3faaaaab, 0x3fd55555, 0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x3f800000, 0x3faaaaab, 0x3fd55555,
            ],
        ),
        (
            "r * (width / height)",
            "Float32",
            &[
                0x00000000, 0x3fc00000, 0x40400000, 0x433e8000, 0x43400000, 0x43418000, 0x43be8000, 0x43bf4000,
                0x43160000, 0x42960000, 0x43960000, 0x40900000, 0x42c00000, 0x42c30000, 0x438f4000, 0x43900000,
                0x42460000, 0x424c0000, 0x42e70000, 0x43bb8000, 0x41700000, 0x43148000, 0x43700000, 0x43b40000,
            ],
        ),
        (
            "r * (width // 4)",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x40000000, 0x42fe0000, 0x43000000, 0x43010000, 0x437e0000, 0x437f0000,
                0x42c80000, 0x42480000, 0x43480000, 0x40400000, 0x42800000, 0x42820000, 0x433f0000, 0x43400000,
                0x42040000, 0x42080000, 0x429a0000, 0x437a0000, 0x41200000, 0x42c60000, 0x43200000, 0x43700000,
            ],
        ),
        (
            "2 ** -1 * r",
            "Float32",
            &[
                0x00000000, 0x3f000000, 0x3f800000, 0x427e0000, 0x42800000, 0x42810000, 0x42fe0000, 0x42ff0000,
                0x42480000, 0x41c80000, 0x42c80000, 0x3fc00000, 0x42000000, 0x42020000, 0x42bf0000, 0x42c00000,
                0x41840000, 0x41880000, 0x421a0000, 0x42fa0000, 0x40a00000, 0x42460000, 0x42a00000, 0x42f00000,
            ],
        ),
        (
            "-7 // 2 + r",
            "Float32",
            &[
                0xc0800000, 0xc0400000, 0xc0000000, 0x42f60000, 0x42f80000, 0x42fa0000, 0x437a0000, 0x437b0000,
                0x42c00000, 0x42380000, 0x43440000, 0xbf800000, 0x42700000, 0x42740000, 0x433b0000, 0x433c0000,
                0x41e80000, 0x41f00000, 0x42920000, 0x43760000, 0x40c00000, 0x42be0000, 0x431c0000, 0x436c0000,
            ],
        ),
        (
            "-7 % 3 + r",
            "Float32",
            &[
                0x40000000, 0x40400000, 0x40800000, 0x43010000, 0x43020000, 0x43030000, 0x43800000, 0x43808000,
                0x42cc0000, 0x42500000, 0x434a0000, 0x40a00000, 0x42840000, 0x42860000, 0x43410000, 0x43420000,
                0x420c0000, 0x42100000, 0x429e0000, 0x437c0000, 0x41400000, 0x42ca0000, 0x43220000, 0x43720000,
            ],
        ),
        (
            "r + 3000000000",
            "Float32",
            &[
                0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05f, 0x4f32d05f,
                0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05f,
                0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05f,
            ],
        ),
        (
            "r > 2.5",
            "Bool",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            ],
        ),
        (
            "r == 128",
            "Bool",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "(r > 100) + (g > 100)",
            "Bool",
            &[
                0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000,
            ],
        ),
        (
            "(r > 100) * (g > 100)",
            "Bool",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000,
                0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000,
            ],
        ),
        (
            "(r > 100) / (g > 100)",
            "Float64",
            &[
                0xffc00000, 0xffc00000, 0x00000000, 0x7f800000, 0x3f800000, 0x3f800000, 0x7f800000, 0x3f800000,
                0x00000000, 0xffc00000, 0x3f800000, 0x00000000, 0xffc00000, 0x00000000, 0x3f800000, 0x7f800000,
                0x00000000, 0xffc00000, 0x00000000, 0x3f800000, 0xffc00000, 0x00000000, 0x3f800000, 0x7f800000,
            ],
        ),
        (
            "((r > 100) // (g > 100)) * 100",
            "Int8",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x42c80000,
                0x00000000, 0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x42c80000, 0x00000000,
            ],
        ),
        (
            "((r > 100) % (g > 100)) * 100",
            "Int8",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "((r > 5) << (g > 5)) * 100",
            "Int8",
            &[
                0x00000000, 0x00000000, 0x00000000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000,
                0xc2600000, 0xc2600000, 0xc2600000, 0x00000000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000,
                0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000,
            ],
        ),
        ("((r > 5) << (g > 5)) * 1000 | 0", "ERR", &[]), // KeyError: '__import__'
        (
            "(r > 100) ** 2 * 100",
            "Int8",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
                0x00000000, 0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000,
                0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000,
            ],
        ),
        (
            "(r > 100) ** 3 * 100",
            "Int64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
                0x00000000, 0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000,
                0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000,
            ],
        ),
        (
            "((r > 100) ** (g > 100)) * 100",
            "Int8",
            &[
                0x42c80000, 0x42c80000, 0x00000000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
                0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x42c80000, 0x00000000, 0x42c80000, 0x42c80000,
                0x00000000, 0x42c80000, 0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x42c80000, 0x42c80000,
            ],
        ),
        (
            "sin(r > 100) * 1000",
            "Float16",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x44526000, 0x44526000, 0x44526000, 0x44526000, 0x44526000,
                0x00000000, 0x00000000, 0x44526000, 0x00000000, 0x00000000, 0x00000000, 0x44526000, 0x44526000,
                0x00000000, 0x00000000, 0x00000000, 0x44526000, 0x00000000, 0x00000000, 0x44526000, 0x44526000,
            ],
        ),
        (
            "sqrt(r > 100) * 1000",
            "Float16",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x447a0000, 0x447a0000, 0x447a0000, 0x447a0000, 0x447a0000,
                0x00000000, 0x00000000, 0x447a0000, 0x00000000, 0x00000000, 0x00000000, 0x447a0000, 0x447a0000,
                0x00000000, 0x00000000, 0x00000000, 0x447a0000, 0x00000000, 0x00000000, 0x447a0000, 0x447a0000,
            ],
        ),
        (
            "round(r > 100) * 1000.7",
            "Float16",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x447a2000, 0x447a2000, 0x447a2000, 0x447a2000, 0x447a2000,
                0x00000000, 0x00000000, 0x447a2000, 0x00000000, 0x00000000, 0x00000000, 0x447a2000, 0x447a2000,
                0x00000000, 0x00000000, 0x00000000, 0x447a2000, 0x00000000, 0x00000000, 0x447a2000, 0x447a2000,
            ],
        ),
        ("(r > 100) - (g > 100)", "ERR", &[]), // TypeError: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.
        ("-(r > 100)", "ERR", &[]), // TypeError: The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.
        ("+(r > 100)", "ERR", &[]), // UFuncTypeError: ufunc 'positive' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None
        (
            "(r > 100) & (g > 100)",
            "Bool",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000,
                0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000,
            ],
        ),
        (
            "(r > 100) ^ 1",
            "Int64",
            &[
                0x3f800000, 0x3f800000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x00000000, 0x00000000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "(r > 100) * 1.5",
            "Float64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000,
                0x00000000, 0x00000000, 0x3fc00000, 0x00000000, 0x00000000, 0x00000000, 0x3fc00000, 0x3fc00000,
                0x00000000, 0x00000000, 0x00000000, 0x3fc00000, 0x00000000, 0x00000000, 0x3fc00000, 0x3fc00000,
            ],
        ),
        ("r & 1.5", "ERR", &[]), // TypeError: ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''
        (
            "r * True + False",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x40000000, 0x42fe0000, 0x43000000, 0x43010000, 0x437e0000, 0x437f0000,
                0x42c80000, 0x42480000, 0x43480000, 0x40400000, 0x42800000, 0x42820000, 0x433f0000, 0x43400000,
                0x42040000, 0x42080000, 0x429a0000, 0x437a0000, 0x41200000, 0x42c60000, 0x43200000, 0x43700000,
            ],
        ),
        (
            "sin(x / 3.0) * 100 + 128",
            "Float64",
            &[
                0x43000000, 0x4320b82f, 0x433dd644, 0x435425a8, 0x4361319c, 0x43638a72, 0x43000000, 0x4320b82f,
                0x433dd644, 0x435425a8, 0x4361319c, 0x43638a72, 0x43000000, 0x4320b82f, 0x433dd644, 0x435425a8,
                0x4361319c, 0x43638a72, 0x43000000, 0x4320b82f, 0x433dd644, 0x435425a8, 0x4361319c, 0x43638a72,
            ],
        ),
        (
            "cos(y) * 50 + 100",
            "Float64",
            &[
                0x43160000, 0x43160000, 0x43160000, 0x43160000, 0x43160000, 0x43160000, 0x42fe07bd, 0x42fe07bd,
                0x42fe07bd, 0x42fe07bd, 0x42fe07bd, 0x42fe07bd, 0x429e62a4, 0x429e62a4, 0x429e62a4, 0x429e62a4,
                0x429e62a4, 0x429e62a4, 0x424a0062, 0x424a0062, 0x424a0062, 0x424a0062, 0x424a0062, 0x424a0062,
            ],
        ),
        (
            "sqrt(x * 1000)",
            "Float64",
            &[
                0x00000000, 0x41fcfb72, 0x4232e2ac, 0x425b16ca, 0x427cfb72, 0x428d6bde, 0x00000000, 0x41fcfb72,
                0x4232e2ac, 0x425b16ca, 0x427cfb72, 0x428d6bde, 0x00000000, 0x41fcfb72, 0x4232e2ac, 0x425b16ca,
                0x427cfb72, 0x428d6bde, 0x00000000, 0x41fcfb72, 0x4232e2ac, 0x425b16ca, 0x427cfb72, 0x428d6bde,
            ],
        ),
        (
            "r % 7.5 - g // 9.5",
            "Float32",
            &[
                0x00000000, 0xc1000000, 0xc1880000, 0x40a00000, 0xc1280000, 0xc19c0000, 0x40600000, 0xc1500000,
                0xc1a40000, 0x00000000, 0xc1200000, 0xc1a80000, 0xc0400000, 0xc1400000, 0xc1b40000, 0xc0900000,
                0xc1700000, 0x40400000, 0xc1100000, 0xc18c0000, 0xbf000000, 0xc1280000, 0xc19c0000, 0xc0a00000,
            ],
        ),
        (
            "(r - 100) // -3.25",
            "Float32",
            &[
                0x41f00000, 0x41f00000, 0x41f00000, 0xc1100000, 0xc1100000, 0xc1100000, 0xc2400000, 0xc2400000,
                0x80000000, 0x41700000, 0xc1f80000, 0x41e80000, 0x41300000, 0x41200000, 0xc1e00000, 0xc1e80000,
                0x41a00000, 0x41a00000, 0x40e00000, 0xc23c0000, 0x41d80000, 0x00000000, 0xc1980000, 0xc2300000,
            ],
        ),
        (
            "1e3 - r * 3",
            "Float32",
            &[
                0x447a0000, 0x44794000, 0x44788000, 0x441ac000, 0x441a0000, 0x44194000, 0x436e0000, 0x436b0000,
                0x442f0000, 0x44548000, 0x43c80000, 0x4477c000, 0x444a0000, 0x44494000, 0x43d58000, 0x43d40000,
                0x44614000, 0x44608000, 0x44404000, 0x437a0000, 0x44728000, 0x442fc000, 0x44020000, 0x438c0000,
            ],
        ),
        (
            ".5 * r + 1_000 * 0.1",
            "Float32",
            &[
                0x42c80000, 0x42c90000, 0x42ca0000, 0x43238000, 0x43240000, 0x43248000, 0x43630000, 0x43638000,
                0x43160000, 0x42fa0000, 0x43480000, 0x42cb0000, 0x43040000, 0x43048000, 0x43438000, 0x43440000,
                0x42e90000, 0x42ea0000, 0x430a8000, 0x43610000, 0x42d20000, 0x43158000, 0x43340000, 0x435c0000,
            ],
        ),
        (
            "0x10 * x + 0b11",
            "Int64",
            &[
                0x40400000, 0x41980000, 0x420c0000, 0x424c0000, 0x42860000, 0x42a60000, 0x40400000, 0x41980000,
                0x420c0000, 0x424c0000, 0x42860000, 0x42a60000, 0x40400000, 0x41980000, 0x420c0000, 0x424c0000,
                0x42860000, 0x42a60000, 0x40400000, 0x41980000, 0x420c0000, 0x424c0000, 0x42860000, 0x42a60000,
            ],
        ),
        (
            "r * 1e-3 * 1e3",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x40000000, 0x42fe0001, 0x43000000, 0x43010001, 0x437e0001, 0x437f0002,
                0x42c80000, 0x42480000, 0x43480000, 0x40400000, 0x42800000, 0x42820001, 0x433f0001, 0x43400000,
                0x42040000, 0x42080000, 0x429a0001, 0x437a0000, 0x41200001, 0x42c60001, 0x43200001, 0x43700001,
            ],
        ),
        (
            "r * 1e40",
            "Float32",
            &[
                0xffc00000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
                0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
                0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            ],
        ),
        (
            "-r * 1e40",
            "Float32",
            &[
                0xffc00000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
                0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
                0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
            ],
        ),
        (
            "r * 1e40 - r * 1e40",
            "Float32",
            &[
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            ],
        ),
        (
            "(r - r) * 1e40 / 0",
            "Float32",
            &[
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
                0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            ],
        ),
        (
            "width * height + 0 * r",
            "Float32",
            &[
                0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000,
                0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000,
                0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000,
            ],
        ),
        (
            "width / height",
            "PyFloat",
            &[
                0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000,
                0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000,
                0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000,
            ],
        ),
        (
            "width // 4 * 100",
            "PyInt",
            &[
                0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
                0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
                0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
            ],
        ),
        (
            "width ** 2",
            "PyInt",
            &[
                0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000,
                0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000,
                0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000,
            ],
        ),
        (
            "True + True",
            "PyInt",
            &[
                0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000,
                0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000,
                0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000,
            ],
        ),
        (
            "2 ** 0.5 * 100",
            "PyFloat",
            &[
                0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde,
                0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde,
                0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde,
            ],
        ),
        (
            "abs(-3)",
            "Int64",
            &[
                0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000,
                0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000,
                0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000,
            ],
        ),
        (
            "x // 0",
            "Int64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "x % 0",
            "Int64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "(x - 3) // 2",
            "Int64",
            &[
                0xc0000000, 0xbf800000, 0xbf800000, 0x00000000, 0x00000000, 0x3f800000, 0xc0000000, 0xbf800000,
                0xbf800000, 0x00000000, 0x00000000, 0x3f800000, 0xc0000000, 0xbf800000, 0xbf800000, 0x00000000,
                0x00000000, 0x3f800000, 0xc0000000, 0xbf800000, 0xbf800000, 0x00000000, 0x00000000, 0x3f800000,
            ],
        ),
        (
            "(x - 3) % 2",
            "Int64",
            &[
                0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
                0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
                0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
            ],
        ),
        (
            "x / 2",
            "Float64",
            &[
                0x00000000, 0x3f000000, 0x3f800000, 0x3fc00000, 0x40000000, 0x40200000, 0x00000000, 0x3f000000,
                0x3f800000, 0x3fc00000, 0x40000000, 0x40200000, 0x00000000, 0x3f000000, 0x3f800000, 0x3fc00000,
                0x40000000, 0x40200000, 0x00000000, 0x3f000000, 0x3f800000, 0x3fc00000, 0x40000000, 0x40200000,
            ],
        ),
        (
            "x ** 0",
            "Int64",
            &[
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            ],
        ),
        (
            "r ** 0",
            "Float32",
            &[
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            ],
        ),
        (
            "(r > 5) ** 0",
            "Int64",
            &[
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            ],
        ),
        (
            "-x // 4",
            "Int64",
            &[
                0x00000000, 0xbf800000, 0xbf800000, 0xbf800000, 0xbf800000, 0xc0000000, 0x00000000, 0xbf800000,
                0xbf800000, 0xbf800000, 0xbf800000, 0xc0000000, 0x00000000, 0xbf800000, 0xbf800000, 0xbf800000,
                0xbf800000, 0xc0000000, 0x00000000, 0xbf800000, 0xbf800000, 0xbf800000, 0xbf800000, 0xc0000000,
            ],
        ),
        (
            "-(x * 1000000000000)",
            "Int64",
            &[
                0x00000000, 0xd368d4a5, 0xd3e8d4a5, 0xd42e9f7c, 0xd468d4a5, 0xd49184e7, 0x00000000, 0xd368d4a5,
                0xd3e8d4a5, 0xd42e9f7c, 0xd468d4a5, 0xd49184e7, 0x00000000, 0xd368d4a5, 0xd3e8d4a5, 0xd42e9f7c,
                0xd468d4a5, 0xd49184e7, 0x00000000, 0xd368d4a5, 0xd3e8d4a5, 0xd42e9f7c, 0xd468d4a5, 0xd49184e7,
            ],
        ),
        (
            "x * 4611686018427387904",
            "Int64",
            &[
                0x00000000, 0x5e800000, 0xdf000000, 0xde800000, 0x00000000, 0x5e800000, 0x00000000, 0x5e800000,
                0xdf000000, 0xde800000, 0x00000000, 0x5e800000, 0x00000000, 0x5e800000, 0xdf000000, 0xde800000,
                0x00000000, 0x5e800000, 0x00000000, 0x5e800000, 0xdf000000, 0xde800000, 0x00000000, 0x5e800000,
            ],
        ),
        (
            "y * 9223372036854775807 + y",
            "Int64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0xdf000000, 0xdf000000,
                0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000,
            ],
        ),
        (
            "(r > 2.5) | 0",
            "Int64",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
                0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            ],
        ),
        (
            "(r ^ 255) / 2",
            "Float64",
            &[
                0x42ff0000, 0x42fe0000, 0x42fd0000, 0x42800000, 0x427e0000, 0x427c0000, 0x3f000000, 0x00000000,
                0x429b0000, 0x42cd0000, 0x41dc0000, 0x42fc0000, 0x42bf0000, 0x42be0000, 0x42000000, 0x41fc0000,
                0x42de0000, 0x42dd0000, 0x42b20000, 0x40200000, 0x42f50000, 0x429c0000, 0x423e0000, 0x40f00000,
            ],
        ),
        (
            "r % 3 == 0 | 0",
            "Bool",
            &[
                0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000,
                0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000,
                0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000,
            ],
        ),
        (
            "(r & 15) * 1.5",
            "Float64",
            &[
                0x00000000, 0x3fc00000, 0x40400000, 0x41b40000, 0x00000000, 0x3fc00000, 0x41a80000, 0x41b40000,
                0x40c00000, 0x40400000, 0x41400000, 0x40900000, 0x00000000, 0x3fc00000, 0x41b40000, 0x00000000,
                0x3fc00000, 0x40400000, 0x419c0000, 0x41700000, 0x41700000, 0x40900000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "r >> 1 << 1",
            "Int32",
            &[
                0x00000000, 0x00000000, 0x40000000, 0x42fc0000, 0x43000000, 0x43000000, 0x437e0000, 0x437e0000,
                0x42c80000, 0x42480000, 0x43480000, 0x40000000, 0x42800000, 0x42800000, 0x433e0000, 0x43400000,
                0x42000000, 0x42080000, 0x42980000, 0x437a0000, 0x41200000, 0x42c40000, 0x43200000, 0x43700000,
            ],
        ),
        (
            "(r | g) - (r & g)",
            "Int32",
            &[
                0x40400000, 0x42be0000, 0x433b0000, 0x42d60000, 0x436f0000, 0x42960000, 0x435b0000, 0x42fe0000,
                0x433f0000, 0x40800000, 0x42b20000, 0x436f0000, 0x40e00000, 0x43630000, 0x42840000, 0x43180000,
                0x43120000, 0x42300000, 0x42100000, 0x42780000, 0x41a80000, 0x41c80000, 0x42ea0000, 0x43400000,
            ],
        ),
        (
            "(r ^ g) // (b | 1)",
            "Int32",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x41000000, 0x41100000, 0x40400000,
                0x40400000, 0x00000000, 0x3f800000, 0x40000000, 0x00000000, 0x40000000, 0x00000000, 0x3f800000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "(r ^ g) ** 2 % 1000",
            "Int32",
            &[
                0x41100000, 0x41c80000, 0x44724000, 0x43e08000, 0x42f20000, 0x441c4000, 0x44704000, 0x43010000,
                0x43f08000, 0x41800000, 0x44664000, 0x42f20000, 0x42440000, 0x44044000, 0x43b20000, 0x42d00000,
                0x439e0000, 0x446a0000, 0x43940000, 0x44530000, 0x43dc8000, 0x441c4000, 0x442c4000, 0x44580000,
            ],
        ),
        (
            "r * g * b | 0",
            "Int32",
            &[
                0x00000000, 0x469c6c00, 0x47a35200, 0x49143540, 0x4a5a8800, 0x48650680, 0x4849e900, 0x498b7400,
                0x49805200, 0x4820d700, 0x4a02fb40, 0x47709c00, 0x48dde000, 0x49914010, 0x4ab9cff4, 0x4a0f5800,
                0x495b3480, 0x47996600, 0x49afacd0, 0x4b0ece98, 0x47770800, 0x4a1ff7f8, 0x4aef3580, 0x4a2adc00,
            ],
        ),
        (
            "(x << 2) | y",
            "Int64",
            &[
                0x00000000, 0x40800000, 0x41000000, 0x41400000, 0x41800000, 0x41a00000, 0x3f800000, 0x40a00000,
                0x41100000, 0x41500000, 0x41880000, 0x41a80000, 0x40000000, 0x40c00000, 0x41200000, 0x41600000,
                0x41900000, 0x41b00000, 0x40400000, 0x40e00000, 0x41300000, 0x41700000, 0x41980000, 0x41b80000,
            ],
        ),
        (
            "(x | 1) / (y | 2)",
            "Float64",
            &[
                0x3f000000, 0x3f000000, 0x3fc00000, 0x3fc00000, 0x40200000, 0x40200000, 0x3eaaaaab, 0x3eaaaaab,
                0x3f800000, 0x3f800000, 0x3fd55555, 0x3fd55555, 0x3f000000, 0x3f000000, 0x3fc00000, 0x3fc00000,
                0x40200000, 0x40200000, 0x3eaaaaab, 0x3eaaaaab, 0x3f800000, 0x3f800000, 0x3fd55555, 0x3fd55555,
            ],
        ),
        (
            "r * 1.0000001 - r",
            "Float32",
            &[
                0x00000000, 0x34000000, 0x34800000, 0x37800000, 0x37800000, 0x37800000, 0x38000000, 0x38000000,
                0x37800000, 0x37000000, 0x38000000, 0x35000000, 0x37000000, 0x37000000, 0x37800000, 0x38000000,
                0x36800000, 0x36800000, 0x37000000, 0x38000000, 0x35800000, 0x37800000, 0x37800000, 0x38000000,
            ],
        ),
        (
            "r / 7 * 7 - r",
            "Float32",
            &[
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0xb7800000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
                0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            ],
        ),
        (
            "(r + 0.1) * (g - 0.1) / (b + 0.3)",
            "Float32",
            &[
                0x3abdc50f, 0x3ef7ef4b, 0x3fdb9ffa, 0x41291cd2, 0x42613a82, 0x452f2b83, 0x43d23b12, 0x4467124c,
                0x43e2d4c6, 0x42303549, 0x43c31e21, 0x41060727, 0x42353e6e, 0x42ba0c9b, 0x43bf53b4, 0x42f26f56,
                0x421b863b, 0x40378459, 0x4235713a, 0x43800e94, 0x3fc3889b, 0x425e5ee8, 0x431400fd, 0x423d147b,
            ],
        ),
        (
            "(r - 127.5) ** 3 / 10000",
            "Float32",
            &[
                0xc34f4466, 0xc34a6db0, 0xc345aa67, 0xb751b717, 0x3751b717, 0x39b0f27c, 0x434a6db0, 0x434f4466,
                0xc005199a, 0xc23a319a, 0x42186e66, 0xc340fa66, 0xc1ccd69b, 0xc1c35000, 0x41ccd69b, 0x41d6ab3d,
                0xc2a8c81f, 0xc2a37ae6, 0xc14e0f69, 0x4337d39a, 0xc3223933, 0xc0142787, 0x405bb333, 0x430e6200,
            ],
        ),
    ];
    const PM_R_TIMES_1_1_PLUS_20: [u8; 256] = [
        20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 42, 43, 44, 45, 46, 47, 48, 49,
        50, 51, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 75, 76, 77, 78, 79, 80,
        81, 82, 83, 84, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 108,
        109, 110, 111, 112, 113, 114, 115, 116, 117, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 130, 131, 132,
        133, 134, 135, 136, 137, 138, 139, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 152, 153, 154, 155, 156,
        157, 158, 159, 160, 161, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 174, 175, 176, 177, 178, 179, 180,
        181, 182, 183, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 196, 197, 198, 199, 200, 201, 202, 203, 204,
        205, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 229,
        230, 231, 232, 233, 234, 235, 236, 237, 238, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 251, 252, 253,
        254, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ];
    const PM_R_TIMES_1_1_PLUS_20_BITS: [u32; 256] = [
        0x41a00000, 0x41a8cccd, 0x41b1999a, 0x41ba6666, 0x41c33333, 0x41cc0000, 0x41d4cccd, 0x41dd999a, 0x41e66666,
        0x41ef3334, 0x41f80000, 0x42006666, 0x4204cccd, 0x42093333, 0x420d999a, 0x42120000, 0x42166666, 0x421acccd,
        0x421f3334, 0x4223999a, 0x42280000, 0x422c6666, 0x4230cccd, 0x42353334, 0x4239999a, 0x423e0000, 0x42426666,
        0x4246cccd, 0x424b3334, 0x424f999a, 0x42540000, 0x42586667, 0x425ccccd, 0x42613333, 0x4265999a, 0x426a0000,
        0x426e6667, 0x4272cccd, 0x42773333, 0x427b999a, 0x42800000, 0x42823334, 0x42846666, 0x4286999a, 0x4288cccd,
        0x428b0000, 0x428d3334, 0x428f6666, 0x4291999a, 0x4293cccd, 0x42960000, 0x42983334, 0x429a6666, 0x429c999a,
        0x429ecccd, 0x42a10000, 0x42a33334, 0x42a56666, 0x42a7999a, 0x42a9cccd, 0x42ac0000, 0x42ae3333, 0x42b06667,
        0x42b2999a, 0x42b4cccd, 0x42b70000, 0x42b93333, 0x42bb6667, 0x42bd999a, 0x42bfcccd, 0x42c20000, 0x42c43333,
        0x42c66667, 0x42c8999a, 0x42cacccd, 0x42cd0000, 0x42cf3333, 0x42d16667, 0x42d3999a, 0x42d5cccd, 0x42d80000,
        0x42da3333, 0x42dc6667, 0x42de999a, 0x42e0cccd, 0x42e30000, 0x42e53333, 0x42e76667, 0x42e9999a, 0x42ebcccd,
        0x42ee0000, 0x42f03333, 0x42f26667, 0x42f4999a, 0x42f6cccd, 0x42f90000, 0x42fb3334, 0x42fd6667, 0x42ff999a,
        0x4300e666, 0x43020000, 0x4303199a, 0x43043334, 0x43054ccd, 0x43066666, 0x43078000, 0x4308999a, 0x4309b334,
        0x430acccd, 0x430be666, 0x430d0000, 0x430e199a, 0x430f3334, 0x43104ccd, 0x43116666, 0x43128000, 0x4313999a,
        0x4314b333, 0x4315cccd, 0x4316e667, 0x43180000, 0x4319199a, 0x431a3333, 0x431b4ccd, 0x431c6667, 0x431d8000,
        0x431e999a, 0x431fb333, 0x4320cccd, 0x4321e667, 0x43230000, 0x4324199a, 0x43253333, 0x43264ccd, 0x43276667,
        0x43288000, 0x4329999a, 0x432ab333, 0x432bcccd, 0x432ce667, 0x432e0000, 0x432f199a, 0x43303333, 0x43314ccd,
        0x43326667, 0x43338000, 0x4334999a, 0x4335b333, 0x4336cccd, 0x4337e667, 0x43390000, 0x433a199a, 0x433b3333,
        0x433c4ccd, 0x433d6667, 0x433e8000, 0x433f999a, 0x4340b333, 0x4341cccd, 0x4342e667, 0x43440000, 0x4345199a,
        0x43463333, 0x43474ccd, 0x43486667, 0x43498000, 0x434a999a, 0x434bb333, 0x434ccccd, 0x434de667, 0x434f0000,
        0x4350199a, 0x43513333, 0x43524ccd, 0x43536667, 0x43548000, 0x4355999a, 0x4356b333, 0x4357cccd, 0x4358e667,
        0x435a0000, 0x435b199a, 0x435c3333, 0x435d4ccd, 0x435e6667, 0x435f8000, 0x4360999a, 0x4361b333, 0x4362cccd,
        0x4363e667, 0x43650000, 0x4366199a, 0x43673334, 0x43684ccd, 0x43696667, 0x436a8000, 0x436b999a, 0x436cb334,
        0x436dcccd, 0x436ee667, 0x43700000, 0x4371199a, 0x43723334, 0x43734ccd, 0x43746667, 0x43758000, 0x4376999a,
        0x4377b334, 0x4378cccd, 0x4379e667, 0x437b0000, 0x437c199a, 0x437d3334, 0x437e4ccd, 0x437f6667, 0x43804000,
        0x4380cccd, 0x4381599a, 0x4381e666, 0x43827334, 0x43830000, 0x43838ccd, 0x4384199a, 0x4384a666, 0x43853334,
        0x4385c000, 0x43864ccd, 0x4386d99a, 0x43876666, 0x4387f334, 0x43888000, 0x43890ccd, 0x4389999a, 0x438a2667,
        0x438ab333, 0x438b4000, 0x438bcccd, 0x438c599a, 0x438ce667, 0x438d7333, 0x438e0000, 0x438e8ccd, 0x438f199a,
        0x438fa667, 0x43903333, 0x4390c000, 0x43914ccd, 0x4391d99a, 0x43926667, 0x4392f333, 0x43938000, 0x43940ccd,
        0x4394999a, 0x43952667, 0x4395b333, 0x43964000,
    ];
    const PM_R_TIMES_0_95: [u8; 256] = [
        0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 23, 24, 25, 26, 27,
        28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54,
        55, 56, 57, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 76, 77, 78, 79, 80,
        81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105,
        106, 107, 108, 109, 110, 111, 112, 113, 114, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126,
        127, 128, 129, 130, 131, 132, 133, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147,
        148, 149, 150, 151, 152, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168,
        169, 170, 171, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189,
        190, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 209,
        210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 228, 229, 230,
        231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242,
    ];
    const PM_R_TIMES_0_95_BITS: [u32; 256] = [
        0x00000000, 0x3f733333, 0x3ff33333, 0x40366666, 0x40733333, 0x40980000, 0x40b66666, 0x40d4cccd, 0x40f33333,
        0x4108cccd, 0x41180000, 0x41273333, 0x41366666, 0x41459999, 0x4154cccd, 0x41640000, 0x41733333, 0x41813333,
        0x4188cccd, 0x41906666, 0x41980000, 0x419f9999, 0x41a73333, 0x41aecccd, 0x41b66666, 0x41be0000, 0x41c59999,
        0x41cd3333, 0x41d4cccd, 0x41dc6666, 0x41e40000, 0x41eb9999, 0x41f33333, 0x41facccd, 0x42013333, 0x42050000,
        0x4208cccd, 0x420c9999, 0x42106666, 0x42143333, 0x42180000, 0x421bcccd, 0x421f9999, 0x42236666, 0x42273333,
        0x422b0000, 0x422ecccd, 0x42329999, 0x42366666, 0x423a3333, 0x423e0000, 0x4241cccd, 0x42459999, 0x42496666,
        0x424d3333, 0x42510000, 0x4254cccd, 0x42589999, 0x425c6666, 0x42603333, 0x42640000, 0x4267cccd, 0x426b9999,
        0x426f6666, 0x42733333, 0x42770000, 0x427acccd, 0x427e9999, 0x42813333, 0x42831999, 0x42850000, 0x4286e666,
        0x4288cccd, 0x428ab333, 0x428c9999, 0x428e8000, 0x42906666, 0x42924ccd, 0x42943333, 0x42961999, 0x42980000,
        0x4299e666, 0x429bcccd, 0x429db333, 0x429f9999, 0x42a18000, 0x42a36666, 0x42a54ccd, 0x42a73333, 0x42a91999,
        0x42ab0000, 0x42ace666, 0x42aecccd, 0x42b0b333, 0x42b29999, 0x42b48000, 0x42b66666, 0x42b84ccd, 0x42ba3333,
        0x42bc1999, 0x42be0000, 0x42bfe666, 0x42c1cccd, 0x42c3b333, 0x42c59999, 0x42c78000, 0x42c96666, 0x42cb4ccd,
        0x42cd3333, 0x42cf1999, 0x42d10000, 0x42d2e666, 0x42d4cccd, 0x42d6b333, 0x42d89999, 0x42da8000, 0x42dc6666,
        0x42de4ccd, 0x42e03333, 0x42e21999, 0x42e40000, 0x42e5e666, 0x42e7cccd, 0x42e9b333, 0x42eb9999, 0x42ed8000,
        0x42ef6666, 0x42f14ccd, 0x42f33333, 0x42f51999, 0x42f70000, 0x42f8e666, 0x42facccd, 0x42fcb333, 0x42fe9999,
        0x43004000, 0x43013333, 0x43022666, 0x43031999, 0x43040ccd, 0x43050000, 0x4305f333, 0x4306e666, 0x4307d999,
        0x4308cccd, 0x4309c000, 0x430ab333, 0x430ba666, 0x430c9999, 0x430d8ccd, 0x430e8000, 0x430f7333, 0x43106666,
        0x43115999, 0x43124ccd, 0x43134000, 0x43143333, 0x43152666, 0x43161999, 0x43170ccd, 0x43180000, 0x4318f333,
        0x4319e666, 0x431ad999, 0x431bcccd, 0x431cc000, 0x431db333, 0x431ea666, 0x431f9999, 0x43208ccd, 0x43218000,
        0x43227333, 0x43236666, 0x43245999, 0x43254ccd, 0x43264000, 0x43273333, 0x43282666, 0x43291999, 0x432a0ccd,
        0x432b0000, 0x432bf333, 0x432ce666, 0x432dd999, 0x432ecccd, 0x432fc000, 0x4330b333, 0x4331a666, 0x43329999,
        0x43338ccd, 0x43348000, 0x43357333, 0x43366666, 0x43375999, 0x43384ccd, 0x43394000, 0x433a3333, 0x433b2666,
        0x433c1999, 0x433d0ccd, 0x433e0000, 0x433ef333, 0x433fe666, 0x4340d999, 0x4341cccd, 0x4342c000, 0x4343b333,
        0x4344a666, 0x43459999, 0x43468ccd, 0x43478000, 0x43487333, 0x43496666, 0x434a5999, 0x434b4ccd, 0x434c4000,
        0x434d3333, 0x434e2666, 0x434f1999, 0x43500ccd, 0x43510000, 0x4351f333, 0x4352e666, 0x4353d999, 0x4354cccd,
        0x4355c000, 0x4356b333, 0x4357a666, 0x43589999, 0x43598ccd, 0x435a8000, 0x435b7333, 0x435c6666, 0x435d5999,
        0x435e4ccd, 0x435f4000, 0x43603333, 0x43612666, 0x43621999, 0x43630ccd, 0x43640000, 0x4364f333, 0x4365e666,
        0x4366d999, 0x4367cccd, 0x4368c000, 0x4369b333, 0x436aa666, 0x436b9999, 0x436c8ccd, 0x436d8000, 0x436e7333,
        0x436f6666, 0x43705999, 0x43714ccd, 0x43724000,
    ];
    /// PixelFilter custom (W=6, H=4): (expression, keep mask)
    const PF_CASES: &[(&str, &[bool])] = &[
        (
            "i % 3 == 0",
            &[
                true, false, false, true, false, false, true, false, false, true, false, false, true, false, false,
                true, false, false, true, false, false, true, false, false,
            ],
        ),
        (
            "i % 2",
            &[
                false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true,
                false, true, false, true, false, true, false, true,
            ],
        ),
        (
            "i % 2 == 1",
            &[
                false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true,
                false, true, false, true, false, true, false, true,
            ],
        ),
        (
            "(i * 7) % 5 < 2",
            &[
                true, false, false, true, false, true, false, false, true, false, true, false, false, true, false,
                true, false, false, true, false, true, false, false, true,
            ],
        ),
        (
            "x + y > 4",
            &[
                false, false, false, false, false, true, false, false, false, false, true, true, false, false, false,
                true, true, true, false, false, true, true, true, true,
            ],
        ),
        (
            "x * y",
            &[
                false, false, false, false, false, false, false, true, true, true, true, true, false, true, true, true,
                true, true, false, true, true, true, true, true,
            ],
        ),
        (
            "i - 5",
            &[
                true, true, true, true, true, false, true, true, true, true, true, true, true, true, true, true, true,
                true, true, true, true, true, true, true,
            ],
        ),
        (
            "(i > 10) * (i < 20)",
            &[
                false, false, false, false, false, false, false, false, false, false, false, true, true, true, true,
                true, true, true, true, true, false, false, false, false,
            ],
        ),
        (
            "(i > 10) & (i < 20)",
            &[
                false, false, false, false, false, false, false, false, false, false, false, true, true, true, true,
                true, true, true, true, true, false, false, false, false,
            ],
        ),
        (
            "(i > 10) | (x == 0)",
            &[
                true, false, false, false, false, false, true, false, false, false, false, true, true, true, true,
                true, true, true, true, true, true, true, true, true,
            ],
        ),
        (
            "i // 7 == y",
            &[
                true, true, true, true, true, true, false, true, true, true, true, true, false, false, true, true,
                true, true, false, false, false, true, true, true,
            ],
        ),
        (
            "i == y * width + x",
            &[
                true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
                true, true, true, true, true, true, true,
            ],
        ),
        (
            "i / 2 == i // 2",
            &[
                true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false,
                true, false, true, false, true, false, true, false,
            ],
        ),
        (
            "1",
            &[
                true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
                true, true, true, true, true, true, true,
            ],
        ),
        (
            "0",
            &[
                false, false, false, false, false, false, false, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false, false, false, false,
            ],
        ),
        (
            "x ** 2 + y ** 2 < 9",
            &[
                true, true, true, false, false, false, true, true, true, false, false, false, true, true, true, false,
                false, false, false, false, false, false, false, false,
            ],
        ),
        (
            "i >> 2 & 1",
            &[
                false, false, false, false, true, true, true, true, false, false, false, false, true, true, true, true,
                false, false, false, false, true, true, true, true,
            ],
        ),
        (
            "sqrt(i) == floor(sqrt(i))",
            &[
                true, true, false, false, true, false, false, false, false, true, false, false, false, false, false,
                false, true, false, false, false, false, false, false, false,
            ],
        ),
        (
            "max(x, y) < 2",
            &[
                true, true, false, false, false, false, true, true, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false, false, false,
            ],
        ),
        (
            "abs(x - y) <= 1",
            &[
                true, true, false, false, false, false, true, true, true, false, false, false, false, true, true, true,
                false, false, false, false, true, true, true, false,
            ],
        ),
        (
            "min(i, 5) == i",
            &[
                true, true, true, true, true, true, false, false, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false, false, false,
            ],
        ),
        (
            "pow(x, 2) + pow(y, 2) > 10",
            &[
                false, false, false, false, true, true, false, false, false, false, true, true, false, false, false,
                true, true, true, false, false, true, true, true, true,
            ],
        ),
    ];
    /// RowShift formula for y = 0..10, height = 10: (formula, Python result as f64 bits, or None on error)
    const RS_CASES: &[(&str, [Option<u64>; 10])] = &[
        (
            "y*2-3",
            [
                Some(0xc008000000000000),
                Some(0xbff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4008000000000000),
                Some(0x4014000000000000),
                Some(0x401c000000000000),
                Some(0x4022000000000000),
                Some(0x4026000000000000),
                Some(0x402a000000000000),
                Some(0x402e000000000000),
            ],
        ),
        (
            "y*10 % 7",
            [
                Some(0x0000000000000000),
                Some(0x4008000000000000),
                Some(0x4018000000000000),
                Some(0x4000000000000000),
                Some(0x4014000000000000),
                Some(0x3ff0000000000000),
                Some(0x4010000000000000),
                Some(0x0000000000000000),
                Some(0x4008000000000000),
                Some(0x4018000000000000),
            ],
        ),
        (
            "-7 // 2 + y",
            [
                Some(0xc010000000000000),
                Some(0xc008000000000000),
                Some(0xc000000000000000),
                Some(0xbff0000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4010000000000000),
                Some(0x4014000000000000),
            ],
        ),
        (
            "-7 % 3",
            [
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
            ],
        ),
        (
            "2**-1 * y",
            [
                Some(0x0000000000000000),
                Some(0x3fe0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff8000000000000),
                Some(0x4000000000000000),
                Some(0x4004000000000000),
                Some(0x4008000000000000),
                Some(0x400c000000000000),
                Some(0x4010000000000000),
                Some(0x4012000000000000),
            ],
        ),
        (
            "round(2.5)",
            [
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
            ],
        ),
        (
            "round(3.5)",
            [
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
            ],
        ),
        (
            "round(y / 4)",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
            ],
        ),
        (
            "round(-y / 4)",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0xbff0000000000000),
                Some(0xbff0000000000000),
                Some(0xbff0000000000000),
                Some(0xc000000000000000),
                Some(0xc000000000000000),
                Some(0xc000000000000000),
                Some(0xc000000000000000),
            ],
        ),
        (
            "int(y * 1.7)",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4008000000000000),
                Some(0x4014000000000000),
                Some(0x4018000000000000),
                Some(0x4020000000000000),
                Some(0x4024000000000000),
                Some(0x4026000000000000),
                Some(0x402a000000000000),
                Some(0x402e000000000000),
            ],
        ),
        (
            "int(-y * 1.7)",
            [
                Some(0x0000000000000000),
                Some(0xbff0000000000000),
                Some(0xc008000000000000),
                Some(0xc014000000000000),
                Some(0xc018000000000000),
                Some(0xc020000000000000),
                Some(0xc024000000000000),
                Some(0xc026000000000000),
                Some(0xc02a000000000000),
                Some(0xc02e000000000000),
            ],
        ),
        (
            "sin(y) * 20",
            [
                Some(0x0000000000000000),
                Some(0x4030d454d965a815),
                Some(0x40322f9a52c310ac),
                Some(0x4006944689248ab2),
                Some(0xc02e45a85553265a),
                Some(0xc0332db139ac5fc0),
                Some(0xc0165a6ded5ccb70),
                Some(0x402a478af3084c8a),
                Some(0x4033c983a41981ad),
                Some(0x40207c17e1c79dbb),
            ],
        ),
        (
            "sin(y / height * 2 * pi) * 20",
            [
                Some(0x0000000000000000),
                Some(0x402782ebc592b0f6),
                Some(0x40330568cc0ab51f),
                Some(0x40330568cc0ab520),
                Some(0x402782ebc592b0f7),
                Some(0x3ce60fafbfd97309),
                Some(0xc02782ebc592b0f4),
                Some(0xc0330568cc0ab51f),
                Some(0xc0330568cc0ab520),
                Some(0xc02782ebc592b0f8),
            ],
        ),
        (
            "abs(y - 5) * 3",
            [
                Some(0x402e000000000000),
                Some(0x4028000000000000),
                Some(0x4022000000000000),
                Some(0x4018000000000000),
                Some(0x4008000000000000),
                Some(0x0000000000000000),
                Some(0x4008000000000000),
                Some(0x4018000000000000),
                Some(0x4022000000000000),
                Some(0x4028000000000000),
            ],
        ),
        (
            "min(y, 3)",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
            ],
        ),
        (
            "max(y, 3.5)",
            [
                Some(0x400c000000000000),
                Some(0x400c000000000000),
                Some(0x400c000000000000),
                Some(0x400c000000000000),
                Some(0x4010000000000000),
                Some(0x4014000000000000),
                Some(0x4018000000000000),
                Some(0x401c000000000000),
                Some(0x4020000000000000),
                Some(0x4022000000000000),
            ],
        ),
        (
            "min(y, 3, 7 - y)",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4000000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0xbff0000000000000),
                Some(0xc000000000000000),
            ],
        ),
        (
            "pow(2, y)",
            [
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4010000000000000),
                Some(0x4020000000000000),
                Some(0x4030000000000000),
                Some(0x4040000000000000),
                Some(0x4050000000000000),
                Some(0x4060000000000000),
                Some(0x4070000000000000),
                Some(0x4080000000000000),
            ],
        ),
        (
            "pow(y, -1)",
            [
                None,
                Some(0x3ff0000000000000),
                Some(0x3fe0000000000000),
                Some(0x3fd5555555555555),
                Some(0x3fd0000000000000),
                Some(0x3fc999999999999a),
                Some(0x3fc5555555555555),
                Some(0x3fc2492492492492),
                Some(0x3fc0000000000000),
                Some(0x3fbc71c71c71c71c),
            ],
        ),
        (
            "pow(y, 0.5)",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff6a09e667f3bcd),
                Some(0x3ffbb67ae8584caa),
                Some(0x4000000000000000),
                Some(0x4001e3779b97f4a8),
                Some(0x4003988e1409212e),
                Some(0x40052a7fa9d2f8ea),
                Some(0x4006a09e667f3bcd),
                Some(0x4008000000000000),
            ],
        ),
        (
            "10 // y",
            [
                None,
                Some(0x4024000000000000),
                Some(0x4014000000000000),
                Some(0x4008000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
            ],
        ),
        (
            "10 % y",
            [
                None,
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x0000000000000000),
                Some(0x4010000000000000),
                Some(0x4008000000000000),
                Some(0x4000000000000000),
                Some(0x3ff0000000000000),
            ],
        ),
        ("y / 0", [None, None, None, None, None, None, None, None, None, None]),
        (
            "1 / (y - 3)",
            [
                Some(0xbfd5555555555555),
                Some(0xbfe0000000000000),
                Some(0xbff0000000000000),
                None,
                Some(0x3ff0000000000000),
                Some(0x3fe0000000000000),
                Some(0x3fd5555555555555),
                Some(0x3fd0000000000000),
                Some(0x3fc999999999999a),
                Some(0x3fc5555555555555),
            ],
        ),
        (
            "floor(y / 3)",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
            ],
        ),
        (
            "ceil(y / 3)",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
            ],
        ),
        (
            "floor(-y / 3) * 7",
            [
                Some(0x0000000000000000),
                Some(0xc01c000000000000),
                Some(0xc01c000000000000),
                Some(0xc01c000000000000),
                Some(0xc02c000000000000),
                Some(0xc02c000000000000),
                Some(0xc02c000000000000),
                Some(0xc035000000000000),
                Some(0xc035000000000000),
                Some(0xc035000000000000),
            ],
        ),
        (
            "2 ** (y - 5)",
            [
                Some(0x3fa0000000000000),
                Some(0x3fb0000000000000),
                Some(0x3fc0000000000000),
                Some(0x3fd0000000000000),
                Some(0x3fe0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4010000000000000),
                Some(0x4020000000000000),
                Some(0x4030000000000000),
            ],
        ),
        (
            "y > 3 and 10 or -10",
            [
                Some(0xc024000000000000),
                Some(0xc024000000000000),
                Some(0xc024000000000000),
                Some(0xc024000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
            ],
        ),
        (
            "y and 100 // y",
            [
                Some(0x0000000000000000),
                Some(0x4059000000000000),
                Some(0x4049000000000000),
                Some(0x4040800000000000),
                Some(0x4039000000000000),
                Some(0x4034000000000000),
                Some(0x4030000000000000),
                Some(0x402c000000000000),
                Some(0x4028000000000000),
                Some(0x4026000000000000),
            ],
        ),
        (
            "not y",
            [
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
            ],
        ),
        (
            "1 < y < 5",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
            ],
        ),
        (
            "0 < y - 3 <= 2 != 1",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
            ],
        ),
        (
            "sqrt(y) * 10",
            [
                Some(0x0000000000000000),
                Some(0x4024000000000000),
                Some(0x402c48c6001f0ac0),
                Some(0x4031520cd1372fea),
                Some(0x4034000000000000),
                Some(0x40365c55827df1d2),
                Some(0x40387eb1990b697a),
                Some(0x403a751f9447b724),
                Some(0x403c48c6001f0ac0),
                Some(0x403e000000000000),
            ],
        ),
        (
            "sqrt(y - 4) * 10",
            [
                Some(0xfff8000000000000),
                Some(0xfff8000000000000),
                Some(0xfff8000000000000),
                Some(0xfff8000000000000),
                Some(0x0000000000000000),
                Some(0x4024000000000000),
                Some(0x402c48c6001f0ac0),
                Some(0x4031520cd1372fea),
                Some(0x4034000000000000),
                Some(0x40365c55827df1d2),
            ],
        ),
        (
            "e ** (y / 5)",
            [
                Some(0x3ff0000000000000),
                Some(0x3ff38add9e58ac8d),
                Some(0x3ff7de8392fbbfe0),
                Some(0x3ffd27660b11a9ef),
                Some(0x4001cde866fe46e8),
                Some(0x4005bf0a8b145769),
                Some(0x400a8f99761065a4),
                Some(0x4010388657115a46),
                Some(0x4013cfe7bb5b37ec),
                Some(0x401832d6c8efee84),
            ],
        ),
        (
            "10.0 // (y - 4.5)",
            [
                Some(0xc008000000000000),
                Some(0xc008000000000000),
                Some(0xc010000000000000),
                Some(0xc01c000000000000),
                Some(0xc034000000000000),
                Some(0x4034000000000000),
                Some(0x4018000000000000),
                Some(0x4010000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
            ],
        ),
        (
            "10.0 % (y - 4.5)",
            [
                Some(0xc00c000000000000),
                Some(0xbfe0000000000000),
                Some(0x8000000000000000),
                Some(0xbfe0000000000000),
                Some(0x8000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x4008000000000000),
                Some(0x3ff0000000000000),
            ],
        ),
        (
            "y % -3",
            [
                Some(0x0000000000000000),
                Some(0xc000000000000000),
                Some(0xbff0000000000000),
                Some(0x0000000000000000),
                Some(0xc000000000000000),
                Some(0xbff0000000000000),
                Some(0x0000000000000000),
                Some(0xc000000000000000),
                Some(0xbff0000000000000),
                Some(0x0000000000000000),
            ],
        ),
        (
            "(-y) % 4",
            [
                Some(0x0000000000000000),
                Some(0x4008000000000000),
                Some(0x4000000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x4008000000000000),
                Some(0x4000000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x4008000000000000),
            ],
        ),
        (
            "y << 2",
            [
                Some(0x0000000000000000),
                Some(0x4010000000000000),
                Some(0x4020000000000000),
                Some(0x4028000000000000),
                Some(0x4030000000000000),
                Some(0x4034000000000000),
                Some(0x4038000000000000),
                Some(0x403c000000000000),
                Some(0x4040000000000000),
                Some(0x4042000000000000),
            ],
        ),
        (
            "y >> 1",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
            ],
        ),
        (
            "y ^ 3",
            [
                Some(0x4008000000000000),
                Some(0x4000000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x401c000000000000),
                Some(0x4018000000000000),
                Some(0x4014000000000000),
                Some(0x4010000000000000),
                Some(0x4026000000000000),
                Some(0x4024000000000000),
            ],
        ),
        (
            "y & 6 | 1",
            [
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4014000000000000),
                Some(0x4014000000000000),
                Some(0x401c000000000000),
                Some(0x401c000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
            ],
        ),
        (
            "int(sin(y) * 100)",
            [
                Some(0x0000000000000000),
                Some(0x4055000000000000),
                Some(0x4056800000000000),
                Some(0x402c000000000000),
                Some(0xc052c00000000000),
                Some(0xc057c00000000000),
                Some(0xc03b000000000000),
                Some(0x4050400000000000),
                Some(0x4058800000000000),
                Some(0x4044800000000000),
            ],
        ),
        (
            "round(sin(y) * 10)",
            [
                Some(0x0000000000000000),
                Some(0x4020000000000000),
                Some(0x4022000000000000),
                Some(0x3ff0000000000000),
                Some(0xc020000000000000),
                Some(0xc024000000000000),
                Some(0xc008000000000000),
                Some(0x401c000000000000),
                Some(0x4024000000000000),
                Some(0x4010000000000000),
            ],
        ),
        (
            "min(sin(y), 0.5) * 10",
            [
                Some(0x0000000000000000),
                Some(0x4014000000000000),
                Some(0x4014000000000000),
                Some(0x3ff6944689248ab2),
                Some(0xc01e45a85553265a),
                Some(0xc0232db139ac5fc0),
                Some(0xc0065a6ded5ccb70),
                Some(0x4014000000000000),
                Some(0x4014000000000000),
                Some(0x40107c17e1c79dbb),
            ],
        ),
        (
            "max(cos(y), sin(y)) * 10",
            [
                Some(0x4024000000000000),
                Some(0x4020d454d965a815),
                Some(0x40222f9a52c310ac),
                Some(0x3ff6944689248ab2),
                Some(0xc01a254f8891edf1),
                Some(0x4006b166cc861d8f),
                Some(0x4023341265eb15d9),
                Some(0x401e27f5868f681d),
                Some(0x4023c983a41981ad),
                Some(0x40107c17e1c79dbb),
            ],
        ),
        (
            "0 ** (y - 2)",
            [
                None,
                None,
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
            ],
        ),
        (
            "(y - 5) ** 2",
            [
                Some(0x4039000000000000),
                Some(0x4030000000000000),
                Some(0x4022000000000000),
                Some(0x4010000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4010000000000000),
                Some(0x4022000000000000),
                Some(0x4030000000000000),
            ],
        ),
        (
            "(y - 5.0) ** 3",
            [
                Some(0xc05f400000000000),
                Some(0xc050000000000000),
                Some(0xc03b000000000000),
                Some(0xc020000000000000),
                Some(0xbff0000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4020000000000000),
                Some(0x403b000000000000),
                Some(0x4050000000000000),
            ],
        ),
        (
            "(4.5 - y) ** 0.5",
            [
                Some(0x4000f876ccdf6cd9),
                Some(0x3ffdeeea11683f49),
                Some(0x3ff94c583ada5b53),
                Some(0x3ff3988e1409212e),
                Some(0x3fe6a09e667f3bcd),
                None,
                None,
                None,
                None,
                None,
            ],
        ),
        (
            "i * 3 + height",
            [
                Some(0x4024000000000000),
                Some(0x402a000000000000),
                Some(0x4030000000000000),
                Some(0x4033000000000000),
                Some(0x4036000000000000),
                Some(0x4039000000000000),
                Some(0x403c000000000000),
                Some(0x403f000000000000),
                Some(0x4041000000000000),
                Some(0x4042800000000000),
            ],
        ),
        (
            "y * 1e18 // 1e17",
            [
                Some(0x0000000000000000),
                Some(0x4024000000000000),
                Some(0x4034000000000000),
                Some(0x403e000000000000),
                Some(0x4044000000000000),
                Some(0x4049000000000000),
                Some(0x404e000000000000),
                Some(0x4051800000000000),
                Some(0x4054000000000000),
                Some(0x4056800000000000),
            ],
        ),
        (
            "int(1e18) * y",
            [
                Some(0x0000000000000000),
                Some(0x43abc16d674ec800),
                Some(0x43bbc16d674ec800),
                Some(0x43c4d1120d7b1600),
                Some(0x43cbc16d674ec800),
                Some(0x43d158e460913d00),
                Some(0x43d4d1120d7b1600),
                Some(0x43d8493fba64ef00),
                Some(0x43dbc16d674ec800),
                Some(0x43df399b1438a100),
            ],
        ),
        (
            "abs(-y) + abs(-2.5)",
            [
                Some(0x4004000000000000),
                Some(0x400c000000000000),
                Some(0x4012000000000000),
                Some(0x4016000000000000),
                Some(0x401a000000000000),
                Some(0x401e000000000000),
                Some(0x4021000000000000),
                Some(0x4023000000000000),
                Some(0x4025000000000000),
                Some(0x4027000000000000),
            ],
        ),
        (
            "float(y) / 4",
            [
                Some(0x0000000000000000),
                Some(0x3fd0000000000000),
                Some(0x3fe0000000000000),
                Some(0x3fe8000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff4000000000000),
                Some(0x3ff8000000000000),
                Some(0x3ffc000000000000),
                Some(0x4000000000000000),
                Some(0x4002000000000000),
            ],
        ),
        (
            "int(y / 3) * 3",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
                Some(0x4018000000000000),
                Some(0x4018000000000000),
                Some(0x4018000000000000),
                Some(0x4022000000000000),
            ],
        ),
        (
            "exp(y / 10) * 10",
            [
                Some(0x4024000000000000),
                Some(0x40261a79a0308109),
                Some(0x40286d9505eed7b0),
                Some(0x402aff46efaf213c),
                Some(0x402dd62477baafd8),
                Some(0x40307cb9f8d2c422),
                Some(0x4032389fc6eb0a35),
                Some(0x40342334f9702be9),
                Some(0x4036416280bdd8a3),
                Some(0x403898957eb396eb),
            ],
        ),
        (
            "log(y + 1) * 10",
            [
                Some(0x0000000000000000),
                Some(0x401bb9d3beb8c86b),
                Some(0x4025f8e5195843ce),
                Some(0x402bb9d3beb8c86b),
                Some(0x403018293af47840),
                Some(0x4031eae77c5a5401),
                Some(0x40337587acdf7876),
                Some(0x4034cb5ecf0a9650),
                Some(0x4035f8e5195843ce),
                Some(0x4037069e2aa2aa5c),
            ],
        ),
        (
            "True + y",
            [
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4010000000000000),
                Some(0x4014000000000000),
                Some(0x4018000000000000),
                Some(0x401c000000000000),
                Some(0x4020000000000000),
                Some(0x4022000000000000),
                Some(0x4024000000000000),
            ],
        ),
        ("y // 0.0", [None, None, None, None, None, None, None, None, None, None]),
        (
            "y ** 0.5",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff6a09e667f3bcd),
                Some(0x3ffbb67ae8584caa),
                Some(0x4000000000000000),
                Some(0x4001e3779b97f4a8),
                Some(0x4003988e1409212e),
                Some(0x40052a7fa9d2f8ea),
                Some(0x4006a09e667f3bcd),
                Some(0x4008000000000000),
            ],
        ),
        (
            "(y - 3) ** -1",
            [
                Some(0xbfd5555555555555),
                Some(0xbfe0000000000000),
                Some(0xbff0000000000000),
                None,
                Some(0x3ff0000000000000),
                Some(0x3fe0000000000000),
                Some(0x3fd5555555555555),
                Some(0x3fd0000000000000),
                Some(0x3fc999999999999a),
                Some(0x3fc5555555555555),
            ],
        ),
        (
            "-y ** 2",
            [
                Some(0x0000000000000000),
                Some(0xbff0000000000000),
                Some(0xc010000000000000),
                Some(0xc022000000000000),
                Some(0xc030000000000000),
                Some(0xc039000000000000),
                Some(0xc042000000000000),
                Some(0xc048800000000000),
                Some(0xc050000000000000),
                Some(0xc054400000000000),
            ],
        ),
        (
            "(-y) ** 2",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4010000000000000),
                Some(0x4022000000000000),
                Some(0x4030000000000000),
                Some(0x4039000000000000),
                Some(0x4042000000000000),
                Some(0x4048800000000000),
                Some(0x4050000000000000),
                Some(0x4054400000000000),
            ],
        ),
        (
            "2 ** 3 ** 2",
            [
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
                Some(0x4080000000000000),
            ],
        ),
        (
            "y * 2 == 8 or y == 1",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
            ],
        ),
        (
            "round(y * 0.5) * 2",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x4000000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4018000000000000),
                Some(0x4020000000000000),
                Some(0x4020000000000000),
                Some(0x4020000000000000),
            ],
        ),
        (
            "round(y / 2 + 0.5)",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4010000000000000),
                Some(0x4014000000000000),
            ],
        ),
        (
            "floor(y * 0.7) + ceil(y * 0.3)",
            [
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4010000000000000),
                Some(0x4014000000000000),
                Some(0x4018000000000000),
                Some(0x401c000000000000),
                Some(0x4020000000000000),
                Some(0x4022000000000000),
            ],
        ),
        (
            "min(1, y - 5.5) * 10",
            [
                Some(0xc04b800000000000),
                Some(0xc046800000000000),
                Some(0xc041800000000000),
                Some(0xc039000000000000),
                Some(0xc02e000000000000),
                Some(0xc014000000000000),
                Some(0x4014000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
            ],
        ),
        (
            "sin(y) > 0.5 and 10 or 0",
            [
                Some(0x0000000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x4024000000000000),
                Some(0x4024000000000000),
                Some(0x0000000000000000),
            ],
        ),
        (
            "(sin(y) > 0) * 5",
            [
                Some(0x0000000000000000),
                Some(0x4014000000000000),
                Some(0x4014000000000000),
                Some(0x4014000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x4014000000000000),
                Some(0x4014000000000000),
                Some(0x4014000000000000),
            ],
        ),
        (
            "(sin(y) > 0) + (cos(y) > 0)",
            [
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
            ],
        ),
        (
            "abs(sin(y)) * 10",
            [
                Some(0x0000000000000000),
                Some(0x4020d454d965a815),
                Some(0x40222f9a52c310ac),
                Some(0x3ff6944689248ab2),
                Some(0x401e45a85553265a),
                Some(0x40232db139ac5fc0),
                Some(0x40065a6ded5ccb70),
                Some(0x401a478af3084c8a),
                Some(0x4023c983a41981ad),
                Some(0x40107c17e1c79dbb),
            ],
        ),
        (
            "round(sin(y) * 10) // 3",
            [
                Some(0x0000000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x0000000000000000),
                Some(0xc008000000000000),
                Some(0xc010000000000000),
                Some(0xbff0000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x3ff0000000000000),
            ],
        ),
        (
            "int(floor(y / 2.5))",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
            ],
        ),
        (
            "y // 2.5",
            [
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x0000000000000000),
                Some(0x3ff0000000000000),
                Some(0x3ff0000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4000000000000000),
                Some(0x4008000000000000),
                Some(0x4008000000000000),
            ],
        ),
    ];
    /// (expression, numpy result dtype, float32 bits) for transcendental functions (compared within 2 ulps)
    const PM_TRANS: &[(&str, &str, &[u32])] = &[
        (
            "sin(r) * 127 + 128",
            "Float32",
            &[
                0x43000000, 0x436adde8, 0x43737b14, 0x437b8626, 0x435b9261, 0x42cedb96, 0x43396763, 0x427ec0c8,
                0x427ec428, 0x42bd5b56, 0x4188bae0, 0x4311ec18, 0x4374d7e3, 0x436901da, 0x434b8dab, 0x42a5d87d,
                0x437efd22, 0x4343318a, 0x437ef066, 0x4097c630, 0x426ba326, 0x3f8ce4c0, 0x431bddf4, 0x43781250,
            ],
        ),
        (
            "cos(r / 10) * 127",
            "Float32",
            &[
                0x42fe0000, 0x42fcbb27, 0x42f8efda, 0x42fbbc4e, 0x42f71976, 0x42effe96, 0x42f4fb8e, 0x42ed0fe2,
                0xc2d51fc9, 0x421019b3, 0x424f4e42, 0x42f2a7cd, 0x42fc44db, 0x42f80da3, 0x42f61367, 0x42ee8fd9,
                0xc2fad1e3, 0xc2f59116, 0x419bd3fa, 0x42fbc3f9, 0x42893c9e, 0xc2e1dac7, 0xc2f33eda, 0x42577ba2,
            ],
        ),
        (
            "tan(r / 100) * 50",
            "Float32",
            &[
                0x00000000, 0x3f000118, 0x3f80045f, 0x43212e80, 0x43271146, 0x432d5c3a, 0xc2094ba6, 0xc2065f7a,
                0x429bbda3, 0x41da8560, 0xc2da8106, 0x3fc00ec0, 0x4214e8a4, 0x42180a76, 0xc30db4f3, 0xc30950a5,
                0x4189028c, 0x418d7ea8, 0x4241ef04, 0xc215678a, 0x40a08915, 0x42985e20, 0xc4d5f402, 0xc23733ec,
            ],
        ),
        (
            "exp(r / 50)",
            "Float32",
            &[
                0x3f800000, 0x3f8295f5, 0x3f853949, 0x414adfee, 0x414ef91b, 0x41532778, 0x4320c628, 0x4324059b,
                0x40ec7325, 0x402df855, 0x425a6481, 0x3f87ea43, 0x40662f58, 0x406ad5c1, 0x42366ab4, 0x423a1a14,
                0x3ff7a747, 0x3ffca806, 0x40954453, 0x431469c5, 0x3f9c56ed, 0x40e7c48e, 0x41c4429f, 0x42f30559,
            ],
        ),
        (
            "log(r + 1) * 40",
            "Float32",
            &[
                0x00000000, 0x41ddce9e, 0x422fc729, 0x434214ca, 0x4342647a, 0x4342b38e, 0x435da68a, 0x435dce9e,
                0x43389ad5, 0x431d45e5, 0x435421d7, 0x425dce9e, 0x4326f9ba, 0x43279611, 0x43524cc1, 0x435281f2,
                0x430d0dee, 0x430e36c4, 0x432e44b3, 0x435d04a4, 0x42bfd4e6, 0x433834f2, 0x434b4194, 0x435b6452,
            ],
        ),
        (
            "(r / 255) ** 2.2 * 255",
            "Float32",
            &[
                0x00000000, 0x3aa9b12e, 0x3bc2ecd0, 0x425c1466, 0x425fe8ff, 0x4263c6d2, 0x437cce20, 0x437f0000,
                0x42021493, 0x40e27bab, 0x43156c51, 0x3c6dd086, 0x4142ecd2, 0x4149b042, 0x43070746, 0x430896af,
                0x403593e2, 0x4041e744, 0x419264b2, 0x43742116, 0x3e521cc7, 0x41fe78b6, 0x42b6e9dc, 0x435f28fc,
            ],
        ),
        (
            "r ** 1.5 / 16",
            "Float32",
            &[
                0x00000000, 0x3d800000, 0x3e3504f3, 0x42b2e6f4, 0x42b504f3, 0x42b72511, 0x437d0180, 0x437e8060,
                0x427a0000, 0x41b0c6d6, 0x4330c6d6, 0x3ea646e2, 0x42000000, 0x420302fe, 0x4324fac2, 0x432646e2,
                0x413d9211, 0x4146409b, 0x4228eb07, 0x43770d8e, 0x3ffcfb72, 0x42764267, 0x42fcfb72, 0x43686106,
            ],
        ),
        (
            "pow(r, 0.7)",
            "Float32",
            &[
                0x00000000, 0x3f800000, 0x3fcfefc6, 0x41ed8c74, 0x41eedb3f, 0x41f02941, 0x4240f310, 0x42417b1c,
                0x41c8f36e, 0x4177664b, 0x4223390c, 0x400a1740, 0x4193088b, 0x4194a347, 0x421e0bc2, 0x421e9fec,
                0x4138f5f8, 0x413cdddb, 0x41a75a5e, 0x423ed141, 0x40a06141, 0x41c78ac9, 0x420b9e6b, 0x4239711f,
            ],
        ),
        (
            "exp(x / 3.0) + y",
            "Float64",
            &[
                0x3f800000, 0x3fb2a36e, 0x3ff94f59, 0x402df854, 0x4072cb74, 0x40a96c76, 0x40000000, 0x401951b7,
                0x403ca7ad, 0x406df854, 0x409965ba, 0x40c96c76, 0x40400000, 0x405951b7, 0x407ca7ad, 0x4096fc2a,
                0x40b965ba, 0x40e96c76, 0x40800000, 0x408ca8db, 0x409e53d6, 0x40b6fc2a, 0x40d965ba, 0x4104b63b,
            ],
        ),
        (
            "log(x + 1.0) * 10",
            "Float64",
            &[
                0x00000000, 0x40ddce9e, 0x412fc729, 0x415dce9e, 0x4180c14a, 0x418f573c, 0x00000000, 0x40ddce9e,
                0x412fc729, 0x415dce9e, 0x4180c14a, 0x418f573c, 0x00000000, 0x40ddce9e, 0x412fc729, 0x415dce9e,
                0x4180c14a, 0x418f573c, 0x00000000, 0x40ddce9e, 0x412fc729, 0x415dce9e, 0x4180c14a, 0x418f573c,
            ],
        ),
        (
            "tan(x / 7.0)",
            "Float64",
            &[
                0x00000000, 0x3e1349ff, 0x3e966694, 0x3ee9ede5, 0x3f249ab9, 0x3f5df440, 0x00000000, 0x3e1349ff,
                0x3e966694, 0x3ee9ede5, 0x3f249ab9, 0x3f5df440, 0x00000000, 0x3e1349ff, 0x3e966694, 0x3ee9ede5,
                0x3f249ab9, 0x3f5df440, 0x00000000, 0x3e1349ff, 0x3e966694, 0x3ee9ede5, 0x3f249ab9, 0x3f5df440,
            ],
        ),
        (
            "sin(x * 0.37) * 1000",
            "Float64",
            &[
                0x00000000, 0x43b4cec6, 0x4428926d, 0x445fecb7, 0x4478f860, 0x4470519d, 0x00000000, 0x43b4cec6,
                0x4428926d, 0x445fecb7, 0x4478f860, 0x4470519d, 0x00000000, 0x43b4cec6, 0x4428926d, 0x445fecb7,
                0x4478f860, 0x4470519d, 0x00000000, 0x43b4cec6, 0x4428926d, 0x445fecb7, 0x4478f860, 0x4470519d,
            ],
        ),
        (
            "cos(r * 1.0) + 0 * x",
            "Float64",
            &[
                0x3f800000, 0x3f0a5140, 0xbed51132, 0x3e6def8b, 0xbf31619f, 0xbf7b29bb, 0xbf645b53, 0xbf5cbfee,
                0x3f5cc0ee, 0x3f770803, 0x3ef970a9, 0xbf7d7026, 0x3ec8a183, 0xbf0ffcfa, 0xbf4dc567, 0xbf6f54ef,
                0xbc5986b7, 0xbf593be7, 0xbcfdbf5a, 0x3e76c5a3, 0xbf56cd64, 0x3d231b38, 0xbf79c2d8, 0x3ea6cccf,
            ],
        ),
    ];
    /// (f64 bits, float16 value as f32 bits)
    const F16_CASES: &[(u64, u32)] = &[
        (0x3fb999999999999a, 0x3dccc000),
        (0x3fd5555555555555, 0x3eaaa000),
        (0x4004000000000000, 0x40200000),
        (0x40effc0000000000, 0x477fe000),
        (0x40effdffae147ae1, 0x477fe000),
        (0x40effe0000000000, 0x7f800000),
        (0x3ee4f8b588e368f1, 0x37280000),
        (0x3e701b2b29a4692b, 0x33800000),
        (0x3e601b2b29a4692b, 0x33800000),
        (0x3e5fff5c939522db, 0x00000000),
        (0xbfe6666666666666, 0xbf334000),
        (0x408f426666666666, 0x447a2000),
        (0x40a0020000000000, 0x45000000),
        (0x40a0060000000000, 0x45004000),
        (0x3f10000000000000, 0x38800000),
        (0x3e6fff5c939522db, 0x33800000),
    ];
}
