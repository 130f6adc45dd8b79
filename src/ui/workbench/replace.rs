//! Replacing an article's text from a file, in the window (issue 6, re-anchoring): the file is
//! read by the importer exactly as `dossier import --replace` reads it, every passage is placed
//! again by [`crate::anchor::reanchor`] on a worker thread (a long article whose text changed
//! throughout can take seconds), and the result is applied as one undo step. Passages that
//! cannot be placed with confidence become orphans, which the inspector lists for the user to
//! place on a selection or delete.

use std::path::{Path, PathBuf};

use super::Workbench;
use crate::anchor::{self, ArticlePassages, Reanchoring};
use crate::import::{ImportOptions, import_paths};
use crate::model::{DocId, PassageId, Project};
use crate::ui::action::{Action, TextReplaced};
use crate::ui::command::Command;
use crate::ui::job::{Job, Poll};

/// A replacement being worked out off the UI thread.
#[derive(Debug)]
pub struct ReplaceJob {
    /// The article whose text is replaced.
    doc: DocId,
    /// The file its new text comes from.
    path: PathBuf,
    /// The project's revision when the job started: a result for an older project is not applied.
    revision: u64,
    job: Job<Result<Reanchoring, String>>,
}

impl ReplaceJob {
    /// What the status bar says while it runs.
    pub fn progress_text(&self) -> String {
        self.job.progress_text()
    }

    /// Stops waiting for it: its result will not be applied.
    pub fn cancel(&self) {
        self.job.cancel();
    }

    /// The finished replacement as an action, once there is one.
    fn outcome(&self, result: Result<Reanchoring, String>) -> TextReplaced {
        TextReplaced {
            doc: self.doc,
            path: self.path.clone(),
            revision: self.revision,
            result: result.map(Box::new),
        }
    }
}

/// Reads `path` as one article and re-anchors the passages of `article` in its text.
fn work_out(article: &ArticlePassages, path: &Path) -> Result<Reanchoring, String> {
    let batch = import_paths(
        &Project::new(""),
        &[path.to_owned()],
        &ImportOptions::default(),
    )
    .map_err(|failures| {
        failures
            .iter()
            .map(|f| f.error.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    if batch.imported.len() != 1 || !batch.passages.is_empty() || !batch.tags.is_empty() {
        return Err(format!(
            "{} is not one article: choose a text, Markdown, HTML, Word, OpenDocument or PDF file.",
            path.display()
        ));
    }
    let Some(item) = batch.imported.into_iter().next() else {
        return Err(format!("{} holds no article.", path.display()));
    };
    let mut result =
        anchor::reanchor_article(article, item.document.text.clone()).map_err(|e| e.to_string())?;
    result.replacement.origin = item.document.origin.clone();
    result.replacement.imported = item.document.imported;
    Ok(result)
}

impl Workbench {
    /// Starts replacing the open article's text with the file at `path`.
    pub(super) fn start_replace_text(&mut self, path: &Path) {
        let Some(doc) = self.reader.document() else {
            self.error(
                "Open the article whose text you want to replace first.",
                "Replace article text works on the article shown in the reader.",
            );
            return;
        };
        if self.replace_job.is_some() {
            self.info("An article's text is already being replaced; wait for it to finish.");
            return;
        }
        // Only this article and its passages go to the worker, not a copy of the project.
        let article = match ArticlePassages::of(self.session.project(), doc) {
            Ok(article) => article,
            Err(e) => return self.error(e.to_string(), ""),
        };
        let job_path = path.to_owned();
        let job = Job::spawn(
            "Placing the passages in the new text of the article",
            move |_| work_out(&article, &job_path),
        );
        self.replace_job = Some(ReplaceJob {
            doc,
            path: path.to_owned(),
            revision: self.session.project().revision(),
            job,
        });
    }

    /// Blocks until a running replacement is done and applies it (for tests and scripted use).
    pub fn wait_for_replace(&mut self) {
        if let Some(job) = self.replace_job.take() {
            let result = job
                .job
                .wait()
                .unwrap_or_else(|| Err("the worker stopped".to_owned()));
            self.finish_replace(job.outcome(result));
        }
    }

    /// Each frame: a finished replacement becomes an action, applied after the frame with
    /// every other change.
    pub(super) fn poll_replace(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.replace_job else {
            return;
        };
        let result = match job.job.poll() {
            Poll::Done(result) => result,
            Poll::Running => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Poll::Cancelled => {
                self.replace_job = None;
                return;
            }
            Poll::Lost => Err("the worker stopped".to_owned()),
        };
        if let Some(job) = self.replace_job.take() {
            self.actions
                .push(Action::TextReplaced(Box::new(job.outcome(result))));
            ctx.request_repaint();
        }
    }

    /// Applies a finished replacement ([`Action::TextReplaced`]).
    pub(super) fn finish_replace(&mut self, done: TextReplaced) {
        let TextReplaced {
            doc,
            path,
            revision,
            result,
        } = done;
        let name = path.display();
        let reanchored = match result {
            Ok(r) => r,
            Err(e) => {
                self.error(
                    format!("The article's text was not replaced with {name}."),
                    e,
                );
                return;
            }
        };
        if self.session.project().revision() != revision {
            self.error(
                "The article's text was not replaced: the project changed meanwhile.",
                "Choose Replace article text… again.",
            );
            return;
        }
        let counts = reanchored.counts();
        if !self.apply_edit((*reanchored).into_edit(), None) {
            return;
        }
        self.open_document(doc);
        let mut text = format!(
            "Replaced the article's text with {name}: {} passage{} found unchanged, {} with small changes",
            counts.exact,
            if counts.exact == 1 { "" } else { "s" },
            counts.approximate
        );
        if counts.orphaned > 0 {
            text.push_str(&format!(
                ", {} orphaned — listed in the inspector to place on a selection or delete. {} undoes it all.",
                counts.orphaned,
                Command::Undo.key_or_label()
            ));
        } else {
            text.push_str(&format!(". {} undoes it.", Command::Undo.key_or_label()));
        }
        self.info(text);
    }

    /// Places an orphaned passage on the reader's selection (one undo step).
    pub(super) fn place_orphan(&mut self, orphan: PassageId) {
        let open = self.reader.document();
        if self
            .session
            .project()
            .orphan(orphan)
            .is_none_or(|o| Some(o.doc) != open)
        {
            return;
        }
        let Some(range) = self.reader.selection().filter(|r| r.start < r.end) else {
            self.error(
                "Select the text where the orphaned passage belongs first.",
                "Drag over the text in the reader, then choose Place on selection.",
            );
            return;
        };
        let edit = crate::edit::Edit::SetPassageSpan {
            passage: orphan,
            start: range.start,
            end: range.end,
        };
        if self.apply_edit(edit, None) {
            self.select_passage(orphan);
        }
    }
}
