//! Owned images and borrowed views.
//!
//! pixelpipe images are always 8-bit RGB or RGBA, row-major and tightly packed: the loader
//! normalises every other mode (grey, palette, 16-bit, CMYK) on the way in, exactly as the
//! original did, so operations only ever see 3 or 4 channels.

pub mod pool;
pub mod resample;
pub mod synth;

use rayon::prelude::*;
use std::fmt;

/// An owned 8-bit RGB (3 channels) or RGBA (4 channels) raster.
#[derive(PartialEq, Eq)]
pub struct Image {
    width: u32,
    height: u32,
    channels: u8,
    data: Vec<u8>,
}

/// A copy in a recycled buffer when there is one (see [`pool`]).
impl Clone for Image {
    fn clone(&self) -> Image {
        let mut data = pool::for_overwrite(self.data.len()).unwrap_or_else(|| no_memory(self.data.len()));
        data.copy_from_slice(&self.data);
        Image { data, ..*self }
    }
}

/// The bytes of a `width`×`height` image of `channels`; a size no address space holds is
/// `usize::MAX`, which no allocator gives.
fn byte_len(width: u32, height: u32, channels: u8) -> usize {
    (width as usize).checked_mul(height as usize).and_then(|n| n.checked_mul(channels as usize)).unwrap_or(usize::MAX)
}

/// The error of an image whose memory the allocator refused.
fn allocation_failed(width: u32, height: u32, channels: u8) -> crate::core::Error {
    let bytes = (width as u64 * height as u64).saturating_mul(channels as u64);
    crate::core::Error::Limit {
        kind: crate::core::LimitKind::Memory,
        needed: bytes,
        limit: 0,
        message: format!(
            "cannot allocate {} for a {width}x{height} image: the system has no memory left for it \
             (stream the run with a smaller --max-memory, or free memory)",
            crate::memory::human(bytes)
        ),
    }
}

/// Ends the process as a failed allocation does (for callers with no way to report it).
fn no_memory(bytes: usize) -> ! {
    std::alloc::handle_alloc_error(
        std::alloc::Layout::array::<u8>(bytes.max(1)).unwrap_or(std::alloc::Layout::new::<u8>()),
    )
}

/// A dropped image's buffer serves the next image of its size (see [`pool`]).
impl Drop for Image {
    fn drop(&mut self) {
        pool::recycle(std::mem::take(&mut self.data));
    }
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Image({}x{}x{})", self.width, self.height, self.channels)
    }
}

/// Evaluates `$body` with `$c` a `const usize` equal to the channel count (3, else 4), so a
/// kernel generic over the channel count is picked once per call, not per pixel:
/// `with_channels!(img.channels(), |C| kernel::<C>(img))`.
macro_rules! with_channels {
    ($channels:expr, |$c:ident| $body:expr) => {
        match $channels {
            3 => {
                const $c: usize = 3;
                $body
            }
            _ => {
                const $c: usize = 4;
                $body
            }
        }
    };
}
pub(crate) use with_channels;

/// Channel count as a mode name, the way Pillow (and so the original) spells it.
pub fn mode_name(channels: u8) -> &'static str {
    match channels {
        3 => "RGB",
        4 => "RGBA",
        1 => "L",
        _ => "?",
    }
}

