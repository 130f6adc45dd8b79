//! Frame times of the reader on a long article, headless (no GPU): each frame is
//! `Context::run_ui` + `Context::tessellate`, as a real frame costs before the GPU upload.
//!
//! `cargo run --release --example reader_frames [-- --bytes 2000000 --passages 20000 --frames 300]`
//!
//! Builds one article of about `--bytes` bytes (paragraphs of mixed English, Cyrillic, dashes and
//! emoji) with `--passages` overlapping passages carrying tags, actor and event links; then times:
//! the very first frame of a fresh egui context showing it (fonts included), the first frame of a
//! fresh reader on a warm context (what opening the article costs), `--frames` frames of steady
//! mouse-wheel scrolling (p50, p95, max), 100 frames that each scroll a whole screen (fast_*),
//! one frame after a visible passage is tagged, and one frame after a jump to the middle. Prints
//! one JSON object. The measuring code is in `common/frames.rs`, shared with `perf` and the
//! benchmarks.

mod common;

use common::frames::{FrameArgs, measure, percentile};

fn parse_args() -> Result<FrameArgs, String> {
    let mut args = FrameArgs::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?
            .parse::<usize>()
            .map_err(|e| format!("{flag}: {e}"))?;
        match flag.as_str() {
            "--bytes" => args.bytes = value,
            "--passages" => args.passages = value,
            "--frames" => args.frames = value,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(args)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn main() {
    let report = match parse_args().and_then(|args| measure(&args)) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("reader_frames: {err}");
            std::process::exit(2);
        }
    };
    let json = serde_json::json!({
        "doc_bytes": report.doc_bytes,
        "passages": report.passages,
        "build_project_ms": round2(report.build_project_ms),
        "cold_first_frame_ms": round2(report.cold_first_frame_ms),
        "first_frame_ms": round2(report.first_frame_ms),
        "scroll_frames": report.scroll_ms.len(),
        "scrolled_px": report.scrolled_px.round(),
        "p50_ms": round2(percentile(&report.scroll_ms, 0.50)),
        "p95_ms": round2(percentile(&report.scroll_ms, 0.95)),
        "max_ms": round2(report.scroll_ms.last().copied().unwrap_or(0.0)),
        "fast_scroll_frames": report.fast_ms.len(),
        "fast_p50_ms": round2(percentile(&report.fast_ms, 0.50)),
        "fast_p95_ms": round2(percentile(&report.fast_ms, 0.95)),
        "after_tag_ms": report.after_tag_ms.map(round2),
        "jump_ms": round2(report.jump_ms),
    });
    println!("{json}");
}
