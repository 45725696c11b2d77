//! Every registered operation on 1- and 10-megapixel synthetic RGB images (criterion).
//! `cargo bench --bench operation_benchmarks`; the `pixelpipe bench` command measures the same
//! at any size with a memcpy baseline.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pixelpipe::image::synth;
use pixelpipe::{ops, Context};
use std::time::Duration;

/// 1 and 10 megapixels (RGB), each with a memcpy of the same bytes as the yardstick.
const SIZES: [(u32, u32, &str); 2] = [(1000, 1000, "1mp"), (3872, 2592, "10mp")];

fn operations(c: &mut Criterion) {
    for (w, h, label) in SIZES {
        let img = synth::visual(w, h, 3);
        let ctx = Context::new(w, h, 3);
        let mut group = c.benchmark_group(format!("operation_{label}"));
        group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
        group.throughput(Throughput::Bytes(img.as_bytes().len() as u64));
        group.bench_function("memcpy", |b| {
            let mut dst = vec![0u8; img.as_bytes().len()];
            b.iter(|| dst.copy_from_slice(img.as_bytes()))
        });
        for spec in ops::all() {
            let op = ops::configure(spec.name, &spec.example_params(), false).unwrap();
            op.op.validate(&ctx).unwrap();
            group.bench_function(spec.name, |b| b.iter(|| op.op.apply(&img, &ctx).unwrap()));
        }
        group.finish();
    }
}

criterion_group!(benches, operations);
criterion_main!(benches);
