//! Step cache costs: key hashing, memory-hit and disk-hit latency at 1, 10 and 50
//! megapixels, entry decompression, and the cold-run overhead of having the cache on.
//!
//! `cargo bench --bench cache_benchmarks` (a few minutes; sample counts are kept small).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pixelpipe::cache::{entry, key, Cache, Key, Plan, Settings};
use pixelpipe::image::synth;
use pixelpipe::{Context, Image, Pipeline, PipelineFile, RunOptions};
use std::hint::black_box;
use std::io::Cursor;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Megapixel sizes (4:3, RGBA).
const SIZES: [(u32, u32, &str); 3] = [(1155, 866, "1MP"), (3651, 2739, "10MP"), (8165, 6124, "50MP")];

fn quick<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    g
}

/// A realistic (partly compressible) test image.
fn image(w: u32, h: u32) -> Image {
    synth::visual(w, h, 4)
}

/// A one-step plan whose only key is the image's entry.
fn one_step(img: &Image) -> (Plan, Vec<Context>) {
    let op = pixelpipe::ops::configure("ChannelSwap", &Default::default(), false).unwrap();
    let ctx = Context::new(img.width(), img.height(), img.channels());
    (Plan::new(img, [&op]), vec![ctx])
}

fn bench_keys(c: &mut Criterion) {
    let mut g = quick(c, "cache/key");
    for (w, h, label) in SIZES {
        let img = image(w, h);
        g.throughput(Throughput::Bytes(img.as_bytes().len() as u64));
        g.bench_function(BenchmarkId::new("input_k0", label), |b| b.iter(|| key::input_key(black_box(&img))));
    }
    let op = pixelpipe::ops::configure("ChannelIsolate", &Default::default(), false).unwrap();
    g.throughput(Throughput::Elements(1));
    g.bench_function("step_kn", |b| b.iter(|| key::step_key(black_box(&Key([3; 32])), op.spec, &op.params)));
    g.finish();
}

fn bench_hits(c: &mut Criterion) {
    let mut g = quick(c, "cache/hit");
    for (w, h, label) in SIZES {
        let img = Arc::new(image(w, h));
        let (plan, ctxs) = one_step(&img);
        g.throughput(Throughput::Bytes(img.as_bytes().len() as u64));

        let memory = Cache::open(Settings { memory_size: u64::MAX, ..Settings::default() });
        memory.store(&plan, 0, &img, Duration::from_millis(1));
        g.bench_function(BenchmarkId::new("memory", label), |b| b.iter(|| memory.resume(&plan, &ctxs).unwrap()));

        let dir = tempfile::tempdir().unwrap();
        let disk = Cache::open(Settings {
            dir: Some(dir.path().to_path_buf()),
            memory_size: 0,
            max_size: u64::MAX,
            ..Settings::default()
        });
        disk.store(&plan, 0, &img, Duration::from_millis(1));
        disk.flush();
        g.bench_function(BenchmarkId::new("disk", label), |b| {
            b.iter(|| {
                let r = disk.resume(&plan, &ctxs).unwrap();
                assert!(r.from_disk);
                r
            })
        });
        let on_disk =
            std::fs::metadata(pixelpipe::cache::DiskStore::new(dir.path().into(), true).path(&plan.keys()[0]))
                .unwrap()
                .len();
        eprintln!(
            "{label}: entry is {on_disk} bytes for {} raw ({:.1}%)",
            img.as_bytes().len(),
            on_disk as f64 / img.as_bytes().len() as f64 * 100.0
        );
    }
    g.finish();
}

fn bench_decompress(c: &mut Criterion) {
    let mut g = quick(c, "cache/decompress");
    for (w, h, label) in SIZES {
        let img = image(w, h);
        g.throughput(Throughput::Bytes(img.as_bytes().len() as u64));
        let mut cur = Cursor::new(Vec::new());
        entry::write(&mut cur, &Key([1; 32]), &img, Duration::ZERO, true).unwrap();
        let bytes = cur.into_inner();
        // The whole entry decoded from memory: checksums and chunks on all cores.
        g.bench_function(BenchmarkId::new("entry_from_memory", label), |b| {
            b.iter(|| {
                let h = entry::read_header(&bytes[..], bytes.len() as u64).unwrap();
                entry::read_body(&bytes[..], &h).unwrap()
            })
        });
        // Reference: plain single-threaded lz4 of the same pixels as one block, into a new
        // buffer (as a decompressed image is).
        let block = lz4_flex::block::compress(img.as_bytes());
        g.bench_function(BenchmarkId::new("lz4_one_block", label), |b| {
            b.iter(|| {
                let mut out = vec![0u8; img.as_bytes().len()];
                lz4_flex::block::decompress_into(black_box(&block), &mut out).unwrap();
                out
            })
        });
    }
    g.finish();
}

/// A 3-step pipeline on 10 MP with the cache off, and on with every lookup missing (a new
/// folder per run): `run` is what the pipeline pays, `run+flush` adds waiting for the
/// background writer (which the CLI overlaps with encoding the output).
fn bench_cold_run(c: &mut Criterion) {
    let mut g = quick(c, "cache/cold_run_10MP");
    let text = r#"{"operations": [
        {"type": "AlphaGenerator", "params": {"source": "luminance", "threshold": 0}},
        {"type": "ChannelSwap", "params": {"mapping": {"r": "g", "g": "r"}}},
        {"type": "ChannelIsolate", "params": {"keep_red": true, "keep_green": true, "keep_alpha": true}}]}"#;
    let p = Pipeline::from_file(&PipelineFile::parse(text, "bench").unwrap(), false).unwrap();
    let img = synth::visual(3651, 2739, 3);
    g.bench_function("cache_off", |b| b.iter(|| p.run(img.clone(), &RunOptions::default()).unwrap()));
    for flush in [false, true] {
        let name = if flush { "cache_on_run+flush" } else { "cache_on_run" };
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let dir = tempfile::tempdir().unwrap();
                    let cache = Cache::open(Settings { dir: Some(dir.path().to_path_buf()), ..Settings::default() });
                    let input = img.clone();
                    let t = Instant::now();
                    let out =
                        p.run(input, &RunOptions { cache: Some(cache.clone()), ..RunOptions::default() }).unwrap();
                    if flush {
                        cache.flush();
                    }
                    total += t.elapsed();
                    drop(out);
                    cache.close();
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_keys, bench_hits, bench_decompress, bench_cold_run);
criterion_main!(benches);
