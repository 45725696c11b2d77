//! Several pipelines on one input (`pixelpipe run a.json b.json c.json -o 'out-{name}.png'`),
//! each planned as a [`Job`]. When every plan is whole and no cache is used, the input is
//! decoded once, the steps the pipelines share from their start (the same operation and
//! parameters in the same place: equal chained cache keys) are computed once, and where they
//! part the branches run in parallel. Otherwise (an image over the budget, or a cache, which
//! keeps the shared steps itself) each pipeline runs as its own job, streamed and cached like
//! a single run.

use crate::cache::{Key, Plan};
use crate::core::{Context, Error, Result};
use crate::image::Image;
use crate::io;
use crate::job::{self, Input, Job, JobOptions, Output};
use crate::pipeline::Pipeline;
use rayon::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What [`run_jobs`] did.
#[derive(Debug)]
pub struct VariantsDone {
    /// Per pipeline, in their order: its warnings, or why it failed.
    pub results: Vec<Result<Vec<String>>>,
    /// The input decoded once and the shared steps computed once: the decode, steps and
    /// encode times. `None` when each pipeline ran as its own job.
    pub shared: Option<[Duration; 3]>,
}

/// The same input again, for another job.
fn again(input: &Input) -> Input {
    match input {
        Input::File(path) => Input::File(path.clone()),
        Input::Encoded { bytes, origin } => Input::Encoded { bytes: bytes.clone(), origin: origin.clone() },
        Input::Decoded(image) => Input::Decoded(image.clone()),
        Input::Stdin => unreachable!("standard input is read once, first"),
    }
}

/// Runs each of `pipelines` on `input` into the output beside it (see the module's summary).
/// Every pipeline is planned before any pixel work: the first that cannot run is the error.
pub fn run_jobs(pipelines: &[&Pipeline], input: Input, outputs: &[Output], opts: &JobOptions) -> Result<VariantsDone> {
    let limits = opts.limits.unwrap_or(pipelines.first().map_or_else(Default::default, |p| p.limits));
    let input = match input {
        Input::Stdin => Input::Encoded { bytes: io::read_image_stdin(&limits)?, origin: "<stdin>".into() },
        other => other,
    };
    // Planned without the cache: only whether they stream matters here.
    let mut whole = opts.cache.is_none();
    for (pipeline, output) in pipelines.iter().zip(outputs) {
        let planned = Job::new(pipeline, again(&input), output.clone())
            .options(JobOptions { cache: None, ..opts.clone() })
            .plan()?;
        whole &= !planned.streams();
    }
    if !whole {
        let results = pipelines
            .iter()
            .zip(outputs)
            .map(|(pipeline, output)| {
                let job = Job::new(pipeline, again(&input), output.clone()).options(opts.clone());
                Ok(job.plan()?.run()?.warnings)
            })
            .collect();
        return Ok(VariantsDone { results, shared: None });
    }
    let t = Instant::now();
    let image = match input {
        Input::File(path) => {
            io::decode_with(&io::read_image_file(&path, &limits)?, &path.display().to_string(), &limits)?
        }
        Input::Encoded { bytes, origin } => io::decode_with(&bytes, &origin, &limits)?,
        Input::Decoded(image) => image,
        Input::Stdin => unreachable!("read above"),
    };
    let decode = t.elapsed();
    let t = Instant::now();
    let ran = run_variants(pipelines, image)?;
    let steps = t.elapsed();
    let t = Instant::now();
    let results = ran
        .into_par_iter()
        .zip(outputs.par_iter())
        .map(|(result, output)| {
            let (image, context) = result?;
            job::write(&image, output)?;
            Ok(job::output_warnings(&context, output))
        })
        .collect();
    Ok(VariantsDone { results, shared: Some([decode, steps, t.elapsed()]) })
}

