//! The edits on hypotheses and the ACH matrix ([`crate::model::ach`]), and what removing a
//! passage or a claim takes with it: its evidence row, restored by the inverse.
//!
//! Every rating is one edit (one undo step). Removing a hypothesis removes its ratings in the
//! same step; its inverse puts the hypothesis back in its place and every rating with it.
//! Adding evidence from elsewhere ([`add_evidence`]: rows of the excerpts table, a claim;
//! [`add_target_as_evidence`]: the reader's passage or text selection) is one edit however many
//! rows it adds, and skips the rows that are there already.

use super::apply::{EditError, ok_or_invalid};
use super::{Edit, Target, TargetError};
use crate::model::ach::{check_hypothesis, check_row, source_exists};
use crate::model::{
    AchRow, Hypothesis, HypothesisId, Passage, PassageId, Project, Rating, Relevance, RowSource,
};

/// One change to the hypotheses or the matrix (the content of [`Edit::Ach`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AchEdit {
    /// Adds a hypothesis at a place in the order (past the end: last).
    AddHypothesis {
        /// The hypothesis.
        hypothesis: Hypothesis,
        /// Its place.
        at: usize,
    },
    /// Removes a hypothesis, with every rating of it.
    RemoveHypothesis(HypothesisId),
    /// Changes a hypothesis's title and description.
    SetHypothesis(Hypothesis),
    /// Moves a hypothesis to a place in the order.
    MoveHypothesis {
        /// The hypothesis.
        hypothesis: HypothesisId,
        /// Its new place (past the end: last).
        to: usize,
    },
    /// Adds an evidence row (its passage or claim and its rated hypotheses must exist) at a
    /// place in the order (past the end: last).
    AddRow {
        /// The row.
        row: AchRow,
        /// Its place.
        at: usize,
    },
    /// Removes an evidence row with its ratings.
    RemoveRow(RowSource),
    /// Moves a row to a place in the order.
    MoveRow {
        /// The row.
        row: RowSource,
        /// Its new place (past the end: last).
        to: usize,
    },
    /// Sets a row's relevance.
    SetRelevance(RowSource, Relevance),
    /// Switches a row off (left out of the scores) or on.
    SetOff(RowSource, bool),
    /// Rates a hypothesis on a row; `None` blanks the cell.
    SetRating {
        /// The row.
        row: RowSource,
        /// The hypothesis.
        hypothesis: HypothesisId,
        /// The rating, or none.
        rating: Option<Rating>,
    },
}

impl AchEdit {
    /// A short human description, for undo menu entries.
    pub fn label(&self) -> &'static str {
        match self {
            Self::AddHypothesis { .. } => "add hypothesis",
            Self::RemoveHypothesis(_) => "delete hypothesis",
            Self::SetHypothesis(_) => "change hypothesis",
            Self::MoveHypothesis { .. } => "move hypothesis",
            Self::AddRow { .. } => "add evidence row",
            Self::RemoveRow(_) => "remove evidence row",
            Self::MoveRow { .. } => "move evidence row",
            Self::SetRelevance(..) => "set relevance",
            Self::SetOff(_, true) => "switch evidence off",
            Self::SetOff(_, false) => "switch evidence on",
            Self::SetRating { .. } => "rate evidence",
        }
    }

    /// The row it is about, if any.
    pub fn row(&self) -> Option<RowSource> {
        match self {
            Self::AddRow { row, .. } => Some(row.source),
            Self::RemoveRow(s) | Self::SetRelevance(s, _) | Self::SetOff(s, _) => Some(*s),
            Self::MoveRow { row, .. } | Self::SetRating { row, .. } => Some(*row),
            _ => None,
        }
    }
}

fn no_hypothesis(id: HypothesisId) -> EditError {
    EditError::NotFound {
        noun: "hypothesis",
        id: id.to_string(),
    }
}

fn no_row(source: RowSource) -> EditError {
    EditError::NotFound {
        noun: "evidence row",
        id: source.to_string(),
    }
}

