//! The project file: RON on disk, versioned, validated on load, saved atomically with a backup.
//!
//! The on-disk form is [`ProjectFile`] (raw, as parsed); loading converts it into a checked
//! [`Project`] or a [`LoadError`] that says what is wrong and where. Saving writes the canonical
//! form: the same project always gives byte-identical output.

mod atomic;
mod fast;
mod guard;

use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use atomic::{backup_path, write_atomic, write_atomic_with};
pub use guard::{
    DiskStamp, LockOwner, ProjectLock, Recovery, changed_on_disk, data_dir, difference_summary,
    discard_recovery, find_recovery, find_recovery_at, lock_owner, lock_path, lock_project,
    recovery_path, recovery_path_in, write_recovery,
};

use crate::model::{
    AchParts, Actor, Claim, Conflict, Document, Event, EvidenceParts, Feed, Fetched, Grades, Parts,
    Passage, Problem, Project, Tag,
};

/// The `format` field of every project file.
pub const FORMAT: &str = "dossier";
/// The newest file version this build reads and the one it writes. Version 2 added open merge
/// conflicts (`conflicts`) and who made passages, actors and events (`author`); version 3 the
/// project's `description`, claims and grades (`claims`, `grades`), hypotheses and the ACH matrix
/// (`ach`), feeds (`feeds`) and what was fetched from the web with its earlier versions
/// (`fetched`). Every field a version adds defaults, so an older file reads as a newer one
/// without it.
pub const VERSION: u32 = 3;

/// The project file as it is on disk.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFile {
    /// Always `"dossier"`.
    pub format: String,
    /// The schema version.
    pub version: u32,
    /// The project's title.
    #[serde(default)]
    pub title: String,
    /// What the project is about (absent when empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The codebook.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// People, organisations, states.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Dated happenings.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Articles with their texts.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Passages, ordered by document and position.
    #[serde(default)]
    pub passages: Vec<Passage>,
    /// Passages that lost their place when their article's text was replaced, ordered by
    /// document and id (see [`crate::model::Project`]). Absent when there are none, so a project
    /// without orphans is written exactly as before they existed.
    ///
    /// Still version 1: a file without the field reads as having no orphans. (A build from before
    /// this field would ignore it and drop the orphans on its next save; no such build was ever
    /// released.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<Passage>,
    /// Open merge conflicts, by item and field (see [`crate::model::Conflict`]). Absent when
    /// there are none. Since version 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Feeds the project follows, by address (see [`crate::model::web`]). Absent when there are
    /// none. Since version 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feeds: Vec<Feed>,
    /// How fetched articles were fetched, with their earlier versions, by document. Absent when
    /// there are none. Since version 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fetched: Vec<Fetched>,
    /// Claims with the stances passages take on them, by id (since version 3; absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Reliability grades of outlets and speakers, credibility grades of passages (since
    /// version 3; absent when none is given).
    #[serde(default, skip_serializing_if = "Grades::is_empty")]
    pub grades: Grades,
    /// Hypotheses and the evidence rows of the ACH matrix (version 3; absent when none).
    #[serde(default, skip_serializing_if = "AchParts::is_empty")]
    pub ach: AchParts,
}

/// Just the first two fields, to name the version of a file that does not parse as this one.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// Why a project file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("could not read the project: {source} — {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The text is not valid RON for a project (or not UTF-8).
    #[error("the project file is malformed at line {line}, column {column}: {message} — {path}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The file is RON but not a Dossier project.
    #[error("this is not a Dossier project (format {found:?}) — {path}")]
    NotDossier {
        /// The file.
        path: PathBuf,
        /// The format field found.
        found: String,
    },
    /// The file was written by a newer Dossier.
    #[error(
        "the project was saved in format version {version}, but this Dossier reads up to version {VERSION}; update Dossier to open it — {path}"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        version: u32,
    },
    /// The file parses but its contents do not hold together.
    #[error("the project has {} problem(s), first: {} — {path}", .problems.len(), .problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Everything found wrong.
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// Whether the file could be read as a project at all (`false` only for [`Self::Invalid`]).
    pub fn is_unreadable(&self) -> bool {
        !matches!(self, Self::Invalid { .. })
    }
}

/// Why a project could not be saved. The file on disk is unchanged when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing failed.
    #[error("could not save the project: {source} — {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Serialising failed (should not happen for a valid project).
    #[error("could not write the project as RON: {message} — {path}")]
    Encode {
        /// The file.
        path: PathBuf,
        /// What the serialiser said.
        message: String,
    },
}

/// Parses a project from RON text and validates it. `path` is used in messages only.
pub fn from_ron_str(text: &str, path: &Path) -> Result<Project, LoadError> {
    // The canonical form (what `save` writes) has a faster reader; other RON goes to `ron`.
    match fast::parse(text) {
        Some(file) => from_file(file, path),
        None => from_any_ron_str(text, path),
    }
}

