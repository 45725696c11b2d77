//! The line machinery row and column operations share (they are the same operations on the
//! other axis): line selections with their construction checks, shift tables (constant,
//! gradient, formula) and stretch maps.

use crate::core::expr::{Expr, ExprError, ExprErrorKind, Input, Ty, SAFE_FUNCTIONS};
use crate::core::params::{choice, params, Bound, Kind, ParamSpec};
use crate::core::select::{select_lines, LineSelection};
use crate::core::{Context, Error, Parsed, Result};
use crate::ops::fill_channels;

pub(super) const INT: Kind = Kind::Int { min: Bound::None, max: Bound::None };
pub(super) const AT_LEAST_ONE: Kind = Kind::Int { min: Bound::Incl(1.0), max: Bound::None };

/// Which lines an operation works on; names them in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Axis {
    Rows,
    Columns,
}

impl Axis {
    /// "Row"/"Column", as in the original's range message.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Axis::Rows => "Row",
            Axis::Columns => "Column",
        }
    }

    pub(crate) fn noun(self) -> &'static str {
        match self {
            Axis::Rows => "row",
            Axis::Columns => "column",
        }
    }

    /// The names a shift formula sees, in the order [`LineShift::table`] passes them: the
    /// line index (twice: the current name and the deprecated alias), the line count, pi, e.
    fn formula_vars(self) -> [(&'static str, Ty); 5] {
        let (index, alias, count) = match self {
            Axis::Rows => ("y", "i", "height"),
            Axis::Columns => ("x", "j", "width"),
        };
        [(index, Ty::PyInt), (alias, Ty::PyInt), (count, Ty::PyInt), ("pi", Ty::PyFloat), ("e", Ty::PyFloat)]
    }
}

/// The `fill` pixel repeated over `width` pixels of `channels` channels: fills become
/// slice copies.
pub(crate) fn fill_row(fill: &[u8; 4], channels: u8, width: usize) -> Vec<u8> {
    fill[..channels as usize].repeat(width)
}

/// The `selection`/`n`/`indices` trio of the row and column operations.
#[derive(Debug, Clone)]
pub(crate) struct Lines {
    pub(super) selection: LineSelection,
    pub(super) n: Option<i64>,
    pub(super) indices: Option<Vec<i64>>,
}

impl Lines {
    /// The original's construction-time checks.
    pub(super) fn check(&self) -> Result<()> {
        if self.indices.as_ref().is_some_and(|i| i.is_empty()) {
            return Err(Error::param("indices", "must not be empty, got []"));
        }
        match self.selection {
            LineSelection::EveryN if self.n.is_none() => {
                Err(Error::param("n", "is required when selection is \"every_n\" (an integer >= 1)"))
            }
            LineSelection::Custom if self.indices.is_none() => {
                Err(Error::param("indices", "is required when selection is \"custom\" (a list of line indices)"))
            }
            _ => Ok(()),
        }
    }

    /// The selected line indices among `count` (custom indices are range-checked here).
    fn select(&self, count: usize, axis: Axis) -> Result<Vec<usize>> {
        select_lines(self.selection, count, self.n, self.indices.as_deref(), axis.title())
    }

    /// One flag per line.
    pub(super) fn mask(&self, count: usize, axis: Axis) -> Result<Vec<bool>> {
        let mut mask = vec![false; count];
        for i in self.select(count, axis)? {
            mask[i] = true;
        }
        Ok(mask)
    }
}

pub(super) const SELECTION_N: ParamSpec =
    ParamSpec::new(AT_LEAST_ONE, "null", "step of the every_n selection (required with it)");
pub(super) const SELECTION_INDICES: ParamSpec =
    ParamSpec::new(Kind::IntList, "null", "line indices of the custom selection (required with it)");

params! {
    /// RowShift's parameters, and ColumnShift's (their docs in column.rs).
    pub(crate) struct ShiftParams {
        selection: LineSelection => ParamSpec::new(
            LineSelection::KIND,
            "\"odd\"",
            "rows to shift; gradient: shifts go linearly from gradient_start (first row) to shift_amount (last row); \
             formula: each row's shift is the formula's value",
        ),
        n: Option<i64> => SELECTION_N,
        indices: Option<Vec<i64>> => SELECTION_INDICES,
        shift_amount: i64 => ParamSpec::new(INT, "0", "pixels to shift the selected rows; positive = right, negative = left"),
        wrap: bool => ParamSpec::new(Kind::Bool, "true", "wrap pixels around; false fills the vacated part with fill_color"),
        fill_color: [u8; 4] => ParamSpec::new(
            Kind::Color { len: 4 },
            "[0, 0, 0, 0]",
            "fill for wrap=false; unless it is opaque, RGB input becomes RGBA (even when wrapping)",
        ),
        gradient_start: i64 => ParamSpec::new(INT, "0", "gradient selection: shift of the first line"),
        formula: Option<String> => ParamSpec::new(
            Kind::Expression,
            "null",
            "formula selection: shift of row y (truncated); variables y (i is an alias), height; pi, e; \
             abs min max round int float pow sin cos tan sqrt floor ceil log exp",
        ),
    }
}

