//! `pixelpipe run` and `pixelpipe apply`: load, validate, run, write.

use super::cache::{self, CacheArgs};
use super::output::{output_format, timing_table, with_quality, write_output};
use super::warn;
use pixelpipe::cache::Cache;
use pixelpipe::config::Config;
use pixelpipe::core::params::parse_cli_pair;
use pixelpipe::pipeline::{Pipeline, RunOptions, Source};
use pixelpipe::{io, presets, Context, Error, Result};
use serde_json::Map;
use std::path::{Path, PathBuf};
use std::time::Instant;

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
    #[command(flatten)]
    cache: CacheArgs,
}

/// The configured limits, and the file's warnings said once.
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

pub fn param_map(pairs: &[String]) -> Result<Map<String, serde_json::Value>> {
    pairs.iter().map(|p| parse_cli_pair(p)).collect()
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

pub fn execute(
    config: &Config,
    pipeline: &Pipeline,
    args: &IoArgs,
    dry_run: bool,
    save_steps: Option<PathBuf>,
) -> Result<()> {
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
        outln!("input  {}x{} {}", ctx.width, ctx.height, pixelpipe::image::mode_name(ctx.channels));
        for (step, c) in pipeline.steps.iter().zip(&contexts) {
            outln!(
                "step {:>2} {:<20} -> {}x{} {}",
                step.number,
                step.name(),
                c.width,
                c.height,
                pixelpipe::image::mode_name(c.channels)
            );
        }
        for w in &last.warnings {
            outln!("warning: {w}");
        }
        outln!("valid: output would be {}x{} {}", last.width, last.height, pixelpipe::image::mode_name(last.channels));
        return Ok(());
    }
    let cache = cache::open(config, &args.cache);
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
    if args.profile || config.performance.enable_profiling {
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
