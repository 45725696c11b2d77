//! Tests of the expression engine. The numpy reference tables are the JSON files in
//! `testdata/`, written by `testdata/make_numpy_tables.py` (numpy 2.3.2, CPython 3.11) from the
//! original's evaluation environments (PixelMath: float32 r g b a, or int32 in integer mode,
//! int64 x y, Python int width height, np.abs/np.minimum/…; RowShift: Python builtins + numpy
//! functions) on the same inputs.

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
    for PmCase { expr: src, dtype: dt, bits } in &pm_cases("pixelmath.json") {
        let int_mode = has_integer_ops(src);
        let res = pm_compile(src).and_then(|e| {
            let a = pm_eval(&e, int_mode, true)?;
            let b = pm_eval(&e, int_mode, false)?;
            Ok((e.result_type(), a, b))
        });
        match (res, dt.as_str()) {
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
    let table: Table<AllValues> = table(include_str!("testdata/pixelmath_all_values.json"));
    assert_eq!(table.cases.len(), 2);
    for AllValues { expr: src, u8: want_u8, bits: want_bits } in &table.cases {
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
    let table: Table<PfCase> = table(include_str!("testdata/pixelfilter.json"));
    assert_eq!(table.cases.len(), 22);
    for PfCase { expr: src, keep } in &table.cases {
        check_safe(src).unwrap();
        let e = Expr::compile(src, &vars, &ALL_FUNCS).unwrap();
        let mut out = Vec::new();
        let inputs =
            [Input::I64(&i), Input::I64(&xs), Input::I64(&ys), Input::Int(PM_W as i64), Input::Int(PM_H as i64)];
        e.eval(&inputs, n, &mut out).unwrap();
        let got: Vec<bool> = out.iter().map(|&v| v != 0.0).collect();
        assert_eq!(&got, keep, "{src}");
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
    let table: Table<RsCase> = table(include_str!("testdata/rowshift.json"));
    assert_eq!(table.cases.len(), 79);
    for RsCase { expr: src, bits: want } in &table.cases {
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
    let table: Table<F16Case> = table(include_str!("testdata/float16.json"));
    assert_eq!(table.cases.len(), 16);
    for &F16Case { f64: x, f16: want } in &table.cases {
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
    for PmCase { expr: src, dtype: dt, bits } in &pm_cases("transcendental.json") {
        let int_mode = has_integer_ops(src);
        let e = pm_compile(src).unwrap();
        assert_eq!(&format!("{:?}", e.result_type()), dt, "{src}");
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

/// A table of `testdata/` (see `testdata/make_numpy_tables.py`).
#[derive(serde::Deserialize)]
struct Table<C> {
    numpy: String,
    cases: Vec<C>,
}

fn table<C: serde::de::DeserializeOwned>(json: &str) -> Table<C> {
    let t: Table<C> = serde_json::from_str(json).expect("a table of testdata/");
    assert_eq!(t.numpy, "2.3.2");
    t
}

/// A PixelMath expression on the test image: numpy's result type (or "ERR") and the result
/// cast to float32, as bits, one per pixel.
#[derive(serde::Deserialize)]
struct PmCase {
    expr: String,
    dtype: String,
    bits: Vec<u32>,
}

/// The PixelMath cases of `name` (pixelmath.json, transcendental.json); pixelmath.json's
/// test image must be the one [`pm_eval`] uses.
fn pm_cases(name: &str) -> Vec<PmCase> {
    #[derive(serde::Deserialize)]
    struct PmImage {
        width: usize,
        height: usize,
        r: Vec<u8>,
        g: Vec<u8>,
        b: Vec<u8>,
        a: Vec<u8>,
    }
    #[derive(serde::Deserialize)]
    struct WithImage {
        image: PmImage,
    }
    let json = match name {
        "pixelmath.json" => include_str!("testdata/pixelmath.json"),
        "transcendental.json" => include_str!("testdata/transcendental.json"),
        _ => unreachable!("no table {name}"),
    };
    if let Ok(WithImage { image: i }) = serde_json::from_str(json) {
        assert_eq!((i.width, i.height), (PM_W, PM_H));
        assert_eq!([&i.r[..], &i.g, &i.b, &i.a], [&PM_R[..], &PM_G, &PM_B, &PM_A]);
    }
    let cases = table::<PmCase>(json).cases;
    assert_eq!(cases.len(), if name == "pixelmath.json" { 135 } else { 13 });
    cases
}

/// `r * 1.1 + 20` and `r * 0.95` for every channel value: the written byte and the float32
/// result's bits.
#[derive(serde::Deserialize)]
struct AllValues {
    expr: String,
    u8: Vec<u8>,
    bits: Vec<u32>,
}

/// A PixelFilter condition on the test image: which pixels it keeps.
#[derive(serde::Deserialize)]
struct PfCase {
    expr: String,
    keep: Vec<bool>,
}

/// A RowShift formula for y = 0..10: Python's f64 result as bits, `None` where it raises.
#[derive(serde::Deserialize)]
struct RsCase {
    expr: String,
    bits: Vec<Option<u64>>,
}

/// A value and numpy's float16 rounding of it (as float32 bits).
#[derive(serde::Deserialize)]
struct F16Case {
    f64: u64,
    f16: u32,
}
