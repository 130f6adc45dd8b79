//! Exports of passages and projects to other formats.
//!
//! Every export is built from one [`ExcerptQuery`] (which passages and documents) and a
//! [`Format`]; [`export`] turns the two into the bytes of a file. Formats live in one submodule each
//! ([`json`]). No file system access here: the caller decides where the bytes go.

pub mod json;
mod query;

use std::fmt;
use std::str::FromStr;

pub use query::{ExcerptQuery, Excerpts, QueryError, QueryTerms, tag_path};

use crate::model::Project;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// One JSON document with a stable schema (see [`json`]).
    Json,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Self; 1] = [Self::Json];

    /// The name used on the command line (`--format json`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "json",
        }
    }

    /// A one-line description for help texts.
    pub fn description(self) -> &'static str {
        match self {
            Self::Json => {
                "the whole selection as one JSON document (schema in docs/json-schema.md)"
            }
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not an export format; the formats are: {known}", known = Format::ALL.map(Format::name).join(", "))]
pub struct UnknownFormat {
    /// What was asked for.
    pub name: String,
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownFormat {
                name: wanted.chars().take(40).collect(),
            })
    }
}

/// Why an export could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The JSON encoder failed (it does not for a valid project; reported rather than hidden).
    #[error("could not encode the export as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The bytes of an export of what `query` selects from `project`.
pub fn export(
    project: &Project,
    query: &ExcerptQuery,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Json => Ok(json::to_json_string(project, query)?.into_bytes()),
    }
}

#[cfg(test)]
mod tests;
