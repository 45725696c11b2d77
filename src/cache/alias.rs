//! Input aliases: an encoded input file's bytes → the `k0` of its decoded pixels and their
//! shape. With an alias, a re-run looks its steps up without decoding the input (hashing the
//! file's bytes costs a few milliseconds, decoding it tens or hundreds). `k0` stays the hash
//! of the decoded pixels; an alias only spares recomputing it.
//!
//! An alias file is named by a quick key (the file's length, first and last 64 KiB) and
//! holds the hash of all its bytes, which a lookup checks. So a file the cache has never
//! seen costs a lookup of a few microseconds (no such alias), not a pass over its bytes; the
//! full hash is computed when the alias is recorded, by the background writer. Files with
//! the same quick key (same length, head and tail) share the slot: the last recorded wins.
//!
//! One small file per alias, `<quick key hex>.pxa`, written through temp + rename:
//!
//! ```text
//! 0   magic "PXPALIAS"   8   format version u32   12  width u32   16  height u32
//! 20  channels u32       24  k0 (32 bytes)        56  file hash (32 bytes)
//! 88  checksum u64: xxh3 of bytes 0..88
//! ```
//!
//! Anything else (short, long, wrong magic or checksum, another version) is a miss and the
//! file is removed. Aliases are evicted least recently used first together with entries,
//! and swept like them (see [`super::disk`]).

use super::entry::Unusable;
use super::files::{create_folder, open_ours, remove_damaged, TEMP_PREFIX, TEMP_SUFFIX};
use super::key::{Key, FORMAT_VERSION};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use twox_hash::XxHash3_64;

pub const ALIAS_EXT: &str = "pxa";
const MAGIC: [u8; 8] = *b"PXPALIAS";
const LEN: usize = 96;
/// Bytes of the file's head and of its tail in the quick key.
const QUICK_SPAN: usize = 64 << 10;

/// Names an input's alias file: the file's length, head and tail (and the format version).
pub fn quick_key(bytes: &[u8]) -> Key {
    quick_key_of(
        bytes.len() as u64,
        &bytes[..bytes.len().min(QUICK_SPAN)],
        &bytes[bytes.len().saturating_sub(QUICK_SPAN)..],
    )
}

fn quick_key_of(len: u64, head: &[u8], tail: &[u8]) -> Key {
    let mut h = blake3::Hasher::new_derive_key("pixelpipe cache input file name");
    h.update(&FORMAT_VERSION.to_le_bytes());
    h.update(&len.to_le_bytes());
    h.update(head);
    h.update(tail);
    Key(*h.finalize().as_bytes())
}

/// The hash of all of an encoded input's bytes (and the cache format version).
pub fn file_key(bytes: &[u8]) -> Key {
    let mut h = file_hasher(bytes.len() as u64);
    h.update(bytes);
    Key(*h.finalize().as_bytes())
}

fn file_hasher(len: u64) -> blake3::Hasher {
    let mut h = blake3::Hasher::new_derive_key("pixelpipe cache input file");
    h.update(&FORMAT_VERSION.to_le_bytes());
    h.update(&len.to_le_bytes());
    h
}

/// An input file as it was when a run opened it: its length and modification time. An
/// alias is recorded for a file only if it still is so after its bytes are hashed, so a
/// file replaced during the run never gets the decoded pixels of its predecessor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl FileStamp {
    pub fn of(path: &Path) -> io::Result<FileStamp> {
        let meta = std::fs::metadata(path)?;
        Ok(FileStamp { len: meta.len(), modified: meta.modified().ok() })
    }
}

/// The quick key of the input file `file` of `len` bytes.
fn quick_key_file(file: &File, len: u64) -> io::Result<Key> {
    use std::os::unix::fs::FileExt;
    let span = len.min(QUICK_SPAN as u64) as usize;
    let (mut head, mut tail) = (vec![0u8; span], vec![0u8; span]);
    file.read_exact_at(&mut head, 0)?;
    file.read_exact_at(&mut tail, len - span as u64)?;
    Ok(quick_key_of(len, &head, &tail))
}

