//! The cache under streaming: a streamed run never holds an image, so it neither gets nor
//! gives one. It resumes from a cached step by reading its entry as rows ([`EntryRows`]),
//! hashes its input's pixels (`k0`) as they are decoded ([`HashingSource`]), and writes its
//! output into an entry band by band ([`EntryTee`]), named once `k0`, and so the key, is
//! known at the end. Each holds a chunk or a band at a time: the run keeps its budget.

use super::disk::{DiskStore, Unnamed};
use super::entry::{self, ChunkReader, ChunkWriter, Unusable};
use super::files::{self, create_folder, TEMP_PREFIX, TEMP_SUFFIX};
use super::key::{InputHasher, Key};
use crate::core::{Context, Error, Result};
use crate::io::rows::{read_chunked, RowSource};
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Bands waiting for the tee's thread; while this many wait, chunks are stored raw so the
/// run is not held up by compression.
pub const TEE_QUEUE: usize = 2;

/// Bytes an [`EntryTee`] holds besides the bands queued for it: a chunk and its compressed
/// form.
pub const TEE_BYTES: u64 = 2 * entry::CHUNK_BYTES as u64 + 64 * 1024;

/// The output of a cached step, read as rows; every chunk was verified when the entry was
/// opened, and is checked again as it is read.
pub struct EntryRows {
    reader: ChunkReader<File>,
    ctx: Context,
    chunk: Vec<u8>,
    taken: usize,
    path: String,
}

impl EntryRows {
    /// Opens the entry of `key` in `store` if it holds a `shape` image whose every chunk
    /// verifies (a pass over it, before any row is handed out, so damage is a miss, not an
    /// error half way through a run). Returns it with its compute time and file length.
    pub(super) fn open(
        store: &DiskStore,
        key: &Key,
        shape: (u32, u32, u8),
    ) -> files::Lookup<(EntryRows, Duration, u64)> {
        store.open(key, shape, |file, header| {
            entry::verify_body(file, &header)?;
            let file = file.try_clone().map_err(|e| Unusable::Corrupt(format!("unreadable: {e}")))?;
            let (compute, len) = (header.compute, header.file_len());
            let rows = EntryRows {
                reader: ChunkReader::new(file, header),
                ctx: Context::new(shape.0, shape.1, shape.2),
                chunk: Vec::new(),
                taken: 0,
                path: store.path(key).display().to_string(),
            };
            Ok((rows, compute, len))
        })
    }
}

impl RowSource for EntryRows {
    fn context(&self) -> Context {
        self.ctx.clone()
    }

    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        let EntryRows { reader, chunk, taken, path, .. } = self;
        read_chunked(out, chunk, taken, |chunk| {
            reader
                .next_chunk(chunk)
                .map_err(|why| Error::processing(format!("the cache entry {path} changed while it was read: {why}")))
        })
    }
}

/// A row source that hashes the pixels it hands out: once they are all read, `k0` is in the
/// slot ([`HashingSource::key`]). The hashing runs wherever the rows are read: on the
/// decoder's thread in a streamed run.
pub struct HashingSource<'a> {
    inner: Box<dyn RowSource + 'a>,
    hasher: Option<InputHasher>,
    left: u64,
    key: Arc<Mutex<Option<Key>>>,
}

impl<'a> HashingSource<'a> {
    pub fn new(inner: Box<dyn RowSource + 'a>) -> HashingSource<'a> {
        let ctx = inner.context();
        HashingSource {
            hasher: Some(InputHasher::new(ctx.width, ctx.height, ctx.channels)),
            left: ctx.memory_estimate(),
            inner,
            key: Arc::default(),
        }
    }

    /// Where `k0` will be once every row was read.
    pub fn key(&self) -> Arc<Mutex<Option<Key>>> {
        Arc::clone(&self.key)
    }
}

impl RowSource for HashingSource<'_> {
    fn context(&self) -> Context {
        self.inner.context()
    }

    fn held(&self) -> Option<(String, u64)> {
        self.inner.held()
    }

    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        self.inner.read(out)?;
        if let Some(h) = self.hasher.as_mut() {
            h.update(out);
        }
        self.left = self.left.saturating_sub(out.len() as u64);
        if self.left == 0 {
            if let Some(h) = self.hasher.take() {
                *self.key.lock().expect("key slot") = Some(h.finish());
            }
        }
        Ok(())
    }
}

/// Why an [`EntryTee`] stored nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotStored {
    /// The entry outgrew the cache's cap (its size so far).
    TooLarge(u64),
    /// Writing failed (the reason is also among the cache's problems).
    Failed(String),
    /// The memory budget has no room for the entry's buffers (about this many bytes, plus
    /// the bands queued for it) beside the run's.
    NoRoom(u64),
}

