//! Pixel operations: PixelFilter, PixelMath, and PixelSort (in [`super::pixel_sort`])
//! (docs/spec.md §3.1–3.3).
//!
//! The original converts every image to RGBA first; here kernels work on 3 or 4 channels
//! directly wherever that gives the same bytes (RGB pixels read as alpha 255, and whatever a
//! step writes to alpha is dropped again when the result goes back to RGB).

use super::pixel_sort::{PixelSort, SortParams};
use crate::core::expr::{self, Expr, ExprError, Input, Ty, SAFE_FUNCTIONS};
use crate::core::params::{choice, params, Kind, ParamSpec};
use crate::core::select::prime_table;
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::{with_channels, Band, BandMut, Image};
use std::ops::Range;

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "PixelFilter",
        family: "pixel",
        summary: "Keep pixels whose index meets a condition; fill the others with a colour",
        params: FilterParams::PARAMS,
        version: 1,
        example: r#"{"condition": "prime"}"#,
        build: build_filter,
    },
    OpSpec {
        name: "PixelMath",
        family: "pixel",
        summary: "Set channels to an expression of the pixel's channels and position",
        params: MathParams::PARAMS,
        version: 1,
        example: r#"{"expression": "r * 1.1 + 20"}"#,
        build: |p| Ok(Box::new(build_math(p)?)),
    },
    OpSpec {
        name: "PixelSort",
        family: "pixel",
        summary: "Sort pixels along rows, columns or the main diagonal by a key",
        params: SortParams::PARAMS,
        version: 1,
        example: r#"{"direction": "horizontal", "sort_by": "brightness"}"#,
        build: |p| Ok(Box::new(PixelSort::new(p.decode()?))),
    },
];

// ---------------------------------------------------------------------------------------
// PixelFilter

choice! {
    enum Condition { Prime = "prime", Odd = "odd", Even = "even", Fibonacci = "fibonacci", Custom = "custom" }
}

choice! {
    enum IndexMode { Linear = "linear", TwoD = "2d" }
}

params! {
    struct FilterParams {
        condition: Condition => ParamSpec::new(Condition::KIND, "\"prime\"", "which pixel indices are kept"),
        custom_expression: Option<String> => ParamSpec::new(
            Kind::Expression,
            "null",
            "keep condition for condition=custom (non-zero keeps); variables i (linear index y*width+x), \
             x, y, width, height",
        ),
        fill_color: [u8; 4] => ParamSpec::new(
            Kind::Color { len: 4 },
            "[0, 0, 0, 0]",
            "colour of the pixels not kept; an RGB image stays RGB only if its alpha is 255",
        ),
        /// Declared but, as in the original, without effect.
        #[allow(dead_code)]
        preserve_alpha: bool => ParamSpec::new(Kind::Bool, "true", "accepted for compatibility; has no effect"),
        index_mode: IndexMode => ParamSpec::new(
            IndexMode::KIND,
            "\"linear\"",
            "linear: test i = y*width+x; 2d: test row and column separately (prime/odd/even only)",
        ),
    }
}

fn build_filter(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: FilterParams = p.decode()?;
    let rule = match (p.condition, &p.custom_expression) {
        (Condition::Custom, None) => {
            return Err(Error::param(
                "custom_expression",
                "is required when condition is \"custom\" (an expression of i, x, y, width, height)",
            ))
        }
        (Condition::Custom, Some(src)) => Rule::Custom(compile("custom_expression", src, &FILTER_VARS)?),
        (c, Some(src)) => {
            let condition = format!("{c:?}").to_lowercase();
            return Err(Error::param(
                "custom_expression",
                format!("is only allowed with condition \"custom\", got {src:?} with condition \"{condition}\""),
            ));
        }
        (Condition::Prime, None) => Rule::Prime,
        (Condition::Odd, None) => Rule::Odd,
        (Condition::Even, None) => Rule::Even,
        (Condition::Fibonacci, None) => Rule::Fibonacci,
    };
    Ok(Box::new(PixelFilter { rule, fill: p.fill_color, two_d: p.index_mode == IndexMode::TwoD }))
}

/// Variables of PixelFilter's custom expression: the original's `i` (int64 array), plus the
/// advertised `x`, `y`, `width`, `height` (docs/spec.md §7, 16).
const FILTER_VARS: [(&str, Ty); 5] =
    [("i", Ty::Int64), ("x", Ty::Int64), ("y", Ty::Int64), ("width", Ty::PyInt), ("height", Ty::PyInt)];

/// Parses and type-checks an expression parameter once, at construction.
fn compile(param: &str, src: &str, vars: &[(&str, Ty)]) -> Result<Expr> {
    Expr::compile(src, vars, &SAFE_FUNCTIONS).map_err(|m| {
        let names: Vec<&str> = vars.iter().map(|(n, _)| *n).collect();
        Error::param(
            param,
            format!(
                "{m} in {}; variables: {}; functions: {}",
                crate::core::expr::quoted(src),
                names.join(", "),
                SAFE_FUNCTIONS.join(", ")
            ),
        )
    })
}

/// The condition with its expression compiled.
#[derive(Debug)]
enum Rule {
    Prime,
    Odd,
    Even,
    Fibonacci,
    Custom(Expr),
}

/// Replaces every pixel whose index fails the condition by `fill` (all four channels).
#[derive(Debug)]
pub struct PixelFilter {
    rule: Rule,
    fill: [u8; 4],
    /// `index_mode` 2d: prime/odd/even test row and column separately.
    two_d: bool,
}

