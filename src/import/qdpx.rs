//! Reading REFI-QDA projects (`.qdpx`, QDA-XML 1.0) from QualCoder, MAXQDA, ATLAS.ti, NVivo,
//! small tools and Dossier's own export.
//!
//! What is read:
//!
//! | QDA-XML | Dossier |
//! | --- | --- |
//! | `TextSource` (`name`; text from `plainTextPath` or `PlainTextContent`) | an article titled `name` |
//! | `CodeBook/Codes/Code`, nested (`name`, `color`, `Description`) | tags, nested the same way; a code whose path of names (case-insensitive) matches an existing tag's becomes that tag |
//! | `PlainTextSelection` (`startPosition`, `endPosition`) | a passage |
//! | its `Coding/CodeRef` | the passage's tags |
//! | its `NoteRef` → `Notes/Note/PlainTextContent`; its `Description` (foreign files) | the passage's note |
//! | Dossier's own `Case` (described "Actor (kind)…") with `SelectionRef`s | an actor linked to those passages, in the role the selection's description names |
//! | Dossier's own `Set` (described "Event (kind) · date · place · description") | an event, linked to the passages whose description names it |
//!
//! Source texts: `plainTextPath` may be `internal://NAME`, `relative://NAME`, a path inside the
//! archive, or a bare file name; it is looked for as given, then under `sources/` (in any case),
//! then by file name anywhere in the archive. Paths to files outside the archive (absolute, with
//! `..`, `file://`) are refused: nothing outside the `.qdpx` is read. Texts are decoded like text
//! files (BOM, UTF-8, UTF-16, legacy encodings); positions count the code points of the text as
//! stored, after its BOM, and are moved when CRLF line ends become LF.
//!
//! Foreign files' cases and sets are not turned into actors or events (their meaning differs from
//! tool to tool); they are reported. Other elements Dossier has no place for (variables, links,
//! graphs, picture, audio, video and PDF sources, notes on sources) are skipped with a warning.
//! A selection that does not fit its text is skipped with a warning.

use std::collections::{BTreeMap, HashMap};

use super::archive::{self, Archive};
use super::xml::{self, Node};
use super::{ImportError, ImportOptions, Imported, decode, meta, normalize_newlines};
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, DateSpec, DocId, Document, Event, EventId, EventKind,
    EventRole, PartialDate, Passage, Rgb, Tag, TagId, Text, Timestamp,
};

/// The colour of codes that have none.
const DEFAULT_COLOR: Rgb = Rgb([0x8a, 0x8f, 0x98]);

/// What a `.qdpx` file adds, before duplicates are weighed against the project.
#[derive(Debug, Default)]
pub(crate) struct QdpxImport {
    /// Articles with their passages (whose `doc` is the article's id).
    pub sources: Vec<(Imported, Vec<Passage>)>,
    /// Tags not yet known, parents before children.
    pub tags: Vec<Tag>,
    /// Actors not yet known.
    pub actors: Vec<Actor>,
    /// Events not yet known.
    pub events: Vec<Event>,
    /// What was skipped, and why.
    pub warnings: Vec<String>,
}

/// What is already there: tags, actors and events codes and cases merge with.
pub(crate) struct Known<'a> {
    /// Every tag of the project and of the batch so far.
    pub tags: &'a [Tag],
    /// Every actor.
    pub actors: &'a [Actor],
    /// Every event.
    pub events: &'a [Event],
}

fn invalid(origin: &str, reason: impl Into<String>) -> ImportError {
    ImportError::Qdpx {
        reason: reason.into(),
        origin: origin.to_owned(),
    }
}

