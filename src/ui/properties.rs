//! Project › Properties…: the project's title (it heads every brief and export, names the file
//! offered on first save and the quit dialog), changed through the undoable
//! [`Edit::SetTitle`]. The same form asks for the title when a new project is started.

use egui::RichText;

use super::theme::Theme;
use super::workbench::Action;
use crate::edit::Edit;
use crate::model::Project;

/// What the properties form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertiesForm {
    /// The title as typed.
    pub title: String,
    /// Asked for a project about to be started (Create makes it) rather than the open one.
    pub new_project: bool,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

impl PropertiesForm {
    /// The open project's properties.
    pub fn of(project: &Project) -> Self {
        Self {
            title: project.title.clone(),
            new_project: false,
            error: None,
        }
    }

    /// The form asking a new project's title.
    pub fn new_project() -> Self {
        Self {
            title: String::new(),
            new_project: true,
            error: None,
        }
    }

    /// The dialog's title.
    pub fn heading(&self) -> &'static str {
        if self.new_project {
            "New project"
        } else {
            "Project properties"
        }
    }
}

/// A usable project title: trimmed, not empty, on one line.
pub fn check_project_title(title: &str) -> Result<String, String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err("Give the project a title: it heads every brief and export.".to_owned());
    }
    Ok(title)
}

/// The form's body; pushes the rename (or the new project) when applied.
pub fn properties_ui(
    ui: &mut egui::Ui,
    form: &mut PropertiesForm,
    focus: bool,
    project: &Project,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    if form.new_project {
        ui.label(
            RichText::new("An empty project: import or paste articles into it next.")
                .color(theme.weak_text),
        );
        ui.add_space(4.0);
    }
    let mut ok = false;
    ui.horizontal(|ui| {
        let label = ui.label("Title");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut form.title)
                    .hint_text("e.g. Jadar lithium mine protests, 2024")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if focus {
            response.request_focus();
        }
        ok |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    ui.label(
        RichText::new("Heads every brief and export; names the file offered when you first save.")
            .small()
            .color(theme.weak_text),
    );
    if let Some(error) = &form.error {
        ui.add_space(4.0);
        ui.label(RichText::new(error).color(theme.error));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ok |= ui
            .button(if form.new_project { "Create" } else { "Apply" })
            .clicked();
        if ui.button("Cancel").clicked() {
            actions.push(Action::CloseDialog);
        }
    });
    if ok {
        match check_project_title(&form.title) {
            Ok(title) => {
                actions.push(Action::CloseDialog);
                if form.new_project {
                    actions.push(Action::StartProject(title));
                } else if title != project.title {
                    actions.push(Action::Edit(Edit::SetTitle(title)));
                }
            }
            Err(why) => form.error = Some(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_to_one_line_and_never_empty() {
        assert_eq!(
            check_project_title("  Jadar \n mine  ").as_deref(),
            Ok("Jadar mine")
        );
        assert!(check_project_title(" \n ").is_err());
    }
}
