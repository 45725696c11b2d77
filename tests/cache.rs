//! The step cache end to end: through the library (`Pipeline::run` with a cache handle, and
//! streamed runs), and through the binary (`--no-cache`, `--cache-dir`, `cache
//! stats|clear|gc`, concurrent processes).

use pixelpipe::cache::{Cache, DiskStore, NotStored, Settings, Stats};
use pixelpipe::image::synth;
use pixelpipe::pipeline::RunOutput;
use pixelpipe::stream::{self, CacheReport, StreamOptions, Streamed};
use pixelpipe::{Image, Pipeline, PipelineFile, RunOptions, Source};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::SystemTime;

/// Four channel steps; `change` replaces the parameters of one step (0-based).
fn pipeline(change: Option<usize>) -> Pipeline {
    let mut params = [
        json!({"source": "luminance", "threshold": 0}),
        json!({"mapping": {"r": "g", "g": "r"}}),
        json!({"keep_red": true, "keep_green": true, "keep_alpha": true, "fill_value": 7}),
        json!({"mapping": {"r": "b", "b": "r"}}),
    ];
    let changed = [
        json!({"source": "luminance", "threshold": 100}),
        json!({"mapping": {"r": "b"}}),
        json!({"keep_red": true, "keep_green": true, "keep_alpha": true, "fill_value": 9}),
        json!({"mapping": {"g": "b"}}),
    ];
    if let Some(k) = change {
        params[k] = changed[k].clone();
    }
    let types = ["AlphaGenerator", "ChannelSwap", "ChannelIsolate", "ChannelSwap"];
    let ops: Vec<Value> = types.iter().zip(params).map(|(t, p)| json!({"type": t, "params": p})).collect();
    from_json(&json!({"name": "t", "operations": ops}).to_string())
}

fn from_json(text: &str) -> Pipeline {
    Pipeline::from_file(&PipelineFile::parse(text, "test").unwrap(), false).unwrap()
}

fn input() -> Image {
    synth::noise(96, 64, 3, 11)
}

/// A disk-only cache (memory tier off), as a new process would see it.
fn disk_cache(dir: &Path) -> Cache {
    // Every step stored, whatever it costs (the default skips cheap large outputs).
    Cache::open(Settings { dir: Some(dir.to_path_buf()), memory_size: 0, store_all: true, ..Settings::default() })
}

/// One run in its own cache handle: like one CLI invocation.
fn run_once(p: &Pipeline, img: &Image, dir: &Path) -> (RunOutput, Stats) {
    let cache = disk_cache(dir);
    let out = p.run(img.clone(), &RunOptions { cache: Some(cache.clone()), ..RunOptions::default() }).unwrap();
    (out, cache.close())
}

fn uncached(p: &Pipeline, img: &Image) -> Image {
    Arc::unwrap_or_clone(p.run(img.clone(), &RunOptions::default()).unwrap().image)
}

fn cached_flags(out: &RunOutput) -> Vec<bool> {
    out.timings.iter().map(|t| t.cached).collect()
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "pxc")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn folder_bytes(dir: &Path) -> u64 {
    entries(dir).iter().map(|p| fs::metadata(p).unwrap().len()).sum()
}

/// Steps the `--profile` table shows taken from the cache.
fn hits(profile: &str) -> usize {
    profile.lines().filter(|l| l.ends_with(" hit")).count()
}

#[test]
fn a_rerun_hits_every_step() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pipeline(None);
    let want = uncached(&p, &input());
    let (cold, s) = run_once(&p, &input(), tmp.path());
    assert_eq!(*cold.image, want);
    assert_eq!(cached_flags(&cold), [false; 4]);
    assert_eq!((s.hits, s.misses, s.entries_written), (0, 4, 4));
    assert_eq!(entries(tmp.path()).len(), 4);

    let (warm, s) = run_once(&p, &input(), tmp.path());
    assert_eq!(*warm.image, want, "a hit must give the computed image");
    assert_eq!(cached_flags(&warm), [true; 4]);
    assert_eq!((s.hits, s.disk_hits, s.misses, s.steps_reused, s.entries_written), (1, 1, 0, 4, 0));
    assert_eq!(s.lookups, 1, "the last step is looked up first");
    assert!(s.bytes_read > 0);
    assert_eq!(warm.context, cold.context, "the context is the validated one");

    // Same handle, second run: the memory tier answers without reading the disk.
    let cache = Cache::open(Settings { dir: Some(tmp.path().to_path_buf()), ..Settings::default() });
    let opts = RunOptions { cache: Some(cache.clone()), ..RunOptions::default() };
    p.run(input(), &opts).unwrap();
    let again = p.run(input(), &opts).unwrap();
    assert_eq!(*again.image, want);
    let s = cache.close();
    assert_eq!((s.disk_hits, s.memory_hits), (1, 1));
}

