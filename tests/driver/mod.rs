//! Driving `pixelpipe serve` in Chromium through chromedriver: shared by tests/browser.rs and
//! benches/serve_preview.rs.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills a child process when dropped (a failing test must not leave a server behind).
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tool(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(name)).find(|p| p.is_file())
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `pixelpipe serve` on a free port with `args`; returns it and the page's address.
pub fn start_server(args: &[&str]) -> (Killed, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pixelpipe"))
        .args(["serve", "--port", &free_port().to_string()])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    // Keep reading: a closed pipe would end the server at its next line of output.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = line.trim().strip_prefix("pixelpipe builder: ").unwrap_or_else(|| panic!("{line}")).to_string();
    (Killed(child), url)
}

/// Chromium headless under chromedriver, or `None` when they are not installed (a failure
/// when PIXELPIPE_BROWSER_TESTS=1, as in .ci/run).
pub async fn start_browser() -> Option<(Killed, Client)> {
    let required = std::env::var("PIXELPIPE_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let (Some(driver), Some(_)) = (tool("chromedriver"), tool("chromium").or_else(|| tool("chromium-browser"))) else {
        assert!(!required, "PIXELPIPE_BROWSER_TESTS=1 but chromium or chromedriver is not installed");
        println!("chromium or chromedriver is not installed: the browser was not driven");
        return None;
    };
    let port = free_port();
    let driver = Killed(
        Command::new(driver).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap(),
    );
    Some((driver, browser(port).await))
}

async fn browser(driver_port: u16) -> Client {
    let mut capabilities = serde_json::Map::new();
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1600,1000",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
    capabilities.insert("goog:chromeOptions".into(), json!({ "args": args }));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let url = format!("http://127.0.0.1:{driver_port}");
    let started = Instant::now();
    loop {
        match ClientBuilder::new(connector.clone()).capabilities(capabilities.clone()).connect(&url).await {
            Ok(client) => return client,
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start Chromium through chromedriver: {e}"),
        }
    }
}

/// Evaluates `expression` in the page until it is truthy; returns its value.
pub async fn until(client: &Client, expression: &str) -> Value {
    let started = Instant::now();
    loop {
        let value = client.execute(&format!("return {expression};"), vec![]).await.unwrap();
        let truthy = !matches!(&value, Value::Null | Value::Bool(false)) && value != json!("") && value != json!(0);
        if truthy {
            return value;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "timed out waiting for {expression}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The number of the last finished preview.
pub async fn generation(client: &Client) -> u64 {
    let value = client.execute("return Number(document.body.dataset.generation || 0);", vec![]).await.unwrap();
    value.as_u64().unwrap()
}

pub async fn after(client: &Client, generation: u64) {
    until(client, &format!("Number(document.body.dataset.generation || 0) > {generation}")).await;
}

pub async fn screenshot(client: &Client, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), client.screenshot().await.unwrap()).unwrap();
}

/// The cache column of the page's timings table ("hit", "stored", "–"), one per step.
pub async fn cache_column(client: &Client) -> Value {
    let script =
        "return [...document.querySelectorAll('#timings tbody tr td:nth-child(4)')].map(td => td.textContent);";
    client.execute(script, vec![]).await.unwrap()
}

/// FNV-1a of `bytes`, what [`FNV_JS`] computes in the page: bytes the page holds are
/// compared without sending them.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0x811c9dc5u32, |h, &b| (h ^ b as u32).wrapping_mul(0x01000193)) as u64
}

/// [`fnv`] for the page's scripts: `fnv(bytes)` of a Uint8Array or an ImageData's data.
pub const FNV_JS: &str =
    "const fnv = b => { let h = 0x811c9dc5; for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193) >>> 0; return h; };";

/// The page's pipeline run by `pixelpipe run --no-cache` (with `args`) on `input`, written
/// to `output` in `dir`; returns the output's path.
pub async fn cli_run(client: &Client, dir: &Path, input: &Path, output: &str, args: &[&str]) -> PathBuf {
    let text = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; window.pixelpipe.pipelineText('json').then(done, e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    let pipeline = dir.join("page.json");
    std::fs::write(&pipeline, text.as_str().unwrap()).unwrap();
    let out = dir.join(output);
    let status = Command::new(env!("CARGO_BIN_EXE_pixelpipe"))
        .args([
            "run",
            pipeline.to_str().unwrap(),
            "-i",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--no-cache",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "pixelpipe run failed");
    out
}
