//! What an autosave of a large project costs the window. On the UI thread: copying the project,
//! either at once (`Project::clone`, for comparison) or as the workbench does it, in slices of
//! 4 ms, one per frame (`ProjectSnapshot`: the longest slice and how many frames). On the worker
//! thread: putting the copy together (validation), writing the recovery file, dropping the copy.
//!
//! ```text
//! cargo run --release --example autosave_cost [-- ARTICLES PASSAGES]   (default 10000 200000)
//! ```
//!
//! Prints one JSON line: medians of five runs, in milliseconds, and the file's size.

mod common;

use std::time::Instant;

use dossier::ui::files::ProjectSnapshot;

/// The allocator of the `dossier` binary, so that the numbers are the window's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let articles: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let passages: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let project = match common::corpus::project(articles, passages, 7) {
        Ok(p) => p,
        Err(err) => {
            eprintln!("autosave_cost: {err}");
            std::process::exit(2);
        }
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(err) => {
            eprintln!("autosave_cost: {err}");
            std::process::exit(2);
        }
    };
    let recovery = dossier::store::recovery_path_in(None, dir.path());
    let slice = std::time::Duration::from_millis(4);
    let (mut clone_ms, mut first_ms, mut max_slice_ms, mut slices, mut worker_ms) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let started = Instant::now();
        let whole = project.clone();
        clone_ms.push(started.elapsed().as_secs_f64() * 1e3);
        drop(whole);

        let started = Instant::now();
        let mut snapshot = ProjectSnapshot::start(&project, 0, 0);
        let mut longest = 0.0f64;
        let mut n = 0;
        loop {
            let at = Instant::now();
            let done = snapshot.step(&project, slice);
            n += 1;
            let this = at.elapsed().as_secs_f64() * 1e3;
            if n == 1 {
                // The first frame also copies everything but the passages.
                first_ms.push(started.elapsed().as_secs_f64() * 1e3);
            }
            longest = longest.max(this);
            if done {
                break;
            }
        }
        max_slice_ms.push(longest);
        slices.push(f64::from(n));

        let started = Instant::now();
        let result = snapshot.into_project().and_then(|copy| {
            dossier::store::write_recovery(&copy, &recovery).map_err(|e| e.to_string())
        });
        if let Err(err) = result {
            eprintln!("autosave_cost: {err}");
            std::process::exit(2);
        }
        worker_ms.push(started.elapsed().as_secs_f64() * 1e3);
    }
    let bytes = std::fs::metadata(&recovery).map_or(0, |m| m.len());
    println!(
        "{{\"articles\":{articles},\"passages\":{passages},\"file_mb\":{:.1},\"clone_all_ms\":{:.1},\"first_frame_ms\":{:.1},\"longest_slice_ms\":{:.1},\"frames\":{},\"worker_ms\":{:.0}}}",
        bytes as f64 / 1e6,
        median(clone_ms),
        median(first_ms),
        median(max_slice_ms),
        median(slices),
        median(worker_ms)
    );
}
