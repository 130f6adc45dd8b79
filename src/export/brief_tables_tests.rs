//! The tables of the Markdown and HTML briefs, read back by consumers we did not write: the
//! Markdown rendered by markdown-it-py (CommonMark with GitHub's tables) and read with Python's
//! `html.parser`, the HTML read with `html.parser` and parsed by libxml2 (`xmllint --html`).
//!
//! Each brief must carry every table of [`super::brief::blocks`] — the tables DOCX and PDF show,
//! in their order and under the same template switches — with the same cells, also when the
//! project's names hold `|`, `*`, `<`, `&` and line breaks. The contested claims are the one block
//! these two formats write as a section (both sides quoted) rather than a table: its heading
//! stands where the table's would.

use std::process::Command;

use super::brief::{Block, Brief, Table, blocks};
use super::external::{missing, python_json};
use super::*;
use crate::edit::{AchEdit, Edit, apply};
use crate::model::{ActorRole, one_line};

/// Names that would be markup, a cell's end or a new line in Markdown or HTML.
const HOSTILE_EVENT: &str =
    "Talks | *in* <b>Riyadh</b> & &amp; `x` _y_ [l](http://e.example)\nsecond line";
const HOSTILE_PLACE: &str = "- dash\n> quote | pipe";
const HOSTILE_OUTLET: &str = "A|B <i>News</i> **wire**";
const HOSTILE_SPEAKER: &str = "# Not | a heading <script>x()</script>";
const HOSTILE_HYPOTHESIS: &str = "H | *1* ~~2~~ <img src=x>\n\\ back";

/// The example project (events, claims, grades, an ACH matrix) with a hostile name on a linked
/// event, an outlet, a speaker and a hypothesis.
fn hostile_example() -> Project {
    let mut project = crate::example::example_project().expect("the example loads");
    let linked = |project: &Project| {
        (project.passages().values())
            .find_map(|p| p.events.first().map(|(e, _)| *e))
            .and_then(|e| project.event(e).cloned())
            .expect("a linked event")
    };
    let mut event = linked(&project);
    event.title = HOSTILE_EVENT.to_owned();
    event.place = HOSTILE_PLACE.to_owned();
    apply(&mut project, Edit::SetEvent(event)).expect("event renamed");
    let doc = project.documents().values().next().expect("an article");
    let (id, mut meta) = (doc.id, doc.meta());
    meta.source = HOSTILE_OUTLET.to_owned();
    apply(&mut project, Edit::SetDocumentMeta(id, meta)).expect("outlet renamed");
    let speaker = (project.passages().values())
        .find_map(|p| {
            (p.actors.iter())
                .find(|(_, role)| *role == ActorRole::Speaker)
                .map(|(a, _)| *a)
        })
        .and_then(|a| project.actor(a).cloned());
    let mut speaker = speaker.expect("a speaker");
    speaker.name = HOSTILE_SPEAKER.to_owned();
    apply(&mut project, Edit::SetActor(speaker)).expect("speaker renamed");
    let mut hypothesis = (project.ach().hypotheses().first().cloned()).expect("a hypothesis");
    hypothesis.title = HOSTILE_HYPOTHESIS.to_owned();
    apply(&mut project, Edit::Ach(AchEdit::SetHypothesis(hypothesis))).expect("renamed");
    project
}

fn without(parts: &[Part]) -> BriefTemplate {
    let mut t = BriefTemplate::default();
    for p in parts {
        t.set_included(*p, false);
    }
    t
}

/// The templates the tests go through: everything, and two with tables switched off.
fn templates() -> [BriefTemplate; 3] {
    [
        BriefTemplate::default(),
        without(&[Part::EventCards, Part::Ach]),
        without(&[Part::Contested, Part::Claims]),
    ]
}

/// What a Markdown or HTML brief must show after its groups: the title of every block in order
/// (the contested claims under their section's heading), and the tables among them.
fn expected(project: &Project, template: &BriefTemplate) -> (Vec<String>, Vec<Table>) {
    let selection = ExcerptQuery::all().run(project);
    let excerpts = cite::resolve(project, &selection);
    let mut titles = Vec::new();
    let mut tables = Vec::new();
    for block in blocks(project, &excerpts, template) {
        match block {
            Block::Table(_, t) => {
                titles.push(t.title.clone());
                tables.push(t);
            }
            Block::Contested(_) => titles.push("Contested claims".to_owned()),
        }
    }
    // The same titles, in the same order, as the tables of the DOCX and PDF briefs.
    let outline = Brief::build_with(project, &ExcerptQuery::all(), template);
    let documents: Vec<&str> = outline.tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, documents, "the four formats show the same tables");
    (titles, tables)
}

fn exported(project: &Project, format: Format, template: &BriefTemplate) -> Vec<u8> {
    let options = ExportOptions::from_template(template, format);
    export_with(project, &ExcerptQuery::all(), format, &options).expect("the brief exports")
}

