//! The native half of the `pixelpipe` Python package: pipelines built by the Rust library,
//! run on numpy arrays and files with the GIL released, errors as Python exceptions. The
//! Python half (`pysrc/pixelpipe/__init__.py`) gives it Python's idioms.

use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray3, PyUntypedArrayMethods};
use pixelpipe::batch::{self, Batch, ImageResult, Summary, Task};
use pixelpipe::core::Error;
use pixelpipe::job::{Input, Job, JobOptions, Output};
use pixelpipe::{io, ops, presets, Context, Image, Pipeline, PipelineFile, RunOptions};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

create_exception!(_pixelpipe, PixelpipeError, PyException, "Every error pixelpipe raises.");
create_exception!(
    _pixelpipe,
    ParameterError,
    PixelpipeError,
    "A pipeline or parameter that cannot be used: unknown operation or parameter, wrong type, out-of-range value (the message names the step and the parameter)."
);
create_exception!(
    _pixelpipe,
    ValidationError,
    PixelpipeError,
    "Parameters that do not fit the image at their step (checked before any pixel work)."
);
create_exception!(_pixelpipe, ImageError, PixelpipeError, "An image that cannot be read or written.");
create_exception!(_pixelpipe, LimitError, PixelpipeError, "An image or result beyond the pixel or memory limits.");
create_exception!(_pixelpipe, ProcessingError, PixelpipeError, "Pixel work that failed.");

/// The exception class of an error, by what went wrong (below the step that says where).
fn to_py(e: Error) -> PyErr {
    let message = e.to_string();
    match e.root() {
        Error::Param { .. } | Error::UnknownOp { .. } | Error::PipelineFile { .. } | Error::Usage(_) => {
            ParameterError::new_err(message)
        }
        Error::Invalid(_) | Error::Expression { .. } => ValidationError::new_err(message),
        Error::Decode { .. } | Error::Encode { .. } | Error::Io { .. } => ImageError::new_err(message),
        Error::Limit { .. } => LimitError::new_err(message),
        _ => ProcessingError::new_err(message),
    }
}

/// A validated pipeline, shared by the threads that run it.
#[pyclass(frozen, module = "pixelpipe._pixelpipe")]
struct NativePipeline {
    inner: Arc<Pipeline>,
}

/// The image in a `uint8` H×W×C array (C = 3 or 4) of any layout (C or Fortran order, a
/// strided or broadcast view), copied once into the image the pipeline takes (it may work on
/// it in place), after its size is checked against the pixel limit.
fn image_of(array: &PyReadonlyArray3<'_, u8>) -> PyResult<Image> {
    let shape = array.shape();
    let (h, w, c) = (shape[0], shape[1], shape[2]);
    if c != 3 && c != 4 {
        return Err(ParameterError::new_err(format!(
            "an image array is H×W×3 (RGB) or H×W×4 (RGBA) uint8, got {h}×{w}×{c}"
        )));
    }
    if h == 0 || w == 0 {
        return Err(ParameterError::new_err(format!("an image array has pixels; got {h}×{w}×{c}")));
    }
    let too_big =
        || LimitError::new_err(format!("an image of {h}×{w} is larger than pixelpipe takes (4294967295 a side)"));
    let (w, h) = (u32::try_from(w).map_err(|_| too_big())?, u32::try_from(h).map_err(|_| too_big())?);
    io::Limits { max_bytes: None, ..io::Limits::default() }.check(w, h, c as u8, "the image array").map_err(to_py)?;
    // `as_slice` takes Fortran order too, as its memory: only C order is copied as it lies;
    // anything else (Fortran order, a crop, a transpose) is gathered in row-major order.
    let data = match array.as_slice() {
        Ok(contiguous) if array.is_c_contiguous() => contiguous.to_vec(),
        _ => array.as_array().iter().copied().collect(),
    };
    Ok(Image::from_raw(w, h, c as u8, data).expect("the shape gives the length"))
}

/// A new array owning the image's bytes (moved, not copied), shaped H×W×C.
fn array_of<'py>(py: Python<'py>, image: Image) -> PyResult<Bound<'py, PyAny>> {
    let shape = [image.height() as usize, image.width() as usize, image.channels() as usize];
    let flat = PyArray1::from_vec(py, image.into_raw());
    Ok(flat.reshape(shape)?.into_any())
}

