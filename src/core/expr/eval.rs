//! The evaluator: a typed tree run over the pixels.

use super::*;

pub(super) struct Ctx<'a, 'i> {
    pub(super) inputs: &'a [Input<'i>],
    pub(super) var_tys: &'a [DType],
    pub(super) n: usize,
    pub(super) pool: &'a mut Pool,
    pub(super) flavor: Flavor,
}

pub(super) fn load(k: usize, cx: &mut Ctx<'_, '_>) -> Result<Value, String> {
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
        (DType::PI, Input::Int(i)) => Value::S(Scalar::I(i)),
        (DType::PB, Input::Int(i)) => Value::S(Scalar::B(i != 0)),
        (DType::PF, Input::Float(f)) => Value::S(Scalar::F(f)),
        (DType::PF, Input::Int(i)) => Value::S(Scalar::F(i as f64)),
        (DType::I32, Input::I32(s)) => Value::A(Array::I32(copy(s, n, pool, k)?)),
        (DType::I64, Input::I64(s)) => Value::A(Array::I64(copy(s, n, pool, k)?)),
        (DType::F32, Input::F32(s)) => Value::A(Array::F32(copy(s, n, pool, k)?)),
        (DType::F64, Input::F64(s)) => Value::A(Array::F64(copy(s, n, pool, k)?)),
        (DType::B, Input::Bool(s)) => Value::A(Array::B(copy(s, n, pool, k)?)),
        (DType::B | DType::I32 | DType::I64 | DType::F32 | DType::F64, Input::Int(i)) => {
            Value::A(sc_to_arr(Scalar::I(i), t, pool)?)
        }
        (DType::F32 | DType::F64, Input::Float(f)) => Value::A(sc_to_arr(Scalar::F(f), t, pool)?),
        _ => return Err(format!("input #{k} does not match the declared type {:?}: got {inp:?}", t.to_ty())),
    })
}

