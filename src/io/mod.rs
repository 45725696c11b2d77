//! Decoding and encoding, with the original loader's mode normalisation, limits checked
//! before anything is allocated ([`limits`]) and outputs that are never half-written
//! ([`output`]).

mod bmp_rle;
mod gif;
mod jpeg;
pub mod limits;
pub mod output;
mod png_order;
mod png_write;
pub mod rows;
mod samples;
mod scanlines;
mod tiff_extra;
mod tiff_strips;
mod tiff_write;

use crate::core::{Error, Result};
use crate::image::Image;
use image::{DynamicImage, ImageFormat};
pub use limits::Limits;
pub use output::{write_atomic, write_output};
use std::io::{BufWriter, Cursor, Write};
use std::path::Path;

/// Loads an image file (PNG, JPEG, GIF, TIFF, WebP, BMP, PNM, TGA), normalised like the original
/// (docs/spec.md §2.2): grey → RGB; RGB and RGBA as they are; every other mode → RGBA.
pub fn load(path: &Path) -> Result<Image> {
    load_with(path, &Limits::default())
}

/// [`load`] within `limits`.
pub fn load_with(path: &Path, limits: &Limits) -> Result<Image> {
    decode_with(&read_image_file(path, limits)?, &path.display().to_string(), limits)
}

/// Reads an image file's bytes, at most [`Limits::max_file_bytes`], refusing at once one
/// that does not start like an image.
pub fn read_image_file(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let origin = path.display().to_string();
    let fail = |reason: String| Error::Decode { path: origin.clone(), format: None, reason };
    limits::read_file_checked(path, limits.max_file_bytes(), |head| check_head(head, &origin), fail)
}

/// Reads an image from standard input, as [`read_image_file`].
pub fn read_image_stdin(limits: &Limits) -> Result<Vec<u8>> {
    let fail = |reason: String| Error::Decode { path: "<stdin>".into(), format: None, reason };
    limits::read_stdin(limits.max_file_bytes(), |head| check_head(head, "<stdin>"), fail)
}

/// The first bytes of an encoded image must be those of a known format.
fn check_head(head: &[u8], origin: &str) -> Result<()> {
    let fail = |reason: &str| Error::Decode { path: origin.to_string(), format: None, reason: reason.into() };
    if head.is_empty() {
        return Err(fail("the file is empty"));
    }
    guess_format(head).map(|_| ()).ok_or_else(|| fail(UNKNOWN_FORMAT))
}

/// An [`Error::Decode`] of a file in `format`, named as its usual extension.
fn decode_error(origin: &str, format: Option<ImageFormat>, reason: String) -> Error {
    let format = format.and_then(|f| f.extensions_str().first().copied());
    Error::Decode { path: origin.to_string(), format, reason }
}

const UNKNOWN_FORMAT: &str = "not a recognised image format (PNG, JPEG, GIF, TIFF, WebP, BMP, PNM, TGA)";

/// The format of an encoded image by its first bytes. TGA has no signature: like Pillow,
/// a file no other format claims is TGA when its header holds together ([`tga_header`]).
fn guess_format(bytes: &[u8]) -> Option<ImageFormat> {
    let big_tiff = bytes.starts_with(b"II+\0") || bytes.starts_with(b"MM\0+");
    image::guess_format(bytes)
        .ok()
        .or_else(|| big_tiff.then_some(ImageFormat::Tiff))
        .or_else(|| tga_header(bytes).map(|_| ImageFormat::Tga))
        // PFM grey, read here (`samples::pfm`), named as the PNM family it belongs to.
        .or_else(|| samples::pfm_header(bytes).map(|_| ImageFormat::Pnm))
}

/// A TGA header Pillow accepts: a colour map type of 0 or 1, a known image type, a size,
/// and a pixel depth of 8, 15, 16, 24 or 32 bits. Returns the channel count Pillow's mode
/// opens as: L → 3; LA, P and 16-bit colour → 4; 24-bit → 3, 32-bit → 4.
fn tga_header(bytes: &[u8]) -> Option<u8> {
    let head = bytes.get(..18)?;
    let (map, kind, depth) = (head[1], head[2], head[16]);
    let (w, h) = (u16::from_le_bytes([head[12], head[13]]), u16::from_le_bytes([head[14], head[15]]));
    if map > 1 || w == 0 || h == 0 || ![8, 15, 16, 24, 32].contains(&depth) {
        return None;
    }
    match kind {
        3 | 11 => Some(if depth == 16 { 4 } else { 3 }),
        1 | 9 if map == 1 => Some(4),
        1 | 9 => Some(3),
        2 | 10 => Some(if depth == 24 { 3 } else { 4 }),
        _ => None,
    }
}

/// Decodes an in-memory image within the default [`Limits`]; `origin` names it in errors.
pub fn decode(bytes: &[u8], origin: &str) -> Result<Image> {
    decode_with(bytes, origin, &Limits::default())
}

/// Decodes an in-memory image; the size its header claims is checked against `limits`
/// before any pixel memory is allocated.
pub fn decode_with(bytes: &[u8], origin: &str, limits: &Limits) -> Result<Image> {
    if let Some(result) = png_rows(bytes, origin, limits, None::<fn(u32, u32, u8) -> NoSink>) {
        return result;
    }
    decode_general(bytes, origin, limits)
}

/// The width, height and channel count an encoded image will load with, from its header
/// alone (the channel count is an upper bound for formats whose mode is known only after
/// decoding: 4). Checked against `limits`.
pub fn probe(bytes: &[u8], origin: &str, limits: &Limits) -> Result<(u32, u32, u8)> {
    probe_shape(bytes, origin, limits).map(|(w, h, channels)| (w, h, channels.unwrap_or(4)))
}

