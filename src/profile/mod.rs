//! Profiling: where a pipeline's time and memory go, how they grow with the image, what the
//! cache saves, and what to change (`pixelpipe profile`).
//!
//! - [`profile_operation`]: one operation on some images (time, heap, against a memcpy);
//! - [`benchmark_pipeline`]: min / median / p95 of decode, each step, encode and the total;
//! - [`memory_profile`]: one run of a file as `pixelpipe run` does it, with each step's peak
//!   and average heap bytes (exact, from [`alloc::Counting`]), the process's resident memory,
//!   and both sampled over time;
//! - [`cache_profile`]: a cold and a warm run through a fresh disk cache;
//! - [`scalability_test`]: time and peak heap at several sizes, and their log-log slopes;
//! - [`generate_report`]: all of them, with [`insights`](Report::insights) drawn from the
//!   figures, as text ([`Report::text`]), JSON (serde) or one HTML page ([`Report::html`]).
//!
//! Times are wall-clock on whatever else the machine is doing: each is the median of several
//! runs, and set against a memcpy of the same bytes measured in the same process.

pub mod alloc;
mod html;
mod insights;

use crate::cache::{self, Cache, Stats};
use crate::core::{Context, Error, Result};
use crate::image::{resample, Image};
use crate::io::{self, Limits, OutputFormat};
use crate::job::{Input as JobInput, Job, JobOptions, Output, Ran, StreamChoice};
use crate::ops::Configured;
use crate::pipeline::{Pipeline, RunOptions};
use serde::Serialize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// Milliseconds, as every time in a result is kept (JSON readers want plain numbers).
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Spread of repeated timings, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub median: f64,
    pub p95: f64,
}

