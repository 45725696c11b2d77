//! Pattern operations: Mosaic and Dither (docs/spec.md §3.26–3.27).
//!
//! Neither converts modes: every channel of the input, alpha included, is processed and the
//! output has the input's shape, so both work in place.

use crate::core::params::{choice, params, Bound, Kind, ParamSpec};
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::{fill_pixels, with_channels, Band, BandMut, Image};
use crate::ops::{diffusion, par_bands};
use crate::rng::NpRandomState;
use rayon::prelude::*;
use std::ops::Range;

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "Mosaic",
        family: "pattern",
        summary: "Replace tiles by one colour each, separated by gaps",
        params: MosaicParams::PARAMS,
        version: 1,
        example: r#"{"random_seed": 1}"#,
        build: build_mosaic,
    },
    OpSpec {
        name: "Dither",
        family: "pattern",
        summary: "Reduce every channel to a few levels by error diffusion, a Bayer pattern or noise",
        params: DitherParams::PARAMS,
        version: 1,
        example: r#"{"random_seed": 1}"#,
        build: build_dither,
    },
];

/// A numpy legacy seed from a decoded seed parameter (the parser fills absent seeds).
fn numpy_seed(seed: Option<i64>) -> Result<u32> {
    match seed {
        None => Ok(crate::rng::os_seed()),
        Some(s) => {
            u32::try_from(s).map_err(|_| Error::param("random_seed", format!("must be in 0..=4294967295, got {s}")))
        }
    }
}

// ---------------------------------------------------------------------------------------

choice! {
    enum SampleMode { Average = "average", Center = "center", Random = "random" }
}

params! {
    struct MosaicParams {
        tile_width: u32 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(1.0), max: Bound::Incl(256.0) },
            "8",
            "tile width in pixels",
        ),
        tile_height: u32 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(1.0), max: Bound::Incl(256.0) },
            "8",
            "tile height in pixels",
        ),
        gap_size: u64 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(0.0), max: Bound::None },
            "1",
            "gap on the right and bottom of each tile; a gap as large as the tile leaves only gap colour",
        ),
        gap_color: [u8; 4] => ParamSpec::new(
            Kind::Color { len: 4 },
            "[0, 0, 0, 255]",
            "gap colour (its first channels for RGB input)",
        ),
        sample_mode: SampleMode => ParamSpec::new(
            SampleMode::KIND,
            "\"average\"",
            "tile colour: truncated mean, centre pixel, or a random pixel",
        ),
        random_seed: Option<i64> => ParamSpec::new(
            Kind::Seed { numpy: true, used_when: Some(("sample_mode", "random")) },
            "null",
            "seed of the random mode; tile (x, y) uses random_seed + y*width + x, which must stay <= 4294967295",
        ),
    }
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
    fn tile_color(
        &self,
        band: &[u8],
        stride: usize,
        c: usize,
        (x0, w): (usize, usize),
        (width, y0): (usize, usize),
    ) -> [u8; 4] {
        let rows = band.len() / stride;
        let pixel = |x: usize, y: usize| {
            let mut px = [0u8; 4];
            let i = y * stride + (x0 + x) * c;
            px[..c].copy_from_slice(&band[i..i + c]);
            px
        };
        match self.mode {
            SampleMode::Average => {
                fn sum<const C: usize>(rows: std::slice::ChunksExact<'_, u8>, at: std::ops::Range<usize>) -> [u64; 4] {
                    let mut sums = [0u64; 4];
                    for row in rows {
                        for px in row[at.clone()].as_chunks::<C>().0 {
                            for k in 0..C {
                                sums[k] += px[k] as u64;
                            }
                        }
                    }
                    sums
                }
                let sums = with_channels!(c, |C| sum::<C>(band.chunks_exact(stride), x0 * c..(x0 + w) * c));
                // numpy's float64 mean of integers, truncated, is exactly the integer quotient.
                sums.map(|s| (s / (w * rows) as u64) as u8)
            }
            SampleMode::Center => pixel(w / 2, rows / 2),
            SampleMode::Random => {
                let seed = self.tile_seed(width, x0, y0).expect("validated tile seed");
                let i = NpRandomState::randint_after_seed(seed, 0, (w * rows) as i64) as usize;
                pixel(i % w, i / w)
            }
        }
    }

    /// A row of the gap colour.
    fn gap_row(&self, width: usize, c: usize) -> Vec<u8> {
        self.gap_color[..c].repeat(width)
    }

    /// Rows of a tile drawn in its colour (the rest of the tile is gap), or `None` when the
    /// gap covers the whole tile.
    fn drawn_height(&self) -> Option<usize> {
        let (aw, ah) = (self.tw as u64, self.th as u64);
        (self.gap < aw && self.gap < ah).then(|| (ah - self.gap) as usize)
    }

    /// The row a tile row of the input (`band`, its rows from row `y0`) shows where its
    /// tiles are drawn: each tile's colour, the gap colour between.
    fn tile_row(&self, band: &[u8], width: usize, c: usize, y0: usize) -> Vec<u8> {
        let stride = width * c;
        let aw = (self.tw as u64 - self.gap) as usize;
        let mut row = self.gap_row(width, c);
        for x0 in (0..width).step_by(self.tw) {
            let color = self.tile_color(band, stride, c, (x0, self.tw.min(width - x0)), (width, y0));
            fill_pixels(&mut row[x0 * c..(x0 + aw).min(width) * c], &color[..c]);
        }
        row
    }

    /// Turns one band of tile rows (input) into its mosaic (output).
    fn band(&self, band: &mut [u8], width: usize, c: usize, y0: usize) {
        let gap_row = self.gap_row(width, c);
        let Some(ah) = self.drawn_height() else {
            band.chunks_exact_mut(width * c).for_each(|row| row.copy_from_slice(&gap_row));
            return;
        };
        let tile_row = self.tile_row(band, width, c, y0);
        for (ly, row) in band.chunks_exact_mut(width * c).enumerate() {
            row.copy_from_slice(if ly < ah { &tile_row } else { &gap_row });
        }
    }
}

