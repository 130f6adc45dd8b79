//! Undo and redo: a capped stack of steps, each the inverses of one gesture's edits.
//!
//! The history lives only in memory; it is deliberately not `Serialize` and is never saved.

use super::{Edit, EditError, Subject, apply};
use crate::model::Project;

/// Steps kept for undo; older ones are dropped.
pub const MAX_UNDO_STEPS: usize = 1000;

/// Identifies a gesture whose edits should form one undo step (say, one note-editing session).
/// Consecutive edits recorded with the same key merge into one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupKey(pub u64);

#[derive(Debug)]
struct Step {
    /// Identifies the project state this step leads to (see [`History::state_token`]).
    serial: u64,
    /// Edits that undo this step, in the order they must be applied.
    inverses: Vec<Edit>,
    group: Option<GroupKey>,
    label: &'static str,
    subject: Subject,
}

/// The undo and redo stacks of one open project.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The last serial handed out.
    serial: u64,
}

impl History {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies an edit as its own undo step.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<Subject, EditError> {
        self.apply_grouped(project, edit, None)
    }

    /// Applies an edit; if the last step was recorded with the same `group`, the edit joins it.
    pub fn apply_grouped(
        &mut self,
        project: &mut Project,
        edit: Edit,
        group: Option<GroupKey>,
    ) -> Result<Subject, EditError> {
        let subject = edit.subject();
        let label = edit.label();
        let inverse = apply(project, edit)?;
        self.redo.clear();
        match self.undo.last_mut() {
            Some(step) if group.is_some() && step.group == group => {
                step.inverses.insert(0, inverse);
                // The step now leads to a new state.
                self.serial += 1;
                step.serial = self.serial;
            }
            _ => {
                self.serial += 1;
                self.undo.push(Step {
                    serial: self.serial,
                    inverses: vec![inverse],
                    group,
                    label,
                    subject,
                });
                if self.undo.len() > MAX_UNDO_STEPS {
                    self.undo.remove(0);
                }
            }
        }
        Ok(subject)
    }

    /// Ends any open group, so the next grouped edit starts a new step.
    pub fn seal(&mut self) {
        if let Some(step) = self.undo.last_mut() {
            step.group = None;
        }
    }

    /// Undoes the last step; returns what it was about, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<Subject>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match replay(project, &step.inverses) {
            Ok(redo) => {
                let subject = step.subject;
                self.redo.push(Step {
                    serial: step.serial,
                    inverses: redo,
                    group: None,
                    label: step.label,
                    subject,
                });
                Ok(Some(subject))
            }
            Err(err) => {
                self.undo.push(step);
                Err(err)
            }
        }
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<Subject>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match replay(project, &step.inverses) {
            Ok(undo) => {
                let subject = step.subject;
                self.undo.push(Step {
                    serial: step.serial,
                    inverses: undo,
                    group: None,
                    label: step.label,
                    subject,
                });
                Ok(Some(subject))
            }
            Err(err) => {
                self.redo.push(step);
                Err(err)
            }
        }
    }

    /// The label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }

    /// The label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }

    /// A token for the project state the history has reached: it changes with every edit, and
    /// undo/redo return to earlier tokens. Remember it when saving; the project is unchanged since
    /// the save exactly when the token is the same again.
    pub fn state_token(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.serial)
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The steps undo would revert, newest first: each one's label and what it changed.
    pub fn undo_steps(&self) -> impl Iterator<Item = (&'static str, Subject)> + '_ {
        self.undo.iter().rev().map(|s| (s.label, s.subject))
    }

    /// The steps redo would repeat, the next one first: each one's label and what it changed.
    pub fn redo_steps(&self) -> impl Iterator<Item = (&'static str, Subject)> + '_ {
        self.redo.iter().rev().map(|s| (s.label, s.subject))
    }

    /// Steps available to undo.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets everything (after opening another project).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Applies a step's edits in order as one batch; returns the edits that reverse it, in order.
fn replay(project: &mut Project, edits: &[Edit]) -> Result<Vec<Edit>, EditError> {
    match apply(project, Edit::Batch(edits.to_vec()))? {
        Edit::Batch(inverses) => Ok(inverses),
        other => Ok(vec![other]),
    }
}
