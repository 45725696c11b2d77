//! Samples of fewer or other bits than 8, expanded to 8 as the original's decoder (Pillow
//! 11.3) does, where the `image` crate's decoders round otherwise:
//!
//! - 16-bit BMP: Pillow reads 5-5-5 and 5-6-5 layouts only (others are refused), as RGB,
//!   and expands a 5- or 6-bit channel `v` as `v·255 // 31` (or `// 63`); the crate rounds.
//!   Both maps are one-to-one, so the crate's values are mapped to Pillow's by a table.
//! - 16-bit true-colour TGA: Pillow reads RGBA, expanding as BMP does, alpha 0 where the top
//!   bit is set and 255 where it is clear; the crate drops that bit, so these are decoded
//!   here (raw or run-length packets, any orientation).
//! - PNM (P2, P3, P5, P6) of a maxval other than 255: Pillow scales a sample as
//!   `round(v / maxval · 255)` in f64, ties to even (grey above 255 opens as 32-bit "I",
//!   `round(v / maxval · 65535)`, then clipped to 255 by the RGBA conversion); the crate
//!   scales in f32 with ties away from zero. Its map is one-to-one, so the sample is
//!   recovered from the crate's value and scaled again.
//!
//! - CMYK (JPEG, TIFF): Pillow's CMYK → RGB conversion ([`cmyk_to_rgb`]).
//! - PFM grey (`Pf`): Pillow's "F" (32-bit floats, rows bottom-up, little-endian when the
//!   scale is negative), through "L" (clipped to 0..255 and truncated) to RGBA; the crate
//!   has no PFM reader ([`pfm`]).
//!
//! Written here because no crate decodes these with Pillow's arithmetic; the decoder corpus
//! (`tests/decode_against_pillow.py`) holds them to Pillow's pixels.

use super::{Error, Image, Result};
use image::DynamicImage;

/// Pillow's CMYK → RGB conversion (`cmyk2rgb` in its Convert.c): each of C, M, Y taken out
/// of the black-scaled white, `nk − C·nk/255` with `nk = 255 − K`, rounded as its MULDIV255.
pub(super) fn cmyk_to_rgb([c, m, y, k]: [u8; 4]) -> [u8; 3] {
    let muldiv255 = |a: u32, b: u32| {
        let t = a * b + 128;
        ((t >> 8) + t) >> 8
    };
    let nk = 255 - k as u32;
    [c, m, y].map(|v| (nk - muldiv255(v as u32, nk)) as u8)
}

/// A 16-bit BMP's channel layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bmp16 {
    Rgb555,
    Rgb565,
}

/// The layout of a 16-bit BMP (`None`: not one), or the refusal Pillow gives for another.
pub(super) fn bmp16(bytes: &[u8]) -> Option<std::result::Result<Bmp16, String>> {
    let u32_at = |at| super::le_u32(bytes, at);
    let header = u32_at(14)?;
    let bits = super::le_u16(bytes, 28)?;
    if header < 40 || bits != 16 {
        return None;
    }
    Some(match u32_at(30)? {
        0 => Ok(Bmp16::Rgb555),
        // BI_BITFIELDS: the red, green and blue masks follow the 40-byte header (or are in
        // a longer one, at the same place).
        3 => match (u32_at(54)?, u32_at(58)?, u32_at(62)?) {
            (0x7C00, 0x3E0, 0x1F) => Ok(Bmp16::Rgb555),
            (0xF800, 0x7E0, 0x1F) => Ok(Bmp16::Rgb565),
            (r, g, b) => Err(format!(
                "unsupported 16-bit BMP bitfields layout (masks {r:#x}, {g:#x}, {b:#x}); \
                 5-5-5 (0x7c00, 0x3e0, 0x1f) and 5-6-5 (0xf800, 0x7e0, 0x1f) are read"
            )),
        },
        _ => return None,
    })
}

/// The crate's expansion of a `bits`-bit channel (rounded) mapped to Pillow's (floored).
fn expansion_fix(bits: u32) -> [u8; 256] {
    let max = (1u32 << bits) - 1;
    let mut table: [u8; 256] = std::array::from_fn(|i| i as u8);
    for v in 0..=max {
        let rounded = (v as f64 * 255.0 / max as f64).round() as usize;
        table[rounded] = (v * 255 / max) as u8;
    }
    table
}