#[test]
fn changing_step_k_recomputes_exactly_steps_k_to_n() {
    for k in 0..4 {
        let tmp = tempfile::tempdir().unwrap();
        run_once(&pipeline(None), &input(), tmp.path());
        let changed = pipeline(Some(k));
        let (out, s) = run_once(&changed, &input(), tmp.path());
        let expect: Vec<bool> = (0..4).map(|i| i < k).collect();
        assert_eq!(cached_flags(&out), expect, "changed step {}", k + 1);
        assert_eq!(*out.image, uncached(&changed, &input()));
        assert_eq!(s.misses as usize, 4 - k);
        assert_eq!(s.entries_written as usize, 4 - k);
        assert_eq!(s.hits, u64::from(k > 0));
    }
}

#[test]
fn parameter_order_and_explicit_defaults_do_not_change_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let a = from_json(
        r#"{"operations": [{"type": "ChannelIsolate", "params": {"keep_green": true, "keep_red": true}},
                           {"type": "AlphaGenerator", "params": {"invert": true, "source": "saturation"}}]}"#,
    );
    let b = from_json(
        r#"{"operations": [{"type": "ChannelIsolate", "params": {"fill_value": 0, "keep_red": true, "keep_green": true, "keep_blue": false}},
                           {"type": "AlphaGenerator", "params": {"source": "saturation", "threshold": 128, "invert": true}}]}"#,
    );
    run_once(&a, &input(), tmp.path());
    let (out, s) = run_once(&b, &input(), tmp.path());
    assert_eq!(cached_flags(&out), [true, true]);
    assert_eq!((s.hits, s.misses), (1, 0));
}

/// Damages the last step's entry with `damage`, re-runs, and checks the result.
fn damaged_entry_is_a_removed_miss(damage: impl Fn(&Path)) {
    let tmp = tempfile::tempdir().unwrap();
    let p = pipeline(None);
    let keys = pixelpipe::cache::Plan::new(&input(), pixelpipe::pipeline::step_ids(&p.steps));
    run_once(&p, &input(), tmp.path());
    let last = DiskStore::new(tmp.path().to_path_buf(), true).path(&keys.keys()[3]);
    damage(&last);
    let damaged = fs::read(&last).unwrap();
    let (out, s) = run_once(&p, &input(), tmp.path());
    assert_eq!(*out.image, uncached(&p, &input()), "never a wrong image");
    assert_eq!(cached_flags(&out), [true, true, true, false], "falls back to step 3");
    assert_eq!(s.removed_corrupt, 1);
    assert_eq!(s.problems.len(), 1, "{:?}", s.problems);
    assert!(s.problems[0].contains(&keys.keys()[3].hex()), "{:?}", s.problems);
    // Removed, then written again by the recomputation.
    assert!(fs::read(&last).unwrap() != damaged, "the damaged file is gone");
    let (out, s) = run_once(&p, &input(), tmp.path());
    assert_eq!((cached_flags(&out), s.removed_corrupt), (vec![true; 4], 0));
}

#[test]
fn corrupt_entries_are_misses_and_removed() {
    damaged_entry_is_a_removed_miss(|p| {
        let mut b = fs::read(p).unwrap();
        let mid = b.len() / 2;
        b[mid] ^= 0xff;
        fs::write(p, b).unwrap();
    });
    // Foreign content under an entry's name.
    damaged_entry_is_a_removed_miss(|p| fs::write(p, b"\x89PNG\r\n\x1a\n not a cache entry at all").unwrap());
}

#[test]
fn truncated_entries_are_misses_and_removed() {
    damaged_entry_is_a_removed_miss(|p| {
        let len = fs::metadata(p).unwrap().len();
        fs::OpenOptions::new().write(true).open(p).unwrap().set_len(len - 1).unwrap();
    });
    damaged_entry_is_a_removed_miss(|p| {
        fs::OpenOptions::new().write(true).open(p).unwrap().set_len(50).unwrap();
    });
}

#[test]
fn zero_length_entries_are_misses_and_removed() {
    damaged_entry_is_a_removed_miss(|p| fs::write(p, b"").unwrap());
}

#[test]
fn size_cap_holds_after_many_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let cap = 100 * 1024;
    let p = pipeline(None);
    let settings =
        Settings { dir: Some(tmp.path().to_path_buf()), max_size: cap, memory_size: 0, ..Settings::default() };
    let cache = Cache::open(settings.clone());
    let opts = RunOptions { cache: Some(cache.clone()), ..RunOptions::default() };
    // 40 runs × 4 entries of about 25 KB (noise does not compress): ~4 MB written.
    for seed in 0..40 {
        p.run(synth::noise(80, 80, 4, seed), &opts).unwrap();
    }
    drop(opts);
    let s = cache.close();
    assert_eq!(s.entries_written, 160);
    assert!(s.evicted > 100, "{s:?}");
    let total = folder_bytes(tmp.path());
    assert!(total <= cap, "{total} bytes on disk, cap {cap}");
    assert!(total > cap / 2, "eviction keeps the recent entries ({total})");
    // The most recent run is still fully cached.
    let (out, _) = run_once(&p, &synth::noise(80, 80, 4, 39), tmp.path());
    assert_eq!(cached_flags(&out), [true; 4]);
}

