//! Why a subcommand could not finish, and how that is told on stderr and in the exit code.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::edit::EditError;
use crate::export::{ExportError, QueryError};
use crate::import::ImportFailure;
use crate::model::Problem;
use crate::store::{LoadError, SaveError};

/// A subcommand's failure. Each message says what failed and ends with the path concerned.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The project could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The project could not be saved.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The project could not be turned into RON text.
    #[error("could not write the project as RON: {message} — {path}")]
    Encode {
        /// The project file.
        path: PathBuf,
        /// What the serialiser said.
        message: String,
    },
    /// A file could not be written.
    #[error("could not write the {what}: {source} — {path}")]
    Write {
        /// "export", "project file"…
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// An output file would replace the project it is made from.
    #[error("refusing to write the export over the project it comes from — {path}")]
    OutIsProject {
        /// The project file.
        path: PathBuf,
    },
    /// The export could not be produced.
    #[error("{source} — {path}")]
    Export {
        /// The project file.
        path: PathBuf,
        /// What went wrong.
        source: ExportError,
    },
    /// Export filters that name nothing in the project.
    #[error("{} export filter(s) name nothing in the project — {path}", .errors.len())]
    Query {
        /// The project file.
        path: PathBuf,
        /// One error per bad filter.
        errors: Vec<QueryError>,
    },
    /// Some of the files to import were refused, so nothing was imported.
    #[error("nothing was imported: {} of the files given were refused — {path}", .failures.len())]
    ImportRefused {
        /// The project file.
        path: PathBuf,
        /// Every refused file and why.
        failures: Vec<ImportFailure>,
    },
    /// The imported documents could not be added to the project.
    #[error("could not add the imported articles: {source} — {path}")]
    Apply {
        /// The project file.
        path: PathBuf,
        /// What the edit said.
        source: EditError,
    },
    /// `import --replace` was given something other than one article file.
    #[error("--replace takes exactly one article file, not {given} — {path}")]
    ReplaceNeedsOneFile {
        /// What was given instead ("3 files", "a folder").
        given: String,
        /// The file or the project.
        path: PathBuf,
    },
    /// The merge made no project (a defect: every result is checked).
    #[error("{source} — {path}")]
    Merge {
        /// Our copy.
        path: PathBuf,
        /// What was wrong with the result.
        source: crate::merge::MergeError,
    },
    /// `git-setup` could not set up the repository.
    #[error("could not set up git: {message} — {path}")]
    GitSetup {
        /// The folder.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A conflict could not be resolved as asked.
    #[error("{source} — {path}")]
    Resolve {
        /// The project file.
        path: PathBuf,
        /// Why.
        source: crate::merge::resolve::ResolveError,
    },
    /// Two codings could not be compared (a tag that names nothing, a bad threshold).
    #[error("{source} — {path}")]
    Agree {
        /// The first project file.
        path: PathBuf,
        /// Why.
        source: crate::agree::AgreeError,
    },
    /// Pages or feeds could not be had (`fetch`, `feeds`, `refresh`); nothing was written.
    #[error("nothing was written: {} of the addresses failed — {path}", .failures.len())]
    WebRefused {
        /// The project.
        path: PathBuf,
        /// What failed, each ending with its address.
        failures: Vec<crate::web::WebError>,
    },
    /// Standard output could not be written.
    #[error("could not write to standard output: {0}")]
    Stdout(io::Error),
}

impl CliError {
    /// The process exit code: 1 when the input was refused for its content, 2 otherwise — except
    /// 0 when standard output was closed by its reader (`dossier export … | head`), which is the
    /// reader's choice, not a failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::ImportRefused { .. } | Self::WebRefused { .. } => 1,
            Self::Stdout(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            _ => 2,
        }
    }

    /// Writes the error to `err`, one problem per line, each as `dossier: … — path`. A closed
    /// standard output (a pager or `head` that quit) is not reported.
    pub fn report(&self, err: &mut dyn Write) {
        // Nothing useful can be done when stderr itself fails; the exit code still tells.
        let _ = self.write_report(err);
    }

    fn write_report(&self, err: &mut dyn Write) -> io::Result<()> {
        match self {
            Self::Stdout(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Self::Load(LoadError::Invalid { path, problems }) => {
                write_problems(err, problems, path)?;
                writeln!(
                    err,
                    "dossier: the project has {} — {}",
                    count(problems.len(), "problem"),
                    path.display()
                )
            }
            Self::Query { path, errors } => {
                for e in errors {
                    writeln!(err, "dossier: {e} — {}", path.display())?;
                }
                Ok(())
            }
            Self::ImportRefused { failures, .. } => {
                for f in failures {
                    writeln!(err, "dossier: {}", failure_message(f))?;
                }
                writeln!(err, "dossier: {self}")
            }
            Self::WebRefused { failures, .. } => {
                for f in failures {
                    writeln!(err, "dossier: {f}")?;
                }
                writeln!(err, "dossier: {self}")
            }
            _ => writeln!(err, "dossier: {self}"),
        }
    }
}

/// `dossier: <problem> — <path>` for each problem.
pub(super) fn write_problems(
    err: &mut dyn Write,
    problems: &[Problem],
    path: &std::path::Path,
) -> io::Result<()> {
    for p in problems {
        writeln!(err, "dossier: {p} — {}", path.display())?;
    }
    Ok(())
}

/// What an import failure says, with its path at the end (added when the error does not end with
/// it already).
fn failure_message(f: &ImportFailure) -> String {
    let message = f.error.to_string();
    let path = f.path.display().to_string();
    if message.ends_with(&path) {
        message
    } else {
        format!("{message} — {path}")
    }
}

/// "1 problem", "3 problems".
pub(super) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
