//! Benchmarks of issue 7 (divan): opening, saving and validating a 10,000-article,
//! 200,000-passage project; importing 1,000 articles, and one 25 MB article in two encodings; a regex search over 50 MB; the mention
//! scan; one edit applied and undone; CSV and JSON export of 200,000 passages; and the reader's
//! frames (egui's run and tessellation, headless) on a 2 MB article with 20,000 passages.
//!
//! `cargo bench --bench perf` (all), `cargo bench --bench perf -- open` (those matching "open").
//! The corpora are generated once per run (a few seconds) by `examples/common/corpus.rs`; set
//! `DOSSIER_BENCH_PASSAGES` (and `DOSSIER_BENCH_ARTICLES`) to try other sizes. The one-line
//! summary with the budgets is `cargo run --release --example perf`.
//!
//! Each bench checks its result once, before the timed runs (the loaded project equals the
//! saved one, the saved bytes the file, the searches their known hit counts, the exports one
//! row per passage, the edit tags and untags the passage): a fast wrong answer fails the run.

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
    let big = big();
    let file = &big.file;
    assert!(
        store::load(file).expect("loads") == big.project,
        "loads what was saved"
    );
    bencher.bench(|| store::load(file).expect("loads"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn save(bencher: Bencher) {
    let big = big();
    let out = big.file.with_file_name("saved.ron");
    store::save(&big.project, &out).expect("saves");
    assert!(
        std::fs::read(&out).expect("reads") == std::fs::read(&big.file).expect("reads"),
        "saving the same project gives the same bytes"
    );
    bencher.bench(|| store::save(&big.project, &out).expect("saves"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn to_ron_string(bencher: Bencher) {
    let big = big();
    let project = &big.project;
    assert!(
        store::to_ron_string(project).expect("writes").as_bytes()
            == std::fs::read(&big.file).expect("reads"),
        "the text is what save wrote"
    );
    bencher.bench(|| store::to_ron_string(project).expect("writes"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn validate(bencher: Bencher) {
    let project = &big().project;
    assert!(Project::from_parts(project.to_parts()).expect("valid") == *project);
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

/// One 25 MB article of Russian text, in windows-1251 (guessed from the bytes and decoded) and in
/// UTF-8: inputs far larger than news articles, for the importer's cost per byte.
#[divan::bench(sample_count = 5, sample_size = 1, args = ["windows-1251", "UTF-8"])]
fn import_large_article(bencher: Bencher, encoding: &str) {
    static FILES: OnceLock<(tempfile::TempDir, String)> = OnceLock::new();
    let (dir, russian) = FILES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let russian =
            "Президент России Владимир Путин провёл встречу со специальным посланником США.\n"
                .repeat(200_000);
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&russian);
        std::fs::write(dir.path().join("windows-1251.txt"), &cp1251).expect("writes");
        std::fs::write(dir.path().join("UTF-8.txt"), russian.as_bytes()).expect("writes");
        (dir, russian)
    });
    let paths = [dir.path().join(format!("{encoding}.txt"))];
    let empty = Project::new("Import");
    let batch = import_paths(&empty, &paths, &ImportOptions::default()).expect("imports");
    assert_eq!(
        batch.imported[0].encoding, encoding,
        "the encoding is found"
    );
    assert!(
        batch.imported[0].document.text.as_str() == russian,
        "the text is decoded"
    );
    bencher.bench(|| import_paths(&empty, &paths, &ImportOptions::default()).expect("imports"));
}

fn corpus_50mb() -> &'static Project {
    static CORPUS: OnceLock<Project> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut parts = Parts {
            title: "50 MB".into(),
            documents: common::corpus::documents_of_size(
                common::corpus::SEARCH_BYTES,
                common::corpus::SEARCH_SEED,
            ),
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

/// The queries of the `perf` example (`common::corpus::SEARCHES`): 4,022 matches, and 97,444
/// with Unicode word boundaries.
#[divan::bench(
    sample_count = 10,
    sample_size = 1,
    args = [common::corpus::SEARCHES[0].0, common::corpus::SEARCHES[1].0],
)]
fn search_regex_50mb(bencher: Bencher, regex: &str) {
    let project = corpus_50mb();
    let options = SearchOptions {
        regex: true,
        case_sensitive: false,
        limit: usize::MAX,
    };
    let expected = common::corpus::SEARCHES
        .iter()
        .find(|(r, _)| *r == regex)
        .map(|(_, hits)| *hits);
    let hits = find(project, regex, &options)
        .expect("valid regex")
        .hits
        .len();
    assert_eq!(Some(hits), expected, "hits of {regex}");
    bencher.bench(|| find(project, regex, &options).expect("valid regex"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn mention_scan_50mb(bencher: Bencher) {
    let project = corpus_50mb();
    assert!(
        !find_mentions(project, None).is_empty(),
        "the names occur in the texts"
    );
    bencher.bench(|| find_mentions(project, None));
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
    {
        let mut project = project.lock().expect("not poisoned");
        let mut history = history.lock().expect("not poisoned");
        let tagged = |project: &Project| {
            project
                .passage(passage)
                .is_some_and(|p| p.tags.contains(&tag))
        };
        history
            .apply(&mut project, Edit::TagPassage(passage, tag))
            .expect("applies");
        assert!(tagged(&project), "the edit tags the passage");
        history.undo(&mut project).expect("undoes");
        assert!(!tagged(&project), "undo untags it");
        assert!(*project == big.project, "undo restores the project");
    }
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
    let bytes = export(project, &ExcerptQuery::all(), format).expect("exports");
    let rows = match format {
        Format::Csv => csv::Reader::from_reader(bytes.as_slice()).records().count(),
        _ => serde_json::from_slice::<serde_json::Value>(&bytes).expect("JSON")["passages"]
            .as_array()
            .map_or(0, Vec::len),
    };
    assert_eq!(rows, project.passages().len(), "one row per passage");
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
