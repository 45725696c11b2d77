//! Synthetic test images (the original's generators, docs/spec.md §5.1) used by `synth`, `demo`,
//! tests and benchmarks.

use super::Image;

/// The kinds `pixelpipe synth` can make.
pub const KINDS: &[&str] = &["grid", "gradient", "checkerboard", "noise", "visual"];

/// `numbered_grid`: every colour channel of (x, y) is `(y*W + x) mod 256`; alpha 255.
pub fn numbered_grid(width: u32, height: u32, channels: u8) -> Image {
    let mut img = Image::new(width, height, channels);
    let c = channels as usize;
    for (i, p) in img.as_bytes_mut().chunks_exact_mut(c).enumerate() {
        let v = (i % 256) as u8;
        p[..3].fill(v);
        if c == 4 {
            p[3] = 255;
        }
    }
    img
}

/// `create_test_image`: R = x/W·255, G = y/H·255, B = (x+y)/(W+H)·255 (truncated), A = 255.
pub fn gradient(width: u32, height: u32, channels: u8) -> Image {
    let mut img = Image::new(width, height, channels);
    let (w, h) = (width as f64, height as f64);
    for y in 0..height {
        for x in 0..width {
            let p = img.pixel_mut(x, y);
            p[0] = (x as f64 / w * 255.0) as u8;
            p[1] = (y as f64 / h * 255.0) as u8;
            p[2] = ((x + y) as f64 / (w + h) * 255.0) as u8;
            if channels == 4 {
                p[3] = 255;
            }
        }
    }
    img
}

/// Black and white squares of `cell` pixels, top-left white.
pub fn checkerboard(width: u32, height: u32, channels: u8, cell: u32) -> Image {
    let mut img = Image::new(width, height, channels);
    let cell = cell.max(1);
    for y in 0..height {
        for x in 0..width {
            let v = if (x / cell + y / cell).is_multiple_of(2) { 255 } else { 0 };
            let p = img.pixel_mut(x, y);
            p[..3].fill(v);
            if channels == 4 {
                p[3] = 255;
            }
        }
    }
    img
}

/// Deterministic pseudo-random bytes (splitmix64 of `seed`), alpha included.
pub fn noise(width: u32, height: u32, channels: u8, seed: u64) -> Image {
    let mut img = Image::new(width, height, channels);
    let mut state = seed;
    for chunk in img.as_bytes_mut().chunks_mut(8) {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
    }
    img
}

/// The "standard visual image" of the original's regression tests (128×96 there).
pub fn visual(width: u32, height: u32, channels: u8) -> Image {
    let mut img = Image::new(width, height, channels);
    for y in 0..height {
        for x in 0..width {
            let mut r = (x as f64 / width as f64 * 255.0) as u32;
            let mut g = (y as f64 / height as f64 * 255.0) as u32;
            let b = (((x + y) % 64) as f64 / 64.0 * 255.0) as u32;
            if (x / 8 + y / 8) % 2 == 0 {
                r = (r + 50).min(255);
            }
            if x % 16 < 8 && y % 16 < 8 {
                g = (g + 100).min(255);
            }
            let p = img.pixel_mut(x, y);
            p[0] = r as u8;
            p[1] = g as u8;
            p[2] = b as u8;
            if channels == 4 {
                p[3] = 255;
            }
        }
    }
    img
}

/// Makes a synthetic image by kind name (see [`KINDS`]).
pub fn by_name(kind: &str, width: u32, height: u32, channels: u8) -> Option<Image> {
    Some(match kind {
        "grid" => numbered_grid(width, height, channels),
        "gradient" => gradient(width, height, channels),
        "checkerboard" => checkerboard(width, height, channels, 8),
        "noise" => noise(width, height, channels, 0x5eed),
        "visual" => visual(width, height, channels),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_values() {
        let g = numbered_grid(4, 4, 4);
        assert_eq!(g.pixel(3, 2), &[11, 11, 11, 255]);
    }

    #[test]
    fn gradient_values() {
        let g = gradient(64, 48, 3);
        assert_eq!(g.pixel(0, 0), &[0, 0, 0]);
        assert_eq!(g.pixel(63, 47), &[251, 249, 250]);
    }
}
