//! Pipeline files (JSON and YAML): parsing, building every step, and validating against a
//! small image. Nothing may panic or hang; errors are fine.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pixelpipe::{Context, Pipeline, PipelineFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(file) = PipelineFile::parse(text, "fuzz") else { return };
    for strict in [false, true] {
        if let Ok(pipeline) = Pipeline::from_file(&file, strict) {
            let _ = pipeline.validate(&Context::new(13, 7, 3));
        }
    }
});
