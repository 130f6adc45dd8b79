//! The ACH matrix view (Analysis of Competing Hypotheses): the hypotheses ranked by weighted
//! inconsistency with the formula, then the matrix — evidence rows × hypothesis columns — whose
//! cells are rated from the keyboard, one undo step per rating.
//!
//! Keys (when no text field has focus): arrows move the cursor; `C` consistent, `Shift+C` very
//! consistent, `N` neutral, `I` inconsistent, `Shift+I` very inconsistent, `A` not applicable,
//! `Delete` blanks the cell; `Space` switches the row off or on; `Alt+↑/↓` moves the cursor's
//! row up or down, `Alt+←/→` its hypothesis left or right. Rows rated alike for every hypothesis
//! (not diagnostic) are dimmed; sensitive rows are marked `! sensitive`. Clicking a row's
//! relevance cycles low, medium, high; the small up, down and × buttons at a row's start move or
//! remove it.
//!
//! Hypotheses are listed in the matrix's order under the ranking, each with its description and
//! buttons to move it left or right, edit its title and description in place, or delete it (a
//! hypothesis with ratings asks first). Rows are added here from the list of claims and passages
//! under the matrix (filtered by words), and from elsewhere: the reader (`H`), the excerpts table
//! and the Claims view. Every change is one edit, one undo step.
//!
//! The view takes the project and returns the edits it wants applied; it changes nothing itself.

use egui::{Key, RichText, Ui};

use crate::ach::{FORMULA, Scores, format_score, row_text, scores};
use crate::edit::{AchEdit, Edit};
use crate::model::{AchRow, Hypothesis, HypothesisId, Project, Rating, Relevance, RowSource};
use crate::ui::command::Command;

/// The matrix view's state: the cursor, the fields being typed, a deletion awaiting an answer.
#[derive(Debug, Default)]
pub struct AchState {
    /// The cursor: (row, hypothesis column).
    pub cursor: (usize, usize),
    /// The title of a hypothesis being added.
    pub new_hypothesis: String,
    /// Words that filter the passages offered as evidence.
    pub filter: String,
    /// Blind coding: only this analyst's passages are offered as evidence (the matrix itself is
    /// the team's and shows every row).
    pub blind: Option<String>,
    /// A hypothesis with ratings the user asked to delete.
    pub confirm_remove: Option<HypothesisId>,
    /// The hypothesis being edited, with its title and description as typed.
    pub editing: Option<(HypothesisId, String, String)>,
    focus_title: bool,
    revision: Option<u64>,
    scores: Scores,
}

/// The matrix's keys and what they do, for the keys dialog (F1) and the view's hint. (Words,
/// not arrows: the default font has no arrow glyphs.)
pub const KEYS: &[(&str, &str)] = &[
    ("Arrow keys", "Move the cursor in the matrix"),
    ("C, Shift+C", "Rate consistent, very consistent"),
    ("N", "Rate neutral"),
    ("I, Shift+I", "Rate inconsistent, very inconsistent"),
    ("A", "Rate not applicable"),
    ("Delete", "Blank the cell"),
    ("Space", "Switch the row off or on"),
    ("Alt+Up / Down", "Move the cursor's row up or down"),
    (
        "Alt+Left / Right",
        "Move the cursor's hypothesis left or right",
    ),
];

/// The rating a key gives, if any.
fn rating_for(input: &egui::InputState) -> Option<Option<Rating>> {
    let shift = input.modifiers.shift;
    let pressed = |k| input.key_pressed(k);
    if pressed(Key::C) {
        Some(Some(if shift { Rating::CC } else { Rating::C }))
    } else if pressed(Key::I) {
        Some(Some(if shift { Rating::II } else { Rating::I }))
    } else if pressed(Key::N) {
        Some(Some(Rating::N))
    } else if pressed(Key::A) {
        Some(Some(Rating::NA))
    } else if pressed(Key::Delete) || pressed(Key::Backspace) {
        Some(None)
    } else {
        None
    }
}

