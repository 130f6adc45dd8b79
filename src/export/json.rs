//! The JSON export: a project (or the part an [`ExcerptQuery`] selects) as one JSON document with
//! a stable, versioned schema, for scripts and other tools.
//!
//! # Schema, version 2
//!
//! (Also in `docs/json-schema.md`.) One object:
//!
//! ```json
//! {
//!   "format": "dossier-export",
//!   "version": 2,
//!   "title": "Ceasefire talks, 2025", "description": "Who says what about …",
//!   "documents": [{ "id": "d…", "title": "…", "source": "Reuters", "author": "", "url": "",
//!                   "published": "2025-08-06", "fetched": "2025-08-07T09:12:00Z",
//!                   "versions": [{ "date": "2025-08-08T10:00:00Z", "fetched": "2025-08-07T09:12:00Z",
//!                                  "hash": "…", "title": "…", "stealth": true }],
//!                   "text": "…" }],
//!   "passages":  [{ "id": "p…", "doc": "d…", "start": 412, "end": 530,
//!                   "quote": "…", "prefix": "…", "suffix": "…",
//!                   "tags": ["Quote"], "tag_ids": ["t…"],
//!                   "actors": [{ "id": "a…", "name": "Vladimir Putin", "role": "speaker" }],
//!                   "events": [{ "id": "e…", "name": "Witkoff meets Putin", "role": "reports" }],
//!                   "note": "", "author": "", "credibility": 6 }],
//!   "tags":      [{ "id": "t…", "name": "Quote", "color": "#d9822b", "parent": "t…",
//!                   "description": "", "path": "Claim/Quote" }],
//!   "actors":    [{ "id": "a…", "name": "Vladimir Putin", "kind": "person",
//!                   "aliases": ["Putin"], "description": "", "author": "",
//!                   "grade": "F" }],
//!   "events":    [{ "id": "e…", "title": "…", "date": "2025-08-06", "place": "Moscow",
//!                   "kind": "consult",
//!                   "participants": [{ "id": "a…", "name": "Steve Witkoff", "role": "initiator" }],
//!                   "description": "", "author": "" }],
//!   "outlets":   [{ "name": "Reuters", "grade": "B" }],
//!   "claims":    [{ "id": "c…", "statement": "…", "event": "e…", "description": "",
//!                   "stances": [{ "passage": "p…", "holder": "Yuri Ushakov",
//!                                 "holder_kind": "speaker", "holder_grade": "F",
//!                                 "outlet": "Reuters", "stance": "disputes", "document": "d…",
//!                                 "quote": "…", "credibility": 6 }],
//!                   "independent_outlets": 1, "supporting_outlets": ["Reuters"],
//!                   "contested": true, "single_source": true }],
//!   "ach":       { "formula": "…", "hypotheses": [{ "id": "h…", "title": "…", "rank": 1,
//!                  "inconsistency": 1.2, … }], "evidence": [{ "id": "p…", "passage": "p…",
//!                  "enabled": true, "diagnostic": true, "ratings": { "h…": "II" }, … }] }
//! }
//! ```
//!
//! - Every field is always present; unknown values are `""`, `[]` or `null` (`published`, `date`,
//!   `parent`).
//! - `start`/`end` count Unicode scalar values (not bytes, not UTF-16 units), zero-based, end
//!   exclusive: `quote` equals the document's `text` from `start` to `end`. `prefix`/`suffix` are up
//!   to 32 chars of context.
//! - Dates are ISO 8601, possibly partial (`2025`, `2025-08`), `~` marks approximate, `a/b` a range.
//! - `tags` of a passage are tag names, sorted by path; `tag_ids` are the same tags' ids in the
//!   same order (names can repeat under different parents; ids and `path` cannot).
//! - Actor and event links are objects `{id, name, role}`; for an event, `name` is its title.
//!   Roles: actors `speaker | subject | target | mentioned`; events `reports | claims | denies |
//!   context`; participants `initiator | target | mediator | participant`.
//! - Actor `kind`: `person | organisation | state | group | media | other`. Event `kind`: the PLOVER
//!   categories in lower case (`consult`, `agree`, … `assault`, `other`).
//! - Order: as in the project file — documents, tags, actors and events by id; passages by
//!   document id, start, end, id. The same project and query always give the same bytes.
//! - `documents` and `passages` are those the query selects (see [`ExcerptQuery`]): with a
//!   passage filter, only the documents the selected passages come from; `tags`, `actors` and
//!   `events` are always the whole codebook.
//! - `author` (passages, actors, events) is the analyst who made or last changed the item, `""`
//!   when unknown (added within version 1: fields are only ever added).
//! - `fetched` (documents) is when an article fetched from the web was fetched (`null` for one
//!   imported from a file); `versions` are its earlier texts, oldest first: `date` when a newer
//!   text replaced it, `fetched` when it was fetched, `hash` the BLAKE3 hash (hex) of its text,
//!   `title` its title then, `stealth` whether the page changed without a new modification date
//!   (added within version 1).
//! - Grades (Admiralty scale): `grade` of actors (as speakers) and outlets is `A`–`F` (`F`,
//!   "cannot be judged", when nobody graded it); `credibility` of passages is 1–6 (6 when
//!   ungraded). `outlets` lists every outlet an article names or a grade was given to, by name.
//! - `claims` are every claim of the project, by statement, with every stance (one per holder:
//!   the passage's speakers, else its article's outlet), computed `independent_outlets`
//!   (reprints counted once), `contested` and `single_source` — as `dossier claims --json`
//!   prints them (see `crate::corroboration` for the rules).
//! - `ach` is the matrix of competing hypotheses with its scores, as `dossier ach --json` prints
//!   it (see `crate::export::ach` for the fields and `crate::ach` for the rules); the whole
//!   matrix whatever the selection.
//! - Version 2 added `grade`, `credibility`, `outlets`, `claims` and `ach`. A later version adds fields
//!   only; consumers should ignore fields they do not know.

