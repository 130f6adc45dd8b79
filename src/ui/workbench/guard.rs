//! The guards that keep work from being lost, as the workbench uses them (issue 6):
//!
//! - **Autosave**: once no edit has happened for [`GuardOptions::pause_secs`] (time from egui's
//!   input, so tests can step it), or when the window loses focus, the project is copied a few
//!   milliseconds per frame ([`ProjectSnapshot`]) and the copy written to its recovery file on a
//!   worker thread ([`AutosaveJob`]; at most one in flight).
//!   Saving, undoing back to the saved state, opening another project or a clean close delete it.
//! - **Recovery**: on start and whenever a project is opened, an autosave newer than the file is
//!   offered (Restore / Discard, with a summary of the difference).
//! - **Conflicts**: the session remembers the file's [`DiskStamp`] when it is opened or saved
//!   ([`crate::session::Session::changed_on_disk`]); saving over
//!   a file someone else changed asks first (Reload / Overwrite / Save as / Cancel), and when the
//!   window regains focus a changed file is reported in a banner with a Reload button.
//! - **Second instance**: opening a project that another live Dossier holds asks first; the lock
//!   is the session's ([`crate::session::Session::lock_as`]: for a project not saved yet, its
//!   autosave's name), kept across a reload, released when another project is opened or the
//!   workbench goes away.
//!
//! Autosave, recovery and the lock are off until [`Workbench::with_guard`] turns them on (the app
//! does; tests choose a temporary data folder), so a workbench built in a test never writes into
//! the user's data folder. The conflict check is always on: it only reads file metadata.
//!
//! Limitations: two windows that both opened a project (after "Open anyway") share its recovery
//! file, so after a crash of both only the later autosave is offered.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use egui::RichText;

use super::Workbench;
use crate::model::Project;
use crate::store::{self, DiskStamp, Recovery};
use crate::ui::action::Action;
use crate::ui::action::GuardAction;
use crate::ui::dialogs::ago;
use crate::ui::files::{AutosaveJob, ProjectSnapshot};
use crate::ui::job::COPY_SLICE;
use crate::ui::request::Dialog;
use crate::ui::theme::{Theme, blend};

/// Seconds without an edit before the autosave is written.
pub const AUTOSAVE_PAUSE_SECS: f64 = 3.0;

/// Where autosaves of unsaved projects go and how long a pause triggers one.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardOptions {
    /// The per-user data folder; autosaves of unsaved projects go to
    /// `DATA/dossier/recovery/unsaved.ron` (saved projects autosave beside their file).
    pub data_dir: PathBuf,
    /// Seconds without an edit before the autosave is written.
    pub pause_secs: f64,
}

impl GuardOptions {
    /// `DOSSIER_DATA_DIR` if set, else the platform's data folder ([`store::data_dir`]).
    pub fn from_env() -> Self {
        let data_dir = std::env::var_os("DOSSIER_DATA_DIR")
            .filter(|v| !v.is_empty())
            .map_or_else(store::data_dir, PathBuf::from);
        Self::in_dir(data_dir)
    }

    /// The default pause, with autosaves of unsaved projects under `data_dir`.
    pub fn in_dir(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            pause_secs: AUTOSAVE_PAUSE_SECS,
        }
    }
}

