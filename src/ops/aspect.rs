//! Aspect-ratio operations: AspectStretch, AspectCrop, AspectPad (docs/spec.md §3.19–3.22).
//!
//! Sizes use the original's rounded ratio constants (`16:9` = 1.7778, …) and truncation, so
//! output sizes match it to the pixel. Resizes and blurs are Pillow-exact
//! ([`crate::image::resample`]); the smart-crop score reproduces numpy's `gradient` and
//! pairwise `mean`, so even near-ties pick the same candidate.

use crate::core::params::{choice, params, Bound, Kind, ParamSpec};
use crate::core::ratio::{is_at_ratio, parse_ratio};
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::resample::{gaussian_blur, resize, AxisResize, Filter};
use crate::image::{luma, Band, BandMut, Image};
use rayon::prelude::*;
use std::ops::Range;

const TARGET_RATIO: ParamSpec = ParamSpec::new(
    Kind::Ratio,
    "\"16:9\"",
    "width:height (\"16:9\") or a number (\"1.5\"); the common names use the original's rounded \
     constants, e.g. 16:9 = 1.7778",
);

const ALREADY: &str = "Image already has target aspect ratio";

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "AspectStretch",
        family: "aspect",
        summary: "Reach an aspect ratio by stretching one axis (Lanczos), whole or in segments",
        params: StretchParams::PARAMS,
        version: 1,
        example: r#"{"target_ratio": "16:9"}"#,
        build: build_stretch,
    },
    OpSpec {
        name: "AspectCrop",
        family: "aspect",
        summary: "Reach an aspect ratio by cropping one axis",
        params: CropParams::PARAMS,
        version: 1,
        example: r#"{"target_ratio": "16:9", "anchor": "center"}"#,
        build: build_crop,
    },
    OpSpec {
        name: "AspectPad",
        family: "aspect",
        summary: "Reach an aspect ratio by padding one axis on both sides",
        params: PadParams::PARAMS,
        version: 1,
        example: r#"{"target_ratio": "16:9", "pad_mode": "solid"}"#,
        build: build_pad,
    },
];

// ---------------------------------------------------------------------------------------
// Shared: the target ratio and the sizes it gives

/// The target ratio as written and as parsed.
#[derive(Debug)]
struct Target {
    text: String,
    ratio: f64,
}

impl Target {
    fn new(text: String) -> Result<Target> {
        let ratio = parse_ratio(&text).map_err(|m| Error::param("target_ratio", m))?;
        Ok(Target { text, ratio })
    }

    /// `|W/H − ρ| < 0.001`: the operation leaves the image as it is.
    fn already(&self, w: u32, h: u32) -> bool {
        is_at_ratio(w, h, self.ratio)
    }

    /// The target is wider than the image (`ρ > W/H`).
    fn wider(&self, w: u32, h: u32) -> bool {
        self.ratio > w as f64 / h as f64
    }

    /// `trunc(v)` as an image side, or a validation error naming the ratio.
    fn side(&self, v: f64, w: u32, h: u32) -> Result<u32> {
        let v = v.trunc();
        if v < 1.0 || v > u32::MAX as f64 {
            return Err(Error::invalid(format!(
                "`target_ratio` \"{}\" ({}) would make a {w}×{h} image {v} pixels on one side; \
                 choose a ratio closer to {:.4}",
                self.text,
                self.ratio,
                w as f64 / h as f64
            )));
        }
        Ok(v as u32)
    }

    /// Size after growing one axis to the ratio (stretch and pad): `(trunc(H·ρ), H)` or
    /// `(W, trunc(W/ρ))`.
    fn grown(&self, w: u32, h: u32) -> Result<(u32, u32)> {
        if self.wider(w, h) {
            Ok((self.side(h as f64 * self.ratio, w, h)?, h))
        } else {
            Ok((w, self.side(w as f64 / self.ratio, w, h)?))
        }
    }

    /// Size after cropping one axis to the ratio: `(W, trunc(W/ρ))` or `(trunc(H·ρ), H)`.
    fn cropped(&self, w: u32, h: u32) -> Result<(u32, u32)> {
        if self.wider(w, h) {
            Ok((w, self.side(w as f64 / self.ratio, w, h)?))
        } else {
            Ok((self.side(h as f64 * self.ratio, w, h)?, h))
        }
    }
}

/// The context after a step that leaves an already-fitting image alone.
fn unchanged(ctx: &Context) -> Context {
    let mut next = ctx.clone();
    next.warn(ALREADY);
    next
}

/// The smallest range covering all `ranges` (empty ranges ignored), clamped to `height`.
fn covering(ranges: impl IntoIterator<Item = Range<i64>>, height: u32) -> InputRows {
    let (lo, hi) = ranges
        .into_iter()
        .filter(|r| r.start < r.end)
        .fold((i64::MAX, i64::MIN), |(lo, hi), r| (lo.min(r.start), hi.max(r.end)));
    if lo > hi {
        InputRows::Rows(0..0)
    } else {
        InputRows::window(lo, hi, height)
    }
}

// ---------------------------------------------------------------------------------------
// AspectStretch

choice! {
    enum AspectMethod { Simple = "simple", Segment = "segment" }
}

params! {
    struct StretchParams {
        target_ratio: String => TARGET_RATIO,
        method: AspectMethod => ParamSpec::new(
            AspectMethod::KIND,
            "\"simple\"",
            "simple: one resize; segment: resize vertical strips separately (the widths are \
             floored, so the right edge may stay black/transparent)",
        ),
        segment_count: u32 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(1.0), max: Bound::None },
            "3",
            "number of vertical strips for segment (at most the image width)",
        ),
        /// Accepted for compatibility and without effect (docs/spec.md §7, decision 15).
        #[allow(dead_code)]
        preserve_center: bool => ParamSpec::new(Kind::Bool, "true", "accepted for compatibility; has no effect"),
    }
}

fn build_stretch(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: StretchParams = p.decode()?;
    Ok(Box::new(AspectStretch { target: Target::new(p.target_ratio)?, method: p.method, segments: p.segment_count }))
}