use serde::Serialize;

use super::cite::{actor_kind, event_kind};
use super::query::ExcerptQuery;
use crate::model::Project;

/// The `format` field of the export.
pub const FORMAT: &str = "dossier-export";
/// The schema version written.
pub const VERSION: u32 = 2;

/// The export as a JSON value tree would be built: borrowed from the project.
#[derive(Serialize)]
struct Export<'p> {
    format: &'static str,
    version: u32,
    title: &'p str,
    description: &'p str,
    documents: Vec<JsonDocument<'p>>,
    passages: Vec<JsonPassage<'p>>,
    tags: Vec<JsonTag<'p>>,
    actors: Vec<JsonActor<'p>>,
    events: Vec<JsonEvent<'p>>,
    outlets: Vec<JsonOutlet>,
    claims: Vec<super::claims::JsonClaim<'p>>,
    ach: super::ach::JsonAch<'p>,
}

/// An outlet and its reliability grade.
#[derive(Serialize)]
struct JsonOutlet {
    name: String,
    grade: &'static str,
}

#[derive(Serialize)]
struct JsonDocument<'p> {
    id: String,
    title: &'p str,
    source: &'p str,
    author: &'p str,
    url: &'p str,
    published: Option<String>,
    fetched: Option<String>,
    versions: Vec<JsonVersion<'p>>,
    text: &'p str,
}

/// An earlier text of a fetched article (without the text).
#[derive(Serialize)]
struct JsonVersion<'p> {
    date: String,
    fetched: String,
    hash: &'p str,
    title: &'p str,
    stealth: bool,
}

#[derive(Serialize)]
struct JsonPassage<'p> {
    id: String,
    doc: String,
    start: usize,
    end: usize,
    quote: &'p str,
    prefix: &'p str,
    suffix: &'p str,
    tags: Vec<&'p str>,
    tag_ids: Vec<String>,
    actors: Vec<Link<'p>>,
    events: Vec<Link<'p>>,
    note: &'p str,
    author: &'p str,
    credibility: u8,
}

/// A reference to an actor or event with a role.
#[derive(Serialize)]
struct Link<'p> {
    id: String,
    name: &'p str,
    role: &'static str,
}

#[derive(Serialize)]
struct JsonTag<'p> {
    id: String,
    name: &'p str,
    color: String,
    parent: Option<String>,
    description: &'p str,
    path: String,
}

#[derive(Serialize)]
struct JsonActor<'p> {
    id: String,
    name: &'p str,
    kind: &'static str,
    aliases: &'p [String],
    description: &'p str,
    author: &'p str,
    grade: &'static str,
}

#[derive(Serialize)]
struct JsonEvent<'p> {
    id: String,
    title: &'p str,
    date: Option<String>,
    place: &'p str,
    kind: &'static str,
    participants: Vec<Link<'p>>,
    description: &'p str,
    author: &'p str,
}

