//! Bit-exact ports of the two random number generators the original
//! pixel-perfect (Python/NumPy) used, so that seeded runs reproduce it
//! exactly (docs/spec.md §1.10).
//!
//! * [`PyRandom`] — CPython's `random.Random` (MT19937, `init_by_array`
//!   seeding over the 32-bit limbs of `abs(seed)`, `getrandbits`,
//!   `_randbelow_with_getrandbits`, `random`, `shuffle`, `sample`), as in
//!   CPython 3.11 (unchanged in 3.12/3.13 for these functions).
//! * [`NpRandomState`] — NumPy's legacy `np.random.RandomState` (the global
//!   generator behind `np.random.seed` / `randint` / `uniform`), as in NumPy
//!   2.3.2: `init_genrand` integer seeding, masked-rejection bounded integers
//!   and the 53-bit double.
//!
//! The two generators are independent (as in the original, where Python's
//! `random` and NumPy keep separate state).
//!
//! std only; no external crates.

/// Number of 32-bit words in the MT19937 state.
const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937 state shared by both ports (identical core generator in CPython's
/// `_randommodule.c` and NumPy's `mt19937.c`; they differ only in seeding and
/// in how outputs are consumed).
#[derive(Clone)]
pub struct Mt19937 {
    mt: [u32; N],
    index: usize,
}

impl std::fmt::Debug for Mt19937 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mt19937").field("index", &self.index).finish_non_exhaustive()
    }
}

/// MT19937's output tempering.
#[inline]
fn temper(mut y: u32) -> u32 {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^ (y >> 18)
}