/// The guards' state inside the workbench.
#[derive(Debug, Default)]
pub(super) struct GuardState {
    /// `None`: autosave, recovery and the lock are off.
    options: Option<GuardOptions>,
    /// The copy of the project being made for the next autosave, a slice per frame.
    snapshot: Option<ProjectSnapshot>,
    job: Option<AutosaveJob>,
    /// Bumped by every save, open and reload: an autosave started before is stale.
    generation: u64,
    /// The history's token last seen, and when it changed (egui time).
    seen_token: u64,
    changed_at: f64,
    /// The state the recovery file holds, when we wrote it.
    autosaved_token: Option<u64>,
    /// The state whose autosave failed (not retried until the next change or focus loss).
    failed_token: Option<u64>,
    /// Whether the recovery file of the open project is ours to update and delete (we wrote
    /// it, or the user restored it) — never another window's.
    ours: bool,
    saved_at: Option<SystemTime>,
    last_error: Option<String>,
    was_focused: Option<bool>,
    /// The autosave offered in the recovery dialog.
    offer: Option<Recovery>,
    /// Do not look for an autosave after the next replace (restoring, reloading, or a project
    /// another window has open, whose autosave is that window's).
    skip_recovery_check: bool,
    /// A project the user agreed to open although another window has it.
    allow_in_use: Option<PathBuf>,
    /// The banner: the file changed on disk.
    disk_changed: bool,
    /// The file's state last reported in the banner (not reported twice).
    warned: Option<Option<DiskStamp>>,
    /// The next save may overwrite a file changed on disk (the user said so).
    force_overwrite: bool,
}

impl Workbench {
    /// Turns on autosave, recovery and the second-instance lock, with autosaves of unsaved
    /// projects under `options.data_dir`; looks for an autosave of the open project at once
    /// (the app calls this on start).
    pub fn with_guard(mut self, options: GuardOptions) -> Self {
        self.guard.options = Some(options);
        match self.session.path().map(Path::to_path_buf) {
            Some(path) => match store::lock_owner(&path) {
                Some(owner) => {
                    self.dialog = Some(Dialog::InUse {
                        path,
                        owner,
                        at_start: true,
                    });
                }
                None => {
                    self.take_lock(&path);
                    self.offer_recovery();
                }
            },
            None => self.unsaved_lock_and_offer(),
        }
        self
    }

    /// Where the open project's autosave goes (`None` while autosave is off).
    pub fn recovery_file(&self) -> Option<PathBuf> {
        let options = self.guard.options.as_ref()?;
        Some(store::recovery_path_in(
            self.session.path(),
            &options.data_dir,
        ))
    }

    /// Whether an autosave is being copied or written.
    pub fn is_autosaving(&self) -> bool {
        self.guard.snapshot.is_some() || self.guard.job.is_some()
    }

    /// Finishes an autosave being copied or written and takes its result (tests, closing).
    pub fn wait_for_autosave(&mut self) {
        if let Some(mut snapshot) = self.guard.snapshot.take() {
            let current = snapshot.token == self.session.history().state_token()
                && snapshot.generation == self.guard.generation;
            if current && snapshot.step(self.session.project(), Duration::MAX) {
                self.spawn_autosave(snapshot);
            }
        }
        if let Some(job) = self.guard.job.take() {
            let result = job.wait();
            self.autosave_finished(&job, result);
        }
    }

    /// Whether the "changed on disk" banner is shown.
    pub fn disk_change_shown(&self) -> bool {
        self.guard.disk_changed
    }

    /// The window is closing: waits for an autosave being written, deletes our autosave when
    /// nothing unsaved is being thrown away without the user's word (a clean close, or the user
    /// saved or chose Discard), and releases the project's lock.
    pub fn shutdown(&mut self) {
        self.wait_for_autosave();
        if (!self.session.is_dirty() || self.close_allowed) && self.guard.ours {
            self.discard_our_recovery();
        }
        self.session.unlock();
    }

