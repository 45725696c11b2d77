//! The band executor (docs/design.md §4): a pipeline run from a row source to a row sink,
//! holding only the rows each step's footprint names, so an image of any size runs in a
//! bounded amount of memory.
//!
//! Each step is a stage with a window of its output rows. The sink asks the last stage for
//! one band after another; a stage asked for rows beyond its window generates them from the
//! input rows its footprint names, which it asks of the stage before it, down to the source
//! (the decoder). Footprints move forward with the bands, so a window only ever drops rows at
//! its front and its buffer is reused from band to band. A step that may need any row
//! ([`InputRows::All`], or a footprint that wraps round) gets its input materialised once: in
//! memory when that fits the budget, else in a scratch file, unlinked from its creation so
//! nothing is left behind (not even after a crash), read through a memory map. A step whose
//! operation has no band generator gets its whole input and runs `apply`.
//!
//! The decoder and the encoder run on threads of their own, the bands of a step on the rayon
//! pool: output is the same bytes for any band height and any number of threads.

mod cached;
mod plan;

pub use cached::CacheReport;
use plan::{band_span, input_range};
pub use plan::{Plan, PlannedStep, StepMode};

use crate::cache::rows::Cost;
use crate::cache::EntryTee;
use crate::core::{Context, Error, InputRows, Result};
use crate::image::{Band, BandMut, Image};
use crate::io::rows::read_chunked;
pub use crate::io::rows::{ImageSource, RowSource};
use crate::io::OutputFormat;
use crate::memory::{human, MemoryManager, Pressure};
use crate::pipeline::{Pipeline, Step};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// What a streamed run may use.
#[derive(Clone, Debug, Default)]
pub struct StreamOptions {
    /// Rows per band; by default [`crate::memory::suggest_band_rows`].
    pub band_rows: Option<u32>,
    /// Bytes the plan may hold; `None`: no limit.
    pub budget: Option<u64>,
    /// Folder of scratch files; default the system's temporary folder.
    pub scratch_dir: Option<PathBuf>,
    /// The outputs of the steps from this one on (0-based) are also written into cache
    /// entries: their queues and buffers count too.
    pub tee_from: Option<usize>,
    /// Asked between bands whether memory runs short (see [`MemoryManager::check`]): then
    /// the bands are lowered.
    pub memory: Option<Arc<MemoryManager>>,
    /// Memory held whole beside the bands, and what it is: the output when it is assembled
    /// to be encoded (the source's own, [`RowSource::held`], is added by the run).
    pub fixed: Vec<(String, u64)>,
}

impl StreamOptions {
    /// These options with what `source` holds beside its rows ([`RowSource::held`]) counted.
    fn holding(&self, source: &dyn RowSource) -> StreamOptions {
        StreamOptions { fixed: self.fixed.iter().cloned().chain(source.held()).collect(), ..self.clone() }
    }
}

/// Decoded input size from which `--stream auto` streams a pipeline whose every step runs in
/// bands: 8 MB (2 MP RGBA). From there streaming is faster (decoding, the steps and encoding
/// overlap, and a fresh process touches a fraction of the fresh pages, which cost about a
/// memcpy's time twice over here): ColumnMirror PNG → PNG, 3 MP RGBA 0.04 s streamed against
/// 0.07 s whole, 10 MP 0.11 s against 0.15 s; at 1 MP both take 0.01 s.
pub const STREAM_FROM: u64 = 8 << 20;

/// Each step's operation prepared for its input.
pub type Prepared<'p> = Vec<crate::core::Prepared<'p>>;

/// Prepares each of `steps` for its input (`input`, then `contexts`): once per run, for its
/// plan and its stages alike.
pub fn prepare<'p>(steps: &'p [Step], input: &Context, contexts: &[Context]) -> Result<Prepared<'p>> {
    std::iter::once(input).chain(contexts).zip(steps).map(|(ctx, step)| step.prepare(ctx)).collect()
}

/// Whether every step of `pipeline` runs in bands on an input of context `input` (no step
/// needs its whole input): what an unbounded [`Plan`] says; and the steps prepared for it,
/// for the run to take over (see [`Streamed::with_cache_prepared`]).
pub fn all_bands<'p>(pipeline: &'p Pipeline, input: &Context) -> Result<(bool, Prepared<'p>)> {
    let contexts = pipeline.shapes(input)?;
    let prepared = prepare(&pipeline.steps, input, &contexts)?;
    let plan = Plan::new(&pipeline.steps, &prepared, input, &contexts, &StreamOptions::default())?;
    Ok((plan.steps.iter().all(|s| s.mode == StepMode::Bands), prepared))
}

