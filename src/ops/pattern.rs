//! Pattern operations: Mosaic and Dither (spec §3.26–3.27).
//!
//! Neither converts modes: every channel of the input, alpha included, is processed and the
//! output has the input's shape, so both work in place.

use crate::core::params::{Bound, Kind, ParamSpec};
use crate::core::{Context, Error, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::Image;
use crate::ops::block::par_bands;
use crate::rng::NpRandomState;
use serde::Deserialize;
use std::ops::Range;

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "Mosaic",
        family: "pattern",
        summary: "Replace tiles by one colour each, separated by gaps",
        params: &[
            ParamSpec::new(
                "tile_width",
                Kind::Int { min: Bound::Incl(1.0), max: Bound::Incl(256.0) },
                "8",
                "tile width in pixels",
            ),
            ParamSpec::new(
                "tile_height",
                Kind::Int { min: Bound::Incl(1.0), max: Bound::Incl(256.0) },
                "8",
                "tile height in pixels",
            ),
            ParamSpec::new(
                "gap_size",
                Kind::Int { min: Bound::Incl(0.0), max: Bound::None },
                "1",
                "gap on the right and bottom of each tile; a gap as large as the tile leaves only gap colour",
            ),
            ParamSpec::new(
                "gap_color",
                Kind::Color { len: 4 },
                "[0, 0, 0, 255]",
                "gap colour (its first channels for RGB input)",
            ),
            ParamSpec::new(
                "sample_mode",
                Kind::Choice(&["average", "center", "random"]),
                "\"average\"",
                "tile colour: truncated mean, centre pixel, or a random pixel",
            ),
            ParamSpec::new(
                "random_seed",
                Kind::Seed { numpy: true },
                "null",
                "seed of the random mode; tile (x, y) uses random_seed + y*width + x, which must stay <= 4294967295",
            ),
        ],
        version: 1,
        build: build_mosaic,
    },
    OpSpec {
        name: "Dither",
        family: "pattern",
        summary: "Reduce every channel to a few levels by error diffusion, a Bayer pattern or noise",
        params: &[
            ParamSpec::new(
                "method",
                Kind::Choice(&["floyd_steinberg", "ordered", "random"]),
                "\"floyd_steinberg\"",
                "dithering algorithm",
            ),
            ParamSpec::new(
                "levels",
                Kind::Int { min: Bound::Incl(2.0), max: Bound::Incl(256.0) },
                "2",
                "levels per channel (alpha included)",
            ),
            ParamSpec::new(
                "pattern_size",
                Kind::IntChoice(&[1, 2, 4, 8, 16]),
                "4",
                "size of the ordered-dithering matrix (the original's recursion, biased dark for sizes >= 4)",
            ),
            ParamSpec::new("random_seed", Kind::Seed { numpy: true }, "null", "seed of the random method"),
        ],
        version: 1,
        build: build_dither,
    },
];

/// A numpy legacy seed from a decoded seed parameter (the parser fills absent seeds).
fn numpy_seed(seed: Option<i64>) -> Result<u32> {
    match seed {
        None => Ok(crate::rng::os_seed()),
        Some(s) => u32::try_from(s)
            .map_err(|_| Error::param("random_seed", format!("must be in 0..=4294967295, got {s}"))),
    }
}

// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum SampleMode {
    Average,
    Center,
    Random,
}

#[derive(Deserialize)]
struct MosaicParams {
    tile_width: u32,
    tile_height: u32,
    gap_size: u64,
    gap_color: [u8; 4],
    sample_mode: SampleMode,
    random_seed: Option<i64>,
}

fn build_mosaic(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: MosaicParams = p.decode()?;
    Ok(Box::new(Mosaic {
        tw: p.tile_width as usize,
        th: p.tile_height as usize,
        gap: p.gap_size,
        gap_color: p.gap_color,
        mode: p.sample_mode,
        seed: numpy_seed(p.random_seed)?,
    }))
}

/// One colour per tile (`tw × th`, row-major from the top left, edge tiles clipped), drawn
/// over `(tw − gap) × (th − gap)` with the gap colour right and below.
#[derive(Debug)]
pub struct Mosaic {
    tw: usize,
    th: usize,
    gap: u64,
    gap_color: [u8; 4],
    mode: SampleMode,
    seed: u32,
}

