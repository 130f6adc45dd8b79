//! The dialogs of the guards against lost work: restore an autosave, a project open in another
//! window, a file changed on disk, and confirming a reload that drops unsaved changes.

use egui::RichText;

use crate::store::LockOwner;
use crate::ui::action::{Action, GuardAction};
use crate::ui::theme::Theme;

/// A file's name for messages: “p.ron”.
pub(super) fn file_label(path: &std::path::Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("“{name}”")
}

pub(super) fn recovery_ui(
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

pub(super) fn in_use_ui(
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

pub(super) fn conflict_ui(
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

pub(super) fn confirm_reload_ui(
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