impl Spread {
    pub fn of(times: &[Duration]) -> Spread {
        let mut v: Vec<f64> = times.iter().map(|&d| ms(d)).collect();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return Spread::default();
        }
        // Nearest rank: with few runs the 95th percentile is the slowest.
        let rank = ((0.95 * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
        Spread { min: v[0], median: v[v.len() / 2], p95: v[rank] }
    }
}

/// Median time to copy `bytes` bytes once, in this process now: the yardstick of every
/// "× memcpy" figure (the machine's memory bandwidth as it is during the measurement). The
/// destination is written once before timing (its pages faulted in), then 11 copies timed.
pub fn memcpy_time(bytes: usize) -> Duration {
    let src = vec![1u8; bytes];
    let mut dst = vec![0u8; bytes];
    dst.copy_from_slice(&src);
    let mut times: Vec<Duration> = (0..11)
        .map(|_| {
            let t = Instant::now();
            dst.copy_from_slice(std::hint::black_box(&src));
            std::hint::black_box(&mut dst);
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// One operation on one image.
#[derive(Debug, Clone, Serialize)]
pub struct OperationRun {
    pub width: u32,
    pub height: u32,
    pub megapixels: f64,
    pub time_ms: Spread,
    /// Input plus output bytes, and the median time of a memcpy moving as many (it reads
    /// and writes half of them each).
    pub bytes: u64,
    pub memcpy_ms: f64,
    /// Median time / memcpy time.
    pub vs_memcpy: f64,
    pub megapixels_per_s: f64,
    /// Heap bytes the operation added at its peak (input not counted); `None` without the
    /// counting allocator.
    pub heap_peak: Option<u64>,
}

/// [`profile_operation`]'s answer.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileResult {
    pub operation: String,
    pub runs: Vec<OperationRun>,
}

/// Times `op` on each image (`iterations` runs each) and measures the heap it adds.
pub fn profile_operation(op: &Configured, images: &[Image], iterations: usize) -> Result<ProfileResult> {
    let mut runs = Vec::new();
    for img in images {
        let ctx = Context::of(img);
        let out = op.op.validate(&ctx).map_err(|e| e.at_step(1, op.spec.name))?;
        let mut times = Vec::new();
        let mut heap_peak = None;
        for _ in 0..iterations.max(1) {
            let window = alloc::Window::open();
            let t = Instant::now();
            let result = op.op.apply(img, &ctx).map_err(|e| e.at_step(1, op.spec.name))?;
            times.push(t.elapsed());
            heap_peak = window.map(|w| w.peak() - w.start).max(heap_peak);
            drop(std::hint::black_box(result));
        }
        let bytes = ctx.memory_estimate() + out.memory_estimate();
        let memcpy = ms(memcpy_time(bytes as usize / 2));
        let time_ms = Spread::of(&times);
        let megapixels = img.width() as f64 * img.height() as f64 / 1e6;
        runs.push(OperationRun {
            width: img.width(),
            height: img.height(),
            megapixels,
            time_ms,
            bytes,
            memcpy_ms: memcpy,
            vs_memcpy: time_ms.median / memcpy.max(1e-6),
            megapixels_per_s: megapixels / (time_ms.median / 1e3).max(1e-9),
            heap_peak,
        });
    }
    Ok(ProfileResult { operation: op.spec.name.to_string(), runs })
}

/// An encoded input: its bytes and the name errors give it.
#[derive(Debug, Clone)]
pub struct Input {
    pub bytes: Vec<u8>,
    pub origin: String,
}

impl Input {
    pub fn read(path: &Path, limits: &Limits) -> Result<Input> {
        Ok(Input { bytes: io::read_image_file(path, limits)?, origin: path.display().to_string() })
    }
}

/// One step's timings over the iterations.
#[derive(Debug, Clone, Serialize)]
pub struct StepTimes {
    pub number: usize,
    pub name: String,
    pub time_ms: Spread,
    /// Input plus output bytes.
    pub bytes: u64,
    /// Median time of a memcpy moving as many bytes (reading and writing half of them
    /// each), measured in this process.
    pub memcpy_ms: f64,
    pub vs_memcpy: f64,
    pub output: (u32, u32, u8),
}

/// [`benchmark_pipeline`]'s answer: decode, steps and encode of `iterations` runs.
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkResult {
    pub pipeline: String,
    pub input: (u32, u32, u8),
    pub iterations: usize,
    pub decode_ms: Spread,
    pub steps: Vec<StepTimes>,
    /// The steps together, per run.
    pub steps_ms: Spread,
    pub encode_ms: Spread,
    pub format: String,
    /// Decode, steps and encode, per run.
    pub total_ms: Spread,
    /// The same output encoded in other formats once (median of three), for comparison.
    pub other_encodings_ms: Vec<(String, f64)>,
}

/// Runs `pipeline` `iterations` times on `input` without a cache: decode, steps, encode to
/// `format` in memory.
pub fn benchmark_pipeline(
    pipeline: &Pipeline,
    input: &Input,
    iterations: usize,
    format: OutputFormat,
) -> Result<BenchmarkResult> {
    let n = iterations.max(1);
    let (mut decode, mut encode, mut steps_total, mut total) = (vec![], vec![], vec![], vec![]);
    let mut per_step: Vec<Vec<Duration>> = vec![vec![]; pipeline.steps.len()];
    let mut ctx0 = None;
    let mut last = None;
    for _ in 0..n {
        let start = Instant::now();
        let image = io::decode_with(&input.bytes, &input.origin, &pipeline.limits)?;
        decode.push(start.elapsed());
        ctx0.get_or_insert_with(|| Context::of(&image));
        let t = Instant::now();
        let out = pipeline.run(image, &RunOptions::default())?;
        steps_total.push(t.elapsed());
        for (times, step) in per_step.iter_mut().zip(&out.timings) {
            times.push(step.elapsed);
        }
        let t = Instant::now();
        std::hint::black_box(io::encode_to_vec(&out.image, format)?);
        encode.push(t.elapsed());
        total.push(start.elapsed());
        last = Some(out.image);
    }
    let ctx0 = ctx0.expect("at least one run");
    let contexts = pipeline.shapes(&ctx0)?;
    let before = std::iter::once(&ctx0).chain(&contexts);
    let steps = pipeline
        .steps
        .iter()
        .zip(before.zip(&contexts))
        .zip(&per_step)
        .map(|((step, (a, b)), times)| {
            let bytes = a.memory_estimate() + b.memory_estimate();
            let memcpy_ms = ms(memcpy_time(bytes as usize / 2));
            let time_ms = Spread::of(times);
            StepTimes {
                number: step.number,
                name: step.name().to_string(),
                time_ms,
                bytes,
                memcpy_ms,
                vs_memcpy: time_ms.median / memcpy_ms.max(1e-6),
                output: (b.width, b.height, b.channels),
            }
        })
        .collect();
    let output = last.expect("at least one run");
    let mut other_encodings_ms = Vec::new();
    for other in [OutputFormat::Png, OutputFormat::Jpeg { quality: 90 }, OutputFormat::Tiff] {
        if other != format {
            let mut times = Vec::new();
            for _ in 0..3 {
                let t = Instant::now();
                std::hint::black_box(io::encode_to_vec(&output, other)?);
                times.push(t.elapsed());
            }
            other_encodings_ms.push((encoding_name(other), Spread::of(&times).median));
        }
    }
    Ok(BenchmarkResult {
        pipeline: pipeline.name.clone(),
        input: (ctx0.width, ctx0.height, ctx0.channels),
        iterations: n,
        decode_ms: Spread::of(&decode),
        steps,
        steps_ms: Spread::of(&steps_total),
        encode_ms: Spread::of(&encode),
        format: encoding_name(format),
        total_ms: Spread::of(&total),
        other_encodings_ms,
    })
}

/// A format's name with its setting where it has one (`JPEG q90`).
fn encoding_name(format: OutputFormat) -> String {
    match format {
        OutputFormat::Jpeg { quality } => format!("JPEG q{quality}"),
        other => other.name().to_string(),
    }
}

/// Heap and resident memory at one moment of a run.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Sample {
    /// Since the run started.
    pub t_ms: f64,
    /// Heap bytes live (`None` without the counting allocator).
    pub heap: Option<u64>,
    pub rss: Option<u64>,
}

/// Samples heap and RSS every `period` on its own thread until [`Sampler::stop`].
struct Sampler {
    stop: Arc<AtomicBool>,
    thread: thread::JoinHandle<Vec<Sample>>,
}

impl Sampler {
    fn start(origin: Instant, period: Duration) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = thread::spawn(move || {
            let mut samples = Vec::new();
            loop {
                let done = flag.load(Ordering::Relaxed);
                samples.push(Sample { t_ms: ms(origin.elapsed()), heap: alloc::live(), rss: crate::memory::rss() });
                if done {
                    return samples;
                }
                thread::sleep(period);
            }
        });
        Sampler { stop, thread }
    }

    fn stop(self) -> Vec<Sample> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or_default()
    }
}

