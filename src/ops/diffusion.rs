//! Floyd–Steinberg error diffusion as a wavefront over rows, on several threads, with the
//! sequential loop's exact float32 results.
//!
//! Pixel `x` of row `y` pushes its error right (into `x + 1` of its own row) and down (into
//! `x − 1`, `x`, `x + 1` of row `y + 1`). So row `y + 1` can quantise pixel `q` once row `y`
//! has finished pixels up to `q + 1`: every value of `q` then holds the same sum, added in the
//! same order, as in the sequential loop (the three pushes from above, then the push from the
//! left). Row `k` runs on thread `k mod T`, left to right, publishing how far it got; row
//! `k + 1` waits until row `k` is three pixels ahead of what it touches (`q` and `q + 1`), so
//! the two never touch the same value at the same time.
//!
//! The rows of working values are a ring of `T + 1` rows shared by the threads: row `k`'s
//! values are slot `k mod (T + 1)`. Row `k` loads the input of row `k + 1` into the next slot
//! before it publishes any progress; that slot's last user, row `k − T`, ran on the same
//! thread and has finished.

// The ring is written by two threads at once, at places the protocol above keeps apart: raw
// pointers, with the atomics ordering the accesses.
#![allow(unsafe_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

/// Pixels a row quantises between two publications of its progress.
const CHUNK: usize = 128;

/// The ring of working rows.
struct Ring {
    values: *mut f32,
    /// Values per row (pixels × channels).
    len: usize,
    slots: usize,
}

// SAFETY: threads access the ring only through `Ring::slot` pointers, at elements the
// wavefront keeps apart (see the module docs); `done` orders the accesses (release/acquire).
unsafe impl Sync for Ring {}

impl Ring {
    fn slot(&self, row: usize) -> *mut f32 {
        // SAFETY: within the allocation of `slots × len` values.
        unsafe { self.values.add((row % self.slots) * self.len) }
    }
}

/// Where a run's rows are, `stride` bytes each. `input` is row 0's successor rows: row
/// `k + 1`'s bytes at `input + k · stride`, for the `after` rows that exist. `output` takes
/// row `k`'s quantised bytes at `output + k · stride`. The two may be the same memory: each
/// input row is read whole before its row is quantised.
#[derive(Clone, Copy)]
struct Rows {
    input: *const u8,
    output: *mut u8,
    stride: usize,
    after: usize,
}

// SAFETY: row `k`'s output is written by one thread only; input rows are only read, each
// before its output row is written (the wavefront orders the two).
unsafe impl Sync for Rows {}

/// Diffuses the `out.len() / stride` rows of `out` (quantised by `quantise`, float32 values of
/// `channels` interleaved channels). `carried` holds the first row's values (its bytes plus
/// the errors pushed into it from above) and, on return, those of the row after the last one
/// when `after` has it. `after` holds the input rows that follow the first (row `k + 1` at
/// `k · stride`): as many as there are rows, or one fewer at the image's end.
pub(crate) fn diffuse(
    carried: &mut [f32],
    after: &[u8],
    out: &mut [u8],
    channels: usize,
    quantise: &(impl Fn(f32) -> u8 + Sync),
    threads: usize,
) {
    let stride = carried.len();
    let rows = Rows { input: after.as_ptr(), output: out.as_mut_ptr(), stride, after: after.len() / stride };
    run(carried, rows, out.len() / stride, channels, quantise, threads);
}

/// [`diffuse`] over a whole image in place: `pixels` are its rows, quantised where they are.
pub(crate) fn diffuse_in_place(
    pixels: &mut [u8],
    stride: usize,
    channels: usize,
    quantise: &(impl Fn(f32) -> u8 + Sync),
    threads: usize,
) {
    let n = pixels.len() / stride;
    if n == 0 {
        return;
    }
    let mut carried = Vec::with_capacity(stride);
    load_f32(&pixels[..stride], &mut carried);
    let output = pixels.as_mut_ptr();
    // SAFETY: row 1 starts within (or one past) the buffer.
    let input = unsafe { output.add(stride) } as *const u8;
    run(&mut carried, Rows { input, output, stride, after: n - 1 }, n, channels, quantise, threads);
}

/// Bytes as float32 values, into `dst`: a row's working values before any error is pushed in.
pub(crate) fn load_f32(row: &[u8], dst: &mut Vec<f32>) {
    dst.clear();
    dst.extend(row.iter().map(|&v| v as f32));
}

