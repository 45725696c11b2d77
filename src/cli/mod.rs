//! The `pixelpipe` command line: flags, environment and configuration file resolved into a
//! [`Config`] that is passed down, then thin calls into the library. One file per command
//! group: [`run`] (run, apply), [`cache`] (cache stats|clear|gc), [`info`] (ops, presets,
//! synth, demo, bench helpers), [`output`] (what is written where), `serve` (the builder).

/// Prints to standard output. A write error ends the process with exit status 1: quietly
/// for a closed pipe (`pixelpipe ops | head`), with a message otherwise. A closed
/// descriptor is an error too (see [`io::output::write_stdout`]).
pub fn emit(text: &str) {
    if let Err(e) = io::output::write_stdout(text.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            warn(&format!("error: cannot write to standard output: {e}"));
        }
        std::process::exit(1);
    }
}

/// Prints a line to standard error; errors writing it are ignored (a closed stderr must not
/// cost the output).
pub fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::emit(&format!($($arg)*)) };
}

macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::emit(&(format!($($arg)*) + "\n")) };
}

mod batch;
mod cache;
mod info;
mod output;
mod profile;
mod progress;
mod run;
#[cfg(feature = "serve")]
mod serve;

use cache::CacheAction;
use clap::{Parser, Subcommand};
use pixelpipe::config::Config;
use pixelpipe::image::synth;
use pixelpipe::pipeline::{Pipeline, RunOptions};
use pixelpipe::{io, ops, presets, Error, Result};
use run::IoArgs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(name = "pixelpipe", version, about = "Composable, pixel-exact image-processing pipelines")]
pub struct Cli {
    /// Configuration file (default: ./pixelpipe.yaml if it exists).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// The settings that are also flags of every command (`--workers`).
    #[command(flatten)]
    settings: pixelpipe::config::GlobalFlags,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a pipeline file (JSON or YAML), or a built-in preset, on an image.
    Run {
        /// Pipeline file, or a preset name (`glitch-effect` or `preset:glitch-effect`). Several:
        /// each runs on the input decoded once, their shared first steps computed once, and
        /// -o names each output with `{name}` (the file's stem or the preset).
        #[arg(required = true, num_args = 1..)]
        pipeline: Vec<String>,
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
        /// Write the figures (each operation's time over a memcpy's) as JSON, for --compare.
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Compare with figures saved by --save; exit 1 when an operation is slower, relative to
        /// a memcpy, by more than --tolerance.
        #[arg(long, value_name = "FILE")]
        compare: Option<PathBuf>,
        /// Percent slower (relative to a memcpy) that --compare lets pass. The default is
        /// above the spread measured between runs of an unchanged tree on a shared 2-core
        /// machine (up to ±55% for operations under 2 ms at 10 MP), below a 2× slowdown.
        #[arg(long, default_value_t = 60.0, value_name = "PERCENT")]
        tolerance: f64,
    },
    /// Run a pipeline over many images: files, folders, glob patterns, into one folder.
    Batch(batch::BatchArgs),
    /// Profile a pipeline on an image: time, memory and cache per step, how they grow with the
    /// image size, and what follows from the figures (text; --json, --report FILE.html).
    Profile(profile::ProfileArgs),
    /// Serve the visual pipeline builder: a page with live previews, on this machine only
    /// (http://127.0.0.1:8501/?token=…).
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
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

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    pixelpipe::cleanup::install_signal_handlers();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            warn(&format!("error: {e}"));
            e.exit_code()
        }
    }
}