/// How much each line moves.
#[derive(Debug)]
enum Amount {
    /// The selected lines move by this much, the others stay.
    Constant(i64),
    /// Every line; linear from `start` (first line) to `end` (last line), truncated.
    Gradient { start: i64, end: i64 },
    /// Every line; the formula's value for the line's index, truncated.
    Formula(Expr),
}

/// RowShift and ColumnShift: the parameters and the per-line shift table. The kernels live
/// with each operation.
#[derive(Debug)]
pub(crate) struct LineShift {
    axis: Axis,
    lines: Lines,
    amount: Amount,
    pub(crate) wrap: bool,
    pub(crate) fill: [u8; 4],
}

impl LineShift {
    pub(crate) fn build(p: &Parsed, axis: Axis) -> Result<LineShift> {
        let p: ShiftParams = p.decode()?;
        let lines = Lines { selection: p.selection, n: p.n, indices: p.indices };
        lines.check()?;
        let amount = match lines.selection {
            LineSelection::Gradient => Amount::Gradient { start: p.gradient_start, end: p.shift_amount },
            LineSelection::Formula => {
                let src = p.formula.ok_or_else(|| {
                    Error::param("formula", "is required when selection is \"formula\" (an expression)")
                })?;
                let expr = Expr::compile(&src, &axis.formula_vars(), &SAFE_FUNCTIONS)
                    .map_err(|m| Error::param("formula", format!("{m} in {}", crate::core::expr::quoted(&src))))?;
                Amount::Formula(expr)
            }
            _ => Amount::Constant(p.shift_amount),
        };
        Ok(LineShift { axis, lines, amount, wrap: p.wrap, fill: p.fill_color })
    }

    /// Output channels: the original works in RGBA and goes back to RGB only for an opaque
    /// fill, whether or not the fill is ever used.
    pub(crate) fn out_channels(&self, input: u8) -> u8 {
        fill_channels(input, &self.fill)
    }

    /// Normalised shift of each of `count` lines that are `len` pixels long: with wrap in
    /// `[0, len)` (floor-modulo, so left shifts become the equivalent right shift), without
    /// wrap clamped to `[-len, len]` (±len: the line is all fill). 0: the line is untouched.
    pub(crate) fn table(&self, count: usize, len: usize) -> Result<Vec<i64>> {
        let n = len as i64;
        let whole = |s: i64| if self.wrap { s.rem_euclid(n) } else { s.clamp(-n, n) };
        // Gradients and formulas give real numbers: truncate as Python's int(), then reduce
        // in f64 (exact for integral values) so huge values cannot overflow.
        let real = |v: f64| {
            let v = v.trunc();
            if self.wrap {
                v.rem_euclid(n as f64) as i64
            } else {
                v.clamp(-n as f64, n as f64) as i64
            }
        };
        Ok(match self.amount {
            Amount::Constant(s) => {
                let mut table = vec![0; count];
                let s = whole(s);
                for i in self.lines.select(count, self.axis)? {
                    table[i] = s;
                }
                table
            }
            // A single line has no slope: it gets the start (the original divided by zero).
            Amount::Gradient { start, .. } if count == 1 => vec![whole(start)],
            Amount::Gradient { start, end } => {
                let span = end as i128 - start as i128;
                let last = (count - 1) as f64;
                (0..count).map(|k| real(start as f64 + (span * k as i128) as f64 / last)).collect()
            }
            Amount::Formula(ref expr) => (0..count)
                .map(|k| {
                    let inputs = [
                        Input::Int(k as i64),
                        Input::Int(k as i64),
                        Input::Int(count as i64),
                        Input::Float(std::f64::consts::PI),
                        Input::Float(std::f64::consts::E),
                    ];
                    match expr.eval_scalar(&inputs) {
                        Ok(v) if v.is_finite() => Ok(real(v)),
                        Ok(v) => Err(ExprError::new(
                            ExprErrorKind::Evaluation,
                            format!("cannot convert {v} to an integer shift"),
                        )),
                        Err(e) => Err(e),
                    }
                    .map_err(|source| Error::Expression {
                        context: format!(
                            "Error evaluating formula {} at {} {k}",
                            crate::core::expr::quoted(expr.source()),
                            self.axis.noun()
                        ),
                        source,
                    })
                })
                .collect::<Result<_>>()?,
        })
    }

