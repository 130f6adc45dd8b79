//! The validated project: every entity by id, a per-document passage index, and the checks that
//! make a set of entities a project.
//!
//! A [`Project`] is only ever built through [`Project::from_parts`] (which validates) or changed
//! through [`crate::edit`] (which validates each change), so the rest of the program can rely on
//! its invariants: ids resolve, spans fit their text, quotes equal the text at their span, the tag
//! tree has no cycles.
//!
//! # Orphaned passages
//!
//! When an article's text is replaced ([`crate::anchor`]), a passage that cannot be found again
//! with confidence becomes an *orphan*: it keeps its id, quote, context, tags, links and note, but
//! it has no place in the text. Orphans live in a collection of their own ([`Project::orphans`]),
//! not among [`Project::passages`] with a flag, because:
//! - every passage in `passages()` keeps the invariant the rest of the program relies on (its span
//!   fits and its quote is the text there) — the reader, the exports and the searches slice texts
//!   by span, and none of them has to learn that some passages are nowhere;
//! - an orphan is still the analyst's work: its references (document, tags, actors, events) are
//!   checked like a passage's, a passage id is unique across both collections, the edits on a
//!   passage's tags, links and note work on orphans too, and removing a tag, actor, event or
//!   document counts orphans as users — nothing an orphan refers to can disappear under it;
//! - an orphan's `start`/`end` only record where it was (in the text it was last anchored to) and
//!   are not checked against the current text.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use super::ach::{Ach, AchParts};
use super::claim::{Claim, Evidence, EvidenceParts, Grade};
use super::conflict::{Conflict, ConflictKey, PROJECT_ITEM};
use super::entity::{Actor, CONTEXT_CHARS, Document, Event, Passage, Tag};
use super::id::{ActorId, ClaimId, DocId, EventId, IdKind, PassageId, TagId};
use super::template::BriefTemplate;
use super::web::{Feed, Fetched, Web};

mod checks;

/// Everything that can be wrong with a project's contents. Each names what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Two items share an id.
    #[error("the id {0} is used twice")]
    DuplicateId(String),
    /// An item refers to an id that does not exist.
    #[error("{owner} refers to {noun} {id}, which does not exist")]
    Dangling {
        /// The referring item ("passage p…").
        owner: String,
        /// What kind of item is missing.
        noun: &'static str,
        /// The missing id.
        id: String,
    },
    /// A passage's span is empty, reversed or outside its document.
    #[error("passage {passage}: span {start}..{end} does not fit its document of {len} chars")]
    BadSpan {
        /// The passage.
        passage: PassageId,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
        /// The document's length in chars.
        len: usize,
    },
    /// A passage's quote, prefix or suffix differs from its document's text at its span.
    #[error(
        "passage {passage}: the {part} {stored:?} differs from the text at its span, {actual:?}"
    )]
    AnchorMismatch {
        /// The passage.
        passage: PassageId,
        /// "quote", "prefix" or "suffix".
        part: &'static str,
        /// What the file says (shortened).
        stored: String,
        /// What the text has (shortened).
        actual: String,
    },
    /// The tag tree loops.
    #[error("tag {0} is its own ancestor")]
    TagCycle(TagId),
    /// A name or title is empty.
    #[error("{0} has an empty name")]
    EmptyName(String),
    /// A document is too large for the span index.
    #[error("document {0} is larger than 4 GiB")]
    TooLarge(DocId),
    /// Two entries say different things about one item (two stances of a passage on a claim,
    /// two grades of one source).
    #[error("{0}")]
    Contradictory(String),
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Passages of one document ordered by start, plus a bound on their lengths for overlap queries.
#[derive(Debug, Clone, Default)]
struct DocPassages {
    by_start: BTreeSet<(usize, PassageId)>,
    /// No passage in this document is longer than this (never shrinks until a rebuild).
    max_len: usize,
}

