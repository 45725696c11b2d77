//! `pixelpipe run` and `pixelpipe apply`: load, validate, run, write.

use super::cache;
use super::output::{output_format, profile_report};
use super::progress::StepBar;
use super::warn;
use pixelpipe::cache::Cache;
use pixelpipe::config::Config;
use pixelpipe::core::params::parse_cli_pair;
use pixelpipe::job::{Input, Job, JobOptions, Output, StreamChoice};
use pixelpipe::pipeline::Pipeline;
use pixelpipe::{presets, Error, Result};
use serde_json::Map;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct IoArgs {
    /// Input image (`-` reads standard input).
    #[arg(short, long)]
    input: String,
    /// Output image (`-` writes standard output; then give --format).
    #[arg(short, long)]
    output: Option<String>,
    /// Output format when it cannot come from the file name (png, jpg, tiff, webp, bmp, ppm, pam).
    #[arg(long)]
    format: Option<String>,
    /// JPEG quality, 1-100 (default 75, the original's: Pillow's default).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=100))]
    quality: Option<u8>,
    /// Print the per-step timing table.
    #[arg(long)]
    profile: bool,
    /// Run in bands of rows: `auto` streams when the whole image would not fit the memory
    /// budget; `always`; `never` (whole images).
    #[arg(long, value_enum, default_value_t = StreamChoice::Auto)]
    stream: StreamChoice,
    /// Rows per band when streaming (default: about 2 MB of the widest step's rows).
    #[arg(long, value_name = "ROWS", value_parser = clap::value_parser!(u32).range(1..))]
    band_rows: Option<u32>,
    /// The settings that are also flags of the commands that run (`--max-memory`,
    /// `--no-cache`, `--cache-dir`).
    #[command(flatten)]
    pub settings: pixelpipe::config::RunFlags,
}

/// The configured limits (with `--max-memory`), and the file's warnings said once.
pub fn with_budget(config: &Config, mut pipeline: Pipeline) -> Pipeline {
    pipeline.limits = config.limits();
    for w in &pipeline.warnings {
        warn(&format!("warning: {w}"));
    }
    pipeline
}

/// A pipeline file path, or else a preset name (`preset:NAME` always means a preset).
pub fn load_pipeline(arg: &str, strict: bool) -> Result<Pipeline> {
    let path = Path::new(arg);
    if arg.starts_with("preset:") || (!path.exists() && presets::source(arg).is_ok()) {
        return Pipeline::from_file(&presets::file(arg)?, strict);
    }
    if !path.exists() {
        return Err(Error::Usage(format!(
            "no pipeline file `{arg}` and no preset of that name (see `pixelpipe presets`)"
        )));
    }
    Pipeline::load(path, strict)
}

/// The `key=value` arguments as parameters; a key given twice warns (the last one counts).
pub fn param_map(pairs: &[String]) -> Result<Map<String, serde_json::Value>> {
    let mut map = Map::new();
    for pair in pairs {
        let (key, value) = parse_cli_pair(pair)?;
        if let Some(before) = map.insert(key.clone(), value) {
            super::warn(&format!("warning: `{key}` is given more than once; the last one counts (not {before})"));
        }
    }
    Ok(map)
}

pub fn execute(
    config: &Config,
    pipeline: &Pipeline,
    args: &IoArgs,
    dry_run: bool,
    save_steps: Option<PathBuf>,
) -> Result<()> {
    let output = match (&args.output, dry_run) {
        (None, false) => {
            return Err(Error::Usage("an output is required (-o FILE, or -o - with --format)".into()));
        }
        // Checked before any work; a dry run plans for it too (a format written whole counts).
        (Some(out), _) => {
            let format = output_format(out, args.format.as_deref())?.with_quality(args.quality)?;
            if out == "-" {
                Output::Stdout(format)
            } else {
                Output::File(out.into(), format)
            }
        }
        (None, true) => Output::Discard,
    };
    if let (Some(out), Some(dir)) = (&args.output, &config.cache.dir) {
        let canonical = |p: &Path| std::fs::canonicalize(p).ok();
        let out = Path::new(out);
        if out == dir.as_path() || canonical(out).is_some_and(|o| Some(o) == canonical(dir)) {
            return Err(Error::Usage(format!("--cache-dir {} is the output path; name another folder", dir.display())));
        }
    }
    let input = if args.input == "-" { Input::Stdin } else { Input::File(args.input.clone().into()) };
    // A dry run neither reads nor writes the cache.
    let cache = if dry_run { None } else { cache::open(config) };
    let bar = if dry_run { None } else { StepBar::start(pipeline) };
    let opts = JobOptions {
        stream: args.stream,
        band_rows: args.band_rows,
        cache: cache.as_ref(),
        on_step: bar.as_ref().map(StepBar::on_step),
        save_steps,
        ..JobOptions::default()
    };
    let planned = Job::new(pipeline, input, output).options(opts).plan()?;
    if dry_run {
        out!("{}", planned.describe());
        return Ok(());
    }
    let done = planned.run();
    if let Some(bar) = bar {
        bar.bar.finish_and_clear();
    }
    let done = done?;
    for w in &done.warnings {
        warn(&format!("warning: {w}"));
    }
    let cache_stats = close_cache(cache);
    if args.profile || config.performance.enable_profiling {
        warn(profile_report(&done).trim_end());
        if let Some(s) = &cache_stats {
            warn(&s.summary());
        }
    }
    Ok(())
}