/// Rows `first..first + rows` of a stage's output: `data[skip..]` (the bytes before `skip`
/// are rows already forgotten).
struct Window {
    first: u32,
    rows: u32,
    stride: usize,
    data: Vec<u8>,
    skip: usize,
}

impl Window {
    fn new(stride: usize) -> Window {
        Window::holding(0, 0, stride, Vec::new())
    }
    fn holding(first: u32, rows: u32, stride: usize, data: Vec<u8>) -> Window {
        Window { first, rows, stride, data, skip: 0 }
    }
    fn end(&self) -> u32 {
        self.first + self.rows
    }
    /// The rows held.
    fn bytes(&self) -> &[u8] {
        &self.data[self.skip..]
    }
    /// The rows held, in a buffer of their own.
    fn take(&mut self) -> Vec<u8> {
        self.compact();
        std::mem::take(&mut self.data)
    }
    /// Forgets the rows before `y`. The rows after them move to the buffer's front only once
    /// the forgotten ones are at least half of it: moving them every time cost the whole
    /// window per band, and a window of a whole image read a row at a time took time
    /// quadratic in its height.
    fn drop_before(&mut self, y: u32) {
        let n = y.min(self.end()).saturating_sub(self.first);
        if n > 0 {
            self.skip += n as usize * self.stride;
            self.first += n;
            self.rows -= n;
            if self.skip * 2 >= self.data.len() {
                self.compact();
            }
        }
        if self.rows == 0 {
            self.first = y;
        }
    }
    /// Moves the rows held to the buffer's front.
    fn compact(&mut self) {
        if self.skip > 0 {
            self.data.copy_within(self.skip.., 0);
            self.data.truncate(self.data.len() - self.skip);
            self.skip = 0;
        }
    }
    /// Appends `n` rows and returns them to be filled (poisoned in debug builds, to hold
    /// generators to writing every byte). Forgotten rows make room first rather than the
    /// buffer growing past what the plan counted.
    fn grow(&mut self, n: u32) -> &mut [u8] {
        let more = n as usize * self.stride;
        if self.data.len() + more > self.data.capacity() {
            self.compact();
        }
        let len = self.data.len();
        self.data.resize(len + more, 0);
        self.rows += n;
        let rows = &mut self.data[len..];
        crate::image::pool::poison(rows);
        rows
    }
}

/// Output rows generated between two [`Scratch::forget_pages`].
const SCRATCH_ROWS: u32 = 4;

/// A materialised input in a scratch file.
struct Scratch {
    map: memmap2::Mmap,
}

impl Scratch {
    /// Writes every row of `input` to a new scratch file in `dir` and maps it.
    fn fill(input: &mut Stage<'_>, band: u32, dir: &std::path::Path) -> Result<Scratch> {
        use std::io::Write;
        let ctx = input.ctx.clone();
        let need = ctx.memory_estimate();
        let fail = |e: std::io::Error| {
            Error::processing(format!(
                "cannot write a scratch file of {} in {}: {} (free space there, or set TMPDIR to another folder)",
                human(need),
                dir.display(),
                crate::io::limits::describe_io(&e)
            ))
        };
        // Unlinked from its creation (O_TMPFILE): removed when closed, whatever happens.
        let file = tempfile::tempfile_in(dir).map_err(fail)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, &file);
        let mut y = 0;
        while y < ctx.height {
            let next = (y + band).min(ctx.height);
            w.write_all(input.fetch(y..next)?.bytes()).map_err(fail)?;
            y = next;
        }
        w.flush().map_err(fail)?;
        drop(w);
        input.release();
        // SAFETY: the file is ours alone (unlinked, never shared) and not written while mapped.
        #[allow(unsafe_code)]
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(fail)?;
        Ok(Scratch { map })
    }

    /// Drops the pages read so far from this process's memory (they stay in the file).
    fn forget_pages(&self) {
        #[allow(unsafe_code)]
        // SAFETY: a read-only private map of a file: dropped pages are read again from it.
        let _ = unsafe { self.map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }
}