impl Mosaic {
    /// The numpy seed of the tile at (x, y): `random_seed + y*W + x`, if it fits in 32 bits.
    fn tile_seed(&self, width: usize, x: usize, y: usize) -> Option<u32> {
        u32::try_from(self.seed as u64 + (y * width + x) as u64).ok()
    }

    /// Colour of the tile with columns `x0..x0+w` in `band` (its rows), first `c` bytes used.
    fn tile_color(&self, band: &[u8], stride: usize, c: usize, (x0, w): (usize, usize), (width, y0): (usize, usize)) -> [u8; 4] {
        let rows = band.len() / stride;
        let pixel = |x: usize, y: usize| {
            let mut px = [0u8; 4];
            let i = y * stride + (x0 + x) * c;
            px[..c].copy_from_slice(&band[i..i + c]);
            px
        };
        match self.mode {
            SampleMode::Average => {
                let mut sums = [0u64; 4];
                for row in band.chunks_exact(stride) {
                    for px in row[x0 * c..(x0 + w) * c].chunks_exact(c) {
                        for (s, &v) in sums.iter_mut().zip(px) {
                            *s += v as u64;
                        }
                    }
                }
                // numpy's float64 mean of integers, truncated, is exactly the integer quotient.
                sums.map(|s| (s / (w * rows) as u64) as u8)
            }
            SampleMode::Center => pixel(w / 2, rows / 2),
            SampleMode::Random => {
                let seed = self.tile_seed(width, x0, y0).expect("validated tile seed");
                let i = NpRandomState::new(seed).randint(0, (w * rows) as i64) as usize;
                pixel(i % w, i / w)
            }
        }
    }

    /// Turns one band of tile rows (input) into its mosaic (output).
    fn band(&self, band: &mut [u8], width: usize, c: usize, y0: usize) {
        let stride = width * c;
        let gap = &self.gap_color[..c];
        let mut gap_row = vec![0u8; stride];
        for px in gap_row.chunks_exact_mut(c) {
            px.copy_from_slice(gap);
        }
        let (aw, ah) = (self.tw as u64, self.th as u64);
        let drawn = if self.gap < aw && self.gap < ah { Some(((aw - self.gap) as usize, (ah - self.gap) as usize)) } else { None };
        let Some((aw, ah)) = drawn else {
            band.chunks_exact_mut(stride).for_each(|row| row.copy_from_slice(&gap_row));
            return;
        };
        let mut tile_row = gap_row.clone();
        for x0 in (0..width).step_by(self.tw) {
            let color = self.tile_color(band, stride, c, (x0, self.tw.min(width - x0)), (width, y0));
            for px in tile_row[x0 * c..(x0 + aw).min(width) * c].chunks_exact_mut(c) {
                px.copy_from_slice(&color[..c]);
            }
        }
        for (ly, row) in band.chunks_exact_mut(stride).enumerate() {
            row.copy_from_slice(if ly < ah { &tile_row } else { &gap_row });
        }
    }
}

impl Operation for Mosaic {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        if self.mode == SampleMode::Random {
            let (w, h) = (ctx.width as usize, ctx.height as usize);
            let (last_x, last_y) = (w.saturating_sub(1) / self.tw * self.tw, h.saturating_sub(1) / self.th * self.th);
            if self.tile_seed(w, last_x, last_y).is_none() {
                let offset = (last_y * w + last_x) as u64;
                return Err(Error::param(
                    "random_seed",
                    format!(
                        "{} is too large for a {w}x{h} image: tile seeds go up to random_seed + {offset}, above numpy's \
                         limit 4294967295; use random_seed <= {}",
                        self.seed,
                        (u32::MAX as u64).saturating_sub(offset)
                    ),
                ));
            }
        }
        Ok(ctx.clone())
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        let mut out = src.clone();
        self.apply_in_place(&mut out, ctx)?;
        Ok(out)
    }

    /// Tile rows are independent: each band is read, then overwritten, in parallel.
    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        self.validate(&Context::new(img.width(), img.height(), img.channels()))?;
        let (width, c) = (img.width() as usize, img.channels() as usize);
        let band_len = self.th * img.stride();
        par_bands(img.as_bytes_mut(), band_len, |i, band| self.band(band, width, c, i * self.th));
        Ok(())
    }

    /// A tile's colour depends on all its rows: the band covers whole tile rows.
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let th = self.th as u32;
        let lo = out_rows.start / th * th;
        let hi = out_rows.end.div_ceil(th).saturating_mul(th).min(ctx.height);
        InputRows::Rows(lo..hi.max(lo))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.memory_estimate()
    }
}

// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Method {
    FloydSteinberg,
    Ordered,
    Random,
}

#[derive(Deserialize)]
struct DitherParams {
    method: Method,
    levels: u32,
    pattern_size: usize,
    random_seed: Option<i64>,
}

fn build_dither(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: DitherParams = p.decode()?;
    Ok(Box::new(Dither {
        method: p.method,
        levels: p.levels,
        pattern_size: p.pattern_size,
        seed: numpy_seed(p.random_seed)?,
        q: Quantizer::new(p.levels),
    }))
}

/// The shared quantiser `Q(v)`: `k = round_half_even(v / step)` clamped to the levels, then
/// `trunc(k · step)` (in float64, as Python computes it: e.g. levels 3 gives 0, 127, 255).
#[derive(Debug)]
struct Quantizer {
    step: f64,
    /// `step` as float32, for values that numpy keeps in float32.
    step32: f32,
    top: f64,
    /// `trunc(k · step)` for every level `k`.
    values: Vec<u8>,
}

impl Quantizer {
    fn new(levels: u32) -> Quantizer {
        let step = 255.0 / (levels - 1) as f64;
        let values = (0..levels).map(|k| (k as f64 * step) as u8).collect();
        Quantizer { step, step32: step as f32, top: (levels - 1) as f64, values }
    }

    /// `Q` of a float32 value: `v / step` is a float32 division (numpy scalar arithmetic).
    #[inline]
    fn q32(&self, v: f32) -> u8 {
        let k = (v / self.step32).round_ties_even().clamp(0.0, self.top as f32);
        self.values[k as usize]
    }

    /// `Q` of a float64 value.
    #[inline]
    fn q64(&self, v: f64) -> u8 {
        let k = (v / self.step).round_ties_even().clamp(0.0, self.top);
        self.values[k as usize]
    }
}

/// The original's threshold matrix, in float32 like numpy builds it: `M1 = [[0]]`,
/// `M2 = [[0, 2], [3, 1]] / 4`, `Mn = [[M, M+2], [M+3, M+1]] / n²` with `M` the already
/// normalised half-size matrix (not the standard Bayer recursion; reproduced on purpose).
fn bayer(n: usize) -> Vec<f32> {
    match n {
        1 => vec![0.0],
        2 => [0.0f32, 2.0, 3.0, 1.0].iter().map(|v| v / 4.0).collect(),
        _ => {
            let h = n / 2;
            let half = bayer(h);
            let mut m = vec![0f32; n * n];
            for (y, row) in m.chunks_exact_mut(n).enumerate() {
                for (x, v) in row.iter_mut().enumerate() {
                    let add = [[0.0, 2.0], [3.0, 1.0]][y / h][x / h];
                    *v = (half[(y % h) * h + x % h] + add) / (n * n) as f32;
                }
            }
            m
        }
    }
}

/// Quantises every channel (alpha included) to `levels` values.
#[derive(Debug)]
pub struct Dither {
    method: Method,
    levels: u32,
    pattern_size: usize,
    seed: u32,
    q: Quantizer,
}

