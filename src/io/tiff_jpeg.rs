//! JPEG-compressed TIFF (compression 7) of 8-bit grey, RGB or YCbCr, decoded as Pillow's
//! libtiff decodes it: every strip or tile is a JPEG stream, completed by the tables of
//! the JPEGTables tag, that libjpeg-turbo decodes with its defaults (see
//! [`super::jpeg::decode_segment`]). YCbCr is converted to RGB by libjpeg, as Pillow asks
//! libtiff to (JPEGCOLORMODE_RGB); grey loads as RGB. The `tiff` crate decodes these with
//! another JPEG decoder, whose pixels differ from libjpeg's.

use super::Limits;
use crate::core::Result;
use crate::image::Image;
use std::io::Cursor;
use tiff::decoder::Decoder;
use tiff::tags::Tag;

/// Where a JPEG-compressed TIFF's strips or tiles are, and what they hold.
struct Layout {
    width: usize,
    height: usize,
    /// 1 (grey) or 3 (RGB or YCbCr).
    samples: usize,
    /// Photometric YCbCr: libjpeg converts it to RGB.
    ycbcr: bool,
    /// The size of a tile, or the image's width and the rows of a strip.
    chunk: (usize, usize),
    tiled: bool,
    /// Each strip's or tile's bytes: offset and length.
    chunks: Vec<(u64, u64)>,
    /// The JPEGTables tag: a JPEG stream of tables only (SOI, DQT/DHT, EOI).
    tables: Option<Vec<u8>>,
}

/// The layout of `bytes` when it is a JPEG-compressed TIFF read here; `None` for any other
/// file, `Some(Err)` for one whose tags are damaged.
fn layout(bytes: &[u8]) -> Option<std::result::Result<Layout, String>> {
    let mut decoder = Decoder::new(Cursor::new(bytes)).ok()?;
    if decoder.find_tag_unsigned::<u16>(Tag::Compression).ok()?? != 7 {
        return None;
    }
    let photometric = decoder.find_tag_unsigned::<u16>(Tag::PhotometricInterpretation).ok()??;
    let samples = decoder.find_tag_unsigned::<u16>(Tag::SamplesPerPixel).ok()?.unwrap_or(1) as usize;
    let bits = decoder.find_tag_unsigned_vec::<u16>(Tag::BitsPerSample).ok()?.unwrap_or(vec![1]);
    let chunky = decoder.find_tag_unsigned::<u16>(Tag::PlanarConfiguration).ok()?.is_none_or(|p| p == 1);
    let grey = photometric == 1 && samples == 1;
    if !(grey || matches!(photometric, 2 | 6) && samples == 3) || bits.iter().any(|&b| b != 8) || !chunky {
        return None;
    }
    Some(read_layout(&mut decoder, samples, photometric == 6).map_err(|e| e.to_string()))
}

fn read_layout(decoder: &mut Decoder<Cursor<&[u8]>>, samples: usize, ycbcr: bool) -> tiff::TiffResult<Layout> {
    let (width, height) = decoder.dimensions()?;
    let (width, height) = (width as usize, height as usize);
    let tiled = decoder.find_tag_unsigned::<u32>(Tag::TileWidth)?.is_some();
    let (offsets, counts, chunk) = match decoder.find_tag_unsigned::<u32>(Tag::TileWidth)? {
        Some(tile_width) => {
            let tile_height = decoder.get_tag_unsigned::<u32>(Tag::TileLength)?;
            let chunk = (tile_width as usize, tile_height as usize);
            (decoder.get_tag_u64_vec(Tag::TileOffsets)?, decoder.get_tag_u64_vec(Tag::TileByteCounts)?, chunk)
        }
        None => {
            let rows =
                decoder.find_tag_unsigned::<u32>(Tag::RowsPerStrip)?.map_or(height, |r| (r as usize).min(height));
            let chunk = (width, rows);
            (decoder.get_tag_u64_vec(Tag::StripOffsets)?, decoder.get_tag_u64_vec(Tag::StripByteCounts)?, chunk)
        }
    };
    let tables = decoder.find_tag(Tag::JPEGTables)?.map(|v| v.into_u8_vec()).transpose()?;
    let chunks = offsets.into_iter().zip(counts).collect();
    Ok(Layout { width, height, samples, ycbcr, chunk, tiled, chunks, tables })
}

