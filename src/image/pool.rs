//! Recycled pixel buffers. A fresh large buffer costs nothing to allocate but everything to
//! touch: the kernel zeroes each page on its first write, and on this machine that made a
//! fresh 30 MB output cost 4–7× a memcpy of it (`perf`: `clear_page_erms` was a third of
//! the byte-moving operations' time). A buffer an image gives back when it is dropped is
//! handed to the next image of about its size instead. glibc cannot do this for us: it maps
//! blocks over 32 MiB afresh every time, and returns smaller freed ones to the kernel as
//! well whenever they top its heap.
//!
//! The pool never raises a run's peak: it holds at most [`MAX_BUFFERS`] buffers and
//! [`limit`] bytes, and a request it cannot serve first frees what it holds, so what is
//! allocated next finds the memory the pool had. Under memory pressure [`release`] (a
//! reliever of `crate::memory::MemoryManager`) gives everything back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Buffers smaller than this are left to the allocator (their pages are few).
pub const MIN_BYTES: usize = 4 << 20;

/// Buffers held at most: a whole-image pipeline recycles its previous step's input, and a
/// batch of two workers two of those.
pub const MAX_BUFFERS: usize = 4;

struct Pool {
    held: Mutex<Vec<Vec<u8>>>,
    limit: AtomicUsize,
}

static POOL: Pool = Pool::new();