/// Large fresh buffers are zero pages until first written; on Linux, ask for transparent
/// huge pages so filling one faults once per 2 MiB instead of once per 4 KiB (a 40 MB image:
/// 20 faults instead of 10 000). Only advice: nothing changes where it is not honoured.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // madvise (libc)
fn advise_huge_pages(data: &[u8]) {
    const HUGE: usize = 2 << 20;
    if data.len() < 4 * HUGE {
        return;
    }
    let start = (data.as_ptr() as usize).next_multiple_of(HUGE);
    let end = (data.as_ptr() as usize + data.len()) / HUGE * HUGE;
    if end > start {
        // SAFETY: the range lies inside `data`'s allocation; MADV_HUGEPAGE changes no contents.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_: &[u8]) {}

impl Image {
    /// A zero-filled image (black, or transparent black for RGBA). The process ends, as on
    /// any failed allocation, when memory cannot be had: [`Image::try_new`] reports it.
    pub fn new(width: u32, height: u32, channels: u8) -> Image {
        Image::try_new(width, height, channels).unwrap_or_else(|_| no_memory(byte_len(width, height, channels)))
    }

    /// A zero-filled image, or [`Error::Limit`] when the system cannot give its memory.
    pub fn try_new(width: u32, height: u32, channels: u8) -> crate::core::Result<Image> {
        assert!(channels == 3 || channels == 4, "images have 3 or 4 channels");
        let data = pool::zeroed(byte_len(width, height, channels))
            .ok_or_else(|| allocation_failed(width, height, channels))?;
        advise_huge_pages(&data);
        Ok(Image { width, height, channels, data })
    }

    /// An image whose bytes the caller overwrites, every one (see [`pool::for_overwrite`]),
    /// or [`Error::Limit`] when the system cannot give its memory: the inputs a decoder
    /// fills and every step's output come from here, so a run beyond the memory the system
    /// really has (an estimate that was wrong, memory taken meanwhile) fails with exit 2
    /// rather than aborting.
    pub(crate) fn for_overwrite(width: u32, height: u32, channels: u8) -> crate::core::Result<Image> {
        assert!(channels == 3 || channels == 4, "images have 3 or 4 channels");
        let data = pool::for_overwrite(byte_len(width, height, channels))
            .ok_or_else(|| allocation_failed(width, height, channels))?;
        advise_huge_pages(&data);
        Ok(Image { width, height, channels, data })
    }

    /// An image whose every pixel is `pixel` (its length is the channel count).
    pub fn filled(width: u32, height: u32, pixel: &[u8]) -> Image {
        let channels = pixel.len() as u8;
        let mut out = Image::new(width, height, channels);
        let row: Vec<u8> = pixel.iter().copied().cycle().take(out.stride()).collect();
        if !row.is_empty() {
            out.data.par_chunks_mut(row.len()).for_each(|r| r.copy_from_slice(&row));
        }
        out
    }

    /// Wraps packed row-major bytes; `None` if the length does not match.
    pub fn from_raw(width: u32, height: u32, channels: u8, data: Vec<u8>) -> Option<Image> {
        let ok = (channels == 3 || channels == 4) && data.len() == width as usize * height as usize * channels as usize;
        ok.then_some(Image { width, height, channels, data })
    }

    pub fn width(&self) -> u32 {
        self.width
    }
    pub fn height(&self) -> u32 {
        self.height
    }
    pub fn channels(&self) -> u8 {
        self.channels
    }
    pub fn mode(&self) -> &'static str {
        mode_name(self.channels)
    }
    /// Bytes per row.
    pub fn stride(&self) -> usize {
        self.width as usize * self.channels as usize
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }
    pub fn as_bytes_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }
    pub fn into_raw(mut self) -> Vec<u8> {
        std::mem::take(&mut self.data)
    }

    pub fn row(&self, y: u32) -> &[u8] {
        let s = self.stride();
        &self.data[y as usize * s..(y as usize + 1) * s]
    }
    pub fn row_mut(&mut self, y: u32) -> &mut [u8] {
        let s = self.stride();
        &mut self.data[y as usize * s..(y as usize + 1) * s]
    }
    /// Iterator over rows as slices.
    pub fn rows(&self) -> std::slice::ChunksExact<'_, u8> {
        self.data.chunks_exact(self.stride().max(1))
    }
    pub fn rows_mut(&mut self) -> std::slice::ChunksExactMut<'_, u8> {
        let s = self.stride().max(1);
        self.data.chunks_exact_mut(s)
    }
    pub fn pixel(&self, x: u32, y: u32) -> &[u8] {
        let c = self.channels as usize;
        let i = (y as usize * self.width as usize + x as usize) * c;
        &self.data[i..i + c]
    }
    pub fn pixel_mut(&mut self, x: u32, y: u32) -> &mut [u8] {
        let c = self.channels as usize;
        let i = (y as usize * self.width as usize + x as usize) * c;
        &mut self.data[i..i + c]
    }

    /// A borrowed view of the whole image.
    pub fn view(&self) -> ImageView<'_> {
        ImageView {
            width: self.width,
            height: self.height,
            channels: self.channels,
            stride: self.stride(),
            data: &self.data,
        }
    }

    /// Converts to `channels` with Pillow's rules: RGB→RGBA adds alpha 255, RGBA→RGB drops
    /// alpha (no compositing). Same channel count: returns `self` unchanged (no copy).
    pub fn into_channels(self, channels: u8) -> Image {
        if channels == self.channels {
            return self;
        }
        self.to_channels(channels)
    }

    /// Like [`Image::into_channels`] but borrowing: always allocates the converted image.
    pub fn to_channels(&self, channels: u8) -> Image {
        assert!(channels == 3 || channels == 4, "images have 3 or 4 channels");
        if channels == self.channels {
            return self.clone();
        }
        // Whole rows per task, on the pool: the output is written once, by both cores.
        let mut out = Image::new(self.width, self.height, channels);
        let (src_stride, dst_stride) = (self.stride(), out.stride());
        if src_stride == 0 {
            return out;
        }
        let rows_per_task = (64usize << 10).div_ceil(dst_stride).max(1);
        out.data
            .par_chunks_mut(dst_stride * rows_per_task)
            .zip(self.data.par_chunks(src_stride * rows_per_task))
            .for_each(|(dst, src)| {
                convert_pixels(src, dst, channels);
            });
        out
    }

    /// Copies `src` with its top-left corner at (`x`, `y`), clipped to this image. Pixels
    /// are replaced, not blended; channel counts must match.
    pub fn paste(&mut self, src: &ImageView<'_>, x: i64, y: i64) {
        assert_eq!(src.channels, self.channels, "paste needs equal channel counts");
        let c = self.channels as usize;
        let x0 = x.max(0);
        let x1 = (x + src.width as i64).min(self.width as i64);
        if x0 >= x1 {
            return;
        }
        // Destination rows [first, last), row by row in parallel.
        let first = y.max(0);
        let last = (y + src.height as i64).min(self.height as i64);
        if first >= last {
            return;
        }
        let stride = self.stride();
        let (s0, len, d0) = (((x0 - x) as usize) * c, ((x1 - x0) as usize) * c, x0 as usize * c);
        let rows = &mut self.data[first as usize * stride..last as usize * stride];
        rows.par_chunks_mut(stride).enumerate().for_each(|(k, drow)| {
            let srow = src.row((first - y) as u32 + k as u32);
            drow[d0..d0 + len].copy_from_slice(&srow[s0..s0 + len]);
        });
    }

    /// A copy of the rectangle `[x, x+w) × [y, y+h)` (must lie inside the image).
    pub fn crop(&self, x: u32, y: u32, w: u32, h: u32) -> Image {
        self.view().region(x, y, w, h).to_image()
    }
}

