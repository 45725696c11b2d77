//! The builder's state: one [`Session`] per page (browser tab), each with its uploaded image
//! and proxy and its runs, over one step cache shared by all ([`Sessions`]); and the
//! full-resolution regions the page shows at 100% and closer ([`Session::region`]).

use crate::cache::{self, Cache, Key};
use crate::core::{Context, Error, InputRows, Result};
use crate::image::resample::{resize, Filter};
use crate::image::{Band, BandMut, Image};
use crate::io::{self, Limits, OutputFormat};
use crate::job::{self, Done, Job, JobOptions, Output, Ran};
use crate::pipeline::{Cancel, Pipeline, PipelineFile, StepTiming};
use std::collections::HashMap;
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
    /// The cache keys of the proxy's and the full image's pixels (hashed once, at upload).
    proxy_key: Key,
    full_key: Key,
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
    /// The pipeline built from `file` (validated for the proxy and the full image).
    pipeline: Arc<Pipeline>,
    input: Arc<Input>,
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
    /// A session whose images and steps must fit `limits`, its steps cached in `cache`
    /// (shared with the other sessions: the keys name the pixels, not the session).
    pub fn new(limits: Limits, cache: Cache) -> Session {
        Session { limits, cache, state: Mutex::default() }
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
        let full_key = if pixels <= PROXY_PIXELS { proxy_key } else { cache::Plan::new(&full, []).k0() };
        let input = Arc::new(Input { name: name.to_string(), full: Arc::new(full), proxy, proxy_key, full_key });
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
        let pipeline = Arc::new(pipeline);
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
            pipeline: Arc::clone(&pipeline),
            input: Arc::clone(&input),
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

    /// Columns `x..x + w`, rows `y..y + h` (clipped to the image) of image `index` of preview
    /// `generation` (0: the input) at full resolution: what the page shows at 100% and
    /// closer in place of the proxy. Computed from the deepest step whose full-size result is
    /// cached (the background run caches them all), generating only the rows each later step
    /// needs (its footprint); a step that needs its whole input (random access, error
    /// diffusion, whole-image operations) has its full-size result computed once and cached.
    pub fn region(&self, generation: u64, index: usize, (x, y, w, h): (u32, u32, u32, u32)) -> Result<Image> {
        let preview = self.last(generation)?;
        let (pipeline, input) = (&preview.pipeline, &preview.input);
        if index > pipeline.steps.len() {
            return Err(Error::Usage(format!("no image {index}: the pipeline has {} steps", pipeline.steps.len())));
        }
        let mut contexts = vec![Context::of(&input.full)];
        contexts.extend(pipeline.validate(&contexts[0])?);
        let shape = &contexts[index];
        if x >= shape.width || y >= shape.height || w == 0 || h == 0 {
            return Err(Error::Usage(format!(
                "the region {w}x{h} at ({x}, {y}) is outside the {}x{} image",
                shape.width, shape.height
            )));
        }
        let (w, h) = (w.min(shape.width - x), h.min(shape.height - y));
        let plan = cache::Plan::from_k0(input.full_key, crate::pipeline::step_ids(&pipeline.steps));
        // Back from `index`: the rows each step needs, down to a full-size image.
        let (mut k, mut rows, mut chain) = (index, y..y + h, Vec::new());
        let base = loop {
            let cached = if k == 0 { Some(Arc::clone(&input.full)) } else { self.cache.peek(&plan, k - 1) };
            if let Some(image) = cached {
                break image;
            }
            let step = &pipeline.steps[k - 1];
            let prepared = step.prepare(&contexts[k - 1])?;
            match (prepared.generator.is_some(), prepared.footprint(rows.clone())) {
                (true, InputRows::Rows(needed)) => {
                    chain.push((k, prepared, rows));
                    (k, rows) = (k - 1, needed);
                }
                _ => break self.full_size(&preview.file, input, step.number)?,
            }
        };
        // Forward: each step's rows from the rows before it.
        let mut band: Option<(u32, Image)> = None;
        for (k, prepared, rows) in chain.into_iter().rev() {
            let src = match &band {
                Some((first, image)) => Band::new(image.width(), image.channels(), *first, image.as_bytes()),
                None => Band::whole(&base),
            };
            let out_ctx = &contexts[k];
            let mut out = Image::new(out_ctx.width, rows.end - rows.start, out_ctx.channels);
            let generator = prepared.generator.as_ref().expect("chained only with a generator");
            generator
                .generate(src, BandMut::new(out.width(), out.channels(), rows.start, out.as_bytes_mut()))
                .map_err(|e| e.at_step(pipeline.steps[k - 1].number, pipeline.steps[k - 1].name()))?;
            band = Some((rows.start, out));
        }
        Ok(match &band {
            Some((first, image)) => image.crop(x, y - first, w, h),
            None => base.crop(x, y, w, h),
        })
    }

    /// The full-size result of the steps of `file` up to step `number` (its number in the
    /// file), from the cache or run whole and cached.
    fn full_size(&self, file: &PipelineFile, input: &Input, number: usize) -> Result<Arc<Image>> {
        let mut prefix = file.clone();
        prefix.operations.truncate(number);
        let mut pipeline = Pipeline::from_file(&prefix, false)?;
        pipeline.limits = self.limits;
        let out = self.run(&pipeline, &input.full, None)?;
        Ok(out.image.expect("kept in memory"))
    }

    /// Preview `generation`, if it is the last one.
    fn last(&self, generation: u64) -> Result<Arc<Preview>> {
        match &self.state().last {
            Some(last) if last.generation == generation => Ok(Arc::clone(last)),
            _ => Err(Error::Cancelled),
        }
    }

    /// The last previewed pipeline run on the full-resolution input and encoded as
    /// `pixelpipe run` writes it (the background run has usually cached the result).
    pub fn export(&self, format: OutputFormat) -> Result<Vec<u8>> {
        let Some(last) = self.state().last.clone() else {
            return Err(Error::Usage("nothing to export yet: run a pipeline first".into()));
        };
        let out = self.run(&last.pipeline, &last.input.full, None)?;
        let mut bytes = std::io::Cursor::new(Vec::new());
        io::encode(out.image.as_ref().expect("kept in memory"), format, &mut bytes)
            .map_err(|message| Error::Encode { path: "the export".into(), message })?;
        Ok(bytes.into_inner())
    }

    /// Ends the session's runs.
    fn close(&self) {
        let mut state = self.state();
        cancel(&mut state);
        state.last = None;
        state.input = None;
    }
}

