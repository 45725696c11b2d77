//! pixelpipe: composable, pixel-exact image-processing pipelines.
//!
//! A Rust successor of the Python framework *pixel-perfect*: the same operations give the
//! same pixels. See `README.md` for the command line and the module layout; the architecture
//! is `docs/design.md`, with the differences listed in the README, and the behaviour to match
//! is `docs/spec.md`.

pub mod batch;
pub mod bench;
pub mod cache;
pub mod cleanup;
pub mod config;
pub mod core;
pub mod image;
pub mod io;
pub mod memory;
pub mod ops;
pub mod pipeline;
pub mod presets;
pub mod profile;
pub mod rng;
pub mod stream;
pub mod variants;

pub use crate::core::{Context, Error, Result};
pub use crate::image::Image;
pub use crate::pipeline::{Pipeline, PipelineFile, RunOptions, Source};
