//! The rules of corroboration: holders, reprint independence, single-source and contested.

use super::*;
use crate::model::{
    Actor, ActorKind, Claim, ClaimId, Document, EvidenceParts, Grades, OutletGrade, Parts, Passage,
    Reliability, Timestamp,
};

const WIRE: &str = "Russian President Vladimir Putin met US envoy Steve Witkoff in Moscow on \
    Wednesday for about three hours, the Kremlin said, describing the talks as useful and \
    constructive. Kremlin aide Yuri Ushakov said the sides exchanged signals on Ukraine.";
/// The wire story run by another outlet: a new first line, one word changed.
const REPRINT: &str = "Moscow talks end. Russian President Vladimir Putin met US envoy Steve \
    Witkoff in Moscow on Wednesday for about three hours, the Kremlin said, describing the talks \
    as useful and constructive. Kremlin adviser Yuri Ushakov said the sides exchanged signals on \
    Ukraine.";
const OWN: &str = "Our correspondent in Moscow reports that Witkoff left the Kremlin after a \
    long meeting; officials in Washington called it productive and spoke of great progress.";

fn doc(raw: u64, source: &str, date: &str, text: &str) -> Document {
    Document {
        id: DocId::from_raw(raw),
        source: source.into(),
        published: date.parse().ok(),
        imported: Timestamp(0),
        ..Document::new(format!("article {raw}"), text)
    }
}

fn passage(raw: u64, d: &Document, words: usize) -> Passage {
    let end = d
        .text
        .as_str()
        .split(' ')
        .take(words)
        .map(|w| w.chars().count() + 1)
        .sum::<usize>()
        - 1;
    let mut p = Passage::new(d, 0, end).expect("span");
    p.id = PassageId::from_raw(raw);
    p.created = Timestamp(0);
    p.edited = Timestamp(0);
    p
}

fn actor(raw: u64, name: &str) -> Actor {
    Actor {
        author: String::new(),
        id: ActorId::from_raw(raw),
        name: name.into(),
        kind: ActorKind::Person,
        aliases: vec![],
        description: String::new(),
    }
}

fn claim(raw: u64, statement: &str, stances: &[(u64, Stance)]) -> Claim {
    Claim {
        id: ClaimId::from_raw(raw),
        statement: statement.into(),
        event: None,
        description: String::new(),
        stances: stances
            .iter()
            .map(|(p, s)| (PassageId::from_raw(*p), *s))
            .collect(),
    }
}

/// Reuters (wire, 6 Aug), BBC (its reprint, 7 Aug), the Guardian (own text) and a second
/// Reuters article; Putin and Ushakov as speakers.
fn project(claims: Vec<Claim>) -> Project {
    let reuters = doc(1, "Reuters", "2025-08-06", WIRE);
    let bbc = doc(2, "BBC", "2025-08-07", REPRINT);
    let guardian = doc(3, "The Guardian", "2025-08-06", OWN);
    let reuters2 = doc(4, " reuters", "2025-08-08", OWN);
    let mut passages = vec![
        passage(11, &reuters, 12),
        passage(12, &bbc, 14),
        passage(13, &guardian, 10),
        passage(14, &reuters2, 10),
        passage(15, &reuters, 6),
        passage(16, &guardian, 6),
    ];
    // Passage 15 is Ushakov's; 16 has two speakers; the rest are the outlets' own voice.
    passages[4].actors = vec![(ActorId::from_raw(21), ActorRole::Speaker)];
    passages[5].actors = vec![
        (ActorId::from_raw(21), ActorRole::Speaker),
        (ActorId::from_raw(22), ActorRole::Speaker),
        (ActorId::from_raw(23), ActorRole::Subject),
    ];
    Project::from_parts_with_evidence(
        Parts {
            title: "claims".into(),
            tags: vec![],
            actors: vec![
                actor(21, "Yuri Ushakov"),
                actor(22, "Vladimir Putin"),
                actor(23, "Steve Witkoff"),
            ],
            events: vec![],
            documents: vec![reuters, bbc, guardian, reuters2],
            passages,
        },
        vec![],
        EvidenceParts {
            claims,
            grades: Grades {
                outlets: vec![OutletGrade {
                    outlet: "Reuters".into(),
                    grade: Reliability::B,
                }],
                ..Grades::default()
            },
        },
    )
    .expect("valid project")
}

