//! Importers: article files into documents, and QDA projects into documents, tags and passages.
//!
//! Formats, chosen by the file's extension (in any case):
//! - plain text and Markdown (`.txt`, `.md`, `.markdown`, `.text`, or any other name): the
//!   pipeline below;
//! - Word `.docx` and OpenDocument `.odt` (`office`): paragraphs of text, title and author from
//!   the document's properties;
//! - web pages `.html`, `.htm`, `.xhtml` (`html`): the article as a reader mode finds it, with
//!   title, byline, site name, published time and address;
//! - `.pdf` (`pdf`): the text layer, refused when there is none;
//! - REFI-QDA projects `.qdpx` (`qdpx`): articles, nested codes as tags, coded selections as
//!   passages with notes, and Dossier's own cases and sets as actors and events;
//! - reference lists `.ris`, `.bib`/`.bibtex`, `.json` (CSL-JSON) (`references`): metadata for
//!   the articles they match (by Dossier id, address or title), new articles for records that
//!   match none and carry text or a link.
//!
//! Archives (docx, odt, qdpx) are read in memory with bounded sizes and checked entry names
//! (`archive`), their XML without resolving any entity (`xml`). Folders contribute only text and
//! Markdown files; other formats are imported when named.
//!
//! Importing never touches a project: it reads and decodes files, guesses their metadata, and
//! hands back what is new plus one [`Edit`] that adds it, for the caller to apply through the
//! undo history. The pipeline for one text file:
//! 1. read it, refusing it before reading when it is over [`MAX_FILE_BYTES`];
//! 2. decode it (BOM, UTF-8, UTF-16, or a legacy encoding guessed by chardetng — see `decode`),
//!    refusing binary files and undecodable bytes (or replacing them, when lossy);
//! 3. normalise line ends (CRLF and lone CR become LF) and drop any further leading U+FEFF — a
//!    plain text is otherwise kept verbatim, headline included;
//! 4. refuse empty or whitespace-only texts;
//! 5. guess title, date, outlet, byline and URL from the top of the text (see `meta`; dates in
//!    the usual news forms of five languages: `dates`);
//! 6. for Markdown, keep the words without the markup (`markdown`), as for web pages.
//!
//! A batch ([`import_paths`]) is all or nothing, and skips texts already in the project or
//! earlier in the batch (by a BLAKE3 hash of the normalised text).

mod archive;
mod dates;
mod decode;
mod files;
mod html;
#[cfg(test)]
mod html_tests;
mod markdown;
mod meta;
mod office;
#[cfg(test)]
mod office_tests;
mod pdf;
#[cfg(test)]
mod pdf_tests;
mod qdpx;
#[cfg(test)]
mod qdpx_tests;
pub mod references;
#[cfg(test)]
mod references_tests;
#[cfg(test)]
mod tests;
mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::edit::Edit;
use crate::model::{
    Actor, DocId, Document, Event, PartialDate, Passage, Project, Tag, Text, Timestamp,
};

pub use archive::{MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_RATIO, MAX_TOTAL_BYTES};
pub use files::{DOCUMENT_EXTENSIONS, TEXT_EXTENSIONS};
pub use meta::MAX_TITLE_CHARS;

/// Files larger than this (64 MiB) are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

// Decoding grows a text at most threefold (one byte of a legacy encoding or one invalid byte
// becomes at most three bytes of UTF-8), so no accepted file can exceed the 4 GiB the span index
// of [`Text`] can address.
const _: () = assert!(MAX_FILE_BYTES * 3 < u32::MAX as u64);

/// Options for importing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Import text that is not valid in any recognised encoding by replacing the bad bytes with
    /// U+FFFD (with a warning), instead of refusing the file. Binary files are refused anyway.
    pub lossy: bool,
}

