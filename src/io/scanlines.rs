//! The image data of an 8-bit RGB or RGBA PNG (not interlaced) decoded on two threads: one
//! reads the IDAT chunks and inflates them (fdeflate, the png crate's own inflater) into
//! filtered scanlines, the caller unfilters them. The png crate does both on one thread,
//! about half the time each (`perf` on a 10 MP PNG → PNG run: 19% inflating, 20%
//! unfiltering), so a decoder thread alone bounded every PNG run; the two now overlap.
//!
//! The header and the chunks before the image data are still read and checked by the png
//! crate (`png::Decoder::read_info`); this module starts at the first IDAT chunk. The
//! unfiltering is the PNG specification's five filters, written here: the png crate keeps
//! its own private.

use std::io::{Read, Seek, SeekFrom};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Filtered bytes of whole scanlines, or why decoding stopped.
type Lines = Result<Vec<u8>, String>;

/// The back-reference window of deflate.
const WINDOW: usize = 32 << 10;
/// Filtered bytes the inflater hands over at a time (whole scanlines, at least one).
const BATCH: usize = 256 << 10;
/// Bytes read from the file at a time.
const READ: usize = 64 << 10;

/// What the chunks before a PNG's image data say that decoding needs.
#[derive(Debug, Default)]
pub struct Head {
    /// The length of the first IDAT chunk (the reader is at its data).
    pub first_idat: u32,
    /// The tRNS chunk's data, if any.
    pub trns: Option<Vec<u8>>,
}

/// Reads a PNG from its first byte to the data of its first IDAT chunk, checking every
/// chunk on the way against its CRC, as Pillow does (it refuses a file whose header chunks
/// are damaged, ancillary ones included). Chunk data is read a piece at a time: a chunk
/// claiming gigabytes costs reading them, never holding them.
pub fn read_head(reader: &mut impl Read) -> Result<Head, String> {
    let mut signature = [0u8; 8];
    reader.read_exact(&mut signature).map_err(read_error)?;
    if signature != [137, 80, 78, 71, 13, 10, 26, 10] {
        return Err("not a PNG file (its signature is missing)".into());
    }
    let mut head = Head::default();
    let mut piece = vec![0u8; 8 << 10];
    loop {
        let mut header = [0u8; 8];
        match reader.read_exact(&mut header) {
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err("the image has no image data (IDAT)".into())
            }
            other => other.map_err(read_error)?,
        }
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let kind = &header[4..];
        if kind == b"IDAT" {
            head.first_idat = len;
            return Ok(head);
        }
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        let mut left = len as usize;
        let mut data = Vec::new();
        while left > 0 {
            let n = left.min(piece.len());
            reader.read_exact(&mut piece[..n]).map_err(read_error)?;
            crc.update(&piece[..n]);
            if kind == b"tRNS" && data.len() < 1024 {
                data.extend_from_slice(&piece[..n]);
            }
            left -= n;
        }
        let mut stored = [0u8; 4];
        reader.read_exact(&mut stored).map_err(read_error)?;
        if u32::from_be_bytes(stored) != crc.finalize() {
            let name = String::from_utf8_lossy(kind);
            return Err(format!("its {name} chunk fails its CRC check (the file is damaged)"));
        }
        if kind == b"tRNS" {
            head.trns = Some(data);
        }
    }
}

/// Starts decoding the PNG file `reader` holds from its first byte (its header read and
/// checked already): `rows` scanlines of `stride` bytes. Returns the inflater's work, to
/// run on a thread of its own, and the receiving end for [`Scanlines`].
pub fn inflater<R: Read + Seek + Send>(
    mut reader: R,
    stride: usize,
    rows: u32,
) -> Result<(impl FnOnce() + Send, Receiver<Lines>), String> {
    reader.seek(SeekFrom::Start(0)).map_err(read_error)?;
    let first_len = read_head(&mut reader)?.first_idat;
    let (tx, rx) = sync_channel(2);
    let work = move || {
        if let Err(reason) = inflate(reader, first_len, stride + 1, rows, &tx) {
            let _ = tx.send(Err(reason));
        }
    };
    Ok((work, rx))
}

