//! Gestures: the multi-step changes a user makes in one go (delete a tag from everywhere, merge two
//! actors), each built as one [`Edit::Batch`] so that it is one undo step; and the gestures on
//! the current target — tag it, link an actor or event to it, create a tag, actor or event and
//! apply it — which the window and the command line share.

use std::fmt;

use super::{Edit, EditError};
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, Claim, ClaimId, DocId, Event, EventId, EventKind,
    EventRole, IdKind, Passage, PassageId, Project, Stance, Tag, TagId, Timestamp,
};

/// What a gesture acts on: a span of an article (a new passage is made over it) or a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A char span of a document (the reader's text selection).
    Span {
        /// The document.
        doc: DocId,
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
    },
    /// An existing passage.
    Passage(PassageId),
}

/// Why a gesture on the target cannot be built. The texts are what the window shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// Nothing is selected.
    NoTarget,
    /// The span's document is not in the project.
    NoDocument,
    /// The span is empty, reversed or outside its document's text.
    SpanDoesNotFit {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
    },
    /// The passage is not in the project.
    NoPassage,
    /// The name of the tag, actor or event to create is empty.
    EmptyName,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoTarget => f.write_str("Select some text or a passage first."),
            Self::NoDocument => f.write_str("The open article no longer exists."),
            Self::SpanDoesNotFit { start, end } => {
                write!(f, "The selection {start}..{end} does not fit the article.")
            }
            Self::NoPassage => f.write_str("The selected passage no longer exists."),
            Self::EmptyName => f.write_str("Type a name first."),
        }
    }
}

impl std::error::Error for TargetError {}

/// A gesture on the target, ready to apply as one undo step.
#[derive(Debug, Clone, PartialEq)]
pub struct Gesture {
    /// The edit (one step).
    pub edit: Edit,
    /// The passage to select afterwards (new or existing); `None` when only a tag, actor or
    /// event is created because there was no target (see [`Gesture::unapplied`]).
    pub passage: Option<PassageId>,
    /// Whether the tag or link is being added (a passage that has it already loses it).
    pub adding: bool,
    /// Why the new tag, actor or event could not be applied to the target: it is still created,
    /// so the typed name is not lost.
    pub unapplied: Option<TargetError>,
}

/// A new passage over the span with `fill` applied, or the existing passage's edit.
fn on_target(
    project: &Project,
    target: Option<Target>,
    fill: impl FnOnce(&mut Passage),
    existing: impl FnOnce(&Passage) -> (Edit, bool),
) -> Result<Gesture, TargetError> {
    let (edit, passage, adding) = match target.ok_or(TargetError::NoTarget)? {
        Target::Span { doc, start, end } => {
            let document = project.document(doc).ok_or(TargetError::NoDocument)?;
            let mut passage = Passage::new(document, start, end)
                .ok_or(TargetError::SpanDoesNotFit { start, end })?;
            fill(&mut passage);
            let id = passage.id;
            (Edit::AddPassage(Box::new(passage)), id, true)
        }
        Target::Passage(id) => {
            let passage = project.passage(id).ok_or(TargetError::NoPassage)?;
            let (edit, adding) = existing(passage);
            (edit, id, adding)
        }
    };
    Ok(Gesture {
        edit,
        passage: Some(passage),
        adding,
        unapplied: None,
    })
}

/// Tags the target: a new passage over the span, or the passage (toggling: a tag it has already
/// is removed).
pub fn tag_target(
    project: &Project,
    target: Option<Target>,
    tag: TagId,
) -> Result<Gesture, TargetError> {
    on_target(
        project,
        target,
        |p| p.tags.push(tag),
        |p| match p.tags.contains(&tag) {
            true => (Edit::UntagPassage(p.id, tag), false),
            false => (Edit::TagPassage(p.id, tag), true),
        },
    )
}

/// Links an actor to the target in a role (toggling on a passage that has the link).
pub fn link_actor_to_target(
    project: &Project,
    target: Option<Target>,
    actor: ActorId,
    role: ActorRole,
) -> Result<Gesture, TargetError> {
    on_target(
        project,
        target,
        |p| p.actors.push((actor, role)),
        |p| match p.actors.contains(&(actor, role)) {
            true => (Edit::UnlinkActor(p.id, actor, role), false),
            false => (Edit::LinkActor(p.id, actor, role), true),
        },
    )
}

