//! Block operations: BlockFilter, BlockShift, BlockRotate, BlockScramble (docs/spec.md §3.12–3.15).
//!
//! All four cut the image into a grid of `block_width × block_height` blocks after the padding
//! step of §1.8. The padded canvas is never materialised: [`Padded`] produces any run of a
//! padded row on demand, in the output's channel count, and the output is assembled row by row
//! from block-wide runs (`copy_from_slice`). Output rows are independent, so they run in
//! parallel. Blocks only move whole pixels, so the work happens directly on 3 or 4 channels;
//! the original's detour through RGBA only matters for the fill colour, which is applied with
//! its channel rules.

use crate::core::params::{choice, params, Bound, Kind, ParamSpec};
use crate::core::select::{select_blocks, BlockSelection};
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::{copy_short, fill_pixels, with_channels, Band, BandMut, Image};
use crate::ops::fill_channels;
use crate::ops::{bands_per_task, par_bands};
use crate::rng::PyRandom;
use rayon::prelude::*;
use std::ops::Range;

const BLOCK_WIDTH: ParamSpec = ParamSpec::new(
    Kind::Int { min: Bound::Incl(1.0), max: Bound::Incl(u32::MAX as f64) },
    "8",
    "block width in pixels (at most the image width)",
);
const BLOCK_HEIGHT: ParamSpec = ParamSpec::new(
    Kind::Int { min: Bound::Incl(1.0), max: Bound::Incl(u32::MAX as f64) },
    "8",
    "block height in pixels (at most the image height)",
);
const PADDING_MODE: ParamSpec = ParamSpec::new(
    Padding::KIND,
    "\"crop\"",
    "sizes not divisible by the block: crop the remainder, extend the edge pixels, or pad with the fill colour",
);

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "BlockFilter",
        family: "block",
        summary: "Keep some blocks of a grid and fill the others with a colour",
        params: FilterParams::PARAMS,
        version: 1,
        example: r#"{"block_width": 8, "block_height": 8, "condition": "checkerboard"}"#,
        build: build_filter,
    },
    OpSpec {
        name: "BlockShift",
        family: "block",
        summary: "Move blocks of a grid by a pattern: rotate along rows, flip, transpose or scramble",
        params: ShiftParams::PARAMS,
        version: 1,
        example: r#"{"seed": 1}"#,
        build: |p| Ok(Box::new(BlockShift::new(p.decode()?))),
    },
    OpSpec {
        name: "BlockRotate",
        family: "block",
        summary: "Rotate selected blocks of a grid counter-clockwise in place",
        params: RotateParams::PARAMS,
        version: 1,
        example: r#"{"rotation": 90}"#,
        build: build_rotate,
    },
    OpSpec {
        name: "BlockScramble",
        family: "block",
        summary: "Shuffle a random share of the blocks of a grid among themselves",
        params: ScrambleParams::PARAMS,
        version: 1,
        example: r#"{"seed": 1}"#,
        build: |p| Ok(Box::new(BlockScramble::new(p.decode()?))),
    },
];

// ---------------------------------------------------------------------------------------
// Grid, padding and assembly (docs/spec.md §1.8)

choice! {
    enum Padding { Crop = "crop", Extend = "extend", Fill = "fill" }
}

/// Block size and padding, shared by the four operations.
#[derive(Clone, Copy, Debug)]
struct Blocks {
    bw: u32,
    bh: u32,
    padding: Padding,
}

/// The block grid over the padded image (the padded image is exactly `cols × rows` blocks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Grid {
    bw: usize,
    bh: usize,
    cols: usize,
    rows: usize,
}

impl Grid {
    fn width(&self) -> usize {
        self.cols * self.bw
    }
    fn height(&self) -> usize {
        self.rows * self.bh
    }
    fn total(&self) -> usize {
        self.cols * self.rows
    }
}

impl Blocks {
    /// The original's check: a block may not be larger than the image.
    fn check(&self, width: u32, height: u32) -> Result<()> {
        if self.bw > width || self.bh > height {
            return Err(Error::invalid(format!(
                "block size {}x{} (block_width x block_height) cannot exceed the image size {width}x{height}",
                self.bw, self.bh
            )));
        }
        Ok(())
    }

    /// The grid after padding: `crop` drops the remainder, `extend`/`fill` round up.
    fn grid(&self, width: u32, height: u32) -> Grid {
        let (w, h, bw, bh) = (width as usize, height as usize, self.bw as usize, self.bh as usize);
        let (cols, rows) = match self.padding {
            Padding::Crop => (w / bw, h / bh),
            Padding::Extend | Padding::Fill => (w.div_ceil(bw), h.div_ceil(bh)),
        };
        Grid { bw, bh, cols, rows }
    }

    /// Bytes of the padded grid's image in `channels` channels: what a step allocates.
    fn grid_bytes(&self, ctx: &Context, channels: u8) -> u64 {
        let g = self.grid(ctx.width, ctx.height);
        (g.width() * g.height()) as u64 * channels as u64
    }

    /// Whether the grid covers the image exactly (no padding or cropping changes its size).
    fn covers(&self, ctx: &Context) -> bool {
        let g = self.grid(ctx.width, ctx.height);
        self.check(ctx.width, ctx.height).is_ok()
            && (g.width(), g.height()) == (ctx.width as usize, ctx.height as usize)
    }

    /// Checks the block size and returns the context of the padded output.
    fn validate(&self, ctx: &Context, channels: u8) -> Result<Context> {
        self.check(ctx.width, ctx.height)?;
        let g = self.grid(ctx.width, ctx.height);
        Ok(ctx.with_size(g.width() as u32, g.height() as u32).with_channels(channels))
    }

    /// Input rows behind padded rows `rows`: `extend` repeats the last row, `fill` needs none.
    fn source_rows(&self, height: u32, rows: Range<usize>) -> InputRows {
        let h = height as usize;
        let (lo, hi) = match self.padding {
            Padding::Extend if rows.start < rows.end => {
                let lo = rows.start.min(h - 1);
                (lo, rows.end.min(h).max(lo + 1))
            }
            _ => (rows.start.min(h), rows.end.min(h)),
        };
        InputRows::Rows(lo as u32..hi as u32)
    }

