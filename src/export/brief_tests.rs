//! Tests of the document briefs (DOCX, and the outline they share) on a project in five scripts
//! and on the hostile project, read back by consumers we did not write.

use super::brief::Brief;
use super::external::python_json;
use super::format_tests::hostile_project;
use super::*;
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, Document, Event, EventId, EventKind, EventRole,
    ParticipantRole, Parts, Passage, PassageId, Rgb, Tag, TagId, Text, Timestamp,
};

/// Lines of the multi-script article, one passage each.
pub(super) const SCRIPT_LINES: [&str; 5] = [
    "The envoy said the talks were “useful”.",
    "Путин заявил, что встреча была «полезной».",
    "Ο υπουργός είπε ότι οι συνομιλίες ήταν χρήσιμες.",
    "قال المبعوث إن المحادثات كانت مفيدة في 6 آب.",
    "השליח אמר שהשיחות היו מועילות.",
];

/// A project with one article whose lines are in English, Russian, Greek, Arabic and Hebrew, each
/// line a passage; one tag, one actor, one event; a note in Cyrillic.
pub(super) fn scripts_project() -> Project {
    let text = SCRIPT_LINES.join("\n");
    let doc = Document {
        id: DocId::from_raw(700),
        title: "Переговоры в Москве — «مفاوضات»".to_owned(),
        source: "Интерфакс".to_owned(),
        author: "A. Author".to_owned(),
        url: "https://example.org/news?id=1&lang=ru".to_owned(),
        published: Some("2025-08-06".parse().expect("date")),
        origin: "scripts.txt".to_owned(),
        imported: Timestamp(0),
        text: Text::new(text.clone()),
    };
    let second = Document {
        id: DocId::from_raw(701),
        title: "A second report".to_owned(),
        source: "Reuters".to_owned(),
        author: String::new(),
        url: "https://example.com/second".to_owned(),
        published: Some("2025-08".parse().expect("date")),
        origin: "second.txt".to_owned(),
        imported: Timestamp(0),
        text: Text::new("Witkoff met Putin in Moscow.".to_owned()),
    };
    let mut passages = Vec::new();
    let mut start = 0;
    for (i, line) in SCRIPT_LINES.iter().enumerate() {
        let len = line.chars().count();
        let mut p = Passage::new(&doc, start, start + len).expect("span");
        p.id = PassageId::from_raw(710 + i as u64);
        p.created = Timestamp(0);
        p.edited = Timestamp(0);
        if i % 2 == 0 {
            p.tags = vec![TagId::from_raw(720)];
        }
        if i == 1 {
            p.actors = vec![(ActorId::from_raw(730), ActorRole::Speaker)];
            p.events = vec![(EventId::from_raw(740), EventRole::Reports)];
            p.note = "Кремль подчёркивает пользу встречи.".to_owned();
        }
        if i == 3 {
            p.note = "ملاحظة المحلل".to_owned();
        }
        passages.push(p);
        start += len + 1;
    }
    let mut p = Passage::new(&second, 0, second.text.len_chars()).expect("span");
    p.id = PassageId::from_raw(719);
    p.events = vec![(EventId::from_raw(740), EventRole::Reports)];
    passages.push(p);
    Project::from_parts(Parts {
        title: "Брифинг: talks in five scripts".to_owned(),
        tags: vec![Tag {
            id: TagId::from_raw(720),
            name: "Оценка".to_owned(),
            color: Rgb([0x22, 0x44, 0x66]),
            parent: None,
            description: "Оценки переговоров".to_owned(),
        }],
        actors: vec![Actor {
            author: String::new(),
            id: ActorId::from_raw(730),
            name: "Владимир Путин".to_owned(),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            description: String::new(),
        }],
        events: vec![Event {
            author: String::new(),
            id: EventId::from_raw(740),
            title: "Встреча в Москве".to_owned(),
            date: Some("2025-08-06".parse().expect("date")),
            place: "Москва".to_owned(),
            kind: EventKind::Consult,
            participants: vec![(ActorId::from_raw(730), ParticipantRole::Participant)],
            description: String::new(),
        }],
        documents: vec![doc, second],
        passages,
    })
    .expect("valid project")
}

