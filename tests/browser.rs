//! The builder page in a real browser: `pixelpipe serve` driven through Chromium headless
//! (chromedriver, WebDriver). Screenshots of the main states go to target/screenshots/.
//!
//! Needs `chromium` and `chromedriver` (Debian: chromium, chromium-driver). Without them the
//! test says so and passes, unless PIXELPIPE_BROWSER_TESTS=1 (set by .ci/run), where their
//! absence fails it (tests/driver/mod.rs).

mod driver;

use driver::{after, cache_column, cli_run, fnv, generation, screenshot, start_browser, start_server, until, FNV_JS};
use fantoccini::{Client, Locator};
use pixelpipe::image::synth;
use serde_json::json;

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

/// The two tests take turns: each drives its own Chromium and server.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_builder_in_chromium() {
    let _turn = ONE_AT_A_TIME.lock().await;
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

    // The export is what `pixelpipe run` writes with the page's pipeline.
    let exported = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.pixelpipe.exportImage('png').then(b => b.arrayBuffer())
               .then(png => done(Array.from(new Uint8Array(png))), e => done({error: String(e)}));",
            vec![],
        )
        .await
        .unwrap();
    assert!(exported.get("error").is_none(), "{exported}");
    let png: Vec<u8> = serde_json::from_value(exported).unwrap();
    let cli = std::fs::read(cli_run(&client, work.path(), &input, "cli.png", &[]).await).unwrap();
    assert!(png == cli, "the page's PNG differs from `pixelpipe run`'s");

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

/// The page's full-resolution region of the result: `(x, y, width, height)` and the FNV-1a of
/// its canvas's RGBA bytes, once the region of the latest preview is shown.
async fn shown_region(client: &Client) -> ((u32, u32, u32, u32), u64) {
    until(client, "Number(document.body.dataset.ran) === window.pixelpipe.state.runs").await;
    let shown = "(() => { const d = document.body.dataset; return d.region && d.region.startsWith(d.generation + ':') \
                 && !document.querySelector('#result-full').hidden; })()";
    until(client, shown).await;
    let script = "const c = document.querySelector('#result-full'); \
                  const b = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; \
                  return {region: document.body.dataset.region.split(':')[1], fnv: fnv(b)};";
    let shown = client.execute(&format!("{FNV_JS} {script}"), vec![]).await.unwrap();
    let r: Vec<u32> = shown["region"].as_str().unwrap().split(',').map(|n| n.parse().unwrap()).collect();
    ((r[0], r[1], r[2], r[3]), shown["fnv"].as_u64().unwrap())
}

/// The region shown at 100% is `pixelpipe run`'s output there, byte for byte.
async fn assert_region_is_the_cli_output(client: &Client, dir: &std::path::Path, photo: &std::path::Path) {
    let ((x, y, w, h), shown) = shown_region(client).await;
    let cli = pixelpipe::io::load(&cli_run(client, dir, photo, "cli.png", &[]).await).unwrap();
    let crop = cli.crop(x, y, w, h);
    let rgba: Vec<u8> = if crop.channels() == 4 {
        crop.as_bytes().to_vec()
    } else {
        crop.as_bytes().chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect()
    };
    assert_eq!(
        shown,
        fnv(&rgba),
        "the page's full-resolution region {w}x{h} at ({x}, {y}) differs from `pixelpipe run`"
    );
}

