//! Gaussian blur as Pillow's `BoxBlur.c`: extended box passes per axis.

use crate::image::{with_channels, Image};
use rayon::prelude::*;

/// `_gaussian_blur_radius` in `BoxBlur.c` (all in `f32`, `sqrt`/`floor` in `f64`).
fn gaussian_blur_radius(radius: f32, passes: i32) -> f32 {
    let sigma2 = radius * radius / passes as f32;
    let big_l = (12.0 * sigma2 as f64 + 1.0).sqrt() as f32;
    let l = ((big_l as f64 - 1.0) / 2.0).floor() as f32;
    let mut a = (2.0 * l + 1.0) * (l * (l + 1.0) - 3.0 * sigma2);
    a /= 6.0 * (sigma2 - (l + 1.0) * (l + 1.0));
    l + a
}

/// Per-axis parameters of `ImagingHorizontalBoxBlur`.
#[derive(Clone, Copy)]
struct BoxParams {
    radius: usize,
    ww: u32,
    fw: u32,
}

impl BoxParams {
    fn new(float_radius: f32) -> BoxParams {
        let radius = float_radius as i32;
        // `(UINT32)(1 << 24) / (floatRadius * 2 + 1)`: a float division, truncated.
        let ww = ((1u32 << 24) as f32 / (float_radius * 2.0 + 1.0)) as u32;
        let fw = (1u32 << 24).wrapping_sub((radius.wrapping_mul(2).wrapping_add(1) as u32).wrapping_mul(ww)) / 2;
        BoxParams { radius: radius as usize, ww, fw }
    }
}

/// One pass of `ImagingLineBoxBlur32`/`8` along a line of `n` items, each `len` independent
/// bytes (`len` = channels for a row of pixels; `len` = a band of row bytes for the vertical
/// direction, where the "items" are rows). Beyond the ends the first/last item repeats; the
/// window sum runs in wrapping `u32` and each output is `(acc·ww + (far_l + far_r)·fw + 2^23)
/// >> 24`, exactly as the C does. `acc` is scratch of at least `len`.
#[inline(always)]
fn box_pass(out: &mut [u8], inp: &[u8], len: usize, p: BoxParams, acc: &mut [u32]) {
    let n = inp.len().checked_div(len).unwrap_or(0);
    if n == 0 {
        return;
    }
    let acc = &mut acc[..len];
    let lastx = n - 1;
    let radius = p.radius;
    let edge_a = (radius + 1).min(n);
    let edge_b = n.saturating_sub(radius + 1);
    let (ww, fw) = (p.ww, p.fw);
    let item = |i: usize| &inp[i * len..i * len + len];

    // Window sum for the virtual pixel -1: "radius + 1" copies of the first item, items
    // 0..edgeA-1, and the last item for whatever of the window lies past the end.
    let (first, last) = (item(0), item(lastx));
    let (k0, k1) = ((radius as u32).wrapping_add(1), (radius + 1 - edge_a) as u32);
    for j in 0..len {
        acc[j] = (first[j] as u32).wrapping_mul(k0).wrapping_add((last[j] as u32).wrapping_mul(k1));
    }
    for x in 0..edge_a.saturating_sub(1) {
        for (a, &v) in acc.iter_mut().zip(item(x)) {
            *a = a.wrapping_add(v as u32);
        }
    }

    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn step_at(out: &mut [u8], inp: &[u8], len: usize, acc: &mut [u32], ww: u32, fw: u32, x: usize, idx: [usize; 4]) {
        let item = |i: usize| &inp[i * len..i * len + len];
        let (s, a, l, r) = (item(idx[0]), item(idx[1]), item(idx[2]), item(idx[3]));
        let o = &mut out[x * len..x * len + len];
        for j in 0..len {
            acc[j] = acc[j].wrapping_add(a[j] as u32).wrapping_sub(s[j] as u32);
            let bulk = acc[j].wrapping_mul(ww).wrapping_add((l[j] as u32 + r[j] as u32).wrapping_mul(fw));
            o[j] = (bulk.wrapping_add(1 << 23) >> 24) as u8;
        }
    }
    macro_rules! step {
        ($x:expr, $sub:expr, $add:expr, $left:expr, $right:expr) => {
            step_at(out, inp, len, acc, ww, fw, $x, [$sub, $add, $left, $right])
        };
    }
    if edge_a <= edge_b {
        for x in 0..edge_a {
            step!(x, 0, x + radius, 0, x + radius + 1);
        }
        // The bulk of the line, as a bounds-check-free zip of the four streams it reads:
        // leaving item x-radius-1 (also the far left), entering x+radius, far right x+radius+1.
        if edge_a < edge_b {
            let (x0, x1) = (edge_a, edge_b);
            let outs = out[x0 * len..x1 * len].chunks_exact_mut(len);
            let subs = inp[(x0 - radius - 1) * len..].chunks_exact(len);
            let adds = inp[(x0 + radius) * len..].chunks_exact(len);
            let rights = inp[(x0 + radius + 1) * len..].chunks_exact(len);
            for (((o, s), a), r) in outs.zip(subs).zip(adds).zip(rights) {
                for j in 0..len {
                    acc[j] = acc[j].wrapping_add(a[j] as u32).wrapping_sub(s[j] as u32);
                    let bulk = acc[j].wrapping_mul(ww).wrapping_add((s[j] as u32 + r[j] as u32).wrapping_mul(fw));
                    o[j] = (bulk.wrapping_add(1 << 23) >> 24) as u8;
                }
            }
        }
        for x in edge_b..=lastx {
            step!(x, x - radius - 1, lastx, x - radius - 1, lastx);
        }
    } else {
        for x in 0..edge_b {
            step!(x, 0, x + radius, 0, x + radius + 1);
        }
        for x in edge_b..edge_a {
            step!(x, 0, lastx, 0, lastx);
        }
        for x in edge_a..=lastx {
            step!(x, x - radius - 1, lastx, x - radius - 1, lastx);
        }
    }
}