/// [`Mosaic`] as a generator: the tile rows a band touches are computed from their input
/// rows (the footprint covers whole tile rows), then each output row copies its tile row's
/// pattern or the gap.
struct Tiles<'a> {
    mosaic: &'a Mosaic,
    height: u32,
}

impl Generator for Tiles<'_> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let m = self.mosaic;
        let (width, c, th) = (out.width() as usize, out.channels() as usize, m.th as u32);
        let rows = out.rows();
        let gap_row = m.gap_row(width, c);
        let Some(ah) = m.drawn_height() else {
            out.par_rows(|_, row| row.copy_from_slice(&gap_row));
            return Ok(());
        };
        let first_tile = rows.start / th;
        let tiles: Vec<u32> = (first_tile..rows.end.div_ceil(th)).collect();
        let patterns: Vec<Vec<u8>> = tiles
            .par_iter()
            .map(|&t| {
                let (y0, y1) = (t * th, ((t + 1) * th).min(self.height));
                m.tile_row(src.rows_bytes(y0..y1), width, c, y0 as usize)
            })
            .collect();
        out.par_rows(|y, row| {
            let pattern = &patterns[(y / th - first_tile) as usize];
            row.copy_from_slice(if ((y % th) as usize) < ah { pattern } else { &gap_row });
        });
        Ok(())
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

    /// The input read once for the tiles' colours, the output written once (no copy).
    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        self.validate(ctx)?;
        let tiles = Tiles { mosaic: self, height: src.height() };
        crate::core::generate_whole(&tiles, src, (src.width(), src.height(), src.channels()))
    }

    /// Tile rows are independent: each band is read, then overwritten, in parallel.
    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        self.validate(&Context::of(img))?;
        let (width, c) = (img.width() as usize, img.channels() as usize);
        let band_len = self.th * img.stride();
        par_bands(img.as_bytes_mut(), band_len, |i, band| self.band(band, width, c, i * self.th));
        Ok(())
    }

    fn in_place(&self, _ctx: &Context) -> bool {
        true
    }

    /// A tile's colour depends on all its rows: the band covers whole tile rows.
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let th = self.th as u32;
        let lo = out_rows.start / th * th;
        let hi = out_rows.end.div_ceil(th).saturating_mul(th).min(ctx.height);
        InputRows::Rows(lo..hi.max(lo))
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        self.validate(ctx)?;
        Ok(Some(Box::new(Tiles { mosaic: self, height: ctx.height })))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.memory_estimate()
    }
}

// ---------------------------------------------------------------------------------------

choice! {
    enum Method { FloydSteinberg = "floyd_steinberg", Ordered = "ordered", Random = "random" }
}

params! {
    struct DitherParams {
        method: Method => ParamSpec::new(Method::KIND, "\"floyd_steinberg\"", "dithering algorithm"),
        levels: u32 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(2.0), max: Bound::Incl(256.0) },
            "2",
            "levels per channel (alpha included)",
        ),
        pattern_size: usize => ParamSpec::new(
            Kind::IntChoice(&[1, 2, 4, 8, 16]),
            "4",
            "size of the ordered-dithering matrix (the original's recursion, biased dark for sizes >= 4)",
        ),
        random_seed: Option<i64> => ParamSpec::new(
            Kind::Seed { numpy: true, used_when: Some(("method", "random")) },
            "null",
            "seed of the random method",
        ),
    }
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
    /// For up to [`THRESHOLD_LEVELS`] levels: the smallest float32 of each level above 0, so
    /// that [`Quantizer::q32`] is a count of those at or below the value (empty above).
    thresholds32: Vec<f32>,
}