/// Pillow's pixels of a 16-bit BMP the crate decoded (RGB, alpha already dropped).
pub(super) fn fix_bmp16(image: &mut Image, layout: Bmp16) {
    let five = expansion_fix(5);
    let green = if layout == Bmp16::Rgb565 { expansion_fix(6) } else { five };
    for px in image.as_bytes_mut().chunks_exact_mut(3) {
        px[0] = five[px[0] as usize];
        px[1] = green[px[1] as usize];
        px[2] = five[px[2] as usize];
    }
}

/// A 16-bit true-colour TGA (raw or run-length, image types 2 and 10) decoded as Pillow
/// reads it (RGBA); `None` for any other TGA. `check` vets the size before allocation;
/// `fail` makes the error of damaged data.
pub(super) fn tga16(
    bytes: &[u8],
    check: impl FnOnce(u32, u32) -> Result<()>,
    fail: impl Fn(String) -> Error,
) -> Option<Result<Image>> {
    let head = bytes.get(..18)?;
    let (id_len, map_type, kind, depth, descriptor) = (head[0], head[1], head[2], head[16], head[17]);
    if !matches!(kind, 2 | 10) || depth != 16 {
        return None;
    }
    let u16_at = |i: usize| u16::from_le_bytes([head[i], head[i + 1]]) as usize;
    let (width, height) = (u16_at(12), u16_at(14));
    let map_bytes = if map_type == 1 { u16_at(5) * (head[7] as usize).div_ceil(8) } else { 0 };
    Some((|| {
        check(width as u32, height as u32)?;
        let truncated = || fail("the image is truncated (its data ends early)".into());
        let data = bytes.get(18 + id_len as usize + map_bytes..).ok_or_else(truncated)?;
        let count = width * height;
        let mut pixels = Vec::with_capacity(count);
        if kind == 2 {
            let raw = data.get(..count * 2).ok_or_else(truncated)?;
            pixels.extend(raw.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])));
        } else {
            let mut at = 0;
            while pixels.len() < count {
                let packet = *data.get(at).ok_or_else(truncated)?;
                let n = (packet & 0x7f) as usize + 1;
                let take = if packet & 0x80 != 0 { 2 } else { 2 * n };
                let body = data.get(at + 1..at + 1 + take).ok_or_else(truncated)?;
                at += 1 + take;
                let words = body.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]]));
                match packet & 0x80 {
                    0 => pixels.extend(words),
                    _ => pixels.extend(std::iter::repeat_n(words.clone().next().expect("two bytes"), n)),
                }
            }
            pixels.truncate(count);
        }
        let mut image = Image::new(width as u32, height as u32, 4);
        let expand = |v: u16| (v as u32 * 255 / 31) as u8;
        let (top_down, right_to_left) = (descriptor & 0x20 != 0, descriptor & 0x10 != 0);
        for (i, row) in pixels.chunks_exact(width).enumerate() {
            let y = if top_down { i } else { height - 1 - i };
            let out = image.row_mut(y as u32);
            for (x, &p) in row.iter().enumerate() {
                let x = if right_to_left { width - 1 - x } else { x };
                let alpha = if p & 0x8000 != 0 { 0 } else { 255 };
                out[x * 4..x * 4 + 4].copy_from_slice(&[
                    expand(p >> 10 & 31),
                    expand(p >> 5 & 31),
                    expand(p & 31),
                    alpha,
                ]);
            }
        }
        Ok(image)
    })())
}

/// The maxval of a PNM file Pillow scales (P2, P3, P5, P6 of a maxval other than 255).
pub(super) fn pnm_maxval(bytes: &[u8]) -> Option<u32> {
    if !matches!(bytes.get(..2)?, b"P2" | b"P3" | b"P5" | b"P6") {
        return None;
    }
    let decoder = image::codecs::pnm::PnmDecoder::new(std::io::Cursor::new(bytes)).ok()?;
    Some(decoder.header().maximal_sample()).filter(|&m| m != 255 && m > 0)
}

