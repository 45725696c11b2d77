//! numpy dtypes and Python scalar types, and their promotion rules.

use super::*;

/// Run-time type of a value: three Python scalar kinds and seven numpy dtypes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum T {
    PB,
    PI,
    PF,
    B,
    I8,
    I32,
    I64,
    F16,
    F32,
    F64,
}

pub(super) const ALL_T: [T; 10] = [T::PB, T::PI, T::PF, T::B, T::I8, T::I32, T::I64, T::F16, T::F32, T::F64];

impl T {
    pub(super) fn is_py(self) -> bool {
        matches!(self, T::PB | T::PI | T::PF)
    }
    pub(super) fn is_int(self) -> bool {
        matches!(self, T::I8 | T::I32 | T::I64)
    }
    pub(super) fn is_float(self) -> bool {
        matches!(self, T::F16 | T::F32 | T::F64)
    }
    pub(super) fn name(self) -> &'static str {
        match self {
            T::PB => "bool",
            T::PI => "int",
            T::PF => "float",
            T::B => "bool",
            T::I8 => "int8",
            T::I32 => "int32",
            T::I64 => "int64",
            T::F16 => "float16",
            T::F32 => "float32",
            T::F64 => "float64",
        }
    }
    pub(super) fn bit(self) -> u16 {
        1 << (self as u16)
    }
    pub(super) fn to_ty(self) -> Ty {
        match self {
            T::PB => Ty::PyBool,
            T::PI => Ty::PyInt,
            T::PF => Ty::PyFloat,
            T::B => Ty::Bool,
            T::I8 => Ty::Int8,
            T::I32 => Ty::Int32,
            T::I64 => Ty::Int64,
            T::F16 => Ty::Float16,
            T::F32 => Ty::Float32,
            T::F64 => Ty::Float64,
        }
    }
    pub(super) fn from_ty(t: Ty) -> T {
        match t {
            Ty::PyBool => T::PB,
            Ty::PyInt => T::PI,
            Ty::PyFloat => T::PF,
            Ty::Bool => T::B,
            Ty::Int8 => T::I8,
            Ty::Int32 => T::I32,
            Ty::Int64 => T::I64,
            Ty::Float16 => T::F16,
            Ty::Float32 => T::F32,
            Ty::Float64 => T::F64,
        }
    }
    /// The numpy dtype a Python scalar becomes when it is passed to a ufunc on its own.
    pub(super) fn strong(self) -> T {
        match self {
            T::PB => T::B,
            T::PI => T::I64,
            T::PF => T::F64,
            t => t,
        }
    }
    /// Python numeric tower rank (bool < int < float) for Python-only promotion.
    pub(super) fn py_rank(self) -> u8 {
        match self {
            T::PB => 0,
            T::PI => 1,
            _ => 2,
        }
    }
}

/// numpy's promotion of two dtypes (both strong).
pub(super) fn promote(a: T, b: T) -> T {
    use T::*;
    if a == b {
        return a;
    }
    match (a, b) {
        (B, x) | (x, B) => x,
        (I8, x) | (x, I8) => x,
        (I32, I64) | (I64, I32) => I64,
        (I32 | I64, _) | (_, I32 | I64) => F64,
        (F16, F32) | (F32, F16) => F32,
        _ => F64,
    }
}

/// NEP 50: a Python scalar `w` meeting a numpy value of dtype `d`.
pub(super) fn weak_promote(w: T, d: T) -> T {
    match w {
        T::PI if d == T::B => T::I64,
        T::PF if !d.is_float() => T::F64,
        _ => d,
    }
}

/// The common dtype numpy computes in for operands of run-time types `a` and `b` (at least one
/// of them is a numpy value, or both are Python scalars passed to a ufunc).
pub(super) fn operand_dt(a: T, b: T) -> T {
    match (a.is_py(), b.is_py()) {
        (false, false) => promote(a, b),
        (true, false) => weak_promote(a, b),
        (false, true) => weak_promote(b, a),
        (true, true) => promote(a.strong(), b.strong()),
    }
}

