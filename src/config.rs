//! Configuration: `pixelpipe.yaml` (current folder, or `--config PATH`) with `cache:` and
//! `performance:` sections. Precedence: command-line flags > environment > file > defaults.
//!
//! Every key can also come from the environment as `PIXELPIPE_<SECTION>_<KEY>`, e.g.
//! `PIXELPIPE_CACHE_DIR`, `PIXELPIPE_CACHE_MAX_SIZE=2GB`,
//! `PIXELPIPE_PERFORMANCE_PARALLEL_WORKERS=4`. Byte sizes are a number of bytes or a number
//! with a unit: `B`, `KB`, `MB`, `GB`, `TB` (1024-based, like the original's size reports;
//! `KiB`… are accepted too). Unknown keys are warned about and ignored.

use crate::cache;
use crate::core::params::closest;
use crate::core::{Error, Result};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The file looked for in the current folder.
pub const FILE_NAME: &str = "pixelpipe.yaml";

/// Cap of `performance.parallel_workers`, per core.
pub const MAX_WORKERS_PER_CORE: usize = 4;

/// `cache:` section.
#[derive(Debug, Clone, PartialEq)]
pub struct CacheConfig {
    pub enabled: bool,
    /// Disk tier folder; default `$PIXELPIPE_CACHE_DIR` or the platform cache folder.
    pub dir: Option<PathBuf>,
    /// Cap of the disk tier.
    pub max_size: u64,
    /// Bound of the memory tier; default a quarter of `performance.max_memory_usage`, or
    /// 256 MB.
    pub memory_size: Option<u64>,
    /// lz4-compress entries; overrides `performance.cache_compression`.
    pub compression: Option<bool>,
    /// Store every step's output, even those cheaper to recompute than to store.
    pub store_all: bool,
}

/// `performance:` section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PerformanceConfig {
    pub max_memory_usage: Option<u64>,
    /// Largest image (width × height) read; default [`crate::io::limits::DEFAULT_MAX_PIXELS`].
    pub max_image_pixels: Option<u64>,
    pub parallel_workers: Option<usize>,
    pub cache_compression: Option<bool>,
    /// Print the per-step timing table on every run (like `--profile`).
    pub enable_profiling: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub cache: CacheConfig,
    pub performance: PerformanceConfig,
    /// The file read, if any.
    pub source: Option<PathBuf>,
    /// Unknown keys and the like, for the user.
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            cache: CacheConfig {
                enabled: true,
                dir: None,
                max_size: cache::DEFAULT_MAX_SIZE,
                memory_size: None,
                compression: None,
                store_all: false,
            },
            performance: PerformanceConfig::default(),
            source: None,
            warnings: Vec::new(),
        }
    }
}

#[derive(Clone, Copy)]
enum ValueKind {
    Bool,
    Bytes,
    /// A positive integer.
    Count,
    Path,
}

/// One setting, declared once: where it lives, how its value is read, what it means, how it
/// is applied and shown. Parsing, the environment variables, unknown-key hints and
/// `pixelpipe config` all come from `SETTINGS`.
struct SettingSpec {
    section: &'static str,
    key: &'static str,
    kind: ValueKind,
    doc: &'static str,
    /// Applies a parsed value; `None` (a `null`) means back to the default.
    apply: fn(&mut Config, Option<Setting>),
    /// The value in force, for `pixelpipe config`.
    show: fn(&Config) -> String,
    /// The command-line flag that sets it for one run, if any.
    flag: Option<Flag>,
}

/// The commands a setting's flag belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagScope {
    /// Every command.
    Global,
    /// The commands that run pipelines: run, apply, batch.
    Run,
}

/// A setting that is also a command-line flag: `--name VALUE` (a value of the setting's
/// kind), or a switch `--name` that gives the setting the value `switch`.
#[derive(Clone, Copy)]
struct Flag {
    name: &'static str,
    scope: FlagScope,
    switch: Option<&'static str>,
    value_name: &'static str,
    help: &'static str,
}

fn flag(s: Option<Setting>) -> Option<bool> {
    match s {
        Some(Setting::Bool(b)) => Some(b),
        _ => None,
    }
}