pub(super) fn eval_node(node: &Node, cx: &mut Ctx<'_, '_>) -> Result<Value, String> {
    match &node.k {
        NodeKind::Const(s) => Ok(Value::S(*s)),
        NodeKind::Var(k) => load(*k, cx),
        NodeKind::Unary(op, a) => {
            let v = eval_node(a, cx)?;
            let r = unary(*op, &v, a.lanes, cx.pool);
            cx.pool.give_val(v);
            r
        }
        NodeKind::Bin(..) => {
            // The left spine in a loop, as the checker builds it (see `Env::check_inner`).
            let mut links = Vec::new();
            let mut first = node;
            while let NodeKind::Bin(op, a, b) = &first.k {
                links.push((*op, a.lanes, b));
                first = a;
            }
            let mut acc = eval_node(first, cx)?;
            for (op, left_lanes, b) in links.into_iter().rev() {
                let vb = match eval_node(b, cx) {
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
        NodeKind::Cmp(first, rest) => {
            let mut left = eval_node(first, cx)?;
            let mut acc: Option<Value> = None;
            for (op, rn) in rest {
                let right = eval_node(rn, cx)?;
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
                if let Value::S(s) = r {
                    return Ok(Value::A(sc_to_arr(s, DType::B, cx.pool)?));
                }
            }
            Ok(r)
        }
        NodeKind::And(a, b) | NodeKind::Or(a, b) => {
            let is_and = matches!(node.k, NodeKind::And(..));
            let va = eval_node(a, cx)?;
            if !a.lanes {
                // Python: short-circuit, the operand itself is the result.
                if va.truthy_scalar() != is_and {
                    return Ok(va);
                }
                cx.pool.give_val(va);
                return eval_node(b, cx);
            }
            let vb = eval_node(b, cx)?;
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
            r.map(Value::A)
        }
        NodeKind::Call(f, args) => call(*f, args, cx),
        NodeKind::Fail(m) => Err(m.clone()),
    }
}

pub(super) fn call(f: Func, args: &[Node], cx: &mut Ctx<'_, '_>) -> Result<Value, String> {
    let py = cx.flavor == Flavor::Python;
    let Some(a0) = args.first() else { return Err(internal()) };
    match f {
        Func::Min | Func::Max => {
            let is_min = f == Func::Min;
            let mut acc = eval_node(a0, cx)?;
            let mut acc_lanes = a0.lanes;
            for b in &args[1..] {
                let vb = eval_node(b, cx)?;
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
                    cx.pool.give_val(std::mem::replace(&mut acc, Value::A(r?)));
                }
                acc_lanes |= b.lanes;
            }
            Ok(acc)
        }
        Func::Pow => {
            let a1 = args.get(1).ok_or_else(internal)?;
            let va = eval_node(a0, cx)?;
            let vb = eval_node(a1, cx)?;
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
            let v = eval_node(a0, cx)?;
            let r = match f {
                _ if f.is_transcendental() => np_float_fn(f, &v, cx.pool),
                Func::Floor | Func::Ceil => np_unary_same(f, &v, cx.pool),
                Func::Abs => match v {
                    Value::S(s) if py => match s {
                        Scalar::B(b) => Ok(Value::S(Scalar::I(b as i64))),
                        Scalar::I(i) => i.checked_abs().map(|r| Value::S(Scalar::I(r))).ok_or_else(overflow),
                        Scalar::F(x) => Ok(Value::S(Scalar::F(x.abs()))),
                    },
                    _ => np_unary_same(f, &v, cx.pool),
                },
                Func::Round if py && !a0.lanes => py_convert(f, &v),
                Func::Round => np_unary_same(f, &v, cx.pool),
                Func::Int | Func::Float if !a0.lanes => py_convert(f, &v),
                Func::Int => match &v {
                    Value::A(a) => Ok(Value::A(cast_arr(a, DType::I64, cx.pool))),
                    Value::S(_) => py_convert(f, &v),
                },
                Func::Float => match &v {
                    Value::A(a) => Ok(Value::A(cast_arr(a, DType::F64, cx.pool))),
                    Value::S(_) => py_convert(f, &v),
                },
                _ => Err(internal()),
            };
            cx.pool.give_val(v);
            r
        }
    }
}

pub(super) fn write_out(v: Value, n: usize, out: &mut Vec<f64>, pool: &mut Pool) -> Result<(), String> {
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
        Value::S(s) => {
            out.resize(n, s.as_f64());
            Ok(())
        }
        Value::A(Array::B(x)) => put(x, n, out, |a| a as u8 as f64),
        Value::A(Array::I8(x)) => put(x, n, out, |a| a as f64),
        Value::A(Array::I32(x)) => put(x, n, out, |a| a as f64),
        Value::A(Array::I64(x)) => put(x, n, out, |a| a as f64),
        Value::A(Array::F16(x) | Array::F32(x)) => put(x, n, out, |a| a as f64),
        Value::A(Array::F64(x)) => put(x, n, out, |a| a),
    };
    pool.give_val(v);
    r
}

#[cfg(test)]
mod tests {
    use crate::core::expr::{Expr, ExprErrorKind, Input, Ty};

    #[test]
    fn failures_on_values_are_evaluation_errors_without_a_position() {
        let e = Expr::compile("v ** w", &[("v", Ty::Int32), ("w", Ty::Int32)], &[]).unwrap();
        let mut out = Vec::new();
        e.eval(&[Input::I32(&[2, 3]), Input::I32(&[1, 2])], 2, &mut out).unwrap();
        assert_eq!(out, [2.0, 9.0]);
        let err = e.eval(&[Input::I32(&[2, 3]), Input::I32(&[1, -1])], 2, &mut out).unwrap_err();
        assert_eq!((err.kind, err.position), (ExprErrorKind::Evaluation, None));
        assert!(err.message.contains("negative integer powers"), "{err}");
    }
}
