//! Image decoding of every format, within limits small enough that a header claiming a
//! large image is refused (as the command line refuses bombs) instead of allocated.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pixelpipe::io::{self, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_pixels: 1 << 20, max_bytes: Some(16 << 20) };
    let _ = io::probe(data, "fuzz", &limits);
    let _ = io::decode_with(data, "fuzz", &limits);
});
