//! One run of a pipeline on one image, decided in one place.
//!
//! A [`Job`] names the input, the pipeline, the output and the options. [`Job::plan`] reads
//! the input's header (or opens it as rows), checks every step and decides how the run goes,
//! and why: the whole image in memory, or streamed in bands (see [`crate::stream`]).
//! [`Planned::describe`] is what a dry run prints and [`Planned::run`] carries the plan out.
//! `pixelpipe run` and `apply`, each image of `pixelpipe batch` and the Python package's
//! `run_file` all go through here, so an image and a pipeline take the same path and give
//! the same bytes and the same warnings whatever the entry point.
//!
//! The rule (`--stream auto`): a run streams when the whole image would not fit the memory
//! budget, or when its input reads row by row (a PNG, JPEG or TIFF file), is large
//! ([`STREAM_FROM`]) and every step runs in bands: then streaming is as fast and holds a
//! fraction of the memory. An input that does not read row by row and does not fit whole is
//! decoded, then streamed through the steps (the plan counts the decoded image).

use crate::cache::Cache;
use crate::core::{Context, Error, LimitKind, Result};
use crate::image::{mode_name, Image};
use crate::io::{self, Limits, OutputFormat};
use crate::memory::{human, MemoryManager, Reservation, SharedBudget};
use crate::pipeline::{Cancel, OnStep, Pipeline, RunOptions, RunOutput, Source};
use crate::stream::{self, Finished, ImageSource, RowSource, StreamOptions, Streamed, STREAM_FROM};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the image comes from.
#[derive(Debug)]
pub enum Input {
    /// An image file (a pipe or device given by name is read as a stream).
    File(PathBuf),
    /// Standard input, read whole.
    Stdin,
    /// An encoded image's bytes; `origin` names it in errors.
    Encoded { bytes: Vec<u8>, origin: String },
    /// Pixels already decoded.
    Decoded(Image),
}

/// Where the result goes.
#[derive(Debug, Clone)]
pub enum Output {
    /// A file, written atomically (see [`crate::io::output`]).
    File(PathBuf, OutputFormat),
    Stdout(OutputFormat),
    /// Kept in memory: [`Done::image`].
    Memory,
    /// Nothing is kept or written: a plan with no output (a dry run without `-o`).
    Discard,
}

impl Output {
    fn format(&self) -> Option<OutputFormat> {
        match self {
            Output::File(_, f) | Output::Stdout(f) => Some(*f),
            Output::Memory | Output::Discard => None,
        }
    }

    /// Refuses a result of shape `out` that its format cannot hold (before any work).
    fn check(&self, out: &Context) -> Result<()> {
        match self.format().and_then(|f| Some((f, f.max_side()?))) {
            Some((format, side)) if out.width > side || out.height > side => Err(Error::Usage(format!(
                "the result would be {}x{}, and {} holds at most {side} pixels a side: write PNG or TIFF",
                out.width,
                out.height,
                format.name()
            ))),
            _ => Ok(()),
        }
    }

    /// What a streamed run holds whole to give a result of shape `out` here, and its bytes:
    /// nothing for a file written band by band ([`OutputFormat::streams`]).
    fn whole(&self, out: &Context) -> Option<(String, u64)> {
        match self {
            Output::File(_, f) if f.streams() => None,
            Output::Discard => None,
            Output::File(_, f) => Some((
                format!(
                    "the output, assembled to be encoded as {} (PNG, JPEG and TIFF are written band by band)",
                    f.name()
                ),
                f.whole_bytes(out, false),
            )),
            Output::Stdout(f) => Some((
                format!("the output, assembled and encoded as {} for standard output", f.name()),
                f.whole_bytes(out, true),
            )),
            Output::Memory => Some(("the output, kept in memory".into(), out.memory_estimate())),
        }
    }
}

