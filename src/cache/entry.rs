//! The disk entry format: one file per step output.
//!
//! ```text
//! 0   magic "PXPCACHE"          48  key (32 bytes, must match the file name)
//! 8   format version  u32       80  reserved u64 (0)
//! 12  flags u32 (1 = lz4)       88  checksum u64: xxh3 of bytes 0..88 and the chunk table
//! 16  width u32                 96  chunk table: per chunk, stored length u32 (top bit set:
//! 20  height u32                    stored raw) and xxh3 u64 of the chunk's pixels
//! 24  channels u32                  then the chunks, back to back
//! 28  chunk bytes u32
//! 32  compute time ns u64 (input → this step, for "time saved")
//! 40  body length u64
//! ```
//!
//! Pixels are cut into independent 1 MiB chunks so a hit decompresses and verifies them on
//! all cores, each chunk while it is hot in cache. The header checksum covers the header
//! and the table, the table's hashes cover every pixel: any flipped, missing or extra byte
//! is detected before an image is returned. Little-endian throughout.

use super::key::{Key, FORMAT_VERSION};
use crate::image::Image;
use rayon::prelude::*;
use std::io::{self, Seek, SeekFrom, Write};
use std::time::Duration;
use twox_hash::XxHash3_64;

pub const MAGIC: [u8; 8] = *b"PXPCACHE";
pub const HEADER_LEN: usize = 96;
/// Raw bytes per chunk.
pub const CHUNK_BYTES: usize = 1 << 20;
const TABLE_ITEM: usize = 12;
const STORED_RAW: u32 = 1 << 31;
const FLAG_LZ4: u32 = 1;
/// Largest chunk size a reader accepts (guards allocations against hostile headers).
const MAX_CHUNK_BYTES: u32 = 64 << 20;

/// Why a file is not a usable entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// A well-formed entry of another format version (expected after upgrades).
    OtherVersion(u32),
    /// Truncated, corrupt, foreign or not the entry asked for.
    Corrupt(String),
    /// No such file (a miss, not damage).
    Missing,
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::OtherVersion(v) => write!(f, "format version {v} (this build uses {FORMAT_VERSION})"),
            Unusable::Corrupt(why) => f.write_str(why),
            Unusable::Missing => f.write_str("no such file"),
        }
    }
}

fn corrupt(why: impl Into<String>) -> Unusable {
    Unusable::Corrupt(why.into())
}

/// The parsed, checksum-verified header and chunk table of an entry.
#[derive(Debug, Clone)]
pub struct Header {
    pub key: Key,
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    /// Time to compute this image from the input (the sum of its steps' times).
    pub compute: Duration,
    pub compressed: bool,
    chunk_bytes: usize,
    body_len: u64,
    /// (stored length, stored raw, xxh3 of the raw chunk) per chunk.
    chunks: Vec<(usize, bool, u64)>,
}

impl Header {
    /// Bytes of the whole file.
    pub fn file_len(&self) -> u64 {
        (HEADER_LEN + self.chunks.len() * TABLE_ITEM) as u64 + self.body_len
    }