fn number(s: Option<Setting>) -> Option<u64> {
    match s {
        Some(Setting::Number(n)) => Some(n),
        _ => None,
    }
}

fn or_default<T: ToString>(v: Option<T>, default: &str) -> String {
    v.map_or_else(|| default.to_string(), |v| v.to_string())
}

const SETTINGS: &[SettingSpec] = &[
    SettingSpec {
        section: "cache",
        key: "enabled",
        kind: ValueKind::Bool,
        doc: "use the step cache (`--no-cache` turns it off for one run)",
        apply: |c, v| c.cache.enabled = flag(v).unwrap_or(true),
        show: |c| c.cache.enabled.to_string(),
        flag: Some(Flag { name: "no-cache", scope: FlagScope::Run, switch: Some("false"), value_name: "", help: "Neither read nor write the step cache (no folder is created)" }),
    },
    SettingSpec {
        section: "cache",
        key: "dir",
        kind: ValueKind::Path,
        doc: "folder of the disk tier (default: the platform cache folder); private to this user",
        apply: |c, v| {
            c.cache.dir = match v {
                Some(Setting::Path(d)) => Some(d),
                _ => None,
            }
        },
        show: |c| c.cache_settings().dir.map_or_else(|| "(none)".into(), |d| d.display().to_string()),
        flag: Some(Flag { name: "cache-dir", scope: FlagScope::Run, switch: None, value_name: "DIR", help: "Cache folder (default: $PIXELPIPE_CACHE_DIR, `cache.dir` in pixelpipe.yaml, or the platform cache folder)" }),
    },
    SettingSpec {
        section: "cache",
        key: "max_size",
        kind: ValueKind::Bytes,
        doc: "cap of the disk tier; least recently used entries go first",
        apply: |c, v| c.cache.max_size = number(v).unwrap_or(cache::DEFAULT_MAX_SIZE),
        show: |c| crate::memory::human(c.cache.max_size),
        flag: None,
    },
    SettingSpec {
        section: "cache",
        key: "memory_size",
        kind: ValueKind::Bytes,
        doc: "bound of the in-process tier (default a quarter of max_memory_usage, or 256 MB)",
        apply: |c, v| c.cache.memory_size = number(v),
        show: |c| crate::memory::human(c.cache_settings().memory_size),
        flag: None,
    },
    SettingSpec {
        section: "cache",
        key: "compression",
        kind: ValueKind::Bool,
        doc: "lz4-compress disk entries (overrides performance.cache_compression)",
        apply: |c, v| c.cache.compression = flag(v),
        show: |c| c.cache_settings().compression.to_string(),
        flag: None,
    },
    SettingSpec {
        section: "cache",
        key: "store_all",
        kind: ValueKind::Bool,
        doc: "store every step, even those cheaper to recompute than to store",
        apply: |c, v| c.cache.store_all = flag(v).unwrap_or(false),
        show: |c| c.cache.store_all.to_string(),
        flag: None,
    },
    SettingSpec {
        section: "performance",
        key: "max_memory_usage",
        kind: ValueKind::Bytes,
        doc:
            "memory budget: a step or an image needing more is refused before any work (default: the memory available)",
        apply: |c, v| c.performance.max_memory_usage = number(v),
        show: |c| c.performance.max_memory_usage.map_or_else(|| "(the memory available)".into(), crate::memory::human),
        flag: Some(Flag { name: "max-memory", scope: FlagScope::Run, switch: None, value_name: "SIZE", help: "Memory budget, like 512MB or 2GB (default: performance.max_memory_usage, else the memory available); batch: of all the images in flight" }),
    },
    SettingSpec {
        section: "performance",
        key: "max_image_pixels",
        kind: ValueKind::Count,
        doc: "largest width x height an input may claim before it is decoded",
        apply: |c, v| c.performance.max_image_pixels = number(v),
        show: |c| or_default(c.performance.max_image_pixels, &crate::io::limits::DEFAULT_MAX_PIXELS.to_string()),
        flag: None,
    },
    SettingSpec {
        section: "performance",
        key: "parallel_workers",
        kind: ValueKind::Count,
        doc: "threads of the worker pool (every parallel kernel runs there); the same pixels for any number",
        apply: |c, v| c.performance.parallel_workers = number(v).map(|n| n as usize),
        show: |c| or_default(c.performance.parallel_workers, "(one per core)"),
        flag: Some(Flag { name: "workers", scope: FlagScope::Global, switch: None, value_name: "N", help: "Worker threads (over performance.parallel_workers)" }),
    },
    SettingSpec {
        section: "performance",
        key: "cache_compression",
        kind: ValueKind::Bool,
        doc: "lz4-compress disk cache entries (cache.compression wins when both are set)",
        apply: |c, v| c.performance.cache_compression = flag(v),
        show: |c| or_default(c.performance.cache_compression, "(see cache.compression)"),
        flag: None,
    },
    SettingSpec {
        section: "performance",
        key: "enable_profiling",
        kind: ValueKind::Bool,
        doc: "print the per-step timing table on every run, as --profile does",
        apply: |c, v| c.performance.enable_profiling = flag(v).unwrap_or(false),
        show: |c| c.performance.enable_profiling.to_string(),
        flag: None,
    },
];