impl VariantsDone {
    /// An error naming the pipelines that failed (`names`: in the pipelines' order).
    pub fn failures(&self, names: &[String]) -> Result<()> {
        let failed: Vec<String> = names
            .iter()
            .zip(&self.results)
            .filter_map(|(name, r)| r.as_ref().err().map(|e| format!("{name}: {e}")))
            .collect();
        if failed.is_empty() {
            return Ok(());
        }
        Err(Error::processing(format!("{} of {} pipelines failed: {}", failed.len(), names.len(), failed.join("; "))))
    }
}

/// One pipeline's result.
pub type VariantOutput = Result<(Arc<Image>, Context)>;

/// Runs every pipeline on `input`, each step shared by a prefix computed once. Every pipeline
/// is validated before any pixel work (the first invalid one is the error). Results are in
/// the pipelines' order; a step that fails fails the pipelines that go through it.
pub fn run_variants(pipelines: &[&Pipeline], input: Image) -> Result<Vec<VariantOutput>> {
    let ctx0 = Context::of(&input);
    let contexts: Vec<Vec<Context>> = pipelines.iter().map(|p| p.validate(&ctx0)).collect::<Result<_>>()?;
    // Keys chained from one fixed root: equal keys at depth d mean equal steps 1..=d.
    let keys: Vec<Vec<Key>> = pipelines
        .iter()
        .map(|p| Plan::from_k0(Key([0; 32]), crate::pipeline::step_ids(&p.steps)).keys().to_vec())
        .collect();
    let outputs: Mutex<Vec<Option<VariantOutput>>> = Mutex::new((0..pipelines.len()).map(|_| None).collect());
    let tree = Tree { pipelines, keys: &keys, contexts: &contexts, outputs: &outputs };
    tree.branch((0..pipelines.len()).collect(), 0, Arc::new(input), ctx0);
    Ok(outputs.into_inner().expect("no panics").into_iter().map(|o| o.expect("every pipeline ends")).collect())
}

struct Tree<'a> {
    pipelines: &'a [&'a Pipeline],
    keys: &'a [Vec<Key>],
    contexts: &'a [Vec<Context>],
    outputs: &'a Mutex<Vec<Option<VariantOutput>>>,
}

impl Tree<'_> {
    fn set(&self, member: usize, output: VariantOutput) {
        self.outputs.lock().expect("outputs lock")[member] = Some(output);
    }

    /// `members` have the same steps before `depth`, whose output is `image`.
    fn branch(&self, members: Vec<usize>, depth: usize, image: Arc<Image>, ctx: Context) {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for m in members {
            match self.keys[m].get(depth) {
                None => self.set(m, Ok((Arc::clone(&image), ctx.clone()))),
                Some(key) => match groups.iter_mut().find(|g| self.keys[g[0]][depth] == *key) {
                    Some(group) => group.push(m),
                    None => groups.push(vec![m]),
                },
            }
        }
        let run = |group: Vec<usize>, image: Arc<Image>| {
            let first = group[0];
            let step = &self.pipelines[first].steps[depth];
            let next = self.contexts[first][depth].clone();
            // The last holder of the image lets the step work in place.
            let result = match Arc::try_unwrap(image) {
                Ok(mut owned) => step.op.op.apply_in_place(&mut owned, &ctx).map(|()| owned),
                Err(shared) => step.op.op.apply(&shared, &ctx),
            };
            match result {
                Ok(out) => self.branch(group, depth + 1, Arc::new(out), next),
                Err(e) => {
                    let message = e.at_step(step.number, step.name()).to_string();
                    for m in group {
                        self.set(m, Err(crate::Error::processing(message.clone())));
                    }
                }
            }
        };
        let run = &run;
        // Each group gets the image; the last takes this branch's own reference.
        rayon::scope(|s| {
            let mut groups = groups.into_iter().peekable();
            let mut image = Some(image);
            while let Some(group) = groups.next() {
                let mine = if groups.peek().is_some() {
                    Arc::clone(image.as_ref().expect("kept until the last"))
                } else {
                    image.take().expect("the last group")
                };
                s.spawn(move |_| run(group, mine));
            }
        });
    }
}
