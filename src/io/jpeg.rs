//! JPEG decoding with libjpeg-turbo, as the original's Pillow decodes: the accurate integer
//! IDCT and fancy upsampling (libjpeg's defaults), greyscale loaded as RGB, CMYK (stored
//! Adobe-inverted, as Pillow writes and reads it) converted to RGBA with Pillow's formula.
//! A file that ends before its end-of-image marker is refused, as Pillow refuses it ("image
//! file is truncated"), where libjpeg would fill the rest with grey.

// libjpeg through its C API (mozjpeg-sys) for encoding.
#![allow(unsafe_code)]

use super::rows::RowSource;
use super::Limits;
use crate::core::{Context, Error, Result};
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
    decoded.unwrap_or_else(|unwound| Err(fail(decoder_failure(unwound))))
}

/// The message an unwind out of libjpeg's decoder carries.
fn decoder_failure(unwound: Box<dyn std::any::Any + Send>) -> String {
    unwound
        .downcast_ref::<String>()
        .map(|m| m.trim_start_matches("libjpeg fatal error: ").to_string())
        .unwrap_or_else(|| "the JPEG decoder failed".into())
}

/// What Pillow makes of a stored colour space: what libjpeg is asked for, the bytes per
/// pixel it gives, and the channels of the loaded image.
fn output_space(stored: ColorSpace) -> (ColorSpace, usize, u8) {
    match stored {
        ColorSpace::JCS_GRAYSCALE => (ColorSpace::JCS_GRAYSCALE, 1, 3),
        ColorSpace::JCS_CMYK | ColorSpace::JCS_YCCK => (ColorSpace::JCS_CMYK, 4, 4),
        _ => (ColorSpace::JCS_RGB, 3, 3),
    }
}

/// Decodes the next scanline into `row` as Pillow loads it (`read`: the bytes per pixel
/// libjpeg gives, see [`output_space`]; `line`: a scanline's room for greyscale).
fn read_row<R: std::io::BufRead>(
    started: &mut mozjpeg::decompress::DecompressStarted<R>,
    read: usize,
    line: &mut [u8],
    row: &mut [u8],
) -> std::io::Result<()> {
    match read {
        1 => {
            started.read_scanlines_into(line)?;
            row.chunks_exact_mut(3).zip(&*line).for_each(|(rgb, &l)| rgb.fill(l));
        }
        _ => {
            started.read_scanlines_into(row)?;
            if read == 4 {
                cmyk_to_rgba(row);
            }
        }
    }
    Ok(())
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
    let (out, read, channels) = output_space(decompress.color_space());
    limits.check(width, height, channels, &format!("image {origin}"))?;
    let mut started = decompress.to_colorspace(out).map_err(fail)?;
    let mut image = Image::try_new(width, height, channels)?;
    let mut line = vec![0u8; width as usize * read];
    let mut failure = None;
    let each_row = |row: &mut [u8]| match read_row(&mut started, read, &mut line, row) {
        Ok(()) => true,
        Err(e) => {
            failure = Some(e);
            false
        }
    };
    if !super::read_rows(&mut image, each_row, start) {
        return Err(fail(failure.unwrap_or_else(|| std::io::ErrorKind::UnexpectedEof.into())));
    }
    started.finish().map_err(fail)?;
    Ok(image)
}

/// A JPEG file read row by row for a streamed run: its markers are walked first (a
/// truncated file is refused, as whole decoding refuses it), then, from the first read, a
/// thread of its own decodes it with the settings of [`decode`] and hands the rows on in
/// bands, so decoding overlaps the steps. libjpeg holds a few rows, or, for a file of more
/// than one scan (progressive), every coefficient of the image:
/// [`Structure::coefficient_bytes`], which [`RowSource::held`](super::rows::RowSource::held)
/// reports for the plan to count.
pub struct JpegRows {
    ctx: Context,
    origin: String,
    path: std::path::PathBuf,
    /// Rows per band.
    rows: usize,
    /// From the decoder thread, started by the first read (a plan that decides to decode
    /// the whole image instead never starts it).
    bands: Option<Bands>,
    /// The band being read and how many of its bytes have been handed out.
    band: Vec<u8>,
    taken: usize,
    /// What the decoder holds: coefficients, and bands on their way.
    held: u64,
}

