//! The REFI-QDA export: a `.qdpx` project (QDA-XML 1.0, the 2019 schema, namespace
//! `urn:QDA-XML:project:1.0`) for QualCoder, MAXQDA, ATLAS.ti, NVivo and other QDA tools.
//!
//! The file is a zip archive (deflate) holding `project.qde` (the XML) and a lowercase `sources/`
//! folder with one UTF-8 text per article (no BOM, `\n` line ends), named `<GUID>.txt` and
//! referenced as `plainTextPath="internal://<GUID>.txt"`.
//!
//! Mapping (elements in the schema's order):
//!
//! | Dossier | QDA-XML |
//! | --- | --- |
//! | project title | `Project/@name`; `@origin="Dossier"` |
//! | passage authors | a `User` per analyst who made a selected passage (its `creatingUser`, `modifyingUser`, and its codings' and note's), besides the `User` "Dossier" who made everything else |
//! | tags (the whole tree) | `CodeBook/Codes/Code`, nested as the tree, `isCodable="true"`, `color`, `Description` |
//! | actors | `Cases/Case` (`name`; kind, aliases and description in `Description`), with a `SelectionRef` to each selected passage that links the actor |
//! | articles | `Sources/TextSource` (`name` = title; outlet, date, author, address and Dossier id in `Description`) |
//! | passages | `PlainTextSelection` in their article: `startPosition`/`endPosition` in characters (Unicode code points, end exclusive), `name` = the start of the quote, actor and event links with roles in `Description`, one `Coding`/`CodeRef` per tag, a `NoteRef` to the note |
//! | notes | `Notes/Note` with `PlainTextContent` |
//! | events | `Sets/Set` (`name` = title; date, place, kind and description in `Description`), with a `MemberSource` for each selected article that has a passage linking the event |
//! | claims | a top-level code "Claims (Dossier)" (not codable) with one code per claim (not codable; `name` = statement; event, independent outlets, contested and single-source in `Description`), each with three codable codes `supports`, `disputes`, `qualifies` |
//! | stances | a `Coding` of the passage with its claim's stance code |
//! | grades | text: an outlet's grade in its article's `Description` (`Outlet grade: B (usually reliable)`), the graded speakers in the project's `Description`, a passage's credibility in its selection's |
//!
//! A project-level `Description` holds the project's description, then restates this mapping for
//! whoever opens the file.
//!
//! GUIDs are derived from Dossier's ids (a UUID of version 8 made from a BLAKE3 hash of the kind
//! and id), so exporting the same project again gives the same GUIDs — and, as the zip entries
//! carry a fixed date (1980-01-01), the same bytes. Nothing in the file depends on when it was
//! made; times are the project's own (import time of an article, creation and edit time of a
//! passage), left out when unknown.
//!
//! Limitations: claims arrive in another QDA tool (and in Dossier's own qdpx import) as a
//! tree of codes, not as claims; their stances as codings; grades only as text — the schema has
//! no place for grades, and the computed counts are a snapshot in the claim code's description.
//! Roles of actor and event links survive only as text in the selection's
//! `Description` (the schema has no place for them); a Set cannot hold selections, so an event is
//! tied to articles, not passages; characters XML 1.0 forbids (control characters other than tab
//! and line ends) are written as U+FFFD in the XML (the source texts keep them).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event as Xml};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::cite::{self, Excerpt};
use super::query::ExcerptQuery;
use crate::model::{
    ActorId, DocId, Document, EventId, Passage, PassageId, Project, Tag, TagId, Timestamp,
};

/// The QDA-XML project namespace.
pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// Where the published schema lives (written as `xsi:schemaLocation`).
pub const SCHEMA_LOCATION: &str =
    "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd";
/// The name of the XML entry in the archive.
pub const PROJECT_ENTRY: &str = "project.qde";
/// The folder of the source texts in the archive.
pub const SOURCES_FOLDER: &str = "sources/";

/// The project-level description: the mapping, for whoever opens the file elsewhere.
const MAPPING: &str = "Exported from Dossier. Codes are Dossier's tags; text sources are its \
articles and plain-text selections its passages (positions in characters); cases are its actors \
(each with references to the passages that link it); sets are its events (each with the articles \
that report it). The roles of actor and event links are in each selection's description.";