#[test]
fn concurrent_handles_writing_the_same_keys_leave_a_valid_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pipeline(None);
    let img = synth::gradient(300, 200, 4);
    std::thread::scope(|scope| {
        for _ in 0..6 {
            scope.spawn(|| {
                for _ in 0..3 {
                    run_once(&p, &img, tmp.path());
                }
            });
        }
    });
    assert_valid_and_complete(tmp.path(), &p, &img);
}

fn assert_valid_and_complete(dir: &Path, p: &Pipeline, img: &Image) {
    let sweep = DiskStore::new(dir.to_path_buf(), true).sweep(u64::MAX).unwrap();
    assert_eq!((sweep.removed_corrupt, sweep.entries), (0, 4), "{sweep:?}");
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Every entry reads back: drop the later ones step by step.
    let want = uncached(p, img);
    let (out, s) = run_once(p, img, dir);
    assert_eq!((cached_flags(&out), s.removed_corrupt), (vec![true; 4], 0));
    assert_eq!(*out.image, want);
}

// ---- through the binary ----

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pixelpipe"));
    // Keep the user's configuration and cache out of it.
    for (k, _) in std::env::vars() {
        if k.starts_with("PIXELPIPE_") {
            c.env_remove(k);
        }
    }
    c
}

/// A work folder with an input image and the pipeline file; commands run inside it.
struct Work {
    dir: tempfile::TempDir,
}

impl Work {
    fn new() -> Work {
        let dir = tempfile::tempdir().unwrap();
        pixelpipe::io::save(&synth::gradient(120, 90, 3), &dir.path().join("in.png"), None).unwrap();
        let ops = r#"{"operations": [{"type": "AlphaGenerator", "params": {"threshold": 0}},
            {"type": "ChannelSwap", "params": {"mapping": {"r": "g", "g": "r"}}},
            {"type": "ChannelIsolate", "params": {"keep_alpha": true, "keep_blue": true}}]}"#;
        fs::write(dir.path().join("p.json"), ops).unwrap();
        Work { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = bin();
        c.current_dir(self.dir.path())
            .env("HOME", self.path("home"))
            .env("XDG_CACHE_HOME", self.path("xdg"))
            .args(args);
        c
    }

    /// Standard output and error together.
    fn ok(&self, args: &[&str]) -> String {
        self.ok_with(self.cmd(args))
    }

    fn ok_with(&self, c: Command) -> String {
        let (out, err) = self.output(c);
        out + &err
    }

    fn output(&self, mut c: Command) -> (String, String) {
        let out = c.output().unwrap();
        let (stdout, stderr) =
            (String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string());
        assert!(out.status.success(), "{c:?} failed: {stdout}{stderr}");
        (stdout, stderr)
    }
}

/// Every file with its length, mtime and bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime, Vec<u8>)> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let m = fs::metadata(&p).unwrap();
            (p.clone(), (m.len(), m.modified().unwrap(), fs::read(&p).unwrap()))
        })
        .collect()
}

#[test]
fn no_cache_reads_and_writes_nothing() {
    let w = Work::new();
    let cache = w.path("cache");
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "p.json", "-i", "in.png", "-o", "out.png", "--profile"];
        args.extend_from_slice(extra);
        let mut c = w.cmd(&args);
        c.env("PIXELPIPE_CACHE_DIR", &cache);
        w.ok_with(c)
    };
    run(&["--no-cache"]);
    assert!(!cache.exists(), "--no-cache must not create the folder");
    assert!(!w.path("xdg").exists() && !w.path("home").exists());
    // Without the flag, the environment's folder is used...
    let text = run(&[]);
    assert!(text.contains("cache: 0 hits"), "{text}");
    assert_eq!(entries(&cache).len(), 3);
    // ...and a populated folder is left exactly as it was (no reads touch mtimes either).
    let before = snapshot(&cache);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = run(&["--no-cache"]);
    assert!(hits(&text) == 0 && !text.contains("stored") && !text.contains("cache:"), "{text}");
    assert_eq!(snapshot(&cache), before);
    // While a cached re-run touches them (the test can fail).
    let text = run(&[]);
    assert!(hits(&text) > 0 && text.contains("cache: 1 hit"), "{text}");
    assert_ne!(snapshot(&cache), before);

    // `enabled: false` in the config file turns it off the same way.
    let w = Work::new();
    fs::write(w.path("pixelpipe.yaml"), "cache:\n  enabled: false\n  dir: off-cache\n").unwrap();
    w.ok(&["apply", "ChannelSwap", "-i", "in.png", "-o", "a.png"]);
    assert!(!w.path("off-cache").exists() && !w.path("xdg").exists());
}