/// A validated research project.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// The project's title.
    pub title: String,
    /// What the project is about, in the analyst's words (Project › Properties); may be empty.
    pub description: String,
    tags: BTreeMap<TagId, Tag>,
    actors: BTreeMap<ActorId, Actor>,
    events: BTreeMap<EventId, Event>,
    documents: BTreeMap<DocId, Document>,
    passages: BTreeMap<PassageId, Passage>,
    orphans: BTreeMap<PassageId, Passage>,
    /// Open merge conflicts (see [`crate::model::Conflict`]).
    conflicts: BTreeMap<ConflictKey, Conflict>,
    /// Feeds and fetch records (see [`crate::model::web`]).
    web: Web,
    /// Claims and grades ([`crate::model::claim`]).
    evidence: Evidence,
    /// Hypotheses and the ACH matrix ([`crate::model::ach`]).
    ach: Ach,
    /// How its briefs are made ([`crate::model::template`]).
    brief: BriefTemplate,
    by_doc: HashMap<DocId, DocPassages>,
    revision: u64,
    /// When each part last changed ([`Stamps`]).
    stamps: Stamps,
    /// Who is editing, stamped on the passages edits change (not saved, not compared).
    session_author: String,
    /// Passages per tag, counted on first use and then kept up to date by
    /// [`Self::put_passage`] and [`Self::take_passage`] (views ask every frame; a recount after
    /// each edit cost ~20 ms per frame at 200,000 passages).
    tag_counts: std::sync::OnceLock<BTreeMap<TagId, usize>>,
}

/// When each part of a project last changed, as revision stamps (unique in the process, like
/// [`Project::revision`]): a cache that reads only some parts keys on their stamps and is kept
/// across edits of the others (the Claims view's corroboration is not worked out again when a
/// passage's credibility or a tag changes). A stamp moves whenever its part is handed out for
/// changing, so it may move without a change, never the other way. Not saved, not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Stamps {
    /// The passages and orphans (their spans, tags, links, notes, analysts).
    pub passages: u64,
    /// The codebook.
    pub tags: u64,
    /// The actors.
    pub actors: u64,
    /// The events.
    pub events: u64,
    /// The articles (texts, titles, outlets, dates).
    pub documents: u64,
    /// The claims and their stances.
    pub claims: u64,
    /// The outlets' and speakers' reliability grades.
    pub source_grades: u64,
    /// The passages' credibility grades.
    pub credibility: u64,
    /// Feeds, hypotheses, the brief template and conflicts (the title and description are
    /// fields of their own: [`Project::revision`] sees them change).
    pub rest: u64,
}

impl Stamps {
    /// Every part stamped `at`.
    fn all(at: u64) -> Self {
        Self {
            passages: at,
            tags: at,
            actors: at,
            events: at,
            documents: at,
            claims: at,
            source_grades: at,
            credibility: at,
            rest: at,
        }
    }
}

/// The next revision stamp: unique across every project of the process.
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl PartialEq for Project {
    /// Equal contents; the derived index and the revision counter are not compared.
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.description == other.description
            && self.tags == other.tags
            && self.actors == other.actors
            && self.events == other.events
            && self.documents == other.documents
            && self.passages == other.passages
            && self.orphans == other.orphans
            && self.conflicts == other.conflicts
            && self.web == other.web
            && self.evidence == other.evidence
            && self.ach == other.ach
            && self.brief == other.brief
    }
}
impl Eq for Project {}

/// The entities of a project, unchecked: what a file or an importer hands over.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// Title.
    pub title: String,
    /// Codebook.
    pub tags: Vec<Tag>,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Events.
    pub events: Vec<Event>,
    /// Articles.
    pub documents: Vec<Document>,
    /// Passages.
    pub passages: Vec<Passage>,
}