    /// Shared validation: custom indices fit and formulas evaluate on every line (so a bad
    /// formula fails before any pixel work); the channel count follows the fill rule.
    pub(crate) fn validate(&self, ctx: &Context, count: usize, len: usize) -> Result<Context> {
        self.table(count, len)?;
        Ok(ctx.with_channels(self.out_channels(ctx.channels)))
    }
}

choice! {
    enum StretchMethod { Duplicate = "duplicate", Distribute = "distribute" }
}

params! {
    /// RowStretch's parameters, and ColumnStretch's (their docs in column.rs).
    pub(crate) struct StretchParams {
        factor: f64 => ParamSpec::new(
            Kind::Float { min: Bound::Excl(0.0), max: Bound::None },
            "2.0",
            "stretch multiplier; the new height is trunc(height × factor) (with a selection: the sum of the repeats)",
        ),
        method: StretchMethod => ParamSpec::new(
            StretchMethod::KIND,
            "\"duplicate\"",
            "duplicate: repeat lines (with a selection: each selected line trunc(factor) times); \
             distribute: even nearest-line resampling (selection ignored)",
        ),
        selection: LineSelection => ParamSpec::new(
            Kind::Choice(&["all", "odd", "even", "prime", "every_n", "custom"]),
            "\"all\"",
            "rows to repeat (duplicate method); all: resample the whole height",
        ),
        n: Option<i64> => SELECTION_N,
        indices: Option<Vec<i64>> => SELECTION_INDICES,
    }
}

/// RowStretch and ColumnStretch: which input line each output line copies.
#[derive(Debug)]
pub(crate) struct Stretch {
    axis: Axis,
    factor: f64,
    method: StretchMethod,
    lines: Lines,
}

impl Stretch {
    pub(crate) fn build(p: &Parsed, axis: Axis) -> Result<Stretch> {
        let p: StretchParams = p.decode()?;
        let lines = Lines { selection: p.selection, n: p.n, indices: p.indices };
        lines.check()?;
        Ok(Stretch { axis, factor: p.factor, method: p.method, lines })
    }

    /// `trunc(count × factor)`, the original's new size.
    fn scaled(&self, count: usize) -> Result<usize> {
        let v = (count as f64 * self.factor).trunc();
        if v > u32::MAX as f64 {
            return Err(Error::invalid(format!(
                "`factor` = {} would make {} {}s; at most {} are possible",
                crate::core::params::show_number(self.factor),
                crate::core::params::show_number(v),
                self.axis.noun(),
                u32::MAX
            )));
        }
        Ok(v as usize)
    }

    /// Output line → input line, for `count` input lines. Errors if no line would remain.
    pub(crate) fn map(&self, count: usize) -> Result<Vec<u32>> {
        // The original checks the selection whenever it is not `all`, even for `distribute`.
        let mask = match self.lines.selection {
            LineSelection::All => None,
            _ => Some(self.lines.mask(count, self.axis)?),
        };
        let map: Vec<u32> = match (self.method, mask) {
            (StretchMethod::Duplicate, Some(mask)) => {
                let repeats = self.factor.trunc().min(u32::MAX as f64) as usize;
                let selected = mask.iter().filter(|&&m| m).count();
                let total = (count - selected) as u128 + selected as u128 * repeats as u128;
                if total > u32::MAX as u128 {
                    return Err(Error::invalid(format!(
                        "`factor` = {} would make {total} {}s; at most {} are possible",
                        crate::core::params::show_number(self.factor),
                        self.axis.noun(),
                        u32::MAX
                    )));
                }
                let mut map = Vec::with_capacity(total as usize);
                for (i, &m) in mask.iter().enumerate() {
                    let times = if m { repeats } else { 1 };
                    map.extend(std::iter::repeat_n(i as u32, times));
                }
                map
            }
            (StretchMethod::Duplicate, None) => {
                let new = self.scaled(count)?;
                let repeat_factor = new as f64 / count as f64;
                (0..new).map(|j| ((j as f64 / repeat_factor) as usize).min(count - 1) as u32).collect()
            }
            (StretchMethod::Distribute, _) => {
                let new = self.scaled(count)?;
                (0..new).map(|j| ((j as u64 * count as u64) as f64 / new as f64) as u32).collect()
            }
        };
        if map.is_empty() {
            return Err(Error::invalid(format!(
                "`factor` = {} leaves no {} of {} (the result needs at least one)",
                crate::core::params::show_number(self.factor),
                self.axis.noun(),
                count
            )));
        }
        Ok(map)
    }
}