/// Reads a `.qdpx` archive.
pub(crate) fn read(
    bytes: &[u8],
    origin: &str,
    opts: &ImportOptions,
    known: &Known<'_>,
) -> Result<QdpxImport, ImportError> {
    let mut zip = Archive::open(bytes, origin)?;
    let qde = zip
        .names()
        .iter()
        .position(|n| n.eq_ignore_ascii_case("project.qde"))
        .or_else(|| {
            zip.names()
                .iter()
                .position(|n| !n.contains('/') && n.to_ascii_lowercase().ends_with(".qde"))
        })
        .ok_or_else(|| invalid(origin, "no project.qde in the archive"))?;
    let entry = zip.names()[qde].clone();
    let xml_bytes = zip.read(qde)?;
    let root = xml::parse(&xml_bytes).map_err(|e| ImportError::Xml {
        entry: entry.clone(),
        line: e.line,
        column: e.column,
        reason: e.reason,
        origin: origin.to_owned(),
    })?;
    if root.name != "Project" {
        return Err(invalid(
            origin,
            format!("{entry} holds <{}>, not a QDA-XML <Project>", root.name),
        ));
    }
    let ours = root.attr("origin") == Some("Dossier");
    let mut out = QdpxImport::default();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();

    // Codes.
    let mut codes: HashMap<String, TagId> = HashMap::new();
    let mut tags: Vec<Tag> = known.tags.to_vec();
    if let Some(book) = root.child("CodeBook") {
        for codes_node in book.all("Codes") {
            for code in codes_node.all("Code") {
                read_code(
                    code,
                    None,
                    &mut tags,
                    &mut out.tags,
                    &mut codes,
                    &mut skipped,
                );
            }
        }
    }

    // Notes.
    let mut notes: HashMap<String, String> = HashMap::new();
    if let Some(list) = root.child("Notes") {
        for note in list.all("Note") {
            let text = note
                .child("PlainTextContent")
                .map(Node::text)
                .unwrap_or_default();
            if let Some(guid) = note.attr("guid") {
                notes.insert(guid.to_ascii_lowercase(), text);
            }
        }
    }

    // Sources and their selections.
    let mut selections: HashMap<String, (usize, usize)> = HashMap::new();
    let mut descriptions: Vec<Vec<String>> = Vec::new();
    for sources in root.all("Sources") {
        for source in sources.elements() {
            if source.name != "TextSource" {
                *skipped.entry(source.name.clone()).or_default() += 1;
                continue;
            }
            let (imported, map) = read_text(&mut zip, source, origin, opts, ours)?;
            let text = &imported.document.text;
            let title = imported.document.title.clone();
            let mut passages = Vec::new();
            let mut passage_descriptions = Vec::new();
            for child in source.elements() {
                match child.name.as_str() {
                    "PlainTextSelection" => {}
                    "Description" | "PlainTextContent" => continue,
                    other => {
                        let what = if other == "NoteRef" {
                            "NoteRef (a note on a whole source)"
                        } else {
                            other
                        };
                        *skipped.entry(what.to_owned()).or_default() += 1;
                        continue;
                    }
                }
                let position = |key: &str| {
                    child
                        .attr(key)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .map(|p| map.map(p))
                };
                let (Some(start), Some(end)) = (position("startPosition"), position("endPosition"))
                else {
                    out.warnings.push(format!(
                        "skipped a selection in {title:?} without valid start and end positions"
                    ));
                    continue;
                };
                let (start, end) = (start.min(end), start.max(end));
                let Some(mut passage) = Passage::new(&imported.document, start, end) else {
                    out.warnings.push(format!(
                        "skipped a selection in {title:?} at {start}..{end}: it does not fit \
                         the text of {} chars",
                        text.len_chars()
                    ));
                    continue;
                };
                for coding in child.all("Coding") {
                    for code_ref in coding.all("CodeRef") {
                        match code_ref
                            .attr("targetGUID")
                            .and_then(|g| codes.get(&g.to_ascii_lowercase()))
                        {
                            Some(tag) => passage.tags.push(*tag),
                            None => out.warnings.push(format!(
                                "a coding in {title:?} refers to no known code; left out"
                            )),
                        }
                    }
                }
                let mut note = Vec::new();
                let description = child
                    .child("Description")
                    .map(Node::text)
                    .unwrap_or_default();
                if !ours && !description.trim().is_empty() {
                    note.push(description.trim().to_owned());
                }
                for note_ref in child.all("NoteRef") {
                    if let Some(text) = note_ref
                        .attr("targetGUID")
                        .and_then(|g| notes.get(&g.to_ascii_lowercase()))
                        && !text.trim().is_empty()
                    {
                        note.push(text.clone());
                    }
                }
                passage.note = note.join("\n\n");
                for (key, field) in [
                    ("creationDateTime", &mut passage.created),
                    ("modifiedDateTime", &mut passage.edited),
                ] {
                    if let Some(t) = child.attr(key).and_then(|v| v.parse::<Timestamp>().ok()) {
                        *field = t;
                    }
                }
                if passage.edited.0 < passage.created.0 {
                    passage.edited = passage.created;
                }
                passage.normalize();
                if let Some(guid) = child.attr("guid") {
                    selections.insert(
                        guid.to_ascii_lowercase(),
                        (out.sources.len(), passages.len()),
                    );
                }
                passages.push(passage);
                passage_descriptions.push(description);
            }
            out.sources.push((imported, passages));
            descriptions.push(passage_descriptions);
        }
    }

    // Cases and sets: actors and events when they are Dossier's own.
    let mut actors: Vec<Actor> = known.actors.to_vec();
    let mut events: Vec<Event> = known.events.to_vec();
    if let Some(cases) = root.child("Cases") {
        for case in cases.all("Case") {
            let about = case
                .child("Description")
                .map(Node::text)
                .unwrap_or_default();
            let parsed = if ours {
                parse_actor(case, &about)
            } else {
                None
            };
            let Some(actor) = parsed else {
                *skipped.entry("Case".to_owned()).or_default() += 1;
                continue;
            };
            let id = match actors
                .iter()
                .find(|a| a.name.to_lowercase() == actor.name.to_lowercase())
            {
                Some(a) => a.id,
                None => {
                    actors.push(actor.clone());
                    out.actors.push(actor.clone());
                    actor.id
                }
            };
            for selection in case.all("SelectionRef") {
                let Some(&(s, p)) = selection
                    .attr("targetGUID")
                    .and_then(|g| selections.get(&g.to_ascii_lowercase()))
                else {
                    continue;
                };
                let description = &descriptions[s][p];
                let line = field_line(description, "Actors: ");
                let mut roles: Vec<ActorRole> = ActorRole::ALL
                    .into_iter()
                    .filter(|role| names(line, &actor.name, role.as_str()))
                    .collect();
                if roles.is_empty() {
                    roles.push(ActorRole::Mentioned);
                }
                let passage = &mut out.sources[s].1[p];
                passage.actors.extend(roles.into_iter().map(|r| (id, r)));
                passage.normalize();
            }
        }
    }
    let mut set_events: Vec<(String, EventId)> = Vec::new();
    if let Some(sets) = root.child("Sets") {
        for set in sets.all("Set") {
            let about = set.child("Description").map(Node::text).unwrap_or_default();
            let parsed = if ours { parse_event(set, &about) } else { None };
            let Some(event) = parsed else {
                *skipped.entry("Set".to_owned()).or_default() += 1;
                continue;
            };
            let id = match events
                .iter()
                .find(|e| e.title.to_lowercase() == event.title.to_lowercase())
            {
                Some(e) => e.id,
                None => {
                    events.push(event.clone());
                    out.events.push(event.clone());
                    event.id
                }
            };
            set_events.push((event.title.clone(), id));
        }
    }
    link_events(&mut out.sources, &descriptions, &set_events);

    for child in root.elements() {
        if !matches!(
            child.name.as_str(),
            "Users" | "CodeBook" | "Cases" | "Sources" | "Notes" | "Sets" | "Description"
        ) {
            *skipped.entry(child.name.clone()).or_default() += 1;
        }
    }
    for (name, n) in skipped {
        let what = match name.as_str() {
            "Case" => "cases (not made by Dossier, so not read as actors)".to_owned(),
            "Set" => "sets (not made by Dossier, so not read as events)".to_owned(),
            _ => format!("<{name}> elements (Dossier has no place for them)"),
        };
        out.warnings.push(format!("skipped {n} {what}"));
    }
    Ok(out)
}

