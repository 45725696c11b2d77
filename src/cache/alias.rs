//! Input aliases: the hash of an encoded input file's bytes → the `k0` of its decoded
//! pixels and their shape. With an alias, a re-run looks its steps up without decoding the
//! input (hashing the file's bytes costs a few milliseconds, decoding it tens or hundreds).
//! `k0` stays the hash of the decoded pixels; an alias only spares recomputing it.
//!
//! One small file per alias, `<file hash hex>.pxa`, written through temp + rename:
//!
//! ```text
//! 0   magic "PXPALIAS"   8   format version u32   12  width u32   16  height u32
//! 20  channels u32       24  k0 (32 bytes)        56  checksum u64: xxh3 of bytes 0..56
//! ```
//!
//! Anything else (short, long, wrong magic or checksum, another version) is a miss and the
//! file is removed.

use super::entry::FORMAT_VERSION;
use super::key::Key;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use twox_hash::XxHash3_64;

pub const ALIAS_EXT: &str = "pxa";
const MAGIC: [u8; 8] = *b"PXPALIAS";
const LEN: usize = 64;
/// The hash naming an encoded input (its bytes and the cache format version). One thread:
/// it runs beside the decoder, which has the other core.
pub fn file_key(bytes: &[u8]) -> Key {
    let mut h = blake3::Hasher::new_derive_key("pixelpipe cache input file");
    h.update(&FORMAT_VERSION.to_le_bytes());
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    Key(*h.finalize().as_bytes())
}

/// What an alias records about the decoded input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    pub k0: Key,
    pub width: u32,
    pub height: u32,
    pub channels: u8,
}

impl Alias {
    fn encode(&self) -> [u8; LEN] {
        let mut b = [0u8; LEN];
        b[..8].copy_from_slice(&MAGIC);
        b[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        b[12..16].copy_from_slice(&self.width.to_le_bytes());
        b[16..20].copy_from_slice(&self.height.to_le_bytes());
        b[20..24].copy_from_slice(&(self.channels as u32).to_le_bytes());
        b[24..56].copy_from_slice(&self.k0.0);
        let sum = XxHash3_64::oneshot(&b[..56]);
        b[56..].copy_from_slice(&sum.to_le_bytes());
        b
    }

    fn decode(b: &[u8]) -> Result<Alias, String> {
        if b.len() != LEN {
            return Err(format!("{} bytes instead of {LEN}", b.len()));
        }
        if b[..8] != MAGIC {
            return Err("not an alias file".into());
        }
        if XxHash3_64::oneshot(&b[..56]).to_le_bytes() != b[56..] {
            return Err("checksum mismatch".into());
        }
        let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"));
        if u32_at(8) != FORMAT_VERSION {
            return Err(format!("format version {}", u32_at(8)));
        }
        let channels = u32_at(20);
        let (width, height) = (u32_at(12), u32_at(16));
        if !(1..=4).contains(&channels) || width == 0 || height == 0 {
            return Err("impossible image shape".into());
        }
        Ok(Alias {
            k0: Key(b[24..56].try_into().expect("32 bytes")),
            width,
            height,
            channels: channels as u8,
        })
    }
}

pub fn path(dir: &Path, file: &Key) -> PathBuf {
    dir.join(format!("{}.{ALIAS_EXT}", file.hex()))
}

/// The outcome of an alias lookup.
pub enum Lookup {
    Hit(Alias),
    Miss,
    /// A damaged file was found and removed; a miss.
    Removed(String),
}

/// Reads the alias of `file` from `dir`; a damaged alias is removed.
pub fn load(dir: &Path, file: &Key) -> Lookup {
    let path = path(dir, file);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(_) => return Lookup::Miss,
    };
    match Alias::decode(&bytes) {
        Ok(a) => Lookup::Hit(a),
        Err(why) => {
            let _ = fs::remove_file(&path);
            Lookup::Removed(format!("removed input alias {}: {why}", path.display()))
        }
    }
}

/// Writes the alias of `file` atomically (temp + rename); an existing one is kept.
pub fn save(dir: &Path, file: &Key, alias: &Alias) -> io::Result<()> {
    let path = path(dir, file);
    if path.exists() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(super::disk::TEMP_PREFIX)
        .suffix(super::disk::TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.as_file_mut().write_all(&alias.encode())?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage_is_a_removed_miss() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        let f = file_key(b"some encoded bytes");
        assert_ne!(f, file_key(b"some encoded bytez"));
        assert!(matches!(load(&dir, &f), Lookup::Miss));
        let a = Alias {
            k0: Key([7; 32]),
            width: 3,
            height: 2,
            channels: 4,
        };
        save(&dir, &f, &a).unwrap();
        assert!(matches!(load(&dir, &f), Lookup::Hit(b) if b == a));
        let p = path(&dir, &f);
        let mut bytes = fs::read(&p).unwrap();
        bytes[30] ^= 1;
        fs::write(&p, &bytes).unwrap();
        assert!(matches!(load(&dir, &f), Lookup::Removed(_)));
        assert!(!p.exists());
        fs::write(&p, b"").unwrap();
        assert!(matches!(load(&dir, &f), Lookup::Removed(_)));
        assert!(!p.exists());
    }
}
