//! Tests of the qdpx export: the archive's entries, the XML read back (element order against the
//! schema's sequences, every article, code, selection, coding and note), stable GUIDs, and — when
//! `xmllint` is installed — validity against the published QDA-XML 1.0 schema.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event as Xml;

use super::format_tests::hostile_project;
use super::tests::project;
use super::*;
use crate::model::{PassageId, Stance, TagId};

/// An XML element as read back.
#[derive(Debug, Default)]
pub(super) struct Node {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<Node>,
    pub text: String,
}

impl Node {
    fn attr(&self, key: &str) -> &str {
        self.attrs.get(key).map_or("", String::as_str)
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'n Node> + 'n {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Every element below this one (depth first), itself included.
    fn walk<'n>(&'n self, out: &mut Vec<&'n Node>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }
}

/// Parses XML into a tree with quick-xml (entities resolved, line ends as written).
pub(super) fn parse_xml(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Node> = vec![Node::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>| {
        let mut node = Node {
            name: String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8 name"),
            ..Node::default()
        };
        for a in e.attributes() {
            let a = a.expect("a well-formed attribute");
            let key = String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8 key");
            let value = a
                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("an attribute value")
                .into_owned();
            assert!(
                node.attrs.insert(key, value).is_none(),
                "a repeated attribute"
            );
        }
        node
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Xml::Start(e) => stack.push(open(&e)),
            Xml::Empty(e) => {
                let node = open(&e);
                stack.last_mut().expect("parent").children.push(node);
            }
            Xml::End(_) => {
                let mut node = stack.pop().expect("an open element");
                if !node.children.is_empty() {
                    assert!(
                        node.text.trim().is_empty(),
                        "mixed content in {}",
                        node.name
                    );
                    node.text.clear();
                }
                stack.last_mut().expect("parent").children.push(node);
            }
            Xml::Text(t) => {
                let text = t.decode().expect("UTF-8 text");
                stack.last_mut().expect("node").text.push_str(&text);
            }
            Xml::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().expect("char ref").expect("a char")
                } else {
                    match r.decode().expect("UTF-8 ref").as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity &{other};"),
                    }
                };
                stack.last_mut().expect("node").text.push(c);
            }
            Xml::DocType(_) => panic!("no DTD may appear"),
            Xml::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().expect("document");
    assert!(stack.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.remove(0)
}

/// The schema's child sequences for the elements the export writes (QDA-XML 1.0, 2019).
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "Project",
        &[
            "Users",
            "CodeBook",
            "Variables",
            "Cases",
            "Sources",
            "Notes",
            "Links",
            "Sets",
            "Graphs",
            "Description",
            "NoteRef",
        ],
    ),
    ("Users", &["User"]),
    ("User", &[]),
    ("CodeBook", &["Codes"]),
    ("Codes", &["Code"]),
    ("Code", &["Description", "NoteRef", "Code"]),
    ("Cases", &["Case"]),
    (
        "Case",
        &[
            "Description",
            "CodeRef",
            "VariableValue",
            "SourceRef",
            "SelectionRef",
        ],
    ),
    ("Sources", &["TextSource"]),
    (
        "TextSource",
        &[
            "Description",
            "PlainTextContent",
            "PlainTextSelection",
            "Coding",
            "NoteRef",
            "VariableValue",
        ],
    ),
    ("PlainTextSelection", &["Description", "Coding", "NoteRef"]),
    ("Coding", &["CodeRef", "NoteRef"]),
    ("Notes", &["Note"]),
    (
        "Note",
        &[
            "Description",
            "PlainTextContent",
            "PlainTextSelection",
            "Coding",
            "NoteRef",
            "VariableValue",
        ],
    ),
    ("Sets", &["Set"]),
    (
        "Set",
        &["Description", "MemberCode", "MemberSource", "MemberNote"],
    ),
    ("Description", &[]),
    ("PlainTextContent", &[]),
    ("CodeRef", &[]),
    ("NoteRef", &[]),
    ("SelectionRef", &[]),
    ("MemberSource", &[]),
];

/// Checks that every element is one the schema knows here and that its children come in the
/// schema's order.
pub(super) fn check_element_order(root: &Node) {
    let mut all = Vec::new();
    root.walk(&mut all);
    for node in all {
        let Some((_, sequence)) = SEQUENCES.iter().find(|(name, _)| *name == node.name) else {
            panic!("an element the schema does not have here: {}", node.name);
        };
        let mut at = 0;
        for child in &node.children {
            let Some(position) = sequence.iter().position(|s| *s == child.name) else {
                panic!("<{}> may not contain <{}>", node.name, child.name);
            };
            assert!(
                position >= at,
                "<{}> inside <{}> comes after <{}>",
                child.name,
                node.name,
                sequence[at]
            );
            at = position;
        }
    }
}