/// One phase of a run (read and decode, a step, encode and write).
#[derive(Debug, Clone, Serialize)]
pub struct PhaseMemory {
    /// Step number; 0 for the phases around the steps.
    pub number: usize,
    pub name: String,
    pub start_ms: f64,
    pub time_ms: f64,
    /// The most heap bytes live during the phase.
    pub heap_peak: Option<u64>,
    /// Mean of the heap samples taken during the phase (its peak when it was too short to
    /// be sampled).
    pub heap_average: Option<u64>,
}

/// [`memory_profile`]'s answer.
#[derive(Debug, Clone, Serialize)]
pub struct MemoryProfile {
    /// Bytes of the decoded input.
    pub image_bytes: u64,
    pub phases: Vec<PhaseMemory>,
    /// Heap bytes live before the run (the profiler's own), and the most during it.
    pub heap_before: Option<u64>,
    pub heap_peak: Option<u64>,
    /// Resident memory before the run, and the process's peak during it (`VmHWM` restarted
    /// at the run's start, as `/usr/bin/time -v` reads it for a whole process).
    pub rss_before: Option<u64>,
    pub rss_peak: Option<u64>,
    /// What `pixelpipe run` of the same file should peak at: the resident memory before the
    /// run, less the profiler's own heap, plus the heap the run adds.
    pub expected_rss: Option<u64>,
    pub timeline: Vec<Sample>,
}

