//! The disk tier: one file per entry (`<key hex>.pxc`) in a flat folder, written through a
//! temporary file and a rename so readers (in any process) see a whole entry or none.

use super::entry::{self, ChunkWriter, Header, Unusable};
use super::files::{create_folder, open_ours, remove_damaged, Lookup, TEMP_PREFIX, TEMP_SUFFIX};
use super::key::Key;
use crate::image::Image;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub const ENTRY_EXT: &str = "pxc";
/// Temporary files older than this belong to a writer that died; younger ones may be
/// another process's write in progress.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// An entry written into a temporary file of the cache folder, not named yet. The file is
/// removed when this is dropped, and by the signal handler if the process is interrupted
/// (see [`crate::cleanup`]).
pub(super) struct Unnamed {
    pub file: tempfile::NamedTempFile,
    pub entry: ChunkWriter<File>,
    pub _registered: crate::cleanup::Registered,
}

/// An entry read back.
pub struct Loaded {
    pub image: Image,
    pub compute: Duration,
    pub bytes: u64,
}

/// What a sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sweep {
    pub removed_corrupt: u64,
    pub removed_old_version: u64,
    pub removed_temp: u64,
    pub evicted: u64,
    pub freed_bytes: u64,
    /// Entries, input aliases and their bytes left.
    pub entries: u64,
    pub aliases: u64,
    pub bytes: u64,
    pub problems: Vec<String>,
    /// Files that could not be removed, and the first reason.
    pub failed: Failed,
}

/// Files that could not be removed (other than those already gone).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Failed {
    pub count: u64,
    pub first: Option<String>,
}

impl Failed {
    /// Removes `path`; true if it was removed by this call. A file already gone is not a
    /// failure (another process removed it).
    fn remove(&mut self, path: &Path) -> bool {
        match fs::remove_file(path) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => {
                self.count += 1;
                self.first.get_or_insert_with(|| format!("{}: {e}", path.display()));
                false
            }
        }
    }

    /// An error saying what could not be removed, if anything.
    pub fn error(&self) -> Option<io::Error> {
        let first = self.first.as_ref()?;
        Some(io::Error::other(format!("could not remove {} files (first: {first})", self.count)))
    }
}

/// What `clear` removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cleared {
    pub files: u64,
    pub bytes: u64,
    pub failed: Failed,
}

/// What a file of the folder is; files of no kind are not ours and never touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Entry,
    /// An input alias ([`super::alias`]): evicted and swept like an entry.
    Alias,
    Temp,
}

/// One file of ours as listed.
struct Listed {
    kind: FileKind,
    path: PathBuf,
    len: u64,
    modified: SystemTime,
}

/// The folder's contents by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Usage {
    pub entries: u64,
    pub aliases: u64,
    /// Bytes of the entries and aliases (what the cap bounds).
    pub bytes: u64,
    /// Oldest and newest last use (seconds since the Unix epoch).
    pub oldest_use: Option<u64>,
    pub newest_use: Option<u64>,
    pub temp_files: u64,
}

impl Sweep {
    /// One line for `pixelpipe cache gc`.
    pub fn summary(&self) -> String {
        format!(
            "removed {} damaged, {} of old format versions, {} stale temporary files; evicted {}; freed {}; \
             {} entries and {} input aliases ({}) left",
            self.removed_corrupt,
            self.removed_old_version,
            self.removed_temp,
            self.evicted,
            crate::memory::human(self.freed_bytes),
            self.entries,
            self.aliases,
            crate::memory::human(self.bytes)
        )
    }
}

#[derive(Debug, Clone)]
pub struct DiskStore {
    dir: PathBuf,
    compress: bool,
}

impl DiskStore {
    pub fn new(dir: PathBuf, compress: bool) -> DiskStore {
        DiskStore { dir, compress }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.{ENTRY_EXT}", key.hex()))
    }

    /// Reads the entry for `key` if it exists and holds a `expect` (width, height, channels)
    /// image whose checksums verify; a hit marks the file as just used (its mtime) for LRU.
    pub fn load(&self, key: &Key, expect: (u32, u32, u8)) -> Lookup<Loaded> {
        self.open(key, expect, |file, h| {
            let image = entry::read_body(file, &h)?;
            Ok(Loaded { image, compute: h.compute, bytes: h.file_len() })
        })
    }

