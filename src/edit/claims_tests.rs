//! The edits of claims, stances and grades: each undoes and redoes exactly, moves the stamps of
//! what it changes, and leaves no trace when it is refused.

use super::tests::{Fixture, fixture, through_history};
use super::*;
use crate::model::{ClaimId, Credibility, Reliability};

/// The fixture with a claim about its event that its passage supports, the passage graded 2,
/// its speaker B and the outlet A.
fn fixture_with_claims() -> (Fixture, ClaimId) {
    let f = fixture();
    let mut claim = Claim::new("Russia must end the war");
    claim.event = Some(f.event);
    claim.stances = vec![(f.passage, Stance::Supports)];
    let id = claim.id;
    let mut project = f.project.clone();
    for edit in [
        Edit::AddClaim(claim),
        Edit::SetGrade(Grade::Passage(f.passage, Credibility::Probable)),
        Edit::SetGrade(Grade::Actor(f.actor, Reliability::B)),
        Edit::SetGrade(Grade::Outlet("Reuters".into(), Reliability::A)),
    ] {
        apply(&mut project, edit).expect("valid");
    }
    (Fixture { project, ..f }, id)
}

#[test]
fn claim_stance_and_grade_edits_undo_and_redo() {
    let (f, claim) = fixture_with_claims();
    let mut changed = f.project.evidence().claim(claim).expect("claim").clone();
    changed.statement = "Russia should end the war".into();
    changed.event = None;
    let edits = vec![
        Edit::AddClaim(Claim::new("A ceasefire is near")),
        Edit::RemoveClaim(claim),
        Edit::SetClaim(changed),
        Edit::SetStance {
            claim,
            passage: f.passage,
            stance: Some(Stance::Disputes),
        },
        Edit::SetStance {
            claim,
            passage: f.passage,
            stance: None,
        },
        Edit::SetGrade(Grade::Outlet("reuters ".into(), Reliability::C)),
        Edit::SetGrade(Grade::Outlet("Reuters".into(), Reliability::F)),
        Edit::SetGrade(Grade::Outlet("TASS".into(), Reliability::E)),
        Edit::SetGrade(Grade::Actor(f.actor, Reliability::F)),
        Edit::SetGrade(Grade::Passage(f.passage, Credibility::Doubtful)),
        // Removing the passage and the actor takes their stance and grades with them.
        Edit::RemovePassage(f.passage),
        delete_actor_everywhere(&f.project, f.actor).expect("gesture"),
        delete_event_everywhere(&f.project, f.event).expect("gesture"),
        delete_document_everywhere(&f.project, f.doc).expect("gesture"),
    ];
    for edit in edits {
        through_history(&f.project, edit);
    }
}

/// A passage's credibility moves only its own stamp: caches of claims and passages keep.
#[test]
fn a_credibility_grade_leaves_the_other_stamps_alone() {
    let (f, _) = fixture_with_claims();
    let mut project = f.project.clone();
    let before = project.stamps();
    apply(
        &mut project,
        Edit::SetGrade(Grade::Passage(f.passage, Credibility::Doubtful)),
    )
    .expect("grade");
    let after = project.stamps();
    assert_ne!(before.credibility, after.credibility);
    assert_eq!(
        (
            before.passages,
            before.claims,
            before.documents,
            before.actors,
            before.source_grades
        ),
        (
            after.passages,
            after.claims,
            after.documents,
            after.actors,
            after.source_grades
        )
    );
}

#[test]
fn removing_a_passage_removes_its_stances_and_grade() {
    let (f, claim) = fixture_with_claims();
    let mut project = f.project.clone();
    apply(&mut project, Edit::RemovePassage(f.passage)).expect("removed");
    let evidence = project.evidence();
    assert!(evidence.claim(claim).expect("claim").stances.is_empty());
    assert_eq!(evidence.credibility(f.passage), Credibility::CannotBeJudged);
    assert_eq!(evidence.outlet_grade("REUTERS"), Reliability::A);
}

#[test]
fn invalid_claim_edits_change_nothing() {
    let (f, claim) = fixture_with_claims();
    let mut dangling = Claim::new("About nothing");
    dangling.event = Some(EventId::random());
    let mut two_stances = Claim::new("Twice");
    two_stances.stances = vec![(f.passage, Stance::Supports), (f.passage, Stance::Disputes)];
    let bad = vec![
        Edit::AddClaim(Claim::new("  ")),
        Edit::AddClaim(dangling),
        Edit::AddClaim(two_stances),
        Edit::AddClaim(f.project.evidence().claim(claim).expect("claim").clone()),
        Edit::RemoveClaim(ClaimId::random()),
        Edit::SetStance {
            claim,
            passage: PassageId::random(),
            stance: Some(Stance::Qualifies),
        },
        Edit::SetStance {
            claim,
            passage: f.passage,
            stance: Some(Stance::Supports),
        },
        Edit::SetStance {
            claim: ClaimId::random(),
            passage: f.passage,
            stance: Some(Stance::Supports),
        },
        Edit::RemoveEvent(f.event),
        Edit::SetGrade(Grade::Outlet(" ".into(), Reliability::A)),
        Edit::SetGrade(Grade::Outlet("REUTERS".into(), Reliability::A)),
        Edit::SetGrade(Grade::Actor(ActorId::random(), Reliability::A)),
        Edit::SetGrade(Grade::Passage(PassageId::random(), Credibility::Confirmed)),
        Edit::SetGrade(Grade::Passage(f.passage, Credibility::Probable)),
    ];
    for edit in bad {
        let label = format!("{edit:?}");
        let mut project = f.project.clone();
        assert!(apply(&mut project, edit).is_err(), "{label} was accepted");
        assert_eq!(project, f.project, "{label} left a change behind");
    }
}