/// Resizes (Pillow LANCZOS) to the target ratio by growing one axis, either in one piece or
/// as `segment_count` vertical strips resized separately and laid side by side.
#[derive(Debug)]
pub struct AspectStretch {
    target: Target,
    method: AspectMethod,
    segments: u32,
}

impl AspectStretch {
    fn stretch(&self, src: &Image, wt: u32, ht: u32) -> Image {
        if self.method == AspectMethod::Simple {
            return resize(src, wt, ht, Filter::Lanczos);
        }
        let (w, h) = (src.width(), src.height());
        let n = self.segments;
        let sw = w / n;
        let mut out = Image::new(wt, ht, src.channels());
        let mut x = 0i64;
        for k in 0..n {
            let (left, right) = (k * sw, if k + 1 < n { (k + 1) * sw } else { w });
            // Floored, so the widths may not add up to `wt` (quirk 15: zero columns remain).
            let tw = (wt as u64 * (right - left) as u64 / w as u64) as u32;
            let part = resize(&src.crop(left, 0, right - left, h), tw, ht, Filter::Lanczos);
            out.paste(&part.view(), x, 0);
            x += tw as i64;
        }
        out
    }
}

/// [`AspectStretch`] prepared: a Lanczos resize of one axis.
struct Stretched(AxisResize);

impl Generator for Stretched {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        self.0.generate(src, out);
        Ok(())
    }
}

impl Operation for AspectStretch {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        if self.target.already(ctx.width, ctx.height) {
            return Ok(unchanged(ctx));
        }
        if self.method == AspectMethod::Segment && self.segments > ctx.width {
            return Err(Error::invalid(format!(
                "`segment_count` {} is more than the image width {}: every segment needs at least one column",
                self.segments, ctx.width
            )));
        }
        let (w, h) = self.target.grown(ctx.width, ctx.height)?;
        Ok(ctx.with_size(w, h))
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        if self.target.already(src.width(), src.height()) {
            return Ok(src.clone());
        }
        let (wt, ht) = self.target.grown(src.width(), src.height())?;
        match self.prepare(ctx)? {
            Some(g) => generate_whole(&*g, src, (wt, ht, src.channels())),
            None => Ok(self.stretch(src, wt, ht)),
        }
    }

    /// Growing the width keeps rows; growing the height reads the rows under the Lanczos
    /// window of each output row (`precompute_coeffs` bounds: support 3, scale H/Ht < 1).
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let (h, ht) = match self.target.grown(ctx.width, ctx.height) {
            Ok((_, ht)) if !self.target.already(ctx.width, ctx.height) && ht != ctx.height => (ctx.height, ht),
            _ => return InputRows::Rows(out_rows),
        };
        if out_rows.is_empty() {
            return InputRows::Rows(0..0);
        }
        let scale = h as f64 / ht as f64;
        let support = 3.0 * scale.max(1.0);
        let center = |y: u32| (y as f64 + 0.5) * scale;
        let lo = (center(out_rows.start) - support + 0.5) as i64;
        let hi = (center(out_rows.end - 1) + support + 0.5) as i64;
        InputRows::window(lo, hi, h)
    }

    /// A simple stretch is one resize along one axis; segments run on the whole image.
    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        let (w, h) = (ctx.width, ctx.height);
        if self.target.already(w, h) {
            return Ok(Some(Box::new(Window { left: 0, top: 0, channels: ctx.channels })));
        }
        if self.method != AspectMethod::Simple {
            return Ok(None);
        }
        let out = self.target.grown(w, h)?;
        let resize = AxisResize::new((w, h), out, ctx.channels, Filter::Lanczos);
        Ok(resize.map(|r| Box::new(Stretched(r)) as Box<dyn Generator>))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let (w, h) = self.target.grown(ctx.width, ctx.height).unwrap_or((ctx.width, ctx.height));
        let out = w as u64 * h as u64 * ctx.channels as u64;
        // A premultiplied copy of the input (RGBA), the one-axis pass, and for segments the
        // cropped and resized strips before they are pasted.
        let extra = if self.method == AspectMethod::Segment { out + ctx.memory_estimate() } else { 0 };
        out + ctx.memory_estimate() + extra
    }
}

// ---------------------------------------------------------------------------------------
// AspectCrop

choice! {
    enum Anchor { Center = "center", Top = "top", Bottom = "bottom", Left = "left", Right = "right" }
}

params! {
    struct CropParams {
        target_ratio: String => TARGET_RATIO,
        anchor: Anchor => ParamSpec::new(
            Anchor::KIND,
            "\"center\"",
            "which part to keep (the other axis stays centred)",
        ),
        smart_crop: bool => ParamSpec::new(
            Kind::Bool,
            "false",
            "ignore the anchor: keep the centre, left/right or top/bottom crop with the most \
             detail (mean gradient), slightly favouring the centre",
        ),
    }
}

fn build_crop(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: CropParams = p.decode()?;
    Ok(Box::new(AspectCrop { target: Target::new(p.target_ratio)?, anchor: p.anchor, smart: p.smart_crop }))
}

/// Crops one axis to the target ratio at an anchor, or where the detail is (smart crop).
#[derive(Debug)]
pub struct AspectCrop {
    target: Target,
    anchor: Anchor,
    smart: bool,
}

/// A crop rectangle: left, top (its size is the crop size).
type Origin = (u32, u32);

fn crop_origin(w: u32, h: u32, cw: u32, ch: u32, anchor: Anchor) -> Origin {
    let (cx, cy) = ((w - cw) / 2, (h - ch) / 2);
    match anchor {
        Anchor::Center => (cx, cy),
        Anchor::Top => (cx, 0),
        Anchor::Bottom => (cx, h - ch),
        Anchor::Left => (0, cy),
        Anchor::Right => (w - cw, cy),
    }
}

