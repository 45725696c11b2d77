//! Never fall over: every operation, with its defaults and with its declared example, on degenerate shapes (1×1, single rows and columns, tiny odd sizes, RGB and RGBA),
//! either rejects the step at validation or produces exactly the predicted shape. A panic
//! anywhere fails the test.

use pixelpipe::image::synth;
use pixelpipe::{ops, Context};
use serde_json::json;

#[test]
fn every_operation_on_degenerate_shapes_validates_or_matches_its_prediction() {
    let shapes = [(1, 1), (1, 7), (7, 1), (2, 2), (3, 5), (9, 4), (17, 13)];
    let mut checked = 0;
    for spec in ops::all() {
        for params in [json!({}), serde_json::Value::Object(spec.example_params())] {
            let Ok(op) = ops::configure(spec.name, params.as_object().unwrap(), false) else {
                continue; // required parameters missing from the defaults
            };
            for &(w, h) in &shapes {
                for c in [3, 4] {
                    let img = synth::noise(w, h, c, (w * 31 + h) as u64);
                    let ctx = Context::new(w, h, c);
                    let Ok(next) = op.op.validate(&ctx) else { continue };
                    let out = op
                        .op
                        .apply(&img, &ctx)
                        .unwrap_or_else(|e| panic!("{} {params} on {w}x{h}x{c}: validated but failed: {e}", spec.name));
                    assert_eq!(
                        (out.width(), out.height(), out.channels()),
                        (next.width, next.height, next.channels),
                        "{} {params} on {w}x{h}x{c}",
                        spec.name
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} combinations ran");
}

/// `Operation::in_place` is what the cache trusts to decide whether holding an image costs the
/// next step a copy: it must say exactly when `apply_in_place` keeps the image's buffer.
#[test]
fn in_place_says_exactly_when_apply_in_place_keeps_the_buffer() {
    let (mut kept, mut replaced) = (0, 0);
    for spec in ops::all() {
        for params in [json!({}), serde_json::Value::Object(spec.example_params())] {
            let Ok(op) = ops::configure(spec.name, params.as_object().unwrap(), false) else { continue };
            for (w, h) in [(1, 1), (3, 5), (16, 12), (17, 13)] {
                for c in [3, 4] {
                    let ctx = Context::new(w, h, c);
                    if op.op.validate(&ctx).is_err() {
                        continue;
                    }
                    let mut img = synth::noise(w, h, c, 7);
                    let before = img.as_bytes().as_ptr();
                    op.op.apply_in_place(&mut img, &ctx).unwrap();
                    let same = img.as_bytes().as_ptr() == before;
                    assert_eq!(op.op.in_place(&ctx), same, "{} {params} on {w}x{h}x{c}", spec.name);
                    if same {
                        kept += 1;
                    } else {
                        replaced += 1;
                    }
                }
            }
        }
    }
    assert!(kept > 50 && replaced > 50, "kept {kept}, replaced {replaced}");
}
