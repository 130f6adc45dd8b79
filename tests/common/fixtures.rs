//! Fixtures without a window: documents, tags, passages by quote, saved projects, listings.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::model::{DocId, Document, Passage, Project, Rgb, Tag, TagId, Timestamp};
use dossier::store;

/// A document being built: `doc("Title", "text").source("Reuters").published("2025-08-06")`,
/// then [`Doc::build`]. Defaults: a random id, no metadata, origin `test`, imported at time 0
/// (so tests do not depend on the clock).
#[must_use]
pub struct Doc(Document);

/// Starts a [`Doc`].
pub fn doc(title: &str, text: &str) -> Doc {
    Doc(Document {
        origin: "test".into(),
        imported: Timestamp(0),
        ..Document::new(title, text)
    })
}

impl Doc {
    /// Its id.
    pub fn id(mut self, id: DocId) -> Self {
        self.0.id = id;
        self
    }
    /// The outlet.
    pub fn source(mut self, source: &str) -> Self {
        self.0.source = source.into();
        self
    }
    /// The author.
    pub fn author(mut self, author: &str) -> Self {
        self.0.author = author.into();
        self
    }
    /// The address.
    pub fn url(mut self, url: &str) -> Self {
        self.0.url = url.into();
        self
    }
    /// The publication date (`2025-08-06`, `2025-08` or `2025`).
    pub fn published(mut self, date: &str) -> Self {
        self.0.published = Some(date.parse().expect("a valid date"));
        self
    }
    /// Where it was imported from.
    pub fn origin(mut self, origin: &str) -> Self {
        self.0.origin = origin.into();
        self
    }
    /// When it was imported.
    pub fn imported(mut self, at: Timestamp) -> Self {
        self.0.imported = at;
        self
    }
    /// The document.
    pub fn build(self) -> Document {
        self.0
    }
}

/// A passage over the first occurrence of `quote` in the document's text.
pub fn passage_of(doc: &Document, quote: &str) -> Passage {
    let text = doc.text.as_str();
    let byte = text.find(quote).expect("the quote is in the text");
    let start = text[..byte].chars().count();
    Passage::new(doc, start, start + quote.chars().count()).expect("span")
}

/// A top-level or child tag with a random id.
pub fn tag(name: &str, color: [u8; 3], parent: Option<TagId>) -> Tag {
    Tag {
        id: TagId::random(),
        name: name.into(),
        color: Rgb(color),
        parent,
        description: String::new(),
    }
}

/// The project saved as `p.ron` in a new temporary folder (kept while the folder lives).
pub fn saved(project: &Project) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    store::save(project, &path).expect("save");
    (dir, path)
}

/// The names of the entries of a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The shipped sample articles.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The example project's file in the source tree, `saves/ceasefire-2025.ron`.
pub fn example_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ceasefire-2025.ron")
}

/// The example project as [`example_file`] holds it.
pub fn example_from_file() -> Project {
    store::load(&example_file()).expect("the example loads")
}
