//! Operations on values, with Python or numpy semantics by operand types.

use super::*;

/// A binary operator. `fast`: numpy's `ndarray.__pow__` fast paths (`x**2` → square,
/// `x**-1` → reciprocal, `x**0.5` → sqrt) apply when the left operand is a lane vector.
pub(super) fn binary(op: BOp, a: &Val, b: &Val, lhs_lanes: bool, fast: bool, pool: &mut Pool) -> Result<Val, String> {
    if let (Val::S(x), Val::S(y)) = (a, b) {
        return py_bin(op, *x, *y).map(Val::S);
    }
    if fast && op == BOp::Pow && lhs_lanes {
        if let (Val::A(x), Val::S(s)) = (a, b) {
            if let Some(r) = fast_pow(x, *s, pool) {
                return Ok(Val::A(r));
            }
        }
    }
    np_binary(op, a, b, pool)
}

pub(super) fn np_binary(op: BOp, a: &Val, b: &Val, pool: &mut Pool) -> Result<Val, String> {
    let (p, _) = np_bin_types(op, a.ty(), b.ty())?;
    let xa = conv(a, p, pool)?;
    let xb = conv(b, p, pool)?;
    let r = arith(op, xa.arr(), xb.arr(), pool);
    pool.give_cow(xa);
    pool.give_cow(xb);
    r.map(Val::A)
}

pub(super) fn fast_pow(x: &Arr, s: Sc, pool: &mut Pool) -> Option<Arr> {
    match s {
        Sc::I(2) => Some(match x {
            Arr::B(v) => Arr::I8(pool.map1(v, |a| a as i8)),
            Arr::I8(v) => Arr::I8(pool.map1(v, |a| a.wrapping_mul(a))),
            Arr::I32(v) => Arr::I32(pool.map1(v, |a| a.wrapping_mul(a))),
            Arr::I64(v) => Arr::I64(pool.map1(v, |a| a.wrapping_mul(a))),
            Arr::F16(v) => Arr::F16(pool.map1(v, |a| f16r32(a * a))),
            Arr::F32(v) => Arr::F32(pool.map1(v, |a| a * a)),
            Arr::F64(v) => Arr::F64(pool.map1(v, |a| a * a)),
        }),
        Sc::I(-1) => match x {
            Arr::F16(v) => Some(Arr::F16(pool.map1(v, |a| f16r32(1.0 / a)))),
            Arr::F32(v) => Some(Arr::F32(pool.map1(v, |a| 1.0 / a))),
            Arr::F64(v) => Some(Arr::F64(pool.map1(v, |a| 1.0 / a))),
            _ => None,
        },
        Sc::F(0.5) => match x {
            Arr::F16(v) => Some(Arr::F16(pool.map1(v, |a| f16r32(a.sqrt())))),
            Arr::F32(v) => Some(Arr::F32(pool.map1(v, f32::sqrt))),
            Arr::F64(v) => Some(Arr::F64(pool.map1(v, f64::sqrt))),
            _ => None,
        },
        _ => None,
    }
}

/// A comparison: a Python bool for two Python scalars, else a numpy bool vector.
pub(super) fn compare(op: CmpOp, a: &Val, b: &Val, pool: &mut Pool) -> Result<Val, String> {
    if let (Val::S(x), Val::S(y)) = (a, b) {
        return Ok(Val::S(Sc::B(op.test(py_order(*x, *y)))));
    }
    let mut p = operand_dt(a.ty(), b.ty());
    if p.is_int() {
        // numpy compares integer arrays with out-of-range Python ints exactly.
        for v in [a, b] {
            if let Val::S(Sc::I(i)) = v {
                let fits = match p {
                    T::I8 => i8::try_from(*i).is_ok(),
                    T::I32 => i32::try_from(*i).is_ok(),
                    _ => true,
                };
                if !fits {
                    p = T::I64;
                }
            }
        }
    }
    let xa = conv(a, p, pool)?;
    let xb = conv(b, p, pool)?;
    let r = compare_arr(op, xa.arr(), xb.arr(), pool);
    pool.give_cow(xa);
    pool.give_cow(xb);
    r.map(|v| Val::A(Arr::B(v)))
}

/// Per-element truthiness (`!= 0`; NaN is truthy).
pub(super) fn truth_vec(v: &Val, pool: &mut Pool) -> Vec<bool> {
    match v {
        Val::S(s) => pool.one(s.truthy()),
        Val::A(Arr::B(x)) => pool.map1(x, |a| a),
        Val::A(Arr::I8(x)) => pool.map1(x, |a| a != 0),
        Val::A(Arr::I32(x)) => pool.map1(x, |a| a != 0),
        Val::A(Arr::I64(x)) => pool.map1(x, |a| a != 0),
        Val::A(Arr::F16(x) | Arr::F32(x)) => pool.map1(x, |a| a != 0.0),
        Val::A(Arr::F64(x)) => pool.map1(x, |a| a != 0.0),
    }
}

