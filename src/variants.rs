//! Several pipelines on one input (`pixelpipe run a.json b.json c.json -o 'out-{name}.png'`):
//! the input is decoded once, the steps the pipelines share from their start (the same
//! operation and parameters in the same place: equal chained cache keys) are computed once,
//! and where they part the branches run in parallel.

use crate::cache::{Key, Plan};
use crate::core::{Context, Result};
use crate::image::Image;
use crate::pipeline::Pipeline;
use std::sync::{Arc, Mutex};

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