/// One article, decoded and parsed, not yet in any project.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The new document: a fresh random id, metadata guessed, text normalised.
    pub document: Document,
    /// The encoding the bytes were read in: "UTF-8", "UTF-8 (BOM)", "UTF-16LE",
    /// "UTF-16LE (no BOM)", a legacy encoding's WHATWG name such as "windows-1251" or "KOI8-U",
    /// or "UTF-8 (lossy)" when bad bytes were replaced; for documents, their format instead:
    /// "Word document", "OpenDocument text", "PDF", "HTML" (or the page's legacy encoding).
    pub encoding: &'static str,
    /// Things the user should know, e.g. "decoded lossily: 3 invalid sequences replaced…" or that
    /// a legacy encoding was guessed.
    pub warnings: Vec<String>,
}

/// What importing a set of files would add to a project.
///
/// Article files add only documents; a QDA project (`.qdpx`) adds tags, passages and, when it
/// was exported by Dossier, actors and events too.
#[derive(Debug, Clone)]
pub struct ImportBatch {
    /// The new articles, in the order of the paths given (folders sorted by path).
    pub imported: Vec<Imported>,
    /// Files (or a project's sources) skipped because the same text is already in the project or
    /// earlier in the batch. A project's passages on such a text go to the article already there
    /// (unless it has a passage with the same span).
    pub duplicates: Vec<Duplicate>,
    /// New tags from projects' codebooks, parents before children. A code whose path of names
    /// matches an existing tag's (case-insensitively) is that tag, and not listed here.
    pub tags: Vec<Tag>,
    /// New actors (from Dossier's own qdpx export); those named like an existing one are merged.
    pub actors: Vec<Actor>,
    /// New events (from Dossier's own qdpx export); those titled like an existing one are merged.
    pub events: Vec<Event>,
    /// New passages from projects' coded selections.
    pub passages: Vec<Passage>,
    /// Existing articles whose missing metadata reference lists fill in: (article, its new
    /// metadata, the fields filled).
    pub updates: Vec<(DocId, crate::model::DocMeta, Vec<&'static str>)>,
    /// Things the user should know about the batch as a whole (elements of a project that were
    /// skipped, selections that did not fit, records skipped or values kept), each ending with
    /// the file it is about.
    pub warnings: Vec<String>,
    /// One [`Edit::Batch`] that adds it all — tags, actors, events, documents, then passages —
    /// ready for `History::apply`. Empty when nothing is new — applying an empty batch is refused
    /// with `EditError::NoChange`, so check [`ImportBatch::is_empty`] first.
    pub edit: Edit,
}

impl ImportBatch {
    /// Whether the batch adds nothing at all.
    pub fn is_empty(&self) -> bool {
        self.imported.is_empty()
            && self.tags.is_empty()
            && self.actors.is_empty()
            && self.events.is_empty()
            && self.passages.is_empty()
            && self.updates.is_empty()
    }
}

/// A file that was not imported because its text is already there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The skipped file, as given.
    pub origin: String,
    /// The original: the title of the project's document, or the file earlier in the batch.
    pub same_as: String,
    /// The project's document with the same text; `None` when the original is earlier in the
    /// batch.
    pub existing: Option<DocId>,
}

