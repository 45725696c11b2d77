//! Parameter declarations: one table per operation drives parsing, coercion, validation
//! messages, `ops` help and cache keys (as libvips' argument tables do).
//!
//! Parsing follows the original's schema layer (pydantic, lax mode): `"5"` is accepted for an
//! int, `2.0` becomes `2`, `0.3` is rejected for an int, lists stand for tuples. Unknown
//! names are ignored with a warning (or rejected when strict), so pipelines saved by the
//! original load unchanged. The result is a canonical map with every parameter present
//! (defaults filled in), which is what the typed parameter struct is decoded from and what
//! the cache key hashes: parameter order and defaulted-vs-explicit values cannot matter.

use super::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// A bound of a numeric range.
#[derive(Clone, Copy, Debug)]
pub enum Bound {
    None,
    /// `>=` / `<=`
    Incl(f64),
    /// `>` / `<`
    Excl(f64),
}

/// The type of a parameter and the values it allows.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Int {
        min: Bound,
        max: Bound,
    },
    Float {
        min: Bound,
        max: Bound,
    },
    Bool,
    /// One of the listed strings.
    Choice(&'static [&'static str]),
    /// One of the listed integers.
    IntChoice(&'static [i64]),
    /// `[r, g, b, a]`, each 0..=255. `len: 3` also accepts 4 values and keeps the first 3.
    Color {
        len: usize,
    },
    IntList,
    /// A string expression, checked by the expression safety rules.
    Expression,
    /// An aspect ratio (`"16:9"`, `"1.5"`).
    Ratio,
    /// A map destination channel → source channel over `r g b a`.
    ChannelMap,
    /// A random seed. When absent and used (`used_when` is `None`, or parameter `.0` has the
    /// value `.1`), one is drawn from the OS and recorded (see [`Parsed::notes`]) so the run can
    /// be repeated. `numpy`: the seed feeds numpy's legacy generator and must fit in 32 bits;
    /// drawn ones stay below 2^31 so per-tile offsets cannot overflow.
    Seed {
        numpy: bool,
        used_when: Option<(&'static str, &'static str)>,
    },
}

impl Kind {
    /// An integer 0..=255 (a channel value).
    pub const BYTE: Kind = Kind::Int { min: Bound::Incl(0.0), max: Bound::Incl(255.0) };
}

/// One declared parameter.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: Kind,
    /// Default as a JSON literal; `None` means required. `"null"` means optional.
    pub default: Option<&'static str>,
    pub doc: &'static str,
}

impl ParamSpec {
    /// A parameter with a default (JSON literal). Its name is the field it declares in
    /// [`params!`](crate::core::params::params), which sets it.
    pub const fn new(kind: Kind, default: &'static str, doc: &'static str) -> ParamSpec {
        ParamSpec { name: "", kind, default: Some(default), doc }
    }
    /// A required parameter.
    pub const fn required(kind: Kind, doc: &'static str) -> ParamSpec {
        ParamSpec { name: "", kind, default: None, doc }
    }
    /// This declaration with another doc.
    pub const fn doc(self, doc: &'static str) -> ParamSpec {
        ParamSpec { doc, ..self }
    }
    /// This declaration under `name` (what [`params!`](crate::core::params::params) does).
    pub const fn named(self, name: &'static str) -> ParamSpec {
        ParamSpec { name, ..self }
    }

