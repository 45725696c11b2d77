//! Aspect operations.

use crate::core::OpSpec;

pub const SPECS: &[OpSpec] = &[];