    /// Input rows behind the whole block rows that output rows `out` touch.
    fn band_rows(&self, ctx: &Context, out: Range<u32>) -> InputRows {
        let g = self.grid(ctx.width, ctx.height);
        let lo = out.start as usize / g.bh * g.bh;
        let hi = (out.end as usize).div_ceil(g.bh) * g.bh;
        self.source_rows(ctx.height, lo..hi.min(g.height()))
    }

    /// Input rows behind the same output rows (operations that never move blocks across rows).
    fn same_rows(&self, ctx: &Context, out: Range<u32>) -> InputRows {
        self.source_rows(ctx.height, out.start as usize..out.end as usize)
    }
}

/// The pixel of the `fill` padding area in the input's channel rule: the original pads an
/// RGBA canvas and converts back, so RGB input gets the fill's colour with alpha 255.
fn pad_pixel(input_channels: u8, fill: [u8; 4]) -> [u8; 4] {
    if input_channels == 4 {
        fill
    } else {
        [fill[0], fill[1], fill[2], 255]
    }
}

/// The padded canvas of §1.8 as a virtual image in the output's channel count.
struct Padded<'a> {
    src: Band<'a>,
    /// The input's height (the band may hold fewer rows).
    height: usize,
    padding: Padding,
    /// Pixel of the `fill` padding area (first `oc` bytes used).
    fill: [u8; 4],
    /// Output channels (3 or 4; at least the input's).
    oc: usize,
}

impl Padded<'_> {
    /// Asks the processor to start loading the input bytes of padded pixel (`x`, `y`).
    #[inline(always)]
    fn prefetch(&self, y: usize, x: usize) {
        if y < self.height && x < self.src.width() as usize {
            let px = &self.src.row(y as u32)[x * self.src.channels() as usize..];
            #[cfg(target_arch = "x86_64")]
            // SAFETY: a prefetch is a hint; it reads nothing and faults on no address.
            #[allow(unsafe_code)]
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch::<_MM_HINT_T0>(px.as_ptr() as *const i8);
            }
            #[cfg(not(target_arch = "x86_64"))]
            let _ = px;
        }
    }

    /// Writes padded pixels `[x0, x0 + dst.len() / oc)` of padded row `y` into `dst`.
    #[inline(always)]
    fn run(&self, y: usize, x0: usize, dst: &mut [u8]) {
        let (w, h, c, oc) = (self.src.width() as usize, self.height, self.src.channels() as usize, self.oc);
        let sy = if y < h {
            y
        } else if self.padding == Padding::Extend {
            h - 1
        } else {
            return fill_pixels(dst, &self.fill[..oc]);
        };
        let row = self.src.row(sy as u32);
        let inside = (dst.len() / oc).min(w.saturating_sub(x0));
        let (head, tail) = dst.split_at_mut(inside * oc);
        convert_run(&row[x0 * c..(x0 + inside) * c], c, head, oc);
        if !tail.is_empty() {
            let mut px = self.fill;
            if self.padding == Padding::Extend {
                convert_run(&row[(w - 1) * c..], c, &mut px[..oc], oc);
            }
            fill_pixels(tail, &px[..oc]);
        }
    }
}

/// How many blocks ahead an [`Assembly`] asks for the input rows of a moved block.
const PREFETCH: usize = 8;

/// Copies pixels from `c` to `oc` channels (Pillow's RGB→RGBA adds alpha 255).
#[inline(always)]
fn convert_run(src: &[u8], c: usize, dst: &mut [u8], oc: usize) {
    if c == oc {
        copy_short(dst, src);
    } else {
        for (s, d) in src.chunks_exact(c).zip(dst.chunks_exact_mut(oc)) {
            d[..3].copy_from_slice(&s[..3]);
            if oc == 4 {
                d[3] = 255;
            }
        }
    }
}

/// A block rearrangement prepared for an image size: output block `k` is padded input
/// block `sources[k]`, or `fill` where that is `None`. BlockFilter, BlockShift and
/// BlockScramble are each one of these.
struct Assembly {
    g: Grid,
    sources: Vec<Option<usize>>,
    /// Pixel of the blocks left empty (first `oc` bytes used).
    fill: Vec<u8>,
    padding: Padding,
    /// Pixel of the `fill` padding area.
    pad: [u8; 4],
    height: usize,
    oc: usize,
}

impl Assembly {
    fn new(ctx: &Context, blocks: &Blocks, sources: Vec<Option<usize>>, fill: &[u8], pad: [u8; 4], oc: u8) -> Self {
        let g = blocks.grid(ctx.width, ctx.height);
        let (padding, height, oc) = (blocks.padding, ctx.height as usize, oc as usize);
        Assembly { g, sources, fill: fill.to_vec(), padding, pad, height, oc }
    }

    /// Padded pixels `[x0, x0 + dst.len() / oc)` of padded row `y` of `src` into `dst`.
    fn run_row(&self, src: Band<'_>, y: usize, x0: usize, dst: &mut [u8]) {
        Padded { src, height: self.height, padding: self.padding, fill: self.pad, oc: self.oc }.run(y, x0, dst)
    }

    fn whole(&self, src: &Image) -> Result<Image> {
        generate_whole(self, src, (self.g.width() as u32, self.g.height() as u32, self.oc as u8))
    }
}

