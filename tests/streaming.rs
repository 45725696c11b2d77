//! The band executor gives the whole-image path's bytes: every operation's example and
//! every preset, on odd sizes, RGB and RGBA, for band heights 1, 2, 3, 7 and 64, with
//! materialised inputs in memory and in scratch files; and a plan beyond the budget fails
//! before any pixel work.

use pixelpipe::image::{synth, Image};
use pixelpipe::pipeline::{Pipeline, PipelineFile, RunOptions};
use pixelpipe::stream::{self, Plan, StepMode, StreamOptions};
use pixelpipe::{ops, presets, Context, Error};

const BAND_ROWS: [u32; 5] = [1, 2, 3, 7, 64];

fn whole(pipeline: &Pipeline, image: &Image) -> Image {
    let out = pipeline.run(image.clone(), &RunOptions::default()).unwrap();
    std::sync::Arc::unwrap_or_clone(out.image)
}

fn streamed(pipeline: &Pipeline, image: &Image, opts: &StreamOptions) -> Image {
    stream::run_image(pipeline, image.clone(), opts).unwrap()
}

fn bands(rows: u32) -> StreamOptions {
    StreamOptions { band_rows: Some(rows), ..StreamOptions::default() }
}

fn pipeline(json: &str) -> Pipeline {
    Pipeline::from_file(&PipelineFile::parse(json, "test").unwrap(), true).unwrap()
}

#[test]
fn every_operation_streams_to_the_whole_image_bytes() {
    let images = [synth::visual(37, 23, 3), synth::noise(29, 31, 4, 7)];
    for spec in ops::all() {
        let op = ops::configure(spec.name, &spec.example_params(), true).unwrap();
        let p = Pipeline::single(op);
        for image in &images {
            let expected = whole(&p, image);
            for rows in BAND_ROWS {
                let got = streamed(&p, image, &bands(rows));
                assert!(got == expected, "{} on {image:?} in bands of {rows} rows differs", spec.name);
            }
        }
    }
}

#[test]
fn every_preset_streams_to_the_whole_image_bytes() {
    let images = [synth::visual(64, 48, 3), synth::noise(37, 23, 4, 3)];
    for name in presets::names() {
        let p = Pipeline::from_file(&presets::file(name).unwrap(), true).unwrap();
        for image in &images {
            let expected = whole(&p, image);
            for rows in BAND_ROWS {
                assert!(streamed(&p, image, &bands(rows)) == expected, "{name} on {image:?}, bands of {rows}");
            }
        }
    }
}

/// glitch-effect with a wrapping ColumnShift, and a BlockScramble: steps that may read any
/// row, so their input is materialised, in a scratch file when the budget is small.
const MATERIALISING: &str = r#"{"operations": [
    {"type": "PixelFilter", "params": {"condition": "prime", "fill_color": [255, 0, 0, 128]}},
    {"type": "RowShift", "params": {"selection": "odd", "shift_amount": 5, "wrap": false}},
    {"type": "ColumnShift", "params": {"selection": "even", "shift_amount": 3, "wrap": true}},
    {"type": "BlockScramble", "params": {"block_width": 8, "block_height": 4, "seed": 11, "scramble_ratio": 0.7}},
    {"type": "ColumnShift", "params": {"selection": "odd", "shift_amount": -6, "wrap": true}}
]}"#;