/// A borrowed rectangular region of an image: rows may be further apart than their width
/// (`stride`), so bands and crops are views, not copies.
#[derive(Clone, Copy)]
pub struct ImageView<'a> {
    width: u32,
    height: u32,
    channels: u8,
    stride: usize,
    data: &'a [u8],
}

impl<'a> ImageView<'a> {
    pub fn width(&self) -> u32 {
        self.width
    }
    pub fn height(&self) -> u32 {
        self.height
    }
    pub fn channels(&self) -> u8 {
        self.channels
    }
    pub fn row(&self, y: u32) -> &'a [u8] {
        let start = y as usize * self.stride;
        &self.data[start..start + self.width as usize * self.channels as usize]
    }
    /// The sub-rectangle `[x, x+w) × [y, y+h)`; panics if it leaves the view.
    pub fn region(&self, x: u32, y: u32, w: u32, h: u32) -> ImageView<'a> {
        assert!(x + w <= self.width && y + h <= self.height, "region outside the view");
        let c = self.channels as usize;
        let start = y as usize * self.stride + x as usize * c;
        let end = if h == 0 { start } else { start + (h as usize - 1) * self.stride + w as usize * c };
        ImageView { width: w, height: h, channels: self.channels, stride: self.stride, data: &self.data[start..end] }
    }
    /// Rows `[y0, y1)` as a view.
    pub fn band(&self, y0: u32, y1: u32) -> ImageView<'a> {
        self.region(0, y0, self.width, y1 - y0)
    }
    /// Copies the view into a packed owned image (the one place a view becomes a copy).
    pub fn to_image(&self) -> Image {
        let mut data = Vec::with_capacity(self.width as usize * self.height as usize * self.channels as usize);
        for y in 0..self.height {
            data.extend_from_slice(self.row(y));
        }
        Image { width: self.width, height: self.height, channels: self.channels, data }
    }
}