/// The keep rule of one call, resolved for the image size: what a row's keep flags need.
enum KeepRule<'a> {
    /// Linear odd/even: `(y*W + x) % 2 == odd`.
    Parity { odd: bool },
    /// 2d rules: row flag and column flag must both hold.
    Grid { rows: Vec<bool>, cols: Vec<bool> },
    /// Linear prime: a segmented sieve per row. The multiples of the primes up to 13 come
    /// from `wheel` (one period of them, 30030 flags: a copy instead of 1.3 stores per
    /// pixel); `base` holds the other primes up to sqrt(W*H).
    Primes { base: Vec<usize>, wheel: Vec<bool> },
    /// Linear fibonacci: the Fibonacci numbers below W*H, ascending.
    Fibonacci(Vec<usize>),
    /// The custom expression, evaluated a row at a time (non-zero keeps; NaN is truthy).
    Custom { expr: &'a Expr, xs: Vec<i64>, height: usize },
}

/// The primes the prime sieve's wheel takes care of, and the wheel's period (their product).
const WHEEL_PRIMES: [usize; 6] = [2, 3, 5, 7, 11, 13];
const WHEEL: usize = 30030;

/// Per-task buffers of [`KeepRule::row`].
struct RowScratch {
    keep: Vec<bool>,
    /// The prime sieve's next odd multiple of each `base` prime, valid for row `next_row`
    /// (rows of a task come in order, so only its first row divides).
    next: Vec<usize>,
    next_row: Option<usize>,
    /// Linear indices of the row (custom expressions).
    index: Vec<i64>,
    values: Vec<f64>,
}

impl RowScratch {
    fn new(width: usize) -> RowScratch {
        RowScratch { keep: vec![false; width], next: Vec::new(), next_row: None, index: Vec::new(), values: Vec::new() }
    }
}

impl<'a> KeepRule<'a> {
    fn new(f: &'a PixelFilter, width: usize, height: usize) -> KeepRule<'a> {
        let total = width * height;
        let parity = |n: usize, odd: bool| (0..n).map(|v| (v % 2 == 1) == odd).collect::<Vec<bool>>();
        match (&f.rule, f.two_d) {
            (Rule::Prime, true) => KeepRule::Grid { rows: prime_table(height), cols: prime_table(width) },
            (Rule::Odd, true) => KeepRule::Grid { rows: parity(height, true), cols: parity(width, true) },
            (Rule::Even, true) => KeepRule::Grid { rows: parity(height, false), cols: parity(width, false) },
            (Rule::Odd, false) => KeepRule::Parity { odd: true },
            (Rule::Even, false) => KeepRule::Parity { odd: false },
            (Rule::Prime, false) => {
                let table = prime_table(isqrt(total) + 1);
                let base = (WHEEL_PRIMES[5] + 1..table.len()).filter(|&p| table[p]).collect();
                let wheel = (0..WHEEL).map(|v| WHEEL_PRIMES.iter().all(|p| v % p != 0)).collect();
                KeepRule::Primes { base, wheel }
            }
            // Fibonacci and custom in 2d mode fall back to the linear rule, as in the original
            // (custom expressions see x and y anyway).
            (Rule::Custom(expr), _) => KeepRule::Custom { expr, xs: (0..width as i64).collect(), height },
            (Rule::Fibonacci, _) => {
                let mut fibs = Vec::new();
                let (mut a, mut b) = (0usize, 1usize);
                while a < total {
                    fibs.push(a);
                    (a, b) = (b, a + b);
                }
                KeepRule::Fibonacci(fibs)
            }
        }
    }

    /// Keep flags of row `y` into `s.keep` (whose length is the width).
    fn row(&self, y: usize, s: &mut RowScratch) -> Result<()> {
        let RowScratch { keep, next, next_row, .. } = s;
        let w = keep.len();
        let lo = y * w;
        match self {
            KeepRule::Parity { odd } => {
                for (x, k) in keep.iter_mut().enumerate() {
                    *k = ((lo + x) % 2 == 1) == *odd;
                }
            }
            KeepRule::Grid { rows, cols } => {
                if rows[y] {
                    keep.copy_from_slice(cols);
                } else {
                    keep.fill(false);
                }
            }
            KeepRule::Primes { base, wheel } => {
                let hi = lo + w;
                let (mut i, mut at) = (0, lo % WHEEL);
                while i < w {
                    let n = (w - i).min(WHEEL - at);
                    keep[i..i + n].copy_from_slice(&wheel[at..at + n]);
                    (i, at) = (i + n, 0);
                }
                // The wheel strikes out its own primes, and keeps 1.
                for v in lo..hi.min(WHEEL_PRIMES[5] + 1) {
                    keep[v - lo] = WHEEL_PRIMES.contains(&v);
                }
                // The wheel struck out the even numbers: only odd multiples are left to strike.
                let odd = |m: usize, p: usize| if (m / p).is_multiple_of(2) { m + p } else { m };
                if *next_row != Some(y) {
                    *next = base.iter().map(|&p| odd((p * p).max(lo.div_ceil(p) * p), p)).collect();
                }
                for (&p, m) in base.iter().zip(next.iter_mut()) {
                    if p * p >= hi {
                        break;
                    }
                    while *m < hi {
                        keep[*m - lo] = false;
                        *m += 2 * p;
                    }
                }
                *next_row = Some(y + 1);
            }
            KeepRule::Fibonacci(fibs) => {
                keep.fill(false);
                let start = fibs.partition_point(|&f| f < lo);
                for &f in fibs[start..].iter().take_while(|&&f| f < lo + w) {
                    keep[f - lo] = true;
                }
            }
            KeepRule::Custom { expr, xs, height } => {
                s.index.clear();
                s.index.extend(xs.iter().map(|&x| lo as i64 + x));
                let inputs = [
                    Input::I64(&s.index),
                    Input::I64(xs),
                    Input::Int(y as i64),
                    Input::Int(w as i64),
                    Input::Int(*height as i64),
                ];
                expr.eval(&inputs, w, &mut s.values).map_err(|source| Error::Expression {
                    context: "Custom expression evaluation failed".into(),
                    source,
                })?;
                for (k, &v) in keep.iter_mut().zip(&s.values) {
                    *k = v != 0.0;
                }
            }
        }
        Ok(())
    }
}

/// Integer square root (floor).
fn isqrt(n: usize) -> usize {
    let mut r = (n as f64).sqrt() as usize;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    r
}

impl PixelFilter {
    fn out_channels(&self, input: u8) -> u8 {
        super::fill_channels(input, &self.fill)
    }

