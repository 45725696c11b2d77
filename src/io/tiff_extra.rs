//! TIFF layouts the `image` crate does not read, decoded with the `tiff` crate and converted
//! as Pillow 11.3 opens them, then normalised as the original does (docs/spec.md §2.2):
//!
//! - grey of 2 or 4 bits (Pillow's "L;2" and "L;4": each value scaled to 8 bits, ×85 or
//!   ×17; WhiteIsZero inverted) → RGB;
//! - palette of 1, 2, 4 or 8 bits ("P", each 16-bit ColorMap entry divided by 256) → RGBA,
//!   opaque;
//! - grey with unassociated alpha, 8 bits ("LA") → RGBA;
//! - RGB with associated (premultiplied) alpha, 8 bits ("RGBa", un-premultiplied as Pillow
//!   unpacks it: each colour `v·255 / a`, all zero where `a` is 0) → RGBA;
//! - 32-bit signed integer grey ("I": clipped to 0..255) and 32-bit float grey ("F": through
//!   "L", clipped and truncated) → RGBA;
//! - CMYK, 8 bits ("CMYK") → RGBA by Pillow's conversion (see [`super::samples::cmyk_to_rgb`]).

use super::Limits;
use crate::core::Result;
use crate::image::Image;
use std::borrow::Cow;
use std::io::Cursor;
use tiff::decoder::{Decoder, DecodingResult};
use tiff::tags::Tag;
use tiff::ColorType;

/// A layout read here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Grey {
        bits: u8,
    },
    Palette {
        bits: u8,
    },
    GreyAlpha,
    AssociatedAlpha,
    Cmyk,
    /// 32-bit grey: signed integers, or floats.
    Int32,
    Float32,
}

impl Layout {
    /// The channels the image loads with.
    fn channels(self) -> u8 {
        match self {
            Layout::Grey { .. } => 3,
            Layout::Palette { .. }
            | Layout::GreyAlpha
            | Layout::AssociatedAlpha
            | Layout::Cmyk
            | Layout::Int32
            | Layout::Float32 => 4,
        }
    }

    /// Bits of one pixel in the file.
    fn bits(self) -> usize {
        match self {
            Layout::Grey { bits } | Layout::Palette { bits } => bits as usize,
            Layout::GreyAlpha => 16,
            Layout::AssociatedAlpha | Layout::Cmyk | Layout::Int32 | Layout::Float32 => 32,
        }
    }
}

/// A decoder over a file's bytes, or over a copy of them changed (see [`open`]).
type TiffDecoder<'a> = Decoder<Cursor<Cow<'a, [u8]>>>;

/// The decoder of `bytes` and its layout, when it is a TIFF of a layout read here. The `tiff`
/// crate refuses palette images (photometric 3) outright, though their samples are plain
/// indices: a palette image's decoder reads a copy of the file that says grey (photometric
/// 1), whose samples are the indices.
fn open(bytes: &[u8]) -> Option<(TiffDecoder<'_>, Layout)> {
    let mut decoder = Decoder::new(Cursor::new(Cow::Borrowed(bytes))).ok()?;
    let photometric = decoder.find_tag_unsigned::<u16>(Tag::PhotometricInterpretation).ok()??;
    if photometric == 3 {
        let bits = decoder.find_tag_unsigned_vec::<u16>(Tag::BitsPerSample).ok()??;
        let samples = decoder.find_tag_unsigned::<u16>(Tag::SamplesPerPixel).ok()?.unwrap_or(1);
        let bits = match (bits.as_slice(), samples) {
            (&[b @ (1 | 2 | 4 | 8)], 1) => b as u8,
            _ => return None,
        };
        let grey = Decoder::new(Cursor::new(Cow::Owned(as_grey(bytes)?))).ok()?;
        return Some((grey, Layout::Palette { bits }));
    }
    let layout = match decoder.colortype().ok()? {
        ColorType::Gray(bits @ (2 | 4)) => Layout::Grey { bits },
        ColorType::Multiband { bit_depth: 8, num_samples: 2 } if photometric == 1 => {
            let extra = decoder.find_tag_unsigned_vec::<u16>(Tag::ExtraSamples).ok()??;
            (extra == [2]).then_some(Layout::GreyAlpha)?
        }
        ColorType::CMYK(8) => Layout::Cmyk,
        ColorType::Gray(32) => match decoder.find_tag_unsigned::<u16>(Tag::SampleFormat).ok()?? {
            2 => Layout::Int32,
            3 => Layout::Float32,
            _ => return None,
        },
        ColorType::RGBA(8) => {
            let extra = decoder.find_tag_unsigned_vec::<u16>(Tag::ExtraSamples).ok()??;
            (extra == [1]).then_some(Layout::AssociatedAlpha)?
        }
        _ => return None,
    };
    Some((decoder, layout))
}

