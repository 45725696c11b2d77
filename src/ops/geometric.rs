//! Geometric operations: GridWarp, PerspectiveStretch, RadialStretch (docs/spec.md §3.16–3.18).
//!
//! All three map every output pixel to a real source point and sample it (§1.9): nearest
//! with banker's rounding, or bilinear with truncation, and a zero pixel outside the image.
//! The float64 arithmetic follows the original's expressions operation by operation, so
//! the sampled coordinates — and therefore the pixels — are bit-identical. What depends
//! only on a row or a column (wave offsets, row scales) is computed once per call.

use crate::core::params::{choice, params, Bound, Kind, ParamSpec};
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::{Band, BandMut, Image};
use rayon::prelude::*;
use std::f64::consts::TAU;
use std::ops::Range;

const INTERPOLATION: ParamSpec = ParamSpec::new(
    Interpolation::KIND,
    "\"bilinear\"",
    "nearest: round half to even; bilinear: weighted mean of 4 pixels, truncated",
);

const POSITIVE_NUMBER: Kind = Kind::Float { min: Bound::Excl(0.0), max: Bound::None };

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "GridWarp",
        family: "geometric",
        summary: "Displace pixels along a sine wave (horizontal, vertical or both)",
        params: GridWarpParams::PARAMS,
        version: 1,
        example: r#"{"axis": "horizontal", "amplitude": 10.0}"#,
        build: build_grid_warp,
    },
    OpSpec {
        name: "PerspectiveStretch",
        family: "geometric",
        summary: "Scale each row by a factor going linearly from top to bottom, centred",
        params: PerspectiveParams::PARAMS,
        version: 1,
        example: r#"{"top_factor": 1.0, "bottom_factor": 0.5}"#,
        build: build_perspective,
    },
    OpSpec {
        name: "RadialStretch",
        family: "geometric",
        summary: "Stretch or shrink the image radially around a centre",
        params: RadialParams::PARAMS,
        version: 1,
        example: r#"{"factor": 1.5}"#,
        build: build_radial,
    },
];

// ---------------------------------------------------------------------------------------
// Shared helpers

choice! {
    enum Interpolation { Nearest = "nearest", Bilinear = "bilinear" }
}

/// Python-style `repr` of a float for messages (`10.0`, not `10`).
fn py_float(v: f64) -> String {
    if v.is_finite() && v == v.trunc() && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

/// `trunc(size * factor)` as an image side; zero or overflowing sizes are validation errors.
fn scaled_side(size: u32, factor: f64, what: &str) -> Result<u32> {
    let v = (size as f64 * factor).trunc();
    if v < 1.0 {
        Err(Error::invalid(format!(
            "{what} makes the output {size} × {} = 0 pixels wide; it must give at least 1",
            py_float(factor)
        )))
    } else if v > u32::MAX as f64 {
        Err(Error::invalid(format!("{what} makes the output {v} pixels, more than an image side can have")))
    } else {
        Ok(v as u32)
    }
}

/// Point sampling of an image with `C` channels (docs/spec.md §1.9).
struct Sampler<'a, const C: usize> {
    /// The input rows held (a band, or the whole image).
    src: Band<'a>,
    width: usize,
    /// The input's height.
    height: usize,
    interp: Interpolation,
}

impl<'a, const C: usize> Sampler<'a, C> {
    fn new(src: Band<'a>, height: u32, interp: Interpolation) -> Self {
        Sampler { src, width: src.width() as usize, height: height as usize, interp }
    }

