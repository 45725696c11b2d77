//! The page's JSON API. Every failure is a JSON body `{error, step?, op?, param?}` with a
//! 4xx status for what the user can fix, never a crash of the server.

use super::session::{Input, Session, Sessions, HEARTBEAT, IDLE};
use crate::core::document;
use crate::core::{Error, Result};
use crate::image::Image;
use crate::io::OutputFormat;
use crate::pipeline::PipelineFile;
use crate::{ops, presets};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// Largest JSON body (a pipeline): far above any real one.
pub const MAX_JSON: usize = 4 << 20;

/// The session of the page that sent the request: named by the page (one per browser tab)
/// in the `x-pixelpipe-session` header, or the `session` query parameter (a page closing
/// sends a beacon, which has no headers).
pub struct Tab(Arc<Session>);

/// The session name a request carries.
fn session_name(parts: &Parts) -> Option<String> {
    let header = parts.headers.get("x-pixelpipe-session").and_then(|v| v.to_str().ok()).map(str::to_string);
    header.or_else(|| {
        let query = parts.uri.query()?;
        query.split('&').find_map(|pair| pair.strip_prefix("session=")).map(str::to_string)
    })
}

impl FromRequestParts<Arc<Sessions>> for Tab {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, sessions: &Arc<Sessions>) -> ApiResult<Tab> {
        let name = session_name(parts).unwrap_or_default();
        Ok(Tab(sessions.get(&name)?))
    }
}

/// An error as the page shows it.
pub struct ApiError(Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = match e.root() {
            Error::Cancelled => StatusCode::CONFLICT,
            _ if e.exit_code() == 2 => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let mut body = json!({ "error": e.to_string() });
        if let Error::Step { step, op, .. } = &e {
            body["step"] = json!(step);
            body["op"] = json!(op);
        }
        if let Error::Param { param, message } = e.root() {
            body["param"] = json!(param);
            body["message"] = json!(message);
        }
        (status, Json(body)).into_response()
    }
}

type ApiResult<T> = std::result::Result<T, ApiError>;

/// Runs blocking pixel work off the server's threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> ApiResult<T> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => Ok(result?),
        Err(e) => Err(Error::processing(format!("the work failed: {e}")).into()),
    }
}

pub async fn ops() -> Json<Value> {
    Json(ops::describe())
}

/// The built-in presets with their pipelines.
pub async fn presets() -> ApiResult<Json<Value>> {
    let mut all = Vec::new();
    for name in presets::names() {
        let text = presets::source(name)?;
        let pipeline = document::parse(text).map_err(|m| Error::PipelineFile { origin: name.into(), message: m })?;
        all.push(json!({ "name": name, "description": presets::file(name)?.description, "pipeline": pipeline.value }));
    }
    Ok(Json(Value::Array(all)))
}

/// A new input image: the raw file as the body, its name in `x-filename`.
pub async fn upload(
    Tab(session): Tab,
    headers: HeaderMap,
    body: std::result::Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    let body = body.map_err(|rejection| {
        Error::Usage(format!(
            "cannot receive the image: {} (`serve --max-upload` sets the limit)",
            rejection.body_text()
        ))
    })?;
    let name: String = headers
        .get("x-filename")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("upload")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let input = blocking(move || session.load(&name, &body)).await?;
    Ok(Json(describe(&input)))
}

/// The session's image, if there is one (given on the command line, or uploaded before the
/// page was reloaded).
pub async fn input(Tab(session): Tab) -> ApiResult<Json<Value>> {
    let input = session.input()?;
    Ok(Json(describe(&input)))
}

fn describe(input: &Input) -> Value {
    json!({
        "name": input.name,
        "width": input.full.width(),
        "height": input.full.height(),
        "channels": input.full.channels(),
        "proxy": { "width": input.proxy.width(), "height": input.proxy.height() },
    })
}

#[derive(Deserialize)]
pub struct Size {
    /// Longest side of the image sent; larger images are sampled down (nearest pixel).
    max: Option<u32>,
}

/// Image `index` of the last preview (0: the input) as raw RGBA bytes for a canvas, its
/// size in `x-width` and `x-height`.
pub async fn step_image(
    Tab(session): Tab,
    Path((generation, index)): Path<(u64, usize)>,
    Query(size): Query<Size>,
) -> Response {
    let Some(image) = session.image(generation, index) else {
        let message = "that preview has been replaced by a newer one";
        return (StatusCode::GONE, Json(json!({ "error": message }))).into_response();
    };
    let (width, height, rgba) = rgba(&image, size.max.unwrap_or(0));
    canvas_pixels(width, height, rgba)
}