    /// Fills the rejected pixels of `img` in place (output channels == input channels).
    fn filter_in_place(&self, img: &mut Image) -> Result<()> {
        let (w, h, c) = (img.width() as usize, img.height() as usize, img.channels() as usize);
        let rule = KeepRule::new(self, w, h);
        let fill = &self.fill[..c];
        BandMut::whole(img).try_par_rows(
            || RowScratch::new(w),
            |s, y, row| {
                rule.row(y as usize, s)?;
                fill_rejected(row, &s.keep, fill);
                Ok(())
            },
        )
    }
}

/// Replaces the pixels of `row` whose keep flag is false by `fill` (one pixel).
fn fill_rejected(row: &mut [u8], keep: &[bool], fill: &[u8]) {
    fn fill_c<const C: usize>(row: &mut [u8], keep: &[bool], fill: &[u8]) {
        let fill: [u8; C] = fill.try_into().expect("one pixel");
        for (px, &k) in row.chunks_exact_mut(C).zip(keep) {
            if !k {
                px.copy_from_slice(&fill);
            }
        }
    }
    with_channels!(fill.len(), |C| fill_c::<C>(row, keep, fill))
}

/// [`PixelFilter`] prepared for an image size: its keep rule resolved.
struct Filter<'a> {
    rule: KeepRule<'a>,
    fill: [u8; 4],
    width: usize,
    channels: u8,
    out_channels: u8,
}

impl Generator for Filter<'_> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let (c, oc) = (self.channels, self.out_channels);
        out.try_par_rows(
            || RowScratch::new(self.width),
            |s, y, row| {
                self.rule.row(y as usize, s)?;
                if oc == c {
                    row.copy_from_slice(src.row(y));
                    fill_rejected(row, &s.keep, &self.fill[..oc as usize]);
                } else {
                    // RGB in, RGBA out (a fill with alpha): one pass.
                    for ((d, p), &k) in row.chunks_exact_mut(4).zip(src.row(y).chunks_exact(3)).zip(&s.keep) {
                        if k {
                            d.copy_from_slice(&[p[0], p[1], p[2], 255]);
                        } else {
                            d.copy_from_slice(&self.fill);
                        }
                    }
                }
                Ok(())
            },
        )
    }
}

impl PixelFilter {
    fn prepared(&self, ctx: &Context) -> Filter<'_> {
        let (w, h) = (ctx.width as usize, ctx.height as usize);
        let out_channels = self.out_channels(ctx.channels);
        Filter { rule: KeepRule::new(self, w, h), fill: self.fill, width: w, channels: ctx.channels, out_channels }
    }
}

impl Operation for PixelFilter {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let mut out = ctx.with_channels(self.out_channels(ctx.channels));
        if let Rule::Custom(e) = &self.rule {
            if !e.is_per_lane() {
                out.warn(format!(
                    "PixelFilter: custom_expression {:?} does not depend on i, x or y, so it keeps every pixel or none",
                    e.source()
                ));
            }
        }
        Ok(out)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        let g = self.prepared(ctx);
        generate_whole(&g, src, (src.width(), src.height(), g.out_channels))
    }

    fn apply_in_place(&self, img: &mut Image, ctx: &Context) -> Result<()> {
        if self.in_place(ctx) {
            self.filter_in_place(img)
        } else {
            *img = self.apply(img, ctx)?;
            Ok(())
        }
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.out_channels(ctx.channels) == ctx.channels
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        InputRows::Rows(out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx))))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.total_pixels() * self.out_channels(ctx.channels) as u64
    }
}

// ---------------------------------------------------------------------------------------
// PixelMath

params! {
    struct MathParams {
        expression: String => ParamSpec::required(
            Kind::Expression,
            "value for the affected channels; variables r, g, b, a (float32, or int32 when the text uses \
             ^ & | << >>), x, y, width, height; functions sin cos tan sqrt abs min max floor ceil round log \
             exp pow int float",
        ),
        affect_red: bool => ParamSpec::new(Kind::Bool, "true", "write the result to red"),
        affect_green: bool => ParamSpec::new(Kind::Bool, "true", "write the result to green"),
        affect_blue: bool => ParamSpec::new(Kind::Bool, "true", "write the result to blue"),
        affect_alpha: bool => ParamSpec::new(Kind::Bool, "false", "write the result to alpha (lost on RGB images)"),
        clamp: bool => ParamSpec::new(
            Kind::Bool,
            "true",
            "clip results to 0..255; otherwise they wrap (trunc(v) mod 256, NaN and infinities give 0)",
        ),
    }
}

fn build_math(p: &Parsed) -> Result<PixelMath> {
    let p: MathParams = p.decode()?;
    let affect = [p.affect_red, p.affect_green, p.affect_blue, p.affect_alpha];
    if !affect.contains(&true) {
        return Err(Error::param(
            "affect_red",
            "must affect at least one channel: affect_red, affect_green, affect_blue and affect_alpha are all false",
        ));
    }
    // The original's integer mode: bitwise operators in the text make r, g, b, a int32.
    let integer = expr::has_integer_ops(&p.expression);
    let channel = if integer { Ty::Int32 } else { Ty::Float32 };
    let vars = [
        ("r", channel),
        ("g", channel),
        ("b", channel),
        ("a", channel),
        ("x", Ty::Int64),
        ("y", Ty::Int64),
        ("width", Ty::PyInt),
        ("height", Ty::PyInt),
    ];
    let expr = compile("expression", &p.expression, &vars)?;
    Ok(PixelMath { expr, integer, affect, clamp: p.clamp })
}

