//! `dossier agree A B`: inter-coder agreement of two project files, as text, JSON or CSV.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::Status;
use super::error::CliError;
use crate::agree::{self, Options, Side};
use crate::store;

/// Arguments of `dossier agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Coder A's project file (.ron); A is the reference for precision and recall.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// Coder B's project file (.ron).
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// Only this tag (name or path like Claim/Quote); repeat for several. Default: every tag.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The overlap, as a share of their union, two passages need to count as the same unit.
    #[arg(long, value_name = "SHARE", default_value_t = agree::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Print one JSON object: {a, b, threshold, articles, overall, tags, disagreements}.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the figures as CSV (a row for all tags, then one per tag).
    #[arg(long)]
    pub csv: bool,
}

/// A file's name for the report, or its path when it has none.
fn label(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `dossier agree A B [--tag T]... [--threshold S] [--json | --csv]`.
pub(super) fn agree(args: &AgreeArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    let a = store::load(&args.a)?;
    let b = store::load(&args.b)?;
    let options = Options {
        tags: args.tags.clone(),
        threshold: args.threshold,
    };
    let report = agree::compare(
        &Side::whole(label(&args.a), &a),
        &Side::whole(label(&args.b), &b),
        &options,
    )
    .map_err(|source| CliError::Agree {
        path: args.a.clone(),
        source,
    })?;
    let bytes = if args.json {
        let mut json = serde_json::to_vec_pretty(&report).map_err(|e| CliError::Export {
            path: args.a.clone(),
            source: e.into(),
        })?;
        json.push(b'\n');
        json
    } else if args.csv {
        agree::render::csv(&report).map_err(|e| CliError::Export {
            path: args.a.clone(),
            source: e.into(),
        })?
    } else {
        agree::render::text(&report).into_bytes()
    };
    out.write_all(&bytes).map_err(CliError::Stdout)?;
    Ok(Status::Done)
}