impl Mt19937 {
    /// `init_genrand(s)`: the reference integer seeding (NumPy's legacy
    /// `mt19937_seed` for an int seed).
    pub fn from_u32(seed: u32) -> Mt19937 {
        let mut mt = [0u32; N];
        mt[0] = seed;
        for i in 1..N {
            mt[i] = 1_812_433_253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        Mt19937 { mt, index: N }
    }

    /// `init_by_array(key)`: the reference array seeding (CPython's
    /// `random.seed(int)`). An empty key is treated as `[0]`.
    pub fn from_key(key: &[u32]) -> Mt19937 {
        let zero = [0u32];
        let key: &[u32] = if key.is_empty() { &zero } else { key };
        let mut s = Mt19937::from_u32(19_650_218);
        let mt = &mut s.mt;
        let mut i = 1usize;
        let mut j = 0usize;
        let mut k = N.max(key.len());
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        s.index = N;
        s
    }

    fn twist(&mut self) {
        let mt = &mut self.mt;
        for kk in 0..N {
            let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
            let mag = if y & 1 != 0 { MATRIX_A } else { 0 };
            mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// The word at `kk` after a twist, for `kk < N - M` (it only reads words the twist has not
    /// yet replaced).
    #[inline]
    fn twisted(mt: &[u32], kk: usize) -> u32 {
        let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        let mag = if y & 1 != 0 { MATRIX_A } else { 0 };
        mt[kk + M] ^ (y >> 1) ^ mag
    }

    /// `genrand_uint32`: next tempered 32-bit output.
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let y = self.mt[self.index];
        self.index += 1;
        temper(y)
    }

    /// 53-bit double in [0, 1) from two outputs:
    /// `((a >> 5) * 2^26 + (b >> 6)) / 2^53` (same in CPython and NumPy).
    #[inline]
    pub fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

// ---------------------------------------------------------------------------
// CPython random.Random
// ---------------------------------------------------------------------------

/// CPython's `random.Random` (the module-level `random.*` functions).
#[derive(Clone, Debug)]
pub struct PyRandom {
    mt: Mt19937,
}

impl PyRandom {
    /// `random.seed(n)` for a Python int `n` (CPython: `init_by_array` over
    /// the 32-bit limbs of `abs(n)`, little-endian; 0 → key `[0]`).
    /// Note `seed(-5)` ≡ `seed(5)`, as in CPython.
    pub fn new(seed: i64) -> PyRandom {
        let a = seed.unsigned_abs();
        let lo = a as u32;
        let hi = (a >> 32) as u32;
        if hi != 0 {
            PyRandom::from_abs_limbs(&[lo, hi])
        } else {
            PyRandom::from_abs_limbs(&[lo])
        }
    }

    /// `random.seed(n)` for an arbitrary-size Python int given as the 32-bit
    /// limbs of `abs(n)`, least significant first. High zero limbs are
    /// ignored (CPython uses the minimal limb count); empty → `seed(0)`.
    pub fn from_abs_limbs(limbs: &[u32]) -> PyRandom {
        let mut len = limbs.len();
        while len > 1 && limbs[len - 1] == 0 {
            len -= 1;
        }
        PyRandom { mt: Mt19937::from_key(&limbs[..len]) }
    }

    /// Re-seed in place (`random.seed(n)`).
    pub fn seed(&mut self, seed: i64) {
        *self = PyRandom::new(seed);
    }

    /// Access to the underlying generator.
    pub fn mt(&mut self) -> &mut Mt19937 {
        &mut self.mt
    }

    /// `random.getrandbits(k)` for `k <= 64`. `k == 0` returns 0 without
    /// consuming output (CPython ≥ 3.9).
    pub fn getrandbits(&mut self, k: u32) -> u64 {
        assert!(k <= 64, "getrandbits: k must be <= 64");
        if k == 0 {
            0
        } else if k <= 32 {
            (self.mt.next_u32() >> (32 - k)) as u64
        } else {
            // Words are filled least significant first; the last (partial)
            // word drops its least significant bits.
            let lo = self.mt.next_u32() as u64;
            let hi = (self.mt.next_u32() >> (64 - k)) as u64;
            (hi << 32) | lo
        }
    }

    /// CPython `_randbelow_with_getrandbits(n)`: draw `getrandbits(bitlen(n))`
    /// until the value is `< n`. For `n == 0` (where CPython would loop
    /// forever / callers raise) this returns 0 without drawing.
    pub fn randbelow(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `random.random()`: 53-bit float in [0, 1).
    pub fn random(&mut self) -> f64 {
        self.mt.next_f64()
    }

    /// `random.shuffle(x)` (CPython 3.11+): for `i` from `len-1` down to 1,
    /// `j = randbelow(i+1)`, swap `x[i]`, `x[j]`.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// `random.sample(list(range(n)), k)`: the `k` chosen population elements
    /// in CPython's order. Uses CPython's pool branch when
    /// `n <= setsize` (`setsize = 21`, plus `4 ** ceil(log(3k, 4))` when
    /// `k > 5`) and the set (reselection) branch otherwise.
    ///
    /// Panics if `k > n` (CPython raises `ValueError`).
    pub fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        assert!(k <= n, "Sample larger than population or is negative");
        let mut result = Vec::with_capacity(k);
        if (n as u128) <= sample_setsize(k) {
            // Invariant: non-selected elements at pool[0 .. n-i].
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        result
    }
}

/// CPython `sample`'s `setsize` rule, with the exponent computed through the
/// same float path as `math.ceil(math.log(k * 3, 4))` (libm `log(3k) /
/// log(4)`). Saturates instead of overflowing.
fn sample_setsize(k: usize) -> u128 {
    let mut setsize: u128 = 21;
    if k > 5 {
        let x = (k as f64) * 3.0; // PyLong_AsDouble(k*3); exact below 2^53
        let e = (x.ln() / 4.0f64.ln()).ceil();
        let add = if e >= 63.0 { u128::MAX / 2 } else { 4u128.pow(e as u32) };
        setsize = setsize.saturating_add(add);
    }
    setsize
}

// ---------------------------------------------------------------------------
// NumPy legacy RandomState
// ---------------------------------------------------------------------------

/// NumPy's legacy `np.random.RandomState` (what `np.random.seed`,
/// `np.random.randint` and `np.random.uniform` use), NumPy 2.3.2.
#[derive(Clone, Debug)]
pub struct NpRandomState {
    mt: Mt19937,
}

/// Smallest all-ones bit mask `>= max` (NumPy `gen_mask`).
#[inline]
fn gen_mask(max: u64) -> u64 {
    let mut mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    mask
}

impl NpRandomState {
    /// `np.random.seed(s)` for an int `s` in `[0, 2^32-1]`:
    /// `_legacy_seeding` → `mt19937_seed(state, s)`, i.e. the reference
    /// `init_genrand(s)` (not `init_by_array`), position 624.
    pub fn new(seed: u32) -> NpRandomState {
        NpRandomState { mt: Mt19937::from_u32(seed) }
    }

    /// Re-seed in place (`np.random.seed(s)`).
    pub fn seed(&mut self, seed: u32) {
        *self = NpRandomState::new(seed);
    }

    /// Access to the underlying generator.
    pub fn mt(&mut self) -> &mut Mt19937 {
        &mut self.mt
    }

    /// NumPy legacy `next_uint64`: two outputs, first is the high word.
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let hi = self.mt.next_u32() as u64;
        let lo = self.mt.next_u32() as u64;
        (hi << 32) | lo
    }

    /// `np.random.randint(low, high)` (default dtype int64, one value):
    /// `_rand_int64` → `random_bounded_uint64_fill(off=low, rng=high-1-low,
    /// cnt=1, use_masked=True)`:
    /// * `rng == 0` → `low`, no output consumed;
    /// * `rng <= 2^32-1` → masked rejection on single 32-bit outputs
    ///   (`(next_u32 & mask) > rng` → redraw; the "buffer" is unused for 32 bits);
    /// * otherwise masked rejection on 64-bit outputs (`hi << 32 | lo`).
    ///
    /// Panics if `low >= high` (NumPy raises `ValueError: low >= high`).
    pub fn randint(&mut self, low: i64, high: i64) -> i64 {
        assert!(low < high, "low >= high");
        let rng = (high as i128 - 1 - low as i128) as u64;
        let off = low as u64;
        let v = if rng == 0 {
            0
        } else if rng <= 0xFFFF_FFFF {
            let mask = gen_mask(rng) as u32;
            let rng32 = rng as u32;
            loop {
                let v = self.mt.next_u32() & mask;
                if v <= rng32 {
                    break v as u64;
                }
            }
        } else if rng == u64::MAX {
            self.next_u64()
        } else {
            let mask = gen_mask(rng);
            loop {
                let v = self.next_u64() & mask;
                if v <= rng {
                    break v;
                }
            }
        };
        off.wrapping_add(v) as i64
    }

    /// `np.random.seed(seed); np.random.randint(low, high)` without building the whole
    /// state: the first outputs after `init_genrand` only need the seeded words they twist
    /// (`k`, `k+1`, `k+M`), so seeding stops at `M + 1 + k` words and nothing else is
    /// twisted. Mosaic reseeds once per tile, where this is several times cheaper.
    pub fn randint_after_seed(seed: u32, low: i64, high: i64) -> i64 {
        assert!(low < high, "low >= high");
        let rng = (high as i128 - 1 - low as i128) as u64;
        if rng == 0 {
            return low;
        }
        if rng > 0xFFFF_FFFF {
            return NpRandomState::new(seed).randint(low, high);
        }
        let (mask, rng32) = (gen_mask(rng) as u32, rng as u32);
        let mut mt = [0u32; N];
        mt[0] = seed;
        let mut filled = 1;
        for k in 0..N - M {
            while filled <= k + M {
                mt[filled] =
                    1_812_433_253u32.wrapping_mul(mt[filled - 1] ^ (mt[filled - 1] >> 30)).wrapping_add(filled as u32);
                filled += 1;
            }
            let v = temper(Mt19937::twisted(&mt, k)) & mask;
            if v <= rng32 {
                return (low as u64).wrapping_add(v as u64) as i64;
            }
        }
        // 227 rejections in a row: practically impossible, but stay exact.
        NpRandomState::new(seed).randint(low, high)
    }

    /// `np.random.random_sample()`: `((a>>5)*67108864 + (b>>6)) / 9007199254740992`.
    pub fn random_sample(&mut self) -> f64 {
        self.mt.next_f64()
    }

    /// `np.random.uniform(low, high)`: `low + (high - low) * random_sample()`
    /// (the range is computed first, as NumPy's `random_uniform(lower, range)`).
    /// NumPy raises `OverflowError` if `high - low` is not finite; that check
    /// is left to the caller.
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        let range = high - low;
        low + range * self.mt.next_f64()
    }

    /// `np.random.uniform(low, high, size=out.len())` in C order. The array
    /// form (`cont(random_uniform, ...)` fill loop) draws exactly like repeated
    /// scalar calls (verified against NumPy 2.3.2).
    pub fn uniform_fill(&mut self, low: f64, high: f64, out: &mut [f64]) {
        let range = high - low;
        for v in out.iter_mut() {
            *v = low + range * self.mt.next_f64();
        }
    }
}

// ---------------------------------------------------------------------------
// OS seed
// ---------------------------------------------------------------------------

/// A seed drawn from the OS for unseeded runs (u32 so it is valid for both
/// generators: `random.seed` and `np.random.seed`). Mixes std's randomly keyed
/// `RandomState` hasher with the time, process id and a call counter.
pub fn os_seed() -> u32 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hash, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);

