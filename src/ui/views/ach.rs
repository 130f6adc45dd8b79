//! The ACH matrix view (Analysis of Competing Hypotheses): the hypotheses ranked by weighted
//! inconsistency with the formula, then the matrix — evidence rows × hypothesis columns — whose
//! cells are rated from the keyboard, one undo step per rating.
//!
//! Keys (when no text field has focus): arrows move the cursor; `C` consistent, `Shift+C` very
//! consistent, `N` neutral, `I` inconsistent, `Shift+I` very inconsistent, `A` not applicable,
//! `Delete` blanks the cell; `Space` switches the row off or on. Rows rated alike for every
//! hypothesis (not diagnostic) are dimmed; sensitive rows are marked `! sensitive`. Clicking a row's
//! relevance cycles low, medium, high. Rows are added from the list of claims and passages under
//! the matrix (filtered by words); a hypothesis with ratings asks before it is deleted.
//!
//! The view takes the project and returns the edits it wants applied; it changes nothing itself.

use egui::{Key, RichText, Ui};

use crate::ach::{FORMULA, Scores, format_score, row_text, scores};
use crate::edit::{AchEdit, Edit};
use crate::model::{AchRow, Hypothesis, HypothesisId, Project, Rating, Relevance, RowSource};

/// The matrix view's state: the cursor, the fields being typed, a deletion awaiting an answer.
#[derive(Debug, Default)]
pub struct AchState {
    /// The cursor: (row, hypothesis column).
    pub cursor: (usize, usize),
    /// The title of a hypothesis being added.
    pub new_hypothesis: String,
    /// Words that filter the passages offered as evidence.
    pub filter: String,
    /// A hypothesis with ratings the user asked to delete.
    pub confirm_remove: Option<HypothesisId>,
    revision: Option<u64>,
    scores: Scores,
}

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
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut state.new_hypothesis).hint_text("New hypothesis"),
            );
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
        matrix(ui, project, state, &mut edits);
        ui.separator();
        add_evidence(ui, project, state, &mut edits);
    });
    edits
}

fn keys(ui: &Ui, project: &Project, state: &mut AchState, edits: &mut Vec<Edit>) {
    let ach = project.ach();
    let (rows, cols) = (ach.rows().len(), ach.hypotheses().len());
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
        ui.label("No evidence yet: add passages from the list below.");
        return;
    }
    egui::Grid::new("ach-matrix")
        .striped(true)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            ui.strong("#");
            ui.strong("Evidence");
            ui.strong("Cred.");
            ui.strong("Rel.");
            ui.strong("On");
            for (i, h) in ach.hypotheses().iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.strong(format!("H{}", i + 1)).on_hover_text(&h.title);
                    if ui
                        .small_button("x")
                        .on_hover_text(format!("Delete hypothesis “{}”", h.title))
                        .clicked()
                    {
                        if ach.ratings_of(h.id) > 0 {
                            state.confirm_remove = Some(h.id);
                        } else {
                            edits.push(Edit::Ach(AchEdit::RemoveHypothesis(h.id)));
                        }
                    }
                });
            }
            ui.strong("Marks");
            ui.end_row();
            for (r, row) in ach.rows().iter().enumerate() {
                let score = state.scores.rows.get(r);
                let dim = score.is_some_and(|s| !s.diagnostic) || row.off;
                let style = |t: String| {
                    if dim {
                        RichText::new(t).weak()
                    } else {
                        RichText::new(t)
                    }
                };
                ui.label(style((r + 1).to_string()));
                let text = row_text(project, row.source);
                let mut quote: String = text.text.chars().take(44).collect();
                if text.text.chars().count() > 44 {
                    quote.push('…');
                }
                ui.label(style(quote))
                    .on_hover_text(if text.article.is_empty() {
                        text.text.clone()
                    } else {
                        format!("{} — {}, “{}”", text.text, text.source, text.article)
                    });
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
                let mut on = !row.off;
                if ui
                    .checkbox(&mut on, "")
                    .on_hover_text(format!("Row {} on", r + 1))
                    .changed()
                {
                    edits.push(Edit::Ach(AchEdit::SetOff(row.source, !on)));
                }
                for (c, h) in ach.hypotheses().iter().enumerate() {
                    let label = row.rating(h.id).map_or("·", Rating::label);
                    let selected = state.cursor == (r, c);
                    if ui
                        .add(egui::Button::selectable(selected, style(label.to_owned())))
                        .clicked()
                    {
                        state.cursor = (r, c);
                        ui.ctx().memory_mut(|m| m.stop_text_input());
                    }
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
                ui.end_row();
            }
        });
}

fn add_evidence(ui: &mut Ui, project: &Project, state: &mut AchState, edits: &mut Vec<Edit>) {
    ui.strong("Add evidence");
    ui.add(egui::TextEdit::singleline(&mut state.filter).hint_text("Filter passages"));
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
        if project.ach().row(source).is_some() {
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
