//! The original's pipeline file format (JSON or YAML): what a file says, read and checked
//! (version, nesting, unknown keys), before any operation is built.

use crate::core::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::Path;

/// The on-disk pipeline format of the original (JSON or YAML).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PipelineFile {
    /// `"1.0"`, the only version there is; another is read as 1.0 with a warning.
    #[serde(default = "default_version")]
    pub version: Value,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub operations: Vec<StepFile>,
    /// What the reader should know about the file (keys given twice, another version).
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Keys of steps that no step has (`parms:`, `enable:`): 1-based step number and key.
    /// Building the pipeline warns of each, or refuses it when strict.
    #[serde(skip)]
    pub unknown_keys: Vec<(usize, String)>,
}

/// The keys a step may have (the fields of [`StepFile`]).
pub(super) const STEP_KEYS: [&str; 5] = ["id", "type", "name", "enabled", "params"];

fn default_version() -> Value {
    Value::from("1.0")
}

/// One entry of `operations`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub params: Map<String, Value>,
}

fn yes() -> bool {
    true
}

impl PipelineFile {
    /// Parses JSON or YAML text; `origin` names the source in errors.
    pub fn parse(text: &str, origin: &str) -> Result<PipelineFile> {
        let fail = |message: String| Error::PipelineFile { origin: origin.to_string(), message };
        let doc = crate::core::document::parse(text).map_err(fail)?;
        let steps = doc.value.get("operations").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let unknown_keys = (steps.iter().enumerate())
            .filter_map(|(i, step)| Some((i + 1, step.as_object()?)))
            .flat_map(|(n, step)| step.keys().filter(|k| !STEP_KEYS.contains(&k.as_str())).map(move |k| (n, k.clone())))
            .collect();
        let mut file: PipelineFile = serde_json::from_value(doc.value).map_err(|e| fail(e.to_string()))?;
        file.unknown_keys = unknown_keys;
        file.warnings = doc.warnings.into_iter().map(|w| format!("pipeline {origin}: {w}")).collect();
        let known = match &file.version {
            Value::String(v) => v == "1.0" || v == "1",
            Value::Number(n) => n.as_f64() == Some(1.0),
            _ => false,
        };
        if !known {
            file.warnings.push(format!(
                "pipeline {origin}: unknown version {}; read as version \"1.0\", the only one there is",
                file.version
            ));
        }
        Ok(file)
    }

    /// Reads a pipeline file (at most [`crate::io::limits::MAX_PIPELINE_FILE`] bytes of UTF-8).
    pub fn read(path: &Path) -> Result<PipelineFile> {
        let origin = path.display().to_string();
        let fail = |message: String| Error::PipelineFile { origin: origin.clone(), message };
        let bytes = crate::io::limits::read_file(path, crate::io::limits::MAX_PIPELINE_FILE, fail)?;
        let text = String::from_utf8(bytes)
            .map_err(|e| fail(format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())))?;
        PipelineFile::parse(&text, &origin)
    }
}