/// Rows `first..first + n` of a `width`-wide image, packed: as [`Band`] the input a step
/// reads when it streams (the rows its footprint names), as [`BandMut`] the band of output it
/// fills. Rows are addressed by their number in the whole image, so a kernel reads
/// `src.row(y)` the same way for one band as for the whole image (`Band::whole`).
#[derive(Clone, Copy)]
pub struct Rows<D> {
    width: u32,
    channels: u8,
    first: u32,
    data: D,
}

/// Rows read (see [`Rows`]).
pub type Band<'a> = Rows<&'a [u8]>;
/// Rows being filled (see [`Rows`]).
pub type BandMut<'a> = Rows<&'a mut [u8]>;

impl<D: AsRef<[u8]>> Rows<D> {
    /// `data` holds whole rows of `width` × `channels` bytes, the first of them row `first`.
    pub fn new(width: u32, channels: u8, first: u32, data: D) -> Rows<D> {
        let stride = width as usize * channels as usize;
        assert!(data.as_ref().len().is_multiple_of(stride.max(1)), "a band holds whole rows");
        Rows { width, channels, first, data }
    }
    pub fn width(&self) -> u32 {
        self.width
    }
    pub fn channels(&self) -> u8 {
        self.channels
    }
    pub fn stride(&self) -> usize {
        self.width as usize * self.channels as usize
    }
    /// The rows held, by their number in the image.
    pub fn rows(&self) -> std::ops::Range<u32> {
        let n = if self.stride() == 0 { 0 } else { self.data.as_ref().len() / self.stride() };
        self.first..self.first + n as u32
    }
}

impl<'a> Band<'a> {
    /// Every row of `img`.
    pub fn whole(img: &'a Image) -> Band<'a> {
        Band::new(img.width, img.channels, 0, &img.data)
    }
    /// Row `y` of the image (it must be held).
    pub fn row(&self, y: u32) -> &'a [u8] {
        let s = self.stride();
        let i = (y - self.first) as usize * s;
        &self.data[i..i + s]
    }
    pub fn bytes(&self) -> &'a [u8] {
        self.data
    }
    /// Rows `rows` (held), packed.
    pub fn rows_bytes(&self, rows: std::ops::Range<u32>) -> &'a [u8] {
        let s = self.stride();
        &self.data[(rows.start - self.first) as usize * s..(rows.end - self.first) as usize * s]
    }
}