/// What the tee's thread gives back: the entry written so far, or why it stopped.
type Written = std::result::Result<Unnamed, NotStored>;

/// An entry written band by band beside a streamed run: each band is copied to a thread of
/// its own that cuts, compresses and writes it into a temporary file of the cache folder.
/// [`EntryTee::finish`] names it and hands it to the cache's writer; dropped unfinished (the
/// run failed), its file is removed.
pub struct EntryTee {
    tx: Option<SyncSender<Vec<u8>>>,
    recycled: Receiver<Vec<u8>>,
    queued: Arc<AtomicUsize>,
    thread: Option<JoinHandle<Written>>,
}

impl EntryTee {
    /// A tee writing the entry of a `shape` image into `store`'s folder, abandoned past
    /// `cap` bytes; `idle`: its thread runs on idle cores only.
    pub(super) fn spawn(store: &DiskStore, shape: (u32, u32, u8), compress: bool, cap: u64, idle: bool) -> EntryTee {
        let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(TEE_QUEUE);
        let (back, recycled) = mpsc::channel();
        let queued = Arc::new(AtomicUsize::new(0));
        let waiting = Arc::clone(&queued);
        let dir = store.dir().to_path_buf();
        let thread = std::thread::Builder::new()
            .name("pixelpipe-cache-tee".into())
            .spawn(move || {
                if idle {
                    super::writer::lower_priority();
                }
                write_bands(&dir, shape, compress, cap, rx, back, &waiting)
            })
            .expect("spawning the cache tee thread");
        EntryTee { tx: Some(tx), recycled, queued, thread: Some(thread) }
    }

    /// Copies the next rows of the output to the entry. Never fails: once the entry is
    /// abandoned (too large, a failed write) the rows are dropped, and `finish` says why.
    pub fn push(&mut self, rows: &[u8]) {
        let Some(tx) = &self.tx else { return };
        let mut buf = self.recycled.try_recv().unwrap_or_default();
        buf.clear();
        buf.extend_from_slice(rows);
        self.queued.fetch_add(1, Ordering::Relaxed);
        if tx.send(buf).is_err() {
            self.tx = None; // the thread stopped: its reason comes with `finish`
        }
    }

    /// Ends the entry: the entry written so far and its file, or why there is none.
    fn written(&mut self) -> Written {
        self.tx = None;
        let thread = self.thread.take().expect("joined once");
        thread.join().unwrap_or_else(|_| Err(NotStored::Failed("the cache tee thread panicked".into())))
    }

    /// Ends the entry and sends it to `writer` to be named `key` (with `compute`, the time
    /// from the input to this output) and kept, unless the cache has it already.
    pub(super) fn finish(
        mut self,
        writer: &super::writer::Writer,
        key: Key,
        compute: Duration,
        op: &'static str,
    ) -> std::result::Result<(), NotStored> {
        let unnamed = self.written()?;
        writer.send(super::writer::Job::Streamed { unnamed, key, compute, op });
        Ok(())
    }
}

impl Drop for EntryTee {
    fn drop(&mut self) {
        if self.thread.is_some() {
            let _ = self.written(); // its temporary file is removed with it
        }
    }
}

/// The tee's thread: writes the bands it is sent into a new entry until they end, the entry
/// outgrows `cap`, or a write fails.
fn write_bands(
    dir: &Path,
    shape: (u32, u32, u8),
    compress: bool,
    cap: u64,
    rx: Receiver<Vec<u8>>,
    back: Sender<Vec<u8>>,
    queued: &AtomicUsize,
) -> Written {
    let failed = |e: std::io::Error| NotStored::Failed(format!("cannot write a cache entry in {}: {e}", dir.display()));
    create_folder(dir).map_err(failed)?;
    let file = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(dir).map_err(failed)?;
    let registered = crate::cleanup::register(file.path(), file.as_file());
    let mut entry = ChunkWriter::new(file.as_file().try_clone().map_err(failed)?, shape, compress).map_err(failed)?;
    let hurry = || queued.load(Ordering::Relaxed) >= TEE_QUEUE;
    for band in rx {
        queued.fetch_sub(1, Ordering::Relaxed);
        entry.push(&band, &hurry).map_err(failed)?;
        if entry.file_len() > cap {
            return Err(NotStored::TooLarge(entry.file_len()));
        }
        let _ = back.send(band);
    }
    Ok(Unnamed { file, entry, _registered: registered })
}