    let mut h = RandomState::new().build_hasher();
    if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        d.as_nanos().hash(&mut h);
    }
    std::process::id().hash(&mut h);
    COUNTER.fetch_add(1, Ordering::Relaxed).hash(&mut h);
    let local = 0u8;
    (&local as *const u8 as usize).hash(&mut h);
    let x = h.finish();
    (x ^ (x >> 32)) as u32
}

// ---------------------------------------------------------------------------
// Tests: reference values computed with CPython 3.11.7 and NumPy 2.3.2.
// ---------------------------------------------------------------------------
#[cfg(test)]
#[allow(clippy::type_complexity, clippy::needless_range_loop)]
mod tests {
    use super::*;

    fn wsum(v: &[usize]) -> usize {
        v.iter().enumerate().map(|(i, x)| i * x).sum()
    }

    // random.seed(s); [getrandbits(32) x5], random(), getrandbits(64),
    // getrandbits(40), getrandbits(7), getrandbits(33)
    #[test]
    fn py_getrandbits_and_random() {
        let cases: &[(i64, [u64; 5], f64, u64, u64, u64, u64)] = &[
            (
                42,
                [2746317213, 478163327, 107420369, 3184935163, 1181241943],
                0.24489185380347622,
                13585496030504862185,
                743469555623,
                94,
                8126849360,
            ),
            (
                0,
                [3626764237, 1654615998, 3255389356, 3823568514, 1806341205],
                0.04048437818077755,
                9431353882395063546,
                444468675045,
                117,
                7661356601,
            ),
            (
                1,
                [577090037, 2444712010, 3639700191, 3445702192, 3280387012],
                0.06310682188770933,
                9139164268605729673,
                497189547844,
                60,
                2798570523,
            ),
            (
                -5,
                [2675342405, 1097127993, 3185950873, 1539898300, 3415330359],
                0.6904468457583358,
                13648719601384375088,
                1016412736670,
                67,
                4419543791,
            ),
            (
                (1i64 << 40) + 3,
                [943978446, 261273136, 2359950418, 3580981848, 406355048],
                0.5664044691726678,
                16657318909746881573,
                853398945826,
                54,
                1005814068,
            ),
            (
                -(1i64 << 32),
                [485306839, 1508871100, 1794561286, 4014597330, 71624475],
                0.022821848181795,
                14861564313759884179,
                364051448673,
                107,
                6638335882,
            ),
        ];
        for &(seed, bits, rnd, b64, b40, b7, b33) in cases {
            let mut r = PyRandom::new(seed);
            let got: Vec<u64> = (0..5).map(|_| r.getrandbits(32)).collect();
            assert_eq!(got, bits, "seed {seed}");
            assert_eq!(r.random().to_bits(), rnd.to_bits(), "seed {seed}");
            assert_eq!(r.getrandbits(64), b64, "seed {seed}");
            assert_eq!(r.getrandbits(40), b40, "seed {seed}");
            assert_eq!(r.getrandbits(7), b7, "seed {seed}");
            assert_eq!(r.getrandbits(33), b33, "seed {seed}");
        }
        // seed 2**64 + 7 (three limbs) through the limb constructor
        let mut r = PyRandom::from_abs_limbs(&[7, 0, 1]);
        let got: Vec<u64> = (0..5).map(|_| r.getrandbits(32)).collect();
        assert_eq!(got, [4134331577, 364536972, 1405532956, 207176672, 3322737464]);
        assert_eq!(r.random().to_bits(), 0.45168677473192187f64.to_bits());
        // from_abs_limbs ignores high zero limbs
        let mut a = PyRandom::from_abs_limbs(&[42, 0, 0]);
        assert_eq!(a.getrandbits(32), 2746317213);
        // getrandbits(0) consumes nothing
        let mut r = PyRandom::new(42);
        assert_eq!(r.getrandbits(0), 0);
        assert_eq!(r.getrandbits(32), 2746317213);
    }

