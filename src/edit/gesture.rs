//! Gestures: the multi-step changes a user makes in one go (delete a tag from everywhere, merge two
//! actors), each built as one [`Edit::Batch`] so that it is one undo step.

use super::{Edit, EditError};
use crate::model::{ActorId, DocId, EventId, IdKind, Passage, Project, TagId, Timestamp};

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