/// Links an event to the target in a role (toggling on a passage that has the link).
pub fn link_event_to_target(
    project: &Project,
    target: Option<Target>,
    event: EventId,
    role: EventRole,
) -> Result<Gesture, TargetError> {
    on_target(
        project,
        target,
        |p| p.events.push((event, role)),
        |p| match p.events.contains(&(event, role)) {
            true => (Edit::UnlinkEvent(p.id, event, role), false),
            false => (Edit::LinkEvent(p.id, event, role), true),
        },
    )
}

/// `create` followed by the gesture built on what it creates, in one step; with no usable target,
/// `create` alone (and why in [`Gesture::unapplied`]).
fn create_then(create: Edit, built: Result<Gesture, TargetError>) -> Gesture {
    match built {
        Ok(gesture) => Gesture {
            edit: Edit::Batch(vec![create, gesture.edit]),
            ..gesture
        },
        Err(why) => Gesture {
            edit: create,
            passage: None,
            adding: true,
            unapplied: Some(why),
        },
    }
}

/// The gesture on the item called `name`: the existing one's (`existing` finds it), or
/// `create`'s new item's in the same step. Returns the gesture and the new item's id.
fn existing_or_created<I: Copy>(
    name: &str,
    existing: impl FnOnce(&str) -> Option<I>,
    create: impl FnOnce(&str) -> (Edit, I),
    gesture: impl Fn(I) -> Result<Gesture, TargetError>,
) -> Result<(Gesture, Option<I>), TargetError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TargetError::EmptyName);
    }
    if let Some(id) = existing(name) {
        return Ok((gesture(id)?, None));
    }
    let (edit, id) = create(name);
    Ok((create_then(edit, gesture(id)), Some(id)))
}

/// Tags the target with the tag called `name` (case-insensitive); a name no tag has creates
/// `new` (a tag of that name: the caller picks its colour) in the same step. Returns the gesture
/// and the id of the tag created, if one was. An existing tag on no target is an error, as in
/// [`tag_target`].
pub fn create_tag_and_apply(
    project: &Project,
    target: Option<Target>,
    new: Tag,
) -> Result<(Gesture, Option<TagId>), TargetError> {
    let name = new.name.clone();
    existing_or_created(
        &name,
        |name| project.tag_by_name(name).map(|t| t.id),
        |name| {
            let tag = Tag {
                name: name.to_owned(),
                ..new
            };
            let id = tag.id;
            (Edit::AddTag(tag), id)
        },
        |id| tag_target(project, target, id),
    )
}

/// Links the actor called `name` (or with that alias) to the target; a name no actor has creates
/// a person of that name in the same step. Returns the gesture and the id of the actor created.
pub fn create_actor_and_link(
    project: &Project,
    target: Option<Target>,
    name: &str,
    role: ActorRole,
    kind: ActorKind,
) -> Result<(Gesture, Option<ActorId>), TargetError> {
    existing_or_created(
        name,
        |name| project.actor_by_name(name).map(|a| a.id),
        |name| {
            let actor = Actor {
                author: project.session_author().to_owned(),
                id: ActorId::random(),
                name: name.to_owned(),
                kind,
                aliases: Vec::new(),
                description: String::new(),
            };
            let id = actor.id;
            (Edit::AddActor(actor), id)
        },
        |id| link_actor_to_target(project, target, id, role),
    )
}

/// Links the event titled `title` to the target; a title no event has creates an undated event
/// of that title in the same step. Returns the gesture and the id of the event created.
pub fn create_event_and_link(
    project: &Project,
    target: Option<Target>,
    title: &str,
    role: EventRole,
) -> Result<(Gesture, Option<EventId>), TargetError> {
    existing_or_created(
        title,
        |title| project.event_by_title(title).map(|e| e.id),
        |title| {
            let event = Event {
                author: project.session_author().to_owned(),
                id: EventId::random(),
                title: title.to_owned(),
                date: None,
                place: String::new(),
                kind: EventKind::Other,
                participants: Vec::new(),
                description: String::new(),
            };
            let id = event.id;
            (Edit::AddEvent(event), id)
        },
        |id| link_event_to_target(project, target, id, role),
    )
}

