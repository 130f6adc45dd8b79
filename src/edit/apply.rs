//! Applying one [`Edit`] to a [`Project`]: validate, change, return the inverse.

use super::Edit;
use crate::model::{Anchor, IdKind, Passage, PassageId, Problem, Project, Timestamp};

/// Why an edit was refused. The project is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names something that does not exist.
    #[error("there is no {noun} {id}")]
    NotFound {
        /// What kind of thing.
        noun: &'static str,
        /// Its id.
        id: String,
    },
    /// Something with that id already exists.
    #[error("a {noun} with id {id} already exists")]
    Exists {
        /// What kind of thing.
        noun: &'static str,
        /// Its id.
        id: String,
    },
    /// The thing to remove is still referred to.
    #[error("{what} is still used by {count} {by}")]
    InUse {
        /// What was to be removed.
        what: String,
        /// How many references remain.
        count: usize,
        /// What refers to it ("passages").
        by: &'static str,
    },
    /// The result would not be a valid project.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    /// The edit would change nothing (already tagged, same value).
    #[error("nothing to change")]
    NoChange,
}

fn not_found<K: IdKind>(id: crate::model::Id<K>) -> EditError {
    EditError::NotFound {
        noun: K::NOUN,
        id: id.to_string(),
    }
}

fn exists<K: IdKind>(id: crate::model::Id<K>) -> EditError {
    EditError::Exists {
        noun: K::NOUN,
        id: id.to_string(),
    }
}

fn ok_or_invalid(problems: Vec<Problem>) -> Result<(), EditError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(EditError::Invalid(problems))
    }
}

/// Applies an edit. On success the project has changed and the returned edit undoes it; on error
/// nothing has changed.
pub fn apply(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    let inverse = apply_inner(project, edit)?;
    project.bump();
    Ok(inverse)
}

/// Changes a passage through `change`, stamping its edit time; the inverse restores the whole
/// old passage (so redo restores the stamped one exactly).
fn modify_passage(
    project: &mut Project,
    id: PassageId,
    change: impl FnOnce(&mut Passage) -> Result<(), EditError>,
) -> Result<Edit, EditError> {
    let old = project.passage(id).ok_or_else(|| not_found(id))?.clone();
    let mut new = old.clone();
    change(&mut new)?;
    new.normalize();
    if new == old {
        return Err(EditError::NoChange);
    }
    new.edited = Timestamp::now().max(old.edited);
    ok_or_invalid(project.check_passage(&new))?;
    project.put_passage(new);
    Ok(Edit::SetPassage(Box::new(old)))
}

