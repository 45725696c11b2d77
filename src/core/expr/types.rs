//! numpy dtypes and Python scalar types, and their promotion rules.

use super::*;

/// Run-time type of a value: three Python scalar kinds and seven numpy dtypes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DType {
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

pub(super) const ALL_T: [DType; 10] =
    [DType::PB, DType::PI, DType::PF, DType::B, DType::I8, DType::I32, DType::I64, DType::F16, DType::F32, DType::F64];

impl DType {
    pub(super) fn is_py(self) -> bool {
        matches!(self, DType::PB | DType::PI | DType::PF)
    }
    pub(super) fn is_int(self) -> bool {
        matches!(self, DType::I8 | DType::I32 | DType::I64)
    }
    pub(super) fn is_float(self) -> bool {
        matches!(self, DType::F16 | DType::F32 | DType::F64)
    }
    pub(super) fn name(self) -> &'static str {
        match self {
            DType::PB => "bool",
            DType::PI => "int",
            DType::PF => "float",
            DType::B => "bool",
            DType::I8 => "int8",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::F16 => "float16",
            DType::F32 => "float32",
            DType::F64 => "float64",
        }
    }
    pub(super) fn bit(self) -> u16 {
        1 << (self as u16)
    }
    pub(super) fn to_ty(self) -> Ty {
        match self {
            DType::PB => Ty::PyBool,
            DType::PI => Ty::PyInt,
            DType::PF => Ty::PyFloat,
            DType::B => Ty::Bool,
            DType::I8 => Ty::Int8,
            DType::I32 => Ty::Int32,
            DType::I64 => Ty::Int64,
            DType::F16 => Ty::Float16,
            DType::F32 => Ty::Float32,
            DType::F64 => Ty::Float64,
        }
    }
    pub(super) fn from_ty(t: Ty) -> DType {
        match t {
            Ty::PyBool => DType::PB,
            Ty::PyInt => DType::PI,
            Ty::PyFloat => DType::PF,
            Ty::Bool => DType::B,
            Ty::Int8 => DType::I8,
            Ty::Int32 => DType::I32,
            Ty::Int64 => DType::I64,
            Ty::Float16 => DType::F16,
            Ty::Float32 => DType::F32,
            Ty::Float64 => DType::F64,
        }
    }
    /// The numpy dtype a Python scalar becomes when it is passed to a ufunc on its own.
    pub(super) fn strong(self) -> DType {
        match self {
            DType::PB => DType::B,
            DType::PI => DType::I64,
            DType::PF => DType::F64,
            t => t,
        }
    }
    /// Python numeric tower rank (bool < int < float) for Python-only promotion.
    pub(super) fn py_rank(self) -> u8 {
        match self {
            DType::PB => 0,
            DType::PI => 1,
            _ => 2,
        }
    }
}

/// numpy's promotion of two dtypes (both strong).
pub(super) fn promote(a: DType, b: DType) -> DType {
    use DType::*;
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
pub(super) fn weak_promote(w: DType, d: DType) -> DType {
    match w {
        DType::PI if d == DType::B => DType::I64,
        DType::PF if !d.is_float() => DType::F64,
        _ => d,
    }
}

/// The common dtype numpy computes in for operands of run-time types `a` and `b` (at least one
/// of them is a numpy value, or both are Python scalars passed to a ufunc).
pub(super) fn operand_dt(a: DType, b: DType) -> DType {
    match (a.is_py(), b.is_py()) {
        (false, false) => promote(a, b),
        (true, false) => weak_promote(a, b),
        (false, true) => weak_promote(b, a),
        (true, true) => promote(a.strong(), b.strong()),
    }
}

/// Python-only promotion (bool < int < float).
pub(super) fn py_promote(a: DType, b: DType) -> DType {
    if a.py_rank() >= b.py_rank() {
        a
    } else {
        b
    }
}

pub(super) fn bin_type_error(op: BOp, a: DType, b: DType) -> String {
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
pub(super) fn np_bin_types(op: BOp, a: DType, b: DType) -> Result<(DType, DType), String> {
    let p = operand_dt(a, b);
    match op {
        BOp::Add | BOp::Mul => Ok((p, p)),
        BOp::Sub => {
            if p == DType::B {
                Err(BOOL_SUB_MSG.to_string())
            } else {
                Ok((p, p))
            }
        }
        BOp::Div => {
            if p.is_float() {
                Ok((p, p))
            } else {
                Ok((DType::F64, DType::F64))
            }
        }
        BOp::FloorDiv | BOp::Mod | BOp::Pow => {
            if p == DType::B {
                Ok((DType::I8, DType::I8))
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
            } else if p == DType::B {
                Ok((DType::I8, DType::I8))
            } else {
                Ok((p, p))
            }
        }
    }
}

/// Python operator on two Python scalars: result type (for `int ** int` the non-negative
/// exponent case; the caller adds `float`).
pub(super) fn py_bin_type(op: BOp, a: DType, b: DType) -> Result<DType, String> {
    let any_f = a == DType::PF || b == DType::PF;
    match op {
        BOp::Add | BOp::Sub | BOp::Mul | BOp::FloorDiv | BOp::Mod | BOp::Pow => {
            Ok(if any_f { DType::PF } else { DType::PI })
        }
        BOp::Div => Ok(DType::PF),
        BOp::BitAnd | BOp::BitOr | BOp::BitXor => {
            if any_f {
                Err(bin_type_error(op, a, b))
            } else if a == DType::PB && b == DType::PB {
                Ok(DType::PB)
            } else {
                Ok(DType::PI)
            }
        }
        BOp::Shl | BOp::Shr => {
            if any_f {
                Err(bin_type_error(op, a, b))
            } else {
                Ok(DType::PI)
            }
        }
    }
}

/// A set of possible run-time types (static analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) struct TySet(pub(super) u16);

impl TySet {
    pub(super) fn one(t: DType) -> TySet {
        TySet(t.bit())
    }
    pub(super) fn add(&mut self, t: DType) {
        self.0 |= t.bit();
    }
    pub(super) fn union(self, o: TySet) -> TySet {
        TySet(self.0 | o.0)
    }
    pub(super) fn has(self, t: DType) -> bool {
        self.0 & t.bit() != 0
    }
    pub(super) fn iter(self) -> impl Iterator<Item = DType> {
        ALL_T.into_iter().filter(move |t| self.has(*t))
    }
    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The single type, or the promotion of all members.
    pub(super) fn representative(self) -> DType {
        let mut it = self.iter();
        let Some(mut acc) = it.next() else { return DType::F64 };
        for t in it {
            acc = match (acc.is_py(), t.is_py()) {
                (true, true) => py_promote(acc, t),
                _ => operand_dt(acc, t),
            };
        }
        acc
    }
}