/// Why a read failed: a file that ends early is truncated.
fn read_error(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        "the image is truncated (its data ends early)".into()
    } else {
        e.to_string()
    }
}

/// The IDAT chunks' data, chunk after chunk. Their CRCs are skipped, as Pillow skips them
/// (damaged data is the inflater's to find): a file Pillow reads is read.
struct ImageData<R> {
    reader: R,
    /// Bytes left in the current chunk.
    left: usize,
    /// The chunk after the last IDAT has been reached.
    ended: bool,
}

impl<R: Read> ImageData<R> {
    /// Reads the next bytes into `buf`; 0 once the image data has ended.
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, String> {
        while self.left == 0 && !self.ended {
            // A file that ends right after an IDAT chunk's data or its CRC (no IEND) ends the
            // image data there, as Pillow reads it; whether the rows are all there is the
            // inflater's question.
            let mut crc_and_next = [0u8; 12];
            if !read_or_end(&mut self.reader, &mut crc_and_next[..4])?
                || !read_or_end(&mut self.reader, &mut crc_and_next[4..])?
            {
                self.ended = true;
                break;
            }
            if &crc_and_next[8..] == b"IDAT" {
                self.left =
                    u32::from_be_bytes([crc_and_next[4], crc_and_next[5], crc_and_next[6], crc_and_next[7]]) as usize;
            } else {
                self.ended = true;
            }
        }
        let n = self.left.min(buf.len());
        self.reader.read_exact(&mut buf[..n]).map_err(read_error)?;
        self.left -= n;
        Ok(n)
    }
}

/// Fills `buf`; `false` when the reader is at its end before the first byte (a read that
/// ends inside `buf` is a truncation).
fn read_or_end(reader: &mut impl Read, buf: &mut [u8]) -> Result<bool, String> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) if got == 0 => return Ok(false),
            Ok(0) => return Err(read_error(std::io::ErrorKind::UnexpectedEof.into())),
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(read_error(e)),
        }
    }
    Ok(true)
}

/// Inflates `rows` scanlines of `line` bytes (filter byte included) and sends them in
/// batches of whole lines; stops quietly when the receiver is gone.
fn inflate<R: Read>(reader: R, first_len: u32, line: usize, rows: u32, tx: &SyncSender<Lines>) -> Result<(), String> {
    let mut data = ImageData { reader, left: first_len as usize, ended: false };
    let total = line as u64 * rows as u64;
    let batch = BATCH.div_ceil(line) * line;
    let mut decompressor = fdeflate::Decompressor::new();
    // The window, a batch and the partial line kept from the last one, and room the
    // decompressor may write past what it reports.
    let mut out = vec![0u8; WINDOW + 2 * batch + line + (64 << 10)];
    let (mut pos, mut start, mut sent) = (0usize, 0usize, 0u64);
    let mut input = vec![0u8; READ];
    let (mut lo, mut hi) = (0, 0);
    let mut stalls = 0;
    while sent < total {
        // The input is refilled once used up, from as many chunks as it takes (files with
        // IDAT chunks of a few bytes exist).
        if lo == hi && !data.ended {
            (lo, hi) = (0, 0);
            while hi < READ && !data.ended {
                hi += data.read(&mut input[hi..])?;
            }
        }
        // As the png crate drives it: never told the input has ended (what the input holds
        // is all decoded before a short stream is called truncated), and given room up to
        // the image's last byte and no further (what follows, damage or a checksum, is
        // `check_end`'s).
        let needed = (total - sent) as usize - (pos - start);
        let limit = out.len().min(pos + needed);
        let (used, made) = decompressor.read(&input[lo..hi], &mut out[..limit], pos, false).map_err(corrupt)?;
        lo += used;
        pos += made;
        // The decompressor takes all its input each call unless the output is full (room
        // is made below): one that makes no progress several calls in a row is given up
        // on, not spun. (Counted only between calls without progress: counting the stalls
        // of a whole image refused flat images and gradients, whose output fills up often.)
        stalls = if used == 0 && made == 0 { stalls + 1 } else { 0 };
        let ready = (((pos - start) / line * line) as u64).min(total - sent) as usize;
        let last = sent + ready as u64 == total;
        if ready >= batch || (ready > 0 && (last || decompressor.is_done())) {
            if last {
                check_end(&mut decompressor, &mut data, &mut input[..], (lo, hi), &out[..pos])?;
            }
            if tx.send(Ok(out[start..start + ready].to_vec())).is_err() {
                return Ok(());
            }
            start += ready;
            sent += ready as u64;
        } else if decompressor.is_done() || (data.ended && lo == hi && made == 0) {
            return Err("the image is truncated (its data ends early)".into());
        } else if stalls > 3 {
            return Err("the image data is corrupt (the decompressor makes no progress)".into());
        }
        if out.len() - pos < batch {
            let keep = start.min(pos.saturating_sub(WINDOW));
            out.copy_within(keep..pos, 0);
            (start, pos) = (start - keep, pos - keep);
        }
    }
    Ok(())
}

