//! Aspect-ratio operations: AspectStretch, AspectCrop, AspectPad (spec §3.19–3.22).
//!
//! Sizes use the original's rounded ratio constants (`16:9` = 1.7778, …) and truncation, so
//! output sizes match it to the pixel. Resizes and blurs are Pillow-exact
//! ([`crate::image::resample`]); the smart-crop score reproduces numpy's `gradient` and
//! pairwise `mean`, so even near-ties pick the same candidate.

use crate::core::params::{Kind, ParamSpec};
use crate::core::ratio::{is_at_ratio, parse_ratio};
use crate::core::{Context, Error, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::resample::{gaussian_blur, resize, Filter};
use crate::image::{luma, Image};
use rayon::prelude::*;
use serde::Deserialize;
use std::ops::Range;

const TARGET_RATIO: ParamSpec = ParamSpec::new(
    "target_ratio",
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
        params: &[
            TARGET_RATIO,
            ParamSpec::new(
                "method",
                Kind::Choice(&["simple", "segment"]),
                "\"simple\"",
                "simple: one resize; segment: resize vertical strips separately (the widths are \
                 floored, so the right edge may stay black/transparent)",
            ),
            ParamSpec::new(
                "segment_count",
                Kind::Int { min: crate::core::Bound::Incl(1.0), max: crate::core::Bound::None },
                "3",
                "number of vertical strips for segment (at most the image width)",
            ),
            ParamSpec::new("preserve_center", Kind::Bool, "true", "accepted for compatibility; has no effect"),
        ],
        version: 1,
        build: build_stretch,
    },
    OpSpec {
        name: "AspectCrop",
        family: "aspect",
        summary: "Reach an aspect ratio by cropping one axis",
        params: &[
            TARGET_RATIO,
            ParamSpec::new(
                "anchor",
                Kind::Choice(&["center", "top", "bottom", "left", "right"]),
                "\"center\"",
                "which part to keep (the other axis stays centred)",
            ),
            ParamSpec::new(
                "smart_crop",
                Kind::Bool,
                "false",
                "ignore the anchor: keep the centre, left/right or top/bottom crop with the most \
                 detail (mean gradient), slightly favouring the centre",
            ),
        ],
        version: 1,
        build: build_crop,
    },
    OpSpec {
        name: "AspectPad",
        family: "aspect",
        summary: "Reach an aspect ratio by padding one axis on both sides",
        params: &[
            TARGET_RATIO,
            ParamSpec::new("pad_color", Kind::Color { len: 4 }, "[0, 0, 0, 255]", "padding colour (alpha dropped for RGB)"),
            ParamSpec::new(
                "pad_mode",
                Kind::Choice(&["solid", "gradient", "mirror", "blur"]),
                "\"solid\"",
                "solid: pad_color; gradient: same as solid (as in the original); mirror: reflect \
                 the edge (padding wider than the image stays zero); blur: stretch the edge \
                 row/column of a Gaussian blur (radius 5)",
            ),
        ],
        version: 1,
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

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum StretchMethod {
    Simple,
    Segment,
}

#[derive(Deserialize)]
struct StretchParams {
    target_ratio: String,
    method: StretchMethod,
    segment_count: u32,
    // `preserve_center` is accepted by the declaration and has no effect (decision 15).
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
    method: StretchMethod,
    segments: u32,
}

impl AspectStretch {
    fn stretch(&self, src: &Image, wt: u32, ht: u32) -> Image {
        if self.method == StretchMethod::Simple {
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

impl Operation for AspectStretch {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        if self.target.already(ctx.width, ctx.height) {
            return Ok(unchanged(ctx));
        }
        if self.method == StretchMethod::Segment && self.segments > ctx.width {
            return Err(Error::invalid(format!(
                "`segment_count` {} is more than the image width {}: every segment needs at least one column",
                self.segments, ctx.width
            )));
        }
        let (w, h) = self.target.grown(ctx.width, ctx.height)?;
        Ok(ctx.with_size(w, h))
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        if self.target.already(src.width(), src.height()) {
            return Ok(src.clone());
        }
        let (wt, ht) = self.target.grown(src.width(), src.height())?;
        Ok(self.stretch(src, wt, ht))
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

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let (w, h) = self.target.grown(ctx.width, ctx.height).unwrap_or((ctx.width, ctx.height));
        let out = w as u64 * h as u64 * ctx.channels as u64;
        // A premultiplied copy of the input (RGBA), the one-axis pass, and for segments the
        // cropped and resized strips before they are pasted.
        let extra = if self.method == StretchMethod::Segment { out + ctx.memory_estimate() } else { 0 };
        out + ctx.memory_estimate() + extra
    }
}

// ---------------------------------------------------------------------------------------
// AspectCrop

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Anchor {
    Center,
    Top,
    Bottom,
    Left,
    Right,
}

#[derive(Deserialize)]
struct CropParams {
    target_ratio: String,
    anchor: Anchor,
    smart_crop: bool,
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

/// `numpy.mean(magnitude[top:top+ch, left:left+cw])`: a full-width block is contiguous and
/// summed in one pairwise pass; otherwise numpy adds one pairwise sum per row.
fn region_mean(energy: &[u32], w: usize, (left, top): (usize, usize), cw: usize, ch: usize) -> f64 {
    let magnitude = |k: u32| (k as f64 * 0.25).sqrt();
    let sum = if cw == w {
        0.0 + pairwise_sum(&energy[top * w..(top + ch) * w], magnitude)
    } else {
        (top..top + ch).fold(0.0, |acc, y| acc + pairwise_sum(&energy[y * w + left..y * w + left + cw], magnitude))
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
        Ok(src.crop(left, top, cw, ch))
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let (w, h) = (ctx.width, ctx.height);
        if self.target.already(w, h) {
            return InputRows::Rows(out_rows);
        }
        let Ok((cw, ch)) = self.target.cropped(w, h) else { return InputRows::Rows(out_rows) };
        if self.chooses(w, h, cw, ch) {
            return InputRows::All;
        }
        let (_, top) = crop_origin(w, h, cw, ch, self.anchor);
        InputRows::Rows(out_rows.start + top..out_rows.end + top)
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let (w, h) = self.target.cropped(ctx.width, ctx.height).unwrap_or((ctx.width, ctx.height));
        let scores = if self.chooses(ctx.width, ctx.height, w, h) { ctx.total_pixels() * 5 } else { 0 };
        w as u64 * h as u64 * ctx.channels as u64 + scores
    }
}

// ---------------------------------------------------------------------------------------
// AspectPad

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum PadMode {
    Solid,
    Gradient,
    Mirror,
    Blur,
}

#[derive(Deserialize)]
struct PadParams {
    target_ratio: String,
    pad_color: [u8; 4],
    pad_mode: PadMode,
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

    fn pad(&self, src: &Image, p: Padding) -> Image {
        let c = src.channels() as usize;
        let (w, h) = (src.width(), src.height());
        let mut out = match self.mode {
            PadMode::Mirror => Image::new(p.width, p.height, src.channels()),
            _ => Image::filled(p.width, p.height, &self.color[..c]),
        };
        out.paste(&src.view(), p.left as i64, p.top as i64);
        match (self.mode, p.horizontal) {
            (PadMode::Solid | PadMode::Gradient, _) => {}
            (PadMode::Mirror, true) => {
                let (n_left, n_right) = (p.left.min(w) as usize, p.after.min(w) as usize);
                let (left, wu) = (p.left as usize, w as usize);
                for (srow, orow) in src.rows().zip(out.rows_mut()) {
                    for k in 0..n_left {
                        orow[(left - 1 - k) * c..(left - k) * c].copy_from_slice(&srow[k * c..(k + 1) * c]);
                    }
                    for k in 0..n_right {
                        let (o, s) = (left + wu + k, wu - 1 - k);
                        orow[o * c..(o + 1) * c].copy_from_slice(&srow[s * c..(s + 1) * c]);
                    }
                }
            }
            (PadMode::Mirror, false) => {
                for k in 0..p.top.min(h) {
                    out.row_mut(p.top - 1 - k).copy_from_slice(src.row(k));
                }
                for k in 0..p.after.min(h) {
                    out.row_mut(p.top + h + k).copy_from_slice(src.row(h - 1 - k));
                }
            }
            (PadMode::Blur, true) => {
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
            }
            (PadMode::Blur, false) => {
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
        }
        out
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

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        if self.target.already(src.width(), src.height()) {
            return Ok(src.clone());
        }
        let p = self.padding(src.width(), src.height())?;
        Ok(self.pad(src, p))
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
                // Row r < top shows input row top−1−r; row r ≥ top+H shows top+2H−1−r.
                (top - b.min(top)).max(0)..(top - a).min(hi),
                (top + 2 * hi - b).max(0)..(top + 2 * hi - a.max(top + hi)),
            ],
            PadMode::Blur => [0..reach, hi - reach..hi],
        };
        let [up, down] = strips;
        covering([middle, if above { up } else { 0..0 }, if below { down } else { 0..0 }], h)
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
