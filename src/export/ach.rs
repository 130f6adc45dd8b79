//! The ACH matrix in the outputs: the JSON form (shared by `dossier ach --json` and the JSON
//! export's `ach`), the CSV matrix (`dossier ach --csv`), the plain-text listing of `dossier ach`,
//! and the two tables of the briefs (the ranking and the matrix, with every row cited) as
//! [`super::brief::Table`]s, which every brief format lays out with its table writer.
//!
//! The JSON form:
//!
//! ```json
//! { "formula": "inconsistency(H) = …",
//!   "hypotheses": [{ "id": "h…", "title": "…", "description": "", "rank": 1,
//!                    "inconsistency": 1.2, "leading": true, "inconsistent_cells": 2 }],
//!   "evidence": [{ "id": "p…", "passage": "p…", "text": "…", "citation": "Reuters, …",
//!                  "credibility": 2, "relevance": "medium", "weight": 0.8, "enabled": true,
//!                  "diagnostic": true, "sensitive": false,
//!                  "ratings": { "h…": "CC", "h…": "II" } }] }
//! ```
//!
//! Hypotheses are in ranking order (least inconsistent first), rows in the matrix's order; a
//! row citing a claim has `claim` instead of `passage`; a blank cell is absent from `ratings`.
//! The whole matrix is always shown, whatever an export's selection: a ranking over part of the
//! evidence would say something the analyst did not conclude.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::brief::{Citation, Table};
use crate::ach::{FORMULA, Scores, format_score, row_text, scores};
use crate::model::one_line;
use crate::model::{Project, RowSource};

/// A hypothesis as JSON.
#[derive(Debug, Serialize)]
pub struct JsonHypothesis<'p> {
    id: String,
    title: &'p str,
    description: &'p str,
    rank: usize,
    inconsistency: f64,
    leading: bool,
    inconsistent_cells: usize,
}

/// An evidence row as JSON.
#[derive(Debug, Serialize)]
pub struct JsonRow {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    passage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<String>,
    text: String,
    citation: String,
    credibility: u8,
    relevance: &'static str,
    weight: f64,
    enabled: bool,
    diagnostic: bool,
    sensitive: bool,
    ratings: BTreeMap<String, &'static str>,
}

/// The matrix and its scores as JSON.
#[derive(Debug, Serialize)]
pub struct JsonAch<'p> {
    formula: &'static str,
    hypotheses: Vec<JsonHypothesis<'p>>,
    evidence: Vec<JsonRow>,
}

/// How a row is cited: the article (outlet, date, “title”) of a passage; "claim" for a claim.
pub fn row_citation(project: &Project, source: RowSource) -> String {
    match source {
        RowSource::Passage(p) => (project.passage(p).or_else(|| project.orphan(p)))
            .and_then(|p| project.document(p.doc))
            .map(|d| Citation::of(d).text())
            .unwrap_or_default(),
        RowSource::Claim(_) => "claim".to_owned(),
    }
}

/// The JSON form of a project's matrix.
pub fn json_ach(project: &Project) -> JsonAch<'_> {
    let scores = scores(project);
    let ach = project.ach();
    let hypotheses = (scores.ranking.iter().enumerate())
        .filter_map(|(rank, s)| {
            let h = ach.hypotheses().get(s.index)?;
            Some(JsonHypothesis {
                id: h.id.to_string(),
                title: &h.title,
                description: &h.description,
                rank: rank + 1,
                inconsistency: s.inconsistency,
                leading: s.leading,
                inconsistent_cells: s.inconsistent_cells,
            })
        })
        .collect();
    let evidence = (ach.rows().iter().zip(&scores.rows))
        .map(|(row, s)| {
            let (passage, claim) = match row.source {
                RowSource::Passage(p) => (Some(p.to_string()), None),
                RowSource::Claim(c) => (None, Some(c.to_string())),
            };
            JsonRow {
                id: row.source.to_string(),
                passage,
                claim,
                text: one_line(&row_text(project, row.source).text),
                citation: row_citation(project, row.source),
                credibility: s.credibility.number(),
                relevance: row.relevance.as_str(),
                weight: s.weight,
                enabled: s.enabled,
                diagnostic: s.diagnostic,
                sensitive: s.sensitive,
                ratings: (row.ratings.iter())
                    .map(|(h, r)| (h.to_string(), r.as_str()))
                    .collect(),
            }
        })
        .collect();
    JsonAch {
        formula: FORMULA,
        hypotheses,
        evidence,
    }
}