/// Links passages to the events their selection's description names (`Events: Title (role);
/// …`): each item is looked up by title; a line with an item that is not a known title (a title
/// holding "; ") is scanned for every title instead.
fn link_events(
    sources: &mut [(Imported, Vec<Passage>)],
    descriptions: &[Vec<String>],
    events: &[(String, EventId)],
) {
    if events.is_empty() {
        return;
    }
    let by_title: HashMap<&str, EventId> = events.iter().map(|(t, id)| (t.as_str(), *id)).collect();
    for (s, (_, passages)) in sources.iter_mut().enumerate() {
        for (p, passage) in passages.iter_mut().enumerate() {
            let line = field_line(&descriptions[s][p], "Events: ");
            if line.is_empty() {
                continue;
            }
            let mut links = Vec::new();
            let quick = line.split("; ").all(|item| {
                EventRole::ALL.into_iter().any(|role| {
                    let found = item
                        .strip_suffix(&format!(" ({role})"))
                        .and_then(|title| by_title.get(title));
                    if let Some(id) = found {
                        links.push((*id, role));
                    }
                    found.is_some()
                })
            });
            if !quick {
                links.clear();
                for (title, id) in events {
                    links.extend(
                        EventRole::ALL
                            .into_iter()
                            .filter(|role| names(line, title, role.as_str()))
                            .map(|role| (*id, role)),
                    );
                }
            }
            if !links.is_empty() {
                passage.events.extend(links);
                passage.normalize();
            }
        }
    }
}

