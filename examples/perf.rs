//! The performance summary of issue 7, as one JSON line.
//!
//! `cargo run --release --example perf [-- --file PROJECT.ron] [--runs 3]`
//!
//! Without `--file`, a project of 10,000 articles and 200,000 passages (`--articles`,
//! `--passages`) is generated into a temporary folder by a child process, so the generator's
//! memory does not count. Then, on that file:
//! - `floor_read_s`: reading the file and checking its UTF-8 — the least any open can cost;
//! - `open_s`: `store::load` (read, parse, validate); `open_ratio` = `open_s / floor_read_s`.
//!   Each floor and open runs in a fresh process (as an analyst opening the project meets it,
//!   with no memory to reuse); the file is in the page cache;
//! - `save_s`: `store::save` over an existing file in the temporary folder (atomic, fsynced, with
//!   a backup), never over `--file`; `saved_equals_input`: whether the saved bytes are the
//!   input's (they are for a file in the canonical form);
//! - `edit_apply_ms`, `edit_undo_ms`: tagging one passage through `History`, and undoing it;
//!   `drop_s`: freeing the project (what closing it costs);
//! - `peak_rss_mb`: this process's peak resident memory (VmHWM) after opening, saving and
//!   editing, before the search and the frames; `file_mb`: the file's size;
//! - `search_50mb_s`: a case-insensitive regex (`--search`, default `sanctions?\s+(deadline|tariffs)`)
//!   over a separate 50 MB corpus, every match taken; `search_many_hits_s`: a second query that
//!   matches 100,000 times there (`\bkremlin\b\s+\w+`), the cost of collecting many hits;
//! - `agree_s`: `dossier agree` on the generated project against a copy with every 20th passage
//!   removed and every 7th one's start moved by a char (`agree_passages` compared, checked:
//!   the removed ones and only those are unmatched);
//! - `frame_p50_ms`, `frame_p95_ms`, `first_frame_ms`: the reader scrolling a 2 MB article with
//!   20,000 passages and its first frame (`common/frames.rs`, as in `reader_frames`).
//!
//! Times are medians of `--runs` runs (frames: percentiles of 300 frames). The program uses the
//! allocator the `dossier` binary uses (mimalloc).

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use dossier::edit::{Edit, History};
use dossier::model::{Parts, Project};
use dossier::search::{SearchOptions, find};
use dossier::store;

use common::frames::{FrameArgs, percentile};

/// The allocator the `dossier` binary uses, so the numbers are the app's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The regular expression searched for over 50 MB by default: an analyst's query with a few
/// thousand matches in the generated corpus.
const SEARCH_REGEX: &str = r"sanctions?\s+(deadline|tariffs)";
/// A second query with a match every 500 bytes (the generated corpus has a small vocabulary) and
/// Unicode word boundaries: the cost of collecting 100,000 hits.
const MANY_HITS_REGEX: &str = r"\bkremlin\b\s+\w+";

#[derive(Parser)]
struct Args {
    /// A project file to measure (default: generate one).
    #[arg(long)]
    file: Option<PathBuf>,
    /// Articles in the generated project.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Passages in the generated project.
    #[arg(long, default_value_t = 200_000)]
    passages: usize,
    /// Timed runs of floor, open, save and search; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The regular expression searched for over 50 MB (case-insensitive).
    #[arg(long, default_value = SEARCH_REGEX)]
    search: String,
    /// Leave out the reader frames and the search (for profiling open and save).
    #[arg(long)]
    store_only: bool,
    /// Only repeat one step `--runs` times, for a profiler: `open` (`store::load`), `parse`
    /// (`ron`'s own parser into `store::ProjectFile`, for comparison), `validate`
    /// (`store::from_file`), `ron` (`store::to_ron_string`), `write` (`store::write_atomic` of
    /// that text) or `save` (`store::save`). Needs `--file`.
    #[arg(long)]
    profile: Option<String>,
    /// Time one `floor` or `open` of `--file`, print the seconds and exit (what the child
    /// processes do).
    #[arg(long, hide = true)]
    child: Option<String>,
    /// Generate the project into this file and exit (what the child process does).
    #[arg(long, hide = true)]
    generate_into: Option<PathBuf>,
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    percentile(&xs, 0.5)
}

fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// Seconds taken by `f`, and its result.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let started = Instant::now();
    let out = f();
    (started.elapsed().as_secs_f64(), out)
}

