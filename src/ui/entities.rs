//! The actors and events panels (tabs beside the codebook) and their edit forms.
//!
//! The panels list every actor (kind, alias count, passage count) and every event (date, kind,
//! evidence count), filterable by name; the selected row offers edit, delete (which asks first
//! when links would go) and, for actors, merge into another actor (one undo step). The forms are
//! shown as modal dialogs ([`super::dialogs::Dialog::Actor`], [`super::dialogs::Dialog::Event`]);
//! the event form validates its date as it is typed and shows the error under the field.
//!
//! Counts come from [`EntityIndex`], rebuilt once per project revision, never per frame.

use crate::ui::combo::ComboAbove;
use std::collections::HashMap;

use egui::{RichText, Vec2};

use super::action::Action;
use super::forms::{ActorForm, EventForm};
use super::request::Dialog;
use super::theme::Theme;
use crate::edit::Edit;
use crate::model::{
    Actor, ActorId, ActorKind, Event, EventId, EventKind, ParticipantRole, Project,
};

/// Per-actor and per-event counts, computed once per project revision.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    revision: Option<u64>,
    /// Passages linking each actor.
    pub actor_passages: HashMap<ActorId, usize>,
    /// Passages linking each event.
    pub event_passages: HashMap<EventId, usize>,
}

impl EntityIndex {
    /// Rebuilds the counts if the project changed since the last call.
    pub fn refresh(&mut self, project: &Project) {
        if self.revision == Some(project.revision()) {
            return;
        }
        self.actor_passages.clear();
        self.event_passages.clear();
        for p in project.passages().values() {
            let mut actors: Vec<ActorId> = p.actors.iter().map(|(a, _)| *a).collect();
            actors.dedup();
            for a in actors {
                *self.actor_passages.entry(a).or_default() += 1;
            }
            let mut events: Vec<EventId> = p.events.iter().map(|(e, _)| *e).collect();
            events.dedup();
            for e in events {
                *self.event_passages.entry(e).or_default() += 1;
            }
        }
        self.revision = Some(project.revision());
    }

    /// How many passages link this actor.
    pub fn actor_count(&self, actor: ActorId) -> usize {
        self.actor_passages.get(&actor).copied().unwrap_or(0)
    }

    /// How many passages link this event.
    pub fn event_count(&self, event: EventId) -> usize {
        self.event_passages.get(&event).copied().unwrap_or(0)
    }
}

/// The panels' own state between frames.
#[derive(Debug, Clone, Default)]
pub struct EntitiesState {
    /// The actor selected in the actors panel.
    pub selected_actor: Option<ActorId>,
    /// The event selected in the events panel.
    pub selected_event: Option<EventId>,
    /// The actors panel's filter text.
    pub actor_filter: String,
    /// The events panel's filter text.
    pub event_filter: String,
    /// The actor chosen as the merge target.
    merge_into: Option<ActorId>,
    /// Bring the selected row into view next frame.
    pub scroll_to_selected: bool,
    /// Counts, per revision.
    pub index: EntityIndex,
}

fn sorted_actors(project: &Project) -> Vec<&Actor> {
    let mut actors: Vec<&Actor> = project.actors().values().collect();
    actors.sort_by_key(|a| a.name.to_lowercase());
    actors
}

/// Events in date order (undated last), then by title.
pub fn sorted_events(project: &Project) -> Vec<&Event> {
    let mut events: Vec<&Event> = project.events().values().collect();
    events.sort_by_key(|e| {
        (
            e.date.map_or(i64::MAX, |d| d.first_day()),
            e.title.to_lowercase(),
        )
    });
    events
}

fn matches_filter(filter: &str, texts: &[&str]) -> bool {
    let filter = filter.trim().to_lowercase();
    filter.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(&filter))
}

fn row_ui(
    ui: &mut egui::Ui,
    selected: bool,
    label: &str,
    detail: &str,
    color: egui::Color32,
    theme: &Theme,
) -> egui::Response {
    let height = 24.0;
    let (rect, response) = ui.allocate_exact_size(
        Vec2::new(ui.available_width(), height),
        egui::Sense::click(),
    );
    let name = label.to_owned();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter_at(rect);
        if selected {
            painter.rect_filled(rect, 4.0, theme.row_highlight);
        } else if response.hovered() {
            painter.rect_filled(rect, 4.0, theme.row_hover);
        }
        let detail_galley = painter.layout_no_wrap(
            detail.to_owned(),
            egui::FontId::proportional(12.0),
            theme.weak_text,
        );
        let detail_width = detail_galley.size().x;
        painter.galley(
            egui::pos2(
                rect.right() - 6.0 - detail_width,
                rect.center().y - detail_galley.size().y / 2.0,
            ),
            detail_galley,
            theme.weak_text,
        );
        let mut job = egui::text::LayoutJob::simple_singleline(
            label.to_owned(),
            egui::FontId::proportional(14.0),
            color,
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(
            (rect.width() - detail_width - 20.0).max(20.0),
        );
        let galley = painter.layout_job(job);
        painter.galley(
            egui::pos2(rect.left() + 6.0, rect.center().y - galley.size().y / 2.0),
            galley,
            color,
        );
    }
    response
}

