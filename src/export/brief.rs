//! The brief as a layout-free outline, shared by the document formats (DOCX, PDF), and the
//! tables every brief format shows (Markdown and HTML too, through [`blocks`]).
//!
//! [`Brief::build`] runs the query, groups and cites exactly as the Markdown brief does
//! ([`super::group`], [`super::cite`], the Markdown module's summary and headings) and returns
//! plain text pieces — no escaping, no markup — that each writer lays out its own way: a title, a
//! summary line, one [`Section`] per group with its [`Item`]s (quote paragraphs, citation, the
//! compact line of tags, actors and events, the note), then [`Table`]s (the event cards) and the
//! list of sources.
//!
//! Tables are the hook for what other parts of the project add to a brief (contested claims, an
//! ACH matrix): a table is a caption, a header row and rows of plain text, so a new table is one
//! function that returns [`Table`]s, called from [`blocks`], and every brief format shows it —
//! DOCX and PDF from [`Brief::tables`], Markdown and HTML from [`blocks`] through their one
//! table writer each (`markdown::table`, `html::table`).

use super::cite::{self, Excerpt};
use super::group;
use super::markdown::{heading_details, heading_text, summary};
use super::query::ExcerptQuery;
use super::{BriefTemplate, Part};
use crate::model::one_line;
use crate::model::{Document, Event, Passage, Project};

/// A brief, ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Brief {
    /// The project's title.
    pub title: String,
    /// "12 excerpts from 4 articles, grouped by tag. Selection: everything."
    pub summary: String,
    /// The project's description, one string per paragraph (see [`paragraphs`]).
    pub description: Vec<String>,
    /// One section per group, in the Markdown brief's order.
    pub sections: Vec<Section>,
    /// Tables after the sections (event cards, and whatever [`tables`] adds).
    pub tables: Vec<Table>,
    /// The cited articles, in reading order (publication date, then title).
    pub sources: Vec<Citation>,
}

/// One group of excerpts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The group's heading ("Claim/Assessment", "Vladimir Putin", "Untagged").
    pub heading: String,
    /// What the group is (a tag's description, an actor's kind…), when there is something to say.
    pub about: Option<String>,
    /// Its excerpts in reading order.
    pub items: Vec<Item>,
}

/// One excerpt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// The passage id.
    pub id: String,
    /// The quote, one entry per line of the passage (blank lines dropped).
    pub paragraphs: Vec<String>,
    /// Where it comes from.
    pub citation: Citation,
    /// "Tags: … · Actors: … · Events: …", empty when the passage has none.
    pub links: String,
    /// The analyst's note, trimmed; empty when there is none.
    pub note: String,
}

/// How to cite an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation {
    /// The outlet; empty when unknown.
    pub outlet: String,
    /// The byline; empty when unknown.
    pub author: String,
    /// The publication date as a reader writes it, `n.d.` when unknown.
    pub date: String,
    /// The article's title.
    pub title: String,
    /// The article's address when it is an http(s) one.
    pub url: Option<String>,
}

impl Citation {
    /// The citation of an article.
    pub fn of(doc: &Document) -> Self {
        Self {
            outlet: one_line(&doc.source),
            author: one_line(&doc.author),
            date: doc
                .published
                .map_or_else(|| "n.d.".to_owned(), cite::human_date),
            title: one_line(&doc.title),
            url: web_address(&doc.url).map(str::to_owned),
        }
    }

    /// The citation without its address: `Reuters, 2025-08-06, “Title”`.
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        if !self.outlet.is_empty() {
            parts.push(self.outlet.clone());
        }
        if !self.author.is_empty() {
            parts.push(self.author.clone());
        }
        parts.push(self.date.clone());
        parts.push(format!("“{}”", self.title));
        parts.join(", ")
    }
}

/// A table: a caption, a header row and rows of plain text (each row as long as the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    /// The heading over the table ("Event cards").
    pub title: String,
    /// What the table shows, one sentence.
    pub caption: String,
    /// The column names.
    pub header: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

