//! The step cache (docs/design.md §5): a re-run costs only the steps that changed.
//!
//! - **Keys** are chained ([`key`]): `k0` hashes the decoded input once, each step's key
//!   hashes its parent key, operation name, canonical parameters and versions, so looking up
//!   step n never touches pixels.
//! - **Memory tier**: an LRU of `Arc<Image>` bounded in bytes; a hit is an `Arc` clone.
//! - **Disk tier**: one checksummed, lz4-compressed file per entry ([`entry`], [`disk`]),
//!   written by a low-priority background thread ([`writer`]) through temp + rename.
//!   The writer runs under `SCHED_IDLE` (idle cores only); what is still pending when the
//!   run waits for it is stored uncompressed, so compression never delays a run.
//! - **Input aliases** ([`alias`]): an encoded input's bytes → its `k0` and shape, so a
//!   re-run finds its steps without decoding the input.
//! - **What is stored**: every step's output with [`Settings::store_all`]; by default a large
//!   intermediate output is skipped when recomputing it is cheaper than storing it, or when
//!   the input is new and the next step would change it in place ([`Cache::worth_storing`]);
//!   the last step's output is always stored.
//! - The pipeline looks up from the last step backwards and restarts after the deepest hit.
//! - Damage of any kind is a miss: the file is removed and the reason reported in
//!   [`Stats::problems`]; never an error or a wrong image.

pub mod alias;
pub mod disk;
pub mod entry;
pub mod files;
pub mod key;
mod memory;
pub mod rows;
pub mod stats;
pub mod streamed;
mod writer;

pub use alias::Alias;
pub use disk::DiskStore;
pub use key::Key;
pub use stats::Stats;
pub use streamed::{EntryRows, EntryTee, HashingSource, NotStored};

use crate::core::{Context, OpSpec, Parsed};
use crate::image::Image;
use memory::MemoryTier;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use writer::{Job, Writer};

/// Default cap of the disk tier.
pub const DEFAULT_MAX_SIZE: u64 = 1 << 30;
/// Outputs smaller than this are always stored: they cost next to nothing.
pub const ALWAYS_STORE_BYTES: usize = 4 << 20;
/// What storing an output costs, as bytes per second: writing it, then reading it back on a
/// hit.
pub const STORE_BYTES_PER_SEC: u64 = 1 << 30;
/// What copying an output into a fresh buffer costs, page faults included, as bytes per
/// second (about 10 ms for a 10 MP RGB image here): the price an in-place next step pays
/// when the cache holds its input.
pub const COPY_BYTES_PER_SEC: u64 = 3 << 30;

/// Default bound of the memory tier.
pub const DEFAULT_MEMORY_SIZE: u64 = 256 << 20;

/// How a cache is set up (the resolved `cache:` configuration).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Folder of the disk tier; `None` keeps the cache in memory only.
    pub dir: Option<PathBuf>,
    /// Cap of the disk tier in bytes.
    pub max_size: u64,
    /// Bound of the memory tier in bytes (0 disables it).
    pub memory_size: u64,
    /// lz4-compress disk entries (otherwise they are stored raw).
    pub compression: bool,
    /// Store every step's output. Otherwise (the default) a large intermediate output is
    /// skipped when recomputing it from the previous stored point is cheaper than storing
    /// it (see [`Cache::worth_storing`]); the last step's output is always stored.
    pub store_all: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            dir: None,
            max_size: DEFAULT_MAX_SIZE,
            memory_size: DEFAULT_MEMORY_SIZE,
            compression: true,
            store_all: false,
        }
    }
}

/// The platform's cache folder for pixelpipe (`$XDG_CACHE_HOME/pixelpipe`,
/// `~/.cache/pixelpipe`, `~/Library/Caches/pixelpipe`, `%LOCALAPPDATA%\pixelpipe\cache`).
pub fn platform_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(|d| d.join("pixelpipe").join("cache"));
    }
    if cfg!(target_os = "macos") {
        return var("HOME").map(|h| h.join("Library/Caches/pixelpipe"));
    }
    var("XDG_CACHE_HOME").map(|d| d.join("pixelpipe")).or_else(|| var("HOME").map(|h| h.join(".cache/pixelpipe")))
}

