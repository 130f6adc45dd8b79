//! Merging the hypotheses and the ACH matrix ([`crate::model::ach`]).
//!
//! - Hypotheses merge like tags: by id, title a scalar, description line by line, removed on one
//!   side and changed on the other kept with an `exists` conflict.
//! - Evidence rows merge by what they cite: relevance and on/off are scalars (fields
//!   `ach relevance`, `ach off` of the passage or claim), every rating a scalar of its own
//!   (field `ach rating h…`): a cell rated differently on both sides is a conflict and keeps the
//!   original's rating. A row removed on one side and changed on the other is kept, with a
//!   conflict on `ach row` (resolving it with no value removes the row, not the passage).
//! - A hypothesis removed on one side that the other side still rates is kept (and reported).
//!   A row whose passage or claim is gone from the result is dropped and reported.
//! - Order (of hypotheses and of rows): a side that alone changed the list gives it (additions in
//!   their places); else the side that alone moved items (an addition is not a move) gives it,
//!   or both when they moved alike; else the original's; additions not placed so go last, by id.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::{Fields, Item, Settable, Value, owned_item};
use super::{Cx, Summary, join3, merge_collection};
use crate::edit::{AchEdit, Edit};
use crate::model::ach::source_exists;
use crate::model::{
    AchParts, AchRow, Conflict, Hypothesis, HypothesisId, Project, Rating, Relevance, RowSource,
};

/// The field of a row's presence in the matrix.
pub const ROW_FIELD: &str = "ach row";
/// The field of a row's relevance.
pub const RELEVANCE_FIELD: &str = "ach relevance";
/// The field of a row's switch.
pub const OFF_FIELD: &str = "ach off";
/// The prefix of the field of one rating (`ach rating h…`).
pub const RATING_FIELD: &str = "ach rating ";

impl Value for Relevance {
    fn encode(&self) -> String {
        self.to_string()
    }
    fn decode(text: &str) -> Result<Self, String> {
        text.parse()
    }
}

impl Value for bool {
    fn encode(&self) -> String {
        self.to_string()
    }
    fn decode(text: &str) -> Result<Self, String> {
        text.trim()
            .parse()
            .map_err(|_| format!("{text:?} is not true or false"))
    }
}

impl Value for Option<Rating> {
    fn encode(&self) -> String {
        self.map(|r| r.as_str().to_owned()).unwrap_or_default()
    }
    fn decode(text: &str) -> Result<Self, String> {
        match text.trim() {
            "" => Ok(None),
            t => t.parse().map(Some).map_err(|e| format!("{e}")),
        }
    }
}

impl Item for Hypothesis {
    owned_item!("hypothesis", title);
    fn merge_both(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields<'_>) -> Self {
        Self {
            id: o.id,
            title: f.scalar("title", b.map(|b| &b.title), &o.title, &t.title),
            description: f.text(
                "description",
                b.map(|b| &b.description),
                &o.description,
                &t.description,
            ),
        }
    }
}

impl Settable for Hypothesis {
    fn set_field(&mut self, field: &str, value: &str) -> Result<(), String> {
        match field {
            "title" => self.title = Value::decode(value)?,
            "description" => self.description = Value::decode(value)?,
            _ => return Err(format!("there is no field {field:?} to set")),
        }
        Ok(())
    }
}

/// Merges two versions of a row that both changed.
fn merge_row(b: Option<&AchRow>, o: &AchRow, t: &AchRow, f: &mut Fields<'_>) -> AchRow {
    let mut hyps: BTreeSet<HypothesisId> = BTreeSet::new();
    for row in [Some(o), Some(t), b].into_iter().flatten() {
        hyps.extend(row.ratings.iter().map(|(h, _)| *h));
    }
    let mut ratings = Vec::new();
    for h in hyps {
        let rating = f.scalar(
            &format!("{RATING_FIELD}{h}"),
            b.map(|b| b.rating(h)).as_ref(),
            &o.rating(h),
            &t.rating(h),
        );
        if let Some(r) = rating {
            ratings.push((h, r));
        }
    }
    AchRow {
        source: o.source,
        relevance: f.scalar(
            RELEVANCE_FIELD,
            b.map(|b| &b.relevance),
            &o.relevance,
            &t.relevance,
        ),
        off: f.scalar(OFF_FIELD, b.map(|b| &b.off), &o.off, &t.off),
        ratings,
    }
}

