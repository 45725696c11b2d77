//! PixelSort (docs/spec.md §3.3): pixels sorted along rows, columns or the main diagonal by a
//! key, as the original's stable sort orders them.

use crate::core::params::{choice, params, Bound, Kind, ParamSpec};
use crate::core::{Context, Generator, InputRows, Operation, Result};
use crate::image::{Band, BandMut, Image};
use crate::ops::bands_per_task;
use rayon::prelude::*;
use std::ops::Range;

choice! {
    enum Direction { Horizontal = "horizontal", Vertical = "vertical", Diagonal = "diagonal" }
}

choice! {
    enum SortKey {
        Brightness = "brightness",
        Hue = "hue",
        Saturation = "saturation",
        Red = "red",
        Green = "green",
        Blue = "blue",
    }
}

params! {
    pub(super) struct SortParams {
        direction: Direction => ParamSpec::new(
            Direction::KIND,
            "\"horizontal\"",
            "sort each row, each column, or only the main diagonal",
        ),
        sort_by: SortKey => ParamSpec::new(
            SortKey::KIND,
            "\"brightness\"",
            "sort key; hue and saturation range 0..1, the others 0..255",
        ),
        threshold: Option<f64> => ParamSpec::new(
            Kind::Float { min: Bound::Incl(0.0), max: Bound::Incl(255.0) },
            "null",
            "only pixels whose key >= threshold are sorted, among their own positions (not on the diagonal)",
        ),
        reverse: bool => ParamSpec::new(Kind::Bool, "false", "descending order (the ascending order reversed)"),
    }
}

/// Sorts whole pixels (alpha moves with its pixel) along lines by a key. Equal keys keep
/// their order (stable ascending sort); `reverse` reverses that order (docs/spec.md §7, 18).
#[derive(Debug)]
pub struct PixelSort {
    direction: Direction,
    key: SortKey,
    threshold: Option<f64>,
    reverse: bool,
}

/// Per-task buffers for sorting one line.
struct SortScratch<const C: usize> {
    /// Positions taking part, ascending.
    slots: Vec<u32>,
    /// The same positions in sorted order.
    order: Vec<u32>,
    /// The line before sorting.
    line: Vec<[u8; C]>,
    /// [`PixelSort::order`]'s buffers.
    sort: OrderScratch,
}

/// Buffers of [`PixelSort::order`]: (integer key, position) twice, and (f64 key bits,
/// position) for comparison sorts.
#[derive(Default)]
struct OrderScratch {
    a: Vec<(u32, u32)>,
    b: Vec<(u32, u32)>,
    keyed: Vec<(u64, u32)>,
}

impl<const C: usize> SortScratch<C> {
    fn new() -> Self {
        SortScratch { slots: Vec::new(), order: Vec::new(), line: Vec::new(), sort: OrderScratch::default() }
    }
}

impl PixelSort {
    pub(super) fn new(p: SortParams) -> PixelSort {
        PixelSort { direction: p.direction, key: p.sort_by, threshold: p.threshold, reverse: p.reverse }
    }

    /// The original's sort key (float64 arithmetic, in its order of operations).
    fn key(&self, p: &[u8]) -> f64 {
        let (r, g, b) = (p[0] as f64, p[1] as f64, p[2] as f64);
        match self.key {
            SortKey::Brightness => 0.299 * r + 0.587 * g + 0.114 * b,
            SortKey::Red => r,
            SortKey::Green => g,
            SortKey::Blue => b,
            SortKey::Hue | SortKey::Saturation => {
                let (r, g, b) = (r / 255.0, g / 255.0, b / 255.0);
                let mx = r.max(g).max(b);
                let mn = r.min(g).min(b);
                let d = mx - mn;
                if self.key == SortKey::Saturation {
                    return if mx != 0.0 { d / mx } else { 0.0 };
                }
                if d == 0.0 {
                    return 0.0;
                }
                // Later matches overwrite earlier ones: blue beats green beats red on ties.
                let h = if mx == b {
                    4.0 + (r - g) / d
                } else if mx == g {
                    2.0 + (b - r) / d
                } else {
                    py_mod((g - b) / d, 6.0)
                };
                h / 6.0
            }
        }
    }