fn row_mut(project: &mut Project, source: RowSource) -> Result<&mut AchRow, EditError> {
    (project.ach_mut().rows_mut().iter_mut())
        .find(|r| r.source == source)
        .ok_or_else(|| no_row(source))
}

/// Moves the item at `from` to `to` (clamped); returns where it went.
fn move_item<T>(list: &mut Vec<T>, from: usize, to: usize) -> usize {
    let item = list.remove(from);
    let to = to.min(list.len());
    list.insert(to, item);
    to
}

/// Applies an ACH edit; returns its inverse.
pub(super) fn apply(project: &mut Project, edit: AchEdit) -> Result<Edit, EditError> {
    let inverse = match edit {
        AchEdit::AddHypothesis { hypothesis, at } => {
            if project.ach().hypothesis(hypothesis.id).is_some() {
                return Err(EditError::Exists {
                    noun: "hypothesis",
                    id: hypothesis.id.to_string(),
                });
            }
            ok_or_invalid(check_hypothesis(&hypothesis))?;
            let id = hypothesis.id;
            let list = project.ach_mut().hypotheses_mut();
            list.insert(at.min(list.len()), hypothesis);
            AchEdit::RemoveHypothesis(id)
        }
        AchEdit::RemoveHypothesis(id) => {
            let at = (project.ach().hypothesis_index(id)).ok_or_else(|| no_hypothesis(id))?;
            let old = project.ach_mut().hypotheses_mut().remove(at);
            let mut restore = vec![Edit::Ach(AchEdit::AddHypothesis {
                hypothesis: old,
                at,
            })];
            for row in project.ach_mut().rows_mut() {
                if let Some(rating) = row.set_rating(id, None) {
                    restore.push(Edit::Ach(AchEdit::SetRating {
                        row: row.source,
                        hypothesis: id,
                        rating: Some(rating),
                    }));
                }
            }
            return Ok(match restore.len() {
                1 => restore.remove(0),
                _ => Edit::Batch(restore),
            });
        }
        AchEdit::SetHypothesis(hypothesis) => {
            let old = (project.ach().hypothesis(hypothesis.id))
                .ok_or_else(|| no_hypothesis(hypothesis.id))?;
            if *old == hypothesis {
                return Err(EditError::NoChange);
            }
            ok_or_invalid(check_hypothesis(&hypothesis))?;
            let slot = (project.ach_mut().hypotheses_mut().iter_mut())
                .find(|h| h.id == hypothesis.id)
                .ok_or_else(|| no_hypothesis(hypothesis.id))?;
            AchEdit::SetHypothesis(std::mem::replace(slot, hypothesis))
        }
        AchEdit::MoveHypothesis { hypothesis, to } => {
            let from = (project.ach().hypothesis_index(hypothesis))
                .ok_or_else(|| no_hypothesis(hypothesis))?;
            let list = project.ach_mut().hypotheses_mut();
            if to.min(list.len() - 1) == from {
                return Err(EditError::NoChange);
            }
            move_item(list, from, to);
            AchEdit::MoveHypothesis {
                hypothesis,
                to: from,
            }
        }
        AchEdit::AddRow { mut row, at } => {
            if project.ach().row(row.source).is_some() {
                return Err(EditError::Exists {
                    noun: "evidence row",
                    id: row.source.to_string(),
                });
            }
            row.normalize();
            ok_or_invalid(check_row(&row, project, project.ach().hypotheses()))?;
            let source = row.source;
            let list = project.ach_mut().rows_mut();
            list.insert(at.min(list.len()), row);
            AchEdit::RemoveRow(source)
        }
        AchEdit::RemoveRow(source) => {
            let at = project
                .ach()
                .row_index(source)
                .ok_or_else(|| no_row(source))?;
            let row = project.ach_mut().rows_mut().remove(at);
            AchEdit::AddRow { row, at }
        }
        AchEdit::MoveRow { row, to } => {
            let from = project.ach().row_index(row).ok_or_else(|| no_row(row))?;
            let list = project.ach_mut().rows_mut();
            if to.min(list.len() - 1) == from {
                return Err(EditError::NoChange);
            }
            move_item(list, from, to);
            AchEdit::MoveRow { row, to: from }
        }
        AchEdit::SetRelevance(source, relevance) => {
            let row = row_mut(project, source)?;
            if row.relevance == relevance {
                return Err(EditError::NoChange);
            }
            AchEdit::SetRelevance(source, std::mem::replace(&mut row.relevance, relevance))
        }
        AchEdit::SetOff(source, off) => {
            let row = row_mut(project, source)?;
            if row.off == off {
                return Err(EditError::NoChange);
            }
            row.off = off;
            AchEdit::SetOff(source, !off)
        }
        AchEdit::SetRating {
            row,
            hypothesis,
            rating,
        } => {
            if project.ach().hypothesis(hypothesis).is_none() {
                return Err(no_hypothesis(hypothesis));
            }
            let entry = row_mut(project, row)?;
            if entry.rating(hypothesis) == rating {
                return Err(EditError::NoChange);
            }
            let old = entry.set_rating(hypothesis, rating);
            AchEdit::SetRating {
                row,
                hypothesis,
                rating: old,
            }
        }
    };
    Ok(Edit::Ach(inverse))
}

