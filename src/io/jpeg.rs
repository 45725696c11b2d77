//! JPEG decoding with libjpeg-turbo, as the original's Pillow decodes: the accurate integer
//! IDCT and fancy upsampling (libjpeg's defaults), greyscale loaded as RGB, CMYK (stored
//! Adobe-inverted, as Pillow writes and reads it) converted to RGBA with Pillow's formula.
//! A file that ends before its end-of-image marker is refused, as Pillow refuses it ("image
//! file is truncated"), where libjpeg would fill the rest with grey.

// libjpeg through its C API (mozjpeg-sys) for encoding.
#![allow(unsafe_code)]

use super::Limits;
use crate::core::{Error, Result};
use crate::image::Image;
use mozjpeg::{ColorSpace, Decompress};
use mozjpeg_sys as ffi;

/// Decodes `bytes`; `origin` names the file in errors. The size in the header is checked
/// against `limits` before the pixels are allocated. Rows are decoded in order, and with
/// `start` handed on in bands as they are finished (see `super::read_rows`).
pub fn decode<S: FnMut(&[u8]) + Send>(
    bytes: &[u8],
    origin: &str,
    limits: &Limits,
    start: Option<impl FnOnce(u32, u32, u8) -> S>,
) -> Result<Image> {
    let fail = |reason: String| Error::Decode { path: origin.to_string(), format: Some("jpg"), reason };
    // The header's claim before libjpeg sees the file: its own limit (65500 pixels a side)
    // would otherwise answer a bomb instead of ours.
    super::probe(bytes, origin, limits)?;
    if !is_complete(bytes) {
        return Err(fail("the image is truncated (its data ends before the end-of-image marker)".into()));
    }
    // libjpeg reports errors by unwinding out of its error handler (see the `mozjpeg`
    // crate): every call is inside catch_unwind, and the unwind carries the message.
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode_whole(bytes, origin, limits, start)));
    match decoded {
        Ok(result) => result,
        Err(unwound) => {
            let message = unwound
                .downcast_ref::<String>()
                .map(|m| m.trim_start_matches("libjpeg fatal error: ").to_string())
                .unwrap_or_else(|| "the JPEG decoder failed".into());
            Err(fail(message))
        }
    }
}

fn decode_whole<S: FnMut(&[u8]) + Send>(
    bytes: &[u8],
    origin: &str,
    limits: &Limits,
    start: Option<impl FnOnce(u32, u32, u8) -> S>,
) -> Result<Image> {
    let fail =
        |e: std::io::Error| Error::Decode { path: origin.to_string(), format: Some("jpg"), reason: e.to_string() };
    let decompress = Decompress::new_mem(bytes).map_err(fail)?;
    let (width, height) = (decompress.width() as u32, decompress.height() as u32);
    if width == 0 || height == 0 {
        return Err(fail(std::io::Error::other("the image has no pixels")));
    }
    // What Pillow makes of the stored colour space.
    let (out, read, channels) = match decompress.color_space() {
        ColorSpace::JCS_GRAYSCALE => (ColorSpace::JCS_GRAYSCALE, 1, 3),
        ColorSpace::JCS_CMYK | ColorSpace::JCS_YCCK => (ColorSpace::JCS_CMYK, 4, 4),
        _ => (ColorSpace::JCS_RGB, 3, 3),
    };
    limits.check(width, height, channels, &format!("image {origin}"))?;
    let mut started = decompress.to_colorspace(out).map_err(fail)?;
    let mut image = Image::try_new(width, height, channels)?;
    let mut line = vec![0u8; width as usize * read];
    let mut failure = None;
    let read_row = |row: &mut [u8]| {
        let result = match read {
            1 => started.read_scanlines_into(&mut line[..]).map(|_| ()),
            _ => started.read_scanlines_into(&mut row[..]).map(|_| ()),
        };
        match result {
            Ok(()) if read == 1 => row.chunks_exact_mut(3).zip(&line).for_each(|(rgb, &l)| rgb.fill(l)),
            Ok(()) if read == 4 => cmyk_to_rgba(row),
            Ok(()) => {}
            Err(e) => {
                failure = Some(e);
                return false;
            }
        }
        true
    };
    if !super::read_rows(&mut image, read_row, start) {
        return Err(fail(failure.unwrap_or_else(|| std::io::ErrorKind::UnexpectedEof.into())));
    }
    started.finish().map_err(fail)?;
    Ok(image)
}

