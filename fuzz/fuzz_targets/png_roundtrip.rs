//! Valid PNGs built from fuzzer-chosen pixels, colour type, bit depth, filter, compression
//! and IDAT chunk size (written by the png crate): pixelpipe must decode each, whole and
//! row by row, to those pixels in the original's modes (docs/spec.md §2.2: grey → RGB,
//! palette → RGBA, 16-bit colour by its high byte).
#![no_main]
use libfuzzer_sys::fuzz_target;
use pixelpipe::io::{self, rows::RowSource, Limits};

const FILTERS: [png::Filter; 6] =
    [png::Filter::NoFilter, png::Filter::Sub, png::Filter::Up, png::Filter::Avg, png::Filter::Paeth, png::Filter::Adaptive];
const LEVELS: [png::Compression; 5] = [
    png::Compression::NoCompression,
    png::Compression::Fastest,
    png::Compression::Fast,
    png::Compression::Balanced,
    png::Compression::High,
];

fuzz_target!(|data: &[u8]| {
    let [w, h, kind, filter, level, chunk_lo, chunk_hi, rest @ ..] = data else { return };
    let (width, height) = (*w as u32 % 96 + 1, *h as u32 % 64 + 1);
    // Colour type and depth: RGB and RGBA at 8 and 16 bits, grey and palette at 8.
    let (colour, depth16) = match kind % 6 {
        0 => (png::ColorType::Rgb, false),
        1 => (png::ColorType::Rgba, false),
        2 => (png::ColorType::Rgb, true),
        3 => (png::ColorType::Rgba, true),
        4 => (png::ColorType::Grayscale, false),
        _ => (png::ColorType::Indexed, false),
    };
    let samples = width as usize * height as usize * colour.samples() * if depth16 { 2 } else { 1 };
    // Pixels: the fuzzer's bytes, repeated (flat runs compress to the short codes that
    // once stalled the inflater), after a palette of 256 colours for the indexed type.
    let source: Vec<u8> = if rest.is_empty() { vec![0] } else { rest.to_vec() };
    let mut bytes = source.iter().copied().cycle();
    let palette: Vec<u8> = (&mut bytes).take(768).collect();
    let raw: Vec<u8> = bytes.take(samples).collect();
    let chunk = u16::from_le_bytes([*chunk_lo, *chunk_hi]) as usize % 70_000 + 1;

    let mut file = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut file, width, height);
        enc.set_color(colour);
        enc.set_depth(if depth16 { png::BitDepth::Sixteen } else { png::BitDepth::Eight });
        enc.set_filter(FILTERS[*filter as usize % FILTERS.len()]);
        enc.set_compression(LEVELS[*level as usize % LEVELS.len()]);
        if colour == png::ColorType::Indexed {
            enc.set_palette(palette.clone());
        }
        let mut writer = enc.write_header().unwrap();
        let mut stream = writer.stream_writer_with_size(chunk).unwrap();
        std::io::Write::write_all(&mut stream, &raw).unwrap();
        stream.finish().unwrap();
    }
    let want: Vec<u8> = match (colour, depth16) {
        (png::ColorType::Grayscale, _) => raw.iter().flat_map(|&v| [v, v, v]).collect(),
        (png::ColorType::Indexed, _) => {
            raw.iter().flat_map(|&i| [palette[3 * i as usize], palette[3 * i as usize + 1], palette[3 * i as usize + 2], 255]).collect()
        }
        (_, true) => raw.iter().step_by(2).copied().collect(),
        _ => raw,
    };
    let limits = Limits::NONE;
    let whole = io::decode_with(&file, "fuzz", &limits).unwrap_or_else(|e| panic!("a valid PNG refused: {e}"));
    assert!(whole.as_bytes() == want, "other pixels (whole image)");
    let dir = std::env::temp_dir().join(format!("pixelpipe-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("in.png");
    std::fs::write(&path, &file).unwrap();
    if let Some(mut rows) = io::rows::open_png_rows(&path, &limits).unwrap() {
        let mut pixels = vec![0; want.len()];
        // Bands of a fuzzer-chosen height.
        let band = (width as usize * rows.context().channels as usize) * (*level as usize % 7 + 1);
        for part in pixels.chunks_mut(band) {
            rows.read(part).unwrap_or_else(|e| panic!("a valid PNG refused row by row: {e}"));
        }
        assert!(pixels == want, "other pixels (row by row)");
    }
});
