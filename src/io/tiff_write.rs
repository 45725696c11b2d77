//! TIFF written strip by strip: uncompressed 8-bit RGB or RGBA in strips of about 1 MB, as
//! the `tiff` crate lays them out (the bytes of the `image` crate's whole-image encoder,
//! which calls the same encoder), so a streamed run holds one strip of its output. A file
//! that would pass 4 GiB is written as BigTIFF (8-byte offsets), which Pillow and libvips
//! read.

use std::io::{Seek, Write};
use tiff::encoder::colortype::{ColorType, RGB8, RGBA8};
use tiff::encoder::{ImageEncoder, TiffEncoder, TiffKind};

/// Pixel bytes from which a file is written as BigTIFF: a classic TIFF's offsets stop at
/// 4 GiB, and its tags and strip tables come after the pixels.
const BIG_FROM: u64 = (4 << 30) - (64 << 20);

/// Writes a `width`×`height` TIFF of `channels` (3 or 4) bytes per pixel from `bands`
/// (whole rows, in order).
pub fn write_tiff<B: AsRef<[u8]>>(
    out: &mut (impl Write + Seek),
    width: u32,
    height: u32,
    channels: u8,
    bands: impl IntoIterator<Item = B>,
) -> Result<(), String> {
    let big = width as u64 * height as u64 * channels as u64 >= BIG_FROM;
    write_as(out, width, height, channels, bands, big)
}

fn write_as<B: AsRef<[u8]>>(
    out: &mut (impl Write + Seek),
    width: u32,
    height: u32,
    channels: u8,
    bands: impl IntoIterator<Item = B>,
    big: bool,
) -> Result<(), String> {
    let fail = |e: tiff::TiffError| e.to_string();
    if big {
        image_of(&mut TiffEncoder::new_big(out).map_err(fail)?, width, height, channels, bands)
    } else {
        image_of(&mut TiffEncoder::new(out).map_err(fail)?, width, height, channels, bands)
    }
}

fn image_of<B: AsRef<[u8]>, K: TiffKind>(
    encoder: &mut TiffEncoder<impl Write + Seek, K>,
    width: u32,
    height: u32,
    channels: u8,
    bands: impl IntoIterator<Item = B>,
) -> Result<(), String> {
    let fail = |e: tiff::TiffError| e.to_string();
    match channels {
        3 => strips(encoder.new_image::<RGB8>(width, height).map_err(fail)?, bands),
        4 => strips(encoder.new_image::<RGBA8>(width, height).map_err(fail)?, bands),
        n => Err(format!("a TIFF of {n} channels is not written (RGB and RGBA are)")),
    }
}

/// Gathers the rows of `bands` into strips as the encoder asks for them.
fn strips<B: AsRef<[u8]>, C: ColorType<Inner = u8>, K: TiffKind>(
    mut image: ImageEncoder<'_, impl Write + Seek, C, K>,
    bands: impl IntoIterator<Item = B>,
) -> Result<(), String> {
    let fail = |e: tiff::TiffError| e.to_string();
    let mut strip = Vec::new();
    for band in bands {
        let mut band = band.as_ref();
        while !band.is_empty() {
            let size = image.next_strip_sample_count() as usize;
            if size == 0 {
                return Err("more rows than the image has (a bug: please report it)".into());
            }
            let take = (size - strip.len()).min(band.len());
            strip.extend_from_slice(&band[..take]);
            band = &band[take..];
            if strip.len() == size {
                image.write_strip(&strip).map_err(fail)?;
                strip.clear();
            }
        }
    }
    if image.next_strip_sample_count() != 0 {
        return Err("rows of the image are missing (a bug: please report it)".into());
    }
    image.finish().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;
    use std::io::Cursor;

    /// Any cut into bands gives the `image` crate's whole-image file, and a BigTIFF reads
    /// back to the same pixels.
    #[test]
    fn strips_from_any_bands_make_the_whole_image_file() {
        for channels in [3, 4] {
            let image = synth::visual(601, 900, channels);
            let color = if channels == 4 { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
            let mut whole = Cursor::new(Vec::new());
            image::ImageEncoder::write_image(
                image::codecs::tiff::TiffEncoder::new(&mut whole),
                image.as_bytes(),
                601,
                900,
                color,
            )
            .unwrap();
            let stride = 601 * channels as usize;
            for rows in [1, 7, 64, 900] {
                let mut out = Cursor::new(Vec::new());
                write_tiff(&mut out, 601, 900, channels, image.as_bytes().chunks(rows * stride)).unwrap();
                assert!(out.get_ref() == whole.get_ref(), "{channels} channels, bands of {rows}");
            }
            let mut big = Cursor::new(Vec::new());
            write_as(&mut big, 601, 900, channels, image.as_bytes().chunks(64 * stride), true).unwrap();
            assert_eq!(&big.get_ref()[..4], b"II+\0", "BigTIFF");
            assert!(crate::io::decode(big.get_ref(), "big.tiff").unwrap() == image, "pixelpipe reads it back");
            let mut decoder = tiff::decoder::Decoder::new(Cursor::new(big.into_inner())).unwrap();
            match decoder.read_image().unwrap() {
                tiff::decoder::DecodingResult::U8(pixels) => assert!(pixels == image.as_bytes()),
                other => panic!("{:?}", std::mem::discriminant(&other)),
            }
        }
    }
}
