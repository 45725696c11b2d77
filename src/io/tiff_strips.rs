//! TIFF whose strips or tiles are decoded here, as Pillow's libtiff decodes them, rather
//! than by the `tiff` crate:
//!
//! - JPEG (compression 7) of 8-bit grey, RGB, YCbCr or CMYK: every strip or tile is a JPEG
//!   stream, completed by the tables of the JPEGTables tag, that libjpeg-turbo decodes with
//!   its defaults (see [`super::jpeg::decode_segment`]). YCbCr is converted to RGB by
//!   libjpeg, as Pillow asks libtiff to (JPEGCOLORMODE_RGB); grey loads as RGB, CMYK as
//!   RGBA by Pillow's conversion. The `tiff` crate decodes these with another JPEG decoder,
//!   whose pixels differ from libjpeg's.
//! - CCITT fax of 1-bit grey, which the `tiff` crate does not decode: modified Huffman
//!   (compression 2, rows byte-aligned, no end-of-line codes) and T.4 (compression 3, one-
//!   or two-dimensional), decoded by `hayro_ccitt`. As in libtiff, a black run is a 1 bit,
//!   which photometric then reads ("1" to Pillow, → RGBA). Group 4 is the `tiff` crate's.

use super::Limits;
use crate::core::Result;
use crate::image::Image;
use std::io::Cursor;
use tiff::decoder::Decoder;
use tiff::tags::Tag;

/// Where a TIFF's strips or tiles are, and how they are coded.
struct Layout {
    width: usize,
    height: usize,
    /// The size of a tile, or the image's width and the rows of a strip.
    chunk: (usize, usize),
    tiled: bool,
    /// Each strip's or tile's bytes: offset and length.
    chunks: Vec<(u64, u64)>,
    codec: Codec,
}

enum Codec {
    Jpeg {
        /// 1 (grey), 3 (RGB or YCbCr) or 4 (CMYK).
        samples: usize,
        /// Photometric YCbCr: libjpeg converts it to RGB.
        ycbcr: bool,
        /// The JPEGTables tag: a JPEG stream of tables only (SOI, DQT/DHT, EOI).
        tables: Option<Vec<u8>>,
    },
    Fax {
        settings: hayro_ccitt::DecodeSettings,
        /// Photometric WhiteIsZero: a 1 bit (black run) is black.
        white_is_zero: bool,
        /// FillOrder 2: the bits of each byte are stored lowest first.
        reversed: bool,
    },
}

impl Codec {
    /// The channels the image loads with.
    fn channels(&self) -> u8 {
        match self {
            Codec::Jpeg { samples: 4, .. } | Codec::Fax { .. } => 4,
            Codec::Jpeg { .. } => 3,
        }
    }
}

