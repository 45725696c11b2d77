//! The lexer: source text to tokens with their byte offsets.

use super::ExprError;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Int(i64),
    Float(f64),
    Name(String),
    Op(&'static str),
    LPar,
    RPar,
    Comma,
    End,
}

#[derive(Clone, Debug)]
pub(super) struct Lexed {
    pub(super) tok: Tok,
    pub(super) pos: usize,
}

pub(super) const OPS: [&str; 18] =
    ["**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+", "-", "*", "/", "%", "<", ">", "&", "|", "^"];

pub(super) fn lex(src: &str) -> Result<Vec<Lexed>, ExprError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (c as char).is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_ascii() {
            let ch = src[i..].chars().next().unwrap_or('?');
            if ch.is_whitespace() {
                i += ch.len_utf8();
                continue;
            }
            return Err(ExprError::syntax(i, format!("invalid character '{ch}' at position {i}")));
        }
        if c.is_ascii_digit() || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit()) {
            let (tok, next) = lex_number(src, i).map_err(|m| ExprError::syntax(i, m))?;
            out.push(Lexed { tok, pos: i });
            i = next;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Lexed { tok: Tok::Name(src[s..i].to_string()), pos: s });
            continue;
        }
        match c {
            b'(' => out.push(Lexed { tok: Tok::LPar, pos: i }),
            b')' => out.push(Lexed { tok: Tok::RPar, pos: i }),
            b',' => out.push(Lexed { tok: Tok::Comma, pos: i }),
            _ => {
                let rest = &src[i..];
                if let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) {
                    if *op == "<" && rest.starts_with("<>") {
                        return Err(ExprError::syntax(i, format!("invalid syntax at position {i}: '<>' (use '!=')")));
                    }
                    out.push(Lexed { tok: Tok::Op(op), pos: i });
                    i += op.len();
                    continue;
                }
                return Err(ExprError::syntax(
                    i,
                    match c {
                        b'=' => {
                            format!(
                                "invalid syntax at position {i}: '=' (assignment is not allowed; did you mean '=='?)"
                            )
                        }
                        b'.' => format!("invalid syntax at position {i}: attribute access with '.' is not supported"),
                        b'~' => format!("invalid syntax at position {i}: operator '~' is not supported"),
                        _ => format!("invalid syntax at position {i}: unexpected character '{}'", c as char),
                    },
                ));
            }
        }
        i += 1;
    }
    out.push(Lexed { tok: Tok::End, pos: b.len() });
    Ok(out)
}

/// Consumes `digit ('_'? digit)*` (Python digit groups); returns the end index.
pub(super) fn digit_run(b: &[u8], mut i: usize, radix: u32) -> Result<usize, String> {
    let is_d = |c: u8| (c as char).is_digit(radix);
    while i < b.len() {
        let grouped = b[i] == b'_' && i > 0 && is_d(b[i - 1]) && i + 1 < b.len() && is_d(b[i + 1]);
        if is_d(b[i]) || grouped {
            i += 1;
        } else {
            break;
        }
    }
    Ok(i)
}

pub(super) fn lex_number(src: &str, start: usize) -> Result<(Tok, usize), String> {
    let b = src.as_bytes();
    let mut i = start;
    let bad =
        |at: usize| format!("invalid syntax at position {at}: invalid number literal '{}'", number_text(src, start));
    // Prefixed integers.
    if b[i] == b'0' && i + 1 < b.len() && matches!(b[i + 1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        let radix = match b[i + 1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            _ => 2,
        };
        i += 2;
        if i < b.len() && b[i] == b'_' {
            i += 1;
        }
        let ds = i;
        i = digit_run(b, i, radix)?;
        if i == ds {
            return Err(bad(start));
        }
        if i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') && !glued_keyword(src, i) {
            return Err(bad(start));
        }
        let digits: String = src[ds..i].chars().filter(|&c| c != '_').collect();
        let v = i64::from_str_radix(&digits, radix)
            .map_err(|_| format!("integer literal '{}' is too large (integers are 64-bit)", &src[start..i]))?;
        return Ok((Tok::Int(v), i));
    }
    let mut is_float = false;
    i = digit_run(b, i, 10)?;
    if i < b.len() && b[i] == b'.' {
        is_float = true;
        i += 1;
        if i < b.len() && b[i].is_ascii_digit() {
            i = digit_run(b, i, 10)?;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut k = i + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            is_float = true;
            i = digit_run(b, k, 10)?;
        } else if !glued_keyword(src, i) {
            return Err(bad(start));
        }
    }
    if i < b.len() && (b[i] == b'j' || b[i] == b'J') {
        return Err(format!("complex number literal '{}' is not supported", &src[start..=i]));
    }
    if i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') && !glued_keyword(src, i) {
        return Err(bad(start));
    }
    let text: String = src[start..i].chars().filter(|&c| c != '_').collect();
    if is_float {
        let v: f64 = text.parse().map_err(|_| bad(start))?;
        Ok((Tok::Float(v), i))
    } else {
        if text.len() > 1 && text.starts_with('0') && text.bytes().any(|c| c != b'0') {
            return Err(format!(
                "invalid syntax at position {start}: leading zeros in decimal integer literals are not permitted ('{}')",
                &src[start..i]
            ));
        }
        let v: i64 = text
            .parse()
            .map_err(|_| format!("integer literal '{}' is too large (integers are 64-bit)", &src[start..i]))?;
        Ok((Tok::Int(v), i))
    }
}

/// Python accepts `1and 2` / `1or 2` (a keyword glued to a number).
pub(super) fn glued_keyword(src: &str, i: usize) -> bool {
    let b = src.as_bytes();
    let mut k = i;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'_') {
        k += 1;
    }
    matches!(&src[i..k], "and" | "or")
}

pub(super) fn number_text(src: &str, start: usize) -> &str {
    let b = src.as_bytes();
    let mut k = start;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'_' || b[k] == b'.') {
        k += 1;
    }
    &src[start..k]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::expr::ExprErrorKind;

    fn tokens(src: &str) -> Vec<(Tok, usize)> {
        lex(src).unwrap().into_iter().map(|l| (l.tok, l.pos)).collect()
    }

    #[test]
    fn tokens_carry_their_byte_offsets() {
        assert_eq!(
            tokens("r*2 >= 0x1f"),
            [
                (Tok::Name("r".into()), 0),
                (Tok::Op("*"), 1),
                (Tok::Int(2), 2),
                (Tok::Op(">="), 4),
                (Tok::Int(31), 7),
                (Tok::End, 11)
            ]
        );
        assert_eq!(tokens("1_000 .5e1"), [(Tok::Int(1000), 0), (Tok::Float(5.0), 6), (Tok::End, 10)]);
    }

    #[test]
    fn errors_are_syntax_errors_where_the_token_starts() {
        let at = |src: &str| lex(src).map_err(|e| (e.kind, e.position)).unwrap_err();
        assert_eq!(at("r = 1"), (ExprErrorKind::Syntax, Some(2)));
        assert_eq!(at("r <> 1"), (ExprErrorKind::Syntax, Some(2)));
        assert_eq!(at("r + 1.5.real"), (ExprErrorKind::Syntax, Some(7)));
        assert_eq!(at("2 + 007"), (ExprErrorKind::Syntax, Some(4)));
        assert_eq!(at("2 + 3j"), (ExprErrorKind::Syntax, Some(4)));
        assert_eq!(at("r × 2"), (ExprErrorKind::Syntax, Some(2)));
    }
}
