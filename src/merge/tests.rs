//! Tests of the three-way merge: the cases of the issue one by one (the properties over random
//! edit sequences are in `property_tests`).

use super::property_tests::{Op, branch, ids};
use super::resolve::{Choice, resolution};
use super::*;
use crate::edit::{Edit, apply, delete_actor_everywhere, delete_tag_everywhere};
use crate::model::{
    ActorGrade, ActorKind, ActorRole, Credibility, DocId, EXISTS_FIELD, EventKind, Grade, Id,
    IdKind, OutletGrade, ParticipantRole, PassageGrade, Reliability, Rgb, Stance, Text, Timestamp,
};

pub(super) const TEXTS: [&str; 3] = [
    "Witkoff met Putin in Moscow.\nThe talks lasted three hours.\nNo statement followed.\nA second round is planned.\n",
    "Zelenskyy said Russia must end the war.\nKyiv rejected the terms.\nEurope backed Kyiv.\n",
    "Sanctions were extended for six months.\nThe deadline passed quietly.\n",
];

pub(super) fn id<K: IdKind>(n: u64) -> Id<K> {
    Id::from_raw(n)
}

pub(super) fn doc(n: u64, text: &str) -> Document {
    Document {
        id: id(n),
        title: format!("Article {n}"),
        source: "Reuters".into(),
        author: String::new(),
        url: String::new(),
        published: None,
        origin: String::new(),
        imported: Timestamp(0),
        text: Text::new(text.to_owned()),
    }
}

pub(super) fn passage(n: u64, d: &Document, start: usize, end: usize) -> Passage {
    let mut p = Passage::new(d, start, end).expect("a span in the text");
    p.id = id(n);
    p.created = Timestamp(0);
    p.edited = Timestamp(0);
    p
}

/// Two articles, three tags (one under another), two actors, an event, three passages, a claim
/// about the event that one passage supports and another disputes, and grades of the outlet,
/// an actor and a passage.
pub(super) fn base() -> Project {
    let d1 = doc(1, TEXTS[0]);
    let d2 = doc(2, TEXTS[1]);
    let tag = |n: u64, name: &str, parent: Option<u64>| Tag {
        id: id(n),
        name: name.into(),
        color: Rgb([n as u8, 0, 0]),
        parent: parent.map(id),
        description: "line one\nline two\nline three\n".into(),
    };
    let actor = |n: u64, name: &str| Actor {
        author: String::new(),
        id: id(n),
        name: name.into(),
        kind: ActorKind::Person,
        aliases: vec![format!("{name} alias")],
        description: String::new(),
    };
    let mut p1 = passage(1, &d1, 0, 28);
    p1.tags = vec![id(1)];
    p1.note = "first line\nsecond line\nthird line\nfourth line\n".into();
    let mut p2 = passage(2, &d1, 29, 59);
    p2.actors = vec![(id(1), ActorRole::Speaker)];
    let mut p3 = passage(3, &d2, 0, 39);
    p3.tags = vec![id(2)];
    p3.events = vec![(id(1), crate::model::EventRole::Reports)];
    let claim = Claim {
        id: id(1),
        statement: "The talks made progress".into(),
        event: Some(id(1)),
        description: "line one\nline two\nline three\n".into(),
        stances: vec![(id(1), Stance::Supports), (id(3), Stance::Disputes)],
    };
    let grades = Grades {
        outlets: vec![OutletGrade {
            outlet: "Reuters".into(),
            grade: Reliability::B,
        }],
        actors: vec![ActorGrade {
            actor: id(1),
            grade: Reliability::C,
        }],
        passages: vec![PassageGrade {
            passage: id(2),
            credibility: Credibility::Possible,
        }],
    };
    let parts = Parts {
        title: "Talks".into(),
        tags: vec![
            tag(1, "Claim", None),
            tag(2, "Quote", Some(1)),
            tag(3, "Threat", None),
        ],
        actors: vec![actor(1, "Putin"), actor(2, "Zelenskyy")],
        events: vec![Event {
            author: String::new(),
            id: id(1),
            title: "Moscow meeting".into(),
            date: None,
            place: "Moscow".into(),
            kind: EventKind::Consult,
            participants: vec![(id(1), ParticipantRole::Participant)],
            description: String::new(),
        }],
        documents: vec![d1, d2],
        passages: vec![p1, p2, p3],
    };
    let evidence = EvidenceParts {
        claims: vec![claim],
        grades,
    };
    Project::from_parts_with_evidence(parts, Vec::new(), evidence).expect("a valid base")
}

