//! A copy of the open project made a slice at a time, so that copying a large one never holds up
//! a frame: cloning 200,000 passages takes about 0.2 s, so everything but the passages is copied
//! at once (articles share their texts, so that is cheap), the passages in slices of a few
//! milliseconds, one per frame, and the copy is put together again — and validated — on a
//! worker thread. The autosave writes such a copy; an import weighs its files against one.
//!
//! The copy goes through the project file's own shape ([`store::file_without_passages`] and
//! [`store::from_file`]), so every collection the file holds is in it: a collection the file
//! gains cannot be forgotten here (an earlier copy listed its fields by hand and lost the
//! hypotheses, feeds, conflicts and description of a recovered project).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::model::{PassageId, Project};
use crate::store::{self, ProjectFile};

/// A copy of a project being made; valid only while the project does not change (the caller
/// drops it when the project's revision moves).
#[derive(Debug)]
pub struct Snapshot {
    /// The revision of the project being copied ([`Project::revision`]).
    pub revision: u64,
    file: ProjectFile,
    /// The last passage copied, when not finished.
    resume_after: Option<PassageId>,
    finished: bool,
}

impl Snapshot {
    /// Starts a copy of `project`: everything but the passages now, the passages in
    /// [`Self::step`]s.
    pub fn start(project: &Project) -> Self {
        Self {
            revision: project.revision(),
            file: store::file_without_passages(project),
            resume_after: None,
            finished: false,
        }
    }

    /// Whether the copy is of `project` as it is now.
    pub fn is_of(&self, project: &Project) -> bool {
        self.revision == project.revision()
    }

    /// Copies passages of `project` (the same, unchanged project) for about `budget`; true when
    /// the copy is complete.
    pub fn step(&mut self, project: &Project, budget: Duration) -> bool {
        use std::ops::Bound::{Excluded, Unbounded};
        if self.finished {
            return true;
        }
        let started = Instant::now();
        let rest = match self.resume_after {
            None => project.passages().range(..),
            Some(after) => project.passages().range((Excluded(after), Unbounded)),
        };
        for (n, (id, passage)) in rest.enumerate() {
            self.file.passages.push(passage.clone());
            if n % 256 == 255 && started.elapsed() >= budget {
                self.resume_after = Some(*id);
                return false;
            }
        }
        self.finished = true;
        true
    }

    /// Whether every passage has been copied.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Puts the copy together again as a project (validated: run it off the UI thread).
    pub fn into_project(self) -> Result<Project, String> {
        store::from_file(self.file, Path::new("")).map_err(|err| match err {
            store::LoadError::Invalid { problems, .. } => format!(
                "the copy of the project did not hold together ({} problems, the first: {})",
                problems.len(),
                problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ),
            other => format!("the copy of the project did not hold together: {other}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Conflict, Feed};

    #[test]
    fn a_copy_made_in_slices_is_the_whole_project() {
        // The example has claims, grades, hypotheses and a description; add a feed and a
        // conflict so that every collection of the file is in the copy.
        let project = crate::example::example_project().expect("the example opens");
        assert!(!project.ach().hypotheses().is_empty() && !project.description.is_empty());
        let feed = Feed::new("https://example.org/feed.xml");
        let project = project.with_web(vec![feed], Vec::new()).expect("a feed");
        let conflict = Conflict {
            item: crate::model::PROJECT_ITEM.to_owned(),
            field: "title".to_owned(),
            base: Some("Base".to_owned()),
            ours: Some("Ours".to_owned()),
            theirs: Some("Theirs".to_owned()),
        };
        let project = project.with_conflicts(vec![conflict]).expect("a conflict");
        let mut snapshot = Snapshot::start(&project);
        let mut steps = 1;
        while !snapshot.step(&project, Duration::ZERO) {
            steps += 1;
        }
        let expected = project.passages().len().div_ceil(256).max(1);
        assert_eq!(
            steps, expected,
            "a slice of 256 passages at a time with no budget"
        );
        assert!(snapshot.is_of(&project) && snapshot.is_finished());
        assert_eq!(snapshot.into_project().expect("valid copy"), project);
    }
}
