//! Every edit variant: apply then undo gives the same project; apply, undo, redo equals apply.

use super::*;
use crate::model::{
    ActorKind, DateSpec, EventKind, ParticipantRole, Parts, Project, Rgb, Text, Timestamp,
};

pub(super) struct Fixture {
    pub(super) project: Project,
    pub(super) doc: DocId,
    pub(super) passage: PassageId,
    pub(super) tag: TagId,
    pub(super) child_tag: TagId,
    pub(super) actor: ActorId,
    pub(super) event: EventId,
}

fn document(title: &str, text: &str) -> Document {
    Document {
        source: "Reuters".into(),
        imported: Timestamp(0),
        ..Document::new(title, text)
    }
}

pub(super) fn fixture() -> Fixture {
    let doc = document(
        "Witkoff in Moscow",
        "Zelenskyy said: “Russia must end the war.” Witkoff met Putin — для мира 👩‍👩‍👧.",
    );
    let tag = Tag {
        id: TagId::random(),
        name: "Claim".into(),
        color: Rgb([200, 100, 0]),
        parent: None,
        description: String::new(),
    };
    let child_tag = Tag {
        id: TagId::random(),
        name: "Quote".into(),
        color: Rgb([0, 100, 200]),
        parent: Some(tag.id),
        description: "direct speech".into(),
    };
    let actor = Actor {
        author: String::new(),
        id: ActorId::random(),
        name: "Volodymyr Zelenskyy".into(),
        kind: ActorKind::Person,
        aliases: vec!["Zelensky".into()],
        description: String::new(),
    };
    let event = Event {
        author: String::new(),
        id: EventId::random(),
        title: "Witkoff meets Putin".into(),
        date: "2025-08-06".parse::<DateSpec>().ok(),
        place: "Moscow".into(),
        kind: EventKind::Consult,
        participants: vec![(actor.id, ParticipantRole::Participant)],
        description: String::new(),
    };
    let mut passage = Passage::new(&doc, 16, 42).expect("span");
    passage.tags = vec![tag.id];
    passage.actors = vec![(actor.id, ActorRole::Speaker)];
    passage.created = Timestamp(1);
    passage.edited = Timestamp(1);
    let ids = (doc.id, passage.id, tag.id, child_tag.id, actor.id, event.id);
    let project = Project::from_parts(Parts {
        title: "Test".into(),
        tags: vec![tag, child_tag],
        actors: vec![actor],
        events: vec![event],
        documents: vec![doc],
        passages: vec![passage],
    })
    .expect("valid fixture");
    Fixture {
        project,
        doc: ids.0,
        passage: ids.1,
        tag: ids.2,
        child_tag: ids.3,
        actor: ids.4,
        event: ids.5,
    }
}

