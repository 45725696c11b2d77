//! Numeric kernels with numpy semantics, and the casts between dtypes.

use super::*;

/// Rounds to the nearest float16 value (ties to even; overflow to ±inf), returned as f32.
pub(super) fn f16r(x: f64) -> f32 {
    if !x.is_finite() {
        return x as f32;
    }
    let a = x.abs();
    if a >= 65520.0 {
        return if x > 0.0 { f32::INFINITY } else { f32::NEG_INFINITY };
    }
    let step = if a < 6.103515625e-05 {
        5.960464477539063e-08 // 2^-24: float16 subnormal spacing
    } else {
        let e = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
        f64::from_bits(((e - 10 + 1023) as u64) << 52)
    };
    ((x / step).round_ties_even() * step) as f32
}

pub(super) fn f16r32(x: f32) -> f32 {
    f16r(x as f64)
}

pub(super) trait IntE: Elem + Ord + Eq + Default {
    const MIN: Self;
    const BITS: u32;
    fn zero() -> Self;
    fn one() -> Self;
    fn wadd(self, o: Self) -> Self;
    fn wsub(self, o: Self) -> Self;
    fn wmul(self, o: Self) -> Self;
    fn wdiv(self, o: Self) -> Self;
    fn wrem(self, o: Self) -> Self;
    fn wneg(self) -> Self;
    fn band(self, o: Self) -> Self;
    fn bor(self, o: Self) -> Self;
    fn bxor(self, o: Self) -> Self;
    fn wshl(self, n: u32) -> Self;
    fn ashr(self, n: u32) -> Self;
    fn i64v(self) -> i64;
}

macro_rules! int_e {
    ($t:ty) => {
        impl IntE for $t {
            const MIN: Self = <$t>::MIN;
            const BITS: u32 = <$t>::BITS;
            fn zero() -> Self {
                0
            }
            fn one() -> Self {
                1
            }
            fn wadd(self, o: Self) -> Self {
                self.wrapping_add(o)
            }
            fn wsub(self, o: Self) -> Self {
                self.wrapping_sub(o)
            }
            fn wmul(self, o: Self) -> Self {
                self.wrapping_mul(o)
            }
            fn wdiv(self, o: Self) -> Self {
                self.wrapping_div(o)
            }
            fn wrem(self, o: Self) -> Self {
                self.wrapping_rem(o)
            }
            fn wneg(self) -> Self {
                self.wrapping_neg()
            }
            fn band(self, o: Self) -> Self {
                self & o
            }
            fn bor(self, o: Self) -> Self {
                self | o
            }
            fn bxor(self, o: Self) -> Self {
                self ^ o
            }
            fn wshl(self, n: u32) -> Self {
                self.wrapping_shl(n)
            }
            fn ashr(self, n: u32) -> Self {
                self >> n
            }
            fn i64v(self) -> i64 {
                self as i64
            }
        }
    };
}
int_e!(i8);
int_e!(i32);
int_e!(i64);

/// numpy integer floor division: `x // 0 == 0`, `MIN // -1 == MIN`.
pub(super) fn np_ifloordiv<I: IntE>(a: I, b: I) -> I {
    if b == I::zero() {
        return I::zero();
    }
    if a == I::MIN && b == I::one().wneg() {
        return I::MIN;
    }
    let q = a.wdiv(b);
    if a.wrem(b) != I::zero() && ((a < I::zero()) != (b < I::zero())) {
        q.wsub(I::one())
    } else {
        q
    }
}

/// numpy integer remainder (sign of the divisor): `x % 0 == 0`.
pub(super) fn np_irem<I: IntE>(a: I, b: I) -> I {
    if b == I::zero() {
        return I::zero();
    }
    let r = a.wrem(b);
    if r != I::zero() && ((r < I::zero()) != (b < I::zero())) {
        r.wadd(b)
    } else {
        r
    }
}