    fn raw_len(&self) -> usize {
        self.width as usize * self.height as usize * self.channels as usize
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

fn header_checksum(header: &[u8], table: &[u8]) -> u64 {
    let mut h = XxHash3_64::with_seed(0);
    std::hash::Hasher::write(&mut h, &header[..88]);
    std::hash::Hasher::write(&mut h, table);
    std::hash::Hasher::finish(&h)
}

/// Writes `image` as the entry for `key`. `out` must be empty and seekable (the table is
/// written last, once the stored chunk lengths are known). Compression runs on the calling
/// thread: the background writer's. Returns the file length.
pub fn write(
    out: &mut (impl Write + Seek),
    key: &Key,
    image: &Image,
    compute: Duration,
    compress: bool,
) -> io::Result<u64> {
    write_with(out, key, image, compute, compress, || false)
}

/// [`write`], asking `hurry` before each chunk: once it says yes, the remaining chunks are
/// stored raw (each chunk records whether it is compressed, so an entry may mix both).
pub fn write_with(
    out: &mut (impl Write + Seek),
    key: &Key,
    image: &Image,
    compute: Duration,
    compress: bool,
    hurry: impl Fn() -> bool,
) -> io::Result<u64> {
    let mut w = ChunkWriter::new(&mut *out, (image.width(), image.height(), image.channels()), compress)?;
    for chunk in image.as_bytes().chunks(CHUNK_BYTES) {
        w.push(chunk, &hurry)?;
    }
    w.finish(key, compute)
}

/// An entry written piece by piece, as its pixels come (a streamed run's output, band by
/// band): the pixels are cut into chunks as they arrive, and the header, with the key and
/// the compute time, is written last, so both can be known only at the end. Holds one chunk.
pub struct ChunkWriter<W> {
    out: W,
    shape: (u32, u32, u8),
    compress: bool,
    /// Raw bytes of the chunk being filled.
    pending: Vec<u8>,
    /// Room for one compressed chunk.
    packed: Vec<u8>,
    table: Vec<u8>,
    body_start: u64,
    body_len: u64,
    /// Raw bytes taken so far.
    taken: u64,
}

impl<W: Write + Seek> ChunkWriter<W> {
    /// Starts the entry of a `shape` (width, height, channels) image in `out`, which must be
    /// empty and seekable.
    pub fn new(mut out: W, shape: (u32, u32, u8), compress: bool) -> io::Result<ChunkWriter<W>> {
        let raw = shape.0 as u64 * shape.1 as u64 * shape.2 as u64;
        let n = raw.div_ceil(CHUNK_BYTES as u64);
        let body_start = HEADER_LEN as u64 + n * TABLE_ITEM as u64;
        out.seek(SeekFrom::Start(body_start))?;
        let packed =
            if compress { vec![0u8; lz4_flex::block::get_maximum_output_size(CHUNK_BYTES)] } else { Vec::new() };
        Ok(ChunkWriter {
            out,
            shape,
            compress,
            pending: Vec::with_capacity(CHUNK_BYTES),
            packed,
            table: Vec::with_capacity(n as usize * TABLE_ITEM),
            body_start,
            body_len: 0,
            taken: 0,
        })
    }

    /// Bytes of the file so far.
    pub fn file_len(&self) -> u64 {
        self.body_start + self.body_len
    }

    /// Takes the next pixel bytes; each chunk they complete is written (the last one with
    /// the last pixels), compressed unless `hurry` says otherwise when it is asked (once per
    /// chunk).
    pub fn push(&mut self, mut pixels: &[u8], hurry: &dyn Fn() -> bool) -> io::Result<()> {
        self.taken += pixels.len() as u64;
        while !pixels.is_empty() {
            if self.pending.is_empty() && pixels.len() >= CHUNK_BYTES {
                // A whole chunk in place: no copy.
                let (chunk, rest) = pixels.split_at(CHUNK_BYTES);
                self.write_chunk(chunk, hurry)?;
                pixels = rest;
                continue;
            }
            let n = pixels.len().min(CHUNK_BYTES - self.pending.len());
            self.pending.extend_from_slice(&pixels[..n]);
            pixels = &pixels[n..];
            if self.pending.len() == CHUNK_BYTES {
                self.write_pending(hurry)?;
            }
        }
        if self.taken == self.raw_len() && !self.pending.is_empty() {
            self.write_pending(hurry)?; // the last chunk, shorter
        }
        Ok(())
    }

    fn raw_len(&self) -> u64 {
        self.shape.0 as u64 * self.shape.1 as u64 * self.shape.2 as u64
    }

    fn write_pending(&mut self, hurry: &dyn Fn() -> bool) -> io::Result<()> {
        let chunk = std::mem::take(&mut self.pending);
        self.write_chunk(&chunk, hurry)?;
        self.pending = chunk;
        self.pending.clear();
        Ok(())
    }

    fn write_chunk(&mut self, chunk: &[u8], hurry: &dyn Fn() -> bool) -> io::Result<()> {
        let packed =
            if self.compress && !hurry() { lz4_flex::block::compress_into(chunk, &mut self.packed).ok() } else { None };
        let (stored, len_field) = match packed {
            Some(len) if len < chunk.len() => (&self.packed[..len], len as u32),
            _ => (chunk, chunk.len() as u32 | STORED_RAW),
        };
        self.out.write_all(stored)?;
        self.body_len += stored.len() as u64;
        self.table.extend_from_slice(&len_field.to_le_bytes());
        self.table.extend_from_slice(&XxHash3_64::oneshot(chunk).to_le_bytes());
        Ok(())
    }

    /// Writes the header naming `key` and `compute`, and the chunk table. Fails if the
    /// pixels taken are not exactly the image's. Returns the file length.
    pub fn finish(mut self, key: &Key, compute: Duration) -> io::Result<u64> {
        let (width, height, channels) = self.shape;
        if self.taken != self.raw_len() {
            return Err(io::Error::other(format!("{} pixel bytes for an entry of {}", self.taken, self.raw_len())));
        }
        let mut header = [0u8; HEADER_LEN];
        header[..8].copy_from_slice(&MAGIC);
        header[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        header[12..16].copy_from_slice(&(if self.compress { FLAG_LZ4 } else { 0 }).to_le_bytes());
        header[16..20].copy_from_slice(&width.to_le_bytes());
        header[20..24].copy_from_slice(&height.to_le_bytes());
        header[24..28].copy_from_slice(&(channels as u32).to_le_bytes());
        header[28..32].copy_from_slice(&(CHUNK_BYTES as u32).to_le_bytes());
        header[32..40].copy_from_slice(&(compute.as_nanos().min(u64::MAX as u128) as u64).to_le_bytes());
        header[40..48].copy_from_slice(&self.body_len.to_le_bytes());
        header[48..80].copy_from_slice(&key.0);
        let sum = header_checksum(&header, &self.table);
        header[88..96].copy_from_slice(&sum.to_le_bytes());
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&header)?;
        self.out.write_all(&self.table)?;
        Ok(self.body_start + self.body_len)
    }
}

/// Where an entry's bytes are read from: a file or memory. Positioned reads let every chunk
/// be read by the thread that decompresses it, straight from the page cache, with no
/// intermediate buffer for the whole body.
pub trait Source: Sync {
    /// Fills `buf` from `offset`; fails at end of data.
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()>;
}

impl Source for [u8] {
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let end = usize::try_from(offset).ok().and_then(|o| o.checked_add(buf.len()).map(|e| (o, e)));
        match end {
            Some((start, end)) if end <= self.len() => {
                buf.copy_from_slice(&self[start..end]);
                Ok(())
            }
            _ => Err(io::ErrorKind::UnexpectedEof.into()),
        }
    }
}

impl<T: Source + ?Sized> Source for &T {
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        (**self).read_exact_at(buf, offset)
    }
}