struct StepRun<'p> {
    number: usize,
    name: &'static str,
    /// The operation prepared for its input.
    prepared: crate::core::Prepared<'p>,
    mode: StepMode,
    input: Box<Stage<'p>>,
    scratch: Option<Scratch>,
    scratch_dir: &'p std::path::Path,
    /// The cache entry its output is written into, band by band (see [`cached`]).
    tee: Option<EntryTee>,
}

enum Producer<'p> {
    Source(Box<dyn RowSource + 'p>),
    Step(Box<StepRun<'p>>),
}

/// A source or a step, with the window of rows it has produced and not yet forgotten.
struct Stage<'p> {
    ctx: Context,
    window: Window,
    /// Rows produced at a time (shared by the run's stages; lowered under memory pressure).
    band: Arc<AtomicU32>,
    /// Rows must be produced in order, none skipped: a decoder, or a step that carries state
    /// from row to row ([`InputRows::Sequential`]).
    in_order: bool,
    /// Time spent producing rows, its input's included, and the rows produced.
    busy: Duration,
    produced: u32,
    producer: Producer<'p>,
}

impl<'p> Stage<'p> {
    /// Rows `rows` of this stage's output (clipped to its height), producing what is missing.
    fn fetch(&mut self, rows: Range<u32>) -> Result<Band<'_>> {
        let h = self.ctx.height;
        let rows = rows.start.min(h)..rows.end.min(h);
        if !rows.is_empty() {
            if rows.start < self.window.first {
                return Err(Error::processing(format!(
                    "the band executor was asked for rows {rows:?} after it had moved past row {} (a bug: please report it)",
                    self.window.first
                )));
            }
            // Rows before the ones asked for are produced and dropped where order matters
            // (other steps start their window at any row).
            while self.in_order && self.window.end() < rows.start {
                let lo = self.window.end();
                self.produce(lo..(lo + self.band()).min(rows.start))?;
                self.window.drop_before(self.window.end());
            }
            if self.window.end() < rows.start {
                // Rows skipped: the output is not whole, so not an entry.
                if let Producer::Step(step) = &mut self.producer {
                    step.tee = None;
                }
            }
            self.window.drop_before(rows.start);
        }
        while self.window.end() < rows.end {
            let lo = self.window.end();
            self.produce(lo..(lo + self.band()).min(h))?;
        }
        let stride = self.window.stride;
        let at = (rows.start.max(self.window.first) - self.window.first) as usize * stride;
        let len = rows.len() * stride;
        let data = if rows.is_empty() { &[][..] } else { &self.window.bytes()[at..at + len] };
        Ok(Band::new(self.ctx.width, self.ctx.channels, rows.start, data))
    }

    fn band(&self) -> u32 {
        self.band.load(Ordering::Relaxed)
    }

    /// Whether this stage and those before it can run in bands of `band` rows: each band
    /// step's footprints for that height still only move forward.
    fn allows(&self, band: u32) -> bool {
        match &self.producer {
            Producer::Source(_) => true,
            Producer::Step(step) => {
                let fits = step.mode != StepMode::Bands || band_span(&step.prepared, self.ctx.height, band).is_some();
                fits && step.input.allows(band)
            }
        }
    }

    /// Gives back the room its window and those before it hold beyond their rows (after the
    /// band was lowered).
    fn shrink(&mut self) {
        self.window.compact();
        self.window.data.shrink_to_fit();
        if let Producer::Step(step) = &mut self.producer {
            step.input.shrink();
        }
    }

    /// Frees the window (its consumer has read every row it needs).
    fn release(&mut self) {
        self.window.data = Vec::new();
        self.window.skip = 0;
        self.window.first = self.window.end();
        self.window.rows = 0;
    }

    /// Produces rows `rows`, the next ones after the window (a step without a generator
    /// produces all of them at once), and copies them to its cache entry, if any.
    fn produce(&mut self, rows: Range<u32>) -> Result<()> {
        let started = Instant::now();
        self.generate(rows.clone())?;
        self.busy += started.elapsed();
        let new = self.window.end().saturating_sub(rows.start);
        self.produced += new;
        let band = self.band() as usize;
        if let Producer::Step(step) = &mut self.producer {
            let Some(tee) = &mut step.tee else { return Ok(()) };
            let stride = self.window.stride;
            let at = (rows.start - self.window.first) as usize * stride;
            // A band at a time: the entry's queue holds bands, never a whole image.
            for piece in self.window.bytes()[at..].chunks(band * stride) {
                tee.push(piece);
            }
        }
        Ok(())
    }

    /// The steps up to this stage that write an entry, in order, each with its cost so far:
    /// its output's size and its own time (its input's excluded), scaled up to the whole
    /// output when `estimate` (the run is not done).
    fn teed<'a>(&'a mut self, estimate: bool, out: &mut Vec<(&'a mut Option<EntryTee>, Cost)>) {
        let Stage { ctx, busy, produced, producer, .. } = self;
        if let Producer::Step(step) = producer {
            let StepRun { input, tee, .. } = &mut **step;
            let own = busy.saturating_sub(input.busy);
            input.teed(estimate, out);
            let share = if estimate && *produced > 0 { ctx.height as f64 / *produced as f64 } else { 1.0 };
            out.push((tee, Cost { bytes: ctx.memory_estimate(), time: own.mul_f64(share) }));
        }
    }

    /// Drops the entries (their files are removed) that `judge` finds not worth writing on
    /// with, from the costs so far.
    fn prune(&mut self, judge: Judge<'_>) {
        let mut teed = Vec::new();
        self.teed(true, &mut teed);
        let costs: Vec<Cost> = teed.iter().map(|(_, cost)| *cost).collect();
        for ((tee, _), keep) in teed.into_iter().zip(judge(&costs)) {
            if !keep {
                *tee = None;
            }
        }
    }

    /// Produces rows `rows` into the window (see [`Stage::produce`]).
    fn generate(&mut self, rows: Range<u32>) -> Result<()> {
        let Stage { ctx, window, band, producer, .. } = self;
        let (w, c) = (ctx.width, ctx.channels);
        match producer {
            Producer::Source(source) => source.read(window.grow(rows.len() as u32)),
            Producer::Step(step) => {
                let at_step = |e: Error| e.at_step(step.number, step.name);
                let generator = step.prepared.generator.as_deref();
                match (step.mode, generator) {
                    (StepMode::Bands, Some(g)) => {
                        let need = input_range(&step.prepared, rows.clone()).ok_or_else(|| {
                            Error::processing("a band step needed every row (a bug: please report it)".to_string())
                        })?;
                        let src = step.input.fetch(need)?;
                        let out = BandMut::new(w, c, rows.start, window.grow(rows.len() as u32));
                        g.generate(src, out).map_err(at_step)
                    }
                    (StepMode::Materialised, Some(g)) => {
                        let h = step.prepared.input().height;
                        let src = step.input.fetch(0..h)?;
                        let out = BandMut::new(w, c, rows.start, window.grow(rows.len() as u32));
                        g.generate(src, out).map_err(at_step)?;
                        if rows.end == ctx.height {
                            step.input.release();
                        }
                        Ok(())
                    }
                    (StepMode::Scratch, Some(g)) => {
                        if step.scratch.is_none() {
                            let rows = band.load(Ordering::Relaxed);
                            step.scratch = Some(Scratch::fill(&mut step.input, rows, step.scratch_dir)?);
                        }
                        let scratch = step.scratch.as_ref().expect("filled above");
                        let (iw, ic) = (step.prepared.input().width, step.prepared.input().channels);
                        let src = Band::new(iw, ic, 0, &scratch.map[..]);
                        let stride = window.stride;
                        let out = window.grow(rows.len() as u32);
                        // A few rows at a time, forgetting the pages read after each: a row
                        // of a scrambling step reads from anywhere, and the kernel maps up to
                        // 64 KiB around every page touched.
                        let mut done = Ok(());
                        let ys = rows.clone().step_by(SCRATCH_ROWS as usize);
                        for (y, part) in ys.zip(out.chunks_mut(stride * SCRATCH_ROWS as usize)) {
                            done = g.generate(src, BandMut::new(w, c, y, part)).map_err(at_step);
                            scratch.forget_pages();
                            if done.is_err() {
                                break;
                            }
                        }
                        if rows.end == ctx.height {
                            step.scratch = None;
                        }
                        done
                    }
                    _ => {
                        // Whole: the whole input, once, then every output row at once.
                        let h = step.prepared.input().height;
                        step.input.fetch(0..h)?;
                        let data = step.input.window.take();
                        step.input.release();
                        let (iw, ic) = (step.prepared.input().width, step.prepared.input().channels);
                        let image = Image::from_raw(iw, h, ic, data).ok_or_else(|| {
                            Error::processing("a whole-image step got a partial input (a bug: please report it)")
                        })?;
                        let out = step.prepared.op().apply(&image, step.prepared.input()).map_err(at_step)?;
                        drop(image);
                        if (out.width(), out.height(), out.channels()) != (ctx.width, ctx.height, ctx.channels) {
                            return Err(at_step(Error::processing(format!(
                                "produced {}x{}x{} but validation predicted {}x{}x{} (a bug: please report it)",
                                out.width(),
                                out.height(),
                                out.channels(),
                                ctx.width,
                                ctx.height,
                                ctx.channels
                            ))));
                        }
                        *window = Window::holding(0, ctx.height, window.stride, out.into_raw());
                        Ok(())
                    }
                }
            }
        }
    }
}