impl Dither {
    /// Floyd–Steinberg in float32, exactly as the original's per-channel scalar loop: rows top
    /// to bottom, no serpentine, every update a float32 operation in the original's order.
    /// Two rows of working values replace the original's float image: the current row (its
    /// pixels plus the errors already pushed right and from above) and the next row (input
    /// plus errors from the current row, added in the same order). Channels never mix, so all
    /// run interleaved in one pass.
    fn floyd_steinberg(&self, img: &mut Image) {
        let (w, h, c) = (img.width() as usize, img.height() as usize, img.channels() as usize);
        let load = |row: &[u8], dst: &mut Vec<f32>| {
            dst.clear();
            dst.extend(row.iter().map(|&v| v as f32));
        };
        let (mut cur, mut next) = (Vec::with_capacity(w * c), Vec::with_capacity(w * c));
        load(img.row(0), &mut cur);
        for y in 0..h {
            let last = y + 1 == h;
            if !last {
                load(img.row(y as u32 + 1), &mut next);
            }
            let out = img.row_mut(y as u32);
            for x in 0..w {
                for i in x * c..(x + 1) * c {
                    let old = cur[i];
                    let new = self.q.q32(old);
                    out[i] = new;
                    let err = old - new as f32;
                    if x + 1 < w {
                        cur[i + c] += err * (7.0 / 16.0);
                    }
                    if !last {
                        if x > 0 {
                            next[i - c] += err * (3.0 / 16.0);
                        }
                        next[i] += err * (5.0 / 16.0);
                        if x + 1 < w {
                            next[i + c] += err * (1.0 / 16.0);
                        }
                    }
                }
            }
            std::mem::swap(&mut cur, &mut next);
        }
    }

    /// Ordered dithering as one lookup table per matrix cell: for cell threshold `t`, byte
    /// `v` maps to `Q(v + (t − 0.5) · (255 / levels))`, all in float32.
    fn ordered(&self, img: &mut Image) {
        let n = self.pattern_size;
        let scale = (255.0 / self.levels as f64) as f32;
        let mut lut = vec![0u8; n * n * 256];
        for (cell, t) in lut.chunks_exact_mut(256).zip(bayer(n)) {
            let offset = (t - 0.5) * scale;
            for (v, out) in cell.iter_mut().enumerate() {
                *out = self.q.q32(v as f32 + offset);
            }
        }
        let c = img.channels() as usize;
        let stride = img.stride();
        par_bands(img.as_bytes_mut(), stride, |y, row| {
            let cells = lut[(y % n) * n * 256..(y % n + 1) * n * 256].chunks_exact(256).cycle();
            for (px, cell) in row.chunks_exact_mut(c).zip(cells) {
                for v in px {
                    *v = cell[*v as usize];
                }
            }
        });
    }

    /// Random dithering: numpy's `uniform(−s, s, (H, W, C))` drawn in C order (here one row
    /// at a time, the same sequence), `Q(v + noise)` in float64.
    fn random(&self, img: &mut Image) {
        let s = 255.0 / (self.levels * 2) as f64;
        let mut rng = NpRandomState::new(self.seed);
        let mut noise = vec![0f64; img.stride()];
        for row in img.rows_mut() {
            rng.uniform_fill(-s, s, &mut noise);
            for (v, n) in row.iter_mut().zip(&noise) {
                *v = self.q.q64(*v as f64 + n);
            }
        }
    }
}

impl Operation for Dither {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        Ok(ctx.clone())
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        let mut out = src.clone();
        self.apply_in_place(&mut out, ctx)?;
        Ok(out)
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        if img.width() > 0 && img.height() > 0 {
            match self.method {
                Method::FloydSteinberg => self.floyd_steinberg(img),
                Method::Ordered => self.ordered(img),
                Method::Random => self.random(img),
            }
        }
        Ok(())
    }

    /// Floyd–Steinberg carries error rows downwards and reads the row below each output row
    /// (it seeds the next error row); the others are row-local (random noise is positional).
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        match self.method {
            Method::FloydSteinberg => {
                let end = (out_rows.end + 1).min(ctx.height).max(out_rows.end);
                InputRows::Sequential(out_rows.start..end)
            }
            Method::Ordered | Method::Random => InputRows::Rows(out_rows),
        }
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let row = ctx.width as u64 * ctx.channels as u64;
        ctx.memory_estimate()
            + match self.method {
                Method::FloydSteinberg => 2 * row * 4,
                Method::Ordered => (self.pattern_size * self.pattern_size * 256) as u64,
                Method::Random => row * 8,
            }
    }
}
