//! Premultiplied alpha as Pillow converts `RGBA` ↔ `RGBa` (`Convert.c`).

use crate::image::Image;

/// `RGBA` → `RGBa` (`rgbA2rgba` in `Convert.c`): each colour becomes `MULDIV255(v, a)`
/// (= `(v·a + 127) / 255`). No-op on RGB images.
pub fn premultiply(img: &mut Image) {
    if img.channels() != 4 {
        return;
    }
    let data = img.as_bytes_mut();
    crate::image::par_bands(data, 4 * 4096, |_, band| premultiply_pixels(band));
}

/// [`premultiply`] of packed RGBA pixels.
pub(super) fn premultiply_pixels(pixels: &mut [u8]) {
    for p in pixels.chunks_exact_mut(4) {
        let a = p[3] as u32;
        for v in &mut p[..3] {
            let t = *v as u32 * a + 128;
            *v = (((t >> 8) + t) >> 8) as u8;
        }
    }
}

/// `rgba2rgbA` as a table: row `a` maps a premultiplied colour `v` to `min(255·v / a, 255)`
/// (integer division); rows 0 and 255 are the identity, as in the C.
fn unpremultiply_table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![0u8; 256 * 256];
        for a in 0..256u32 {
            for v in 0..256u32 {
                t[(a * 256 + v) as usize] = if a == 0 || a == 255 { v as u8 } else { (255 * v / a).min(255) as u8 };
            }
        }
        t
    })
}

/// `RGBa` → `RGBA` (`rgba2rgbA` in `Convert.c`): colours become `min(255 v / a, 255)` (integer
/// division) unless alpha is 0 or 255, where they are kept. No-op on RGB images.
pub fn unpremultiply(img: &mut Image) {
    if img.channels() != 4 {
        return;
    }
    let data = img.as_bytes_mut();
    crate::image::par_bands(data, 4 * 4096, |_, band| unpremultiply_pixels(band));
}

/// [`unpremultiply`] of packed RGBA pixels.
pub(super) fn unpremultiply_pixels(pixels: &mut [u8]) {
    let table = unpremultiply_table();
    for p in pixels.chunks_exact_mut(4) {
        let row = &table[p[3] as usize * 256..p[3] as usize * 256 + 256];
        for v in &mut p[..3] {
            *v = row[*v as usize];
        }
    }
}