/// The ACH view; returns the edits to apply.
pub fn ach_ui(ui: &mut Ui, project: &Project, state: &mut AchState) -> Vec<Edit> {
    let mut edits = Vec::new();
    if state.revision != Some(project.revision()) {
        state.scores = scores(project);
        state.revision = Some(project.revision());
    }
    let ach = project.ach();
    let (rows, cols) = (ach.rows().len(), ach.hypotheses().len());
    state.cursor.0 = state.cursor.0.min(rows.saturating_sub(1));
    state.cursor.1 = state.cursor.1.min(cols.saturating_sub(1));
    if !ui.ctx().text_edit_focused() && rows > 0 && cols > 0 {
        keys(ui, project, state, &mut edits);
    }
    egui::ScrollArea::both().show(ui, |ui| {
        ui.heading("Competing hypotheses");
        ranking(ui, project, state);
        ui.label(RichText::new(FORMULA).small().weak());
        ui.add_space(4.0);
        egui::CollapsingHeader::new(RichText::new("Hypotheses, in the matrix's order").strong())
            .id_salt("dossier-ach-hypotheses")
            .default_open(true)
            .show(ui, |ui| hypotheses(ui, project, state, &mut edits));
        ui.horizontal(|ui| {
            let width = (ui.available_width() - 130.0).clamp(120.0, 320.0);
            ui.add(
                egui::TextEdit::singleline(&mut state.new_hypothesis)
                    .hint_text("New hypothesis")
                    .desired_width(width),
            )
            .accessible_name("Title of a new hypothesis");
            let title = state.new_hypothesis.trim().to_owned();
            if ui
                .add_enabled(!title.is_empty(), egui::Button::new("Add hypothesis"))
                .clicked()
            {
                edits.push(Edit::Ach(AchEdit::AddHypothesis {
                    hypothesis: Hypothesis::new(title),
                    at: usize::MAX,
                }));
                state.new_hypothesis.clear();
            }
        });
        confirm(ui, project, state, &mut edits);
        ui.separator();
        if !project.ach().rows().is_empty() {
            ui.label(
                RichText::new(
                    "Arrow keys move · C, N, I, A rate (Shift+C, Shift+I: very) · Delete blanks · \
                     Space switches a row off · Alt+arrows move a row or hypothesis · F1: all keys",
                )
                .small()
                .weak(),
            );
        }
        matrix(ui, project, state, &mut edits);
        ui.separator();
        add_evidence(ui, project, state, &mut edits);
    });
    edits
}

fn keys(ui: &Ui, project: &Project, state: &mut AchState, edits: &mut Vec<Edit>) {
    let ach = project.ach();
    let (rows, cols) = (ach.rows().len(), ach.hypotheses().len());
    // Alt+arrows first, taken out of the input so the plain arrows below do not see them.
    let moves = ui.input_mut(|i| {
        [
            Key::ArrowUp,
            Key::ArrowDown,
            Key::ArrowLeft,
            Key::ArrowRight,
        ]
        .map(|k| i.consume_key(egui::Modifiers::ALT, k))
    });
    move_keys(moves, project, state, edits);
    ui.input(|i| {
        let (r, c) = &mut state.cursor;
        if i.key_pressed(Key::ArrowDown) {
            *r = (*r + 1).min(rows - 1);
        }
        if i.key_pressed(Key::ArrowUp) {
            *r = r.saturating_sub(1);
        }
        if i.key_pressed(Key::ArrowRight) {
            *c = (*c + 1).min(cols - 1);
        }
        if i.key_pressed(Key::ArrowLeft) {
            *c = c.saturating_sub(1);
        }
        let (Some(row), Some(h)) = (ach.rows().get(*r), ach.hypotheses().get(*c)) else {
            return;
        };
        if let Some(rating) = rating_for(i)
            && row.rating(h.id) != rating
        {
            edits.push(Edit::Ach(AchEdit::SetRating {
                row: row.source,
                hypothesis: h.id,
                rating,
            }));
        }
        if i.key_pressed(Key::Space) {
            edits.push(Edit::Ach(AchEdit::SetOff(row.source, !row.off)));
        }
    });
}

