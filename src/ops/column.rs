//! Column operations: ColumnShift, ColumnStretch, ColumnMirror, ColumnWeave (docs/spec.md §3.8–3.11).
//!
//! Column operations are row-local except ColumnShift: each output row gathers its pixels
//! from one input row through a source-column table built once per call, stored as runs of
//! consecutive columns so untouched stretches copy as one slice. ColumnShift gathers each
//! run of equally shifted columns from the input row its shift points at. Like the row
//! operations they work directly on 3 or 4 channels (pure copies: the original's RGBA round
//! trip changes no byte), except where the fill colour makes the output RGBA.

use super::lines::{fill_row, Axis, LineShift, ShiftParams, Stretch, StretchParams};
use super::par_bands;
use crate::core::params::{choice, params, redocumented, Bound, Kind, ParamSpec};
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::{convert_pixels, Band, BandMut, Image};
use std::ops::Range;

const COLUMN_SHIFT_PARAMS: [ParamSpec; ShiftParams::PARAMS.len()] = redocumented(
    ShiftParams::PARAMS,
    &[
        (
            "selection",
            "columns to shift; gradient: shifts go linearly from gradient_start (first column) to shift_amount \
             (last column); formula: each column's shift is the formula's value",
        ),
        ("shift_amount", "pixels to shift the selected columns; positive = down, negative = up"),
        (
            "formula",
            "formula selection: shift of column x (truncated); variables x (j is a deprecated alias), width; pi, e; \
             abs min max round int float pow sin cos tan sqrt floor ceil log exp",
        ),
    ],
);
const COLUMN_STRETCH_PARAMS: [ParamSpec; StretchParams::PARAMS.len()] = redocumented(
    StretchParams::PARAMS,
    &[
        (
            "factor",
            "stretch multiplier; the new width is trunc(width × factor) (with a selection: the sum of the repeats)",
        ),
        ("selection", "columns to repeat (duplicate method); all: resample the whole width"),
    ],
);

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "ColumnShift",
        family: "column",
        summary: "Move whole columns vertically, wrapping around or filling",
        params: &COLUMN_SHIFT_PARAMS,
        version: 1,
        example: r#"{"selection": "odd", "shift_amount": 7}"#,
        build: |p| Ok(Box::new(ColumnShift(LineShift::build(p, Axis::Columns)?))),
    },
    OpSpec {
        name: "ColumnStretch",
        family: "column",
        summary: "Stretch the image horizontally by repeating columns",
        params: &COLUMN_STRETCH_PARAMS,
        version: 1,
        example: r#"{"factor": 2.0}"#,
        build: |p| Ok(Box::new(ColumnStretch(Stretch::build(p, Axis::Columns)?))),
    },
    OpSpec {
        name: "ColumnMirror",
        family: "column",
        summary: "Reflect columns around a pivot, or copy each even column over the next",
        params: MirrorParams::PARAMS,
        version: 1,
        example: r#"{"mode": "full"}"#,
        build: build_mirror,
    },
    OpSpec {
        name: "ColumnWeave",
        family: "column",
        summary: "Rearrange columns by a fixed weave pattern",
        params: WeaveParams::PARAMS,
        version: 1,
        example: r#"{"weave_type": "alternating"}"#,
        build: build_weave,
    },
];

// ---------------------------------------------------------------------------------------
// Column gathers (ColumnStretch, ColumnMirror, ColumnWeave).

/// Output column `x` copies input column `src[x]`: as runs `(first source column, length)`
/// of consecutive source columns when they are long (untouched stretches copy as one
/// slice), else as the source column of every output column (mirrors, weaves and
/// stretches move single columns, and a run costs twice the bytes of a column index).
struct ColumnMap {
    gather: Gather,
    width: u32,
}

enum Gather {
    Runs(Vec<(u32, u32)>),
    Columns(Vec<u32>),
}

/// Runs at least this long on average are copied as runs.
const LONG_RUNS: usize = 4;

impl ColumnMap {
    fn new(src: &[u32]) -> ColumnMap {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for &s in src {
            match runs.last_mut() {
                Some((start, len)) if *start + *len == s => *len += 1,
                _ => runs.push((s, 1)),
            }
        }
        let gather =
            if runs.len() * LONG_RUNS <= src.len() { Gather::Runs(runs) } else { Gather::Columns(src.to_vec()) };
        ColumnMap { gather, width: src.len() as u32 }
    }

