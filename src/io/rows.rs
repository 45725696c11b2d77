//! Rows read and written a band at a time, for the band executor ([`crate::stream`]): the
//! [`RowSource`] trait, PNG read and written row by row, and TIFF read strip by strip; none
//! holds more than a few rows of the image. The whole-image encoder is the same writer given
//! one band, so both paths write the same bytes.

use super::Limits;
use crate::core::{Context, Error, Result};
use crate::image::Image;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

/// Where rows come from: a decoder, or an image in memory.
pub trait RowSource: Send {
    /// The shape of the rows.
    fn context(&self) -> Context;
    /// Fills `out` (whole rows) with the next rows, in order.
    fn read(&mut self, out: &mut [u8]) -> Result<()>;
    /// Memory the source holds besides the rows it hands out, and what it is (a decoded
    /// image, a progressive JPEG's coefficients): a streamed plan counts it.
    fn held(&self) -> Option<(String, u64)> {
        None
    }
}

/// Fills `out` from a source that delivers bytes in pieces of its own size (the decoder
/// thread's bands, a TIFF's strips): `chunk` is the current piece, `taken` how much of it
/// has been handed out, and `next` replaces a used-up piece with the next one.
pub fn read_chunked(
    mut out: &mut [u8],
    chunk: &mut Vec<u8>,
    taken: &mut usize,
    mut next: impl FnMut(&mut Vec<u8>) -> Result<()>,
) -> Result<()> {
    while !out.is_empty() {
        if *taken == chunk.len() {
            next(chunk)?;
            *taken = 0;
        }
        let n = out.len().min(chunk.len() - *taken);
        out[..n].copy_from_slice(&chunk[*taken..*taken + n]);
        *taken += n;
        out = &mut out[n..];
    }
    Ok(())
}

/// Rows of an image in memory.
pub struct ImageSource {
    image: Image,
    offset: usize,
}

impl ImageSource {
    pub fn new(image: Image) -> ImageSource {
        ImageSource { image, offset: 0 }
    }
}

impl RowSource for ImageSource {
    fn context(&self) -> Context {
        Context::new(self.image.width(), self.image.height(), self.image.channels())
    }
    fn held(&self) -> Option<(String, u64)> {
        Some(("the decoded input".into(), self.image.as_bytes().len() as u64))
    }
    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        let end = self.offset + out.len();
        out.copy_from_slice(&self.image.as_bytes()[self.offset..end]);
        self.offset = end;
        Ok(())
    }
}

/// An 8-bit RGB or RGBA PNG file, not interlaced and without a transparency chunk (its
/// pixels are stored as they load), read a row at a time.
pub struct PngRows {
    /// Inflated on a thread of its own (`super::scanlines`), unfiltered by `read`.
    lines: super::scanlines::Scanlines,
    ctx: Context,
    origin: String,
}

impl std::fmt::Debug for PngRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PngRows({}, {}x{}x{})", self.origin, self.ctx.width, self.ctx.height, self.ctx.channels)
    }
}

/// Opens `path` for reading row by row. `Ok(None)` when it is not such a PNG (decode it
/// whole instead); the header's size is checked against `limits.max_pixels` (the memory
/// budget does not apply: the image is never held).
pub fn open_png_rows(path: &Path, limits: &Limits) -> Result<Option<PngRows>> {
    let origin = path.display().to_string();
    let fail = |reason: String| Error::Decode { path: origin.clone(), format: Some("png"), reason };
    let mut file = File::open(path).map_err(|e| fail(super::limits::describe_io(&e)))?;
    // The signature and IHDR up to its colour type: other layouts (palette files the png
    // crate may refuse and the whole-image path reads) are not read here.
    let mut head = [0u8; 26];
    if file.read_exact(&mut head).is_err()
        || !head.starts_with(&[137, 80, 78, 71, 13, 10, 26, 10])
        || !matches!(head[24..], [8, 2 | 6])
    {
        return Ok(None);
    }
    file.rewind().map_err(|e| fail(e.to_string()))?;
    let mut decoder = png::Decoder::new(BufReader::with_capacity(1 << 20, file));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let reader = decoder.read_info().map_err(|e| fail(e.to_string()))?;
    let info = reader.info();
    let channels: u8 = match (info.color_type, info.bit_depth) {
        (png::ColorType::Rgb, png::BitDepth::Eight) => 3,
        (png::ColorType::Rgba, png::BitDepth::Eight) => 4,
        _ => return Ok(None),
    };
    if info.interlaced || info.trns.is_some() || info.animation_control.is_some() || info.width == 0 || info.height == 0
    {
        return Ok(None);
    }
    let (width, height) = (info.width, info.height);
    Limits { max_bytes: None, ..*limits }.check(width, height, channels, &format!("image {origin}"))?;
    drop(reader);
    let file = BufReader::with_capacity(1 << 20, File::open(path).map_err(|e| fail(e.to_string()))?);
    let stride = width as usize * channels as usize;
    let (inflate, rx) = super::scanlines::inflater(file, stride, height).map_err(fail)?;
    std::thread::Builder::new().name("png-inflate".into()).spawn(inflate).map_err(|e| fail(e.to_string()))?;
    let lines = super::scanlines::Scanlines::new(rx, stride, channels);
    Ok(Some(PngRows { lines, ctx: Context::new(width, height, channels), origin }))
}

