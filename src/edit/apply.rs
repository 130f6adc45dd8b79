//! Applying one [`Edit`] to a [`Project`]: validate, change, return the inverse.

use std::collections::BTreeSet;

use super::{Edit, TextReplacement};
use crate::model::{Anchor, DocId, IdKind, Passage, PassageId, Problem, Project, Timestamp};

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
    /// A text replacement that does not account for exactly the document's passages.
    #[error("cannot replace the text of document {doc}: {reason}")]
    Replacement {
        /// The document.
        doc: DocId,
        /// What is wrong ("passage p… is missing").
        reason: String,
    },
}

pub(super) fn not_found<K: IdKind>(id: crate::model::Id<K>) -> EditError {
    EditError::NotFound {
        noun: K::NOUN,
        id: id.to_string(),
    }
}

pub(super) fn exists<K: IdKind>(id: crate::model::Id<K>) -> EditError {
    EditError::Exists {
        noun: K::NOUN,
        id: id.to_string(),
    }
}

pub(super) fn ok_or_invalid(problems: Vec<Problem>) -> Result<(), EditError> {
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
    // An item with an open merge conflict cannot go away under it (resolve the conflict first).
    if let Some(conflict) = project
        .conflicts()
        .values()
        .find(|c| !project.has_item(&c.item))
    {
        let refusal = EditError::InUse {
            what: conflict.item.clone(),
            count: project
                .conflicts()
                .values()
                .filter(|c| c.item == conflict.item)
                .count(),
            by: "open merge conflicts",
        };
        let _ = apply_inner(project, inverse);
        return Err(refusal);
    }
    project.bump();
    Ok(inverse)
}

/// Changes a passage (or an orphan, which stays one) through `change`, stamping its edit time;
/// the inverse restores the whole old passage (so redo restores the stamped one exactly).
fn modify_passage(
    project: &mut Project,
    id: PassageId,
    change: impl FnOnce(&mut Passage) -> Result<(), EditError>,
) -> Result<Edit, EditError> {
    let (old, orphan) = match project.passage(id) {
        Some(p) => (p.clone(), false),
        None => (
            project.orphan(id).ok_or_else(|| not_found(id))?.clone(),
            true,
        ),
    };
    let mut new = old.clone();
    change(&mut new)?;
    new.normalize();
    if new == old {
        return Err(EditError::NoChange);
    }
    new.edited = Timestamp::now().max(old.edited);
    if !project.session_author().is_empty() {
        new.author = project.session_author().to_owned();
    }
    if orphan {
        ok_or_invalid(project.check_orphan(&new))?;
        project.put_orphan(new);
        return Ok(Edit::SetOrphan(Box::new(old)));
    }
    ok_or_invalid(project.check_passage(&new))?;
    project.put_passage(new);
    Ok(Edit::SetPassage(Box::new(old)))
}

/// Places an orphan as the passage given (which must fit its text); the inverse orphans it again.
fn place_orphan(project: &mut Project, passage: Passage) -> Result<Edit, EditError> {
    ok_or_invalid(project.check_passage(&passage))?;
    let old = project
        .take_orphan(passage.id)
        .ok_or_else(|| not_found(passage.id))?;
    project.put_passage(passage);
    Ok(Edit::SetOrphan(Box::new(old)))
}

/// How many passages and orphans satisfy `uses`.
fn count_users(project: &Project, uses: impl Fn(&Passage) -> bool) -> usize {
    project
        .passages()
        .values()
        .chain(project.orphans().values())
        .filter(|p| uses(p))
        .count()
}

