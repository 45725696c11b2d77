//! PNG decoding against the png crate, on arbitrary bytes. Where the png crate reads the
//! bytes as an 8-bit RGB or RGBA image, not interlaced and without transparency (the files
//! pixelpipe decodes with its own two-thread inflater, src/io/scanlines.rs), pixelpipe must
//! give the same pixels, whole and row by row, or refuse as the png crate does (but for the
//! CRCs fuzz builds skip).
#![no_main]
use libfuzzer_sys::fuzz_target;
use pixelpipe::io::{self, rows::RowSource, Limits};
use std::io::Cursor;

const LIMITS: Limits = Limits { max_pixels: 1 << 20, max_bytes: Some(16 << 20) };

/// The png crate's pixels, `None` where the bytes are not such a PNG.
fn reference(data: &[u8]) -> Option<Result<Vec<u8>, String>> {
    let mut decoder = png::Decoder::new(Cursor::new(data));
    decoder.set_transformations(png::Transformations::IDENTITY);
    decoder.set_limits(png::Limits { bytes: 16 << 20 });
    let mut reader = decoder.read_info().ok()?;
    let info = reader.info();
    let rgb = matches!(info.color_type, png::ColorType::Rgb | png::ColorType::Rgba);
    let plain = !info.interlaced && info.trns.is_none() && info.animation_control.is_none();
    if !rgb || info.bit_depth != png::BitDepth::Eight || !plain || info.width as u64 * info.height as u64 > 1 << 20 {
        return None;
    }
    let mut pixels = vec![0; reader.output_buffer_size()?];
    Some(reader.next_frame(&mut pixels).map(|_| pixels).map_err(|e| e.to_string()))
}

fuzz_target!(|data: &[u8]| {
    let Some(want) = reference(data) else {
        let _ = io::decode_with(data, "fuzz", &LIMITS);
        return;
    };
    let whole = io::decode_with(data, "fuzz", &LIMITS).map(|image| image.as_bytes().to_vec());
    let dir = std::env::temp_dir().join(format!("pixelpipe-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("in.png");
    std::fs::write(&path, data).unwrap();
    let rows = match io::rows::open_png_rows(&path, &LIMITS) {
        Ok(Some(mut rows)) => {
            let ctx = rows.context();
            let mut pixels = vec![0; ctx.width as usize * ctx.height as usize * ctx.channels as usize];
            rows.read(&mut pixels).map(|()| pixels).map_err(|e| e.to_string())
        }
        Ok(None) => panic!("the png crate reads an RGB(A) image that the row reader does not take"),
        Err(e) => Err(e.to_string()),
    };
    match (&want, &whole) {
        (Ok(a), Ok(b)) => assert!(a == b, "other pixels than the png crate's (whole image)"),
        // Fuzz builds of the png crate skip every CRC; pixelpipe checks those of the chunks
        // before the image data, as Pillow does.
        (Ok(_), Err(e)) if e.to_string().contains("fails its CRC check") => {}
        (Ok(_), Err(e)) => panic!("refused what the png crate reads: {e}"),
        // A file cut after the data of its last row: read, as Pillow reads it (it stops at
        // the last row), where the png crate wants the whole chunk.
        (Err(e), Ok(_)) if e.contains("end of file") => {}
        (Err(e), Ok(_)) => panic!("read what the png crate refuses ({e})"),
        (Err(_), Err(_)) => {}
    }
    match (&whole, &rows) {
        (Ok(a), Ok(b)) => assert!(a == b, "row by row: other pixels than whole"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("whole and row by row disagree: {:?} / {:?}", a.as_ref().err(), b.as_ref().err()),
    }
});