impl Brief {
    /// The brief of what `query` selects from `project`, grouped `by`, with every part.
    #[cfg(test)]
    pub fn build(project: &Project, query: &ExcerptQuery, by: super::GroupBy) -> Self {
        let template = BriefTemplate {
            group_by: by,
            ..BriefTemplate::default()
        };
        Self::build_with(project, query, &template)
    }

    /// The brief of what `query` selects from `project`, made as `template` says: its grouping,
    /// and without the parts it leaves out (description, notes, claims and grades, contested
    /// claims, ACH, event cards).
    pub fn build_with(project: &Project, query: &ExcerptQuery, template: &BriefTemplate) -> Self {
        let by = template.group_by;
        let selection = query.run(project);
        let mut excerpts = cite::resolve(project, &selection);
        group::sort_for_reading(&mut excerpts);
        let sections = group::group(&excerpts, by)
            .into_iter()
            .map(|g| Section {
                heading: one_line(&heading_text(&g.heading)),
                about: heading_details(&g.heading),
                items: g.items.into_iter().map(|e| item(e, template)).collect(),
            })
            .collect();
        let docs = cited_articles(&excerpts);
        Self {
            title: one_line(&project.title),
            summary: summary(&excerpts, by, query),
            description: if template.includes(Part::Description) {
                paragraphs(&project.description)
            } else {
                Vec::new()
            },
            sections,
            tables: tables(project, &excerpts, template),
            sources: docs.into_iter().map(Citation::of).collect(),
        }
    }
}

/// The articles the excerpts cite, once each, by publication date then title: the brief's
/// "Sources" in every format.
pub(crate) fn cited_articles<'p>(excerpts: &[Excerpt<'p>]) -> Vec<&'p Document> {
    let mut docs: Vec<&Document> = excerpts.iter().map(|e| e.doc).collect();
    docs.sort_by(|a, b| group::by_doc_date(a, b));
    docs.dedup_by_key(|d| d.id);
    docs
}

impl Brief {
    /// The brief with `more` tables after those of [`tables`]: the appendices an export option
    /// asks for (the inter-coder agreement of two analysts), laid out like every other table.
    pub fn with_tables(mut self, more: impl IntoIterator<Item = Table>) -> Self {
        self.tables.extend(more);
        self
    }
}

/// A free text as paragraphs: split at blank lines, the lines of each joined by spaces; empty
/// for an empty text. Every brief format lays out the project's description this way.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain([""]) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// What a brief shows after its sections, in order: a table, or the contested claims.
///
/// The contested claims are their own block because the Markdown and HTML briefs write them as a
/// section that quotes both sides under each claim (with its event and the outlets that support
/// it), where DOCX and PDF lay the same stances out as the "Contested claims" table
/// ([`Block::into_table`]). Every other block is a [`Table`] that every format lays out with its
/// one table writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A table, with the part of the template that switches it.
    Table(Part, Table),
    /// The contested claims the excerpts take a stance on (never empty).
    Contested(Vec<super::claims::ContestedClaim>),
}

impl Block {
    /// The block as a table, for the formats that lay everything out as tables (DOCX, PDF).
    pub fn into_table(self) -> Option<Table> {
        match self {
            Self::Table(_, table) => Some(table),
            Self::Contested(claims) => super::claims::contested_table_of(&claims),
        }
    }
}

