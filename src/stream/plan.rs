//! A streamed run's plan: the band height, each step's mode (bands, or its input materialised
//! in memory or in a scratch file, or whole) and the estimated peak, fitted to the budget
//! before any pixel work.

use super::{Prepared, StreamOptions};
use crate::cache;
use crate::core::{Context, Error, InputRows, LimitKind, Result};
use crate::memory::human;
use crate::pipeline::Step;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How a step runs in a streamed plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMode {
    /// Band by band, from the input rows its footprint names.
    Bands,
    /// Band by band, from its whole input held in memory.
    Materialised,
    /// Band by band, from its whole input held in a scratch file.
    Scratch,
    /// On the whole image (`apply`): the operation has no band generator.
    Whole,
}

impl StepMode {
    pub fn describe(self) -> &'static str {
        match self {
            StepMode::Bands => "bands",
            StepMode::Materialised => "bands from its whole input in memory",
            StepMode::Scratch => "bands from its whole input in a scratch file",
            StepMode::Whole => "whole image",
        }
    }
}

/// One step of a [`Plan`].
#[derive(Clone, Debug)]
pub struct PlannedStep {
    pub number: usize,
    pub name: &'static str,
    pub mode: StepMode,
    /// The step's output.
    pub output: (u32, u32, u8),
    /// Bytes the step holds at its peak: its window of output rows, plus its whole input and
    /// output for [`StepMode::Whole`].
    pub bytes: u64,
}

/// How a pipeline streams: the band height, each step's mode and the estimated peak memory.
#[derive(Clone, Debug)]
pub struct Plan {
    pub band_rows: u32,
    pub steps: Vec<PlannedStep>,
    /// Estimated peak bytes of pixel buffers (windows, materialised inputs, bands in flight).
    pub peak: u64,
    /// Bytes of the scratch files (the whole inputs of [`StepMode::Scratch`] steps).
    pub scratch: u64,
    /// Folder of scratch files.
    pub scratch_dir: PathBuf,
    /// Memory held whole beside the bands (see [`StreamOptions::fixed`]), counted in `peak`.
    pub fixed: Vec<(String, u64)>,
}

/// Rows an output band `rows` of a prepared operation reads, as one range (`None`: any row).
pub(super) fn input_range(prepared: &crate::core::Prepared<'_>, rows: Range<u32>) -> Option<Range<u32>> {
    match prepared.footprint(rows) {
        InputRows::Rows(r) => Some(r),
        // Bands run top to bottom in any case.
        InputRows::Sequential(r) => Some(r),
        InputRows::All => None,
    }
}

/// The largest number of input rows a band of `band` output rows reads, if bands can run
/// from the rows a window holds: every band's footprint is one range, and their starts never
/// go back (a window only drops rows at its front). Every band is checked, up to
/// [`CHECKED_BANDS`] of them; beyond, that many spread over the image.
pub(super) fn band_span(prepared: &crate::core::Prepared<'_>, out_height: u32, band: u32) -> Option<u32> {
    let bands = out_height.div_ceil(band);
    let step = bands.div_ceil(CHECKED_BANDS).max(1);
    let mut span = 0;
    let mut start = 0;
    for k in (0..bands).step_by(step as usize).chain(std::iter::once(bands.saturating_sub(1))) {
        let first = k * band;
        let r = input_range(prepared, first..(first + band).min(out_height))?;
        if r.is_empty() {
            continue;
        }
        if r.start < start {
            return None;
        }
        start = r.start;
        span = span.max(r.end - r.start);
    }
    Some(span)
}

/// Bands whose footprints [`band_span`] checks.
const CHECKED_BANDS: u32 = 1024;

impl Plan {
    /// Plans `steps` (each `prepared` for its input, see [`super::prepare`]) for an input of
    /// context `input` (`contexts`: after each step, from
    /// [`crate::pipeline::Pipeline::shapes`]). Without `opts.band_rows`, bands start at
    /// [`crate::memory::suggest_band_rows`] and are halved until the plan fits the budget.
    /// Fails before any pixel work when no plan fits, naming the budget and what it needs,
    /// or when its scratch files would not fit the free space of their folder.
    pub fn new(
        steps: &[Step],
        prepared: &Prepared<'_>,
        input: &Context,
        contexts: &[Context],
        opts: &StreamOptions,
    ) -> Result<Plan> {
        let plan = Plan::fit(steps, prepared, input, contexts, opts)?;
        match free_space(&plan.scratch_dir) {
            Some(free) if plan.scratch > free => Err(plan.beyond_disk(free)),
            _ => Ok(plan),
        }
    }