/// Gives the target a stance on a claim: a new passage over the span with the stance, or the
/// passage's stance set (toggling: the same stance it takes already is removed).
pub fn link_claim_to_target(
    project: &Project,
    target: Option<Target>,
    claim: ClaimId,
    stance: Stance,
) -> Result<Gesture, TargetError> {
    let current = project
        .evidence()
        .claim(claim)
        .map(|c| c.stances.clone())
        .unwrap_or_default();
    let set = |passage: PassageId, stance: Option<Stance>| Edit::SetStance {
        claim,
        passage,
        stance,
    };
    let mut gesture = on_target(
        project,
        target,
        |_| {},
        |p| match current.contains(&(p.id, stance)) {
            true => (set(p.id, None), false),
            false => (set(p.id, Some(stance)), true),
        },
    )?;
    if let Edit::AddPassage(passage) = &gesture.edit {
        let id = passage.id;
        gesture.edit = Edit::Batch(vec![gesture.edit.clone(), set(id, Some(stance))]);
    }
    Ok(gesture)
}

/// Gives the target a stance on the claim stated as `statement` (case-insensitive); a statement
/// no claim has creates the claim in the same step. Returns the gesture and the id of the claim
/// created, if one was.
pub fn create_claim_and_link(
    project: &Project,
    target: Option<Target>,
    statement: &str,
    stance: Stance,
) -> Result<(Gesture, Option<ClaimId>), TargetError> {
    existing_or_created(
        statement,
        |s| project.evidence().claim_by_statement(s).map(|c| c.id),
        |s| {
            let claim = Claim::new(s);
            let id = claim.id;
            (Edit::AddClaim(claim), id)
        },
        |id| link_claim_to_target(project, target, id, stance),
    )
}

/// Every passage, placed or orphaned.
fn all_passages(project: &Project) -> impl Iterator<Item = &Passage> {
    project
        .passages()
        .values()
        .chain(project.orphans().values())
}

/// The edit that replaces a passage as a whole, keeping an orphan an orphan.
fn set_passage(project: &Project, passage: Passage) -> Edit {
    if project.orphan(passage.id).is_some() {
        Edit::SetOrphan(Box::new(passage))
    } else {
        Edit::SetPassage(Box::new(passage))
    }
}

fn missing<K: IdKind>(id: crate::model::Id<K>) -> EditError {
    EditError::NotFound {
        noun: K::NOUN,
        id: id.to_string(),
    }
}