/// The top of the actors and events panels: a count, a "New…" button, a filter field.
struct PanelHeader {
    count: String,
    new_label: &'static str,
    new_hint: &'static str,
    filter_hint: &'static str,
    filter_name: &'static str,
}

impl PanelHeader {
    /// Shows the header; true when "New…" was clicked.
    fn ui(&self, ui: &mut egui::Ui, theme: &Theme, filter: &mut String) -> bool {
        let mut new = false;
        ui.horizontal(|ui| {
            ui.label(RichText::new(&self.count).small().color(theme.weak_text));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                new = ui
                    .button(self.new_label)
                    .on_hover_text(self.new_hint)
                    .clicked();
            });
        });
        ui.add(
            egui::TextEdit::singleline(filter)
                .hint_text(self.filter_hint)
                .desired_width(f32::INFINITY),
        )
        .accessible_name(self.filter_name);
        new
    }
}

/// The actors panel: filter, list, and the selected actor's actions.
pub fn actors_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut EntitiesState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    state.index.refresh(project);
    if state
        .selected_actor
        .is_some_and(|a| project.actor(a).is_none())
    {
        state.selected_actor = None;
    }
    let header = PanelHeader {
        count: format!("{} actors", project.actors().len()),
        new_label: "New actor…",
        new_hint: "Add a person, organisation, state, group or outlet",
        filter_hint: "Filter actors by name or alias",
        filter_name: "Filter actors",
    };
    if header.ui(ui, theme, &mut state.actor_filter) {
        actions.push(Action::OpenDialog(Dialog::Actor(ActorForm::new_actor(""))));
    }
    if let Some(id) = state.selected_actor
        && let Some(actor) = project.actor(id)
    {
        selected_actor_ui(ui, project, actor, state, theme, actions);
    }
    let actors: Vec<&Actor> = sorted_actors(project)
        .into_iter()
        .filter(|a| {
            let mut texts = vec![a.name.as_str()];
            texts.extend(a.aliases.iter().map(String::as_str));
            matches_filter(&state.actor_filter, &texts)
        })
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("dossier-actors-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for a in actors {
                let selected = state.selected_actor == Some(a.id);
                let detail = format!(
                    "{} · {} alias{} · {}",
                    a.kind.label(),
                    a.aliases.len(),
                    if a.aliases.len() == 1 { "" } else { "es" },
                    state.index.actor_count(a.id)
                );
                let response = row_ui(ui, selected, &a.name, &detail, theme.actor_link, theme);
                if selected && std::mem::take(&mut state.scroll_to_selected) {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                if response.clicked() {
                    state.selected_actor = if selected { None } else { Some(a.id) };
                    state.merge_into = None;
                }
                if response.double_clicked() {
                    actions.push(Action::OpenDialog(Dialog::Actor(ActorForm::edit(a))));
                }
            }
        });
}