/// The brief a format gets, as the export builds it.
pub(super) fn brief_of(project: &Project, by: GroupBy) -> Brief {
    Brief::build(project, &ExcerptQuery::all(), by)
}

/// The headings a reader of the brief should find, in order: (level, text).
pub(super) fn expected_headings(brief: &Brief) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    if !brief.sections.is_empty() {
        out.push((1, "Excerpts".to_owned()));
    }
    for s in &brief.sections {
        out.push((2, s.heading.clone()));
    }
    for t in &brief.tables {
        out.push((1, t.title.clone()));
    }
    if !brief.sources.is_empty() {
        out.push((1, "Sources".to_owned()));
    }
    out
}

#[test]
fn the_brief_outline_follows_the_markdown_grouping() {
    let project = scripts_project();
    let brief = brief_of(&project, GroupBy::Tag);
    let headings: Vec<&str> = brief.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Оценка", "Untagged"]);
    assert_eq!(brief.sections[0].items.len(), 3);
    assert_eq!(brief.sections[1].items.len(), 3);
    let md = markdown::to_markdown(&project, &ExcerptQuery::all(), GroupBy::Tag);
    for s in &brief.sections {
        assert!(md.contains(&format!("## {}", s.heading)), "{}", s.heading);
    }
    // Every passage is quoted once per group it belongs to.
    let quoted: usize = brief.sections.iter().map(|s| s.items.len()).sum();
    assert_eq!(quoted, project.passages().len());
    assert_eq!(
        brief.tables.len(),
        2,
        "the event cards and the source grades"
    );
    assert_eq!(brief.tables[1].title, "Source grades");
    let cards = &brief.tables[0];
    assert_eq!(cards.rows.len(), 1);
    assert_eq!(cards.rows[0][0], "Встреча в Москве");
    assert_eq!(cards.rows[0][5], "2 in 2", "two excerpts in two articles");
    assert!(cards.rows.iter().all(|r| r.len() == cards.header.len()));
    let sources: Vec<&str> = brief.sources.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        sources,
        ["A second report", "Переговоры в Москве — «مفاوضات»"],
        "the month-dated article comes first"
    );
    // The hostile article's javascript: address is not a link.
    let hostile = brief_of(&hostile_project(), GroupBy::Tag);
    assert_eq!(hostile.sources[0].url, None);
}

// ----- DOCX -----

/// Reads a DOCX with python-docx: headings (style, text) in order, the Quote paragraphs, the
/// footnote references in the body, the footnotes (from the footnotes part) with the addresses
/// its relationships link, the table cells, the count of right-to-left runs and paragraphs.
const READ_DOCX: &str = r#"
import json, sys
import docx
from docx.oxml.ns import qn
from lxml import etree
d = docx.Document(sys.argv[1])
heads, quotes, refs = [], [], []
for p in d.paragraphs:
    name = p.style.name
    if name.startswith('Heading'):
        heads.append([int(name.split()[-1]), p.text])
    elif name == 'Quote':
        quotes.append(p.text)
    refs += [int(r.get(qn('w:id'))) for r in p._p.iter(qn('w:footnoteReference'))]
part = next(p for p in d.part.package.iter_parts() if str(p.partname) == '/word/footnotes.xml')
root = etree.fromstring(part.blob)
notes = {}
for f in root.iter(qn('w:footnote')):
    i = int(f.get(qn('w:id')))
    if i > 0:
        notes[i] = ''.join(t.text or '' for t in f.iter(qn('w:t')))