/// The output's bands as they are finished, in order, for the sink's thread. Each band's
/// buffer goes back to the executor when it is dropped, for a later band to reuse (a pool:
/// in steady state no band faults in fresh pages).
pub struct Bands {
    rx: mpsc::Receiver<Vec<u8>>,
    back: mpsc::Sender<Vec<u8>>,
}

impl Iterator for Bands {
    type Item = BandBuffer;
    fn next(&mut self) -> Option<BandBuffer> {
        let buffer = self.rx.recv().ok()?;
        Some(BandBuffer { buffer, back: self.back.clone() })
    }
}

/// Rows of one output band (see [`Bands`]).
pub struct BandBuffer {
    buffer: Vec<u8>,
    back: mpsc::Sender<Vec<u8>>,
}

impl AsRef<[u8]> for BandBuffer {
    fn as_ref(&self) -> &[u8] {
        &self.buffer
    }
}

impl Drop for BandBuffer {
    fn drop(&mut self) {
        let _ = self.back.send(std::mem::take(&mut self.buffer));
    }
}

/// Bands read from a source on a thread of its own (the decoder overlaps the steps).
struct ThreadedSource {
    ctx: Context,
    rx: mpsc::Receiver<Result<Vec<u8>>>,
    back: mpsc::Sender<Vec<u8>>,
    current: Vec<u8>,
    offset: usize,
}