/// The merged order of ids: the side that reordered (see the module documentation), then the
/// additions by id; only `keep`'s ids.
fn order<K: Ord + Copy>(b: &[K], o: &[K], t: &[K], keep: &BTreeSet<K>) -> Vec<K> {
    let same = |x: &[K], y: &[K]| {
        let x: Vec<&K> = x.iter().filter(|k| y.contains(k)).collect();
        let y: Vec<&K> = y.iter().filter(|k| x.contains(k)).collect();
        x == y
    };
    let (o_moved, t_moved) = (!same(o, b), !same(t, b));
    let given = if o == b {
        t
    } else if t == b {
        o
    } else if t_moved && !o_moved {
        t
    } else if o_moved && (!t_moved || same(o, t)) {
        o
    } else {
        b
    };
    let mut out: Vec<K> = given.iter().filter(|k| keep.contains(k)).copied().collect();
    let placed: BTreeSet<K> = out.iter().copied().collect();
    out.extend(keep.iter().filter(|k| !placed.contains(k)));
    out
}

/// Merges the hypotheses and rows of three projects (conflicts and counts into `cx`). Rows and
/// ratings are not yet checked against the merged project: see [`settle`].
pub(super) fn merge(base: &Project, ours: &Project, theirs: &Project, cx: &mut Cx) -> AchParts {
    let sides = [base.ach(), ours.ach(), theirs.ach()];
    let listed = |i: usize| -> Vec<(HypothesisId, &Hypothesis)> {
        let mut v: Vec<(HypothesisId, &Hypothesis)> =
            (sides[i].hypotheses().iter()).map(|h| (h.id, h)).collect();
        v.sort_by_key(|(id, _)| *id);
        v
    };
    let hypotheses: BTreeMap<HypothesisId, Hypothesis> =
        merge_collection(&listed(0), &listed(1), &listed(2), cx)
            .into_iter()
            .map(|h| (h.id, h))
            .collect();

    let rows_of = |i: usize| -> Vec<(RowSource, &AchRow)> {
        let mut v: Vec<(RowSource, &AchRow)> =
            sides[i].rows().iter().map(|r| (r.source, r)).collect();
        v.sort_by_key(|(s, _)| *s);
        v
    };
    let mut rows: BTreeMap<RowSource, AchRow> = BTreeMap::new();
    join3(&rows_of(0), &rows_of(1), &rows_of(2), |b, o, t| {
        let (b, o, t) = (b.copied(), o.copied(), t.copied());
        let kept = match (b, o, t) {
            (_, Some(o), Some(t)) if o == t || b == Some(t) => Some(o.clone()),
            (_, Some(o), Some(t)) if b == Some(o) => Some(t.clone()),
            (_, Some(o), Some(t)) => {
                cx.summary.merged += 1;
                let mut fields = Fields {
                    item: o.source.to_string(),
                    conflicts: &mut cx.conflicts,
                };
                Some(merge_row(b, o, t, &mut fields))
            }
            (None, Some(x), None) | (None, None, Some(x)) => {
                let side = usize::from(o.is_none());
                match side {
                    0 => cx.summary.added.0 += 1,
                    _ => cx.summary.added.1 += 1,
                }
                Some(x.clone())
            }
            (Some(b), Some(x), None) | (Some(b), None, Some(x)) if b == x => {
                match o.is_some() {
                    true => cx.summary.removed.1 += 1,
                    false => cx.summary.removed.0 += 1,
                }
                None
            }
            (Some(_), Some(x), None) | (Some(_), None, Some(x)) => {
                let present = Some("in the matrix".to_owned());
                cx.conflicts.push(Conflict {
                    item: x.source.to_string(),
                    field: ROW_FIELD.to_owned(),
                    base: present.clone(),
                    ours: o.map(|_| "in the matrix".to_owned()),
                    theirs: t.map(|_| "in the matrix".to_owned()),
                });
                Some(x.clone())
            }
            _ => None,
        };
        if let Some(row) = kept {
            rows.insert(row.source, row);
        }
    });

    // A hypothesis removed on one side but still rated is kept.
    let mut hypotheses = hypotheses;
    let rated: BTreeSet<HypothesisId> = (rows.values())
        .flat_map(|r| r.ratings.iter().map(|(h, _)| *h))
        .collect();
    for id in rated {
        if hypotheses.contains_key(&id) {
            continue;
        }
        if let Some(h) = [ours, theirs, base]
            .iter()
            .find_map(|p| p.ach().hypothesis(id))
        {
            cx.summary.kept.push(format!(
                "hypothesis {id} {:?}: removed on one side, still rated on the other",
                h.title
            ));
            hypotheses.insert(id, h.clone());
        }
    }

    let ids =
        |i: usize| -> Vec<HypothesisId> { sides[i].hypotheses().iter().map(|h| h.id).collect() };
    let keep: BTreeSet<HypothesisId> = hypotheses.keys().copied().collect();
    let hyp_order = order(&ids(0), &ids(1), &ids(2), &keep);
    let sources =
        |i: usize| -> Vec<RowSource> { sides[i].rows().iter().map(|r| r.source).collect() };
    let keep: BTreeSet<RowSource> = rows.keys().copied().collect();
    let row_order = order(&sources(0), &sources(1), &sources(2), &keep);
    AchParts {
        hypotheses: (hyp_order.iter())
            .filter_map(|id| hypotheses.remove(id))
            .collect(),
        rows: row_order.iter().filter_map(|s| rows.remove(s)).collect(),
    }
}