/// The width, height and channels (3) of a JPEG-compressed TIFF read here, checked against
/// `limits`; `None` for any other file.
pub(super) fn probe(bytes: &[u8], origin: &str, limits: &Limits) -> Option<Result<(u32, u32, u8)>> {
    Some(layout(bytes)?.map_err(|reason| fail(origin, reason)).and_then(|l| shape(&l, origin, limits)))
}

fn shape(layout: &Layout, origin: &str, limits: &Limits) -> Result<(u32, u32, u8)> {
    let fail = |reason: &str| fail(origin, reason.into());
    let (w, h) = (u32::try_from(layout.width), u32::try_from(layout.height));
    let (Ok(w), Ok(h)) = (w, h) else { return Err(fail("the image is too large")) };
    if w == 0 || h == 0 {
        return Err(fail("the image has no pixels"));
    }
    limits.check(w, h, 3, &format!("image {origin}"))?;
    // A strip or tile is decoded whole: its size is bounded too.
    let (cw, ch) = (u32::try_from(layout.chunk.0), u32::try_from(layout.chunk.1));
    let (Ok(cw @ 1..), Ok(ch @ 1..)) = (cw, ch) else { return Err(fail("a strip or tile has no pixels")) };
    limits.check(cw, ch, 3, &format!("a strip or tile of image {origin}"))?;
    Ok((w, h, 3))
}

/// The pixels of a JPEG-compressed TIFF read here, as Pillow opens them; `None` for any
/// other file.
pub(super) fn decode(bytes: &[u8], origin: &str, limits: &Limits) -> Option<Result<Image>> {
    let layout = match layout(bytes)? {
        Ok(layout) => layout,
        Err(reason) => return Some(Err(fail(origin, reason))),
    };
    Some(shape(&layout, origin, limits).and_then(|_| read(bytes, &layout, origin)))
}

fn read(bytes: &[u8], layout: &Layout, origin: &str) -> Result<Image> {
    let (cw, ch) = layout.chunk;
    let across = layout.width.div_ceil(cw);
    let needed = across * layout.height.div_ceil(ch);
    if layout.chunks.len() < needed {
        return Err(fail(origin, format!("{} strips or tiles where {needed} are needed", layout.chunks.len())));
    }
    let mut image = Image::try_new(layout.width as u32, layout.height as u32, 3)?;
    let stride = layout.width * 3;
    for (i, &(offset, len)) in layout.chunks[..needed].iter().enumerate() {
        let data = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(len).ok())
            .and_then(|(at, len)| bytes.get(at..at.checked_add(len)?))
            .ok_or_else(|| fail(origin, "a strip or tile lies beyond the end of the file (it is truncated)".into()))?;
        let (x0, y0) = ((i % across) * cw, (i / across) * ch);
        // A strip's stream holds only the image's rows; a tile's is always whole.
        let rows = if layout.tiled { ch } else { ch.min(layout.height - y0) };
        let stream = stream(layout.tables.as_deref(), data);
        let samples = super::jpeg::decode_segment(&stream, layout.ycbcr, (cw, rows, layout.samples))
            .map_err(|reason| fail(origin, reason))?;
        let (w, h) = (cw.min(layout.width - x0), rows.min(layout.height - y0));
        for (y, line) in samples.chunks_exact(cw * layout.samples).take(h).enumerate() {
            let out = &mut image.as_bytes_mut()[(y0 + y) * stride + x0 * 3..][..w * 3];
            match layout.samples {
                1 => out.chunks_exact_mut(3).zip(line).for_each(|(rgb, &l)| rgb.fill(l)),
                _ => out.copy_from_slice(&line[..w * 3]),
            }
        }
    }
    Ok(image)
}

/// The JPEG stream of a strip or tile: the tables' segments (without their EOI) before its
/// own (without its SOI), as libtiff feeds libjpeg the tables first.
fn stream(tables: Option<&[u8]>, data: &[u8]) -> Vec<u8> {
    match tables {
        Some(t) if t.len() >= 4 && t.ends_with(&[0xff, 0xd9]) && data.starts_with(&[0xff, 0xd8]) => {
            [&t[..t.len() - 2], &data[2..]].concat()
        }
        _ => data.to_vec(),
    }
}