/// A session that ends after this long without a request (the page asks every
/// [`HEARTBEAT`] while it is open).
pub const IDLE: Duration = Duration::from_secs(10 * 60);
/// How often an open page tells the server it is still there.
pub const HEARTBEAT: Duration = Duration::from_secs(60);
/// Longest session name a page may choose.
const MAX_SESSION_NAME: usize = 64;

/// The builder's sessions, one per page (browser tab), by the name the page chose; each ends
/// when its page closes or after [`IDLE`], and its images go with it. The step cache is
/// shared: its size bounds the memory of every session's steps together.
pub struct Sessions {
    limits: Limits,
    cache: Cache,
    /// The image every new session starts with (`pixelpipe serve photo.jpg`).
    initial: Mutex<Option<Arc<Input>>>,
    open: Mutex<HashMap<String, (Arc<Session>, Instant)>>,
}

impl Sessions {
    /// The sessions of a builder run with `config`: images from others (uploads) within
    /// Pillow's pixel limit and the memory budget, and a step cache in memory of a quarter of
    /// the budget, between 64 and 512 MiB (a 12-megapixel image's steps and their previews
    /// fit).
    pub fn for_config(config: &crate::config::Config) -> Sessions {
        let limits = config.limits().with_max_pixels(io::limits::PILLOW_MAX_PIXELS);
        let budget = limits.max_bytes.unwrap_or(4 << 30);
        Sessions::new(limits, (budget / 4).clamp(64 << 20, 512 << 20))
    }

    /// Sessions whose images and steps must fit `limits`, over a memory-only step cache of
    /// `cache_bytes`.
    pub fn new(limits: Limits, cache_bytes: u64) -> Sessions {
        let settings = cache::Settings { dir: None, memory_size: cache_bytes, store_all: true, ..Default::default() };
        Sessions { limits, cache: Cache::open(settings), initial: Mutex::default(), open: Mutex::default() }
    }

    /// Decodes `bytes` (a file named `name`) as the image every new session starts with.
    pub fn set_initial(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let input = Session::new(self.limits, self.cache.clone()).load(name, bytes)?;
        *self.initial.lock().unwrap_or_else(|p| p.into_inner()) = Some(input);
        Ok(())
    }

