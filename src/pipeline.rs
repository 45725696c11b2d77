//! Pipelines: the original's file format, validation of every step before any pixel work,
//! and execution with per-step timing.

use crate::cache::{self, Cache, StepStore};
use crate::core::operation::Generator;
use crate::core::{Context, Error, Result};
use crate::image::Image;
use crate::io::Limits;
use crate::ops::{self, Configured};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The on-disk pipeline format of the original (JSON or YAML).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PipelineFile {
    /// `"1.0"`, the only version there is; another is read as 1.0 with a warning.
    #[serde(default = "default_version")]
    pub version: Value,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub operations: Vec<StepFile>,
    /// What the reader should know about the file (keys given twice, another version).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Keys of steps that no step has (`parms:`, `enable:`): 1-based step number and key.
    /// Building the pipeline warns of each, or refuses it when strict.
    #[serde(skip)]
    pub unknown_keys: Vec<(usize, String)>,
}

/// The keys a step may have (the fields of [`StepFile`]).
const STEP_KEYS: [&str; 5] = ["id", "type", "name", "enabled", "params"];

fn default_version() -> Value {
    Value::from("1.0")
}

/// One entry of `operations`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub params: Map<String, Value>,
}

fn yes() -> bool {
    true
}

impl PipelineFile {
    /// Parses JSON or YAML text; `origin` names the source in errors.
    pub fn parse(text: &str, origin: &str) -> Result<PipelineFile> {
        let fail = |message: String| Error::PipelineFile { origin: origin.to_string(), message };
        let doc = crate::core::document::parse(text).map_err(fail)?;
        let steps = doc.value.get("operations").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let unknown_keys = (steps.iter().enumerate())
            .filter_map(|(i, step)| Some((i + 1, step.as_object()?)))
            .flat_map(|(n, step)| step.keys().filter(|k| !STEP_KEYS.contains(&k.as_str())).map(move |k| (n, k.clone())))
            .collect();
        let mut file: PipelineFile = serde_json::from_value(doc.value).map_err(|e| fail(e.to_string()))?;
        file.unknown_keys = unknown_keys;
        file.warnings = doc.warnings.into_iter().map(|w| format!("pipeline {origin}: {w}")).collect();
        let known = match &file.version {
            Value::String(v) => v == "1.0" || v == "1",
            Value::Number(n) => n.as_f64() == Some(1.0),
            _ => false,
        };
        if !known {
            file.warnings.push(format!(
                "pipeline {origin}: unknown version {}; read as version \"1.0\", the only one there is",
                file.version
            ));
        }
        Ok(file)
    }

    /// Reads a pipeline file (at most [`crate::io::limits::MAX_PIPELINE_FILE`] bytes of UTF-8).
    pub fn read(path: &Path) -> Result<PipelineFile> {
        let origin = path.display().to_string();
        let fail = |message: String| Error::PipelineFile { origin: origin.clone(), message };
        let bytes = crate::io::limits::read_file(path, crate::io::limits::MAX_PIPELINE_FILE, fail)?;
        let text = String::from_utf8(bytes)
            .map_err(|e| fail(format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())))?;
        PipelineFile::parse(&text, &origin)
    }
}

/// One configured step.
#[derive(Debug)]
pub struct Step {
    /// 1-based position in the file (disabled steps keep their number).
    pub number: usize,
    pub label: Option<String>,
    pub op: Configured,
    /// How many times [`Step::prepare`] ran.
    prepared: AtomicUsize,
}

impl Step {
    pub fn new(number: usize, label: Option<String>, op: Configured) -> Step {
        Step { number, label, op, prepared: AtomicUsize::new(0) }
    }