/// Writes `expr(r, g, b, a, x, y, width, height)` into the affected channels, with numpy's
/// dtype semantics (the expression module) and the original's float32 store, clip and cast.
#[derive(Debug)]
pub struct PixelMath {
    expr: Expr,
    /// r, g, b, a are int32 rather than float32.
    integer: bool,
    affect: [bool; 4],
    clamp: bool,
}

/// One row's channels as the expression sees them.
enum Planes {
    F32([Vec<f32>; 4]),
    I32([Vec<i32>; 4]),
}

/// Per-task buffers of [`PixelMath`].
struct MathScratch {
    planes: Planes,
    values: Vec<f64>,
}

impl PixelMath {
    /// The affected channels that exist in a `channels`-channel image. Alpha written to an RGB
    /// image is dropped with the alpha when the original converts back, so it is skipped.
    fn targets(&self, channels: u8) -> Vec<usize> {
        (0..channels as usize).filter(|&k| self.affect[k]).collect()
    }

    /// Prepared for an image size: the lookup table, when the expression has one.
    fn prepared(&self, ctx: &Context) -> Result<Math<'_>> {
        let table = self.lookup_table(ctx.width, ctx.height)?;
        Ok(Math { op: self, table, height: ctx.height, channels: ctx.channels })
    }

    /// When the expression reads at most one of r, g, b, a and neither x nor y, every result
    /// byte is a function of that channel's byte: the 256 results, computed by the same
    /// evaluator (same dtypes, same store, clip and cast), make a table, and the image is one
    /// lookup per pixel. Returns the channel read (0 when none is) and the table.
    fn lookup_table(&self, width: u32, height: u32) -> Result<Option<(usize, [u8; 256])>> {
        let read: Vec<usize> = (0..4).filter(|&k| self.expr.uses(k)).collect();
        if read.len() > 1 || self.expr.uses(4) || self.expr.uses(5) {
            return Ok(None);
        }
        let source = read.first().copied().unwrap_or(0);
        let bytes: Vec<u8> = (0..=255).collect();
        let (floats, ints): (Vec<f32>, Vec<i32>) = bytes.iter().map(|&v| (v as f32, v as i32)).unzip();
        let channel = |k: usize| match (self.integer, k == source) {
            (false, true) => Input::F32(&floats),
            (true, true) => Input::I32(&ints),
            (false, false) => Input::Float(0.0),
            (true, false) => Input::Int(0),
        };
        let xs = [0i64; 256];
        let inputs = math_inputs(channel, &xs, 0, width as usize, height as usize);
        let mut values = Vec::with_capacity(256);
        self.expr.eval(&inputs, 256, &mut values).map_err(failed)?;
        let mut table = [0u8; 256];
        for (t, &v) in table.iter_mut().zip(&values) {
            *t = to_byte(v, self.clamp);
        }
        Ok(Some((source, table)))
    }

    /// The table path of [`PixelMath::lookup_table`]. An RGB image's alpha reads as 255.
    fn run_table<const C: usize>(&self, rows: BandMut<'_>, source: usize, table: &[u8; 256]) {
        let write: [bool; C] = std::array::from_fn(|k| self.affect[k]);
        rows.par_rows(|_, row| {
            let px = row.as_chunks_mut::<C>().0;
            let at = |p: &[u8; C]| table[if source < C { p[source] as usize } else { 255 }];
            if write[..3] == [true; 3] && (C == 3 || !write[C - 1]) {
                // The usual case, R, G and B: a loop without a test per channel.
                for p in px {
                    let byte = at(p);
                    p[..3].fill(byte);
                }
            } else {
                for p in px {
                    let byte = at(p);
                    for k in (0..C).filter(|&k| write[k]) {
                        p[k] = byte;
                    }
                }
            }
        });
    }

    /// The general path: the expression over every row's planes.
    fn run_expression<const C: usize>(&self, rows: BandMut<'_>, height: u32) -> Result<()> {
        let (w, h) = (rows.width() as usize, height as usize);
        let targets = self.targets(C as u8);
        let xs: Vec<i64> = (0..w as i64).collect();
        let scratch = || MathScratch {
            planes: if self.integer {
                Planes::I32(std::array::from_fn(|_| vec![0; w]))
            } else {
                Planes::F32(std::array::from_fn(|_| vec![0.0; w]))
            },
            values: Vec::with_capacity(w),
        };
        rows.try_par_rows(scratch, |s, y, row| {
            let y = y as usize;
            let px = row.as_chunks_mut::<C>().0;
            match &mut s.planes {
                Planes::F32(p) => deinterleave(px, p, |v| v as f32),
                Planes::I32(p) => deinterleave(px, p, |v| v as i32),
            }
            // An RGB image's alpha is 255 everywhere (the original's RGBA conversion).
            let chan = |k: usize| -> Input<'_> {
                match (&s.planes, k < C) {
                    (Planes::F32(p), true) => Input::F32(&p[k]),
                    (Planes::I32(p), true) => Input::I32(&p[k]),
                    (Planes::F32(_), false) => Input::Float(255.0),
                    (Planes::I32(_), false) => Input::Int(255),
                }
            };
            let inputs = math_inputs(chan, &xs, y, w, h);
            self.expr.eval(&inputs, w, &mut s.values).map_err(failed)?;
            for (p, &v) in px.iter_mut().zip(&s.values) {
                let byte = to_byte(v, self.clamp);
                for &k in &targets {
                    p[k] = byte;
                }
            }
            Ok(())
        })
    }
}

/// PixelMath's variables in their declared order: r, g, b, a (from `channel`), x, y,
/// width, height.
/// A PixelMath evaluation error, as the step reports it.
fn failed(source: ExprError) -> Error {
    Error::Expression { context: "PixelMath failed".into(), source }
}

