//! The mention finder: every occurrence of an actor's name or alias that no passage links yet,
//! across all articles (see [`crate::search::find_mentions`]), listed with its context. Accept
//! one, or accept all (one undo step), with the chosen role; click the context to open it in the
//! reader. The list is computed once per project revision and blind-coding filter (with blind
//! coding on, a name only another analyst linked is still a mention, and accepting it makes the
//! analyst a passage of their own).

use crate::ui::combo::ComboAbove;
use egui::{RichText, Sense};

use super::super::theme::Theme;
use crate::model::{ActorRole, Project};
use crate::search::{Mention, accept_mentions, find_mentions};
use crate::ui::action::Action;

/// The mention finder's state: the role to link with and the cached mentions.
#[derive(Debug, Default)]
pub struct MentionsState {
    /// The role accepted mentions get; `None` means "mentioned".
    pub role: Option<ActorRole>,
    /// Blind coding: only this analyst's links count, and accepting links only this analyst's
    /// passages (`None`: every passage).
    pub blind: Option<String>,
    /// The revision and blind-coding filter the mentions are of.
    built: Option<(u64, Option<String>)>,
    mentions: Vec<Mention>,
}

impl MentionsState {
    /// The unlinked mentions, recomputed only when the project or the blind-coding filter
    /// changed.
    pub fn mentions(&mut self, project: &Project) -> &[Mention] {
        let key = (project.revision(), self.blind.clone());
        if self.built.as_ref() != Some(&key) {
            self.mentions = find_mentions(project, self.blind.as_deref());
            self.built = Some(key);
        }
        &self.mentions
    }
}

/// The mention finder view.
pub fn mentions_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut MentionsState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let role = *state.role.get_or_insert(ActorRole::Mentioned);
    let mentions = state.mentions(project).to_vec();
    let blind = state.blind.clone();
    let blind = blind.as_deref();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} unlinked mention{} of actors' names and aliases",
            mentions.len(),
            if mentions.len() == 1 { "" } else { "s" }
        ));
        let mut chosen = role;
        egui::ComboBox::from_id_salt("dossier-mentions-role")
            .selected_text(chosen.label())
            .show_above(ui, |ui| {
                for r in ActorRole::ALL {
                    ui.selectable_value(&mut chosen, r, r.label());
                }
            })
            .response
            .accessible_name("Role for accepted mentions");
        state.role = Some(chosen);
        if ui
            .add_enabled(!mentions.is_empty(), egui::Button::new("Accept all"))
            .on_hover_text("Link every mention listed here, as one undo step")
            .clicked()
            && let Some(edit) = accept_mentions(project, &mentions, chosen, None, blind)
        {
            actions.push(Action::Edit(edit));
        }
    });
    ui.label(
        RichText::new("Matching ignores case and accents and takes whole words only: “Putin” does not match inside other words. Accepting makes a passage over the name (or links the passage that is exactly there).")
            .small()
            .color(theme.weak_text),
    );
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("dossier-mentions-scroll")
        .auto_shrink([false, false])
        .show_rows(ui, 24.0, mentions.len(), |ui, range| {
            for m in mentions.get(range).unwrap_or_default() {
                ui.horizontal(|ui| {
                    ui.set_height(22.0);
                    let names: Vec<&str> = m
                        .actors
                        .iter()
                        .filter_map(|a| project.actor(*a).map(|a| a.name.as_str()))
                        .collect();
                    let name = names.join(" / ");
                    if ui
                        .small_button("Accept")
                        .accessible_name(format!(
                            "Accept {} at {} in {}",
                            m.text,
                            m.start,
                            project.document(m.doc).map_or("", |d| d.title.as_str())
                        ))
                        .on_hover_text(format!(
                            "Link “{name}” here as {}",
                            chosen_role(state).label()
                        ))
                        .clicked()
                        && let Some(edit) = accept_mentions(
                            project,
                            std::slice::from_ref(m),
                            chosen_role(state),
                            None,
                            blind,
                        )
                    {
                        actions.push(Action::Edit(edit));
                    }
                    ui.label(RichText::new(name).color(theme.actor_link));
                    let mut job = egui::text::LayoutJob::default();
                    let font = egui::FontId::proportional(13.0);
                    let plain = egui::TextFormat::simple(font.clone(), theme.weak_text);
                    let strong = egui::TextFormat {
                        background: theme.selection,
                        ..egui::TextFormat::simple(font, theme.text)
                    };
                    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
                    job.append(&format!("…{}", clean(&m.before)), 0.0, plain.clone());
                    job.append(&clean(&m.text), 0.0, strong);
                    job.append(&format!("{}…", clean(&m.after)), 0.0, plain);
                    job.wrap =
                        egui::text::TextWrapping::truncate_at_width(ui.available_width() - 8.0);
                    let response = ui.add(
                        egui::Label::new(job)
                            .selectable(false)
                            .sense(Sense::click()),
                    );
                    if response.on_hover_text("Open in the reader").clicked() {
                        actions.push(Action::JumpToText(m.doc, m.start, m.end));
                    }
                });
            }
        });
}

fn chosen_role(state: &MentionsState) -> ActorRole {
    state.role.unwrap_or(ActorRole::Mentioned)
}