/// The width, height and channels of a TIFF of a layout read here, checked against
/// `limits`; `None` for any other file.
pub(super) fn probe(bytes: &[u8], origin: &str, limits: &Limits) -> Option<Result<(u32, u32, u8)>> {
    let (mut decoder, layout) = open(bytes)?;
    Some(shape(&mut decoder, layout, origin, limits))
}

/// The pixels of a TIFF of a layout read here, as Pillow opens them (see the module's
/// summary); `None` for any other file.
pub(super) fn decode(bytes: &[u8], origin: &str, limits: &Limits) -> Option<Result<Image>> {
    let (mut decoder, layout) = open(bytes)?;
    Some(shape(&mut decoder, layout, origin, limits).and_then(|(w, h, _)| read(decoder, layout, w, h, origin)))
}

/// The width, height and channels the image loads with, checked against `limits`.
fn shape(decoder: &mut TiffDecoder<'_>, layout: Layout, origin: &str, limits: &Limits) -> Result<(u32, u32, u8)> {
    let (w, h) = decoder.dimensions().map_err(|e| fail(origin, e.to_string()))?;
    limits.check(w, h, layout.channels(), &format!("image {origin}"))?;
    Ok((w, h, layout.channels()))
}

/// The decoding error of the file `origin`.
fn fail(origin: &str, reason: String) -> crate::core::Error {
    super::decode_error(origin, Some(image::ImageFormat::Tiff), reason)
}

/// The image, in a buffer taken as every decoded image's is (a refusal is a limit error).
fn read(mut decoder: TiffDecoder<'_>, layout: Layout, width: u32, height: u32, origin: &str) -> Result<Image> {
    let fail = |reason: String| fail(origin, reason);
    let (w, h) = (width as usize, height as usize);
    let row_bytes = (w * layout.bits()).div_ceil(8);
    let expected = row_bytes.checked_mul(h).ok_or_else(|| fail("the image is too large".into()))?;
    let mut tiff_limits = tiff::decoder::Limits::default();
    tiff_limits.decoding_buffer_size = expected;
    tiff_limits.intermediate_buffer_size = tiff_limits.intermediate_buffer_size.max(expected);
    let palette = match layout {
        Layout::Palette { bits } => {
            let map = decoder.find_tag_unsigned_vec::<u16>(Tag::ColorMap).map_err(|e| fail(e.to_string()))?;
            let map = map.ok_or_else(|| fail("a palette image without a colour map".into()))?;
            let n = 1usize << bits;
            if map.len() < 3 * n {
                return Err(fail(format!("a colour map of {} entries for {n} colours", map.len())));
            }
            // Pillow: each 16-bit entry divided by 256.
            (0..n).map(|i| [(map[i] >> 8) as u8, (map[n + i] >> 8) as u8, (map[2 * n + i] >> 8) as u8, 255]).collect()
        }
        _ => Vec::new(),
    };
    let mut decoder = decoder.with_limits(tiff_limits);
    // 32-bit grey becomes 8-bit grey first, as Pillow converts "I" and "F" on the way to RGBA.
    let (data, expected, row_bytes) = match (layout, decoder.read_image().map_err(|e| fail(e.to_string()))?) {
        (Layout::Int32, DecodingResult::I32(v)) => (v.into_iter().map(|s| s.clamp(0, 255) as u8).collect(), w * h, w),
        (Layout::Float32, DecodingResult::F32(v)) => {
            (v.into_iter().map(|s| s.clamp(0.0, 255.0) as u8).collect(), w * h, w)
        }
        (Layout::Int32 | Layout::Float32, _) => return Err(fail("unexpected sample type".into())),
        (_, DecodingResult::U8(data)) => (data, expected, row_bytes),
        _ => return Err(fail("unexpected sample type".into())),
    };
    if data.len() < expected {
        return Err(fail(format!("the image data is short ({} of {expected} bytes)", data.len())));
    }
    let channels = layout.channels() as usize;
    let mut image = Image::for_overwrite(width, height, layout.channels())?;
    for (row, out) in data[..expected].chunks_exact(row_bytes).zip(image.rows_mut()) {
        let pixels = out.chunks_exact_mut(channels).enumerate();
        match layout {
            Layout::GreyAlpha => {
                for (x, p) in pixels {
                    let (l, a) = (row[2 * x], row[2 * x + 1]);
                    p.copy_from_slice(&[l, l, l, a]);
                }
            }
            Layout::Grey { bits } => {
                let scale = 255 / ((1u8 << bits) - 1);
                for (x, p) in pixels {
                    p.fill(packed(row, x, bits) * scale);
                }
            }
            Layout::Palette { bits } => {
                for (x, p) in pixels {
                    p.copy_from_slice(&palette[packed(row, x, bits) as usize]);
                }
            }
            Layout::AssociatedAlpha => {
                for ((_, p), px) in pixels.zip(row.chunks_exact(4)) {
                    let a = px[3] as u32;
                    let colour = |v: u8| (v as u32 * 255).checked_div(a).map_or(0, |q| q.min(255) as u8);
                    p.copy_from_slice(&[colour(px[0]), colour(px[1]), colour(px[2]), px[3]]);
                }
            }
            Layout::Int32 | Layout::Float32 => {
                for (x, p) in pixels {
                    p.copy_from_slice(&[row[x], row[x], row[x], 255]);
                }
            }
            Layout::Cmyk => {
                for ((_, p), cmyk) in pixels.zip(row.chunks_exact(4)) {
                    let [r, g, b] = super::samples::cmyk_to_rgb([cmyk[0], cmyk[1], cmyk[2], cmyk[3]]);
                    p.copy_from_slice(&[r, g, b, 255]);
                }
            }
        }
    }
    Ok(image)
}

