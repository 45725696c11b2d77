//! The checker: the typed tree, constant folding and the variables an expression uses.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Func {
    Sin,
    Cos,
    Tan,
    Sqrt,
    Exp,
    Log,
    Abs,
    Floor,
    Ceil,
    Round,
    Min,
    Max,
    Pow,
    Int,
    Float,
}

impl Func {
    pub(super) fn from_name(s: &str) -> Option<Func> {
        Some(match s {
            "sin" => Func::Sin,
            "cos" => Func::Cos,
            "tan" => Func::Tan,
            "sqrt" => Func::Sqrt,
            "exp" => Func::Exp,
            "log" => Func::Log,
            "abs" => Func::Abs,
            "floor" => Func::Floor,
            "ceil" => Func::Ceil,
            "round" => Func::Round,
            "min" => Func::Min,
            "max" => Func::Max,
            "pow" => Func::Pow,
            "int" => Func::Int,
            "float" => Func::Float,
            _ => return None,
        })
    }
    pub(super) fn is_transcendental(self) -> bool {
        matches!(self, Func::Sin | Func::Cos | Func::Tan | Func::Sqrt | Func::Exp | Func::Log)
    }
}

#[derive(Clone, Debug)]
pub(super) struct Node {
    pub(super) k: NodeKind,
    /// The value is one per lane (depends on an array variable) rather than a scalar.
    pub(super) lanes: bool,
    /// Possible run-time types.
    pub(super) tys: TySet,
}

#[derive(Clone, Debug)]
pub(super) enum NodeKind {
    Const(Scalar),
    Var(usize),
    Unary(UOp, Box<Node>),
    Bin(BOp, Box<Node>, Box<Node>),
    Cmp(Box<Node>, Vec<(CmpOp, Node)>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Call(Func, Vec<Node>),
    /// An operation that cannot be typed, in an operand that may be skipped: fails when reached.
    Fail(String),
}

/// A compile-time error. Type errors (an operation no operand type supports) and errors of
/// constant operands are deferred to run time where Python might not evaluate the operand;
/// name, call and syntax errors never are.
pub(super) struct CheckError(pub(super) ExprError);

/// `?` on the typing helpers, which say why in a `String`.
impl From<String> for CheckError {
    fn from(message: String) -> Self {
        CheckError(ExprError::new(ExprErrorKind::Type, message))
    }
}

/// A name or call error.
pub(super) fn hard(message: String) -> CheckError {
    CheckError(ExprError::new(ExprErrorKind::Name, message))
}

pub(super) struct Env<'a, 'b> {
    pub(super) vars: &'a [(&'b str, Ty)],
    pub(super) funcs: &'a [&'b str],
    pub(super) flavor: Flavor,
}

/// Applies `f` to every pair of possible types; the union of the results, or the first error
/// if no pair can be typed.
pub(super) fn pairwise(
    a: TySet,
    b: TySet,
    mut f: impl FnMut(DType, DType) -> Result<TySet, String>,
) -> Result<TySet, String> {
    let mut out = TySet::default();
    let mut first_err = None;
    for ta in a.iter() {
        for tb in b.iter() {
            match f(ta, tb) {
                Ok(s) => out = out.union(s),
                Err(e) => {
                    if first_err.is_none() {
                        first_err = Some(e);
                    }
                }
            }
        }
    }
    if out.is_empty() {
        Err(first_err.unwrap_or_else(|| "expression has no valid type".to_string()))
    } else {
        Ok(out)
    }
}

pub(super) fn mapset(a: TySet, mut f: impl FnMut(DType) -> Result<DType, String>) -> Result<TySet, String> {
    pairwise(a, TySet::one(DType::PB), |t, _| f(t).map(TySet::one))
}

impl Env<'_, '_> {
    pub(super) fn check(&self, ast: &Ast) -> Result<Node, CheckError> {
        let node = self.check_inner(ast)?;
        self.fold(node)
    }

    /// [`fold`]: its failures are evaluation errors of constants.
    fn fold(&self, node: Node) -> Result<Node, CheckError> {
        fold(node, self.flavor).map_err(|message| CheckError(ExprError::new(ExprErrorKind::Evaluation, message)))
    }

    /// An operand Python may not evaluate (right of `and`/`or`, later links of a comparison
    /// chain): an untypeable operation there is only an error if it is reached at run time.
    pub(super) fn check_skippable(&self, ast: &Ast, lanes_before: bool) -> Result<Node, CheckError> {
        match self.check(ast) {
            Err(CheckError(e)) if e.kind != ExprErrorKind::Name && !lanes_before => {
                Ok(Node { k: NodeKind::Fail(e.message), lanes: false, tys: TySet::default() })
            }
            r => r,
        }
    }