    /// Sorts one line in place. `threshold`: only pixels with key >= it take part, and they
    /// are written back into their own positions.
    fn sort_line<const C: usize>(&self, line: &mut [[u8; C]], threshold: Option<f64>, s: &mut SortScratch<C>) {
        s.slots.clear();
        match threshold {
            Some(t) => s.slots.extend((0..line.len() as u32).filter(|&j| self.key(&line[j as usize]) >= t)),
            None => s.slots.extend(0..line.len() as u32),
        }
        if s.slots.is_empty() {
            return;
        }
        self.order(&s.slots, line, &mut s.sort, &mut s.order);
        s.line.clear();
        s.line.extend_from_slice(line);
        let order = s.order.iter().map(|&j| j as usize);
        let mut put = |slot: &u32, src: usize| line[*slot as usize] = s.line[src];
        if self.reverse {
            s.slots.iter().zip(order.rev()).for_each(|(slot, src)| put(slot, src));
        } else {
            s.slots.iter().zip(order).for_each(|(slot, src)| put(slot, src));
        }
    }

    /// The positions `slots` (ascending) of `line` in (key, position) order into `order`:
    /// ascending keys, equal keys in line order (a stable sort). Faster than a comparison
    /// sort where the key allows:
    /// - `red`/`green`/`blue` keys are the integers 0..255: one stable counting pass;
    /// - `brightness` is `0.299R + 0.587G + 0.114B` in f64, within 1e-12 of `S / 1000` for
    ///   the integer `S = 299R + 587G + 114B`, and distinct `S` are 1e-3 apart: a stable radix
    ///   sort by `S` gives the order, and only runs of equal `S` (usually the same colour)
    ///   are sorted again by their f64 keys, the only ones computed;
    /// - `hue`/`saturation`, or fewer than 64 positions: a comparison sort of the f64 keys.
    fn order<const C: usize>(&self, slots: &[u32], line: &[[u8; C]], r: &mut OrderScratch, order: &mut Vec<u32>) {
        // Keys are >= +0.0, so their bit patterns order like the values (`+ 0.0` folds a
        // -0.0 into +0.0); the position breaks ties.
        let keyed = |j: u32| ((self.key(&line[j as usize]) + 0.0).to_bits(), j);
        order.clear();
        if matches!(self.key, SortKey::Hue | SortKey::Saturation) || slots.len() < 64 {
            r.keyed.clear();
            r.keyed.extend(slots.iter().map(|&j| keyed(j)));
            r.keyed.sort_unstable();
            order.extend(r.keyed.iter().map(|&(_, j)| j));
            return;
        }
        let integer = |p: &[u8; C]| -> u32 {
            match self.key {
                SortKey::Red => p[0] as u32,
                SortKey::Green => p[1] as u32,
                SortKey::Blue => p[2] as u32,
                SortKey::Brightness => 299 * p[0] as u32 + 587 * p[1] as u32 + 114 * p[2] as u32,
                SortKey::Hue | SortKey::Saturation => unreachable!("sorted by comparison above"),
            }
        };
        let OrderScratch { a, b, keyed: run } = r;
        a.clear();
        a.extend(slots.iter().map(|&j| (integer(&line[j as usize]), j)));
        // Least significant digit first, 9 bits a pass: two passes cover brightness's 18 bits
        // (S < 255000), one pass a channel value. Both digits are counted in one read.
        let passes = if self.key == SortKey::Brightness { 2 } else { 1 };
        let mut counts = [[0u32; 513]; 2];
        for &(k, _) in a.iter() {
            counts[0][(k & 511) as usize + 1] += 1;
            counts[1][((k >> 9) & 511) as usize + 1] += 1;
        }
        // Every slot of `b` is written by each pass: no need to clear it.
        b.resize(a.len(), (0, 0));
        for (pass, count) in counts.iter_mut().enumerate().take(passes) {
            for d in 1..513 {
                count[d] += count[d - 1];
            }
            let shift = 9 * pass;
            for &item in a.iter() {
                let d = ((item.0 >> shift) & 511) as usize;
                b[count[d] as usize] = item;
                count[d] += 1;
            }
            std::mem::swap(a, b);
        }
        if self.key == SortKey::Brightness {
            // Equal S of different colours may still differ in the last bits of the f64 key.
            let mut start = 0;
            for end in 1..=a.len() {
                if end < a.len() && a[end].0 == a[start].0 {
                    continue;
                }
                // A run of one colour is already in line order (the radix sort is stable).
                let first = line[a[start].1 as usize];
                if end - start > 1 && a[start + 1..end].iter().any(|&(_, j)| line[j as usize] != first) {
                    run.clear();
                    run.extend(a[start..end].iter().map(|&(_, j)| keyed(j)));
                    run.sort_unstable();
                    for (item, &(_, j)) in a[start..end].iter_mut().zip(run.iter()) {
                        item.1 = j;
                    }
                }
                start = end;
            }
        }
        order.extend(a.iter().map(|&(_, j)| j));
    }