    // random.seed(123); [random._inst._randbelow(n) for n in ...], getrandbits(32)
    #[test]
    fn py_randbelow() {
        let mut r = PyRandom::new(123);
        let ns: [u64; 9] = [1, 2, 3, 10, 100, 1 << 32, (1 << 32) + 1, 1 << 40, 12345678901];
        let got: Vec<u64> = ns.iter().map(|&n| r.randbelow(n)).collect();
        assert_eq!(got, [0, 1, 0, 6, 34, 163868757, 1426778249, 115328833871, 685744792]);
        assert_eq!(r.getrandbits(32), 1448334525);
    }

    #[test]
    fn py_shuffle_spec_examples() {
        // RowShuffle: 8 rows, groups=8, seed 42
        let mut r = PyRandom::new(42);
        let mut l: Vec<usize> = (0..8).collect();
        r.shuffle(&mut l);
        assert_eq!(l, [3, 4, 6, 7, 2, 5, 0, 1]);
        // RowShuffle: 8 rows, groups=4, seed 1 (generator continues)
        let mut r = PyRandom::new(1);
        let mut a: Vec<usize> = (0..4).collect();
        r.shuffle(&mut a);
        let mut b: Vec<usize> = (4..8).collect();
        r.shuffle(&mut b);
        a.extend(b);
        assert_eq!(a, [3, 0, 2, 1, 7, 5, 4, 6]);
        // BlockShift scramble: 3x3, seed 1; block k -> position perm[k]
        let mut r = PyRandom::new(1);
        let mut perm: Vec<usize> = (0..9).collect();
        r.shuffle(&mut perm);
        assert_eq!(perm, [5, 6, 7, 4, 3, 0, 8, 1, 2]);
        let mut out = [0usize; 9];
        for k in 0..9 {
            out[perm[k]] = k;
        }
        assert_eq!(out, [5, 7, 8, 4, 3, 0, 1, 2, 6]); // spec: [5,7,8][4,3,0][1,2,6]
    }

