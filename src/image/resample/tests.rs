//! Tests of resampling and blur. Expected bytes are Pillow 11.3.0 outputs (base64) for inputs from the xorshift32
//! generator below, which the Python fixture script mirrors. Every test compares every byte.

use super::coeffs::Split;
use super::scalar::vertical_sums;
use super::*;

#[test]
fn work_on_the_rayon_pool_gives_the_same_bytes_for_any_thread_count() {
    let img = noise(1100, 900, 4, 7);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| (resize(&img, 1601, 433, Filter::Lanczos), gaussian_blur(&img, 5.5)))
    };
    let one = run(1);
    // Large enough to be split into many tasks of 64 KiB.
    assert!(one.0.as_bytes().len() >= 16 * 64 * 1024 && img.as_bytes().len() >= 16 * 64 * 1024);
    assert!(run(3) == one, "3 threads");
    assert!(run(2) == one, "2 threads");
}

/// Pseudo-random image: xorshift32 from `seed`, top byte of each state; alpha bytes are
/// pushed to 0 below 48 and to 255 above 207 so transparent and opaque pixels both occur.
fn noise(w: u32, h: u32, ch: u8, seed: u32) -> Image {
    let mut s = seed;
    let n = (w * h * ch as u32) as usize;
    let mut data = Vec::with_capacity(n);
    for i in 0..n {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let mut b = (s >> 24) as u8;
        if ch == 4 && i % 4 == 3 {
            b = if b < 48 {
                0
            } else if b > 207 {
                255
            } else {
                b
            };
        }
        data.push(b);
    }
    Image::from_raw(w, h, ch, data).unwrap()
}

/// RGB gradient: (4x, 5y, 2(x+y)).
fn gradient(w: u32, h: u32) -> Image {
    let mut data = Vec::new();
    for y in 0..h {
        for x in 0..w {
            data.extend_from_slice(&[(x * 4) as u8, (y * 5) as u8, ((x + y) * 2) as u8]);
        }
    }
    Image::from_raw(w, h, 3, data).unwrap()
}

fn b64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("bad base64"),
    } as u32;
    let bytes: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for q in bytes.chunks(4) {
        let pad = q.iter().filter(|&&c| c == b'=').count();
        let n = q.iter().take(4 - pad).fold(0u32, |acc, &c| acc << 6 | val(c)) << (6 * pad);
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8][..3 - pad]);
    }
    out
}

fn check(got: &Image, w: u32, h: u32, ch: u8, expected_b64: &str) {
    assert_eq!((got.width(), got.height(), got.channels()), (w, h, ch));
    let exp = b64(expected_b64);
    assert_eq!(exp.len(), got.as_bytes().len());
    let diffs: Vec<usize> = (0..exp.len()).filter(|&i| exp[i] != got.as_bytes()[i]).collect();
    assert!(
        diffs.is_empty(),
        "{} of {} bytes differ from Pillow, first at byte {} (got {}, want {})",
        diffs.len(),
        exp.len(),
        diffs.first().copied().unwrap_or(0),
        diffs.first().map_or(0, |&i| got.as_bytes()[i]),
        diffs.first().map_or(0, |&i| exp[i]),
    );
}

