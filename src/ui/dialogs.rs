//! Modal dialogs: the unsaved-changes guard (Save / Discard / Cancel), the delete-tag
//! confirmation, the in-app path prompt (used when no native file dialog exists), pasting an
//! article, editing an article's details, creating a tag, the actor and event forms and their
//! delete confirmations, and the guards that keep work from being lost (restore an autosave,
//! a project open in another window, a file changed on disk). Dialogs only return [`Action`]s;
//! the workbench carries them out.

use crate::ui::combo::ComboAbove;
use std::path::PathBuf;

use egui::{Key, RichText};

use super::TAG_PATH_SEPARATOR;
use super::entities::{ActorForm, EventForm, actor_form_ui, delete_entity_ui, event_form_ui};
use super::files::{FileRequest, parse_prompt_paths};
use super::theme::Theme;
use super::workbench::{Action, GuardAction, doc_meta};
use crate::edit::Edit;
use crate::model::{ActorId, DocId, Document, EventId, Project, Rgb, Tag, TagId};
use crate::store::LockOwner;

/// What to do once the unsaved-changes question is answered (or was not needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterGuard {
    /// Start an empty project.
    New,
    /// Ask for a project file and open it.
    Open,
    /// Open this project file.
    OpenPath(PathBuf),
    /// Open an unsaved copy of the example project.
    Example,
    /// Close the window.
    Close,
}

impl AfterGuard {
    fn question(&self) -> &'static str {
        match self {
            Self::Close => "Save your changes before closing?",
            Self::New => "Save your changes before starting a new project?",
            Self::Open | Self::OpenPath(_) => "Save your changes before opening another project?",
            Self::Example => "Save your changes before opening the example project?",
        }
    }
}

