//! The DOCX export: the brief as a Word document (Office Open XML, WordprocessingML), written
//! with the `zip` crate and the XML escaping the qdpx export uses; no document library.
//!
//! Layout ([`super::brief::Brief`], grouped as the Markdown brief):
//!
//! - a title page: the project title (style Title), the summary line (Subtitle), a page break;
//! - the contents: a `TOC` field over Heading 1–2, filled in with the headings (without page
//!   numbers) so it reads before the user updates it; Word is asked to update fields on opening;
//! - one Heading 1 "Excerpts", then one Heading 2 per group, its details line (style Caption), and
//!   for each excerpt: the quote (style Quote, one paragraph per line) ending in a footnote
//!   reference; the footnote (in `word/footnotes.xml`) cites outlet, author, date, title and the
//!   article's address as a link; the tags, actors and events as one line (style "Excerpt
//!   Links"); the analyst's note (style "Analyst Note");
//! - each table (the event cards; see [`super::brief::tables`]) under a Heading 1 with a numbered
//!   caption (style Caption, a `SEQ Table` field) and a repeated header row;
//! - Heading 1 "Sources": the cited articles, numbered, with their addresses as links.
//!
//! Styles are real Word styles (Title, Subtitle, Heading 1–3, Quote, Caption, Footnote Text,
//! Footnote Reference, Hyperlink, TOC 1–2, Table Grid) so the user can restyle the document.
//! Right-to-left paragraphs (first strong character Arabic, Hebrew…) carry `w:bidi`, and every
//! right-to-left run `w:rtl`; fonts are set for Latin, Cyrillic and Greek (`w:ascii`, `w:hAnsi`)
//! and for complex scripts (`w:cs`).
//!
//! The same project and query give the same bytes: no time of "now" is written and the zip
//! entries carry a fixed date (1980-01-01).

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::bidi;
use super::brief::{Brief, Citation, Item, Table};
use super::qdpx::escape;

/// Why the document could not be written (it is written to memory; reported, not hidden).
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The zip writer failed.
    #[error("could not write the document archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing an entry failed.
    #[error("could not write the document archive: {0}")]
    Io(#[from] std::io::Error),
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const HYPERLINK_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

/// The entries of a DOCX archive for a brief, in the order they are written.
pub(crate) fn entries(brief: &Brief) -> Vec<(&'static str, String)> {
    let mut body = Body::default();
    body.write(brief);
    vec![
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_props(&brief.title)),
        ("word/document.xml", body.document_xml()),
        ("word/_rels/document.xml.rels", rels(&body.links, true)),
        ("word/styles.xml", STYLES.to_owned()),
        ("word/settings.xml", SETTINGS.to_owned()),
        ("word/footnotes.xml", body.footnotes_xml()),
        (
            "word/_rels/footnotes.xml.rels",
            rels(&body.note_links, false),
        ),
    ]
}

/// The `.docx` bytes of a brief.
pub(crate) fn to_docx(brief: &Brief) -> Result<Vec<u8>, DocxError> {
    zip_entries(&entries(brief))
}