/// The image's width and height from its header, and the channel count it loads with when
/// the header says it (`None` when only decoding tells; checked against `limits` with the
/// upper bound, 4).
pub fn probe_shape(bytes: &[u8], origin: &str, limits: &Limits) -> Result<(u32, u32, Option<u8>)> {
    check_head(bytes, origin)?;
    let repaired = png_order::repaired(bytes);
    let bytes = &*repaired;
    if let Some((w, h, ..)) = pfm_shape(bytes, origin, limits)? {
        return Ok((w, h, Some(4)));
    }
    let format = guess_format(bytes).ok_or_else(|| decode_error(origin, None, UNKNOWN_FORMAT.into()))?;
    if format == ImageFormat::Gif {
        let (w, h, c) = gif::probe(bytes, origin, limits)?;
        return Ok((w, h, Some(c)));
    }
    if format == ImageFormat::Tiff {
        if let Some(shape) =
            tiff_strips::probe(bytes, origin, limits).or_else(|| tiff_extra::probe(bytes, origin, limits))
        {
            return shape.map(|(w, h, c)| (w, h, Some(c)));
        }
    }
    let fail = |reason: String| decode_error(origin, Some(format), reason);
    let (w, h) = image::ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| fail(reason_of(&e, format, bytes)))?;
    if w == 0 || h == 0 {
        return Err(fail("the image has no pixels".into()));
    }
    let channels = match format {
        ImageFormat::Jpeg => Some(3),
        _ => pillow_channels(bytes, format),
    };
    limits.check(w, h, channels.unwrap_or(4), &format!("image {origin}"))?;
    Ok((w, h, channels))
}

/// The header of a PFM grey image (which the `image` crate does not read; see
/// [`samples::pfm_header`]), its size checked against `limits`; `None` for any other file.
fn pfm_shape(bytes: &[u8], origin: &str, limits: &Limits) -> Result<Option<(u32, u32, bool, usize)>> {
    let Some(header) = samples::pfm_header(bytes) else { return Ok(None) };
    let header = header.map_err(|reason| decode_error(origin, Some(ImageFormat::Pnm), reason))?;
    limits.check(header.0, header.1, 4, &format!("image {origin}"))?;
    Ok(Some(header))
}

/// [`decode`] through the `image` crate, for every format and mode.
fn decode_general(bytes: &[u8], origin: &str, limits: &Limits) -> Result<Image> {
    check_head(bytes, origin)?;
    let repaired = png_order::repaired(bytes);
    let bytes = &*repaired;
    if let Some(header) = pfm_shape(bytes, origin, limits)? {
        return samples::pfm(bytes, header).map_err(|reason| decode_error(origin, Some(ImageFormat::Pnm), reason));
    }
    let format = guess_format(bytes).ok_or_else(|| decode_error(origin, None, UNKNOWN_FORMAT.into()))?;
    let fail = |reason: String| decode_error(origin, Some(format), reason);
    let mut png_grey = None;
    let mut bmp16 = None;
    match format {
        ImageFormat::Bmp => {
            let check = |w, h, c| limits.check(w, h, c, &format!("image {origin}"));
            if let Some(image) = bmp_rle::decode(bytes, check, fail) {
                return image;
            }
            bmp16 = samples::bmp16(bytes).transpose().map_err(&fail)?;
        }
        ImageFormat::Tga => {
            let check = |w, h| limits.check(w, h, 4, &format!("image {origin}"));
            if let Some(image) = samples::tga16(bytes, check, fail) {
                return image;
            }
        }
        ImageFormat::Jpeg => return jpeg::decode(bytes, origin, limits, None::<fn(u32, u32, u8) -> NoSink>),
        ImageFormat::Gif => return gif::decode(bytes, origin, limits),
        ImageFormat::Tiff => {
            if let Some(image) =
                tiff_strips::decode(bytes, origin, limits).or_else(|| tiff_extra::decode(bytes, origin, limits))
            {
                return image;
            }
        }
        ImageFormat::Png => {
            let head = scanlines::read_head(&mut Cursor::new(bytes)).map_err(&fail)?;
            png_grey = PngGrey::of(bytes, head.trns.as_deref());
        }
        _ => {}
    }
    let (width, height, _) = probe(bytes, origin, limits)?;
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    // The decoder's own limits too: the header was checked, these bound what it allocates
    // while decoding (16-bit samples, conversions).
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_image_width = Some(width);
    decoder_limits.max_image_height = Some(height);
    decoder_limits.max_alloc = Some(limits.max_bytes.map_or(u64::MAX, |b| b.saturating_mul(2)));
    reader.limits(decoder_limits);
    let decoded = reader.decode().map_err(|e| fail(reason_of(&e, format, bytes)))?;
    if decoded.width() == 0 || decoded.height() == 0 {
        return Err(fail("the image has no pixels".into()));
    }
    if let Some(image) = samples::pnm_maxval(bytes).and_then(|maxval| samples::pnm(&decoded, maxval)) {
        return Ok(image);
    }
    let mut image = normalise(decoded, pillow_channels(bytes, format), png_grey);
    if let Some(layout) = bmp16 {
        samples::fix_bmp16(&mut image, layout);
    }
    Ok(image)
}

/// The reason the `image` crate gives for refusing a file, in the user's terms where its own
/// words name an internal code (an unsupported TIFF layout reads "Unknown(16)").
fn reason_of(e: &image::ImageError, format: ImageFormat, bytes: &[u8]) -> String {
    match (e, format) {
        (image::ImageError::Unsupported(_), ImageFormat::Tiff) => tiff_unsupported(bytes),
        _ => e.to_string(),
    }
}

