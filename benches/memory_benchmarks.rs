//! Peak heap bytes (exact, from the counting allocator) of every operation (what it adds to
//! its input) and every preset (a run, its input included) at 1 and 4 megapixels, against
//! the input's bytes, and the linear-scaling check: peak heap
//! must grow as size^slope with the slope within [`LINEAR`] of 1, or the bench exits 1
//! naming each case that is not linear.
//!
//! `cargo bench --bench memory_benchmarks` (about a minute).

use pixelpipe::image::synth;
use pixelpipe::profile::{self, alloc};
use pixelpipe::{ops, presets, Pipeline};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

/// Megapixels measured (4:3 RGB).
const SIZES: [f64; 2] = [1.0, 4.0];
/// How far from 1 a slope may be.
const LINEAR: f64 = 0.15;

fn size(mp: f64) -> (u32, u32) {
    let w = (mp * 1e6 * 4.0 / 3.0).sqrt().round() as u32;
    (w, (mp * 1e6 / w as f64).round() as u32)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1048576.0
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench` asks every bench target for its list
    }
    let images: Vec<_> = SIZES.iter().map(|&mp| size(mp)).map(|(w, h)| synth::visual(w, h, 3)).collect();
    let input_mb: Vec<f64> = images.iter().map(|i| mb(i.as_bytes().len() as u64)).collect();
    let mut not_linear = Vec::new();
    println!(
        "peak heap (MB): operations, added to their input; presets, their run with its input ({:.1} and {:.1} MB)",
        input_mb[0], input_mb[1]
    );
    println!("{:<28} {:>10} {:>10} {:>10} {:>8}", "case", "1 MP", "4 MP", "× input", "slope");
    let mut report = |case: String, peaks: Vec<u64>| {
        let points: Vec<(f64, f64)> = SIZES.iter().zip(&peaks).map(|(&mp, &p)| (mp, p as f64)).collect();
        let slope = profile::slope(&points);
        let ratio = mb(peaks[1]) / input_mb[1];
        let shown = slope.map(|s| format!("{s:.2}")).unwrap_or_else(|| "-".into());
        println!("{case:<28} {:>10.1} {:>10.1} {ratio:>10.2} {shown:>8}", mb(peaks[0]), mb(peaks[1]));
        if slope.is_none_or(|s| (s - 1.0).abs() > LINEAR) {
            not_linear.push(format!("{case} (slope {shown})"));
        }
    };
    for spec in ops::all() {
        let op = ops::configure(spec.name, &spec.example_params(), false).expect("its example builds");
        let r = profile::profile_operation(&op, &images, 1).expect("its example runs");
        report(format!("op/{}", spec.name), r.runs.iter().map(|r| r.heap_peak.expect("counted")).collect());
    }
    for name in presets::names() {
        let pipeline = Pipeline::from_file(&presets::file(name).unwrap(), true).unwrap();
        let sc = profile::scalability_test(&pipeline, &images[1], &SIZES, 1).expect("the preset runs");
        report(format!("preset/{name}"), sc.points.iter().map(|p| p.heap_peak.expect("counted")).collect());
    }
    if !not_linear.is_empty() {
        eprintln!("peak heap does not grow linearly with the image: {}", not_linear.join(", "));
        std::process::exit(1);
    }
    println!("every case scales linearly (slope within {LINEAR} of 1)");
}