/// The layout of `bytes` when it is a TIFF read here; `None` for any other file,
/// `Some(Err)` for one whose tags are damaged.
fn layout(bytes: &[u8]) -> Option<std::result::Result<Layout, String>> {
    let mut decoder = Decoder::new(Cursor::new(bytes)).ok()?;
    let compression = decoder.find_tag_unsigned::<u16>(Tag::Compression).ok()??;
    let photometric = decoder.find_tag_unsigned::<u16>(Tag::PhotometricInterpretation).ok()??;
    let samples = decoder.find_tag_unsigned::<u16>(Tag::SamplesPerPixel).ok()?.unwrap_or(1) as usize;
    let bits = decoder.find_tag_unsigned_vec::<u16>(Tag::BitsPerSample).ok()?.unwrap_or(vec![1]);
    let chunky = decoder.find_tag_unsigned::<u16>(Tag::PlanarConfiguration).ok()?.is_none_or(|p| p == 1);
    let grey = matches!(photometric, 0 | 1) && samples == 1;
    let codec = match compression {
        7 if (grey && photometric == 1
            || matches!(photometric, 2 | 6) && samples == 3
            || photometric == 5 && samples == 4)
            && bits.iter().all(|&b| b == 8)
            && chunky =>
        {
            let tables = decoder.find_tag(Tag::JPEGTables).and_then(|v| v.map(|v| v.into_u8_vec()).transpose());
            let tables = match tables {
                Ok(tables) => tables,
                Err(e) => return Some(Err(e.to_string())),
            };
            Codec::Jpeg { samples, ycbcr: photometric == 6, tables }
        }
        2 | 3 if grey && bits == [1] => {
            // T4Options (292): bit 0 is two-dimensional coding.
            let options = match decoder.find_tag_unsigned::<u32>(Tag::Unknown(292)) {
                Ok(options) => options.unwrap_or(0),
                Err(e) => return Some(Err(e.to_string())),
            };
            let fill_order = decoder.find_tag_unsigned::<u16>(Tag::FillOrder).ok()?.unwrap_or(1);
            let encoding = match (compression, options & 1) {
                (3, 1) => hayro_ccitt::EncodingMode::Group3_2D,
                _ => hayro_ccitt::EncodingMode::Group3_1D,
            };
            let settings = hayro_ccitt::DecodeSettings {
                columns: 0,
                rows: 0,
                end_of_block: false,
                end_of_line: compression == 3,
                rows_are_byte_aligned: compression == 2,
                encoding,
                strict: false,
            };
            Codec::Fax { settings, white_is_zero: photometric == 0, reversed: fill_order == 2 }
        }
        _ => return None,
    };
    Some(read_layout(&mut decoder, codec).map_err(|e| e.to_string()))
}

fn read_layout(decoder: &mut Decoder<Cursor<&[u8]>>, codec: Codec) -> tiff::TiffResult<Layout> {
    let (width, height) = decoder.dimensions()?;
    let (width, height) = (width as usize, height as usize);
    let tile_width = decoder.find_tag_unsigned::<u32>(Tag::TileWidth)?;
    let tiled = tile_width.is_some();
    let (offsets, counts, chunk) = match tile_width {
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
    let chunks = offsets.into_iter().zip(counts).collect();
    Ok(Layout { width, height, chunk, tiled, chunks, codec })
}

/// The width, height and channels of a TIFF read here, checked against
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
    let channels = layout.codec.channels();
    limits.check(w, h, channels, &format!("image {origin}"))?;
    // A strip or tile is decoded whole: its size is bounded too.
    let (cw, ch) = (u32::try_from(layout.chunk.0), u32::try_from(layout.chunk.1));
    let (Ok(cw @ 1..), Ok(ch @ 1..)) = (cw, ch) else { return Err(fail("a strip or tile has no pixels")) };
    limits.check(cw, ch, channels, &format!("a strip or tile of image {origin}"))?;
    Ok((w, h, channels))
}

/// The pixels of a TIFF read here, as Pillow opens them; `None` for any
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
    let channels = layout.codec.channels() as usize;
    let mut image = Image::try_new(layout.width as u32, layout.height as u32, layout.codec.channels())?;
    let stride = layout.width * channels;
    for (i, &(offset, len)) in layout.chunks[..needed].iter().enumerate() {
        let data = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(len).ok())
            .and_then(|(at, len)| bytes.get(at..at.checked_add(len)?))
            .ok_or_else(|| fail(origin, "a strip or tile lies beyond the end of the file (it is truncated)".into()))?;
        let (x0, y0) = ((i % across) * cw, (i / across) * ch);
        // A strip holds only the image's rows; a tile is always whole.
        let rows = if layout.tiled { ch } else { ch.min(layout.height - y0) };
        let pixels = layout.codec.decode(data, cw, rows).map_err(|reason| fail(origin, reason))?;
        let (w, h) = (cw.min(layout.width - x0), rows.min(layout.height - y0));
        for (y, line) in pixels.chunks_exact(cw * channels).take(h).enumerate() {
            image.as_bytes_mut()[(y0 + y) * stride + x0 * channels..][..w * channels]
                .copy_from_slice(&line[..w * channels]);
        }
    }
    Ok(image)
}

