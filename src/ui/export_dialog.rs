//! File › Export…: one dialog for every export the command line can make — the format, the
//! filters (`--tag`, `--actor`, `--event`, `--doc`, `--from`, `--to`, `--text`), the grouping of
//! the reading formats, Excel-safe CSV, and the output file, offered as the project's name with
//! the format's extension next to the project file.
//!
//! The form only collects text; the query is resolved by [`crate::export::QueryTerms`] (the
//! command line's resolver) and written by the workbench (`Action::ExportTo`), so the dialog,
//! the excerpts table and `dossier export` make the same files.
//!
//! For the briefs (Markdown, HTML, DOCX, PDF) the dialog shows the project's brief template
//! ([`crate::model::BriefTemplate`]: grouping, the parts to include, the agreement appendix),
//! loaded from the project when the dialog opens. "Remember for this project" stores a changed
//! template in the project (one undoable edit); exporting a brief with a changed template
//! remembers it too, in the same way.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::combo::ComboAbove;
use super::theme::Theme;
use crate::edit::Edit;
use crate::export::destination::{default_export_path, split_terms, with_format_extension};
use crate::export::{ExcerptQuery, ExportOptions, Format, GroupBy, QueryTerms};
use crate::model::{AgreementCoders, BriefTemplate, Part, PartialDate, Project};

/// What the Export dialog holds: everything as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportForm {
    /// The format.
    pub format: Format,
    /// The briefs: grouping and the parts left out (the agreement is in the three fields below).
    pub template: BriefTemplate,
    /// The briefs: append the agreement appendix of the two analysts below.
    pub agreement: bool,
    /// The first analyst of the agreement appendix.
    pub coder_a: String,
    /// The second analyst of the agreement appendix.
    pub coder_b: String,
    /// CSV: a byte-order mark and defused formula cells, for Excel.
    pub excel: bool,
    /// Tags (with their sub-tags), `;`-separated names or paths.
    pub tags: String,
    /// Actors, `;`-separated names or aliases.
    pub actors: String,
    /// Events, `;`-separated titles.
    pub events: String,
    /// Articles, `;`-separated titles.
    pub docs: String,
    /// Analysts whose passages are exported, `;`-separated names.
    pub authors: String,
    /// Earliest publication date.
    pub from: String,
    /// Latest publication date.
    pub to: String,
    /// Words the quote or note contains.
    pub text: String,
    /// The output file.
    pub path: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
}

/// An export the dialog asks for, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// Which passages.
    pub query: ExcerptQuery,
    /// Which format.
    pub format: Format,
    /// Grouping, Excel.
    pub options: ExportOptions,
    /// Where.
    pub path: PathBuf,
    /// The brief template to remember in the project first (it differs from the project's).
    pub remember: Option<BriefTemplate>,
}

impl ExportForm {
    /// A fresh form: CSV of everything, to the offered file, with the project's brief template.
    pub fn new(
        project_file: Option<&Path>,
        title: &str,
        fallback_dir: &Path,
        template: &BriefTemplate,
    ) -> Self {
        let format = Format::Csv;
        let coders = template.agreement.clone();
        Self {
            format,
            template: BriefTemplate {
                agreement: None,
                ..template.clone()
            },
            agreement: coders.is_some(),
            coder_a: coders.as_ref().map(|c| c.a.clone()).unwrap_or_default(),
            coder_b: coders.map(|c| c.b).unwrap_or_default(),
            excel: false,
            tags: String::new(),
            actors: String::new(),
            events: String::new(),
            docs: String::new(),
            authors: String::new(),
            from: String::new(),
            to: String::new(),
            text: String::new(),
            path: default_export_path(project_file, title, format, fallback_dir)
                .display()
                .to_string(),
            error: None,
        }
    }

    /// Switches the format, and the output file's extension with it.
    pub fn set_format(&mut self, format: Format) {
        self.format = format;
        if !self.path.trim().is_empty() {
            self.path = with_format_extension(Path::new(self.path.trim()), format)
                .display()
                .to_string();
        }
    }

