//! Chained cache keys: the input is hashed once, every step adds one small hash.

use crate::core::{OpSpec, Parsed};
use crate::image::Image;
use std::fmt;

/// The cache format's version, in every entry's header and every key: bump on any change of the
/// entry layout (see `entry.rs`) or of what keys mean: old entries then stop matching
/// and the sweep removes them.
pub const FORMAT_VERSION: u32 = 1;

/// Inputs at least this large are hashed on all cores (`blake3::Hasher::update_rayon`);
/// below it the threads cost more than they save.
const PARALLEL_HASH_BYTES: usize = 1 << 20;

/// A 256-bit blake3 key naming one step's output for one input.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(pub [u8; 32]);

impl Key {
    /// Lower-case hex, the entry's file name stem.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Parses 64 hex digits (an entry's file name stem).
    pub fn from_hex(s: &str) -> Option<Key> {
        if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Key(out))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({}…)", &self.hex()[..12])
    }
}

/// `k0`: the decoded input's pixels, size and channel count. The only pass over pixels.
pub fn input_key(image: &Image) -> Key {
    let mut h = InputHasher::new(image.width(), image.height(), image.channels());
    let pixels = image.as_bytes();
    if pixels.len() >= PARALLEL_HASH_BYTES {
        h.0.update_rayon(pixels);
    } else {
        h.update(pixels);
    }
    h.finish()
}

/// `k0` computed piecewise: fed the pixel bytes in order (say, while they are decoded), it
/// gives exactly [`input_key`] of the whole image.
pub struct InputHasher(blake3::Hasher);

impl InputHasher {
    pub fn new(width: u32, height: u32, channels: u8) -> InputHasher {
        let mut h = blake3::Hasher::new_derive_key("pixelpipe cache input");
        h.update(&width.to_le_bytes());
        h.update(&height.to_le_bytes());
        h.update(&[channels]);
        InputHasher(h)
    }

    pub fn update(&mut self, pixels: &[u8]) {
        self.0.update(pixels);
    }

    pub fn finish(self) -> Key {
        Key(*self.0.finalize().as_bytes())
    }
}

/// `k(n)` from `k(n-1)`: operation name, canonical parameters (sorted and fully defaulted,
/// so order and defaulted-vs-explicit values cannot matter), operation version and the
/// cache format version. Variable-length fields are length-prefixed so no two different
/// steps can produce the same byte stream.
pub fn step_key(parent: &Key, spec: &OpSpec, params: &Parsed) -> Key {
    let mut h = blake3::Hasher::new_derive_key("pixelpipe cache step");
    h.update(&parent.0);
    for field in [spec.name.as_bytes(), &params.canonical_bytes()] {
        h.update(&(field.len() as u64).to_le_bytes());
        h.update(field);
    }
    h.update(&spec.version.to_le_bytes());
    h.update(&FORMAT_VERSION.to_le_bytes());
    Key(*h.finalize().as_bytes())
}

/// The keys of every step's output (`k1..kN`) for `input` through `steps`.
pub fn chain<'a>(input: &Image, steps: impl IntoIterator<Item = (&'a OpSpec, &'a Parsed)>) -> Vec<Key> {
    let mut key = input_key(input);
    steps
        .into_iter()
        .map(|(spec, params)| {
            key = step_key(&key, spec, params);
            key
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;
    use crate::ops::configure;
    use serde_json::{json, Map, Value};

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn key_of(img: &Image, op: &str, p: Value) -> Key {
        let c = configure(op, &params(p), false).unwrap();
        chain(img, [(c.spec, &c.params)])[0]
    }

    #[test]
    fn hex_round_trip() {
        let k = input_key(&synth::noise(5, 3, 3, 1));
        assert_eq!(Key::from_hex(&k.hex()), Some(k));
        assert_eq!(Key::from_hex("xyz"), None);
        assert_eq!(Key::from_hex(&"g".repeat(64)), None);
    }

    #[test]
    fn input_key_sees_pixels_size_and_channels() {
        let a = synth::noise(8, 6, 4, 1);
        let mut b = a.clone();
        b.as_bytes_mut()[17] ^= 1;
        assert_ne!(input_key(&a), input_key(&b));
        // Same bytes, other shapes.
        let flat = Image::from_raw(6, 8, 4, a.as_bytes().to_vec()).unwrap();
        assert_ne!(input_key(&a), input_key(&flat));
        let rgb = Image::from_raw(16, 4, 3, a.as_bytes().to_vec()).unwrap();
        assert_ne!(input_key(&a), input_key(&rgb));
        // The parallel path hashes the same as the serial one would (blake3 guarantees it);
        // a large input must still be deterministic.
        let big = synth::noise(1024, 512, 4, 3);
        assert_eq!(input_key(&big), input_key(&big.clone()));
    }

    #[test]
    fn parameter_order_and_defaults_do_not_change_keys() {
        let img = synth::gradient(10, 10, 3);
        let a = key_of(&img, "ChannelIsolate", json!({"keep_green": true, "fill_value": 0, "keep_red": true}));
        let b = key_of(&img, "ChannelIsolate", json!({"keep_red": true, "keep_green": true}));
        let c = key_of(&img, "ChannelIsolate", json!({"keep_green": "true"}));
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_ne!(a, key_of(&img, "ChannelIsolate", json!({"keep_green": true, "fill_value": 1})));
    }

    #[test]
    fn keys_chain_through_parents() {
        let img = synth::gradient(10, 10, 3);
        let swap = configure("ChannelSwap", &Map::new(), false).unwrap();
        let iso = configure("ChannelIsolate", &Map::new(), false).unwrap();
        let ab = chain(&img, [(swap.spec, &swap.params), (iso.spec, &iso.params)]);
        let ba = chain(&img, [(iso.spec, &iso.params), (swap.spec, &swap.params)]);
        assert_eq!(ab.len(), 2);
        assert_ne!(ab[1], ba[1]);
        assert_eq!(ab[1], step_key(&ab[0], iso.spec, &iso.params));
        let other = chain(&synth::gradient(10, 10, 4), [(swap.spec, &swap.params)]);
        assert_ne!(ab[0], other[0]);
    }
}
