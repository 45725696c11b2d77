//! The async API (feature `tokio`): runs and batches compute on their own threads while the
//! runtime stays free (a timer keeps ticking on a one-thread runtime meanwhile).

use pixelpipe::batch::{self, Batch, Status};
use pixelpipe::image::synth;
use pixelpipe::{io, presets, Pipeline, RunOptions, Source};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn glitch() -> Arc<Pipeline> {
    Arc::new(Pipeline::from_file(&presets::file("glitch-effect").unwrap(), true).unwrap())
}

#[tokio::test(flavor = "current_thread")]
async fn a_run_is_awaited_without_blocking_the_runtime() {
    let input = synth::visual(2000, 1500, 3);
    let expected = glitch().run(input.clone(), &RunOptions::default()).unwrap();
    let ticks = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&ticks);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(1)).await;
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    let started = std::time::Instant::now();
    let out = glitch().run_async(Source::Decoded(input), RunOptions::default()).await.unwrap();
    let (elapsed, during) = (started.elapsed(), ticks.load(Ordering::Relaxed));
    assert!(*out.image == *expected.image);
    // The runtime's only thread kept ticking while the run computed elsewhere (a run on
    // that thread would have left the count at 0).
    assert!(during >= 3, "{during} ticks in {elapsed:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_batch_streams_its_results_to_the_async_caller() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..4 {
        io::save(&synth::noise(30, 20 + i, 3, i as u64), &dir.path().join(format!("{i}.png")), None).unwrap();
    }
    let inputs = batch::collect_inputs(&[dir.path().display().to_string()], false, None).unwrap();
    let tasks = batch::plan(inputs, &dir.path().join("out"), None).unwrap();
    let (send, mut receive) = tokio::sync::mpsc::unbounded_channel();
    let summary = Batch::new(glitch()).jobs(2).run_async(tasks.clone(), Some(send)).await.unwrap();
    assert_eq!((summary.done, summary.failed), (4, 0));
    let mut seen = Vec::new();
    while let Some(r) = receive.recv().await {
        assert_eq!(r.status, Status::Done);
        seen.push(r.input);
    }
    seen.sort();
    let mut expected: Vec<_> = tasks.iter().map(|t| t.input.clone()).collect();
    expected.sort();
    assert_eq!(seen, expected);
}