/// Drops the rows whose passage or claim the merged project lacks (reported in `summary`).
pub(super) fn settle(mut parts: AchParts, project: &Project, summary: &mut Summary) -> AchParts {
    parts.rows.retain(|row| {
        let exists = source_exists(project, row.source);
        if !exists {
            summary.kept.push(format!(
                "evidence row {}: what it cites was removed on one side; the row is dropped",
                row.source
            ));
        }
        exists
    });
    parts
}

/// The edit that sets a row's field (`ach …`) to a conflict's value: `ach row` with a value
/// keeps the row (no edit), with none removes it.
pub(super) fn set_row_field(
    project: &Project,
    item: &str,
    field: &str,
    value: Option<&str>,
) -> Result<Edit, String> {
    let source: RowSource = item.parse()?;
    let row =
        (project.ach().row(source)).ok_or_else(|| format!("{item} is not an evidence row"))?;
    let edit = if field == ROW_FIELD {
        match value {
            Some(_) => return Ok(Edit::Batch(Vec::new())),
            None => AchEdit::RemoveRow(source),
        }
    } else {
        let value = value.ok_or_else(|| format!("that side has no value for {item} {field}"))?;
        if field == RELEVANCE_FIELD {
            AchEdit::SetRelevance(source, Value::decode(value)?)
        } else if field == OFF_FIELD {
            AchEdit::SetOff(source, Value::decode(value)?)
        } else if let Some(h) = field.strip_prefix(RATING_FIELD) {
            let hypothesis: HypothesisId = h.trim().parse().map_err(|e| format!("{e}"))?;
            let rating: Option<Rating> = Value::decode(value)?;
            if row.rating(hypothesis) == rating {
                return Ok(Edit::Batch(Vec::new()));
            }
            AchEdit::SetRating {
                row: source,
                hypothesis,
                rating,
            }
        } else {
            return Err(format!("there is no field {field:?} to set"));
        }
    };
    Ok(Edit::Ach(edit))
}