    /// The plan of the tallest bands that fit the budget.
    fn fit(
        steps: &[Step],
        prepared: &Prepared<'_>,
        input: &Context,
        contexts: &[Context],
        opts: &StreamOptions,
    ) -> Result<Plan> {
        let shapes: Vec<&Context> = std::iter::once(input).chain(contexts).collect();
        let widest = shapes.iter().map(|c| c.width as u64 * c.channels as u64).max().unwrap_or(1);
        let mut band = opts.band_rows.unwrap_or_else(|| crate::memory::suggest_band_rows(widest)).max(1);
        let plan = Plan::with_bands(steps, &shapes, prepared, band, opts);
        let budget = match opts.budget {
            Some(budget) if plan.peak > budget => budget,
            _ => return Ok(plan),
        };
        if opts.band_rows.is_some() || band == 1 {
            return Err(plan.beyond(budget, input));
        }
        // The peak grows about linearly with the band height: from the plans of one row and
        // of `band` rows, the tallest band that fits, then smaller ones until one does.
        let one = Plan::with_bands(steps, &shapes, prepared, 1, opts);
        if one.peak > budget {
            return Err(one.beyond(budget, input));
        }
        let per_row = (plan.peak - one.peak) as f64 / (band - 1) as f64;
        band = (1.0 + (budget - one.peak) as f64 / per_row.max(1.0)).clamp(1.0, (band - 1) as f64) as u32;
        loop {
            let plan = Plan::with_bands(steps, &shapes, prepared, band, opts);
            if plan.peak <= budget {
                return Ok(plan);
            }
            band = (band * 3 / 4).max(1);
            if band == 1 {
                return Ok(one);
            }
        }
    }

    fn with_bands(all: &[Step], shapes: &[&Context], prepared: &Prepared<'_>, band: u32, opts: &StreamOptions) -> Plan {
        let row = |c: &Context| c.width as u64 * c.channels as u64;
        let mut steps = Vec::with_capacity(all.len());
        // What each stage's consumer asks of it per band: the source and each step hold
        // that many rows plus one band.
        let mut asks: Vec<u64> = vec![band as u64; shapes.len()];
        let mut modes = Vec::with_capacity(all.len());
        // Held whole beside the bands (see `StreamOptions::fixed`): counted when deciding
        // whether a whole input stays in memory, and in the peak.
        let fixed: u64 = opts.fixed.iter().map(|f| f.1).sum();
        let mut in_memory = fixed;
        let mut scratch = 0u64;
        for (i, step) in prepared.iter().enumerate() {
            let (ctx, out) = (shapes[i], shapes[i + 1]);
            let generates = step.generator.is_some();
            let span = if generates { band_span(step, out.height, band) } else { None };
            let whole_input = ctx.memory_estimate();
            let mode = match (generates, span) {
                (false, _) => StepMode::Whole,
                (true, Some(_)) => StepMode::Bands,
                (true, None) => match opts.budget {
                    Some(budget) if in_memory + whole_input > budget / 2 => StepMode::Scratch,
                    _ => StepMode::Materialised,
                },
            };
            asks[i] = match mode {
                StepMode::Bands => span.unwrap_or(band) as u64,
                StepMode::Materialised | StepMode::Whole => ctx.height as u64,
                // Written to the file band by band; each band read back through the map
                // touches about as much as its own rows, in pages of 4 KiB.
                StepMode::Scratch => band as u64,
            };
            match mode {
                StepMode::Materialised | StepMode::Whole => in_memory += whole_input,
                StepMode::Scratch => scratch += whole_input,
                StepMode::Bands => {}
            }
            modes.push(mode);
        }
        // Stage k's window: what its consumer asks per band plus one band.
        let window = |k: usize| (asks[k] + band as u64).min(shapes[k].height as u64) * row(shapes[k]);
        let mut peak = window(0);
        for (i, (step, mode)) in all.iter().zip(&modes).enumerate() {
            let (ctx, out) = (shapes[i], shapes[i + 1]);
            let mut bytes = window(i + 1);
            match mode {
                StepMode::Whole => bytes = bytes.max(out.memory_estimate()) + prepared[i].extra_memory,
                StepMode::Scratch => bytes += 4 * band as u64 * row(ctx),
                _ => {}
            }
            peak += bytes;
            let output = (out.width, out.height, out.channels);
            steps.push(PlannedStep { number: step.number, name: step.name(), mode: *mode, output, bytes });
        }
        // Bands in flight to the encoder and from the decoder.
        peak += 2 * band as u64 * (row(shapes[0]) + row(shapes[shapes.len() - 1]));
        for out in &shapes[1..][opts.tee_from.unwrap_or(all.len()).min(all.len())..] {
            peak += cache::streamed::TEE_QUEUE as u64 * band as u64 * row(out) + cache::streamed::TEE_BYTES;
        }
        peak += fixed;
        let scratch_dir = opts.scratch_dir.clone().unwrap_or_else(std::env::temp_dir);
        Plan { band_rows: band, steps, peak, scratch, scratch_dir, fixed: opts.fixed.clone() }
    }