/// Whether a run streams: `Auto` by the rule in this module's summary.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StreamChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// How a job runs; the defaults are the command line's.
#[derive(Clone, Debug, Default)]
pub struct JobOptions<'c> {
    pub stream: StreamChoice,
    /// Rows per band when streaming (default: sized to the budget).
    pub band_rows: Option<u32>,
    /// What the input may claim, and the memory budget (`max_bytes`); default the
    /// pipeline's `limits`.
    pub limits: Option<Limits>,
    /// The step cache to resume from and store into.
    pub cache: Option<&'c Cache>,
    /// Checked before the run and between steps.
    pub cancel: Option<Cancel>,
    /// Told of each step as it finishes (whole-image runs).
    pub on_step: Option<OnStep>,
    /// Write the input and every step's output as PNG into this folder (a whole-image run).
    pub save_steps: Option<PathBuf>,
    /// A budget shared with other runs in flight (a batch's images): [`Job::plan`] reserves
    /// the run's estimated peak in it, waiting while the others hold the rest, and the
    /// reservation is held until the run ends. An input whose header leaves its mode open is
    /// decoded while planning: a bound of that decode's peak is reserved first.
    pub shared_budget: Option<&'c SharedBudget>,
}

/// A run to plan: see the module's summary.
pub struct Job<'p> {
    pipeline: &'p Pipeline,
    input: Input,
    output: Output,
    opts: JobOptions<'p>,
    /// `opts.limits`, else the pipeline's.
    limits: Limits,
    /// The steps prepared for the input by the stream rule's check, for the run to take over.
    prepared: Option<stream::Prepared<'p>>,
}

/// How a planned run goes.
enum How<'p> {
    /// The whole image in memory; `peak`: the estimated peak bytes.
    Whole {
        source: Source,
        peak: u64,
    },
    Streamed(Box<Streamed<'p>>),
}

/// A job checked and decided, ready to run.
pub struct Planned<'p> {
    pipeline: &'p Pipeline,
    output: Output,
    opts: JobOptions<'p>,
    input: Context,
    /// The context after each step.
    contexts: Vec<Context>,
    how: How<'p>,
    why: String,
    /// The memory budget (the job's limits').
    budget: Option<u64>,
    /// Time spent reading the input's bytes.
    read: Duration,
    /// The run's share of [`JobOptions::shared_budget`].
    reserved: Option<Reservation<'p>>,
}

/// How a finished run went.
#[derive(Debug)]
pub enum Ran {
    /// A whole-image run (its `image` is empty when the output is kept in memory: see
    /// [`Done::image`]).
    Whole(RunOutput),
    Streamed(Finished),
}

/// A finished run.
#[derive(Debug)]
pub struct Done {
    /// The output's shape.
    pub context: Context,
    /// The output, for [`Output::Memory`].
    pub image: Option<Arc<Image>>,
    /// What the user should be told: the steps' warnings, alpha dropped by the output
    /// format, a plan near its budget.
    pub warnings: Vec<String>,
    pub ran: Ran,
    /// Reading the input's bytes (before decoding).
    pub read: Duration,
    /// Encoding and writing the output, when it was done after the steps.
    pub encode: Option<Duration>,
    /// The most heap bytes live in the process meanwhile, when the counting allocator is
    /// installed (see [`crate::profile::alloc`]).
    pub encode_heap_peak: Option<u64>,
    /// From the start of [`Planned::run`] to the written output.
    pub total: Duration,
}