/// Why one file (or pasted text) was refused. Each message says what failed and ends with the
/// file, as given.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read it ({source}) — {origin}")]
    Io {
        /// What the operating system said.
        source: std::io::Error,
        /// The file.
        origin: String,
    },
    /// Neither a regular file nor a folder (a device, a pipe).
    #[error("not a regular file or folder — {origin}")]
    NotAFile {
        /// The path.
        origin: String,
    },
    /// A folder without any text or Markdown files.
    #[error("no .txt, .md, .markdown or .text files in this folder — {origin}")]
    NoArticles {
        /// The folder.
        origin: String,
    },
    /// A file format this importer does not read.
    #[error(
        "cannot import .{extension} files: only plain text, Markdown, Word (.docx), OpenDocument \
         (.odt), web pages (.html), PDF, QDA projects (.qdpx) and reference lists (.ris, .bib, \
         .json) are supported — {origin}"
    )]
    Unsupported {
        /// The file's extension, lower case.
        extension: String,
        /// The file.
        origin: String,
    },
    /// Nothing but whitespace (or nothing at all, or only a byte order mark).
    #[error("nothing to import: the text is empty or only whitespace — {origin}")]
    Empty {
        /// The file.
        origin: String,
    },
    /// A NUL byte: not a text file.
    #[error("not a text file: it contains a NUL byte (at byte {byte_offset}) — {origin}")]
    Binary {
        /// Offset of the first NUL byte (or NUL code unit) in the file.
        byte_offset: usize,
        /// The file.
        origin: String,
    },
    /// Not valid UTF-8, and not plausible text in any legacy encoding either.
    #[error(
        "not valid UTF-8 (the first invalid byte is at offset {byte_offset}) nor text in a \
         recognised legacy encoding; import it lossily to replace the bad bytes with U+FFFD — {origin}"
    )]
    InvalidUtf8 {
        /// Offset of the first invalid sequence in the file.
        byte_offset: usize,
        /// The file.
        origin: String,
    },
    /// A UTF-16 file (by its byte order mark) with an unpaired surrogate or an odd length.
    #[error(
        "invalid {encoding} at byte {byte_offset}; import it lossily to replace the bad \
         sequences with U+FFFD — {origin}"
    )]
    InvalidUtf16 {
        /// "UTF-16LE" or "UTF-16BE".
        encoding: &'static str,
        /// Offset of the first invalid code unit in the file.
        byte_offset: usize,
        /// The file.
        origin: String,
    },
    /// A zip archive (qdpx, docx, odt) that cannot be read: truncated, corrupt, or lying about
    /// its sizes.
    #[error("not a valid archive: {reason} — {origin}")]
    Archive {
        /// What is wrong.
        reason: String,
        /// The file.
        origin: String,
    },
    /// An archive over one of the limits ([`MAX_ENTRIES`], [`MAX_ENTRY_BYTES`],
    /// [`MAX_TOTAL_BYTES`], [`MAX_RATIO`]): a zip bomb, or too large to import.
    #[error("refused the archive: {what} — {origin}")]
    ArchiveLimit {
        /// Which limit, and by how much.
        what: String,
        /// The file.
        origin: String,
    },
    /// An archive entry with an absolute path or `..` (zip-slip).
    #[error("refused the archive: the entry {name:?} points outside the archive — {origin}")]
    UnsafeEntry {
        /// The entry's name (at most 200 chars).
        name: String,
        /// The file.
        origin: String,
    },
    /// Malformed XML inside an archive (or an entity that is never resolved).
    #[error("malformed XML in {entry} at line {line}, column {column}: {reason} — {origin}")]
    Xml {
        /// The archive entry.
        entry: String,
        /// Line of the problem (1-based).
        line: usize,
        /// Column of the problem (1-based, in chars).
        column: usize,
        /// What is wrong.
        reason: String,
        /// The file.
        origin: String,
    },
    /// A QDA project that is well-formed but cannot be imported.
    #[error("cannot import this QDA project: {reason} — {origin}")]
    Qdpx {
        /// What is wrong.
        reason: String,
        /// The file.
        origin: String,
    },
    /// A PDF that cannot be read (malformed, encrypted, not a PDF at all).
    #[error("cannot import this PDF: {reason} — {origin}")]
    Pdf {
        /// What is wrong.
        reason: String,
        /// The file.
        origin: String,
    },
    /// A PDF without a text layer: a scan or pictures of text (no OCR is done).
    #[error(
        "this PDF has no text layer (a scan or pictures of text?); run OCR on it first, or \
         import its text — {origin}"
    )]
    NoTextLayer {
        /// The file.
        origin: String,
    },
    /// A web page in which no article could be found.
    #[error("cannot import this page: {reason} — {origin}")]
    NoArticle {
        /// What the extractor said.
        reason: String,
        /// The file.
        origin: String,
    },
    /// A project file given where one article was expected ([`import_bytes`]).
    #[error(
        "a .qdpx project holds many articles; import it as a file, not as one article — {origin}"
    )]
    NotAnArticle {
        /// The file.
        origin: String,
    },
    /// A reference list (RIS, BibTeX, CSL-JSON) that does not parse.
    #[error("{reason} — {origin}")]
    References {
        /// What is wrong, with the line.
        reason: String,
        /// The file.
        origin: String,
    },
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("too large to import: {bytes} bytes, the limit is {limit} bytes (64 MiB) — {origin}")]
    TooLarge {
        /// The size found.
        bytes: u64,
        /// The limit.
        limit: u64,
        /// The file.
        origin: String,
    },
}