/// One edit of every variant, each valid on the fixture.
fn every_variant(f: &Fixture) -> Vec<Edit> {
    let p = &f.project;
    let doc = p.document(f.doc).expect("doc");
    let other_doc = document("Another", "Short text about Kyiv.");
    let mut meta = doc.meta();
    meta.title = "Renamed".into();
    meta.published = "2025-08".parse().ok();
    let mut new_passage = Passage::new(doc, 0, 9).expect("span");
    new_passage.note = "the speaker".into();
    let mut changed_passage = p.passage(f.passage).expect("passage").clone();
    changed_passage.note = "whole replacement".into();
    let mut tag = p.tag(f.tag).expect("tag").clone();
    tag.name = "Assertion".into();
    let new_tag = Tag {
        id: TagId::random(),
        name: "Threat".into(),
        color: Rgb([255, 0, 0]),
        parent: Some(f.tag),
        description: String::new(),
    };
    let new_actor = Actor {
        author: String::new(),
        id: ActorId::random(),
        name: "Kremlin".into(),
        kind: ActorKind::Organisation,
        aliases: vec![],
        description: String::new(),
    };
    let mut actor = p.actor(f.actor).expect("actor").clone();
    actor.aliases.push("Zelenskiy".into());
    let new_event = Event {
        author: String::new(),
        id: EventId::random(),
        title: "Sanctions deadline".into(),
        date: "2025-08-08~".parse().ok(),
        place: String::new(),
        kind: EventKind::Sanction,
        participants: vec![],
        description: String::new(),
    };
    let mut event = p.event(f.event).expect("event").clone();
    event.place = "Kremlin, Moscow".into();
    let unused_tag = Tag {
        id: TagId::random(),
        name: "Unused".into(),
        color: Rgb::default(),
        parent: None,
        description: String::new(),
    };
    vec![
        Edit::SetTitle("Ceasefire".into()),
        Edit::SetBriefTemplate(Box::new(crate::model::BriefTemplate {
            group_by: crate::model::GroupBy::Event,
            omit: vec![crate::model::Part::Notes],
            agreement: Some(crate::model::AgreementCoders {
                a: "Ana".into(),
                b: "Ben".into(),
            }),
        })),
        Edit::AddDocument(Box::new(other_doc)),
        Edit::SetDocumentMeta(f.doc, meta),
        Edit::AddPassage(Box::new(new_passage)),
        Edit::RemovePassage(f.passage),
        Edit::SetPassage(Box::new(changed_passage)),
        Edit::SetPassageSpan {
            passage: f.passage,
            start: 10,
            end: 50,
        },
        Edit::SetPassageNote(f.passage, "Zelenskyy, on X".into()),
        Edit::TagPassage(f.passage, f.child_tag),
        Edit::UntagPassage(f.passage, f.tag),
        Edit::LinkActor(f.passage, f.actor, ActorRole::Subject),
        Edit::UnlinkActor(f.passage, f.actor, ActorRole::Speaker),
        Edit::LinkEvent(f.passage, f.event, EventRole::Context),
        Edit::AddTag(new_tag),
        Edit::SetTag(tag),
        Edit::AddActor(new_actor),
        Edit::SetActor(actor),
        Edit::AddEvent(new_event),
        Edit::SetEvent(event),
        Edit::Batch(vec![
            Edit::AddTag(unused_tag.clone()),
            Edit::RemoveTag(unused_tag.id),
            Edit::SetTitle("Batch".into()),
        ]),
        delete_tag_everywhere(p, f.tag).expect("gesture"),
        delete_actor_everywhere(p, f.actor).expect("gesture"),
        delete_event_everywhere(p, f.event).expect("gesture"),
        delete_document_everywhere(p, f.doc).expect("gesture"),
        merge_tags(p, f.child_tag, f.tag).expect("gesture"),
        merge_tags(p, f.tag, f.child_tag).expect("gesture"),
    ]
}

/// Every part of `after` that differs from `before` has a new stamp, so a cache keyed on the
/// stamps of what it reads never keeps a stale result (a stamp may move without a change).
pub(super) fn assert_stamps_follow(before: &Project, after: &Project, label: &str) {
    let (was, now) = (before.stamps(), after.stamps());
    let grades = |p: &Project| {
        let g = p.evidence().grades();
        ((g.outlets, g.actors), g.passages)
    };
    let parts: [(&str, bool, bool); 8] = [
        (
            "passages",
            before.passages() != after.passages() || before.orphans() != after.orphans(),
            was.passages != now.passages,
        ),
        ("tags", before.tags() != after.tags(), was.tags != now.tags),
        (
            "actors",
            before.actors() != after.actors(),
            was.actors != now.actors,
        ),
        (
            "events",
            before.events() != after.events(),
            was.events != now.events,
        ),
        (
            "documents",
            before.documents() != after.documents(),
            was.documents != now.documents,
        ),
        (
            "claims",
            before.evidence().claims() != after.evidence().claims(),
            was.claims != now.claims,
        ),
        (
            "source grades",
            grades(before).0 != grades(after).0,
            was.source_grades != now.source_grades,
        ),
        (
            "credibility",
            grades(before).1 != grades(after).1,
            was.credibility != now.credibility,
        ),
    ];
    for (part, changed, stamped) in parts {
        assert!(
            !changed || stamped,
            "{label}: the {part} changed, their stamp did not"
        );
    }
}