/// numpy integer power (exponent already checked to be non-negative), wrapping.
pub(super) fn np_ipow<I: IntE>(a: I, b: I) -> I {
    let mut e = b.i64v() as u64;
    if e == 0 || a == I::one() {
        return I::one();
    }
    let mut base = a;
    let mut out = if e & 1 == 1 { base } else { I::one() };
    e >>= 1;
    while e > 0 {
        base = base.wmul(base);
        if e & 1 == 1 {
            out = out.wmul(base);
        }
        e >>= 1;
    }
    out
}

pub(super) fn np_ishl<I: IntE>(a: I, b: I) -> I {
    let n = b.i64v() as u64;
    if n < I::BITS as u64 {
        a.wshl(n as u32)
    } else {
        I::zero()
    }
}

pub(super) fn np_ishr<I: IntE>(a: I, b: I) -> I {
    let n = b.i64v() as u64;
    if n < I::BITS as u64 {
        a.ashr(n as u32)
    } else if a < I::zero() {
        I::one().wneg()
    } else {
        I::zero()
    }
}

pub(super) fn int_op<I: IntE>(op: BOp, x: &[I], y: &[I], pool: &mut Pool) -> Result<Vec<I>, String> {
    Ok(match op {
        BOp::Add => pool.map2(x, y, I::wadd),
        BOp::Sub => pool.map2(x, y, I::wsub),
        BOp::Mul => pool.map2(x, y, I::wmul),
        BOp::FloorDiv => pool.map2(x, y, np_ifloordiv),
        BOp::Mod => pool.map2(x, y, np_irem),
        BOp::Pow => {
            if y.iter().any(|&e| e < I::zero()) {
                return Err("Integers to negative integer powers are not allowed.".to_string());
            }
            pool.map2(x, y, np_ipow)
        }
        BOp::BitAnd => pool.map2(x, y, I::band),
        BOp::BitOr => pool.map2(x, y, I::bor),
        BOp::BitXor => pool.map2(x, y, I::bxor),
        BOp::Shl => pool.map2(x, y, np_ishl),
        BOp::Shr => pool.map2(x, y, np_ishr),
        BOp::Div => return Err(internal()),
    })
}

pub(super) trait FltE:
    Elem
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Rem<Output = Self>
    + std::ops::Neg<Output = Self>
{
    fn zero() -> Self;
    fn one() -> Self;
    fn half() -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn rint(self) -> Self;
    fn abs(self) -> Self;
    fn copysign(self, s: Self) -> Self;
    fn powf(self, e: Self) -> Self;
    fn is_nan(self) -> bool;
    /// `f` evaluated in f64 and rounded to this type.
    fn via(self, f: fn(f64) -> f64) -> Self;
}

macro_rules! flt_e {
    ($t:ty) => {
        impl FltE for $t {
            fn zero() -> Self {
                0.0
            }
            fn one() -> Self {
                1.0
            }
            fn half() -> Self {
                0.5
            }
            fn floor(self) -> Self {
                <$t>::floor(self)
            }
            fn ceil(self) -> Self {
                <$t>::ceil(self)
            }
            fn rint(self) -> Self {
                <$t>::round_ties_even(self)
            }
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            fn copysign(self, s: Self) -> Self {
                <$t>::copysign(self, s)
            }
            fn powf(self, e: Self) -> Self {
                // In f64 and rounded (for f32: correctly rounded in practice, unlike glibc's
                // powf on exact ties such as 65f32.powf(4.0)).
                (self as f64).powf(e as f64) as $t
            }
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn via(self, f: fn(f64) -> f64) -> Self {
                f(self as f64) as $t
            }
        }
    };
}
flt_e!(f32);
flt_e!(f64);