/// The JSON export of what `query` selects from `project`: pretty-printed, UTF-8, ending in a
/// newline. The schema is described in this module's documentation.
pub fn to_json_string(
    project: &Project,
    query: &ExcerptQuery,
) -> Result<String, serde_json::Error> {
    let mut out = serde_json::to_string_pretty(&build(project, query))?;
    out.push('\n');
    Ok(out)
}

fn build<'p>(project: &'p Project, query: &ExcerptQuery) -> Export<'p> {
    let excerpts = query.run(project);
    let documents = excerpts
        .documents
        .iter()
        .map(|d| JsonDocument {
            id: d.id.to_string(),
            title: &d.title,
            source: &d.source,
            author: &d.author,
            url: &d.url,
            published: d.published.map(|p| p.to_string()),
            fetched: project
                .web()
                .fetched
                .get(&d.id)
                .map(|f| f.fetched.to_string()),
            versions: project
                .web()
                .fetched
                .get(&d.id)
                .map(|f| {
                    f.versions
                        .iter()
                        .map(|v| JsonVersion {
                            date: v.replaced.to_string(),
                            fetched: v.fetched.to_string(),
                            hash: &v.hash,
                            title: &v.title,
                            stealth: v.stealth,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            text: d.text.as_str(),
        })
        .collect();
    let passages = excerpts
        .passages
        .iter()
        .map(|p| {
            let mut tags: Vec<(String, &str, String)> = p
                .tags
                .iter()
                .filter_map(|t| project.tag(*t))
                .map(|t| {
                    (
                        project.tag_path(t.id, Project::TAG_PATH_SEPARATOR),
                        t.name.as_str(),
                        t.id.to_string(),
                    )
                })
                .collect();
            tags.sort();
            JsonPassage {
                id: p.id.to_string(),
                doc: p.doc.to_string(),
                start: p.start,
                end: p.end,
                quote: &p.quote,
                prefix: &p.prefix,
                suffix: &p.suffix,
                tag_ids: tags.iter().map(|(_, _, id)| id.clone()).collect(),
                tags: tags.iter().map(|(_, name, _)| *name).collect(),
                actors: p
                    .actors
                    .iter()
                    .filter_map(|(id, role)| {
                        project.actor(*id).map(|a| Link {
                            id: id.to_string(),
                            name: &a.name,
                            role: role.as_str(),
                        })
                    })
                    .collect(),
                events: p
                    .events
                    .iter()
                    .filter_map(|(id, role)| {
                        project.event(*id).map(|e| Link {
                            id: id.to_string(),
                            name: &e.title,
                            role: role.as_str(),
                        })
                    })
                    .collect(),
                note: &p.note,
                author: &p.author,
                credibility: project.evidence().credibility(p.id).number(),
            }
        })
        .collect();
    let tags = project
        .tags()
        .values()
        .map(|t| JsonTag {
            id: t.id.to_string(),
            name: &t.name,
            color: t.color.to_string(),
            parent: t.parent.map(|p| p.to_string()),
            description: &t.description,
            path: project.tag_path(t.id, Project::TAG_PATH_SEPARATOR),
        })
        .collect();
    let actors = project
        .actors()
        .values()
        .map(|a| JsonActor {
            id: a.id.to_string(),
            name: &a.name,
            kind: actor_kind(a.kind),
            aliases: &a.aliases,
            description: &a.description,
            author: &a.author,
            grade: project.evidence().actor_grade(a.id).as_str(),
        })
        .collect();
    let events = project
        .events()
        .values()
        .map(|e| JsonEvent {
            id: e.id.to_string(),
            title: &e.title,
            date: e.date.map(|d| d.to_string()),
            place: &e.place,
            kind: event_kind(e.kind),
            participants: e
                .participants
                .iter()
                .filter_map(|(id, role)| {
                    project.actor(*id).map(|a| Link {
                        id: id.to_string(),
                        name: &a.name,
                        role: role.as_str(),
                    })
                })
                .collect(),
            description: &e.description,
            author: &e.author,
        })
        .collect();
    let outlets = crate::corroboration::Outlets::of(project)
        .all()
        .into_iter()
        .map(|name| JsonOutlet {
            grade: project.evidence().outlet_grade(&name).as_str(),
            name,
        })
        .collect();
    let reports = crate::corroboration::analyse(project);
    let claims = (reports.iter())
        .map(|r| super::claims::json_claim(project, r))
        .collect();
    Export {
        format: FORMAT,
        version: VERSION,
        title: &project.title,
        description: &project.description,
        documents,
        passages,
        tags,
        actors,
        events,
        outlets,
        claims,
        ach: super::ach::json_ach(project),
    }
}