    pub fn name(&self) -> &'static str {
        self.op.spec.name
    }

    /// The step's operation prepared for an input of context `ctx` (see
    /// [`crate::core::Operation::prepare`]); an error names the step. A streamed run
    /// prepares each step once, for its plan and its bands alike.
    pub fn prepare(&self, ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        self.prepared.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.op.op.prepare(ctx).map_err(|e| e.at_step(self.number, self.name()))
    }

    /// How many times [`Step::prepare`] ran (the tests hold runs to once per step).
    pub fn times_prepared(&self) -> usize {
        self.prepared.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// A validated-parameter pipeline, ready to check against an image and run.
#[derive(Debug)]
pub struct Pipeline {
    pub name: String,
    pub description: String,
    /// Enabled steps only.
    pub steps: Vec<Step>,
    /// What the input may claim (pixels, decoded bytes) and, as `limits.max_bytes` (the
    /// memory budget), the largest number of bytes a step may need (its output plus its
    /// working memory): validation rejects a step beyond it. The budget defaults to the
    /// memory available at construction.
    pub limits: Limits,
    /// What the reader should know about the file (see [`PipelineFile::warnings`]).
    pub warnings: Vec<String>,
}

impl Pipeline {
    /// Builds every enabled step (parameter parsing and checks). Unknown parameter names and
    /// step keys are ignored with a warning unless `strict`.
    pub fn from_file(file: &PipelineFile, strict: bool) -> Result<Pipeline> {
        let mut warnings = file.warnings.clone();
        for (n, key) in &file.unknown_keys {
            let hint = crate::core::params::closest(key, STEP_KEYS.into_iter())
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            let what = format!("unknown key `{key}`{hint}; a step's keys are {}", STEP_KEYS.join(", "));
            let kind = file.operations.get(n - 1).map_or("", |s| s.kind.as_str());
            if strict {
                return Err(Error::Invalid(what).at_step(*n, kind));
            }
            warnings.push(format!("step {n} ({kind}): {what}; it is ignored"));
        }
        let mut steps = Vec::new();
        for (i, s) in file.operations.iter().enumerate() {
            if !s.enabled {
                continue;
            }
            let op = ops::configure(&s.kind, &s.params, strict).map_err(|e| e.at_step(i + 1, &s.kind))?;
            steps.push(Step::new(i + 1, s.name.clone(), op));
        }
        Ok(Pipeline {
            name: file.name.clone(),
            description: file.description.clone(),
            steps,
            limits: Limits::default(),
            warnings,
        })
    }

    /// Reads a pipeline file from disk.
    pub fn load(path: &Path, strict: bool) -> Result<Pipeline> {
        Pipeline::from_file(&PipelineFile::read(path)?, strict)
    }

    /// A one-step pipeline.
    pub fn single(op: Configured) -> Pipeline {
        Pipeline {
            name: op.spec.name.to_string(),
            description: String::new(),
            steps: vec![Step::new(1, None, op)],
            limits: Limits::default(),
            warnings: Vec::new(),
        }
    }

    /// Validates every step against the input context, without touching pixels, for a
    /// whole-image run: each step's output and working memory must fit the memory budget.
    /// Returns the context after each step (so `contexts.last()` is the output's).
    pub fn validate(&self, input: &Context) -> Result<Vec<Context>> {
        let contexts = self.shapes(input)?;
        let Some(budget) = self.limits.max_bytes else { return Ok(contexts) };
        let before = std::iter::once(input).chain(&contexts);
        for ((step, ctx), next) in self.steps.iter().zip(before).zip(&contexts) {
            let need = next.memory_estimate() + step.op.op.estimate_memory(ctx);
            if need > budget {
                let message = format!(
                    "the result would be {}x{} {} and the step needs about {}, more than the memory budget of {} \
                     (the memory available; set performance.max_memory_usage to change it, or stream the run)",
                    next.width,
                    next.height,
                    crate::image::mode_name(next.channels),
                    crate::memory::human(need),
                    crate::memory::human(budget)
                );
                let limit = Error::Limit { kind: crate::core::LimitKind::Memory, needed: need, limit: budget, message };
                return Err(limit.at_step(step.number, step.name()));
            }
        }
        Ok(contexts)
    }

    /// Validates every step against the input context, without touching pixels and without
    /// the whole-image memory check (a streamed run plans its memory itself, see
    /// [`crate::stream::Plan`]). Returns the context after each step.
    ///
    /// Every step's result must pass the pixel limit (`performance.max_image_pixels`), as
    /// an input must: a streamed run holds a few rows of it, but writes all of it.
    pub fn shapes(&self, input: &Context) -> Result<Vec<Context>> {
        let contexts = shapes(&self.steps, input)?;
        let pixels_only = Limits { max_bytes: None, ..self.limits };
        for (step, ctx) in self.steps.iter().zip(&contexts) {
            (pixels_only.check(ctx.width, ctx.height, ctx.channels, "the result"))
                .map_err(|e| e.at_step(step.number, step.name()))?;
        }
        Ok(contexts)
    }

    /// Estimated peak bytes of a whole-image run on `input` (whose step outputs are
    /// `contexts`): the input, and the largest step's input, output and working memory side
    /// by side.
    pub fn whole_peak(&self, input: &Context, contexts: &[Context]) -> u64 {
        let before = std::iter::once(input).chain(contexts);
        let steps = self.steps.iter().zip(before).zip(contexts);
        let largest =
            steps.map(|((s, a), b)| a.memory_estimate() + b.memory_estimate() + s.op.op.estimate_memory(a)).max();
        input.memory_estimate() + largest.unwrap_or(0)
    }

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
                let (image, streamed) = match (cache, known) {
                    // With a cache and no alias, k0 is hashed on another core while the input
                    // decodes (single-threaded) instead of after it.
                    (Some(_), None) => decode_hashing(&bytes, &origin, &self.limits)?,
                    _ => (crate::io::decode_with(&bytes, &origin, &self.limits)?, None),
                };
                // Kept for the alias, which the writer hashes and records after the steps.
                let file = cache.and_then(Cache::dir).map(|_| Arc::new(bytes));
                (image, file, known, streamed, Some(t.elapsed()))
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
            StepStore::new(c, k0, step_ids(&self.steps), decode.unwrap_or_default())
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
        out.decode = decode;
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
        Ok(RunOutput { image: current, context: ctx, timings, decode: None, decode_skipped: false })
    }
}