/// Bands of rows from the decoder thread, or why it stopped.
type Bands = std::sync::mpsc::Receiver<std::result::Result<Vec<u8>, String>>;

/// Bytes of rows per band the decoder thread hands on.
const ROWS_BAND: usize = 256 << 10;
/// Bands waiting for the run, beside the one being decoded and the one being read.
const BANDS_WAITING: usize = 2;

/// Opens `path` for reading row by row. `Ok(None)` when it is not a JPEG, or not one libjpeg
/// reads as RGB, greyscale or CMYK (decode it whole instead, which says why); the frame's
/// size is checked against `limits.max_pixels` (the memory budget does not apply: the image
/// is never held).
pub fn open_rows(path: &std::path::Path, limits: &Limits) -> Result<Option<JpegRows>> {
    use std::io::BufReader;
    let origin = path.display().to_string();
    let fail = |reason: String| Error::Decode { path: origin.clone(), format: Some("jpg"), reason };
    let file = std::fs::File::open(path).map_err(|e| fail(super::limits::describe_io(&e)))?;
    let Some(found) = structure(BufReader::with_capacity(1 << 20, file)) else { return Ok(None) };
    if !found.complete {
        return Err(fail("the image is truncated (its data ends before the end-of-image marker)".into()));
    }
    let Some(Frame { width, height, sampling }) = &found.frame else { return Ok(None) };
    let channels: u8 = match sampling.len() {
        1 | 3 => 3,
        4 => 4,
        _ => return Ok(None),
    };
    if *width == 0 || *height == 0 {
        return Ok(None);
    }
    let (width, height) = (*width, *height);
    Limits { max_bytes: None, ..*limits }.check(width, height, channels, &format!("image {origin}"))?;
    let stride = width as usize * channels as usize;
    let rows = (ROWS_BAND / stride).clamp(1, height as usize);
    let held = found.coefficient_bytes() + ((BANDS_WAITING + 2) * rows * stride) as u64;
    let ctx = Context::new(width, height, channels);
    let path = path.to_path_buf();
    Ok(Some(JpegRows { ctx, origin, path, rows, bands: None, band: Vec::new(), taken: 0, held }))
}

/// Starts the thread that decodes the JPEG at `path` (of shape `ctx`) and hands its rows on
/// in bands of `rows` rows.
fn decoder(path: std::path::PathBuf, ctx: &Context, rows: usize) -> std::io::Result<Bands> {
    use std::io::BufReader;
    let (width, height, channels) = (ctx.width, ctx.height, ctx.channels);
    let stride = width as usize * channels as usize;
    let (send, bands) = std::sync::mpsc::sync_channel(BANDS_WAITING);
    let decode = move || {
        let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> std::io::Result<()> {
            let reader = BufReader::with_capacity(1 << 20, std::fs::File::open(&path)?);
            let decompress = Decompress::new_reader(reader)?;
            let (out, read, loads) = output_space(decompress.color_space());
            if (decompress.width() as u32, decompress.height() as u32, loads) != (width, height, channels) {
                return Err(std::io::Error::other("the file changed while it was read"));
            }
            let mut started = decompress.to_colorspace(out)?;
            let mut line = vec![0u8; width as usize * read];
            for first in (0..height as usize).step_by(rows) {
                let mut band = vec![0u8; rows.min(height as usize - first) * stride];
                for row in band.chunks_exact_mut(stride) {
                    read_row(&mut started, read, &mut line, row)?;
                }
                if send.send(Ok(band)).is_err() {
                    // The run ended early.
                    return Ok(());
                }
            }
            started.finish()
        }));
        let failure = match decoded {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e.to_string(),
            Err(unwound) => decoder_failure(unwound),
        };
        let _ = send.send(Err(failure));
    };
    std::thread::Builder::new().name("jpeg-decode".into()).spawn(decode)?;
    Ok(bands)
}

impl RowSource for JpegRows {
    fn context(&self) -> Context {
        self.ctx.clone()
    }

