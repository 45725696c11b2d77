//! Every preset end to end on a 1-megapixel PNG (decode, steps, PNG encode in memory),
//! without a cache and as a re-run through a warm disk cache (a new handle on a filled
//! folder, as a second `pixelpipe run` would be), next to a memcpy of the decoded bytes.
//!
//! `cargo bench --bench pipeline_benchmarks` (about two minutes).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pixelpipe::cache::{Cache, Settings};
use pixelpipe::image::synth;
use pixelpipe::{io, presets, Pipeline, RunOptions, Source};
use std::hint::black_box;
use std::time::Duration;

const SIZE: (u32, u32) = (1155, 866);

/// Decode, run, encode: what `pixelpipe run` does between reading and writing the file.
fn end_to_end(pipeline: &Pipeline, png: &[u8], cache: Option<Cache>) {
    let source = Source::Encoded { bytes: png.to_vec(), origin: "bench.png".into() };
    let out = pipeline.run_source(source, &RunOptions { cache: cache.clone(), ..RunOptions::default() }).unwrap();
    black_box(io::encode_to_vec(&out.image, io::OutputFormat::Png).unwrap());
    if let Some(c) = cache {
        c.close();
    }
}

fn presets_end_to_end(c: &mut Criterion) {
    let image = synth::visual(SIZE.0, SIZE.1, 3);
    let png = io::encode_to_vec(&image, io::OutputFormat::Png).unwrap();
    let mut g = c.benchmark_group("pipeline_1mp");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Bytes(image.as_bytes().len() as u64));
    g.bench_function("memcpy", |b| {
        let mut dst = vec![0u8; image.as_bytes().len()];
        b.iter(|| dst.copy_from_slice(image.as_bytes()))
    });
    for name in presets::names() {
        let pipeline = Pipeline::from_file(&presets::file(name).unwrap(), true).unwrap();
        g.bench_function(BenchmarkId::new("no_cache", name), |b| b.iter(|| end_to_end(&pipeline, &png, None)));
        let dir = tempfile::tempdir().unwrap();
        let open = || Cache::open(Settings { dir: Some(dir.path().to_path_buf()), ..Settings::default() });
        end_to_end(&pipeline, &png, Some(open()));
        g.bench_function(BenchmarkId::new("warm_cache", name), |b| {
            b.iter(|| end_to_end(&pipeline, &png, Some(open())))
        });
    }
    g.finish();
}

criterion_group!(benches, presets_end_to_end);
criterion_main!(benches);
