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

use egui::{RichText, ViewportCommand};

use super::TAG_PATH_SEPARATOR;
use super::codebook::{CodebookState, codebook_ui};
use super::command::{Command, CommandContext, Menu, is_single_key, shortcut_table};
use super::dialogs::{AfterGuard, Dialog, dialog_ui};
use super::entities::{ActorForm, EntitiesState, EventForm, actors_ui, events_ui};
use super::files::{
    DialogMode, DialogOutcome, FileRequest, ImportJob, PendingDialog, Settings, ThemeChoice,
    default_save_path, file_name_for_title,
};
use super::inspector::{InspectorState, inspector_ui};
use super::library::{LibraryState, filter_field_id, library_ui, visible_documents};
use super::palette::{PaletteItem, PaletteKind, PaletteResponse, PaletteState, fuzzy_rank};
use super::reader::{ReaderState, reader_ui};
use super::theme::Theme;
use super::views::cooccurrence::cooccurrence_ui;
use super::views::network_ui;
use super::views::search::{search_ui, tag_coverage};
use super::views::{
    CentreView, ViewsState, card_ui, excerpts_ui, mentions_ui, profile_ui, timeline_ui,
};
use crate::edit::{
    Edit, EditError, Gesture, GroupKey, History, Subject, Target, TargetError,
    create_actor_and_link, create_event_and_link, create_tag_and_apply, delete_actor_everywhere,
    delete_event_everywhere, delete_tag_everywhere, link_actor_to_target, link_event_to_target,
    merge_actors, merge_tags, tag_target,
};
use crate::model::{
    Actor, ActorId, ActorKind, ActorRole, DocId, DocMeta, Event, EventId, EventRole, Passage,
    PassageId, Project, Tag, TagId,
};

mod guard;
mod replace;
pub use guard::{AUTOSAVE_PAUSE_SECS, GuardAction, GuardOptions};

/// How many recently used tags the number keys reach.
pub const RECENT_TAGS: usize = 9;

/// Something a widget asks the workbench to do; carried out after the frame's UI pass.
#[derive(Debug, Clone)]
pub enum Action {
    /// Run a command from the table.
    Run(Command),
    /// Apply an edit as its own undo step.
    Edit(Edit),
    /// Apply an edit, merging it into the last undo step if that has the same key (an editing
    /// session, such as typing a note).
    EditGrouped(Edit, GroupKey),
    /// End the current editing session, so the next edit is a new undo step.
    SealHistory,
    /// Open an article in the reader.
    OpenDocument(DocId),
    /// Place an orphaned passage of the open article on the reader's selection.
    PlaceOrphan(PassageId),
    /// Select a passage: open its article, scroll to it.
    SelectPassage(PassageId),
    /// Select a tag in the codebook (or none).
    SelectTag(Option<TagId>),
    /// Apply a tag to the text selection (a new passage) or add/remove it on the selected
    /// passage.
    ApplyTag(TagId),
    /// Create a tag with this name and apply it as [`Action::ApplyTag`] does, in one undo step.
    CreateTagAndApply(String),
    /// Delete a tag; asks first when passages use it.
    RequestDeleteTag(TagId),
    /// Delete a tag from every passage and the codebook (confirmed).
    DeleteTagEverywhere(TagId),
    /// Merge one tag into another.
    MergeTags {
        /// The tag that disappears.
        from: TagId,
        /// The tag that stays.
        into: TagId,
    },
    /// Run `then` now, or first ask to save when there are unsaved changes.
    Guarded(AfterGuard),
    /// Save (asking where if needed), then run `then`.
    SaveThen(AfterGuard),
    /// Run `then` without asking (unsaved changes discarded).
    Proceed(AfterGuard),
    /// Paths chosen in a file dialog or the in-app prompt.
    FilesChosen(FileRequest, Vec<PathBuf>),
    /// Import pasted text as a new article.
    ImportPasted {
        /// The article's title.
        title: String,
        /// Its text.
        text: String,
    },
    /// Open a dialog.
    OpenDialog(Dialog),
    /// Close the open dialog, cancelling what it was part of (a pending "save, then close").
    CloseDialog,
    /// Remove a notice.
    DismissNotice(usize),
    /// Show a tab of the right column (codebook, actors, events).
    ShowSideTab(SideTab),
    /// Link an actor to the text selection (a new passage) or the selected passage; a link it
    /// already has with that role is removed.
    LinkActor(ActorId, ActorRole),
    /// Create an actor with this name and kind and link it as [`Action::LinkActor`] does, in
    /// one step.
    CreateActorAndLink(String, ActorRole, ActorKind),
    /// Link an event to the text selection or the selected passage (toggling, as for actors).
    LinkEvent(EventId, EventRole),
    /// Create an event with this title and link it, in one undo step.
    CreateEventAndLink(String, EventRole),
    /// Delete an actor; asks first when passages or events link it.
    RequestDeleteActor(ActorId),
    /// Delete an actor from every passage and event, then the actor (confirmed).
    DeleteActorEverywhere(ActorId),
    /// Merge one actor into another (one undo step).
    MergeActors {
        /// The actor that disappears.
        from: ActorId,
        /// The actor that stays.
        into: ActorId,
    },
    /// Delete an event; asks first when passages link it.
    RequestDeleteEvent(EventId),
    /// Delete an event from every passage, then the event (confirmed).
    DeleteEventEverywhere(EventId),
    /// Show a view in the centre (the reader, the excerpts table…).
    ShowView(CentreView),
    /// Select a passage and show it in the reader (from a view).
    JumpToPassage(PassageId),
    /// Export what the excerpts table's filter selects, in this format (asks where).
    ExportView(crate::export::Format),
    /// Open an article in the reader with this char span selected (a mention, a search hit).
    JumpToText(DocId, usize, usize),
    /// Select an event in the events panel.
    SelectEvent(EventId),
    /// Show an actor's profile.
    OpenActorProfile(ActorId),
    /// Show an event's card (and select it in the events panel).
    OpenEventCard(EventId),
    /// An answer to one of the guards against lost work (autosave, conflicts, second window).
    Guard(GuardAction),
    /// Open the tag palette to tag every hit of the search view.
    PickTagForSearchHits,
    /// Tag every hit of the search view (one undo step).
    TagSearchHits(TagId),
    /// Create a tag with this name and tag every hit of the search view with it, in one step.
    CreateTagAndTagSearchHits(String),
    /// Write an export asked for in the Export dialog.
    ExportTo(Box<super::export_dialog::ExportRequest>),
    /// Start an empty project with this title (unsaved changes were already dealt with).
    StartProject(String),
    /// Put a tag under another (or at the top level), as one undo step.
    ReparentTag {
        /// The tag that moves.
        tag: TagId,
        /// Its new parent; `None` for the top level.
        parent: Option<TagId>,
    },
}

/// The tabs of the right column's lower half.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideTab {
    /// The tag tree.
    #[default]
    Codebook,
    /// The actors list.
    Actors,
    /// The events list.
    Events,
}

impl SideTab {
    /// Every tab, in order.
    pub const ALL: [Self; 3] = [Self::Codebook, Self::Actors, Self::Events];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Codebook => "Codebook",
            Self::Actors => "Actors",
            Self::Events => "Events",
        }
    }
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Something failed; stays until dismissed.
    Error,
    /// Something worked, with a caveat.
    Warning,
    /// Something worked; fades after a few seconds.
    Info,
}

/// A message shown at the top of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// How serious.
    pub level: NoticeLevel,
    /// What happened (for failures: what failed and where).
    pub text: String,
    /// What to do about it; may be empty.
    pub hint: String,
    /// When it appeared (egui time, seconds); `None` until the first frame shows it.
    shown_at: Option<f64>,
}

/// Seconds an info notice stays.
const INFO_SECONDS: f64 = 6.0;

/// The application state of one window.
pub struct Workbench {
    project: Project,
    path: Option<PathBuf>,
    history: History,
    dirty: bool,
    /// The history's state token when the project was last saved or opened.
    saved_token: u64,
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
    /// A replacement of an article's text being re-anchored on a worker thread.
    replace_job: Option<replace::ReplaceJob>,
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
            project: Project::default(),
            path: None,
            history: History::new(),
            dirty: false,
            saved_token: 0,
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
            replace_job: None,
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

