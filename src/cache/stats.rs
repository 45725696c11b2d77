//! Cache statistics: per handle (one CLI run), per operation, and running totals kept in the
//! cache folder for `pixelpipe cache stats`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// The totals file inside the cache folder.
pub const TOTALS_FILE: &str = "stats.json";

/// Figures of one operation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpStats {
    pub hits: u64,
    pub misses: u64,
    pub time_saved_ns: u64,
    pub bytes_written: u64,
}

/// Counters; all times in nanoseconds so they add up and serialise exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stats {
    /// Runs recorded (totals only; a handle counts 1 once it is closed).
    pub runs: u64,
    /// Keys looked up (from the last step backwards until the first hit).
    pub lookups: u64,
    pub hits: u64,
    pub memory_hits: u64,
    pub disk_hits: u64,
    /// Lookups that found nothing: exactly the steps that had to be computed.
    pub misses: u64,
    /// Steps not computed thanks to hits.
    pub steps_reused: u64,
    /// Time spent looking up, including reading and decompressing the hit.
    pub lookup_ns: u64,
    pub bytes_read: u64,
    pub bytes_written: u64,
    pub entries_written: u64,
    /// Runs whose input was known by its encoded bytes (an input alias) and resumed from a
    /// cached step without being decoded.
    pub decodes_skipped: u64,
    /// Outputs not stored: intermediate ones cheaper to recompute (see
    /// [`super::Cache::worth_storing`]), and streamed ones whose entry outgrew the cap.
    pub stores_skipped: u64,
    /// Compute time of the reused steps (as recorded when they were cached) minus the time
    /// to fetch them.
    pub time_saved_ns: u64,
    pub removed_corrupt: u64,
    pub removed_old_version: u64,
    pub evicted: u64,
    pub per_op: BTreeMap<String, OpStats>,
    /// What went wrong (damaged entries removed, failed writes); reported, never fatal.
    #[serde(skip)]
    pub problems: Vec<String>,
}

fn nanos(d: Duration) -> u64 {
    d.as_nanos().min(u64::MAX as u128) as u64
}

impl Stats {
    pub(crate) fn op(&mut self, name: &str) -> &mut OpStats {
        self.per_op.entry(name.to_string()).or_default()
    }

    pub(crate) fn add_lookup_time(&mut self, d: Duration) {
        self.lookup_ns += nanos(d);
    }

    pub(crate) fn record_hit(&mut self, op: &str, steps: usize, saved: Duration, from_disk: bool) {
        self.hits += 1;
        if from_disk {
            self.disk_hits += 1;
        } else {
            self.memory_hits += 1;
        }
        self.steps_reused += steps as u64;
        self.time_saved_ns += nanos(saved);
        let o = self.op(op);
        o.hits += 1;
        o.time_saved_ns += nanos(saved);
    }

    /// Adds `other`'s counters (not its problems).
    pub fn add(&mut self, other: &Stats) {
        self.runs += other.runs;
        self.lookups += other.lookups;
        self.hits += other.hits;
        self.memory_hits += other.memory_hits;
        self.disk_hits += other.disk_hits;
        self.misses += other.misses;
        self.steps_reused += other.steps_reused;
        self.lookup_ns += other.lookup_ns;
        self.bytes_read += other.bytes_read;
        self.bytes_written += other.bytes_written;
        self.entries_written += other.entries_written;
        self.decodes_skipped += other.decodes_skipped;
        self.stores_skipped += other.stores_skipped;
        self.time_saved_ns += other.time_saved_ns;
        self.removed_corrupt += other.removed_corrupt;
        self.removed_old_version += other.removed_old_version;
        self.evicted += other.evicted;
        for (name, o) in &other.per_op {
            let t = self.op(name);
            t.hits += o.hits;
            t.misses += o.misses;
            t.time_saved_ns += o.time_saved_ns;
            t.bytes_written += o.bytes_written;
        }
    }

    pub fn time_saved(&self) -> Duration {
        Duration::from_nanos(self.time_saved_ns)
    }

    /// Mean time per lookup.
    pub fn mean_lookup(&self) -> Duration {
        Duration::from_nanos(self.lookup_ns.checked_div(self.lookups).unwrap_or(0))
    }

