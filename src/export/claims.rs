//! Claims in the exports: the JSON form of a claim (shared by `dossier claims --json` and the
//! JSON export), the "Contested claims" section of the Markdown and HTML briefs (the same claims
//! as a table in DOCX and PDF), and the "Source grades" table of every brief.
//!
//! A claim's JSON object:
//!
//! ```json
//! { "id": "c…", "statement": "…", "event": "e…" | null, "description": "",
//!   "stances": [{ "passage": "p…", "holder": "Yuri Ushakov", "holder_kind": "speaker",
//!                 "holder_grade": "F", "outlet": "Reuters", "stance": "disputes",
//!                 "document": "d…", "quote": "…", "credibility": 6 }],
//!   "independent_outlets": 1, "supporting_outlets": ["Reuters"],
//!   "contested": true, "single_source": true }
//! ```

use serde::Serialize;

use crate::corroboration::{ClaimReport, StanceRow};
use crate::model::{Passage, Project, Stance};

/// A claim as JSON.
#[derive(Debug, Serialize)]
pub struct JsonClaim<'p> {
    id: String,
    statement: &'p str,
    event: Option<String>,
    description: &'p str,
    stances: Vec<JsonStance<'p>>,
    independent_outlets: usize,
    supporting_outlets: Vec<String>,
    contested: bool,
    single_source: bool,
}

/// One stance of a claim as JSON.
#[derive(Debug, Serialize)]
struct JsonStance<'p> {
    passage: String,
    holder: String,
    holder_kind: &'static str,
    holder_grade: &'static str,
    outlet: String,
    stance: &'static str,
    document: String,
    quote: &'p str,
    credibility: u8,
}

/// A passage or an orphan.
pub(crate) fn any_passage(project: &Project, id: crate::model::PassageId) -> Option<&Passage> {
    project.passage(id).or_else(|| project.orphan(id))
}

/// The JSON form of a claim's report.
pub fn json_claim<'p>(project: &'p Project, report: &ClaimReport<'p>) -> JsonClaim<'p> {
    let claim = report.claim;
    JsonClaim {
        id: claim.id.to_string(),
        statement: &claim.statement,
        event: claim.event.map(|e| e.to_string()),
        description: &claim.description,
        stances: (report.stances.iter())
            .map(|row| json_stance(project, row))
            .collect(),
        independent_outlets: report.independent_outlets,
        supporting_outlets: report.supporting_outlets.clone(),
        contested: report.contested,
        single_source: report.single_source,
    }
}

fn json_stance<'p>(project: &'p Project, row: &StanceRow) -> JsonStance<'p> {
    JsonStance {
        passage: row.passage.to_string(),
        holder: row.holder.name(project),
        holder_kind: row.holder.kind(),
        holder_grade: row.holder.grade(project).as_str(),
        outlet: row.outlet.clone(),
        stance: row.stance.as_str(),
        document: row.doc.to_string(),
        quote: any_passage(project, row.passage).map_or("", |p| p.quote.as_str()),
        credibility: project.evidence().credibility(row.passage).number(),
    }
}

/// `{"claims": [...]}` as printed by `dossier claims --json`, pretty, with a final newline.
pub fn claims_json(
    project: &Project,
    reports: &[ClaimReport<'_>],
) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Claims<'p> {
        claims: Vec<JsonClaim<'p>>,
    }
    let claims = Claims {
        claims: reports.iter().map(|r| json_claim(project, r)).collect(),
    };
    let mut out = serde_json::to_string_pretty(&claims)?;
    out.push('\n');
    Ok(out)
}

/// One side of a contested claim for a brief: who holds it (with grades), the quote, and where it
/// comes from (the article's title, outlet and date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideLine {
    /// The holder's name and reliability grade ("Yuri Ushakov (F)").
    pub holder: String,
    /// The quote.
    pub quote: String,
    /// The passage's credibility, 1–6.
    pub credibility: u8,
    /// The citation: outlet, date, “article title”.
    pub citation: String,
}

