//! Properties of the three-way merge over random edit sequences on two branches of one project.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::tests::{TEXTS, base, doc, id, merged};
use super::*;
use crate::edit::{
    Edit, apply, delete_actor_everywhere, delete_document_everywhere, delete_tag_everywhere,
};
use crate::model::{
    ActorKind, ActorRole, Credibility, DocId, Grade, Reliability, Rgb, Stance, Text,
};

// ----- properties over random edits -----

/// One random change, by indices into the project's collections (taken modulo their sizes).
#[derive(Debug, Clone)]
pub(super) enum Op {
    AddPassage(usize, usize, usize),
    RemovePassage(usize),
    Note(usize, usize),
    Tag(usize, usize),
    Untag(usize, usize),
    Link(usize, usize),
    AddTag(usize),
    RemoveTag(usize),
    Reparent(usize, usize),
    Recolor(usize, u8),
    Describe(usize, usize),
    AddActor,
    RemoveActor(usize),
    RenameActor(usize, usize),
    Alias(usize, usize),
    Import(usize),
    Replace(usize, usize),
    RemoveDocument(usize),
    Title(usize),
    AddClaim(usize),
    RemoveClaim(usize),
    Stance(usize, usize, usize),
    Restate(usize, usize),
    GradeOutlet(usize, usize),
    GradeActor(usize, usize),
    GradePassage(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0usize..8;
    // Importing is listed thrice: both sides importing one article is the case to unify.
    prop_oneof![
        (i(), 0usize..60, 1usize..30).prop_map(|(d, s, l)| Op::AddPassage(d, s, l)),
        i().prop_map(Op::RemovePassage),
        (i(), 0usize..6).prop_map(|(p, n)| Op::Note(p, n)),
        (i(), i()).prop_map(|(p, t)| Op::Tag(p, t)),
        (i(), i()).prop_map(|(p, t)| Op::Untag(p, t)),
        (i(), i()).prop_map(|(p, a)| Op::Link(p, a)),
        i().prop_map(Op::AddTag),
        i().prop_map(Op::RemoveTag),
        (i(), i()).prop_map(|(t, p)| Op::Reparent(t, p)),
        (i(), any::<u8>()).prop_map(|(t, c)| Op::Recolor(t, c)),
        (i(), 0usize..4).prop_map(|(t, n)| Op::Describe(t, n)),
        Just(Op::AddActor),
        i().prop_map(Op::RemoveActor),
        (i(), 0usize..3).prop_map(|(a, n)| Op::RenameActor(a, n)),
        (i(), 0usize..3).prop_map(|(a, n)| Op::Alias(a, n)),
        (0usize..3).prop_map(Op::Import),
        (0usize..3).prop_map(Op::Import),
        (0usize..3).prop_map(Op::Import),
        (i(), 0usize..4).prop_map(|(d, n)| Op::Replace(d, n)),
        i().prop_map(Op::RemoveDocument),
        (0usize..3).prop_map(Op::Title),
        (0usize..3).prop_map(Op::AddClaim),
        i().prop_map(Op::RemoveClaim),
        (i(), i(), 0usize..4).prop_map(|(c, p, s)| Op::Stance(c, p, s)),
        (i(), 0usize..3).prop_map(|(c, n)| Op::Restate(c, n)),
        (0usize..3, 0usize..6).prop_map(|(o, g)| Op::GradeOutlet(o, g)),
        (i(), 0usize..6).prop_map(|(a, g)| Op::GradeActor(a, g)),
        (i(), 0usize..6).prop_map(|(p, g)| Op::GradePassage(p, g)),
    ]
}

fn nth<K: Copy, V>(map: &BTreeMap<K, V>, i: usize) -> Option<K> {
    (!map.is_empty())
        .then(|| map.keys().nth(i % map.len()))
        .flatten()
        .copied()
}

/// The edit an op stands for on this project (`None` when it makes no sense here); `fresh` makes
/// new ids, different per branch and step.
fn edit_for(p: &Project, op: &Op, fresh: u64) -> Option<Edit> {
    let notes = [
        "first line\nsecond line\nthird line\nfourth line\n",
        "FIRST line\nsecond line\nthird line\nfourth line\n",
        "first line\nsecond line\nthird line\nFOURTH line\n",
        "first line\nthird line\nfourth line\n",
        "x",
        "",
    ];
    let descriptions = [
        "line one\nline two\nline three\n",
        "LINE one\nline two\nline three\n",
        "line one\nline two\nline THREE\n",
        "other",
    ];
    Some(match *op {
        Op::AddPassage(d, s, l) => {
            let doc = p.document(nth(p.documents(), d)?)?;
            let len = doc.text.len_chars();
            let start = s % len;
            let mut passage = Passage::new(doc, start, (start + l).min(len))?;
            passage.id = id(fresh);
            Edit::AddPassage(Box::new(passage))
        }
        Op::RemovePassage(i) => Edit::RemovePassage(nth(p.passages(), i)?),
        Op::Note(i, n) => Edit::SetPassageNote(nth(p.passages(), i)?, notes[n].into()),
        Op::Tag(i, t) => Edit::TagPassage(nth(p.passages(), i)?, nth(p.tags(), t)?),
        Op::Untag(i, t) => Edit::UntagPassage(nth(p.passages(), i)?, nth(p.tags(), t)?),
        Op::Link(i, a) => Edit::LinkActor(
            nth(p.passages(), i)?,
            nth(p.actors(), a)?,
            ActorRole::Mentioned,
        ),
        Op::AddTag(n) => Edit::AddTag(Tag {
            id: id(fresh),
            name: format!("Tag {n}"),
            color: Rgb([n as u8, 1, 2]),
            parent: nth(p.tags(), n).filter(|_| n % 2 == 0),
            description: String::new(),
        }),
        Op::RemoveTag(i) => delete_tag_everywhere(p, nth(p.tags(), i)?).ok()?,
        Op::Reparent(t, parent) => {
            let mut tag = p.tag(nth(p.tags(), t)?)?.clone();
            tag.parent = nth(p.tags(), parent).filter(|&x| x != tag.id);
            Edit::SetTag(tag)
        }
        Op::Recolor(t, c) => {
            let mut tag = p.tag(nth(p.tags(), t)?)?.clone();
            tag.color = Rgb([c, c, c]);
            Edit::SetTag(tag)
        }
        Op::Describe(t, n) => {
            let mut tag = p.tag(nth(p.tags(), t)?)?.clone();
            tag.description = descriptions[n].into();
            Edit::SetTag(tag)
        }
        Op::AddActor => Edit::AddActor(Actor {
            author: String::new(),
            id: id(fresh),
            name: format!("Actor {fresh}"),
            kind: ActorKind::Organisation,
            aliases: Vec::new(),
            description: String::new(),
        }),
        Op::RemoveActor(i) => delete_actor_everywhere(p, nth(p.actors(), i)?).ok()?,
        Op::RenameActor(i, n) => {
            let mut a = p.actor(nth(p.actors(), i)?)?.clone();
            a.name = ["Putin", "Vladimir Putin", "V. Putin"][n].into();
            Edit::SetActor(a)
        }
        Op::Alias(i, n) => {
            let mut a = p.actor(nth(p.actors(), i)?)?.clone();
            a.aliases.push(["VVP", "The Kremlin", "Z"][n].into());
            a.aliases.dedup();
            Edit::SetActor(a)
        }
        Op::Import(n) => {
            if p.documents().values().any(|d| d.text.as_str() == TEXTS[n]) {
                return None;
            }
            let mut d = doc(fresh, TEXTS[n]);
            d.title = format!("Imported {fresh}");
            Edit::AddDocument(Box::new(d))
        }
        Op::Replace(d, n) => {
            let doc = p.document(nth(p.documents(), d)?)?;
            let text = match n {
                0 => format!("Update.\n{}", doc.text.as_str()),
                1 => format!("{}Correction appended.\n", doc.text.as_str()),
                3 => doc
                    .text
                    .as_str()
                    .lines()
                    .next()
                    .unwrap_or("Gone")
                    .to_owned(),
                _ => doc.text.as_str().replacen("three", "four", 1),
            };
            crate::anchor::reanchor(p, doc.id, Text::new(text))
                .ok()?
                .into_edit()
        }
        Op::RemoveDocument(d) => delete_document_everywhere(p, nth(p.documents(), d)?).ok()?,
        Op::Title(n) => Edit::SetTitle(["Talks", "Talks II", "Ceasefire"][n].into()),
        Op::AddClaim(n) => {
            let mut claim = Claim::new(["Progress", "No progress", "A deal"][n]);
            claim.id = id(fresh);
            claim.event = nth(p.events(), n).filter(|_| n != 1);
            claim.stances = nth(p.passages(), n)
                .map(|p| (p, Stance::ALL[n]))
                .into_iter()
                .collect();
            Edit::AddClaim(claim)
        }
        Op::RemoveClaim(c) => Edit::RemoveClaim(nth(p.evidence().claims(), c)?),
        Op::Stance(c, i, s) => Edit::SetStance {
            claim: nth(p.evidence().claims(), c)?,
            passage: nth(p.passages(), i)?,
            stance: Stance::ALL.get(s).copied(),
        },
        Op::Restate(c, n) => {
            let mut claim = p.evidence().claim(nth(p.evidence().claims(), c)?)?.clone();
            claim.statement = ["Progress", "Real progress", "Some progress"][n].into();
            Edit::SetClaim(claim)
        }
        Op::GradeOutlet(o, g) => Edit::SetGrade(Grade::Outlet(
            ["Reuters", "reuters ", "AP"][o].into(),
            Reliability::ALL[g],
        )),
        Op::GradeActor(a, g) => {
            Edit::SetGrade(Grade::Actor(nth(p.actors(), a)?, Reliability::ALL[g]))
        }
        Op::GradePassage(i, g) => {
            Edit::SetGrade(Grade::Passage(nth(p.passages(), i)?, Credibility::ALL[g]))
        }
    })
}

pub(super) fn branch(base: &Project, ops: &[Op], side: u64) -> Project {
    let mut p = base.clone();
    for (step, op) in ops.iter().enumerate() {
        if let Some(edit) = edit_for(&p, op, (side << 40) | ((step as u64 + 1) << 8)) {
            let _ = apply(&mut p, edit);
        }
    }
    p
}

/// Every item id of a project (passages and orphans together).
pub(super) fn ids(p: &Project) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.extend(p.tags().keys().map(ToString::to_string));
    out.extend(p.actors().keys().map(ToString::to_string));
    out.extend(p.events().keys().map(ToString::to_string));
    out.extend(p.passages().keys().map(ToString::to_string));
    out.extend(p.orphans().keys().map(ToString::to_string));
    out.extend(p.documents().keys().map(ToString::to_string));
    out.extend(p.evidence().claims().keys().map(ToString::to_string));
    out
}