/// `out[i] = if m[i] { t[i] } else { f[i] }` with broadcasting.
pub(super) fn select(m: &[bool], t: &Arr, f: &Arr, pool: &mut Pool) -> Result<Arr, String> {
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
        (Arr::B(t), Arr::B(f)) => Arr::B(go(m, t, f, pool)),
        (Arr::I8(t), Arr::I8(f)) => Arr::I8(go(m, t, f, pool)),
        (Arr::I32(t), Arr::I32(f)) => Arr::I32(go(m, t, f, pool)),
        (Arr::I64(t), Arr::I64(f)) => Arr::I64(go(m, t, f, pool)),
        (Arr::F16(t), Arr::F16(f)) => Arr::F16(go(m, t, f, pool)),
        (Arr::F32(t), Arr::F32(f)) => Arr::F32(go(m, t, f, pool)),
        (Arr::F64(t), Arr::F64(f)) => Arr::F64(go(m, t, f, pool)),
        _ => return Err(internal()),
    })
}

pub(super) fn unary(op: UOp, v: &Val, lanes: bool, pool: &mut Pool) -> Result<Val, String> {
    match op {
        UOp::Not => {
            if lanes {
                let t = truth_vec(v, pool);
                let r = pool.map1(&t, |a| !a);
                pool.give(t);
                Ok(Val::A(Arr::B(r)))
            } else {
                Ok(Val::S(Sc::B(!v.truthy_scalar())))
            }
        }
        UOp::Neg => match v {
            Val::S(Sc::B(b)) => Ok(Val::S(Sc::I(-(*b as i64)))),
            Val::S(Sc::I(i)) => i.checked_neg().map(|r| Val::S(Sc::I(r))).ok_or_else(overflow),
            Val::S(Sc::F(f)) => Ok(Val::S(Sc::F(-f))),
            Val::A(a) => Ok(Val::A(match a {
                Arr::B(_) => return Err(BOOL_NEG_MSG.to_string()),
                Arr::I8(x) => Arr::I8(pool.map1(x, i8::wrapping_neg)),
                Arr::I32(x) => Arr::I32(pool.map1(x, i32::wrapping_neg)),
                Arr::I64(x) => Arr::I64(pool.map1(x, i64::wrapping_neg)),
                Arr::F16(x) => Arr::F16(pool.map1(x, |a| -a)),
                Arr::F32(x) => Arr::F32(pool.map1(x, |a| -a)),
                Arr::F64(x) => Arr::F64(pool.map1(x, |a| -a)),
            })),
        },
        UOp::Pos => match v {
            Val::S(Sc::B(b)) => Ok(Val::S(Sc::I(*b as i64))),
            Val::S(s) => Ok(Val::S(*s)),
            Val::A(Arr::B(_)) => Err(BOOL_POS_MSG.to_string()),
            Val::A(a) => Ok(Val::A(cast_arr(a, a.dt(), pool))),
        },
    }
}

/// `sin cos tan sqrt exp log` (numpy ufuncs).
pub(super) fn np_float_fn(f: Func, v: &Val, pool: &mut Pool) -> Result<Val, String> {
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
        Arr::B(a) => Arr::F16(pool.map1(a, |e| f16r((e as u8 as f32).via(g) as f64))),
        Arr::I8(a) => Arr::F16(pool.map1(a, |e| f16r((e as f32).via(g) as f64))),
        Arr::I32(a) => Arr::F64(pool.map1(a, |e| g(e as f64))),
        Arr::I64(a) => Arr::F64(pool.map1(a, |e| g(e as f64))),
        Arr::F16(a) => Arr::F16(pool.map1(a, |e| f16r(e.via(g) as f64))),
        Arr::F32(a) => Arr::F32(pool.map1(a, |e| e.via(g))),
        Arr::F64(a) => Arr::F64(pool.map1(a, g)),
    };
    pool.give_cow(x);
    Ok(Val::A(r))
}

/// `np.abs`, `np.floor`, `np.ceil`, `np.round` (decimals=0).
pub(super) fn np_unary_same(f: Func, v: &Val, pool: &mut Pool) -> Result<Val, String> {
    let x = conv_strong(v, pool)?;
    let a = x.arr();
    let r = match (f, a) {
        (Func::Round, Arr::B(b)) => Arr::F16(pool.map1(b, |e| e as u8 as f32)),
        (Func::Abs, Arr::I8(b)) => Arr::I8(pool.map1(b, i8::wrapping_abs)),
        (Func::Abs, Arr::I32(b)) => Arr::I32(pool.map1(b, i32::wrapping_abs)),
        (Func::Abs, Arr::I64(b)) => Arr::I64(pool.map1(b, i64::wrapping_abs)),
        (_, Arr::B(_) | Arr::I8(_) | Arr::I32(_) | Arr::I64(_)) => cast_arr(a, a.dt(), pool),
        (_, Arr::F16(b)) => Arr::F16(pool.map1(b, flt_unary::<f32>(f))),
        (_, Arr::F32(b)) => Arr::F32(pool.map1(b, flt_unary::<f32>(f))),
        (_, Arr::F64(b)) => Arr::F64(pool.map1(b, flt_unary::<f64>(f))),
    };
    pool.give_cow(x);
    Ok(Val::A(r))
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
pub(super) fn py_convert(f: Func, v: &Val) -> Result<Val, String> {
    let s = v.scalar()?;
    Ok(Val::S(match (f, s) {
        (Func::Float, s) => Sc::F(s.as_f64()),
        (_, Sc::B(b)) => Sc::I(b as i64),
        (_, Sc::I(i)) => Sc::I(i),
        (Func::Round, Sc::F(x)) => Sc::I(float_to_pyint(x.round_ties_even())?),
        (_, Sc::F(x)) => Sc::I(float_to_pyint(x.trunc())?),
    }))
}