fn corrupt(e: fdeflate::DecompressionError) -> String {
    match e {
        fdeflate::DecompressionError::WrongChecksum => "the image data fails its checksum (Adler-32)".into(),
        e => format!("the image data is corrupt ({e:?})"),
    }
}

/// Reads the rest of the zlib stream after the last row (`input[lo..hi]` and the IDAT data
/// after it; `written` is the output so far, for back-references), so that a wrong Adler-32
/// checksum is found: zlib, and so Pillow, refuses it (the png crate does not look). Bytes
/// past the rows are decoded and dropped; a stream that ends before its checksum, or is
/// damaged past the last row, is read, as Pillow reads it.
fn check_end<R: Read>(
    decompressor: &mut fdeflate::Decompressor,
    data: &mut ImageData<R>,
    input: &mut [u8],
    (mut lo, mut hi): (usize, usize),
    written: &[u8],
) -> Result<(), String> {
    let keep = written.len().min(WINDOW);
    let mut sink = vec![0u8; WINDOW + (256 << 10)];
    sink[..keep].copy_from_slice(&written[written.len() - keep..]);
    let mut pos = keep;
    let mut stalls = 0;
    while !decompressor.is_done() {
        if lo == hi {
            if data.ended {
                return Ok(());
            }
            // A file cut inside the checksum: the rows are all there, as Pillow reads it.
            let Ok(n) = data.read(input) else { return Ok(()) };
            (lo, hi) = (0, n);
        }
        let (used, made) = match decompressor.read(&input[lo..hi], &mut sink, pos, false) {
            Ok(read) => read,
            Err(fdeflate::DecompressionError::WrongChecksum) => {
                return Err(corrupt(fdeflate::DecompressionError::WrongChecksum))
            }
            // Damage past the last row is not the image's (libpng and the png crate read
            // such files, and Pillow stops at the last row).
            Err(_) => return Ok(()),
        };
        lo += used;
        pos += made;
        stalls = if used == 0 && made == 0 { stalls + 1 } else { 0 };
        if stalls > 3 {
            return Ok(());
        }
        if sink.len() - pos < (64 << 10) {
            sink.copy_within(pos - WINDOW..pos, 0);
            pos = WINDOW;
        }
    }
    Ok(())
}

/// The caller's side: scanlines received and unfiltered one at a time.
pub struct Scanlines {
    rx: Receiver<Lines>,
    batch: Vec<u8>,
    taken: usize,
    /// The previous row, unfiltered (zeros before the first).
    prev: Vec<u8>,
    channels: usize,
}