impl Source for std::fs::File {
    #[cfg(unix)]
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(self, buf, offset)
    }

    #[cfg(windows)]
    fn read_exact_at(&self, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
        while !buf.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(self, buf, offset)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => {
                    buf = &mut buf[n..];
                    offset += n as u64;
                }
            }
        }
        Ok(())
    }
}

/// Reads and verifies the header and chunk table. `len` is the entry's length: a mismatch
/// with what the header describes means truncation (or trailing garbage).
pub fn read_header(src: &(impl Source + ?Sized), len: u64) -> Result<Header, Unusable> {
    if len == 0 {
        return Err(corrupt("empty file"));
    }
    let mut head = [0u8; HEADER_LEN];
    let magic_len = (len as usize).min(MAGIC.len());
    src.read_exact_at(&mut head[..magic_len], 0).map_err(|e| corrupt(format!("unreadable: {e}")))?;
    if head[..magic_len] != MAGIC[..magic_len] {
        return Err(corrupt("not a pixelpipe cache entry (foreign file)"));
    }
    if len < HEADER_LEN as u64 {
        return Err(corrupt(format!("truncated: {len} bytes, shorter than the header")));
    }
    src.read_exact_at(&mut head, 0).map_err(|e| corrupt(format!("unreadable: {e}")))?;
    let version = u32_at(&head, 8);
    if version != FORMAT_VERSION {
        return Err(Unusable::OtherVersion(version));
    }
    let (width, height, channels, chunk_bytes) =
        (u32_at(&head, 16), u32_at(&head, 20), u32_at(&head, 24), u32_at(&head, 28));
    if width == 0
        || height == 0
        || !(channels == 3 || channels == 4)
        || chunk_bytes == 0
        || chunk_bytes > MAX_CHUNK_BYTES
    {
        return Err(corrupt(format!("impossible header ({width}x{height}x{channels}, chunks of {chunk_bytes} bytes)")));
    }
    let raw_len = width as u64 * height as u64 * channels as u64;
    let n = raw_len.div_ceil(chunk_bytes as u64);
    let table_len = n * TABLE_ITEM as u64;
    if HEADER_LEN as u64 + table_len > len {
        return Err(corrupt(format!("truncated: {len} bytes, shorter than the chunk table")));
    }
    let mut table = vec![0u8; table_len as usize];
    src.read_exact_at(&mut table, HEADER_LEN as u64).map_err(|e| corrupt(format!("unreadable chunk table: {e}")))?;
    if header_checksum(&head, &table) != u64_at(&head, 88) {
        return Err(corrupt("header checksum mismatch"));
    }
    let chunks: Vec<(usize, bool, u64)> = table
        .chunks_exact(TABLE_ITEM)
        .map(|item| {
            let field = u32_at(item, 0);
            ((field & !STORED_RAW) as usize, field & STORED_RAW != 0, u64_at(item, 4))
        })
        .collect();
    let body_len = u64_at(&head, 40);
    if chunks.iter().map(|c| c.0 as u64).sum::<u64>() != body_len {
        return Err(corrupt("chunk table does not add up to the body length"));
    }
    let header = Header {
        key: Key(head[48..80].try_into().expect("32 bytes")),
        width,
        height,
        channels: channels as u8,
        compute: Duration::from_nanos(u64_at(&head, 32)),
        compressed: u32_at(&head, 12) & FLAG_LZ4 != 0,
        chunk_bytes: chunk_bytes as usize,
        body_len,
        chunks,
    };
    if header.file_len() != len {
        let what = if len < header.file_len() { "truncated" } else { "trailing bytes" };
        return Err(corrupt(format!("{what}: {len} bytes, the header describes {}", header.file_len())));
    }
    Ok(header)
}

