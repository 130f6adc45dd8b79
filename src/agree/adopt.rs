//! Settling a difference between two codings: "adopt A", "adopt B" or "adopt both" turns one
//! [`Difference`] of a [`super::Report`] into one [`Edit`] on the open project (one undo step),
//! so a consensus is built difference by difference and every choice can be undone.
//!
//! What adopting means depends on where the two codings live ([`Coders`]):
//!
//! - **Two analysts of the open project** (A's and B's passages side by side, told apart by their
//!   `author`). *Adopt A*: B's reading becomes A's — B's passage takes A's span and tags (keeping
//!   its id, note and links, and B as its author); where B has no passage, a copy of A's (span,
//!   tags, actor and event links; not the note) is added signed by B; where A has none, B's
//!   passage is removed. *Adopt B* is the mirror image. *Adopt both*: both readings stand — the
//!   two passages are widened to cover both spans and carry both sets of tags; where only one
//!   analyst has a passage, the other gets a copy of it (as adopting that side).
//! - **The open project against another project file** (the open project is A, the file is B;
//!   nothing is written to the file). *Adopt A* changes nothing (the open project already reads
//!   it A's way), so it is never offered. *Adopt B*: our passage takes B's span and tags; where
//!   we have none, B's passage is copied in (span, tags, note and author; actor and event links
//!   stay behind, since they name the other file's actors and events); where B has none, our
//!   passage is removed. *Adopt both*: our passage is widened to cover both spans and carries
//!   both sets of tags; B's passage where we have none is copied in; ours where B has none stays.
//!
//! B's tags are matched to the open project's by path (name under the same parent, level by
//! level); a tag the open project lacks is created, with its parents, in the same edit.

use std::collections::HashMap;

use super::{Difference, UnitRef};
use crate::edit::Edit;
use crate::model::{Anchor, DocId, Passage, PassageId, Project, TagId, Timestamp};

/// Whose reading to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A's reading.
    A,
    /// B's reading.
    B,
    /// Both readings.
    Both,
}

impl Choice {
    /// Every choice, in button order.
    pub const ALL: [Self; 3] = [Self::A, Self::B, Self::Both];

    /// The button's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::A => "Adopt A",
            Self::B => "Adopt B",
            Self::Both => "Adopt both",
        }
    }
}

/// Where the two codings come from.
#[derive(Debug, Clone, Copy)]
pub enum Coders<'p> {
    /// Two analysts of the open project, by the name on their passages.
    Analysts {
        /// A's name.
        a: &'p str,
        /// B's name.
        b: &'p str,
    },
    /// The open project is A; B is this other project.
    OtherFile(&'p Project),
}

/// Why a difference cannot be settled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdoptError {
    /// A passage the difference names is no longer there (the project changed since).
    #[error("the passage {0} is no longer in the project; compare again")]
    Gone(String),
    /// The article the difference is in is no longer there.
    #[error("the article is no longer in the project; compare again")]
    NoArticle,
}

/// The edit that settles `difference` as `choice` says, on the open project; `Ok(None)` when the
/// choice would change nothing (the window does not offer it).
pub fn adoption(
    open: &Project,
    coders: Coders<'_>,
    difference: &Difference,
    choice: Choice,
) -> Result<Option<Edit>, AdoptError> {
    match coders {
        Coders::Analysts { a, b } => analysts(open, a, b, difference, choice),
        Coders::OtherFile(other) => other_file(open, other, difference, choice),
    }
}

/// A passage of `project` named by a difference's unit.
fn passage_of<'p>(project: &'p Project, unit: &UnitRef) -> Result<&'p Passage, AdoptError> {
    unit.passage
        .parse::<PassageId>()
        .ok()
        .and_then(|id| project.passage(id))
        .ok_or_else(|| AdoptError::Gone(unit.passage.clone()))
}