impl Scanlines {
    pub fn new(rx: Receiver<Lines>, stride: usize, channels: u8) -> Scanlines {
        Scanlines { rx, batch: Vec::new(), taken: 0, prev: vec![0; stride], channels: channels as usize }
    }

    /// The next row, unfiltered into `row` (the row's length in bytes).
    pub fn next_row(&mut self, row: &mut [u8]) -> Result<(), String> {
        let line = row.len() + 1;
        if self.taken + line > self.batch.len() {
            self.batch = self.rx.recv().map_err(|_| "the image is truncated".to_string())??;
            self.taken = 0;
            if self.batch.len() < line {
                return Err("the image is truncated".into());
            }
        }
        let filtered = &self.batch[self.taken..self.taken + line];
        self.taken += line;
        match self.channels {
            3 => unfilter::<3>(filtered[0], &filtered[1..], &self.prev, row)?,
            _ => unfilter::<4>(filtered[0], &filtered[1..], &self.prev, row)?,
        }
        self.prev.copy_from_slice(row);
        Ok(())
    }
}

/// Reverses the PNG filter `filter` of a row of `B`-byte pixels, given the previous row
/// unfiltered (PNG specification §9.2).
fn unfilter<const B: usize>(filter: u8, line: &[u8], prev: &[u8], out: &mut [u8]) -> Result<(), String> {
    let pixels = out.as_chunks_mut::<B>().0.iter_mut().zip(line.as_chunks::<B>().0).zip(prev.as_chunks::<B>().0);
    // `a`: the pixel to the left, unfiltered (zeros at the left edge).
    let mut a = [0u8; B];
    match filter {
        0 => out.copy_from_slice(line),
        1 => pixels.for_each(|((o, l), _)| {
            for k in 0..B {
                o[k] = l[k].wrapping_add(a[k]);
            }
            a = *o;
        }),
        2 => out.iter_mut().zip(line).zip(prev).for_each(|((o, l), b)| *o = l.wrapping_add(*b)),
        3 => pixels.for_each(|((o, l), b)| {
            for k in 0..B {
                o[k] = l[k].wrapping_add(((a[k] as u16 + b[k] as u16) >> 1) as u8);
            }
            a = *o;
        }),
        4 => {
            // Left and upper left kept widened: the chain from one pixel to the next is
            // then the predictor and one add.
            let (mut a, mut c) = ([0i16; B], [0i16; B]);
            pixels.for_each(|((o, l), b)| {
                for k in 0..B {
                    o[k] = l[k].wrapping_add(paeth(a[k], b[k] as i16, c[k]));
                    (a[k], c[k]) = (o[k] as i16, b[k] as i16);
                }
            })
        }
        f => return Err(format!("a row has the unknown filter type {f} (0 to 4 are defined)")),
    }
    Ok(())
}

