//! The operation contract (docs/design.md §2).

use super::context::Context;
use super::error::Result;
use super::params::{ParamSpec, Parsed};
use crate::image::{Band, BandMut, Image};
use std::ops::Range;

/// Which input rows an output band needs: what makes streaming generic over operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputRows {
    /// These input rows suffice, in any order of bands (pixel-local and row-local work,
    /// windows with a halo, row maps: the range covers the rows the band maps to).
    Rows(Range<u32>),
    /// These rows, but bands must run top to bottom because state is carried from one row
    /// to the next (Floyd–Steinberg error diffusion).
    Sequential(Range<u32>),
    /// Any row may be needed (random access: block scrambles, vertical sorts, …).
    All,
}

impl InputRows {
    /// Clamps a (possibly signed) window to the image's rows.
    pub fn window(lo: i64, hi: i64, height: u32) -> InputRows {
        let lo = lo.clamp(0, height as i64) as u32;
        let hi = hi.clamp(lo as i64, height as i64) as u32;
        InputRows::Rows(lo..hi)
    }
}

/// A configured operation. Built from parsed parameters by its [`OpSpec`]; immutable.
pub trait Operation: Send + Sync + std::fmt::Debug {
    /// Checks the parameters against the image as it is at this step and returns the context
    /// after the step: its real width, height and channels, plus any warnings. Never touches
    /// pixels; the pipeline runs it for every step before any pixel work.
    fn validate(&self, ctx: &Context) -> Result<Context>;

    /// Produces the output image. `ctx` is the input's context (as validated).
    fn apply(&self, src: &Image, ctx: &Context) -> Result<Image>;

    /// Transforms `img` in place when the operation keeps the shape; the default falls back
    /// to [`Operation::apply`] and replaces the image.
    fn apply_in_place(&self, img: &mut Image, ctx: &Context) -> Result<()> {
        *img = self.apply(img, ctx)?;
        Ok(())
    }

    /// Whether [`Operation::apply_in_place`] keeps working in the image's own buffer for an
    /// input of context `ctx` (otherwise it builds a new image, as `apply` does): an input
    /// that something else still holds costs such a step a copy, which the executor counts
    /// when it decides whether to keep that input.
    fn in_place(&self, _ctx: &Context) -> bool {
        false
    }

    /// Input rows needed to produce output rows `out_rows`.
    fn footprint(&self, ctx: &Context, out_rows: Range<u32>) -> InputRows;

    /// Peak bytes this step allocates on top of its input, for the memory planner.
    fn estimate_memory(&self, ctx: &Context) -> u64;

    /// The operation prepared for an input of context `ctx` (its tables computed once), to
    /// fill any band of output: how the streaming executor runs it. `None` for operations
    /// that work on whole images only; the executor then hands them their whole input and
    /// calls [`Operation::apply`].
    fn prepare(&self, _ctx: &Context) -> Result<Option<Box<dyn Generator + '_>>> {
        Ok(None)
    }
}

/// An operation prepared for one input shape (libvips's build/generate split): `generate`
/// fills output rows `out.rows()` from `src`, which holds at least the input rows the
/// operation's footprint names for them (every row for [`InputRows::All`]), and writes every
/// byte of them (`out` may hold anything before). The output depends only on the row
/// numbers, never on how the rows are cut into bands or on the number of threads.
pub trait Generator: Send + Sync {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()>;

    /// The input rows output rows `out_rows` need, when the prepared state answers it (a
    /// row map, built once by `prepare`, where the operation would build it per question);
    /// `None`: [`Operation::footprint`] answers.
    fn footprint(&self, _out_rows: Range<u32>) -> Option<InputRows> {
        None
    }
}

/// An operation that needs no preparation is its own generator (`prepare` boxes `self`).
impl<T: Generator + ?Sized> Generator for &T {
    fn generate(&self, src: Band<'_>, out: BandMut<'_>) -> Result<()> {
        (**self).generate(src, out)
    }

    fn footprint(&self, out_rows: Range<u32>) -> Option<InputRows> {
        (**self).footprint(out_rows)
    }
}

/// An operation prepared for one input: what the streamed executor asks of a step, derived
/// once per run (the generator and its tables, the memory it needs beside its input and
/// output), and its footprint, from the prepared tables where they answer it.
pub struct Prepared<'a> {
    op: &'a dyn Operation,
    ctx: Context,
    /// `None`: the operation works on whole images only.
    pub generator: Option<Box<dyn Generator + 'a>>,
    /// [`Operation::estimate_memory`] for this input.
    pub extra_memory: u64,
}

impl<'a> Prepared<'a> {
    /// Prepares `op` for an input of context `ctx` (see [`Operation::prepare`]).
    pub fn new(op: &'a dyn Operation, ctx: &Context) -> Result<Prepared<'a>> {
        Ok(Prepared { op, ctx: ctx.clone(), generator: op.prepare(ctx)?, extra_memory: op.estimate_memory(ctx) })
    }

    /// The operation.
    pub fn op(&self) -> &'a dyn Operation {
        self.op
    }

    /// The input's context.
    pub fn input(&self) -> &Context {
        &self.ctx
    }

    /// Input rows needed to produce output rows `out_rows`.
    pub fn footprint(&self, out_rows: Range<u32>) -> InputRows {
        let prepared = self.generator.as_ref().and_then(|g| g.footprint(out_rows.clone()));
        prepared.unwrap_or_else(|| self.op.footprint(&self.ctx, out_rows))
    }
}

/// Runs a prepared operation over a whole image: the whole-image path of an operation that
/// streams is "one band = the whole image", not a second kernel.
pub fn generate_whole(generator: &dyn Generator, src: &Image, out: (u32, u32, u8)) -> Result<Image> {
    let mut image = Image::for_overwrite(out.0, out.1, out.2)?;
    generator.generate(Band::whole(src), BandMut::whole(&mut image))?;
    Ok(image)
}

/// The declaration of an operation: name, parameters and constructor. The registry is a list
/// of these; `ops` help, parsing, validation messages and cache keys all come from here.
pub struct OpSpec {
    /// The original's class name, as written in pipeline files.
    pub name: &'static str,
    /// Family (module) name: pixel, row, column, block, geometric, aspect, channel, pattern.
    pub family: &'static str,
    pub summary: &'static str,
    pub params: &'static [ParamSpec],
    /// Bumped whenever the operation's output changes, so old cache entries stop matching.
    pub version: u32,
    /// Parameters of a typical use, as a JSON object: shown by `pixelpipe ops NAME`, timed by
    /// `pixelpipe bench` and the benchmarks, and run by the robustness tests on every shape.
    pub example: &'static str,
    /// Builds the operation from canonical parameters (cross-parameter checks go here).
    pub build: fn(&Parsed) -> Result<Box<dyn Operation>>,
}

impl OpSpec {
    /// [`OpSpec::example`] as parameters.
    pub fn example_params(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::from_str(self.example) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => panic!("{}: its example is not a JSON object", self.name),
        }
    }
}

impl std::fmt::Debug for OpSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OpSpec({})", self.name)
    }
}
