//! Pipelines: the original's file format ([`file`]), validation of every step before any pixel
//! work, and the whole-image executor ([`run`]). How a run is carried out (whole or streamed)
//! is decided by [`crate::job`].

mod cancel;
mod file;
mod run;

pub use cancel::Cancel;
use file::STEP_KEYS;
pub use file::{PipelineFile, StepFile};
pub use run::{OnStep, RunOptions, RunOutput, Source, StepCallback, StepTiming};

use crate::cache;
use crate::core::{Context, Error, Result};
use crate::io::Limits;
use crate::ops::{self, Configured};
use std::path::Path;
use std::sync::atomic::AtomicUsize;

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
    /// [`crate::core::Prepared`]); an error names the step. A streamed run prepares each
    /// step once, for its plan and its bands alike.
    pub fn prepare(&self, ctx: &Context) -> Result<crate::core::Prepared<'_>> {
        self.prepared.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        crate::core::Prepared::new(&*self.op.op, ctx).map_err(|e| e.at_step(self.number, self.name()))
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
        self.validate_within(input, self.limits.max_bytes)
    }

    /// [`Pipeline::validate`] against the memory budget `budget` (a job's own).
    pub fn validate_within(&self, input: &Context, budget: Option<u64>) -> Result<Vec<Context>> {
        let contexts = self.shapes(input)?;
        let Some(budget) = budget else { return Ok(contexts) };
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