    /// The declaration as JSON, for forms and other programs: `name`, `kind` (`int`,
    /// `float`, `bool`, `choice`, `int_choice`, `color`, `int_list`, `expression`, `ratio`,
    /// `channel_map`, `seed`), the kind's limits (`min`/`max` with `min_exclusive`/
    /// `max_exclusive`, `choices`, `len`), `type` (the allowed values in words), `required`,
    /// `default` and `doc`.
    pub fn describe(&self) -> Value {
        let mut d = Map::new();
        let bound = |d: &mut Map<String, Value>, key: &str, b: Bound| match b {
            Bound::None => {}
            Bound::Incl(v) | Bound::Excl(v) => {
                d.insert(key.into(), Value::from(v));
                d.insert(format!("{key}_exclusive"), Value::from(matches!(b, Bound::Excl(_))));
            }
        };
        let kind = match self.kind {
            Kind::Int { min, max } | Kind::Float { min, max } => {
                bound(&mut d, "min", min);
                bound(&mut d, "max", max);
                if matches!(self.kind, Kind::Int { .. }) {
                    "int"
                } else {
                    "float"
                }
            }
            Kind::Bool => "bool",
            Kind::Choice(c) => {
                d.insert("choices".into(), Value::from(c.to_vec()));
                "choice"
            }
            Kind::IntChoice(c) => {
                d.insert("choices".into(), Value::from(c.to_vec()));
                "int_choice"
            }
            Kind::Color { len } => {
                d.insert("len".into(), Value::from(len));
                "color"
            }
            Kind::IntList => "int_list",
            Kind::Expression => "expression",
            Kind::Ratio => "ratio",
            Kind::ChannelMap => "channel_map",
            Kind::Seed { .. } => "seed",
        };
        d.insert("name".into(), Value::from(self.name));
        d.insert("kind".into(), Value::from(kind));
        d.insert("type".into(), Value::from(self.allowed()));
        d.insert("required".into(), Value::from(self.default.is_none()));
        let default = self.default.map(|t| serde_json::from_str(t).expect("parameter defaults are valid JSON"));
        d.insert("default".into(), default.unwrap_or(Value::Null));
        d.insert("doc".into(), Value::from(self.doc));
        Value::Object(d)
    }

    /// Human description of the type and allowed values (for messages and `ops`).
    pub fn allowed(&self) -> String {
        let range = |min: Bound, max: Bound| {
            let lo = match min {
                Bound::None => String::new(),
                Bound::Incl(v) => format!(" >= {v}"),
                Bound::Excl(v) => format!(" > {v}"),
            };
            let hi = match max {
                Bound::None => String::new(),
                Bound::Incl(v) => format!(" <= {v}"),
                Bound::Excl(v) => format!(" < {v}"),
            };
            match (lo.is_empty(), hi.is_empty()) {
                (false, false) => format!("{lo} and{hi}"),
                _ => format!("{lo}{hi}"),
            }
        };
        let base = match self.kind {
            Kind::Int { min, max } => format!("integer{}", range(min, max)),
            Kind::Float { min, max } => format!("number{}", range(min, max)),
            Kind::Bool => "true or false".to_string(),
            Kind::Choice(c) => format!("one of {}", c.join(", ")),
            Kind::IntChoice(c) => {
                format!("one of {}", c.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", "))
            }
            Kind::Color { len: 4 } => "colour [r, g, b, a], each 0-255".to_string(),
            Kind::Color { .. } => "colour [r, g, b] (or [r, g, b, a]), each 0-255".to_string(),
            Kind::IntList => "list of integers".to_string(),
            Kind::Expression => "expression (Python syntax: numbers, + - * / // % **, comparisons, & | ^ << >>, and/or/not, the listed variables and functions)".to_string(),
            Kind::Ratio => "aspect ratio like \"16:9\" or \"1.5\"".to_string(),
            Kind::ChannelMap => "map of destination to source channel, each one of r, g, b, a".to_string(),
            Kind::Seed { numpy: true, .. } => "integer 0..4294967295 (optional)".to_string(),
            Kind::Seed { numpy: false, .. } => "integer (optional)".to_string(),
        };
        if self.default == Some("null") && !matches!(self.kind, Kind::Seed { .. }) {
            format!("{base}, or null")
        } else {
            base
        }
    }
}

