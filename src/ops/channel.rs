//! Channel operations: ChannelSwap, ChannelIsolate, AlphaGenerator (docs/spec.md §3.23–3.25).
//! All are pixel-local: an output band needs exactly the same input rows.

use crate::core::params::{choice, params, Kind, ParamSpec};
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::{convert_pixels, par_row_bands, with_channels, Band, BandMut, Image};
use std::collections::BTreeMap;
use std::ops::Range;

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "ChannelSwap",
        family: "channel",
        summary: "Rearrange channels: each destination channel takes a source channel",
        params: SwapParams::PARAMS,
        version: 1,
        example: r#"{"mapping": {"r": "b", "b": "r"}}"#,
        build: |p| Ok(Box::new(ChannelSwap::new(p.decode()?))),
    },
    OpSpec {
        name: "ChannelIsolate",
        family: "channel",
        summary: "Keep some channels and set the others to a constant",
        params: IsolateParams::PARAMS,
        version: 1,
        example: r#"{"keep_red": true}"#,
        build: build_isolate,
    },
    OpSpec {
        name: "AlphaGenerator",
        family: "channel",
        summary: "Make an alpha channel from luminance, saturation or closeness to a colour",
        params: AlphaParams::PARAMS,
        version: 1,
        example: r#"{"threshold": 0}"#,
        build: build_alpha,
    },
];

fn same_rows(out_rows: Range<u32>) -> InputRows {
    InputRows::Rows(out_rows)
}

/// A channel operation that changes pixels where they are, in the output's channel count.
trait PixelChange: Sync {
    /// Changes packed pixels of `C` channels.
    fn change<const C: usize>(&self, pixels: &mut [u8]);

    /// `from` changed into `to` (both of `C` channels): by default a copy changed in place.
    fn change_from<const C: usize>(&self, from: &[u8], to: &mut [u8]) {
        to.copy_from_slice(from);
        self.change::<C>(to)
    }

    /// Changes every pixel of `img`, on all cores.
    fn change_image(&self, img: &mut Image) {
        let c = img.channels() as usize;
        crate::ops::par_bands(img.as_bytes_mut(), c * 4096, |_, chunk| with_channels!(c, |C| self.change::<C>(chunk)));
    }
}

/// A [`PixelChange`] prepared as a generator: a band of rows of about 64 KiB at a time is
/// copied (converted to the output's channel count), then changed while it is in the cache:
/// one pass over memory.
struct Changed<'a, T>(&'a T);

impl<T: PixelChange> Generator for Changed<'_, T> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let (c, stride, first) = (out.channels(), out.stride(), out.rows().start);
        par_row_bands(out.into_bytes(), stride, |y, band| {
            let y = first + y as u32;
            let from = src.rows_bytes(y..y + (band.len() / stride) as u32);
            if src.channels() == c {
                with_channels!(c, |C| self.0.change_from::<C>(from, band))
            } else {
                convert_pixels(from, band, c);
                with_channels!(c, |C| self.0.change::<C>(band))
            }
        });
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------

params! {
    struct SwapParams {
        mapping: BTreeMap<String, String> => ParamSpec::new(
            Kind::ChannelMap,
            r#"{"r": "b", "b": "r"}"#,
            "destination → source over r, g, b, a; unmapped channels stay. Using `a` makes the output RGBA",
        ),
    }
}

/// `out[c] = in[mapping[c]]`, all sources read from the input.
#[derive(Debug)]
pub struct ChannelSwap {
    /// Source channel index for each of R, G, B, A.
    source: [usize; 4],
    /// The mapping mentions alpha, so the output is RGBA.
    uses_alpha: bool,
}

impl ChannelSwap {
    fn new(p: SwapParams) -> ChannelSwap {
        let index = |c: &str| "rgba".find(c).expect("validated channel name");
        let mut source = [0, 1, 2, 3];
        let mut uses_alpha = false;
        for (dst, src) in &p.mapping {
            source[index(dst)] = index(src);
            uses_alpha |= dst == "a" || src == "a";
        }
        ChannelSwap { source, uses_alpha }
    }