fn run(
    carried: &mut [f32],
    rows: Rows,
    n: usize,
    channels: usize,
    quantise: &(impl Fn(f32) -> u8 + Sync),
    threads: usize,
) {
    if n == 0 {
        return;
    }
    let threads = threads.clamp(1, n);
    let len = carried.len();
    let mut values = vec![0f32; (threads + 1) * len];
    values[..len].copy_from_slice(carried);
    let ring = Ring { values: values.as_mut_ptr(), len, slots: threads + 1 };
    let done: Vec<AtomicUsize> = (0..n).map(|_| AtomicUsize::new(0)).collect();
    let thread = |t: usize| {
        for k in (t..n).step_by(threads) {
            row(&ring, rows, k, channels, quantise, &done);
        }
    };
    if threads == 1 {
        thread(0);
    } else {
        let thread = &thread;
        std::thread::scope(|s| {
            for t in 0..threads {
                s.spawn(move || thread(t));
            }
        });
    }
    if rows.after >= n {
        // SAFETY: every thread has ended; slot `n` holds the values of the row after the last.
        let next = unsafe { std::slice::from_raw_parts(ring.slot(n), len) };
        carried.copy_from_slice(next);
    }
}

/// Quantises row `k`, pushing its errors right and into row `k + 1`.
fn row(ring: &Ring, rows: Rows, k: usize, c: usize, quantise: &impl Fn(f32) -> u8, done: &[AtomicUsize]) {
    let len = ring.len;
    let w = len / c;
    let (cur, next) = (ring.slot(k), ring.slot(k + 1));
    let below = k < rows.after;
    if below {
        for i in 0..len {
            // SAFETY: input row `k + 1` exists (`k < after`); the next slot is this row's
            // alone until it publishes progress (module docs).
            unsafe { next.add(i).write(*rows.input.add(k * rows.stride + i) as f32) };
        }
    }
    // SAFETY: row `k`'s output is this thread's alone.
    let out = unsafe { rows.output.add(k * rows.stride) };
    let add = |p: *mut f32, v: f32| {
        // SAFETY: `p` is in the ring, at a value no other thread touches now (module docs).
        unsafe { p.write(p.read() + v) }
    };
    let mut x0 = 0;
    while x0 < w {
        let x1 = (x0 + CHUNK).min(w);
        if k > 0 {
            wait(&done[k - 1], (x1 + 2).min(w));
        }
        for x in x0..x1 {
            for i in x * c..(x + 1) * c {
                // SAFETY: `i` and its neighbours are within the row (checked against `w`).
                unsafe {
                    let old = cur.add(i).read();
                    let new = quantise(old);
                    out.add(i).write(new);
                    let err = old - new as f32;
                    if x + 1 < w {
                        add(cur.add(i + c), err * (7.0 / 16.0));
                    }
                    if below {
                        if x > 0 {
                            add(next.add(i - c), err * (3.0 / 16.0));
                        }
                        add(next.add(i), err * (5.0 / 16.0));
                        if x + 1 < w {
                            add(next.add(i + c), err * (1.0 / 16.0));
                        }
                    }
                }
            }
        }
        done[k].store(x1, Ordering::Release);
        x0 = x1;
    }
}

/// Waits until the row above has finished `pixels` pixels.
fn wait(progress: &AtomicUsize, pixels: usize) {
    let mut spins = 0u32;
    while progress.load(Ordering::Acquire) < pixels {
        if spins < 2000 {
            std::hint::spin_loop();
            spins += 1;
        } else {
            std::thread::yield_now();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::synth;

    /// Quantises to 4 levels.
    fn q(v: f32) -> u8 {
        ((v / 85.0).round_ties_even().clamp(0.0, 3.0) * 85.0) as u8
    }

    #[test]
    fn any_thread_count_and_any_band_split_give_the_same_bytes() {
        for (w, h) in [(1, 5), (37, 23), (3 * CHUNK as u32 + 5, 9)] {
            let img = synth::noise(w, h, 4, 7);
            let stride = img.stride();
            let mut reference = img.as_bytes().to_vec();
            diffuse_in_place(&mut reference, stride, 4, &q, 1);
            assert_ne!(reference, img.as_bytes());
            for threads in 2..=4 {
                let mut out = img.as_bytes().to_vec();
                diffuse_in_place(&mut out, stride, 4, &q, threads);
                assert!(out == reference, "{w}x{h}, {threads} threads");
            }
            // Bands of 2 rows, the working row carried from band to band.
            let mut carried = Vec::new();
            load_f32(img.row(0), &mut carried);
            let mut out = vec![0u8; img.as_bytes().len()];
            for start in (0..h as usize).step_by(2) {
                let end = (start + 2).min(h as usize);
                let after = &img.as_bytes()[(start + 1) * stride..((end + 1).min(h as usize)) * stride];
                diffuse(&mut carried, after, &mut out[start * stride..end * stride], 4, &q, 2);
            }
            assert!(out == reference, "{w}x{h} in bands");
        }
    }
}
