//! The fuzz targets' bodies (each target in fuzz_targets/ calls one function here), so that
//! `tests/fuzz_regressions.rs` can run the committed corpus and every crash found through the
//! very same checks (it includes this file with `#[path]`). Also: archives built from a
//! readable framing of their entries, and the checks every import result must pass (it can be
//! added to a project, and that project saves and loads back unchanged).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dossier::edit::{Edit, apply};
use dossier::import::{ImportOptions, Imported, import_bytes, import_pasted, import_paths};
use dossier::model::{Parts, Project};
use dossier::store::{
    LoadError, ProjectFile, fast_ron_string, from_file, from_ron_str, to_ron_string,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Separates entries in the framed form of an archive; never part of UTF-8 text.
pub const ENTRY_SEPARATOR: u8 = 0xFF;

/// The archive an input stands for. An input starting with `PK` is an archive already (bytes
/// as found in a file, so the zip reader itself is fuzzed); any other is a list of entries,
/// separated by [`ENTRY_SEPARATOR`], each its name, a line break and its contents, which are
/// stored uncompressed (so the fuzzer mutates the XML, not deflate streams). Entries whose
/// names the zip writer refuses (a name given twice) are left out.
pub fn archive(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for entry in data.split(|&b| b == ENTRY_SEPARATOR) {
        let (name, contents) = match entry.iter().position(|&b| b == b'\n') {
            Some(i) => (&entry[..i], &entry[i + 1..]),
            None => (entry, &[][..]),
        };
        let name = String::from_utf8_lossy(name);
        if zip.start_file(name.as_ref(), options).is_ok() {
            zip.write_all(contents).expect("writing to memory");
        }
    }
    zip.finish().expect("writing to memory").into_inner()
}

/// The framed form of entries (the inverse of [`archive`] for a list of entries): to make seeds.
pub fn framed(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, (name, contents)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(ENTRY_SEPARATOR);
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(contents);
    }
    out
}

/// A project with the example project's codebook, actors and events but no articles: what
/// imports are merged with (tags, actors and events by name).
pub fn known_project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let example = dossier::example::example_project().expect("the example project loads");
        Project::from_parts(Parts {
            title: "fuzz".to_owned(),
            tags: example.tags().values().cloned().collect(),
            actors: example.actors().values().cloned().collect(),
            events: example.events().values().cloned().collect(),
            documents: Vec::new(),
            passages: Vec::new(),
        })
        .expect("the example's codebook is valid on its own")
    })
}

/// Saves a project and loads it back: it must load, equal, and save to the same bytes again.
pub fn check_round_trip(project: &Project) {
    let saved = to_ron_string(project).expect("a valid project saves");
    let loaded = match from_ron_str(&saved, Path::new("round-trip.ron")) {
        Ok(loaded) => loaded,
        Err(err) => panic!("a saved project does not load: {err}\n{saved}"),
    };
    assert!(loaded == *project, "the project changed on the round trip");
    let again = to_ron_string(&loaded).expect("a valid project saves");
    assert_eq!(saved, again, "saving is not canonical");
}

/// An imported article must be addable to a project (its text and metadata valid), and that
/// project must round-trip through the file. Returns `true` (it passed).
pub fn check_imported(imported: Imported) -> bool {
    let text = imported.document.text.as_str();
    assert!(!text.trim().is_empty(), "an empty text was imported");
    assert!(!text.contains('\r'), "line ends were not normalised");
    let mut project = Project::new("fuzz");
    if let Err(err) = apply(&mut project, Edit::AddDocument(Box::new(imported.document))) {
        panic!("an imported article cannot be added: {err}");
    }
    check_round_trip(&project);
    true
}

