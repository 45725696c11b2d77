//! Pillow's fixed-point kernels: coefficients per output sample (`precompute_coeffs`) and,
//! where the processor has AVX2, the same coefficients split for 16-bit multiplies.

use super::Filter;

/// `(32 - 8 - 2)` fractional bits of the fixed-point coefficients.
pub(super) const PRECISION_BITS: u32 = 22;

/// Rounds and clips a fixed-point accumulator to a byte (`clip8` in `Resample.c`).
#[inline(always)]
pub(super) fn clip8(v: i32) -> u8 {
    let s = v >> PRECISION_BITS;
    if s < 0 {
        0
    } else if s > 255 {
        255
    } else {
        s as u8
    }
}

/// Fixed-point kernel for one axis: output index `i` reads `bounds[i].1` input samples starting
/// at `bounds[i].0`, weighted by `kk[i * ksize ..][.. bounds[i].1]`.
pub(super) struct Coeffs {
    pub(super) ksize: usize,
    pub(super) bounds: Vec<(usize, usize)>,
    pub(super) kk: Vec<i32>,
    /// The same coefficients for [`split_taps`], where the processor has AVX2 (horizontal
    /// passes only).
    pub(super) split: Option<Split>,
}

impl Coeffs {
    /// With [`Split`] coefficients, for a horizontal pass.
    pub(super) fn split(mut self) -> Coeffs {
        self.split = Split::new(&self);
        self
    }

    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> (usize, &[i32]) {
        let (min, n) = self.bounds[i];
        (min, &self.kk[i * self.ksize..i * self.ksize + n])
    }
}

/// `precompute_coeffs` + `normalize_coeffs_8bpc` for the source interval `[in0, in1)`.
pub(super) fn precompute_coeffs(in_size: usize, in0: f32, in1: f32, out_size: usize, filter: Filter) -> Coeffs {
    let scale = (in1 - in0) as f64 / out_size as f64;
    let filterscale = if scale < 1.0 { 1.0 } else { scale };
    let support = filter.support() * filterscale;
    let ksize = support.ceil() as usize * 2 + 1;
    let mut bounds = Vec::with_capacity(out_size);
    let mut kk = vec![0i32; out_size * ksize];
    let mut k = vec![0f64; ksize];
    let ss = 1.0 / filterscale;
    for xx in 0..out_size {
        let center = in0 as f64 + (xx as f64 + 0.5) * scale;
        // C `(int)` truncates toward zero.
        let xmin = ((center - support + 0.5) as i64).max(0);
        let xmax = ((center + support + 0.5) as i64).min(in_size as i64);
        let n = (xmax - xmin).max(0) as usize;
        let mut ww = 0.0;
        for (x, kx) in k[..n].iter_mut().enumerate() {
            let w = filter.eval(((x as i64 + xmin) as f64 - center + 0.5) * ss);
            *kx = w;
            ww += w;
        }
        let row = &mut kk[xx * ksize..xx * ksize + n];
        for (dst, &w) in row.iter_mut().zip(&k[..n]) {
            let w = if ww != 0.0 { w / ww } else { w };
            let scaled = w * (1u32 << PRECISION_BITS) as f64;
            *dst = if w < 0.0 { (-0.5 + scaled) as i32 } else { (0.5 + scaled) as i32 };
        }
        bounds.push((xmin as usize, n));
    }
    Coeffs { ksize, bounds, kk, split: None }
}

/// Coefficients for multiplying 16-bit lanes (`pmaddwd`), which AVX2 does on sixteen at
/// once, against eight 32-bit products of `vpmulld` at twice the cost. A 22-bit coefficient
/// does not fit 16 bits, so each is split, `k = h·2¹¹ + l` with `0 ≤ l < 2¹¹`, and the sum
/// is `(Σ p·h)·2¹¹ + Σ p·l`: the same integer, so the same bytes as Pillow's, whatever wraps
/// (the arithmetic is modulo 2³² throughout).
pub(super) struct Split {
    /// Groups of four taps per output pixel, the most any has.
    pub(super) groups: usize,
    /// Input pixels the groups read: the taps' and up to three more.
    pub(super) reach: usize,
    /// Per output pixel and group: `h` then `l` of taps (0, 1, 0, 1, ...) × 4 channels, then
    /// of taps (2, 3, 2, 3, ...), as 16-bit lanes (a tap past the pixel's last weighs 0).
    pub(super) hl: Vec<[[i16; 16]; 2]>,
}

impl Split {
    /// `co` split, if this processor has AVX2.
    pub(super) fn new(co: &Coeffs) -> Option<Split> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            let groups = co.ksize.div_ceil(4);
            let mut hl = vec![[[0i16; 16]; 2]; co.bounds.len() * groups];
            for (i, group) in hl.chunks_exact_mut(groups).enumerate() {
                for (t, &k) in co.get(i).1.iter().enumerate() {
                    let (g, lane) = (&mut group[t / 4], (t % 4 / 2) * 8 + t % 2);
                    for c in 0..4 {
                        g[0][lane + 2 * c] = (k >> 11) as i16;
                        g[1][lane + 2 * c] = (k & 0x7ff) as i16;
                    }
                }
            }
            let reach = co.bounds.iter().map(|&(min, k)| min + k.div_ceil(4) * 4).max().unwrap_or(0);
            return Some(Split { groups, reach, hl });
        }
        None
    }

    /// [`horizontal_taps`] on `pixels`, which go on three pixels past the row's end.
    pub(super) fn taps<const C: usize>(&self, pixels: &[[u8; 4]], orow: &mut [u8], bounds: &[(usize, usize)]) {
        assert!(pixels.len() >= self.reach && orow.len() / C <= bounds.len().min(self.hl.len() / self.groups));
        #[cfg(target_arch = "x86_64")]
        #[allow(unsafe_code)]
        // SAFETY: `new` made a `Split` only where the processor has AVX2, and the assert
        // above keeps every read of `split_taps` inside `pixels`, `bounds` and `self.hl`.
        unsafe {
            super::avx2::split_taps::<C>(pixels, orow, bounds, self)
        }
        #[cfg(not(target_arch = "x86_64"))]
        unreachable!("coefficients are split only for AVX2")
    }
}