/// The entries of a zip archive, by name, in archive order.
pub(super) fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            assert_eq!(
                file.compression(),
                zip::CompressionMethod::Deflated,
                "deflate only"
            );
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("entry data");
            (file.name().expect("a name").into_owned(), data)
        })
        .collect()
}

/// Reads a qdpx export back and checks it against the project: every selected article's text,
/// the code tree, every selection's span, codings and note, the cases and the sets. Returns the
/// XML root.
pub(super) fn check_qdpx_against(project: &Project, query: &ExcerptQuery, bytes: &[u8]) -> Node {
    let entries = unzip(bytes);
    assert_eq!(entries[0].0, "project.qde", "the project first");
    let files: BTreeMap<&str, &[u8]> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    for (name, _) in &entries[1..] {
        assert!(
            name.starts_with("sources/") && name.ends_with(".txt") && !name.contains(".."),
            "unexpected entry {name}"
        );
    }
    let xml = std::str::from_utf8(&entries[0].1).expect("UTF-8 XML");
    let root = parse_xml(xml);
    assert_eq!(root.name, "Project");
    assert_eq!(root.attr("xmlns"), qdpx::NAMESPACE);
    assert_eq!(root.attr("name"), project.title);
    check_element_order(&root);

    // Codes: the whole tree, nested as the tags are, with colours and descriptions.
    let mut codes: BTreeMap<String, (String, &Node)> = BTreeMap::new();
    fn collect<'n>(node: &'n Node, parent: &str, out: &mut BTreeMap<String, (String, &'n Node)>) {
        for code in node.all("Code") {
            let path = if parent.is_empty() {
                code.attr("name").to_owned()
            } else {
                format!("{parent}/{}", code.attr("name"))
            };
            out.insert(code.attr("guid").to_owned(), (path.clone(), code));
            collect(code, &path, out);
        }
    }
    if let Some(codebook) = root.child("CodeBook") {
        collect(codebook.child("Codes").expect("Codes"), "", &mut codes);
    }
    // Claims: a code each under "Claims (Dossier)", with a codable code per stance.
    let claims = project.evidence().claims();
    let claim_codes = if claims.is_empty() {
        0
    } else {
        1 + claims.len() * (1 + Stance::ALL.len())
    };
    assert_eq!(codes.len(), project.tags().len() + claim_codes);
    for claim in claims.values() {
        let (path, code) = &codes[&qdpx::guid("claim", claim.id)];
        assert_eq!(*path, format!("Claims (Dossier)/{}", claim.statement));
        assert_eq!(code.attr("isCodable"), "false");
    }
    for tag in project.tags().values() {
        let (path, code) = &codes[&qdpx::guid("tag", tag.id)];
        assert_eq!(*path, project.tag_path(tag.id, Project::TAG_PATH_SEPARATOR));
        assert_eq!(code.attr("color"), tag.color.to_string());
        assert_eq!(code.attr("isCodable"), "true");
        let description = code.child("Description").map_or("", |d| d.text.as_str());
        let expected = if tag.description.trim().is_empty() {
            ""
        } else {
            tag.description.as_str()
        };
        assert_eq!(description, expected);
    }

    // Notes by GUID.
    let notes: BTreeMap<&str, &str> = root
        .child("Notes")
        .map(|n| {
            n.all("Note")
                .map(|note| {
                    let content = note.child("PlainTextContent").expect("content");
                    (note.attr("guid"), content.text.as_str())
                })
                .collect()
        })
        .unwrap_or_default();

    // Sources and selections.
    let selection = query.run(project);
    let sources: Vec<&Node> = root
        .child("Sources")
        .map(|s| s.all("TextSource").collect())
        .unwrap_or_default();
    assert_eq!(sources.len(), selection.documents.len());
    let mut selections = 0;
    for (source, doc) in sources.iter().zip(&selection.documents) {
        assert_eq!(source.attr("guid"), qdpx::doc_guid(doc));
        assert_eq!(source.attr("name"), doc.title);
        let path = source.attr("plainTextPath");
        let file = path.strip_prefix("internal://").expect("an internal path");
        let text = files[format!("sources/{file}").as_str()];
        assert_eq!(
            text,
            doc.text.as_str().as_bytes(),
            "the text as Dossier holds it"
        );
        let chars: Vec<char> = doc.text.as_str().chars().collect();
        for sel in source.all("PlainTextSelection") {
            selections += 1;
            let start: usize = sel.attr("startPosition").parse().expect("start");
            let end: usize = sel.attr("endPosition").parse().expect("end");
            let quote: String = chars[start..end].iter().collect();
            let passage = selection
                .passages
                .iter()
                .find(|p| qdpx::guid("passage", p.id) == sel.attr("guid"))
                .expect("a selected passage");
            assert_eq!(passage.doc, doc.id);
            assert_eq!(quote, passage.quote, "positions count characters");
            let mut coded: Vec<String> = sel
                .all("Coding")
                .map(|c| {
                    let target = c.child("CodeRef").expect("CodeRef").attr("targetGUID");
                    codes[target].0.clone()
                })
                .collect();
            coded.sort();
            let mut tagged: Vec<String> = passage
                .tags
                .iter()
                .map(|t| project.tag_path(*t, Project::TAG_PATH_SEPARATOR))
                .chain((project.evidence().stances_of(passage.id).into_iter()).map(
                    |(c, stance)| {
                        let statement = &project.evidence().claim(c).expect("claim").statement;
                        format!("Claims (Dossier)/{statement}/{stance}")
                    },
                ))
                .collect();
            tagged.sort();
            assert_eq!(coded, tagged);
            let note = sel.child("NoteRef").map(|r| notes[r.attr("targetGUID")]);
            if passage.note.trim().is_empty() {
                assert!(note.is_none());
            } else {
                assert_eq!(note, Some(passage.note.as_str()));
            }
        }
    }
    assert_eq!(selections, selection.passages.len());

    // Cases: one per actor, referring to the selected passages that link it.
    let cases: Vec<&Node> = root
        .child("Cases")
        .map(|c| c.all("Case").collect())
        .unwrap_or_default();
    assert_eq!(cases.len(), project.actors().len());
    for actor in project.actors().values() {
        let case = cases
            .iter()
            .find(|c| c.attr("guid") == qdpx::guid("actor", actor.id))
            .expect("a case per actor");
        assert_eq!(case.attr("name"), actor.name);
        let refs = case.all("SelectionRef").count();
        let linked = selection
            .passages
            .iter()
            .filter(|p| p.actors.iter().any(|(a, _)| *a == actor.id))
            .count();
        assert_eq!(refs, linked);
    }
    // Sets: one per event.
    let sets = root.child("Sets").map_or(0, |s| s.all("Set").count());
    assert_eq!(sets, project.events().len());
    root
}

