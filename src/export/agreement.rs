//! The inter-coder agreement appendix of the briefs: the figures of [`crate::agree::compare`] for
//! two analysts of the project (by `passage.author`), per tag and overall, with the counts behind
//! them — a [`Table`] that every brief (Markdown, HTML, DOCX, PDF) lays out like its other tables,
//! last.

use super::brief::Table;
use crate::agree::{self, Figures, Report};
use crate::model::Project;

/// The two analysts of an agreement appendix (kept in the model: a brief template names them).
pub use crate::model::AgreementCoders;

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

/// The appendix as a table of the briefs: the heading as its title, the basis as its caption, one
/// row overall and one per tag.
pub(crate) fn table(report: &Report) -> Table {
    Table {
        title: heading(report),
        caption: basis(report),
        header: COLUMNS.map(str::to_owned).to_vec(),
        rows: rows(report)
            .map(|(name, f)| values(name, f).to_vec())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::export::external::python_json;
    use crate::export::{ExcerptQuery, ExportError, ExportOptions, Format, export_with};
    use crate::model::PassageId;

    /// The example twice in one project: every passage signed "Ana", and a copy of every third
    /// one signed "Boris".
    fn two_analysts() -> Project {
        let a = crate::example::example_project().expect("the example loads");
        let mut both = a.clone();
        for (i, p) in a.passages_in_file_order().into_iter().enumerate() {
            let mut signed = p.clone();
            signed.author = "Ana".into();
            apply(&mut both, Edit::SetPassage(Box::new(signed))).expect("sign");
            if i % 3 == 0 {
                let mut copy = p.clone();
                copy.id = PassageId::random();
                copy.author = "Boris".into();
                apply(&mut both, Edit::AddPassage(Box::new(copy))).expect("add");
            }
        }
        both
    }

    fn with(coders: &str) -> ExportOptions {
        ExportOptions {
            agreement: Some(coders.parse().expect("two names")),
            ..ExportOptions::default()
        }
    }

    /// Python's own HTML parser reads the appendix as a table whose overall row holds the
    /// report's figures and counts.
    #[test]
    fn the_html_appendix_reads_as_a_table_with_the_reports_figures() {
        let project = two_analysts();
        let report = report(&project, &"Ana,Boris".parse().expect("names")).expect("report");
        let bytes = export_with(
            &project,
            &ExcerptQuery::all(),
            Format::Html,
            &with("ana, boris"),
        )
        .expect("html");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("brief.html");
        std::fs::write(&path, &bytes).expect("write");
        let script = r#"
import json, sys
from html.parser import HTMLParser
class Rows(HTMLParser):
    def __init__(self):
        super().__init__(); self.inside = 0; self.rows = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        if tag == 'section' and 'appendix' in (dict(attrs).get('class') or '').split(): self.inside = 1
        elif self.inside and tag == 'tr': self.rows.append([])
        elif self.inside and tag in ('td', 'th'): self.cell = ''
    def handle_endtag(self, tag):
        if tag == 'section': self.inside = 0
        elif self.inside and tag in ('td', 'th'): self.rows[-1].append(self.cell); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
p = Rows(); p.feed(open(sys.argv[1], encoding='utf-8').read())
print(json.dumps(p.rows))
"#;
        let Some(rows) = python_json(script, &[], &[path.as_path()]) else {
            return;
        };
        let rows = rows.as_array().expect("rows");
        assert_eq!(rows.len(), 2 + report.tags.len(), "header, overall, tags");
        assert_eq!(rows[0][1], "α_u");
        let overall = &rows[1];
        assert_eq!(overall[0], "overall");
        let f1 = report.overall.f1.expect("an F1");
        assert!(f1 < 1.0, "Boris coded a third: {f1}");
        assert_eq!(overall[3], format!("{f1:.3}"));
        assert_eq!(overall[5], report.overall.counts.a_units.to_string());
        assert_eq!(overall[6], report.overall.counts.b_units.to_string());
    }

    /// The Markdown appendix follows the tables (the sources end the brief); without the option the
    /// brief is as before.
    #[test]
    fn the_markdown_appendix_follows_the_tables_only_when_asked_for() {
        let project = two_analysts();
        let query = ExcerptQuery::all();
        let plain =
            export_with(&project, &query, Format::Md, &ExportOptions::default()).expect("md");
        let with_table = export_with(&project, &query, Format::Md, &with("Ana,Boris")).expect("md");
        // The appendix comes after the tables, before the sources, which end every brief.
        let sources = plain
            .windows(12)
            .position(|w| w == b"\n## Sources\n")
            .expect("the sources");
        let (above, below) = plain.split_at(sources);
        assert!(
            with_table.starts_with(above),
            "the brief is unchanged above"
        );
        assert!(with_table.ends_with(below), "the sources end it");
        let appendix =
            String::from_utf8(with_table[above.len()..with_table.len() - below.len()].to_vec())
                .expect("UTF-8");
        assert!(
            appendix.contains("## Appendix: inter-coder agreement, Ana and Boris"),
            "{appendix}"
        );
        assert!(appendix.contains("\n| overall | "), "{appendix}");
        assert!(
            !String::from_utf8(plain)
                .expect("UTF-8")
                .contains("Appendix: inter-coder")
        );
    }

    /// Refused with a clear error: a format without the appendix, a name nobody signed, a list
    /// that is not two names.
    #[test]
    fn wrong_formats_names_and_lists_are_refused() {
        let project = two_analysts();
        let query = ExcerptQuery::all();
        for format in [Format::Csv, Format::Json, Format::W3c, Format::Ris] {
            let err =
                export_with(&project, &query, format, &with("Ana,Boris")).expect_err("refused");
            assert!(
                matches!(err, ExportError::OptionNotForFormat { .. }),
                "{err}"
            );
        }
        let err = export_with(&project, &query, Format::Md, &with("Ana,Chen")).expect_err("Chen");
        assert!(err.to_string().contains("\"Chen\""), "{err}");
        for bad in ["Ana", "Ana,", ",Ana", "A,B,C"] {
            assert!(bad.parse::<AgreementCoders>().is_err(), "{bad}");
        }
    }

    /// python-docx reads the DOCX brief's appendix as a table whose rows are the report's:
    /// overall first, then every tag, with its figures and counts.
    #[test]
    fn the_docx_brief_ends_with_the_agreement_table_python_docx_reads_it() {
        let project = two_analysts();
        let report = report(&project, &"Ana,Boris".parse().expect("names")).expect("report");
        let query = ExcerptQuery::all();
        let bytes = export_with(&project, &query, Format::Docx, &with("Ana,Boris")).expect("docx");
        let plain =
            export_with(&project, &query, Format::Docx, &ExportOptions::default()).expect("docx");
        assert_ne!(bytes, plain, "the option changes the document");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("brief.docx");
        std::fs::write(&path, &bytes).expect("write");
        let script = r#"
import docx, json, sys
d = docx.Document(sys.argv[1])
print(json.dumps({
    'tables': [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
    'texts': [p.text for p in d.paragraphs],
}))
"#;
        let Some(read) = python_json(
            script,
            &[("docx", "python-docx"), ("lxml", "lxml")],
            &[path.as_path()],
        ) else {
            return;
        };
        let texts: Vec<&str> = (read["texts"].as_array().expect("texts").iter())
            .filter_map(|t| t.as_str())
            .collect();
        assert!(
            texts.contains(&"Appendix: inter-coder agreement, Ana and Boris"),
            "{texts:?}"
        );
        let tables = read["tables"].as_array().expect("tables");
        let table = (tables.iter())
            .find(|t| t[0][1] == "α_u" && t[0][4] == "Percent agreement (chars)")
            .expect("the agreement table");
        let rows = table.as_array().expect("rows");
        assert_eq!(rows.len(), 2 + report.tags.len(), "header, overall, tags");
        let expected = values("overall", &report.overall);
        for (i, cell) in expected.iter().enumerate() {
            assert_eq!(rows[1][i], *cell, "column {}", COLUMNS[i]);
        }
        for ((name, f), row) in report.tags.iter().zip(&rows[2..]) {
            assert_eq!(row[0], *name);
            assert_eq!(row[3], cell(f.f1));
        }
    }

    /// pdftotext finds the PDF brief's appendix: its heading, the column names and the overall
    /// row's figures.
    #[test]
    fn the_pdf_brief_ends_with_the_agreement_table_pdftotext_reads_it() {
        let project = two_analysts();
        let report = report(&project, &"Ana,Boris".parse().expect("names")).expect("report");
        let pdf = export_with(
            &project,
            &ExcerptQuery::all(),
            Format::Pdf,
            &with("Ana,Boris"),
        )
        .expect("pdf");
        let Some(text) = crate::export::brief_tests::poppler("pdftotext", &pdf, &[]) else {
            return;
        };
        let text = crate::export::brief_tests::squeeze(&text);
        assert!(
            text.contains("Appendix: inter-coder agreement, Ana and Boris"),
            "{text}"
        );
        let at = text
            .rfind("Appendix: inter-coder agreement")
            .expect("heading");
        let appendix = &text[at..];
        for needle in ["α_u", "κ", "F1", "overall"] {
            assert!(appendix.contains(needle), "{needle} in {appendix}");
        }
        let f1 = cell(report.overall.f1);
        let alpha = cell(report.overall.alpha_u);
        assert!(
            appendix.contains(&f1) && appendix.contains(&alpha),
            "{appendix}"
        );
        let plain = export_with(
            &project,
            &ExcerptQuery::all(),
            Format::Pdf,
            &ExportOptions::default(),
        )
        .expect("pdf");
        let plain = crate::export::brief_tests::poppler("pdftotext", &plain, &[]).expect("text");
        assert!(!plain.contains("inter-coder agreement"));
    }
}