pub(super) fn edited(project: &Project, edits: Vec<Edit>) -> Project {
    let mut p = project.clone();
    for e in edits {
        apply(&mut p, e).expect("the edit applies");
    }
    p
}

pub(super) fn merged(b: &Project, o: &Project, t: &Project) -> Merged {
    merge(b, o, t).expect("the merge gives a valid project")
}

#[test]
fn disjoint_changes_join_without_conflict() {
    let b = base();
    let o = edited(
        &b,
        vec![
            Edit::TagPassage(id(2), id(3)),
            Edit::SetTitle("Talks 2".into()),
        ],
    );
    let t = edited(
        &b,
        vec![
            Edit::SetPassageNote(id(3), "theirs".into()),
            Edit::RemovePassage(id(1)),
        ],
    );
    let m = merged(&b, &o, &t);
    let p = &m.project;
    assert!(p.conflicts().is_empty());
    assert_eq!(p.title, "Talks 2");
    assert!(p.passage(id(2)).is_some_and(|p| p.tags.contains(&id(3))));
    assert_eq!(p.passage(id(3)).map(|p| p.note.as_str()), Some("theirs"));
    assert!(p.passage(id(1)).is_none());
}

#[test]
fn notes_merge_by_line_and_conflict_when_lines_touch() {
    let b = base();
    let note = |n: &str| Edit::SetPassageNote(id(1), n.into());
    let o = edited(
        &b,
        vec![note("FIRST line\nsecond line\nthird line\nfourth line\n")],
    );
    let t = edited(
        &b,
        vec![note("first line\nsecond line\nthird line\nFOURTH line\n")],
    );
    let m = merged(&b, &o, &t);
    assert_eq!(
        m.project.passage(id(1)).map(|p| p.note.as_str()),
        Some("FIRST line\nsecond line\nthird line\nFOURTH line\n")
    );
    assert!(m.project.conflicts().is_empty());

    let t = edited(
        &b,
        vec![note("first\nsecond line\nthird line\nfourth line\n")],
    );
    let m = merged(&b, &o, &t);
    let conflicts: Vec<&Conflict> = m.project.conflicts().values().collect();
    assert_eq!(conflicts.len(), 1);
    let c = conflicts[0];
    assert_eq!(
        (c.item.as_str(), c.field.as_str()),
        ("p000000000001", "note")
    );
    assert_eq!(
        c.ours.as_deref(),
        Some("FIRST line\nsecond line\nthird line\nfourth line\n")
    );
    assert_eq!(
        c.theirs.as_deref(),
        Some("first\nsecond line\nthird line\nfourth line\n")
    );
    // The field keeps the original until a side is picked.
    assert_eq!(
        m.project.passage(id(1)).map(|p| &p.note),
        b.passage(id(1)).map(|p| &p.note)
    );

    // Resolving is one edit, undoable.
    let mut p = m.project.clone();
    let edit = resolution(&p, &c.key(), Choice::Theirs).expect("resolves");
    let undo = apply(&mut p, edit).expect("applies");
    assert!(p.conflicts().is_empty());
    assert_eq!(
        p.passage(id(1)).map(|p| p.note.as_str()),
        c.theirs.as_deref()
    );
    apply(&mut p, undo).expect("undoes");
    assert_eq!(p, m.project);
}

#[test]
fn sets_merge_as_sets() {
    let b = base();
    let o = edited(
        &b,
        vec![
            Edit::TagPassage(id(1), id(3)),
            Edit::UntagPassage(id(1), id(1)),
        ],
    );
    let t = edited(
        &b,
        vec![
            Edit::TagPassage(id(1), id(2)),
            Edit::LinkActor(id(1), id(2), ActorRole::Subject),
        ],
    );
    let m = merged(&b, &o, &t);
    let p = m.project.passage(id(1)).expect("kept");
    assert_eq!(p.tags, vec![id(2), id(3)]);
    assert_eq!(p.actors, vec![(id(2), ActorRole::Subject)]);
    assert!(m.project.conflicts().is_empty());
}