/// Raw RGBA bytes for a canvas, the size in `x-width` and `x-height`.
fn canvas_pixels(width: u32, height: u32, rgba: Vec<u8>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "application/octet-stream".to_string()),
        (header::HeaderName::from_static("x-width"), width.to_string()),
        (header::HeaderName::from_static("x-height"), height.to_string()),
    ];
    (headers, rgba).into_response()
}

#[derive(Deserialize)]
pub struct Rect {
    x: u32,
    y: u32,
    w: u32,
    h: u32,
}

/// Largest region the page may ask for, in pixels (a 4K screen at 100%, twice over).
const MAX_REGION: u64 = 16 << 20;

/// Region `x, y, w, h` (full-resolution pixels, clipped to the image) of image `index` of
/// preview `generation` (0: the input) at full resolution, as raw RGBA: what the page shows
/// at 100% and closer (see [`Session::region`]). 409 when a newer preview replaced it.
pub async fn region(
    Tab(session): Tab,
    Path((generation, index)): Path<(u64, usize)>,
    Query(rect): Query<Rect>,
) -> ApiResult<Response> {
    if rect.w as u64 * rect.h as u64 > MAX_REGION {
        return Err(
            Error::Usage(format!("a region is at most {MAX_REGION} pixels; {}x{} asked", rect.w, rect.h)).into()
        );
    }
    let started = std::time::Instant::now();
    let image = blocking(move || session.region(generation, index, (rect.x, rect.y, rect.w, rect.h))).await?;
    let (width, height, rgba) = rgba(&image, 0);
    let mut response = canvas_pixels(width, height, rgba);
    let ms = format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0);
    response.headers_mut().insert("x-server-ms", ms.parse().expect("a number is a header value"));
    Ok(response)
}

/// The output formats an export may take: the command line's `--format` names.
pub async fn formats() -> Json<Value> {
    let names: Vec<&str> = OutputFormat::NAMES.split(", ").collect();
    Json(json!({ "formats": names, "jpeg_quality": OutputFormat::JPEG_QUALITY }))
}

/// The page is still open: its session stays (it ends after `idle_s` without a request).
pub async fn heartbeat(Tab(_session): Tab) -> Json<Value> {
    Json(json!({ "idle_s": IDLE.as_secs(), "heartbeat_s": HEARTBEAT.as_secs() }))
}

/// The page closed: its session ends and its images are freed.
pub async fn close(State(sessions): State<Arc<Sessions>>, request: axum::extract::Request) -> StatusCode {
    let (parts, _) = request.into_parts();
    if let Some(name) = session_name(&parts) {
        sessions.close(&name);
    }
    StatusCode::NO_CONTENT
}

/// RGBA pixels of `image`, sampled down to at most `max` pixels on its longest side (0: as
/// it is).
fn rgba(image: &Image, max: u32) -> (u32, u32, Vec<u8>) {
    let (w, h) = (image.width(), image.height());
    let scale = if max > 0 && w.max(h) > max { max as f64 / w.max(h) as f64 } else { 1.0 };
    let (tw, th) = (((w as f64 * scale) as u32).max(1), ((h as f64 * scale) as u32).max(1));
    let c = image.channels() as usize;
    let mut out = Vec::with_capacity(tw as usize * th as usize * 4);
    for y in 0..th {
        let row = image.row(((y as u64 * h as u64) / th as u64) as u32);
        for x in 0..tw {
            let sx = ((x as u64 * w as u64) / tw as u64) as usize * c;
            out.extend_from_slice(&row[sx..sx + 3]);
            out.push(if c == 4 { row[sx + 3] } else { 255 });
        }
    }
    (tw, th, out)
}

#[derive(Deserialize)]
pub struct RunRequest {
    pipeline: Value,
}

/// Builds the pipeline file the page sent (the original's JSON).
fn pipeline_file(pipeline: &Value) -> Result<PipelineFile> {
    PipelineFile::parse(&pipeline.to_string(), "the page's pipeline")
}

