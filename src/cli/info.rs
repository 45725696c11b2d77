//! `pixelpipe ops`, and the helpers of `synth`, `demo` and `bench`.

use pixelpipe::pipeline::Pipeline;
use pixelpipe::{ops, presets, Error, Result};

/// The demo's pipeline: the original's glitch-effect preset.
pub fn demo_pipeline() -> Result<Pipeline> {
    Pipeline::from_file(&presets::file("glitch-effect")?, false)
}

pub fn parse_size(s: &str) -> Result<(u32, u32)> {
    let bad = || Error::Usage(format!("size must be WIDTHxHEIGHT with both > 0, got `{s}`"));
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 {
        return Err(bad());
    }
    Ok((w, h))
}

/// `ops` output: the list, or one operation's parameters (from its declaration).
pub fn ops_help(name: Option<&str>) -> Result<String> {
    let mut s = String::new();
    match name {
        None => {
            for spec in ops::all() {
                s += &format!("{:<20} {:<10} {}\n", spec.name, spec.family, spec.summary);
            }
        }
        Some(name) => {
            let spec = ops::find(name)?;
            s += &format!("{} ({} operation)\n  {}\n\nparameters:\n", spec.name, spec.family, spec.summary);
            for p in spec.params {
                let default = p.default.map(|d| format!("default {d}")).unwrap_or_else(|| "required".into());
                s += &format!("  {:<18} {}; {}\n  {:<18} {}\n", p.name, p.allowed(), default, "", p.doc);
            }
            s += &format!("\nexample:\n  pixelpipe apply {}", spec.name);
            for (key, value) in spec.example_params() {
                // As the shell takes it: plain words and numbers bare, the rest quoted.
                let plain = |t: &str| t.chars().all(|c| c.is_ascii_alphanumeric() || "_-:.".contains(c));
                s += &match &value {
                    serde_json::Value::String(text) if plain(text) => format!(" {key}={text}"),
                    serde_json::Value::Number(_) | serde_json::Value::Bool(_) => format!(" {key}={value}"),
                    _ => format!(" '{key}={value}'"),
                };
            }
            s += " -i in.png -o out.png\n";
        }
    }
    Ok(s)
}

/// `pixelpipe bench`: the table; with --save the figures as JSON; with --compare each
/// operation's change against saved figures, failing (exit 1) beyond `tolerance` percent.
#[allow(clippy::too_many_arguments)]
pub fn bench(
    config: &pixelpipe::config::Config,
    ops: &[String],
    size: &str,
    repeat: usize,
    params: &[String],
    save: Option<&std::path::Path>,
    compare: Option<&std::path::Path>,
    tolerance: f64,
) -> Result<()> {
    use pixelpipe::bench::{self, Saved};
    let (w, h) = parse_size(size)?;
    config.limits().check(w, h, 4, "the benchmark image")?;
    // Read first: a missing or bad file fails before minutes of measuring.
    let before: Option<Saved> = compare
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            serde_json::from_str(&text)
                .map_err(|e| Error::Usage(format!("{} is not a file written by `bench --save`: {e}", path.display())))
        })
        .transpose()?;
    let given = if params.is_empty() { None } else { Some(super::run::param_map(params)?) };
    let (base, results) = bench::run(ops, w, h, repeat, given.as_ref())?;
    outln!(
        "{w}x{h} RGB ({:.1} MP), median of {repeat}; memcpy of the same bytes: {:.2} ms",
        (w as f64 * h as f64) / 1e6,
        base.as_secs_f64() * 1e3
    );
    outln!("{:<20} {:>12} {:>12} {:>10}", "operation", "median ms", "min ms", "x memcpy");
    for r in &results {
        outln!(
            "{:<20} {:>12.2} {:>12.2} {:>10.1}",
            r.op,
            r.median.as_secs_f64() * 1e3,
            r.min.as_secs_f64() * 1e3,
            r.vs_memcpy
        );
    }
    let now = Saved::new(w, h, base, &results);
    if let Some(path) = save {
        let json = serde_json::to_string_pretty(&now).expect("figures serialise");
        pixelpipe::io::write_output(path, |f| {
            std::io::Write::write_all(f, json.as_bytes()).map_err(|e| Error::io(path, e))
        })?;
    }
    if let Some(before) = before {
        if (before.width, before.height) != (w, h) {
            super::warn(&format!(
                "warning: the saved figures are of {}x{}, these of {w}x{h}: ratios to a memcpy move with size",
                before.width, before.height
            ));
        }
        outln!("\n{:<20} {:>10} {:>10} {:>9}", "operation", "before", "now", "change");
        let changes = bench::compare(&before, &now);
        for c in &changes {
            let flag = if c.change * 100.0 > tolerance { "  SLOWER" } else { "" };
            outln!("{:<20} {:>10.2} {:>10.2} {:>+8.1}%{flag}", c.op, c.before, c.now, c.change * 100.0);
        }
        let slower: Vec<String> = changes
            .iter()
            .filter(|c| c.change * 100.0 > tolerance)
            .map(|c| format!("{} {:+.0}%", c.op, c.change * 100.0))
            .collect();
        if !slower.is_empty() {
            return Err(Error::processing(format!(
                "slower than the saved figures by more than {tolerance}% (relative to a memcpy): {}",
                slower.join(", ")
            )));
        }
    }
    Ok(())
}