/// Settings given on the command line (see [`Config::with_flags`]): indices into
/// `SETTINGS` and the values as typed (a switch's value when it was given).
#[derive(Clone, Debug, Default)]
pub struct Flags(Vec<(usize, String)>);

/// The flags of the settings of one [`FlagScope`], as clap arguments: `Global` for every
/// command, `Run` for the commands that run pipelines. Declared once, by `SETTINGS`.
#[derive(Clone, Debug, Default)]
pub struct ScopedFlags<const GLOBAL: bool>(pub Flags);

pub type GlobalFlags = ScopedFlags<true>;
pub type RunFlags = ScopedFlags<false>;

impl<const GLOBAL: bool> ScopedFlags<GLOBAL> {
    fn flags() -> impl Iterator<Item = (usize, &'static SettingSpec, Flag)> {
        let scope = if GLOBAL { FlagScope::Global } else { FlagScope::Run };
        SETTINGS.iter().enumerate().filter_map(move |(i, s)| s.flag.filter(|f| f.scope == scope).map(|f| (i, s, f)))
    }
}

impl<const GLOBAL: bool> clap::Args for ScopedFlags<GLOBAL> {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for (_, spec, flag) in Self::flags() {
            let arg = clap::Arg::new(flag.name).long(flag.name).help(flag.help).global(GLOBAL);
            let arg = match flag.switch {
                Some(_) => arg.action(clap::ArgAction::SetTrue),
                None => {
                    let kind = spec.kind;
                    // Checked as the file and the environment are, when the command line is read.
                    let check = move |raw: &str| {
                        parse(kind, &Value::String(raw.into()), &format!("--{}", flag.name)).map(|_| raw.to_string())
                    };
                    arg.value_name(flag.value_name).action(clap::ArgAction::Set).value_parser(check)
                }
            };
            cmd = cmd.arg(arg);
        }
        cmd
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl<const GLOBAL: bool> clap::FromArgMatches for ScopedFlags<GLOBAL> {
    fn from_arg_matches(m: &clap::ArgMatches) -> std::result::Result<Self, clap::Error> {
        let mut given = Vec::new();
        for (i, _, flag) in Self::flags() {
            match flag.switch {
                Some(value) if m.get_flag(flag.name) => given.push((i, value.to_string())),
                Some(_) => {}
                None => given.extend(m.get_one::<String>(flag.name).map(|v| (i, v.clone()))),
            }
        }
        Ok(ScopedFlags(Flags(given)))
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> std::result::Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl SettingSpec {
    fn env_name(&self) -> String {
        format!("PIXELPIPE_{}_{}", self.section.to_uppercase(), self.key.to_uppercase())
    }
}

/// A parsed value of one key.
enum Setting {
    Bool(bool),
    Number(u64),
    Path(PathBuf),
}

impl Config {
    /// Defaults, then `path` (or `./pixelpipe.yaml` if it exists), then the environment.
    /// An explicit `path` must exist.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let mut config = Config::default();
        let file = match path {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from(FILE_NAME)).filter(|p| p.is_file()),
        };
        if let Some(file) = file {
            let fail = |m: String| Error::Usage(format!("cannot read config file {}: {m}", file.display()));
            let bytes = crate::io::limits::read_file(&file, crate::io::limits::MAX_CONFIG_FILE, fail)?;
            let text = String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".into()))?;
            config.merge_yaml(&text, &file)?;
        }
        config.merge_env(|name| std::env::var(name).ok())?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        config.cap_workers(cores);
        Ok(config)
    }

    /// More worker threads than [`MAX_WORKERS_PER_CORE`] × cores only cost memory and
    /// switching: `parallel_workers` is capped there, with a warning.
    pub fn cap_workers(&mut self, cores: usize) {
        let cap = MAX_WORKERS_PER_CORE * cores;
        if let Some(n) = self.performance.parallel_workers.filter(|&n| n > cap) {
            self.warnings.push(format!(
                "performance.parallel_workers {n} is more than {MAX_WORKERS_PER_CORE} per core; using {cap} ({cores} cores)"
            ));
            self.performance.parallel_workers = Some(cap);
        }
    }

    /// Applies a YAML document; relative paths are taken from the file's folder.
    pub fn merge_yaml(&mut self, text: &str, origin: &Path) -> Result<()> {
        let bad = |msg: String| Error::Usage(format!("config file {}: {msg}", origin.display()));
        let doc = crate::core::document::parse(text).map_err(&bad)?;
        self.warnings.extend(doc.warnings.iter().map(|w| format!("{}: {w}", origin.display())));
        let base = origin.parent().unwrap_or(Path::new(""));
        self.source = Some(origin.to_path_buf());
        let sections = match doc.value {
            Value::Null => return Ok(()),
            Value::Object(m) => m,
            _ => return Err(bad("expected a mapping with `cache:` and `performance:` sections".into())),
        };
        for (section, body) in &sections {
            let section = section.clone();
            if !SETTINGS.iter().any(|k| k.section == section) {
                self.warn_unknown(origin, &section, SETTINGS.iter().map(|k| k.section));
                continue;
            }
            let body = match body {
                Value::Object(m) => m.clone(),
                Value::Null => continue,
                _ => return Err(bad(format!("`{section}` must be a mapping of settings"))),
            };
            for (key, value) in &body {
                let key = key.clone();
                let name = format!("{section}.{key}");
                let Some(spec) = SETTINGS.iter().find(|k| k.section == section && k.key == key) else {
                    self.warn_unknown(origin, &name, SETTINGS.iter().filter(|k| k.section == section).map(|k| k.key));
                    continue;
                };
                let setting = parse(spec.kind, value, &name).map_err(&bad)?;
                let setting = match setting {
                    Some(Setting::Path(p)) if p.is_relative() => Some(Setting::Path(base.join(p))),
                    other => other,
                };
                (spec.apply)(self, setting);
            }
        }
        Ok(())
    }

    /// Applies `PIXELPIPE_<SECTION>_<KEY>` variables, read through `var`.
    pub fn merge_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<()> {
        for spec in SETTINGS {
            let name = spec.env_name();
            if let Some(raw) = var(&name).filter(|v| !v.is_empty()) {
                let setting = parse(spec.kind, &Value::String(raw), &name)
                    .map_err(|m| Error::Usage(format!("environment: {m}")))?;
                (spec.apply)(self, setting);
            }
        }
        Ok(())
    }

    /// These settings with the command line's `flags` over them (flags > environment > file
    /// > defaults).
    pub fn with_flags(&self, flags: &Flags) -> Result<Config> {
        let mut config = self.clone();
        for (i, raw) in &flags.0 {
            let spec = &SETTINGS[*i];
            let name = spec.flag.map_or(spec.key, |f| f.name);
            let setting = parse(spec.kind, &Value::String(raw.clone()), name).map_err(Error::Usage)?;
            (spec.apply)(&mut config, setting);
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        config.cap_workers(cores);
        Ok(config)
    }

    fn warn_unknown<'a>(&mut self, origin: &Path, name: &str, known: impl Iterator<Item = &'a str> + Clone) {
        let last = name.rsplit('.').next().unwrap_or(name);
        let hint = closest(last, known.clone()).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
        let mut list: Vec<&str> = known.collect();
        list.dedup();
        self.warnings.push(format!(
            "{}: unknown key `{name}` ignored (known: {}){hint}",
            origin.display(),
            list.join(", ")
        ));
    }

    /// The input limits these settings give: `performance.max_image_pixels`, and
    /// `performance.max_memory_usage` (when set) in place of the available-memory budget.
    pub fn limits(&self) -> crate::io::Limits {
        let mut limits = crate::io::Limits::default();
        if let Some(pixels) = self.performance.max_image_pixels {
            limits.max_pixels = pixels;
        }
        if let Some(budget) = self.performance.max_memory_usage {
            limits.max_bytes = Some(budget);
        }
        limits
    }

    /// Every setting with its value in force, its environment variable and what it means
    /// (`pixelpipe config`).
    pub fn describe(&self) -> String {
        let mut out = match &self.source {
            Some(file) => format!("# read from {}, then the environment\n", file.display()),
            None => "# no configuration file; defaults, then the environment\n".to_string(),
        };
        for section in ["cache", "performance"] {
            out += &format!("{section}:\n");
            for spec in SETTINGS.iter().filter(|s| s.section == section) {
                out += &format!("  {}: {}\n    # {} ({})\n", spec.key, (spec.show)(self), spec.doc, spec.env_name());
            }
        }
        out
    }

    /// The cache's settings (whether or not it is enabled). The folder is `cache.dir`
    /// (already overridden by `$PIXELPIPE_CACHE_DIR`) or the platform cache folder.
    pub fn cache_settings(&self) -> cache::Settings {
        let memory_size = self
            .cache
            .memory_size
            .or(self.performance.max_memory_usage.map(|m| m / 4))
            .unwrap_or(cache::DEFAULT_MEMORY_SIZE);
        cache::Settings {
            dir: self.cache.dir.clone().or_else(cache::platform_dir),
            max_size: self.cache.max_size,
            memory_size,
            compression: self.cache.compression.or(self.performance.cache_compression).unwrap_or(true),
            store_all: self.cache.store_all,
        }
    }
}

/// Parses one value; `null` means "back to the default".
fn parse(kind: ValueKind, value: &Value, name: &str) -> std::result::Result<Option<Setting>, String> {
    if value.is_null() {
        return Ok(None);
    }
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return Err(format!("`{name}` must be a single value, got {value}")),
    };
    let setting = match kind {
        ValueKind::Bool => Setting::Bool(match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => true,
            "false" | "no" | "off" | "0" => false,
            _ => return Err(format!("`{name}` must be true or false, got `{text}`")),
        }),
        ValueKind::Bytes => Setting::Number(parse_bytes(&text).map_err(|m| format!("`{name}`: {m}"))?),
        ValueKind::Count => match text.parse::<u64>() {
            Ok(n) if n >= 1 => Setting::Number(n),
            _ => return Err(format!("`{name}` must be a whole number of at least 1, got `{text}`")),
        },
        ValueKind::Path if text.is_empty() => {
            return Err(format!("`{name}` is empty: give a folder, or leave the setting out for the default"))
        }
        ValueKind::Path => {
            let home = std::env::var_os("HOME").map(PathBuf::from);
            match (text.strip_prefix("~/"), home) {
                (Some(rest), Some(home)) => Setting::Path(home.join(rest)),
                _ => Setting::Path(PathBuf::from(text)),
            }
        }
    };
    Ok(Some(setting))
}