#[test]
fn cache_dir_flag_config_file_and_cache_commands() {
    let w = Work::new();
    // The config file names a folder; the flag wins over it.
    fs::write(w.path("pixelpipe.yaml"), "cache:\n  dir: from-file\n  max_size: 10MB\n  colour: blue\n").unwrap();
    let text = w.ok(&["apply", "ChannelSwap", "-i", "in.png", "-o", "a.png"]);
    assert!(text.contains("unknown key `cache.colour`"), "{text}");
    assert_eq!(entries(&w.path("from-file")).len(), 1);
    w.ok(&["apply", "ChannelSwap", "-i", "in.png", "-o", "b.png", "--cache-dir", "flagged"]);
    assert_eq!(entries(&w.path("flagged")).len(), 1);
    assert_eq!(fs::read(w.path("a.png")).unwrap(), fs::read(w.path("b.png")).unwrap());

    w.ok(&["run", "p.json", "-i", "in.png", "-o", "c.png"]);
    w.ok(&["run", "p.json", "-i", "in.png", "-o", "d.png"]);
    assert_eq!(fs::read(w.path("c.png")).unwrap(), fs::read(w.path("d.png")).unwrap());
    let stats: Value = serde_json::from_str(&w.output(w.cmd(&["cache", "stats", "--json"])).0).unwrap();
    assert_eq!(stats["usage"]["entries"], 4);
    assert_eq!(stats["max_size"], 10 << 20);
    assert_eq!(stats["totals"]["runs"], 3);
    assert_eq!(stats["totals"]["hits"], 1);
    assert_eq!(stats["totals"]["per_op"]["ChannelIsolate"]["hits"], 1);
    let text = w.ok(&["cache", "stats"]);
    assert!(text.contains("entries         4") && text.contains("hit rate"), "{text}");

    // gc: an entry of an old format version goes, the others stay.
    let old = entries(&w.path("from-file"))[0].clone();
    let mut bytes = fs::read(&old).unwrap();
    bytes[8..12].copy_from_slice(&0u32.to_le_bytes());
    fs::write(&old, bytes).unwrap();
    let text = w.ok(&["cache", "gc"]);
    assert!(text.contains("1 of old format versions") && text.contains("3 entries"), "{text}");
    let text = w.ok(&["cache", "clear", "--cache-dir", "flagged"]);
    assert!(text.contains("removed 3 files"), "entry, input alias and stats: {text}");
    assert!(entries(&w.path("flagged")).is_empty());
}

#[test]
fn concurrent_processes_writing_the_same_keys_leave_a_valid_cache() {
    let w = Work::new();
    let children: Vec<_> = (0..4)
        .map(|i| {
            let out = format!("o{i}.png");
            w.cmd(&["run", "p.json", "-i", "in.png", "-o", &out, "--cache-dir", "shared"]).spawn().unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let text = w.ok(&["cache", "gc", "--cache-dir", "shared"]);
    assert!(text.contains("removed 0 damaged") && text.contains("3 entries"), "{text}");
    let text = w.ok(&["run", "p.json", "-i", "in.png", "-o", "again.png", "--cache-dir", "shared", "--profile"]);
    assert_eq!(hits(&text), 3, "{text}");
    assert_eq!(fs::read(w.path("o0.png")).unwrap(), fs::read(w.path("again.png")).unwrap());
}

fn aliases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "pxa")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn encoded(img: &Image) -> Source {
    let bytes = pixelpipe::io::encode_to_vec(img, pixelpipe::io::OutputFormat::Png).unwrap();
    Source::Encoded { bytes, origin: "mem.png".into() }
}

fn run_encoded(p: &Pipeline, img: &Image, dir: &Path) -> (RunOutput, Stats) {
    let cache = disk_cache(dir);
    let out = p.run_source(encoded(img), &RunOptions { cache: Some(cache.clone()), ..RunOptions::default() }).unwrap();
    (out, cache.close())
}

#[test]
fn a_known_encoded_input_resumes_without_decoding() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pipeline(None);
    let want = uncached(&p, &input());
    let (cold, s) = run_encoded(&p, &input(), tmp.path());
    assert!(cold.decode.is_some() && !cold.decode_skipped);
    assert_eq!((*cold.image == want, s.decodes_skipped), (true, 0));
    assert_eq!(aliases(tmp.path()).len(), 1, "the decode records the input's alias");
    let (warm, s) = run_encoded(&p, &input(), tmp.path());
    assert!(warm.decode.is_none() && warm.decode_skipped, "the alias spares decoding");
    assert_eq!(*warm.image, want);
    assert_eq!(cached_flags(&warm), [true; 4]);
    assert_eq!((s.decodes_skipped, s.disk_hits, s.misses), (1, 1, 0));
    // The alias knows k0, so a change of the last step resumes from step 3, still undecoded.
    let changed = pipeline(Some(3));
    let (out, s) = run_encoded(&changed, &input(), tmp.path());
    assert!(out.decode_skipped);
    assert_eq!(cached_flags(&out), [true, true, true, false]);
    assert_eq!(*out.image, uncached(&changed, &input()));
    assert_eq!((s.decodes_skipped, s.misses), (1, 1));
    // Decoded inputs (Pipeline::run) share the same entries: k0 is the pixels' hash.
    let (out, s) = run_once(&p, &input(), tmp.path());
    assert_eq!((cached_flags(&out), s.hits), (vec![true; 4], 1));
    // Every entry gone: the input is decoded after all, with the same result.
    for e in entries(tmp.path()) {
        fs::remove_file(e).unwrap();
    }
    let (out, s) = run_encoded(&p, &input(), tmp.path());
    assert!(out.decode.is_some() && !out.decode_skipped);
    assert_eq!((*out.image == want, s.misses, s.entries_written), (true, 4, 4));
}

