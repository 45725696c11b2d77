//! PNG writing on two threads: the caller filters the rows (adaptive filtering, written
//! here), a thread of its own deflates them (fdeflate, the png crate's fast compressor), and
//! the caller writes the chunks. The png crate does both on one thread, about half the
//! time each (`perf` on a 10 MP PNG → PNG run: 6% filtering, 5% deflating), so writing
//! bounded every run that ends in a PNG; the two now overlap.
//!
//! The filtered stream goes to the compressor in pieces of [`PIECE`] bytes wherever the
//! caller's bands end, so the file's bytes do not depend on how the rows were cut into
//! bands (a streamed run and a whole-image run write the same file).

use std::io::Write;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};

/// Filtered bytes handed to the compressor at a time.
const PIECE: usize = 256 << 10;
/// Compressed bytes per IDAT chunk (at most).
const CHUNK: usize = 1 << 20;

/// Writes one PNG chunk.
fn chunk(out: &mut dyn Write, kind: &[u8; 4], data: &[u8]) -> std::io::Result<()> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.write_all(&(data.len() as u32).to_be_bytes())?;
    out.write_all(kind)?;
    out.write_all(data)?;
    out.write_all(&crc.finalize().to_be_bytes())
}

/// The compressor's output, sent to the caller in pieces of up to [`CHUNK`] bytes.
struct Pieces {
    buf: Vec<u8>,
    tx: Sender<Vec<u8>>,
}

impl Write for Pieces {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Pieces {
    fn send(&mut self) -> std::io::Result<()> {
        let buf = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK + 64));
        self.tx.send(buf).map_err(|_| std::io::Error::other("the PNG writer stopped"))
    }
}

/// The compressor thread: deflates what it receives until the sender is dropped.
fn deflate(filtered: Receiver<Vec<u8>>, tx: Sender<Vec<u8>>) -> std::io::Result<()> {
    let mut compressor = fdeflate::Compressor::new(Pieces { buf: Vec::with_capacity(CHUNK + 64), tx })?;
    for piece in filtered {
        compressor.write_data(&piece)?;
    }
    let mut pieces = compressor.finish()?;
    pieces.send()
}

/// Writes a PNG of `width`×`height` pixels of `channels` (3 or 4) bytes from `bands`, whole
/// rows in order (fast deflate, adaptive filters: what the original's files compare with).
pub fn write_png<B: AsRef<[u8]>>(
    out: &mut dyn Write,
    width: u32,
    height: u32,
    channels: u8,
    bands: impl IntoIterator<Item = B>,
) -> Result<(), String> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    write(&mut out, width, height, channels, bands).and_then(|()| out.flush()).map_err(|e| e.to_string())
}

fn write<B: AsRef<[u8]>>(
    out: &mut dyn Write,
    width: u32,
    height: u32,
    channels: u8,
    bands: impl IntoIterator<Item = B>,
) -> std::io::Result<()> {
    let stride = width as usize * channels as usize;
    let bpp = channels as usize;
    out.write_all(&[137, 80, 78, 71, 13, 10, 26, 10])?;
    let mut ihdr = [0u8; 13];
    ihdr[..4].copy_from_slice(&width.to_be_bytes());
    ihdr[4..8].copy_from_slice(&height.to_be_bytes());
    ihdr[8] = 8;
    ihdr[9] = if channels == 4 { 6 } else { 2 };
    chunk(out, b"IHDR", &ihdr)?;
    // Filtered pieces wait two at most; compressed ones are taken after every piece sent,
    // so they are never more than a chunk or two.
    let (to_compressor, filtered) = sync_channel::<Vec<u8>>(2);
    let (pieces_tx, pieces) = channel::<Vec<u8>>();
    std::thread::scope(|scope| -> std::io::Result<()> {
        let compressor = scope.spawn(move || deflate(filtered, pieces_tx));
        let mut prev = vec![0u8; stride];
        let mut scratch = [(); 4].map(|_| vec![0u8; stride]);
        let mut piece = Vec::with_capacity(PIECE + stride + 1);
        let mut rows_done = 0u64;
        let mut result = Ok(());
        'bands: for band in bands {
            for row in band.as_ref().chunks_exact(stride.max(1)) {
                filter_row(row, &prev, bpp, &mut scratch, &mut piece);
                prev.copy_from_slice(row);
                rows_done += 1;
                while piece.len() >= PIECE {
                    let rest = piece.split_off(PIECE);
                    if to_compressor.send(std::mem::replace(&mut piece, rest)).is_err() {
                        break 'bands;
                    }
                    if let Err(e) = pieces.try_iter().try_for_each(|p| chunk(out, b"IDAT", &p)) {
                        result = Err(e);
                        break 'bands;
                    }
                }
            }
        }
        if result.is_ok() && !piece.is_empty() {
            let _ = to_compressor.send(piece);
        }
        drop(to_compressor);
        if result.is_ok() {
            // The rest, until the compressor is done (it drops its sender).
            result = pieces.iter().filter(|p| !p.is_empty()).try_for_each(|p| chunk(out, b"IDAT", &p));
        }
        drop(pieces);
        let compressed = compressor.join().expect("the PNG compressor does not panic");
        result?;
        compressed?;
        if rows_done != height as u64 {
            return Err(std::io::Error::other(format!("{rows_done} rows written of {height}")));
        }
        Ok(())
    })?;
    chunk(out, b"IEND", &[])
}

