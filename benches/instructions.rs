//! The performance regression gate: instructions counted by valgrind's callgrind, which are
//! the same from run to run whatever else the machine does (wall-clock time on this shared
//! 2-core machine moves ±10%).
//!
//! Every operation (its declared example) on a 256x192 RGB image, again on an RGBA one (kernels
//! are compiled per channel count, and one of them once regressed eightfold on RGBA alone), and
//! every preset end to end on the RGB image, is one case. Each runs in its own process under
//! callgrind with collection switched on only inside [`pixelpipe_measured`], so set-up
//! (parsing, building the image) is not counted, on a one-thread pool that is the calling
//! thread (parallel code runs inline and is counted).
//!
//! - `cargo bench --bench instructions`: measures every case and compares it with
//!   `benches/instructions-baseline.json`; exits 1 naming each case that grew by more than the
//!   threshold (or that has no baseline). Run by `.ci/run`.
//! - `cargo bench --bench instructions -- --save`: measures and writes the baseline (after an
//!   intended change; commit the file).
//! - `cargo bench --bench instructions -- --only NAME`: the cases whose name contains NAME.
//!
//! Threshold: [`THRESHOLD`] of the baseline (the counts repeat exactly; the margin allows for
//! a toolchain or dependency update that moves code slightly).

use pixelpipe::core::params::Kind;
use pixelpipe::image::synth;
use pixelpipe::pipeline::PipelineFile;
use pixelpipe::{ops, presets, Context, Pipeline, RunOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A case may grow by this fraction before the gate fails.
const THRESHOLD: f64 = 0.02;
const WIDTH: u32 = 256;
const HEIGHT: u32 = 192;

fn baseline_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/instructions-baseline.json")
}

/// Every case's name: `op/NAME` (RGB), `op-rgba/NAME` and `preset/NAME`.
fn cases() -> Vec<String> {
    let ops = |prefix: &'static str| ops::all().map(move |s| format!("{prefix}/{}", s.name));
    ops("op").chain(ops("op-rgba")).chain(presets::names().map(|n| format!("preset/{n}"))).collect()
}

/// What callgrind counts: everything `work` does, on this thread. Its symbol keeps its plain
/// name (`no_mangle`, which the unsafe_code lint flags) so callgrind can be told to count in it.
#[allow(unsafe_code)]
#[no_mangle]
#[inline(never)]
pub extern "Rust" fn pixelpipe_measured(work: &mut dyn FnMut()) {
    work();
}

/// Runs one case inside [`pixelpipe_measured`] (the process under callgrind).
fn measure(case: &str) {
    rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build_global().expect("one pool");
    let (channels, op) = match case.strip_prefix("op-rgba/") {
        Some(name) => (4, Some(name)),
        None => (3, case.strip_prefix("op/")),
    };
    let img = synth::visual(WIDTH, HEIGHT, channels);
    let ctx = Context::new(WIDTH, HEIGHT, channels);
    if let Some(name) = op {
        let spec = ops::find(name).expect("a registered operation");
        let op = ops::configure(spec.name, &spec.example_params(), false).expect("its example builds");
        op.op.validate(&ctx).expect("its example fits");
        pixelpipe_measured(&mut || {
            std::hint::black_box(op.op.apply(&img, &ctx).expect("runs"));
        });
    } else if let Some(name) = case.strip_prefix("preset/") {
        let pipeline = Pipeline::from_file(&seeded(presets::file(name).expect("a preset")), false).expect("builds");
        pipeline.validate(&ctx).expect("fits");
        let mut input = Some(img);
        pixelpipe_measured(&mut || {
            let out = pipeline.run(input.take().expect("once"), &RunOptions::default()).expect("runs");
            std::hint::black_box(out);
        });
    } else {
        panic!("unknown case {case}");
    }
}