/// Encodes an RGB image as Pillow saves JPEG (and as libjpeg-turbo's `cjpeg` does):
/// baseline, the standard quantization tables scaled to `quality` and clamped to 8 bits
/// (`force_baseline`, which matters below quality 25), 4:2:0 chroma, the accurate integer
/// DCT. mozjpeg's own additions (trellis quantization, its tables) are switched off by its
/// "fastest" profile, which is plain libjpeg-turbo. Written against the raw API: the safe
/// wrapper does not clamp the tables.
pub fn encode(img: &Image, quality: u8, out: &mut impl std::io::Write) -> std::result::Result<(), String> {
    debug_assert_eq!(img.channels(), 3, "alpha is dropped before");
    let encoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compress(img, quality)));
    let bytes = encoded.map_err(|unwound| {
        unwound.downcast_ref::<String>().cloned().unwrap_or_else(|| "the JPEG encoder failed".into())
    })?;
    out.write_all(&bytes).map_err(|e| e.to_string())
}

/// libjpeg's compressor state and output buffer, released however compression ends (an
/// error unwinds out of libjpeg through [`unwind_error`]).
struct Compressor {
    err: Box<ffi::jpeg_error_mgr>,
    cinfo: Box<ffi::jpeg_compress_struct>,
    buffer: Box<(*mut u8, std::ffi::c_ulong)>,
}

impl Drop for Compressor {
    fn drop(&mut self) {
        // SAFETY: `cinfo` was created by jpeg_CreateCompress; the buffer, if any, was
        // allocated by libjpeg's memory destination with malloc.
        unsafe {
            ffi::jpeg_destroy_compress(&mut self.cinfo);
            if !self.buffer.0.is_null() {
                libc::free(self.buffer.0.cast());
            }
        }
        // `err`, which `cinfo` points at, is dropped after this, with the fields.
    }
}

#[cold]
extern "C-unwind" fn unwind_error(cinfo: &mut ffi::jpeg_common_struct) {
    let code = unsafe { cinfo.err.as_ref() }.map_or(0, |e| e.msg_code);
    std::panic::resume_unwind(Box::new(format!("libjpeg error {code}")));
}

extern "C-unwind" fn silence(_: &mut ffi::jpeg_common_struct, _: std::ffi::c_int) {}

fn compress(img: &Image, quality: u8) -> Vec<u8> {
    // SAFETY: the libjpeg protocol: create, set parameters, start, write every scanline,
    // finish; the boxes keep every address libjpeg holds stable, and `Compressor` destroys.
    unsafe {
        let mut c = Compressor {
            err: Box::new(std::mem::zeroed()),
            cinfo: Box::new(std::mem::zeroed()),
            buffer: Box::new((std::ptr::null_mut(), 0)),
        };
        ffi::jpeg_std_error(&mut c.err);
        c.err.error_exit = Some(unwind_error);
        c.err.emit_message = Some(silence);
        c.cinfo.common.err = &mut *c.err;
        ffi::jpeg_CreateCompress(
            &mut *c.cinfo,
            ffi::JPEG_LIB_VERSION,
            std::mem::size_of::<ffi::jpeg_compress_struct>(),
        );
        ffi::jpeg_mem_dest(&mut c.cinfo, &mut c.buffer.0, &mut c.buffer.1);
        c.cinfo.image_width = img.width();
        c.cinfo.image_height = img.height();
        c.cinfo.input_components = 3;
        c.cinfo.in_color_space = ffi::J_COLOR_SPACE::JCS_RGB;
        ffi::jpeg_c_set_int_param(&mut c.cinfo, ffi::J_INT_PARAM::JINT_COMPRESS_PROFILE, ffi::JCP_FASTEST as _);
        // YCbCr with 2x2 luma sampling (4:2:0), islow DCT, standard Huffman tables.
        ffi::jpeg_set_defaults(&mut c.cinfo);
        ffi::jpeg_set_quality(&mut c.cinfo, quality as _, 1);
        ffi::jpeg_start_compress(&mut c.cinfo, 1);
        for row in img.as_bytes().chunks_exact(img.width() as usize * 3) {
            let rows = [row.as_ptr()];
            ffi::jpeg_write_scanlines(&mut c.cinfo, rows.as_ptr(), 1);
        }
        ffi::jpeg_finish_compress(&mut c.cinfo);
        std::slice::from_raw_parts(c.buffer.0, c.buffer.1 as usize).to_vec()
    }
}