links = sorted(r.target_ref for r in part.rels.values() if r.is_external)
cells = [[c.text for c in row.cells] for t in d.tables for row in t.rows]
body = d.element.body
print(json.dumps({
    'title': d.core_properties.title,
    'styles': sorted(s.name for s in d.styles),
    'heads': heads, 'quotes': quotes, 'refs': refs,
    'notes': [notes[k] for k in sorted(notes)],
    'note_links': links,
    'cells': cells,
    'rtl_runs': sum(1 for _ in body.iter(qn('w:rtl'))),
    'bidi_paras': sum(1 for _ in body.iter(qn('w:bidi'))),
}))
"#;

fn docx_bytes(project: &Project, by: GroupBy) -> Vec<u8> {
    let options = ExportOptions {
        group_by: Some(by),
        ..ExportOptions::default()
    };
    export_with(project, &ExcerptQuery::all(), Format::Docx, &options).expect("docx")
}

/// Reads the DOCX back with python-docx; `None` when it is not installed (outside CI).
fn read_docx(bytes: &[u8]) -> Option<serde_json::Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brief.docx");
    std::fs::write(&path, bytes).expect("write");
    python_json(
        READ_DOCX,
        &[("docx", "python-docx"), ("lxml", "lxml")],
        &[path.as_path()],
    )
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

/// Checks what python-docx read against the brief: every heading in order, every quote line, one
/// footnote per excerpt citing its article.
fn check_docx_against(brief: &Brief, read: &serde_json::Value) {
    assert_eq!(read["title"], brief.title);
    let heads: Vec<(u8, String)> = read["heads"]
        .as_array()
        .expect("heads")
        .iter()
        .map(|h| {
            (
                u8::try_from(h[0].as_u64().expect("level")).expect("small"),
                h[1].as_str().expect("text").to_owned(),
            )
        })
        .collect();
    assert_eq!(heads, expected_headings(brief));
    let quotes: Vec<String> = brief
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .flat_map(|i| i.paragraphs.clone())
        .collect();
    assert_eq!(strings(&read["quotes"]), quotes);
    let notes = strings(&read["notes"]);
    let items: Vec<_> = brief.sections.iter().flat_map(|s| &s.items).collect();
    assert_eq!(notes.len(), items.len(), "one footnote per excerpt");
    let refs: Vec<u64> = read["refs"]
        .as_array()
        .expect("refs")
        .iter()
        .map(|r| r.as_u64().expect("id"))
        .collect();
    assert_eq!(refs, (1..=items.len() as u64).collect::<Vec<_>>());
    for (note, item) in notes.iter().zip(&items) {
        let c = &item.citation;
        assert!(note.contains(&c.title), "{note:?} names {:?}", c.title);
        assert!(note.contains(&c.outlet), "{note:?} names {:?}", c.outlet);
        assert!(note.contains(&c.date), "{note:?} dates");
        assert!(note.contains(&item.id), "{note:?} names the passage");
        if let Some(url) = &c.url {
            assert!(note.contains(url.as_str()), "{note:?} has {url}");
        }
    }
    let mut urls: Vec<String> = items
        .iter()
        .filter_map(|i| i.citation.url.clone())
        .collect();
    urls.sort();
    urls.dedup();
    assert_eq!(
        strings(&read["note_links"]),
        urls,
        "the addresses are links"
    );
    let styles = strings(&read["styles"]);
    for style in [
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Quote",
        "Caption",
        "Title",
    ] {
        assert!(styles.iter().any(|s| s == style), "style {style}");
    }
}