    fn row(&self, y: usize) -> &'a [u8] {
        self.src.row(y as u32)
    }

    /// Writes the sample at (`sx`, `sy`) into `out`; outside the image → zero pixel.
    #[inline(always)]
    fn sample(&self, sx: f64, sy: f64, out: &mut [u8]) {
        if sx < 0.0 || sx >= self.width as f64 || sy < 0.0 || sy >= self.height as f64 {
            out.fill(0);
            return;
        }
        match self.interp {
            Interpolation::Nearest => {
                let x = (sx.round_ties_even() as usize).min(self.width - 1);
                let y = (sy.round_ties_even() as usize).min(self.height - 1);
                out.copy_from_slice(&self.row(y)[x * C..x * C + C]);
            }
            Interpolation::Bilinear => {
                // In bounds both are ≥ 0, where truncation is floor (and exact back in f64).
                let (x1, y1) = (sx as usize, sy as usize);
                let (fx, fy) = (sx - x1 as f64, sy - y1 as f64);
                let x2 = (x1 + 1).min(self.width - 1);
                let (r1, r2) = (self.row(y1), self.row((y1 + 1).min(self.height - 1)));
                let px = |row: &'a [u8], x: usize| -> &'a [u8; C] { row[x * C..][..C].try_into().unwrap() };
                let (p11, p21, p12, p22) = (px(r1, x1), px(r1, x2), px(r2, x1), px(r2, x2));
                let out: &mut [u8; C] = out.try_into().unwrap();
                for k in 0..C {
                    let top = p11[k] as f64 * (1.0 - fx) + p21[k] as f64 * fx;
                    let bottom = p12[k] as f64 * (1.0 - fx) + p22[k] as f64 * fx;
                    out[k] = (top * (1.0 - fy) + bottom * fy) as u8;
                }
            }
        }
    }

    /// [`Sampler::sample_in_row`] at `x + d` for every column `x` of `out`, a row of the
    /// input's width. `x + d` (in f64, as the definition rounds it) keeps its distance to `x`
    /// wherever the sum stays within one binade (see [`Sampler::run_end`]), so the bilinear
    /// weights are the same over long runs of columns that read consecutive pixels: those
    /// runs are one pass of the same arithmetic over contiguous bytes (which the compiler
    /// vectorises); the rest, pixel by pixel. The bytes are [`Sampler::sample_in_row`]'s
    /// (tested).
    fn shifted_row(&self, row: &[u8], d: f64, out: &mut [u8]) {
        let w = self.width;
        let mut x = 0;
        while x < w {
            let sx = x as f64 + d;
            let px = &mut out[x * C..(x + 1) * C];
            if self.interp == Interpolation::Nearest || !(0.0..(w - 1) as f64).contains(&sx) {
                self.sample_in_row(row, sx, px);
                x += 1;
                continue;
            }
            let x1 = sx as usize;
            let fx = sx - x1 as f64;
            let end = self.run_end(x, x1, fx, d);
            let (a, b) = (1.0 - fx, fx);
            let n = (end - x) * C;
            let (left, right) = (&row[x1 * C..x1 * C + n], &row[(x1 + 1) * C..(x1 + 1) * C + n]);
            for ((o, &p1), &p2) in out[x * C..x * C + n].iter_mut().zip(left).zip(right) {
                *o = (p1 as f64 * a + p2 as f64 * b) as u8;
            }
            x = end;
        }
    }

    /// The end (exclusive) of the run of columns from `x` (whose source `x + d` has floor
    /// `x1` and fraction `fx`) that sample at fraction `fx` from consecutive pixels, both
    /// inside the row. Found without looking at each column:
    ///
    /// Let `s = fl(x + 1 + d)`, the next column's sum, be at least 1 and in the binade
    /// `[2^e, 2^(e+1))`, where floats are `u = 2^(e−52) < 1` apart. Take a later column `x'`
    /// whose sum stays below `2^(e+1)`. `x' − (x + 1)` is an integer, a multiple of `u`.
    /// - If `x + 1 + d` is in the binade, so is `x' + d` (it is larger), and the part of
    ///   both below `u` is the same, hence their rounding (ties included: the two have the
    ///   same parity in units of `u`).
    /// - Otherwise `x + 1 + d` was rounded up onto `2^e`, an integer: it is that integer
    ///   minus at most a quarter of `u`, and `x' + d` is another integer minus as much, which
    ///   rounds up to it as well.
    ///
    /// Either way `fl(x' + d) − x'` is `s − (x + 1)`: the same floor offset and fraction for
    /// the whole run, so checking the next column against `x` itself (as the pixel-by-pixel
    /// definition computes them) covers it. A next sum below 1 ends the run at `x`.
    fn run_end(&self, x: usize, x1: usize, fx: f64, d: f64) -> usize {
        let w = self.width;
        let next = (x + 1) as f64 + d;
        if x + 1 >= w || x1 + 2 >= w || next < 1.0 || next as usize != x1 + 1 || next - (x1 + 1) as f64 != fx {
            return x + 1;
        }
        // 2^(e+1): the exponent of `next`, one higher.
        const EXPONENT: u64 = 0x7ff0_0000_0000_0000;
        let top = 2.0 * f64::from_bits(next.to_bits() & EXPONENT);
        // The last column whose sum stays below `top` (sums grow with the column).
        let mut last = ((top - d) as usize).max(x + 1);
        while last > x + 1 && last as f64 + d >= top {
            last -= 1;
        }
        while ((last + 1) as f64 + d) < top {
            last += 1;
        }
        // Within the row, and both source pixels too: x1 + (x' − x) + 1 < w.
        (last + 1).min(w).min(w - 1 + x - x1)
    }

    /// [`Sampler::sample_in_row`] at each of `xs` into the consecutive pixels of `out`, with
    /// the interpolation chosen once for the row and the bilinear arithmetic inline (called
    /// per pixel and not inlined, `sample_in_row` was three quarters of PerspectiveStretch's
    /// profile).
    fn sample_row_at(&self, row: &[u8], xs: impl Iterator<Item = f64>, out: &mut [u8]) {
        let out = out.as_chunks_mut::<C>().0;
        if self.interp == Interpolation::Nearest {
            for (sx, px) in xs.zip(out) {
                self.sample_in_row(row, sx, px);
            }
            return;
        }
        let (w, pixels) = (self.width, row.as_chunks::<C>().0);
        for (sx, px) in xs.zip(out) {
            if sx < 0.0 || sx >= w as f64 {
                *px = [0; C];
                continue;
            }
            let x1 = sx as usize;
            let fx = sx - x1 as f64;
            let (p11, p21) = (&pixels[x1], &pixels[(x1 + 1).min(w - 1)]);
            *px = std::array::from_fn(|k| (p11[k] as f64 * (1.0 - fx) + p21[k] as f64 * fx) as u8);
        }
    }

    /// [`Sampler::sample`] for an integral, in-bounds `y`: the bilinear vertical weight is
    /// 0, and `top·1 + bottom·0 == top` exactly, so only one row is read.
    #[inline]
    fn sample_in_row(&self, row: &[u8], sx: f64, out: &mut [u8]) {
        if sx < 0.0 || sx >= self.width as f64 {
            out.fill(0);
            return;
        }
        match self.interp {
            Interpolation::Nearest => {
                let x = (sx.round_ties_even() as usize).min(self.width - 1);
                out.copy_from_slice(&row[x * C..x * C + C]);
            }
            Interpolation::Bilinear => {
                let x1 = sx as usize;
                let fx = sx - x1 as f64;
                let x2 = (x1 + 1).min(self.width - 1);
                for k in 0..C {
                    let (p11, p21) = (row[x1 * C + k] as f64, row[x2 * C + k] as f64);
                    out[k] = (p11 * (1.0 - fx) + p21 * fx) as u8;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// GridWarp

choice! {
    enum WarpAxis { Horizontal = "horizontal", Vertical = "vertical", Both = "both" }
}

params! {
    struct GridWarpParams {
        axis: WarpAxis => ParamSpec::new(
            WarpAxis::KIND,
            "\"horizontal\"",
            "horizontal: x offset varies with y; vertical: y offset varies with x; both: horizontal, \
             then vertical computed from the displaced x (as the original does)",
        ),
        frequency: f64 => ParamSpec::new(POSITIVE_NUMBER, "1.0", "wave cycles over the image height (or width)"),
        amplitude: f64 => ParamSpec::new(
            Kind::Float { min: Bound::None, max: Bound::None },
            "10.0",
            "displacement in pixels",
        ),
        phase: f64 => ParamSpec::new(
            Kind::Float { min: Bound::Incl(0.0), max: Bound::Excl(TAU) },
            "0.0",
            "phase offset in radians",
        ),
        interpolation: Interpolation => INTERPOLATION,
    }
}

fn build_grid_warp(p: &Parsed) -> Result<Box<dyn Operation>> {
    Ok(Box::new(GridWarp { p: p.decode()? }))
}

/// `out(x, y) = in(x + A·sin(2πf·y/H + φ), y)` (horizontal), the transposed wave
/// (vertical), or both in sequence.
#[derive(Debug)]
pub struct GridWarp {
    p: GridWarpParams,
}

impl GridWarp {
    /// `A · sin(2π·f·v / n + φ)`, evaluated in the original's order.
    fn wave(&self, v: f64, n: usize) -> f64 {
        self.p.amplitude * (TAU * self.p.frequency * v / n as f64 + self.p.phase).sin()
    }

    fn prepared(&self, ctx: &Context) -> Warp<'_> {
        let (w, h) = (ctx.width as usize, ctx.height as usize);
        // The x offset depends only on the row, the vertical one (without `both`) only on
        // the column: one sine per row or column, once per run.
        let shift_x: Vec<f64> = match self.p.axis {
            WarpAxis::Vertical => Vec::new(),
            _ => (0..h).map(|y| self.wave(y as f64, h)).collect(),
        };
        let shift_y: Vec<f64> = match self.p.axis {
            WarpAxis::Vertical => (0..w).map(|x| self.wave(x as f64, w)).collect(),
            _ => Vec::new(),
        };
        Warp { op: self, shift_x, shift_y, height: ctx.height }
    }
}

/// [`GridWarp`] prepared: the per-row and per-column offsets.
struct Warp<'a> {
    op: &'a GridWarp,
    shift_x: Vec<f64>,
    shift_y: Vec<f64>,
    height: u32,
}

impl Warp<'_> {
    fn warp<const C: usize>(&self, src: Band<'_>, out: BandMut<'_>) {
        let p = &self.op.p;
        let w = src.width() as usize;
        let s = Sampler::<C>::new(src, self.height, p.interpolation);
        out.par_rows(|y, row| {
            let y = y as usize;
            let pixels = row.chunks_exact_mut(C).enumerate();
            match p.axis {
                WarpAxis::Horizontal => s.shifted_row(s.row(y), self.shift_x[y], row),
                WarpAxis::Vertical => {
                    pixels.for_each(|(x, px)| s.sample(x as f64, y as f64 + self.shift_y[x], px));
                }
                WarpAxis::Both => {
                    let d = self.shift_x[y];
                    pixels.for_each(|(x, px)| {
                        let sx = x as f64 + d;
                        s.sample(sx, y as f64 + self.op.wave(sx, w), px)
                    });
                }
            }
        });
    }
}

impl Generator for Warp<'_> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        crate::image::with_channels!(src.channels(), |C| self.warp::<C>(src, out));
        Ok(())
    }
}

