//! Reading JSON and YAML documents (pipeline files, the configuration) from untrusted text
//! into one JSON value, the same way for both:
//!
//! - a UTF-8 byte-order mark is skipped;
//! - nesting deeper than [`MAX_DEPTH`] is refused before parsing (the YAML parser takes time
//!   quadratic in the depth: 100k nested `[` took 48 s);
//! - YAML merge keys (`<<: *anchor`) are applied;
//! - YAML's `.nan`/`.inf`, which JSON cannot hold, stay visible as the strings `.nan`,
//!   `.inf`, `-.inf` (so a parameter message shows what was written, not `null`);
//! - a key given twice in one mapping is a warning in JSON (the last one counts, as in the
//!   original) and an error in YAML (the YAML parser refuses it).

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Deepest nesting of lists and mappings accepted.
pub const MAX_DEPTH: usize = 64;

/// A parsed document and what the reader should know about it.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    pub warnings: Vec<String>,
}

/// Parses `text` as JSON if it starts with `{` (after white space), else as YAML.
pub fn parse(text: &str) -> Result<Document, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_depth(text)?;
    if text.trim_start().starts_with('{') {
        parse_json(text)
    } else {
        yaml(text).map(|value| Document { value, warnings: Vec::new() })
    }
}

/// Parses `text` as YAML (a command-line value: `5`, `[1, 2]`, `{r: b}`), with the same
/// checks as [`parse`].
pub fn parse_yaml(text: &str) -> Result<Value, String> {
    check_depth(text)?;
    yaml(text)
}

/// Refuses text whose brackets nest deeper than [`MAX_DEPTH`]. Counts flow brackets outside
/// quoted strings and comments (a count, not a parse: block-style nesting needs a line per
/// level, so it cannot grow quadratically within the file size limit).
fn check_depth(text: &str) -> Result<(), String> {
    let (mut depth, mut quote, mut comment, mut escaped) = (0usize, None, false, false);
    let mut previous = '\n';
    for (line, c) in text.chars().scan(1usize, |line, c| {
        let at = *line;
        if c == '\n' {
            *line += 1;
        }
        Some((at, c))
    }) {
        match (quote, c) {
            (_, '\n') => {
                comment = false;
            }
            _ if comment => {}
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                previous = c;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if matches!(previous, ' ' | '\t' | '\n' | '[' | '{' | ',' | ':') => quote = Some(c),
            (None, '#') if matches!(previous, ' ' | '\t' | '\n') => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!("nested more than {MAX_DEPTH} levels deep (line {line})"));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        escaped = false;
        previous = c;
    }
    Ok(())
}

fn yaml(text: &str) -> Result<Value, String> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    value.apply_merge().map_err(|e| e.to_string())?;
    yaml_to_json(value)
}

fn yaml_to_json(value: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                match serde_json::Number::from_f64(f) {
                    Some(n) => Value::Number(n),
                    None if f.is_nan() => Value::from(".nan"),
                    None if f > 0.0 => Value::from(".inf"),
                    None => Value::from("-.inf"),
                }
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect::<Result<_, _>>()?),
        Y::Mapping(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s,
                    other => serde_yaml::to_string(&other).unwrap_or_default().trim().to_string(),
                };
                out.insert(key, yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => yaml_to_json(t.value)?,
    })
}

/// JSON through a visitor that notes keys given twice.
fn parse_json(text: &str) -> Result<Document, String> {
    let mut warnings = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let value =
        Noting { warnings: &mut warnings, path: String::new() }.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(Document { value, warnings })
}

/// Builds a JSON value like `serde_json::Value`'s own visitor, noting duplicate keys with
/// their path (`operations[2].params.shift`).
struct Noting<'a> {
    warnings: &'a mut Vec<String>,
    path: String,
}

impl<'de> DeserializeSeed<'de> for Noting<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Noting<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) =
            seq.next_element_seed(Noting { warnings: self.warnings, path: format!("{}[{}]", self.path, items.len()) })?
        {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() { key.clone() } else { format!("{}.{key}", self.path) };
            let value = map.next_value_seed(Noting { warnings: self.warnings, path: path.clone() })?;
            if out.insert(key, value).is_some() {
                self.warnings.push(format!("key `{path}` is given more than once; the last one counts"));
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bom_merge_keys_and_non_finite_numbers() {
        let d = parse("\u{feff}name: x\n").unwrap();
        assert_eq!(d.value, json!({"name": "x"}));
        let d = parse("\u{feff}{\"name\": \"x\"}").unwrap();
        assert_eq!(d.value, json!({"name": "x"}));
        let d = parse("base: &b {shift: 5, selection: odd}\nstep:\n  <<: *b\n  shift: 7\n").unwrap();
        assert_eq!(d.value["step"], json!({"shift": 7, "selection": "odd"}));
        let d = parse("a: .nan\nb: .inf\nc: -.inf\nd: 18446744073709551615\n").unwrap();
        assert_eq!(d.value, json!({"a": ".nan", "b": ".inf", "c": "-.inf", "d": 18446744073709551615u64}));
    }

    #[test]
    fn deep_nesting_is_refused_quickly_and_quoted_brackets_do_not_count() {
        for text in ["[".repeat(100_000), format!("a: {}", "[".repeat(100_000)), "{\"a\":".repeat(100_000)] {
            let t = std::time::Instant::now();
            let e = parse(&text).unwrap_err();
            assert!(e.contains("nested more than 64"), "{e}");
            assert!(t.elapsed().as_millis() < 500);
        }
        let brackets = "[".repeat(100);
        assert!(parse(&format!("e: \"{brackets}\"\nf: '{brackets}' # {brackets}\n")).is_ok());
        assert!(parse(&format!("{{\"e\": \"\\\"{brackets}\"}}")).is_ok());
        assert!(parse(&format!("{}1{}", "[".repeat(64), "]".repeat(64))).is_ok());
    }

    #[test]
    fn duplicate_keys_warn_in_json_and_fail_in_yaml() {
        let d = parse(r#"{"operations": [{"type": "A", "params": {"x": 1, "x": 2}}]}"#).unwrap();
        assert_eq!(d.value["operations"][0]["params"]["x"], json!(2));
        assert_eq!(d.warnings, vec!["key `operations[0].params.x` is given more than once; the last one counts"]);
        assert!(parse("a: 1\na: 2\n").unwrap_err().contains("duplicate"));
    }
}
