//! The background writer: compresses and stores entries off the pipeline's path, keeps the
//! folder under its cap, and sweeps it once when it starts.

use super::disk::{DiskStore, Sweep};
use super::key::Key;
use super::stats::Stats;
use crate::image::Image;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Entries waiting to be written. Each holds an `Arc` of an image the pipeline has moved on
/// from, so this bounds the memory pending writes can pin; a full queue makes the pipeline
/// wait (back-pressure) rather than grow without bound.
const QUEUE_DEPTH: usize = 8;

/// After the folder outgrows its cap, evict down to this share of it, so a full cache does
/// not rescan the folder on every write.
const LOW_WATER_PERCENT: u64 = 90;

pub(crate) enum Job {
    Store {
        key: Key,
        image: Arc<Image>,
        compute: Duration,
        op: &'static str,
    },
    /// The encoded input's bytes (the writer hashes them) and what they decode to.
    Alias {
        bytes: Arc<Vec<u8>>,
        alias: super::alias::Alias,
    },
    /// A streamed run's output, written band by band into `file` (see
    /// `EntryTee`): finished and named `key` here.
    Streamed {
        unnamed: super::disk::Unnamed,
        key: Key,
        compute: Duration,
        op: &'static str,
    },
    /// An input file read row by row (the writer hashes it, if it is still as `stamp` says).
    AliasFile {
        path: std::path::PathBuf,
        stamp: super::alias::FileStamp,
        alias: super::alias::Alias,
    },
    Flush(mpsc::Sender<()>),
}

pub(crate) struct Writer {
    tx: SyncSender<Job>,
    /// Set when the pipeline waits for the writer (flush, finish): compression no longer
    /// uses idle time but delays the process, so what is left is stored raw.
    hurry: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Writer {
    pub fn spawn(store: DiskStore, limit: u64, stats: Arc<Mutex<Stats>>) -> Writer {
        let (tx, rx) = mpsc::sync_channel(QUEUE_DEPTH);
        let hurry = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&hurry);
        let thread = std::thread::Builder::new()
            .name("pixelpipe-cache-writer".into())
            .spawn(move || run(store, limit, &stats, &flag, rx))
            .expect("spawning the cache writer thread");
        Writer { tx, hurry, thread }
    }

    pub fn send(&self, job: Job) {
        // The writer only stops when its sender is dropped, so this cannot fail.
        let _ = self.tx.send(job);
    }

    /// Blocks until every job sent before has been done.
    pub fn flush(&self) {
        self.hurry.store(true, Ordering::Relaxed);
        let (done, wait) = mpsc::channel();
        self.send(Job::Flush(done));
        let _ = wait.recv();
        self.hurry.store(false, Ordering::Relaxed);
    }

    /// Finishes pending writes and stops the thread.
    pub fn finish(self) {
        self.hurry.store(true, Ordering::Relaxed);
        drop(self.tx);
        let _ = self.thread.join();
    }
}

/// Counts the entry of `key` written for `op` in `stats`; `None` if there was nothing to
/// write (another run stored it).
fn account(
    stats: &Mutex<Stats>,
    store: &DiskStore,
    key: &Key,
    op: &str,
    saved: std::io::Result<Option<u64>>,
) -> Option<Result<u64, (String, std::io::Error)>> {
    match saved {
        Ok(Some(len)) => {
            let mut s = stats.lock().expect("stats lock");
            s.bytes_written += len;
            s.entries_written += 1;
            s.op(op).bytes_written += len;
            Some(Ok(len))
        }
        Ok(None) => None,
        Err(e) => Some(Err((format!("cache entry {}", store.path(key).display()), e))),
    }
}

fn record_sweep(stats: &Mutex<Stats>, sweep: Sweep) {
    let mut s = stats.lock().expect("stats lock");
    s.removed_corrupt += sweep.removed_corrupt;
    s.removed_old_version += sweep.removed_old_version;
    s.evicted += sweep.evicted;
    s.problems.extend(sweep.problems);
}

fn run(store: DiskStore, limit: u64, stats: &Mutex<Stats>, hurry: &AtomicBool, rx: Receiver<Job>) {
    lower_priority();
    let problem = |msg: String| stats.lock().expect("stats lock").problems.push(msg);
    // The background sweep: old format versions, damaged entries, dead temporaries, the cap.
    let mut total = match store.sweep(limit) {
        Ok(sweep) => {
            let total = sweep.bytes;
            record_sweep(stats, sweep);
            total
        }
        Err(e) => {
            problem(format!("cannot sweep cache folder {}: {e}", store.dir().display()));
            0
        }
    };
    // After a failed write (disk full, folder unusable) the rest of the run is not stored:
    // the next writes would most likely fail the same way, and one warning says so.
    let mut failed = false;
    for job in rx {
        let written = match job {
            Job::Flush(done) => {
                let _ = done.send(());
                continue;
            }
            _ if failed => continue,
            Job::Alias { bytes, alias } => super::alias::save(store.dir(), &bytes, &alias).map_err(|e| {
                let path = super::alias::path(store.dir(), &super::alias::quick_key(&bytes));
                (format!("input alias {}", path.display()), e)
            }),
            Job::AliasFile { path, stamp, alias } => super::alias::save_file(store.dir(), &path, stamp, &alias)
                .map_err(|e| (format!("the input alias of {}", path.display()), e)),
            Job::Store { key, image, compute, op } => {
                let saved = store.save_with(&key, &image, compute, || hurry.load(Ordering::Relaxed));
                match account(stats, &store, &key, op, saved) {
                    Some(written) => written,
                    None => continue, // stored meanwhile by another run
                }
            }
            Job::Streamed { unnamed, key, compute, op } => {
                match account(stats, &store, &key, op, store.keep(unnamed, &key, compute)) {
                    Some(written) => written,
                    None => continue,
                }
            }
        };
        match written {
            Ok(len) => total += len,
            Err((what, e)) => {
                problem(format!("cannot write {what}: {e}; the rest of this run is not cached"));
                failed = true;
                continue;
            }
        }
        if total > limit {
            match store.shrink_to(limit / 100 * LOW_WATER_PERCENT) {
                Ok(sweep) => {
                    total = sweep.bytes;
                    record_sweep(stats, sweep);
                }
                Err(e) => problem(format!("cannot evict from cache folder {}: {e}", store.dir().display())),
            }
        }
    }
}

/// Compression should use idle CPU, not slow the pipeline it runs beside. On Linux, where
/// scheduling is per thread, the writer runs under `SCHED_IDLE`: it gets a core only when
/// nothing else wants it (while the output is encoded on one core, say), instead of the
/// tenth of a core that nice 10 still takes from parallel steps. Nice 10 is the fallback.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // scheduling syscalls (libc)
pub(super) fn lower_priority() {
    // SAFETY: plain syscalls on the calling thread (pid 0 / its own id) with a valid,
    // initialised parameter; failure only leaves the priority unchanged.
    unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
            libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn lower_priority() {}