    fn scramble(seed: i64, total: usize, m: usize) -> (Vec<usize>, Vec<usize>, u64) {
        let mut r = PyRandom::new(seed);
        let chosen = r.sample(total, m);
        let mut sh = chosen.clone();
        r.shuffle(&mut sh);
        let after = r.getrandbits(32);
        (chosen, sh, after)
    }

    #[test]
    fn py_block_scramble_spec_examples() {
        // 3x3 grid, seed 7, ratio 1.0
        let (c, s, after) = scramble(7, 9, 9);
        assert_eq!(c, [5, 2, 3, 8, 0, 4, 7, 6, 1]);
        assert_eq!(s, [2, 3, 4, 0, 6, 7, 1, 8, 5]);
        assert_eq!(after, 389609433);
        let mut out: Vec<usize> = (0..9).collect();
        for i in 0..c.len() {
            out[s[i]] = c[i];
        }
        assert_eq!(out, [8, 7, 5, 2, 3, 1, 0, 4, 6]);
        // 4x2 grid, seed 7, ratio 0.5
        let (c, s, after) = scramble(7, 8, 4);
        assert_eq!(c, [5, 1, 3, 0]);
        assert_eq!(s, [1, 0, 3, 5]);
        assert_eq!(after, 1570621944);
        let mut out: Vec<usize> = (0..8).collect();
        for i in 0..c.len() {
            out[s[i]] = c[i];
        }
        assert_eq!(out, [1, 5, 2, 3, 4, 0, 6, 7]);
    }

