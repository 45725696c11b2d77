//! Pillow-exact resampling and Gaussian blur.
//!
//! Ports of the integer algorithms in Pillow 11.3's `libImaging` (`Resample.c`, `Geometry.c`'s
//! nearest-neighbour scale, `BoxBlur.c`, and the `RGBA`↔`RGBa` converters of `Convert.c`), so
//! that [`resize`] equals `PIL.Image.Image.resize((w, h), filter)` and [`gaussian_blur`] equals
//! `image.filter(ImageFilter.GaussianBlur(radius))` byte for byte on RGB and RGBA images.
//!
//! * `resize` (every filter but `Nearest`): coefficients are computed in `f64` exactly as
//!   `precompute_coeffs` does (support = filter support × max(scale, 1), normalised to sum 1),
//!   quantised to 22 fractional bits, then applied as two separable integer passes — the
//!   horizontal one only if the width changes (over just the source rows the vertical pass will
//!   read), the vertical one only if the height changes — each rounding with `+ 2^21` and
//!   clipping to 0..=255. RGBA images are premultiplied before and un-premultiplied after, as
//!   `Image.resize` does by converting to `RGBa` and back.
//! * `resize` with `Nearest`: Pillow's affine nearest-neighbour scale (`f64` accumulated source
//!   coordinates, pixel centres), no premultiplication.
//! * `gaussian_blur`: three passes of Pillow's extended box blur per axis with its 8.24
//!   fixed-point weights, edges extended by repeating the border pixel. Pillow's `filter()` does
//!   not premultiply, so neither does this: RGBA channels are blurred independently.
//!
//! Work is split over rows on the rayon pool (`performance.parallel_workers`) when an image is
//! large enough for it to pay. Where the processor has AVX2, both passes multiply 16-bit
//! lanes (`vpmaddwd`) with each coefficient split in two (`coeffs::Split`): the same integers.

mod alpha;
mod avx2;
mod blur;
mod coeffs;
mod nearest;
mod scalar;
#[cfg(test)]
mod tests;

pub use alpha::{premultiply, unpremultiply};
pub use blur::gaussian_blur;

use crate::image::{with_channels, Image};
use alpha::{premultiply_pixels, unpremultiply_pixels};
use coeffs::{precompute_coeffs, Coeffs};
use nearest::resize_nearest;
use scalar::{horizontal_row, resample_horizontal, resample_vertical, vertical_row};

/// Resampling filters, as `PIL.Image.Resampling`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Filter {
    Nearest,
    Box,
    Bilinear,
    Hamming,
    Bicubic,
    Lanczos,
}

impl Filter {
    /// Half-width of the kernel at scale 1 (`struct filter.support` in `Resample.c`).
    fn support(self) -> f64 {
        match self {
            Filter::Nearest | Filter::Box => 0.5,
            Filter::Bilinear | Filter::Hamming => 1.0,
            Filter::Bicubic => 2.0,
            Filter::Lanczos => 3.0,
        }
    }

    /// The kernel function, evaluated exactly as Pillow's C does (in `f64`).
    fn eval(self, x: f64) -> f64 {
        match self {
            Filter::Nearest | Filter::Box => {
                if x > -0.5 && x <= 0.5 {
                    1.0
                } else {
                    0.0
                }
            }
            Filter::Bilinear => {
                let x = x.abs();
                if x < 1.0 {
                    1.0 - x
                } else {
                    0.0
                }
            }
            Filter::Hamming => {
                let x = x.abs();
                if x == 0.0 {
                    1.0
                } else if x >= 1.0 {
                    0.0
                } else {
                    let x = x * std::f64::consts::PI;
                    // `0.54f + 0.46f * cos(x)`: float constants promoted to double.
                    x.sin() / x * (0.54f32 as f64 + 0.46f32 as f64 * x.cos())
                }
            }
            Filter::Bicubic => {
                const A: f64 = -0.5;
                let x = x.abs();
                if x < 1.0 {
                    ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0
                } else if x < 2.0 {
                    (((x - 5.0) * x + 8.0) * x - 4.0) * A
                } else {
                    0.0
                }
            }
            Filter::Lanczos => {
                if (-3.0..3.0).contains(&x) {
                    sinc(x) * sinc(x / 3.0)
                } else {
                    0.0
                }
            }
        }
    }
}

#[inline]
fn sinc(x: f64) -> f64 {
    if x == 0.0 {
        return 1.0;
    }
    let x = x * std::f64::consts::PI;
    x.sin() / x
}

/// A resize along one axis (the other keeps its size), prepared to fill any band of output
/// rows: the pass Pillow makes for that axis, with RGBA premultiplied before and
/// un-premultiplied after, row by row. Same bytes as [`resize`].
pub struct AxisResize {
    /// Width changes (each output row is its input row resampled); else height changes.
    horizontal: bool,
    co: Coeffs,
    channels: u8,
    /// Bytes per input row.
    stride: usize,
}

