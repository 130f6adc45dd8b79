//! Golden tests: every format on the example project (`saves/ceasefire-2025.ron`), compared with
//! the snapshots committed in `src/export/snapshots/`. A change to a format shows up here as a diff
//! to review; `INSTA_UPDATE=always cargo test --lib export::golden` rewrites them after review.
//!
//! The exports hold no time of "now" (passage times come from the project file), so the
//! snapshots are the same on every machine.

use super::format_tests::check_w3c_against;
use super::qdpx_tests::{check_qdpx_against, unzip, xmllint_validate};
use super::*;
use crate::example::example_project;

fn example() -> Project {
    example_project().expect("the example project loads")
}

fn exported(project: &Project, format: Format, options: ExportOptions) -> String {
    let bytes =
        export_with(project, &ExcerptQuery::all(), format, &options).expect("the export runs");
    String::from_utf8(bytes).expect("UTF-8")
}

fn grouped(by: GroupBy) -> ExportOptions {
    ExportOptions {
        group_by: Some(by),
        ..ExportOptions::default()
    }
}

#[test]
fn golden_json() {
    let text = exported(&example(), Format::Json, ExportOptions::default());
    insta::assert_snapshot!("example.json", text);
}

#[test]
fn golden_csv() {
    let project = example();
    let text = exported(&project, Format::Csv, ExportOptions::default());
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a well-formed record"))
        .collect();
    assert_eq!(rows.len(), project.passages().len());
    insta::assert_snapshot!("example.csv", text);
}

#[test]
fn golden_md_by_tag_and_by_event() {
    let project = example();
    insta::assert_snapshot!(
        "example.by-tag.md",
        exported(&project, Format::Md, grouped(GroupBy::Tag))
    );
    insta::assert_snapshot!(
        "example.by-event.md",
        exported(&project, Format::Md, grouped(GroupBy::Event))
    );
}

#[test]
fn golden_html() {
    let text = exported(&example(), Format::Html, ExportOptions::default());
    insta::assert_snapshot!("example.html", text);
}

#[test]
fn golden_w3c_and_its_selectors_match_the_example_texts() {
    let project = example();
    let text = exported(&project, Format::W3c, ExportOptions::default());
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        check_w3c_against(&project, &value),
        project.passages().len()
    );
    insta::assert_snapshot!("example.w3c.jsonld", text);
}

#[test]
fn golden_qdpx_reads_back_and_validates() {
    let project = example();
    let bytes = export(&project, &ExcerptQuery::all(), Format::Qdpx).expect("qdpx");
    check_qdpx_against(&project, &ExcerptQuery::all(), &bytes);
    let entries = unzip(&bytes);
    let listing: Vec<String> = entries
        .iter()
        .map(|(name, data)| format!("{name} {} bytes", data.len()))
        .collect();
    let xml = String::from_utf8(entries[0].1.clone()).expect("UTF-8");
    if let Some(result) = xmllint_validate(xml.as_bytes()) {
        result.expect("the example project's qdpx is valid QDA-XML");
    }
    insta::assert_snapshot!("example.qdpx.entries", listing.join("\n"));
    insta::assert_snapshot!("example.qdpx.project.qde", xml);
}

/// The text of a WordprocessingML part, one line per paragraph: its style, then its text (runs
/// joined; a footnote reference as `[^n]`, a page break as `<page>`, a table cell ends with `|`).
fn word_paragraphs(xml: &str) -> String {
    fn walk(node: &super::qdpx_tests::Node, line: &mut String, out: &mut Vec<String>) {
        match node.name.as_str() {
            "w:p" => {
                let mut text = String::new();
                for c in &node.children {
                    walk(c, &mut text, out);
                }
                let style = node
                    .children
                    .iter()
                    .find(|c| c.name == "w:pPr")
                    .and_then(|p| p.children.iter().find(|c| c.name == "w:pStyle"))
                    .and_then(|s| s.attrs.get("w:val").cloned())
                    .unwrap_or_else(|| "Normal".to_owned());
                let rtl = node
                    .children
                    .iter()
                    .find(|c| c.name == "w:pPr")
                    .is_some_and(|p| p.children.iter().any(|c| c.name == "w:bidi"));
                out.push(format!(
                    "{style}{}: {text}",
                    if rtl { " (rtl)" } else { "" }
                ));
                return;
            }
            "w:t" | "w:instrText" => line.push_str(&node.text),
            "w:footnoteReference" => {
                line.push_str(&format!(
                    "[^{}]",
                    node.attrs.get("w:id").cloned().unwrap_or_default()
                ));
            }
            "w:br" if node.attrs.get("w:type").is_some_and(|t| t == "page") => {
                line.push_str("<page>")
            }
            "w:tc" => {
                let mut cell = Vec::new();
                for c in &node.children {
                    walk(c, line, &mut cell);
                }
                for p in cell {
                    line.push_str(p.split_once(": ").map_or("", |(_, t)| t));
                }
                line.push_str(" | ");
                return;
            }
            "w:tr" => {
                let mut row = String::from("| ");
                for c in &node.children {
                    walk(c, &mut row, out);
                }
                out.push(format!("Table row: {}", row.trim_end()));
                return;
            }
            _ => {}
        }
        for c in &node.children {
            walk(c, line, out);
        }
    }
    let root = super::qdpx_tests::parse_xml(xml);
    let mut out = Vec::new();
    let mut line = String::new();
    walk(&root, &mut line, &mut out);
    out.join("\n")
}

#[test]
fn golden_docx_text() {
    let bytes = export(&example(), &ExcerptQuery::all(), Format::Docx).expect("docx");
    let entries = unzip(&bytes);
    let part = |name: &str| {
        let xml = entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, x)| String::from_utf8(x.clone()).expect("UTF-8"))
            .expect("the part");
        word_paragraphs(&xml)
    };
    let listing: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    insta::assert_snapshot!("example.docx.entries", listing.join("\n"));
    insta::assert_snapshot!("example.docx.document", part("word/document.xml"));
    insta::assert_snapshot!("example.docx.footnotes", part("word/footnotes.xml"));
}

#[test]
fn golden_pdf_outline() {
    // The PDF draws this outline (and pdftotext reads it back in `brief_tests`); its text parts
    // are kept here as the golden file, the drawing itself as `assets/brief-pdf-page1.png`.
    let brief = super::brief::Brief::build(&example(), &ExcerptQuery::all(), GroupBy::Tag);
    insta::assert_debug_snapshot!("example.brief.outline", brief);
}
