//! Row operations: RowShift, RowStretch, RowRemove, RowShuffle (docs/spec.md §3.4–3.7), on
//! the line machinery they share with the column operations ([`super::lines`]). Row kernels
//! move whole rows with
//! `copy_from_slice`/`rotate`, so all of them work directly on 3 or 4 channels: converting
//! to RGBA and back, as the original does, changes no byte.

use super::lines::{
    fill_row, Axis, LineShift, Lines, ShiftParams, Stretch, StretchParams, AT_LEAST_ONE, SELECTION_INDICES, SELECTION_N,
};
use crate::core::params::{params, Kind, ParamSpec};
use crate::core::select::LineSelection;
use crate::core::{generate_whole, Context, Error, Generator, InputRows, OpSpec, Operation, Parsed, Result};
use crate::image::{convert_pixels, Band, BandMut, Image};
use crate::ops::par_bands;
use crate::rng::PyRandom;
use std::ops::Range;

pub const SPECS: &[OpSpec] = &[
    OpSpec {
        name: "RowShift",
        family: "row",
        summary: "Move whole rows horizontally, wrapping around or filling",
        params: ShiftParams::PARAMS,
        version: 1,
        example: r#"{"selection": "odd", "shift_amount": 7}"#,
        build: |p| Ok(Box::new(RowShift(LineShift::build(p, Axis::Rows)?))),
    },
    OpSpec {
        name: "RowStretch",
        family: "row",
        summary: "Stretch the image vertically by repeating rows",
        params: StretchParams::PARAMS,
        version: 1,
        example: r#"{"factor": 2.0}"#,
        build: |p| Ok(Box::new(RowStretch(Stretch::build(p, Axis::Rows)?))),
    },
    OpSpec {
        name: "RowRemove",
        family: "row",
        summary: "Delete the selected rows",
        params: RemoveParams::PARAMS,
        version: 1,
        example: r#"{"selection": "odd"}"#,
        build: build_remove,
    },
    OpSpec {
        name: "RowShuffle",
        family: "row",
        summary: "Shuffle rows within consecutive groups (Python's random.shuffle, bit-exact)",
        params: ShuffleParams::PARAMS,
        version: 1,
        example: r#"{"groups": 16, "seed": 1}"#,
        build: build_shuffle,
    },
];

// ---------------------------------------------------------------------------------------
// Row-map kernels (RowStretch, RowRemove, RowShuffle).

/// Output row `j` is input row `map[j]`.
fn gather_rows(src: &Image, map: &[u32]) -> Result<Image> {
    generate_whole(&RowMap(map), src, (src.width(), map.len() as u32, src.channels()))
}

/// A row map prepared as a generator: output row `y` is input row `map[y]`.
struct RowMap<M>(M);

impl<M: AsRef<[u32]> + Send + Sync> Generator for RowMap<M> {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let map = self.0.as_ref();
        out.par_rows(|y, dst| dst.copy_from_slice(src.row(map[y as usize])));
        Ok(())
    }

    /// From the map built once: a streamed run asks once per band, and the operation
    /// would build the map for each question.
    fn footprint(&self, out_rows: Range<u32>) -> Option<InputRows> {
        Some(map_footprint(self.0.as_ref(), out_rows))
    }
}

/// [`gather_rows`] in the image's own buffer. Without a second buffer when no output row
/// reads from above itself (`map[j] >= j`: removals, shrinking stretches): rows move up in
/// order and the tail is cut off.
fn gather_rows_in_place(img: &mut Image, map: &[u32]) -> Result<()> {
    if !compacts(map) {
        *img = gather_rows(img, map)?;
        return Ok(());
    }
    let (width, channels, stride) = (img.width(), img.channels(), img.stride());
    let mut data = std::mem::replace(img, Image::new(0, 0, channels)).into_raw();
    for (j, &y) in map.iter().enumerate() {
        let y = y as usize;
        if y != j {
            data.copy_within(y * stride..(y + 1) * stride, j * stride);
        }
    }
    data.truncate(map.len() * stride);
    data.shrink_to_fit();
    *img = Image::from_raw(width, map.len() as u32, channels, data).expect("rows of the same width");
    Ok(())
}

/// Whether output row `j` of `map` never comes from above row `j`, so the rows can be
/// gathered top to bottom within the image's own buffer.
fn compacts(map: &[u32]) -> bool {
    map.iter().enumerate().all(|(j, &y)| y as usize >= j)
}

