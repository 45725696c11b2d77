//! The evaluator: a typed tree run over the pixels.

use super::*;

pub(super) struct Ctx<'a, 'i> {
    pub(super) inputs: &'a [Input<'i>],
    pub(super) var_tys: &'a [T],
    pub(super) n: usize,
    pub(super) pool: &'a mut Pool,
    pub(super) flavor: Flavor,
}

pub(super) fn load(k: usize, cx: &mut Ctx<'_, '_>) -> Result<Val, String> {
    let (Some(&t), Some(&inp)) = (cx.var_tys.get(k), cx.inputs.get(k)) else {
        return Err(internal());
    };
    let n = cx.n;
    let pool = &mut *cx.pool;
    fn copy<E: Elem>(s: &[E], n: usize, pool: &mut Pool, k: usize) -> Result<Vec<E>, String> {
        if s.len() != n {
            return Err(format!("input #{k} has {} values, expected {n}", s.len()));
        }
        let mut v = pool.take();
        v.extend_from_slice(s);
        Ok(v)
    }
    Ok(match (t, inp) {
        (T::PI, Input::Int(i)) => Val::S(Sc::I(i)),
        (T::PB, Input::Int(i)) => Val::S(Sc::B(i != 0)),
        (T::PF, Input::Float(f)) => Val::S(Sc::F(f)),
        (T::PF, Input::Int(i)) => Val::S(Sc::F(i as f64)),
        (T::I32, Input::I32(s)) => Val::A(Arr::I32(copy(s, n, pool, k)?)),
        (T::I64, Input::I64(s)) => Val::A(Arr::I64(copy(s, n, pool, k)?)),
        (T::F32, Input::F32(s)) => Val::A(Arr::F32(copy(s, n, pool, k)?)),
        (T::F64, Input::F64(s)) => Val::A(Arr::F64(copy(s, n, pool, k)?)),
        (T::B, Input::Bool(s)) => Val::A(Arr::B(copy(s, n, pool, k)?)),
        (T::B | T::I32 | T::I64 | T::F32 | T::F64, Input::Int(i)) => Val::A(sc_to_arr(Sc::I(i), t, pool)?),
        (T::F32 | T::F64, Input::Float(f)) => Val::A(sc_to_arr(Sc::F(f), t, pool)?),
        _ => return Err(format!("input #{k} does not match the declared type {:?}: got {inp:?}", t.to_ty())),
    })
}

pub(super) fn ev(node: &Node, cx: &mut Ctx<'_, '_>) -> Result<Val, String> {
    match &node.k {
        NK::Const(s) => Ok(Val::S(*s)),
        NK::Var(k) => load(*k, cx),
        NK::Unary(op, a) => {
            let v = ev(a, cx)?;
            let r = unary(*op, &v, a.lanes, cx.pool);
            cx.pool.give_val(v);
            r
        }
        NK::Bin(..) => {
            // The left spine in a loop, as the checker builds it (see `Env::check_inner`).
            let mut links = Vec::new();
            let mut first = node;
            while let NK::Bin(op, a, b) = &first.k {
                links.push((*op, a.lanes, b));
                first = a;
            }
            let mut acc = ev(first, cx)?;
            for (op, left_lanes, b) in links.into_iter().rev() {
                let vb = match ev(b, cx) {
                    Ok(v) => v,
                    Err(e) => {
                        cx.pool.give_val(acc);
                        return Err(e);
                    }
                };
                let r = binary(op, &acc, &vb, left_lanes, true, cx.pool);
                cx.pool.give_val(acc);
                cx.pool.give_val(vb);
                acc = r?;
            }
            Ok(acc)
        }
        NK::Cmp(first, rest) => {
            let mut left = ev(first, cx)?;
            let mut acc: Option<Val> = None;
            for (op, rn) in rest {
                let right = ev(rn, cx)?;
                let c = compare(*op, &left, &right, cx.pool)?;
                cx.pool.give_val(std::mem::replace(&mut left, right));
                if node.lanes {
                    acc = Some(match acc {
                        None => c,
                        Some(prev) => {
                            let r = np_binary(BOp::BitAnd, &prev, &c, cx.pool)?;
                            cx.pool.give_val(prev);
                            cx.pool.give_val(c);
                            r
                        }
                    });
                } else {
                    let falsy = !c.truthy_scalar();
                    if let Some(prev) = acc.replace(c) {
                        cx.pool.give_val(prev);
                    }
                    if falsy {
                        break;
                    }
                }
            }
            cx.pool.give_val(left);
            let r = acc.ok_or_else(internal)?;
            if node.lanes {
                if let Val::S(s) = r {
                    return Ok(Val::A(sc_to_arr(s, T::B, cx.pool)?));
                }
            }
            Ok(r)
        }
        NK::And(a, b) | NK::Or(a, b) => {
            let is_and = matches!(node.k, NK::And(..));
            let va = ev(a, cx)?;
            if !a.lanes {
                // Python: short-circuit, the operand itself is the result.
                if va.truthy_scalar() != is_and {
                    return Ok(va);
                }
                cx.pool.give_val(va);
                return ev(b, cx);
            }
            let vb = ev(b, cx)?;
            let p = operand_dt(va.ty(), vb.ty());
            let mask = truth_vec(&va, cx.pool);
            let xa = conv(&va, p, cx.pool)?;
            let xb = conv(&vb, p, cx.pool)?;
            let r = if is_and {
                select(&mask, xb.arr(), xa.arr(), cx.pool)
            } else {
                select(&mask, xa.arr(), xb.arr(), cx.pool)
            };
            cx.pool.give(mask);
            cx.pool.give_cow(xa);
            cx.pool.give_cow(xb);
            cx.pool.give_val(va);
            cx.pool.give_val(vb);
            r.map(Val::A)
        }
        NK::Call(f, args) => call(*f, args, cx),
        NK::Fail(m) => Err(m.clone()),
    }
}