#[test]
fn every_variant_undoes_and_redoes() {
    let f = fixture();
    for edit in every_variant(&f) {
        let label = format!("{edit:?}");
        let mut project = f.project.clone();
        // Counted before the edit, so the counts kept edit by edit are the ones checked.
        assert_eq!(project.tag_counts(), &project.count_tags());
        let inverse = apply(&mut project, edit).unwrap_or_else(|e| panic!("{label}: {e}"));
        let applied = project.clone();
        assert_ne!(applied, f.project, "{label} changed nothing");
        assert_eq!(project.tag_counts(), &project.count_tags(), "{label}");
        assert_stamps_follow(&f.project, &applied, &label);
        let redo = apply(&mut project, inverse).unwrap_or_else(|e| panic!("undo {label}: {e}"));
        assert_eq!(project, f.project, "undo of {label}");
        assert_eq!(
            project.tag_counts(),
            &project.count_tags(),
            "undo of {label}"
        );
        assert_stamps_follow(&applied, &project, &format!("undo of {label}"));
        let undone = project.clone();
        apply(&mut project, redo).unwrap_or_else(|e| panic!("redo {label}: {e}"));
        assert_eq!(project, applied, "redo of {label}");
        assert_stamps_follow(&undone, &project, &format!("redo of {label}"));
        assert_eq!(
            project.tag_counts(),
            &project.count_tags(),
            "redo of {label}"
        );
        // The index agrees with the passages after all that.
        for doc in project.documents().keys() {
            let listed: Vec<_> = project.passages_in(*doc).map(|p| p.id).collect();
            let mut expected: Vec<_> = project
                .passages()
                .values()
                .filter(|p| p.doc == *doc)
                .collect();
            expected.sort_by_key(|p| (p.start, p.id));
            assert_eq!(
                listed,
                expected.iter().map(|p| p.id).collect::<Vec<_>>(),
                "{label}"
            );
        }
    }
}

#[test]
fn every_variant_through_history() {
    let f = fixture();
    for edit in every_variant(&f) {
        through_history(&f.project, edit);
    }
}

/// Applies `edit` to a copy of `start` through a [`History`], then undoes and redoes it: it
/// changes something, undo gives `start` back, redo the change, and each step moves the stamps
/// of what it changed.
pub(super) fn through_history(start: &Project, edit: Edit) {
    let label = format!("{edit:?}");
    let mut project = start.clone();
    let mut history = History::new();
    history
        .apply(&mut project, edit)
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let applied = project.clone();
    assert_ne!(applied, *start, "{label} changed nothing");
    assert_stamps_follow(start, &applied, &label);
    assert!(history.undo(&mut project).expect("undo").is_some());
    assert_eq!(project, *start, "undo of {label}");
    assert_stamps_follow(&applied, &project, &format!("undo of {label}"));
    let undone = project.clone();
    assert!(history.redo(&mut project).expect("redo").is_some());
    assert_eq!(project, applied, "redo of {label}");
    assert_stamps_follow(&undone, &project, &format!("redo of {label}"));
}

#[test]
fn invalid_edits_change_nothing() {
    let f = fixture();
    let bad = vec![
        Edit::RemoveDocument(f.doc),
        Edit::RemoveTag(f.tag),
        Edit::RemoveActor(f.actor),
        Edit::SetPassageSpan {
            passage: f.passage,
            start: 5,
            end: 5000,
        },
        Edit::SetPassageSpan {
            passage: f.passage,
            start: 9,
            end: 9,
        },
        Edit::TagPassage(f.passage, TagId::random()),
        Edit::TagPassage(f.passage, f.tag),
        Edit::RemovePassage(PassageId::random()),
        Edit::Batch(vec![Edit::SetTitle("half".into()), Edit::RemoveTag(f.tag)]),
        Edit::SetBriefTemplate(Box::default()),
        Edit::SetBriefTemplate(Box::new(crate::model::BriefTemplate {
            agreement: Some(crate::model::AgreementCoders {
                a: "Ana".into(),
                b: " Ana ".into(),
            }),
            ..crate::model::BriefTemplate::default()
        })),
    ];
    for edit in bad {
        let label = format!("{edit:?}");
        let mut project = f.project.clone();
        assert!(apply(&mut project, edit).is_err(), "{label} was accepted");
        assert_eq!(project, f.project, "{label} left a change behind");
    }
}

#[test]
fn a_tag_cannot_become_its_own_ancestor() {
    let f = fixture();
    let mut project = f.project.clone();
    let mut tag = project.tag(f.tag).expect("tag").clone();
    tag.parent = Some(f.child_tag);
    assert!(matches!(
        apply(&mut project, Edit::SetTag(tag)),
        Err(EditError::Invalid(_))
    ));
}

