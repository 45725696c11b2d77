//! The operations, one file per family, and the registry that finds them by name. Adding
//! one: its declaration ([`OpSpec`]: parameters, example, builder) and its `Operation` in the
//! family's file, and the family's `SPECS` in [`FAMILIES`] if the family is new.

pub mod aspect;
pub mod block;
pub mod channel;
pub mod column;
mod diffusion;
pub mod geometric;
mod lines;
pub mod pattern;
pub mod pixel;
mod pixel_sort;
pub mod row;

use crate::core::params::{self, closest};
use crate::core::{Error, OpSpec, Operation, Parsed, Result};
use serde_json::{Map, Value};

/// Every operation family's declarations, in `ops` listing order.
const FAMILIES: &[&[OpSpec]] = &[
    pixel::SPECS,
    row::SPECS,
    column::SPECS,
    block::SPECS,
    geometric::SPECS,
    aspect::SPECS,
    channel::SPECS,
    pattern::SPECS,
];

/// All operations.
pub fn all() -> impl Iterator<Item = &'static OpSpec> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

/// Finds an operation by its name (the original's class name; case-insensitive).
pub fn find(name: &str) -> Result<&'static OpSpec> {
    all().find(|s| s.name.eq_ignore_ascii_case(name)).ok_or_else(|| {
        let hint = closest(name, all().map(|s| s.name))
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_else(|| format!("; known: {}", all().map(|s| s.name).collect::<Vec<_>>().join(", ")));
        Error::UnknownOp { name: name.to_string(), hint }
    })
}