/// [`from_ron_str`] with `ron`'s parser, which reads any RON and places errors.
fn from_any_ron_str(text: &str, path: &Path) -> Result<Project, LoadError> {
    let file: ProjectFile = match ron::from_str(text) {
        Ok(file) => file,
        Err(err) => {
            if let Ok(header) = ron::from_str::<Header>(text)
                && header.format == FORMAT
                && header.version > VERSION
            {
                return Err(LoadError::NewerVersion {
                    path: path.to_owned(),
                    version: header.version,
                });
            }
            let message = match err.code {
                // ron's own text suggests raising the limit in code, which the user cannot do.
                ron::Error::ExceededRecursionLimit => {
                    "nested too deeply (more than 128 levels of brackets)".to_owned()
                }
                code => code.to_string(),
            };
            return Err(LoadError::Malformed {
                path: path.to_owned(),
                line: err.span.start.line,
                column: err.span.start.col,
                message,
            });
        }
    };
    from_file(file, path)
}

/// Validates a parsed project file.
pub fn from_file(file: ProjectFile, path: &Path) -> Result<Project, LoadError> {
    if file.format != FORMAT {
        return Err(LoadError::NotDossier {
            path: path.to_owned(),
            found: file.format.chars().take(40).collect(),
        });
    }
    if file.version > VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_owned(),
            version: file.version,
        });
    }
    Project::from_parts_with_evidence(
        Parts {
            title: file.title,
            tags: file.tags,
            actors: file.actors,
            events: file.events,
            documents: file.documents,
            passages: file.passages,
        },
        file.orphans,
        EvidenceParts {
            claims: file.claims,
            grades: file.grades,
        },
    )
    .and_then(|project| project.with_web(file.feeds, file.fetched))
    .and_then(|project| project.with_ach(file.ach))
    .and_then(|project| project.with_conflicts(file.conflicts))
    .map(|mut project| {
        project.description = file.description;
        project
    })
    .map_err(|problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    })
}

/// Reads, parses and validates a project file.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    if let Some(file) = fast::parse_bytes(&bytes) {
        // The parsed file owns its strings: let the text go before validating (less memory).
        drop(bytes);
        return from_file(file, path);
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(err) => {
            let good = bytes.get(..err.valid_up_to()).unwrap_or_default();
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(good.get(line_start..).unwrap_or_default())
                .chars()
                .count()
                + 1;
            return Err(LoadError::Malformed {
                path: path.to_owned(),
                line,
                column,
                message: format!("invalid UTF-8 at byte {}", err.valid_up_to()),
            });
        }
    };
    // Editors on Windows may add a byte order mark when a project is merged by hand.
    match text.strip_prefix('\u{feff}') {
        Some(text) => from_ron_str(text, path),
        None => from_any_ron_str(text, path),
    }
}

/// The project file's shape, borrowed from a project for writing (no copies of the contents).
#[derive(Serialize)]
struct ProjectFileRef<'a> {
    format: &'static str,
    version: u32,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    tags: Vec<&'a Tag>,
    actors: Vec<&'a Actor>,
    events: Vec<&'a Event>,
    documents: Vec<&'a Document>,
    passages: Vec<&'a Passage>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    orphans: Vec<&'a Passage>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<&'a Conflict>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    feeds: Vec<&'a Feed>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fetched: Vec<&'a Fetched>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    claims: Vec<&'a Claim>,
    #[serde(skip_serializing_if = "Grades::is_empty")]
    grades: Grades,
    #[serde(skip_serializing_if = "AchParts::is_empty")]
    ach: AchParts,
}

/// The canonical RON text of a project.
pub fn to_ron_string(project: &Project) -> Result<String, ron::Error> {
    // The fast writer gives the same bytes as `ron`, which covers what the fast one does not.
    let capacity = estimated_len(project);
    let mut file = file_ref(project);
    match fast::project_to_string(&mut file, capacity, 10_000) {
        Some(out) => Ok(out),
        None => {
            let mut out = ron::ser::to_string_pretty(&file, ron_config())?;
            out.push('\n');
            Ok(out)
        }
    }
}

/// The canonical RON text of a project as the fast writer alone writes it (on one thread), or
/// `None` where it declines because the project holds something only `ron` writes.
/// [`to_ron_string`] falls back to `ron` there; tests and the fuzz targets call this one so that
/// comparing with `ron` compares the fast writer, not `ron` with itself.
pub fn fast_ron_string(project: &Project) -> Option<String> {
    fast::project_to_string(&mut file_ref(project), estimated_len(project), usize::MAX)
}

