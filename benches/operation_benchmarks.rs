//! Every registered operation on a 1-megapixel synthetic RGB image (criterion).
//! `cargo bench --bench operation_benchmarks`; the `pixelpipe bench` command measures the same
//! at any size with a memcpy baseline.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pixelpipe::image::synth;
use pixelpipe::{ops, Context};

fn operations(c: &mut Criterion) {
    let (w, h) = (1000, 1000);
    let img = synth::visual(w, h, 3);
    let ctx = Context::new(w, h, 3);
    let mut group = c.benchmark_group("operation_1mp");
    group.sample_size(10);
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

criterion_group!(benches, operations);
criterion_main!(benches);