/// `Alt+arrows`: the cursor's row up or down, its hypothesis left or right; the cursor follows.
fn move_keys(
    [up, down, left, right]: [bool; 4],
    project: &Project,
    state: &mut AchState,
    edits: &mut Vec<Edit>,
) {
    let ach = project.ach();
    let (r, c) = state.cursor;
    let (rows, cols) = (ach.rows().len(), ach.hypotheses().len());
    if let Some(row) = ach.rows().get(r) {
        let to = if up && r > 0 {
            Some(r - 1)
        } else if down && r + 1 < rows {
            Some(r + 1)
        } else {
            None
        };
        if let Some(to) = to {
            edits.push(Edit::Ach(AchEdit::MoveRow {
                row: row.source,
                to,
            }));
            state.cursor.0 = to;
        }
    }
    if let Some(h) = ach.hypotheses().get(c) {
        let to = if left && c > 0 {
            Some(c - 1)
        } else if right && c + 1 < cols {
            Some(c + 1)
        } else {
            None
        };
        if let Some(to) = to {
            edits.push(Edit::Ach(AchEdit::MoveHypothesis {
                hypothesis: h.id,
                to,
            }));
            state.cursor.1 = to;
        }
    }
}

/// A small button named (for the screen reader and the tooltip) by what it does.
fn button(ui: &mut Ui, enabled: bool, text: &str, what: String) -> bool {
    ui.add_enabled(enabled, egui::Button::new(text).small())
        .on_hover_text(&what)
        .accessible_name(what)
        .clicked()
}

