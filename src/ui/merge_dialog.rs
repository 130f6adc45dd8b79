//! File › Merge another copy…: a colleague's copy of the project (and, when the user has it, the
//! common original; without one the merge is a union that deletes nothing) merged into the open
//! project by [`crate::merge::merge`]. The dialog shows what comes in before anything changes;
//! Apply makes the whole merge one undo step (`Edit::ReplaceContents`), and what could not be
//! merged waits in the Conflicts panel.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::job::CopyJob;
use super::theme::Theme;
use crate::edit::Edit;
use crate::merge::{self, Merged};
use crate::model::Project;
use crate::store;

/// What the merge dialog holds.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeForm {
    /// The colleague's copy, as typed.
    pub copy: String,
    /// The common original, as typed (empty: none).
    pub original: String,
    /// The merge worked out for the paths above, waiting for Apply.
    pub preview: Option<Box<Preview>>,
    /// Why the last attempt was refused.
    pub error: Option<String>,
    /// The merge is being worked out (off the UI thread).
    pub busy: bool,
}

/// A worked-out merge: the resulting project and the lines that say what comes in.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The merged project.
    pub project: Project,
    /// What the merge did, in words.
    pub lines: Vec<String>,
    /// The paths it was worked out for (typing another path asks again).
    pub for_paths: (String, String),
}

/// What the merge dialog asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeOutcome {
    /// Close, nothing changed.
    Close,
    /// Apply the merge (one undoable edit).
    Apply(Edit),
    /// Work out what merging these paths brings (a copy of the project is merged on a worker;
    /// the result comes back through [`MergeForm::show_result`]).
    WorkOut {
        /// The colleague's copy.
        copy: String,
        /// The common original (empty: none).
        original: String,
    },
}

impl MergeForm {
    /// An empty form; the copy's path starts in the open project's folder.
    pub fn new(project_path: Option<&Path>) -> Self {
        let copy = project_path
            .and_then(Path::parent)
            .map(|d| format!("{}/", d.display()))
            .unwrap_or_default();
        Self {
            copy,
            original: String::new(),
            preview: None,
            error: None,
            busy: false,
        }
    }
}

impl MergeForm {
    /// Shows a worked-out merge (or why there is none) when it is for the paths in the form.
    pub fn show_result(&mut self, for_paths: &(String, String), result: Result<Preview, String>) {
        self.busy = false;
        if (&self.copy, &self.original) != (&for_paths.0, &for_paths.1) {
            // Worked out for paths typed over since: Show asks again.
            return;
        }
        match result {
            Ok(preview) => {
                self.preview = Some(Box::new(preview));
                self.error = None;
            }
            Err(why) => {
                self.preview = None;
                self.error = Some(why);
            }
        }
    }
}

/// A merge being worked out: a copy of the open project is made a slice per frame, then the
/// colleague's copy (and the original) are loaded and merged with it on a worker — loading and
/// merging two large projects takes seconds, which the window does not wait for.
#[derive(Debug)]
pub struct MergeJob {
    /// The (copy, original) paths it works out.
    pub paths: (String, String),
    /// The copy, then the merge.
    pub job: CopyJob<Result<Preview, String>>,
}

impl MergeJob {
    /// Starts working out the merge of `copy` (and `original`) into `project`.
    pub fn start(project: &Project, copy: String, original: String) -> Self {
        let paths = (copy, original);
        let (job_copy, job_original) = paths.clone();
        let job = CopyJob::start("Working out the merge", project, move |ours, _| {
            work_out(&ours?, &job_copy, &job_original)
        });
        Self { paths, job }
    }
}

/// Loads the copy (and the original, if given) and merges them with `ours`.
pub fn work_out(ours: &Project, copy: &str, original: &str) -> Result<Preview, String> {
    let copy_path = PathBuf::from(copy.trim());
    if copy.trim().is_empty() {
        return Err("Give the path of your colleague's copy (a .ron project file).".to_owned());
    }
    let theirs = store::load(&copy_path).map_err(|e| e.to_string())?;
    let base = if original.trim().is_empty() {
        Project::default()
    } else {
        store::load(Path::new(original.trim())).map_err(|e| e.to_string())?
    };
    let Merged { project, summary } =
        merge::merge(&base, ours, &theirs).map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    if base == Project::default() {
        lines.push("No original given: a union of both copies, nothing is deleted.".to_owned());
    }
    lines.extend(summary.lines());
    Ok(Preview {
        project,
        lines,
        for_paths: (copy.to_owned(), original.to_owned()),
    })
}

/// The form's body; what the user asked for, if anything.
pub fn merge_form_ui(
    ui: &mut egui::Ui,
    form: &mut MergeForm,
    focus: bool,
    project: &Project,
    theme: &Theme,
) -> Option<MergeOutcome> {
    let mut outcome = None;
    ui.label(
        RichText::new(
            "Bring a colleague's copy of this project in: what they added, changed and removed.",
        )
        .color(theme.weak_text),
    );
    ui.add_space(4.0);
    let mut enter = false;
    egui::Grid::new("dossier-merge-form")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Colleague's copy");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut form.copy)
                        .hint_text("/path/to/their-copy.ron")
                        .desired_width(360.0),
                )
                .labelled_by(label.id);
            if focus {
                response.request_focus();
            }
            enter |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
            let label = ui.label("Common original");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut form.original)
                        .hint_text("optional: the file you both started from")
                        .desired_width(360.0),
                )
                .labelled_by(label.id);
            enter |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
        });
    let current = (form.copy.clone(), form.original.clone());
    if form
        .preview
        .as_ref()
        .is_some_and(|p| p.for_paths != current)
    {
        form.preview = None;
    }
    if let Some(error) = &form.error {
        ui.add_space(4.0);
        ui.label(RichText::new(error).color(theme.error));
    }
    if let Some(preview) = &form.preview {
        ui.add_space(6.0);
        ui.strong("What comes in");
        for line in &preview.lines {
            ui.label(format!("• {line}"));
        }
    }
    ui.add_space(8.0);
    if form.busy {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Working out the merge…");
        });
    }
    ui.horizontal(|ui| {
        let show = ui
            .add_enabled(!form.busy, egui::Button::new("Show what comes in"))
            .clicked()
            || (enter && form.preview.is_none() && !form.busy);
        if show {
            form.busy = true;
            form.error = None;
            outcome = Some(MergeOutcome::WorkOut {
                copy: form.copy.clone(),
                original: form.original.clone(),
            });
        }
        let ready = form.preview.is_some() && !form.busy;
        if ui.add_enabled(ready, egui::Button::new("Apply")).clicked()
            && let Some(preview) = form.preview.take()
        {
            outcome = Some(if preview.project == *project {
                MergeOutcome::Close
            } else {
                MergeOutcome::Apply(Edit::ReplaceContents(Box::new(preview.project)))
            });
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(MergeOutcome::Close);
        }
    });
    outcome
}
