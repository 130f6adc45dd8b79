//! Frame times of the whole workbench (library, reader, inspector, codebook, status bar) on a
//! project file, headless (no GPU): each frame is `Context::run_ui` + `Context::tessellate`, as a
//! real frame costs before the GPU upload. The pointer moves a little every frame so nothing is
//! skipped.
//!
//! `cargo run --release --example window_frames -- PROJECT.ron [FRAMES]`
//!
//! Prints one JSON object: load time, the first frame, then p50/p95/max of the following frames
//! with each centre view shown in turn (reader, excerpts, timeline, …); `after_edit_ms`: the
//! two frames after an edit that touches no article (a new tag), over seven edits; last, when the
//! project has claims, `edit_frames_ms`: the two frames after an edit (a passage's credibility
//! graded), when every cache of the changed project is rebuilt, with the Reader shown and with the
//! Claims view shown (the difference is the Claims view's analysis).

use std::time::Instant;

use dossier::ui::workbench::Workbench;
use egui::{Event, Pos2, RawInput, Rect, vec2};

fn frame(ctx: &egui::Context, wb: &mut Workbench, time: f64, x: f32) -> f64 {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1440.0, 900.0))),
        time: Some(time),
        predicted_dt: 1.0 / 60.0,
        events: vec![Event::PointerMoved(Pos2::new(x, 450.0))],
        ..RawInput::default()
    };
    let started = Instant::now();
    let output = ctx.run_ui(input, |ui| wb.ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    started.elapsed().as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: window_frames PROJECT.ron [FRAMES]")?;
    let frames: usize = args
        .next()
        .map(|f| f.parse().map_err(|e| format!("FRAMES: {e}")))
        .transpose()?
        .unwrap_or(60);
    let started = Instant::now();
    let project = dossier::store::load(std::path::Path::new(&path)).map_err(|e| e.to_string())?;
    let load_s = started.elapsed().as_secs_f64();
    let mut wb = Workbench::new(project, Some(path.clone().into()));
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let first = frame(&ctx, &mut wb, time, 700.0);
    let mut json = serde_json::json!({ "file": path, "load_s": load_s, "first_frame_ms": first });
    for view in dossier::ui::views::CentreView::ALL {
        wb.show_view(view);
        let mut times = Vec::with_capacity(frames);
        for i in 0..frames {
            time += 1.0 / 60.0;
            times.push(frame(&ctx, &mut wb, time, 600.0 + (i % 40) as f32));
        }
        let first = times.remove(0);
        times.sort_by(f64::total_cmp);
        json[view.title()] = serde_json::json!({
            "first_ms": first,
            "p50_ms": percentile(&times, 0.5),
            "p95_ms": percentile(&times, 0.95),
            "max_ms": times.last(),
        });
    }
    // An edit that touches no article (a new tag), as the analyst makes dozens an hour: the two
    // frames after it (applied after the first) pay for whatever is recomputed per revision.
    wb.show_view(dossier::ui::views::CentreView::Reader);
    let mut after = Vec::new();
    for i in 0..7 {
        let tag = dossier::model::Tag {
            id: dossier::model::TagId::random(),
            name: format!("Frames {i}"),
            color: dossier::model::Rgb([40, 90, 160]),
            parent: None,
            description: String::new(),
        };
        wb.push(dossier::ui::Action::Edit(dossier::edit::Edit::AddTag(tag)));
        let mut ms = 0.0;
        for _ in 0..2 {
            time += 1.0 / 60.0;
            ms += frame(&ctx, &mut wb, time, 650.0);
        }
        after.push(ms);
    }
    after.sort_by(f64::total_cmp);
    json["after_edit_ms"] = serde_json::json!({
        "p50_ms": percentile(&after, 0.5),
        "max_ms": after.last(),
    });
    // The Network view's second network, the holders' (laid out within a budget per frame).
    if !wb.project().evidence().claims().is_empty() {
        wb.push(dossier::ui::Action::OpenHolderNetwork);
        let mut times = Vec::with_capacity(frames);
        for i in 0..frames {
            time += 1.0 / 60.0;
            times.push(frame(&ctx, &mut wb, time, 600.0 + (i % 40) as f32));
        }
        let first = times.remove(0);
        times.sort_by(f64::total_cmp);
        json["Network: holders"] = serde_json::json!({
            "first_ms": first,
            "p50_ms": percentile(&times, 0.5),
            "p95_ms": percentile(&times, 0.95),
            "max_ms": times.last(),
        });
    }
    let graded = (wb.project().evidence().claims().values())
        .find_map(|c| c.stances.first().map(|(p, _)| *p));
    if let Some(passage) = graded {
        use dossier::model::{Credibility, Grade};
        use dossier::ui::views::CentreView;
        for view in [CentreView::Reader, CentreView::Claims] {
            wb.show_view(view);
            time += 1.0 / 60.0;
            frame(&ctx, &mut wb, time, 600.0);
            let now = wb.project().evidence().credibility(passage);
            let other = if now == Credibility::Probable {
                Credibility::Possible
            } else {
                Credibility::Probable
            };
            wb.push(dossier::ui::Action::Edit(dossier::edit::Edit::SetGrade(
                Grade::Passage(passage, other),
            )));
            // The frame that applies the edit and the one after it.
            let mut edit = Vec::new();
            for i in 0..2 {
                time += 1.0 / 60.0;
                edit.push(frame(&ctx, &mut wb, time, 601.0 + i as f32));
            }
            json["edit_frames_ms"][view.title()] = serde_json::json!(edit);
        }
    }
    println!("{json}");
    Ok(())
}