    fn out_channels(&self, input: u8) -> u8 {
        if self.uses_alpha {
            4
        } else {
            input
        }
    }
}

impl Operation for ChannelSwap {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        Ok(ctx.with_channels(self.out_channels(ctx.channels)))
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        generate_whole(&Changed(self), src, (src.width(), src.height(), self.out_channels(ctx.channels)))
    }

    fn apply_in_place(&self, img: &mut Image, ctx: &Context) -> Result<()> {
        if self.in_place(ctx) {
            self.change_image(img);
        } else {
            *img = self.apply(img, ctx)?;
        }
        Ok(())
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.out_channels(ctx.channels) == ctx.channels
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        same_rows(out_rows)
    }

    fn prepare(&self, _ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(Changed(self))))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.total_pixels() * self.out_channels(ctx.channels) as u64
    }
}

/// Monomorphised per channel count so the inner loop is a fixed-size shuffle.
impl PixelChange for ChannelSwap {
    fn change<const C: usize>(&self, pixels: &mut [u8]) {
        let s: [usize; C] = std::array::from_fn(|k| self.source[k]);
        for p in pixels.chunks_exact_mut(C) {
            let px: [u8; C] = p.try_into().expect("chunk of C bytes");
            for k in 0..C {
                p[k] = px[s[k]];
            }
        }
    }

    /// Byte `i` (channel k) takes byte `i + d` with `d = source[k] − k`: one blend of the
    /// input shifted by each such `d`, under masks of period one pixel, over blocks of 16
    /// pixels (vector loads, ands and ors). The first and last blocks, where a shifted
    /// block would start before or end after the slice, go pixel by pixel.
    fn change_from<const C: usize>(&self, from: &[u8], to: &mut [u8]) {
        const N: usize = 16;
        let d: [isize; C] = std::array::from_fn(|k| self.source[k] as isize - k as isize);
        let mut shifts: Vec<(isize, [u8; 64])> = Vec::new();
        for &e in &d {
            if shifts.iter().all(|(s, _)| *s != e) {
                shifts.push((e, std::array::from_fn(|i| if i < N * C && d[i % C] == e { 0xFF } else { 0 })));
            }
        }
        let blocks = from.len() / (N * C);
        if blocks < 3 {
            to.copy_from_slice(from);
            return self.change::<C>(to);
        }
        let block = N * C;
        for b in 1..blocks - 1 {
            let dst: &mut [u8] = &mut to[b * block..(b + 1) * block];
            dst.fill(0);
            for (e, mask) in &shifts {
                let at = ((b * block) as isize + e) as usize;
                let src: &[u8] = &from[at..at + block];
                for ((o, &v), &m) in dst.iter_mut().zip(src).zip(&mask[..block]) {
                    *o |= v & m;
                }
            }
        }
        let ends = [0..block, (blocks - 1) * block..from.len()];
        for range in ends {
            to[range.clone()].copy_from_slice(&from[range.clone()]);
            self.change::<C>(&mut to[range]);
        }
    }
}

/// A mask and a fill over 16 pixels at once (48 or 64 bytes: a whole number of pixels and
/// of vector registers), so the loop is vector ands and ors.
impl PixelChange for ChannelIsolate {
    fn change<const C: usize>(&self, pixels: &mut [u8]) {
        const N: usize = 16;
        let (mut mask, mut fill) = ([0u8; N * 4], [0u8; N * 4]);
        for i in 0..N * C {
            mask[i] = if self.keep[i % C] { 0xFF } else { 0 };
            fill[i] = !mask[i] & self.fill;
        }
        let mut chunks = pixels.chunks_exact_mut(N * C);
        for chunk in &mut chunks {
            for ((v, &m), &f) in chunk.iter_mut().zip(&mask).zip(&fill) {
                *v = (*v & m) | f;
            }
        }
        for ((v, &m), &f) in chunks.into_remainder().iter_mut().zip(&mask).zip(&fill) {
            *v = (*v & m) | f;
        }
    }
}

// ---------------------------------------------------------------------------------------