#[test]
fn split_coefficients_give_the_bytes_of_the_32_bit_sums() {
    if Split::new(&precompute_coeffs(4, 0.0, 4.0, 3, Filter::Lanczos)).is_none() {
        return; // No AVX2 here: the split path is never taken.
    }
    let noise = noise(700, 1, 4, 11).as_bytes().to_vec();
    // Noise, and rows that overshoot both ways under negative lobes (clipped to 0 and 255).
    let rows: Vec<Vec<u8>> = vec![
        noise,
        (0..2800).map(|i| if (i / 4) % 2 == 0 { 0 } else { 255 }).collect(),
        (0..2800).map(|i| if (i / 4) % 7 < 3 { 255 } else { 0 }).collect(),
    ];
    let mut checked = 0;
    for filter in [Filter::Lanczos, Filter::Bicubic, Filter::Hamming, Filter::Bilinear, Filter::Box] {
        for (w, ow) in [(37, 101), (101, 37), (640, 7), (700, 3), (5, 1), (1, 9), (300, 299), (2, 700)] {
            let co = precompute_coeffs(w, 0.0, w as f32, ow, filter);
            let split = precompute_coeffs(w, 0.0, w as f32, ow, filter).split();
            for row in &rows {
                for c in [3, 4] {
                    let irow = &row[..w * c];
                    let (mut a, mut b, mut wide) = (vec![0u8; ow * c], vec![0u8; ow * c], Vec::new());
                    with_channels!(c, |C| {
                        horizontal_row::<C>(irow, &mut a, &co, &mut wide);
                        horizontal_row::<C>(irow, &mut b, &split, &mut wide);
                    });
                    assert_eq!(a, b, "{filter:?} {w} -> {ow}, {c} channels");
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 8 * 3 * 2);
}

#[test]
fn split_vertical_sums_are_the_32_bit_sums() {
    // Rows of noise, and of 0 and 255 in bands (overshoot both ways under negative lobes).
    let noise = noise(101, 40, 3, 5).as_bytes().to_vec();
    let bands: Vec<u8> = (0..noise.len()).map(|i| if (i / 303) % 3 == 0 { 255 } else { 0 }).collect();
    let mut checked = 0;
    for filter in [Filter::Lanczos, Filter::Bicubic, Filter::Hamming, Filter::Bilinear, Filter::Box] {
        for (h, oh) in [(40, 97), (40, 13), (40, 1), (7, 40), (2, 3)] {
            let co = precompute_coeffs(h, 0.0, h as f32, oh, filter);
            // Rows of 303 bytes (18 blocks of 16, 15 more) and of 12 (none).
            for stride in [303, 12] {
                for src in [&noise, &bands] {
                    let (mut fast, mut plain, mut acc) = (vec![0u8; stride], vec![0u8; stride], vec![0i32; stride]);
                    for y in 0..oh {
                        let (ymin, k) = co.get(y);
                        vertical_row(src, 0, stride, &mut fast, (ymin, k), &mut acc);
                        let rows = &src[ymin * stride..(ymin + k.len()) * stride];
                        vertical_sums(rows, stride, 0, &mut plain, k, &mut acc);
                        assert_eq!(fast, plain, "{filter:?} {h} -> {oh}, row {y}, stride {stride}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 5 * (97 + 13 + 1 + 40 + 3) * 2 * 2);
}

#[test]
fn same_size_resize_is_a_copy() {
    let src = noise(5, 4, 4, 60);
    for f in [Filter::Nearest, Filter::Box, Filter::Bilinear, Filter::Hamming, Filter::Bicubic, Filter::Lanczos] {
        assert_eq!(resize(&src, 5, 4, f), src);
    }
    assert_eq!(gaussian_blur(&src, 0.0), src);
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let empty = Image::new(0, 5, 4);
    assert_eq!(resize(&empty, 3, 2, Filter::Lanczos), Image::new(3, 2, 4));
    assert_eq!(resize(&empty, 3, 2, Filter::Nearest), Image::new(3, 2, 4));
    assert_eq!(gaussian_blur(&empty, 5.0), empty);
    let dot = Image::filled(1, 1, &[9, 8, 7]);
    assert_eq!(gaussian_blur(&dot, 50.0), dot);
    assert_eq!(resize(&dot, 4, 3, Filter::Bicubic), Image::filled(4, 3, &[9, 8, 7]));
}

#[test]
fn premultiply_round_trip_examples() {
    let mut img = Image::from_raw(3, 1, 4, vec![10, 20, 30, 255, 10, 20, 30, 0, 200, 100, 50, 128]).unwrap();
    premultiply(&mut img);
    assert_eq!(img.as_bytes(), &[10, 20, 30, 255, 0, 0, 0, 0, 100, 50, 25, 128]);
    unpremultiply(&mut img);
    assert_eq!(img.as_bytes(), &[10, 20, 30, 255, 0, 0, 0, 0, 199, 99, 49, 128]);
}

#[test]
fn lanczos_height_only_rgb() {
    let src = noise(15, 10, 3, 11);
    check(&resize(&src, 15, 15, Filter::Lanczos), 15, 15, 3, LANCZOS_15X10_15X15_RGB);
}

#[test]
fn lanczos_height_only_rgba() {
    let src = noise(15, 10, 4, 12);
    check(&resize(&src, 15, 15, Filter::Lanczos), 15, 15, 4, LANCZOS_15X10_15X15_RGBA);
}

#[test]
fn lanczos_width_only_small_rgb() {
    let src = noise(6, 4, 3, 13);
    check(&resize(&src, 7, 4, Filter::Lanczos), 7, 4, 3, LANCZOS_6X4_7X4_RGB);
}

#[test]
fn lanczos_width_only_small_rgba() {
    let src = noise(6, 4, 4, 14);
    check(&resize(&src, 7, 4, Filter::Lanczos), 7, 4, 4, LANCZOS_6X4_7X4_RGBA);
}

#[test]
fn lanczos_width_only_64x48_rgba() {
    let src = noise(64, 48, 4, 15);
    check(&resize(&src, 85, 48, Filter::Lanczos), 85, 48, 4, LANCZOS_64X48_85X48_RGBA);
}

#[test]
fn lanczos_width_only_37x23_rgb() {
    let src = noise(37, 23, 3, 16);
    check(&resize(&src, 41, 23, Filter::Lanczos), 41, 23, 3, LANCZOS_37X23_41X23_RGB);
}

#[test]
fn lanczos_width_only_37x23_rgba() {
    let src = noise(37, 23, 4, 17);
    check(&resize(&src, 41, 23, Filter::Lanczos), 41, 23, 4, LANCZOS_37X23_41X23_RGBA);
}

#[test]
fn lanczos_both_axes_up_rgba() {
    let src = noise(20, 12, 4, 18);
    check(&resize(&src, 31, 19, Filter::Lanczos), 31, 19, 4, LANCZOS_20X12_31X19_RGBA);
}

#[test]
fn lanczos_both_axes_up_rgb() {
    let src = noise(6, 4, 3, 19);
    check(&resize(&src, 9, 7, Filter::Lanczos), 9, 7, 3, LANCZOS_6X4_9X7_RGB);
}

#[test]
fn lanczos_downscale_rgb() {
    let src = noise(64, 48, 3, 20);
    check(&resize(&src, 20, 15, Filter::Lanczos), 20, 15, 3, LANCZOS_64X48_20X15_RGB);
}

#[test]
fn lanczos_downscale_rgba() {
    let src = noise(64, 48, 4, 21);
    check(&resize(&src, 20, 15, Filter::Lanczos), 20, 15, 4, LANCZOS_64X48_20X15_RGBA);
}

#[test]
fn lanczos_mixed_rgba() {
    let src = noise(30, 9, 4, 22);
    check(&resize(&src, 11, 25, Filter::Lanczos), 11, 25, 4, LANCZOS_30X9_11X25_RGBA);
}

#[test]
fn bicubic_column_to_strip_rgba() {
    let src = noise(1, 23, 4, 23);
    check(&resize(&src, 13, 23, Filter::Bicubic), 13, 23, 4, BICUBIC_1X23_13X23_RGBA);
}

#[test]
fn bicubic_column_to_strip_rgb() {
    let src = noise(1, 23, 3, 24);
    check(&resize(&src, 13, 23, Filter::Bicubic), 13, 23, 3, BICUBIC_1X23_13X23_RGB);
}

#[test]
fn bicubic_row_to_strip_rgba() {
    let src = noise(37, 1, 4, 25);
    check(&resize(&src, 37, 6, Filter::Bicubic), 37, 6, 4, BICUBIC_37X1_37X6_RGBA);
}

#[test]
fn bicubic_both_rgba() {
    let src = noise(9, 7, 4, 26);
    check(&resize(&src, 5, 11, Filter::Bicubic), 5, 11, 4, BICUBIC_9X7_5X11_RGBA);
}

#[test]
fn box_both_rgba() {
    let src = noise(9, 7, 4, 27);
    check(&resize(&src, 5, 11, Filter::Box), 5, 11, 4, BOX_9X7_5X11_RGBA);
}

#[test]
fn bilinear_both_rgba() {
    let src = noise(9, 7, 4, 28);
    check(&resize(&src, 5, 11, Filter::Bilinear), 5, 11, 4, BILINEAR_9X7_5X11_RGBA);
}

#[test]
fn hamming_both_rgba() {
    let src = noise(9, 7, 4, 29);
    check(&resize(&src, 5, 11, Filter::Hamming), 5, 11, 4, HAMMING_9X7_5X11_RGBA);
}

#[test]
fn hamming_both_rgb() {
    let src = noise(7, 9, 3, 30);
    check(&resize(&src, 13, 4, Filter::Hamming), 13, 4, 3, HAMMING_7X9_13X4_RGB);
}

#[test]
fn nearest_rgba() {
    let src = noise(7, 5, 4, 31);
    check(&resize(&src, 11, 3, Filter::Nearest), 11, 3, 4, NEAREST_7X5_11X3_RGBA);
}

#[test]
fn nearest_rgb() {
    let src = noise(10, 9, 3, 32);
    check(&resize(&src, 4, 13, Filter::Nearest), 4, 13, 3, NEAREST_10X9_4X13_RGB);
}

#[test]
fn gaussian_blur_radius5_rgba_noise() {
    check(&gaussian_blur(&noise(37, 23, 4, 40), 5.0), 37, 23, 4, GAUSS5_37X23_RGBA);
}

#[test]
fn gaussian_blur_radius5_rgb_gradient() {
    check(&gaussian_blur(&gradient(64, 48), 5.0), 64, 48, 3, GAUSS5_64X48_RGB_GRADIENT);
}

#[test]
fn gaussian_blur_fractional_radius_narrow_rgb() {
    // Box radius larger than the width: exercises the short-line edge branch.
    check(&gaussian_blur(&noise(9, 31, 3, 41), 1.3), 9, 31, 3, GAUSS1_3_9X31_RGB);
}

#[test]
fn premultiply_matches_rgba_to_rgba_premultiplied() {
    let mut img = noise(256, 1, 4, 50);
    for (a, p) in img.as_bytes_mut().chunks_exact_mut(4).enumerate() {
        p[3] = a as u8;
    }
    premultiply(&mut img);
    check(&img, 256, 1, 4, PREMULTIPLIED);
}

#[test]
fn unpremultiply_matches_rgba_premultiplied_to_rgba() {
    let mut img = noise(256, 1, 4, 51);
    for (a, p) in img.as_bytes_mut().chunks_exact_mut(4).enumerate() {
        p[3] = a as u8;
    }
    unpremultiply(&mut img);
    check(&img, 256, 1, 4, UNPREMULTIPLIED);
}

const LANCZOS_15X10_15X15_RGB: &str = "\
    ADAR/G5AOaj/oc3Ggkz/6d0bmxoYflLt/75HL1B4/39y/3qhxpEAS2Na/cCHFRwa/0JjJ1WzOb1tVbzgkoUSVT5/eLz/mW1x\
    YpyShVe9jz7AtLVQXI+mp7bATktvzFBxMwBVFaA8TeygcA0FAGbRoNLaABSxgsG3E03TAQDyndnEY57PY6Xqhb/uQ8c9dSZ8\
    vJKrn1CB6Q8QAGJ66RY8ADO7RE+uZp9UKSL/k8TcUkxlro6pvV3SM5dXmqeah7SqgYGXroZSqnl6w1UIZzllMQBHW8+Ah2Hs\
    hZ7TegQSsjJn1xuomVRofdhzTqlwTvaGF7SF4K2PZ+BkqWVlLzwiMOe5r57LV7bEoiIppBBezMjr8KcwS4Qo5lh9c8QoA0KD\
    LspZSK3ZY9XzGM2EW/ZOkcG+Gvq0kY+AzWN6o/+J/4yKW4AJq51RH3kHiy3CJZaRRtL/qdW6N/9Eeocw0aHVHMdYtq2cnztP\
    s9wAxIPgtK8rQe1lHV8i31n/sz+5XM7iypA/h9YPUBx16W7lQEdLr5unWidL9o4AVfCd9qJnjqLfz35Jd1T68RtodTqtKoFi\
    y1SWCS6zdXC8WQvDTrDiYLKylXcSmoeXqHOpvVOSkZS7QWDmnE9LcgCmCaC94Ga+TDe8ftNLrlClfLbyh+uvVqUJvjWqP3TX\
    mCRLAKD/RGHBIWqYZTXFLc65vbGHuT1mmfIA6XtHppnArNJ0ytgAI8B6UcLZVwnIFLPLQkCNHDT0Z5XbDd1LjZ1kvm0BSIYU\
    wC9fRmZ4ucmCbutCZXk1o+ZdUBiDPKSMpRekmXuUVH7xU86RlLJcoblvbq1lZ4C5cj1gosHRAOWG3wAV1N4AZSoRRpN58QXK\
    9M0lREL6l776rc9kj+Dusf+ROeTvwjFrjsD/";

const LANCZOS_15X10_15X15_RGBA: &str = "\
    ABv/Ss08OsmumRaR2rYkB53//z85/18o7i0WqB4B6f/fAHFBAAAAAPjTUP8OUNpp4gz8ZJMJzYAAAAAAUKCuRskqLVpgm5if\
    AAAAAAq/n2U0ZNNw5EoUhggT27VYgWyi/9EUPqubU90AMP8l/wD/EXUMpaoNzFRz8nCXjAAHBAA8lOiI/6oVJCiIj7coJP9+\
    /8cAKSK/sWlLzpD/76Q1pg6LO9L/4gAJZz/vIFwNhps37k7/+w3C/+TaqE3gUxdM56sn4qp0tvIAAP8FBQMAAH72kp1068Lo\
    sVhuogDoHf+HoHlxgDzq7EschBt35iz09S6Ro7h/aExrKZnDfLxi//9mWP+RdgBUABBsiJXuh1yq09N1dSCRPz/bLKA/gY9w\
    imPKuAAAAADQ/wBIdv8lNptKe0g0LtvqAK+yp/FVAN+SZTzdEjVl/wAAAABdfZ0/AwAAAPZo7j0ltr5mkP8ALhpynh0AM/8K\
    ZkXui8uawaIHJNojgl2Cc/ixjk+5ZYq6RKBXnQAAAAAP0cuA/4ttKkXusX2D9sGyYlMaYhSDo5M0oeyIZxGAx8nA+G4cCgMA\
    f0EaTie8/2f/fP8rqv/MacFrAGs+Zar9cJxSkWHnVcSC/7VQUHajiAXCpF1RuPBFP0MAyWx0aVxhioeTbr4qcz9lfs4ADwAR\
    i9DchMR6FLtWIZDePoFWv5XUGpH/AP8DcJ7Uj0w1TEMAZlUPBrAAwndMJ+0Nk0n/7tlRvnAwRL5jSUipVqZjiMTHimULAFwW\
    aCmHmFv/AA7/oOp8u3GCok8AV+YTg4y1DoJeonNIYdkAiTGH/+5jXGEAKjydk2TWcVwvbP///wH/ev82nWDLwf8l/yJwm93M\
    15Y86DFaTfQ+h2uocUHAn3k7/54GAAAAAAAAAP//AAX//3Rg3wA+MV8vnxDdUeGBo57Xt7tgdJcGmrqjrsIo9Qn/SIXcdQdo\
    q6yPt5Us+9mz/7MsL1tQVv+zD4QADwAA/wAAAYBftYPMAP8Kp6/kHV9YK8BgwEpSNeYWk3ndy1TCaTa4veFvTp4o6mRid3dL\
    NX2K1Zi6cO2VC+eAPG3/FbtPZLHso2g4AAAAAE6FNn6sN5Fmceo/Zd2o/7R5jGOsAAAAAAAAAABHAFs9Lomq/0zHr/+xLfT/\
    Y1DPNvI8F6DqkIaUqn/UBov7n0CGC86a/85jbuXA//8mw4p9";

const LANCZOS_6X4_7X4_RGB: &str = "\
    ADVuTjUXPI+SFrHrWtO9s8+Bwjo3+re2Lt3smZ6p5T+HuiC40yWhiSll83CHhpeHAJIPjCxm4DTcUKWniJPJoIiHKte9tbGu\
    qlK5d6CPwb9fPwDU";

const LANCZOS_6X4_7X4_RGBA: &str = "\
    AAEAACMB19aPYqOyhbBQZQBf5XbKpZ6R+H4T/6NgDjVV5zd4U/sNSeZ025z4dP+TAH8AAh1udHim48P/s+moXqHGDlqc/xcs\
    hQBYLokOV66IAo1nAAAAAB6rwToL/2Issxskg5ouSbll1rVstq/pkA==";

const LANCZOS_64X48_85X48_RGBA: &str = "\
    AEkAJo4n4camLP/SnYfhIr9Vgzy1XeuAn3bQfW+0EikAAAAAYVk9gJI+LLCfAFd9JCe7tZKI5Zdv2szREMLA7xBk4Ez1AEgc\
    wJMsg662NZjU1AAGY4+uKcKviVDB7ygyKZUfUNog1e7/AP+vq9tjQI36KrJalKhzWE65xWxuiNiqAP8DVL8AfJyHmvjlZND/\
    02Qf/88cFXVmrkR4duQzpOiEek+YV8JDAAD/AfT/RzLh8FHF9t4AH7r//0en6NS+R3AuXQAAAACIiFJHkK5VqLLyfH+Zf7lG\
    DQBAbjs7YK+XtM2UjtSWQjALmrQhInDzNLUGnKTEuPePxfG6AO6ubDfdXor4iABuUFlyj01fo8D/WHiQ/wAACMbC/0hhTN/2\
    AwDT7gAA0BaYnM05VX2KnEC4AFs6xAANAAAAAAf3fyBElJSUd0yh/yyHuaKE/8Ge69e3/5R7ZmlOi6loAAD/FEz/8hRY/9Xk\
    4d6p//97RI4AAAQA/FajZ2YriWQzUhm8Ym0I6E51AA3JWHo0o38KMqoA/xKhH+Wjb0GjYqpBADNeLhaVAGJg+bHS2P+0lrzl\
    AAAebAAAAAALAPW0hheh//9ZLK06189b////MU9nkLYSbWvtl/V6UaA/yHGqWrKQ/9yhNAAAAAA+5VnbRuRbogAAAAAAAAAA\
    AAABAOvSACj6d2tt3jrcfiTixWJGlZWCnB+Mk2sleVgAnI5Ll27TtJ9x4f8wkpf8O7QXrLlzr+HMZ/Xnick8TAAAAAB29NNj\
    c/jMfgAAAACJuhw/mrNAR3gKu193B9eg8ZLsYLiystiZma7EAAAAAAA/ACi4H7OcvgD/lzkfv1nMvyqR99sLQQAAAQD/kQAH\
    9H8ARuKLe4/kqXBotz5KVqAM5fu5M96FMpp1eixppP8AAAAASWhFQklcNkIAAQEAVtHMOFvGjYu0Wcjh/xTW/P8/SbWHPixi\
    AAAOAP8HMST6CEH3/zBdmK9l8TqRAMRB/wD/AgD/kC5kFtmsnDXQ/2nrb/8G/wAmuQD/WJsS6v9fKTW5LTk5/xEXT4P///8K\
    jc+Hs0+ilGBti3CuiJxo4n9/VQblzDMUdnRcvlpTV/srHEKHBzJzQgDIAA5oHJ1rdB3x/2od/zwLAQAA0nnxXPbt7Vb/fGEv\
    Mbhsrj23jvfJOb6OTw/FuxUuoW0DACJCChJQsSLVILpc03XMY5vUu1T/+4LI3/+ZVf2TslHZjcPRgfXPUbbAuFrWS6q9xQVd\
    AAACAKzw6CL8ydxgtaCxlVOGgIMAAAgAOpYAmSecAPorm1KIqXD1uLjCfrRr2gCiLURJzCQAV/8tan6+U//5LgAAAAYbhUSC\
    r12i+fGLzuTY/8KlNr4Xg2a+XHe/qINERQOiTRkH58CRforJzsCj066n2//kz1r//9gI/92UUOFtMqehETYRnwBIueJ2gf//\
    yI7D9mJFnbd6gUpqnOVIRgBdoR4AAAAA+OPRyc68ldRRazlYqrbqsLFDd/+TAACCAyMhALrx+qzRRkD/xzsAxM3NT136I4Vt\
    /3uoqaGyxr5cxbeums16oEVs8mN8gzewmKAP/11peceaKYRo/xpfMI9BzmkfMeG4U0PObv//Tx3hcuWB3UP6/tIo/zP//wAI\
    kuiAfyb7SJNfTsxbbhSaY25egn/PVP+R72Pn/+5t7ml/AAAOvDc6mWU0AFMXVc+QN4bMxFX/C1cABgAAlWmPclGXg+EhvqS5\
    05bbw/8T/ycA/yg4bN2U/5lh8f/zZP2JYP++lwrruv1D9XZucN1IVEPXb0AAAAAAHjSlIlKNaNlTeGHNNwBjQACq/wMAAAAA\
    EdDpPAzV7noA//8KsgAAHtNHoUfZebdSTz48gwAAVQaF1hVreb0W93O5IhYAAAAAAGijJyRLyGK5Rb19/2SakIImZsd0LYb/\
    9JDM///KykQAAAMAcZGJd6vyFf+h/wBoHwBzSVEIdnT/AP8BFKZhWRqMW0MAf/8CL6KQYVLGkJG0z0VcnYg3SRmHtYtSlY1B\
    5Hpaq7x3fOxNZ9VPrip6hbJOO2sV0LheLKbrzSGXpbexekR3vlIclzVKPP89Tqr/VwC3VQD//ygg9M//gfZbvf//ACUAsv8K\
    aer2PwD//wOOADI9lWOR3p6ov/W5/8UWdwDdYokB3pQABQAAJddwZgD/UCP/I9EyzE6oxrRXRWAAAAAAq16PWZtVdP83Gixy\
    PMJzN2zJZItBgCa0YURKWZ+BpVP/3lIfAHnzFwWH6/gAjfxhv2o1GE57oqMs/wBLLljEqhYE/3sKCwAA//9ZXoCNJJ8HNwBF\
    //9xCeCeLH/Pmys7AAAAAFWfNRhCojh/AMZCG/9kLT3/gCWHAgMAAKwgaK2IMaH/ET3/dQD//wJQAJxGnih+2NN0g/XD79ew\
    fFGg/2gAgZAACwAAWqc0SQD/AAJ/f3xcd3Jwtn9SklC0s+rKbOyS/xbwB/BQ1zrBIA7hnBl6jeU5+UHjsdtmbf1oAM//kGj/\
    3qK1tQAAAADjAPq42mP9/4q1qNi14pxQAQAAACTYMqEo3yrYAAABAIaD/1lf188gilr/O4JY//9qGP+cg4MeROrQd57fiOL/\
    fDzblwAA/wL/VZM57DydsNQq/xL/aABT6V5UtZmF6ZGdvJ/L/6WvMwD/DjVC7Tr/wYFJ/9qywMuYx9TqjHB/8KFuVR4AAAsA\
    T6yPlIjCYP/SZS+o/wAAJgAAAAD/VQADb1lX/1iFUYQAji0iKiQ4WhfMU1Y7osFj3AD/FgD/Tx0B4G/3CKZkkOgAfE7NLIjN\
    wHt3/+wuYtqBLC6lCKwMkehhRpX/Ra3yzGSz1cJfNpv1Cg34YgMK/wA1Vt8ritVpAgMBAAAA2Vk+Atnsawm27h9OMXIDA6VE\
    /3bDVrmoOqUjbDz+C46n5XB8xW+Ve5BjF9nxy2jH0ZP/f6UiAAQAAH/HB0CJYivDVztFgKYK/zHcN82pPyaY/wAKaHgJDAkA\
    R5frZwxllI8SAKptfGP6qonV6PvX4f8aOO2kdl/F1f+fINSu2xZYyr9eNZWTxWJY25ZlTv9VVQY/24YkAOJCG//G4gn/vMTT\
    5b+D/4pvGr7GMZhNw5f/iMOkzHPwJwNH7CI0b7mHnaSiosBFAAAAABVV6QwCSPJpWEbsRZf4vHZhy6X/TD5L/woAOsd8gzbP\
    69Ed/wAAAAD/Kaygw11+/wCQEbJSJ0KqaTosoFJhAEQA//8CNPgnU7uvNFfJQIFDDwDDIgAAAAAGwqu4Ps2X+uyPbJf8BYuv\
    qqrF/4jh0a91GzAlKJ4JUh9xRmEzADMeAP//DAS/83Bhl6x7jp6rT57KzjXAbohaIFX93TBpuP95aTu3XR+VewxM5TyWNP9E\
    x1GPbpPTM5GhwpT0oGyU2IwAKEwAAAAAPB7/MyoAiDZfhK51ebvY/6dlUJJjgWZNg8zPZdhHS4subtXxGkm+6EUAOF8BAAEA\
    /wD6PifJvcMY36f/dEp++WlttHen/9+6vuvX+6WQya1jPm3LVSM/SADf/whVa5Vvt7eWa1brNZBcl2itvSv/o2hr/7liR+T/\
    Yw7UrwEGAAD//wNF39kqMAAAAABzXAALXVQHbSIYTElgeWeZfJpG73//nwiEThytg1ojvAAAAABNCTnaIg+cdVaslEpleA6/\
    IkFI/1B4W4n/7ygyqz8AQIXsKioonffUNIvm0d+KABgAAAAAghedVq0A2mrdTm54rs0A+2Sed7kAAP8c//8AEur6U6GqtqC0\
    L1b04Q5C0O8oOhRxdhSFWG9N31KOv2VE6aB0RvV/axoAAAAA/1NtMdtgXPpukiv/AJ8AUP///wqX+5GXXoPZnRYNs+sQCofW\
    AAD/AQAAAAD/2A1d09Rf3V2vt/9ni1v/dIY9q5rF50LIfNkvAAAAAGJbo5RybrP2iYDEdUMAcbJteEbmse01nb8NrF2VF9/j\
    mjaq97cwS6qWOzCjPcc10jfJcoa4AP8S//8AAfB0VyOWERuSnRYNrNGEHXuvqi+xu1+KiP9G/zNvpYpVFxZf7WcqVOzwr4eg\
    3N7hlbNLxp5jR192YEl7cp4CznmjDy0y8AiRrr15x/9Y6bv7eV/peKBk/5VOMK/9AAlr4AAAAAf/S/+S3orA/0C0a/Y9efDU\
    QYrspx7Wd2Qr/zNAxrVcdvRdEOndZUntnLT/aj///wTkAAgdfYmJpVqjsv83V7n/AEl2mbF2GKjhaDL/OTc1/0ALNVv/iYFB\
    q6FYlmHFEG411AAYAAAEAAAAAAAAAAAAP6P/dSHVbPI+5wDq5q0OnN23NOWCvHz9U3G1sY0KLo4bqgDgiqkr/9JDeeVPL7iX\
    sjxDk7hsXXMyXuJRbQV+W+gZl0WZg6hEB7TKIn9/AAI9lRV0W1MtooIARFIAAAAAAAADAP9qAAyxboNfiWnqrL9b8lSEM6gy\
    LlaWLKuZDkageg32k3gDmDj/8U1zzPTbtHz0/68xo75DZkvAIJle/A1nSpcKVaaTLW+F+kBtQewAPwAU/+n/Ot57qJelABVV\
    fwAACAABAACqAAADAAAAAGzJqpQyc1a6ADkTawQABAD/H7Y4zEtDqs9LKGUA/wADlZ4kb6aQEC4AAAkAinGWU8Y/aK3TN19A\
    AAAAAP8oUBPnMj1rUU0jegBWAGdVlDBuve+Agf9qSnG9XC5emeVmeOzAZZT/x08gHGPiEpxstEtvOrQwAMIraSXuppxB5dCr\
    Q7cxut6EJr7EuQrAEMwprQA01p/bI6H//wpjfQAZDwCZ99Oqyfqf/8bgeIcAAAAAAAAAAbSLoVKP5I2OcNZqeJMLa1jOoMuk\
    zZrXfNY3a0Xjl1RnVWOENgFNZ7gHfmfpFO+yZJ0ttJ3EaC2vdodFrygo/bWmq/BZ/849Ov8AABAzsmYKTo1T1n1ifP+bEnbv\
    rQNRpbELQhcAAAAAB+93IEnQfHm4dnu19ChHMoj//xyfreCddVeeegAAAAb/9ew3s5mo0jcePbsAAAAlXf//HjPlt4HWo+py\
    4cr/InMAFwvDCq8zBAAFAC5zAEJav0nJj/d9/+fzdcF4SKiFTlLYi5Diy6030suiHW3/RmAZNI57RAz/vlACuoqNA6osxW2l\
    E8P/dH8561CuVbKhzMi27N7puf+tdpr/klWLSwAAAACEzaE0idqb+afRgenCwmRUAAAAAAAAAAA/l7WqNozBlVIAAB+CPQxk\
    bk60+FxrsauZ/0Q/y7qqsu8eVv+zACqXArXydluM6v9Jjv80/x8AGP9spDsAVQADWVMF6lUpAHSU//8kedz0/3vscoo8ALkz\
    Fm+PoCfTFv1/rjZs07tkTF3Ng4Arhf9jOT7/MbhlNmJ0nhueOOAJp6r2ANH/j1WQgF3/cwDx2oMA//8LWgBPLT5CdkkAAAAA\
    AAAAAJfbo0Bt/5kj1gCuE8kYsfPDHrF9AAAAAGsa5BNfMOmNm3mgcf/FZVjthamGAS/1/wks6Ior/wBHDdI1rAV04MtYdd9z\
    /zudc/0A34IKAAcACYE6oQ2UKf8od0X5qzzs/+gts/qKdkj/OZVK7dU9umgWABcALWEASWE2IPB8D1H/ggBClS2pALgV3BP2\
    Dse6e0Hggo01/1V4B6CqZidQlrsMQEWhnyprsOopsqEQiaU/YY24orGLw3nShMNmknqy/8C4nmIxcpCKam2j/+i2gsU93TLq\
    KfBJ/2jlXeCB5j6K2YCUuOFXm3tXtQAmXtEPVIFqAIgpdYz8AIfrwgIAAACi8GpIbc99QQAAAAAAnz8IAJs02VmIef//fqeR\
    +txKZ+Hs5aNq9b/QTvaErcKvinZBOENxa6JS6KzGXc/mGEw1AB5ZbGFakIr/mGZoyd8We2/lf/SIprrY71DAYnmNND8AbpR/\
    t8lD9u7TN9QAFPkyAAAEAJf/G0poeUShTwxXpAABAACyAPR+nCvdmBGrZ1ZLGZ/wWiOa5E8pckP///8HuNvVgsR13ZhjOFua\
    F1gM3TZbQv9oLnB/foCvZzyrvuksov//bZv/e/+4Zq7zvWjl//+fCO0ACFd1QRr7PV0m5OdhpmuYPvPZUWGi4SzfAGHb6Ag5\
    nJy/NCyJfzQm4AA7Sd9MWtVJfldhn+G4F9/F/wvMRLd9aXhmxdpEYXabfsFyEvz/xR7yZmnPgmYbv5RxAAAAAHUP/5RzHqaq\
    disAKQAA/wGUAJ9gz1e0jNSrkXdQTh5lACMUM3UW+miNb8PMfM9pvJn/RB4AAP8DcGHEnZ9y0f48s+qKIsqiLO1LEpTKYC39\
    nIKTWAD//xl1xhw/0GgFMQMAAABh4RU8frBKcaJgxTr///8EVQD/Erinx67L8MDx8//dF1tXV0CaYX6xwBCEav8AAALS/91L\
    wcZ2layTAHleQVY+AAAADP/c/xbexLeVidYV/0/cV6QsoXi8QpEn7EabDhJuAKYXAAAvEJyDcx+LeHnzXniUxVNtik+cmUFG\
    D8WMdAFSTt4srVX/lthf//UWNv//AE5/TeopejLrI62/VKph77IYkqr/XLZ949ugpGKEf/8A/wWB+ABRgOARsnb7vEn/odtH\
    cO3twCDoyv8DcBiaAAAAEPUl/xuKZ392ga1mcH//agx5c0gqfIVOVAAAAAAAAAAAWP/7RYXAjb+wbxjCcgAAFP/Q7k3RzdjV\
    a9b8t6VnjrHygZ6zlahz3DB6Df5hdkjCIM6rdF2uSarDaxP9e5AMdqM6d5zYJn2rla1pNSm2iGNP3I6qd/9tp5GZLZ6DFTn/\
    YDhIn2yjNj25Ag1gYTwlWQARAAD/AP9GvyPv/xzzt/8Y2F2F/wAAHmSmn20LStz/ACT/Vf+sByKJdHS4Lyo1YC9hl1FLrdBe\
    X7+jfWbpvXWdYepWZiqCdyWXLb0U5he8C3Kjl5AA/2GsN718IDWG81WzqP+15JXH/252bGMlqnM11V+hUeKB/1WtsdUA//8E\
    6EJqf7BtmrYVZrt1CSFwqqxHsI//c/8+j5KVUsKknbX//1IfAAD/SWg28MP60657RdiR7xjUkLjHkKFK21yIpsuaLv+SjQDF\
    XjdTiaVdubyTbeJru1Lzz9hN8ckAAAAAXT7zx5RSteL/jwA+AAAAAAAAAABmSfNreETPrN4gADcIAAAAAP/ETjG0xpSYc9qL\
    d+at/2j/oH8AAAAAf7+/BI+P5imSlH+Ed5xxiR2w0jTNhNI0t663WYrbqjkAAAEAbEn/O4KIiHnEm4JxzoniWRGZhYBlkXe8\
    tYiAeQAAAAAAAgAAAAAAAJ7xIl+X0zD/Yj5kkx8fc0Cg7XhZyc+fgFVVqgYAAAAARivLXmFdxf+Yw5T/0f/J8/jbgv/ccgDf\
    /z8ADEp/Uj5AQliCI1vSbZHz85yKtMW2lYqIduzoCTiJoz9ZXDPCcQAA/yDo/0IXv/9yudZRYok7nRa5I/8m8MLQwkz/98Eh\
    MGycVSQA/z8AAAIAC+MW2QbzFJkFAAsAMhl4gwAA/xG/kgBZqnoGqKpVAAMA4v8SUXvebbCr0bLz9Zi1ceekQZoAwYzvCNf/\
    1wy6/t48LZ30a3+W+mj/cAAAAAD/APdBaJB0hgCVZ6wuIsa6phe+a+OSQEuU/wA+nn8lSpYF++atLKLw1NEAqeLxEsT/dwn/\
    /wAAXQD/TRds7D3AtFuNmf8A/x4ARAAPeB0dV6hfHzix3FI77ElaedUrRrQtvCO0AP8IOgAAAADDP6VE/CmrvbpPTJ2u7lmM\
    1OPE0mNzjdRGG3mNIUIusAVnEv9+IaTQHQtwK/9G/1PlP9r/bmJ3bwDIsLhBg6n/hxVW7MBxhpYh5x3YGvgA/2T/A5AA/wAE\
    /wDNQ3sez5ciKreseh9Lw5QAACS4/7MvibmK1k+fgv1CQ1D/QjdBwFDwrzMAAAEAdcgnYrtqQKf0AICVqhXHgX82U0ZPj2tA\
    VsO6cHrLdJDgQaCEVSiH6AY4XcoAAAAAI/r/u4LSkv/c1gDPdOuF/5dE6NlaAOJjhDaXee8wzP+dMXJ2EXMAgFOAGokAAAAA\
    AAAwSXh5Pa6Ru4GnDJv6ZqLkVWv//wAffx//GKZr1G2hbrIeAAAAAIOUOzybhETQ4EZ6tfozYWm5kmJgv5/JaL+y5RQAAAAA\
    0P/5LJzgu48aaRWOPosp6m+0YtK8o7cyyAZOKpSrB6WTxgStxY5gQvx16131oGuf4oAo+MpULOw4ZlhIc9+ysYqve/1uaTSw\
    P6Kz/xN0s56cAPOJ1S3azGqzWGUA/wAD/wD/ILAq2ngh7pSJBdZgilE1iNWCKaP248SJcf///wEA4TwiOZxFtUtTSP9YREdZ\
    AAAAAKqfVTDDoVv34mVzzP9xzmqL54KFQLQItYj/AA8IH8Z6AS2t5wAA/wTb1QCI2nVJ4uoKwpRbIvZZAAAAAFpVsWA7PqDA\
    Kh8hcbZ9Mum6d2vFRgD/HQAAAAA0vI5rgsnW3K7W/4kAAAAA8uWEvpL/x/8ix8vehUbbrld39v83k+WO5Ab/Va4u//8yY47/\
    mLon/9mpPfcgM4ifAAAQALULAISDFDX/GCyHwgBbs6JG3ISFQ5M7owACNqwIAEQeAAAAAOR1yifygrR7pnNMhTJ0H3ABoiOC\
    O8k4opnvmoc7ePHrPkjixOxbPUYNeonDEHCXirg4ABK8cbBR0GTx/9NM/2QA/wACs+NQZRv/d1ymMFqEu2tm95vkdOaf/08Q\
    ggX/K3Us9TT//wAL2vpcf9HsZDgAAAAAf1+/CFNT/zRgvel5YtvbUAAAAAAAAAEAMUgALi+snK0uudv/KHNzySRnEioAABAA\
    v1JleeSkK/yuwI/RAK7/I////yDg6vr3nldk/5FgAPPUqlX/uR+m/+cAvSsAH98xKjrLrT7Bn5bM92PwsqqK3jYA04JjEHCK\
    XSxT9Fhij8xCyP9BSG1yMYzhu62TyL/Mk4OtYQAAAAAAAAAAJg/NoUUdsOe6/BFZDv+H4DiPrOZuCa6bGXidqnjLtak8d/Og\
    S06zovTAVavp2e6bxrd3i8tHCNHMF0j2cgAPQzGvf5qDjsT/wmP0ysDToLuR/6Aj4AAVOt0sLb7/ADUTAP8eRAD/IVT/AAAG\
    8TYelfxmb3Uv/18wQ5klgMAlsPaTgaDfFf+BdAas101hjiWIXy6zo7OFwvjg8W7rRtgASITayYuX5/+bcNa0eKzQQP+30kJo\
    ANf/dTbc8P+f2v+GShyqqwFfkKZv7VN38TI2wNWNufLd7/9iADajDhia07sApHp/s6axlfXAwf+nxzT/OmZekREAslp2YTV9\
    e44khL5Jn1P/AP8cAAAAAAAAAAAdYP/QTV7o5/8K5DABAAAAHfwT1g3QALy0AJdW5g/4xFYzvosAAPY+rIJ6hXzrIf87kKKx\
    AAD/If//AAnZqopnjz3VnnBeib+Fs1Ce2P+9QgQJAwBxAI0trjemZf9gzjoAAAQAzj0ldNE7IpIAAAIA6IX/Rf+x5lzQ1/9N\
    ipXZdKyFZaZ41ABmpJJqm9lUvff/Xv8bTxYAQ4ZHFJJIzUNmAclPwFC2kXv/oaEefmRKWZIu682rBP83XG/ZN6t2////pf//\
    v3bvhWZB2ZW1cOv/AADHLoLn6cCG/87yKMVVSwAAAADa6Lp/3PPPcAAAAAFmhA6MhJBmooRkc+J1SE3kVREiD////w5riE6f\
    LEYQpxkAAAr//0cZvmEqwtARP+3RAMdlU6OS5Eq0cqsAAAAAAAAAALYlP3SuqACOz7ZLm+sIzv/DAJ6ZWjV/fG4+62YAAAIA\
    QksAym9iJ9X/798gAAAAAKb/cDSJW5aJawC0ZgAAAAD3niZCoqKv8IPB4MIAAAAA0QykxfoFrO+uNsaxB5fZxgD//xUmAABQ\
    GBNZrndm+WTggW+ptVMsp0gSAFUcEWpINgDZsyBdhtM7sjiwrHxbw9KzM//JoUGUW5RPQ1bEAIJFJxVVKGaLSxqMj2kDG2NV\
    AAAAAM0IonaUBWHaTDUBpm2uVLV15FUnn8/ZMJy2wduzac/H+Svat9Fj/9eUeOP/tBtd/7IAAFMCAhMA1QPLSgAAAADGbcFk\
    jYbA8lWokP5RwhLFVtEAOAAAAAB/2H8UidGggomctIKatI11mv9ZiWTkgIkboOfqLF7M4KMAcnjJI/dkAJpsQpbZhqPJpZn/\
    QiYjuQBDh1Nk/32QjOEtxoYqSkhuAP8lq6HQq7XC0f+v0/eNAKY7K9Xdzprsvv//bRfwjgAAAQBlm36NVop93QD/AAGwSvq9\
    snG87r7NZnKQxtZRBQwAAAsA5oYSDt3/KzyBhn8LEop4j0vwfNd53vF/0kq0Lf9Pc2VRmVeOK5hje/9p6gTqrL5lRv+iswPf\
    9I18ebVVmYq3N9zxukDm2z26dWQB6LOVAP/KMcwA9h6lI6jP9edK/9v/Ss6jo2aasZk4hxhppT84e6vHZZau2snb8TlTJRxZ\
    KgAADC/v/0BCtOXUiU0telYAT5AKCsxfCgUAAONjAHhMIsL/BwP/oAAAAADni3NCadJCaGR1IMaOGBmx/wAACAD/Ok4R/xFJ\
    AAD/DAkWoak6cpihw/9MHip//xJRpOKgd3/cYNq2skam+X65l/87/GG5E/MqWDpt2zqET9yBGffgtj/SjazWq1Ju/5jBaJ5C\
    +3dipv+OWWQAAP8HOBzchBmnp08wY259TjR30mOMdKlB1rrkmGvO//EijfDltk6sSy1Zb5Rj4rvfhrj/xQcTw84GRErtkpJJ\
    3WEki9hvOp7SxqDYz+jIZwAAAAAAAAAAAAACAFlWAGpvbCfin5KFrvGXakoA3IQ0VLjSc/qJ2Xz/AL8Ed+zkYKC646TUAN02\
    OW/0R3OIi6x7qqa+X+/fk5qPKeakQyb/VQkfnP+Z/wX/LOzfoEacxwCBAD/2iTld/+TUtomxh/RjvFT/hv+P/E7/4Nc3kdeA\
    0YJ3pNnDbv9jmyfCjUqIpPgn/04AAAAAIl0D/USPY/9CrNfwG4r4nWknrzp9IwBsNVIu7RxiY+5Sa8pTOj6gQRI9VTYAAAAA\
    AAAAAIb4SnRhz1x2FABWPmhiGKghag76P0cl7rs6SJDS9yVE4msVhYh6crUH5uZoAP//BP8A/wxRzLOjSv9//4fyK7qy2AAo\
    AAAAAG5jkBdnO6VeSS6NU8E2aXT2T0G692YHpv8zAA8aqLJNM46KrQNQckzCcTdht7SupKjP3qXQkkyIgDkB+I5EKKi5//8s\
    CfVPTYKwVSeNWDuonltl/910xq9s33C8nOkr6ezfH4kAAAAA6EArhoCvXKkAwoqGACp2iglH9U7ntRCutKtf/zNt+vm6aHa+\
    wEGm37pLxf/xf0rESJsbXCDFzXeI+/9JAABFCyRDiuCMemvo/9Yhed/SCDkAAAAAWI9Tk1ucTpMAAAAAe0tkZWA+Wi3//7kL\
    3qyER6jCCalg/wAd8y7/WONX7P/MjMRpXf9be5WZXZbWAHNYF8OvTYv/PofO7hNaAAAAAAAAAAAAAAAAX+ARO4HlOILu3cxL\
    J11Ke4ieadXdopb/iTNs/46PuLVo//+cPp7MnqIHRWOOaLNfErb/HNz/lha/4pSoxcUWn8hWUOjIJZnNAAAAAMX/5LqNtcf3\
    GQCPZaNIsThdsf9fG95k7QzyGdAA/wABTITvMp0pss/pDcn593u7xFT9HP8Y/wCGAAACAP//AAH//1Y7gUFazmwZV+61nD9l\
    /zAAJUPGwZAd8OiKAgAAAKremX6Heq66fADFYiq4Q0gA/yfzOqgSlOptl3uE7ar6Pf//Hf8VAFNzmyXaBtd1yLxXafrUcybq\
    qdoAkoGQl2oeNv+3Y0alotl3SaLQZoCfDgAAAAf/qKAw/6bxUuBtfiOCJsggJFV3dFI2kXiRCf8AAAEAYv8AH7c2lGfvKqjC\
    /71r///RZkOs/wAoweYwsnU/y1mTst1azaLcYZQ6ko9tiyj/YpcTWwAAAAAXAAALOgcfQY+fmrqY8eeEZqOjX39OTv+fRk1I\
    ACgAE2QaJbrQADr79Dt2/8M/dKioOQpHz7kvdVXKuFcA2v8juikjXZ8QRcmCFE5YbfrgOmWZl28jGQxQ2OgAUJGd3ZBNJajr\
    VxgJ/yx5A5WN6GGLv6dOqZxYJ4feNF63cDu30wAs/20A/wABANt/gjKPcXn/ABEdkbG2OKox9GGwWG9Om3ZEUpki3m7///8B\
    WgQAa2ADAIf///8BdjKpknIArEd//wAUgPxhr4j/e8iJjomlkwCTRQACAAAAJjw7AJEAB0QIoTw6C5SzPQ+LIQAAAAA+ET5J\
    RxIzt20sHVZhfCsvDNRKZyHmaYiped5WUTlzVABaBTABAAAA/yQU/8aDeMKZ//9fw6olUU4ZFG8eAB4ZYGAIHVA8C1yJYk4N\
    AAAAAPHF3m/SptP/TBN6q7Ehn7b/PomY4mctduDNl7jV3qw+AAAAAFq0WhEeqzxDOKpCGwAAAAD/oRoT+qNIaqjAuoJGuP8k\
    7/8AEJfnIapSkp7xljyW/9ELL8v/AAADpPT/MLCi2TcAAAAAAAAAAQAAAABbW12DW09C/zwlErgDMKCiGlXtrT12ro4Ntwg5\
    AAAAAHhq/FtZiOvBMb/mfGSuXSbyn4668Kyo0QAAAAAAKkZhAA1GOv///w3A2ZR65z1zdf8AWyoAAAAA/z8/BP9iV2CEtXfq\
    bbKS2tI3rHiKgHfmK8im/wnIgfhtwVP/sv/m/7v//1cVAAAMiDCBeF9WYztaMLxjcAPeTwD/AAEWz2RRAP9GEmQAjDN/DY/i\
    yX2f/6bRYfNo9SJpAAAAAAIABAAAdgAcyTF0r+s0svpfkoN2H/9vKaZNY1+QWmHFreKS+N6l9f/EOv+L//8AAs5VOYT/OjMj\
    AI5/NByAVLl/iCOOc5y3aCuRbpgohgCDAAAAAEdqQb5FgDnaV/81Jqr/VQMAAAAA39+biNTNhfIrbwxSAObBrxP2ypw3lwAl\
    TcYAVjPWbe5dwpS/5Br/OQ9L/1U87t97ZamFcZkUQEv54Nsy////CQAAAAAAAAAA/wAAAeMTZp++J0SGFd42L3+StV5eD4th\
    nUVoff/Dg0QAAAADAQ0tyxNaIv8VmgWEAAAAAEiVBGp4uGvCivDrWv8zAAX/hDfUkUJ6/wAgqIdk+Q1gzHw6upZiVYRrNK1h\
    wECuqpvNiIp//24sAAAAAP//vwT//+o9RWTv1RZL6etCk9VVAAD/Av//ciZeotezFX7x/7ixy6L//5MaIgDMD7NZtkqq+H2p\
    XbpqXacBvKbaH8/w/yj/E10MACmgBU0ufy9PEIM1V6dBrLddfo+KhaM5Z/9+Fbyd/wD/BRamXEU3jFvlYpAiyWEDPlHMk7iR\
    49yB/8+6JrI3l4SgYGzCf7cIe10AAKGLoRb98+lBtdWqtQCEWMpchwD//wVHlmZkNXqF/wkjiv8Vn1bAltwmmr+lI7p44BPC\
    G/8GJf9mVQ+guh2vO7gV/12BAFX9+/uSs+3u/z9tzW0AAAAADmX/jwtb9PQLZWFEFfoeOhKgvV4ES/89AAAAAK6nkSPScHdL\
    xE4yW2pOFlsRTGo8JiK00jMcqsUAAAAAFzD/bkCFlXaF4DVDZlrbV5fET0q9gX983WaPgplUQHYWDWf1CVN0wYD8E12hvBp+\
    QeXCxl3Q+ZRL4C+mMP4V/5TUt8VWu8+HTWaGkNIbt4vCWKY3NM+KuFS5sv6IofG5AAAAAAAAAAAAAAABAAAAAAEAAAAWjU8t\
    mxiIUuBhdY2c3kH8f4B2vjwA/0hsb7xQrcxWpq3/RzL/AAAJ8yc3QP8/XwgAAAAA7oF5iv+Fc+T//wACAGjVxQB23Z//AAAI\
    yjhVwrtnhlsskCSKZWcl/+E5YIoWAAQAPw1RcHYhTf+cRh64awQAd3ejsaSK2/+2WATPdpYAMPCFLDmwAL//ILoeFVVzGQDA\
    XQBLqTpi6octz6O1h4GrT/8AxDDaKHJMjFUma5NOVfmUcXGbd7P5L4YhsWx6L5cbAAAAACX/QyIS9j98CWJRga8AFYTcQD6a\
    aYutmkx+jnFFRa2XbCikkM1AAEMl7FFeRahWWJmHllOK2MKXqruH/IqtIcWuiUmyx5u9/zPmjeUA/z41sAD/Gkxjt49hxU5h\
    omJSUKAvcFZ0pC87XIsXCwAAAABeLARnZS4D/990For/tAAiTQDpJKE8sqnYzdignf+zVFYzYV6PD351okVcCwAADABfvjqe\
    dt8+9o1P3XOJaFfEc9NF/y3ZSPsRhQf9jKhw/6iWjec0QxxqAAEAAPMA0MLEM5jVV/9FcqHJuM3u6f8vAAAAIhUzE4KINWpl\
    zAW44HtTkukA/Clvnms3RYdyWJ5Ss5CYk++hgN+mWcqMTZmRMS7/ckRu4GwAglozAJEABwEAAgAAAAAAAAAAAEInvE0brCyn\
    HskbnZkA4lirAEWMugUIXaQWIE9yIhmjPgwAUjIvncU+Or3VAAAAAAAAAAAu/xNCS8hkw3WFkPzhRyeVmXOYmmdttsa4MFif\
    5pvfiP/SrHOafkajO1hptQAAYRX//54dX5xGbQ8XAmDNrVVIbgB2RT6ASK9x4ED4r19Ccz3HpNsW+rO0BgAAAKLNT3dVV0l6\
    lYJxeeP8jq6i/yU34W0GvJ9mUP8Ag6/QG3NM/1CnGYy4/1wvZDaaQmogU08MwzbZBbAY6IIQNbvZA5z//wCrTAALBQAgTuI+\
    /3//AgAjUTJeQiFU8DgvkdEhZ/+3KG9ZAAAAABiVfTUTpHX6eJ04p/+ILjxrqrRmB7pooZWSAFdX882VMP2//3GXBP9bXIf/\
    QE2xv2s+PGaJG5ZmSaeMVwm8Zk0fqn+ULcCJ/0RfZeM7IjhfG8oGU1eVHsPIbVyCyc7oWj7kbmo+eBiHUaXY8US2qeAA3gBH\
    /wD/A64fvqKhKcNiAAAAAM5dHU+zqH2EXLwmpRiNV69Mat+z4Lwfwcu2LIUAkv9JOMhbfoWTL/+Sgyd8AAAAAGpVAAxRURCN\
    PYxfwmzIs6nGxr56UZaqQpvH9VL/qNK56WqD/2YkCdIbnJOyi7ub3KmLFf4d9TvPWZiiq6wZXNSGLgz/5Dnurf9D/zUAAAAO\
    QgYfUCoAAAaMM/8UdUShSnlZYT//VVUDALKZHjvGynl1vd+c32vMecN26fKshvGtAAAAAAAAAAAj6d2nBPr/Z7SfABhwvwr4\
    eLYojIMAZiMwhHiDPu2j9+eyi///QUV9AAoHABT623tn+vLSh///ZgAAAACDf7I8dM+xm7Dy5P2+4f/iKjbmVNgA/ygssqer\
    JMpy/5uXS7NaNcV3KDCj3T1FctgAAAAAAAAAAP/qX1igqpTlAGbC/RagfImP/0oprCzWfrElvf+JpeOlfOe6mJahin0AAAAA\
    AAAAANOjKYjYnyieAAAAALroKDieRQW7khQJoEY7oi8pGl91pB0dk/99lM3es+/3VNaoWEHmnYh75rZ0qir/Bo+X+rxoiv9/\
    TgAeRF0ZEckOMG7/UjVqnv8AABQA1P8Gtp6eSsSCkEqJGGxzdwtpuE/qOretfjCX4Gi8t37Sxf8c7h7/LMQ/spV4/zUAAAAA\
    e3JZPP+MJWCKkHG4Maya/2LyfMdhgG+lHxdQgjMoN5lxJVT7R4lYzwD/WEsAAAAAAAAAANzew2Zua/G7CSfvplSxT23TczaH\
    /1iKqKtfwq4GOJ3GUE8X64ItT/9YAKXQZgDMBQADAAACAAEAAPAqEjTaWGLztsNwcKC/lVWZcOPTglf/fjiGtBYyvHBljIp2\
    aoVzizW6k2gA/6IW/2b/CqOFuVwaWCaQEWc2dDqss0oFindePmBzklJSckcAAAAAfwAAAn8tACJRnoFqSZV3Xuc4PTbgvuy+\
    2ND6aQAAAADa/7YH3P+SWY/tekmZ8LtE8/HfcOWOnzvFyhqJ0OsGdAAABwBywv9Zr//2HRoAyiczHNWfLH7GZzPqrRkAAAAA\
    nwB/CNMTkU3KtZ6Eu+m7hKyq0nLqFltk1iJoLAAAAABsTZIhZFme9V19yaOiTbt5tRd+o5sqcRIAAAAAB3JCayeQZf+Fo6/Z\
    w0nTgXoAamxeUClvxblZWM/lz/K//9mV/wD/A+0o86tWgv+UbtfQaPh8um8uF81tnQlY75MUVrwzlT52oaMI/NGLX9HxfaqZ\
    qLJXyXnSQP+wxXq3/6crjMxoP6GEL/W3hp8y/6GuAKv/AJ9A4yAYXf82AA5zF1UhfwAhLv8AAAGvR3i6qjiXW7+NACSzYSL/\
    mCcSwj1sSqUQtmOpEIFSfmdhvaBBqXykJ/87wlTwiP9LseLchHO3t6BVdWZv37I59P8w3rJziftgBae+mJwAhgAAAAB0/T6X\
    ZtBL/xIcuVEAAAUAY/8dpljoQ+8oGf8yAAAGAHT/GjnYvSS/5YE6/zabp7gAq/U3AAAAAJxiYhqxWFrut3g0y892l7PZWOT/\
    AAAAAP922JLn3sz/Jvhf2wD/AAv/wPhNpqTEvCdkrYc4dHQ7Nu2/WXjOrpTDoYFw359/CAAAAAAAAwAA/wD/CNUD4EOPQQlS\
    D4pytTd5o/3rKT+gXy+EcFxB+ZDwKPx3/2b/BXgAeBPkyZW96OaL7INHcEQAf8hCWVnnjpcU/357KtRCPAw92zY1K9du+Qta\
    6fAJavaEFLfzcxdWfwAqBtwFGl/hAFoRvTsAK6I6NH9gLdqRXQCe84h6veHQ5bm/vDxk/5Zcwv9qcOhxAAAAAGhkVji/cdY4\
    HBfVdhoatn/Z9Vk2AP8AU7o3F8z/AEf/zhlsyK8TDo6LEC/ijx9V2q1Hj05sDv9sVE2fdqjBNT60OZU6BRFVsEZ2ocqS2eh6\
    FaBbRhHXXGZWsqJTzwB4YdUgTZTZ1498ao88pTBEJpkOZ6U2M5n/BQAAAADPqzUr17Iwbig4NNGJRYeExyD/Vzs+37RVh9b/\
    T6/aTf8AAA6bM3h92seQRQ8BAQAA/38sDL5lozAiPbEAAAAXhgDmSHEQtchruIlM//+MFKvkW5N3zUL/THEey7uhKaf/Xzzh\
    /CRQ8vWEkZ5KXlPrboRC2f+Vk6TCFKP6LWVm/wmyNp//m3gkVQ5HWamGdbbga16okwA0r0YNT/8AMydauyH/gaBi//8v3b3/\
    U+S+0mJSwaYnVkm8Sbcg/8Mq5P/0Zb3a/7QA0/YUFf9OI2/jAHvbj0uA3m+nIJl+RBu2OIih43hPm6zyBIF8/cc7lLSxf9O0\
    Kb/EoS1iNT4AAAAdecjdwZrZyeL/SAA4RQCFOypG+bQ0bf9+PwB/BC0GxNQjopj/Sf8x3bHvN8mXtmL/d5NpbwAAAAANKBoT\
    ACAmrVyxZ5uJpf+lPhX9uwAABQAqMcezLS3PuwAAAADMokA3YyJ2bm4agH3CXHNYiz2EaIIxjykAAAAA6h63Gdc+sreBppa5\
    D/+4lR/P7ZFId7Fc/wAAAwT//zQa3P+cQiTijYcAMLyNGAC4SypBZQAg7j7K+miac4Bo+xAncPRDvSK6VJ4Ls46vlPmtzObh\
    Q1O7XzD3fcmhmXb/vAJT6kp8hrhsavzxxKqt6J/MQc0JP7D+ED3P6SlS5FcDAAAAyp4IOpxsjZvgTKqmsFjFpQ2F4a4A//8Q\
    vTkAVX5Rd+hhcd69eNpbjN3/ABc/8I0kXPtZoo2uTlX//wAIYTCqc1kWmv9jj0CSWf8bpk3ZWrl3dd1zpYzx5f90kP+7ZwH5\
    Ga0a/4vJtf+BlNClAABOKgABAAAAAAAA/wB3b9o7jrdPqdJ3ACT/W2YmwYSoSLRVAAEAAJajEE7Ar5J6rrjJaUqrezoAAgEA\
    1SI3Jbo3RCkAAAAAdQ1MuJEhcmt5S2iXXVZW/0SeeaE4a6NwAACnKf/ncwvni411iU+eVySRTEZ08ApIAQAAADe0x3tSstJ4\
    lQ6kV2Qxff9mHHVQAP//BAzTh1MAM2w24CeL6vIrjZT///8C/16luqq90eJJ//xvwDsASflJALf/ZZeXwUPjhK9ej8q4so//\
    asUwxBDkAKtNwFfDmFqpu0Fnt6hCrWedoNcAVAAAAAB7pfOAoMWUhIW6KUMKZMRlH6UAOWySp7VuctvzhiixTAAAAACmH0ii\
    qxVM2gABAAAs/0Q/g6YlfNmIXnn8keRi/93/DwAAAADBwG6S5/1p+P//ehkAOU90ZnmI/7SSh/yt8xv6SLCS/xVJ/8ifstdT\
    h+6Ai6D/fCsAAGAlIwR3pzE4wHZet/+anuis3N/sK8HPWntlAAASAL/SLDS5skN8AAUAAOpeT4flaE2LAAAAAP8fFcG2e2rW\
    b8e1cgAAAADA4kktIXEDphOGLYG7pKFXiT4V+odDA5NqLoM8lidkeuZ1KJy2soT/gLS9uwxZ2CjSoVk555KnY76vwoai2a9g\
    v/9/BEIS9RtadcBVklqsYM4Sn2M3mWamALh5pk9VW6rZMQ79m2wB2F2JImiaAKM9TgCNXjsRfx4AAAAACTFiGhNRXndPqmJt\
    HcApwBu4Gf133RuLx/MhFwAAAAARiCIPTEhVP8cto2qhLT9lOUc5fFdzr858y6f9qJp+78gxYIIAAAAAAAAAALyP/6nFmfne\
    h2BFQj4fY9xLGovqOkFinB2VEZR62KBk1Nv/JAAAAACJOtcNjS/H3LsqcP/uAABa3///CNf/kd6X3VDiD3IAiFBeFZHc0Dx+\
    ///dD207ADiUaAGhj48AEKsf/zGlZLSGm7yPe4XedG0A//8J9SgtM91JN6aoJlI7AP8AIMUaO4XxFFT/wao+15DRNnEyEY2d\
    NxuO/01CReOGXQAmAFqZLTBhbqR9emJTzQA4JBxZTIYQmGHEMNHHSVgK0DE3TOpXJcrMiBrZW6IAzSMk//+uE9XNlVzMZrFf\
    fuJX5krzUNUVWkpdkRckd0zCiv0y7qWcAAAAAAAAAAAzCU9tMCBchIqlQoO6wSrCblCLjwAQglxNlxRW+bmgXH/N5HKOo6WG\
    W46lnwiGucvSQCD//1YMomx940kiKHWqQb9o/zvKQb55WnB23GralLYfamkbWABCJrgfcGmCPripPrWPySCcq65edapktKNt\
    WkNmp0BSl6ozvvJ7gPzBY9HZQ18z1gAytdi4UOKdvs1PYjP/MXsmn////wbQLhcL0W5AqaujQf+LnhjRr6hMkJ368/BVvKj3\
    P1ZMiP976Tpq3pRnkZRJ9rKBQLv/3YYm08dyl+WFoVqvpv92hOX/tSDt/1e3lS9LuzkZgYMRVILlQcRGUYSYd3lioLPoP8yh\
    7Ey0cWSxmkIu75pCc2rUc1AP4LIfCELxMlIm/2SRhv9eeK3/Dc39lV9/Z36wSQDKfM0xwGj/NCwAABMAcprTR6vCtnH8UOzn\
    ijyx8Rpxfs2cedH+Nxdz/xlQgf9zhr35nwV8wDmZeVglVBGjPw1W/xg39c6bkaxmPf8qugnubu9Woud5YYZ3x0WUNmcLAA8A\
    qiTGYwsAGuU0Moz/fT2/5XYdJrVjwKXgh///PgCadT0UvpT+AP9mGflBwZDYT7vVAAIAAAD/h3or/6KSRNRciiamGcYAuwqX\
    QEdqo2YAq3cw03g1aNtErs/zHFtIT4FwDliZ/zWn0WD///8ccipHTi8iYqGKQ6j8UmG+1ADP/zByAD8UQAhb7ycAXaGWgQ1J\
    xZkQjQBYLVRorzhwt/8AMmo//wyLeNybnl7ibIlyZldrmEJwAMwABeprzDLMcqo8AAAAAAAAAAD/AP8BqlVVAwAAAAAAAAAA\
    13kcc2BmSOEARG2sAABmMuumpqr30bBlpgCQF8NZifanWkDUjGkAMwAA/wcaDcVMAAAJAP9RTGSmdl//BZdJ/wDGES3/AP8f\
    b1LGdR1ca0UAPwB8c72Q/bP/98sA//8B/yLJQ1It7p4BSJmqd6kVr9CKlb//SPU4AObeHxKk2cazVLOU/5aWXz/i1GEsQ/Nb\
    0hisSp0ubn1ShmWSX/k/iImGN/t6ZEujAAAQAL/fAAie+QGOoP8DSQAAAgBypylDMTegLu/027K6tOH/MwDsvcZq66earPeL\
    h8Hpqfjr16j///8IUQJxYW4ceJgSGAAqANYARZBp0JibRa78ZEFL7AAAb0nX52jQ8/9dsgAAAAB9lR7/S7VqxQD//zkKAAAA\
    /zG0SHybkc9irZCEAAAAAAD/CF1ryhLCun9Mqv8A/0D/AP8GAAAAAHrwa2Zs/3GpAP//AdVyKqzIjxv/yYQPlOArf3TWAOQT\
    /yRhFYl3i4IbsJXDJUifugAAgjH///8X78PYxlt+f+AAPC1VCAIBAJ35dy9k3Fdgd+4AHgmc/xocrPKOSG3/FQD7AEYjxR3A\
    qGgNcBEAAAAJ6EVRJNQ0gwAAAABDhv8mR5rockBX5Y43BOx9iHb5WHOqqjN2c4hUsqq7k4TD52yf0uuokq3OvioRk4NnAJvs\
    s5Bm5ZbiMNk3UGH8NwGpgJLC/1yuxLh7vQUxYZQADiQYVwy4LVko6olNv0xkAKM4PKpVMxNqUZwcLE78hSEqc9ejACcuJECf\
    OhFk+VK2hWP/fxW0wFFv/0R2/b7dqFeg/8wAKABq/wwimbBLTxi9kUxeyGcACAoA1LRqGNO/jun/z97/0Ib3/6Q0vvbkAFSm\
    maIAaQDWSJA1lJO5xdLphDvedZ48bqLuqjf/9P+A9p1kMzaVPzAAic+rS1WwVSxRlQAI32xIE9tuy5upyj/M/7xItnsADgAA\
    gxUdI3chC5o5AAAf/8GgNteMcoHMZmYFAAAAALEPSYS4J1L/sWFgvJIyUf9/EEh+AAQAAJxFQ3zjUaGA1HvLWUWzVFg4wR5b\
    //8AAgo+/0klZNmjYJm1ZHehnTx5eZ0VAAAAAH8A/wK8APtJXXJ5eE+ZTXbJDcxMAAADAOpYpku5d1/YnJkr/9lxduLAQ9WP\
    JTTnWBk/qjwAAAIA200aVpiBNKtS1kN5wGsGTi0AXsM2EpP/t0/VgP/fvwgAB/8jWmiCjW6PEMxpcg/du28EaYklMEoSR26W\
    Ourfepuas4u8MXNNAAAAAHkm5TtVAP8DcNzcNJSNsbHhG1Wc/wAABQAMc2MnFGT/fH9NTP///wKcpU2Or6hF/5lL17AA8sue\
    YKOQ+t8Zntv/AP8GAMVPdDOLc52nVeF4jnLd+bNB7ObqAP8+1v8NE82pdK92t5+OayEdRchPPoOIu7r8aUyK2pNEXLmxlm6v\
    WhJFYwAAAADXs91bo6qb3UvIJI0AqgAD/+VhWevaaK3hmpFWxqgY447JMcoA/84/GT1gR2oQS5x5G0hUAAAAAEEyljNb/9qD\
    Vmpq9lwRMNm3cF4rAAAAAP+IjWfmbYDGey1tgjZSr1AA//8EbTMAI2dQIoWQnFRVnP9aHzU4VWg6EGquTRxjJAAAAAC8bTRN\
    wXQ9y4JuhVgAMR2zNDkg/slOcHj/VaoMAAAAAAAAAADud0QPzWs5tWhyCLAAEU+UPxCTyn6+L8NuvACdE6N/nADl/7UCAAAA\
    AIT/T2RjqrmeV2fHCoq1v5e2ebPtrSuBAEYAJAAAAACowP+rc+nT/wP1LaIA/wAK/wD/CVEbRoMaBlPAVSGqkEl7O80bmABw\
    EQADAO5pKHlOkjSIEg4AbDxEQpkk8Kz5xoSL/8dLfJdKv4xZ2EAy+ZGhmPIs//9WBwAAAJ5nEkUDoZXgZMpp+f//AHH//wAB\
    7QA/LFMTVrQ7E53/YAjF/7sA/yIAXgBBWGAYxPitmaVVmuH/OYHcm/83J0B5cmawGcKkxheJ/8FOQNGyXn8VdAEMAAA0AICR\
    KgV79RNTxGiJjuKWneXsUcJTxVnJCrm/0geOIgAA/wKiK2WXoUwB/2xfJs4DfcZRcsyUYKfFIJsA/wAE/5+KiP+JnP+lJ6S0\
    ihWfGAAAAACd/20Vx75FattmSu3/Y7b/v4D/wADtyYAPrWL7bKeJlOChu21+lXfP";

const LANCZOS_37X23_41X23_RGB: &str = "\
    Aj3LAJJ62to3q1EfyABYjD6EF3JuoItbq/yFRbT2Ak/r40Cv4N52h9ythVh4zI6q/6a/uI2KAOn1Ml50mtg5sNkrOBRxU35P\
    Oo3SH1qLoJkK9J+Aeou2HNK7i53JqCnbfwLoISfiPSent0uLqiSuLk7BAP+wH/GvaPiz+Xi9a7KXsk2Kk510Ht8Nc2xkfC+a\
    AKNPau+ur3chvIGPw8N3rM4WcliniUbS5uKknrs8dj440aL/CGLCbBnx0U8QC5hQq/sMuH9jgmHgkW2SWwAQhyY8xM/0UtWf\
    B2NfUKlcmkWELxYwKq8AQdKfOEDQTzlELJel11Jd+e8LRPtZteMy8/0I+MEqj7PIieDS65oqez49xhxFLYwgL/g9TeKTHk/1\
    ewCOVqiQeq+92g+cTJX/32+/MONeU4vTKcT/l5q4rEveQ2zBZ7qzf96hCKsHNBIfQRMCXttdqt+rSmnkZhZQ7QBv3inzbKvT\
    ZuJ2gqAEK/YcXwaMxAfkjWnyp3L1o3GlhjVpVkqmWtXd/7LAyHVtqQBSdZjoJJ/XA0f/jltb+1hddQv/NVO9yOlDhc1jQtqf\
    F0nLzDlP4kpHRCFKN6aNhtXPbZCFPaY1KgAsFCVGAK77iThse0oBJIFgf0HD1TtjiKcxW5F1cQJZSSvwVjq/pU+nhtoysJp9\
    sriMrP83381Ss6O+W5KojTIJzQDrhblAmPQAJeOTJzBS5UWAoZacMX4M2vRWmslA/rXgmw76YTP4JyU3UwACGXKJSbbN6Hmp\
    aYBiC0xHonXyEjOQG5BDinx9S92Hb6vVdTHhSxdPvFBXmemuQ0UAFbjag6Lej/9Qh4MANEODPdaNlq41s0aBs7fGLETBloUs\
    dtvXybH9jJNgUDtGag6wNS95ZYEF3dV5BnH4fk9T5HgHw1+BV83IFaUzKYAirFh97l1Ro88utVxfsKOgVnP42qDzsqFGXLua\
    JnxiADAJPKxnrNBjZgprHpiLWhDEtALHj6FAjcF5m59kuVpSiZGfdt5v7lgibthD9vjmp1x7BD8HhGlLa8dnPOKDrdnBt+rO\
    UaqtBk5mMiTixkGMbd6WP0LPbROanMp8WchTVzg6xUadbHCkZXeQVZcoQBBHPy7bB2GajUG//6Lrjpy6VC/cn/11NOcK/cv2\
    fmL0TsMSRqmPS9TFh4+B3zzI9ZnLnW9KOLYpMLb1sZKEkWBMZTcrs9tU7HnH+EyJ1MwZfUFwkv9hPc5Yb5wU33pglW+ayXg/\
    yjpuqwDTkxSGPUtNwHyYqrzTEN5/Jv9AskSdbG9QaqwOgK6pd7Lw0UWei0KUC5kqbIIFneV4YhdIoJsw4v8pabQXU9Y5v8+e\
    aAH/TQvGpIJNzfaksqLtaFtHkkNNtKh4tf+KpKeHYTMMlKWFaaCJ8xWNqC+hsiFu64Aw/4QYz4BAeqx/eJZ3m+VFnkFbZt7s\
    hsT/rhLi71Y85eA0OmCUTR7N6dn7WrqEhgcRyuYFaLsTUcHME1GDkhBBmFJJYH1gnYKyFIekK2GGNOmePeWKiIH+JyBTPlmK\
    djz/vxyWy5AAAr5JR8X26V3fJwmyADWOZaKWG1PjX4X//6OyyR5ngSSN8TG6/GxnjJmVPrvdsZdoRrIUJEk9oXGB3rzTuV3n\
    KOShEKX7jr1rNdNoIkPIUQDG4ndDpZgdAGI6YIFl5Uvn2XjH+vwc0Gvgt7eUVt0qANY3iOC9ueGbIeJJOLT/g2HqppZCU1Gp\
    o6M01MGa3kz/0QC0oHaGRYrdGQC9jWJ/23joft7/Em9SsnM3hCrIv1HrqmVUACwrD3CScYtX6sMMTUGDYHLYty9WakXJB0eD\
    nWgAte5IRcxj1Dcllad88ZagitJjJM5mRf1VGqidIIZQtI1I4mfjmpKqq1KKz1YQq0eWRwtJYFATvaxTvopJgGOGXUKRiAAr\
    1yTfjwNd9TBOZ8ubL6WGABSFVVo3jqh7kZn/8rl3qXAAI0INJ93Fr8FS/YDH/9v/vuF6KVlSV4C5x+uKN5ImdqRP2sHWYyRI\
    lIoq17QXmPCTRHKrmTlOzI2vKBPPBW8YS0r19wArxMCB6quEstilT4pcrgAApV88AKvddQqye8xElhYBeBGuygvxpEFWhMV4\
    l5HCW2e3MqTYXSFVVIUCT70OhefbTFmIwspU6s2K9LhultRyLn2b9KFXoaqGkVrnoycSW5S8F7b1vKE5lVhbAH3/Uai0+AJm\
    0RnlTpi6Ab/+v683zeJojP9NPWRNVTy4zrJ/sG8Acbgq4QPHJ+7ivD2pnputjEpMVl6sBHXOCUhwMp+ImCdK+g616iSC5bEv\
    79iCWD1lACTEflnC6V0lk1Ar0Uo5ybQgyDwiOG98ACIYmX1L/4lZ6XiNz9yj388c10UfdDyAsVs5uwiqSDLjcGb/Tslwi5Sf\
    lCrpbpaS7bHFjQ5/X/AyiofVVp3hyd57hW4udIpYULgjFCFGViz/Ev+uPuljoRwA2e7a0k5Ykpcrqm/boT2lgKMs0p1m65Na\
    nVaE/IhQbpfWAECzkQCB0KZo3nnFqUPRdeyF83Xzyhju0zFahba5Ja00mfFDhzdrUmxXeP9dpax7jlevLiPh5SGv13+xR4BQ\
    VUZBdUWOx7FI/5Um4ClEiS8iXRNr+ypGx7H/eapZvSFfwQAVe2SknHaV5DoW90Wmzn/HIdLwBDfCWXJYnjOtgYbjYPgtcsl0\
    gSTnVjSPa/PB6pd2Y12XgNjY3cL6oYP7JGJFEXE7fyjJ+T/qvv//AO/GIPk44su90HmjRuBMYsHOSoTNHZqYg8fYz8jkrITv\
    j+DGRcwQymW/fSLHI9FMAG4ATxl7sWvvmCnCmCPRd14VyNyGNjD/QtIxMcTEzVVvjXVYAKT8WmKZgQJFmCVNM+YGUAmGpZdz\
    ine3SAAyaD93P6O1Y4sA8HMfHJChB2mZZGIyjJsCn91o3k9CqUwIfsCbY7WzObpijPLSHu0AdviGrs9BI5YMjS249SKBr2sq\
    fG6YamjFTcOjS99QVHVDb9ywKcwTL9R7a761f6uBZ6mMjG2H9z2U01KyJVVOqJTeIqeoYjrclEFEaIRgQb//LuLiULPDeJjs\
    jZnlpvB033gb10uor2v/LNeoQbkX/kVDzarHDeCnTwCTe5kBH94uAJAknbC8ccaLbLV+9pv/3p+5oM9BQ102e+WNOqOyS9g8\
    13RiqDaQLtnHc6q2yQBHpJFFkdtmETr5gPDPoNjSivP3iWDSZVukhPm25cnP34Ler/Pke/mKQ1Jd27fcQ79XR3S6nIB3eWgR\
    Kzs6TV494FHXcl5Z63rX3IlMV5qdDnySOcKNK3BRRzEx2NnF+K6+r0Q8A9ily3wR/87h6HV5myQNN2i6elOqrQBTVBTC8mU4\
    qNnB0tQVtGse/w8ufCBQAHIsfK9NgY/iHHDw0cDDXn7PECEr3cI7nHYcpIieg8hnQ1kAQkMoSONSvOymvZuw32RDIIeLHdWQ\
    n6o/1HmBgZG3jX+8kW61GJVG8leCS59cHDceJDRySryQTExyUFw7o4sdswZ1hybH3BxrAqRnPqvJgA3jSoqKWuAyy2Vs/42p\
    p/lwAGs8eyVdX4DRmKKXxqy4gEysQjc0vRGCrmH/J6bnVX6Ue/NEqILM8tLRcvpYPCJyJ3NIkdaLuc7/b9/Ei20bwhkf0Pqd\
    0f9GLGZjAHUXuZCsZXX/YCSG/0U6yZC2tYdv9/QRsRzk4n9ZLcoBbqvcy4uCMG0AUydiyCCkJaOMVPe5oaHGKfpdES02M7Mg\
    R4zVZpRjUPJOhKH//IyntuUQv8JA";

const LANCZOS_37X23_41X23_RGBA: &str = "\
    AAAAACdE3+hCRLeOXQB30jdOcsmmmoyi/zadawBp/xFzQPmCsY2bSLPugv8++6tS30es08psqP+PQ7L3Rqnt/wDKxrxmKmBV\
    sP/EdWRhpEwYOdH/Zwxlexk+QsEAX0g4BAAFAACbUJI2jT28/wBDIg3qACU5pA7NJBl4RjGtFk7TPR46xmX/RK4oU0a/hHxg\
    WrSgmUZ8RJT4Jx1N4DOoMpSq1DwrW0F1Ctx/dmn/nlc1U2XoMi2GnH4AapeYOoD/zp74n046pVsFBQMA8fz/bnxlrP+XSpBx\
    CwAAAAD/My00em1i4VlPg8ueUYpPUXuQvmgV9MgFtDOO75nqu/xI/2vgNIywa+hygFyPpXNpLH69QVCMWTpWoAAAAAA/e3tA\
    bA8Uxa8hZnrci5qLr9y8YFMQdoqFOnLhybJ6q5K0QIY0xnK9DcuWmYdni0Cpe5rsncBnuJ+FH5vUSFA8fhexpXIAfqua//8h\
    muLN/+7bAIfx0uC/F7dq0VVZgavTplT9oL0FlHZB0beoRvW85uwAVM/XCsAAAAAAAAAAAGqkHf6R/wAjEgCmbk6JQ63C/wAV\
    UdTYQm3nqvuG87CbAAAAApZAU7LhoRKvLU9PQ1/MGOJwtlSaOAD/CQAAAAD3bRUjmk5eiR8suZtUPWiaAAAAABWJYuOrrZC7\
    aej/cgLKzLkru6NqAAAAAH///wIAmZkFB7NbQBO2IYJ3QHqelP8DmTNEb/8AALpd//8AIqV5l+emALXpYzgAkHLJlKxScfOw\
    3QXu/8Ye8FtB8nOQAP9/LO03TljiVD6gVY0mXDucWqb/aGtfDMPiURXiyMZm1auHjEyHZA0AAAAB/9uOJ8Ku97oVko22YJ3J\
    ec8p+qK9F7b/sHCMMi11vxUAHxgAD/NVpwhs/f87Eck//1CJXuF7vOp2U762SOL//ySt/86xSo1lKYWmBR8/WfIlsXqaeH3B\
    INROfrddq1U8ZyKHI0BRrdsfBv9MPc2WAAD/A0T/Xlm7u8ipgplhzQCuAFJ0b/85TJbQ/xq9cJij3B9RLCGbeXUNjUq2ANhD\
    k5iWmHeWU4k8AAAVAIf/EYFFrJrLMhD/syoD/iDp+0Z1hJuNRumxvzhqTf8jAESnYK2Eoq7/nf+ny8PMERfiLBjOpEkt3sU+\
    MH6wxwBu/xeNiAh5mcVw/5Ozja0HBwmDP006zf+lo4bZRAqkytNn/7zShRcAAAAAgiDXb0U5gvxPVpbIy9L/SoCNcWNqODy/\
    mXZ9maHENTSMGbCYuC+W+YJUneM0S/8ibqsATJJ4bKmRPP+ZP1zvsRic011SrLVyiOxBUv/X/00rQSTpOTgcxv8SthwA/wAW\
    OIVrxYNc193/RsRBeZKymVXHArjTLwD//wAAKwD/kB4eT5pjRcM/uDn/AHP/5v8Vw+/HoiiFdlhmXvKMKAPmkMZ872TMhUiC\
    yiUAIij0rTIjz5pW00x3TfSIltyfqb7/CyQs/dM23KSOXjDzuhOq3vhb/5Ps5byKfJ11jQ9FcIFML9JQALYABx5gEGybZ447\
    RhJeNjTZmGbxKpPepHC4/7htbv/YOFbdAKr2rSNLorNO/1tOlJ2LrCaEE7qbZ2tAb/+z1Gq4lbYqa0aKWo5Rxc5ChXM3iJlY\
    nn51u65bgaecYokNAAAAAByMXWJnnkpP5USDPJCHblyC/yItAAAAAL93lyDIcp3+/z9fCHmn3JuRyV2qtv8AHG8A/xAdNXlW\
    cF6CVMO1pHM87GzUgPQ9vhT5a2S5shpN7GyDRAQADQB/+BVSOvYTtxzURGzmAHU0WyA3k2ou/P8jCOT/Z2eXY/iJYUwWbXWs\
    XIMrfKKKrbVTqNztoenJkNtn4aU1MNOO8/Hum8S86rdDOZWacmw2UO9POUP/AIcRAP8nLQDxL0v/ABIOfYcpgE3MV0zwQCn8\
    fKoUbwD/+0oI/xmeMYhnysNx4Zm5hsWwThuz/3FML8Lsg4ylnEoc0TZCAFXpKI1eiLer4YarhvvJclRVAAD/AigunCz/qqoD\
    tmd8SjeAGlcAAwAAKzTvdDhIgT/Vp8u4zbG000PwUTV6vohH3MItun65a/OqZ5I22FW3k/8A/wkA+zSIPnJkozcDG1KFOWrM\
    uQ2ju////wL6lOh/AAAAAAAYlXLMWyCc/8EAR6xUKZSvECU9dKI/SIKHOZcAAAAA5bIqHvCyKcQCAAAAAOUXbtpJzLCGAG2Y\
    kVYN1KM8Hf9cSHj9pH7F/+EAOaP//38G4MFC+k6JN88AAAARAP+MRXfFL/C4uDnS8WvxTDmCeoUTqBz/zAsdwNDh080z//8F\
    /5eyhV1GjJwAv6+kXqJXxJcOAFYADwIAf5tZSn8+poIp8cCCgrSiw///AAQrM/+9RVuJ7GKJADQBBAAAElFybQsWvcBzJ9fO\
    vmr8/7jDAIlwcNaxtXKregkKAAChGX5lqCN3bQAAAACCAA0nki4mpMv/fncBAgEAET8okFUAAAMSotvLAKXCcv8A/xqIopyo\
    Tpk3sBEBeJDc/1FCrOaEv1n1dL4/f0JwKnlwa4zH2ni8n/9YvGxbZ9tfPZbsALJumU6IWBLNocLlqjOC/yIKS1UAAAn/AP8W\
    H4U+elP4Hb7zmz7c/xyM/8Nh0uk/5qRoAI4IO8yqpH8rnb3/I6eVctgAlDyraFeJ0P8APP8A/wrmccydo9ZJ/3OUCP9V/wAD\
    YUMu1JahMZ/stmJGT1pXVzRPwVe7QOVPs+QRWG9lWcT6BpmgmhhzaNpxsj/HY+nBymDaTQAA/wqejH+c3cMYsMDwSH95rozd\
    nxrg+6oA7g8AAAAAfBSJTKgWqKm3Fr9EAgMAAP9AK2rXoSHNZuJL+EdoGq+z0EW6jf8ACcoy+ZObMv8z/3gARnOVDv8dgBnP\
    oyD0XwHUtKw403n/iv6F//e/8P/1w3/SvPzE6VrFo/81gVbFjrQwRLWFiW/GdPmvAAAAAF0ScETBoURHpDFZ8ldLOKZTaBPb\
    wkk7uVUXeq0RRoDg/99diPGTBv8QIfBbAAAFAOlyPUeyt8Jd////CABiOT4AmKZcSpt8cYVtS8j/Qv82AAAAAAAAAADnR0il\
    9ruy/2x6z7EobXzbbbinz4aZmLCYUFP7/TLPrauLvpsAAAAAxKjMomOUoM4fO5usIBnYpzAA/y8V5QA7F7cyjgAAAAAAVVUG\
    FiRROJJHFmcdu99xfJmq/XC2f3R6AMeF4V2C/+zBH/+ObVzkCOauX1TprWHlyQpH/7zoLhdaeucAUUydKJ+jS5OyrHuxiaV6\
    j226cNa1b3IGtf+VOZ4hNXJ6VkfWPhCL4ppQxbq8ZIJIZCQcAAAAAK0L1iywA+CGAAAAAAAAAACNIBWmlL8izWjMtHh2yY2U\
    rO4gPjjnlzZd6nK9QdI+nA6kNf8PGxzCy3VmaP9Pj2dDxjyIE6uEd2NlWnZfuAAouzGBOa0/X60AAAAA8znzQhsY45RdZ6FK\
    /+gAIqMSfJSUW4l17m4ALqRBTMKQipfIRMxVD3Cyif8AAAAAzISdunuRWWlKSASbjHwmwIj0kdpj42bkc6Q2y4nD298AAAAA\
    O7cnlrJZCVDoqOhwnZb94bucZf+feSG2IoPZWTn7XUfyXzxl3TJ5+R8yMlEPlC35GJSKfSx6Rt4cNhy1qkyccpAkT9AhRQz/\
    CPVm1+B4wWyleQj/KNYFZYZ93zkAAQAA4QD/nYtwlP8EygBvAAA9Oj5rQv/P/7aNGVuHnv8LSS1zWr61UkHeH4SvlU2aqm8w\
    EmP/KRK4jKkjjlvlXCP44wq8ADJZMUCPXl6nRtNfFumjiESlABgAAKAA3YGWPeX8af/yal7AuVH/y6tAAAAAANfM0e/WyEXK\
    25g0rrJ/n1COySBWfMUefWr/RTeeZWVvPhWy/1u4mvtWhKNkHNtSqiF1e1ueqVtiYPKRtgf//0foLAAuqm4Ui/9VAAbTYgiY\
    Ur+CvN+psLypUcFrWM8kdpWbJXvHAGkpAAIAAAAAAAB5PMIVlGO7tMqxuLxW4Po7S4Q+ZgARAACvAHWtwwB4o4mJd2JxeE//\
    Q2YGnxTjpUqok7pkAAAAANGon53Lo7Cfs1fhb6Qq7zAAAAAArLqlJZpktcWcGbvu3qsmViq+XP8A8tgUnG4Ksr41o//NAHjz\
    36lh/8n/uqgAAAAAOjFIcRvvXYCNvEL9kl2n/zWT521V/zgkMIyqiChVb7JePADPS0pA7xxOqlvDlyFFMDiX/jrNFIb0K6V7\
    T5JkY6u7P67/b09Qsf+2OMzarYOR/wAVqe8oyAAAAAAAAAAAVwBmkcqpHbOM5VeVAP/NGv8Nsk3WTYbDJf8AS1WIrFp9LM9R\
    fwD/BKr/qgMAAAAAqp21rVtd1P8OAL9s/8AtLZWk2HYbiMGBAAAAAAAAAADkM5mkmgBiqFxfm+U3hF/lBqorbz/h/2kbkMy5\
    FVB6vrJMAaSHaD4xVT2arURizRqCACtSdF2unI5KmLhvAGijBjeqTmzAW2o5vpKG8FXBNv+hLn0wsWKEAJaiFq3/CxZ1njMy\
    5IuzWKjBZ8Zc2wCV/wD/DcQoqv8kwLiYtB5j84yTVMGqSDe44DZJltmmgGXTOnlBAAAAAGu7yRNcy9V8AQAAAAAiNH/N39aL\
    Q0dgfJuLHt/qjUfnhwB8XIFAd1O3PWa6bXj6cqoAO1Gs3M72fFKdqgQAzWeLYP/bvGLA3oJcUGYAAEUWxf//H6Ls58+kLzN8\
    BQAAAACK/5BBj7KFsHw+MX+m2LihyZ/b9pWIrMpF/+3DHbs8fexuRcLSCHI5T62Nb2D/jqGhROfJw3Lf//D/RQAAAAD///8E\
    AAAAAAAAAADsADCiK96U/l7/RH+p8mx6hP+cNDdY/xdj16JhzH93otJEuPQN/z9hmokzd+iOGWT0YU9jK8JNhwDgRTsAAAAA\
    /29fYPBjmP89WdPjIKT0pPsRr///AI0S8P//IngAAGi5qZzih9qv2jB1Ytxxc3/U/58AGAAAAABV/6oDZvN7rlGTMomPdiLr\
    fsYDxc+7coFnFP/MGSfV/3yIkf+al9fwZZ4hjw==";

const LANCZOS_20X12_31X19_RGBA: &str = "\
    AFn/cgAgZWclWwCUVstH/53da///uWSL4yxLSogAPWelOWm3Z93wrRG6p84THwv/OwAtr8R1/067//9MQf+rK17GABv/769Q\
    rWjTk1Yhr7FARGp6CmINXQAdDU0AAAAAiABEHks4PstFjif/Y8wf+KfMQM7XzFZBAAAAAGkroWqXYp6eo5yI0XfHW69wxnmo\
    hqO2vr+cwqi9VoKNkRZdTzX0/0gAvK57JklF43pXiNjtf/2E9WuoU5u/NXiY6UOQ1vGJTJ9s2UswLaVVEqYVeTuTA5Z5VUKK\
    ddh/UCjFi0tDS06cRagb+1XeDvGg1DNx6nh4JnxOYif/AC5d8Ya7wujI6vDi/7RIAFpsYDBytv+1ssz/5runrv//2gf/AAAE\
    cYieLVihvZy0stzM9YHRo68AUnOVoTnVofFS74f/QTMAAAAAaeEPEQXVDZJKohrC1W1coHvEkbgh6bWDJYuPPkvRCMpL6gDW\
    AP8ADZcb/yV3c4WEmlazW5p2pnCUzpt9Yv94aGN2M758KC//rmxVuO/igYbzv5GY/4ptl+R3cXV/sthkzun6OpNrzEwOQ7ai\
    SYmZt6//a2SL/wAL/ylZJdxGk4VGZZ3EI3KPe/9LfyJ9areIUmXfewAHDgBv5gBpbcwfqH3LfUV6p8Z1cqauvw6/4kgAMCQV\
    AKcAI3v0kca9uXv/zC0M0LkAAD7//00r9rSPlLeIh9mIfnvEbqhoWAAAAAAAAP8ENWbwq0Ft94AAAAYAAAAJAP8JxDTfMaaB\
    aCHdgQA++jkA/wAQWQniNlgA/zQAAAAZb6JUhYS3dqOU+3lDYXmVfllal9Ek6UZTAP8ADcmhyRO3u7/R0dDG/+rRuJfj3Lol\
    AAEAAP+qqgMba4eTIX1yx0bDLl4ADgAAyj3/Hb5W7pfJWetbAAAAAApVtDA3Wrkz/wD/A6oA/wMinys7Hqwgfhq9RyckACQH\
    P10AbWGYbc93xqyV////BDoAWldEDmnPXL5UvmvOY1oGAwgA8KrmM8L/3YKx/8PBwJVen8MGIVUAFH8mAFckfQR0GaBDskxX\
    JjjTOyIAzGlmO+KazxH/K+f/AAtUvjnCQMEwqgD/AAMAIA8AD3xkYBtCK6pmVSJL//9qPsjKVJqR0Gd0Md/ZKXcA/y9qlqOL\
    YL6Qzneib9lxl2V+SwAeEWumkxp4/KtfhuyWxZOiXNyaXEGBOmJ1QROTM50SqiOZAP/BHVxN/2ZBVcrLAGWhqwAwwy9Irh0j\
    YNUjwFrOJbhmvV4+jsT/PSR0lnALO1KXf1WJnsSHnrufkHnLkrdsPf8q/wzFFKCXj4+X2WrrldOvcZdnjiU8RGYXNFeEpafT\
    kL+zvXLXkmAl9qGOBv+wUQACAAA+yZLAKteSygAGAACunP91gbXW/xWsSr8AZwZvCxdCQWLrExrCzaAu6lvOWf8kwmqOgIxr\
    I82Find+v9l4ObT/KhFm/ysxg4z/gc50+D6A6qUsZfNRJFjMFAALAP8AAB1wfEKWUrqo/1G3wKMAJP8HSqaLkFiOpa2wD+NB\
    j4p/nJyEStTcMjCTooDkpVe/49UpiC3xLUMAqR4AUzoAAAQA/xT/Gf9e/17/Cf+Nw1KbxXyjU+lpdYnEbRGqrGYHW85ZLEyc\
    q2uiqOdexf++GZ7VbABXjwz/PBW07B8peMhPdBiofroLupdZ/4gAD4hUTMR6RXfxoxTUcvRmbn/sWyba0TU2/pBqna0kqsaU\
    QF1D8XQ9GM6tKBVrVh8/WFFrfE7Hm+dX3h7/hb41oNWgZzPjVkwMarUNpEn/VJ6jnHNQlGV2aKi5YMX/1lXLwd1SpHMo5VGf\
    Hf9dT9D/5wurgjxMyaUkabWmHmtaYjrHOSYzhckA1hPM8dyrs8St9Z9HOHXGpyljudljj4VreJ+scSjfvokA5m1lNIMMh2tR\
    VbFDX2Y8c2GbAH9A/wAWFz9tAByFRM5vqFDuz3mxvrFyt0Ouuko6/9h1Ztzm3qGkMuhZfjm0LVWWNAAs/7d1J6mmd3FvfEW3\
    MG0YnwAzADsqat8YoM/fopPRv7564TE0//8wNf/Ddl//YodTto0wqZOhHNhSe0p8Um9sYJZ6M4GfOgBtV4UAYyH/PFWF/2MX\
    tjn/NXI7/31kpMmQlppHr8RCDurGdzq8uPOThQAAAQCIZwJWdYAQvzLZfnUMnLp6LkxorhpjGmksoWNKZWPNbG8Fb16dJQBR\
    379FWOWKwU/tIsNJ9V0rUnmaQVYApI5PAGNuSplPhXbYSIem3CBNlHWPLdRH2Tj+OOE7XgBVAAMAAAAAdkhWOKpCXofPS2Gs\
    qGFpYQCyfx4AVlwsVqFfjmi6T/9MtzDtMn4ksCpAcmsDmf9LQ97xXnSloGcAAAAwAAAADrtvrjn7U16E32M8sJzBV5FF/6Qw\
    AAAHAAAAABh8TqF1pTnMqmMKmY1WVERhRtQ2bACLR6wAf2CeZ///GwADAACDAG0j4C3CVP8Z/x4AAAAAPhsMUlmeUpRgzVXk\
    UKAR40mEEqpbyLhiMrDIfzXDn3iO/2RCuW57X5Q8vVk3N/ku5UwueNVqJb9tqVyYNvODQon/YidJ1nFecoG3p41a67pJhduf\
    AP//EAAAAAAoiEW3Sp5d/72feXj/W5Yn/ybBIf9o1jiGZpM5GEldNLYAAEqtcBBtg8QmkChwRH8jocdzZf3Vj1agRs49kweM\
    pvROMehG0LnBQMPnOXOdVDlfRiioEVJHRyY5XUawXXhu8oOpfsuL7ZiSou+1hMnRt9rQ2rL/92QAAAAA3tU3b9C4NtHWZRik\
    5Bpbk/87n3D/1HhIRHlKghhATrptzbu6qNyllNLNmndHaK+3MGbRk5a6oV2Flje3fowSlbRVHzCPKdmsdjPT7kA7unMARf8L\
    VVXGEn2ee3J6tJi1l56N08JjVvfJZEvNw5BrsON8pPDAcJvBEaURPP//Ix32oDtWZyY2kYQuYInzf6FE//ZaH2NRIm5YNCi8\
    Wv/w/5D/68Dt2PuDW3e9/0BInb//AAAnto5NiqqVRJa2BA41EQvPghoi48FCENR+RgDUErL/chSc85yWlL+8zr1XlsP/ABfO\
    +yMAnMGLEZDrIIXuwx9+6Q+gD2QADgAAAAD/EwAAe3IAU2xcAP//BwAAAACsAwBEqCMAjg==";

const LANCZOS_6X4_9X7_RGB: &str = "\
    ADOLH5COU9xeOpUNVKNDed+OZ953Sri7Pp7/G15QYYFyjqVtNJIhUpVTe5SfMHqEVZuWlcC2XaUes2hSyUl+M5VbU3uEgB29\
    CwSncnFx989Wg9CLl1tvhyZuSMGvY27JlADOg07pnXCkvFxkgbnWUVaKKSZtU6rnVl35gxnP9avboIvJMCy0fIxmV0hpMQya\
    QDfvJDz/RzbPxVZydpWNA7LHdm4GakFLTAC6LwDkAyr9IEXNhgYpVpdaA//F";

const LANCZOS_64X48_20X15_RGB: &str = "\
    Y453g3VgV5eJgHqJb3COboV5in5ve5CFe6mTnXh2i3eIdoyNiZyTZ5yda5OYfXJ5XJWciICicXR7fV2Gjp2EYoRtlHOWk5uO\
    i5F+a3pyeHlmm4uJaG2efXCFnXCGe4hhZpGXbZOZio5/i3KLlqaDi2p+io6IjXucfWKIY0p+snSNj5CDc5R1hZWZe4dffW2F\
    modtV356e4yykHmTlpJyooBknKhwlHqXhGhacoFqrJOab6OElalqeIyOhYB8eHCBZ4JnkXZ9e3OPVYF0bp6iinJ2h39dXWeG\
    b2iFhWJge110g2tgiH2TkJSRe4ZwVJCAg5GeWZJjcn5fh5KEgIx1hHN8q3Z9fZaDNG1jbHBjwoFShpaplo2jj2ucZo5wfJZg\
    bomDgIyJeW9vY36GlnRXfXWIkHGTkYyYkHuTi35jf3yHfIJvWnNhpXFohX+MoYCek4yBYnOtWXCdkaCHd3FkZm9SjX+ae62V\
    no+vc5B2ZIJ8hpOWX49+hnCAd4qWdn1ee5VmlYmDkmhrb1B2bml7o3hjUoyCoJqhkVppao5Jo4p0eJ2GjX5zkIuXfWmNmF02\
    ZY5jbGWjamx8jXp+UaWYjWSCjnxnZ1CcbmpZe39aV3uDiYaIfodwkIqRlWxVbWuMhIRieXWDmWuVf6NmbYWYVmxygFSAhFyR\
    iH52Y4FmgXefUl2DhHSLfoSGiZSSdGl6a2CmbnqUeZ6ll0qHfINsh5GCfZ96gH9VeGt/kK91goKDdmmjaYVzh3RkmIl7YHxc\
    dW5+gHeEZF5+b4x0cHuFmIOMkKeNeZp1f4pkenuBc5mChmF8eE5RcWd5jIaQjIePhWOFcmp/dGGDhH5skG9/mYdTh5dyd4qO\
    dZNrfZWSpYKren13cmCleZmce66JlYdsgnl+mG51rnVsi296gm+PbaV2ZZJ6coRrdY6QlaNvkGxxmndtb6ZwfKFaVoN9cI6H\
    VVp/k55tmW9iiVmMfY+gmplkeXV9dmySlW+CbYCGTIJ9bZJzYWWdgX+iepd2iJF0gIGLlGx7e4KPnneVYoR+O4hddmB5nHaC\
    k4huh391eJSoenx9hYlzXXuSl3p1fYeGl2CUeW+JfYtyZ25fpWpvkKmgbaqRcUddimx6b4GNfGOAYIqUeXSSk32LhXdbY5Jy\
    Z4ufYpRojoOcbnt6YJR/knd3gXGBe3Jif2lilnZ5lpuDjnhs";

const LANCZOS_64X48_20X15_RGBA: &str = "\
    iXWCmo+Dc4CysrIohF9YhZQuSXOQgIlzq7tRhLV/RGigj2h8jnZVX4Z6ZXlhknmNe3WVgG1rg3SCaXmsjGuTinOaxXd1jJJX\
    an9ofIuBVaGGiX9oZamCYoJ3fFpwg35dk06BaJGNiYeVu6heg3NvkHVzgpJclXqYep+HU4eKp5dmTqiCpGJEZX5+hnt2a2lh\
    UnyCe3SFhXiFhW6KeKp6e253T4R/m3Zujox4g3GUnW5CmV6Nf5JsllWNxXeWeXOfsXCHenmmep6GlICha3OQX2tXdHRObHqi\
    d22liVBlZJ6DjHWPe3Z7jI5mdH1peHVqj3qEeZehXYONqEV5lo15czJxhWV3cWZzgaV3mk6CZ6KVgmCRh2B7VX1tctJ+Ypqb\
    Xlplca6ZY3u+bHWWXoNmhJeMXKBmpHiBf2p3Yq6Ghn+gkFpxql91XXhyY4qLi0OUdmlmjnOGWoeUlHKXmHVihoFzeGxjd3Nx\
    daCBgoyKcH+JfZJ8aKZHa1miXGlVj2pudYl9goZ+aF10fV1wcHBaZmCreHSPa62AjXx4ksN0QlF5gX6dkKmCmKV7mp1tfLWm\
    dY+anl9fgnVxhXxaWneTgnh2loiBdUKGdXt1j3CFcIZ0qG2KnnR4f39zkJZ/nnCWn4+UoJWPg7Nme2SMlLitW3x3kHGoko2W\
    i42QY3iEo318qnh/e5FtaY51gKN7hVuAaoh3PHdYemJtiI6Dcop0jJ+OZIaCfG17iIB7r4OFqoKpYGaMcnZhvXWEemiEho+O\
    d35NkXGbeVyNeViEd4SVqUt9dWaVcD5vZGJmenqChIV5h39clYV+j3mVla5YlYR5iJ60Z3iBdJCKhpCBk2Jgb0V8jVhcaIaB\
    iJOcWI+bepB9lHulin1vkJGTd4dfgn9gYoCFkV90eqhJjXF5iquHXJlpVIiNjW/CVaqirld1mnd/cZlYhl+sm61Vm4CMjGet\
    g4eQkZPBdHC9bXI6gFZ0Z213kX6Hemamg3+MdoWRiFZShZRzeYGSemJ3hodiiYd8ZpJsdZtxY1qDnY1jrIh/WmZ5dpVuYn6B\
    e4eWeoKEfoNsgIisZn5ftoBzWI1vaqOndoSbfY1lXYWKVUeMhIOao52FimmliHuXdn54m1V9a4qWlHGSeFpfaFF4V3dqnaV9\
    nXJ3hoZmeZtofHB9h3x+dWx/aG5maH59f1dwmJCMdHaRe4NyiWemcYNjg3ZrjXyFkIRcbIxyWXuGXX9od2+MYoN9dJCVm1qs\
    vFxxbJVisnK0XpCPaX9mcmp2W2duYV+De6CaepKsX2NnZZWPaZmlkXR9f6Sulm6IfYN7foGhlX5KVp9tiXdkgqVrqnt+R9Fr\
    YnqWgZObcJxrZmRti1qISXKEunuIW3ZUZnVNc1eBfZJoh52XfYdwT1pqb5JMo594enyOZHZ8olhpeYGkjHiGpU3GonlnoHuP\
    k2mgn3lum3glZ0VnfW9ZpXtIcm10WHRrVW+Ge3SWh2uRjD+ZZ2mBgoV2qKJ/YICsbJmXm4WVm6xmkIlzNX+haJuJeXF/ZGyE\
    frV2g5OLYZ9TanSeX412bnJ4cll7cIxbb3xhXm5wXpGmf21wj7WOo36Mh5NsdrJn";

const LANCZOS_30X9_11X25_RGBA: &str = "\
    NS3eo/9cAGmUkkpxQXBzhLEzHcr/NwdAIVW8t2eniv//eAAzJxi3h1yYjbE4P8Oo4GQpfIiTV3JIc3Vxrj0rt+ZfSl0mWK+n\
    cauL596PCkc4Jrx/Y5absD1cm66cb3SZc5Npd1d1b1WjU0uZsH17jDJfk46Nu5S5taRiaFhBxnFxkLOvSHtusGJ3srVck353\
    eH14NYN9jnqQj5PCSHNgasXPq4GYrpOOjW7SYX+Kz6ZfjFepPH/fsEGMmGZnbsclTZrLd4SelNhtoRw/+a3QXoWsoZ7Bj81X\
    f4zgjoB+bJcohvp/Lm2xSBpM+jk1ib2chqx5tor/FSPFS9dmeZ2SiMWAsVlgnNNqoGKUeieP/0czVpI7HU/ZYEJym8eVsEaC\
    jP+fKHoiwox1dWlqo1uUZzqsk1OtS6NUPH/CLkJzS1RDZK+EYmuH1aCYI2aQubBRVDS0s3w5TmKBTId8Wo1XWodRYS9QYms5\
    To8oi3l5gZ6Ub3vAmGQ/aJaYlpBDXKrNiyBidWtIh5GXY0x7K3YAKWtdXUxZlyC8pX5Vrs11aqCSPmZzkIeAwD+Dn8qWK4KS\
    Z0mOkapWTJNDZ0BPlWBpTWqVHsm+aTa33nNMj5cpcnaDeGrEQ5+KpqBGoad7Q55ykmc6iGpZeovQc45CgokgtMVKJba9ajKI\
    oyZocGlpS6JVsmNuoGe6s7cuwUdHlxNng12Rr8iqmUuaeC+MyEAkp5dgKXSsPFxmRGAnenixLkyMg8HA2Q7dNgC1EVeXa5Sj\
    iM17cqhjUWTLYzOQj1M7SapmVVopbh9oeJU6V2ONs9R3D69TLINUbbiOkXRc1GGdnVCCTMymUnmqVY0kk5ZZUy2OPGZlgl55\
    QI2e3EUfkohtUYKa7ceZSUrHWaWVWYVQw8Nwb3GviC11ql9dRa9VYGd3Z4I3h5DCRi+Tq4ZFi77/7Mw3SKNdg6BuXnG6kHVz\
    R8Y9ZGKXa3RvzF9Qh3JQYliClYdpRKunf1J+zOXE4T1RWm9Vp3RFl6pKc3w/wSehW31vjJnTXkbLiiY7snSvU6BbxIxxaWjE\
    sY6rT0Y2dUGnYT+glCp8fT+1MLRYam2VnLBiTqvKaTqzW8BO0GLAcnV7VLCPbGVnJYdhUaMyTohzNptxRKRVklhdZot8iW1k\
    Ut/HYEhZrHvVUIdikn5OmYFYTIIyvWJ0hwhmc1dowl1PfqpXWVJbcmF+dHs13NyGGGehsbU3PVe1dV6Ef09ilmK3fI9kNmCE\
    Y6/VSmlC/y5dS1RVWIlzhD/azoQXfKXBl0ApT7hrhHuDTImflZqam1RzTqyZ5sY/izn/H2NHT0BcpHJ/adynZi2Wra+OaU5L\
    n2WnfolOrKC7g7KfT5REzdr/rTiRZL8caVBQM2O9bnit22NIS7G6mI2Nf0qHYr2Ei02/oc92vqJOoz/h//+VNZx/fxpwWFMr\
    aNBuc/rZFzdhxsKLiaGbSndex4k=";

const BICUBIC_1X23_13X23_RGBA: &str = "\
    AFwupQBcLqUAXC6lAFwupQBcLqUAXC6lAFwupQBcLqUAXC6lAFwupQBcLqUAXC6lAFwupQ0U9/8NFPf/DRT3/w0U9/8NFPf/\
    DRT3/w0U9/8NFPf/DRT3/w0U9/8NFPf/DRT3/w0U9/8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
    AAAAAAAAAAAAAAAAio8Zx4qPGceKjxnHio8Zx4qPGceKjxnHio8Zx4qPGceKjxnHio8Zx4qPGceKjxnHio8ZxwAAAAAAAAAA\
    AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB7OBm1ezgZtXs4GbV7OBm1ezgZtXs4GbV7OBm1\
    ezgZtXs4GbV7OBm1ezgZtXs4GbV7OBm1Rjuon0Y7qJ9GO6ifRjuon0Y7qJ9GO6ifRjuon0Y7qJ9GO6ifRjuon0Y7qJ9GO6if\
    RjuonwmXyv8Jl8r/CZfK/wmXyv8Jl8r/CZfK/wmXyv8Jl8r/CZfK/wmXyv8Jl8r/CZfK/wmXyv9oE+eOaBPnjmgT545oE+eO\
    aBPnjmgT545oE+eOaBPnjmgT545oE+eOaBPnjmgT545oE+eOnwsHy58LB8ufCwfLnwsHy58LB8ufCwfLnwsHy58LB8ufCwfL\
    nwsHy58LB8ufCwfLnwsHy8LKU5jCylOYwspTmMLKU5jCylOYwspTmMLKU5jCylOYwspTmMLKU5jCylOYwspTmMLKU5h4g4Zh\
    eIOGYXiDhmF4g4ZheIOGYXiDhmF4g4ZheIOGYXiDhmF4g4ZheIOGYXiDhmF4g4ZhEcJ+WRHCflkRwn5ZEcJ+WRHCflkRwn5Z\
    EcJ+WRHCflkRwn5ZEcJ+WRHCflkRwn5ZEcJ+WersWv/q7Fr/6uxa/+rsWv/q7Fr/6uxa/+rsWv/q7Fr/6uxa/+rsWv/q7Fr/\
    6uxa/+rsWv+tucOArbnDgK25w4CtucOArbnDgK25w4CtucOArbnDgK25w4CtucOArbnDgK25w4CtucOAAAAAAAAAAAAAAAAA\
    AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAKGDm4ihg5uIoYObiKGDm4ihg5uIoYObiKGDm4ihg5uI\
    oYObiKGDm4ihg5uIoYObiKGDm4gAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
    +RFbvvkRW775EVu++RFbvvkRW775EVu++RFbvvkRW775EVu++RFbvvkRW775EVu++RFbvsndh2TJ3Ydkyd2HZMndh2TJ3Ydk\
    yd2HZMndh2TJ3Ydkyd2HZMndh2TJ3Ydkyd2HZMndh2RzGYL/cxmC/3MZgv9zGYL/cxmC/3MZgv9zGYL/cxmC/3MZgv9zGYL/\
    cxmC/3MZgv9zGYL/MAwMTzAMDE8wDAxPMAwMTzAMDE8wDAxPMAwMTzAMDE8wDAxPMAwMTzAMDE8wDAxPMAwMT6eDTv+ng07/\
    p4NO/6eDTv+ng07/p4NO/6eDTv+ng07/p4NO/6eDTv+ng07/p4NO/6eDTv8=";

const BICUBIC_1X23_13X23_RGB: &str = "\
    AGBvAGBvAGBvAGBvAGBvAGBvAGBvAGBvAGBvAGBvAGBvAGBvAGBvnawznawznawznawznawznawznawznawznawznawznawz\
    nawznawzABTuABTuABTuABTuABTuABTuABTuABTuABTuABTuABTuABTuABTu9g469g469g469g469g469g469g469g469g46\
    9g469g469g469g46Nd2ANd2ANd2ANd2ANd2ANd2ANd2ANd2ANd2ANd2ANd2ANd2ANd2Aj2T7j2T7j2T7j2T7j2T7j2T7j2T7\
    j2T7j2T7j2T7j2T7j2T7j2T7+oEA+oEA+oEA+oEA+oEA+oEA+oEA+oEA+oEA+oEA+oEA+oEA+oEAplyIplyIplyIplyIplyI\
    plyIplyIplyIplyIplyIplyIplyIplyI3hEo3hEo3hEo3hEo3hEo3hEo3hEo3hEo3hEo3hEo3hEo3hEo3hEotXnEtXnEtXnE\
    tXnEtXnEtXnEtXnEtXnEtXnEtXnEtXnEtXnEtXnE/WTf/WTf/WTf/WTf/WTf/WTf/WTf/WTf/WTf/WTf/WTf/WTf/WTfENfz\
    ENfzENfzENfzENfzENfzENfzENfzENfzENfzENfzENfzENfzuTvGuTvGuTvGuTvGuTvGuTvGuTvGuTvGuTvGuTvGuTvGuTvG\
    uTvGfHAIfHAIfHAIfHAIfHAIfHAIfHAIfHAIfHAIfHAIfHAIfHAIfHAItQNmtQNmtQNmtQNmtQNmtQNmtQNmtQNmtQNmtQNm\
    tQNmtQNmtQNmTTqcTTqcTTqcTTqcTTqcTTqcTTqcTTqcTTqcTTqcTTqcTTqcTTqcBoCVBoCVBoCVBoCVBoCVBoCVBoCVBoCV\
    BoCVBoCVBoCVBoCVBoCVZjHTZjHTZjHTZjHTZjHTZjHTZjHTZjHTZjHTZjHTZjHTZjHTZjHTccYcccYcccYcccYcccYcccYc\
    ccYcccYcccYcccYcccYcccYcccYcCfIqCfIqCfIqCfIqCfIqCfIqCfIqCfIqCfIqCfIqCfIqCfIqCfIqTiH6TiH6TiH6TiH6\
    TiH6TiH6TiH6TiH6TiH6TiH6TiH6TiH6TiH6HCYjHCYjHCYjHCYjHCYjHCYjHCYjHCYjHCYjHCYjHCYjHCYjHCYjEcHDEcHD\
    EcHDEcHDEcHDEcHDEcHDEcHDEcHDEcHDEcHDEcHDEcHD";

const BICUBIC_37X1_37X6_RGBA: &str = "\
    AGPyjwAAAACXWpBjf9qGRlA86H6NRQxR20u4pkRh/a/bu47JAAAAAAe9/Y0AAAAArx7BtygXLMM3ceT/AAAAAAAAAAC21TlD\
    NQHovgAAAAAZgYj/fxkwivc1wI/eQXz/AAAAAAC9W0bVc14+RfndXO292IQDKgP/0lQDlApM1ZIlOt5lvLKUZ93PJf8AAAAA\
    AAAAAABj8o8AAAAAl1qQY3/ahkZQPOh+jUUMUdtLuKZEYf2v27uOyQAAAAAHvf2NAAAAAK8ewbcoFyzDN3Hk/wAAAAAAAAAA\
    ttU5QzUB6L4AAAAAGYGI/38ZMIr3NcCP3kF8/wAAAAAAvVtG1XNePkX53VztvdiEAyoD/9JUA5QKTNWSJTreZbyylGfdzyX/\
    AAAAAAAAAAAAY/KPAAAAAJdakGN/2oZGUDzofo1FDFHbS7imRGH9r9u7jskAAAAAB739jQAAAACvHsG3KBcswzdx5P8AAAAA\
    AAAAALbVOUM1Aei+AAAAABmBiP9/GTCK9zXAj95BfP8AAAAAAL1bRtVzXj5F+d1c7b3YhAMqA//SVAOUCkzVkiU63mW8spRn\
    3c8l/wAAAAAAAAAAAGPyjwAAAACXWpBjf9qGRlA86H6NRQxR20u4pkRh/a/bu47JAAAAAAe9/Y0AAAAArx7BtygXLMM3ceT/\
    AAAAAAAAAAC21TlDNQHovgAAAAAZgYj/fxkwivc1wI/eQXz/AAAAAAC9W0bVc14+RfndXO292IQDKgP/0lQDlApM1ZIlOt5l\
    vLKUZ93PJf8AAAAAAAAAAABj8o8AAAAAl1qQY3/ahkZQPOh+jUUMUdtLuKZEYf2v27uOyQAAAAAHvf2NAAAAAK8ewbcoFyzD\
    N3Hk/wAAAAAAAAAAttU5QzUB6L4AAAAAGYGI/38ZMIr3NcCP3kF8/wAAAAAAvVtG1XNePkX53VztvdiEAyoD/9JUA5QKTNWS\
    JTreZbyylGfdzyX/AAAAAAAAAAAAY/KPAAAAAJdakGN/2oZGUDzofo1FDFHbS7imRGH9r9u7jskAAAAAB739jQAAAACvHsG3\
    KBcswzdx5P8AAAAAAAAAALbVOUM1Aei+AAAAABmBiP9/GTCK9zXAj95BfP8AAAAAAL1bRtVzXj5F+d1c7b3YhAMqA//SVAOU\
    CkzVkiU63mW8spRn3c8l/wAAAAAAAAAA";

const BICUBIC_9X7_5X11_RGBA: &str = "\
    EVNjsbOeTmKgnu5sVx5TQ4hobv84c2S5doCIoXJo2HhiKTFDim+C4GmnZ8NgdaLdYUu8jXpMN1OQdpW3euh3xaGleonHo6ek\
    j3GSm5pgR69kzluyqJxZW87dm5+LmLmLm2csjzteHpVBL2plhOGNknX06kyNlVRhoXNYm2cdU8ZYNnLWlYCKqZBxfVHTZnud\
    cC5ixUgrhO2bcoHSUGpgYrYWa5Fcsf9FP7fJvZmdqpcMkiuSokN/brKCuHt7zKqTm5udXGjPaLWUmppUxGGOvMSzbnqhfWY5\
    p/CTxw==";

const BOX_9X7_5X11_RGBA: &str = "\
    NFvXr7M+qrS9b/FOZpCjX7VGgZw0W9evsz6qtL1v8U5mkKNftUaBnI0sirx3zF0eZt+dcCeSVXVbZXChmVl6wl8oczOuAIuS\
    OymBpF6vubSZWXrCXyhzM64Ai5I7KYGkXq+5tH+eZ0owYCE1nPc3j6xuOHaoZWz/z0eHICbrRijXsiRNmqLPWxO/Yv/PR4cg\
    JutGKNeyJE2aos9bE79i/3w+LIMKN+NKTtd2bku+zG9izG+MsMcsbjuSbnhRMa1IKZu5/yyge6ewxyxuO5JueFExrUgpm7n/\
    LKB7pw==";

const BILINEAR_9X7_5X11_RGBA: &str = "\
    Qlh5a4gmVXJfP38QlJSpiWXdQFNKb1NZoFFHTsyqSS2ZlpNalbVRYWGdLUnq8Rsl271ETo6rRyuwk2JyfaCydKieYDJ5oIVB\
    T9aKcD2CZn2dcquGoItnVGinhVparoaFPn1UdsYgZ4eril+GhLlqkINPaXSpfyxinxuBVZtpW1yifFCFb1upsI6OapxgKZo9\
    dVpGTK1bO4BobqvAf5aEmFFNkUhPfC1gmW40g2ykbpJRtblClyOeh2BLJXp2lkqyhLCMxH+VZ16vE6S5aywijmepVdmRs6Hy\
    loZEfw==";

const HAMMING_9X7_5X11_RGBA: &str = "\
    e3vEV8C/uPJHdJbvwL9eqG1TKTGXjJWKwY+m0mRveMO/sGOVrE12bKiVetm+HnuhuF4kf7mNa3nCTJPHe3Kc+lVktmY9dZpb\
    Y5Y2n7LEreJ2fp/qaJaBfCx4pUppjDeTosGtxGvQnqak1RziTms6Gr85WFkDLIZKl5qzkaVnddlqkIlKUHs/WdOLiaOkirmB\
    pU2NyoiDl2NBezlh5ZKLsXvBoiGPtVlQ6Ti1140uNql7ULFZIsVCb3tkOoa+R6urXG13gmyFjY0XxjajdUszqpJWoI0nsrxo\
    Z5mArw==";

const HAMMING_7X9_13X4_RGB: &str = "\
    cLdtc7Nyh6CWdnuLQRRoZi9RmlgxpHBmq4GLl8uEkeKAiWxTh1pMSF2gTWKWboJWcolZe5pmd6Z+cbagj6RzpZhTkaiMiq2g\
    aafAZKbFp6dVqaFYt35ss3xtqHhvkFxjbjVRmUtptlt5laKEiLuIadilZN2qorxMm7VZcoqqdZumg8+UioqhkyS0pT2Msk9w\
    rXFlp31iO5CPKZSW";

const NEAREST_7X5_11X3_RGBA: &str = "\
    AHyIAAB8iAAGTg87sOLrALDi6wBYV+Be3h6J/94eif8eLLZPypNwAMqTcACIFP6aiBT+mvGeeHgr+5AAK/uQAAGGHQDUKWL/\
    1Cli/3K89zdl3ED/ZdxA/8meIv/JniL/9yJ1ALRTLGe0Uyxn8FlmAALrND0C6zQ9tQfrabNibYyzYm2M";

const NEAREST_10X9_4X13_RGB: &str = "\
    NAg/HeYmUn5kjvgeApQ6a0M4bSQ8uROwApQ6a0M4bSQ8uROwQHyDKbBNfV8TO+qyYxlle9907TrZr9+zYxlle9907TrZr9+z\
    akmS13XWyFIIJ6fCJKtr4N6OVPGeO9yiJKtr4N6OVPGeO9yitHekf/qFHCwk4mN+TywOn1G8s9YU69PoTywOn1G8s9YU69Po\
    c7RbFmv++o3Ojkai";

const GAUSS5_37X23_RGBA: &str = "\
    coF+j3OAf410gICMdYCBinaBgYd3gIKFeICDg3mAg4B5gYN+eYGDe3qCgnp6goF4eYN/dnmDfnV4g31zeIN7cneDenJ2gnlx\
    dYJ4cXWAeHB0gHhvdH94b3R+eG90fnlvdH95cHV/eXF3gHlyeIF3dHqCdnZ7hHV4f4Z0eoGIcX2Dim9/hYxtgYeNa4OJjmmE\
    io9nhXKAf49zgICNdICAi3WAgYl3gIKHd4CChXiAg4N5gYOAeYGCfnmCgnx6g4J6eoOBeHmDf3d4g351eIN9dHiDe3N3g3py\
    doJ6cXaCeXF1gHlwdYB5b3R/eW90f3lwdX95cHV/enF2gHlxd4B5c3iBeHV6gnd3fIR2eH6GdHqBiHJ9gopwf4WLboGGjGyD\
    iI5qg4mPaIRzgICOdICAjXSAgYt2gIKJd4CCh3iAgoV4gIOCeYGCgHmCgn55goJ8eYOCenmDgHl5hH93eIN+dniDfXV3g3x0\
    d4N7c3aCenJ2gnpydYF6cXWBenB1gHpwdX95cXV/enF1f3pydoB6cneAenN4gnl1e4N4d3yEd3l+hnV7gIhzfYKJcX6Ei3CA\
    hYxtgoaNbIOIjmqDc4CBjXR/gYx1gIGKdoCCiHeAgoZ4gIKEeIGCgnmBgoB5goJ+eYKCfHmDgXt5g4B5eIR/eHiEfnZ4hH51\
    d4R8dHeDfHN2gntzdoJ6cnaBenJ1gXpxdYB6cXWAenF2gHtxdoB7cneAe3N4gXt0eYJ6dnuDeXh8hHh5foZ2e4CIdH2BiXN+\
    g4pxgISLb4GFjG2Cho1sgnR/gY11f4KLdYCCinaAgoh3gYKGeIGChHmBgoJ5goKAeYKCfnmDgXx5hIF7eYSAenmEf3h4hH93\
    eIR+dneEfXV3g3x0doN8c3aDe3N2gXtydYF7cnaBe3J2gHtydoB7cnaBfHN3gXt0eIF7dXmCend7g3p4fIR5en6Gd3t/h3Z9\
    gIl0foGKc4CCi3GBg4tvgYSMboJ0f4OMdX+Di3Z/gol3gIOHeIGChXiBgoN5gYKCeYKCgHqDgX56g4F8eYSBe3mEgHp5hIB5\
    eIR/eHiEfnd3hH52d4R9dXaDfXR2g3x0doJ8c3aCfHJ2gXxydoF8c3eBfHN3gX10eIJ8dXmCfHZ6g3x4e4R7eXyFent9hnl8\
    foh3fn+Jdn+AinSAgYpzgYGLcYGCjHCBdX+Di3Z/hIp2gIOJd4CDh3iBg4V5gYKDeYKCgXqDgYB6g4F+eoSBfXqEgXx6hYB7\
    eYWAeXiFf3h4hH93eIR+dneEfnZ3g351doN9dHaCfXR2gn1zd4J9c3eCfXN3gn10eIJ9dXiDfXZ5g313eoR9eXuFfHp8hXt7\
    fYd6fX6IeX5+iXd/f4l2gH+KdYF/i3SBgIxygXZ/hIt2f4SKd4CEiHiAg4Z5gYOFeYKCg3qCgoF6g4GAeoSBf3qEgX16hYF8\
    eoWAe3mFgHp5hYB5eIV/eHiEf3d3hH92d4R/dXeDfnV3g350doN+dHeDfnR3g350eIN+dXiDfnZ5hH53eoR+eHqFfXp7hX17\
    fIZ8fHyHe359iHp/fYl5gH2KeIF9inaBfot1gn6LdYJ2f4WKd3+FiXiAhIh5gYSGeYKDhHqCgoN7g4KBe4SBgHuFgX97hYF9\
    eoWBfXqFgXt6hYF6eYWAeXmFgHl4hYB3d4SAdneEgHZ3hH91d4N/dXeDf3R3g390d4N/dXiEf3V4hH92eYV/d3qFf3l6hn57\
    e4Z+fHuHfX58iHx/fIl8gHyJeoF8inmBfIp4gnyLd4J8i3aCd4CGiXiAhYh5gYSHeoGEhnqCg4R7g4ODe4SCgXuEgYB8hYF/\
    fIWBfXuFgX17hoF8eoWBe3qFgXp5hYF5eYWBd3iEgHd4hIB2d4SAdXeEgHV3hIB1d4SAdXiEf3V4hIB2eYWAd3mFf3h6hn96\
    eod/fHuHfn17iH5/e4h9gHuJfIF7inuCe4p6gnqLeYN6i3iDeot4g3iAhoh5gIaIeoGFh3qChIV7g4SEe4SDgnyEg4F8hYKA\
    fIaCf3yFgX58hoF9e4aCfHuGgnt6hYJ6eoWCeXmEgXh4hIF3eISBdniEgXZ3hIF1d4SAdXiFgHV4hYB2eYWAd3mGgHh5hoB5\
    eoeAe3qHf317iH9+e4h/gHuJfoF6in2Ceot8g3qLe4N5i3qEeYt5hHmMeYR5gYaIeoGGh3uChYZ7g4WFfISEg3yEg4J9hYOB\
    fYWCgH2Ggn99hoJ+fIaCfXyGgnx8hYJ7e4WCenqEgnp6hIJ4eYSCd3iEgnZ4hIF2eISBdXiEgXZ4hYF2eIWAd3mGgXh5hoB5\
    eYeAenqIgHx6iIB+eol/gHqJf4F6in6Ceop+g3mLfIR5i3uEeIt6hXiMeoV4jHmFe4GHhnuBhoZ7goWFfIOFhH2EhIN9hYSC\
    fYWDgX2Gg4F+hoOAfoaDfn2Gg359hoN9fIWDfHuFg3t7hIN6eoSDeHmEg3d5hIJ3eISCdniEgnZ4hIJ2eIWBdniFgXd5hoF5\
    eYeBenmIgXt6iIB9eomAf3qJgIF6in+Ceop/g3qLfoR5i32FeYx8hXiMe4V3jHqFd4x6hXuCh4V8goaFfIOGhH2EhYN9hIWD\
    foWEgn6FhIF+hoOBfoaDgH6Gg399hoN+fYWDfXyFhHx8hYR7e4SDenqEg3l5g4N4eYODd3iEg3d4hIJ2eISCd3iFgnd4hYF4\
    eIaCeniHgXt5iIF9eYmBfnqJgYB6ioCCeoqAg3mLf4R5i36FeYx9hXiMfIV4jHuGd4x6hXeNeoV8goeEfIKGg32DhoN+hIWD\
    foWFgn6FhIJ+hoSBfoaEgX6GhIF+hoR/foaEf32FhH58hYR9fISEfHuEhHp6g4R5eYOEeHiDhHd4g4N3d4ODdneEg3d3hYJ3\
    d4WCeXiGgnp4h4J8eIiCfnmJgX95iYGBeYqAg3qKgIR5i3+EeYt+hXmLfYV5jHyFeIx7hXiMe4V4jHqFfYKHgn2ChoJ9g4aC\
    foSFgX6FhYF+hYWBf4aFgX6GhYF+h4WBfoaFgH6GhX99hYV+fIWFfXuEhXx7g4V7eoOEeXmChHh4goR3d4KEd3eDg3d3g4N3\
    d4SDeHeFgnp3hoN7eIaCfXiHgn94iYKAeYmBgnmJgYR5ioCEeYqAhXmLf4V5i32FeYt9hXmMe4R5jHuEeYx6g32Chn99goZ/\
    foOGgH6EhoB+hYaAfoaFgX6GhoF+h4WBfoeGgX6GhoB9hoV/fIWGfnyFhn17hIV8eoOFe3mDhXl4goV4d4KFd3eChHd2goR3\
    doOEeHaDg3l2hIN6d4WDfHeGg313h4N/eIiCgXiJgoN5iYGEeYqBhHqKgIR6in+Eeop+hHqLfYN6i3yCeot7gnqLeoF9gYZ8\
    fYKGfX2Dhn5+hIZ+foWGf36GhoB+hoaAfoeGgX6HhoF9hoaAfYaGf3yGhn57hYZ9eoSGfHmDhXt4goV5d4GFeHaBhXd2gYV3\
    dYGEd3WChHh1g4R5dYSEe3aEhH12hYN+d4aDgHeHg4J4iIODeYiChHmJgYR6iYGEe4p/g3uKfoJ7in2BfIp8gHyKe398inp+\
    fIGGenyChnp9g4Z7fYSGfX6Fhn1+hod/foaHgH2Hh4B9h4eBfYeHgHyGh397hod+eoWHfXmEhnx4g4Z7d4KGeXaBhXh1gIV3\
    dYCFd3SBhXd0gYV4dIKEenSDhHt1hIR9doSEf3aFhIF3h4SCeIiDg3mIg4R6iIKEeoiBg3yJgIJ8iX6AfYl9f32JfH1+iXt8\
    f4l6e3yAhnd8gYZ4fIKGeX2Dh3t9hId8fYWHfn2Gh399h4eAfIeHgXyHh4B7hoeAeoaHf3mFh314hId8d4OGe3aChnl1gYZ4\
    dICFd3SAhXdzgIV4c4CFeXOBhXpzgoV8dIOFfnWEhX92hYWBdoaEgniHhIN5h4SEeoeDg3uHgoJ8iICBfoh/fn+Ifn1/iHx7\
    gIh7eYGIend7gIZ0e4GGdnyChnd8g4d5fISHe3yFiH18hoh+fIeIgHuHiIF7h4iAeoeIgHmGh394hYd+d4SHfHaDhnt1goZ5\
    dICGeHOAhndyf4Z3cn+FeHJ/hXlygIV6coGGfHOChn50g4aAdYSGgnaFhYJ3hoWDeYaEhHqGg4J8hoOBfYeBf3+HgH2Ah356\
    gYd9eIKHfHaEh3p0en+GcnuAh3R7gYd2e4OHeHyEh3p7hYh8e4aIfnuHiH96iIiAeoeIgHmHiIB4h4h/d4aIfXaEh3x1g4Z6\
    dIKGeXOAhnhyf4Z3cX6Gd3B/hnhxf4V5cYCGenKBhnxygYZ+dIKHgHSDh4J2hIaDd4WGg3mFhYN7hYSCfIWDgH6GgX6AhoB7\
    goZ/eIOGfXWEhnxzhoZ6cXl/hnB6gIdyeoGHdHqCh3Z7hId5e4WIe3uHiH17h4h/eoiJgHmIiYB4h4h/d4eIfnaGiH10hId8\
    dIOGenOChnlxgIZ3cH+Gd3B+hndvf4Z3cH6GeHF/hnpxgId8coCHfnOBh4B0goeCdYOHgneEhoN5hIaDe4WFgX2FhH9/hoJ8\
    gYWBeYOFf3aEhX1zhoV8cYiFe24=";

const GAUSS5_64X48_RGB_GRADIENT: &str = "\
    Cw0KDA0LDg0MEA0NEw0OFg0QGQ0SHQ0TIA0VJA0XKA0ZLA0bMA0dNA0fOA0hPA0jQA0lRA0nSA0pTA0rUA0tVA0vWA0xXA0z\
    YA01ZA03aA05bA07cA09dA0/eA1BfA1DgA1FhA1HiA1JjA1LkA1NlA1PmA1RnA1ToA1VpA1XqA1ZrA1bsA1dtA1fuA1hvA1j\
    wA1lxA1nyA1pzA1r0A1t1A1v2A1x3A1z3w114w125g146Q167A177g188A198Q1+Cw8LDA8MDg8NEA8OEw8PFg8RGQ8THQ8U\
    IA8WJA8YKA8aLA8cMA8eNA8gOA8iPA8kQA8mRA8oSA8qTA8sUA8uVA8wWA8yXA80YA82ZA84aA86bA88cA8+dA9AeA9CfA9E\
    gA9GhA9IiA9KjA9MkA9OlA9QmA9SnA9UoA9WpA9YqA9arA9csA9etA9guA9ivA9kwA9mxA9oyA9qzA9s0A9u1A9w2A9y3A90\
    3w924w935g956Q977A987g998A9+8Q9/CxIMDBINDhIOEBIPExIQFhISGRIUHRIVIBIXJBIZKBIbLBIdMBIfNBIhOBIjPBIl\
    QBInRBIpSBIrTBItUBIvVBIxWBIzXBI1YBI3ZBI5aBI7bBI9cBI/dBJBeBJDfBJFgBJHhBJJiBJLjBJNkBJPlBJRmBJTnBJV\
    oBJXpBJZqBJbrBJdsBJftBJhuBJjvBJlwBJnxBJpyBJrzBJt0BJv1BJx2BJz3BJ13xJ34xJ45hJ66RJ87BJ97hJ+8BJ/8RKA\
    CxQNDBQODhQPEBQQExQRFhQTGRQVHRQWIBQYJBQaKBQcLBQeMBQgNBQiOBQkPBQmQBQoRBQqSBQsTBQuUBQwVBQyWBQ0XBQ2\
    YBQ4ZBQ6aBQ8bBQ+cBRAdBRCeBREfBRGgBRIhBRKiBRMjBROkBRQlBRSmBRUnBRWoBRYpBRaqBRcrBResBRgtBRiuBRkvBRm\
    wBRoxBRqyBRszBRu0BRw1BRy2BR03BR23xR44xR55hR76RR97BR+7hR/8BSA8RSBCxgODBgPDhgQEBgRExgSFhgUGRgWHRgX\
    IBgZJBgbKBgdLBgfMBghNBgjOBglPBgnQBgpRBgrSBgtTBgvUBgxVBgzWBg1XBg3YBg5ZBg7aBg9bBg/cBhBdBhDeBhFfBhH\
    gBhJhBhLiBhNjBhPkBhRlBhTmBhVnBhXoBhZpBhbqBhdrBhfsBhhtBhjuBhlvBhnwBhpxBhryBhtzBhv0Bhx1Bhz2Bh13Bh3\
    3xh54xh65hh86Rh+7Bh/7hiA8BiB8RiCCxsQDBsRDhsSEBsTExsUFhsWGRsYHRsZIBsbJBsdKBsfLBshMBsjNBslOBsnPBsp\
    QBsrRBstSBsvTBsxUBszVBs1WBs3XBs5YBs7ZBs9aBs/bBtBcBtDdBtFeBtHfBtJgBtLhBtNiBtPjBtRkBtTlBtVmBtXnBtZ\
    oBtbpBtdqBtfrBthsBtjtBtluBtnvBtpwBtrxBttyBtvzBtx0Btz1Bt12Bt33Bt53xt74xt85ht+6RuA7BuB7huC8BuD8RuE\
    Cx8SDB8TDh8UEB8VEx8WFh8YGR8aHR8bIB8dJB8fKB8hLB8jMB8lNB8nOB8pPB8rQB8tRB8vSB8xTB8zUB81VB83WB85XB87\
    YB89ZB8/aB9BbB9DcB9FdB9HeB9JfB9LgB9NhB9PiB9RjB9TkB9VlB9XmB9ZnB9boB9dpB9fqB9hrB9jsB9ltB9nuB9pvB9r\
    wB9txB9vyB9xzB9z0B911B932B953B973x994x9+5h+A6R+C7B+D7h+E8B+F8R+GCyQTDCQUDiQVECQWEyQXFiQZGSQbHSQc\
    ICQeJCQgKCQiLCQkMCQmNCQoOCQqPCQsQCQuRCQwSCQyTCQ0UCQ2VCQ4WCQ6XCQ8YCQ+ZCRAaCRCbCREcCRGdCRIeCRKfCRM\
    gCROhCRQiCRSjCRUkCRWlCRYmCRanCRcoCRepCRgqCRirCRksCRmtCRouCRqvCRswCRuxCRwyCRyzCR00CR21CR42CR63CR8\
    3yR+4yR/5iSB6SSD7CSE7iSF8CSG8SSHCygVDCgWDigXECgYEygZFigbGSgdHSgeICggJCgiKCgkLCgmMCgoNCgqOCgsPCgu\
    QCgwRCgySCg0TCg2UCg4VCg6WCg8XCg+YChAZChCaChEbChGcChIdChKeChMfChOgChQhChSiChUjChWkChYlChamChcnChe\
    oChgpChiqChkrChmsChotChquChsvChuwChwxChyyCh0zCh20Ch41Ch62Ch83Ch+3yiA4yiB5iiD6SiF7CiG7iiH8CiI8SiJ\
    Cy0XDC0YDi0ZEC0aEy0bFi0dGS0fHS0gIC0iJC0kKC0mLC0oMC0qNC0sOC0uPC0wQC0yRC00SC02TC04UC06VC08WC0+XC1A\
    YC1CZC1EaC1GbC1IcC1KdC1MeC1OfC1QgC1ShC1UiC1WjC1YkC1alC1cmC1enC1goC1ipC1kqC1mrC1osC1qtC1suC1uvC1w\
    wC1yxC10yC12zC140C161C182C1+3C2A3y2C4y2D5i2F6S2H7C2I7i2J8C2K8S2LCzIZDDIaDjIbEDIcEzIdFjIfGTIhHTIi\
    IDIkJDImKDIoLDIqMDIsNDIuODIwPDIyQDI0RDI2SDI4TDI6UDI8VDI+WDJAXDJCYDJEZDJGaDJIbDJKcDJMdDJOeDJQfDJS\
    gDJUhDJWiDJYjDJakDJclDJemDJgnDJioDJkpDJmqDJorDJqsDJstDJuuDJwvDJywDJ0xDJ2yDJ4zDJ60DJ81DJ+2DKA3DKC\
    3zKE4zKF5jKH6TKJ7DKK7jKL8DKM8TKNCzcbDDccDjcdEDceEzcfFjchGTcjHTckIDcmJDcoKDcqLDcsMDcuNDcwODcyPDc0\
    QDc2RDc4SDc6TDc8UDc+VDdAWDdCXDdEYDdGZDdIaDdKbDdMcDdOdDdQeDdSfDdUgDdWhDdYiDdajDdckDdelDdgmDdinDdk\
    oDdmpDdoqDdqrDdssDdutDdwuDdyvDd0wDd2xDd4yDd6zDd80Dd+1DeA2DeC3DeE3zeG4zeH5jeJ6TeL7DeM7jeN8DeO8TeP\
    CzwdDDweDjwfEDwgEzwhFjwjGTwlHTwmIDwoJDwqKDwsLDwuMDwwNDwyODw0PDw2QDw4RDw6SDw8TDw+UDxAVDxCWDxEXDxG\
    YDxIZDxKaDxMbDxOcDxQdDxSeDxUfDxWgDxYhDxaiDxcjDxekDxglDximDxknDxmoDxopDxqqDxsrDxusDxwtDxyuDx0vDx2\
    wDx4xDx6yDx8zDx+0DyA1DyC2DyE3DyG3zyI4zyJ5jyL6TyN7DyO7jyP8DyQ8TyRC0EfDEEgDkEhEEEiE0EjFkElGUEnHUEo\
    IEEqJEEsKEEuLEEwMEEyNEE0OEE2PEE4QEE6REE8SEE+TEFAUEFCVEFEWEFGXEFIYEFKZEFMaEFObEFQcEFSdEFUeEFWfEFY\
    gEFahEFciEFejEFgkEFilEFkmEFmnEFooEFqpEFsqEFurEFwsEFytEF0uEF2vEF4wEF6xEF8yEF+zEGA0EGC1EGE2EGG3EGI\
    30GK40GL5kGN6UGP7EGQ7kGR8EGS8UGTC0YhDEYiDkYjEEYkE0YlFkYnGUYpHUYqIEYsJEYuKEYwLEYyMEY0NEY2OEY4PEY6\
    QEY8REY+SEZATEZCUEZEVEZGWEZIXEZKYEZMZEZOaEZQbEZScEZUdEZWeEZYfEZagEZchEZeiEZgjEZikEZklEZmmEZonEZq\
    oEZspEZuqEZwrEZysEZ0tEZ2uEZ4vEZ6wEZ8xEZ+yEaAzEaC0EaE1EaG2EaI3EaK30aM40aN5kaP6UaR7EaS7kaT8EaU8UaV\
    C0sjDEskDkslEEsmE0snFkspGUsrHUssIEsuJEswKEsyLEs0MEs2NEs4OEs6PEs8QEs+REtASEtCTEtEUEtGVEtIWEtKXEtM\
    YEtOZEtQaEtSbEtUcEtWdEtYeEtafEtcgEtehEtgiEtijEtkkEtmlEtomEtqnEtsoEtupEtwqEtyrEt0sEt2tEt4uEt6vEt8\
    wEt+xEuAyEuCzEuE0EuG1EuI2EuK3EuM30uO40uP5kuR6UuT7EuU7kuV8EuW8UuXC1AlDFAmDlAnEFAoE1ApFlArGVAtHVAu\
    IFAwJFAyKFA0LFA2MFA4NFA6OFA8PFA+QFBARFBCSFBETFBGUFBIVFBKWFBMXFBOYFBQZFBSaFBUbFBWcFBYdFBaeFBcfFBe\
    gFBghFBiiFBkjFBmkFBolFBqmFBsnFBuoFBwpFByqFB0rFB2sFB4tFB6uFB8vFB+wFCAxFCCyFCEzFCG0FCI1FCK2FCM3FCO\
    31CQ41CR5lCT6VCV7FCW7lCX8FCY8VCZC1UnDFUoDlUpEFUqE1UrFlUtGVUvHVUwIFUyJFU0KFU2LFU4MFU6NFU8OFU+PFVA\
    QFVCRFVESFVGTFVIUFVKVFVMWFVOXFVQYFVSZFVUaFVWbFVYcFVadFVceFVefFVggFVihFVkiFVmjFVokFVqlFVsmFVunFVw\
    oFVypFV0qFV2rFV4sFV6tFV8uFV+vFWAwFWCxFWEyFWGzFWI0FWK1FWM2FWO3FWQ31WS41WT5lWV6VWX7FWY7lWZ8FWa8VWb\
    C1opDFoqDlorEFosE1otFlovGVoxHVoyIFo0JFo2KFo4LFo6MFo8NFo+OFpAPFpCQFpERFpGSFpITFpKUFpMVFpOWFpQXFpS\
    YFpUZFpWaFpYbFpacFpcdFpeeFpgfFpigFpkhFpmiFpojFpqkFpslFpumFpwnFpyoFp0pFp2qFp4rFp6sFp8tFp+uFqAvFqC\
    wFqExFqGyFqIzFqK0FqM1FqO2FqQ3FqS31qU41qV5lqX6VqZ7Fqa7lqb8Fqc8VqdC18rDF8sDl8tEF8uE18vFl8xGV8zHV80\
    IF82JF84KF86LF88MF8+NF9AOF9CPF9EQF9GRF9ISF9KTF9MUF9OVF9QWF9SXF9UYF9WZF9YaF9abF9ccF9edF9geF9ifF9k\
    gF9mhF9oiF9qjF9skF9ulF9wmF9ynF90oF92pF94qF96rF98sF9+tF+AuF+CvF+EwF+GxF+IyF+KzF+M0F+O1F+Q2F+S3F+U\
    31+W41+X5l+Z6V+b7F+c7l+d8F+e8V+fC2QtDGQuDmQvEGQwE2QxFmQzGWQ1HWQ2IGQ4JGQ6KGQ8LGQ+MGRANGRCOGREPGRG\
    QGRIRGRKSGRMTGROUGRQVGRSWGRUXGRWYGRYZGRaaGRcbGRecGRgdGRieGRkfGRmgGRohGRqiGRsjGRukGRwlGRymGR0nGR2\
    oGR4pGR6qGR8rGR+sGSAtGSCuGSEvGSGwGSIxGSKyGSMzGSO0GSQ1GSS2GSU3GSW32SY42SZ5mSb6WSd7GSe7mSf8GSg8WSh\
    C2kvDGkwDmkxEGkyE2kzFmk1GWk3HWk4IGk6JGk8KGk+LGlAMGlCNGlEOGlGPGlIQGlKRGlMSGlOTGlQUGlSVGlUWGlWXGlY\
    YGlaZGlcaGlebGlgcGlidGlkeGlmfGlogGlqhGlsiGlujGlwkGlylGl0mGl2nGl4oGl6pGl8qGl+rGmAsGmCtGmEuGmGvGmI\
    wGmKxGmMyGmOzGmQ0GmS1GmU2GmW3GmY32ma42mb5mmd6Wmf7Gmg7mmh8Gmi8WmjC24xDG4yDm4zEG40E241Fm43GW45HW46\
    IG48JG4+KG5ALG5CMG5ENG5GOG5IPG5KQG5MRG5OSG5QTG5SUG5UVG5WWG5YXG5aYG5cZG5eaG5gbG5icG5kdG5meG5ofG5q\
    gG5shG5uiG5wjG5ykG50lG52mG54nG56oG58pG5+qG6ArG6CsG6EtG6GuG6IvG6KwG6MxG6OyG6QzG6S0G6U1G6W2G6Y3G6a\
    326c426d5m6f6W6h7G6i7m6j8G6k8W6lC3MzDHM0DnM1EHM2E3M3FnM5GXM7HXM8IHM+JHNAKHNCLHNEMHNGNHNIOHNKPHNM\
    QHNORHNQSHNSTHNUUHNWVHNYWHNaXHNcYHNeZHNgaHNibHNkcHNmdHNoeHNqfHNsgHNuhHNwiHNyjHN0kHN2lHN4mHN6nHN8\
    oHN+pHOAqHOCrHOEsHOGtHOIuHOKvHOMwHOOxHOQyHOSzHOU0HOW1HOY2HOa3HOc33Oe43Of5nOh6XOj7HOk7nOl8HOm8XOn\
    C3g1DHg2Dng3EHg4E3g5Fng7GXg9HXg+IHhAJHhCKHhELHhGMHhINHhKOHhMPHhOQHhQRHhSSHhUTHhWUHhYVHhaWHhcXHhe\
    YHhgZHhiaHhkbHhmcHhodHhqeHhsfHhugHhwhHhyiHh0jHh2kHh4lHh6mHh8nHh+oHiApHiCqHiErHiGsHiItHiKuHiMvHiO\
    wHiQxHiSyHiUzHiW0HiY1Hia2Hic3Hie33ig43ih5nij6Xil7Him7nin8Hio8XipC303DH04Dn05EH06E307Fn09GX0/HX1A\
    IH1CJH1EKH1GLH1IMH1KNH1MOH1OPH1QQH1SRH1USH1WTH1YUH1aVH1cWH1eXH1gYH1iZH1kaH1mbH1ocH1qdH1seH1ufH1w\
    gH1yhH10iH12jH14kH16lH18mH1+nH2AoH2CpH2EqH2GrH2IsH2KtH2MuH2OvH2QwH2SxH2UyH2WzH2Y0H2a1H2c2H2e3H2g\
    332i432j5n2l6X2n7H2o7n2p8H2q8X2rC4I5DII6DoI7EII8E4I9FoI/GYJBHYJCIIJEJIJGKIJILIJKMIJMNIJOOIJQPIJS\
    QIJURIJWSIJYTIJaUIJcVIJeWIJgXIJiYIJkZIJmaIJobIJqcIJsdIJueIJwfIJygIJ0hIJ2iIJ4jIJ6kIJ8lIJ+mIKAnIKC\
    oIKEpIKGqIKIrIKKsIKMtIKOuIKQvIKSwIKUxIKWyIKYzIKa0IKc1IKe2IKg3IKi34Kk44Kl5oKn6YKp7IKq7oKr8IKs8YKt\
    C4c7DIc8Doc9EIc+E4c/FodBGYdDHYdEIIdGJIdIKIdKLIdMMIdONIdQOIdSPIdUQIdWRIdYSIdaTIdcUIdeVIdgWIdiXIdk\
    YIdmZIdoaIdqbIdscIdudIdweIdyfId0gId2hId4iId6jId8kId+lIeAmIeCnIeEoIeGpIeIqIeKrIeMsIeOtIeQuIeSvIeU\
    wIeWxIeYyIeazIec0Iee1Ieg2Iei3Iek34em44en5oep6Yer7Ies7oet8Ieu8YevC4w9DIw+Dow/EIxAE4xBFoxDGYxFHYxG\
    IIxIJIxKKIxMLIxOMIxQNIxSOIxUPIxWQIxYRIxaSIxcTIxeUIxgVIxiWIxkXIxmYIxoZIxqaIxsbIxucIxwdIxyeIx0fIx2\
    gIx4hIx6iIx8jIx+kIyAlIyCmIyEnIyGoIyIpIyKqIyMrIyOsIyQtIySuIyUvIyWwIyYxIyayIyczIye0Iyg1Iyi2Iyk3Iym\
    34yo44yp5oyr6Yyt7Iyu7oyv8Iyw8YyxC5E/DJFADpFBEJFCE5FDFpFFGZFHHZFIIJFKJJFMKJFOLJFQMJFSNJFUOJFWPJFY\
    QJFaRJFcSJFeTJFgUJFiVJFkWJFmXJFoYJFqZJFsaJFubJFwcJFydJF0eJF2fJF4gJF6hJF8iJF+jJGAkJGClJGEmJGGnJGI\
    oJGKpJGMqJGOrJGQsJGStJGUuJGWvJGYwJGaxJGcyJGezJGg0JGi1JGk2JGm3JGo35Gq45Gr5pGt6ZGv7JGw7pGx8JGy8ZGz\
    C5ZBDJZCDpZDEJZEE5ZFFpZHGZZJHZZKIJZMJJZOKJZQLJZSMJZUNJZWOJZYPJZaQJZcRJZeSJZgTJZiUJZkVJZmWJZoXJZq\
    YJZsZJZuaJZwbJZycJZ0dJZ2eJZ4fJZ6gJZ8hJZ+iJaAjJaCkJaElJaGmJaInJaKoJaMpJaOqJaQrJaSsJaUtJaWuJaYvJaa\
    wJacxJaeyJagzJai0Jak1Jam2Jao3Jaq35as45at5pav6Zax7Jay7paz8Ja08Za1C5tDDJtEDptFEJtGE5tHFptJGZtLHZtM\
    IJtOJJtQKJtSLJtUMJtWNJtYOJtaPJtcQJteRJtgSJtiTJtkUJtmVJtoWJtqXJtsYJtuZJtwaJtybJt0cJt2dJt4eJt6fJt8\
    gJt+hJuAiJuCjJuEkJuGlJuImJuKnJuMoJuOpJuQqJuSrJuUsJuWtJuYuJuavJucwJuexJugyJuizJuk0Jum1Juo2Juq3Jus\
    35uu45uv5pux6Zuz7Ju07pu18Ju28Zu3C6BFDKBGDqBHEKBIE6BJFqBLGaBNHaBOIKBQJKBSKKBULKBWMKBYNKBaOKBcPKBe\
    QKBgRKBiSKBkTKBmUKBoVKBqWKBsXKBuYKBwZKByaKB0bKB2cKB4dKB6eKB8fKB+gKCAhKCCiKCEjKCGkKCIlKCKmKCMnKCO\
    oKCQpKCSqKCUrKCWsKCYtKCauKCcvKCewKCgxKCiyKCkzKCm0KCo1KCq2KCs3KCu36Cw46Cx5qCz6aC17KC27qC38KC48aC5\
    C6VHDKVIDqVJEKVKE6VLFqVNGaVPHaVQIKVSJKVUKKVWLKVYMKVaNKVcOKVePKVgQKViRKVkSKVmTKVoUKVqVKVsWKVuXKVw\
    YKVyZKV0aKV2bKV4cKV6dKV8eKV+fKWAgKWChKWEiKWGjKWIkKWKlKWMmKWOnKWQoKWSpKWUqKWWrKWYsKWatKWcuKWevKWg\
    wKWixKWkyKWmzKWo0KWq1KWs2KWu3KWw36Wy46Wz5qW16aW37KW47qW58KW68aW7C6pJDKpKDqpLEKpME6pNFqpPGapRHapS\
    IKpUJKpWKKpYLKpaMKpcNKpeOKpgPKpiQKpkRKpmSKpoTKpqUKpsVKpuWKpwXKpyYKp0ZKp2aKp4bKp6cKp8dKp+eKqAfKqC\
    gKqEhKqGiKqIjKqKkKqMlKqOmKqQnKqSoKqUpKqWqKqYrKqasKqctKqeuKqgvKqiwKqkxKqmyKqozKqq0Kqs1Kqu2Kqw3Kqy\
    36q046q15qq36aq57Kq67qq78Kq88aq9C69LDK9MDq9NEK9OE69PFq9RGa9THa9UIK9WJK9YKK9aLK9cMK9eNK9gOK9iPK9k\
    QK9mRK9oSK9qTK9sUK9uVK9wWK9yXK90YK92ZK94aK96bK98cK9+dK+AeK+CfK+EgK+GhK+IiK+KjK+MkK+OlK+QmK+SnK+U\
    oK+WpK+YqK+arK+csK+etK+guK+ivK+kwK+mxK+oyK+qzK+s0K+u1K+w2K+y3K+036+246+35q+56a+77K+87q+98K++8a+/\
    C7RNDLRODrRPELRQE7RRFrRTGbRVHbRWILRYJLRaKLRcLLReMLRgNLRiOLRkPLRmQLRoRLRqSLRsTLRuULRwVLRyWLR0XLR2\
    YLR4ZLR6aLR8bLR+cLSAdLSCeLSEfLSGgLSIhLSKiLSMjLSOkLSQlLSSmLSUnLSWoLSYpLSaqLScrLSesLSgtLSiuLSkvLSm\
    wLSoxLSqyLSszLSu0LSw1LSy2LS03LS237S447S55rS76bS97LS+7rS/8LTA8bTBC7lPDLlQDrlRELlSE7lTFrlVGblXHblY\
    ILlaJLlcKLleLLlgMLliNLlkOLlmPLloQLlqRLlsSLluTLlwULlyVLl0WLl2XLl4YLl6ZLl8aLl+bLmAcLmCdLmEeLmGfLmI\
    gLmKhLmMiLmOjLmQkLmSlLmUmLmWnLmYoLmapLmcqLmerLmgsLmitLmkuLmmvLmowLmqxLmsyLmuzLmw0Lmy1Lm02Lm23Lm4\
    37m647m75rm96bm/7LnA7rnB8LnC8bnDC75RDL5SDr5TEL5UE75VFr5XGb5ZHb5aIL5cJL5eKL5gLL5iML5kNL5mOL5oPL5q\
    QL5sRL5uSL5wTL5yUL50VL52WL54XL56YL58ZL5+aL6AbL6CcL6EdL6GeL6IfL6KgL6MhL6OiL6QjL6SkL6UlL6WmL6YnL6a\
    oL6cpL6eqL6grL6isL6ktL6muL6ovL6qwL6sxL6uyL6wzL6y0L601L622L643L66376847695r6/6b7B7L7C7r7D8L7E8b7F\
    C8NTDMNUDsNVEMNWE8NXFsNZGcNbHcNcIMNeJMNgKMNiLMNkMMNmNMNoOMNqPMNsQMNuRMNwSMNyTMN0UMN2VMN4WMN6XMN8\
    YMN+ZMOAaMOCbMOEcMOGdMOIeMOKfMOMgMOOhMOQiMOSjMOUkMOWlMOYmMOanMOcoMOepMOgqMOirMOksMOmtMOouMOqvMOs\
    wMOuxMOwyMOyzMO00MO21MO42MO63MO838O+48O/5sPB6cPD7MPE7sPF8MPG8cPHC8dVDMdWDsdXEMdYE8dZFsdbGcddHcde\
    IMdgJMdiKMdkLMdmMMdoNMdqOMdsPMduQMdwRMdySMd0TMd2UMd4VMd6WMd8XMd+YMeAZMeCaMeEbMeGcMeIdMeKeMeMfMeO\
    gMeQhMeSiMeUjMeWkMeYlMeamMecnMeeoMegpMeiqMekrMemsMeotMequMesvMeuwMewxMeyyMe0zMe20Me41Me62Me83Me+\
    38fA48fB5sfD6cfF7MfG7sfH8MfI8cfJC8xWDMxXDsxYEMxZE8xaFsxcGcxeHcxfIMxhJMxjKMxlLMxnMMxpNMxrOMxtPMxv\
    QMxxRMxzSMx1TMx3UMx5VMx7WMx9XMx/YMyBZMyDaMyFbMyHcMyJdMyLeMyNfMyPgMyRhMyTiMyVjMyXkMyZlMybmMydnMyf\
    oMyhpMyjqMylrMynsMyptMyruMytvMyvwMyxxMyzyMy1zMy30My51My72My93My/38zB48zC5szE6czG7MzH7szI8MzJ8czK\
    C9BYDNBZDtBaENBbE9BcFtBeGdBgHdBhINBjJNBlKNBnLNBpMNBrNNBtONBvPNBxQNBzRNB1SNB3TNB5UNB7VNB9WNB/XNCB\
    YNCDZNCFaNCHbNCJcNCLdNCNeNCPfNCRgNCThNCViNCXjNCZkNCblNCdmNCfnNChoNCjpNClqNCnrNCpsNCrtNCtuNCvvNCx\
    wNCzxNC1yNC3zNC50NC71NC92NC/3NDB39DD49DE5tDG6dDI7NDJ7tDK8NDL8dDMC9NaDNNbDtNcENNdE9NeFtNgGdNiHdNj\
    INNlJNNnKNNpLNNrMNNtNNNvONNxPNNzQNN1RNN3SNN5TNN7UNN9VNN/WNOBXNODYNOFZNOHaNOJbNOLcNONdNOPeNORfNOT\
    gNOVhNOXiNOZjNObkNOdlNOfmNOhnNOjoNOlpNOnqNOprNOrsNOttNOvuNOxvNOzwNO1xNO3yNO5zNO70NO91NO/2NPB3NPD\
    39PF49PG5tPI6dPK7NPL7tPM8NPN8dPOC9dbDNdcDtddENdeE9dfFtdhGddjHddkINdmJNdoKNdqLNdsMNduNNdwONdyPNd0\
    QNd2RNd4SNd6TNd8UNd+VNeAWNeCXNeEYNeGZNeIaNeKbNeMcNeOdNeQeNeSfNeUgNeWhNeYiNeajNeckNeelNegmNeinNek\
    oNempNeoqNeqrNessNeutNewuNeyvNe0wNe2xNe4yNe6zNe80Ne+1NfA2NfC3NfE39fG49fH5tfJ6dfL7NfM7tfN8NfO8dfP\
    C9lcDNldDtleENlfE9lgFtliGdlkHdllINlnJNlpKNlrLNltMNlvNNlxONlzPNl1QNl3RNl5SNl7TNl9UNl/VNmBWNmDXNmF\
    YNmHZNmJaNmLbNmNcNmPdNmReNmTfNmVgNmXhNmZiNmbjNmdkNmflNmhmNmjnNmloNmnpNmpqNmrrNmtsNmvtNmxuNmzvNm1\
    wNm3xNm5yNm7zNm90Nm/1NnB2NnD3NnF39nH49nI5tnK6dnM7NnN7tnO8NnP8dnQC9xdDNxeDtxfENxgE9xhFtxjGdxlHdxm\
    INxoJNxqKNxsLNxuMNxwNNxyONx0PNx2QNx4RNx6SNx8TNx+UNyAVNyCWNyEXNyGYNyIZNyKaNyMbNyOcNyQdNySeNyUfNyW\
    gNyYhNyaiNycjNyekNyglNyimNyknNymoNyopNyqqNysrNyusNywtNyyuNy0vNy2wNy4xNy6yNy8zNy+0NzA1NzC2NzE3NzG\
    39zI49zJ5tzL6dzN7NzO7tzP8NzQ8dzRC95eDN5fDt5gEN5hE95iFt5kGd5mHd5nIN5pJN5rKN5tLN5vMN5xNN5zON51PN53\
    QN55RN57SN59TN5/UN6BVN6DWN6FXN6HYN6JZN6LaN6NbN6PcN6RdN6TeN6VfN6XgN6ZhN6biN6djN6fkN6hlN6jmN6lnN6n\
    oN6ppN6rqN6trN6vsN6xtN6zuN61vN63wN65xN67yN69zN6/0N7B1N7D2N7F3N7H397J497K5t7M6d7O7N7P7t7Q8N7R8d7S";

const GAUSS1_3_9X31_RGB: &str = "\
    TZqAX5qDcJmGd5uEeaF+g6J4j5BzkG1vilJtUZKAYpaFc5mHe5qBfZ53gqJwiplwi4ByimpzWod+Z5KEdZqEfZp8gZpvgqBq\
    hKFvh5R2i4N7aH58bot/eJh/gpl5iJhwh5xuiJ52jJV+lIeCd3h+d4V9fpN7i5h7k5d7k5R+k4+EmoSJonmLf3yGfId/g5V6\
    kpx+nJeHm4mPm3uTonGRqmuQg42OfpWDg6B6kqN+nJiMm4SXmnKVoWyLqWyDiqKRgqaEgqp4jah9lpqMk4eVkniNmXV5pHlq\
    kK2Qha2DgKp4h6N8jJiKh4uQhIKEjIJrl4dYjKaOgqSDfZ94gZh6gY6GeYaMdIJ/eoZmgo1TgY6PfZCFfZF4gI50fYV7dH2C\
    bH56bYVmcY1VenWOfX2HhIl6h4xvgYZvd351cn91coRqc4hfemmKgXWFiod8jI9zhItwfIZ2fYV6g4R4hoFzgW6DhXiBioSA\
    iYuAf4uDeYqIgIuJjoWHl36EiHp/h319hn+BgYKNdYaab46deZSWipCMlomGioV8ioF5h359fn+OcIqhaZilcKSXf6OFiZ56\
    h4h4jIVzjoRzhImBdZaWbKWdbq6Qd617fqdthYB4j4JwlYlpjJNvfaCAc6mMcKmHcp94dZZri3V/k3l0l4Jmjo9jf5tudZ9+\
    b5aFbIWCa3h5k3CLlnGAk3Zvhn5meIhscYt9boKOanKVZWeTlniZk3KPim1/em5zbnN0a3aEbXSYa2+kZ2umj4GhiniZf26K\
    cml6aWl2aWuCbm6UbnKganajhH+egHqZeHSLcnF4bm1wb2p2cm2FcnONb3qPfXKOeneNd32Ed351dndtd21weWl4emx8e3N8\
    e2d6enR/eYKAe4V7enx4eWx2fWN3hmJ4jmh4f2ZtfnN3fn+Af4KDfXmDe2yAgWN/kGJ/nWaBhGxqhHV1hnuAiHqEh3aDhXCD\
    iWyElmuHoWyJiHVwinp4j3p+lHh+lnd6k3h9knaElnOHnHGGkX5/kYB/k358mXt3nXpynHl3l3V/k3F/lHB5oIiPmIWHkYJ8\
    lIBzm3tvnXJ0l2p7kWp2kHFqro+anomMjYR9jYNyl3tunGlzl156kWRxkHRi";

const PREMULTIPLIED: &str = "\
    AAAAAAAAAQEBAgECAgIDAwEEAQQEAQQFBAAFBgYEBgcCAgQIAQAACQEJCAoDAwILAgAHDAUHBw0KAggODg4NDwMMAhABEAsR\
    BQkBEggKBxMTABMUEgcHFQMUDxYQAg8XAg4GGAcLDxkHCRAaExEMGwAXDBwDBAwdGQYAHg4EHR8bFxQgDBMOIR8dEyIKHAYj\
    Ax4ZJAQVGyULGxgmIRsmJxgCASgCIygpCgEnKiMhCSsTChQsFBUrLR4nFi4lJw8vCx0KMCEmJTEjAyMyGgwEMwEMHTQuAjU1\
    KjAyNgwgBTc2Fiw4LRkJOTYbHDofNAw7JRkoPDg8MT0bKTQ+IRYBPy8GO0AZIQlBJw44Qj80I0MiPEFENysGRRcbGEYVEwpH\
    NgMVSDgbD0kzCS9KJBogSzURMUwoJRlNO0ECTjoeB08oSjtQQywzURstMVISRzxTSTkgVCMRQVUwQhJWUDUmV0cFGlgBOjhZ\
    VxxQWkZSD1sdBlhcCiQYXQgJTV5AXyFfI09FYAgmQ2EKC0JiAis9Y2ISJGRST2NlZA4GZlwSYGdFLC1oNGkVaQRWIWoXVyhr\
    IwJpbCNcEW0pSFtuUVgqbzNBOXBpXyhxGigPcnBHXnMUUVN0PWQIdSg6WHYSKnR3RCwPeEo3bXlQB0h6Ylgfe0QbZ3xgTgJ9\
    c0Z8flkLVn9eCRmABQUDgR8UJ4JdBGyDUhc/hFNHAIV/KniGgjQMh3UuJIhMhDyJLDkfijuHKYtZE0KMPAmKjVRtKY4SKSaP\
    Nk4/kBosYJE0FwqSIBY6kyEDO5RSFIeVdmGRlnMIB5cGZ1GYNwuOmYmaX5piI1WbTjGInIREhp1NR46eE4NXn1cqlaCDMQSh\
    TpFlojphWKMORXKkk0gCpQ1MF6YLOCWnF2hsqDp+MqmhlHWqU15Qq4Qfg6yaeBatLDg7rlaJQK99eYGwPyeZsRQOm7JdTIez\
    hm2LtHAur7U1FgO2PVetty+MEbinUxC5Gl9oulOObrt6K5S8rx5YvT+ofb6Hh6y/EGZawBELMcFWhCLCuEWnw5C1JcRhCkDF\
    JKFSxpaYcMeqjFTIVlAgyZYsgMq0GWTLFaXCzFQ7tc2tVsXOGhh3z4t3KdC9Ip3RySMs0kK0gdOwEDPUEi8e1ZlAStYLH47X\
    k8bM2KS7A9kRWFXaHQ8k2yAvG9xzdsvdghmz3n5kmN8clSjgK8ci4SkfqeI6TtXjCgTk5Ax7G+V0SgTmxxh35wWBFegYQpPp\
    n3086nbVVetYBCvspuu27T2XW+7uZrrveXKV8J4TN/FqBGny6bFj82F7w/QEa5r14zQf9kdt6PeLfsP4JSsQ+bV/Afp7dr37\
    Aatj/HLFH/3yRT3+rHht/w==";

const UNPREMULTIPLIED: &str = "\
    AM3uAP///wH///8C////A////wT///8F////Bv///wf///8I////Cf///wr///8L////DP///w3///8O////D////xD///8R\
    //D/Ev//uxP///8U////FS65/xb///8X////GP//hBn///8a////G///CRz///8d////Hv9z/x//L/8g////If//YSL/mf8j\
    zf//JGBZ/yX///8m////J/j//yj///8p////Kv9B/yscbv8s/5P/Lf9e/y7///8v/wqaMP///zH///8yX///M1P//zR4u/81\
    /5L/Nv///zf///84//8NOf///zqf/9w7u///PP///z3//04+mf//P//b/0D/TqRB////QsX//0P//45E//+iRf9M/0Yu/09H\
    ////SP8pzkn///9K////S4L//0zx//9N1P9yTv///0////9QUf//UUf//1L///9TPzn/VP///1X///9W////V///7Vg//7FZ\
    ////Wv///1v///9c///NXWlp/17/yRBf////YP///2H/ULNiiP//Y////2T//2dl7aWgZv/o/2f///9o////af//vmr///9r\
    hFD/bP///22d//9uoP//b3j/43BK//9x////ch/i/3P///90/0widf+QUnYT3Ph3/6r/eD8h1nkC//96Arz/ewr/9nz//6F9\
    Av//fv82/3///x2A/weEgc2q/4IB/92D////hP/pu4X/U7KG/5H/h//X/4iUU/+JBf//iv//LYsZtkGM/4Stjf//I44XYP+P\
    /8GbkP//8JEU//+Sfmb/k3b/hpT/n/+V/xtVlit7/5cN//+YM///mf//Vpr///+bgu6hnAlJ/53/y/+e/8b4n///OaD//yqh\
    BO8ootn/dqM253yk3k5fpY7/uKb///+nNlMtqPX/gKko/zOqIv//q+u9LazC/yat//f/rtoY/6//v/+wYP//sXX/kLL///+z\
    //9TtIzBX7X6K/+2HTrKtwjKN7j/cv+5Lof6ulTxhLvySf+8/3YcvblcPL7/2LG/Av9WwP9c/8FtqDzC76bswxL/QcQs/67F\
    AjBWxhNqksfO0f/IznmUyf+O/8p46F/L9Qz2zM54qs3m/5nOrdWlz//X5dByNIfRG3Wr0tK8mNP4fRLU0iP/1Yv/dNbWjf/X\
    IS5c2LP/fNm+1ALaFpcp210hddyFMefdeXmT3tpqE98NZuDg/wAF4T52aOJBnP/jNnL/5I2Ve+XHhUHm+Jmu55cxw+h5oevp\
    /xMp6jv/zOumBzDsOZ/o7cwCUe76C+HvfqUB8AyfTfHcBv/yJUDA8+PkzPSLRZL1EpP/9sCtavfJWdz4rQYp+b+7iPrUZV77\
    wovE/KonwP1wL9j+lIua/w==";