/// Every operation as JSON, in `ops` order: `name`, `family`, `summary`, `example` and its
/// `params` (see [`crate::core::ParamSpec::describe`]). Python's `pixelpipe.ops()` and the
/// builder page of `pixelpipe serve` read it.
pub fn describe() -> Value {
    all()
        .map(|spec| {
            serde_json::json!({
                "name": spec.name,
                "family": spec.family,
                "summary": spec.summary,
                "example": Value::Object(spec.example_params()),
                "params": spec.params.iter().map(|p| p.describe()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// A built operation with its declaration and canonical parameters.
#[derive(Debug)]
pub struct Configured {
    pub spec: &'static OpSpec,
    pub params: Parsed,
    pub op: Box<dyn Operation>,
}

/// Parses parameters for operation `name` and builds it.
pub fn configure(name: &str, given: &Map<String, Value>, strict: bool) -> Result<Configured> {
    let spec = find(name)?;
    let params = params::parse(spec.params, given, strict)?;
    let op = (spec.build)(&params)?;
    Ok(Configured { spec, params, op })
}

/// Output channels of operations that fill with a colour: RGBA, unless the input is RGB and
/// the fill is opaque (then the result goes back to RGB) — the original's rule.
pub(crate) fn fill_channels(input_channels: u8, fill: &[u8; 4]) -> u8 {
    if input_channels != 4 && fill[3] == 255 {
        input_channels
    } else {
        4
    }
}

pub(crate) use crate::image::{bands_per_task, par_bands};

/// Helpers shared by the operation families' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    pub use super::configure;
    use crate::core::{Context, Operation};
    use crate::image::Image;

    /// Builds an operation (strict: unknown parameters fail the test).
    pub fn op(name: &str, params: serde_json::Value) -> Box<dyn Operation> {
        super::configure(name, params.as_object().unwrap(), true).unwrap().op
    }

    /// The build error of an operation whose parameters must be rejected.
    pub fn build_err(name: &str, params: serde_json::Value) -> String {
        super::configure(name, params.as_object().unwrap(), true).unwrap_err().to_string()
    }

    /// Runs `validate`, `apply` and `apply_in_place`; checks the two paths agree with each
    /// other and with the predicted shape, and returns the output.
    pub fn run(name: &str, params: serde_json::Value, img: &Image) -> Image {
        run_ctx(name, params, img).0
    }

    /// [`run`], also returning the context after the step (its warnings).
    pub fn run_ctx(name: &str, params: serde_json::Value, img: &Image) -> (Image, Context) {
        let op = op(name, params);
        let ctx = Context::of(img);
        let out_ctx = op.validate(&ctx).unwrap();
        let out = op.apply(img, &ctx).unwrap();
        assert_eq!((out.width(), out.height(), out.channels()), (out_ctx.width, out_ctx.height, out_ctx.channels));
        let mut in_place = img.clone();
        op.apply_in_place(&mut in_place, &ctx).unwrap();
        assert_eq!(in_place, out, "apply_in_place differs from apply");
        (out, out_ctx)
    }

    /// Channel `c` of every pixel, one vector per row (how the spec writes its vectors).
    pub fn channel(img: &Image, c: usize) -> Vec<Vec<u8>> {
        let n = img.channels() as usize;
        img.rows().map(|r| r.iter().skip(c).step_by(n).copied().collect()).collect()
    }

    /// Channel R (for the spec's single-channel vectors on grey grids).
    pub fn red(img: &Image) -> Vec<Vec<u8>> {
        channel(img, 0)
    }

    /// Channel `c` of every pixel, rows joined by `|` like the spec's vectors.
    pub fn plane(img: &Image, c: usize) -> String {
        img.rows()
            .map(|r| r.chunks(img.channels() as usize).map(|p| p[c].to_string()).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// A noise image from a 64-bit LCG seeded by `seed`.
    pub fn noise(w: u32, h: u32, c: u8, seed: u64) -> Image {
        let mut s = seed;
        let data = (0..w as usize * h as usize * c as usize)
            .map(|_| {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (s >> 56) as u8
            })
            .collect();
        Image::from_raw(w, h, c, data).unwrap()
    }

    pub fn rgb_row(px: &[[u8; 3]]) -> Image {
        Image::from_raw(px.len() as u32, 1, 3, px.concat()).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_of_the_original_is_registered_once() {
        let names: Vec<&str> = all().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a name is registered twice: {names:?}");
        // The operations of docs/spec.md §3 ("### 3.N Name"; 3.19 is the ratio syntax).
        let spec = include_str!("../../docs/spec.md");
        let original: Vec<&str> = spec
            .lines()
            .filter_map(|l| l.strip_prefix("### 3."))
            .filter_map(|l| l.split_once(' ').map(|(_, name)| name.trim()))
            .filter(|name| !name.contains(' '))
            .collect();
        assert!(original.len() >= 26, "{original:?}");
        for name in original {
            assert!(find(name).is_ok_and(|s| s.name == name), "{name} is not registered");
        }
    }

    #[test]
    fn every_operation_has_an_example_that_runs() {
        for spec in all() {
            let params = spec.example_params();
            assert!(!params.is_empty(), "{}: the example sets no parameter", spec.name);
            let op = configure(spec.name, &params, true).unwrap_or_else(|e| panic!("{}: {e}", spec.name));
            for channels in [3, 4] {
                let img = crate::image::synth::visual(64, 48, channels);
                let ctx = crate::core::Context::new(64, 48, channels);
                let next = op.op.validate(&ctx).unwrap_or_else(|e| panic!("{}: {e}", spec.name));
                let out = op.op.apply(&img, &ctx).unwrap_or_else(|e| panic!("{}: {e}", spec.name));
                assert_eq!((out.width(), out.height(), out.channels()), (next.width, next.height, next.channels));
            }
        }
    }

    /// Kernels split their work into tasks of 64 KiB or more: an image of some 300 KB gives
    /// each of four threads several, in an order that differs from run to run.
    #[test]
    fn every_operation_gives_the_same_bytes_on_one_thread_and_on_four() {
        for spec in all() {
            let op = configure(spec.name, &spec.example_params(), true).unwrap().op;
            for channels in [3, 4] {
                let img = crate::image::synth::visual(419, 233, channels);
                let ctx = crate::core::Context::new(419, 233, channels);
                let on = |threads| {
                    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
                    pool.install(|| op.apply(&img, &ctx).unwrap())
                };
                assert!(on(1) == on(4), "{} on {channels} channels", spec.name);
            }
        }
    }

    #[test]
    fn every_allowed_name_decodes_into_its_field() {
        for spec in all() {
            for p in spec.params {
                let crate::core::Kind::Choice(names) = p.kind else { continue };
                for name in names {
                    let mut params = spec.example_params();
                    params.insert(p.name.to_string(), Value::from(*name));
                    // A builder may refuse a combination, naming a parameter (a custom selection
                    // without indices); a name the typed struct does not know fails decoding.
                    if let Err(e) = configure(spec.name, &params, true) {
                        assert!(matches!(e, Error::Param { .. }), "{}.{} = {name:?}: {e}", spec.name, p.name);
                    }
                }
            }
        }
    }

    #[test]
    fn declared_defaults_parse() {
        for spec in all() {
            for p in spec.params {
                if let Some(d) = p.default {
                    serde_json::from_str::<Value>(d).unwrap_or_else(|e| panic!("{}.{}: {e}", spec.name, p.name));
                }
            }
        }
    }

    #[test]
    fn unknown_operation_suggests() {
        let e = find("ChanelSwap").unwrap_err().to_string();
        assert!(e.contains("did you mean `ChannelSwap`"), "{e}");
    }
}
