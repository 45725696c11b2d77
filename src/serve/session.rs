//! The builder's state: the uploaded image and its proxy, the step cache, the runs.

use crate::cache::{self, Cache, Key};
use crate::core::{Context, Error, Result};
use crate::image::resample::{resize, Filter};
use crate::image::Image;
use crate::io::{self, Limits, OutputFormat};
use crate::job::{self, Done, Job, JobOptions, Output, Ran};
use crate::pipeline::{Cancel, Pipeline, PipelineFile, StepTiming};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Largest preview, in pixels: a larger image is previewed on a proxy of about this size
/// (the full resolution is computed in the background and exported).
pub const PROXY_PIXELS: u64 = 2_000_000;

/// Quiet time after a preview before the full-resolution run starts: a user still moving a
/// slider would otherwise have it compete with the next preview for the cores.
const FULL_RUN_DELAY: Duration = Duration::from_millis(400);

/// The uploaded image.
#[derive(Debug)]
pub struct Input {
    /// The name the page gave it (for the page only; never a path).
    pub name: String,
    pub full: Arc<Image>,
    /// The image previews run on: `full` itself when it is small enough.
    pub proxy: Arc<Image>,
    /// The cache key of the proxy's pixels (hashed once, at upload).
    proxy_key: Key,
}

/// A finished preview run.
#[derive(Debug)]
pub struct Preview {
    pub generation: u64,
    /// The pipeline it ran, as the page sent it.
    pub file: PipelineFile,
    /// The proxy input, then each enabled step's output.
    pub images: Vec<Arc<Image>>,
    pub timings: Vec<StepTiming>,
    pub elapsed: Duration,
    /// The pipeline's warnings (ignored parameter names, drawn seeds …).
    pub warnings: Vec<String>,
}

#[derive(Default)]
struct State {
    input: Option<Arc<Input>>,
    generation: u64,
    /// The preview in flight, and the background full-resolution run.
    preview: Option<Cancel>,
    full: Option<Cancel>,
    last: Option<Arc<Preview>>,
}

/// One builder session.
pub struct Session {
    limits: Limits,
    cache: Cache,
    state: Mutex<State>,
}

impl Session {
    /// The session of a builder run with `config`: images from others (uploads) within
    /// Pillow's pixel limit and the memory budget, and a step cache in memory of a quarter of
    /// the budget, between 64 and 512 MiB (a 12-megapixel image's steps and their previews
    /// fit).
    pub fn for_config(config: &crate::config::Config) -> Session {
        let limits = config.limits().with_max_pixels(io::limits::PILLOW_MAX_PIXELS);
        let budget = limits.max_bytes.unwrap_or(4 << 30);
        Session::new(limits, (budget / 4).clamp(64 << 20, 512 << 20))
    }

    /// A session whose images and steps must fit `limits`, with a memory-only step cache of
    /// `cache_bytes`.
    pub fn new(limits: Limits, cache_bytes: u64) -> Session {
        let settings = cache::Settings { dir: None, memory_size: cache_bytes, store_all: true, ..Default::default() };
        Session { limits, cache: Cache::open(settings), state: Mutex::default() }
    }

    /// What the session's images may claim and need.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Decodes an uploaded image (within the limits) and makes it the session's input;
    /// runs in flight are cancelled.
    pub fn load(&self, name: &str, bytes: &[u8]) -> Result<Arc<Input>> {
        let full = io::decode_with(bytes, name, &self.limits)?;
        let pixels = full.width() as u64 * full.height() as u64;
        let proxy = if pixels > PROXY_PIXELS {
            let scale = (PROXY_PIXELS as f64 / pixels as f64).sqrt();
            let size = |n: u32| ((n as f64 * scale) as u32).max(1);
            Arc::new(resize(&full, size(full.width()), size(full.height()), Filter::Box))
        } else {
            Arc::new(full.clone())
        };
        let proxy_key = cache::Plan::new(&proxy, []).k0();
        let input = Arc::new(Input { name: name.to_string(), full: Arc::new(full), proxy, proxy_key });
        let mut state = self.state();
        cancel(&mut state);
        state.last = None;
        state.input = Some(Arc::clone(&input));
        Ok(input)
    }

