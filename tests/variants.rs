//! Several pipelines on one input: each output is what its pipeline gives alone, whether
//! the pipelines share first steps or not, and the command line names outputs by `{name}`.

use pixelpipe::image::synth;
use pixelpipe::variants::run_variants;
use pixelpipe::{io, Pipeline, PipelineFile, RunOptions};
use std::process::Command;

fn pipeline(steps: &str) -> Pipeline {
    let text = format!(r#"{{"operations": [{steps}]}}"#);
    Pipeline::from_file(&PipelineFile::parse(&text, "test").unwrap(), true).unwrap()
}

const PREFIX: &str = r#"{"type": "RowShift", "params": {"selection": "odd", "shift_amount": 3}},
    {"type": "ChannelSwap", "params": {"mapping": {"r": "b", "b": "r"}}}"#;

fn variants() -> Vec<Pipeline> {
    vec![
        pipeline(&format!(r#"{PREFIX}, {{"type": "Mosaic", "params": {{"tile_width": 4, "tile_height": 3}}}}"#)),
        pipeline(&format!(r#"{PREFIX}, {{"type": "ColumnMirror", "params": {{}}}}"#)),
        pipeline(PREFIX),
        pipeline(r#"{"type": "PixelMath", "params": {"expression": "r * 0.5"}}"#),
        pipeline(&format!(r#"{PREFIX}, {{"type": "Mosaic", "params": {{"tile_width": 4, "tile_height": 3}}}}"#)),
    ]
}

#[test]
fn each_variant_gives_what_its_pipeline_gives_alone() {
    for input in [synth::visual(41, 29, 3), synth::noise(23, 17, 4, 9)] {
        let pipelines = variants();
        let refs: Vec<&Pipeline> = pipelines.iter().collect();
        let results = run_variants(&refs, input.clone()).unwrap();
        assert_eq!(results.len(), pipelines.len());
        for (p, r) in pipelines.iter().zip(results) {
            let alone = p.run(input.clone(), &RunOptions::default()).unwrap();
            let (image, ctx) = r.unwrap();
            assert!(*image == *alone.image);
            assert_eq!(
                (ctx.width, ctx.height, ctx.channels),
                (alone.context.width, alone.context.height, alone.context.channels)
            );
        }
    }
}

#[test]
fn a_pipeline_that_does_not_fit_the_input_is_refused_before_any_work() {
    let good = pipeline(PREFIX);
    // A block larger than the image: refused by validation.
    let bad = pipeline(r#"{"type": "BlockShift", "params": {"block_width": 64, "block_height": 64}}"#);
    assert!(run_variants(&[&good, &bad], synth::visual(8, 8, 3)).is_err());
}

#[test]
fn the_command_line_names_each_output_and_needs_the_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    io::save(&synth::visual(60, 40, 3), &d.join("in.png"), None).unwrap();
    for (name, p) in [
        ("a", r#"{"type": "ColumnMirror", "params": {}}"#),
        ("b", r#"{"type": "Mosaic", "params": {"tile_width": 5, "tile_height": 5}}"#),
    ] {
        std::fs::write(d.join(format!("{name}.json")), format!(r#"{{"operations": [{PREFIX}, {p}]}}"#)).unwrap();
    }
    let bin = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_pixelpipe"));
        c.current_dir(d);
        c
    };
    for name in ["a", "b", "glitch-effect"] {
        let arg = if name == "glitch-effect" { name.to_string() } else { format!("{name}.json") };
        let s = bin().args(["run", &arg, "-i", "in.png", "-o", &format!("single-{name}.png"), "--no-cache"]).output();
        assert!(s.unwrap().status.success());
    }
    // Shared steps once; each as its own job, streamed under a budget too small for the
    // whole image; each as its own job with the cache: the same files as alone.
    for extra in [&["--no-cache"][..], &["--no-cache", "--max-memory", "20KB"], &["--cache-dir", "cache"]] {
        let mut args = vec!["run", "a.json", "b.json", "glitch-effect", "-i", "in.png", "-o", "out-{name}.png"];
        args.extend_from_slice(extra);
        let o = bin().args(&args).output().unwrap();
        assert!(o.status.success(), "{extra:?}: {}", String::from_utf8_lossy(&o.stderr));
        for name in ["a", "b", "glitch-effect"] {
            assert_eq!(
                std::fs::read(d.join(format!("out-{name}.png"))).unwrap(),
                std::fs::read(d.join(format!("single-{name}.png"))).unwrap(),
                "{name} {extra:?}"
            );
            std::fs::remove_file(d.join(format!("out-{name}.png"))).unwrap();
        }
    }
    let mut dry = bin();
    dry.args(["run", "a.json", "glitch-effect", "-i", "in.png", "--dry-run", "--max-memory", "20KB"]);
    let plan = String::from_utf8_lossy(&dry.output().unwrap().stdout).into_owned();
    assert!(plan.starts_with("a:\ninput  60x40 RGB") && plan.matches("why: streamed").count() == 2, "{plan}");
    let o = bin().args(["run", "a.json", "b.json", "-i", "in.png", "-o", "out.png"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("{name}"));
}