/// The Paeth predictor: of left, above and upper left, the one closest to left + above −
/// upper left, preferring them in that order. Computed without branches: with `lo` and
/// `hi` the smaller and larger of left and above, the prediction is `hi` when upper left is
/// at most what makes `lo` closest (3c − (a + b) ≤ lo), `lo` when it is at least what makes
/// `hi` closest, else upper left (the test checks every triple against the definition).
#[inline(always)]
pub(super) fn paeth(a: i16, b: i16, c: i16) -> u8 {
    let threshold = 3 * c - (a + b);
    let (lo, hi) = (a.min(b), a.max(b));
    let nearer = if hi <= threshold { lo } else { c };
    (if threshold <= lo { hi } else { nearer }) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::{synth, Image};
    use crate::io::rows::RowSource;

    /// `img` as a PNG with every row filtered by `filter`, its image data cut into IDAT
    /// chunks of 100 bytes.
    fn png_with(img: &Image, filter: png::Filter) -> Vec<u8> {
        png_chunked(img, filter, png::Compression::Balanced, 100)
    }

    /// `img` as a PNG, its image data compressed at `level` and cut into IDAT chunks of
    /// `chunk` bytes.
    fn png_chunked(img: &Image, filter: png::Filter, level: png::Compression, chunk: usize) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, img.width(), img.height());
            enc.set_color(if img.channels() == 4 { png::ColorType::Rgba } else { png::ColorType::Rgb });
            enc.set_filter(filter);
            enc.set_compression(level);
            let mut writer = enc.write_header().unwrap();
            let mut stream = writer.stream_writer_with_size(chunk).unwrap();
            std::io::Write::write_all(&mut stream, img.as_bytes()).unwrap();
            stream.finish().unwrap();
            writer.finish().unwrap();
        }
        out
    }

    #[test]
    fn every_filter_decodes_to_the_pixels_in_memory_and_from_a_file() {
        for channels in [3, 4] {
            // Noise for every filter's arithmetic; then a visual image, whose rows the
            // adaptive filter gives different filters.
            for img in [synth::noise(37, 23, channels, 3), synth::visual(61, 47, channels)] {
                for filter in [
                    png::Filter::NoFilter,
                    png::Filter::Sub,
                    png::Filter::Up,
                    png::Filter::Avg,
                    png::Filter::Paeth,
                    png::Filter::Adaptive,
                ] {
                    assert_decodes_to(&png_with(&img, filter), &img, &format!("{channels} channels, {filter:?}"));
                }
            }
        }
    }

    /// Decodes `bytes` whole and row by row from a file, both of which must give `img`.
    fn assert_decodes_to(bytes: &[u8], img: &Image, what: &str) {
        assert!(crate::io::decode(bytes, "t").unwrap() == *img, "in memory: {what}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.png");
        std::fs::write(&path, bytes).unwrap();
        let mut rows = crate::io::rows::open_png_rows(&path, &crate::io::Limits::default()).unwrap().unwrap();
        let mut read = vec![0; img.as_bytes().len()];
        rows.read(&mut read).unwrap();
        assert!(read == img.as_bytes(), "from a file: {what}");
    }

    /// Flat colour and gradients fill the inflater's output often; the calls that only
    /// found it full were counted as stalls over the whole image, and such images were
    /// refused as corrupt ("the decompressor makes no progress").
    #[test]
    fn flat_images_and_gradients_decode_however_their_image_data_is_cut() {
        let flat = Image::from_raw(640, 480, 3, [40u8, 90, 200].repeat(640 * 480)).unwrap();
        let images = [
            ("gradient 2000x2000", synth::gradient(2000, 2000, 3)),
            ("gradient 3000x200 RGBA", synth::gradient(3000, 200, 4)),
            ("gradient 100x10000", synth::gradient(100, 10000, 3)),
            ("flat 640x480", flat),
        ];
        for (name, img) in &images {
            // As pixelpipe writes it (how `synth` failed), then as the png crate writes it at
            // its fastest and strongest levels with the image data in chunks of 1 byte, 7
            // bytes, 64 KiB and 1 MB.
            assert_decodes_to(&crate::io::encode_to_vec(img, crate::io::OutputFormat::Png).unwrap(), img, name);
            for level in [png::Compression::Fastest, png::Compression::High] {
                for chunk in [1, 7, 64 << 10, 1 << 20] {
                    if chunk < 64 && img.as_bytes().len() > 1 << 20 {
                        continue; // a million 13-byte chunks: slow to write, nothing new
                    }
                    let bytes = png_chunked(img, png::Filter::Adaptive, level, chunk);
                    assert_decodes_to(&bytes, img, &format!("{name}, {level:?}, IDAT chunks of {chunk}"));
                }
            }
        }
    }

    #[test]
    fn damaged_image_data_is_an_error_naming_the_damage() {
        let img = synth::noise(40, 30, 3, 9);
        let bytes = png_with(&img, png::Filter::Paeth);
        let error = |bytes: &[u8]| crate::io::decode(bytes, "t").unwrap_err().to_string();
        // Cut inside the image data.
        assert!(error(&bytes[..bytes.len() / 2]).contains("truncated"), "{}", error(&bytes[..bytes.len() / 2]));
        // An IDAT chunk's CRC changed: read all the same (Pillow does not check them); a
        // byte of its data changed: inflating fails.
        let idat = bytes.windows(4).position(|w| w == b"IDAT").unwrap();
        let len = u32::from_be_bytes(bytes[idat - 4..idat].try_into().unwrap()) as usize;
        let mut flipped = bytes.clone();
        flipped[idat + 4 + len] ^= 0x40;
        assert!(crate::io::decode(&flipped, "t").unwrap() == img);
        let mut flipped = bytes.clone();
        flipped[idat + 6] ^= 0xff;
        assert!(error(&flipped).contains("corrupt"), "{}", error(&flipped));
    }

    /// The end of the zlib stream, as Pillow (zlib) reads it: a wrong Adler-32 checksum is
    /// refused; a file cut inside the checksum, whose deflate data ends inside a code after
    /// the last row's bytes, or is damaged after them (both found by the PNG differential
    /// fuzz target: refused as "InsufficientInput" and "InvalidDistanceCode", the png crate
    /// reads them), is read.
    #[test]
    fn the_zlib_stream_ends_as_zlib_reads_it() {
        let img = synth::visual(61, 47, 3);
        let bytes = png_with(&img, png::Filter::Paeth);
        let iend = bytes.len() - 12;
        let (crc, adler) = (iend - 4, iend - 8);
        let mut wrong = bytes.clone();
        wrong[adler + 3] ^= 1;
        let e = crate::io::decode(&wrong, "t").unwrap_err().to_string();
        assert!(e.contains("fails its checksum (Adler-32)"), "{e}");
        // Cut two bytes into the checksum: the length of the last IDAT made to match.
        let mut cut = bytes[..adler + 2].to_vec();
        let last = cut.windows(4).rposition(|w| w == b"IDAT").unwrap();
        let len = (adler + 2 - (last + 4)) as u32;
        cut[last - 4..last].copy_from_slice(&len.to_be_bytes());
        assert_decodes_to(&cut, &img, "cut inside the checksum");
        assert!(crc > adler);

        // The fuzzer's files, their chunks' CRCs made right (fuzz builds skip checksums).
        let found: [&[u8]; 2] = [
            include_bytes!("../../fuzz/seeds/png_differential/stream-ends-inside-a-code.png"),
            include_bytes!("../../fuzz/seeds/png_differential/damage-after-the-last-row.png"),
        ];
        for (i, file) in found.into_iter().enumerate() {
            let mut file = file.to_vec();
            let mut at = 8;
            while at + 12 <= file.len() {
                let len = u32::from_be_bytes(file[at..at + 4].try_into().unwrap()) as usize;
                let end = (at + 8 + len).min(file.len().saturating_sub(4));
                let crc = crc32fast::hash(&file[at + 4..end]);
                file[end..end + 4].copy_from_slice(&crc.to_be_bytes());
                at = end + 4;
            }
            let mut decoder = png::Decoder::new(std::io::Cursor::new(&file[..]));
            decoder.set_transformations(png::Transformations::IDENTITY);
            let mut reader = decoder.read_info().unwrap();
            let mut want = vec![0; reader.output_buffer_size().unwrap()];
            reader.next_frame(&mut want).unwrap();
            let got = crate::io::decode(&file, "t").unwrap();
            assert!(got.as_bytes() == want, "file {i}: the png crate's pixels");
        }
    }

    #[test]
    fn the_paeth_predictor_is_the_specifications_for_every_triple() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for c in 0..=255u8 {
                    let p = a as i32 + b as i32 - c as i32;
                    let (pa, pb, pc) = ((p - a as i32).abs(), (p - b as i32).abs(), (p - c as i32).abs());
                    let want = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    assert_eq!(paeth(a as i16, b as i16, c as i16), want, "({a}, {b}, {c})");
                }
            }
        }
    }
}