/// Levels up to which [`Quantizer::q32`] compares with thresholds instead of dividing.
const THRESHOLD_LEVELS: u32 = 16;

impl Quantizer {
    fn new(levels: u32) -> Quantizer {
        let step = 255.0 / (levels - 1) as f64;
        let values = (0..levels).map(|k| (k as f64 * step) as u8).collect();
        let mut q = Quantizer { step, step32: step as f32, top: (levels - 1) as f64, values, thresholds32: Vec::new() };
        if levels <= THRESHOLD_LEVELS {
            q.thresholds32 = (1..levels as usize).map(|k| q.first_of_level(k)).collect();
        }
        q
    }

    /// The level of `v` by the definition: `round_half_even(v / step)` in float32, clamped.
    fn level32(&self, v: f32) -> usize {
        (v / self.step32).round_ties_even().clamp(0.0, self.top as f32) as usize
    }

    /// The smallest float32 whose level is at least `k` (≥ 1). The level only grows with the
    /// value (a division by a positive constant, rounding and clamping all keep order), and
    /// positive floats order like their bits: a binary search over the bits.
    fn first_of_level(&self, k: usize) -> f32 {
        let (mut below, mut at) = (0u32, (self.step32 * (k as f32 + 1.0)).to_bits());
        debug_assert!(self.level32(f32::from_bits(below)) < k && self.level32(f32::from_bits(at)) >= k);
        while at - below > 1 {
            let mid = below + (at - below) / 2;
            if self.level32(f32::from_bits(mid)) >= k {
                at = mid;
            } else {
                below = mid;
            }
        }
        f32::from_bits(at)
    }

    /// `Q` of a float32 value: `v / step` is a float32 division (numpy scalar arithmetic).
    ///
    /// Floyd–Steinberg's error chain runs through this (each pixel's error goes into the
    /// next), so its latency bounds the operation. With few levels it is a count of the
    /// levels' first values at or below `v` (independent compares; NaN passes none, level
    /// 0 as before). Otherwise clamping before rounding gives the same level (`top` is an
    /// integer), and in `[0, top]` adding 2²³ rounds to an integer, ties to even, which
    /// subtracting 2²³ keeps exactly: `round_ties_even` without the library call baseline
    /// x86-64 makes of it (there is no SSE4.1 `roundss`).
    #[inline]
    fn q32(&self, v: f32) -> u8 {
        if !self.thresholds32.is_empty() {
            return self.values[self.thresholds32.iter().filter(|&&t| v >= t).count()];
        }
        const SHIFT: f32 = (1u32 << 23) as f32;
        let k = ((v / self.step32).clamp(0.0, self.top as f32) + SHIFT) - SHIFT;
        self.values[k as usize]
    }

    /// `Q` of a float64 value ([`Quantizer::q32`]'s rounding with 2⁵²).
    #[inline]
    fn q64(&self, v: f64) -> u8 {
        const SHIFT: f64 = (1u64 << 52) as f64;
        let k = ((v / self.step).clamp(0.0, self.top) + SHIFT) - SHIFT;
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
    /// Rows run as a wavefront on the pool's thread count (src/ops/diffusion.rs), with the
    /// sequential loop's results.
    fn floyd_steinberg(&self, img: &mut Image) {
        let (stride, c) = (img.stride(), img.channels() as usize);
        diffusion::diffuse_in_place(img.as_bytes_mut(), stride, c, &|v| self.q.q32(v), rayon::current_num_threads());
    }

    /// Ordered dithering of `channels`-channel pixels as one lookup table per matrix cell:
    /// for cell threshold `t`, byte `v` maps to `Q(v + (t − 0.5) · (255 / levels))`, all in
    /// float32.
    fn ordered(&self, channels: usize) -> Ordered {
        let n = self.pattern_size;
        let scale = (255.0 / self.levels as f64) as f32;
        let mut lut = vec![0u8; n * n * 256];
        for (cell, t) in lut.chunks_exact_mut(256).zip(bayer(n)) {
            let offset = (t - 0.5) * scale;
            for (v, out) in cell.iter_mut().enumerate() {
                *out = self.q.q32(v as f32 + offset);
            }
        }
        let stairs = (self.levels <= Stairs::MAX_LEVELS).then(|| Stairs::new(&lut, n, channels, &self.q.values));
        Ordered { lut, n, channels, stairs }
    }

    /// Random dithering: numpy's `uniform(−s, s, (H, W, C))` drawn in C order (here one row
    /// at a time, the same sequence), `Q(v + noise)` in float64.
    fn random(&self, img: &mut Image) {
        let mut rng = NpRandomState::new(self.seed);
        let mut noise = vec![0f64; img.stride()];
        for row in img.rows_mut() {
            self.noise_row(&mut rng, &mut noise, row);
        }
    }

    /// One row of random dithering, drawing the row's noise from `rng` (into `noise`).
    fn noise_row(&self, rng: &mut NpRandomState, noise: &mut [f64], row: &mut [u8]) {
        let s = 255.0 / (self.levels * 2) as f64;
        rng.uniform_fill(-s, s, noise);
        for (v, n) in row.iter_mut().zip(&*noise) {
            *v = self.q.q64(*v as f64 + n);
        }
    }
}

/// Random [`Dither`] as a generator: bands come in order (its footprint is `Sequential`), and
/// the generator carries numpy's state from band to band.
struct Noise<'a> {
    op: &'a Dither,
    /// The next row to dither and the generator's state there.
    carried: std::sync::Mutex<(u32, NpRandomState)>,
}