/// The peak resident set size of this process in MB (Linux; `None` elsewhere).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0 / 1e6)
}

fn generate(args: &Args, out: &Path) -> Result<(), String> {
    let project = common::corpus::project(args.articles, args.passages, 7)?;
    store::save(&project, out).map_err(|e| e.to_string())
}

/// Runs this program again to generate the project into `out`.
fn generate_in_child(args: &Args, out: &Path) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let status = std::process::Command::new(exe)
        .arg("--generate-into")
        .arg(out)
        .args(["--articles", &args.articles.to_string()])
        .args(["--passages", &args.passages.to_string()])
        .status()
        .map_err(|e| format!("cannot run the generator: {e}"))?;
    if !status.success() {
        return Err(format!("the generator failed: {status}"));
    }
    Ok(())
}

/// Whether two files hold the same bytes (read a piece at a time).
fn same_bytes(a: &Path, b: &Path) -> bool {
    use std::io::BufRead;
    let (Ok(a), Ok(b)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let mut a = std::io::BufReader::with_capacity(1 << 20, a);
    let mut b = std::io::BufReader::with_capacity(1 << 20, b);
    loop {
        let (n, equal) = match (a.fill_buf(), b.fill_buf()) {
            (Ok(x), Ok(y)) if x.is_empty() || y.is_empty() => return x.is_empty() && y.is_empty(),
            (Ok(x), Ok(y)) => {
                let n = x.len().min(y.len());
                (n, x.get(..n) == y.get(..n))
            }
            _ => return false,
        };
        if !equal {
            return false;
        }
        a.consume(n);
        b.consume(n);
    }
}

/// Runs this program again to time one step on `file`; returns its seconds.
fn in_child(step: &str, file: &Path) -> Result<f64, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let output = std::process::Command::new(exe)
        .args(["--child", step, "--file"])
        .arg(file)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run the {step} step: {e}"))?;
    if !output.status.success() {
        return Err(format!("the {step} step failed: {}", output.status));
    }
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("the {step} step printed no time: {e}"))
}

/// One timed step in this (fresh) process.
fn child(args: &Args, step: &str) -> Result<f64, String> {
    let file = args.file.as_deref().ok_or("--child needs --file")?;
    match step {
        "floor" => floor_read(file),
        "open" => {
            let (s, loaded) = timed(|| store::load(file));
            let project = loaded.map_err(|e| e.to_string())?;
            // Not timed: the app keeps the project.
            std::mem::forget(project);
            Ok(s)
        }
        _ => Err(format!("unknown step {step}: floor or open")),
    }
}

fn floor_read(path: &Path) -> Result<f64, String> {
    let (s, ok) = timed(|| {
        let bytes = std::fs::read(path).map_err(|e| format!("{e} — {}", path.display()))?;
        Ok::<bool, String>(std::str::from_utf8(&bytes).is_ok())
    });
    if !ok? {
        return Err(format!("not UTF-8 — {}", path.display()));
    }
    Ok(s)
}

/// Median (apply, undo) times in ms of tagging one passage through the history.
fn edit_times(project: &mut Project) -> Result<(f64, f64), String> {
    let mut history = History::new();
    let passage = project
        .passages()
        .values()
        .nth(project.passages().len() / 2)
        .ok_or("the project has no passages")?;
    let tag = project
        .tags()
        .keys()
        .find(|t| !passage.tags.contains(t))
        .copied()
        .ok_or("the passage has every tag")?;
    let passage = passage.id;
    let (mut applies, mut undos) = (Vec::new(), Vec::new());
    for _ in 0..101 {
        let (s, result) = timed(|| history.apply(project, Edit::TagPassage(passage, tag)));
        result.map_err(|e| e.to_string())?;
        applies.push(s * 1000.0);
        let (s, result) = timed(|| history.undo(project));
        result.map_err(|e| e.to_string())?;
        undos.push(s * 1000.0);
    }
    Ok((median(applies), median(undos)))
}

/// The 50 MB corpus for searching.
fn search_corpus() -> Result<Project, String> {
    let documents = common::corpus::documents_of_size(50_000_000, 11);
    Project::from_parts(Parts {
        title: "Search corpus".into(),
        documents,
        ..Parts::default()
    })
    .map_err(|p| format!("invalid search corpus: {:?}", p.first()))
}