/// The hypotheses in the matrix's order: title and description, move, edit, delete.
fn hypotheses(ui: &mut Ui, project: &Project, state: &mut AchState, edits: &mut Vec<Edit>) {
    let ach = project.ach();
    let count = ach.hypotheses().len();
    for (i, h) in ach.hypotheses().iter().enumerate() {
        let name = format!("H{}", i + 1);
        if let Some((id, title, description)) = &mut state.editing
            && *id == h.id
        {
            let mut done = false;
            let mut enter = false;
            ui.horizontal(|ui| {
                ui.strong(&name);
                let field = ui
                    .add(
                        egui::TextEdit::singleline(title)
                            .desired_width(320.0)
                            .hint_text("Title"),
                    )
                    .accessible_name(format!("Title of {name}"));
                if std::mem::take(&mut state.focus_title) {
                    field.request_focus();
                }
                enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            });
            ui.add(
                egui::TextEdit::multiline(description)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("What the hypothesis says in full, and what would show it"),
            )
            .accessible_name(format!("Description of {name}"));
            ui.horizontal(|ui| {
                let trimmed = title.trim();
                let save = ui
                    .add_enabled(!trimmed.is_empty(), egui::Button::new("Save hypothesis"))
                    .clicked();
                if save || (enter && !trimmed.is_empty()) {
                    let mut changed = h.clone();
                    changed.title = trimmed.to_owned();
                    changed.description = description.trim().to_owned();
                    if changed != *h {
                        edits.push(Edit::Ach(AchEdit::SetHypothesis(changed)));
                    }
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
            if done {
                state.editing = None;
            }
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            if button(ui, i > 0, "‹", format!("Move {name} left")) {
                edits.push(Edit::Ach(AchEdit::MoveHypothesis {
                    hypothesis: h.id,
                    to: i - 1,
                }));
            }
            if button(ui, i + 1 < count, "›", format!("Move {name} right")) {
                edits.push(Edit::Ach(AchEdit::MoveHypothesis {
                    hypothesis: h.id,
                    to: i + 1,
                }));
            }
            if button(ui, true, "Edit", format!("Edit {name}")) {
                state.editing = Some((h.id, h.title.clone(), h.description.clone()));
                state.focus_title = true;
            }
            if button(ui, true, "Delete", format!("Delete {name}")) {
                if ach.ratings_of(h.id) > 0 {
                    state.confirm_remove = Some(h.id);
                } else {
                    edits.push(Edit::Ach(AchEdit::RemoveHypothesis(h.id)));
                }
            }
            ui.strong(format!("{name} {}", h.title));
            if !h.description.is_empty() {
                ui.label(RichText::new(&h.description).weak());
            }
        });
    }
}

fn ranking(ui: &mut Ui, project: &Project, state: &AchState) {
    let ach = project.ach();
    if ach.hypotheses().is_empty() {
        ui.label("No hypotheses yet: add the possible answers to your question below.");
        return;
    }
    for (rank, s) in state.scores.ranking.iter().enumerate() {
        let Some(h) = ach.hypotheses().get(s.index) else {
            continue;
        };
        let text = format!(
            "{}. H{} {} — inconsistency {}{}",
            rank + 1,
            s.index + 1,
            h.title,
            format_score(s.inconsistency),
            if s.leading { " (leading)" } else { "" }
        );
        let text = if s.leading {
            RichText::new(text).strong()
        } else {
            RichText::new(text)
        };
        ui.label(text);
    }
}

fn confirm(ui: &mut Ui, project: &Project, state: &mut AchState, edits: &mut Vec<Edit>) {
    let Some(id) = state.confirm_remove else {
        return;
    };
    let Some(h) = project.ach().hypothesis(id) else {
        state.confirm_remove = None;
        return;
    };
    let n = project.ach().ratings_of(id);
    ui.horizontal(|ui| {
        ui.label(format!(
            "Delete “{}” and its {n} rating{}?",
            h.title,
            if n == 1 { "" } else { "s" }
        ));
        if ui.button("Delete").clicked() {
            edits.push(Edit::Ach(AchEdit::RemoveHypothesis(id)));
            state.confirm_remove = None;
        }
        if ui.button("Keep").clicked() {
            state.confirm_remove = None;
        }
    });
}

fn matrix(ui: &mut Ui, project: &Project, state: &mut AchState, edits: &mut Vec<Edit>) {
    let ach = project.ach();
    if ach.rows().is_empty() {
        ui.label(
            "No evidence yet: add passages from the list below, press H on a passage in the \
             reader, or use “Add these as ACH evidence” in the excerpts table.",
        );
        return;
    }
    // The quotes get what the ratings leave of the width (about 7 points a character), so
    // the rating columns stay in view in a narrow window; what does not fit scrolls.
    let cols = ach.hypotheses().len() as f32;
    let width = ui.available_width();
    // Narrow: the ratings in view; wide: every column in view, and longer quotes.
    let narrow = ((width - 150.0 - cols * 42.0) / 7.0).clamp(10.0, 40.0);
    let wide = ((width - 560.0 - cols * 42.0) / 7.0).clamp(0.0, 64.0);
    let chars = narrow.max(wide) as usize;
    if width < 560.0 {
        ui.label(
            RichText::new(format!(
                "More room: hide the library ({}) or the inspector ({}).",
                Command::ToggleLibrary.key_or_label(),
                Command::ToggleInspector.key_or_label()
            ))
            .small()
            .weak(),
        );
    }
    egui::Grid::new("ach-matrix")
        .striped(true)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.strong("#");
            ui.strong("Evidence");
            for (i, h) in ach.hypotheses().iter().enumerate() {
                ui.strong(format!("H{}", i + 1)).on_hover_text(&h.title);
            }
            ui.strong("On");
            ui.strong("Cred.")
                .on_hover_text("Credibility grade, 1 (confirmed) to 6 (not judged)");
            ui.strong("Rel.")
                .on_hover_text("Relevance: click a row's to change it");
            ui.strong("Marks");
            ui.strong("Source");
            ui.end_row();
            for (r, row) in ach.rows().iter().enumerate() {
                matrix_row(ui, project, state, (r, chars), row, edits);
                ui.end_row();
            }
            // Each hypothesis's score under its column, as the ranking above has it.
            ui.label("");
            ui.label("");
            ui.label(RichText::new("Inconsistency").strong());
            for h in ach.hypotheses() {
                let score = state.scores.of(h.id);
                let text = score.map_or(String::new(), |s| format_score(s.inconsistency));
                let text = if score.is_some_and(|s| s.leading) {
                    RichText::new(text).strong()
                } else {
                    RichText::new(text)
                };
                ui.label(text);
            }
            ui.end_row();
        });
}

