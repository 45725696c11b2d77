//! Operations on values, with Python or numpy semantics by operand types.

use super::*;

/// A binary operator. `fast`: numpy's `ndarray.__pow__` fast paths (`x**2` → square,
/// `x**-1` → reciprocal, `x**0.5` → sqrt) apply when the left operand is a lane vector.
pub(super) fn binary(
    op: BOp,
    a: &Value,
    b: &Value,
    lhs_lanes: bool,
    fast: bool,
    pool: &mut Pool,
) -> Result<Value, String> {
    if let (Value::S(x), Value::S(y)) = (a, b) {
        return py_bin(op, *x, *y).map(Value::S);
    }
    if fast && op == BOp::Pow && lhs_lanes {
        if let (Value::A(x), Value::S(s)) = (a, b) {
            if let Some(r) = fast_pow(x, *s, pool) {
                return Ok(Value::A(r));
            }
        }
    }
    np_binary(op, a, b, pool)
}

pub(super) fn np_binary(op: BOp, a: &Value, b: &Value, pool: &mut Pool) -> Result<Value, String> {
    let (p, _) = np_bin_types(op, a.ty(), b.ty())?;
    let xa = conv(a, p, pool)?;
    let xb = conv(b, p, pool)?;
    let r = arith(op, xa.arr(), xb.arr(), pool);
    pool.give_cow(xa);
    pool.give_cow(xb);
    r.map(Value::A)
}

pub(super) fn fast_pow(x: &Array, s: Scalar, pool: &mut Pool) -> Option<Array> {
    match s {
        Scalar::I(2) => Some(match x {
            Array::B(v) => Array::I8(pool.map1(v, |a| a as i8)),
            Array::I8(v) => Array::I8(pool.map1(v, |a| a.wrapping_mul(a))),
            Array::I32(v) => Array::I32(pool.map1(v, |a| a.wrapping_mul(a))),
            Array::I64(v) => Array::I64(pool.map1(v, |a| a.wrapping_mul(a))),
            Array::F16(v) => Array::F16(pool.map1(v, |a| f16r32(a * a))),
            Array::F32(v) => Array::F32(pool.map1(v, |a| a * a)),
            Array::F64(v) => Array::F64(pool.map1(v, |a| a * a)),
        }),
        Scalar::I(-1) => match x {
            Array::F16(v) => Some(Array::F16(pool.map1(v, |a| f16r32(1.0 / a)))),
            Array::F32(v) => Some(Array::F32(pool.map1(v, |a| 1.0 / a))),
            Array::F64(v) => Some(Array::F64(pool.map1(v, |a| 1.0 / a))),
            _ => None,
        },
        Scalar::F(0.5) => match x {
            Array::F16(v) => Some(Array::F16(pool.map1(v, |a| f16r32(a.sqrt())))),
            Array::F32(v) => Some(Array::F32(pool.map1(v, f32::sqrt))),
            Array::F64(v) => Some(Array::F64(pool.map1(v, f64::sqrt))),
            _ => None,
        },
        _ => None,
    }
}

/// A comparison: a Python bool for two Python scalars, else a numpy bool vector.
pub(super) fn compare(op: CmpOp, a: &Value, b: &Value, pool: &mut Pool) -> Result<Value, String> {
    if let (Value::S(x), Value::S(y)) = (a, b) {
        return Ok(Value::S(Scalar::B(op.test(py_order(*x, *y)))));
    }
    let mut p = operand_dt(a.ty(), b.ty());
    if p.is_int() {
        // numpy compares integer arrays with out-of-range Python ints exactly.
        for v in [a, b] {
            if let Value::S(Scalar::I(i)) = v {
                let fits = match p {
                    DType::I8 => i8::try_from(*i).is_ok(),
                    DType::I32 => i32::try_from(*i).is_ok(),
                    _ => true,
                };
                if !fits {
                    p = DType::I64;
                }
            }
        }
    }
    let xa = conv(a, p, pool)?;
    let xb = conv(b, p, pool)?;
    let r = compare_arr(op, xa.arr(), xb.arr(), pool);
    pool.give_cow(xa);
    pool.give_cow(xb);
    r.map(|v| Value::A(Array::B(v)))
}