/// Median seconds of a case-insensitive regex search (every match taken), and the hits.
fn search(project: &Project, regex: &str, runs: usize) -> Result<(f64, usize), String> {
    let options = SearchOptions {
        regex: true,
        case_sensitive: false,
        limit: usize::MAX,
    };
    let mut times = Vec::new();
    let mut hits = 0;
    for _ in 0..runs {
        let (s, found) = timed(|| find(project, regex, &options));
        hits = found.map_err(|e| e.to_string())?.hits.len();
        times.push(s);
    }
    Ok((median(times), hits))
}

/// Repeats one step of opening or saving and prints each run's time to stderr.
fn profile(args: &Args, step: &str) -> Result<(), String> {
    let file = args.file.as_deref().ok_or("--profile needs --file")?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{e} — {}", file.display()))?;
    let project = store::from_ron_str(&text, file).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let out = dir.path().join("saved.ron");
    for _ in 0..args.runs.max(1) {
        let started = Instant::now();
        match step {
            "open" => drop(store::load(file).map_err(|e| e.to_string())?),
            "parse" => drop(ron::from_str::<store::ProjectFile>(&text).map_err(|e| e.to_string())?),
            "validate" => {
                let parsed: store::ProjectFile = ron::from_str(&text).map_err(|e| e.to_string())?;
                let started = Instant::now();
                let project = store::from_file(parsed, file).map_err(|e| e.to_string())?;
                eprintln!("validate: {:.3} s", started.elapsed().as_secs_f64());
                drop(project);
            }
            "ron" => drop(store::to_ron_string(&project).map_err(|e| e.to_string())?),
            "save" => store::save(&project, &out).map_err(|e| e.to_string())?,
            "write" => {
                let text = store::to_ron_string(&project).map_err(|e| e.to_string())?;
                let started = Instant::now();
                store::write_atomic(&out, text.as_bytes(), true).map_err(|e| e.to_string())?;
                eprintln!("write_atomic: {:.3} s", started.elapsed().as_secs_f64());
            }
            _ => {
                return Err(format!(
                    "unknown step {step}: open, parse, validate, ron, write or save"
                ));
            }
        }
        eprintln!("{step}: {:.3} s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Times `agree::compare` of the project with a second coder's copy: every 20th passage removed,
/// every 7th (of the rest) starting a char later. Fails unless exactly the removed passages are
/// unmatched. Returns the median seconds and the passages of both sides.
fn agreement(project: &Project, runs: usize) -> Result<(f64, usize), String> {
    use dossier::agree::{Options, Side, compare};
    let mut parts = project.to_parts();
    let before = parts.passages.len();
    let mut k = 0usize;
    parts.passages.retain(|_| {
        k += 1;
        k % 20 != 0
    });
    let removed = before - parts.passages.len();
    for (k, p) in parts.passages.iter_mut().enumerate() {
        if k % 7 == 0 && p.end - p.start > 4 {
            let doc = project
                .document(p.doc)
                .ok_or("a passage without its article")?;
            let mut moved = dossier::model::Passage::new(doc, p.start + 1, p.end)
                .ok_or("a moved span that does not fit")?;
            moved.id = p.id;
            moved.tags = std::mem::take(&mut p.tags);
            *p = moved;
        }
    }
    let other = Project::from_parts(parts).map_err(|e| format!("{e:?}"))?;
    let mut times = Vec::new();
    for _ in 0..runs {
        let (s, report) = timed(|| {
            compare(
                &Side::whole("A", project),
                &Side::whole("B", &other),
                &Options::default(),
            )
        });
        let report = report.map_err(|e| e.to_string())?;
        if report.overall.counts.only_a != removed || report.overall.counts.only_b != 0 {
            return Err(format!(
                "agreement: {} unmatched of A and {} of B, expected {removed} and 0",
                report.overall.counts.only_a, report.overall.counts.only_b
            ));
        }
        times.push(s);
    }
    Ok((median(times), before + other.passages().len()))
}

fn run(args: &Args) -> Result<serde_json::Value, String> {
    let runs = args.runs.max(1);
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let file = match &args.file {
        Some(file) => file.clone(),
        None => {
            let file = dir.path().join("generated.ron");
            generate_in_child(args, &file)?;
            file
        }
    };
    let file_mb = std::fs::metadata(&file)
        .map_err(|e| format!("{e} — {}", file.display()))?
        .len() as f64
        / 1e6;

    // Each floor and open runs in a fresh process, as an analyst opening the project meets it:
    // no memory left over from a previous run to reuse. The first floor warms the page cache.
    let mut floors = Vec::new();
    for _ in 0..runs + 1 {
        floors.push(in_child("floor", &file)?);
    }
    floors.remove(0);
    let floor_read_s = median(floors);
    let mut opens = Vec::new();
    for _ in 0..runs {
        opens.push(in_child("open", &file)?);
    }
    let open_s = median(opens);

    let mut project = store::load(&file).map_err(|e| e.to_string())?;
    let saved = dir.path().join("saved.ron");
    store::save(&project, &saved).map_err(|e| e.to_string())?;
    let mut saves = Vec::new();
    for _ in 0..runs {
        let (s, result) = timed(|| store::save(&project, &saved));
        result.map_err(|e| e.to_string())?;
        saves.push(s);
    }
    let save_s = median(saves);

    let (edit_apply_ms, edit_undo_ms) = edit_times(&mut project)?;
    let peak_rss_mb = peak_rss_mb();
    let saved_equals_input = same_bytes(&saved, &file);
    let (agree_s, agree_passages) = agreement(&project, runs)?;
    let passages = project.passages().len();
    let articles = project.documents().len();
    let (drop_s, ()) = timed(|| drop(project));

    let mut json = serde_json::json!({
        "open_s": round(open_s, 3),
        "save_s": round(save_s, 3),
        "floor_read_s": round(floor_read_s, 3),
        "open_ratio": round(open_s / floor_read_s, 2),
        "search_50mb_s": null,
        "frame_p50_ms": null,
        "frame_p95_ms": null,
        "first_frame_ms": null,
        "edit_apply_ms": round(edit_apply_ms, 4),
        "peak_rss_mb": peak_rss_mb.map(|mb| round(mb, 1)),
        "file_mb": round(file_mb, 1),
        "edit_undo_ms": round(edit_undo_ms, 4),
        "saved_equals_input": saved_equals_input,
        "drop_s": round(drop_s, 3),
        "agree_s": round(agree_s, 3),
        "agree_passages": agree_passages,
        "articles": articles,
        "passages": passages,
        "runs": runs,
    });
    if !args.store_only {
        let corpus = search_corpus()?;
        let bytes: usize = corpus
            .documents()
            .values()
            .map(|d| d.text.len_bytes())
            .sum();
        let (search_s, hits) = search(&corpus, &args.search, runs)?;
        let (many_s, many) = search(&corpus, MANY_HITS_REGEX, runs)?;
        drop(corpus);
        json["search_50mb_s"] = round(search_s, 4).into();
        json["search_regex"] = args.search.clone().into();
        json["search_hits"] = hits.into();
        json["search_mb"] = round(bytes as f64 / 1e6, 1).into();
        json["search_many_hits_s"] = round(many_s, 4).into();
        json["search_many_hits_regex"] = MANY_HITS_REGEX.into();
        json["search_many_hits"] = many.into();
        let frames = common::frames::measure(&FrameArgs::default())?;
        json["frame_p50_ms"] = round(percentile(&frames.scroll_ms, 0.50), 2).into();
        json["frame_p95_ms"] = round(percentile(&frames.scroll_ms, 0.95), 2).into();
        json["first_frame_ms"] = round(frames.first_frame_ms, 2).into();
        json["cold_first_frame_ms"] = round(frames.cold_first_frame_ms, 2).into();
    }
    Ok(json)
}

fn main() {
    let args = Args::parse();
    if let Some(out) = &args.generate_into {
        if let Err(err) = generate(&args, out) {
            eprintln!("perf: {err}");
            std::process::exit(1);
        }
        return;
    }
    if let Some(step) = &args.child {
        match child(&args, step) {
            Ok(s) => println!("{s}"),
            Err(err) => {
                eprintln!("perf: {err}");
                std::process::exit(1);
            }
        }
        return;
    }
    if let Some(step) = &args.profile {
        if let Err(err) = profile(&args, step) {
            eprintln!("perf: {err}");
            std::process::exit(1);
        }
        return;
    }
    match run(&args) {
        Ok(json) => println!("{json}"),
        Err(err) => {
            eprintln!("perf: {err}");
            std::process::exit(1);
        }
    }
}