/// The line of a selection description that starts with `label`, without it.
fn field_line<'d>(description: &'d str, label: &str) -> &'d str {
    description
        .lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or("")
}

/// Whether a `Name (role); Name (role)` list holds `name (role)` as a whole item.
fn names(line: &str, name: &str, role: &str) -> bool {
    let item = format!("{name} ({role})");
    line.match_indices(&item).any(|(at, _)| {
        let before = &line[..at];
        let after = &line[at + item.len()..];
        (before.is_empty() || before.ends_with("; "))
            && (after.is_empty() || after.starts_with("; "))
    })
}

/// One code and its sub-codes, merged by path with the tags there are.
fn read_code(
    code: &Node,
    parent: Option<TagId>,
    tags: &mut Vec<Tag>,
    new: &mut Vec<Tag>,
    guids: &mut HashMap<String, TagId>,
    skipped: &mut BTreeMap<String, usize>,
) {
    let name = code.attr("name").map(str::trim).unwrap_or("");
    let name = if name.is_empty() {
        "Unnamed code"
    } else {
        name
    };
    let lower = name.to_lowercase();
    let id = match tags
        .iter()
        .find(|t| t.parent == parent && t.name.to_lowercase() == lower)
    {
        Some(t) => t.id,
        None => {
            let tag = Tag {
                id: TagId::random(),
                name: name.to_owned(),
                color: code
                    .attr("color")
                    .and_then(|c| c.trim().parse::<Rgb>().ok())
                    .unwrap_or(DEFAULT_COLOR),
                parent,
                description: code
                    .child("Description")
                    .map(|d| d.text().trim().to_owned())
                    .unwrap_or_default(),
            };
            tags.push(tag.clone());
            new.push(tag.clone());
            tag.id
        }
    };
    if let Some(guid) = code.attr("guid") {
        guids.insert(guid.to_ascii_lowercase(), id);
    }
    for child in code.elements() {
        match child.name.as_str() {
            "Code" => read_code(child, Some(id), tags, new, guids, skipped),
            "Description" => {}
            other => *skipped.entry(other.to_owned()).or_default() += 1,
        }
    }
}