impl Generator for Assembly {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let g = &self.g;
        let padded = Padded { src, height: self.height, padding: self.padding, fill: self.pad, oc: self.oc };
        let (block, stride) = (g.bw * self.oc, out.stride());
        let parts = block_row_parts(out, g.bh);
        let per_task = bands_per_task(g.bh * stride);
        parts.into_par_iter().with_min_len(per_task).for_each(|(t, first, part)| {
            let blocks = &self.sources[t * g.cols..(t + 1) * g.cols];
            // Block by block (a run at a time), all its rows: the rows of a block that moved
            // are far apart in the input, and read together their cache misses overlap. Runs
            // of blocks that take the blocks after each other in one source row (a whole
            // row where nothing moves) are one copy.
            let (mut k, mut ahead) = (0, 0);
            while k < blocks.len() {
                // The input rows of the moved blocks up to PREFETCH blocks ahead.
                while ahead < (k + PREFETCH).min(blocks.len()) {
                    if let Some(s) = blocks[ahead].filter(|&s| s != t * g.cols + ahead) {
                        for ly in 0..part.len() / stride {
                            padded.prefetch(s / g.cols * g.bh + first - t * g.bh + ly, s % g.cols * g.bw);
                        }
                    }
                    ahead += 1;
                }
                let next = |n: usize| blocks[k].map(|s| s + n);
                let run = (1..blocks.len() - k)
                    .find(|&n| blocks[k + n] != next(n) || next(n).is_some_and(|s| s % g.cols == 0))
                    .unwrap_or(blocks.len() - k);
                for (ly, row) in (first - t * g.bh..).zip(part.chunks_exact_mut(stride)) {
                    let dst = &mut row[k * block..(k + run) * block];
                    match blocks[k] {
                        Some(s) => padded.run(s / g.cols * g.bh + ly, s % g.cols * g.bw, dst),
                        None => fill_pixels(dst, &self.fill),
                    }
                }
                k += run;
            }
        });
        Ok(())
    }
}

/// `out` cut at block-row boundaries: (block row, its first row in `out`, their bytes).
fn block_row_parts(out: BandMut<'_>, bh: usize) -> Vec<(usize, usize, &mut [u8])> {
    let (stride, rows) = (out.stride(), out.rows());
    let (mut parts, mut rest, mut y) = (Vec::new(), out.into_bytes(), rows.start as usize);
    while y < rows.end as usize {
        let end = ((y / bh + 1) * bh).min(rows.end as usize);
        let (part, tail) = std::mem::take(&mut rest).split_at_mut((end - y) * stride);
        parts.push((y / bh, y, part));
        rest = tail;
        y = end;
    }
    parts
}

/// Block sources where the listed `(from, to)` moves happen and every other block stays.
fn moves(total: usize, pairs: impl Iterator<Item = (usize, usize)>) -> Vec<Option<usize>> {
    let mut sources: Vec<Option<usize>> = (0..total).map(Some).collect();
    for (from, to) in pairs {
        sources[to] = Some(from);
    }
    sources
}

/// [`Assembly`] of a padded copy with the input's channel count and transparent padding
/// (what BlockShift, BlockRotate and BlockScramble start from).
fn rearranged(ctx: &Context, blocks: &Blocks, sources: Vec<Option<usize>>) -> Assembly {
    Assembly::new(ctx, blocks, sources, &[], pad_pixel(ctx.channels, [0; 4]), ctx.channels)
}

// ---------------------------------------------------------------------------------------

params! {
    struct FilterParams {
        block_width: u32 => BLOCK_WIDTH,
        block_height: u32 => BLOCK_HEIGHT,
        keep_blocks: Option<Vec<i64>> => ParamSpec::new(
            Kind::IntList,
            "null",
            "block indices (row-major) to keep for condition \"custom\"; indices outside the grid match nothing",
        ),
        condition: BlockSelection => ParamSpec::new(
            Kind::Choice(&["checkerboard", "diagonal", "corners", "custom"]),
            "\"checkerboard\"",
            "which blocks are kept",
        ),
        fill_color: [u8; 4] => ParamSpec::new(
            Kind::Color { len: 4 },
            "[0, 0, 0, 0]",
            "colour of the blocks not kept (and of the `fill` padding); the output is RGBA unless it is opaque",
        ),
        padding_mode: Padding => PADDING_MODE,
    }
}

fn build_filter(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: FilterParams = p.decode()?;
    if p.condition == BlockSelection::Custom && p.keep_blocks.is_none() {
        return Err(Error::param("keep_blocks", "is required when condition is \"custom\" (list of block indices)"));
    }
    Ok(Box::new(BlockFilter {
        blocks: Blocks { bw: p.block_width, bh: p.block_height, padding: p.padding_mode },
        condition: p.condition,
        keep: p.keep_blocks.unwrap_or_default(),
        fill: p.fill_color,
    }))
}

/// Overwrites the blocks outside the keep set with the fill colour.
#[derive(Debug)]
pub struct BlockFilter {
    blocks: Blocks,
    condition: BlockSelection,
    keep: Vec<i64>,
    fill: [u8; 4],
}

impl BlockFilter {
    fn out_channels(&self, input: u8) -> u8 {
        fill_channels(input, &self.fill)
    }

    fn kept(&self, g: &Grid) -> Vec<bool> {
        select_blocks(self.condition, g.cols, g.rows, &self.keep)
    }

    fn prepared(&self, ctx: &Context) -> Result<Assembly> {
        self.blocks.check(ctx.width, ctx.height)?;
        let g = self.blocks.grid(ctx.width, ctx.height);
        let oc = self.out_channels(ctx.channels);
        let sources = self.kept(&g).into_iter().enumerate().map(|(k, keep)| keep.then_some(k)).collect();
        Ok(Assembly::new(ctx, &self.blocks, sources, &self.fill[..oc as usize], pad_pixel(ctx.channels, self.fill), oc))
    }
}

impl Operation for BlockFilter {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        self.blocks.validate(ctx, self.out_channels(ctx.channels))
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        self.prepared(ctx)?.whole(src)
    }

    fn apply_in_place(&self, img: &mut Image, ctx: &Context) -> Result<()> {
        self.blocks.check(img.width(), img.height())?;
        if !self.in_place(ctx) {
            *img = self.apply(img, ctx)?;
            return Ok(());
        }
        let g = self.blocks.grid(img.width(), img.height());
        let c = img.channels();
        let kept = self.kept(&g);
        let fill = &self.fill[..c as usize];
        let stride = img.stride();
        par_bands(img.as_bytes_mut(), stride, |y, row| {
            let blocks = &kept[y / g.bh * g.cols..(y / g.bh + 1) * g.cols];
            for (dst, _) in row.chunks_exact_mut(g.bw * c as usize).zip(blocks).filter(|(_, keep)| !**keep) {
                fill_pixels(dst, fill);
            }
        });
        Ok(())
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.blocks.covers(ctx) && self.out_channels(ctx.channels) == ctx.channels
    }

    /// Blocks stay where they are, so an output row needs only its own (padded) input row.
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        self.blocks.same_rows(ctx, out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx)?)))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        self.blocks.grid_bytes(ctx, self.out_channels(ctx.channels))
    }
}

