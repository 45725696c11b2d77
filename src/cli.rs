//! The `pixelpipe` command line: thin wrappers over library calls.

use crate::cache::{self, Cache};
use crate::config::Config;
use crate::core::params::parse_cli_pair;
use crate::core::{Context, Error, Result};
use crate::image::{synth, Image};
use crate::pipeline::{Pipeline, RunOptions, RunOutput, Source};
use crate::{io, ops, presets};
use clap::{Parser, Subcommand};
use serde_json::Map;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Prints to standard output. A write error ends the process with exit status 1: quietly
/// for a closed pipe (`pixelpipe ops | head`), with a message otherwise. A closed
/// descriptor is an error too (see [`io::output::write_stdout`]).
fn emit(text: &str) {
    if let Err(e) = io::output::write_stdout(text.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            warn(&format!("error: cannot write to standard output: {e}"));
        }
        std::process::exit(1);
    }
}

/// Prints a line to standard error; errors writing it are ignored (a closed stderr must not
/// cost the output).
fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

macro_rules! out {
    ($($arg:tt)*) => { emit(&format!($($arg)*)) };
}
macro_rules! outln {
    ($($arg:tt)*) => { emit(&(format!($($arg)*) + "\n")) };
}

#[derive(Parser, Debug)]
#[command(name = "pixelpipe", version, about = "Composable, pixel-exact image-processing pipelines")]
pub struct Cli {
    /// Configuration file (default: ./pixelpipe.yaml if it exists).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a pipeline file (JSON or YAML), or a built-in preset, on an image.
    Run {
        /// Pipeline file, or a preset name (`glitch-effect` or `preset:glitch-effect`).
        pipeline: String,
        #[command(flatten)]
        io: IoArgs,
        /// Validate every step against the input and print the predicted result; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Treat unknown parameter names as errors instead of warnings.
        #[arg(long)]
        strict: bool,
        /// Also write the input and each step's output as PNG into this folder.
        #[arg(long, value_name = "DIR")]
        save_steps: Option<PathBuf>,
    },
    /// Apply one operation: `pixelpipe apply RowShift selection=odd shift_amount=5 -i in.png -o out.png`.
    Apply {
        /// Operation name (see `pixelpipe ops`).
        op: String,
        /// Parameters as key=value (values are read as YAML: 5, true, [1, 2], "text").
        params: Vec<String>,
        #[command(flatten)]
        io: IoArgs,
        /// Treat unknown parameter names as errors instead of warnings.
        #[arg(long)]
        strict: bool,
    },
    /// List operations, or show one operation's parameters.
    Ops {
        /// Operation name.
        name: Option<String>,
    },
    /// List the built-in presets, or print one as a pipeline file (`presets show NAME`).
    Presets {
        /// `show`
        action: Option<String>,
        /// Preset name for `show`.
        name: Option<String>,
    },
    /// Time operations on a synthetic image (median of --repeat runs, next to a memcpy of the same bytes).
    Bench {
        /// Operations to time (default: all).
        ops: Vec<String>,
        /// Image size WIDTHxHEIGHT (default 10 megapixels).
        #[arg(long, default_value = "3840x2604")]
        size: String,
        #[arg(long, default_value_t = 5)]
        repeat: usize,
        /// Parameters for the operation(s) as key=value, instead of the built-in samples.
        #[arg(long = "param", value_name = "KEY=VALUE")]
        params: Vec<String>,
    },
    /// Write a synthetic test image: grid, gradient, checkerboard, noise or visual.
    Synth {
        kind: String,
        /// Size as WIDTHxHEIGHT.
        size: String,
        #[arg(short, long)]
        output: String,
        /// 3 (RGB) or 4 (RGBA).
        #[arg(long, default_value_t = 4)]
        channels: u8,
        #[arg(long)]
        format: Option<String>,
    },
    /// Run the built-in demo: a synthetic image through the glitch-effect pipeline.
    Demo {
        #[arg(short, long, default_value = "demo.png")]
        output: PathBuf,
        /// Size of the synthetic input, WIDTHxHEIGHT.
        #[arg(long, default_value = "1024x768")]
        size: String,
    },
    /// Print every setting in force (file, environment, defaults) with what it means.
    Config,
    /// Inspect or maintain the step cache.
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
}

