//! The text report, and the insights: sentences drawn from a [`Report`]'s figures, each
//! naming the figure it rests on.

use super::Report;
use crate::memory::human;
use std::fmt::Write as _;

/// A step at or under this many times a memcpy moving its input and output bytes runs near
/// the memory bandwidth.
const BANDWIDTH_BOUND: f64 = 4.0;
/// Peak heap over the decoded input from which streaming is suggested.
const MEMORY_HEAVY: f64 = 3.0;
/// Share of the run in decoding and encoding from which the format is worth changing.
const CODEC_HEAVY: f64 = 0.25;
/// A scaling slope farther than this from 1 is called sub- or superlinear.
const LINEAR: f64 = 0.15;

fn pct(part: f64, whole: f64) -> f64 {
    100.0 * part / whole.max(1e-9)
}

/// What the figures say, most important first.
pub fn insights(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let b = &r.benchmark;
    let step_sum: f64 = b.steps.iter().map(|s| s.time_ms.median).sum();
    if let Some(top) = b.steps.iter().max_by(|x, y| x.time_ms.median.total_cmp(&y.time_ms.median)) {
        out.push(format!(
            "step {} {} dominates: {:.1} ms of the steps' {:.1} ms ({:.0}%, medians of {} runs)",
            top.number,
            top.name,
            top.time_ms.median,
            step_sum,
            pct(top.time_ms.median, step_sum),
            b.iterations
        ));
    }
    // Every step with a fifth of the time or more: is it memory or compute?
    for s in b.steps.iter().filter(|s| s.time_ms.median >= 0.2 * step_sum) {
        let bound = if s.vs_memcpy <= BANDWIDTH_BOUND {
            "runs near memory bandwidth: a faster kernel gains little, fewer passes over the pixels would".to_string()
        } else {
            format!(
                "is compute-bound on {} thread(s): its work per byte (arithmetic, scattered reads), not streaming memory traffic, is the limit",
                r.threads
            )
        };
        out.push(format!(
            "step {} {} {bound} ({:.1}× a memcpy moving its {} of input and output: {:.1} ms against {:.2} ms)",
            s.number,
            s.name,
            s.vs_memcpy,
            human(s.bytes),
            s.time_ms.median,
            s.memcpy_ms
        ));
    }
    let m = &r.memory;
    if let (Some(peak), Some(before)) = (m.heap_peak, m.heap_before) {
        let added = peak.saturating_sub(before);
        let ratio = added as f64 / m.image_bytes.max(1) as f64;
        let at = m.phases.iter().max_by_key(|p| p.heap_peak).map(|p| p.name.as_str()).unwrap_or("?");
        let mut s = format!(
            "peak heap {} is {ratio:.1}× the decoded input ({}), reached in {at}",
            human(added),
            human(m.image_bytes)
        );
        if ratio >= MEMORY_HEAVY {
            match r.streamed_peak {
                Some(streamed) => write!(
                    s,
                    "; streaming (`run --stream always`, or `--max-memory` below the whole-image peak) plans {} of pixel buffers for this pipeline",
                    human(streamed)
                ),
                None => write!(s, "; `--max-memory` bounds it, streaming where the steps allow"),
            }
            .expect("a String");
        }
        out.push(s);
    }
    let c = &r.cache;
    let warm_lookups = c.warm.lookups.max(1);
    out.push(format!(
        "cache: a re-run resumed with {} of {} step(s) to compute, in {:.1} ms against {:.1} ms cold ({:.1}× faster); hit rate {:.0}% over {} lookup(s) taking {:.2} ms; the cold run wrote {} in {} entr{}",
        c.warm_steps_computed,
        b.steps.len(),
        c.warm_ms,
        c.cold_ms,
        c.cold_ms / c.warm_ms.max(1e-6),
        pct(c.warm.hits as f64, warm_lookups as f64),
        c.warm.lookups,
        c.warm.lookup_ns as f64 / 1e6,
        human(c.cold.bytes_written),
        c.cold.entries_written,
        if c.cold.entries_written == 1 { "y" } else { "ies" }
    ));
    let codec = b.decode_ms.median + b.encode_ms.median;
    let share = codec / b.total_ms.median.max(1e-9);
    let mut s = format!(
        "decode and encode are {:.0}% of the run (decode {:.1} ms, {} encode {:.1} ms, of {:.1} ms)",
        share * 100.0,
        b.decode_ms.median,
        b.format,
        b.encode_ms.median,
        b.total_ms.median
    );
    if share >= CODEC_HEAVY {
        let faster: Vec<String> = b
            .other_encodings_ms
            .iter()
            .filter(|(_, t)| *t < 0.8 * b.encode_ms.median)
            .map(|(name, t)| format!("{name} encodes in {t:.1} ms"))
            .collect();
        if faster.is_empty() {
            s += &format!("; {} is already the fastest of the formats tried", b.format);
        } else {
            s += &format!("; {}", faster.join(", "));
        }
    } else {
        s += "; the steps dominate";
    }
    out.push(s);
    if let Some(sc) = &r.scalability {
        let (lo, hi) = sc.points.iter().fold((f64::MAX, 0f64), |(l, h), p| (l.min(p.megapixels), h.max(p.megapixels)));
        let shape = |slope: f64| {
            if slope > 1.0 + LINEAR {
                "superlinear: the cost per pixel grows with the image"
            } else if slope < 1.0 - LINEAR {
                "sublinear: fixed costs weigh at the small sizes"
            } else {
                "linear"
            }
        };
        if let Some(t) = sc.time_slope {
            let mut s = format!("time grows as size^{t:.2} from {lo:.1} to {hi:.1} MP ({})", shape(t));
            if let Some(mem) = sc.memory_slope {
                write!(s, "; peak heap as size^{mem:.2} ({})", shape(mem)).expect("a String");
            }
            out.push(s);
        }
    }
    out
}

