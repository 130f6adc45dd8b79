//! File › Export…: one dialog for every export the command line can make — the format, the
//! filters (`--tag`, `--actor`, `--event`, `--doc`, `--from`, `--to`, `--text`), the grouping of
//! the reading formats, Excel-safe CSV, and the output file, offered as the project's name with
//! the format's extension next to the project file.
//!
//! The form only collects text; the query is resolved by [`crate::export::QueryTerms`] (the
//! command line's resolver) and written by the workbench (`Action::ExportTo`), so the dialog,
//! the excerpts table and `dossier export` make the same files.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::combo::ComboAbove;
use super::theme::Theme;
use crate::export::destination::{default_export_path, split_terms, with_format_extension};
use crate::export::{ExcerptQuery, ExportOptions, Format, GroupBy, QueryTerms};
use crate::model::{PartialDate, Project};

/// What the Export dialog holds: everything as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportForm {
    /// The format.
    pub format: Format,
    /// Markdown and HTML: how excerpts are grouped.
    pub group_by: GroupBy,
    /// CSV: a byte-order mark and defused formula cells, for Excel.
    pub excel: bool,
    /// The briefs: two analysts, "A,B", whose inter-coder agreement table ends the brief (empty:
    /// none).
    pub agreement: String,
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
}

impl ExportForm {
    /// A fresh form: CSV of everything, to the offered file.
    pub fn new(project_file: Option<&Path>, title: &str, fallback_dir: &Path) -> Self {
        let format = Format::Csv;
        Self {
            format,
            group_by: GroupBy::default(),
            excel: false,
            agreement: String::new(),
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

    /// The export as asked, or every reason it cannot be made (one per line).
    pub fn request(&self, project: &Project) -> Result<ExportRequest, String> {
        let mut errors = Vec::new();
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
        let agreement = match self.agreement.trim() {
            "" => None,
            _ if !self.format.is_brief() => None,
            coders => match coders.parse::<crate::export::agreement::AgreementCoders>() {
                Ok(c) => match crate::agree::coders(project, &c.a, &c.b) {
                    Ok(_) => Some(c),
                    Err(why) => {
                        errors.push(format!("Agreement of: {why}"));
                        None
                    }
                },
                Err(why) => {
                    errors.push(format!("Agreement of: {why}"));
                    None
                }
            },
        };
        match query {
            Some(query) if errors.is_empty() => {
                let mut path = PathBuf::from(path);
                if path.extension().is_none() {
                    path.set_extension(self.format.extension());
                }
                Ok(ExportRequest {
                    query,
                    format: self.format,
                    options: ExportOptions {
                        excel: self.excel && self.format == Format::Csv,
                        group_by: matches!(self.format, Format::Md | Format::Html)
                            .then_some(self.group_by),
                        agreement,
                    },
                    path,
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
    /// Write this export.
    Export(Box<ExportRequest>),
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
            match form.format {
                Format::Md | Format::Html => {
                    ui.label("Group by");
                    egui::ComboBox::from_id_salt("dossier-export-group")
                        .selected_text(form.group_by.noun())
                        .width(200.0)
                        .show_above(ui, |ui| {
                            for g in GroupBy::ALL {
                                ui.selectable_value(&mut form.group_by, g, g.noun());
                            }
                        })
                        .response
                        .accessible_name("Grouping");
                    ui.end_row();
                }
                Format::Csv => {
                    ui.label("");
                    ui.checkbox(
                        &mut form.excel,
                        "For Excel (byte-order mark, safe formulas)",
                    );
                    ui.end_row();
                }
                _ => {}
            }
            if form.format.is_brief() {
                let l = ui.label("Agreement of");
                ui.add(
                    egui::TextEdit::singleline(&mut form.agreement)
                        .hint_text("Ana,Boris: ends the brief with their inter-coder agreement")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
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
        let mut form = ExportForm::new(None, &project.title, dir.path());
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

    /// The briefs take two analysts for the agreement appendix; a name nobody signed or a single
    /// name is refused in the dialog; other formats leave it out.
    #[test]
    fn the_agreement_appendix_is_asked_for_by_two_known_analysts() {
        let mut project = crate::example::example_project().expect("example");
        let passages: Vec<crate::model::Passage> = project.passages().values().cloned().collect();
        for (i, mut p) in passages.into_iter().enumerate() {
            p.author = if i % 2 == 0 { "Ana" } else { "Boris" }.into();
            crate::edit::apply(&mut project, crate::edit::Edit::SetPassage(Box::new(p)))
                .expect("sign");
        }
        let dir = tempfile::tempdir().expect("dir");
        let mut form = ExportForm::new(None, &project.title, dir.path());
        form.set_format(Format::Docx);
        form.agreement = " Ana , Boris ".into();
        let request = form.request(&project).expect("valid");
        let coders = request.options.agreement.expect("asked for");
        assert_eq!((coders.a.as_str(), coders.b.as_str()), ("Ana", "Boris"));
        form.agreement = "Ana,Chen".into();
        let why = form.request(&project).expect_err("Chen signed nothing");
        assert!(why.contains("\"Chen\""), "{why}");
        form.agreement = "Ana".into();
        assert!(form.request(&project).is_err());
        form.set_format(Format::Csv);
        assert_eq!(form.request(&project).expect("csv").options.agreement, None);
    }
}
