//! The memory budget: how large an image a step may produce before validation refuses it,
//! so an absurd parameter (a stretch factor of 10⁵) fails in milliseconds with a clear
//! message instead of exhausting the machine; and how tall a streamed band is.

/// Bytes of memory currently available: Linux `MemAvailable`, or less when the process's
/// cgroup allows less (v2: `memory.max` − `memory.current`; v1: `memory.limit_in_bytes` −
/// `memory.usage_in_bytes`, as in a container), or its resource limits (`ulimit -v`, that is
/// RLIMIT_AS less the address space in use; RLIMIT_DATA less the data in use: past them an
/// allocation fails and the process aborts); `None` where none is known.
pub fn available() -> Option<u64> {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let system = read("/proc/meminfo").and_then(|text| parse_meminfo(&text, "MemAvailable:"));
    let groups = read("/proc/self/cgroup").map(|text| {
        let v2 = text.lines().find_map(|l| l.strip_prefix("0::")).and_then(|path| {
            let dir = format!("/sys/fs/cgroup{}", path.trim_end_matches('/'));
            cgroup_room(&read(&format!("{dir}/memory.max"))?, read(&format!("{dir}/memory.current")).as_deref())
        });
        let v1 = cgroup_v1_path(&text).and_then(|path| {
            let dir = format!("/sys/fs/cgroup/memory{}", path.trim_end_matches('/'));
            let limit = read(&format!("{dir}/memory.limit_in_bytes"))?;
            cgroup_room(&limit, read(&format!("{dir}/memory.usage_in_bytes")).as_deref())
        });
        [v2, v1]
    });
    let status = read("/proc/self/status");
    let status = status.as_deref().unwrap_or("");
    let limits = [
        rlimit_room(libc::RLIMIT_AS, parse_meminfo(status, "VmSize:")),
        rlimit_room(libc::RLIMIT_DATA, parse_meminfo(status, "VmData:")),
    ];
    std::iter::once(system).chain(groups.into_iter().flatten()).chain(limits).flatten().min()
}

/// The path of the process's cgroup (v1) in the memory hierarchy: the `N:memory:/path` line.
fn cgroup_v1_path(cgroup: &str) -> Option<&str> {
    cgroup.lines().find_map(|l| {
        let (_, rest) = l.split_once(':')?;
        let (controllers, path) = rest.split_once(':')?;
        controllers.split(',').any(|c| c == "memory").then_some(path)
    })
}

/// What the resource limit `resource` leaves over `used` bytes; `None` when unlimited.
#[allow(unsafe_code)]
fn rlimit_room(resource: libc::__rlimit_resource_t, used: Option<u64>) -> Option<u64> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes the struct it is given and nothing else.
    if unsafe { libc::getrlimit(resource, &mut limit) } != 0 || limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    Some(limit.rlim_cur.saturating_sub(used.unwrap_or(0)))
}

/// What a cgroup's `memory.max` ("max": no limit) leaves over its `memory.current`.
fn cgroup_room(max: &str, current: Option<&str>) -> Option<u64> {
    let max: u64 = max.trim().parse().ok()?;
    let current: u64 = current.and_then(|c| c.trim().parse().ok()).unwrap_or(0);
    Some(max.saturating_sub(current))
}

fn parse_meminfo(text: &str, field: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line[field.len()..].trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// The default budget: the memory available now, when it can be read.
pub fn default_budget() -> Option<u64> {
    available()
}

/// Rows per band for rows of `row_bytes`: about 2 MiB a band, enough for the pool's tasks
/// (64 KiB each) to keep every core busy, small enough for a band of each step to stay in
/// the cache hierarchy's outer levels.
pub fn suggest_band_rows(row_bytes: u64) -> u32 {
    ((2u64 << 20) / row_bytes.max(1)).clamp(1, 1 << 16) as u32
}

/// This process's resident memory now (Linux `VmRSS`), in bytes.
pub fn rss() -> Option<u64> {
    parse_meminfo(&std::fs::read_to_string("/proc/self/status").ok()?, "VmRSS:")
}

/// This process's peak resident memory (`VmHWM`), what `/usr/bin/time -v` reports as its
/// maximum resident set size.
pub fn peak_rss() -> Option<u64> {
    parse_meminfo(&std::fs::read_to_string("/proc/self/status").ok()?, "VmHWM:")
}

/// Restarts [`peak_rss`] from the resident memory now (Linux `clear_refs`); false where
/// that is not allowed.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// `1536` → `"1.5 KB"`: 1024-based units, written as the configuration reads them (a
/// budget printed here can be pasted into `max_memory_usage`). The one byte formatter.
pub fn human(bytes: u64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", units[u])
    }
}