/// Pillow's reading of a CMYK JPEG ("CMYK;I": the stored values inverted) followed by its
/// CMYK → RGBA conversion (`cmyk2rgb` in Pillow's Convert.c), in place.
fn cmyk_to_rgba(row: &mut [u8]) {
    // (a * b + 128) / 255, rounded, in integers, as Pillow's MULDIV255.
    let muldiv255 = |a: u32, b: u32| {
        let t = a * b + 128;
        ((t >> 8) + t) >> 8
    };
    for px in row.chunks_exact_mut(4) {
        let [c, m, y, k] = [px[0], px[1], px[2], px[3]].map(|v| 255 - v as u32);
        let nk = 255 - k;
        px[0] = (nk - muldiv255(c, nk)) as u8;
        px[1] = (nk - muldiv255(m, nk)) as u8;
        px[2] = (nk - muldiv255(y, nk)) as u8;
        px[3] = 255;
    }
}

/// Whether `bytes` (starting with SOI) run through their segments and scans to an EOI
/// marker. Bytes after EOI (camera trailers, motion-photo video) are allowed, as Pillow
/// allows them. Anything not starting with SOI is left to the decoder to judge.
pub fn is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return true;
    }
    let mut i = 2;
    loop {
        // The next marker: 0xFF (fill bytes repeat it), then its code. Stray bytes between
        // segments are skipped, as libjpeg does (with a warning).
        let Some(ff) = bytes[i..].iter().position(|&b| b == 0xFF) else { return false };
        i += ff;
        while bytes.get(i) == Some(&0xFF) {
            i += 1;
        }
        let Some(&code) = bytes.get(i) else { return false };
        i += 1;
        match code {
            0xD9 => return true,
            // Standalone markers: restart markers, TEM, and a stray 0xFF00.
            0x00 | 0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(len) = bytes.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]]) as usize) else { return false };
        if len < 2 || i + len > bytes.len() {
            return false;
        }
        i += len;
        if code == 0xDA {
            // Entropy-coded data: ends at a marker that is neither a stuffed 0xFF00 nor a
            // restart marker.
            loop {
                let Some(ff) = bytes[i..].iter().position(|&b| b == 0xFF) else { return false };
                let mut next = i + ff + 1;
                while bytes.get(next) == Some(&0xFF) {
                    next += 1;
                }
                match bytes.get(next) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7) => i = next + 1,
                    Some(_) => {
                        i += ff;
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(progressive_like: bool) -> Vec<u8> {
        let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 77]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        let mut bytes = out.into_inner();
        if progressive_like {
            // A trailer after EOI, as some cameras append.
            bytes.extend_from_slice(b"\x00\x00ftypmp42 trailing video");
        }
        bytes
    }

    #[test]
    fn whole_files_pass_and_every_truncation_fails() {
        for trailer in [false, true] {
            let bytes = jpeg(trailer);
            assert!(is_complete(&bytes));
            let end = bytes.windows(2).rposition(|w| w == [0xFF, 0xD9]).unwrap();
            for cut in 2..end + 1 {
                assert!(!is_complete(&bytes[..cut]), "cut at {cut} of {}", bytes.len());
            }
        }
        assert!(is_complete(b"not a jpeg"), "other formats are the decoder's to judge");
    }
}