/// Input rows an output band of a row map reads.
fn map_footprint(map: &[u32], out_rows: Range<u32>) -> InputRows {
    let lo = (out_rows.start as usize).min(map.len());
    let hi = (out_rows.end as usize).clamp(lo, map.len());
    let band = &map[lo..hi];
    match (band.iter().min(), band.iter().max()) {
        (Some(&a), Some(&b)) => InputRows::Rows(a..b + 1),
        _ => InputRows::Rows(0..0),
    }
}

// ---------------------------------------------------------------------------------------

/// Moves rows horizontally: each row is one or two slice copies (or a rotation in place).
#[derive(Debug)]
pub struct RowShift(LineShift);

/// Shifts one row of `c`-channel pixels by the normalised shift `s` (see [`LineShift::table`]).
fn shift_row(src: &[u8], dst: &mut [u8], s: i64, wrap: bool, fill: &[u8], c: usize) {
    let n = src.len();
    let k = s.unsigned_abs() as usize * c;
    if s == 0 {
        dst.copy_from_slice(src);
    } else if wrap {
        dst[k..].copy_from_slice(&src[..n - k]);
        dst[..k].copy_from_slice(&src[n - k..]);
    } else if s > 0 {
        dst[..k].copy_from_slice(&fill[..k]);
        dst[k..].copy_from_slice(&src[..n - k]);
    } else {
        dst[..n - k].copy_from_slice(&src[k..]);
        dst[n - k..].copy_from_slice(&fill[n - k..]);
    }
}

/// [`shift_row`] within the row.
fn shift_row_in_place(row: &mut [u8], s: i64, wrap: bool, fill: &[u8], c: usize) {
    let n = row.len();
    let k = s.unsigned_abs() as usize * c;
    if s == 0 {
    } else if wrap {
        row.rotate_right(k);
    } else if s > 0 {
        row.copy_within(..n - k, k);
        row[..k].copy_from_slice(&fill[..k]);
    } else {
        row.copy_within(k.., 0);
        row[n - k..].copy_from_slice(&fill[n - k..]);
    }
}

impl RowShift {
    fn shift_in_place(&self, img: &mut Image, table: &[i64]) {
        let (c, stride) = (img.channels(), img.stride());
        let fill = fill_row(&self.0.fill, c, img.width() as usize);
        let wrap = self.0.wrap;
        par_bands(img.as_bytes_mut(), stride, |y, row| shift_row_in_place(row, table[y], wrap, &fill, c as usize));
    }

    fn prepared(&self, ctx: &Context) -> Result<ShiftRows> {
        let table = self.0.table(ctx.height as usize, ctx.width as usize)?;
        let oc = self.0.out_channels(ctx.channels);
        let fill = fill_row(&self.0.fill, oc, ctx.width as usize);
        Ok(ShiftRows { table, fill, wrap: self.0.wrap, channels: ctx.channels, out_channels: oc })
    }
}

/// [`RowShift`] prepared: each row's shift, and a row of fill.
struct ShiftRows {
    table: Vec<i64>,
    fill: Vec<u8>,
    wrap: bool,
    channels: u8,
    out_channels: u8,
}

impl Generator for ShiftRows {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        let (c, oc, wrap, fill) = (self.channels, self.out_channels, self.wrap, &self.fill[..]);
        out.par_rows(|y, dst| {
            let s = self.table[y as usize];
            if oc == c {
                shift_row(src.row(y), dst, s, wrap, fill, c as usize);
            } else {
                convert_pixels(src.row(y), dst, oc);
                shift_row_in_place(dst, s, wrap, fill, oc as usize);
            }
        });
        Ok(())
    }
}

impl Operation for RowShift {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        self.0.validate(ctx, ctx.height as usize, ctx.width as usize)
    }

    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image> {
        let g = self.prepared(ctx)?;
        generate_whole(&g, src, (src.width(), src.height(), g.out_channels))
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        let table = self.0.table(img.height() as usize, img.width() as usize)?;
        let oc = self.0.out_channels(img.channels());
        if oc != img.channels() {
            let taken = std::mem::replace(img, Image::new(0, 0, oc));
            *img = taken.into_channels(oc);
        }
        self.shift_in_place(img, &table);
        Ok(())
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.0.out_channels(ctx.channels) == ctx.channels
    }

    fn footprint(&self, _ctx: &Context, out_rows: Range<u32>) -> InputRows {
        InputRows::Rows(out_rows)
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(self.prepared(ctx)?)))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let oc = self.0.out_channels(ctx.channels);
        if oc == ctx.channels {
            ctx.width as u64 * oc as u64
        } else {
            ctx.total_pixels() * oc as u64
        }
    }
}