    /// Opens the entry for `key` if it exists and its header is sound and names a `expect`
    /// image, and gives it to `read`: a hit when `read` succeeds, which marks the file as
    /// just used (its mtime) for LRU. Any damage, in the header or found by `read`, removes
    /// the file and is a miss.
    pub fn open<T>(
        &self,
        key: &Key,
        expect: (u32, u32, u8),
        read: impl FnOnce(&File, Header) -> Result<T, Unusable>,
    ) -> Lookup<T> {
        let path = self.path(key);
        let (file, len) = match open_ours(&path) {
            Ok(f) => f,
            Err(Unusable::Missing) => return Lookup::Miss,
            Err(why) => return remove_damaged(&path, "cache entry", &why).map_or(Lookup::Miss, Lookup::Removed),
        };
        let result = entry::read_header(&file, len)
            .and_then(|h| check(&h, key, expect).map(|()| h))
            .and_then(|h| read(&file, h));
        match result {
            Ok(found) => {
                // Failing to touch only makes LRU less accurate.
                let _ = file.set_modified(SystemTime::now());
                Lookup::Hit(found)
            }
            Err(why) => {
                drop(file);
                remove_damaged(&path, "cache entry", &why).map_or(Lookup::Miss, Lookup::Removed)
            }
        }
    }

    /// Writes the entry for `key` unless the file already exists (another run or process
    /// stored it). Unique temporary names and an atomic rename mean concurrent writers of
    /// the same key both succeed and leave one whole file. No fsync: a crash can leave a
    /// damaged entry, which reads as a miss. Returns the bytes written.
    pub fn save(&self, key: &Key, image: &Image, compute: Duration) -> io::Result<Option<u64>> {
        self.save_with(key, image, compute, || false)
    }

    /// [`save`](Self::save), storing the rest of the entry uncompressed once `hurry` says so.
    pub fn save_with(
        &self,
        key: &Key,
        image: &Image,
        compute: Duration,
        hurry: impl Fn() -> bool,
    ) -> io::Result<Option<u64>> {
        let path = self.path(key);
        if path.exists() {
            return Ok(None);
        }
        create_folder(&self.dir)?;
        let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(&self.dir)?;
        let _registered = crate::cleanup::register(tmp.path(), tmp.as_file());
        let len = entry::write_with(tmp.as_file_mut(), key, image, compute, self.compress, hurry)?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(Some(len))
    }

    /// Finishes an entry written band by band (a streamed run's output) as `key`'s, with
    /// `compute`, and names it, unless the folder has it already (then its file is removed).
    /// Returns the bytes written.
    pub(super) fn keep(&self, unnamed: Unnamed, key: &Key, compute: Duration) -> io::Result<Option<u64>> {
        let path = self.path(key);
        if path.exists() {
            return Ok(None);
        }
        let len = unnamed.entry.finish(key, compute)?;
        unnamed.file.persist(&path).map_err(|e| e.error)?;
        Ok(Some(len))
    }