    /// Uses remembered settings (recent projects, theme, library order).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.library.sort = settings.library_sort;
        if let Some(path) = &self.path {
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
        &self.project
    }
    /// The project's file, if it has been saved or was opened from one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }
    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
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
        s.last_project = self
            .path
            .as_ref()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()));
        s
    }
    /// Whether a background job (file dialog, import) is running.
    pub fn is_busy(&self) -> bool {
        self.pending_dialog.is_some() || self.import_job.is_some() || self.replace_job.is_some()
    }

    /// The window title: "Dossier — NAME", with a marker when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name = match &self.path {
            Some(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => {
                let title = if self.project.title.trim().is_empty() {
                    "Untitled"
                } else {
                    self.project.title.as_str()
                };
                format!("{title} (not saved yet)")
            }
        };
        let marker = if self.dirty {
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
                    &self.project,
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
                                &self.project,
                                &mut self.codebook,
                                self.reader.document(),
                                &theme,
                                &mut self.next_group,
                                &mut self.actions,
                            ),
                            SideTab::Actors => actors_ui(
                                ui,
                                &self.project,
                                &mut self.entities,
                                &theme,
                                &mut self.actions,
                            ),
                            SideTab::Events => events_ui(
                                ui,
                                &self.project,
                                &mut self.entities,
                                &theme,
                                &mut self.actions,
                            ),
                        }
                    });
                inspector_ui(
                    ui,
                    &self.project,
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
        super::conflicts::conflicts_ui(&ctx, &self.project, &mut self.conflicts, &mut self.actions);
        if let Some(dialog) = &mut self.dialog {
            let out = dialog_ui(&ctx, dialog, &self.project, &theme);
            self.actions.extend(out);
        }

        self.apply_actions(&ctx);
        self.update_title(&ctx);
        if self.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
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
        if self.dirty && !self.close_allowed {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.palette = None;
            self.dialog = Some(Dialog::Unsaved {
                then: AfterGuard::Close,
            });
        } else {
            self.close_allowed = true;
        }
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
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
        if let Some(job) = &self.import_job
            && let Some(result) = job.poll()
        {
            let paths = job.paths.clone();
            self.import_job = None;
            self.finish_import(&paths, result);
            ctx.request_repaint();
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (projects, articles): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(project) = projects.into_iter().next() {
            self.actions
                .push(Action::Guarded(AfterGuard::OpenPath(project)));
        }
        if !articles.is_empty() {
            self.actions
                .push(Action::FilesChosen(FileRequest::ImportFiles, articles));
        }
    }

    /// Takes shortcut key presses out of the input (before any widget sees them) and queues
    /// their commands. Single-key shortcuts are skipped while a text field has focus; nothing
    /// fires while a dialog or palette is open (they handle their own keys).
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() || self.palette.is_some() {
            return;
        }
        // The reader's own flag is stale while another view is shown: ask egui who has focus.
        let reader_focused = ctx.memory(|m| m.has_focus(super::reader::reader_id()));
        let text_field_focused = ctx.text_edit_focused() && !reader_focused;
        let mut fired = Vec::new();
        ctx.input_mut(|input| {
            for (shortcut, command) in shortcut_table() {
                if text_field_focused && !command.fires_in_text_field() {
                    continue;
                }
                let mut hit = false;
                input.events.retain(|event| match event {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } if *key == shortcut.logical_key
                        && modifiers.matches_exact(shortcut.modifiers) =>
                    {
                        hit = true;
                        false
                    }
                    _ => true,
                });
                if hit {
                    if is_single_key(&shortcut) && shortcut.logical_key.name().chars().count() == 1
                    {
                        // The same press also arrives as text; drop it so a field focused by the
                        // command (the palette's query) does not receive it.
                        if let Some(name) = shortcut.logical_key.symbol_or_name().chars().next() {
                            input.events.retain(|e| match e {
                                egui::Event::Text(t) => {
                                    !t.chars().all(|c| c.eq_ignore_ascii_case(&name))
                                }
                                _ => true,
                            });
                        }
                    }
                    fired.push(command);
                }
            }
        });
        let cx = self.command_context();
        for command in fired {
            if command.enabled(&cx) {
                self.actions.push(Action::Run(command));
            } else {
                self.explain_disabled(command);
            }
        }
    }

    fn explain_disabled(&mut self, command: Command) {
        let why = match command {
            Command::TagPalette
            | Command::ApplyRecentTag(_)
            | Command::LinkActor
            | Command::LinkEvent => {
                if self.reader.selection().is_none() && self.selected_passage.is_none() {
                    "Select some text or a passage first.".to_owned()
                } else {
                    "No recently used tag on that number yet: tag once with T.".to_owned()
                }
            }
            Command::Undo => "Nothing to undo.".to_owned(),
            Command::Redo => "Nothing to redo.".to_owned(),
            Command::EditNote | Command::DeletePassage => "Select a passage first.".to_owned(),
            Command::DeleteTag => "Select a tag in the codebook first.".to_owned(),
            _ => format!("“{}” is not available now.", command.label()),
        };
        self.info(why);
    }

    /// What commands need to know to be enabled or not.
    pub fn command_context(&self) -> CommandContext {
        CommandContext {
            has_document: self.reader.document().is_some(),
            has_text_selection: self.reader.selection().is_some(),
            has_passage: self.selected_passage.is_some(),
            has_tag: self.codebook.selected.is_some(),
            recent_tags: self.recent_tags.len(),
            can_undo: self.history.can_undo(),
            can_redo: self.history.can_redo(),
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui, cx: &CommandContext) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.title(), |ui| {
                    ui.set_min_width(260.0);
                    for command in Command::in_menu(menu) {
                        if let Command::ApplyRecentTag(n) = command
                            && usize::from(n) >= self.recent_tags.len()
                        {
                            continue;
                        }
                        let label = match command {
                            Command::Undo => match self.history.undo_label() {
                                Some(what) => format!("Undo {what}"),
                                None => command.label(),
                            },
                            Command::Redo => match self.history.redo_label() {
                                Some(what) => format!("Redo {what}"),
                                None => command.label(),
                            },
                            Command::ApplyRecentTag(n) => {
                                let name = self
                                    .recent_tags
                                    .get(usize::from(n))
                                    .and_then(|t| self.project.tag(*t))
                                    .map_or(String::new(), |t| t.name.clone());
                                format!("Apply “{name}”")
                            }
                            _ => command.label(),
                        };
                        let mut button = egui::Button::new(label);
                        if let Some(shortcut) = command.shortcuts().first() {
                            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
                        }
                        let response = ui
                            .add_enabled(command.enabled(cx), button)
                            .on_hover_text(command.tooltip());
                        if response.clicked() {
                            self.actions.push(Action::Run(command));
                            ui.close();
                        }
                        if menu == Menu::File && command == Command::OpenProject {
                            self.open_recent_ui(ui);
                        }
                    }
                });
            }
        });
    }

    fn open_recent_ui(&mut self, ui: &mut egui::Ui) {
        let recent = self.settings.recent.clone();
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        self.actions
                            .push(Action::Guarded(AfterGuard::OpenPath(path.clone())));
                        ui.close();
                    }
                }
            });
        });
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        ui.horizontal(|ui| {
            // Counts only (no per-passage pass): this runs every frame.
            let p = &self.project;
            ui.label(
                RichText::new(format!(
                    "{} articles · {} passages · {} tags · {} actors · {} events",
                    p.documents().len(),
                    p.passages().len(),
                    p.tags().len(),
                    p.actors().len(),
                    p.events().len()
                ))
                .small()
                .color(theme.weak_text),
            );
            let palette_key = Command::CommandPalette
                .shortcuts()
                .first()
                .map(|s| ui.ctx().format_shortcut(s))
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "F1 keys · {palette_key} commands · T tag · J/K passages"
                ))
                .small()
                .color(theme.weak_text),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (text, color) = match (&self.path, self.dirty) {
                    (Some(p), false) => (format!("Saved · {}", p.display()), theme.weak_text),
                    (Some(p), true) => {
                        (format!("Unsaved changes · {}", p.display()), theme.warning)
                    }
                    (None, false) => ("Not saved yet".to_owned(), theme.weak_text),
                    (None, true) => ("Unsaved changes · not saved yet".to_owned(), theme.warning),
                };
                ui.label(RichText::new(text).small().color(color));
                self.guard_status_ui(ui, theme);
                if let Some(job) = &self.import_job {
                    ui.spinner();
                    ui.label(
                        RichText::new(format!(
                            "Importing {} item(s)… {:.0} s",
                            job.paths.len(),
                            job.started.elapsed().as_secs_f32()
                        ))
                        .small(),
                    );
                }
                if let Some(job) = &self.replace_job {
                    ui.spinner();
                    ui.label(RichText::new(job.progress_text()).small());
                }
                if self.pending_dialog.is_some() {
                    ui.spinner();
                    ui.label(RichText::new("Waiting for the file dialog…").small());
                }
            });
        });
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        // Banners float over the top of the centre instead of pushing the text down while the
        // user is aiming at it.
        let rect = ui.max_rect();
        let width = (rect.width() - 32.0).clamp(160.0, 760.0);
        egui::Area::new(egui::Id::unique("dossier-banners"))
            .order(egui::Order::Middle)
            .movable(false)
            .fixed_pos(rect.left_top() + egui::vec2((rect.width() - width) / 2.0, 34.0))
            .show(ui.ctx(), |ui| {
                ui.set_max_width(width);
                self.disk_banner_ui(ui, theme);
                self.notices_ui(ui, theme);
            });
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(8, 4))
            .show(ui, |ui| {
                use super::layout::TabStripRequest;
                let asked =
                    super::layout::tab_strip_ui(ui, self.views.current, &mut self.panels, theme);
                match asked {
                    Some(TabStripRequest::Show(view)) => {
                        self.actions.push(Action::ShowView(view));
                    }
                    Some(TabStripRequest::ToggleLibrary) => {
                        self.actions.push(Action::Run(Command::ToggleLibrary));
                    }
                    Some(TabStripRequest::ToggleInspector) => {
                        self.actions.push(Action::Run(Command::ToggleInspector));
                    }
                    None => {}
                }
            });
        if self.views.current == CentreView::Reader {
            self.reader_view_ui(ui, theme);
            return;
        }
        let (project, views, actions) = (&self.project, &mut self.views, &mut self.actions);
        let selected_event = self.entities.selected_event;
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(16, 4))
            .show(ui, |ui| match views.current {
                CentreView::Reader => {}
                CentreView::Excerpts => {
                    excerpts_ui(ui, project, &mut views.excerpts, theme, actions);
                }
                CentreView::Timeline => timeline_ui(
                    ui,
                    project,
                    &mut views.timeline,
                    selected_event,
                    theme,
                    actions,
                ),
                CentreView::Profile => profile_ui(ui, project, &mut views.profile, theme, actions),
                CentreView::Card => card_ui(ui, project, &mut views.profile, theme, actions),
                CentreView::Network => network_ui(ui, project, &mut views.network, theme, actions),
                CentreView::Mentions => {
                    mentions_ui(ui, project, &mut views.mentions, theme, actions);
                }
                CentreView::Search => search_ui(ui, project, &mut views.search, theme, actions),
                CentreView::Cooccurrence => {
                    cooccurrence_ui(ui, project, &mut views.cooccurrence, theme, actions);
                }
                CentreView::Ach => {
                    let edits = super::views::ach::ach_ui(ui, project, &mut views.ach);
                    actions.extend(edits.into_iter().map(Action::Edit));
                }
            });
    }

    fn reader_view_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        let Some(doc_id) = self.reader.document() else {
            ui.add_space(80.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("No article open").size(18.0).color(theme.weak_text));
                ui.add_space(6.0);
                let hint = if self.project.documents().is_empty() {
                    "Import articles (Ctrl+I), paste one (Ctrl+Shift+V), or open a project (Ctrl+O)."
                } else {
                    "Choose an article in the library on the left."
                };
                ui.label(RichText::new(hint).color(theme.weak_text));
            });
            return;
        };
        if let Some(doc) = self.project.document(doc_id) {
            egui::Frame::NONE
                .inner_margin(egui::Margin {
                    left: 28,
                    right: 28,
                    top: 16,
                    bottom: 6,
                })
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(&doc.title)
                                    .size(21.0)
                                    .strong()
                                    .color(theme.text),
                            )
                            .wrap(),
                        );
                    });
                    ui.horizontal_wrapped(|ui| {
                        let mut parts = Vec::new();
                        if !doc.source.is_empty() {
                            parts.push(doc.source.clone());
                        }
                        if !doc.author.is_empty() {
                            parts.push(doc.author.clone());
                        }
                        if let Some(d) = doc.published {
                            parts.push(d.to_string());
                        }
                        let count = self.project.passage_count(doc_id);
                        parts.push(format!(
                            "{count} passage{}",
                            if count == 1 { "" } else { "s" }
                        ));
                        parts.push(format!("{} chars", doc.text.len_chars()));
                        ui.label(RichText::new(parts.join("  ·  ")).color(theme.weak_text));
                        if !doc.url.is_empty() {
                            ui.hyperlink_to("Open source", &doc.url);
                        }
                        if ui
                            .small_button("Edit details…")
                            .on_hover_text(Command::EditArticleDetails.tooltip())
                            .clicked()
                        {
                            self.actions.push(Action::Run(Command::EditArticleDetails));
                        }
                    });
                });
            ui.separator();
        }
        let output = reader_ui(
            ui,
            &self.project,
            &mut self.reader,
            self.selected_passage,
            theme,
        );
        if let Some(p) = output.clicked_passage {
            self.actions.push(Action::SelectPassage(p));
        }
        if let Some((passage, span)) = output.adjust {
            // Repeated boundary moves of one passage are one undo step, like note typing.
            let key = match self.boundary_session {
                Some((p, key)) if p == passage => key,
                _ => {
                    self.next_group += 1;
                    let key = GroupKey(self.next_group);
                    self.boundary_session = Some((passage, key));
                    key
                }
            };
            self.actions.push(Action::EditGrouped(
                Edit::SetPassageSpan {
                    passage,
                    start: span.start,
                    end: span.end,
                },
                key,
            ));
        }
    }

    fn notices_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        let now = ui.input(|i| i.time);
        self.notices.retain(|n| {
            n.level != NoticeLevel::Info || n.shown_at.is_none_or(|t| now - t < INFO_SECONDS)
        });
        if self.notices.is_empty() {
            return;
        }
        let mut dismiss = None;
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(16, 8))
            .show(ui, |ui| {
                for (i, notice) in self.notices.iter_mut().enumerate() {
                    notice.shown_at.get_or_insert(now);
                    let color = match notice.level {
                        NoticeLevel::Error => theme.error,
                        NoticeLevel::Warning => theme.warning,
                        NoticeLevel::Info => theme.accent,
                    };
                    egui::Frame::NONE
                        .fill(super::theme::blend(theme.page, color, 0.12))
                        .stroke(egui::Stroke::new(
                            1.0,
                            super::theme::blend(theme.page, color, 0.5),
                        ))
                        .corner_radius(6.0)
                        .inner_margin(egui::Margin::symmetric(10, 6))
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.horizontal(|ui| {
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::TOP),
                                    |ui| {
                                        if ui
                                            .small_button("×")
                                            .accessible_name("Dismiss")
                                            .on_hover_text("Dismiss")
                                            .clicked()
                                        {
                                            dismiss = Some(i);
                                        }
                                        ui.with_layout(
                                            egui::Layout::top_down(egui::Align::Min),
                                            |ui| {
                                                ui.add(
                                                    egui::Label::new(
                                                        RichText::new(&notice.text).color(color),
                                                    )
                                                    .wrap(),
                                                );
                                                if !notice.hint.is_empty() {
                                                    ui.add(
                                                        egui::Label::new(
                                                            RichText::new(&notice.hint)
                                                                .small()
                                                                .color(theme.text),
                                                        )
                                                        .wrap(),
                                                    );
                                                }
                                            },
                                        );
                                    },
                                );
                            });
                        });
                    ui.add_space(4.0);
                }
            });
        if let Some(i) = dismiss {
            self.actions.push(Action::DismissNotice(i));
        }
        if self.notices.iter().any(|n| n.level == NoticeLevel::Info) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
    }

    fn palette_ui(&mut self, ctx: &egui::Context, theme: &Theme) {
        let Some(state) = &self.palette else {
            return;
        };
        let kind = state.kind;
        let query = state.query.clone();
        let role = state.role;
        let (items, actions, role_label) = match kind {
            PaletteKind::Tags => {
                let (i, a) = self.tag_palette_entries(&query, theme);
                (i, a, None)
            }
            PaletteKind::SearchHits => {
                let (i, a) = self.search_tag_palette_entries(&query, theme);
                (i, a, None)
            }
            PaletteKind::Commands => {
                let (i, a) = self.command_palette_entries(ctx, &query);
                (i, a, None)
            }
            PaletteKind::Actors => {
                let (name, role) = split_role(&query, role, &ActorRole::ALL.map(ActorRole::as_str));
                let role = ActorRole::ALL
                    .get(role)
                    .copied()
                    .unwrap_or(ActorRole::Mentioned);
                let (name, kind) = crate::search::names::split_kind(name);
                let (i, a) = self.actor_palette_entries(name, role, kind);
                (i, a, Some(role.label()))
            }
            PaletteKind::Events => {
                let (name, role) = split_role(&query, role, &EventRole::ALL.map(EventRole::as_str));
                let role = EventRole::ALL
                    .get(role)
                    .copied()
                    .unwrap_or(EventRole::ALL[0]);
                let (i, a) = self.event_palette_entries(name, role);
                (i, a, Some(role.label()))
            }
        };
        let Some(state) = &mut self.palette else {
            return;
        };
        let response = super::palette::palette_ui(ctx, state, &items, role_label, theme);
        if response != PaletteResponse::Open {
            self.palette = None;
            if std::mem::take(&mut self.refocus_reader) {
                self.reader.request_focus();
            }
        }
        if let PaletteResponse::Chosen(i) = response
            && let Some(action) = actions.into_iter().nth(i)
        {
            self.actions.push(action);
        }
    }

    /// The tags as the palettes offer them, recently used first, then by path; with their paths.
    fn palette_tags(&self) -> (Vec<&Tag>, Vec<String>) {
        let mut tags: Vec<(&Tag, String)> = (self.project.tags().values())
            .map(|t| (t, self.project.tag_path(t.id, TAG_PATH_SEPARATOR)))
            .collect();
        tags.sort_by_cached_key(|(t, path)| {
            let recent = self.recent_tags.iter().position(|r| *r == t.id);
            (recent.unwrap_or(usize::MAX), path.to_lowercase())
        });
        tags.into_iter().unzip()
    }

    /// The tag palette's rows for a query: tags close to it first (containing it, or a typo
    /// away: `search::names`), then the other matching tags (recent ones first when the query
    /// is empty), and a "create" row for a name that is not in the codebook — first only when no
    /// tag is close, so Enter never makes a near-duplicate; otherwise last, to be chosen on
    /// purpose.
    fn tag_palette_entries(&self, query: &str, theme: &Theme) -> (Vec<PaletteItem>, Vec<Action>) {
        let counts = self.project.tag_counts();
        let applied: Vec<TagId> = self
            .selected_passage
            .filter(|_| self.reader.selection().is_none())
            .and_then(|p| self.project.passage(p))
            .map(|p| p.tags.clone())
            .unwrap_or_default();
        let (tags, paths) = self.palette_tags();
        let names: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (order, any_close) = close_then_fuzzy(query, &tags, &names);
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in order {
            let (Some(tag), Some(path)) = (tags.get(i), paths.get(i)) else {
                continue;
            };
            let recent = self.recent_tags.iter().position(|r| *r == tag.id);
            let count = counts.get(&tag.id).copied().unwrap_or(0);
            let on_passage = applied.contains(&tag.id);
            let detail = match (on_passage, recent) {
                (true, _) => "on this passage: Enter removes it".to_owned(),
                (false, Some(r)) => format!("{count}   key {}", r + 1),
                (false, None) => format!("{count}"),
            };
            items.push(PaletteItem {
                label: path.clone(),
                detail,
                swatch: Some(theme.swatch(tag.color)),
                checked: on_passage,
                disabled: false,
            });
            actions.push(Action::ApplyTag(tag.id));
        }
        let name = query.trim();
        if !name.is_empty() && self.project.tag_by_name(name).is_none() {
            let create = PaletteItem {
                label: format!("Create tag “{name}”"),
                detail: "new".to_owned(),
                swatch: None,
                checked: false,
                disabled: false,
            };
            if any_close {
                items.push(create);
                actions.push(Action::CreateTagAndApply(name.to_owned()));
            } else {
                items.insert(0, create);
                actions.insert(0, Action::CreateTagAndApply(name.to_owned()));
            }
        }
        (items, actions)
    }

    /// The actor palette's rows: matching actors (by name or alias), then a "create" row for a
    /// name no actor has (first when nothing matches).
    fn actor_palette_entries(
        &self,
        query: &str,
        role: ActorRole,
        kind: Option<ActorKind>,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let linked: Vec<(ActorId, ActorRole)> = self
            .link_target_passage()
            .map(|p| p.actors.clone())
            .unwrap_or_default();
        let mut actors: Vec<&Actor> = self.project.actors().values().collect();
        actors.sort_by_key(|a| a.name.to_lowercase());
        let texts: Vec<String> = actors
            .iter()
            .map(|a| {
                std::iter::once(a.name.as_str())
                    .chain(a.aliases.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in fuzzy_rank(query, &refs) {
            let Some(actor) = actors.get(i) else {
                continue;
            };
            let on = linked.contains(&(actor.id, role));
            let mut item = PaletteItem::new(actor.name.clone());
            item.detail = if on {
                format!("{}: Enter unlinks", role.label())
            } else if actor.aliases.is_empty() {
                actor.kind.label().to_owned()
            } else {
                format!("{} · {}", actor.kind.label(), actor.aliases.join(", "))
            };
            item.checked = on;
            items.push(item);
            actions.push(Action::LinkActor(actor.id, role));
        }
        let name = query.trim();
        if !name.is_empty() && self.project.actor_by_name(name).is_none() {
            // The kind: `#kind` after the name, else a guess from small lists.
            let kind = kind.unwrap_or_else(|| crate::search::names::guess_actor_kind(name));
            let mut create = PaletteItem::new(format!("Create actor “{name}” ({})", kind.label()));
            create.detail = "new · #kind changes it".to_owned();
            let action = Action::CreateActorAndLink(name.to_owned(), role, kind);
            if items.is_empty() {
                items.insert(0, create);
                actions.insert(0, action);
            } else {
                items.push(create);
                actions.push(action);
            }
        }
        (items, actions)
    }

    /// The event palette's rows: matching events (by title, place or date), then a "create" row.
    fn event_palette_entries(
        &self,
        query: &str,
        role: EventRole,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let linked: Vec<(EventId, EventRole)> = self
            .link_target_passage()
            .map(|p| p.events.clone())
            .unwrap_or_default();
        let events: Vec<&Event> = super::entities::sorted_events(&self.project);
        let texts: Vec<String> = events
            .iter()
            .map(|e| format!("{} {}", e.title, e.place))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in fuzzy_rank(query, &refs) {
            let Some(event) = events.get(i) else {
                continue;
            };
            let on = linked.contains(&(event.id, role));
            let mut item = PaletteItem::new(event.title.clone());
            item.detail = if on {
                format!("{}: Enter unlinks", role.label())
            } else {
                event.date.map(|d| d.to_string()).unwrap_or_default()
            };
            item.checked = on;
            items.push(item);
            actions.push(Action::LinkEvent(event.id, role));
        }
        let title = query.trim();
        if !title.is_empty() && self.project.event_by_title(title).is_none() {
            let mut create = PaletteItem::new(format!("Create event “{title}”"));
            create.detail = "new".to_owned();
            if items.is_empty() {
                items.insert(0, create);
                actions.insert(0, Action::CreateEventAndLink(title.to_owned(), role));
            } else {
                items.push(create);
                actions.push(Action::CreateEventAndLink(title.to_owned(), role));
            }
        }
        (items, actions)
    }

    /// The passage a link would go to when there is no text selection.
    fn link_target_passage(&self) -> Option<&Passage> {
        self.selected_passage
            .filter(|_| self.reader.selection().is_none())
            .and_then(|p| self.project.passage(p))
    }

    fn command_palette_entries(
        &self,
        ctx: &egui::Context,
        query: &str,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let cx = self.command_context();
        let mut rows: Vec<(PaletteItem, Action)> = Vec::new();
        for command in Command::ALL {
            if let Command::ApplyRecentTag(n) = command
                && usize::from(*n) >= self.recent_tags.len()
            {
                continue;
            }
            let mut item =
                PaletteItem::new(format!("{}: {}", command.menu().title(), command.label()));
            if let Some(s) = command.shortcuts().first() {
                item.detail = ctx.format_shortcut(s);
            }
            item.disabled = !command.enabled(&cx);
            rows.push((item, Action::Run(*command)));
        }
        for path in &self.settings.recent {
            rows.push((
                PaletteItem::new(format!("Open recent: {}", path.display())),
                Action::Guarded(AfterGuard::OpenPath(path.clone())),
            ));
        }
        for doc in visible_documents(&self.project, &LibraryState::default()) {
            let mut item = PaletteItem::new(format!("Go to article: {}", doc.title));
            item.detail = doc.source.clone();
            rows.push((item, Action::OpenDocument(doc.id)));
        }
        let labels: Vec<&str> = rows.iter().map(|(i, _)| i.label.as_str()).collect();
        let order = fuzzy_rank(query, &labels);
        let mut items = Vec::new();
        let mut actions = Vec::new();
        let mut taken: Vec<Option<(PaletteItem, Action)>> = rows.into_iter().map(Some).collect();
        for i in order {
            if let Some(Some((item, action))) = taken.get_mut(i).map(Option::take) {
                items.push(item);
                actions.push(action);
            }
        }
        (items, actions)
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }

    // ----- carrying out actions -----

    /// Carries out every queued action, in order.
    pub fn apply_actions(&mut self, ctx: &egui::Context) {
        let mut rounds = 0;
        while !self.actions.is_empty() && rounds < 8 {
            rounds += 1;
            for action in std::mem::take(&mut self.actions) {
                self.apply_action(ctx, action);
            }
        }
        self.fix_selection();
    }

    fn apply_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(command) => self.run_command(ctx, command),
            Action::Edit(edit) => {
                self.apply_edit(edit, None);
            }
            Action::EditGrouped(edit, key) => {
                self.apply_edit(edit, Some(key));
            }
            Action::SealHistory => self.history.seal(),
            Action::OpenDocument(doc) => self.open_document(doc),
            Action::SelectPassage(p) => self.select_passage(p),
            Action::PlaceOrphan(p) => self.place_orphan(p),
            Action::SelectTag(t) => {
                self.codebook.selected = t;
            }
            Action::ApplyTag(tag) => self.apply_tag(tag),
            Action::CreateTagAndApply(name) => self.create_tag_and_apply(&name),
            Action::RequestDeleteTag(tag) => {
                let uses = self.project.tag_counts().get(&tag).copied().unwrap_or(0);
                if uses == 0 {
                    self.delete_tag(tag);
                } else {
                    self.dialog = Some(Dialog::DeleteTag { tag, uses });
                }
            }
            Action::DeleteTagEverywhere(tag) => {
                self.dialog = None;
                self.delete_tag(tag);
            }
            Action::MergeTags { from, into } => match merge_tags(&self.project, from, into) {
                Ok(edit) => {
                    let edit = self.led_by_tag(into, edit);
                    if self.apply_edit(edit, None) {
                        self.codebook.selected = Some(into);
                    }
                }
                Err(err) => self.error(format!("Could not merge the tags: {err}"), ""),
            },
            Action::Guarded(then) => {
                if self.dirty {
                    self.palette = None;
                    self.dialog = Some(Dialog::Unsaved { then });
                } else {
                    self.proceed(ctx, then);
                }
            }
            Action::SaveThen(then) => {
                self.dialog = None;
                self.after_save = Some(then);
                self.save(ctx, false);
            }
            Action::Proceed(then) => {
                self.dialog = None;
                self.proceed(ctx, then);
            }
            Action::FilesChosen(request, paths) => {
                if matches!(self.dialog, Some(Dialog::PathPrompt { .. })) {
                    self.dialog = None;
                }
                self.files_chosen(ctx, request, paths);
            }
            Action::ImportPasted { title, text } => self.import_pasted(&title, &text),
            Action::OpenDialog(dialog) => {
                self.palette = None;
                self.dialog = Some(dialog);
            }
            Action::CloseDialog => {
                self.dialog = None;
                self.after_save = None;
            }
            Action::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
            Action::ShowSideTab(tab) => self.side_tab = tab,
            Action::ShowView(view) => self.views.current = view,
            Action::JumpToPassage(p) => {
                self.views.current = CentreView::Reader;
                self.select_passage(p);
                self.focus_reader_now(ctx);
            }
            Action::JumpToText(doc, start, end) => {
                if self.project.document(doc).is_some() {
                    self.views.current = CentreView::Reader;
                    self.open_document(doc);
                    self.selected_passage = None;
                    self.reader.set_selection(start..end);
                    self.reader.scroll_to(start);
                    // Keys typed next (S, P, T…) act on the hit, not on the view left behind.
                    self.focus_reader_now(ctx);
                }
            }
            Action::SelectEvent(event) => {
                if self.project.event(event).is_some() {
                    self.side_tab = SideTab::Events;
                    self.entities.selected_event = Some(event);
                    self.entities.scroll_to_selected = true;
                }
            }
            Action::OpenActorProfile(actor) => {
                if self.project.actor(actor).is_some() {
                    self.views.profile.actor = Some(actor);
                    self.views.current = CentreView::Profile;
                    self.entities.selected_actor = Some(actor);
                }
            }
            Action::OpenEventCard(event) => {
                if self.project.event(event).is_some() {
                    self.views.profile.event = Some(event);
                    self.views.current = CentreView::Card;
                    self.actions.push(Action::SelectEvent(event));
                }
            }
            Action::ExportView(format) => match self.views.excerpts.query() {
                Ok(_) => self.request_file(FileRequest::Export(format)),
                Err(why) => self.error(format!("Could not export the view: {why}"), ""),
            },
            Action::LinkActor(actor, role) => {
                let built = link_actor_to_target(&self.project, self.gesture_target(), actor, role);
                self.run_gesture(built, true);
            }
            Action::CreateActorAndLink(name, role, kind) => {
                let built =
                    create_actor_and_link(&self.project, self.gesture_target(), &name, role, kind);
                if let Some(created) = self.run_creating_gesture(built) {
                    self.entities.selected_actor = Some(created);
                }
            }
            Action::LinkEvent(event, role) => {
                let built = link_event_to_target(&self.project, self.gesture_target(), event, role);
                self.run_gesture(built, true);
            }
            Action::CreateEventAndLink(title, role) => {
                let built =
                    create_event_and_link(&self.project, self.gesture_target(), &title, role);
                if let Some(created) = self.run_creating_gesture(built) {
                    self.entities.selected_event = Some(created);
                }
            }
            Action::RequestDeleteActor(actor) => {
                self.entities.index.refresh(&self.project);
                let uses = self.entities.index.actor_count(actor);
                let events = self
                    .project
                    .events()
                    .values()
                    .filter(|e| e.participants.iter().any(|(a, _)| *a == actor))
                    .count();
                if uses == 0 && events == 0 {
                    self.delete_actor(actor);
                } else {
                    self.palette = None;
                    self.dialog = Some(Dialog::DeleteActor {
                        actor,
                        uses,
                        events,
                    });
                }
            }
            Action::DeleteActorEverywhere(actor) => {
                self.dialog = None;
                self.delete_actor(actor);
            }
            Action::MergeActors { from, into } => {
                let names = (
                    self.project.actor(from).map(|a| a.name.clone()),
                    self.project.actor(into).map(|a| a.name.clone()),
                );
                match merge_actors(&self.project, from, into) {
                    Ok(edit) => {
                        if self.apply_edit(edit, None) {
                            self.entities.selected_actor = Some(into);
                            if let (Some(f), Some(i)) = names {
                                self.info(format!("Merged “{f}” into “{i}”. Undo with Ctrl+Z."));
                            }
                        }
                    }
                    Err(err) => self.error(format!("Could not merge the actors: {err}"), ""),
                }
            }
            Action::RequestDeleteEvent(event) => {
                self.entities.index.refresh(&self.project);
                let uses = self.entities.index.event_count(event);
                if uses == 0 {
                    self.delete_event(event);
                } else {
                    self.palette = None;
                    self.dialog = Some(Dialog::DeleteEvent { event, uses });
                }
            }
            Action::DeleteEventEverywhere(event) => {
                self.dialog = None;
                self.delete_event(event);
            }
            Action::Guard(action) => self.apply_guard_action(ctx, action),
            Action::PickTagForSearchHits => {
                self.dialog = None;
                self.palette = Some(PaletteState::new(PaletteKind::SearchHits));
            }
            Action::TagSearchHits(tag) => self.tag_search_hits(tag, None),
            Action::ExportTo(request) => self.write_export(
                &request.query,
                request.format,
                &request.options,
                &request.path,
            ),
            Action::StartProject(title) => {
                self.replace_project(Project::new(title.clone()), None);
                self.info(format!(
                    "Started “{title}”, an empty project: import articles (Ctrl+I) or paste one (Ctrl+Shift+V)."
                ));
            }
            Action::ReparentTag { tag, parent } => self.reparent_tag(tag, parent),
            Action::CreateTagAndTagSearchHits(name) => {
                let name = name.trim();
                if let Some(existing) = self.project.tag_by_name(name) {
                    let id = existing.id;
                    self.tag_search_hits(id, None);
                } else if !name.is_empty() {
                    let tag = Tag {
                        id: TagId::random(),
                        name: name.to_owned(),
                        color: Theme::next_tag_color(
                            self.project.tags().values().map(|t| &t.color),
                        ),
                        parent: None,
                        description: String::new(),
                    };
                    self.tag_search_hits(tag.id, Some(tag));
                }
            }
        }
    }

    /// Tags every hit of the search view with `tag` as one undo step (creating `new` first, in
    /// the same step, when given), and says how many were tagged.
    fn tag_search_hits(&mut self, tag: TagId, new: Option<Tag>) {
        let hits = self.views.search.hits(&self.project).to_vec();
        if hits.is_empty() {
            self.info("No search results to tag.");
            return;
        }
        let name = new
            .as_ref()
            .map(|t| t.name.clone())
            .unwrap_or_else(|| self.project.tag_path(tag, TAG_PATH_SEPARATOR));
        let (spans, already) = tag_coverage(&self.project, &hits, tag);
        let Some(edit) = crate::search::tag_hits(&self.project, &hits, tag) else {
            self.info(format!("All {spans} results already have “{name}”."));
            return;
        };
        let edit = match (new, edit) {
            (Some(t), Edit::Batch(mut edits)) => {
                edits.insert(0, Edit::AddTag(t));
                Edit::Batch(edits)
            }
            (Some(t), other) => Edit::Batch(vec![Edit::AddTag(t), other]),
            (None, edit) => self.led_by_tag(tag, edit),
        };
        if self.apply_edit(edit, None) {
            self.touch_recent(tag);
            let tagged = spans - already;
            self.info(format!(
                "Tagged {tagged} result{} with “{name}” ({already} already had it).",
                if tagged == 1 { "" } else { "s" }
            ));
        }
    }

    /// The tag palette's rows when it tags the search results: every tag (recent first), and a
    /// "create" row for a new name.
    fn search_tag_palette_entries(
        &self,
        query: &str,
        theme: &Theme,
    ) -> (Vec<PaletteItem>, Vec<Action>) {
        let counts = self.project.tag_counts();
        let (tags, paths) = self.palette_tags();
        let names: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (order, any_close) = close_then_fuzzy(query, &tags, &names);
        let mut items = Vec::new();
        let mut actions = Vec::new();
        for i in order {
            let (Some(tag), Some(path)) = (tags.get(i), paths.get(i)) else {
                continue;
            };
            items.push(PaletteItem {
                label: path.clone(),
                detail: format!("{}", counts.get(&tag.id).copied().unwrap_or(0)),
                swatch: Some(theme.swatch(tag.color)),
                checked: false,
                disabled: false,
            });
            actions.push(Action::TagSearchHits(tag.id));
        }
        let name = query.trim();
        if !name.is_empty() && self.project.tag_by_name(name).is_none() {
            let mut create = PaletteItem::new(format!("Create tag “{name}”"));
            create.detail = "new".to_owned();
            // First when no tag is close to the name, last (an explicit choice) otherwise.
            let at = if any_close { items.len() } else { 0 };
            items.insert(at, create);
            actions.insert(at, Action::CreateTagAndTagSearchHits(name.to_owned()));
        }
        (items, actions)
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let cx = self.command_context();
        if !command.enabled(&cx) {
            self.explain_disabled(command);
            return;
        }
        match command {
            Command::NewProject => self.actions.push(Action::Guarded(AfterGuard::New)),
            Command::OpenProject => self.actions.push(Action::Guarded(AfterGuard::Open)),
            Command::OpenExample => self.actions.push(Action::Guarded(AfterGuard::Example)),
            Command::SaveProject => self.save(ctx, false),
            Command::SaveProjectAs => self.save(ctx, true),
            Command::ImportFiles => self.request_file(FileRequest::ImportFiles),
            Command::ImportFolder => self.request_file(FileRequest::ImportFolder),
            Command::PasteArticle => {
                self.dialog = Some(Dialog::PasteArticle {
                    title: String::new(),
                    text: String::new(),
                    error: None,
                });
            }
            Command::ReplaceArticleText => self.request_file(FileRequest::ReplaceText),
            Command::EditArticleDetails => {
                if let Some(doc) = self
                    .reader
                    .document()
                    .and_then(|d| self.project.document(d))
                {
                    self.dialog = Some(Dialog::article_details(doc));
                }
            }
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => self.undo(false),
            Command::Redo => self.undo(true),
            Command::TagPalette => {
                self.refocus_reader = self.reader.has_focus();
                self.palette = Some(PaletteState::new(PaletteKind::Tags));
            }
            Command::ApplyRecentTag(n) => {
                if let Some(tag) = self.recent_tags.get(usize::from(n)).copied() {
                    self.apply_tag(tag);
                }
            }
            Command::LinkActor => {
                self.refocus_reader = self.reader.has_focus();
                self.palette = Some(PaletteState::new(PaletteKind::Actors));
            }
            Command::LinkEvent => {
                self.refocus_reader = self.reader.has_focus();
                self.palette = Some(PaletteState::new(PaletteKind::Events));
            }
            Command::NewActor => {
                self.side_tab = SideTab::Actors;
                self.dialog = Some(Dialog::Actor(ActorForm::new_actor("")));
            }
            Command::NewEvent => {
                self.side_tab = SideTab::Events;
                self.dialog = Some(Dialog::Event(EventForm::new_event("")));
            }
            Command::NextPassage => self.step_passage(true),
            Command::PreviousPassage => self.step_passage(false),
            Command::EditNote => {
                ctx.memory_mut(|m| m.request_focus(super::inspector::note_field_id()));
            }
            Command::DeletePassage => {
                if let Some(p) = self.selected_passage {
                    self.apply_edit(Edit::RemovePassage(p), None);
                }
            }
            Command::ClearSelection => {
                self.selected_passage = None;
                self.reader.clear_selection();
            }
            Command::NewTag | Command::NewSubTag => {
                let color = Theme::next_tag_color(self.project.tags().values().map(|t| &t.color));
                let selected = self.codebook.selected;
                let parent = selected.filter(|_| command == Command::NewSubTag);
                self.dialog = Some(Dialog::new_tag(color, parent, selected));
            }
            Command::Export => {
                self.palette = None;
                let form = super::export_dialog::ExportForm::new(
                    self.path.as_deref(),
                    &self.project.title,
                    &export_fallback_dir(),
                );
                self.dialog = Some(Dialog::Export(Box::new(form)));
            }
            Command::ProjectProperties => {
                self.palette = None;
                self.dialog = Some(Dialog::Properties(super::properties::PropertiesForm::of(
                    &self.project,
                )));
            }
            Command::ToggleLibrary => self.panels.library = !self.panels.library,
            Command::ToggleInspector => self.panels.inspector = !self.panels.inspector,
            Command::DeleteTag => {
                if let Some(tag) = self.codebook.selected {
                    self.actions.push(Action::RequestDeleteTag(tag));
                }
            }
            Command::CommandPalette => {
                self.refocus_reader = self.reader.has_focus();
                self.palette = Some(PaletteState::new(PaletteKind::Commands));
            }
            Command::FilterLibrary => ctx.memory_mut(|m| m.request_focus(filter_field_id())),
            Command::FocusReader => {
                self.views.current = CentreView::Reader;
                self.reader.request_focus();
            }
            Command::ShowExcerpts => self.views.current = CentreView::Excerpts,
            Command::ShowNetwork => self.views.current = CentreView::Network,
            Command::ShowCooccurrence => self.views.current = CentreView::Cooccurrence,
            Command::ShowSearch => {
                self.views.current = CentreView::Search;
                self.views.search.request_focus();
                super::views::search::focus_query_field(ctx, &self.views.search.query);
            }
            Command::ShowKeys => self.dialog = Some(Dialog::Keys),
            Command::CycleTheme => {
                self.settings.theme = self.settings.theme.next();
                self.info(format!("Theme: {}.", self.settings.theme.label()));
            }
        }
    }

    /// Gives the reader the keyboard focus at once (not only when it is next drawn), so the next
    /// frame's shortcuts already see it and no text field keeps the focus meanwhile.
    fn focus_reader_now(&mut self, ctx: &egui::Context) {
        self.reader.request_focus();
        ctx.memory_mut(|m| m.request_focus(super::reader::reader_id()));
    }

    /// Applies an edit through the history; reports failures as notices. True if it applied.
    fn apply_edit(&mut self, edit: Edit, group: Option<GroupKey>) -> bool {
        let label = edit.label();
        match self.history.apply_grouped(&mut self.project, edit, group) {
            Ok(_) => {
                self.dirty = self.history.state_token() != self.saved_token;
                true
            }
            Err(EditError::NoChange) => false,
            Err(err) => {
                self.error(format!("Could not {label}: {err}"), "");
                false
            }
        }
    }

    fn undo(&mut self, redo: bool) {
        let result = if redo {
            self.history.redo(&mut self.project)
        } else {
            self.history.undo(&mut self.project)
        };
        match result {
            Ok(Some(subject)) => {
                // Undoing back to the saved state is clean again.
                self.dirty = self.history.state_token() != self.saved_token;
                self.bring_into_view(subject);
            }
            Ok(None) => self.info(if redo {
                "Nothing to redo."
            } else {
                "Nothing to undo."
            }),
            Err(err) => self.error(
                format!("Could not {}: {err}", if redo { "redo" } else { "undo" }),
                "",
            ),
        }
    }

    /// Shows what an undone or redone step changed.
    fn bring_into_view(&mut self, subject: Subject) {
        match subject {
            Subject::Passage(p) => {
                if self.project.passage(p).is_some() {
                    self.select_passage(p);
                }
            }
            Subject::Tag(t) => {
                if self.project.tag(t).is_some() {
                    self.codebook.selected = Some(t);
                    self.codebook.scroll_to_selected = true;
                }
            }
            Subject::Document(d) => {
                if self.project.document(d).is_some() {
                    self.open_document(d);
                }
            }
            Subject::Actor(a) => {
                if self.project.actor(a).is_some() {
                    self.side_tab = SideTab::Actors;
                    self.entities.selected_actor = Some(a);
                    self.entities.scroll_to_selected = true;
                }
            }
            Subject::Event(e) => {
                if self.project.event(e).is_some() {
                    self.side_tab = SideTab::Events;
                    self.entities.selected_event = Some(e);
                    self.entities.scroll_to_selected = true;
                }
            }
            Subject::Project | Subject::Claim(_) => {}
        }
    }

    fn open_document(&mut self, doc: DocId) {
        if self.reader.document() != Some(doc) {
            self.reader.set_document(Some(doc));
        }
        if self
            .selected_passage
            .and_then(|p| self.project.passage(p))
            .is_some_and(|p| p.doc != doc)
        {
            self.selected_passage = None;
        }
    }

    fn select_passage(&mut self, id: PassageId) {
        let Some(passage) = self.project.passage(id) else {
            return;
        };
        let (doc, start) = (passage.doc, passage.start);
        self.open_document(doc);
        self.selected_passage = Some(id);
        self.reader.clear_selection();
        self.reader.scroll_to(start);
    }

    fn step_passage(&mut self, forward: bool) {
        let Some(doc) = self.reader.document() else {
            return;
        };
        let passages: Vec<(usize, usize, PassageId)> = self
            .project
            .passages_in(doc)
            .map(|p| (p.start, p.end, p.id))
            .collect();
        let current = self
            .selected_passage
            .and_then(|id| self.project.passage(id))
            .filter(|p| p.doc == doc)
            .map(|p| (p.start, p.end, p.id));
        let next = match (current, forward) {
            (Some(c), true) => passages.iter().find(|p| **p > c),
            (Some(c), false) => passages.iter().rev().find(|p| **p < c),
            (None, true) => passages.first(),
            (None, false) => passages.last(),
        };
        match next {
            Some(&(_, _, id)) => self.select_passage(id),
            None if passages.is_empty() => self.info("This article has no passages yet."),
            None => self.info(if forward {
                "That was the last passage of this article."
            } else {
                "That was the first passage of this article."
            }),
        }
    }

    /// Drops selections that point at things that no longer exist.
    fn fix_selection(&mut self) {
        if let Some(doc) = self.reader.document()
            && self.project.document(doc).is_none()
        {
            self.reader.set_document(None);
        }
        if self
            .selected_passage
            .is_some_and(|p| self.project.passage(p).is_none())
        {
            self.selected_passage = None;
        }
        if self
            .codebook
            .selected
            .is_some_and(|t| self.project.tag(t).is_none())
        {
            self.codebook.selected = None;
        }
        let project = &self.project;
        self.recent_use.resize(self.recent_tags.len(), 0);
        let keep: Vec<bool> = self
            .recent_tags
            .iter()
            .map(|t| project.tag(*t).is_some())
            .collect();
        let mut flags = keep.iter();
        self.recent_use
            .retain(|_| flags.next().copied().unwrap_or(false));
        self.recent_tags.retain(|t| project.tag(*t).is_some());
        if self.reader.document().is_none()
            && let Some(first) = visible_documents(&self.project, &self.library).first()
        {
            self.reader.set_document(Some(first.id));
        }
    }

    /// Puts a just-used tag on a number key. Tags already there keep their key (no reordering
    /// under the user's fingers); a new one takes a free key, or the key of the tag used
    /// longest ago. Remembered per project file.
    fn touch_recent(&mut self, tag: TagId) {
        let serial = self.recent_use.iter().copied().max().unwrap_or(0) + 1;
        self.recent_use.resize(self.recent_tags.len(), 0);
        if let Some(i) = self.recent_tags.iter().position(|t| *t == tag) {
            if let Some(u) = self.recent_use.get_mut(i) {
                *u = serial;
            }
        } else if self.recent_tags.len() < RECENT_TAGS {
            self.recent_tags.push(tag);
            self.recent_use.push(serial);
        } else if let Some((i, _)) = self.recent_use.iter().enumerate().min_by_key(|(_, u)| **u) {
            if let Some(slot) = self.recent_tags.get_mut(i) {
                *slot = tag;
            }
            if let Some(u) = self.recent_use.get_mut(i) {
                *u = serial;
            }
        }
        self.store_recent_tags();
    }

    /// Writes the number keys' tags into the settings, under the project's file.
    fn store_recent_tags(&mut self) {
        if let Some(path) = self.path.clone() {
            let tags = self.recent_tags.clone();
            self.settings.set_recent_tags(&path, &tags);
        }
    }

    /// The number keys' tags remembered for the project's file (those that still exist).
    fn load_recent_tags(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let project = &self.project;
        self.recent_tags = self
            .settings
            .recent_tags_for(&path)
            .into_iter()
            .filter(|t| project.tag(*t).is_some())
            .take(RECENT_TAGS)
            .collect();
        // Older keys count as used longer ago.
        let n = self.recent_tags.len() as u64;
        self.recent_use = (0..n).map(|i| n - i).collect();
    }

    /// What the gestures act on: the reader's text selection, else the selected passage.
    fn gesture_target(&self) -> Option<Target> {
        if let (Some(range), Some(doc)) = (self.reader.selection(), self.reader.document()) {
            return Some(Target::Span {
                doc,
                start: range.start,
                end: range.end,
            });
        }
        self.selected_passage.map(Target::Passage)
    }

    /// Applies a gesture on the target and selects its passage; says why when it could not be
    /// built or applied to the target (`tell_unapplied`: also when only its new tag, actor or
    /// event is created). Returns whether a tag or link was added to a passage.
    fn run_gesture(&mut self, built: Result<Gesture, TargetError>, tell_unapplied: bool) -> bool {
        let gesture = match built {
            Ok(gesture) => gesture,
            Err(why) => {
                self.info(why.to_string());
                return false;
            }
        };
        if let Some(why) = &gesture.unapplied
            && tell_unapplied
        {
            self.info(why.to_string());
        }
        if !self.apply_edit(gesture.edit, None) {
            return false;
        }
        let Some(passage) = gesture.passage else {
            return false;
        };
        self.selected_passage = Some(passage);
        self.reader.clear_selection();
        gesture.adding
    }

    /// Runs a gesture that may create its actor or event (an empty name does nothing); returns
    /// the id of the one created.
    fn run_creating_gesture<I>(
        &mut self,
        built: Result<(Gesture, Option<I>), TargetError>,
    ) -> Option<I> {
        match built {
            Ok((gesture, created)) => {
                self.run_gesture(Ok(gesture), true);
                created
            }
            Err(TargetError::EmptyName) => None,
            Err(why) => {
                self.info(why.to_string());
                None
            }
        }
    }

    fn apply_tag(&mut self, tag: TagId) {
        let built = tag_target(&self.project, self.gesture_target(), tag);
        if self.run_gesture(built, true) {
            self.touch_recent(tag);
        }
    }

    fn create_tag_and_apply(&mut self, name: &str) {
        let new = Tag {
            id: TagId::random(),
            name: name.to_owned(),
            color: Theme::next_tag_color(self.project.tags().values().map(|t| &t.color)),
            parent: None,
            description: String::new(),
        };
        match create_tag_and_apply(&self.project, self.gesture_target(), new) {
            Ok((gesture, created)) => {
                let tag = created.or_else(|| self.project.tag_by_name(name.trim()).map(|t| t.id));
                // A new tag with nothing to apply it to is created quietly.
                if self.run_gesture(Ok(gesture), created.is_none())
                    && let Some(tag) = tag
                {
                    self.touch_recent(tag);
                }
                if let Some(created) = created
                    && self.project.tag(created).is_some()
                {
                    self.codebook.selected = Some(created);
                }
            }
            Err(TargetError::EmptyName) => {}
            Err(why) => self.info(why.to_string()),
        }
    }

    /// Puts an unchanged copy of `tag` first in a gesture's batch. Applying it is a no-op (a
    /// batch skips edits that change nothing), but the undo history names a step after its
    /// first edit, so undo and redo then bring this tag into view rather than whatever the
    /// gesture happened to touch first.
    fn led_by_tag(&self, tag: TagId, edit: Edit) -> Edit {
        let Some(t) = self.project.tag(tag) else {
            return edit;
        };
        match edit {
            Edit::Batch(mut edits) => {
                edits.insert(0, Edit::SetTag(t.clone()));
                Edit::Batch(edits)
            }
            other => Edit::Batch(vec![Edit::SetTag(t.clone()), other]),
        }
    }

    fn delete_actor(&mut self, actor: ActorId) {
        let name = self
            .project
            .actor(actor)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        match delete_actor_everywhere(&self.project, actor) {
            Ok(edit) => {
                if self.apply_edit(edit, None) {
                    self.info(format!("Deleted the actor “{name}”. Undo with Ctrl+Z."));
                }
            }
            Err(err) => self.error(format!("Could not delete the actor: {err}"), ""),
        }
    }

    fn delete_event(&mut self, event: EventId) {
        let title = self
            .project
            .event(event)
            .map(|e| e.title.clone())
            .unwrap_or_default();
        match delete_event_everywhere(&self.project, event) {
            Ok(edit) => {
                if self.apply_edit(edit, None) {
                    self.info(format!("Deleted the event “{title}”. Undo with Ctrl+Z."));
                }
            }
            Err(err) => self.error(format!("Could not delete the event: {err}"), ""),
        }
    }

    fn delete_tag(&mut self, tag: TagId) {
        match delete_tag_everywhere(&self.project, tag) {
            Ok(edit) => {
                let edit = self.led_by_tag(tag, edit);
                let name = self
                    .project
                    .tag(tag)
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                if self.apply_edit(edit, None) {
                    self.info(format!("Deleted the tag “{name}”. Undo with Ctrl+Z."));
                }
            }
            Err(err) => self.error(format!("Could not delete the tag: {err}"), ""),
        }
    }

    /// Puts `tag` under `parent` (or at the top level) as one undo step; refuses a move into
    /// its own subtree or next to a sibling of the same name, and says why.
    fn reparent_tag(&mut self, tag: TagId, parent: Option<TagId>) {
        let Some(old) = self.project.tag(tag).cloned() else {
            return;
        };
        if old.parent == parent {
            return;
        }
        if let Some(p) = parent
            && self.project.tag_with_descendants(tag).contains(&p)
        {
            self.info(format!(
                "“{}” cannot go under itself or one of its sub-tags.",
                old.name
            ));
            return;
        }
        if let Err(why) =
            super::dialogs::check_tag_name(&self.project, &old.name, parent, Some(tag))
        {
            self.info(why);
            return;
        }
        let mut moved = old;
        moved.parent = parent;
        if self.apply_edit(Edit::SetTag(moved), None) {
            self.codebook.selected = Some(tag);
            let place = parent.map_or("to the top level".to_owned(), |p| {
                format!("under “{}”", self.project.tag_path(p, TAG_PATH_SEPARATOR))
            });
            let name = self.project.tag(tag).map_or("", |t| t.name.as_str());
            self.info(format!("Moved “{name}” {place}. Undo with Ctrl+Z."));
        }
    }

    // ----- files -----

    fn proceed(&mut self, ctx: &egui::Context, then: AfterGuard) {
        match then {
            AfterGuard::New => {
                // Asks for the title first; Create starts the project (Action::StartProject).
                self.palette = None;
                self.dialog = Some(Dialog::Properties(
                    super::properties::PropertiesForm::new_project(),
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

    fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.guard_before_replace(path.as_deref());
        self.project = project;
        self.path = path;
        self.history.clear();
        self.dirty = false;
        self.saved_token = self.history.state_token();
        self.selected_passage = None;
        self.recent_tags.clear();
        self.recent_use.clear();
        self.boundary_session = None;
        self.codebook = CodebookState::default();
        self.entities = EntitiesState::default();
        self.inspector = InspectorState::default();
        self.library.filter.clear();
        self.reader.set_document(None);
        if let Some(path) = &self.path {
            self.settings.remember(path);
        }
        self.load_recent_tags();
        self.fix_selection();
        self.guard_after_replace();
    }

    fn open_path(&mut self, path: &Path) {
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

    fn save(&mut self, ctx: &egui::Context, ask: bool) {
        match (&self.path, ask) {
            (Some(path), false) => {
                let path = path.clone();
                self.save_to(ctx, &path);
            }
            _ => self.request_file(FileRequest::SaveAs),
        }
    }

    fn save_to(&mut self, ctx: &egui::Context, path: &Path) {
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
        match crate::store::save(&self.project, &path) {
            Ok(()) => {
                self.dirty = false;
                self.saved_token = self.history.state_token();
                self.settings.remember(&path);
                self.guard_saved(&path);
                self.path = Some(path.clone());
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
    fn path_prompt(&self, request: FileRequest) -> Dialog {
        let text = match request {
            FileRequest::SaveAs => {
                let name = match &self.path {
                    Some(p) => p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| file_name_for_title(&self.project.title)),
                    None if self.project.title.trim().is_empty() => "project.ron".to_owned(),
                    None => file_name_for_title(&self.project.title),
                };
                let name = if self.path.is_none()
                    && crate::example::example_project()
                        .map(|e| e.title == self.project.title)
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
                .unwrap_or_else(|| format!("{}/", super::files::saves_dir().display())),
            FileRequest::ImportFiles | FileRequest::ImportFolder | FileRequest::ReplaceText => {
                String::new()
            }
            FileRequest::Export(format) => crate::export::destination::default_export_path(
                self.path.as_deref(),
                &self.project.title,
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

    fn request_file(&mut self, request: FileRequest) {
        self.palette = None;
        match self.dialog_mode {
            DialogMode::InApp => self.dialog = Some(self.path_prompt(request)),
            DialogMode::Native => {
                if self.pending_dialog.is_some() {
                    self.info("A file dialog is already open.");
                    return;
                }
                let (dir, name) = match request {
                    FileRequest::SaveAs | FileRequest::Export(_) => {
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
                        self.path
                            .as_ref()
                            .and_then(|p| p.parent())
                            .map(Path::to_owned),
                        None,
                    ),
                };
                self.pending_dialog = Some(PendingDialog::spawn(request, dir, name));
            }
        }
    }

    fn files_chosen(&mut self, ctx: &egui::Context, request: FileRequest, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match request {
            FileRequest::Open => self.open_path(&first),
            FileRequest::SaveAs => self.save_to(ctx, &first),
            FileRequest::ImportFiles | FileRequest::ImportFolder => self.start_import(paths),
            FileRequest::Export(format) => self.export_view(format, &first),
            FileRequest::ReplaceText => self.start_replace_text(&first),
        }
    }

    /// Writes what the excerpts table's filter selects to `path`.
    fn export_view(&mut self, format: crate::export::Format, path: &Path) {
        let query = match self.views.excerpts.query() {
            Ok(q) => q,
            Err(why) => {
                self.error(format!("Could not export the view: {why}"), "");
                return;
            }
        };
        self.write_export(
            &query,
            format,
            &crate::export::ExportOptions::default(),
            path,
        );
    }

    /// Writes an export of what `query` selects to `path` and says how it went.
    fn write_export(
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
        if self.path.as_deref().is_some_and(|p| same_file(p, &path)) {
            self.error(
                format!(
                    "Did not export to {}: that is the project file itself.",
                    path.display()
                ),
                "Nothing was written. Choose another file name.",
            );
            return;
        }
        let result = crate::export::export_with(&self.project, query, format, options)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if let Some(parent) = path.parent()
                    && !parent.as_os_str().is_empty()
                {
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                std::fs::write(&path, bytes).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => {
                let n = query.run(&self.project).passages.len();
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

    fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.import_job.is_some() {
            self.info("An import is already running; wait for it to finish.");
            return;
        }
        self.import_job = Some(ImportJob::spawn(self.project.clone(), paths));
    }

    /// Waits for a running import to finish and applies it (tests and scripts).
    pub fn wait_for_import(&mut self) {
        while let Some(job) = &self.import_job {
            if let Some(result) = job.poll() {
                let paths = job.paths.clone();
                self.import_job = None;
                self.finish_import(&paths, result);
            } else {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    fn finish_import(
        &mut self,
        paths: &[PathBuf],
        result: Result<crate::import::ImportBatch, Vec<crate::import::ImportFailure>>,
    ) {
        match result {
            Ok(batch) => {
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
                            "No date: {}. Set it with Edit article details (Ctrl+E); type “no date” in the library filter to list them.",
                            undated.join(", ")
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
                let lines: Vec<String> = failures.iter().map(|f| f.error.to_string()).collect();
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

    fn import_pasted(&mut self, title: &str, text: &str) {
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

    // ----- notices -----

    fn error(&mut self, text: impl Into<String>, hint: impl Into<String>) {
        self.notices.push(Notice {
            level: NoticeLevel::Error,
            text: text.into(),
            hint: hint.into(),
            shown_at: None,
        });
    }

    fn info(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.notices
            .retain(|n| !(n.level == NoticeLevel::Info && n.text == text));
        self.notices.push(Notice {
            level: NoticeLevel::Info,
            text,
            hint: String::new(),
            shown_at: None,
        });
    }
}

/// Splits a palette query into the name and the role: a trailing `/word` picks the first role
/// whose label starts with `word` ("putin /sp" → speaker); otherwise `current` stays.
pub fn split_role<'q>(query: &'q str, current: usize, labels: &[&str]) -> (&'q str, usize) {
    if let Some((name, suffix)) = query.rsplit_once('/') {
        let suffix = suffix.trim().to_lowercase();
        if suffix.is_empty() {
            return (name.trim_end(), current);
        }
        if let Some(i) = labels.iter().position(|l| l.starts_with(&suffix)) {
            return (name.trim_end(), i);
        }
    }
    (query, current)
}

/// The order of a tag palette's rows: the tags whose name contains the query (best fuzzy score
/// first), then those a typo away (fewest edits first; see `search::names`), then the other
/// fuzzy matches of their paths; and whether any was close (containing or a typo away).
fn close_then_fuzzy(query: &str, tags: &[&Tag], paths: &[&str]) -> (Vec<usize>, bool) {
    use crate::search::names::{close_names, contains_folded};
    let fuzzy = fuzzy_rank(query, paths);
    if query.trim().is_empty() {
        return (fuzzy, false);
    }
    let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    let contains = |i: &usize| names.get(*i).is_some_and(|n| contains_folded(query, n));
    let mut order: Vec<usize> = fuzzy.iter().copied().filter(contains).collect();
    for i in close_names(query, &names) {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let any_close = !order.is_empty();
    for i in fuzzy {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    (order, any_close)
}

/// The folder exports of a project never saved are offered in: the home folder (absolute, so
/// the offer does not depend on where the app was started), else the current folder.
fn export_fallback_dir() -> PathBuf {
    std::env::home_dir()
        .filter(|h| h.is_absolute())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Whether two paths name the same file (the second may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Metadata as edited in the article details dialog.
pub fn doc_meta(
    title: &str,
    source: &str,
    author: &str,
    url: &str,
    date: &str,
) -> Result<DocMeta, String> {
    let title = title.trim();
    if title.is_empty() {
        return Err("The title cannot be empty.".to_owned());
    }
    let published = if date.trim().is_empty() {
        None
    } else {
        Some(date.trim().parse().map_err(|e| {
            format!("{e}. Write the date as YYYY, YYYY-MM or YYYY-MM-DD, with ~ for an approximate date.")
        })?)
    };
    Ok(DocMeta {
        title: title.to_owned(),
        source: source.trim().to_owned(),
        author: author.trim().to_owned(),
        url: url.trim().to_owned(),
        published,
    })
}
