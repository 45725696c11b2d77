//! The HTML report: one self-contained page (no scripts, no links out) with the insights,
//! the step table and SVG charts drawn by `plotters`: time per step, memory over the run,
//! and time and memory against image size on log-log axes.

use super::{insights, Report};
use plotters::coord::Shift;
use plotters::prelude::*;

const WIDTH: u32 = 860;
const HEIGHT: u32 = 380;
const FONT: &str = "sans-serif";
const STEP_COLOUR: RGBColor = RGBColor(0x3b, 0x6e, 0xc4);
const HEAP_COLOUR: RGBColor = RGBColor(0xd9, 0x5f, 0x02);
const RSS_COLOUR: RGBColor = RGBColor(0x1b, 0x9e, 0x77);

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Draws into a new SVG of the page's chart size; a chart that cannot be drawn (no data)
/// becomes a sentence saying so.
fn svg(title: &str, draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), String>) -> String {
    let mut out = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|_| draw(&root))
            .and_then(|_| root.present().map_err(|e| e.to_string()))
    };
    match result {
        Ok(()) => format!("<figure class=\"chart\" data-chart=\"{}\">{out}</figure>\n", escape(title)),
        Err(e) => format!("<p class=\"nochart\">{}: no chart ({})</p>\n", escape(title), escape(&e)),
    }
}

/// Median time per step as bars, with a whisker from min to p95.
fn step_times(r: &Report) -> String {
    let steps = &r.benchmark.steps;
    svg("time per step", |root| {
        if steps.is_empty() {
            return Err("the pipeline has no steps".into());
        }
        let top = steps.iter().map(|s| s.time_ms.p95).fold(0.0, f64::max).max(1e-3) * 1.1;
        let names: Vec<String> = steps.iter().map(|s| format!("{} {}", s.number, s.name)).collect();
        let mut chart = ChartBuilder::on(root)
            .caption(format!("Time per step (median, whisker min–p95, {} runs)", r.benchmark.iterations), (FONT, 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d((0..steps.len() - 1).into_segmented(), 0.0..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc("ms")
            .x_labels(steps.len())
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => names.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(steps.iter().enumerate().map(|(i, s)| {
                let mut bar = Rectangle::new(
                    [(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), s.time_ms.median)],
                    STEP_COLOUR.filled(),
                );
                bar.set_margin(0, 0, 18, 18);
                bar
            }))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(steps.iter().enumerate().map(|(i, s)| {
                PathElement::new(
                    vec![(SegmentValue::CenterOf(i), s.time_ms.min), (SegmentValue::CenterOf(i), s.time_ms.p95)],
                    BLACK.stroke_width(2),
                )
            }))
            .map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Heap and RSS sampled over the memory run, the phases marked.
fn memory_over_time(r: &Report) -> String {
    let m = &r.memory;
    svg("memory over the run", |root| {
        let end = m.timeline.last().map(|s| s.t_ms).unwrap_or(0.0).max(1e-3);
        let top =
            m.timeline.iter().flat_map(|s| [s.heap, s.rss]).flatten().max().ok_or("no samples")? as f64 / 1048576.0;
        let mut chart = ChartBuilder::on(root)
            .caption("Memory over one run (sampled every millisecond)", (FONT, 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..end, 0.0..top * 1.1)
            .map_err(|e| e.to_string())?;
        chart.configure_mesh().x_desc("ms").y_desc("MB").draw().map_err(|e| e.to_string())?;
        for (i, p) in m.phases.iter().enumerate() {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(p.start_ms, 0.0), (p.start_ms, top * 1.1)],
                    BLACK.mix(0.25),
                )))
                .map_err(|e| e.to_string())?;
            chart
                .draw_series(std::iter::once(Text::new(
                    p.name.clone(),
                    // Staggered, so the names of short phases side by side stay legible.
                    (p.start_ms, top * (1.08 - 0.05 * (i % 3) as f64)),
                    (FONT, 11).into_font(),
                )))
                .map_err(|e| e.to_string())?;
        }
        let mut series = |name: &str, colour: RGBColor, value: &dyn Fn(&super::Sample) -> Option<u64>| {
            let points: Vec<(f64, f64)> =
                m.timeline.iter().filter_map(|s| Some((s.t_ms, value(s)? as f64 / 1048576.0))).collect();
            if points.is_empty() {
                return Ok(());
            }
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2)));
            Ok::<_, String>(())
        };
        series("heap (counting allocator)", HEAP_COLOUR, &|s| s.heap)?;
        series("resident memory (RSS)", RSS_COLOUR, &|s| s.rss)?;
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .position(SeriesLabelPosition::LowerRight)
            .draw()
            .map_err(|e| e.to_string())
    })
}