    pub(super) fn check_inner(&self, ast: &Ast) -> Result<Node, CheckError> {
        match ast {
            Ast::Int(v) => Ok(constant(Scalar::I(*v))),
            Ast::Float(v) => Ok(constant(Scalar::F(*v))),
            Ast::Bool(v) => Ok(constant(Scalar::B(*v))),
            Ast::Name(name) => {
                if let Some(k) = self.vars.iter().position(|(n, _)| n == name) {
                    let t = DType::from_ty(self.vars[k].1);
                    return Ok(Node { k: NodeKind::Var(k), lanes: !t.is_py(), tys: TySet::one(t) });
                }
                if self.funcs.contains(&name.as_str()) {
                    return Err(hard(format!("function '{name}' must be called, e.g. {name}(x)")));
                }
                Err(hard(format!("name '{name}' is not defined")))
            }
            Ast::Unary(op, a) => {
                let a = self.check(a)?;
                let lanes = a.lanes;
                let tys = match op {
                    UOp::Not => TySet::one(if lanes { DType::B } else { DType::PB }),
                    UOp::Neg | UOp::Pos => mapset(a.tys, |t| match t {
                        DType::PB => Ok(DType::PI),
                        DType::B => Err(if *op == UOp::Neg { BOOL_NEG_MSG } else { BOOL_POS_MSG }.to_string()),
                        t => Ok(t),
                    })?,
                };
                Ok(Node { k: NodeKind::Unary(*op, Box::new(a)), lanes, tys })
            }
            Ast::Bin(..) => {
                // `a + b + c + …` nests to the left as deep as it is long: walk that spine
                // in a loop (recursion is only for right operands), folding as it goes.
                let mut links = Vec::new();
                let mut first = ast;
                while let Ast::Bin(op, a, b) = first {
                    links.push((*op, b));
                    first = a;
                }
                let mut acc = self.check(first)?;
                // Whether the chain so far has a variable (then it cannot fold): kept as the
                // chain grows, so a long one is not walked again at every link.
                let mut vars = has_var(&acc);
                for (op, b) in links.into_iter().rev() {
                    let b = self.check(b)?;
                    vars = vars || has_var(&b);
                    let tys = bin_tys(op, &acc, &b, true)?;
                    let node =
                        Node { lanes: acc.lanes || b.lanes, tys, k: NodeKind::Bin(op, Box::new(acc), Box::new(b)) };
                    acc = if vars { node } else { self.fold(node)? };
                }
                Ok(acc)
            }
            Ast::Cmp(first, rest) => {
                let first = self.check(first)?;
                let mut lanes = first.lanes;
                let mut tys = TySet::default();
                let mut prev = first.tys;
                let mut nodes = Vec::with_capacity(rest.len());
                for (k, (op, e)) in rest.iter().enumerate() {
                    let n = if k == 0 { self.check(e)? } else { self.check_skippable(e, lanes)? };
                    lanes |= n.lanes;
                    if !prev.is_empty() && !n.tys.is_empty() {
                        // Every pair of types can be compared.
                        let c = pairwise(prev, n.tys, |x, y| {
                            Ok(TySet::one(if x.is_py() && y.is_py() { DType::PB } else { DType::B }))
                        })?;
                        tys = tys.union(c);
                    }
                    prev = n.tys;
                    nodes.push((*op, n));
                }
                if lanes {
                    tys = TySet::one(DType::B);
                }
                Ok(Node { k: NodeKind::Cmp(Box::new(first), nodes), lanes, tys })
            }
            Ast::And(a, b) | Ast::Or(a, b) => {
                let a = self.check(a)?;
                let b = self.check_skippable(b, a.lanes)?;
                let lanes = a.lanes || b.lanes;
                let tys = if a.lanes {
                    pairwise(a.tys, b.tys, |x, y| Ok(TySet::one(operand_dt(x, y))))?
                } else {
                    a.tys.union(b.tys)
                };
                let (a, b) = (Box::new(a), Box::new(b));
                let k = if matches!(ast, Ast::And(..)) { NodeKind::And(a, b) } else { NodeKind::Or(a, b) };
                Ok(Node { k, lanes, tys })
            }
            Ast::Call(name, args) => self.check_call(name, args),
        }
    }