fn report_of<'a>(reports: &'a [ClaimReport<'a>], raw: u64) -> &'a ClaimReport<'a> {
    reports
        .iter()
        .find(|r| r.claim.id == ClaimId::from_raw(raw))
        .expect("report")
}

#[test]
fn the_holders_are_the_speakers_else_the_outlet_in_its_own_voice() {
    let p = project(vec![]);
    let outlets = Outlets::of(&p);
    let of = |raw| {
        holders(
            &p,
            &outlets,
            p.passage(PassageId::from_raw(raw)).expect("passage"),
        )
    };
    assert_eq!(of(11), [Holder::Outlet("Reuters".into())]);
    // " reuters" is the graded outlet "Reuters".
    assert_eq!(of(14), [Holder::Outlet("Reuters".into())]);
    assert_eq!(of(15), [Holder::Speaker(ActorId::from_raw(21))]);
    // Two speakers hold the stance; the subject does not.
    assert_eq!(
        of(16),
        [
            Holder::Speaker(ActorId::from_raw(21)),
            Holder::Speaker(ActorId::from_raw(22))
        ]
    );
    assert_eq!(of(12)[0].name(&p), "BBC");
    assert_eq!(of(15)[0].name(&p), "Yuri Ushakov");
    assert_eq!(of(11)[0].grade(&p), Reliability::B);
    assert_eq!(of(12)[0].grade(&p), Reliability::F);
}

#[test]
fn near_identical_texts_are_reprints_and_different_ones_are_not() {
    use crate::reprint::is_reprint;
    assert!(is_reprint(WIRE, REPRINT));
    assert!(!is_reprint(WIRE, OWN));
    assert!(!is_reprint(OWN, REPRINT));
    let p = project(vec![]);
    let all = p.documents().keys().copied().collect();
    let reprints = Reprints::among(&p, &all);
    // The reprint is credited to the wire story, which ran first.
    assert_eq!(reprints.original(DocId::from_raw(2)), DocId::from_raw(1));
    assert_eq!(reprints.original(DocId::from_raw(1)), DocId::from_raw(1));
    // The Guardian's text and Reuters' second article are the same text too (the fixture
    // reuses it): the earlier one is credited.
    assert_eq!(reprints.original(DocId::from_raw(4)), DocId::from_raw(3));
    assert_eq!(
        reprints.groups(),
        [
            vec![DocId::from_raw(1), DocId::from_raw(2)],
            vec![DocId::from_raw(3), DocId::from_raw(4)]
        ]
    );
}

#[test]
fn a_reprint_counts_once_towards_independent_outlets() {
    use Stance::*;
    let p = project(vec![
        // Reuters and its reprint by the BBC: one outlet.
        claim(1, "wire and reprint", &[(11, Supports), (12, Supports)]),
        // Reuters, the BBC reprint and the Guardian's own text: two.
        claim(
            2,
            "three articles",
            &[(11, Supports), (12, Supports), (13, Supports)],
        ),
        // Two passages of one Reuters article: one.
        claim(3, "one article", &[(11, Supports), (15, Supports)]),
        // Disputed only: no support, so not single-source.
        claim(4, "disputed only", &[(13, Disputes)]),
    ]);
    let reports = analyse(&p);
    let r1 = report_of(&reports, 1);
    assert_eq!(r1.independent_outlets, 1);
    assert_eq!(r1.supporting_outlets, ["Reuters"]);
    assert!(r1.single_source);
    let r2 = report_of(&reports, 2);
    assert_eq!(r2.independent_outlets, 2);
    assert_eq!(r2.supporting_outlets, ["Reuters", "The Guardian"]);
    assert!(!r2.single_source);
    assert!(report_of(&reports, 3).single_source);
    let r4 = report_of(&reports, 4);
    assert_eq!(r4.independent_outlets, 0);
    assert!(!r4.single_source);
    // Ordered by statement.
    let order: Vec<&str> = reports.iter().map(|r| r.claim.statement.as_str()).collect();
    assert_eq!(
        order,
        [
            "disputed only",
            "one article",
            "three articles",
            "wire and reprint"
        ]
    );
}