// ---------------------------------------------------------------------------------------

choice! {
    enum ShiftPattern {
        RotateRight = "rotate_right",
        RotateLeft = "rotate_left",
        FlipHorizontal = "flip_horizontal",
        FlipVertical = "flip_vertical",
        SwapDiagonal = "swap_diagonal",
        Scramble = "scramble",
    }
}

params! {
    struct ShiftParams {
        block_width: u32 => BLOCK_WIDTH,
        block_height: u32 => BLOCK_HEIGHT,
        shift_pattern: ShiftPattern => ParamSpec::new(
            ShiftPattern::KIND,
            "\"rotate_right\"",
            "how blocks move; swap_diagonal transposes square grids and leaves others unchanged",
        ),
        shift_amount: u64 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(0.0), max: Bound::None },
            "1",
            "blocks to move along the row for rotate_right / rotate_left",
        ),
        seed: Option<i64> => ParamSpec::new(
            Kind::Seed { numpy: false, used_when: Some(("shift_pattern", "scramble")) },
            "null",
            "seed of the scramble pattern",
        ),
        padding_mode: Padding => PADDING_MODE,
    }
}

/// Moves every block `k` to `dst(k)` by a named pattern (all patterns are permutations).
#[derive(Debug)]
pub struct BlockShift {
    blocks: Blocks,
    pattern: ShiftPattern,
    amount: u64,
    seed: i64,
}

impl BlockShift {
    fn new(p: ShiftParams) -> BlockShift {
        BlockShift {
            blocks: Blocks { bw: p.block_width, bh: p.block_height, padding: p.padding_mode },
            pattern: p.shift_pattern,
            amount: p.shift_amount,
            seed: p.seed.unwrap_or_else(|| crate::rng::os_seed() as i64),
        }
    }

    /// `dst(k)` for every block (docs/spec.md §3.13).
    fn destinations(&self, g: &Grid) -> Vec<usize> {
        let cols = g.cols;
        let shift = (self.amount % cols as u64) as usize;
        let place = |k: usize| {
            let (r, c) = (k / cols, k % cols);
            match self.pattern {
                ShiftPattern::RotateRight => r * cols + (c + shift) % cols,
                ShiftPattern::RotateLeft => r * cols + (c + cols - shift) % cols,
                ShiftPattern::FlipHorizontal => r * cols + (cols - 1 - c),
                ShiftPattern::FlipVertical => (g.rows - 1 - r) * cols + c,
                ShiftPattern::SwapDiagonal if cols == g.rows => c * cols + r,
                ShiftPattern::SwapDiagonal | ShiftPattern::Scramble => k,
            }
        };
        if self.pattern == ShiftPattern::Scramble {
            let mut perm: Vec<usize> = (0..g.total()).collect();
            PyRandom::new(self.seed).shuffle(&mut perm);
            perm
        } else {
            (0..g.total()).map(place).collect()
        }
    }

    fn prepared(&self, ctx: &Context) -> Result<Assembly> {
        self.blocks.check(ctx.width, ctx.height)?;
        let g = self.blocks.grid(ctx.width, ctx.height);
        Ok(rearranged(ctx, &self.blocks, moves(g.total(), self.destinations(&g).into_iter().enumerate())))
    }

    /// Patterns that keep every block in its block row.
    fn keeps_rows(&self, g: &Grid) -> bool {
        match self.pattern {
            ShiftPattern::RotateRight | ShiftPattern::RotateLeft | ShiftPattern::FlipHorizontal => true,
            ShiftPattern::SwapDiagonal => g.cols != g.rows,
            ShiftPattern::FlipVertical | ShiftPattern::Scramble => false,
        }
    }
}

impl Operation for BlockShift {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        self.blocks.validate(ctx, ctx.channels)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        self.prepared(ctx)?.whole(src)
    }

    /// Row-preserving patterns need the same rows; the others may pull any block row.
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        if self.keeps_rows(&self.blocks.grid(ctx.width, ctx.height)) {
            self.blocks.same_rows(ctx, out_rows)
        } else {
            InputRows::All
        }
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx)?)))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        self.blocks.grid_bytes(ctx, ctx.channels)
    }
}

// ---------------------------------------------------------------------------------------

params! {
    struct RotateParams {
        block_width: u32 => BLOCK_WIDTH,
        block_height: u32 => BLOCK_HEIGHT,
        rotation: u32 => ParamSpec::new(
            Kind::IntChoice(&[90, 180, 270]),
            "90",
            "degrees counter-clockwise; 90 and 270 need square blocks",
        ),
        selection: BlockSelection => ParamSpec::new(BlockSelection::KIND, "\"all\"", "which blocks are rotated"),
        indices: Option<Vec<i64>> => ParamSpec::new(
            Kind::IntList,
            "null",
            "block indices (row-major, >= 0) for selection \"custom\"; indices past the grid are skipped",
        ),
        padding_mode: Padding => PADDING_MODE,
    }
}

/// Rejects what the original crashed on (docs/spec.md §7, decision 11).
fn build_rotate(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: RotateParams = p.decode()?;
    let blocks = Blocks { bw: p.block_width, bh: p.block_height, padding: p.padding_mode };
    if p.rotation != 180 && blocks.bw != blocks.bh {
        return Err(Error::param(
            "rotation",
            format!(
                "rotation {} needs square blocks, got block_width {} and block_height {}; \
                 use rotation 180 or equal block sizes",
                p.rotation, blocks.bw, blocks.bh
            ),
        ));
    }
    if p.selection == BlockSelection::Custom {
        let indices = p.indices.as_deref().ok_or_else(|| {
            Error::param("indices", "is required when selection is \"custom\" (list of block indices)")
        })?;
        if let Some(bad) = indices.iter().find(|&&k| k < 0) {
            return Err(Error::param("indices", format!("block indices must be >= 0, got {bad}")));
        }
    }
    Ok(Box::new(BlockRotate {
        blocks,
        rotation: p.rotation,
        selection: p.selection,
        indices: p.indices.unwrap_or_default(),
    }))
}