impl Generator for Noise<'_> {
    fn generate(&self, src: Band<'_>, mut out: BandMut<'_>) -> Result<()> {
        let rows = out.rows();
        let mut carried = self.carried.lock().unwrap_or_else(|e| e.into_inner());
        let (next_row, rng) = &mut *carried;
        in_order(rows.start, *next_row)?;
        out.copy_rows(src);
        let mut noise = vec![0f64; out.stride()];
        let stride = out.stride();
        for row in out.bytes_mut().chunks_exact_mut(stride) {
            self.op.noise_row(rng, &mut noise, row);
        }
        *next_row = rows.end;
        Ok(())
    }
}

/// Checks that a band carrying state starts where the last one ended.
fn in_order(start: u32, expected: u32) -> Result<()> {
    if start == expected {
        return Ok(());
    }
    Err(Error::processing(format!(
        "bands of a step that carries state must come in order: asked for row {start} after row {expected} \
         (a bug: please report it)"
    )))
}

/// Floyd–Steinberg [`Dither`] as a generator: bands must come top to bottom (its footprint is
/// `Sequential`); the row of values and errors the next band starts from is carried over.
struct Diffusion<'a> {
    op: &'a Dither,
    height: u32,
    /// The next row to quantise and its values with the errors pushed into it.
    carried: std::sync::Mutex<(u32, Vec<f32>)>,
}

impl Generator for Diffusion<'_> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let rows = out.rows();
        let c = out.channels() as usize;
        let mut carried = self.carried.lock().unwrap_or_else(|e| e.into_inner());
        let (next_row, cur) = &mut *carried;
        in_order(rows.start, *next_row)?;
        if rows.is_empty() {
            return Ok(());
        }
        if rows.start == 0 {
            diffusion::load_f32(src.row(0), cur);
        }
        // The input rows below each output row (the image's last row has none).
        let after = src.rows_bytes(rows.start + 1..(rows.end + 1).min(self.height));
        let threads = rayon::current_num_threads();
        diffusion::diffuse(cur, after, out.into_bytes(), c, &|v| self.op.q.q32(v), threads);
        *next_row = rows.end;
        Ok(())
    }
}

/// Ordered [`Dither`] prepared: a 256-entry table per threshold cell, byte `k` of row `y`
/// going through the table of cell (y mod n, (k / channels) mod n).
struct Ordered {
    lut: Vec<u8>,
    n: usize,
    channels: usize,
    /// The same tables as compares, for few levels.
    stairs: Option<Stairs>,
}

/// Row pieces are dithered [`PERIOD`]-aligned: the cells repeat every `n · channels` bytes,
/// which divides 192 (`n` is a power of two up to 16, `channels` 3 or 4).
const PERIOD: usize = 192;

impl Ordered {
    /// Bytes `from` of row `y`, starting at a multiple of [`PERIOD`], dithered into `to`.
    fn dither(&self, y: usize, from: &[u8], to: &mut [u8]) {
        let (n, c) = (self.n, self.channels);
        match &self.stairs {
            Some(stairs) => stairs.climb(y % n, from, to),
            None => {
                let tables = self.lut[(y % n) * n * 256..][..n * 256].chunks_exact(256).cycle();
                with_channels!(c, |C| {
                    for ((from, to), table) in from.chunks_exact(C).zip(to.chunks_exact_mut(C)).zip(tables) {
                        for k in 0..C {
                            to[k] = table[from[k] as usize];
                        }
                    }
                })
            }
        }
    }

    /// Dithers `rows` in place.
    fn change(&self, rows: BandMut<'_>) {
        rows.par_rows(|y, row| {
            let mut copy = [0u8; PERIOD];
            for piece in row.chunks_mut(PERIOD) {
                let copy = &mut copy[..piece.len()];
                copy.copy_from_slice(piece);
                self.dither(y as usize, copy, piece);
            }
        });
    }
}