    /// One output row from one input row; `C` channels.
    fn gather_row<const C: usize>(&self, src: &[u8], dst: &mut [u8]) {
        match &self.gather {
            Gather::Runs(runs) => {
                let mut d = 0;
                for &(s, n) in runs {
                    let (s, n) = (s as usize * C, n as usize * C);
                    dst[d..d + n].copy_from_slice(&src[s..s + n]);
                    d += n;
                }
            }
            Gather::Columns(columns) => {
                let src = src.as_chunks::<C>().0;
                for (d, &s) in dst.as_chunks_mut::<C>().0.iter_mut().zip(columns) {
                    *d = src[s as usize];
                }
            }
        }
    }

    fn gather(&self, src: &[u8], dst: &mut [u8], channels: u8) {
        crate::image::with_channels!(channels, |C| self.gather_row::<C>(src, dst))
    }

    fn apply(&self, src: &Image) -> Result<Image> {
        generate_whole(self, src, (self.width, src.height(), src.channels()))
    }

    /// Same-width maps only: each row is gathered from a copy of itself (a spare row per
    /// row being worked on instead of a second image).
    fn apply_in_place(&self, img: &mut Image) {
        debug_assert_eq!(self.width, img.width());
        let (c, stride) = (img.channels(), img.stride());
        par_bands(img.as_bytes_mut(), stride, |_, row| {
            let spare = row.to_vec();
            self.gather(&spare, row, c);
        });
    }
}

impl Generator for ColumnMap {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let c = out.channels();
        out.par_rows(|y, dst| self.gather(src.row(y), dst, c));
        Ok(())
    }
}

/// Spare rows the in-place gathers hold at once.
fn in_place_spare_bytes(ctx: &Context) -> u64 {
    ctx.width as u64 * ctx.channels as u64 * rayon::current_num_threads() as u64
}

// ---------------------------------------------------------------------------------------

/// Moves columns vertically.
#[derive(Debug)]
pub struct ColumnShift(LineShift);

/// A run of neighbouring columns with the same shift.
struct ShiftRun {
    /// First column.
    x: usize,
    /// Number of columns.
    len: usize,
    /// Normalised shift from [`LineShift::table`].
    shift: i64,
}

fn shift_runs(table: &[i64]) -> Vec<ShiftRun> {
    let mut runs: Vec<ShiftRun> = Vec::new();
    for (x, &shift) in table.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.shift == shift => r.len += 1,
            _ => runs.push(ShiftRun { x, len: 1, shift }),
        }
    }
    runs
}

impl ColumnShift {
    /// The table with wrapped shifts re-expressed as the shorter way round (`(H/2, H)` →
    /// negative, i.e. up): the in-place kernel then saves at most half the image.
    fn centred_table(&self, width: u32, height: u32) -> Result<Vec<i64>> {
        let h = height as i64;
        let mut table = self.0.table(width as usize, height as usize)?;
        if self.0.wrap {
            for s in &mut table {
                if *s > h / 2 {
                    *s -= h;
                }
            }
        }
        Ok(table)
    }

    /// Shifts columns within the image. Down runs copy rows bottom-up and up runs top-down,
    /// so every source row is read before it is overwritten; the rows that wrap around are
    /// saved first and re-enter in the vacated rows (or those get the fill).
    fn shift_in_place(&self, img: &mut Image) -> Result<()> {
        let (w, h, c) = (img.width(), img.height() as usize, img.channels() as usize);
        let stride = img.stride();
        let runs = shift_runs(&self.centred_table(w, h as u32)?);
        // (first byte, end byte, rows moved) of the runs moving down and up.
        let span = |r: &ShiftRun| (r.x * c, (r.x + r.len) * c, r.shift.unsigned_abs() as usize);
        let down: Vec<_> = runs.iter().filter(|r| r.shift > 0).map(span).collect();
        let up: Vec<_> = runs.iter().filter(|r| r.shift < 0).map(span).collect();
        let data = img.as_bytes_mut();
        let mut saved: Vec<u8> = Vec::new();
        if self.0.wrap {
            let leaving =
                down.iter().map(|&(a, b, s)| (a, b, h - s..h)).chain(up.iter().map(|&(a, b, s)| (a, b, 0..s)));
            for (a, b, rows) in leaving {
                for y in rows {
                    saved.extend_from_slice(&data[y * stride + a..y * stride + b]);
                }
            }
        }
        for y in (1..h).rev() {
            let (above, here) = data.split_at_mut(y * stride);
            for &(a, b, s) in down.iter().filter(|d| d.2 <= y) {
                let from = (y - s) * stride;
                here[a..b].copy_from_slice(&above[from + a..from + b]);
            }
        }
        for y in 0..h {
            let (upto, below) = data.split_at_mut((y + 1) * stride);
            for &(a, b, s) in up.iter().filter(|u| y + u.2 < h) {
                let from = (s - 1) * stride;
                upto[y * stride + a..y * stride + b].copy_from_slice(&below[from + a..from + b]);
            }
        }
        let fill = fill_row(&self.0.fill, c as u8, w as usize);
        let vacated = down.iter().map(|&(a, b, s)| (a, b, 0..s)).chain(up.iter().map(|&(a, b, s)| (a, b, h - s..h)));
        let mut saved = saved.as_slice();
        for (a, b, rows) in vacated {
            for y in rows {
                let seg = if self.0.wrap {
                    let (seg, rest) = saved.split_at(b - a);
                    saved = rest;
                    seg
                } else {
                    &fill[a..b]
                };
                data[y * stride + a..y * stride + b].copy_from_slice(seg);
            }
        }
        Ok(())
    }
}