    fn sort<const C: usize>(&self, img: &mut Image) {
        let (w, h) = (img.width() as usize, img.height() as usize);
        match self.direction {
            Direction::Horizontal => self.sort_rows::<C>(BandMut::whole(img)),
            Direction::Vertical => {
                // Columns become rows of a transposed copy, are sorted like rows, and go back.
                let mut cols = transpose::<C>(img.as_bytes(), w, h);
                cols.par_chunks_mut(h)
                    .with_min_len(bands_per_task(h * C))
                    .for_each_init(SortScratch::<C>::new, |s, col| self.sort_line(col, self.threshold, s));
                untranspose::<C>(&cols, img.as_bytes_mut(), w, h);
            }
            Direction::Diagonal => {
                let n = w.min(h);
                let px = img.as_bytes_mut().as_chunks_mut::<C>().0;
                let mut diag: Vec<[u8; C]> = (0..n).map(|k| px[k * w + k]).collect();
                self.sort_line(&mut diag, None, &mut SortScratch::new());
                for (k, p) in diag.into_iter().enumerate() {
                    px[k * w + k] = p;
                }
            }
        }
    }

    fn sort_in_place(&self, img: &mut Image) {
        crate::image::with_channels!(img.channels(), |C| self.sort::<C>(img))
    }

    /// Sorts each row of `rows` (horizontal sorting).
    fn sort_rows<const C: usize>(&self, rows: BandMut<'_>) {
        let _ = rows.try_par_rows(SortScratch::<C>::new, |s, _, row| {
            self.sort_line(row.as_chunks_mut::<C>().0, self.threshold, s);
            Ok(())
        });
    }
}

/// Horizontal [`PixelSort`] as a generator: rows are sorted one by one.
struct SortedRows<'a>(&'a PixelSort);

impl Generator for SortedRows<'_> {
    fn generate(&self, src: Band<'_>, mut out: BandMut<'_>) -> Result<()> {
        out.copy_rows(src);
        crate::image::with_channels!(out.channels(), |C| self.0.sort_rows::<C>(out));
        Ok(())
    }
}

/// Python's float `%` (numpy `remainder`): the result takes the divisor's sign.
fn py_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m == 0.0 {
        0.0f64.copysign(b)
    } else if (m < 0.0) != (b < 0.0) {
        m + b
    } else {
        m
    }
}

/// Columns per transposition block: one block reads whole cache lines of each row.
const TRANSPOSE_BLOCK: usize = 16;

/// Column-major copy of a `w × h` image: pixel (x, y) lands at `x*h + y`.
fn transpose<const C: usize>(src: &[u8], w: usize, h: usize) -> Vec<[u8; C]> {
    let px = src.as_chunks::<C>().0;
    let mut cols = vec![[0u8; C]; w * h];
    cols.par_chunks_mut(h * TRANSPOSE_BLOCK).enumerate().for_each(|(b, block)| {
        let x0 = b * TRANSPOSE_BLOCK;
        let bw = block.len() / h;
        for y in 0..h {
            let row = &px[y * w + x0..y * w + x0 + bw];
            for (dx, p) in row.iter().enumerate() {
                block[dx * h + y] = *p;
            }
        }
    });
    cols
}

