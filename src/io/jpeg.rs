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

/// A JPEG written band by band as Pillow saves it (and as libjpeg-turbo's `cjpeg` does):
/// baseline, the standard quantization tables scaled to `quality` and clamped to 8 bits
/// (`force_baseline`, which matters below quality 25), 4:2:0 chroma, the accurate integer
/// DCT. mozjpeg's own additions (trellis quantization, its tables) are switched off by its
/// "fastest" profile, which is plain libjpeg-turbo. Written against the raw API: the safe
/// wrapper does not clamp the tables. libjpeg holds a few rows (two for 4:2:0); the
/// compressed bytes go to the output as they come, [`BUFFER`] at a time, so the file's bytes
/// do not depend on how the rows were cut into bands.
pub struct Writer<'w> {
    /// Boxed: libjpeg holds its address (`cinfo.dest`) while it works.
    state: Box<State<'w>>,
    row_bytes: usize,
    rows_left: u32,
}

/// Compressed bytes handed to the output at a time.
const BUFFER: usize = 256 << 10;

/// libjpeg's compressor state and its destination, released however compression ends (an
/// error unwinds out of libjpeg through [`unwind_error`]).
struct State<'w> {
    err: ffi::jpeg_error_mgr,
    cinfo: ffi::jpeg_compress_struct,
    /// An allocation of its own (`Box::into_raw`), which `cinfo.dest` points at: the
    /// callbacks touch it, never the rest of the state.
    dest: *mut Destination<'w>,
}

/// libjpeg's destination manager and what it writes to.
#[repr(C)]
struct Destination<'w> {
    /// First: libjpeg's `cinfo.dest` is the address of the whole struct.
    iface: ffi::jpeg_destination_mgr,
    buffer: Vec<u8>,
    out: &'w mut dyn std::io::Write,
}

impl Drop for State<'_> {
    fn drop(&mut self) {
        // SAFETY: `cinfo` was created by jpeg_CreateCompress (`Writer::new` creates it
        // before the state can be dropped) and is destroyed once; `dest` came from
        // Box::into_raw and libjpeg no longer uses it.
        unsafe {
            ffi::jpeg_destroy_compress(&mut self.cinfo);
            drop(Box::from_raw(self.dest));
        }
    }
}

#[cold]
extern "C-unwind" fn unwind_error(cinfo: &mut ffi::jpeg_common_struct) {
    let code = unsafe { cinfo.err.as_ref() }.map_or(0, |e| e.msg_code);
    std::panic::resume_unwind(Box::new(format!("libjpeg error {code}")));
}

extern "C-unwind" fn silence(_: &mut ffi::jpeg_common_struct, _: std::ffi::c_int) {}

/// The destination behind `cinfo.dest`.
///
/// SAFETY (of the callers): libjpeg calls the destination callbacks with the `cinfo` of a
/// [`State`], whose `cinfo.dest` points at its [`Destination`] (a separate allocation).
unsafe fn destination<'a>(cinfo: &mut ffi::jpeg_compress_struct) -> &'a mut Destination<'a> {
    unsafe { &mut *cinfo.dest.cast::<Destination<'a>>() }
}

extern "C-unwind" fn init_destination(cinfo: &mut ffi::jpeg_compress_struct) {
    // SAFETY: see `destination`.
    let dest = unsafe { destination(cinfo) };
    dest.iface.next_output_byte = dest.buffer.as_mut_ptr();
    dest.iface.free_in_buffer = dest.buffer.len();
}

/// Writes the first `len` bytes of the buffer, unwinding with the error (caught where the
/// writer was called).
fn drain(dest: &mut Destination<'_>, len: usize) {
    if let Err(e) = dest.out.write_all(&dest.buffer[..len]) {
        std::panic::resume_unwind(Box::new(format!("cannot write the JPEG: {e}")));
    }
    dest.iface.next_output_byte = dest.buffer.as_mut_ptr();
    dest.iface.free_in_buffer = dest.buffer.len();
}

extern "C-unwind" fn empty_output_buffer(cinfo: &mut ffi::jpeg_compress_struct) -> ffi::boolean {
    // SAFETY: see `destination`.
    let dest = unsafe { destination(cinfo) };
    drain(dest, dest.buffer.len());
    1
}

extern "C-unwind" fn term_destination(cinfo: &mut ffi::jpeg_compress_struct) {
    // SAFETY: see `destination`.
    let dest = unsafe { destination(cinfo) };
    drain(dest, dest.buffer.len() - dest.iface.free_in_buffer);
}