/// One row of the matrix: its buttons, number, quote, ratings, switch, credibility,
/// relevance, marks, and source and date. `(r, chars)`: its place, and how long a quote fits.
fn matrix_row(
    ui: &mut Ui,
    project: &Project,
    state: &mut AchState,
    (r, chars): (usize, usize),
    row: &AchRow,
    edits: &mut Vec<Edit>,
) {
    let ach = project.ach();
    let score = state.scores.rows.get(r);
    let dim = score.is_some_and(|s| !s.diagnostic) || row.off;
    // Rows that count in full in the strong colour, the others dimmed, so the two differ.
    let strong = ui.visuals().strong_text_color();
    let style = |t: String| {
        if dim {
            RichText::new(t).weak()
        } else {
            RichText::new(t).color(strong)
        }
    };
    row_buttons(ui, project, r, row.source, edits);
    ui.label(style((r + 1).to_string()));
    let text = row_text(project, row.source);
    ui.label(style(crate::model::clipped(&text.text, chars)))
        .on_hover_text(match (text.article.is_empty(), text.source.is_empty()) {
            (true, _) => text.text.clone(),
            (false, true) => format!("{} — “{}”", text.text, text.article),
            (false, false) => format!("{} — {}, “{}”", text.text, text.source, text.article),
        });
    for (c, h) in ach.hypotheses().iter().enumerate() {
        let label = row.rating(h.id).map_or("·", Rating::label);
        let selected = state.cursor == (r, c);
        if ui
            .add(egui::Button::selectable(selected, style(label.to_owned())))
            .on_hover_text(format!("H{} {}", c + 1, h.title))
            .clicked()
        {
            state.cursor = (r, c);
            ui.ctx().memory_mut(|m| m.stop_text_input());
        }
    }
    let mut on = !row.off;
    if ui
        .checkbox(&mut on, "")
        .on_hover_text(format!("Row {} on", r + 1))
        .changed()
    {
        edits.push(Edit::Ach(AchEdit::SetOff(row.source, !on)));
    }
    ui.label(style(
        score.map_or(String::new(), |s| s.credibility.number().to_string()),
    ));
    if ui
        .add(egui::Button::new(style(row.relevance.to_string())).frame(false))
        .on_hover_text("Relevance: click for low, medium, high")
        .clicked()
    {
        let next = match row.relevance {
            Relevance::Low => Relevance::Medium,
            Relevance::Medium => Relevance::High,
            Relevance::High => Relevance::Low,
        };
        edits.push(Edit::Ach(AchEdit::SetRelevance(row.source, next)));
    }
    let mut marks = Vec::new();
    if row.off {
        marks.push("off");
    }
    if score.is_some_and(|s| !s.diagnostic) {
        marks.push("not diagnostic");
    }
    if score.is_some_and(|s| s.sensitive) {
        marks.push("! sensitive");
    }
    ui.label(style(marks.join(", ")));
    let source = match (text.source.is_empty(), text.date.is_empty()) {
        (false, false) => format!(
            "{} · {}",
            crate::model::clipped(&text.source, 14),
            text.date
        ),
        _ => crate::model::clipped(&format!("{}{}", text.source, text.date), 24),
    };
    ui.label(style(source).small());
}