/// A contested claim for a brief: its statement, event title, and both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestedClaim {
    /// The claim's statement.
    pub statement: String,
    /// Its event's title, if any.
    pub event: Option<String>,
    /// The outlets credited with independent support.
    pub supporting_outlets: Vec<String>,
    /// Who supports it.
    pub supports: Vec<SideLine>,
    /// Who disputes it.
    pub disputes: Vec<SideLine>,
}

/// The contested claims of a project on which a passage of the selection takes a stance, by
/// statement, each side by holder; a passage with two speakers is quoted once, under both names.
pub fn contested_claims(project: &Project, selection: &[&Passage]) -> Vec<ContestedClaim> {
    let selected: std::collections::HashSet<crate::model::PassageId> =
        selection.iter().map(|p| p.id).collect();
    let reports = crate::corroboration::analyse(project);
    reports
        .iter()
        .filter(|r| r.contested)
        .filter(|r| r.stances.iter().any(|s| selected.contains(&s.passage)))
        .map(|r| ContestedClaim {
            statement: r.claim.statement.clone(),
            event: (r.claim.event)
                .and_then(|e| project.event(e))
                .map(|e| e.title.clone()),
            supporting_outlets: r.supporting_outlets.clone(),
            supports: side(project, r, Stance::Supports),
            disputes: side(project, r, Stance::Disputes),
        })
        .collect()
}

