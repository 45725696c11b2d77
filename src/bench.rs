//! `pixelpipe bench`: times operations on a synthetic image and reports medians next to a
//! memcpy of the same bytes, so figures from a noisy shared machine stay comparable.

use crate::core::{Context, Result};
use crate::image::{synth, Image};
use crate::ops;
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

/// One measured operation.
#[derive(Debug, Clone)]
pub struct BenchResult {
    pub op: String,
    pub params: Value,
    pub median: Duration,
    pub min: Duration,
    /// median / median memcpy time of the input's bytes.
    pub vs_memcpy: f64,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median time to copy `bytes` (the baseline every result is divided by).
pub fn memcpy_baseline(img: &Image, repeat: usize) -> Duration {
    let mut dst = vec![0u8; img.as_bytes().len()];
    let times = (0..repeat.max(3))
        .map(|_| {
            let t = Instant::now();
            dst.copy_from_slice(img.as_bytes());
            std::hint::black_box(&dst);
            t.elapsed()
        })
        .collect();
    median(times)
}

/// Times `apply` of each named operation (all when `names` is empty) `repeat` times on a
/// `width × height` synthetic RGB image. Validation and building are not timed; I/O is absent.
pub fn run(
    names: &[String],
    width: u32,
    height: u32,
    repeat: usize,
    params: Option<&Map<String, Value>>,
) -> Result<(Duration, Vec<BenchResult>)> {
    let img = synth::visual(width, height, 3);
    let base = memcpy_baseline(&img, repeat);
    let ctx = Context::new(width, height, 3);
    let specs: Vec<_> = if names.is_empty() {
        ops::all().collect()
    } else {
        names.iter().map(|n| ops::find(n)).collect::<Result<_>>()?
    };
    let mut out = Vec::new();
    for spec in specs {
        let p = params.cloned().unwrap_or_else(|| spec.example_params());
        let op = ops::configure(spec.name, &p, false)?;
        op.op.validate(&ctx).map_err(|e| e.at_step(1, spec.name))?;
        let times: Vec<Duration> = (0..repeat.max(1))
            .map(|_| {
                let t = Instant::now();
                let r = op.op.apply(&img, &ctx);
                let e = t.elapsed();
                std::hint::black_box(r.map(|_| ())).map(|_| e)
            })
            .collect::<Result<_>>()?;
        let m = median(times.clone());
        out.push(BenchResult {
            op: spec.name.to_string(),
            params: Value::Object(p),
            median: m,
            min: *times.iter().min().expect("at least one run"),
            vs_memcpy: m.as_secs_f64() / base.as_secs_f64().max(1e-9),
        });
    }
    Ok((base, out))
}
