//! Reading JSON and YAML documents (pipeline files, the configuration) from untrusted text
//! into one JSON value, the same way for both:
//!
//! - a UTF-8 byte-order mark is skipped;
//! - nesting deeper than [`MAX_DEPTH`] is refused before the document is built, counted as
//!   its parser reads it (the YAML parser takes time quadratic in the depth: 100k nested `[`
//!   took 48 s);
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
    if text.trim_start().starts_with('{') {
        json_depth(text)?;
        parse_json(text)
    } else {
        parse_yaml(text).map(|value| Document { value, warnings: Vec::new() })
    }
}

/// Parses `text` as YAML (a command-line value: `5`, `[1, 2]`, `{r: b}`), with the same
/// checks as [`parse`].
pub fn parse_yaml(text: &str) -> Result<Value, String> {
    yaml_depth(text)?;
    yaml(text)
}

fn too_deep(line: usize) -> String {
    format!("nested more than {MAX_DEPTH} levels deep (line {line})")
}

/// Refuses JSON that nests deeper than [`MAX_DEPTH`]. JSON's strings are known exactly: a
/// `"` outside one always opens one.
fn json_depth(text: &str) -> Result<(), String> {
    let (mut depth, mut in_string, mut escaped, mut line) = (0usize, false, false, 1);
    for c in text.bytes() {
        match (in_string, c) {
            (_, b'\n') => line += 1,
            (true, b'\\') if !escaped => {
                escaped = true;
                continue;
            }
            (true, b'"') if !escaped => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(line));
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        escaped = false;
    }
    Ok(())
}

/// Refuses YAML that nests deeper than [`MAX_DEPTH`], counted as the parser reads it: YAML's
/// quoting depends on context (`a: it's` holds no quote), which no count of characters
/// follows. Walks the events of libyaml, the parser `serde_yaml` reads with, counting
/// sequences and mappings open, and stops at the first one too deep. Parsing all of a deep text first took
/// time quadratic in its depth (the scanner looks at every open flow level for each token);
/// stopping at level 65 costs what 65 levels cost. A text the parser refuses is left to
/// `serde_yaml`, which refuses it at the same place with its own message.
#[allow(unsafe_code)]
fn yaml_depth(text: &str) -> Result<(), String> {
    use std::mem::MaybeUninit;
    #[allow(clippy::unsafe_removed_from_name)] // the event parser's C-like API, not a safe wrapper
    use unsafe_libyaml as yaml;
    let mut parser = Box::new(MaybeUninit::<yaml::yaml_parser_t>::uninit());
    let parser = parser.as_mut_ptr();
    // SAFETY: the parser is initialised before use and deleted once, below; it reads `text`,
    // which outlives it; each event is deleted after it is looked at.
    unsafe {
        if yaml::yaml_parser_initialize(parser).fail {
            return Err("out of memory".into());
        }
        yaml::yaml_parser_set_encoding(parser, yaml::YAML_UTF8_ENCODING);
        yaml::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        let mut depth = 0usize;
        let mut verdict = Ok(());
        loop {
            let mut event = MaybeUninit::<yaml::yaml_event_t>::uninit();
            if yaml::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                break;
            }
            let event = event.as_mut_ptr();
            let (kind, line) = ((*event).type_, (*event).start_mark.line as usize + 1);
            yaml::yaml_event_delete(event);
            match kind {
                yaml::YAML_SEQUENCE_START_EVENT | yaml::YAML_MAPPING_START_EVENT => depth += 1,
                yaml::YAML_SEQUENCE_END_EVENT | yaml::YAML_MAPPING_END_EVENT => depth = depth.saturating_sub(1),
                yaml::YAML_STREAM_END_EVENT => break,
                _ => {}
            }
            if depth > MAX_DEPTH {
                verdict = Err(too_deep(line));
                break;
            }
        }
        yaml::yaml_parser_delete(parser);
        verdict
    }
}

fn yaml(text: &str) -> Result<Value, String> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| plain_yaml_error(e.to_string()))?;
    value.apply_merge().map_err(|e| e.to_string())?;
    yaml_to_json(value)
}

/// The YAML parser's message, in a reader's words where it speaks of its own types: an
/// integer beyond 64 bits is "invalid type: integer `N` as u128, expected any YAML value".
fn plain_yaml_error(message: String) -> String {
    let Some(start) = message.find("invalid type: integer `") else { return message };
    let digits = &message[start + "invalid type: integer `".len()..];
    let Some(end) = digits.find('`') else { return message };
    let at = message.find(" at line ").map_or("", |i| &message[i..]);
    format!(
        "{}the integer {} is out of range (integers are from -9223372036854775808 to 18446744073709551615){at}",
        &message[..start],
        &digits[..end]
    )
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
        // A quote inside a plain scalar opens nothing: the nesting after it counts (the
        // bracket counter read `a '` as the start of a quoted string, to the end of the file).
        for text in [
            format!("name: a '\nx: {}", "[".repeat(100_000)),
            format!("name: \"a\"\ny: |\n  'text\nz: {}", "[".repeat(100_000)),
            format!("a: [' #', {}", "[".repeat(100_000)),
        ] {
            let t = std::time::Instant::now();
            let e = parse(&text).unwrap_err();
            assert!(e.contains("nested more than 64"), "{e}");
            assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
        }
        let brackets = "[".repeat(100);
        assert!(parse(&format!("e: \"{brackets}\"\nf: '{brackets}' # {brackets}\n")).is_ok());
        assert!(parse(&format!("{{\"e\": \"\\\"{brackets}\"}}")).is_ok());
        assert!(parse(&format!("{}1{}", "[".repeat(64), "]".repeat(64))).is_ok());
    }

    /// An integer beyond 64 bits was "invalid type: integer `…` as u128, expected any YAML
    /// value".
    #[test]
    fn integers_beyond_64_bits_are_out_of_range() {
        let e = parse("a: 18446744073709551617\n").unwrap_err();
        assert!(e.starts_with("a: the integer 18446744073709551617 is out of range"), "{e}");
        assert!(e.contains("at line 1") && !e.contains("u128"), "{e}");
    }

    #[test]
    fn duplicate_keys_warn_in_json_and_fail_in_yaml() {
        let d = parse(r#"{"operations": [{"type": "A", "params": {"x": 1, "x": 2}}]}"#).unwrap();
        assert_eq!(d.value["operations"][0]["params"]["x"], json!(2));
        assert_eq!(d.warnings, vec!["key `operations[0].params.x` is given more than once; the last one counts"]);
        assert!(parse("a: 1\na: 2\n").unwrap_err().contains("duplicate"));
    }
}
