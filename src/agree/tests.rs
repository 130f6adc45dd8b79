//! Tests of the agreement report on small hand-built projects.

use super::*;
use crate::model::{DocId, Document, Parts, Passage, PassageId, Rgb, Tag, TagId, Text, Timestamp};

const T_CLAIM: TagId = TagId::from_raw(1);
const T_THREAT: TagId = TagId::from_raw(2);
const D_ONE: DocId = DocId::from_raw(30);
const D_TWO: DocId = DocId::from_raw(31);

const TEXT_ONE: &str = "Trump called the meeting highly productive. Ushakov spoke only of signals. \
                        Moscow warned of strikes if the talks failed.";
const TEXT_TWO: &str = "The ceasefire held for a day. Then the shelling resumed near Kharkiv.";

fn doc(id: DocId, title: &str, text: &str) -> Document {
    Document {
        id,
        title: title.to_owned(),
        source: "Reuters".to_owned(),
        author: String::new(),
        url: String::new(),
        published: None,
        origin: String::new(),
        imported: Timestamp(0),
        text: Text::new(text.to_owned()),
    }
}

fn tag(id: TagId, name: &str) -> Tag {
    Tag {
        id,
        name: name.to_owned(),
        color: Rgb([0x20, 0x40, 0x60]),
        parent: None,
        description: String::new(),
    }
}

/// A passage of `doc` over chars `start..end` with the given tags.
fn passage(raw: u64, d: &Document, start: usize, end: usize, tags: &[TagId]) -> Passage {
    let mut p = Passage::new(d, start, end).expect("span");
    p.id = PassageId::from_raw(raw);
    p.tags = tags.to_vec();
    p
}

/// A project with both articles (doc ids given, so that sides can differ in ids) and passages
/// given as (doc index, start, end, tags).
fn project(ids: [DocId; 2], passages: &[(usize, usize, usize, &[TagId])]) -> Project {
    let docs = [doc(ids[0], "One", TEXT_ONE), doc(ids[1], "Two", TEXT_TWO)];
    let passages = passages
        .iter()
        .enumerate()
        .map(|(k, &(d, start, end, tags))| passage(100 + k as u64, &docs[d], start, end, tags))
        .collect();
    Project::from_parts(Parts {
        title: "Agreement".to_owned(),
        tags: vec![tag(T_CLAIM, "Claim"), tag(T_THREAT, "Threat")],
        documents: docs.to_vec(),
        passages,
        ..Parts::default()
    })
    .expect("valid")
}

const A_CODING: &[(usize, usize, usize, &[TagId])] = &[
    (0, 0, 43, &[T_CLAIM]),
    (0, 44, 74, &[T_CLAIM]),
    (0, 75, 120, &[T_THREAT]),
    (1, 30, 68, &[T_THREAT]),
];

fn report(a: &Project, b: &Project) -> Report {
    compare(
        &Side::whole("A", a),
        &Side::whole("B", b),
        &Options::default(),
    )
    .expect("compares")
}

#[test]
fn identical_codings_agree_exactly() {
    let a = project([D_ONE, D_TWO], A_CODING);
    // The same reading by someone who imported the articles separately (other ids).
    let b = project([DocId::from_raw(90), DocId::from_raw(91)], A_CODING);
    let r = report(&a, &b);
    assert_eq!(r.articles.compared, 2);
    assert!(r.disagreements.is_empty(), "{:?}", r.disagreements);
    for figures in std::iter::once(&r.overall).chain(r.tags.values()) {
        assert_eq!(figures.alpha_u, Some(1.0), "{figures:?}");
        assert_eq!(figures.f1, Some(1.0));
        assert_eq!(figures.percent_agreement, Some(1.0));
    }
    assert_eq!(r.overall.kappa, Some(1.0), "two tag sets, always agreed");
    // Per tag, every matched unit either has the tag for both or for neither: κ = 1.
    assert_eq!(r.tags["Claim"].kappa, Some(1.0));
    assert_eq!(r.overall.counts.matched, 4);
    assert_eq!(r.tags["Claim"].counts.a_units, 2);
}

#[test]
fn agreement_is_symmetric() {
    let a = project([D_ONE, D_TWO], A_CODING);
    let b = project(
        [D_ONE, D_TWO],
        &[
            (0, 2, 43, &[T_CLAIM]),
            (0, 44, 74, &[T_THREAT]),
            (1, 0, 29, &[T_CLAIM]),
            (1, 30, 60, &[T_THREAT]),
        ],
    );
    let ab = report(&a, &b);
    let ba = report(&b, &a);
    for (x, y) in
        std::iter::once((&ab.overall, &ba.overall)).chain(ab.tags.values().zip(ba.tags.values()))
    {
        // The same sums in another order: equal up to rounding.
        let close = |p: Option<f64>, q: Option<f64>| match (p, q) {
            (Some(p), Some(q)) => (p - q).abs() < 1e-12,
            (p, q) => p == q,
        };
        assert!(close(x.alpha_u, y.alpha_u), "{x:?} {y:?}");
        assert!(close(x.kappa, y.kappa));
        assert!(close(x.f1, y.f1));
        assert!(close(x.percent_agreement, y.percent_agreement));
        assert!(
            close(x.precision, y.recall),
            "B against A is A against B turned round"
        );
    }
    assert!(ab.overall.alpha_u.expect("defined") < 1.0);
    assert_eq!(ab.disagreements.len(), ba.disagreements.len());
}

