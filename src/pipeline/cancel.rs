//! Cancellation of runs and batches.

use crate::core::{Error, Result};
use std::sync::Arc;

/// A cancellation token: clones share it; [`Cancel::cancel`] from any thread stops the runs
/// and batches that hold it at their next check (between steps, between images).
#[derive(Debug, Default, Clone)]
pub struct Cancel(Arc<std::sync::atomic::AtomicBool>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once cancelled.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}