/// `passage` moved to `start..end` of its document in `project`, its anchor filled in again.
fn respan(
    project: &Project,
    passage: &Passage,
    (start, end): (usize, usize),
) -> Result<Passage, AdoptError> {
    let doc = project.document(passage.doc).ok_or(AdoptError::NoArticle)?;
    let anchor = Anchor::of(&doc.text, start, end).ok_or(AdoptError::NoArticle)?;
    let mut moved = passage.clone();
    moved.start = start;
    moved.end = end;
    moved.quote = anchor.quote;
    moved.prefix = anchor.prefix;
    moved.suffix = anchor.suffix;
    moved.edited = Timestamp::now().max(passage.edited);
    Ok(moved)
}

/// The smallest span covering both.
fn cover(a: &Passage, b: &Passage) -> (usize, usize) {
    (a.start.min(b.start), a.end.max(b.end))
}

/// `passage` changed to `span` and `tags`, as an edit; `None` when that is what it is.
fn reshape(
    project: &Project,
    passage: &Passage,
    span: (usize, usize),
    tags: &[TagId],
) -> Result<Option<Edit>, AdoptError> {
    let mut tags = tags.to_vec();
    tags.sort_unstable();
    tags.dedup();
    if (passage.start, passage.end) == span && passage.tags == tags {
        return Ok(None);
    }
    let mut changed = respan(project, passage, span)?;
    changed.tags = tags;
    Ok(Some(Edit::SetPassage(Box::new(changed))))
}

/// A copy of `passage` (same project) signed by `author`, with a new id.
fn copy_for(passage: &Passage, author: &str) -> Passage {
    let now = Timestamp::now();
    Passage {
        id: PassageId::random(),
        note: String::new(),
        created: now,
        edited: now,
        author: author.trim().to_owned(),
        ..passage.clone()
    }
}

/// One edit of several (a batch when more than one), `None` when there are none.
fn one(mut edits: Vec<Edit>) -> Option<Edit> {
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

fn analysts(
    open: &Project,
    a_name: &str,
    b_name: &str,
    difference: &Difference,
    choice: Choice,
) -> Result<Option<Edit>, AdoptError> {
    let a = difference
        .a
        .as_ref()
        .map(|u| passage_of(open, u))
        .transpose()?;
    let b = difference
        .b
        .as_ref()
        .map(|u| passage_of(open, u))
        .transpose()?;
    // The reading that stays, and the passage that follows it.
    let follow = |keep: Option<&Passage>, other: Option<&Passage>, other_name: &str| {
        Ok(match (keep, other) {
            (Some(keep), Some(other)) => reshape(open, other, (keep.start, keep.end), &keep.tags)?,
            (Some(keep), None) => Some(Edit::AddPassage(Box::new(copy_for(keep, other_name)))),
            (None, Some(other)) => Some(Edit::RemovePassage(other.id)),
            (None, None) => None,
        })
    };
    match choice {
        Choice::A => follow(a, b, b_name),
        Choice::B => follow(b, a, a_name),
        Choice::Both => match (a, b) {
            (Some(a), Some(b)) => {
                let span = cover(a, b);
                let tags: Vec<TagId> = a.tags.iter().chain(&b.tags).copied().collect();
                Ok(one([
                    reshape(open, a, span, &tags)?,
                    reshape(open, b, span, &tags)?,
                ]
                .into_iter()
                .flatten()
                .collect()))
            }
            (Some(_), None) => follow(a, b, b_name),
            (None, Some(_)) => follow(b, a, a_name),
            (None, None) => Ok(None),
        },
    }
}

/// Maps the other project's tags into the open one by path, creating what is missing.
struct TagMap<'p> {
    other: &'p Project,
    /// (parent in the open project, name) → tag, for the open project's tags and those created.
    known: HashMap<(Option<TagId>, String), TagId>,
    /// The other project's tag → the open project's.
    mapped: HashMap<TagId, TagId>,
    /// The tags to create, parents first.
    created: Vec<Edit>,
}

impl<'p> TagMap<'p> {
    fn new(open: &'p Project, other: &'p Project) -> Self {
        let known = (open.tags().values())
            .map(|t| ((t.parent, t.name.clone()), t.id))
            .collect();
        TagMap {
            other,
            known,
            mapped: HashMap::new(),
            created: Vec::new(),
        }
    }