    /// One line for a run's profile output.
    pub fn summary(&self) -> String {
        format!(
            "cache: {} hit{} ({} memory, {} disk), {} miss{}, {} step{} reused; lookups {:.2} ms; read {}, wrote {} in {} entr{}; saved {:.1} ms{}{}",
            self.hits,
            plural(self.hits, "", "s"),
            self.memory_hits,
            self.disk_hits,
            self.misses,
            plural(self.misses, "", "es"),
            self.steps_reused,
            plural(self.steps_reused, "", "s"),
            self.lookup_ns as f64 / 1e6,
            crate::memory::human(self.bytes_read),
            crate::memory::human(self.bytes_written),
            self.entries_written,
            plural(self.entries_written, "y", "ies"),
            self.time_saved_ns as f64 / 1e6,
            if self.decodes_skipped > 0 { "; input known, not decoded" } else { "" },
            if self.stores_skipped > 0 { format!("; {} step(s) not stored", self.stores_skipped) } else { String::new() },
        )
    }

    /// A multi-line report with the per-operation table (`pixelpipe cache stats`).
    pub fn report(&self) -> String {
        let lookups = self.lookups.max(1) as f64;
        let mut s = String::new();
        let _ = writeln!(s, "runs            {}", self.runs);
        let _ = writeln!(
            s,
            "lookups         {} ({} hits: {} memory, {} disk; {} misses; hit rate {:.1}%)",
            self.lookups,
            self.hits,
            self.memory_hits,
            self.disk_hits,
            self.misses,
            self.hits as f64 / lookups * 100.0
        );
        let _ = writeln!(s, "steps reused    {}", self.steps_reused);
        let _ = writeln!(s, "decodes skipped {}", self.decodes_skipped);
        let _ = writeln!(
            s,
            "stores skipped  {} (cheaper to recompute, or in the way of an in-place step)",
            self.stores_skipped
        );
        let _ = writeln!(s, "lookup latency  {:.3} ms mean", self.mean_lookup().as_secs_f64() * 1e3);
        let _ = writeln!(s, "bytes read      {}", crate::memory::human(self.bytes_read));
        let _ = writeln!(
            s,
            "bytes written   {} in {} entries",
            crate::memory::human(self.bytes_written),
            self.entries_written
        );
        let _ = writeln!(s, "time saved      {:.3} s", self.time_saved().as_secs_f64());
        let _ = writeln!(
            s,
            "removed         {} damaged, {} of old format versions, {} evicted (size cap)",
            self.removed_corrupt, self.removed_old_version, self.evicted
        );
        if !self.per_op.is_empty() {
            let _ =
                writeln!(s, "\n{:<22} {:>8} {:>8} {:>12} {:>12}", "operation", "hits", "misses", "saved", "written");
            for (name, o) in &self.per_op {
                let _ = writeln!(
                    s,
                    "{:<22} {:>8} {:>8} {:>10.1} ms {:>12}",
                    name,
                    o.hits,
                    o.misses,
                    o.time_saved_ns as f64 / 1e6,
                    crate::memory::human(o.bytes_written)
                );
            }
        }
        s
    }
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The totals recorded in `dir` (empty if none or unreadable).
pub fn load_totals(dir: &Path) -> Stats {
    std::fs::read(dir.join(TOTALS_FILE)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// Adds `run` to the totals in `dir`. Best effort: read, add, write to a temporary file and
/// rename, so the file is never torn; two processes finishing at the same instant can lose
/// one run's figures, which is acceptable for statistics.
pub fn add_to_totals(dir: &Path, run: &Stats) -> std::io::Result<()> {
    let mut totals = load_totals(dir);
    totals.add(run);
    let mut tmp = tempfile::Builder::new().prefix(".stats-").suffix(".tmp").tempfile_in(dir)?;
    serde_json::to_writer_pretty(tmp.as_file_mut(), &totals)?;
    tmp.persist(dir.join(TOTALS_FILE)).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_up_and_persist() {
        let dir = tempfile::tempdir().unwrap();
        let mut run = Stats { runs: 1, lookups: 3, misses: 2, ..Stats::default() };
        run.record_hit("ChannelSwap", 2, Duration::from_millis(5), true);
        run.problems.push("not persisted".into());
        add_to_totals(dir.path(), &run).unwrap();
        add_to_totals(dir.path(), &run).unwrap();
        let t = load_totals(dir.path());
        assert_eq!((t.runs, t.lookups, t.hits, t.disk_hits, t.steps_reused), (2, 6, 2, 2, 4));
        assert_eq!(t.per_op["ChannelSwap"].time_saved_ns, 10_000_000);
        assert!(t.problems.is_empty());
        assert!(t.report().contains("hit rate 33.3%"), "{}", t.report());
        std::fs::write(dir.path().join(TOTALS_FILE), b"garbage").unwrap();
        assert_eq!(load_totals(dir.path()), Stats::default());
    }

    #[test]
    fn human_sizes() {
        assert_eq!(crate::memory::human(5), "5 B");
        assert_eq!(crate::memory::human(1536), "1.5 KB");
        assert_eq!(crate::memory::human(3 << 30), "3.0 GB");
    }
}
