//! Every change to a project: the [`Edit`] enum, applied with validation, returning its inverse;
//! gesture builders that compose edits (delete a tag everywhere, merge two actors); and the undo
//! [`History`].
//!
//! Applying an edit either changes the project and returns the edit that undoes it, or changes
//! nothing and returns an [`EditError`]. A [`Edit::Batch`] is all or nothing.

mod ach;
mod apply;
mod claims;
mod gesture;
mod history;
mod web;

pub use ach::{AchEdit, EvidenceAdded, add_evidence, add_target_as_evidence};
pub use apply::{EditError, apply};
pub use gesture::*;
pub use history::{GroupKey, History, MAX_UNDO_STEPS};
pub use web::WebEdit;

use crate::model::{
    Actor, ActorId, ActorRole, Claim, ClaimId, Conflict, ConflictKey, DocId, DocMeta, Document,
    Event, EventId, EventRole, Grade, Passage, PassageId, Stance, Tag, TagId, Text, Timestamp,
};

/// One change to a project. Each variant is validated when applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Renames the project.
    SetTitle(String),
    /// Changes the project's description.
    SetDescription(String),
    /// Changes how the project's briefs are made (grouping, parts left out, agreement appendix);
    /// the template is put in canonical form and checked.
    SetBriefTemplate(Box<crate::model::BriefTemplate>),
    /// Replaces the whole contents of the project with another (already valid) project's, as
    /// File › Merge another copy… does with the merge's result: one undo step, whose inverse
    /// holds the contents before. Who is editing stays as it was.
    ReplaceContents(Box<crate::model::Project>),
    /// Adds an imported article.
    AddDocument(Box<Document>),
    /// Removes an article that has no passages.
    RemoveDocument(DocId),
    /// Changes an article's metadata.
    SetDocumentMeta(DocId, DocMeta),
    /// Adds a passage (its anchor must match the text).
    AddPassage(Box<Passage>),
    /// Removes a passage (or an orphan).
    RemovePassage(PassageId),
    /// Replaces a passage as a whole, timestamps included (the inverse of the passage edits below).
    /// Given an orphan's id, places the orphan: the passage must fit the text.
    SetPassage(Box<Passage>),
    /// Moves a passage's boundaries; its anchor is recomputed. Given an orphan's id, places the
    /// orphan there.
    SetPassageSpan {
        /// The passage.
        passage: PassageId,
        /// New first char.
        start: usize,
        /// New end (exclusive).
        end: usize,
    },
    /// Changes a passage's note.
    SetPassageNote(PassageId, String),
    /// Adds a tag to a passage.
    TagPassage(PassageId, TagId),
    /// Removes a tag from a passage.
    UntagPassage(PassageId, TagId),
    /// Links an actor to a passage in a role.
    LinkActor(PassageId, ActorId, ActorRole),
    /// Removes an actor link.
    UnlinkActor(PassageId, ActorId, ActorRole),
    /// Links an event to a passage in a role.
    LinkEvent(PassageId, EventId, EventRole),
    /// Removes an event link.
    UnlinkEvent(PassageId, EventId, EventRole),
    /// Adds a tag to the codebook.
    AddTag(Tag),
    /// Removes an unused tag without children.
    RemoveTag(TagId),
    /// Changes a tag (name, colour, parent, description).
    SetTag(Tag),
    /// Adds an actor.
    AddActor(Actor),
    /// Removes an actor no passage or event refers to.
    RemoveActor(ActorId),
    /// Changes an actor.
    SetActor(Actor),
    /// Adds an event.
    AddEvent(Event),
    /// Removes an event no passage refers to.
    RemoveEvent(EventId),
    /// Changes an event.
    SetEvent(Event),
    /// Adds an orphaned passage (the inverse of removing one).
    AddOrphan(Box<Passage>),
    /// Makes a passage, or an orphan, the orphan given, as a whole (the inverse of the passage
    /// edits on orphans, and of placing one).
    SetOrphan(Box<Passage>),
    /// Replaces an article's text and re-places its passages: one step, whose inverse restores
    /// the old text and every passage exactly. Built by [`crate::anchor::reanchor`].
    ReplaceText(Box<TextReplacement>),
    /// Records an open merge conflict (see [`crate::model::Conflict`]); its item must exist.
    AddConflict(Box<Conflict>),
    /// Closes an open merge conflict. Resolving one is a [`Edit::Batch`] of the field's change
    /// and this ([`crate::merge::resolve`]).
    RemoveConflict(ConflictKey),
    /// Sets or clears a feed or a fetch record ([`crate::model::web`]).
    Web(Box<WebEdit>),
    /// Adds a claim (its stances' passages must exist).
    AddClaim(Claim),
    /// Removes a claim, with the stances on it.
    RemoveClaim(ClaimId),
    /// Changes a claim as a whole (statement, event, description, stances).
    SetClaim(Claim),
    /// Sets the stance a passage (or orphan) takes on a claim; `None` removes it.
    SetStance {
        /// The claim.
        claim: ClaimId,
        /// The passage.
        passage: PassageId,
        /// The stance, or none.
        stance: Option<Stance>,
    },
    /// Grades an outlet, an actor as a source, or a passage; the default grade (F, 6) clears it.
    SetGrade(Grade),
    /// Changes the hypotheses or the ACH matrix ([`AchEdit`]).
    Ach(AchEdit),
    /// Several edits as one: all apply or none does.
    Batch(Vec<Edit>),
}