fn qdpx_of(project: &Project, query: &ExcerptQuery) -> Vec<u8> {
    export(project, query, Format::Qdpx).expect("qdpx")
}

#[test]
fn qdpx_reads_back_with_every_article_code_selection_and_note() {
    let project = project();
    let bytes = qdpx_of(&project, &ExcerptQuery::all());
    let root = check_qdpx_against(&project, &ExcerptQuery::all(), &bytes);
    // The sub-tag is nested under its parent code.
    let claim = root
        .child("CodeBook")
        .and_then(|c| c.child("Codes"))
        .and_then(|c| c.all("Code").find(|c| c.attr("name") == "Claim"))
        .expect("Claim");
    assert_eq!(
        claim.child("Code").map(|c| c.attr("name")),
        Some("Quote"),
        "Claim/Quote nested"
    );
    // Actor and event links with roles are described on the selection.
    let described = root
        .child("Sources")
        .and_then(|s| s.child("TextSource"))
        .and_then(|s| s.child("PlainTextSelection"))
        .and_then(|s| s.child("Description"))
        .map(|d| d.text.clone());
    assert_eq!(
        described.as_deref(),
        Some("Actors: Vladimir Putin (subject)\nEvents: Witkoff meets Putin (reports)")
    );
}

#[test]
fn qdpx_follows_the_query() {
    let project = project();
    let q = ExcerptQuery {
        tags: std::collections::BTreeSet::from([super::tests::T_THREAT]),
        ..ExcerptQuery::default()
    };
    let bytes = qdpx_of(&project, &q);
    let entries = unzip(&bytes);
    assert_eq!(
        entries.len(),
        1 + 2,
        "the project and the two articles cited"
    );
    check_qdpx_against(&project, &q, &bytes);
}

#[test]
fn qdpx_guids_and_bytes_are_stable_across_exports() {
    let project = project();
    let a = qdpx_of(&project, &ExcerptQuery::all());
    let b = qdpx_of(&project.clone(), &ExcerptQuery::all());
    assert_eq!(a, b, "the same project gives the same bytes");
    let guid = qdpx::guid("passage", PassageId::from_raw(100));
    assert_eq!(guid, qdpx::guid("passage", PassageId::from_raw(100)));
    assert_ne!(guid, qdpx::guid("passage", PassageId::from_raw(101)));
    assert_ne!(guid, qdpx::guid("note", PassageId::from_raw(100)));
    assert_ne!(
        qdpx::guid("tag", TagId::from_raw(1)),
        qdpx::guid("tag", TagId::from_raw(2))
    );
    // 8-4-4-4-12 lower-case hex, version 8, RFC variant.
    let parts: Vec<&str> = guid.split('-').collect();
    assert_eq!(
        parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12]
    );
    assert!(
        guid.chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
    );
    assert!(parts[2].starts_with('8'));
    assert!(matches!(
        parts[3].chars().next(),
        Some('8' | '9' | 'a' | 'b')
    ));
}