    fn held(&self) -> Option<(String, u64)> {
        Some(("the JPEG decoder's buffers (a progressive file's: every coefficient)".into(), self.held))
    }

    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        let Self { ctx, origin, path, rows, bands, band, taken, .. } = self;
        let fail = |reason: String| Error::Decode { path: origin.clone(), format: Some("jpg"), reason };
        let bands = match bands {
            Some(bands) => bands,
            none => none.insert(decoder(path.clone(), ctx, *rows).map_err(|e| fail(e.to_string()))?),
        };
        super::rows::read_chunked(out, band, taken, |band| match bands.recv() {
            Ok(Ok(next)) => {
                *band = next;
                Ok(())
            }
            Ok(Err(reason)) => Err(fail(reason)),
            Err(_) => Err(fail("the decoder stopped before the last row".into())),
        })
    }
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

/// Decodes one JPEG stream of a TIFF's strip or tile (see `super::tiff_strips`) as libtiff
/// has libjpeg decode it for Pillow: `to_rgb` converts YCbCr to RGB (libtiff's
/// JPEGCOLORMODE_RGB, for photometric YCbCr), otherwise the components come out as stored.
/// `expect` is the size and component count the strip or tile must have: anything else is
/// refused before its pixels are allocated. Returns the samples, interleaved.
pub fn decode_segment(
    stream: &[u8],
    to_rgb: bool,
    expect: (usize, usize, usize),
) -> std::result::Result<Vec<u8>, String> {
    if !is_complete(stream) {
        return Err("a strip or tile is truncated (its data ends before the end-of-image marker)".into());
    }
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let decompress = Decompress::new_mem(stream).map_err(|e| e.to_string())?;
        let found = (decompress.width(), decompress.height(), decompress.components().len());
        if found != expect {
            return Err(format!(
                "a strip or tile is {}x{} with {} components where {}x{} with {} are expected",
                found.0, found.1, found.2, expect.0, expect.1, expect.2
            ));
        }
        // Without a conversion, libjpeg's own colour space out (a null conversion).
        let stored = decompress.color_space();
        let out = if to_rgb && stored == ColorSpace::JCS_YCbCr { ColorSpace::JCS_RGB } else { stored };
        let mut started = decompress.to_colorspace(out).map_err(|e| e.to_string())?;
        let mut samples = vec![0u8; expect.0 * expect.1 * expect.2];
        started.read_scanlines_into(&mut samples).map_err(|e| e.to_string())?;
        started.finish().map_err(|e| e.to_string())?;
        Ok(samples)
    }));
    decoded.unwrap_or_else(|unwound| Err(decoder_failure(unwound)))
}

/// Pillow's reading of a CMYK JPEG ("CMYK;I": the stored values inverted) followed by its
/// CMYK → RGBA conversion, in place.
fn cmyk_to_rgba(row: &mut [u8]) {
    for px in row.chunks_exact_mut(4) {
        let [r, g, b] = super::samples::cmyk_to_rgb([px[0], px[1], px[2], px[3]].map(|v| 255 - v));
        px.copy_from_slice(&[r, g, b, 255]);
    }
}

/// Whether `bytes` (starting with SOI) run through their segments and scans to an EOI
/// marker (see [`structure`]). Anything not starting with SOI is left to the decoder to judge.
pub fn is_complete(bytes: &[u8]) -> bool {
    structure(bytes).is_none_or(|s| s.complete)
}

/// What a pass over a JPEG's markers finds.
#[derive(Debug, Default)]
pub struct Structure {
    /// It runs through its segments and scans to an end-of-image marker. Bytes after it
    /// (camera trailers, motion-photo video) are allowed, as Pillow allows them.
    pub complete: bool,
    /// The frame header's.
    pub frame: Option<Frame>,
    /// Its start-of-scan markers.
    pub scans: usize,
}

/// A JPEG's frame header: its size and each component's sampling factors (h, v).
#[derive(Debug)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub sampling: Vec<(u8, u8)>,
}

