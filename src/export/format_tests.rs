//! Tests of the excerpt formats (CSV, Markdown, HTML, W3C) on the small project of `tests.rs` and
//! on a project whose every text is hostile to the format (markup, quotes, formulas).

use std::collections::BTreeSet;

use super::tests::{A_PUTIN, A_ZEL, D_AUG, E_MEET, project};
use super::*;
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, Document, Event, EventId, EventKind, EventRole,
    Parts, Passage, PassageId, Rgb, Tag, TagId, Text, Timestamp,
};

pub(super) const HOSTILE_TITLE: &str = r#"<script>alert("title")</script> & 'Q' "D""#;
pub(super) const HOSTILE_TEXT: &str = "Intro line.\n# Not a heading *nor* <script>alert('quote')</script> & [link](http://evil.example) <b>bold</b>\n1. item - dash `code` | pipe _under_ \\ back ~~strike~~ &amp; > gt\n    indented = code?  \n+ plus";
pub(super) const HOSTILE_TAG: &str = r#"<Tag & "T">"#;
pub(super) const HOSTILE_NOTE: &str =
    r#"=HYPERLINK("http://evil.example") <script>n()</script> & "note" *x*"#;

/// A project whose texts try to break out of every format.
pub(super) fn hostile_project() -> Project {
    let doc = Document {
        id: DocId::from_raw(500),
        title: HOSTILE_TITLE.to_owned(),
        source: "A&B <i>News</i>".to_owned(),
        author: String::new(),
        url: "javascript:alert(1)".to_owned(),
        published: Some("2025-08-06~".parse().expect("date")),
        origin: "hostile.txt".to_owned(),
        imported: Timestamp(0),
        text: Text::new(HOSTILE_TEXT.to_owned()),
    };
    let start = "Intro line.\n".chars().count();
    let mut passage = Passage::new(&doc, start, doc.text.len_chars()).expect("span");
    passage.id = PassageId::from_raw(501);
    passage.created = Timestamp(0);
    passage.edited = Timestamp(0);
    passage.tags = vec![TagId::from_raw(502)];
    passage.actors = vec![(ActorId::from_raw(503), ActorRole::Speaker)];
    passage.events = vec![(EventId::from_raw(504), EventRole::Claims)];
    passage.note = HOSTILE_NOTE.to_owned();
    Project::from_parts(Parts {
        title: "<title> & \"project\"".to_owned(),
        tags: vec![Tag {
            id: TagId::from_raw(502),
            name: HOSTILE_TAG.to_owned(),
            color: Rgb([0x22, 0x44, 0x66]),
            parent: None,
            description: "</style><script>d()</script>".to_owned(),
        }],
        actors: vec![Actor {
            author: String::new(),
            id: ActorId::from_raw(503),
            name: "O'Brien <x> & \"co\"".to_owned(),
            kind: ActorKind::Person,
            aliases: Vec::new(),
            description: String::new(),
        }],
        events: vec![Event {
            author: String::new(),
            id: EventId::from_raw(504),
            title: "\"E\" & <e>".to_owned(),
            date: None,
            place: String::new(),
            kind: EventKind::Other,
            participants: Vec::new(),
            description: String::new(),
        }],
        documents: vec![doc],
        passages: vec![passage],
    })
    .expect("valid hostile project")
}

/// The sections of the test project's brief grouped by tag, in every format: the tag groups, the
/// tables, the sources.
const BY_TAG: [&str; 8] = [
    "Claim",
    "Claim/Quote",
    "Threat",
    "Threat/Quote",
    "Untagged",
    "Event cards",
    "Source grades",
    "Sources",
];

// ----- CSV -----

