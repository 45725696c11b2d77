//! `pixelpipe cache stats|clear|gc`, and the cache a run opens.

use super::warn;
use clap::Subcommand;
use pixelpipe::cache::{self, Cache};
use pixelpipe::config::Config;
use pixelpipe::{Error, Result};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum CacheAction {
    /// Entries, size, and the hit/miss/time-saved totals of past runs.
    Stats {
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "DIR")]
        cache_dir: Option<PathBuf>,
    },
    /// Remove every entry and the totals.
    Clear {
        #[arg(long, value_name = "DIR")]
        cache_dir: Option<PathBuf>,
    },
    /// Now: remove damaged and old-format entries and evict down to the size cap.
    Gc {
        #[arg(long, value_name = "DIR")]
        cache_dir: Option<PathBuf>,
    },
}

/// The cache for a run, per flags > environment > file > defaults; `None` when disabled.
pub fn open(config: &Config) -> Option<Cache> {
    config.cache.enabled.then(|| Cache::open(config.cache_settings()))
}

pub fn command(config: &Config, action: CacheAction) -> Result<()> {
    let settings = config.cache_settings();
    let (CacheAction::Stats { cache_dir, .. } | CacheAction::Clear { cache_dir } | CacheAction::Gc { cache_dir }) =
        &action;
    let dir = cache_dir
        .clone()
        .or(settings.dir)
        .ok_or_else(|| Error::Usage("no cache folder: give --cache-dir or set PIXELPIPE_CACHE_DIR".into()))?;
    let store = cache::DiskStore::new(dir.clone(), settings.compression);
    let io_err = |e| Error::io(&dir, e);
    match action {
        CacheAction::Stats { json, .. } => {
            let report = cache::FolderReport::read(&store, settings.max_size).map_err(io_err)?;
            if json {
                outln!("{}", serde_json::to_string_pretty(&report).expect("reports serialise"));
            } else {
                out!("{}", report.text());
            }
        }
        CacheAction::Clear { .. } => {
            let cleared = store.clear().map_err(io_err)?;
            outln!(
                "removed {} files ({}) from {}",
                cleared.files,
                pixelpipe::memory::human(cleared.bytes),
                dir.display()
            );
            if let Some(failure) = cleared.failed.error() {
                return Err(Error::io(&dir, failure));
            }
        }
        CacheAction::Gc { .. } => {
            let sweep = store.sweep(settings.max_size).map_err(io_err)?;
            for p in &sweep.problems {
                warn(&format!("warning: cache: {p}"));
            }
            outln!("{}", sweep.summary());
            if let Some(failure) = sweep.failed.error() {
                return Err(Error::io(&dir, failure));
            }
        }
    }
    Ok(())
}
