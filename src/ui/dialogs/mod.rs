//! Modal dialogs: the unsaved-changes guard (Save / Discard / Cancel), the delete-tag
//! confirmation, the in-app path prompt (used when no native file dialog exists), pasting an
//! article, editing an article's details, creating a tag, the actor and event forms and their
//! delete confirmations, and the guards that keep work from being lost (restore an autosave,
//! a project open in another window, a file changed on disk). Dialogs only return [`Action`]s;
//! the workbench carries them out.

use std::path::PathBuf;

use egui::{Key, RichText};

mod guards;
pub use guards::ago;
use guards::{confirm_reload_ui, conflict_ui, in_use_ui, recovery_ui};

use super::TAG_PATH_SEPARATOR;
use super::action::{Action, GuardAction};
use super::combo::ComboAbove;
use super::entities::{actor_form_ui, delete_entity_ui, event_form_ui};
use super::files::parse_prompt_paths;
use super::request::{AfterGuard, Dialog, FileRequest};
use super::theme::Theme;
use crate::edit::Edit;
use crate::model::{DocMeta, Project, Rgb, Tag, TagId};

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
                Dialog::DeleteTag { tag, uses, blind } => {
                    delete_tag_ui(ui, *tag, (*uses, *blind), project, theme, &mut actions);
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
                        Some(ExportOutcome::Export(mut request)) => {
                            actions.push(Action::CloseDialog);
                            if let Some(template) = request.remember.take() {
                                actions.push(Action::Edit(crate::edit::Edit::SetBriefTemplate(
                                    Box::new(template),
                                )));
                            }
                            actions.push(Action::ExportTo(request));
                        }
                        Some(ExportOutcome::Remember(edit)) => actions.push(Action::Edit(edit)),
                        None => {}
                    }
                }
                Dialog::Analyst { name } => analyst_ui(ui, name, focus, theme, &mut actions),
                Dialog::Merge(form) => {
                    use super::merge_dialog::{MergeOutcome, merge_form_ui};
                    match merge_form_ui(ui, form, focus, project, theme) {
                        Some(MergeOutcome::Close) => actions.push(Action::CloseDialog),
                        Some(MergeOutcome::Apply(edit)) => {
                            actions.push(Action::CloseDialog);
                            actions.push(Action::Edit(edit));
                        }
                        Some(MergeOutcome::WorkOut { copy, original }) => {
                            actions.push(Action::WorkOutMerge { copy, original });
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
                for k in super::reader::KEYS {
                    ui.label(key_text(k.keys.to_owned()));
                    ui.label(k.what);
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        ui.label(
            RichText::new("IN THE HYPOTHESES VIEW (the ACH matrix)")
                .small()
                .strong()
                .color(theme.weak_text),
        );
        egui::Grid::new("dossier-keys-ach")
            .num_columns(2)
            .spacing([16.0, 4.0])
            .striped(true)
            .show(ui, |ui| {
                for (keys, what) in super::views::ach::KEYS {
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

/// `uses`: how many passages carry the tag, and whether blind coding is on (then they are the
/// analyst's, and others' may carry it too).
fn delete_tag_ui(
    ui: &mut egui::Ui,
    tag: TagId,
    (uses, blind): (usize, bool),
    project: &Project,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let name = project.tag_path(tag, TAG_PATH_SEPARATOR);
    let s = if uses == 1 { "" } else { "s" };
    ui.label(if blind {
        format!(
            "The tag “{name}” is used by {uses} of your passage{s}, and by any other analyst's \
             (blind coding hides them); it is removed from all of them."
        )
    } else {
        format!("The tag “{name}” is used by {uses} passage{s}.")
    });
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
        let label = if blind {
            "Remove from every passage and delete".to_owned()
        } else {
            format!("Remove from {uses} passage{s} and delete")
        };
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
             projects, separated by ; or new lines. A web address (https://…) is fetched as \
             File › Add from link… does."
        }
        FileRequest::ImportFolder => {
            "Type the path of a folder; every .txt and .md file inside is imported."
        }
        FileRequest::Export(_) => {
            "Type where to write the export of the excerpts table's current view. Missing folders are created; an existing file is replaced."
        }
        FileRequest::CompareWith => {
            "Type the path of the Dossier project file (.ron) to compare the open project with."
        }
        FileRequest::AgreementCsv => {
            "Type where to write the agreement table (.csv). Missing folders are created; an existing file is replaced."
        }
        FileRequest::ReplaceText => {
            "Type the path of the article's new version (.txt, .md, .html, .docx, .odt, .pdf), or its web address (https://…), fetched with the old text kept as a version. Its passages are found again in it; those that cannot be are kept as orphans."
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
    // Where an article's file goes, a web address is fetched instead.
    let takes_links = matches!(
        request,
        FileRequest::ImportFiles | FileRequest::ImportFolder
    );
    let (paths, links) = if takes_links {
        crate::ui::files::parse_prompt_paths_and_links(text)
    } else {
        (parse_prompt_paths(text), Vec::new())
    };
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
        // The article's new version at a web address: fetched as Check for changes does.
        if request == FileRequest::ReplaceText
            && let Some(url) = crate::web::as_url(text)
            && !std::path::Path::new(text.trim()).exists()
        {
            actions.push(Action::FetchNewVersion(url));
            return;
        }
        if !links.is_empty() && paths.is_empty() {
            actions.push(Action::FetchLinks(links));
            return;
        }
        match check_paths(request, &paths) {
            // The workbench closes the prompt; a pending "save, then close" continues.
            Ok(()) => {
                actions.push(Action::FilesChosen(request, paths));
                if !links.is_empty() {
                    actions.push(Action::FetchLinks(links));
                }
            }
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
        FileRequest::Open | FileRequest::ReplaceText | FileRequest::CompareWith => {
            if !first.is_file() {
                return Err(format!("There is no file at {}.", first.display()));
            }
        }
        FileRequest::SaveAs | FileRequest::Export(_) | FileRequest::AgreementCsv => {
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
    // Just a web address: the article is at that address, not in the text.
    let link = crate::web::as_url(text);
    if let Some(url) = &link {
        ui.label(
            RichText::new(format!(
                "This is a web address: “Fetch the article” fetches it as File › Add from link… \
                 does ({url})."
            ))
            .small()
            .color(theme.weak_text),
        );
    } else if title.trim().is_empty()
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
        if let Some(url) = &link
            && ui.button("Fetch the article").clicked()
        {
            actions.push(Action::FetchLinks(vec![url.clone()]));
        }
        let add = if link.is_some() {
            "Add the address as text"
        } else {
            "Add article"
        };
        if ui
            .add_enabled(!text.trim().is_empty(), egui::Button::new(add))
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

/// Project › Your name as analyst…: one field, Save and Cancel.
fn analyst_ui(
    ui: &mut egui::Ui,
    name: &mut String,
    focus: bool,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.label(
        RichText::new(
            "Stored on the passages, actors and events you make or change, so a merged dossier \
             says whose work each is. Remembered on this computer.",
        )
        .color(theme.weak_text),
    );
    let mut save = false;
    ui.horizontal(|ui| {
        let label = ui.label("Your name");
        let response = ui
            .add(egui::TextEdit::singleline(name).desired_width(240.0))
            .labelled_by(label.id);
        if focus {
            response.request_focus();
        }
        save |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    ui.horizontal(|ui| {
        save |= ui.button("Save").clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    if save {
        actions.push(Action::CloseDialog);
        actions.push(Action::SetAnalyst(name.clone()));
    }
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