#[test]
fn a_damaged_alias_is_a_removed_miss() {
    let tmp = tempfile::tempdir().unwrap();
    let p = pipeline(None);
    run_encoded(&p, &input(), tmp.path());
    let alias = aliases(tmp.path()).remove(0);
    for truncate in [false, true] {
        let mut bytes = fs::read(&alias).unwrap();
        if truncate {
            bytes.truncate(20);
        } else {
            bytes[40] ^= 0x10;
        }
        fs::write(&alias, bytes).unwrap();
        let (out, s) = run_encoded(&p, &input(), tmp.path());
        assert!(!out.decode_skipped && out.decode.is_some(), "a damaged alias means decoding");
        assert_eq!(*out.image, uncached(&p, &input()));
        assert_eq!(cached_flags(&out), [true; 4], "the entries are still found by the pixels' k0");
        assert_eq!(s.removed_corrupt, 1);
        assert!(s.problems.iter().any(|m| m.contains("input alias")), "{:?}", s.problems);
        // Removed, then recorded afresh by the decode.
        assert_eq!(aliases(tmp.path()), std::slice::from_ref(&alias));
        let (out, _) = run_encoded(&p, &input(), tmp.path());
        assert!(out.decode_skipped);
    }
}

#[test]
fn a_changed_input_file_never_reuses_the_old_result() {
    let w = Work::new();
    let run = || w.ok(&["run", "p.json", "-i", "in.png", "-o", "out.png", "--cache-dir", "c", "--profile"]);
    run();
    let text = run();
    assert!(text.contains("not decoded"), "{text}");
    // Same path, other pixels (and the same size, so only the bytes tell them apart).
    let other = synth::noise(120, 90, 3, 5);
    pixelpipe::io::save(&other, &w.path("in.png"), None).unwrap();
    let text = run();
    assert!(!text.contains("not decoded") && hits(&text) == 0, "{text}");
    let p = Pipeline::load(&w.path("p.json"), false).unwrap();
    assert_eq!(pixelpipe::io::load(&w.path("out.png")).unwrap(), *p.run(other, &RunOptions::default()).unwrap().image);
    assert_eq!(aliases(&w.path("c")).len(), 2);
    // Standard input is looked up by its bytes the same way.
    let mut c = w.cmd(&["run", "p.json", "-i", "-", "-o", "out2.png", "--cache-dir", "c", "--profile"]);
    c.stdin(fs::File::open(w.path("in.png")).unwrap());
    let text = w.ok_with(c);
    assert!(text.contains("not decoded"), "{text}");
    assert_eq!(fs::read(w.path("out2.png")).unwrap(), fs::read(w.path("out.png")).unwrap());
}

/// The default store policy (not `store_all`) is cost-based: an expensive step's output is
/// stored on the first run of an input even when the next step would have changed it in place
/// (the copy that step then makes costs far less than the step), so the first tweak of the
/// last step resumes after it.
#[test]
fn the_first_tweak_of_the_last_step_resumes_after_an_expensive_step() {
    let tmp = tempfile::tempdir().unwrap();
    // 1500x1000 RGB (4.5 MB, above the always-stored size): Floyd–Steinberg takes far longer
    // than storing its output and copying it for RowShift.
    let img = synth::noise(1500, 1000, 3, 3);
    let p = |shift: i64| {
        from_json(
            &json!({"operations": [
                {"type": "Dither", "params": {"levels": 4}},
                // An opaque fill keeps the image RGB: RowShift works in place.
                {"type": "RowShift", "params": {"shift_amount": shift, "fill_color": [0, 0, 0, 255]}},
            ]})
            .to_string(),
        )
    };
    let run = |p: &Pipeline| {
        let cache =
            Cache::open(Settings { dir: Some(tmp.path().to_path_buf()), memory_size: 0, ..Settings::default() });
        let out = p.run_source(encoded(&img), &RunOptions { cache: Some(cache.clone()), ..RunOptions::default() });
        (out.unwrap(), cache.close())
    };
    let (_, s) = run(&p(5));
    assert_eq!((s.entries_written, s.stores_skipped), (2, 0));
    let tweaked = p(9);
    let (out, _) = run(&tweaked);
    assert_eq!(cached_flags(&out), [true, false]);
    assert_eq!(*out.image, uncached(&tweaked, &img));
}

/// Without a folder there is no alias to look up: the encoded input is decoded and hashed
/// every time, and the memory tier serves the re-run.
#[test]
fn a_memory_only_cache_runs_encoded_inputs() {
    let p = pipeline(None);
    let cache = Cache::open(Settings::default());
    let opts = RunOptions { cache: Some(cache.clone()), ..RunOptions::default() };
    let cold = p.run_source(encoded(&input()), &opts).unwrap();
    let warm = p.run_source(encoded(&input()), &opts).unwrap();
    assert!(!warm.decode_skipped && warm.decode.is_some());
    assert_eq!(cached_flags(&cold), [false; 4]);
    assert_eq!(cached_flags(&warm), [true; 4]);
    assert!(Arc::ptr_eq(&cold.image, &warm.image));
}