impl RowSource for ThreadedSource {
    fn context(&self) -> Context {
        self.ctx.clone()
    }
    fn read(&mut self, out: &mut [u8]) -> Result<()> {
        let (rx, back) = (&self.rx, &self.back);
        read_chunked(out, &mut self.current, &mut self.offset, |current| {
            let next = rx.recv().map_err(|_| Error::processing("the decoder stopped early"))??;
            let _ = back.send(std::mem::replace(current, next));
            Ok(())
        })
    }
}

/// Runs `steps` (each prepared for its input) from `source` into `sink` as `plan` says. `sink` runs on a thread of its own
/// with the output's context and its bands in order; when the steps fail it sees the bands
/// end early, and its result is ignored. `tees` (one per step, or none) get the steps'
/// outputs as they come; once an eighth of the output is done, `judge` says from the costs
/// so far which of them are worth going on with.
fn run<'p, S>(
    (steps, prepared): (&'p [Step], Prepared<'p>),
    plan: &Plan,
    mut source: Box<dyn RowSource + '_>,
    memory: Option<&MemoryManager>,
    tees: Vec<Option<EntryTee>>,
    mut judge: Option<Judge<'_>>,
    sink: S,
) -> Result<Ran>
where
    S: FnOnce(&Context, Bands) -> Result<()> + Send,
{
    let input = source.context();
    let contexts = crate::pipeline::shapes(steps, &input)?;
    let output = contexts.last().cloned().unwrap_or_else(|| input.clone());
    // The band height: the plan's, lowered when memory runs short during the run.
    let band = Arc::new(AtomicU32::new(plan.band_rows));
    let mut ran =
        Ran { context: output.clone(), relieved: false, lowered_to: None, tees: Vec::new(), costs: Vec::new() };
    std::thread::scope(|scope| {
        // The decoder's thread: bands of rows, at most two ahead.
        let (tx, rx) = mpsc::sync_channel::<Result<Vec<u8>>>(2);
        let (back, recycled) = mpsc::channel::<Vec<u8>>();
        let stride = input.width as usize * input.channels as usize;
        let height = input.height;
        let decoded = Arc::clone(&band);
        let decoder = scope.spawn(move || {
            let mut y = 0;
            while y < height {
                let n = decoded.load(Ordering::Relaxed).min(height - y);
                let mut buf = recycled.try_recv().unwrap_or_default();
                buf.resize(n as usize * stride, 0);
                let result = source.read(&mut buf).map(|()| buf);
                let failed = result.is_err();
                if tx.send(result).is_err() || failed {
                    return;
                }
                y += n;
            }
        });
        let threaded = ThreadedSource { ctx: input.clone(), rx, back, current: Vec::new(), offset: 0 };
        let mut last = chain((steps, prepared), plan, &band, &input, &contexts, Box::new(threaded), tees)?;
        // The encoder's thread.
        let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(2);
        let (back, recycled) = mpsc::channel::<Vec<u8>>();
        let out_ctx = output.clone();
        let encoder = scope.spawn(move || sink(&out_ctx, Bands { rx, back }));
        let mut result = Ok(());
        let mut y = 0;
        while y < output.height {
            if let Some(judge) = judge.take_if(|_| y >= output.height / 8) {
                last.prune(judge);
            }
            match memory.map(MemoryManager::check) {
                Some(Pressure::Relieved) => ran.relieved = true,
                Some(Pressure::Tight) => {
                    // Half the band, if every step can run in bands that tall.
                    let half = band.load(Ordering::Relaxed) / 2;
                    if half >= 1 && last.allows(half) {
                        band.store(half, Ordering::Relaxed);
                        last.shrink();
                        ran.lowered_to = Some(half);
                    }
                }
                _ => {}
            }
            let next = (y + band.load(Ordering::Relaxed)).min(output.height);
            match last.fetch(y..next) {
                Ok(rows) => {
                    let mut buf = recycled.try_recv().unwrap_or_default();
                    buf.clear();
                    buf.extend_from_slice(rows.bytes());
                    if tx.send(buf).is_err() {
                        break; // the sink failed: its error is below
                    }
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
            y = next;
        }
        drop(tx);
        if result.is_ok() {
            let mut teed = Vec::new();
            last.teed(false, &mut teed);
            (ran.tees, ran.costs) = teed.into_iter().map(|(tee, cost)| (tee.take(), cost)).unzip();
        }
        drop(last);
        let sunk = encoder.join().unwrap_or_else(|_| Err(Error::processing("the encoder panicked")));
        let _ = decoder.join();
        result.and(sunk).map(|()| ran)
    })
}

/// Which of the steps' outputs are worth writing on with (see [`run`]).
type Judge<'a> = &'a dyn Fn(&[Cost]) -> Vec<bool>;

/// What [`run`] did.
struct Ran {
    /// The output's context.
    context: Context,
    /// Memory ran short and the relievers gave back what they held.
    relieved: bool,
    /// Memory stayed short and the bands were lowered to this many rows.
    lowered_to: Option<u32>,
    /// Per step, the cache entry its output went into (if any is left) and its cost.
    tees: Vec<Option<EntryTee>>,
    costs: Vec<Cost>,
}

/// The stages of `plan` over `source`; returns the last.
fn chain<'p>(
    (steps, prepared): (&'p [Step], Prepared<'p>),
    plan: &'p Plan,
    band: &Arc<AtomicU32>,
    input: &Context,
    contexts: &[Context],
    source: Box<dyn RowSource + 'p>,
    tees: Vec<Option<EntryTee>>,
) -> Result<Stage<'p>> {
    let stride = |c: &Context| c.width as usize * c.channels as usize;
    let mut stage = Stage {
        ctx: input.clone(),
        window: Window::new(stride(input)),
        band: Arc::clone(band),
        in_order: true,
        busy: Duration::ZERO,
        produced: 0,
        producer: Producer::Source(source),
    };
    let mut tees = tees.into_iter();
    for (((step, planned), out), prepared) in steps.iter().zip(&plan.steps).zip(contexts).zip(prepared) {
        let first = 0..plan.band_rows.min(out.height);
        let in_order = matches!(prepared.footprint(first), InputRows::Sequential(_));
        stage = Stage {
            ctx: out.clone(),
            window: Window::new(stride(out)),
            band: Arc::clone(band),
            in_order,
            busy: Duration::ZERO,
            produced: 0,
            producer: Producer::Step(Box::new(StepRun {
                number: step.number,
                name: step.name(),
                prepared,
                mode: planned.mode,
                input: Box::new(stage),
                scratch: None,
                scratch_dir: &plan.scratch_dir,
                tee: tees.next().flatten(),
            })),
        };
    }
    Ok(stage)
}