#[test]
fn grouped_edits_are_one_step_and_the_cap_holds() {
    let f = fixture();
    let mut project = f.project.clone();
    let mut history = History::new();
    let key = Some(GroupKey(7));
    for note in ["Z", "Ze", "Zel"] {
        history
            .apply_grouped(
                &mut project,
                Edit::SetPassageNote(f.passage, note.into()),
                key,
            )
            .expect("note");
    }
    assert_eq!(history.undo_len(), 1);
    history.undo(&mut project).expect("undo");
    assert_eq!(project, f.project);

    for i in 0..MAX_UNDO_STEPS + 10 {
        history
            .apply(&mut project, Edit::SetTitle(format!("t{i}")))
            .expect("title");
    }
    assert_eq!(history.undo_len(), MAX_UNDO_STEPS);
}

#[test]
fn merging_actors_moves_links_and_joins_aliases() {
    let f = fixture();
    let mut project = f.project.clone();
    let other = Actor {
        author: String::new(),
        id: ActorId::random(),
        name: "Zelensky".into(),
        kind: ActorKind::Person,
        aliases: vec!["President Zelensky".into()],
        description: String::new(),
    };
    let other_id = other.id;
    apply(&mut project, Edit::AddActor(other)).expect("add");
    apply(
        &mut project,
        Edit::LinkActor(f.passage, other_id, ActorRole::Subject),
    )
    .expect("link");
    let before = project.clone();
    let merge = merge_actors(&project, other_id, f.actor).expect("merge");
    let inverse = apply(&mut project, merge).expect("apply");
    assert!(project.actor(other_id).is_none());
    let kept = project.actor(f.actor).expect("kept");
    assert_eq!(kept.aliases, vec!["Zelensky", "President Zelensky"]);
    let p = project.passage(f.passage).expect("passage");
    assert!(p.actors.contains(&(f.actor, ActorRole::Subject)));
    apply(&mut project, inverse).expect("undo");
    assert_eq!(project, before);
}

/// The fixture with its passage turned into an orphan (as re-anchoring leaves one).
fn orphaned_fixture() -> Fixture {
    let mut f = fixture();
    let mut orphan = f.project.passage(f.passage).expect("passage").clone();
    orphan.start = 500; // where it was in some older text: not checked
    orphan.end = 530;
    apply(&mut f.project, Edit::SetOrphan(Box::new(orphan))).expect("orphan it");
    f
}

#[test]
fn orphan_edits_undo_and_redo() {
    let f = orphaned_fixture();
    assert!(f.project.passage(f.passage).is_none());
    assert!(f.project.orphan(f.passage).is_some());
    let orphan = f.project.orphan(f.passage).expect("orphan").clone();
    let doc = f.project.document(f.doc).expect("doc");
    let placed = Passage {
        id: f.passage,
        ..Passage::new(doc, 0, 9).expect("span")
    };
    let mut renoted = orphan.clone();
    renoted.note = "set aside".into();
    let mut another = Passage::new(doc, 3, 7).expect("span");
    another.start = 9000;
    let edits = vec![
        Edit::SetPassage(Box::new(placed)),
        Edit::SetPassageSpan {
            passage: f.passage,
            start: 16,
            end: 42,
        },
        Edit::RemovePassage(f.passage),
        Edit::SetOrphan(Box::new(renoted)),
        Edit::TagPassage(f.passage, f.child_tag),
        Edit::UntagPassage(f.passage, f.tag),
        Edit::SetPassageNote(f.passage, "still mine".into()),
        Edit::LinkEvent(f.passage, f.event, EventRole::Claims),
        Edit::AddOrphan(Box::new(another)),
        delete_tag_everywhere(&f.project, f.tag).expect("gesture"),
        delete_actor_everywhere(&f.project, f.actor).expect("gesture"),
        delete_document_everywhere(&f.project, f.doc).expect("gesture"),
        merge_tags(&f.project, f.tag, f.child_tag).expect("gesture"),
    ];
    for edit in edits {
        through_history(&f.project, edit);
    }
}

