//! A streamed run with the step cache (see [`crate::cache::streamed`]): where it starts (the
//! deepest cached step of a known input, read as rows), which outputs it writes into entries
//! as they come, and, once it succeeded, which of them it keeps, by the cache's cost rule.

use super::{Plan, StreamOptions, Streamed};
use crate::cache::rows::{Cost, RowStore};
use crate::cache::{self, Cache, EntryTee, HashingSource, Key, NotStored};
use crate::core::{Context, Error, Result};
use crate::io::rows::RowSource;
use crate::memory::human;
use crate::pipeline::{step_ids, Pipeline};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The cache's part in a streamed run.
pub(super) struct Caching<'p> {
    store: RowStore<'p>,
    /// Every step of the pipeline (the keys chain through all of them).
    all: &'p [crate::pipeline::Step],
    /// Index (in `all`) of the first step the run computes.
    first: usize,
    /// `k0`, known from the input file's alias, or hashed as the rows are read.
    k0: InputKey,
    /// Why the outputs are not written into entries, when they could have been.
    unstored: Option<NotStored>,
}

/// The input's key: known from the input file's alias, or in the slot of a
/// [`HashingSource`] once every row was read.
enum InputKey {
    Known(Key),
    Hashed(Arc<Mutex<Option<Key>>>),
}

/// What the cache did in a streamed run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheReport {
    /// The number of the step whose cached output the run started from.
    pub resumed_after: Option<usize>,
    /// Whether the output was stored (`Ok(false)`: it was the cached output itself).
    pub stored: std::result::Result<bool, NotStored>,
    /// The numbers of the intermediate steps whose outputs were stored as well.
    pub intermediates: Vec<usize>,
}

impl CacheReport {
    /// One line for `--profile`.
    pub fn describe(&self) -> String {
        let resumed = match self.resumed_after {
            Some(n) => format!("resumed after step {n}, read from its cache entry; "),
            None => String::new(),
        };
        let stored = match &self.stored {
            Ok(true) => "the output was stored".to_string(),
            Ok(false) => "the output itself was cached".to_string(),
            Err(NotStored::TooLarge(bytes)) => {
                format!("the output was not stored: its entry outgrew the cache's cap ({} so far)", human(*bytes))
            }
            Err(NotStored::Failed(why)) => format!("the output was not stored: {why}"),
            Err(NotStored::NoRoom(bytes)) => format!(
                "the output was not stored: writing its entry needs about {} more than the memory budget leaves",
                human(*bytes)
            ),
        };
        let steps = |v: &[usize]| v.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
        let intermediates = match self.intermediates.len() {
            0 => String::new(),
            1 => format!(", and the output of step {}", steps(&self.intermediates)),
            _ => format!(", and the outputs of steps {}", steps(&self.intermediates)),
        };
        format!("cache: {resumed}{stored}{intermediates}")
    }
}

