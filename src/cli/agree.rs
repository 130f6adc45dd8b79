//! `dossier agree A B`: inter-coder agreement of two project files, or of two analysts inside one
//! merged project (`dossier agree P --coder ANA --coder BORIS`), as text, JSON or CSV.

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
    /// Coder B's project file (.ron). Leave it out with two `--coder`s.
    #[arg(value_name = "B", required_unless_present = "coders")]
    pub b: Option<PathBuf>,
    /// Compare two analysts of one (merged) project by the name on their passages: give it twice,
    /// A's name first.
    #[arg(
        long = "coder",
        value_name = "NAME",
        num_args = 1,
        conflicts_with = "b"
    )]
    pub coders: Vec<String>,
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

/// `dossier agree A B [--tag T]... [--threshold S] [--json | --csv]`, or
/// `dossier agree P --coder A --coder B ...`.
pub(super) fn agree(args: &AgreeArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    let failed = |source| CliError::Agree {
        path: args.a.clone(),
        source,
    };
    let options = Options {
        tags: args.tags.clone(),
        threshold: args.threshold,
    };
    let a = store::load(&args.a)?;
    let report = match (&args.b, args.coders.as_slice()) {
        (Some(b_path), []) => {
            let b = store::load(b_path)?;
            agree::compare(
                &Side::whole(label(&args.a), &a),
                &Side::whole(label(b_path), &b),
                &options,
            )
        }
        (None, [first, second]) => {
            let (one, two) = agree::coders(&a, first, second).map_err(failed)?;
            agree::compare(&one, &two, &options)
        }
        // clap makes B and --coder exclusive and asks for one of them.
        (_, coders) => Err(agree::AgreeError::CoderCount(coders.len())),
    }
    .map_err(failed)?;
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