/// A step as the cache knows it: its operation and its (validated) parameters.
pub type StepId<'a> = (&'a OpSpec, &'a Parsed);

/// What the cache needs to know about one run: each step's key and operation name.
#[derive(Debug, Clone)]
pub struct Plan {
    k0: Key,
    keys: Vec<Key>,
    ops: Vec<&'static str>,
    /// The first step with a seed drawn from the OS: from it on, no result can be asked for
    /// again, so none is stored.
    unrepeatable: usize,
    /// Time this run already spent decoding its input: a hit does not save it.
    decoded: Duration,
}

impl Plan {
    /// Hashes `input` once and chains the keys of `steps` (each an operation and its
    /// parameters).
    pub fn new<'a>(input: &Image, steps: impl IntoIterator<Item = StepId<'a>>) -> Plan {
        Plan::from_k0(key::input_key(input), steps)
    }

    /// Chains the keys of `steps` from a known `k0` (an input alias's).
    pub fn from_k0<'a>(k0: Key, steps: impl IntoIterator<Item = StepId<'a>>) -> Plan {
        let mut k = k0;
        let mut keys = Vec::new();
        let mut ops = Vec::new();
        let mut unrepeatable = None;
        for (i, (spec, params)) in steps.into_iter().enumerate() {
            k = key::step_key(&k, spec, params);
            keys.push(k);
            ops.push(spec.name);
            if params.drawn_seed {
                unrepeatable.get_or_insert(i);
            }
        }
        let unrepeatable = unrepeatable.unwrap_or(keys.len());
        Plan { k0, keys, ops, unrepeatable, decoded: Duration::ZERO }
    }

    /// Says this run decoded its input in `took` (a cached entry's compute time includes
    /// its run's decode, so a hit that skips the decode saves it, and one that does not
    /// saves less).
    pub fn decoded(self, took: Duration) -> Plan {
        Plan { decoded: took, ..self }
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The input's key.
    pub fn k0(&self) -> Key {
        self.k0
    }
}

/// One run's view of the cache, the seam a pipeline runs through (docs/design.md §5): it
/// knows the run's keys, says where the run can resume, and is offered each step's output,
/// deciding what is kept (by cost, see [`Cache::worth_storing`]).
#[derive(Debug)]
pub struct StepStore {
    cache: Cache,
    plan: Plan,
    /// Time from the input to the latest output (decoding included).
    compute: Duration,
    /// Time to recompute the latest output from the last stored point.
    since: Duration,
}

impl StepStore {
    /// The store of a run whose input (`k0`) took `decoded` to decode, through `steps`.
    pub fn new<'a>(
        cache: &Cache,
        k0: Key,
        steps: impl IntoIterator<Item = StepId<'a>>,
        decoded: Duration,
    ) -> StepStore {
        let plan = Plan::from_k0(k0, steps).decoded(decoded);
        StepStore { cache: cache.clone(), plan, compute: decoded, since: decoded }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The deepest step whose output the cache holds (see [`Cache::resume`]); the run goes
    /// on from it.
    pub fn resume(&mut self, expected: &[Context]) -> Option<Resume> {
        let hit = self.cache.resume(&self.plan, expected)?;
        (self.compute, self.since) = (hit.compute, Duration::ZERO);
        Some(hit)
    }

    /// Offers the output of step `step` (0-based), computed in `elapsed`; `next_in_place`:
    /// the next step would change it in place if the cache did not hold it. Returns whether
    /// it is stored.
    pub fn offer(&mut self, step: usize, image: &Arc<Image>, elapsed: Duration, next_in_place: bool) -> bool {
        self.compute += elapsed;
        self.since += elapsed;
        let output = Candidate {
            bytes: image.as_bytes().len(),
            since: self.since,
            last: step + 1 == self.plan.keys.len(),
            next_in_place,
        };
        if step >= self.plan.unrepeatable || !self.cache.worth_storing(&output) {
            return false;
        }
        self.cache.store(&self.plan, step, image, self.compute);
        self.since = Duration::ZERO;
        true
    }
}

