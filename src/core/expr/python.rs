//! Python scalar semantics: int and float arithmetic as CPython does it.

use super::*;

pub(super) fn overflow() -> String {
    "integer overflow: the result does not fit in 64 bits (Python integers are limited to 64 bits here)".to_string()
}

pub(super) fn is_odd_integer(x: f64) -> bool {
    (x.abs() % 2.0) == 1.0
}

/// CPython `float.__pow__`.
pub(super) fn py_float_pow(iv: f64, iw: f64) -> Result<f64, String> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err("ZeroDivisionError: 0.0 cannot be raised to a negative power".to_string());
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return Err(format!(
                "{iv} ** {iw}: a negative number raised to a fractional power is complex (not supported)"
            ));
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err("OverflowError: (34, 'Numerical result out of range')".to_string());
    }
    Ok(if negate { -r } else { r })
}

pub(super) fn py_int_pow(a: i64, e: i64) -> Result<i64, String> {
    match a {
        0 => Ok(if e == 0 { 1 } else { 0 }),
        1 => Ok(1),
        -1 => Ok(if e % 2 == 0 { 1 } else { -1 }),
        _ => {
            if e >= 64 {
                return Err(overflow());
            }
            a.checked_pow(e as u32).ok_or_else(overflow)
        }
    }
}

/// Python's int(float) / round(float) result check.
pub(super) fn float_to_pyint(f: f64) -> Result<i64, String> {
    if f.is_nan() {
        return Err("ValueError: cannot convert float NaN to integer".to_string());
    }
    if f.is_infinite() {
        return Err("OverflowError: cannot convert float infinity to integer".to_string());
    }
    if (-TWO_POW_63..TWO_POW_63).contains(&f) {
        Ok(f as i64)
    } else {
        Err(overflow())
    }
}

/// A Python binary operator on two Python scalars.
pub(super) fn py_bin(op: BOp, x: Scalar, y: Scalar) -> Result<Scalar, String> {
    let any_f = matches!(x, Scalar::F(_)) || matches!(y, Scalar::F(_));
    match op {
        BOp::Add | BOp::Sub | BOp::Mul => {
            if any_f {
                let (a, b) = (x.as_f64(), y.as_f64());
                Ok(Scalar::F(match op {
                    BOp::Add => a + b,
                    BOp::Sub => a - b,
                    _ => a * b,
                }))
            } else {
                let (a, b) = (x.as_i64(), y.as_i64());
                match op {
                    BOp::Add => a.checked_add(b),
                    BOp::Sub => a.checked_sub(b),
                    _ => a.checked_mul(b),
                }
                .map(Scalar::I)
                .ok_or_else(overflow)
            }
        }
        BOp::Div => {
            let (a, b) = (x.as_f64(), y.as_f64());
            if b == 0.0 {
                return Err(if any_f {
                    "ZeroDivisionError: float division by zero"
                } else {
                    "ZeroDivisionError: division by zero"
                }
                .to_string());
            }
            Ok(Scalar::F(a / b))
        }
        BOp::FloorDiv | BOp::Mod => {
            let floor = op == BOp::FloorDiv;
            if any_f {
                let (a, b) = (x.as_f64(), y.as_f64());
                if b == 0.0 {
                    return Err(if floor {
                        "ZeroDivisionError: float floor division by zero"
                    } else {
                        "ZeroDivisionError: float modulo by zero"
                    }
                    .to_string());
                }
                let (d, m) = fdivmod(a, b);
                Ok(Scalar::F(if floor { d } else { m }))
            } else {
                let (a, b) = (x.as_i64(), y.as_i64());
                if b == 0 {
                    return Err(if floor {
                        "ZeroDivisionError: integer division or modulo by zero"
                    } else {
                        "ZeroDivisionError: integer modulo by zero"
                    }
                    .to_string());
                }
                if floor {
                    if a == i64::MIN && b == -1 {
                        return Err(overflow());
                    }
                    Ok(Scalar::I(np_ifloordiv(a, b)))
                } else {
                    Ok(Scalar::I(np_irem(a, b)))
                }
            }
        }
        BOp::Pow => {
            if any_f {
                py_float_pow(x.as_f64(), y.as_f64()).map(Scalar::F)
            } else {
                let (a, e) = (x.as_i64(), y.as_i64());
                if e >= 0 {
                    py_int_pow(a, e).map(Scalar::I)
                } else {
                    py_float_pow(a as f64, e as f64).map(Scalar::F)
                }
            }
        }
        BOp::BitAnd | BOp::BitOr | BOp::BitXor => {
            if any_f {
                return Err(bin_type_error(op, x.ty(), y.ty()));
            }
            if let (Scalar::B(a), Scalar::B(b)) = (x, y) {
                return Ok(Scalar::B(match op {
                    BOp::BitAnd => a & b,
                    BOp::BitOr => a | b,
                    _ => a ^ b,
                }));
            }
            let (a, b) = (x.as_i64(), y.as_i64());
            Ok(Scalar::I(match op {
                BOp::BitAnd => a & b,
                BOp::BitOr => a | b,
                _ => a ^ b,
            }))
        }
        BOp::Shl | BOp::Shr => {
            if any_f {
                return Err(bin_type_error(op, x.ty(), y.ty()));
            }
            let (a, n) = (x.as_i64(), y.as_i64());
            if n < 0 {
                return Err("ValueError: negative shift count".to_string());
            }
            if op == BOp::Shr {
                return Ok(Scalar::I(if n >= 64 {
                    if a < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    a >> n
                }));
            }
            if a == 0 {
                return Ok(Scalar::I(0));
            }
            if n >= 64 {
                return Err(overflow());
            }
            let r = (a as i128) << n;
            i64::try_from(r).map(Scalar::I).map_err(|_| overflow())
        }
    }
}

/// Exact comparison of a Python int with a Python float.
pub(super) fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= TWO_POW_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_POW_63 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    match i.cmp(&(t as i64)) {
        Ordering::Equal => 0.0f64.partial_cmp(&(f - t)),
        o => Some(o),
    }
}

pub(super) fn py_order(x: Scalar, y: Scalar) -> Option<Ordering> {
    match (x, y) {
        (Scalar::F(a), Scalar::F(b)) => a.partial_cmp(&b),
        (Scalar::F(a), b) => cmp_int_float(b.as_i64(), a).map(Ordering::reverse),
        (a, Scalar::F(b)) => cmp_int_float(a.as_i64(), b),
        (a, b) => Some(a.as_i64().cmp(&b.as_i64())),
    }
}