impl Header {
    /// Where each chunk is stored: (offset, stored length, stored raw, xxh3 of its pixels).
    fn spans(&self) -> impl Iterator<Item = (u64, usize, bool, u64)> + '_ {
        let mut at = (HEADER_LEN + self.chunks.len() * TABLE_ITEM) as u64;
        self.chunks.iter().map(move |&(len, raw, sum)| {
            at += len as u64;
            (at - len as u64, len, raw, sum)
        })
    }

    /// Raw bytes of chunk `i`.
    fn chunk_len(&self, i: usize) -> usize {
        self.chunk_bytes.min(self.raw_len() - i * self.chunk_bytes)
    }
}

/// Reads the chunk stored at `span` into `out` (its raw length) and checks its pixels;
/// `scratch` holds the compressed bytes.
fn read_chunk(
    src: &(impl Source + ?Sized),
    (offset, len, raw, sum): (u64, usize, bool, u64),
    out: &mut [u8],
    scratch: &mut Vec<u8>,
) -> Result<(), Unusable> {
    let unreadable = |e: io::Error| corrupt(format!("unreadable body: {e}"));
    if raw {
        if len != out.len() {
            return Err(corrupt("a raw chunk has the wrong length"));
        }
        src.read_exact_at(out, offset).map_err(unreadable)?;
    } else {
        scratch.resize(len, 0);
        src.read_exact_at(scratch, offset).map_err(unreadable)?;
        match lz4_flex::block::decompress_into(scratch, out) {
            Ok(n) if n == out.len() => {}
            _ => return Err(corrupt("a chunk does not decompress")),
        }
    }
    if XxHash3_64::oneshot(out) != sum {
        return Err(corrupt("pixel checksum mismatch"));
    }
    Ok(())
}