/// Inverse of [`transpose`], writing into the image bytes.
fn untranspose<const C: usize>(cols: &[[u8; C]], dst: &mut [u8], w: usize, h: usize) {
    let px = dst.as_chunks_mut::<C>().0;
    px.par_chunks_mut(w * TRANSPOSE_BLOCK).enumerate().for_each(|(b, band)| {
        let y0 = b * TRANSPOSE_BLOCK;
        let bh = band.len() / w;
        for x in 0..w {
            let col = &cols[x * h + y0..x * h + y0 + bh];
            for (dy, p) in col.iter().enumerate() {
                band[dy * w + x] = *p;
            }
        }
    });
}

impl Operation for PixelSort {
    fn validate(&self, ctx: &Context) -> Result<Context> {
        let mut out = ctx.clone();
        match (self.threshold, self.direction) {
            (Some(t), Direction::Diagonal) => {
                out.warn(format!("PixelSort: threshold {t} is not applied to the diagonal; all of it is sorted"))
            }
            (Some(t), _) if t > 1.0 && matches!(self.key, SortKey::Hue | SortKey::Saturation) => {
                out.warn(format!(
                    "PixelSort: threshold {t} selects nothing for sort_by {:?} (its keys range 0..1); the image is unchanged",
                    self.key
                ))
            }
            _ => {}
        }
        Ok(out)
    }

    fn apply(&self, src: &Image, _ctx: &Context) -> Result<Image> {
        let mut out = src.clone();
        self.sort_in_place(&mut out);
        Ok(out)
    }

    fn apply_in_place(&self, img: &mut Image, _ctx: &Context) -> Result<()> {
        self.sort_in_place(img);
        Ok(())
    }

    fn in_place(&self, _ctx: &Context) -> bool {
        true
    }

    /// Rows sort independently; columns and the diagonal need the whole image.
    fn prepare(&self, _ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok((self.direction == Direction::Horizontal).then(|| Box::new(SortedRows(self)) as Box<dyn Generator>))
    }

    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows {
        match self.direction {
            Direction::Horizontal => InputRows::Rows(out_rows),
            Direction::Vertical => InputRows::All,
            Direction::Diagonal => {
                // Rows on the diagonal need every diagonal row; the others only themselves.
                let n = ctx.width.min(ctx.height);
                if out_rows.start < n {
                    InputRows::Rows(0..out_rows.end.max(n))
                } else {
                    InputRows::Rows(out_rows)
                }
            }
        }
    }

