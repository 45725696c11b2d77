//! The safety check: what the original lets through to `eval` (docs/spec.md §1.6 and §7
//! decision 16), applied to the text before it is parsed.

use super::{ExprError, ExprErrorKind};

/// Functions the safety check allows to be called (§1.6 rule 4).
pub const SAFE_FUNCTIONS: [&str; 15] =
    ["sin", "cos", "tan", "sqrt", "abs", "min", "max", "floor", "ceil", "round", "log", "exp", "pow", "int", "float"];

const SAFE_CALLABLE_VARS: [&str; 10] = ["r", "g", "b", "a", "x", "y", "width", "height", "i", "j"];

const UNSAFE_KEYWORDS: [&str; 14] = [
    "import",
    "exec",
    "eval",
    "open",
    "file",
    "input",
    "raw_input",
    "lambda",
    "def",
    "class",
    "while",
    "for",
    "if",
    "try",
];

/// The safety check of §1.6 as amended by §7 decision 16. Returns the warnings (currently only
/// the deprecation of `j`) on success.
///
/// 1. blank → "Expression cannot be empty";
/// 2. every non-whitespace character, lower-cased, must be one of
///    `0-9 + - * / ( ) . % a-z _ = ! < > ^ & | ,`;
/// 3. `__` anywhere, or one of the keywords `import exec eval open file input raw_input lambda def
///    class while for if try` as a whole word (case-insensitive), is rejected;
/// 4. a name followed by `(` must be a whitelisted function (or, as in the original check, one
///    of the variable names `r g b a x y width height i j` — calling those fails later in
///    [`Expr::compile`]);
/// 5. the identifier `j` yields a deprecation warning.
pub fn check_safe(src: &str) -> Result<Vec<String>, ExprError> {
    let unsafe_at = |position: usize, message: String| ExprError::new(ExprErrorKind::Unsafe, message).at(position);
    if src.trim().is_empty() {
        return Err(ExprError::new(ExprErrorKind::Unsafe, "Expression cannot be empty"));
    }
    for (at, ch) in src.char_indices() {
        if ch.is_whitespace() {
            continue;
        }
        let lc = ch.to_ascii_lowercase();
        let ok = lc.is_ascii_digit() || lc.is_ascii_lowercase() || "+-*/().%_=!<>^&|,".contains(lc);
        if !ok {
            return Err(unsafe_at(at, format!("Unsafe character '{ch}' in expression")));
        }
    }
    if let Some(at) = src.find("__") {
        return Err(unsafe_at(at, "Unsafe keyword '__' in expression".to_string()));
    }
    let words = word_runs(src);
    for &(start, end) in &words {
        let w = src[start..end].to_ascii_lowercase();
        // A run starting with digits is a number possibly glued to a name (`1if` is `1 if`).
        let name_part = w.trim_start_matches(|c: char| c.is_ascii_digit());
        for kw in UNSAFE_KEYWORDS {
            if w == kw || name_part == kw {
                return Err(unsafe_at(start, format!("Unsafe keyword '{kw}' in expression")));
            }
        }
    }
    let bytes = src.as_bytes();
    for &(start, end) in &words {
        let mut k = end;
        while k < bytes.len() && (bytes[k] as char).is_whitespace() {
            k += 1;
        }
        if k < bytes.len() && bytes[k] == b'(' {
            // Python's `[a-zA-Z_][a-zA-Z0-9_]*\s*\(` matches from the first non-digit.
            let run = &src[start..end];
            let name = run.trim_start_matches(|c: char| c.is_ascii_digit());
            if name.is_empty() {
                continue;
            }
            let lower = name.to_ascii_lowercase();
            if !SAFE_FUNCTIONS.contains(&lower.as_str()) && !SAFE_CALLABLE_VARS.contains(&lower.as_str()) {
                return Err(unsafe_at(end - name.len(), format!("Unknown or unsafe function '{name}' in expression")));
            }
        }
    }
    let mut warnings = Vec::new();
    if words.iter().any(|&(s, e)| &src[s..e] == "j") {
        warnings.push(format!(
            "Variable 'j' is deprecated. Use 'x' for column coordinate instead. Example: '{}'",
            src.replace('j', "x")
        ));
    }
    Ok(warnings)
}

/// Maximal runs of ASCII `[A-Za-z0-9_]` as byte ranges.
fn word_runs(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() || b[i] == b'_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_safe_rules() {
        let safe = |src: &str| check_safe(src).map_err(|e| e.message);
        assert_eq!(safe("   "), Err("Expression cannot be empty".to_string()));
        assert_eq!(safe(""), Err("Expression cannot be empty".to_string()));
        assert_eq!(safe("r[0]"), Err("Unsafe character '[' in expression".to_string()));
        assert_eq!(safe("r ~ 2"), Err("Unsafe character '~' in expression".to_string()));
        assert_eq!(safe("'a'"), Err("Unsafe character ''' in expression".to_string()));
        assert_eq!(safe("r if r else g"), Err("Unsafe keyword 'if' in expression".to_string()));
        assert_eq!(safe("IF"), Err("Unsafe keyword 'if' in expression".to_string()));
        assert_eq!(safe("1if"), Err("Unsafe keyword 'if' in expression".to_string()));
        assert_eq!(safe("r.__class__"), Err("Unsafe keyword '__' in expression".to_string()));
        assert_eq!(safe("a__b"), Err("Unsafe keyword '__' in expression".to_string()));
        assert_eq!(safe("lambda"), Err("Unsafe keyword 'lambda' in expression".to_string()));
        assert_eq!(safe("diff + shift + format + tryst + iff"), Ok(vec![]), "whole words only");
        assert_eq!(safe("min(r, g) + max(1,2) + pow(x, 2)"), Ok(vec![]), "commas are allowed");
        assert_eq!(safe("r ^ 128 & g | b << 2 >> 1"), Ok(vec![]));
        assert_eq!(safe("R * 2 + Sin(x)"), Ok(vec![]), "case-insensitive check");
        assert_eq!(safe("foo(r)"), Err("Unknown or unsafe function 'foo' in expression".to_string()));
        assert_eq!(
            safe("sin (r) + getattr (r)"),
            Err("Unknown or unsafe function 'getattr' in expression".to_string())
        );
        assert_eq!(safe("2e5(r)"), Err("Unknown or unsafe function 'e5' in expression".to_string()));
        assert_eq!(safe("r(2)"), Ok(vec![]), "variable names pass the check (as in the original)");
        let w = safe("x + j * 2").unwrap();
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("'j' is deprecated") && w[0].contains("'x + x * 2'"), "{w:?}");
        assert_eq!(safe("2j + jj"), Ok(vec![]));
    }

    #[test]
    fn refusals_say_where() {
        let at = |src: &str| check_safe(src).map_err(|e| (e.kind, e.position)).unwrap_err();
        assert_eq!(at("r + g[0]"), (ExprErrorKind::Unsafe, Some(5)));
        assert_eq!(at("é"), (ExprErrorKind::Unsafe, Some(0)));
        assert_eq!(at("r.__class__"), (ExprErrorKind::Unsafe, Some(2)));
        assert_eq!(at("r + a__b"), (ExprErrorKind::Unsafe, Some(5)));
        assert_eq!(at("r + lambda"), (ExprErrorKind::Unsafe, Some(4)));
        assert_eq!(at("sin(r) + 2foo (r)"), (ExprErrorKind::Unsafe, Some(10)));
        assert_eq!(at("  "), (ExprErrorKind::Unsafe, None));
    }
}
