//! `pixelpipe bench`: times operations on a synthetic image and reports medians next to a
//! memcpy of the same bytes, so figures from a noisy shared machine stay comparable.

use crate::core::{Context, Result};
use crate::image::synth;
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
    /// min / min memcpy time: what `--save` keeps and `--compare` compares (the fastest run
    /// is the one least disturbed by the rest of the machine).
    pub min_vs_memcpy: f64,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Times `apply` of each named operation (all when `names` is empty) `repeat` times on a
/// `width × height` synthetic RGB image. Validation and building are not timed; I/O is absent.
/// A memcpy of the input's bytes is timed before every run of every operation, and the
/// median of all of them is the yardstick: it follows the machine through the whole run.
pub fn run(
    names: &[String],
    width: u32,
    height: u32,
    repeat: usize,
    params: Option<&Map<String, Value>>,
) -> Result<(Duration, Vec<BenchResult>)> {
    let img = synth::visual(width, height, 3);
    let mut copy = vec![0u8; img.as_bytes().len()];
    copy.copy_from_slice(img.as_bytes());
    let mut memcpy = Vec::new();
    let ctx = Context::new(width, height, 3);
    let specs: Vec<_> = if names.is_empty() {
        ops::all().collect()
    } else {
        names.iter().map(|n| ops::find(n)).collect::<Result<_>>()?
    };
    let mut measured = Vec::new();
    for spec in specs {
        let p = params.cloned().unwrap_or_else(|| spec.example_params());
        let op = ops::configure(spec.name, &p, false)?;
        op.op.validate(&ctx).map_err(|e| e.at_step(1, spec.name))?;
        let times: Vec<Duration> = (0..repeat.max(1))
            .map(|_| {
                let t = Instant::now();
                copy.copy_from_slice(std::hint::black_box(img.as_bytes()));
                memcpy.push(t.elapsed());
                let t = Instant::now();
                let r = op.op.apply(&img, &ctx);
                let e = t.elapsed();
                std::hint::black_box(r.map(|_| ())).map(|_| e)
            })
            .collect::<Result<_>>()?;
        measured.push((spec.name, p, times));
    }
    let fastest = *memcpy.iter().min().expect("at least one copy");
    let base = median(memcpy);
    let out = measured
        .into_iter()
        .map(|(name, p, times)| {
            let m = median(times.clone());
            BenchResult {
                op: name.to_string(),
                params: Value::Object(p),
                median: m,
                min: *times.iter().min().expect("at least one run"),
                vs_memcpy: m.as_secs_f64() / base.as_secs_f64().max(1e-9),
                min_vs_memcpy: times.iter().min().expect("at least one run").as_secs_f64()
                    / fastest.as_secs_f64().max(1e-9),
            }
        })
        .collect();
    Ok((base, out))
}

/// A run's figures as `bench --save` writes them and `bench --compare` reads them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Saved {
    pub width: u32,
    pub height: u32,
    pub memcpy_ms: f64,
    /// Operation name → fastest time / fastest memcpy time.
    pub min_vs_memcpy: std::collections::BTreeMap<String, f64>,
}

impl Saved {
    pub fn new(width: u32, height: u32, memcpy: Duration, results: &[BenchResult]) -> Saved {
        Saved {
            width,
            height,
            memcpy_ms: memcpy.as_secs_f64() * 1e3,
            min_vs_memcpy: results.iter().map(|r| (r.op.clone(), r.min_vs_memcpy)).collect(),
        }
    }
}

/// One operation's figure now against a saved run's.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub op: String,
    pub before: f64,
    pub now: f64,
    /// `now / before - 1`: +0.3 is 30% slower relative to a memcpy.
    pub change: f64,
}

/// The operations measured in both runs, with how their time relative to a memcpy moved.
/// Normalising by a memcpy measured in the same run takes out most of what a busy machine
/// does to both; what remains (±10–20% here) makes this a loose signal next to the
/// instruction gate (`benches/instructions.rs`), for what instructions miss: memory traffic.
pub fn compare(before: &Saved, now: &Saved) -> Vec<Change> {
    now.min_vs_memcpy
        .iter()
        .filter_map(|(op, &n)| {
            let &b = before.min_vs_memcpy.get(op)?;
            Some(Change { op: op.clone(), before: b, now: n, change: n / b.max(1e-9) - 1.0 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_is_relative_to_memcpy_and_skips_operations_missing_before() {
        let saved = |pairs: &[(&str, f64)]| Saved {
            width: 10,
            height: 10,
            memcpy_ms: 1.0,
            min_vs_memcpy: pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        };
        let changes = compare(&saved(&[("A", 2.0), ("B", 10.0)]), &saved(&[("A", 3.0), ("B", 9.0), ("C", 1.0)]));
        assert_eq!(changes.len(), 2);
        assert_eq!((changes[0].op.as_str(), changes[0].change), ("A", 0.5));
        assert!((changes[1].change + 0.1).abs() < 1e-12);
        let s = saved(&[("A", 2.5)]);
        assert_eq!(serde_json::from_str::<Saved>(&serde_json::to_string(&s).unwrap()).unwrap(), s);
    }
}