    /// Our files in the folder (none if it does not exist).
    fn list(&self) -> io::Result<Vec<Listed>> {
        let mut listed = Vec::new();
        let dir = match fs::read_dir(&self.dir) {
            Ok(d) => d,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(listed),
            Err(e) => return Err(e),
        };
        let named_by_key =
            |name: &str, ext: &str| name.strip_suffix(ext).is_some_and(|stem| Key::from_hex(stem).is_some());
        let (entry_ext, alias_ext) = (format!(".{ENTRY_EXT}"), format!(".{}", super::alias::ALIAS_EXT));
        for item in dir {
            let item = item?;
            let name = item.file_name();
            let Some(name) = name.to_str() else { continue };
            let kind = if named_by_key(name, &entry_ext) {
                FileKind::Entry
            } else if named_by_key(name, &alias_ext) {
                FileKind::Alias
            } else if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
                FileKind::Temp
            } else {
                continue; // never touch files that are not ours
            };
            // Vanished since listing: another process removed it.
            let Ok(meta) = item.metadata() else { continue };
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            listed.push(Listed { kind, path: item.path(), len: meta.len(), modified });
        }
        Ok(listed)
    }

    /// Entries, aliases, bytes and ages, without reading any entry.
    pub fn usage(&self) -> io::Result<Usage> {
        let listed = self.list()?;
        let count = |kind| listed.iter().filter(|f| f.kind == kind).count() as u64;
        let kept: Vec<&Listed> = listed.iter().filter(|f| f.kind != FileKind::Temp).collect();
        let secs = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Ok(Usage {
            entries: count(FileKind::Entry),
            aliases: count(FileKind::Alias),
            bytes: kept.iter().map(|f| f.len).sum(),
            oldest_use: kept.iter().map(|f| secs(f.modified)).min(),
            newest_use: kept.iter().map(|f| secs(f.modified)).max(),
            temp_files: count(FileKind::Temp),
        })
    }

    /// Full maintenance: checks every entry's header and length (not its pixels) and every
    /// input alias, removes damaged ones, those of other format versions and stale
    /// temporary files, then evicts least recently used entries and aliases until the
    /// folder holds at most `limit` bytes.
    pub fn sweep(&self, limit: u64) -> io::Result<Sweep> {
        let mut report = Sweep::default();
        let now = SystemTime::now();
        let mut kept = Vec::new();
        for f in self.list()? {
            let verdict = match f.kind {
                FileKind::Temp => {
                    let stale = now.duration_since(f.modified).is_ok_and(|age| age > STALE_TEMP)
                        && !crate::cleanup::in_use(&f.path);
                    if stale && report.failed.remove(&f.path) {
                        report.removed_temp += 1;
                        report.freed_bytes += f.len;
                    }
                    continue;
                }
                FileKind::Entry => check_entry_file(&f.path),
                FileKind::Alias => super::alias::check(&f.path),
            };
            match verdict {
                Ok(()) => kept.push(f),
                Err(why) => {
                    if !report.failed.remove(&f.path) {
                        continue; // removed meanwhile by another process, or not removable
                    }
                    report.freed_bytes += f.len;
                    match why {
                        Unusable::OtherVersion(_) => report.removed_old_version += 1,
                        Unusable::Corrupt(_) | Unusable::Missing => {
                            report.removed_corrupt += 1;
                            let what = if f.kind == FileKind::Alias { "input alias" } else { "cache entry" };
                            report.problems.push(format!("removed {what} {}: {why}", f.path.display()));
                        }
                    }
                }
            }
        }
        self.evict(kept, limit, &mut report);
        Ok(report)
    }

    /// Evicts least recently used entries and aliases until at most `target` bytes remain
    /// (no checks: the cheap pass the writer runs when the folder outgrows its cap).
    pub fn shrink_to(&self, target: u64) -> io::Result<Sweep> {
        let kept = self.list()?.into_iter().filter(|f| f.kind != FileKind::Temp).collect();
        let mut report = Sweep::default();
        self.evict(kept, target, &mut report);
        Ok(report)
    }

    fn evict(&self, mut files: Vec<Listed>, target: u64, report: &mut Sweep) {
        files.sort_by_key(|f| f.modified);
        let mut total: u64 = files.iter().map(|f| f.len).sum();
        let mut evicted = 0;
        for f in &files {
            if total <= target {
                break;
            }
            // Gone already (another process evicted it) counts as freed all the same.
            report.failed.remove(&f.path);
            total -= f.len;
            evicted += 1;
            report.freed_bytes += f.len;
        }
        report.evicted += evicted as u64;
        let left = &files[evicted..];
        report.entries = left.iter().filter(|f| f.kind == FileKind::Entry).count() as u64;
        report.aliases = left.iter().filter(|f| f.kind == FileKind::Alias).count() as u64;
        report.bytes = total;
    }

    /// Removes every entry, alias, temporary file and the statistics.
    pub fn clear(&self) -> io::Result<Cleared> {
        let totals = self.dir.join(super::stats::TOTALS_FILE);
        let totals_len = fs::metadata(&totals).map(|m| m.len()).ok();
        let listed = self.list()?;
        let files = listed.iter().map(|f| (&f.path, f.len));
        let mut cleared = Cleared::default();
        for (path, len) in files.chain(totals_len.map(|len| (&totals, len))) {
            if cleared.failed.remove(path) {
                cleared.files += 1;
                cleared.bytes += len;
            }
        }
        Ok(cleared)
    }
}

