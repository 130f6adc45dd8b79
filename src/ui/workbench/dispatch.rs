//! Dispatch: from a key or a click to a change. Shortcut keys are taken out of the input
//! before any widget sees them and become [`Action::Run`]; [`Workbench::apply_actions`] then
//! carries out the frame's actions in order, after the panels are drawn. Each action is one
//! arm of [`Workbench::apply_action`]; each command one arm of `run_command`. Edits go on
//! through `edits.rs` (the one place the project changes), files through `project_files.rs`.

use std::path::PathBuf;

use egui::ViewportCommand;

use super::Workbench;
use super::project_files::export_fallback_dir;
use crate::edit::{
    Edit, create_actor_and_link, create_claim_and_link, create_event_and_link,
    link_actor_to_target, link_claim_to_target, link_event_to_target, merge_actors, merge_tags,
};
use crate::model::{Project, Tag, TagId};
use crate::ui::action::{Action, CentreView, SideTab};
use crate::ui::command::{Command, CommandContext, is_single_key, shortcut_table};
use crate::ui::forms::{ActorForm, EventForm};
use crate::ui::library::filter_field_id;
use crate::ui::palette::{PaletteKind, PaletteState};
use crate::ui::request::{AfterGuard, Dialog, FileRequest};
use crate::ui::theme::Theme;