#[derive(Subcommand, Debug)]
enum CacheAction {
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

/// Step cache flags of `run` and `apply`.
#[derive(clap::Args, Debug)]
struct CacheArgs {
    /// Neither read nor write the step cache (no folder is created).
    #[arg(long)]
    no_cache: bool,
    /// Cache folder (default: $PIXELPIPE_CACHE_DIR, `cache.dir` in pixelpipe.yaml, or the
    /// platform cache folder).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    cache_dir: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct IoArgs {
    /// Input image (`-` reads standard input).
    #[arg(short, long)]
    input: String,
    /// Output image (`-` writes standard output; then give --format).
    #[arg(short, long)]
    output: Option<String>,
    /// Output format when it cannot come from the file name (png, jpg, tiff, webp, bmp, ppm).
    #[arg(long)]
    format: Option<String>,
    /// JPEG quality, 1-100 (default 75, the original's: Pillow's default).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=100))]
    quality: Option<u8>,
    /// Print the per-step timing table.
    #[arg(long)]
    profile: bool,
    #[command(flatten)]
    cache: CacheArgs,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    crate::cleanup::install_signal_handlers();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            warn(&format!("error: {e}"));
            e.exit_code()
        }
    }
}

/// The process's configuration, loaded once at start.
static CONFIG: OnceLock<Config> = OnceLock::new();

fn config() -> &'static Config {
    CONFIG.get_or_init(Config::default)
}