/// numpy's / CPython's float divmod (`npy_divmod`, `float_divmod`): floor quotient and a
/// remainder with the sign of the divisor. `b == 0` gives `(a / b, nan)`.
pub(super) fn fdivmod<F: FltE>(a: F, b: F) -> (F, F) {
    let m = a % b;
    if b == F::zero() {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    let mut m = m;
    if m != F::zero() {
        if (b < F::zero()) != (m < F::zero()) {
            m = m + b;
            div = div - F::one();
        }
    } else {
        m = F::zero().copysign(b);
    }
    let fd = if div != F::zero() {
        let mut fd = div.floor();
        if div - fd > F::half() {
            fd = fd + F::one();
        }
        fd
    } else {
        F::zero().copysign(a / b)
    };
    (fd, m)
}

pub(super) fn np_fmin<F: FltE>(a: F, b: F) -> F {
    if a.is_nan() || (!b.is_nan() && a < b) {
        a
    } else {
        b
    }
}

pub(super) fn np_fmax<F: FltE>(a: F, b: F) -> F {
    if a.is_nan() || (!b.is_nan() && a > b) {
        a
    } else {
        b
    }
}

pub(super) fn flt_op<F: FltE>(op: BOp, x: &[F], y: &[F], pool: &mut Pool) -> Result<Vec<F>, String> {
    Ok(match op {
        BOp::Add => pool.map2(x, y, |a, b| a + b),
        BOp::Sub => pool.map2(x, y, |a, b| a - b),
        BOp::Mul => pool.map2(x, y, |a, b| a * b),
        BOp::Div => pool.map2(x, y, |a, b| a / b),
        BOp::FloorDiv => pool.map2(x, y, |a, b| fdivmod(a, b).0),
        BOp::Mod => pool.map2(x, y, |a, b| fdivmod(a, b).1),
        BOp::Pow => pool.map2(x, y, F::powf),
        _ => return Err(internal()),
    })
}

pub(super) fn bool_op(op: BOp, x: &[bool], y: &[bool], pool: &mut Pool) -> Result<Vec<bool>, String> {
    Ok(match op {
        BOp::Add | BOp::BitOr => pool.map2(x, y, |a, b| a | b),
        BOp::Mul | BOp::BitAnd => pool.map2(x, y, |a, b| a & b),
        BOp::BitXor => pool.map2(x, y, |a, b| a ^ b),
        _ => return Err(internal()),
    })
}

pub(super) fn round_f16(mut v: Vec<f32>) -> Vec<f32> {
    for e in v.iter_mut() {
        *e = f16r32(*e);
    }
    v
}

/// A numpy binary operator on two vectors of the same dtype.
pub(super) fn arith(op: BOp, x: &Array, y: &Array, pool: &mut Pool) -> Result<Array, String> {
    Ok(match (x, y) {
        (Array::B(x), Array::B(y)) => Array::B(bool_op(op, x, y, pool)?),
        (Array::I8(x), Array::I8(y)) => Array::I8(int_op(op, x, y, pool)?),
        (Array::I32(x), Array::I32(y)) => Array::I32(int_op(op, x, y, pool)?),
        (Array::I64(x), Array::I64(y)) => Array::I64(int_op(op, x, y, pool)?),
        (Array::F16(x), Array::F16(y)) => Array::F16(round_f16(flt_op(op, x, y, pool)?)),
        (Array::F32(x), Array::F32(y)) => Array::F32(flt_op(op, x, y, pool)?),
        (Array::F64(x), Array::F64(y)) => Array::F64(flt_op(op, x, y, pool)?),
        _ => return Err(internal()),
    })
}

/// Element-wise comparison of two vectors of the same dtype.
pub(super) fn compare_arr(op: CmpOp, x: &Array, y: &Array, pool: &mut Pool) -> Result<Vec<bool>, String> {
    fn go<E: Elem>(op: CmpOp, x: &[E], y: &[E], pool: &mut Pool) -> Vec<bool> {
        pool.map2(x, y, |a, b| op.test(a.partial_cmp(&b)))
    }
    Ok(match (x, y) {
        (Array::B(x), Array::B(y)) => go(op, x, y, pool),
        (Array::I8(x), Array::I8(y)) => go(op, x, y, pool),
        (Array::I32(x), Array::I32(y)) => go(op, x, y, pool),
        (Array::I64(x), Array::I64(y)) => go(op, x, y, pool),
        (Array::F16(x), Array::F16(y)) | (Array::F32(x), Array::F32(y)) => go(op, x, y, pool),
        (Array::F64(x), Array::F64(y)) => go(op, x, y, pool),
        _ => return Err(internal()),
    })
}

pub(super) fn minmax_arr(is_min: bool, x: &Array, y: &Array, pool: &mut Pool) -> Result<Array, String> {
    fn int<I: IntE>(is_min: bool, x: &[I], y: &[I], pool: &mut Pool) -> Vec<I> {
        if is_min {
            pool.map2(x, y, |a, b| if a < b { a } else { b })
        } else {
            pool.map2(x, y, |a, b| if a > b { a } else { b })
        }
    }
    fn flt<F: FltE>(is_min: bool, x: &[F], y: &[F], pool: &mut Pool) -> Vec<F> {
        if is_min {
            pool.map2(x, y, np_fmin)
        } else {
            pool.map2(x, y, np_fmax)
        }
    }
    Ok(match (x, y) {
        (Array::B(x), Array::B(y)) => {
            Array::B(if is_min { pool.map2(x, y, |a, b| a & b) } else { pool.map2(x, y, |a, b| a | b) })
        }
        (Array::I8(x), Array::I8(y)) => Array::I8(int(is_min, x, y, pool)),
        (Array::I32(x), Array::I32(y)) => Array::I32(int(is_min, x, y, pool)),
        (Array::I64(x), Array::I64(y)) => Array::I64(int(is_min, x, y, pool)),
        (Array::F16(x), Array::F16(y)) => Array::F16(flt(is_min, x, y, pool)),
        (Array::F32(x), Array::F32(y)) => Array::F32(flt(is_min, x, y, pool)),
        (Array::F64(x), Array::F64(y)) => Array::F64(flt(is_min, x, y, pool)),
        _ => return Err(internal()),
    })
}

// ------------------------------------------------------------------------------------------------
// Casts
// ------------------------------------------------------------------------------------------------

pub(super) const TWO_POW_63: f64 = (1u64 << 63) as f64;

/// C-style (x86) float → int conversion as numpy performs it: truncation; NaN and
/// out-of-range values give the minimum integer.
pub(super) fn f2i64(x: f64) -> i64 {
    if (-TWO_POW_63..TWO_POW_63).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

pub(super) fn f2i32(x: f64) -> i32 {
    if x > -2147483649.0 && x < 2147483648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

pub(super) trait CastE: Copy {
    fn c_bool(self) -> bool;
    fn c_i8(self) -> i8;
    fn c_i32(self) -> i32;
    fn c_i64(self) -> i64;
    fn c_f16(self) -> f32;
    fn c_f32(self) -> f32;
    fn c_f64(self) -> f64;
}

impl CastE for bool {
    fn c_bool(self) -> bool {
        self
    }
    fn c_i8(self) -> i8 {
        self as i8
    }
    fn c_i32(self) -> i32 {
        self as i32
    }
    fn c_i64(self) -> i64 {
        self as i64
    }
    fn c_f16(self) -> f32 {
        self as u8 as f32
    }
    fn c_f32(self) -> f32 {
        self as u8 as f32
    }
    fn c_f64(self) -> f64 {
        self as u8 as f64
    }
}

macro_rules! cast_int {
    ($t:ty) => {
        impl CastE for $t {
            fn c_bool(self) -> bool {
                self != 0
            }
            fn c_i8(self) -> i8 {
                self as i8
            }
            fn c_i32(self) -> i32 {
                self as i32
            }
            fn c_i64(self) -> i64 {
                self as i64
            }
            fn c_f16(self) -> f32 {
                f16r(self as f64)
            }
            fn c_f32(self) -> f32 {
                self as f32
            }
            fn c_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
cast_int!(i8);
cast_int!(i32);
cast_int!(i64);

macro_rules! cast_flt {
    ($t:ty) => {
        impl CastE for $t {
            fn c_bool(self) -> bool {
                self != 0.0
            }
            fn c_i8(self) -> i8 {
                f2i32(self as f64) as i8
            }
            fn c_i32(self) -> i32 {
                f2i32(self as f64)
            }
            fn c_i64(self) -> i64 {
                f2i64(self as f64)
            }
            fn c_f16(self) -> f32 {
                f16r(self as f64)
            }
            fn c_f32(self) -> f32 {
                self as f32
            }
            fn c_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
cast_flt!(f32);
cast_flt!(f64);

pub(super) fn cast_slice<S: CastE>(s: &[S], to: DType, pool: &mut Pool) -> Array {
    match to {
        DType::B | DType::PB => Array::B(pool.map1(s, S::c_bool)),
        DType::I8 => Array::I8(pool.map1(s, S::c_i8)),
        DType::I32 => Array::I32(pool.map1(s, S::c_i32)),
        DType::I64 | DType::PI => Array::I64(pool.map1(s, S::c_i64)),
        DType::F16 => Array::F16(pool.map1(s, S::c_f16)),
        DType::F32 => Array::F32(pool.map1(s, S::c_f32)),
        DType::F64 | DType::PF => Array::F64(pool.map1(s, S::c_f64)),
    }
}

/// numpy `astype` (always a new vector).
pub(super) fn cast_arr(a: &Array, to: DType, pool: &mut Pool) -> Array {
    match a {
        Array::B(v) => cast_slice(v, to, pool),
        Array::I8(v) => cast_slice(v, to, pool),
        Array::I32(v) => cast_slice(v, to, pool),
        Array::I64(v) => cast_slice(v, to, pool),
        Array::F16(v) | Array::F32(v) => cast_slice(v, to, pool),
        Array::F64(v) => cast_slice(v, to, pool),
    }
}

/// NEP 50: a Python int used with numpy values of dtype `p` must fit it (numpy's error).
pub(super) fn py_int_fits(i: i64, p: DType) -> Result<(), String> {
    let fits = match p {
        DType::I8 => i8::try_from(i).is_ok(),
        DType::I32 => i32::try_from(i).is_ok(),
        _ => true,
    };
    if fits {
        Ok(())
    } else {
        Err(format!("Python integer {i} out of bounds for {}", p.name()))
    }
}

/// NEP 50: a Python scalar converted to the operation dtype `p` (an out-of-range Python int
/// is an error, as in numpy).
pub(super) fn sc_to_arr(s: Scalar, p: DType, pool: &mut Pool) -> Result<Array, String> {
    Ok(match s {
        Scalar::B(b) => cast_slice(&[b], p, pool),
        Scalar::I(i) => {
            py_int_fits(i, p)?;
            if p.is_float() {
                // Python ints become floats through a double.
                cast_slice(&[i as f64], p, pool)
            } else {
                cast_slice(&[i], p, pool)
            }
        }
        Scalar::F(f) => cast_slice(&[f], p, pool),
    })
}

/// A value viewed as a vector of dtype `p` (borrowed when it already is one).
pub(super) enum Conv<'v> {
    Same(&'v Array),
    Owned(Array),
}

impl Conv<'_> {
    pub(super) fn arr(&self) -> &Array {
        match self {
            Conv::Same(a) => a,
            Conv::Owned(a) => a,
        }
    }
}

pub(super) fn conv<'v>(v: &'v Value, p: DType, pool: &mut Pool) -> Result<Conv<'v>, String> {
    match v {
        Value::A(a) if a.dt() == p => Ok(Conv::Same(a)),
        Value::A(a) => Ok(Conv::Owned(cast_arr(a, p, pool))),
        Value::S(s) => Ok(Conv::Owned(sc_to_arr(*s, p, pool)?)),
    }
}

/// A Python scalar passed alone to a ufunc becomes a numpy scalar of the default dtype.
pub(super) fn conv_strong<'v>(v: &'v Value, pool: &mut Pool) -> Result<Conv<'v>, String> {
    let t = v.ty().strong();
    conv(v, t, pool)
}