impl<'a> BandMut<'a> {
    /// Every row of `img`.
    pub fn whole(img: &'a mut Image) -> BandMut<'a> {
        BandMut::new(img.width, img.channels, 0, &mut img.data)
    }
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        self.data
    }
    pub fn into_bytes(self) -> &'a mut [u8] {
        self.data
    }
    /// Copies this band's rows from `src` (same width; it holds them), converted to this
    /// band's channel count with Pillow's rules when they differ.
    pub fn copy_rows(&mut self, src: Band<'_>) {
        let rows = self.rows();
        if rows.is_empty() {
            return;
        }
        let s = src.stride();
        let from = &src.data[(rows.start - src.first) as usize * s..(rows.end - src.first) as usize * s];
        if src.channels == self.channels {
            self.data.copy_from_slice(from);
        } else {
            let (dst_stride, channels) = (self.stride(), self.channels);
            let per_task = (64usize << 10).div_ceil(dst_stride).max(1);
            self.data
                .par_chunks_mut(dst_stride * per_task)
                .zip(from.par_chunks(s * per_task))
                .for_each(|(d, s)| convert_pixels(s, d, channels));
        }
    }
    /// Runs `f(y, row)` for every row of the band (`y` its number in the image), in
    /// parallel in tasks of at least 64 KiB; rows never share bytes, so the result does
    /// not depend on the number of threads.
    pub fn par_rows(self, f: impl Fn(u32, &mut [u8]) + Sync + Send) {
        let (stride, first) = (self.stride(), self.first);
        if stride == 0 {
            return;
        }
        self.data
            .par_chunks_mut(stride)
            .enumerate()
            .with_min_len((64 * 1024 / stride).max(1))
            .for_each(|(i, row)| f(first + i as u32, row));
    }
    /// [`BandMut::par_rows`] for a row function that can fail (the first error is returned).
    pub fn try_par_rows<S: Send>(
        self,
        init: impl Fn() -> S + Sync + Send,
        f: impl Fn(&mut S, u32, &mut [u8]) -> crate::core::Result<()> + Sync + Send,
    ) -> crate::core::Result<()> {
        let (stride, first) = (self.stride(), self.first);
        if stride == 0 {
            return Ok(());
        }
        self.data
            .par_chunks_mut(stride)
            .enumerate()
            .with_min_len((64 * 1024 / stride).max(1))
            .try_for_each_init(init, |s, (i, row)| f(s, first + i as u32, row))
    }
}

/// Runs `f(index, band)` over consecutive `band_len`-byte bands of `data` in parallel, with
/// tasks of at least 64 KiB. Bands never share bytes, so the result does not depend on the
/// number of threads.
pub(crate) fn par_bands(data: &mut [u8], band_len: usize, f: impl Fn(usize, &mut [u8]) + Sync + Send) {
    if band_len == 0 {
        return;
    }
    data.par_chunks_mut(band_len).enumerate().with_min_len(bands_per_task(band_len)).for_each(|(i, band)| f(i, band));
}

/// Runs `f(first_row, rows)` over bands of whole `stride`-byte rows of `data`, about 64 KiB
/// each, in parallel (one band's scratch buffers serve all its rows).
pub(crate) fn par_row_bands(data: &mut [u8], stride: usize, f: impl Fn(usize, &mut [u8]) + Sync + Send) {
    let rows = bands_per_task(stride);
    par_bands(data, stride * rows, |i, band| f(i * rows, band));
}

/// How many `band_len`-byte bands one parallel task takes so it touches at least 64 KiB
/// (docs/design.md §6: smaller tasks cost more in scheduling than they gain).
pub(crate) fn bands_per_task(band_len: usize) -> usize {
    (64 * 1024 / band_len.max(1)).max(1)
}

/// Writes `px` (3 or 4 bytes: one pixel) over every pixel of `dst`: a fixed-size store per
/// pixel, where `copy_from_slice` of a slice whose length is known only at run time is a
/// call to memmove per pixel.
#[inline]
pub(crate) fn fill_pixels(dst: &mut [u8], px: &[u8]) {
    fn fill<const C: usize>(dst: &mut [u8], px: &[u8]) {
        let px: [u8; C] = px.try_into().expect("one pixel");
        dst.chunks_exact_mut(C).for_each(|d| d.copy_from_slice(&px));
    }
    match px.len() {
        3 => fill::<3>(dst, px),
        4 => fill::<4>(dst, px),
        _ => dst.chunks_exact_mut(px.len().max(1)).for_each(|d| d.copy_from_slice(px)),
    }
}

