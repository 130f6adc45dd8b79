//! The workbench: the application state (project, file, undo history, reader, selection, panels,
//! palettes, dialogs) and its frame. It knows nothing of eframe, so tests drive it through
//! `egui_kittest` exactly as a user would.
//!
//! One frame runs in three steps. First, background work is polled (file dialogs, imports,
//! dropped files, close requests) and shortcut keys are taken out of the input before any widget
//! sees them. Second, the panels are drawn; widgets only *ask*, by pushing [`Action`]s. Third,
//! [`Workbench::apply_actions`] carries the actions out in order: this is the one place where the
//! project changes (through the undo [`History`]), the dirty flag is set, and errors become
//! notices in the window.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use crate::edit::{GroupKey, History};
use crate::model::{ActorId, EventId, PassageId, Project, TagId};
use crate::session::Session;
use crate::ui::action::{Action, CentreView};
use crate::ui::codebook::{CodebookState, codebook_ui};
use crate::ui::command::Command;
use crate::ui::dialogs::dialog_ui;
use crate::ui::entities::{EntitiesState, actors_ui, events_ui};
use crate::ui::files::{DialogMode, ImportJob, PendingDialog, Settings, ThemeChoice};
use crate::ui::inspector::{InspectorState, inspector_ui};
use crate::ui::library::{LibraryState, library_ui};
use crate::ui::palette::{PaletteKind, PaletteState};
use crate::ui::reader::ReaderState;
use crate::ui::request::{AfterGuard, Dialog};
use crate::ui::theme::Theme;
use crate::ui::views::ViewsState;

mod chrome;
mod dispatch;
mod edits;
mod guard;
mod palette_rows;
mod project_files;
mod replace;
mod selection;
pub use super::action::SideTab;
pub use chrome::{Notice, NoticeLevel};
pub use guard::{AUTOSAVE_PAUSE_SECS, GuardOptions};

/// How many recently used tags the number keys reach.
pub const RECENT_TAGS: usize = 9;

/// The application state of one window.
pub struct Workbench {
    /// The open project, its file, its undo history and what is saved: every change to the
    /// project goes through it (see `edits.rs`).
    session: Session,
    reader: ReaderState,
    selected_passage: Option<PassageId>,
    recent_tags: Vec<TagId>,
    library: LibraryState,
    inspector: InspectorState,
    codebook: CodebookState,
    conflicts: super::conflicts::ConflictsState,
    entities: EntitiesState,
    side_tab: SideTab,
    views: ViewsState,
    palette: Option<PaletteState>,
    dialog: Option<Dialog>,
    notices: Vec<Notice>,
    actions: Vec<Action>,
    settings: Settings,
    dialog_mode: DialogMode,
    pending_dialog: Option<PendingDialog>,
    import_job: Option<ImportJob>,
    /// A merge being worked out for the merge dialog.
    merge_job: Option<super::merge_dialog::MergeJob>,
    /// A replacement of an article's text being re-anchored on a worker thread.
    replace_job: Option<replace::ReplaceJob>,
    /// Add from link, feeds, versions (issue 16; `ui::web`).
    web: super::web::WebWindows,
    after_save: Option<AfterGuard>,
    close_allowed: bool,
    sent_title: String,
    next_group: u64,
    applied_theme: Option<(ThemeChoice, bool)>,
    /// Give the focus back to the reader when the palette closes.
    refocus_reader: bool,
    /// Autosave, recovery, conflicts on disk, the second-instance lock.
    guard: guard::GuardState,
    /// Which side panels are shown; the tab strip's overflow.
    panels: super::layout::PanelsState,
    /// The passage whose boundaries are being moved, and the undo group of those moves.
    boundary_session: Option<(PassageId, GroupKey)>,
    /// When each of `recent_tags` was last used (a counter), to give a new tag the slot used
    /// longest ago while the others keep their keys.
    recent_use: Vec<u64>,
}

