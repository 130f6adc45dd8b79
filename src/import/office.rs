//! Word processor documents: `.docx` (WordprocessingML) and `.odt` (OpenDocument Text).
//!
//! Only the text is kept: each paragraph (headings and list items included) with its runs, tabs
//! as `\t` and line breaks as `\n`; paragraphs are separated by a blank line, as in the plain-text
//! articles, and empty ones are dropped. Left out: deleted (tracked) text, field codes, comments,
//! footnotes, text boxes and drawings. The title and author come from the document's properties
//! (`docProps/core.xml`, `meta.xml`) when set.
//!
//! Both are zip archives and read through [`super::archive`] (sizes bounded, names checked) and
//! [`super::xml`] (no entities resolved).

use super::ImportError;
use super::archive::Archive;
use super::xml::{self, Child, Node};

/// The text and properties of a document.
#[derive(Debug, Default)]
pub(crate) struct OfficeText {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The title property, trimmed, or empty.
    pub title: String,
    /// The author property, trimmed, or empty.
    pub author: String,
}

fn parse_entry(
    zip: &mut Archive<'_>,
    name: &str,
    origin: &str,
) -> Result<Option<Node>, ImportError> {
    let Some(bytes) = zip.read_named(name)? else {
        return Ok(None);
    };
    xml::parse(&bytes).map(Some).map_err(|e| ImportError::Xml {
        entry: name.to_owned(),
        line: e.line,
        column: e.column,
        reason: e.reason,
        origin: origin.to_owned(),
    })
}

fn missing(origin: &str, what: &str, entry: &str) -> ImportError {
    ImportError::Archive {
        reason: format!("not a {what} document: there is no {entry}"),
        origin: origin.to_owned(),
    }
}

/// Title and author from Dublin Core properties (`dc:title`, `dc:creator`).
fn properties(root: Option<&Node>, out: &mut OfficeText) {
    let Some(root) = root else { return };
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match node.name.as_str() {
            "title" if out.title.is_empty() => out.title = node.text().trim().to_owned(),
            "creator" | "initial-creator" if out.author.is_empty() => {
                out.author = node.text().trim().to_owned();
            }
            _ => stack.extend(node.elements()),
        }
    }
}

/// Reads a `.docx`.
pub(crate) fn docx(bytes: &[u8], origin: &str) -> Result<OfficeText, ImportError> {
    let mut zip = Archive::open(bytes, origin)?;
    let body = parse_entry(&mut zip, "word/document.xml", origin)?
        .ok_or_else(|| missing(origin, "Word (.docx)", "word/document.xml"))?;
    let mut out = OfficeText::default();
    let mut paragraphs = Vec::new();
    docx_blocks(&body, &mut paragraphs, 0);
    out.text = join(paragraphs);
    properties(
        parse_entry(&mut zip, "docProps/core.xml", origin)?.as_ref(),
        &mut out,
    );
    Ok(out)
}

/// Collects the paragraphs under a WordprocessingML element (body, tables, content controls).
fn docx_blocks(node: &Node, out: &mut Vec<String>, depth: usize) {
    for child in node.elements() {
        match child.name.as_str() {
            "p" => {
                let mut text = String::new();
                docx_runs(child, &mut text, depth);
                out.push(text);
            }
            // Properties, deleted text, drawings and their text boxes hold no article text.
            "pPr" | "rPr" | "sectPr" | "del" | "drawing" | "pict" | "AlternateContent" => {}
            _ if depth < 64 => docx_blocks(child, out, depth + 1),
            _ => {}
        }
    }
}

/// The text inside a paragraph: runs, hyperlinks, insertions, fields.
fn docx_runs(node: &Node, out: &mut String, depth: usize) {
    for child in &node.children {
        let Child::Element(child) = child else {
            continue;
        };
        match child.name.as_str() {
            "t" => out.push_str(&child.text()),
            "tab" | "ptab" => out.push('\t'),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('\u{2011}'),
            "pPr" | "rPr" | "del" | "delText" | "instrText" | "drawing" | "pict"
            | "AlternateContent" | "footnoteReference" | "endnoteReference"
            | "commentReference" => {}
            _ if depth < 64 => docx_runs(child, out, depth + 1),
            _ => {}
        }
    }
}

/// Reads an `.odt`.
pub(crate) fn odt(bytes: &[u8], origin: &str) -> Result<OfficeText, ImportError> {
    let mut zip = Archive::open(bytes, origin)?;
    let content = parse_entry(&mut zip, "content.xml", origin)?
        .ok_or_else(|| missing(origin, "OpenDocument (.odt)", "content.xml"))?;
    let mut out = OfficeText::default();
    let mut paragraphs = Vec::new();
    if let Some(body) = content.child("body") {
        odt_blocks(body, &mut paragraphs, 0);
    }
    out.text = join(paragraphs);
    properties(
        parse_entry(&mut zip, "meta.xml", origin)?.as_ref(),
        &mut out,
    );
    Ok(out)
}

/// Collects the paragraphs and headings under an OpenDocument element (text, sections, lists,
/// tables).
fn odt_blocks(node: &Node, out: &mut Vec<String>, depth: usize) {
    for child in node.elements() {
        match child.name.as_str() {
            "p" | "h" => {
                let mut text = String::new();
                odt_spans(child, &mut text, depth);
                out.push(text);
            }
            "tracked-changes" | "annotation" | "sequence-decls" | "forms" | "frame" => {}
            _ if depth < 64 => odt_blocks(child, out, depth + 1),
            _ => {}
        }
    }
}

/// The text inside a paragraph: text, spans, links, spaces, tabs and line breaks.
fn odt_spans(node: &Node, out: &mut String, depth: usize) {
    for child in &node.children {
        match child {
            Child::Text(t) => out.push_str(t),
            Child::Element(e) => match e.name.as_str() {
                "s" => {
                    let n = e
                        .attr("c")
                        .and_then(|c| c.parse::<usize>().ok())
                        .unwrap_or(1);
                    out.extend(std::iter::repeat_n(' ', n.min(1000)));
                }
                "tab" => out.push('\t'),
                "line-break" => out.push('\n'),
                "note" | "annotation" | "annotation-end" | "frame" | "tracked-changes" => {}
                _ if depth < 64 => odt_spans(e, out, depth + 1),
                _ => {}
            },
        }
    }
}

/// Non-empty paragraphs separated by blank lines.
fn join(paragraphs: Vec<String>) -> String {
    paragraphs
        .into_iter()
        .map(|p| p.trim_end().to_owned())
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