fn into_map<K: IdKind, T>(
    items: Vec<T>,
    id: impl Fn(&T) -> super::id::Id<K>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<super::id::Id<K>, T> {
    // Sort once and bulk-build (much faster than inserting in random id order); duplicates are
    // adjacent after the sort.
    let mut keyed: Vec<(super::id::Id<K>, T)> = items.into_iter().map(|t| (id(&t), t)).collect();
    keyed.sort_unstable_by_key(|(k, _)| *k);
    let mut out = Vec::with_capacity(keyed.len());
    for (key, item) in keyed {
        if out
            .last()
            .is_some_and(|(last, _): &(super::id::Id<K>, T)| *last == key)
        {
            problems.push(Problem::DuplicateId(key.to_string()));
            continue;
        }
        out.push((key, item));
    }
    out.into_iter().collect()
}

impl Project {
    /// An empty project with a title.
    pub fn new(title: impl Into<String>) -> Self {
        let revision = next_revision();
        Self {
            title: title.into(),
            revision,
            stamps: Stamps::all(revision),
            ..Self::default()
        }
    }

    /// Builds and validates a project. Lists and links are put in canonical order on the way in.
    /// On failure returns every problem found (not just the first).
    pub fn from_parts(parts: Parts) -> Result<Self, Vec<Problem>> {
        Self::from_parts_and_orphans(parts, Vec::new())
    }

    /// [`Self::from_parts`] plus orphaned passages (see the module documentation): their
    /// references are checked, their spans are not; their ids must differ from every passage's.
    pub fn from_parts_and_orphans(
        parts: Parts,
        orphans: Vec<Passage>,
    ) -> Result<Self, Vec<Problem>> {
        Self::from_parts_with_evidence(parts, orphans, EvidenceParts::default())
    }

    /// [`Self::from_parts_and_orphans`] plus claims and grades, checked against the rest.
    pub fn from_parts_with_evidence(
        parts: Parts,
        orphans: Vec<Passage>,
        evidence: EvidenceParts,
    ) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut project = Self {
            title: parts.title,
            description: String::new(),
            tags: into_map(parts.tags, |t| t.id, &mut problems),
            actors: into_map(parts.actors, |a| a.id, &mut problems),
            events: into_map(parts.events, |e| e.id, &mut problems),
            documents: into_map(parts.documents, |d| d.id, &mut problems),
            passages: BTreeMap::new(),
            orphans: into_map(orphans, |p| p.id, &mut problems),
            conflicts: BTreeMap::new(),
            web: Web::default(),
            evidence: Evidence::default(),
            ach: Ach::default(),
            brief: BriefTemplate::default(),
            by_doc: HashMap::new(),
            revision: next_revision(),
            stamps: Stamps::default(),
            session_author: String::new(),
            tag_counts: std::sync::OnceLock::new(),
        };
        project.stamps = Stamps::all(project.revision);
        // Check passages in the order given (the file's: by document), which keeps each
        // document's text hot in the cache, before they are sorted by id.
        let mut passages = parts.passages;
        for passage in &mut passages {
            passage.normalize();
            problems.extend(project.check_passage(passage));
        }
        project.passages = into_map(passages, |p| p.id, &mut problems);
        for e in project.events.values_mut() {
            e.participants.sort_unstable();
            e.participants.dedup();
        }
        for tag in project.tags.values() {
            problems.extend(project.check_tag(tag));
        }
        for actor in project.actors.values() {
            if actor.name.trim().is_empty() {
                problems.push(Problem::EmptyName(format!("actor {}", actor.id)));
            }
        }
        for event in project.events.values() {
            problems.extend(project.check_event(event));
        }
        for doc in project.documents.values() {
            if doc.text.len_bytes() > u32::MAX as usize {
                problems.push(Problem::TooLarge(doc.id));
            }
        }
        for orphan in project.orphans.values_mut() {
            orphan.normalize();
        }
        for (id, orphan) in &project.orphans {
            if project.passages.contains_key(id) {
                problems.push(Problem::DuplicateId(id.to_string()));
            }
            problems.extend(project.check_orphan(orphan));
        }
        match Evidence::build(evidence, &project) {
            Ok(evidence) => project.evidence = evidence,
            Err(found) => problems.extend(found),
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        project.rebuild_index();
        Ok(project)
    }

    /// The entities in canonical order (tags, actors, events, documents by id; passages by
    /// document, start, end, id) — the order the project file uses.
    ///
    /// Limitations: orphans are not part of [`Parts`]; take them from
    /// [`Self::orphans_in_file_order`] and rebuild with [`Self::from_parts_and_orphans`].
    pub fn to_parts(&self) -> Parts {
        let passages = self.passages_in_file_order().into_iter().cloned().collect();
        Parts {
            title: self.title.clone(),
            tags: self.tags.values().cloned().collect(),
            actors: self.actors.values().cloned().collect(),
            events: self.events.values().cloned().collect(),
            documents: self.documents.values().cloned().collect(),
            passages,
        }
    }

    /// The passages in the project file's order: by document, start, end, id.
    pub fn passages_in_file_order(&self) -> Vec<&Passage> {
        let mut passages: Vec<&Passage> = self.passages.values().collect();
        passages.sort_by_key(|p| (p.doc, p.start, p.end, p.id));
        passages
    }

    /// The orphaned passages in the project file's order: by document, then id.
    pub fn orphans_in_file_order(&self) -> Vec<&Passage> {
        let mut orphans: Vec<&Passage> = self.orphans.values().collect();
        orphans.sort_by_key(|p| (p.doc, p.id));
        orphans
    }

    fn rebuild_index(&mut self) {
        self.by_doc.clear();
        for p in self.passages.values() {
            let entry = self.by_doc.entry(p.doc).or_default();
            entry.by_start.insert((p.start, p.id));
            entry.max_len = entry.max_len.max(p.len_chars());
        }
    }

    /// The analyst editing this project in this session (`--author`, the window's preference):
    /// the passage edits stamp it as the passage's `author`. Empty: nothing is stamped.
    pub fn session_author(&self) -> &str {
        &self.session_author
    }

    /// Sets who is editing (see [`Self::session_author`]); it is not part of the project.
    pub fn set_session_author(&mut self, name: impl Into<String>) {
        self.session_author = name.into().trim().to_owned();
    }

    /// A stamp that changes on every edit; views use it to know when to rebuild their caches.
    /// Stamps are unique in the process (not counted per project), so two different projects
    /// never share one: a view's cache of one project is never taken for another's.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// When each part last changed (see [`Stamps`]).
    pub fn stamps(&self) -> Stamps {
        self.stamps
    }

    /// The orphaned passages (placed nowhere since their text was replaced), by id.
    pub fn orphans(&self) -> &BTreeMap<PassageId, Passage> {
        &self.orphans
    }
    /// One orphaned passage.
    pub fn orphan(&self, id: PassageId) -> Option<&Passage> {
        self.orphans.get(&id)
    }
    /// The orphaned passages of a document, by id.
    pub fn orphans_in(&self, doc: DocId) -> impl Iterator<Item = &Passage> + '_ {
        self.orphans.values().filter(move |p| p.doc == doc)
    }
    /// Whether a passage id is taken, by a passage or an orphan.
    pub fn has_passage_id(&self, id: PassageId) -> bool {
        self.passages.contains_key(&id) || self.orphans.contains_key(&id)
    }

    /// The claims and grades.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }

    /// The hypotheses and the ACH matrix.
    pub fn ach(&self) -> &Ach {
        &self.ach
    }

    /// This project with hypotheses and evidence rows (what the file's `ach` field holds),
    /// checked against its passages, orphans and claims. On failure returns every problem found.
    pub fn with_ach(mut self, parts: AchParts) -> Result<Self, Vec<Problem>> {
        self.ach = Ach::build(parts, &self)?;
        Ok(self)
    }

    /// How the project's briefs are made: grouping, parts left out, agreement appendix.
    pub fn brief_template(&self) -> &BriefTemplate {
        &self.brief
    }

    /// This project with its brief template (what the file's `brief` field holds), put in
    /// canonical form and checked ([`BriefTemplate::problems`]).
    pub fn with_brief_template(
        mut self,
        mut template: BriefTemplate,
    ) -> Result<Self, Vec<Problem>> {
        template.normalize();
        let problems = template.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        self.brief = template;
        Ok(self)
    }

    /// The open merge conflicts, by item and field.
    pub fn conflicts(&self) -> &BTreeMap<ConflictKey, Conflict> {
        &self.conflicts
    }

    /// This project with open merge conflicts added (what the file's `conflicts` list holds):
    /// each must name an item that exists ([`Self::has_item`]) and a field, once per item and
    /// field. On failure returns every problem found.
    pub fn with_conflicts(mut self, conflicts: Vec<Conflict>) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        for conflict in conflicts {
            problems.extend(self.check_conflict(&conflict));
            if let Some(old) = self.conflicts.insert(conflict.key(), conflict) {
                problems.push(Problem::DuplicateId(format!(
                    "conflict on {} {}",
                    old.item, old.field
                )));
            }
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    /// Feeds and fetch records (see [`crate::model::web`]).
    pub fn web(&self) -> &Web {
        &self.web
    }

    /// This project with feeds and fetch records (what the file's `feeds` and `fetched` lists
    /// hold): one feed per address, one record per document, every record's document present.
    /// On failure returns every problem found.
    pub fn with_web(
        mut self,
        feeds: Vec<Feed>,
        fetched: Vec<Fetched>,
    ) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        for feed in feeds {
            problems.extend(self.check_feed(&feed));
            let url = feed.url.clone();
            if self.web.feeds.insert(url.clone(), feed).is_some() {
                problems.push(Problem::DuplicateId(format!("feed {url}")));
            }
        }
        for record in fetched {
            problems.extend(self.check_fetched(&record));
            let doc = record.doc;
            if self.web.fetched.insert(doc, record).is_some() {
                problems.push(Problem::DuplicateId(format!("fetch record of {doc}")));
            }
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    /// The codebook, by id.
    pub fn tags(&self) -> &BTreeMap<TagId, Tag> {
        &self.tags
    }
    /// The actors, by id.
    pub fn actors(&self) -> &BTreeMap<ActorId, Actor> {
        &self.actors
    }
    /// The events, by id.
    pub fn events(&self) -> &BTreeMap<EventId, Event> {
        &self.events
    }
    /// The articles, by id.
    pub fn documents(&self) -> &BTreeMap<DocId, Document> {
        &self.documents
    }
    /// The passages, by id.
    pub fn passages(&self) -> &BTreeMap<PassageId, Passage> {
        &self.passages
    }

    /// What joins the names in a tag's path as exports write it and filters read it.
    pub const TAG_PATH_SEPARATOR: &'static str = "/";

    /// One tag.
    pub fn tag(&self, id: TagId) -> Option<&Tag> {
        self.tags.get(&id)
    }
    /// One actor.
    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors.get(&id)
    }
    /// One event.
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.get(&id)
    }
    /// One document.
    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.documents.get(&id)
    }
    /// One passage.
    pub fn passage(&self, id: PassageId) -> Option<&Passage> {
        self.passages.get(&id)
    }

    /// The passages of a document, ordered by start.
    pub fn passages_in(&self, doc: DocId) -> impl Iterator<Item = &Passage> + '_ {
        self.by_doc
            .get(&doc)
            .into_iter()
            .flat_map(|d| d.by_start.iter())
            .filter_map(|(_, id)| self.passages.get(id))
    }

    /// How many passages a document has.
    pub fn passage_count(&self, doc: DocId) -> usize {
        self.by_doc.get(&doc).map_or(0, |d| d.by_start.len())
    }

    /// The passages of a document that overlap a char range, ordered by start. Costs
    /// O(log n + k + passages starting within the longest passage's length before the range).
    pub fn passages_overlapping(
        &self,
        doc: DocId,
        chars: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &Passage> + '_ {
        let index = self.by_doc.get(&doc);
        let from = chars.start.saturating_sub(index.map_or(0, |d| d.max_len));
        index
            .into_iter()
            .flat_map(move |d| {
                d.by_start
                    .range((from, PassageId::from_raw(0))..(chars.end, PassageId::from_raw(0)))
            })
            .filter_map(|(_, id)| self.passages.get(id))
            .filter(move |p| p.end > chars.start)
    }

    /// The children of a tag (or the top-level tags for `None`), ordered by name.
    pub fn child_tags(&self, parent: Option<TagId>) -> Vec<&Tag> {
        let mut out: Vec<&Tag> = self.tags.values().filter(|t| t.parent == parent).collect();
        out.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.id.cmp(&b.id))
        });
        out
    }

    /// A tag's place in the tree: the names from the top down to it, joined by `separator`
    /// ([`Project::TAG_PATH_SEPARATOR`] in exports and filters, "Claim/Quote"; the window
    /// shows "Claim › Quote"). Empty for an unknown tag.
    ///
    /// Limitations: a separator inside a tag's name is not escaped. The walk stops after 64
    /// levels, which a valid project (no cycles) never reaches in practice.
    pub fn tag_path(&self, tag: TagId, separator: &str) -> String {
        let mut names = Vec::new();
        let mut current = Some(tag);
        while let Some(id) = current {
            let Some(t) = self.tag(id) else { break };
            if names.len() >= 64 {
                break;
            }
            names.push(t.name.as_str());
            current = t.parent;
        }
        names.reverse();
        names.join(separator)
    }

    /// A tag and all tags under it.
    pub fn tag_with_descendants(&self, tag: TagId) -> BTreeSet<TagId> {
        let mut out = BTreeSet::from([tag]);
        let mut frontier = vec![tag];
        while let Some(t) = frontier.pop() {
            for child in self.tags.values().filter(|c| c.parent == Some(t)) {
                if out.insert(child.id) {
                    frontier.push(child.id);
                }
            }
        }
        out
    }

    /// Finds a tag by name, case-insensitively.
    pub fn tag_by_name(&self, name: &str) -> Option<&Tag> {
        let name = name.trim();
        self.tags
            .values()
            .find(|t| t.name.eq_ignore_ascii_case(name))
            .or_else(|| {
                self.tags
                    .values()
                    .find(|t| t.name.to_lowercase() == name.to_lowercase())
            })
    }

    /// Finds an actor by name or alias, case-insensitively.
    pub fn actor_by_name(&self, name: &str) -> Option<&Actor> {
        let name = name.trim().to_lowercase();
        self.actors.values().find(|a| {
            a.name.to_lowercase() == name || a.aliases.iter().any(|al| al.to_lowercase() == name)
        })
    }

    /// Finds an event by title, case-insensitively.
    pub fn event_by_title(&self, title: &str) -> Option<&Event> {
        let title = title.trim().to_lowercase();
        self.events
            .values()
            .find(|e| e.title.to_lowercase() == title)
    }

    /// How many passages carry each tag (tags with none are absent). Counted once, then kept up
    /// to date edit by edit, so views may ask every frame.
    pub fn tag_counts(&self) -> &BTreeMap<TagId, usize> {
        self.tag_counts.get_or_init(|| self.count_tags())
    }

    /// Counts passages per tag from scratch (what [`Self::tag_counts`] keeps).
    pub(crate) fn count_tags(&self) -> BTreeMap<TagId, usize> {
        let mut out = BTreeMap::new();
        for p in self.passages.values() {
            for t in &p.tags {
                *out.entry(*t).or_insert(0) += 1;
            }
        }
        out
    }

    /// Adds (or takes away) one passage's tags from the counts, if they have been counted.
    fn recount(&mut self, p: &Passage, added: bool) {
        let Some(counts) = self.tag_counts.get_mut() else {
            return;
        };
        for t in &p.tags {
            if added {
                *counts.entry(*t).or_insert(0) += 1;
            } else if let Some(n) = counts.get_mut(t) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    counts.remove(t);
                }
            }
        }
    }

    /// Counts of everything, for `dossier stats`.
    pub fn stats(&self) -> Stats {
        let links = self
            .passages
            .values()
            .map(|p| p.actors.len() + p.events.len())
            .sum();
        Stats {
            documents: self.documents.len(),
            passages: self.passages.len(),
            tags: self.tags.len(),
            actors: self.actors.len(),
            events: self.events.len(),
            links,
        }
    }

    // ----- mutation, for the edit module only -----

    /// Puts `other`'s contents in place of this project's and returns the old contents; who is
    /// editing stays (the revision is bumped by the edit).
    pub(crate) fn replace_contents(&mut self, other: Project) -> Project {
        let author = self.session_author.clone();
        let old = std::mem::replace(self, other);
        self.session_author.clone_from(&author);
        old
    }

    pub(crate) fn bump(&mut self) {
        self.revision = next_revision();
    }

    /// The claims, to change (their stamp moves).
    pub(crate) fn claims_mut(&mut self) -> &mut BTreeMap<ClaimId, Claim> {
        self.stamps.claims = next_revision();
        self.evidence.claims_mut()
    }
    /// Sets a grade (the default grade removes it); the stamp of its kind moves.
    pub(crate) fn set_grade(&mut self, grade: Grade) {
        let stamp = match grade {
            Grade::Passage(..) => &mut self.stamps.credibility,
            Grade::Outlet(..) | Grade::Actor(..) => &mut self.stamps.source_grades,
        };
        *stamp = next_revision();
        self.evidence.set_grade(grade);
    }
    pub(crate) fn brief_template_mut(&mut self) -> &mut BriefTemplate {
        self.stamps.rest = next_revision();
        &mut self.brief
    }
    pub(crate) fn ach_mut(&mut self) -> &mut Ach {
        self.stamps.rest = next_revision();
        &mut self.ach
    }
    pub(crate) fn tags_mut(&mut self) -> &mut BTreeMap<TagId, Tag> {
        self.stamps.tags = next_revision();
        &mut self.tags
    }
    pub(crate) fn actors_mut(&mut self) -> &mut BTreeMap<ActorId, Actor> {
        self.stamps.actors = next_revision();
        &mut self.actors
    }
    pub(crate) fn events_mut(&mut self) -> &mut BTreeMap<EventId, Event> {
        self.stamps.events = next_revision();
        &mut self.events
    }
    pub(crate) fn documents_mut(&mut self) -> &mut BTreeMap<DocId, Document> {
        self.stamps.documents = next_revision();
        &mut self.documents
    }
    pub(crate) fn web_mut(&mut self) -> &mut Web {
        self.stamps.rest = next_revision();
        &mut self.web
    }

    /// Inserts or replaces a passage, keeping the per-document index right.
    pub(crate) fn put_passage(&mut self, p: Passage) -> Option<Passage> {
        self.stamps.passages = next_revision();
        let old = self.take_passage(p.id);
        let entry = self.by_doc.entry(p.doc).or_default();
        entry.by_start.insert((p.start, p.id));
        entry.max_len = entry.max_len.max(p.len_chars());
        self.recount(&p, true);
        self.passages.insert(p.id, p);
        old
    }

    /// Inserts or replaces an orphan.
    pub(crate) fn put_orphan(&mut self, p: Passage) -> Option<Passage> {
        self.stamps.passages = next_revision();
        self.orphans.insert(p.id, p)
    }

    /// Inserts or replaces an open conflict.
    pub(crate) fn put_conflict(&mut self, conflict: Conflict) -> Option<Conflict> {
        self.stamps.rest = next_revision();
        self.conflicts.insert(conflict.key(), conflict)
    }

    /// Removes an open conflict.
    pub(crate) fn take_conflict(&mut self, key: &ConflictKey) -> Option<Conflict> {
        self.stamps.rest = next_revision();
        self.conflicts.remove(key)
    }

    /// Removes an orphan.
    pub(crate) fn take_orphan(&mut self, id: PassageId) -> Option<Passage> {
        self.stamps.passages = next_revision();
        self.orphans.remove(&id)
    }

    /// Removes a passage, keeping the per-document index right.
    pub(crate) fn take_passage(&mut self, id: PassageId) -> Option<Passage> {
        self.stamps.passages = next_revision();
        let old = self.passages.remove(&id)?;
        self.recount(&old, false);
        if let Some(entry) = self.by_doc.get_mut(&old.doc) {
            entry.by_start.remove(&(old.start, old.id));
            if entry.by_start.is_empty() {
                self.by_doc.remove(&old.doc);
            }
        }
        Some(old)
    }
}

