//! Limits on untrusted input, checked before anything is allocated: how many bytes a file
//! may have, how many pixels an image header may claim, and how much memory its pixels may
//! take (the memory budget).

use crate::core::{Error, LimitKind, Result};
use crate::memory::human;
use std::io::Read;
use std::path::Path;

/// Default of `performance.max_image_pixels`: 2^31 pixels (8 GiB as RGBA). Far above any
/// camera; a header claiming more is far more likely a decompression bomb than a photo.
pub const DEFAULT_MAX_PIXELS: u64 = 1 << 31;

/// The pixel limit where images come from others: uploads to `serve` and files read
/// through the Python package. Pillow's own (it refuses more than twice its
/// `MAX_IMAGE_PIXELS` as a decompression bomb): the original's users never opened larger
/// images, and a 48 KB PNG can claim 20000x20000. About 0.7 GB as RGBA.
pub const PILLOW_MAX_PIXELS: u64 = 178_956_970;

/// Largest pipeline file read (a pipeline is a few kilobytes; long expressions a few MB).
pub const MAX_PIPELINE_FILE: u64 = 16 << 20;
/// Largest configuration file read.
pub const MAX_CONFIG_FILE: u64 = 1 << 20;

/// What an image may claim before it is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest width × height accepted (`performance.max_image_pixels`).
    pub max_pixels: u64,
    /// Largest decoded size in bytes (the memory budget); `None`: unknown, not checked.
    pub max_bytes: Option<u64>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_pixels: DEFAULT_MAX_PIXELS, max_bytes: crate::memory::default_budget() }
    }
}

impl Limits {
    /// No limits (for images this process made itself, and tests).
    pub const NONE: Limits = Limits { max_pixels: u64::MAX, max_bytes: None };

    /// These limits with at most `max_pixels` pixels.
    pub fn with_max_pixels(self, max_pixels: u64) -> Limits {
        Limits { max_pixels: self.max_pixels.min(max_pixels), ..self }
    }

    /// Checks a `width`×`height` image of `channels` bytes per pixel against the limits;
    /// `what` names it in the message ("image in.png", "synthetic image").
    pub fn check(&self, width: u32, height: u32, channels: u8, what: &str) -> Result<()> {
        let pixels = width as u64 * height as u64; // < 2^64: no overflow
        if pixels > self.max_pixels {
            return Err(Error::Limit {
                kind: LimitKind::Pixels,
                needed: pixels,
                limit: self.max_pixels,
                message: format!(
                    "{what} is {width}x{height} ({:.1} megapixels), more than the limit of {:.1} megapixels; \
                     if it is trusted, raise performance.max_image_pixels (or PIXELPIPE_PERFORMANCE_MAX_IMAGE_PIXELS)",
                    pixels as f64 / 1e6,
                    self.max_pixels as f64 / 1e6
                ),
            });
        }
        let bytes = pixels.saturating_mul(channels as u64);
        match self.max_bytes {
            Some(budget) if bytes > budget => Err(Error::Limit {
                kind: LimitKind::Memory,
                needed: bytes,
                limit: budget,
                message: format!(
                    "{what} is {width}x{height} and needs {} in memory, more than the memory budget of {} \
                     (performance.max_memory_usage, or the memory available)",
                    human(bytes),
                    human(budget)
                ),
            }),
            _ => Ok(()),
        }
    }

    /// The most encoded bytes worth reading for one image: no encoding is larger than its
    /// pixels, so a stream longer than the budget allows is refused while it is read.
    pub fn max_file_bytes(&self) -> u64 {
        let by_pixels = self.max_pixels.saturating_mul(8).saturating_add(1 << 20);
        self.max_bytes.map_or(by_pixels, |b| b.min(by_pixels))
    }
}

/// Reads at most `limit` bytes of `path`. A folder, a missing or unreadable file, or a
/// longer one (a regular file's size is checked first; a device or pipe is cut off once it
/// passes the limit) are clear errors built by `fail`.
pub fn read_file(path: &Path, limit: u64, fail: impl Fn(String) -> Error) -> Result<Vec<u8>> {
    read_file_checked(path, limit, |_| Ok(()), fail)
}

