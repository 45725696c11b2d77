//! The profiler on real runs: per-phase memory from the counting allocator (installed here as
//! in the binary), the report's figures and insights, its JSON, and its HTML charts rendered
//! (resvg) and checked for drawn marks.

use pixelpipe::image::synth;
use pixelpipe::profile::{self, alloc, ReportOptions};
use pixelpipe::{io, ops, presets, Pipeline};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

/// The counters are the process's: one test measures at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn glitch() -> Pipeline {
    Pipeline::from_file(&presets::file("glitch-effect").unwrap(), true).unwrap()
}

#[test]
fn the_counting_allocator_sees_a_buffer_come_and_go() {
    let _one = serial();
    let window = alloc::Window::open().expect("installed in this test binary");
    let live = alloc::live().unwrap();
    let buffer = vec![7u8; 8 << 20];
    // The test harness's own threads may free a few bytes meanwhile.
    let slack = 64 << 10;
    assert!(alloc::live().unwrap() + slack >= live + (8 << 20), "{live} {:?}", alloc::live());
    drop(std::hint::black_box(buffer));
    assert!(window.peak() + slack >= window.start + (8 << 20), "{} {}", window.peak(), window.start);
    assert!(alloc::peak().unwrap() >= window.peak());
}

#[test]
fn an_operation_profile_counts_its_output_and_times_it_against_a_memcpy() {
    let _one = serial();
    let op = ops::configure("AspectPad", &ops::find("AspectPad").unwrap().example_params(), true).unwrap();
    let images = [synth::visual(300, 200, 3), synth::visual(600, 400, 3)];
    let r = profile::profile_operation(&op, &images, 3).unwrap();
    assert_eq!(r.runs.len(), 2);
    for (run, img) in r.runs.iter().zip(&images) {
        assert_eq!((run.width, run.height), (img.width(), img.height()));
        let out_bytes = run.bytes - img.as_bytes().len() as u64;
        assert!(out_bytes > img.as_bytes().len() as u64, "AspectPad's example pads: {out_bytes}");
        assert!(run.heap_peak.unwrap() >= out_bytes, "{:?} < {out_bytes}", run.heap_peak);
        assert!(run.time_ms.min <= run.time_ms.median && run.time_ms.median <= run.time_ms.p95);
        assert!(run.vs_memcpy > 0.0 && run.megapixels_per_s > 0.0);
    }
}

#[test]
fn a_report_measures_every_phase_and_draws_its_charts() {
    let _one = serial();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.png");
    io::save(&synth::visual(320, 240, 3), &input, None).unwrap();
    let pipeline = glitch();
    let opts = ReportOptions {
        iterations: 2,
        sizes: vec![0.02, 0.08, 0.3],
        format: io::OutputFormat::Png,
        scratch: Some(dir.path().to_path_buf()),
    };
    let r = profile::generate_report(&pipeline, &input, &opts).unwrap();

    // Memory: decode, each step, encode; the decoded image is live while each step runs.
    let m = &r.memory;
    assert_eq!(m.phases.len(), pipeline.steps.len() + 2);
    assert_eq!(m.image_bytes, 320 * 240 * 3);
    for p in &m.phases {
        assert!(p.heap_peak.unwrap() >= m.image_bytes, "{p:?}");
        assert!(p.heap_average.unwrap() <= p.heap_peak.unwrap(), "{p:?}");
    }
    assert!(m.heap_peak.unwrap() >= m.phases.iter().filter_map(|p| p.heap_peak).max().unwrap());
    assert!(!m.timeline.is_empty() && m.rss_peak.is_some());

    // Timings and cache: every step timed; the warm run computes nothing.
    let b = &r.benchmark;
    assert_eq!(b.input, (320, 240, 3));
    assert_eq!(b.steps.len(), pipeline.steps.len());
    assert!(b.steps.iter().all(|s| s.time_ms.median > 0.0 && s.memcpy_ms > 0.0));
    assert_eq!(r.cache.warm_steps_computed, 0);
    assert_eq!(r.cache.warm.hits, 1);
    assert_eq!(r.cache.cold.misses as usize, pipeline.steps.len());

    // Scaling: three sizes, slopes fitted.
    let sc = r.scalability.as_ref().unwrap();
    assert_eq!(sc.points.len(), 3);
    assert!((sc.points[2].megapixels - 0.3).abs() < 0.01);
    assert!(sc.time_slope.is_some() && sc.memory_slope.is_some());

    // Insights: the dominant step, memory, cache, codecs and scaling, each with a figure.
    let text = r.text();
    assert!(r.insights.len() >= 5, "{:?}", r.insights);
    for insight in &r.insights {
        assert!(insight.chars().any(|c| c.is_ascii_digit()), "no figure in: {insight}");
        assert!(text.contains(insight.as_str()));
    }
    for about in ["step 1 ", "peak heap", "cache: a re-run", "decode and encode", "time grows as size^"] {
        assert!(r.insights.iter().any(|i| i.starts_with(about)), "no insight on {about}: {:?}", r.insights);
    }

    // JSON carries the figures.
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(json["benchmark"]["steps"].as_array().unwrap().len(), pipeline.steps.len());
    assert!(json["memory"]["timeline"].as_array().unwrap().len() == m.timeline.len());
    assert!(json["scalability"]["time_slope"].is_f64());

    // HTML: four charts, each rendered with coloured marks (bars, lines, points).
    let html = r.html();
    let charts: Vec<&str> = html.split("<svg").skip(1).map(|s| &s[..s.find("</svg>").unwrap()]).collect();
    assert_eq!(charts.len(), 4, "{html}");
    for (i, chart) in charts.iter().enumerate() {
        let svg = format!("<svg{chart}</svg>");
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        let coloured = pixmap
            .pixels()
            .iter()
            .filter(|p| {
                let (r, g, b) = (p.red() as i32, p.green() as i32, p.blue() as i32);
                r.max(g).max(b) - r.min(g).min(b) > 60
            })
            .count();
        assert!(coloured > 200, "chart {i} draws almost nothing coloured ({coloured} pixels)");
    }
    assert!(!html.contains("no chart"), "{html}");
}

/// Profiling times each step on the whole image: an input whose whole run does not fit the
/// memory budget is refused before any run, naming both.
#[test]
fn a_profile_beyond_the_budget_is_refused_before_any_run() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.png");
    pixelpipe::io::save(&pixelpipe::image::synth::visual(400, 300, 3), &input, None).unwrap();
    let mut pipeline = glitch();
    pipeline.limits.max_bytes = Some(1_000_000);
    let opts = profile::ReportOptions {
        iterations: 1,
        sizes: vec![],
        format: pixelpipe::io::OutputFormat::Png,
        scratch: Some(dir.path().to_path_buf()),
    };
    let e = profile::generate_report(&pipeline, &input, &opts).expect_err("refused");
    assert!(e.to_string().contains("profiling times each step on the whole 400x300 image"), "{e}");
}