/// Why the archive could not be written (neither happens when writing to memory; reported
/// rather than hidden).
#[derive(Debug, thiserror::Error)]
pub enum QdpxError {
    /// The zip writer failed.
    #[error("could not write the qdpx archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing the XML or a text failed.
    #[error("could not write the qdpx archive: {0}")]
    Io(#[from] std::io::Error),
}

/// The `.qdpx` archive of what `query` selects from `project`.
pub fn to_qdpx(project: &Project, query: &ExcerptQuery) -> Result<Vec<u8>, QdpxError> {
    let selection = query.run(project);
    let excerpts = cite::resolve(project, &selection);
    let xml = project_xml(project, &selection.documents, &excerpts)?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(PROJECT_ENTRY, options)?;
    zip.write_all(&xml)?;
    for doc in &selection.documents {
        zip.start_file(format!("{SOURCES_FOLDER}{}.txt", doc_guid(doc)), options)?;
        zip.write_all(doc.text.as_str().as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The `project.qde` XML of a selection (documents and resolved passages), UTF-8.
pub(crate) fn project_xml(
    project: &Project,
    documents: &[&Document],
    excerpts: &[Excerpt<'_>],
) -> Result<Vec<u8>, std::io::Error> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let user = guid("user", "dossier");
    let root = element(
        "Project",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
            ("name", &project.title),
            ("origin", "Dossier"),
            ("creatingUserGUID", &user),
        ],
    );
    w.write_event(Xml::Start(root))?;

    // Users: Dossier, and each analyst who made a selected passage.
    w.write_event(Xml::Start(BytesStart::new("Users")))?;
    w.write_event(Xml::Empty(element(
        "User",
        &[("guid", &user), ("name", "Dossier")],
    )))?;
    let analysts: std::collections::BTreeSet<&str> = excerpts
        .iter()
        .map(|e| e.passage.author.trim())
        .filter(|a| !a.is_empty())
        .collect();
    for analyst in analysts {
        w.write_event(Xml::Empty(element(
            "User",
            &[("guid", &user_guid(analyst)), ("name", analyst)],
        )))?;
    }
    end(&mut w, "Users")?;

    // CodeBook
    let top = project.child_tags(None);
    let claims = crate::corroboration::analyse(project);
    if !top.is_empty() || !claims.is_empty() {
        w.write_event(Xml::Start(BytesStart::new("CodeBook")))?;
        w.write_event(Xml::Start(BytesStart::new("Codes")))?;
        for tag in top {
            write_code(&mut w, project, tag, 0)?;
        }
        write_claim_codes(&mut w, project, &claims)?;
        end(&mut w, "Codes")?;
        end(&mut w, "CodeBook")?;
    }

    // Cases: the actors.
    let mut by_actor: BTreeMap<ActorId, Vec<PassageId>> = BTreeMap::new();
    let mut by_event: BTreeMap<EventId, BTreeSet<DocId>> = BTreeMap::new();
    for e in excerpts {
        for (actor, _) in &e.actors {
            let passages = by_actor.entry(actor.id).or_default();
            // An actor linked in two roles is referred to once.
            if passages.last() != Some(&e.passage.id) {
                passages.push(e.passage.id);
            }
        }
        for (event, _) in &e.events {
            by_event.entry(event.id).or_default().insert(e.doc.id);
        }
    }
    let mut actors: Vec<_> = project.actors().values().collect();
    actors.sort_by(|a, b| cite::by_actor_name(a, b));
    if !actors.is_empty() {
        w.write_event(Xml::Start(BytesStart::new("Cases")))?;
        for actor in actors {
            let id = guid("actor", actor.id);
            w.write_event(Xml::Start(element(
                "Case",
                &[("guid", &id), ("name", &actor.name)],
            )))?;
            let mut about = format!("Actor ({})", actor.kind.label());
            if !actor.aliases.is_empty() {
                let _ = write!(about, "; also {}", actor.aliases.join(", "));
            }
            if !actor.description.trim().is_empty() {
                let _ = write!(about, ". {}", actor.description.trim());
            }
            text_element(&mut w, "Description", &about)?;
            for passage in by_actor.get(&actor.id).into_iter().flatten() {
                let target = guid("passage", passage);
                w.write_event(Xml::Empty(element(
                    "SelectionRef",
                    &[("targetGUID", &target)],
                )))?;
            }
            end(&mut w, "Case")?;
        }
        end(&mut w, "Cases")?;
    }

    // Sources: the articles, with their passages.
    if !documents.is_empty() {
        w.write_event(Xml::Start(BytesStart::new("Sources")))?;
        for doc in documents {
            write_source(&mut w, project, doc, excerpts, &user)?;
        }
        end(&mut w, "Sources")?;
    }

    // Notes: the passages' notes.
    let noted: Vec<&Excerpt<'_>> = excerpts
        .iter()
        .filter(|e| !e.passage.note.trim().is_empty())
        .collect();
    if !noted.is_empty() {
        w.write_event(Xml::Start(BytesStart::new("Notes")))?;
        for e in noted {
            let p = e.passage;
            let id = guid("note", p.id);
            let name = format!("Note on “{}”", crate::model::clipped(&p.quote, 60));
            let mut attributes = vec![("guid", id.as_str()), ("name", name.as_str())];
            let created = time(p.created);
            let maker = passage_user(p, &user);
            if let Some(created) = &created {
                attributes.push(("creatingUser", &maker));
                attributes.push(("creationDateTime", created));
            }
            w.write_event(Xml::Start(element("Note", &attributes)))?;
            text_element(&mut w, "PlainTextContent", &p.note)?;
            end(&mut w, "Note")?;
        }
        end(&mut w, "Notes")?;
    }

    // Sets: the events, with the articles that have passages linking them.
    let mut events: Vec<_> = project.events().values().collect();
    events.sort_by(|a, b| cite::by_event_date(a, b));
    if !events.is_empty() {
        w.write_event(Xml::Start(BytesStart::new("Sets")))?;
        for event in events {
            let id = guid("event", event.id);
            w.write_event(Xml::Start(element(
                "Set",
                &[("guid", &id), ("name", &event.title)],
            )))?;
            let mut about = vec![format!("Event ({})", cite::event_kind(event.kind))];
            if let Some(date) = event.date {
                about.push(date.to_string());
            }
            for field in [&event.place, &event.description] {
                if !field.trim().is_empty() {
                    about.push(field.trim().to_owned());
                }
            }
            text_element(&mut w, "Description", &about.join(" · "))?;
            for doc in by_event.get(&event.id).into_iter().flatten() {
                w.write_event(Xml::Empty(element(
                    "MemberSource",
                    &[("targetGUID", &guid("doc", doc))],
                )))?;
            }
            end(&mut w, "Set")?;
        }
        end(&mut w, "Sets")?;
    }

    let mut description = if project.description.trim().is_empty() {
        MAPPING.to_owned()
    } else {
        format!("{}\n\n{MAPPING}", project.description.trim())
    };
    let graded: Vec<String> = (project.actors().values())
        .filter(|a| project.evidence().actor_grade(a.id) != crate::model::Reliability::F)
        .map(|a| format!("{}: {}", a.name, project.evidence().actor_grade(a.id)))
        .collect();
    if !graded.is_empty() {
        let _ = write!(
            description,
            " Reliability grades of speakers (Admiralty scale, A–F; ungraded: F): {}.",
            graded.join("; ")
        );
    }
    text_element(&mut w, "Description", &description)?;
    end(&mut w, "Project")?;
    let mut xml = w.into_inner();
    xml.push(b'\n');
    Ok(xml)
}

/// One `Code` and, nested, the codes of its sub-tags.
fn write_code(
    w: &mut Writer<Vec<u8>>,
    project: &Project,
    tag: &Tag,
    depth: usize,
) -> std::io::Result<()> {
    let id = guid("tag", tag.id);
    let colour = tag.color.to_string();
    let children = if depth < 64 {
        project.child_tags(Some(tag.id))
    } else {
        Vec::new()
    };
    let start = element(
        "Code",
        &[
            ("guid", &id),
            ("name", &tag.name),
            ("isCodable", "true"),
            ("color", &colour),
        ],
    );
    if children.is_empty() && tag.description.trim().is_empty() {
        return w.write_event(Xml::Empty(start));
    }
    w.write_event(Xml::Start(start))?;
    if !tag.description.trim().is_empty() {
        text_element(w, "Description", &tag.description)?;
    }
    for child in children {
        write_code(w, project, child, depth + 1)?;
    }
    end(w, "Code")
}

/// One `TextSource` with the selections of its passages.
fn write_source(
    w: &mut Writer<Vec<u8>>,
    project: &Project,
    doc: &Document,
    excerpts: &[Excerpt<'_>],
    user: &str,
) -> std::io::Result<()> {
    let id = doc_guid(doc);
    let path = format!("internal://{id}.txt");
    let mut attributes = vec![
        ("guid", id.as_str()),
        ("name", doc.title.as_str()),
        ("plainTextPath", path.as_str()),
    ];
    let imported = time(doc.imported);
    if let Some(imported) = &imported {
        attributes.push(("creatingUser", user));
        attributes.push(("creationDateTime", imported));
    }
    w.write_event(Xml::Start(element("TextSource", &attributes)))?;
    let mut about = Vec::new();
    if !doc.source.trim().is_empty() {
        about.push(format!("Outlet: {}", doc.source.trim()));
        let grade = project.evidence().outlet_grade(&doc.source);
        about.push(format!("Outlet grade: {grade} ({})", grade.label()));
    }
    if let Some(published) = doc.published {
        about.push(format!("Published: {published}"));
    }
    if !doc.author.trim().is_empty() {
        about.push(format!("Author: {}", doc.author.trim()));
    }
    if !doc.url.trim().is_empty() {
        about.push(format!("Address: {}", doc.url.trim()));
    }
    about.push(format!("Dossier id: {}", doc.id));
    text_element(w, "Description", &about.join("\n"))?;
    for e in excerpts.iter().filter(|e| e.doc.id == doc.id) {
        write_selection(w, project, e, user)?;
    }
    end(w, "TextSource")
}

/// One passage as a `PlainTextSelection` with its codings and note reference.
fn write_selection(
    w: &mut Writer<Vec<u8>>,
    project: &Project,
    e: &Excerpt<'_>,
    user: &str,
) -> std::io::Result<()> {
    let p: &Passage = e.passage;
    let maker = passage_user(p, user);
    let user = maker.as_str();
    let id = guid("passage", p.id);
    let name = crate::model::clipped(&p.quote, 80);
    let (start, end_pos) = (p.start.to_string(), p.end.to_string());
    let mut attributes = vec![
        ("guid", id.as_str()),
        ("name", name.as_str()),
        ("startPosition", start.as_str()),
        ("endPosition", end_pos.as_str()),
    ];
    let created = time(p.created);
    let edited = time(p.edited);
    if let Some(created) = &created {
        attributes.push(("creatingUser", user));
        attributes.push(("creationDateTime", created));
    }
    if let Some(edited) = &edited {
        attributes.push(("modifyingUser", user));
        attributes.push(("modifiedDateTime", edited));
    }
    w.write_event(Xml::Start(element("PlainTextSelection", &attributes)))?;
    let mut links = Vec::new();
    if let Some(actors) = e.actors_text("; ", |s| s) {
        links.push(format!("Actors: {actors}"));
    }
    if let Some(events) = e.events_text("; ", |s| s) {
        links.push(format!("Events: {events}"));
    }
    let credibility = project.evidence().credibility(p.id);
    if credibility != crate::model::Credibility::default() {
        links.push(format!(
            "Credibility: {credibility} ({})",
            credibility.label()
        ));
    }
    if !links.is_empty() {
        text_element(w, "Description", &links.join("\n"))?;
    }
    for (_, tag) in &e.tags {
        let coding = coding_guid(p, tag.id);
        let mut attributes = vec![("guid", coding.as_str())];
        if let Some(created) = &created {
            attributes.push(("creatingUser", user));
            attributes.push(("creationDateTime", created));
        }
        w.write_event(Xml::Start(element("Coding", &attributes)))?;
        let code = guid("tag", tag.id);
        w.write_event(Xml::Empty(element("CodeRef", &[("targetGUID", &code)])))?;
        end(w, "Coding")?;
    }
    for (claim, stance) in project.evidence().stances_of(p.id) {
        let coding = guid("stance", format!("{}:{claim}", p.id));
        let mut attributes = vec![("guid", coding.as_str())];
        if let Some(created) = &created {
            attributes.push(("creatingUser", user));
            attributes.push(("creationDateTime", created));
        }
        w.write_event(Xml::Start(element("Coding", &attributes)))?;
        let code = stance_code_guid(claim, stance);
        w.write_event(Xml::Empty(element("CodeRef", &[("targetGUID", &code)])))?;
        end(w, "Coding")?;
    }
    if !p.note.trim().is_empty() {
        let note = guid("note", p.id);
        w.write_event(Xml::Empty(element("NoteRef", &[("targetGUID", &note)])))?;
    }
    end(w, "PlainTextSelection")
}

/// The GUID of a claim's code for one stance.
fn stance_code_guid(claim: crate::model::ClaimId, stance: crate::model::Stance) -> String {
    guid("claim-stance", format!("{claim}:{stance}"))
}

/// The "Claims (Dossier)" code: a code per claim, a codable code per stance under it.
fn write_claim_codes(
    w: &mut Writer<Vec<u8>>,
    project: &Project,
    claims: &[crate::corroboration::ClaimReport<'_>],
) -> std::io::Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    let top = guid("claims", "dossier");
    w.write_event(Xml::Start(element(
        "Code",
        &[
            ("guid", &top),
            ("name", "Claims (Dossier)"),
            ("isCodable", "false"),
        ],
    )))?;
    text_element(
        w,
        "Description",
        "Dossier's claims: under each claim, the passages that support, dispute or qualify it.",
    )?;
    for report in claims {
        let claim = report.claim;
        let id = guid("claim", claim.id);
        w.write_event(Xml::Start(element(
            "Code",
            &[
                ("guid", &id),
                ("name", &claim.statement),
                ("isCodable", "false"),
            ],
        )))?;
        let mut about = Vec::new();
        if let Some(event) = claim.event.and_then(|e| project.event(e)) {
            about.push(format!("About: {}", event.title));
        }
        about.push(format!(
            "Independent outlets supporting it: {}",
            report.independent_outlets
        ));
        if report.contested {
            about.push("Contested".to_owned());
        }
        if report.single_source {
            about.push("Single source".to_owned());
        }
        if !claim.description.trim().is_empty() {
            about.push(claim.description.trim().to_owned());
        }
        about.push(format!("Dossier id: {}", claim.id));
        text_element(w, "Description", &about.join("\n"))?;
        for stance in crate::model::Stance::ALL {
            let code = stance_code_guid(claim.id, stance);
            w.write_event(Xml::Empty(element(
                "Code",
                &[
                    ("guid", &code),
                    ("name", stance.as_str()),
                    ("isCodable", "true"),
                ],
            )))?;
        }
        end(w, "Code")?;
    }
    end(w, "Code")
}

/// The GUID of an article (also its text's file name).
pub fn doc_guid(doc: &Document) -> String {
    guid("doc", doc.id)
}

/// The GUID of the `User` for an analyst's name.
pub fn user_guid(name: &str) -> String {
    guid("user", format_args!("analyst:{name}"))
}

/// The `User` GUID of whoever made a passage: its author's, or Dossier's (`default`).
fn passage_user(p: &Passage, default: &str) -> String {
    match p.author.trim() {
        "" => default.to_owned(),
        name => user_guid(name),
    }
}

/// The GUID of the coding of a passage with a tag.
pub fn coding_guid(passage: &Passage, tag: TagId) -> String {
    guid("coding", format_args!("{}/{}", passage.id, tag))
}

/// A stable GUID for a thing of a kind ("tag", "passage", …) with an id: a version-8 UUID made of
/// the BLAKE3 hash of `dossier:<kind>:<id>`, lower-case, 8-4-4-4-12.
pub fn guid(kind: &str, id: impl std::fmt::Display) -> String {
    let hash = blake3::hash(format!("dossier:{kind}:{id}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash.as_bytes()[..16]);
    b[6] = (b[6] & 0x0f) | 0x80; // version 8 (custom)
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A time as `xsd:dateTime`, or `None` when unknown (zero).
fn time(t: Timestamp) -> Option<String> {
    (t.0 != 0).then(|| t.to_string())
}

/// A start tag with attributes, their values escaped for XML (see [`escape`]).
fn element<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        let value = escape(value, true);
        start.push_attribute(Attribute::from((key.as_bytes(), value.as_bytes())));
    }
    start
}

/// `<name>text</name>`, the text escaped.
fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    w.write_event(Xml::Start(BytesStart::new(name)))?;
    let escaped = escape(text, false);
    w.write_event(Xml::Text(BytesText::from_escaped(escaped.as_str())))?;
    end(w, name)
}

fn end(w: &mut Writer<Vec<u8>>, name: &str) -> std::io::Result<()> {
    w.write_event(Xml::End(BytesEnd::new(name)))
}

/// Text escaped for XML 1.0: `&`, `<` and `>`; in attributes also both quotes, tab and line ends
/// (which a parser would otherwise turn into spaces); everywhere a carriage return (which a parser
/// would drop); characters XML 1.0 forbids become U+FFFD.
pub(crate) fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Whether XML 1.0 allows the character (production `Char`).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