#[test]
fn contested_means_supported_and_disputed_by_different_holders() {
    use Stance::*;
    let p = project(vec![
        // The Reuters voice supports, Ushakov disputes: contested.
        claim(1, "a", &[(11, Supports), (15, Disputes)]),
        // Reuters supports in one article and disputes in another: the same holder.
        claim(2, "b", &[(11, Supports), (14, Disputes)]),
        // Qualifying is no dispute.
        claim(3, "c", &[(11, Supports), (13, Qualifies), (15, Qualifies)]),
        // Ushakov and Putin dispute together (16) while Ushakov supports (15): Putin is a
        // different holder from the supporter, so contested.
        claim(4, "d", &[(15, Supports), (16, Disputes)]),
    ]);
    let reports = analyse(&p);
    let r1 = report_of(&reports, 1);
    assert!(r1.contested);
    assert_eq!(r1.side(Supports).count(), 1);
    assert_eq!(
        r1.side(Disputes).next().map(|r| &r.holder),
        Some(&Holder::Speaker(ActorId::from_raw(21)))
    );
    assert!(!report_of(&reports, 2).contested);
    assert!(!report_of(&reports, 3).contested);
    let r4 = report_of(&reports, 4);
    assert!(r4.contested);
    // One row per holder: passage 16 has two speakers.
    assert_eq!(r4.stances.len(), 3);
    assert!(r4.stances.iter().all(|r| r.outlet != "BBC"));
}

#[test]
fn holder_networks_join_agreeing_and_conflicting_holders() {
    use Stance::*;
    let p = project(vec![
        claim(1, "a", &[(11, Supports), (13, Supports), (15, Disputes)]),
        claim(2, "b", &[(11, Supports), (15, Disputes)]),
        claim(3, "c", &[(11, Disputes), (15, Disputes)]),
    ]);
    let reports = analyse(&p);
    let reuters = Holder::Outlet("Reuters".into());
    let guardian = Holder::Outlet("The Guardian".into());
    let ushakov = Holder::Speaker(ActorId::from_raw(21));
    let agreement = holder_network(&reports, NetworkKind::Agreement);
    let weight = |edges: &[HolderEdge], a: &Holder, b: &Holder| {
        edges
            .iter()
            .find(|e| (&e.a, &e.b) == (a, b) || (&e.a, &e.b) == (b, a))
            .map(|e| e.weight)
    };
    assert_eq!(weight(&agreement, &reuters, &guardian), Some(1));
    assert_eq!(weight(&agreement, &reuters, &ushakov), Some(1));
    let conflict = holder_network(&reports, NetworkKind::Conflict);
    assert_eq!(weight(&conflict, &reuters, &ushakov), Some(2));
    assert_eq!(weight(&conflict, &guardian, &ushakov), Some(1));
    assert_eq!(weight(&conflict, &reuters, &guardian), None);
    let difference = holder_network(&reports, NetworkKind::Difference);
    assert_eq!(weight(&difference, &reuters, &ushakov), Some(-1));
    assert_eq!(weight(&difference, &guardian, &ushakov), Some(-1));
    assert_eq!(weight(&difference, &reuters, &guardian), Some(1));
    // Heaviest first.
    assert_eq!(conflict.first().map(|e| e.weight), Some(2));
}