    /// The brief template as the form has it, or why it is not one.
    pub fn brief_template(&self) -> Result<BriefTemplate, String> {
        let mut template = BriefTemplate {
            agreement: self.agreement.then(|| AgreementCoders {
                a: self.coder_a.trim().to_owned(),
                b: self.coder_b.trim().to_owned(),
            }),
            ..self.template.clone()
        };
        template.normalize();
        match template.problems().first() {
            None => Ok(template),
            Some(problem) => Err(format!("Agreement appendix: {problem}.")),
        }
    }

    /// [`Self::brief_template`], with the agreement's analysts checked against the project
    /// (each must have passages).
    fn checked_template(&self, project: &Project) -> Result<BriefTemplate, String> {
        let template = self.brief_template()?;
        if let Some(c) = &template.agreement {
            crate::agree::coders(project, &c.a, &c.b)
                .map_err(|e| format!("Agreement appendix: {e}."))?;
        }
        Ok(template)
    }

    /// The edit that remembers the form's template in the project, when it differs from the
    /// project's; an error says why the template is not valid.
    pub fn remember_edit(&self, project: &Project) -> Result<Option<Edit>, String> {
        let template = self.checked_template(project)?;
        Ok((template != *project.brief_template())
            .then(|| Edit::SetBriefTemplate(Box::new(template))))
    }

    /// The export as asked, or every reason it cannot be made (one per line).
    pub fn request(&self, project: &Project) -> Result<ExportRequest, String> {
        let mut errors = Vec::new();
        let template = if self.format.is_brief() {
            match self.checked_template(project) {
                Ok(t) => Some(t),
                Err(why) => {
                    errors.push(why);
                    None
                }
            }
        } else {
            None
        };
        let mut date = |text: &str, what: &str| -> Option<PartialDate> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse() {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(format!("{what}: {e}"));
                    None
                }
            }
        };
        let from = date(&self.from, "From");
        let to = date(&self.to, "To");
        let terms = QueryTerms {
            tags: split_terms(&self.tags),
            actors: split_terms(&self.actors),
            events: split_terms(&self.events),
            docs: split_terms(&self.docs),
            authors: split_terms(&self.authors),
            from,
            to,
            text: self.text.trim().to_owned(),
            ..QueryTerms::default()
        };
        let query = match terms.resolve(project) {
            Ok(q) => Some(q),
            Err(es) => {
                errors.extend(es.iter().map(ToString::to_string));
                None
            }
        };
        let path = self.path.trim();
        if path.is_empty() {
            errors.push("Choose the output file.".to_owned());
        }
        match query {
            Some(query) if errors.is_empty() => {
                let mut path = PathBuf::from(path);
                if path.extension().is_none() {
                    path.set_extension(self.format.extension());
                }
                let mut options = match &template {
                    Some(t) => ExportOptions::from_template(t, self.format),
                    None => ExportOptions::default(),
                };
                options.excel = self.excel && self.format == Format::Csv;
                Ok(ExportRequest {
                    query,
                    format: self.format,
                    options,
                    path,
                    remember: template.filter(|t| t != project.brief_template()),
                })
            }
            _ => Err(errors.join("\n")),
        }
    }
}

/// What the Export dialog asks for (the dialog turns it into the workbench's actions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Close the dialog without exporting.
    Cancel,
    /// Write this export (remembering its brief template first, if it asks to).
    Export(Box<ExportRequest>),
    /// Remember this edit of the brief template in the project; the dialog stays open.
    Remember(Edit),
}

