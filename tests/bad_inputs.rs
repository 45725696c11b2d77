//! Hostile and careless input through the binary: crafted images (`tests/bad_inputs/`),
//! devices and pipes as outputs, closed standard streams, signals, damaged or planted cache
//! files, and malformed pipeline files. Each must end with a clear message and the right
//! exit status, and leave nothing half-written.

// kill(2) and mkfifo(3) (libc) send signals and make FIFOs.
#![allow(unsafe_code)]

use pixelpipe::image::synth;
use pixelpipe::io;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pixelpipe"));
    c.env_remove("PIXELPIPE_CACHE_DIR").env_remove("PIXELPIPE_PERFORMANCE_PARALLEL_WORKERS");
    c
}

fn crafted(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs").join(name)
}

/// A folder with a small input image `in.png`.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new() -> Scratch {
        let s = Scratch(tempfile::tempdir().unwrap());
        io::save(&synth::gradient(16, 12, 3), &s.path("in.png"), None).unwrap();
        s
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(self.0.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        v.sort();
        v
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn run(args: &[&str], dir: &Scratch) -> Output {
    bin().args(args).current_dir(dir.0.path()).output().unwrap()
}

/// [`run`] with one environment variable set.
fn run_with(var: (&str, &str), args: &[&str], dir: &Scratch) -> Output {
    bin().args(args).env(var.0, var.1).current_dir(dir.0.path()).output().unwrap()
}

/// `sh -c SCRIPT` in `dir`, where `{bin}` in the script stands for the binary.
fn shell(script: &str, dir: &Scratch) -> Output {
    let script = script.replace("{bin}", env!("CARGO_BIN_EXE_pixelpipe"));
    Command::new("sh").arg("-c").arg(script).current_dir(dir.0.path()).output().unwrap()
}

/// Waits for `child` at most `limit`; a hang is a failure, not a stuck test run.
fn wait_at_most(mut child: std::process::Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn decompression_bombs_are_refused_from_the_header() {
    let s = Scratch::new();
    for name in ["bomb.png", "bomb.jpg", "bomb.ppm", "bomb.tiff"] {
        let input = crafted(name);
        let input = input.to_str().unwrap();
        for extra in [&[][..], &["--dry-run"][..]] {
            let mut args = vec!["run", "glitch-effect", "-i", input, "-o", "out.png", "--no-cache"];
            args.extend_from_slice(extra);
            let o = run(&args, &s);
            assert_eq!(o.status.code(), Some(2), "{name} {extra:?}: {}", stderr(&o));
            assert!(stderr(&o).contains("megapixels") && stderr(&o).contains("max_image_pixels"), "{}", stderr(&o));
        }
        let o = bin()
            .args(["run", "glitch-effect", "-i", "-", "-o", "out.png", "--no-cache"])
            .current_dir(s.0.path())
            .stdin(fs::File::open(crafted(name)).unwrap())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{name} from stdin: {}", stderr(&o));
    }
    // A lower limit from the environment; a smaller memory budget.
    let o = run_with(
        ("PIXELPIPE_PERFORMANCE_MAX_IMAGE_PIXELS", "100"),
        &["run", "glitch-effect", "-i", "in.png", "-o", "out.png", "--no-cache"],
        &s,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("16x12"), "{}", stderr(&o));
    for args in [
        &["synth", "noise", "100000x100000", "-o", "big.png"][..],
        &["demo", "--size", "100000x100000", "-o", "big.png"],
        &["bench", "--size", "100000x100000", "ChannelSwap"],
    ] {
        let o = run(args, &s);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("megapixels"), "{}", stderr(&o));
    }
    assert!(!s.path("out.png").exists() && !s.path("big.png").exists());
}

#[test]
fn truncated_and_endless_inputs() {
    let s = Scratch::new();
    let o = run(&["apply", "ChannelSwap", "-i", crafted("truncated.jpg").to_str().unwrap(), "-o", "o.png"], &s);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("truncated"), "{}", stderr(&o));
    let child = bin()
        .args(["apply", "ChannelSwap", "-i", "/dev/zero", "-o", "o.png", "--no-cache"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = wait_at_most(child, Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a recognised image format"), "{}", stderr(&o));
    // A folder, a missing file, a pipeline that is a folder or not UTF-8: exit 2.
    fs::create_dir(s.path("folder")).unwrap();
    fs::write(s.path("latin1.yaml"), b"name: caf\xe9\noperations: []\n").unwrap();
    for args in [
        &["apply", "ChannelSwap", "-i", "folder", "-o", "o.png"][..],
        &["apply", "ChannelSwap", "-i", "missing.png", "-o", "o.png"],
        &["run", "folder", "-i", "in.png", "-o", "o.png"],
        &["run", "latin1.yaml", "-i", "in.png", "-o", "o.png"],
    ] {
        let o = run(args, &s);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    assert!(stderr(&run(&["run", "folder", "-i", "in.png", "-o", "o.png"], &s)).contains("is a folder"));
    assert!(stderr(&run(&["run", "latin1.yaml", "-i", "in.png", "-o", "o.png"], &s)).contains("not UTF-8"));
    assert!(!s.path("o.png").exists());
}

#[test]
fn devices_fifos_and_read_only_outputs() {
    let s = Scratch::new();
    let o = run(&["apply", "ChannelSwap", "-i", "in.png", "-o", "/dev/null", "--format", "png", "--no-cache"], &s);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(&fs::metadata("/dev/null").unwrap().file_type()));
    // /dev/stdout is descriptor 1 itself: an appending redirection keeps what was there.
    fs::write(s.path("appended"), b"prefix").unwrap();
    let o = shell("{bin} apply ChannelSwap -i in.png -o /dev/stdout --format png --no-cache >> appended", &s);
    assert!(o.status.success(), "{}", stderr(&o));
    let appended = fs::read(s.path("appended")).unwrap();
    assert!(appended.starts_with(b"prefix\x89PNG"), "{:?}", &appended[..12]);
    let o = run(&["apply", "ChannelSwap", "-i", "in.png", "-o", "/dev/full", "--format", "png", "--no-cache"], &s);
    assert_eq!(o.status.code(), Some(1), "a full device is an error: {}", stderr(&o));
    fs::write(s.path("ro.png"), b"keep").unwrap();
    fs::set_permissions(s.path("ro.png"), fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(&["apply", "ChannelSwap", "-i", "in.png", "-o", "ro.png", "--no-cache"], &s);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(fs::read(s.path("ro.png")).unwrap(), b"keep");
    // PPM is P6 (RGB), with a warning that alpha is dropped; PAM keeps it.
    let o = run(&["apply", "ChannelSwap", "mapping={a: r}", "-i", "in.png", "-o", "o.ppm", "--no-cache"], &s);
    assert!(o.status.success() && stderr(&o).contains("alpha is dropped"), "{}", stderr(&o));
    assert!(fs::read(s.path("o.ppm")).unwrap().starts_with(b"P6\n"));
    run(&["apply", "ChannelSwap", "mapping={a: r}", "-i", "in.png", "-o", "o.pam", "--no-cache"], &s);
    assert!(fs::read(s.path("o.pam")).unwrap().starts_with(b"P7\n"));
    // --cache-dir that is the output path.
    let o = run(&["apply", "ChannelSwap", "-i", "in.png", "-o", "same", "--format", "png", "--cache-dir", "same"], &s);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is the output path"), "{}", stderr(&o));
}

#[test]
fn closed_streams_neither_panic_nor_lose_the_output() {
    let s = Scratch::new();
    // Standard output a pipe whose reader is gone: exit 1, no panic (101).
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = bin().args(["ops"]).stdout(writer).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = bin()
        .args(["cache", "stats", "--cache-dir"])
        .arg(s.path("c"))
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Standard error gone: the warning is lost, the output is not.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = bin()
        .args(["apply", "ChannelSwap", "nonsense=1", "-i", "in.png", "-o", "warned.png", "--no-cache"])
        .current_dir(s.0.path())
        .stderr(writer)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(s.path("warned.png").exists());
    // Standard output closed altogether: `-o -` cannot write, so it fails.
    let o = shell("exec 1>&-; {bin} apply ChannelSwap -i in.png -o - --format png --no-cache", &s);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_signal_during_the_write_leaves_no_temporary_file() {
    let s = Scratch::new();
    for delay in [50, 150, 300] {
        let child =
            bin().args(["synth", "noise", "3000x3000", "-o", "big.png"]).current_dir(s.0.path()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        // SAFETY: plain kill(2) of our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        wait_at_most(child, Duration::from_secs(60));
        let temps: Vec<String> = s.names().into_iter().filter(|n| n.starts_with(".pixelpipe-")).collect();
        assert!(temps.is_empty(), "left behind after SIGTERM at {delay} ms: {temps:?}");
    }
}

/// A streamed run with the cache writes its outputs' entries into temporary files of the
/// cache folder for as long as it runs: a signal removes them with the output's.
#[test]
fn a_signal_during_a_streamed_run_leaves_no_cache_temporary() {
    let s = Scratch::new();
    io::save(&synth::noise(2000, 1500, 3, 4), &s.path("in.png"), None).unwrap();
    for delay in [200, 500, 900] {
        let args = ["run", "glitch-effect", "-i", "in.png", "-o", "out.png", "--stream", "always", "--cache-dir", "c"];
        let child = bin().args(args).current_dir(s.0.path()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        // SAFETY: plain kill(2) of our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        wait_at_most(child, Duration::from_secs(60));
        let temps: Vec<String> = s.names().into_iter().filter(|n| n.starts_with(".pixelpipe-")).collect();
        assert!(temps.is_empty(), "output temporaries left after SIGTERM at {delay} ms: {temps:?}");
        let cache: Vec<String> = std::fs::read_dir(s.path("c"))
            .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        assert!(
            cache.iter().all(|n| !n.starts_with(".pxc-")),
            "cache temporaries left after SIGTERM at {delay} ms: {cache:?}"
        );
        let _ = std::fs::remove_dir_all(s.path("c"));
        let _ = std::fs::remove_file(s.path("out.png"));
    }
}

#[test]
fn planted_and_strange_cache_files() {
    let s = Scratch::new();
    let cache = s.path("cache");
    let args = |out: &str| {
        vec![
            "apply".to_string(),
            "ChannelSwap".into(),
            "-i".into(),
            "in.png".into(),
            "-o".into(),
            out.into(),
            "--cache-dir".into(),
            cache.display().to_string(),
        ]
    };
    let o = bin().args(args("first.png")).current_dir(s.0.path()).output().unwrap();
    assert!(o.status.success());
    assert_eq!(fs::metadata(&cache).unwrap().permissions().mode() & 0o777, 0o700, "a private folder");
    // A FIFO named like an entry and an alias that links to an endless device.
    let key = "ab".repeat(32);
    let fifo = std::ffi::CString::new(cache.join(format!("{key}.pxc")).to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let bytes = fs::read(s.path("in.png")).unwrap();
    let alias = pixelpipe::cache::alias::path(&cache, &pixelpipe::cache::alias::quick_key(&bytes));
    fs::remove_file(&alias).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &alias).unwrap();
    for command in
        [args("second.png"), vec!["cache".into(), "gc".into(), "--cache-dir".into(), cache.display().to_string()]]
    {
        let child =
            bin().args(command).current_dir(s.0.path()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let o = wait_at_most(child, Duration::from_secs(20));
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(fs::read(s.path("first.png")).unwrap(), fs::read(s.path("second.png")).unwrap());
    // A folder others can write to is not used: the run says so and writes nothing there.
    let shared = s.path("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
    let o = run(&["apply", "ChannelSwap", "-i", "in.png", "-o", "third.png", "--cache-dir", "shared"], &s);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("not using the cache folder") && stderr(&o).contains("others can write"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_dir(&shared).unwrap().count(), 0);
    // `cache clear` that cannot remove something says so and fails.
    fs::create_dir(cache.join(format!("{}.pxc", "cd".repeat(32)))).unwrap();
    let o = bin().args(["cache", "clear", "--cache-dir"]).arg(&cache).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("could not remove 1 files"), "{}", stderr(&o));
    // An empty cache folder setting is an error, not the current folder.
    let o = run_with(("PIXELPIPE_CACHE_DIR", " "), &["apply", "ChannelSwap", "-i", "in.png", "-o", "fourth.png"], &s);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn configuration_extremes() {
    let s = Scratch::new();
    let o = run_with(
        ("PIXELPIPE_PERFORMANCE_PARALLEL_WORKERS", "100000"),
        &["apply", "ChannelSwap", "-i", "in.png", "-o", "o.png", "--no-cache"],
        &s,
    );
    assert!(o.status.success());
    assert!(stderr(&o).contains("per core"), "{}", stderr(&o));
    fs::write(s.path("deep.yaml"), "[".repeat(100_000)).unwrap();
    fs::write(s.path("deep.json"), "{\"a\":".repeat(100_000)).unwrap();
    for file in ["deep.yaml", "deep.json"] {
        let t = Instant::now();
        let o = run(&["run", file, "-i", "in.png", "-o", "o2.png"], &s);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(t.elapsed() < Duration::from_secs(10), "{file} took {:?}", t.elapsed());
        let o = run(&["--config", file, "ops"], &s);
        assert_eq!(o.status.code(), Some(2), "config {file}: {}", stderr(&o));
    }
}

#[test]
fn pipeline_files_and_parameter_messages() {
    let s = Scratch::new();
    // BOM, merge keys, another version, a key given twice.
    fs::write(
        s.path("merge.yaml"),
        "\u{feff}base: &shift {selection: odd, shift_amount: 3}\noperations:\n  - type: RowShift\n    params:\n      <<: *shift\n",
    )
    .unwrap();
    let o = run(&["run", "merge.yaml", "-i", "in.png", "-o", "merged.png", "--no-cache"], &s);
    assert!(o.status.success(), "{}", stderr(&o));
    let o2 = run(
        &["apply", "RowShift", "selection=odd", "shift_amount=3", "-i", "in.png", "-o", "direct.png", "--no-cache"],
        &s,
    );
    assert!(o2.status.success());
    assert_eq!(io::load(&s.path("merged.png")).unwrap(), io::load(&s.path("direct.png")).unwrap());
    fs::write(s.path("v2.json"), r#"{"version": "2.0", "operations": [{"type": "ChannelSwap", "params": {"mapping": {"r": "g"}, "mapping": {"r": "b"}}}]}"#).unwrap();
    let o = run(&["run", "v2.json", "-i", "in.png", "-o", "v2.png", "--no-cache"], &s);
    assert!(o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("unknown version \"2.0\"") && e.contains("`operations[0].params.mapping` is given more than once"),
        "{e}"
    );
    // Messages: what was written, the parameter's name, and never megabytes.
    let cases: [(&[&str], &str); 5] = [
        (&["RowStretch", "factor=.nan"], "\".nan\""),
        (&["RowShift", "shift_amount=9223372036854775808"], "out of range"),
        (
            &["RadialStretch", "center_mode=custom", "center_x=4294967296", "center_y=1"],
            "parameter `center_x`: out of range",
        ),
        (&["PixelMath", "expression=r + 1/0"], "ZeroDivisionError"),
        (&["PixelMath", "expression=r * 10 ** 1000"], "overflow"),
    ];
    for (op, wanted) in cases {
        let mut args = vec!["apply"];
        args.extend_from_slice(op);
        args.extend_from_slice(&["-i", "in.png", "-o", "bad.png", "--no-cache"]);
        let o = run(&args, &s);
        assert_eq!(o.status.code(), Some(2), "{op:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(wanted) && stderr(&o).len() < 2000, "{:?}: {}", &op[0], stderr(&o));
    }
    let long = serde_json::json!({"operations": [{"type": "PixelMath", "params": {"expression": format!("r + {}", "1 + ".repeat(300_000))}}]});
    fs::write(s.path("long.json"), long.to_string()).unwrap();
    let o = run(&["run", "long.json", "-i", "in.png", "-o", "bad.png", "--no-cache"], &s);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("(1200004 characters)") && stderr(&o).len() < 2000, "{}", stderr(&o));
    // A dry run of an always-failing expression fails too.
    fs::write(s.path("div.json"), r#"{"operations": [{"type": "PixelMath", "params": {"expression": "r + 1/0"}}]}"#)
        .unwrap();
    assert_eq!(run(&["run", "div.json", "-i", "in.png", "--dry-run"], &s).status.code(), Some(2));
    let help = run(&["apply", "--help"], &s);
    assert!(String::from_utf8_lossy(&help.stdout).contains("unknown parameter names as errors"));
}

/// Streamed runs: a plan beyond the budget, a scratch file that cannot be written (the
/// file-size limit stands in for a full disk: the same failed write), an input found
/// truncated half way. Each exits non-zero with a message that says why, and leaves no
/// output, no temporary file and no cache entry.
#[test]
fn streamed_runs_that_cannot_finish_leave_nothing() {
    let s = Scratch::new();
    io::save(&synth::visual(300, 400, 3), &s.path("big.png"), None).unwrap();
    let cache = s.path("cache");
    let cache = cache.to_str().unwrap();
    let streamed =
        ["run", "glitch-effect", "-i", "big.png", "-o", "out.png", "--stream", "always", "--cache-dir", cache];
    let before = s.names();

    // A budget no plan fits.
    let o = run(&[&streamed[..], &["--max-memory", "4KB"]].concat(), &s);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("more than the memory budget of 4.0 KB") && err.contains("--max-memory"), "{err}");

    // A scratch file that cannot be written: ColumnShift wraps, so with a budget below its
    // whole input that input goes to a scratch file, which may grow to 100 KB only.
    let script =
        format!("trap '' XFSZ; ulimit -f 100; exec {{bin}} {} --max-memory 600KB --band-rows 4", streamed.join(" "));
    let o = shell(&script, &s);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write a scratch file of 468.8 KB in"), "{err}");
    assert!(err.contains("File too large") && err.contains("TMPDIR"), "{err}");

    // The input ends half way.
    let bytes = fs::read(s.path("big.png")).unwrap();
    fs::write(s.path("big.png"), &bytes[..bytes.len() / 2]).unwrap();
    // RowShift streams row for row: earlier bands are encoded into the output's temporary
    // file when the decoder finds the end.
    let row_shift = ["apply", "RowShift", "shift_amount=3", "-i", "big.png", "-o", "out.png", "--stream", "always"];
    let o = run(&[&row_shift[..], &["--band-rows", "4", "--cache-dir", cache]].concat(), &s);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot read image big.png: the image is truncated"), "{err}");

    let after: Vec<String> = s.names().into_iter().filter(|n| n != "cache").collect();
    assert_eq!(after, before, "something was left behind");
    let entries = fs::read_dir(s.path("cache")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(entries, 0, "a streamed run wrote to the cache");
}
