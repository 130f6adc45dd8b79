//! `dossier ach PROJECT [--json | --csv]`: the competing hypotheses ranked by the weighted
//! inconsistency of the evidence, and the matrix (see [`crate::ach`] for the rules and
//! [`crate::export::ach`] for the forms).

use std::io::Write;

use super::{AchArgs, CliError, Status};
use crate::export::ach::{ach_csv, ach_json, ach_text};
use crate::store;

/// Runs `dossier ach`.
pub(super) fn ach(args: &AchArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    let project = store::load(&args.project)?;
    let failed = |source: crate::export::ExportError| CliError::Export {
        path: args.project.clone(),
        source,
    };
    let text = if args.json {
        ach_json(&project).map_err(|e| failed(e.into()))?
    } else if args.csv {
        ach_csv(&project).map_err(|e| failed(e.into()))?
    } else {
        ach_text(&project)
    };
    out.write_all(text.as_bytes()).map_err(CliError::Stdout)?;
    Ok(Status::Done)
}