    #[test]
    fn py_sample_small_full() {
        // (seed, n, k, chosen, shuffled, getrandbits(32) afterwards)
        let cases: &[(i64, usize, usize, &[usize], &[usize], u64)] = &[
            (7, 30, 9, &[10, 4, 12, 20, 1, 2, 17, 3, 11], &[4, 12, 2, 1, 3, 17, 11, 20, 10], 389609433),
            (3, 30, 9, &[7, 18, 17, 4, 11, 19, 15, 20, 28], &[11, 19, 20, 28, 17, 4, 15, 7, 18], 2323465141),
            // set branch (n > setsize = 21)
            (11, 100, 5, &[57, 71, 99, 59, 65], &[99, 59, 57, 71, 65], 2705325689),
            (5, 1000, 3, &[637, 261, 759], &[759, 637, 261], 3609267711),
            (2, 24, 6, &[1, 2, 22, 11, 5, 9], &[11, 1, 9, 2, 5, 22], 2496252240),
            (2, 5, 5, &[0, 4, 3, 1, 2], &[4, 0, 1, 2, 3], 2606193617),
            (1, 10, 0, &[], &[], 577090037),
            (1, 1, 1, &[0], &[0], 2444712010),
        ];
        for &(seed, n, k, c, s, after) in cases {
            let got = scramble(seed, n, k);
            assert_eq!(got.0, c, "sample seed {seed} n {n} k {k}");
            assert_eq!(got.1, s, "shuffle seed {seed} n {n} k {k}");
            assert_eq!(got.2, after, "after seed {seed} n {n} k {k}");
        }
    }