/// Declares an operation's parameters once: the typed struct its builder decodes and, as
/// its `PARAMS` table, the declarations that drive parsing, messages, `ops` help, docs and
/// cache keys. Each field is `name: RustType => ParamSpec::new(kind, default, doc)` (or
/// `ParamSpec::required(kind, doc)`, or a shared declaration); the field's name is the
/// parameter's name, and the table keeps the fields' order.
macro_rules! params {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident : $ty:ty => $spec:expr ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Deserialize, Debug)]
        $vis struct $name {
            $( $(#[$field_meta])* $field: $ty, )*
        }

        impl $name {
            /// The declarations of these parameters, in order.
            pub(crate) const PARAMS: &'static [$crate::core::params::ParamSpec] =
                &[$( $spec.named(stringify!($field)) ),*];
        }
    };
}
pub(crate) use params;

/// `params` with the docs of some replaced, by name: for operations that take the same
/// parameters as another and differ only in what the docs say (the column operations are
/// the row operations on the other axis). A name that is not declared fails the build.
pub const fn redocumented<const N: usize>(params: &[ParamSpec], docs: &[(&str, &'static str)]) -> [ParamSpec; N] {
    assert!(params.len() == N, "redocumented: N must be the number of parameters");
    let mut out = [ParamSpec::new(Kind::Bool, "", ""); N];
    let mut i = 0;
    while i < N {
        out[i] = params[i];
        i += 1;
    }
    let mut d = 0;
    while d < docs.len() {
        let mut i = 0;
        while i < N && !same(out[i].name, docs[d].0) {
            i += 1;
        }
        assert!(i < N, "redocumented: no parameter of that name");
        out[i].doc = docs[d].1;
        d += 1;
    }
    out
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Declares a string-valued choice once: the enum a parameter decodes into and, as its
/// `KIND`, the [`Kind::Choice`] listing the names in order, and `name()`.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $( $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $( #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// The allowed names, in declaration order.
            pub(crate) const KIND: $crate::core::params::Kind = $crate::core::params::Kind::Choice(&[$($text),+]);

            /// The name as written in pipeline files.
            #[allow(dead_code)]
            pub(crate) fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }
    };
}
pub(crate) use choice;

/// The canonical, fully defaulted parameters of one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// Every declared parameter, by name (sorted: this is the canonical form).
    pub values: BTreeMap<String, Value>,
    /// Things the user should know (ignored names, drawn seeds); the pipeline turns them into
    /// context warnings of the step.
    pub notes: Vec<String>,
    /// A seed was drawn from the OS: the step's result cannot be asked for again (its cache
    /// key holds the drawn seed), so it is not worth storing.
    pub drawn_seed: bool,
}

impl Parsed {
    /// Decodes the canonical map into an operation's typed parameter struct.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T> {
        let map: Map<String, Value> = self.values.clone().into_iter().collect();
        serde_json::from_value(Value::Object(map)).map_err(|e| self.explain(&e.to_string()))
    }

    /// A typed struct's field can be narrower than its declared range (a `u32` coordinate
    /// declared as any integer >= 0): serde then says "invalid value: integer `N`, expected
    /// u32". Name the parameter holding N and the range of the type.
    fn explain(&self, message: &str) -> Error {
        let found = message.strip_prefix("invalid value: integer `").and_then(|rest| rest.split_once("`, expected "));
        if let Some((value, ty)) = found {
            let range = match ty {
                "u8" => Some((0, u8::MAX as i128)),
                "u16" => Some((0, u16::MAX as i128)),
                "u32" => Some((0, u32::MAX as i128)),
                "i32" => Some((i32::MIN as i128, i32::MAX as i128)),
                "u64" | "usize" => Some((0, u64::MAX as i128)),
                _ => None,
            };
            let number = |v: &Value| v.as_i64().map(i128::from).or_else(|| v.as_u64().map(i128::from));
            let wanted = value.parse::<i128>().ok();
            let holder = self.values.iter().find(|(_, v)| wanted.is_some() && number(v) == wanted);
            if let (Some((lo, hi)), Some((name, _))) = (range, holder) {
                return Error::param(name, format!("out of range: got {value}; allowed: integer from {lo} to {hi}"));
            }
        }
        Error::invalid(format!("parameters: {message}"))
    }

    /// Canonical bytes for cache keys: compact JSON of the sorted map.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.values).expect("JSON values always serialise")
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }
}