/// The edit that sets a hypothesis's field to a conflict's value.
pub(super) fn set_hypothesis_field(
    project: &Project,
    item: &str,
    field: &str,
    value: &str,
) -> Result<Edit, String> {
    let id: HypothesisId = item.parse().map_err(|e| format!("{e}"))?;
    let mut h = (project.ach().hypothesis(id))
        .ok_or_else(|| format!("{item} no longer exists"))?
        .clone();
    h.set_field(field, value)?;
    Ok(Edit::Ach(AchEdit::SetHypothesis(h)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::merge::merge;
    use crate::merge::resolve::{Choice, resolution};
    use crate::model::{ConflictKey, DocId, Document, EXISTS_FIELD, Parts, Passage, PassageId};

    const TEXT: &str = "Witkoff met Putin. The talks lasted three hours. No statement followed.";

    fn h(raw: u64) -> HypothesisId {
        HypothesisId::from_raw(raw)
    }

    fn p(raw: u64) -> RowSource {
        RowSource::Passage(PassageId::from_raw(raw))
    }

    /// Three passages, hypotheses h1 h2, rows p1 (h1 I, h2 C) and p2 (blank).
    fn base() -> Project {
        let doc = Document {
            id: DocId::from_raw(1),
            ..Document::new("article", TEXT)
        };
        let passages = [(1, 0, 18), (2, 19, 48), (3, 49, 71)]
            .map(|(raw, start, end)| {
                let mut passage = Passage::new(&doc, start, end).expect("span");
                passage.id = PassageId::from_raw(raw);
                passage
            })
            .to_vec();
        let mut row = AchRow::new(p(1));
        row.set_rating(h(1), Some(Rating::I));
        row.set_rating(h(2), Some(Rating::C));
        Project::from_parts(Parts {
            title: "t".into(),
            documents: vec![doc],
            passages,
            ..Parts::default()
        })
        .and_then(|project| {
            project.with_ach(AchParts {
                hypotheses: vec![
                    Hypothesis {
                        id: h(1),
                        title: "Good faith".into(),
                        description: String::new(),
                    },
                    Hypothesis {
                        id: h(2),
                        title: "Stalling".into(),
                        description: String::new(),
                    },
                ],
                rows: vec![row, AchRow::new(p(2))],
            })
        })
        .expect("valid")
    }

    fn edited(project: &Project, edits: Vec<AchEdit>) -> Project {
        let mut out = project.clone();
        for edit in edits {
            apply(&mut out, Edit::Ach(edit)).expect("applies");
        }
        out
    }

    fn rate(row: RowSource, hyp: u64, rating: Option<Rating>) -> AchEdit {
        AchEdit::SetRating {
            row,
            hypothesis: h(hyp),
            rating,
        }
    }

    #[test]
    fn ratings_on_different_cells_join_and_one_cell_rated_differently_is_a_conflict() {
        let b = base();
        let o = edited(
            &b,
            vec![
                rate(p(1), 1, Some(Rating::II)),
                rate(p(2), 1, Some(Rating::N)),
            ],
        );
        let t = edited(
            &b,
            vec![
                rate(p(1), 1, Some(Rating::CC)),
                rate(p(2), 2, Some(Rating::I)),
                AchEdit::SetOff(p(2), true),
            ],
        );
        let m = merge(&b, &o, &t).expect("merges");
        let ach = m.project.ach();
        let row2 = ach.row(p(2)).expect("row");
        assert_eq!(row2.rating(h(1)), Some(Rating::N));
        assert_eq!(row2.rating(h(2)), Some(Rating::I));
        assert!(row2.off);
        let row1 = ach.row(p(1)).expect("row");
        assert_eq!(
            row1.rating(h(1)),
            Some(Rating::I),
            "the original's, until resolved"
        );
        let key = ConflictKey {
            item: p(1).to_string(),
            field: format!("{RATING_FIELD}{}", h(1)),
        };
        let conflict = m.project.conflicts().get(&key).expect("recorded");
        assert_eq!(
            (conflict.ours.as_deref(), conflict.theirs.as_deref()),
            (Some("II"), Some("CC"))
        );
        assert_eq!(m.project.conflicts().len(), 1);
        // Resolving takes their rating and closes the conflict, in one step.
        let mut resolved = m.project.clone();
        let edit = resolution(&resolved, &key, Choice::Theirs).expect("resolves");
        apply(&mut resolved, edit).expect("applies");
        assert_eq!(
            resolved.ach().row(p(1)).and_then(|r| r.rating(h(1))),
            Some(Rating::CC)
        );
        assert!(resolved.conflicts().is_empty());
        assert_eq!(resolved.passages().len(), 3, "no passage went with it");
    }

    #[test]
    fn additions_of_both_sides_arrive_and_a_reorder_is_kept() {
        let b = base();
        let o = edited(
            &b,
            vec![
                AchEdit::AddHypothesis {
                    hypothesis: Hypothesis {
                        id: h(3),
                        title: "Partial truce".into(),
                        description: String::new(),
                    },
                    at: 0,
                },
                AchEdit::AddRow {
                    row: AchRow::new(p(3)),
                    at: 0,
                },
            ],
        );
        let t = edited(
            &b,
            vec![
                AchEdit::MoveHypothesis {
                    hypothesis: h(2),
                    to: 0,
                },
                AchEdit::SetHypothesis(Hypothesis {
                    id: h(1),
                    title: "Good faith, soon".into(),
                    description: String::new(),
                }),
            ],
        );
        let m = merge(&b, &o, &t).expect("merges");
        let ach = m.project.ach();
        let titles: Vec<&str> = ach.hypotheses().iter().map(|x| x.title.as_str()).collect();
        // Theirs reordered; ours only added (an addition is not a reorder, and goes last).
        assert_eq!(titles, ["Stalling", "Good faith, soon", "Partial truce"]);
        let rows: Vec<RowSource> = ach.rows().iter().map(|r| r.source).collect();
        assert_eq!(
            rows,
            [p(3), p(1), p(2)],
            "only ours changed the rows: its order"
        );
        assert!(m.project.conflicts().is_empty());
        let swapped = merge(&b, &t, &o).expect("merges");
        assert_eq!(
            swapped.project, m.project,
            "the result does not depend on the side"
        );
    }

    #[test]
    fn a_hypothesis_removed_on_one_side_and_rated_on_the_other_is_kept() {
        let b = base();
        let o = edited(&b, vec![AchEdit::RemoveHypothesis(h(2))]);
        let t = edited(&b, vec![rate(p(2), 2, Some(Rating::II))]);
        let m = merge(&b, &o, &t).expect("merges");
        assert!(m.project.ach().hypothesis(h(2)).is_some());
        assert!(m.summary.kept.iter().any(|k| k.contains(&h(2).to_string())));
        // Changed on one side, removed on the other: kept, with a conflict that can remove it.
        let t = edited(
            &b,
            vec![AchEdit::SetHypothesis(Hypothesis {
                id: h(2),
                title: "Stalling for time".into(),
                description: String::new(),
            })],
        );
        let m = merge(&b, &o, &t).expect("merges");
        let key = ConflictKey {
            item: h(2).to_string(),
            field: EXISTS_FIELD.to_owned(),
        };
        assert!(m.project.conflicts().contains_key(&key));
        let mut resolved = m.project.clone();
        let edit = resolution(&resolved, &key, Choice::Ours).expect("resolves");
        apply(&mut resolved, edit).expect("applies");
        assert!(resolved.ach().hypothesis(h(2)).is_none());
        assert!(
            resolved
                .ach()
                .rows()
                .iter()
                .all(|r| r.rating(h(2)).is_none())
        );
    }

    #[test]
    fn a_row_whose_passage_the_other_side_removed_is_dropped_with_a_word() {
        let b = base();
        let o = edited(&b, vec![rate(p(2), 1, Some(Rating::C))]);
        let mut t = b.clone();
        apply(&mut t, Edit::RemovePassage(PassageId::from_raw(3))).expect("removes");
        let o = edited(
            &o,
            vec![AchEdit::AddRow {
                row: AchRow::new(p(3)),
                at: 9,
            }],
        );
        let m = merge(&b, &o, &t).expect("a valid project");
        assert!(m.project.ach().row(p(3)).is_none());
        assert!(m.summary.kept.iter().any(|k| k.contains(&p(3).to_string())));
        assert_eq!(
            m.project.ach().row(p(2)).and_then(|r| r.rating(h(1))),
            Some(Rating::C)
        );
    }
}