/// A 12-megapixel photo at 100%: the visible region is the full resolution's, after changes of
/// a RowShift and a Mosaic parameter, while a second tab runs another pipeline on another
/// image; the JPEG export at quality 90 is `pixelpipe run --quality 90`'s file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_builder_shows_full_resolution_at_100_percent() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let Some((_driver, client)) = start_browser().await else { return };
    let work = tempfile::tempdir().unwrap();
    let photo = work.path().join("photo.jpg");
    let jpeg = pixelpipe::io::OutputFormat::Jpeg { quality: 92 };
    pixelpipe::io::save(&synth::visual(4000, 3000, 3), &photo, Some(jpeg)).unwrap();
    let other = work.path().join("other.png");
    pixelpipe::io::save(&synth::noise(300, 200, 4, 7), &other, None).unwrap();
    let (_server, url) = start_server(&["--max-upload", "64MB"]);

    client.goto(&url).await.unwrap();
    until(&client, "document.body.dataset.ready === 'true'").await;
    client.find(Locator::Css("#file-input")).await.unwrap().send_keys(photo.to_str().unwrap()).await.unwrap();
    until(&client, "document.body.dataset.generation").await;
    for op in ["RowShift", "Mosaic"] {
        let g = generation(&client).await;
        client.find(Locator::Css(&format!("button.op[data-op=\"{op}\"]"))).await.unwrap().click().await.unwrap();
        after(&client, g).await;
    }
    let label = client.find(Locator::Css("#pane-result .label")).await.unwrap().text().await.unwrap();
    assert!(label.contains("proxy"), "at fit, the proxy is labelled: {label}");
    client.find(Locator::Css("#zoom-100")).await.unwrap().click().await.unwrap();
    let zoom = client.find(Locator::Css("#zoom-level")).await.unwrap().text().await.unwrap();
    assert_eq!(zoom, "100%");
    assert_region_is_the_cli_output(&client, work.path(), &photo).await;
    screenshot(&client, "full-resolution").await;

    // A second tab: another image, another pipeline, its own session.
    let first = client.window().await.unwrap();
    let second = client.new_window(true).await.unwrap();
    client.switch_to_window(second.handle).await.unwrap();
    client.goto(&url).await.unwrap();
    until(&client, "document.body.dataset.ready === 'true'").await;
    client.find(Locator::Css("#file-input")).await.unwrap().send_keys(other.to_str().unwrap()).await.unwrap();
    until(&client, "document.body.dataset.generation").await;
    let g = generation(&client).await;
    client.find(Locator::Css("#preset-select")).await.unwrap().select_by_value("glitch-effect").await.unwrap();
    after(&client, g).await;
    let size = client
        .execute("return [window.pixelpipe.state.image.width, window.pixelpipe.state.pixels.result.width];", vec![])
        .await
        .unwrap();
    assert_eq!(size[0], 300, "the second tab has its own image");
    // Back in the first tab, which the second did not disturb: a RowShift, then a Mosaic
    // parameter changed, each region still the full resolution's.
    client.switch_to_window(first).await.unwrap();
    for (index, param, value) in [(0, "shift_amount", "7"), (1, "tile_width", "12")] {
        let g = generation(&client).await;
        set(&client, index, param, value).await;
        after(&client, g).await;
        assert_region_is_the_cli_output(&client, work.path(), &photo).await;
        let ms = until(&client, "Number(document.body.dataset.regionServerMs)").await;
        println!("region after a change of {param}: {ms} ms on the server (debug build)");
    }

    // The export: JPEG at quality 90, as `pixelpipe run --quality 90` writes it.
    let script = "const done = arguments[arguments.length - 1];
                  window.pixelpipe.exportImage('jpg', 90).then(b => b.arrayBuffer()).then(a => { const b = new Uint8Array(a);
                      done({fnv: fnv(b), len: b.length}); }, e => done({error: String(e)}));";
    let exported = client.execute_async(&format!("{FNV_JS} {script}"), vec![]).await.unwrap();
    assert!(exported.get("error").is_none(), "{exported}");
    let cli = std::fs::read(cli_run(&client, work.path(), &photo, "cli.jpg", &["--quality", "90"]).await).unwrap();
    assert_eq!((exported["len"].as_u64(), exported["fnv"].as_u64()), (Some(cli.len() as u64), Some(fnv(&cli))));
    let formats = client
        .execute("return [...document.querySelectorAll('#export-format option')].map(o => o.value).join(', ');", vec![])
        .await
        .unwrap();
    assert_eq!(formats.as_str().unwrap(), pixelpipe::io::OutputFormat::NAMES);
    client.close().await.unwrap();
}
