//! The engine's error: what kind of mistake, where in the source, and the message.

/// What kind of mistake an expression holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExprErrorKind {
    /// Refused by the safety check ([`check_safe`](super::check_safe)): a character, keyword
    /// or call outside the allowed set.
    Unsafe,
    /// Not an expression of the language: a bad character, literal, token or structure.
    Syntax,
    /// Longer or more deeply nested than the engine accepts.
    TooLarge,
    /// A name that is not available, or a call the language does not allow (a variable
    /// called, a function not called, a wrong number of arguments).
    Name,
    /// An operation that no type of its operands supports (`r & 1` on float32 `r`).
    Type,
    /// Failed on values: Python's `ZeroDivisionError` and overflow, numpy's refusals,
    /// `int(nan)`, complex results. Raised at compile time when the values are constants.
    Evaluation,
}

/// An expression that cannot be compiled or evaluated. The message is the original's where
/// it has one (`ZeroDivisionError: division by zero`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExprError {
    pub kind: ExprErrorKind,
    /// Byte offset in the source where the mistake was found, when it is in one place.
    pub position: Option<usize>,
    pub message: String,
}

impl ExprError {
    pub fn new(kind: ExprErrorKind, message: impl Into<String>) -> ExprError {
        ExprError { kind, position: None, message: message.into() }
    }

    /// A syntax error at byte `position`.
    pub fn syntax(position: usize, message: impl Into<String>) -> ExprError {
        ExprError::new(ExprErrorKind::Syntax, message).at(position)
    }

    /// This error, found at byte `position`.
    pub fn at(self, position: usize) -> ExprError {
        ExprError { position: Some(position), ..self }
    }
}