/// Smart-crop candidates in the original's order: centre, then left/right if the image is
/// more than 1.2 crops wide, then top/bottom if more than 1.2 crops high.
fn candidates(w: u32, h: u32, cw: u32, ch: u32) -> Vec<Origin> {
    let mut out = vec![crop_origin(w, h, cw, ch, Anchor::Center)];
    if w as f64 > cw as f64 * 1.2 {
        out.extend([Anchor::Left, Anchor::Right].map(|a| crop_origin(w, h, cw, ch, a)));
    }
    if h as f64 > ch as f64 * 1.2 {
        out.extend([Anchor::Top, Anchor::Bottom].map(|a| crop_origin(w, h, cw, ch, a)));
    }
    out
}

/// numpy's float64 `pairwise_sum` (8-way unrolled blocks of ≤ 128, halves rounded to
/// multiples of 8) over `values` mapped by `f`.
fn pairwise_sum(values: &[u32], f: impl Fn(u32) -> f64 + Copy) -> f64 {
    let n = values.len();
    if n < 8 {
        values.iter().fold(0.0, |acc, &v| acc + f(v))
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        for (rj, &v) in r.iter_mut().zip(&values[..8]) {
            *rj = f(v);
        }
        let full = n - n % 8;
        for block in values[8..full].chunks_exact(8) {
            for (rj, &v) in r.iter_mut().zip(block) {
                *rj += f(v);
            }
        }
        let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        values[full..].iter().fold(res, |acc, &v| acc + f(v))
    } else {
        let half = n / 2;
        let half = half - half % 8;
        pairwise_sum(&values[..half], f) + pairwise_sum(&values[half..], f)
    }
}

/// Squared gradient magnitude ×4 of the grey image, per pixel: numpy `gradient` gives
/// half-integers, so `gx² + gy²` is exactly `k / 4` for an integer `k` (stored in 4 bytes
/// instead of 8). `None` if a side is shorter than 2 (numpy raises; the original then keeps
/// the centre).
fn gradient_energy(src: &Image) -> Option<Vec<u32>> {
    let (w, h, c) = (src.width() as usize, src.height() as usize, src.channels() as usize);
    if w < 2 || h < 2 {
        return None;
    }
    let grey: Vec<u8> = src.as_bytes().chunks_exact(c).map(|p| luma(p[0], p[1], p[2])).collect();
    // Doubled differences: central ones are f[k+1] − f[k−1], one-sided ones 2·(f[1] − f[0]).
    let diff2 = |line: &dyn Fn(usize) -> i32, k: usize, n: usize| -> i32 {
        if k == 0 {
            2 * (line(1) - line(0))
        } else if k == n - 1 {
            2 * (line(n - 1) - line(n - 2))
        } else {
            line(k + 1) - line(k - 1)
        }
    };
    let mut energy = vec![0u32; w * h];
    energy.par_chunks_mut(w).enumerate().for_each(|(y, out)| {
        let row = &grey[y * w..(y + 1) * w];
        for (x, e) in out.iter_mut().enumerate() {
            let gx = diff2(&|k| row[k] as i32, x, w);
            let gy = diff2(&|k| grey[k * w + x] as i32, y, h);
            *e = (gx * gx + gy * gy) as u32;
        }
    });
    Some(energy)
}

/// numpy's default ufunc buffer size, in elements.
const NUMPY_BUFSIZE: usize = 8192;

/// `numpy.mean(magnitude[top:top+ch, left:left+cw])` with numpy 2.3's summation order
/// (checked against it): a full-width block is contiguous and summed in one pairwise pass;
/// a strided block is copied into buffers of as many whole rows as fit in 8192 values (at
/// least one row), and the pairwise sums of the buffers are added in order.
fn region_mean(energy: &[u32], w: usize, (left, top): (usize, usize), cw: usize, ch: usize) -> f64 {
    let magnitude = |k: u32| (k as f64 * 0.25).sqrt();
    let sum = if cw == w {
        pairwise_sum(&energy[top * w..(top + ch) * w], magnitude)
    } else {
        let rows_per_buffer = (NUMPY_BUFSIZE / cw).max(1);
        let mut buffer = Vec::with_capacity(rows_per_buffer * cw);
        let mut acc = 0.0;
        for start in (top..top + ch).step_by(rows_per_buffer) {
            buffer.clear();
            for y in start..(start + rows_per_buffer).min(top + ch) {
                buffer.extend_from_slice(&energy[y * w + left..y * w + left + cw]);
            }
            acc += pairwise_sum(&buffer, magnitude);
        }
        acc
    };
    sum / (cw * ch) as f64
}

impl AspectCrop {
    /// The original's `_analyze_image_detail`: highest mean gradient × centre bias wins,
    /// ties keep the earlier candidate.
    fn smart_origin(src: &Image, cw: u32, ch: u32) -> Origin {
        let (w, h) = (src.width(), src.height());
        let cands = candidates(w, h, cw, ch);
        if cands.len() == 1 {
            return cands[0];
        }
        let Some(energy) = gradient_energy(src) else { return cands[0] };
        let (icx, icy) = (w as f64 / 2.0, h as f64 / 2.0);
        let max_distance = (icx * icx + icy * icy).sqrt();
        let mut best = (cands[0], -1.0);
        for &(left, top) in &cands {
            let detail = region_mean(&energy, w as usize, (left as usize, top as usize), cw as usize, ch as usize);
            let rcx = (left + left + cw) as f64 / 2.0;
            let rcy = (top + top + ch) as f64 / 2.0;
            let distance = ((rcx - icx) * (rcx - icx) + (rcy - icy) * (rcy - icy)).sqrt();
            let score = detail * (1.0 - distance / max_distance * 0.2);
            if score > best.1 {
                best = ((left, top), score);
            }
        }
        best.0
    }

    /// Whether the rectangle depends on the pixels (smart crop with a choice to make).
    fn chooses(&self, w: u32, h: u32, cw: u32, ch: u32) -> bool {
        self.smart && candidates(w, h, cw, ch).len() > 1
    }

    /// The rectangle's corner when the pixels do not choose it (a smart crop with one
    /// candidate takes the centre).
    fn fixed_origin(&self, w: u32, h: u32, cw: u32, ch: u32) -> Option<Origin> {
        match self.smart {
            true => Some(candidates(w, h, cw, ch)).filter(|c| c.len() == 1).map(|c| c[0]),
            false => Some(crop_origin(w, h, cw, ch, self.anchor)),
        }
    }
}

