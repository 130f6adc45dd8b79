//! The scores by hand: weighted inconsistency, ranking and ties, N/A and blanks, rows switched
//! off or removed, diagnosticity and sensitivity; and a property: a non-diagnostic row never
//! changes the ranking.

use proptest::prelude::*;

use super::*;
use crate::edit::{AchEdit, Edit, apply};
use crate::model::{
    AchParts, Claim, ClaimId, DocId, Document, EvidenceParts, Grades, Hypothesis, Parts, Passage,
    PassageGrade, PassageId,
};

const TEXT: &str = "one two three four five six seven eight nine ten eleven twelve";

fn h(raw: u64) -> HypothesisId {
    HypothesisId::from_raw(raw)
}

fn p(raw: u64) -> RowSource {
    RowSource::Passage(PassageId::from_raw(raw))
}

/// A project with one article, passages p1…p`n` (one word each), the given credibility grades
/// (passage, grade number), hypotheses h1…h`hyps` and these rows.
fn project(n: u64, grades: &[(u64, u8)], hyps: u64, rows: Vec<AchRow>) -> Project {
    let doc = Document {
        id: DocId::from_raw(1),
        ..Document::new("article", TEXT)
    };
    let mut passages = Vec::new();
    let mut start = 0;
    for (i, word) in TEXT.split(' ').enumerate().take(n as usize) {
        let len = word.chars().count();
        let mut passage = Passage::new(&doc, start, start + len).expect("span");
        passage.id = PassageId::from_raw(i as u64 + 1);
        passages.push(passage);
        start += len + 1;
    }
    let claim = Claim {
        id: ClaimId::from_raw(1),
        statement: "Talks made progress".into(),
        event: None,
        description: String::new(),
        stances: [
            (1, Stance::Supports),
            (2, Stance::Supports),
            (3, Stance::Disputes),
        ]
        .into_iter()
        .filter(|(raw, _)| *raw <= n)
        .map(|(raw, s)| (PassageId::from_raw(raw), s))
        .collect(),
    };
    let grades = Grades {
        passages: grades
            .iter()
            .map(|(p, g)| PassageGrade {
                passage: PassageId::from_raw(*p),
                credibility: Credibility::from_number(*g).expect("1-6"),
            })
            .collect(),
        ..Grades::default()
    };
    Project::from_parts_with_evidence(
        Parts {
            title: "t".into(),
            documents: vec![doc],
            passages,
            ..Parts::default()
        },
        Vec::new(),
        EvidenceParts {
            claims: vec![claim],
            grades,
        },
    )
    .and_then(|project| {
        project.with_ach(AchParts {
            hypotheses: (1..=hyps)
                .map(|i| Hypothesis {
                    id: h(i),
                    title: format!("H{i}"),
                    description: String::new(),
                })
                .collect(),
            rows,
        })
    })
    .expect("valid")
}

fn row(source: RowSource, ratings: &[(u64, Rating)]) -> AchRow {
    let mut row = AchRow::new(source);
    for (hyp, r) in ratings {
        row.set_rating(h(*hyp), Some(*r));
    }
    row
}

fn score(scores: &Scores, hyp: u64) -> f64 {
    scores.of(h(hyp)).expect("scored").inconsistency
}

fn order(scores: &Scores) -> Vec<HypothesisId> {
    scores.ranking.iter().map(|s| s.id).collect()
}

use Rating::{C, CC, I, II, N, NA};

#[test]
fn the_score_weights_inconsistency_by_credibility_and_relevance() {
    // p1 graded 1 (1.0), p2 graded 4 (0.4), p3 ungraded (6: 0.6), p4 graded 2 (0.8), high.
    let mut high = row(p(4), &[(1, I), (2, I), (3, C)]);
    high.relevance = Relevance::High;
    let mut low = row(p(3), &[(1, N), (2, II), (3, I)]);
    low.relevance = Relevance::Low;
    let scores = scores(&project(
        4,
        &[(1, 1), (2, 4), (4, 2)],
        3,
        vec![
            row(p(1), &[(1, II), (2, C), (3, I)]),
            row(p(2), &[(1, I), (2, CC), (3, II)]),
            low,
            high,
        ],
    ));
    // H1: II×1.0 + I×0.4 + 0 + I×0.8×2 = 2 + 0.4 + 1.6 = 4.0
    // H2: 0 + 0 + II×0.6×0.5 + I×0.8×2 = 0.6 + 1.6 = 2.2
    // H3: I×1.0 + II×0.4 + I×0.6×0.5 + 0 = 1 + 0.8 + 0.3 = 2.1
    assert!((score(&scores, 1) - 4.0).abs() < 1e-9);
    assert!((score(&scores, 2) - 2.2).abs() < 1e-9);
    assert!((score(&scores, 3) - 2.1).abs() < 1e-9);
    assert_eq!(order(&scores), vec![h(3), h(2), h(1)]);
    assert_eq!(scores.leaders(), vec![h(3)]);
    assert_eq!(scores.of(h(1)).map(|s| s.inconsistent_cells), Some(3));
    assert!((scores.row(p(4)).expect("row").weight - 1.6).abs() < 1e-9);
}