fn fail(origin: &str, reason: String) -> crate::core::Error {
    super::decode_error(origin, Some(image::ImageFormat::Tiff), reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::OutputFormat;

    /// A little-endian TIFF of one strip, `jpeg`, of a `width`x`height` image: photometric
    /// YCbCr, compression 7, `rows` rows per strip.
    fn tiff_of(jpeg: &[u8], width: u32, height: u32, rows: u32) -> Vec<u8> {
        let entries: [(u16, u16, u32, u32); 10] = [
            (256, 4, 1, width),
            (257, 4, 1, height),
            (258, 3, 3, 0),    // BitsPerSample: 8, 8, 8 (below)
            (259, 3, 1, 7),    // JPEG
            (262, 3, 1, 6),    // YCbCr
            (273, 4, 1, 0),    // StripOffsets (below)
            (277, 3, 1, 3),    // SamplesPerPixel
            (278, 4, 1, rows), // RowsPerStrip
            (279, 4, 1, jpeg.len() as u32),
            (284, 3, 1, 1),
        ];
        let ifd_len = 2 + entries.len() * 12 + 4;
        let (bits_at, strip_at) = (8 + ifd_len as u32, 8 + ifd_len as u32 + 6);
        let mut out = b"II*\0".to_vec();
        out.extend(8u32.to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        for (tag, kind, count, value) in entries {
            let value = match tag {
                258 => bits_at,
                273 => strip_at,
                _ => value,
            };
            out.extend(tag.to_le_bytes());
            out.extend(kind.to_le_bytes());
            out.extend(count.to_le_bytes());
            match (kind, count) {
                (3, 1) => out.extend([&(value as u16).to_le_bytes()[..], &[0, 0]].concat()),
                _ => out.extend(value.to_le_bytes()),
            }
        }
        out.extend(0u32.to_le_bytes());
        out.extend([8, 0, 8, 0, 8, 0]);
        out.extend_from_slice(jpeg);
        out
    }

    fn jpeg(width: u32, height: u32) -> (Image, Vec<u8>) {
        let data = (0..width * height * 3).map(|i| (i * 37 % 251) as u8).collect();
        let image = Image::from_raw(width, height, 3, data).unwrap();
        let jpeg = crate::io::encode_to_vec(&image, OutputFormat::Jpeg { quality: 80 }).unwrap();
        (crate::io::decode(&jpeg, "strip.jpg").unwrap(), jpeg)
    }

    #[test]
    fn a_strip_decodes_as_libjpeg_decodes_the_same_stream() {
        let (decoded, stream) = jpeg(19, 11);
        let tiff = tiff_of(&stream, 19, 11, 64);
        assert_eq!(crate::io::probe(&tiff, "t.tif", &Limits::default()).unwrap(), (19, 11, 3));
        assert_eq!(crate::io::decode(&tiff, "t.tif").unwrap().as_bytes(), decoded.as_bytes());
    }

    #[test]
    fn strips_of_another_size_or_beyond_the_file_are_refused() {
        let (_, stream) = jpeg(19, 11);
        let taller = crate::io::decode(&tiff_of(&stream, 19, 12, 64), "t.tif").unwrap_err().to_string();
        assert!(taller.contains("is 19x11 with 3 components where 19x12 with 3 are expected"), "{taller}");
        let mut cut = tiff_of(&stream, 19, 11, 64);
        cut.truncate(cut.len() - 10);
        let cut = crate::io::decode(&cut, "t.tif").unwrap_err().to_string();
        assert!(cut.contains("beyond the end of the file"), "{cut}");
    }

    #[test]
    fn a_tile_larger_than_the_limits_is_refused_before_decoding() {
        let layout = |chunk| Layout {
            width: 1,
            height: 1,
            samples: 3,
            ycbcr: true,
            chunk,
            tiled: true,
            chunks: vec![(0, 0)],
            tables: None,
        };
        let limits = Limits { max_pixels: 1 << 20, ..Limits::default() };
        assert!(shape(&layout((1024, 1024)), "t.tif", &limits).is_ok());
        let refused = shape(&layout((1024, 1025)), "t.tif", &limits).unwrap_err().to_string();
        assert!(refused.contains("a strip or tile of image t.tif is 1024x1025"), "{refused}");
    }
}