// ---------------------------------------------------------------------------------------

/// Repeats rows: a row map from [`Stretch::map`].
#[derive(Debug)]
pub struct RowStretch(Stretch);

impl Operation for RowStretch {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let rows = self.0.map(ctx.height as usize)?.len() as u32;
        Ok(ctx.with_size(ctx.width, rows))
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        gather_rows(src, &self.0.map(src.height() as usize)?)
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        let map = self.0.map(img.height() as usize)?;
        gather_rows_in_place(img, &map)
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.0.map(ctx.height as usize).is_ok_and(|map| compacts(&map))
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        match self.0.map(ctx.height as usize) {
            Ok(map) => map_footprint(&map, out_rows),
            Err(_) => InputRows::All,
        }
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(RowMap(self.0.map(ctx.height as usize)?))))
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let rows = self.0.map(ctx.height as usize).map(|m| m.len() as u64).unwrap_or(0);
        if rows <= ctx.height as u64 {
            0
        } else {
            rows * ctx.width as u64 * ctx.channels as u64
        }
    }
}

// ---------------------------------------------------------------------------------------

params! {
    struct RemoveParams {
        selection: LineSelection => ParamSpec::new(
            Kind::Choice(&["odd", "even", "prime", "every_n", "custom"]),
            "\"odd\"",
            "rows to delete",
        ),
        n: Option<i64> => SELECTION_N,
        indices: Option<Vec<i64>> => SELECTION_INDICES.doc("row indices of the custom selection (required with it)"),
    }
}

fn build_remove(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: RemoveParams = p.decode()?;
    let lines = Lines { selection: p.selection, n: p.n, indices: p.indices };
    lines.check()?;
    Ok(Box::new(RowRemove { lines }))
}

/// Deletes the selected rows; the kept rows, in order, form a row map.
#[derive(Debug)]
pub struct RowRemove {
    lines: Lines,
}

impl RowRemove {
    /// The rows that stay. Duplicate custom indices remove a row once (the original's
    /// validation counted them twice).
    fn kept(&self, height: usize) -> Result<Vec<u32>> {
        let remove = self.lines.mask(height, Axis::Rows)?;
        let kept: Vec<u32> = (0..height as u32).filter(|&y| !remove[y as usize]).collect();
        if kept.is_empty() {
            return Err(Error::invalid(format!(
                "Cannot remove all rows - at least 1 row must remain (`selection` \"{}\" selects all {height} rows)",
                self.lines.selection.name()
            )));
        }
        Ok(kept)
    }
}

impl Operation for RowRemove {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let kept = self.kept(ctx.height as usize)?.len() as u32;
        let mut out = ctx.with_size(ctx.width, kept);
        if kept == ctx.height {
            out.warn(format!(
                "RowRemove: `selection` \"{}\" picks no row of a {}-row image; nothing removed",
                self.lines.selection.name(),
                ctx.height
            ));
        }
        Ok(out)
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        gather_rows(src, &self.kept(src.height() as usize)?)
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        let kept = self.kept(img.height() as usize)?;
        gather_rows_in_place(img, &kept)
    }

    fn in_place(&self, ctx: &Context) -> bool {
        self.kept(ctx.height as usize).is_ok_and(|kept| compacts(&kept))
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        match self.kept(ctx.height as usize) {
            Ok(kept) => map_footprint(&kept, out_rows),
            Err(_) => InputRows::All,
        }
    }

    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(RowMap(self.kept(ctx.height as usize)?))))
    }

    fn estimate_memory(&self, _ctx: &Context) -> u64 {
        0
    }
}

// ---------------------------------------------------------------------------------------

params! {
    struct ShuffleParams {
        seed: Option<i64> => ParamSpec::new(
            Kind::Seed { numpy: false, used_when: None },
            "null",
            "random seed (drawn and reported when absent)",
        ),
        groups: u64 => ParamSpec::new(
            AT_LEAST_ONE,
            "1",
            "rows per group, at most the height; each group is shuffled on its own, so 1 changes nothing \
             and the height shuffles the whole image",
        ),
    }
}