impl Operation for GridWarp {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let mut next = ctx.clone();
        if self.p.amplitude.abs() > ctx.width.max(ctx.height) as f64 * 0.5 {
            next.warn(format!("Large amplitude {} may cause significant distortion", py_float(self.p.amplitude)));
        }
        Ok(next)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        generate_whole(&self.prepared(ctx), src, (src.width(), src.height(), src.channels()))
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        if self.p.axis == WarpAxis::Horizontal {
            return InputRows::Rows(out_rows);
        }
        // |A·sin| ≤ |A|; bilinear also reads the row below, and rounding may add one more.
        let halo = self.p.amplitude.abs().ceil() as i64 + 1;
        InputRows::window(out_rows.start as i64 - halo, out_rows.end as i64 + halo, ctx.height)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx))))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.memory_estimate() + (ctx.width as u64 + ctx.height as u64) * 8
    }
}

// ---------------------------------------------------------------------------------------
// PerspectiveStretch

params! {
    struct PerspectiveParams {
        top_factor: f64 => ParamSpec::new(POSITIVE_NUMBER, "1.0", "horizontal scale of the first row"),
        bottom_factor: f64 => ParamSpec::new(POSITIVE_NUMBER, "0.5", "horizontal scale of the last row"),
        interpolation: Interpolation => INTERPOLATION,
    }
}

fn build_perspective(p: &Parsed) -> Result<Box<dyn Operation>> {
    Ok(Box::new(PerspectiveStretch { p: p.decode()? }))
}

/// Row y is scaled by `top + t·(bottom − top)` (t = y/(H−1)) and centred on a canvas as wide
/// as the largest factor makes the image; the rest stays zero.
#[derive(Debug)]
pub struct PerspectiveStretch {
    p: PerspectiveParams,
}

impl PerspectiveStretch {
    fn out_width(&self, width: u32) -> Result<u32> {
        let max = self.p.top_factor.max(self.p.bottom_factor);
        scaled_side(width, max, "`top_factor`/`bottom_factor`: the larger factor")
    }

    fn stretch<const C: usize>(&self, src: Band<'_>, height: u32, out: BandMut<'_>) {
        let (w, h) = (src.width() as usize, height as usize);
        let wo = out.width() as i64;
        let s = Sampler::<C>::new(src, height, self.p.interpolation);
        let (top, bottom) = (self.p.top_factor, self.p.bottom_factor);
        out.par_rows(|y, row| {
            let y = y as usize;
            let t = if h > 1 { y as f64 / (h - 1) as f64 } else { 0.0 };
            let scale = top + t * (bottom - top);
            let sw = (w as f64 * scale) as i64;
            let off = (wo - sw).div_euclid(2);
            let src_row = s.row(y);
            row.fill(0);
            // Only columns j with 0 <= off + j < Wo are written.
            let js = (-off).max(0)..sw.min(wo - off);
            if !js.is_empty() {
                let out = &mut row[(off + js.start) as usize * C..(off + js.end) as usize * C];
                s.sample_row_at(src_row, js.map(|j| j as f64 / scale), out);
            }
        });
    }
}

