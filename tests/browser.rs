//! The builder page in a real browser: `pixelpipe serve` driven through Chromium headless
//! (chromedriver, WebDriver). Screenshots of the main states go to target/screenshots/.
//!
//! Needs `chromium` and `chromedriver` (Debian: chromium, chromium-driver). Without them the
//! test says so and passes, unless PIXELPIPE_BROWSER_TESTS=1 (set by .ci/run), where their
//! absence fails it (tests/driver/mod.rs).

mod driver;

use driver::{after, cache_column, generation, screenshot, start_browser, start_server, until};
use fantoccini::{Client, Locator};
use pixelpipe::image::synth;
use serde_json::json;
use std::process::Command;

/// A field of step `index` (0-based).
async fn field(client: &Client, index: usize, param: &str) -> fantoccini::elements::Element {
    let css = format!(".step[data-index=\"{index}\"] .field[data-param=\"{param}\"] input, .step[data-index=\"{index}\"] .field[data-param=\"{param}\"] select");
    client.find(Locator::Css(&css)).await.unwrap()
}

async fn set(client: &Client, index: usize, param: &str, text: &str) {
    let input = field(client, index, param).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

/// A checksum of the result canvas's pixels.
async fn result_sum(client: &Client) -> u64 {
    let script = "const d = window.pixelpipe.state.pixels.result.data; let s = 0; \
                  for (let i = 0; i < d.length; i++) s = (s * 31 + d[i]) % 1000000007; return s;";
    client.execute(script, vec![]).await.unwrap().as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_builder_in_chromium() {
    let Some((_driver, client)) = start_browser().await else { return };
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("input.png");
    pixelpipe::io::save(&synth::visual(640, 480, 3), &input, None).unwrap();
    let (_server, url) = start_server(&["--max-upload", "8MB"]);

    // Without the token, nothing is served.
    let bare = url.split('?').next().unwrap().to_string();
    client.goto(&format!("{bare}api/ops")).await.unwrap();
    let refused = client.find(Locator::Css("body")).await.unwrap().text().await.unwrap();
    assert!(refused.contains("lacks the session token"), "{refused}");

    client.goto(&url).await.unwrap();
    until(&client, "document.body.dataset.ready === 'true'").await;
    let ops = client.find_all(Locator::Css("button.op")).await.unwrap().len();
    assert_eq!(ops, pixelpipe::ops::all().count());

    // Upload, then add RowShift and Dither.
    client.find(Locator::Css("#file-input")).await.unwrap().send_keys(input.to_str().unwrap()).await.unwrap();
    until(&client, "document.body.dataset.generation").await;
    let original = result_sum(&client).await;
    for op in ["RowShift", "Dither"] {
        let g = generation(&client).await;
        client.find(Locator::Css(&format!("button.op[data-op=\"{op}\"]"))).await.unwrap().click().await.unwrap();
        after(&client, g).await;
    }
    let dithered = result_sum(&client).await;
    assert_ne!(dithered, original);

    // A parameter change re-runs from its step: RowShift comes from the cache.
    let g = generation(&client).await;
    set(&client, 1, "levels", "3").await;
    after(&client, g).await;
    until(&client, "!document.body.dataset.error").await;
    let cache = cache_column(&client).await;
    assert_eq!(cache, json!(["hit", "stored"]));
    assert_ne!(result_sum(&client).await, dithered, "the preview changed");
    let preview_ms = until(&client, "Number(document.body.dataset.previewMs)").await;
    println!("preview after a change of the last step: {preview_ms} ms");
    // The inspector reads the pixel under the pointer.
    let script = "const pane = document.querySelector('#pane-result'); const r = pane.getBoundingClientRect();
                  pane.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));
                  return document.querySelector('#inspector').textContent;";
    let inspected = client.execute(script, vec![]).await.unwrap();
    assert!(inspected.as_str().unwrap().contains("result rgba("), "{inspected}");
    screenshot(&client, "builder").await;

    // The export is what `pixelpipe run` writes with the exported pipeline file.
    let exported = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             Promise.all([window.pixelpipe.exportImage('png').then(b => b.arrayBuffer()), window.pixelpipe.pipelineText('json')])
               .then(([png, text]) => done({png: Array.from(new Uint8Array(png)), text}), e => done({error: String(e)}));",
            vec![],
        )
        .await
        .unwrap();
    assert!(exported.get("error").is_none(), "{exported}");
    let png: Vec<u8> = serde_json::from_value(exported["png"].clone()).unwrap();
    let pipeline = work.path().join("exported.json");
    std::fs::write(&pipeline, exported["text"].as_str().unwrap()).unwrap();
    let cli_output = work.path().join("cli.png");
    let status = Command::new(env!("CARGO_BIN_EXE_pixelpipe"))
        .args(["run", pipeline.to_str().unwrap(), "-i", input.to_str().unwrap(), "-o", cli_output.to_str().unwrap()])
        .arg("--no-cache")
        .status()
        .unwrap();
    assert!(status.success());
    assert!(png == std::fs::read(&cli_output).unwrap(), "the page's PNG differs from `pixelpipe run`'s");

    // A bad parameter shows its message at its field, and nothing runs.
    set(&client, 1, "levels", "1").await;
    let message = until(
        &client,
        "document.querySelector('.step[data-index=\"1\"] .field[data-param=\"levels\"] .param-error').textContent",
    )
    .await;
    assert!(message.as_str().unwrap().contains("out of range"), "{message}");
    screenshot(&client, "bad-parameter").await;

    // A preset replaces the steps.
    let g = generation(&client).await;
    client.find(Locator::Css("#preset-select")).await.unwrap().select_by_value("glitch-effect").await.unwrap();
    after(&client, g).await;
    let steps = client.find_all(Locator::Css(".step")).await.unwrap().len();
    assert_eq!(steps, pixelpipe::presets::file("glitch-effect").unwrap().operations.len());
    client
        .execute("document.querySelectorAll('aside, #pipeline').forEach(e => e.scrollTop = 0);", vec![])
        .await
        .unwrap();
    screenshot(&client, "preset").await;
    client.find(Locator::Css("#mode-slider")).await.unwrap().click().await.unwrap();
    screenshot(&client, "preset-slider").await;

    client.close().await.unwrap();
}
