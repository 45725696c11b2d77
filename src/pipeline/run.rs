//! The whole-image executor: each step on the whole image in memory, from the deepest cached
//! step on, with per-step timing, progress and cancellation.

use super::{step_ids, Cancel, Pipeline, Step};
use crate::cache::{self, Cache, StepStore};
use crate::core::{Context, Error, Result};
use crate::image::Image;
use crate::io::Limits;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

impl Pipeline {
    /// Runs the pipeline on a decoded image. Every step is validated first; a bad step fails
    /// before any pixel work. With a cache, the run restarts after the deepest cached step
    /// and stores the steps it computes (all of them with `store_all`; by default some large
    /// intermediate outputs are skipped, see [`Cache::worth_storing`]).
    pub fn run(&self, input: Image, opts: &RunOptions) -> Result<RunOutput> {
        self.run_source(Source::Decoded(input), opts)
    }

    /// [`Pipeline::run_source`] for async code: the run goes to the rayon pool and the
    /// calling task awaits it without blocking the runtime's threads.
    #[cfg(feature = "tokio")]
    pub async fn run_async(self: Arc<Self>, source: Source, opts: RunOptions) -> Result<RunOutput> {
        let (done, result) = tokio::sync::oneshot::channel();
        rayon::spawn(move || {
            let _ = done.send(self.run_source(source, &opts));
        });
        result.await.map_err(|_| Error::processing("the run ended without a result (it panicked)"))?
    }

    /// Runs the pipeline on an input that may still be encoded. With a disk cache, an
    /// encoded input is first looked up by its bytes (an input alias, see [`cache::alias`]):
    /// if the alias is known and a step is cached, the run resumes from it without decoding
    /// the input at all. Otherwise the input is decoded and, with a cache, its alias recorded
    /// after the steps.
    pub fn run_source(&self, source: Source, opts: &RunOptions) -> Result<RunOutput> {
        let cache = opts.cache.as_ref();
        // `file`: the encoded bytes, kept when a disk cache looked them up.
        let (input, file, known, streamed, decode) = match source {
            Source::Decoded(image) => (image, None, None, None, None),
            Source::Encoded { bytes, origin } => {
                // Costs a few microseconds for an input never seen (see `cache::alias`).
                let known = cache.and_then(|c| c.alias(&bytes));
                // --save-steps wants every step's image, so it needs the input.
                if let (Some(c), Some(a)) = (cache, known.filter(|_| opts.save_steps.is_none())) {
                    let ctx0 = Context::new(a.width, a.height, a.channels);
                    let contexts = self.validate(&ctx0)?;
                    let mut store = StepStore::new(c, a.k0, step_ids(&self.steps), Duration::ZERO);
                    if let Some(hit) = store.resume(&contexts) {
                        c.note_decode_skipped();
                        let start = Start::Cached(hit);
                        let mut out = self.continue_from(ctx0, &contexts, start, Some(store), opts)?;
                        out.decode_skipped = true;
                        return Ok(out);
                    }
                }
                let t = Instant::now();
                let heap = crate::profile::alloc::Window::open();
                let (image, streamed) = match (cache, known) {
                    // With a cache and no alias, k0 is hashed on another core while the input
                    // decodes (single-threaded) instead of after it.
                    (Some(_), None) => decode_hashing(&bytes, &origin, &self.limits)?,
                    _ => (crate::io::decode_with(&bytes, &origin, &self.limits)?, None),
                };
                // Kept for the alias, which the writer hashes and records after the steps.
                let file = cache.and_then(Cache::dir).map(|_| Arc::new(bytes));
                (image, file, known, streamed, Some((t.elapsed(), heap.map(|w| w.peak()))))
            }
        };
        let ctx0 = Context::of(&input);
        let contexts = self.validate(&ctx0)?;
        if let Some(dir) = &opts.save_steps {
            crate::io::save(&input, &dir.join("00_original.png"), None)?;
        }
        // An alias of the decoded shape already knows k0; its steps were looked up above and
        // missed (evicted or damaged), so they are not looked up again.
        let known = known.filter(|a| (a.width, a.height, a.channels) == (ctx0.width, ctx0.height, ctx0.channels));
        let looked_up = known.is_some() && opts.save_steps.is_none();
        let mut store = cache.map(|c| {
            let k0 = known.map(|a| a.k0).or(streamed).unwrap_or_else(|| cache::key::input_key(&input));
            StepStore::new(c, k0, step_ids(&self.steps), decode.map_or(Duration::ZERO, |d| d.0))
        });
        // A decoded input whose bytes were looked up and not known gets an alias.
        let alias = match (&store, file, known) {
            (Some(store), Some(f), None) => Some((
                f,
                cache::Alias { k0: store.plan().k0(), width: ctx0.width, height: ctx0.height, channels: ctx0.channels },
            )),
            _ => None,
        };
        // --save-steps wants every step's image, so it recomputes them all.
        let resume = match &mut store {
            Some(store) if opts.save_steps.is_none() && !looked_up => store.resume(&contexts),
            _ => None,
        };
        let start = match resume {
            Some(hit) => Start::Cached(hit),
            None => Start::Input(input),
        };
        let mut out = self.continue_from(ctx0, &contexts, start, store, opts)?;
        // Recorded once the steps ran, so the alias's write is not in their way.
        if let (Some(c), Some((bytes, alias))) = (cache, alias) {
            c.record_alias(bytes, alias);
        }
        out.decode = decode.map(|d| d.0);
        out.decode_heap_peak = decode.and_then(|d| d.1);
        Ok(out)
    }