/// The blocks of a brief after its sections, in this order, each under the [`Part`] that
/// switches it off: the event cards of the events the excerpts link, the contested claims the
/// excerpts take a stance on, the grades of the sources they cite, the ACH ranking and matrix.
///
/// Hook: further tables are appended here; every brief format (Markdown, HTML, DOCX, PDF) shows
/// them.
pub(crate) fn blocks(
    project: &Project,
    excerpts: &[Excerpt<'_>],
    template: &BriefTemplate,
) -> Vec<Block> {
    let mut out = Vec::new();
    if template.includes(Part::EventCards) {
        out.extend(event_cards(project, excerpts).map(|t| Block::Table(Part::EventCards, t)));
    }
    if template.includes(Part::Contested) {
        let selection: Vec<&Passage> = excerpts.iter().map(|e| e.passage).collect();
        let claims = super::claims::contested_claims(project, &selection);
        if !claims.is_empty() {
            out.push(Block::Contested(claims));
        }
    }
    if template.includes(Part::Claims) {
        out.extend(
            super::claims::grades_table(project, excerpts).map(|t| Block::Table(Part::Claims, t)),
        );
    }
    if template.includes(Part::Ach) {
        out.extend(
            super::ach::tables(project)
                .into_iter()
                .map(|t| Block::Table(Part::Ach, t)),
        );
    }
    out
}

/// The tables of a brief as the document formats lay them out: every [`blocks`] block as a
/// table.
pub(crate) fn tables(
    project: &Project,
    excerpts: &[Excerpt<'_>],
    template: &BriefTemplate,
) -> Vec<Table> {
    blocks(project, excerpts, template)
        .into_iter()
        .filter_map(Block::into_table)
        .collect()
}

/// One row per event the excerpts link, by date: title, date, place, kind, participants, and how
/// many excerpts and articles report it.
fn event_cards(project: &Project, excerpts: &[Excerpt<'_>]) -> Option<Table> {
    let mut events: Vec<&Event> = excerpts
        .iter()
        .flat_map(|e| e.events.iter().map(|(ev, _)| *ev))
        .collect();
    if events.is_empty() {
        return None;
    }
    events.sort_by(|a, b| cite::by_event_date(a, b));
    events.dedup_by_key(|e| e.id);
    let rows = events
        .into_iter()
        .map(|event| {
            let mut passages = 0;
            let mut articles: Vec<_> = Vec::new();
            for e in excerpts {
                if e.events.iter().any(|(ev, _)| ev.id == event.id) {
                    passages += 1;
                    articles.push(e.doc.id);
                }
            }
            articles.sort_unstable();
            articles.dedup();
            let participants: Vec<String> = event
                .participants
                .iter()
                .filter_map(|(id, role)| {
                    project
                        .actor(*id)
                        .map(|a| format!("{} ({})", one_line(&a.name), role.as_str()))
                })
                .collect();
            vec![
                one_line(&event.title),
                event.date.map(cite::human_date_spec).unwrap_or_default(),
                one_line(&event.place),
                cite::event_kind(event.kind).to_owned(),
                participants.join(", "),
                format!("{passages} in {}", articles.len()),
            ]
        })
        .collect();
    Some(Table {
        title: "Event cards".to_owned(),
        caption: "The events the excerpts report, by date".to_owned(),
        header: [
            "Event",
            "Date",
            "Place",
            "Kind",
            "Participants",
            "Excerpts in articles",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows,
    })
}

/// One excerpt as an item.
fn item(e: &Excerpt<'_>, template: &BriefTemplate) -> Item {
    Item {
        id: e.passage.id.to_string(),
        paragraphs: e
            .passage
            .quote
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        citation: Citation::of(e.doc),
        links: links_line(e, template.includes(Part::Claims)),
        note: if template.includes(Part::Notes) {
            e.passage.note.trim().to_owned()
        } else {
            String::new()
        },
    }
}

/// `Tags: … · Actors: … · Events: … · Claims: … · Grade: …`, leaving out what is empty (and the
/// claims and grade without `claims`).
fn links_line(e: &Excerpt<'_>, claims: bool) -> String {
    let mut parts = Vec::new();
    if !e.tags.is_empty() {
        let tags: Vec<&str> = e.tags.iter().map(|(path, _)| path.as_str()).collect();
        parts.push(format!("Tags: {}", tags.join(", ")));
    }
    if let Some(actors) = e.actors_text(", ", |s| s) {
        parts.push(format!("Actors: {actors}"));
    }
    if let Some(events) = e.events_text(", ", |s| s) {
        parts.push(format!("Events: {events}"));
    }
    if claims {
        if let Some(claims) = e.claims_text("; ", |s| s) {
            parts.push(format!("Claims: {claims}"));
        }
        parts.push(format!("Grade: {}", e.grade_text()));
    }
    one_line(&parts.join(" · "))
}

/// The address when it is an http(s) one without white space.
pub(crate) fn web_address(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    (web && !url.contains(char::is_whitespace) && url.len() > "https://".len()).then_some(url)
}