    /// The input, or the error the page shows when there is none.
    pub fn input(&self) -> Result<Arc<Input>> {
        self.state().input.clone().ok_or_else(|| Error::Usage("no image yet: upload one first".into()))
    }

    /// The pipeline of `file`, built and validated against the input's proxy and its full
    /// size: a bad parameter fails here, naming its step and parameter.
    pub fn build(&self, file: &PipelineFile) -> Result<(Pipeline, Arc<Input>)> {
        let input = self.input()?;
        let mut pipeline = Pipeline::from_file(file, false)?;
        pipeline.limits = self.limits;
        pipeline.validate(&Context::of(&input.proxy))?;
        pipeline.validate(&Context::of(&input.full))?;
        Ok((pipeline, input))
    }

    /// `pipeline` on `image` with the session's cache, as a [`Job`] (the plan `pixelpipe run`
    /// makes), the result kept in memory.
    fn run(&self, pipeline: &Pipeline, image: &Image, cancel: Option<Cancel>) -> Result<Done> {
        let opts = JobOptions { cache: Some(&self.cache), cancel, ..JobOptions::default() };
        Job::new(pipeline, job::Input::Decoded(image.clone()), Output::Memory).options(opts).plan()?.run()
    }

    /// Runs `file` on the proxy, from the deepest cached step on, and keeps every step's
    /// image for the page. A newer call cancels this one ([`Error::Cancelled`]). Once it is
    /// done, the full resolution is computed in the background (see [`Session::export`]).
    pub fn preview(self: &Arc<Self>, file: PipelineFile) -> Result<Arc<Preview>> {
        let started = Instant::now();
        let (pipeline, input) = self.build(&file)?;
        let token = Cancel::new();
        let generation = {
            let mut state = self.state();
            cancel(&mut state);
            state.preview = Some(token.clone());
            state.generation += 1;
            state.generation
        };
        let out = self.run(&pipeline, &input.proxy, Some(token.clone()))?;
        let plan = cache::Plan::from_k0(input.proxy_key, crate::pipeline::step_ids(&pipeline.steps));
        let mut images = vec![Arc::clone(&input.proxy)];
        for step in 0..pipeline.steps.len() {
            let last = step + 1 == pipeline.steps.len();
            match self.cache.peek(&plan, step) {
                Some(image) => images.push(image),
                None if last => images.push(Arc::clone(out.image.as_ref().expect("kept in memory"))),
                // Evicted already (a cache too small for every step): no thumbnail.
                None => images.push(Arc::new(Image::new(1, 1, 4))),
            }
        }
        let preview = Arc::new(Preview {
            generation,
            file,
            images,
            timings: match out.ran {
                Ran::Whole(run) => run.timings,
                // A proxy over the budget whole: no step timings.
                Ran::Streamed(_) => Vec::new(),
            },
            elapsed: started.elapsed(),
            warnings: pipeline.warnings.clone(),
        });
        let mut state = self.state();
        token.check()?;
        state.last = Some(Arc::clone(&preview));
        let full = Cancel::new();
        state.full = Some(full.clone());
        drop(state);
        let session = Arc::clone(self);
        std::thread::spawn(move || {
            std::thread::sleep(FULL_RUN_DELAY);
            if !full.is_cancelled() {
                // A failure or a cancel here is the export's to report, when it runs again.
                let _ = session.run(&pipeline, &input.full, Some(full));
            }
        });
        Ok(preview)
    }

    /// Image `index` of preview `generation` (0: the proxy input), if that is the last one.
    pub fn image(&self, generation: u64, index: usize) -> Option<Arc<Image>> {
        let state = self.state();
        let last = state.last.as_ref().filter(|p| p.generation == generation)?;
        last.images.get(index).cloned()
    }