/// An open modal dialog and the values typed into it.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// Unsaved changes: Save / Discard / Cancel, then `then`.
    Unsaved {
        /// What was asked for.
        then: AfterGuard,
    },
    /// Deleting a tag that passages use.
    DeleteTag {
        /// The tag.
        tag: TagId,
        /// How many passages carry it.
        uses: usize,
    },
    /// Type a path (no native dialog available).
    PathPrompt {
        /// What the path is for.
        request: FileRequest,
        /// The typed path(s).
        text: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// Paste an article's text and title.
    PasteArticle {
        /// The title.
        title: String,
        /// The text.
        text: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// Edit an article's metadata.
    ArticleDetails {
        /// The article.
        doc: DocId,
        /// Title.
        title: String,
        /// Outlet.
        source: String,
        /// Byline.
        author: String,
        /// Address.
        url: String,
        /// Publication date as typed.
        date: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// Every keyboard shortcut: the commands' and the reader's.
    Keys,
    /// Create or edit an actor.
    Actor(ActorForm),
    /// Create or edit an event.
    Event(EventForm),
    /// Deleting an actor that passages or events link.
    DeleteActor {
        /// The actor.
        actor: ActorId,
        /// How many passages link it.
        uses: usize,
        /// How many events it takes part in.
        events: usize,
    },
    /// Deleting an event that passages link.
    DeleteEvent {
        /// The event.
        event: EventId,
        /// How many passages link it.
        uses: usize,
    },
    /// An autosave newer than the project was found: Restore or Discard (no other way out, so
    /// the autosave is never overwritten before the user decides).
    Recovery {
        /// The project's file (`None`: an unsaved project).
        project_path: Option<PathBuf>,
        /// What the autosave has that the file does not.
        summary: String,
        /// How old the autosave is ("12 minutes ago").
        age: String,
    },
    /// The project is open in another Dossier window: open anyway, or cancel.
    InUse {
        /// The project file.
        path: PathBuf,
        /// Who has it open.
        owner: LockOwner,
        /// Asked on start, with the project already shown (Cancel then shows the example).
        at_start: bool,
    },
    /// Saving would overwrite changes someone else made to the file.
    Conflict {
        /// The project file.
        path: PathBuf,
    },
    /// Reloading from disk throws away unsaved changes: confirm.
    ConfirmReload {
        /// The project file.
        path: PathBuf,
    },
    /// Create a tag.
    NewTag {
        /// Its name.
        name: String,
        /// Its colour.
        color: Rgb,
        /// Its parent (the top level unless asked otherwise).
        parent: Option<TagId>,
        /// The tag selected in the codebook, offered as the parent one key away (Alt+U).
        suggested_parent: Option<TagId>,
        /// Its description.
        description: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// File › Export…: format, filters, grouping, output file.
    Export(Box<super::export_dialog::ExportForm>),
    /// Project › Properties… (or the title of a project about to be started).
    Properties(super::properties::PropertiesForm),
}

impl Dialog {
    /// The dialog's title.
    pub fn title(&self) -> String {
        match self {
            Self::Unsaved { .. } => "Unsaved changes".to_owned(),
            Self::DeleteTag { .. } => "Delete tag".to_owned(),
            Self::PathPrompt { request, .. } => request.title().to_owned(),
            Self::PasteArticle { .. } => "Paste an article".to_owned(),
            Self::ArticleDetails { .. } => "Article details".to_owned(),
            Self::NewTag { .. } => "New tag".to_owned(),
            Self::Keys => "Keyboard shortcuts".to_owned(),
            Self::Actor(f) if f.id.is_some() => "Edit actor".to_owned(),
            Self::Actor(_) => "New actor".to_owned(),
            Self::Event(f) if f.id.is_some() => "Edit event".to_owned(),
            Self::Event(_) => "New event".to_owned(),
            Self::DeleteActor { .. } => "Delete actor".to_owned(),
            Self::DeleteEvent { .. } => "Delete event".to_owned(),
            Self::Recovery { .. } => "Recover unsaved work".to_owned(),
            Self::InUse { .. } => "Open in another window".to_owned(),
            Self::Conflict { .. } => "Changed on disk".to_owned(),
            Self::ConfirmReload { .. } => "Reload from disk".to_owned(),
            Self::Export(_) => "Export".to_owned(),
            Self::Properties(form) => form.heading().to_owned(),
        }
    }

    /// The details dialog for an article, filled with its current metadata.
    pub fn article_details(doc: &Document) -> Self {
        Self::ArticleDetails {
            doc: doc.id,
            title: doc.title.clone(),
            source: doc.source.clone(),
            author: doc.author.clone(),
            url: doc.url.clone(),
            date: doc.published.map(|d| d.to_string()).unwrap_or_default(),
            error: None,
        }
    }

    /// The new-tag dialog with a suggested colour, its parent, and the parent offered one key
    /// away (the tag selected in the codebook).
    pub fn new_tag(color: Rgb, parent: Option<TagId>, suggested_parent: Option<TagId>) -> Self {
        Self::NewTag {
            name: String::new(),
            color,
            parent,
            suggested_parent,
            description: String::new(),
            error: None,
        }
    }
}

fn id_of(dialog: &Dialog) -> egui::Id {
    egui::Id::unique(("dossier-dialog", dialog.title()))
}

/// A labelled single-line field; returns (response, Enter pressed in it).
fn field_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    hint: &str,
    focus_first: bool,
) -> (egui::Response, bool) {
    let label_response = ui.label(label);
    let response = egui::TextEdit::singleline(value)
        .hint_text(hint)
        .desired_width(f32::INFINITY)
        .show(ui)
        .response
        .response
        .labelled_by(label_response.id);
    if focus_first {
        response.request_focus();
    }
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    (response, enter)
}

/// Whether this is the first frame the dialog is shown (to place the keyboard focus).
fn first_frame(ctx: &egui::Context, id: egui::Id) -> bool {
    let frame = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let last: Option<u64> = d.get_temp(id);
        d.insert_temp(id, frame);
        last.is_none_or(|l| l + 1 < frame)
    })
}