impl Generator for Ordered {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        out.par_rows(|y, row| {
            for (from, to) in src.row(y).chunks(PERIOD).zip(row.chunks_mut(PERIOD)) {
                self.dither(y as usize, from, to);
            }
        });
        Ok(())
    }
}

/// The tables of [`Ordered`] as staircases. `Q` is monotone, so a cell's table climbs the
/// levels: `table[v] = table[0] + Σₖ [v > sₖ] · (levelₖ − levelₖ₋₁)`, `sₖ` the last byte
/// below level k (255 where the table never climbs that step, or starts above it). That
/// is a compare, an and and an add per level on 16 bytes at once, where the tables cost a
/// lookup per byte.
struct Stairs {
    /// `levelₖ − levelₖ₋₁` for k ≥ 1.
    rises: Vec<u8>,
    /// Per row of cells, [`PERIOD`] bytes of `table[0]` followed by [`PERIOD`] bytes of `sₖ`
    /// for each rise.
    rows: Vec<u8>,
}

impl Stairs {
    /// Beyond this many levels the tables are as fast (10 MP, pattern 8: stairs 3.1 ms at 2
    /// levels, 6.3 at 5, 9.2 at 8; tables 7 ms).
    const MAX_LEVELS: u32 = 4;

    fn new(lut: &[u8], n: usize, channels: usize, levels: &[u8]) -> Stairs {
        let rises: Vec<u8> = levels.windows(2).map(|w| w[1] - w[0]).collect();
        let mut rows = vec![0u8; n * (1 + rises.len()) * PERIOD];
        for (y, row) in rows.chunks_exact_mut((1 + rises.len()) * PERIOD).enumerate() {
            // Each cell of the row's tables as a staircase: table[0], then each sₖ.
            let cells: Vec<Vec<u8>> = lut[y * n * 256..(y + 1) * n * 256]
                .chunks_exact(256)
                .map(|table| {
                    let last_below = |&level: &u8| {
                        let first = table.iter().position(|&v| v >= level).filter(|_| table[0] < level);
                        first.map_or(255, |v| (v - 1) as u8)
                    };
                    std::iter::once(table[0]).chain(levels[1..].iter().map(last_below)).collect()
                })
                .collect();
            for i in 0..PERIOD {
                for (k, &v) in cells[(i / channels) % n].iter().enumerate() {
                    row[k * PERIOD + i] = v;
                }
            }
        }
        Stairs { rises, rows }
    }

    /// Bytes `from` (at a multiple of [`PERIOD`]) of a row of cell row `y` dithered into `to`.
    fn climb(&self, y: usize, from: &[u8], to: &mut [u8]) {
        let row = &self.rows[y * (1 + self.rises.len()) * PERIOD..];
        let len = from.len();
        to.copy_from_slice(&row[..len]);
        for (k, &rise) in self.rises.iter().enumerate() {
            let last_below = &row[(k + 1) * PERIOD..][..len];
            for ((out, &v), &s) in to.iter_mut().zip(from).zip(last_below) {
                *out = out.wrapping_add(if v > s { rise } else { 0 });
            }
        }
    }
}