/// Loads the configuration (file, environment), reports its warnings and sizes the global
/// thread pool.
fn setup(path: Option<&Path>, flags: &pixelpipe::config::GlobalFlags) -> Result<Config> {
    let config = Config::load(path)?.with_flags(&flags.0)?;
    for w in &config.warnings {
        warn(&format!("warning: {w}"));
    }
    if let Some(n) = config.performance.parallel_workers {
        // Fails only if the pool already exists (a second call in one process).
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    Ok(config)
}

fn run(cli: Cli) -> Result<()> {
    let config = setup(cli.config.as_deref(), &cli.settings)?;
    let config = &config;
    match cli.command {
        Command::Run { pipeline, io, dry_run, strict, save_steps } => {
            let config = &config.with_flags(&io.settings.0)?;
            if let [one] = pipeline.as_slice() {
                let pipeline = run::with_budget(config, run::load_pipeline(one, strict)?);
                return run::execute(config, &pipeline, &io, dry_run, save_steps);
            }
            if save_steps.is_some() {
                return Err(Error::Usage("--save-steps takes one pipeline".into()));
            }
            run::execute_variants(config, &pipeline, &io, strict, dry_run)
        }
        Command::Apply { op, params, io, strict } => {
            let config = &config.with_flags(&io.settings.0)?;
            let map = run::param_map(&params)?;
            let configured = ops::configure(&op, &map, strict).map_err(|e| e.at_step(1, &op))?;
            run::execute(config, &run::with_budget(config, Pipeline::single(configured)), &io, false, None)
        }
        Command::Ops { name } => {
            out!("{}", info::ops_help(name.as_deref())?);
            Ok(())
        }
        Command::Bench { ops, size, repeat, params, save, compare, tolerance } => {
            info::bench(config, &ops, &size, repeat, &params, save.as_deref(), compare.as_deref(), tolerance)
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
            let (w, h) = info::parse_size(&size)?;
            if channels != 3 && channels != 4 {
                return Err(Error::Usage(format!("--channels must be 3 or 4, got {channels}")));
            }
            if !synth::KINDS.contains(&kind.as_str()) {
                return Err(Error::Usage(format!(
                    "unknown synthetic image `{kind}`; known: {}",
                    synth::KINDS.join(", ")
                )));
            }
            let format = output::output_format(&output, format.as_deref())?;
            let synth = synth::Synth::named(&kind, w, h, channels).expect("checked above");
            if format.streams() && output != "-" {
                // Band by band: an image of any size, never held whole.
                if let Some(w) = pixelpipe::job::alpha_dropped(&pixelpipe::Context::new(w, h, channels), format) {
                    warn(&format!("warning: {w}"));
                }
                let limits = io::Limits { max_bytes: None, ..config.limits() };
                limits.check(w, h, channels, "the synthetic image")?;
                let stride = w as usize * channels as usize;
                let band = pixelpipe::memory::suggest_band_rows(stride as u64);
                let bands = (0..h).step_by(band as usize).map(|y| {
                    let mut rows = vec![0; (band.min(h - y)) as usize * stride];
                    synth.fill(y, &mut rows);
                    rows
                });
                let path = Path::new(&output);
                let fail = |message| Error::Encode { path: output.clone(), message };
                return io::write_output(path, |file| {
                    io::rows::write_bands(file, w, h, channels, format, bands).map_err(fail)
                });
            }
            config.limits().check(w, h, channels, "the synthetic image")?;
            output::write_output(&synth.image(), &output, format)
        }
        Command::Demo { output, size } => {
            let (w, h) = info::parse_size(&size)?;
            config.limits().check(w, h, 3, "the demo image")?;
            let pipeline = info::demo_pipeline()?;
            let img = synth::visual(w, h, 3);
            outln!("demo: {w}x{h} synthetic image through `{}` ({})", pipeline.name, pipeline.description);
            let t = Instant::now();
            let out = pipeline.run(img, &RunOptions::default())?;
            let total = t.elapsed();
            let t = Instant::now();
            io::save(&out.image, &output, None)?;
            let encode = t.elapsed();
            out!("{}", output::timing_table(&out, None, Some(encode), total));
            outln!("wrote {} ({}x{} {})", output.display(), out.image.width(), out.image.height(), out.image.mode());
            Ok(())
        }
        Command::Profile(args) => profile::command(config, args),
        Command::Batch(args) => batch::command(config, args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::command(config, args),
        Command::Config => {
            out!("{}", config.describe());
            Ok(())
        }
        Command::Cache { action } => cache::command(config, action),
    }
}