impl Codec {
    /// A strip's or tile's pixels (`width`x`rows`) in the channels the image loads with.
    fn decode(&self, data: &[u8], width: usize, rows: usize) -> std::result::Result<Vec<u8>, String> {
        match self {
            Codec::Jpeg { samples, ycbcr, tables } => {
                let decoded =
                    super::jpeg::decode_segment(&stream(tables.as_deref(), data), *ycbcr, (width, rows, *samples))?;
                Ok(match samples {
                    1 => decoded.into_iter().flat_map(|l| [l, l, l]).collect(),
                    4 => decoded
                        .chunks_exact(4)
                        .flat_map(|p| {
                            let [r, g, b] = super::samples::cmyk_to_rgb([p[0], p[1], p[2], p[3]]);
                            [r, g, b, 255]
                        })
                        .collect(),
                    _ => decoded,
                })
            }
            Codec::Fax { settings, white_is_zero, reversed } => {
                let reversed_data: Vec<u8>;
                let data = match reversed {
                    true => {
                        reversed_data = data.iter().map(|b| b.reverse_bits()).collect();
                        &reversed_data
                    }
                    false => data,
                };
                let (one, zero) = match white_is_zero {
                    true => ([0, 0, 0, 255], [255; 4]),
                    false => ([255; 4], [0, 0, 0, 255]),
                };
                let settings = hayro_ccitt::DecodeSettings { columns: width as u32, rows: rows as u32, ..*settings };
                let mut sink = FaxRows { width, rows, one, zero, pixels: Vec::with_capacity(width * rows * 4) };
                let decoded = hayro_ccitt::decode(data, &mut sink, &mut hayro_ccitt::DecoderContext::new(settings));
                let got = sink.pixels.len() / (width * 4);
                match decoded {
                    Ok(_) if got == rows => Ok(sink.pixels),
                    Ok(_) => Err(format!("the fax data of a strip or tile ends after {got} of its {rows} rows")),
                    Err(e) => Err(format!("the fax data of a strip or tile is damaged after {got} rows ({e})")),
                }
            }
        }
    }
}

/// The rows a fax decoder gives, as RGBA: a 1 bit (a black run) is `one`.
struct FaxRows {
    width: usize,
    rows: usize,
    one: [u8; 4],
    zero: [u8; 4],
    pixels: Vec<u8>,
}

impl hayro_ccitt::Decoder for FaxRows {
    fn push_row(&mut self, changes: &[u32]) {
        if self.pixels.len() == self.width * self.rows * 4 {
            return;
        }
        let start = self.pixels.len();
        self.pixels.extend(std::iter::repeat_n(self.zero, self.width).flatten());
        let row = &mut self.pixels[start..];
        for run in changes.chunks(2) {
            let (from, to) = (run[0] as usize, run.get(1).map_or(self.width, |&x| x as usize).min(self.width));
            row[from.min(to) * 4..to * 4].chunks_exact_mut(4).for_each(|p| p.copy_from_slice(&self.one));
        }
    }
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

    /// A little-endian TIFF of one strip, `strip`, of a `width`x`height` image: 8-bit YCbCr
    /// JPEG, or with `fax` 1-bit grey of that compression and photometric.
    fn tiff_of(strip: &[u8], width: u32, height: u32, rows: u32, fax: Option<(u32, u32)>) -> Vec<u8> {
        use crate::io::TiffValue::{At, Inline};
        let (compression, photometric, samples) = fax.map_or((7, 6, 3), |(c, p)| (c, p, 1));
        // BitsPerSample: 8, 8, 8, or one bit.
        let bits = match samples {
            3 => At(&[8, 0, 8, 0, 8, 0]),
            _ => Inline(1),
        };
        crate::io::test_tiff(&[
            (256, 4, 1, Inline(width)),
            (257, 4, 1, Inline(height)),
            (258, 3, samples, bits),
            (259, 4, 1, Inline(compression)),
            (262, 4, 1, Inline(photometric)),
            (273, 4, 1, At(strip)),
            (277, 4, 1, Inline(samples)),
            (278, 4, 1, Inline(rows)),
            (279, 4, 1, Inline(strip.len() as u32)),
            (284, 4, 1, Inline(1)),
        ])
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
        let tiff = tiff_of(&stream, 19, 11, 64, None);
        assert_eq!(crate::io::probe(&tiff, "t.tif", &Limits::default()).unwrap(), (19, 11, 3));
        assert_eq!(crate::io::decode(&tiff, "t.tif").unwrap().as_bytes(), decoded.as_bytes());
    }

