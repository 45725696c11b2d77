//! Times a Lanczos-3 resize of a synthetic RGB image (`synth visual`, 10 MP by default) to a
//! new width (16:9, what AspectStretch's example does), by pixelpipe (Pillow's fixed-point
//! arithmetic, byte-exact) and by fast_image_resize (its own fixed-point SIMD kernels), each
//! on one thread and on the machine's threads (pixelpipe splits rows over rayon; fir's
//! `rayon` feature is off, so it stays on one). Prints medians of 9 runs and how far apart
//! the two outputs are.

use fast_image_resize::images::Image as FirImage;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use pixelpipe::image::resample::{resize, Filter};
use pixelpipe::image::synth;
use std::time::{Duration, Instant};

fn median(mut f: impl FnMut() -> Duration) -> f64 {
    let mut t: Vec<Duration> = (0..9).map(|_| f()).collect();
    t.sort();
    t[t.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (w, h) = args
        .first()
        .and_then(|s| s.split_once('x'))
        .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
        .unwrap_or((3651u32, 2739u32));
    let ow: u32 = args.get(1).map(|s| s.parse().unwrap()).unwrap_or((h as f64 * 1.7778) as u32);
    let img = synth::visual(w, h, 3);
    let threads = rayon::current_num_threads();
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let time_pp = || {
        let t = Instant::now();
        std::hint::black_box(resize(&img, ow, h, Filter::Lanczos));
        t.elapsed()
    };
    let ours_1 = one.install(|| median(time_pp));
    let ours_n = median(time_pp);
    let src = FirImage::from_vec_u8(w, h, img.as_bytes().to_vec(), PixelType::U8x3).unwrap();
    let mut dst = FirImage::new(ow, h, PixelType::U8x3);
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let fir = median(|| {
        let t = Instant::now();
        resizer.resize(&src, &mut dst, &options).unwrap();
        t.elapsed()
    });
    let ours = resize(&img, ow, h, Filter::Lanczos);
    let diffs: Vec<u8> = ours.as_bytes().iter().zip(dst.buffer()).map(|(a, b)| a.abs_diff(*b)).collect();
    let differing = diffs.iter().filter(|&&d| d > 0).count();
    println!("Lanczos-3, {w}x{h} RGB -> {ow}x{h}, median of 9 (ms)");
    println!("pixelpipe (Pillow-exact), 1 thread     {ours_1:8.2}");
    println!("pixelpipe (Pillow-exact), {threads} threads    {ours_n:8.2}");
    println!("fast_image_resize, 1 thread             {fir:8.2}");
    println!(
        "outputs: {:.2}% of bytes differ, by at most {}",
        differing as f64 * 100.0 / diffs.len() as f64,
        diffs.iter().max().unwrap()
    );
}