fn selected_actor_ui(
    ui: &mut egui::Ui,
    project: &Project,
    actor: &Actor,
    state: &mut EntitiesState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    theme.card(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&actor.name).strong().color(theme.actor_link));
            let mut facts = vec![actor.kind.label().to_owned()];
            if !actor.aliases.is_empty() {
                facts.push(format!("also {}", actor.aliases.join(", ")));
            }
            facts.push(format!(
                "{} passages",
                state.index.actor_count(actor.id)
            ));
            ui.add(
                egui::Label::new(RichText::new(facts.join(" · ")).small().color(theme.weak_text))
                    .wrap(),
            );
            ui.horizontal_wrapped(|ui| {
                if ui.button("Edit…").clicked() {
                    actions.push(Action::OpenDialog(Dialog::Actor(ActorForm::edit(actor))));
                }
                if ui
                    .button("Profile")
                    .on_hover_text("Every passage on this actor by article, its events, the actors it appears with")
                    .clicked()
                {
                    actions.push(Action::OpenActorProfile(actor.id));
                }
                if ui
                    .button(RichText::new("Delete…").color(theme.error))
                    .on_hover_text("Delete this actor (asks when passages or events link it)")
                    .clicked()
                {
                    actions.push(Action::RequestDeleteActor(actor.id));
                }
            });
            ui.horizontal(|ui| {
                let current = state
                    .merge_into
                    .and_then(|a| project.actor(a))
                    .map_or("Merge into…".to_owned(), |a| a.name.clone());
                egui::ComboBox::from_id_salt("dossier-merge-actor")
                    .selected_text(current)
                    .width(150.0)
                    .height(600.0)
                    .show_above(ui, |ui| {
                        for other in sorted_actors(project) {
                            if other.id != actor.id {
                                ui.selectable_value(&mut state.merge_into, Some(other.id), &other.name);
                            }
                        }
                    })
                    .response
                    .accessible_name("Actor to merge into");
                if ui
                    .add_enabled(state.merge_into.is_some(), egui::Button::new("Merge"))
                    .on_hover_text(
                        "Move every link to the chosen actor, keep this name as its alias, remove this actor (one undo step)",
                    )
                    .clicked()
                    && let Some(into) = state.merge_into.take()
                {
                    actions.push(Action::MergeActors {
                        from: actor.id,
                        into,
                    });
                }
            });
        });
    ui.add_space(4.0);
}

/// The events panel: filter, list, and the selected event's actions.
pub fn events_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut EntitiesState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    state.index.refresh(project);
    if state
        .selected_event
        .is_some_and(|e| project.event(e).is_none())
    {
        state.selected_event = None;
    }
    let header = PanelHeader {
        count: format!("{} events", project.events().len()),
        new_label: "New event…",
        new_hint: "Add a dated happening with its participants",
        filter_hint: "Filter events by title or place",
        filter_name: "Filter events",
    };
    if header.ui(ui, theme, &mut state.event_filter) {
        actions.push(Action::OpenDialog(Dialog::Event(EventForm::new_event(""))));
    }
    if let Some(id) = state.selected_event
        && let Some(event) = project.event(id)
    {
        theme.card(8).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(
                egui::Label::new(RichText::new(&event.title).strong().color(theme.event_link))
                    .wrap(),
            );
            let mut facts = Vec::new();
            if let Some(d) = event.date {
                facts.push(d.to_string());
            }
            if !event.place.is_empty() {
                facts.push(event.place.clone());
            }
            facts.push(event.kind.label().to_owned());
            facts.push(format!("{} passages", state.index.event_count(event.id)));
            ui.label(
                RichText::new(facts.join(" · "))
                    .small()
                    .color(theme.weak_text),
            );
            ui.horizontal_wrapped(|ui| {
                if ui.button("Edit…").clicked() {
                    actions.push(Action::OpenDialog(Dialog::Event(EventForm::edit(event))));
                }
                if ui
                    .button("Card")
                    .on_hover_text("The evidence from each article side by side")
                    .clicked()
                {
                    actions.push(Action::OpenEventCard(event.id));
                }
                if ui
                    .button(RichText::new("Delete…").color(theme.error))
                    .on_hover_text("Delete this event (asks when passages link it)")
                    .clicked()
                {
                    actions.push(Action::RequestDeleteEvent(event.id));
                }
            });
        });
        ui.add_space(4.0);
    }
    let events: Vec<&Event> = sorted_events(project)
        .into_iter()
        .filter(|e| matches_filter(&state.event_filter, &[&e.title, &e.place]))
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("dossier-events-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for e in events {
                let selected = state.selected_event == Some(e.id);
                let date = e
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into());
                let detail = format!("{date} · {}", state.index.event_count(e.id));
                let response = row_ui(ui, selected, &e.title, &detail, theme.event_link, theme);
                if selected && std::mem::take(&mut state.scroll_to_selected) {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                if response.clicked() {
                    state.selected_event = if selected { None } else { Some(e.id) };
                }
                if response.double_clicked() {
                    actions.push(Action::OpenDialog(Dialog::Event(EventForm::edit(e))));
                }
            }
        });
}