#[pymethods]
impl NativePipeline {
    /// Parses a pipeline file's text (JSON or YAML).
    #[staticmethod]
    #[pyo3(signature = (text, origin, strict=false))]
    fn parse(text: &str, origin: &str, strict: bool) -> PyResult<(NativePipeline, Vec<String>)> {
        let file = PipelineFile::parse(text, origin).map_err(to_py)?;
        let pipeline = Pipeline::from_file(&file, strict).map_err(to_py)?;
        let mut warnings = pipeline.warnings.clone();
        for step in &pipeline.steps {
            warnings
                .extend(step.op.params.notes.iter().map(|n| format!("step {} ({}): {n}", step.number, step.name())));
        }
        Ok((NativePipeline { inner: Arc::new(pipeline) }, warnings))
    }

    /// A built-in preset's pipeline file text.
    #[staticmethod]
    fn preset_source(name: &str) -> PyResult<String> {
        presets::source(name).map(str::to_string).map_err(to_py)
    }

    /// The output shape `(height, width, channels)` of an input of `shape`, every step
    /// validated.
    fn validate(&self, shape: (u32, u32, u8)) -> PyResult<(u32, u32, u8)> {
        let (h, w, c) = shape;
        if c != 3 && c != 4 || h == 0 || w == 0 {
            return Err(ParameterError::new_err(format!(
                "a shape is (height, width, 3 or 4) with pixels, got {shape:?}"
            )));
        }
        let input = Context::new(w, h, c);
        let contexts = self.inner.validate(&input).map_err(to_py)?;
        let last = contexts.last().unwrap_or(&input);
        Ok((last.height, last.width, last.channels))
    }

    /// Runs on an array; the GIL is released while the pixels are computed.
    fn run<'py>(&self, py: Python<'py>, array: PyReadonlyArray3<'py, u8>) -> PyResult<Bound<'py, PyAny>> {
        let image = image_of(&array)?;
        drop(array);
        let pipeline = Arc::clone(&self.inner);
        let run = move || Job::new(&pipeline, Input::Decoded(image), Output::Memory).plan()?.run();
        let out = py.allow_threads(run).map_err(to_py)?;
        array_of(py, Arc::unwrap_or_clone(out.image.expect("kept in memory")))
    }

    /// Reads `input`, runs, writes `output` (format from its name), all without the GIL.
    #[pyo3(signature = (input, output, max_pixels, max_memory=None))]
    fn run_file(
        &self,
        py: Python<'_>,
        input: PathBuf,
        output: PathBuf,
        max_pixels: u64,
        max_memory: Option<String>,
    ) -> PyResult<()> {
        let pipeline = Arc::clone(&self.inner);
        py.allow_threads(move || {
            let format = io::format_from_name(&output.to_string_lossy())?;
            let opts =
                JobOptions { limits: Some(limits_of(&pipeline, max_pixels, max_memory)?), ..JobOptions::default() };
            Job::new(&pipeline, Input::File(input), Output::File(output, format)).options(opts).plan()?.run()?;
            Ok(())
        })
        .map_err(to_py)
    }