fn mb(bytes: Option<u64>) -> String {
    bytes.map(human).unwrap_or_else(|| "-".into())
}

/// The report as text: the step table, memory, cache, scaling and the insights.
pub fn text(r: &Report) -> String {
    let b = &r.benchmark;
    let mut s = String::new();
    let (w, h, c) = b.input;
    let _ = writeln!(
        s,
        "profile of `{}` on {} ({w}x{h}, {} channels, {:.1} MP), {} run(s), {} thread(s)",
        r.pipeline,
        r.input,
        c,
        w as f64 * h as f64 / 1e6,
        b.iterations,
        r.threads
    );
    let _ = writeln!(s, "memcpy of the decoded input ({}): {:.2} ms", human(r.memory.image_bytes), r.memcpy_input_ms);
    let _ = writeln!(
        s,
        "\n{:<4} {:<20} {:>9} {:>9} {:>9} {:>8} {:>10} {:>10} {:>9}",
        "step", "operation", "min ms", "median", "p95", "×memcpy", "heap peak", "heap avg", "cache"
    );
    let row = |s: &mut String,
               number: String,
               name: &str,
               t: &super::Spread,
               x: String,
               phase: Option<&super::PhaseMemory>,
               cache: &str| {
        let _ = writeln!(
            s,
            "{number:<4} {name:<20} {:>9.2} {:>9.2} {:>9.2} {x:>8} {:>10} {:>10} {cache:>9}",
            t.min,
            t.median,
            t.p95,
            mb(phase.and_then(|p| p.heap_peak)),
            mb(phase.and_then(|p| p.heap_average)),
        );
    };
    let phases = &r.memory.phases;
    row(&mut s, String::new(), "(decode)", &b.decode_ms, String::new(), phases.first(), "");
    for (i, step) in b.steps.iter().enumerate() {
        let phase = phases.iter().find(|p| p.number == step.number);
        let cache = match (r.cache.cold_stored.get(i), r.cache.warm_cached.get(i)) {
            (_, Some(true)) => "hit",
            (Some(true), _) => "stored",
            _ => "-",
        };
        row(&mut s, step.number.to_string(), &step.name, &step.time_ms, format!("{:.1}", step.vs_memcpy), phase, cache);
    }
    row(&mut s, String::new(), &format!("({} encode)", b.format), &b.encode_ms, String::new(), phases.last(), "");
    row(&mut s, String::new(), "total", &b.total_ms, String::new(), None, "");
    let m = &r.memory;
    let _ = writeln!(
        s,
        "\nmemory: heap peak {} (before the run {}); process RSS peak {} (before {}); a separate `pixelpipe run` should peak near {}",
        mb(m.heap_peak),
        mb(m.heap_before),
        mb(m.rss_peak),
        mb(m.rss_before),
        mb(m.expected_rss)
    );
    let _ = writeln!(s, "cache, cold run: {}", r.cache.cold.summary());
    let _ = writeln!(s, "cache, warm run: {}", r.cache.warm.summary());
    if let Some(sc) = &r.scalability {
        let _ = writeln!(s, "\n{:>8} {:>12} {:>10} {:>10} {:>12}", "MP", "size", "median ms", "p95 ms", "heap peak");
        for p in &sc.points {
            let _ = writeln!(
                s,
                "{:>8.2} {:>12} {:>10.2} {:>10.2} {:>12}",
                p.megapixels,
                format!("{}x{}", p.width, p.height),
                p.time_ms.median,
                p.time_ms.p95,
                mb(p.heap_peak)
            );
        }
        let slope = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into());
        let _ = writeln!(s, "log-log slope: time {}, peak heap {}", slope(sc.time_slope), slope(sc.memory_slope));
    }
    let _ = writeln!(s, "\ninsights:");
    for i in &r.insights {
        let _ = writeln!(s, "- {i}");
    }
    s
}