/// Pillow's pixels of a PNM of `maxval` the crate decoded (grey to 8 bits as RGB, grey
/// above 8 bits as RGBA, colour as RGB: the original's modes, as `normalise` gives them);
/// `None` for another kind of buffer.
pub(super) fn pnm(decoded: &DynamicImage, maxval: u32) -> Option<Image> {
    let m = maxval as f64;
    let pillow = |v: u32, top: f64| ((v as f64 / m) * top).round_ties_even().min(top) as u32;
    let (w, h) = (decoded.width(), decoded.height());
    let (channels, data): (u8, Vec<u8>) = match decoded {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => {
            // The crate's value of each sample (f32, ties away from zero), mapped to Pillow's.
            let factor = 255f32 / maxval as f32;
            let mut table: [u8; 256] = std::array::from_fn(|i| i as u8);
            for v in 0..=maxval.min(255) {
                table[((v as f32 * factor).round() as u32).min(255) as usize] = pillow(v, 255.0) as u8;
            }
            let raw = decoded.as_bytes().iter().map(|&v| table[v as usize]);
            match decoded {
                DynamicImage::ImageLuma8(_) => (3, raw.flat_map(|v| [v; 3]).collect()),
                _ => (3, raw.collect()),
            }
        }
        DynamicImage::ImageLuma16(g) => {
            let sample = samples16(maxval);
            let grey = |c: u16| pillow(sample(c), 65535.0).min(255) as u8;
            (4, g.as_raw().iter().flat_map(|&c| [grey(c), grey(c), grey(c), 255]).collect())
        }
        DynamicImage::ImageRgb16(i) => {
            let sample = samples16(maxval);
            (3, i.as_raw().iter().map(|&c| pillow(sample(c), 255.0) as u8).collect())
        }
        _ => return None,
    };
    Image::from_raw(w, h, channels, data)
}

/// The sample of maxval `maxval` whose 16-bit value the crate gives as `c` (its scaling is
/// one-to-one; a value no sample gives, from a sample beyond maxval, is taken as maxval).
fn samples16(maxval: u32) -> impl Fn(u16) -> u32 {
    let factor = 65535f32 / maxval as f32;
    let mut back = vec![maxval; 65536];
    for v in (0..=maxval).rev() {
        back[((v as f32 * factor).round() as u32).min(65535) as usize] = v;
    }
    move |c| back[c as usize]
}

/// A PFM grey image's header as Pillow reads it: width, height, whether the samples are
/// little-endian, and where they start. `None`: not a PFM grey file (`Pf` and whitespace);
/// an error: a header Pillow refuses.
pub(super) fn pfm_header(bytes: &[u8]) -> Option<std::result::Result<(u32, u32, bool, usize), String>> {
    if bytes.len() < 3 || &bytes[..2] != b"Pf" || !bytes[2].is_ascii_whitespace() {
        return None;
    }
    let mut at = 3;
    let mut header = || {
        let side = |t: String| t.parse::<u32>().map_err(|_| format!("`{t}` is not a size"));
        let (width, height) = (side(pfm_token(bytes, &mut at)?)?, side(pfm_token(bytes, &mut at)?)?);
        let scale = pfm_token(bytes, &mut at)?;
        let scale: f64 = scale.parse().map_err(|_| format!("`{scale}` is not a scale"))?;
        if scale == 0.0 || !scale.is_finite() {
            return Err("the scale must be finite and non-zero".to_string());
        }
        Ok((width, height, scale < 0.0))
    };
    Some(header().map(|(width, height, little)| (width, height, little, at)))
}

/// Pillow's token of a PNM header from `at`: whitespace skipped before it, `#` to the end of
/// the line skipped, at most 10 bytes, ended by (and consuming) one whitespace byte.
fn pfm_token(bytes: &[u8], at: &mut usize) -> std::result::Result<String, String> {
    let mut token = Vec::new();
    while token.len() <= 10 {
        let Some(&c) = bytes.get(*at) else { break };
        *at += 1;
        if c.is_ascii_whitespace() {
            if token.is_empty() {
                continue;
            }
            break;
        }
        if c == b'#' {
            while bytes.get(*at).is_some_and(|&c| c != b'\r' && c != b'\n') {
                *at += 1;
            }
            *at += 1;
            continue;
        }
        token.push(c);
    }
    match token.len() {
        0 => Err("the header ends early".into()),
        11.. => Err("a token of the header is too long".into()),
        _ => Ok(String::from_utf8_lossy(&token).into_owned()),
    }
}