/// Runs `pipeline` on `image` in bands and returns the output (tests and the library).
pub fn run_image(pipeline: &Pipeline, image: Image, opts: &StreamOptions) -> Result<Image> {
    Streamed::new(pipeline, Box::new(ImageSource::new(image)), opts)?.assemble().map(|(image, _)| image)
}

/// A streamed run, planned and ready to go: the steps to run (those the cache leaves), their
/// plan, the rows they start from, and the cache's part (see [`crate::cache::streamed`]).
pub struct Streamed<'p> {
    steps: &'p [Step],
    /// Each step prepared for its input, once.
    prepared: Prepared<'p>,
    plan: Plan,
    memory: Option<Arc<MemoryManager>>,
    source: Box<dyn RowSource + 'p>,
    /// Per step, the cache entry its output is written into.
    tees: Vec<Option<EntryTee>>,
    caching: Option<cached::Caching<'p>>,
}

/// What a finished streamed run did.
#[derive(Debug)]
pub struct Finished {
    /// The output's shape (and the steps' warnings).
    pub context: Context,
    /// The plan it ran.
    pub plan: Plan,
    /// The cache's part, if it had one.
    pub cache: Option<CacheReport>,
    /// Memory ran short during the run: the relievers (the cache's memory tier) gave back
    /// what they held.
    pub relieved: bool,
    /// Memory stayed short: the bands were lowered to this many rows.
    pub lowered_to: Option<u32>,
}