/// A zip archive of the entries, deflated, with a fixed date on every entry.
pub(crate) fn zip_entries(entries: &[(&str, String)]) -> Result<Vec<u8>, DocxError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in entries {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The document body and footnotes as they are written, with the links each refers to.
#[derive(Default)]
struct Body {
    xml: String,
    footnotes: String,
    next_footnote: usize,
    /// Addresses linked from the body, `rId{n+10}` for the n-th (ids below 10 are the parts').
    links: Vec<String>,
    /// Addresses linked from the footnotes, `rId{n+1}` in the footnotes part.
    note_links: Vec<String>,
}

impl Body {
    fn write(&mut self, brief: &Brief) {
        self.paragraph("Title", &brief.title);
        self.paragraph("Subtitle", &brief.summary);
        for paragraph in &brief.description {
            self.paragraph("Normal", paragraph);
        }
        self.xml
            .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        self.contents(brief);
        if !brief.sections.is_empty() {
            self.paragraph("Heading1", "Excerpts");
        }
        for section in &brief.sections {
            self.paragraph("Heading2", &section.heading);
            if let Some(about) = &section.about {
                self.paragraph("Caption", about);
            }
            for item in &section.items {
                self.item(item);
            }
        }
        for (n, table) in brief.tables.iter().enumerate() {
            self.table(n + 1, table);
        }
        if !brief.sources.is_empty() {
            self.paragraph("Heading1", "Sources");
            for (n, source) in brief.sources.iter().enumerate() {
                self.xml
                    .push_str("<w:p><w:pPr><w:pStyle w:val=\"Source\"/>");
                if bidi::is_rtl(&source.title) {
                    self.xml.push_str("<w:bidi/>");
                }
                self.xml.push_str("</w:pPr>");
                self.xml
                    .push_str(&runs(&format!("{}. {}", n + 1, source.text()), ""));
                if let Some(url) = &source.url {
                    self.xml.push_str(&runs(". ", ""));
                    self.xml.push_str(&hyperlink(&mut self.links, 10, url));
                }
                self.xml.push_str("</w:p>");
            }
        }
    }

    /// The contents: a TOC field whose cached result lists the headings.
    fn contents(&mut self, brief: &Brief) {
        self.paragraph("TOCHeading", "Contents");
        let mut entries: Vec<(&str, &str)> = Vec::new();
        if !brief.sections.is_empty() {
            entries.push(("TOC1", "Excerpts"));
        }
        for s in &brief.sections {
            entries.push(("TOC2", &s.heading));
        }
        for t in &brief.tables {
            entries.push(("TOC1", &t.title));
        }
        if !brief.sources.is_empty() {
            entries.push(("TOC1", "Sources"));
        }
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
            <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
        let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
        if entries.is_empty() {
            let _ = write!(self.xml, "<w:p>{begin}{end}</w:p>");
        }
        let last = entries.len().saturating_sub(1);
        for (i, (style, text)) in entries.iter().enumerate() {
            let _ = write!(
                self.xml,
                "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"
            );
            if i == 0 {
                self.xml.push_str(begin);
            }
            self.xml.push_str(&runs(text, ""));
            if i == last {
                self.xml.push_str(end);
            }
            self.xml.push_str("</w:p>");
        }
        self.xml
            .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    }

    /// A paragraph of one style holding `text` (its line ends as breaks).
    fn paragraph(&mut self, style: &str, text: &str) {
        let _ = write!(self.xml, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
        if bidi::is_rtl(text) {
            self.xml.push_str("<w:bidi/>");
        }
        self.xml.push_str("</w:pPr>");
        self.xml.push_str(&runs(text, ""));
        self.xml.push_str("</w:p>");
    }

    /// One excerpt: quote paragraphs, the footnote, the links line, the note.
    fn item(&mut self, item: &Item) {
        let last = item.paragraphs.len().saturating_sub(1);
        let footnote = self.footnote(&item.citation, &item.id);
        if item.paragraphs.is_empty() {
            let _ = write!(
                self.xml,
                "<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr>{footnote}</w:p>"
            );
        }
        for (i, line) in item.paragraphs.iter().enumerate() {
            self.xml.push_str("<w:p><w:pPr><w:pStyle w:val=\"Quote\"/>");
            if i != last {
                self.xml.push_str("<w:keepNext/>");
            }
            if bidi::is_rtl(line) {
                self.xml.push_str("<w:bidi/>");
            }
            self.xml.push_str("</w:pPr>");
            self.xml.push_str(&runs(line, ""));
            if i == last {
                self.xml.push_str(&footnote);
            }
            self.xml.push_str("</w:p>");
        }
        if !item.links.is_empty() {
            self.paragraph("ExcerptLinks", &item.links);
        }
        if !item.note.is_empty() {
            self.xml
                .push_str("<w:p><w:pPr><w:pStyle w:val=\"AnalystNote\"/>");
            if bidi::is_rtl(&item.note) {
                self.xml.push_str("<w:bidi/>");
            }
            self.xml.push_str(
                "</w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Note: </w:t></w:r>",
            );
            self.xml.push_str(&runs(&item.note, ""));
            self.xml.push_str("</w:p>");
        }
    }

    /// Adds the footnote citing an article and returns the reference run for the body.
    fn footnote(&mut self, citation: &Citation, id: &str) -> String {
        self.next_footnote += 1;
        let n = self.next_footnote;
        let _ = write!(
            self.footnotes,
            "<w:footnote w:id=\"{n}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/>"
        );
        let text = citation.text();
        if bidi::is_rtl(&text) {
            self.footnotes.push_str("<w:bidi/>");
        }
        self.footnotes.push_str(
            "</w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>",
        );
        self.footnotes.push_str(&runs(&format!(" {text}."), ""));
        if let Some(url) = &citation.url {
            self.footnotes.push_str(&runs(" ", ""));
            self.footnotes
                .push_str(&hyperlink(&mut self.note_links, 1, url));
            self.footnotes.push_str(&runs(".", ""));
        }
        let _ = write!(
            self.footnotes,
            "{}</w:p></w:footnote>",
            runs(
                &format!(" Passage {id}."),
                "<w:rStyle w:val=\"PassageId\"/>"
            )
        );
        format!(
            "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"{n}\"/></w:r>"
        )
    }

    /// A table with its heading, numbered caption and repeated header row.
    fn table(&mut self, number: usize, table: &Table) {
        self.paragraph("Heading1", &table.title);
        let _ = write!(
            self.xml,
            "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/><w:keepNext/></w:pPr>{}\
             <w:fldSimple w:instr=\" SEQ Table \\* ARABIC \"><w:r><w:t>{number}</w:t></w:r></w:fldSimple>{}</w:p>",
            runs("Table ", ""),
            runs(&format!(": {}", table.caption), "")
        );
        self.xml.push_str(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
        );
        let width = 9000 / table.header.len().max(1);
        for _ in &table.header {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{width}\"/>");
        }
        self.xml.push_str("</w:tblGrid>");
        let rows =
            std::iter::once((true, &table.header)).chain(table.rows.iter().map(|r| (false, r)));
        for (header, row) in rows {
            self.xml.push_str("<w:tr>");
            if header {
                self.xml.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for cell in row {
                let _ = write!(
                    self.xml,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>"
                );
                if bidi::is_rtl(cell) {
                    self.xml.push_str("<w:bidi/>");
                }
                self.xml.push_str("</w:pPr>");
                self.xml
                    .push_str(&runs(cell, if header { "<w:b/>" } else { "" }));
                self.xml.push_str("</w:p></w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }

    fn document_xml(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{}\
             <w:sectPr><w:footnotePr><w:numFmt w:val=\"decimal\"/></w:footnotePr>\
             <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
             <w:pgMar w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>\
             </w:sectPr></w:body></w:document>\n",
            self.xml
        )
    }

    fn footnotes_xml(&self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:footnotes xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
             {}</w:footnotes>\n",
            self.footnotes
        )
    }
}

/// The runs of one paragraph's text: split at each change of direction (right-to-left runs
/// marked `w:rtl`), line ends as `w:br`; `props` are extra run properties (already XML).
fn runs(text: &str, props: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:r><w:br/></w:r>");
        }
        for run in bidi::logical_runs(line) {
            let part = &line[run.range];
            let rtl = if run.rtl { "<w:rtl/>" } else { "" };
            let (style, rest) = split_style(props);
            let _ = write!(out, "<w:r>");
            if !props.is_empty() || run.rtl {
                let _ = write!(out, "<w:rPr>{style}{rest}{rtl}</w:rPr>");
            }
            let _ = write!(
                out,
                "<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(part, false)
            );
        }
    }
    out
}

/// Run properties split into the style reference (which comes first) and the rest.
fn split_style(props: &str) -> (&str, &str) {
    if props.starts_with("<w:rStyle") {
        match props.find("/>") {
            Some(end) => props.split_at(end + 2),
            None => ("", props),
        }
    } else {
        ("", props)
    }
}

/// A hyperlink to `url`, registered in `links` (relationship ids counted from `first_id`).
fn hyperlink(links: &mut Vec<String>, first_id: usize, url: &str) -> String {
    let n = match links.iter().position(|l| l == url) {
        Some(n) => n,
        None => {
            links.push(url.to_owned());
            links.len() - 1
        }
    };
    format!(
        "<w:hyperlink r:id=\"rId{}\" w:history=\"1\">{}</w:hyperlink>",
        n + first_id,
        runs(url, "<w:rStyle w:val=\"Hyperlink\"/>")
    )
}

/// A part's relationships: the document's own parts (when `document`), then one external
/// hyperlink per address.
fn rels(links: &[String], document: bool) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{REL_NS}\">"
    );
    let first = if document {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        for (id, kind, target) in [
            (1, "styles", "styles.xml"),
            (2, "settings", "settings.xml"),
            (3, "footnotes", "footnotes.xml"),
        ] {
            let _ = write!(
                out,
                "<Relationship Id=\"rId{id}\" Type=\"{base}/{kind}\" Target=\"{target}\"/>"
            );
        }
        10
    } else {
        1
    };
    for (n, url) in links.iter().enumerate() {
        let _ = write!(
            out,
            "<Relationship Id=\"rId{}\" Type=\"{HYPERLINK_REL}\" Target=\"{}\" TargetMode=\"External\"/>",
            n + first,
            escape(url, true)
        );
    }
    out.push_str("</Relationships>\n");
    out
}

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{main}.settings+xml\"/>\
         <Override PartName=\"/word/footnotes.xml\" ContentType=\"{main}.footnotes+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         </Types>\n"
    )
}