#[test]
fn na_blank_and_consistent_cells_count_nothing_and_ties_keep_the_matrix_order() {
    let scores = scores(&project(
        2,
        &[],
        3,
        vec![
            row(p(1), &[(1, NA), (2, CC), (3, C)]),
            row(p(2), &[(1, N), (3, NA)]),
        ],
    ));
    for hyp in 1..=3 {
        assert_eq!(score(&scores, hyp), 0.0);
    }
    assert_eq!(order(&scores), vec![h(1), h(2), h(3)]);
    assert_eq!(scores.leaders(), vec![h(1), h(2), h(3)], "a three-way tie");
}

#[test]
fn a_row_switched_off_or_removed_counts_nothing() {
    let rows = vec![row(p(1), &[(1, II), (2, C)]), row(p(2), &[(1, C), (2, I)])];
    let mut project = project(2, &[], 2, rows);
    let before = scores(&project);
    assert_eq!(order(&before), vec![h(2), h(1)]);
    assert!((score(&before, 1) - 1.2).abs() < 1e-9);
    apply(&mut project, Edit::Ach(AchEdit::SetOff(p(1), true))).expect("switch off");
    let off = scores(&project);
    assert_eq!(score(&off, 1), 0.0);
    assert_eq!(order(&off), vec![h(1), h(2)], "the ranking follows");
    assert!(!off.row(p(1)).expect("row").enabled);
    apply(&mut project, Edit::Ach(AchEdit::SetOff(p(1), false))).expect("on");
    // Removing the passage takes its row; undo brings both back.
    let undo = apply(&mut project, Edit::RemovePassage(PassageId::from_raw(1))).expect("remove");
    assert!(project.ach().row(p(1)).is_none());
    assert_eq!(order(&scores(&project)), vec![h(1), h(2)]);
    apply(&mut project, undo).expect("undo");
    assert_eq!(scores(&project), before);
}

#[test]
fn a_claim_row_takes_the_best_grade_of_its_supporting_passages() {
    // Claim c1 is supported by p1 (grade 4) and p2 (grade 2), disputed by p3 (grade 1).
    let claim = RowSource::Claim(ClaimId::from_raw(1));
    let project = project(
        3,
        &[(1, 4), (2, 2), (3, 1)],
        2,
        vec![row(claim, &[(1, I), (2, N)])],
    );
    assert_eq!(row_credibility(&project, claim), Credibility::Probable);
    assert!((score(&scores(&project), 1) - 0.8).abs() < 1e-9);
    let mut removed = project.clone();
    let undo = apply(&mut removed, Edit::RemoveClaim(ClaimId::from_raw(1))).expect("remove");
    assert!(
        removed.ach().rows().is_empty(),
        "the claim's row went with it"
    );
    apply(&mut removed, undo).expect("undo");
    assert_eq!(removed, project);
}

#[test]
fn a_row_rated_alike_for_every_hypothesis_is_not_diagnostic() {
    let scores = scores(&project(
        4,
        &[],
        3,
        vec![
            row(p(1), &[(1, C), (2, C), (3, C)]),
            row(p(2), &[(1, C), (2, C), (3, I)]),
            row(p(3), &[]),
            row(p(4), &[(1, NA), (2, NA)]),
        ],
    ));
    let diagnostic: Vec<bool> = scores.rows.iter().map(|r| r.diagnostic).collect();
    assert_eq!(diagnostic, vec![false, true, false, false]);
    let one = super::scores(&project(1, &[], 1, vec![row(p(1), &[(1, II)])]));
    assert!(
        !one.rows[0].diagnostic,
        "one hypothesis: nothing to tell apart"
    );
}

