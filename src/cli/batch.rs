//! `pixelpipe batch`: many images through one pipeline, with progress and a summary.

use super::cache;
use super::run::{close_cache, load_pipeline, with_budget};
use super::warn;
use indicatif::{ProgressBar, ProgressStyle};
use pixelpipe::batch::{self, Batch, ImageResult, Status};
use pixelpipe::config::Config;
use pixelpipe::{io, Error, Result};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// Pipeline file, or a preset name.
    pipeline: String,
    /// Input files, folders or glob patterns (quote patterns to keep the shell off them).
    #[arg(short, long, required = true, num_args = 1..)]
    input: Vec<String>,
    /// Output folder; each output keeps its input's path below the input folder, and its
    /// name.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// Read input folders to any depth (default: their files only).
    #[arg(long)]
    recursive: bool,
    /// Output format for every image (png, jpg, tiff, webp, …; default: each input's own).
    #[arg(long)]
    format: Option<String>,
    /// JPEG quality, 1-100 (default 75).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=100))]
    quality: Option<u8>,
    /// Images in flight at once (default: one per worker thread; fewer when the memory
    /// budget cannot hold more).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    jobs: Option<u32>,
    /// Skip images whose output exists and is newer than the input and the pipeline file.
    #[arg(long)]
    resume: bool,
    /// Progress: `auto` (a bar when standard error is a terminal), `json` (one line per
    /// finished image on standard output), `none`.
    #[arg(long, value_enum, default_value_t = Progress::Auto)]
    progress: Progress,
    /// Write the summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// Treat unknown parameter names as errors instead of warnings.
    #[arg(long)]
    strict: bool,
    /// `--max-memory` (of all the images in flight), `--no-cache`, `--cache-dir`.
    #[command(flatten)]
    settings: pixelpipe::config::RunFlags,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Auto,
    Json,
    None,
}

fn mtime(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The progress bar on a terminal: images done of all, failures, MP/s, ETA.
fn bar(total: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total as u64);
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} images {msg} [{elapsed_precise}, ETA {eta}]")
        .expect("a valid template");
    bar.set_style(style);
    Some(bar)
}

pub fn command(config: &Config, args: BatchArgs) -> Result<()> {
    // Everything that can be wrong with the command is found before any image is read.
    let format = batch::output_format(args.format.as_deref(), args.quality)?;
    let config = &config.with_flags(&args.settings.0)?;
    let pipeline = with_budget(config, load_pipeline(&args.pipeline, args.strict)?);
    let inputs = batch::collect_inputs(&args.input, args.recursive, Some(&args.output))?;
    let tasks = batch::plan(inputs, &args.output, format)?;
    std::fs::create_dir_all(&args.output).map_err(|e| Error::io(&args.output, e))?;
    let cache = cache::open(config);
    let mut batch = Batch::new(std::sync::Arc::new(pipeline))
        .cache(cache.clone())
        .resume(args.resume, mtime(Path::new(&args.pipeline)));
    if let Some(jobs) = args.jobs {
        batch = batch.jobs(jobs as usize);
    }
    let bar = if args.progress == Progress::Auto { bar(tasks.len()) } else { None };
    let (mut failed, mut megapixels) = (0, 0.0);
    let mut repeats: std::collections::BTreeMap<String, usize> = Default::default();
    let started = std::time::Instant::now();
    let summary = batch.run(&tasks, |r: &ImageResult| {
        if args.progress == Progress::Json {
            outln!("{}", serde_json::to_string(r).expect("a result serialises"));
        }
        // Each warning once, with the first image that gave it; repeats are counted.
        for w in &r.warnings {
            let seen = repeats.entry(w.clone()).or_insert(0);
            *seen += 1;
            if *seen == 1 {
                let line = format!("warning: {}: {w}", r.input.display());
                match &bar {
                    Some(b) => b.suspend(|| warn(&line)),
                    None => warn(&line),
                }
            }
        }
        if let Some(b) = &bar {
            failed += (r.status == Status::Failed) as usize;
            megapixels += r.megapixels;
            let rate = megapixels / started.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!("{failed} failed, {rate:.1} MP/s"));
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for (w, n) in repeats.iter().filter(|(_, n)| **n > 1) {
        warn(&format!("warning: {w} (for {n} images in all)"));
    }
    close_cache(cache);
    let text = summary.to_string();
    if args.progress == Progress::Json {
        warn(text.trim_end());
    } else {
        out!("{text}");
    }
    if let Some(path) = &args.summary {
        let json = serde_json::to_string_pretty(&summary).expect("a summary serialises");
        io::write_output(path, |f| std::io::Write::write_all(f, json.as_bytes()).map_err(|e| Error::io(path, e)))?;
    }
    if summary.failed > 0 {
        return Err(Error::processing(format!("{} of {} image(s) failed", summary.failed, summary.images)));
    }
    Ok(())
}