params! {
    struct IsolateParams {
        keep_red: bool => ParamSpec::new(Kind::Bool, "true", "keep the red channel"),
        keep_green: bool => ParamSpec::new(Kind::Bool, "false", "keep the green channel"),
        keep_blue: bool => ParamSpec::new(Kind::Bool, "false", "keep the blue channel"),
        keep_alpha: bool => ParamSpec::new(Kind::Bool, "false", "keep alpha (output RGBA); otherwise the output is RGB"),
        fill_value: u8 => ParamSpec::new(Kind::BYTE, "0", "value of the channels not kept"),
    }
}

fn build_isolate(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: IsolateParams = p.decode()?;
    if !(p.keep_red || p.keep_green || p.keep_blue || p.keep_alpha) {
        return Err(Error::param(
            "keep_red",
            "must keep at least one channel (keep_red, keep_green, keep_blue, keep_alpha)",
        ));
    }
    Ok(Box::new(ChannelIsolate { keep: [p.keep_red, p.keep_green, p.keep_blue, p.keep_alpha], fill: p.fill_value }))
}

/// Keeps the chosen channels and sets the others to `fill`. The evident intent of the
/// original, whose `apply` always crashed (docs/spec.md §3.24).
#[derive(Debug)]
pub struct ChannelIsolate {
    keep: [bool; 4],
    fill: u8,
}

impl ChannelIsolate {
    fn out_channels(&self) -> u8 {
        if self.keep[3] {
            4
        } else {
            3
        }
    }
}

impl Operation for ChannelIsolate {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        Ok(ctx.with_channels(self.out_channels()))
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        let oc = self.out_channels();
        generate_whole(&Changed(self), src, (src.width(), src.height(), oc))
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        let taken = std::mem::replace(img, Image::new(0, 0, 3));
        *img = taken.into_channels(self.out_channels());
        self.change_image(img);
        Ok(())
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.out_channels() == ctx.channels
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        same_rows(out_rows)
    }

    fn prepare(&self, _ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(Changed(self))))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.total_pixels() * self.out_channels() as u64
    }
}

// ---------------------------------------------------------------------------------------

choice! {
    enum AlphaSource { Luminance = "luminance", Saturation = "saturation", SpecificColor = "specific_color" }
}

params! {
    struct AlphaParams {
        source: AlphaSource => ParamSpec::new(AlphaSource::KIND, "\"luminance\"", "what the alpha is computed from"),
        threshold: u8 => ParamSpec::new(
            Kind::BYTE,
            "128",
            "0 keeps continuous alpha; otherwise alpha is 255 where the value >= threshold, else 0",
        ),
        invert: bool => ParamSpec::new(Kind::Bool, "false", "alpha = 255 - alpha"),
        color_target: Option<[u8; 3]> => ParamSpec::new(Kind::Color { len: 3 }, "null", "target colour for specific_color"),
    }
}

fn build_alpha(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: AlphaParams = p.decode()?;
    if p.source == AlphaSource::SpecificColor && p.color_target.is_none() {
        return Err(Error::param("color_target", "is required when source is \"specific_color\" (colour [r, g, b])"));
    }
    let mut table = [0u8; 256];
    for (v, t) in table.iter_mut().enumerate() {
        let mut a = v as u8;
        if p.threshold > 0 {
            a = if a >= p.threshold { 255 } else { 0 };
        }
        *t = if p.invert { 255 - a } else { a };
    }
    Ok(Box::new(AlphaGenerator { source: p.source, target: p.color_target.unwrap_or([0; 3]), table }))
}

/// Computes alpha per pixel; thresholding and inversion are folded into one lookup table.
/// Thresholding is the intended behaviour (docs/spec.md §3.25), not the original's garbage output.
#[derive(Debug)]
pub struct AlphaGenerator {
    source: AlphaSource,
    target: [u8; 3],
    /// Raw alpha → final alpha (threshold, then invert).
    table: [u8; 256],
}