/// A new text for a document with every one of its passages placed in it or orphaned — the
/// content of [`Edit::ReplaceText`].
///
/// Applying it checks that `passages` and `orphans` hold exactly the document's current passages
/// and orphans (by id, each once), that every passage fits the new text, and that every orphan's
/// references resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextReplacement {
    /// The document.
    pub doc: DocId,
    /// Its new text (`\n` line ends, no BOM).
    pub text: Text,
    /// The file the new text came from.
    pub origin: String,
    /// When the new text was imported.
    pub imported: Timestamp,
    /// The passages placed in the new text.
    pub passages: Vec<Passage>,
    /// The passages that could not be placed.
    pub orphans: Vec<Passage>,
}

/// What an edit is about, so the UI can bring it into view after undo or redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The project as a whole.
    Project,
    /// An article.
    Document(DocId),
    /// A passage.
    Passage(PassageId),
    /// A tag.
    Tag(TagId),
    /// An actor.
    Actor(ActorId),
    /// An event.
    Event(EventId),
    /// A claim.
    Claim(ClaimId),
}

impl Edit {
    /// What the edit is about (for a batch, its first edit's subject).
    pub fn subject(&self) -> Subject {
        match self {
            Self::SetTitle(_)
            | Self::SetDescription(_)
            | Self::SetBriefTemplate(_)
            | Self::ReplaceContents(_) => Subject::Project,
            Self::AddDocument(d) => Subject::Document(d.id),
            Self::RemoveDocument(id) | Self::SetDocumentMeta(id, _) => Subject::Document(*id),
            Self::AddPassage(p) | Self::SetPassage(p) | Self::AddOrphan(p) | Self::SetOrphan(p) => {
                Subject::Passage(p.id)
            }
            Self::ReplaceText(r) => Subject::Document(r.doc),
            Self::RemovePassage(id)
            | Self::SetPassageSpan { passage: id, .. }
            | Self::SetPassageNote(id, _)
            | Self::TagPassage(id, _)
            | Self::UntagPassage(id, _)
            | Self::LinkActor(id, ..)
            | Self::UnlinkActor(id, ..)
            | Self::LinkEvent(id, ..)
            | Self::UnlinkEvent(id, ..) => Subject::Passage(*id),
            Self::AddTag(t) | Self::SetTag(t) => Subject::Tag(t.id),
            Self::RemoveTag(id) => Subject::Tag(*id),
            Self::AddActor(a) | Self::SetActor(a) => Subject::Actor(a.id),
            Self::RemoveActor(id) => Subject::Actor(*id),
            Self::AddEvent(e) | Self::SetEvent(e) => Subject::Event(e.id),
            Self::RemoveEvent(id) => Subject::Event(*id),
            Self::AddConflict(_) | Self::RemoveConflict(_) => Subject::Project,
            Self::Web(w) => w.doc().map_or(Subject::Project, Subject::Document),
            Self::AddClaim(c) | Self::SetClaim(c) => Subject::Claim(c.id),
            Self::RemoveClaim(id) | Self::SetStance { claim: id, .. } => Subject::Claim(*id),
            Self::SetGrade(grade) => match grade {
                Grade::Outlet(..) => Subject::Project,
                Grade::Actor(a, _) => Subject::Actor(*a),
                Grade::Passage(p, _) => Subject::Passage(*p),
            },
            Self::Ach(edit) => match edit.row() {
                Some(crate::model::RowSource::Passage(p)) => Subject::Passage(p),
                Some(crate::model::RowSource::Claim(c)) => Subject::Claim(c),
                None => Subject::Project,
            },
            Self::Batch(edits) => edits.first().map_or(Subject::Project, Edit::subject),
        }
    }

