//! The edits on claims, stances and grades ([`crate::model::claim`]), and what removing a
//! passage or an actor takes with it: its stances and its grade, restored by the inverse.

use super::Edit;
use super::apply::{EditError, exists, not_found, ok_or_invalid};
use crate::model::claim::check_claim;
use crate::model::{ActorId, EventId, Grade, PassageId, Problem, Project};

/// Applies a claim, stance or grade edit; returns its inverse. Other edits are refused as no
/// change (the caller routes only these here).
pub(super) fn apply(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::AddClaim(mut claim) => {
            if project.evidence().claim(claim.id).is_some() {
                return Err(exists(claim.id));
            }
            claim.normalize();
            ok_or_invalid(check_claim(&claim, project))?;
            let id = claim.id;
            project.claims_mut().insert(id, claim);
            Ok(Edit::RemoveClaim(id))
        }
        Edit::RemoveClaim(id) => {
            let old = (project.claims_mut().remove(&id)).ok_or_else(|| not_found(id))?;
            Ok(Edit::AddClaim(old))
        }
        Edit::SetClaim(mut claim) => {
            claim.normalize();
            let old = (project.evidence().claim(claim.id)).ok_or_else(|| not_found(claim.id))?;
            if *old == claim {
                return Err(EditError::NoChange);
            }
            ok_or_invalid(check_claim(&claim, project))?;
            let old = (project.claims_mut().insert(claim.id, claim)).ok_or(EditError::NoChange)?;
            Ok(Edit::SetClaim(old))
        }
        Edit::SetStance {
            claim,
            passage,
            stance,
        } => {
            let current = (project.evidence().claim(claim))
                .ok_or_else(|| not_found(claim))?
                .stance_of(passage);
            if current == stance {
                return Err(EditError::NoChange);
            }
            if stance.is_some() && !project.has_passage_id(passage) {
                return Err(not_found(passage));
            }
            let entry = (project.claims_mut().get_mut(&claim)).ok_or_else(|| not_found(claim))?;
            entry.stances.retain(|(p, _)| *p != passage);
            if let Some(stance) = stance {
                entry.stances.push((passage, stance));
            }
            entry.normalize();
            Ok(Edit::SetStance {
                claim,
                passage,
                stance: current,
            })
        }
        Edit::SetGrade(grade) => {
            match &grade {
                Grade::Outlet(name, _) if name.trim().is_empty() => {
                    return Err(EditError::Invalid(vec![Problem::EmptyName(
                        "an outlet's grade".to_owned(),
                    )]));
                }
                Grade::Outlet(..) => {}
                Grade::Actor(actor, _) => {
                    project.actor(*actor).ok_or_else(|| not_found(*actor))?;
                }
                Grade::Passage(passage, _) => {
                    if !project.has_passage_id(*passage) {
                        return Err(not_found(*passage));
                    }
                }
            }
            let current = project.evidence().current(&grade);
            let same = match (&current, &grade) {
                (Grade::Outlet(_, a), Grade::Outlet(_, b)) => a == b,
                _ => current == grade,
            };
            if same {
                return Err(EditError::NoChange);
            }
            project.set_grade(grade);
            Ok(Edit::SetGrade(current))
        }
        _ => Err(EditError::NoChange),
    }
}

/// Removes a passage's stances and credibility grade; returns the edits that put them back.
pub(super) fn detach_passage(project: &mut Project, passage: PassageId) -> Vec<Edit> {
    let mut restore = Vec::new();
    for (claim, stance) in project.evidence().stances_of(passage) {
        if let Some(c) = project.claims_mut().get_mut(&claim) {
            c.stances.retain(|(p, _)| *p != passage);
        }
        restore.push(Edit::SetStance {
            claim,
            passage,
            stance: Some(stance),
        });
    }
    let current = project.evidence().credibility(passage);
    if current != Default::default() {
        project.set_grade(Grade::Passage(passage, Default::default()));
        restore.push(Edit::SetGrade(Grade::Passage(passage, current)));
    }
    restore
}

/// Removes an actor's grade; returns the edits that put it back.
pub(super) fn detach_actor(project: &mut Project, actor: ActorId) -> Vec<Edit> {
    let current = project.evidence().actor_grade(actor);
    if current == Default::default() {
        return Vec::new();
    }
    project.set_grade(Grade::Actor(actor, Default::default()));
    vec![Edit::SetGrade(Grade::Actor(actor, current))]
}

/// An inverse followed by the edits that restore what went with it.
pub(super) fn then(inverse: Edit, restore: Vec<Edit>) -> Edit {
    if restore.is_empty() {
        return inverse;
    }
    let mut edits = vec![inverse];
    edits.extend(restore);
    Edit::Batch(edits)
}

/// Refuses to remove an event that claims are about.
pub(super) fn check_event_unused(project: &Project, event: EventId) -> Result<(), EditError> {
    let count = (project.evidence().claims().values())
        .filter(|c| c.event == Some(event))
        .count();
    if count > 0 {
        return Err(EditError::InUse {
            what: format!("event {event}"),
            count,
            by: "claims",
        });
    }
    Ok(())
}