/// [`PerspectiveStretch`] for an input of `height` rows.
struct Perspective<'a> {
    op: &'a PerspectiveStretch,
    height: u32,
}

impl Generator for Perspective<'_> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        crate::image::with_channels!(src.channels(), |C| self.op.stretch::<C>(src, self.height, out));
        Ok(())
    }
}

impl Operation for PerspectiveStretch {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let mut next = ctx.with_size(self.out_width(ctx.width)?, ctx.height);
        let (t, b) = (self.p.top_factor, self.p.bottom_factor);
        if t > 3.0 || b > 3.0 {
            next.warn("Large scale factors may cause significant distortion");
        }
        if t < 0.1 || b < 0.1 {
            next.warn("Small scale factors may cause significant compression");
        }
        Ok(next)
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        let wo = self.out_width(src.width())?;
        generate_whole(&Perspective { op: self, height: src.height() }, src, (wo, src.height(), src.channels()))
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        InputRows::Rows(out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(Perspective { op: self, height: ctx.height })))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        self.out_width(ctx.width).unwrap_or(0) as u64 * ctx.height as u64 * ctx.channels as u64
    }
}

// ---------------------------------------------------------------------------------------
// RadialStretch

choice! {
    enum CenterMode { Auto = "auto", Custom = "custom" }
}

choice! {
    enum Falloff { Linear = "linear", Quadratic = "quadratic", Exponential = "exponential" }
}

params! {
    struct RadialParams {
        center_mode: CenterMode => ParamSpec::new(
            CenterMode::KIND,
            "\"auto\"",
            "auto: the image centre; custom: (center_x, center_y)",
        ),
        center_x: u32 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(0.0), max: Bound::None },
            "0",
            "source centre column for custom (must be < width)",
        ),
        center_y: u32 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(0.0), max: Bound::None },
            "0",
            "source centre row for custom (must be < height)",
        ),
        factor: f64 => ParamSpec::new(
            POSITIVE_NUMBER,
            "1.5",
            "> 1 expands (the canvas grows by the factor, centred), < 1 contracts",
        ),
        falloff: Falloff => ParamSpec::new(
            Falloff::KIND,
            "\"linear\"",
            "linear: uniform; quadratic: every pixel samples the circle of radius R/factor \
             (the original's behaviour); exponential: stronger towards the edge",
        ),
        interpolation: Interpolation => INTERPOLATION,
    }
}

fn build_radial(p: &Parsed) -> Result<Box<dyn Operation>> {
    Ok(Box::new(RadialStretch { p: p.decode()? }))
}

/// Maps each output pixel at distance d from the output centre to the source point at
/// distance `d / (factor · g(d/R))` in the same direction from the source centre.
#[derive(Debug)]
pub struct RadialStretch {
    p: RadialParams,
}

impl RadialStretch {
    fn out_size(&self, width: u32, height: u32) -> Result<(u32, u32)> {
        if self.p.factor > 1.0 {
            let what = "`factor`";
            Ok((scaled_side(width, self.p.factor, what)?, scaled_side(height, self.p.factor, what)?))
        } else {
            Ok((width, height))
        }
    }

    /// Fills `out` (rows of the `ho`-row output) from `src` (rows of the `height`-row input).
    fn stretch<const C: usize>(&self, src: Band<'_>, height: u32, out: BandMut<'_>, ho: u32) {
        let (w, h) = (src.width() as f64, height as f64);
        let wo = out.width();
        let (cx, cy) = match self.p.center_mode {
            CenterMode::Auto => (w / 2.0, h / 2.0),
            CenterMode::Custom => (self.p.center_x as f64, self.p.center_y as f64),
        };
        let sq = |v: f64| v * v;
        let corners = [sq(cx) + sq(cy), sq(w - cx) + sq(cy), sq(cx) + sq(h - cy), sq(w - cx) + sq(h - cy)];
        let max_radius = corners.into_iter().fold(f64::MIN, f64::max).sqrt();
        let (ocx, ocy) = if self.p.factor > 1.0 { (wo as f64 / 2.0, ho as f64 / 2.0) } else { (cx, cy) };
        let f = self.p.factor;
        let s = Sampler::<C>::new(src, height, self.p.interpolation);
        // Row i and its mirror 2·ocy − i have opposite dy and the same dx: atan2(−dy, dx) is
        // exactly −atan2(dy, dx), cos even and sin odd (checked in the tests), so the mirror
        // row, when the band holds it too, reuses every distance and angle with sin negated:
        // half the trigonometry (on a whole image, every row that has a mirror).
        let (stride, first) = (out.stride(), out.rows().start);
        let end = out.rows().end as f64;
        let mut rows: Vec<Option<&mut [u8]>> = out.into_bytes().chunks_mut(stride).map(Some).collect();
        let mut tasks = Vec::with_capacity(rows.len());
        for k in 0..rows.len() {
            let i = (first as usize + k) as f64;
            let mirror = 2.0 * ocy - i;
            let partner =
                (mirror.fract() == 0.0 && mirror > i && mirror < end).then(|| mirror as usize - first as usize);
            if let Some(row) = rows[k].take() {
                tasks.push((i, row, partner.and_then(|p| rows[p].take())));
            }
        }
        // Where a pixel lands outside the input (over half of the canvas of a contraction),
        // the direction (dx, dy)/d instead of the exact cos/sin of the angle tells so without
        // the trigonometry: the two differ by a few units in the last place, far below
        // `margin`. (sd·dx/d is scale·dx, with no division.)
        let outside = |v: f64, side: f64, margin: f64| v < -margin || v >= side + margin;
        // 1/(f·g(d/R)): a constant for the linear falloff, else the definition's arithmetic.
        let scale_of = |d: f64| {
            let nd = if max_radius > 0.0 { d / max_radius } else { 0.0 };
            let g = match self.p.falloff {
                Falloff::Linear => 1.0,
                Falloff::Quadratic => nd,
                Falloff::Exponential => (-2.0 * nd).exp(),
            };
            if g > 0.0 {
                1.0 / (f * g)
            } else {
                1.0
            }
        };
        let linear = (self.p.falloff == Falloff::Linear).then(|| scale_of(1.0));
        tasks.into_par_iter().for_each(|(i, row, mut mirror)| {
            let dy = i - ocy;
            for (j, px) in row.chunks_exact_mut(C).enumerate() {
                let mirrored = mirror.as_deref_mut().map(|m| &mut m[j * C..(j + 1) * C]);
                let dx = j as f64 - ocx;
                let d = (dx * dx + dy * dy).sqrt();
                if d == 0.0 {
                    s.sample(cx, cy, px);
                    if let Some(m) = mirrored {
                        s.sample(cx, cy, m);
                    }
                    continue;
                }
                let scale = linear.unwrap_or_else(|| scale_of(d));
                let sd = d * scale;
                let margin = 1e-9 * (1.0 + cx.abs() + cy.abs() + sd);
                let (ax, ay) = (cx + scale * dx, scale * dy);
                if outside(ax, w, margin)
                    || (outside(cy + ay, h, margin) && (mirrored.is_none() || outside(cy - ay, h, margin)))
                {
                    px.fill(0);
                    if let Some(m) = mirrored {
                        m.fill(0);
                    }
                    continue;
                }
                let angle = dy.atan2(dx);
                let (sin, cos) = (angle.sin(), angle.cos());
                s.sample(cx + sd * cos, cy + sd * sin, px);
                if let Some(m) = mirrored {
                    s.sample(cx + sd * cos, cy + sd * -sin, m);
                }
            }
        });
    }
}