/// The pairs counted with numbered holders give the networks counted pair by pair by name, on
/// the example project (its stances come from several holders; one holder may hold two stances
/// on a claim).
#[test]
fn numbered_pairs_give_the_networks_counted_by_name() {
    let project = crate::example::example_project().expect("example");
    let reports = analyse(&project);
    assert!(reports.iter().map(|r| r.stances.len()).sum::<usize>() > 10);
    let naive = |kind: NetworkKind| -> BTreeMap<(Holder, Holder), i64> {
        let mut out = BTreeMap::new();
        for r in &reports {
            let mut by: BTreeMap<&Holder, BTreeSet<Stance>> = BTreeMap::new();
            for row in &r.stances {
                by.entry(&row.holder).or_default().insert(row.stance);
            }
            let held: Vec<_> = by.into_iter().collect();
            for (i, (a, sa)) in held.iter().enumerate() {
                for (b, sb) in &held[i + 1..] {
                    let agree = i64::from(sa.intersection(sb).next().is_some());
                    let opposed = |x: &BTreeSet<Stance>, y: &BTreeSet<Stance>| {
                        x.contains(&Stance::Supports) && y.contains(&Stance::Disputes)
                    };
                    let conflict = i64::from(opposed(sa, sb) || opposed(sb, sa));
                    let w = match kind {
                        NetworkKind::Agreement => agree,
                        NetworkKind::Conflict => conflict,
                        NetworkKind::Difference => agree - conflict,
                    };
                    *out.entry(((*a).clone(), (*b).clone())).or_insert(0) += w;
                }
            }
        }
        out.retain(|_, w| *w != 0);
        out
    };
    for kind in NetworkKind::ALL {
        let edges = holder_network(&reports, kind);
        assert!(
            edges.iter().all(|e| e.a < e.b),
            "{kind:?}: the lesser first"
        );
        assert!(
            edges.windows(2).all(|w| w[0].weight >= w[1].weight),
            "{kind:?}: heaviest first"
        );
        let counted: BTreeMap<(Holder, Holder), i64> = (edges.into_iter())
            .map(|e| ((e.a, e.b), e.weight))
            .collect();
        assert_eq!(counted, naive(kind), "{kind:?}");
        assert!(!counted.is_empty() || kind != NetworkKind::Agreement);
    }
}

#[test]
fn articles_without_an_outlet_are_each_their_own_outlet() {
    let a = doc(1, "", "2025-08-06", WIRE);
    let b = doc(2, " ", "2025-08-06", OWN);
    let c = doc(3, "", "2025-08-07", REPRINT);
    let passages = vec![passage(11, &a, 8), passage(12, &b, 8), passage(13, &c, 8)];
    let claims = vec![claim(
        1,
        "x",
        &[
            (11, Stance::Supports),
            (12, Stance::Supports),
            (13, Stance::Supports),
        ],
    )];
    let p = Project::from_parts_with_evidence(
        Parts {
            title: "unnamed".into(),
            tags: vec![],
            actors: vec![],
            events: vec![],
            documents: vec![a, b, c],
            passages,
        },
        vec![],
        EvidenceParts {
            claims,
            grades: Grades::default(),
        },
    )
    .expect("valid");
    let reports = analyse(&p);
    // Two unnamed outlets, and the reprint of the first one counted with it.
    assert_eq!(reports[0].independent_outlets, 2);
    assert_eq!(
        reports[0].supporting_outlets,
        ["outlet of “article 1”", "outlet of “article 2”"]
    );
    assert_eq!(
        reports[0].stances[0].holder,
        Holder::Unnamed(DocId::from_raw(1))
    );
    assert_eq!(reports[0].stances[0].outlet, "");
    assert_eq!(reports[0].stances[0].holder.grade(&p), Reliability::F);
    assert!(Outlets::of(&p).all().is_empty());
}

