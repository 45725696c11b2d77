//! GIF input: the first frame, as Pillow 11 opens it (docs/spec.md §2.2); and GIF output
//! ([`encode`]).
//!
//! Pillow's rules, which the `gif` crate leaves to its caller (it hands over the frame's
//! palette indices):
//! - The image is the logical screen, grown to hold the first frame where the frame passes
//!   its edge. Outside the frame it holds the frame's transparent index, else index 0.
//! - The mode is "P" when the frame has a colour table (its own, else the global one) that
//!   is not the identity grey ramp (entry i = (i, i, i)); otherwise "L", the indices being the
//!   grey values.
//! - "P" opens as RGBA: each index's palette colour, alpha 0 for the transparent index and
//!   255 for the others. "L" opens as RGB (the transparency is dropped).
//! - A file without any colour table is "L" too; the `gif` crate refuses a frame without
//!   one, so such a file is read with an identity grey global table added ([`with_grey_table`]).

use super::Limits;
use crate::core::{Error, Result};
use crate::image::Image;

/// The first frame's layout, read from the headers before any pixel data.
struct Layout {
    width: u32,
    height: u32,
    /// The colour table of the first frame, when it is not the identity grey ramp.
    palette: Option<Vec<u8>>,
}

fn fail(origin: &str, reason: impl std::fmt::Display) -> Error {
    Error::Decode { path: origin.to_string(), format: Some("gif"), reason: reason.to_string() }
}

/// `bytes`, or, when the file has no global colour table, a copy with the identity grey ramp
/// as its global table: a first frame without a table of its own then reads as "L", as
/// Pillow reads it, and one with a table of its own is unchanged.
fn with_grey_table(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    // The logical screen descriptor ends at byte 13; bit 7 of byte 10 flags a global table.
    match bytes.get(10) {
        Some(&packed) if packed & 0x80 == 0 && bytes.len() >= 13 => {
            let mut copy = Vec::with_capacity(bytes.len() + 768);
            copy.extend_from_slice(&bytes[..13]);
            copy[10] = packed | 0x80 | 0x07;
            copy.extend((0..=255u8).flat_map(|v| [v; 3]));
            copy.extend_from_slice(&bytes[13..]);
            std::borrow::Cow::Owned(copy)
        }
        _ => std::borrow::Cow::Borrowed(bytes),
    }
}

fn decoder<'a>(bytes: &'a [u8], origin: &str, limits: &Limits) -> Result<::gif::Decoder<&'a [u8]>> {
    let mut options = ::gif::DecodeOptions::new();
    options.set_color_output(::gif::ColorOutput::Indexed);
    // A frame's buffer (one byte an index) is at most the checked image size.
    let cap = std::num::NonZeroU64::new(limits.max_pixels).unwrap_or(std::num::NonZeroU64::MIN);
    options.set_memory_limit(::gif::MemoryLimit::Bytes(cap));
    options.read_info(bytes).map_err(|e| fail(origin, e))
}

/// Reads up to the first frame's descriptor: the size Pillow gives the image and the mode,
/// checked against `limits` before any pixel is decoded.
fn layout(decoder: &mut ::gif::Decoder<&[u8]>, origin: &str, limits: &Limits) -> Result<Layout> {
    let (screen_w, screen_h) = (decoder.width() as u32, decoder.height() as u32);
    let global = decoder.global_palette().map(<[u8]>::to_vec);
    let frame = decoder
        .next_frame_info()
        .map_err(|e| fail(origin, e))?
        .ok_or_else(|| fail(origin, "the file holds no image (no frame)"))?;
    let table = frame.palette.clone().or(global);
    let palette = table.filter(|p| !identity_grey(p));
    let width = screen_w.max(frame.left as u32 + frame.width as u32);
    let height = screen_h.max(frame.top as u32 + frame.height as u32);
    let layout = Layout { width, height, palette };
    if width == 0 || height == 0 {
        return Err(fail(origin, "the image has no pixels"));
    }
    limits.check(width, height, layout.channels(), &format!("image {origin}"))?;
    Ok(layout)
}

impl Layout {
    /// RGBA for a palette image ("P"), RGB for grey ("L").
    fn channels(&self) -> u8 {
        if self.palette.is_some() {
            4
        } else {
            3
        }
    }
}

/// Whether a colour table is the identity grey ramp, which Pillow reads as no palette.
fn identity_grey(table: &[u8]) -> bool {
    table.chunks(3).enumerate().all(|(i, c)| c.iter().all(|&v| v as usize == i))
}