    /// Stamps `author` as the maker of every passage, orphan, actor and event this edit adds
    /// (through batches too), where none is given. For importers and the command line's
    /// `--author`; the edits that change a passage stamp [`crate::model::Project::session_author`].
    pub fn stamp_author(&mut self, author: &str) {
        let author = author.trim();
        if author.is_empty() {
            return;
        }
        let set = |slot: &mut String| {
            if slot.is_empty() {
                author.clone_into(slot);
            }
        };
        match self {
            Self::AddPassage(p) | Self::AddOrphan(p) => set(&mut p.author),
            Self::AddActor(a) => set(&mut a.author),
            Self::AddEvent(e) => set(&mut e.author),
            Self::Batch(edits) => edits.iter_mut().for_each(|e| e.stamp_author(author)),
            _ => {}
        }
    }

    /// A short human description ("tag passage"), for undo menu entries.
    pub fn label(&self) -> &'static str {
        match self {
            Self::SetTitle(_) => "rename project",
            Self::SetDescription(_) => "describe project",
            Self::SetBriefTemplate(_) => "change brief template",
            Self::ReplaceContents(_) => "merge another copy",
            Self::AddDocument(_) => "import article",
            Self::RemoveDocument(_) => "remove article",
            Self::SetDocumentMeta(..) => "edit article details",
            Self::AddPassage(_) => "add passage",
            Self::RemovePassage(_) => "delete passage",
            Self::SetPassage(_) => "change passage",
            Self::AddOrphan(_) => "restore orphaned passage",
            Self::SetOrphan(_) => "change orphaned passage",
            Self::ReplaceText(_) => "replace article text",
            Self::SetPassageSpan { .. } => "adjust passage",
            Self::SetPassageNote(..) => "edit note",
            Self::TagPassage(..) => "tag passage",
            Self::UntagPassage(..) => "untag passage",
            Self::LinkActor(..) => "link actor",
            Self::UnlinkActor(..) => "unlink actor",
            Self::LinkEvent(..) => "link event",
            Self::UnlinkEvent(..) => "unlink event",
            Self::AddTag(_) => "create tag",
            Self::RemoveTag(_) => "delete tag",
            Self::SetTag(_) => "change tag",
            Self::AddActor(_) => "create actor",
            Self::RemoveActor(_) => "delete actor",
            Self::SetActor(_) => "change actor",
            Self::AddEvent(_) => "create event",
            Self::RemoveEvent(_) => "delete event",
            Self::SetEvent(_) => "change event",
            Self::AddConflict(_) => "record conflict",
            Self::RemoveConflict(_) => "resolve conflict",
            Self::Web(w) => w.label(),
            Self::AddClaim(_) => "create claim",
            Self::RemoveClaim(_) => "delete claim",
            Self::SetClaim(_) => "change claim",
            Self::SetStance {
                stance: Some(_), ..
            } => "link claim",
            Self::SetStance { stance: None, .. } => "unlink claim",
            Self::SetGrade(_) => "grade",
            Self::Ach(edit) => edit.label(),
            Self::Batch(edits) => edits.first().map_or("change", Edit::label),
        }
    }
}

#[cfg(test)]
mod claims_tests;
#[cfg(test)]
mod tests;