impl Workbench {
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
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
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() || self.palette.is_some() {
            return;
        }
        // The reader's own flag is stale while another view is shown: ask egui who has focus.
        let reader_focused = ctx.memory(|m| m.has_focus(crate::ui::reader::reader_id()));
        let text_field_focused = ctx.text_edit_focused() && !reader_focused;
        let view_takes_letters = self.views.current.takes_letter_keys();
        let mut fired = Vec::new();
        ctx.input_mut(|input| {
            for (shortcut, command) in shortcut_table() {
                if text_field_focused && !command.fires_in_text_field() {
                    continue;
                }
                let letter_or_delete = shortcut.logical_key.name().chars().count() == 1
                    || shortcut.logical_key == egui::Key::Delete;
                if view_takes_letters && is_single_key(&shortcut) && letter_or_delete {
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

    pub(super) fn explain_disabled(&mut self, command: Command) {
        let why = match command {
            Command::TagPalette
            | Command::ApplyRecentTag(_)
            | Command::LinkActor
            | Command::LinkEvent
            | Command::LinkClaim
            | Command::AddAsEvidence => {
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
            can_undo: self.session.history().can_undo(),
            can_redo: self.session.history().can_redo(),
        }
    }

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

    pub(super) fn apply_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(command) => self.run_command(ctx, command),
            Action::Edit(edit) => {
                self.apply_edit(edit, None);
            }
            Action::EditGrouped(edit, key) => {
                self.apply_edit(edit, Some(key));
            }
            Action::SealHistory => self.session.seal(),
            Action::OpenDocument(doc) => self.open_document(doc),
            Action::SelectPassage(p) => self.select_passage(p),
            Action::PlaceOrphan(p) => self.place_orphan(p),
            Action::SelectTag(t) => {
                self.codebook.selected = t;
            }
            Action::ApplyTag(tag) => self.apply_tag(tag),
            Action::CreateTagAndApply(name) => self.create_tag_and_apply(&name),
            Action::RequestDeleteTag(tag) => {
                let project = self.session.project();
                let uses = project.tag_counts().get(&tag).copied().unwrap_or(0);
                // Blind coding always asks, and tells only the analyst's uses: deleting at once
                // would tell that no one else uses the tag.
                let blind = self.codebook.shown_tag_counts(project);
                let shown = blind.as_ref().map(|c| c.get(&tag).copied().unwrap_or(0));
                if uses == 0 && blind.is_none() {
                    self.delete_tag(tag);
                } else {
                    self.dialog = Some(Dialog::DeleteTag {
                        tag,
                        uses: shown.unwrap_or(uses),
                        blind: blind.is_some(),
                    });
                }
            }
            Action::DeleteTagEverywhere(tag) => {
                self.dialog = None;
                self.delete_tag(tag);
            }
            Action::MergeTags { from, into } => {
                match merge_tags(self.session.project(), from, into) {
                    Ok(edit) => {
                        let edit = self.led_by_tag(into, edit);
                        if self.apply_edit(edit, None) {
                            self.codebook.selected = Some(into);
                        }
                    }
                    Err(err) => self.error(format!("Could not merge the tags: {err}"), ""),
                }
            }
            Action::Guarded(then) => {
                if self.session.is_dirty() {
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
            Action::FetchLinks(urls) => {
                if matches!(
                    self.dialog,
                    Some(Dialog::PathPrompt { .. } | Dialog::PasteArticle { .. })
                ) {
                    self.dialog = None;
                }
                self.web.fetch_links(urls);
            }
            Action::FetchNewVersion(url) => {
                if matches!(self.dialog, Some(Dialog::PathPrompt { .. })) {
                    self.dialog = None;
                }
                match self.reader.document() {
                    Some(doc) => self.web.fetch_new_version(self.session.project(), doc, url),
                    None => self.error(
                        "Open the article whose text you want to replace first.",
                        "Replace article text works on the article shown in the reader.",
                    ),
                }
            }
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
                if self.session.project().document(doc).is_some() {
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
                if self.session.project().event(event).is_some() {
                    self.side_tab = SideTab::Events;
                    self.entities.selected_event = Some(event);
                    self.entities.scroll_to_selected = true;
                }
            }
            Action::OpenActorProfile(actor) => {
                if self.session.project().actor(actor).is_some() {
                    self.views.profile.actor = Some(actor);
                    self.views.current = CentreView::Profile;
                    self.entities.selected_actor = Some(actor);
                }
            }
            Action::OpenEventCard(event) => {
                if self.session.project().event(event).is_some() {
                    self.views.profile.event = Some(event);
                    self.views.current = CentreView::Card;
                    self.actions.push(Action::SelectEvent(event));
                }
            }
            Action::RequestFile(request) => self.request_file(request),
            Action::OpenHolderNetwork => {
                self.views.network.shows = super::super::views::NetworkShows::Holders;
                self.views.current = CentreView::Network;
            }
            Action::OpenClaim(claim) => {
                if self.session.project().evidence().claim(claim).is_some() {
                    self.views.claims.open_claim(claim);
                    self.views.current = CentreView::Claims;
                }
            }
            Action::ExportView(format) => match self.views.excerpts.query() {
                Ok(_) => self.request_file(FileRequest::Export(format)),
                Err(why) => self.error(format!("Could not export the view: {why}"), ""),
            },
            Action::LinkActor(actor, role) => {
                let built = link_actor_to_target(
                    self.session.project(),
                    self.gesture_target(),
                    actor,
                    role,
                );
                self.run_gesture(built, true);
            }
            Action::CreateActorAndLink(name, role, kind) => {
                let built = create_actor_and_link(
                    self.session.project(),
                    self.gesture_target(),
                    &name,
                    role,
                    kind,
                );
                if let Some(created) = self.run_creating_gesture(built) {
                    self.entities.selected_actor = Some(created);
                }
            }
            Action::LinkEvent(event, role) => {
                let built = link_event_to_target(
                    self.session.project(),
                    self.gesture_target(),
                    event,
                    role,
                );
                self.run_gesture(built, true);
            }
            Action::CreateEventAndLink(title, role) => {
                let built = create_event_and_link(
                    self.session.project(),
                    self.gesture_target(),
                    &title,
                    role,
                );
                if let Some(created) = self.run_creating_gesture(built) {
                    self.entities.selected_event = Some(created);
                }
            }
            Action::LinkClaim(claim, stance) => {
                let built = link_claim_to_target(
                    self.session.project(),
                    self.gesture_target(),
                    claim,
                    stance,
                );
                self.run_gesture(built, true);
            }
            Action::CreateClaimAndLink(statement, stance) => {
                let built = create_claim_and_link(
                    self.session.project(),
                    self.gesture_target(),
                    &statement,
                    stance,
                );
                self.run_creating_gesture(built);
            }
            Action::RequestDeleteActor(actor) => {
                self.entities.index.refresh(self.session.project());
                let uses = self.entities.index.actor_count(actor);
                let events = self
                    .session
                    .project()
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
                    self.session.project().actor(from).map(|a| a.name.clone()),
                    self.session.project().actor(into).map(|a| a.name.clone()),
                );
                match merge_actors(self.session.project(), from, into) {
                    Ok(edit) => {
                        if self.apply_edit(edit, None) {
                            self.entities.selected_actor = Some(into);
                            if let (Some(f), Some(i)) = names {
                                self.info(format!(
                                    "Merged “{f}” into “{i}”. Undo with {}.",
                                    Command::Undo.key_or_label()
                                ));
                            }
                        }
                    }
                    Err(err) => self.error(format!("Could not merge the actors: {err}"), ""),
                }
            }
            Action::RequestDeleteEvent(event) => {
                self.entities.index.refresh(self.session.project());
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
            Action::SetAnalyst(name) => {
                let name = name.trim().to_owned();
                self.info(if name.is_empty() {
                    "Your name is no longer recorded on what you change.".to_owned()
                } else {
                    format!("What you make or change from now on is recorded as {name}’s work.")
                });
                self.settings.analyst = name;
            }
            Action::StartProject(title) => {
                self.replace_project(Project::new(title.clone()), None);
                self.info(format!(
                    "Started “{title}”, an empty project: import articles ({}) or paste one ({}).",
                    Command::ImportFiles.key_or_label(),
                    Command::PasteArticle.key_or_label()
                ));
            }
            Action::ReparentTag { tag, parent } => self.reparent_tag(tag, parent),
            Action::AddEvidence(sources) => {
                let added = crate::edit::add_evidence(self.session.project(), &sources);
                self.add_evidence(added);
            }
            Action::ImportFinished { paths, outcome } => self.finish_import(&paths, outcome),
            Action::WorkOutMerge { copy, original } => {
                // A newer request replaces one still being worked out.
                self.merge_job = Some(crate::ui::merge_dialog::MergeJob::start(
                    self.session.project(),
                    copy,
                    original,
                ));
            }
            Action::MergeWorkedOut { paths, result } => {
                if let Some(Dialog::Merge(form)) = &mut self.dialog {
                    form.show_result(&paths, *result);
                }
            }
            Action::CancelImport => {
                if let Some(mut import) = self.import_job.take() {
                    import.job.cancel();
                    self.info("Stopped waiting for the import: nothing was imported.");
                }
            }
            Action::TextReplaced(done) => self.finish_replace(*done),
            Action::CancelReplace => {
                if let Some(job) = self.replace_job.take() {
                    job.cancel();
                    self.info("Stopped waiting for the new text: the article is unchanged.");
                }
            }
            Action::CreateTagAndTagSearchHits(name) => {
                let name = name.trim();
                if let Some(existing) = self.session.project().tag_by_name(name) {
                    let id = existing.id;
                    self.tag_search_hits(id, None);
                } else if !name.is_empty() {
                    let tag = Tag {
                        id: TagId::random(),
                        name: name.to_owned(),
                        color: Theme::next_tag_color(
                            self.session.project().tags().values().map(|t| &t.color),
                        ),
                        parent: None,
                        description: String::new(),
                    };
                    self.tag_search_hits(tag.id, Some(tag));
                }
            }
        }
    }

    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
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
                    .and_then(|d| self.session.project().document(d))
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
            Command::LinkClaim => {
                self.refocus_reader = self.reader.has_focus();
                self.palette = Some(PaletteState::new(PaletteKind::Claims));
            }
            Command::AddAsEvidence => {
                match crate::edit::add_target_as_evidence(
                    self.session.project(),
                    self.gesture_target(),
                ) {
                    Ok((added, passage)) => {
                        if self.add_evidence(added) {
                            self.selected_passage = Some(passage);
                            self.reader.clear_selection();
                        }
                    }
                    Err(why) => self.info(why.to_string()),
                }
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
                ctx.memory_mut(|m| m.request_focus(crate::ui::inspector::note_field_id()));
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
                let color =
                    Theme::next_tag_color(self.session.project().tags().values().map(|t| &t.color));
                let selected = self.codebook.selected;
                let parent = selected.filter(|_| command == Command::NewSubTag);
                self.dialog = Some(Dialog::new_tag(color, parent, selected));
            }
            Command::Export => {
                self.palette = None;
                let form = crate::ui::export_dialog::ExportForm::new(
                    self.session.path(),
                    &self.session.project().title,
                    &export_fallback_dir(),
                    self.session.project().brief_template(),
                );
                self.dialog = Some(Dialog::Export(Box::new(form)));
            }
            Command::AnalystName => {
                self.palette = None;
                self.dialog = Some(Dialog::Analyst {
                    name: self.settings.analyst.clone(),
                });
            }
            Command::MergeCopy => {
                self.palette = None;
                let form = crate::ui::merge_dialog::MergeForm::new(self.session.path());
                self.dialog = Some(Dialog::Merge(Box::new(form)));
            }
            Command::ProjectProperties => {
                self.palette = None;
                self.dialog = Some(Dialog::Properties(
                    crate::ui::properties::PropertiesForm::of(self.session.project()),
                ));
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
            Command::Show(view) => {
                self.views.current = view;
                // Where the keys go next; other views keep the focus where it is.
                match view {
                    CentreView::Reader => self.reader.request_focus(),
                    CentreView::Search => {
                        self.views.search.request_focus();
                        crate::ui::views::search::focus_query_field(ctx, &self.views.search.query);
                    }
                    _ => {}
                }
            }
            Command::ShowKeys => self.dialog = Some(Dialog::Keys),
            Command::CycleTheme => {
                self.settings.theme = self.settings.theme.next();
                self.info(format!("Theme: {}.", self.settings.theme.label()));
            }
            Command::ToggleBlindCoding => {
                let analyst = self.settings.analyst.trim().to_owned();
                if self.settings.blind_coding {
                    self.settings.blind_coding = false;
                    self.info("Blind coding off: every analyst's passages are shown.");
                } else if analyst.is_empty() {
                    self.info(
                        "Blind coding shows only your own passages: give your name as analyst first.",
                    );
                    self.dialog = Some(Dialog::Analyst {
                        name: String::new(),
                    });
                } else {
                    self.settings.blind_coding = true;
                    self.info(format!(
                        "Blind coding on: only {analyst}'s passages are shown ({} turns it off).",
                        Command::ToggleBlindCoding.key_or_label()
                    ));
                }
            }
        }
    }

    /// Gives the reader the keyboard focus at once (not only when it is next drawn), so the next
    /// frame's shortcuts already see it and no text field keeps the focus meanwhile.
    pub(super) fn focus_reader_now(&mut self, ctx: &egui::Context) {
        self.reader.request_focus();
        ctx.memory_mut(|m| m.request_focus(crate::ui::reader::reader_id()));
    }
}