#[test]
fn an_unusable_cache_folder_costs_one_warning_never_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let not_a_folder = tmp.path().join("cache");
    fs::write(&not_a_folder, b"a file").unwrap();
    let (p, img) = (pipeline(None), input());
    let (out, stats) = run_once(&p, &img, &not_a_folder);
    assert_eq!(*out.image, uncached(&p, &img));
    let writes: Vec<_> = stats.problems.iter().filter(|m| m.starts_with("cannot write")).collect();
    assert_eq!(writes.len(), 1, "{:?}", stats.problems);
    assert!(writes[0].contains("is a file, not a folder") && writes[0].ends_with("not cached"), "{writes:?}");
    assert_eq!(stats.entries_written, 0);
    assert_eq!(fs::read(&not_a_folder).unwrap(), b"a file");
}

/// A step whose seed is drawn from the OS gives a result no later run can ask for: neither
/// it nor any step after it is stored; the steps before it are.
#[test]
fn steps_from_an_unseeded_random_one_on_are_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let p = from_json(
        &json!({"operations": [
            {"type": "ChannelSwap"},
            {"type": "BlockScramble", "params": {"block_size": 8}},
            {"type": "ChannelSwap"}]})
        .to_string(),
    );
    let (_, stats) = run_once(&p, &input(), dir.path());
    assert!(stats.problems.is_empty(), "{:?}", stats.problems);
    assert_eq!(entries(dir.path()).len(), 1, "only the step before the unseeded one");
    let seeded = from_json(
        &json!({"operations": [{"type": "BlockScramble", "params": {"block_size": 8, "seed": 3}}]}).to_string(),
    );
    run_once(&seeded, &input(), dir.path());
    assert_eq!(entries(dir.path()).len(), 2, "a seeded random step is stored");
}

/// One streamed run of the image file `input` in its own cache handle (like one CLI
/// invocation with `--stream always`), in bands of 7 rows.
fn streamed_once(p: &Pipeline, input: &Path, cache: Cache) -> pixelpipe::Result<(Image, CacheReport, Stats)> {
    let source = stream::open_source(input, &p.limits)?;
    let opts = StreamOptions { band_rows: Some(7), ..StreamOptions::default() };
    let (image, done) = Streamed::with_cache(p, source, Some(input), Some(&cache), &opts)?.assemble()?;
    Ok((image, done.cache.expect("run with a cache"), cache.close()))
}

/// A work folder holding [`input`] as `in.png`, and the path of a cache folder in it.
fn input_file() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, file) = (tmp.path().join("cache"), tmp.path().join("in.png"));
    pixelpipe::io::save(&input(), &file, None).unwrap();
    (tmp, dir, file)
}

/// The entry file of the last step of `p` on [`input`].
fn last_entry(p: &Pipeline, dir: &Path) -> PathBuf {
    let keys = pixelpipe::cache::Plan::new(&input(), pixelpipe::pipeline::step_ids(&p.steps));
    DiskStore::new(dir.to_path_buf(), true).path(keys.keys().last().unwrap())
}

/// Files of the folder other than entries, aliases and the statistics: what a failed or
/// abandoned write would leave behind.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let ours = |p: &PathBuf| {
        p.extension().is_some_and(|x| x == "pxc" || x == "pxa") || p.file_name().is_some_and(|n| n == "stats.json")
    };
    fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).filter(|p| !ours(p)).collect()).unwrap_or_default()
}