/// Python-only promotion (bool < int < float).
pub(super) fn py_promote(a: T, b: T) -> T {
    if a.py_rank() >= b.py_rank() {
        a
    } else {
        b
    }
}

pub(super) fn bin_type_error(op: BOp, a: T, b: T) -> String {
    format!(
        "unsupported operand type(s) for {}: '{}' and '{}'{}",
        op.sym(),
        a.name(),
        b.name(),
        if matches!(op, BOp::BitAnd | BOp::BitOr | BOp::BitXor | BOp::Shl | BOp::Shr) {
            " (bitwise operators need integer or boolean operands)"
        } else {
            ""
        }
    )
}

pub(super) const BOOL_SUB_MSG: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead";
pub(super) const BOOL_NEG_MSG: &str = "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead";
pub(super) const BOOL_POS_MSG: &str = "unary '+' is not supported for numpy booleans";

/// numpy operator: (dtype both operands are converted to, result dtype).
pub(super) fn np_bin_types(op: BOp, a: T, b: T) -> Result<(T, T), String> {
    let p = operand_dt(a, b);
    match op {
        BOp::Add | BOp::Mul => Ok((p, p)),
        BOp::Sub => {
            if p == T::B {
                Err(BOOL_SUB_MSG.to_string())
            } else {
                Ok((p, p))
            }
        }
        BOp::Div => {
            if p.is_float() {
                Ok((p, p))
            } else {
                Ok((T::F64, T::F64))
            }
        }
        BOp::FloorDiv | BOp::Mod | BOp::Pow => {
            if p == T::B {
                Ok((T::I8, T::I8))
            } else {
                Ok((p, p))
            }
        }
        BOp::BitAnd | BOp::BitOr | BOp::BitXor => {
            if p.is_float() {
                Err(bin_type_error(op, a, b))
            } else {
                Ok((p, p))
            }
        }
        BOp::Shl | BOp::Shr => {
            if p.is_float() {
                Err(bin_type_error(op, a, b))
            } else if p == T::B {
                Ok((T::I8, T::I8))
            } else {
                Ok((p, p))
            }
        }
    }
}

/// Python operator on two Python scalars: result type (for `int ** int` the non-negative
/// exponent case; the caller adds `float`).
pub(super) fn py_bin_type(op: BOp, a: T, b: T) -> Result<T, String> {
    let any_f = a == T::PF || b == T::PF;
    match op {
        BOp::Add | BOp::Sub | BOp::Mul | BOp::FloorDiv | BOp::Mod | BOp::Pow => Ok(if any_f { T::PF } else { T::PI }),
        BOp::Div => Ok(T::PF),
        BOp::BitAnd | BOp::BitOr | BOp::BitXor => {
            if any_f {
                Err(bin_type_error(op, a, b))
            } else if a == T::PB && b == T::PB {
                Ok(T::PB)
            } else {
                Ok(T::PI)
            }
        }
        BOp::Shl | BOp::Shr => {
            if any_f {
                Err(bin_type_error(op, a, b))
            } else {
                Ok(T::PI)
            }
        }
    }
}

/// A set of possible run-time types (static analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) struct TySet(pub(super) u16);

impl TySet {
    pub(super) fn one(t: T) -> TySet {
        TySet(t.bit())
    }
    pub(super) fn add(&mut self, t: T) {
        self.0 |= t.bit();
    }
    pub(super) fn union(self, o: TySet) -> TySet {
        TySet(self.0 | o.0)
    }
    pub(super) fn has(self, t: T) -> bool {
        self.0 & t.bit() != 0
    }
    pub(super) fn iter(self) -> impl Iterator<Item = T> {
        ALL_T.into_iter().filter(move |t| self.has(*t))
    }
    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The single type, or the promotion of all members.
    pub(super) fn representative(self) -> T {
        let mut it = self.iter();
        let Some(mut acc) = it.next() else { return T::F64 };
        for t in it {
            acc = match (acc.is_py(), t.is_py()) {
                (true, true) => py_promote(acc, t),
                _ => operand_dt(acc, t),
            };
        }
        acc
    }
}