/// Parses `given` against `specs`. Unknown names are ignored with a note, or rejected when
/// `strict`.
pub fn parse(specs: &[ParamSpec], given: &Map<String, Value>, strict: bool) -> Result<Parsed> {
    let mut notes = Vec::new();
    for name in given.keys() {
        if specs.iter().all(|s| s.name != name) {
            let hint = closest(name, specs.iter().map(|s| s.name))
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
            if strict {
                return Err(Error::param(
                    name,
                    format!("unknown parameter{hint}; known parameters: {}", known.join(", ")),
                ));
            }
            notes.push(format!("unknown parameter `{name}` ignored{hint}"));
        }
    }
    let mut values = BTreeMap::new();
    let mut drawn_seed = false;
    for spec in specs {
        let raw = match given.get(spec.name) {
            Some(v) => v.clone(),
            None => match spec.default {
                Some(d) => serde_json::from_str(d).expect("parameter defaults are valid JSON"),
                None => return Err(Error::param(spec.name, format!("is required ({})", spec.allowed()))),
            },
        };
        let value = coerce(spec, raw, &mut notes)?;
        values.insert(spec.name.to_string(), value);
    }
    for spec in specs {
        if let Kind::Seed { numpy, used_when } = spec.kind {
            let used = used_when.is_none_or(|(param, value)| values.get(param).and_then(Value::as_str) == Some(value));
            if used && values[spec.name].is_null() {
                let seed = if numpy { crate::rng::os_seed() >> 1 } else { crate::rng::os_seed() };
                notes.push(format!(
                    "`{}` not given: drew {seed} from the OS (set {}={seed} to repeat this run)",
                    spec.name, spec.name
                ));
                values.insert(spec.name.to_string(), Value::from(seed));
                drawn_seed = true;
            }
        }
    }
    Ok(Parsed { values, notes, drawn_seed })
}

fn bad(spec: &ParamSpec, value: &Value, why: &str) -> Error {
    Error::param(spec.name, format!("{why}: got {}; allowed: {}", shown(value), spec.allowed()))
}

/// A value for a message, shortened when long (a message must not echo megabytes).
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => crate::core::expr::quoted(s),
        other => {
            let text = other.to_string();
            match text.char_indices().nth(80) {
                None => text,
                Some((cut, _)) => format!("{}… ({} characters)", &text[..cut], text.chars().count()),
            }
        }
    }
}

fn check_range(spec: &ParamSpec, v: f64, min: Bound, max: Bound, shown: &Value) -> Result<()> {
    let ok_lo = match min {
        Bound::None => true,
        Bound::Incl(m) => v >= m,
        Bound::Excl(m) => v > m,
    };
    let ok_hi = match max {
        Bound::None => true,
        Bound::Incl(m) => v <= m,
        Bound::Excl(m) => v < m,
    };
    if ok_lo && ok_hi {
        Ok(())
    } else {
        Err(bad(spec, shown, "out of range"))
    }
}

/// Lax integer coercion (pydantic): ints, integral floats, integer strings.
fn as_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
        }
        Value::String(s) => {
            let t = s.trim();
            t.parse::<i64>()
                .ok()
                .or_else(|| t.parse::<f64>().ok().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
        }
        _ => None,
    }
}

/// Why [`as_int`] refused `value`: a whole number too large for 64 bits is out of range,
/// anything else not an integer.
fn not_an_int(value: &Value) -> &'static str {
    let whole = match value {
        Value::Number(n) => n.is_u64() || n.as_f64().is_some_and(|f| f.is_finite() && f.fract() == 0.0),
        Value::String(s) => {
            let t = s.trim().trim_start_matches(['-', '+']);
            !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    };
    if whole {
        "out of range"
    } else {
        "not an integer"
    }
}

