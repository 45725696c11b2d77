//! The cache folder's files, for entries and aliases alike: the folder created private, a
//! file opened only if it is ours, damaged files removed once, temporary names, lookups.

use super::entry::Unusable;
use std::fs::{self, File};
use std::io;
use std::path::Path;

pub(crate) const TEMP_PREFIX: &str = ".pxc-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";
/// The outcome of a disk lookup.
pub enum Lookup<T> {
    Hit(T),
    Miss,
    /// A damaged, foreign or mismatching file was found, removed, and counts as a miss.
    Removed(String),
}

impl<T> Lookup<T> {
    /// A hit's value changed by `f`; misses stay as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Lookup<U> {
        match self {
            Lookup::Hit(t) => Lookup::Hit(f(t)),
            Lookup::Miss => Lookup::Miss,
            Lookup::Removed(why) => Lookup::Removed(why),
        }
    }
}

/// Creates the cache folder if needed (private: 0700), for entries and aliases alike; a file
/// in its place is named as such (creating the folder would only say "file exists").
pub(crate) fn create_folder(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| {
        if dir.is_file() {
            io::Error::other(format!("{} is a file, not a folder", dir.display()))
        } else {
            e
        }
    })
}

/// Whether the cache folder can be trusted: if it exists, it must be a folder of this user
/// that no one else can write (or anyone could plant entries that a run would output). The
/// reason if not.
pub fn untrusted_folder(dir: &Path) -> Option<String> {
    let meta = fs::metadata(dir).ok()?;
    if !meta.is_dir() {
        return None; // the first write reports it (see `create_folder`)
    }
    not_ours(&meta).map(|why| format!("{why}; the folder must be this user's and not writable by others"))
}

/// Why a folder or file of the cache is not this user's alone: another owner, or writable
/// by group or others. `None` when it is.
fn not_ours(meta: &fs::Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let me = effective_uid();
    if meta.uid() != me {
        return Some(format!("it belongs to user {}, not to this user ({me})", meta.uid()));
    }
    if meta.mode() & 0o022 != 0 {
        return Some(format!("others can write to it (mode {:o})", meta.mode() & 0o7777));
    }
    None
}

/// The user this process acts as.
#[allow(unsafe_code)] // geteuid (libc)
fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Removes the damaged file `what` at `path`: the problem to report, or `None` when it was
/// already gone (the folder sweep or another process found it first and reports it), so a
/// damaged file is counted once.
pub(crate) fn remove_damaged(path: &Path, what: &str, why: &Unusable) -> Option<String> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        _ => Some(format!("removed {what} {}: {why}", path.display())),
    }
}

/// Opens a file of the folder for reading, if it is one of ours: a regular file (not a
/// link, FIFO or device: opening never blocks or follows), of this user, not writable by
/// others. Returns it with its length.
pub(crate) fn open_ours(path: &Path) -> Result<(File, u64), Unusable> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = match fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(Unusable::Corrupt("a symbolic link, not a file".into()))
        }
        Err(e) => return Err(Unusable::Corrupt(format!("unreadable: {e}"))),
    };
    let meta = file.metadata().map_err(|e| Unusable::Corrupt(format!("unreadable: {e}")))?;
    if !meta.is_file() {
        return Err(Unusable::Corrupt("not a regular file".into()));
    }
    if let Some(why) = not_ours(&meta) {
        return Err(Unusable::Corrupt(why));
    }
    Ok((file, meta.len()))
}