/// Rotates each selected block counter-clockwise where it stands.
#[derive(Debug)]
pub struct BlockRotate {
    blocks: Blocks,
    rotation: u32,
    selection: BlockSelection,
    indices: Vec<i64>,
}

impl BlockRotate {
    /// Rotates the selected blocks of an image that is exactly the grid.
    fn rotate(&self, img: &mut Image, g: &Grid) {
        let selected = select_blocks(self.selection, g.cols, g.rows, &self.indices);
        let (c, stride) = (img.channels() as usize, img.stride());
        par_bands(img.as_bytes_mut(), g.bh * stride, |block_row, band| {
            let chosen = &selected[block_row * g.cols..(block_row + 1) * g.cols];
            with_channels!(c, |C| self.rotate_band::<C>(chosen, band, g))
        });
    }

    /// Rotates the `chosen` blocks of one block row (`band`: its `g.bh` rows).
    fn rotate_band<const C: usize>(&self, chosen: &[bool], band: &mut [u8], g: &Grid) {
        let (bw, bh) = (g.bw, g.bh);
        let stride = band.len() / bh;
        let mut block = vec![0u8; bw * bh * C];
        for (col, _) in chosen.iter().enumerate().filter(|(_, s)| **s) {
            let x0 = col * bw * C;
            for (dst, row) in block.chunks_exact_mut(bw * C).zip(band.chunks_exact(stride)) {
                copy_short(dst, &row[x0..x0 + bw * C]);
            }
            let px = |x: usize, y: usize| -> [u8; C] { block[(y * bw + x) * C..][..C].try_into().unwrap() };
            for (r, row) in band.chunks_exact_mut(stride).enumerate() {
                for (x, d) in row[x0..x0 + bw * C].chunks_exact_mut(C).enumerate() {
                    d.copy_from_slice(&match self.rotation {
                        // out[r][x] = in[x][b-1-r]: column b-1-r read downwards.
                        90 => px(bw - 1 - r, x),
                        // out[r][x] = in[b-1-x][r]: column r read upwards.
                        270 => px(r, bw - 1 - x),
                        // out[r][x] = in[bh-1-r][bw-1-x]: row bh-1-r reversed.
                        _ => px(bw - 1 - x, bh - 1 - r),
                    });
                }
            }
        }
    }
}

/// [`BlockRotate`] as a generator: each block row a band touches is padded (an
/// [`Assembly`] of itself), rotated, and its rows in the band copied out.
struct RotatedRows<'a> {
    op: &'a BlockRotate,
    padded: Assembly,
    selected: Vec<bool>,
}

impl Generator for RotatedRows<'_> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let g = self.padded.g;
        let (w, c, stride) = (out.width(), out.channels(), out.stride());
        let (iw, ih) = (src.width() as usize, self.padded.height);
        block_row_parts(out, g.bh).into_par_iter().try_for_each(|(t, first, part)| {
            let chosen = &self.selected[t * g.cols..(t + 1) * g.cols];
            if part.len() == g.bh * stride && (t + 1) * g.bh <= ih {
                // A whole block row inside the input's rows: its blocks inside the input's
                // width straight from the input (rotated, or copied), one pass; the padded
                // ones at the right edge through the padded copy.
                let inside = (iw / g.bw).min(g.cols);
                with_channels!(c, |C| self.direct::<C>(src, t, inside, chosen, part, &g));
                if inside < g.cols {
                    for (ly, row) in part.chunks_exact_mut(stride).enumerate() {
                        let at = inside * g.bw;
                        self.padded.run_row(src, t * g.bh + ly, at, &mut row[at * c as usize..]);
                    }
                    let edge: Vec<bool> = (0..g.cols).map(|k| k >= inside && chosen[k]).collect();
                    with_channels!(c, |C| self.op.rotate_band::<C>(&edge, part, &g));
                }
                return Ok(());
            }
            let rotate = |rows: &mut [u8]| -> Result<()> {
                self.padded.generate(src, BandMut::new(w, c, (t * g.bh) as u32, rows))?;
                with_channels!(c, |C| self.op.rotate_band::<C>(chosen, rows, &g));
                Ok(())
            };
            if part.len() == g.bh * stride {
                // The whole block row: rotated where it lands.
                return rotate(part);
            }
            let mut block_row = vec![0u8; g.bh * stride];
            rotate(&mut block_row)?;
            let at = (first - t * g.bh) * stride;
            part.copy_from_slice(&block_row[at..at + part.len()]);
            Ok(())
        })
    }
}

impl RotatedRows<'_> {
    /// Block row `t`'s first `inside` blocks (all inside the input) into `part` from the
    /// input: the chosen ones rotated, the others copied.
    fn direct<const C: usize>(
        &self,
        src: Band<'_>,
        t: usize,
        inside: usize,
        chosen: &[bool],
        part: &mut [u8],
        g: &Grid,
    ) {
        let (bw, bh, stride) = (g.bw, g.bh, part.len() / g.bh);
        let rows: Vec<&[u8]> = (0..bh).map(|j| src.row((t * bh + j) as u32)).collect();
        let px = |x: usize, y: usize| -> [u8; C] { rows[y][x * C..][..C].try_into().unwrap() };
        for (r, row) in part.chunks_exact_mut(stride).enumerate() {
            for (k, &rotated) in chosen[..inside].iter().enumerate() {
                let x0 = k * bw;
                let block = &mut row[x0 * C..(x0 + bw) * C];
                if !rotated {
                    copy_short(block, &rows[r][x0 * C..(x0 + bw) * C]);
                    continue;
                }
                for (x, d) in block.chunks_exact_mut(C).enumerate() {
                    d.copy_from_slice(&match self.op.rotation {
                        // As in BlockRotate::rotate_band.
                        90 => px(x0 + bw - 1 - r, x),
                        270 => px(x0 + r, bw - 1 - x),
                        _ => px(x0 + bw - 1 - x, bh - 1 - r),
                    });
                }
            }
        }
    }
}

