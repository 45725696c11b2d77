//! The context that travels with an image through a pipeline.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is known about the image at a point of a pipeline. Unlike the original, pixelpipe's
/// context never lies (docs/spec.md §7, quirk 6): after every step it states the real size and
/// channel count of the image that step produces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub width: u32,
    pub height: u32,
    /// 3 (RGB) or 4 (RGBA).
    pub channels: u8,
    #[serde(default)]
    pub warnings: Vec<String>,
    #[serde(default)]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl Context {
    pub fn new(width: u32, height: u32, channels: u8) -> Context {
        Context { width, height, channels, warnings: Vec::new(), metadata: BTreeMap::new() }
    }

    /// A copy with another size (warnings and metadata kept).
    /// The context of `image` as it is: its size and channel count, no warnings.
    pub fn of(image: &crate::image::Image) -> Context {
        Context::new(image.width(), image.height(), image.channels())
    }

    pub fn with_size(&self, width: u32, height: u32) -> Context {
        Context { width, height, ..self.clone() }
    }

    /// A copy with another channel count.
    pub fn with_channels(&self, channels: u8) -> Context {
        Context { channels, ..self.clone() }
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    pub fn total_pixels(&self) -> u64 {
        self.width as u64 * self.height as u64
    }

    /// Bytes of the image this context describes.
    pub fn memory_estimate(&self) -> u64 {
        self.total_pixels() * self.channels as u64
    }
}
