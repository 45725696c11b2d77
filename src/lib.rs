//! pixelpipe: composable, pixel-exact image-processing pipelines.
//!
//! A Rust successor of the Python framework *pixel-perfect*: the same operations give the
//! same pixels. See `README.md` for the command line and the module layout; the architecture
//! is `docs/design.md`, with the differences listed in the README, and the behaviour to match
//! is `docs/spec.md`.
//!
//! A pipeline is built from its file text (JSON or YAML, the original's format), checked
//! against the input's shape before any pixel work, then run:
//!
//! ```
//! use pixelpipe::{Context, Image, Pipeline, PipelineFile, RunOptions};
//!
//! let file = PipelineFile::parse(
//!     r#"{"operations": [
//!         {"type": "RowShift", "params": {"selection": "odd", "shift_amount": 1,
//!                                          "fill_color": [0, 0, 0, 255]}},
//!         {"type": "ChannelSwap", "params": {"mapping": {"r": "b", "b": "r"}}}
//!     ]}"#,
//!     "example",
//! )?;
//! let pipeline = Pipeline::from_file(&file, true)?;
//!
//! let mut input = Image::new(3, 2, 3);
//! input.row_mut(1).copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8, 9]);
//! // A transparent fill colour would make the output RGBA (the original's rule); this one
//! // is opaque, so it stays RGB.
//! let shapes = pipeline.validate(&Context::new(3, 2, 3))?;
//! assert_eq!(shapes.last().map(|c| (c.width, c.height, c.channels)), Some((3, 2, 3)));
//!
//! let output = pipeline.run(input, &RunOptions::default())?;
//! // Row 1 moved right by one pixel (wrapping), then red and blue swapped.
//! assert_eq!(output.image.row(1), &[9, 8, 7, 3, 2, 1, 6, 5, 4]);
//! # Ok::<(), pixelpipe::Error>(())
//! ```

pub mod batch;
pub mod bench;
pub mod cache;
pub mod cleanup;
pub mod config;
pub mod core;
pub mod image;
pub mod io;
pub mod job;
pub mod memory;
pub mod ops;
pub mod pipeline;
pub mod presets;
pub mod profile;
pub mod rng;
#[cfg(feature = "serve")]
pub mod serve;
pub mod stream;
pub mod variants;

pub use crate::core::{Context, Error, Result};
pub use crate::image::Image;
pub use crate::pipeline::{Pipeline, PipelineFile, RunOptions, Source};