impl<'p> Streamed<'p> {
    /// Plans `pipeline` over `source` with `cache`. When `file` (the input's file) is known
    /// to the cache by its bytes, the run starts from the deepest step whose output the cache
    /// holds, read as rows, and the input is not decoded; otherwise `k0` is hashed as the
    /// input's rows are decoded. Every computed step's output is written into an entry band
    /// by band (their room counted in the plan: when the budget has none, the last step's
    /// only, or none); which are kept follows the cache's cost rule
    /// ([`Cache::worth_storing`]): the last always, an intermediate when recomputing it would
    /// cost more than storing it (judged first after an eighth of the output, from the times
    /// so far, then at the end). Without a cache, or when a step has a seed drawn from the OS
    /// (its result cannot be asked for again), this is [`Streamed::new`].
    pub fn with_cache(
        pipeline: &'p Pipeline,
        source: Box<dyn RowSource + 'p>,
        file: Option<&Path>,
        cache: Option<&'p Cache>,
        opts: &StreamOptions,
    ) -> Result<Streamed<'p>> {
        Streamed::with_cache_prepared(pipeline, source, file, cache, opts, None)
    }

    /// [`Streamed::with_cache`] with every step already prepared for `source`'s input, if
    /// given (by [`super::all_bands`]: a step is prepared once per run).
    pub fn with_cache_prepared(
        pipeline: &'p Pipeline,
        source: Box<dyn RowSource + 'p>,
        file: Option<&Path>,
        cache: Option<&'p Cache>,
        opts: &StreamOptions,
        prepared: Option<super::Prepared<'p>>,
    ) -> Result<Streamed<'p>> {
        let all = &pipeline.steps[..];
        let Some(cache) = cache.filter(|_| !all.iter().any(|s| s.op.params.drawn_seed)) else {
            return Streamed::new_prepared(pipeline, source, opts, prepared);
        };
        let input = source.context();
        let contexts = pipeline.shapes(&input)?;
        let mut store = RowStore::open(cache, step_ids(all).collect(), file, &input);
        let (source, first, start): (Box<dyn RowSource + 'p>, usize, Context) = match store.resume(&contexts) {
            Some((step, rows)) => (Box::new(rows), step + 1, contexts[step].clone()),
            None => (source, 0, input),
        };
        let (source, k0): (Box<dyn RowSource + 'p>, _) = match store.known_k0() {
            Some(k0) => (source, InputKey::Known(k0)),
            None => {
                let hashing = HashingSource::new(source);
                let slot = hashing.key();
                (Box::new(hashing), InputKey::Hashed(slot))
            }
        };
        let steps = &all[first..];
        let outputs = &contexts[first..];
        // Steps before `first` come from the cache.
        let prepared = match prepared {
            Some(mut prepared) => prepared.split_off(first),
            None => super::prepare(steps, &start, outputs)?,
        };
        let opts = opts.holding(&*source);
        let (plan, tee_from, unstored) =
            plan_entries(steps, &prepared, &start, outputs, &opts, store.writes_entries())?;
        let from = tee_from.unwrap_or(steps.len());
        let shape = |c: &Context| (c.width, c.height, c.channels);
        let tee =
            |(i, out): (usize, &Context)| (i >= from).then(|| store.tee(shape(out), i + 1 < steps.len())).flatten();
        let tees = outputs.iter().enumerate().map(tee).collect();
        let caching = Caching { store, all, first, k0, unstored };
        Ok(Streamed { steps, prepared, plan, memory: opts.memory.clone(), source, tees, caching: Some(caching) })
    }
}

/// The plan of `steps` over rows of context `start` with room for the cache entries of the
/// outputs from the returned step on: every step's if the budget has room for their buffers,
/// else the last one's, else none (then also why). `entries`: the cache has a folder.
fn plan_entries(
    steps: &[crate::pipeline::Step],
    prepared: &super::Prepared<'_>,
    start: &Context,
    outputs: &[Context],
    opts: &StreamOptions,
    entries: bool,
) -> Result<(Plan, Option<usize>, Option<NotStored>)> {
    let mut tries = match steps.len() {
        n if n > 0 && entries => vec![0, n - 1],
        _ => vec![],
    };
    tries.dedup();
    for &from in &tries {
        match Plan::new(steps, prepared, start, outputs, &StreamOptions { tee_from: Some(from), ..opts.clone() }) {
            Err(e) if matches!(e.root(), Error::Limit { .. }) => continue,
            plan => return Ok((plan?, Some(from), None)),
        }
    }
    let why = (!tries.is_empty()).then_some(NotStored::NoRoom(cache::streamed::TEE_BYTES));
    Ok((Plan::new(steps, prepared, start, outputs, opts)?, None, why))
}

impl Caching<'_> {
    /// The cache's cost rule over the computed outputs so far, not counted: the early
    /// judgement (see [`RowStore::judge`]).
    pub(super) fn judge(&self, costs: &[Cost]) -> Vec<bool> {
        self.store.judge(costs, false)
    }

    /// After a successful run: keeps the entries of the outputs worth it (`tees` and
    /// `costs`: per computed step), records the input's alias, and says what was done.
    pub(super) fn finish(self, tees: Vec<Option<EntryTee>>, costs: &[Cost]) -> CacheReport {
        let resumed_after = self.first.checked_sub(1).map(|i| self.all[i].number);
        let k0 = match &self.k0 {
            InputKey::Known(k0) => Some(*k0),
            InputKey::Hashed(slot) => *slot.lock().expect("key slot"),
        };
        let Some(k0) = k0 else {
            // Every row is read by a run that succeeds; this is only a guard.
            let stored = Err(NotStored::Failed("the input was not read whole".into()));
            return CacheReport { resumed_after, stored, intermediates: Vec::new() };
        };
        let kept = self.store.finish(k0, tees, costs, self.unstored);
        let intermediates = kept.intermediates.iter().map(|&i| self.all[self.first + i].number).collect();
        CacheReport { resumed_after, stored: kept.last, intermediates }
    }
}