#[test]
fn placing_an_orphan_moves_it_back_among_the_passages() {
    let f = orphaned_fixture();
    let mut project = f.project.clone();
    apply(
        &mut project,
        Edit::SetPassageSpan {
            passage: f.passage,
            start: 16,
            end: 42,
        },
    )
    .expect("place");
    assert!(project.orphan(f.passage).is_none());
    let p = project.passage(f.passage).expect("placed");
    assert_eq!(p.quote, "“Russia must end the war.”");
    assert_eq!(p.tags, vec![f.tag], "its tags came along");
    assert_eq!(project.passages_in(f.doc).count(), 1, "indexed");
}

#[test]
fn what_an_orphan_uses_cannot_be_removed() {
    let f = orphaned_fixture();
    let doc = f.project.document(f.doc).expect("doc");
    let bad_place = Passage {
        id: f.passage,
        quote: "not the text".into(),
        ..Passage::new(doc, 0, 9).expect("span")
    };
    let duplicate = f.project.orphan(f.passage).expect("orphan").clone();
    let mut dangling = Passage::new(doc, 0, 4).expect("span");
    dangling.tags = vec![TagId::random()];
    let bad = vec![
        Edit::RemoveTag(f.tag),
        Edit::RemoveActor(f.actor),
        Edit::RemoveDocument(f.doc),
        Edit::SetPassage(Box::new(bad_place)),
        Edit::AddOrphan(Box::new(duplicate.clone())),
        Edit::AddPassage(Box::new(Passage {
            id: f.passage,
            ..Passage::new(doc, 0, 4).expect("span")
        })),
        Edit::AddOrphan(Box::new(dangling)),
        Edit::SetOrphan(Box::new(duplicate)),
        Edit::SetPassageSpan {
            passage: f.passage,
            start: 5,
            end: 5000,
        },
    ];
    for edit in bad {
        let label = format!("{edit:?}");
        let mut project = f.project.clone();
        assert!(apply(&mut project, edit).is_err(), "{label} was accepted");
        assert_eq!(project, f.project, "{label} left a change behind");
    }
}

#[test]
fn a_text_replacement_must_account_for_every_passage() {
    let f = fixture();
    let doc = f.project.document(f.doc).expect("doc");
    let passage = f.project.passage(f.passage).expect("passage").clone();
    let new_text = Text::new(format!("Headline.\n{}", doc.text.as_str()));
    let shifted = {
        let moved = Document {
            text: new_text.clone(),
            ..doc.clone()
        };
        Passage {
            id: passage.id,
            tags: passage.tags.clone(),
            actors: passage.actors.clone(),
            created: passage.created,
            ..Passage::new(&moved, passage.start + 10, passage.end + 10).expect("span")
        }
    };
    let replacement = |passages: Vec<Passage>, orphans: Vec<Passage>| {
        Edit::ReplaceText(Box::new(TextReplacement {
            doc: f.doc,
            text: new_text.clone(),
            origin: "corrected.txt".into(),
            imported: Timestamp(99),
            passages,
            orphans,
        }))
    };
    let bad = vec![
        replacement(vec![], vec![]),
        replacement(vec![passage.clone()], vec![]),
        replacement(vec![shifted.clone()], vec![shifted.clone()]),
        replacement(
            vec![shifted.clone()],
            vec![Passage::new(doc, 0, 3).expect("span")],
        ),
    ];
    for edit in bad {
        let label = format!("{edit:?}");
        let mut project = f.project.clone();
        assert!(apply(&mut project, edit).is_err(), "{label} was accepted");
        assert_eq!(project, f.project, "{label} left a change behind");
    }
    let mut project = f.project.clone();
    let inverse = apply(&mut project, replacement(vec![shifted.clone()], vec![])).expect("ok");
    let d = project.document(f.doc).expect("doc");
    assert_eq!(
        (d.origin.as_str(), d.imported),
        ("corrected.txt", Timestamp(99))
    );
    assert_eq!(project.passage(f.passage), Some(&shifted));
    apply(&mut project, inverse).expect("undo");
    assert_eq!(project, f.project);
    // As an orphan instead.
    let mut project = f.project.clone();
    apply(&mut project, replacement(vec![], vec![passage])).expect("orphaned");
    assert!(project.orphan(f.passage).is_some());
    assert_eq!(project.passages_in(f.doc).count(), 0);
}

