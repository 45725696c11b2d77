//! Run-length BMP (RLE8, RLE4) decoded as the original's decoder does: a port of Pillow
//! 11.3's `BmpRleDecoder` (`BmpImagePlugin.py`), written here because its reading is the
//! contract and differs from the format's (and the `image` crate's) in three places:
//!
//! - a delta escape reads four bytes and uses the last two (the format has two);
//! - an RLE4 absolute run of an odd length `n` reads `n / 2` bytes (the format rounds up) and
//!   gives two pixels of each, yet advances the column by `n`;
//! - a bitmap whose data ends before its last pixel is refused ("not enough image data"),
//!   where the format (and the crate) leave the rest as index 0.
//!
//! The indices then go through the colour table as Pillow's "P" (→ RGBA), or are the grey
//! values of an identity grey ramp ("L" → RGB). Files it does not take (other layouts, a
//! black/white pair, indices past the table) are left to the `image` crate.

use super::{le_u16, le_u32, BmpTable, Error, Image, Result};

/// The pixels of an RLE8 or RLE4 BMP as Pillow reads them; `None` for any other BMP.
/// `check` vets the size and channel count before allocation; `fail` makes the error of
/// damaged data.
pub(super) fn decode(
    bytes: &[u8],
    check: impl FnOnce(u32, u32, u8) -> Result<()>,
    fail: impl Fn(String) -> Error,
) -> Option<Result<Image>> {
    let header = le_u32(bytes, 14)? as usize;
    let (offset, width, height) = (le_u32(bytes, 10)? as usize, le_u32(bytes, 18)? as i32, le_u32(bytes, 22)? as i32);
    let bits = le_u16(bytes, 28)?;
    let rle4 = match (le_u32(bytes, 30)?, bits) {
        (1, 8) => false,
        (2, 4) => true,
        _ => return None,
    };
    if header < 40 || offset == 0 || width <= 0 || height == 0 || height == i32::MIN {
        return None;
    }
    let colors = match le_u32(bytes, 46)? {
        0 => 1usize << bits,
        n if n as usize <= 1 << bits => n as usize,
        _ => return None,
    };
    let table = bytes.get(14 + header..14 + header + 4 * colors)?;
    let grey = match BmpTable::of(table, 4) {
        // "1": left to the crate.
        BmpTable::BlackWhite => return None,
        mode => mode == BmpTable::Grey,
    };
    let (w, h) = (width as usize, height.unsigned_abs() as usize);
    let channels = if grey { 3 } else { 4 };
    if let Err(e) = check(w as u32, h as u32, channels) {
        return Some(Err(e));
    }
    let indices = match runs(bytes, offset, w, w * h, rle4) {
        Ok(data) if data.len() >= w * h => data,
        Ok(_) => {
            return Some(Err(fail("not enough image data (the run-length data ends before the last pixel)".into())))
        }
        Err(e) => return Some(Err(fail(e))),
    };
    if indices[..w * h].iter().any(|&i| i as usize >= colors) {
        return None;
    }
    let mut image = Image::new(w as u32, h as u32, channels);
    // Rows come bottom-up unless the height is negative.
    for (i, row) in indices[..w * h].chunks_exact(w).enumerate() {
        let y = if height > 0 { h - 1 - i } else { i };
        let out = image.row_mut(y as u32);
        for (px, &index) in out.chunks_exact_mut(channels as usize).zip(row) {
            if grey {
                px.fill(index);
            } else {
                let bgr = &table[4 * index as usize..];
                px.copy_from_slice(&[bgr[2], bgr[1], bgr[0], 255]);
            }
        }
    }
    Some(Ok(image))
}

/// The indices Pillow's decoder reads from the runs at `offset` (at least `total`, unless the
/// data ends first; possibly more). Alignment is to even offsets in the file, as Pillow
/// seeks.
fn runs(bytes: &[u8], offset: usize, width: usize, total: usize, rle4: bool) -> std::result::Result<Vec<u8>, String> {
    let mut data: Vec<u8> = Vec::with_capacity(total);
    let (mut at, mut x) = (offset, 0usize);
    // The next `n` bytes (fewer at the end of the file), as a file read gives them.
    fn read<'a>(bytes: &'a [u8], at: &mut usize, n: usize) -> &'a [u8] {
        let got = &bytes[(*at).min(bytes.len())..(*at + n).min(bytes.len())];
        *at += got.len();
        got
    }
    while data.len() < total {
        let (count, byte) = match (read(bytes, &mut at, 1), read(bytes, &mut at, 1)) {
            ([count], [byte]) => (*count as usize, *byte),
            _ => break,
        };
        if count > 0 {
            // Encoded: `count` pixels, at most to the end of the row.
            let n = count.min(width.saturating_sub(x));
            if rle4 {
                data.extend((0..n).map(|i| if i % 2 == 0 { byte >> 4 } else { byte & 0x0f }));
            } else {
                data.extend(std::iter::repeat_n(byte, n));
            }
            x += n;
            continue;
        }
        match byte {
            // End of line: the row filled with index 0.
            0 => {
                let padded = data.len().next_multiple_of(width);
                data.resize(padded, 0);
                x = 0;
            }
            1 => break,
            // Delta: two bytes read and dropped, then right and up.
            2 => {
                if read(bytes, &mut at, 2).len() < 2 {
                    break;
                }
                let [right, up] = read(bytes, &mut at, 2) else {
                    return Err("a delta escape ends early".into());
                };
                data.resize(data.len() + *right as usize + *up as usize * width, 0);
                x = data.len() % width;
            }
            n => {
                let n = n as usize;
                let wanted = if rle4 { n / 2 } else { n };
                let got = read(bytes, &mut at, wanted);
                if rle4 {
                    data.extend(got.iter().flat_map(|b| [b >> 4, b & 0x0f]));
                } else {
                    data.extend_from_slice(got);
                }
                if got.len() < wanted {
                    break;
                }
                x += n;
                at += at % 2;
            }
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_read_as_pillow_reads_them() {
        // Encoded runs clipped to the row, end of line, end of bitmap.
        let rle8 = [5, 7, 0, 0, 2, 9, 0, 1];
        assert_eq!(runs(&rle8, 0, 3, 6, false).unwrap(), [7, 7, 7, 9, 9]);
        // A delta reads four bytes and moves by the last two (right 1, up 1).
        let delta = [1, 4, 0, 2, 9, 9, 1, 1, 1, 5];
        assert_eq!(runs(&delta, 0, 3, 9, false).unwrap(), [4, 0, 0, 0, 0, 5]);
        assert!(runs(&[0, 2, 1, 1, 1], 0, 3, 9, false).unwrap_err().contains("delta"));
        // An odd RLE4 absolute run of 3 reads one byte (two pixels) and pads to an even offset.
        let rle4 = [0, 3, 0x12, 0xff, 2, 0x34];
        assert_eq!(runs(&rle4, 0, 8, 8, true).unwrap(), [1, 2, 3, 4]);
        // Data that ends early stops short (the caller refuses it).
        assert_eq!(runs(&[3, 1], 0, 4, 8, false).unwrap().len(), 3);
    }
}