/// [`RadialStretch`] for an input of `height` rows and an output of `out_height` rows.
struct Radial<'a> {
    op: &'a RadialStretch,
    height: u32,
    out_height: u32,
}

impl Generator for Radial<'_> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let (h, ho) = (self.height, self.out_height);
        crate::image::with_channels!(src.channels(), |C| self.op.stretch::<C>(src, h, out, ho));
        Ok(())
    }
}

impl Operation for RadialStretch {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        if self.p.center_mode == CenterMode::Custom {
            let (x, y) = (self.p.center_x, self.p.center_y);
            if x >= ctx.width {
                return Err(Error::invalid(format!(
                    "Center X coordinate {x} is outside image bounds: `center_x` must be below the width {}",
                    ctx.width
                )));
            }
            if y >= ctx.height {
                return Err(Error::invalid(format!(
                    "Center Y coordinate {y} is outside image bounds: `center_y` must be below the height {}",
                    ctx.height
                )));
            }
        }
        let (wo, ho) = self.out_size(ctx.width, ctx.height)?;
        let mut next = ctx.with_size(wo, ho);
        if self.p.factor > 3.0 {
            next.warn("Large stretch factor may cause significant expansion");
        } else if self.p.factor < 0.3 {
            next.warn("Small stretch factor may cause significant contraction");
        }
        Ok(next)
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        let (wo, ho) = self.out_size(src.width(), src.height())?;
        let radial = Radial { op: self, height: src.height(), out_height: ho };
        generate_whole(&radial, src, (wo, ho, src.channels()))
    }

    /// Any output row may sample any input row (the `quadratic` falloff maps every pixel onto
    /// one circle), so the whole input is needed.
    fn footprint(&self, _ctx: &Context, _out_rows: Range<u32>) -> InputRows {
        InputRows::All
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        let (_, ho) = self.out_size(ctx.width, ctx.height)?;
        Ok(Some(Box::new(Radial { op: self, height: ctx.height, out_height: ho })))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let (w, h) = self.out_size(ctx.width, ctx.height).unwrap_or((0, 0));
        w as u64 * h as u64 * ctx.channels as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::numbered_grid;
    use crate::ops::testing::{configure, red, run, run_ctx};
    use serde_json::json;

    #[test]
    fn the_trigonometry_is_exactly_symmetric_in_dy() {
        let mut checked = 0;
        for dy in (1..2000).map(|k| k as f64 * 0.5) {
            for dx in (-1500..1500).step_by(7).map(|k| k as f64 * 0.5) {
                let a = dy.atan2(dx);
                assert_eq!((-dy).atan2(dx).to_bits(), (-a).to_bits(), "atan2 at ({dx}, {dy})");
                assert_eq!((-a).cos().to_bits(), a.cos().to_bits(), "cos({a})");
                assert_eq!((-a).sin().to_bits(), (-a.sin()).to_bits(), "sin({a})");
                checked += 1;
            }
        }
        assert!(checked > 800_000);
    }

    #[test]
    fn radial_mirror_rows_and_the_outside_shortcut_equal_the_direct_computation() {
        // Noise, a smooth picture, and flat colour.
        let flat = Image::from_raw(61, 37, 3, [10u8, 200, 77].repeat(61 * 37)).unwrap();
        for img in [crate::image::synth::noise(61, 37, 3, 5), crate::image::synth::visual(61, 37, 3), flat] {
            radial_equals_the_direct_computation(&img);
        }
    }

    fn radial_equals_the_direct_computation(img: &Image) {
        for params in [
            json!({"factor": 1.7}),
            json!({"factor": 0.6, "falloff": "exponential", "interpolation": "nearest"}),
            json!({"factor": 2.0, "falloff": "quadratic"}),
            json!({"factor": 0.8, "center_mode": "custom", "center_x": 10, "center_y": 30}),
            json!({"factor": 1.3, "center_mode": "custom", "center_x": 60, "center_y": 3}),
            json!({"factor": 0.3}),
            json!({"factor": 0.5, "falloff": "quadratic", "center_mode": "custom", "center_x": 5, "center_y": 8}),
            json!({"factor": 0.9, "falloff": "exponential", "center_mode": "custom", "center_x": 40, "center_y": 20}),
        ] {
            let p: RadialParams = serde_json::from_value(serde_json::Value::Object(
                crate::core::params::parse(
                    crate::ops::find("RadialStretch").unwrap().params,
                    params.as_object().unwrap(),
                    true,
                )
                .unwrap()
                .values
                .into_iter()
                .collect(),
            ))
            .unwrap();
            let op = RadialStretch { p };
            let (wo, ho) = op.out_size(61, 37).unwrap();
            let fast = op.apply(img, &Context::new(61, 37, 3)).unwrap();
            // Every pixel on its own, as the definition reads.
            let (w, h) = (61.0, 37.0);
            let (cx, cy) = match op.p.center_mode {
                CenterMode::Auto => (w / 2.0, h / 2.0),
                CenterMode::Custom => (op.p.center_x as f64, op.p.center_y as f64),
            };
            let sq = |v: f64| v * v;
            let max_radius = [sq(cx) + sq(cy), sq(w - cx) + sq(cy), sq(cx) + sq(h - cy), sq(w - cx) + sq(h - cy)]
                .into_iter()
                .fold(f64::MIN, f64::max)
                .sqrt();
            let (ocx, ocy) = if op.p.factor > 1.0 { (wo as f64 / 2.0, ho as f64 / 2.0) } else { (cx, cy) };
            let s = Sampler::<3>::new(Band::whole(img), img.height(), op.p.interpolation);
            let mut px = [0u8; 3];
            for i in 0..ho {
                for j in 0..wo {
                    let (dx, dy) = (j as f64 - ocx, i as f64 - ocy);
                    let d = (dx * dx + dy * dy).sqrt();
                    let (sx, sy) = if d == 0.0 {
                        (cx, cy)
                    } else {
                        let nd = d / max_radius;
                        let g = match op.p.falloff {
                            Falloff::Linear => 1.0,
                            Falloff::Quadratic => nd,
                            Falloff::Exponential => (-2.0 * nd).exp(),
                        };
                        let sd = d * if g > 0.0 { 1.0 / (op.p.factor * g) } else { 1.0 };
                        let angle = dy.atan2(dx);
                        (cx + sd * angle.cos(), cy + sd * angle.sin())
                    };
                    s.sample(sx, sy, &mut px);
                    assert_eq!(fast.pixel(j, i)[..3], px, "{params} at ({j}, {i})");
                }
            }
        }
    }

    /// Rows shifted by `d` (around binade edges, ties, negative and past the row) equal
    /// [`Sampler::sample_in_row`] pixel by pixel, for both interpolations and 3 or 4 channels.
    #[test]
    fn shifted_rows_are_the_pixel_by_pixel_samples() {
        fn check<const C: usize>(width: u32) {
            let img = crate::image::synth::noise(width, 2, C as u8, 3);
            let ds = [
                0.0,
                0.5,
                -0.5,
                0.25,
                1e-9,
                -1e-9,
                0.1,
                -0.1,
                2.0 / 3.0,
                7.3,
                -7.3,
                1023.7,
                1e-17,
                0.49999999999999994,
            ]
            .into_iter()
            .chain((0..200).map(|k| k as f64 * 0.731 - 60.0))
            // Parts of half a unit in the last place, and three halves, of the binades the
            // sums cross (ties when rounded there).
            .chain((0..14).flat_map(|e| {
                let half = 2f64.powi(e - 53);
                [0.25 + half, 0.75 - half, -3.5 + half, 7.0 + 3.0 * half, half, 1.0 - half]
            }))
            .chain([-(width as f64) + 0.5, width as f64 - 0.5, width as f64 * 2.0]);
            for interp in [Interpolation::Bilinear, Interpolation::Nearest] {
                let s = Sampler::<C>::new(Band::whole(&img), 2, interp);
                let row = s.row(0);
                for d in ds.clone() {
                    let mut fast = vec![7u8; width as usize * C];
                    s.shifted_row(row, d, &mut fast);
                    let mut want = vec![0u8; width as usize * C];
                    for (x, px) in want.chunks_exact_mut(C).enumerate() {
                        s.sample_in_row(row, x as f64 + d, px);
                    }
                    assert!(fast == want, "width {width}, d = {d:e}, {interp:?}");
                }
            }
        }
        for width in [1, 2, 3, 64, 1500, 5000] {
            check::<3>(width);
            check::<4>(width);
        }
    }

    #[test]
    fn rows_sampled_at_points_are_the_pixel_by_pixel_samples() {
        fn check<const C: usize>(width: u32) {
            let img = crate::image::synth::noise(width, 2, C as u8, 9);
            let w = width as f64;
            // Inside, on the last pixel, at and past both ends, and scaled columns as
            // PerspectiveStretch's.
            let mut xs = vec![0.0, -0.0, -1e-12, 1e-12, w - 1.0, w - 1e-9, w, w + 3.0, -2.5, f64::MAX];
            xs.extend((0..3 * width).map(|j| j as f64 / 0.37));
            xs.extend((0..width).map(|j| j as f64 / 1.7 - 0.25));
            for interp in [Interpolation::Bilinear, Interpolation::Nearest] {
                let s = Sampler::<C>::new(Band::whole(&img), 2, interp);
                let row = s.row(1);
                let mut fast = vec![7u8; xs.len() * C];
                s.sample_row_at(row, xs.iter().copied(), &mut fast);
                let mut want = vec![0u8; xs.len() * C];
                for (&sx, px) in xs.iter().zip(want.chunks_exact_mut(C)) {
                    s.sample_in_row(row, sx, px);
                }
                assert!(fast == want, "width {width}, {interp:?}");
            }
        }
        for width in [1, 2, 5, 777] {
            check::<3>(width);
            check::<4>(width);
        }
    }

    fn grid4() -> Image {
        numbered_grid(4, 4, 3)
    }

    #[test]
    fn grid_warp_horizontal_example() {
        let want = vec![vec![0, 1, 2, 3], vec![5, 6, 7, 0], vec![8, 9, 10, 11], vec![0, 12, 13, 14]];
        for interp in ["nearest", "bilinear"] {
            let out = run("GridWarp", json!({"amplitude": 1.0, "interpolation": interp}), &grid4());
            assert_eq!(red(&out), want, "{interp}");
        }
    }

    #[test]
    fn grid_warp_vertical_example() {
        let out = run("GridWarp", json!({"axis": "vertical", "amplitude": 0.5}), &grid4());
        assert_eq!(red(&out), vec![vec![0, 3, 2, 0], vec![4, 7, 6, 5], vec![8, 11, 10, 9], vec![12, 13, 14, 13]]);
    }

    #[test]
    fn grid_warp_both_uses_displaced_x() {
        // Row 1 is shifted by +1, so its vertical wave is evaluated at x+1 (quirk 12).
        let img = numbered_grid(4, 4, 4);
        let out = run("GridWarp", json!({"axis": "both", "amplitude": 1.0, "interpolation": "nearest"}), &img);
        // Row 1: sx = x+1, sy = 1 + sin(π(x+1)/2) = 2, 1, 0, (x=3: sx=4 out) → 9, 6, 3, 0.
        assert_eq!(red(&out)[1], vec![9, 6, 3, 0]);
        assert_eq!(out.pixel(3, 1), &[0, 0, 0, 0]);
        assert_eq!(out.pixel(0, 1), &[9, 9, 9, 255]);
    }

    #[test]
    fn grid_warp_bilinear_truncates() {
        // Every column samples half a pixel to the right: (10+21)/2 = 15.5 → 15, 30.5 → 30;
        // the last column reads its clamped neighbour, itself.
        let img = Image::from_raw(3, 1, 3, vec![10, 10, 10, 21, 21, 21, 40, 40, 40]).unwrap();
        let ctx = Context::new(3, 1, 3);
        let op = GridWarp {
            p: GridWarpParams {
                axis: WarpAxis::Horizontal,
                frequency: 1.0,
                amplitude: 0.5,
                phase: std::f64::consts::FRAC_PI_2,
                interpolation: Interpolation::Bilinear,
            },
        };
        let out = op.apply(&img, &ctx).unwrap();
        assert_eq!(out.as_bytes(), &[15, 15, 15, 30, 30, 30, 40, 40, 40]);
    }

    #[test]
    fn nearest_rounds_half_to_even() {
        let img = Image::from_raw(4, 1, 3, (0..12).collect()).unwrap();
        let s = Sampler::<3>::new(Band::whole(&img), img.height(), Interpolation::Nearest);
        let mut px = [0u8; 3];
        let at = |sx: f64, px: &mut [u8; 3]| {
            s.sample(sx, 0.0, px);
            px[0]
        };
        assert_eq!(at(0.5, &mut px), 0);
        assert_eq!(at(1.5, &mut px), 6);
        assert_eq!(at(2.5, &mut px), 6);
        assert_eq!(at(3.5, &mut px), 9); // rounds to 4, clamped to 3
        assert_eq!(at(4.0, &mut px), 0); // out of bounds
        assert_eq!(at(-0.1, &mut px), 0);
    }

    #[test]
    fn grid_warp_warns_without_touching_input_context() {
        let c = configure("GridWarp", json!({"amplitude": -3.0}).as_object().unwrap(), true).unwrap();
        let ctx = Context::new(4, 5, 3);
        let next = c.op.validate(&ctx).unwrap();
        assert!(ctx.warnings.is_empty());
        assert_eq!(next.warnings, vec!["Large amplitude -3.0 may cause significant distortion"]);
        assert_eq!((next.width, next.height), (4, 5));
    }

    #[test]
    fn grid_warp_rejects_bad_parameters() {
        let err = |p: serde_json::Value| configure("GridWarp", p.as_object().unwrap(), true).unwrap_err().to_string();
        assert!(err(json!({"phase": 6.3})).contains("`phase`"));
        assert!(err(json!({"frequency": 0})).contains("`frequency`"));
        assert!(err(json!({"axis": "diagonal"})).contains("horizontal, vertical, both"));
    }

    #[test]
    fn grid_warp_footprint() {
        let ctx = Context::new(10, 100, 3);
        let op = |axis: &str, a: f64| {
            configure("GridWarp", json!({"axis": axis, "amplitude": a}).as_object().unwrap(), true).unwrap().op
        };
        assert_eq!(op("horizontal", 30.0).footprint(&ctx, 10..20), InputRows::Rows(10..20));
        assert_eq!(op("vertical", 2.5).footprint(&ctx, 10..20), InputRows::Rows(6..24));
        assert_eq!(op("both", -2.0).footprint(&ctx, 0..20), InputRows::Rows(0..23));
        assert_eq!(op("vertical", 2.0).footprint(&ctx, 90..100), InputRows::Rows(87..100));
    }

    #[test]
    fn grid_warp_vertical_stays_in_footprint() {
        // Rows outside the declared window must not influence the band.
        let img = crate::image::synth::noise(16, 40, 3, 7);
        let ctx = Context::new(16, 40, 3);
        for a in [0.4, 2.0, 3.7] {
            let op = configure(
                "GridWarp",
                json!({"axis": "both", "amplitude": a, "frequency": 1.7}).as_object().unwrap(),
                true,
            )
            .unwrap()
            .op;
            let InputRows::Rows(r) = op.footprint(&ctx, 15..25) else { panic!() };
            let mut masked = img.clone();
            for y in (0..40).filter(|y| !r.contains(y)) {
                masked.row_mut(y).fill(77);
            }
            let (a_out, b_out) = (op.apply(&img, &ctx).unwrap(), op.apply(&masked, &ctx).unwrap());
            for y in 15..25 {
                assert_eq!(a_out.row(y), b_out.row(y));
            }
        }
    }

    #[test]
    fn perspective_examples() {
        let out = run("PerspectiveStretch", json!({}), &grid4());
        assert_eq!(red(&out), vec![vec![0, 1, 2, 3], vec![4, 5, 6, 0], vec![0, 8, 9, 0], vec![0, 12, 14, 0]]);
        let out = run(
            "PerspectiveStretch",
            json!({"top_factor": 0.5, "bottom_factor": 1.0, "interpolation": "nearest"}),
            &grid4(),
        );
        assert_eq!(red(&out), vec![vec![0, 0, 2, 0], vec![0, 4, 6, 0], vec![8, 9, 10, 0], vec![12, 13, 14, 15]]);
    }

    #[test]
    fn perspective_widens_and_warns() {
        let img = numbered_grid(3, 2, 4);
        let (out, ctx) = run_ctx("PerspectiveStretch", json!({"top_factor": 3.5, "bottom_factor": 0.05}), &img);
        assert_eq!((out.width(), out.height()), (10, 2));
        assert_eq!(
            ctx.warnings,
            vec![
                "Large scale factors may cause significant distortion",
                "Small scale factors may cause significant compression"
            ]
        );
        // Last row: scale 0.05 → trunc(0.15) = 0 columns: all transparent.
        assert!(out.row(1).iter().all(|&v| v == 0));
        // First row: 10 columns, sampled at j / 3.5 (bilinear).
        assert_eq!(out.pixel(0, 0), &[0, 0, 0, 255]);
        assert_eq!(out.pixel(9, 0), &[2, 2, 2, 255]);
    }

    #[test]
    fn perspective_rejects_zero_width() {
        let c = configure(
            "PerspectiveStretch",
            json!({"top_factor": 0.1, "bottom_factor": 0.2}).as_object().unwrap(),
            true,
        )
        .unwrap();
        let e = c.op.validate(&Context::new(4, 4, 3)).unwrap_err().to_string();
        assert!(e.contains("`top_factor`/`bottom_factor`") && e.contains("0.2"), "{e}");
        assert_eq!(c.op.footprint(&Context::new(4, 4, 3), 1..3), InputRows::Rows(1..3));
    }

    #[test]
    fn radial_contract_example() {
        let out = run("RadialStretch", json!({"factor": 0.5, "interpolation": "nearest"}), &grid4());
        assert_eq!(red(&out), vec![vec![0, 0, 0, 0], vec![0, 0, 2, 0], vec![0, 8, 10, 0], vec![0, 0, 0, 0]]);
    }

    #[test]
    fn radial_expand_example() {
        let out = run("RadialStretch", json!({"factor": 2.0, "interpolation": "nearest"}), &grid4());
        let want: Vec<Vec<u8>> = [
            "0 0 1 2 2 2 3 3",
            "0 1 1 1 2 2 3 7",
            "4 4 5 6 6 6 7 7",
            "4 8 5 10 10 10 11 11",
            "8 8 9 10 10 10 11 11",
            "12 8 9 10 10 10 11 11",
            "12 12 13 14 14 14 15 15",
            "12 13 13 13 14 14 15 15",
        ]
        .iter()
        .map(|r| r.split(' ').map(|v| v.parse().unwrap()).collect())
        .collect();
        assert_eq!(red(&out), want);
    }

    #[test]
    fn radial_quadratic_samples_one_circle() {
        // Quirk 14: every non-centre pixel samples at radius R/f from the source centre,
        // whatever its own distance. Source centre (4, 4) of an 8×8 grid: R = √32, f = 4 →
        // radius √2; the 32×32 output is centred on (16, 16) whatever the source centre.
        let img = numbered_grid(8, 8, 3);
        let params = json!({"center_mode": "custom", "center_x": 4, "center_y": 4, "factor": 4.0,
                            "falloff": "quadratic", "interpolation": "nearest"});
        let out = red(&run("RadialStretch", params, &img));
        let mut want = vec![35u8; 16];
        want.push(36);
        want.extend([37; 15]);
        assert_eq!(out[16], want);
        assert!((17..32).all(|y| out[y][16] == 44));
        // Linear instead scales distances: (17,16) → 4.25, (18,16) → 4.5, (19,16) → 4.75.
        let params = json!({"center_mode": "custom", "center_x": 4, "center_y": 4, "factor": 4.0,
                            "interpolation": "nearest"});
        assert_eq!(red(&run("RadialStretch", params, &img))[16][16..20], [36, 36, 36, 37]);
    }

    #[test]
    fn radial_validation() {
        let op = |p: serde_json::Value| configure("RadialStretch", p.as_object().unwrap(), true).unwrap().op;
        let ctx = Context::new(10, 8, 3);
        let e = op(json!({"center_mode": "custom", "center_x": 10})).validate(&ctx).unwrap_err().to_string();
        assert!(e.contains("center_x") && e.contains("10"), "{e}");
        let e = op(json!({"center_mode": "custom", "center_y": 8})).validate(&ctx).unwrap_err().to_string();
        assert!(e.contains("center_y") && e.contains("8"), "{e}");
        // Custom centres are only checked in custom mode.
        assert!(op(json!({"center_x": 10})).validate(&ctx).is_ok());
        let next = op(json!({"factor": 3.5})).validate(&ctx).unwrap();
        assert_eq!((next.width, next.height), (35, 28));
        assert_eq!(next.warnings, vec!["Large stretch factor may cause significant expansion"]);
        let next = op(json!({"factor": 0.2})).validate(&ctx).unwrap();
        assert_eq!((next.width, next.height), (10, 8));
        assert_eq!(next.warnings, vec!["Small stretch factor may cause significant contraction"]);
        assert_eq!(op(json!({})).footprint(&ctx, 0..1), InputRows::All);
    }

    #[test]
    fn parallel_bands_match_single_thread() {
        let img = crate::image::synth::noise(300, 300, 4, 3);
        let c = configure("RadialStretch", json!({"falloff": "exponential"}).as_object().unwrap(), true).unwrap();
        let ctx = Context::new(300, 300, 4);
        let many = c.op.apply(&img, &ctx).unwrap();
        let one =
            rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| c.op.apply(&img, &ctx).unwrap());
        assert_eq!(many, one);
    }
}
