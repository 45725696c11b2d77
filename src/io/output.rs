//! Writing outputs without ever leaving half a file, and without replacing what is not a
//! plain file.
//!
//! - A new path or an existing regular file is written atomically: encoded into a
//!   temporary file `.pixelpipe-XXXXXX.tmp` in the same folder, then renamed into place. The
//!   temporary file is registered with [`crate::cleanup`], so SIGINT/SIGTERM/SIGHUP remove
//!   it; after a SIGKILL, the next write into that folder removes our temporary files older
//!   than [`STALE_TEMP`] that no living process holds (`crate::cleanup::in_use`).
//! - A device, FIFO or socket (`/dev/null`, a named pipe), a descriptor's name
//!   (`/dev/stdout`, `/dev/fd/N`) and anything under `/proc` is written directly: renaming
//!   over it would replace it. A write error (`/dev/full`) is an error. Other paths under
//!   `/dev` (`/dev/shm`) are files like any other: what they are decides, not where.
//! - A symbolic link to a regular file: the file it points at is replaced, the link stays.
//! - An existing output that is read-only is refused, not replaced.
//! - New files get the mode a plain `create` would give (0666 less the umask); a replaced
//!   file keeps its mode.

// Descriptor 1 read before Rust's runtime reopens it, and written without std's EBADF
// swallowing, need `unsafe` (libc, raw descriptors); the tests make FIFOs.
#![allow(unsafe_code)]

use crate::core::{Error, Result};
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Name pattern of our temporary outputs: prefix, random part of this length, suffix.
const TEMP_PREFIX: &str = ".pixelpipe-";
const TEMP_RANDOM: usize = 6;
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary output older than this, and held by no process, was left by a killed one.
pub const STALE_TEMP: Duration = Duration::from_secs(60);

/// Where and how an output path is written.
#[derive(Debug, PartialEq)]
enum Target {
    /// Written in place: a device, FIFO, socket, or a descriptor's name.
    Direct,
    /// Written atomically to this path (the target of a symbolic link, or the path itself).
    Atomic(PathBuf),
}

/// Whether `path` names an open descriptor (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`)
/// or a file of `/proc`: written in place whatever it points at, since replacing what a
/// descriptor's link resolves to would leave the descriptor on the old file.
fn names_descriptor(path: &Path) -> bool {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.starts_with("/proc")
        || absolute.starts_with("/dev/fd")
        || ["/dev/stdout", "/dev/stderr", "/dev/stdin"].iter().any(|n| absolute == Path::new(n))
}

fn target(path: &Path) -> Result<Target> {
    if names_descriptor(path) {
        return Ok(Target::Direct);
    }
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling symbolic link is replaced like a new file would be created.
            return Ok(Target::Atomic(path.to_path_buf()));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::Usage(format!("output {} is a folder; name a file", path.display())));
    }
    if !meta.is_file() {
        return Ok(Target::Direct);
    }
    if meta.permissions().mode() & 0o222 == 0 {
        return Err(Error::Usage(format!(
            "output {} exists and is read-only (mode {:o}); it is not replaced: remove it or name another file",
            path.display(),
            meta.permissions().mode() & 0o7777
        )));
    }
    let is_link = fs::symlink_metadata(path).map(|m| m.file_type().is_symlink()).unwrap_or(false);
    Ok(Target::Atomic(if is_link {
        fs::canonicalize(path).map_err(|e| Error::io(path, e))?
    } else {
        path.to_path_buf()
    }))
}

/// Writes what `write` produces to `path` (see the module docs for how). `write` must not
/// need to seek back further than it wrote (every encoder here writes front to back or
/// into a seekable file it is given).
pub fn write_output(path: &Path, write: impl FnOnce(&mut fs::File) -> Result<()>) -> Result<()> {
    match target(path)? {
        // Standard output by name: descriptor 1 itself, so a `>>` redirection keeps appending
        // (opening the name again would start a new offset at 0).
        Target::Direct if ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].iter().any(|n| path == Path::new(n)) => {
            let mut out = stdout_file().map_err(|e| Error::io(path, e))?;
            write(&mut out)?;
            out.flush().map_err(|e| Error::io(path, e))
        }
        Target::Direct => {
            let mut file = fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(path, e))?;
            write(&mut file)?;
            file.flush().map_err(|e| Error::io(path, e))
        }
        Target::Atomic(real) => write_atomic(&real, write),
    }
}

/// Runs `write` on a temporary file next to `path` and renames it into place on success.
/// A failure, or a fatal signal, leaves no partial output behind.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut fs::File) -> Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    remove_stale_temps_once(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .rand_bytes(TEMP_RANDOM)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let _registered = crate::cleanup::register(tmp.path(), tmp.as_file());
    write(tmp.as_file_mut())?;
    // Temporary files are private (0600); the output gets the mode a plain create would
    // give (the replaced file's, else 0666 less the umask).
    let mode = fs::metadata(path).map(|m| m.permissions().mode()).unwrap_or(0o666 & !umask());
    tmp.as_file().set_permissions(fs::Permissions::from_mode(mode)).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// The process's umask, read without changing it (`umask(2)` can only be read by setting
/// it, which would race with other threads creating files).
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Umask:").map(|v| v.trim().to_string())))
        .and_then(|v| u32::from_str_radix(&v, 8).ok())
        .unwrap_or(0o022)
}