impl Operation for BlockRotate {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        self.blocks.validate(ctx, ctx.channels)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        let g = self.blocks.grid(src.width(), src.height());
        let rotated = self.prepare(ctx)?.expect("BlockRotate prepares");
        generate_whole(&*rotated, src, (g.width() as u32, g.height() as u32, src.channels()))
    }

    fn apply_in_place(&self, img: &mut Image, ctx: &Context) -> Result<()> {
        self.blocks.check(img.width(), img.height())?;
        if self.in_place(ctx) {
            self.rotate(img, &self.blocks.grid(img.width(), img.height()));
        } else {
            *img = self.apply(img, ctx)?;
        }
        Ok(())
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.blocks.covers(ctx)
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        self.blocks.band_rows(ctx, out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        self.blocks.check(ctx.width, ctx.height)?;
        let g = self.blocks.grid(ctx.width, ctx.height);
        let padded = rearranged(ctx, &self.blocks, moves(g.total(), std::iter::empty()));
        let selected = select_blocks(self.selection, g.cols, g.rows, &self.indices);
        Ok(Some(Box::new(RotatedRows { op: self, padded, selected })))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        self.blocks.grid_bytes(ctx, ctx.channels)
    }
}

// ---------------------------------------------------------------------------------------

params! {
    struct ScrambleParams {
        block_width: u32 => BLOCK_WIDTH,
        block_height: u32 => BLOCK_HEIGHT,
        seed: Option<i64> => ParamSpec::new(
            Kind::Seed { numpy: false, used_when: None },
            "null",
            "seed of the block choice and shuffle",
        ),
        scramble_ratio: f64 => ParamSpec::new(
            Kind::Float { min: Bound::Incl(0.0), max: Bound::Incl(1.0) },
            "0.3",
            "share of the blocks that take part (truncated to a block count)",
        ),
        padding_mode: Padding => PADDING_MODE,
    }
}

/// Chooses `trunc(total · ratio)` blocks with `random.sample` and shuffles them among their
/// own positions with `random.shuffle` (CPython's generator, so seeded runs match).
#[derive(Debug)]
pub struct BlockScramble {
    blocks: Blocks,
    seed: i64,
    ratio: f64,
}

impl BlockScramble {
    fn new(p: ScrambleParams) -> BlockScramble {
        BlockScramble {
            blocks: Blocks { bw: p.block_width, bh: p.block_height, padding: p.padding_mode },
            seed: p.seed.unwrap_or_else(|| crate::rng::os_seed() as i64),
            ratio: p.scramble_ratio,
        }
    }
}

impl BlockScramble {
    fn prepared(&self, ctx: &Context) -> Result<Assembly> {
        self.blocks.check(ctx.width, ctx.height)?;
        let total = self.blocks.grid(ctx.width, ctx.height).total();
        let count = ((total as f64 * self.ratio) as usize).min(total);
        let mut rng = PyRandom::new(self.seed);
        let chosen = rng.sample(total, count);
        let mut shuffled = chosen.clone();
        rng.shuffle(&mut shuffled);
        Ok(rearranged(ctx, &self.blocks, moves(total, chosen.into_iter().zip(shuffled))))
    }
}

