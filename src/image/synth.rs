//! Synthetic test images (the original's generators, docs/spec.md §5.1) used by `synth`, `demo`,
//! tests and benchmarks.

use super::Image;

/// The kinds `pixelpipe synth` can make.
pub const KINDS: &[&str] = &["grid", "gradient", "checkerboard", "noise", "visual"];

/// A synthetic image, made a band of rows at a time (so `synth` can write an image of any
/// size without holding it). Every kind is a function of the pixel's position.
#[derive(Clone, Copy, Debug)]
pub struct Synth {
    pattern: Pattern,
    width: u32,
    height: u32,
    channels: u8,
}

#[derive(Clone, Copy, Debug)]
enum Pattern {
    Grid,
    Gradient,
    Checkerboard(u32),
    Noise(u64),
    Visual,
}

impl Synth {
    /// By kind name (see [`KINDS`]).
    pub fn named(kind: &str, width: u32, height: u32, channels: u8) -> Option<Synth> {
        let kind = match kind {
            "grid" => Pattern::Grid,
            "gradient" => Pattern::Gradient,
            "checkerboard" => Pattern::Checkerboard(8),
            "noise" => Pattern::Noise(0x5eed),
            "visual" => Pattern::Visual,
            _ => return None,
        };
        Some(Synth { pattern: kind, width, height, channels })
    }

    /// Fills `out` with whole rows from row `first` on, in parallel.
    pub fn fill(&self, first: u32, out: &mut [u8]) {
        use rayon::prelude::*;
        let stride = self.width as usize * self.channels as usize;
        if stride == 0 {
            return;
        }
        out.par_chunks_mut(stride).enumerate().for_each(|(i, row)| self.row(first + i as u32, row));
    }

    /// The whole image.
    pub fn image(&self) -> Image {
        let mut img = Image::new(self.width, self.height, self.channels);
        self.fill(0, img.as_bytes_mut());
        img
    }

    fn row(&self, y: u32, row: &mut [u8]) {
        let c = self.channels as usize;
        let (w, h) = (self.width, self.height);
        if let Pattern::Noise(seed) = self.pattern {
            return noise_bytes(seed, y as u64 * row.len() as u64, row);
        }
        for (x, p) in row.chunks_exact_mut(c).enumerate() {
            let x = x as u32;
            let rgb = match self.pattern {
                Pattern::Grid => [((y as u64 * w as u64 + x as u64) % 256) as u8; 3],
                Pattern::Gradient => {
                    let (fw, fh) = (w as f64, h as f64);
                    [
                        (x as f64 / fw * 255.0) as u8,
                        (y as f64 / fh * 255.0) as u8,
                        ((x + y) as f64 / (fw + fh) * 255.0) as u8,
                    ]
                }
                Pattern::Checkerboard(cell) => [if (x / cell + y / cell).is_multiple_of(2) { 255 } else { 0 }; 3],
                Pattern::Visual => {
                    let mut r = (x as f64 / w as f64 * 255.0) as u32;
                    let mut g = (y as f64 / h as f64 * 255.0) as u32;
                    let b = (((x + y) % 64) as f64 / 64.0 * 255.0) as u32;
                    if (x / 8 + y / 8).is_multiple_of(2) {
                        r = (r + 50).min(255);
                    }
                    if x % 16 < 8 && y % 16 < 8 {
                        g = (g + 100).min(255);
                    }
                    [r as u8, g as u8, b as u8]
                }
                Pattern::Noise(_) => unreachable!("filled above"),
            };
            p[..3].copy_from_slice(&rgb);
            if c == 4 {
                p[3] = 255;
            }
        }
    }
}

/// Bytes `offset..offset + out.len()` of the noise stream of `seed`: splitmix64, one
/// 8-byte word per word of the image.
fn noise_bytes(seed: u64, offset: u64, out: &mut [u8]) {
    let word = |k: u64| {
        let mut z = seed.wrapping_add((k + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)).to_le_bytes()
    };
    for (i, b) in out.iter_mut().enumerate() {
        let at = offset + i as u64;
        *b = word(at / 8)[(at % 8) as usize];
    }
}

/// `numbered_grid`: every colour channel of (x, y) is `(y*W + x) mod 256`; alpha 255.
pub fn numbered_grid(width: u32, height: u32, channels: u8) -> Image {
    Synth { pattern: Pattern::Grid, width, height, channels }.image()
}

/// `create_test_image`: R = x/W·255, G = y/H·255, B = (x+y)/(W+H)·255 (truncated), A = 255.
pub fn gradient(width: u32, height: u32, channels: u8) -> Image {
    Synth { pattern: Pattern::Gradient, width, height, channels }.image()
}

/// Black and white squares of `cell` pixels, top-left white.
pub fn checkerboard(width: u32, height: u32, channels: u8, cell: u32) -> Image {
    Synth { pattern: Pattern::Checkerboard(cell.max(1)), width, height, channels }.image()
}

/// Deterministic pseudo-random bytes (splitmix64 of `seed`), alpha included.
pub fn noise(width: u32, height: u32, channels: u8, seed: u64) -> Image {
    Synth { pattern: Pattern::Noise(seed), width, height, channels }.image()
}

/// The "standard visual image" of the original's regression tests (128×96 there).
pub fn visual(width: u32, height: u32, channels: u8) -> Image {
    Synth { pattern: Pattern::Visual, width, height, channels }.image()
}

/// Makes a synthetic image by kind name (see [`KINDS`]).
pub fn by_name(kind: &str, width: u32, height: u32, channels: u8) -> Option<Image> {
    Synth::named(kind, width, height, channels).map(|s| s.image())
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
    fn noise_is_the_splitmix_stream_whatever_the_rows() {
        // The stream as one sequence of 8-byte words (how it was first written).
        let img = noise(7, 5, 3, 42);
        let mut state = 42u64;
        let mut expected = Vec::new();
        while expected.len() < 7 * 5 * 3 {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            expected.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
        }
        assert_eq!(img.as_bytes(), &expected[..7 * 5 * 3]);
    }

    #[test]
    fn gradient_values() {
        let g = gradient(64, 48, 3);
        assert_eq!(g.pixel(0, 0), &[0, 0, 0]);
        assert_eq!(g.pixel(63, 47), &[251, 249, 250]);
    }
}