/// Why a TIFF the decoder cannot read is refused: its layout as the file states it, and the
/// layouts that are read.
fn tiff_unsupported(bytes: &[u8]) -> String {
    use tiff::ColorType as C;
    let layout = tiff::decoder::Decoder::new(Cursor::new(bytes)).and_then(|mut d| {
        let sample_format = d.find_tag_unsigned::<u16>(tiff::tags::Tag::SampleFormat)?;
        Ok((d.colortype()?, sample_format))
    });
    let stated = match layout {
        Ok((colour, sample_format)) => {
            let (name, bits) = match colour {
                C::Gray(b) => ("grey".to_string(), b),
                C::GrayA(b) => ("grey with alpha".to_string(), b),
                C::RGB(b) => ("RGB".to_string(), b),
                C::RGBA(b) => ("RGBA".to_string(), b),
                C::CMYK(b) => ("CMYK".to_string(), b),
                C::CMYKA(b) => ("CMYK with alpha".to_string(), b),
                C::Palette(b) => ("palette".to_string(), b),
                C::YCbCr(b) => ("YCbCr".to_string(), b),
                C::Lab(b) => ("CIELab".to_string(), b),
                C::Multiband { bit_depth, num_samples } => (format!("{num_samples} channels"), bit_depth),
                _ => ("an unknown colour model".to_string(), 0),
            };
            let kind = match sample_format {
                Some(3) => " floating-point",
                Some(2) => " signed",
                _ => "",
            };
            format!("{name} in {bits}-bit{kind} samples")
        }
        Err(e) => format!("a layout the TIFF reader does not handle ({e})"),
    };
    format!(
        "this TIFF holds {stated}, which is not supported; supported TIFFs hold bilevel, 2-, 4-, 8- or 16-bit grey, 8-bit grey with (unassociated) alpha, palette, 8- or 16-bit RGB or RGBA, or 8-bit CMYK samples, uncompressed or compressed with LZW, Deflate or PackBits"
    )
}

/// How Pillow opens a grey PNG of 1 or 16 bits, the two whose transparency it keeps: "1" and
/// "I;16", converted to RGBA by comparing each pixel, as that conversion gives it (0 or 255
/// for "1", clipped into 8 bits for "I;16"), with the tRNS value as stored (0 or 1; up to
/// 65535). So a white 1-bit pixel is never transparent, nor a 16-bit one above 255, and a
/// 16-bit 300 is when the value is 255: Pillow's results, kept.
#[derive(Debug, Clone, Copy)]
struct PngGrey {
    sixteen: bool,
    trns: Option<u16>,
}

impl PngGrey {
    /// For a PNG of grey (colour type 0) at 1 or 16 bits, from its header and its tRNS data.
    fn of(bytes: &[u8], trns: Option<&[u8]>) -> Option<PngGrey> {
        let sixteen = match bytes.get(24..26)? {
            [16, 0] => true,
            [1, 0] => false,
            _ => return None,
        };
        let trns = trns.and_then(|t| Some(u16::from_be_bytes([*t.first()?, *t.get(1)?])));
        Some(PngGrey { sixteen, trns })
    }

    /// The RGBA pixel of a decoded grey value (0/255 at 1 bit, raw at 16).
    fn pixel(self, v: u16) -> [u8; 4] {
        let c = v.min(255);
        let alpha = if Some(c) == self.trns { 0 } else { 255 };
        [c as u8, c as u8, c as u8, alpha]
    }
}

/// Decodes like [`decode`]; for a JPEG, or an 8-bit RGB or RGBA PNG (not interlaced, no
/// transparency chunk: pixels stored exactly as they load), also hands the pixel bytes in
/// order to `start(width, height, channels)`'s sink while decoding goes on, so work on them
/// (hashing) overlaps the single-threaded decoder. The sink is a task on the rayon pool (a
/// thread of its own, ending just before the first step, made that step ~2 ms slower:
/// glitch-effect at 10 MP, 40 interleaved runs). Returns whether the sink got every pixel; if
/// not, what it got must be ignored.
pub fn decode_streaming<S: FnMut(&[u8]) + Send>(
    bytes: &[u8],
    origin: &str,
    limits: &Limits,
    start: impl FnOnce(u32, u32, u8) -> S,
) -> Result<(Image, bool)> {
    if guess_format(bytes) == Some(ImageFormat::Jpeg) {
        return jpeg::decode(bytes, origin, limits, Some(start)).map(|image| (image, true));
    }
    if let Some(result) = png_rows(bytes, origin, limits, Some(start)) {
        return result.map(|image| (image, true));
    }
    Ok((decode_general(bytes, origin, limits)?, false))
}

/// No sink: [`png_rows`] without the second thread.
type NoSink = fn(&[u8]);

/// Decodes an 8-bit RGB or RGBA PNG row by row straight into the image (no intermediate
/// buffer or conversion), handing bands of rows to `start`'s sink if given. `None` if the
/// file is not such a PNG (or its header cannot be read: the general path then reports
/// why), `Some(Err)` if it is too large or decoding failed.
fn png_rows<S: FnMut(&[u8]) + Send>(
    bytes: &[u8],
    origin: &str,
    limits: &Limits,
    start: Option<impl FnOnce(u32, u32, u8) -> S>,
) -> Option<Result<Image>> {
    if guess_format(bytes)? != ImageFormat::Png {
        return None;
    }
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let max_bytes = limits.max_bytes.map_or(usize::MAX, |b| usize::try_from(b).unwrap_or(usize::MAX));
    decoder.set_limits(png::Limits { bytes: max_bytes });
    let reader = decoder.read_info().ok()?;
    let info = reader.info();
    let channels: u8 = match (info.color_type, info.bit_depth) {
        (png::ColorType::Rgb, png::BitDepth::Eight) => 3,
        (png::ColorType::Rgba, png::BitDepth::Eight) => 4,
        _ => return None,
    };
    if info.interlaced || info.trns.is_some() || info.animation_control.is_some() || info.width == 0 || info.height == 0
    {
        return None;
    }
    let (width, height) = (info.width, info.height);
    if let Err(e) = limits.check(width, height, channels, &format!("image {origin}")) {
        return Some(Err(e));
    }
    drop(reader);
    let mut image = match Image::for_overwrite(width, height, channels) {
        Ok(image) => image,
        Err(e) => return Some(Err(e)),
    };
    // The image data inflated on a thread of its own, unfiltered on this one.
    let stride = width as usize * channels as usize;
    let (inflate, rx) = match scanlines::inflater(Cursor::new(bytes), stride, height) {
        Ok(started) => started,
        Err(reason) => return Some(png_result(false, image, Some(reason), origin)),
    };
    let mut failure = None;
    let ok = std::thread::scope(|scope| {
        scope.spawn(inflate);
        let mut lines = scanlines::Scanlines::new(rx, stride, channels);
        let read_row = |row: &mut [u8]| match lines.next_row(row) {
            Ok(()) => true,
            Err(reason) => {
                failure = Some(reason);
                false
            }
        };
        read_rows(&mut image, read_row, start)
    });
    Some(png_result(ok, image, failure, origin))
}