    #[test]
    fn py_sample_large() {
        // (seed, n, k, chosen[..10], chosen[k-5..], wsum(chosen), shuffled[..10], wsum(shuffled), after)
        let cases: &[(i64, usize, usize, [usize; 10], [usize; 5], usize, [usize; 10], usize, u64)] = &[
            // pool branch (setsize = 21 + 4^6)
            (
                7,
                2000,
                600,
                [663, 1941, 308, 808, 1333, 98, 148, 1681, 1097, 192],
                [488, 224, 1916, 536, 103],
                174492628,
                [8, 1109, 188, 457, 1970, 1181, 1590, 88, 420, 1484],
                175061751,
                3969529356,
            ),
            // pool branch
            (
                9,
                200,
                60,
                [118, 156, 95, 68, 35, 47, 173, 1, 86, 128],
                [0, 31, 50, 155, 84],
                160191,
                [129, 141, 180, 115, 74, 105, 31, 84, 199, 173],
                145870,
                916662877,
            ),
            (
                0,
                60,
                60,
                [54, 24, 48, 56, 26, 2, 16, 32, 31, 25],
                [44, 36, 29, 33, 12],
                52766,
                [54, 21, 9, 59, 3, 8, 38, 56, 18, 22],
                51775,
                1935153793,
            ),
            // set branch (setsize = 21 + 4^5 = 1045 < 2000)
            (
                4,
                2000,
                100,
                [483, 621, 211, 1477, 811, 980, 317, 184, 136, 40],
                [1282, 574, 1062, 1094, 1327],
                4901525,
                [454, 1284, 1802, 1312, 533, 1172, 1929, 1861, 1094, 531],
                4549723,
                2051972003,
            ),
            // boundary: k=85 -> 3k=255 -> setsize 277 < 300 -> set branch
            (
                6,
                300,
                85,
                [293, 41, 248, 133, 18, 0, 74, 240, 191, 163],
                [43, 136, 231, 88, 9],
                548259,
                [23, 285, 185, 250, 100, 209, 94, 249, 241, 135],
                571058,
                2702382194,
            ),
            // k=86 -> 3k=258 -> setsize 1045 >= 300 -> pool branch
            (
                6,
                300,
                86,
                [293, 41, 248, 133, 18, 0, 74, 240, 191, 163],
                [95, 96, 280, 263, 299],
                569978,
                [133, 296, 220, 18, 98, 280, 182, 277, 100, 248],
                541615,
                3948250221,
            ),
            // k=21 -> setsize 85: n=86 set branch, n=85 pool branch
            (
                8,
                86,
                21,
                [29, 47, 48, 16, 24, 5, 10, 17, 31, 64],
                [49, 63, 73, 11, 2],
                8319,
                [63, 2, 73, 17, 48, 29, 5, 51, 58, 64],
                7635,
                2137092126,
            ),
            (
                8,
                85,
                21,
                [29, 47, 48, 16, 24, 5, 10, 17, 31, 64],
                [49, 63, 80, 73, 11],
                9761,
                [62, 5, 48, 80, 11, 64, 16, 63, 3, 24],
                8469,
                1453582679,
            ),
        ];
        for &(seed, n, k, c10, c5, cw, s10, sw, after) in cases {
            let (c, s, a) = scramble(seed, n, k);
            assert_eq!(c.len(), k);
            assert_eq!(&c[..10], &c10, "seed {seed} n {n} k {k}");
            assert_eq!(&c[k - 5..], &c5, "seed {seed} n {n} k {k}");
            assert_eq!(wsum(&c), cw, "seed {seed} n {n} k {k}");
            assert_eq!(&s[..10], &s10, "seed {seed} n {n} k {k}");
            assert_eq!(wsum(&s), sw, "seed {seed} n {n} k {k}");
            assert_eq!(a, after, "seed {seed} n {n} k {k}");
        }
    }

    #[test]
    fn py_sample_setsize_rule() {
        assert_eq!(sample_setsize(0), 21);
        assert_eq!(sample_setsize(5), 21);
        assert_eq!(sample_setsize(6), 21 + 64); // log4(18) = 2.08 -> 3
        assert_eq!(sample_setsize(21), 21 + 64); // log4(63) -> 3
        assert_eq!(sample_setsize(22), 21 + 256);
        assert_eq!(sample_setsize(85), 21 + 256);
        assert_eq!(sample_setsize(86), 21 + 1024);
    }

    // np.random.seed(s); [randint(0,10) x5], randint(0,36), randint(0,1),
    // randint(0,2**31), randint(0,2**32), randint(0,2**32+1), randint(0,2**40),
    // randint(-5,7), randint(-2**40,2**50), random_sample(), uniform(-1.5,2.5)
    #[test]
    fn np_randint_and_doubles() {
        let cases: &[(u32, [i64; 5], [i64; 8], f64, f64)] = &[
            (
                0,
                [5, 0, 3, 3, 7],
                [9, 0, 530702035, 2774094101, 1879422756, 377492290630, 3, 731554360642956],
                0.3834415188257777,
                1.6669001523306584,
            ),
            (
                5,
                [3, 6, 6, 0, 9],
                [8, 0, 385778404, 2627419879, 3289549211, 483262925470, -5, 876345087652044],
                0.18772122866125163,
                -1.1770349249405005,
            ),
            (
                4294967295,
                [3, 2, 7, 4, 0],
                [22, 0, 1162281466, 77050329, 4163996287, 530828646130, 6, 466977419033687],
                0.9845555560357949,
                0.15698578290163834,
            ),
            (
                12345,
                [2, 5, 1, 4, 9],
                [34, 0, 410361373, 4107320065, 1983958385, 257370495630, 4, 364331997879031],
                0.1549733560362071,
                2.069374917784534,
            ),
        ];
        for &(seed, tens, rest, rs, un) in cases {
            let mut g = NpRandomState::new(seed);
            let got: Vec<i64> = (0..5).map(|_| g.randint(0, 10)).collect();
            assert_eq!(got, tens, "seed {seed}");
            let got = [
                g.randint(0, 36),
                g.randint(0, 1),
                g.randint(0, 1 << 31),
                g.randint(0, 1 << 32),
                g.randint(0, (1 << 32) + 1),
                g.randint(0, 1 << 40),
                g.randint(-5, 7),
                g.randint(-(1 << 40), 1 << 50),
            ];
            assert_eq!(got, rest, "seed {seed}");
            assert_eq!(g.random_sample().to_bits(), rs.to_bits(), "seed {seed}");
            assert_eq!(g.uniform(-1.5, 2.5).to_bits(), un.to_bits(), "seed {seed}");
        }
        // np.random.seed(0); randint(0, 10) -> 5; get_state()[2] == 3 afterwards (two rejected draws)
        let mut g = NpRandomState::new(0);
        assert_eq!(g.randint(0, 10), 5);
        assert_eq!(g.mt().index, 3);
    }

