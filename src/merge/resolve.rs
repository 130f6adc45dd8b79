//! Resolving a recorded conflict: the edit that puts the chosen value in place and closes the
//! conflict, as one undoable step (an [`Edit::Batch`]).

use super::fields::{STANCE_FIELD, Settable, Span, Value};
use super::grades::{CREDIBILITY_FIELD, GRADE_FIELD, OUTLET_GRADE_FIELD};
use crate::edit::Edit;
use crate::model::{
    ActorId, ClaimId, ConflictKey, Credibility, DocId, EXISTS_FIELD, EventId, Grade, PROJECT_ITEM,
    PassageId, Project, Reliability, Stance, TagId, Text,
};

/// Which value a conflict is resolved with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The common original's.
    Base,
    /// Our side's.
    Ours,
    /// Their side's.
    Theirs,
    /// A value the user wrote (for `exists`: any value keeps the item).
    Edited(String),
}

/// Why a conflict could not be resolved that way. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No such open conflict.
    #[error("there is no open conflict on {item} {field}")]
    NotFound {
        /// The item.
        item: String,
        /// The field.
        field: String,
    },
    /// The chosen side has no value there (no original; or, for a field, the side removed the
    /// item).
    #[error("that side has no value for {0}")]
    NoValue(String),
    /// The value is not one the field takes.
    #[error("{field} of {item}: {reason}")]
    BadValue {
        /// The item.
        item: String,
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
}

/// The edit that resolves conflict `key` with `choice`: the field set to the chosen value (or, for
/// `exists`, the item removed when the chosen side removed it) and the conflict closed — with
/// every other conflict on a removed item.
pub fn resolution(
    project: &Project,
    key: &ConflictKey,
    choice: Choice,
) -> Result<Edit, ResolveError> {
    let conflict = project
        .conflicts()
        .get(key)
        .ok_or_else(|| ResolveError::NotFound {
            item: key.item.clone(),
            field: key.field.clone(),
        })?;
    let value = match choice {
        Choice::Base => conflict.base.clone(),
        Choice::Ours => conflict.ours.clone(),
        Choice::Theirs => conflict.theirs.clone(),
        Choice::Edited(v) => Some(v),
    };
    let bad = |reason: String| ResolveError::BadValue {
        item: key.item.clone(),
        field: key.field.clone(),
        reason,
    };
    let mut edits = Vec::new();
    if key.field == EXISTS_FIELD {
        if value.is_none() {
            edits.push(
                removal(&key.item).ok_or_else(|| bad("not an item that can be removed".into()))?,
            );
            // Every conflict on the removed item goes with it.
            edits.extend(
                project
                    .conflicts()
                    .keys()
                    .filter(|k| k.item == key.item)
                    .map(|k| Edit::RemoveConflict(k.clone())),
            );
            return Ok(Edit::Batch(edits));
        }
    } else if key.field.starts_with("ach ") {
        edits.push(
            super::ach::set_row_field(project, &key.item, &key.field, value.as_deref())
                .map_err(bad)?,
        );
    } else {
        let value =
            value.ok_or_else(|| ResolveError::NoValue(format!("{} {}", key.item, key.field)))?;
        edits.push(set_field(project, &key.item, &key.field, &value).map_err(bad)?);
    }
    edits.push(Edit::RemoveConflict(key.clone()));
    Ok(Edit::Batch(edits))
}

/// The edit that removes an item, by its id text.
fn removal(item: &str) -> Option<Edit> {
    Some(match item.chars().next()? {
        't' => Edit::RemoveTag(item.parse::<TagId>().ok()?),
        'a' => Edit::RemoveActor(item.parse::<ActorId>().ok()?),
        'e' => Edit::RemoveEvent(item.parse::<EventId>().ok()?),
        'd' => Edit::RemoveDocument(item.parse::<DocId>().ok()?),
        'p' => Edit::RemovePassage(item.parse::<PassageId>().ok()?),
        'c' => Edit::RemoveClaim(item.parse::<ClaimId>().ok()?),
        'h' => Edit::Ach(crate::edit::AchEdit::RemoveHypothesis(item.parse().ok()?)),
        _ => return None,
    })
}