/// A step's output, as [`Cache::worth_storing`] weighs it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    /// Size of the output's pixels.
    pub bytes: usize,
    /// Time to recompute it from the previous stored point (the input, counting its
    /// decoding, or a cached step).
    pub since: Duration,
    /// It is the last step's output.
    pub last: bool,
    /// The next step would change it in place ([`crate::Operation::in_place`]).
    pub next_in_place: bool,
}

/// A cached step output to restart from.
#[derive(Debug, Clone)]
pub struct Resume {
    /// Index of the step (0-based among the run's steps) whose output this is.
    pub step: usize,
    pub image: Arc<Image>,
    /// Time it took to compute this image from the input when it was cached (decoding
    /// the input included, when that run decoded it).
    pub compute: Duration,
    /// Time to fetch it now.
    pub load: Duration,
    pub from_disk: bool,
}

struct Inner {
    settings: Settings,
    disk: Option<DiskStore>,
    memory: Mutex<MemoryTier>,
    stats: Arc<Mutex<Stats>>,
    writer: Option<Writer>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(w) = self.writer.take() {
            w.finish();
        }
    }
}

/// A cache handle; cheap to clone (shared). Dropping the last clone finishes pending
/// writes.
#[derive(Clone)]
pub struct Cache {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("settings", &self.inner.settings).finish()
    }
}

impl Cache {
    /// Opens a cache. Creates no folder (the first write does) and reads nothing yet; with
    /// a folder, starts the background writer, which first sweeps the folder.
    /// A folder that others can write to (or that belongs to another user) is not used: the
    /// run goes on with the memory tier only, and says why (in [`Cache::stats`]' problems).
    pub fn open(settings: Settings) -> Cache {
        let stats = Arc::new(Mutex::new(Stats::default()));
        let untrusted = settings.dir.as_deref().and_then(|d| files::untrusted_folder(d).map(|why| (d, why)));
        if let Some((dir, why)) = &untrusted {
            stats
                .lock()
                .expect("stats lock")
                .problems
                .push(format!("not using the cache folder {}: {why}; running without the disk cache", dir.display()));
        }
        let dir = settings.dir.clone().filter(|_| untrusted.is_none());
        let disk = dir.map(|d| DiskStore::new(d, settings.compression));
        let writer = disk.clone().map(|d| Writer::spawn(d, settings.max_size, Arc::clone(&stats)));
        let memory = Mutex::new(MemoryTier::new(settings.memory_size));
        Cache { inner: Arc::new(Inner { settings, disk, memory, stats, writer }) }
    }