impl Operation for Dither {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        Ok(ctx.clone())
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        if self.method == Method::Ordered {
            let c = src.channels();
            return generate_whole(&self.ordered(c as usize), src, (src.width(), src.height(), c));
        }
        let mut out = src.clone();
        self.apply_in_place(&mut out, ctx)?;
        Ok(out)
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        if img.width() > 0 && img.height() > 0 {
            match self.method {
                Method::FloydSteinberg => self.floyd_steinberg(img),
                Method::Ordered => self.ordered(img.channels() as usize).change(BandMut::whole(img)),
                Method::Random => self.random(img),
            }
        }
        Ok(())
    }

    fn in_place(&self, _ctx: &Context) -> bool {
        true
    }

    /// Floyd–Steinberg carries error rows downwards and reads the row below each output row
    /// (it seeds the next error row); the others are row-local.
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        match self.method {
            Method::FloydSteinberg => {
                let end = (out_rows.end + 1).min(ctx.height).max(out_rows.end);
                InputRows::Sequential(out_rows.start..end)
            }
            // Random noise is drawn in image order: the same rows, in order.
            Method::Random => InputRows::Sequential(out_rows),
            Method::Ordered => InputRows::Rows(out_rows),
        }
    }

    /// Ordered dithering generates any band; Floyd–Steinberg and random dithering generate
    /// bands in order (they carry error rows or numpy's state from row to row).
    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(match self.method {
            Method::Ordered => Some(Box::new(self.ordered(ctx.channels as usize))),
            Method::FloydSteinberg => {
                let carried = std::sync::Mutex::new((0, Vec::new()));
                Some(Box::new(Diffusion { op: self, height: ctx.height, carried }))
            }
            Method::Random => {
                let carried = std::sync::Mutex::new((0, NpRandomState::new(self.seed)));
                Some(Box::new(Noise { op: self, carried }))
            }
        })
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let row = ctx.width as u64 * ctx.channels as u64;
        ctx.memory_estimate()
            + match self.method {
                // A ring of working rows, one more than the threads, and a progress counter
                // per row (src/ops/diffusion.rs).
                Method::FloydSteinberg => (rayon::current_num_threads() as u64 + 1) * row * 4 + ctx.height as u64 * 8,
                // The tables, and the staircases for few levels.
                Method::Ordered => {
                    let n = self.pattern_size;
                    (n * (n * 256 + Stairs::MAX_LEVELS as usize * PERIOD)) as u64
                }
                Method::Random => row * 8,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::{gradient, numbered_grid};
    use crate::ops::testing::{channel as plane, configure, op, run};
    use serde_json::json;

    /// The spec's 6×6 RGBA image with R = (4·(6y + x)) mod 256.
    fn ramp6() -> Image {
        let mut img = Image::filled(6, 6, &[0, 0, 0, 255]);
        for (i, px) in img.as_bytes_mut().chunks_exact_mut(4).enumerate() {
            px[0] = (4 * i % 256) as u8;
        }
        img
    }

    fn row_rgb(values: &[u8]) -> Image {
        Image::from_raw(values.len() as u32, 1, 3, values.iter().flat_map(|&v| [v, v, v]).collect()).unwrap()
    }

    #[test]
    fn mosaic_examples_from_spec() {
        let out = run("Mosaic", json!({"tile_width": 4, "tile_height": 4, "gap_size": 1}), &ramp6());
        let (a, b, z) = (vec![42, 42, 42, 0, 54, 54], vec![114, 114, 114, 0, 126, 126], vec![0; 6]);
        assert_eq!(plane(&out, 0), [a.clone(), a.clone(), a, z, b.clone(), b]);
        assert_eq!(plane(&out, 3), vec![vec![255; 6]; 6]);

        let p = json!({"tile_width": 3, "tile_height": 3, "gap_size": 0, "sample_mode": "center"});
        let out = run("Mosaic", p, &ramp6());
        let (top, bottom) = (vec![28, 28, 28, 40, 40, 40], vec![100, 100, 100, 112, 112, 112]);
        assert_eq!(plane(&out, 0), [top.clone(), top.clone(), top, bottom.clone(), bottom.clone(), bottom]);
    }

    #[test]
    fn mosaic_gap_and_channels() {
        // A gap as large as the tile leaves only gap colour (first 3 components for RGB).
        let p = json!({"tile_width": 2, "tile_height": 3, "gap_size": 2, "gap_color": [1, 2, 3, 4]});
        assert_eq!(run("Mosaic", p, &gradient(5, 4, 3)), Image::filled(5, 4, &[1, 2, 3]));
        // Gap colour alpha goes into RGBA gaps; tiles keep their own alpha.
        let mut img = Image::filled(3, 2, &[10, 20, 30, 40]);
        img.pixel_mut(0, 0).copy_from_slice(&[12, 22, 32, 42]);
        let p = json!({"tile_width": 2, "tile_height": 2, "gap_size": 1, "gap_color": [1, 2, 3, 4]});
        let out = run("Mosaic", p, &img);
        assert_eq!(out.pixel(0, 0), &[10, 20, 30, 40]); // (12+10+10+10)/4 = 10.5 → 10
        assert_eq!(out.pixel(1, 0), &[1, 2, 3, 4]);
        assert_eq!(out.pixel(2, 0), &[10, 20, 30, 40]); // clipped edge tile, no gap
        assert_eq!(out.pixel(2, 1), &[1, 2, 3, 4]);
    }

    #[test]
    fn mosaic_random_reseeds_numpy_per_tile() {
        // numpy: seed(0); randint(0, 10) == 5, so the 10-pixel tile at (0, 0) takes pixel 5.
        let p = json!({"tile_width": 10, "tile_height": 1, "gap_size": 0, "sample_mode": "random", "random_seed": 0});
        assert_eq!(run("Mosaic", p, &numbered_grid(10, 1, 3)), Image::filled(10, 1, &[5, 5, 5]));
        // Tile (x, y) uses random_seed + y*W + x: the second tile row of a 10×2 image uses seed 10.
        let p = json!({"tile_width": 10, "tile_height": 1, "gap_size": 0, "sample_mode": "random", "random_seed": 0});
        let out = run("Mosaic", p, &numbered_grid(10, 2, 3));
        let k = NpRandomState::new(10).randint(0, 10) as u8;
        assert_eq!(out.pixel(0, 1), &[10 + k; 3]);
    }

    #[test]
    fn mosaic_random_seed_must_fit_numpy() {
        let ctx = Context::new(10, 10, 3);
        // Last tile at (8, 8): offset 88.
        let p = |seed: u64| json!({"tile_width": 4, "tile_height": 4, "sample_mode": "random", "random_seed": seed});
        assert!(op("Mosaic", p(4294967295 - 88)).validate(&ctx).is_ok());
        let e = op("Mosaic", p(4294967295 - 87)).validate(&ctx).unwrap_err().to_string();
        assert!(e.contains("`random_seed`") && e.contains("random_seed <= 4294967207"), "{e}");
        // Other modes never use the seed.
        let p = json!({"sample_mode": "center", "random_seed": 4294967295u64});
        assert!(op("Mosaic", p).validate(&ctx).is_ok());
    }

    #[test]
    fn quantiser_levels() {
        assert_eq!(Quantizer::new(3).values, [0, 127, 255]);
        assert_eq!(Quantizer::new(4).values, [0, 85, 170, 255]);
        let q = Quantizer::new(2);
        assert_eq!((q.q32(127.0), q.q32(127.5), q.q32(128.0), q.q32(-40.0), q.q32(900.0)), (0, 0, 255, 0, 255));
    }

    #[test]
    fn quantiser_rounding_is_round_half_even_then_clamp() {
        for levels in [2, 3, 4, 5, 7, 16, 100, 255, 256] {
            let q = Quantizer::new(levels);
            let want32 = |v: f32| q.values[q.level32(v)];
            let want64 = |v: f64| q.values[(v / q.step).round_ties_even().clamp(0.0, q.top) as usize];
            let mut vs = vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 0.0, 1e30, -1e30, 8388608.5];
            // Every level's ties and their neighbours, and a sweep past both ends.
            for k in -2..levels as i64 + 2 {
                for frac in [0.0, 0.5, -0.5, 0.499999, 0.500001] {
                    vs.push((k as f64 + frac) * q.step);
                    vs.push(((k as f32 + frac as f32) * q.step32) as f64);
                }
            }
            vs.extend((0..20_000).map(|i| i as f64 * 0.0437 - 300.0));
            vs.extend(q.thresholds32.iter().map(|&t| t as f64));
            assert_eq!(q.thresholds32.len(), if levels <= THRESHOLD_LEVELS { levels as usize - 1 } else { 0 });
            for v in vs {
                for u in [v, v.next_up(), v.next_down()] {
                    assert_eq!(q.q64(u), want64(u), "levels {levels}, {u:e}");
                    let f = u as f32;
                    for g in [f, f.next_up(), f.next_down()] {
                        assert_eq!(q.q32(g), want32(g), "levels {levels}, {g:e}");
                    }
                }
            }
        }
    }

    #[test]
    fn floyd_steinberg_examples_from_spec() {
        let img = row_rgb(&[0, 60, 128, 200, 255]);
        for (levels, expect) in [(2, [0, 0, 255, 255, 255]), (3, [0, 0, 127, 255, 255]), (4, [0, 85, 85, 255, 255])] {
            let out = run("Dither", json!({"levels": levels}), &img);
            assert_eq!(out.as_bytes(), row_rgb(&expect).as_bytes(), "levels {levels}");
        }
        // Alpha is dithered too: 200 with two levels becomes 255.
        let out = run("Dither", json!({}), &Image::filled(1, 1, &[0, 0, 0, 200]));
        assert_eq!(out.as_bytes(), &[0, 0, 0, 255]);
        // Error flows down: a column of 100s → 0, then 100 + 5/16·100 = 131.25 → 255.
        let out = run("Dither", json!({}), &Image::filled(1, 2, &[100, 100, 100]));
        assert_eq!(plane(&out, 0), [[0], [255]]);
        // 2×2 of 100s: 0 (err 100); 143.75 → 255 (err −111.25); 131.25 − 20.86 → 0;
        // 106.25 − 34.77 + 48.30 = 119.78 → 0.
        let out = run("Dither", json!({}), &Image::filled(2, 2, &[100, 100, 100]));
        assert_eq!(plane(&out, 0), [[0, 255], [0, 0]]);
    }

    #[test]
    fn the_staircases_are_the_tables() {
        // 256 pieces of a row, piece j holding byte (i + j) mod 256 at place i: every place
        // of the period meets every byte.
        let from: Vec<u8> = (0..256 * PERIOD).map(|k| (k % PERIOD + k / PERIOD) as u8).collect();
        let (mut stairs, mut tables) = (vec![0u8; from.len()], vec![0u8; from.len()]);
        for levels in [2, 3, 4] {
            for n in [1, 2, 4, 8, 16] {
                for c in [3, 4] {
                    let d = op_dither(levels, n);
                    let climbing = d.ordered(c);
                    assert!(climbing.stairs.is_some());
                    let looking_up = Ordered { stairs: None, ..d.ordered(c) };
                    for y in 0..n {
                        for (k, (from, (a, b))) in from
                            .chunks(PERIOD)
                            .zip(stairs.chunks_mut(PERIOD).zip(tables.chunks_mut(PERIOD)))
                            .enumerate()
                        {
                            climbing.dither(y + k * n, from, a);
                            looking_up.dither(y + k * n, from, b);
                        }
                        assert_eq!(stairs, tables, "levels {levels}, pattern {n}, {c} channels, row {y}");
                    }
                }
            }
        }
        assert!(op_dither(5, 4).ordered(3).stairs.is_none());
    }

    fn op_dither(levels: u32, pattern_size: usize) -> Dither {
        let q = Quantizer::new(levels);
        Dither { method: Method::Ordered, levels, pattern_size, seed: 0, q }
    }

    #[test]
    fn ordered_matrix_and_examples() {
        let m: Vec<f32> = bayer(4).iter().map(|v| v * 16.0).collect();
        let expect = [0.0, 0.5, 2.0, 2.5, 0.75, 0.25, 2.75, 2.25, 3.0, 3.5, 1.0, 1.5, 3.75, 3.25, 1.75, 1.25];
        assert_eq!(m, expect);
        assert_eq!(bayer(2), [0.0, 0.5, 0.75, 0.25]);
        assert_eq!(bayer(1), [0.0]);
        // The dark bias of the original's matrix: flat 128 with two levels becomes black.
        let out = run("Dither", json!({"method": "ordered"}), &Image::filled(4, 4, &[128, 128, 128]));
        assert_eq!(out, Image::filled(4, 4, &[0, 0, 0]));
        // Pattern size 1: threshold 0 everywhere, offset −0.5·255/levels.
        let out = run("Dither", json!({"method": "ordered", "pattern_size": 1}), &row_rgb(&[191, 192]));
        assert_eq!(out.as_bytes(), row_rgb(&[0, 255]).as_bytes());
        assert!(configure("Dither", json!({"pattern_size": 3}).as_object().unwrap(), true).is_err());
    }

    #[test]
    fn random_dither_matches_numpy() {
        // numpy: seed(0); uniform(-63.75, 63.75, 3) = 6.2237, 27.4366, 13.1023.
        let img = Image::from_raw(1, 1, 3, vec![122, 100, 115]).unwrap();
        let out = run("Dither", json!({"method": "random", "random_seed": 0}), &img);
        assert_eq!(out.as_bytes(), &[255, 0, 255]);
        let img = Image::from_raw(1, 1, 3, vec![121, 101, 114]).unwrap();
        let out = run("Dither", json!({"method": "random", "random_seed": 0}), &img);
        assert_eq!(out.as_bytes(), &[0, 255, 0]);
    }

    #[test]
    fn dithering_with_256_levels_is_the_identity() {
        let img = gradient(23, 17, 4);
        for method in ["floyd_steinberg", "ordered", "random"] {
            assert_eq!(
                run("Dither", json!({"method": method, "levels": 256, "random_seed": 3}), &img),
                img,
                "{method}"
            );
        }
    }

    #[test]
    fn footprints() {
        let ctx = Context::new(10, 10, 3);
        let mosaic = op("Mosaic", json!({"tile_width": 3, "tile_height": 4}));
        assert_eq!(mosaic.footprint(&ctx, 5..6), InputRows::Rows(4..8));
        assert_eq!(mosaic.footprint(&ctx, 7..10), InputRows::Rows(4..10));
        let fs = op("Dither", json!({}));
        assert_eq!(fs.footprint(&ctx, 0..4), InputRows::Sequential(0..5));
        assert_eq!(fs.footprint(&ctx, 8..10), InputRows::Sequential(8..10));
        let ordered = op("Dither", json!({"method": "ordered"}));
        assert_eq!(ordered.footprint(&ctx, 3..4), InputRows::Rows(3..4));
    }

    #[test]
    fn output_does_not_depend_on_thread_count() {
        let img = gradient(300, 256, 4);
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        for (name, p) in [
            ("Mosaic", json!({"tile_width": 5, "tile_height": 3, "sample_mode": "random", "random_seed": 2})),
            ("Dither", json!({"method": "ordered", "levels": 3, "pattern_size": 8})),
        ] {
            let many = run(name, p.clone(), &img);
            assert_eq!(one.install(|| run(name, p, &img)), many, "{name}");
        }
    }
}