/// Width, height and channel count of a GIF's first frame as it will load, within `limits`.
pub fn probe(bytes: &[u8], origin: &str, limits: &Limits) -> Result<(u32, u32, u8)> {
    let layout = layout(&mut decoder(&with_grey_table(bytes), origin, limits)?, origin, limits)?;
    Ok((layout.width, layout.height, layout.channels()))
}

/// Decodes a GIF's first frame as Pillow opens and the original normalises it.
pub fn decode(bytes: &[u8], origin: &str, limits: &Limits) -> Result<Image> {
    let bytes = with_grey_table(bytes);
    let mut decoder = decoder(&bytes, origin, limits)?;
    let Layout { width, height, palette } = layout(&mut decoder, origin, limits)?;
    let frame = decoder.current_frame_info().ok_or_else(|| fail(origin, "the file holds no image"))?;
    let (left, top, fw, fh) = (frame.left as usize, frame.top as usize, frame.width as usize, frame.height as usize);
    let transparent = frame.transparent;
    let mut indices = vec![0u8; fw * fh];
    decoder.read_into_buffer(&mut indices).map_err(|e| fail(origin, e))?;
    // The canvas: the transparent index (else 0), the frame's indices in their place.
    let (w, h) = (width as usize, height as usize);
    let mut canvas = vec![transparent.unwrap_or(0); w * h];
    if fw > 0 {
        for (y, row) in indices.chunks_exact(fw).enumerate() {
            let at = (top + y) * w + left;
            canvas[at..at + fw].copy_from_slice(row);
        }
    }
    let image = match palette {
        None => Image::from_raw(width, height, 3, canvas.iter().flat_map(|&v| [v, v, v]).collect()),
        Some(table) => {
            // Past the table's end (an index the table does not have), Pillow's palette is
            // black.
            let mut colours = [[0u8, 0, 0, 255]; 256];
            for (colour, rgb) in colours.iter_mut().zip(table.chunks_exact(3)) {
                colour[..3].copy_from_slice(rgb);
            }
            if let Some(t) = transparent {
                colours[t as usize][3] = 0;
            }
            Image::from_raw(width, height, 4, canvas.iter().flat_map(|&i| colours[i as usize]).collect())
        }
    };
    Ok(image.expect("the canvas holds width × height pixels"))
}