    /// The error of a plan whose scratch files need more than the `free` bytes of their
    /// folder.
    fn beyond_disk(&self, free: u64) -> Error {
        Error::Limit {
            kind: LimitKind::Disk,
            needed: self.scratch,
            limit: free,
            message: format!(
                "streaming this pipeline needs about {} of scratch files in {}, more than the {} free there \
                 (set TMPDIR to a folder with room, or raise --max-memory so that the inputs stay in memory)",
                human(self.scratch),
                self.scratch_dir.display(),
                human(free)
            ),
        }
    }

    /// The error of a plan that needs more than `budget`.
    fn beyond(&self, budget: u64, input: &Context) -> Error {
        let biggest = self.steps.iter().max_by_key(|s| s.bytes);
        let held = self.fixed.iter().max_by_key(|f| f.1).filter(|f| biggest.is_none_or(|s| f.1 > s.bytes));
        let culprit = held.map(|(what, bytes)| format!("; the largest part is {what}, {}", human(*bytes)));
        let culprit = culprit.unwrap_or_else(|| {
            biggest.map_or(String::new(), |s| {
                let (w, h, c) = s.output;
                format!(
                    "; the largest part is step {} ({}), {} for {} (its result is {w}x{h} {})",
                    s.number,
                    s.name,
                    s.mode.describe(),
                    human(s.bytes),
                    crate::image::mode_name(c)
                )
            })
        });
        Error::Limit {
            kind: LimitKind::Memory,
            needed: self.peak,
            limit: budget,
            message: format!(
                "streaming this pipeline on a {}x{} {} image needs about {} (in bands of {} rows), more than the \
                 memory budget of {}{culprit} (raise --max-memory or performance.max_memory_usage)",
                input.width,
                input.height,
                crate::image::mode_name(input.channels),
                human(self.peak),
                self.band_rows,
                human(budget)
            ),
        }
    }

    /// A warning when the plan's estimated peak is within a fifth of `budget`: estimates can
    /// be short, and other programs use memory too.
    pub fn near_budget(&self, budget: Option<u64>) -> Option<String> {
        let budget = budget?;
        (self.peak > budget / 5 * 4).then(|| {
            format!(
                "the streamed plan needs about {} of the memory budget of {} (bands of {} rows); \
                 raise --max-memory if the run fails for memory",
                human(self.peak),
                human(budget),
                self.band_rows
            )
        })
    }

    /// The plan as `run --dry-run` prints it.
    pub fn describe(&self) -> String {
        let mut out = format!("streamed in bands of {} rows; estimated peak {}", self.band_rows, human(self.peak));
        if self.scratch > 0 {
            out += &format!("; scratch files {} in {}", human(self.scratch), self.scratch_dir.display());
        }
        out += "\n";
        for s in &self.steps {
            out += &format!("  step {:>2} {:<20} {} ({})\n", s.number, s.name, s.mode.describe(), human(s.bytes));
        }
        for (what, bytes) in &self.fixed {
            out += &format!("  holds {what} ({})\n", human(*bytes));
        }
        out
    }
}

/// Bytes free for this user in the file system of `dir` (or of its nearest existing
/// ancestor); `None` when that cannot be told.
fn free_space(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let dir = dir.ancestors().find(|d| d.exists())?;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a NUL-terminated string and `stat` a buffer statvfs fills on success.
    #[allow(unsafe_code)]
    let stat = unsafe {
        if libc::statvfs(path.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        stat.assume_init()
    };
    Some(stat.f_bavail as u64 * stat.f_frsize as u64)
}