#[test]
fn the_state_token_returns_with_undo_and_redo() {
    let f = fixture();
    let mut project = f.project.clone();
    let mut history = History::new();
    let clean = history.state_token();
    history
        .apply(&mut project, Edit::SetTitle("One".into()))
        .expect("edit");
    let one = history.state_token();
    assert_ne!(one, clean);
    history.undo(&mut project).expect("undo");
    assert_eq!(history.state_token(), clean);
    history.redo(&mut project).expect("redo");
    assert_eq!(history.state_token(), one);
    let key = Some(GroupKey(1));
    history
        .apply_grouped(
            &mut project,
            Edit::SetPassageNote(f.passage, "a".into()),
            key,
        )
        .expect("note");
    let a = history.state_token();
    history
        .apply_grouped(
            &mut project,
            Edit::SetPassageNote(f.passage, "ab".into()),
            key,
        )
        .expect("note");
    assert_ne!(
        history.state_token(),
        a,
        "a grouped edit is still a new state"
    );
    history.undo(&mut project).expect("undo");
    assert_eq!(history.state_token(), one);
}

// ----- gestures on the target -----

/// Applies a built gesture; returns its passage.
fn run(project: &mut Project, gesture: Gesture) -> Option<PassageId> {
    apply(project, gesture.edit).expect("the gesture applies");
    gesture.passage
}

#[test]
fn tagging_a_span_makes_a_passage_and_tagging_a_passage_toggles() {
    let mut f = fixture();
    let span = Some(Target::Span {
        doc: f.doc,
        start: 0,
        end: 9,
    });
    let gesture = tag_target(&f.project, span, f.child_tag).expect("builds");
    assert!(gesture.adding && gesture.unapplied.is_none());
    let new = run(&mut f.project, gesture).expect("a passage");
    let passage = f.project.passage(new).expect("made");
    assert_eq!(
        (passage.start, passage.end, passage.quote.as_str()),
        (0, 9, "Zelenskyy")
    );
    assert_eq!(passage.tags, [f.child_tag]);

    // On a passage that has the tag, the gesture takes it off; again, puts it back.
    let target = Some(Target::Passage(f.passage));
    let off = tag_target(&f.project, target, f.tag).expect("builds");
    assert!(!off.adding);
    run(&mut f.project, off);
    assert!(
        !f.project
            .passage(f.passage)
            .expect("p")
            .tags
            .contains(&f.tag)
    );
    let on = tag_target(&f.project, target, f.tag).expect("builds");
    assert!(on.adding);
    run(&mut f.project, on);
    assert!(
        f.project
            .passage(f.passage)
            .expect("p")
            .tags
            .contains(&f.tag)
    );
}

#[test]
fn a_gesture_without_a_usable_target_says_why() {
    let f = fixture();
    let cases = [
        (None, TargetError::NoTarget),
        (
            Some(Target::Span {
                doc: DocId::from_raw(1),
                start: 0,
                end: 1,
            }),
            TargetError::NoDocument,
        ),
        (
            Some(Target::Span {
                doc: f.doc,
                start: 5,
                end: 5000,
            }),
            TargetError::SpanDoesNotFit {
                start: 5,
                end: 5000,
            },
        ),
        (
            Some(Target::Passage(PassageId::from_raw(1))),
            TargetError::NoPassage,
        ),
    ];
    for (target, why) in cases {
        assert_eq!(tag_target(&f.project, target, f.tag), Err(why.clone()));
        let link = link_actor_to_target(&f.project, target, f.actor, ActorRole::Subject);
        assert_eq!(link, Err(why.clone()));
        let link = link_event_to_target(&f.project, target, f.event, EventRole::Claims);
        assert_eq!(link, Err(why));
    }
    assert_eq!(
        TargetError::NoTarget.to_string(),
        "Select some text or a passage first."
    );
}

#[test]
fn linking_toggles_the_role_on_a_passage() {
    let mut f = fixture();
    let target = Some(Target::Passage(f.passage));
    // The fixture's passage has the actor as speaker: that link comes off.
    let off = link_actor_to_target(&f.project, target, f.actor, ActorRole::Speaker).expect("b");
    assert!(!off.adding);
    run(&mut f.project, off);
    assert!(f.project.passage(f.passage).expect("p").actors.is_empty());
    let on = link_event_to_target(&f.project, target, f.event, EventRole::Denies).expect("b");
    assert!(on.adding);
    run(&mut f.project, on);
    assert_eq!(
        f.project.passage(f.passage).expect("p").events,
        [(f.event, EventRole::Denies)]
    );
}