fn math_inputs<'a>(
    channel: impl Fn(usize) -> Input<'a>,
    xs: &'a [i64],
    y: usize,
    w: usize,
    h: usize,
) -> [Input<'a>; 8] {
    [
        channel(0),
        channel(1),
        channel(2),
        channel(3),
        Input::I64(xs),
        Input::Int(y as i64),
        Input::Int(w as i64),
        Input::Int(h as i64),
    ]
}

/// Splits a row of pixels into per-channel planes (channels beyond `C` are left alone).
fn deinterleave<const C: usize, T: Copy>(px: &[[u8; C]], planes: &mut [Vec<T>; 4], conv: impl Fn(u8) -> T) {
    for (k, plane) in planes.iter_mut().enumerate().take(C) {
        for (d, p) in plane.iter_mut().zip(px) {
            *d = conv(p[k]);
        }
    }
}

/// The original's store of a result into the float32 pixel array, then `clip(0, 255)` (if
/// `clamp`) and the cast to uint8. Without clamping, values wrap: `trunc(v) mod 256` for
/// finite values, 0 for NaN and infinities (docs/spec.md §7, 17). NaN also gives 0 when clamping.
fn to_byte(v: f64, clamp: bool) -> u8 {
    let v = v as f32;
    if v.is_nan() {
        0
    } else if clamp {
        v.clamp(0.0, 255.0) as u8
    } else if v.is_finite() {
        (v.trunc() as f64).rem_euclid(256.0) as u8
    } else {
        0
    }
}

impl Operation for PixelMath {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let mut out = ctx.clone();
        if self.targets(ctx.channels).is_empty() {
            out.warn("PixelMath: only alpha is affected and the image has no alpha channel; nothing changes");
        }
        Ok(out)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        generate_whole(&self.prepared(ctx)?, src, (src.width(), src.height(), src.channels()))
    }

    fn apply_in_place(&self, img: &mut Image, ctx: &Context) -> Result<()> {
        self.prepared(ctx)?.change(BandMut::whole(img))
    }

    fn in_place(&self, _ctx: &Context) -> bool {
        true
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        InputRows::Rows(out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx)?)))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.memory_estimate()
    }
}

/// [`PixelMath`] prepared for an image size.
struct Math<'a> {
    op: &'a PixelMath,
    table: Option<(usize, [u8; 256])>,
    height: u32,
    channels: u8,
}

impl Math<'_> {
    /// Computes the rows of `rows` in place.
    fn change(&self, rows: BandMut<'_>) -> Result<()> {
        crate::image::with_channels!(self.channels, |C| {
            if self.op.targets(C as u8).is_empty() {
                return Ok(());
            }
            match &self.table {
                Some((source, table)) => {
                    self.op.run_table::<C>(rows, *source, table);
                    Ok(())
                }
                None => self.op.run_expression::<C>(rows, self.height),
            }
        })
    }
}