fn as_float(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

fn float_value(f: f64) -> Value {
    Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
}

fn coerce(spec: &ParamSpec, value: Value, notes: &mut Vec<String>) -> Result<Value> {
    if value.is_null() {
        if spec.default == Some("null") {
            return Ok(Value::Null);
        }
        return Err(bad(spec, &value, "must not be null"));
    }
    match spec.kind {
        Kind::Int { min, max } => {
            let v = as_int(&value).ok_or_else(|| bad(spec, &value, not_an_int(&value)))?;
            check_range(spec, v as f64, min, max, &value)?;
            Ok(Value::from(v))
        }
        Kind::Seed { numpy, .. } => {
            let v = as_int(&value).ok_or_else(|| bad(spec, &value, not_an_int(&value)))?;
            if numpy && !(0..=u32::MAX as i64).contains(&v) {
                return Err(bad(spec, &value, "out of range"));
            }
            Ok(Value::from(v))
        }
        Kind::Float { min, max } => {
            let v = as_float(&value).ok_or_else(|| bad(spec, &value, "not a number"))?;
            if !v.is_finite() {
                return Err(bad(spec, &value, "not a finite number"));
            }
            check_range(spec, v, min, max, &value)?;
            Ok(float_value(v))
        }
        Kind::Bool => {
            let b = match &value {
                Value::Bool(b) => Some(*b),
                Value::Number(n) => match n.as_f64() {
                    Some(0.0) => Some(false),
                    Some(1.0) => Some(true),
                    _ => None,
                },
                Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                    "true" | "yes" | "on" | "1" | "t" | "y" => Some(true),
                    "false" | "no" | "off" | "0" | "f" | "n" => Some(false),
                    _ => None,
                },
                _ => None,
            };
            b.map(Value::Bool).ok_or_else(|| bad(spec, &value, "not a boolean"))
        }
        Kind::Choice(choices) => match &value {
            Value::String(s) if choices.contains(&s.as_str()) => Ok(value),
            _ => {
                let hint = value
                    .as_str()
                    .and_then(|s| closest(s, choices.iter().copied()))
                    .map(|c| format!(" (did you mean \"{c}\"?)"))
                    .unwrap_or_default();
                Err(bad(spec, &value, &format!("not allowed{hint}")))
            }
        },
        Kind::IntChoice(choices) => match as_int(&value) {
            Some(v) if choices.contains(&v) => Ok(Value::from(v)),
            _ => Err(bad(spec, &value, "not allowed")),
        },
        Kind::Color { len } => {
            let items = value.as_array().ok_or_else(|| bad(spec, &value, "not a colour list"))?;
            let ok_len = if len == 4 { items.len() == 4 } else { items.len() == 3 || items.len() == 4 };
            if !ok_len {
                return Err(bad(spec, &value, &format!("needs {len} values")));
            }
            let mut out = Vec::with_capacity(len);
            for (k, item) in items.iter().enumerate().take(len) {
                let letter = ["R", "G", "B", "A"][k];
                match item.as_i64() {
                    Some(v) if (0..=255).contains(&v) => out.push(Value::from(v)),
                    _ => return Err(bad(spec, &value, &format!("colour {letter} value must be 0-255, got {item}"))),
                }
            }
            Ok(Value::Array(out))
        }
        Kind::IntList => {
            let items = value.as_array().ok_or_else(|| bad(spec, &value, "not a list"))?;
            let ints: Option<Vec<Value>> = items.iter().map(|v| as_int(v).map(Value::from)).collect();
            ints.map(Value::Array).ok_or_else(|| bad(spec, &value, "not a list of integers"))
        }
        Kind::Expression => {
            let s = value.as_str().ok_or_else(|| bad(spec, &value, "not a string"))?;
            let warnings = crate::core::expr::check_safe(s)
                .map_err(|m| Error::param(spec.name, format!("{m}: {}", shown(&value))))?;
            notes.extend(warnings.into_iter().map(|w| format!("`{}`: {w}", spec.name)));
            Ok(value)
        }
        Kind::Ratio => {
            let s = value.as_str().ok_or_else(|| bad(spec, &value, "not a string"))?;
            crate::core::ratio::parse_ratio(s).map_err(|m| Error::param(spec.name, m))?;
            Ok(value)
        }
        Kind::ChannelMap => {
            let map = value.as_object().ok_or_else(|| bad(spec, &value, "not a map"))?;
            for (dst, src) in map {
                let valid = |s: &str| matches!(s, "r" | "g" | "b" | "a");
                if !valid(dst) {
                    return Err(bad(spec, &value, &format!("invalid destination channel '{dst}'")));
                }
                if !src.as_str().is_some_and(valid) {
                    return Err(bad(spec, &value, &format!("invalid source channel {src}")));
                }
            }
            Ok(value)
        }
    }
}

