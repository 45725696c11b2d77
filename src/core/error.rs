//! Errors. Every message names what was wrong, where, and what is allowed.

use super::expr::ExprError;
use std::path::PathBuf;
use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter has the wrong type or an out-of-range value.
    #[error("parameter `{param}`: {message}")]
    Param { param: String, message: String },
    /// The parameters do not fit the image at this point of the pipeline.
    #[error("{0}")]
    Invalid(String),
    /// Pixel work failed.
    #[error("{0}")]
    Processing(String),
    /// An expression failed while it was evaluated (the user's expression, not our bug:
    /// exit 2); `context` says which expression and where.
    #[error("{context}: {source}")]
    Expression {
        context: String,
        #[source]
        source: ExprError,
    },
    /// An error inside a pipeline step, located by number and operation.
    #[error("step {step} ({op}): {source}")]
    Step {
        step: usize,
        op: String,
        #[source]
        source: Box<Error>,
    },
    /// An unknown operation name.
    #[error("unknown operation `{name}`{hint}")]
    UnknownOp { name: String, hint: String },
    /// A malformed pipeline file.
    #[error("pipeline {origin}: {message}")]
    PipelineFile { origin: String, message: String },
    /// An unreadable, truncated or non-image input. `format` is the format its first bytes
    /// name, as its usual file extension (`png`, `jpg`, `tif`, …), when they name one.
    #[error("cannot read image {path}: {reason}")]
    Decode { path: String, format: Option<&'static str>, reason: String },
    /// The output could not be encoded or written.
    #[error("cannot write image {path}: {message}")]
    Encode { path: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An input or a result needs more than a limit allows: `needed` against `limit`, in
    /// pixels or bytes as `kind` says.
    #[error("{message}")]
    Limit { kind: LimitKind, needed: u64, limit: u64, message: String },
    /// Anything else that is the user's doing (bad command-line values, unknown preset …).
    #[error("{0}")]
    Usage(String),
    /// The run was cancelled (see [`crate::pipeline::Cancel`]) before it finished.
    #[error("cancelled")]
    Cancelled,
}

/// Which limit an [`Error::Limit`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitKind {
    /// `performance.max_image_pixels` (pixels).
    Pixels,
    /// The memory budget, `performance.max_memory_usage` or the memory available (bytes).
    Memory,
    /// The free space of a folder (bytes).
    Disk,
}

impl Error {
    pub fn param(param: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Param { param: param.into(), message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> Error {
        Error::Invalid(message.into())
    }

    pub fn processing(message: impl Into<String>) -> Error {
        Error::Processing(message.into())
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    /// Wraps `self` as the error of pipeline step `step` (1-based).
    pub fn at_step(self, step: usize, op: &str) -> Error {
        Error::Step { step, op: op.to_string(), source: Box::new(self) }
    }

    /// The innermost error (below step wrappers).
    pub fn root(&self) -> &Error {
        match self {
            Error::Step { source, .. } => source.root(),
            other => other,
        }
    }

    /// Process exit code: 2 for bad input or an invalid pipeline, 1 for anything else.
    pub fn exit_code(&self) -> i32 {
        match self.root() {
            Error::Param { .. }
            | Error::Invalid(_)
            | Error::UnknownOp { .. }
            | Error::PipelineFile { .. }
            | Error::Decode { .. }
            | Error::Limit { .. }
            | Error::Expression { .. }
            | Error::Usage(_) => 2,
            Error::Processing(_) | Error::Encode { .. } | Error::Io { .. } | Error::Step { .. } | Error::Cancelled => 1,
        }
    }
}