/// `dst.copy_from_slice(src)` for the short runs of block and pixel kernels (a block row
/// of 8 RGB pixels is 24 bytes): eight bytes at a time inline, where a call to memmove
/// costs more than the copy (`perf` put half of the block operations' time in it).
#[inline(always)]
pub(crate) fn copy_short(dst: &mut [u8], src: &[u8]) {
    if dst.len() > 64 {
        return dst.copy_from_slice(src);
    }
    assert_eq!(dst.len(), src.len(), "copy between runs of different lengths");
    let (mut d, mut s) = (dst.chunks_exact_mut(8), src.chunks_exact(8));
    for (d, s) in (&mut d).zip(&mut s) {
        d.copy_from_slice(s);
    }
    for (d, s) in d.into_remainder().iter_mut().zip(s.remainder()) {
        *d = *s;
    }
}

/// Converts packed pixels to `channels` (3 or 4; `src` has the other count) with Pillow's
/// rules (see [`Image::into_channels`]): the one copy of the conversion, for whole images
/// and for rows.
#[inline]
pub fn convert_pixels(src: &[u8], dst: &mut [u8], channels: u8) {
    if channels == 4 {
        for (d, s) in dst.chunks_exact_mut(4).zip(src.chunks_exact(3)) {
            d.copy_from_slice(&[s[0], s[1], s[2], 255]);
        }
    } else {
        for (d, s) in dst.chunks_exact_mut(3).zip(src.chunks_exact(4)) {
            d.copy_from_slice(&s[..3]);
        }
    }
}

/// Pillow's 8-bit luma: `(19595 R + 38470 G + 7471 B + 32768) >> 16`.
#[inline]
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((19595 * r as u32 + 38470 * g as u32 + 7471 * b as u32 + 32768) >> 16) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory the system cannot give was an abort (exit 134); it is a limit error (exit 2).
    #[test]
    fn an_image_the_allocator_refuses_is_a_limit_error() {
        for e in
            [Image::try_new(1 << 31, 1 << 30, 4).unwrap_err(), Image::for_overwrite(u32::MAX, u32::MAX, 4).unwrap_err()]
        {
            assert!(matches!(e, crate::core::Error::Limit { kind: crate::core::LimitKind::Memory, .. }), "{e:?}");
            assert!(e.to_string().starts_with("cannot allocate"), "{e}");
            assert_eq!(e.exit_code(), 2);
        }
        assert_eq!(Image::try_new(3, 2, 4).unwrap().as_bytes(), [0; 24]);
    }

    #[test]
    fn channel_conversion_follows_pillow() {
        let rgb = Image::from_raw(2, 1, 3, vec![1, 2, 3, 4, 5, 6]).unwrap();
        let rgba = rgb.to_channels(4);
        assert_eq!(rgba.as_bytes(), &[1, 2, 3, 255, 4, 5, 6, 255]);
        assert_eq!(rgba.into_channels(3).as_bytes(), &[1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn views_are_strided_regions() {
        let img = Image::from_raw(3, 3, 3, (0..27).collect()).unwrap();
        let v = img.view().region(1, 1, 2, 2);
        assert_eq!(v.row(0), &[12, 13, 14, 15, 16, 17]);
        assert_eq!(v.to_image().as_bytes(), &[12, 13, 14, 15, 16, 17, 21, 22, 23, 24, 25, 26]);
        let mut dst = Image::new(3, 3, 3);
        dst.paste(&v, 2, -1);
        assert_eq!(dst.row(0), &[0, 0, 0, 0, 0, 0, 21, 22, 23]);
    }

    #[test]
    fn luma_matches_pillow_examples() {
        assert_eq!(luma(200, 100, 50), 124);
        assert_eq!(luma(0, 0, 255), 29);
    }
}