impl<'p> Job<'p> {
    pub fn new(pipeline: &'p Pipeline, input: Input, output: Output) -> Job<'p> {
        Job { pipeline, input, output, opts: JobOptions::default(), limits: pipeline.limits, prepared: None }
    }

    pub fn options(mut self, opts: JobOptions<'p>) -> Job<'p> {
        self.limits = opts.limits.unwrap_or(self.pipeline.limits);
        self.opts = opts;
        self
    }

    /// Reads the input's header (or opens its rows), checks every step against it and
    /// decides whole or streamed. Fails before any pixel work when a step refuses its input,
    /// the result cannot be written in the output's format, or the run cannot fit the
    /// memory budget.
    pub fn plan(mut self) -> Result<Planned<'p>> {
        let limits = self.limits;
        let may_stream = self.opts.stream != StreamChoice::Never && self.opts.save_steps.is_none();
        // The rows of a PNG, JPEG or TIFF file, when this run may stream; the file's bytes
        // would be held beside a whole-image run.
        let mut whole_because = None;
        if let (Input::File(path), true) = (&self.input, may_stream) {
            if let Some(rows) = io::rows::open_rows(path, &limits)? {
                let held = std::fs::metadata(path).map_or(0, |m| m.len());
                match self.decide(&rows.context(), held, true)? {
                    (true, why) => return self.streamed(rows, why, Duration::ZERO).map(|p| p.reserve(None)),
                    (false, why) => whole_because = Some(why),
                }
            }
        }
        let t = Instant::now();
        let source = match self.input {
            Input::File(ref path) => {
                Source::Encoded { bytes: io::read_image_file(path, &limits)?, origin: path.display().to_string() }
            }
            Input::Stdin => Source::Encoded { bytes: io::read_image_stdin(&limits)?, origin: "<stdin>".into() },
            Input::Encoded { ref mut bytes, ref origin } => {
                Source::Encoded { bytes: std::mem::take(bytes), origin: origin.clone() }
            }
            Input::Decoded(ref mut image) => Source::Decoded(std::mem::replace(image, Image::new(0, 0, 3))),
        };
        let read = t.elapsed();
        // The input's shape from its header; decoded now when the header leaves its mode
        // open (then the decoded image is the run's input).
        let mut early = None;
        let (source, input, held) = match source {
            Source::Encoded { bytes, origin } => match io::probe_shape(&bytes, &origin, &limits)? {
                (w, h, Some(c)) => {
                    let held = bytes.len() as u64;
                    (Source::Encoded { bytes, origin }, Context::new(w, h, c), held)
                }
                (w, h, None) => {
                    early = self.opts.shared_budget.map(|b| b.reserve(self.decode_bound(w, h, bytes.len() as u64)));
                    let image = io::decode_with(&bytes, &origin, &limits)?;
                    let ctx = Context::of(&image);
                    (Source::Decoded(image), ctx, 0)
                }
            },
            Source::Decoded(image) => {
                let ctx = Context::of(&image);
                (Source::Decoded(image), ctx, 0)
            }
        };
        let (stream, why) = match whole_because {
            Some(why) => (false, why),
            None if may_stream => self.decide(&input, held, false)?,
            None => (false, self.not_streamed()),
        };
        if !stream {
            let contexts = self.pipeline.validate_within(&input, limits.max_bytes)?;
            self.output.check(contexts.last().unwrap_or(&input))?;
            let peak = held + self.pipeline.whole_peak(&input, &contexts);
            if let Some(budget) = limits.max_bytes.filter(|&b| peak > b) {
                let message = format!(
                    "the whole image would need about {}, more than the memory budget of {}, and it cannot stream: {}",
                    human(peak),
                    human(budget),
                    why.trim_start_matches("whole image: ")
                );
                return Err(Error::Limit { kind: LimitKind::Memory, needed: peak, limit: budget, message });
            }
            let Job { pipeline, output, opts, .. } = self;
            let how = How::Whole { source, peak };
            let budget = limits.max_bytes;
            let planned = Planned { pipeline, output, opts, input, contexts, how, why, budget, read, reserved: None };
            return Ok(planned.reserve(early));
        }
        let image = match source {
            Source::Encoded { bytes, origin } => io::decode_with(&bytes, &origin, &limits)?,
            Source::Decoded(image) => image,
        };
        self.streamed(Box::new(ImageSource::new(image)), why, read).map(|p| p.reserve(early))
    }

    /// A bound of the peak of a run on a `width`x`height` image whose header leaves its
    /// mode open, held beside its `held` encoded bytes: the larger whole-image peak of the
    /// modes it may load as (RGB, RGBA), at most the whole budget.
    fn decode_bound(&self, width: u32, height: u32, held: u64) -> u64 {
        let peak = |channels| {
            let input = Context::new(width, height, channels);
            let whole = self.pipeline.shapes(&input).map(|c| self.pipeline.whole_peak(&input, &c));
            whole.unwrap_or(input.memory_estimate())
        };
        let bound = held + peak(3).max(peak(4));
        self.limits.max_bytes.map_or(bound, |budget| bound.min(budget))
    }

    /// Why a run that may not stream is whole.
    fn not_streamed(&self) -> String {
        if self.opts.save_steps.is_some() {
            "whole image: saving every step's image needs it".into()
        } else {
            "whole image: --stream never".into()
        }
    }

    /// Whether a run on `input` streams, and why: `held` bytes (the encoded input) are held
    /// beside a whole-image run; `rows`: the input reads row by row.
    fn decide(&mut self, input: &Context, held: u64, rows: bool) -> Result<(bool, String)> {
        if self.opts.stream == StreamChoice::Always {
            return Ok((true, "streamed: --stream always".into()));
        }
        let contexts = self.pipeline.shapes(input)?;
        let need = held + self.pipeline.whole_peak(input, &contexts);
        if let Some(budget) = self.limits.max_bytes.filter(|&b| need > b) {
            return Ok((
                true,
                format!(
                    "streamed: the whole image would need about {}, more than the memory budget of {}",
                    human(need),
                    human(budget)
                ),
            ));
        }
        if rows && input.memory_estimate() >= STREAM_FROM && self.all_bands(input)? {
            return Ok((
                true,
                format!(
                    "streamed: every step runs in bands and the input is {} decoded (from {} on, streaming is as fast \
                     and holds a fraction of the memory)",
                    human(input.memory_estimate()),
                    human(STREAM_FROM)
                ),
            ));
        }
        Ok((false, format!("whole image: about {} fits the memory budget", human(need))))
    }

    /// Whether every step runs in bands on `input`; the steps prepared for it are kept for
    /// the run.
    fn all_bands(&mut self, input: &Context) -> Result<bool> {
        let (all, prepared) = stream::all_bands(self.pipeline, input)?;
        self.prepared = Some(prepared);
        Ok(all)
    }

    fn streamed(self, source: Box<dyn RowSource + 'p>, why: String, read: Duration) -> Result<Planned<'p>> {
        let Job { pipeline, input, output, opts, limits, prepared } = self;
        let budget = limits.max_bytes;
        let stream_opts = StreamOptions {
            band_rows: opts.band_rows,
            budget,
            memory: Some(memory_manager(budget, opts.cache)),
            ..StreamOptions::default()
        };
        let file = match &input {
            Input::File(path) => Some(path.as_path()),
            _ => None,
        };
        let input = source.context();
        let contexts = pipeline.shapes(&input)?;
        let last = contexts.last().unwrap_or(&input);
        output.check(last)?;
        let stream_opts = StreamOptions { fixed: output.whole(last).into_iter().collect(), ..stream_opts };
        let run = Streamed::with_cache_prepared(pipeline, source, file, opts.cache, &stream_opts, prepared)?;
        let how = How::Streamed(Box::new(run));
        Ok(Planned { pipeline, output, opts, input, contexts, how, why, budget, read, reserved: None })
    }
}

impl<'p> Planned<'p> {
    /// Reserves the run's estimated peak in the shared budget, if any: what `early` holds
    /// (a bound reserved before decoding) shrunk to it, else waiting for it.
    fn reserve(mut self, early: Option<Reservation<'p>>) -> Planned<'p> {
        let peak = self.peak();
        self.reserved = match early {
            Some(mut held) => {
                held.shrink_to(peak);
                Some(held)
            }
            None => self.opts.shared_budget.map(|b| b.reserve(peak)),
        };
        self
    }

    /// The input's shape.
    pub fn input(&self) -> &Context {
        &self.input
    }

    /// The output's shape (with the steps' warnings).
    pub fn output(&self) -> &Context {
        self.contexts.last().unwrap_or(&self.input)
    }

    /// Whether the run streams.
    pub fn streams(&self) -> bool {
        matches!(self.how, How::Streamed(_))
    }

    /// The estimated peak bytes of the run.
    pub fn peak(&self) -> u64 {
        match &self.how {
            How::Whole { peak, .. } => *peak,
            How::Streamed(run) => run.plan().peak,
        }
    }

    /// The plan as a dry run prints it: the input, how each step runs, the estimated peak
    /// and why, the warnings and the output.
    pub fn describe(&self) -> String {
        let input = &self.input;
        let mut out = format!("input  {}x{} {}\n", input.width, input.height, mode_name(input.channels));
        match &self.how {
            How::Whole { peak, .. } => {
                out += &format!("whole image in memory; estimated peak {}\n", human(*peak));
                for (step, c) in self.pipeline.steps.iter().zip(&self.contexts) {
                    let name = step.name();
                    out += &format!(
                        "step {:>2} {name:<20} -> {}x{} {}\n",
                        step.number,
                        c.width,
                        c.height,
                        mode_name(c.channels)
                    );
                }
            }
            How::Streamed(run) => out += &run.plan().describe(),
        }
        out += &format!("why: {}\n", self.why);
        let last = self.output();
        for w in &last.warnings {
            out += &format!("warning: {w}\n");
        }
        if let Some(w) = self.output.format().and_then(|f| alpha_dropped(last, f)) {
            out += &format!("warning: {w}\n");
        }
        out + &format!("valid: output would be {}x{} {}\n", last.width, last.height, mode_name(last.channels))
    }

    /// Carries out the plan and writes the output.
    pub fn run(self) -> Result<Done> {
        // `_reserved` is held until the run ends.
        let Planned { pipeline, output, opts, how, budget, read, reserved: _reserved, .. } = self;
        if let Some(cancel) = &opts.cancel {
            cancel.check()?;
        }
        let t = Instant::now();
        let mut warnings = Vec::new();
        let mut encode_heap_peak = None;
        let (context, image, encode, ran) = match how {
            How::Whole { source, .. } => {
                let run_opts = RunOptions {
                    save_steps: opts.save_steps,
                    cache: opts.cache.cloned(),
                    cancel: opts.cancel,
                    on_step: opts.on_step,
                    memory: Some(memory_manager(budget, opts.cache)),
                };
                let mut out = pipeline.run_source(source, &run_opts)?;
                let t = Instant::now();
                let heap = crate::profile::alloc::Window::open();
                let image = match output {
                    // Taken out of the run's output, so that the caller holds the only copy.
                    Output::Memory => Some(std::mem::replace(&mut out.image, Arc::new(Image::new(0, 0, 3)))),
                    _ => write(&out.image, &output)?,
                };
                encode_heap_peak = heap.map(|w| w.peak());
                (out.context.clone(), image, Some(t.elapsed()), Ran::Whole(out))
            }
            How::Streamed(run) => {
                warnings.extend(run.plan().near_budget(budget));
                let (done, image) = match &output {
                    // Band by band as the steps finish them.
                    Output::File(path, format) if format.streams() => (run.write(path, *format)?, None),
                    Output::Discard => (run.discard()?, None),
                    _ => {
                        let (image, done) = run.assemble()?;
                        (done, write(&Arc::new(image), &output)?)
                    }
                };
                (done.context.clone(), image, None, Ran::Streamed(done))
            }
        };
        warnings.splice(0..0, output_warnings(&context, &output));
        Ok(Done { context, image, warnings, ran, read, encode, encode_heap_peak, total: t.elapsed() })
    }
}

/// The warnings of a result of shape `context` written to `output`: the steps', then alpha
/// dropped by the output's format.
pub(crate) fn output_warnings(context: &Context, output: &Output) -> Vec<String> {
    let dropped = output.format().and_then(|f| alpha_dropped(context, f));
    context.warnings.iter().cloned().chain(dropped).collect()
}

/// Writes `image` where `output` says; the image itself for [`Output::Memory`].
pub(crate) fn write(image: &Arc<Image>, output: &Output) -> Result<Option<Arc<Image>>> {
    match output {
        Output::File(path, format) => io::save(image, path, Some(*format))?,
        Output::Stdout(format) => {
            let bytes = io::encode_to_vec(image, *format)?;
            io::output::write_stdout(&bytes).map_err(|e| Error::io("<standard output>", e))?;
        }
        Output::Memory => return Ok(Some(Arc::clone(image))),
        Output::Discard => {}
    }
    Ok(None)
}

/// The warning for an output with alpha written in a format without it.
pub fn alpha_dropped(output: &Context, format: OutputFormat) -> Option<String> {
    match format {
        _ if output.channels != 4 => None,
        OutputFormat::Gif => Some(
            "GIF keeps alpha only as on or off: pixels of alpha 1 to 254 are written opaque \
             (write .png, .tiff, .webp or .pam to keep it)"
                .into(),
        ),
        _ if !format.keeps_alpha() => Some(format!(
            "{} has no alpha channel: the result's alpha is dropped (write .png, .tiff, .webp or .pam to keep it)",
            format.name()
        )),
        _ => None,
    }
}

/// A run's memory manager: the budget, and the cache's memory tier let go first when the
/// machine runs short of memory during the run.
fn memory_manager(budget: Option<u64>, cache: Option<&Cache>) -> Arc<MemoryManager> {
    let memory = MemoryManager::system(budget);
    if let Some(cache) = cache.cloned() {
        memory.on_pressure(Box::new(move || cache.release_memory()));
    }
    Arc::new(memory)
}