impl Structure {
    /// Bytes of coefficients libjpeg holds for the whole image while it decodes a file of
    /// more than one scan (progressive, or components in scans of their own): 64 of 2 bytes
    /// per block of each component, its blocks rounded up to whole MCUs. 0 for one scan.
    pub fn coefficient_bytes(&self) -> u64 {
        let Some(Frame { width, height, sampling }) = self.frame.as_ref().filter(|_| self.scans > 1) else { return 0 };
        let h_max = sampling.iter().map(|s| s.0.max(1) as u64).max().unwrap_or(1);
        let v_max = sampling.iter().map(|s| s.1.max(1) as u64).max().unwrap_or(1);
        let blocks = |size: u32, factor: u8, max: u64| {
            let factor = factor.max(1) as u64;
            (size as u64 * factor).div_ceil(max).div_ceil(8).next_multiple_of(factor)
        };
        sampling.iter().map(|&(h, v)| blocks(*width, h, h_max) * blocks(*height, v, v_max) * 128).sum()
    }
}

/// Bytes read from `R` a buffer at a time (a slice, or a file read once from start to end).
struct Bytes<R> {
    reader: R,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
}

impl<R: std::io::Read> Bytes<R> {
    fn next(&mut self) -> Option<u8> {
        if self.pos == self.len {
            self.refill()?;
        }
        self.pos += 1;
        Some(self.buf[self.pos - 1])
    }

    fn refill(&mut self) -> Option<()> {
        self.len = loop {
            match self.reader.read(&mut self.buf) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Ok(0) | Err(_) => return None,
                Ok(n) => break n,
            }
        };
        self.pos = 0;
        Some(())
    }

    /// Moves past the next 0xFF.
    fn past_ff(&mut self) -> Option<()> {
        loop {
            if let Some(at) = self.buf[self.pos..self.len].iter().position(|&b| b == 0xFF) {
                self.pos += at + 1;
                return Some(());
            }
            self.refill()?;
        }
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if self.pos == self.len {
                self.refill()?;
            }
            let step = n.min(self.len - self.pos);
            self.pos += step;
            n -= step;
        }
        Some(())
    }
}

/// Walks a JPEG's markers, segments and entropy-coded scans once, from start to end
/// (`None` when it does not start with SOI). Stray bytes between segments are skipped, as
/// libjpeg skips them (with a warning).
pub fn structure(reader: impl std::io::Read) -> Option<Structure> {
    let mut bytes = Bytes { reader, buf: vec![0; 64 << 10], pos: 0, len: 0 };
    if (bytes.next(), bytes.next()) != (Some(0xFF), Some(0xD8)) {
        return None;
    }
    let mut found = Structure::default();
    walk(&mut bytes, &mut found);
    Some(found)
}