/// The dialog's body; what the user asked for, if anything.
pub fn export_form_ui(
    ui: &mut egui::Ui,
    form: &mut ExportForm,
    focus: bool,
    project: &Project,
    theme: &Theme,
) -> Option<ExportOutcome> {
    let mut outcome = None;
    let mut ok = false;
    egui::Grid::new("dossier-export-form")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("Format");
            let mut format = form.format;
            egui::ComboBox::from_id_salt("dossier-export-format")
                .selected_text(format!(
                    "{} (.{})",
                    format.name().to_uppercase(),
                    format.extension()
                ))
                .width(200.0)
                .show_above(ui, |ui| {
                    for f in Format::ALL {
                        ui.selectable_value(
                            &mut format,
                            f,
                            format!("{} (.{})", f.name().to_uppercase(), f.extension()),
                        )
                        .on_hover_text(f.description());
                    }
                })
                .response
                .accessible_name("Export format");
            if format != form.format {
                form.set_format(format);
            }
            ui.end_row();
            if form.format.is_brief() {
                ui.label("Group by");
                egui::ComboBox::from_id_salt("dossier-export-group")
                    .selected_text(form.template.group_by.noun())
                    .width(200.0)
                    .show_above(ui, |ui| {
                        for g in GroupBy::ALL {
                            ui.selectable_value(&mut form.template.group_by, g, g.noun());
                        }
                    })
                    .response
                    .accessible_name("Grouping");
                ui.end_row();
                ui.label("Include");
                egui::Grid::new("dossier-export-parts")
                    .num_columns(2)
                    .spacing([12.0, 4.0])
                    .show(ui, |ui| {
                        for (i, part) in Part::ALL.into_iter().enumerate() {
                            let mut on = form.template.includes(part);
                            if ui.checkbox(&mut on, part.label()).changed() {
                                form.template.set_included(part, on);
                            }
                            if i % 2 == 1 {
                                ui.end_row();
                            }
                        }
                    });
                ui.end_row();
                ui.label("Agreement");
                ui.add_enabled_ui(ExportOptions::has_agreement_appendix(form.format), |ui| {
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut form.agreement, "Appendix of")
                            .on_hover_text(
                                "Inter-coder agreement of two analysts, by the analyst recorded \
                                 on their passages",
                            )
                            .on_disabled_hover_text("This format has no agreement appendix");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.coder_a)
                                .hint_text("analyst A")
                                .desired_width(110.0),
                        )
                        .accessible_name("First analyst");
                        ui.label("and");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.coder_b)
                                .hint_text("analyst B")
                                .desired_width(110.0),
                        )
                        .accessible_name("Second analyst");
                    });
                });
                ui.end_row();
            } else if form.format == Format::Csv {
                ui.label("");
                ui.checkbox(
                    &mut form.excel,
                    "For Excel (byte-order mark, safe formulas)",
                );
                ui.end_row();
            }
            let fields: [(&str, &mut String, &str, bool); 8] = [
                (
                    "Tags",
                    &mut form.tags,
                    "Threat; Claim/Quote (sub-tags included)",
                    focus,
                ),
                ("Actors", &mut form.actors, "Vladimir Putin; Kremlin", false),
                (
                    "Events",
                    &mut form.events,
                    "Event titles, ; between them",
                    false,
                ),
                (
                    "Articles",
                    &mut form.docs,
                    "Article titles, ; between them",
                    false,
                ),
                (
                    "Analysts",
                    &mut form.authors,
                    "Who made or last changed the passage, ; between names",
                    false,
                ),
                (
                    "From",
                    &mut form.from,
                    "2025-08-01 (publication date)",
                    false,
                ),
                ("To", &mut form.to, "2025-08-31", false),
                (
                    "Text",
                    &mut form.text,
                    "Words in the quote or the note",
                    false,
                ),
            ];
            for (label, value, hint, first) in fields {
                let l = ui.label(label);
                let response = ui
                    .add(
                        egui::TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                if first {
                    response.request_focus();
                }
                ok |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
            }
            let l = ui.label("Output file");
            let response = ui
                .add(egui::TextEdit::singleline(&mut form.path).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            ok |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.end_row();
        });
    ui.label(
        RichText::new(
            "Filters work as on the command line: different filters must all hold; values separated by ; take any of them. Empty: every passage.",
        )
        .small()
        .color(theme.weak_text),
    );
    if let Some(error) = &form.error {
        ui.add_space(4.0);
        ui.add(egui::Label::new(RichText::new(error).color(theme.error)).wrap());
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ok |= ui.button("Export").clicked();
        if ui.button("Cancel").clicked() {
            outcome = Some(ExportOutcome::Cancel);
        }
        if form.format.is_brief() {
            let changed = form
                .brief_template()
                .map_or(true, |t| t != *project.brief_template());
            let remember = ui
                .add_enabled(changed, egui::Button::new("Remember for this project"))
                .on_hover_text(
                    "Keep this grouping and these parts as the project's brief template: the \
                     Export dialog and dossier export start from it (Ctrl+Z undoes it)",
                );
            if remember.clicked() {
                match form.remember_edit(project) {
                    Ok(Some(edit)) => {
                        form.error = None;
                        outcome = Some(ExportOutcome::Remember(edit));
                    }
                    Ok(None) => {}
                    Err(why) => form.error = Some(why),
                }
            }
        }
    });
    if ok {
        match form.request(project) {
            Ok(request) => outcome = Some(ExportOutcome::Export(Box::new(request))),
            Err(why) => form.error = Some(why),
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_resolves_filters_like_the_command_line_and_reports_every_bad_one() {
        let project = crate::example::example_project().expect("example");
        let dir = tempfile::tempdir().expect("dir");
        let mut form = ExportForm::new(None, &project.title, dir.path(), project.brief_template());
        assert!(form.path.ends_with(".csv"), "{}", form.path);
        form.set_format(Format::Md);
        assert!(form.path.ends_with(".md"), "{}", form.path);
        let tag = project.tags().values().next().expect("a tag").name.clone();
        form.tags = format!("{tag};");
        form.from = "2025-01".into();
        let request = form.request(&project).expect("valid");
        assert_eq!(request.query.tags.len(), 1);
        assert_eq!(request.options.group_by, Some(GroupBy::Tag));
        form.tags = "No such tag".into();
        form.to = "2025-13".into();
        let why = form.request(&project).expect_err("two problems");
        assert_eq!(why.lines().count(), 2, "{why}");
        assert!(why.contains("No such tag"), "{why}");
    }

    #[test]
    fn the_form_carries_the_template_and_remembers_only_a_changed_valid_one() {
        let project = crate::example::example_project().expect("example");
        let dir = tempfile::tempdir().expect("dir");
        let mut form = ExportForm::new(None, &project.title, dir.path(), project.brief_template());
        form.set_format(Format::Docx);
        assert_eq!(form.remember_edit(&project), Ok(None), "nothing changed");
        let request = form.request(&project).expect("valid");
        assert_eq!(request.remember, None);
        form.template.group_by = GroupBy::Event;
        form.template.set_included(Part::Ach, false);
        let request = form.request(&project).expect("valid");
        let wanted = BriefTemplate {
            group_by: GroupBy::Event,
            omit: vec![Part::Ach],
            agreement: None,
        };
        assert_eq!(request.remember.as_ref(), Some(&wanted));
        assert_eq!(request.options.omit, [Part::Ach]);
        assert_eq!(request.options.group_by, Some(GroupBy::Event));
        assert_eq!(
            form.remember_edit(&project),
            Ok(Some(Edit::SetBriefTemplate(Box::new(wanted))))
        );
        // An appendix of analysts the project does not know is refused, naming them.
        form.set_format(Format::Md);
        form.agreement = true;
        form.coder_a = "Ana".into();
        form.coder_b = "Ben".into();
        let why = form.request(&project).expect_err("no such analysts");
        assert!(why.starts_with("Agreement appendix:"), "{why}");
        assert!(form.remember_edit(&project).is_err());
        form.coder_b = "Ana".into();
        assert!(form.brief_template().is_err(), "one analyst twice");
        // Not a brief: nothing of the template is asked for or remembered.
        form.set_format(Format::Csv);
        let request = form.request(&project).expect("valid");
        assert_eq!(request.options, ExportOptions::default());
        assert_eq!(request.remember, None);
    }
}
