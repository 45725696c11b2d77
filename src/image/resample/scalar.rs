//! The two integer passes of `Resample.c` (horizontal and vertical), with each sum
//! compiled for the processor at hand: the reference the AVX2 passes ([`super::avx2`]) are
//! held to.

use super::coeffs::{clip8, Coeffs, PRECISION_BITS};

/// `ImagingResampleHorizontal_8bpc`: `out` has rows of `out_w` pixels; out row `r` reads
/// source row `r + offset`.
pub(super) fn resample_horizontal<const C: usize>(
    src: &[u8],
    src_stride: usize,
    out: &mut [u8],
    out_w: usize,
    offset: usize,
    co: &Coeffs,
) {
    let out_stride = out_w * C;
    crate::image::par_row_bands(out, out_stride, |first, band| {
        let mut wide = Vec::new();
        for (r, orow) in band.chunks_exact_mut(out_stride).enumerate() {
            let y = first + r + offset;
            horizontal_row::<C>(&src[y * src_stride..(y + 1) * src_stride], orow, co, &mut wide);
        }
    });
}

/// One row of [`resample_horizontal`]. Taps multiply four lanes at once, so an RGB row is
/// first spread to four bytes a pixel in `wide` (the fourth lane is summed and dropped): one
/// loop serves both, and it vectorises. Split taps read groups of four pixels, up to three
/// past the last: `wide` then ends with three zero pixels (weighted 0).
#[inline]
pub(super) fn horizontal_row<const C: usize>(irow: &[u8], orow: &mut [u8], co: &Coeffs, wide: &mut Vec<[u8; 4]>) {
    let pixels: &[[u8; 4]] = if C == 4 && co.split.is_none() {
        irow.as_chunks::<4>().0
    } else {
        wide.clear();
        wide.extend(irow.as_chunks::<C>().0.iter().map(|p| std::array::from_fn(|c| if c < C { p[c] } else { 0 })));
        if co.split.is_some() {
            wide.extend([[0; 4]; 3]);
        }
        wide
    };
    match &co.split {
        Some(split) => split.taps::<C>(pixels, orow, &co.bounds),
        None => horizontal_taps::<C>(pixels, orow, co),
    }
}

/// The sums of [`horizontal_row`], compiled also for AVX2 and SSE4.1 (chosen at run time:
/// integer arithmetic, so every version gives the same bytes).
#[multiversion::multiversion(targets("x86_64+avx2", "x86_64+sse4.1"))]
pub(super) fn horizontal_taps<const C: usize>(pixels: &[[u8; 4]], orow: &mut [u8], co: &Coeffs) {
    for (xx, opx) in orow.chunks_exact_mut(C).enumerate() {
        let (xmin, k) = co.get(xx);
        let mut ss = [1i32 << (PRECISION_BITS - 1); 4];
        for (p, &kv) in pixels[xmin..xmin + k.len()].iter().zip(k) {
            for c in 0..4 {
                ss[c] = ss[c].wrapping_add((p[c] as i32).wrapping_mul(kv));
            }
        }
        for c in 0..C {
            opx[c] = clip8(ss[c]);
        }
    }
}

/// `ImagingResampleVertical_8bpc` (rows of `stride` bytes; every byte is an independent
/// sample, so the sums run along whole rows at once).
pub(super) fn resample_vertical(src: &[u8], stride: usize, out: &mut [u8], co: &Coeffs) {
    crate::image::par_row_bands(out, stride, |first, band| {
        let mut acc = vec![0i32; stride];
        for (r, orow) in band.chunks_exact_mut(stride).enumerate() {
            vertical_row(src, 0, stride, orow, co.get(first + r), &mut acc);
        }
    });
}

/// One row of [`resample_vertical`]: `src` holds rows from row `first` on; `acc` is a
/// row of scratch. Where the processor has AVX2, 16 bytes at a time as in [`Split`] (the
/// rows' bytes paired two taps at a time), the last few bytes by [`vertical_sums`].
pub(super) fn vertical_row(
    src: &[u8],
    first: usize,
    stride: usize,
    orow: &mut [u8],
    (ymin, k): (usize, &[i32]),
    acc: &mut [i32],
) {
    let rows = &src[(ymin - first) * stride..(ymin - first + k.len()) * stride];
    #[cfg(target_arch = "x86_64")]
    let done = if std::arch::is_x86_feature_detected!("avx2") {
        let done = orow.len() / 16 * 16;
        assert!(orow.len() <= stride);
        #[allow(unsafe_code)]
        // SAFETY: the processor has AVX2, and `split_vertical` reads `k.len()` rows of
        // `stride` bytes from `rows`, the first `done` bytes of each (`done <= stride`).
        unsafe {
            super::avx2::split_vertical(rows, stride, k, &mut orow[..done])
        };
        done
    } else {
        0
    };
    #[cfg(not(target_arch = "x86_64"))]
    let done = 0;
    vertical_sums(rows, stride, done, &mut orow[done..], k, &mut acc[done..]);
}

/// Bytes `from..` of [`vertical_row`], `rows` its `k.len()` input rows. Compiled also for
/// AVX2 and SSE4.1, like [`horizontal_taps`].
#[multiversion::multiversion(targets("x86_64+avx2", "x86_64+sse4.1"))]
pub(super) fn vertical_sums(rows: &[u8], stride: usize, from: usize, orow: &mut [u8], k: &[i32], acc: &mut [i32]) {
    let acc = &mut acc[..orow.len()];
    acc.fill(1 << (PRECISION_BITS - 1));
    for (j, &kv) in k.iter().enumerate() {
        let irow = &rows[j * stride + from..][..orow.len()];
        for (a, &p) in acc.iter_mut().zip(irow) {
            *a = a.wrapping_add((p as i32).wrapping_mul(kv));
        }
    }
    for (o, &a) in orow.iter_mut().zip(&*acc) {
        *o = clip8(a);
    }
}