/// Where the memory available is read: the system ([`System`]), or a test's stand-in.
pub trait MemorySource: Send + Sync {
    /// Bytes available now; `None` when unknown (never pressure).
    fn available(&self) -> Option<u64>;
}

/// The system's memory: [`available`].
#[derive(Debug, Clone, Copy, Default)]
pub struct System;

impl MemorySource for System {
    fn available(&self) -> Option<u64> {
        available()
    }
}

/// What a run should do about memory, as [`MemoryManager::check`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pressure {
    /// Enough memory.
    None,
    /// Memory was short: the relievers (the cache's memory tier) gave back what they hold.
    Relieved,
    /// Memory is still short after the relievers ran: a streamed run lowers its bands.
    Tight,
}

/// Frees what it holds when memory is short; returns the bytes it gave back.
pub type Reliever = Box<dyn Fn() -> u64 + Send + Sync>;

/// The seed's memory manager in Rust form: the budget, what operations need, and what a run
/// does when the machine runs short of memory while it works. Runs ask [`check`] between
/// steps and between bands: below the threshold, the relievers (recycled image buffers, the
/// cache's memory tier) give back what they hold first; if memory stays short, a streamed
/// run halves its band height. The source of "available" is injectable, so tests simulate
/// pressure.
///
/// [`check`]: MemoryManager::check
pub struct MemoryManager {
    source: Box<dyn MemorySource>,
    /// The memory budget (`None`: no limit).
    pub budget: Option<u64>,
    /// Pressure is memory available below this.
    pub threshold: u64,
    relievers: std::sync::Mutex<Vec<Reliever>>,
    /// The relievers ran during this pressure (reset when memory is back).
    relieved: std::sync::atomic::AtomicBool,
    /// Asks of the source are this far apart at least (reading it costs some 30 µs); asks
    /// in between say [`Pressure::None`].
    every: std::time::Duration,
    last: std::sync::Mutex<Option<std::time::Instant>>,
}

impl std::fmt::Debug for MemoryManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryManager").field("budget", &self.budget).field("threshold", &self.threshold).finish()
    }
}

/// Default pressure threshold: less than this available is short on any machine.
pub const PRESSURE_BELOW: u64 = 256 << 20;

impl MemoryManager {
    /// A manager over `source` with `budget`, under pressure below `threshold`.
    pub fn new(source: impl MemorySource + 'static, budget: Option<u64>, threshold: u64) -> MemoryManager {
        MemoryManager {
            source: Box::new(source),
            budget,
            threshold,
            relievers: Default::default(),
            relieved: Default::default(),
            every: std::time::Duration::ZERO,
            last: Default::default(),
        }
    }

    /// The system's memory, with `budget`, under pressure below [`PRESSURE_BELOW`], read
    /// every 20 ms at most; its first reliever frees the recycled image buffers
    /// ([`crate::image::pool`]).
    pub fn system(budget: Option<u64>) -> MemoryManager {
        let m = MemoryManager {
            every: std::time::Duration::from_millis(20),
            ..MemoryManager::new(System, budget, PRESSURE_BELOW)
        };
        m.on_pressure(Box::new(crate::image::pool::release));
        m
    }

    /// Adds something that frees memory under pressure (relievers run in the order added).
    pub fn on_pressure(&self, reliever: Reliever) {
        self.relievers.lock().expect("relievers lock").push(reliever);
    }

