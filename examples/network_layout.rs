//! How long the network view's model takes on a project: building the graph, and the force
//! layout's iterations (the view spreads them over frames within a time budget).
//!
//! `cargo run --release --example network_layout -- PROJECT.ron`
//! (a big project: `cargo run --release --example gen -- --articles 2000 --passages 40000 --out /tmp/big.ron`)

use std::time::Instant;

use dossier::network::{Graph, Layout};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: network_layout PROJECT.ron"))?;
    let project = dossier::store::load(std::path::Path::new(&path))?;
    let t = Instant::now();
    let graph = Graph::of(&project);
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
    Ok(())
}