/// One run of `path` through `pipeline` as `pixelpipe run` does it without a cache (a
/// [`Job`]: read, decode, steps, write `format` to a file in `scratch`; or the same streamed
/// in bands when the job's plan streams), its memory sampled every millisecond. Run it first
/// in a process: the process's peak RSS then is the run's.
pub fn memory_profile(pipeline: &Pipeline, path: &Path, format: OutputFormat, scratch: &Path) -> Result<MemoryProfile> {
    let rss_before = crate::memory::rss();
    crate::memory::reset_peak_rss();
    let heap_before = alloc::live();
    let origin = Instant::now();
    let sampler = Sampler::start(origin, Duration::from_millis(1));
    let run = || {
        let window = alloc::Window::open();
        let output = Output::File(scratch.join("profile-output"), format);
        let planned = Job::new(pipeline, JobInput::File(path.to_path_buf()), output).plan()?;
        let image_bytes = planned.input().memory_estimate();
        let done = planned.run()?;
        Ok::<_, Error>((image_bytes, done, window.map(|w| w.peak())))
    };
    let run = run();
    let timeline = sampler.stop();
    let (image_bytes, done, run_heap_peak) = run?;
    let phase = |number: usize, name: &str, start_ms: f64, elapsed: Duration, heap_peak: Option<u64>| PhaseMemory {
        number,
        name: name.to_string(),
        start_ms,
        time_ms: ms(elapsed),
        heap_peak,
        heap_average: None,
    };
    let mut phases = Vec::new();
    match &done.ran {
        Ran::Whole(out) => {
            let read = done.read + out.decode.unwrap_or_default();
            phases.push(phase(0, "(read and decode)", 0.0, read, out.decode_heap_peak));
            for s in &out.timings {
                let start = s.started.map_or(ms(read), |t| ms(t - origin));
                phases.push(phase(s.number, s.name, start, s.elapsed, s.heap_peak));
            }
            let encode = done.encode.unwrap_or_default();
            let start = ms(done.total.saturating_sub(encode));
            phases.push(phase(0, "(encode and write)", start, encode, done.encode_heap_peak));
        }
        Ran::Streamed(_) => {
            phases.push(phase(0, "(streamed: read, steps and write in bands)", 0.0, done.total, run_heap_peak))
        }
    }
    for p in &mut phases {
        let inside: Vec<u64> = timeline
            .iter()
            .filter(|s| s.t_ms >= p.start_ms && s.t_ms <= p.start_ms + p.time_ms)
            .filter_map(|s| s.heap)
            .collect();
        p.heap_average =
            if inside.is_empty() { p.heap_peak } else { Some(inside.iter().sum::<u64>() / inside.len() as u64) };
    }
    let heap_peak = alloc::peak().and(run_heap_peak);
    let expected_rss = (|| Some(rss_before?.saturating_sub(heap_before?) + heap_peak?.saturating_sub(heap_before?)))();
    Ok(MemoryProfile {
        image_bytes,
        heap_peak,
        phases,
        heap_before,
        rss_before,
        rss_peak: crate::memory::peak_rss(),
        expected_rss,
        timeline,
    })
}

/// [`cache_profile`]'s answer: the same run twice through a new disk cache.
#[derive(Debug, Clone, Serialize)]
pub struct CacheProfile {
    pub cold_ms: f64,
    pub warm_ms: f64,
    pub cold: Stats,
    pub warm: Stats,
    /// Steps the warm run computed (0 when it resumed after the last).
    pub warm_steps_computed: usize,
    /// Per step: its output stored by the cold run; taken from the cache by the warm run.
    pub cold_stored: Vec<bool>,
    pub warm_cached: Vec<bool>,
}

/// A cold run (which fills a new cache in `dir`) and a warm one (a new handle on the same
/// folder, as a second `pixelpipe run` would be), each a [`Job`] from the encoded input.
pub fn cache_profile(pipeline: &Pipeline, input: &Input, dir: &Path) -> Result<CacheProfile> {
    let settings = || cache::Settings { dir: Some(dir.to_path_buf()), ..cache::Settings::default() };
    let n = pipeline.steps.len();
    let run = || {
        let cache = Cache::open(settings());
        let t = Instant::now();
        let source = JobInput::Encoded { bytes: input.bytes.clone(), origin: input.origin.clone() };
        let opts = JobOptions { cache: Some(&cache), ..JobOptions::default() };
        let done = Job::new(pipeline, source, Output::Memory).options(opts).plan()?.run()?;
        let elapsed = t.elapsed();
        // Per step: (taken from the cache, stored).
        let steps: Vec<(bool, bool)> = match &done.ran {
            Ran::Whole(out) => out.timings.iter().map(|t| (t.cached, t.stored)).collect(),
            Ran::Streamed(finished) => {
                let report = finished.cache.as_ref();
                let resumed = report.and_then(|r| r.resumed_after).unwrap_or(0);
                (1..=n)
                    .map(|number| {
                        let stored = report.is_some_and(|r| {
                            r.intermediates.contains(&number) || (number == n && r.stored == Ok(true))
                        });
                        (number <= resumed, stored)
                    })
                    .collect()
            }
        };
        Ok::<_, Error>((ms(elapsed), cache.close(), steps))
    };
    let (cold_ms, cold, cold_steps) = run()?;
    let (warm_ms, warm, warm_steps) = run()?;
    Ok(CacheProfile {
        cold_ms,
        warm_ms,
        cold,
        warm,
        warm_steps_computed: warm_steps.iter().filter(|t| !t.0).count(),
        cold_stored: cold_steps.iter().map(|t| t.1).collect(),
        warm_cached: warm_steps.iter().map(|t| t.0).collect(),
    })
}

