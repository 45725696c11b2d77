//! `pixelpipe profile`: where a pipeline's time and memory go, as text, JSON and HTML.

use super::run::{load_pipeline, with_budget};
use pixelpipe::config::Config;
use pixelpipe::profile::{self, ReportOptions};
use pixelpipe::{io, Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ProfileArgs {
    /// Pipeline file, or a preset name.
    pipeline: String,
    /// Input image.
    #[arg(short, long)]
    input: PathBuf,
    /// Runs per measurement (their min, median and p95 are reported).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    iterations: u32,
    /// Sizes in megapixels for the scaling test, like 1,10,50 (the input resized to each).
    #[arg(long, value_delimiter = ',', value_name = "MP,...")]
    sizes: Vec<f64>,
    /// Write every figure as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write the report as one self-contained HTML page with charts.
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    /// Output format encoded in the measured runs (png, jpg, tiff, …).
    #[arg(long, default_value = "png")]
    format: String,
    /// Treat unknown parameter names as errors instead of warnings.
    #[arg(long)]
    strict: bool,
}

fn write_text(path: &Path, text: &str) -> Result<()> {
    io::write_output(path, |file| file.write_all(text.as_bytes()).map_err(|e| Error::io(path, e)))
}

pub fn command(config: &Config, args: ProfileArgs) -> Result<()> {
    if let Some(bad) = args.sizes.iter().find(|s| !(s.is_finite() && **s > 0.0)) {
        return Err(Error::Usage(format!("--sizes takes megapixels above 0, like 1,10,50; got {bad}")));
    }
    let format = io::format_from_flag(&args.format)?;
    let pipeline = with_budget(config, load_pipeline(&args.pipeline, args.strict)?);
    let opts = ReportOptions { iterations: args.iterations as usize, sizes: args.sizes, format, scratch: None };
    let report = profile::generate_report(&pipeline, &args.input, &opts)?;
    out!("{}", report.text());
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&report).expect("a report serialises");
        write_text(path, &json)?;
    }
    if let Some(path) = &args.report {
        write_text(path, &report.html())?;
    }
    Ok(())
}