/// Removes the evidence row citing `source` (a passage or claim that is going away); returns
/// the edits that put it back, in its place.
pub(super) fn detach(project: &mut Project, source: RowSource) -> Vec<Edit> {
    match project.ach().row_index(source) {
        Some(at) if !source_exists(project, source) => {
            let row = project.ach_mut().rows_mut().remove(at);
            vec![Edit::Ach(AchEdit::AddRow { row, at })]
        }
        _ => Vec::new(),
    }
}

/// What adding rows as evidence comes to: the one edit (one undo step) and what it skips.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EvidenceAdded {
    /// The edit adding the new rows last, in the order asked (with the passage a text
    /// selection makes); `None` when nothing is new.
    pub edit: Option<Edit>,
    /// The rows it adds.
    pub added: Vec<RowSource>,
    /// How many were evidence rows already (left as they are).
    pub present: usize,
    /// How many cite a passage or claim that does not exist (left out).
    pub missing: usize,
}

impl EvidenceAdded {
    /// What to tell the user: how many rows were added, and why the others were not.
    pub fn message(&self) -> String {
        let n = self.added.len();
        let rows = |n: usize| if n == 1 { "row" } else { "rows" };
        let mut text = if n == 0 {
            "Nothing added to the ACH matrix".to_owned()
        } else {
            format!("Added {n} evidence {} to the ACH matrix", rows(n))
        };
        if self.present > 0 {
            text.push_str(&format!(
                "; {} {} already evidence",
                self.present,
                if self.present == 1 { "was" } else { "were" }
            ));
        }
        if self.missing > 0 {
            text.push_str(&format!("; {} no longer exist", self.missing));
        }
        text.push('.');
        text
    }
}

/// Adds what `sources` cite as evidence rows at the end of the matrix, as one edit: the ones
/// already rows, repeated or gone are skipped and counted.
pub fn add_evidence(project: &Project, sources: &[RowSource]) -> EvidenceAdded {
    let mut out = EvidenceAdded::default();
    let mut edits = Vec::new();
    for source in sources {
        if project.ach().row(*source).is_some() || out.added.contains(source) {
            out.present += 1;
        } else if !source_exists(project, *source) {
            out.missing += 1;
        } else {
            out.added.push(*source);
            edits.push(Edit::Ach(AchEdit::AddRow {
                row: AchRow::new(*source),
                at: usize::MAX,
            }));
        }
    }
    out.edit = match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    };
    out
}