impl RowSource for PngRows {
    fn context(&self) -> Context {
        self.ctx.clone()
    }

    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        let stride = self.ctx.width as usize * self.ctx.channels as usize;
        for row in out.chunks_exact_mut(stride) {
            if let Err(reason) = self.lines.next_row(row) {
                return Err(Error::Decode { path: self.origin.clone(), format: Some("png"), reason });
            }
        }
        Ok(())
    }
}

/// An 8-bit RGB, or RGBA with unassociated or unspecified alpha, TIFF of interleaved
/// samples, read a strip or a row of tiles at a time (what the whole-image loader gives for
/// it: the samples as stored, after decompression and prediction).
pub struct TiffRows {
    decoder: tiff::decoder::Decoder<BufReader<File>>,
    ctx: Context,
    origin: String,
    /// The strip (or row of tiles) being read and how many of its bytes have been handed out.
    strip: Vec<u8>,
    taken: usize,
    /// The next strip, or row of tiles.
    next_strip: u32,
    /// The tiles' width, for a tiled file.
    tile_width: Option<u32>,
}

impl std::fmt::Debug for TiffRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TiffRows({}, {}x{}x{})", self.origin, self.ctx.width, self.ctx.height, self.ctx.channels)
    }
}

/// Opens `path` for reading a strip or a row of tiles at a time. `Ok(None)` when it is not
/// such a TIFF (planar, 16-bit, premultiplied alpha...: decode it whole instead); the
/// header's size is checked against `limits.max_pixels`.
pub fn open_tiff_rows(path: &Path, limits: &Limits) -> Result<Option<TiffRows>> {
    use tiff::decoder::{ChunkType, Decoder};
    use tiff::tags::Tag;
    let origin = path.display().to_string();
    let fail = |reason: String| Error::Decode { path: origin.clone(), format: Some("tiff"), reason };
    let mut file = File::open(path).map_err(|e| fail(super::limits::describe_io(&e)))?;
    let mut signature = [0u8; 4];
    // Classic TIFF, or BigTIFF (8-byte offsets).
    let signatures = [*b"II*\0", *b"MM\0*", *b"II+\0", *b"MM\0+"];
    if file.read_exact(&mut signature).is_err() || !signatures.contains(&signature) {
        return Ok(None);
    }
    file.rewind().map_err(|e| fail(e.to_string()))?;
    let mut decoder = Decoder::new(BufReader::with_capacity(1 << 20, file)).map_err(|e| fail(e.to_string()))?;
    // Any other layout (or one the `tiff` crate cannot name) is the whole-image decoder's.
    let channels: u8 = match decoder.colortype() {
        Ok(tiff::ColorType::RGB(8)) => 3,
        Ok(tiff::ColorType::RGBA(8)) => 4,
        _ => return Ok(None),
    };
    let tag =
        |decoder: &mut Decoder<_>, tag| decoder.find_tag_unsigned_vec::<u16>(tag).map_err(|e| fail(e.to_string()));
    let chunky = tag(&mut decoder, Tag::PlanarConfiguration)?.is_none_or(|v| v == [1]);
    // Alpha unassociated (ExtraSamples 2) or unspecified, as the whole loader reads it;
    // premultiplied alpha goes to the whole loader.
    let plain_alpha = channels == 3 || tag(&mut decoder, Tag::ExtraSamples)?.is_none_or(|v| v == [2]);
    // JPEG-compressed files are libjpeg's to decode, whole (`super::tiff_strips`).
    let jpeg = tag(&mut decoder, Tag::Compression)?.is_some_and(|v| v == [7]);
    if !chunky || !plain_alpha || jpeg {
        return Ok(None);
    }
    let (width, height) = decoder.dimensions().map_err(|e| fail(e.to_string()))?;
    if width == 0 || height == 0 {
        return Ok(None);
    }
    Limits { max_bytes: None, ..*limits }.check(width, height, channels, &format!("image {origin}"))?;
    // One strip (or row of tiles) is held at a time: it must fit the memory budget (a file
    // may make the whole image one strip).
    let (chunk_width, chunk_rows) = decoder.chunk_dimensions();
    let tile_width = (decoder.get_chunk_type() == ChunkType::Tile).then_some(chunk_width.max(1));
    let what = if tile_width.is_some() { "a row of tiles" } else { "a strip" };
    limits.check(width, chunk_rows.min(height), channels, &format!("{what} of image {origin}"))?;
    let ctx = Context::new(width, height, channels);
    Ok(Some(TiffRows { decoder, ctx, origin, strip: Vec::new(), taken: 0, next_strip: 0, tile_width }))
}