/// Writes `img` as a one-frame GIF, with the `gif` crate's palette: an image of at most 256
/// colours keeps them exactly (pixel art, flat graphics, dithered results), any other is
/// reduced to 256 by NeuQuant (at speed 10, the crate's "good compromise"), a neural-network
/// quantiser that keeps gradients smoother than median cut on photos and glitch art. Alpha
/// is on or off: a pixel of alpha 0 is transparent, any other opaque.
pub fn encode(img: &Image, out: &mut impl std::io::Write) -> std::result::Result<(), String> {
    let (width, height) = (img.width(), img.height());
    let too_large = || format!("a GIF is at most 65535 pixels a side; the image is {width}x{height}");
    let w = u16::try_from(width).map_err(|_| too_large())?;
    let h = u16::try_from(height).map_err(|_| too_large())?;
    let mut rgba = match img.channels() {
        4 => img.as_bytes().to_vec(),
        _ => img.as_bytes().chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
    };
    let frame = gif::Frame::from_rgba_speed(w, h, &mut rgba, 10);
    let mut encoder = gif::Encoder::new(out, w, h, &[]).map_err(|e| e.to_string())?;
    encoder.write_frame(&frame).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GIF of `screen` size holding one frame at `at`, of `size`, with these indices,
    /// colour table (global or local) and transparent index.
    fn gif(
        screen: (u16, u16),
        at: (u16, u16),
        size: (u16, u16),
        indices: &[u8],
        table: &[u8],
        local: bool,
        transparent: Option<u8>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let global: &[u8] = if local { &[] } else { table };
            let mut enc = ::gif::Encoder::new(&mut out, screen.0, screen.1, global).unwrap();
            let mut frame = ::gif::Frame::default();
            (frame.left, frame.top, frame.width, frame.height) = (at.0, at.1, size.0, size.1);
            frame.buffer = std::borrow::Cow::Borrowed(indices);
            frame.transparent = transparent;
            if local {
                frame.palette = Some(table.to_vec());
            }
            enc.write_frame(&frame).unwrap();
        }
        out
    }

    #[test]
    fn a_palette_frame_opens_as_rgba_with_its_transparent_index_clear() {
        let table = [10, 20, 30, 200, 100, 0, 1, 2, 3, 4, 5, 6];
        for local in [false, true] {
            let bytes = gif((2, 2), (0, 0), (2, 2), &[0, 1, 2, 1], &table, local, Some(2));
            let img = decode(&bytes, "t.gif", &Limits::default()).unwrap();
            assert_eq!((img.width(), img.height(), img.channels()), (2, 2, 4));
            assert_eq!(img.as_bytes(), [10, 20, 30, 255, 200, 100, 0, 255, 1, 2, 3, 0, 200, 100, 0, 255]);
        }
    }

    #[test]
    fn a_smaller_first_frame_sits_on_the_transparent_index_and_can_grow_the_screen() {
        let table = [0, 0, 0, 255, 255, 255, 9, 9, 9, 7, 7, 7];
        // A 1x1 frame at (1, 0) on a 2x2 screen: the rest is the transparent index.
        let bytes = gif((2, 2), (1, 0), (1, 1), &[1], &table, false, Some(2));
        let img = decode(&bytes, "t.gif", &Limits::default()).unwrap();
        let t = [9, 9, 9, 0];
        assert_eq!(img.as_bytes(), [t, [255, 255, 255, 255], t, t].concat());
        // No transparency: index 0; a frame passing the screen's edge grows the image.
        let bytes = gif((1, 1), (1, 1), (1, 1), &[3], &table, false, None);
        let img = decode(&bytes, "t.gif", &Limits::default()).unwrap();
        assert_eq!((img.width(), img.height()), (2, 2));
        let black = [0, 0, 0, 255];
        assert_eq!(img.as_bytes(), [black, black, black, [7, 7, 7, 255]].concat());
        assert_eq!(probe(&bytes, "t.gif", &Limits::default()).unwrap(), (2, 2, 4));
    }

    #[test]
    fn an_identity_grey_table_opens_as_grey_without_alpha() {
        let table: Vec<u8> = (0..4u8).flat_map(|i| [i, i, i]).collect();
        let bytes = gif((3, 1), (0, 0), (3, 1), &[3, 0, 2], &table, false, Some(0));
        let img = decode(&bytes, "t.gif", &Limits::default()).unwrap();
        assert_eq!((img.channels(), img.as_bytes()), (3, &[3, 3, 3, 0, 0, 0, 2, 2, 2][..]));
    }

    /// An image of at most 256 colours is written exactly (alpha 0 transparent); one of more
    /// is reduced to 256 colours near its own.
    #[test]
    fn written_gifs_keep_few_colours_exactly_and_quantise_many() {
        let colours = [[250, 0, 0, 255], [0, 0, 250, 255], [9, 9, 9, 0], [40, 200, 90, 128]];
        let pixels: Vec<u8> = (0..40 * 30).flat_map(|i: usize| colours[(i * 7 + i / 40) % 4]).collect();
        let img = Image::from_raw(40, 30, 4, pixels.clone()).unwrap();
        let mut out = Vec::new();
        encode(&img, &mut out).unwrap();
        let back = decode(&out, "t.gif", &Limits::default()).unwrap();
        // Alpha 128 is written opaque; the transparent pixel keeps its colour in the table.
        let expected: Vec<u8> =
            pixels.chunks(4).flat_map(|p| [p[0], p[1], p[2], if p[3] == 0 { 0 } else { 255 }]).collect();
        assert!(back.as_bytes() == expected);
        let photo = crate::image::synth::visual(120, 90, 3);
        let mut out = Vec::new();
        encode(&photo, &mut out).unwrap();
        let back = decode(&out, "t.gif", &Limits::default()).unwrap();
        let mut used: Vec<&[u8]> = back.as_bytes().chunks(4).collect();
        used.sort();
        used.dedup();
        assert!(used.len() <= 256 && used.len() > 64, "{} colours", used.len());
        let rgb = back.as_bytes().chunks(4).flat_map(|p| &p[..3]);
        let error: u64 = rgb.zip(photo.as_bytes()).map(|(&a, &b)| (a as i64 - b as i64).unsigned_abs()).sum();
        // `synth::visual` holds noise as well, which no 256 colours follow closely.
        assert!(error / photo.as_bytes().len() as u64 <= 16, "mean error {}", error / photo.as_bytes().len() as u64);
    }

    #[test]
    fn truncated_and_oversized_gifs_are_refused_naming_why() {
        let table = [0, 0, 0, 255, 255, 255];
        let indices: Vec<u8> = (0..64 * 64).map(|i| (i % 7 % 2) as u8).collect();
        let bytes = gif((64, 64), (0, 0), (64, 64), &indices, &table, false, None);
        let e = decode(&bytes[..bytes.len() / 2], "t.gif", &Limits::default()).unwrap_err().to_string();
        assert!(e.contains("t.gif"), "{e}");
        let small = Limits { max_pixels: 100, ..Limits::default() };
        let e = decode(&bytes, "t.gif", &small).unwrap_err();
        assert!(matches!(e, Error::Limit { .. }), "{e}");
    }
}