/// [`AspectCrop`] prepared: the rectangle's top-left corner (its size is the output's).
struct Window {
    left: u32,
    top: u32,
    channels: u8,
}

impl Generator for Window {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let at = self.left as usize * self.channels as usize;
        out.par_rows(|y, row| row.copy_from_slice(&src.row(y + self.top)[at..at + row.len()]));
        Ok(())
    }
}

impl Operation for AspectCrop {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        if self.target.already(ctx.width, ctx.height) {
            return Ok(unchanged(ctx));
        }
        let (w, h) = self.target.cropped(ctx.width, ctx.height)?;
        Ok(ctx.with_size(w, h))
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        let (w, h) = (src.width(), src.height());
        if self.target.already(w, h) {
            return Ok(src.clone());
        }
        let (cw, ch) = self.target.cropped(w, h)?;
        let (left, top) =
            if self.smart { Self::smart_origin(src, cw, ch) } else { crop_origin(w, h, cw, ch, self.anchor) };
        generate_whole(&Window { left, top, channels: src.channels() }, src, (cw, ch, src.channels()))
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let (w, h) = (ctx.width, ctx.height);
        if self.target.already(w, h) {
            return InputRows::Rows(out_rows);
        }
        let Ok((cw, ch)) = self.target.cropped(w, h) else { return InputRows::Rows(out_rows) };
        match self.fixed_origin(w, h, cw, ch) {
            Some((_, top)) => InputRows::Rows(out_rows.start + top..out_rows.end + top),
            None => InputRows::All,
        }
    }

    /// A crop whose rectangle the pixels choose (smart) runs on the whole image.
    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        let (w, h) = (ctx.width, ctx.height);
        if self.target.already(w, h) {
            return Ok(Some(Box::new(Window { left: 0, top: 0, channels: ctx.channels })));
        }
        let (cw, ch) = self.target.cropped(w, h)?;
        let Some((left, top)) = self.fixed_origin(w, h, cw, ch) else { return Ok(None) };
        Ok(Some(Box::new(Window { left, top, channels: ctx.channels })))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let (w, h) = self.target.cropped(ctx.width, ctx.height).unwrap_or((ctx.width, ctx.height));
        let scores = if self.chooses(ctx.width, ctx.height, w, h) { ctx.total_pixels() * 5 } else { 0 };
        w as u64 * h as u64 * ctx.channels as u64 + scores
    }
}

// ---------------------------------------------------------------------------------------
// AspectPad

choice! {
    enum PadMode { Solid = "solid", Gradient = "gradient", Mirror = "mirror", Blur = "blur" }
}

params! {
    struct PadParams {
        target_ratio: String => TARGET_RATIO,
        pad_color: [u8; 4] => ParamSpec::new(
            Kind::Color { len: 4 },
            "[0, 0, 0, 255]",
            "padding colour (alpha dropped for RGB)",
        ),
        pad_mode: PadMode => ParamSpec::new(
            PadMode::KIND,
            "\"solid\"",
            "solid: pad_color; gradient: same as solid (as in the original); mirror: reflect \
             the edge (padding wider than the image stays zero); blur: stretch the edge \
             row/column of a Gaussian blur (radius 5)",
        ),
    }
}

fn build_pad(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: PadParams = p.decode()?;
    Ok(Box::new(AspectPad { target: Target::new(p.target_ratio)?, color: p.pad_color, mode: p.pad_mode }))
}

/// Pads one axis on both sides to the target ratio (the odd pixel goes to the right/bottom).
#[derive(Debug)]
pub struct AspectPad {
    target: Target,
    color: [u8; 4],
    mode: PadMode,
}

/// Where the input goes on the padded canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Padding {
    width: u32,
    height: u32,
    left: u32,
    top: u32,
    /// Padding on the right (horizontal) or bottom (vertical).
    after: u32,
    horizontal: bool,
}

/// Pillow's GaussianBlur radius of the `blur` mode.
const BLUR_RADIUS: f32 = 5.0;
/// Rows/columns of the input that reach an edge pixel of the blur: three box passes of
/// radius ≤ 6 each. Blurring only this much of the input gives the same edge pixels.
const BLUR_REACH: u32 = 3 * (BLUR_RADIUS as u32 + 1);

impl AspectPad {
    fn padding(&self, w: u32, h: u32) -> Result<Padding> {
        let (nw, nh) = self.target.grown(w, h)?;
        let horizontal = self.target.wider(w, h);
        let (extra, left, top) = if horizontal { (nw - w, (nw - w) / 2, 0) } else { (nh - h, 0, (nh - h) / 2) };
        let before = if horizontal { left } else { top };
        Ok(Padding { width: nw, height: nh, left, top, after: extra - before, horizontal })
    }

    /// Blurred padding: the image's edge, blurred, stretched over each side's padding.
    fn blur_pad(&self, src: &Image, p: Padding) -> Image {
        let (w, h) = (src.width(), src.height());
        let mut out = Image::filled(p.width, p.height, &self.color[..src.channels() as usize]);
        out.paste(&src.view(), p.left as i64, p.top as i64);
        if p.horizontal {
            // Column 0 / W−1 of the blurred image, each stretched over its padding.
            let reach = w.min(BLUR_REACH + 1);
            if p.left > 0 {
                let edge = gaussian_blur(&src.crop(0, 0, reach, h), BLUR_RADIUS).crop(0, 0, 1, h);
                out.paste(&resize(&edge, p.left, h, Filter::Bicubic).view(), 0, 0);
            }
            if p.after > 0 {
                let edge = gaussian_blur(&src.crop(w - reach, 0, reach, h), BLUR_RADIUS).crop(reach - 1, 0, 1, h);
                out.paste(&resize(&edge, p.after, h, Filter::Bicubic).view(), (p.left + w) as i64, 0);
            }
        } else {
            let reach = h.min(BLUR_REACH + 1);
            if p.top > 0 {
                let edge = gaussian_blur(&src.crop(0, 0, w, reach), BLUR_RADIUS).crop(0, 0, w, 1);
                out.paste(&resize(&edge, w, p.top, Filter::Bicubic).view(), 0, 0);
            }
            if p.after > 0 {
                let edge = gaussian_blur(&src.crop(0, h - reach, w, reach), BLUR_RADIUS).crop(0, reach - 1, w, 1);
                out.paste(&resize(&edge, w, p.after, Filter::Bicubic).view(), 0, (p.top + h) as i64);
            }
        }
        out
    }
}