fn build_shuffle(p: &Parsed) -> Result<Box<dyn Operation>> {
    let p: ShuffleParams = p.decode()?;
    let seed = p.seed.ok_or_else(|| Error::param("seed", "internal: no seed was drawn"))?;
    Ok(Box::new(RowShuffle { seed, groups: p.groups }))
}

/// Shuffles rows within consecutive groups with CPython's `random.shuffle`, one generator
/// continued from group to group, top to bottom.
#[derive(Debug)]
pub struct RowShuffle {
    seed: i64,
    groups: u64,
}

impl RowShuffle {
    /// Output row → input row.
    fn permutation(&self, height: u32) -> Vec<u32> {
        let mut perm: Vec<u32> = (0..height).collect();
        if self.groups > 1 {
            let mut rng = PyRandom::new(self.seed);
            for group in perm.chunks_mut(self.groups as usize) {
                rng.shuffle(group);
            }
        }
        perm
    }
}

/// Applies `perm` (output row → input row, a permutation of the rows of this slice that
/// are numbered from `base`) by following its cycles with one spare row.
fn permute_rows(rows: &mut [u8], perm: &[u32], base: u32, stride: usize) {
    let mut done = vec![false; perm.len()];
    let mut spare = vec![0u8; stride];
    for start in 0..perm.len() {
        if done[start] || (perm[start] - base) as usize == start {
            continue;
        }
        spare.copy_from_slice(&rows[start * stride..(start + 1) * stride]);
        let mut j = start;
        loop {
            done[j] = true;
            let from = (perm[j] - base) as usize;
            if from == start {
                rows[j * stride..(j + 1) * stride].copy_from_slice(&spare);
                break;
            }
            rows.copy_within(from * stride..(from + 1) * stride, j * stride);
            j = from;
        }
    }
}