/// Shows the open dialog; returns what the user asked for.
pub fn dialog_ui(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    project: &Project,
    theme: &Theme,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let id = id_of(dialog);
    let focus = first_frame(ctx, id.with("focus"));
    let title = dialog.title();
    // Anchored at the top, so a dialog whose content grows does not move its fields.
    let area =
        egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0));
    let modal = egui::Modal::new(id)
        .area(area)
        .backdrop_color(theme.backdrop)
        .frame(egui::Frame::popup(&ctx.global_style()).inner_margin(egui::Margin::same(18)))
        .show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading(&title);
            ui.add_space(6.0);
            match dialog {
                Dialog::Unsaved { then } => unsaved_ui(ui, then, project, &mut actions),
                Dialog::DeleteTag { tag, uses } => {
                    delete_tag_ui(ui, *tag, *uses, project, theme, &mut actions);
                }
                Dialog::PathPrompt {
                    request,
                    text,
                    error,
                } => path_prompt_ui(ui, *request, text, error, focus, theme, &mut actions),
                Dialog::PasteArticle { title, text, error } => {
                    paste_ui(ui, title, text, error, focus, theme, &mut actions);
                }
                Dialog::ArticleDetails {
                    doc,
                    title,
                    source,
                    author,
                    url,
                    date,
                    error,
                } => {
                    let mut ok = false;
                    egui::Grid::new("dossier-details-grid")
                        .num_columns(2)
                        .spacing([10.0, 8.0])
                        .show(ui, |ui| {
                            for (label, value, hint, first) in [
                                ("Title", &mut *title, "Headline", focus),
                                ("Outlet", &mut *source, "e.g. Reuters", false),
                                ("Author", &mut *author, "Byline", false),
                                ("URL", &mut *url, "https://…", false),
                                (
                                    "Published",
                                    &mut *date,
                                    "YYYY-MM-DD, YYYY-MM, YYYY; ~ = approximate",
                                    false,
                                ),
                            ] {
                                let (_, enter) = field_ui(ui, label, value, hint, first);
                                ok |= enter;
                                ui.end_row();
                            }
                        });
                    error_ui(ui, error, theme);
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        ok |= ui.button("Apply").clicked();
                        if ui.button("Cancel").clicked() {
                            actions.push(Action::CloseDialog);
                        }
                    });
                    if ok {
                        match doc_meta(title, source, author, url, date) {
                            Ok(meta) => {
                                actions.push(Action::CloseDialog);
                                let unchanged =
                                    project.document(*doc).is_some_and(|d| d.meta() == meta);
                                if !unchanged {
                                    actions.push(Action::Edit(Edit::SetDocumentMeta(*doc, meta)));
                                }
                            }
                            Err(why) => *error = Some(why),
                        }
                    }
                }
                Dialog::Keys => keys_ui(ui, theme, &mut actions),
                Dialog::Actor(form) => {
                    actor_form_ui(ui, form, focus, project, theme, &mut actions);
                }
                Dialog::Event(form) => {
                    event_form_ui(ui, form, focus, project, theme, &mut actions);
                }
                Dialog::DeleteActor {
                    actor,
                    uses,
                    events,
                } => {
                    let name = project.actor(*actor).map_or("", |a| a.name.as_str());
                    delete_entity_ui(
                        ui,
                        name,
                        *uses,
                        *events,
                        Action::DeleteActorEverywhere(*actor),
                        theme,
                        &mut actions,
                    );
                }
                Dialog::DeleteEvent { event, uses } => {
                    let name = project.event(*event).map_or("", |e| e.title.as_str());
                    delete_entity_ui(
                        ui,
                        name,
                        *uses,
                        0,
                        Action::DeleteEventEverywhere(*event),
                        theme,
                        &mut actions,
                    );
                }
                Dialog::Recovery {
                    project_path,
                    summary,
                    age,
                } => recovery_ui(
                    ui,
                    project_path.as_deref(),
                    summary,
                    age,
                    theme,
                    &mut actions,
                ),
                Dialog::InUse {
                    path,
                    owner,
                    at_start,
                } => in_use_ui(ui, path, owner, *at_start, theme, &mut actions),
                Dialog::Conflict { path } => conflict_ui(ui, path, theme, &mut actions),
                Dialog::ConfirmReload { path } => confirm_reload_ui(ui, path, theme, &mut actions),
                Dialog::Export(form) => {
                    use super::export_dialog::{ExportOutcome, export_form_ui};
                    match export_form_ui(ui, form, focus, project, theme) {
                        Some(ExportOutcome::Cancel) => actions.push(Action::CloseDialog),
                        Some(ExportOutcome::Export(request)) => {
                            actions.push(Action::CloseDialog);
                            actions.push(Action::ExportTo(request));
                        }
                        None => {}
                    }
                }
                Dialog::Properties(form) => {
                    use super::properties::{PropertiesOutcome, properties_ui};
                    match properties_ui(ui, form, focus, project, theme) {
                        Some(PropertiesOutcome::Close) => actions.push(Action::CloseDialog),
                        Some(PropertiesOutcome::Change(edit)) => {
                            actions.push(Action::CloseDialog);
                            actions.push(Action::Edit(edit));
                        }
                        Some(PropertiesOutcome::Start(title)) => {
                            actions.push(Action::CloseDialog);
                            actions.push(Action::StartProject(title));
                        }
                        None => {}
                    }
                }
                Dialog::NewTag {
                    name,
                    color,
                    parent,
                    suggested_parent,
                    description,
                    error,
                } => new_tag_ui(
                    ui,
                    name,
                    color,
                    (parent, *suggested_parent),
                    description,
                    error,
                    focus,
                    project,
                    theme,
                    &mut actions,
                ),
            }
        });
    if modal.should_close() && actions.is_empty() {
        match dialog {
            // Escape or a click outside decides nothing here: the autosave stays until the
            // user picks Restore or Discard.
            Dialog::Recovery { .. } => {}
            Dialog::InUse { at_start, .. } => {
                actions.push(Action::Guard(GuardAction::CancelOpen {
                    at_start: *at_start,
                }))
            }
            _ => actions.push(Action::CloseDialog),
        }
    }
    actions
}