/// [`structure`]'s walk after SOI; `None` where the data ends early.
fn walk(bytes: &mut Bytes<impl std::io::Read>, found: &mut Structure) -> Option<()> {
    let mut pending = None;
    loop {
        let code = match pending.take() {
            Some(code) => code,
            None => {
                // The next marker: 0xFF (fill bytes repeat it), then its code.
                bytes.past_ff()?;
                loop {
                    match bytes.next()? {
                        0xFF => continue,
                        code => break code,
                    }
                }
            }
        };
        match code {
            0xD9 => {
                found.complete = true;
                return Some(());
            }
            // Standalone markers: restart markers, TEM, and a stray 0xFF00.
            0x00 | 0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = u16::from_be_bytes([bytes.next()?, bytes.next()?]) as usize;
        let body = len.checked_sub(2)?;
        // A frame header (SOF0–SOF15 but DHT, JPG and DAC): precision, height, width, then
        // each component's id, sampling factors and table.
        if matches!(code, 0xC0..=0xCF) && !matches!(code, 0xC4 | 0xC8 | 0xCC) {
            let data: Vec<u8> = (0..body).map(|_| bytes.next()).collect::<Option<_>>()?;
            if data.len() >= 6 {
                let height = u16::from_be_bytes([data[1], data[2]]) as u32;
                let width = u16::from_be_bytes([data[3], data[4]]) as u32;
                let sampling = data[6..].chunks_exact(3).take(data[5] as usize).map(|c| (c[1] >> 4, c[1] & 15));
                found.frame = Some(Frame { width, height, sampling: sampling.collect() });
            }
        } else {
            bytes.skip(body)?;
        }
        if code == 0xDA {
            found.scans += 1;
            // Entropy-coded data: ends at a marker that is neither a stuffed 0xFF00 nor a
            // restart marker.
            pending = loop {
                bytes.past_ff()?;
                let mut next = bytes.next()?;
                while next == 0xFF {
                    next = bytes.next()?;
                }
                if !matches!(next, 0x00 | 0xD0..=0xD7) {
                    break Some(next);
                }
            };
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

    /// A `width`x`height` JPEG of a smooth picture in `space` (RGB, greyscale or CMYK), with
    /// chroma at 4:2:0, 4:2:2 or 4:4:4 (`sampling`: Cb's and Cr's pixel sizes), progressive
    /// or not, made by libjpeg.
    fn made(width: u32, height: u32, space: ColorSpace, sampling: (u8, u8), progressive: bool) -> Vec<u8> {
        let n = mozjpeg::ColorSpaceExt::num_components(&space);
        let pixels: Vec<u8> = (0..height)
            .flat_map(|y| {
                (0..width).flat_map(move |x| (0..n).map(move |c| ((x * 3 + y * 5 + c as u32 * 60) % 256) as u8))
            })
            .collect();
        let mut compress = mozjpeg::Compress::new(space);
        // Plain libjpeg (mozjpeg's own defaults are progressive).
        compress.set_fastest_defaults();
        compress.set_size(width as usize, height as usize);
        compress.set_quality(85.0);
        if space == ColorSpace::JCS_RGB {
            compress.set_chroma_sampling_pixel_sizes(sampling, sampling);
        }
        if progressive {
            compress.set_progressive_mode();
        }
        let mut started = compress.start_compress(Vec::new()).unwrap();
        started.write_scanlines(&pixels).unwrap();
        started.finish().unwrap()
    }

    /// Read row by row, in bands of 1, 7 and 64 rows, a JPEG gives the pixels of its whole
    /// decode, for every layout libjpeg reads; a progressive file's coefficients are held.
    #[test]
    fn rows_read_in_any_bands_equal_the_whole_decode() {
        let dir = tempfile::tempdir().unwrap();
        let layouts = [
            (ColorSpace::JCS_RGB, (2, 2), false),
            (ColorSpace::JCS_RGB, (2, 2), true),
            (ColorSpace::JCS_RGB, (2, 1), false),
            (ColorSpace::JCS_RGB, (1, 1), true),
            (ColorSpace::JCS_GRAYSCALE, (1, 1), false),
            (ColorSpace::JCS_CMYK, (1, 1), false),
        ];
        let limits = Limits::default();
        for (i, &(space, sampling, progressive)) in layouts.iter().enumerate() {
            let bytes = made(97, 83, space, sampling, progressive);
            let whole = decode(&bytes, "x", &limits, None::<fn(u32, u32, u8) -> fn(&[u8])>).unwrap();
            let path = dir.path().join(format!("{i}.jpg"));
            std::fs::write(&path, &bytes).unwrap();
            let stride = 97 * whole.channels() as usize;
            for band in [1, 7, 64] {
                let mut rows = open_rows(&path, &limits).unwrap().expect("read row by row");
                assert_eq!(rows.context(), Context::of(&whole));
                let mut read = Vec::new();
                for first in (0..83).step_by(band) {
                    let mut out = vec![0u8; band.min(83 - first) * stride];
                    rows.read(&mut out).unwrap();
                    read.extend_from_slice(&out);
                }
                assert!(read == whole.as_bytes(), "{space:?} {sampling:?} progressive {progressive}, bands of {band}");
                let coefficients = structure(&bytes[..]).unwrap().coefficient_bytes();
                assert_eq!(coefficients > 0, progressive, "{space:?} progressive {progressive}");
                assert!(rows.held().unwrap().1 > coefficients + 3 * 83 * stride as u64);
            }
        }
        // 4:4:4: three components of 13x11 blocks of 64 coefficients of 2 bytes.
        let progressive = made(97, 83, ColorSpace::JCS_RGB, (1, 1), true);
        assert_eq!(structure(&progressive[..]).unwrap().coefficient_bytes(), 3 * 13 * 11 * 128);
        let truncated = dir.path().join("cut.jpg");
        let bytes = made(97, 83, ColorSpace::JCS_RGB, (2, 2), false);
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
        let error = open_rows(&truncated, &limits).err().unwrap().to_string();
        assert!(error.contains("truncated"), "{error}");
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