/// Applies a text replacement (see [`TextReplacement`]).
fn replace_text(project: &mut Project, mut r: TextReplacement) -> Result<Edit, EditError> {
    let doc = project.document(r.doc).ok_or_else(|| not_found(r.doc))?;
    let mismatch = |reason: String| EditError::Replacement { doc: r.doc, reason };
    let current: BTreeSet<PassageId> = project
        .passages_in(r.doc)
        .map(|p| p.id)
        .chain(project.orphans_in(r.doc).map(|p| p.id))
        .collect();
    let mut given = BTreeSet::new();
    for p in r.passages.iter_mut().chain(r.orphans.iter_mut()) {
        if p.doc != r.doc {
            return Err(mismatch(format!(
                "passage {} is in document {}",
                p.id, p.doc
            )));
        }
        if !given.insert(p.id) {
            return Err(mismatch(format!("passage {} is listed twice", p.id)));
        }
        p.normalize();
    }
    if let Some(missing) = current.difference(&given).next() {
        return Err(mismatch(format!("passage {missing} is missing")));
    }
    if let Some(extra) = given.difference(&current).next() {
        return Err(mismatch(format!(
            "passage {extra} is not one of its passages"
        )));
    }
    if r.text.len_bytes() > u32::MAX as usize {
        return Err(EditError::Invalid(vec![Problem::TooLarge(r.doc)]));
    }
    let unchanged = doc.text == r.text
        && doc.origin == r.origin
        && doc.imported == r.imported
        && r.passages.iter().all(|p| project.passage(p.id) == Some(p))
        && r.orphans.iter().all(|p| project.orphan(p.id) == Some(p));
    if unchanged {
        return Err(EditError::NoChange);
    }

    let swap = |project: &mut Project, text, origin, imported| {
        project.documents_mut().get_mut(&r.doc).map(|d| {
            (
                std::mem::replace(&mut d.text, text),
                std::mem::replace(&mut d.origin, origin),
                std::mem::replace(&mut d.imported, imported),
            )
        })
    };
    let (old_text, old_origin, old_imported) =
        swap(project, r.text, r.origin, r.imported).ok_or_else(|| not_found(r.doc))?;
    let problems: Vec<Problem> = r
        .passages
        .iter()
        .flat_map(|p| project.check_passage(p))
        .chain(r.orphans.iter().flat_map(|p| project.check_orphan(p)))
        .collect();
    if !problems.is_empty() {
        swap(project, old_text, old_origin, old_imported);
        return Err(EditError::Invalid(problems));
    }
    let mut old_passages = Vec::new();
    let mut old_orphans = Vec::new();
    for id in current {
        if let Some(p) = project.take_passage(id) {
            old_passages.push(p);
        } else if let Some(p) = project.take_orphan(id) {
            old_orphans.push(p);
        }
    }
    for p in r.passages {
        project.put_passage(p);
    }
    for p in r.orphans {
        project.put_orphan(p);
    }
    Ok(Edit::ReplaceText(Box::new(TextReplacement {
        doc: r.doc,
        text: old_text,
        origin: old_origin,
        imported: old_imported,
        passages: old_passages,
        orphans: old_orphans,
    })))
}