/// A file's name for messages: “p.ron”.
fn file_label(path: &std::path::Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("“{name}”")
}

fn recovery_ui(
    ui: &mut egui::Ui,
    project_path: Option<&std::path::Path>,
    summary: &str,
    age: &str,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let what = match project_path {
        Some(path) => format!("Dossier kept an autosave of {} ({age})", file_label(path)),
        None => format!("Dossier kept an autosave of a project that was never saved ({age})"),
    };
    ui.add(
        egui::Label::new(format!(
            "{what}, with changes that were not saved — most likely Dossier or the computer stopped before you could save."
        ))
        .wrap(),
    );
    ui.add_space(4.0);
    let against = if project_path.is_some() {
        "Compared with the file"
    } else {
        "Compared with what is open"
    };
    ui.add(egui::Label::new(RichText::new(format!("{against}: {summary}.")).strong()).wrap());
    ui.add_space(4.0);
    ui.add(
        egui::Label::new(
            RichText::new(if project_path.is_some() {
                "Restore opens the autosave as unsaved changes of the project: save to keep them. Discard deletes the autosave."
            } else {
                "Restore opens the autosave as an unsaved project. Discard deletes the autosave."
            })
            .color(theme.weak_text),
        )
        .wrap(),
    );
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Restore").strong())
            .on_hover_text("Open the autosaved changes (you can still decide not to save them)")
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::RestoreRecovery));
        }
        if ui
            .button(RichText::new("Discard").color(theme.error))
            .on_hover_text("Delete the autosave and keep the project as it is on disk")
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::DiscardRecovery));
        }
    });
}

/// "12 minutes ago", "just now": how long ago `time` was.
pub fn ago(time: std::time::SystemTime) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(time)
        .map_or(0, |d| d.as_secs());
    let plural = |n: u64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match secs {
        0..60 => "just now".to_owned(),
        60..3600 => plural(secs / 60, "minute"),
        3600..86_400 => plural(secs / 3600, "hour"),
        _ => plural(secs / 86_400, "day"),
    }
}