/// A copy of the TIFF `bytes` whose first image says its samples are grey (photometric 1):
/// the PhotometricInterpretation entry of its first IFD rewritten in place (classic TIFF,
/// and BigTIFF). `None` when the file has no such entry where the header says.
fn as_grey(bytes: &[u8]) -> Option<Vec<u8>> {
    let little = bytes.starts_with(b"II");
    let u16_at = |i: usize| {
        let b: [u8; 2] = bytes.get(i..i + 2)?.try_into().ok()?;
        Some(if little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    };
    let u32_at = |i: usize| {
        let b: [u8; 4] = bytes.get(i..i + 4)?.try_into().ok()?;
        Some(if little { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) } as u64)
    };
    let u64_at = |i: usize| {
        let b: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
        Some(if little { u64::from_le_bytes(b) } else { u64::from_be_bytes(b) })
    };
    // (first IFD, its entry count, the size of a count, of an entry)
    let (ifd, count, entry) = match u16_at(2)? {
        42 => {
            let ifd = u32_at(4)? as usize;
            (ifd + 2, u16_at(ifd)? as usize, 12)
        }
        43 => {
            let ifd = u64_at(8)? as usize;
            (ifd + 8, u64_at(ifd)? as usize, 20)
        }
        _ => return None,
    };
    let at = (0..count.min(4096)).map(|k| ifd + k * entry).find(|&e| u16_at(e) == Some(262))?;
    // A SHORT value sits at the start of the entry's value field, in the file's byte order.
    let value = at + if entry == 12 { 8 } else { 12 };
    let mut grey = bytes.to_vec();
    let one = if little { 1u16.to_le_bytes() } else { 1u16.to_be_bytes() };
    grey.get_mut(value..value + 2)?.copy_from_slice(&one);
    Some(grey)
}