    fn estimate_memory(&self, ctx: &Context) -> u64 {
        let image = ctx.memory_estimate();
        match self.direction {
            // The transposed copy of the columns.
            Direction::Vertical => 2 * image,
            _ => image,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth::numbered_grid;
    use crate::ops::testing::*;
    use serde_json::json;

    #[test]
    fn integer_key_sorts_give_the_comparison_sort_order() {
        // Colours with equal S = 299R + 587G + 114B but different f64 keys, and plenty of ties.
        let mut equal_s = Vec::new();
        for r in 0..=255i64 {
            for g in 0..=255i64 {
                let rest = 299 * 200 + 587 * 100 + 114 * 50 - (299 * r + 587 * g);
                if rest >= 0 && rest % 114 == 0 && rest / 114 <= 255 {
                    equal_s.push([r as u8, g as u8, (rest / 114) as u8, 255]);
                }
            }
        }
        assert!(equal_s.len() > 3, "{equal_s:?}");
        let noise = crate::image::synth::noise(500, 6, 4, 3);
        let lines: Vec<Vec<[u8; 4]>> = noise
            .rows()
            .enumerate()
            .map(|(y, row)| {
                let px = row.as_chunks::<4>().0;
                match y {
                    0 => px.to_vec(),
                    1 => px.iter().map(|p| [p[0] / 64 * 64, p[1] / 64 * 64, p[2] / 64 * 64, 255]).collect(),
                    _ => px.iter().map(|p| equal_s[p[0] as usize % equal_s.len()]).collect(),
                }
            })
            .collect();
        for key in [SortKey::Brightness, SortKey::Red, SortKey::Green, SortKey::Blue, SortKey::Hue] {
            let ps = PixelSort { direction: Direction::Horizontal, key, threshold: None, reverse: false };
            for line in &lines {
                let mut keyed: Vec<(u64, u32)> =
                    line.iter().enumerate().map(|(j, p)| ((ps.key(p) + 0.0).to_bits(), j as u32)).collect();
                keyed.sort_unstable();
                let want: Vec<u32> = keyed.iter().map(|&(_, j)| j).collect();
                // All positions, and every third one (a threshold's subset).
                let mut order = Vec::new();
                let all: Vec<u32> = (0..line.len() as u32).collect();
                ps.order(&all, line, &mut OrderScratch::default(), &mut order);
                assert!(order == want, "{key:?}");
                let some: Vec<u32> = (0..line.len() as u32).step_by(3).collect();
                ps.order(&some, line, &mut OrderScratch::default(), &mut order);
                assert!(order == want.iter().copied().filter(|j| j % 3 == 0).collect::<Vec<_>>(), "{key:?}");
            }
        }
    }

    // ----- PixelSort ---------------------------------------------------------------------

    #[test]
    fn sort_spec_vectors() {
        let row = rgb_row(&[[10, 200, 0], [250, 0, 0], [0, 0, 255], [100, 100, 100], [30, 30, 30]]);
        assert_eq!(plane(&run("PixelSort", json!({}), &row), 0), "0 30 250 100 10");
        assert_eq!(plane(&run("PixelSort", json!({"reverse": true}), &row), 0), "10 100 250 30 0");
        assert_eq!(plane(&run("PixelSort", json!({"threshold": 50}), &row), 0), "250 100 0 10 30");
        assert_eq!(plane(&run("PixelSort", json!({"sort_by": "hue"}), &row), 0), "250 100 30 10 0");
        let out = run("PixelSort", json!({"direction": "diagonal", "reverse": true}), &numbered_grid(3, 3, 3));
        assert_eq!(plane(&out, 0), "8 1 2 | 3 4 5 | 6 7 0");
        let out = run(
            "PixelSort",
            json!({"direction": "vertical", "sort_by": "red", "reverse": true}),
            &numbered_grid(2, 3, 3),
        );
        assert_eq!(plane(&out, 0), "4 5 | 2 3 | 0 1");
    }

    #[test]
    fn sort_keys() {
        let s = |k: &str| {
            PixelSort::new(SortParams {
                direction: Direction::Horizontal,
                sort_by: serde_json::from_value(json!(k)).unwrap(),
                threshold: None,
                reverse: false,
            })
        };
        assert_eq!(s("brightness").key(&[10, 200, 0]), 0.299 * 10.0 + 0.587 * 200.0 + 0.114 * 0.0);
        assert_eq!(s("green").key(&[1, 2, 3]), 2.0);
        assert_eq!(s("saturation").key(&[255, 0, 0]), 1.0);
        assert_eq!(s("saturation").key(&[0, 0, 0]), 0.0);
        assert_eq!(s("hue").key(&[7, 7, 7]), 0.0);
        // Red maximum: ((g - b)/d) mod 6 — negative values wrap to just under 1.
        let h = s("hue").key(&[255, 0, 51]);
        assert_eq!(h, py_mod((0.0 - 51.0 / 255.0) / (255.0 / 255.0), 6.0) / 6.0);
        assert!(h > 0.9 && h < 1.0);
        // Ties of the maximum: blue beats green beats red.
        assert_eq!(s("hue").key(&[255, 255, 0]), (2.0 + (0.0 - 1.0) / 1.0) / 6.0);
        assert_eq!(s("hue").key(&[0, 255, 255]), (4.0 + (0.0 - 1.0) / 1.0) / 6.0);
        assert_eq!(s("hue").key(&[255, 0, 255]), (4.0 + 1.0) / 6.0);
        assert_eq!(py_mod(-0.5, 6.0), 5.5);
        assert_eq!(py_mod(0.0, 6.0).to_bits(), 0.0f64.to_bits());
    }

    #[test]
    fn sort_threshold_subset_and_ties() {
        // Keys red: 5 1 9 1 3, threshold 2 picks positions 0, 2, 4 (keys 5 9 3).
        let row = rgb_row(&[[5, 0, 0], [1, 0, 0], [9, 0, 0], [1, 1, 1], [3, 0, 0]]);
        let out = run("PixelSort", json!({"sort_by": "red", "threshold": 2}), &row);
        assert_eq!(plane(&out, 0), "3 1 5 1 9");
        let out = run("PixelSort", json!({"sort_by": "red", "threshold": 2, "reverse": true}), &row);
        assert_eq!(plane(&out, 0), "9 1 5 1 3");
        // Nothing selected: unchanged, with a warning for 0..1 keys.
        let out = run("PixelSort", json!({"sort_by": "hue", "threshold": 2}), &row);
        assert_eq!(out, row);
        let warnings = |p| op("PixelSort", p).validate(&Context::new(5, 1, 3)).unwrap().warnings;
        assert!(warnings(json!({"sort_by": "hue", "threshold": 2}))[0].contains("selects nothing"));
        assert!(warnings(json!({"sort_by": "hue", "threshold": 0.5})).is_empty());
        assert!(warnings(json!({"direction": "diagonal", "threshold": 9}))[0].contains("not applied to the diagonal"));
        // Ties keep line order ascending (green tells the tied pixels apart); reverse flips it.
        let out = run("PixelSort", json!({"sort_by": "red"}), &row);
        assert_eq!(plane(&out, 1), "0 1 0 0 0");
        assert_eq!(plane(&out, 0), "1 1 3 5 9");
        let out = run("PixelSort", json!({"sort_by": "red", "reverse": true}), &row);
        assert_eq!(plane(&out, 0), "9 5 3 1 1");
        assert_eq!(plane(&out, 1), "0 0 0 1 0");
    }

    /// Reference: each column gathered, stably sorted by key, reversed if asked.
    fn naive_vertical(s: &PixelSort, img: &Image) -> Image {
        let mut out = img.clone();
        for x in 0..img.width() {
            let mut col: Vec<Vec<u8>> = (0..img.height()).map(|y| img.pixel(x, y).to_vec()).collect();
            col.sort_by(|a, b| s.key(a).partial_cmp(&s.key(b)).unwrap());
            if s.reverse {
                col.reverse();
            }
            for (y, p) in col.iter().enumerate() {
                out.pixel_mut(x, y as u32).copy_from_slice(p);
            }
        }
        out
    }

    #[test]
    fn sort_vertical_matches_reference_and_thread_count() {
        for (c, reverse) in [(3u8, false), (4, true)] {
            let img = noise(37, 23, c, c as u64);
            let params = json!({"direction": "vertical", "reverse": reverse});
            let out = run("PixelSort", params.clone(), &img);
            let s = PixelSort::new(
                serde_json::from_value(
                    json!({"direction": "vertical", "sort_by": "brightness", "threshold": null, "reverse": reverse}),
                )
                .unwrap(),
            );
            assert_eq!(out, naive_vertical(&s, &img));
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
            let single = pool.install(|| run("PixelSort", params, &img));
            assert_eq!(single, out);
        }
    }

    #[test]
    fn sort_footprints() {
        let ctx = Context::new(10, 6, 3);
        let f = |d: &str, rows| op("PixelSort", json!({"direction": d})).footprint(&ctx, rows);
        assert_eq!(f("horizontal", 2..4), InputRows::Rows(2..4));
        assert_eq!(f("vertical", 2..4), InputRows::All);
        assert_eq!(f("diagonal", 2..4), InputRows::Rows(0..6));
        let tall = Context::new(3, 10, 3);
        assert_eq!(op("PixelSort", json!({"direction": "diagonal"})).footprint(&tall, 5..8), InputRows::Rows(5..8));
    }

    #[test]
    fn sort_parameter_errors() {
        let e = build_err("PixelSort", json!({"threshold": 256}));
        assert!(e.contains("`threshold`") && e.contains("256"), "{e}");
        let e = build_err("PixelSort", json!({"sort_by": "luma"}));
        assert!(e.contains("`sort_by`") && e.contains("luma"), "{e}");
    }
}