#[test]
fn qdpx_escapes_hostile_text_and_keeps_it() {
    let project = hostile_project();
    let bytes = qdpx_of(&project, &ExcerptQuery::all());
    let root = check_qdpx_against(&project, &ExcerptQuery::all(), &bytes);
    let source = root
        .child("Sources")
        .and_then(|s| s.child("TextSource"))
        .expect("source");
    assert_eq!(source.attr("name"), super::format_tests::HOSTILE_TITLE);
    let xml = String::from_utf8(unzip(&bytes).swap_remove(0).1).expect("UTF-8");
    assert!(!xml.contains("<script"), "markup in texts is escaped");
}

#[test]
fn xml_escaping_keeps_line_ends_and_replaces_what_xml_forbids() {
    assert_eq!(qdpx::escape("a\r\nb\tc", true), "a&#13;&#10;b&#9;c");
    assert_eq!(qdpx::escape("a\r\nb\tc", false), "a&#13;\nb\tc");
    assert_eq!(qdpx::escape("x\u{1}y\u{FFFE}", false), "x\u{FFFD}y\u{FFFD}");
    let xml = format!(
        "<r a=\"{}\">{}</r>",
        qdpx::escape("line\none\t<&>\"'", true),
        qdpx::escape("text\r\nwith\rreturns", false)
    );
    let node = parse_xml(&xml);
    assert_eq!(node.attr("a"), "line\none\t<&>\"'");
    assert_eq!(node.text, "text\r\nwith\rreturns");
}

/// The published QDA-XML 1.0 project schema (MIT licence, in the file), kept as test data.
fn schema_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/export/testdata/Project-mrt2019.xsd")
}

/// Validates XML files against the published schema with xmllint; `None` when xmllint is not
/// installed (the reason is printed) — unless `CI` is set: there a missing validator fails the
/// test, so a green run in CI means the schema was checked.
pub(super) fn xmllint_validate(xml: &[u8]) -> Option<Result<(), String>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("project.qde");
    std::fs::write(&file, xml).expect("write");
    let output = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(schema_path())
        .arg(&file)
        .output();
    match output {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("CI").is_none(),
                "xmllint is not installed, and CI is set: install the Debian package \
                 libxml2-utils (.ci/run does) — the schema check must run in CI"
            );
            println!(
                "skipped: xmllint is not installed (Debian package libxml2-utils); \
                 the element order was still checked"
            );
            None
        }
        Err(e) => Some(Err(format!("xmllint did not run: {e}"))),
        Ok(out) if out.status.success() => Some(Ok(())),
        Ok(out) => Some(Err(String::from_utf8_lossy(&out.stderr).into_owned())),
    }
}

#[test]
fn qdpx_validates_against_the_published_schema() {
    for project in [project(), hostile_project()] {
        let bytes = qdpx_of(&project, &ExcerptQuery::all());
        let xml = unzip(&bytes).swap_remove(0).1;
        match xmllint_validate(&xml) {
            None => return,
            Some(result) => {
                if let Err(e) = result {
                    panic!("{e}");
                }
            }
        }
    }
    // The check can fail: an element out of order is refused.
    let bad = format!(
        "<?xml version=\"1.0\"?>\n<Project xmlns=\"{}\" name=\"x\"><Sources/><Users/></Project>",
        qdpx::NAMESPACE
    );
    let Some(result) = xmllint_validate(bad.as_bytes()) else {
        return;
    };
    assert!(result.is_err(), "xmllint refuses a misordered project");
}

#[test]
fn passage_authors_are_qdpx_users_and_make_their_selections() {
    let mut project = project();
    project.set_session_author("Alice Analyst");
    let id = *project.passages().keys().next().expect("a passage");
    crate::edit::apply(
        &mut project,
        crate::edit::Edit::SetPassageNote(id, "seen".into()),
    )
    .expect("edits");
    assert_eq!(
        project.passage(id).map(|p| p.author.as_str()),
        Some("Alice Analyst")
    );
    let bytes = qdpx_of(&project, &ExcerptQuery::all());
    let xml = String::from_utf8(unzip(&bytes).swap_remove(0).1).expect("UTF-8");
    let user = qdpx::user_guid("Alice Analyst");
    assert!(
        xml.contains(&format!("<User guid=\"{user}\" name=\"Alice Analyst\"/>")),
        "{xml}"
    );
    assert!(xml.contains(&format!("creatingUser=\"{user}\"")));
    if let Some(result) = xmllint_validate(xml.as_bytes()) {
        result.expect("valid QDA-XML with two users");
    }
}