/// Reads HTML with Python's `html.parser`: every `<h2>`'s text, and every table — the class of
/// the section around it, the `<h2>` before it, its caption, the `scope` of each `<th>`, its
/// rows in `<thead>`, in `<tbody>` and anywhere else, each cell as `[tag, text]`, and any element
/// found inside a caption or cell. With `markdown`, the file is Markdown, first rendered to HTML by
/// markdown-it-py (CommonMark with its table extension, as GitHub renders tables).
const READ_TABLES: &str = r#"
import json, sys
from html.parser import HTMLParser

class Tables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.h2s, self.tables, self.sections = [], [], []
        self.text, self.kind, self.part = None, None, 'stray'
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'section':
            self.sections.append(a.get('class') or '')
        elif tag == 'h2':
            self.text, self.kind = '', 'h2'
        elif tag == 'table':
            self.tables.append({'section': self.sections[-1] if self.sections else None,
                                'title': self.h2s[-1] if self.h2s else None, 'caption': None,
                                'scopes': [], 'head': [], 'body': [], 'stray': [], 'markup': []})
            self.part = 'stray'
        elif tag in ('thead', 'tbody'):
            self.part = tag[1:]
        elif tag == 'tr':
            self.tables[-1][self.part].append([])
        elif tag in ('td', 'th', 'caption'):
            self.text, self.kind = '', tag
            if tag == 'th':
                self.tables[-1]['scopes'].append(a.get('scope'))
        elif self.kind in ('td', 'th', 'caption'):
            self.tables[-1]['markup'].append(tag)
    def handle_endtag(self, tag):
        if tag == 'section':
            self.sections.pop()
        elif tag == 'h2' and self.kind == 'h2':
            self.h2s.append(self.text)
            self.text = self.kind = None
        elif tag == 'caption':
            self.tables[-1]['caption'] = self.text
            self.text = self.kind = None
        elif tag in ('td', 'th'):
            self.tables[-1][self.part][-1].append([tag, self.text])
            self.text = self.kind = None
        elif tag in ('thead', 'tbody'):
            self.part = 'stray'
    def handle_data(self, data):
        if self.text is not None:
            self.text += data

source = open(sys.argv[1], encoding='utf-8').read()
if sys.argv[2] == 'markdown':
    from markdown_it import MarkdownIt
    source = MarkdownIt('commonmark').enable('table').render(source)
p = Tables()
p.feed(source)
p.close()
print(json.dumps({'h2s': p.h2s, 'tables': p.tables}))
"#;

/// What [`READ_TABLES`] read; `None` when python3 or markdown-it-py is missing (outside CI).
fn read_tables(bytes: &[u8], format: Format) -> Option<serde_json::Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("brief.{}", format.extension()));
    std::fs::write(&path, bytes).expect("write");
    let (mode, modules): (&str, &[(&str, &str)]) = match format {
        Format::Md => ("markdown", &[("markdown_it", "markdown-it-py")]),
        _ => ("html", &[]),
    };
    let mode_path = std::path::PathBuf::from(mode);
    python_json(READ_TABLES, modules, &[path.as_path(), mode_path.as_path()])
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    (v.as_array().expect("an array").iter())
        .map(|s| s.as_str().expect("a string").to_owned())
        .collect()
}

/// The rows of one part of a read table as `(tag, text)` cells.
fn rows(v: &serde_json::Value) -> Vec<Vec<(String, String)>> {
    (v.as_array().expect("rows").iter())
        .map(|row| {
            (row.as_array().expect("a row").iter())
                .map(|cell| {
                    let pair = strings(cell);
                    (pair[0].clone(), pair[1].clone())
                })
                .collect()
        })
        .collect()
}

/// A table's rows as the reader should find them: `tag` cells of `text(cell)`.
fn cells(
    rows: &[Vec<String>],
    tag: &str,
    text: impl Fn(&str) -> String,
) -> Vec<Vec<(String, String)>> {
    rows.iter()
        .map(|r| r.iter().map(|c| (tag.to_owned(), text(c))).collect())
        .collect()
}

/// Checks what was read against the expected tables: titles in order at the end of the `<h2>`s
/// (before `trailing` more), one table per expected table with its title, header row in the
/// head, rows in the body, nothing else and no markup in a cell.
fn check_read(
    read: &serde_json::Value,
    titles: &[String],
    tables: &[Table],
    trailing: &[&str],
    text: impl Fn(&str) -> String + Copy,
) {
    let h2s = strings(&read["h2s"]);
    let tail: Vec<String> = titles
        .iter()
        .cloned()
        .chain(trailing.iter().map(|s| (*s).to_owned()))
        .collect();
    assert!(
        h2s.ends_with(&tail),
        "headings {h2s:?}, expected to end with {tail:?}"
    );
    let read_tables = read["tables"].as_array().expect("tables");
    assert_eq!(read_tables.len(), tables.len(), "one table per table");
    for (got, want) in read_tables.iter().zip(tables) {
        assert_eq!(got["title"], want.title.as_str());
        assert_eq!(
            rows(&got["head"]),
            cells(std::slice::from_ref(&want.header), "th", text),
            "the header row of {}",
            want.title
        );
        assert_eq!(
            rows(&got["body"]),
            cells(&want.rows, "td", text),
            "the rows of {}",
            want.title
        );
        assert_eq!(
            got["stray"],
            serde_json::json!([]),
            "rows outside head and body"
        );
        assert_eq!(
            got["markup"],
            serde_json::json!([]),
            "markup inside {}",
            want.title
        );
    }
}