    pub(super) fn check_call(&self, name: &str, args: &[Ast]) -> Result<Node, CheckError> {
        if !self.funcs.contains(&name) {
            if self.vars.iter().any(|(n, _)| *n == name) {
                return Err(hard(format!("'{name}' is a variable, not a function, and cannot be called")));
            }
            return Err(hard(format!("name '{name}' is not defined")));
        }
        let Some(f) = Func::from_name(name) else {
            return Err(hard(format!("function '{name}' is not supported")));
        };
        let nargs = args.len();
        let arity_ok = match f {
            Func::Min | Func::Max => nargs >= 2,
            Func::Pow => nargs == 2,
            _ => nargs == 1,
        };
        if !arity_ok {
            return Err(hard(match f {
                Func::Min | Func::Max => format!("{name}() expects at least 2 arguments, got {nargs}"),
                Func::Pow if nargs == 3 => "pow() with a modulus (3 arguments) is not supported".to_string(),
                Func::Pow => format!("pow() expects 2 arguments, got {nargs}"),
                Func::Round if nargs == 2 => "round() with ndigits is not supported; use round(x)".to_string(),
                _ => format!("{name}() expects 1 argument, got {nargs}"),
            }));
        }
        let args = args.iter().map(|a| self.check(a)).collect::<Result<Vec<_>, _>>()?;
        let lanes = args.iter().any(|a| a.lanes);
        let py = self.flavor == Flavor::Python;
        let a0 = &args[0];
        let tys = match f {
            Func::Sin | Func::Cos | Func::Tan | Func::Sqrt | Func::Exp | Func::Log => {
                mapset(a0.tys, |t| Ok(float_fn_dt(t.strong())))?
            }
            Func::Floor | Func::Ceil => mapset(a0.tys, |t| Ok(t.strong()))?,
            Func::Abs => mapset(a0.tys, |t| {
                Ok(if py && t.is_py() {
                    if t == DType::PF {
                        DType::PF
                    } else {
                        DType::PI
                    }
                } else {
                    t.strong()
                })
            })?,
            Func::Round => mapset(a0.tys, |t| {
                Ok(if py && !a0.lanes {
                    DType::PI
                } else {
                    match t.strong() {
                        DType::B => DType::F16,
                        s => s,
                    }
                })
            })?,
            Func::Int => {
                if a0.lanes {
                    TySet::one(DType::I64)
                } else {
                    TySet::one(DType::PI)
                }
            }
            Func::Float => {
                if a0.lanes {
                    TySet::one(DType::F64)
                } else {
                    TySet::one(DType::PF)
                }
            }
            Func::Min | Func::Max => {
                let mut acc = a0.tys;
                let mut acc_lanes = a0.lanes;
                for b in &args[1..] {
                    acc = if py && !acc_lanes && !b.lanes {
                        acc.union(b.tys)
                    } else {
                        pairwise(acc, b.tys, |x, y| Ok(TySet::one(operand_dt(x, y))))?
                    };
                    acc_lanes |= b.lanes;
                }
                acc
            }
            Func::Pow => {
                if py {
                    bin_tys(BOp::Pow, &args[0], &args[1], true)?
                } else {
                    pairwise(args[0].tys, args[1].tys, |x, y| np_bin_types(BOp::Pow, x, y).map(|(_, r)| TySet::one(r)))?
                }
            }
        };
        Ok(Node { k: NodeKind::Call(f, args), lanes, tys })
    }
}

/// Result dtype of `sin cos tan sqrt exp log` for an operand dtype.
pub(super) fn float_fn_dt(t: DType) -> DType {
    match t {
        DType::B | DType::I8 => DType::F16,
        DType::I32 | DType::I64 => DType::F64,
        t => t,
    }
}

pub(super) fn constant(s: Scalar) -> Node {
    Node { k: NodeKind::Const(s), lanes: false, tys: TySet::one(s.ty()) }
}

/// Static result types of a binary operator (`fast`: the `**` fast paths apply when the left
/// operand is a lane vector).
pub(super) fn bin_tys(op: BOp, a: &Node, b: &Node, fast: bool) -> Result<TySet, String> {
    let const_exp = match &b.k {
        NodeKind::Const(Scalar::I(v)) => Some(*v),
        NodeKind::Const(Scalar::B(v)) => Some(*v as i64),
        _ => None,
    };
    pairwise(a.tys, b.tys, |x, y| {
        if x.is_py() && y.is_py() {
            let mut s = TySet::one(py_bin_type(op, x, y)?);
            if op == BOp::Pow && x != DType::PF && y != DType::PF && const_exp.is_none_or(|e| e < 0) {
                s.add(DType::PF);
                if const_exp.is_some() {
                    s = TySet::one(DType::PF);
                }
            }
            Ok(s)
        } else {
            let mut s = TySet::default();
            if fast && op == BOp::Pow && a.lanes && x == DType::B && y == DType::PI && const_exp.is_none_or(|e| e == 2)
            {
                s.add(DType::I8);
                if const_exp == Some(2) {
                    return Ok(s);
                }
            }
            let (p, r) = np_bin_types(op, x, y)?;
            // A constant Python int converted to the operation's dtype fails on every run
            // that reaches it: a type error here, as numpy's at run time.
            for (node, t) in [(a, x), (b, y)] {
                if let (NodeKind::Const(Scalar::I(i)), DType::PI) = (&node.k, t) {
                    py_int_fits(*i, p)?;
                }
            }
            s.add(r);
            Ok(s)
        }
    })
}