    // np.random.seed(0); np.random.uniform(-63.75, 63.75, (2,3,4)).ravel()
    // (identical to 24 sequential scalar calls)
    #[test]
    fn np_uniform_fill() {
        let expect: [f64; 24] = [
            6.223721750733901,
            27.436644212483486,
            13.102330449134598,
            5.72260583210435,
            -9.73401308428965,
            18.60149941599866,
            -7.957630564006706,
            49.95105759971517,
            59.117001963881236,
            -14.861206349713342,
            37.19494235553974,
            3.684102268495323,
            8.675681539476372,
            54.26357138231428,
            -54.69290257976942,
            -52.64101428805356,
            -61.17215432635847,
            42.4090303073621,
            35.46498574610594,
            47.176548901469445,
            61.0238386346774,
            38.14271693763226,
            -4.911381312751189,
            35.767469976523074,
        ];
        let mut g = NpRandomState::new(0);
        let mut out = [0.0f64; 24];
        g.uniform_fill(-63.75, 63.75, &mut out);
        for i in 0..24 {
            assert_eq!(out[i].to_bits(), expect[i].to_bits(), "index {i}");
        }
        let mut g = NpRandomState::new(0);
        for i in 0..24 {
            assert_eq!(g.uniform(-63.75, 63.75).to_bits(), expect[i].to_bits(), "scalar {i}");
        }
    }

    #[test]
    fn mt_reference_outputs() {
        // Reference mt19937ar.c: init_genrand(5489) first outputs.
        let mut m = Mt19937::from_u32(5489);
        assert_eq!(m.next_u32(), 3499211612);
        assert_eq!(m.next_u32(), 581869302);
        // init_by_array({0x123, 0x234, 0x345, 0x456}) first outputs (mt19937ar.out).
        let mut m = Mt19937::from_key(&[0x123, 0x234, 0x345, 0x456]);
        assert_eq!(m.next_u32(), 1067595299);
        assert_eq!(m.next_u32(), 955945823);
        assert_eq!(m.next_u32(), 477289528);
    }

    #[test]
    fn os_seed_varies() {
        let a: Vec<u32> = (0..8).map(|_| os_seed()).collect();
        let distinct: std::collections::HashSet<_> = a.iter().collect();
        assert!(distinct.len() > 1);
    }

    #[test]
    fn randint_after_seed_matches_the_full_generator() {
        let mut seed = 12345u32;
        for n in [1i64, 2, 3, 7, 36, 64, 100, 1000, 65537, 1 << 31, 1 << 32, (1 << 32) + 1] {
            for _ in 0..200 {
                seed = seed.wrapping_mul(747_796_405).wrapping_add(2_891_336_453);
                assert_eq!(
                    NpRandomState::randint_after_seed(seed, 0, n),
                    NpRandomState::new(seed).randint(0, n),
                    "seed {seed} n {n}"
                );
            }
        }
        assert_eq!(NpRandomState::randint_after_seed(0, 0, 10), 5); // np.random.seed(0); randint(0, 10)
    }
}