fn apply_inner(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::SetTitle(title) => {
            if title == project.title {
                return Err(EditError::NoChange);
            }
            Ok(Edit::SetTitle(std::mem::replace(&mut project.title, title)))
        }
        Edit::AddDocument(doc) => {
            if project.document(doc.id).is_some() {
                return Err(exists(doc.id));
            }
            if doc.title.trim().is_empty() {
                return Err(EditError::Invalid(vec![Problem::EmptyName(format!(
                    "document {}",
                    doc.id
                ))]));
            }
            let id = doc.id;
            project.documents_mut().insert(id, *doc);
            Ok(Edit::RemoveDocument(id))
        }
        Edit::RemoveDocument(id) => {
            let count = project.passage_count(id);
            if count > 0 {
                return Err(EditError::InUse {
                    what: format!("document {id}"),
                    count,
                    by: "passages",
                });
            }
            let doc = project
                .documents_mut()
                .remove(&id)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::AddDocument(Box::new(doc)))
        }
        Edit::SetDocumentMeta(id, meta) => {
            let doc = project.document(id).ok_or_else(|| not_found(id))?;
            if doc.meta() == meta {
                return Err(EditError::NoChange);
            }
            if meta.title.trim().is_empty() {
                return Err(EditError::Invalid(vec![Problem::EmptyName(format!(
                    "document {id}"
                ))]));
            }
            let doc = project
                .documents_mut()
                .get_mut(&id)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::SetDocumentMeta(id, doc.set_meta(meta)))
        }
        Edit::AddPassage(mut passage) => {
            if project.passage(passage.id).is_some() {
                return Err(exists(passage.id));
            }
            passage.normalize();
            ok_or_invalid(project.check_passage(&passage))?;
            let id = passage.id;
            project.put_passage(*passage);
            Ok(Edit::RemovePassage(id))
        }
        Edit::RemovePassage(id) => {
            let old = project.take_passage(id).ok_or_else(|| not_found(id))?;
            Ok(Edit::AddPassage(Box::new(old)))
        }
        Edit::SetPassage(mut passage) => {
            let old = project
                .passage(passage.id)
                .ok_or_else(|| not_found(passage.id))?;
            passage.normalize();
            if *old == *passage {
                return Err(EditError::NoChange);
            }
            ok_or_invalid(project.check_passage(&passage))?;
            let old = project.put_passage(*passage).ok_or(EditError::NoChange)?;
            Ok(Edit::SetPassage(Box::new(old)))
        }
        Edit::SetPassageSpan {
            passage,
            start,
            end,
        } => {
            let doc_id = project
                .passage(passage)
                .ok_or_else(|| not_found(passage))?
                .doc;
            let doc = project.document(doc_id).ok_or_else(|| not_found(doc_id))?;
            let bad_span = || {
                EditError::Invalid(vec![Problem::BadSpan {
                    passage,
                    start,
                    end,
                    len: doc.text.len_chars(),
                }])
            };
            if start >= end {
                return Err(bad_span());
            }
            let anchor = Anchor::of(&doc.text, start, end).ok_or_else(bad_span)?;
            modify_passage(project, passage, |p| {
                p.start = start;
                p.end = end;
                p.quote = anchor.quote;
                p.prefix = anchor.prefix;
                p.suffix = anchor.suffix;
                Ok(())
            })
        }
        Edit::SetPassageNote(id, note) => modify_passage(project, id, |p| {
            p.note = note;
            Ok(())
        }),
        Edit::TagPassage(id, tag) => {
            project.tag(tag).ok_or_else(|| not_found(tag))?;
            modify_passage(project, id, |p| {
                p.tags.push(tag);
                Ok(())
            })
        }
        Edit::UntagPassage(id, tag) => modify_passage(project, id, |p| {
            p.tags.retain(|t| *t != tag);
            Ok(())
        }),
        Edit::LinkActor(id, actor, role) => {
            project.actor(actor).ok_or_else(|| not_found(actor))?;
            modify_passage(project, id, |p| {
                p.actors.push((actor, role));
                Ok(())
            })
        }
        Edit::UnlinkActor(id, actor, role) => modify_passage(project, id, |p| {
            p.actors.retain(|l| *l != (actor, role));
            Ok(())
        }),
        Edit::LinkEvent(id, event, role) => {
            project.event(event).ok_or_else(|| not_found(event))?;
            modify_passage(project, id, |p| {
                p.events.push((event, role));
                Ok(())
            })
        }
        Edit::UnlinkEvent(id, event, role) => modify_passage(project, id, |p| {
            p.events.retain(|l| *l != (event, role));
            Ok(())
        }),
        Edit::AddTag(tag) => {
            if project.tag(tag.id).is_some() {
                return Err(exists(tag.id));
            }
            ok_or_invalid(project.check_tag(&tag))?;
            let id = tag.id;
            project.tags_mut().insert(id, tag);
            Ok(Edit::RemoveTag(id))
        }
        Edit::RemoveTag(id) => {
            project.tag(id).ok_or_else(|| not_found(id))?;
            let used = project
                .passages()
                .values()
                .filter(|p| p.tags.contains(&id))
                .count();
            if used > 0 {
                return Err(EditError::InUse {
                    what: format!("tag {id}"),
                    count: used,
                    by: "passages",
                });
            }
            let children = project
                .tags()
                .values()
                .filter(|t| t.parent == Some(id))
                .count();
            if children > 0 {
                return Err(EditError::InUse {
                    what: format!("tag {id}"),
                    count: children,
                    by: "child tags",
                });
            }
            let old = project
                .tags_mut()
                .remove(&id)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::AddTag(old))
        }
        Edit::SetTag(tag) => {
            let old = project.tag(tag.id).ok_or_else(|| not_found(tag.id))?;
            if *old == tag {
                return Err(EditError::NoChange);
            }
            ok_or_invalid(project.check_tag(&tag))?;
            let id = tag.id;
            let old = project
                .tags_mut()
                .insert(id, tag)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::SetTag(old))
        }
        Edit::AddActor(actor) => {
            if project.actor(actor.id).is_some() {
                return Err(exists(actor.id));
            }
            if actor.name.trim().is_empty() {
                return Err(EditError::Invalid(vec![Problem::EmptyName(format!(
                    "actor {}",
                    actor.id
                ))]));
            }
            let id = actor.id;
            project.actors_mut().insert(id, actor);
            Ok(Edit::RemoveActor(id))
        }
        Edit::RemoveActor(id) => {
            project.actor(id).ok_or_else(|| not_found(id))?;
            let used = project
                .passages()
                .values()
                .filter(|p| p.actors.iter().any(|(a, _)| *a == id))
                .count();
            if used > 0 {
                return Err(EditError::InUse {
                    what: format!("actor {id}"),
                    count: used,
                    by: "passages",
                });
            }
            let in_events = project
                .events()
                .values()
                .filter(|e| e.participants.iter().any(|(a, _)| *a == id))
                .count();
            if in_events > 0 {
                return Err(EditError::InUse {
                    what: format!("actor {id}"),
                    count: in_events,
                    by: "events",
                });
            }
            let old = project
                .actors_mut()
                .remove(&id)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::AddActor(old))
        }
        Edit::SetActor(actor) => {
            let old = project.actor(actor.id).ok_or_else(|| not_found(actor.id))?;
            if *old == actor {
                return Err(EditError::NoChange);
            }
            if actor.name.trim().is_empty() {
                return Err(EditError::Invalid(vec![Problem::EmptyName(format!(
                    "actor {}",
                    actor.id
                ))]));
            }
            let id = actor.id;
            let old = project
                .actors_mut()
                .insert(id, actor)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::SetActor(old))
        }
        Edit::AddEvent(mut event) => {
            if project.event(event.id).is_some() {
                return Err(exists(event.id));
            }
            event.participants.sort_unstable();
            event.participants.dedup();
            ok_or_invalid(project.check_event(&event))?;
            let id = event.id;
            project.events_mut().insert(id, event);
            Ok(Edit::RemoveEvent(id))
        }
        Edit::RemoveEvent(id) => {
            project.event(id).ok_or_else(|| not_found(id))?;
            let used = project
                .passages()
                .values()
                .filter(|p| p.events.iter().any(|(e, _)| *e == id))
                .count();
            if used > 0 {
                return Err(EditError::InUse {
                    what: format!("event {id}"),
                    count: used,
                    by: "passages",
                });
            }
            let old = project
                .events_mut()
                .remove(&id)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::AddEvent(old))
        }
        Edit::SetEvent(mut event) => {
            event.participants.sort_unstable();
            event.participants.dedup();
            let old = project.event(event.id).ok_or_else(|| not_found(event.id))?;
            if *old == event {
                return Err(EditError::NoChange);
            }
            ok_or_invalid(project.check_event(&event))?;
            let id = event.id;
            let old = project
                .events_mut()
                .insert(id, event)
                .ok_or_else(|| not_found(id))?;
            Ok(Edit::SetEvent(old))
        }
        Edit::Batch(edits) => {
            let mut inverses: Vec<Edit> = Vec::with_capacity(edits.len());
            for edit in edits {
                match apply_inner(project, edit) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(EditError::NoChange) => {}
                    Err(err) => {
                        // Roll back what this batch did, newest first.
                        for inverse in inverses.into_iter().rev() {
                            let _ = apply_inner(project, inverse);
                        }
                        return Err(err);
                    }
                }
            }
            if inverses.is_empty() {
                return Err(EditError::NoChange);
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}