impl<'p> Streamed<'p> {
    /// Plans `pipeline` over `source`, without the cache. Fails before any pixel work when
    /// a step does not accept its input or no plan fits `opts.budget`.
    pub fn new(pipeline: &'p Pipeline, source: Box<dyn RowSource + 'p>, opts: &StreamOptions) -> Result<Streamed<'p>> {
        Streamed::new_prepared(pipeline, source, opts, None)
    }

    /// [`Streamed::new`] with every step already prepared for `source`'s input, if given.
    fn new_prepared(
        pipeline: &'p Pipeline,
        source: Box<dyn RowSource + 'p>,
        opts: &StreamOptions,
        prepared: Option<Prepared<'p>>,
    ) -> Result<Streamed<'p>> {
        let input = source.context();
        let contexts = pipeline.shapes(&input)?;
        let prepared = match prepared {
            Some(prepared) => prepared,
            None => prepare(&pipeline.steps, &input, &contexts)?,
        };
        let opts = opts.holding(&*source);
        let plan = Plan::new(&pipeline.steps, &prepared, &input, &contexts, &opts)?;
        Ok(Streamed {
            steps: &pipeline.steps,
            prepared,
            plan,
            memory: opts.memory.clone(),
            source,
            tees: Vec::new(),
            caching: None,
        })
    }

    /// The plan the run follows.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Writes the output to `path` in `format`: band by band as the steps finish them when
    /// the format allows ([`OutputFormat::streams`]), else assembled, then encoded. Atomic
    /// like every output (see [`crate::io::output`]): an error leaves nothing behind, in the
    /// cache neither.
    pub fn write(self, path: &Path, format: OutputFormat) -> Result<Finished> {
        if !format.streams() {
            let (image, done) = self.assemble()?;
            crate::io::save(&image, path, Some(format))?;
            return Ok(done);
        }
        let mut done = None;
        crate::io::write_output(path, |file| {
            let fail = |message| Error::Encode { path: path.display().to_string(), message };
            let sink = |ctx: &Context, bands: Bands| {
                crate::io::rows::write_bands(file, ctx.width, ctx.height, ctx.channels, format, bands).map_err(fail)
            };
            done = Some(self.go(sink)?);
            Ok(())
        })?;
        Ok(done.expect("set when the write succeeded"))
    }

    /// Runs and lets the output go band by band (nothing is kept).
    pub fn discard(self) -> Result<Finished> {
        self.go(|_, bands| {
            bands.for_each(drop);
            Ok(())
        })
    }

    /// The output, assembled in memory.
    pub fn assemble(self) -> Result<(Image, Finished)> {
        let last = self.plan.steps.last().map(|s| s.output);
        let mut collected = Vec::with_capacity(last.map_or(0, |(w, h, c)| w as usize * h as usize * c as usize));
        let done = self.go(|_, bands| {
            for band in bands {
                collected.extend_from_slice(band.as_ref());
            }
            Ok(())
        })?;
        let out = &done.context;
        let image = Image::from_raw(out.width, out.height, out.channels, collected)
            .ok_or_else(|| Error::processing("the streamed output is short (a bug: please report it)"))?;
        Ok((image, done))
    }

    /// Runs into `sink`; once the run succeeded, keeps the output's entry and records the
    /// input's alias.
    fn go<S>(self, sink: S) -> Result<Finished>
    where
        S: FnOnce(&Context, Bands) -> Result<()> + Send,
    {
        let Streamed { steps, prepared, plan, memory, source, tees, caching } = self;
        let judge = caching.as_ref().map(|c| move |costs: &[Cost]| c.judge(costs));
        let judge = judge.as_ref().map(|j| j as Judge<'_>);
        let ran = run((steps, prepared), &plan, source, memory.as_deref(), tees, judge, sink)?;
        let cache = caching.map(|c| c.finish(ran.tees, &ran.costs));
        Ok(Finished { context: ran.context, plan, cache, relieved: ran.relieved, lowered_to: ran.lowered_to })
    }
}

