//! The command line: bad input gives a clear message naming what is wrong, exit code 2,
//! and never an output file; good input round-trips through files and pipes.

use pixelpipe::image::synth;
use pixelpipe::io;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary, with its cache in a private folder (never the user's).
fn bin() -> Command {
    static CACHE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = CACHE.get_or_init(|| tempfile::tempdir().unwrap());
    let mut c = Command::new(env!("CARGO_BIN_EXE_pixelpipe"));
    c.env("PIXELPIPE_CACHE_DIR", dir.path());
    c
}

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let s = Scratch { dir: tempfile::tempdir().unwrap() };
        io::save(&synth::gradient(16, 12, 3), &s.path("in.png"), None).unwrap();
        s
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    /// Files in the scratch folder other than the input.
    fn outputs(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "in.png" && !n.ends_with(".json") && !n.ends_with(".yaml") && !n.starts_with("bad"))
            .collect();
        v.sort();
        v
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs and expects failure with exit code 2, a message containing every `needle`, and no output.
fn expect_rejection(s: &Scratch, cmd: &mut Command, needles: &[&str]) {
    let o = cmd.output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in: {err}");
    }
    assert!(s.outputs().is_empty(), "output left behind: {:?}", s.outputs());
}

fn run_pipeline(s: &Scratch, text: &str, extra: &[&str]) -> Command {
    let p = s.write("p.json", text);
    let mut c = bin();
    c.arg("run").arg(p).arg("-i").arg(s.path("in.png")).arg("-o").arg(s.path("out.png")).args(extra);
    c
}

#[test]
fn unknown_operation_names_the_step_and_suggests() {
    let s = Scratch::new();
    let text = r#"{"operations": [{"type": "ChannelSwap"}, {"type": "ChanelSwap"}]}"#;
    expect_rejection(
        &s,
        &mut run_pipeline(&s, text, &[]),
        &["step 2", "unknown operation `ChanelSwap`", "did you mean `ChannelSwap`"],
    );
}

#[test]
fn wrong_type_and_out_of_range_values_name_parameter_value_and_allowed() {
    let s = Scratch::new();
    let text = r#"{"operations": [{"type": "AlphaGenerator", "params": {"threshold": "high"}}]}"#;
    expect_rejection(
        &s,
        &mut run_pipeline(&s, text, &[]),
        &["step 1 (AlphaGenerator)", "`threshold`", "\"high\"", "integer >= 0 and <= 255"],
    );
    let text = r#"{"operations": [{"type": "ChannelIsolate", "params": {"fill_value": 300}}]}"#;
    expect_rejection(&s, &mut run_pipeline(&s, text, &[]), &["`fill_value`", "out of range", "300", "<= 255"]);
    let text = r#"{"operations": [{"type": "AlphaGenerator", "params": {"source": "lumi"}}]}"#;
    expect_rejection(
        &s,
        &mut run_pipeline(&s, text, &[]),
        &["`source`", "one of luminance, saturation, specific_color"],
    );
}

/// Under `ulimit -v` (RLIMIT_AS) a 30000x30000 image allocated past the limit and the
/// process aborted (exit 134): the limit is now part of the memory budget, and the image is
/// refused before it is allocated.
#[test]
fn an_address_space_limit_is_part_of_the_memory_budget() {
    let s = Scratch::new();
    let bomb = s.path("bomb.png");
    {
        let mut enc = png::Encoder::new(std::fs::File::create(&bomb).unwrap(), 30000, 30000);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::One);
        enc.set_compression(png::Compression::Fast);
        let mut w = enc.write_header().unwrap();
        let mut stream = w.stream_writer().unwrap();
        let row = vec![0u8; 30000 / 8];
        for _ in 0..30000 {
            stream.write_all(&row).unwrap();
        }
        stream.finish().unwrap();
    }
    let o = Command::new("bash")
        .args(["-c", "ulimit -v 2000000 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_pixelpipe"))
        .args(["apply", "ChannelSwap", "--stream", "never", "--no-cache", "-i"])
        .arg(&bomb)
        .arg("-o")
        .arg(s.path("out.png"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("more than the memory budget"), "{err}");
    assert!(!s.path("out.png").exists());
}