    /// Runs a share of a batch (`tasks`: [`Task`]s as JSON, from `batch_plan`) as
    /// `pixelpipe batch --jobs 1` runs them, without the GIL: each image read, run and written
    /// atomically, a bad one a failed result, `resume` skipping outputs newer than their input
    /// and than `newer_than` (seconds since 1970). Returns each [`ImageResult`] as JSON.
    #[pyo3(signature = (tasks, max_pixels, resume=false, newer_than=None, max_memory=None))]
    fn run_batch(
        &self,
        py: Python<'_>,
        tasks: Vec<String>,
        max_pixels: u64,
        resume: bool,
        newer_than: Option<f64>,
        max_memory: Option<String>,
    ) -> PyResult<Vec<String>> {
        let tasks = tasks.iter().map(|t| from_json::<Task>(t, "a batch task")).collect::<PyResult<Vec<_>>>()?;
        let pipeline = Arc::clone(&self.inner);
        py.allow_threads(move || {
            let newer_than = newer_than.map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs_f64(s.max(0.0)));
            let limits = limits_of(&pipeline, max_pixels, max_memory)?;
            let mut results = Vec::with_capacity(tasks.len());
            Batch::new(pipeline)
                .jobs(1)
                .limits(limits)
                .resume(resume, newer_than)
                .run(&tasks, |r| results.push(serde_json::to_string(r).expect("a result serialises")));
            Ok(results)
        })
        .map_err(to_py)
    }

    /// Median seconds of `iterations` runs on `array` measured inside Rust (no conversion
    /// to or from numpy): the yardstick of the API's overhead (`python/bench.py`).
    fn _time_in_rust(&self, py: Python<'_>, array: PyReadonlyArray3<'_, u8>, iterations: usize) -> PyResult<f64> {
        let image = image_of(&array)?;
        drop(array);
        let pipeline = Arc::clone(&self.inner);
        py.allow_threads(move || {
            let mut times = Vec::new();
            for _ in 0..iterations.max(1) {
                let input = image.clone();
                let t = std::time::Instant::now();
                let out = pipeline.run(input, &RunOptions::default())?;
                times.push(t.elapsed().as_secs_f64());
                drop(out);
            }
            times.sort_by(f64::total_cmp);
            Ok(times[times.len() / 2])
        })
        .map_err(to_py)
    }

    /// `(operation, label or None)` of each step.
    fn steps(&self) -> Vec<(String, Option<String>)> {
        self.inner.steps.iter().map(|s| (s.name().to_string(), s.label.clone())).collect()
    }

    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }
}

/// The pipeline's limits with the package's pixel limit and, when given, the memory budget
/// `max_memory` (bytes, or a size like `512MB`).
fn limits_of(pipeline: &Pipeline, max_pixels: u64, max_memory: Option<String>) -> pixelpipe::Result<io::Limits> {
    let mut limits = pipeline.limits.with_max_pixels(max_pixels);
    if let Some(size) = max_memory {
        let bytes = pixelpipe::config::parse_bytes(&size).map_err(|m| Error::Usage(format!("max_memory: {m}")))?;
        limits.max_bytes = Some(bytes);
    }
    Ok(limits)
}

/// A batch's tasks as `pixelpipe batch` plans them, each as JSON: the inputs named by
/// `inputs` (files, folders, glob patterns; folders one level deep unless `recursive`), each
/// with its output under `output_dir` in `format` (default: its own) at `quality`; clashing
/// outputs and an output that is its own input refused before any work.
#[pyfunction]
#[pyo3(signature = (inputs, output_dir, recursive=false, format=None, quality=None))]
fn batch_plan(
    inputs: Vec<String>,
    output_dir: PathBuf,
    recursive: bool,
    format: Option<String>,
    quality: Option<u8>,
) -> PyResult<Vec<String>> {
    let format = batch::output_format(format.as_deref(), quality).map_err(to_py)?;
    let found = batch::collect_inputs(&inputs, recursive, Some(&output_dir)).map_err(to_py)?;
    let tasks = batch::plan(found, &output_dir, format).map_err(to_py)?;
    Ok(tasks.iter().map(|t| serde_json::to_string(t).expect("a task serialises")).collect())
}

/// The summary of a batch's results (JSON, from `run_batch`) that took `seconds` with `jobs`
/// images in flight at most, as JSON (as `--summary` writes it).
#[pyfunction]
fn batch_summary(results: Vec<String>, seconds: f64, jobs: usize) -> PyResult<String> {
    let results =
        results.iter().map(|r| from_json::<ImageResult>(r, "a batch result")).collect::<PyResult<Vec<_>>>()?;
    let summary = Summary::collect(&results, Duration::from_secs_f64(seconds.max(0.0)), jobs);
    Ok(serde_json::to_string_pretty(&summary).expect("a summary serialises"))
}

/// A summary (JSON, from `batch_summary`) as `pixelpipe batch` prints it.
#[pyfunction]
fn batch_summary_text(summary: &str) -> PyResult<String> {
    Ok(from_json::<Summary>(summary, "a batch summary")?.to_string())
}

/// The result of a task (JSON) that failed for `reason` outside a batch, as JSON.
#[pyfunction]
fn batch_failure(task: &str, reason: String) -> PyResult<String> {
    let failed = ImageResult::failed(&from_json::<Task>(task, "a batch task")?, reason);
    Ok(serde_json::to_string(&failed).expect("a result serialises"))
}