/// Fills `image` row by row with `read_row` (which returns false to stop: the reader keeps
/// the reason). With `start`, bands of finished rows (about 1 MiB) go in order to the sink it
/// makes, on another rayon task while reading goes on. Returns whether every row was read.
fn read_rows<S: FnMut(&[u8]) + Send>(
    image: &mut Image,
    mut read_row: impl FnMut(&mut [u8]) -> bool,
    start: Option<impl FnOnce(u32, u32, u8) -> S>,
) -> bool {
    let (width, height, channels) = (image.width(), image.height(), image.channels());
    let stride = width as usize * channels as usize;
    let Some(start) = start else {
        return image.as_bytes_mut().chunks_mut(stride).all(read_row);
    };
    let band_rows = ((1 << 20) / stride).max(1);
    let mut sink = start(width, height, channels);
    // In place: the reader (libjpeg's state is not `Send`) stays on this thread.
    rayon::in_place_scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel::<&[u8]>();
        s.spawn(move |_| {
            for band in rx {
                sink(band);
            }
        });
        for band in image.as_bytes_mut().chunks_mut(band_rows * stride) {
            if !band.chunks_mut(stride).all(&mut read_row) {
                return false;
            }
            let band: &[u8] = band;
            let _ = tx.send(band);
        }
        true
    })
}

fn png_result(ok: bool, image: Image, failure: Option<String>, origin: &str) -> Result<Image> {
    match ok {
        true => Ok(image),
        false => Err(Error::Decode {
            path: origin.to_string(),
            format: Some("png"),
            reason: failure.unwrap_or_else(|| "the image is truncated".into()),
        }),
    }
}

/// The channel count the original ends up with where it differs from what the decoder
/// gives: Pillow opens palette ("P") and bilevel ("1") files and converts them to RGBA, and
/// opens grey or RGB PNGs with a tRNS chunk as plain "L"/"RGB" (the transparency stays
/// metadata), which the decoder would expand to an alpha channel.
fn pillow_channels(bytes: &[u8], format: ImageFormat) -> Option<u8> {
    match format {
        // IHDR: bit depth at byte 24, colour type at byte 25.
        ImageFormat::Png if bytes.len() > 25 => match (bytes[25], bytes[24]) {
            (3 | 4 | 6, _) | (0, 1) => Some(4),
            (0, 2 | 4 | 8) | (2, _) => Some(3),
            _ => None,
        },
        ImageFormat::Bmp => bmp_palette_channels(bytes).or_else(|| samples::bmp16(bytes).map(|_| 3)),
        ImageFormat::Tga => tga_header(bytes),
        // Bilevel ("1") opens as RGBA: plain and raw PBM, 1-bit TIFF.
        ImageFormat::Pnm if bytes.starts_with(b"P1") || bytes.starts_with(b"P4") => Some(4),
        ImageFormat::Tiff => {
            let colour = tiff::decoder::Decoder::new(Cursor::new(bytes)).ok()?.colortype().ok()?;
            matches!(colour, tiff::ColorType::Gray(1)).then_some(4)
        }
        _ => None,
    }
}

/// BMP with a colour table (≤ 8 bits per pixel): its channels as Pillow loads it (see
/// [`BmpTable`]). OS/2's 12-byte header (BITMAPCOREHEADER) has 16-bit sizes and 3-byte
/// table entries.
fn bmp_palette_channels(bytes: &[u8]) -> Option<u8> {
    let header = le_u32(bytes, 14)? as usize;
    let (bits, entry) = match header {
        12 => (le_u16(bytes, 24)?, 3),
        40.. => (le_u16(bytes, 28)?, 4),
        _ => return None,
    };
    if bits > 8 {
        return None;
    }
    let colors = match if header == 12 { 0 } else { le_u32(bytes, 46)? } {
        0 => 1usize << bits,
        n => n as usize,
    };
    let table = bytes.get(14 + header..14 + header + entry * colors)?;
    Some(if BmpTable::of(table, entry) == BmpTable::Grey { 3 } else { 4 })
}

/// Pillow's mode for a BMP colour table.
#[derive(Debug, PartialEq, Eq)]
enum BmpTable {
    /// An identity grey ramp, entry i = (i, i, i): "L" (→ RGB).
    Grey,
    /// Black then white: "1" (→ RGBA).
    BlackWhite,
    /// Anything else: "P" (→ RGBA).
    Colour,
}

impl BmpTable {
    /// The mode of `table`, entries of `entry` bytes (blue, green, red, then padding).
    fn of(table: &[u8], entry: usize) -> BmpTable {
        let colours: Vec<&[u8]> = table.chunks_exact(entry).map(|e| &e[..3]).collect();
        match colours[..] {
            [[0, 0, 0], [255, 255, 255]] => BmpTable::BlackWhite,
            [_, _] => BmpTable::Colour,
            _ if colours.len() <= 256 && colours.iter().enumerate().all(|(i, c)| *c == [i as u8; 3]) => BmpTable::Grey,
            _ => BmpTable::Colour,
        }
    }
}

/// The little-endian 16-bit number at `at` in `bytes`, if they hold it.
fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

