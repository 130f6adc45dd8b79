//! `dossier claims PROJECT [--contested] [--single-source] [--json]`: every claim with its
//! stances, holders, independent outlets and flags (see [`crate::corroboration`]).

use std::fmt::Write as _;
use std::io::Write;

use super::{ClaimsArgs, CliError, Status};
use crate::corroboration::{ClaimReport, analyse};
use crate::export::claims::{any_passage, claims_json};
use crate::model::Project;
use crate::store;

/// Runs `dossier claims`.
pub(super) fn claims(args: &ClaimsArgs, out: &mut dyn Write) -> Result<Status, CliError> {
    let project = store::load(&args.project)?;
    let reports: Vec<ClaimReport<'_>> = analyse(&project)
        .into_iter()
        .filter(|r| !args.contested || r.contested)
        .filter(|r| !args.single_source || r.single_source)
        .collect();
    let text = if args.json {
        claims_json(&project, &reports).map_err(|e| CliError::Export {
            path: args.project.clone(),
            source: e.into(),
        })?
    } else {
        as_text(&project, &reports)
    };
    out.write_all(text.as_bytes()).map_err(CliError::Stdout)?;
    Ok(Status::Done)
}

/// The human listing: one block per claim, a line per stance.
fn as_text(project: &Project, reports: &[ClaimReport<'_>]) -> String {
    let mut out = String::new();
    if reports.is_empty() {
        out.push_str("no claims\n");
        return out;
    }
    for r in reports {
        let mut flags = Vec::new();
        if r.contested {
            flags.push("contested");
        }
        if r.single_source {
            flags.push("single source");
        }
        let _ = write!(
            out,
            "{}",
            crate::model::without_controls(&r.claim.statement)
        );
        if !flags.is_empty() {
            let _ = write!(out, "  [{}]", flags.join(", "));
        }
        out.push('\n');
        let _ = write!(out, "  {}", r.claim.id);
        if let Some(event) = r.claim.event.and_then(|e| project.event(e)) {
            let _ = write!(
                out,
                " · about {}",
                crate::model::without_controls(&event.title)
            );
        }
        let _ = writeln!(
            out,
            " · {} independent outlet{}{}",
            r.independent_outlets,
            if r.independent_outlets == 1 { "" } else { "s" },
            if r.supporting_outlets.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    crate::model::without_controls(&r.supporting_outlets.join(", "))
                )
            }
        );
        for row in &r.stances {
            let quote = any_passage(project, row.passage)
                .map(|p| crate::model::clipped(&p.quote, 70))
                .unwrap_or_default();
            let outlet = if row.outlet.is_empty() {
                let title = project.document(row.doc).map_or("", |d| d.title.as_str());
                format!("“{}”", crate::model::clipped(title, 40))
            } else {
                row.outlet.clone()
            };
            let _ = writeln!(
                out,
                "  {} {:<9} {} ({}) in {}: “{}” {} (credibility {})",
                row.stance.glyph(),
                row.stance.as_str(),
                crate::model::without_controls(&row.holder.name(project)),
                row.holder.grade(project),
                crate::model::without_controls(&outlet),
                crate::model::without_controls(&quote),
                row.passage,
                project.evidence().credibility(row.passage),
            );
        }
    }
    out
}
