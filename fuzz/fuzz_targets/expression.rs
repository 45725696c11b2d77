//! The expression language: the safety check, compilation against PixelMath's and the
//! formula evaluators' variables, and evaluation over a few lanes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pixelpipe::core::expr::{check_safe, Expr, Input, Ty};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if check_safe(src).is_err() {
        return;
    }
    let pixel = [("r", Ty::Float32), ("g", Ty::Float32), ("b", Ty::Float32), ("a", Ty::Float32)];
    if let Ok(e) = Expr::compile(src, &pixel, &["sin", "cos", "abs", "min", "max", "sqrt", "exp", "log", "pow"]) {
        let lanes = [0.0f32, 1.0, 127.0, 255.0];
        let mut out = Vec::new();
        let inputs = [Input::F32(&lanes), Input::F32(&lanes), Input::F32(&lanes), Input::F32(&lanes)];
        let _ = e.eval(&inputs, lanes.len(), &mut out);
    }
    let formula = [("y", Ty::PyInt), ("height", Ty::PyInt)];
    if let Ok(e) = Expr::compile(src, &formula, &["sin", "abs", "min", "max"]) {
        for y in [0, 1, 7] {
            let _ = e.eval_scalar(&[Input::Int(y), Input::Int(8)]);
        }
    }
});