#[test]
fn docx_reads_back_in_python_docx_with_quotes_footnotes_and_headings() {
    for (project, by) in [
        (scripts_project(), GroupBy::Tag),
        (scripts_project(), GroupBy::Doc),
        (hostile_project(), GroupBy::Actor),
        (super::tests::project(), GroupBy::Event),
    ] {
        let bytes = docx_bytes(&project, by);
        let brief = brief_of(&project, by);
        let Some(read) = read_docx(&bytes) else {
            return;
        };
        check_docx_against(&brief, &read);
        if by == GroupBy::Tag {
            // Arabic and Hebrew lines are right-to-left paragraphs with right-to-left runs; the
            // event card is a table.
            assert!(read["bidi_paras"].as_u64().expect("n") >= 3, "{read}");
            assert!(read["rtl_runs"].as_u64().expect("n") >= 3, "{read}");
            let cells = &read["cells"];
            assert_eq!(cells[0][0], "Event");
            assert_eq!(cells[1][0], "Встреча в Москве");
        }
    }
}

#[test]
fn docx_bytes_are_deterministic_and_right_to_left_runs_are_marked() {
    let project = scripts_project();
    let a = docx_bytes(&project, GroupBy::Tag);
    let b = docx_bytes(&project, GroupBy::Tag);
    assert_eq!(a, b, "the same project and query give the same bytes");
    let entries = super::qdpx_tests::unzip(&a);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "[Content_Types].xml");
    let document = entries
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .map(|(_, x)| String::from_utf8(x.clone()).expect("utf-8"))
        .expect("document part");
    // The Hebrew line is one paragraph, marked right to left, its text in one rtl run.
    let hebrew = SCRIPT_LINES[4];
    let at = document
        .find(hebrew)
        .expect("the Hebrew line is in the document");
    let para_start = document[..at].rfind("<w:p>").expect("its paragraph");
    let para = &document[para_start..at];
    assert!(para.contains("<w:bidi/>"), "{para}");
    assert!(
        para.ends_with("<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space=\"preserve\">"),
        "{para}"
    );
    // Every part is well-formed XML.
    for (name, xml) in &entries {
        let text = std::str::from_utf8(xml).expect("utf-8");
        super::qdpx_tests::parse_xml(text);
        assert!(!text.contains("<script>"), "{name} escapes markup");
    }
    let hostile = docx_bytes(&hostile_project(), GroupBy::Tag);
    for (_, xml) in super::qdpx_tests::unzip(&hostile) {
        let text = std::str::from_utf8(&xml).expect("utf-8");
        super::qdpx_tests::parse_xml(text);
        assert!(
            !text.contains("javascript:"),
            "no link to a javascript: address"
        );
    }
}

#[test]
fn docx_of_an_empty_selection_is_a_document_still() {
    let project = scripts_project();
    let query = ExcerptQuery {
        text: "no such words anywhere".to_owned(),
        ..ExcerptQuery::default()
    };
    let bytes = export(&project, &query, Format::Docx).expect("docx");
    let brief = Brief::build(&project, &query, GroupBy::Tag);
    assert!(brief.sections.is_empty());
    if let Some(read) = read_docx(&bytes) {
        check_docx_against(&brief, &read);
    }
}

// ----- PDF -----

fn pdf_bytes(project: &Project, by: GroupBy) -> Vec<u8> {
    let options = ExportOptions {
        group_by: Some(by),
        ..ExportOptions::default()
    };
    export_with(project, &ExcerptQuery::all(), Format::Pdf, &options).expect("pdf")
}

/// Runs a poppler tool on the PDF; `None` when poppler-utils is not installed (outside CI).
pub(super) fn poppler(program: &str, pdf: &[u8], args: &[&str]) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brief.pdf");
    std::fs::write(&path, pdf).expect("write");
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(path.as_os_str());
    if program == "pdftotext" {
        all.push(std::ffi::OsStr::new("-"));
    }
    let out = super::external::tool_output(program, "poppler-utils", &all)?;
    Some(String::from_utf8(out).expect("UTF-8 output"))
}