    /// What to do now: nothing, or (memory short) the relievers ran, or (still short after
    /// they ran) lower the bands.
    pub fn check(&self) -> Pressure {
        use std::sync::atomic::Ordering;
        if !self.every.is_zero() {
            let mut last = self.last.lock().expect("last ask lock");
            let now = std::time::Instant::now();
            if last.is_some_and(|t| now.duration_since(t) < self.every) {
                return Pressure::None;
            }
            *last = Some(now);
        }
        if self.source.available().is_none_or(|a| a >= self.threshold) {
            self.relieved.store(false, Ordering::Relaxed);
            return Pressure::None;
        }
        if self.relieved.swap(true, Ordering::Relaxed) {
            return Pressure::Tight;
        }
        self.cleanup_temporary_arrays();
        Pressure::Relieved
    }

    /// The seed's `cleanup_temporary_arrays`: runs every reliever now; returns the bytes
    /// they gave back. (Scratch files need no cleanup: they are unlinked from their
    /// creation, and a band window is freed as soon as its step is done with it.)
    pub fn cleanup_temporary_arrays(&self) -> u64 {
        self.relievers.lock().expect("relievers lock").iter().map(|r| r()).sum()
    }

    /// The seed's `estimate_operation_memory`: bytes a whole-image step of `op` on an input
    /// of context `ctx` holds besides its input: its output and its working memory.
    pub fn estimate_operation_memory(
        op: &dyn crate::core::Operation,
        ctx: &crate::core::Context,
    ) -> crate::core::Result<u64> {
        Ok(op.validate(ctx)?.memory_estimate() + op.estimate_memory(ctx))
    }

    /// The seed's `check_memory_availability`: whether `bytes` fit the budget and the memory
    /// available now; else a `Limit` error naming both.
    pub fn check_memory_availability(&self, bytes: u64) -> crate::core::Result<()> {
        let room = match (self.budget, self.source.available()) {
            (Some(b), Some(a)) => Some(b.min(a)),
            (b, a) => b.or(a),
        };
        match room {
            Some(room) if bytes > room => Err(crate::core::Error::Limit {
                kind: crate::core::LimitKind::Memory,
                needed: bytes,
                limit: room,
                message: format!(
                    "{} needed, {} available within the memory budget{}",
                    human(bytes),
                    human(room),
                    self.budget.map_or(String::new(), |b| format!(" of {}", human(b)))
                ),
            }),
            _ => Ok(()),
        }
    }

    /// The seed's `suggest_chunk_size`: (width, rows) of a band of an image of context `ctx`
    /// that holds `available` bytes at most (whole rows: the band executor's bands), at
    /// most [`suggest_band_rows`]'s and at least one row.
    pub fn suggest_chunk_size(ctx: &crate::core::Context, available: u64) -> (u32, u32) {
        let row = ctx.width as u64 * ctx.channels as u64;
        let rows = (available / row.max(1)).min(suggest_band_rows(row) as u64).max(1);
        (ctx.width, rows.min(ctx.height as u64) as u32)
    }
}

/// A memory budget shared by runs in flight at once (the images of a batch): each reserves
/// its estimated peak before its pixels are worked on, waiting while the others hold the
/// rest, so together they fit. A run larger than the whole budget runs alone.
#[derive(Debug)]
pub struct SharedBudget {
    limit: Option<u64>,
    /// Bytes reserved, and by how many runs.
    used: std::sync::Mutex<(u64, usize)>,
    freed: std::sync::Condvar,
}

impl SharedBudget {
    /// `limit`: the bytes all runs together may hold (`None`: no limit, nothing waits).
    pub fn new(limit: Option<u64>) -> SharedBudget {
        SharedBudget { limit, used: std::sync::Mutex::new((0, 0)), freed: std::sync::Condvar::new() }
    }

    /// Waits until `bytes` fit beside the runs in flight, or nothing else is in flight.
    pub fn reserve(&self, bytes: u64) -> Reservation<'_> {
        let mut used = self.used.lock().expect("budget lock");
        if let Some(limit) = self.limit {
            while used.1 > 0 && used.0 + bytes > limit {
                used = self.freed.wait(used).expect("budget lock");
            }
        }
        used.0 += bytes;
        used.1 += 1;
        Reservation { budget: self, bytes }
    }

    /// The bytes reserved now.
    pub fn reserved(&self) -> u64 {
        self.used.lock().expect("budget lock").0
    }
}

/// Bytes of a [`SharedBudget`] held until dropped.
#[derive(Debug)]
pub struct Reservation<'a> {
    budget: &'a SharedBudget,
    bytes: u64,
}