    /// Runs the steps after `start`, offering each output to `store`.
    fn continue_from(
        &self,
        ctx0: Context,
        contexts: &[Context],
        start: Start,
        mut store: Option<StepStore>,
        opts: &RunOptions,
    ) -> Result<RunOutput> {
        let mut timings = Vec::with_capacity(self.steps.len());
        // `current` is shared while the cache holds it; a step then writes a new image
        // instead of working in place.
        let (first, mut current) = match start {
            Start::Cached(hit) => {
                for (i, (step, c)) in self.steps.iter().zip(contexts).enumerate().take(hit.step + 1) {
                    let elapsed = if i == hit.step { hit.load } else { Duration::ZERO };
                    timings.push(StepTiming { cached: true, ..StepTiming::new(step, c, elapsed) });
                }
                (hit.step + 1, hit.image)
            }
            Start::Input(input) => (0, Arc::new(input)),
        };
        let mut ctx = if first == 0 { ctx0 } else { contexts[first - 1].clone() };
        for (i, (step, next)) in self.steps.iter().zip(contexts).enumerate().skip(first) {
            if let Some(cancel) = &opts.cancel {
                cancel.check()?;
            }
            if let Some(memory) = &opts.memory {
                // Short of memory: the relievers (the cache's memory tier) give back first.
                memory.check();
            }
            let heap = crate::profile::alloc::Window::open();
            let start = Instant::now();
            let at_step = |e: Error| e.at_step(step.number, step.name());
            let image = match Arc::try_unwrap(current) {
                Ok(mut owned) => {
                    step.op.op.apply_in_place(&mut owned, &ctx).map_err(at_step)?;
                    owned
                }
                Err(shared) => step.op.op.apply(&shared, &ctx).map_err(at_step)?,
            };
            let elapsed = start.elapsed();
            let heap_peak = heap.map(|w| w.peak());
            if (image.width(), image.height(), image.channels()) != (next.width, next.height, next.channels) {
                return Err(Error::processing(format!(
                    "produced {}x{}x{} but validation predicted {}x{}x{} (a bug: please report it)",
                    image.width(),
                    image.height(),
                    image.channels(),
                    next.width,
                    next.height,
                    next.channels
                ))
                .at_step(step.number, step.name()));
            }
            current = Arc::new(image);
            let next_in_place = self.steps.get(i + 1).is_some_and(|s| s.op.op.in_place(next));
            let stored = store.as_mut().is_some_and(|s| s.offer(i, &current, elapsed, next_in_place));
            timings.push(StepTiming {
                started: Some(start),
                heap_peak,
                stored,
                ..StepTiming::new(step, next, elapsed)
            });
            if let Some(OnStep(tell)) = &opts.on_step {
                tell(timings.last().expect("just pushed"), self.steps.len());
            }
            if let Some(dir) = &opts.save_steps {
                crate::io::save(&current, &dir.join(format!("{:02}_{}.png", step.number, step.name())), None)?;
            }
            ctx = next.clone();
        }
        Ok(RunOutput {
            image: current,
            context: ctx,
            timings,
            decode: None,
            decode_heap_peak: None,
            decode_skipped: false,
        })
    }
}

