//! The AVX2 passes: the sums of [`super::scalar`] on 16-bit lanes (`vpmaddwd`) with the
//! split coefficients of [`super::coeffs::Split`]; the same integers, so the same bytes.

use super::coeffs::{Split, PRECISION_BITS};

/// [`Split::taps`]. Each group of four taps: their 16 bytes widened to 16-bit lanes and
/// paired (tap 0 with tap 1, 2 with 3, channel by channel), two `pmaddwd` (h and l), two
/// adds.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(unsafe_code)]
pub(super) unsafe fn split_taps<const C: usize>(
    pixels: &[[u8; 4]],
    orow: &mut [u8],
    bounds: &[(usize, usize)],
    split: &Split,
) {
    use std::arch::x86_64::*;
    // Within each 128-bit half: 16-bit lanes 0, 4, 1, 5, 2, 6, 3, 7 (pixel 0 and 1 of the
    // half, channel by channel).
    let pair = _mm256_broadcastsi128_si256(_mm_setr_epi8(0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15));
    let round = _mm_set1_epi32(1 << (PRECISION_BITS - 1));
    let (px, hl) = (pixels.as_ptr() as *const u8, split.hl.as_ptr());
    for (i, out) in orow.chunks_exact_mut(C).enumerate() {
        let (min, k) = bounds[i];
        let (mut h, mut l) = (_mm256_setzero_si256(), _mm256_setzero_si256());
        for g in 0..k.div_ceil(4) {
            let v = _mm256_cvtepu8_epi16(_mm_loadu_si128(px.add((min + g * 4) * 4) as *const __m128i));
            let v = _mm256_shuffle_epi8(v, pair);
            let [kh, kl] = &*hl.add(i * split.groups + g);
            h = _mm256_add_epi32(h, _mm256_madd_epi16(v, _mm256_loadu_si256(kh.as_ptr() as *const __m256i)));
            l = _mm256_add_epi32(l, _mm256_madd_epi16(v, _mm256_loadu_si256(kl.as_ptr() as *const __m256i)));
        }
        let h = _mm_add_epi32(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
        let l = _mm_add_epi32(_mm256_castsi256_si128(l), _mm256_extracti128_si256(l, 1));
        let sum = _mm_add_epi32(_mm_add_epi32(_mm_slli_epi32(h, 11), l), round);
        // `clip8`: the shift, then saturation to 0..=255 through 16 bits.
        let s = _mm_srai_epi32(sum, PRECISION_BITS as i32);
        let bytes = _mm_cvtsi128_si32(_mm_packus_epi16(_mm_packs_epi32(s, s), s)).to_le_bytes();
        out.copy_from_slice(&bytes[..C]);
    }
}

/// [`vertical_row`] on 16 bytes at a time (`orow.len()` a multiple of 16): two rows' bytes
/// interleaved and widened to 16-bit lanes, two `pmaddwd` each with the pair's split
/// coefficients ([`Split`]), the sums kept in registers over all the taps.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(unsafe_code)]
pub(super) unsafe fn split_vertical(rows: &[u8], stride: usize, k: &[i32], orow: &mut [u8]) {
    use std::arch::x86_64::*;
    let round = _mm256_set1_epi32(1 << (PRECISION_BITS - 1));
    // Two taps' parts in the halves of each 32-bit lane.
    let pair = |k0: i32, k1: i32| _mm256_set1_epi32((k0 as u16 as u32 | (k1 as u16 as u32) << 16) as i32);
    // Per pair of taps: its rows' offsets and its coefficients' two parts (an odd last tap
    // is paired with itself, weighted 0).
    let pairs: Vec<_> = k
        .chunks(2)
        .enumerate()
        .map(|(t, taps)| {
            let (k0, k1) = (taps[0], taps.get(1).copied().unwrap_or(0));
            let rows = (2 * t * stride, (2 * t + taps.len() - 1) * stride);
            (rows, pair(k0 >> 11, k1 >> 11), pair(k0 & 0x7ff, k1 & 0x7ff))
        })
        .collect();
    let base = rows.as_ptr();
    for (i, out) in orow.chunks_exact_mut(16).enumerate() {
        let [mut h0, mut h1, mut l0, mut l1] = [_mm256_setzero_si256(); 4];
        for &((ra, rb), kh, kl) in &pairs {
            let a = _mm_loadu_si128(base.add(ra + i * 16) as *const __m128i);
            let b = _mm_loadu_si128(base.add(rb + i * 16) as *const __m128i);
            let lo = _mm256_cvtepu8_epi16(_mm_unpacklo_epi8(a, b));
            let hi = _mm256_cvtepu8_epi16(_mm_unpackhi_epi8(a, b));
            h0 = _mm256_add_epi32(h0, _mm256_madd_epi16(lo, kh));
            h1 = _mm256_add_epi32(h1, _mm256_madd_epi16(hi, kh));
            l0 = _mm256_add_epi32(l0, _mm256_madd_epi16(lo, kl));
            l1 = _mm256_add_epi32(l1, _mm256_madd_epi16(hi, kl));
        }
        let sum = |h, l| {
            _mm256_srai_epi32(
                _mm256_add_epi32(_mm256_add_epi32(_mm256_slli_epi32(h, 11), l), round),
                PRECISION_BITS as i32,
            )
        };
        // Packing works within 128-bit halves: 16-bit lanes come out as bytes 0-3, 8-11,
        // 4-7, 12-15, put back in order before the bytes are packed (`clip8`'s saturation).
        let words = _mm256_permute4x64_epi64(_mm256_packs_epi32(sum(h0, l0), sum(h1, l1)), 0b11_01_10_00);
        let bytes = _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
        _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, bytes);
    }
}