fn side(project: &Project, report: &ClaimReport<'_>, stance: Stance) -> Vec<SideLine> {
    let mut lines: Vec<(crate::model::PassageId, SideLine)> = Vec::new();
    for row in report.side(stance) {
        let holder = format!(
            "{} ({})",
            row.holder.name(project),
            row.holder.grade(project)
        );
        if let Some((_, line)) = lines.iter_mut().find(|(p, _)| *p == row.passage) {
            line.holder.push_str(" and ");
            line.holder.push_str(&holder);
            continue;
        }
        // As the briefs cite excerpts: outlet, date, “title”.
        let doc = project.document(row.doc);
        let mut parts = Vec::new();
        if !row.outlet.is_empty() {
            parts.push(row.outlet.clone());
        }
        parts.push(
            doc.and_then(|d| d.published)
                .map_or_else(|| "n.d.".to_owned(), super::cite::human_date),
        );
        parts.push(format!("“{}”", doc.map_or("", |d| d.title.trim())));
        let citation = parts.join(", ");
        lines.push((
            row.passage,
            SideLine {
                holder,
                quote: any_passage(project, row.passage).map_or_else(String::new, |p| {
                    p.quote.split_whitespace().collect::<Vec<_>>().join(" ")
                }),
                credibility: project.evidence().credibility(row.passage).number(),
                citation,
            },
        ));
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// The "Contested claims" section of the Markdown brief (empty when there are none): each claim
/// a `###` heading, then who supports and who disputes it, quoted and cited.
pub(super) fn markdown_section(claims: &[ContestedClaim]) -> String {
    use super::markdown::{escape_heading, escape_text};
    if claims.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n## Contested claims\n");
    for c in claims {
        out.push_str("\n### ");
        out.push_str(&escape_heading(&c.statement));
        out.push('\n');
        out.push_str(&format!("\n*{}*\n", escape_text(&about(c))));
        for (label, side) in [("Supports", &c.supports), ("Disputes", &c.disputes)] {
            out.push_str(&format!("\n**{label}**\n\n"));
            for line in side {
                out.push_str(&format!(
                    "- {}: “{}” — {} (credibility {})\n",
                    escape_text(&line.holder),
                    escape_text(&line.quote),
                    escape_text(&line.citation),
                    line.credibility
                ));
            }
        }
    }
    out
}

/// The "Contested claims" section of the HTML brief (empty when there are none).
pub(super) fn html_section(claims: &[ContestedClaim]) -> String {
    use super::html::escape;
    if claims.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"contested\">\n<h2>Contested claims</h2>\n");
    for c in claims {
        out.push_str(&format!(
            "<article class=\"claim\">\n<h3>{}</h3>\n<p class=\"about\">{}</p>\n",
            escape(&c.statement),
            escape(&about(c))
        ));
        for (class, label, side) in [
            ("supports", "Supports", &c.supports),
            ("disputes", "Disputes", &c.disputes),
        ] {
            out.push_str(&format!(
                "<h4 class=\"{class}\">{label}</h4>\n<ul class=\"{class}\">\n"
            ));
            for line in side {
                out.push_str(&format!(
                    "<li><b>{}</b>: <q>{}</q> <span class=\"cite\">— {} (credibility {})</span></li>\n",
                    escape(&line.holder),
                    escape(&line.quote),
                    escape(&line.citation),
                    line.credibility
                ));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The "Contested claims" table of the document briefs (DOCX, PDF; [`super::brief::tables`]):
/// one row per side's passage, `None` when there are no contested claims. The Markdown and HTML
/// briefs write the same claims as [`markdown_section`] and [`html_section`] instead, which also
/// name each claim's event and supporting outlets.
pub(crate) fn contested_table_of(claims: &[ContestedClaim]) -> Option<super::brief::Table> {
    use crate::model::one_line;
    if claims.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    for c in claims {
        // The claim is named on its first row only, with its independent support.
        let n = c.supporting_outlets.len();
        let mut name = Some(format!(
            "{} ({n} independent outlet{})",
            one_line(&c.statement),
            if n == 1 { "" } else { "s" }
        ));
        for (stance, side) in [("supports", &c.supports), ("disputes", &c.disputes)] {
            for line in side {
                rows.push(vec![
                    name.take().unwrap_or_default(),
                    stance.to_owned(),
                    one_line(&line.holder),
                    format!("“{}”", one_line(&line.quote)),
                    format!(
                        "{} (credibility {})",
                        one_line(&line.citation),
                        line.credibility
                    ),
                ]);
            }
        }
    }
    Some(super::brief::Table {
        title: "Contested claims".to_owned(),
        caption: "Claims one holder supports and another disputes, both sides quoted and cited"
            .to_owned(),
        header: ["Claim", "Stance", "Holder (grade)", "Quote", "Source"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    })
}

/// The "Source grades" table of the briefs: the outlets the excerpts come from and the
/// speakers they quote, with their reliability grade (F when ungraded) and how many excerpts
/// each gives; `None` without excerpts.
pub(crate) fn grades_table(
    project: &Project,
    excerpts: &[super::cite::Excerpt<'_>],
) -> Option<super::brief::Table> {
    use crate::model::one_line;
    use crate::model::{ActorRole, Reliability};
    use std::collections::BTreeMap;
    if excerpts.is_empty() {
        return None;
    }
    // (kind, name) → (grade, excerpts)
    let mut sources: BTreeMap<(&str, String), (Reliability, usize)> = BTreeMap::new();
    let evidence = project.evidence();
    for e in excerpts {
        let outlet = one_line(&e.doc.source);
        if !outlet.is_empty() {
            let slot = (sources.entry(("outlet", outlet))).or_insert((e.reliability, 0));
            slot.1 += 1;
        }
        for (actor, role) in &e.actors {
            if *role == ActorRole::Speaker {
                let grade = evidence.actor_grade(actor.id);
                let slot =
                    (sources.entry(("speaker", one_line(&actor.name)))).or_insert((grade, 0));
                slot.1 += 1;
            }
        }
    }
    if sources.is_empty() {
        return None;
    }
    let rows = (sources.into_iter())
        .map(|((kind, name), (grade, n))| {
            vec![
                name,
                kind.to_owned(),
                grade.to_string(),
                grade.label().to_owned(),
                n.to_string(),
            ]
        })
        .collect();
    Some(super::brief::Table {
        title: "Source grades".to_owned(),
        caption: "The outlets and speakers of the excerpts on the Admiralty scale (F: not graded)"
            .to_owned(),
        header: ["Source", "Kind", "Grade", "Meaning", "Excerpts"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    })
}

/// "About: event. Independent support: 2 outlets (Reuters, CNN)."
fn about(c: &ContestedClaim) -> String {
    let mut out = String::new();
    if let Some(event) = &c.event {
        out.push_str(&format!("About: {event}. "));
    }
    let n = c.supporting_outlets.len();
    out.push_str(&format!(
        "Independent support: {n} outlet{}",
        if n == 1 { "" } else { "s" }
    ));
    if n > 0 {
        out.push_str(&format!(" ({})", c.supporting_outlets.join(", ")));
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use crate::export::{ExcerptQuery, Format, export};
    use crate::model::Reliability;

    fn example() -> crate::model::Project {
        crate::example::example_project().expect("the example loads")
    }

    fn text(format: Format, query: &ExcerptQuery) -> String {
        String::from_utf8(export(&example(), query, format).expect("exports")).expect("UTF-8")
    }

    #[test]
    fn the_json_export_carries_claims_and_grades() {
        let v: serde_json::Value =
            serde_json::from_str(&text(Format::Json, &ExcerptQuery::all())).expect("JSON");
        let claims = v["claims"].as_array().expect("claims");
        assert_eq!(claims.len(), example().evidence().claims().len());
        assert!(claims.iter().any(|c| c["contested"] == true));
        assert_eq!(
            v["outlets"],
            serde_json::json!([{"name": "Reuters", "grade": "B"}])
        );
        let fedorov = (v["actors"].as_array().expect("actors").iter())
            .find(|a| a["name"] == "Ivan Fedorov")
            .expect("Fedorov");
        assert_eq!(fedorov["grade"], "C");
        let grades: Vec<u64> = (v["passages"].as_array().expect("passages").iter())
            .map(|p| p["credibility"].as_u64().expect("a number"))
            .collect();
        assert!(grades.contains(&1) && grades.contains(&6));
        assert!(grades.iter().all(|g| (1..=6).contains(g)));
        assert_eq!(Reliability::F.as_str(), "F");
    }

    #[test]
    fn briefs_end_with_the_contested_claims_both_sides_quoted_and_cited() {
        let md = text(Format::Md, &ExcerptQuery::all());
        let section = md
            .split("\n## Contested claims\n")
            .nth(1)
            .expect("the section");
        assert!(section.contains("### The 6 August Moscow meeting made real progress"));
        assert!(section.contains("**Supports**") && section.contains("**Disputes**"));
        assert!(section.contains(
            "- Donald Trump (F): ““Great progress was made!”” — c. 2025-08-06, “US envoy"
        ));
        assert!(section.contains("- Reuters (B): “There is limited optimism"));
        assert!(section.contains("— Reuters, c. 2025-08-06, “Putin and Witkoff exchange pleasantries ahead of ceasefire talks” (credibility 6)"));
        let html = text(Format::Html, &ExcerptQuery::all());
        assert!(html.contains("<section class=\"contested\">\n<h2>Contested claims</h2>"));
        assert!(html.contains("<h4 class=\"disputes\">Disputes</h4>"));
        // A selection without any of a claim's passages leaves the claim out.
        let narrow = ExcerptQuery {
            text: "holiday camp".to_owned(),
            ..ExcerptQuery::default()
        };
        let md = text(Format::Md, &narrow);
        let section = md
            .split("\n## Contested claims\n")
            .nth(1)
            .expect("the section");
        assert!(section.contains("### Twelve people were injured"));
        assert!(!section.contains("Moscow meeting made real progress"));
    }

    #[test]
    fn claim_stance_and_grade_filters_select_the_passages_they_name() {
        use crate::export::QueryTerms;
        use crate::model::{Credibility, Stance};
        let project = example();
        let evidence = project.evidence();
        let run = |terms: QueryTerms| {
            let query = terms.resolve(&project).expect("resolves");
            let ids: Vec<crate::model::PassageId> =
                query.run(&project).passages.iter().map(|p| p.id).collect();
            (query, ids)
        };
        let statement = "the 6 august moscow meeting made real progress towards a ceasefire";
        let claim = evidence.claim_by_statement(statement).expect("the claim");
        // By statement (any case): exactly its stances' passages.
        let (_, ids) = run(QueryTerms {
            claims: vec![statement.to_uppercase()],
            ..QueryTerms::default()
        });
        let mut expected: Vec<_> = claim.stances.iter().map(|(p, _)| *p).collect();
        expected.sort_by_key(|p| {
            let p = project.passage(*p).expect("passage");
            (p.doc, p.start, p.end, p.id)
        });
        assert_eq!(ids, expected);
        // With a stance: only those that dispute it; by id as well.
        let (query, ids) = run(QueryTerms {
            claims: vec![claim.id.to_string()],
            stances: vec![Stance::Disputes],
            ..QueryTerms::default()
        });
        let disputing: Vec<_> = (claim.stances.iter())
            .filter(|(_, s)| *s == Stance::Disputes)
            .map(|(p, _)| *p)
            .collect();
        assert_eq!(ids, disputing);
        assert!(!ids.is_empty());
        assert_eq!(query.to_string(), "1 claim, stance disputes");
        // Grades: only Reuters is graded (B), so B admits its passages and nothing else.
        let (_, ids) = run(QueryTerms {
            reliability: Some(Reliability::B),
            ..QueryTerms::default()
        });
        assert!(!ids.is_empty());
        assert!(ids.iter().all(|p| {
            let doc = project.passage(*p).and_then(|p| project.document(p.doc));
            doc.is_some_and(|d| d.source == "Reuters")
        }));
        let (_, ids) = run(QueryTerms {
            credibility: Some(Credibility::Probable),
            ..QueryTerms::default()
        });
        assert!(!ids.is_empty());
        assert!(
            ids.iter()
                .all(|p| evidence.credibility(*p) <= Credibility::Probable)
        );
        // An unknown claim is named.
        let err = QueryTerms {
            claims: vec!["Nothing happened".into()],
            ..QueryTerms::default()
        }
        .resolve(&project)
        .expect_err("unknown");
        assert_eq!(
            err[0].to_string(),
            "no claim is called \"Nothing happened\""
        );
    }

    #[test]
    fn csv_and_w3c_carry_stances_and_grades() {
        let csv = text(Format::Csv, &ExcerptQuery::all());
        let header = csv.lines().next().expect("header");
        assert!(header.ends_with(",outlet_grade,credibility,claims"));
        assert!(csv.contains(
            ",B,1,supports: The three rounds of talks in Istanbul failed to bring a ceasefire"
        ));
        let w3c: serde_json::Value =
            serde_json::from_str(&text(Format::W3c, &ExcerptQuery::all())).expect("JSON");
        let bodies: Vec<&serde_json::Value> = (w3c["first"]["items"].as_array().expect("items"))
            .iter()
            .flat_map(|a| a["body"].as_array().into_iter().flatten())
            .filter(|b| b["purpose"] == "assessing")
            .collect();
        assert!(bodies.iter().any(|b| {
            b["dossier:role"] == "disputes"
                && b["source"]["id"]
                    .as_str()
                    .is_some_and(|id| id.starts_with("urn:dossier:claim:c"))
        }));
        assert!(
            bodies
                .iter()
                .any(|b| b["value"] == "credibility 1: confirmed by other sources")
        );
    }
}
