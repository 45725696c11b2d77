//! Tests of the expression engine. The vectors marked "numpy" were computed with numpy 2.3.2 / CPython 3.11 by running the original's evaluation environments (PixelMath: float32 r g b a, or int32 in integer mode, int64 x y, Python int width height, np.abs/np.minimum/…; RowShift: Python builtins + numpy functions) on the same inputs.

use super::*;

const ALL_FUNCS: [&str; 15] = SAFE_FUNCTIONS;

fn pm_vars(int_mode: bool) -> Vec<(&'static str, Ty)> {
    let c = if int_mode { Ty::Int32 } else { Ty::Float32 };
    vec![
        ("r", c),
        ("g", c),
        ("b", c),
        ("a", c),
        ("x", Ty::Int64),
        ("y", Ty::Int64),
        ("width", Ty::PyInt),
        ("height", Ty::PyInt),
    ]
}

fn pm_compile(src: &str) -> Result<Expr, String> {
    check_safe(src)?;
    Ok(Expr::compile(src, &pm_vars(has_integer_ops(src)), &ALL_FUNCS)?)
}

/// The tests compare messages: errors become their text.
impl From<ExprError> for String {
    fn from(e: ExprError) -> String {
        e.message
    }
}

/// Evaluates a PixelMath expression on the PM_* test image, row by row (`rows`) or over all
/// pixels at once.
fn pm_eval(e: &Expr, int_mode: bool, rows: bool) -> Result<Vec<f64>, String> {
    let chans = [&PM_R, &PM_G, &PM_B, &PM_A];
    let f32s: Vec<Vec<f32>> = chans.iter().map(|c| c.iter().map(|&v| v as f32).collect()).collect();
    let i32s: Vec<Vec<i32>> = chans.iter().map(|c| c.iter().map(|&v| v as i32).collect()).collect();
    let n = PM_W * PM_H;
    let xs: Vec<i64> = (0..n).map(|k| (k % PM_W) as i64).collect();
    let ys: Vec<i64> = (0..n).map(|k| (k / PM_W) as i64).collect();
    let mut all = Vec::new();
    let mut out = Vec::new();
    let ranges: Vec<(usize, usize)> =
        if rows { (0..PM_H).map(|y| (y * PM_W, (y + 1) * PM_W)).collect() } else { vec![(0, n)] };
    for (s, t) in ranges {
        let ch = |k: usize| if int_mode { Input::I32(&i32s[k][s..t]) } else { Input::F32(&f32s[k][s..t]) };
        let inputs = [
            ch(0),
            ch(1),
            ch(2),
            ch(3),
            Input::I64(&xs[s..t]),
            Input::I64(&ys[s..t]),
            Input::Int(PM_W as i64),
            Input::Int(PM_H as i64),
        ];
        e.eval(&inputs, t - s, &mut out)?;
        all.extend_from_slice(&out);
    }
    Ok(all)
}

fn same_f32(a: f32, b: f32) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