impl AlphaGenerator {
    fn raw_alpha(&self, r: u8, g: u8, b: u8) -> u8 {
        let (rf, gf, bf) = (r as f64, g as f64, b as f64);
        match self.source {
            AlphaSource::Luminance => (0.299 * rf + 0.587 * gf + 0.114 * bf) as u8,
            AlphaSource::Saturation => {
                let mx = r.max(g).max(b);
                let mn = r.min(g).min(b);
                if mx == 0 {
                    0
                } else {
                    ((mx - mn) as f64 / mx as f64 * 255.0) as u8
                }
            }
            AlphaSource::SpecificColor => {
                let [tr, tg, tb] = self.target.map(|v| v as f64);
                let dist = ((rf - tr).powi(2) + (gf - tg).powi(2) + (bf - tb).powi(2)).sqrt();
                let max = (3.0f64 * 255.0 * 255.0).sqrt();
                255 - (dist / max * 255.0) as u8
            }
        }
    }
}

impl AlphaGenerator {
    /// Rows of `C`-channel pixels to RGBA with the alpha of `raw` (a [`raw_alpha`]).
    ///
    /// [`raw_alpha`]: AlphaGenerator::raw_alpha
    fn rows<const C: usize>(&self, src: Band<'_>, out: BandMut<'_>, raw: impl Fn(u8, u8, u8) -> u8 + Sync) {
        out.par_rows(|y, row| {
            for (s, d) in src.row(y).chunks_exact(C).zip(row.chunks_exact_mut(4)) {
                d.copy_from_slice(&[s[0], s[1], s[2], self.table[raw(s[0], s[1], s[2]) as usize]]);
            }
        });
    }
}

impl Generator for AlphaGenerator {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        with_channels!(src.channels(), |C| match self.source {
            // The three products from tables (the same products), added in the same order.
            AlphaSource::Luminance => {
                let weighted = |w: f64| -> [f64; 256] { std::array::from_fn(|v| w * v as f64) };
                let (r, g, b) = (weighted(0.299), weighted(0.587), weighted(0.114));
                self.rows::<C>(src, out, |pr, pg, pb| (r[pr as usize] + g[pg as usize] + b[pb as usize]) as u8)
            }
            _ => self.rows::<C>(src, out, |r, g, b| self.raw_alpha(r, g, b)),
        });
        Ok(())
    }
}

