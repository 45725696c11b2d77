//! Cache entries and input aliases read back from arbitrary bytes: damage must be a miss,
//! never a panic or an allocation the entry's length does not justify.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pixelpipe::cache::{alias::Alias, entry};

fuzz_target!(|data: &[u8]| {
    let _ = Alias::decode(data);
    if let Ok(header) = entry::read_header(data, data.len() as u64) {
        if header.width as u64 * header.height as u64 * header.channels as u64 <= 64 << 20 {
            let _ = entry::read_body(data, &header);
        }
    }
});