/// `file` with every seed it leaves unset (a new draw from the OS each run) set to 1: a
/// count must not depend on the draw (data-corruption's BlockScramble moved 2.7% with it).
fn seeded(mut file: PipelineFile) -> PipelineFile {
    for step in &mut file.operations {
        let Ok(spec) = ops::find(&step.kind) else { continue };
        for p in spec.params.iter().filter(|p| matches!(p.kind, Kind::Seed { .. })) {
            if step.params.get(p.name).is_none_or(|v| v.is_null()) {
                step.params.insert(p.name.to_string(), 1.into());
            }
        }
    }
    file
}

/// Instructions of `case`, counted in a child process under callgrind.
fn count(case: &str, scratch: &Path) -> Result<u64, String> {
    let out = scratch.join("callgrind.out");
    let status = Command::new("valgrind")
        .args(["--tool=callgrind", "--collect-atstart=no", "--toggle-collect=pixelpipe_measured"])
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(std::env::current_exe().map_err(|e| e.to_string())?)
        .args(["--measure", case])
        .env("RAYON_NUM_THREADS", "1")
        // glibc copies and fills large buffers with `rep movsb`/`rep stosb`, which callgrind
        // counts once per byte, and whether it does depends on sizes and alignment: a change
        // elsewhere moved BlockRotate's count by 22%. Vector loops count steadily.
        .env(
            "GLIBC_TUNABLES",
            "glibc.cpu.x86_rep_movsb_threshold=2147483647:glibc.cpu.x86_rep_stosb_threshold=2147483647",
        )
        .output()
        .map_err(|e| format!("cannot run valgrind ({e}); install it: apt-get install valgrind"))?;
    if !status.status.success() {
        return Err(format!("{case}: {}", String::from_utf8_lossy(&status.stderr)));
    }
    let text = std::fs::read_to_string(&out).map_err(|e| e.to_string())?;
    text.lines()
        .find_map(|l| l.strip_prefix("totals:").or_else(|| l.strip_prefix("summary:")))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("{case}: no instruction total in callgrind's output"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--measure") {
        measure(&args[i + 1]);
        return;
    }
    let save = args.iter().any(|a| a == "--save");
    let only = args.iter().position(|a| a == "--only").map(|i| args[i + 1].clone());
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let baseline: BTreeMap<String, u64> =
        std::fs::read_to_string(baseline_path()).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
    let mut measured = BTreeMap::new();
    let mut failures = Vec::new();
    println!("{:<28} {:>14} {:>14} {:>8}", "case", "instructions", "baseline", "change");
    for case in cases().into_iter().filter(|c| only.as_ref().is_none_or(|o| c.contains(o.as_str()))) {
        let n = match count(&case, scratch.path()) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(2);
            }
        };
        let (base, change) = match baseline.get(&case) {
            Some(&b) => (b.to_string(), format!("{:+.2}%", (n as f64 / b as f64 - 1.0) * 100.0)),
            None => ("-".into(), "new".into()),
        };
        println!("{case:<28} {n:>14} {base:>14} {change:>8}");
        match baseline.get(&case) {
            Some(&b) if n as f64 > b as f64 * (1.0 + THRESHOLD) => {
                failures.push(format!("{case}: {n} instructions, {change} over the baseline {b}"))
            }
            None if !save => failures.push(format!("{case}: no baseline")),
            _ => {}
        }
        measured.insert(case, n);
    }
    if save {
        let mut all = baseline;
        all.extend(measured);
        let text = serde_json::to_string_pretty(&all).expect("serialises") + "\n";
        std::fs::write(baseline_path(), text).expect("baseline written");
        println!("baseline written: {}", baseline_path().display());
        return;
    }
    if !failures.is_empty() {
        eprintln!(
            "performance regression (more than {:.0}% more instructions than benches/instructions-baseline.json):",
            THRESHOLD * 100.0
        );
        for f in &failures {
            eprintln!("  {f}");
        }
        eprintln!("if intended: cargo bench --bench instructions -- --save, and commit the baseline");
        std::process::exit(1);
    }
    println!("instructions: {} cases within {:.0}% of the baseline", measured.len(), THRESHOLD * 100.0);
}
