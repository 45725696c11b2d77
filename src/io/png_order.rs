//! Palette PNGs whose chunks the png crate refuses and Pillow reads, rewritten into a form
//! the crate reads with the same pixels:
//! - a bKGD chunk before PLTE (the crate calls it out of order) is dropped: it never changes
//!   a pixel, and Pillow ignores it where it stands;
//! - a palette image without PLTE gets one of black entries, what Pillow 11 gives each
//!   index of a palette it never read (a tRNS chunk still applies to it).

use std::borrow::Cow;

/// `bytes` as the png crate reads them with Pillow's pixels: borrowed unless a palette PNG
/// needs one of the rewrites above. Damage is left for the decoders to report.
pub fn repaired(bytes: &[u8]) -> Cow<'_, [u8]> {
    const IHDR_END: usize = 8 + 8 + 13 + 4;
    // IHDR: bit depth at byte 24, colour type at byte 25.
    let png = bytes.len() >= IHDR_END && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR";
    if !png || bytes[25] != 3 || !matches!(bytes[24], 1 | 2 | 4 | 8) {
        return Cow::Borrowed(bytes);
    }
    let mut plte = false;
    let mut early_bkgd = Vec::new();
    let mut at = IHDR_END;
    while let Some(header) = bytes.get(at..at + 8) {
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        match &header[4..] {
            b"PLTE" => plte = true,
            b"bKGD" if !plte => early_bkgd.push(at..at.saturating_add(12).saturating_add(len).min(bytes.len())),
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        at = at.saturating_add(12).saturating_add(len);
    }
    if plte && early_bkgd.is_empty() {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + 3 * 256 + 12);
    out.extend_from_slice(&bytes[..IHDR_END]);
    if !plte {
        let black = vec![0u8; 3 << bytes[24]];
        out.extend_from_slice(&(black.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(b"PLTE");
        crc.update(&black);
        out.extend_from_slice(b"PLTE");
        out.extend_from_slice(&black);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    }
    let mut from = IHDR_END;
    for chunk in early_bkgd {
        out.extend_from_slice(&bytes[from..chunk.start]);
        from = chunk.end;
    }
    out.extend_from_slice(&bytes[from..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        [&(data.len() as u32).to_be_bytes()[..], kind, data, &crc.finalize().to_be_bytes()].concat()
    }

    /// A 2x1 palette PNG of 8-bit indices 0 and 1, with `middle` between IHDR and IDAT.
    fn palette_png(middle: &[Vec<u8>]) -> Vec<u8> {
        let ihdr = [&2u32.to_be_bytes()[..], &1u32.to_be_bytes(), &[8, 3, 0, 0, 0]].concat();
        // One stored deflate block of the scanline (filter 0, indices 0 and 1), its Adler-32.
        let idat = [0x78, 0x01, 0x01, 3, 0, 0xfc, 0xff, 0, 0, 1, 0, 4, 0, 2];
        let mut png = vec![137, 80, 78, 71, 13, 10, 26, 10];
        png.extend(chunk(b"IHDR", &ihdr));
        middle.iter().for_each(|c| png.extend_from_slice(c));
        png.extend(chunk(b"IDAT", &idat));
        png.extend(chunk(b"IEND", &[]));
        png
    }

    fn rgba(bytes: &[u8]) -> Vec<u8> {
        let image = crate::io::decode(bytes, "test.png").unwrap();
        assert_eq!(image.channels(), 4);
        image.as_bytes().to_vec()
    }

    #[test]
    fn a_bkgd_before_plte_is_dropped_and_the_pixels_are_the_palettes() {
        let plte = chunk(b"PLTE", &[10, 20, 30, 40, 50, 60]);
        let png = palette_png(&[chunk(b"bKGD", &[1]), plte.clone()]);
        assert!(png::Decoder::new(std::io::Cursor::new(&png)).read_info().is_err());
        assert_eq!(*repaired(&png), palette_png(&[plte])[..]);
        assert_eq!(rgba(&png), [10, 20, 30, 255, 40, 50, 60, 255]);
    }

    #[test]
    fn a_palette_image_without_plte_is_black_with_its_trns_alpha() {
        assert_eq!(rgba(&palette_png(&[])), [0, 0, 0, 255, 0, 0, 0, 255]);
        assert_eq!(rgba(&palette_png(&[chunk(b"tRNS", &[7])])), [0, 0, 0, 7, 0, 0, 0, 255]);
    }

    #[test]
    fn other_files_are_borrowed() {
        let good = palette_png(&[chunk(b"PLTE", &[1, 2, 3]), chunk(b"bKGD", &[0])]);
        assert!(matches!(repaired(&good), Cow::Borrowed(_)));
        assert!(matches!(repaired(b"\x89PNG"), Cow::Borrowed(_)));
    }
}
