//! The CSV export: one row per selected passage, for spreadsheets and data tools.
//!
//! Columns, in order ([`COLUMNS`]): `passage_id, title, outlet, published, start, end, quote,
//! tags, actors, events, note, author, outlet_grade, credibility, claims` (`author`: the analyst
//! who made or last changed the passage, empty when unknown). UTF-8, comma-separated, fields quoted when they need it (RFC 4180,
//! CRLF record ends), one header row. `published` is ISO 8601 as in the project (`~` marks an
//! approximate date); `start`/`end` count chars (Unicode scalar values), zero-based, end
//! exclusive. Lists are joined with `"; "`: `tags` as paths (`Claim/Assessment`), `actors` as
//! `Name (role)`, `events` as `Title (role)`, `claims` as `stance: Statement` (`disputes: The
//! meeting made progress`). `outlet_grade` is the outlet's reliability, `A`–`F` (`F` when
//! ungraded), `credibility` the passage's, 1–6 (6 when ungraded). Rows are in the selection's order (document id,
//! start, end, passage id).
//!
//! With the Excel option the file starts with a UTF-8 byte-order mark (without it Excel reads
//! UTF-8 as a legacy code page), and a text cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`. Without the
//! option every cell is exactly the project's text.
//!
//! Limitations: a `"; "` inside a tag, actor or event name cannot be told from the separator; use
//! the JSON export when that matters.

use super::cite::{self, Excerpt};
use super::query::ExcerptQuery;
use crate::model::Project;

/// The header row.
pub const COLUMNS: [&str; 15] = [
    "passage_id",
    "title",
    "outlet",
    "published",
    "start",
    "end",
    "quote",
    "tags",
    "actors",
    "events",
    "note",
    "author",
    "outlet_grade",
    "credibility",
    "claims",
];

/// The separator between items of a list cell.
pub const LIST_SEPARATOR: &str = "; ";

/// The UTF-8 byte-order mark written first with the Excel option.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The CSV export of what `query` selects from `project`; `excel` adds a byte-order mark and
/// defuses formula-like cells (see the module documentation).
pub fn to_csv(project: &Project, query: &ExcerptQuery, excel: bool) -> Result<Vec<u8>, csv::Error> {
    let selection = query.run(project);
    let mut out = Vec::new();
    if excel {
        out.extend_from_slice(BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(COLUMNS)?;
    for excerpt in cite::resolve(project, &selection) {
        let row = row(project, &excerpt);
        if excel {
            writer.write_record(row.map(defuse_formula))?;
        } else {
            writer.write_record(&row)?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The cells of one passage's row, in [`COLUMNS`] order.
fn row(project: &Project, e: &Excerpt<'_>) -> [String; 15] {
    let p = e.passage;
    let evidence = project.evidence();
    [
        p.id.to_string(),
        e.doc.title.clone(),
        e.doc.source.clone(),
        e.doc.published.map(|d| d.to_string()).unwrap_or_default(),
        p.start.to_string(),
        p.end.to_string(),
        p.quote.clone(),
        join(e.tags.iter().map(|(path, _)| path.clone())),
        join(
            e.actors
                .iter()
                .map(|(a, role)| cite::actor_link_text(a, *role)),
        ),
        join(
            e.events
                .iter()
                .map(|(ev, role)| cite::event_link_text(ev, *role)),
        ),
        p.note.clone(),
        p.author.clone(),
        evidence.outlet_grade(&e.doc.source).to_string(),
        evidence.credibility(p.id).to_string(),
        join(
            evidence
                .stances_of(p.id)
                .into_iter()
                .filter_map(|(c, stance)| {
                    let claim = evidence.claim(c)?;
                    Some(format!("{stance}: {}", claim.statement))
                }),
        ),
    ]
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(LIST_SEPARATOR)
}

/// A cell a spreadsheet would take for a formula, with a `'` in front; others unchanged.
fn defuse_formula(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}
