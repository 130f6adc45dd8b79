//! Files and background work: the file requests (native dialog or the in-app prompt), opening,
//! saving, starting a project, importing (on a worker thread) and pasting articles, writing
//! exports, and polling the jobs that run while the window stays responsive.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::Workbench;
use super::chrome::{Notice, NoticeLevel};
use crate::edit::Edit;
use crate::model::Project;
use crate::session::Session;
use crate::ui::action::Action;
use crate::ui::codebook::CodebookState;
use crate::ui::entities::EntitiesState;
use crate::ui::files::{
    DialogMode, DialogOutcome, ImportJob, ImportOutcome, PendingDialog, default_save_path,
    file_name_for_title,
};
use crate::ui::inspector::InspectorState;
use crate::ui::job::{COPY_SLICE, Poll};
use crate::ui::request::{AfterGuard, Dialog, FileRequest};

impl Workbench {
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(pending) = &self.pending_dialog
            && let Some(outcome) = pending.poll()
        {
            let request = pending.request;
            self.pending_dialog = None;
            match outcome {
                DialogOutcome::Picked(paths) => {
                    self.actions.push(Action::FilesChosen(request, paths));
                }
                DialogOutcome::Cancelled => {
                    self.after_save = None;
                }
                DialogOutcome::Unavailable => {
                    self.dialog_mode = DialogMode::InApp;
                    self.info("No native file dialog is available here, so type the path instead.");
                    self.dialog = Some(self.path_prompt(request));
                }
            }
        }
        self.poll_replace(ctx);
        if let Some(import) = &mut self.import_job
            && import.job.step(self.session.project(), COPY_SLICE)
        {
            ctx.request_repaint();
        }
        if let Some(merge) = &mut self.merge_job {
            if merge.job.step(self.session.project(), COPY_SLICE) {
                ctx.request_repaint();
            }
            let result = match merge.job.poll() {
                Poll::Running => None,
                Poll::Done(result) => Some(result),
                Poll::Cancelled => Some(Err("The merge was cancelled.".to_owned())),
                Poll::Lost => Some(Err("The merge stopped unexpectedly.".to_owned())),
            };
            if let Some(result) = result {
                let paths = merge.paths.clone();
                self.merge_job = None;
                self.actions.push(Action::MergeWorkedOut {
                    paths,
                    result: Box::new(result),
                });
                ctx.request_repaint();
            }
        }
        if let Some(job) = &self.import_job
            && let Some(outcome) = job.poll()
        {
            let paths = job.paths.clone();
            self.import_job = None;
            // Applied after the frame, with every other change.
            self.actions.push(Action::ImportFinished { paths, outcome });
            ctx.request_repaint();
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, then: AfterGuard) {
        match then {
            AfterGuard::New => {
                // Asks for the title first; Create starts the project (Action::StartProject).
                self.palette = None;
                self.dialog = Some(Dialog::Properties(
                    crate::ui::properties::PropertiesForm::new_project(),
                ));
            }
            AfterGuard::Open => self.request_file(FileRequest::Open),
            AfterGuard::OpenPath(path) => self.open_path(&path),
            AfterGuard::Example => match crate::example::example_project() {
                Ok(project) => {
                    self.replace_project(project, None);
                    self.info("Opened an unsaved copy of the example project.");
                }
                Err(err) => self.error(
                    format!("Could not read the bundled example project: {err}"),
                    "",
                ),
            },
            AfterGuard::Close => {
                self.close_allowed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    pub(super) fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.guard_before_replace(path.as_deref());
        let mut next = Session::new(project, path);
        // The same file reloaded keeps its lock; any other was released just before.
        self.session.pass_lock_to(&mut next);
        self.session = next;
        self.selected_passage = None;
        self.recent_tags.clear();
        self.recent_use.clear();
        self.boundary_session = None;
        self.codebook = CodebookState::default();
        self.entities = EntitiesState::default();
        self.inspector = InspectorState::default();
        self.library.filter.clear();
        self.reader.set_document(None);
        if let Some(path) = self.session.path().map(Path::to_path_buf) {
            self.settings.remember(&path);
        }
        self.load_recent_tags();
        self.fix_selection();
        self.guard_after_replace();
    }

    pub(super) fn open_path(&mut self, path: &Path) {
        if self.guard_blocks_open(path) {
            return;
        }
        match crate::store::load(path) {
            Ok(project) => {
                self.replace_project(project, Some(path.to_owned()));
                self.info(format!("Opened {}.", path.display()));
            }
            Err(err) => {
                let hint = if err.is_unreadable() {
                    "Your current project is unchanged. Check that this is a Dossier project file (.ron), or open another one."
                } else {
                    "Your current project is unchanged. The file parses but its contents do not hold together; its .bak backup may be intact."
                };
                self.error(format!("Could not open the project: {err}"), hint);
            }
        }
    }

    pub(super) fn save(&mut self, ctx: &egui::Context, ask: bool) {
        match (self.session.path(), ask) {
            (Some(path), false) => {
                let path = path.to_path_buf();
                self.save_to(ctx, &path);
            }
            _ => self.request_file(FileRequest::SaveAs),
        }
    }

    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: &Path) {
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
            && !parent.exists()
            && let Err(err) = std::fs::create_dir_all(parent)
        {
            self.error(
                format!("Could not create the folder {}: {err}", parent.display()),
                "Choose another place with File › Save as….",
            );
            self.after_save = None;
            return;
        }
        if self.guard_blocks_save(&path) {
            return;
        }
        let old_path = self.session.path().map(Path::to_path_buf);
        match self.session.save_to(&path) {
            Ok(()) => {
                self.settings.remember(&path);
                self.guard_saved(old_path.as_deref(), &path);
                self.store_recent_tags();
                self.info(format!("Saved {}.", path.display()));
                if let Some(then) = self.after_save.take() {
                    self.proceed(ctx, then);
                }
            }
            Err(err) => {
                self.after_save = None;
                self.error(
                    format!("Could not save: {err}"),
                    "Nothing was lost: the project is still open. Try File › Save as… to save elsewhere.",
                );
            }
        }
    }

    /// The in-app prompt for a file request, prefilled with a sensible path.
    pub(super) fn path_prompt(&self, request: FileRequest) -> Dialog {
        let text = match request {
            FileRequest::SaveAs => {
                let name = match self.session.path() {
                    Some(p) => p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| file_name_for_title(&self.session.project().title)),
                    None if self.session.project().title.trim().is_empty() => {
                        "project.ron".to_owned()
                    }
                    None => file_name_for_title(&self.session.project().title),
                };
                let name = if self.session.path().is_none()
                    && crate::example::example_project()
                        .map(|e| e.title == self.session.project().title)
                        .unwrap_or(false)
                {
                    crate::example::EXAMPLE_FILE_NAME.to_owned()
                } else {
                    name
                };
                default_save_path(&name).display().to_string()
            }
            FileRequest::Open => self
                .settings
                .recent
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| format!("{}/", crate::ui::files::saves_dir().display())),
            FileRequest::ImportFiles | FileRequest::ImportFolder | FileRequest::ReplaceText => {
                String::new()
            }
            FileRequest::CompareWith => self
                .session
                .path()
                .and_then(Path::parent)
                .map(|d| format!("{}/", d.display()))
                .unwrap_or_default(),
            FileRequest::AgreementCsv => {
                let mut path = crate::export::destination::default_export_path(
                    self.session.path(),
                    &self.session.project().title,
                    crate::export::Format::Csv,
                    &export_fallback_dir(),
                );
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "project".to_owned());
                path.set_file_name(format!("{stem}-agreement.csv"));
                path.display().to_string()
            }
            FileRequest::Export(format) => crate::export::destination::default_export_path(
                self.session.path(),
                &self.session.project().title,
                format,
                &export_fallback_dir(),
            )
            .display()
            .to_string(),
        };
        Dialog::PathPrompt {
            request,
            text,
            error: None,
        }
    }

    pub(super) fn request_file(&mut self, request: FileRequest) {
        self.palette = None;
        match self.dialog_mode {
            DialogMode::InApp => self.dialog = Some(self.path_prompt(request)),
            DialogMode::Native => {
                if self.pending_dialog.is_some() {
                    self.info("A file dialog is already open.");
                    return;
                }
                let (dir, name) = match request {
                    FileRequest::SaveAs | FileRequest::Export(_) | FileRequest::AgreementCsv => {
                        let prompt = self.path_prompt(request);
                        let path = match &prompt {
                            Dialog::PathPrompt { text, .. } => PathBuf::from(text),
                            _ => PathBuf::from("project.ron"),
                        };
                        (
                            path.parent()
                                .map(|p| std::fs::canonicalize(p).unwrap_or(p.to_owned())),
                            path.file_name().map(|n| n.to_string_lossy().into_owned()),
                        )
                    }
                    _ => (
                        self.session
                            .path()
                            .and_then(|p| p.parent())
                            .map(Path::to_owned),
                        None,
                    ),
                };
                self.pending_dialog = Some(PendingDialog::spawn(request, dir, name));
            }
        }
    }

    pub(super) fn files_chosen(
        &mut self,
        ctx: &egui::Context,
        request: FileRequest,
        paths: Vec<PathBuf>,
    ) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match request {
            FileRequest::Open => self.open_path(&first),
            FileRequest::SaveAs => self.save_to(ctx, &first),
            FileRequest::ImportFiles | FileRequest::ImportFolder => self.start_import(paths),
            FileRequest::Export(format) => self.export_view(format, &first),
            FileRequest::ReplaceText => self.start_replace_text(&first),
            FileRequest::CompareWith => self.views.compare.load(&first),
            FileRequest::AgreementCsv => self.export_agreement_csv(&first),
        }
    }

    /// Writes the Compare view's agreement table to `path` as CSV (the columns of
    /// `dossier agree --csv`).
    pub(super) fn export_agreement_csv(&mut self, path: &Path) {
        let Some(report) = self.views.compare.report() else {
            self.error(
                "There is no comparison to export.",
                "Open the Compare view and choose two analysts or another file first.",
            );
            return;
        };
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension("csv");
        }
        if self.session.path().is_some_and(|p| same_file(p, &path)) {
            self.error(
                format!(
                    "Did not export to {}: that is the project file itself.",
                    path.display()
                ),
                "Nothing was written. Choose another file name.",
            );
            return;
        }
        let rows = report.tags.len() + 1;
        let result = crate::agree::render::csv(report)
            .map_err(|e| e.to_string())
            .and_then(|bytes| write_export(&path, &bytes));
        match result {
            Ok(()) => self.info(format!(
                "Exported the agreement table ({rows} rows: overall and {} tags) to {}.",
                rows - 1,
                path.display()
            )),
            Err(why) => self.error(
                format!("Could not export to {}: {why}", path.display()),
                "Nothing was written. Choose another place and try again.",
            ),
        }
    }

    /// Writes what the excerpts table's filter selects to `path` (a brief as the project's brief
    /// template says).
    pub(super) fn export_view(&mut self, format: crate::export::Format, path: &Path) {
        let query = match self.views.excerpts.query() {
            Ok(q) => q,
            Err(why) => {
                self.error(format!("Could not export the view: {why}"), "");
                return;
            }
        };
        // A brief of the view is made as the project's brief template says.
        let options = crate::export::ExportOptions::from_template(
            self.session.project().brief_template(),
            format,
        );
        self.write_export(&query, format, &options, path);
    }

    /// Writes an export of what `query` selects to `path` and says how it went.
    pub(super) fn write_export(
        &mut self,
        query: &crate::export::ExcerptQuery,
        format: crate::export::Format,
        options: &crate::export::ExportOptions,
        path: &Path,
    ) {
        let mut path = path.to_owned();
        if path.extension().is_none() {
            path.set_extension(format.extension());
        }
        if self.session.path().is_some_and(|p| same_file(p, &path)) {
            self.error(
                format!(
                    "Did not export to {}: that is the project file itself.",
                    path.display()
                ),
                "Nothing was written. Choose another file name.",
            );
            return;
        }
        let result = crate::export::export_with(self.session.project(), query, format, options)
            .map_err(|e| e.to_string())
            .and_then(|bytes| write_export(&path, &bytes));
        match result {
            Ok(()) => {
                let n = query.run(self.session.project()).passages.len();
                self.info(format!(
                    "Exported {n} passage{} as {} to {}.",
                    if n == 1 { "" } else { "s" },
                    format.name().to_uppercase(),
                    path.display()
                ));
            }
            Err(why) => self.error(
                format!("Could not export to {}: {why}", path.display()),
                "Nothing was written. Choose another place and try again.",
            ),
        }
    }

    pub(super) fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.import_job.is_some() {
            self.info("An import is already running; wait for it to finish.");
            return;
        }
        self.import_job = Some(ImportJob::start(self.session.project(), paths));
    }

    /// Waits for a running import to finish and applies it (tests and scripts).
    pub fn wait_for_import(&mut self) {
        if let Some(mut job) = self.import_job.take() {
            let outcome = job.wait(self.session.project());
            self.finish_import(&job.paths, outcome);
        }
    }

    /// Applies a finished import ([`Action::ImportFinished`]) and says what it brought.
    pub(super) fn finish_import(&mut self, paths: &[PathBuf], outcome: ImportOutcome) {
        match outcome {
            Ok(batch) => {
                let batch = *batch;
                let first = batch.imported.first().map(|i| i.document.id);
                let count = batch.imported.len();
                let duplicates = batch.duplicates.len();
                // A qdpx may bring passages and tags for articles already here: apply whatever
                // the batch holds, not only new articles.
                if !batch.is_empty() && !self.apply_edit(batch.edit, None) {
                    return;
                }
                if let Some(doc) = first {
                    self.open_document(doc);
                }
                let warnings: Vec<String> = batch
                    .imported
                    .iter()
                    .flat_map(|i| {
                        i.warnings
                            .iter()
                            .map(move |w| format!("{}: {w}", i.document.title))
                    })
                    .chain(batch.warnings.iter().cloned())
                    .collect();
                let mut text = format!(
                    "Imported {count} article{}",
                    if count == 1 { "" } else { "s" }
                );
                if !batch.passages.is_empty() || !batch.tags.is_empty() {
                    text.push_str(&format!(
                        " with {} passages and {} new tags",
                        batch.passages.len(),
                        batch.tags.len()
                    ));
                }
                if duplicates > 0 {
                    let names: Vec<String> = batch
                        .duplicates
                        .iter()
                        .map(|d| format!("{} (same as {})", d.origin, d.same_as))
                        .collect();
                    text.push_str(&format!(
                        "; skipped {duplicates} already in the project: {}",
                        names.join(", ")
                    ));
                }
                text.push('.');
                let undated: Vec<String> = batch
                    .imported
                    .iter()
                    .filter(|i| i.document.published.is_none())
                    .map(|i| format!("“{}”", i.document.title))
                    .collect();
                let mut warnings = warnings;
                if !undated.is_empty() {
                    text.push_str(&format!(
                        " No publication date found in {} of them.",
                        undated.len()
                    ));
                    warnings.insert(
                        0,
                        format!(
                            "No date: {}. Set it with Edit article details ({}); type “no date” in the library filter to list them.",
                            undated.join(", "),
                            crate::ui::command::Command::EditArticleDetails.key_or_label()
                        ),
                    );
                }
                if warnings.is_empty() && duplicates == 0 {
                    self.info(text);
                } else {
                    self.notices.push(Notice {
                        level: NoticeLevel::Warning,
                        text,
                        hint: warnings.join("\n"),
                        shown_at: None,
                    });
                }
            }
            Err(failures) if failures.is_empty() => self.error(
                format!(
                    "The import stopped unexpectedly: {}",
                    paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "Nothing was imported. Try again.",
            ),
            Err(failures) => {
                let lines = &failures;
                self.error(
                    format!(
                        "Nothing was imported: {} file{} could not be read.",
                        failures.len(),
                        if failures.len() == 1 { "" } else { "s" }
                    ),
                    format!(
                        "{}\nFix or remove these files and import again.",
                        lines.join("\n")
                    ),
                );
            }
        }
    }

    pub(super) fn import_pasted(&mut self, title: &str, text: &str) {
        match crate::import::import_pasted(text, title) {
            Ok(imported) => {
                let id = imported.document.id;
                let doc_title = imported.document.title.clone();
                if self.apply_edit(Edit::AddDocument(Box::new(imported.document)), None) {
                    self.dialog = None;
                    self.open_document(id);
                    self.info(format!("Added the article “{doc_title}”."));
                }
            }
            Err(err) => {
                if let Some(Dialog::PasteArticle { error, .. }) = &mut self.dialog {
                    *error = Some(err.to_string());
                } else {
                    self.error(format!("Could not add the pasted article: {err}"), "");
                }
            }
        }
    }
}

/// The folder exports of a project never saved are offered in: the home folder (absolute, so
/// the offer does not depend on where the app was started), else the current folder.
pub(super) fn export_fallback_dir() -> PathBuf {
    std::env::home_dir()
        .filter(|h| h.is_absolute())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Writes an export to `path` (its folder made if need be) atomically: a failed write leaves no
/// half-written file and the previous one intact.
fn write_export(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    crate::store::write_atomic(path, bytes, false).map_err(|e| e.to_string())
}

/// Whether two paths name the same file (the second may not exist yet).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