/// The actor form's body; pushes the edit when saved.
pub fn actor_form_ui(
    ui: &mut egui::Ui,
    form: &mut ActorForm,
    focus: bool,
    project: &Project,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let mut ok = false;
    egui::Grid::new("dossier-actor-form")
        .num_columns(2)
        .spacing([10.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label("Name");
            let name = ui
                .add(
                    egui::TextEdit::singleline(&mut form.name)
                        .hint_text("e.g. Volodymyr Zelenskyy")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if focus {
                name.request_focus();
            }
            ok |= name.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
            ui.label("Kind");
            egui::ComboBox::from_id_salt("dossier-actor-kind")
                .selected_text(form.kind.label())
                .show_above(ui, |ui| {
                    for k in ActorKind::ALL {
                        ui.selectable_value(&mut form.kind, k, k.label());
                    }
                })
                .response
                .accessible_name("Kind of actor");
            ui.end_row();
            let label = ui.label("Aliases");
            ui.add(
                egui::TextEdit::multiline(&mut form.aliases)
                    .hint_text("One per line: Zelensky, the Ukrainian president…")
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Description");
            ui.add(
                egui::TextEdit::multiline(&mut form.description)
                    .hint_text("Who this is")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    if let Some(error) = &form.error {
        ui.label(RichText::new(error).color(theme.error));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ok |= ui
            .button(if form.id.is_some() { "Apply" } else { "Create" })
            .clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    ok |= enter_outside_fields(ui);
    if ok {
        match form.to_actor(project) {
            Ok(actor) => {
                actions.push(Action::CloseDialog);
                match form.id.and_then(|id| project.actor(id)) {
                    Some(old) if *old == actor => {}
                    Some(_) => actions.push(Action::Edit(Edit::SetActor(actor))),
                    None => actions.push(Action::Edit(Edit::AddActor(actor))),
                }
            }
            Err(why) => form.error = Some(why),
        }
    }
}

/// Enter pressed while no widget has the keyboard focus and no list is open (after a choice in
/// a combo box, say): the form's default button.
fn enter_outside_fields(ui: &egui::Ui) -> bool {
    ui.memory(|m| m.focused().is_none())
        && !egui::Popup::is_any_open(ui.ctx())
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The id of the event form's date field (tests type into it).
pub fn event_date_field_id() -> egui::Id {
    egui::Id::unique("dossier-event-date")
}

/// The event form's body; pushes the edit when saved. The date is checked on every keystroke.
pub fn event_form_ui(
    ui: &mut egui::Ui,
    form: &mut EventForm,
    focus: bool,
    project: &Project,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let mut ok = false;
    let date_error = form.parsed_date().err();
    egui::Grid::new("dossier-event-form")
        .num_columns(2)
        .spacing([10.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label("Title");
            let title = ui
                .add(
                    egui::TextEdit::singleline(&mut form.title)
                        .hint_text("e.g. Witkoff meets Putin in Moscow")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if focus {
                title.request_focus();
            }
            ok |= title.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
            let label = ui.label("Date");
            ui.vertical(|ui| {
                let date = ui
                    .add(
                        egui::TextEdit::singleline(&mut form.date)
                            .id(event_date_field_id())
                            .hint_text("2025-08-06, 2025-08, 2025~, 2025-08-01/2025-08-15")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                ok |= date.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if let Some(err) = &date_error {
                    ui.add(egui::Label::new(RichText::new(err).small().color(theme.error)).wrap());
                } else if let Ok(Some(d)) = form.parsed_date() {
                    let approx = if d.is_approximate() {
                        " (approximate)"
                    } else {
                        ""
                    };
                    ui.label(
                        RichText::new(format!("Understood as {d}{approx}"))
                            .small()
                            .color(theme.weak_text),
                    );
                }
            });
            ui.end_row();
            let label = ui.label("Place");
            let place = ui
                .add(
                    egui::TextEdit::singleline(&mut form.place)
                        .hint_text("e.g. Moscow")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            ok |= place.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
            ui.label("Kind");
            egui::ComboBox::from_id_salt("dossier-event-kind")
                .selected_text(form.kind.label())
                .height(400.0)
                .show_above(ui, |ui| {
                    for k in EventKind::ALL {
                        ui.selectable_value(&mut form.kind, k, k.label());
                    }
                })
                .response
                .accessible_name("Kind of event");
            ui.end_row();
            ui.label("Participants");
            ui.vertical(|ui| {
                let mut remove = None;
                for (i, (actor, role)) in form.participants.iter_mut().enumerate() {
                    let Some(a) = project.actor(*actor) else {
                        continue;
                    };
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&a.name).color(theme.actor_link));
                        egui::ComboBox::from_id_salt(("dossier-participant-role", i))
                            .selected_text(role.label())
                            .width(100.0)
                            .show_above(ui, |ui| {
                                for r in ParticipantRole::ALL {
                                    ui.selectable_value(role, r, r.label());
                                }
                            })
                            .response
                            .accessible_name(format!("Role of {}", a.name));
                        if ui
                            .small_button("×")
                            .accessible_name(format!("Remove participant {}", a.name))
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                }
                if let Some(i) = remove {
                    form.participants.remove(i);
                }
                let mut add = None;
                egui::ComboBox::from_id_salt("dossier-add-participant")
                    .selected_text("Add a participant…")
                    .width(180.0)
                    .height(300.0)
                    .show_above(ui, |ui| {
                        for a in sorted_actors(project) {
                            if form.participants.iter().any(|(p, _)| *p == a.id) {
                                continue;
                            }
                            if ui.selectable_label(false, &a.name).clicked() {
                                add = Some(a.id);
                            }
                        }
                    })
                    .response
                    .accessible_name("Add a participant");
                if let Some(a) = add {
                    form.participants.push((a, ParticipantRole::Participant));
                }
            });
            ui.end_row();
            let label = ui.label("Description");
            ui.add(
                egui::TextEdit::multiline(&mut form.description)
                    .hint_text("What happened")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    if let Some(error) = &form.error {
        ui.label(RichText::new(error).color(theme.error));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ok |= ui
            .add_enabled(
                date_error.is_none(),
                egui::Button::new(if form.id.is_some() { "Apply" } else { "Create" }),
            )
            .clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    ok |= enter_outside_fields(ui) && date_error.is_none();
    if ok {
        match form.to_event(project) {
            Ok(event) => {
                actions.push(Action::CloseDialog);
                match form.id.and_then(|id| project.event(id)) {
                    Some(old) if *old == event => {}
                    Some(_) => actions.push(Action::Edit(Edit::SetEvent(event))),
                    None => actions.push(Action::Edit(Edit::AddEvent(event))),
                }
            }
            Err(why) => form.error = Some(why),
        }
    }
}

/// The delete confirmation for an actor or event that passages link.
pub fn delete_entity_ui(
    ui: &mut egui::Ui,
    what: &str,
    uses: usize,
    participations: usize,
    confirm: Action,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let mut text = format!(
        "“{what}” is linked from {uses} passage{}",
        if uses == 1 { "" } else { "s" }
    );
    if participations > 0 {
        text.push_str(&format!(
            " and takes part in {participations} event{}",
            if participations == 1 { "" } else { "s" }
        ));
    }
    text.push_str(
        ". Deleting it removes those links; the passages stay. Undo brings everything back.",
    );
    ui.add(egui::Label::new(text).wrap());
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Delete and unlink").color(theme.error))
            .clicked()
        {
            actions.push(confirm);
        }
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_actor_form_refuses_empty_and_duplicate_names() {
        let project = crate::example::example_project().expect("example");
        let mut form = ActorForm::new_actor("  ");
        assert!(form.to_actor(&project).is_err());
        let existing = project.actors().values().next().expect("an actor");
        form.name = existing.name.to_uppercase();
        assert!(form.to_actor(&project).is_err());
        let edit = ActorForm::edit(existing);
        assert_eq!(edit.to_actor(&project).expect("unchanged"), *existing);
    }

    #[test]
    fn the_actor_form_cleans_aliases() {
        let project = Project::new("t");
        let mut form = ActorForm::new_actor("Volodymyr Zelenskyy");
        form.aliases = "Zelensky\n zelensky ;Zelenskyy ;; Volodymyr Zelenskyy".into();
        let actor = form.to_actor(&project).expect("valid");
        assert_eq!(
            actor.aliases,
            vec!["Zelensky".to_owned(), "Zelenskyy".to_owned()]
        );
    }

    #[test]
    fn the_event_form_parses_partial_dates_and_ranges() {
        let project = Project::new("t");
        let mut form = EventForm::new_event("Talks");
        for ok in [
            "2025",
            "2025-08",
            "2025-08-06~",
            "2025-08-01/2025-08-15",
            "",
        ] {
            form.date = ok.into();
            assert!(form.to_event(&project).is_ok(), "{ok}");
        }
        for bad in ["2025-13", "August", "2025-02-30"] {
            form.date = bad.into();
            assert!(form.parsed_date().is_err(), "{bad}");
            assert!(form.to_event(&project).is_err(), "{bad}");
        }
        form.date = "2025-08~".into();
        let event = form.to_event(&project).expect("valid");
        assert!(event.date.is_some_and(|d| d.is_approximate()));
    }
}