/// [`read_file`], calling `head` on the first [`HEAD`] bytes (or all, if fewer) before
/// reading on, so a stream that is not what it should be (`/dev/zero` as an image) is
/// refused at once.
pub fn read_file_checked(
    path: &Path,
    limit: u64,
    head: impl Fn(&[u8]) -> Result<()>,
    fail: impl Fn(String) -> Error,
) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| fail(describe_io(&e)))?;
    let meta = file.metadata().map_err(|e| fail(describe_io(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a folder, not a file".into()));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(fail(format!("is {}, more than the {} read at most", human(meta.len()), human(limit))));
    }
    read_limited(file, limit, meta.is_file().then_some(meta.len()), head, fail)
}

/// Reads standard input, at most `limit` bytes, checking its [`HEAD`] as
/// [`read_file_checked`] does.
pub fn read_stdin(limit: u64, head: impl Fn(&[u8]) -> Result<()>, fail: impl Fn(String) -> Error) -> Result<Vec<u8>> {
    read_limited(std::io::stdin().lock(), limit, None, head, fail)
}

/// How much of a stream is read before its head is checked.
pub const HEAD: u64 = 64 << 10;

fn read_limited(
    source: impl Read,
    limit: u64,
    size: Option<u64>,
    head: impl Fn(&[u8]) -> Result<()>,
    fail: impl Fn(String) -> Error,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(size.unwrap_or(0).min(limit) as usize);
    let mut source = source.take(limit.saturating_add(1));
    (&mut source).take(HEAD).read_to_end(&mut bytes).map_err(|e| fail(describe_io(&e)))?;
    head(&bytes)?;
    source.read_to_end(&mut bytes).map_err(|e| fail(describe_io(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!("goes on past the {} read at most", human(limit))));
    }
    Ok(bytes)
}

/// An I/O error in words, without the "(os error N)" tail for the common kinds.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a folder, not a file".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(m: String) -> Error {
        Error::Usage(m)
    }

    #[test]
    fn pixel_and_memory_limits() {
        let l = Limits { max_pixels: 100, max_bytes: Some(300) };
        assert!(l.check(10, 10, 3, "x").is_ok());
        let e = l.check(11, 10, 3, "image a.png").unwrap_err();
        assert!(matches!(e, Error::Limit { kind: LimitKind::Pixels, needed: 110, limit: 100, .. }));
        assert!(e.to_string().contains("11x10") && e.to_string().contains("max_image_pixels"), "{e}");
        assert_eq!(e.exit_code(), 2);
        let e = l.check(10, 10, 4, "image a.png").unwrap_err().to_string();
        assert!(e.contains("memory budget"), "{e}");
        assert!(Limits::NONE.check(u32::MAX, u32::MAX, 4, "x").is_ok());
    }

    #[test]
    fn reads_are_bounded_and_name_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_file(&p, 10, fail).unwrap().len(), 10);
        assert!(read_file(&p, 9, fail).unwrap_err().to_string().contains("more than"));
        assert!(read_file(dir.path(), 9, fail).unwrap_err().to_string().contains("is a folder"));
        assert!(read_file(&dir.path().join("none"), 9, fail).unwrap_err().to_string().contains("no such file"));
        // An endless device is cut off at the limit, not read until memory runs out, or
        // refused by its head.
        let e = read_file(Path::new("/dev/zero"), 1 << 20, fail).unwrap_err().to_string();
        assert!(e.contains("goes on past"), "{e}");
        let zeros = |h: &[u8]| if h.iter().all(|&b| b == 0) { Err(fail("zeros".into())) } else { Ok(()) };
        let e = read_file_checked(Path::new("/dev/zero"), u64::MAX, zeros, fail).unwrap_err().to_string();
        assert_eq!(e, "zeros");
    }
}
