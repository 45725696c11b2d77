//! Selections shared by row/column operations (docs/spec.md §1.7) and block operations (§1.8).

use super::error::{Error, Result};

/// Primes below `n` as a bitset-like boolean table (sieve of Eratosthenes).
pub fn prime_table(n: usize) -> Vec<bool> {
    let mut is = vec![true; n];
    for v in is.iter_mut().take(2) {
        *v = false;
    }
    let mut p = 2;
    while p * p < n {
        if is[p] {
            let mut k = p * p;
            while k < n {
                is[k] = false;
                k += p;
            }
        }
        p += 1;
    }
    is
}

crate::core::params::choice! {
    /// Line selections (rows or columns).
    pub enum LineSelection {
        All = "all",
        Odd = "odd",
        Even = "even",
        Prime = "prime",
        EveryN = "every_n",
        Custom = "custom",
        Gradient = "gradient",
        Formula = "formula",
    }
}

/// `select(selection, N, n, indices)` of docs/spec.md §1.7: the ordered selected indices in `[0, N)`.
/// `what` is "Row" or "Column" for the range message.
pub fn select_lines(
    selection: LineSelection,
    count: usize,
    n: Option<i64>,
    indices: Option<&[i64]>,
    what: &str,
) -> Result<Vec<usize>> {
    Ok(match selection {
        LineSelection::All | LineSelection::Gradient | LineSelection::Formula => (0..count).collect(),
        LineSelection::Odd => (1..count).step_by(2).collect(),
        LineSelection::Even => (0..count).step_by(2).collect(),
        LineSelection::Prime => {
            let t = prime_table(count);
            (0..count).filter(|&i| t[i]).collect()
        }
        LineSelection::EveryN => {
            let n = n.unwrap_or(1);
            if n <= 0 {
                return Err(Error::param("n", format!("must be >= 1 for every_n, got {n}")));
            }
            (0..count).step_by(n as usize).collect()
        }
        LineSelection::Custom => {
            let idx = indices.unwrap_or(&[]);
            if idx.is_empty() {
                return Err(Error::param("indices", "must be a non-empty list for selection \"custom\""));
            }
            if let Some(bad) = idx.iter().find(|&&i| i < 0 || i >= count as i64) {
                return Err(Error::param(
                    "indices",
                    format!("{what} indices must be in range [0, {count}), got {bad}"),
                ));
            }
            idx.iter().map(|&i| i as usize).collect()
        }
    })
}

crate::core::params::choice! {
    /// Block selections (docs/spec.md §1.8).
    pub enum BlockSelection {
        All = "all",
        Odd = "odd",
        Even = "even",
        Checkerboard = "checkerboard",
        Diagonal = "diagonal",
        Corners = "corners",
        Custom = "custom",
    }
}

/// Selected flags for each of the `cols × rows` blocks (row-major). `custom` takes the listed
/// indices, ignoring those outside the grid (the original never range-checks them).
pub fn select_blocks(selection: BlockSelection, cols: usize, rows: usize, custom: &[i64]) -> Vec<bool> {
    let total = cols * rows;
    let mut keep = vec![false; total];
    match selection {
        BlockSelection::All => keep.fill(true),
        BlockSelection::Odd => (1..total).step_by(2).for_each(|k| keep[k] = true),
        BlockSelection::Even => (0..total).step_by(2).for_each(|k| keep[k] = true),
        BlockSelection::Checkerboard => {
            for (k, v) in keep.iter_mut().enumerate() {
                *v = (k / cols + k % cols).is_multiple_of(2);
            }
        }
        BlockSelection::Diagonal => (0..rows.min(cols)).for_each(|i| keep[i * cols + i] = true),
        BlockSelection::Corners => {
            if total > 0 {
                keep[0] = true;
                if cols > 1 {
                    keep[cols - 1] = true;
                }
                if rows > 1 {
                    keep[(rows - 1) * cols] = true;
                }
                if cols > 1 && rows > 1 {
                    keep[total - 1] = true;
                }
            }
        }
        BlockSelection::Custom => {
            for &k in custom {
                if k >= 0 && (k as usize) < total {
                    keep[k as usize] = true;
                }
            }
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_selections() {
        assert_eq!(select_lines(LineSelection::Prime, 12, None, None, "Row").unwrap(), vec![2, 3, 5, 7, 11]);
        assert!(select_lines(LineSelection::Prime, 2, None, None, "Row").unwrap().is_empty());
        assert_eq!(select_lines(LineSelection::EveryN, 7, Some(3), None, "Row").unwrap(), vec![0, 3, 6]);
        assert_eq!(select_lines(LineSelection::Odd, 5, None, None, "Row").unwrap(), vec![1, 3]);
        let e = select_lines(LineSelection::Custom, 23, None, Some(&[0, 999]), "Row").unwrap_err();
        assert!(e.to_string().contains("Row indices must be in range [0, 23)"), "{e}");
        assert_eq!(select_lines(LineSelection::Custom, 5, None, Some(&[4, 1, 4]), "Row").unwrap(), vec![4, 1, 4]);
    }

    #[test]
    fn block_selections() {
        let on = |v: Vec<bool>| v.iter().enumerate().filter(|(_, &b)| b).map(|(k, _)| k).collect::<Vec<_>>();
        assert_eq!(on(select_blocks(BlockSelection::Corners, 3, 3, &[])), vec![0, 2, 6, 8]);
        assert_eq!(on(select_blocks(BlockSelection::Diagonal, 3, 2, &[])), vec![0, 4]);
        assert_eq!(on(select_blocks(BlockSelection::Checkerboard, 2, 2, &[])), vec![0, 3]);
        assert_eq!(on(select_blocks(BlockSelection::Custom, 2, 2, &[3, 9, -1])), vec![3]);
        assert_eq!(on(select_blocks(BlockSelection::Corners, 1, 1, &[])), vec![0]);
    }
}
