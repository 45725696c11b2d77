//! `pixelpipe serve`: the visual pipeline builder, a page served by the binary itself.
//!
//! One session per server: the page uploads an image, edits a pipeline and asks for runs;
//! the server keeps the image, a proxy of it for previews (at most [`PROXY_PIXELS`]), and a
//! step cache in memory, so a parameter change recomputes only the steps from the changed
//! one on. A newer run cancels the one in flight. The full-resolution result is computed in
//! the background after each preview and exported byte for byte as `pixelpipe run` writes it.
//!
//! Security: the server listens on loopback unless told otherwise, answers only requests
//! addressed to an IP address or `localhost` (against DNS rebinding), and every request must
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
pub use session::{Session, Sessions, PROXY_PIXELS};
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
pub fn serve(sessions: Sessions, options: &Options, ready: impl FnOnce(&str)) -> Result<()> {
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
        let app = router(Arc::new(sessions), options);
        // Ctrl-C ends the process (the command line's signal handlers, src/cleanup.rs): the
        // server holds nothing that needs closing.
        axum::serve(listener, app).await.map_err(|e| Error::processing(format!("the server stopped: {e}")))
    })
}

/// The routes, behind the token check.
pub fn router(sessions: Arc<Sessions>, options: &Options) -> Router {
    let token: Arc<str> = options.token.as_str().into();
    let page: Arc<str> = page().into();
    Router::new()
        .route("/", get(move || async move { Html(page.to_string()) }))
        .route("/api/ops", get(api::ops))
        .route("/api/presets", get(api::presets))
        .route("/api/input", get(api::input))
        .route("/api/image", post(api::upload).layer(DefaultBodyLimit::max(options.max_upload)))
        .route("/api/image/{generation}/{index}", get(api::step_image))
        .route("/api/region/{generation}/{index}", get(api::region))
        .route("/api/formats", get(api::formats))
        .route("/api/session", get(api::heartbeat))
        .route("/api/session/close", post(api::close))
        .route("/api/run", post(api::run))
        .route("/api/export", post(api::export))
        .route("/api/pipeline", post(api::pipeline_text))
        .layer(DefaultBodyLimit::max(api::MAX_JSON))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let token = Arc::clone(&token);
            async move { check_token(&token, request, next).await }
        }))
        .with_state(sessions)
}

/// Whether a `Host` header (or an `Origin`'s host) names this machine by a name no DNS
/// answer can change: an IP address (the server's own when it listens on one) or
/// `localhost`. A page of another site whose name was made to resolve to 127.0.0.1 (DNS
/// rebinding) sends its own name, and is refused before the token is even looked at.
fn allowed_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((ip, port)) if port.is_empty() || port.strip_prefix(':').is_some_and(is_port) => ip,
            _ => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        },
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Refuses a request whose `Host` (or `Origin`, when it has one) is not this machine's by
/// address or `localhost` ([`allowed_host`]), or that does not carry the session token.
async fn check_token(token: &str, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).map(|v| v.to_str().ok().and_then(|o| o.split_once("://")).map(|(_, h)| h));
    let host_ok = host.is_some_and(allowed_host) && origin.is_none_or(|o| o.is_some_and(allowed_host));
    if !host_ok {
        let message = format!(
            "pixelpipe serve: refused a request for host {:?} from origin {:?}; open the address `pixelpipe serve` \
             printed (an IP address or localhost)",
            host.unwrap_or(""),
            headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).unwrap_or("")
        );
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response();
    }
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
    fn hosts_are_addresses_or_localhost() {
        for ok in [
            "127.0.0.1:8501",
            "127.0.0.1",
            "localhost:8501",
            "LOCALHOST",
            "app.localhost:80",
            "[::1]:8501",
            "[::1]",
            "10.0.0.5:8501",
        ] {
            assert!(allowed_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:8501",
            "evil.example",
            "127.0.0.1.nip.io:8501",
            "localhost.evil.example",
            "[::1",
            "[::1]x",
            "127.0.0.1:port",
            "",
        ] {
            assert!(!allowed_host(bad), "{bad}");
        }
    }

    #[test]
    fn the_page_has_its_style_and_script_inlined() {
        let page = page();
        assert!(!page.contains("/* style */") && !page.contains("/* script */"));
        assert!(page.contains("<script>") && page.contains("<style>"));
    }
}