/// Runs `f` (which calls into libjpeg), turning an unwind out of it into its message.
fn guarded<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|unwound| {
        unwound.downcast_ref::<String>().cloned().unwrap_or_else(|| "the JPEG encoder failed".into())
    })
}

impl<'w> Writer<'w> {
    /// Starts a `width`x`height` RGB JPEG of `quality` into `out` (the header is written).
    pub fn new(
        out: &'w mut dyn std::io::Write,
        width: u32,
        height: u32,
        quality: u8,
    ) -> std::result::Result<Self, String> {
        let dest = Box::new(Destination {
            iface: ffi::jpeg_destination_mgr {
                next_output_byte: std::ptr::null_mut(),
                free_in_buffer: 0,
                init_destination: Some(init_destination),
                empty_output_buffer: Some(empty_output_buffer),
                term_destination: Some(term_destination),
            },
            buffer: vec![0; BUFFER],
            out,
        });
        // SAFETY: zeroed libjpeg structs are what jpeg_std_error and jpeg_CreateCompress
        // expect to fill; the box keeps every address libjpeg holds stable.
        let mut state = Box::new(unsafe {
            State { err: std::mem::zeroed(), cinfo: std::mem::zeroed(), dest: Box::into_raw(dest) }
        });
        // SAFETY: the libjpeg protocol: error manager, create, destination, parameters,
        // start. `cinfo.dest` points at the state's first field (see `state_of`).
        unsafe {
            ffi::jpeg_std_error(&mut state.err);
            state.err.error_exit = Some(unwind_error);
            state.err.emit_message = Some(silence);
            state.cinfo.common.err = &mut state.err;
            ffi::jpeg_CreateCompress(
                &mut state.cinfo,
                ffi::JPEG_LIB_VERSION,
                std::mem::size_of::<ffi::jpeg_compress_struct>(),
            );
        }
        state.cinfo.dest = state.dest.cast();
        let cinfo = &mut state.cinfo;
        cinfo.image_width = width;
        cinfo.image_height = height;
        cinfo.input_components = 3;
        cinfo.in_color_space = ffi::J_COLOR_SPACE::JCS_RGB;
        guarded(|| unsafe {
            // SAFETY: as above; errors unwind out of these calls and are caught.
            ffi::jpeg_c_set_int_param(cinfo, ffi::J_INT_PARAM::JINT_COMPRESS_PROFILE, ffi::JCP_FASTEST as _);
            // YCbCr with 2x2 luma sampling (4:2:0), islow DCT, standard Huffman tables.
            ffi::jpeg_set_defaults(cinfo);
            ffi::jpeg_set_quality(cinfo, quality as _, 1);
            ffi::jpeg_start_compress(cinfo, 1);
        })?;
        Ok(Writer { state, row_bytes: width as usize * 3, rows_left: height })
    }

    /// Compresses the next whole rows of RGB pixels, in order.
    pub fn write_rows(&mut self, rows: &[u8]) -> std::result::Result<(), String> {
        let count = rows.len() / self.row_bytes.max(1);
        if !rows.len().is_multiple_of(self.row_bytes.max(1)) || count as u64 > self.rows_left as u64 {
            return Err("the rows given do not fit the image (a bug: please report it)".into());
        }
        let cinfo = &mut self.state.cinfo;
        guarded(|| {
            for row in rows.chunks_exact(self.row_bytes) {
                let rows = [row.as_ptr()];
                // SAFETY: `row` holds one scanline of `image_width` RGB pixels.
                unsafe { ffi::jpeg_write_scanlines(cinfo, rows.as_ptr(), 1) };
            }
        })?;
        self.rows_left -= count as u32;
        Ok(())
    }

    /// Ends the file once every row was written.
    pub fn finish(mut self) -> std::result::Result<(), String> {
        if self.rows_left != 0 {
            return Err(format!("{} rows of the image were not written (a bug: please report it)", self.rows_left));
        }
        let cinfo = &mut self.state.cinfo;
        // SAFETY: every scanline was written.
        guarded(|| unsafe { ffi::jpeg_finish_compress(cinfo) })?;
        // SAFETY: `dest` lives until the state is dropped; libjpeg is done with it.
        let dest = unsafe { &mut *self.state.dest };
        dest.out.flush().map_err(|e| format!("cannot write the JPEG: {e}"))
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