/// Adds the gesture target as evidence: a passage as its row; a text selection as a new
/// passage over it and its row, in one edit. Returns the passage as well (to select it).
pub fn add_target_as_evidence(
    project: &Project,
    target: Option<Target>,
) -> Result<(EvidenceAdded, PassageId), TargetError> {
    match target.ok_or(TargetError::NoTarget)? {
        Target::Passage(id) => {
            if project.passage(id).is_none() {
                return Err(TargetError::NoPassage);
            }
            Ok((add_evidence(project, &[RowSource::Passage(id)]), id))
        }
        Target::Span { doc, start, end } => {
            let document = project.document(doc).ok_or(TargetError::NoDocument)?;
            let passage = Passage::new(document, start, end)
                .ok_or(TargetError::SpanDoesNotFit { start, end })?;
            let id = passage.id;
            let row = Edit::Ach(AchEdit::AddRow {
                row: AchRow::new(RowSource::Passage(id)),
                at: usize::MAX,
            });
            let added = EvidenceAdded {
                edit: Some(Edit::Batch(vec![Edit::AddPassage(Box::new(passage)), row])),
                added: vec![RowSource::Passage(id)],
                present: 0,
                missing: 0,
            };
            Ok((added, id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    fn project() -> Project {
        crate::example::example_project().expect("the example loads")
    }

    #[test]
    fn adding_evidence_is_one_step_and_skips_rows_already_there() {
        let mut project = project();
        let rows_before = project.ach().rows().len();
        let present = project.ach().rows()[0].source;
        let new: Vec<RowSource> = (project.passages_in_file_order().iter())
            .map(|p| RowSource::Passage(p.id))
            .filter(|s| project.ach().row(*s).is_none())
            .take(2)
            .collect();
        assert_eq!(new.len(), 2);
        let asked = [new[0], present, new[1], new[0]];
        let added = add_evidence(&project, &asked);
        assert_eq!(added.added, new);
        assert_eq!(added.present, 2, "the row there and the repeat");
        assert_eq!(
            added.message(),
            "Added 2 evidence rows to the ACH matrix; 2 were already evidence."
        );
        let mut history = History::new();
        history
            .apply(&mut project, added.edit.expect("an edit"))
            .expect("applies");
        let rows = project.ach().rows();
        assert_eq!(rows.len(), rows_before + 2);
        assert_eq!(rows[rows_before].source, new[0], "added last, in order");
        assert_eq!(rows[rows_before + 1].source, new[1]);
        history.undo(&mut project).expect("undoes");
        assert_eq!(project.ach().rows().len(), rows_before, "one undo step");

        let again = add_evidence(&project, &[present]);
        assert_eq!(again.edit, None);
        assert_eq!(
            again.message(),
            "Nothing added to the ACH matrix; 1 was already evidence."
        );
        let gone = add_evidence(&project, &[RowSource::Passage(PassageId::from_raw(7))]);
        assert_eq!((gone.edit, gone.missing), (None, 1));
    }

    #[test]
    fn a_text_selection_becomes_a_passage_and_its_row_in_one_step() {
        let mut project = project();
        let doc = *project.documents().keys().next().expect("an article");
        let passages = project.passages().len();
        let target = Some(Target::Span {
            doc,
            start: 0,
            end: 12,
        });
        let (added, id) = add_target_as_evidence(&project, target).expect("builds");
        let mut history = History::new();
        history
            .apply(&mut project, added.edit.expect("an edit"))
            .expect("applies");
        assert!(project.passage(id).is_some());
        assert!(project.ach().row(RowSource::Passage(id)).is_some());
        history.undo(&mut project).expect("undoes");
        assert_eq!(project.passages().len(), passages);
        assert!(project.ach().row(RowSource::Passage(id)).is_none());
        let (again, _) = add_target_as_evidence(
            &project,
            Some(Target::Passage(
                project
                    .ach()
                    .rows()
                    .iter()
                    .find_map(|r| match r.source {
                        RowSource::Passage(p) => Some(p),
                        RowSource::Claim(_) => None,
                    })
                    .expect("a passage row"),
            )),
        )
        .expect("builds");
        assert_eq!((again.edit, again.present), (None, 1));
        assert_eq!(
            add_target_as_evidence(&project, None).err(),
            Some(TargetError::NoTarget)
        );
    }
}