impl Generator for Math<'_> {
    fn generate(&self, src: Band<'_>, mut out: BandMut<'_>) -> Result<()> {
        if self.table.is_none() {
            out.copy_rows(src);
            return self.change(out);
        }
        // A table: each band of about 64 KiB copied and looked up while in the cache, one
        // pass over memory.
        let (w, c, stride, first) = (out.width(), out.channels(), out.stride(), out.rows().start);
        crate::image::par_row_bands(out.into_bytes(), stride, |y, band| {
            let y = first + y as u32;
            let mut rows = BandMut::new(w, c, y, band);
            rows.copy_rows(src);
            self.change(rows).expect("a table lookup cannot fail");
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::numbered_grid;
    use crate::ops::testing::*;
    use serde_json::json;

    // ----- PixelFilter -------------------------------------------------------------------

    #[test]
    fn filter_prime_keeps_prime_indices() {
        // T3: on a 4×4 numbered grid exactly {2, 3, 5, 7, 11, 13} are kept.
        let out = run("PixelFilter", json!({}), &numbered_grid(4, 4, 3));
        assert_eq!(out.channels(), 4);
        assert_eq!(plane(&out, 3), "0 0 255 255 | 0 255 0 255 | 0 0 0 255 | 0 255 0 0");
        let out = run("PixelFilter", json!({"fill_color": [255, 0, 0, 255]}), &numbered_grid(4, 4, 3));
        assert_eq!(out.channels(), 3);
        assert_eq!(plane(&out, 0), "255 255 2 3 | 255 5 255 7 | 255 255 255 11 | 255 13 255 255");
        assert_eq!(plane(&out, 1), "0 0 2 3 | 0 5 0 7 | 0 0 0 11 | 0 13 0 0");
    }

    #[test]
    fn the_prime_sieve_keeps_exactly_the_prime_indices() {
        // Primes past the wheel's (13) and rows taken in and out of order by the tasks.
        let (w, h) = (331, 307);
        let out = run("PixelFilter", json!({"fill_color": [0, 0, 0, 255]}), &Image::filled(w, h, &[200, 200, 200]));
        let primes = crate::core::select::prime_table((w * h) as usize);
        for (i, px) in out.as_bytes().chunks_exact(3).enumerate() {
            assert_eq!(px[0] == 200, primes[i], "index {i}");
        }
    }

    #[test]
    fn filter_spec_vectors() {
        let g = numbered_grid(4, 4, 3);
        let fill = json!([9, 9, 9, 255]);
        let out = run("PixelFilter", json!({"condition": "fibonacci", "fill_color": fill}), &g);
        assert_eq!(plane(&out, 0), "0 1 2 3 | 9 5 9 9 | 8 9 9 9 | 9 13 9 9");
        let out = run("PixelFilter", json!({"condition": "odd", "index_mode": "2d", "fill_color": fill}), &g);
        assert_eq!(plane(&out, 0), "9 9 9 9 | 9 5 9 7 | 9 9 9 9 | 9 13 9 15");
        let out = run("PixelFilter", json!({"condition": "prime", "index_mode": "2d", "fill_color": fill}), &g);
        assert_eq!(plane(&out, 0), "9 9 9 9 | 9 9 9 9 | 9 9 10 11 | 9 9 14 15");
        let out = run("PixelFilter", json!({"condition": "even", "index_mode": "2d", "fill_color": fill}), &g);
        assert_eq!(plane(&out, 0), "0 9 2 9 | 9 9 9 9 | 8 9 10 9 | 9 9 9 9");
        let out = run("PixelFilter", json!({"condition": "odd", "fill_color": fill}), &g);
        assert_eq!(plane(&out, 0), "9 1 9 3 | 9 5 9 7 | 9 9 9 11 | 9 13 9 15");
        // fibonacci falls back to the linear rule in 2d mode.
        let out = run("PixelFilter", json!({"condition": "fibonacci", "index_mode": "2d", "fill_color": fill}), &g);
        assert_eq!(plane(&out, 0), "0 1 2 3 | 9 5 9 9 | 8 9 9 9 | 9 13 9 9");
    }

    #[test]
    fn filter_fill_replaces_all_four_channels() {
        // T1: a single pixel (index 0, not prime) becomes the fill colour, alpha included.
        let img = Image::filled(1, 1, &[128, 128, 128, 255]);
        assert_eq!(run("PixelFilter", json!({"fill_color": [255, 0, 0, 255]}), &img).as_bytes(), &[255, 0, 0, 255]);
        let img = Image::filled(2, 1, &[1, 2, 3, 4]);
        let out = run("PixelFilter", json!({"condition": "even", "fill_color": [5, 6, 7, 8]}), &img);
        assert_eq!(out.as_bytes(), &[1, 2, 3, 4, 5, 6, 7, 8]);
        // T8: thin images keep their size; RGB with a translucent fill becomes RGBA.
        for (w, h) in [(100, 1), (1, 100), (200, 2), (3, 150)] {
            let out = run(
                "PixelFilter",
                json!({"condition": "even", "fill_color": [255, 0, 0, 128]}),
                &numbered_grid(w, h, 3),
            );
            assert_eq!((out.width(), out.height(), out.channels()), (w, h, 4));
            assert_eq!(out.pixel(w - 1, h - 1)[3], if (w * h - 1) % 2 == 0 { 255 } else { 128 });
        }
    }

    #[test]
    fn filter_tables_match_whole_image_definitions() {
        // Row-wise sieving and fibonacci lookup agree with the definitions over i = y*W + x,
        // on a size whose rows straddle many primes and several Fibonacci numbers.
        let (w, h) = (97u32, 53u32);
        let img = noise(w, h, 4, 1);
        let primes = prime_table((w * h) as usize);
        let mut fib = vec![false; (w * h) as usize];
        let (mut a, mut b) = (0usize, 1usize);
        while a < fib.len() {
            fib[a] = true;
            (a, b) = (b, a + b);
        }
        for (cond, table) in [("prime", &primes), ("fibonacci", &fib)] {
            let out = run("PixelFilter", json!({"condition": cond, "fill_color": [1, 2, 3, 4]}), &img);
            for (i, (o, s)) in out.as_bytes().chunks(4).zip(img.as_bytes().chunks(4)).enumerate() {
                assert_eq!(o, if table[i] { s } else { &[1, 2, 3, 4][..] }, "{cond} at {i}");
            }
        }
    }

    #[test]
    fn filter_parameter_errors() {
        // T10: unknown conditions are rejected at construction.
        for bad in ["invalid_condition", "all"] {
            let e = build_err("PixelFilter", json!({"condition": bad}));
            assert!(e.contains("`condition`") && e.contains(bad), "{e}");
        }
        let e = build_err("PixelFilter", json!({"condition": "custom"}));
        assert!(e.contains("`custom_expression`") && e.contains("required"), "{e}");
        let e = build_err("PixelFilter", json!({"condition": "odd", "custom_expression": "i % 2"}));
        assert!(e.contains("`custom_expression`") && e.contains("with condition \"odd\""), "{e}");
        let e = build_err("PixelFilter", json!({"fill_color": [0, 0, 256, 0]}));
        assert!(e.contains("`fill_color`") && e.contains("256"), "{e}");
        let e = build_err("PixelFilter", json!({"fill_color": [0, 0, 0]}));
        assert!(e.contains("`fill_color`"), "{e}");
    }

    #[test]
    fn filter_is_row_local() {
        let f = op("PixelFilter", json!({}));
        assert_eq!(f.footprint(&Context::new(10, 10, 3), 3..7), InputRows::Rows(3..7));
        let ctx = Context::new(10, 10, 3);
        assert_eq!(f.validate(&ctx).unwrap().channels, 4);
        assert_eq!(op("PixelFilter", json!({"fill_color": [0, 0, 0, 255]})).validate(&ctx).unwrap().channels, 3);
    }

    #[test]
    fn filter_custom_expressions() {
        let g = numbered_grid(4, 4, 3);
        let fill = json!([9, 9, 9, 255]);
        let custom = |e: &str, mode: &str| {
            let params = json!({"condition": "custom", "custom_expression": e, "fill_color": fill, "index_mode": mode});
            plane(&run("PixelFilter", params, &g), 0)
        };
        assert_eq!(custom("i % 3 == 0", "linear"), "0 9 9 3 | 9 9 6 9 | 9 9 9 9 | 12 9 9 15");
        assert_eq!(custom("i % 3 == 0", "2d"), "0 9 9 3 | 9 9 6 9 | 9 9 9 9 | 12 9 9 15");
        // The superset: x, y, width, height and functions (docs/spec.md §7, 16).
        assert_eq!(custom("x == y", "linear"), "0 9 9 9 | 9 5 9 9 | 9 9 10 9 | 9 9 9 15");
        assert_eq!(custom("x >= width - 1 or y == height - 4", "linear"), "0 1 2 3 | 9 9 9 7 | 9 9 9 11 | 9 9 9 15");
        assert_eq!(custom("max(x, y) < 2", "linear"), "0 1 9 9 | 4 5 9 9 | 9 9 9 9 | 9 9 9 9");
        // A constant broadcasts (the original could not reshape it); NaN is truthy.
        assert_eq!(custom("1", "linear"), plane(&g, 0));
        assert_eq!(custom("0", "linear"), "9 9 9 9 | 9 9 9 9 | 9 9 9 9 | 9 9 9 9");
        assert_eq!(custom("i / 0 + 1", "linear"), plane(&g, 0));
        let warnings = |e: &str| {
            let params = json!({"condition": "custom", "custom_expression": e});
            op("PixelFilter", params).validate(&Context::new(4, 4, 3)).unwrap().warnings
        };
        assert!(warnings("1")[0].contains("keeps every pixel or none"));
        assert!(warnings("x > 1").is_empty());
        // Translucent fill: RGB becomes RGBA, kept pixels opaque.
        let out = run("PixelFilter", json!({"condition": "custom", "custom_expression": "i < 2"}), &g);
        assert_eq!(plane(&out, 3), "255 255 0 0 | 0 0 0 0 | 0 0 0 0 | 0 0 0 0");
    }

    #[test]
    fn filter_custom_errors() {
        // Parsed and type-checked at construction, naming the parameter and the value.
        let e = build_err("PixelFilter", json!({"condition": "custom", "custom_expression": "q % 2"}));
        assert!(e.contains("`custom_expression`") && e.contains("q % 2") && e.contains("variables: i, x, y"), "{e}");
        let e = build_err("PixelFilter", json!({"condition": "custom", "custom_expression": "i %"}));
        assert!(e.contains("`custom_expression`"), "{e}");
        let e = build_err("PixelFilter", json!({"condition": "custom", "custom_expression": "import"}));
        assert!(e.contains("`custom_expression`") && e.contains("Unsafe keyword"), "{e}");
        // Failures that depend on values surface while processing.
        let f = op("PixelFilter", json!({"condition": "custom", "custom_expression": "i ** -1"}));
        let img = numbered_grid(3, 2, 4);
        let e = f.apply(&img, &Context::new(3, 2, 4)).unwrap_err();
        assert!(
            matches!(e, Error::Expression { .. })
                && e.exit_code() == 2
                && e.to_string().contains("Custom expression evaluation failed"),
            "{e}"
        );
    }

    // ----- PixelMath ---------------------------------------------------------------------

    fn rgba(px: &[[u8; 4]]) -> Image {
        Image::from_raw(px.len() as u32, 1, 4, px.concat()).unwrap()
    }

    fn math(params: serde_json::Value, img: &Image) -> Vec<u8> {
        run("PixelMath", params, img).into_raw()
    }

    #[test]
    fn math_spec_examples() {
        let px = rgba(&[[100, 50, 200, 255]]);
        let m = |e: &str| math(json!({"expression": e}), &px);
        assert_eq!(m("r*2"), [200, 200, 200, 255]);
        assert_eq!(m("r ^ 128"), [228, 228, 228, 255]);
        assert_eq!(m("r/3"), [33, 33, 33, 255]);
        assert_eq!(m("(r>60)*255"), [255, 255, 255, 255]);
        let two = rgba(&[[100, 50, 200, 255], [3, 250, 7, 128]]);
        assert_eq!(math(json!({"expression": "r*2+g", "clamp": false}), &two), [250, 250, 250, 255, 0, 0, 0, 128]);
        let alpha_only = json!({"expression": "x*10+y", "affect_red": false, "affect_green": false, "affect_blue": false, "affect_alpha": true});
        assert_eq!(math(alpha_only, &two), [100, 50, 200, 0, 3, 250, 7, 10]);
    }

    #[test]
    fn math_clamping_and_wrapping() {
        let px = rgba(&[[100, 50, 200, 255]]);
        let m = |e: &str, clamp: bool| math(json!({"expression": e, "clamp": clamp, "affect_green": false}), &px);
        assert_eq!(m("r - 200", true), [0, 50, 0, 255]);
        assert_eq!(m("r - 200", false), [156, 50, 156, 255]);
        assert_eq!(m("r * 2.6", false), [4, 50, 4, 255]); // 260 → 4
        assert_eq!(m("-r / 3", false), [223, 50, 223, 255]); // trunc(-33.3) = -33 → 223
                                                             // NaN → 0 either way; infinities clip to the ends, or give 0 when wrapping.
        assert_eq!(m("sqrt(r - 200)", true), [0, 50, 0, 255]);
        assert_eq!(m("sqrt(r - 200)", false), [0, 50, 0, 255]);
        assert_eq!(m("exp(r)", true), [255, 50, 255, 255]);
        assert_eq!(m("exp(r)", false), [0, 50, 0, 255]);
        assert_eq!(m("log(r * 0)", true), [0, 50, 0, 255]);
        // float32 store: 255.99999 (float64) rounds to 256.0 in float32 before clipping.
        assert_eq!(m("r * 0 + 255.99999999", false), [0, 50, 0, 255]);
        assert_eq!(to_byte(255.999, true), 255);
        assert_eq!(to_byte(-0.5, false), 0);
        assert_eq!(to_byte(-1.0, false), 255);
        assert_eq!(to_byte(1e30, false), 0);
    }

    #[test]
    fn math_channels_and_modes() {
        // RGB input stays RGB; alpha reads as 255; integer mode truncates to int32.
        let img = rgb_row(&[[10, 20, 30], [200, 100, 0]]);
        let out = run("PixelMath", json!({"expression": "a - r", "affect_blue": false}), &img);
        assert_eq!(out.as_bytes(), &[245, 245, 30, 55, 55, 0]);
        let out = run("PixelMath", json!({"expression": "(r | g) & 255", "affect_red": false}), &img);
        assert_eq!(out.as_bytes(), &[10, 30, 30, 200, 236, 236]);
        // Only alpha on an RGB image: nothing to write, and validation says so.
        let params = json!({"expression": "0", "affect_red": false, "affect_green": false, "affect_blue": false, "affect_alpha": true});
        assert_eq!(run("PixelMath", params.clone(), &img), img);
        let ctx = op("PixelMath", params).validate(&Context::new(2, 1, 3)).unwrap();
        assert!(ctx.warnings[0].contains("nothing changes"), "{:?}", ctx.warnings);
        // Every whitelisted function exists, commas included (docs/spec.md §7, 16).
        let out = run("PixelMath", json!({"expression": "min(r, 100) + floor(g / 3) + pow(2, 3)"}), &img);
        assert_eq!(out.as_bytes(), &[24, 24, 24, 141, 141, 141]);
    }

    #[test]
    fn math_errors() {
        let e = build_err("PixelMath", json!({}));
        assert!(e.contains("`expression`") && e.contains("required"), "{e}");
        let e = build_err(
            "PixelMath",
            json!({"expression": "r", "affect_red": false, "affect_green": false, "affect_blue": false}),
        );
        assert!(e.contains("at least one channel"), "{e}");
        let e = build_err("PixelMath", json!({"expression": "i * 2"}));
        assert!(e.contains("`expression`") && e.contains("\"i * 2\"") && e.contains("variables: r, g, b, a"), "{e}");
        let e = build_err("PixelMath", json!({"expression": "r[0]"}));
        assert!(e.contains("`expression`") && e.contains("Unsafe character"), "{e}");
        let m = op("PixelMath", json!({"expression": "y ** -1"}));
        let e = m.apply(&numbered_grid(2, 2, 3), &Context::new(2, 2, 3)).unwrap_err();
        assert!(matches!(e, Error::Expression { .. }) && e.to_string().contains("PixelMath failed"), "{e}");
        // A constant part that always fails is refused when the step is built (so a dry run
        // says so), not when the pixels are processed.
        for always in ["r + 1/0", "r * 10 ** 1000", "r + (2 ** 62 * 2)"] {
            let e = build_err("PixelMath", json!({"expression": always}));
            assert!(e.contains("`expression`") && (e.contains("ZeroDivisionError") || e.contains("overflow")), "{e}");
        }
        // ... but not where Python would never evaluate it.
        op("PixelMath", json!({"expression": "r + (0 and 1/0)"}));
        let long = format!("r + {}", "1 + ".repeat(400_000));
        let e = build_err("PixelMath", json!({"expression": long}));
        assert!(e.contains("(1600004 characters)") && e.len() < 1000, "{e}");
    }

    #[test]
    fn math_lookup_tables_give_exactly_what_the_expression_gives() {
        let math = |params: serde_json::Value| {
            let spec = crate::ops::find("PixelMath").unwrap();
            build_math(&crate::core::params::parse(spec.params, params.as_object().unwrap(), true).unwrap()).unwrap()
        };
        let expressions = [
            "r * 1.1 + 20",
            "r * 0.95",
            "(g > 60) * 255",
            "255 - b",
            "sqrt(a) * 16 - width / 100",
            "r ^ 128",
            "(g << 2) | 3",
            "b // 3 * 3 - 400",
            "sin(r / 40) * 300",
            "7 + height",
        ];
        let mut tables = 0;
        for expression in expressions {
            for (clamp, affect_alpha) in [(true, false), (false, true)] {
                let m = math(
                    json!({"expression": expression, "clamp": clamp, "affect_alpha": affect_alpha, "affect_green": false}),
                );
                for channels in [3, 4] {
                    let img = crate::image::synth::noise(67, 23, channels, 9);
                    let (mut by_table, mut by_expression) = (img.clone(), img.clone());
                    let (source, table) = m.lookup_table(img.width(), img.height()).unwrap().expect("one channel");
                    crate::image::with_channels!(channels, |C| {
                        m.run_table::<C>(BandMut::whole(&mut by_table), source, &table);
                        m.run_expression::<C>(BandMut::whole(&mut by_expression), img.height()).unwrap();
                    });
                    assert!(by_table == by_expression, "{expression} clamp={clamp} on {channels} channels");
                    assert!(by_table != img, "{expression} changes something");
                    tables += 1;
                }
            }
        }
        assert_eq!(tables, 40);
        // Two channels, or a position, need the expression itself.
        for expression in ["r + g", "r * x", "y"] {
            assert!(math(json!({"expression": expression})).lookup_table(4, 4).unwrap().is_none(), "{expression}");
        }
    }

    #[test]
    fn math_and_filter_rows_are_independent_of_threads() {
        let img = noise(300, 257, 4, 9);
        let cases = [
            ("PixelMath", json!({"expression": "r * 1.1 + x - y / 3", "affect_alpha": true})),
            ("PixelMath", json!({"expression": "(r ^ x) + (g << 1)", "clamp": false})),
            ("PixelFilter", json!({"condition": "custom", "custom_expression": "(i * 7 + y) % 5 < 2"})),
            ("PixelFilter", json!({"condition": "prime", "fill_color": [1, 2, 3, 255]})),
        ];
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        for (name, params) in cases {
            let many = run(name, params.clone(), &img);
            assert_eq!(pool.install(|| run(name, params, &img)), many, "{name}");
        }
    }

    #[test]
    fn math_is_row_local() {
        let m = op("PixelMath", json!({"expression": "r"}));
        assert_eq!(m.footprint(&Context::new(4, 9, 4), 1..3), InputRows::Rows(1..3));
        assert_eq!(m.validate(&Context::new(4, 9, 3)).unwrap(), Context::new(4, 9, 3));
    }
}