/// The edit that sets one field of an item to a conflict's value.
fn set_field(project: &Project, item: &str, field: &str, value: &str) -> Result<Edit, String> {
    let missing = || format!("{item} no longer exists");
    let parse = |e: crate::model::ParseIdError| e.to_string();
    if item == PROJECT_ITEM {
        if let Some(outlet) = field.strip_prefix(OUTLET_GRADE_FIELD) {
            let grade: Reliability = Value::decode(value)?;
            return Ok(Edit::SetGrade(Grade::Outlet(
                outlet.trim().to_owned(),
                grade,
            )));
        }
        return match field {
            "title" => Ok(Edit::SetTitle(value.to_owned())),
            "description" => Ok(Edit::SetDescription(value.to_owned())),
            super::BRIEF_FIELD => Ok(Edit::SetBriefTemplate(Box::new(Value::decode(value)?))),
            _ => Err(format!("the project has no field {field:?}")),
        };
    }
    match item.chars().next() {
        Some('t') => {
            let mut tag = project
                .tag(item.parse().map_err(parse)?)
                .ok_or_else(missing)?
                .clone();
            tag.set_field(field, value)?;
            Ok(Edit::SetTag(tag))
        }
        Some('a') if field == GRADE_FIELD => {
            let id: ActorId = item.parse().map_err(parse)?;
            project.actor(id).ok_or_else(missing)?;
            let grade: Reliability = Value::decode(value)?;
            Ok(Edit::SetGrade(Grade::Actor(id, grade)))
        }
        Some('a') => {
            let mut actor = (project.actor(item.parse().map_err(parse)?))
                .ok_or_else(missing)?
                .clone();
            actor.set_field(field, value)?;
            Ok(Edit::SetActor(actor))
        }
        Some('e') => {
            let mut event = (project.event(item.parse().map_err(parse)?))
                .ok_or_else(missing)?
                .clone();
            event.set_field(field, value)?;
            Ok(Edit::SetEvent(event))
        }
        Some('d') => {
            let id: DocId = item.parse().map_err(parse)?;
            if field == "text" {
                return match crate::anchor::reanchor(project, id, Text::new(value.to_owned())) {
                    Ok(r) => Ok(r.into_edit()),
                    // The text is the chosen one already: only the conflict closes.
                    Err(crate::anchor::AnchorError::Unchanged(_)) => Ok(Edit::Batch(Vec::new())),
                    Err(e) => Err(e.to_string()),
                };
            }
            let mut doc = project.document(id).ok_or_else(missing)?.clone();
            doc.set_field(field, value)?;
            Ok(Edit::SetDocumentMeta(id, doc.meta()))
        }
        Some('p') if field == CREDIBILITY_FIELD => {
            let id: PassageId = item.parse().map_err(parse)?;
            if !project.has_passage_id(id) {
                return Err(missing());
            }
            let credibility: Credibility = Value::decode(value)?;
            Ok(Edit::SetGrade(Grade::Passage(id, credibility)))
        }
        Some('c') => {
            let id: ClaimId = item.parse().map_err(parse)?;
            let claim = project.evidence().claim(id).ok_or_else(missing)?;
            if let Some(passage) = field.strip_prefix(STANCE_FIELD) {
                // The stance alone, so that a stance on a passage gone since is refused by name.
                let passage: PassageId = (passage.trim().parse()).map_err(parse)?;
                let stance: Option<Stance> = Value::decode(value)?;
                return Ok(Edit::SetStance {
                    claim: id,
                    passage,
                    stance,
                });
            }
            let mut claim = claim.clone();
            claim.set_field(field, value)?;
            Ok(Edit::SetClaim(claim))
        }
        Some('p') => {
            let id: PassageId = item.parse().map_err(parse)?;
            let current = (project.passage(id).or_else(|| project.orphan(id)))
                .ok_or_else(missing)?
                .clone();
            match field {
                "span" if value.starts_with("orphan") => Ok(Edit::SetOrphan(Box::new(current))),
                "span" => {
                    let span = Span::decode(value)?;
                    Ok(Edit::SetPassageSpan {
                        passage: id,
                        start: span.start,
                        end: span.end,
                    })
                }
                _ => {
                    let mut passage = current;
                    passage.set_field(field, value)?;
                    Ok(Edit::SetPassageNote(id, passage.note))
                }
            }
        }
        Some('h') => super::ach::set_hypothesis_field(project, item, field, value),
        _ => Err(format!("{item:?} is not an item id")),
    }
}
