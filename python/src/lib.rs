//! The native half of the `pixelpipe` Python package: pipelines built by the Rust library,
//! run on numpy arrays and files with the GIL released, errors as Python exceptions. The
//! Python half (`pysrc/pixelpipe/__init__.py`) gives it Python's idioms.

use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray3, PyUntypedArrayMethods};
use pixelpipe::core::Error;
use pixelpipe::job::{Input, Job, JobOptions, Output};
use pixelpipe::{io, ops, presets, Context, Image, Pipeline, PipelineFile, RunOptions};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

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
            let mut limits = pipeline.limits.with_max_pixels(max_pixels);
            if let Some(size) = max_memory {
                let bytes =
                    pixelpipe::config::parse_bytes(&size).map_err(|m| Error::Usage(format!("max_memory: {m}")))?;
                limits.max_bytes = Some(bytes);
            }
            let opts = JobOptions { limits: Some(limits), ..JobOptions::default() };
            Job::new(&pipeline, Input::File(input), Output::File(output, format)).options(opts).plan()?.run()?;
            Ok(())
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
