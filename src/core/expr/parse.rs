//! The parser: tokens to an untyped tree, with Python's precedence.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UOp {
    Neg,
    Pos,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

impl BOp {
    pub(super) fn sym(self) -> &'static str {
        match self {
            BOp::Add => "+",
            BOp::Sub => "-",
            BOp::Mul => "*",
            BOp::Div => "/",
            BOp::FloorDiv => "//",
            BOp::Mod => "%",
            BOp::Pow => "**",
            BOp::BitAnd => "&",
            BOp::BitOr => "|",
            BOp::BitXor => "^",
            BOp::Shl => "<<",
            BOp::Shr => ">>",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl CmpOp {
    pub(super) fn test(self, o: Option<Ordering>) -> bool {
        match (self, o) {
            (CmpOp::Ne, None) => true,
            (_, None) => false,
            (CmpOp::Lt, Some(o)) => o == Ordering::Less,
            (CmpOp::Le, Some(o)) => o != Ordering::Greater,
            (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
            (CmpOp::Ge, Some(o)) => o != Ordering::Less,
            (CmpOp::Eq, Some(o)) => o == Ordering::Equal,
            (CmpOp::Ne, Some(o)) => o != Ordering::Equal,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Ast {
    Int(i64),
    Float(f64),
    Bool(bool),
    Name(String),
    Unary(UOp, Box<Ast>),
    Bin(BOp, Box<Ast>, Box<Ast>),
    Cmp(Box<Ast>, Vec<(CmpOp, Ast)>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Call(String, Vec<Ast>),
}

/// Maximum nesting of the source (parentheses, unary operators, calls, right operands):
/// bounds the parser's recursion.
pub(super) const MAX_DEPTH: usize = 200;
/// Maximum recursion depth of the checker and the evaluator over the tree (a level takes
/// several kilobytes of stack in a debug build; worker threads have 2 MiB). A flat chain of
/// binary operators (`a + b + … + z`) is walked in a loop and does not count.
pub(super) const MAX_TREE_DEPTH: usize = 200;
/// Longest source accepted: bounds a flat chain's length (and the work of checking it).
pub(super) const MAX_SOURCE: usize = 100_000;

pub(super) struct Parser<'t> {
    pub(super) toks: &'t [Lexed],
    pub(super) p: usize,
    pub(super) depth: usize,
}

pub(super) type PResult = Result<(Ast, usize), ExprError>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Infix {
    Or,
    And,
    Cmp,
    Bin(BOp),
}

pub(super) const BP_OR: u8 = 10;
pub(super) const BP_AND: u8 = 20;
pub(super) const BP_NOT: u8 = 30;
pub(super) const BP_CMP: u8 = 40;
pub(super) const BP_UNARY: u8 = 110;
pub(super) const BP_POW: u8 = 120;

impl<'t> Parser<'t> {
    pub(super) fn new(toks: &'t [Lexed]) -> Self {
        Parser { toks, p: 0, depth: 0 }
    }

    pub(super) fn peek(&self) -> &Tok {
        &self.toks[self.p.min(self.toks.len() - 1)].tok
    }

    pub(super) fn pos(&self) -> usize {
        self.toks[self.p.min(self.toks.len() - 1)].pos
    }

    pub(super) fn bump(&mut self) {
        if self.p < self.toks.len() - 1 {
            self.p += 1;
        }
    }

    pub(super) fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    pub(super) fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == kw)
    }

    /// A syntax error at the cursor.
    pub(super) fn syntax(&self, message: String) -> ExprError {
        ExprError::syntax(self.pos(), message)
    }

    pub(super) fn unexpected(&self) -> ExprError {
        let what = match self.peek() {
            Tok::End => return self.syntax("invalid syntax: unexpected end of expression".to_string()),
            Tok::Int(v) => v.to_string(),
            Tok::Float(v) => v.to_string(),
            Tok::Name(n) => n.clone(),
            Tok::Op(o) => o.to_string(),
            Tok::LPar => "(".into(),
            Tok::RPar => ")".into(),
            Tok::Comma => ",".into(),
        };
        self.syntax(format!("invalid syntax at position {}: unexpected '{what}'", self.pos()))
    }

    pub(super) fn deeper(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let message = format!("expression is too deeply nested (more than {MAX_DEPTH} levels)");
            return Err(ExprError::new(ExprErrorKind::TooLarge, message).at(self.pos()));
        }
        Ok(())
    }

    pub(super) fn check_depth(d: usize) -> Result<usize, ExprError> {
        if d > MAX_TREE_DEPTH {
            let message = format!("expression is too deeply nested (more than {MAX_TREE_DEPTH} levels)");
            Err(ExprError::new(ExprErrorKind::TooLarge, message))
        } else {
            Ok(d)
        }
    }

    pub(super) fn parse_all(&mut self) -> Result<Ast, ExprError> {
        if matches!(self.peek(), Tok::End) {
            return Err(self.syntax("Expression cannot be empty".to_string()));
        }
        let (ast, _) = self.parse_bp(0)?;
        if !matches!(self.peek(), Tok::End) {
            return Err(self.unexpected());
        }
        Ok(ast)
    }

    pub(super) fn cmp_op(&self) -> Option<CmpOp> {
        match self.peek() {
            Tok::Op("<") => Some(CmpOp::Lt),
            Tok::Op("<=") => Some(CmpOp::Le),
            Tok::Op(">") => Some(CmpOp::Gt),
            Tok::Op(">=") => Some(CmpOp::Ge),
            Tok::Op("==") => Some(CmpOp::Eq),
            Tok::Op("!=") => Some(CmpOp::Ne),
            _ => None,
        }
    }

    /// The infix operator at the cursor and its left binding power (Python precedence:
    /// `or` < `and` < `not` < comparisons < `|` < `^` < `&` < shifts < `+ -` < `* / // %` <
    /// unary `+ -` < `**`).
    pub(super) fn infix(&self) -> Option<(Infix, u8)> {
        Some(match self.peek() {
            Tok::Name(n) if n == "or" => (Infix::Or, BP_OR),
            Tok::Name(n) if n == "and" => (Infix::And, BP_AND),
            Tok::Op(o) => match *o {
                "<" | "<=" | ">" | ">=" | "==" | "!=" => (Infix::Cmp, BP_CMP),
                "|" => (Infix::Bin(BOp::BitOr), 50),
                "^" => (Infix::Bin(BOp::BitXor), 60),
                "&" => (Infix::Bin(BOp::BitAnd), 70),
                "<<" => (Infix::Bin(BOp::Shl), 80),
                ">>" => (Infix::Bin(BOp::Shr), 80),
                "+" => (Infix::Bin(BOp::Add), 90),
                "-" => (Infix::Bin(BOp::Sub), 90),
                "*" => (Infix::Bin(BOp::Mul), 100),
                "/" => (Infix::Bin(BOp::Div), 100),
                "//" => (Infix::Bin(BOp::FloorDiv), 100),
                "%" => (Infix::Bin(BOp::Mod), 100),
                "**" => (Infix::Bin(BOp::Pow), BP_POW),
                _ => return None,
            },
            _ => return None,
        })
    }

    /// Pratt parser: an expression whose infix operators all bind at least as tightly as
    /// `min_bp`. Returns the tree and its depth.
    pub(super) fn parse_bp(&mut self, min_bp: u8) -> PResult {
        self.deeper()?;
        let (mut lhs, mut d) = self.parse_prefix(min_bp)?;
        loop {
            if self.is_kw("in") || self.is_kw("is") {
                return Err(self.syntax(format!(
                    "invalid syntax at position {}: operator '{}' is not supported",
                    self.pos(),
                    if self.is_kw("in") { "in" } else { "is" }
                )));
            }
            let Some((op, bp)) = self.infix() else { break };
            if bp < min_bp {
                break;
            }
            match op {
                Infix::Cmp => {
                    let mut rest = Vec::new();
                    while let Some(c) = self.cmp_op() {
                        self.bump();
                        let (r, dr) = self.parse_bp(BP_CMP + 1)?;
                        d = d.max(dr);
                        rest.push((c, r));
                    }
                    lhs = Ast::Cmp(Box::new(lhs), rest);
                }
                Infix::And | Infix::Or => {
                    self.bump();
                    let (r, dr) = self.parse_bp(bp + 1)?;
                    d = d.max(dr);
                    lhs = if op == Infix::And {
                        Ast::And(Box::new(lhs), Box::new(r))
                    } else {
                        Ast::Or(Box::new(lhs), Box::new(r))
                    };
                }
                Infix::Bin(b) => {
                    self.bump();
                    // `**` is right-associative and its right operand may carry unary signs.
                    let rbp = if b == BOp::Pow { BP_UNARY } else { bp + 1 };
                    let (r, dr) = self.parse_bp(rbp)?;
                    // Checked and evaluated in a loop down the left spine: only the right
                    // operand adds to the recursion depth.
                    d = Self::check_depth(d.max(dr + 1))?;
                    lhs = Ast::Bin(b, Box::new(lhs), Box::new(r));
                    continue;
                }
            }
            d = Self::check_depth(d + 1)?;
        }
        self.depth -= 1;
        Ok((lhs, d))
    }

    pub(super) fn parse_prefix(&mut self, min_bp: u8) -> PResult {
        if self.is_kw("not") {
            if min_bp > BP_NOT {
                return Err(self.unexpected());
            }
            self.bump();
            let (a, d) = self.parse_bp(BP_NOT)?;
            return Ok((Ast::Unary(UOp::Not, Box::new(a)), Self::check_depth(d + 1)?));
        }
        let op = if self.is_op("-") {
            Some(UOp::Neg)
        } else if self.is_op("+") {
            Some(UOp::Pos)
        } else {
            None
        };
        if let Some(op) = op {
            if min_bp > BP_UNARY {
                return Err(self.unexpected());
            }
            self.bump();
            let (a, d) = self.parse_bp(BP_UNARY)?;
            return Ok((Ast::Unary(op, Box::new(a)), Self::check_depth(d + 1)?));
        }
        self.parse_primary()
    }

    pub(super) fn parse_primary(&mut self) -> PResult {
        let pos = self.pos();
        match self.peek().clone() {
            Tok::Int(v) => {
                self.bump();
                Ok((Ast::Int(v), 1))
            }
            Tok::Float(v) => {
                self.bump();
                Ok((Ast::Float(v), 1))
            }
            Tok::LPar => {
                self.bump();
                if matches!(self.peek(), Tok::RPar) {
                    return Err(ExprError::syntax(
                        pos,
                        format!("invalid syntax at position {pos}: empty parentheses (tuples are not supported)"),
                    ));
                }
                let (e, d) = self.parse_bp(0)?;
                if matches!(self.peek(), Tok::Comma) {
                    return Err(
                        self.syntax(format!("invalid syntax at position {}: tuples are not supported", self.pos()))
                    );
                }
                if !matches!(self.peek(), Tok::RPar) {
                    return Err(if matches!(self.peek(), Tok::End) {
                        ExprError::syntax(pos, format!("invalid syntax: '(' at position {pos} was never closed"))
                    } else {
                        self.unexpected()
                    });
                }
                self.bump();
                self.no_trailer()?;
                Ok((e, d))
            }
            Tok::Name(name) => {
                match name.as_str() {
                    "True" | "False" => {
                        self.bump();
                        return Ok((Ast::Bool(name == "True"), 1));
                    }
                    "and" | "or" | "not" | "in" | "is" | "if" | "else" | "lambda" | "None" | "for" | "while"
                    | "import" | "def" | "class" | "try" | "return" | "yield" | "await" | "async" | "del" | "pass"
                    | "from" | "global" | "nonlocal" | "assert" | "with" | "as" | "raise" | "break" | "continue"
                    | "elif" | "except" | "finally" => {
                        return Err(ExprError::syntax(
                            pos,
                            if name == "None" {
                                format!("invalid syntax at position {pos}: 'None' is not supported")
                            } else {
                                format!("invalid syntax at position {pos}: unexpected keyword '{name}'")
                            },
                        ));
                    }
                    _ => {}
                }
                self.bump();
                if matches!(self.peek(), Tok::LPar) {
                    self.bump();
                    let mut args = Vec::new();
                    let mut d = 1;
                    loop {
                        if matches!(self.peek(), Tok::RPar) {
                            break;
                        }
                        let (a, da) = self.parse_bp(0)?;
                        d = d.max(da);
                        args.push(a);
                        if matches!(self.peek(), Tok::Comma) {
                            self.bump();
                            continue;
                        }
                        if !matches!(self.peek(), Tok::RPar) {
                            return Err(if matches!(self.peek(), Tok::End) {
                                self.syntax(format!("invalid syntax: '(' of the call to '{name}' was never closed"))
                            } else {
                                self.unexpected()
                            });
                        }
                    }
                    self.bump();
                    self.no_trailer()?;
                    return Ok((Ast::Call(name, args), Self::check_depth(d + 1)?));
                }
                Ok((Ast::Name(name), 1))
            }
            _ => Err(self.unexpected()),
        }
    }

    /// `f(x)(y)` and `(f)(x)` are not supported.
    pub(super) fn no_trailer(&self) -> Result<(), ExprError> {
        if matches!(self.peek(), Tok::LPar) {
            return Err(self.syntax(format!("invalid syntax at position {}: only names can be called", self.pos())));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Ast, ExprError> {
        Parser::new(&lex(src)?).parse_all()
    }

    fn int(v: i64) -> Box<Ast> {
        Box::new(Ast::Int(v))
    }

    #[test]
    fn python_precedence_and_associativity() {
        // -2**2 is -(2**2); 2**3**2 is 2**(3**2); 1 - 2 - 3 is (1 - 2) - 3.
        assert_eq!(parse("-2**2").unwrap(), Ast::Unary(UOp::Neg, Box::new(Ast::Bin(BOp::Pow, int(2), int(2)))));
        assert_eq!(parse("2**3**2").unwrap(), Ast::Bin(BOp::Pow, int(2), Box::new(Ast::Bin(BOp::Pow, int(3), int(2)))));
        assert_eq!(
            parse("1 - 2 - 3").unwrap(),
            Ast::Bin(BOp::Sub, Box::new(Ast::Bin(BOp::Sub, int(1), int(2))), int(3))
        );
        // `not a == b` is `not (a == b)`; comparisons chain.
        assert_eq!(
            parse("not 1 == 2").unwrap(),
            Ast::Unary(UOp::Not, Box::new(Ast::Cmp(int(1), vec![(CmpOp::Eq, Ast::Int(2))])))
        );
        assert_eq!(
            parse("1 < 2 <= 3").unwrap(),
            Ast::Cmp(int(1), vec![(CmpOp::Lt, Ast::Int(2)), (CmpOp::Le, Ast::Int(3))])
        );
    }

    #[test]
    fn errors_say_where_and_what_kind() {
        let at = |src: &str| parse(src).map_err(|e| (e.kind, e.position)).unwrap_err();
        assert_eq!(at("r +"), (ExprErrorKind::Syntax, Some(3)), "the end");
        assert_eq!(at("r + 1)"), (ExprErrorKind::Syntax, Some(5)));
        assert_eq!(at("2 * (r + 1"), (ExprErrorKind::Syntax, Some(4)), "the '(' never closed");
        assert_eq!(at("r if g"), (ExprErrorKind::Syntax, Some(2)));
        assert_eq!(at("(r, g)"), (ExprErrorKind::Syntax, Some(2)));
        assert_eq!(at("sin(r)(2)"), (ExprErrorKind::Syntax, Some(6)));
        let deep = format!("{}1{}", "(".repeat(MAX_DEPTH + 1), ")".repeat(MAX_DEPTH + 1));
        assert_eq!(at(&deep).0, ExprErrorKind::TooLarge);
    }
}
