//! What is written where: output formats, the output file or standard output, the timing
//! table.

use super::warn;
use pixelpipe::image::Image;
use pixelpipe::job::{Done, Ran};
use pixelpipe::pipeline::RunOutput;
use pixelpipe::{io, Error, Result};
use std::path::Path;
use std::time::Duration;

/// The output's format: `--format`, else the file name's extension (`-` needs `--format`).
pub fn output_format(output: &str, flag: Option<&str>) -> Result<io::OutputFormat> {
    match (flag, output) {
        (Some(f), _) => io::format_from_flag(f),
        (None, "-") => {
            Err(Error::Usage(format!("writing to standard output needs --format ({})", io::OutputFormat::NAMES)))
        }
        (None, name) => io::format_from_name(name),
    }
}

pub fn write_output(img: &Image, output: &str, format: io::OutputFormat) -> Result<()> {
    if let Some(w) = pixelpipe::job::alpha_dropped(&pixelpipe::Context::of(img), format) {
        warn(&format!("warning: {w}"));
    }
    if output == "-" {
        let bytes = io::encode_to_vec(img, format)?;
        io::output::write_stdout(&bytes).map_err(|e| Error::io("<standard output>", e))
    } else {
        io::save(img, Path::new(output), Some(format))
    }
}

fn ms(d: Duration) -> String {
    format!("{:>10.2} ms", d.as_secs_f64() * 1e3)
}

/// The per-step profile: decode, each step, encode; with each step's heap peak (the
/// binary counts its allocations) and what the cache did with it.
pub fn timing_table(
    out: &RunOutput,
    decode: Option<Duration>,
    encode: Option<Duration>,
    steps_total: Duration,
) -> String {
    let mut s = format!(
        "{:<4} {:<22} {:>13} {:>16} {:>10} {:>7}\n",
        "step", "operation", "time", "output", "heap peak", "cache"
    );
    if let Some(d) = decode {
        s += &format!("{:<4} {:<22} {}\n", "", "(decode)", ms(d));
    }
    for t in &out.timings {
        let size = format!("{}x{} {}", t.width, t.height, pixelpipe::image::mode_name(t.channels));
        let heap = t.heap_peak.map(pixelpipe::memory::human).unwrap_or_else(|| "-".into());
        let cache = match (t.cached, t.stored) {
            (true, _) => "hit",
            (_, true) => "stored",
            _ => "-",
        };
        s += &format!("{:<4} {:<22} {} {:>16} {heap:>10} {cache:>7}\n", t.number, t.name, ms(t.elapsed), size);
    }
    if let Some(e) = encode {
        s += &format!("{:<4} {:<22} {}\n", "", "(encode)", ms(e));
    }
    s += &format!("{:<4} {:<22} {}\n", "", "steps total", ms(steps_total));
    if let Some(peak) = pixelpipe::profile::alloc::peak() {
        s += &format!("heap peak of the process {}", pixelpipe::memory::human(peak));
        if let Some(rss) = pixelpipe::memory::peak_rss() {
            s += &format!(", resident memory peak {}", pixelpipe::memory::human(rss));
        }
        s += "\n";
    }
    s
}

/// What `--profile` prints about a run: the timing table of a whole-image run; the plan, the
/// total, the cache's part and any memory shortage of a streamed one.
pub fn profile_report(done: &Done) -> String {
    match &done.ran {
        Ran::Whole(out) => {
            let decode = out.decode.unwrap_or_default();
            let total = done.total.saturating_sub(decode + done.encode.unwrap_or_default());
            let shown = (!out.decode_skipped).then_some(done.read + decode);
            let mut s = timing_table(out, shown, done.encode, total);
            if out.decode_skipped {
                s += &format!(
                    "(input known to the cache: not decoded; reading it took {:.2} ms)\n",
                    done.read.as_secs_f64() * 1e3
                );
            }
            s
        }
        Ran::Streamed(f) => {
            let mut s = f.plan.describe();
            s += &format!("total {:.2} ms (decode, steps and encode overlap)\n", done.total.as_secs_f64() * 1e3);
            if let Some(report) = &f.cache {
                s += &report.describe();
                s += "\n";
            }
            if f.relieved || f.lowered_to.is_some() {
                let lowered = f.lowered_to.map_or(String::new(), |n| format!("; bands lowered to {n} rows"));
                s += &format!("memory ran short during the run; what the cache held in memory was let go{lowered}\n");
            }
            s
        }
    }
}