/// Text as pdftotext gives it back, compared loosely: white space collapsed.
pub(super) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdf_text_comes_back_with_pdftotext_in_every_script() {
    let project = scripts_project();
    let pdf = pdf_bytes(&project, GroupBy::Tag);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        pdf,
        pdf_bytes(&project, GroupBy::Tag),
        "deterministic bytes"
    );
    let Some(text) = poppler("pdftotext", &pdf, &["-enc", "UTF-8"]) else {
        return;
    };
    let flat = squeeze(&text);
    // Left-to-right quotes come back as written (a line may wrap, so compare without breaks).
    for line in &SCRIPT_LINES[..3] {
        assert!(
            flat.contains(&squeeze(line)),
            "{line:?} missing from:\n{text}"
        );
    }
    // Right-to-left quotes: poppler gives their words back (in its own order for the line).
    for line in &SCRIPT_LINES[3..] {
        for word in line
            .split_whitespace()
            .filter(|w| w.chars().all(char::is_alphabetic))
        {
            assert!(
                flat.contains(word),
                "{word:?} of {line:?} missing from:\n{text}"
            );
        }
    }
    for heading in [
        "Contents",
        "Excerpts",
        "Оценка",
        "Untagged",
        "Event cards",
        "Source grades",
        "Sources",
    ] {
        assert!(flat.contains(heading), "{heading}");
    }
    assert!(
        flat.contains("Кремль подчёркивает пользу встречи."),
        "the note"
    );
    assert!(flat.contains("page 2 of"), "page numbers");
    assert!(
        flat.contains("https://example.org/news?id=1&lang=ru"),
        "the address"
    );
    // The example project: every quote's words come back.
    let example = crate::example::example_project().expect("example");
    let pdf = pdf_bytes(&example, GroupBy::Tag);
    let Some(text) = poppler("pdftotext", &pdf, &["-enc", "UTF-8"]) else {
        return;
    };
    // pdftotext joins a word broken after its hyphen at a line end ("back-" "and" gives
    // "backand"), so hyphens are left out of the comparison.
    let flat = squeeze(&text).replace('-', "");
    for passage in example.passages().values() {
        let quote = squeeze(&passage.quote).replace('-', "");
        assert!(flat.contains(&quote), "{quote:?} missing");
    }
}

#[test]
fn pdf_fonts_are_embedded_and_links_clickable() {
    let pdf = pdf_bytes(&scripts_project(), GroupBy::Tag);
    // Link annotations to the article's address and to headings (the contents).
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/URI"), "a URI action");
    let Some(fonts) = poppler("pdffonts", &pdf, &[]) else {
        return;
    };
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        assert!(row.contains("DejaVuSans"), "{row}");
        // Columns: name type encoding emb sub uni object ID.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "subset: {row}");
        assert_eq!(cols[n - 3], "yes", "has a ToUnicode map: {row}");
    }
    assert!(rows.iter().any(|r| r.contains("Bold")), "{fonts}");
}

#[test]
fn pdf_page_one_renders() {
    let pdf = pdf_bytes(&scripts_project(), GroupBy::Tag);
    // To look at it: DOSSIER_KEEP_PDF=/tmp/scripts.pdf cargo test --lib pdf_page_one_renders
    if let Some(keep) = std::env::var_os("DOSSIER_KEEP_PDF") {
        std::fs::write(keep, &pdf).expect("keep the PDF");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brief.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let prefix = dir.path().join("page");
    let args: Vec<&std::ffi::OsStr> = vec![
        "-png".as_ref(),
        "-r".as_ref(),
        "40".as_ref(),
        "-f".as_ref(),
        "1".as_ref(),
        "-l".as_ref(),
        "1".as_ref(),
        path.as_os_str(),
        prefix.as_os_str(),
    ];
    if super::external::tool_output("pdftoppm", "poppler-utils", &args).is_none() {
        return;
    }
    let png = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "png"))
        .expect("a PNG");
    let bytes = std::fs::read(png.path()).expect("png");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG image");
    assert!(bytes.len() > 1000, "not blank: {} bytes", bytes.len());
}