impl ImportError {
    /// The file (or "pasted text") the error is about.
    pub fn origin(&self) -> &str {
        match self {
            Self::Io { origin, .. }
            | Self::NotAFile { origin }
            | Self::NoArticles { origin }
            | Self::Unsupported { origin, .. }
            | Self::Empty { origin }
            | Self::Binary { origin, .. }
            | Self::InvalidUtf8 { origin, .. }
            | Self::InvalidUtf16 { origin, .. }
            | Self::TooLarge { origin, .. }
            | Self::Archive { origin, .. }
            | Self::ArchiveLimit { origin, .. }
            | Self::UnsafeEntry { origin, .. }
            | Self::Xml { origin, .. }
            | Self::Qdpx { origin, .. }
            | Self::NoArticle { origin, .. }
            | Self::Pdf { origin, .. }
            | Self::NoTextLayer { origin }
            | Self::References { origin, .. }
            | Self::NotAnArticle { origin } => origin,
        }
    }
}

/// A refused file. Displays as its error, which already names the file.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct ImportFailure {
    /// The file (or folder) as found.
    pub path: PathBuf,
    /// Why it was refused.
    pub error: ImportError,
}

/// What errors call pasted text.
const PASTED: &str = "pasted text";

/// Decodes and parses one file's bytes. `origin` is the path as given: it becomes the document's
/// `origin`, names the file in errors, decides Markdown handling (`.md`, `.markdown`), and its
/// stem is the title when the text offers none.
pub fn import_bytes(
    bytes: &[u8],
    origin: &str,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
            origin: origin.to_owned(),
        });
    }
    if files::is_qdpx(origin) {
        return Err(ImportError::NotAnArticle {
            origin: origin.to_owned(),
        });
    }
    match files::extension_lowercase(Path::new(origin)).as_deref() {
        Some("docx") => {
            let doc = office::docx(bytes, origin)?;
            let props = Props {
                title: doc.title,
                author: doc.author,
                ..Props::default()
            };
            return article(doc.text, origin, "Word document", props, Vec::new());
        }
        Some("odt") => {
            let doc = office::odt(bytes, origin)?;
            let props = Props {
                title: doc.title,
                author: doc.author,
                ..Props::default()
            };
            return article(doc.text, origin, "OpenDocument text", props, Vec::new());
        }
        Some("pdf") => {
            let text = pdf::text(bytes, origin)?;
            return article(text, origin, "PDF", Props::default(), Vec::new());
        }
        Some("html" | "htm" | "xhtml") => return import_html(bytes, origin, opts),
        _ => {}
    }
    let decoded = decode::decode(bytes, origin, opts.lossy)?;
    // A second BOM (files converted twice) is a BOM too.
    let text = match decoded.text.strip_prefix('\u{FEFF}') {
        Some(_) => decoded.text.trim_start_matches('\u{FEFF}').to_owned(),
        None => decoded.text,
    };
    let text = normalize_newlines(text);
    if is_blank(&text) {
        return Err(ImportError::Empty {
            origin: origin.to_owned(),
        });
    }
    let markdown = files::is_markdown(origin);
    let guess = meta::guess(&text, markdown);
    // Metadata is read from the Markdown (front matter, headings); the text keeps the words only.
    let text = if markdown {
        markdown::to_plain_text(&text)
    } else {
        text
    };
    if is_blank(&text) {
        return Err(ImportError::Empty {
            origin: origin.to_owned(),
        });
    }
    let title = if guess.title.is_empty() {
        fallback_title(origin)
    } else if markdown {
        // A heading's inline markup (`*Jadar*`, links) goes from the title too.
        let plain = markdown::to_plain_text(&guess.title);
        let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        if plain.is_empty() { guess.title } else { plain }
    } else {
        guess.title
    };
    let mut warnings = decoded.warnings;
    warnings.extend(guess.warnings);
    Ok(Imported {
        document: Document {
            id: DocId::random(),
            title,
            source: guess.source,
            author: guess.author,
            url: guess.url,
            published: guess.published,
            origin: origin.to_owned(),
            imported: Timestamp::now(),
            text: Text::new(text),
        },
        encoding: decoded.encoding,
        warnings,
    })
}