impl ColumnShift {
    fn prepared(&self, ctx: &Context) -> Result<ShiftColumns> {
        let oc = self.0.out_channels(ctx.channels);
        let table = self.0.table(ctx.width as usize, ctx.height as usize)?;
        let fill = fill_row(&self.0.fill, oc, ctx.width as usize);
        Ok(ShiftColumns::new(&table, fill, self.0.wrap, ctx.height, ctx.channels, oc))
    }
}

/// [`ColumnShift`] prepared: the shift most columns have, the runs of the other columns,
/// and a row of fill. An output row is its source row for the common shift, whole (one copy
/// or conversion), with the other runs written over it.
struct ShiftColumns {
    common: i64,
    /// The other shifts, each with its runs of columns (first column, number of columns).
    others: Vec<(i64, Vec<(usize, usize)>)>,
    /// With one other shift and no conversion (the usual case: a selection shifted by an
    /// amount), 0xFF over the bytes of its columns: an output row is then a byte-wise blend
    /// of its two source rows, one vector pass instead of a row copy and a copy per column.
    mask: Option<Vec<u8>>,
    fill: Vec<u8>,
    wrap: bool,
    height: i64,
    channels: u8,
    out_channels: u8,
}

impl ShiftColumns {
    fn new(table: &[i64], fill: Vec<u8>, wrap: bool, height: u32, channels: u8, out_channels: u8) -> ShiftColumns {
        let mut counts = std::collections::HashMap::new();
        for &s in table {
            *counts.entry(s).or_insert(0usize) += 1;
        }
        let common = counts.into_iter().max_by_key(|&(s, n)| (n, std::cmp::Reverse(s))).map_or(0, |(s, _)| s);
        let mut others: Vec<(i64, Vec<(usize, usize)>)> = Vec::new();
        for r in shift_runs(table).into_iter().filter(|r| r.shift != common) {
            match others.iter_mut().find(|(s, _)| *s == r.shift) {
                Some((_, runs)) => runs.push((r.x, r.len)),
                None => others.push((r.shift, vec![(r.x, r.len)])),
            }
        }
        let oc = out_channels as usize;
        let mask = (others.len() == 1 && channels == out_channels).then(|| {
            let mut mask = vec![0u8; table.len() * oc];
            for &(x, len) in &others[0].1 {
                mask[x * oc..(x + len) * oc].fill(0xFF);
            }
            mask
        });
        ShiftColumns { common, others, mask, fill, wrap, height: height as i64, channels, out_channels }
    }
}

impl Generator for ShiftColumns {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let (h, c, oc) = (self.height, self.channels as usize, self.out_channels as usize);
        let source = |y: u32, shift: i64| {
            let y = y as i64;
            let from = if self.wrap { (y - shift).rem_euclid(h) } else { y - shift };
            (0..h).contains(&from).then(|| src.row(from as u32))
        };
        if let (Some(mask), [(shift, _)]) = (&self.mask, &self.others[..]) {
            out.par_rows(|y, dst| {
                let a = source(y, self.common).unwrap_or(&self.fill);
                let b = source(y, *shift).unwrap_or(&self.fill);
                for (((d, a), b), m) in dst.iter_mut().zip(a).zip(b).zip(mask) {
                    *d = (a & !m) | (b & m);
                }
            });
            return Ok(());
        }
        out.par_rows(|y, dst| {
            match source(y, self.common) {
                Some(row) if oc == c => dst.copy_from_slice(row),
                Some(row) => convert_pixels(row, dst, oc as u8),
                None => dst.copy_from_slice(&self.fill),
            }
            for (shift, runs) in &self.others {
                let row = source(y, *shift);
                for &(x, len) in runs {
                    let (a, b) = (x * oc, (x + len) * oc);
                    match row {
                        Some(row) if oc == c => dst[a..b].copy_from_slice(&row[a..b]),
                        // One RGB pixel to RGBA (alternate columns: the common case).
                        Some(row) if len == 1 && oc == 4 => {
                            let p = &row[x * 3..x * 3 + 3];
                            dst[a..b].copy_from_slice(&[p[0], p[1], p[2], 255]);
                        }
                        Some(row) => convert_pixels(&row[x * c..(x + len) * c], &mut dst[a..b], oc as u8),
                        None => dst[a..b].copy_from_slice(&self.fill[a..b]),
                    }
                }
            }
        });
        Ok(())
    }
}