#[test]
fn a_row_is_sensitive_when_switching_it_off_changes_the_leader() {
    // Every passage is ungraded (0.6): p1 counts against H1, p2 and p3 against H2, p4 both.
    let scores = scores(&project(
        4,
        &[],
        2,
        vec![
            row(p(1), &[(1, I), (2, C)]),
            row(p(2), &[(1, C), (2, I)]),
            row(p(3), &[(1, C), (2, I)]),
            row(p(4), &[(1, I), (2, I)]),
        ],
    ));
    // Totals: H1 = 0.6 + 0.6 = 1.2, H2 = 1.8. Without p2 or p3 it is a tie (leaders change);
    // without p1 H1 leads more clearly (no change); p4 adds to both (no change).
    assert_eq!(scores.leaders(), vec![h(1)]);
    let sensitive: Vec<bool> = scores.rows.iter().map(|r| r.sensitive).collect();
    assert_eq!(sensitive, vec![false, true, true, false]);
}

#[test]
fn removing_a_rated_hypothesis_removes_its_ratings_in_one_undoable_step() {
    let mut project = project(
        2,
        &[],
        3,
        vec![row(p(1), &[(1, I), (2, II), (3, C)]), row(p(2), &[(2, C)])],
    );
    let before = project.clone();
    let undo = apply(&mut project, Edit::Ach(AchEdit::RemoveHypothesis(h(2)))).expect("removes");
    assert_eq!(project.ach().hypotheses().len(), 2);
    assert!(
        project
            .ach()
            .rows()
            .iter()
            .all(|r| r.rating(h(2)).is_none())
    );
    apply(&mut project, undo).expect("undo");
    assert_eq!(project, before, "back in its place with its ratings");
    // One rating is one step.
    let undo = apply(
        &mut project,
        Edit::Ach(AchEdit::SetRating {
            row: p(2),
            hypothesis: h(1),
            rating: Some(II),
        }),
    )
    .expect("rates");
    assert!(matches!(
        undo,
        Edit::Ach(AchEdit::SetRating { rating: None, .. })
    ));
    apply(&mut project, undo).expect("undo");
    assert_eq!(project, before);
}

#[test]
fn rows_citing_missing_items_and_ratings_of_missing_hypotheses_are_refused() {
    let base = project(1, &[], 1, Vec::new());
    let problems = base
        .clone()
        .with_ach(AchParts {
            hypotheses: vec![Hypothesis::new(" ")],
            rows: vec![
                row(p(9), &[]),
                row(p(1), &[(7, I)]),
                row(RowSource::Claim(ClaimId::from_raw(9)), &[]),
            ],
        })
        .expect_err("refused");
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 4, "{text:?}");
    assert!(text.iter().any(|t| t.contains("passage p000000000009")));
    assert!(text.iter().any(|t| t.contains("hypothesis h000000000007")));
    assert!(text.iter().any(|t| t.contains("claim c000000000009")));
    assert!(text.iter().any(|t| t.contains("empty name")));
}

fn any_rating() -> impl Strategy<Value = Option<Rating>> {
    prop_oneof![
        Just(None),
        proptest::sample::select(Rating::ALL.to_vec()).prop_map(Some)
    ]
}

proptest! {
    #[test]
    fn a_non_diagnostic_row_never_changes_the_ranking(
        cells in proptest::collection::vec(proptest::collection::vec(any_rating(), 3), 0..6),
        same in proptest::sample::select(Rating::ALL.to_vec()),
        grade in 1u8..=6,
        relevance in proptest::sample::select(Relevance::ALL.to_vec()),
    ) {
        let rows: Vec<AchRow> = cells
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut row = AchRow::new(p(i as u64 + 1));
                for (j, rating) in r.iter().enumerate() {
                    row.set_rating(h(j as u64 + 1), *rating);
                }
                row
            })
            .collect();
        let n = cells.len() as u64 + 1;
        let mut project = project(n, &[(n, grade)], 3, rows);
        let before = scores(&project);
        let mut extra = row(p(n), &[(1, same), (2, same), (3, same)]);
        extra.relevance = relevance;
        apply(&mut project, Edit::Ach(AchEdit::AddRow { row: extra, at: 0 })).expect("adds");
        let after = scores(&project);
        prop_assert!(!after.row(p(n)).expect("row").diagnostic);
        prop_assert!(!after.row(p(n)).expect("row").sensitive);
        prop_assert_eq!(order(&before), order(&after));
        prop_assert_eq!(before.leaders(), after.leaders());
    }
}
