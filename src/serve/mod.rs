//! `pixelpipe serve`: the visual pipeline builder, a page served by the binary itself.
//!
//! One session per server: the page uploads an image, edits a pipeline and asks for runs;
//! the server keeps the image, a proxy of it for previews (at most [`PROXY_PIXELS`]), and a
//! step cache in memory, so a parameter change recomputes only the steps from the changed
//! one on. A newer run cancels the one in flight. The full-resolution result is computed in
//! the background after each preview and exported byte for byte as `pixelpipe run` writes it.
//!
//! Security: the server listens on loopback unless told otherwise, and every request must
//! carry the session's random token (`?token=` in the page's address, then the
//! `x-pixelpipe-token` header), as Jupyter does, so other local pages and users cannot drive
//! it. Bodies are bounded; nothing is read from or written to disk but the image named on the
//! command line. Bad uploads and bad parameters are JSON errors shown in the page.

mod api;
mod session;

use crate::core::{Error, Result};
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
pub use session::{Session, PROXY_PIXELS};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    pub host: IpAddr,
    pub port: u16,
    /// Largest upload, in bytes.
    pub max_upload: usize,
    /// The session token; [`new_token`] makes one.
    pub token: String,
}

/// A random session token: 128 bits from the OS's hasher seeds, as hex.
pub fn new_token() -> String {
    (0..4).map(|_| format!("{:08x}", crate::rng::os_seed())).collect()
}

/// The page: its HTML with the stylesheet and the script inlined (one request, no assets to
/// serve separately).
fn page() -> String {
    include_str!("page/index.html")
        .replace("/* style */", include_str!("page/app.css"))
        .replace("/* script */", include_str!("page/app.js"))
}

/// Serves `session` until the process ends. `ready` is called with the page's
/// address (token included) once the server listens.
pub fn serve(session: Session, options: &Options, ready: impl FnOnce(&str)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::processing(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(async {
        let address = SocketAddr::new(options.host, options.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| Error::Usage(format!("cannot listen on {address}: {e} (choose another --port)")))?;
        let bound = listener.local_addr().map_err(|e| Error::processing(e.to_string()))?;
        let host = match bound.ip() {
            ip if ip.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        };
        ready(&format!("http://{host}:{}/?token={}", bound.port(), options.token));
        let app = router(Arc::new(session), options);
        // Ctrl-C ends the process (the command line's signal handlers, src/cleanup.rs): the
        // server holds nothing that needs closing.
        axum::serve(listener, app).await.map_err(|e| Error::processing(format!("the server stopped: {e}")))
    })
}

/// The routes, behind the token check.
pub fn router(session: Arc<Session>, options: &Options) -> Router {
    let token: Arc<str> = options.token.as_str().into();
    let page: Arc<str> = page().into();
    Router::new()
        .route("/", get(move || async move { Html(page.to_string()) }))
        .route("/api/ops", get(api::ops))
        .route("/api/presets", get(api::presets))
        .route("/api/input", get(api::input))
        .route("/api/image", post(api::upload).layer(DefaultBodyLimit::max(options.max_upload)))
        .route("/api/image/{generation}/{index}", get(api::step_image))
        .route("/api/run", post(api::run))
        .route("/api/export", post(api::export))
        .route("/api/pipeline", post(api::pipeline_text))
        .layer(DefaultBodyLimit::max(api::MAX_JSON))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let token = Arc::clone(&token);
            async move { check_token(&token, request, next).await }
        }))
        .with_state(session)
}

/// Refuses a request that does not carry the session token.
async fn check_token(token: &str, request: Request, next: Next) -> Response {
    let given =
        request.headers().get("x-pixelpipe-token").and_then(|v| v.to_str().ok()).map(str::to_string).or_else(|| {
            let query = request.uri().query()?;
            query.split('&').find_map(|pair| pair.strip_prefix("token=")).map(str::to_string)
        });
    match given {
        Some(given) if same(given.as_bytes(), token.as_bytes()) => next.run(request).await,
        _ => (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "pixelpipe serve: this request lacks the session token; open the address `pixelpipe serve` printed \
             (it ends with ?token=…)",
        )
            .into_response(),
    }
}

/// Equality in time independent of where the bytes differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert!(same(a.as_bytes(), a.as_bytes()) && !same(a.as_bytes(), b.as_bytes()));
        assert!(!same(b"abc", b"abcd"));
    }

    #[test]
    fn the_page_has_its_style_and_script_inlined() {
        let page = page();
        assert!(!page.contains("/* style */") && !page.contains("/* script */"));
        assert!(page.contains("<script>") && page.contains("<style>"));
    }
}