/// Per-element truthiness (`!= 0`; NaN is truthy).
pub(super) fn truth_vec(v: &Value, pool: &mut Pool) -> Vec<bool> {
    match v {
        Value::S(s) => pool.one(s.truthy()),
        Value::A(Array::B(x)) => pool.map1(x, |a| a),
        Value::A(Array::I8(x)) => pool.map1(x, |a| a != 0),
        Value::A(Array::I32(x)) => pool.map1(x, |a| a != 0),
        Value::A(Array::I64(x)) => pool.map1(x, |a| a != 0),
        Value::A(Array::F16(x) | Array::F32(x)) => pool.map1(x, |a| a != 0.0),
        Value::A(Array::F64(x)) => pool.map1(x, |a| a != 0.0),
    }
}

/// `out[i] = if m[i] { t[i] } else { f[i] }` with broadcasting.
pub(super) fn select(m: &[bool], t: &Array, f: &Array, pool: &mut Pool) -> Result<Array, String> {
    fn go<E: Elem>(m: &[bool], t: &[E], f: &[E], pool: &mut Pool) -> Vec<E> {
        let n = blen(blen(m.len(), t.len()), f.len());
        let mut out = pool.take();
        let ix = |len: usize, i: usize| if len == 1 { 0 } else { i };
        for i in 0..n {
            let (Some(&c), Some(&a), Some(&b)) = (m.get(ix(m.len(), i)), t.get(ix(t.len(), i)), f.get(ix(f.len(), i)))
            else {
                break;
            };
            out.push(if c { a } else { b });
        }
        out
    }
    Ok(match (t, f) {
        (Array::B(t), Array::B(f)) => Array::B(go(m, t, f, pool)),
        (Array::I8(t), Array::I8(f)) => Array::I8(go(m, t, f, pool)),
        (Array::I32(t), Array::I32(f)) => Array::I32(go(m, t, f, pool)),
        (Array::I64(t), Array::I64(f)) => Array::I64(go(m, t, f, pool)),
        (Array::F16(t), Array::F16(f)) => Array::F16(go(m, t, f, pool)),
        (Array::F32(t), Array::F32(f)) => Array::F32(go(m, t, f, pool)),
        (Array::F64(t), Array::F64(f)) => Array::F64(go(m, t, f, pool)),
        _ => return Err(internal()),
    })
}

pub(super) fn unary(op: UOp, v: &Value, lanes: bool, pool: &mut Pool) -> Result<Value, String> {
    match op {
        UOp::Not => {
            if lanes {
                let t = truth_vec(v, pool);
                let r = pool.map1(&t, |a| !a);
                pool.give(t);
                Ok(Value::A(Array::B(r)))
            } else {
                Ok(Value::S(Scalar::B(!v.truthy_scalar())))
            }
        }
        UOp::Neg => match v {
            Value::S(Scalar::B(b)) => Ok(Value::S(Scalar::I(-(*b as i64)))),
            Value::S(Scalar::I(i)) => i.checked_neg().map(|r| Value::S(Scalar::I(r))).ok_or_else(overflow),
            Value::S(Scalar::F(f)) => Ok(Value::S(Scalar::F(-f))),
            Value::A(a) => Ok(Value::A(match a {
                Array::B(_) => return Err(BOOL_NEG_MSG.to_string()),
                Array::I8(x) => Array::I8(pool.map1(x, i8::wrapping_neg)),
                Array::I32(x) => Array::I32(pool.map1(x, i32::wrapping_neg)),
                Array::I64(x) => Array::I64(pool.map1(x, i64::wrapping_neg)),
                Array::F16(x) => Array::F16(pool.map1(x, |a| -a)),
                Array::F32(x) => Array::F32(pool.map1(x, |a| -a)),
                Array::F64(x) => Array::F64(pool.map1(x, |a| -a)),
            })),
        },
        UOp::Pos => match v {
            Value::S(Scalar::B(b)) => Ok(Value::S(Scalar::I(*b as i64))),
            Value::S(s) => Ok(Value::S(*s)),
            Value::A(Array::B(_)) => Err(BOOL_POS_MSG.to_string()),
            Value::A(a) => Ok(Value::A(cast_arr(a, a.dt(), pool))),
        },
    }
}