/// Whether `name` is one of our temporary output names.
fn is_our_temp(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| random.len() == TEMP_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes our temporary outputs older than [`STALE_TEMP`] from `dir`, once per folder and
/// process (a batch writing thousands of files into one folder lists it once).
fn remove_stale_temps_once(dir: &Path) {
    static SWEPT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let key = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    {
        let mut swept = SWEPT.lock().unwrap_or_else(|e| e.into_inner());
        if swept.contains(&key) {
            return;
        }
        swept.push(key);
    }
    remove_stale_temps(dir, SystemTime::now());
}

fn remove_stale_temps(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_our_temp) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age > STALE_TEMP);
        if meta.is_file() && old && !crate::cleanup::in_use(&entry.path()) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether descriptor 1 was closed when the process started. Rust's runtime reopens a closed
/// standard descriptor on /dev/null before `main` (so later files cannot take its number),
/// which would make writing to it "succeed"; this runs earlier, as an ELF constructor.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn note_closed_stdout() {
    // SAFETY: fcntl(F_GETFD) only queries the descriptor.
    let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
    STDOUT_CLOSED.store(closed, std::sync::atomic::Ordering::Relaxed);
}

#[used]
#[link_section = ".init_array"]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

/// Writes `bytes` to standard output. Unlike `std::io::stdout`, a closed descriptor is an
/// error, not silently nothing.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = stdout_file()?;
    out.write_all(bytes)?;
    out.flush()
}

/// Descriptor 1 as a file, borrowed (never closed); EBADF if it was closed at start.
fn stdout_file() -> std::io::Result<std::mem::ManuallyDrop<fs::File>> {
    use std::os::fd::FromRawFd;
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(std::io::Error::from_raw_os_error(libc::EBADF));
    }
    // SAFETY: descriptor 1 stays open for the process; ManuallyDrop never closes it.
    Ok(std::mem::ManuallyDrop::new(unsafe { fs::File::from_raw_fd(1) }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    fn ok(path: &Path, bytes: &[u8]) -> Result<()> {
        write_output(path, |f| f.write_all(bytes).map_err(|e| Error::io(path, e)))
    }

    #[test]
    fn devices_and_fifos_are_written_not_replaced() {
        ok(Path::new("/dev/null"), b"data").unwrap();
        assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());
        let e = ok(Path::new("/dev/full"), b"data").unwrap_err();
        assert!(e.to_string().contains("/dev/full"), "{e}");
        assert_eq!(e.exit_code(), 1);
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        ok(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
    }

    /// `/dev/shm` is a folder of plain files: a new one there failed (ENOENT), and an
    /// existing one was overwritten in place without being truncated.
    #[test]
    fn plain_files_under_dev_are_written_atomically() {
        let Ok(dir) = tempfile::tempdir_in("/dev/shm") else { return }; // no /dev/shm here
        let new = dir.path().join("new.png");
        ok(&new, b"new file").unwrap();
        assert_eq!(fs::read(&new).unwrap(), b"new file");
        let longer = dir.path().join("longer.png");
        fs::write(&longer, vec![7u8; 1000]).unwrap();
        ok(&longer, b"short").unwrap();
        assert_eq!(fs::read(&longer).unwrap(), b"short", "replaced whole, nothing stale after it");
        assert_eq!(target(&longer).unwrap(), Target::Atomic(longer.clone()));
        assert_eq!(target(Path::new("/dev/null")).unwrap(), Target::Direct);
        assert_eq!(target(Path::new("/dev/fd/1")).unwrap(), Target::Direct);
    }

    #[test]
    fn read_only_outputs_folders_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro.png");
        fs::write(&ro, b"keep").unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
        let e = ok(&ro, b"new").unwrap_err();
        assert!(e.to_string().contains("read-only") && e.exit_code() == 2, "{e}");
        assert_eq!(fs::read(&ro).unwrap(), b"keep");
        assert!(ok(dir.path(), b"x").unwrap_err().to_string().contains("is a folder"));
        // A link to a file: the file is replaced, the link stays a link.
        let real = dir.path().join("real.png");
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.png");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        ok(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn new_outputs_honour_the_umask_and_replaced_ones_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.png");
        ok(&new, b"x").unwrap();
        assert_eq!(fs::metadata(&new).unwrap().permissions().mode() & 0o777, 0o666 & !umask());
        let kept = dir.path().join("kept.png");
        fs::write(&kept, b"old").unwrap();
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o640)).unwrap();
        ok(&kept, b"x").unwrap();
        assert_eq!(fs::metadata(&kept).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn stale_temporary_outputs_are_removed_fresh_ones_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".pixelpipe-AbC123.tmp");
        let fresh = dir.path().join(".pixelpipe-XyZ789.tmp");
        let foreign = dir.path().join(".pixelpipe-notours.tmp");
        for p in [&stale, &fresh, &foreign] {
            fs::write(p, b"partial").unwrap();
        }
        let old = SystemTime::now() - 2 * STALE_TEMP;
        for p in [&stale, &foreign] {
            fs::File::options().write(true).open(p).unwrap().set_modified(old).unwrap();
        }
        assert_eq!(remove_stale_temps(dir.path(), SystemTime::now()), 1);
        assert!(!stale.exists() && fresh.exists() && foreign.exists());
        // A failed write leaves nothing.
        let out = dir.path().join("out.png");
        assert!(write_atomic(&out, |_| Err(Error::processing("boom"))).is_err());
        assert!(!out.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    /// A run whose first step is slow writes nothing to its temporary output for minutes:
    /// another run's sweep of the folder took it for stale by its age and deleted it.
    #[test]
    fn a_temporary_output_still_being_written_is_never_swept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("slow.png");
        write_atomic(&out, |file| {
            file.write_all(b"first bytes").unwrap();
            file.set_modified(SystemTime::now() - 10 * STALE_TEMP).unwrap();
            assert_eq!(remove_stale_temps(dir.path(), SystemTime::now()), 0, "the live temporary is kept");
            file.write_all(b", the rest").map_err(|e| Error::io(&out, e))
        })
        .unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"first bytes, the rest");
    }
}