    /// Keeps the autosave going while the window is minimized, when [`Workbench::ui`] is not
    /// called (the app calls this from eframe's `logic`).
    pub fn poll_while_hidden(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().minimized) == Some(true) {
            self.poll_guard(ctx);
        }
    }

    // ----- hooks called from the workbench -----

    /// Each frame: takes a finished autosave, notices focus changes, starts an autosave after
    /// a pause or on focus loss.
    pub(super) fn poll_guard(&mut self, ctx: &egui::Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.focused));
        if let Some(job) = &self.guard.job
            && let Some(result) = job.poll()
            && let Some(job) = self.guard.job.take()
        {
            self.autosave_finished(&job, result);
        }
        let was = self.guard.was_focused.replace(focused);
        let lost_focus = was == Some(true) && !focused;
        if was == Some(false) && focused {
            self.check_disk();
        }
        let token = self.session.history().state_token();
        if token != self.guard.seen_token {
            self.guard.seen_token = token;
            self.guard.changed_at = now;
        }
        // A copy of a state that is gone is dropped; the next pause starts another.
        if let Some(mut snapshot) = self.guard.snapshot.take()
            && snapshot.token == token
            && snapshot.generation == self.guard.generation
        {
            if snapshot.step(self.session.project(), COPY_SLICE) {
                self.spawn_autosave(snapshot);
            } else {
                self.guard.snapshot = Some(snapshot);
                ctx.request_repaint();
                return;
            }
        }
        if self.guard.job.is_some() {
            ctx.request_repaint_after(Duration::from_millis(50));
            return;
        }
        let Some(pause) = self.guard.options.as_ref().map(|o| o.pause_secs) else {
            return;
        };
        if !self.session.is_dirty() {
            // Undone back to what is on disk: the autosave holds nothing worth keeping.
            if self.guard.ours {
                self.discard_our_recovery();
            }
            return;
        }
        if self.guard.offer.is_some() || self.guard.autosaved_token == Some(token) {
            return;
        }
        if self.guard.failed_token == Some(token) && !lost_focus {
            return;
        }
        let waited = now - self.guard.changed_at;
        if lost_focus || waited >= pause {
            self.start_autosave(token);
            if self.guard.snapshot.is_some() {
                ctx.request_repaint();
            } else {
                ctx.request_repaint_after(Duration::from_millis(50));
            }
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(pause - waited + 0.05));
        }
    }

    /// Before the project is replaced by one at `new_path`: our autosave of the old one goes
    /// (the user saved or chose to discard it), and so does its lock if the path changes.
    pub(super) fn guard_before_replace(&mut self, new_path: Option<&Path>) {
        self.guard.generation += 1;
        self.guard.snapshot = None;
        if self.guard.ours {
            self.discard_our_recovery();
        }
        self.guard.offer = None;
        self.reset_autosave_state();
        let target = self.lock_target(new_path).map(|t| store::lock_path(&t));
        if self.session.locked_file() != target.as_deref() {
            self.session.unlock();
        }
    }

    /// After the project was replaced: stamps the file, takes its lock, offers its autosave.
    pub(super) fn guard_after_replace(&mut self) {
        self.guard.seen_token = self.session.history().state_token();
        let skip = std::mem::take(&mut self.guard.skip_recovery_check);
        if self.guard.options.is_none() {
            return;
        }
        match self.session.path().map(Path::to_path_buf) {
            Some(path) => {
                self.take_lock(&path);
                if !skip && self.guard.allow_in_use.is_none() {
                    self.offer_recovery();
                }
            }
            None if skip => {
                if let Some(target) = self.lock_target(None) {
                    self.take_lock(&target);
                }
            }
            None => self.unsaved_lock_and_offer(),
        }
    }

    /// Before opening `path`: true (and the question asked) when another window has it open.
    pub(super) fn guard_blocks_open(&mut self, path: &Path) -> bool {
        if self.guard.options.is_none() || self.guard.allow_in_use.as_deref() == Some(path) {
            return false;
        }
        match store::lock_owner(path) {
            Some(owner) => {
                self.palette = None;
                self.dialog = Some(Dialog::InUse {
                    path: path.to_owned(),
                    owner,
                    at_start: false,
                });
                true
            }
            None => false,
        }
    }

    /// Before saving to `path`: true (and the question asked) when it is the open project's
    /// file and someone else changed it since we read or wrote it.
    pub(super) fn guard_blocks_save(&mut self, path: &Path) -> bool {
        if std::mem::take(&mut self.guard.force_overwrite) || self.session.path() != Some(path) {
            return false;
        }
        if !self.session.changed_on_disk() {
            return false;
        }
        self.palette = None;
        self.dialog = Some(Dialog::Conflict {
            path: path.to_owned(),
        });
        true
    }

    /// After a successful save from `old` to `new`: our autosave goes, the file is stamped again,
    /// the lock follows the file.
    pub(super) fn guard_saved(&mut self, old: Option<&Path>, new: &Path) {
        self.guard.generation += 1;
        self.guard.snapshot = None;
        if self.guard.ours {
            self.discard_our_recovery();
        }
        self.reset_autosave_state();
        if old != Some(new) {
            self.take_lock(new);
        }
    }

    pub(super) fn apply_guard_action(&mut self, ctx: &egui::Context, action: GuardAction) {
        match action {
            GuardAction::RestoreRecovery => {
                self.dialog = None;
                if let Some(found) = self.guard.offer.take() {
                    let saved_at = std::fs::metadata(&found.path)
                        .and_then(|m| m.modified())
                        .ok();
                    let path = self.session.path().map(Path::to_path_buf);
                    self.guard.skip_recovery_check = true;
                    self.replace_project(found.project, path);
                    // Unsaved changes of the same file: Save writes them; undo cannot reach
                    // the state on disk.
                    self.session.mark_unsaved();
                    self.guard.ours = true;
                    self.guard.autosaved_token = Some(self.session.history().state_token());
                    self.guard.saved_at = saved_at;
                    self.info("Restored the autosaved changes. Save to keep them.");
                }
            }
            GuardAction::DiscardRecovery => {
                self.dialog = None;
                if let Some(found) = self.guard.offer.take() {
                    match store::discard_recovery(&found.path) {
                        Ok(()) => self.info("Deleted the autosave."),
                        Err(err) => self.error(
                            format!(
                                "Could not delete the autosave {}: {err}",
                                found.path.display()
                            ),
                            "It will be offered again next time; delete the file by hand if it stays.",
                        ),
                    }
                }
            }
            GuardAction::OpenAnyway { path, at_start } => {
                self.dialog = None;
                if at_start {
                    // Already shown; its autosave, if any, is the other window's.
                    self.take_lock(&path);
                } else {
                    self.guard.allow_in_use = Some(path.clone());
                    self.open_path(&path);
                    self.guard.allow_in_use = None;
                }
            }
            GuardAction::CancelOpen { at_start } => {
                self.dialog = None;
                if at_start {
                    let name = self
                        .session
                        .path()
                        .and_then(Path::file_name)
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let project = crate::example::example_project()
                        .unwrap_or_else(|_| Project::new("Untitled"));
                    self.replace_project(project, None);
                    self.info(format!(
                        "Did not open “{name}”: it is open in another window. This is an unsaved copy of the example project."
                    ));
                }
            }
            GuardAction::Reload => {
                let Some(path) = self.session.path().map(Path::to_path_buf) else {
                    return;
                };
                if self.session.is_dirty() {
                    self.palette = None;
                    self.dialog = Some(Dialog::ConfirmReload { path });
                } else {
                    self.dialog = None;
                    self.reload_from_disk();
                }
            }
            GuardAction::ReloadConfirmed => {
                self.dialog = None;
                self.reload_from_disk();
            }
            GuardAction::Overwrite => {
                self.dialog = None;
                self.guard.force_overwrite = true;
                self.save(ctx, false);
                self.guard.force_overwrite = false;
            }
            GuardAction::SaveAs => {
                self.dialog = None;
                self.request_file(crate::ui::request::FileRequest::SaveAs);
            }
            GuardAction::DismissDiskChange => self.guard.disk_changed = false,
        }
    }

    /// The "changed on disk" banner above the centre view.
    pub(super) fn disk_banner_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        if !self.guard.disk_changed {
            return;
        }
        let name = self
            .session
            .path()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hint = if self.session.is_dirty() {
            "Reload shows the file as it is now and drops your unsaved changes (it asks first). If you keep working, Save will ask before overwriting."
        } else {
            "Reload shows the file as it is now. If you keep working, Save will ask before overwriting."
        };
        egui::Frame::NONE
            .inner_margin(egui::Margin {
                left: 16,
                right: 16,
                top: 8,
                bottom: 0,
            })
            .show(ui, |ui| {
                egui::Frame::NONE
                    .fill(blend(theme.page, theme.warning, 0.12))
                    .stroke(egui::Stroke::new(
                        1.0,
                        blend(theme.page, theme.warning, 0.5),
                    ))
                    .corner_radius(6.0)
                    .inner_margin(egui::Margin::symmetric(10, 6))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                                if ui
                                    .button("Ignore")
                                    .on_hover_text("Hide this; Save will still ask first")
                                    .clicked()
                                {
                                    self.actions
                                        .push(Action::Guard(GuardAction::DismissDiskChange));
                                }
                                if ui
                                    .button(RichText::new("Reload").strong())
                                    .on_hover_text("Open the file as it is on disk now")
                                    .clicked()
                                {
                                    self.actions.push(Action::Guard(GuardAction::Reload));
                                }
                                ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!(
                                                "“{name}” was changed on disk by another program since you opened it."
                                            ))
                                            .color(theme.warning),
                                        )
                                        .wrap(),
                                    );
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(hint).small().color(theme.text),
                                        )
                                        .wrap(),
                                    );
                                });
                            });
                        });
                    });
            });
    }

    /// The autosave's state in the status bar (right-to-left layout).
    pub(super) fn guard_status_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        if self.guard.options.is_none() {
            return;
        }
        let file = self
            .recovery_file()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if self.is_autosaving() {
            ui.label(RichText::new("Autosaving…").small().color(theme.weak_text));
        } else if let Some(why) = &self.guard.last_error {
            ui.label(RichText::new("Autosave failed").small().color(theme.error))
                .on_hover_text(why.as_str());
        } else if self.session.is_dirty()
            && let Some(at) = self.guard.saved_at
        {
            ui.label(
                RichText::new(format!("Recovery saved {}", ago(at)))
                    .small()
                    .color(theme.weak_text),
            )
            .on_hover_text(format!(
                "Your unsaved changes are kept in {file} until you save; after a crash Dossier offers to restore them."
            ));
            ui.ctx().request_repaint_after(Duration::from_secs(20));
        }
    }

    // ----- inside -----

    fn reset_autosave_state(&mut self) {
        let g = &mut self.guard;
        g.autosaved_token = None;
        g.failed_token = None;
        g.saved_at = None;
        g.last_error = None;
        g.disk_changed = false;
        g.warned = None;
        g.force_overwrite = false;
    }

    fn discard_our_recovery(&mut self) {
        self.guard.ours = false;
        self.guard.autosaved_token = None;
        self.guard.saved_at = None;
        if let Some(file) = self.recovery_file()
            && let Err(err) = store::discard_recovery(&file)
        {
            self.error(
                format!("Could not delete the autosave {}: {err}", file.display()),
                "It may be offered again when you next open the project; Discard removes it then.",
            );
        }
    }

    /// What the lock marks: the project file, or for an unsaved project its autosave in the
    /// data folder (so that a second window on an unsaved project does not take the first
    /// one's live autosave for a crash's).
    fn lock_target(&self, project_path: Option<&Path>) -> Option<PathBuf> {
        let options = self.guard.options.as_ref()?;
        Some(match project_path {
            Some(path) => path.to_owned(),
            None => store::recovery_path_in(None, &options.data_dir),
        })
    }

    /// On an unsaved project: marks its autosave as ours and offers it, unless another live
    /// window is on an unsaved project too (then the autosave and the mark are that window's).
    fn unsaved_lock_and_offer(&mut self) {
        let Some(target) = self.lock_target(None) else {
            return;
        };
        if store::lock_owner(&target).is_none() {
            self.take_lock(&target);
            self.offer_recovery();
        }
    }

    fn take_lock(&mut self, path: &Path) {
        if self.guard.options.is_none() {
            return;
        }
        let unsaved =
            self.session.path().is_none() && self.lock_target(None).as_deref() == Some(path);
        if unsaved && let Some(dir) = path.parent() {
            // The data folder may not exist yet; if it cannot be made, the autosave says so.
            let _ = std::fs::create_dir_all(dir);
        }
        match self.session.lock_as(path) {
            Ok(_) => {}
            Err(_) if unsaved => {}
            Err(err) => self.notices.push(super::Notice {
                level: super::NoticeLevel::Warning,
                text: format!("Could not mark {} as open: {err}", path.display()),
                hint: "Another Dossier window opening it will not be warned.".to_owned(),
                shown_at: None,
            }),
        }
    }

    fn offer_recovery(&mut self) {
        let Some(file) = self.recovery_file() else {
            return;
        };
        let Some(found) =
            store::find_recovery_at(&file, self.session.path(), self.session.project())
        else {
            return;
        };
        let age = std::fs::metadata(&found.path)
            .and_then(|m| m.modified())
            .map(ago)
            .unwrap_or_default();
        self.palette = None;
        self.dialog = Some(Dialog::Recovery {
            project_path: self.session.path().map(Path::to_path_buf),
            summary: found.summary.clone(),
            age,
        });
        self.guard.offer = Some(found);
    }

    /// Starts copying the project (the first slice now); the write starts when it is copied.
    fn start_autosave(&mut self, token: u64) {
        let mut snapshot =
            ProjectSnapshot::start(self.session.project(), token, self.guard.generation);
        if snapshot.step(self.session.project(), COPY_SLICE) {
            self.spawn_autosave(snapshot);
        } else {
            self.guard.snapshot = Some(snapshot);
        }
    }

    fn spawn_autosave(&mut self, snapshot: ProjectSnapshot) {
        if let Some(file) = self.recovery_file() {
            self.guard.job = Some(AutosaveJob::spawn(snapshot, file));
        }
    }

    fn autosave_finished(&mut self, job: &AutosaveJob, result: Result<(), String>) {
        if job.generation != self.guard.generation {
            // Saved, reloaded or replaced meanwhile: this autosave holds an older state.
            if result.is_ok() {
                let _ = store::discard_recovery(&job.path);
            }
            return;
        }
        match result {
            Ok(()) => {
                self.guard.ours = true;
                self.guard.autosaved_token = Some(job.token);
                self.guard.failed_token = None;
                self.guard.saved_at = Some(SystemTime::now());
                if self.guard.last_error.take().is_some() {
                    self.info("Autosave works again.");
                }
            }
            Err(why) => {
                self.guard.failed_token = Some(job.token);
                if self.guard.last_error.as_deref() != Some(why.as_str()) {
                    self.error(
                        format!("Could not write the autosave: {why}"),
                        format!(
                            "Your work is still open here; save it ({}) to keep it. Autosave tries again after the next change.",
                            crate::ui::command::Command::SaveProject.key_or_label()
                        ),
                    );
                    self.guard.last_error = Some(why);
                }
            }
        }
    }

    /// When the window regains focus: has someone changed the file? (One `stat`.)
    fn check_disk(&mut self) {
        let Some(path) = self.session.path() else {
            return;
        };
        if !self.session.changed_on_disk() {
            return;
        }
        let now = DiskStamp::of(path).ok();
        if self.guard.warned == Some(now) {
            return;
        }
        self.guard.warned = Some(now);
        self.guard.disk_changed = true;
    }

    fn reload_from_disk(&mut self) {
        let Some(path) = self.session.path().map(Path::to_path_buf) else {
            return;
        };
        self.after_save = None;
        match store::load(&path) {
            Ok(project) => {
                self.guard.skip_recovery_check = true;
                self.replace_project(project, Some(path.clone()));
                self.info(format!("Reloaded {} from disk.", path.display()));
            }
            Err(err) => self.error(
                format!("Could not reload the project: {err}"),
                "The project in the window is unchanged; File › Save as… keeps it in another file.",
            ),
        }
    }
}
