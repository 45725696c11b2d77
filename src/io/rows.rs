//! PNG read and written row by row, for the band executor ([`crate::stream`]): neither holds
//! more than a few rows of the image. The whole-image encoder is the same writer given one
//! band, so both paths write the same bytes.

use super::Limits;
use crate::core::{Context, Error, Result};
use crate::stream::RowSource;
use std::fs::File;
use std::io::{BufReader, Read, Seek, Write};
use std::path::Path;

/// An 8-bit RGB or RGBA PNG file, not interlaced and without a transparency chunk (its
/// pixels are stored as they load), read a row at a time.
pub struct PngRows {
    reader: png::Reader<BufReader<File>>,
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
    let mut signature = [0u8; 8];
    if file.read_exact(&mut signature).is_err() || signature != [137, 80, 78, 71, 13, 10, 26, 10] {
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
    Ok(Some(PngRows { reader, ctx: Context::new(width, height, channels), origin }))
}

impl RowSource for PngRows {
    fn context(&self) -> Context {
        self.ctx.clone()
    }

    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        let stride = self.ctx.width as usize * self.ctx.channels as usize;
        for row in out.chunks_exact_mut(stride) {
            let failure = match self.reader.read_row(row) {
                Ok(Some(_)) => continue,
                Ok(None) => "the image is truncated".to_string(),
                Err(png::DecodingError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    "the image is truncated (its data ends early)".to_string()
                }
                Err(e) => e.to_string(),
            };
            return Err(Error::Decode { path: self.origin.clone(), format: Some("png"), reason: failure });
        }
        Ok(())
    }
}

/// Writes a PNG of `width`×`height` pixels of `channels` (3 or 4) bytes from `bands`, whole
/// rows in order (fast deflate, adaptive filters: what the original's files compare with).
pub fn write_png<B: AsRef<[u8]>>(
    out: &mut dyn Write,
    width: u32,
    height: u32,
    channels: u8,
    bands: impl IntoIterator<Item = B>,
) -> std::result::Result<(), String> {
    let text = |e: png::EncodingError| e.to_string();
    let mut encoder = png::Encoder::new(std::io::BufWriter::with_capacity(1 << 20, out), width, height);
    encoder.set_color(if channels == 4 { png::ColorType::Rgba } else { png::ColorType::Rgb });
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Adaptive);
    let mut writer = encoder.write_header().map_err(text)?;
    let mut stream = writer.stream_writer_with_size(1 << 20).map_err(text)?;
    for band in bands {
        stream.write_all(band.as_ref()).map_err(|e| e.to_string())?;
    }
    stream.finish().map_err(text)?;
    writer.finish().map_err(text)
}