impl Operation for AlphaGenerator {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        Ok(ctx.with_channels(4))
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        generate_whole(self, src, (src.width(), src.height(), 4))
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        same_rows(out_rows)
    }

    fn prepare(&self, _ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self)))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.total_pixels() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;
    use serde_json::json;

    fn rgb(px: &[[u8; 3]]) -> Image {
        Image::from_raw(px.len() as u32, 1, 3, px.concat()).unwrap()
    }

    #[test]
    fn the_blended_swap_equals_the_pixel_by_pixel_one() {
        fn both<const C: usize>(swap: &ChannelSwap, bytes: &[u8]) {
            let mut blended = vec![0; bytes.len()];
            swap.change_from::<C>(bytes, &mut blended);
            let mut one_by_one = bytes.to_vec();
            swap.change::<C>(&mut one_by_one);
            assert_eq!(blended, one_by_one, "{swap:?} on {} bytes", bytes.len());
        }
        let bytes: Vec<u8> = (0..4000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        for source in [[2, 1, 0, 3], [1, 1, 2, 3], [0, 0, 0, 3], [1, 2, 0, 3], [3, 2, 1, 0], [0, 3, 3, 1]] {
            let swap = ChannelSwap { source, uses_alpha: source.contains(&3) };
            // Fewer than three blocks of 16 pixels, exactly three, and more with a remainder.
            for pixels in [5, 47, 48, 64, 999] {
                if source[..3].iter().all(|&s| s < 3) {
                    both::<3>(&swap, &bytes[..pixels * 3]);
                }
                both::<4>(&swap, &bytes[..pixels * 4]);
            }
        }
    }

    #[test]
    fn swap_examples_from_spec() {
        let out = run("ChannelSwap", json!({}), &rgb(&[[1, 2, 3]]));
        assert_eq!(out.as_bytes(), &[3, 2, 1]);
        let rgba = Image::from_raw(1, 1, 4, vec![1, 2, 3, 4]).unwrap();
        let out = run("ChannelSwap", json!({"mapping": {"r": "g", "g": "b", "b": "r", "a": "r"}}), &rgba);
        assert_eq!(out.as_bytes(), &[2, 3, 1, 1]);
        let out = run("ChannelSwap", json!({"mapping": {"r": "a"}}), &rgb(&[[1, 2, 3]]));
        assert_eq!(out.as_bytes(), &[255, 2, 3, 255]);
        let out = run("ChannelSwap", json!({"mapping": {}}), &rgb(&[[1, 2, 3]]));
        assert_eq!(out.as_bytes(), &[1, 2, 3]);
    }

    #[test]
    fn swap_rejects_bad_channels() {
        let e = configure("ChannelSwap", json!({"mapping": {"x": "r"}}).as_object().unwrap(), false).unwrap_err();
        assert!(e.to_string().contains("invalid destination channel 'x'"), "{e}");
    }

    #[test]
    fn isolate_intended_behaviour() {
        let rgba = Image::from_raw(1, 1, 4, vec![10, 20, 30, 40]).unwrap();
        assert_eq!(run("ChannelIsolate", json!({}), &rgba).as_bytes(), &[10, 0, 0]);
        let out = run(
            "ChannelIsolate",
            json!({"keep_green": true, "keep_alpha": true, "keep_red": false, "fill_value": 7}),
            &rgba,
        );
        assert_eq!(out.as_bytes(), &[7, 20, 7, 40]);
        let out = run("ChannelIsolate", json!({"keep_blue": true, "fill_value": 9}), &rgb(&[[1, 2, 3]]));
        assert_eq!(out.as_bytes(), &[1, 9, 3]);
        let e = configure("ChannelIsolate", json!({"keep_red": false}).as_object().unwrap(), false).unwrap_err();
        assert!(e.to_string().contains("at least one channel"), "{e}");
    }

    #[test]
    fn alpha_examples_from_spec() {
        let img = rgb(&[[200, 100, 50], [10, 20, 30], [0, 0, 0], [255, 255, 0]]);
        let alphas =
            |params| run("AlphaGenerator", params, &img).as_bytes().chunks(4).map(|p| p[3]).collect::<Vec<_>>();
        assert_eq!(alphas(json!({"threshold": 0})), vec![124, 18, 0, 225]);
        assert_eq!(alphas(json!({"threshold": 0, "source": "saturation"})), vec![191, 170, 0, 255]);
        assert_eq!(
            alphas(json!({"threshold": 0, "source": "specific_color", "color_target": [200, 100, 50]})),
            vec![255, 136, 123, 156]
        );
        // Intended thresholding (the original produced garbage here): >= threshold → 255.
        assert_eq!(alphas(json!({"threshold": 124})), vec![255, 0, 0, 255]);
        assert_eq!(alphas(json!({"threshold": 125, "invert": true})), vec![255, 255, 255, 0]);
        let one = rgb(&[[200, 100, 7]]);
        let out = run("AlphaGenerator", json!({"threshold": 0, "invert": true}), &one);
        assert_eq!(out.as_bytes(), &[200, 100, 7, 136]);
    }

    #[test]
    fn alpha_rejects_fractional_threshold_and_missing_target() {
        let e = configure("AlphaGenerator", json!({"threshold": 0.3}).as_object().unwrap(), false).unwrap_err();
        assert!(e.to_string().contains("`threshold`") && e.to_string().contains("not an integer"), "{e}");
        let e =
            configure("AlphaGenerator", json!({"source": "specific_color"}).as_object().unwrap(), false).unwrap_err();
        assert!(e.to_string().contains("color_target"), "{e}");
    }

    #[test]
    fn channel_ops_are_row_local() {
        let ctx = Context::new(10, 10, 3);
        for name in ["ChannelSwap", "ChannelIsolate", "AlphaGenerator"] {
            let c = configure(name, &serde_json::Map::new(), true).unwrap();
            assert_eq!(c.op.footprint(&ctx, 2..5), InputRows::Rows(2..5));
        }
    }
}