/// A preview run: the steps' timings and cache use, and the generation whose images
/// [`step_image`] serves. 409 when a newer run replaced it.
pub async fn run(Tab(session): Tab, Json(request): Json<RunRequest>) -> ApiResult<Json<Value>> {
    let file = pipeline_file(&request.pipeline)?;
    let preview = blocking(move || session.preview(file)).await?;
    let steps: Vec<Value> = preview
        .timings
        .iter()
        .map(|t| {
            json!({
                "number": t.number,
                "name": t.name,
                "ms": t.elapsed.as_secs_f64() * 1000.0,
                "cached": t.cached,
                "stored": t.stored,
                "width": t.width,
                "height": t.height,
                "channels": t.channels,
            })
        })
        .collect();
    let result = preview.images.last().expect("the input is always there");
    Ok(Json(json!({
        "generation": preview.generation,
        "ms": preview.elapsed.as_secs_f64() * 1000.0,
        "steps": steps,
        "width": result.width(),
        "height": result.height(),
        "channels": result.channels(),
        "warnings": preview.warnings,
    })))
}

#[derive(Deserialize)]
pub struct ExportRequest {
    /// A `--format` name (`png`, `jpg`, `tiff`, …).
    format: String,
    /// JPEG quality, 1-100 (default 75), as `--quality`.
    quality: Option<u8>,
}

/// The last previewed pipeline at full resolution, encoded as `pixelpipe run` writes it.
pub async fn export(Tab(session): Tab, Json(request): Json<ExportRequest>) -> ApiResult<Response> {
    if request.quality.is_some_and(|q| !(1..=100).contains(&q)) {
        return Err(Error::Usage("quality is 1 to 100".into()).into());
    }
    let format = crate::io::format_from_flag(&request.format)?.with_quality(request.quality)?;
    let bytes = blocking(move || session.export(format)).await?;
    let mime = match format {
        OutputFormat::Png => "image/png",
        OutputFormat::Jpeg { .. } => "image/jpeg",
        OutputFormat::Tiff => "image/tiff",
        OutputFormat::WebP => "image/webp",
        OutputFormat::Bmp => "image/bmp",
        OutputFormat::Gif => "image/gif",
        OutputFormat::Ppm | OutputFormat::Pam => "image/x-portable-anymap",
    };
    let disposition = format!("attachment; filename=\"pixelpipe.{}\"", format.extension());
    Ok(([(header::CONTENT_TYPE, mime.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

#[derive(Deserialize)]
pub struct PipelineRequest {
    /// A pipeline file's text (JSON or YAML) to import.
    text: Option<String>,
    /// A pipeline to write out as `format` (`json` or `yaml`).
    pipeline: Option<Value>,
    format: Option<String>,
}

/// Converts between a pipeline file's text and the page's pipeline: `{text}` → `{pipeline}`
/// (import), `{pipeline, format}` → `{text}` (export as the original's JSON or YAML).
pub async fn pipeline_text(Json(request): Json<PipelineRequest>) -> ApiResult<Json<Value>> {
    if let Some(text) = request.text {
        let file = PipelineFile::parse(&text, "the imported file")?;
        let pipeline = serde_json::to_value(&file).map_err(|e| Error::processing(e.to_string()))?;
        return Ok(Json(json!({ "pipeline": pipeline, "warnings": file.warnings })));
    }
    let file = pipeline_file(request.pipeline.as_ref().unwrap_or(&Value::Null))?;
    let text = match request.format.as_deref() {
        Some("yaml") => serde_yaml::to_string(&file).map_err(|e| Error::processing(e.to_string()))?,
        Some("json") | None => {
            serde_json::to_string_pretty(&file).map_err(|e| Error::processing(e.to_string()))? + "\n"
        }
        Some(other) => return Err(Error::Usage(format!("unknown pipeline format `{other}`; use json or yaml")).into()),
    };
    Ok(Json(json!({ "text": text })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canvas_pixels_are_rgba_and_sampled_down() {
        let mut image = Image::new(4, 2, 3);
        image.row_mut(1).copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        let (w, h, px) = rgba(&image, 0);
        assert_eq!((w, h, &px[16..]), (4, 2, &[1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255][..]));
        let (w, h, px) = rgba(&image, 2);
        assert_eq!((w, h, px), (2, 1, vec![0, 0, 0, 255, 0, 0, 0, 255]));
    }
}
