//! The inter-coder agreement appendix of the Markdown and HTML briefs: the figures of
//! [`crate::agree::compare`] for two analysts of the project (by `passage.author`), per tag and
//! overall, with the counts behind them.

use std::fmt::Write as _;

use crate::agree::{self, Figures, Report};
use crate::model::Project;

/// The two analysts whose agreement a brief's appendix reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementCoders {
    /// The first analyst's name, as on their passages.
    pub a: String,
    /// The second analyst's name.
    pub b: String,
}

impl std::str::FromStr for AgreementCoders {
    type Err = String;

    /// "A,B": two analyst names separated by a comma.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.split_once(',') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(',') => {
                Ok(AgreementCoders {
                    a: a.trim().to_owned(),
                    b: b.trim().to_owned(),
                })
            }
            _ => Err(format!(
                "expected two analyst names separated by a comma (A,B), got \"{text}\""
            )),
        }
    }
}

/// The agreement report for `coders` on `project`, with the default options.
pub fn report(project: &Project, coders: &AgreementCoders) -> Result<Report, agree::AgreeError> {
    let (a, b) = agree::coders(project, &coders.a, &coders.b)?;
    agree::compare(&a, &b, &agree::Options::default())
}

fn cell(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{:.1} %", v * 100.0))
}

fn rows(report: &Report) -> impl Iterator<Item = (&str, &Figures)> {
    std::iter::once(("overall", &report.overall))
        .chain(report.tags.iter().map(|(k, v)| (k.as_str(), v)))
}

fn heading(report: &Report) -> String {
    format!(
        "Appendix: inter-coder agreement, {} and {}",
        report.a, report.b
    )
}

fn basis(report: &Report) -> String {
    format!(
        "{} articles compared, {} left out; passages matched at an overlap of {} of their union. \
         Percent agreement is per character, as QualCoder and NVivo report it; — marks a figure \
         that cannot be computed.",
        report.articles.compared,
        report.articles.excluded.len(),
        report.threshold
    )
}

const COLUMNS: [&str; 9] = [
    "Tag",
    "α_u",
    "κ",
    "F1",
    "Percent agreement (chars)",
    "A's passages",
    "B's passages",
    "Matched",
    "Why not computed",
];

fn values(name: &str, f: &Figures) -> [String; 9] {
    let why: Vec<String> = f.why.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    [
        name.to_owned(),
        cell(f.alpha_u),
        cell(f.kappa),
        cell(f.f1),
        percent(f.percent_agreement),
        f.counts.a_units.to_string(),
        f.counts.b_units.to_string(),
        f.counts.matched.to_string(),
        why.join("; "),
    ]
}

/// The appendix as Markdown: a level-2 heading, the basis, and a table.
pub fn markdown_section(report: &Report) -> String {
    let md = |t: &str| super::markdown::escape_text(t).replace('|', "\\|");
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", md(&heading(report)));
    let _ = writeln!(out, "{}\n", md(&basis(report)));
    let _ = writeln!(out, "| {} |", COLUMNS.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(COLUMNS.len()));
    for (name, f) in rows(report) {
        // Figures and counts go in as they are; the tag path and the reasons are text.
        let cells: Vec<String> = (values(name, f).iter().enumerate())
            .map(|(i, c)| if i == 0 || i == 8 { md(c) } else { c.clone() })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    out
}

/// The appendix as an HTML `<section>` with a table.
pub fn html_section(report: &Report) -> String {
    let h = super::html::escape;
    let mut out = String::from("<section class=\"agreement\">\n");
    let _ = writeln!(out, "<h2>{}</h2>", h(&heading(report)));
    let _ = writeln!(out, "<p>{}</p>", h(&basis(report)));
    out.push_str("<table>\n<tr>");
    for c in COLUMNS {
        let _ = write!(out, "<th>{}</th>", h(c));
    }
    out.push_str("</tr>\n");
    for (name, f) in rows(report) {
        out.push_str("<tr>");
        for c in values(name, f) {
            let _ = write!(out, "<td>{}</td>", h(&c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n</section>\n");
    out
}