impl Operation for ColumnShift {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        self.0.validate(ctx, ctx.width as usize, ctx.height as usize)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        let g = self.prepared(ctx)?;
        generate_whole(&g, src, (src.width(), src.height(), g.out_channels))
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        let oc = self.0.out_channels(img.channels());
        if oc != img.channels() {
            let taken = std::mem::replace(img, Image::new(0, 0, oc));
            *img = taken.into_channels(oc);
        }
        self.shift_in_place(img)
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.0.out_channels(ctx.channels) == ctx.channels
    }

    /// A window of the largest shifts either way; a wrapping band whose window leaves the
    /// image needs rows from the other end, so then any row.
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let Ok(table) = self.centred_table(ctx.width, ctx.height) else {
            return InputRows::All;
        };
        let h = ctx.height as i64;
        // Columns shifted by the whole height (no wrap) are pure fill and read nothing.
        let reads = table.iter().filter(|s| s.abs() < h);
        let down = reads.clone().copied().max().unwrap_or(0).max(0);
        let up = reads.map(|s| -s).max().unwrap_or(0).max(0);
        let (lo, hi) = (out_rows.start as i64 - down, out_rows.end as i64 + up);
        if self.0.wrap && (lo < 0 || hi > h) {
            InputRows::All
        } else {
            InputRows::window(lo, hi, ctx.height)
        }
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx)?)))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let oc = self.0.out_channels(ctx.channels);
        let converted = if oc != ctx.channels { ctx.total_pixels() * oc as u64 } else { 0 };
        let saved = match (self.0.wrap, self.centred_table(ctx.width, ctx.height)) {
            (false, _) => 0,
            (true, Ok(table)) => table.iter().map(|s| s.unsigned_abs()).sum::<u64>() * oc as u64,
            (true, Err(_)) => ctx.total_pixels() * oc as u64 / 2,
        };
        converted + saved + ctx.width as u64 * oc as u64
    }
}

// ---------------------------------------------------------------------------------------

/// Repeats columns: a column gather from [`Stretch::map`].
#[derive(Debug)]
pub struct ColumnStretch(Stretch);

impl Operation for ColumnStretch {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let width = self.0.map(ctx.width as usize)?.len() as u32;
        Ok(ctx.with_size(width, ctx.height))
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        ColumnMap::new(&self.0.map(src.width() as usize)?).apply(src)
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        InputRows::Rows(out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(ColumnMap::new(&self.0.map(ctx.width as usize)?))))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let width = self.0.map(ctx.width as usize).map(|m| m.len() as u64).unwrap_or(0);
        width * ctx.height as u64 * ctx.channels as u64
    }
}

// ---------------------------------------------------------------------------------------

choice! {
    enum MirrorMode { Full = "full", Alternating = "alternating" }
}

params! {
    struct MirrorParams {
        mode: MirrorMode => ParamSpec::new(
            MirrorMode::KIND,
            "\"full\"",
            "full: column x takes column 2·pivot − x when that exists (else stays); \
             alternating: each odd column takes the column before it",
        ),
        pivot: Option<i64> => ParamSpec::new(
            Kind::Int { min: Bound::None, max: Bound::None },
            "null",
            "full mode: column to mirror around, 0 to width − 1 (default width // 2)",
        ),
    }
}

fn build_mirror(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: MirrorParams = p.decode()?;
    Ok(Box::new(ColumnMirror { mode: p.mode, pivot: p.pivot }))
}

/// Reflects columns; a column whose mirror falls outside the image keeps its pixels.
#[derive(Debug)]
pub struct ColumnMirror {
    mode: MirrorMode,
    pivot: Option<i64>,
}