/// The `load` target: any UTF-8 text as a project file. `from_ron_str` tries the fast reader of
/// the canonical form and falls back to `ron`; reading the same text with `ron` alone must give
/// the same project or the same error (so the fast reader never accepts what `ron` refuses,
/// nor reads anything differently). A project that loads must save to the bytes `ron` writes
/// for it and load back unchanged. Returns whether the input loaded.
pub fn load(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let path = Path::new("fuzz.ron");
    let loaded = from_ron_str(text, path);
    match ron::from_str::<ProjectFile>(text) {
        Err(_) => match &loaded {
            Err(LoadError::Malformed { .. } | LoadError::NewerVersion { .. }) => {}
            Ok(_) => panic!("the fast reader loaded a file ron refuses"),
            Err(err) => panic!("the fast reader read a file ron refuses: {err}"),
        },
        Ok(file) => match (&loaded, from_file(file, path)) {
            (Ok(fast), Ok(slow)) => assert!(*fast == slow, "the two readers disagree"),
            (Err(fast), Err(slow)) => assert_eq!(fast.to_string(), slow.to_string()),
            (fast, slow) => panic!("the two readers disagree: {fast:?} vs {slow:?}"),
        },
    }
    let Ok(project) = loaded else {
        return false;
    };
    check_round_trip(&project);
    // The fast writer itself, not `to_ron_string`, which falls back to `ron` where it declines.
    let Some(fast) = fast_ron_string(&project) else {
        panic!("the fast writer declined a project that loaded");
    };
    assert_eq!(
        fast,
        ron_text(&project),
        "the fast writer and ron write different text"
    );
    true
}

/// The canonical text as `ron` alone writes it (the settings of `store::to_ron_string`).
fn ron_text(project: &Project) -> String {
    let file = ProjectFile {
        format: dossier::store::FORMAT.to_owned(),
        version: dossier::store::VERSION,
        title: project.title.clone(),
        tags: project.tags().values().cloned().collect(),
        actors: project.actors().values().cloned().collect(),
        events: project.events().values().cloned().collect(),
        documents: project.documents().values().cloned().collect(),
        passages: project
            .passages_in_file_order()
            .into_iter()
            .cloned()
            .collect(),
        orphans: project
            .orphans_in_file_order()
            .into_iter()
            .cloned()
            .collect(),
        conflicts: project.conflicts().values().cloned().collect(),
        claims: project.evidence().claims().values().cloned().collect(),
        grades: project.evidence().grades(),
        ach: project.ach().to_parts(),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .escape_strings(false)
        .new_line("\n");
    let mut out = ron::ser::to_string_pretty(&file, config).expect("ron writes any project");
    out.push('\n');
    out
}

/// The `import_text` target: any bytes as a strict `.txt` import, a lossy `.md` one, and (when
/// UTF-8) pasted text. Returns whether any of them imported.
pub fn import_text(data: &[u8]) -> bool {
    let mut any = false;
    if let Ok(imported) = import_bytes(data, "article.txt", &ImportOptions { lossy: false }) {
        any |= check_imported(imported);
    }
    if let Ok(imported) = import_bytes(data, "article.md", &ImportOptions { lossy: true }) {
        any |= check_imported(imported);
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(imported) = import_pasted(text, "")
    {
        any |= check_imported(imported);
    }
    any
}

/// The `import_html` target: any bytes as an `.html` file (decoded like text, then the
/// reader-mode extraction). Returns whether it imported.
pub fn import_html(data: &[u8]) -> bool {
    match import_bytes(data, "page.html", &ImportOptions { lossy: true }) {
        Ok(imported) => check_imported(imported),
        Err(_) => false,
    }
}

/// The `import_office` target: the input is an archive (see [`archive`]) read both as `.docx`
/// and as `.odt`. Returns whether either imported.
pub fn import_office(data: &[u8]) -> bool {
    let bytes = archive(data);
    let mut any = false;
    for origin in ["article.docx", "article.odt"] {
        if let Ok(imported) = import_bytes(&bytes, origin, &ImportOptions::default()) {
            any |= check_imported(imported);
        }
    }
    any
}

/// The `import_qdpx` target: the input is an archive (see [`archive`]) imported as a `.qdpx`
/// file into [`known_project`]. A batch that imports must apply to that project as one edit,
/// and the result must round-trip through the file. Returns whether it added anything.
pub fn import_qdpx(data: &[u8]) -> bool {
    let bytes = archive(data);
    let path = qdpx_path();
    std::fs::write(path, &bytes).expect("writing the input");
    let known = known_project();
    let Ok(batch) = import_paths(known, std::slice::from_ref(path), &ImportOptions::default())
    else {
        return false;
    };
    if batch.is_empty() {
        return false;
    }
    let mut project = known.clone();
    if let Err(err) = apply(&mut project, batch.edit) {
        panic!("an imported batch does not apply: {err}");
    }
    check_round_trip(&project);
    true
}

/// The file each qdpx input is written to (importing a project reads a path), in a temporary
/// folder of this process.
fn qdpx_path() -> &'static PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
        dir.path().join("input.qdpx")
    })
}