    /// The last previewed pipeline run on the full-resolution input and encoded as
    /// `pixelpipe run` writes it (the background run has usually cached the result).
    pub fn export(&self, format: OutputFormat) -> Result<Vec<u8>> {
        let file = match &self.state().last {
            Some(last) => last.file.clone(),
            None => return Err(Error::Usage("nothing to export yet: run a pipeline first".into())),
        };
        let (pipeline, input) = self.build(&file)?;
        let out = self.run(&pipeline, &input.full, None)?;
        let mut bytes = std::io::Cursor::new(Vec::new());
        io::encode(out.image.as_ref().expect("kept in memory"), format, &mut bytes)
            .map_err(|message| Error::Encode { path: "the export".into(), message })?;
        Ok(bytes.into_inner())
    }
}

fn cancel(state: &mut State) {
    for token in [state.preview.take(), state.full.take()].into_iter().flatten() {
        token.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;

    fn png(image: &Image) -> Vec<u8> {
        let mut bytes = std::io::Cursor::new(Vec::new());
        io::encode(image, OutputFormat::Png, &mut bytes).unwrap();
        bytes.into_inner()
    }

    fn file(json: &str) -> PipelineFile {
        PipelineFile::parse(json, "test").unwrap()
    }

    const TWO_STEPS: &str = r#"{"operations": [
        {"type": "RowShift", "params": {"shift_amount": 3}},
        {"type": "Dither", "params": {"levels": 4}}]}"#;

    #[test]
    fn a_change_of_the_last_step_reuses_the_steps_before_it() {
        let session = Arc::new(Session::new(Limits::NONE, 64 << 20));
        session.load("in.png", &png(&synth::visual(64, 48, 3))).unwrap();
        let first = session.preview(file(TWO_STEPS)).unwrap();
        assert_eq!(first.images.len(), 3);
        assert!(first.timings.iter().all(|t| !t.cached));
        let changed = file(&TWO_STEPS.replace(r#""levels": 4"#, r#""levels": 2"#));
        let second = session.preview(changed).unwrap();
        assert_eq!(second.generation, first.generation + 1);
        assert!(second.timings[0].cached && !second.timings[1].cached, "{:?}", second.timings);
        assert_eq!(second.images[1], first.images[1]);
        assert_ne!(second.images[2], first.images[2]);
        assert!(session.image(first.generation, 1).is_none(), "only the last preview's images are kept");
        assert_eq!(session.image(second.generation, 2).as_deref(), Some(&*second.images[2]));
    }

    #[test]
    fn large_images_preview_on_a_proxy_and_export_at_full_size() {
        let session = Arc::new(Session::new(Limits::NONE, 256 << 20));
        let big = synth::visual(2000, 1500, 3);
        let input = session.load("big.png", &png(&big)).unwrap();
        let (w, h) = (input.proxy.width(), input.proxy.height());
        assert!((w as u64 * h as u64) <= PROXY_PIXELS && w > 1500, "{w}x{h}");
        let preview = session.preview(file(TWO_STEPS)).unwrap();
        assert_eq!((preview.images[2].width(), preview.images[2].height()), (w, h));
        let exported = session.export(OutputFormat::Png).unwrap();
        let pipeline = Pipeline::from_file(&file(TWO_STEPS), false).unwrap();
        let expected = pipeline.run(big, &crate::RunOptions::default()).unwrap();
        assert_eq!(exported, png(&expected.image));
    }

    #[test]
    fn bad_input_and_bad_parameters_are_errors_not_panics() {
        let session = Arc::new(Session::new(Limits::NONE, 16 << 20));
        assert!(session.preview(file(TWO_STEPS)).unwrap_err().to_string().contains("upload"));
        assert!(session.load("x.png", b"not an image").is_err());
        session.load("in.png", &png(&synth::visual(16, 16, 4))).unwrap();
        let e = session.preview(file(&TWO_STEPS.replace(r#""levels": 4"#, r#""levels": 1"#))).unwrap_err();
        assert!(e.to_string().contains("step 2 (Dither): parameter `levels`"), "{e}");
        let e = session
            .preview(file(r#"{"operations": [{"type": "BlockRotate", "params": {"block_width": 99}}]}"#))
            .unwrap_err();
        assert!(e.to_string().contains("step 1 (BlockRotate)"), "{e}");
    }
}