    /// The disk tier's folder, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.inner.disk.as_ref().map(|d| d.dir())
    }

    fn stats_mut(&self) -> MutexGuard<'_, Stats> {
        self.inner.stats.lock().expect("stats lock")
    }

    fn memory(&self) -> MutexGuard<'_, MemoryTier> {
        self.inner.memory.lock().expect("memory tier lock")
    }

    /// Finds the deepest cached step, looking up from the last step backwards. `expected`
    /// are the contexts validation predicted after each step: an entry of another shape is
    /// treated as damaged (removed, reported, a miss).
    pub(super) fn resume(&self, plan: &Plan, expected: &[Context]) -> Option<Resume> {
        self.look_back(plan, expected, |key, shape| {
            if let Some((image, compute)) = self.memory_hit(key, shape) {
                return files::Lookup::Hit((image, compute, false));
            }
            let Some(disk) = &self.inner.disk else { return files::Lookup::Miss };
            disk.load(key, shape).map(|l| {
                let image = Arc::new(l.image);
                self.memory().insert(*key, Arc::clone(&image), l.compute);
                self.stats_mut().bytes_read += l.bytes;
                (image, l.compute, true)
            })
        })
        .map(|(step, (image, compute, from_disk), load)| Resume { step, image, compute, load, from_disk })
    }

    /// [`Cache::resume`] for a streamed run: the deepest step whose output the disk tier
    /// holds, verified, as rows to read (the memory tier is not looked at: a streamed run
    /// holds no whole image, and gives none).
    /// Returns the step (0-based), its rows and the time it took to compute from the input.
    pub(super) fn resume_rows(&self, plan: &Plan, expected: &[Context]) -> Option<(usize, EntryRows, Duration)> {
        let disk = self.inner.disk.as_ref()?;
        self.look_back(plan, expected, |key, shape| {
            EntryRows::open(disk, key, shape).map(|(rows, compute, len)| {
                self.stats_mut().bytes_read += len;
                (rows, compute, true)
            })
        })
        .map(|(step, (rows, compute, _), _)| (step, rows, compute))
    }

    /// Looks the steps of `plan` up with `probe` from the last backwards until one hits
    /// (giving what it found, its compute time and whether it came from disk), counting
    /// lookups, misses, damage and the hit. Returns the step, what was found and the time
    /// its lookup took.
    fn look_back<T>(
        &self,
        plan: &Plan,
        expected: &[Context],
        mut probe: impl FnMut(&Key, (u32, u32, u8)) -> files::Lookup<(T, Duration, bool)>,
    ) -> Option<(usize, (T, Duration, bool), Duration)> {
        let started = Instant::now();
        let mut found = None;
        for i in (0..plan.keys.len()).rev() {
            let shape = (expected[i].width, expected[i].height, expected[i].channels);
            let t = Instant::now();
            self.stats_mut().lookups += 1;
            match probe(&plan.keys[i], shape) {
                files::Lookup::Hit(hit) => {
                    found = Some((i, hit, t.elapsed()));
                    break;
                }
                files::Lookup::Miss => {}
                files::Lookup::Removed(why) => {
                    let mut s = self.stats_mut();
                    s.removed_corrupt += 1;
                    s.problems.push(why);
                }
            }
            let mut s = self.stats_mut();
            s.misses += 1;
            s.op(plan.ops[i]).misses += 1;
        }
        let mut s = self.stats_mut();
        s.add_lookup_time(started.elapsed());
        if let Some((step, (_, compute, from_disk), load)) = &found {
            let saved = compute.saturating_sub(*load + plan.decoded);
            s.record_hit(plan.ops[*step], step + 1, saved, *from_disk);
        }
        found
    }

    /// The output of step `step` (0-based among the plan's steps) when the memory tier
    /// holds it. A viewer's look, not a run's lookup: no statistics change.
    pub fn peek(&self, plan: &Plan, step: usize) -> Option<Arc<Image>> {
        self.memory().get(plan.keys.get(step)?).map(|(image, _)| image)
    }

    fn memory_hit(&self, key: &Key, shape: (u32, u32, u8)) -> Option<(Arc<Image>, Duration)> {
        let mut memory = self.memory();
        let (image, compute) = memory.get(key)?;
        if (image.width(), image.height(), image.channels()) == shape {
            return Some((image, compute));
        }
        memory.remove(key);
        drop(memory);
        let mut s = self.stats_mut();
        s.removed_corrupt += 1;
        s.problems.push(format!("dropped cached image {key}: its shape is not what the step produces"));
        None
    }

    /// Whether a step's output is worth storing. Always yes for the last step, small
    /// outputs, and with [`Settings::store_all`]. Otherwise an intermediate output is stored
    /// when recomputing it costs more than storing it, counting the copy the next step then
    /// makes when it would have changed the output in place (the cache holds it). A skipped
    /// output is counted in [`Stats::stores_skipped`].
    pub(super) fn worth_storing(&self, output: &Candidate) -> bool {
        let worth = self.worth(output);
        if !worth {
            self.stats_mut().stores_skipped += 1;
        }
        worth
    }

    /// [`Cache::worth_storing`] without counting: a judgement that may change.
    pub(super) fn worth(&self, output: &Candidate) -> bool {
        let per_sec = |rate: u64| Duration::from_secs_f64(output.bytes as f64 / rate as f64);
        let copy = if output.next_in_place { per_sec(COPY_BYTES_PER_SEC) } else { Duration::ZERO };
        self.inner.settings.store_all
            || output.last
            || output.bytes < ALWAYS_STORE_BYTES
            || output.since >= per_sec(STORE_BYTES_PER_SEC) + copy
    }

    /// Stores step `step`'s output. `compute` is the time to produce it from the input
    /// (its decoding and the steps before it included). Never waits on compression or I/O,
    /// only for room in the writer's queue.
    pub(super) fn store(&self, plan: &Plan, step: usize, image: &Arc<Image>, compute: Duration) {
        let key = plan.keys[step];
        self.memory().insert(key, Arc::clone(image), compute);
        if let Some(w) = &self.inner.writer {
            w.send(Job::Store { key, image: Arc::clone(image), compute, op: plan.ops[step] });
        }
    }

    /// The alias recorded for the encoded input `bytes`, if the disk tier has a sound one; a
    /// damaged alias is removed and reported.
    pub fn alias(&self, bytes: &[u8]) -> Option<Alias> {
        self.found_alias(alias::load(self.dir()?, bytes))
    }

    /// [`Cache::alias`] of the input file at `path`, read a piece at a time.
    pub(super) fn alias_file(&self, path: &Path) -> Option<Alias> {
        self.found_alias(alias::load_file(self.dir()?, path))
    }

    fn found_alias(&self, lookup: alias::Lookup) -> Option<Alias> {
        match lookup {
            alias::Lookup::Hit(a) => Some(a),
            alias::Lookup::Miss => None,
            alias::Lookup::Removed(why) => {
                let mut s = self.stats_mut();
                s.removed_corrupt += 1;
                s.problems.push(why);
                None
            }
        }
    }

    /// Records the alias of the encoded input `bytes` (hashed and written by the background
    /// writer; no-op without a folder).
    pub fn record_alias(&self, bytes: Arc<Vec<u8>>, alias: Alias) {
        if let Some(w) = &self.inner.writer {
            w.send(Job::Alias { bytes, alias });
        }
    }

    /// [`Cache::record_alias`] of the input file at `path`, if it is still as `stamp` (taken
    /// when the run opened it) says when the writer hashes it.
    pub(super) fn record_alias_file(&self, path: PathBuf, stamp: alias::FileStamp, alias: Alias) {
        if let Some(w) = &self.inner.writer {
            w.send(Job::AliasFile { path, stamp, alias });
        }
    }

    /// An entry a streamed run writes a `shape` output into, band by band, to be kept with
    /// [`Cache::keep`]; `None` without a disk tier. An intermediate output's (`intermediate`)
    /// is written on idle cores only, so it costs the run little: while the run keeps the
    /// cores busy its chunks are stored raw, and a raw entry soon outgrows the cap. The last
    /// output's, always kept, competes for the cores like the run's own threads.
    pub(super) fn tee(&self, shape: (u32, u32, u8), intermediate: bool) -> Option<EntryTee> {
        let disk = self.inner.disk.as_ref()?;
        let settings = &self.inner.settings;
        Some(EntryTee::spawn(disk, shape, settings.compression, settings.max_size, intermediate))
    }

    /// Keeps the entry `tee` wrote as the output of step `step` (0-based) of `plan`
    /// (`compute`: the time from the input to it), unless it was abandoned: then says why.
    pub(super) fn keep(&self, tee: EntryTee, plan: &Plan, step: usize, compute: Duration) -> Result<(), NotStored> {
        let writer = self.inner.writer.as_ref().expect("a tee needs a disk tier");
        let kept = tee.finish(writer, plan.keys[step], compute, plan.ops[step]);
        match &kept {
            Err(NotStored::Failed(why)) => self.stats_mut().problems.push(format!("{why}; the output is not cached")),
            Err(_) => self.stats_mut().stores_skipped += 1,
            Ok(()) => {}
        }
        kept
    }

    /// Counts a run that resumed without decoding its input.
    pub fn note_decode_skipped(&self) {
        self.stats_mut().decodes_skipped += 1;
    }

    /// Waits until every entry stored so far is on disk.
    pub fn flush(&self) {
        if let Some(w) = &self.inner.writer {
            w.flush();
        }
    }

    /// Lets go of every image of the memory tier (memory pressure, see
    /// [`crate::memory::MemoryManager`]); returns their bytes. Later runs fill it again.
    pub fn release_memory(&self) -> u64 {
        self.memory().release()
    }

    /// This handle's statistics so far (including reported problems).
    pub fn stats(&self) -> Stats {
        self.stats_mut().clone()
    }

    /// Ends a run: flushes pending writes and adds this handle's figures (as one run) to
    /// the totals kept in the folder, if the folder exists. Returns the figures.
    pub fn close(self) -> Stats {
        self.flush();
        let mut stats = self.stats();
        stats.runs = 1;
        if let Some(dir) = self.dir().filter(|d| d.is_dir()) {
            if let Err(e) = stats::add_to_totals(dir, &stats) {
                stats.problems.push(format!("cannot record cache statistics in {}: {e}", dir.display()));
            }
        }
        stats
    }
}