/// Value `x` of a row of `bits`-bit values packed from the most significant bit.
fn packed(row: &[u8], x: usize, bits: u8) -> u8 {
    let bit = x * bits as usize;
    let shift = 8 - bits as usize - bit % 8;
    ((row[bit / 8] as u16 >> shift) & ((1u16 << bits) - 1)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian, uncompressed, one-strip TIFF: `width`x1 pixels of `bits` bits and
    /// `samples` samples, photometric `photometric`, pixel data `data`, and a colour map or
    /// extra samples when given.
    fn tiff(
        width: u32,
        bits: u16,
        samples: u16,
        photometric: u16,
        data: &[u8],
        map: &[u16],
        extra: Option<u16>,
    ) -> Vec<u8> {
        use crate::io::TiffValue::{At, Inline};
        let map: Vec<u8> = map.iter().flat_map(|v| v.to_le_bytes()).collect();
        let mut entries = vec![
            (256, 3, 1, Inline(width)),
            (257, 3, 1, Inline(1)),
            (258, 3, samples as u32, Inline(bits as u32 | if samples == 2 { (bits as u32) << 16 } else { 0 })),
            (259, 3, 1, Inline(1)),
            (262, 3, 1, Inline(photometric as u32)),
            (273, 4, 1, At(data)),
            (277, 3, 1, Inline(samples as u32)),
            (278, 3, 1, Inline(1)),
            (279, 4, 1, Inline(data.len() as u32)),
        ];
        if !map.is_empty() {
            entries.push((320, 3, map.len() as u32 / 2, At(&map)));
        }
        entries.extend(extra.map(|e| (338, 3, 1, Inline(e as u32))));
        crate::io::test_tiff(&entries)
    }

    fn decoded(bytes: &[u8]) -> Image {
        super::super::decode(bytes, "t.tif").unwrap()
    }

    #[test]
    fn four_bit_grey_is_scaled_to_eight_bits_as_rgb() {
        // 0, 5, 15 packed from the high nibble.
        let img = decoded(&tiff(3, 4, 1, 1, &[0x05, 0xF0], &[], None));
        assert_eq!(img.as_bytes(), [0, 0, 0, 85, 85, 85, 255, 255, 255]);
        // WhiteIsZero: inverted.
        let img = decoded(&tiff(3, 4, 1, 0, &[0x05, 0xF0], &[], None));
        assert_eq!(img.as_bytes(), [255, 255, 255, 170, 170, 170, 0, 0, 0]);
        // 2 bits: 0, 1, 3.
        assert_eq!(
            decoded(&tiff(3, 2, 1, 1, &[0b0001_1100], &[], None)).as_bytes(),
            [0, 0, 0, 85, 85, 85, 255, 255, 255]
        );
    }

    #[test]
    fn a_palette_opens_as_opaque_rgba_with_its_entries_divided_by_256() {
        let map = [0, 0x1234, 0, 0xFFFF, 0, 0xFF00, 0, 0, 0, 0, 0, 0x8000];
        let img = decoded(&tiff(3, 2, 1, 3, &[0b0001_1100], &map, None));
        assert_eq!(img.as_bytes(), [0, 0, 0, 255, 0x12, 0xFF, 0, 255, 0xFF, 0, 0x80, 255]);
        // 8 and 1 bits.
        let map8: Vec<u16> = (0..768).map(|i| (i as u16 % 256) << 8).collect();
        assert_eq!(decoded(&tiff(2, 8, 1, 3, &[7, 200], &map8, None)).as_bytes(), [7, 7, 7, 255, 200, 200, 200, 255]);
        let map1 = [0, 0xFFFF, 0, 0x8000, 0, 0x100];
        assert_eq!(
            decoded(&tiff(2, 1, 1, 3, &[0b0100_0000], &map1, None)).as_bytes(),
            [0, 0, 0, 255, 255, 128, 1, 255]
        );
        let e = super::super::decode(&tiff(3, 2, 1, 3, &[0b0001_1100], &map[..6], None), "t.tif").unwrap_err();
        assert!(e.to_string().contains("a colour map of 6 entries for 4 colours"), "{e}");
    }

    #[test]
    fn grey_with_alpha_opens_as_rgba() {
        let img = decoded(&tiff(2, 8, 2, 1, &[10, 255, 200, 128], &[], Some(2)));
        assert_eq!(img.as_bytes(), [10, 10, 10, 255, 200, 200, 200, 128]);
        assert_eq!(
            super::super::probe(&tiff(2, 8, 2, 1, &[10, 255, 200, 128], &[], Some(2)), "t", &Limits::default())
                .unwrap(),
            (2, 1, 4)
        );
    }
}
