//! One streamed run's view of the cache: the sibling of [`StepStore`](super::StepStore) for
//! runs in bands (see `src/stream/cached.rs`). It knows the run's steps and its input file,
//! says where the run can resume (the deepest step on disk, as rows), gives the entries the
//! computed outputs are written into as they come, and, once the run succeeded, keeps those
//! worth it by the cache's cost rule and records the input file's alias.

use super::alias::FileStamp;
use super::{Alias, Cache, Candidate, EntryRows, EntryTee, Key, NotStored, Plan, StepId};
use crate::core::Context;
use std::path::Path;
use std::time::Duration;

/// A computed step's output as the cache weighs it: its size and the time the step took
/// (or, during the run, is expected to take).
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    pub bytes: u64,
    pub time: Duration,
}

/// What [`RowStore::finish`] kept.
#[derive(Debug)]
pub struct Kept {
    /// Whether the last output was kept (`Ok(false)`: the run computed nothing).
    pub last: Result<bool, NotStored>,
    /// The indices (among the computed steps) of the intermediate outputs kept as well.
    pub intermediates: Vec<usize>,
}

/// See the module's summary.
#[derive(Debug)]
pub struct RowStore<'a> {
    cache: Cache,
    steps: Vec<StepId<'a>>,
    input: Context,
    /// The input file's alias, when the cache knows it with this shape.
    known: Option<Alias>,
    /// The input file and its stamp, to record its alias once `k0` is known.
    file: Option<(std::path::PathBuf, FileStamp)>,
    /// The step the run resumes after (0-based) and that output's compute time.
    resumed: Option<(usize, Duration)>,
}

impl<'a> RowStore<'a> {
    /// The store of a run through `steps` on an input of shape `input`, read from `file`
    /// when it is one (looked up by its bytes, a piece at a time).
    pub fn open(cache: &Cache, steps: Vec<StepId<'a>>, file: Option<&Path>, input: &Context) -> RowStore<'a> {
        let shape = (input.width, input.height, input.channels);
        let known = file.and_then(|f| cache.alias_file(f)).filter(|a| (a.width, a.height, a.channels) == shape);
        let file = file.and_then(|f| Some((f.to_path_buf(), FileStamp::of(f).ok()?)));
        RowStore { cache: cache.clone(), steps, input: input.clone(), known, file, resumed: None }
    }

    /// The input's key, when its file is known to the cache (else the run hashes its rows).
    pub fn known_k0(&self) -> Option<Key> {
        self.known.map(|a| a.k0)
    }

    /// The deepest step whose output the disk tier holds for a known input, verified, as
    /// rows to read (the memory tier is not looked at: a streamed run holds no whole image):
    /// the step (0-based) and its rows. The input is then not decoded.
    pub fn resume(&mut self, expected: &[Context]) -> Option<(usize, EntryRows)> {
        let plan = Plan::from_k0(self.known_k0()?, self.steps.iter().copied());
        let (step, rows, compute) = self.cache.resume_rows(&plan, expected)?;
        self.cache.note_decode_skipped();
        self.resumed = Some((step, compute));
        Some((step, rows))
    }

    /// Whether the cache has a disk tier (entries can be written as the run goes).
    pub fn writes_entries(&self) -> bool {
        self.cache.dir().is_some()
    }

    /// An entry to write an output of shape `shape` into band by band; `intermediate`: not
    /// the last step's (see [`Cache::tee`]).
    pub fn tee(&self, shape: (u32, u32, u8), intermediate: bool) -> Option<EntryTee> {
        self.cache.tee(shape, intermediate)
    }

    /// Which computed outputs (`costs`, in step order) are worth keeping by the cache's cost
    /// rule along the run: an output not kept is recomputed from the last kept point, or the
    /// start. `count`: record the skipped ones in the statistics (the final judgement, not
    /// an early one).
    pub fn judge(&self, costs: &[Cost], count: bool) -> Vec<bool> {
        let mut since = Duration::ZERO;
        let n = costs.len();
        costs
            .iter()
            .enumerate()
            .map(|(i, c)| {
                since += c.time;
                let output = Candidate { bytes: c.bytes as usize, since, last: i + 1 == n, next_in_place: false };
                let keep = if count { self.cache.worth_storing(&output) } else { self.cache.worth(&output) };
                if keep {
                    since = Duration::ZERO;
                }
                keep
            })
            .collect()
    }

    /// After a successful run whose input key is `k0`: keeps the entries (`tees`, one per
    /// step computed, the last `tees.len()` of the run's) worth it given their `costs`, and
    /// records the input file's alias. `unstored`: why no entry was written, if so.
    pub fn finish(self, k0: Key, tees: Vec<Option<EntryTee>>, costs: &[Cost], unstored: Option<NotStored>) -> Kept {
        let plan = Plan::from_k0(k0, self.steps.iter().copied());
        let first = self.steps.len() - tees.len();
        let worth = self.judge(costs, true);
        let last = costs.len().checked_sub(1);
        let mut compute = self.resumed.map(|r| r.1).unwrap_or_default();
        let mut kept = Kept {
            last: match (last, unstored) {
                (None, _) => Ok(false),
                (Some(_), Some(why)) => Err(why),
                (Some(_), None) => Err(NotStored::Failed("no entry was written".into())),
            },
            intermediates: Vec::new(),
        };
        for (i, tee) in tees.into_iter().enumerate() {
            compute += costs[i].time;
            let Some(tee) = tee.filter(|_| worth[i]) else { continue };
            let done = self.cache.keep(tee, &plan, first + i, compute);
            if Some(i) == last {
                kept.last = done.map(|()| true);
            } else if done.is_ok() {
                kept.intermediates.push(i);
            }
        }
        if let (Some((path, stamp)), None) = (self.file, self.known) {
            let input = &self.input;
            let alias = Alias { k0, width: input.width, height: input.height, channels: input.channels };
            self.cache.record_alias_file(path, stamp, alias);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intermediates_are_kept_when_recomputing_them_costs_more_than_storing_them() {
        let cache = Cache::open(super::super::Settings::default());
        let store = RowStore::open(&cache, Vec::new(), None, &Context::new(1, 1, 3));
        let ms = Duration::from_millis;
        // 40 MiB takes about 39 ms to store and read back.
        let run = |times: [u64; 4]| {
            let costs: Vec<Cost> = times.iter().map(|&t| Cost { bytes: 40 << 20, time: ms(t) }).collect();
            store.judge(&costs, false)
        };
        assert_eq!(run([100, 5, 5, 1]), [true, false, false, true], "the last always");
        assert_eq!(run([100, 5, 40, 1]), [true, false, true, true], "45 ms since the last kept point");
        assert_eq!(run([1, 1, 1, 1]), [false, false, false, true]);
        let small = [Cost { bytes: 1 << 20, time: ms(0) }; 2];
        assert_eq!(store.judge(&small, true), [true, true], "small outputs cost nothing to keep");
        assert_eq!(cache.stats().stores_skipped, 0, "only the final judgement counts");
        store.judge(&[Cost { bytes: 40 << 20, time: ms(1) }; 2], true);
        assert_eq!(cache.stats().stores_skipped, 1);
    }
}
