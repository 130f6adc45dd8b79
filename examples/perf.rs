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
//!   input's (they must be: the generated file is canonical, and `--file` must be too — run
//!   `dossier fmt` on it first);
//! - `edit_apply_ms`, `edit_undo_ms`: tagging one passage through `History`, and undoing it;
//!   `drop_s`: freeing the project (what closing it costs);
//! - `peak_rss_mb`: this process's peak resident memory (VmHWM) after opening, saving and
//!   editing, before the search and the frames; `file_mb`: the file's size;
//! - `search_50mb_s`: a case-insensitive regex (`--search`, default `sanctions?\s+(deadline|tariffs)`,
//!   4,022 hits) over a separate 50 MB corpus, every match taken; `search_many_hits_s`: a second
//!   query that matches 97,444 times there (`\bkremlin\b\s+\w+`), the cost of collecting many
//!   hits (the counts are `common::corpus::SEARCHES`);
//! - `merge_s`: `merge::merge` of two branches of 1,000 edits each (notes, tags, new and
//!   deleted passages, partly on the same passages) made from the project; `merge_ratio` =
//!   `merge_s / open_s` (budget 2); `merge_passages_ok`: the result has exactly the passages of
//!   either side that the other side did not delete (else the program exits with an error);
//! - `agree_s`: `dossier agree` on the generated project against a copy with every 20th passage
//!   removed and every 7th one's start moved by a char (`agree_passages` compared, checked:
//!   the removed ones and only those are unmatched);
//! - `frame_p50_ms`, `frame_p95_ms`, `first_frame_ms`: the reader scrolling a 2 MB article with
//!   20,000 passages and its first frame (`common/frames.rs`, as in `reader_frames`);
//!   `frame_scrolled_px`: how far the timed frames scrolled (they must have moved the text).
//! - `brief_ms`: the example project's (`saves/ceasefire-2025.ron`) whole brief in each reading and
//!   source format (`md`, `html`, `docx`, `pdf`, `csl`, `ris`, `bibtex`), milliseconds, with the
//!   bytes written (`brief_bytes`); the target is at most 1 s each (`--briefs-only` measures these
//!   alone).
//!
//! The results are checked once, outside the timings: the saved file must equal the input, a
//! generated project must have the articles and passages asked for, each default search its
//! known number of hits, and the frames must have scrolled. A wrong result is printed and the
//! program exits with status 1 (after the JSON line).
//!
//! Times are medians of `--runs` runs (frames: percentiles of 300 frames). The program uses the
//! allocator the `dossier` binary uses (mimalloc).

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use dossier::edit::{Edit, History};
use dossier::model::{Parts, Passage, PassageId, Project};
use dossier::search::{SearchOptions, find};
use dossier::store;

use common::frames::{FrameArgs, percentile};

/// The allocator the `dossier` binary uses, so the numbers are the app's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The regular expression searched for over 50 MB by default: an analyst's query with a few
/// thousand matches in the generated corpus.
const SEARCH_REGEX: &str = common::corpus::SEARCHES[0].0;
/// A second query with a match every 500 bytes (the generated corpus has a small vocabulary) and
/// Unicode word boundaries: the cost of collecting 97,444 hits.
const MANY_HITS_REGEX: &str = common::corpus::SEARCHES[1].0;

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
    /// Only time the example project's brief in each format.
    #[arg(long)]
    briefs_only: bool,
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

/// A branch of `base` with `count` edits applied: notes, tags, new passages and deletions on
/// the passages picked by `step` (two branches with different steps meet on some passages).
fn branch(base: &Project, count: usize, step: usize, name: &str) -> Result<Project, String> {
    let mut p = base.clone();
    let passages: Vec<_> = base.passages().keys().copied().collect();
    let tags: Vec<_> = base.tags().keys().copied().collect();
    let docs: Vec<_> = base.documents().keys().copied().collect();
    if passages.is_empty() || tags.is_empty() {
        return Err("the project needs passages and tags to merge".into());
    }
    let (mut applied, mut i) = (0, 0);
    while applied < count {
        i += 1;
        if i > count * 20 {
            return Err(format!("only {applied} of {count} edits applied on {name}"));
        }
        let id = passages[(i * step) % passages.len()];
        let edit = match i % 4 {
            0 => Edit::SetPassageNote(id, format!("{name} note {i}\nsecond line")),
            1 => Edit::TagPassage(id, tags[i % tags.len()]),
            2 => {
                let doc = p
                    .document(docs[(i * step) % docs.len()])
                    .ok_or("no document")?;
                let len = doc.text.len_chars().min(40);
                match Passage::new(doc, 0, len.max(1)) {
                    Some(new) => Edit::AddPassage(Box::new(new)),
                    None => continue,
                }
            }
            _ => Edit::RemovePassage(id),
        };
        if dossier::edit::apply(&mut p, edit).is_ok() {
            applied += 1;
        }
    }
    Ok(p)
}

/// The passage (and orphan) ids a merge must give: every one either side has, except those one
/// side deleted while the other left them as they were.
fn expected_passages(base: &Project, ours: &Project, theirs: &Project) -> Vec<PassageId> {
    let get = |p: &Project, id| p.passage(id).or_else(|| p.orphan(id)).cloned();
    let all: std::collections::BTreeSet<PassageId> = (ours.passages().keys())
        .chain(ours.orphans().keys())
        .chain(theirs.passages().keys())
        .chain(theirs.orphans().keys())
        .copied()
        .collect();
    all.into_iter()
        .filter(|&id| match (get(ours, id), get(theirs, id)) {
            (Some(_), Some(_)) => true,
            (Some(side), None) | (None, Some(side)) => get(base, id) != Some(side),
            (None, None) => false,
        })
        .collect()
}

