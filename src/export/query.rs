//! The excerpt query: which passages (and which documents) an export covers.
//!
//! Every export starts from one [`ExcerptQuery`]: filters by tag (a tag includes its sub-tags), actor,
//! event, document, publication date range, text, analyst, claim and stance, and grades. [`QueryTerms`] is the same query as a person
//! types it (names, tag paths or ids); [`QueryTerms::resolve`] turns it into ids or says which term
//! names nothing.

use std::collections::BTreeSet;
use std::fmt;

use crate::model::{
    ActorId, ClaimId, Credibility, DocId, Document, EventId, PartialDate, Passage, Project,
    Reliability, Stance, Tag, TagId,
};

/// Which passages and documents to export.
///
/// Semantics: every filter that is set must hold (AND); within one filter any listed item will do
/// (OR). An empty filter does not filter. The default query selects everything.
///
/// - `tags`: the passage carries one of these tags or a tag below one of them in the tree.
/// - `actors` / `events`: the passage links one of them (in any role).
/// - `docs`: the passage is in one of these documents.
/// - `from` / `to`: the passage's document was published within the range (inclusive; a partial
///   date counts when any of its days falls in the range, so `2025-08` is within `--from 2025-08-06`).
/// - `text`: the passage's quote or note contains this text, ignoring case.
/// - `authors`: the passage was made or last changed by one of these analysts (ignoring case).
/// - `claims`: the passage takes a stance on one of these claims; `stances`: it takes one of
///   these stances (on one of `claims` when that is set too, else on any claim).
/// - `reliability`: the passage's outlet is graded this or better (`B`: A or B; ungraded is F).
/// - `credibility`: the passage is graded this or better (`2`: 1 or 2; ungraded is 6).
///
/// Documents: the document-level filters (`docs`, `from`, `to`) decide which documents are in
/// range. When a passage-level filter (`tags`, `actors`, `events`, `text`) is set, the selection
/// holds only the documents in range that some selected passage comes from; otherwise it holds
/// every document in range, with or without passages.
///
/// Limitations: the date range looks at the document's publication date only, not at the dates of
/// linked events; a document without a publication date is left out as soon as a range is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExcerptQuery {
    /// Tags (each with its sub-tags).
    pub tags: BTreeSet<TagId>,
    /// Linked actors.
    pub actors: BTreeSet<ActorId>,
    /// Linked events.
    pub events: BTreeSet<EventId>,
    /// Documents.
    pub docs: BTreeSet<DocId>,
    /// Earliest publication date (inclusive).
    pub from: Option<PartialDate>,
    /// Latest publication date (inclusive).
    pub to: Option<PartialDate>,
    /// Text the quote or the note must contain, ignoring case; empty for any.
    pub text: String,
    /// Analysts (a passage's `author`), lower-cased; empty for any.
    pub authors: BTreeSet<String>,
    /// Claims the passage takes a stance on; empty for any.
    pub claims: BTreeSet<ClaimId>,
    /// Stances the passage takes; empty for any.
    pub stances: BTreeSet<Stance>,
    /// The worst outlet grade admitted (A is best).
    pub reliability: Option<Reliability>,
    /// The worst credibility admitted (1 is best).
    pub credibility: Option<Credibility>,
}

/// What a query selects from a project, in the project file's order (documents by id; passages by
/// document, start, end, id).
#[derive(Debug, Clone, Default)]
pub struct Excerpts<'p> {
    /// The documents the query admits.
    pub documents: Vec<&'p Document>,
    /// The passages it matches.
    pub passages: Vec<&'p Passage>,
}

impl ExcerptQuery {
    /// The query that selects everything.
    pub fn all() -> Self {
        Self::default()
    }

    /// Whether no filter is set.
    pub fn is_unfiltered(&self) -> bool {
        self.tags.is_empty()
            && self.actors.is_empty()
            && self.events.is_empty()
            && self.docs.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.text.trim().is_empty()
            && self.authors.is_empty()
            && !self.filters_evidence()
    }

    /// Whether a claim or grade filter (`claims`, `stances`, `reliability`, `credibility`) is set.
    fn filters_evidence(&self) -> bool {
        !self.claims.is_empty()
            || !self.stances.is_empty()
            || self.reliability.is_some()
            || self.credibility.is_some()
    }

