//! Aspect-ratio strings (docs/spec.md §3.19), including the original's rounded table constants,
//! which change output sizes by a pixel and are reproduced on purpose.

const TABLE: &[(&str, f64)] = &[
    ("1:1", 1.0),
    ("4:5", 0.8),
    ("5:4", 1.25),
    ("9:16", 0.5625),
    ("16:9", 1.7778),
    ("21:9", 2.3333),
    ("3:2", 1.5),
    ("4:3", 1.3333),
    ("2:3", 0.6667),
];

/// Parses `"16:9"`, `"3 : 2"` or `"1.5"` into width/height.
pub fn parse_ratio(s: &str) -> Result<f64, String> {
    let fail = |why: &str| format!("Invalid ratio format '{s}': {why}");
    if let Some((_, v)) = TABLE.iter().find(|(k, _)| *k == s) {
        return Ok(*v);
    }
    let num =
        |t: &str| t.trim().parse::<f64>().map_err(|_| fail(&format!("could not convert '{}' to float", t.trim())));
    let ratio = if let Some((w, h)) = s.split_once(':') {
        let (w, h) = (num(w)?, num(h)?);
        if w.is_nan() || h.is_nan() || w <= 0.0 || h <= 0.0 {
            return Err(fail("ratio values must be positive"));
        }
        w / h
    } else {
        let r = num(s)?;
        if r.is_nan() || r <= 0.0 {
            return Err(fail("ratio must be positive"));
        }
        r
    };
    if !ratio.is_finite() {
        return Err(fail("ratio must be finite"));
    }
    Ok(ratio)
}

/// "Already at ratio": `|W/H − ratio| < 0.001`.
pub fn is_at_ratio(width: u32, height: u32, ratio: f64) -> bool {
    (width as f64 / height as f64 - ratio).abs() < 0.001
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_constants_are_the_rounded_ones() {
        assert_eq!(parse_ratio("16:9").unwrap(), 1.7778);
        assert_eq!((96.0 * parse_ratio("4:3").unwrap()) as u32, 127);
        assert_eq!(parse_ratio(" 3 : 1 ").unwrap(), 3.0);
        assert_eq!(parse_ratio("1.5").unwrap(), 1.5);
    }

    #[test]
    fn bad_ratios_say_why() {
        assert!(parse_ratio("invalid").unwrap_err().starts_with("Invalid ratio format 'invalid'"));
        assert!(parse_ratio("0:1").is_err());
        assert!(parse_ratio("-2").is_err());
        assert!(parse_ratio("nan").is_err());
    }
}
