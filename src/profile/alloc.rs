//! A counting global allocator: the heap bytes live now, their peak over the process, and
//! their peak since a window was opened (a step, a size), exactly and from every thread.
//!
//! The `pixelpipe` binary and the memory benchmarks install it:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: pixelpipe::profile::alloc::Counting = pixelpipe::profile::alloc::Counting;
//! ```
//!
//! A process that does not install it reads `None` from [`live`], [`peak`] and [`Window`].
//! Counting costs two relaxed atomic additions and two compare-free maxima per allocation;
//! the operations allocate a few buffers per step, so it does not show in their times.

#![allow(unsafe_code)] // GlobalAlloc is an unsafe trait; every call is forwarded to System.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

static LIVE: AtomicU64 = AtomicU64::new(0);
static PEAK: AtomicU64 = AtomicU64::new(0);
static WINDOW_PEAK: AtomicU64 = AtomicU64::new(0);
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// The system allocator, counting.
pub struct Counting;

fn grew(by: usize) {
    let now = LIVE.fetch_add(by as u64, Relaxed) + by as u64;
    PEAK.fetch_max(now, Relaxed);
    WINDOW_PEAK.fetch_max(now, Relaxed);
}

fn shrank(by: usize) {
    LIVE.fetch_sub(by as u64, Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counters are only read and written atomically.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
            if !INSTALLED.load(Relaxed) {
                INSTALLED.store(true, Relaxed);
            }
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

/// Whether [`Counting`] is this process's allocator (it has counted an allocation).
pub fn installed() -> bool {
    INSTALLED.load(Relaxed)
}

/// Heap bytes live now.
pub fn live() -> Option<u64> {
    installed().then(|| LIVE.load(Relaxed))
}

/// The most heap bytes ever live at once in this process.
pub fn peak() -> Option<u64> {
    installed().then(|| PEAK.load(Relaxed))
}

/// The peak of live heap bytes from [`Window::open`] on. Windows do not nest: opening one
/// restarts the peak every open window reads (one profiler at a time measures).
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Live bytes when the window opened.
    pub start: u64,
}

impl Window {
    /// Opens a window; the image buffers recycled so far are freed first, so the window
    /// measures what is allocated in it, not what an earlier step left to be reused.
    pub fn open() -> Option<Window> {
        if !installed() {
            return None;
        }
        crate::image::pool::release();
        let start = live()?;
        WINDOW_PEAK.store(start, Relaxed);
        Some(Window { start })
    }

    /// The highest live bytes since the window opened.
    pub fn peak(&self) -> u64 {
        WINDOW_PEAK.load(Relaxed).max(self.start)
    }
}
