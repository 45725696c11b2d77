//! Run-time values (scalars and arrays) and the scratch pool their buffers come from.

use super::*;

/// A Python scalar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Scalar {
    B(bool),
    I(i64),
    F(f64),
}

impl Scalar {
    pub(super) fn ty(self) -> DType {
        match self {
            Scalar::B(_) => DType::PB,
            Scalar::I(_) => DType::PI,
            Scalar::F(_) => DType::PF,
        }
    }
    pub(super) fn truthy(self) -> bool {
        match self {
            Scalar::B(b) => b,
            Scalar::I(i) => i != 0,
            Scalar::F(f) => f != 0.0,
        }
    }
    pub(super) fn as_f64(self) -> f64 {
        match self {
            Scalar::B(b) => b as i64 as f64,
            Scalar::I(i) => i as f64,
            Scalar::F(f) => f,
        }
    }
    /// Only meaningful for bool/int.
    pub(super) fn as_i64(self) -> i64 {
        match self {
            Scalar::B(b) => b as i64,
            Scalar::I(i) => i,
            Scalar::F(f) => f as i64,
        }
    }
}

/// A numpy vector: one value per lane, or a single value (0-d numpy scalar / broadcast).
/// float16 values are stored as the `f32` holding the exact float16 value.
#[derive(Clone, Debug)]
pub(super) enum Array {
    B(Vec<bool>),
    I8(Vec<i8>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    F16(Vec<f32>),
    F32(Vec<f32>),
    F64(Vec<f64>),
}

impl Array {
    pub(super) fn dt(&self) -> DType {
        match self {
            Array::B(_) => DType::B,
            Array::I8(_) => DType::I8,
            Array::I32(_) => DType::I32,
            Array::I64(_) => DType::I64,
            Array::F16(_) => DType::F16,
            Array::F32(_) => DType::F32,
            Array::F64(_) => DType::F64,
        }
    }
    pub(super) fn len(&self) -> usize {
        match self {
            Array::B(v) => v.len(),
            Array::I8(v) => v.len(),
            Array::I32(v) => v.len(),
            Array::I64(v) => v.len(),
            Array::F16(v) | Array::F32(v) => v.len(),
            Array::F64(v) => v.len(),
        }
    }
    /// Element `i` as a Python-ish scalar (ints exact, floats as f64).
    pub(super) fn get(&self, i: usize) -> Option<Scalar> {
        Some(match self {
            Array::B(v) => Scalar::B(*v.get(i)?),
            Array::I8(v) => Scalar::I(*v.get(i)? as i64),
            Array::I32(v) => Scalar::I(*v.get(i)? as i64),
            Array::I64(v) => Scalar::I(*v.get(i)?),
            Array::F16(v) | Array::F32(v) => Scalar::F(*v.get(i)? as f64),
            Array::F64(v) => Scalar::F(*v.get(i)?),
        })
    }
}

pub(super) enum Value {
    S(Scalar),
    A(Array),
}

impl Value {
    pub(super) fn ty(&self) -> DType {
        match self {
            Value::S(s) => s.ty(),
            Value::A(a) => a.dt(),
        }
    }
    /// Python truthiness of a scalar or of the first element of a single-value vector.
    pub(super) fn truthy_scalar(&self) -> bool {
        match self {
            Value::S(s) => s.truthy(),
            Value::A(a) => a.get(0).is_some_and(Scalar::truthy),
        }
    }
    /// The scalar (Python scalar, or the single element of a 0-d numpy value).
    pub(super) fn scalar(&self) -> Result<Scalar, String> {
        match self {
            Value::S(s) => Ok(*s),
            Value::A(a) if a.len() == 1 => a.get(0).ok_or_else(internal),
            Value::A(_) => Err("only a scalar can be converted here (got one value per pixel)".to_string()),
        }
    }
}

pub(super) fn internal() -> String {
    "internal error in expression evaluation".to_string()
}

/// Vectors larger than this are not kept for reuse (a row is at most 65535 pixels; vectors of
/// whole-image evaluations are freed).
pub(super) const POOL_MAX_CAP: usize = 1 << 16;
/// Vectors kept per element type and thread.
pub(super) const POOL_MAX_VECS: usize = 8;

#[derive(Default)]
pub(super) struct Pool {
    pub(super) b: Vec<Vec<bool>>,
    pub(super) i8: Vec<Vec<i8>>,
    pub(super) i32: Vec<Vec<i32>>,
    pub(super) i64: Vec<Vec<i64>>,
    pub(super) f32: Vec<Vec<f32>>,
    pub(super) f64: Vec<Vec<f64>>,
}

thread_local! {
    pub(super) static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

pub(super) trait Elem: Copy + PartialOrd + 'static {
    fn slot(p: &mut Pool) -> &mut Vec<Vec<Self>>;
}

macro_rules! elem {
    ($t:ty, $f:ident) => {
        impl Elem for $t {
            fn slot(p: &mut Pool) -> &mut Vec<Vec<Self>> {
                &mut p.$f
            }
        }
    };
}
elem!(bool, b);
elem!(i8, i8);
elem!(i32, i32);
elem!(i64, i64);
elem!(f32, f32);
elem!(f64, f64);

impl Pool {
    pub(super) fn take<E: Elem>(&mut self) -> Vec<E> {
        let mut v = E::slot(self).pop().unwrap_or_default();
        v.clear();
        v
    }
    pub(super) fn give<E: Elem>(&mut self, v: Vec<E>) {
        let s = E::slot(self);
        if v.capacity() > 0 && v.capacity() <= POOL_MAX_CAP && s.len() < POOL_MAX_VECS {
            s.push(v);
        }
    }
    pub(super) fn give_arr(&mut self, a: Array) {
        match a {
            Array::B(v) => self.give(v),
            Array::I8(v) => self.give(v),
            Array::I32(v) => self.give(v),
            Array::I64(v) => self.give(v),
            Array::F16(v) | Array::F32(v) => self.give(v),
            Array::F64(v) => self.give(v),
        }
    }
    pub(super) fn give_val(&mut self, v: Value) {
        if let Value::A(a) = v {
            self.give_arr(a);
        }
    }
    pub(super) fn give_cow(&mut self, c: Conv<'_>) {
        if let Conv::Owned(a) = c {
            self.give_arr(a);
        }
    }
    pub(super) fn map1<A: Copy, R: Elem>(&mut self, a: &[A], f: impl Fn(A) -> R) -> Vec<R> {
        let mut out = self.take();
        out.extend(a.iter().map(|&x| f(x)));
        out
    }
    /// Element-wise with broadcasting of single-value vectors.
    pub(super) fn map2<A: Copy, B: Copy, R: Elem>(&mut self, a: &[A], b: &[B], f: impl Fn(A, B) -> R) -> Vec<R> {
        let mut out = self.take();
        if a.len() == b.len() {
            out.extend(a.iter().zip(b).map(|(&x, &y)| f(x, y)));
        } else if a.len() == 1 {
            let x = a[0];
            out.extend(b.iter().map(|&y| f(x, y)));
        } else if let Some(&y) = b.first() {
            out.extend(a.iter().map(|&x| f(x, y)));
        }
        out
    }
    pub(super) fn one<E: Elem>(&mut self, v: E) -> Vec<E> {
        let mut out = self.take();
        out.push(v);
        out
    }
}

/// Length of a broadcast result.
pub(super) fn blen(a: usize, b: usize) -> usize {
    if a == 1 {
        b
    } else {
        a
    }
}