/// One size of [`scalability_test`].
#[derive(Debug, Clone, Serialize)]
pub struct ScalePoint {
    pub width: u32,
    pub height: u32,
    pub megapixels: f64,
    pub time_ms: Spread,
    /// Heap bytes at the run's peak, its input included (what was live before not counted).
    pub heap_peak: Option<u64>,
}

/// How cost grows with the image: `cost ∝ megapixels^slope` fitted on log-log axes (1 is
/// linear).
#[derive(Debug, Clone, Serialize)]
pub struct Scalability {
    pub points: Vec<ScalePoint>,
    pub time_slope: Option<f64>,
    pub memory_slope: Option<f64>,
}

/// Runs `pipeline` on `image` resized (Lanczos, same aspect) to each size in megapixels,
/// `iterations` times each, and fits the slopes.
pub fn scalability_test(pipeline: &Pipeline, image: &Image, sizes: &[f64], iterations: usize) -> Result<Scalability> {
    let mut points = Vec::new();
    for &mp in sizes {
        let scale = (mp * 1e6 / (image.width() as f64 * image.height() as f64)).sqrt();
        let (w, h) = (
            (image.width() as f64 * scale).round().max(1.0) as u32,
            (image.height() as f64 * scale).round().max(1.0) as u32,
        );
        pipeline.limits.check(w, h, image.channels(), "the scaled input")?;
        let sized = resample::resize(image, w, h, resample::Filter::Lanczos);
        let mut times = Vec::new();
        let mut heap_peak = None;
        for _ in 0..iterations.max(1) {
            let window = alloc::Window::open();
            let input = sized.clone();
            let t = Instant::now();
            let out = pipeline.run(input, &RunOptions::default())?;
            times.push(t.elapsed());
            drop(out);
            heap_peak = window.map(|w| w.peak() - w.start).max(heap_peak);
        }
        points.push(ScalePoint {
            width: w,
            height: h,
            megapixels: w as f64 * h as f64 / 1e6,
            time_ms: Spread::of(&times),
            heap_peak,
        });
    }
    let fit = |y: &dyn Fn(&ScalePoint) -> Option<f64>| {
        slope(&points.iter().filter_map(|p| Some((p.megapixels, y(p)?))).collect::<Vec<_>>())
    };
    Ok(Scalability {
        time_slope: fit(&|p| Some(p.time_ms.median)),
        memory_slope: fit(&|p| p.heap_peak.map(|b| b as f64)),
        points,
    })
}

/// Least-squares slope of ln y against ln x (`None` with fewer than two distinct x).
pub fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let logs: Vec<(f64, f64)> =
        points.iter().filter(|(x, y)| *x > 0.0 && *y > 0.0).map(|(x, y)| (x.ln(), y.ln())).collect();
    let n = logs.len() as f64;
    let (mx, my) = (logs.iter().map(|p| p.0).sum::<f64>() / n, logs.iter().map(|p| p.1).sum::<f64>() / n);
    let sxx: f64 = logs.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = logs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (logs.len() >= 2 && sxx > 1e-12).then(|| sxy / sxx)
}

/// Everything [`generate_report`] measured, and what follows from it.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pipeline: String,
    pub input: String,
    pub threads: usize,
    /// Median time to copy the input's bytes, measured with the rest.
    pub memcpy_input_ms: f64,
    pub benchmark: BenchmarkResult,
    pub memory: MemoryProfile,
    pub cache: CacheProfile,
    pub scalability: Option<Scalability>,
    /// Pixel-buffer bytes a streamed run of the same input would plan (see
    /// [`crate::stream::Plan`]).
    pub streamed_peak: Option<u64>,
    pub insights: Vec<String>,
}

