//! What fuzzing found, kept as tests: every input of the committed fuzz corpus
//! (`fuzz/corpus/TARGET/`) and every crash the fuzzers found, minimised
//! (`tests/data/fuzz/TARGET/`), run through the very checks of the fuzz targets — their bodies
//! are in `fuzz/src/lib.rs`, included here — so CI replays them without cargo-fuzz or nightly.

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The files of a folder, sorted; none when it does not exist.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `check` on every input of a target's corpus and regression folder; fails naming every
/// input that panicked. Returns how many inputs there were, and how many of them were accepted
/// (loaded or imported), so that the checks on accepted inputs are known to have run.
fn replay(target: &str, check: fn(&[u8]) -> bool) -> (usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = files_in(&root.join("fuzz/corpus").join(target));
    let found = files_in(&root.join("tests/data/fuzz").join(target));
    let (mut failed, mut accepted) = (Vec::new(), 0);
    for path in corpus.iter().chain(&found) {
        let bytes = std::fs::read(path).expect("reading an input");
        match catch_unwind(AssertUnwindSafe(|| check(&bytes))) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(_) => failed.push(path.display().to_string()),
        }
    }
    assert!(failed.is_empty(), "{target} fails on {failed:#?}");
    (corpus.len() + found.len(), accepted)
}

/// Asserts a replay had at least `inputs` inputs and `accepted` accepted ones.
fn at_least((n, ok): (usize, usize), inputs: usize, accepted: usize) {
    assert!(n >= inputs, "only {n} inputs: the corpus is missing");
    assert!(ok >= accepted, "only {ok} of {n} inputs were accepted");
}

#[test]
fn the_loader_passes_its_corpus_and_past_crashes() {
    at_least(replay("load", fuzz::load), 40, 4);
}

#[test]
fn the_text_importer_passes_its_corpus_and_past_crashes() {
    at_least(replay("import_text", fuzz::import_text), 40, 6);
}

#[test]
fn the_html_importer_passes_its_corpus_and_past_crashes() {
    at_least(replay("import_html", fuzz::import_html), 40, 3);
}

#[test]
fn the_office_importers_pass_their_corpus_and_past_crashes() {
    at_least(replay("import_office", fuzz::import_office), 40, 4);
}

#[test]
fn the_qdpx_importer_passes_its_corpus_and_past_crashes() {
    at_least(replay("import_qdpx", fuzz::import_qdpx), 40, 3);
}

/// The framed form the archive targets read is a real archive of those entries.
#[test]
fn framed_entries_become_an_archive_of_those_entries() {
    let framed = fuzz::framed(&[("content.xml", b"<a>x</a>"), ("meta.xml", b"")]);
    let bytes = fuzz::archive(&framed);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an archive");
    assert_eq!(zip.len(), 2);
    let mut text = String::new();
    zip.by_name("content.xml")
        .expect("the entry")
        .read_to_string(&mut text)
        .expect("readable");
    assert_eq!(text, "<a>x</a>");
    // An archive as found in a file is passed through.
    assert_eq!(fuzz::archive(b"PK\x03\x04rest"), b"PK\x03\x04rest");
    // A project with the example's codebook is what qdpx inputs are merged into.
    assert!(!fuzz::known_project().tags().is_empty());
}
