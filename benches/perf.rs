//! Benchmarks of issue 7 (divan): opening, saving and validating a 10,000-article,
//! 200,000-passage project; importing 1,000 articles; a regex search over 50 MB; the mention
//! scan; one edit applied and undone; CSV and JSON export of 200,000 passages; and the reader's
//! frames (egui's run and tessellation, headless) on a 2 MB article with 20,000 passages.
//!
//! `cargo bench --bench perf` (all), `cargo bench --bench perf -- open` (those matching "open").
//! The corpora are generated once per run (a few seconds) by `examples/common/corpus.rs`; set
//! `DOSSIER_BENCH_PASSAGES` (and `DOSSIER_BENCH_ARTICLES`) to try other sizes. The one-line
//! summary with the budgets is `cargo run --release --example perf`.

#[path = "../examples/common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use divan::Bencher;
use dossier::edit::{Edit, History};
use dossier::export::{ExcerptQuery, Format, export};
use dossier::import::{ImportOptions, import_paths};
use dossier::model::{Actor, ActorId, ActorKind, DocId, Parts, Project};
use dossier::search::{SearchOptions, find, find_mentions};
use dossier::store;
use dossier::ui::reader::ReaderState;

use common::frames::{FrameArgs, frame, pointer_over_reader, wheel};

/// The allocator the `dossier` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The big project, its file, and a folder for saving.
struct Big {
    project: Project,
    file: PathBuf,
    _dir: tempfile::TempDir,
}

fn big() -> &'static Big {
    static BIG: OnceLock<Big> = OnceLock::new();
    BIG.get_or_init(|| {
        let articles = size("DOSSIER_BENCH_ARTICLES", 10_000);
        let passages = size("DOSSIER_BENCH_PASSAGES", 200_000);
        let project = common::corpus::project(articles, passages, 7).expect("generates");
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("big.ron");
        store::save(&project, &file).expect("saves");
        Big {
            project,
            file,
            _dir: dir,
        }
    })
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn open(bencher: Bencher) {
    let file = &big().file;
    bencher.bench(|| store::load(file).expect("loads"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn save(bencher: Bencher) {
    let big = big();
    let out = big.file.with_file_name("saved.ron");
    store::save(&big.project, &out).expect("saves");
    bencher.bench(|| store::save(&big.project, &out).expect("saves"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn to_ron_string(bencher: Bencher) {
    let project = &big().project;
    bencher.bench(|| store::to_ron_string(project).expect("writes"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn validate(bencher: Bencher) {
    let project = &big().project;
    bencher
        .with_inputs(|| project.to_parts())
        .bench_values(|parts| Project::from_parts(parts).expect("valid"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn import_1000_articles(bencher: Bencher) {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        common::corpus::write_articles(dir.path(), 1000, 3).expect("writes articles");
        dir
    });
    let paths = [dir.path().to_owned()];
    let empty = Project::new("Import");
    bencher.bench(|| {
        let batch = import_paths(&empty, &paths, &ImportOptions::default()).expect("imports");
        assert_eq!(batch.imported.len(), 1000);
        batch
    });
}

fn corpus_50mb() -> &'static Project {
    static CORPUS: OnceLock<Project> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut parts = Parts {
            title: "50 MB".into(),
            documents: common::corpus::documents_of_size(50_000_000, 11),
            ..Parts::default()
        };
        // Actors whose names occur in the texts, for the mention scan.
        for (i, name) in ["Putin", "Zelenskyy", "Witkoff", "Trump", "Kremlin"]
            .iter()
            .enumerate()
        {
            parts.actors.push(Actor {
                author: String::new(),
                id: ActorId::from_raw(i as u64 + 1),
                name: (*name).into(),
                kind: ActorKind::Person,
                aliases: vec![format!("{name}'s")],
                description: String::new(),
            });
        }
        Project::from_parts(parts).expect("valid")
    })
}

/// The queries of the `perf` example: a few thousand matches, and 100,000 with Unicode word
/// boundaries.
#[divan::bench(
    sample_count = 10,
    sample_size = 1,
    args = [r"sanctions?\s+(deadline|tariffs)", r"\bkremlin\b\s+\w+"],
)]
fn search_regex_50mb(bencher: Bencher, regex: &str) {
    let project = corpus_50mb();
    let options = SearchOptions {
        regex: true,
        case_sensitive: false,
        limit: usize::MAX,
    };
    bencher.bench(|| find(project, regex, &options).expect("valid regex"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn mention_scan_50mb(bencher: Bencher) {
    let project = corpus_50mb();
    bencher.bench(|| find_mentions(project));
}

#[divan::bench(sample_count = 100)]
fn edit_apply_and_undo(bencher: Bencher) {
    let big = big();
    let project = Mutex::new(big.project.clone());
    let history = Mutex::new(History::new());
    let (passage, tag) = {
        let p = big
            .project
            .passages()
            .values()
            .nth(big.project.passages().len() / 2)
            .expect("passages");
        let tag = big
            .project
            .tags()
            .keys()
            .find(|t| !p.tags.contains(t))
            .copied()
            .expect("a tag it lacks");
        (p.id, tag)
    };
    bencher.bench_local(|| {
        let mut project = project.lock().expect("not poisoned");
        let mut history = history.lock().expect("not poisoned");
        history
            .apply(&mut project, Edit::TagPassage(passage, tag))
            .expect("applies");
        history.undo(&mut project).expect("undoes")
    });
}

#[divan::bench(sample_count = 5, sample_size = 1, args = [Format::Csv, Format::Json])]
fn export_200k_passages(bencher: Bencher, format: Format) {
    let project = &big().project;
    bencher.bench(|| export(project, &ExcerptQuery::all(), format).expect("exports"));
}

/// The reader's project and a warm egui context.
struct Reader {
    project: Project,
    doc: DocId,
}

fn reader_project() -> &'static Reader {
    static READER: OnceLock<Reader> = OnceLock::new();
    READER.get_or_init(|| {
        let (project, doc) = common::frames::build(&FrameArgs::default()).expect("builds");
        Reader { project, doc }
    })
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn reader_first_frame(bencher: Bencher) {
    let Reader { project, doc } = reader_project();
    let ctx = egui::Context::default();
    let mut time = 0.0;
    frame(
        &ctx,
        &mut time,
        Vec::new(),
        project,
        &mut ReaderState::new(),
    );
    bencher
        .with_inputs(|| {
            let mut reader = ReaderState::new();
            reader.set_document(Some(*doc));
            reader
        })
        .bench_local_refs(|reader| frame(&ctx, &mut time, Vec::new(), project, reader));
}

#[divan::bench(sample_count = 300, sample_size = 1)]
fn reader_scroll_frame(bencher: Bencher) {
    let Reader { project, doc } = reader_project();
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut reader = ReaderState::new();
    reader.set_document(Some(*doc));
    frame(&ctx, &mut time, Vec::new(), project, &mut reader);
    frame(
        &ctx,
        &mut time,
        vec![pointer_over_reader()],
        project,
        &mut reader,
    );
    bencher.bench_local(|| frame(&ctx, &mut time, vec![wheel(90.0)], project, &mut reader));
}