/// The little-endian 32-bit number at `at` in `bytes`, if they hold it.
fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The decoder's image in the original's modes (`grey`: a PNG of 1- or 16-bit grey, see
/// [`PngGrey`]).
fn normalise(img: DynamicImage, channels: Option<u8>, grey: Option<PngGrey>) -> Image {
    let (w, h) = (img.width(), img.height());
    let out = match img {
        DynamicImage::ImageLuma8(g) => {
            let data = g.into_raw().into_iter().flat_map(|v| [v, v, v]).collect();
            Image::from_raw(w, h, 3, data)
        }
        // A 1-bit grey PNG with tRNS ("1" to Pillow).
        DynamicImage::ImageLumaA8(g) if grey.is_some() => {
            let grey = grey.expect("matched");
            Image::from_raw(w, h, 4, g.into_raw().chunks_exact(2).flat_map(|p| grey.pixel(p[0] as u16)).collect())
        }
        DynamicImage::ImageLumaA8(g) => {
            let data = g.into_raw().chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect();
            Image::from_raw(w, h, 4, data)
        }
        DynamicImage::ImageRgb8(i) => Image::from_raw(w, h, 3, i.into_raw()),
        DynamicImage::ImageRgba8(i) => Image::from_raw(w, h, 4, i.into_raw()),
        // Pillow opens 16-bit grey as "I;16" and clips it into 8 bits when converting.
        DynamicImage::ImageLuma16(g) => {
            let data = g.into_raw().into_iter().flat_map(|v| {
                let c = v.min(255) as u8;
                [c, c, c, 255]
            });
            Image::from_raw(w, h, 4, data.collect())
        }
        // A 16-bit grey PNG with tRNS ("I;16" to Pillow).
        DynamicImage::ImageLumaA16(g) if grey.is_some_and(|g| g.sixteen) => {
            let grey = grey.expect("matched");
            Image::from_raw(w, h, 4, g.into_raw().chunks_exact(2).flat_map(|p| grey.pixel(p[0])).collect())
        }
        // Pillow reads 16-bit colour (and grey+alpha) PNGs as 8-bit by keeping the high byte.
        DynamicImage::ImageLumaA16(g) => {
            let raw = g.into_raw();
            let data = raw.chunks_exact(2).flat_map(|p| {
                let l = (p[0] >> 8) as u8;
                [l, l, l, (p[1] >> 8) as u8]
            });
            Image::from_raw(w, h, 4, data.collect())
        }
        DynamicImage::ImageRgb16(i) => {
            Image::from_raw(w, h, 3, i.into_raw().into_iter().map(|v| (v >> 8) as u8).collect())
        }
        DynamicImage::ImageRgba16(i) => {
            Image::from_raw(w, h, 4, i.into_raw().into_iter().map(|v| (v >> 8) as u8).collect())
        }
        other => Image::from_raw(w, h, 4, other.to_rgba8().into_raw()),
    }
    .expect("decoder buffers match their dimensions");
    match channels {
        Some(c) => out.into_channels(c),
        None => out,
    }
}

/// The formats an output can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Png,
    /// Baseline JPEG, 4:2:0, at this quality (1–100): Pillow's defaults at 75.
    Jpeg {
        quality: u8,
    },
    Tiff,
    WebP,
    Bmp,
    /// Binary PPM (`P6`): RGB only.
    Ppm,
    /// PAM (`P7`): RGB or RGBA.
    Pam,
    /// GIF: a palette of at most 256 colours, alpha on or off (see `gif::encode`).
    Gif,
}

impl OutputFormat {
    /// The names `--format` takes (and the extensions that pick each format).
    pub const NAMES: &'static str = "png, jpg, tiff, webp, bmp, ppm, pam, gif";
    /// Pillow's default JPEG quality.
    pub const JPEG_QUALITY: u8 = 75;

    /// This format with `--quality` (`quality`), which only JPEG takes.
    pub fn with_quality(self, quality: Option<u8>) -> Result<OutputFormat> {
        match (self, quality) {
            (OutputFormat::Jpeg { .. }, Some(quality)) => Ok(OutputFormat::Jpeg { quality }),
            (format, None) => Ok(format),
            (other, Some(_)) => Err(Error::Usage(format!("--quality applies to JPEG output, not {}", other.name()))),
        }
    }

    /// The format of a file extension or `--format` value (`png`, `JPG`, `tif`, …).
    pub fn from_extension(ext: &str) -> Option<OutputFormat> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "png" => OutputFormat::Png,
            "jpg" | "jpeg" => OutputFormat::Jpeg { quality: Self::JPEG_QUALITY },
            "tif" | "tiff" => OutputFormat::Tiff,
            "webp" => OutputFormat::WebP,
            "bmp" => OutputFormat::Bmp,
            "ppm" | "pnm" => OutputFormat::Ppm,
            "pam" => OutputFormat::Pam,
            "gif" => OutputFormat::Gif,
            _ => return None,
        })
    }

    /// Whether a streamed run writes this format band by band as the steps finish them
    /// (the others are assembled whole, then encoded).
    pub fn streams(self) -> bool {
        matches!(self, OutputFormat::Png | OutputFormat::Jpeg { .. } | OutputFormat::Tiff)
    }

    /// Bytes held to write an image of shape `out` in this format after it was assembled:
    /// the image, its copy without alpha when the format drops it, the encoder's own buffers
    /// (WebP: the pixels as ARGB words and the compressed stream), and the encoded file when
    /// it is kept in memory (`in_memory`: standard output; the vector grows by doubling).
    pub fn whole_bytes(self, out: &crate::core::Context, in_memory: bool) -> u64 {
        let image = out.memory_estimate();
        let pixels = out.total_pixels();
        let copy = if out.channels == 4 && !self.keeps_alpha() { pixels * 3 } else { 0 };
        let encoder = match self {
            OutputFormat::WebP => pixels * 8,
            // The pixels as RGBA for the palette, and their indices.
            OutputFormat::Gif => pixels * 5,
            _ => 0,
        };
        let encoded = if in_memory { 2 * image + (1 << 20) } else { 0 };
        image + copy + encoder + encoded
    }

    /// The most pixels a side an image written in this format may have (its header's field,
    /// or its codec's limit), if it has a limit short of the image's own.
    pub fn max_side(self) -> Option<u32> {
        match self {
            // libjpeg's JPEG_MAX_DIMENSION.
            OutputFormat::Jpeg { .. } => Some(65500),
            OutputFormat::WebP => Some(16383),
            OutputFormat::Gif => Some(65535),
            _ => None,
        }
    }

    /// Whether an RGBA image keeps its alpha channel in this format (JPEG and PPM drop it).
    pub fn keeps_alpha(self) -> bool {
        !matches!(self, OutputFormat::Jpeg { .. } | OutputFormat::Ppm)
    }

    /// The file extension this format is written with.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Png => "png",
            OutputFormat::Jpeg { .. } => "jpg",
            OutputFormat::Tiff => "tiff",
            OutputFormat::WebP => "webp",
            OutputFormat::Bmp => "bmp",
            OutputFormat::Ppm => "ppm",
            OutputFormat::Pam => "pam",
            OutputFormat::Gif => "gif",
        }
    }

    /// The format's name for messages.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Png => "PNG",
            OutputFormat::Jpeg { .. } => "JPEG",
            OutputFormat::Tiff => "TIFF",
            OutputFormat::WebP => "WebP",
            OutputFormat::Bmp => "BMP",
            OutputFormat::Ppm => "PPM",
            OutputFormat::Pam => "PAM",
            OutputFormat::Gif => "GIF",
        }
    }
}