/// [`AspectPad`] prepared with solid, gradient or mirrored padding (or none).
struct Padder {
    p: Padding,
    mirror: bool,
    /// An output row of the padding colour (black for mirror padding beyond the image).
    fill: Vec<u8>,
    width: u32,
    height: u32,
}

impl Generator for Padder {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let (p, w, h) = (&self.p, self.width as usize, self.height);
        let c = out.channels() as usize;
        out.par_rows(|y, row| {
            if p.horizontal {
                let (left, srow) = (p.left as usize, src.row(y));
                row[..left * c].copy_from_slice(&self.fill[..left * c]);
                row[(left + w) * c..].copy_from_slice(&self.fill[(left + w) * c..]);
                row[left * c..(left + w) * c].copy_from_slice(srow);
                if self.mirror {
                    for k in 0..left.min(w) {
                        row[(left - 1 - k) * c..(left - k) * c].copy_from_slice(&srow[k * c..(k + 1) * c]);
                    }
                    for k in 0..(p.after as usize).min(w) {
                        let (o, s) = (left + w + k, w - 1 - k);
                        row[o * c..(o + 1) * c].copy_from_slice(&srow[s * c..(s + 1) * c]);
                    }
                }
                return;
            }
            // Vertical: the image in the middle; mirrored rows (as far as the image
            // reaches) or the colour above and below.
            let from = if (p.top..p.top + h).contains(&y) {
                Some(y - p.top)
            } else if !self.mirror {
                None
            } else if y < p.top {
                Some(p.top - 1 - y).filter(|&k| k < h)
            } else {
                Some(y - p.top - h).filter(|&k| k < h).map(|k| h - 1 - k)
            };
            row.copy_from_slice(from.map_or(&self.fill[..], |r| src.row(r)));
        });
        Ok(())
    }
}