/// Closes the run's cache, waiting for the last entries (compressed while the output was
/// encoded), and says what went wrong with it.
pub fn close_cache(cache: Option<Cache>) -> Option<pixelpipe::cache::Stats> {
    let stats = cache.map(Cache::close);
    for problem in stats.iter().flat_map(|s| &s.problems) {
        warn(&format!("warning: cache: {problem}"));
    }
    stats
}

/// The name `{name}` stands for: a pipeline file's stem, or the preset's name.
fn variant_name(arg: &str) -> String {
    let path = Path::new(arg);
    match path.file_stem() {
        Some(stem) if path.exists() => stem.to_string_lossy().into_owned(),
        _ => arg.trim_start_matches("preset:").to_string(),
    }
}

/// Several pipelines on one input (see [`pixelpipe::variants`]); outputs named by the
/// template's `{name}`.
pub fn execute_variants(config: &Config, args: &[String], io_args: &IoArgs, strict: bool, dry_run: bool) -> Result<()> {
    let template = io_args.output.as_deref().unwrap_or("");
    if !dry_run && !template.contains("{name}") {
        return Err(Error::Usage(format!(
            "several pipelines need an output name with {{name}} in it, like -o 'out-{{name}}.png' (got `{template}`)"
        )));
    }
    let mut names: Vec<String> = Vec::new();
    let mut pipelines = Vec::new();
    for arg in args {
        let name = variant_name(arg);
        if names.contains(&name) {
            return Err(Error::Usage(format!("two pipelines are named `{name}`: {{name}} would give them one output")));
        }
        names.push(name);
        pipelines.push(with_budget(config, load_pipeline(arg, strict)?));
    }
    let input = || if io_args.input == "-" { Input::Stdin } else { Input::File(io_args.input.clone().into()) };
    let opts = JobOptions { stream: io_args.stream, band_rows: io_args.band_rows, ..JobOptions::default() };
    if dry_run {
        for (name, p) in names.iter().zip(&pipelines) {
            let planned = Job::new(p, input(), Output::Discard).options(opts.clone()).plan()?;
            out!("{name}:\n{}", planned.describe());
        }
        return Ok(());
    }
    let outputs: Vec<Output> = names
        .iter()
        .map(|n| {
            let path = template.replace("{name}", n);
            let format = output_format(&path, io_args.format.as_deref())?.with_quality(io_args.quality)?;
            Ok(if path == "-" { Output::Stdout(format) } else { Output::File(path.into(), format) })
        })
        .collect::<Result<_>>()?;
    let cache = cache::open(config);
    let refs: Vec<&Pipeline> = pipelines.iter().collect();
    let done = pixelpipe::variants::run_jobs(&refs, input(), &outputs, &JobOptions { cache: cache.as_ref(), ..opts })?;
    for (name, result) in names.iter().zip(&done.results) {
        for w in result.iter().flatten() {
            warn(&format!("warning: {name}: {w}"));
        }
    }
    close_cache(cache);
    if let (Some([decode, steps, encode]), true) = (done.shared, io_args.profile || config.performance.enable_profiling)
    {
        warn(&format!(
            "{} pipelines: decode {:.2} ms (once), steps {:.2} ms (shared first steps once, branches in parallel), encode {:.2} ms",
            names.len(),
            decode.as_secs_f64() * 1e3,
            steps.as_secs_f64() * 1e3,
            encode.as_secs_f64() * 1e3
        ));
    }
    done.failures(&names)
}