/// The Markdown brief's tables, rendered by markdown-it-py, have the rows and cells of the
/// brief's tables — a hostile name in a cell stays one cell of plain text — in the DOCX order,
/// under each template.
#[test]
fn markdown_tables_read_back_with_markdown_it_py() {
    let project = hostile_example();
    for template in templates() {
        let (titles, tables) = expected(&project, &template);
        let md = exported(&project, Format::Md, &template);
        let Some(read) = read_tables(&md, Format::Md) else {
            return;
        };
        // Markdown puts a cell on one line: its line breaks and runs of spaces are one space.
        check_read(&read, &titles, &tables, &["Sources"], one_line);
    }
    let all = expected(&project, &BriefTemplate::default());
    let found: Vec<&str> = all.1.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        found,
        [
            "Event cards",
            "Source grades",
            "Competing hypotheses",
            "ACH matrix"
        ]
    );
    let text = |t: &Table| t.rows.iter().flatten().any(|c| c.contains('|'));
    assert!(
        all.1.iter().filter(|t| text(t)).count() >= 3,
        "the hostile names are in the event cards, the grades and the ACH tables"
    );
}

/// The HTML brief's tables, read by Python's `html.parser`: each in its `<section class="table
/// …">` with its `<h2>`, caption, a `<thead>` of `<th scope="col">` and a `<tbody>`, the cells'
/// text exactly the brief's, in the DOCX order and before the sources, under each template.
#[test]
fn html_tables_read_back_with_pythons_html_parser() {
    let project = hostile_example();
    for template in templates() {
        let (titles, tables) = expected(&project, &template);
        let html = exported(&project, Format::Html, &template);
        let Some(read) = read_tables(&html, Format::Html) else {
            return;
        };
        check_read(&read, &titles, &tables, &["Sources"], str::to_owned);
        for (got, want) in read["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .zip(&tables)
        {
            assert_eq!(got["caption"], want.caption.as_str());
            let class = got["section"].as_str().expect("in a section");
            assert!(class.starts_with("table "), "{class}");
            let scopes = strings(&got["scopes"]);
            assert_eq!(scopes.len(), want.header.len());
            assert!(scopes.iter().all(|s| s == "col"), "{scopes:?}");
        }
    }
}

/// libxml2's HTML parser (`xmllint --html`) reads the HTML brief without an error but the HTML5
/// elements it does not know, and finds every cell of every table.
#[test]
fn html_tables_parse_in_libxml2() {
    let project = hostile_example();
    let html = exported(&project, Format::Html, &BriefTemplate::default());
    let (_, tables) = expected(&project, &BriefTemplate::default());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brief.html");
    std::fs::write(&path, &html).expect("write");
    let run = |args: &[&std::ffi::OsStr]| Command::new("xmllint").args(args).output();
    let checked = match run(&["--html".as_ref(), "--noout".as_ref(), path.as_os_str()]) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            missing("xmllint", "apt-get install libxml2-utils");
            return;
        }
        Err(e) => panic!("xmllint did not run: {e}"),
        Ok(out) => out,
    };
    let errors = String::from_utf8_lossy(&checked.stderr);
    let unexpected: Vec<&str> = (errors.lines())
        .filter(|l| l.contains("parser error"))
        .filter(|l| {
            !["header", "section", "article", "main"]
                .iter()
                .any(|tag| l.contains(&format!("Tag {tag} invalid")))
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    let count = |xpath: &str| -> usize {
        let out = run(&[
            "--html".as_ref(),
            "--xpath".as_ref(),
            xpath.as_ref(),
            path.as_os_str(),
        ])
        .expect("xmllint runs");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a count")
    };
    let cells: usize = tables.iter().map(|t| t.rows.len() * t.header.len()).sum();
    assert_eq!(
        count("count(//section[starts-with(@class,'table ')]//tbody/tr/td)"),
        cells
    );
    let heads: usize = tables.iter().map(|t| t.header.len()).sum();
    assert_eq!(
        count("count(//section[starts-with(@class,'table ')]//thead/tr/th[@scope='col'])"),
        heads
    );
    assert_eq!(
        count("count(//section[starts-with(@class,'table ')]/table/caption)"),
        tables.len()
    );
}