/// A web page's bytes as an article, whatever `origin` is called (a file, or the address it was
/// fetched from): decoded, its reader-mode text extracted, metadata from the page (see the
/// `html` module). What [`import_bytes`] does for `.html` files.
pub fn import_html(
    bytes: &[u8],
    origin: &str,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
            origin: origin.to_owned(),
        });
    }
    let decoded = decode::decode(bytes, origin, opts.lossy)?;
    let page = html::extract(&decoded.text, origin)?;
    let props = Props {
        title: page.title,
        author: page.author,
        outlet: page.outlet,
        url: page.url,
        published: page.published,
    };
    let format = match decoded.encoding {
        "UTF-8" => "HTML",
        other => other,
    };
    article(page.text, origin, format, props, decoded.warnings)
}

/// What a document says about itself (empty: not said).
#[derive(Debug, Default)]
struct Props {
    title: String,
    author: String,
    outlet: String,
    url: String,
    published: Option<PartialDate>,
}

/// An article from text extracted from a document (docx, odt, html, pdf): line ends
/// normalised, metadata guessed from the text as for a text file, then what the document says
/// about itself (when not empty) wins over the guesses.
fn article(
    text: String,
    origin: &str,
    format: &'static str,
    props: Props,
    mut warnings: Vec<String>,
) -> Result<Imported, ImportError> {
    let Props {
        title,
        author,
        outlet,
        url,
        published,
    } = props;
    let text = normalize_newlines(text.trim_start_matches('\u{FEFF}').to_owned());
    if is_blank(&text) {
        return Err(ImportError::Empty {
            origin: origin.to_owned(),
        });
    }
    let guess = meta::guess(&text, false);
    let title = [title.trim(), guess.title.as_str()]
        .into_iter()
        .find(|t| !t.is_empty())
        .map(|t| meta::shorten(t, MAX_TITLE_CHARS))
        .unwrap_or_else(|| fallback_title(origin));
    let author = if author.trim().is_empty() {
        guess.author
    } else {
        author.trim().to_owned()
    };
    let pick = |own: String, guessed: String| {
        if own.trim().is_empty() {
            guessed
        } else {
            own.trim().to_owned()
        }
    };
    warnings.extend(guess.warnings);
    Ok(Imported {
        document: Document {
            id: DocId::random(),
            title,
            source: pick(outlet, guess.source),
            author,
            url: pick(url, guess.url),
            published: published.or(guess.published),
            origin: origin.to_owned(),
            imported: Timestamp::now(),
            text: Text::new(text),
        },
        encoding: format,
        warnings,
    })
}

/// Plain pasted text with a title the user typed (the GUI's "paste as new article"). The text's
/// line ends are normalised and a leading BOM dropped; date, outlet and byline are guessed as
/// for a file. An empty `title` falls back to the guessed one, then to "Pasted text". The
/// document's `origin` is empty and its `encoding` "UTF-8".
pub fn import_pasted(text: &str, title: &str) -> Result<Imported, ImportError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: text.len() as u64,
            limit: MAX_FILE_BYTES,
            origin: PASTED.to_owned(),
        });
    }
    if let Some(byte_offset) = text.find('\0') {
        return Err(ImportError::Binary {
            byte_offset,
            origin: PASTED.to_owned(),
        });
    }
    let text = normalize_newlines(text.trim_start_matches('\u{FEFF}').to_owned());
    if is_blank(&text) {
        return Err(ImportError::Empty {
            origin: PASTED.to_owned(),
        });
    }
    let guess = meta::guess(&text, false);
    let typed = title.trim();
    let title = if !typed.is_empty() {
        typed.to_owned()
    } else if !guess.title.is_empty() {
        guess.title
    } else {
        "Pasted text".to_owned()
    };
    Ok(Imported {
        document: Document {
            id: DocId::random(),
            title,
            source: guess.source,
            author: guess.author,
            url: guess.url,
            published: guess.published,
            origin: String::new(),
            imported: Timestamp::now(),
            text: Text::new(text),
        },
        encoding: "UTF-8",
        warnings: guess.warnings,
    })
}