/// `{"formula", "hypotheses", "evidence"}` as printed by `dossier ach --json`, pretty, with a
/// final newline.
pub fn ach_json(project: &Project) -> Result<String, serde_json::Error> {
    let mut out = serde_json::to_string_pretty(&json_ach(project))?;
    out.push('\n');
    Ok(out)
}

/// The matrix as CSV (RFC 4180, a header row): one row per evidence row with its id, text,
/// citation, credibility, relevance, enabled, diagnostic, sensitive and one column per
/// hypothesis (its title; cells `CC`…`NA`, blank when unrated); then one row per hypothesis,
/// id `score`, with its inconsistency in its column.
pub fn ach_csv(project: &Project) -> Result<String, csv::Error> {
    let scores = scores(project);
    let ach = project.ach();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "id",
        "text",
        "citation",
        "credibility",
        "relevance",
        "enabled",
        "diagnostic",
        "sensitive",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(ach.hypotheses().iter().map(|h| one_line(&h.title)));
    w.write_record(&header)?;
    for (row, s) in ach.rows().iter().zip(&scores.rows) {
        let mut record = vec![
            row.source.to_string(),
            one_line(&row_text(project, row.source).text),
            row_citation(project, row.source),
            s.credibility.number().to_string(),
            row.relevance.as_str().to_owned(),
            s.enabled.to_string(),
            s.diagnostic.to_string(),
            s.sensitive.to_string(),
        ];
        record.extend(
            (ach.hypotheses().iter())
                .map(|h| row.rating(h.id).map_or("", |r| r.as_str()).to_owned()),
        );
        w.write_record(&record)?;
    }
    let mut record = vec![String::new(); 8];
    if let Some(first) = record.first_mut() {
        "score".clone_into(first);
    }
    if let Some(text) = record.get_mut(1) {
        "weighted inconsistency".clone_into(text);
    }
    record.extend((ach.hypotheses().iter()).map(|h| {
        scores
            .of(h.id)
            .map_or(String::new(), |s| format_score(s.inconsistency))
    }));
    w.write_record(&record)?;
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The marks of a row in the matrix: `off` when switched off, `not diagnostic`, `sensitive`.
fn marks(s: &crate::ach::RowScore) -> String {
    let mut marks = Vec::new();
    if !s.enabled {
        marks.push("off");
    }
    if !s.diagnostic {
        marks.push("not diagnostic");
    }
    if s.sensitive {
        marks.push("sensitive");
    }
    marks.join(", ")
}

/// The plain-text listing of `dossier ach`: the ranking, then the matrix.
pub fn ach_text(project: &Project) -> String {
    let ach = project.ach();
    let mut out = String::new();
    if ach.hypotheses().is_empty() {
        out.push_str("no hypotheses\n");
        return out;
    }
    let scores = scores(project);
    out.push_str("Hypotheses, least inconsistent first:\n");
    for (rank, s) in scores.ranking.iter().enumerate() {
        let Some(h) = ach.hypotheses().get(s.index) else {
            continue;
        };
        let _ = writeln!(
            out,
            "{:>3}. H{} {:>6}  {}{}  {}",
            rank + 1,
            s.index + 1,
            format_score(s.inconsistency),
            crate::model::without_controls(&h.title),
            if s.leading { "  [leading]" } else { "" },
            h.id
        );
    }
    let _ = writeln!(out, "\n{FORMULA}\n");
    let n = ach.rows().len();
    let _ = write!(
        out,
        "Evidence ({n} row{}):\n     ",
        if n == 1 { "" } else { "s" }
    );
    for i in 0..ach.hypotheses().len() {
        let _ = write!(out, " {:<4}", format!("H{}", i + 1));
    }
    out.push('\n');
    for (n, (row, s)) in ach.rows().iter().zip(&scores.rows).enumerate() {
        let _ = write!(out, "{:>3}. ", n + 1);
        for h in ach.hypotheses() {
            let _ = write!(out, " {:<4}", row.rating(h.id).map_or("·", |r| r.label()));
        }
        let text = row_text(project, row.source);
        let quote = crate::model::without_controls(&crate::model::clipped(&text.text, 60));
        let quote = if quote.starts_with('“') {
            quote
        } else {
            format!("“{quote}”")
        };
        let _ = write!(
            out,
            " {quote} — {} (credibility {}, relevance {})",
            crate::model::without_controls(&row_citation(project, row.source)),
            s.credibility.number(),
            row.relevance
        );
        let marks = marks(s);
        if !marks.is_empty() {
            let _ = write!(out, " [{marks}]");
        }
        let _ = writeln!(out, " {}", row.source);
    }
    out
}

/// The brief's tables: the ranking and the matrix (none when there are no hypotheses).
pub(crate) fn tables(project: &Project) -> Vec<Table> {
    let ach = project.ach();
    if ach.hypotheses().is_empty() {
        return Vec::new();
    }
    let scores = scores(project);
    vec![
        ranking_table(project, &scores),
        matrix_table(project, &scores),
    ]
}

fn ranking_table(project: &Project, scores: &Scores) -> Table {
    let ach = project.ach();
    let rows = (scores.ranking.iter().enumerate())
        .filter_map(|(rank, s)| {
            let h = ach.hypotheses().get(s.index)?;
            Some(vec![
                (rank + 1).to_string(),
                format!("H{}", s.index + 1),
                one_line(&h.title),
                format_score(s.inconsistency),
                s.inconsistent_cells.to_string(),
                if s.leading { "yes" } else { "" }.to_owned(),
            ])
        })
        .collect();
    Table {
        title: "Competing hypotheses".to_owned(),
        caption: format!(
            "Hypotheses ranked by the weighted inconsistency of the evidence (Analysis of \
             Competing Hypotheses). {FORMULA}"
        ),
        header: [
            "Rank",
            "",
            "Hypothesis",
            "Inconsistency",
            "I/II cells",
            "Leading",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows,
    }
}

fn matrix_table(project: &Project, scores: &Scores) -> Table {
    let ach = project.ach();
    let mut header: Vec<String> = ["#", "Evidence", "Source", "Cred.", "Rel."]
        .map(str::to_owned)
        .to_vec();
    header.extend((1..=ach.hypotheses().len()).map(|i| format!("H{i}")));
    header.push("Notes".to_owned());
    let rows = (ach.rows().iter().zip(&scores.rows).enumerate())
        .map(|(n, (row, s))| {
            let mut cells = vec![
                (n + 1).to_string(),
                one_line(&row_text(project, row.source).text),
                row_citation(project, row.source),
                s.credibility.number().to_string(),
                row.relevance.as_str().to_owned(),
            ];
            cells.extend(
                (ach.hypotheses().iter())
                    .map(|h| row.rating(h.id).map_or("", |r| r.label()).to_owned()),
            );
            cells.push(marks(s));
            cells
        })
        .collect();
    Table {
        title: "ACH matrix".to_owned(),
        caption: "Each row of evidence rated against each hypothesis: CC very consistent, \
                  C consistent, N neutral, I inconsistent, II very inconsistent, N/A not \
                  applicable. Rows rated alike for every hypothesis are not diagnostic; \
                  switching off a sensitive row would change the leading hypothesis."
            .to_owned(),
        header,
        rows,
    }
}