/// "2GB", "512 MB", "1.5GiB", "1048576" → bytes (1024-based units). Must be more than 0.
pub fn parse_bytes(text: &str) -> std::result::Result<u64, String> {
    let bad = || format!("expected a size like 512MB, 2GB or a number of bytes, got `{text}`");
    let t = text.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().map_err(|_| bad())?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(bad()),
    };
    let bytes = number * (1u64 << shift) as f64;
    if !(bytes >= 1.0 && bytes < u64::MAX as f64) {
        return Err(format!("size must be more than 0 bytes, got `{text}`"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--max-memory`, `--no-cache`, `--cache-dir` and `--workers` are the settings table's
    /// flags: read by clap from its declarations, checked as the file's values are, applied
    /// over the configuration.
    #[test]
    fn flags_are_declared_by_the_settings_table() {
        use clap::{Args, FromArgMatches};
        let read = |flags: clap::Command, args: &[&str]| flags.try_get_matches_from(args.iter().copied());
        let run = RunFlags::augment_args(clap::Command::new("run"));
        let m = read(run.clone(), &["run", "--max-memory", "2GB", "--no-cache", "--cache-dir", "/tmp/c"]).unwrap();
        let c = Config::default().with_flags(&RunFlags::from_arg_matches(&m).unwrap().0).unwrap();
        assert_eq!((c.performance.max_memory_usage, c.cache.enabled), (Some(2 << 30), false));
        assert_eq!(c.cache.dir, Some(PathBuf::from("/tmp/c")));
        let e = read(run.clone(), &["run", "--max-memory", "lots"]).unwrap_err().to_string();
        assert!(e.contains("--max-memory") && e.contains("512MB"), "{e}");
        assert!(read(run, &["run", "--workers", "2"]).is_err(), "--workers is a global flag");
        let global = GlobalFlags::augment_args(clap::Command::new("pixelpipe"));
        let m = read(global.clone(), &["pixelpipe", "--workers", "1"]).unwrap();
        let c = Config::default().with_flags(&GlobalFlags::from_arg_matches(&m).unwrap().0).unwrap();
        assert_eq!(c.performance.parallel_workers, Some(1));
        assert!(read(global, &["pixelpipe", "--workers", "0"]).unwrap_err().to_string().contains("at least 1"));
    }
    use std::collections::HashMap;

    fn from_yaml(text: &str) -> Result<Config> {
        let mut c = Config::default();
        c.merge_yaml(text, Path::new("/etc/pp/pixelpipe.yaml"))?;
        Ok(c)
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(parse_bytes("2GB"), Ok(2 << 30));
        assert_eq!(parse_bytes("512 MB"), Ok(512 << 20));
        assert_eq!(parse_bytes("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_bytes("100kb"), Ok(102_400));
        assert_eq!(parse_bytes("4096"), Ok(4096));
        for bad in ["", "GB", "2 parsecs", "-1GB", "0", "1e3"] {
            assert!(parse_bytes(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn file_sections_and_unknown_keys() {
        let c = from_yaml(
            "cache:\n  enabled: true\n  dir: cachedir\n  max_size: 2GB\n  memory_size: 64MB\n  compresion: false\n\
             performance:\n  max_memory_usage: 1GB\n  parallel_workers: 3\n  cache_compression: false\n  enable_profiling: yes\n\
             logging:\n  level: debug\n",
        )
        .unwrap();
        assert_eq!(c.cache.dir, Some(PathBuf::from("/etc/pp/cachedir")), "relative to the file");
        assert_eq!((c.cache.max_size, c.cache.memory_size), (2 << 30, Some(64 << 20)));
        assert_eq!(c.performance.parallel_workers, Some(3));
        assert!(c.performance.enable_profiling);
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("`cache.compresion`") && c.warnings[0].contains("did you mean `compression`"));
        assert!(c.warnings[1].contains("`logging`"));
        let s = c.cache_settings();
        assert_eq!((s.max_size, s.memory_size, s.compression), (2 << 30, 64 << 20, false));
    }

    #[test]
    fn bad_values_are_errors_that_name_the_key() {
        let e = from_yaml("cache:\n  max_size: lots\n").unwrap_err().to_string();
        assert!(e.contains("cache.max_size") && e.contains("lots"), "{e}");
        let e = from_yaml("performance:\n  parallel_workers: 0\n").unwrap_err().to_string();
        assert!(e.contains("parallel_workers") && e.contains("at least 1"), "{e}");
        let e = from_yaml("cache:\n  enabled: maybe\n").unwrap_err().to_string();
        assert!(e.contains("true or false"), "{e}");
        assert!(from_yaml("- a list\n").is_err());
        for empty in ["cache:\n  dir: ''\n", "cache:\n  dir: '   '\n"] {
            let e = from_yaml(empty).unwrap_err().to_string();
            assert!(e.contains("cache.dir") && e.contains("is empty"), "{e}");
        }
        let mut c = Config::default();
        let e = c.merge_env(|k| (k == "PIXELPIPE_CACHE_DIR").then(|| " ".to_string())).unwrap_err();
        assert!(e.to_string().contains("is empty"), "{e}");
        let e = from_yaml(&"[".repeat(100_000)).unwrap_err().to_string();
        assert!(e.contains("nested more than"), "{e}");
        assert_eq!(from_yaml("").unwrap().cache, Config::default().cache);
    }

    #[test]
    fn environment_overrides_the_file_and_flags_override_both() {
        let mut c = from_yaml("cache:\n  dir: /from/file\n  max_size: 1GB\n").unwrap();
        let env: HashMap<&str, &str> = [
            ("PIXELPIPE_CACHE_DIR", "/from/env"),
            ("PIXELPIPE_PERFORMANCE_PARALLEL_WORKERS", "2"),
            ("PIXELPIPE_CACHE_ENABLED", ""),
        ]
        .into();
        c.merge_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(c.cache.dir, Some(PathBuf::from("/from/env")));
        assert_eq!(c.cache.max_size, 1 << 30, "not in the environment: the file's value stays");
        assert_eq!(c.performance.parallel_workers, Some(2));
        assert!(c.cache.enabled, "empty variables are ignored");
        let e = c.merge_env(|k| (k == "PIXELPIPE_CACHE_MAX_SIZE").then(|| "huge".to_string())).unwrap_err();
        assert!(e.to_string().contains("PIXELPIPE_CACHE_MAX_SIZE"), "{e}");
        let mut off = Config::default();
        off.merge_env(|k| (k == "PIXELPIPE_CACHE_ENABLED").then(|| "off".to_string())).unwrap();
        assert!(!off.cache.enabled);
    }

    #[test]
    fn every_setting_is_described_with_its_value_and_variable() {
        let c = from_yaml("cache:\n  max_size: 2GB\nperformance:\n  parallel_workers: 3\n").unwrap();
        let text = c.describe();
        for spec in SETTINGS {
            assert!(text.contains(&format!("  {}: ", spec.key)) && text.contains(&spec.env_name()), "{}", spec.key);
        }
        assert!(text.contains("max_size: 2.0 GB") && text.contains("parallel_workers: 3"), "{text}");
        assert!(text.starts_with("# read from /etc/pp/pixelpipe.yaml"), "{text}");
    }

    #[test]
    fn workers_are_capped_per_core_with_a_warning() {
        let mut c = from_yaml("performance:\n  parallel_workers: 100000\n").unwrap();
        c.cap_workers(2);
        assert_eq!(c.performance.parallel_workers, Some(2 * MAX_WORKERS_PER_CORE));
        assert!(c.warnings[0].contains("100000") && c.warnings[0].contains("per core"), "{:?}", c.warnings);
        let mut c = from_yaml("performance:\n  parallel_workers: 3\n  max_image_pixels: 1000\n").unwrap();
        c.cap_workers(2);
        assert_eq!((c.performance.parallel_workers, c.performance.max_image_pixels), (Some(3), Some(1000)));
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn memory_tier_defaults_from_the_budget() {
        let mut c = Config::default();
        assert_eq!(c.cache_settings().memory_size, cache::DEFAULT_MEMORY_SIZE);
        c.performance.max_memory_usage = Some(1 << 30);
        assert_eq!(c.cache_settings().memory_size, 1 << 28);
        assert!(c.cache_settings().compression);
    }
}