fn without_conflicts(p: &Project) -> Project {
    let orphans = p.orphans_in_file_order().into_iter().cloned().collect();
    Project::from_parts_with_evidence(p.to_parts(), orphans, p.evidence().to_parts())
        .expect("valid")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn merges_keep_every_addition_and_no_double_removal(
        ours_ops in proptest::collection::vec(op(), 0..12),
        theirs_ops in proptest::collection::vec(op(), 0..12),
        union in any::<bool>(),
    ) {
        let b = base();
        let o = branch(&b, &ours_ops, 1);
        let t = branch(&b, &theirs_ops, 2);
        let b = if union { Project::default() } else { b };
        let m = merge(&b, &o, &t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let r = &m.project;

        // Valid: it saves and loads back equal (the checks of a loaded file).
        let text = crate::store::to_ron_string(r).expect("saves");
        let back = crate::store::from_ron_str(&text, std::path::Path::new("m.ron"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back == *r);

        let (bi, oi, ti, ri) = (ids(&b), ids(&o), ids(&t), ids(r));
        // An article imported on both sides keeps one of its two ids: it is there by its text.
        let texts: BTreeSet<&str> = r.documents().values().map(|d| d.text.as_str()).collect();
        let text_of = |id: &str| {
            let id: DocId = id.parse().ok()?;
            o.document(id).or_else(|| t.document(id)).map(|d| d.text.as_str())
        };
        // A tag or actor created on both sides under one name keeps one of its two ids: it is
        // there by its path or name.
        let tag_paths: BTreeSet<String> =
            r.tags().keys().map(|t| r.tag_path(*t, "/").to_lowercase()).collect();
        let actor_names: BTreeSet<String> =
            r.actors().values().map(|a| a.name.to_lowercase()).collect();
        let named = |id: &str| {
            if let Ok(tag) = id.parse::<TagId>() {
                let side = if o.tag(tag).is_some() { &o } else { &t };
                return tag_paths.contains(&side.tag_path(tag, "/").to_lowercase());
            }
            if let Ok(actor) = id.parse::<ActorId>() {
                let side = if o.actor(actor).is_some() { &o } else { &t };
                return side
                    .actor(actor)
                    .is_some_and(|a| actor_names.contains(&a.name.to_lowercase()));
            }
            false
        };
        for added in oi.difference(&bi).chain(ti.difference(&bi)) {
            let unified =
                text_of(added).is_some_and(|text| texts.contains(text)) || named(added);
            prop_assert!(ri.contains(added) || unified, "lost {added}");
        }
        for gone in bi.difference(&oi).filter(|x| !ti.contains(*x)) {
            prop_assert!(!ri.contains(gone), "resurrected {gone}");
        }

        // Symmetric: the same project, the conflicts' sides swapped.
        let s = merge(&b, &t, &o).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(without_conflicts(r), without_conflicts(&s.project));
        let swapped: Vec<Conflict> = s.project.conflicts().values().map(Conflict::swapped).collect();
        let mine: Vec<Conflict> = r.conflicts().values().cloned().collect();
        prop_assert_eq!(mine, swapped);

        // A side with itself or with the original is that side.
        prop_assert_eq!(&merged(&b, &o, &o).project, &o);
        prop_assert_eq!(&merged(&b, &o, &b).project, &o);
        prop_assert_eq!(&merged(&b, &b, &t).project, &t);

        // Merging the result again with a side it already holds changes nothing.
        prop_assert_eq!(&merged(&t, r, &t).project, r);
        prop_assert_eq!(&merged(&o, r, &o).project, r);
        prop_assert_eq!(&merged(r, r, r).project, r);
    }
}