    /// Whether a passage-level filter (`tags`, `actors`, `events`, `text`, `authors`, and the
    /// claim and grade filters) is set.
    pub fn filters_passages(&self) -> bool {
        self.filters_evidence()
            || !self.authors.is_empty()
            || !self.tags.is_empty()
            || !self.actors.is_empty()
            || !self.events.is_empty()
            || !self.text.trim().is_empty()
    }

    /// Whether a document passes the document-level filters (`docs`, `from`, `to`).
    pub fn admits_document(&self, doc: &Document) -> bool {
        if !self.docs.is_empty() && !self.docs.contains(&doc.id) {
            return false;
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(published) = doc.published else {
            return false;
        };
        let after_from = self
            .from
            .is_none_or(|from| published.last_day() >= from.first_day());
        let before_to = self
            .to
            .is_none_or(|to| published.first_day() <= to.last_day());
        after_from && before_to
    }

    /// Whether one passage of `project` matches. (For many passages use [`Self::run`], which
    /// prepares the tag tree once.)
    pub fn matches(&self, project: &Project, passage: &Passage) -> bool {
        Matcher::new(self, project).matches(project, passage)
    }

    /// The documents and passages the query selects.
    pub fn run<'p>(&self, project: &'p Project) -> Excerpts<'p> {
        let matcher = Matcher::new(self, project);
        let mut documents: Vec<&Document> = project
            .documents()
            .values()
            .filter(|d| self.admits_document(d))
            .collect();
        let mut passages: Vec<&Passage> = documents
            .iter()
            .flat_map(|d| project.passages_in(d.id))
            .filter(|p| matcher.matches_in_admitted_doc(project, p))
            .collect();
        passages.sort_by_key(|p| (p.doc, p.start, p.end, p.id));
        if self.filters_passages() {
            let cited: BTreeSet<DocId> = passages.iter().map(|p| p.doc).collect();
            documents.retain(|d| cited.contains(&d.id));
        }
        Excerpts {
            documents,
            passages,
        }
    }
}

/// A query prepared for one project: tags expanded to their sub-trees, the text lower-cased.
struct Matcher<'q> {
    query: &'q ExcerptQuery,
    tags: BTreeSet<TagId>,
    text: String,
}

impl<'q> Matcher<'q> {
    fn new(query: &'q ExcerptQuery, project: &Project) -> Self {
        let tags = query
            .tags
            .iter()
            .flat_map(|t| project.tag_with_descendants(*t))
            .collect();
        Self {
            query,
            tags,
            text: query.text.trim().to_lowercase(),
        }
    }

    fn matches(&self, project: &Project, passage: &Passage) -> bool {
        project
            .document(passage.doc)
            .is_some_and(|d| self.query.admits_document(d))
            && self.matches_in_admitted_doc(project, passage)
    }

    /// The passage-level filters.
    fn matches_in_admitted_doc(&self, project: &Project, p: &Passage) -> bool {
        let q = self.query;
        if q.filters_evidence() && !self.matches_evidence(project, p) {
            return false;
        }
        (q.tags.is_empty() || p.tags.iter().any(|t| self.tags.contains(t)))
            && (q.actors.is_empty() || p.actors.iter().any(|(a, _)| q.actors.contains(a)))
            && (q.events.is_empty() || p.events.iter().any(|(e, _)| q.events.contains(e)))
            && (self.text.is_empty()
                || p.quote.to_lowercase().contains(&self.text)
                || p.note.to_lowercase().contains(&self.text))
            && (q.authors.is_empty() || q.authors.contains(&p.author.to_lowercase()))
    }

    /// The claim and grade filters.
    fn matches_evidence(&self, project: &Project, p: &Passage) -> bool {
        let q = self.query;
        let evidence = project.evidence();
        if !q.claims.is_empty() || !q.stances.is_empty() {
            let stances = evidence.stances_of(p.id);
            let hit = stances.iter().any(|(c, s)| {
                (q.claims.is_empty() || q.claims.contains(c))
                    && (q.stances.is_empty() || q.stances.contains(s))
            });
            if !hit {
                return false;
            }
        }
        if let Some(worst) = q.reliability {
            let outlet = project.document(p.doc).map_or("", |d| d.source.as_str());
            if evidence.outlet_grade(outlet) > worst {
                return false;
            }
        }
        q.credibility
            .is_none_or(|worst| evidence.credibility(p.id) <= worst)
    }
}

