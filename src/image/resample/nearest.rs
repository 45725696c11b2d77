//! Nearest-neighbour scaling as Pillow's `ImagingScaleAffine` does it.

use crate::image::Image;

/// `COORD` in `Geometry.c`.
#[inline]
fn coord(v: f64) -> i64 {
    if v < 0.0 {
        -1
    } else {
        v as i64
    }
}

/// `ImagingScaleAffine` (nearest neighbour, `fill = 1`) as used by `Image.resize(NEAREST)`.
pub(super) fn resize_nearest(src: &Image, width: u32, height: u32) -> Image {
    let c = src.channels() as usize;
    let (in_w, in_h) = (src.width() as i64, src.height() as i64);
    let (out_w, out_h) = (width as usize, height as usize);
    // `a[0] = (double)(box[2] - box[0]) / xsize` with float box coordinates.
    let a0 = (src.width() as f32) as f64 / out_w as f64;
    let a4 = (src.height() as f32) as f64 / out_h as f64;

    let mut xintab = vec![0usize; out_w];
    let (mut xmin, mut xmax) = (out_w, 0usize);
    let mut xo = 0.0 + a0 * 0.5;
    for (x, slot) in xintab.iter_mut().enumerate() {
        let xin = coord(xo);
        if xin >= 0 && xin < in_w {
            xmax = x + 1;
            if x < xmin {
                xmin = x;
            }
            *slot = xin as usize;
        }
        xo += a0;
    }
    let mut yintab = Vec::with_capacity(out_h);
    let mut yo = 0.0 + a4 * 0.5;
    for _ in 0..out_h {
        let yi = coord(yo);
        yintab.push(if yi >= 0 && yi < in_h { Some(yi as u32) } else { None });
        yo += a4;
    }

    let mut out = Image::new(width, height, c as u8);
    for (y, orow) in out.rows_mut().enumerate() {
        if let Some(yi) = yintab[y] {
            let irow = src.row(yi);
            for x in xmin..xmax {
                let s = xintab[x] * c;
                orow[x * c..x * c + c].copy_from_slice(&irow[s..s + c]);
            }
        }
    }
    out
}