/// Maps positions in the stored text to positions in the normalised one.
pub(crate) struct PositionMap {
    /// Positions (in the stored text, in chars) of the CRs dropped from CRLF pairs, ascending.
    dropped: Vec<usize>,
}

impl PositionMap {
    /// The position in the normalised text of a position in the stored one.
    pub fn map(&self, position: usize) -> usize {
        position - self.dropped.partition_point(|&d| d < position)
    }
}

/// Where the CRs of CRLF pairs are (in chars), before they are dropped.
pub(crate) fn crlf_positions(text: &str) -> PositionMap {
    let mut dropped = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            dropped.push(i);
        }
    }
    PositionMap { dropped }
}

/// The article of a `TextSource`, and how its positions move.
fn read_text(
    zip: &mut Archive<'_>,
    source: &Node,
    origin: &str,
    opts: &ImportOptions,
    ours: bool,
) -> Result<(Imported, PositionMap), ImportError> {
    let name = source.attr("name").unwrap_or("").trim().to_owned();
    let label = if name.is_empty() {
        source.attr("guid").unwrap_or("a text source").to_owned()
    } else {
        name.clone()
    };
    let (raw, encoding, mut warnings, entry) = if let Some(path) = source.attr("plainTextPath") {
        let entry = find_text(zip, path, origin, &label)?;
        let bytes = zip.read(entry)?;
        let entry_name = zip.names()[entry].clone();
        let decoded = decode::decode(&bytes, &format!("{origin}:{entry_name}"), opts.lossy)?;
        (decoded.text, decoded.encoding, decoded.warnings, entry_name)
    } else if let Some(content) = source.child("PlainTextContent") {
        (content.text(), "UTF-8", Vec::new(), String::new())
    } else {
        return Err(invalid(
            origin,
            format!("the text source {label:?} has neither plainTextPath nor PlainTextContent"),
        ));
    };
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw).to_owned();
    let map = crlf_positions(&raw);
    let text = normalize_newlines(raw);
    let mut document = Document {
        id: DocId::random(),
        title: String::new(),
        source: String::new(),
        author: String::new(),
        url: String::new(),
        published: None,
        origin: if entry.is_empty() {
            origin.to_owned()
        } else {
            format!("{origin}:{entry}")
        },
        imported: Timestamp::now(),
        text: Text::new(String::new()),
    };
    let about = source
        .child("Description")
        .map(Node::text)
        .unwrap_or_default();
    if ours {
        for line in about.lines() {
            let field = |label: &str| line.strip_prefix(label).map(|v| v.trim().to_owned());
            if let Some(v) = field("Outlet: ") {
                document.source = v;
            } else if let Some(v) = field("Published: ") {
                document.published = v.parse::<PartialDate>().ok();
            } else if let Some(v) = field("Author: ") {
                document.author = v;
            } else if let Some(v) = field("Address: ") {
                document.url = v;
            }
        }
    } else {
        let guess = meta::guess(&text, false);
        document.source = guess.source;
        document.author = guess.author;
        document.url = guess.url;
        document.published = guess.published;
        warnings.extend(guess.warnings);
        if name.is_empty() {
            document.title = guess.title;
        }
    }
    document.title = if !name.is_empty() {
        meta::shorten(&name, meta::MAX_TITLE_CHARS)
    } else if document.title.is_empty() {
        label
    } else {
        document.title
    };
    document.text = Text::new(text);
    Ok((
        Imported {
            document,
            encoding,
            warnings,
        },
        map,
    ))
}