/// The hash of all of the input file `file` of `len` bytes, read a piece at a time (a file
/// of any size, in constant memory).
fn file_key_file(file: &File, len: u64) -> io::Result<Key> {
    use std::os::unix::fs::FileExt;
    let mut h = file_hasher(len);
    let mut buf = vec![0u8; 1 << 20];
    let mut at = 0;
    while at < len {
        let n = buf.len().min((len - at) as usize);
        file.read_exact_at(&mut buf[..n], at)?;
        h.update(&buf[..n]);
        at += n as u64;
    }
    Ok(Key(*h.finalize().as_bytes()))
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
    fn encode(&self, file: &Key) -> [u8; LEN] {
        let mut b = [0u8; LEN];
        b[..8].copy_from_slice(&MAGIC);
        b[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        b[12..16].copy_from_slice(&self.width.to_le_bytes());
        b[16..20].copy_from_slice(&self.height.to_le_bytes());
        b[20..24].copy_from_slice(&(self.channels as u32).to_le_bytes());
        b[24..56].copy_from_slice(&self.k0.0);
        b[56..88].copy_from_slice(&file.0);
        let sum = XxHash3_64::oneshot(&b[..88]);
        b[88..].copy_from_slice(&sum.to_le_bytes());
        b
    }

    /// The alias and the file hash it was recorded for.
    /// Parses an alias file's bytes: the alias and the hash of the file it names.
    pub fn decode(b: &[u8]) -> Result<(Alias, Key), Unusable> {
        let corrupt = |why: &str| Unusable::Corrupt(why.into());
        if b.len() < 12 || b[..8] != MAGIC {
            return Err(corrupt("not an input alias"));
        }
        let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"));
        if u32_at(8) != FORMAT_VERSION {
            return Err(Unusable::OtherVersion(u32_at(8)));
        }
        if b.len() != LEN {
            return Err(Unusable::Corrupt(format!("{} bytes instead of {LEN}", b.len())));
        }
        if XxHash3_64::oneshot(&b[..88]).to_le_bytes() != b[88..] {
            return Err(corrupt("checksum mismatch"));
        }
        let channels = u32_at(20);
        let (width, height) = (u32_at(12), u32_at(16));
        if !(1..=4).contains(&channels) || width == 0 || height == 0 {
            return Err(corrupt("impossible image shape"));
        }
        let key = |at: usize| Key(b[at..at + 32].try_into().expect("32 bytes"));
        Ok((Alias { k0: key(24), width, height, channels: channels as u8 }, key(56)))
    }
}

pub fn path(dir: &Path, quick: &Key) -> PathBuf {
    dir.join(format!("{}.{ALIAS_EXT}", quick.hex()))
}

/// The outcome of an alias lookup.
pub type Lookup = super::files::Lookup<Alias>;

/// Looks up the alias of the encoded input `bytes` in `dir`; a damaged alias is removed, a
/// hit marks it as just used (its mtime) for LRU eviction, as entries are.
/// Hashes all of `bytes` only when an alias with their quick key exists.
pub fn load(dir: &Path, bytes: &[u8]) -> Lookup {
    load_with(dir, &quick_key(bytes), || file_key(bytes))
}

/// [`load`] for the input file at `path`, read a piece at a time. An unreadable file is a
/// miss (the run that reads it says why).
pub fn load_file(dir: &Path, path: &Path) -> Lookup {
    let opened = File::open(path).and_then(|f| f.metadata().map(|m| (m.len(), f)));
    let Ok((len, file)) = opened else { return Lookup::Miss };
    let Ok(quick) = quick_key_file(&file, len) else { return Lookup::Miss };
    // An unreadable file matches no alias.
    load_with(dir, &quick, || file_key_file(&file, len).unwrap_or(Key([0; 32])))
}

fn load_with(dir: &Path, quick: &Key, file_hash: impl FnOnce() -> Key) -> Lookup {
    let path = path(dir, quick);
    let read = read_alias_file(&path);
    let (file, stored) = match read {
        Ok(read) => read,
        Err(Unusable::Missing) => return Lookup::Miss,
        Err(why) => return remove_damaged(&path, "input alias", &why).map_or(Lookup::Miss, Lookup::Removed),
    };
    match Alias::decode(&stored) {
        Ok((alias, stored_hash)) if stored_hash == file_hash() => {
            // Failing to touch only makes LRU less accurate.
            let _ = file.set_modified(SystemTime::now());
            Lookup::Hit(alias)
        }
        Ok(_) => Lookup::Miss, // another file with the same length, head and tail
        Err(why) => {
            drop(file);
            remove_damaged(&path, "input alias", &why).map_or(Lookup::Miss, Lookup::Removed)
        }
    }
}

/// Reads an alias file, if it is one of ours (see [`open_ours`]); at most one
/// byte more than an alias has, so a huge file costs nothing and still reads as damaged.
fn read_alias_file(path: &Path) -> Result<(File, Vec<u8>), Unusable> {
    let (file, _) = open_ours(path)?;
    let mut stored = Vec::with_capacity(LEN + 1);
    (&file).take(LEN as u64 + 1).read_to_end(&mut stored).map_err(|e| Unusable::Corrupt(format!("unreadable: {e}")))?;
    Ok((file, stored))
}

/// Whether the alias file at `path` is sound (what the folder sweep checks).
pub fn check(path: &Path) -> Result<(), Unusable> {
    let (_, bytes) = read_alias_file(path)?;
    Alias::decode(&bytes).map(|_| ())
}

/// Records the alias of the encoded input `bytes` atomically (temp + rename), replacing
/// the one of another file with the same quick key. Returns the bytes written.
pub fn save(dir: &Path, bytes: &[u8], alias: &Alias) -> io::Result<u64> {
    save_with(dir, &quick_key(bytes), &file_key(bytes), alias)
}

/// [`save`] for the input file at `path`, read a piece at a time, if it is still as
/// `stamp` says (else nothing is recorded: `Ok(0)`).
pub fn save_file(dir: &Path, path: &Path, stamp: FileStamp, alias: &Alias) -> io::Result<u64> {
    let unchanged = || FileStamp::of(path).map(|now| now == stamp);
    if !unchanged()? {
        return Ok(0);
    }
    let file = File::open(path)?;
    let (quick, hash) = (quick_key_file(&file, stamp.len)?, file_key_file(&file, stamp.len)?);
    if !unchanged()? {
        return Ok(0);
    }
    save_with(dir, &quick, &hash, alias)
}

fn save_with(dir: &Path, quick: &Key, file_hash: &Key, alias: &Alias) -> io::Result<u64> {
    let path = path(dir, quick);
    create_folder(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
    tmp.as_file_mut().write_all(&alias.encode(file_hash))?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(LEN as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn round_trip_and_damage_is_a_removed_miss() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        let file = b"some encoded bytes".to_vec();
        assert_ne!(file_key(&file), file_key(b"some encoded bytez"));
        assert!(matches!(load(&dir, &file), Lookup::Miss));
        let a = Alias { k0: Key([7; 32]), width: 3, height: 2, channels: 4 };
        save(&dir, &file, &a).unwrap();
        let p = path(&dir, &quick_key(&file));
        let long_ago = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 20);
        File::options().write(true).open(&p).unwrap().set_modified(long_ago).unwrap();
        assert!(matches!(load(&dir, &file), Lookup::Hit(b) if b == a));
        assert!(fs::metadata(&p).unwrap().modified().unwrap() > long_ago, "a hit marks it as used");
        let mut bytes = fs::read(&p).unwrap();
        bytes[30] ^= 1;
        fs::write(&p, &bytes).unwrap();
        assert!(matches!(load(&dir, &file), Lookup::Removed(_)));
        assert!(!p.exists());
        fs::write(&p, b"").unwrap();
        assert!(matches!(load(&dir, &file), Lookup::Removed(_)));
        assert!(!p.exists());
    }

    #[test]
    fn a_file_in_the_folder_place_is_named_as_such() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        fs::write(&dir, b"a file").unwrap();
        let a = Alias { k0: Key([7; 32]), width: 3, height: 2, channels: 4 };
        let e = save(&dir, b"input", &a).unwrap_err();
        assert!(e.to_string().ends_with("c is a file, not a folder"), "{e}");
    }

    #[test]
    fn files_sharing_a_quick_key_are_told_apart_by_their_full_hash() {
        let tmp = tempfile::tempdir().unwrap();
        // Same length, first and last 64 KiB; one byte differs in the middle.
        let first = vec![1u8; 3 * QUICK_SPAN];
        let mut second = first.clone();
        second[QUICK_SPAN + 5] = 2;
        assert_eq!(quick_key(&first), quick_key(&second));
        assert_ne!(quick_key(&first), quick_key(&first[1..]), "the length is part of it");
        let (a, b) = (
            Alias { k0: Key([1; 32]), width: 1, height: 1, channels: 3 },
            Alias { k0: Key([2; 32]), width: 1, height: 1, channels: 3 },
        );
        save(tmp.path(), &first, &a).unwrap();
        assert!(matches!(load(tmp.path(), &second), Lookup::Miss), "never the other file's alias");
        save(tmp.path(), &second, &b).unwrap();
        assert!(matches!(load(tmp.path(), &second), Lookup::Hit(x) if x == b));
        assert!(matches!(load(tmp.path(), &first), Lookup::Miss), "the slot holds the last one");
    }

    /// A file read a piece at a time has the keys of its bytes in memory, so the aliases
    /// of both are one; a file changed since its stamp gets none.
    #[test]
    fn a_file_read_piece_by_piece_is_its_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        let a = Alias { k0: Key([3; 32]), width: 5, height: 6, channels: 3 };
        for len in [0, 10, QUICK_SPAN + 1, 2 * QUICK_SPAN + 7, (1 << 20) + 3] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let input = tmp.path().join(format!("in{len}"));
            fs::write(&input, &bytes).unwrap();
            assert!(matches!(load_file(&dir, &input), Lookup::Miss));
            save_file(&dir, &input, FileStamp::of(&input).unwrap(), &a).unwrap();
            assert!(matches!(load(&dir, &bytes), Lookup::Hit(x) if x == a), "{len} bytes");
            assert!(matches!(load_file(&dir, &input), Lookup::Hit(x) if x == a), "{len} bytes");
        }
        let input = tmp.path().join("changed");
        fs::write(&input, b"before").unwrap();
        let stamp = FileStamp::of(&input).unwrap();
        fs::write(&input, b"after, longer").unwrap();
        assert_eq!(save_file(&dir, &input, stamp, &a).unwrap(), 0, "not recorded");
        assert!(matches!(load_file(&dir, &input), Lookup::Miss));
        assert!(matches!(load_file(&dir, &tmp.path().join("no such file")), Lookup::Miss));
    }
}
