//! The Conflicts window: the open merge conflicts of the project (see [`crate::merge`]), each with
//! the original's value, ours and theirs, and a field to write another; picking one applies
//! [`crate::merge::resolve::resolution`] as one undoable edit.

use std::collections::BTreeMap;

use crate::merge::resolve::{Choice, resolution};
use crate::model::{Conflict, ConflictKey, EXISTS_FIELD, PROJECT_ITEM, Project};

use super::action::Action;

/// What the window keeps between frames.
#[derive(Debug, Default)]
pub struct ConflictsState {
    /// The text typed as an edited value, per conflict.
    edited: BTreeMap<ConflictKey, String>,
    /// Why the last pick could not be applied.
    error: Option<String>,
    /// Hidden by the user until the conflicts change.
    hidden_at: Option<u64>,
}

/// What an item is, in a few words ("passage “Witkoff met…”", "tag Claim").
fn item_label(project: &Project, item: &str) -> String {
    let short = |s: &str| {
        let mut out: String = s.chars().take(60).collect();
        if out.len() < s.len() {
            out.push('…');
        }
        out
    };
    if item == PROJECT_ITEM {
        return "the project".to_owned();
    }
    let found = match item.chars().next() {
        Some('p') => item.parse().ok().and_then(|id| {
            (project.passage(id).or_else(|| project.orphan(id)))
                .map(|p| format!("passage “{}”", short(&p.quote)))
        }),
        Some('t') => (item.parse().ok())
            .and_then(|id| project.tag(id))
            .map(|t| format!("tag {}", t.name)),
        Some('a') => (item.parse().ok())
            .and_then(|id| project.actor(id))
            .map(|a| format!("actor {}", a.name)),
        Some('e') => (item.parse().ok())
            .and_then(|id| project.event(id))
            .map(|e| format!("event {}", e.title)),
        Some('d') => (item.parse().ok())
            .and_then(|id| project.document(id))
            .map(|d| format!("article {}", d.title)),
        _ => None,
    };
    found.unwrap_or_else(|| item.to_owned())
}

/// A side's value as shown.
fn shown(conflict: &Conflict, value: Option<&String>) -> String {
    match value {
        None if conflict.field == EXISTS_FIELD => "removed".to_owned(),
        None => "(no value)".to_owned(),
        Some(v) if conflict.field == EXISTS_FIELD => format!("kept: {v}"),
        Some(v) if v.is_empty() => "(empty)".to_owned(),
        Some(v) => {
            let mut out: String = v.chars().take(400).collect();
            if out.len() < v.len() {
                out.push('…');
            }
            out
        }
    }
}

/// Draws the Conflicts window while the project has open conflicts; picks become
/// [`Action::Edit`]s (one undo step each).
pub fn conflicts_ui(
    ctx: &egui::Context,
    project: &Project,
    state: &mut ConflictsState,
    actions: &mut Vec<Action>,
) {
    let conflicts = project.conflicts();
    if conflicts.is_empty() || state.hidden_at == Some(project.revision()) {
        return;
    }
    state.hidden_at = None;
    let mut open = true;
    egui::Window::new(format!("Conflicts from a merge ({})", conflicts.len()))
        .open(&mut open)
        .default_width(520.0)
        .default_pos(ctx.content_rect().center() - egui::vec2(260.0, 260.0))
        .resizable(true)
        .show(ctx, |ui| {
            ui.label(
                "Two copies changed these fields in ways that could not be joined. \
                 Each keeps its original value until you pick one; every pick can be undone.",
            );
            if let Some(error) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| {
                    for (key, conflict) in conflicts {
                        conflict_ui(ui, project, key, conflict, state, actions);
                        ui.separator();
                    }
                });
        });
    if !open {
        state.hidden_at = Some(project.revision());
    }
}

fn conflict_ui(
    ui: &mut egui::Ui,
    project: &Project,
    key: &ConflictKey,
    conflict: &Conflict,
    state: &mut ConflictsState,
    actions: &mut Vec<Action>,
) {
    let what = if conflict.field == EXISTS_FIELD {
        format!(
            "{}: removed on one side, changed on the other",
            item_label(project, &key.item)
        )
    } else {
        format!("{}: {}", item_label(project, &key.item), conflict.field)
    };
    ui.strong(what);
    let mut pick = None;
    for (name, value, choice, button) in [
        ("Ours", conflict.ours.as_ref(), Choice::Ours, "Use ours"),
        (
            "Theirs",
            conflict.theirs.as_ref(),
            Choice::Theirs,
            "Use theirs",
        ),
        (
            "Original",
            conflict.base.as_ref(),
            Choice::Base,
            "Use original",
        ),
    ] {
        if name == "Original" && value.is_none() && conflict.field != EXISTS_FIELD {
            continue;
        }
        ui.horizontal(|ui| {
            ui.label(name);
            let usable = value.is_some() || conflict.field == EXISTS_FIELD;
            if ui.add_enabled(usable, egui::Button::new(button)).clicked() {
                pick = Some(choice);
            }
        });
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(egui::Label::new(shown(conflict, value)).wrap());
        });
    }
    if conflict.field != EXISTS_FIELD {
        let text = state
            .edited
            .entry(key.clone())
            .or_insert_with(|| conflict.ours.clone().unwrap_or_default());
        ui.horizontal(|ui| {
            let label = ui.label("Edited");
            ui.add(
                egui::TextEdit::multiline(text)
                    .desired_rows(2)
                    .desired_width(ui.available_width() - 110.0),
            )
            .labelled_by(label.id);
            if ui.button("Use edited").clicked() {
                pick = Some(Choice::Edited(text.clone()));
            }
        });
    }
    if let Some(choice) = pick {
        match resolution(project, key, choice) {
            Ok(edit) => {
                state.error = None;
                state.edited.remove(key);
                actions.push(Action::Edit(edit));
            }
            Err(e) => state.error = Some(e.to_string()),
        }
    }
}
