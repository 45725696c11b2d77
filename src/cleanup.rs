//! Files that must not outlive an interrupted run: temporary outputs and cache temps.
//!
//! A file is registered while it exists half-written ([`Registered`]); when the process gets
//! SIGINT, SIGTERM or SIGHUP (after [`install_signal_handlers`]), the handler unlinks every
//! registered file and then lets the signal end the process as it would have (exit status
//! 128 + signal). The handler does only async-signal-safe work: it reads fixed slots and
//! calls `unlink`. After a SIGKILL nothing can run; the next write into the same folder
//! removes stale temporary files of our naming pattern (see `io::output`): old ones that no
//! living process holds ([`in_use`]), never by age alone, since a slow run may write nothing
//! to its output for minutes.
//!
//! Only the command line installs the handlers: a library user keeps their own.

// A fixed table read by a signal handler and the sigaction calls need `unsafe` (libc).
#![allow(unsafe_code)]

use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

/// How many files can be registered at once (outputs being written, cache entries in
/// flight). A file that finds no free slot is simply not cleaned up by a signal.
const SLOTS: usize = 64;
/// Longest path (bytes, with its NUL) a slot holds; longer paths are not registered.
const PATH_MAX: usize = 1024;

const FREE: u8 = 0;
const WRITING: u8 = 1;
const ACTIVE: u8 = 2;

struct Slot {
    state: AtomicU8,
    path: std::cell::UnsafeCell<[u8; PATH_MAX]>,
}

// SAFETY: a slot's path is written only by the thread that moved its state FREE → WRITING,
// and read (by the signal handler) only while the state is ACTIVE.
unsafe impl Sync for Slot {}

/// A fixed table of registered paths (no allocation, no lock: the handler reads it).
struct Registry([Slot; SLOTS]);

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot { state: AtomicU8::new(FREE), path: std::cell::UnsafeCell::new([0; PATH_MAX]) };
static PROCESS: Registry = Registry([EMPTY; SLOTS]);

/// A file registered for removal on a fatal signal; dropping it unregisters (it does not
/// remove the file: its owner does, or renames it into place).
pub struct Registered {
    slot: Option<&'static Slot>,
}

impl std::fmt::Debug for Registered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registered").field("registered", &self.slot.is_some()).finish()
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Some(slot) = self.slot {
            slot.state.store(FREE, Ordering::Release);
        }
    }
}

/// Registers the temporary file `path`, open as `file`, for as long as the returned
/// [`Registered`] lives: removed on a fatal signal (the path made absolute, so a later change
/// of folder does not matter), and marked as in use by a shared advisory lock on `file`, which
/// [`in_use`] sees from any process and which ends with the process however it ends.
pub fn register(path: &Path, file: &std::fs::File) -> Registered {
    use std::os::fd::AsRawFd;
    // SAFETY: flock only changes the lock of a descriptor `file` keeps open. A shared lock
    // never waits for another shared one; it is released when `file` is closed.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH | libc::LOCK_NB) };
    PROCESS.register(path)
}

/// Whether a temporary file is held by a writer that is still alive (its lock from
/// [`register`]). A file that cannot be opened is not taken for abandoned either. Sweeps
/// remove a temporary only when it is both old and not in use: the age covers the moment
/// between its creation and its lock.
pub fn in_use(path: &Path) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(file) = std::fs::File::open(path) else { return true };
    // SAFETY: as in `register`; the exclusive lock, if granted, ends when `file` is closed.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) != 0 }
}

impl Registry {
    fn register(&'static self, path: &Path) -> Registered {
        use std::os::unix::ffi::OsStrExt;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let bytes = absolute.as_os_str().as_bytes();
        if bytes.len() >= PATH_MAX || bytes.contains(&0) {
            return Registered { slot: None };
        }
        for slot in &self.0 {
            if slot.state.compare_exchange(FREE, WRITING, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                // SAFETY: this thread owns the slot while it is WRITING (see `Slot`).
                let buf = unsafe { &mut *slot.path.get() };
                buf[..bytes.len()].copy_from_slice(bytes);
                buf[bytes.len()] = 0;
                slot.state.store(ACTIVE, Ordering::Release);
                return Registered { slot: Some(slot) };
            }
        }
        Registered { slot: None }
    }

    /// Unlinks every registered file. Async-signal-safe.
    fn remove_all(&self) {
        for slot in &self.0 {
            if slot.state.load(Ordering::Acquire) == ACTIVE {
                // SAFETY: the path is NUL-terminated and not rewritten while ACTIVE.
                unsafe { libc::unlink(slot.path.get() as *const libc::c_char) };
            }
        }
    }
}

extern "C" fn on_signal(signal: libc::c_int) {
    PROCESS.remove_all();
    // SA_RESETHAND restored the default action; the signal is blocked while this handler
    // runs, so it is delivered (and ends the process) when the handler returns.
    unsafe { libc::raise(signal) };
}

/// Installs the SIGINT/SIGTERM/SIGHUP handlers (once; later calls do nothing).
pub fn install_signal_handlers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: a zeroed sigaction is a valid starting point; the handler is
            // async-signal-safe (see `remove_registered`).
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                action.sa_flags = libc::SA_RESETHAND;
                libc::sigemptyset(&mut action.sa_mask);
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_files_are_removed_and_slots_reused() {
        // A registry of the test's own: the process's is shared with concurrent tests.
        let registry: &'static Registry = Box::leak(Box::new(Registry([EMPTY; SLOTS])));
        let register = |p: &Path| registry.register(p);
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.tmp"), dir.path().join("b.tmp"));
        std::fs::write(&a, b"x").unwrap();
        std::fs::write(&b, b"y").unwrap();
        let ra = register(&a);
        let rb = register(&b);
        drop(rb);
        registry.remove_all();
        assert!(!a.exists(), "a registered file is removed");
        assert!(b.exists(), "an unregistered one is not");
        drop(ra);
        // Every slot can be taken and given back.
        let all: Vec<_> = (0..SLOTS).map(|_| register(&a)).collect();
        assert!(all.iter().all(|r| r.slot.is_some()));
        assert!(register(&a).slot.is_none(), "no free slot: not registered");
        drop(all);
        assert!(register(&a).slot.is_some());
    }

    #[test]
    fn a_registered_file_is_in_use_until_it_is_closed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.tmp");
        let file = std::fs::File::create(&path).unwrap();
        assert!(!in_use(&path), "nobody holds it yet");
        let registered = super::register(&path, &file);
        assert!(in_use(&path), "held by its writer");
        drop(registered);
        assert!(in_use(&path), "the lock lives with the open file, not the registration");
        drop(file);
        assert!(!in_use(&path), "closed: abandoned");
        assert!(in_use(&dir.path().join("gone.tmp")), "a file that cannot be opened is left alone");
    }
}
