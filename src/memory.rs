//! The memory budget: how large an image a step may produce before validation refuses it,
//! so an absurd parameter (a stretch factor of 10⁵) fails in milliseconds with a clear
//! message instead of exhausting the machine; and how tall a streamed band is.

/// Bytes of memory currently available: Linux `MemAvailable`, or less when the process's
/// cgroup (v2) allows less (`memory.max` − `memory.current`, as in a container); `None`
/// where neither is known.
pub fn available() -> Option<u64> {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let system = read("/proc/meminfo").and_then(|text| parse_meminfo(&text, "MemAvailable:"));
    let group = read("/proc/self/cgroup").and_then(|text| {
        let dir = format!("/sys/fs/cgroup{}", text.lines().find_map(|l| l.strip_prefix("0::"))?.trim_end_matches('/'));
        cgroup_room(&read(&format!("{dir}/memory.max"))?, read(&format!("{dir}/memory.current")).as_deref())
    });
    match (system, group) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