    #[test]
    fn strips_of_another_size_or_beyond_the_file_are_refused() {
        let (_, stream) = jpeg(19, 11);
        let taller = crate::io::decode(&tiff_of(&stream, 19, 12, 64, None), "t.tif").unwrap_err().to_string();
        assert!(taller.contains("is 19x11 with 3 components where 19x12 with 3 are expected"), "{taller}");
        let mut cut = tiff_of(&stream, 19, 11, 64, None);
        cut.truncate(cut.len() - 10);
        let cut = crate::io::decode(&cut, "t.tif").unwrap_err().to_string();
        assert!(cut.contains("beyond the end of the file"), "{cut}");
    }

    #[test]
    fn a_tile_larger_than_the_limits_is_refused_before_decoding() {
        let layout = |chunk| Layout {
            width: 1,
            height: 1,
            chunk,
            tiled: true,
            chunks: vec![(0, 0)],
            codec: Codec::Jpeg { samples: 3, ycbcr: true, tables: None },
        };
        let limits = Limits { max_pixels: 1 << 20, ..Limits::default() };
        assert!(shape(&layout((1024, 1024)), "t.tif", &limits).is_ok());
        let refused = shape(&layout((1024, 1025)), "t.tif", &limits).unwrap_err().to_string();
        assert!(refused.contains("a strip or tile of image t.tif is 1024x1025"), "{refused}");
    }

    /// Two rows of 8 pixels in modified Huffman codes, each byte-aligned: a white run of 8
    /// ("10011"), then white 2 ("0111"), black 4 ("011"), white 2.
    const TWO_ROWS: [u8; 3] = [0b1001_1000, 0b0111_0110, 0b1110_0000];

    fn fax_pixels(compression: u32, photometric: u32, data: &[u8]) -> crate::core::Result<Vec<u8>> {
        crate::io::decode(&tiff_of(data, 8, 2, 2, Some((compression, photometric))), "f.tif")
            .map(|i| i.as_bytes().to_vec())
    }

    #[test]
    fn a_fax_strip_reads_black_runs_as_one_bits_as_libtiff_does() {
        let (b, w) = ([0, 0, 0, 255], [255; 4]);
        // WhiteIsZero: a black run is black.
        let expected: Vec<u8> = [[w; 8], [w, w, b, b, b, b, w, w]].concat().concat();
        assert_eq!(fax_pixels(2, 0, &TWO_ROWS).unwrap(), expected);
        // BlackIsZero: the same 1 bits are white.
        let inverted: Vec<u8> = [[b; 8], [b, b, w, w, w, w, b, b]].concat().concat();
        assert_eq!(fax_pixels(2, 1, &TWO_ROWS).unwrap(), inverted);
    }

    #[test]
    fn fax_data_short_of_its_rows_or_damaged_is_refused() {
        let short = fax_pixels(2, 0, &TWO_ROWS[..1]).unwrap_err().to_string();
        assert!(short.contains("ends after 1 of its 2 rows"), "{short}");
        let damaged = fax_pixels(2, 0, &[0, 0, 0]).unwrap_err().to_string();
        assert!(damaged.contains("damaged after 0 rows"), "{damaged}");
    }
}