/// A number as a message shows it: plainly, or in scientific notation when very large or
/// small (`1e-300`, not three hundred digits), as Python prints it.
pub fn show_number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() || (1e-4..1e16).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// The candidate closest to `word` by edit distance (a candidate containing `word` counts as
/// close), if reasonably close and sharing something with it (`~` suggests nothing, not the
/// one-letter `n`).
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .map(|c| (if c.to_lowercase().contains(&lower) { 0 } else { levenshtein(&lower, &c.to_lowercase()) }, c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 2).max(2) && *d < word.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Parses a `key=value` command-line argument: the value is read as YAML, so `5`, `true`,
/// `[1, 2]` and `{r: b}` get their natural types, and anything else is a string.
pub fn parse_cli_pair(arg: &str) -> Result<(String, Value)> {
    let (key, raw) = arg.split_once('=').ok_or_else(|| Error::Usage(format!("expected key=value, got `{arg}`")))?;
    let value = super::document::parse_yaml(raw).unwrap_or_else(|_| Value::String(raw.to_string()));
    Ok((key.trim().to_string(), value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    choice! {
        enum Mode { Full = "full", Alternating = "alternating" }
    }

    #[test]
    fn numbers_show_plainly_or_in_scientific_notation_and_suggestions_share_something() {
        let shown: Vec<String> = [1e-300, 0.5, 2.0, 1e20, 0.0, -3.25e-7].into_iter().map(show_number).collect();
        assert_eq!(shown, ["1e-300", "0.5", "2", "1e20", "0", "-3.25e-7"]);
        // `~` has nothing in common with `n`; `parms` with `params`.
        assert_eq!(closest("~", ["n", "factor"].into_iter()), None);
        assert_eq!(closest("parms", ["id", "params"].into_iter()), Some("params"));
        assert_eq!(closest("m", ["n"].into_iter()), None);
    }

    params! {
        struct Sample {
            n: u32 => ParamSpec::new(Kind::Int { min: Bound::Incl(1.0), max: Bound::None }, "1", "count"),
            factor: f64 => ParamSpec::new(Kind::Float { min: Bound::Excl(0.0), max: Bound::None }, "2.0", ""),
            mode: Mode => ParamSpec::new(Mode::KIND, "\"full\"", ""),
            fill_color: [u8; 4] => ParamSpec::new(Kind::Color { len: 4 }, "[0, 0, 0, 0]", ""),
            pivot: Option<i64> => ParamSpec::new(Kind::Int { min: Bound::None, max: Bound::None }, "null", ""),
        }
    }

    const SPECS: &[ParamSpec] = Sample::PARAMS;

    #[test]
    fn the_declaration_gives_the_table_and_the_struct() {
        let names: Vec<&str> = SPECS.iter().map(|s| s.name).collect();
        assert_eq!(names, ["n", "factor", "mode", "fill_color", "pivot"]);
        assert_eq!(SPECS[0].doc, "count");
        assert_eq!(SPECS[2].allowed(), "one of full, alternating");
        let factor = SPECS[1].describe();
        assert_eq!(
            (&factor["kind"], &factor["min"], &factor["min_exclusive"], factor.get("max"), &factor["default"]),
            (&json!("float"), &json!(0.0), &json!(true), None, &json!(2.0))
        );
        assert_eq!(SPECS[2].describe()["choices"], json!(["full", "alternating"]));
        assert_eq!(SPECS[4].describe()["default"], Value::Null);
        let p: Sample = parse(SPECS, &obj(json!({"mode": "alternating", "pivot": 3})), true).unwrap().decode().unwrap();
        assert_eq!((p.n, p.factor, p.mode, p.fill_color, p.pivot), (1, 2.0, Mode::Alternating, [0; 4], Some(3)));
    }

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn defaults_and_order_do_not_change_canonical_form() {
        let a = parse(SPECS, &obj(json!({"mode": "full", "n": 1})), false).unwrap();
        let b = parse(SPECS, &obj(json!({"n": "1"})), false).unwrap();
        assert_eq!(a.canonical_bytes(), b.canonical_bytes());
        assert_eq!(a.get("factor"), Some(&json!(2.0)));
        assert_eq!(a.get("pivot"), Some(&Value::Null));
    }

    #[test]
    fn lax_coercion_like_pydantic() {
        let p = parse(SPECS, &obj(json!({"n": 2.0, "factor": "1.5"})), false).unwrap();
        assert_eq!(p.get("n"), Some(&json!(2)));
        assert_eq!(p.get("factor"), Some(&json!(1.5)));
        let e = parse(SPECS, &obj(json!({"n": 0.3})), false).unwrap_err().to_string();
        assert!(e.contains("`n`") && e.contains("not an integer") && e.contains("0.3"), "{e}");
        for huge in [json!(9223372036854775808u64), json!("99999999999999999999"), json!(1e300)] {
            let e = parse(SPECS, &obj(json!({"n": huge})), false).unwrap_err().to_string();
            assert!(e.contains("`n`") && e.contains("out of range"), "{e}");
        }
    }

    #[test]
    fn range_and_choice_errors_name_allowed_values() {
        let e = parse(SPECS, &obj(json!({"factor": 0})), false).unwrap_err().to_string();
        assert!(e.contains("out of range") && e.contains("> 0"), "{e}");
        let e = parse(SPECS, &obj(json!({"mode": "ful"})), false).unwrap_err().to_string();
        assert!(e.contains("one of full, alternating") && e.contains("did you mean \"full\""), "{e}");
        let e = parse(SPECS, &obj(json!({"fill_color": [0, 0, 256, 0]})), false).unwrap_err().to_string();
        assert!(e.contains("colour B value must be 0-255, got 256"), "{e}");
        let e = parse(SPECS, &obj(json!({"fill_color": [0, 0, 0]})), false).unwrap_err().to_string();
        assert!(e.contains("needs 4 values"), "{e}");
    }

    #[test]
    fn unknown_names_warn_or_fail_when_strict() {
        let p = parse(SPECS, &obj(json!({"modee": "full"})), false).unwrap();
        assert_eq!(p.notes, vec!["unknown parameter `modee` ignored (did you mean `mode`?)"]);
        let e = parse(SPECS, &obj(json!({"modee": "full"})), true).unwrap_err().to_string();
        assert!(e.contains("unknown parameter") && e.contains("`modee`"), "{e}");
    }

    #[test]
    fn cli_pairs_take_natural_types() {
        assert_eq!(parse_cli_pair("n=5").unwrap(), ("n".into(), json!(5)));
        assert_eq!(parse_cli_pair("c=[1, 2, 3, 4]").unwrap().1, json!([1, 2, 3, 4]));
        assert_eq!(parse_cli_pair("e=r * 2").unwrap().1, json!("r * 2"));
        assert!(parse_cli_pair("novalue").is_err());
    }
}