/// Reads the body described by `header` and returns the verified image. Each chunk is read,
/// decompressed (raw chunks are read straight into place) and checked by one task, on all
/// cores.
pub fn read_body(src: &(impl Source + ?Sized), header: &Header) -> Result<Image, Unusable> {
    let spans: Vec<_> = header.spans().collect();
    let mut pixels = vec![0u8; header.raw_len()];
    pixels
        .par_chunks_mut(header.chunk_bytes)
        .zip(spans)
        .try_for_each_init(Vec::new, |scratch, (out, span)| read_chunk(src, span, out, scratch))?;
    Ok(Image::from_raw(header.width, header.height, header.channels, pixels).expect("length checked by the header"))
}

/// Checks every chunk of the body described by `header` without keeping the pixels (a chunk
/// per task, on all cores): what a streamed run does before it reads an entry as rows, so
/// damage is a miss before any output is written, not an error half way.
pub fn verify_body(src: &(impl Source + ?Sized), header: &Header) -> Result<(), Unusable> {
    let spans: Vec<_> = header.spans().enumerate().collect();
    spans.into_par_iter().try_for_each_init(
        || (Vec::new(), Vec::new()),
        |(out, scratch), (i, span)| {
            out.resize(header.chunk_len(i), 0);
            read_chunk(src, span, out, scratch)
        },
    )
}

/// The chunks of an entry read one after another, each checked as it is read (a streamed
/// run's input when it resumes from a cached step).
pub struct ChunkReader<S> {
    src: S,
    header: Header,
    spans: Vec<(u64, usize, bool, u64)>,
    next: usize,
    scratch: Vec<u8>,
}

impl<S: Source> ChunkReader<S> {
    pub fn new(src: S, header: Header) -> ChunkReader<S> {
        let spans = header.spans().collect();
        ChunkReader { src, header, spans, next: 0, scratch: Vec::new() }
    }