#[test]
fn a_streamed_run_stores_its_output_band_by_band_and_a_rerun_reads_it_back() {
    let (_tmp, dir, file) = input_file();
    let p = pipeline(None);
    let expected = uncached(&p, &input());

    // Every step's output, band by band (the cache stores all of them).
    let (first, report, stats) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert!(first == expected);
    assert_eq!(report, CacheReport { resumed_after: None, stored: Ok(true), intermediates: vec![1, 2, 3] });
    assert_eq!(
        (stats.entries_written, stats.misses, entries(&dir).len(), aliases(&dir).len()),
        (4, 0, 4, 1),
        "{stats:?}"
    );

    // Known by its bytes: the input is not decoded, the output is read from its entry.
    let (second, report, stats) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert!(second == expected);
    assert_eq!(report, CacheReport { resumed_after: Some(4), stored: Ok(false), intermediates: vec![] });
    assert_eq!((stats.disk_hits, stats.decodes_skipped, stats.entries_written), (1, 1, 0), "{stats:?}");
    assert_eq!(stats.bytes_read, fs::metadata(last_entry(&p, &dir)).unwrap().len());

    // A whole-image run of the same file finds the streamed run's alias and entry.
    let cache = disk_cache(&dir);
    let source = Source::Encoded { bytes: fs::read(&file).unwrap(), origin: "in.png".into() };
    let out = p.run_source(source, &RunOptions { cache: Some(cache.clone()), ..RunOptions::default() }).unwrap();
    assert!(*out.image == expected && out.decode_skipped, "{:?}", cached_flags(&out));
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn a_streamed_run_resumes_from_a_step_a_whole_image_run_stored() {
    let (_tmp, dir, file) = input_file();
    let cache = disk_cache(&dir);
    let source = Source::Encoded { bytes: fs::read(&file).unwrap(), origin: "in.png".into() };
    pipeline(None).run_source(source, &RunOptions { cache: Some(cache.clone()), ..RunOptions::default() }).unwrap();
    cache.close();
    // The last step changed: steps 1 to 3 come from the cache, step 4 runs in bands.
    let p = pipeline(Some(3));
    let (image, report, stats) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert!(image == uncached(&p, &input()));
    assert_eq!(report, CacheReport { resumed_after: Some(3), stored: Ok(true), intermediates: vec![] });
    assert_eq!((stats.misses, stats.steps_reused, stats.decodes_skipped), (1, 3, 1), "{stats:?}");
    assert_eq!(entries(&dir).len(), 5);
}

/// A truncated input found half way through a streamed run: an error, and neither an
/// output, an entry, an alias nor a temporary file is left.
#[test]
fn a_streamed_run_that_fails_half_way_leaves_nothing_in_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, file, output) = (tmp.path().join("cache"), tmp.path().join("in.png"), tmp.path().join("out.png"));
    pixelpipe::io::save(&synth::noise(300, 400, 3, 1), &file, None).unwrap();
    let bytes = fs::read(&file).unwrap();
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let p = pipeline(None);
    let cache = disk_cache(&dir);
    let source = stream::open_source(&file, &p.limits).unwrap();
    let opts = StreamOptions { band_rows: Some(16), ..StreamOptions::default() };
    let run = Streamed::with_cache(&p, source, Some(&file), Some(&cache), &opts).unwrap();
    let e = run.write(&output, pixelpipe::io::OutputFormat::Png).unwrap_err();
    assert!(matches!(e.root(), pixelpipe::Error::Decode { .. }), "{e}");
    let stats = cache.close();
    assert!(!output.exists());
    assert_eq!((entries(&dir).len(), aliases(&dir).len(), stats.entries_written), (0, 0, 0));
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

/// An entry that outgrows the cache's cap is abandoned as it is written, and said so.
#[test]
fn a_streamed_output_larger_than_the_cap_is_not_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, file) = (tmp.path().join("cache"), tmp.path().join("in.png"));
    // Noise does not compress: 300x200x3 is 180 KB of entry.
    let image = synth::noise(300, 200, 3, 2);
    pixelpipe::io::save(&image, &file, None).unwrap();
    let p = pipeline(None);
    let cache = Cache::open(Settings { dir: Some(dir.clone()), max_size: 100 << 10, ..Settings::default() });
    let (out, report, stats) = streamed_once(&p, &file, cache).unwrap();
    assert!(out == uncached(&p, &image));
    assert!(matches!(report.stored, Err(NotStored::TooLarge(n)) if n > 100 << 10), "{report:?}");
    assert!(report.describe().contains("outgrew the cache's cap"), "{}", report.describe());
    assert_eq!((entries(&dir).len(), stats.entries_written, stats.stores_skipped), (0, 0, 4), "no step's output");
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));

    // A budget the run fits but not the entry's buffers beside it: the run goes on, unstored.
    let source = || stream::open_source(&file, &p.limits).unwrap();
    let bands = StreamOptions { band_rows: Some(7), ..StreamOptions::default() };
    let peak = Streamed::new(&p, source(), &bands).unwrap().plan().peak;
    let tight = StreamOptions { budget: Some(peak + 1000), ..bands };
    let cache = disk_cache(&dir);
    let run = Streamed::with_cache(&p, source(), Some(&file), Some(&cache), &tight).unwrap();
    assert_eq!(run.plan().peak, peak);
    let (out, done) = run.assemble().unwrap();
    assert!(out == uncached(&p, &image));
    let report = done.cache.unwrap();
    assert!(matches!(report.stored, Err(NotStored::NoRoom(_))), "{report:?}");
    assert!(report.describe().contains("more than the memory budget leaves"), "{}", report.describe());
    cache.close();
    assert_eq!(entries(&dir).len(), 0);
}

/// A damaged entry is found before any row is read from it: a miss, removed and reported,
/// and the run goes on from the step before and stores the output again.
#[test]
fn a_damaged_entry_is_a_removed_miss_for_a_streamed_run() {
    let (_tmp, dir, file) = input_file();
    let p = pipeline(None);
    streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    let entry = last_entry(&p, &dir);
    let mut bytes = fs::read(&entry).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x40;
    fs::write(&entry, bytes).unwrap();
    let (image, report, stats) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert!(image == uncached(&p, &input()));
    assert_eq!(report, CacheReport { resumed_after: Some(3), stored: Ok(true), intermediates: vec![] });
    assert_eq!(stats.removed_corrupt, 1, "{stats:?}");
    assert!(stats.problems.iter().any(|m| m.contains("checksum")), "{:?}", stats.problems);
    // Stored again, sound.
    let (_, report, _) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert_eq!(report.resumed_after, Some(4));
}