#[test]
fn materialised_inputs_in_memory_and_in_scratch_files_give_the_same_bytes() {
    let p = pipeline(MATERIALISING);
    let image = synth::visual(61, 301, 3);
    let expected = whole(&p, &image);
    let input = Context::new(61, 301, 3);
    let contexts = p.validate(&input).unwrap();
    let prepared = stream::prepare(&p.steps, &input, &contexts).unwrap();
    let scratch_dir = tempfile::tempdir().unwrap();
    for rows in [1, 3, 7, 16] {
        // No budget: in memory.
        let plan = Plan::new(&p.steps, &prepared, &input, &contexts, &bands(rows)).unwrap();
        let modes: Vec<StepMode> = plan.steps.iter().map(|s| s.mode).collect();
        assert_eq!(modes[..3], [StepMode::Bands, StepMode::Bands, StepMode::Materialised], "{plan:?}");
        assert!(streamed(&p, &image, &bands(rows)) == expected, "in memory, bands of {rows}");
        // A budget below twice a whole input (55 KB) beside the input held in memory (the
        // same, counted by the run): scratch files.
        let small = StreamOptions {
            band_rows: Some(rows),
            budget: Some(175 << 10),
            scratch_dir: Some(scratch_dir.path().to_path_buf()),
            ..StreamOptions::default()
        };
        let held = StreamOptions { fixed: vec![("the decoded input".into(), 61 * 301 * 3)], ..small.clone() };
        let plan = Plan::new(&p.steps, &prepared, &input, &contexts, &held).unwrap();
        assert!(plan.steps.iter().filter(|s| s.mode == StepMode::Scratch).count() >= 2, "{plan:?}");
        assert!(streamed(&p, &image, &small) == expected, "scratch, bands of {rows}");
        // Scratch files are unlinked from their creation: nothing is left in the folder.
        assert_eq!(std::fs::read_dir(scratch_dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn a_plan_beyond_the_budget_fails_before_any_pixel_work() {
    // A smart crop with a choice to make reads its whole input.
    let p =
        pipeline(r#"{"operations": [{"type": "AspectCrop", "params": {"target_ratio": "1:1", "smart_crop": true}}]}"#);
    let input = Context::new(4000, 3000, 3);
    let contexts = p.validate(&input).unwrap();
    let prepared = stream::prepare(&p.steps, &input, &contexts).unwrap();
    let opts = StreamOptions { budget: Some(8 << 20), ..StreamOptions::default() };
    let e = Plan::new(&p.steps, &prepared, &input, &contexts, &opts).unwrap_err();
    let message = e.to_string();
    assert!(matches!(e.root(), Error::Limit { limit: 8388608, .. }), "{e:?}");
    assert!(message.contains("8.0 MB") && message.contains("step 1 (AspectCrop)"), "{message}");
    assert_eq!(e.exit_code(), 2);
    // A plan that fits, but only just, says so.
    let fits = Plan::new(&p.steps, &prepared, &input, &contexts, &StreamOptions::default()).unwrap();
    assert_eq!(fits.near_budget(None), None);
    assert_eq!(fits.near_budget(Some(fits.peak * 2)), None);
    let close = fits.near_budget(Some(fits.peak + 1)).expect("within a fifth of the budget");
    assert!(close.contains("the streamed plan needs about") && close.contains("--max-memory"), "{close}");
}

#[test]
fn process_large_image_streams_a_png_file_into_a_png_file() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.png"), dir.path().join("out.png"));
    let image = synth::visual(123, 301, 4);
    pixelpipe::io::save(&image, &input, None).unwrap();
    let p = pipeline(MATERIALISING);
    let (ctx, plan) = stream::process_large_image(&p, &input, &output, Some(5)).unwrap();
    assert_eq!(plan.band_rows, 5);
    let written = pixelpipe::io::load(&output).unwrap();
    assert_eq!((ctx.width, ctx.height, ctx.channels), (written.width(), written.height(), written.channels()));
    assert!(written == whole(&p, &image));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "only the input and the output");
}

/// Floyd–Steinberg carries its error from row to row and random dithering numpy's state, so
/// their bands must come in order and none may be skipped, even when the next step starts
/// below their first rows (a centred or bottom crop, removed rows).
#[test]
fn carried_state_streams_in_order_under_steps_that_skip_rows() {
    let p = pipeline(
        r#"{"operations": [
        {"type": "Dither", "params": {"method": "floyd_steinberg", "levels": 3}},
        {"type": "AspectCrop", "params": {"target_ratio": "3:1", "anchor": "center"}},
        {"type": "RowRemove", "params": {"selection": "every_n", "n": 3}},
        {"type": "Dither", "params": {"method": "random", "random_seed": 4, "levels": 4}},
        {"type": "AspectCrop", "params": {"target_ratio": "4:1", "anchor": "bottom"}},
        {"type": "Dither", "params": {"levels": 2}}
    ]}"#,
    );
    for image in [synth::visual(61, 47, 3), synth::noise(40, 90, 4, 5)] {
        let expected = whole(&p, &image);
        for rows in [1, 3, 7, 64] {
            assert!(streamed(&p, &image, &bands(rows)) == expected, "{image:?}, bands of {rows}");
        }
    }
}

/// An 8-bit RGB or RGBA TIFF streams strip by strip (the file is never decoded whole) to the
/// whole-image bytes; one cut short is a decoding error that names the format and leaves no
/// output.
#[test]
fn tiff_files_stream_strip_by_strip() {
    let dir = tempfile::tempdir().unwrap();
    let limits = pixelpipe::io::Limits::default();
    let p = pipeline(MATERIALISING);
    for channels in [3, 4] {
        let (input, output) = (dir.path().join("in.tiff"), dir.path().join("out.png"));
        let image = synth::visual(157, 233, channels);
        pixelpipe::io::save(&image, &input, None).unwrap();
        let rows = pixelpipe::io::rows::open_rows(&input, &limits).unwrap().expect("read in strips");
        assert_eq!(rows.context(), Context::of(&image));
        // A strip is held whole, so it must fit the memory budget.
        let tight = pixelpipe::io::Limits { max_bytes: Some(1000), ..limits };
        let e = pixelpipe::io::rows::open_rows(&input, &tight).err().expect("a strip is over 1000 bytes");
        assert!(matches!(e.root(), Error::Limit { .. }) && e.to_string().contains("a strip of image"), "{e}");
        stream::process_large_image(&p, &input, &output, Some(4)).unwrap();
        assert!(pixelpipe::io::load(&output).unwrap() == whole(&p, &image), "{channels} channels");
        let bytes = std::fs::read(&input).unwrap();
        std::fs::write(&input, &bytes[..bytes.len() / 2]).unwrap();
        std::fs::remove_file(&output).unwrap();
        let e = stream::process_large_image(&p, &input, &output, Some(4)).unwrap_err();
        assert!(matches!(e.root(), Error::Decode { format: Some("tiff"), .. }), "{e}");
        assert!(!output.exists(), "no partial output");
    }
}

/// Memory reported available: plenty for the first `plenty` asks, then almost none.
struct RunningShort {
    plenty: u32,
    asked: std::sync::atomic::AtomicU32,
}

impl pixelpipe::memory::MemorySource for RunningShort {
    fn available(&self) -> Option<u64> {
        let n = self.asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(if n < self.plenty { 1 << 40 } else { 1000 })
    }
}

/// Memory running short half way through a streamed run: the relievers (the cache's
/// memory tier, in the CLI) give back first, then the bands are halved, down to a row; the
/// bytes stay the same.
#[test]
fn memory_pressure_relieves_then_lowers_the_bands_with_the_same_bytes() {
    use pixelpipe::memory::MemoryManager;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;
    let p = pipeline(MATERIALISING);
    for image in [synth::visual(61, 300, 3), synth::noise(40, 257, 4, 9)] {
        let expected = whole(&p, &image);
        let memory = Arc::new(MemoryManager::new(RunningShort { plenty: 3, asked: AtomicU32::new(0) }, None, 1 << 20));
        let relieved = Arc::new(AtomicU32::new(0));
        let count = Arc::clone(&relieved);
        memory.on_pressure(Box::new(move || {
            count.fetch_add(1, Ordering::Relaxed);
            0
        }));
        let opts = StreamOptions { band_rows: Some(16), memory: Some(memory), ..StreamOptions::default() };
        let source = Box::new(stream::ImageSource::new(image.clone()));
        let (out, done) = stream::Streamed::new(&p, source, &opts).unwrap().assemble().unwrap();
        assert!(out == expected, "{image:?}");
        assert!(done.relieved);
        assert_eq!(relieved.load(Ordering::Relaxed), 1, "once per spell of pressure");
        assert_eq!(done.lowered_to, Some(1), "halved band after band: 8, 4, 2, 1");
        assert_eq!(done.plan.band_rows, 16);
    }
}

/// A streamed run prepares each step once, for its plan and its bands alike (it prepared
/// every step twice, and with the cache up to four times: once per plan it tried, then for
/// the bands), with and without the cache, on a decoded input and on a file's rows.
#[test]
fn a_streamed_run_prepares_each_step_once() {
    use pixelpipe::cache::{Cache, Settings};
    use pixelpipe::job::{Input, Job, JobOptions, Output, StreamChoice};
    let text = r#"{"operations": [
        {"type": "RowStretch", "params": {"factor": 1.5}},
        {"type": "PixelFilter", "params": {"condition": "prime"}},
        {"type": "BlockScramble", "params": {"block_width": 8, "block_height": 8, "seed": 3}},
        {"type": "Dither", "params": {"method": "ordered", "levels": 4}}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.png");
    pixelpipe::io::save(&synth::visual(90, 70, 3), &file, None).unwrap();
    for with_cache in [false, true] {
        for input in [Input::Decoded(synth::visual(90, 70, 3)), Input::File(file.clone())] {
            let cache = with_cache
                .then(|| Cache::open(Settings { dir: Some(dir.path().join("cache")), ..Settings::default() }));
            let p = pipeline(text);
            let opts = JobOptions {
                stream: StreamChoice::Always,
                band_rows: Some(16),
                cache: cache.as_ref(),
                ..JobOptions::default()
            };
            let planned = Job::new(&p, input, Output::Memory).options(opts).plan().unwrap();
            assert!(planned.streams());
            planned.run().unwrap();
            let times: Vec<usize> = p.steps.iter().map(|s| s.times_prepared()).collect();
            assert_eq!(times, [1, 1, 1, 1], "cache {with_cache}");
        }
    }
    // `--stream auto` on a PNG of 8 MB and more decoded checks that every step runs in
    // bands (which prepares them), then streams with those preparations.
    let large = dir.path().join("large.png");
    pixelpipe::io::save(&synth::visual(1500, 1500, 4), &large, None).unwrap();
    let p = pipeline(
        r#"{"operations": [{"type": "RowShift", "params": {"shift_amount": 3}}, {"type": "PixelFilter", "params": {"condition": "prime"}}]}"#,
    );
    let planned = Job::new(&p, Input::File(large), Output::Memory).plan().unwrap();
    assert!(planned.describe().contains("every step runs in bands"), "{}", planned.describe());
    planned.run().unwrap();
    assert_eq!(p.steps.iter().map(|s| s.times_prepared()).collect::<Vec<_>>(), [1, 1]);
}

/// A plan whose scratch files would not fit the free space of their folder is refused before
/// any pixel work, naming the folder and both sizes (a terapixel input, whose whole input
/// cannot be held in a budget of 1 GB); a plan that fits names its scratch files.
#[test]
fn scratch_files_beyond_the_free_disk_space_are_refused() {
    // A shift that wraps round reads its whole input.
    let p = pipeline(r#"{"operations": [{"type": "ColumnShift", "params": {"shift_amount": 3, "wrap": true}}]}"#);
    let dir = tempfile::tempdir().unwrap();
    let opts =
        StreamOptions { budget: Some(1 << 30), scratch_dir: Some(dir.path().into()), ..StreamOptions::default() };
    let plan = |input: Context| {
        let contexts = pixelpipe::pipeline::shapes(&p.steps, &input).unwrap();
        let prepared = stream::prepare(&p.steps, &input, &contexts).unwrap();
        Plan::new(&p.steps, &prepared, &input, &contexts, &opts)
    };
    let e = plan(Context::new(1_000_000, 1_000_000, 3)).unwrap_err();
    let text = e.to_string();
    assert!(matches!(e.root(), Error::Limit { kind: pixelpipe::core::LimitKind::Disk, .. }), "{e:?}");
    assert!(text.contains("of scratch files in") && text.contains(&dir.path().display().to_string()), "{text}");
    let fits = plan(Context::new(20_000, 20_000, 3)).unwrap();
    assert_eq!(fits.scratch, 1_200_000_000, "{fits:?}");
    assert!(fits.describe().contains("; scratch files 1.1 GB in"), "{}", fits.describe());
}

/// A budget is kept or refused up front: a run that may not stream (`--stream never`) and
/// whose whole image needs more than the job's budget is refused before any pixel work;
/// the same job allowed to stream streams.
#[test]
fn a_whole_run_beyond_the_budget_is_refused_when_it_may_not_stream() {
    use pixelpipe::io::Limits;
    use pixelpipe::job::{Input, Job, JobOptions, Output, StreamChoice};
    let pipeline = Pipeline::from_file(&presets::file("glitch-effect").unwrap(), true).unwrap();
    let image = synth::visual(400, 300, 4);
    let limits = Limits { max_bytes: Some(1_500_000), ..pipeline.limits };
    let plan = |stream| {
        let opts = JobOptions { stream, limits: Some(limits), ..JobOptions::default() };
        Job::new(&pipeline, Input::Decoded(image.clone()), Output::Memory).options(opts).plan()
    };
    match plan(StreamChoice::Never).err() {
        Some(Error::Limit { needed, limit: 1_500_000, message, .. }) => {
            assert!(needed > 1_500_000 && message.contains("--stream never"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let planned = plan(StreamChoice::Auto).unwrap();
    assert!(planned.streams() && planned.peak() <= 1_500_000, "{}", planned.describe());
    assert!(planned.describe().contains("holds the decoded input (468.8 KB)"), "{}", planned.describe());
}

/// PNG, JPEG and TIFF outputs are written band by band with the bytes of the whole-image encode,
/// whatever the band height; a format written whole is counted in the plan, and a run whose
/// assembled output cannot fit the budget is refused before any work, leaving no file.
#[test]
fn streamed_encodes_equal_whole_ones_and_whole_outputs_count_in_the_plan() {
    use pixelpipe::io::{self, OutputFormat};
    let dir = tempfile::tempdir().unwrap();
    for channels in [3, 4] {
        let image = synth::visual(203, 157, channels);
        let formats = [
            OutputFormat::Png,
            OutputFormat::Jpeg { quality: 75 },
            OutputFormat::Jpeg { quality: 12 },
            OutputFormat::Tiff,
        ];
        for format in formats {
            let whole = io::encode_to_vec(&image, format).unwrap();
            for rows in [1, 7, 64] {
                let mut written = std::io::Cursor::new(Vec::new());
                let bands = image.as_bytes().chunks(rows * 203 * channels as usize);
                io::rows::write_bands(&mut written, 203, 157, channels, format, bands).unwrap();
                assert!(written.into_inner() == whole, "{format:?}, {channels} channels, bands of {rows}");
            }
        }
    }
    let input = dir.path().join("in.png");
    io::save(&synth::visual(3000, 2000, 4), &input, None).unwrap();
    let run = |out: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_pixelpipe"))
            .args(["run", "glitch-effect", "--no-cache", "--max-memory", "30MB", "-i"])
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join(out))
            .output()
            .unwrap()
    };
    let refused = run("out.webp");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{message}");
    assert!(message.contains("assembled to be encoded as WebP"), "{message}");
    assert!(run("out.jpg").status.success());
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["in.png", "out.jpg"], "no file and no temporary left by the refused run");
}

/// An uncompressed tiled TIFF of `image` (tiles of `tile` pixels a side, those at the right
/// and bottom edges padded), little-endian, one IFD.
fn tiled_tiff(image: &Image, tile: u32) -> Vec<u8> {
    let (w, h, c) = (image.width(), image.height(), image.channels() as u32);
    let (across, down) = (w.div_ceil(tile), h.div_ceil(tile));
    let tile_bytes = tile * tile * c;
    let count = across * down;
    let entries: u32 = if c == 4 { 12 } else { 11 };
    // Header, IFD, then the bits-per-sample array, the tile offsets and counts, the tiles.
    let ifd_end = 8 + 2 + entries * 12 + 4;
    let (bits_at, offsets_at) = (ifd_end, ifd_end + 8);
    let counts_at = offsets_at + 4 * count;
    let data_at = counts_at + 4 * count;
    let mut out = b"II*\0".to_vec();
    out.extend(8u32.to_le_bytes());
    out.extend((entries as u16).to_le_bytes());
    let mut entry = |tag: u16, kind: u16, n: u32, value: u32| {
        out.extend(tag.to_le_bytes());
        out.extend(kind.to_le_bytes());
        out.extend(n.to_le_bytes());
        out.extend(value.to_le_bytes());
    };
    entry(256, 4, 1, w);
    entry(257, 4, 1, h);
    entry(258, 3, c, bits_at);
    entry(259, 3, 1, 1);
    entry(262, 3, 1, 2);
    entry(277, 3, 1, c);
    entry(284, 3, 1, 1);
    entry(322, 4, 1, tile);
    entry(323, 4, 1, tile);
    entry(324, 4, count, offsets_at);
    entry(325, 4, count, counts_at);
    if c == 4 {
        entry(338, 3, 1, 2);
    }
    out.extend(0u32.to_le_bytes());
    out.extend([8u8, 0].repeat(4));
    (0..count).for_each(|i| out.extend((data_at + i * tile_bytes).to_le_bytes()));
    (0..count).for_each(|_| out.extend(tile_bytes.to_le_bytes()));
    for ty in 0..down {
        for tx in 0..across {
            for y in ty * tile..(ty + 1) * tile {
                for x in tx * tile..(tx + 1) * tile {
                    let at = ((y * w + x) * c) as usize;
                    let inside = x < w && y < h;
                    out.extend((0..c as usize).map(|k| if inside { image.as_bytes()[at + k] } else { 0 }));
                }
            }
        }
    }
    out
}

/// A tiled TIFF is read a row of tiles at a time, to the pixels of its whole decode.
#[test]
fn tiled_tiff_files_stream_a_row_of_tiles_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let limits = pixelpipe::io::Limits::default();
    for channels in [3, 4] {
        let image = synth::visual(75, 41, channels);
        let input = dir.path().join(format!("tiled{channels}.tiff"));
        std::fs::write(&input, tiled_tiff(&image, 16)).unwrap();
        assert!(pixelpipe::io::load(&input).unwrap() == image, "the whole decode");
        let stride = 75 * channels as usize;
        for band in [1, 7, 64] {
            let mut rows = pixelpipe::io::rows::open_rows(&input, &limits).unwrap().expect("read by rows of tiles");
            let mut read = Vec::new();
            for first in (0..41).step_by(band) {
                let mut out = vec![0u8; band.min(41 - first) * stride];
                rows.read(&mut out).unwrap();
                read.extend_from_slice(&out);
            }
            assert!(read == image.as_bytes(), "{channels} channels, bands of {band}");
        }
    }
}

/// A result its output format cannot hold (JPEG past 65500 pixels a side) is refused when
/// the job is planned, before any pixel work; GIF is written and reads back.
#[test]
fn a_result_beyond_the_output_formats_size_is_refused_at_planning() {
    use pixelpipe::io::OutputFormat;
    use pixelpipe::job::{Input, Job, Output};
    let pipeline = pipeline(r#"{"operations": [{"type": "RowShift", "params": {"shift_amount": 3}}]}"#);
    let dir = tempfile::tempdir().unwrap();
    let wide = synth::visual(70000, 1, 3);
    let out = dir.path().join("wide.jpg");
    let job = Job::new(
        &pipeline,
        Input::Decoded(wide.clone()),
        Output::File(out.clone(), OutputFormat::Jpeg { quality: 75 }),
    );
    let e = job.plan().err().expect("refused");
    assert!(matches!(e, Error::Usage(_)) && e.to_string().contains("at most 65500 pixels a side"), "{e}");
    assert!(!out.exists());
    let gif = dir.path().join("small.gif");
    let small = synth::visual(30, 20, 3);
    let done =
        Job::new(&pipeline, Input::Decoded(small), Output::File(gif.clone(), OutputFormat::Gif)).plan().unwrap().run();
    assert!(done.is_ok() && pixelpipe::io::load(&gif).unwrap().width() == 30);
}

/// A plan with no output (a dry run without `-o`) counts none: it streams where keeping
/// the output in memory would not fit.
#[test]
fn a_plan_without_an_output_counts_none() {
    use pixelpipe::job::{Input, Job, JobOptions, Output};
    let p = pipeline(MATERIALISING);
    let limits = pixelpipe::io::Limits { max_bytes: Some(600_000), ..p.limits };
    let plan = |output| {
        let opts = JobOptions { limits: Some(limits), ..JobOptions::default() };
        Job::new(&p, Input::Decoded(synth::visual(300, 400, 3)), output).options(opts).plan()
    };
    assert!(plan(Output::Discard).unwrap().streams());
    let e = plan(Output::Memory).err().expect("the output kept in memory does not fit");
    assert!(e.to_string().contains("the output, kept in memory"), "{e}");
}
