//! Recent changes: the undo history as a list. The steps that were undone (and that redo would
//! repeat) come first, greyed, then every step that undo can revert, newest first; each says what
//! it did and to what. Clicking a row brings its subject into view (the passage in the reader, the
//! tag in the codebook, the actor's profile, the event's card); the buttons above undo and redo.
//!
//! This view was added as the example of how a view is added (see ARCHITECTURE.md, "The window"):
//! this file, a variant of [`crate::ui::action::CentreView`] and its row in the command table.

use egui::RichText;

use crate::edit::{History, Subject};
use crate::model::Project;
use crate::ui::TAG_PATH_SEPARATOR;
use crate::ui::action::Action;
use crate::ui::command::Command;
use crate::ui::theme::Theme;

/// Chars of a passage's text quoted in its row.
const QUOTE_CHARS: usize = 60;

/// What a step changed, in words: “the passage “…” (Article)”, “the tag Claim › Quote”. A
/// subject deleted since is named as gone.
pub fn subject_text(project: &Project, subject: Subject) -> String {
    match subject {
        Subject::Project => "the project".to_owned(),
        Subject::Document(d) => project
            .document(d)
            .map_or("an article no longer here".to_owned(), |doc| {
                format!("“{}”", doc.title)
            }),
        Subject::Passage(p) => match project.passage(p) {
            Some(passage) => {
                let doc = project.document(passage.doc);
                let quote = doc
                    .and_then(|d| d.text.slice(passage.start..passage.end))
                    .map(|q| crate::model::clipped(q.trim(), QUOTE_CHARS))
                    .unwrap_or_default();
                let title = doc.map_or("", |d| d.title.as_str());
                format!("the passage “{quote}” in “{title}”")
            }
            None => "a passage no longer here".to_owned(),
        },
        Subject::Claim(c) => {
            project
                .evidence()
                .claim(c)
                .map_or("a claim no longer here".to_owned(), |c| {
                    format!(
                        "the claim “{}”",
                        crate::model::clipped(&c.statement, QUOTE_CHARS)
                    )
                })
        }
        Subject::Tag(t) => match project.tag(t) {
            Some(_) => format!("the tag {}", project.tag_path(t, TAG_PATH_SEPARATOR)),
            None => "a tag no longer here".to_owned(),
        },
        Subject::Actor(a) => project
            .actor(a)
            .map_or("an actor no longer here".to_owned(), |a| {
                format!("the actor {}", a.name)
            }),
        Subject::Event(e) => project
            .event(e)
            .map_or("an event no longer here".to_owned(), |e| {
                format!("the event {}", e.title)
            }),
    }
}

/// The action that shows a step's subject; `None` for the project or a subject that is gone.
fn reveal(project: &Project, subject: Subject) -> Option<Action> {
    match subject {
        Subject::Project | Subject::Claim(_) => None,
        Subject::Document(d) => project.document(d).map(|_| Action::OpenDocument(d)),
        Subject::Passage(p) => project.passage(p).map(|_| Action::JumpToPassage(p)),
        Subject::Tag(t) => project.tag(t).map(|_| Action::SelectTag(Some(t))),
        Subject::Actor(a) => project.actor(a).map(|_| Action::OpenActorProfile(a)),
        Subject::Event(e) => project.event(e).map(|_| Action::OpenEventCard(e)),
    }
}

/// The button of a history command, with its shortcut in the tooltip.
fn command_button(ui: &mut egui::Ui, command: Command, label: String, enabled: bool) -> bool {
    let mut tip = command.tooltip().to_owned();
    if let Some(keys) = command.key_text() {
        tip.push_str(&format!(" ({keys})"));
    }
    ui.add_enabled(enabled, egui::Button::new(label))
        .on_hover_text(tip)
        .clicked()
}

/// The recent changes view.
pub fn changes_ui(
    ui: &mut egui::Ui,
    project: &Project,
    history: &History,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} change{} to undo · {} to redo",
            history.undo_len(),
            if history.undo_len() == 1 { "" } else { "s" },
            history.redo_steps().count()
        ));
        let undo = history
            .undo_label()
            .map_or("Undo".to_owned(), |l| format!("Undo {l}"));
        if command_button(ui, Command::Undo, undo, history.can_undo()) {
            actions.push(Action::Run(Command::Undo));
        }
        let redo = history
            .redo_label()
            .map_or("Redo".to_owned(), |l| format!("Redo {l}"));
        if command_button(ui, Command::Redo, redo, history.can_redo()) {
            actions.push(Action::Run(Command::Redo));
        }
    });
    ui.separator();
    if !history.can_undo() && !history.can_redo() {
        ui.label(RichText::new("No changes since the project was opened.").color(theme.weak_text));
        return;
    }
    let redo: Vec<(&'static str, Subject)> = history.redo_steps().collect();
    let undo: Vec<(&'static str, Subject)> = history.undo_steps().collect();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Undone steps, the one redo repeats next nearest to the line below.
            for (label, subject) in redo.iter().rev() {
                let text = format!("undone: {label} — {}", subject_text(project, *subject));
                row_ui(
                    ui,
                    project,
                    *subject,
                    RichText::new(text).color(theme.weak_text),
                    actions,
                );
            }
            for (i, (label, subject)) in undo.iter().enumerate() {
                let mut text =
                    RichText::new(format!("{label} — {}", subject_text(project, *subject)));
                if i == 0 {
                    text = text.strong();
                }
                row_ui(ui, project, *subject, text, actions);
            }
        });
}

/// One step's row: clickable when its subject can be shown.
fn row_ui(
    ui: &mut egui::Ui,
    project: &Project,
    subject: Subject,
    text: RichText,
    actions: &mut Vec<Action>,
) {
    match reveal(project, subject) {
        Some(action) => {
            if ui
                .add(egui::Button::selectable(false, text).wrap())
                .on_hover_text("Show it")
                .clicked()
            {
                actions.push(action);
            }
        }
        None => {
            ui.add(egui::Label::new(text).wrap());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gone_subjects_are_named_as_gone_and_not_clickable() {
        let project = Project::new("t");
        let tag = crate::model::TagId::random();
        assert_eq!(
            subject_text(&project, Subject::Tag(tag)),
            "a tag no longer here"
        );
        assert!(reveal(&project, Subject::Tag(tag)).is_none());
        assert!(reveal(&project, Subject::Project).is_none());
    }
}