#[test]
fn a_removed_tag_still_used_by_the_other_side_stays() {
    let b = base();
    let o = edited(
        &b,
        vec![delete_tag_everywhere(&b, id(3)).unwrap_or(Edit::RemoveTag(id(3)))],
    );
    let t = edited(&b, vec![Edit::TagPassage(id(2), id(3))]);
    let m = merged(&b, &o, &t);
    assert!(m.project.tag(id(3)).is_some());
    assert!(
        m.project
            .passage(id(2))
            .is_some_and(|p| p.tags.contains(&id(3)))
    );
    assert_eq!(m.summary.kept.len(), 1, "{:?}", m.summary.kept);
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_is_kept_with_a_conflict() {
    let b = base();
    let o = edited(&b, vec![Edit::RemovePassage(id(3))]);
    let t = edited(&b, vec![Edit::SetPassageNote(id(3), "important".into())]);
    let m = merged(&b, &o, &t);
    assert_eq!(
        m.project.passage(id(3)).map(|p| p.note.as_str()),
        Some("important")
    );
    let key = ConflictKey {
        item: "p000000000003".into(),
        field: EXISTS_FIELD.into(),
    };
    let c = m.project.conflicts().get(&key).expect("recorded");
    assert_eq!(c.ours, None);
    // Picking ours removes it.
    let mut p = m.project.clone();
    let edit = resolution(&p, &key, Choice::Ours).expect("resolves");
    apply(&mut p, edit).expect("applies");
    assert!(p.passage(id(3)).is_none() && p.conflicts().is_empty());
}

#[test]
fn an_article_imported_on_both_sides_becomes_one() {
    let b = base();
    let mut ours_doc = doc(100, TEXTS[2]);
    ours_doc.title = "Sanctions".into();
    let theirs_doc = doc(200, TEXTS[2]);
    let op = passage(100, &ours_doc, 0, 10);
    let tp = passage(200, &theirs_doc, 11, 20);
    let o = edited(
        &b,
        vec![
            Edit::AddDocument(Box::new(ours_doc)),
            Edit::AddPassage(Box::new(op)),
        ],
    );
    let t = edited(
        &b,
        vec![
            Edit::AddDocument(Box::new(theirs_doc)),
            Edit::AddPassage(Box::new(tp)),
        ],
    );
    let m = merged(&b, &o, &t);
    assert_eq!(m.project.documents().len(), 3);
    assert_eq!(m.summary.unified, 1);
    let one: DocId = id(100);
    assert_eq!(m.project.passages_in(one).count(), 2);
    // The titles differ: a conflict, sides as given.
    assert_eq!(m.project.conflicts().len(), 1);
}

/// Both analysts create the tag `Claim/Denial` and the actor "Witkoff" apart, with different ids,
/// and use them on different passages: one tag, one actor, both sides' uses on it; the description
/// and the project's description merge as text.
#[test]
fn tags_and_actors_created_on_both_sides_under_one_name_become_one() {
    let b = base();
    let new_tag = |n: u64, name: &str, color: u8| Tag {
        id: id(n),
        name: name.into(),
        color: Rgb([color, 0, 0]),
        parent: Some(id(1)),
        description: String::new(),
    };
    let witkoff = |n: u64, name: &str| Actor {
        author: String::new(),
        id: id(n),
        name: name.into(),
        kind: ActorKind::Person,
        aliases: vec![],
        description: String::new(),
    };
    let o = edited(
        &b,
        vec![
            Edit::AddTag(new_tag(40, "Denial", 1)),
            Edit::TagPassage(id(2), id(40)),
            Edit::AddActor(witkoff(40, "Witkoff")),
            Edit::LinkActor(id(1), id(40), ActorRole::Mentioned),
            Edit::SetDescription("Who said what.".into()),
        ],
    );
    let t = edited(
        &b,
        vec![
            Edit::AddTag(new_tag(30, "denial", 2)),
            Edit::TagPassage(id(3), id(30)),
            Edit::AddActor(witkoff(30, "WITKOFF")),
            Edit::LinkActor(id(3), id(30), ActorRole::Speaker),
        ],
    );
    for (x, y) in [(&o, &t), (&t, &o)] {
        let m = merged(&b, x, y);
        let p = &m.project;
        assert_eq!(m.summary.unified_names, 2);
        assert_eq!(p.tags().len(), 4, "one Denial tag");
        assert!(
            p.tag(id(40)).is_none() && p.tag(id(30)).is_some(),
            "the smaller id"
        );
        assert!(p.passage(id(2)).is_some_and(|q| q.tags.contains(&id(30))));
        assert!(p.passage(id(3)).is_some_and(|q| q.tags.contains(&id(30))));
        assert_eq!(p.actors().len(), 3, "one Witkoff");
        assert!(
            p.passage(id(1))
                .is_some_and(|q| q.actors.iter().any(|(a, _)| *a == id(30)))
        );
        assert!(
            p.passage(id(3))
                .is_some_and(|q| q.actors.iter().any(|(a, _)| *a == id(30)))
        );
        assert_eq!(p.description, "Who said what.");
    }
    // A tag of the same name under another parent is another tag.
    let t2 = edited(
        &b,
        vec![Edit::AddTag(Tag {
            parent: Some(id(3)),
            ..new_tag(30, "Denial", 2)
        })],
    );
    let m = merged(&b, &o, &t2);
    assert_eq!(m.summary.unified_names, 0);
    assert_eq!(m.project.tags().len(), 5);
}

#[test]
fn an_empty_base_is_a_union_that_removes_nothing() {
    let b = base();
    let o = edited(&b, vec![Edit::RemovePassage(id(1))]);
    let t = edited(&b, vec![Edit::RemovePassage(id(2))]);
    let m = merged(&Project::default(), &o, &t);
    assert_eq!(m.project.passages().len(), 3);
    assert!(m.project.conflicts().is_empty());
}

#[test]
fn passages_move_with_the_text_the_other_side_replaced() {
    let b = base();
    let new_text = format!("Breaking.\n{}", TEXTS[0]);
    let r = crate::anchor::reanchor(&b, id(1), Text::new(new_text)).expect("re-anchors");
    let o = edited(&b, vec![r.into_edit()]);
    // Theirs adds a passage on the old text, and edits one the replacement moved.
    let d1 = b.document(id(1)).expect("doc").clone();
    let t = edited(
        &b,
        vec![
            Edit::AddPassage(Box::new(passage(50, &d1, 60, 83))),
            Edit::SetPassageNote(id(2), "theirs".into()),
        ],
    );
    let m = merged(&b, &o, &t);
    let p = &m.project;
    let added = p.passage(id(50)).expect("placed again");
    assert_eq!((added.start, added.end), (70, 93));
    assert_eq!(added.quote, "o statement followed.\nA");
    let moved = p.passage(id(2)).expect("kept");
    assert_eq!((moved.start, moved.note.as_str()), (39, "theirs"));
    assert_eq!(m.summary.replaced, 1);
    assert!(p.conflicts().is_empty());
}

#[test]
fn a_tag_loop_made_by_the_two_sides_is_undone_with_a_conflict() {
    let b = base();
    let set_parent = |p: &Project, tag: u64, parent: u64| {
        let mut t = p.tag(id(tag)).expect("tag").clone();
        t.parent = Some(id(parent));
        Edit::SetTag(t)
    };
    let o = edited(&b, vec![set_parent(&b, 3, 1)]);
    let t = edited(&b, vec![set_parent(&b, 1, 3)]);
    let m = merged(&b, &o, &t);
    assert_eq!(m.project.tag(id(3)).and_then(|t| t.parent), None);
    assert_eq!(m.project.tag(id(1)).and_then(|t| t.parent), None);
    assert!(!m.project.conflicts().is_empty());
}

fn stance(claim: u64, passage: u64, stance: Option<Stance>) -> Edit {
    Edit::SetStance {
        claim: id(claim),
        passage: id(passage),
        stance,
    }
}

fn claim_of(p: &Project, n: u64) -> &Claim {
    p.evidence().claim(id(n)).expect("the claim is there")
}

#[test]
fn claims_stances_and_grades_from_both_sides_are_all_kept() {
    let b = base();
    let o = edited(
        &b,
        vec![
            stance(1, 2, Some(Stance::Qualifies)),
            Edit::SetGrade(Grade::Outlet("AP".into(), Reliability::A)),
        ],
    );
    let mut new = Claim::new("Sanctions were extended");
    new.id = id(2);
    new.stances = vec![(id(3), Stance::Supports)];
    let t = edited(
        &b,
        vec![
            stance(1, 1, None),
            Edit::AddClaim(new.clone()),
            Edit::SetGrade(Grade::Actor(id(2), Reliability::B)),
            Edit::SetGrade(Grade::Passage(id(2), Credibility::CannotBeJudged)),
        ],
    );
    let m = merged(&b, &o, &t);
    let p = &m.project;
    assert!(p.conflicts().is_empty(), "{:?}", p.conflicts());
    assert_eq!(
        claim_of(p, 1).stances,
        vec![(id(2), Stance::Qualifies), (id(3), Stance::Disputes)]
    );
    assert_eq!(claim_of(p, 2), &new);
    let e = p.evidence();
    assert_eq!(e.outlet_grade("ap"), Reliability::A);
    assert_eq!(e.outlet_grade("Reuters"), Reliability::B);
    assert_eq!(e.actor_grade(id(1)), Reliability::C);
    assert_eq!(e.actor_grade(id(2)), Reliability::B);
    assert_eq!(e.credibility(id(2)), Credibility::CannotBeJudged);
    // The same whichever side is ours.
    assert_eq!(merged(&b, &t, &o).project, m.project);
}

#[test]
fn a_grade_changed_differently_on_both_sides_is_a_conflict_that_resolves_and_undoes() {
    let b = base();
    let o = edited(
        &b,
        vec![
            Edit::SetGrade(Grade::Outlet("Reuters".into(), Reliability::A)),
            Edit::SetGrade(Grade::Actor(id(1), Reliability::A)),
            Edit::SetGrade(Grade::Passage(id(2), Credibility::Confirmed)),
        ],
    );
    let t = edited(
        &b,
        vec![
            Edit::SetGrade(Grade::Outlet("Reuters".into(), Reliability::D)),
            Edit::SetGrade(Grade::Actor(id(1), Reliability::F)),
            Edit::SetGrade(Grade::Passage(id(2), Credibility::Improbable)),
        ],
    );
    let m = merged(&b, &o, &t);
    let keys: Vec<(String, String)> = (m.project.conflicts().keys())
        .map(|k| (k.item.clone(), k.field.clone()))
        .collect();
    let key = |item: &str, field: &str| (item.to_owned(), field.to_owned());
    assert_eq!(
        keys,
        vec![
            key("a000000000001", "grade"),
            key("p000000000002", "credibility"),
            key("project", "outlet grade Reuters"),
        ]
    );
    // The original grades stay until one is picked.
    let e = m.project.evidence();
    assert_eq!(e.outlet_grade("Reuters"), Reliability::B);
    assert_eq!(e.actor_grade(id(1)), Reliability::C);
    assert_eq!(e.credibility(id(2)), Credibility::Possible);
    let c = &m.project.conflicts()[&ConflictKey {
        item: "a000000000001".into(),
        field: "grade".into(),
    }];
    assert_eq!(
        (c.base.as_deref(), c.ours.as_deref(), c.theirs.as_deref()),
        (Some("C"), Some("A"), Some("F"))
    );

    let mut p = m.project.clone();
    let mut undo = Vec::new();
    for k in m.project.conflicts().keys() {
        let edit = resolution(&p, k, Choice::Theirs).expect("resolves");
        undo.push(apply(&mut p, edit).expect("applies"));
    }
    assert!(p.conflicts().is_empty());
    assert_eq!(p.evidence(), t.evidence());
    for edit in undo.into_iter().rev() {
        apply(&mut p, edit).expect("undoes");
    }
    assert_eq!(p, m.project);
    // A value that is not a grade is refused by name.
    let k = m
        .project
        .conflicts()
        .keys()
        .next()
        .expect("a conflict")
        .clone();
    let err = resolution(&m.project, &k, Choice::Edited("G".into())).expect_err("refused");
    assert!(err.to_string().contains("reliability grade"), "{err}");
}

#[test]
fn a_passage_given_different_stances_on_both_sides_is_a_conflict() {
    let b = base();
    let restate = |p: &Project, s: &str| {
        let mut c = claim_of(p, 1).clone();
        c.statement = s.into();
        Edit::SetClaim(c)
    };
    let o = edited(
        &b,
        vec![
            restate(&b, "The talks made real progress"),
            stance(1, 1, Some(Stance::Qualifies)),
        ],
    );
    let t = edited(
        &b,
        vec![
            restate(&b, "Talks: progress"),
            stance(1, 1, Some(Stance::Disputes)),
        ],
    );
    let m = merged(&b, &o, &t);
    let item = "c000000000001";
    let fields: Vec<&str> = (m.project.conflicts().keys())
        .filter(|k| k.item == item)
        .map(|k| k.field.as_str())
        .collect();
    assert_eq!(fields, vec!["stance p000000000001", "statement"]);
    assert_eq!(
        claim_of(&m.project, 1),
        claim_of(&b, 1),
        "the original kept"
    );

    let mut p = m.project.clone();
    for (field, choice) in [
        ("stance p000000000001", Choice::Ours),
        ("statement", Choice::Edited("Progress, say some".into())),
    ] {
        let k = ConflictKey {
            item: item.into(),
            field: field.into(),
        };
        let edit = resolution(&p, &k, choice).expect("resolves");
        apply(&mut p, edit).expect("applies");
    }
    assert!(p.conflicts().is_empty());
    let c = claim_of(&p, 1);
    assert_eq!(c.stance_of(id(1)), Some(Stance::Qualifies));
    assert_eq!(c.statement, "Progress, say some");
}

#[test]
fn a_claim_removed_on_one_side_and_changed_on_the_other_is_kept_with_a_conflict() {
    let b = base();
    let o = edited(&b, vec![Edit::RemoveClaim(id(1))]);
    let t = edited(&b, vec![stance(1, 2, Some(Stance::Supports))]);
    let m = merged(&b, &o, &t);
    assert_eq!(claim_of(&m.project, 1).stances.len(), 3);
    let key = ConflictKey {
        item: "c000000000001".into(),
        field: EXISTS_FIELD.into(),
    };
    assert!(m.project.conflicts().contains_key(&key));
    let mut p = m.project.clone();
    let edit = resolution(&p, &key, Choice::Ours).expect("resolves");
    apply(&mut p, edit).expect("applies");
    assert!(p.evidence().claims().is_empty() && p.conflicts().is_empty());
    // Removed on one side and untouched on the other: gone, without a conflict.
    let m = merged(&b, &o, &b);
    assert!(m.project.evidence().claims().is_empty());
    assert!(m.project.conflicts().is_empty());
}

#[test]
fn removing_a_passage_takes_its_stance_and_grade_only_when_the_passage_goes() {
    let b = base();
    // Ours removes passages 1 and 2 (their stance and grade go with them); theirs leaves
    // passage 1 alone and gives passage 2 a new grade.
    let o = edited(
        &b,
        vec![Edit::RemovePassage(id(1)), Edit::RemovePassage(id(2))],
    );
    let t = edited(
        &b,
        vec![Edit::SetGrade(Grade::Passage(id(2), Credibility::Probable))],
    );
    let m = merged(&b, &o, &t);
    let p = &m.project;
    assert!(p.passage(id(1)).is_none());
    assert_eq!(claim_of(p, 1).stances, vec![(id(3), Stance::Disputes)]);
    // Passage 2 was regraded on the other side: it stays, with the new grade, and says so.
    assert!(p.passage(id(2)).is_some());
    assert_eq!(p.evidence().credibility(id(2)), Credibility::Probable);
    assert!(
        m.summary.kept.iter().any(|k| k.contains("p000000000002")),
        "{:?}",
        m.summary.kept
    );
    // A passage removed on one side whose note the other changed keeps its stance.
    let o = edited(&b, vec![Edit::RemovePassage(id(1))]);
    let t = edited(&b, vec![Edit::SetPassageNote(id(1), "kept".into())]);
    let m = merged(&b, &o, &t);
    assert!(m.project.passage(id(1)).is_some());
    assert_eq!(
        claim_of(&m.project, 1).stance_of(id(1)),
        Some(Stance::Supports)
    );
    // And an actor removed on one side, unchanged on the other, goes with its grade.
    let o = edited(
        &b,
        vec![delete_actor_everywhere(&b, id(1)).expect("a gesture")],
    );
    let m = merged(&b, &o, &b);
    assert_eq!(m.project, o);
}

#[test]
fn who_made_each_change_survives_the_merge() {
    let b = base();
    let mut o = b.clone();
    o.set_session_author("Alice");
    apply(
        &mut o,
        Edit::SetPassageNote(
            id(1),
            "FIRST line\nsecond line\nthird line\nfourth line\n".into(),
        ),
    )
    .expect("edits");
    let mut t = b.clone();
    t.set_session_author("Bob");
    apply(&mut t, Edit::TagPassage(id(2), id(3))).expect("edits");
    let m = merged(&b, &o, &t);
    assert_eq!(
        m.project.passage(id(1)).map(|p| p.author.as_str()),
        Some("Alice")
    );
    assert_eq!(
        m.project.passage(id(2)).map(|p| p.author.as_str()),
        Some("Bob")
    );
}

/// Found by the property test: both sides delete the same tag (with its child moved up), and one
/// side also re-parents another tag under it… the tag both removed must stay removed.
#[test]
fn a_tag_both_sides_removed_stays_removed_when_one_side_also_reparents() {
    let b = base();
    let o = branch(&b, &[Op::RemoveTag(3)], 1);
    let t = branch(&b, &[Op::RemoveTag(3), Op::Reparent(2, 1)], 2);
    let m = merged(&b, &o, &t);
    let (bi, oi, ti, ri) = (ids(&b), ids(&o), ids(&t), ids(&m.project));
    for gone in bi.difference(&oi).filter(|x| !ti.contains(*x)) {
        assert!(!ri.contains(gone), "resurrected {gone}: {:?}", m.summary);
    }
}

/// The brief template is one scalar of the project: one side's change wins, the same change on
/// both sides is no conflict, different changes are a conflict that keeps the original and
/// resolves to either side's template in one undoable edit.
#[test]
fn the_brief_template_merges_as_one_scalar() {
    use crate::model::{BriefTemplate, GroupBy, Part};
    let b = base();
    let by = |group_by: GroupBy, omit: Vec<Part>| {
        Edit::SetBriefTemplate(Box::new(BriefTemplate {
            group_by,
            omit,
            agreement: None,
        }))
    };
    let o = edited(&b, vec![by(GroupBy::Actor, vec![Part::Notes])]);
    let same = edited(&b, vec![by(GroupBy::Actor, vec![Part::Notes])]);
    let t = edited(&b, vec![by(GroupBy::Doc, vec![])]);
    for (x, y) in [(&o, &b), (&b, &o), (&o, &same)] {
        let m = merged(&b, x, y);
        assert!(m.project.conflicts().is_empty());
        assert_eq!(m.project.brief_template(), o.brief_template());
    }
    for (x, y) in [(&o, &t), (&t, &o)] {
        let m = merged(&b, x, y);
        let conflicts: Vec<&Conflict> = m.project.conflicts().values().collect();
        assert_eq!(conflicts.len(), 1);
        let c = conflicts[0];
        assert_eq!(c.field, BRIEF_FIELD);
        assert_eq!(
            m.project.brief_template(),
            b.brief_template(),
            "the original"
        );
        let mut p = m.project.clone();
        let edit = resolution(&p, &c.key(), Choice::Ours).expect("resolves");
        let undo = apply(&mut p, edit).expect("applies");
        assert!(p.conflicts().is_empty());
        assert_eq!(p.brief_template(), x.brief_template());
        apply(&mut p, undo).expect("undoes");
        assert_eq!(p, m.project);
    }
    // With no original, one side's template is kept.
    let m = merged(&Project::default(), &o, &b);
    assert_eq!(m.project.brief_template(), o.brief_template());
}
