//! The reader alone in a window, on the example project: for looking at highlights, trying the
//! selection keys and dragging passage handles without the rest of the app.
//!
//! `cargo run --release --example reader_demo` (under Xvfb:
//! `xvfb-run -a -s "-screen 0 1400x900x24" cargo run --release --example reader_demo`).
//!
//! Environment: `READER_DEMO_DARK=1` starts dark; `READER_DEMO_DOC=N` opens the N-th article
//! (0-based, by id order); `READER_DEMO_EXIT_AFTER=N` closes the window after N frames.

use std::ops::Range;

use dossier::edit::{Edit, apply};
use dossier::model::{PassageId, Project};
use dossier::ui::reader::{KEYS, ReaderState, reader_ui};
use dossier::ui::theme::Theme;

struct Demo {
    project: Project,
    reader: ReaderState,
    selected: Option<PassageId>,
    dark: bool,
    last_error: Option<String>,
    frames: u64,
    exit_after: Option<u64>,
}

impl Demo {
    fn new(project: Project) -> Self {
        let doc_index: usize = std::env::var("READER_DEMO_DOC")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let doc = project.documents().keys().nth(doc_index).copied();
        let mut reader = ReaderState::new();
        reader.set_document(doc);
        // Start with a linked passage selected (outline and handles) and a sentence selected.
        let selected = doc.and_then(|d| {
            project
                .passages_in(d)
                .find(|p| !p.actors.is_empty() && !p.events.is_empty())
                .or_else(|| project.passages_in(d).next())
                .map(|p| p.id)
        });
        if let Some(text) = doc
            .and_then(|d| project.document(d))
            .map(|d| d.text.clone())
        {
            let s = text.as_str();
            if let Some(byte) = s.find("Witkoff met Putin").or_else(|| s.find(". ")) {
                let start = text.char_of_byte(byte).unwrap_or(0);
                reader.set_selection(start..(start + 17).min(text.len_chars()));
            }
        }
        Self {
            project,
            reader,
            selected,
            dark: std::env::var("READER_DEMO_DARK").is_ok_and(|v| v == "1"),
            last_error: None,
            frames: 0,
            exit_after: std::env::var("READER_DEMO_EXIT_AFTER")
                .ok()
                .and_then(|v| v.parse().ok()),
        }
    }

    fn adjust(&mut self, passage: PassageId, span: Range<usize>) {
        let edit = Edit::SetPassageSpan {
            passage,
            start: span.start,
            end: span.end,
        };
        if let Err(err) = apply(&mut self.project, edit) {
            self.last_error = Some(err.to_string());
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        self.frames += 1;
        if self.exit_after.is_some_and(|n| self.frames >= n) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().set_visuals(if self.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        let theme = Theme::for_visuals(&ui.ctx().global_style().visuals);

        egui::Panel::right("reader_demo_side")
            .default_size(300.0)
            .resizable(true)
            .show(ui, |ui| {
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    ui.heading("Reader demo");
                    let label = if self.dark { "Light" } else { "Dark" };
                    if ui.button(label).clicked() {
                        self.dark = !self.dark;
                    }
                });
                egui::ComboBox::from_label("Article")
                    .selected_text(
                        self.reader
                            .document()
                            .and_then(|d| self.project.document(d))
                            .map_or("—".to_owned(), |d| d.title.chars().take(32).collect()),
                    )
                    .show_ui(ui, |ui| {
                        let docs: Vec<_> = self
                            .project
                            .documents()
                            .values()
                            .map(|d| (d.id, d.title.clone()))
                            .collect();
                        for (id, title) in docs {
                            if ui
                                .selectable_label(self.reader.document() == Some(id), title)
                                .clicked()
                            {
                                self.reader.set_document(Some(id));
                                self.selected = None;
                            }
                        }
                    });
                ui.separator();
                let selection = self.reader.selection();
                let text = self
                    .reader
                    .document()
                    .and_then(|d| self.project.document(d))
                    .map(|d| d.text.clone());
                ui.label(format!("Selection (chars): {selection:?}"));
                if let (Some(range), Some(text)) = (selection, &text) {
                    let quote: String = text.slice(range).unwrap_or("").chars().take(200).collect();
                    ui.label(egui::RichText::new(quote).italics());
                }
                ui.label(format!("Selected passage: {:?}", self.selected));
                if let Some(err) = &self.last_error {
                    ui.colored_label(theme.error, err);
                }
                ui.separator();
                egui::Grid::new("keys").striped(true).show(ui, |ui| {
                    for k in KEYS {
                        ui.label(egui::RichText::new(k.keys).monospace());
                        ui.label(k.what);
                        ui.end_row();
                    }
                });
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(theme.page))
            .show(ui, |ui| {
                let out = reader_ui(ui, &self.project, &mut self.reader, self.selected, &theme);
                if let Some(p) = out.clicked_passage {
                    self.selected = Some(p);
                }
                if let Some((p, span)) = out.adjust {
                    self.adjust(p, span);
                }
            });
    }
}

fn main() -> eframe::Result {
    let project = match dossier::example::example_project() {
        Ok(project) => project,
        Err(err) => {
            eprintln!("reader_demo: the example project does not load: {err}");
            std::process::exit(1);
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1400.0, 900.0])
            .with_title("Dossier — reader demo"),
        ..Default::default()
    };
    let mut demo = Demo::new(project);
    eframe::run_ui_native("dossier-reader-demo", options, move |ui, _frame| {
        demo.ui(ui);
    })
}