impl RowSource for TiffRows {
    fn context(&self) -> Context {
        self.ctx.clone()
    }

    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        let (width, channels) = (self.ctx.width as usize, self.ctx.channels as usize);
        let stride = width * channels;
        let Self { decoder, origin, strip, taken, next_strip, tile_width, .. } = self;
        let fail = |reason: String| Error::Decode { path: origin.clone(), format: Some("tiff"), reason };
        if let Some(tile_width) = *tile_width {
            let across = width.div_ceil(tile_width as usize) as u32;
            let mut tile = Vec::new();
            return read_chunked(out, strip, taken, |band| {
                // Tiles are numbered left to right, then top to bottom; those at the right
                // and bottom edges hold only the image's part of them.
                let first = *next_strip * across;
                let (_, rows) = decoder.chunk_data_dimensions(first);
                if rows == 0 {
                    return Err(fail("the image is truncated (a tile has no rows)".into()));
                }
                band.resize(rows as usize * stride, 0);
                for column in 0..across {
                    let (tile_cols, tile_rows) = decoder.chunk_data_dimensions(first + column);
                    let span = tile_cols as usize * channels;
                    tile.resize(tile_rows as usize * span, 0);
                    decoder.read_chunk_bytes(first + column, &mut tile).map_err(|e| fail(e.to_string()))?;
                    let left = column as usize * tile_width as usize * channels;
                    for (row, from) in band.chunks_exact_mut(stride).zip(tile.chunks_exact(span)) {
                        row[left..left + span].copy_from_slice(from);
                    }
                }
                *next_strip += 1;
                Ok(())
            });
        }
        read_chunked(out, strip, taken, |strip| {
            let (_, rows) = decoder.chunk_data_dimensions(*next_strip);
            if rows == 0 {
                return Err(fail("the image is truncated (a strip has no rows)".into()));
            }
            // At most the rows per strip that the budget allowed when the file was opened.
            strip.resize(rows as usize * stride, 0);
            decoder.read_chunk_bytes(*next_strip, strip).map_err(|e| fail(e.to_string()))?;
            *next_strip += 1;
            Ok(())
        })
    }
}

/// The rows of the image file at `path` when it reads row by row or strip by strip (a PNG
/// or a TIFF of 8-bit RGB or RGBA, a JPEG: see [`open_png_rows`], [`open_tiff_rows`] and
/// [`super::jpeg::open_rows`]). A pipe or
/// device (`-i <(cat x.png)`, `/dev/stdin`) is `None` without a byte read: it cannot be
/// opened twice or sought, so it is read whole as a stream, as `-i -` is.
pub fn open_rows(path: &Path, limits: &Limits) -> Result<Option<Box<dyn RowSource>>> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Ok(None);
    }
    if let Some(rows) = open_png_rows(path, limits)? {
        return Ok(Some(Box::new(rows)));
    }
    if let Some(rows) = super::jpeg::open_rows(path, limits)? {
        return Ok(Some(Box::new(rows)));
    }
    Ok(open_tiff_rows(path, limits)?.map(|rows| Box::new(rows) as Box<dyn RowSource>))
}

pub use super::png_write::write_png;

/// Writes an image of `width`×`height` pixels of `channels` bytes from `bands` (whole rows
/// in order) in `format`, one of those that are written band by band
/// ([`super::OutputFormat::streams`]): a streamed run's output and a whole image (one band)
/// go through here alike, so both give the same bytes. Alpha is dropped band by band where
/// the format has none.
pub fn write_bands<B: AsRef<[u8]>>(
    out: &mut (impl std::io::Write + std::io::Seek),
    width: u32,
    height: u32,
    channels: u8,
    format: super::OutputFormat,
    bands: impl IntoIterator<Item = B>,
) -> std::result::Result<(), String> {
    match format {
        super::OutputFormat::Png => write_png(out, width, height, channels, bands),
        super::OutputFormat::Tiff => super::tiff_write::write_tiff(out, width, height, channels, bands),
        super::OutputFormat::Jpeg { quality } => {
            let mut writer = super::jpeg::Writer::new(out, width, height, quality)?;
            let mut rgb = Vec::new();
            for band in bands {
                let band = band.as_ref();
                if channels == 4 {
                    rgb.clear();
                    rgb.extend(band.chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]));
                    writer.write_rows(&rgb)?;
                } else {
                    writer.write_rows(band)?;
                }
            }
            writer.finish()
        }
        other => Err(format!("{} is not written band by band (a bug: please report it)", other.name())),
    }
}