/// Reads a CSV export back with the csv crate: the header and the rows.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("a well-formed record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_reads_back_with_one_row_per_passage() {
    let project = project();
    let bytes = export(&project, &ExcerptQuery::all(), Format::Csv).expect("csv");
    assert!(!bytes.starts_with(table::BOM), "no BOM without --excel");
    assert!(bytes.ends_with(b"\r\n"), "RFC 4180 record ends");
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header, table::COLUMNS);
    assert_eq!(rows.len(), project.passages().len());
    let selection = ExcerptQuery::all().run(&project);
    for (row, passage) in rows.iter().zip(&selection.passages) {
        assert_eq!(row.len(), table::COLUMNS.len());
        assert_eq!(row[0], passage.id.to_string());
        let doc = project.document(passage.doc).expect("doc");
        assert_eq!(row[1], doc.title);
        assert_eq!(row[2], doc.source);
        let (start, end): (usize, usize) =
            (row[4].parse().expect("start"), row[5].parse().expect("end"));
        assert_eq!(
            doc.text.slice(start..end),
            Some(row[6].as_str()),
            "start and end are char offsets of the quote"
        );
        assert_eq!(row[10], passage.note);
    }
    // The first passage: Cyrillic before it, tags by path, links as "name (role)".
    assert_eq!(rows[0][3], "2025-08-06");
    assert_eq!(rows[0][6], "«a useful meeting»");
    assert_eq!(rows[0][7], "Claim/Quote");
    assert_eq!(rows[0][8], "Vladimir Putin (subject)");
    assert_eq!(rows[0][9], "Witkoff meets Putin (reports)");
    assert_eq!(
        rows[2][7], "Claim; Threat/Quote",
        "several tags, sorted by path"
    );
    assert_eq!(rows[3][3], "", "an undated article");
}