/// An [`ExcerptQuery`] as a person writes it: tags, actors, events and documents by name (or id),
/// dates already parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryTerms {
    /// Tag ids, paths ("Claim/Quote") or names (case-insensitive; must be unambiguous).
    pub tags: Vec<String>,
    /// Actor ids, names or aliases (case-insensitive).
    pub actors: Vec<String>,
    /// Event ids or titles (case-insensitive).
    pub events: Vec<String>,
    /// Document ids, titles (case-insensitive) or the file name they were imported from.
    pub docs: Vec<String>,
    /// Earliest publication date.
    pub from: Option<PartialDate>,
    /// Latest publication date.
    pub to: Option<PartialDate>,
    /// Text to look for in quotes and notes.
    pub text: String,
    /// Analysts who made or last changed the passages (case-insensitive).
    pub authors: Vec<String>,
    /// Claim ids or statements (case-insensitive).
    pub claims: Vec<String>,
    /// Stances the passages take.
    pub stances: Vec<Stance>,
    /// The worst outlet grade admitted.
    pub reliability: Option<Reliability>,
    /// The worst credibility admitted.
    pub credibility: Option<Credibility>,
}

/// A query term that names nothing, or too much.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// No item of this kind has this id, name or path.
    #[error("no {noun} is called {term:?}")]
    Unknown {
        /// "tag", "actor", "event", "document" or "claim".
        noun: &'static str,
        /// What was asked for.
        term: String,
    },
    /// Several items answer to this name.
    #[error("{term:?} names {} {noun}s ({}); give the id or the full path", .candidates.len(), .candidates.join(", "))]
    Ambiguous {
        /// "tag", "actor", "event", "document" or "claim".
        noun: &'static str,
        /// What was asked for.
        term: String,
        /// How each candidate can be named unambiguously.
        candidates: Vec<String>,
    },
    /// The date range ends before it starts.
    #[error("the date range ends ({to}) before it starts ({from})")]
    Backwards {
        /// The start.
        from: PartialDate,
        /// The end.
        to: PartialDate,
    },
}

impl QueryTerms {
    /// The query with every name resolved to an id; every term that fails is reported.
    pub fn resolve(&self, project: &Project) -> Result<ExcerptQuery, Vec<QueryError>> {
        let mut errors = Vec::new();
        let mut query = ExcerptQuery {
            from: self.from,
            to: self.to,
            text: self.text.trim().to_owned(),
            authors: (self.authors.iter())
                .map(|a| a.trim().to_lowercase())
                .filter(|a| !a.is_empty())
                .collect(),
            stances: self.stances.iter().copied().collect(),
            reliability: self.reliability,
            credibility: self.credibility,
            ..ExcerptQuery::default()
        };
        for term in &self.claims {
            let found = find_one(
                project.evidence().claims().values(),
                "claim",
                term,
                |c| c.id.to_string(),
                |c, t| c.statement.trim().to_lowercase() == t,
                |c| format!("{} ({})", c.statement, c.id),
            );
            collect(found.map(|c| c.id), &mut query.claims, &mut errors);
        }
        for term in &self.tags {
            collect(resolve_tag(project, term), &mut query.tags, &mut errors);
        }
        for term in &self.actors {
            let found = find_one(
                project.actors().values(),
                "actor",
                term,
                |a| a.id.to_string(),
                |a, t| {
                    a.name.to_lowercase() == t || a.aliases.iter().any(|al| al.to_lowercase() == t)
                },
                |a| format!("{} ({})", a.name, a.id),
            );
            collect(found.map(|a| a.id), &mut query.actors, &mut errors);
        }
        for term in &self.events {
            let found = find_one(
                project.events().values(),
                "event",
                term,
                |e| e.id.to_string(),
                |e, t| e.title.to_lowercase() == t,
                |e| format!("{} ({})", e.title, e.id),
            );
            collect(found.map(|e| e.id), &mut query.events, &mut errors);
        }
        for term in &self.docs {
            let found = find_one(
                project.documents().values(),
                "document",
                term,
                |d| d.id.to_string(),
                |d, t| d.title.to_lowercase() == t || origin_file_name(d).to_lowercase() == t,
                |d| format!("{} ({})", d.title, d.id),
            );
            collect(found.map(|d| d.id), &mut query.docs, &mut errors);
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && to.last_day() < from.first_day()
        {
            errors.push(QueryError::Backwards { from, to });
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }
}

fn collect<T: Ord>(
    found: Result<T, QueryError>,
    into: &mut BTreeSet<T>,
    errors: &mut Vec<QueryError>,
) {
    match found {
        Ok(id) => {
            into.insert(id);
        }
        Err(err) => errors.push(err),
    }
}

/// The last component of a document's origin path ("001_….txt").
fn origin_file_name(doc: &Document) -> &str {
    doc.origin
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(doc.origin.as_str())
}

/// The one item whose id is `term`, or else the one whose name matches (lower-cased).
fn find_one<'p, T: 'p>(
    items: impl Iterator<Item = &'p T> + Clone,
    noun: &'static str,
    term: &str,
    id: impl Fn(&T) -> String,
    named: impl Fn(&T, &str) -> bool,
    describe: impl Fn(&T) -> String,
) -> Result<&'p T, QueryError> {
    let trimmed = term.trim();
    if let Some(item) = items.clone().find(|i| id(i) == trimmed) {
        return Ok(item);
    }
    let lower = trimmed.to_lowercase();
    let hits: Vec<&T> = items.filter(|i| named(i, &lower)).collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(QueryError::Unknown {
            noun,
            term: term.to_owned(),
        }),
        many => Err(QueryError::Ambiguous {
            noun,
            term: term.to_owned(),
            candidates: many.iter().map(|i| describe(i)).collect(),
        }),
    }
}