/// The rows of an image file: a PNG, JPEG or TIFF read row by row when it can be, else the whole
/// image decoded within `pipeline.limits`.
pub fn open_source(path: &Path, limits: &crate::io::Limits) -> Result<Box<dyn RowSource>> {
    if let Some(rows) = crate::io::rows::open_rows(path, limits)? {
        return Ok(rows);
    }
    let bytes = crate::io::read_image_file(path, limits)?;
    Ok(Box::new(ImageSource::new(crate::io::decode_with(&bytes, &path.display().to_string(), limits)?)))
}

/// The seed's `process_large_image`: runs `pipeline` on the image file `input` in bands of
/// `band_rows` rows (default: sized to the budget, `pipeline.limits.max_bytes`) and writes
/// `output` (format from its name). Returns the output's context and the plan it ran.
pub fn process_large_image(
    pipeline: &Pipeline,
    input: &Path,
    output: &Path,
    band_rows: Option<u32>,
) -> Result<(Context, Plan)> {
    let format = crate::io::format_from_name(&output.to_string_lossy())?;
    let source = open_source(input, &pipeline.limits)?;
    let opts = StreamOptions { band_rows, budget: pipeline.limits.max_bytes, ..Default::default() };
    let done = Streamed::new(pipeline, source, &opts)?.write(output, format)?;
    Ok((done.context, done.plan))
}

#[cfg(test)]
mod tests {
    use super::Window;

    /// A whole image's window read a row at a time (a whole-image step's output, taken in
    /// bands of one row) moved every remaining row at each drop: time quadratic in the
    /// height. The rows now move only when the forgotten ones are half the buffer.
    #[test]
    fn forgetting_rows_one_at_a_time_moves_the_rest_rarely() {
        let rows = 10_000u32;
        let data: Vec<u8> = (0..rows).flat_map(|y| (y as u16).to_le_bytes()).collect();
        let mut w = Window::holding(0, rows, 2, data);
        let mut moves = 0;
        for y in 1..rows {
            let before = w.data.len();
            w.drop_before(y);
            moves += usize::from(w.data.len() != before);
            assert_eq!(&w.bytes()[..2], &(y as u16).to_le_bytes(), "row {y} comes first");
        }
        assert!(moves <= 16, "{moves} moves for {rows} rows");
        // Growing into the buffer's spare room makes room from the forgotten rows first.
        let mut w = Window::holding(0, 4, 1, vec![1, 2, 3, 4]);
        w.drop_before(1);
        let capacity = w.data.capacity();
        w.grow(1).copy_from_slice(&[5]);
        assert_eq!((w.bytes(), w.data.capacity()), (&[2, 3, 4, 5][..], capacity));
        assert_eq!(w.take(), [2, 3, 4, 5]);
    }
}