/// `passes` box passes over `line` in place, ping-ponging through `a` and `b` (same length).
#[inline(always)]
fn box_passes(line: &mut [u8], a: &mut [u8], b: &mut [u8], len: usize, p: BoxParams, passes: usize, acc: &mut [u32]) {
    match passes {
        0 => {}
        1 => {
            box_pass(a, line, len, p, acc);
            line.copy_from_slice(a);
        }
        _ => {
            box_pass(a, line, len, p, acc);
            let mut in_a = true;
            for _ in 1..passes - 1 {
                if in_a {
                    box_pass(b, a, len, p, acc);
                } else {
                    box_pass(a, b, len, p, acc);
                }
                in_a = !in_a;
            }
            box_pass(line, if in_a { a } else { b }, len, p, acc);
        }
    }
}

/// Horizontal direction: every row of `width` `C`-channel pixels, `passes` times, in place.
fn box_blur_rows<const C: usize>(data: &mut [u8], width: usize, p: BoxParams, passes: usize) {
    let stride = width * C;
    crate::image::par_row_bands(data, stride, |_, band| {
        let (mut a, mut b) = (vec![0u8; stride], vec![0u8; stride]);
        let mut acc = [0u32; C];
        for row in band.chunks_exact_mut(stride) {
            box_passes(row, &mut a, &mut b, C, p, passes, &mut acc);
        }
    });
}

/// Vertical direction, which Pillow runs on the transposed image. Every byte column is an
/// independent line, so the image is cut into bands of columns; in a band the "items" of a
/// line are whole band rows, and the window sums of all its columns advance together.
fn box_blur_columns(data: &mut [u8], stride: usize, p: BoxParams, passes: usize) {
    const BAND: usize = 2048;
    if stride == 0 || data.is_empty() {
        return;
    }
    let h = data.len() / stride;
    let bands: Vec<(usize, usize)> = (0..stride).step_by(BAND).map(|x0| (x0, (x0 + BAND).min(stride))).collect();
    let blur_band = |acc: &mut Vec<u32>, &(x0, x1): &(usize, usize)| {
        let bw = x1 - x0;
        let mut line = Vec::with_capacity(bw * h);
        for row in data.chunks_exact(stride) {
            line.extend_from_slice(&row[x0..x1]);
        }
        let (mut a, mut b) = (vec![0u8; bw * h], vec![0u8; bw * h]);
        box_passes(&mut line, &mut a, &mut b, bw, p, passes, acc);
        line
    };
    let results: Vec<Vec<u8>> = bands.par_iter().map_init(|| vec![0u32; BAND], blur_band).collect();
    for (&(x0, x1), band) in bands.iter().zip(results) {
        let bw = x1 - x0;
        for (row, b) in data.chunks_exact_mut(stride).zip(band.chunks_exact(bw)) {
            row[x0..x1].copy_from_slice(b);
        }
    }
}

/// `image.filter(ImageFilter.GaussianBlur(radius))` in Pillow 11.3: three extended box-blur
/// passes horizontally, then three vertically, with the box radius derived from `radius`
/// (the standard deviation) as Pillow does. Radius 0 returns a copy. RGBA is blurred per
/// channel without premultiplication, exactly like Pillow's `filter()`.
pub fn gaussian_blur(src: &Image, radius: f32) -> Image {
    const PASSES: i32 = 3;
    let mut out = src.clone();
    if radius == 0.0 || out.as_bytes().is_empty() {
        return out;
    }
    let fr = gaussian_blur_radius(radius, PASSES);
    // Never negative for a real radius; NaN has no meaningful Pillow result either.
    if fr.is_nan() || fr <= 0.0 {
        return out;
    }
    let p = BoxParams::new(fr);
    let (w, c) = (src.width() as usize, src.channels() as usize);
    with_channels!(c, |C| box_blur_rows::<C>(out.as_bytes_mut(), w, p, PASSES as usize));
    box_blur_columns(out.as_bytes_mut(), w * c, p, PASSES as usize);
    out
}