/// Decodes an input, hashing its pixels (`k0`) on another core as they come when the format
/// allows (see [`crate::io::decode_streaming`]).
fn decode_hashing(bytes: &[u8], origin: &str, limits: &Limits) -> Result<(Image, Option<cache::Key>)> {
    let mut hasher = None;
    let slot = &mut hasher;
    let start = move |w, h, c| {
        *slot = Some(cache::key::InputHasher::new(w, h, c));
        move |pixels: &[u8]| {
            if let Some(h) = slot.as_mut() {
                h.update(pixels);
            }
        }
    };
    let (image, complete) = crate::io::decode_streaming(bytes, origin, limits, start)?;
    Ok((image, hasher.filter(|_| complete).map(cache::key::InputHasher::finish)))
}

/// Where a run's steps start.
enum Start {
    Input(Image),
    Cached(cache::Resume),
}

/// A pipeline's input.
#[derive(Debug)]
pub enum Source {
    /// Pixels already decoded.
    Decoded(Image),
    /// An encoded image file's bytes (PNG, JPEG, …); `origin` names it in errors.
    Encoded { bytes: Vec<u8>, origin: String },
}

/// How to run.
#[derive(Debug, Default, Clone)]
pub struct RunOptions {
    /// Write the input and every step's output as PNG into this folder (debugging).
    pub save_steps: Option<PathBuf>,
    /// Step cache to read from and write to; `None` reads and writes nothing.
    pub cache: Option<Cache>,
    /// Checked before each step: once cancelled, the run ends with [`Error::Cancelled`].
    pub cancel: Option<Cancel>,
    /// Told of each step as it finishes (a progress bar, a log).
    pub on_step: Option<OnStep>,
    /// Asked before each step whether memory runs short (see
    /// [`crate::memory::MemoryManager::check`]).
    pub memory: Option<Arc<crate::memory::MemoryManager>>,
}

/// What [`OnStep`] calls: the finished step's timing and the number of steps.
pub type StepCallback = dyn Fn(&StepTiming, usize) + Send + Sync;

/// A step-progress callback.
#[derive(Clone)]
pub struct OnStep(pub Arc<StepCallback>);

impl std::fmt::Debug for OnStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OnStep(..)")
    }
}

/// Time and output shape of one step.
#[derive(Debug, Clone)]
pub struct StepTiming {
    pub number: usize,
    pub name: &'static str,
    pub elapsed: Duration,
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    /// Taken from the cache instead of computed (`elapsed` is then the fetch time for the
    /// deepest cached step, zero for those before it).
    pub cached: bool,
    /// Computed and its output stored in the cache.
    pub stored: bool,
    /// When a computed step started.
    pub started: Option<Instant>,
    /// The most heap bytes live in the process while the step ran, when the counting
    /// allocator is installed (see [`crate::profile::alloc`]).
    pub heap_peak: Option<u64>,
}

impl StepTiming {
    fn new(step: &Step, after: &Context, elapsed: Duration) -> StepTiming {
        StepTiming {
            number: step.number,
            name: step.name(),
            elapsed,
            width: after.width,
            height: after.height,
            channels: after.channels,
            cached: false,
            stored: false,
            started: None,
            heap_peak: None,
        }
    }
}

/// The result of a run.
#[derive(Debug)]
pub struct RunOutput {
    /// Shared because the cache may still be writing it: copying a large output would cost
    /// more than the cache saves on a cold run. `Arc::unwrap_or_clone` gives an owned image.
    pub image: Arc<Image>,
    pub context: Context,
    pub timings: Vec<StepTiming>,
    /// Time [`Pipeline::run_source`] spent decoding an encoded input (`None` when it was
    /// given decoded, or not decoded).
    pub decode: Option<Duration>,
    /// The most heap bytes live in the process while it decoded, when the counting
    /// allocator is installed (see [`crate::profile::alloc`]).
    pub decode_heap_peak: Option<u64>,
    /// The input was known to the cache by its encoded bytes and a cached step made
    /// decoding it unnecessary.
    pub decode_skipped: bool,
}