/// The canonical RON text of a project as `ron` alone writes it: what the fast writer must match
/// byte for byte (the fuzz targets and tests compare the two). Every field of the file is listed
/// once, in [`file_ref`], for both writers.
pub fn ron_only_string(project: &Project) -> Result<String, ron::Error> {
    let mut out = ron::ser::to_string_pretty(&file_ref(project), ron_config())?;
    out.push('\n');
    Ok(out)
}

/// The project file's shape, borrowed from a project.
fn file_ref(project: &Project) -> ProjectFileRef<'_> {
    ProjectFileRef {
        format: FORMAT,
        version: VERSION,
        title: &project.title,
        description: &project.description,
        tags: project.tags().values().collect(),
        actors: project.actors().values().collect(),
        events: project.events().values().collect(),
        documents: project.documents().values().collect(),
        passages: project.passages_in_file_order(),
        orphans: project.orphans_in_file_order(),
        conflicts: project.conflicts().values().collect(),
        feeds: project.web().feeds.values().collect(),
        fetched: project.web().fetched.values().collect(),
        claims: project.evidence().claims().values().collect(),
        grades: project.evidence().grades(),
        ach: project.ach().to_parts(),
    }
}

/// The project file as owned data with every collection but the passages, which the caller
/// adds (the autosave's copy, made a slice per frame: see `ui::files::ProjectSnapshot`). Cheap:
/// articles share their texts. Built as a struct literal, so a field the file gains cannot be
/// left out of the copy; [`from_file`] puts it back together as a project.
pub fn file_without_passages(project: &Project) -> ProjectFile {
    ProjectFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        title: project.title.clone(),
        description: project.description.clone(),
        tags: project.tags().values().cloned().collect(),
        actors: project.actors().values().cloned().collect(),
        events: project.events().values().cloned().collect(),
        documents: project.documents().values().cloned().collect(),
        passages: Vec::with_capacity(project.passages().len()),
        orphans: project.orphans().values().cloned().collect(),
        conflicts: project.conflicts().values().cloned().collect(),
        feeds: project.web().feeds.values().cloned().collect(),
        fetched: project.web().fetched.values().cloned().collect(),
        claims: project.evidence().claims().values().cloned().collect(),
        grades: project.evidence().grades(),
        ach: project.ach().to_parts(),
    }
}

/// The settings of the canonical form.
fn ron_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ")
        .escape_strings(false)
        .new_line("\n")
}

/// A little more than the length of a project's canonical text, so it is written without
/// reallocating.
fn estimated_len(project: &Project) -> usize {
    let texts: usize = project
        .documents()
        .values()
        .map(|d| d.text.len_bytes() + d.title.len() + d.url.len() + 400)
        .sum();
    let passages: usize = (project.passages().values())
        .chain(project.orphans().values())
        .map(|p| p.quote.len() + p.prefix.len() + p.suffix.len() + p.note.len() + 600)
        .sum();
    texts
        + passages
        + 300 * (project.tags().len() + project.actors().len())
        + 600 * project.events().len()
        + (project.conflicts().values())
            .map(|c| {
                let len = |v: &Option<String>| v.as_ref().map_or(0, String::len);
                len(&c.base) + len(&c.ours) + len(&c.theirs) + 200
            })
            .sum::<usize>()
        + (project.web().fetched.values())
            .flat_map(|f| &f.versions)
            .map(|v| v.text.len() + 200)
            .sum::<usize>()
        + 400 * (project.web().fetched.len() + project.web().feeds.len())
        + 4096
}

/// Saves a project atomically; the previous file, if any, is kept as `NAME.bak`.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    save_file(project, path, true)
}

/// [`save`], keeping a backup of the previous file or not (autosaves keep none).
pub(crate) fn save_file(
    project: &Project,
    path: &Path,
    keep_backup: bool,
) -> Result<(), SaveError> {
    let mut encode_error = None;
    let written = write_atomic_with(path, keep_backup, |out| {
        // The text is written as it is made (see `fast::write_project`); `ron` starts over in
        // the rare case the fast writer does not cover the project.
        match fast::write_project(&file_ref(project), out) {
            Ok(()) => Ok(()),
            Err(fast::WriteError::Io(err)) => Err(err),
            Err(fast::WriteError::Unsupported) => {
                out.set_len(0)?;
                out.rewind()?;
                match ron::ser::to_string_pretty(&file_ref(project), ron_config()) {
                    Ok(text) => {
                        out.write_all(text.as_bytes())?;
                        out.write_all(b"\n")
                    }
                    Err(err) => {
                        let message = err.to_string();
                        encode_error = Some(message.clone());
                        Err(std::io::Error::other(message))
                    }
                }
            }
        }
    });
    match (written, encode_error) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(message)) => Err(SaveError::Encode {
            path: path.to_owned(),
            message,
        }),
        (Err(source), None) => Err(SaveError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}