impl Reservation<'_> {
    /// Gives back what is reserved beyond `bytes` (a bound reserved before the exact figure
    /// was known); never grows, so it never waits.
    pub fn shrink_to(&mut self, bytes: u64) {
        if bytes < self.bytes {
            let mut used = self.budget.used.lock().expect("budget lock");
            used.0 -= self.bytes - bytes;
            self.bytes = bytes;
            self.budget.freed.notify_all();
        }
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().expect("budget lock");
        used.0 -= self.bytes;
        used.1 -= 1;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_memory_cgroup_of_v1() {
        let text = "9:name=systemd:/\n4:memory:/process_api/a2eb\n3:cpu,cpuacct:/\n0::/\n";
        assert_eq!(cgroup_v1_path(text), Some("/process_api/a2eb"));
        assert_eq!(cgroup_v1_path("2:cpu:/\n0::/\n"), None);
        assert_eq!(cgroup_v1_path("5:memory,hugetlb:/x\n"), Some("/x"));
        assert!(available().is_some());
    }

    #[test]
    fn reads_meminfo_and_formats_sizes() {
        let text = "MemTotal:       24000000 kB\nMemAvailable:   2048 kB\n";
        assert_eq!(parse_meminfo(text, "MemAvailable:"), Some(2048 * 1024));
        assert_eq!(parse_meminfo("nothing", "MemAvailable:"), None);
        assert_eq!(cgroup_room("max\n", Some("100")), None);
        assert_eq!(cgroup_room("1073741824\n", Some("73741824\n")), Some(1_000_000_000));
        assert_eq!(cgroup_room("4096", None), Some(4096));
        assert_eq!(human(1536), "1.5 KB");
        assert_eq!(human(12), "12 B");
        assert_eq!(human(3 << 30), "3.0 GB");
        assert_eq!(crate::config::parse_bytes(&human(3 << 30)), Ok(3 << 30));
    }

    /// Available memory as a test says, call by call.
    struct Scripted(std::sync::Mutex<Vec<u64>>);

    impl MemorySource for Scripted {
        fn available(&self) -> Option<u64> {
            let mut left = self.0.lock().unwrap();
            Some(if left.len() > 1 { left.remove(0) } else { left[0] })
        }
    }

    #[test]
    fn pressure_runs_the_relievers_first_then_asks_for_smaller_bands() {
        let gib = 1u64 << 30;
        let m = MemoryManager::new(Scripted(vec![gib, 10, 10, 10, gib, 10].into()), Some(gib), 1 << 20);
        let freed = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let count = std::sync::Arc::clone(&freed);
        m.on_pressure(Box::new(move || {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            500
        }));
        let seen: Vec<Pressure> = (0..6).map(|_| m.check()).collect();
        use Pressure::*;
        assert_eq!(seen, [None, Relieved, Tight, Tight, None, Relieved]);
        assert_eq!(freed.load(std::sync::atomic::Ordering::Relaxed), 2);
        assert_eq!(m.cleanup_temporary_arrays(), 500);
    }

    #[test]
    fn the_seed_api() {
        let m = MemoryManager::new(Scripted(vec![1000].into()), Some(5000), 10);
        assert!(m.check_memory_availability(1000).is_ok());
        let e = m.check_memory_availability(1001).unwrap_err();
        assert!(e.to_string().contains("1001 B needed, 1000 B available within the memory budget of 4.9 KB"), "{e}");
        let ctx = crate::core::Context::new(100, 50, 4);
        assert_eq!(MemoryManager::suggest_chunk_size(&ctx, 4000), (100, 10));
        assert_eq!(MemoryManager::suggest_chunk_size(&ctx, 10), (100, 1));
        assert_eq!(MemoryManager::suggest_chunk_size(&ctx, 1 << 30), (100, 50));
        let op =
            crate::ops::configure("RowStretch", &serde_json::json!({"factor": 2}).as_object().unwrap().clone(), true)
                .unwrap();
        let need = MemoryManager::estimate_operation_memory(&*op.op, &ctx).unwrap();
        assert!(need >= 100 * 100 * 4, "{need}");
    }
}