fn in_use_ui(
    ui: &mut egui::Ui,
    path: &std::path::Path,
    owner: &LockOwner,
    at_start: bool,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let host = if owner.host.is_empty() {
        String::new()
    } else {
        format!(" on {}", owner.host)
    };
    let since = owner
        .since
        .map(|t| format!(", opened {}", ago(t)))
        .unwrap_or_default();
    ui.add(
        egui::Label::new(format!(
            "{} is open in another Dossier window (process {}{host}{since}).",
            file_label(path),
            owner.pid
        ))
        .wrap(),
    );
    ui.add(
        egui::Label::new(
            RichText::new(
                "If both windows change it, whichever saves second would overwrite the other's work (Dossier will warn before it does). Better: switch to that window.",
            )
            .color(theme.weak_text),
        )
        .wrap(),
    );
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button("Open anyway")
            .on_hover_text("Open it here too, read and write")
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::OpenAnyway {
                path: path.to_owned(),
                at_start,
            }));
        }
        if ui
            .button(RichText::new("Cancel").strong())
            .on_hover_text(if at_start {
                "Do not open it here; start on an unsaved copy of the example project"
            } else {
                "Do not open it; keep the current project"
            })
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::CancelOpen { at_start }));
        }
    });
}

fn conflict_ui(
    ui: &mut egui::Ui,
    path: &std::path::Path,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.add(
        egui::Label::new(format!(
            "{} was changed on disk since you opened or last saved it — by another program or another Dossier window.",
            file_label(path)
        ))
        .wrap(),
    );
    ui.add(
        egui::Label::new(
            RichText::new(
                "Saving here would overwrite those changes. Nothing has been written yet.",
            )
            .color(theme.weak_text),
        )
        .wrap(),
    );
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button("Reload from disk…")
            .on_hover_text(
                "Open the file as it is now, giving up your unsaved changes (asks first)",
            )
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::Reload));
        }
        if ui
            .button(RichText::new("Overwrite").color(theme.error))
            .on_hover_text(
                "Save your version over theirs (the file on disk is kept as the .bak backup)",
            )
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::Overwrite));
        }
        if ui
            .button(RichText::new("Save as…").strong())
            .on_hover_text("Save your version to another file; theirs stays as it is")
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::SaveAs));
        }
        if ui
            .button("Cancel")
            .on_hover_text("Do not save now")
            .clicked()
        {
            actions.push(Action::CloseDialog);
        }
    });
}

