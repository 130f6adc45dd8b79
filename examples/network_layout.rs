//! How long the network view costs on a project: building the graph, the force layout's
//! iterations, and real frames of the view, headless (each frame is `Context::run_ui` +
//! `Context::tessellate`, as a frame costs before the GPU upload): the frames while the layout
//! runs (within its per-frame budget), then steady frames with the pointer hovering the canvas.
//!
//! `cargo run --release --example network_layout -- PROJECT.ron`
//! (a big project: `cargo run --release --example gen -- --articles 2000 --passages 40000 --out /tmp/big.ron`)

use std::time::Instant;

use dossier::network::{Graph, Layout};
use dossier::ui::theme::Theme;
use dossier::ui::views::NetworkState;
use dossier::ui::views::network::network_ui;
use egui::{Pos2, RawInput, Rect, vec2};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: network_layout PROJECT.ron")?;
    let project = dossier::store::load(std::path::Path::new(&path))?;
    let t = Instant::now();
    let graph = Graph::of(&project, None);
    let graph_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut layout = Layout::new(&graph);
    let t = Instant::now();
    let iterations = layout.run(&graph, usize::MAX);
    let layout_ms = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "{} nodes, {} edges (max weight {}): graph {graph_ms:.1} ms; layout {iterations} iterations in {layout_ms:.0} ms = {:.2} ms per iteration",
        graph.nodes().len(),
        graph.edges().len(),
        graph.max_weight(),
        layout_ms / iterations.max(1) as f64,
    );

    // Frames of the view at 1400×900.
    let ctx = egui::Context::default();
    let mut state = NetworkState::default();
    let mut actions = Vec::new();
    let mut time = 0.0;
    let mut frame = |events: Vec<egui::Event>, state: &mut NetworkState| {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0))),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..RawInput::default()
        };
        time += 1.0 / 60.0;
        let started = Instant::now();
        let output = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                network_ui(ui, &project, state, &Theme::DARK, &mut actions);
            });
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        started.elapsed().as_secs_f64() * 1e3
    };
    let mut laying_out = Vec::new();
    while laying_out.len() < 1000 {
        laying_out.push(frame(Vec::new(), &mut state));
        if state.layout().is_some_and(Layout::is_done) {
            break;
        }
    }
    let mut steady = Vec::new();
    for k in 0..120 {
        let p = Pos2::new(300.0 + (k * 7 % 800) as f32, 250.0 + (k * 13 % 500) as f32);
        steady.push(frame(vec![egui::Event::PointerMoved(p)], &mut state));
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let at = |q: f64| {
            v.get(((v.len() as f64 - 1.0) * q) as usize)
                .copied()
                .unwrap_or(0.0)
        };
        (at(0.5), at(0.95), v.last().copied().unwrap_or(0.0))
    };
    let first = laying_out.first().copied().unwrap_or(0.0);
    let n = laying_out.len();
    let (p50, p95, max) = stats(&mut laying_out);
    println!(
        "frames while laying out: {n} (first {first:.1} ms incl. the graph), p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms"
    );
    let (p50, p95, max) = stats(&mut steady);
    println!("steady frames, pointer moving: p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms");
    Ok(())
}