pub(super) fn call(f: Func, args: &[Node], cx: &mut Ctx<'_, '_>) -> Result<Val, String> {
    let py = cx.flavor == Flavor::Python;
    let Some(a0) = args.first() else { return Err(internal()) };
    match f {
        Func::Min | Func::Max => {
            let is_min = f == Func::Min;
            let mut acc = ev(a0, cx)?;
            let mut acc_lanes = a0.lanes;
            for b in &args[1..] {
                let vb = ev(b, cx)?;
                if py && !acc_lanes && !b.lanes {
                    // Python builtin: keeps the first of equal values; the chosen object itself.
                    let op = if is_min { CmpOp::Lt } else { CmpOp::Gt };
                    let c = compare(op, &vb, &acc, cx.pool)?;
                    let take_b = c.truthy_scalar();
                    cx.pool.give_val(c);
                    if take_b {
                        cx.pool.give_val(std::mem::replace(&mut acc, vb));
                    } else {
                        cx.pool.give_val(vb);
                    }
                } else {
                    let p = operand_dt(acc.ty(), vb.ty());
                    let xa = conv(&acc, p, cx.pool)?;
                    let xb = conv(&vb, p, cx.pool)?;
                    let r = minmax_arr(is_min, xa.arr(), xb.arr(), cx.pool);
                    cx.pool.give_cow(xa);
                    cx.pool.give_cow(xb);
                    cx.pool.give_val(vb);
                    cx.pool.give_val(std::mem::replace(&mut acc, Val::A(r?)));
                }
                acc_lanes |= b.lanes;
            }
            Ok(acc)
        }
        Func::Pow => {
            let a1 = args.get(1).ok_or_else(internal)?;
            let va = ev(a0, cx)?;
            let vb = ev(a1, cx)?;
            let r = if py {
                binary(BOp::Pow, &va, &vb, a0.lanes, true, cx.pool)
            } else {
                np_binary(BOp::Pow, &va, &vb, cx.pool)
            };
            cx.pool.give_val(va);
            cx.pool.give_val(vb);
            r
        }
        _ => {
            let v = ev(a0, cx)?;
            let r = match f {
                _ if f.is_transcendental() => np_float_fn(f, &v, cx.pool),
                Func::Floor | Func::Ceil => np_unary_same(f, &v, cx.pool),
                Func::Abs => match v {
                    Val::S(s) if py => match s {
                        Sc::B(b) => Ok(Val::S(Sc::I(b as i64))),
                        Sc::I(i) => i.checked_abs().map(|r| Val::S(Sc::I(r))).ok_or_else(overflow),
                        Sc::F(x) => Ok(Val::S(Sc::F(x.abs()))),
                    },
                    _ => np_unary_same(f, &v, cx.pool),
                },
                Func::Round if py && !a0.lanes => py_convert(f, &v),
                Func::Round => np_unary_same(f, &v, cx.pool),
                Func::Int | Func::Float if !a0.lanes => py_convert(f, &v),
                Func::Int => match &v {
                    Val::A(a) => Ok(Val::A(cast_arr(a, T::I64, cx.pool))),
                    Val::S(_) => py_convert(f, &v),
                },
                Func::Float => match &v {
                    Val::A(a) => Ok(Val::A(cast_arr(a, T::F64, cx.pool))),
                    Val::S(_) => py_convert(f, &v),
                },
                _ => Err(internal()),
            };
            cx.pool.give_val(v);
            r
        }
    }
}

pub(super) fn write_out(v: Val, n: usize, out: &mut Vec<f64>, pool: &mut Pool) -> Result<(), String> {
    fn put<E: Copy>(s: &[E], n: usize, out: &mut Vec<f64>, f: impl Fn(E) -> f64) -> Result<(), String> {
        if s.len() == n {
            out.extend(s.iter().map(|&x| f(x)));
        } else if let [x] = s {
            out.resize(n, f(*x));
        } else {
            return Err(internal());
        }
        Ok(())
    }
    let r = match &v {
        Val::S(s) => {
            out.resize(n, s.as_f64());
            Ok(())
        }
        Val::A(Arr::B(x)) => put(x, n, out, |a| a as u8 as f64),
        Val::A(Arr::I8(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::I32(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::I64(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::F16(x) | Arr::F32(x)) => put(x, n, out, |a| a as f64),
        Val::A(Arr::F64(x)) => put(x, n, out, |a| a),
    };
    pool.give_val(v);
    r
}