impl Pool {
    const fn new() -> Pool {
        Pool { held: Mutex::new(Vec::new()), limit: AtomicUsize::new(1 << 30) }
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Vec<Vec<u8>>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_limit(&self, bytes: usize) {
        self.limit.store(bytes, Ordering::Relaxed);
        let mut held = self.held();
        while bytes_of(&held) > bytes {
            held.pop();
        }
    }

    /// The held buffer that fits `len` best, without wasting more than half of it; else the
    /// largest one of at least half of `len`, which the caller grows: glibc grows a mapped
    /// block with mremap, so only the growth is fresh pages (a step from RGB to RGBA
    /// recycles its predecessor's RGB input).
    fn take(&self, len: usize) -> Option<Vec<u8>> {
        if len < MIN_BYTES {
            return None;
        }
        let mut held = self.held();
        let size = |i: usize| held[i].capacity();
        let fit = (0..held.len()).filter(|&i| (len..=len * 2).contains(&size(i))).min_by_key(|&i| size(i));
        let grown = || (0..held.len()).filter(|&i| (len / 2..len).contains(&size(i))).max_by_key(|&i| size(i));
        match fit.or_else(grown) {
            Some(i) => Some(held.swap_remove(i)),
            None => {
                // What is held would sit beside the fresh buffer: give it back first.
                held.clear();
                None
            }
        }
    }

    fn zeroed(&self, len: usize) -> Option<Vec<u8>> {
        match self.take(len) {
            Some(mut buf) => {
                buf.clear();
                buf.resize(len, 0);
                Some(buf)
            }
            None => fresh(len),
        }
    }

    fn for_overwrite(&self, len: usize) -> Option<Vec<u8>> {
        let mut buf = match self.take(len) {
            Some(mut buf) => {
                buf.truncate(len);
                buf.resize(len, 0);
                buf
            }
            None => fresh(len)?,
        };
        poison(&mut buf);
        Some(buf)
    }

    fn recycle(&self, buf: Vec<u8>) {
        let bytes = buf.capacity();
        if bytes < MIN_BYTES {
            return;
        }
        let mut held = self.held();
        if held.len() < MAX_BUFFERS && bytes_of(&held) + bytes <= self.limit.load(Ordering::Relaxed) {
            held.push(buf);
        }
    }

    fn release(&self) -> u64 {
        let mut held = self.held();
        let bytes = bytes_of(&held) as u64;
        held.clear();
        bytes
    }
}

fn bytes_of(held: &[Vec<u8>]) -> usize {
    held.iter().map(Vec::capacity).sum()
}

/// Debug builds fill `bytes` with 0xA5: the memory of a buffer a caller must overwrite
/// whole, so a test sees any byte left unwritten. Release builds leave them.
pub(crate) fn poison(bytes: &mut [u8]) {
    if cfg!(debug_assertions) {
        bytes.fill(0xA5);
    }
}

/// The bytes the pool may hold (1 GiB until [`set_limit`]).
pub fn limit() -> usize {
    POOL.limit.load(Ordering::Relaxed)
}

/// Sets the bytes the pool may hold (0: none, every buffer goes back to the allocator) and
/// frees what is held beyond it.
pub fn set_limit(bytes: usize) {
    POOL.set_limit(bytes)
}

/// `len` zero bytes fresh from the allocator, as `vec![0; len]` gets them (calloc: pages
/// the kernel zeroes on first touch, no memset), or `None` when the allocator has no room:
/// the caller reports it instead of the process aborting.
#[allow(unsafe_code)]
fn fresh(len: usize) -> Option<Vec<u8>> {
    if len == 0 {
        return Some(Vec::new());
    }
    let layout = std::alloc::Layout::array::<u8>(len).ok()?;
    // SAFETY: the layout's size is not zero; a non-null pointer from `alloc_zeroed` owns
    // `len` zeroed bytes allocated by the global allocator with `u8`'s layout, which is what
    // `Vec::from_raw_parts` takes over (length and capacity `len`).
    unsafe {
        let ptr = std::alloc::alloc_zeroed(layout);
        (!ptr.is_null()).then(|| Vec::from_raw_parts(ptr, len, len))
    }
}

/// A zero-filled buffer of `len` bytes: a recycled one (zeroed by a memset, about a
/// memcpy's time) when the pool holds one that fits; `None` when memory cannot be had.
pub fn zeroed(len: usize) -> Option<Vec<u8>> {
    POOL.zeroed(len)
}

/// A buffer of `len` bytes for a caller that writes every one of them: recycled, it still
/// holds an earlier image's bytes (no memset: the caller's pass is the only one). Debug
/// builds fill it with 0xA5, so a test sees any byte a caller failed to write. `None` when
/// memory cannot be had.
pub fn for_overwrite(len: usize) -> Option<Vec<u8>> {
    POOL.for_overwrite(len)
}

/// Takes `buf` back for a later request (or frees it, when it is small or the pool full).
pub fn recycle(buf: Vec<u8>) {
    POOL.recycle(buf)
}

/// Frees every buffer held; returns their bytes.
pub fn release() -> u64 {
    POOL.release()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A buffer the allocator cannot give is `None`, not an abort (the caller refuses the
    /// image with a message); one it can give is zeroed.
    #[test]
    fn fresh_buffers_are_zeroed_or_none() {
        assert!(fresh(usize::MAX / 2).is_none());
        let buf = fresh(3 << 20).unwrap();
        assert!(buf.len() == 3 << 20 && buf.iter().all(|&b| b == 0));
        assert_eq!(fresh(0), Some(Vec::new()));
    }

    #[test]
    fn buffers_come_back_zeroed_and_the_pool_keeps_within_its_bounds() {
        let pool = Pool::new();
        let dirty = vec![7u8; MIN_BYTES * 2];
        let ptr = dirty.as_ptr();
        pool.recycle(dirty);
        // Recycled: the same allocation, zeroed, for a size it fits without waste.
        let again = pool.zeroed(MIN_BYTES * 2 - 5).unwrap();
        assert_eq!(again.as_ptr(), ptr);
        assert!(again.iter().all(|&b| b == 0));
        assert_eq!(again.len(), MIN_BYTES * 2 - 5);
        pool.recycle(again);
        // For overwriting: the same allocation again, poisoned in debug builds.
        let poisoned = pool.for_overwrite(MIN_BYTES * 2).unwrap();
        assert_eq!((poisoned.as_ptr(), poisoned.len()), (ptr, MIN_BYTES * 2));
        assert!(!cfg!(debug_assertions) || poisoned.iter().all(|&b| b == 0xA5));
        pool.recycle(poisoned);
        // A larger request (up to twice its size): the same buffer, grown and zeroed.
        let grown = pool.zeroed(MIN_BYTES * 3).unwrap();
        assert!(grown.len() == MIN_BYTES * 3 && grown.iter().all(|&b| b == 0));
        pool.recycle(grown);
        // Too small a request for it (it would waste over half): a fresh buffer, and the
        // held one is freed rather than kept beside it.
        let small = pool.zeroed(MIN_BYTES).unwrap();
        assert_eq!(pool.release(), 0);
        // Small buffers are not kept; at most MAX_BUFFERS are; never over the limit.
        pool.recycle(vec![1; 100]);
        for _ in 0..MAX_BUFFERS + 2 {
            pool.recycle(vec![1; MIN_BYTES]);
        }
        assert_eq!(pool.release(), (MAX_BUFFERS * MIN_BYTES) as u64);
        pool.set_limit(MIN_BYTES);
        pool.recycle(vec![1; MIN_BYTES]);
        pool.recycle(vec![1; MIN_BYTES]);
        assert_eq!(pool.release(), MIN_BYTES as u64);
        pool.set_limit(0);
        pool.recycle(small);
        assert_eq!(pool.release(), 0);
    }
}