/// `sin cos tan sqrt exp log` (numpy ufuncs).
pub(super) fn np_float_fn(f: Func, v: &Value, pool: &mut Pool) -> Result<Value, String> {
    let g: fn(f64) -> f64 = match f {
        Func::Sin => f64::sin,
        Func::Cos => f64::cos,
        Func::Tan => f64::tan,
        Func::Sqrt => f64::sqrt,
        Func::Exp => f64::exp,
        Func::Log => f64::ln,
        _ => return Err(internal()),
    };
    let x = conv_strong(v, pool)?;
    let r = match x.arr() {
        Array::B(a) => Array::F16(pool.map1(a, |e| f16r((e as u8 as f32).via(g) as f64))),
        Array::I8(a) => Array::F16(pool.map1(a, |e| f16r((e as f32).via(g) as f64))),
        Array::I32(a) => Array::F64(pool.map1(a, |e| g(e as f64))),
        Array::I64(a) => Array::F64(pool.map1(a, |e| g(e as f64))),
        Array::F16(a) => Array::F16(pool.map1(a, |e| f16r(e.via(g) as f64))),
        Array::F32(a) => Array::F32(pool.map1(a, |e| e.via(g))),
        Array::F64(a) => Array::F64(pool.map1(a, g)),
    };
    pool.give_cow(x);
    Ok(Value::A(r))
}

/// `np.abs`, `np.floor`, `np.ceil`, `np.round` (decimals=0).
pub(super) fn np_unary_same(f: Func, v: &Value, pool: &mut Pool) -> Result<Value, String> {
    let x = conv_strong(v, pool)?;
    let a = x.arr();
    let r = match (f, a) {
        (Func::Round, Array::B(b)) => Array::F16(pool.map1(b, |e| e as u8 as f32)),
        (Func::Abs, Array::I8(b)) => Array::I8(pool.map1(b, i8::wrapping_abs)),
        (Func::Abs, Array::I32(b)) => Array::I32(pool.map1(b, i32::wrapping_abs)),
        (Func::Abs, Array::I64(b)) => Array::I64(pool.map1(b, i64::wrapping_abs)),
        (_, Array::B(_) | Array::I8(_) | Array::I32(_) | Array::I64(_)) => cast_arr(a, a.dt(), pool),
        (_, Array::F16(b)) => Array::F16(pool.map1(b, flt_unary::<f32>(f))),
        (_, Array::F32(b)) => Array::F32(pool.map1(b, flt_unary::<f32>(f))),
        (_, Array::F64(b)) => Array::F64(pool.map1(b, flt_unary::<f64>(f))),
    };
    pool.give_cow(x);
    Ok(Value::A(r))
}

pub(super) fn flt_unary<F: FltE>(f: Func) -> fn(F) -> F {
    match f {
        Func::Abs => F::abs,
        Func::Floor => F::floor,
        Func::Ceil => F::ceil,
        _ => F::rint,
    }
}

/// Python builtins `round(x)`, `int(x)`, `float(x)` on a scalar (Python or 0-d numpy).
pub(super) fn py_convert(f: Func, v: &Value) -> Result<Value, String> {
    let s = v.scalar()?;
    Ok(Value::S(match (f, s) {
        (Func::Float, s) => Scalar::F(s.as_f64()),
        (_, Scalar::B(b)) => Scalar::I(b as i64),
        (_, Scalar::I(i)) => Scalar::I(i),
        (Func::Round, Scalar::F(x)) => Scalar::I(float_to_pyint(x.round_ties_even())?),
        (_, Scalar::F(x)) => Scalar::I(float_to_pyint(x.trunc())?),
    }))
}