impl Operation for BlockScramble {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        self.blocks.validate(ctx, ctx.channels)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        self.prepared(ctx)?.whole(src)
    }

    fn footprint(&self, _ctx: &Context, _out_rows: Range<u32>) -> InputRows {
        InputRows::All
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx)?)))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        self.blocks.grid_bytes(ctx, ctx.channels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::{gradient, numbered_grid};
    use crate::ops::testing::*;
    use serde_json::json;

    /// First channel, row by row.
    fn plane(img: &Image) -> Vec<Vec<u8>> {
        let c = img.channels() as usize;
        img.rows().map(|r| r.iter().step_by(c).copied().collect()).collect()
    }

    fn error(name: &str, params: serde_json::Value) -> String {
        configure(name, params.as_object().unwrap(), true).unwrap_err().to_string()
    }

    #[test]
    fn filter_crop_sizes_from_spec() {
        let img = gradient(77, 53, 4);
        for ((bw, bh), size) in [((8, 8), (72, 48)), ((16, 16), (64, 48)), ((10, 7), (70, 49)), ((5, 11), (75, 44))] {
            let out = run("BlockFilter", json!({"block_width": bw, "block_height": bh}), &img);
            assert_eq!((out.width(), out.height()), size);
        }
    }

    #[test]
    fn filter_examples_from_spec() {
        let fill = json!([9, 9, 9, 255]);
        let out = run(
            "BlockFilter",
            json!({"block_width": 2, "block_height": 2, "fill_color": fill}),
            &numbered_grid(4, 4, 3),
        );
        assert_eq!(out.channels(), 3);
        assert_eq!(plane(&out), [[0, 1, 9, 9], [4, 5, 9, 9], [9, 9, 10, 11], [9, 9, 14, 15]]);

        let p = json!({"block_width": 3, "block_height": 3, "padding_mode": "fill", "fill_color": fill});
        let out = run("BlockFilter", p, &numbered_grid(5, 5, 3));
        assert_eq!(
            plane(&out),
            [
                [0, 1, 2, 9, 9, 9],
                [5, 6, 7, 9, 9, 9],
                [10, 11, 12, 9, 9, 9],
                [9, 9, 9, 18, 19, 9],
                [9, 9, 9, 23, 24, 9],
                [9, 9, 9, 9, 9, 9]
            ]
        );

        let p = json!({"block_width": 3, "block_height": 3, "padding_mode": "extend", "condition": "custom",
                       "keep_blocks": [0, 1, 2, 3]});
        let out = run("BlockFilter", p, &numbered_grid(5, 4, 4));
        let last = vec![15, 16, 17, 18, 19, 19];
        assert_eq!(
            plane(&out),
            [
                vec![0, 1, 2, 3, 4, 4],
                vec![5, 6, 7, 8, 9, 9],
                vec![10, 11, 12, 13, 14, 14],
                last.clone(),
                last.clone(),
                last
            ]
        );

        let g = numbered_grid(3, 3, 3);
        let one = |condition: &str| {
            let p = json!({"block_width": 1, "block_height": 1, "condition": condition, "fill_color": fill});
            plane(&run("BlockFilter", p, &g))
        };
        assert_eq!(one("corners"), [[0, 9, 2], [9, 9, 9], [6, 9, 8]]);
        assert_eq!(one("diagonal"), [[0, 9, 9], [9, 4, 9], [9, 9, 8]]);
    }

    #[test]
    fn filter_channel_rules() {
        // Default transparent fill: RGB becomes RGBA, filled blocks transparent.
        let out = run("BlockFilter", json!({"block_width": 1, "block_height": 1}), &numbered_grid(2, 1, 3));
        assert_eq!(out.as_bytes(), &[0, 0, 0, 255, 0, 0, 0, 0]);
        // RGB with a translucent fill and fill padding: the padding went through RGB, so it is
        // opaque where kept and the fill colour where filled.
        let img = numbered_grid(3, 1, 3);
        let p = json!({"block_width": 2, "block_height": 1, "padding_mode": "fill", "condition": "custom",
                       "keep_blocks": [0, 1], "fill_color": [9, 8, 7, 6]});
        let out = run("BlockFilter", p, &img);
        assert_eq!(out.as_bytes(), &[0, 0, 0, 255, 1, 1, 1, 255, 2, 2, 2, 255, 9, 8, 7, 255]);
        let p = json!({"block_width": 2, "block_height": 1, "padding_mode": "fill", "condition": "custom",
                       "keep_blocks": [0, 7, -1], "fill_color": [9, 8, 7, 6]});
        let out = run("BlockFilter", p, &img);
        assert_eq!(out.as_bytes(), &[0, 0, 0, 255, 1, 1, 1, 255, 9, 8, 7, 6, 9, 8, 7, 6]);
        // RGBA input pads with the fill colour as is.
        let p = json!({"block_width": 2, "block_height": 1, "padding_mode": "fill", "condition": "custom",
                       "keep_blocks": [0, 1], "fill_color": [9, 8, 7, 6]});
        let out = run("BlockFilter", p, &numbered_grid(3, 1, 4));
        assert_eq!(out.pixel(3, 0), &[9, 8, 7, 6]);
        assert!(error("BlockFilter", json!({"condition": "custom"})).contains("`keep_blocks`"));
    }

    #[test]
    fn blocks_larger_than_the_image_are_rejected() {
        let op = op("BlockShift", json!({"block_width": 500, "block_height": 5}));
        let e = op.validate(&Context::new(37, 23, 4)).unwrap_err().to_string();
        assert!(e.contains("500x5 (block_width x block_height)") && e.contains("37x23"), "{e}");
        assert!(op.apply(&numbered_grid(37, 23, 4), &Context::new(37, 23, 4)).is_err());
        assert!(error("BlockFilter", json!({"block_width": 0})).contains("`block_width`"));
    }

    #[test]
    fn shift_examples_from_spec() {
        let g = numbered_grid(3, 3, 3);
        let shift = |pattern: &str, extra: serde_json::Value| {
            let mut p = json!({"block_width": 1, "block_height": 1, "shift_pattern": pattern});
            p.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            plane(&run("BlockShift", p, &g))
        };
        assert_eq!(shift("rotate_right", json!({})), [[2, 0, 1], [5, 3, 4], [8, 6, 7]]);
        assert_eq!(shift("rotate_left", json!({})), [[1, 2, 0], [4, 5, 3], [7, 8, 6]]);
        assert_eq!(shift("rotate_left", json!({"shift_amount": 7})), [[1, 2, 0], [4, 5, 3], [7, 8, 6]]);
        assert_eq!(shift("rotate_right", json!({"shift_amount": 3})), plane(&g));
        assert_eq!(shift("flip_horizontal", json!({})), [[2, 1, 0], [5, 4, 3], [8, 7, 6]]);
        assert_eq!(shift("flip_vertical", json!({})), [[6, 7, 8], [3, 4, 5], [0, 1, 2]]);
        assert_eq!(shift("swap_diagonal", json!({})), [[0, 3, 6], [1, 4, 7], [2, 5, 8]]);
        assert_eq!(shift("scramble", json!({"seed": 1})), [[5, 7, 8], [4, 3, 0], [1, 2, 6]]);
        // Non-square grids are left alone by swap_diagonal.
        let p = json!({"block_width": 1, "block_height": 1, "shift_pattern": "swap_diagonal"});
        assert_eq!(run("BlockShift", p, &numbered_grid(3, 2, 3)), numbered_grid(3, 2, 3));
    }

    #[test]
    fn shift_moves_whole_blocks_and_pads_transparent() {
        // 2×2 blocks on a 5×2 RGBA grid with fill padding: 3 blocks, the last half padding.
        let p =
            json!({"block_width": 2, "block_height": 2, "shift_pattern": "flip_horizontal", "padding_mode": "fill"});
        let out = run("BlockShift", p.clone(), &numbered_grid(5, 2, 4));
        assert_eq!(plane(&out), [[4, 0, 2, 3, 0, 1], [9, 0, 7, 8, 5, 6]]);
        assert_eq!(out.pixel(1, 0), &[0, 0, 0, 0]);
        assert_eq!(out.pixel(0, 0), &[4, 4, 4, 255]);
        // RGB stays RGB and pads black.
        let out = run("BlockShift", p, &numbered_grid(5, 2, 3));
        assert_eq!(out.channels(), 3);
        assert_eq!(out.pixel(1, 1), &[0, 0, 0]);
    }

    #[test]
    fn rotate_examples_from_spec() {
        let g = numbered_grid(4, 4, 3);
        let rotate = |rotation: u32| {
            let p = json!({"block_width": 2, "block_height": 2, "rotation": rotation,
                           "selection": "custom", "indices": [0]});
            let out = plane(&run("BlockRotate", p, &g));
            assert_eq!(out[2..], plane(&g)[2..], "only block 0 changes");
            assert_eq!([&out[0][2..], &out[1][2..]], [[2, 3], [6, 7]]);
            [[out[0][0], out[0][1]], [out[1][0], out[1][1]]]
        };
        assert_eq!(rotate(90), [[1, 5], [0, 4]]);
        assert_eq!(rotate(180), [[5, 4], [1, 0]]);
        assert_eq!(rotate(270), [[4, 0], [5, 1]]);
        // 180 works for any block shape; indices past the grid are skipped.
        let p = json!({"block_width": 4, "block_height": 2, "rotation": 180, "selection": "custom", "indices": [0, 9]});
        assert_eq!(plane(&run("BlockRotate", p, &numbered_grid(4, 2, 4))), [[7, 6, 5, 4], [3, 2, 1, 0]]);
        // Default: every 2×2 block of a cropped 5×5 grid, 90°.
        let out = run("BlockRotate", json!({"block_width": 2, "block_height": 2}), &numbered_grid(5, 5, 3));
        assert_eq!(plane(&out), [[1, 6, 3, 8], [0, 5, 2, 7], [11, 16, 13, 18], [10, 15, 12, 17]]);
    }

    #[test]
    fn rotate_rejects_what_the_original_crashed_on() {
        let e = error("BlockRotate", json!({"block_width": 4, "block_height": 2}));
        assert!(e.contains("`rotation`") && e.contains("block_width 4") && e.contains("block_height 2"), "{e}");
        assert!(error("BlockRotate", json!({"block_width": 4, "block_height": 2, "rotation": 270})).contains("square"));
        let e = error("BlockRotate", json!({"selection": "custom", "indices": [1, -2]}));
        assert!(e.contains("`indices`") && e.contains("-2"), "{e}");
        assert!(error("BlockRotate", json!({"selection": "custom"})).contains("`indices`"));
        assert!(error("BlockRotate", json!({"rotation": 45})).contains("one of 90, 180, 270"));
    }

    #[test]
    fn scramble_examples_from_spec() {
        let p = json!({"block_width": 1, "block_height": 1, "seed": 7, "scramble_ratio": 1.0});
        assert_eq!(plane(&run("BlockScramble", p, &numbered_grid(3, 3, 3))), [[8, 7, 5], [2, 3, 1], [0, 4, 6]]);
        let p = json!({"block_width": 1, "block_height": 1, "seed": 7, "scramble_ratio": 0.5});
        assert_eq!(plane(&run("BlockScramble", p, &numbered_grid(4, 2, 4))), [[1, 5, 2, 3], [4, 0, 6, 7]]);
        let p = json!({"block_width": 1, "block_height": 1, "seed": 7, "scramble_ratio": 0.0});
        assert_eq!(run("BlockScramble", p, &numbered_grid(4, 2, 3)), numbered_grid(4, 2, 3));
    }

    #[test]
    fn validate_predicts_padded_sizes() {
        let ctx = Context::new(10, 7, 3);
        for (mode, size) in [("crop", (9, 6)), ("extend", (12, 8)), ("fill", (12, 8))] {
            for name in ["BlockFilter", "BlockShift", "BlockRotate", "BlockScramble"] {
                let mut p = json!({"block_width": 3, "block_height": 2, "padding_mode": mode});
                if name == "BlockRotate" {
                    p["rotation"] = json!(180);
                }
                let out = op(name, p).validate(&ctx).unwrap();
                assert_eq!((out.width, out.height), size, "{name} {mode}");
            }
        }
        let filter = op("BlockFilter", json!({"fill_color": [1, 2, 3, 255]}));
        assert_eq!(filter.validate(&Context::new(8, 8, 3)).unwrap().channels, 3);
        assert_eq!(op("BlockFilter", json!({})).validate(&Context::new(8, 8, 3)).unwrap().channels, 4);
    }

    #[test]
    fn footprints() {
        let ctx = Context::new(10, 7, 3);
        let fp = |name: &str, params: serde_json::Value, rows: Range<u32>| op(name, params).footprint(&ctx, rows);
        let blocks = |mode: &str, extra: serde_json::Value| {
            let mut p = json!({"block_width": 2, "block_height": 3, "padding_mode": mode});
            p.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            p
        };
        // BlockFilter: same rows; padding rows map to the last row (extend) or to none (fill).
        assert_eq!(fp("BlockFilter", blocks("crop", json!({})), 2..4), InputRows::Rows(2..4));
        assert_eq!(fp("BlockFilter", blocks("extend", json!({})), 6..9), InputRows::Rows(6..7));
        assert_eq!(fp("BlockFilter", blocks("extend", json!({})), 7..9), InputRows::Rows(6..7));
        assert_eq!(fp("BlockFilter", blocks("fill", json!({})), 7..9), InputRows::Rows(7..7));
        // BlockRotate: whole block rows.
        assert_eq!(fp("BlockRotate", blocks("crop", json!({"rotation": 180})), 4..5), InputRows::Rows(3..6));
        assert_eq!(fp("BlockRotate", blocks("extend", json!({"rotation": 180})), 5..7), InputRows::Rows(3..7));
        // BlockShift: row-preserving patterns need their rows, the others anything.
        assert_eq!(fp("BlockShift", blocks("crop", json!({})), 1..2), InputRows::Rows(1..2));
        let v = blocks("crop", json!({"shift_pattern": "flip_vertical"}));
        assert_eq!(fp("BlockShift", v, 1..2), InputRows::All);
        assert_eq!(fp("BlockScramble", blocks("crop", json!({"seed": 1})), 1..2), InputRows::All);
    }

    #[test]
    fn output_does_not_depend_on_thread_count() {
        let img = gradient(300, 256, 4);
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        for (name, p) in [
            ("BlockRotate", json!({"block_width": 6, "block_height": 6, "padding_mode": "extend"})),
            ("BlockShift", json!({"block_width": 7, "block_height": 5, "shift_pattern": "scramble", "seed": 4})),
            ("BlockFilter", json!({"block_width": 5, "block_height": 9, "padding_mode": "fill"})),
        ] {
            let many = run(name, p.clone(), &img);
            assert_eq!(one.install(|| run(name, p, &img)), many, "{name}");
        }
    }
}