/// Loads the configuration (file, environment), reports its warnings and sizes the global
/// thread pool.
fn setup(path: Option<&Path>) -> Result<()> {
    let config = Config::load(path)?;
    for w in &config.warnings {
        warn(&format!("warning: {w}"));
    }
    if let Some(n) = config.performance.parallel_workers {
        // Fails only if the pool already exists (a second call in one process).
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    let _ = CONFIG.set(config);
    Ok(())
}

fn run(cli: Cli) -> Result<()> {
    setup(cli.config.as_deref())?;
    match cli.command {
        Command::Run { pipeline, io, dry_run, strict, save_steps } => {
            let pipeline = with_budget(load_pipeline(&pipeline, strict)?);
            execute(&pipeline, &io, dry_run, save_steps)
        }
        Command::Apply { op, params, io, strict } => {
            let map = param_map(&params)?;
            let configured = ops::configure(&op, &map, strict).map_err(|e| e.at_step(1, &op))?;
            execute(&with_budget(Pipeline::single(configured)), &io, false, None)
        }
        Command::Ops { name } => {
            out!("{}", ops_help(name.as_deref())?);
            Ok(())
        }
        Command::Bench { ops, size, repeat, params } => {
            let (w, h) = parse_size(&size)?;
            limits().check(w, h, 4, "the benchmark image")?;
            let given = if params.is_empty() { None } else { Some(param_map(&params)?) };
            let (base, results) = crate::bench::run(&ops, w, h, repeat, given.as_ref())?;
            outln!(
                "{w}x{h} RGB ({:.1} MP), median of {repeat}; memcpy of the same bytes: {:.2} ms",
                (w as f64 * h as f64) / 1e6,
                base.as_secs_f64() * 1e3
            );
            outln!("{:<20} {:>12} {:>12} {:>10}", "operation", "median ms", "min ms", "x memcpy");
            for r in results {
                outln!(
                    "{:<20} {:>12.2} {:>12.2} {:>10.1}",
                    r.op,
                    r.median.as_secs_f64() * 1e3,
                    r.min.as_secs_f64() * 1e3,
                    r.vs_memcpy
                );
            }
            Ok(())
        }
        Command::Presets { action, name } => {
            match (action.as_deref(), name) {
                (None, _) => {
                    for n in presets::names() {
                        let f = presets::file(n)?;
                        let ops: Vec<&str> = f.operations.iter().map(|o| o.kind.as_str()).collect();
                        outln!("{n:<18} {}\n{:<18} {}", f.description, "", ops.join(" → "));
                    }
                }
                (Some("show"), Some(n)) => out!("{}", presets::source(&n)?),
                _ => return Err(Error::Usage("usage: pixelpipe presets [show NAME]".into())),
            }
            Ok(())
        }
        Command::Synth { kind, size, output, channels, format } => {
            let (w, h) = parse_size(&size)?;
            if channels != 3 && channels != 4 {
                return Err(Error::Usage(format!("--channels must be 3 or 4, got {channels}")));
            }
            if !synth::KINDS.contains(&kind.as_str()) {
                return Err(Error::Usage(format!(
                    "unknown synthetic image `{kind}`; known: {}",
                    synth::KINDS.join(", ")
                )));
            }
            limits().check(w, h, channels, "the synthetic image")?;
            let format = output_format(&output, format.as_deref())?;
            let img = synth::by_name(&kind, w, h, channels).expect("checked above");
            write_output(&img, &output, format)
        }
        Command::Demo { output, size } => {
            let (w, h) = parse_size(&size)?;
            limits().check(w, h, 3, "the demo image")?;
            let pipeline = demo_pipeline()?;
            let img = synth::visual(w, h, 3);
            outln!("demo: {w}x{h} synthetic image through `{}` ({})", pipeline.name, pipeline.description);
            let t = Instant::now();
            let out = pipeline.run(img, &RunOptions::default())?;
            let total = t.elapsed();
            let t = Instant::now();
            io::save(&out.image, &output, None)?;
            let encode = t.elapsed();
            out!("{}", timing_table(&out, None, Some(encode), total));
            outln!("wrote {} ({}x{} {})", output.display(), out.image.width(), out.image.height(), out.image.mode());
            Ok(())
        }
        Command::Config => {
            out!("{}", config().describe());
            Ok(())
        }
        Command::Cache { action } => cache_command(action),
    }
}

/// The demo's pipeline: the original's glitch-effect preset.
fn demo_pipeline() -> Result<Pipeline> {
    Pipeline::from_file(&presets::file("glitch-effect")?, false)
}

/// The configured input limits: `performance.max_image_pixels`, and
/// `performance.max_memory_usage` (when set) in place of the available-memory budget.
fn limits() -> io::Limits {
    let mut limits = io::Limits::default();
    let performance = &config().performance;
    if let Some(pixels) = performance.max_image_pixels {
        limits.max_pixels = pixels;
    }
    if let Some(budget) = performance.max_memory_usage {
        limits.max_bytes = Some(budget);
    }
    limits
}

/// The configured limits, and the file's warnings said once.
fn with_budget(mut pipeline: Pipeline) -> Pipeline {
    pipeline.limits = limits();
    for w in &pipeline.warnings {
        warn(&format!("warning: {w}"));
    }
    pipeline
}

/// A pipeline file path, or else a preset name (`preset:NAME` always means a preset).
fn load_pipeline(arg: &str, strict: bool) -> Result<Pipeline> {
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

fn param_map(pairs: &[String]) -> Result<Map<String, serde_json::Value>> {
    pairs.iter().map(|p| parse_cli_pair(p)).collect()
}

fn parse_size(s: &str) -> Result<(u32, u32)> {
    let bad = || Error::Usage(format!("size must be WIDTHxHEIGHT with both > 0, got `{s}`"));
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 {
        return Err(bad());
    }
    Ok((w, h))
}

/// The input's encoded bytes (read within `limits`) and its name for errors.
fn read_input_bytes(input: &str, limits: &io::Limits) -> Result<(Vec<u8>, String)> {
    if input == "-" {
        Ok((io::read_image_stdin(limits)?, "<stdin>".into()))
    } else {
        let path = Path::new(input);
        Ok((io::read_image_file(path, limits)?, path.display().to_string()))
    }
}

/// The output's format: `--format`, else the file name's extension (`-` needs `--format`).
fn output_format(output: &str, flag: Option<&str>) -> Result<io::OutputFormat> {
    match (flag, output) {
        (Some(f), _) => io::format_from_flag(f),
        (None, "-") => {
            Err(Error::Usage(format!("writing to standard output needs --format ({})", io::OutputFormat::NAMES)))
        }
        (None, name) => io::format_from_name(name),
    }
}

/// `--quality` applies to JPEG only.
fn with_quality(format: io::OutputFormat, quality: Option<u8>) -> Result<io::OutputFormat> {
    match (format, quality) {
        (io::OutputFormat::Jpeg { .. }, Some(quality)) => Ok(io::OutputFormat::Jpeg { quality }),
        (_, None) => Ok(format),
        (other, Some(_)) => Err(Error::Usage(format!("--quality applies to JPEG output, not {}", other.name()))),
    }
}

fn write_output(img: &Image, output: &str, format: io::OutputFormat) -> Result<()> {
    if img.channels() == 4 && !format.keeps_alpha() {
        warn(&format!(
            "warning: {} has no alpha channel: the result's alpha is dropped (write .png, .tiff, .webp or .pam to keep it)",
            format.name()
        ));
    }
    if output == "-" {
        let bytes = io::encode_to_vec(img, format)?;
        io::output::write_stdout(&bytes).map_err(|e| Error::io("<standard output>", e))
    } else {
        io::save(img, Path::new(output), Some(format))
    }
}

fn execute(pipeline: &Pipeline, args: &IoArgs, dry_run: bool, save_steps: Option<PathBuf>) -> Result<()> {
    if !dry_run && args.output.is_none() {
        return Err(Error::Usage("an output is required (-o FILE, or -o - with --format)".into()));
    }
    // Checked before any work.
    let format = match &args.output {
        Some(out) if !dry_run => Some(with_quality(output_format(out, args.format.as_deref())?, args.quality)?),
        _ => None,
    };
    if let (Some(out), Some(dir)) = (&args.output, &args.cache.cache_dir) {
        let canonical = |p: &Path| std::fs::canonicalize(p).ok();
        let out = Path::new(out);
        if out == dir.as_path() || canonical(out).is_some_and(|o| Some(o) == canonical(dir)) {
            return Err(Error::Usage(format!("--cache-dir {} is the output path; name another folder", dir.display())));
        }
    }
    let t = Instant::now();
    let (bytes, origin) = read_input_bytes(&args.input, &pipeline.limits)?;
    let read = t.elapsed();
    if dry_run {
        let input = io::decode_with(&bytes, &origin, &pipeline.limits)?;
        let ctx = Context::new(input.width(), input.height(), input.channels());
        let contexts = pipeline.validate(&ctx)?;
        let last = contexts.last().unwrap_or(&ctx);
        outln!("input  {}x{} {}", ctx.width, ctx.height, crate::image::mode_name(ctx.channels));
        for (step, c) in pipeline.steps.iter().zip(&contexts) {
            outln!(
                "step {:>2} {:<20} -> {}x{} {}",
                step.number,
                step.name(),
                c.width,
                c.height,
                crate::image::mode_name(c.channels)
            );
        }
        for w in &last.warnings {
            outln!("warning: {w}");
        }
        outln!("valid: output would be {}x{} {}", last.width, last.height, crate::image::mode_name(last.channels));
        return Ok(());
    }
    let cache = open_cache(&args.cache);
    let t = Instant::now();
    // Decoded inside the run, and only if the cache does not already know the input.
    let source = Source::Encoded { bytes, origin };
    let out = pipeline.run_source(source, &RunOptions { save_steps, cache: cache.clone() })?;
    let decode = read + out.decode.unwrap_or_default();
    let total = t.elapsed().saturating_sub(out.decode.unwrap_or_default());
    for w in &out.context.warnings {
        warn(&format!("warning: {w}"));
    }
    let output = args.output.as_deref().expect("checked above");
    let t = Instant::now();
    write_output(&out.image, output, format.expect("checked above"))?;
    let encode = t.elapsed();
    // Waits for the last entries (compressed while the output was encoded).
    let cache_stats = cache.map(Cache::close);
    for problem in cache_stats.iter().flat_map(|s| &s.problems) {
        warn(&format!("warning: cache: {problem}"));
    }
    if args.profile || config().performance.enable_profiling {
        let decode = if out.decode_skipped { None } else { Some(decode) };
        warn(timing_table(&out, decode, Some(encode), total).trim_end());
        if out.decode_skipped {
            warn(&format!(
                "(input known to the cache: not decoded; reading it took {:.2} ms)",
                read.as_secs_f64() * 1e3
            ));
        }
        if let Some(s) = &cache_stats {
            warn(&s.summary());
        }
    }
    Ok(())
}

/// The cache for a run, per flags > environment > file > defaults; `None` when disabled.
fn open_cache(args: &CacheArgs) -> Option<Cache> {
    if args.no_cache || !config().cache.enabled {
        return None;
    }
    let mut settings = config().cache_settings();
    if let Some(dir) = &args.cache_dir {
        settings.dir = Some(dir.clone());
    }
    Some(Cache::open(settings))
}

fn cache_command(action: CacheAction) -> Result<()> {
    let settings = config().cache_settings();
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
            outln!("removed {} files ({}) from {}", cleared.files, crate::memory::human(cleared.bytes), dir.display());
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

fn ms(d: Duration) -> String {
    format!("{:>10.2} ms", d.as_secs_f64() * 1e3)
}

/// The per-step profile: decode, each step, encode.
fn timing_table(out: &RunOutput, decode: Option<Duration>, encode: Option<Duration>, steps_total: Duration) -> String {
    let mut s = format!("{:<4} {:<22} {:>13} {:>16}\n", "step", "operation", "time", "output");
    if let Some(d) = decode {
        s += &format!("{:<4} {:<22} {}\n", "", "(decode)", ms(d));
    }
    for t in &out.timings {
        let size = format!("{}x{} {}", t.width, t.height, crate::image::mode_name(t.channels));
        let cached = if t.cached { " cached" } else { "" };
        s += &format!("{:<4} {:<22} {} {:>16}{cached}\n", t.number, t.name, ms(t.elapsed), size);
    }
    if let Some(e) = encode {
        s += &format!("{:<4} {:<22} {}\n", "", "(encode)", ms(e));
    }
    s += &format!("{:<4} {:<22} {}\n", "", "steps total", ms(steps_total));
    s
}

/// `ops` output: the list, or one operation's parameters (from its declaration).
pub fn ops_help(name: Option<&str>) -> Result<String> {
    let mut s = String::new();
    match name {
        None => {
            for spec in ops::all() {
                s += &format!("{:<20} {:<10} {}\n", spec.name, spec.family, spec.summary);
            }
        }
        Some(name) => {
            let spec = ops::find(name)?;
            s += &format!("{} ({} operation)\n  {}\n\nparameters:\n", spec.name, spec.family, spec.summary);
            for p in spec.params {
                let default = p.default.map(|d| format!("default {d}")).unwrap_or_else(|| "required".into());
                s += &format!("  {:<18} {}; {}\n  {:<18} {}\n", p.name, p.allowed(), default, "", p.doc);
            }
        }
    }
    Ok(s)
}