/// Refuses, before any run, an input whose whole-image run does not fit the memory budget:
/// the benchmark and the scalability test time each step on the whole image.
fn whole_fits(pipeline: &Pipeline, input: &Input) -> Result<()> {
    let (w, h, c) = io::probe(&input.bytes, &input.origin, &pipeline.limits)?;
    let ctx = Context::new(w, h, c);
    let peak = input.bytes.len() as u64 + pipeline.whole_peak(&ctx, &pipeline.shapes(&ctx)?);
    match pipeline.limits.max_bytes {
        Some(budget) if peak > budget => Err(Error::Limit {
            kind: crate::core::LimitKind::Memory,
            needed: peak,
            limit: budget,
            message: format!(
                "profiling times each step on the whole {w}x{h} image, which needs about {}, more than the memory \
                 budget of {} (raise performance.max_memory_usage, or profile a smaller image)",
                crate::memory::human(peak),
                crate::memory::human(budget)
            ),
        }),
        _ => Ok(()),
    }
}

/// What [`generate_report`] measures.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub iterations: usize,
    /// Sizes in megapixels for the scalability test (none: skipped).
    pub sizes: Vec<f64>,
    pub format: OutputFormat,
    /// Where the memory run writes its output and the cache profile its cache (a new
    /// temporary folder, removed after).
    pub scratch: Option<std::path::PathBuf>,
}

/// Profiles `pipeline` on the image file `path`: the memory run first (so the process's
/// peak RSS is the run's), then the benchmark, the cache runs and the scalability test.
pub fn generate_report(pipeline: &Pipeline, path: &Path, opts: &ReportOptions) -> Result<Report> {
    let scratch = match &opts.scratch {
        Some(dir) => tempfile::tempdir_in(dir),
        None => tempfile::tempdir(),
    }
    .map_err(|e| Error::io("a scratch folder for the profile", e))?;
    let input = Input::read(path, &pipeline.limits)?;
    whole_fits(pipeline, &input)?;
    let memory = memory_profile(pipeline, path, opts.format, scratch.path())?;
    let benchmark = benchmark_pipeline(pipeline, &input, opts.iterations, opts.format)?;
    let cache = cache_profile(pipeline, &input, &scratch.path().join("cache"))?;
    let scalability = if opts.sizes.is_empty() {
        None
    } else {
        let image = io::decode_with(&input.bytes, &input.origin, &pipeline.limits)?;
        Some(scalability_test(pipeline, &image, &opts.sizes, opts.iterations)?)
    };
    let memcpy_input_ms = ms(memcpy_time(memory.image_bytes as usize));
    let opts = JobOptions { stream: StreamChoice::Always, ..JobOptions::default() };
    let streamed = Job::new(pipeline, JobInput::File(path.to_path_buf()), Output::Discard).options(opts).plan();
    let streamed_peak = streamed.ok().map(|planned| planned.peak());
    let mut report = Report {
        pipeline: pipeline.name.clone(),
        input: input.origin.clone(),
        threads: rayon::current_num_threads(),
        memcpy_input_ms,
        benchmark,
        memory,
        cache,
        scalability,
        streamed_peak,
        insights: vec![],
    };
    report.insights = insights::insights(&report);
    Ok(report)
}

impl Report {
    /// The report as a person reads it in a terminal.
    pub fn text(&self) -> String {
        insights::text(self)
    }

    /// One self-contained HTML page with SVG charts.
    pub fn html(&self) -> String {
        html::page(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_and_slopes() {
        let d = |v: &[u64]| v.iter().map(|&m| Duration::from_millis(m)).collect::<Vec<_>>();
        assert_eq!(Spread::of(&d(&[5, 1, 3])), Spread { min: 1.0, median: 3.0, p95: 5.0 });
        let twenty: Vec<u64> = (1..=20).collect();
        assert_eq!(Spread::of(&d(&twenty)), Spread { min: 1.0, median: 11.0, p95: 19.0 });
        assert_eq!(Spread::of(&[]), Spread::default());
        let linear = slope(&[(1.0, 10.0), (10.0, 100.0), (50.0, 500.0)]).unwrap();
        assert!((linear - 1.0).abs() < 1e-9, "{linear}");
        let square = slope(&[(1.0, 3.0), (4.0, 48.0)]).unwrap();
        assert!((square - 2.0).abs() < 1e-9, "{square}");
        assert_eq!(slope(&[(2.0, 1.0)]), None);
        assert_eq!(slope(&[(2.0, 1.0), (2.0, 5.0)]), None);
    }
}