/// Output format by file name (`out.png`).
pub fn format_from_name(name: &str) -> Result<OutputFormat> {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    OutputFormat::from_extension(ext).ok_or_else(|| {
        Error::Usage(format!(
            "cannot tell the output format of `{name}`: end it with the extension of one of {}, or give --format",
            OutputFormat::NAMES
        ))
    })
}

/// Output format by `--format` value.
pub fn format_from_flag(value: &str) -> Result<OutputFormat> {
    OutputFormat::from_extension(value)
        .ok_or_else(|| Error::Usage(format!("unknown --format `{value}`; use one of {}", OutputFormat::NAMES)))
}

/// Encodes into `out`. PNG, TIFF, WebP, BMP and PAM keep the channel count; JPEG and PPM
/// have no alpha, so RGBA is written as RGB (alpha dropped, as Pillow's RGBA→RGB
/// conversion does).
pub fn encode(
    img: &Image,
    format: OutputFormat,
    out: &mut (impl Write + std::io::Seek + ?Sized),
) -> std::result::Result<(), String> {
    // A format written band by band drops alpha band by band (`rows::write_bands`).
    let owned;
    let img = if !format.streams() && !format.keeps_alpha() && img.channels() == 4 {
        owned = img.to_channels(3);
        &owned
    } else {
        img
    };
    let color = if img.channels() == 4 { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
    let (bytes, width, height) = (img.as_bytes(), img.width(), img.height());
    let mut w = BufWriter::new(out);
    use image::ImageEncoder;
    match format {
        // As a streamed run writes them, in one band.
        OutputFormat::Png | OutputFormat::Jpeg { .. } | OutputFormat::Tiff => {
            let written = rows::write_bands(&mut w, width, height, img.channels(), format, [bytes]);
            return written.and_then(|()| w.flush().map_err(|e| e.to_string()));
        }
        OutputFormat::Ppm | OutputFormat::Pam => {
            use image::codecs::pnm::{PnmEncoder, PnmSubtype, SampleEncoding};
            let encoder = PnmEncoder::new(&mut w);
            let encoder = match format {
                OutputFormat::Ppm => encoder.with_subtype(PnmSubtype::Pixmap(SampleEncoding::Binary)),
                _ => encoder,
            };
            encoder.write_image(bytes, width, height, color)
        }
        OutputFormat::WebP => {
            image::codecs::webp::WebPEncoder::new_lossless(&mut w).write_image(bytes, width, height, color)
        }
        OutputFormat::Bmp => image::codecs::bmp::BmpEncoder::new(&mut w).write_image(bytes, width, height, color),
        OutputFormat::Gif => return gif::encode(img, &mut w).and_then(|()| w.flush().map_err(|e| e.to_string())),
    }
    .map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())
}

/// Writes `img` to `path` (see [`output`]: atomically for files, directly for devices and
/// pipes); a failure leaves no partial output behind. The format comes from the name
/// unless given.
pub fn save(img: &Image, path: &Path, format: Option<OutputFormat>) -> Result<()> {
    let format = match format {
        Some(f) => f,
        None => format_from_name(&path.to_string_lossy())?,
    };
    write_output(path, |out| {
        encode(img, format, out).map_err(|message| Error::Encode { path: path.display().to_string(), message })
    })
}

/// Encodes to a byte vector (for stdout).
pub fn encode_to_vec(img: &Image, format: OutputFormat) -> Result<Vec<u8>> {
    let mut cur = Cursor::new(Vec::new());
    encode(img, format, &mut cur).map_err(|message| Error::Encode { path: "-".into(), message })?;
    Ok(cur.into_inner())
}