    /// What images may claim and need.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The session named `name`, opened if it is new; sessions idle for longer than
    /// [`IDLE`] are ended first.
    pub fn get(&self, name: &str) -> Result<Arc<Session>> {
        if name.is_empty()
            || name.len() > MAX_SESSION_NAME
            || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(Error::Usage(format!(
                "a session name is 1 to {MAX_SESSION_NAME} letters, digits or '-' (the page sends one in x-pixelpipe-session)"
            )));
        }
        let now = Instant::now();
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        open.retain(|_, (session, used)| {
            let keep = now.duration_since(*used) < IDLE;
            if !keep {
                session.close();
            }
            keep
        });
        let (session, used) = open.entry(name.to_string()).or_insert_with(|| {
            let session = Session::new(self.limits, self.cache.clone());
            session.state().input = self.initial.lock().unwrap_or_else(|p| p.into_inner()).clone();
            (Arc::new(session), now)
        });
        *used = now;
        Ok(Arc::clone(session))
    }

    /// Ends the session named `name` (its page closed): its runs stop, its images are freed.
    pub fn close(&self, name: &str) {
        if let Some((session, _)) = self.open.lock().unwrap_or_else(|p| p.into_inner()).remove(name) {
            session.close();
        }
    }

    /// How many sessions are open.
    pub fn len(&self) -> usize {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// Whether no session is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
        let session = Sessions::new(Limits::NONE, 64 << 20).get("tab").unwrap();
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
        let session = Sessions::new(Limits::NONE, 256 << 20).get("tab").unwrap();
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
        let session = Sessions::new(Limits::NONE, 16 << 20).get("tab").unwrap();
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

    /// The region at full resolution equals that region of the whole run, for steps of
    /// every kind of footprint (rows, row maps, tiles, random access, error diffusion), at
    /// the last step and in between, before and after the full-size steps are cached.
    #[test]
    fn regions_at_full_resolution_are_the_whole_runs_pixels() {
        let sessions = Sessions::new(Limits::NONE, 512 << 20);
        let session = sessions.get("tab").unwrap();
        let big = synth::visual(1900, 1300, 3);
        session.load("big.png", &png(&big)).unwrap();
        let pipelines = [
            r#"{"operations": [{"type": "RowShift", "params": {"shift_amount": 5, "selection": "odd"}},
                {"type": "Mosaic", "params": {"tile_width": 8, "tile_height": 8}}]}"#,
            r#"{"operations": [{"type": "PixelMath", "params": {"expression": "r*1.1+20", "affect_blue": false}},
                {"type": "RowStretch", "params": {"factor": 1.5}},
                {"type": "BlockScramble", "params": {"block_width": 16, "block_height": 16, "seed": 3}},
                {"type": "Dither", "params": {"levels": 4}}]}"#,
        ];
        for text in pipelines {
            let preview = session.preview(file(text)).unwrap();
            let mut expected = vec![big.clone()];
            for k in 1..=file(text).operations.len() {
                let mut prefix = file(text);
                prefix.operations.truncate(k);
                let run = Pipeline::from_file(&prefix, false).unwrap().run(big.clone(), &crate::RunOptions::default());
                expected.push(Arc::unwrap_or_clone(run.unwrap().image));
            }
            for round in 0..2 {
                for (index, want) in expected.iter().enumerate() {
                    let (w, h) = (want.width(), want.height());
                    for (x, y, rw, rh) in [(0, 0, 300, 200), (w / 3, h / 2, 400, 333), (w - 100, h - 50, 500, 500)] {
                        let got = session.region(preview.generation, index, (x, y, rw, rh)).unwrap();
                        let (cw, ch) = (rw.min(w - x), rh.min(h - y));
                        assert_eq!(
                            got,
                            want.crop(x, y, cw, ch),
                            "{text}: image {index}, ({x}, {y}) {rw}x{rh}, round {round}"
                        );
                    }
                }
                // Round 2: every full-size step cached (as the background run leaves them).
                session.run(&preview.pipeline, &big, None).unwrap();
            }
            let e = session.region(preview.generation, 1, (5000, 0, 10, 10)).unwrap_err();
            assert!(e.to_string().contains("outside"), "{e}");
        }
        let stale = session.preview(file(pipelines[0])).unwrap().generation - 1;
        assert!(matches!(session.region(stale, 1, (0, 0, 10, 10)), Err(Error::Cancelled)));
    }

    /// Two pages (tabs) with their own images and pipelines do not see each other's; a closed
    /// or idle session is ended and its images freed.
    #[test]
    fn each_page_has_its_own_session() {
        let sessions = Sessions::new(Limits::NONE, 64 << 20);
        let (a, b) = (sessions.get("page-a").unwrap(), sessions.get("page-b").unwrap());
        a.load("a.png", &png(&synth::visual(64, 48, 3))).unwrap();
        b.load("b.png", &png(&synth::noise(30, 20, 4, 1))).unwrap();
        let pa = a.preview(file(TWO_STEPS)).unwrap();
        let pb = b.preview(file(r#"{"operations": [{"type": "Mosaic", "params": {"tile_width": 4}}]}"#)).unwrap();
        assert_eq!((pa.images[2].width(), pb.images[1].width()), (64, 30));
        assert_eq!(a.image(pa.generation, 2).as_deref(), Some(&*pa.images[2]), "b's run did not replace a's");
        assert!(Arc::ptr_eq(&sessions.get("page-a").unwrap(), &a));
        assert_eq!(sessions.len(), 2);
        sessions.close("page-b");
        assert!(b.input().is_err(), "a closed session's image is freed");
        assert_eq!(sessions.len(), 1);
        assert!(sessions.get("page-b").unwrap().input().is_err(), "the name opens a new, empty session");
        for bad in ["", "a b", &"x".repeat(65)] {
            assert!(sessions.get(bad).is_err(), "{bad:?}");
        }
        let weak = Arc::downgrade(&pa.input);
        drop((pa, a));
        sessions.close("page-a");
        // The background full-resolution run, cancelled, lets go of it as it wakes.
        let deadline = Instant::now() + Duration::from_secs(5);
        while weak.upgrade().is_some() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(weak.upgrade().is_none(), "the image is freed with its session");
    }
}