/// One figure against megapixels on log-log axes, with the fitted line.
fn against_size(title: &str, unit: &str, points: &[(f64, f64)], slope: Option<f64>, colour: RGBColor) -> String {
    svg(title, |root| {
        if points.len() < 2 {
            return Err("fewer than two sizes".into());
        }
        let (x0, x1) = points.iter().fold((f64::MAX, 0f64), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (y0, y1) = points.iter().fold((f64::MAX, 0f64), |(a, b), p| (a.min(p.1), b.max(p.1)));
        let slope_text = slope.map(|s| format!("slope {s:.2}")).unwrap_or_else(|| "no slope".into());
        let mut chart = ChartBuilder::on(root)
            .caption(format!("{title} against image size (log-log, {slope_text})"), (FONT, 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d((x0 * 0.8..x1 * 1.25).log_scale(), (y0.max(1e-6) * 0.8..y1 * 1.25).log_scale())
            .map_err(|e| e.to_string())?;
        chart.configure_mesh().x_desc("megapixels").y_desc(unit).draw().map_err(|e| e.to_string())?;
        if let Some(s) = slope {
            // The fitted line through the points' geometric mean.
            let n = points.len() as f64;
            let mx = points.iter().map(|p| p.0.ln()).sum::<f64>() / n;
            let my = points.iter().map(|p| p.1.ln()).sum::<f64>() / n;
            let at = |x: f64| (my + s * (x.ln() - mx)).exp();
            chart
                .draw_series(LineSeries::new([(x0, at(x0)), (x1, at(x1))], colour.mix(0.5).stroke_width(2)))
                .map_err(|e| e.to_string())?;
        }
        chart.draw_series(points.iter().map(|&p| Circle::new(p, 5, colour.filled()))).map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// The whole page.
pub fn page(r: &Report) -> String {
    let mut body = String::new();
    body += &format!("<h1>Profile of <code>{}</code></h1>\n", escape(&r.pipeline));
    body += "<h2>Insights</h2>\n<ul class=\"insights\">\n";
    for i in &r.insights {
        body += &format!("<li>{}</li>\n", escape(i));
    }
    body += "</ul>\n";
    body += &step_times(r);
    body += &memory_over_time(r);
    if let Some(sc) = &r.scalability {
        let time: Vec<(f64, f64)> = sc.points.iter().map(|p| (p.megapixels, p.time_ms.median)).collect();
        let heap: Vec<(f64, f64)> =
            sc.points.iter().filter_map(|p| Some((p.megapixels, p.heap_peak? as f64 / 1048576.0))).collect();
        body += &against_size("Time", "ms (median)", &time, sc.time_slope, STEP_COLOUR);
        body += &against_size("Peak heap", "MB", &heap, sc.memory_slope, HEAP_COLOUR);
    }
    body += &format!("<h2>Figures</h2>\n<pre>{}</pre>\n", escape(&insights::text(r)));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pixelpipe profile: {}</title>\n<style>\nbody {{ font-family: sans-serif; max-width: 900px; margin: 2em auto; color: #222; }}\nfigure.chart {{ margin: 1.5em 0; }}\npre {{ font-size: 12px; overflow-x: auto; background: #f6f6f6; padding: 1em; }}\nli {{ margin: 0.4em 0; }}\n</style></head>\n<body>\n{body}</body></html>\n",
        escape(&r.pipeline)
    )
}
