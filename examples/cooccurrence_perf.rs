//! Times the co-occurrence matrix on a project file: both modes, with and without sub-tags,
//! and listing the passages of the busiest cell.
//!
//! `cargo run --release --example gen -- --articles 2000 --passages 40000 --out /tmp/big.ron`
//! then `cargo run --release --example cooccurrence_perf -- /tmp/big.ron [--runs 5]`
//!
//! Prints the project's size and, for each case, the median wall time of `--runs` runs and, on
//! Linux, the median CPU time of this thread (from `/proc/thread-self/schedstat`), which a busy
//! machine does not inflate.

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use dossier::cooccurrence::{Mode, Options, cell_passages, compute};

#[derive(Parser)]
struct Args {
    /// The project file.
    file: PathBuf,
    /// Runs per case (the median is printed).
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

/// This thread's CPU time so far in nanoseconds (0 where unavailable).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Median wall and CPU milliseconds of `runs` runs, as text.
fn median_ms(runs: usize, mut f: impl FnMut()) -> String {
    let (mut wall, mut cpu): (Vec<f64>, Vec<f64>) = (0..runs.max(1))
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_ns());
            f();
            (
                t.elapsed().as_secs_f64() * 1e3,
                cpu_ns().saturating_sub(c) as f64 / 1e6,
            )
        })
        .unzip();
    wall.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    format!(
        "{:.1} ms (CPU {:.1} ms)",
        wall[wall.len() / 2],
        cpu[cpu.len() / 2]
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let project = dossier::store::load(&args.file)?;
    println!("{}", project.stats());
    for mode in [Mode::TagTag, Mode::TagActor] {
        for include_subtags in [false, true] {
            let options = Options {
                mode,
                include_subtags,
            };
            let matrix = compute(&project, options, None);
            let ms = median_ms(args.runs, || {
                std::hint::black_box(compute(&project, options, None));
            });
            // The busiest cell off the diagonal.
            let mut best = (0, 0, 0);
            for r in 0..matrix.rows.len() {
                for c in 0..matrix.columns.len() {
                    let n = matrix.count(r, c);
                    if !matrix.is_diagonal(r, c) && n > best.2 {
                        best = (r, c, n);
                    }
                }
            }
            let cell_ms = match (matrix.rows.get(best.0), matrix.columns.get(best.1)) {
                (Some(row), Some(column)) => median_ms(args.runs, || {
                    std::hint::black_box(cell_passages(&project, options, None, *row, *column));
                }),
                _ => "-".to_owned(),
            };
            println!(
                "{mode:?} sub-tags {include_subtags}: {} × {} matrix in {ms}; busiest cell ({} passages) listed in {cell_ms}",
                matrix.rows.len(),
                matrix.columns.len(),
                best.2,
            );
        }
    }
    Ok(())
}
