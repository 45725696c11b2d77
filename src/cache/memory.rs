//! The memory tier: an LRU of shared images bounded in bytes. A hit is an `Arc` clone.

use super::key::Key;
use crate::image::Image;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

struct Slot {
    image: Arc<Image>,
    compute: Duration,
    bytes: u64,
    /// Last use; the smallest is evicted first.
    tick: u64,
}

pub(crate) struct MemoryTier {
    limit: u64,
    used: u64,
    clock: u64,
    slots: HashMap<Key, Slot>,
    by_age: BTreeMap<u64, Key>,
}

impl MemoryTier {
    pub fn new(limit: u64) -> MemoryTier {
        MemoryTier { limit, used: 0, clock: 0, slots: HashMap::new(), by_age: BTreeMap::new() }
    }

    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    /// The image and its compute time, marked as just used.
    pub fn get(&mut self, key: &Key) -> Option<(Arc<Image>, Duration)> {
        let now = self.tick();
        let slot = self.slots.get_mut(key)?;
        self.by_age.remove(&slot.tick);
        slot.tick = now;
        self.by_age.insert(now, *key);
        Some((Arc::clone(&slot.image), slot.compute))
    }

    /// Keeps `image` unless it alone exceeds the limit; evicts the least recently used
    /// entries to make room.
    pub fn insert(&mut self, key: Key, image: Arc<Image>, compute: Duration) {
        let bytes = image.as_bytes().len() as u64;
        if bytes > self.limit {
            return;
        }
        self.remove(&key);
        self.evict_to(self.limit - bytes);
        let tick = self.tick();
        self.by_age.insert(tick, key);
        self.used += bytes;
        self.slots.insert(key, Slot { image, compute, bytes, tick });
    }

    pub fn remove(&mut self, key: &Key) {
        if let Some(slot) = self.slots.remove(key) {
            self.by_age.remove(&slot.tick);
            self.used -= slot.bytes;
        }
    }

    /// Evicts everything (memory pressure); returns the bytes let go. The limit stays.
    pub fn release(&mut self) -> u64 {
        let used = self.used;
        self.evict_to(0);
        used
    }

    fn evict_to(&mut self, target: u64) {
        while self.used > target {
            let Some((_, key)) = self.by_age.pop_first() else { break };
            if let Some(slot) = self.slots.remove(&key) {
                self.used -= slot.bytes;
            }
        }
    }

    #[cfg(test)]
    pub fn used(&self) -> u64 {
        self.used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(n: u32) -> Arc<Image> {
        Arc::new(Image::new(n, 1, 4)) // 4n bytes
    }

    #[test]
    fn hits_share_the_image_and_lru_goes_first() {
        let mut m = MemoryTier::new(100);
        let a = img(10);
        m.insert(Key([1; 32]), Arc::clone(&a), Duration::from_millis(5));
        m.insert(Key([2; 32]), img(10), Duration::ZERO);
        let (got, t) = m.get(&Key([1; 32])).unwrap();
        assert!(Arc::ptr_eq(&got, &a), "a hit must not copy");
        assert_eq!(t, Duration::from_millis(5));
        // 80 bytes used; 40 more evicts the least recently used: key 2, not key 1.
        m.insert(Key([3; 32]), img(10), Duration::ZERO);
        assert!(m.get(&Key([2; 32])).is_none());
        assert!(m.get(&Key([1; 32])).is_some());
        assert_eq!(m.used(), 80);
        // Too big alone: not kept, nothing evicted.
        m.insert(Key([4; 32]), img(30), Duration::ZERO);
        assert!(m.get(&Key([4; 32])).is_none());
        assert_eq!(m.used(), 80);
        assert_eq!(m.release(), 80);
        assert_eq!(m.used(), 0);
        assert!(m.get(&Key([1; 32])).is_none());
        m.insert(Key([5; 32]), img(10), Duration::ZERO);
        assert!(m.get(&Key([5; 32])).is_some(), "the limit stays after a release");
    }

    #[test]
    fn reinserting_a_key_does_not_double_count() {
        let mut m = MemoryTier::new(1000);
        for _ in 0..5 {
            m.insert(Key([9; 32]), img(10), Duration::ZERO);
        }
        assert_eq!(m.used(), 40);
    }
}
