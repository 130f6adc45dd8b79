//! Finding and reading article files: folders walked recursively, sizes bounded before reading.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{ImportError, ImportFailure, MAX_FILE_BYTES};

/// Extensions (lower case) collected from folders.
pub const TEXT_EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "text"];

/// Extensions (lower case) of the other formats imported when a file is named (not collected
/// from folders): documents, web pages, PDFs, QDA projects and reference lists (RIS, BibTeX,
/// CSL-JSON) — for file dialogs' filters.
pub const DOCUMENT_EXTENSIONS: [&str; 11] = [
    "docx", "odt", "html", "htm", "xhtml", "pdf", "qdpx", "ris", "bib", "bibtex", "json",
];

/// Extensions of formats this importer cannot read; named files with them are refused with a
/// clear message rather than imported as garbled text.
const UNSUPPORTED_EXTENSIONS: [&str; 8] =
    ["doc", "rtf", "epub", "zip", "xlsx", "pptx", "ron", "xml"];

/// A path's extension in lower case.
pub(crate) fn extension_lowercase(path: &Path) -> Option<String> {
    path.extension()
        .map(|ext| ext.to_string_lossy().to_lowercase())
}

/// Whether a file name ends in one of [`TEXT_EXTENSIONS`] (in any case).
pub(crate) fn has_text_extension(path: &Path) -> bool {
    extension_lowercase(path).is_some_and(|ext| TEXT_EXTENSIONS.contains(&ext.as_str()))
}

/// Whether an origin names a REFI-QDA project (`.qdpx`).
pub(crate) fn is_qdpx(origin: &str) -> bool {
    extension_lowercase(Path::new(origin)).is_some_and(|ext| ext == "qdpx")
}

/// Whether an origin names a Markdown file (`.md`, `.markdown`).
pub(crate) fn is_markdown(origin: &str) -> bool {
    extension_lowercase(Path::new(origin)).is_some_and(|ext| ext == "md" || ext == "markdown")
}

fn failure(path: &Path, error: ImportError) -> ImportFailure {
    ImportFailure {
        path: path.to_path_buf(),
        error,
    }
}

fn origin_of(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn io_error(path: &Path, source: std::io::Error) -> ImportError {
    ImportError::Io {
        source,
        origin: origin_of(path),
    }
}

/// The files a path stands for: a file itself, or every text file in a folder and its
/// subfolders, sorted by path.
///
/// Limitations: hidden files and folders (names starting with `.`) are skipped, and symbolic
/// links to folders are not followed (so a link loop cannot hang the import); links to files are.
pub(crate) fn expand(path: &Path) -> Result<Vec<PathBuf>, Vec<ImportFailure>> {
    let meta = fs::metadata(path).map_err(|e| vec![failure(path, io_error(path, e))])?;
    if meta.is_file() {
        if let Some(ext) = extension_lowercase(path)
            && UNSUPPORTED_EXTENSIONS.contains(&ext.as_str())
        {
            return Err(vec![failure(
                path,
                ImportError::Unsupported {
                    extension: ext,
                    origin: origin_of(path),
                },
            )]);
        }
        return Ok(vec![path.to_path_buf()]);
    }
    if !meta.is_dir() {
        return Err(vec![failure(
            path,
            ImportError::NotAFile {
                origin: origin_of(path),
            },
        )]);
    }
    let mut files = Vec::new();
    let mut failures = Vec::new();
    walk(path, &mut files, &mut failures);
    if !failures.is_empty() {
        return Err(failures);
    }
    if files.is_empty() {
        return Err(vec![failure(
            path,
            ImportError::NoArticles {
                origin: origin_of(path),
            },
        )]);
    }
    files.sort();
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<ImportFailure>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            failures.push(failure(dir, io_error(dir, e)));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                failures.push(failure(dir, io_error(dir, e)));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                failures.push(failure(&path, io_error(&path, e)));
                continue;
            }
        };
        if file_type.is_dir() {
            walk(&path, files, failures);
        } else if has_text_extension(&path)
            && (file_type.is_file()
                || (file_type.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_file())))
        {
            files.push(path);
        }
    }
}

/// Reads a whole file, refusing it before reading when it is larger than [`MAX_FILE_BYTES`]
/// (and while reading, should it grow, or should its size be unknown, as for special files).
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, ImportError> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let meta = file.metadata().map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(ImportError::NotAFile {
            origin: origin_of(path),
        });
    }
    let too_large = |bytes: u64| ImportError::TooLarge {
        bytes,
        limit: MAX_FILE_BYTES,
        origin: origin_of(path),
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