/// Sets the project's title and description in one undo step; `None` when neither changes.
/// The description keeps its lines; trailing blank space is dropped.
pub fn set_properties(project: &Project, title: &str, description: &str) -> Option<Edit> {
    let description = description.trim_end();
    let mut edits = Vec::new();
    if title != project.title {
        edits.push(Edit::SetTitle(title.to_owned()));
    }
    if description != project.description {
        edits.push(Edit::SetDescription(description.to_owned()));
    }
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

/// Deletes a tag: removes it from every passage, moves its child tags up to its parent, then
/// removes it.
pub fn delete_tag_everywhere(project: &Project, tag: TagId) -> Result<Edit, EditError> {
    let t = project.tag(tag).ok_or_else(|| missing(tag))?;
    let mut edits = Vec::new();
    for child in project.tags().values().filter(|c| c.parent == Some(tag)) {
        let mut moved = child.clone();
        moved.parent = t.parent;
        edits.push(Edit::SetTag(moved));
    }
    for p in all_passages(project).filter(|p| p.tags.contains(&tag)) {
        edits.push(Edit::UntagPassage(p.id, tag));
    }
    edits.push(Edit::RemoveTag(tag));
    Ok(Edit::Batch(edits))
}

/// Merges tag `from` into `into`: every passage tagged `from` gets `into`, `from`'s children move
/// under `into`, and `from` is removed.
pub fn merge_tags(project: &Project, from: TagId, into: TagId) -> Result<Edit, EditError> {
    if from == into {
        return Err(EditError::NoChange);
    }
    let from_tag = project.tag(from).ok_or_else(|| missing(from))?;
    let into_tag = project.tag(into).ok_or_else(|| missing(into))?;
    let mut edits = Vec::new();
    if project.tag_with_descendants(from).contains(&into) {
        // `into` sits under `from`: lift it to `from`'s place first so the tree stays a tree.
        let mut lifted = into_tag.clone();
        lifted.parent = from_tag.parent;
        edits.push(Edit::SetTag(lifted));
    }
    for child in project.tags().values() {
        if child.parent == Some(from) && child.id != into {
            let mut moved = child.clone();
            moved.parent = Some(into);
            edits.push(Edit::SetTag(moved));
        }
    }
    let now = Timestamp::now();
    for p in all_passages(project).filter(|p| p.tags.contains(&from)) {
        let mut changed = p.clone();
        changed.tags.retain(|t| *t != from);
        changed.tags.push(into);
        changed.edited = now.max(p.edited);
        edits.push(set_passage(project, changed));
    }
    edits.push(Edit::RemoveTag(from));
    Ok(Edit::Batch(edits))
}

/// Merges actor `from` into `into`: passage links and event participations move to `into`,
/// `from`'s name and aliases become aliases of `into`, and `from` is removed.
pub fn merge_actors(project: &Project, from: ActorId, into: ActorId) -> Result<Edit, EditError> {
    if from == into {
        return Err(EditError::NoChange);
    }
    let from_actor = project.actor(from).ok_or_else(|| missing(from))?;
    let into_actor = project.actor(into).ok_or_else(|| missing(into))?;
    let mut edits = Vec::new();
    let mut merged = into_actor.clone();
    for name in std::iter::once(&from_actor.name).chain(&from_actor.aliases) {
        let known = merged.name.to_lowercase() == name.to_lowercase()
            || merged
                .aliases
                .iter()
                .any(|a| a.to_lowercase() == name.to_lowercase());
        if !known {
            merged.aliases.push(name.clone());
        }
    }
    if merged.description.trim().is_empty() {
        merged.description = from_actor.description.clone();
    }
    if merged != *into_actor {
        edits.push(Edit::SetActor(merged));
    }
    let now = Timestamp::now();
    for p in all_passages(project) {
        if p.actors.iter().any(|(a, _)| *a == from) {
            let mut changed = p.clone();
            for link in &mut changed.actors {
                if link.0 == from {
                    link.0 = into;
                }
            }
            changed.edited = now.max(p.edited);
            edits.push(set_passage(project, changed));
        }
    }
    for e in project.events().values() {
        if e.participants.iter().any(|(a, _)| *a == from) {
            let mut changed = e.clone();
            for link in &mut changed.participants {
                if link.0 == from {
                    link.0 = into;
                }
            }
            edits.push(Edit::SetEvent(changed));
        }
    }
    edits.push(Edit::RemoveActor(from));
    Ok(Edit::Batch(edits))
}

/// Deletes an actor: unlinks it from every passage and event, then removes it.
pub fn delete_actor_everywhere(project: &Project, actor: ActorId) -> Result<Edit, EditError> {
    project.actor(actor).ok_or_else(|| missing(actor))?;
    let mut edits = Vec::new();
    for p in all_passages(project) {
        for (a, role) in &p.actors {
            if *a == actor {
                edits.push(Edit::UnlinkActor(p.id, actor, *role));
            }
        }
    }
    for e in project.events().values() {
        if e.participants.iter().any(|(a, _)| *a == actor) {
            let mut changed = e.clone();
            changed.participants.retain(|(a, _)| *a != actor);
            edits.push(Edit::SetEvent(changed));
        }
    }
    edits.push(Edit::RemoveActor(actor));
    Ok(Edit::Batch(edits))
}

/// Deletes an event: unlinks it from every passage and claim, then removes it.
pub fn delete_event_everywhere(project: &Project, event: EventId) -> Result<Edit, EditError> {
    project.event(event).ok_or_else(|| missing(event))?;
    let mut edits = Vec::new();
    for p in all_passages(project) {
        for (e, role) in &p.events {
            if *e == event {
                edits.push(Edit::UnlinkEvent(p.id, event, *role));
            }
        }
    }
    for c in project.evidence().claims().values() {
        if c.event == Some(event) {
            let mut changed = c.clone();
            changed.event = None;
            edits.push(Edit::SetClaim(changed));
        }
    }
    edits.push(Edit::RemoveEvent(event));
    Ok(Edit::Batch(edits))
}

/// Deletes an article with all its passages.
pub fn delete_document_everywhere(project: &Project, doc: DocId) -> Result<Edit, EditError> {
    project.document(doc).ok_or_else(|| missing(doc))?;
    let mut edits: Vec<Edit> = project
        .passages_in(doc)
        .chain(project.orphans_in(doc))
        .map(|p| Edit::RemovePassage(p.id))
        .collect();
    edits.push(Edit::RemoveDocument(doc));
    Ok(Edit::Batch(edits))
}
