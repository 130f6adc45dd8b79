//! Writes a realistic, valid generated project for benchmarks and stress tests.
//!
//! `cargo run --release --example gen -- --articles 10000 --passages 200000 --out big.ron`
//!
//! `--claims N` adds N claims with stances on random passages, grades on the outlets, some
//! actors and some of those passages (for the Claims view and the holder network).
//!
//! Articles vary in length (a few hundred to tens of thousands of chars) and mix English with
//! Cyrillic, curly quotes, dashes, combining marks and emoji; passages overlap, carry tags and
//! link to actors and events. The same `--seed` gives the same file. The generator itself is in
//! `common/corpus.rs`, shared with `perf` and the benchmarks.

mod common;

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Number of passages, spread over the articles.
    #[arg(long, default_value_t = 20_000)]
    passages: usize,
    /// Number of claims (2–30 stances each) and, when above 0, grades.
    #[arg(long, default_value_t = 0)]
    claims: usize,
    /// Output file.
    #[arg(long)]
    out: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let project =
        common::corpus::project_with_claims(args.articles, args.passages, args.claims, args.seed)?;
    let text = dossier::store::to_ron_string(&project)?;
    dossier::store::write_atomic(&args.out, text.as_bytes(), false)?;
    eprintln!(
        "wrote {} ({:.1} MB): {}",
        args.out.display(),
        text.len() as f64 / 1e6,
        project.stats()
    );
    Ok(())
}