/// Median seconds of merging two branches of `edits` edits each, and whether the result has
/// exactly the passages it should.
fn merge_times(base: &Project, edits: usize, runs: usize) -> Result<(f64, bool, usize), String> {
    let ours = branch(base, edits, 7919, "ours")?;
    let theirs = branch(base, edits, 104_729, "theirs")?;
    let expected = expected_passages(base, &ours, &theirs);
    let mut times = Vec::new();
    let mut ok = true;
    let mut conflicts = 0;
    for _ in 0..runs {
        let (s, merged) = timed(|| dossier::merge::merge(base, &ours, &theirs));
        let merged = merged.map_err(|e| e.to_string())?;
        times.push(s);
        let got: Vec<PassageId> = (merged.project.passages().keys())
            .chain(merged.project.orphans().keys())
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        ok &= got == expected;
        conflicts = merged.project.conflicts().len();
        drop(merged);
    }
    Ok((median(times), ok, conflicts))
}

/// The 50 MB corpus for searching.
fn search_corpus() -> Result<Project, String> {
    let documents = common::corpus::documents_of_size(
        common::corpus::SEARCH_BYTES,
        common::corpus::SEARCH_SEED,
    );
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
        !k.is_multiple_of(20)
    });
    let removed = before - parts.passages.len();
    for (k, p) in parts.passages.iter_mut().enumerate() {
        if k.is_multiple_of(7) && p.end - p.start > 4 {
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

/// Median milliseconds (and bytes) of the example project's whole brief in each document and
/// source format.
fn brief_times(runs: usize) -> Result<(serde_json::Value, serde_json::Value), String> {
    use dossier::export::{ExcerptQuery, Format, export};
    let project = dossier::example::example_project().map_err(|e| e.to_string())?;
    let query = ExcerptQuery::all();
    let mut times = serde_json::Map::new();
    let mut sizes = serde_json::Map::new();
    for format in [
        Format::Md,
        Format::Html,
        Format::Docx,
        Format::Pdf,
        Format::Csl,
        Format::Ris,
        Format::Bibtex,
    ] {
        let mut ms = Vec::new();
        let mut bytes = 0;
        for _ in 0..runs {
            let (s, out) = timed(|| export(&project, &query, format));
            bytes = out.map_err(|e| e.to_string())?.len();
            ms.push(s * 1000.0);
        }
        times.insert(format.name().into(), round(median(ms), 1).into());
        sizes.insert(format.name().into(), bytes.into());
    }
    Ok((times.into(), sizes.into()))
}

/// A wrong result where `expected` says the right one; `None` when none is known.
fn wrong_hits(regex: &str, hits: usize) -> Option<String> {
    let (_, expected) = common::corpus::SEARCHES.iter().find(|(r, _)| *r == regex)?;
    (hits != *expected).then(|| format!("`{regex}` gave {hits} hits, not {expected}"))
}

/// The summary, and the results that were wrong (empty when all were right).
fn run(args: &Args) -> Result<(serde_json::Value, Vec<String>), String> {
    let mut wrong = Vec::new();
    let runs = args.runs.max(1);
    if args.briefs_only {
        let (times, sizes) = brief_times(runs)?;
        let json = serde_json::json!({"brief_ms": times, "brief_bytes": sizes, "runs": runs});
        return Ok((json, wrong));
    }
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
    // After the peak above: the merge holds the original and three projects at once.
    let (merge_s, merge_passages_ok, merge_conflicts) = merge_times(&project, 1000, runs)?;
    if !merge_passages_ok {
        return Err("the merge lost or resurrected passages".into());
    }
    let saved_equals_input = same_bytes(&saved, &file);
    let (agree_s, agree_passages) = agreement(&project, runs)?;
    let passages = project.passages().len();
    let articles = project.documents().len();
    if !saved_equals_input {
        wrong.push(format!(
            "the saved file differs from the input {} (a file not in the canonical form? \
             `dossier fmt` it)",
            file.display()
        ));
    }
    if args.file.is_none() && (articles, passages) != (args.articles, args.passages) {
        wrong.push(format!(
            "the generated project has {articles} articles and {passages} passages, \
             not {} and {}",
            args.articles, args.passages
        ));
    }
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
        "merge_s": round(merge_s, 3),
        "merge_ratio": round(merge_s / open_s, 2),
        "merge_passages_ok": merge_passages_ok,
        "merge_conflicts": merge_conflicts,
        "agree_s": round(agree_s, 3),
        "agree_passages": agree_passages,
        "articles": articles,
        "passages": passages,
        "runs": runs,
    });
    let (brief_ms, brief_bytes) = brief_times(runs)?;
    json["brief_ms"] = brief_ms;
    json["brief_bytes"] = brief_bytes;
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
        wrong.extend(wrong_hits(&args.search, hits));
        wrong.extend(wrong_hits(MANY_HITS_REGEX, many));
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
        json["frame_scrolled_px"] = round(f64::from(frames.scrolled_px), 1).into();
        if frames.scrolled_px <= 0.0 {
            wrong.push(format!(
                "the timed reader frames did not scroll ({} px)",
                frames.scrolled_px
            ));
        }
    }
    Ok((json, wrong))
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
        Ok((json, wrong)) => {
            println!("{json}");
            if !wrong.is_empty() {
                for problem in wrong {
                    eprintln!("perf: wrong result: {problem}");
                }
                std::process::exit(1);
            }
        }
        Err(err) => {
            eprintln!("perf: {err}");
            std::process::exit(1);
        }
    }
}