/// Counts of a project's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Articles.
    pub documents: usize,
    /// Passages.
    pub passages: usize,
    /// Tags in the codebook.
    pub tags: usize,
    /// Actors.
    pub actors: usize,
    /// Events.
    pub events: usize,
    /// Actor and event links on passages.
    pub links: usize,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents, {} passages, {} tags, {} actors, {} events, {} links",
            self.documents, self.passages, self.tags, self.actors, self.events, self.links
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Rgb;

    /// A tag with a fixed id (other modules' tests use it too).
    pub(crate) fn tag(raw: u64, name: &str, parent: Option<u64>) -> Tag {
        Tag {
            id: TagId::from_raw(raw),
            name: name.into(),
            color: Rgb::default(),
            parent: parent.map(TagId::from_raw),
            description: String::new(),
        }
    }

    #[test]
    fn a_tag_path_runs_from_the_top_of_the_tree() {
        let project = Project::from_parts(Parts {
            title: "t".into(),
            tags: vec![
                tag(1, "Claim", None),
                tag(2, "Quote", Some(1)),
                tag(3, "Direct", Some(2)),
            ],
            ..Parts::default()
        })
        .expect("valid");
        let direct = TagId::from_raw(3);
        assert_eq!(
            project.tag_path(direct, Project::TAG_PATH_SEPARATOR),
            "Claim/Quote/Direct"
        );
        assert_eq!(project.tag_path(direct, " › "), "Claim › Quote › Direct");
        assert_eq!(project.tag_path(TagId::from_raw(1), "/"), "Claim");
        assert_eq!(project.tag_path(TagId::from_raw(9), "/"), "");
    }
}