fn confirm_reload_ui(
    ui: &mut egui::Ui,
    path: &std::path::Path,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.add(
        egui::Label::new(format!(
            "Reload {} as it is on disk now? Your unsaved changes will be lost, and reloading cannot be undone.",
            file_label(path)
        ))
        .wrap(),
    );
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Discard my changes and reload").color(theme.error))
            .clicked()
        {
            actions.push(Action::Guard(GuardAction::ReloadConfirmed));
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

fn keys_ui(ui: &mut egui::Ui, theme: &Theme, actions: &mut Vec<Action>) {
    let key_text = |text: String| RichText::new(text).monospace().color(theme.text);
    egui::ScrollArea::vertical()
        .max_height(440.0)
        .min_scrolled_height(440.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
        ui.label(RichText::new("COMMANDS").small().strong().color(theme.weak_text));
        egui::Grid::new("dossier-keys-commands")
            .num_columns(2)
            .spacing([16.0, 4.0])
            .striped(true)
            .show(ui, |ui| {
                for command in super::command::Command::ALL {
                    let shortcuts = command.shortcuts();
                    if shortcuts.is_empty() {
                        continue;
                    }
                    let keys: Vec<String> = shortcuts
                        .iter()
                        .map(|s| ui.ctx().format_shortcut(s))
                        .collect();
                    ui.label(key_text(keys.join("  or  ")));
                    ui.label(command.label());
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        ui.label(
            RichText::new("IN THE READER (when it has the keyboard focus: click the text or press F6)")
                .small()
                .strong()
                .color(theme.weak_text),
        );
        egui::Grid::new("dossier-keys-reader")
            .num_columns(2)
            .spacing([16.0, 4.0])
            .striped(true)
            .show(ui, |ui| {
                for (keys, what) in super::reader::KEYS {
                    ui.label(key_text((*keys).to_owned()));
                    ui.label(*what);
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        ui.label(
            RichText::new("Single keys (T, 1-9, J, K, N, Delete) never fire while you type in a text field.")
                .small()
                .color(theme.weak_text),
        );
    });
    ui.add_space(8.0);
    if ui.button("Close").clicked() {
        actions.push(Action::CloseDialog);
    }
}

fn error_ui(ui: &mut egui::Ui, error: &Option<String>, theme: &Theme) {
    if let Some(error) = error {
        ui.add_space(4.0);
        ui.add(egui::Label::new(RichText::new(error).color(theme.error)).wrap());
    }
}

fn unsaved_ui(ui: &mut egui::Ui, then: &AfterGuard, project: &Project, actions: &mut Vec<Action>) {
    let name = if project.title.trim().is_empty() {
        "this project".to_owned()
    } else {
        format!("“{}”", project.title)
    };
    ui.label(format!("{name} has changes that are not saved."));
    ui.label(then.question());
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Save").strong())
            .on_hover_text("Save, then continue")
            .clicked()
        {
            actions.push(Action::SaveThen(then.clone()));
        }
        if ui
            .button("Discard")
            .on_hover_text("Throw the unsaved changes away and continue")
            .clicked()
        {
            actions.push(Action::Proceed(then.clone()));
        }
        if ui
            .button("Cancel")
            .on_hover_text("Go back to the project")
            .clicked()
        {
            actions.push(Action::CloseDialog);
        }
    });
}

fn delete_tag_ui(
    ui: &mut egui::Ui,
    tag: TagId,
    uses: usize,
    project: &Project,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let name = project.tag_path(tag, TAG_PATH_SEPARATOR);
    ui.label(format!(
        "The tag “{name}” is used by {uses} passage{}.",
        if uses == 1 { "" } else { "s" }
    ));
    let children = project.child_tags(Some(tag)).len();
    if children > 0 {
        ui.label(
            RichText::new(format!(
                "Its {children} child tag{} will move up one level.",
                if children == 1 { "" } else { "s" }
            ))
            .color(theme.weak_text),
        );
    }
    ui.label(
        RichText::new("The passages stay; only the tag is removed from them. You can undo this.")
            .color(theme.weak_text),
    );
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        let label = format!(
            "Remove from {uses} passage{} and delete",
            if uses == 1 { "" } else { "s" }
        );
        if ui.button(RichText::new(label).color(theme.error)).clicked() {
            actions.push(Action::DeleteTagEverywhere(tag));
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

fn path_prompt_ui(
    ui: &mut egui::Ui,
    request: FileRequest,
    text: &mut String,
    error: &mut Option<String>,
    focus: bool,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let explain = match request {
        FileRequest::Open => "Type the path of a Dossier project file (.ron).",
        FileRequest::SaveAs => {
            "Type where to save the project (.ron). Missing folders are created."
        }
        FileRequest::ImportFiles => {
            "Type the paths of article files (.txt, .md, .docx, .odt, .html, .pdf) or .qdpx \
             projects, separated by ; or new lines."
        }
        FileRequest::ImportFolder => {
            "Type the path of a folder; every .txt and .md file inside is imported."
        }
        FileRequest::Export(_) => {
            "Type where to write the export of the excerpts table's current view. Missing folders are created; an existing file is replaced."
        }
        FileRequest::ReplaceText => {
            "Type the path of the article's new version (.txt, .md, .html, .docx, .odt, .pdf). Its passages are found again in it; those that cannot be are kept as orphans."
        }
    };
    ui.label(RichText::new(explain).color(theme.weak_text));
    ui.label(
        RichText::new("No native file dialog is available on this system, so Dossier asks here.")
            .small()
            .color(theme.weak_text),
    );
    ui.add_space(4.0);
    let (_, mut ok) = field_ui(ui, "Path", text, "path/to/file", focus);
    let paths = parse_prompt_paths(text);
    if request == FileRequest::SaveAs
        && let Some(p) = paths.first()
        && p.is_file()
    {
        ui.label(
            RichText::new(
                "This file exists and will be replaced (the old version is kept as .bak).",
            )
            .color(theme.warning),
        );
    }
    error_ui(ui, error, theme);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ok |= ui.button(request.verb()).clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    if ok {
        match check_paths(request, &paths) {
            // The workbench closes the prompt; a pending "save, then close" continues.
            Ok(()) => actions.push(Action::FilesChosen(request, paths)),
            Err(why) => *error = Some(why),
        }
    }
}

/// Why the typed paths cannot be used for `request`, if they cannot.
fn check_paths(request: FileRequest, paths: &[PathBuf]) -> Result<(), String> {
    let Some(first) = paths.first() else {
        return Err("Type a path first.".to_owned());
    };
    match request {
        FileRequest::Open | FileRequest::ReplaceText => {
            if !first.is_file() {
                return Err(format!("There is no file at {}.", first.display()));
            }
        }
        FileRequest::SaveAs | FileRequest::Export(_) => {
            if first.is_dir() {
                return Err(format!("{} is a folder; add a file name.", first.display()));
            }
        }
        FileRequest::ImportFiles | FileRequest::ImportFolder => {
            if let Some(missing) = paths.iter().find(|p| !p.exists()) {
                return Err(format!("There is nothing at {}.", missing.display()));
            }
        }
    }
    Ok(())
}

fn paste_ui(
    ui: &mut egui::Ui,
    title: &mut String,
    text: &mut String,
    error: &mut Option<String>,
    focus: bool,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.label(
        RichText::new("Paste the article's text below (Ctrl+V), give it a title, and add it.")
            .color(theme.weak_text),
    );
    ui.add_space(4.0);
    let (_, _) = field_ui(ui, "Title", title, "The article's headline", false);
    let label = ui.label("Text");
    let response = egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            egui::TextEdit::multiline(text)
                .hint_text("Paste the article here")
                .desired_rows(12)
                .desired_width(f32::INFINITY)
                .show(ui)
                .response
                .response
                .labelled_by(label.id)
        })
        .inner;
    if focus {
        response.request_focus();
    }
    if title.trim().is_empty()
        && let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty())
    {
        ui.label(
            RichText::new(format!(
                "Without a title, the first line is used: “{}”",
                first.chars().take(80).collect::<String>()
            ))
            .small()
            .color(theme.weak_text),
        );
    }
    error_ui(ui, error, theme);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!text.trim().is_empty(), egui::Button::new("Add article"))
            .clicked()
        {
            let chosen = if title.trim().is_empty() {
                text.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or("Pasted article")
                    .chars()
                    .take(120)
                    .collect()
            } else {
                title.trim().to_owned()
            };
            actions.push(Action::ImportPasted {
                title: chosen,
                text: text.clone(),
            });
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn new_tag_ui(
    ui: &mut egui::Ui,
    name: &mut String,
    color: &mut Rgb,
    (parent, suggested): (&mut Option<TagId>, Option<TagId>),
    description: &mut String,
    error: &mut Option<String>,
    focus: bool,
    project: &Project,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    // The parent one key away: Alt+U puts the new tag under the tag selected in the codebook,
    // and again back at the top level.
    let suggested = suggested.filter(|t| project.tag(*t).is_some());
    if let Some(s) = suggested
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::ALT, Key::U))
    {
        *parent = if *parent == Some(s) { None } else { Some(s) };
    }
    let (_, mut ok) = field_ui(ui, "Name", name, "e.g. Claim", focus);
    ui.horizontal(|ui| {
        ui.label("Colour");
        let mut rgb = color.0;
        if ui.color_edit_button_srgb(&mut rgb).changed() {
            *color = Rgb(rgb);
        }
        ui.add_space(12.0);
        ui.label("Parent");
        parent_combo_ui(ui, "dossier-new-tag-parent", parent, None, project);
    });
    if let Some(s) = suggested {
        let (text, tip) = if *parent == Some(s) {
            (
                "Top level instead (Alt+U)".to_owned(),
                "Make it a top-level tag".to_owned(),
            )
        } else {
            (
                format!(
                    "Under “{}” (Alt+U)",
                    project.tag_path(s, TAG_PATH_SEPARATOR)
                ),
                "Put the new tag under the tag selected in the codebook".to_owned(),
            )
        };
        if ui.small_button(text).on_hover_text(tip).clicked() {
            *parent = if *parent == Some(s) { None } else { Some(s) };
        }
    }
    let (_, _) = field_ui(
        ui,
        "Description",
        description,
        "What the tag means, for coders",
        false,
    );
    error_ui(ui, error, theme);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ok |= ui.button("Create").clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    if ok {
        match check_tag_name(project, name, *parent, None) {
            Ok(clean) => {
                actions.push(Action::CloseDialog);
                let tag = Tag {
                    id: TagId::random(),
                    name: clean,
                    color: *color,
                    parent: *parent,
                    description: description.trim().to_owned(),
                };
                let id = tag.id;
                actions.push(Action::Edit(Edit::AddTag(tag)));
                actions.push(Action::SelectTag(Some(id)));
            }
            Err(why) => *error = Some(why),
        }
    }
}

/// A combo box choosing a tag's parent (or none); `exclude` and its descendants are not offered.
pub fn parent_combo_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    parent: &mut Option<TagId>,
    exclude: Option<TagId>,
    project: &Project,
) -> bool {
    let excluded = exclude
        .map(|t| project.tag_with_descendants(t))
        .unwrap_or_default();
    let current = parent.map_or("(top level)".to_owned(), |p| {
        project.tag_path(p, TAG_PATH_SEPARATOR)
    });
    let mut changed = false;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(current)
        .width(180.0)
        .show_above(ui, |ui| {
            changed |= ui.selectable_value(parent, None, "(top level)").changed();
            let mut tags: Vec<(String, TagId)> = project
                .tags()
                .keys()
                .filter(|t| !excluded.contains(t))
                .map(|t| (project.tag_path(*t, TAG_PATH_SEPARATOR), *t))
                .collect();
            tags.sort();
            for (path, id) in tags {
                changed |= ui.selectable_value(parent, Some(id), path).changed();
            }
        })
        .response
        .accessible_name("Parent tag");
    changed
}

/// A trimmed tag name if it is usable: not empty and not the name of a sibling (`except` is the
/// tag being renamed).
pub fn check_tag_name(
    project: &Project,
    name: &str,
    parent: Option<TagId>,
    except: Option<TagId>,
) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("A tag needs a name.".to_owned());
    }
    if let Some(twin) = project
        .child_tags(parent)
        .into_iter()
        .find(|t| Some(t.id) != except && t.name.to_lowercase() == name.to_lowercase())
    {
        return Err(format!(
            "There is already a tag “{}” at this level.",
            project.tag_path(twin.id, TAG_PATH_SEPARATOR)
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_must_be_unique_among_siblings() {
        let tag = Tag {
            id: TagId::random(),
            name: "Claim".into(),
            color: Rgb([1, 2, 3]),
            parent: None,
            description: String::new(),
        };
        let id = tag.id;
        let project = Project::from_parts(crate::model::Parts {
            tags: vec![tag],
            ..Default::default()
        })
        .expect("valid");
        assert!(check_tag_name(&project, " claim ", None, None).is_err());
        assert!(check_tag_name(&project, "claim", None, Some(id)).is_ok());
        assert!(check_tag_name(&project, "claim", Some(id), None).is_ok());
        assert!(check_tag_name(&project, "  ", None, None).is_err());
        assert_eq!(
            check_tag_name(&project, " Threat ", None, None),
            Ok("Threat".into())
        );
    }

    #[test]
    fn prompt_paths_are_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("missing.ron");
        assert!(check_paths(FileRequest::Open, std::slice::from_ref(&missing)).is_err());
        assert!(check_paths(FileRequest::SaveAs, &[missing]).is_ok());
        assert!(check_paths(FileRequest::SaveAs, &[dir.path().to_owned()]).is_err());
        assert!(check_paths(FileRequest::ImportFolder, &[dir.path().to_owned()]).is_ok());
        assert!(check_paths(FileRequest::Open, &[]).is_err());
    }
}