/// Whether the entry file at `path` has a sound header, for its name and length. The length
/// is the opened file's own: another writer may have replaced the listed file by a whole
/// entry of another length (raw instead of compressed).
fn check_entry_file(path: &Path) -> Result<(), Unusable> {
    let (f, len) = open_ours(path)?;
    let h = entry::read_header(&f, len)?;
    let named = path.file_stem().and_then(|s| s.to_str()).and_then(Key::from_hex);
    if named != Some(h.key) {
        return Err(Unusable::Corrupt("holds another key than its name".into()));
    }
    Ok(())
}

/// The header must name `key` and the shape validation predicted for this step.
fn check(h: &Header, key: &Key, expect: (u32, u32, u8)) -> Result<(), Unusable> {
    if h.key != *key {
        return Err(Unusable::Corrupt("holds another key than its name".into()));
    }
    if (h.width, h.height, h.channels) != expect {
        return Err(Unusable::Corrupt(format!(
            "holds a {}x{}x{} image but the step produces {}x{}x{}",
            h.width, h.height, h.channels, expect.0, expect.1, expect.2
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::alias;
    use super::*;
    use crate::image::synth;

    fn store(dir: &Path) -> DiskStore {
        DiskStore::new(dir.join("cache"), true)
    }

    #[test]
    fn a_damaged_file_is_reported_by_whoever_removes_it() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("x");
        fs::write(&p, b"junk").unwrap();
        let why = Unusable::Corrupt("bad".into());
        assert!(remove_damaged(&p, "cache entry", &why).is_some_and(|m| m.contains("removed cache entry")));
        assert!(!p.exists());
        // Already gone (the folder sweep removed it first and counted it): not counted again.
        assert_eq!(remove_damaged(&p, "cache entry", &why), None);
    }

    fn shape(img: &Image) -> (u32, u32, u8) {
        (img.width(), img.height(), img.channels())
    }

    #[test]
    fn save_then_load_and_no_folder_until_a_write() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        let img = synth::gradient(50, 40, 4);
        assert!(matches!(s.load(&Key([1; 32]), shape(&img)), Lookup::Miss));
        assert!(!s.dir().exists(), "a lookup must not create the folder");
        assert_eq!(s.usage().unwrap(), Usage::default());
        let n = s.save(&Key([1; 32]), &img, Duration::from_millis(3)).unwrap().unwrap();
        assert_eq!(s.save(&Key([1; 32]), &img, Duration::ZERO).unwrap(), None, "existing entries are kept");
        match s.load(&Key([1; 32]), shape(&img)) {
            Lookup::Hit(l) => {
                assert_eq!(l.image, img);
                assert_eq!((l.compute, l.bytes), (Duration::from_millis(3), n));
            }
            _ => panic!("expected a hit"),
        }
        let u = s.usage().unwrap();
        assert_eq!((u.entries, u.bytes, u.temp_files), (1, n, 0));
    }

    #[test]
    fn shape_or_name_mismatch_is_a_removed_miss() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        let img = synth::gradient(5, 4, 3);
        s.save(&Key([1; 32]), &img, Duration::ZERO).unwrap();
        assert!(matches!(s.load(&Key([1; 32]), (5, 4, 4)), Lookup::Removed(m) if m.contains("5x4x3")));
        assert!(!s.path(&Key([1; 32])).exists());
        // An entry renamed to another key.
        s.save(&Key([1; 32]), &img, Duration::ZERO).unwrap();
        fs::rename(s.path(&Key([1; 32])), s.path(&Key([2; 32]))).unwrap();
        assert!(matches!(s.load(&Key([2; 32]), shape(&img)), Lookup::Removed(m) if m.contains("another key")));
    }

    #[test]
    fn sweep_removes_damage_old_versions_and_stale_temps_but_not_foreign_files() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        let img = synth::gradient(20, 20, 4);
        for k in 1..=3u8 {
            s.save(&Key([k; 32]), &img, Duration::ZERO).unwrap();
        }
        // Damage: truncate 1, mark 2 as another format version.
        let p1 = s.path(&Key([1; 32]));
        let len = fs::metadata(&p1).unwrap().len();
        File::options().write(true).open(&p1).unwrap().set_len(len - 10).unwrap();
        let p2 = s.path(&Key([2; 32]));
        let mut bytes = fs::read(&p2).unwrap();
        bytes[8] = 99;
        fs::write(&p2, bytes).unwrap();
        let old_temp = s.dir().join(".pxc-dead.tmp");
        fs::write(&old_temp, b"partial").unwrap();
        File::options().write(true).open(&old_temp).unwrap().set_modified(SystemTime::now() - 2 * STALE_TEMP).unwrap();
        let fresh_temp = s.dir().join(".pxc-live.tmp");
        fs::write(&fresh_temp, b"in progress").unwrap();
        // Old but still being written (a slow streamed run): its writer holds it.
        let held_temp = s.dir().join(".pxc-held.tmp");
        let held = File::create(&held_temp).unwrap();
        let _writing = crate::cleanup::register(&held_temp, &held);
        held.set_modified(SystemTime::now() - 2 * STALE_TEMP).unwrap();
        let foreign = s.dir().join("notes.txt");
        fs::write(&foreign, b"mine").unwrap();
        // Input aliases: one sound, one of another format version, one damaged.
        let alias_of = |file: &[u8]| {
            let a = alias::Alias { k0: Key([9; 32]), width: 20, height: 20, channels: 4 };
            alias::save(s.dir(), file, &a).unwrap();
            alias::path(s.dir(), &alias::quick_key(file))
        };
        let sound = alias_of(b"input one");
        let (old, damaged) = (alias_of(b"input two"), alias_of(b"input three"));
        let mut bytes = fs::read(&old).unwrap();
        bytes[8] = 99;
        fs::write(&old, bytes).unwrap();
        File::options().write(true).open(&damaged).unwrap().set_len(50).unwrap();
        let u = s.usage().unwrap();
        assert_eq!((u.entries, u.aliases, u.temp_files), (3, 3, 3), "{u:?}");
        let r = s.sweep(u64::MAX).unwrap();
        let counts = (r.removed_corrupt, r.removed_old_version, r.removed_temp, r.entries, r.aliases);
        assert_eq!(counts, (2, 2, 1, 1, 1), "{r:?}");
        let named = |p: &String| p.starts_with("removed input alias") && p.contains("50 bytes instead of 96");
        assert!(r.problems.iter().any(named), "{r:?}");
        assert!(s.path(&Key([3; 32])).exists() && sound.exists() && fresh_temp.exists() && foreign.exists());
        assert!(held_temp.exists(), "a temporary its writer holds is never stale");
        assert!(!old.exists() && !damaged.exists());
        assert_eq!(s.clear().unwrap().files, 4, "the entry, the alias and the live temps");
        assert!(foreign.exists());
    }

    #[test]
    fn eviction_is_least_recently_used_first() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        let img = synth::noise(32, 32, 4, 1); // incompressible: same size each
        let base = SystemTime::now() - Duration::from_secs(100);
        for k in 1..=4u8 {
            s.save(&Key([k; 32]), &synth::noise(32, 32, 4, k as u64), Duration::ZERO).unwrap();
            let f = File::options().write(true).open(s.path(&Key([k; 32]))).unwrap();
            f.set_modified(base + Duration::from_secs(k as u64)).unwrap();
        }
        // An input alias used before all of them goes with them.
        let a = alias::Alias { k0: Key([9; 32]), width: 32, height: 32, channels: 4 };
        alias::save(s.dir(), b"input", &a).unwrap();
        let alias_path = alias::path(s.dir(), &alias::quick_key(b"input"));
        File::options().write(true).open(&alias_path).unwrap().set_modified(base).unwrap();
        // A hit on key 1 makes it the most recently used.
        assert!(matches!(s.load(&Key([1; 32]), shape(&img)), Lookup::Hit(_)));
        let one = fs::metadata(s.path(&Key([1; 32]))).unwrap().len();
        let r = s.shrink_to(2 * one).unwrap();
        assert_eq!((r.evicted, r.entries, r.aliases, r.bytes), (3, 2, 0, 2 * one));
        assert!(s.path(&Key([1; 32])).exists() && s.path(&Key([4; 32])).exists());
        assert!(!s.path(&Key([2; 32])).exists() && !s.path(&Key([3; 32])).exists() && !alias_path.exists());
    }
}
