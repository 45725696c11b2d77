//! The progress bar of a long run.

use pixelpipe::pipeline::{OnStep, Pipeline};

/// The per-step progress bar of a long run: on a terminal only, shown once the run has
/// taken a second (a quick run prints nothing), naming the step being computed.
pub struct StepBar {
    pub bar: indicatif::ProgressBar,
    /// Each step's number (its place in the file, disabled steps counted) and operation.
    steps: Vec<(usize, &'static str)>,
}

impl StepBar {
    pub fn start(pipeline: &Pipeline) -> Option<StepBar> {
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() || pipeline.steps.is_empty() {
            return None;
        }
        let steps: Vec<(usize, &'static str)> = pipeline.steps.iter().map(|s| (s.number, s.name())).collect();
        let bar = ProgressBar::with_draw_target(Some(steps.len() as u64), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{spinner} step {pos}/{len} done, now {msg} [{elapsed}]")
            .expect("a valid template");
        bar.set_style(style);
        bar.set_message(steps[0].1);
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(1));
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        Some(StepBar { bar, steps })
    }

    pub fn on_step(&self) -> OnStep {
        let (bar, steps) = (self.bar.clone(), self.steps.clone());
        OnStep(std::sync::Arc::new(move |done, _| {
            let finished = steps.iter().position(|&(number, _)| number == done.number).map_or(0, |i| i + 1);
            bar.set_position(finished as u64);
            bar.set_message(steps.get(finished).map_or("encoding", |&(_, name)| name));
        }))
    }
}