#[test]
fn the_reprint_cache_follows_the_texts_and_dates_it_was_found_from() {
    let p = project(vec![]);
    let all: BTreeSet<DocId> = p.documents().keys().copied().collect();
    let mut cache = ReprintCache::default();
    assert_eq!(
        cache.reprints(&p, &all).original(DocId::from_raw(2)),
        DocId::from_raw(1)
    );
    // The same articles, the BBC's now dated first: the cache finds the groups again.
    let mut parts = p.to_parts();
    for d in &mut parts.documents {
        if d.id == DocId::from_raw(2) {
            d.published = "2025-08-01".parse().ok();
        }
    }
    let dated = Project::from_parts(parts).expect("valid");
    assert_eq!(
        cache.reprints(&dated, &all).original(DocId::from_raw(1)),
        DocId::from_raw(2)
    );
    // The BBC's text replaced by its own: no longer a reprint.
    let mut parts = dated.to_parts();
    for d in &mut parts.documents {
        if d.id == DocId::from_raw(2) {
            *d = Document {
                text: crate::model::Text::new("A story of the BBC's own, in other words.".into()),
                ..d.clone()
            };
        }
    }
    parts.passages.retain(|x| x.doc != DocId::from_raw(2));
    let own = Project::from_parts(parts).expect("valid");
    assert_eq!(
        cache.reprints(&own, &all).original(DocId::from_raw(1)),
        DocId::from_raw(1)
    );
    assert_eq!(analyse_with(&own, &mut cache), analyse(&own));
}

/// [`project`] with Boris's name on the Reuters wire's passage and Ana's on every other.
fn two_coders(claims: Vec<Claim>) -> Project {
    let mut parts = project(claims.clone()).to_parts();
    for p in &mut parts.passages {
        p.author = if p.id == PassageId::from_raw(11) {
            "Boris"
        } else {
            "Ana"
        }
        .into();
    }
    let evidence = EvidenceParts {
        claims,
        ..EvidenceParts::default()
    };
    Project::from_parts_with_evidence(parts, vec![], evidence).expect("valid")
}

#[test]
fn blind_coding_counts_only_the_analysts_stances_and_credits_none_of_the_others_articles() {
    use Stance::*;
    let p = two_coders(vec![
        claim(
            1,
            "three articles",
            &[(11, Supports), (12, Supports), (13, Supports)],
        ),
        claim(2, "Boris's alone", &[(11, Disputes)]),
    ]);
    let blind = Some("Ana");
    let all = ReprintInput::of(&p, None);
    let ana = ReprintInput::of(&p, blind);
    assert_eq!(all.len(), 3);
    assert_eq!(
        ana.docs(),
        BTreeSet::from([DocId::from_raw(2), DocId::from_raw(3)]),
        "the wire's article holds only Boris's stance"
    );
    let everyone = analyse_given(&p, &all.find(), None);
    assert_eq!(
        report_of(&everyone, 1).supporting_outlets,
        ["Reuters", "The Guardian"]
    );
    assert_eq!(report_of(&everyone, 2).stances.len(), 1);

    let blind_reports = analyse_given(&p, &ana.find(), blind);
    let r1 = report_of(&blind_reports, 1);
    assert_eq!(r1.stances.len(), 2, "Boris's stance is not counted");
    assert!(
        r1.stances
            .iter()
            .all(|r| r.passage != PassageId::from_raw(11))
    );
    assert_eq!(
        r1.supporting_outlets,
        ["BBC", "The Guardian"],
        "the BBC's reprint is not credited to the wire Boris coded"
    );
    let r2 = report_of(&blind_reports, 2);
    assert!(
        r2.stances.is_empty() && !r2.contested,
        "every claim is still listed"
    );

    // The reprints of every article, restricted to Ana's, credit the same outlets.
    let within = all.find().within(&p, &ana.docs());
    assert_eq!(within.original(DocId::from_raw(2)), DocId::from_raw(2));
    let restricted = analyse_given(&p, &within, blind);
    assert_eq!(
        report_of(&restricted, 1).supporting_outlets,
        r1.supporting_outlets
    );
    assert_eq!(
        analyse_given(&p, &all.find(), Some("Carla"))[0].stances,
        vec![]
    );
}
