//! The builder's live preview on a 12-megapixel photo:
//!
//! 1. on the server (no browser): the full-resolution region the page shows at 100%, 1600x900,
//!    after a change of the last step's parameter (its preview done, the steps before it
//!    cached at full size by the earlier runs), and after panning to another region, for a
//!    last step of each family (pixel, row, block, pattern);
//! 2. in Chromium: after a change of the last step of `glitch-effect`, how long until the
//!    page shows the new preview (the page's own timing: request, run, pixels fetched and
//!    painted), and whether the full-resolution export equals `pixelpipe run`'s output.
//!
//! `cargo bench --bench serve_preview` (part 2 needs chromium and chromedriver).

#[path = "../tests/driver/mod.rs"]
mod driver;

use driver::{after, cache_column, cli_run, fnv, generation, start_browser, start_server, until, FNV_JS};
use fantoccini::Locator;
use pixelpipe::image::synth;
use pixelpipe::io::{Limits, OutputFormat};
use pixelpipe::pipeline::PipelineFile;
use pixelpipe::serve::Sessions;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Part 1: server time of the 100% region after a change of the last step, and after a pan.
fn regions_on_the_server() {
    let (w, h) = (4000, 3000);
    let photo = pixelpipe::io::encode_to_vec(&synth::visual(w, h, 3), OutputFormat::Jpeg { quality: 90 }).unwrap();
    let sessions = Sessions::new(Limits::NONE, 1 << 30);
    let session = sessions.get("bench").unwrap();
    session.load("photo.jpg", &photo).unwrap();
    let prefix = r#"{"type": "RowShift", "params": {"selection": "odd", "shift_amount": 5}},
                    {"type": "ChannelSwap", "params": {"mapping": {"r": "g", "g": "b", "b": "r"}}}"#;
    let cases = [
        ("pixel", "PixelMath", r#""expression": "r*1.1+{}""#),
        ("row", "RowShift", r#""selection": "even", "shift_amount": {}"#),
        ("block", "BlockRotate", r#""block_width": {}, "block_height": {}, "rotation": 180"#),
        ("pattern", "Mosaic", r#""tile_width": {}, "tile_height": 8"#),
    ];
    println!("12 MP ({w}x{h}) JPEG in the builder, a 1600x900 region at 100% (server time, medians of 7):");
    for (family, op, params) in cases {
        let file = |value: u32| {
            let last = format!(r#"{{"type": "{op}", "params": {{{}}}}}"#, params.replace("{}", &value.to_string()));
            PipelineFile::parse(&format!(r#"{{"operations": [{prefix}, {last}]}}"#), "bench").unwrap()
        };
        // The steps before the last at full size in the cache, as an earlier change leaves them.
        session.preview(file(10)).unwrap();
        session.export(OutputFormat::Ppm).unwrap();
        let (mut changed, mut panned) = (Vec::new(), Vec::new());
        for value in 11..18 {
            let preview = session.preview(file(value)).unwrap();
            let started = Instant::now();
            session.region(preview.generation, 3, (1200, 1000, 1600, 900)).unwrap();
            changed.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            session.region(preview.generation, 3, (2200, 200, 1600, 900)).unwrap();
            panned.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "  {family:<8} (last step {op:<11}): after a change {:.1} ms, after a pan {:.1} ms",
            median(changed),
            median(panned)
        );
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    regions_on_the_server();
    let Some((_driver, client)) = start_browser().await else { return };
    let work = tempfile::tempdir().unwrap();
    let photo = work.path().join("photo.jpg");
    let (w, h) = (4000, 3000);
    pixelpipe::io::save(&synth::visual(w, h, 3), &photo, Some(OutputFormat::Jpeg { quality: 90 })).unwrap();
    let (server, url) = start_server(&["--max-upload", "64MB"]);

    client.goto(&url).await.unwrap();
    until(&client, "document.body.dataset.ready === 'true'").await;
    client.find(Locator::Css("#file-input")).await.unwrap().send_keys(photo.to_str().unwrap()).await.unwrap();
    until(&client, "document.body.dataset.generation").await;
    let g = generation(&client).await;
    client.find(Locator::Css("#preset-select")).await.unwrap().select_by_value("glitch-effect").await.unwrap();
    after(&client, g).await;

    let last = pixelpipe::presets::file("glitch-effect").unwrap().operations.len() - 1;
    let field = format!(".step[data-index=\"{last}\"] .field[data-param=\"shift_amount\"] input");
    let (mut page, mut server_ms) = (Vec::new(), Vec::new());
    for amount in 4..=14 {
        // Quiet time, as between a user's changes: the background full-resolution run of the
        // previous change is cancelled by the next one but may be inside a step.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        let g = generation(&client).await;
        let input = client.find(Locator::Css(&field)).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(&amount.to_string()).await.unwrap();
        after(&client, g).await;
        // The last change's run, not one of the edit on its way.
        until(&client, "Number(document.body.dataset.ran) === window.pixelpipe.state.runs").await;
        page.push(until(&client, "Number(document.body.dataset.previewMs)").await.as_f64().unwrap());
        server_ms.push(until(&client, "Number(document.body.dataset.serverMs)").await.as_f64().unwrap());
    }
    let cache = cache_column(&client).await;
    println!(
        "12 MP ({w}x{h}) JPEG, glitch-effect, a change of step {} (ColumnShift shift_amount), {} changes:",
        last + 1,
        page.len()
    );
    println!(
        "  preview shown after (page timing): median {:.1} ms, min {:.1}, max {:.1}",
        median(page.clone()),
        page.iter().cloned().fold(f64::MAX, f64::min),
        page.iter().cloned().fold(0.0, f64::max)
    );
    println!("  of which the server's run: median {:.1} ms; cache of the last run: {cache}", median(server_ms));

    let started = std::time::Instant::now();
    let script = "const done = arguments[arguments.length - 1];
                  window.pixelpipe.exportImage('png').then(b => b.arrayBuffer()).then(png => { const b = new Uint8Array(png);
                      done({fnv: fnv(b), len: b.length}); }, e => done({error: String(e)}));";
    let exported = client.execute_async(&format!("{FNV_JS} {script}"), vec![]).await.unwrap();
    let export_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(exported.get("error").is_none(), "the export failed: {exported}");
    let cli = std::fs::read(cli_run(&client, work.path(), &photo, "cli.png", &[]).await).unwrap();
    let same = exported["fnv"].as_u64() == Some(fnv(&cli)) && exported["len"].as_u64() == Some(cli.len() as u64);
    println!(
        "  full-resolution PNG export: {export_ms:.0} ms, {} bytes, identical to `pixelpipe run`: {same}",
        cli.len()
    );
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.0.id())).unwrap_or_default();
    if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("  server peak RSS: {}", peak.trim_start_matches("VmHWM:").trim());
    }
    assert!(same, "the page's export differs from `pixelpipe run`");
    client.close().await.unwrap();
}