/// Replaces variable-free Python-scalar subtrees by their value. Their errors (`1/0`,
/// `10**1000`) would happen on every run, so they are compile errors; where Python may not
/// evaluate the subtree (right of `and`/`or`), [`Env::check_skippable`] defers them to run
/// time.
pub(super) fn fold(node: Node, flavor: Flavor) -> Result<Node, String> {
    if node.lanes || matches!(node.k, NodeKind::Const(_)) || !node.tys.iter().all(DType::is_py) || has_var(&node) {
        return Ok(node);
    }
    let mut pool = Pool::default();
    let mut cx = Ctx { inputs: &[], var_tys: &[], n: 1, pool: &mut pool, flavor };
    match eval_node(&node, &mut cx) {
        Ok(Value::S(s)) => Ok(constant(s)),
        Ok(_) => Ok(node),
        Err(e) => Err(e),
    }
}

pub(super) fn has_var(n: &Node) -> bool {
    uses_var(n, &|_| true)
}

/// Whether the tree reads a variable `wanted` accepts.
pub(super) fn uses_var(n: &Node, wanted: &impl Fn(usize) -> bool) -> bool {
    match &n.k {
        NodeKind::Const(_) | NodeKind::Fail(_) => false,
        NodeKind::Var(k) => wanted(*k),
        NodeKind::Unary(_, a) => uses_var(a, wanted),
        NodeKind::Bin(..) => {
            // The left spine in a loop (see `Env::check_inner`).
            let mut node = n;
            while let NodeKind::Bin(_, a, b) = &node.k {
                if uses_var(b, wanted) {
                    return true;
                }
                node = a;
            }
            uses_var(node, wanted)
        }
        NodeKind::And(a, b) | NodeKind::Or(a, b) => uses_var(a, wanted) || uses_var(b, wanted),
        NodeKind::Cmp(a, rest) => uses_var(a, wanted) || rest.iter().any(|(_, n)| uses_var(n, wanted)),
        NodeKind::Call(_, args) => args.iter().any(|a| uses_var(a, wanted)),
    }
}

#[cfg(test)]
mod tests {
    use crate::core::expr::{Expr, ExprErrorKind, Ty, SAFE_FUNCTIONS};

    fn kind(src: &str) -> ExprErrorKind {
        let vars = [("r", Ty::Float32), ("x", Ty::Int64), ("width", Ty::PyInt)];
        Expr::compile(src, &vars, &SAFE_FUNCTIONS).unwrap_err().kind
    }

    #[test]
    fn names_calls_and_types_are_told_apart() {
        assert_eq!(kind("q + 1"), ExprErrorKind::Name);
        assert_eq!(kind("sin + 1"), ExprErrorKind::Name);
        assert_eq!(kind("r(2)"), ExprErrorKind::Name);
        assert_eq!(kind("sin(r, r)"), ExprErrorKind::Name);
        assert_eq!(kind("r & 1"), ExprErrorKind::Type);
        assert_eq!(kind("-(r > 2)"), ExprErrorKind::Type);
        assert_eq!(kind("1 // 0 + r"), ExprErrorKind::Evaluation, "constants are evaluated here");
    }

    #[test]
    fn an_operand_python_may_skip_fails_only_when_reached() {
        let vars = [("width", Ty::PyInt)];
        let e = Expr::compile("width > 5 or width // 0", &vars, &SAFE_FUNCTIONS).unwrap();
        assert_eq!(e.eval_scalar(&[crate::core::expr::Input::Int(9)]).unwrap(), 1.0);
        let err = e.eval_scalar(&[crate::core::expr::Input::Int(1)]).unwrap_err();
        assert_eq!((err.kind, err.message.contains("ZeroDivisionError")), (ExprErrorKind::Evaluation, true));
        assert_eq!(Expr::compile("width > 5 or q", &vars, &SAFE_FUNCTIONS).unwrap_err().kind, ExprErrorKind::Name);
    }
}