impl Workbench {
    /// A workbench on a project; `path` is its file (`None`: not saved yet).
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let mut wb = Self {
            session: Session::new(Project::default(), None),
            reader: ReaderState::new(),
            selected_passage: None,
            recent_tags: Vec::new(),
            library: LibraryState::default(),
            inspector: InspectorState::default(),
            codebook: CodebookState::default(),
            conflicts: super::conflicts::ConflictsState::default(),
            entities: EntitiesState::default(),
            side_tab: SideTab::default(),
            views: ViewsState::default(),
            palette: None,
            dialog: None,
            notices: Vec::new(),
            actions: Vec::new(),
            settings: Settings::default(),
            dialog_mode: DialogMode::from_env(),
            pending_dialog: None,
            import_job: None,
            merge_job: None,
            replace_job: None,
            web: super::web::WebWindows::default(),
            after_save: None,
            close_allowed: false,
            sent_title: String::new(),
            next_group: 1,
            applied_theme: None,
            refocus_reader: false,
            guard: guard::GuardState::default(),
            panels: super::layout::PanelsState::default(),
            boundary_session: None,
            recent_use: Vec::new(),
        };
        wb.replace_project(project, path);
        wb
    }

    /// A workbench on an unsaved copy of the bundled example project (an empty project and an
    /// error notice if the example cannot be read).
    pub fn example() -> Self {
        match crate::example::example_project() {
            Ok(project) => Self::new(project, None),
            Err(err) => {
                let mut wb = Self::new(Project::new("Untitled"), None);
                wb.error(
                    format!("Could not read the bundled example project: {err}"),
                    "Start with File › Import articles, or open a project file.",
                );
                wb
            }
        }
    }

    /// A workbench on a new, empty, unsaved project (`dossier --new`).
    pub fn empty() -> Self {
        Self::new(Project::new("Untitled"), None)
    }

    /// A workbench on the project file at `path`; on failure, an unsaved example copy with the
    /// error shown.
    pub fn open(path: &Path) -> Self {
        match crate::store::load(path) {
            Ok(project) => Self::new(project, Some(path.to_owned())),
            Err(err) => {
                let mut wb = Self::example();
                wb.error(
                    format!("Could not open the project: {err}"),
                    "Showing an unsaved copy of the example project instead. Fix the file or open another one (File › Open).",
                );
                wb
            }
        }
    }

    /// Uses native file dialogs or the in-app path prompt.
    pub fn with_dialog_mode(mut self, mode: DialogMode) -> Self {
        self.dialog_mode = mode;
        self
    }

    /// Uses remembered settings (recent projects, theme, library order, the excerpts' columns).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.library.sort = settings.library_sort;
        self.views.excerpts.columns = settings.excerpt_columns;
        if let Some(path) = self.session.path() {
            let mut s = settings;
            s.remember(path);
            self.settings = s;
        } else {
            self.settings = settings;
        }
        self.load_recent_tags();
        self
    }

    // ----- read access, for the app shell and tests -----

    /// The open project.
    pub fn project(&self) -> &Project {
        self.session.project()
    }
    /// The project's file, if it has been saved or was opened from one.
    pub fn path(&self) -> Option<&Path> {
        self.session.path()
    }
    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty()
    }
    /// The undo history.
    pub fn history(&self) -> &History {
        self.session.history()
    }
    /// The reader's state (open article, text selection).
    pub fn reader(&self) -> &ReaderState {
        &self.reader
    }
    /// The reader's state, to set a selection programmatically.
    pub fn reader_mut(&mut self) -> &mut ReaderState {
        &mut self.reader
    }
    /// The selected passage.
    pub fn selected_passage(&self) -> Option<PassageId> {
        self.selected_passage
    }
    /// The tag selected in the codebook.
    pub fn selected_tag(&self) -> Option<TagId> {
        self.codebook.selected
    }
    /// The tab shown in the right column's lower half.
    pub fn side_tab(&self) -> SideTab {
        self.side_tab
    }
    /// Whether the library and the inspector are shown.
    pub fn panels_shown(&self) -> (bool, bool) {
        (self.panels.library, self.panels.inspector)
    }
    /// The view shown in the centre.
    pub fn view(&self) -> CentreView {
        self.views.current
    }
    /// Shows a view in the centre (as its tab does).
    pub fn show_view(&mut self, view: CentreView) {
        self.views.current = view;
    }
    /// The excerpts table's state (its filter, sort and rows).
    pub fn excerpts_mut(&mut self) -> &mut super::views::ExcerptsState {
        &mut self.views.excerpts
    }
    /// The Compare view's state (its sides, the comparison shown, one being worked out).
    pub fn compare_mut(&mut self) -> &mut super::views::compare::CompareState {
        &mut self.views.compare
    }
    /// The Claims view's state (its mode, filters and the claim opened from elsewhere).
    pub fn claims_view(&self) -> &super::views::claims::ClaimsState {
        &self.views.claims
    }
    /// The Claims view's state, to change (its mode, its filters).
    pub fn claims_view_mut(&mut self) -> &mut super::views::claims::ClaimsState {
        &mut self.views.claims
    }
    /// The actor selected in the actors panel.
    pub fn selected_actor(&self) -> Option<ActorId> {
        self.entities.selected_actor
    }
    /// The event selected in the events panel.
    pub fn selected_event(&self) -> Option<EventId> {
        self.entities.selected_event
    }
    /// Recently used tags, most recent first (keys 1–9).
    pub fn recent_tags(&self) -> &[TagId] {
        &self.recent_tags
    }
    /// The notices currently shown.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }
    /// The open dialog's title, if any.
    pub fn dialog_title(&self) -> Option<String> {
        self.dialog.as_ref().map(Dialog::title)
    }
    /// The open palette, if any.
    pub fn palette(&self) -> Option<PaletteKind> {
        self.palette.as_ref().map(|p| p.kind)
    }
    /// Whether the user has agreed to close the window (no unsaved changes, or discarded/saved).
    pub fn close_allowed(&self) -> bool {
        self.close_allowed
    }
    /// The settings to persist.
    pub fn settings(&self) -> Settings {
        let mut s = self.settings.clone();
        s.library_sort = self.library.sort;
        s.excerpt_columns = self.views.excerpts.columns;
        s.last_project = self
            .session
            .path()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
        s
    }
    /// Whether a background job (file dialog, import) is running.
    pub fn is_busy(&self) -> bool {
        self.pending_dialog.is_some()
            || self.import_job.is_some()
            || self.replace_job.is_some()
            || self.merge_job.is_some()
            || self.views.compare.is_loading()
    }

    /// The window title: "Dossier — NAME", with a marker when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name = match self.session.path() {
            Some(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => {
                let title = if self.session.project().title.trim().is_empty() {
                    "Untitled"
                } else {
                    self.session.project().title.as_str()
                };
                format!("{title} (not saved yet)")
            }
        };
        let marker = if self.session.is_dirty() {
            " ● unsaved changes"
        } else {
            ""
        };
        format!("Dossier — {name}{marker}")
    }

    /// Queues a command as if chosen from a menu.
    pub fn run(&mut self, command: Command) {
        self.actions.push(Action::Run(command));
    }

    /// Queues any action; it is carried out at the end of the next frame.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    // ----- the frame -----

    /// Draws the whole workbench into `ui` and carries out what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        let theme = Theme::for_visuals(ui.visuals());
        self.handle_close_request(&ctx);
        self.poll_background(&ctx);
        self.poll_guard(&ctx);
        self.take_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        // The web windows' edits go through the one apply path with every other action.
        let edits = self
            .web
            .ui(&ctx, self.session.project(), self.reader.document());
        self.actions.extend(edits.into_iter().map(Action::Edit));

        self.apply_blind_coding();
        let cx = self.command_context();
        egui::Panel::top("dossier-menu")
            .frame(
                egui::Frame::NONE
                    .fill(theme.panel)
                    .inner_margin(egui::Margin::symmetric(8, 4)),
            )
            .show(ui, |ui| self.menu_bar_ui(ui, &cx));
        egui::Panel::bottom("dossier-status")
            .frame(
                egui::Frame::NONE
                    .fill(theme.panel)
                    .inner_margin(egui::Margin::symmetric(10, 4)),
            )
            .show(ui, |ui| self.status_bar_ui(ui, &theme));
        let (library_width, inspector_width) =
            super::layout::side_panel_widths(ctx.content_rect().width());
        egui::Panel::left("dossier-library")
            .resizable(true)
            .default_size(library_width)
            .size_range(200.0..=520.0)
            .frame(
                egui::Frame::NONE
                    .fill(theme.panel)
                    .inner_margin(egui::Margin::symmetric(10, 6)),
            )
            .show_collapsible(ui, &mut self.panels.library, |ui| {
                library_ui(
                    ui,
                    self.session.project(),
                    &mut self.library,
                    self.reader.document(),
                    &theme,
                    &mut self.actions,
                );
            });
        egui::Panel::right("dossier-inspector")
            .resizable(true)
            .default_size(inspector_width)
            .size_range(260.0..=640.0)
            .frame(
                egui::Frame::NONE
                    .fill(theme.panel)
                    .inner_margin(egui::Margin::symmetric(10, 6)),
            )
            .show_collapsible(ui, &mut self.panels.inspector, |ui| {
                egui::Panel::bottom("dossier-codebook")
                    .resizable(true)
                    .default_size(ui.available_height() * 0.5)
                    .size_range(160.0..=900.0)
                    .frame(egui::Frame::NONE.inner_margin(egui::Margin::symmetric(0, 6)))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            for tab in SideTab::ALL {
                                if ui
                                    .selectable_label(self.side_tab == tab, tab.title())
                                    .clicked()
                                {
                                    self.side_tab = tab;
                                }
                            }
                        });
                        ui.separator();
                        match self.side_tab {
                            SideTab::Codebook => codebook_ui(
                                ui,
                                self.session.project(),
                                &mut self.codebook,
                                self.reader.document(),
                                &theme,
                                &mut self.next_group,
                                &mut self.actions,
                            ),
                            SideTab::Actors => actors_ui(
                                ui,
                                self.session.project(),
                                &mut self.entities,
                                &theme,
                                &mut self.actions,
                            ),
                            SideTab::Events => events_ui(
                                ui,
                                self.session.project(),
                                &mut self.entities,
                                &theme,
                                &mut self.actions,
                            ),
                        }
                    });
                inspector_ui(
                    ui,
                    self.session.project(),
                    self.reader.document(),
                    self.selected_passage,
                    self.reader.selection().is_some(),
                    &self.recent_tags,
                    &mut self.inspector,
                    &theme,
                    &mut self.next_group,
                    &mut self.actions,
                );
            });
        egui::CentralPanel::default()
            .frame(
                egui::Frame::NONE
                    .fill(theme.page)
                    .inner_margin(egui::Margin::ZERO),
            )
            .show(ui, |ui| self.central_ui(ui, &theme));

        self.palette_ui(&ctx, &theme);
        super::conflicts::conflicts_ui(
            &ctx,
            self.session.project(),
            &mut self.conflicts,
            &mut self.actions,
        );
        if let Some(dialog) = &mut self.dialog {
            let out = dialog_ui(&ctx, dialog, self.session.project(), &theme);
            self.actions.extend(out);
        }

        self.apply_actions(&ctx);
        self.update_title(&ctx);
        if self.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// The analyst whose passages alone are shown while blind coding is on.
    pub fn blind_analyst(&self) -> Option<&str> {
        let analyst = self.settings.analyst.trim();
        (self.settings.blind_coding && !analyst.is_empty()).then_some(analyst)
    }

    /// Hands the blind-coding filter to every panel and view that shows passages or what is made
    /// of them (counts, timelines, networks, claims), and lets go of a selected passage that is
    /// now hidden. The window's searches and gestures (tagging the search results, accepting
    /// mentions) ask [`Self::blind_analyst`] themselves.
    fn apply_blind_coding(&mut self) {
        let blind = self.blind_analyst().map(str::to_owned);
        self.reader.set_only_by(blind.as_deref());
        if let Some(analyst) = &blind
            && let Some(p) = self.selected_passage
            && self
                .session
                .project()
                .passage(p)
                .is_some_and(|p| !p.is_by(analyst))
        {
            self.selected_passage = None;
        }
        self.inspector.blind.clone_from(&blind);
        self.codebook.blind.clone_from(&blind);
        self.library.blind.clone_from(&blind);
        self.views.set_blind(blind.as_deref());
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        let key = (self.settings.theme, ctx.global_style().visuals.dark_mode);
        if self.applied_theme == Some(key) {
            return;
        }
        ctx.set_theme(self.settings.theme.preference());
        ctx.style_mut_of(egui::Theme::Light, |s| Theme::LIGHT.apply_to(s));
        ctx.style_mut_of(egui::Theme::Dark, |s| Theme::DARK.apply_to(s));
        self.applied_theme = Some((self.settings.theme, ctx.global_style().visuals.dark_mode));
    }

    /// Answers a window close request: cancels it and asks Save / Discard / Cancel when there
    /// are unsaved changes. Idempotent within a frame (the app shell may call it from `logic`).
    pub fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.session.is_dirty() && !self.close_allowed {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.palette = None;
            self.dialog = Some(Dialog::Unsaved {
                then: AfterGuard::Close,
            });
        } else {
            self.close_allowed = true;
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }
}