/// A little-endian TIFF of one IFD, for tests: `(tag, type, count, value)` entries, where a
/// value is held in the entry, or is bytes placed after the IFD (in entry order) whose
/// offset the entry holds.
#[cfg(test)]
pub(crate) fn test_tiff(entries: &[(u16, u16, u32, TiffValue<'_>)]) -> Vec<u8> {
    let mut at = 8 + 2 + 12 * entries.len() as u32 + 4;
    let mut bytes = b"II*\0\x08\0\0\0".to_vec();
    let mut after = Vec::new();
    bytes.extend((entries.len() as u16).to_le_bytes());
    for &(tag, ty, count, ref value) in entries {
        let value = match value {
            TiffValue::Inline(v) => *v,
            TiffValue::At(data) => {
                after.extend_from_slice(data);
                let offset = at;
                at += data.len() as u32;
                offset
            }
        };
        bytes.extend(tag.to_le_bytes().iter().chain(&ty.to_le_bytes()).chain(&count.to_le_bytes()));
        bytes.extend(value.to_le_bytes());
    }
    bytes.extend([0; 4]);
    bytes.extend(after);
    bytes
}

/// A value of [`test_tiff`]'s entries.
#[cfg(test)]
pub(crate) enum TiffValue<'a> {
    Inline(u32),
    At(&'a [u8]),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;

    /// A TIFF of a layout the reader does not handle (grey and an extra sample of unspecified
    /// meaning) is refused naming that layout (two channels) and the ones read, not the
    /// decoder's internal code ("Unknown(16)"), both when probed and when decoded.
    #[test]
    fn an_unsupported_tiff_layout_is_named() {
        // Little-endian, one IFD of ten entries (tag, type, count, value), then 2x1 pixels of
        // grey and an unspecified extra sample.
        let entries: [(u16, u16, u32, u32); 10] = [
            (256, 3, 1, 2),
            (257, 3, 1, 1),
            (258, 3, 2, 8 | 8 << 16),
            (259, 3, 1, 1),
            (262, 3, 1, 1),
            (273, 4, 1, 134),
            (277, 3, 1, 2),
            (278, 3, 1, 1),
            (279, 4, 1, 4),
            (338, 3, 1, 0),
        ];
        let mut bytes = b"II*\0\x08\0\0\0\x0a\0".to_vec();
        for (tag, ty, count, value) in entries {
            bytes.extend(tag.to_le_bytes().iter().chain(&ty.to_le_bytes()).chain(&count.to_le_bytes()));
            bytes.extend(value.to_le_bytes());
        }
        bytes.extend([0, 0, 0, 0, 10, 255, 200, 128]);
        assert_eq!(bytes.len(), 138);
        let probed = probe(&bytes, "la.tif", &Limits::default()).unwrap_err().to_string();
        let decoded = decode(&bytes, "la.tif").unwrap_err().to_string();
        for e in [probed, decoded] {
            assert!(e.contains("holds 2 channels in 8-bit samples") && e.contains("supported TIFFs hold"), "{e}");
            assert!(!e.contains("Unknown"), "{e}");
        }
    }

    /// Pillow opens 16-bit grey as "I;16" and clips it into 8 bits; a tRNS chunk (which the
    /// decoder turns into an alpha channel) took the high byte instead: grey 0 for all four.
    #[test]
    fn sixteen_bit_grey_is_clipped_with_or_without_a_transparent_value() {
        let values: [u16; 6] = [76, 151, 67, 49, 300, 255];
        for trns in [None, Some(76u16), Some(255), Some(300)] {
            let mut bytes = Vec::new();
            {
                let mut enc = png::Encoder::new(&mut bytes, 6, 1);
                enc.set_color(png::ColorType::Grayscale);
                enc.set_depth(png::BitDepth::Sixteen);
                if let Some(t) = trns {
                    enc.set_trns(t.to_be_bytes().to_vec());
                }
                let mut w = enc.write_header().unwrap();
                w.write_image_data(&values.iter().flat_map(|v| v.to_be_bytes()).collect::<Vec<u8>>()).unwrap();
            }
            let img = decode(&bytes, "t").unwrap();
            // Pillow compares the clipped value with the stored one: 300 and 255 are
            // transparent under 255, nothing under 300.
            let alpha = |v: u16| if Some(v.min(255)) == trns { 0 } else { 255 };
            let want: Vec<u8> =
                values.iter().flat_map(|&v| [v.min(255) as u8; 3].into_iter().chain([alpha(v)])).collect();
            assert_eq!(img.as_bytes(), want, "tRNS {trns:?}");
        }
    }

    /// Pillow's "1" → RGBA compares 0/255 pixels with the stored tRNS value (0 or 1): black
    /// is transparent under 0, white never.
    #[test]
    fn one_bit_grey_transparency_is_pillows() {
        for (trns, want_alpha) in [(0u16, [0u8, 255]), (1, [255, 255])] {
            let mut bytes = Vec::new();
            {
                let mut enc = png::Encoder::new(&mut bytes, 2, 1);
                enc.set_color(png::ColorType::Grayscale);
                enc.set_depth(png::BitDepth::One);
                enc.set_trns(trns.to_be_bytes().to_vec());
                enc.write_header().unwrap().write_image_data(&[0b0100_0000]).unwrap();
            }
            let img = decode(&bytes, "t").unwrap();
            assert_eq!(
                img.as_bytes(),
                [[0, 0, 0, want_alpha[0]], [255, 255, 255, want_alpha[1]]].concat(),
                "tRNS {trns}"
            );
        }
    }

    /// Pillow checks every chunk before the image data against its CRC (a damaged tEXt is
    /// refused) and reads a file that ends after its image data without IEND.
    #[test]
    fn png_header_chunks_are_checked_and_a_missing_end_is_read() {
        for c in [3, 4] {
            let img = synth::visual(40, 30, c);
            let mut enc = Vec::new();
            {
                let mut e = png::Encoder::new(&mut enc, 40, 30);
                e.set_color(if c == 3 { png::ColorType::Rgb } else { png::ColorType::Rgba });
                e.add_text_chunk("Comment".into(), "hello".into()).unwrap();
                e.write_header().unwrap().write_image_data(img.as_bytes()).unwrap();
            }
            let text = enc.windows(4).position(|w| w == b"tEXt").unwrap();
            let mut damaged = enc.clone();
            damaged[text + 6] ^= 1;
            let e = decode(&damaged, "t").unwrap_err().to_string();
            assert!(e.contains("tEXt chunk fails its CRC check"), "{e}");
            let iend = enc.len() - 12;
            assert_eq!(decode(&enc[..iend], "t").unwrap(), img, "without IEND");
            assert_eq!(decode(&enc[..iend - 4], "t").unwrap(), img, "without the last CRC either");
        }
    }

    #[test]
    fn png_round_trip_keeps_channels() {
        for c in [3, 4] {
            let img = synth::noise(13, 7, c, 1);
            let bytes = encode_to_vec(&img, OutputFormat::Png).unwrap();
            assert_eq!(decode(&bytes, "mem").unwrap(), img);
        }
    }

    #[test]
    fn streaming_decode_hands_over_exactly_the_decoded_pixels() {
        for c in [3, 4] {
            // Several bands (1 MiB each) and a partial last one.
            let img = synth::noise(700, 900, c, 4);
            let bytes = encode_to_vec(&img, OutputFormat::Png).unwrap();
            let mut got = Vec::new();
            let mut shape = None;
            let (back, complete) = decode_streaming(&bytes, "mem", &Limits::NONE, |w, h, ch| {
                shape = Some((w, h, ch));
                |px: &[u8]| got.extend_from_slice(px)
            })
            .unwrap();
            assert!(complete);
            assert_eq!((back == img, got == img.as_bytes()), (true, true));
            assert_eq!(shape, Some((700, 900, c)));
        }
        // Decoder and sink share the rayon pool: one thread runs them one after the other.
        let img = synth::noise(700, 900, 3, 5);
        let bytes = encode_to_vec(&img, OutputFormat::Png).unwrap();
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let mut got = 0;
        let decoded =
            one.install(|| decode_streaming(&bytes, "one", &Limits::NONE, |_, _, _| |px: &[u8]| got += px.len()));
        assert_eq!((decoded.unwrap().0 == img, got), (true, img.as_bytes().len()));
        // Grey is expanded by the normal path: not streamed, same result as `decode`.
        let grey = image::GrayImage::from_raw(2, 1, vec![7, 9]).unwrap();
        let mut buf = Cursor::new(Vec::new());
        grey.write_to(&mut buf, ImageFormat::Png).unwrap();
        let (img, complete) = decode_streaming(buf.get_ref(), "g", &Limits::NONE, |_, _, _| |_: &[u8]| ()).unwrap();
        assert!(!complete);
        assert_eq!(img, decode(buf.get_ref(), "g").unwrap());
        // Damage is reported by the normal path.
        let bytes = encode_to_vec(&synth::noise(300, 300, 3, 1), OutputFormat::Png).unwrap();
        let e =
            decode_streaming(&bytes[..bytes.len() / 2], "cut.png", &Limits::NONE, |_, _, _| |_: &[u8]| ()).unwrap_err();
        assert!(e.to_string().starts_with("cannot read image cut.png"), "{e}");
    }

    #[test]
    fn jpeg_rows_stream_to_the_sink_as_they_decode() {
        let img = synth::visual(900, 700, 3);
        let bytes = encode_to_vec(&img, OutputFormat::Jpeg { quality: 90 }).unwrap();
        let mut got = Vec::new();
        let (decoded, complete) =
            decode_streaming(&bytes, "j", &Limits::NONE, |_, _, _| |px: &[u8]| got.extend_from_slice(px)).unwrap();
        assert!(complete);
        assert_eq!(got, decoded.as_bytes());
        assert_eq!(decoded, decode(&bytes, "j").unwrap());
        let e =
            decode_streaming(&bytes[..bytes.len() / 2], "cut.jpg", &Limits::NONE, |_, _, _| |_: &[u8]| ()).unwrap_err();
        assert!(e.to_string().contains("truncated"), "{e}");
        // Damage inside the data: libjpeg's error comes back as a message, not a crash.
        let mut damaged = bytes.clone();
        let sof = damaged.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        damaged[sof + 9] = 0; // no components
        let e = decode(&damaged, "bad.jpg").unwrap_err();
        assert!(e.to_string().starts_with("cannot read image bad.jpg"), "{e}");
    }

    #[test]
    fn grey_loads_as_rgb_and_palette_as_rgba() {
        let grey = image::GrayImage::from_raw(2, 1, vec![7, 9]).unwrap();
        let mut buf = Cursor::new(Vec::new());
        grey.write_to(&mut buf, ImageFormat::Png).unwrap();
        let img = decode(buf.get_ref(), "g").unwrap();
        assert_eq!(img.as_bytes(), &[7, 7, 7, 9, 9, 9]);

        let la = image::GrayAlphaImage::from_raw(1, 1, vec![7, 100]).unwrap();
        let mut buf = Cursor::new(Vec::new());
        la.write_to(&mut buf, ImageFormat::Png).unwrap();
        assert_eq!(decode(buf.get_ref(), "la").unwrap().as_bytes(), &[7, 7, 7, 100]);
    }

    /// PNG bytes with a tRNS chunk, written with the png crate.
    fn png_with_trns(colour: png::ColorType, trns: &[u8], pixels: &[u8], width: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, 1);
        enc.set_color(colour);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_trns(trns.to_vec());
        enc.write_header().unwrap().write_image_data(pixels).unwrap();
        out
    }

    #[test]
    fn transparency_chunks_and_grey_palettes_load_like_pillow() {
        // Pillow keeps grey/RGB PNGs with tRNS as L/RGB (→ RGB); the decoder would add alpha.
        let rgb = png_with_trns(png::ColorType::Rgb, &[0, 1, 0, 2, 0, 3], &[1, 2, 3, 9, 9, 9], 2);
        assert_eq!(decode(&rgb, "t").unwrap().as_bytes(), &[1, 2, 3, 9, 9, 9]);
        let grey = png_with_trns(png::ColorType::Grayscale, &[0, 7], &[7, 8], 2);
        assert_eq!(decode(&grey, "t").unwrap().as_bytes(), &[7, 7, 7, 8, 8, 8]);
        // An 8-bit BMP with an identity grey palette is "L" in Pillow (→ RGB).
        let img = image::GrayImage::from_raw(3, 1, vec![0, 100, 255]).unwrap();
        let mut bmp = Cursor::new(Vec::new());
        img.write_to(&mut bmp, ImageFormat::Bmp).unwrap();
        assert_eq!(bmp_palette_channels(bmp.get_ref()), Some(3));
        assert_eq!(decode(bmp.get_ref(), "b").unwrap().as_bytes(), &[0, 0, 0, 100, 100, 100, 255, 255, 255]);
    }

    #[test]
    fn truncated_and_foreign_bytes_are_clear_errors() {
        let img = synth::noise(40, 40, 3, 2);
        let bytes = encode_to_vec(&img, OutputFormat::Png).unwrap();
        let e = decode(&bytes[..bytes.len() / 2], "cut.png").unwrap_err().to_string();
        assert!(e.starts_with("cannot read image cut.png"), "{e}");
        let e = decode(b"hello, not an image", "t.png").unwrap_err().to_string();
        assert!(e.contains("not a recognised image format"), "{e}");
        assert!(decode(b"", "e.png").unwrap_err().to_string().contains("empty"));
    }

    #[test]
    fn atomic_save_leaves_nothing_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.png");
        let r = write_atomic(&path, |_| Err(Error::processing("boom")));
        assert!(r.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        save(&synth::gradient(4, 4, 3), &path, None).unwrap();
        assert_eq!(load(&path).unwrap(), synth::gradient(4, 4, 3));
    }
}