impl Operation for RowShuffle {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        if self.groups > ctx.height as u64 {
            return Err(Error::invalid(format!(
                "`groups` = {} exceeds the image height {} (allowed: 1 to {})",
                self.groups, ctx.height, ctx.height
            )));
        }
        let mut out = ctx.clone();
        if self.groups == 1 {
            out.warn("RowShuffle: groups = 1 puts every row in its own group, so nothing is shuffled (groups = height shuffles all rows)");
        }
        Ok(out)
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        gather_rows(src, &self.permutation(src.height()))
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        if self.groups <= 1 {
            return Ok(());
        }
        let perm = self.permutation(img.height());
        let stride = img.stride();
        let g = self.groups as usize;
        par_bands(img.as_bytes_mut(), g * stride, |k, rows| {
            let first = k * g;
            permute_rows(rows, &perm[first..first + rows.len() / stride], first as u32, stride)
        });
        Ok(())
    }

    fn in_place(&self, _ctx: &Context) -> bool {
        true
    }

    /// The groups the band touches (the exact rows would need the generator's draws).
    fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(Some(Box::new(RowMap(self.permutation(ctx.height)))))
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        let g = self.groups.max(1);
        let lo = out_rows.start as u64 / g * g;
        let hi = (out_rows.end as u64).div_ceil(g).saturating_mul(g);
        InputRows::window(lo as i64, hi.min(i64::MAX as u64) as i64, ctx.height)
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        ctx.width as u64 * ctx.channels as u64 + ctx.height as u64 * 5
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::numbered_grid;
    use crate::ops::testing::*;
    use serde_json::json;

    /// A streamed run asks for a band's footprint once per band: the row-map operations
    /// answer from the map their preparation built once, with the operation's own answer.
    #[test]
    fn row_maps_answer_footprints_from_their_prepared_map() {
        let ctx = Context::new(9, 40, 3);
        for (name, params) in [
            ("RowStretch", json!({"factor": 2.5})),
            ("RowStretch", json!({"factor": 0.4, "method": "distribute"})),
            ("RowRemove", json!({"selection": "odd"})),
        ] {
            let op = op(name, params);
            let out = op.validate(&ctx).unwrap().height;
            let prepared = crate::core::Prepared::new(&*op, &ctx).unwrap();
            let generator = prepared.generator.as_ref().unwrap();
            for first in 0..out {
                for rows in [first..first + 1, first..(first + 7).min(out)] {
                    assert_eq!(generator.footprint(rows.clone()), Some(op.footprint(&ctx, rows.clone())), "{name}");
                }
            }
        }
    }

    fn g(w: u32, h: u32) -> Image {
        numbered_grid(w, h, 3)
    }

    #[test]
    fn shift_odd_left_wrap_opaque_fill() {
        let out =
            run("RowShift", json!({"selection": "odd", "shift_amount": -1, "fill_color": [0, 0, 0, 255]}), &g(4, 4));
        assert_eq!(out.channels(), 3);
        assert_eq!(red(&out), vec![vec![0, 1, 2, 3], vec![5, 6, 7, 4], vec![8, 9, 10, 11], vec![13, 14, 15, 12]]);
    }

    #[test]
    fn shift_all_no_wrap_fills() {
        let p = json!({"selection": "all", "shift_amount": 2, "wrap": false, "fill_color": [7, 7, 7, 255]});
        let out = run("RowShift", p, &g(4, 4));
        assert_eq!(red(&out), vec![vec![7, 7, 0, 1], vec![7, 7, 4, 5], vec![7, 7, 8, 9], vec![7, 7, 12, 13]]);
        let p = json!({"selection": "even", "shift_amount": -3, "wrap": false, "fill_color": [7, 7, 7, 255]});
        assert_eq!(red(&run("RowShift", p, &g(4, 2))), vec![vec![3, 7, 7, 7], vec![4, 5, 6, 7]]);
        let p = json!({"selection": "all", "shift_amount": -4, "wrap": false, "fill_color": [7, 7, 7, 255]});
        assert_eq!(red(&run("RowShift", p, &g(4, 1))), vec![vec![7, 7, 7, 7]]);
    }

    #[test]
    fn shift_gradient() {
        let out = run("RowShift", json!({"selection": "gradient", "shift_amount": 3}), &g(4, 5));
        assert_eq!(
            red(&out),
            vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![11, 8, 9, 10], vec![14, 15, 12, 13], vec![17, 18, 19, 16]]
        );
        // From 1 down to -2: shifts 1, 0, -1, -2 (left shifts wrap to the equivalent right shift).
        let out = run("RowShift", json!({"selection": "gradient", "shift_amount": -2, "gradient_start": 1}), &g(3, 4));
        assert_eq!(red(&out), vec![vec![2, 0, 1], vec![3, 4, 5], vec![7, 8, 6], vec![11, 9, 10]]);
        // Truncation toward zero: 0, -0.75, -1.5, -2.25 → 0, 0, -1, -2.
        let p = json!({"selection": "gradient", "shift_amount": -3, "wrap": false, "fill_color": [9, 9, 9, 255]});
        let out = run("RowShift", p, &g(3, 5));
        assert_eq!(red(&out)[1..4], [vec![3, 4, 5], vec![7, 8, 9], vec![11, 9, 9]]);
    }

    #[test]
    fn shift_gradient_single_row_uses_start() {
        let p = json!({"selection": "gradient", "shift_amount": 3, "gradient_start": 1, "fill_color": [0, 0, 0, 255]});
        assert_eq!(red(&run("RowShift", p, &g(4, 1))), vec![vec![3, 0, 1, 2]]);
    }

    #[test]
    fn shift_transparent_fill_makes_rgba_even_when_wrapping() {
        let img = g(4, 2);
        let out = run("RowShift", json!({"selection": "all", "shift_amount": 5}), &img);
        assert_eq!(out.channels(), 4);
        assert_eq!(out.row(0), &[3, 3, 3, 255, 0, 0, 0, 255, 1, 1, 1, 255, 2, 2, 2, 255]);
        // No wrap: the transparent fill shows.
        let out = run("RowShift", json!({"selection": "odd", "shift_amount": 1, "wrap": false}), &img);
        assert_eq!(out.row(1), &[0, 0, 0, 0, 4, 4, 4, 255, 5, 5, 5, 255, 6, 6, 6, 255]);
        // RGBA input keeps its alpha and gets the fill's.
        let rgba = numbered_grid(2, 1, 4);
        let out = run(
            "RowShift",
            json!({"selection": "all", "shift_amount": -1, "wrap": false, "fill_color": [1, 2, 3, 4]}),
            &rgba,
        );
        assert_eq!(out.as_bytes(), &[1, 1, 1, 255, 1, 2, 3, 4]);
    }

    #[test]
    fn shift_custom_duplicates_and_far_shifts() {
        let p = json!({"selection": "custom", "indices": [1, 1], "shift_amount": 9, "fill_color": [0, 0, 0, 255]});
        assert_eq!(red(&run("RowShift", p, &g(4, 2))), vec![vec![0, 1, 2, 3], vec![7, 4, 5, 6]]);
        let p = json!({"selection": "every_n", "n": 2, "shift_amount": -9, "fill_color": [0, 0, 0, 255]});
        assert_eq!(red(&run("RowShift", p, &g(4, 3))), vec![vec![1, 2, 3, 0], vec![4, 5, 6, 7], vec![9, 10, 11, 8]]);
    }

    #[test]
    fn shift_parameter_errors() {
        let e = build_err("RowShift", json!({"selection": "invalid_selection"}));
        assert!(e.contains("`selection`") && e.contains("invalid_selection") && e.contains("every_n"), "{e}");
        let e = build_err("RowShift", json!({"selection": "every_n"}));
        assert!(e.contains("`n`") && e.contains("required"), "{e}");
        let e = build_err("RowShift", json!({"selection": "custom"}));
        assert!(e.contains("`indices`") && e.contains("required"), "{e}");
        let e = build_err("RowShift", json!({"selection": "odd", "indices": []}));
        assert!(e.contains("`indices`") && e.contains("empty"), "{e}");
        let e = build_err("RowShift", json!({"n": 0}));
        assert!(e.contains("`n`") && e.contains(">= 1"), "{e}");
        let e = build_err("RowShift", json!({"fill_color": [0, 0, 256, 0]}));
        assert!(e.contains("`fill_color`") && e.contains("256"), "{e}");
    }

    #[test]
    fn shift_custom_out_of_range_fails_validation() {
        let op = op("RowShift", json!({"selection": "custom", "indices": [0, 999], "shift_amount": 1}));
        let e = op.validate(&Context::new(37, 23, 4)).unwrap_err().to_string();
        assert!(
            e.contains("`indices`") && e.contains("Row indices must be in range [0, 23)") && e.contains("999"),
            "{e}"
        );
    }

    #[test]
    fn shift_formula_example() {
        let out = run("RowShift", json!({"selection": "formula", "formula": "y*2-3"}), &g(4, 4));
        assert_eq!(red(&out), vec![vec![3, 0, 1, 2], vec![5, 6, 7, 4], vec![11, 8, 9, 10], vec![13, 14, 15, 12]]);
        // `i` is the old name of `y`; results truncate toward zero (0, -0.5, -1, -1.5 → 0, 0, -1, -1).
        let p = json!({"selection": "formula", "formula": "-i / 2", "wrap": false, "fill_color": [9, 9, 9, 255]});
        assert_eq!(red(&run("RowShift", p, &g(3, 4)))[1..], [vec![3, 4, 5], vec![7, 8, 9], vec![10, 11, 9]]);
        // height, pi and numpy functions; commas (two-argument max) are the pixelpipe superset.
        let p = json!({"selection": "formula", "formula": "max(height - y, 2) + floor(pi) - 3", "fill_color": [0, 0, 0, 255]});
        assert_eq!(red(&run("RowShift", p, &g(4, 3))), vec![vec![1, 2, 3, 0], vec![6, 7, 4, 5], vec![10, 11, 8, 9]]);
    }

    #[test]
    fn shift_formula_errors() {
        let e = build_err("RowShift", json!({"selection": "formula"}));
        assert!(e.contains("`formula`") && e.contains("required"), "{e}");
        let e = build_err("RowShift", json!({"selection": "formula", "formula": "x * 2"}));
        assert!(e.contains("`formula`") && e.contains("'x'"), "{e}");
        let e = build_err("RowShift", json!({"selection": "formula", "formula": "y *"}));
        assert!(e.contains("`formula`") && e.contains("\"y *\""), "{e}");
        let e = build_err("RowShift", json!({"selection": "formula", "formula": "import(y)"}));
        assert!(e.contains("`formula`") && e.contains("import"), "{e}");
        // Evaluation errors name the row, and are found by validation already.
        let divide = op("RowShift", json!({"selection": "formula", "formula": "10 // (y - 2)"}));
        let ctx = Context::new(4, 4, 3);
        let e = divide.validate(&ctx).unwrap_err().to_string();
        assert!(e.contains("Error evaluating formula \"10 // (y - 2)\" at row 2"), "{e}");
        assert!(divide.apply(&g(4, 4), &ctx).unwrap_err().to_string().contains("at row 2"));
        let nan = op("RowShift", json!({"selection": "formula", "formula": "sqrt(y - 2)"}));
        let e = nan.validate(&ctx).unwrap_err().to_string();
        assert!(e.contains("at row 0") && e.contains("NaN"), "{e}");
    }

    #[test]
    fn stretch_examples() {
        for method in ["duplicate", "distribute"] {
            let out = run("RowStretch", json!({"factor": 1.5, "method": method}), &g(4, 4));
            assert_eq!(red(&out).iter().map(|r| r[0] / 4).collect::<Vec<_>>(), vec![0, 0, 1, 2, 2, 3], "{method}");
        }
        // With a selection the context states the real height (6), not trunc(4 × 2) = 8.
        let out = run("RowStretch", json!({"factor": 2, "selection": "odd"}), &g(4, 4));
        assert_eq!(red(&out).iter().map(|r| r[0] / 4).collect::<Vec<_>>(), vec![0, 1, 1, 2, 3, 3]);
        let out = run("RowStretch", json!({"factor": 0.5}), &g(1, 5));
        assert_eq!(red(&out), vec![vec![0], vec![2]]);
        // Distribute ignores the selection; a selection with factor < 1 drops the selected rows.
        let out = run("RowStretch", json!({"factor": 0.5, "selection": "custom", "indices": [0, 0, 2]}), &g(1, 4));
        assert_eq!(red(&out), vec![vec![1], vec![3]]);
        let out = run("RowStretch", json!({"factor": 3, "selection": "custom", "indices": [2, 2]}), &g(1, 3));
        assert_eq!(red(&out), vec![vec![0], vec![1], vec![2], vec![2], vec![2]]);
        let out = run("RowStretch", json!({"factor": 2.5, "method": "distribute", "selection": "odd"}), &g(1, 2));
        assert_eq!(red(&out), vec![vec![0], vec![0], vec![0], vec![1], vec![1]]);
    }

    #[test]
    fn stretch_to_nothing_fails_validation() {
        let tiny = op("RowStretch", json!({"factor": 0.1}));
        let e = tiny.validate(&Context::new(4, 4, 3)).unwrap_err().to_string();
        assert!(e.contains("`factor`") && e.contains("0.1") && e.contains("no row"), "{e}");
        // Every row selected and repeated trunc(0.5) = 0 times.
        let dropped = op("RowStretch", json!({"factor": 0.5, "selection": "every_n", "n": 1}));
        assert!(dropped.validate(&Context::new(4, 2, 3)).is_err());
    }

    #[test]
    fn remove_examples() {
        let out = run("RowRemove", json!({"selection": "every_n", "n": 3}), &g(1, 7));
        assert_eq!(red(&out), vec![vec![1], vec![2], vec![4], vec![5]]);
        let out = run("RowRemove", json!({}), &g(2, 5));
        assert_eq!(red(&out), vec![vec![0, 1], vec![4, 5], vec![8, 9]]);
        // Duplicate indices remove the row once and the context says so.
        let out = run("RowRemove", json!({"selection": "custom", "indices": [3, 0, 3]}), &g(1, 4));
        assert_eq!(red(&out), vec![vec![1], vec![2]]);
        let rgba = numbered_grid(1, 3, 4);
        assert_eq!(run("RowRemove", json!({"selection": "even"}), &rgba).as_bytes(), &[1, 1, 1, 255]);
    }

    #[test]
    fn remove_prime_on_tiny_image_removes_nothing_with_warning() {
        let op = op("RowRemove", json!({"selection": "prime"}));
        let ctx = Context::new(3, 2, 3);
        let out_ctx = op.validate(&ctx).unwrap();
        assert_eq!(out_ctx.height, 2);
        assert!(out_ctx.warnings.iter().any(|w| w.contains("nothing removed")), "{:?}", out_ctx.warnings);
        assert_eq!(run("RowRemove", json!({"selection": "prime"}), &g(3, 2)), g(3, 2));
    }

    #[test]
    fn remove_all_rows_fails_validation() {
        let op = op("RowRemove", json!({"selection": "every_n", "n": 1}));
        let e = op.validate(&Context::new(37, 23, 4)).unwrap_err().to_string();
        assert!(e.contains("Cannot remove all rows") && e.contains("`selection`"), "{e}");
        let e = build_err("RowRemove", json!({"selection": "all"}));
        assert!(e.contains("`selection`"), "{e}");
    }

    fn rows_order(img: &Image) -> Vec<u8> {
        red(img).iter().map(|r| r[0]).collect()
    }

    #[test]
    fn shuffle_examples_from_spec() {
        let out = run("RowShuffle", json!({"seed": 42, "groups": 8}), &g(1, 8));
        assert_eq!(rows_order(&out), vec![3, 4, 6, 7, 2, 5, 0, 1]);
        let out = run("RowShuffle", json!({"seed": 1, "groups": 4}), &g(1, 8));
        assert_eq!(rows_order(&out), vec![3, 0, 2, 1, 7, 5, 4, 6]);
        // A short last group is shuffled too, continuing the generator.
        let out = run("RowShuffle", json!({"seed": 1, "groups": 4}), &g(1, 10));
        assert_eq!(rows_order(&out)[..8], [3, 0, 2, 1, 7, 5, 4, 6]);
        let mut tail = rows_order(&out)[8..].to_vec();
        tail.sort();
        assert_eq!(tail, vec![8, 9]);
    }

    #[test]
    fn shuffle_groups_one_is_identity_with_warning() {
        let op = op("RowShuffle", json!({"seed": 3}));
        let ctx = op.validate(&Context::new(2, 5, 3)).unwrap();
        assert!(ctx.warnings.iter().any(|w| w.contains("nothing is shuffled")), "{:?}", ctx.warnings);
        assert_eq!(run("RowShuffle", json!({"seed": 3}), &g(2, 5)), g(2, 5));
    }

    #[test]
    fn shuffle_groups_larger_than_height_fails_validation() {
        let op = op("RowShuffle", json!({"seed": 3, "groups": 6}));
        let e = op.validate(&Context::new(2, 5, 3)).unwrap_err().to_string();
        assert!(e.contains("`groups`") && e.contains('6') && e.contains("height 5"), "{e}");
    }

    #[test]
    fn footprints() {
        let ctx = Context::new(10, 10, 3);
        assert_eq!(op("RowShift", json!({})).footprint(&ctx, 2..5), InputRows::Rows(2..5));
        // factor 2 over 10 rows: output rows 3..7 come from input rows 1..=3.
        assert_eq!(op("RowStretch", json!({})).footprint(&ctx, 3..7), InputRows::Rows(1..4));
        assert_eq!(op("RowStretch", json!({"factor": 0.5})).footprint(&ctx, 1..3), InputRows::Rows(2..5));
        // Removing odd rows: output rows 1..3 are input rows 2 and 4.
        assert_eq!(op("RowRemove", json!({})).footprint(&ctx, 1..3), InputRows::Rows(2..5));
        assert_eq!(op("RowShuffle", json!({"seed": 1, "groups": 4})).footprint(&ctx, 5..6), InputRows::Rows(4..8));
        assert_eq!(op("RowShuffle", json!({"seed": 1, "groups": 4})).footprint(&ctx, 7..10), InputRows::Rows(4..10));
    }

    #[test]
    fn large_images_use_the_same_kernels() {
        // Big enough for several rayon tasks: results must match a row-by-row reference.
        let img = crate::image::synth::noise(300, 700, 4, 9);
        let out = run("RowShift", json!({"selection": "prime", "shift_amount": 7, "wrap": false}), &img);
        for y in 0..700u32 {
            let s = if crate::core::select::prime_table(700)[y as usize] { 7 } else { 0 };
            let row = img.row(y);
            let got = out.row(y);
            assert_eq!(&got[s * 4..], &row[..row.len() - s * 4], "row {y}");
        }
        let out = run("RowShuffle", json!({"seed": 5, "groups": 3}), &img);
        let perm = RowShuffle { seed: 5, groups: 3 }.permutation(700);
        for (j, &y) in perm.iter().enumerate() {
            assert_eq!(out.row(j as u32), img.row(y));
        }
    }
}
