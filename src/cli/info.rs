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
