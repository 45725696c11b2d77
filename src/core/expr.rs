//! PLACEHOLDER until the expression module lands.
pub fn check_safe(src: &str) -> Result<Vec<String>, String> {
    if src.trim().is_empty() { return Err("Expression cannot be empty".into()); }
    Ok(vec![])
}