impl ColumnMirror {
    fn map(&self, width: u32) -> ColumnMap {
        let w = width as i64;
        let src: Vec<u32> = match self.mode {
            MirrorMode::Full => {
                let p = self.pivot.unwrap_or(w / 2);
                (0..w).map(|x| if (0..w).contains(&(2 * p - x)) { 2 * p - x } else { x } as u32).collect()
            }
            MirrorMode::Alternating => (0..width).map(|x| x - x % 2).collect(),
        };
        ColumnMap::new(&src)
    }
}

impl ColumnPermutation for ColumnMirror {
    fn check(&self, ctx: &Context) -> Result<()> {
        if let Some(p) = self.pivot.filter(|&p| p < 0 || p >= ctx.width as i64) {
            return Err(Error::invalid(format!("`pivot` = {p} must be within [0, {}) (the image width)", ctx.width)));
        }
        Ok(())
    }

    fn column_map(&self, width: u32) -> ColumnMap {
        self.map(width)
    }
}

/// An operation that only reorders columns (every output column is an input column): the
/// same shape, row-local, done in place through a [`ColumnMap`].
trait ColumnPermutation: Send + Sync + std::fmt::Debug {
    /// Rejects parameters that do not fit the image.
    fn check(&self, ctx: &Context) -> Result<()>;
    /// Where each output column comes from.
    fn column_map(&self, width: u32) -> ColumnMap;
}

impl<P: ColumnPermutation> Operation for P {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        self.check(ctx)?;
        Ok(ctx.clone())
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        self.column_map(src.width()).apply(src)
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        self.column_map(img.width()).apply_in_place(img);
        Ok(())
    }

    fn in_place(&self, _ctx: &Context) -> bool {
        true
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        InputRows::Rows(out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.column_map(ctx.width))))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        in_place_spare_bytes(ctx)
    }
}

// ---------------------------------------------------------------------------------------

choice! {
    enum WeaveType {
        Alternating = "alternating",
        EveryNth = "every_nth",
        Reverse = "reverse",
        Interleave = "interleave",
    }
}

params! {
    struct WeaveParams {
        weave_type: WeaveType => ParamSpec::new(
            WeaveType::KIND,
            "\"alternating\"",
            "alternating: even columns from the left half, odd from the right; every_nth: column x takes \
             x·skip_amount mod width; reverse: reverse each of reverse_sections sections; interleave: \
             alternate blocks of interleave_width columns from both halves",
        ),
        skip_amount: u64 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(1.0), max: Bound::None },
            "2",
            "every_nth: step between source columns",
        ),
        reverse_sections: u64 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(2.0), max: Bound::None },
            "2",
            "reverse: number of sections, at most the width",
        ),
        interleave_width: u64 => ParamSpec::new(
            Kind::Int { min: Bound::Incl(1.0), max: Bound::None },
            "1",
            "interleave: columns per block",
        ),
    }
}

fn build_weave(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: WeaveParams = p.decode()?;
    Ok(Box::new(ColumnWeave {
        weave: p.weave_type,
        skip: p.skip_amount,
        sections: p.reverse_sections,
        block: p.interleave_width,
    }))
}

/// Rearranges columns by a fixed pattern. As in the original, `alternating` on odd widths
/// and `every_nth` with a step sharing a factor with the width repeat some columns and drop
/// others.
#[derive(Debug)]
pub struct ColumnWeave {
    weave: WeaveType,
    skip: u64,
    sections: u64,
    block: u64,
}

impl ColumnWeave {
    /// Source column of each output column.
    fn sources(&self, width: u32) -> Vec<u32> {
        let w = width as u64;
        let src = |x: u64| -> u64 {
            match self.weave {
                WeaveType::Alternating => {
                    if x.is_multiple_of(2) {
                        x / 2
                    } else {
                        w / 2 + x / 2
                    }
                }
                WeaveType::EveryNth => (x as u128 * self.skip as u128 % w as u128) as u64,
                WeaveType::Reverse => {
                    // validate keeps sections <= width, so sections hold at least one column.
                    let s = (w / self.sections).max(1);
                    ((x / s) * s + (s - 1 - x % s)).min(w - 1)
                }
                WeaveType::Interleave => {
                    let iw = self.block;
                    let half = w.div_ceil(iw) / 2;
                    let b = x / iw;
                    let sb = if b.is_multiple_of(2) { b / 2 } else { half + b / 2 };
                    (sb.saturating_mul(iw).saturating_add(x % iw)).min(w - 1)
                }
            }
        };
        (0..w).map(|x| (src(x) % w) as u32).collect()
    }
}

