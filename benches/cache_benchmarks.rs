//! Step cache costs: key hashing, memory-hit and disk-hit latency at 1, 10 and 50
//! megapixels, entry decompression, and the cold-run overhead of having the cache on.
//!
//! `cargo bench --bench cache_benchmarks` (a few minutes; sample counts are kept small).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pixelpipe::cache::{entry, key, Cache, DiskStore, Key, Plan, Settings, StepId, StepStore};
use pixelpipe::image::synth;
use pixelpipe::{Context, Image, Pipeline, RunOptions, Source};
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

/// The one step of [`one_step`]'s plans.
static SWAP: std::sync::LazyLock<pixelpipe::ops::Configured> =
    std::sync::LazyLock::new(|| pixelpipe::ops::configure("ChannelSwap", &Default::default(), false).unwrap());

/// A one-step plan whose only key is the image's entry, and that step.
fn one_step(img: &Image) -> (Plan, Vec<Context>, StepId<'static>) {
    let ctx = Context::new(img.width(), img.height(), img.channels());
    let step = (SWAP.spec, &SWAP.params);
    (Plan::new(img, [step]), vec![ctx], step)
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
        let (plan, ctxs, step) = one_step(&img);
        g.throughput(Throughput::Bytes(img.as_bytes().len() as u64));

        let memory = Cache::open(Settings { memory_size: u64::MAX, ..Settings::default() });
        let mut store = StepStore::new(&memory, plan.k0(), [step], Duration::ZERO);
        assert!(store.offer(0, &img, Duration::from_millis(1), false));
        g.bench_function(BenchmarkId::new("memory", label), |b| b.iter(|| store.resume(&ctxs).unwrap()));

        // Entries written here, not by the cache's writer: a run that waits for its writer
        // (as `flush` does) has it store what is left raw, so the entry would not be compressed.
        for (kind, compress) in [("disk", true), ("disk_raw", false)] {
            let dir = tempfile::tempdir().unwrap();
            let store = DiskStore::new(dir.path().to_path_buf(), compress);
            let len = store.save(&plan.keys()[0], &img, Duration::from_millis(1)).unwrap().unwrap();
            let share = len as f64 / img.as_bytes().len() as f64 * 100.0;
            eprintln!("{label} {kind}: entry is {share:.1}% of the raw pixels");
            let disk = Cache::open(Settings {
                dir: Some(dir.path().to_path_buf()),
                memory_size: 0,
                max_size: u64::MAX,
                compression: compress,
                ..Settings::default()
            });
            let mut store = StepStore::new(&disk, plan.k0(), [step], Duration::ZERO);
            g.bench_function(BenchmarkId::new(kind, label), |b| {
                b.iter(|| {
                    let r = store.resume(&ctxs).unwrap();
                    assert!(r.from_disk);
                    r
                })
            });
        }
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

/// Issue 4 (a): what `pixelpipe run glitch-effect -i in.png -o out.png` costs on a 10 MP
/// PNG with the cache off, and on with a new folder per run (every lookup misses, the
/// input is new). Both decode the PNG, run the three steps and write the output PNG; the
/// cache run also hashes, stores and waits for its writer, as the CLI does before exiting.
fn bench_cold_run(c: &mut Criterion) {
    let mut g = quick(c, "cache/cold_run_glitch_10MP");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    let p = Pipeline::from_file(&pixelpipe::presets::file("glitch-effect").unwrap(), false).unwrap();
    let png = pixelpipe::io::encode_to_vec(&synth::visual(3651, 2739, 3), pixelpipe::io::OutputFormat::Png).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out_path = out_dir.path().join("out.png");
    let run = |cache: Option<Cache>| {
        let source = Source::Encoded { bytes: png.clone(), origin: "in.png".into() };
        let out = p.run_source(source, &RunOptions { cache: cache.clone(), ..RunOptions::default() }).unwrap();
        pixelpipe::io::save(&out.image, &out_path, None).unwrap();
        cache.map(Cache::close);
    };
    g.bench_function("cache_off", |b| b.iter(|| run(None)));
    g.bench_function("cache_on", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().unwrap();
                let t = Instant::now();
                run(Some(Cache::open(Settings { dir: Some(dir.path().to_path_buf()), ..Settings::default() })));
                total += t.elapsed();
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, bench_keys, bench_hits, bench_decompress, bench_cold_run);
criterion_main!(benches);