#[test]
fn unknown_parameter_warns_or_fails_when_strict() {
    let s = Scratch::new();
    let text = r#"{"operations": [{"type": "ChannelSwap", "params": {"mappings": {"r": "g"}}}]}"#;
    let o = run_pipeline(&s, text, &[]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("unknown parameter `mappings` ignored (did you mean `mapping`?)"), "{}", stderr(&o));
    std::fs::remove_file(s.path("out.png")).unwrap();
    expect_rejection(
        &s,
        &mut run_pipeline(&s, text, &["--strict"]),
        &["step 1 (ChannelSwap)", "`mappings`", "unknown parameter"],
    );
    // A parameter given twice on the command line: the last one counts, with a warning.
    let o = bin()
        .args(["apply", "RowShift", "shift_amount=3", "shift_amount=4", "-i"])
        .arg(s.path("in.png"))
        .arg("-o")
        .arg(s.path("twice.png"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`shift_amount` is given more than once; the last one counts (not 3)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn malformed_pipeline_file_is_rejected() {
    let s = Scratch::new();
    expect_rejection(&s, &mut run_pipeline(&s, "{\"operations\": [", &[]), &["pipeline", "p.json"]);
    expect_rejection(&s, &mut run_pipeline(&s, r#"{"operations": [{"params": {}}]}"#, &[]), &["missing field `type`"]);
}

#[test]
fn unreadable_inputs_are_clear_errors() {
    let s = Scratch::new();
    let good = std::fs::read(s.path("in.png")).unwrap();
    std::fs::write(s.path("bad-truncated.png"), &good[..good.len() / 2]).unwrap();
    std::fs::write(s.path("bad-text.png"), "just text").unwrap();
    std::fs::write(s.path("bad-empty.png"), "").unwrap();
    for (name, needle) in [
        ("bad-truncated.png", "cannot read image"),
        ("bad-text.png", "not a recognised image format"),
        ("bad-empty.png", "empty"),
        ("bad-missing.png", "no such file"),
    ] {
        let mut c = bin();
        c.args(["apply", "ChannelSwap", "-i"]).arg(s.path(name)).arg("-o").arg(s.path("out.png"));
        expect_rejection(&s, &mut c, &[name, needle]);
    }
}

#[test]
fn bad_output_name_and_apply_arguments_fail_before_work() {
    let s = Scratch::new();
    let mut c = bin();
    c.args(["apply", "ChannelSwap", "-i"]).arg(s.path("in.png")).arg("-o").arg(s.path("out.xyz"));
    expect_rejection(&s, &mut c, &["cannot tell the output format", "out.xyz"]);
    let mut c = bin();
    c.args(["apply", "ChannelSwap", "mapping", "-i"]).arg(s.path("in.png")).arg("-o").arg(s.path("out.png"));
    expect_rejection(&s, &mut c, &["expected key=value", "mapping"]);
    let mut c = bin();
    c.args(["apply", "Nope", "-i"]).arg(s.path("in.png")).arg("-o").arg(s.path("out.png"));
    expect_rejection(&s, &mut c, &["unknown operation `Nope`"]);
}

#[test]
fn results_beyond_the_memory_budget_are_rejected_before_work() {
    let s = Scratch::new();
    let stretch = |mode: &str| {
        let mut c = bin();
        c.args(["apply", "RowStretch", "factor=100000", "--stream", mode, "-i"]);
        c.arg(s.path("in.png")).arg("-o").arg(s.path("out.png"));
        c.env("PIXELPIPE_PERFORMANCE_MAX_MEMORY_USAGE", "64MB");
        c
    };
    // Whole images: the 55 MB result and the input do not fit 64 MB.
    let needles = ["step 1 (RowStretch)", "16x1200000 RGB", "more than the memory budget of 64.0 MB"];
    expect_rejection(&s, &mut stretch("never"), &needles);
    // Streamed (what auto chooses then), it runs within the budget.
    let o = stretch("auto").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = pixelpipe::io::load(&s.path("out.png")).unwrap();
    assert_eq!((out.width(), out.height()), (16, 1_200_000));
}

#[test]
fn dry_run_writes_nothing_and_reports_the_result() {
    let s = Scratch::new();
    let text = r#"{"operations": [{"type": "AlphaGenerator", "params": {"threshold": 0}}]}"#;
    let o = run_pipeline(&s, text, &["--dry-run"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("valid: output would be 16x12 RGBA"));
    assert!(s.outputs().is_empty());
}

#[test]
fn apply_writes_the_expected_pixels_and_pipes_work() {
    let s = Scratch::new();
    let o = bin()
        .args(["apply", "ChannelSwap", "mapping={r: g, g: r}", "-i"])
        .arg(s.path("in.png"))
        .arg("-o")
        .arg(s.path("out.png"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let input = io::load(&s.path("in.png")).unwrap();
    let out = io::load(&s.path("out.png")).unwrap();
    let p = input.pixel(5, 7);
    assert_eq!(out.pixel(5, 7), &[p[1], p[0], p[2]]);

    let mut child = bin()
        .args(["apply", "ChannelIsolate", "-i", "-", "-o", "-", "--format", "png"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&std::fs::read(s.path("in.png")).unwrap()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let piped = io::decode(&o.stdout, "stdout").unwrap();
    assert_eq!(piped.pixel(5, 7), &[p[0], 0, 0]);
}

/// A pipe given by name (`-i /dev/stdin`, `-i <(cat x.png)`) cannot be sought or opened
/// twice: a PNG failed with "Illegal seek" and a JPEG as "not a recognised image format"
/// (its first bytes taken by the attempt to read it row by row).
#[test]
fn pipes_given_by_name_are_read_as_streams() {
    let s = Scratch::new();
    let input = io::load(&s.path("in.png")).unwrap();
    io::save(&input, &s.path("in.jpg"), None).unwrap();
    for (name, stream) in [("in.png", "always"), ("in.png", "auto"), ("in.jpg", "auto")] {
        let mut child = bin()
            .args(["apply", "ChannelSwap", "mapping={r: g, g: r}", "-i", "/dev/stdin", "--stream", stream, "-o"])
            .arg(s.path("piped.png"))
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&std::fs::read(s.path(name)).unwrap()).unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{name}, --stream {stream}: {}", stderr(&o));
        let mut direct = bin();
        direct.args(["apply", "ChannelSwap", "mapping={r: g, g: r}", "-i"]).arg(s.path(name));
        let o = direct.arg("-o").arg(s.path("direct.png")).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(io::load(&s.path("piped.png")).unwrap(), io::load(&s.path("direct.png")).unwrap(), "{name}");
    }
}

#[test]
fn ops_and_presets_listings() {
    let o = bin().args(["ops", "AlphaGenerator"]).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("threshold") && text.contains("default 128"), "{text}");
    let o = bin().args(["presets", "show", "glitch-effect"]).output().unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(shown["operations"][0]["type"], "PixelFilter");
    let o = bin().args(["presets", "show", "glitch"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `glitch-effect`"));
}

#[test]
fn synth_writes_the_requested_image() {
    let s = Scratch::new();
    let out = s.path("grid.png");
    let o = bin().args(["synth", "grid", "5x3", "--channels", "3", "-o"]).arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(io::load(Path::new(&out)).unwrap(), synth::numbered_grid(5, 3, 3));
    // TIFF is written band by band too, with the whole encode's bytes; JPEG says it drops alpha.
    let tiff = s.path("grid.tiff");
    let o = bin().args(["synth", "grid", "50x30", "-o"]).arg(&tiff).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let whole = io::encode_to_vec(&synth::numbered_grid(50, 30, 4), io::OutputFormat::Tiff).unwrap();
    assert!(std::fs::read(&tiff).unwrap() == whole);
    let o = bin().args(["synth", "grid", "50x30", "-o"]).arg(s.path("grid.jpg")).output().unwrap();
    assert!(o.status.success() && stderr(&o).contains("JPEG has no alpha channel"), "{}", stderr(&o));
    let o = bin().args(["synth", "grid", "0x3", "-o"]).arg(s.path("z.png")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn profile_prints_figures_and_insights_and_writes_json_and_html() {
    let s = Scratch::new();
    let (json, html) = (s.path("r.json"), s.path("r.html"));
    let o = bin()
        .args(["profile", "glitch-effect", "--iterations", "2", "--sizes", "0.001,0.004", "-i"])
        .arg(s.path("in.png"))
        .arg("--json")
        .arg(&json)
        .arg("--report")
        .arg(&html)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    for needle in ["PixelFilter", "heap peak", "cache, warm run", "log-log slope", "insights:", "dominates"] {
        assert!(text.contains(needle), "no {needle:?} in:\n{text}");
    }
    let figures: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(figures["benchmark"]["iterations"], 2);
    assert_eq!(std::fs::read_to_string(&html).unwrap().matches("<svg").count(), 4);
    // The run's own profile has heap and cache columns.
    let o = bin()
        .arg("run")
        .arg("glitch-effect")
        .arg("-i")
        .arg(s.path("in.png"))
        .arg("-o")
        .arg(s.path("out.png"))
        .arg("--profile")
        .output()
        .unwrap();
    assert!(o.status.success());
    let table = stderr(&o);
    assert!(
        table.contains("heap peak") && table.contains("stored") && table.contains("resident memory peak"),
        "{table}"
    );
    expect_rejection(
        &Scratch::new(),
        bin().args(["profile", "glitch-effect", "-i", "x.png", "--sizes", "1,0"]),
        &["--sizes", "got 0"],
    );
}

/// One HTTP/1.1 request to the server at `address` (head, then `body`); the response. The
/// server may answer and close before the body is all sent.
fn http(address: &str, head: &str, body: &[u8]) -> String {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

#[cfg(feature = "serve")]
#[test]
fn serve_refuses_requests_without_its_token_and_stops_on_ctrl_c() {
    use std::io::BufRead;
    let mut child = bin().args(["serve", "--port", "0", "--max-upload", "1MB"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = line.trim().strip_prefix("pixelpipe builder: http://").unwrap_or_else(|| panic!("{line}"));
    let (address, token) = url.split_once("/?token=").unwrap();
    assert!(address.starts_with("127.0.0.1:"), "loopback by default: {address}");
    let get = |path: &str, header: &str| {
        http(address, &format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n{header}Connection: close\r\n\r\n"), b"")
    };
    let refused = get("/api/ops", "");
    assert!(refused.starts_with("HTTP/1.1 403") && refused.contains("lacks the session token"), "{refused}");
    // Another site's name resolved to this machine (DNS rebinding), token or not.
    let rebound = |host: &str, origin: &str| {
        let head = format!(
            "GET /api/ops HTTP/1.1\r\nHost: {host}\r\n{origin}x-pixelpipe-token: {token}\r\nConnection: close\r\n\r\n"
        );
        http(address, &head, b"")
    };
    let refused = rebound("evil.example:8501", "");
    assert!(refused.starts_with("HTTP/1.1 403") && refused.contains("evil.example"), "{refused}");
    assert!(rebound(address, "Origin: http://evil.example:8501\r\n").starts_with("HTTP/1.1 403"));
    assert!(rebound(address, &format!("Origin: http://{address}\r\n")).starts_with("HTTP/1.1 200"));
    assert!(rebound(&address.replace("127.0.0.1", "localhost"), "").starts_with("HTTP/1.1 200"));
    assert!(get("/api/ops", "x-pixelpipe-token: 0123\r\n").starts_with("HTTP/1.1 403"));
    assert!(get(&format!("/?token={}x", token), "").starts_with("HTTP/1.1 403"));
    let page = get(&format!("/?token={token}"), "");
    assert!(page.starts_with("HTTP/1.1 200") && page.contains("pixelpipe builder"), "{}", &page[..200]);
    let ops = get("/api/ops", &format!("x-pixelpipe-token: {token}\r\n"));
    assert!(ops.starts_with("HTTP/1.1 200") && ops.contains("\"name\":\"RowShift\""));
    // An upload over the limit is a message, not a crash.
    let body = vec![0u8; 2 << 20];
    let head = format!(
        "POST /api/image HTTP/1.1\r\nHost: {address}\r\nx-pixelpipe-token: {token}\r\nx-pixelpipe-session: t1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let refused = http(address, &head, &body);
    assert!(refused.contains("--max-upload"), "{refused}");
    // A small upload claiming 20000x10000 (200 MP, 30 KB): past Pillow's pixel limit, the
    // one uploads get (it decoded to 800 MB before).
    let mut bomb = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bomb, 20000, 10000);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::One);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&vec![0u8; 20000 / 8 * 10000]).unwrap();
    }
    let head = format!(
        "POST /api/image HTTP/1.1\r\nHost: {address}\r\nx-pixelpipe-token: {token}\r\nx-pixelpipe-session: t1\r\nx-filename: bomb.png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        bomb.len()
    );
    let refused = http(address, &head, &bomb);
    assert!(refused.contains("200.0 megapixels") && refused.contains("179.0 megapixels"), "{refused}");
    // A request of a page's session without its name says what is missing.
    let nameless = get("/api/input", &format!("x-pixelpipe-token: {token}\r\n"));
    assert!(nameless.starts_with("HTTP/1.1 422") && nameless.contains("x-pixelpipe-session"), "{nameless}");
    assert!(get("/api/ops", &format!("x-pixelpipe-token: {token}\r\n")).starts_with("HTTP/1.1 200"), "still serving");

    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "serve did not stop on SIGINT");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
