//! JPEG decoding of a 12-megapixel 4:2:0 image (4000x3000, quality 75, as Pillow saves it):
//! pixelpipe's libjpeg-turbo decoder against the `image` crate's decoder used before, in one
//! run. `cargo bench --bench jpeg_benchmarks`; build with `nasm` installed for libjpeg-turbo's
//! SIMD code (the same pixels either way).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pixelpipe::image::synth;
use pixelpipe::io::{self, Limits, OutputFormat};

fn decode(c: &mut Criterion) {
    let (w, h) = (4000, 3000);
    // A smooth synthetic scene with sensor-like noise on top, so the entropy-coded data is
    // closer to a photograph's than a clean synthetic image's.
    let mut img = synth::visual(w, h, 3);
    let noise = synth::noise(w, h, 3, 7);
    for (p, n) in img.as_bytes_mut().iter_mut().zip(noise.as_bytes()) {
        *p = p.saturating_add(n / 16);
    }
    let bytes = io::encode_to_vec(&img, OutputFormat::Jpeg { quality: 75 }).unwrap();
    println!("12 MP 4:2:0 JPEG: {} bytes", bytes.len());
    let mut group = c.benchmark_group("jpeg_decode_12mp");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(w as u64 * h as u64 * 3));
    group.bench_function("libjpeg-turbo (pixelpipe)", |b| {
        b.iter(|| io::decode_with(&bytes, "bench", &Limits::NONE).unwrap())
    });
    group.bench_function("image crate (before)", |b| {
        b.iter(|| image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap())
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