#[test]
fn differences_are_named_by_kind() {
    let a = project([D_ONE, D_TWO], A_CODING);
    let b = project(
        [D_ONE, D_TWO],
        &[
            // Same first passage, boundaries moved by three chars.
            (0, 3, 43, &[T_CLAIM]),
            // Same span, other tag.
            (0, 44, 74, &[T_THREAT]),
            // The third passage of A is missing; B has one A does not.
            (1, 0, 29, &[T_CLAIM]),
            (1, 30, 68, &[T_THREAT]),
        ],
    );
    let r = report(&a, &b);
    let kinds: Vec<(DifferenceKind, &str)> = r
        .disagreements
        .iter()
        .map(|d| (d.kind, d.article.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (DifferenceKind::Boundaries, "One"),
            (DifferenceKind::Tags, "One"),
            (DifferenceKind::OnlyA, "One"),
            (DifferenceKind::OnlyB, "Two"),
        ]
    );
    let boundaries = &r.disagreements[0];
    assert!(!boundaries.tags_differ);
    assert_eq!(boundaries.a.as_ref().map(|u| u.start), Some(0));
    assert_eq!(boundaries.b.as_ref().map(|u| u.start), Some(3));
    // Threat: A has 2 passages, B 2 (one of them on A's Claim passage): one matches.
    let threat = &r.tags["Threat"].counts;
    assert_eq!((threat.a_units, threat.b_units, threat.matched), (2, 2, 1));
    // Overall κ is over the 3 matched passages: tag sets {Claim}/{Claim}, {Claim}/{Threat},
    // {Threat}/{Threat}: p_o = 2/3; margins Claim 2/3·1/3, Threat 1/3·2/3, so p_e = 4/9;
    // κ = (2/3 − 4/9)/(5/9) = 0.4.
    let kappa = r.overall.kappa.expect("defined");
    assert!((kappa - 0.4).abs() < 1e-12, "{kappa}");
    assert_eq!(r.overall.counts.kappa_units, 3);
}

#[test]
fn a_tag_one_coder_never_used_says_so() {
    let a = project([D_ONE, D_TWO], A_CODING);
    let b = project(
        [D_ONE, D_TWO],
        &[(0, 0, 43, &[T_CLAIM]), (0, 44, 74, &[T_CLAIM])],
    );
    let r = report(&a, &b);
    let threat = &r.tags["Threat"];
    assert_eq!(threat.alpha_u, None);
    assert_eq!(threat.f1, None);
    assert_eq!(
        threat.why.get("alpha_u").map(String::as_str),
        Some("B did not use this tag on the articles compared")
    );
    // Its counts still show A's unit there (the other one is on the article B left uncoded).
    assert_eq!(threat.counts.a_units, 1);
    // Article Two: only A coded it, so it is not compared, and the report says so.
    assert_eq!(r.articles.compared, 1);
    assert_eq!(r.articles.excluded.len(), 1);
    assert_eq!(r.articles.excluded[0].why, "only A coded it");
    assert_eq!(r.articles.a_passages_excluded, 1);
    // On article One both used Claim identically: 1 exactly.
    assert_eq!(r.tags["Claim"].alpha_u, Some(1.0));
}

#[test]
fn fewer_passages_and_moved_boundaries_lower_the_figures() {
    let a = project([D_ONE, D_TWO], A_CODING);
    let moved = project(
        [D_ONE, D_TWO],
        &[
            (0, 5, 43, &[T_CLAIM]),
            (0, 44, 74, &[T_CLAIM]),
            (0, 75, 120, &[T_THREAT]),
            (1, 30, 68, &[T_THREAT]),
        ],
    );
    let fewer = project(
        [D_ONE, D_TWO],
        &[
            (0, 5, 43, &[T_CLAIM]),
            (0, 75, 120, &[T_THREAT]),
            (1, 30, 68, &[T_THREAT]),
        ],
    );
    let same = report(&a, &a).overall;
    let r_moved = report(&a, &moved).overall;
    let r_fewer = report(&a, &fewer).overall;
    let alpha = |f: &Figures| f.alpha_u.expect("defined");
    assert!(alpha(&same) > alpha(&r_moved) && alpha(&r_moved) > alpha(&r_fewer));
    assert_eq!(r_moved.f1, Some(1.0), "a moved boundary still matches");
    assert!(r_fewer.f1.expect("defined") < 1.0);
}

#[test]
fn tags_are_chosen_by_name_or_path_and_unknown_ones_refused() {
    let a = project([D_ONE, D_TWO], A_CODING);
    let only_claim = compare(
        &Side::whole("A", &a),
        &Side::whole("B", &a),
        &Options {
            tags: vec!["claim".to_owned()],
            ..Options::default()
        },
    )
    .expect("compares");
    assert_eq!(only_claim.tags.keys().collect::<Vec<_>>(), vec!["Claim"]);
    assert_eq!(
        only_claim.overall.counts.a_units, 2,
        "Threat passages are not units"
    );
    let unknown = compare(
        &Side::whole("A", &a),
        &Side::whole("B", &a),
        &Options {
            tags: vec!["Nope".to_owned()],
            ..Options::default()
        },
    );
    assert!(matches!(unknown, Err(AgreeError::Tag(_))));
    let bad = compare(
        &Side::whole("A", &a),
        &Side::whole("B", &a),
        &Options {
            threshold: 0.0,
            ..Options::default()
        },
    );
    assert!(matches!(bad, Err(AgreeError::Threshold(_))));
}