fn apply_inner(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::SetTitle(title) => {
            if title == project.title {
                return Err(EditError::NoChange);
            }
            Ok(Edit::SetTitle(std::mem::replace(&mut project.title, title)))
        }
        Edit::ReplaceContents(contents) => {
            if *contents == *project {
                return Err(EditError::NoChange);
            }
            Ok(Edit::ReplaceContents(Box::new(
                project.replace_contents(*contents),
            )))
        }
        Edit::SetDescription(description) => {
            if description == project.description {
                return Err(EditError::NoChange);
            }
            Ok(Edit::SetDescription(std::mem::replace(
                &mut project.description,
                description,
            )))
        }
        Edit::SetBriefTemplate(mut template) => {
            template.normalize();
            let problems = template.problems();
            if !problems.is_empty() {
                return Err(EditError::Invalid(problems));
            }
            if *template == *project.brief_template() {
                return Err(EditError::NoChange);
            }
            let old = std::mem::replace(project.brief_template_mut(), *template);
            Ok(Edit::SetBriefTemplate(Box::new(old)))
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
            let count = project.passage_count(id) + project.orphans_in(id).count();
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
            // Its fetch record goes with it, and comes back on undo.
            match project.web_mut().fetched.remove(&id) {
                Some(record) => Ok(Edit::Batch(vec![
                    Edit::AddDocument(Box::new(doc)),
                    Edit::Web(Box::new(super::WebEdit::SetFetched(
                        id,
                        Some(Box::new(record)),
                    ))),
                ])),
                None => Ok(Edit::AddDocument(Box::new(doc))),
            }
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
            if project.has_passage_id(passage.id) {
                return Err(exists(passage.id));
            }
            passage.normalize();
            ok_or_invalid(project.check_passage(&passage))?;
            let id = passage.id;
            project.put_passage(*passage);
            Ok(Edit::RemovePassage(id))
        }
        Edit::RemovePassage(id) => {
            if !project.has_passage_id(id) {
                return Err(not_found(id));
            }
            // Its stances and grade go with it (and come back with it).
            let restore = super::claims::detach_passage(project, id);
            let mut restore = restore;
            let inverse = match project.take_passage(id) {
                Some(old) => Edit::AddPassage(Box::new(old)),
                None => {
                    let old = project.take_orphan(id).ok_or_else(|| not_found(id))?;
                    Edit::AddOrphan(Box::new(old))
                }
            };
            // Its evidence row too.
            restore.extend(super::ach::detach(
                project,
                crate::model::RowSource::Passage(id),
            ));
            Ok(super::claims::then(inverse, restore))
        }
        Edit::SetPassage(mut passage) => {
            passage.normalize();
            if project.orphan(passage.id).is_some() {
                return place_orphan(project, *passage);
            }
            let old = project
                .passage(passage.id)
                .ok_or_else(|| not_found(passage.id))?;
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
                .or_else(|| project.orphan(passage))
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
            if let Some(orphan) = project.orphan(passage) {
                let mut placed = orphan.clone();
                placed.start = start;
                placed.end = end;
                placed.quote = anchor.quote;
                placed.prefix = anchor.prefix;
                placed.suffix = anchor.suffix;
                placed.edited = Timestamp::now().max(orphan.edited);
                return place_orphan(project, placed);
            }
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
            let used = count_users(project, |p| p.tags.contains(&id));
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
            let used = count_users(project, |p| p.actors.iter().any(|(a, _)| *a == id));
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
            let restore = super::claims::detach_actor(project, id);
            let old = project
                .actors_mut()
                .remove(&id)
                .ok_or_else(|| not_found(id))?;
            Ok(super::claims::then(Edit::AddActor(old), restore))
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
            super::claims::check_event_unused(project, id)?;
            let used = count_users(project, |p| p.events.iter().any(|(e, _)| *e == id));
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
        Edit::AddOrphan(mut orphan) => {
            if project.has_passage_id(orphan.id) {
                return Err(exists(orphan.id));
            }
            orphan.normalize();
            ok_or_invalid(project.check_orphan(&orphan))?;
            let id = orphan.id;
            project.put_orphan(*orphan);
            Ok(Edit::RemovePassage(id))
        }
        Edit::SetOrphan(mut orphan) => {
            orphan.normalize();
            if let Some(old) = project.orphan(orphan.id) {
                if *old == *orphan {
                    return Err(EditError::NoChange);
                }
                ok_or_invalid(project.check_orphan(&orphan))?;
                let old = project.put_orphan(*orphan).ok_or(EditError::NoChange)?;
                return Ok(Edit::SetOrphan(Box::new(old)));
            }
            project
                .passage(orphan.id)
                .ok_or_else(|| not_found(orphan.id))?;
            ok_or_invalid(project.check_orphan(&orphan))?;
            let old = project
                .take_passage(orphan.id)
                .ok_or_else(|| not_found(orphan.id))?;
            project.put_orphan(*orphan);
            Ok(Edit::SetPassage(Box::new(old)))
        }
        Edit::ReplaceText(replacement) => replace_text(project, *replacement),
        Edit::Web(edit) => super::web::apply(project, *edit),
        Edit::AddConflict(conflict) => {
            let key = conflict.key();
            if project.conflicts().contains_key(&key) {
                return Err(EditError::Exists {
                    noun: "conflict",
                    id: format!("{} {}", key.item, key.field),
                });
            }
            ok_or_invalid(project.check_conflict(&conflict))?;
            project.put_conflict(*conflict);
            Ok(Edit::RemoveConflict(key))
        }
        Edit::RemoveConflict(key) => {
            let old = project
                .take_conflict(&key)
                .ok_or_else(|| EditError::NotFound {
                    noun: "conflict",
                    id: format!("{} {}", key.item, key.field),
                })?;
            Ok(Edit::AddConflict(Box::new(old)))
        }
        edit @ (Edit::AddClaim(_)
        | Edit::RemoveClaim(_)
        | Edit::SetClaim(_)
        | Edit::SetStance { .. }
        | Edit::SetGrade(_)) => {
            let removed = match &edit {
                Edit::RemoveClaim(id) => Some(crate::model::RowSource::Claim(*id)),
                _ => None,
            };
            let inverse = super::claims::apply(project, edit)?;
            // A removed claim's evidence row goes with it (and comes back with it).
            let restore = removed.map_or_else(Vec::new, |s| super::ach::detach(project, s));
            Ok(super::claims::then(inverse, restore))
        }
        Edit::Ach(edit) => super::ach::apply(project, edit),
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