/// A tag by id, by full path ("Claim/Quote") or by name.
fn resolve_tag(project: &Project, term: &str) -> Result<TagId, QueryError> {
    let trimmed = term.trim();
    if let Ok(id) = trimmed.parse::<TagId>()
        && project.tag(id).is_some()
    {
        return Ok(id);
    }
    let lower = trimmed.to_lowercase();
    let by_path: Vec<&Tag> = project
        .tags()
        .values()
        .filter(|t| {
            project
                .tag_path(t.id, Project::TAG_PATH_SEPARATOR)
                .to_lowercase()
                == lower
        })
        .collect();
    if let [one] = by_path.as_slice() {
        return Ok(one.id);
    }
    let by_name: Vec<&Tag> = project
        .tags()
        .values()
        .filter(|t| t.name.to_lowercase() == lower)
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one.id),
        [] => Err(QueryError::Unknown {
            noun: "tag",
            term: term.to_owned(),
        }),
        many => Err(QueryError::Ambiguous {
            noun: "tag",
            term: term.to_owned(),
            candidates: many
                .iter()
                .map(|t| project.tag_path(t.id, Project::TAG_PATH_SEPARATOR))
                .collect(),
        }),
    }
}

impl fmt::Display for ExcerptQuery {
    /// A short summary for messages ("2 tags, 1 actor, from 2025-08-01").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for (n, noun) in [
            (self.tags.len(), "tag"),
            (self.actors.len(), "actor"),
            (self.events.len(), "event"),
            (self.docs.len(), "document"),
            (self.claims.len(), "claim"),
        ] {
            match n {
                0 => {}
                1 => parts.push(format!("1 {noun}")),
                n => parts.push(format!("{n} {noun}s")),
            }
        }
        if let Some(from) = self.from {
            parts.push(format!("from {from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to {to}"));
        }
        if !self.text.trim().is_empty() {
            parts.push(format!("text {:?}", self.text.trim()));
        }
        for author in &self.authors {
            parts.push(format!("by {author:?}"));
        }
        if !self.stances.is_empty() {
            let names: Vec<&str> = self.stances.iter().map(|s| s.as_str()).collect();
            parts.push(format!("stance {}", names.join(" or ")));
        }
        if let Some(r) = self.reliability {
            parts.push(format!("outlets graded {r} or better"));
        }
        if let Some(c) = self.credibility {
            parts.push(format!("credibility {c} or better"));
        }
        if parts.is_empty() {
            f.write_str("everything")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}