impl Operation for AspectPad {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        if self.target.already(ctx.width, ctx.height) {
            return Ok(unchanged(ctx));
        }
        let p = self.padding(ctx.width, ctx.height)?;
        Ok(ctx.with_size(p.width, p.height))
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        if self.target.already(src.width(), src.height()) {
            return Ok(src.clone());
        }
        let p = self.padding(src.width(), src.height())?;
        match self.prepare(ctx)? {
            Some(g) => generate_whole(&*g, src, (p.width, p.height, src.channels())),
            None => Ok(self.blur_pad(src, p)),
        }
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let h = ctx.height;
        let p = match self.padding(ctx.width, h) {
            Ok(p) if !self.target.already(ctx.width, h) => p,
            _ => return InputRows::Rows(out_rows),
        };
        let (a, b) = (out_rows.start as i64, out_rows.end as i64);
        let (top, hi) = (p.top as i64, h as i64);
        let reach = BLUR_REACH as i64 + 1;
        if p.horizontal {
            // Rows stay rows; a blurred edge pixel also sees its vertical neighbours.
            let halo = if self.mode == PadMode::Blur { reach } else { 0 };
            return InputRows::window(a - halo, b + halo, h);
        }
        // Vertical padding: the middle maps row r to r − top; the strips above and below
        // read mirrored rows, the blurred edge rows, or nothing.
        let middle = (a.max(top) - top)..(b.min(top + hi) - top);
        let (above, below) = (a < top, b > top + hi);
        let strips = match self.mode {
            PadMode::Solid | PadMode::Gradient => [0..0, 0..0],
            PadMode::Mirror => [
                // Row r < top shows input row top−1−r; row r ≥ top+H shows top+2H−1−r. The
                // strip above reads from row 0 on, so that bands going down never need a
                // row before one an earlier band needed.
                0..(top - a).min(hi),
                (top + 2 * hi - b).max(0)..(top + 2 * hi - a.max(top + hi)),
            ],
            PadMode::Blur => [0..reach, hi - reach..hi],
        };
        let [up, down] = strips;
        covering([middle, if above { up } else { 0..0 }, if below { down } else { 0..0 }], h)
    }

    /// Blurred padding runs on the whole image (its edges are blurred over whole columns).
    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        let p = if self.target.already(ctx.width, ctx.height) {
            Padding { width: ctx.width, height: ctx.height, left: 0, top: 0, after: 0, horizontal: true }
        } else if self.mode == PadMode::Blur {
            return Ok(None);
        } else {
            self.padding(ctx.width, ctx.height)?
        };
        let c = ctx.channels as usize;
        let pixel = if self.mode == PadMode::Mirror { [0; 4] } else { self.color };
        let fill = pixel[..c].repeat(p.width as usize);
        Ok(Some(Box::new(Padder {
            p,
            mirror: self.mode == PadMode::Mirror,
            fill,
            width: ctx.width,
            height: ctx.height,
        })))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let (w, h) = self.target.grown(ctx.width, ctx.height).unwrap_or((ctx.width, ctx.height));
        let blur = if self.mode == PadMode::Blur {
            // Two edge bands of the input and their blurs.
            4 * (BLUR_REACH as u64 + 1) * (ctx.width.max(ctx.height) as u64) * ctx.channels as u64
        } else {
            0
        };
        w as u64 * h as u64 * ctx.channels as u64 + blur
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::{noise, numbered_grid};
    use crate::ops::testing::{configure, op, red, run, run_ctx};
    use serde_json::json;

    fn size(name: &str, params: serde_json::Value, w: u32, h: u32) -> (u32, u32) {
        let next = op(name, params).validate(&Context::new(w, h, 3)).unwrap();
        (next.width, next.height)
    }

    /// Replaces every row outside the footprint of `rows` and checks the band is unchanged.
    fn assert_footprint_suffices(o: &dyn Operation, img: &Image, rows: Range<u32>) {
        let ctx = Context::of(img);
        let full = o.apply(img, &ctx).unwrap();
        let needed = match o.footprint(&ctx, rows.clone()) {
            InputRows::Rows(r) => r,
            other => panic!("expected a row range, got {other:?}"),
        };
        let mut masked = img.clone();
        for y in (0..img.height()).filter(|y| !needed.contains(y)) {
            masked.row_mut(y).fill(123);
        }
        let part = o.apply(&masked, &ctx).unwrap();
        for y in rows {
            assert_eq!(full.row(y), part.row(y), "row {y} depends on rows outside {needed:?}");
        }
    }

    #[test]
    fn stretch_sizes_from_spec() {
        let s = |r: &str, w, h| size("AspectStretch", json!({"target_ratio": r}), w, h);
        assert_eq!(s("1:1", 6, 4), (6, 6));
        assert_eq!(s("16:9", 6, 4), (7, 4));
        assert_eq!(s("2:3", 6, 4), (6, 8));
        assert_eq!(s("3:1", 6, 4), (12, 4));
        assert_eq!(s("1:1", 128, 96), (128, 128));
        assert_eq!(s("4:3", 96, 96), (127, 96)); // rounded constant 1.3333 (quirk 5)
        assert_eq!(s("16:9", 4000, 5000), (8889, 5000));
        assert_eq!(s("2:1", 200, 10), (200, 100));
    }

    #[test]
    fn already_at_ratio_warns_and_keeps_image() {
        let img = numbered_grid(6, 4, 3);
        for name in ["AspectStretch", "AspectCrop", "AspectPad"] {
            let (out, ctx) = run_ctx(name, json!({"target_ratio": "1.5"}), &img);
            assert_eq!(out, img, "{name}");
            assert_eq!(ctx.warnings, vec![ALREADY]);
            assert_eq!(op(name, json!({"target_ratio": "1.5"})).footprint(&ctx, 1..3), InputRows::Rows(1..3));
        }
    }

    #[test]
    fn stretch_segments_leave_floored_columns_zero() {
        // 10×4 → 3.5: Wt = 14; segments 3, 3, 4 columns → 4, 4, 5 = 13: column 13 stays zero.
        let img = noise(10, 4, 4, 11);
        let out = run("AspectStretch", json!({"target_ratio": "3.5", "method": "segment"}), &img);
        assert_eq!((out.width(), out.height()), (14, 4));
        for y in 0..4 {
            assert_eq!(out.pixel(13, y), &[0, 0, 0, 0]);
        }
        let first = resize(&img.crop(0, 0, 3, 4), 4, 4, Filter::Lanczos);
        let last = resize(&img.crop(6, 0, 4, 4), 5, 4, Filter::Lanczos);
        assert_eq!(out.crop(0, 0, 4, 4), first);
        assert_eq!(out.crop(8, 0, 5, 4), last);
        // The spec's 15×10 → 1:1 with 4 segments: 15×15 (segments only grow in height).
        let g = crate::image::synth::gradient(15, 10, 3);
        let out = run("AspectStretch", json!({"target_ratio": "1:1", "method": "segment", "segment_count": 4}), &g);
        assert_eq!((out.width(), out.height()), (15, 15));
        assert_eq!(out.crop(0, 0, 3, 15), resize(&g.crop(0, 0, 3, 10), 3, 15, Filter::Lanczos));
        // Simple is one Pillow LANCZOS resize.
        let out = run("AspectStretch", json!({"target_ratio": "1:1"}), &img);
        assert_eq!(out, resize(&img, 10, 10, Filter::Lanczos));
    }

    #[test]
    fn stretch_rejects_more_segments_than_columns() {
        let o = op("AspectStretch", json!({"target_ratio": "1:1", "method": "segment", "segment_count": 7}));
        let e = o.validate(&Context::new(6, 4, 3)).unwrap_err().to_string();
        assert!(e.contains("`segment_count` 7") && e.contains("width 6"), "{e}");
        // Already at ratio: nothing is resized, so nothing to reject.
        assert!(o.validate(&Context::new(6, 6, 3)).is_ok());
        let e = configure("AspectStretch", json!({"target_ratio": "invalid"}).as_object().unwrap(), true)
            .unwrap_err()
            .to_string();
        assert!(e.contains("`target_ratio`") && e.contains("Invalid ratio format 'invalid'"), "{e}");
    }

    #[test]
    fn stretch_footprint() {
        let img = noise(10, 10, 4, 5);
        let tall = op("AspectStretch", json!({"target_ratio": "1:2"}));
        let ctx = Context::new(10, 10, 4);
        assert_eq!(tall.footprint(&ctx, 0..20), InputRows::Rows(0..10));
        assert_eq!(tall.footprint(&ctx, 8..10), InputRows::Rows(1..8));
        for band in [0..3, 8..10, 12..20] {
            assert_footprint_suffices(tall.as_ref(), &img, band);
        }
        let seg = op("AspectStretch", json!({"target_ratio": "2:5", "method": "segment"}));
        assert_footprint_suffices(seg.as_ref(), &img, 10..14);
        let wide = op("AspectStretch", json!({"target_ratio": "2:1"}));
        assert_eq!(wide.footprint(&ctx, 3..5), InputRows::Rows(3..5));
        assert_footprint_suffices(wide.as_ref(), &img, 3..5);
    }

    #[test]
    fn crop_anchors_and_sizes_from_spec() {
        let img = numbered_grid(6, 4, 3);
        let cols = |anchor: &str| {
            let out = run("AspectCrop", json!({"target_ratio": "1:1", "anchor": anchor}), &img);
            assert_eq!((out.width(), out.height()), (4, 4));
            red(&out)[0].clone()
        };
        assert_eq!(cols("center"), vec![1, 2, 3, 4]);
        assert_eq!(cols("top"), vec![1, 2, 3, 4]);
        assert_eq!(cols("bottom"), vec![1, 2, 3, 4]);
        assert_eq!(cols("left"), vec![0, 1, 2, 3]);
        assert_eq!(cols("right"), vec![2, 3, 4, 5]);
        let s = |r: &str, w, h| size("AspectCrop", json!({"target_ratio": r}), w, h);
        assert_eq!(s("16:9", 6, 4), (6, 3));
        assert_eq!(s("2:3", 6, 4), (2, 4));
        assert_eq!(s("3:1", 6, 4), (6, 2));
        assert_eq!(s("16:9", 16, 16), (16, 8)); // rounded constant (exact: 9)
                                                // Vertical anchors on a tall crop: rows 0..2 / 1..3 / 2..4 of 6×4 → 3:1.
        let rows = |anchor: &str| red(&run("AspectCrop", json!({"target_ratio": "3:1", "anchor": anchor}), &img));
        assert_eq!(rows("top"), vec![vec![0, 1, 2, 3, 4, 5], vec![6, 7, 8, 9, 10, 11]]);
        assert_eq!(rows("center")[0][0], 6);
        assert_eq!(rows("bottom")[0][0], 12);
        assert_eq!(rows("left")[0][0], 6);
    }

    #[test]
    fn crop_to_nothing_is_a_validation_error() {
        let e = op("AspectCrop", json!({"target_ratio": "10"})).validate(&Context::new(4, 4, 3)).unwrap_err();
        assert!(e.to_string().contains("`target_ratio` \"10\""), "{e}");
    }

    #[test]
    fn crop_footprint() {
        let img = noise(8, 12, 3, 9);
        let ctx = Context::new(8, 12, 3);
        for anchor in ["center", "top", "bottom"] {
            let o = op("AspectCrop", json!({"target_ratio": "2:1", "anchor": anchor}));
            assert_footprint_suffices(o.as_ref(), &img, 1..3);
        }
        let o = op("AspectCrop", json!({"target_ratio": "2:1", "anchor": "bottom"}));
        assert_eq!(o.footprint(&ctx, 0..4), InputRows::Rows(8..12));
        let smart = op("AspectCrop", json!({"target_ratio": "2:1", "smart_crop": true}));
        assert_eq!(smart.footprint(&ctx, 0..4), InputRows::All);
        // A smart crop with a single candidate is a plain centre crop: 10×12 → 3:4 keeps
        // 9 columns, and 10 > 1.2·9 is false.
        let smart = op("AspectCrop", json!({"target_ratio": "3:4", "smart_crop": true}));
        assert_eq!(smart.footprint(&Context::new(10, 12, 3), 2..5), InputRows::Rows(2..5));
    }

    #[test]
    fn gradient_energy_matches_numpy() {
        let grey = [[0u8, 10, 30, 60], [5, 5, 5, 5], [100, 0, 100, 0]];
        let data: Vec<u8> = grey.iter().flatten().flat_map(|&v| [v, v, v]).collect();
        let img = Image::from_raw(4, 3, 3, data).unwrap();
        // 4·(gx² + gy²) from numpy.gradient on the same array.
        let want = vec![500, 1000, 5000, 15700, 10000, 100, 4900, 3600, 76100, 100, 36100, 40100];
        assert_eq!(gradient_energy(&img), Some(want));
        assert_eq!(gradient_energy(&noise(5, 1, 3, 1)), None);
        assert_eq!(gradient_energy(&noise(1, 5, 3, 1)), None);
    }

    #[test]
    fn region_mean_follows_numpy_summation_order() {
        // Expected: numpy 2.3.2 `np.mean(np.sqrt(e * 0.25)[t:t+ch, l:l+cw])` with
        // e = (i · 2654435761) mod 520201 over the flattened W×H array. All but the last
        // differ from a naive left-to-right sum.
        let cases = [
            (1000usize, 40usize, (0usize, 3usize), 1000usize, 34usize, 0x406e0d7bb294a5deu64),
            (1000, 40, (17, 0), 233, 40, 0x406e11a2a831a47f),
            (1000, 40, (1, 0), 999, 40, 0x406e0da5782fc2d7),
            (5000, 3, (100, 0), 4500, 3, 0x406e0e1f486d1347),
            (1000, 40, (5, 7), 20, 1, 0x406dd1fcf0d453f5),
        ];
        for (w, h, origin, cw, ch, bits) in cases {
            let energy: Vec<u32> = (0..(w * h) as u64).map(|i| (i * 2654435761 % 520201) as u32).collect();
            let got = region_mean(&energy, w, origin, cw, ch);
            assert_eq!(got.to_bits(), bits, "{w}×{h} at {origin:?} {cw}×{ch}: {got}");
        }
    }

    #[test]
    fn smart_crop_picks_detail_and_falls_back_to_centre() {
        // 20×10 → 1:1: candidates centre (5), left (0), right (10). Detail only on the left.
        let mut img = Image::filled(20, 10, &[50, 50, 50]);
        for y in 0..10 {
            for x in 0..8 {
                img.pixel_mut(x, y).fill(if (x + y) % 2 == 0 { 0 } else { 255 });
            }
        }
        img.pixel_mut(19, 0).fill(200);
        let left = |img: &Image| {
            let out = run("AspectCrop", json!({"target_ratio": "1:1", "smart_crop": true}), img);
            (0..20).find(|&x| img.crop(x, 0, 10, 10) == out).unwrap()
        };
        assert_eq!(left(&img), 0);
        // Mirrored: the right crop wins.
        let mut flipped = img.clone();
        for y in 0..10 {
            for x in 0..20 {
                flipped.pixel_mut(x, y).copy_from_slice(img.pixel(19 - x, y));
            }
        }
        assert_eq!(left(&flipped), 10);
        // Even detail everywhere (a linear ramp): the centre bias decides.
        let mut ramp = Image::new(20, 10, 3);
        for y in 0..10 {
            for x in 0..20 {
                ramp.pixel_mut(x, y).fill(10 * x as u8);
            }
        }
        assert_eq!(left(&ramp), 5);
        // One row: numpy.gradient fails, the original keeps the centre.
        let row = noise(10, 1, 3, 4);
        let out = run("AspectCrop", json!({"target_ratio": "3", "smart_crop": true}), &row);
        assert_eq!(out, row.crop(3, 0, 3, 1));
    }

    #[test]
    fn pad_examples_from_spec() {
        let img = numbered_grid(6, 4, 3);
        let out = run("AspectPad", json!({"target_ratio": "1:1", "pad_color": [9, 9, 9, 255]}), &img);
        assert_eq!((out.width(), out.height()), (6, 6));
        assert_eq!(red(&out)[0], vec![9; 6]);
        assert_eq!(red(&out)[1], vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(red(&out)[5], vec![9; 6]);
        let gradient =
            run("AspectPad", json!({"target_ratio": "1:1", "pad_color": [9, 9, 9, 255], "pad_mode": "gradient"}), &img);
        assert_eq!(gradient, out);

        let row = numbered_grid(4, 2, 3);
        let out = run("AspectPad", json!({"target_ratio": "3:1", "pad_mode": "mirror"}), &row);
        assert_eq!(red(&out)[0], vec![0, 0, 1, 2, 3, 3]);
        let square = numbered_grid(2, 2, 3);
        let out = run("AspectPad", json!({"target_ratio": "1:2", "pad_mode": "mirror"}), &square);
        assert_eq!(red(&out), vec![vec![0, 1], vec![0, 1], vec![2, 3], vec![2, 3]]);
    }

    #[test]
    fn pad_solid_colour_follows_channels() {
        let rgba = noise(2, 4, 4, 3);
        let out = run("AspectPad", json!({"target_ratio": "1:1", "pad_color": [1, 2, 3, 4]}), &rgba);
        assert_eq!(out.pixel(0, 0), &[1, 2, 3, 4]);
        assert_eq!(out.pixel(3, 3), &[1, 2, 3, 4]);
        assert_eq!(out.crop(1, 0, 2, 4), rgba);
        let rgb = noise(2, 4, 3, 3);
        let out = run("AspectPad", json!({"target_ratio": "1:1", "pad_color": [1, 2, 3, 4]}), &rgb);
        assert_eq!(out.pixel(0, 0), &[1, 2, 3]);
    }

    #[test]
    fn pad_mirror_wider_than_image_leaves_zero() {
        // 1×2 RGBA → 3:1: 6 wide, left 2, right 3; one column can be mirrored on each side.
        let img = Image::from_raw(1, 2, 4, vec![10, 20, 30, 40, 50, 60, 70, 80]).unwrap();
        let out = run("AspectPad", json!({"target_ratio": "3:1", "pad_mode": "mirror"}), &img);
        assert_eq!(red(&out), vec![vec![0, 10, 10, 10, 0, 0], vec![0, 50, 50, 50, 0, 0]]);
        assert_eq!(out.pixel(0, 0), &[0, 0, 0, 0]);
        assert_eq!(out.pixel(3, 1), &[50, 60, 70, 80]);
    }

    /// The blur mode blurs only the input bands next to the edges; that must give the same
    /// edge pixels as blurring the whole image (as the original does).
    #[test]
    fn pad_blur_matches_full_image_blur() {
        for (w, h, ratio) in [(50u32, 30u32, "3:1"), (30, 50, "1:3"), (12, 7, "3:1"), (40, 25, "1:1")] {
            let img = noise(w, h, 4, w as u64);
            let out = run("AspectPad", json!({"target_ratio": ratio, "pad_mode": "blur"}), &img);
            let b = gaussian_blur(&img, 5.0);
            let p =
                AspectPad { target: Target::new(ratio.into()).unwrap(), color: [0, 0, 0, 255], mode: PadMode::Blur }
                    .padding(w, h)
                    .unwrap();
            let mut want = Image::filled(p.width, p.height, &[0, 0, 0, 255]);
            want.paste(&img.view(), p.left as i64, p.top as i64);
            if p.horizontal {
                let (l, r) = (b.crop(0, 0, 1, h), b.crop(w - 1, 0, 1, h));
                want.paste(&resize(&l, p.left, h, Filter::Bicubic).view(), 0, 0);
                want.paste(&resize(&r, p.after, h, Filter::Bicubic).view(), (p.left + w) as i64, 0);
            } else {
                let (t, bo) = (b.crop(0, 0, w, 1), b.crop(0, h - 1, w, 1));
                want.paste(&resize(&t, w, p.top, Filter::Bicubic).view(), 0, 0);
                want.paste(&resize(&bo, w, p.after, Filter::Bicubic).view(), 0, (p.top + h) as i64);
            }
            assert_eq!(out, want, "{w}×{h} → {ratio}");
        }
    }

    #[test]
    fn pad_footprint() {
        let wide = noise(30, 44, 4, 1);
        let tall = noise(44, 30, 4, 2);
        for mode in ["solid", "mirror", "blur"] {
            let o = op("AspectPad", json!({"target_ratio": "2:1", "pad_mode": mode}));
            // 30×44 → 2:1 pads left/right: rows map to themselves.
            for band in [0..5, 20..30, 40..44] {
                assert_footprint_suffices(o.as_ref(), &wide, band);
            }
            let o = op("AspectPad", json!({"target_ratio": "1:2", "pad_mode": mode}));
            // 44×30 → 1:2 is 44×88: 29 rows above, 29 below.
            for band in [0..5, 20..35, 27..62, 55..70, 80..88, 0..88] {
                assert_footprint_suffices(o.as_ref(), &tall, band);
            }
        }
        let ctx = Context::new(44, 30, 4);
        let solid = op("AspectPad", json!({"target_ratio": "1:2"}));
        assert_eq!(solid.footprint(&ctx, 0..10), InputRows::Rows(0..0));
        assert_eq!(solid.footprint(&ctx, 25..35), InputRows::Rows(0..6));
        let mirror = op("AspectPad", json!({"target_ratio": "1:2", "pad_mode": "mirror"}));
        // Rows 19..29 mirrored, from row 0 on (bands going down never go back).
        assert_eq!(mirror.footprint(&ctx, 0..10), InputRows::Rows(0..29));
        assert_eq!(mirror.footprint(&ctx, 80..88), InputRows::Rows(1..9));
    }
}