impl AxisResize {
    /// `None` unless exactly one axis changes, or for nearest-neighbour (not a pass).
    pub fn new(input: (u32, u32), output: (u32, u32), channels: u8, filter: Filter) -> Option<AxisResize> {
        let ((w, h), (ow, oh)) = (input, output);
        let horizontal = match (ow != w, oh != h) {
            (true, false) => true,
            (false, true) => false,
            _ => return None,
        };
        if filter == Filter::Nearest || ow == 0 || oh == 0 {
            return None;
        }
        let co = match horizontal {
            true => precompute_coeffs(w as usize, 0.0, w as f32, ow as usize, filter).split(),
            false => precompute_coeffs(h as usize, 0.0, h as f32, oh as usize, filter),
        };
        Some(AxisResize { horizontal, co, channels, stride: w as usize * channels as usize })
    }

    /// Input rows that output rows `rows` read.
    pub fn input_rows(&self, rows: std::ops::Range<u32>) -> std::ops::Range<u32> {
        if self.horizontal || rows.is_empty() {
            return rows;
        }
        let bounds = &self.co.bounds[rows.start as usize..rows.end as usize];
        let lo = bounds.iter().map(|b| b.0).min().unwrap_or(0);
        let hi = bounds.iter().map(|b| b.0 + b.1).max().unwrap_or(0);
        lo as u32..hi.max(lo) as u32
    }

    /// Fills `out` from `src`, which holds [`AxisResize::input_rows`] of `out.rows()`.
    pub fn generate(&self, src: crate::image::Band<'_>, out: crate::image::BandMut<'_>) {
        let c = self.channels as usize;
        let rgba = c == 4;
        if self.horizontal {
            let co = &self.co;
            let _ = out.try_par_rows(Default::default, |(pre, wide): &mut (Vec<u8>, _), y, orow| {
                let irow = src.row(y);
                if rgba {
                    pre.clear();
                    pre.extend_from_slice(irow);
                    premultiply_pixels(pre);
                    horizontal_row::<4>(pre, orow, co, wide);
                    unpremultiply_pixels(orow);
                } else {
                    horizontal_row::<3>(irow, orow, co, wide);
                }
                Ok(())
            });
            return;
        }
        let need = self.input_rows(out.rows());
        let stride = self.stride;
        // The rows read, premultiplied once for the band.
        let mut rows = Vec::with_capacity(need.len() * stride);
        for y in need.clone() {
            rows.extend_from_slice(src.row(y));
        }
        if rgba {
            premultiply_pixels(&mut rows);
        }
        let first = need.start as usize;
        let _ = out.try_par_rows(
            || vec![0i32; stride],
            |acc, y, orow| {
                vertical_row(&rows, first, stride, orow, self.co.get(y as usize), acc);
                if rgba {
                    unpremultiply_pixels(orow);
                }
                Ok(())
            },
        );
    }
}

/// `ImagingResampleInner` with the full source box `(0, 0, W, H)`.
fn resample(src: &Image, width: u32, height: u32, filter: Filter) -> Image {
    let c = src.channels() as usize;
    let (in_w, in_h) = (src.width() as usize, src.height() as usize);
    let (out_w, out_h) = (width as usize, height as usize);
    let need_h = out_w != in_w;
    let need_v = out_h != in_h;

    let horiz = precompute_coeffs(in_w, 0.0, in_w as f32, out_w, filter).split();
    let mut vert = precompute_coeffs(in_h, 0.0, in_h as f32, out_h, filter);

    // Source rows the vertical pass reads.
    let ybox_first = vert.bounds.first().map_or(0, |b| b.0);
    let ybox_last = vert.bounds.last().map_or(0, |b| b.0 + b.1);

    let mut cur_w = in_w;
    let mut temp: Option<Vec<u8>> = None;
    if need_h {
        for b in &mut vert.bounds {
            b.0 -= ybox_first;
        }
        let rows = ybox_last - ybox_first;
        let mut t = vec![0u8; out_w * c * rows];
        with_channels!(c, |C| resample_horizontal::<C>(src.as_bytes(), in_w * c, &mut t, out_w, ybox_first, &horiz));
        temp = Some(t);
        cur_w = out_w;
    }
    let data = if need_v {
        let input: &[u8] = temp.as_deref().unwrap_or(src.as_bytes());
        let mut out = vec![0u8; cur_w * c * out_h];
        resample_vertical(input, cur_w * c, &mut out, &vert);
        out
    } else {
        match temp {
            Some(t) => t,
            None => src.as_bytes().to_vec(),
        }
    };
    Image::from_raw(width, height, c as u8, data).expect("resample size")
}

/// `PIL.Image.Image.resize((width, height), filter)` for an RGB or RGBA image.
///
/// Same size: a copy. RGBA with any filter but `Nearest` is premultiplied first and
/// un-premultiplied afterwards, as Pillow does (so fully transparent pixels come out with
/// zero colour). Panics if `width` or `height` is 0 (Pillow raises `ValueError`).
pub fn resize(src: &Image, width: u32, height: u32, filter: Filter) -> Image {
    assert!(width > 0 && height > 0, "height and width must be > 0");
    if src.width() == width && src.height() == height {
        return src.clone();
    }
    match filter {
        Filter::Nearest => resize_nearest(src, width, height),
        _ if src.channels() == 4 => {
            let mut pre = src.clone();
            premultiply(&mut pre);
            let mut out = resample(&pre, width, height, filter);
            unpremultiply(&mut out);
            out
        }
        _ => resample(src, width, height, filter),
    }
}