/// What `pixelpipe cache stats` shows: the folder's contents and the recorded totals.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FolderReport {
    pub dir: PathBuf,
    pub max_size: u64,
    pub usage: disk::Usage,
    pub totals: Stats,
}

impl FolderReport {
    pub fn read(store: &DiskStore, max_size: u64) -> std::io::Result<FolderReport> {
        Ok(FolderReport {
            dir: store.dir().to_path_buf(),
            max_size,
            usage: store.usage()?,
            totals: stats::load_totals(store.dir()),
        })
    }

    pub fn text(&self) -> String {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let ago =
            |t: Option<u64>| t.map(|t| format!("{} ago", age(now.saturating_sub(t)))).unwrap_or_else(|| "-".into());
        let u = &self.usage;
        format!(
            "folder          {}\nentries         {} and {} input aliases ({} of {} cap, {:.1}%)\nleast recent    {}\n\
             most recent     {}\n{}",
            self.dir.display(),
            u.entries,
            u.aliases,
            crate::memory::human(u.bytes),
            crate::memory::human(self.max_size),
            u.bytes as f64 / self.max_size.max(1) as f64 * 100.0,
            ago(u.oldest_use),
            ago(u.newest_use),
            self.totals.report()
        )
    }
}

fn age(secs: u64) -> String {
    match secs {
        0..120 => format!("{secs} s"),
        120..7200 => format!("{} min", secs / 60),
        7200..172_800 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;
    use crate::ops::configure;
    use serde_json::Map;

    fn plan_of(img: &Image, n: usize) -> (Plan, Vec<Context>) {
        let steps: Vec<_> = (0..n).map(|_| configure("ChannelSwap", &Map::new(), false).unwrap()).collect();
        let ctx = Context::of(img);
        (Plan::new(img, steps.iter().map(|c| (c.spec, &c.params))), vec![ctx; n])
    }

    #[test]
    fn memory_only_cache_hits_without_copying() {
        let cache = Cache::open(Settings::default());
        assert!(cache.dir().is_none());
        let img = synth::gradient(8, 8, 3);
        let (plan, ctxs) = plan_of(&img, 3);
        assert!(cache.resume(&plan, &ctxs).is_none());
        let out = Arc::new(img.clone());
        cache.store(&plan, 1, &out, Duration::from_millis(7));
        let r = cache.resume(&plan, &ctxs).unwrap();
        assert_eq!((r.step, r.from_disk, r.compute), (1, false, Duration::from_millis(7)));
        assert!(Arc::ptr_eq(&r.image, &out));
        let s = cache.stats();
        // First: 3 misses. Second: step 3 misses, step 2 hits.
        assert_eq!((s.lookups, s.misses, s.hits, s.memory_hits, s.steps_reused), (5, 4, 1, 1, 2));
        assert_eq!(s.per_op["ChannelSwap"].hits, 1);
    }

    #[test]
    fn a_hit_saves_the_stored_compute_time_less_what_this_run_spent_decoding() {
        let cache = Cache::open(Settings::default());
        let img = synth::gradient(8, 8, 3);
        let (plan, ctxs) = plan_of(&img, 1);
        // Computed in 50 ms from the encoded input (its decode included).
        cache.store(&plan, 0, &Arc::new(img), Duration::from_millis(50));
        let saved = |plan: &Plan| {
            let before = cache.stats().time_saved_ns;
            cache.resume(plan, &ctxs).unwrap();
            Duration::from_nanos(cache.stats().time_saved_ns - before)
        };
        let not_decoded = saved(&plan);
        assert!(not_decoded > Duration::from_millis(40) && not_decoded <= Duration::from_millis(50), "{not_decoded:?}");
        let decoded = saved(&plan.clone().decoded(Duration::from_millis(30)));
        assert!(decoded > Duration::from_millis(10) && decoded <= Duration::from_millis(20), "{decoded:?}");
    }

    #[test]
    fn large_intermediate_outputs_are_skipped_when_cheap_to_recompute_or_in_the_way() {
        let cache = Cache::open(Settings::default());
        let ms = Duration::from_millis;
        // 40 MiB costs ~39 ms to store, and ~13 ms more when the next step must then copy it.
        let big = Candidate { bytes: 40 << 20, since: ms(100), last: false, next_in_place: false };
        assert!(cache.worth_storing(&big), "expensive to recompute, costs the run nothing");
        assert!(!cache.worth_storing(&Candidate { since: ms(5), ..big }), "cheap to recompute");
        let in_the_way = Candidate { next_in_place: true, ..big };
        assert!(cache.worth_storing(&in_the_way), "worth the store and the copy");
        assert!(cache.worth_storing(&Candidate { since: ms(45), ..big }), "worth the store");
        assert!(!cache.worth_storing(&Candidate { since: ms(45), ..in_the_way }), "not worth the copy as well");
        assert!(cache.worth_storing(&Candidate { last: true, since: ms(1), ..in_the_way }), "last: always");
        assert!(cache.worth_storing(&Candidate { bytes: 1 << 20, since: ms(0), ..in_the_way }), "small: always");
        assert_eq!(cache.stats().stores_skipped, 2);
        let all = Cache::open(Settings { store_all: true, ..Settings::default() });
        assert!(all.worth_storing(&Candidate { since: ms(0), ..in_the_way }));
    }

    #[test]
    fn wrong_shape_in_memory_is_a_reported_miss() {
        let cache = Cache::open(Settings::default());
        let img = synth::gradient(8, 8, 3);
        let (plan, mut ctxs) = plan_of(&img, 1);
        cache.store(&plan, 0, &Arc::new(img), Duration::ZERO);
        ctxs[0].channels = 4;
        assert!(cache.resume(&plan, &ctxs).is_none());
        assert_eq!(cache.stats().problems.len(), 1);
    }

    #[test]
    fn disk_tier_survives_the_handle_and_records_totals() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        let settings = Settings { dir: Some(dir.clone()), ..Settings::default() };
        let img = synth::noise(64, 64, 4, 9);
        let (plan, ctxs) = plan_of(&img, 2);
        let cache = Cache::open(settings.clone());
        cache.store(&plan, 1, &Arc::new(img.clone()), Duration::from_millis(50));
        let s = cache.close();
        assert_eq!((s.entries_written, s.runs), (1, 1));
        // A new handle (a new process) finds it on disk.
        let cache = Cache::open(settings);
        let r = cache.resume(&plan, &ctxs).unwrap();
        assert!(r.from_disk && r.step == 1);
        assert_eq!(*r.image, img);
        let s = cache.close();
        assert_eq!((s.disk_hits, s.entries_written), (1, 0));
        assert!(s.bytes_read > 0);
        let totals = stats::load_totals(&dir);
        assert_eq!((totals.runs, totals.hits, totals.entries_written), (2, 1, 1));
    }

    #[test]
    fn platform_dir_follows_xdg() {
        if cfg!(any(windows, target_os = "macos")) {
            return;
        }
        // Read-only check against the current environment: no env mutation in tests.
        let expected = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(|d| PathBuf::from(d).join("pixelpipe"))
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/pixelpipe")));
        assert_eq!(platform_dir(), expected);
    }
}