#[test]
fn pixelmath_matches_numpy() {
    let mut failures = Vec::new();
    for (src, dt, bits) in PM_CASES {
        let int_mode = has_integer_ops(src);
        let res = pm_compile(src).and_then(|e| {
            let a = pm_eval(&e, int_mode, true)?;
            let b = pm_eval(&e, int_mode, false)?;
            Ok((e.result_type(), a, b))
        });
        match (res, *dt) {
            (Err(_), "ERR") => {}
            (Err(m), _) => failures.push(format!("{src}: unexpected error {m}")),
            (Ok(_), "ERR") => failures.push(format!("{src}: expected an error")),
            (Ok((ty, rows, whole)), dt) => {
                if format!("{ty:?}") != dt {
                    failures.push(format!("{src}: result type {ty:?}, numpy {dt}"));
                }
                for (k, &want) in bits.iter().enumerate() {
                    let want = f32::from_bits(want);
                    let (a, b) = (rows[k] as f32, whole[k] as f32);
                    if !same_f32(a, want) || !same_f32(b, want) {
                        failures.push(format!("{src}: pixel {k}: got {a} / {b}, numpy {want}"));
                        break;
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// PixelMath's float path for every channel value: `r * 1.1 + 20` and `r * 0.95` are float32
/// arithmetic with the Python float rounded to float32 (NEP 50).
#[test]
fn pixelmath_float32_rounding_all_values() {
    let r: Vec<f32> = (0..256).map(|v| v as f32).collect();
    for (src, want_u8, want_bits) in [
        ("r * 1.1 + 20", &PM_R_TIMES_1_1_PLUS_20, &PM_R_TIMES_1_1_PLUS_20_BITS),
        ("r * 0.95", &PM_R_TIMES_0_95, &PM_R_TIMES_0_95_BITS),
    ] {
        let e = Expr::compile(src, &[("r", Ty::Float32)], &[]).unwrap();
        assert_eq!(e.result_type(), Ty::Float32);
        let mut out = Vec::new();
        e.eval(&[Input::F32(&r)], 256, &mut out).unwrap();
        for v in 0..256 {
            let f = out[v] as f32;
            assert_eq!(f.to_bits(), want_bits[v], "{src} at r={v}");
            assert_eq!(f.clamp(0.0, 255.0) as u8, want_u8[v], "{src} at r={v}");
        }
    }
}

/// docs/spec.md §3.2 examples on the RGBA pixel (100, 50, 200, 255).
#[test]
fn pixelmath_spec_examples() {
    let px = |src: &str| -> u8 {
        let int_mode = has_integer_ops(src);
        let e = Expr::compile(src, &pm_vars(int_mode), &ALL_FUNCS).unwrap();
        let mut out = Vec::new();
        let (f, i) = ([100f32], [100i32]);
        let (gf, gi) = ([50f32], [50i32]);
        let c = |fv: &'static [f32; 1], iv: &'static [i32; 1]| if int_mode { Input::I32(iv) } else { Input::F32(fv) };
        let _ = c;
        let r = if int_mode { Input::I32(&i) } else { Input::F32(&f) };
        let g = if int_mode { Input::I32(&gi) } else { Input::F32(&gf) };
        let inputs =
            [r, g, Input::Int(200), Input::Int(255), Input::I64(&[0]), Input::I64(&[0]), Input::Int(1), Input::Int(1)];
        e.eval(&inputs, 1, &mut out).unwrap();
        (out[0] as f32).clamp(0.0, 255.0) as u8
    };
    assert_eq!(px("r*2"), 200);
    assert_eq!(px("r ^ 128"), 228);
    assert_eq!(px("r/3"), 33);
    assert_eq!(px("(r>60)*255"), 255);
    assert_eq!(px("r*2+g"), 250);
}

#[test]
fn pixelfilter_matches_numpy() {
    let n = PM_W * PM_H;
    let i: Vec<i64> = (0..n as i64).collect();
    let xs: Vec<i64> = (0..n).map(|k| (k % PM_W) as i64).collect();
    let ys: Vec<i64> = (0..n).map(|k| (k / PM_W) as i64).collect();
    let vars = [("i", Ty::Int64), ("x", Ty::Int64), ("y", Ty::Int64), ("width", Ty::PyInt), ("height", Ty::PyInt)];
    for (src, keep) in PF_CASES {
        check_safe(src).unwrap();
        let e = Expr::compile(src, &vars, &ALL_FUNCS).unwrap();
        let mut out = Vec::new();
        let inputs =
            [Input::I64(&i), Input::I64(&xs), Input::I64(&ys), Input::Int(PM_W as i64), Input::Int(PM_H as i64)];
        e.eval(&inputs, n, &mut out).unwrap();
        let got: Vec<bool> = out.iter().map(|&v| v != 0.0).collect();
        assert_eq!(&got[..], *keep, "{src}");
    }
}

fn rs_compile(src: &str) -> Result<Expr, String> {
    check_safe(src)?;
    let vars = [("y", Ty::PyInt), ("i", Ty::PyInt), ("height", Ty::PyInt), ("pi", Ty::PyFloat), ("e", Ty::PyFloat)];
    Ok(Expr::compile(src, &vars, &ALL_FUNCS)?)
}

fn rs_eval(e: &Expr, y: i64) -> Result<f64, String> {
    e.eval_scalar(&[
        Input::Int(y),
        Input::Int(y),
        Input::Int(10),
        Input::Float(std::f64::consts::PI),
        Input::Float(std::f64::consts::E),
    ])
    .map_err(String::from)
}

#[test]
fn rowshift_formulas_match_python() {
    let mut failures = Vec::new();
    for (src, want) in RS_CASES {
        let e = match rs_compile(src) {
            Ok(e) => e,
            Err(m) => {
                failures.push(format!("{src}: compile error {m}"));
                continue;
            }
        };
        assert_eq!(e.flavor(), Flavor::Python);
        for (y, w) in want.iter().enumerate() {
            let got = rs_eval(&e, y as i64);
            let w = w.map(f64::from_bits);
            let ok = match (&got, w) {
                (Err(_), None) => true,
                (Ok(g), Some(w)) => (g.is_nan() && w.is_nan()) || g.to_bits() == w.to_bits(),
                _ => false,
            };
            if !ok {
                failures.push(format!("{src} at y={y}: got {got:?}, Python {w:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn float16_rounding_matches_numpy() {
    for &(x, want) in F16_CASES {
        let x = f64::from_bits(x);
        assert_eq!(f16r(x).to_bits(), want, "float16({x})");
    }
}

fn ulps32(a: f32, b: f32) -> u32 {
    if a.is_nan() && b.is_nan() {
        return 0;
    }
    let k = |f: f32| {
        let i = f.to_bits() as i32;
        if i < 0 {
            i32::MIN.wrapping_sub(i)
        } else {
            i
        }
    };
    k(a).abs_diff(k(b))
}

/// Transcendental functions: numpy 2.3 uses its own SIMD float32 kernels and (on AVX512
/// machines) SVML, which are not correctly rounded; pixelpipe's results are the correctly
/// rounded f64 libm values. Allow 2 float32 ulps.
#[test]
fn transcendental_functions_within_ulps_of_numpy() {
    for (src, dt, bits) in PM_TRANS {
        let int_mode = has_integer_ops(src);
        let e = pm_compile(src).unwrap();
        assert_eq!(format!("{:?}", e.result_type()), *dt, "{src}");
        let got = pm_eval(&e, int_mode, true).unwrap();
        for (k, &w) in bits.iter().enumerate() {
            let (g, w) = (got[k] as f32, f32::from_bits(w));
            assert!(ulps32(g, w) <= 2, "{src} pixel {k}: got {g}, numpy {w}");
        }
    }
}

fn scalar(src: &str) -> Result<f64, String> {
    let e = Expr::compile(src, &[], &ALL_FUNCS)?;
    Ok(e.eval_scalar(&[])?)
}

#[test]
fn python_scalar_semantics() {
    assert_eq!(scalar("2**-1"), Ok(0.5));
    assert_eq!(scalar("-7 // 2"), Ok(-4.0));
    assert_eq!(scalar("-7 % 3"), Ok(2.0));
    assert_eq!(scalar("7 % -3"), Ok(-2.0));
    assert_eq!(scalar("-7.5 % 2"), Ok(0.5));
    assert_eq!(scalar("7.5 // 2"), Ok(3.0));
    assert_eq!(scalar("round(2.5)"), Ok(2.0));
    assert_eq!(scalar("round(3.5)"), Ok(4.0));
    assert_eq!(scalar("round(-2.5)"), Ok(-2.0));
    assert_eq!(scalar("int(-2.7)"), Ok(-2.0));
    assert_eq!(scalar("-2**2"), Ok(-4.0));
    assert_eq!(scalar("2**3**2"), Ok(512.0));
    assert_eq!(scalar("1 < 2 < 3"), Ok(1.0));
    assert_eq!(scalar("3 > 2 > 2"), Ok(0.0));
    assert_eq!(scalar("1 < 3 > 2 == 2 != 5"), Ok(1.0));
    assert_eq!(scalar("True + True"), Ok(2.0));
    assert_eq!(scalar("0 and 1 // 0"), Ok(0.0), "short-circuit");
    assert_eq!(scalar("2 or 1 // 0"), Ok(2.0), "short-circuit");
    assert_eq!(scalar("2 and 3.5"), Ok(3.5));
    assert_eq!(scalar("not 0"), Ok(1.0));
    assert_eq!(scalar("not 2 == 2"), Ok(0.0));
    assert_eq!(
        scalar("1e3 + .5 + 5. + 1_000 + 0x1f + 0o17 + 0b101"),
        Ok(1000.0 + 0.5 + 5.0 + 1000.0 + 31.0 + 15.0 + 5.0)
    );
    assert_eq!(scalar("1if"), Err("invalid syntax at position 0: invalid number literal '1if'".to_string()));
    assert_eq!(scalar("1and 2"), Ok(2.0));
    assert_eq!(scalar("min(3, 1.5, 2)"), Ok(1.5));
    assert_eq!(scalar("max(1, 2,)"), Ok(2.0));
    assert_eq!(scalar("pow(2, 10)"), Ok(1024.0));
    assert!(scalar("2 ** 62 * 2").unwrap_err().contains("overflow"));
    assert!(scalar("1 << 63").unwrap_err().contains("overflow"));
    assert_eq!(scalar("-1 >> 100"), Ok(-1.0));
    assert!(scalar("1 << -1").unwrap_err().contains("negative shift count"));
    assert!(scalar("1 // 0").unwrap_err().contains("ZeroDivisionError"));
    assert!(scalar("1 % 0").unwrap_err().contains("ZeroDivisionError"));
    assert!(scalar("1 / 0").unwrap_err().contains("ZeroDivisionError"));
    assert!(scalar("1.5 // 0").unwrap_err().contains("ZeroDivisionError"));
    assert!(scalar("0 ** -1").unwrap_err().contains("ZeroDivisionError"));
    assert!(scalar("(-8) ** (1/3)").unwrap_err().contains("complex"));
    assert!(scalar("2.0 ** 1e5").unwrap_err().contains("OverflowError"));
    assert!(scalar("int(1e300)").unwrap_err().contains("overflow"));
    assert!(scalar("round(1e300 * 1e300)").unwrap_err().contains("infinity"));
    // numpy scalars (results of numpy functions) follow numpy: no ZeroDivisionError.
    assert_eq!(scalar("sqrt(4) / 0"), Ok(f64::INFINITY));
    // Python flavour: abs is the builtin (a Python int) ...
    assert!(scalar("abs(-3) // 0").unwrap_err().contains("ZeroDivisionError"));
    // ... numpy flavour: np.abs(-3) is an np.int64.
    let e = Expr::compile_with("abs(-3) // 0", &[], &ALL_FUNCS, Flavor::Numpy).unwrap();
    assert_eq!(e.result_type(), Ty::Int64);
    assert_eq!(e.eval_scalar(&[]), Ok(0.0));
    assert_eq!(scalar("floor(7) // 0"), Ok(0.0));
    assert!(scalar("sqrt(-1)").unwrap().is_nan());
}

#[test]
fn python_int_limit_is_an_error_not_a_wrap() {
    let e = rs_compile("2 ** 62 * y").unwrap();
    assert_eq!(rs_eval(&e, 1), Ok(4.611686018427388e18));
    assert!(rs_eval(&e, 2).unwrap_err().contains("overflow"));
}

#[test]
fn formula_flavor_builtins() {
    // RowShift: Python builtins keep Python types; numpy functions give numpy scalars.
    let e = rs_compile("abs(y - 5) * 3").unwrap();
    assert_eq!(e.result_type(), Ty::PyInt);
    assert_eq!(rs_eval(&e, 2), Ok(9.0));
    let e = rs_compile("round(sin(y) * 10)").unwrap();
    assert_eq!(e.result_type(), Ty::PyInt);
    let e = rs_compile("sin(y)").unwrap();
    assert_eq!(e.result_type(), Ty::Float64);
    assert!(!e.is_per_lane());
    let e = rs_compile("2 ** (y - 5)").unwrap();
    assert_eq!(e.result_type(), Ty::PyFloat);
    assert_eq!(rs_eval(&e, 3), Ok(0.25));
    assert_eq!(rs_eval(&e, 7), Ok(4.0));
    assert!(rs_compile("x * 2").unwrap_err().contains("name 'x' is not defined"));
    // PixelMath: np.abs(width) is an np.int64, so `abs(width) * r` is float64 arithmetic.
    let e = pm_compile("abs(width) * r").unwrap();
    assert_eq!(e.result_type(), Ty::Float64);
    let e = pm_compile("width * r").unwrap();
    assert_eq!(e.result_type(), Ty::Float32);
    assert_eq!(e.flavor(), Flavor::Numpy);
    assert!(e.is_per_lane());
}

#[test]
fn min_max_with_more_arguments() {
    let e = pm_compile("min(r, g, b)").unwrap();
    let got = pm_eval(&e, false, true).unwrap();
    for k in 0..PM_W * PM_H {
        assert_eq!(got[k], PM_R[k].min(PM_G[k]).min(PM_B[k]) as f64);
    }
    let e = pm_compile("max(r, g, 100.5)").unwrap();
    let got = pm_eval(&e, false, false).unwrap();
    for k in 0..PM_W * PM_H {
        assert_eq!(got[k], (PM_R[k].max(PM_G[k]) as f64).max(100.5));
    }
}

/// `and`/`or`/`not` and chained comparisons per element (decision 16).
#[test]
fn logic_per_element() {
    let vars = [("i", Ty::Int64), ("r", Ty::Float32), ("width", Ty::PyInt)];
    let i: Vec<i64> = (0..8).collect();
    let r: Vec<f32> = vec![0.0, 1.5, 0.0, 3.0, f32::NAN, 0.0, 6.0, 7.0];
    let run = |src: &str| -> (Ty, Vec<f64>) {
        let e = Expr::compile(src, &vars, &ALL_FUNCS).unwrap();
        let mut out = Vec::new();
        e.eval(&[Input::I64(&i), Input::F32(&r), Input::Int(4)], 8, &mut out).unwrap();
        (e.result_type(), out)
    };
    assert_eq!(run("i > 2 and i < 6"), (Ty::Bool, vec![0., 0., 0., 1., 1., 1., 0., 0.]));
    assert_eq!(run("2 < i < 6"), (Ty::Bool, vec![0., 0., 0., 1., 1., 1., 0., 0.]));
    assert_eq!(run("i < 2 or i > 5"), (Ty::Bool, vec![1., 1., 0., 0., 0., 0., 1., 1.]));
    assert_eq!(run("not i % 2"), (Ty::Bool, vec![1., 0., 1., 0., 1., 0., 1., 0.]));
    // Python's value semantics per element: `a and b` is b where a is truthy, else a.
    let (t, v) = run("i and 10");
    assert_eq!(t, Ty::Int64);
    assert_eq!(v, vec![0., 10., 10., 10., 10., 10., 10., 10.]);
    let (t, v) = run("r or i");
    assert_eq!(t, Ty::Float64);
    assert_eq!(v[..4], [0., 1.5, 2., 3.]);
    assert!(v[4].is_nan(), "NaN is truthy");
    // Scalar left operand: Python short-circuit, then broadcast.
    assert_eq!(run("width > 5 and i").1, vec![0.0; 8]);
    assert_eq!(run("width > 3 and i").1, (0..8).map(|v| v as f64).collect::<Vec<_>>());
    assert_eq!(run("not width").0, Ty::PyBool);
}

#[test]
fn numpy_integer_semantics() {
    let vars = [("v", Ty::Int32), ("w", Ty::Int64)];
    let v = [i32::MIN, -7, 7, 0, i32::MAX];
    let w = [-1i64, 0, 2, 0, 1];
    let run = |src: &str| -> Result<Vec<f64>, String> {
        let e = Expr::compile(src, &vars, &ALL_FUNCS)?;
        let mut out = Vec::new();
        e.eval(&[Input::I32(&v), Input::I64(&w)], 5, &mut out)?;
        Ok(out)
    };
    assert_eq!(run("v // 0").unwrap(), vec![0.0; 5]);
    assert_eq!(run("v % 0").unwrap(), vec![0.0; 5]);
    assert_eq!(run("v + 1").unwrap(), vec![i32::MIN as f64 + 1.0, -6., 8., 1., i32::MIN as f64]); // wraps
    assert_eq!(run("-v").unwrap()[0], i32::MIN as f64);
    assert_eq!(run("abs(v)").unwrap()[0], i32::MIN as f64);
    assert_eq!(run("v // -1").unwrap()[0], i32::MIN as f64);
    let d = run("v / 0").unwrap();
    assert_eq!(d[..3], [f64::NEG_INFINITY, f64::NEG_INFINITY, f64::INFINITY]);
    assert!(d[3].is_nan());
    assert!(run("v ** -1").unwrap_err().contains("negative integer powers"));
    assert!(run("v + 3000000000").unwrap_err().contains("out of bounds for int32"));
    // Refused when compiled (a dry run sees it), from either side; kept where Python may skip it.
    for src in ["v + 3000000000", "9223372036854775807 * v", "(v | 0) * 9223372036854775807"] {
        let err = Expr::compile(src, &vars, &[]).unwrap_err();
        assert!(err.message.contains("out of bounds for int32"), "{src}: {}", err.message);
    }
    assert!(Expr::compile("0 and v + 3000000000", &vars, &[]).is_ok());
    assert!(Expr::compile("v * 3000000000.0", &vars, &[]).is_ok());
    assert_eq!(run("v < 3000000000").unwrap(), vec![1.0; 5]);
    assert_eq!(run("v << 31").unwrap()[2], i32::MIN as f64);
    assert_eq!(run("v >> 40").unwrap()[..3], [-1., -1., 0.]);
    assert_eq!(run("v // w").unwrap()[..3], [2147483648.0, 0., 3.], "int32 // int64 is int64");
    assert!(Expr::compile("v & 1.5", &vars, &[]).unwrap_err().message.contains("for &: 'int32' and 'float'"));
}

#[test]
fn compile_errors() {
    let vars = pm_vars(false);
    let c = |s: &str, funcs: &[&str]| Expr::compile(s, &vars, funcs).map(|_| ()).unwrap_err().message;
    assert_eq!(c("q * 2", &ALL_FUNCS), "name 'q' is not defined");
    assert_eq!(c("floor(r)", &["abs", "sin"]), "name 'floor' is not defined");
    assert_eq!(c("sin + 1", &ALL_FUNCS), "function 'sin' must be called, e.g. sin(x)");
    assert!(c("r(2)", &ALL_FUNCS).contains("cannot be called"));
    assert!(c("r & 1", &ALL_FUNCS).contains("for &: 'float32' and 'int'"), "bitwise on float32");
    assert!(c("r ^ 1.5", &ALL_FUNCS).contains("for ^:"));
    assert!(c("min(r)", &ALL_FUNCS).contains("at least 2 arguments"));
    assert!(c("sin(r, g)", &ALL_FUNCS).contains("expects 1 argument"));
    assert!(c("round(r, 2)", &ALL_FUNCS).contains("ndigits"));
    assert!(c("-(r > 2)", &ALL_FUNCS).contains("boolean negative"));
    assert!(c("(r > 2) - (g > 2)", &ALL_FUNCS).contains("boolean subtract"));
    assert!(c("", &ALL_FUNCS).contains("empty"));
    assert!(c("r +", &ALL_FUNCS).contains("unexpected end"));
    assert!(c("(r + 1", &ALL_FUNCS).contains("never closed"));
    assert!(c("r + 1)", &ALL_FUNCS).contains("unexpected ')'"));
    assert!(c("r = 1", &ALL_FUNCS).contains("'='"));
    assert!(c("r.real", &ALL_FUNCS).contains("attribute"));
    assert!(c("2j * r", &ALL_FUNCS).contains("complex"));
    assert!(c("007 + r", &ALL_FUNCS).contains("leading zeros"));
    assert!(c("99999999999999999999", &ALL_FUNCS).contains("too large"));
    assert!(c("None", &ALL_FUNCS).contains("None"));
    assert!(c("r if r else g", &ALL_FUNCS).contains("'if'"));
    assert!(c("r in g", &ALL_FUNCS).contains("'in'"));
    assert!(c("(r, g)", &ALL_FUNCS).contains("tuple"));
    assert!(c("sin(r)(2)", &ALL_FUNCS).contains("only names can be called"));
    assert!(c("r ~ 2", &ALL_FUNCS).contains("'~'"));
    assert!(c("r <> 2", &ALL_FUNCS).contains("'<>'"));
    // Deep nesting is an error, not a stack overflow.
    assert!(c(&format!("{}r{}", "(".repeat(500), ")".repeat(500)), &ALL_FUNCS).contains("too deeply nested"));
    assert!(c(&format!("r{}", "+1".repeat(50_000)), &ALL_FUNCS).contains("at most 100000"));
    // A long flat chain is not nesting: it compiles and evaluates, also on a thread with
    // a small stack, and its constant part folds.
    const LINKS: usize = 5000;
    let chain = format!("r{}{}", "+g".repeat(LINKS), "+1".repeat(LINKS));
    let handle = std::thread::Builder::new().stack_size(2 << 20).spawn(move || {
        let e = Expr::compile(&chain, &[("r", Ty::Float32), ("g", Ty::Float32)], &[]).unwrap();
        let mut out = Vec::new();
        e.eval(&[Input::F32(&[1.0]), Input::F32(&[2.0])], 1, &mut out).unwrap();
        out[0]
    });
    assert_eq!(handle.unwrap().join().unwrap(), 1.0 + 3.0 * LINKS as f64);
    let constant = format!("({}1) + r", "1 - ".repeat(LINKS));
    assert!(Expr::compile(&constant, &vars, &ALL_FUNCS).is_ok(), "a constant chain folds");
    assert!(c(&format!("{}r", "-".repeat(5000)), &ALL_FUNCS).contains("too deeply nested"));
    assert!(Expr::compile("r", &[("r", Ty::Int8)], &[]).is_err());
}

#[test]
fn which_variables_an_expression_reads() {
    let vars = [("r", Ty::Float32), ("g", Ty::Float32), ("x", Ty::Int64), ("width", Ty::PyInt)];
    let e = |s: &str| Expr::compile(s, &vars, &ALL_FUNCS).unwrap();
    let uses = |s: &str| (0..vars.len()).filter(|&k| e(s).uses(k)).collect::<Vec<_>>();
    assert_eq!(uses("r * 1.1 + 20"), vec![0]);
    assert_eq!(uses("g + g + sin(g) + 1 + 2 + 3"), vec![1]);
    assert_eq!(uses("r < g < x"), vec![0, 1, 2]);
    assert_eq!(uses("max(r, width)"), vec![0, 3]);
    assert_eq!(uses("2 ** 3 + 1"), Vec::<usize>::new());
}

#[test]
fn eval_errors_and_inputs() {
    let e = Expr::compile("r * 2 + width", &[("r", Ty::Float32), ("width", Ty::PyInt)], &[]).unwrap();
    let mut out = vec![99.0];
    assert!(e.eval(&[Input::F32(&[1.0, 2.0])], 2, &mut out).is_err(), "missing input");
    assert!(e.eval(&[Input::F32(&[1.0]), Input::Int(1)], 2, &mut out).is_err(), "wrong length");
    assert!(e.eval(&[Input::I32(&[1, 2]), Input::Int(1)], 2, &mut out).is_err(), "wrong type");
    e.eval(&[Input::Float(1.5), Input::Int(1)], 3, &mut out).unwrap();
    assert_eq!(out, vec![4.0, 4.0, 4.0], "scalar input broadcast to an array variable");
    e.eval(&[Input::F32(&[]), Input::Int(1)], 0, &mut out).unwrap();
    assert!(out.is_empty());
    // A scalar result is broadcast.
    let e = Expr::compile("width // 2", &[("r", Ty::Float32), ("width", Ty::PyInt)], &[]).unwrap();
    e.eval(&[Input::F32(&[1.0, 2.0]), Input::Int(9)], 2, &mut out).unwrap();
    assert_eq!(out, vec![4.0, 4.0]);
    assert_eq!(e.result_type(), Ty::PyInt);
    assert!(!e.is_per_lane());
}

/// Repeated evaluations (scratch vectors reused from the pool) give identical results, also
/// from several threads.
#[test]
fn repeated_and_parallel_evaluation() {
    let e = pm_compile("(r * 1.1 + g / 3) // 2 + sin(x) * (y > 1) + min(b, a)").unwrap();
    let first = pm_eval(&e, false, true).unwrap();
    for _ in 0..5 {
        assert_eq!(pm_eval(&e, false, true).unwrap(), first);
        assert_eq!(pm_eval(&e, false, false).unwrap(), first);
    }
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..3).map(|_| s.spawn(|| pm_eval(&e, false, true).unwrap())).collect();
        for h in hs {
            assert_eq!(h.join().unwrap(), first);
        }
    });
}

#[test]
fn integer_ops_substring_test() {
    assert!(has_integer_ops("r ^ 1"));
    assert!(has_integer_ops("r & g"));
    assert!(has_integer_ops("r | g"));
    assert!(has_integer_ops("r << 1"));
    assert!(has_integer_ops("r >> 1"));
    assert!(!has_integer_ops("r < 1 > 2"));
    assert!(!has_integer_ops("r * 2"));
}

/// Expressions just inside the nesting limit compile and evaluate within a 2 MB stack
/// (the default for spawned threads, e.g. rayon workers) even in debug builds.
#[test]
fn deep_but_valid_expressions() {
    let h = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let vars = [("r", Ty::Float32), ("width", Ty::PyInt)];
            let r = [1.0f32, 2.0];
            let srcs = [
                format!("{}r + 1{}", "(".repeat(190), ")".repeat(190)),
                format!("{}r", "-".repeat(190)),
                format!("r{}", " + 1".repeat(190)),
                format!("width{}", " * 1".repeat(190)),
                format!("{}r", "not ".repeat(190)),
                format!("{}r{}", "abs(".repeat(180), ")".repeat(180)),
            ];
            for src in &srcs {
                let e = Expr::compile(src, &vars, &ALL_FUNCS).unwrap();
                let mut out = Vec::new();
                e.eval(&[Input::F32(&r), Input::Int(3)], 2, &mut out).unwrap();
            }
        })
        .unwrap();
    h.join().unwrap();
}

const PM_W: usize = 6;
const PM_H: usize = 4;
const PM_R: [u8; 24] =
    [0, 1, 2, 127, 128, 129, 254, 255, 100, 50, 200, 3, 64, 65, 191, 192, 33, 34, 77, 250, 10, 99, 160, 240];
const PM_G: [u8; 24] =
    [3, 94, 185, 20, 111, 202, 37, 128, 219, 54, 145, 236, 71, 162, 253, 88, 179, 14, 105, 196, 31, 122, 213, 48];
const PM_B: [u8; 24] =
    [200, 213, 226, 239, 252, 9, 22, 35, 48, 61, 74, 87, 100, 113, 126, 139, 152, 165, 178, 191, 204, 217, 230, 243];
const PM_A: [u8; 24] =
    [0, 59, 118, 177, 236, 39, 98, 157, 216, 19, 78, 137, 196, 255, 58, 117, 176, 235, 38, 97, 156, 215, 18, 77];
/// (expression, numpy result dtype or "ERR", result cast to float32 (bits), one per pixel)
const PM_CASES: &[(&str, &str, &[u32])] = &[
    (
        "r*2",
        "Float32",
        &[
            0x00000000, 0x40000000, 0x40800000, 0x437e0000, 0x43800000, 0x43810000, 0x43fe0000, 0x43ff0000, 0x43480000,
            0x42c80000, 0x43c80000, 0x40c00000, 0x43000000, 0x43020000, 0x43bf0000, 0x43c00000, 0x42840000, 0x42880000,
            0x431a0000, 0x43fa0000, 0x41a00000, 0x43460000, 0x43a00000, 0x43f00000,
        ],
    ),
    (
        "r ^ 128",
        "Int32",
        &[
            0x43000000, 0x43010000, 0x43020000, 0x437f0000, 0x00000000, 0x3f800000, 0x42fc0000, 0x42fe0000, 0x43640000,
            0x43320000, 0x42900000, 0x43030000, 0x43400000, 0x43410000, 0x427c0000, 0x42800000, 0x43210000, 0x43220000,
            0x434d0000, 0x42f40000, 0x430a0000, 0x43630000, 0x42000000, 0x42e00000,
        ],
    ),
    (
        "r/3",
        "Float32",
        &[
            0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x42295555, 0x422aaaab, 0x422c0000, 0x42a95555, 0x42aa0000, 0x42055555,
            0x41855555, 0x42855555, 0x3f800000, 0x41aaaaab, 0x41ad5555, 0x427eaaab, 0x42800000, 0x41300000, 0x41355555,
            0x41cd5555, 0x42a6aaab, 0x40555555, 0x42040000, 0x42555555, 0x42a00000,
        ],
    ),
    (
        "(r>60)*255",
        "Int64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x437f0000, 0x437f0000, 0x437f0000, 0x437f0000, 0x437f0000, 0x437f0000,
            0x00000000, 0x437f0000, 0x00000000, 0x437f0000, 0x437f0000, 0x437f0000, 0x437f0000, 0x00000000, 0x00000000,
            0x437f0000, 0x437f0000, 0x00000000, 0x437f0000, 0x437f0000, 0x437f0000,
        ],
    ),
    (
        "r*2+g",
        "Float32",
        &[
            0x40400000, 0x42c00000, 0x433d0000, 0x43890000, 0x43b78000, 0x43e60000, 0x44084000, 0x441f8000, 0x43d18000,
            0x431a0000, 0x44084000, 0x43720000, 0x43470000, 0x43920000, 0x441ec000, 0x43ec0000, 0x43750000, 0x42a40000,
            0x43818000, 0x442e0000, 0x424c0000, 0x43a00000, 0x44054000, 0x44040000,
        ],
    ),
    (
        "x*10+y",
        "Int64",
        &[
            0x00000000, 0x41200000, 0x41a00000, 0x41f00000, 0x42200000, 0x42480000, 0x3f800000, 0x41300000, 0x41a80000,
            0x41f80000, 0x42240000, 0x424c0000, 0x40000000, 0x41400000, 0x41b00000, 0x42000000, 0x42280000, 0x42500000,
            0x40400000, 0x41500000, 0x41b80000, 0x42040000, 0x422c0000, 0x42540000,
        ],
    ),
    (
        "r * 1.1 + 20",
        "Float32",
        &[
            0x41a00000, 0x41a8cccd, 0x41b1999a, 0x431fb333, 0x4320cccd, 0x4321e667, 0x4395b333, 0x43964000, 0x43020000,
            0x42960000, 0x43700000, 0x41ba6666, 0x42b4cccd, 0x42b70000, 0x4366199a, 0x43673334, 0x42613333, 0x4265999a,
            0x42d16667, 0x43938000, 0x41f80000, 0x4300e666, 0x43440000, 0x438e0000,
        ],
    ),
    (
        "r * 0.95",
        "Float32",
        &[
            0x00000000, 0x3f733333, 0x3ff33333, 0x42f14ccd, 0x42f33333, 0x42f51999, 0x43714ccd, 0x43724000, 0x42be0000,
            0x423e0000, 0x433e0000, 0x40366666, 0x42733333, 0x42770000, 0x43357333, 0x43366666, 0x41facccd, 0x42013333,
            0x42924ccd, 0x436d8000, 0x41180000, 0x42bc1999, 0x43180000, 0x43640000,
        ],
    ),
    (
        "(r*2+g) & 511",
        "Int32",
        &[
            0x40400000, 0x42c00000, 0x433d0000, 0x43890000, 0x43b78000, 0x43e60000, 0x42040000, 0x42fc0000, 0x43d18000,
            0x431a0000, 0x42040000, 0x43720000, 0x43470000, 0x43920000, 0x42f60000, 0x43ec0000, 0x43750000, 0x42a40000,
            0x43818000, 0x43380000, 0x424c0000, 0x43a00000, 0x41a80000, 0x41800000,
        ],
    ),
    (
        "r * 100000000 | 0",
        "Int32",
        &[
            0x00000000, 0x4cbebc20, 0x4d3ebc20, 0xcd305610, 0xcca1f000, 0x4b666100, 0xcdb05610, 0xcd80a708, 0x4ea817c8,
            0x4e2817c8, 0xceafd070, 0x4d8f0d18, 0x4efaf080, 0xcef923be, 0x4ee4e5be, 0x4ef0d180, 0xce6d37fc, 0xce556078,
            0xce542d4c, 0xce378918, 0x4e6e6b28, 0x4e9c2c06, 0xce8ca6c0, 0xced2fa20,
        ],
    ),
    (
        "r << 30 | 0",
        "Int32",
        &[
            0x00000000, 0x4e800000, 0xcf000000, 0xce800000, 0x00000000, 0x4e800000, 0xcf000000, 0xce800000, 0x00000000,
            0xcf000000, 0x00000000, 0xce800000, 0x00000000, 0x4e800000, 0xce800000, 0x00000000, 0x4e800000, 0xcf000000,
            0x4e800000, 0xcf000000, 0xcf000000, 0xce800000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "r >> 3",
        "Int32",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x41700000, 0x41800000, 0x41800000, 0x41f80000, 0x41f80000, 0x41400000,
            0x40c00000, 0x41c80000, 0x00000000, 0x41000000, 0x41000000, 0x41b80000, 0x41c00000, 0x40800000, 0x40800000,
            0x41100000, 0x41f80000, 0x3f800000, 0x41400000, 0x41a00000, 0x41f00000,
        ],
    ),
    (
        "-r ^ 5",
        "Int32",
        &[
            0x40a00000, 0xc0c00000, 0xc0a00000, 0xc2f80000, 0xc2f60000, 0xc3060000, 0xc3790000, 0xc37c0000, 0xc2ce0000,
            0xc2540000, 0xc3430000, 0xc1000000, 0xc26c0000, 0xc28c0000, 0xc33c0000, 0xc33b0000, 0xc2180000, 0xc2140000,
            0xc2940000, 0xc37d0000, 0xc1500000, 0xc2d00000, 0xc31b0000, 0xc36b0000,
        ],
    ),
    (
        "(r - 128) // 7 | 0",
        "Int32",
        &[
            0xc1980000, 0xc1980000, 0xc1900000, 0xbf800000, 0x00000000, 0x00000000, 0x41900000, 0x41900000, 0xc0800000,
            0xc1400000, 0x41200000, 0xc1900000, 0xc1200000, 0xc1100000, 0x41100000, 0x41100000, 0xc1600000, 0xc1600000,
            0xc1000000, 0x41880000, 0xc1880000, 0xc0a00000, 0x40800000, 0x41800000,
        ],
    ),
    (
        "(r - 128) % 7 | 0",
        "Int32",
        &[
            0x40a00000, 0x40c00000, 0x00000000, 0x40c00000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
            0x40c00000, 0x40000000, 0x3f800000, 0x40c00000, 0x00000000, 0x00000000, 0x3f800000, 0x40400000, 0x40800000,
            0x40a00000, 0x40400000, 0x3f800000, 0x40c00000, 0x40800000, 0x00000000,
        ],
    ),
    (
        "(r - 128) % -7 | 0",
        "Int32",
        &[
            0xc0000000, 0xbf800000, 0x00000000, 0xbf800000, 0x00000000, 0xc0c00000, 0x00000000, 0xc0c00000, 0x00000000,
            0xbf800000, 0xc0a00000, 0xc0c00000, 0xbf800000, 0x00000000, 0x00000000, 0xc0c00000, 0xc0800000, 0xc0400000,
            0xc0000000, 0xc0800000, 0xc0c00000, 0xbf800000, 0xc0400000, 0x00000000,
        ],
    ),
    (
        "(r // 0) | 0",
        "Int32",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "(r % 0) | 0",
        "Int32",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "r ** 2 | 0",
        "Int32",
        &[
            0x00000000, 0x3f800000, 0x40800000, 0x467c0400, 0x46800000, 0x46820200, 0x477c0400, 0x477e0100, 0x461c4000,
            0x451c4000, 0x471c4000, 0x41100000, 0x45800000, 0x45840800, 0x470e8100, 0x47100000, 0x44882000, 0x44908000,
            0x45b94800, 0x47742400, 0x42c80000, 0x46192400, 0x46c80000, 0x47610000,
        ],
    ),
    (
        "r ** 3 | 0",
        "Int32",
        &[
            0x00000000, 0x3f800000, 0x41000000, 0x49fa0bf8, 0x4a000000, 0x4a030604, 0x4b7a0bf8, 0x4b7d02ff, 0x49742400,
            0x47f42400, 0x4af42400, 0x41d80000, 0x48800000, 0x48861820, 0x4ad4a47e, 0x4ad80000, 0x470c6100, 0x47198800,
            0x48deeaa0, 0x4b6e6b28, 0x447a0000, 0x496ce3b0, 0x4a7a0000, 0x4b52f000,
        ],
    ),
    ("r ** -1 | 0", "ERR", &[]), // ValueError: Integers to negative integer powers are not allowed.
    ("r + 3000000000 | 0", "ERR", &[]), // KeyError: '__import__'
    (
        "(r < 3000000000) | 0",
        "Int64",
        &[
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
        ],
    ),
    (
        "r / 3000000000 + (0 | 0)",
        "Float64",
        &[
            0x00000000, 0x2fb7407f, 0x3037407f, 0x3335d1fe, 0x3337407f, 0x3338af00, 0x33b5d1fe, 0x33b6893f, 0x330f2a63,
            0x328f2a63, 0x338f2a63, 0x3089705f, 0x32b7407f, 0x32ba1d81, 0x3388b91f, 0x3389705f, 0x323cfa83, 0x3242b487,
            0x32dc7999, 0x33b2f4fc, 0x3165109f, 0x330dbbe2, 0x3365109f, 0x33abcc77,
        ],
    ),
    (
        "(r - 128) // 7",
        "Float32",
        &[
            0xc1980000, 0xc1980000, 0xc1900000, 0xbf800000, 0x00000000, 0x00000000, 0x41900000, 0x41900000, 0xc0800000,
            0xc1400000, 0x41200000, 0xc1900000, 0xc1200000, 0xc1100000, 0x41100000, 0x41100000, 0xc1600000, 0xc1600000,
            0xc1000000, 0x41880000, 0xc1880000, 0xc0a00000, 0x40800000, 0x41800000,
        ],
    ),
    (
        "(r - 128) % 7",
        "Float32",
        &[
            0x40a00000, 0x40c00000, 0x00000000, 0x40c00000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
            0x40c00000, 0x40000000, 0x3f800000, 0x40c00000, 0x00000000, 0x00000000, 0x3f800000, 0x40400000, 0x40800000,
            0x40a00000, 0x40400000, 0x3f800000, 0x40c00000, 0x40800000, 0x00000000,
        ],
    ),
    (
        "(r - 128.5) // 7",
        "Float32",
        &[
            0xc1980000, 0xc1980000, 0xc1980000, 0xbf800000, 0xbf800000, 0x00000000, 0x41880000, 0x41900000, 0xc0a00000,
            0xc1400000, 0x41200000, 0xc1900000, 0xc1200000, 0xc1200000, 0x41000000, 0x41100000, 0xc1600000, 0xc1600000,
            0xc1000000, 0x41880000, 0xc1880000, 0xc0a00000, 0x40800000, 0x41700000,
        ],
    ),
    (
        "(r - 128) % -7.5",
        "Float32",
        &[
            0xbf000000, 0xc0e00000, 0xc0c00000, 0xbf800000, 0x80000000, 0xc0d00000, 0xbfc00000, 0xbf000000, 0xc0b00000,
            0xc0400000, 0xc0400000, 0xc0a00000, 0xc0800000, 0xc0400000, 0xc0900000, 0xc0600000, 0xc0a00000, 0xc0800000,
            0xc0c00000, 0xc0b00000, 0xc0b00000, 0xc0d00000, 0xc0b00000, 0xbf000000,
        ],
    ),
    (
        "r / 0",
        "Float32",
        &[
            0xffc00000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
        ],
    ),
    (
        "-r / 0 + 5",
        "Float32",
        &[
            0xffc00000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
            0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
            0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
        ],
    ),
    (
        "(r - r) / 0",
        "Float32",
        &[
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
        ],
    ),
    (
        "r // 0",
        "Float32",
        &[
            0xffc00000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
        ],
    ),
    (
        "r % 0",
        "Float32",
        &[
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
        ],
    ),
    (
        "r ** 2",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x40800000, 0x467c0400, 0x46800000, 0x46820200, 0x477c0400, 0x477e0100, 0x461c4000,
            0x451c4000, 0x471c4000, 0x41100000, 0x45800000, 0x45840800, 0x470e8100, 0x47100000, 0x44882000, 0x44908000,
            0x45b94800, 0x47742400, 0x42c80000, 0x46192400, 0x46c80000, 0x47610000,
        ],
    ),
    (
        "r ** -1 * 1000",
        "Float32",
        &[
            0x7f800000, 0x447a0000, 0x43fa0000, 0x40fbf7f0, 0x40fa0000, 0x40f80fe0, 0x407bf7f0, 0x407afafc, 0x41200000,
            0x41a00000, 0x40a00000, 0x43a6aaab, 0x417a0000, 0x41762762, 0x40a78a0e, 0x40a6aaab, 0x41f26c9c, 0x41eb4b4b,
            0x414fcace, 0x40800000, 0x42c80000, 0x41219dbd, 0x40c80000, 0x40855556,
        ],
    ),
    (
        "r ** 0.5 * 10",
        "Float32",
        &[
            0x00000000, 0x41200000, 0x41624630, 0x42e16378, 0x42e24630, 0x42e32806, 0x431f5faf, 0x431fafec, 0x42c80000,
            0x428d6bde, 0x430d6bde, 0x418a9066, 0x42a00000, 0x42a13ec2, 0x430a33e8, 0x430a9066, 0x4265c852, 0x42693cf2,
            0x42af7fd1, 0x431e1d27, 0x41fcfb72, 0x42c6ff5b, 0x42fcfb72, 0x431aeb5a,
        ],
    ),
    (
        "(r / 255) ** 0.5 * 255",
        "Float32",
        &[
            0x00000000, 0x417f7fe0, 0x41b4aa5a, 0x4333f555, 0x4334aa5a, 0x43355eab, 0x437e7fe0, 0x437f0000, 0x431fafec,
            0x42e1d4f0, 0x4361d4f0, 0x41dd44e2, 0x42ff7fe0, 0x4300be72, 0x435cb12d, 0x435d44e2, 0x42b77774, 0x42ba39c6,
            0x430c1ffc, 0x437c7cd5, 0x4249fd78, 0x431ee302, 0x4349fd78, 0x437762e7,
        ],
    ),
    (
        "r ** 3 / 1000",
        "Float32",
        &[
            0x00000000, 0x3a83126f, 0x3c03126f, 0x45000621, 0x4503126f, 0x45062b06, 0x46800621, 0x46818ac0, 0x447a0000,
            0x42fa0000, 0x45fa0000, 0x3cdd2f1b, 0x4383126f, 0x43895000, 0x45d9bef8, 0x45dd2f1b, 0x420fbf7d, 0x421d374c,
            0x43e44439, 0x46742400, 0x3f800000, 0x44729323, 0x45800000, 0x46580000,
        ],
    ),
    (
        "x ** 2",
        "Int64",
        &[
            0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000,
            0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000,
            0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000,
        ],
    ),
    ("x ** -1", "ERR", &[]), // ValueError: Integers to negative integer powers are not allowed.
    (
        "x ** 3 - y ** 2",
        "Int64",
        &[
            0x00000000, 0x3f800000, 0x41000000, 0x41d80000, 0x42800000, 0x42fa0000, 0xbf800000, 0x00000000, 0x40e00000,
            0x41d00000, 0x427c0000, 0x42f80000, 0xc0800000, 0xc0400000, 0x40800000, 0x41b80000, 0x42700000, 0x42f20000,
            0xc1100000, 0xc1000000, 0xbf800000, 0x41900000, 0x425c0000, 0x42e80000,
        ],
    ),
    (
        "sqrt(width) * r",
        "Float64",
        &[
            0x00000000, 0x401cc471, 0x409cc471, 0x439b8ae8, 0x439cc471, 0x439dfdfa, 0x441b8ae8, 0x441c27ac, 0x4374f2f0,
            0x42f4f2f0, 0x43f4f2f0, 0x40eb26a9, 0x431cc471, 0x431f3782, 0x43e9ed20, 0x43eb26a9, 0x42a1aa94, 0x42a690b8,
            0x433c9c58, 0x441917d6, 0x41c3f58d, 0x43727fde, 0x43c3f58d, 0x4412f82a,
        ],
    ),
    (
        "abs(width - 300) * r / 255",
        "Float64",
        &[
            0x00000000, 0x3f939394, 0x40139394, 0x43126c6c, 0x43139394, 0x4314babb, 0x43926c6c, 0x43930000, 0x42e69697,
            0x42669697, 0x43669697, 0x405d5d5d, 0x42939394, 0x4295e1e2, 0x435c3636, 0x435d5d5d, 0x42183030, 0x421ccccd,
            0x42b18d8e, 0x43901e1e, 0x41387878, 0x42e44848, 0x43387878, 0x438a5a5a,
        ],
    ),
    (
        "abs(r - 128) * 2",
        "Float32",
        &[
            0x43800000, 0x437e0000, 0x437c0000, 0x40000000, 0x00000000, 0x40000000, 0x437c0000, 0x437e0000, 0x42600000,
            0x431c0000, 0x43100000, 0x437a0000, 0x43000000, 0x42fc0000, 0x42fc0000, 0x43000000, 0x433e0000, 0x433c0000,
            0x42cc0000, 0x43740000, 0x436c0000, 0x42680000, 0x42800000, 0x43600000,
        ],
    ),
    (
        "abs(x - 3) * 40",
        "Int64",
        &[
            0x42f00000, 0x42a00000, 0x42200000, 0x00000000, 0x42200000, 0x42a00000, 0x42f00000, 0x42a00000, 0x42200000,
            0x00000000, 0x42200000, 0x42a00000, 0x42f00000, 0x42a00000, 0x42200000, 0x00000000, 0x42200000, 0x42a00000,
            0x42f00000, 0x42a00000, 0x42200000, 0x00000000, 0x42200000, 0x42a00000,
        ],
    ),
    (
        "min(r, g)",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x40000000, 0x41a00000, 0x42de0000, 0x43010000, 0x42140000, 0x43000000, 0x42c80000,
            0x42480000, 0x43110000, 0x40400000, 0x42800000, 0x42820000, 0x433f0000, 0x42b00000, 0x42040000, 0x41600000,
            0x429a0000, 0x43440000, 0x41200000, 0x42c60000, 0x43200000, 0x42400000,
        ],
    ),
    (
        "max(r, 128.5)",
        "Float32",
        &[
            0x43008000, 0x43008000, 0x43008000, 0x43008000, 0x43008000, 0x43010000, 0x437e0000, 0x437f0000, 0x43008000,
            0x43008000, 0x43480000, 0x43008000, 0x43008000, 0x43008000, 0x433f0000, 0x43400000, 0x43008000, 0x43008000,
            0x43008000, 0x437a0000, 0x43008000, 0x43008000, 0x43200000, 0x43700000,
        ],
    ),
    (
        "max(x, y) * 20",
        "Int64",
        &[
            0x00000000, 0x41a00000, 0x42200000, 0x42700000, 0x42a00000, 0x42c80000, 0x41a00000, 0x41a00000, 0x42200000,
            0x42700000, 0x42a00000, 0x42c80000, 0x42200000, 0x42200000, 0x42200000, 0x42700000, 0x42a00000, 0x42c80000,
            0x42700000, 0x42700000, 0x42700000, 0x42700000, 0x42a00000, 0x42c80000,
        ],
    ),
    (
        "min(width, 3) * r",
        "Float64",
        &[
            0x00000000, 0x40400000, 0x40c00000, 0x43be8000, 0x43c00000, 0x43c18000, 0x443e8000, 0x443f4000, 0x43960000,
            0x43160000, 0x44160000, 0x41100000, 0x43400000, 0x43430000, 0x440f4000, 0x44100000, 0x42c60000, 0x42cc0000,
            0x43670000, 0x443b8000, 0x41f00000, 0x43948000, 0x43f00000, 0x44340000,
        ],
    ),
    (
        "pow(r, 2)",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x40800000, 0x467c0400, 0x46800000, 0x46820200, 0x477c0400, 0x477e0100, 0x461c4000,
            0x451c4000, 0x471c4000, 0x41100000, 0x45800000, 0x45840800, 0x470e8100, 0x47100000, 0x44882000, 0x44908000,
            0x45b94800, 0x47742400, 0x42c80000, 0x46192400, 0x46c80000, 0x47610000,
        ],
    ),
    (
        "pow(x, 2)",
        "Int64",
        &[
            0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000,
            0x41100000, 0x41800000, 0x41c80000, 0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000,
            0x00000000, 0x3f800000, 0x40800000, 0x41100000, 0x41800000, 0x41c80000,
        ],
    ),
    (
        "pow(r, 0.5) * 10",
        "Float32",
        &[
            0x00000000, 0x41200000, 0x41624630, 0x42e16378, 0x42e24630, 0x42e32806, 0x431f5faf, 0x431fafec, 0x42c80000,
            0x428d6bde, 0x430d6bde, 0x418a9066, 0x42a00000, 0x42a13ec2, 0x430a33e8, 0x430a9066, 0x4265c852, 0x42693cf2,
            0x42af7fd1, 0x431e1d27, 0x41fcfb72, 0x42c6ff5b, 0x42fcfb72, 0x431aeb5a,
        ],
    ),
    (
        "floor(r / 3)",
        "Float32",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x42280000, 0x42280000, 0x422c0000, 0x42a80000, 0x42aa0000, 0x42040000,
            0x41800000, 0x42840000, 0x3f800000, 0x41a80000, 0x41a80000, 0x427c0000, 0x42800000, 0x41300000, 0x41300000,
            0x41c80000, 0x42a60000, 0x40400000, 0x42040000, 0x42540000, 0x42a00000,
        ],
    ),
    (
        "ceil(r / 3)",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x3f800000, 0x422c0000, 0x422c0000, 0x422c0000, 0x42aa0000, 0x42aa0000, 0x42080000,
            0x41880000, 0x42860000, 0x3f800000, 0x41b00000, 0x41b00000, 0x42800000, 0x42800000, 0x41300000, 0x41400000,
            0x41d00000, 0x42a80000, 0x40800000, 0x42040000, 0x42580000, 0x42a00000,
        ],
    ),
    (
        "round(r / 2)",
        "Float32",
        &[
            0x00000000, 0x00000000, 0x3f800000, 0x42800000, 0x42800000, 0x42800000, 0x42fe0000, 0x43000000, 0x42480000,
            0x41c80000, 0x42c80000, 0x40000000, 0x42000000, 0x42000000, 0x42c00000, 0x42c00000, 0x41800000, 0x41880000,
            0x42180000, 0x42fa0000, 0x40a00000, 0x42480000, 0x42a00000, 0x42f00000,
        ],
    ),
    (
        "round(r / 2.0) * 2",
        "Float32",
        &[
            0x00000000, 0x00000000, 0x40000000, 0x43000000, 0x43000000, 0x43000000, 0x437e0000, 0x43800000, 0x42c80000,
            0x42480000, 0x43480000, 0x40800000, 0x42800000, 0x42800000, 0x43400000, 0x43400000, 0x42000000, 0x42080000,
            0x42980000, 0x437a0000, 0x41200000, 0x42c80000, 0x43200000, 0x43700000,
        ],
    ),
    (
        "round(x / 2)",
        "Float64",
        &[
            0x00000000, 0x00000000, 0x3f800000, 0x40000000, 0x40000000, 0x40000000, 0x00000000, 0x00000000, 0x3f800000,
            0x40000000, 0x40000000, 0x40000000, 0x00000000, 0x00000000, 0x3f800000, 0x40000000, 0x40000000, 0x40000000,
            0x00000000, 0x00000000, 0x3f800000, 0x40000000, 0x40000000, 0x40000000,
        ],
    ),
    (
        "int(r / 3) * 3",
        "Int64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x42fc0000, 0x42fc0000, 0x43010000, 0x437c0000, 0x437f0000, 0x42c60000,
            0x42400000, 0x43460000, 0x40400000, 0x427c0000, 0x427c0000, 0x433d0000, 0x43400000, 0x42040000, 0x42040000,
            0x42960000, 0x43790000, 0x41100000, 0x42c60000, 0x431f0000, 0x43700000,
        ],
    ),
    (
        "float(x) / 3",
        "Float64",
        &[
            0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x3f800000, 0x3faaaaab, 0x3fd55555, 0x00000000, 0x3eaaaaab, 0x3f2aaaab,
            0x3f800000, 0x3faaaaab, 0x3fd55555, 0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x3f800000, 0x3faaaaab, 0x3fd55555,
            0x00000000, 0x3eaaaaab, 0x3f2aaaab, 0x3f800000, 0x3faaaaab, 0x3fd55555,
        ],
    ),
    (
        "r * (width / height)",
        "Float32",
        &[
            0x00000000, 0x3fc00000, 0x40400000, 0x433e8000, 0x43400000, 0x43418000, 0x43be8000, 0x43bf4000, 0x43160000,
            0x42960000, 0x43960000, 0x40900000, 0x42c00000, 0x42c30000, 0x438f4000, 0x43900000, 0x42460000, 0x424c0000,
            0x42e70000, 0x43bb8000, 0x41700000, 0x43148000, 0x43700000, 0x43b40000,
        ],
    ),
    (
        "r * (width // 4)",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x40000000, 0x42fe0000, 0x43000000, 0x43010000, 0x437e0000, 0x437f0000, 0x42c80000,
            0x42480000, 0x43480000, 0x40400000, 0x42800000, 0x42820000, 0x433f0000, 0x43400000, 0x42040000, 0x42080000,
            0x429a0000, 0x437a0000, 0x41200000, 0x42c60000, 0x43200000, 0x43700000,
        ],
    ),
    (
        "2 ** -1 * r",
        "Float32",
        &[
            0x00000000, 0x3f000000, 0x3f800000, 0x427e0000, 0x42800000, 0x42810000, 0x42fe0000, 0x42ff0000, 0x42480000,
            0x41c80000, 0x42c80000, 0x3fc00000, 0x42000000, 0x42020000, 0x42bf0000, 0x42c00000, 0x41840000, 0x41880000,
            0x421a0000, 0x42fa0000, 0x40a00000, 0x42460000, 0x42a00000, 0x42f00000,
        ],
    ),
    (
        "-7 // 2 + r",
        "Float32",
        &[
            0xc0800000, 0xc0400000, 0xc0000000, 0x42f60000, 0x42f80000, 0x42fa0000, 0x437a0000, 0x437b0000, 0x42c00000,
            0x42380000, 0x43440000, 0xbf800000, 0x42700000, 0x42740000, 0x433b0000, 0x433c0000, 0x41e80000, 0x41f00000,
            0x42920000, 0x43760000, 0x40c00000, 0x42be0000, 0x431c0000, 0x436c0000,
        ],
    ),
    (
        "-7 % 3 + r",
        "Float32",
        &[
            0x40000000, 0x40400000, 0x40800000, 0x43010000, 0x43020000, 0x43030000, 0x43800000, 0x43808000, 0x42cc0000,
            0x42500000, 0x434a0000, 0x40a00000, 0x42840000, 0x42860000, 0x43410000, 0x43420000, 0x420c0000, 0x42100000,
            0x429e0000, 0x437c0000, 0x41400000, 0x42ca0000, 0x43220000, 0x43720000,
        ],
    ),
    (
        "r + 3000000000",
        "Float32",
        &[
            0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05f, 0x4f32d05f, 0x4f32d05e,
            0x4f32d05e, 0x4f32d05f, 0x4f32d05e, 0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05f, 0x4f32d05e, 0x4f32d05e,
            0x4f32d05e, 0x4f32d05f, 0x4f32d05e, 0x4f32d05e, 0x4f32d05f, 0x4f32d05f,
        ],
    ),
    (
        "r > 2.5",
        "Bool",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
        ],
    ),
    (
        "r == 128",
        "Bool",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "(r > 100) + (g > 100)",
        "Bool",
        &[
            0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x00000000,
            0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000,
        ],
    ),
    (
        "(r > 100) * (g > 100)",
        "Bool",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
            0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000,
        ],
    ),
    (
        "(r > 100) / (g > 100)",
        "Float64",
        &[
            0xffc00000, 0xffc00000, 0x00000000, 0x7f800000, 0x3f800000, 0x3f800000, 0x7f800000, 0x3f800000, 0x00000000,
            0xffc00000, 0x3f800000, 0x00000000, 0xffc00000, 0x00000000, 0x3f800000, 0x7f800000, 0x00000000, 0xffc00000,
            0x00000000, 0x3f800000, 0xffc00000, 0x00000000, 0x3f800000, 0x7f800000,
        ],
    ),
    (
        "((r > 100) // (g > 100)) * 100",
        "Int8",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x42c80000, 0x00000000,
            0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x42c80000, 0x00000000,
        ],
    ),
    (
        "((r > 100) % (g > 100)) * 100",
        "Int8",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "((r > 5) << (g > 5)) * 100",
        "Int8",
        &[
            0x00000000, 0x00000000, 0x00000000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000,
            0xc2600000, 0xc2600000, 0x00000000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000,
            0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000, 0xc2600000,
        ],
    ),
    ("((r > 5) << (g > 5)) * 1000 | 0", "ERR", &[]), // KeyError: '__import__'
    (
        "(r > 100) ** 2 * 100",
        "Int8",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x00000000,
            0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x00000000,
            0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000,
        ],
    ),
    (
        "(r > 100) ** 3 * 100",
        "Int64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x00000000,
            0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x00000000,
            0x00000000, 0x42c80000, 0x00000000, 0x00000000, 0x42c80000, 0x42c80000,
        ],
    ),
    (
        "((r > 100) ** (g > 100)) * 100",
        "Int8",
        &[
            0x42c80000, 0x42c80000, 0x00000000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x00000000,
            0x42c80000, 0x42c80000, 0x00000000, 0x42c80000, 0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x42c80000,
            0x00000000, 0x42c80000, 0x42c80000, 0x00000000, 0x42c80000, 0x42c80000,
        ],
    ),
    (
        "sin(r > 100) * 1000",
        "Float16",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x44526000, 0x44526000, 0x44526000, 0x44526000, 0x44526000, 0x00000000,
            0x00000000, 0x44526000, 0x00000000, 0x00000000, 0x00000000, 0x44526000, 0x44526000, 0x00000000, 0x00000000,
            0x00000000, 0x44526000, 0x00000000, 0x00000000, 0x44526000, 0x44526000,
        ],
    ),
    (
        "sqrt(r > 100) * 1000",
        "Float16",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x447a0000, 0x447a0000, 0x447a0000, 0x447a0000, 0x447a0000, 0x00000000,
            0x00000000, 0x447a0000, 0x00000000, 0x00000000, 0x00000000, 0x447a0000, 0x447a0000, 0x00000000, 0x00000000,
            0x00000000, 0x447a0000, 0x00000000, 0x00000000, 0x447a0000, 0x447a0000,
        ],
    ),
    (
        "round(r > 100) * 1000.7",
        "Float16",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x447a2000, 0x447a2000, 0x447a2000, 0x447a2000, 0x447a2000, 0x00000000,
            0x00000000, 0x447a2000, 0x00000000, 0x00000000, 0x00000000, 0x447a2000, 0x447a2000, 0x00000000, 0x00000000,
            0x00000000, 0x447a2000, 0x00000000, 0x00000000, 0x447a2000, 0x447a2000,
        ],
    ),
    ("(r > 100) - (g > 100)", "ERR", &[]), // TypeError: numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.
    ("-(r > 100)", "ERR", &[]), // TypeError: The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.
    ("+(r > 100)", "ERR", &[]), // UFuncTypeError: ufunc 'positive' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None
    (
        "(r > 100) & (g > 100)",
        "Bool",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
            0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000,
        ],
    ),
    (
        "(r > 100) ^ 1",
        "Int64",
        &[
            0x3f800000, 0x3f800000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000,
            0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "(r > 100) * 1.5",
        "Float64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x00000000,
            0x00000000, 0x3fc00000, 0x00000000, 0x00000000, 0x00000000, 0x3fc00000, 0x3fc00000, 0x00000000, 0x00000000,
            0x00000000, 0x3fc00000, 0x00000000, 0x00000000, 0x3fc00000, 0x3fc00000,
        ],
    ),
    ("r & 1.5", "ERR", &[]), // TypeError: ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''
    (
        "r * True + False",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x40000000, 0x42fe0000, 0x43000000, 0x43010000, 0x437e0000, 0x437f0000, 0x42c80000,
            0x42480000, 0x43480000, 0x40400000, 0x42800000, 0x42820000, 0x433f0000, 0x43400000, 0x42040000, 0x42080000,
            0x429a0000, 0x437a0000, 0x41200000, 0x42c60000, 0x43200000, 0x43700000,
        ],
    ),
    (
        "sin(x / 3.0) * 100 + 128",
        "Float64",
        &[
            0x43000000, 0x4320b82f, 0x433dd644, 0x435425a8, 0x4361319c, 0x43638a72, 0x43000000, 0x4320b82f, 0x433dd644,
            0x435425a8, 0x4361319c, 0x43638a72, 0x43000000, 0x4320b82f, 0x433dd644, 0x435425a8, 0x4361319c, 0x43638a72,
            0x43000000, 0x4320b82f, 0x433dd644, 0x435425a8, 0x4361319c, 0x43638a72,
        ],
    ),
    (
        "cos(y) * 50 + 100",
        "Float64",
        &[
            0x43160000, 0x43160000, 0x43160000, 0x43160000, 0x43160000, 0x43160000, 0x42fe07bd, 0x42fe07bd, 0x42fe07bd,
            0x42fe07bd, 0x42fe07bd, 0x42fe07bd, 0x429e62a4, 0x429e62a4, 0x429e62a4, 0x429e62a4, 0x429e62a4, 0x429e62a4,
            0x424a0062, 0x424a0062, 0x424a0062, 0x424a0062, 0x424a0062, 0x424a0062,
        ],
    ),
    (
        "sqrt(x * 1000)",
        "Float64",
        &[
            0x00000000, 0x41fcfb72, 0x4232e2ac, 0x425b16ca, 0x427cfb72, 0x428d6bde, 0x00000000, 0x41fcfb72, 0x4232e2ac,
            0x425b16ca, 0x427cfb72, 0x428d6bde, 0x00000000, 0x41fcfb72, 0x4232e2ac, 0x425b16ca, 0x427cfb72, 0x428d6bde,
            0x00000000, 0x41fcfb72, 0x4232e2ac, 0x425b16ca, 0x427cfb72, 0x428d6bde,
        ],
    ),
    (
        "r % 7.5 - g // 9.5",
        "Float32",
        &[
            0x00000000, 0xc1000000, 0xc1880000, 0x40a00000, 0xc1280000, 0xc19c0000, 0x40600000, 0xc1500000, 0xc1a40000,
            0x00000000, 0xc1200000, 0xc1a80000, 0xc0400000, 0xc1400000, 0xc1b40000, 0xc0900000, 0xc1700000, 0x40400000,
            0xc1100000, 0xc18c0000, 0xbf000000, 0xc1280000, 0xc19c0000, 0xc0a00000,
        ],
    ),
    (
        "(r - 100) // -3.25",
        "Float32",
        &[
            0x41f00000, 0x41f00000, 0x41f00000, 0xc1100000, 0xc1100000, 0xc1100000, 0xc2400000, 0xc2400000, 0x80000000,
            0x41700000, 0xc1f80000, 0x41e80000, 0x41300000, 0x41200000, 0xc1e00000, 0xc1e80000, 0x41a00000, 0x41a00000,
            0x40e00000, 0xc23c0000, 0x41d80000, 0x00000000, 0xc1980000, 0xc2300000,
        ],
    ),
    (
        "1e3 - r * 3",
        "Float32",
        &[
            0x447a0000, 0x44794000, 0x44788000, 0x441ac000, 0x441a0000, 0x44194000, 0x436e0000, 0x436b0000, 0x442f0000,
            0x44548000, 0x43c80000, 0x4477c000, 0x444a0000, 0x44494000, 0x43d58000, 0x43d40000, 0x44614000, 0x44608000,
            0x44404000, 0x437a0000, 0x44728000, 0x442fc000, 0x44020000, 0x438c0000,
        ],
    ),
    (
        ".5 * r + 1_000 * 0.1",
        "Float32",
        &[
            0x42c80000, 0x42c90000, 0x42ca0000, 0x43238000, 0x43240000, 0x43248000, 0x43630000, 0x43638000, 0x43160000,
            0x42fa0000, 0x43480000, 0x42cb0000, 0x43040000, 0x43048000, 0x43438000, 0x43440000, 0x42e90000, 0x42ea0000,
            0x430a8000, 0x43610000, 0x42d20000, 0x43158000, 0x43340000, 0x435c0000,
        ],
    ),
    (
        "0x10 * x + 0b11",
        "Int64",
        &[
            0x40400000, 0x41980000, 0x420c0000, 0x424c0000, 0x42860000, 0x42a60000, 0x40400000, 0x41980000, 0x420c0000,
            0x424c0000, 0x42860000, 0x42a60000, 0x40400000, 0x41980000, 0x420c0000, 0x424c0000, 0x42860000, 0x42a60000,
            0x40400000, 0x41980000, 0x420c0000, 0x424c0000, 0x42860000, 0x42a60000,
        ],
    ),
    (
        "r * 1e-3 * 1e3",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x40000000, 0x42fe0001, 0x43000000, 0x43010001, 0x437e0001, 0x437f0002, 0x42c80000,
            0x42480000, 0x43480000, 0x40400000, 0x42800000, 0x42820001, 0x433f0001, 0x43400000, 0x42040000, 0x42080000,
            0x429a0001, 0x437a0000, 0x41200001, 0x42c60001, 0x43200001, 0x43700001,
        ],
    ),
    (
        "r * 1e40",
        "Float32",
        &[
            0xffc00000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
            0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
        ],
    ),
    (
        "-r * 1e40",
        "Float32",
        &[
            0xffc00000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
            0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
            0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000, 0xff800000,
        ],
    ),
    (
        "r * 1e40 - r * 1e40",
        "Float32",
        &[
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
        ],
    ),
    (
        "(r - r) * 1e40 / 0",
        "Float32",
        &[
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
            0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000, 0xffc00000,
        ],
    ),
    (
        "width * height + 0 * r",
        "Float32",
        &[
            0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000,
            0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000,
            0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000, 0x41c00000,
        ],
    ),
    (
        "width / height",
        "PyFloat",
        &[
            0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000,
            0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000,
            0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000, 0x3fc00000,
        ],
    ),
    (
        "width // 4 * 100",
        "PyInt",
        &[
            0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
            0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
            0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000, 0x42c80000,
        ],
    ),
    (
        "width ** 2",
        "PyInt",
        &[
            0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000,
            0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000,
            0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000, 0x42100000,
        ],
    ),
    (
        "True + True",
        "PyInt",
        &[
            0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000,
            0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000,
            0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000, 0x40000000,
        ],
    ),
    (
        "2 ** 0.5 * 100",
        "PyFloat",
        &[
            0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde,
            0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde,
            0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde, 0x430d6bde,
        ],
    ),
    (
        "abs(-3)",
        "Int64",
        &[
            0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000,
            0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000,
            0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000, 0x40400000,
        ],
    ),
    (
        "x // 0",
        "Int64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "x % 0",
        "Int64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "(x - 3) // 2",
        "Int64",
        &[
            0xc0000000, 0xbf800000, 0xbf800000, 0x00000000, 0x00000000, 0x3f800000, 0xc0000000, 0xbf800000, 0xbf800000,
            0x00000000, 0x00000000, 0x3f800000, 0xc0000000, 0xbf800000, 0xbf800000, 0x00000000, 0x00000000, 0x3f800000,
            0xc0000000, 0xbf800000, 0xbf800000, 0x00000000, 0x00000000, 0x3f800000,
        ],
    ),
    (
        "(x - 3) % 2",
        "Int64",
        &[
            0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000,
            0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
            0x3f800000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
        ],
    ),
    (
        "x / 2",
        "Float64",
        &[
            0x00000000, 0x3f000000, 0x3f800000, 0x3fc00000, 0x40000000, 0x40200000, 0x00000000, 0x3f000000, 0x3f800000,
            0x3fc00000, 0x40000000, 0x40200000, 0x00000000, 0x3f000000, 0x3f800000, 0x3fc00000, 0x40000000, 0x40200000,
            0x00000000, 0x3f000000, 0x3f800000, 0x3fc00000, 0x40000000, 0x40200000,
        ],
    ),
    (
        "x ** 0",
        "Int64",
        &[
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
        ],
    ),
    (
        "r ** 0",
        "Float32",
        &[
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
        ],
    ),
    (
        "(r > 5) ** 0",
        "Int64",
        &[
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
        ],
    ),
    (
        "-x // 4",
        "Int64",
        &[
            0x00000000, 0xbf800000, 0xbf800000, 0xbf800000, 0xbf800000, 0xc0000000, 0x00000000, 0xbf800000, 0xbf800000,
            0xbf800000, 0xbf800000, 0xc0000000, 0x00000000, 0xbf800000, 0xbf800000, 0xbf800000, 0xbf800000, 0xc0000000,
            0x00000000, 0xbf800000, 0xbf800000, 0xbf800000, 0xbf800000, 0xc0000000,
        ],
    ),
    (
        "-(x * 1000000000000)",
        "Int64",
        &[
            0x00000000, 0xd368d4a5, 0xd3e8d4a5, 0xd42e9f7c, 0xd468d4a5, 0xd49184e7, 0x00000000, 0xd368d4a5, 0xd3e8d4a5,
            0xd42e9f7c, 0xd468d4a5, 0xd49184e7, 0x00000000, 0xd368d4a5, 0xd3e8d4a5, 0xd42e9f7c, 0xd468d4a5, 0xd49184e7,
            0x00000000, 0xd368d4a5, 0xd3e8d4a5, 0xd42e9f7c, 0xd468d4a5, 0xd49184e7,
        ],
    ),
    (
        "x * 4611686018427387904",
        "Int64",
        &[
            0x00000000, 0x5e800000, 0xdf000000, 0xde800000, 0x00000000, 0x5e800000, 0x00000000, 0x5e800000, 0xdf000000,
            0xde800000, 0x00000000, 0x5e800000, 0x00000000, 0x5e800000, 0xdf000000, 0xde800000, 0x00000000, 0x5e800000,
            0x00000000, 0x5e800000, 0xdf000000, 0xde800000, 0x00000000, 0x5e800000,
        ],
    ),
    (
        "y * 9223372036854775807 + y",
        "Int64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0xdf000000, 0xdf000000, 0xdf000000,
            0xdf000000, 0xdf000000, 0xdf000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000, 0xdf000000,
        ],
    ),
    (
        "(r > 2.5) | 0",
        "Int64",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
            0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000,
        ],
    ),
    (
        "(r ^ 255) / 2",
        "Float64",
        &[
            0x42ff0000, 0x42fe0000, 0x42fd0000, 0x42800000, 0x427e0000, 0x427c0000, 0x3f000000, 0x00000000, 0x429b0000,
            0x42cd0000, 0x41dc0000, 0x42fc0000, 0x42bf0000, 0x42be0000, 0x42000000, 0x41fc0000, 0x42de0000, 0x42dd0000,
            0x42b20000, 0x40200000, 0x42f50000, 0x429c0000, 0x423e0000, 0x40f00000,
        ],
    ),
    (
        "r % 3 == 0 | 0",
        "Bool",
        &[
            0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000, 0x00000000,
            0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x3f800000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x3f800000, 0x00000000, 0x3f800000,
        ],
    ),
    (
        "(r & 15) * 1.5",
        "Float64",
        &[
            0x00000000, 0x3fc00000, 0x40400000, 0x41b40000, 0x00000000, 0x3fc00000, 0x41a80000, 0x41b40000, 0x40c00000,
            0x40400000, 0x41400000, 0x40900000, 0x00000000, 0x3fc00000, 0x41b40000, 0x00000000, 0x3fc00000, 0x40400000,
            0x419c0000, 0x41700000, 0x41700000, 0x40900000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "r >> 1 << 1",
        "Int32",
        &[
            0x00000000, 0x00000000, 0x40000000, 0x42fc0000, 0x43000000, 0x43000000, 0x437e0000, 0x437e0000, 0x42c80000,
            0x42480000, 0x43480000, 0x40000000, 0x42800000, 0x42800000, 0x433e0000, 0x43400000, 0x42000000, 0x42080000,
            0x42980000, 0x437a0000, 0x41200000, 0x42c40000, 0x43200000, 0x43700000,
        ],
    ),
    (
        "(r | g) - (r & g)",
        "Int32",
        &[
            0x40400000, 0x42be0000, 0x433b0000, 0x42d60000, 0x436f0000, 0x42960000, 0x435b0000, 0x42fe0000, 0x433f0000,
            0x40800000, 0x42b20000, 0x436f0000, 0x40e00000, 0x43630000, 0x42840000, 0x43180000, 0x43120000, 0x42300000,
            0x42100000, 0x42780000, 0x41a80000, 0x41c80000, 0x42ea0000, 0x43400000,
        ],
    ),
    (
        "(r ^ g) // (b | 1)",
        "Int32",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x41000000, 0x41100000, 0x40400000, 0x40400000,
            0x00000000, 0x3f800000, 0x40000000, 0x00000000, 0x40000000, 0x00000000, 0x3f800000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "(r ^ g) ** 2 % 1000",
        "Int32",
        &[
            0x41100000, 0x41c80000, 0x44724000, 0x43e08000, 0x42f20000, 0x441c4000, 0x44704000, 0x43010000, 0x43f08000,
            0x41800000, 0x44664000, 0x42f20000, 0x42440000, 0x44044000, 0x43b20000, 0x42d00000, 0x439e0000, 0x446a0000,
            0x43940000, 0x44530000, 0x43dc8000, 0x441c4000, 0x442c4000, 0x44580000,
        ],
    ),
    (
        "r * g * b | 0",
        "Int32",
        &[
            0x00000000, 0x469c6c00, 0x47a35200, 0x49143540, 0x4a5a8800, 0x48650680, 0x4849e900, 0x498b7400, 0x49805200,
            0x4820d700, 0x4a02fb40, 0x47709c00, 0x48dde000, 0x49914010, 0x4ab9cff4, 0x4a0f5800, 0x495b3480, 0x47996600,
            0x49afacd0, 0x4b0ece98, 0x47770800, 0x4a1ff7f8, 0x4aef3580, 0x4a2adc00,
        ],
    ),
    (
        "(x << 2) | y",
        "Int64",
        &[
            0x00000000, 0x40800000, 0x41000000, 0x41400000, 0x41800000, 0x41a00000, 0x3f800000, 0x40a00000, 0x41100000,
            0x41500000, 0x41880000, 0x41a80000, 0x40000000, 0x40c00000, 0x41200000, 0x41600000, 0x41900000, 0x41b00000,
            0x40400000, 0x40e00000, 0x41300000, 0x41700000, 0x41980000, 0x41b80000,
        ],
    ),
    (
        "(x | 1) / (y | 2)",
        "Float64",
        &[
            0x3f000000, 0x3f000000, 0x3fc00000, 0x3fc00000, 0x40200000, 0x40200000, 0x3eaaaaab, 0x3eaaaaab, 0x3f800000,
            0x3f800000, 0x3fd55555, 0x3fd55555, 0x3f000000, 0x3f000000, 0x3fc00000, 0x3fc00000, 0x40200000, 0x40200000,
            0x3eaaaaab, 0x3eaaaaab, 0x3f800000, 0x3f800000, 0x3fd55555, 0x3fd55555,
        ],
    ),
    (
        "r * 1.0000001 - r",
        "Float32",
        &[
            0x00000000, 0x34000000, 0x34800000, 0x37800000, 0x37800000, 0x37800000, 0x38000000, 0x38000000, 0x37800000,
            0x37000000, 0x38000000, 0x35000000, 0x37000000, 0x37000000, 0x37800000, 0x38000000, 0x36800000, 0x36800000,
            0x37000000, 0x38000000, 0x35800000, 0x37800000, 0x37800000, 0x38000000,
        ],
    ),
    (
        "r / 7 * 7 - r",
        "Float32",
        &[
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0xb7800000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000,
        ],
    ),
    (
        "(r + 0.1) * (g - 0.1) / (b + 0.3)",
        "Float32",
        &[
            0x3abdc50f, 0x3ef7ef4b, 0x3fdb9ffa, 0x41291cd2, 0x42613a82, 0x452f2b83, 0x43d23b12, 0x4467124c, 0x43e2d4c6,
            0x42303549, 0x43c31e21, 0x41060727, 0x42353e6e, 0x42ba0c9b, 0x43bf53b4, 0x42f26f56, 0x421b863b, 0x40378459,
            0x4235713a, 0x43800e94, 0x3fc3889b, 0x425e5ee8, 0x431400fd, 0x423d147b,
        ],
    ),
    (
        "(r - 127.5) ** 3 / 10000",
        "Float32",
        &[
            0xc34f4466, 0xc34a6db0, 0xc345aa67, 0xb751b717, 0x3751b717, 0x39b0f27c, 0x434a6db0, 0x434f4466, 0xc005199a,
            0xc23a319a, 0x42186e66, 0xc340fa66, 0xc1ccd69b, 0xc1c35000, 0x41ccd69b, 0x41d6ab3d, 0xc2a8c81f, 0xc2a37ae6,
            0xc14e0f69, 0x4337d39a, 0xc3223933, 0xc0142787, 0x405bb333, 0x430e6200,
        ],
    ),
];
const PM_R_TIMES_1_1_PLUS_20: [u8; 256] = [
    20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 42, 43, 44, 45, 46, 47, 48, 49, 50,
    51, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 75, 76, 77, 78, 79, 80, 81, 82,
    83, 84, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 130, 131, 132, 133, 134, 135, 136,
    137, 138, 139, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161,
    163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 185, 186, 187,
    188, 189, 190, 191, 192, 193, 194, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 207, 208, 209, 210, 211, 212,
    213, 214, 215, 216, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 229, 230, 231, 232, 233, 234, 235, 236, 237,
    238, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 251, 252, 253, 254, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
];
const PM_R_TIMES_1_1_PLUS_20_BITS: [u32; 256] = [
    0x41a00000, 0x41a8cccd, 0x41b1999a, 0x41ba6666, 0x41c33333, 0x41cc0000, 0x41d4cccd, 0x41dd999a, 0x41e66666,
    0x41ef3334, 0x41f80000, 0x42006666, 0x4204cccd, 0x42093333, 0x420d999a, 0x42120000, 0x42166666, 0x421acccd,
    0x421f3334, 0x4223999a, 0x42280000, 0x422c6666, 0x4230cccd, 0x42353334, 0x4239999a, 0x423e0000, 0x42426666,
    0x4246cccd, 0x424b3334, 0x424f999a, 0x42540000, 0x42586667, 0x425ccccd, 0x42613333, 0x4265999a, 0x426a0000,
    0x426e6667, 0x4272cccd, 0x42773333, 0x427b999a, 0x42800000, 0x42823334, 0x42846666, 0x4286999a, 0x4288cccd,
    0x428b0000, 0x428d3334, 0x428f6666, 0x4291999a, 0x4293cccd, 0x42960000, 0x42983334, 0x429a6666, 0x429c999a,
    0x429ecccd, 0x42a10000, 0x42a33334, 0x42a56666, 0x42a7999a, 0x42a9cccd, 0x42ac0000, 0x42ae3333, 0x42b06667,
    0x42b2999a, 0x42b4cccd, 0x42b70000, 0x42b93333, 0x42bb6667, 0x42bd999a, 0x42bfcccd, 0x42c20000, 0x42c43333,
    0x42c66667, 0x42c8999a, 0x42cacccd, 0x42cd0000, 0x42cf3333, 0x42d16667, 0x42d3999a, 0x42d5cccd, 0x42d80000,
    0x42da3333, 0x42dc6667, 0x42de999a, 0x42e0cccd, 0x42e30000, 0x42e53333, 0x42e76667, 0x42e9999a, 0x42ebcccd,
    0x42ee0000, 0x42f03333, 0x42f26667, 0x42f4999a, 0x42f6cccd, 0x42f90000, 0x42fb3334, 0x42fd6667, 0x42ff999a,
    0x4300e666, 0x43020000, 0x4303199a, 0x43043334, 0x43054ccd, 0x43066666, 0x43078000, 0x4308999a, 0x4309b334,
    0x430acccd, 0x430be666, 0x430d0000, 0x430e199a, 0x430f3334, 0x43104ccd, 0x43116666, 0x43128000, 0x4313999a,
    0x4314b333, 0x4315cccd, 0x4316e667, 0x43180000, 0x4319199a, 0x431a3333, 0x431b4ccd, 0x431c6667, 0x431d8000,
    0x431e999a, 0x431fb333, 0x4320cccd, 0x4321e667, 0x43230000, 0x4324199a, 0x43253333, 0x43264ccd, 0x43276667,
    0x43288000, 0x4329999a, 0x432ab333, 0x432bcccd, 0x432ce667, 0x432e0000, 0x432f199a, 0x43303333, 0x43314ccd,
    0x43326667, 0x43338000, 0x4334999a, 0x4335b333, 0x4336cccd, 0x4337e667, 0x43390000, 0x433a199a, 0x433b3333,
    0x433c4ccd, 0x433d6667, 0x433e8000, 0x433f999a, 0x4340b333, 0x4341cccd, 0x4342e667, 0x43440000, 0x4345199a,
    0x43463333, 0x43474ccd, 0x43486667, 0x43498000, 0x434a999a, 0x434bb333, 0x434ccccd, 0x434de667, 0x434f0000,
    0x4350199a, 0x43513333, 0x43524ccd, 0x43536667, 0x43548000, 0x4355999a, 0x4356b333, 0x4357cccd, 0x4358e667,
    0x435a0000, 0x435b199a, 0x435c3333, 0x435d4ccd, 0x435e6667, 0x435f8000, 0x4360999a, 0x4361b333, 0x4362cccd,
    0x4363e667, 0x43650000, 0x4366199a, 0x43673334, 0x43684ccd, 0x43696667, 0x436a8000, 0x436b999a, 0x436cb334,
    0x436dcccd, 0x436ee667, 0x43700000, 0x4371199a, 0x43723334, 0x43734ccd, 0x43746667, 0x43758000, 0x4376999a,
    0x4377b334, 0x4378cccd, 0x4379e667, 0x437b0000, 0x437c199a, 0x437d3334, 0x437e4ccd, 0x437f6667, 0x43804000,
    0x4380cccd, 0x4381599a, 0x4381e666, 0x43827334, 0x43830000, 0x43838ccd, 0x4384199a, 0x4384a666, 0x43853334,
    0x4385c000, 0x43864ccd, 0x4386d99a, 0x43876666, 0x4387f334, 0x43888000, 0x43890ccd, 0x4389999a, 0x438a2667,
    0x438ab333, 0x438b4000, 0x438bcccd, 0x438c599a, 0x438ce667, 0x438d7333, 0x438e0000, 0x438e8ccd, 0x438f199a,
    0x438fa667, 0x43903333, 0x4390c000, 0x43914ccd, 0x4391d99a, 0x43926667, 0x4392f333, 0x43938000, 0x43940ccd,
    0x4394999a, 0x43952667, 0x4395b333, 0x43964000,
];
const PM_R_TIMES_0_95: [u8; 256] = [
    0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
    29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
    57, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 76, 77, 78, 79, 80, 81, 82, 83,
    84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108,
    109, 110, 111, 112, 113, 114, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130,
    131, 132, 133, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152,
    152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 171, 172, 173,
    174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 190, 191, 192, 193, 194, 195,
    196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 209, 210, 211, 212, 213, 214, 215, 216, 217,
    218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    240, 241, 242,
];
const PM_R_TIMES_0_95_BITS: [u32; 256] = [
    0x00000000, 0x3f733333, 0x3ff33333, 0x40366666, 0x40733333, 0x40980000, 0x40b66666, 0x40d4cccd, 0x40f33333,
    0x4108cccd, 0x41180000, 0x41273333, 0x41366666, 0x41459999, 0x4154cccd, 0x41640000, 0x41733333, 0x41813333,
    0x4188cccd, 0x41906666, 0x41980000, 0x419f9999, 0x41a73333, 0x41aecccd, 0x41b66666, 0x41be0000, 0x41c59999,
    0x41cd3333, 0x41d4cccd, 0x41dc6666, 0x41e40000, 0x41eb9999, 0x41f33333, 0x41facccd, 0x42013333, 0x42050000,
    0x4208cccd, 0x420c9999, 0x42106666, 0x42143333, 0x42180000, 0x421bcccd, 0x421f9999, 0x42236666, 0x42273333,
    0x422b0000, 0x422ecccd, 0x42329999, 0x42366666, 0x423a3333, 0x423e0000, 0x4241cccd, 0x42459999, 0x42496666,
    0x424d3333, 0x42510000, 0x4254cccd, 0x42589999, 0x425c6666, 0x42603333, 0x42640000, 0x4267cccd, 0x426b9999,
    0x426f6666, 0x42733333, 0x42770000, 0x427acccd, 0x427e9999, 0x42813333, 0x42831999, 0x42850000, 0x4286e666,
    0x4288cccd, 0x428ab333, 0x428c9999, 0x428e8000, 0x42906666, 0x42924ccd, 0x42943333, 0x42961999, 0x42980000,
    0x4299e666, 0x429bcccd, 0x429db333, 0x429f9999, 0x42a18000, 0x42a36666, 0x42a54ccd, 0x42a73333, 0x42a91999,
    0x42ab0000, 0x42ace666, 0x42aecccd, 0x42b0b333, 0x42b29999, 0x42b48000, 0x42b66666, 0x42b84ccd, 0x42ba3333,
    0x42bc1999, 0x42be0000, 0x42bfe666, 0x42c1cccd, 0x42c3b333, 0x42c59999, 0x42c78000, 0x42c96666, 0x42cb4ccd,
    0x42cd3333, 0x42cf1999, 0x42d10000, 0x42d2e666, 0x42d4cccd, 0x42d6b333, 0x42d89999, 0x42da8000, 0x42dc6666,
    0x42de4ccd, 0x42e03333, 0x42e21999, 0x42e40000, 0x42e5e666, 0x42e7cccd, 0x42e9b333, 0x42eb9999, 0x42ed8000,
    0x42ef6666, 0x42f14ccd, 0x42f33333, 0x42f51999, 0x42f70000, 0x42f8e666, 0x42facccd, 0x42fcb333, 0x42fe9999,
    0x43004000, 0x43013333, 0x43022666, 0x43031999, 0x43040ccd, 0x43050000, 0x4305f333, 0x4306e666, 0x4307d999,
    0x4308cccd, 0x4309c000, 0x430ab333, 0x430ba666, 0x430c9999, 0x430d8ccd, 0x430e8000, 0x430f7333, 0x43106666,
    0x43115999, 0x43124ccd, 0x43134000, 0x43143333, 0x43152666, 0x43161999, 0x43170ccd, 0x43180000, 0x4318f333,
    0x4319e666, 0x431ad999, 0x431bcccd, 0x431cc000, 0x431db333, 0x431ea666, 0x431f9999, 0x43208ccd, 0x43218000,
    0x43227333, 0x43236666, 0x43245999, 0x43254ccd, 0x43264000, 0x43273333, 0x43282666, 0x43291999, 0x432a0ccd,
    0x432b0000, 0x432bf333, 0x432ce666, 0x432dd999, 0x432ecccd, 0x432fc000, 0x4330b333, 0x4331a666, 0x43329999,
    0x43338ccd, 0x43348000, 0x43357333, 0x43366666, 0x43375999, 0x43384ccd, 0x43394000, 0x433a3333, 0x433b2666,
    0x433c1999, 0x433d0ccd, 0x433e0000, 0x433ef333, 0x433fe666, 0x4340d999, 0x4341cccd, 0x4342c000, 0x4343b333,
    0x4344a666, 0x43459999, 0x43468ccd, 0x43478000, 0x43487333, 0x43496666, 0x434a5999, 0x434b4ccd, 0x434c4000,
    0x434d3333, 0x434e2666, 0x434f1999, 0x43500ccd, 0x43510000, 0x4351f333, 0x4352e666, 0x4353d999, 0x4354cccd,
    0x4355c000, 0x4356b333, 0x4357a666, 0x43589999, 0x43598ccd, 0x435a8000, 0x435b7333, 0x435c6666, 0x435d5999,
    0x435e4ccd, 0x435f4000, 0x43603333, 0x43612666, 0x43621999, 0x43630ccd, 0x43640000, 0x4364f333, 0x4365e666,
    0x4366d999, 0x4367cccd, 0x4368c000, 0x4369b333, 0x436aa666, 0x436b9999, 0x436c8ccd, 0x436d8000, 0x436e7333,
    0x436f6666, 0x43705999, 0x43714ccd, 0x43724000,
];
/// PixelFilter custom (W=6, H=4): (expression, keep mask)
const PF_CASES: &[(&str, &[bool])] = &[
    (
        "i % 3 == 0",
        &[
            true, false, false, true, false, false, true, false, false, true, false, false, true, false, false, true,
            false, false, true, false, false, true, false, false,
        ],
    ),
    (
        "i % 2",
        &[
            false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true,
            false, true, false, true, false, true, false, true,
        ],
    ),
    (
        "i % 2 == 1",
        &[
            false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true,
            false, true, false, true, false, true, false, true,
        ],
    ),
    (
        "(i * 7) % 5 < 2",
        &[
            true, false, false, true, false, true, false, false, true, false, true, false, false, true, false, true,
            false, false, true, false, true, false, false, true,
        ],
    ),
    (
        "x + y > 4",
        &[
            false, false, false, false, false, true, false, false, false, false, true, true, false, false, false, true,
            true, true, false, false, true, true, true, true,
        ],
    ),
    (
        "x * y",
        &[
            false, false, false, false, false, false, false, true, true, true, true, true, false, true, true, true,
            true, true, false, true, true, true, true, true,
        ],
    ),
    (
        "i - 5",
        &[
            true, true, true, true, true, false, true, true, true, true, true, true, true, true, true, true, true,
            true, true, true, true, true, true, true,
        ],
    ),
    (
        "(i > 10) * (i < 20)",
        &[
            false, false, false, false, false, false, false, false, false, false, false, true, true, true, true, true,
            true, true, true, true, false, false, false, false,
        ],
    ),
    (
        "(i > 10) & (i < 20)",
        &[
            false, false, false, false, false, false, false, false, false, false, false, true, true, true, true, true,
            true, true, true, true, false, false, false, false,
        ],
    ),
    (
        "(i > 10) | (x == 0)",
        &[
            true, false, false, false, false, false, true, false, false, false, false, true, true, true, true, true,
            true, true, true, true, true, true, true, true,
        ],
    ),
    (
        "i // 7 == y",
        &[
            true, true, true, true, true, true, false, true, true, true, true, true, false, false, true, true, true,
            true, false, false, false, true, true, true,
        ],
    ),
    (
        "i == y * width + x",
        &[
            true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
            true, true, true, true, true, true,
        ],
    ),
    (
        "i / 2 == i // 2",
        &[
            true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false,
            true, false, true, false, true, false, true, false,
        ],
    ),
    (
        "1",
        &[
            true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
            true, true, true, true, true, true,
        ],
    ),
    (
        "0",
        &[
            false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
            false, false, false, false, false, false, false, false, false,
        ],
    ),
    (
        "x ** 2 + y ** 2 < 9",
        &[
            true, true, true, false, false, false, true, true, true, false, false, false, true, true, true, false,
            false, false, false, false, false, false, false, false,
        ],
    ),
    (
        "i >> 2 & 1",
        &[
            false, false, false, false, true, true, true, true, false, false, false, false, true, true, true, true,
            false, false, false, false, true, true, true, true,
        ],
    ),
    (
        "sqrt(i) == floor(sqrt(i))",
        &[
            true, true, false, false, true, false, false, false, false, true, false, false, false, false, false, false,
            true, false, false, false, false, false, false, false,
        ],
    ),
    (
        "max(x, y) < 2",
        &[
            true, true, false, false, false, false, true, true, false, false, false, false, false, false, false, false,
            false, false, false, false, false, false, false, false,
        ],
    ),
    (
        "abs(x - y) <= 1",
        &[
            true, true, false, false, false, false, true, true, true, false, false, false, false, true, true, true,
            false, false, false, false, true, true, true, false,
        ],
    ),
    (
        "min(i, 5) == i",
        &[
            true, true, true, true, true, true, false, false, false, false, false, false, false, false, false, false,
            false, false, false, false, false, false, false, false,
        ],
    ),
    (
        "pow(x, 2) + pow(y, 2) > 10",
        &[
            false, false, false, false, true, true, false, false, false, false, true, true, false, false, false, true,
            true, true, false, false, true, true, true, true,
        ],
    ),
];
/// RowShift formula for y = 0..10, height = 10: (formula, Python result as f64 bits, or None on error)
const RS_CASES: &[(&str, [Option<u64>; 10])] = &[
    (
        "y*2-3",
        [
            Some(0xc008000000000000),
            Some(0xbff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4008000000000000),
            Some(0x4014000000000000),
            Some(0x401c000000000000),
            Some(0x4022000000000000),
            Some(0x4026000000000000),
            Some(0x402a000000000000),
            Some(0x402e000000000000),
        ],
    ),
    (
        "y*10 % 7",
        [
            Some(0x0000000000000000),
            Some(0x4008000000000000),
            Some(0x4018000000000000),
            Some(0x4000000000000000),
            Some(0x4014000000000000),
            Some(0x3ff0000000000000),
            Some(0x4010000000000000),
            Some(0x0000000000000000),
            Some(0x4008000000000000),
            Some(0x4018000000000000),
        ],
    ),
    (
        "-7 // 2 + y",
        [
            Some(0xc010000000000000),
            Some(0xc008000000000000),
            Some(0xc000000000000000),
            Some(0xbff0000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4010000000000000),
            Some(0x4014000000000000),
        ],
    ),
    (
        "-7 % 3",
        [
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
        ],
    ),
    (
        "2**-1 * y",
        [
            Some(0x0000000000000000),
            Some(0x3fe0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff8000000000000),
            Some(0x4000000000000000),
            Some(0x4004000000000000),
            Some(0x4008000000000000),
            Some(0x400c000000000000),
            Some(0x4010000000000000),
            Some(0x4012000000000000),
        ],
    ),
    (
        "round(2.5)",
        [
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
        ],
    ),
    (
        "round(3.5)",
        [
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
        ],
    ),
    (
        "round(y / 4)",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
        ],
    ),
    (
        "round(-y / 4)",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0xbff0000000000000),
            Some(0xbff0000000000000),
            Some(0xbff0000000000000),
            Some(0xc000000000000000),
            Some(0xc000000000000000),
            Some(0xc000000000000000),
            Some(0xc000000000000000),
        ],
    ),
    (
        "int(y * 1.7)",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4008000000000000),
            Some(0x4014000000000000),
            Some(0x4018000000000000),
            Some(0x4020000000000000),
            Some(0x4024000000000000),
            Some(0x4026000000000000),
            Some(0x402a000000000000),
            Some(0x402e000000000000),
        ],
    ),
    (
        "int(-y * 1.7)",
        [
            Some(0x0000000000000000),
            Some(0xbff0000000000000),
            Some(0xc008000000000000),
            Some(0xc014000000000000),
            Some(0xc018000000000000),
            Some(0xc020000000000000),
            Some(0xc024000000000000),
            Some(0xc026000000000000),
            Some(0xc02a000000000000),
            Some(0xc02e000000000000),
        ],
    ),
    (
        "sin(y) * 20",
        [
            Some(0x0000000000000000),
            Some(0x4030d454d965a815),
            Some(0x40322f9a52c310ac),
            Some(0x4006944689248ab2),
            Some(0xc02e45a85553265a),
            Some(0xc0332db139ac5fc0),
            Some(0xc0165a6ded5ccb70),
            Some(0x402a478af3084c8a),
            Some(0x4033c983a41981ad),
            Some(0x40207c17e1c79dbb),
        ],
    ),
    (
        "sin(y / height * 2 * pi) * 20",
        [
            Some(0x0000000000000000),
            Some(0x402782ebc592b0f6),
            Some(0x40330568cc0ab51f),
            Some(0x40330568cc0ab520),
            Some(0x402782ebc592b0f7),
            Some(0x3ce60fafbfd97309),
            Some(0xc02782ebc592b0f4),
            Some(0xc0330568cc0ab51f),
            Some(0xc0330568cc0ab520),
            Some(0xc02782ebc592b0f8),
        ],
    ),
    (
        "abs(y - 5) * 3",
        [
            Some(0x402e000000000000),
            Some(0x4028000000000000),
            Some(0x4022000000000000),
            Some(0x4018000000000000),
            Some(0x4008000000000000),
            Some(0x0000000000000000),
            Some(0x4008000000000000),
            Some(0x4018000000000000),
            Some(0x4022000000000000),
            Some(0x4028000000000000),
        ],
    ),
    (
        "min(y, 3)",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
        ],
    ),
    (
        "max(y, 3.5)",
        [
            Some(0x400c000000000000),
            Some(0x400c000000000000),
            Some(0x400c000000000000),
            Some(0x400c000000000000),
            Some(0x4010000000000000),
            Some(0x4014000000000000),
            Some(0x4018000000000000),
            Some(0x401c000000000000),
            Some(0x4020000000000000),
            Some(0x4022000000000000),
        ],
    ),
    (
        "min(y, 3, 7 - y)",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4000000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0xbff0000000000000),
            Some(0xc000000000000000),
        ],
    ),
    (
        "pow(2, y)",
        [
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4010000000000000),
            Some(0x4020000000000000),
            Some(0x4030000000000000),
            Some(0x4040000000000000),
            Some(0x4050000000000000),
            Some(0x4060000000000000),
            Some(0x4070000000000000),
            Some(0x4080000000000000),
        ],
    ),
    (
        "pow(y, -1)",
        [
            None,
            Some(0x3ff0000000000000),
            Some(0x3fe0000000000000),
            Some(0x3fd5555555555555),
            Some(0x3fd0000000000000),
            Some(0x3fc999999999999a),
            Some(0x3fc5555555555555),
            Some(0x3fc2492492492492),
            Some(0x3fc0000000000000),
            Some(0x3fbc71c71c71c71c),
        ],
    ),
    (
        "pow(y, 0.5)",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff6a09e667f3bcd),
            Some(0x3ffbb67ae8584caa),
            Some(0x4000000000000000),
            Some(0x4001e3779b97f4a8),
            Some(0x4003988e1409212e),
            Some(0x40052a7fa9d2f8ea),
            Some(0x4006a09e667f3bcd),
            Some(0x4008000000000000),
        ],
    ),
    (
        "10 // y",
        [
            None,
            Some(0x4024000000000000),
            Some(0x4014000000000000),
            Some(0x4008000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
        ],
    ),
    (
        "10 % y",
        [
            None,
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x0000000000000000),
            Some(0x4010000000000000),
            Some(0x4008000000000000),
            Some(0x4000000000000000),
            Some(0x3ff0000000000000),
        ],
    ),
    ("y / 0", [None, None, None, None, None, None, None, None, None, None]),
    (
        "1 / (y - 3)",
        [
            Some(0xbfd5555555555555),
            Some(0xbfe0000000000000),
            Some(0xbff0000000000000),
            None,
            Some(0x3ff0000000000000),
            Some(0x3fe0000000000000),
            Some(0x3fd5555555555555),
            Some(0x3fd0000000000000),
            Some(0x3fc999999999999a),
            Some(0x3fc5555555555555),
        ],
    ),
    (
        "floor(y / 3)",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
        ],
    ),
    (
        "ceil(y / 3)",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
        ],
    ),
    (
        "floor(-y / 3) * 7",
        [
            Some(0x0000000000000000),
            Some(0xc01c000000000000),
            Some(0xc01c000000000000),
            Some(0xc01c000000000000),
            Some(0xc02c000000000000),
            Some(0xc02c000000000000),
            Some(0xc02c000000000000),
            Some(0xc035000000000000),
            Some(0xc035000000000000),
            Some(0xc035000000000000),
        ],
    ),
    (
        "2 ** (y - 5)",
        [
            Some(0x3fa0000000000000),
            Some(0x3fb0000000000000),
            Some(0x3fc0000000000000),
            Some(0x3fd0000000000000),
            Some(0x3fe0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4010000000000000),
            Some(0x4020000000000000),
            Some(0x4030000000000000),
        ],
    ),
    (
        "y > 3 and 10 or -10",
        [
            Some(0xc024000000000000),
            Some(0xc024000000000000),
            Some(0xc024000000000000),
            Some(0xc024000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
        ],
    ),
    (
        "y and 100 // y",
        [
            Some(0x0000000000000000),
            Some(0x4059000000000000),
            Some(0x4049000000000000),
            Some(0x4040800000000000),
            Some(0x4039000000000000),
            Some(0x4034000000000000),
            Some(0x4030000000000000),
            Some(0x402c000000000000),
            Some(0x4028000000000000),
            Some(0x4026000000000000),
        ],
    ),
    (
        "not y",
        [
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
        ],
    ),
    (
        "1 < y < 5",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
        ],
    ),
    (
        "0 < y - 3 <= 2 != 1",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
        ],
    ),
    (
        "sqrt(y) * 10",
        [
            Some(0x0000000000000000),
            Some(0x4024000000000000),
            Some(0x402c48c6001f0ac0),
            Some(0x4031520cd1372fea),
            Some(0x4034000000000000),
            Some(0x40365c55827df1d2),
            Some(0x40387eb1990b697a),
            Some(0x403a751f9447b724),
            Some(0x403c48c6001f0ac0),
            Some(0x403e000000000000),
        ],
    ),
    (
        "sqrt(y - 4) * 10",
        [
            Some(0xfff8000000000000),
            Some(0xfff8000000000000),
            Some(0xfff8000000000000),
            Some(0xfff8000000000000),
            Some(0x0000000000000000),
            Some(0x4024000000000000),
            Some(0x402c48c6001f0ac0),
            Some(0x4031520cd1372fea),
            Some(0x4034000000000000),
            Some(0x40365c55827df1d2),
        ],
    ),
    (
        "e ** (y / 5)",
        [
            Some(0x3ff0000000000000),
            Some(0x3ff38add9e58ac8d),
            Some(0x3ff7de8392fbbfe0),
            Some(0x3ffd27660b11a9ef),
            Some(0x4001cde866fe46e8),
            Some(0x4005bf0a8b145769),
            Some(0x400a8f99761065a4),
            Some(0x4010388657115a46),
            Some(0x4013cfe7bb5b37ec),
            Some(0x401832d6c8efee84),
        ],
    ),
    (
        "10.0 // (y - 4.5)",
        [
            Some(0xc008000000000000),
            Some(0xc008000000000000),
            Some(0xc010000000000000),
            Some(0xc01c000000000000),
            Some(0xc034000000000000),
            Some(0x4034000000000000),
            Some(0x4018000000000000),
            Some(0x4010000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
        ],
    ),
    (
        "10.0 % (y - 4.5)",
        [
            Some(0xc00c000000000000),
            Some(0xbfe0000000000000),
            Some(0x8000000000000000),
            Some(0xbfe0000000000000),
            Some(0x8000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x4008000000000000),
            Some(0x3ff0000000000000),
        ],
    ),
    (
        "y % -3",
        [
            Some(0x0000000000000000),
            Some(0xc000000000000000),
            Some(0xbff0000000000000),
            Some(0x0000000000000000),
            Some(0xc000000000000000),
            Some(0xbff0000000000000),
            Some(0x0000000000000000),
            Some(0xc000000000000000),
            Some(0xbff0000000000000),
            Some(0x0000000000000000),
        ],
    ),
    (
        "(-y) % 4",
        [
            Some(0x0000000000000000),
            Some(0x4008000000000000),
            Some(0x4000000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x4008000000000000),
            Some(0x4000000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x4008000000000000),
        ],
    ),
    (
        "y << 2",
        [
            Some(0x0000000000000000),
            Some(0x4010000000000000),
            Some(0x4020000000000000),
            Some(0x4028000000000000),
            Some(0x4030000000000000),
            Some(0x4034000000000000),
            Some(0x4038000000000000),
            Some(0x403c000000000000),
            Some(0x4040000000000000),
            Some(0x4042000000000000),
        ],
    ),
    (
        "y >> 1",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
        ],
    ),
    (
        "y ^ 3",
        [
            Some(0x4008000000000000),
            Some(0x4000000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x401c000000000000),
            Some(0x4018000000000000),
            Some(0x4014000000000000),
            Some(0x4010000000000000),
            Some(0x4026000000000000),
            Some(0x4024000000000000),
        ],
    ),
    (
        "y & 6 | 1",
        [
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4014000000000000),
            Some(0x4014000000000000),
            Some(0x401c000000000000),
            Some(0x401c000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
        ],
    ),
    (
        "int(sin(y) * 100)",
        [
            Some(0x0000000000000000),
            Some(0x4055000000000000),
            Some(0x4056800000000000),
            Some(0x402c000000000000),
            Some(0xc052c00000000000),
            Some(0xc057c00000000000),
            Some(0xc03b000000000000),
            Some(0x4050400000000000),
            Some(0x4058800000000000),
            Some(0x4044800000000000),
        ],
    ),
    (
        "round(sin(y) * 10)",
        [
            Some(0x0000000000000000),
            Some(0x4020000000000000),
            Some(0x4022000000000000),
            Some(0x3ff0000000000000),
            Some(0xc020000000000000),
            Some(0xc024000000000000),
            Some(0xc008000000000000),
            Some(0x401c000000000000),
            Some(0x4024000000000000),
            Some(0x4010000000000000),
        ],
    ),
    (
        "min(sin(y), 0.5) * 10",
        [
            Some(0x0000000000000000),
            Some(0x4014000000000000),
            Some(0x4014000000000000),
            Some(0x3ff6944689248ab2),
            Some(0xc01e45a85553265a),
            Some(0xc0232db139ac5fc0),
            Some(0xc0065a6ded5ccb70),
            Some(0x4014000000000000),
            Some(0x4014000000000000),
            Some(0x40107c17e1c79dbb),
        ],
    ),
    (
        "max(cos(y), sin(y)) * 10",
        [
            Some(0x4024000000000000),
            Some(0x4020d454d965a815),
            Some(0x40222f9a52c310ac),
            Some(0x3ff6944689248ab2),
            Some(0xc01a254f8891edf1),
            Some(0x4006b166cc861d8f),
            Some(0x4023341265eb15d9),
            Some(0x401e27f5868f681d),
            Some(0x4023c983a41981ad),
            Some(0x40107c17e1c79dbb),
        ],
    ),
    (
        "0 ** (y - 2)",
        [
            None,
            None,
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
        ],
    ),
    (
        "(y - 5) ** 2",
        [
            Some(0x4039000000000000),
            Some(0x4030000000000000),
            Some(0x4022000000000000),
            Some(0x4010000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4010000000000000),
            Some(0x4022000000000000),
            Some(0x4030000000000000),
        ],
    ),
    (
        "(y - 5.0) ** 3",
        [
            Some(0xc05f400000000000),
            Some(0xc050000000000000),
            Some(0xc03b000000000000),
            Some(0xc020000000000000),
            Some(0xbff0000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4020000000000000),
            Some(0x403b000000000000),
            Some(0x4050000000000000),
        ],
    ),
    (
        "(4.5 - y) ** 0.5",
        [
            Some(0x4000f876ccdf6cd9),
            Some(0x3ffdeeea11683f49),
            Some(0x3ff94c583ada5b53),
            Some(0x3ff3988e1409212e),
            Some(0x3fe6a09e667f3bcd),
            None,
            None,
            None,
            None,
            None,
        ],
    ),
    (
        "i * 3 + height",
        [
            Some(0x4024000000000000),
            Some(0x402a000000000000),
            Some(0x4030000000000000),
            Some(0x4033000000000000),
            Some(0x4036000000000000),
            Some(0x4039000000000000),
            Some(0x403c000000000000),
            Some(0x403f000000000000),
            Some(0x4041000000000000),
            Some(0x4042800000000000),
        ],
    ),
    (
        "y * 1e18 // 1e17",
        [
            Some(0x0000000000000000),
            Some(0x4024000000000000),
            Some(0x4034000000000000),
            Some(0x403e000000000000),
            Some(0x4044000000000000),
            Some(0x4049000000000000),
            Some(0x404e000000000000),
            Some(0x4051800000000000),
            Some(0x4054000000000000),
            Some(0x4056800000000000),
        ],
    ),
    (
        "int(1e18) * y",
        [
            Some(0x0000000000000000),
            Some(0x43abc16d674ec800),
            Some(0x43bbc16d674ec800),
            Some(0x43c4d1120d7b1600),
            Some(0x43cbc16d674ec800),
            Some(0x43d158e460913d00),
            Some(0x43d4d1120d7b1600),
            Some(0x43d8493fba64ef00),
            Some(0x43dbc16d674ec800),
            Some(0x43df399b1438a100),
        ],
    ),
    (
        "abs(-y) + abs(-2.5)",
        [
            Some(0x4004000000000000),
            Some(0x400c000000000000),
            Some(0x4012000000000000),
            Some(0x4016000000000000),
            Some(0x401a000000000000),
            Some(0x401e000000000000),
            Some(0x4021000000000000),
            Some(0x4023000000000000),
            Some(0x4025000000000000),
            Some(0x4027000000000000),
        ],
    ),
    (
        "float(y) / 4",
        [
            Some(0x0000000000000000),
            Some(0x3fd0000000000000),
            Some(0x3fe0000000000000),
            Some(0x3fe8000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff4000000000000),
            Some(0x3ff8000000000000),
            Some(0x3ffc000000000000),
            Some(0x4000000000000000),
            Some(0x4002000000000000),
        ],
    ),
    (
        "int(y / 3) * 3",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
            Some(0x4018000000000000),
            Some(0x4018000000000000),
            Some(0x4018000000000000),
            Some(0x4022000000000000),
        ],
    ),
    (
        "exp(y / 10) * 10",
        [
            Some(0x4024000000000000),
            Some(0x40261a79a0308109),
            Some(0x40286d9505eed7b0),
            Some(0x402aff46efaf213c),
            Some(0x402dd62477baafd8),
            Some(0x40307cb9f8d2c422),
            Some(0x4032389fc6eb0a35),
            Some(0x40342334f9702be9),
            Some(0x4036416280bdd8a3),
            Some(0x403898957eb396eb),
        ],
    ),
    (
        "log(y + 1) * 10",
        [
            Some(0x0000000000000000),
            Some(0x401bb9d3beb8c86b),
            Some(0x4025f8e5195843ce),
            Some(0x402bb9d3beb8c86b),
            Some(0x403018293af47840),
            Some(0x4031eae77c5a5401),
            Some(0x40337587acdf7876),
            Some(0x4034cb5ecf0a9650),
            Some(0x4035f8e5195843ce),
            Some(0x4037069e2aa2aa5c),
        ],
    ),
    (
        "True + y",
        [
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4010000000000000),
            Some(0x4014000000000000),
            Some(0x4018000000000000),
            Some(0x401c000000000000),
            Some(0x4020000000000000),
            Some(0x4022000000000000),
            Some(0x4024000000000000),
        ],
    ),
    ("y // 0.0", [None, None, None, None, None, None, None, None, None, None]),
    (
        "y ** 0.5",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff6a09e667f3bcd),
            Some(0x3ffbb67ae8584caa),
            Some(0x4000000000000000),
            Some(0x4001e3779b97f4a8),
            Some(0x4003988e1409212e),
            Some(0x40052a7fa9d2f8ea),
            Some(0x4006a09e667f3bcd),
            Some(0x4008000000000000),
        ],
    ),
    (
        "(y - 3) ** -1",
        [
            Some(0xbfd5555555555555),
            Some(0xbfe0000000000000),
            Some(0xbff0000000000000),
            None,
            Some(0x3ff0000000000000),
            Some(0x3fe0000000000000),
            Some(0x3fd5555555555555),
            Some(0x3fd0000000000000),
            Some(0x3fc999999999999a),
            Some(0x3fc5555555555555),
        ],
    ),
    (
        "-y ** 2",
        [
            Some(0x0000000000000000),
            Some(0xbff0000000000000),
            Some(0xc010000000000000),
            Some(0xc022000000000000),
            Some(0xc030000000000000),
            Some(0xc039000000000000),
            Some(0xc042000000000000),
            Some(0xc048800000000000),
            Some(0xc050000000000000),
            Some(0xc054400000000000),
        ],
    ),
    (
        "(-y) ** 2",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4010000000000000),
            Some(0x4022000000000000),
            Some(0x4030000000000000),
            Some(0x4039000000000000),
            Some(0x4042000000000000),
            Some(0x4048800000000000),
            Some(0x4050000000000000),
            Some(0x4054400000000000),
        ],
    ),
    (
        "2 ** 3 ** 2",
        [
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
            Some(0x4080000000000000),
        ],
    ),
    (
        "y * 2 == 8 or y == 1",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
        ],
    ),
    (
        "round(y * 0.5) * 2",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x4000000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4018000000000000),
            Some(0x4020000000000000),
            Some(0x4020000000000000),
            Some(0x4020000000000000),
        ],
    ),
    (
        "round(y / 2 + 0.5)",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4010000000000000),
            Some(0x4014000000000000),
        ],
    ),
    (
        "floor(y * 0.7) + ceil(y * 0.3)",
        [
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4010000000000000),
            Some(0x4014000000000000),
            Some(0x4018000000000000),
            Some(0x401c000000000000),
            Some(0x4020000000000000),
            Some(0x4022000000000000),
        ],
    ),
    (
        "min(1, y - 5.5) * 10",
        [
            Some(0xc04b800000000000),
            Some(0xc046800000000000),
            Some(0xc041800000000000),
            Some(0xc039000000000000),
            Some(0xc02e000000000000),
            Some(0xc014000000000000),
            Some(0x4014000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
        ],
    ),
    (
        "sin(y) > 0.5 and 10 or 0",
        [
            Some(0x0000000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x4024000000000000),
            Some(0x4024000000000000),
            Some(0x0000000000000000),
        ],
    ),
    (
        "(sin(y) > 0) * 5",
        [
            Some(0x0000000000000000),
            Some(0x4014000000000000),
            Some(0x4014000000000000),
            Some(0x4014000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x4014000000000000),
            Some(0x4014000000000000),
            Some(0x4014000000000000),
        ],
    ),
    (
        "(sin(y) > 0) + (cos(y) > 0)",
        [
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
        ],
    ),
    (
        "abs(sin(y)) * 10",
        [
            Some(0x0000000000000000),
            Some(0x4020d454d965a815),
            Some(0x40222f9a52c310ac),
            Some(0x3ff6944689248ab2),
            Some(0x401e45a85553265a),
            Some(0x40232db139ac5fc0),
            Some(0x40065a6ded5ccb70),
            Some(0x401a478af3084c8a),
            Some(0x4023c983a41981ad),
            Some(0x40107c17e1c79dbb),
        ],
    ),
    (
        "round(sin(y) * 10) // 3",
        [
            Some(0x0000000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x0000000000000000),
            Some(0xc008000000000000),
            Some(0xc010000000000000),
            Some(0xbff0000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x3ff0000000000000),
        ],
    ),
    (
        "int(floor(y / 2.5))",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
        ],
    ),
    (
        "y // 2.5",
        [
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x0000000000000000),
            Some(0x3ff0000000000000),
            Some(0x3ff0000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4000000000000000),
            Some(0x4008000000000000),
            Some(0x4008000000000000),
        ],
    ),
];
/// (expression, numpy result dtype, float32 bits) for transcendental functions (compared within 2 ulps)
const PM_TRANS: &[(&str, &str, &[u32])] = &[
    (
        "sin(r) * 127 + 128",
        "Float32",
        &[
            0x43000000, 0x436adde8, 0x43737b14, 0x437b8626, 0x435b9261, 0x42cedb96, 0x43396763, 0x427ec0c8, 0x427ec428,
            0x42bd5b56, 0x4188bae0, 0x4311ec18, 0x4374d7e3, 0x436901da, 0x434b8dab, 0x42a5d87d, 0x437efd22, 0x4343318a,
            0x437ef066, 0x4097c630, 0x426ba326, 0x3f8ce4c0, 0x431bddf4, 0x43781250,
        ],
    ),
    (
        "cos(r / 10) * 127",
        "Float32",
        &[
            0x42fe0000, 0x42fcbb27, 0x42f8efda, 0x42fbbc4e, 0x42f71976, 0x42effe96, 0x42f4fb8e, 0x42ed0fe2, 0xc2d51fc9,
            0x421019b3, 0x424f4e42, 0x42f2a7cd, 0x42fc44db, 0x42f80da3, 0x42f61367, 0x42ee8fd9, 0xc2fad1e3, 0xc2f59116,
            0x419bd3fa, 0x42fbc3f9, 0x42893c9e, 0xc2e1dac7, 0xc2f33eda, 0x42577ba2,
        ],
    ),
    (
        "tan(r / 100) * 50",
        "Float32",
        &[
            0x00000000, 0x3f000118, 0x3f80045f, 0x43212e80, 0x43271146, 0x432d5c3a, 0xc2094ba6, 0xc2065f7a, 0x429bbda3,
            0x41da8560, 0xc2da8106, 0x3fc00ec0, 0x4214e8a4, 0x42180a76, 0xc30db4f3, 0xc30950a5, 0x4189028c, 0x418d7ea8,
            0x4241ef04, 0xc215678a, 0x40a08915, 0x42985e20, 0xc4d5f402, 0xc23733ec,
        ],
    ),
    (
        "exp(r / 50)",
        "Float32",
        &[
            0x3f800000, 0x3f8295f5, 0x3f853949, 0x414adfee, 0x414ef91b, 0x41532778, 0x4320c628, 0x4324059b, 0x40ec7325,
            0x402df855, 0x425a6481, 0x3f87ea43, 0x40662f58, 0x406ad5c1, 0x42366ab4, 0x423a1a14, 0x3ff7a747, 0x3ffca806,
            0x40954453, 0x431469c5, 0x3f9c56ed, 0x40e7c48e, 0x41c4429f, 0x42f30559,
        ],
    ),
    (
        "log(r + 1) * 40",
        "Float32",
        &[
            0x00000000, 0x41ddce9e, 0x422fc729, 0x434214ca, 0x4342647a, 0x4342b38e, 0x435da68a, 0x435dce9e, 0x43389ad5,
            0x431d45e5, 0x435421d7, 0x425dce9e, 0x4326f9ba, 0x43279611, 0x43524cc1, 0x435281f2, 0x430d0dee, 0x430e36c4,
            0x432e44b3, 0x435d04a4, 0x42bfd4e6, 0x433834f2, 0x434b4194, 0x435b6452,
        ],
    ),
    (
        "(r / 255) ** 2.2 * 255",
        "Float32",
        &[
            0x00000000, 0x3aa9b12e, 0x3bc2ecd0, 0x425c1466, 0x425fe8ff, 0x4263c6d2, 0x437cce20, 0x437f0000, 0x42021493,
            0x40e27bab, 0x43156c51, 0x3c6dd086, 0x4142ecd2, 0x4149b042, 0x43070746, 0x430896af, 0x403593e2, 0x4041e744,
            0x419264b2, 0x43742116, 0x3e521cc7, 0x41fe78b6, 0x42b6e9dc, 0x435f28fc,
        ],
    ),
    (
        "r ** 1.5 / 16",
        "Float32",
        &[
            0x00000000, 0x3d800000, 0x3e3504f3, 0x42b2e6f4, 0x42b504f3, 0x42b72511, 0x437d0180, 0x437e8060, 0x427a0000,
            0x41b0c6d6, 0x4330c6d6, 0x3ea646e2, 0x42000000, 0x420302fe, 0x4324fac2, 0x432646e2, 0x413d9211, 0x4146409b,
            0x4228eb07, 0x43770d8e, 0x3ffcfb72, 0x42764267, 0x42fcfb72, 0x43686106,
        ],
    ),
    (
        "pow(r, 0.7)",
        "Float32",
        &[
            0x00000000, 0x3f800000, 0x3fcfefc6, 0x41ed8c74, 0x41eedb3f, 0x41f02941, 0x4240f310, 0x42417b1c, 0x41c8f36e,
            0x4177664b, 0x4223390c, 0x400a1740, 0x4193088b, 0x4194a347, 0x421e0bc2, 0x421e9fec, 0x4138f5f8, 0x413cdddb,
            0x41a75a5e, 0x423ed141, 0x40a06141, 0x41c78ac9, 0x420b9e6b, 0x4239711f,
        ],
    ),
    (
        "exp(x / 3.0) + y",
        "Float64",
        &[
            0x3f800000, 0x3fb2a36e, 0x3ff94f59, 0x402df854, 0x4072cb74, 0x40a96c76, 0x40000000, 0x401951b7, 0x403ca7ad,
            0x406df854, 0x409965ba, 0x40c96c76, 0x40400000, 0x405951b7, 0x407ca7ad, 0x4096fc2a, 0x40b965ba, 0x40e96c76,
            0x40800000, 0x408ca8db, 0x409e53d6, 0x40b6fc2a, 0x40d965ba, 0x4104b63b,
        ],
    ),
    (
        "log(x + 1.0) * 10",
        "Float64",
        &[
            0x00000000, 0x40ddce9e, 0x412fc729, 0x415dce9e, 0x4180c14a, 0x418f573c, 0x00000000, 0x40ddce9e, 0x412fc729,
            0x415dce9e, 0x4180c14a, 0x418f573c, 0x00000000, 0x40ddce9e, 0x412fc729, 0x415dce9e, 0x4180c14a, 0x418f573c,
            0x00000000, 0x40ddce9e, 0x412fc729, 0x415dce9e, 0x4180c14a, 0x418f573c,
        ],
    ),
    (
        "tan(x / 7.0)",
        "Float64",
        &[
            0x00000000, 0x3e1349ff, 0x3e966694, 0x3ee9ede5, 0x3f249ab9, 0x3f5df440, 0x00000000, 0x3e1349ff, 0x3e966694,
            0x3ee9ede5, 0x3f249ab9, 0x3f5df440, 0x00000000, 0x3e1349ff, 0x3e966694, 0x3ee9ede5, 0x3f249ab9, 0x3f5df440,
            0x00000000, 0x3e1349ff, 0x3e966694, 0x3ee9ede5, 0x3f249ab9, 0x3f5df440,
        ],
    ),
    (
        "sin(x * 0.37) * 1000",
        "Float64",
        &[
            0x00000000, 0x43b4cec6, 0x4428926d, 0x445fecb7, 0x4478f860, 0x4470519d, 0x00000000, 0x43b4cec6, 0x4428926d,
            0x445fecb7, 0x4478f860, 0x4470519d, 0x00000000, 0x43b4cec6, 0x4428926d, 0x445fecb7, 0x4478f860, 0x4470519d,
            0x00000000, 0x43b4cec6, 0x4428926d, 0x445fecb7, 0x4478f860, 0x4470519d,
        ],
    ),
    (
        "cos(r * 1.0) + 0 * x",
        "Float64",
        &[
            0x3f800000, 0x3f0a5140, 0xbed51132, 0x3e6def8b, 0xbf31619f, 0xbf7b29bb, 0xbf645b53, 0xbf5cbfee, 0x3f5cc0ee,
            0x3f770803, 0x3ef970a9, 0xbf7d7026, 0x3ec8a183, 0xbf0ffcfa, 0xbf4dc567, 0xbf6f54ef, 0xbc5986b7, 0xbf593be7,
            0xbcfdbf5a, 0x3e76c5a3, 0xbf56cd64, 0x3d231b38, 0xbf79c2d8, 0x3ea6cccf,
        ],
    ),
];
/// (f64 bits, float16 value as f32 bits)
const F16_CASES: &[(u64, u32)] = &[
    (0x3fb999999999999a, 0x3dccc000),
    (0x3fd5555555555555, 0x3eaaa000),
    (0x4004000000000000, 0x40200000),
    (0x40effc0000000000, 0x477fe000),
    (0x40effdffae147ae1, 0x477fe000),
    (0x40effe0000000000, 0x7f800000),
    (0x3ee4f8b588e368f1, 0x37280000),
    (0x3e701b2b29a4692b, 0x33800000),
    (0x3e601b2b29a4692b, 0x33800000),
    (0x3e5fff5c939522db, 0x00000000),
    (0xbfe6666666666666, 0xbf334000),
    (0x408f426666666666, 0x447a2000),
    (0x40a0020000000000, 0x45000000),
    (0x40a0060000000000, 0x45004000),
    (0x3f10000000000000, 0x38800000),
    (0x3e6fff5c939522db, 0x33800000),
];