#[test]
fn creating_and_applying_is_one_step_and_reuses_names() {
    let mut f = fixture();
    let span = Some(Target::Span {
        doc: f.doc,
        start: 0,
        end: 9,
    });
    // A new actor and its link: one edit, so one undo step.
    let (gesture, created) = create_actor_and_link(
        &f.project,
        span,
        "  Andriy Yermak ",
        ActorRole::Subject,
        ActorKind::Person,
    )
    .expect("builds");
    let created = created.expect("a new actor");
    assert!(matches!(&gesture.edit, Edit::Batch(edits) if edits.len() == 2));
    let before = f.project.clone();
    let mut history = History::new();
    history
        .apply(&mut f.project, gesture.edit)
        .expect("applies");
    let actor = f.project.actor(created).expect("created");
    assert_eq!(
        (actor.name.as_str(), actor.kind),
        ("Andriy Yermak", ActorKind::Person)
    );
    let passage = f
        .project
        .passage(gesture.passage.expect("p"))
        .expect("made");
    assert_eq!(passage.actors, [(created, ActorRole::Subject)]);
    history.undo(&mut f.project).expect("undoes");
    assert_eq!(f.project, before);

    // A known name or alias (any case) links the actor that has it; nothing is created.
    let (gesture, created) = create_actor_and_link(
        &f.project,
        span,
        "zelensky",
        ActorRole::Target,
        ActorKind::Person,
    )
    .expect("builds");
    assert_eq!(created, None);
    assert!(
        matches!(gesture.edit, Edit::AddPassage(ref p) if p.actors == [(f.actor, ActorRole::Target)])
    );

    // An event and a tag the same way; with no target only the new item is made, and why.
    let (gesture, created) =
        create_event_and_link(&f.project, None, "Talks in Riyadh", EventRole::Reports)
            .expect("builds");
    assert_eq!(gesture.unapplied, Some(TargetError::NoTarget));
    assert_eq!(gesture.passage, None);
    run(&mut f.project, gesture);
    assert_eq!(
        f.project
            .event(created.expect("new"))
            .map(|e| e.title.as_str()),
        Some("Talks in Riyadh")
    );
    let new_tag = Tag {
        id: TagId::random(),
        name: "claim".into(),
        color: Rgb([1, 2, 3]),
        parent: None,
        description: String::new(),
    };
    let (gesture, created) =
        create_tag_and_apply(&f.project, span, new_tag.clone()).expect("builds");
    assert_eq!(created, None, "“claim” is the existing tag Claim");
    assert!(matches!(gesture.edit, Edit::AddPassage(ref p) if p.tags == [f.tag]));
    let fresh = Tag {
        name: "Denial".into(),
        ..new_tag
    };
    let (gesture, created) = create_tag_and_apply(&f.project, span, fresh).expect("builds");
    let passage = run(&mut f.project, gesture).expect("p");
    let tag = f.project.tag(created.expect("new")).expect("made");
    assert_eq!(tag.name, "Denial");
    assert_eq!(f.project.passage(passage).expect("p").tags, [tag.id]);
    assert_eq!(
        create_tag_and_apply(
            &f.project,
            span,
            Tag {
                name: " ".into(),
                ..tag.clone()
            }
        ),
        Err(TargetError::EmptyName)
    );
}

#[test]
fn replacing_the_contents_is_one_step_and_undoes_exactly() {
    let mut project = crate::example::example_project().expect("the example");
    project.set_session_author("Ana");
    let before = project.clone();
    let mut other = project.clone();
    apply(&mut other, Edit::SetTitle("Merged".into())).expect("title");
    let first = other.passages().keys().next().copied().expect("a passage");
    apply(&mut other, Edit::SetPassageNote(first, "from Boris".into())).expect("note");
    other.set_session_author("Boris");
    let undo =
        apply(&mut project, Edit::ReplaceContents(Box::new(other.clone()))).expect("applies");
    assert_eq!(project, other);
    assert_eq!(project.session_author(), "Ana", "who is editing stays");
    assert_eq!(
        apply(&mut project, Edit::ReplaceContents(Box::new(other))),
        Err(EditError::NoChange)
    );
    apply(&mut project, undo).expect("undoes");
    assert_eq!(project, before);
    assert_eq!(project.session_author(), "Ana");
}
