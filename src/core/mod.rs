//! The shared vocabulary: context, errors, parameters, the operation contract, selections,
//! ratios and the expression language.

pub mod context;
pub mod document;
pub mod error;
pub mod expr;
pub mod operation;
pub mod params;
pub mod ratio;
pub mod select;

pub use context::Context;
pub use error::{Error, LimitKind, Result};
pub use operation::{generate_whole, Generator, InputRows, OpSpec, Operation, Prepared};
pub use params::{Bound, Kind, ParamSpec, Parsed};