impl ColumnPermutation for ColumnWeave {
    fn check(&self, ctx: &Context) -> Result<()> {
        if self.weave == WeaveType::Reverse && self.sections > ctx.width as u64 {
            return Err(Error::invalid(format!(
                "`reverse_sections` = {} exceeds the image width {} (allowed: 2 to the width)",
                self.sections, ctx.width
            )));
        }
        Ok(())
    }

    fn column_map(&self, width: u32) -> ColumnMap {
        ColumnMap::new(&self.sources(width))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::{noise, numbered_grid};
    use crate::ops::testing::*;
    use serde_json::json;

    fn g(w: u32, h: u32) -> Image {
        numbered_grid(w, h, 3)
    }

    fn first_row(img: &Image) -> Vec<u8> {
        red(img).remove(0)
    }

    #[test]
    fn shift_odd_wrap_example() {
        let out = run("ColumnShift", json!({"selection": "odd", "shift_amount": 1}), &g(4, 4));
        assert_eq!(out.channels(), 4, "transparent default fill makes RGB input RGBA");
        assert_eq!(red(&out), vec![vec![0, 13, 2, 15], vec![4, 1, 6, 3], vec![8, 5, 10, 7], vec![12, 9, 14, 11]]);
        assert!(out.as_bytes().chunks(4).all(|p| p[3] == 255));
    }

    #[test]
    fn shift_no_wrap_fills() {
        let p = json!({"selection": "custom", "indices": [0, 2], "shift_amount": -2, "wrap": false, "fill_color": [9, 9, 9, 255]});
        let out = run("ColumnShift", p, &g(3, 3));
        assert_eq!(out.channels(), 3);
        assert_eq!(red(&out), vec![vec![6, 1, 8], vec![9, 4, 9], vec![9, 7, 9]]);
        // Shifting by the height or more leaves only fill (spec T9).
        let p = json!({"selection": "all", "shift_amount": 50, "wrap": false});
        let out = run("ColumnShift", p, &numbered_grid(20, 15, 4));
        assert!(out.as_bytes().iter().all(|&v| v == 0));
    }

    /// The original's column shift, pixel by pixel, for raw (unreduced) shifts.
    fn reference_shift(img: &Image, shifts: &[i64], wrap: bool, fill: &[u8]) -> Image {
        let (w, h, c) = (img.width(), img.height() as i64, img.channels() as usize);
        let mut out = img.clone();
        for x in 0..w {
            let s = shifts[x as usize];
            for y in 0..h {
                let from = if wrap { (y - s.rem_euclid(h)).rem_euclid(h) } else { y - s };
                let px: Vec<u8> =
                    if (0..h).contains(&from) { img.pixel(x, from as u32).to_vec() } else { fill[..c].to_vec() };
                out.pixel_mut(x, y as u32).copy_from_slice(&px);
            }
        }
        out
    }

    #[test]
    fn shift_gradients_match_the_reference_both_ways() {
        // Shifts from -20 to 25 over 13 columns: up, down, beyond the height, both parities.
        for (h, wrap) in [(9, true), (9, false), (8, true), (8, false), (1, true), (1, false)] {
            let img = noise(13, h, 4, 7);
            let p = json!({"selection": "gradient", "gradient_start": -20, "shift_amount": 25, "wrap": wrap, "fill_color": [1, 2, 3, 4]});
            let shifts: Vec<i64> = (0..13).map(|x| (-20.0 + 45.0 * x as f64 / 12.0f64).trunc() as i64).collect();
            let want = reference_shift(&img, &shifts, wrap, &[1, 2, 3, 4]);
            assert_eq!(run("ColumnShift", p, &img), want, "h={h} wrap={wrap}");
        }
    }

    #[test]
    fn shift_gradient_single_column_uses_start() {
        let p = json!({"selection": "gradient", "gradient_start": 1, "shift_amount": 5, "fill_color": [0, 0, 0, 255]});
        assert_eq!(red(&run("ColumnShift", p, &g(1, 3))), vec![vec![2], vec![0], vec![1]]);
    }

    #[test]
    fn shift_large_image_matches_the_reference() {
        let img = noise(257, 301, 3, 3);
        for (sel, amount, wrap) in [("odd", 7, true), ("prime", -150, true), ("even", -9, false), ("all", 200, true)] {
            let p = json!({"selection": sel, "shift_amount": amount, "wrap": wrap, "fill_color": [5, 6, 7, 255]});
            let chosen = crate::core::select::select_lines(
                match sel {
                    "odd" => crate::core::select::LineSelection::Odd,
                    "even" => crate::core::select::LineSelection::Even,
                    "prime" => crate::core::select::LineSelection::Prime,
                    _ => crate::core::select::LineSelection::All,
                },
                257,
                None,
                None,
                "Column",
            )
            .unwrap();
            let mut shifts = vec![0i64; 257];
            for x in chosen {
                shifts[x] = amount;
            }
            assert_eq!(run("ColumnShift", p, &img), reference_shift(&img, &shifts, wrap, &[5, 6, 7, 255]), "{sel}");
        }
    }

    #[test]
    fn shift_formula() {
        let p = json!({"selection": "formula", "formula": "x % 3 - 1", "wrap": false, "fill_color": [9, 9, 9, 255]});
        let out = run("ColumnShift", p, &g(4, 3));
        assert_eq!(red(&out), vec![vec![4, 1, 9, 7], vec![8, 5, 2, 11], vec![9, 9, 6, 9]]);
        // `j` still works (the parser notes that it is deprecated); `width` is the column count.
        let c = configure(
            "ColumnShift",
            json!({"selection": "formula", "formula": "j * width"}).as_object().unwrap(),
            true,
        );
        let c = c.unwrap();
        assert!(c.params.notes.iter().any(|n| n.contains("deprecated")), "{:?}", c.params.notes);
        let img = g(3, 2);
        assert_eq!(red(&c.op.apply(&img, &Context::new(3, 2, 3)).unwrap()), vec![vec![0, 4, 2], vec![3, 1, 5]]);
        let e = configure("ColumnShift", json!({"selection": "formula", "formula": "y"}).as_object().unwrap(), true);
        assert!(e.unwrap_err().to_string().contains("'y'"));
        let op = op("ColumnShift", json!({"selection": "formula", "formula": "1 // (x - 1)"}));
        let e = op.validate(&Context::new(3, 2, 3)).unwrap_err().to_string();
        assert!(e.contains("at column 1"), "{e}");
    }

    #[test]
    fn shift_custom_out_of_range_fails_validation() {
        let op = op("ColumnShift", json!({"selection": "custom", "indices": [3, 37], "shift_amount": 1}));
        let e = op.validate(&Context::new(37, 23, 4)).unwrap_err().to_string();
        assert!(e.contains("`indices`") && e.contains("Column indices must be in range [0, 37)"), "{e}");
    }

    #[test]
    fn shift_footprints() {
        let ctx = Context::new(4, 100, 3);
        let fp = |p: serde_json::Value, rows: Range<u32>| op("ColumnShift", p).footprint(&ctx, rows);
        assert_eq!(fp(json!({"shift_amount": 3, "wrap": false}), 10..20), InputRows::Rows(7..20));
        assert_eq!(fp(json!({"shift_amount": -3, "wrap": false}), 10..20), InputRows::Rows(10..23));
        assert_eq!(fp(json!({"shift_amount": 3}), 10..20), InputRows::Rows(7..20));
        // A wrapped shift of 97 is 3 up.
        assert_eq!(fp(json!({"shift_amount": 97}), 10..20), InputRows::Rows(10..23));
        assert_eq!(fp(json!({"shift_amount": 3}), 0..20), InputRows::All);
        assert_eq!(fp(json!({"shift_amount": 3, "wrap": false}), 0..20), InputRows::Rows(0..20));
        // Shifted out entirely: those columns read nothing.
        assert_eq!(fp(json!({"shift_amount": 500, "wrap": false}), 10..20), InputRows::Rows(10..20));
        assert_eq!(
            fp(json!({"selection": "gradient", "gradient_start": -2, "shift_amount": 4, "wrap": false}), 10..20),
            InputRows::Rows(6..22)
        );
    }

    #[test]
    fn stretch_examples() {
        let row = g(4, 1);
        assert_eq!(first_row(&run("ColumnStretch", json!({}), &row)), vec![0, 0, 1, 1, 2, 2, 3, 3]);
        assert_eq!(first_row(&run("ColumnStretch", json!({"factor": 0.5}), &row)), vec![0, 2]);
        assert_eq!(
            first_row(&run("ColumnStretch", json!({"factor": 1.5, "method": "distribute"}), &row)),
            vec![0, 0, 1, 2, 2, 3]
        );
        // With a selection the context states the real width: 4 + 2·2 = 8 columns, not trunc(4·3) = 12.
        let out = run("ColumnStretch", json!({"factor": 3, "selection": "even"}), &row);
        assert_eq!(first_row(&out), vec![0, 0, 0, 1, 2, 2, 2, 3]);
        let out = run("ColumnStretch", json!({"factor": 2, "selection": "odd"}), &numbered_grid(3, 2, 4));
        assert_eq!(red(&out), vec![vec![0, 1, 1, 2], vec![3, 4, 4, 5]]);
        let e = op("ColumnStretch", json!({"factor": 0.2})).validate(&Context::new(4, 2, 3)).unwrap_err().to_string();
        assert!(e.contains("`factor`") && e.contains("no column"), "{e}");
    }

    #[test]
    fn mirror_examples() {
        let row = g(5, 1);
        assert_eq!(first_row(&run("ColumnMirror", json!({}), &row)), vec![4, 3, 2, 1, 0]);
        assert_eq!(first_row(&run("ColumnMirror", json!({"pivot": 1}), &row)), vec![2, 1, 0, 3, 4]);
        assert_eq!(first_row(&run("ColumnMirror", json!({"mode": "alternating"}), &row)), vec![0, 0, 2, 2, 4]);
        // Even width: column 0's mirror would be column 4, so it keeps its pixels.
        assert_eq!(first_row(&run("ColumnMirror", json!({}), &g(4, 2))), vec![0, 3, 2, 1]);
        let e = op("ColumnMirror", json!({"pivot": 5})).validate(&Context::new(5, 1, 3)).unwrap_err().to_string();
        assert!(e.contains("`pivot`") && e.contains('5') && e.contains("[0, 5)"), "{e}");
        assert!(op("ColumnMirror", json!({"pivot": -1})).validate(&Context::new(5, 1, 3)).is_err());
    }

    #[test]
    fn weave_patterns_from_spec() {
        let params = |t: &str| json!({"weave_type": t, "skip_amount": 3, "reverse_sections": 3, "interleave_width": 2});
        let cases: [(&str, [u8; 8], [u8; 7]); 4] = [
            ("alternating", [0, 4, 1, 5, 2, 6, 3, 7], [0, 3, 1, 4, 2, 5, 3]),
            ("every_nth", [0, 3, 6, 1, 4, 7, 2, 5], [0, 3, 6, 2, 5, 1, 4]),
            ("reverse", [1, 0, 3, 2, 5, 4, 7, 6], [1, 0, 3, 2, 5, 4, 6]),
            ("interleave", [0, 1, 4, 5, 2, 3, 6, 7], [0, 1, 4, 5, 2, 3, 6]),
        ];
        for (t, w8, w7) in cases {
            assert_eq!(first_row(&run("ColumnWeave", params(t), &g(8, 2))), w8.to_vec(), "{t} W=8");
            assert_eq!(first_row(&run("ColumnWeave", params(t), &numbered_grid(7, 3, 4))), w7.to_vec(), "{t} W=7");
        }
        // Defaults: alternating; every_nth with skip 2 on width 4 repeats columns.
        assert_eq!(first_row(&run("ColumnWeave", json!({"weave_type": "every_nth"}), &g(4, 1))), vec![0, 2, 0, 2]);
        assert_eq!(
            first_row(&run("ColumnWeave", json!({"weave_type": "interleave", "interleave_width": 9}), &g(4, 1))),
            vec![0, 1, 2, 3]
        );
    }

    #[test]
    fn weave_reverse_needs_enough_columns() {
        let e =
            op("ColumnWeave", json!({"weave_type": "reverse", "reverse_sections": 6})).validate(&Context::new(5, 2, 3));
        let e = e.unwrap_err().to_string();
        assert!(e.contains("`reverse_sections`") && e.contains('6') && e.contains("width 5"), "{e}");
        let e = configure("ColumnWeave", json!({"reverse_sections": 1}).as_object().unwrap(), true).unwrap_err();
        assert!(e.to_string().contains("`reverse_sections`"), "{e}");
    }

    #[test]
    fn row_local_footprints() {
        let ctx = Context::new(10, 10, 3);
        for name in ["ColumnStretch", "ColumnMirror", "ColumnWeave"] {
            assert_eq!(op(name, json!({})).footprint(&ctx, 2..5), InputRows::Rows(2..5), "{name}");
        }
    }

    #[test]
    fn gathers_on_large_images() {
        let img = noise(1000, 97, 4, 1);
        let out = run("ColumnMirror", json!({}), &img);
        for y in [0u32, 50, 96] {
            for x in 0..1000u32 {
                let m = 1000 - x;
                let from = if m < 1000 { m } else { x };
                assert_eq!(out.pixel(x, y), img.pixel(from, y));
            }
        }
        let out = run("ColumnStretch", json!({"factor": 1.7, "method": "distribute"}), &img);
        assert_eq!(out.width(), 1700);
        for x in 0..1700u32 {
            assert_eq!(out.pixel(x, 42), img.pixel(x * 1000 / 1700, 42));
        }
    }
}