/// A small button showing a triangle pointing up or down (the default font has no arrows),
/// named by what it does.
fn arrow_button(ui: &mut Ui, enabled: bool, up: bool, what: String) -> bool {
    let sense = if enabled {
        egui::Sense::click()
    } else {
        egui::Sense::hover()
    };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(16.0, 16.0), sense);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &what));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        let color = if enabled {
            visuals.fg_stroke.color
        } else {
            ui.visuals().weak_text_color().gamma_multiply(0.5)
        };
        if response.hovered() && enabled {
            ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
        }
        let c = rect.center();
        let (tip, base) = if up { (-4.0, 3.0) } else { (4.0, -3.0) };
        ui.painter().add(egui::Shape::convex_polygon(
            vec![
                egui::pos2(c.x, c.y + tip),
                egui::pos2(c.x - 5.0, c.y + base),
                egui::pos2(c.x + 5.0, c.y + base),
            ],
            color,
            egui::Stroke::NONE,
        ));
    }
    response.on_hover_text(what).clicked()
}

/// A row's up, down and ×: move it up or down, remove it (undoable).
fn row_buttons(ui: &mut Ui, project: &Project, r: usize, source: RowSource, edits: &mut Vec<Edit>) {
    let rows = project.ach().rows().len();
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        let n = r + 1;
        if arrow_button(ui, r > 0, true, format!("Move row {n} up")) {
            edits.push(Edit::Ach(AchEdit::MoveRow {
                row: source,
                to: r - 1,
            }));
        }
        if arrow_button(ui, r + 1 < rows, false, format!("Move row {n} down")) {
            edits.push(Edit::Ach(AchEdit::MoveRow {
                row: source,
                to: r + 1,
            }));
        }
        if button(ui, true, "×", format!("Remove row {n} from the matrix")) {
            edits.push(Edit::Ach(AchEdit::RemoveRow(source)));
        }
    });
}

fn add_evidence(ui: &mut Ui, project: &Project, state: &mut AchState, edits: &mut Vec<Edit>) {
    let label = ui.strong("Add evidence");
    ui.add(egui::TextEdit::singleline(&mut state.filter).hint_text("Filter passages"))
        .labelled_by(label.id);
    let words: Vec<String> = state
        .filter
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut shown = 0;
    for claim in project.evidence().claims().values() {
        let source = RowSource::Claim(claim.id);
        let statement = claim.statement.to_lowercase();
        if project.ach().row(source).is_some() || !words.iter().all(|w| statement.contains(w)) {
            continue;
        }
        let short: String = claim.statement.chars().take(80).collect();
        if ui.button(format!("+ claim: {short}")).clicked() {
            edits.push(Edit::Ach(AchEdit::AddRow {
                row: AchRow::new(source),
                at: usize::MAX,
            }));
        }
        shown += 1;
    }
    // Lazily, article by article, so that a large project costs only the rows shown (asking
    // for every passage in file order sorted 200,000 of them on each frame: 16 ms).
    let passages = (project.documents().keys()).flat_map(|doc| project.passages_in(*doc));
    for p in passages {
        let source = RowSource::Passage(p.id);
        if project.ach().row(source).is_some() || !p.is_shown(state.blind.as_deref()) {
            continue;
        }
        if !words.is_empty() {
            let quote = p.quote.to_lowercase();
            if !words.iter().all(|w| quote.contains(w)) {
                continue;
            }
        }
        let short: String = p.quote.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = short.chars().take(80).collect();
        if ui.button(format!("+ {short}")).clicked() {
            edits.push(Edit::Ach(AchEdit::AddRow {
                row: AchRow::new(source),
                at: usize::MAX,
            }));
        }
        shown += 1;
        if shown >= 30 {
            ui.label(RichText::new("… type to narrow the list").weak());
            break;
        }
    }
}
