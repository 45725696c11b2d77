//! Whether a JPEG file is whole. The decoder fills what is missing from a truncated file
//! with grey and reports nothing; the original (Pillow) refuses such a file ("image file is
//! truncated"), so we look for its end first. This reads the marker structure only: segment
//! lengths, and entropy-coded data up to the next marker; nothing is decoded.

/// Whether `bytes` (starting with SOI) run through their segments and scans to an EOI
/// marker. Bytes after EOI (camera trailers, motion-photo video) are allowed, as Pillow
/// allows them. Anything not starting with SOI is left to the decoder to judge.
pub fn is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return true;
    }
    let mut i = 2;
    loop {
        // The next marker: 0xFF (fill bytes repeat it), then its code. Stray bytes between
        // segments are skipped, as libjpeg does (with a warning).
        let Some(ff) = bytes[i..].iter().position(|&b| b == 0xFF) else { return false };
        i += ff;
        while bytes.get(i) == Some(&0xFF) {
            i += 1;
        }
        let Some(&code) = bytes.get(i) else { return false };
        i += 1;
        match code {
            0xD9 => return true,
            // Standalone markers: restart markers, TEM, and a stray 0xFF00.
            0x00 | 0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(len) = bytes.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]]) as usize) else { return false };
        if len < 2 || i + len > bytes.len() {
            return false;
        }
        i += len;
        if code == 0xDA {
            // Entropy-coded data: ends at a marker that is neither a stuffed 0xFF00 nor a
            // restart marker.
            loop {
                let Some(ff) = bytes[i..].iter().position(|&b| b == 0xFF) else { return false };
                let mut next = i + ff + 1;
                while bytes.get(next) == Some(&0xFF) {
                    next += 1;
                }
                match bytes.get(next) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7) => i = next + 1,
                    Some(_) => {
                        i += ff;
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(progressive_like: bool) -> Vec<u8> {
        let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 77]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        let mut bytes = out.into_inner();
        if progressive_like {
            // A trailer after EOI, as some cameras append.
            bytes.extend_from_slice(b"\x00\x00ftypmp42 trailing video");
        }
        bytes
    }

    #[test]
    fn whole_files_pass_and_every_truncation_fails() {
        for trailer in [false, true] {
            let bytes = jpeg(trailer);
            assert!(is_complete(&bytes));
            let end = bytes.windows(2).rposition(|w| w == [0xFF, 0xD9]).unwrap();
            for cut in 2..end + 1 {
                assert!(!is_complete(&bytes[..cut]), "cut at {cut} of {}", bytes.len());
            }
        }
        assert!(is_complete(b"not a jpeg"), "other formats are the decoder's to judge");
    }
}