/// The cache's names of `steps`: each one's operation and parameters.
pub fn step_ids(steps: &[Step]) -> impl Iterator<Item = cache::StepId<'_>> {
    steps.iter().map(|s| (s.op.spec, &s.op.params))
}

/// [`Pipeline::shapes`] of some of a pipeline's steps (those a cached step leaves to run).
pub fn shapes(steps: &[Step], input: &Context) -> Result<Vec<Context>> {
    let mut ctx = input.clone();
    let mut out = Vec::with_capacity(steps.len());
    for step in steps {
        let mut next = step.op.op.validate(&ctx).map_err(|e| e.at_step(step.number, step.name()))?;
        for note in &step.op.params.notes {
            next.warn(format!("step {} ({}): {note}", step.number, step.name()));
        }
        if next.width == 0 || next.height == 0 {
            return Err(Error::invalid(format!(
                "the result would be {}x{} pixels; an image needs at least one row and one column",
                next.width, next.height
            ))
            .at_step(step.number, step.name()));
        }
        out.push(next.clone());
        ctx = next;
    }
    Ok(out)
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

/// A cancellation token: clones share it; [`Cancel::cancel`] from any thread stops the runs
/// and batches that hold it at their next check (between steps, between images).
#[derive(Debug, Default, Clone)]
pub struct Cancel(Arc<std::sync::atomic::AtomicBool>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once cancelled.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
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
    /// The input was known to the cache by its encoded bytes and a cached step made
    /// decoding it unnecessary.
    pub decode_skipped: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_json_and_yaml_with_disabled_steps() {
        let json = r#"{"version": "1.0", "name": "t", "operations": [
            {"type": "ChannelSwap", "params": {}},
            {"type": "NoSuchOp", "enabled": false}]}"#;
        let p = Pipeline::from_file(&PipelineFile::parse(json, "t.json").unwrap(), false).unwrap();
        assert_eq!(p.steps.len(), 1);
        let yaml = "name: y\noperations:\n  - type: ChannelSwap\n    params: {mapping: {r: g}}\n";
        let p = Pipeline::from_file(&PipelineFile::parse(yaml, "t.yaml").unwrap(), false).unwrap();
        assert_eq!(p.steps[0].op.params.get("mapping"), Some(&serde_json::json!({"r": "g"})));
    }

    #[test]
    fn errors_name_the_step() {
        let json =
            r#"{"operations": [{"type": "ChannelSwap"}, {"type": "AlphaGenerator", "params": {"threshold": 300}}]}"#;
        let e = Pipeline::from_file(&PipelineFile::parse(json, "t").unwrap(), false).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("step 2 (AlphaGenerator): parameter `threshold`"), "{msg}");
        assert!(msg.contains("300") && msg.contains("<= 255"), "{msg}");
        assert_eq!(e.exit_code(), 2);
        let e = PipelineFile::parse("{not json", "bad.json").unwrap_err();
        assert!(e.to_string().starts_with("pipeline bad.json:"), "{e}");
    }

    #[test]
    fn a_step_beyond_the_memory_budget_is_a_typed_limit_error() {
        let json = r#"{"operations": [{"type": "RowStretch", "params": {"factor": 100}}]}"#;
        let mut p = Pipeline::from_file(&PipelineFile::parse(json, "t").unwrap(), false).unwrap();
        p.limits.max_bytes = Some(1 << 20);
        let e = p.validate(&Context::new(100, 100, 3)).unwrap_err();
        assert!(
            matches!(e.root(), Error::Limit { kind: crate::core::LimitKind::Memory, needed, limit: 1048576, .. } if *needed > 3_000_000),
            "{e:?}"
        );
        assert_eq!(e.exit_code(), 2);
    }

    /// A streamed run validated a 37000000x23000000 result (RadialStretch by a million of a
    /// 37x23 image) and went on writing it; the whole-image run refused it by its memory.
    #[test]
    fn a_result_beyond_the_pixel_limit_is_refused_in_every_mode() {
        let json = r#"{"operations": [{"type": "RadialStretch", "params": {"factor": 1000000}}]}"#;
        let p = Pipeline::from_file(&PipelineFile::parse(json, "t").unwrap(), false).unwrap();
        let e = p.shapes(&Context::new(37, 23, 3)).unwrap_err();
        assert!(matches!(e.root(), Error::Limit { kind: crate::core::LimitKind::Pixels, .. }), "{e:?}");
        let text = e.to_string();
        assert!(text.starts_with("step 1 (RadialStretch): the result is 37000000x23000000"), "{text}");
        assert!(text.contains("max_image_pixels"), "{text}");
    }

    #[test]
    fn unknown_params_become_step_warnings() {
        let json = r#"{"operations": [{"type": "ChannelSwap", "params": {"red_source": "green"}}]}"#;
        let p = Pipeline::from_file(&PipelineFile::parse(json, "t").unwrap(), false).unwrap();
        let ctxs = p.validate(&Context::new(2, 2, 3)).unwrap();
        assert_eq!(ctxs[0].warnings, vec!["step 1 (ChannelSwap): unknown parameter `red_source` ignored"]);
        assert!(Pipeline::from_file(&PipelineFile::parse(json, "t").unwrap(), true).is_err());
    }

    /// A misspelt key of a step (`parms:`, `enable:`) was dropped without a word, even
    /// under `--strict`, so the step ran with its defaults.
    #[test]
    fn unknown_step_keys_warn_with_a_suggestion_and_fail_when_strict() {
        let yaml =
            "operations:\n  - type: ChannelSwap\n  - type: RowShift\n    parms: {shift_amount: 3}\n    enable: false\n";
        let file = PipelineFile::parse(yaml, "t").unwrap();
        let p = Pipeline::from_file(&file, false).unwrap();
        assert_eq!(
            p.warnings,
            [
                "step 2 (RowShift): unknown key `enable` (did you mean `enabled`?); a step's keys are id, type, name, \
                 enabled, params; it is ignored",
                "step 2 (RowShift): unknown key `parms` (did you mean `params`?); a step's keys are id, type, name, \
                 enabled, params; it is ignored",
            ]
        );
        let e = Pipeline::from_file(&file, true).unwrap_err().to_string();
        assert!(e.starts_with("step 2 (RowShift): unknown key `enable` (did you mean `enabled`?)"), "{e}");
    }
}