fn package_rels() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         </Relationships>\n"
    )
}

fn core_props(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>Dossier</dc:creator></cp:coreProperties>\n",
        escape(title, false)
    )
}

/// Word's settings: update fields (the contents) on opening; footnote separators.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:updateFields w:val=\"true\"/><w:defaultTabStop w:val=\"709\"/>\
<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>\n";

/// The style sheet: Word's built-in style ids and names, so that Word and LibreOffice treat them
/// as their own (outline levels for the headings, the contents, the navigation pane).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Arial\"/>\
<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/>\
<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Subtitle\"/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"2400\" w:after=\"240\"/></w:pPr><w:rPr><w:sz w:val=\"56\"/><w:szCs w:val=\"56\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"480\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"23\"/><w:szCs w:val=\"23\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"120\" w:after=\"60\"/><w:ind w:left=\"567\" w:right=\"567\"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val=\"262626\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"120\"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val=\"44546A\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"ExcerptLinks\"><w:name w:val=\"Excerpt Links\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"567\"/></w:pPr><w:rPr><w:color w:val=\"404040\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"AnalystNote\"><w:name w:val=\"Analyst Note\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"240\"/><w:ind w:left=\"567\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Source\"><w:name w:val=\"Source\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"80\"/><w:ind w:left=\"425\" w:hanging=\"425\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/>\
<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/>\
<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/>\
<w:rPr><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"PassageId\"><w:name w:val=\"Passage Id\"/><w:basedOn w:val=\"DefaultParagraphFont\"/>\
<w:rPr><w:color w:val=\"767676\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"Heading1\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"9\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"39\"/>\
<w:pPr><w:spacing w:after=\"60\"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TOC2\"><w:name w:val=\"toc 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"39\"/>\
<w:pPr><w:spacing w:after=\"40\"/><w:ind w:left=\"220\"/></w:pPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/>\
<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>\
</w:styles>\n";
