//! The window's chrome: the menu bar (from the command table), the status bar, the notices
//! at the top of the centre, the centre's tab strip and the view it shows, and the reader's
//! header. Drawing only: every click becomes an [`Action`].

use egui::RichText;

use super::Workbench;
use crate::edit::{Edit, GroupKey};
use crate::ui::action::{Action, CentreView};
use crate::ui::command::{Command, CommandContext, Menu};
use crate::ui::reader::reader_ui;
use crate::ui::request::AfterGuard;
use crate::ui::theme::Theme;
use crate::ui::views::{ViewInput, view_ui};

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Something failed; stays until dismissed.
    Error,
    /// Something worked, with a caveat.
    Warning,
    /// Something worked; fades after a few seconds.
    Info,
}

/// A message shown at the top of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// How serious.
    pub level: NoticeLevel,
    /// What happened (for failures: what failed and where).
    pub text: String,
    /// What to do about it; may be empty.
    pub hint: String,
    /// When it appeared (egui time, seconds); `None` until the first frame shows it.
    pub(super) shown_at: Option<f64>,
}

/// Seconds an info notice stays.
const INFO_SECONDS: f64 = 6.0;

impl Workbench {
    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui, cx: &CommandContext) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.title(), |ui| {
                    ui.set_min_width(260.0);
                    for command in Command::in_menu(menu) {
                        if let Command::ApplyRecentTag(n) = command
                            && usize::from(n) >= self.recent_tags.len()
                        {
                            continue;
                        }
                        let label = match command {
                            Command::Undo => match self.session.history().undo_label() {
                                Some(what) => format!("Undo {what}"),
                                None => command.label(),
                            },
                            Command::Redo => match self.session.history().redo_label() {
                                Some(what) => format!("Redo {what}"),
                                None => command.label(),
                            },
                            Command::ApplyRecentTag(n) => {
                                let name = self
                                    .recent_tags
                                    .get(usize::from(n))
                                    .and_then(|t| self.session.project().tag(*t))
                                    .map_or(String::new(), |t| t.name.clone());
                                format!("Apply “{name}”")
                            }
                            _ => command.label(),
                        };
                        let mut button = egui::Button::new(label);
                        if let Some(shortcut) = command.shortcuts().first() {
                            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
                        }
                        let response = ui
                            .add_enabled(command.enabled(cx), button)
                            .on_hover_text(command.tooltip());
                        if response.clicked() {
                            self.actions.push(Action::Run(command));
                            ui.close();
                        }
                        if menu == Menu::File && command == Command::OpenProject {
                            self.open_recent_ui(ui);
                        }
                        if menu == Menu::File && command == Command::ImportFolder {
                            self.web.menu_ui(ui);
                        }
                    }
                });
            }
        });
    }

    pub(super) fn open_recent_ui(&mut self, ui: &mut egui::Ui) {
        let recent = self.settings.recent.clone();
        ui.add_enabled_ui(!recent.is_empty(), |ui| {
            ui.menu_button("Open recent", |ui| {
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        self.actions
                            .push(Action::Guarded(AfterGuard::OpenPath(path.clone())));
                        ui.close();
                    }
                }
            });
        });
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        ui.horizontal(|ui| {
            // Counts only (no per-passage pass): this runs every frame.
            let p = self.session.project();
            ui.label(
                RichText::new(format!(
                    "{} articles · {} passages · {} tags · {} actors · {} events",
                    p.documents().len(),
                    p.passages().len(),
                    p.tags().len(),
                    p.actors().len(),
                    p.events().len()
                ))
                .small()
                .color(theme.weak_text),
            );
            // Every key named here comes from the command table.
            let key = |c: Command| c.key_text().unwrap_or_default();
            let (keys, palette, tag) = (
                key(Command::ShowKeys),
                key(Command::CommandPalette),
                key(Command::TagPalette),
            );
            let (next, previous) = (key(Command::NextPassage), key(Command::PreviousPassage));
            ui.label(
                RichText::new(format!(
                    "{keys} keys · {palette} commands · {tag} tag · {next}/{previous} passages"
                ))
                .small()
                .color(theme.weak_text),
            );
            if let Some(analyst) = self.blind_analyst() {
                ui.label(
                    RichText::new(format!("Blind coding: only {analyst}'s passages"))
                        .small()
                        .color(theme.warning),
                )
                .on_hover_text(format!(
                    "{} shows every analyst's passages again",
                    Command::ToggleBlindCoding.key_or_label()
                ));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (text, color) = match (self.session.path(), self.session.is_dirty()) {
                    (Some(p), false) => (format!("Saved · {}", p.display()), theme.weak_text),
                    (Some(p), true) => {
                        (format!("Unsaved changes · {}", p.display()), theme.warning)
                    }
                    (None, false) => ("Not saved yet".to_owned(), theme.weak_text),
                    (None, true) => ("Unsaved changes · not saved yet".to_owned(), theme.warning),
                };
                ui.label(RichText::new(text).small().color(color));
                self.guard_status_ui(ui, theme);
                // Right to left: the Cancel button, then what runs.
                let running = [
                    self.import_job.as_ref().map(|j| {
                        let tip = "Stop waiting for the import";
                        (j.job.progress_text(), Some((tip, Action::CancelImport)))
                    }),
                    self.replace_job.as_ref().map(|j| {
                        let tip = "Stop waiting for the new text; the article stays as it is";
                        (j.progress_text(), Some((tip, Action::CancelReplace)))
                    }),
                    self.pending_dialog
                        .as_ref()
                        .map(|j| (j.progress_text(), None)),
                ];
                for (text, cancel) in running.into_iter().flatten() {
                    if let Some((tip, action)) = cancel
                        && ui.small_button("Cancel").on_hover_text(tip).clicked()
                    {
                        self.actions.push(action);
                    }
                    ui.label(RichText::new(text).small());
                    ui.spinner();
                }
            });
        });
    }

    pub(super) fn central_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        // Banners float over the top of the centre instead of pushing the text down while the
        // user is aiming at it.
        let rect = ui.max_rect();
        let width = (rect.width() - 32.0).clamp(160.0, 760.0);
        egui::Area::new(egui::Id::unique("dossier-banners"))
            .order(egui::Order::Middle)
            .movable(false)
            .fixed_pos(rect.left_top() + egui::vec2((rect.width() - width) / 2.0, 34.0))
            .show(ui.ctx(), |ui| {
                ui.set_max_width(width);
                self.disk_banner_ui(ui, theme);
                self.notices_ui(ui, theme);
            });
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(8, 4))
            .show(ui, |ui| {
                use crate::ui::layout::TabStripRequest;
                let asked = crate::ui::layout::tab_strip_ui(
                    ui,
                    self.views.current,
                    &mut self.panels,
                    theme,
                );
                match asked {
                    Some(TabStripRequest::Show(view)) => {
                        self.actions.push(Action::ShowView(view));
                    }
                    Some(TabStripRequest::ToggleLibrary) => {
                        self.actions.push(Action::Run(Command::ToggleLibrary));
                    }
                    Some(TabStripRequest::ToggleInspector) => {
                        self.actions.push(Action::Run(Command::ToggleInspector));
                    }
                    None => {}
                }
            });
        if self.views.current == CentreView::Reader {
            self.reader_view_ui(ui, theme);
            return;
        }
        let input = ViewInput {
            project: self.session.project(),
            history: self.session.history(),
            selected_event: self.entities.selected_event,
            theme,
        };
        let (views, actions) = (&mut self.views, &mut self.actions);
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(16, 4))
            .show(ui, |ui| view_ui(ui, &input, views, actions));
    }

    pub(super) fn reader_view_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        let Some(doc_id) = self.reader.document() else {
            ui.add_space(80.0);
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new("No article open")
                        .size(18.0)
                        .color(theme.weak_text),
                );
                ui.add_space(6.0);
                let hint = if self.session.project().documents().is_empty() {
                    format!(
                        "Import articles ({}), paste one ({}), or open a project ({}).",
                        Command::ImportFiles.key_or_label(),
                        Command::PasteArticle.key_or_label(),
                        Command::OpenProject.key_or_label()
                    )
                } else {
                    "Choose an article in the library on the left.".to_owned()
                };
                ui.label(RichText::new(hint).color(theme.weak_text));
            });
            return;
        };
        if let Some(doc) = self.session.project().document(doc_id) {
            egui::Frame::NONE
                .inner_margin(egui::Margin {
                    left: 28,
                    right: 28,
                    top: 16,
                    bottom: 6,
                })
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(&doc.title)
                                    .size(21.0)
                                    .strong()
                                    .color(theme.text),
                            )
                            .wrap(),
                        );
                    });
                    ui.horizontal_wrapped(|ui| {
                        let mut parts = Vec::new();
                        if !doc.source.is_empty() {
                            parts.push(doc.source.clone());
                        }
                        if !doc.author.is_empty() {
                            parts.push(doc.author.clone());
                        }
                        if let Some(d) = doc.published {
                            parts.push(d.to_string());
                        }
                        let count = self.session.project().passage_count(doc_id);
                        parts.push(format!(
                            "{count} passage{}",
                            if count == 1 { "" } else { "s" }
                        ));
                        parts.push(format!("{} chars", doc.text.len_chars()));
                        ui.label(RichText::new(parts.join("  ·  ")).color(theme.weak_text));
                        if !doc.url.is_empty() {
                            ui.hyperlink_to("Open source", &doc.url);
                        }
                        if ui
                            .small_button("Edit details…")
                            .on_hover_text(Command::EditArticleDetails.tooltip())
                            .clicked()
                        {
                            self.actions.push(Action::Run(Command::EditArticleDetails));
                        }
                    });
                });
            ui.separator();
        }
        let output = reader_ui(
            ui,
            self.session.project(),
            &mut self.reader,
            self.selected_passage,
            theme,
        );
        if let Some(p) = output.clicked_passage {
            self.actions.push(Action::SelectPassage(p));
        }
        if let Some((passage, span)) = output.adjust {
            // Repeated boundary moves of one passage are one undo step, like note typing.
            let key = match self.boundary_session {
                Some((p, key)) if p == passage => key,
                _ => {
                    self.next_group += 1;
                    let key = GroupKey(self.next_group);
                    self.boundary_session = Some((passage, key));
                    key
                }
            };
            self.actions.push(Action::EditGrouped(
                Edit::SetPassageSpan {
                    passage,
                    start: span.start,
                    end: span.end,
                },
                key,
            ));
        }
    }

    pub(super) fn notices_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) {
        let now = ui.input(|i| i.time);
        self.notices.retain(|n| {
            n.level != NoticeLevel::Info || n.shown_at.is_none_or(|t| now - t < INFO_SECONDS)
        });
        if self.notices.is_empty() {
            return;
        }
        let mut dismiss = None;
        egui::Frame::NONE
            .inner_margin(egui::Margin::symmetric(16, 8))
            .show(ui, |ui| {
                for (i, notice) in self.notices.iter_mut().enumerate() {
                    notice.shown_at.get_or_insert(now);
                    let color = match notice.level {
                        NoticeLevel::Error => theme.error,
                        NoticeLevel::Warning => theme.warning,
                        NoticeLevel::Info => theme.accent,
                    };
                    egui::Frame::NONE
                        .fill(crate::ui::theme::blend(theme.page, color, 0.12))
                        .stroke(egui::Stroke::new(
                            1.0,
                            crate::ui::theme::blend(theme.page, color, 0.5),
                        ))
                        .corner_radius(6.0)
                        .inner_margin(egui::Margin::symmetric(10, 6))
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.horizontal(|ui| {
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::TOP),
                                    |ui| {
                                        if ui
                                            .small_button("×")
                                            .accessible_name("Dismiss")
                                            .on_hover_text("Dismiss")
                                            .clicked()
                                        {
                                            dismiss = Some(i);
                                        }
                                        ui.with_layout(
                                            egui::Layout::top_down(egui::Align::Min),
                                            |ui| {
                                                ui.add(
                                                    egui::Label::new(
                                                        RichText::new(&notice.text).color(color),
                                                    )
                                                    .wrap(),
                                                );
                                                if !notice.hint.is_empty() {
                                                    ui.add(
                                                        egui::Label::new(
                                                            RichText::new(&notice.hint)
                                                                .small()
                                                                .color(theme.text),
                                                        )
                                                        .wrap(),
                                                    );
                                                }
                                            },
                                        );
                                    },
                                );
                            });
                        });
                    ui.add_space(4.0);
                }
            });
        if let Some(i) = dismiss {
            self.actions.push(Action::DismissNotice(i));
        }
        if self.notices.iter().any(|n| n.level == NoticeLevel::Info) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
    }

    pub(super) fn error(&mut self, text: impl Into<String>, hint: impl Into<String>) {
        self.notices.push(Notice {
            level: NoticeLevel::Error,
            text: text.into(),
            hint: hint.into(),
            shown_at: None,
        });
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.notices
            .retain(|n| !(n.level == NoticeLevel::Info && n.text == text));
        self.notices.push(Notice {
            level: NoticeLevel::Info,
            text,
            hint: String::new(),
            shown_at: None,
        });
    }
}