#[test]
fn csv_follows_the_query() {
    let project = project();
    let q = ExcerptQuery {
        actors: BTreeSet::from([A_ZEL]),
        ..ExcerptQuery::default()
    };
    let (_, rows) = read_csv(&export(&project, &q, Format::Csv).expect("csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][8], "Volodymyr Zelenskyy (speaker)");
    let none = ExcerptQuery {
        text: "nowhere".to_owned(),
        ..ExcerptQuery::default()
    };
    let (header, rows) = read_csv(&export(&project, &none, Format::Csv).expect("csv"));
    assert_eq!(header.len(), 15, "an empty selection still has its header");
    assert!(rows.is_empty());
}

#[test]
fn csv_keeps_hostile_text_exactly_and_excel_defuses_formulas() {
    let project = hostile_project();
    let plain = export(&project, &ExcerptQuery::all(), Format::Csv).expect("csv");
    let (_, rows) = read_csv(&plain);
    assert_eq!(rows[0][1], HOSTILE_TITLE, "quotes and commas survive");
    assert_eq!(rows[0][6], HOSTILE_TEXT.trim_start_matches("Intro line.\n"));
    assert_eq!(rows[0][7], HOSTILE_TAG);
    assert_eq!(
        rows[0][10], HOSTILE_NOTE,
        "without --excel, cells are exact"
    );

    let options = ExportOptions {
        excel: true,
        ..ExportOptions::default()
    };
    let excel =
        export_with(&project, &ExcerptQuery::all(), Format::Csv, &options).expect("excel csv");
    let body = excel.strip_prefix(table::BOM).expect("starts with a BOM");
    let (header, rows) = read_csv(body);
    assert_eq!(
        header,
        table::COLUMNS,
        "the BOM is not part of the first name"
    );
    assert_eq!(rows[0][10], format!("'{HOSTILE_NOTE}"));
    assert_eq!(rows[0][1], HOSTILE_TITLE, "harmless cells unchanged");
}

#[test]
fn options_for_another_format_are_refused() {
    let project = project();
    let options = ExportOptions {
        excel: true,
        ..ExportOptions::default()
    };
    let err = export_with(&project, &ExcerptQuery::all(), Format::Json, &options)
        .expect_err("excel is for csv");
    assert!(
        err.to_string().contains("excel") && err.to_string().contains("csv"),
        "{err}"
    );
}

// ----- Markdown -----

fn markdown(project: &Project, query: &ExcerptQuery, by: GroupBy) -> String {
    let options = ExportOptions {
        group_by: Some(by),
        ..ExportOptions::default()
    };
    let bytes = export_with(project, query, Format::Md, &options).expect("md");
    String::from_utf8(bytes).expect("UTF-8")
}

/// The `## ` headings, in order.
fn sections(md: &str) -> Vec<&str> {
    md.lines().filter_map(|l| l.strip_prefix("## ")).collect()
}

#[test]
fn md_groups_by_tag_with_quotes_citations_and_notes() {
    let project = project();
    let md = markdown(&project, &ExcerptQuery::all(), GroupBy::Tag);
    assert!(
        md.starts_with(
            "# Test\n\n4 excerpts from 3 articles, grouped by tag. Selection: everything.\n"
        ),
        "{md}"
    );
    assert_eq!(sections(&md), BY_TAG);
    // The Claim/Quote passage: its quote, its citation, its links and note.
    let claim_quote = md
        .split("## ")
        .find(|s| s.starts_with("Claim/Quote"))
        .expect("section");
    assert!(
        claim_quote.contains("\n> «a useful meeting»\n"),
        "{claim_quote}"
    );
    assert!(
        claim_quote.contains(&format!(
            "\n— Reuters, 2025-08-06, “Witkoff in Moscow” · `{}`\n",
            PassageId::from_raw(100)
        )),
        "{claim_quote}"
    );
    assert!(
        claim_quote.contains(
            "\nTags: Claim/Quote · Actors: Vladimir Putin (subject) · Events: Witkoff meets Putin (reports) · Grade: F6\n"
        ),
        "{claim_quote}"
    );
    assert!(
        claim_quote.contains("\n*Note:* Kremlin framing\n"),
        "{claim_quote}"
    );
    // A passage with two tags is under both; the undated article is cited n.d.
    assert_eq!(
        md.matches("Ukraine accepted a 30-day ceasefire proposal")
            .count(),
        2
    );
    assert!(md.contains("— Reuters, n.d., “Undated”"), "{md}");
}

#[test]
fn md_groups_by_actor_event_and_article() {
    let project = project();
    let by_actor = markdown(&project, &ExcerptQuery::all(), GroupBy::Actor);
    assert_eq!(
        sections(&by_actor),
        [
            "Vladimir Putin",
            "Volodymyr Zelenskyy",
            "No actor",
            "Event cards",
            "Source grades",
            "Sources"
        ]
    );
    assert!(
        by_actor.contains("\n*person · also Putin, Путин*\n"),
        "{by_actor}"
    );
    let by_event = markdown(&project, &ExcerptQuery::all(), GroupBy::Event);
    assert_eq!(
        sections(&by_event),
        [
            "Witkoff meets Putin",
            "No event",
            "Event cards",
            "Source grades",
            "Sources"
        ]
    );
    assert!(
        by_event.contains("\n*2025-08-06 · Moscow · consult*\n"),
        "{by_event}"
    );
    // Articles in publication order (March before August), undated last, untouched ones absent.
    let by_doc = markdown(&project, &ExcerptQuery::all(), GroupBy::Doc);
    assert_eq!(
        sections(&by_doc),
        [
            "Talks in Jeddah",
            "Witkoff in Moscow",
            "Undated",
            "Event cards",
            "Source grades",
            "Sources"
        ]
    );
    // The query decides what is in the brief.
    let q = ExcerptQuery {
        actors: BTreeSet::from([A_ZEL]),
        ..ExcerptQuery::default()
    };
    let md = markdown(&project, &q, GroupBy::Tag);
    assert_eq!(
        sections(&md),
        ["Threat", "Source grades", "Sources"],
        "no event linked"
    );
    assert!(md.contains("1 excerpt from 1 article, grouped by tag. Selection: 1 actor."));
    let none = ExcerptQuery {
        text: "nowhere".to_owned(),
        ..ExcerptQuery::default()
    };
    let md = markdown(&project, &none, GroupBy::Tag);
    assert!(md.contains("No excerpts match the selection"), "{md}");
    assert!(sections(&md).is_empty());
}

#[test]
fn md_shows_hostile_text_as_written() {
    use pulldown_cmark::{Event as Md, Options, Parser, Tag as MdTag, TagEnd};

    let project = hostile_project();
    let md = markdown(&project, &ExcerptQuery::all(), GroupBy::Tag);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let passage = project.passages().values().next().expect("passage");
    let tag = project.tags().values().next().expect("tag");
    let mut in_quote = 0;
    let mut quote_text = String::new();
    let mut emphasis: Option<String> = None;
    let mut headings = Vec::new();
    let mut heading: Option<String> = None;
    let (mut in_sources, mut sources) = (false, String::new());
    // The brief's tables (event cards, source grades): each cell's text as the parser reads it.
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut cell: Option<String> = None;
    let table_titles: Vec<String> =
        super::brief::Brief::build(&project, &ExcerptQuery::all(), GroupBy::Tag)
            .tables
            .iter()
            .map(|t| t.title.clone())
            .collect();
    for event in Parser::new_ext(&md, options) {
        match &event {
            Md::Html(h) | Md::InlineHtml(h) => panic!("raw HTML got through: {h:?}\n{md}"),
            Md::Code(code) => assert_eq!(code.as_ref(), passage.id.to_string().as_str()),
            Md::Start(MdTag::BlockQuote(_)) => in_quote += 1,
            Md::End(TagEnd::BlockQuote(_)) => in_quote -= 1,
            Md::Start(MdTag::Emphasis) => emphasis = Some(String::new()),
            Md::End(TagEnd::Emphasis) => {
                let text = emphasis.take().expect("emphasis text");
                assert!(
                    text == "Note:" || text == tag.description,
                    "unexpected emphasis {text:?}\n{md}"
                );
            }
            Md::Start(MdTag::Heading { level, .. }) => {
                heading = Some(String::new());
                headings.push(*level as usize);
            }
            Md::End(TagEnd::Heading(_)) => {
                let text = heading.take().expect("heading text");
                in_sources = text == "Sources";
                assert!(
                    text == project.title
                        || text == tag.name
                        || text == "Sources"
                        || table_titles.contains(&text),
                    "unexpected heading {text:?}\n{md}"
                );
            }
            Md::End(TagEnd::Paragraph) if in_quote > 0 => quote_text.push('\n'),
            Md::Text(t) => {
                if in_quote > 0 {
                    quote_text.push_str(t);
                }
                if let Some(e) = emphasis.as_mut() {
                    e.push_str(t);
                }
                if let Some(h) = heading.as_mut() {
                    h.push_str(t);
                }
                if let Some(c) = cell.as_mut() {
                    c.push_str(t);
                }
                if in_sources {
                    sources.push_str(t);
                }
            }
            Md::Start(MdTag::Table(_)) => tables.push(Vec::new()),
            Md::Start(MdTag::TableHead | MdTag::TableRow) => {
                tables.last_mut().expect("in a table").push(Vec::new());
            }
            Md::Start(MdTag::TableCell) => cell = Some(String::new()),
            Md::End(TagEnd::TableCell) => {
                let text = cell.take().expect("cell text");
                let table = tables.last_mut().expect("in a table");
                table.last_mut().expect("in a row").push(text);
            }
            // The one list: the numbered sources.
            Md::Start(MdTag::List(Some(1)) | MdTag::Item) if in_sources => {}
            Md::Start(
                tag @ (MdTag::Strong
                | MdTag::Strikethrough
                | MdTag::Link { .. }
                | MdTag::Image { .. }
                | MdTag::List(_)
                | MdTag::Item
                | MdTag::CodeBlock(_)
                | MdTag::FootnoteDefinition(_)),
            ) => panic!("markup got through: {tag:?}\n{md}"),
            Md::FootnoteReference(_) | Md::TaskListMarker(_) | Md::Rule => {
                panic!("markup got through: {event:?}\n{md}")
            }
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [1, 2, 2, 2, 2],
        "the title, one tag section, the event cards, the source grades and the sources"
    );
    // The source reads as written: outlet, date and title, no markup made of them.
    let doc = project.documents().values().next().expect("the article");
    for field in [&doc.source, &doc.title] {
        assert!(
            sources.contains(crate::model::one_line(field).as_str()),
            "{field:?} in {sources:?}\n{md}"
        );
    }
    // Every cell reads as the outline's text, on one line: no `|`, `<` or `*` made markup.
    let outline = super::brief::Brief::build(&project, &ExcerptQuery::all(), GroupBy::Tag);
    let expected: Vec<Vec<Vec<String>>> = (outline.tables.iter())
        .map(|t| {
            std::iter::once(&t.header)
                .chain(&t.rows)
                .map(|r| r.iter().map(|c| crate::model::one_line(c)).collect())
                .collect()
        })
        .collect();
    assert_eq!(tables, expected, "{md}");
    assert!(
        tables.iter().flatten().flatten().any(|c| c.contains("<e>")),
        "the hostile event title is in a cell"
    );
    let expected: Vec<&str> = passage.quote.split('\n').map(str::trim).collect();
    assert_eq!(quote_text, expected.join("\n") + "\n");
}

// ----- HTML -----

fn html(project: &Project, query: &ExcerptQuery, by: GroupBy) -> String {
    let options = ExportOptions {
        group_by: Some(by),
        ..ExportOptions::default()
    };
    let bytes = export_with(project, query, Format::Html, &options).expect("html");
    String::from_utf8(bytes).expect("UTF-8")
}

/// The elements an HTML export may contain.
const HTML_ELEMENTS: [&str; 27] = [
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "p",
    "span",
    "section",
    "article",
    "blockquote",
    "ol",
    "li",
    "a",
    "br",
    "!DOCTYPE",
    "main",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

/// Checks that every tag in `html` is one the exporter writes, that elements nest and close, that
/// every `&` starts one of the five escapes, and that nothing could run or fetch. Returns the
/// names of the elements in document order.
fn check_html_structure(html: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let end = after.find('>').expect("every < is a tag and closes");
        let tag = &after[..end];
        assert!(!tag.contains('<'), "a tag inside a tag: {tag:?}");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>();
        let name = if name.eq_ignore_ascii_case("!doctype") {
            "!DOCTYPE".to_owned()
        } else {
            name.to_ascii_lowercase()
        };
        assert!(
            HTML_ELEMENTS.contains(&name.as_str()),
            "unexpected element <{tag}>"
        );
        let attributes = tag.get(name.len() + usize::from(closing)..).unwrap_or("");
        for bad in ["src=", "on", "url(", "javascript:", "@import"] {
            let found = attributes
                .split_whitespace()
                .any(|a| a.to_ascii_lowercase().starts_with(bad));
            assert!(!found, "attribute {bad} in <{tag}>");
        }
        if let Some(href) = attributes.split("href=\"").nth(1) {
            assert!(href.starts_with("http"), "a non-web link: {tag}");
        }
        if closing {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "</{name}> closes"
            );
        } else if !matches!(name.as_str(), "meta" | "br" | "!DOCTYPE") {
            stack.push(name.clone());
        }
        names.push(name);
        rest = &after[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    for (i, _) in html.match_indices('&') {
        let entity = &html[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "a bare & at {}",
            &html[i..html.len().min(i + 20)]
        );
    }
    let style = html
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .expect("a style sheet");
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "the CSS fetches nothing"
    );
    names
}

#[test]
fn html_is_a_standalone_report_with_tag_colours() {
    let project = project();
    let report = html(&project, &ExcerptQuery::all(), GroupBy::Tag);
    assert!(
        report
            .starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    );
    assert!(report.contains(
        "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""
    ));
    assert!(report.contains("@media print"));
    let names = check_html_structure(&report);
    assert!(!names.iter().any(|n| n == "a"), "no addresses, no links");
    let headings: Vec<&str> = report
        .split("<h2>")
        .skip(1)
        .map(|s| s.split("</h2>").next().unwrap_or(""))
        .map(|s| s.rsplit("</span>").next().unwrap_or(s))
        .collect();
    assert_eq!(headings, BY_TAG);
    // Tag colours: the group swatch, the excerpt's edge and the chips.
    assert!(
        report.contains("<span class=\"swatch\" style=\"background:#d9822b\"></span>Claim</h2>")
    );
    assert!(report.contains("<article class=\"excerpt\" style=\"border-left-color:#d9822b\">"));
    assert!(report.contains(
        "<span class=\"chip\" style=\"background:#d9822b;color:#000\">Claim/Quote</span>"
    ));
    assert!(report.contains("<blockquote><p>«a useful meeting»</p></blockquote>"));
    assert!(report.contains("<p class=\"note\">Note: Kremlin framing</p>"));
    assert!(report.contains(
        "Actors: Vladimir Putin (subject)</span> · <span class=\"events\">Events: Witkoff meets Putin (reports)</span>"
    ));
    assert!(report.contains("— Reuters, 2025-08-06, “Witkoff in Moscow” <span class=\"id\">"));
    assert_eq!(report.matches("<li>").count(), 3, "three articles cited");

    let by_actor = html(&project, &ExcerptQuery::all(), GroupBy::Actor);
    check_html_structure(&by_actor);
    assert!(by_actor.contains("<h2>Volodymyr Zelenskyy</h2>"));
}

#[test]
fn html_escapes_every_text_and_links_only_web_addresses() {
    let mut project = hostile_project();
    let report = html(&project, &ExcerptQuery::all(), GroupBy::Tag);
    let names = check_html_structure(&report);
    assert_eq!(
        names.iter().filter(|n| *n == "style").count(),
        2,
        "<style> and </style> only"
    );
    assert!(!report.to_ascii_lowercase().contains("<script"));
    assert!(!report.contains("href"), "javascript: is no link");
    for text in [
        HOSTILE_TITLE,
        HOSTILE_TAG,
        HOSTILE_NOTE,
        "O'Brien <x> & \"co\"",
    ] {
        assert!(
            report.contains(&html::escape(text)),
            "{text:?} is shown escaped"
        );
    }
    for line in HOSTILE_TEXT.lines().skip(1) {
        assert!(report.contains(&format!("<p>{}</p>", html::escape(line.trim()))));
    }
    assert!(report.contains("<title>&lt;title&gt; &amp; &quot;project&quot;</title>"));
    assert!(
        report.contains("&lt;/style&gt;&lt;script&gt;d()&lt;/script&gt;"),
        "descriptions too"
    );

    // A web address becomes a link, escaped.
    let mut parts = project.to_parts();
    parts.documents[0].url = "https://example.org/a?b=1&c=\"2\"".to_owned();
    project = Project::from_parts(parts).expect("valid");
    let report = html(&project, &ExcerptQuery::all(), GroupBy::Doc);
    check_html_structure(&report);
    assert!(
        report.contains(
            "<a href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\" rel=\"noreferrer\">"
        )
    );
}

// ----- W3C Web Annotation -----

fn w3c(project: &Project, query: &ExcerptQuery) -> serde_json::Value {
    let bytes = export(project, query, Format::W3c).expect("w3c");
    serde_json::from_slice(&bytes).expect("valid JSON")
}

/// Checks every annotation's selectors against the text of the document its target names, and
/// its bodies against the passage; returns how many annotations were checked.
pub(super) fn check_w3c_against(project: &Project, v: &serde_json::Value) -> usize {
    assert_eq!(
        v["@context"][0], "http://www.w3.org/ns/anno.jsonld",
        "the Web Annotation context comes first"
    );
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(v["total"].as_u64(), Some(items.len() as u64));
    for a in &items {
        assert_eq!(a["type"], "Annotation");
        let pid: PassageId = a["id"]
            .as_str()
            .and_then(|id| id.strip_prefix("urn:dossier:passage:"))
            .expect("a passage URN")
            .parse()
            .expect("a passage id");
        let passage = project.passage(pid).expect("the passage exists");
        let doc = project.document(passage.doc).expect("its document");
        let source = a["target"]["source"].as_str().expect("target.source");
        assert_eq!(source, w3c::target_source(doc));
        let chars: Vec<char> = doc.text.as_str().chars().collect();
        let selectors = a["target"]["selector"].as_array().expect("selectors");
        assert_eq!(selectors.len(), 2);
        let quote = &selectors[0];
        let position = &selectors[1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let start = position["start"].as_u64().expect("start") as usize;
        let end = position["end"].as_u64().expect("end") as usize;
        let at = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
        let exact = quote["exact"].as_str().expect("exact");
        assert_eq!(
            at(start, end),
            exact,
            "the position selector spans the exact text"
        );
        let prefix = quote["prefix"].as_str().unwrap_or("");
        let suffix = quote["suffix"].as_str().unwrap_or("");
        let prefix_len = prefix.chars().count();
        let suffix_len = suffix.chars().count();
        assert!(prefix_len <= start && end + suffix_len <= chars.len());
        assert_eq!(at(start - prefix_len, start), prefix, "prefix right before");
        assert_eq!(at(end, end + suffix_len), suffix, "suffix right after");
        if start > 0 {
            assert!(prefix_len > 0, "a prefix whenever there is text before");
        }
        // The quote selector alone finds this span: prefix+exact+suffix occurs here.
        let whole = format!("{prefix}{exact}{suffix}");
        assert!(doc.text.as_str().contains(&whole));

        let bodies = a["body"].as_array().cloned().unwrap_or_default();
        let purpose = |p: &str| bodies.iter().filter(|b| b["purpose"] == p).count();
        assert_eq!(purpose("tagging"), passage.tags.len());
        assert_eq!(purpose("identifying"), passage.actors.len());
        assert_eq!(purpose("linking"), passage.events.len());
        assert_eq!(
            purpose("commenting"),
            usize::from(!passage.note.trim().is_empty())
        );
        if bodies.is_empty() {
            assert_eq!(a["motivation"], "highlighting");
        }
    }
    items.len()
}

#[test]
fn w3c_selectors_match_the_text_and_bodies_match_the_passage() {
    let project = project();
    let v = w3c(&project, &ExcerptQuery::all());
    assert_eq!(check_w3c_against(&project, &v), 4);
    assert_eq!(v["label"], "Test");
    assert_eq!(v["@context"][1]["dossier"], "urn:dossier:vocab:");
    let first = &v["first"]["items"][0];
    assert_eq!(
        first["target"]["source"],
        format!("urn:dossier:doc:{D_AUG}")
    );
    assert_eq!(
        first["target"]["selector"][0]["prefix"], "Путин met Witkoff — ",
        "prefix counted in code points"
    );
    let bodies = first["body"].as_array().expect("bodies");
    assert_eq!(
        bodies[0],
        serde_json::json!({"type": "TextualBody", "purpose": "tagging", "value": "Claim/Quote"})
    );
    assert_eq!(
        bodies[1],
        serde_json::json!({
            "type": "SpecificResource", "purpose": "identifying",
            "source": {"id": format!("urn:dossier:actor:{A_PUTIN}"), "label": "Vladimir Putin"},
            "dossier:role": "subject"
        })
    );
    assert_eq!(bodies[2]["purpose"], "linking");
    assert_eq!(
        bodies[2]["source"]["id"],
        format!("urn:dossier:event:{E_MEET}")
    );
    assert_eq!(bodies[2]["dossier:role"], "reports");
    assert_eq!(
        bodies[3],
        serde_json::json!({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": "Kremlin framing"})
    );
    let p100 = project.passage(PassageId::from_raw(100)).expect("passage");
    assert_eq!(
        first["created"],
        p100.created.to_string(),
        "the passage's own time"
    );
    // The untagged, unlinked passage is a highlight.
    let last = &v["first"]["items"][3];
    assert!(last.get("body").is_none());
    assert_eq!(last["motivation"], "highlighting");
}

#[test]
fn w3c_names_the_article_by_its_web_address_when_it_has_one() {
    let project = hostile_project();
    let v = w3c(&project, &ExcerptQuery::all());
    check_w3c_against(&project, &v);
    let doc_id = project.documents().keys().next().expect("doc");
    assert_eq!(
        v["first"]["items"][0]["target"]["source"],
        format!("urn:dossier:doc:{doc_id}"),
        "javascript: is not an address"
    );
    let mut parts = project.to_parts();
    parts.documents[0].url = " https://example.org/story ".to_owned();
    parts.passages[0].created = Timestamp(1_754_489_000);
    parts.passages[0].edited = Timestamp(1_754_489_100);
    let project = Project::from_parts(parts).expect("valid");
    let v = w3c(&project, &ExcerptQuery::all());
    check_w3c_against(&project, &v);
    let item = &v["first"]["items"][0];
    assert_eq!(item["target"]["source"], "https://example.org/story");
    assert_eq!(item["created"], "2025-08-06T14:03:20Z");
    assert_eq!(item["modified"], "2025-08-06T14:05:00Z");
}

#[test]
fn w3c_collection_id_is_stable_and_follows_the_selection() {
    let project = project();
    let all = w3c(&project, &ExcerptQuery::all());
    assert_eq!(all, w3c(&project.clone(), &ExcerptQuery::all()));
    let q = ExcerptQuery {
        actors: BTreeSet::from([A_ZEL]),
        ..ExcerptQuery::default()
    };
    let some = w3c(&project, &q);
    assert_eq!(check_w3c_against(&project, &some), 1);
    assert_ne!(all["id"], some["id"]);
    assert!(
        some["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("urn:dossier:export:"))
    );
    let none = ExcerptQuery {
        text: "nowhere".to_owned(),
        ..ExcerptQuery::default()
    };
    let empty = w3c(&project, &none);
    assert_eq!(empty["total"], 0);
    assert!(empty.get("first").is_none(), "no page without annotations");
}