/// The pixels of a PFM grey image of `header` ([`pfm_header`]) as the original opens it.
pub(super) fn pfm(
    bytes: &[u8],
    (width, height, little, start): (u32, u32, bool, usize),
) -> std::result::Result<Image, String> {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 {
        return Err("the image has no pixels".into());
    }
    let samples = bytes.get(start..).unwrap_or(&[]);
    if samples.len() / 4 < w * h {
        return Err("the image is truncated (its data ends early)".into());
    }
    let mut image = Image::new(width, height, 4);
    for (i, row) in samples[..w * h * 4].chunks_exact(w * 4).enumerate() {
        let out = image.row_mut((h - 1 - i) as u32);
        for (px, b) in out.chunks_exact_mut(4).zip(row.chunks_exact(4)) {
            let b = [b[0], b[1], b[2], b[3]];
            let v = if little { f32::from_le_bytes(b) } else { f32::from_be_bytes(b) };
            let grey = v.clamp(0.0, 255.0) as u8;
            px.copy_from_slice(&[grey, grey, grey, 255]);
        }
    }
    Ok(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crates_rounded_expansion_maps_to_pillows_floored_one() {
        for bits in [5, 6] {
            let (max, table) = ((1u32 << bits) - 1, expansion_fix(bits));
            for v in 0..=max {
                let rounded = (v as f64 * 255.0 / max as f64).round() as usize;
                assert_eq!(table[rounded] as u32, v * 255 / max, "{bits} bits, v = {v}");
            }
        }
    }

    fn tga(kind: u8, width: u16, height: u16, data: &[u8]) -> Vec<u8> {
        let mut file = vec![0, 0, kind, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        file.extend(width.to_le_bytes());
        file.extend(height.to_le_bytes());
        file.extend([16, 0x20]);
        file.extend(data);
        file
    }

    fn decode_tga(file: &[u8]) -> Result<Image> {
        tga16(file, |_, _| Ok(()), Error::processing).expect("a 16-bit TGA")
    }

    #[test]
    fn sixteen_bit_tga_packets_expand_as_pillow_and_damage_is_refused() {
        // A repeat packet of 3 (white, alpha bit set) and a raw packet of 1 (pure red).
        let file = tga(10, 2, 2, &[0x82, 0xff, 0xff, 0x00, 0x00, 0x7c]);
        let image = decode_tga(&file).unwrap();
        assert_eq!(image.as_bytes(), [255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0, 255, 0, 0, 255]);
        let raw = tga(2, 1, 1, &[0x10, 0x42]);
        assert_eq!(decode_tga(&raw).unwrap().as_bytes(), [131, 131, 131, 255]);
        for cut in [&file[..file.len() - 1], &file[..18], &raw[..19]] {
            assert!(decode_tga(cut).unwrap_err().to_string().contains("truncated"));
        }
        assert!(tga16(&tga(3, 1, 1, &[0, 0]), |_, _| Ok(()), Error::processing).is_none(), "grey is the crate's");
    }

    #[test]
    fn pfm_grey_reads_bottom_up_clipped_and_truncated() {
        let mut file = b"Pf\n# a comment\n2 2\n-1.0\n".to_vec();
        for v in [-3.5f32, 10.9, 300.0, 7.0] {
            file.extend(v.to_le_bytes());
        }
        let header = pfm_header(&file).unwrap().unwrap();
        assert_eq!((header.0, header.1, header.2), (2, 2, true));
        let image = pfm(&file, header).unwrap();
        // The file's first row is the bottom one.
        assert_eq!(image.as_bytes(), [255, 255, 255, 255, 7, 7, 7, 255, 0, 0, 0, 255, 10, 10, 10, 255]);
        assert!(pfm(&file[..file.len() - 1], header).unwrap_err().contains("truncated"));
        assert!(pfm_header(b"Pf\n2 2\n0.0\n").unwrap().unwrap_err().contains("scale"));
        assert!(pfm_header(b"PF\n2 2\n1.0\n").is_none(), "colour PFM is not Pillow's");
    }
}