    /// Replaces `chunk` with the next chunk's pixels.
    pub fn next_chunk(&mut self, chunk: &mut Vec<u8>) -> Result<(), Unusable> {
        let span = *self.spans.get(self.next).ok_or_else(|| corrupt("read past the last chunk"))?;
        chunk.resize(self.header.chunk_len(self.next), 0);
        self.next += 1;
        read_chunk(&self.src, span, chunk, &mut self.scratch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;
    use std::io::Cursor;

    fn encode(img: &Image, compress: bool) -> Vec<u8> {
        let mut cur = Cursor::new(Vec::new());
        let len = write(&mut cur, &Key([7; 32]), img, Duration::from_millis(42), compress).unwrap();
        assert_eq!(len as usize, cur.get_ref().len());
        cur.into_inner()
    }

    fn decode(bytes: &[u8]) -> Result<(Header, Image), Unusable> {
        let h = read_header(bytes, bytes.len() as u64)?;
        let img = read_body(bytes, &h)?;
        Ok((h, img))
    }

    #[test]
    fn round_trips_compressed_and_raw_over_several_chunks() {
        // 700x600x4 = 1.6 chunks: a full chunk and a partial one.
        for img in [synth::gradient(700, 600, 4), synth::noise(700, 600, 3, 5), synth::gradient(3, 2, 3)] {
            for compress in [true, false] {
                let bytes = encode(&img, compress);
                let (h, back) = decode(&bytes).unwrap();
                assert_eq!(back, img);
                assert_eq!((h.key, h.compute, h.compressed), (Key([7; 32]), Duration::from_millis(42), compress));
            }
        }
        // A compressible image really is compressed; noise falls back to raw chunks.
        let grad = synth::gradient(700, 600, 4);
        assert!(encode(&grad, true).len() < grad.as_bytes().len() / 2);
        let noise = synth::noise(700, 600, 4, 1);
        assert!(encode(&noise, true).len() <= noise.as_bytes().len() + 200);
    }

    #[test]
    fn an_entry_finished_in_a_hurry_mixes_compressed_and_raw_chunks() {
        let img = synth::gradient(1200, 700, 4); // 3.2 chunks
        let calls = std::cell::Cell::new(0);
        let mut cur = std::io::Cursor::new(Vec::new());
        let hurry = || {
            calls.set(calls.get() + 1);
            calls.get() > 1
        };
        write_with(&mut cur, &Key([7; 32]), &img, Duration::from_millis(42), true, hurry).unwrap();
        let bytes = cur.into_inner();
        let (h, back) = decode(&bytes).unwrap();
        assert_eq!(back, img);
        assert_eq!(h.chunks.iter().map(|c| c.1).collect::<Vec<_>>(), [false, true, true, true]);
    }

    #[test]
    fn an_entry_written_and_read_piece_by_piece_is_the_entry_written_whole() {
        let img = synth::gradient(700, 600, 4); // 1.6 chunks
        for compress in [true, false] {
            let whole = encode(&img, compress);
            let mut cur = Cursor::new(Vec::new());
            let mut w = ChunkWriter::new(&mut cur, (700, 600, 4), compress).unwrap();
            for piece in img.as_bytes().chunks(700 * 4 * 7 + 13) {
                w.push(piece, &|| false).unwrap();
            }
            // Every chunk is written with the last pixels: the length is known before the key.
            assert_eq!(w.file_len() as usize, whole.len());
            w.finish(&Key([7; 32]), Duration::from_millis(42)).unwrap();
            assert_eq!(cur.into_inner(), whole, "compress {compress}");

            let h = read_header(&whole[..], whole.len() as u64).unwrap();
            verify_body(&whole[..], &h).unwrap();
            let mut reader = ChunkReader::new(&whole[..], h.clone());
            let (mut back, mut chunk) = (Vec::new(), Vec::new());
            while back.len() < img.as_bytes().len() {
                reader.next_chunk(&mut chunk).unwrap();
                back.extend_from_slice(&chunk);
            }
            assert!(back == img.as_bytes());
            assert!(reader.next_chunk(&mut chunk).is_err(), "no chunk after the last");
            let mut bad = whole.clone();
            let at = bad.len() - 10;
            bad[at] ^= 1;
            assert!(verify_body(&bad[..], &h).is_err(), "a flipped bit (compress {compress})");
        }
        let mut short = ChunkWriter::new(Cursor::new(Vec::new()), (4, 4, 3), true).unwrap();
        short.push(&[0; 47], &|| false).unwrap();
        assert!(short.finish(&Key([0; 32]), Duration::ZERO).unwrap_err().to_string().contains("47 pixel bytes"));
    }

    #[test]
    fn every_damage_is_detected() {
        let img = synth::gradient(300, 200, 4);
        for compress in [true, false] {
            let good = encode(&img, compress);
            assert_eq!(decode(&[]).unwrap_err(), corrupt("empty file"));
            for cut in [1, 50, HEADER_LEN, HEADER_LEN + 5, good.len() / 2, good.len() - 1] {
                let e = decode(&good[..cut]).unwrap_err();
                assert!(
                    matches!(&e, Unusable::Corrupt(m) if m.contains("truncated") || m.contains("unreadable")),
                    "{cut}: {e}"
                );
            }
            let mut longer = good.clone();
            longer.push(0);
            assert!(decode(&longer).unwrap_err().to_string().contains("trailing"));
            // Flip one bit anywhere: header, table or body.
            for at in [0, 9, 17, 33, 50, 90, HEADER_LEN + 3, good.len() / 2, good.len() - 1] {
                let mut bad = good.clone();
                bad[at] ^= 0x10;
                assert!(decode(&bad).is_err(), "flip at {at} (compress {compress}) went unnoticed");
            }
        }
        let e =
            decode(b"GIF89a and then some bytes that are not ours at all, long enough for a header.....").unwrap_err();
        assert!(e.to_string().contains("foreign"), "{e}");
    }

    #[test]
    fn other_versions_are_recognised() {
        let mut bytes = encode(&synth::gradient(4, 4, 3), true);
        bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert_eq!(decode(&bytes).unwrap_err(), Unusable::OtherVersion(FORMAT_VERSION + 1));
    }
}