#[test]
fn the_cli_streams_with_the_cache() {
    let w = Work::new();
    let args =
        ["run", "p.json", "-i", "in.png", "-o", "out.png", "--stream", "always", "--cache-dir", "c", "--profile"];
    let first = w.ok(&args);
    assert!(first.contains("cache: the output was stored"), "{first}");
    let again = w.ok(&args);
    assert!(again.contains("cache: resumed after step 3, read from its cache entry"), "{again}");
    let whole = w.ok(&["run", "p.json", "-i", "in.png", "-o", "whole.png", "--stream", "never", "--no-cache"]);
    assert!(whole.is_empty(), "{whole}");
    assert_eq!(fs::read(w.path("out.png")).unwrap(), fs::read(w.path("whole.png")).unwrap());
}

/// Memory that has run short.
struct Short;

impl pixelpipe::memory::MemorySource for Short {
    fn available(&self) -> Option<u64> {
        Some(0)
    }
}

/// Short of memory during a whole-image run, the cache's memory tier is let go before the
/// next step: what it held is recomputed by later runs.
#[test]
fn memory_pressure_lets_go_of_the_memory_tier() {
    let cache = Cache::open(Settings::default()); // memory tier only
    let run = |p: &Pipeline, memory: Option<Arc<pixelpipe::memory::MemoryManager>>| {
        let opts = RunOptions { cache: Some(cache.clone()), memory, ..RunOptions::default() };
        p.run(input(), &opts).unwrap()
    };
    run(&pipeline(None), None);
    let memory = Arc::new(pixelpipe::memory::MemoryManager::new(Short, None, 1 << 20));
    let released = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let (tier, freed) = (cache.clone(), Arc::clone(&released));
    memory.on_pressure(Box::new(move || {
        let bytes = tier.release_memory();
        freed.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
        bytes
    }));
    // Steps 1 to 3 come from the tier; before step 4 the tier is let go.
    let out = run(&pipeline(Some(3)), Some(memory));
    assert_eq!(cached_flags(&out), [true, true, true, false]);
    assert!(*out.image == uncached(&pipeline(Some(3)), &input()));
    assert!(released.load(std::sync::atomic::Ordering::Relaxed) >= 3 * 96 * 64 * 4, "the four first outputs");
    let again = run(&pipeline(None), None);
    assert_eq!(cached_flags(&again), [false; 4], "all of them gone");
}

/// A streamed run resumes from an intermediate step an earlier streamed run stored; a step
/// whose rows a later step skips (a crop) has no whole output, so no entry.
#[test]
fn streamed_runs_store_intermediates_and_resume_from_them() {
    let (_tmp, dir, file) = input_file();
    streamed_once(&pipeline(None), &file, disk_cache(&dir)).unwrap();
    let p = pipeline(Some(2));
    let (image, report, _) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert!(image == uncached(&p, &input()));
    assert_eq!(report, CacheReport { resumed_after: Some(2), stored: Ok(true), intermediates: vec![3] });

    let cropped = from_json(
        r#"{"operations": [{"type": "ChannelSwap", "params": {"mapping": {"r": "b", "b": "r"}}},
        {"type": "AspectCrop", "params": {"target_ratio": "3:1", "anchor": "center"}}]}"#,
    );
    let (image, report, stats) = streamed_once(&cropped, &file, disk_cache(&dir)).unwrap();
    assert!(image == uncached(&cropped, &input()));
    assert_eq!(report, CacheReport { resumed_after: None, stored: Ok(true), intermediates: vec![] });
    assert_eq!(stats.entries_written, 1);
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

/// A JPEG input streamed with the cache on hashes its rows as they are decoded, as a PNG's:
/// the streamed run stores its output under the whole decode's keys, a re-run reads it back
/// without decoding, and a whole-image run of the same file finds it too.
#[test]
fn a_streamed_jpeg_input_is_cached_like_a_png() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, file) = (tmp.path().join("cache"), tmp.path().join("in.jpg"));
    pixelpipe::io::save(&input(), &file, None).unwrap();
    let decoded = pixelpipe::io::load(&file).unwrap();
    let p = pipeline(None);
    let expected = uncached(&p, &decoded);
    let (first, report, _) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert!(first == expected);
    assert_eq!(report, CacheReport { resumed_after: None, stored: Ok(true), intermediates: vec![1, 2, 3] });
    let (second, report, stats) = streamed_once(&p, &file, disk_cache(&dir)).unwrap();
    assert!(second == expected);
    assert_eq!(report, CacheReport { resumed_after: Some(4), stored: Ok(false), intermediates: vec![] });
    assert_eq!((stats.disk_hits, stats.decodes_skipped), (1, 1), "{stats:?}");
    let cache = disk_cache(&dir);
    let out = p.run(decoded, &RunOptions { cache: Some(cache.clone()), ..RunOptions::default() }).unwrap();
    assert!(*out.image == expected && cached_flags(&out) == [true; 4], "{:?}", cached_flags(&out));
}