/// The archive entry a `plainTextPath` names.
fn find_text(
    zip: &Archive<'_>,
    path: &str,
    origin: &str,
    label: &str,
) -> Result<usize, ImportError> {
    let trimmed = path.trim();
    let lower = trimmed.to_ascii_lowercase();
    let inner = ["internal://", "relative://"]
        .iter()
        .find_map(|scheme| lower.starts_with(scheme).then(|| &trimmed[scheme.len()..]))
        .unwrap_or(trimmed)
        .replace('\\', "/");
    let inner = inner.trim_start_matches("./");
    let inner_lower = inner.to_ascii_lowercase();
    if inner_lower.starts_with("file:") || inner.contains("://") || archive::is_unsafe_name(inner) {
        return Err(invalid(
            origin,
            format!(
                "the text of {label:?} is outside the archive ({path}); only texts inside the \
                 .qdpx are read"
            ),
        ));
    }
    let file_name = inner.rsplit('/').next().unwrap_or(inner);
    zip.find(inner)
        .or_else(|| zip.find(&format!("sources/{inner}")))
        .or_else(|| zip.find(&format!("sources/{file_name}")))
        .or_else(|| {
            zip.names().iter().position(|n| {
                n.rsplit('/')
                    .next()
                    .is_some_and(|f| f.eq_ignore_ascii_case(file_name))
            })
        })
        .ok_or_else(|| {
            invalid(
                origin,
                format!("the text of {label:?} ({path}) is not in the archive"),
            )
        })
}

/// An actor from a case of Dossier's export: `Actor (kind)[; also A, B][. description]`.
fn parse_actor(case: &Node, about: &str) -> Option<Actor> {
    let name = case.attr("name")?.trim();
    let rest = about.trim().strip_prefix("Actor (")?;
    let (label, mut rest) = rest.split_once(')')?;
    let kind = ActorKind::ALL
        .into_iter()
        .find(|k| k.label() == label)
        .unwrap_or(ActorKind::Other);
    let mut aliases = Vec::new();
    if let Some(also) = rest.strip_prefix("; also ") {
        let (list, after) = match also.find(". ") {
            Some(i) => (&also[..i], &also[i..]),
            None => (also, ""),
        };
        aliases = list
            .split(", ")
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        rest = after;
    }
    let description = rest.strip_prefix(". ").unwrap_or(rest).trim().to_owned();
    (!name.is_empty()).then(|| Actor {
        author: String::new(),
        id: ActorId::random(),
        name: name.to_owned(),
        kind,
        aliases,
        description,
    })
}

/// An event from a set of Dossier's export: `Event (kind) · date · place · description`, each
/// part after the kind optional. A single part after the date is read as the place when it is
/// short (up to 40 chars) and has no full stop, else as the description.
fn parse_event(set: &Node, about: &str) -> Option<Event> {
    let title = set.attr("name")?.trim();
    let mut parts = about.trim().split(" · ");
    let label = parts.next()?.strip_prefix("Event (")?.strip_suffix(')')?;
    let kind = EventKind::ALL
        .into_iter()
        .find(|k| k.label() == label)
        .unwrap_or(EventKind::Other);
    let mut rest: Vec<&str> = parts.collect();
    let date = rest.first().and_then(|d| d.parse::<DateSpec>().ok());
    if date.is_some() {
        rest.remove(0);
    }
    let (place, description) = match rest.as_slice() {
        [] => (String::new(), String::new()),
        [one] if one.chars().count() <= 40 && !one.contains('.') => {
            ((*one).to_owned(), String::new())
        }
        [one] => (String::new(), (*one).to_owned()),
        [place, more @ ..] => ((*place).to_owned(), more.join(" · ")),
    };
    (!title.is_empty()).then(|| Event {
        author: String::new(),
        id: EventId::random(),
        title: title.to_owned(),
        date,
        place,
        kind,
        participants: Vec::new(),
        description,
    })
}