/// Imports files and folders (folders: every `.txt`, `.md`, `.markdown` or `.text` file inside,
/// recursively, sorted by path; hidden entries skipped; named files may also be `.qdpx` QDA
/// projects). All or nothing: if any file is refused the result lists every failure, in the order
/// of the paths given, and there is nothing to add. Texts already in `project`, or equal to an
/// earlier file of the batch, are reported in [`ImportBatch::duplicates`] and left out.
///
/// A document's `origin` is the path as given (for files found in a folder: the folder as given
/// joined with the file's path inside it; for a project's sources: the project file, `:`, and the
/// text's entry in the archive).
pub fn import_paths(
    project: &Project,
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> Result<ImportBatch, Vec<ImportFailure>> {
    let mut failures = Vec::new();
    // Articles with the passages of their project (none for article files), and the number of
    // the file they came from.
    let mut all: Vec<(Imported, Vec<Passage>, usize)> = Vec::new();
    let mut file = 0;
    let mut tags: Vec<Tag> = Vec::new();
    let mut actors: Vec<Actor> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut warnings = Vec::new();
    let mut refs: Vec<(String, references::Reference)> = Vec::new();
    for given in paths {
        let found = match files::expand(given) {
            Ok(found) => found,
            Err(errors) => {
                failures.extend(errors);
                continue;
            }
        };
        for path in found {
            let origin = path.to_string_lossy().into_owned();
            let bytes = match files::read_bounded(&path) {
                Ok(bytes) => bytes,
                Err(error) => {
                    failures.push(ImportFailure { path, error });
                    continue;
                }
            };
            if files::is_qdpx(&origin) {
                // The project's and those earlier files of the batch brought.
                fn both<T: Clone>(project: &BTreeMap<impl Ord, T>, batch: &[T]) -> Vec<T> {
                    project.values().chain(batch).cloned().collect()
                }
                let known_tags = both(project.tags(), &tags);
                let known_actors = both(project.actors(), &actors);
                let known_events = both(project.events(), &events);
                let known = qdpx::Known {
                    tags: &known_tags,
                    actors: &known_actors,
                    events: &known_events,
                };
                match qdpx::read(&bytes, &origin, opts, &known) {
                    Ok(read) => {
                        file += 1;
                        all.extend(read.sources.into_iter().map(|(i, p)| (i, p, file)));
                        tags.extend(read.tags);
                        actors.extend(read.actors);
                        events.extend(read.events);
                        warnings
                            .extend(read.warnings.into_iter().map(|w| format!("{w} — {origin}")));
                    }
                    Err(error) => failures.push(ImportFailure { path, error }),
                }
                continue;
            }
            if let Some(format) = references::RefFormat::of_path(&origin) {
                let read = std::str::from_utf8(&bytes)
                    .map_err(|e| references::RefError {
                        format: format.name(),
                        line: 1 + bytes[..e.valid_up_to()]
                            .iter()
                            .filter(|b| **b == b'\n')
                            .count(),
                        reason: "not UTF-8".to_owned(),
                    })
                    .and_then(|text| references::read(text, format));
                match read {
                    Ok(list) => refs.extend(list.into_iter().map(|r| (origin.clone(), r))),
                    Err(e) => failures.push(ImportFailure {
                        path,
                        error: ImportError::References {
                            reason: e.to_string(),
                            origin,
                        },
                    }),
                }
                continue;
            }
            match import_bytes(&bytes, &origin, opts) {
                Ok(imported) => all.push((imported, Vec::new(), 0)),
                Err(error) => failures.push(ImportFailure { path, error }),
            }
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let plan = references::plan(project, &refs);
    warnings.extend(plan.notes);
    all.extend(plan.added.into_iter().map(|(document, format)| {
        (
            Imported {
                document,
                encoding: format,
                warnings: Vec::new(),
            },
            Vec::new(),
            0,
        )
    }));
    let updates = plan.updates;

    // (same_as, existing document, the document passages on this text belong to)
    let mut known: BTreeMap<[u8; 32], (String, Option<DocId>, DocId)> = BTreeMap::new();
    for doc in project.documents().values() {
        known
            .entry(content_hash(doc.text.as_str()))
            .or_insert_with(|| (doc.title.clone(), Some(doc.id), doc.id));
    }
    // Spans of the project's passages and of earlier files' passages: a selection there already
    // is not added again (two passages of one file on the same span are both kept).
    let mut spans: BTreeSet<(DocId, usize, usize)> = project
        .passages()
        .values()
        .map(|p| (p.doc, p.start, p.end))
        .collect();
    let mut file_spans: Vec<(DocId, usize, usize)> = Vec::new();
    let mut current_file = 0;
    let mut imported = Vec::with_capacity(all.len());
    let mut duplicates = Vec::new();
    let mut passages = Vec::new();
    for (item, item_passages, from) in all {
        if from != current_file {
            spans.extend(file_spans.drain(..));
            current_file = from;
        }
        let hash = content_hash(item.document.text.as_str());
        let target = if let Some((same_as, existing, target)) = known.get(&hash) {
            duplicates.push(Duplicate {
                origin: item.document.origin.clone(),
                same_as: same_as.clone(),
                existing: *existing,
            });
            *target
        } else {
            known.insert(hash, (item.document.origin.clone(), None, item.document.id));
            let id = item.document.id;
            imported.push(item);
            id
        };
        for mut passage in item_passages {
            passage.doc = target;
            let span = (target, passage.start, passage.end);
            if !spans.contains(&span) {
                file_spans.push(span);
                passages.push(passage);
            }
        }
    }
    let edit = Edit::Batch(
        tags.iter()
            .map(|t| Edit::AddTag(t.clone()))
            .chain(actors.iter().map(|a| Edit::AddActor(a.clone())))
            .chain(events.iter().map(|e| Edit::AddEvent(e.clone())))
            .chain(
                imported
                    .iter()
                    .map(|i| Edit::AddDocument(Box::new(i.document.clone()))),
            )
            .chain(
                passages
                    .iter()
                    .map(|p| Edit::AddPassage(Box::new(p.clone()))),
            )
            .chain(
                updates
                    .iter()
                    .map(|(id, meta, _)| Edit::SetDocumentMeta(*id, meta.clone())),
            )
            .collect(),
    );
    Ok(ImportBatch {
        imported,
        duplicates,
        tags,
        actors,
        events,
        passages,
        updates,
        warnings,
        edit,
    })
}

/// Lines joined with trailing spaces dropped from each, runs of blank lines made one blank
/// line, blank lines at both ends dropped (`capacity`: about the length of the text).
fn tidy_lines<'a>(capacity: usize, lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::with_capacity(capacity);
    let mut blank = 0;
    for line in lines {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// The project's document whose text equals `text` (compared by BLAKE3 hash), if any — for
/// callers that import one text at a time, such as pasting.
pub fn find_duplicate<'p>(project: &'p Project, text: &str) -> Option<&'p Document> {
    let hash = content_hash(text);
    project
        .documents()
        .values()
        .find(|doc| content_hash(doc.text.as_str()) == hash)
}

/// The BLAKE3 hash of a (normalised) text: what duplicates are recognised by.
fn content_hash(text: &str) -> [u8; 32] {
    *blake3::hash(text.as_bytes()).as_bytes()
}

/// CRLF and lone CR become LF; a text without CR is returned as is.
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split('\r');
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for piece in pieces {
        out.push('\n');
        out.push_str(piece.strip_prefix('\n').unwrap_or(piece));
    }
    out
}

/// Only whitespace, or invisible format characters (zero-width spaces and joiners, word joiner,
/// a stray BOM).
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
    })
}

/// The file stem of an origin (shortened if need be), or "Untitled article".
fn fallback_title(origin: &str) -> String {
    Path::new(origin)
        .file_stem()
        .map(|stem| meta::shorten(stem.to_string_lossy().trim(), MAX_TITLE_CHARS))
        .filter(|stem| !stem.is_empty())
        .unwrap_or_else(|| "Untitled article".to_owned())
}
