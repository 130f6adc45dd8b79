//! Project › Properties…: the project's title (it heads every brief and export, names the file
//! offered on first save and the quit dialog) and its description (under the title of every
//! brief), changed in one undo step (`edit::gesture::set_properties`). The same form asks for the
//! title when a new project is started.

use egui::RichText;

use super::theme::Theme;
use crate::edit::Edit;
use crate::edit::set_properties;
use crate::model::Project;

/// What the properties form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertiesForm {
    /// The title as typed.
    pub title: String,
    /// The description as typed.
    pub description: String,
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
            description: project.description.clone(),
            new_project: false,
            error: None,
        }
    }

    /// The form asking a new project's title.
    pub fn new_project() -> Self {
        Self {
            title: String::new(),
            description: String::new(),
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

/// What the properties form asks for (the dialog turns it into the workbench's actions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PropertiesOutcome {
    /// Close the dialog, nothing changed.
    Close,
    /// Change the open project's title and description (one undoable edit).
    Change(Edit),
    /// Start an empty project with this title.
    Start(String),
}

/// A usable project title: trimmed, not empty, on one line.
pub fn check_project_title(title: &str) -> Result<String, String> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err("Give the project a title: it heads every brief and export.".to_owned());
    }
    Ok(title)
}

/// The form's body; what the user asked for, if anything.
pub fn properties_ui(
    ui: &mut egui::Ui,
    form: &mut PropertiesForm,
    focus: bool,
    project: &Project,
    theme: &Theme,
) -> Option<PropertiesOutcome> {
    let mut outcome = None;
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
    if !form.new_project {
        ui.add_space(6.0);
        let label = ui.label("Description");
        ui.add(
            egui::TextEdit::multiline(&mut form.description)
                .hint_text("What the dossier follows, for whom, and since when")
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.label(
            RichText::new("Printed under the title of every brief.")
                .small()
                .color(theme.weak_text),
        );
    }
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
            outcome = Some(PropertiesOutcome::Close);
        }
    });
    if ok {
        match check_project_title(&form.title) {
            Ok(title) if form.new_project => outcome = Some(PropertiesOutcome::Start(title)),
            Ok(title) => {
                outcome = Some(match set_properties(project, &title, &form.description) {
                    Some(edit) => PropertiesOutcome::Change(edit),
                    None => PropertiesOutcome::Close,
                });
            }
            Err(why) => form.error = Some(why),
        }
    }
    outcome
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