    /// The open project's tag for the other's `tag` (created with its parents when missing).
    fn map(&mut self, tag: TagId) -> Option<TagId> {
        if let Some(mapped) = self.mapped.get(&tag) {
            return Some(*mapped);
        }
        let theirs = self.other.tag(tag)?;
        let parent = match theirs.parent {
            Some(p) => Some(self.map(p)?),
            None => None,
        };
        let key = (parent, theirs.name.clone());
        let id = match self.known.get(&key) {
            Some(id) => *id,
            None => {
                let mut made = theirs.clone();
                made.id = TagId::random();
                made.parent = parent;
                self.created.push(Edit::AddTag(made.clone()));
                self.known.insert(key, made.id);
                made.id
            }
        };
        self.mapped.insert(tag, id);
        Some(id)
    }

    fn map_all(&mut self, tags: &[TagId]) -> Vec<TagId> {
        tags.iter().filter_map(|t| self.map(*t)).collect()
    }
}

fn other_file(
    open: &Project,
    other: &Project,
    difference: &Difference,
    choice: Choice,
) -> Result<Option<Edit>, AdoptError> {
    if choice == Choice::A {
        return Ok(None);
    }
    let ours = difference
        .a
        .as_ref()
        .map(|u| passage_of(open, u))
        .transpose()?;
    let theirs = difference
        .b
        .as_ref()
        .map(|u| passage_of(other, u))
        .transpose()?;
    let mut tags = TagMap::new(open, other);
    let mut edits = Vec::new();
    match (ours, theirs) {
        (Some(ours), Some(theirs)) => {
            let their_tags = tags.map_all(&theirs.tags);
            let (span, tag_list) = if choice == Choice::B {
                ((theirs.start, theirs.end), their_tags)
            } else {
                let mut both = ours.tags.clone();
                both.extend(their_tags);
                (cover(ours, theirs), both)
            };
            if let Some(edit) = reshape(open, ours, span, &tag_list)? {
                edits.push(edit);
            }
        }
        (None, Some(theirs)) => {
            let doc: DocId = difference.docs.0;
            let document = open.document(doc).ok_or(AdoptError::NoArticle)?;
            let anchor = Anchor::of(&document.text, theirs.start, theirs.end)
                .ok_or(AdoptError::NoArticle)?;
            let id = if open.passage(theirs.id).is_none() && open.orphan(theirs.id).is_none() {
                theirs.id
            } else {
                PassageId::random()
            };
            let copy = Passage {
                id,
                doc,
                quote: anchor.quote,
                prefix: anchor.prefix,
                suffix: anchor.suffix,
                tags: tags.map_all(&theirs.tags),
                actors: Vec::new(),
                events: Vec::new(),
                ..theirs.clone()
            };
            edits.push(Edit::AddPassage(Box::new(copy)));
        }
        (Some(ours), None) => {
            if choice == Choice::B {
                edits.push(Edit::RemovePassage(ours.id));
            }
        }
        (None, None) => {}
    }
    if edits.is_empty() {
        return Ok(None);
    }
    let mut all = std::mem::take(&mut tags.created);
    all.extend(edits);
    Ok(one(all))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agree::{DifferenceKind, Options, Side, coders, compare};
    use crate::edit::apply;
    use crate::model::{Document, Rgb, Tag};

    /// One article, tags Claim and Claim/Quote; Ana and Boris each with passages.
    fn project() -> Project {
        let mut project = Project::new("t");
        let doc = Document::new(
            "Talks",
            "The envoy met the president. They spoke for five hours. Nothing was agreed.",
        );
        let doc_id = doc.id;
        apply(&mut project, Edit::AddDocument(Box::new(doc))).expect("doc");
        let claim = Tag {
            id: TagId::random(),
            name: "Claim".into(),
            color: Rgb([200, 100, 0]),
            parent: None,
            description: String::new(),
        };
        let quote = Tag {
            id: TagId::random(),
            name: "Quote".into(),
            parent: Some(claim.id),
            ..claim.clone()
        };
        apply(&mut project, Edit::AddTag(claim.clone())).expect("tag");
        apply(&mut project, Edit::AddTag(quote.clone())).expect("tag");
        let document = project.document(doc_id).expect("doc").clone();
        let mut add = |start, end, tags: Vec<TagId>, author: &str| {
            let mut p = Passage::new(&document, start, end).expect("span");
            p.tags = tags;
            p.author = author.into();
            apply(&mut project, Edit::AddPassage(Box::new(p))).expect("passage");
        };
        // Sentence 1: both, same span, different tags. Sentence 2: boundaries differ.
        // Sentence 3: only Boris.
        add(0, 28, vec![claim.id], "Ana");
        add(0, 28, vec![quote.id], "Boris");
        add(29, 55, vec![claim.id], "Ana");
        add(29, 50, vec![claim.id], "Boris");
        add(56, 75, vec![quote.id], "Boris");
        project
    }

    fn differences(project: &Project) -> Vec<Difference> {
        let (a, b) = coders(project, "Ana", "Boris").expect("coders");
        compare(&a, &b, &Options::default())
            .expect("report")
            .disagreements
    }

    #[test]
    fn adopting_b_between_analysts_makes_the_readings_match_and_undo_restores() {
        let original = project();
        let found = differences(&original);
        assert_eq!(found.len(), 3, "{found:#?}");
        let coders = Coders::Analysts {
            a: "Ana",
            b: "Boris",
        };
        for (i, choice) in [
            (0, Choice::B),
            (1, Choice::A),
            (2, Choice::B),
            (1, Choice::Both),
        ] {
            let mut project = original.clone();
            let d = &found[i];
            let edit = adoption(&project, coders, d, choice)
                .expect("builds")
                .expect("changes something");
            let undo = apply(&mut project, edit).expect("applies");
            let left = differences(&project);
            assert_eq!(
                left.len(),
                2,
                "{choice:?} on {:?} settles it: {left:#?}",
                d.kind
            );
            assert!(!left.contains(d));
            apply(&mut project, undo).expect("undo");
            assert_eq!(project, original, "undo restores exactly");
        }
        // Adopting B where only Boris coded: Ana gets a copy signed by her.
        let mut project = original.clone();
        let edit = adoption(&project, coders, &found[2], Choice::B)
            .expect("present in the fixture")
            .expect("present in the fixture");
        apply(&mut project, edit).expect("applies");
        let anas = project
            .passages()
            .values()
            .filter(|p| p.is_by("ana"))
            .count();
        assert_eq!(anas, 3);
    }

    #[test]
    fn adopting_from_another_file_copies_its_passages_and_creates_missing_tags() {
        let theirs = project();
        // Ours: the same article, Ana's passages only, and no Quote tag.
        let mut ours = theirs.clone();
        let boris: Vec<PassageId> = (ours.passages().values())
            .filter(|p| p.is_by("Boris"))
            .map(|p| p.id)
            .collect();
        for id in boris {
            apply(&mut ours, Edit::RemovePassage(id)).expect("remove");
        }
        let quote = ours
            .tags()
            .values()
            .find(|t| t.name == "Quote")
            .expect("present in the fixture")
            .id;
        apply(&mut ours, Edit::RemoveTag(quote)).expect("remove tag");
        let b = Side::filtered("B", &theirs, |p| p.is_by("Boris"));
        let report = compare(&Side::whole("A", &ours), &b, &Options::default()).expect("r");
        assert_eq!(report.disagreements.len(), 3);
        let coders = Coders::OtherFile(&theirs);
        let only_b = (report.disagreements.iter())
            .find(|d| d.kind == DifferenceKind::OnlyB)
            .expect("present in the fixture");
        assert_eq!(adoption(&ours, coders, only_b, Choice::A), Ok(None));
        let edit = adoption(&ours, coders, only_b, Choice::B)
            .expect("present in the fixture")
            .expect("present in the fixture");
        let before = ours.clone();
        let undo = apply(&mut ours, edit).expect("applies");
        let quote_now = ours
            .tags()
            .values()
            .find(|t| t.name == "Quote")
            .expect("made");
        let parent = quote_now.parent.and_then(|p| ours.tag(p)).expect("parent");
        assert_eq!(parent.name, "Claim", "made under the existing Claim");
        assert_eq!(ours.passages().len(), before.passages().len() + 1);
        apply(&mut ours, undo).expect("undo");
        assert_eq!(ours, before);
    }
}