/// The image files `inputs` name (files, folders, glob patterns) as `batch_plan` finds them.
#[pyfunction]
fn find_images(inputs: Vec<String>, recursive: bool) -> PyResult<Vec<PathBuf>> {
    let found = batch::collect_inputs(&inputs, recursive, None).map_err(to_py)?;
    Ok(found.into_iter().map(|(path, _)| path).collect())
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| ParameterError::new_err(format!("{what}: {e}")))
}

/// Every operation as JSON: name, family, summary, example, and each parameter's name,
/// kind, allowed values, default and doc (the declarations the CLI's `ops` prints).
#[pyfunction]
fn ops_json() -> String {
    ops::describe().to_string()
}

/// Decodes an image file as the command line does (the original's mode rules: greyscale
/// as RGB, palette as RGBA), without the GIL.
#[pyfunction]
fn load<'py>(py: Python<'py>, path: PathBuf, max_pixels: u64) -> PyResult<Bound<'py, PyAny>> {
    let image = py.allow_threads(move || io::load_with(&path, &file_limits(max_pixels))).map_err(to_py)?;
    array_of(py, image)
}

/// The limits of a file read from Python: the command line's, with the package's pixel
/// limit (`pixelpipe.MAX_IMAGE_PIXELS`, Pillow's by default), as `run_file` applies it.
fn file_limits(max_pixels: u64) -> io::Limits {
    io::Limits::default().with_max_pixels(max_pixels)
}

/// Decodes an image file as a streamed run reads it, `band_rows` rows at a time, or `None`
/// when its format is read whole. For the decoder tests (`tests/decode_against_pillow.py`):
/// both paths must give the pixels Pillow gives.
#[pyfunction]
fn _load_rows<'py>(
    py: Python<'py>,
    path: PathBuf,
    band_rows: u32,
    max_pixels: u64,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let image = py
        .allow_threads(move || -> pixelpipe::Result<Option<Image>> {
            let Some(mut rows) = io::rows::open_rows(&path, &file_limits(max_pixels))? else { return Ok(None) };
            let ctx = rows.context();
            let mut image = Image::new(ctx.width, ctx.height, ctx.channels);
            let band = ctx.width as usize * ctx.channels as usize * band_rows.max(1) as usize;
            for rows_of_band in image.as_bytes_mut().chunks_mut(band) {
                rows.read(rows_of_band)?;
            }
            Ok(Some(image))
        })
        .map_err(to_py)?;
    image.map(|image| array_of(py, image)).transpose()
}

/// Encodes an array to `path` (format from its extension; PNG fast, JPEG as Pillow's
/// default), atomically and without the GIL.
#[pyfunction]
fn save(py: Python<'_>, array: PyReadonlyArray3<'_, u8>, path: PathBuf) -> PyResult<()> {
    let image = image_of(&array)?;
    drop(array);
    py.allow_threads(move || io::save(&image, &path, None)).map_err(to_py)
}

/// Names of the built-in presets.
#[pyfunction]
fn preset_names() -> Vec<&'static str> {
    presets::names().collect()
}

#[pymodule]
fn _pixelpipe(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<NativePipeline>()?;
    m.add_function(wrap_pyfunction!(ops_json, m)?)?;
    m.add_function(wrap_pyfunction!(preset_names, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(_load_rows, m)?)?;
    m.add_function(wrap_pyfunction!(save, m)?)?;
    m.add_function(wrap_pyfunction!(batch_plan, m)?)?;
    m.add_function(wrap_pyfunction!(batch_summary, m)?)?;
    m.add_function(wrap_pyfunction!(batch_summary_text, m)?)?;
    m.add_function(wrap_pyfunction!(batch_failure, m)?)?;
    m.add_function(wrap_pyfunction!(find_images, m)?)?;
    for (name, class) in [
        ("PixelpipeError", py.get_type::<PixelpipeError>()),
        ("ParameterError", py.get_type::<ParameterError>()),
        ("ValidationError", py.get_type::<ValidationError>()),
        ("ImageError", py.get_type::<ImageError>()),
        ("LimitError", py.get_type::<LimitError>()),
        ("ProcessingError", py.get_type::<ProcessingError>()),
    ] {
        m.add(name, class)?;
    }
    Ok(())
}