/// Appends the filter byte and the filtered bytes of `row` (previous row `prev`, `bpp`
/// bytes a pixel): of the five filters, the one whose bytes, read as signed, have the
/// smallest sum of magnitudes (libpng's and the png crate's heuristic). Each candidate is
/// made in a loop of its own into `scratch` (four rows), and measured there: byte loops
/// that vectorise.
fn filter_row(row: &[u8], prev: &[u8], bpp: usize, scratch: &mut [Vec<u8>; 4], out: &mut Vec<u8>) {
    use super::scanlines::paeth;
    let n = row.len();
    let head = bpp.min(n);
    // The first pixel has no left neighbours (zeros); the rest read them at i − bpp.
    let (x, a, b, c) = (&row[head..], &row[..n - head], &prev[head..], &prev[..n - head]);
    let [sub, up, avg, pae] = scratch;
    sub[..head].copy_from_slice(&row[..head]);
    for (d, (x, a)) in sub[head..].iter_mut().zip(x.iter().zip(a)) {
        *d = x.wrapping_sub(*a);
    }
    for (d, (x, b)) in up.iter_mut().zip(row.iter().zip(prev)) {
        *d = x.wrapping_sub(*b);
    }
    for i in 0..head {
        avg[i] = row[i].wrapping_sub(prev[i] >> 1);
        pae[i] = row[i].wrapping_sub(prev[i]);
    }
    for (d, ((x, a), b)) in avg[head..].iter_mut().zip(x.iter().zip(a).zip(b)) {
        *d = x.wrapping_sub(((*a as u16 + *b as u16) >> 1) as u8);
    }
    for (d, (((x, a), b), c)) in pae[head..].iter_mut().zip(x.iter().zip(a).zip(b).zip(c)) {
        *d = x.wrapping_sub(paeth(*a as i16, *b as i16, *c as i16));
    }
    let candidates: [&[u8]; 5] = [row, sub, up, avg, pae];
    let (best, bytes) = candidates.iter().enumerate().min_by_key(|(_, bytes)| magnitude(bytes)).expect("five filters");
    out.push(best as u8);
    out.extend_from_slice(bytes);
}

/// The sum of the bytes' magnitudes read as signed.
fn magnitude(bytes: &[u8]) -> u64 {
    let blocks = bytes.chunks_exact(16);
    let rest: u64 = blocks.remainder().iter().map(|&v| (v as i8).unsigned_abs() as u64).sum();
    rest + sum_of_magnitudes(blocks)
}

/// [`magnitude`] of 16 bytes at a time. The compiler widens the bytes to 32 bits to add
/// them (`perf`: a tenth of a PNG → PNG crop); psadbw adds 16 bytes' distances in one
/// instruction, and a byte's magnitude as signed is its distance to 128 once its sign bit
/// is flipped.
#[cfg(target_arch = "x86_64")]
fn sum_of_magnitudes(blocks: std::slice::ChunksExact<'_, u8>) -> u64 {
    use std::arch::x86_64::*;
    #[allow(unsafe_code)]
    // SAFETY: SSE2 is part of every x86_64 processor.
    unsafe {
        let half = _mm_set1_epi8(-128);
        let mut sums = _mm_setzero_si128();
        for b in blocks {
            let v = _mm_loadu_si128(b.as_ptr().cast());
            sums = _mm_add_epi64(sums, _mm_sad_epu8(_mm_xor_si128(v, half), half));
        }
        (_mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums))) as u64
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn sum_of_magnitudes(blocks: std::slice::ChunksExact<'_, u8>) -> u64 {
    blocks.flatten().map(|&v| (v as i8).unsigned_abs() as u64).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;

    fn written(img: &crate::image::Image, band_rows: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let stride = img.stride();
        let bands = img.as_bytes().chunks(stride * band_rows);
        write_png(&mut out, img.width(), img.height(), img.channels(), bands).unwrap();
        out
    }

    #[test]
    fn a_filtered_row_s_magnitude_is_the_sum_of_its_bytes_read_as_signed() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 37 % 256) as u8).collect();
        for len in [0, 1, 15, 16, 17, 255, 256, 1000] {
            let expected: i64 = bytes[..len].iter().map(|&v| (v as i8 as i64).abs()).sum();
            assert_eq!(magnitude(&bytes[..len]), expected as u64, "{len} bytes");
        }
        assert_eq!(magnitude(&[128; 40]), 128 * 40);
        assert_eq!(magnitude(&[255; 33]), 33);
    }

    #[test]
    fn pngs_decode_to_their_pixels_and_do_not_depend_on_the_bands() {
        for channels in [3, 4] {
            let flat = crate::image::Image::filled(300, 200, &[7, 7, 7, 7][..channels as usize]);
            for img in [
                synth::visual(301, 203, channels),
                synth::noise(97, 61, channels, 4),
                flat,
                synth::visual(1, 1, channels),
            ] {
                let whole = written(&img, img.height() as usize);
                // Both decoders: the png crate's (through the image crate) and ours.
                let theirs = image::load_from_memory_with_format(&whole, image::ImageFormat::Png).unwrap();
                assert_eq!(theirs.as_bytes(), img.as_bytes(), "{img:?}");
                assert!(crate::io::decode(&whole, "t").unwrap() == img, "{img:?}");
                for rows in [1, 7, 64] {
                    assert!(written(&img, rows) == whole, "{img:?} in bands of {rows} rows");
                }
            }
        }
    }

    #[test]
    fn a_visual_image_compresses() {
        let img = synth::visual(400, 300, 3);
        assert!(written(&img, 300).len() < img.as_bytes().len() / 2);
    }
}
