//! The co-occurrence matrix: tag × tag (passages carrying both; the diagonal is the tag's own
//! count) or tag × actor (passages carrying the tag and linking the actor), as a heat map sorted
//! by frequency. "Count sub-tags under their parent" makes a passage tagged "Claim › Quote"
//! count under "Claim" as well. Hover a cell or a header for the full names and the count; click
//! a cell to list its passages below (click one to open it in the reader).
//!
//! The counts come from [`crate::cooccurrence`], computed once per (project revision, options,
//! blind-coding filter);
//! a cell's passages once per click. Only the cells in view are painted.

use egui::{Align2, RichText, Sense, Vec2};

use super::super::TAG_PATH_SEPARATOR;
use super::super::theme::{Theme, blend};
use crate::cooccurrence::{Column, Matrix, Mode, Options, cell_passages, compute};
use crate::model::{PassageId, Project, TagId};
use crate::ui::action::Action;

const CELL: f32 = 28.0;
const ROW_HEADER: f32 = 210.0;
const COLUMN_HEADER: f32 = 118.0;
const COLUMN_LABEL_CHARS: usize = 18;
const LIST_ROW: f32 = 22.0;

/// The matrix view's state: the options, the selected cell and what is cached.
#[derive(Debug, Default)]
pub struct CooccurrenceState {
    /// Which matrix, and whether sub-tags count under their parents.
    pub options: Options,
    /// The clicked cell: its row tag and column.
    pub selected: Option<(TagId, Column)>,
    /// Blind coding: only this analyst's passages are counted and listed (`None`: all).
    pub blind: Option<String>,
    cache: Option<(u64, Options, Option<String>)>,
    matrix: Matrix,
    row_labels: Vec<String>,
    column_labels: Vec<String>,
    listed: Option<(u64, Options, Option<String>, TagId, Column)>,
    passages: Vec<PassageId>,
}

impl CooccurrenceState {
    /// The matrix for the current options, recomputed only when they, the project or the
    /// blind-coding filter changed.
    pub fn matrix(&mut self, project: &Project) -> &Matrix {
        let key = (project.revision(), self.options, self.blind.clone());
        if self.cache.as_ref() != Some(&key) {
            self.matrix = compute(project, self.options, self.blind.as_deref());
            self.row_labels = self
                .matrix
                .rows
                .iter()
                .map(|t| project.tag_path(*t, TAG_PATH_SEPARATOR))
                .collect();
            self.column_labels = self
                .matrix
                .columns
                .iter()
                .map(|c| column_name(project, *c))
                .collect();
            self.cache = Some(key);
        }
        &self.matrix
    }

    /// The passages of the selected cell, in reading order (recomputed when it, the project or
    /// the blind-coding filter changed).
    pub fn selected_passages(&mut self, project: &Project) -> &[PassageId] {
        let Some((row, column)) = self.selected else {
            self.passages.clear();
            self.listed = None;
            return &self.passages;
        };
        let key = (
            project.revision(),
            self.options,
            self.blind.clone(),
            row,
            column,
        );
        if self.listed.as_ref() != Some(&key) {
            let blind = self.blind.as_deref();
            self.passages = cell_passages(project, self.options, blind, row, column);
            self.listed = Some(key);
        }
        &self.passages
    }
}

fn column_name(project: &Project, column: Column) -> String {
    match column {
        Column::Tag(t) => project.tag_path(t, TAG_PATH_SEPARATOR),
        Column::Actor(a) => project.actor(a).map(|a| a.name.clone()).unwrap_or_default(),
    }
}

fn abbreviate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(chars.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The accessible name and tooltip of a cell.
pub fn cell_label(row: &str, column: &str, count: usize) -> String {
    format!("{row} × {column}: {}", plural(count, "passage", "passages"))
}

/// The co-occurrence view.
pub fn cooccurrence_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut CooccurrenceState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let mut mode = state.options.mode;
        ui.selectable_value(&mut mode, Mode::TagTag, "Tag × tag")
            .on_hover_text("Passages carrying both tags; the diagonal is the tag's own count");
        ui.selectable_value(&mut mode, Mode::TagActor, "Tag × actor")
            .on_hover_text("Passages carrying the tag and linking the actor, in any role");
        if mode != state.options.mode {
            state.options.mode = mode;
            state.selected = None;
        }
        ui.separator();
        ui.checkbox(
            &mut state.options.include_subtags,
            "Count sub-tags under their parent",
        )
        .on_hover_text(
            "A passage tagged “Claim › Quote” counts under “Claim” too (once, however many of Claim's sub-tags it has)",
        );
    });
    state.matrix(project);
    let listed = state
        .selected
        .is_some()
        .then(|| state.selected_passages(project).len());
    let matrix = &state.matrix;
    let (rows, columns) = (matrix.rows.len(), matrix.columns.len());
    let noun = match state.options.mode {
        Mode::TagTag => "tags",
        Mode::TagActor => "actors",
    };
    ui.label(
        RichText::new(format!(
            "{rows} tags × {columns} {noun}, most frequent first · darker is more passages · hover for names, click a cell to list its passages"
        ))
        .small()
        .color(theme.weak_text),
    );
    if rows == 0 || columns == 0 {
        ui.add_space(24.0);
        ui.label(
            RichText::new(match state.options.mode {
                Mode::TagTag => "No passage carries a tag yet: tag some passages (T) first.",
                Mode::TagActor => {
                    "No tagged passage links an actor yet: link actors to passages (A) first."
                }
            })
            .color(theme.weak_text),
        );
        return;
    }
    ui.add_space(4.0);

    // The list below takes what its rows need, up to 42% of the height.
    let matrix_height = if let Some(listed) = listed {
        let rows_needed = listed.max(1) as f32;
        let list = (rows_needed * (LIST_ROW + ui.spacing().item_spacing.y) + 48.0)
            .min(ui.available_height() * 0.42);
        (ui.available_height() - list).max(160.0)
    } else {
        ui.available_height()
    };
    let mut clicked = None;
    egui::ScrollArea::both()
        .id_salt("dossier-cooccurrence-scroll")
        .max_height(matrix_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let size = Vec2::new(
                ROW_HEADER + columns as f32 * CELL + 8.0,
                COLUMN_HEADER + rows as f32 * CELL + 4.0,
            );
            let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
            let clip = ui.clip_rect();
            let painter = ui.painter();
            let origin = rect.min + Vec2::new(ROW_HEADER, COLUMN_HEADER);
            let cell_rect = |r: usize, c: usize| {
                egui::Rect::from_min_size(
                    origin + Vec2::new(c as f32 * CELL, r as f32 * CELL),
                    Vec2::splat(CELL),
                )
                .shrink(1.0)
            };
            // The visible range of rows and columns.
            let first_col = (((clip.left() - origin.x) / CELL).floor().max(0.0)) as usize;
            let last_col =
                ((((clip.right() - origin.x) / CELL).ceil().max(0.0)) as usize).min(columns);
            let first_row = (((clip.top() - origin.y) / CELL).floor().max(0.0)) as usize;
            let last_row =
                ((((clip.bottom() - origin.y) / CELL).ceil().max(0.0)) as usize).min(rows);
            let pointer = ui.ctx().pointer_hover_pos();
            let hovered = pointer.and_then(|p| {
                if !clip.contains(p) {
                    return None;
                }
                if p.x < rect.left().max(clip.left()) + ROW_HEADER
                    || p.y < rect.top().max(clip.top()) + COLUMN_HEADER
                {
                    return None;
                }
                let d = p - origin;
                (d.x >= 0.0 && d.y >= 0.0)
                    .then(|| ((d.y / CELL) as usize, (d.x / CELL) as usize))
                    .filter(|(r, c)| *r < rows && *c < columns)
            });

            let left = rect.left().max(clip.left());
            let top = rect.top().max(clip.top());
            let under_headers =
                |p: egui::Pos2| p.x < left + ROW_HEADER || p.y < top + COLUMN_HEADER;
            // Cells.
            let max = matrix.max.max(1) as f32;
            for r in first_row..last_row {
                for c in first_col..last_col {
                    let count = matrix.count(r, c);
                    let cell = cell_rect(r, c);
                    if under_headers(cell.center()) {
                        continue;
                    }
                    let diagonal = matrix.is_diagonal(r, c);
                    let fill = if diagonal {
                        blend(theme.page, theme.weak_text, 0.18)
                    } else if count == 0 {
                        blend(theme.page, theme.border, 0.35)
                    } else {
                        let heat = (count as f32 / max).clamp(0.0, 1.0).powf(0.6);
                        blend(theme.page, theme.accent, 0.15 + 0.85 * heat)
                    };
                    painter.rect_filled(cell, 3.0, fill);
                    let (Some(row_tag), Some(column)) = (matrix.rows.get(r), matrix.columns.get(c))
                    else {
                        continue;
                    };
                    if state.selected == Some((*row_tag, *column)) {
                        painter.rect_stroke(
                            cell,
                            3.0,
                            egui::Stroke::new(2.0, theme.selected_passage),
                            egui::StrokeKind::Outside,
                        );
                    } else if hovered == Some((r, c)) {
                        painter.rect_stroke(
                            cell,
                            3.0,
                            egui::Stroke::new(1.5, theme.text),
                            egui::StrokeKind::Inside,
                        );
                    }
                    if count > 0 {
                        let dark_fill = !diagonal && (count as f32 / max).powf(0.6) > 0.55;
                        painter.text(
                            cell.center(),
                            Align2::CENTER_CENTER,
                            count.to_string(),
                            egui::FontId::proportional(11.5),
                            if dark_fill { theme.page } else { theme.text },
                        );
                    }
                    let label = cell_label(
                        state.row_labels.get(r).map_or("", String::as_str),
                        state.column_labels.get(c).map_or("", String::as_str),
                        count,
                    );
                    let response = ui.interact(
                        cell,
                        ui.scope_id().with(("cooc-cell", r, c)),
                        Sense::click(),
                    );
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                    });
                    if response.on_hover_text(&label).clicked() {
                        clicked = Some((*row_tag, *column));
                    }
                }
            }
            // Headers stay in view when the matrix scrolls: painted over the cells, on the page
            // colour, at the visible edge.
            let column_band = egui::Rect::from_min_max(
                egui::pos2(left + ROW_HEADER, top),
                egui::pos2(clip.right(), top + COLUMN_HEADER),
            );
            painter.rect_filled(column_band, 0.0, theme.page);
            let column_painter = painter.with_clip_rect(column_band.intersect(clip));
            // Column headers, rotated.
            for c in first_col..last_col {
                let (Some(label), Some(total)) =
                    (state.column_labels.get(c), matrix.column_totals.get(c))
                else {
                    continue;
                };
                let x = origin.x + c as f32 * CELL + CELL / 2.0;
                let header = egui::Rect::from_min_max(
                    egui::pos2(x - CELL / 2.0, top),
                    egui::pos2(x + CELL / 2.0, top + COLUMN_HEADER),
                );
                if header.center().x < left + ROW_HEADER {
                    continue;
                }
                let response = ui
                    .interact(header, ui.scope_id().with(("cooc-col", c)), Sense::hover())
                    .on_hover_text(format!(
                        "{label}: {}",
                        plural(*total, "passage", "passages")
                    ));
                let strong = hovered.is_some_and(|(_, hc)| hc == c) || response.hovered();
                let galley = painter.layout_no_wrap(
                    abbreviate(label, COLUMN_LABEL_CHARS),
                    egui::FontId::proportional(12.5),
                    if strong { theme.text } else { theme.weak_text },
                );
                // Rotated 45°: reads from bottom left to top right, ending over its column.
                let angle = -std::f32::consts::FRAC_PI_4;
                let pos = egui::pos2(x - 4.0, top + COLUMN_HEADER - 6.0);
                column_painter
                    .add(egui::epaint::TextShape::new(pos, galley, theme.text).with_angle(angle));
            }
            let row_band = egui::Rect::from_min_max(
                egui::pos2(left, top + COLUMN_HEADER),
                egui::pos2(left + ROW_HEADER, clip.bottom()),
            );
            painter.rect_filled(row_band, 0.0, theme.page);
            let row_painter = painter.with_clip_rect(row_band.intersect(clip));
            // Row headers.
            for r in first_row..last_row {
                let (Some(label), Some(total), Some(tag)) = (
                    state.row_labels.get(r),
                    matrix.row_totals.get(r),
                    matrix.rows.get(r),
                ) else {
                    continue;
                };
                let y = origin.y + r as f32 * CELL;
                let header = egui::Rect::from_min_max(
                    egui::pos2(left, y),
                    egui::pos2(left + ROW_HEADER - 4.0, y + CELL),
                );
                if header.center().y < top + COLUMN_HEADER {
                    continue;
                }
                let response = ui
                    .interact(header, ui.scope_id().with(("cooc-row", r)), Sense::hover())
                    .on_hover_text(format!(
                        "{label}: {}",
                        plural(*total, "passage", "passages")
                    ));
                let strong = hovered.is_some_and(|(hr, _)| hr == r) || response.hovered();
                if let Some(t) = project.tag(*tag) {
                    row_painter.rect_filled(
                        egui::Rect::from_center_size(
                            egui::pos2(header.left() + 6.0, header.center().y),
                            Vec2::splat(10.0),
                        ),
                        2.0,
                        theme.swatch(t.color),
                    );
                }
                let count = row_painter.text(
                    egui::pos2(header.right() - 4.0, header.center().y),
                    Align2::RIGHT_CENTER,
                    total.to_string(),
                    egui::FontId::proportional(12.0),
                    theme.weak_text,
                );
                let room = (count.left() - header.left() - 24.0).max(20.0);
                let mut job = egui::text::LayoutJob::simple_singleline(
                    label.clone(),
                    egui::FontId::proportional(13.0),
                    if strong { theme.text } else { theme.weak_text },
                );
                job.wrap = egui::text::TextWrapping::truncate_at_width(room);
                let galley = painter.layout_job(job);
                row_painter.galley(
                    egui::pos2(
                        header.left() + 16.0,
                        header.center().y - galley.size().y / 2.0,
                    ),
                    galley,
                    theme.text,
                );
            }
            // The corner hides column labels scrolled past the row headers.
            painter.rect_filled(
                egui::Rect::from_min_size(
                    egui::pos2(left, top),
                    Vec2::new(ROW_HEADER, COLUMN_HEADER),
                ),
                0.0,
                theme.page,
            );
        });
    if let Some(cell) = clicked {
        state.selected = if state.selected == Some(cell) {
            None
        } else {
            Some(cell)
        };
    }

    // The selected cell's passages.
    let Some((row, column)) = state.selected else {
        return;
    };
    let title = cell_label(
        &project.tag_path(row, TAG_PATH_SEPARATOR),
        &column_name(project, column),
        state.selected_passages(project).len(),
    );
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong().color(theme.text));
        if ui
            .small_button("Close")
            .on_hover_text("Deselect the cell")
            .clicked()
        {
            state.selected = None;
        }
    });
    let passages = state.passages.clone();
    egui::ScrollArea::vertical()
        .id_salt("dossier-cooccurrence-list")
        .auto_shrink([false, false])
        .show_rows(ui, LIST_ROW, passages.len(), |ui, range| {
            for id in passages.get(range).unwrap_or_default() {
                let Some(p) = project.passage(*id) else {
                    continue;
                };
                let article = project
                    .document(p.doc)
                    .map(|d| d.title.as_str())
                    .unwrap_or_default();
                let quote: String = p
                    .quote
                    .chars()
                    .take(300)
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect();
                let mut job = egui::text::LayoutJob::default();
                job.append(
                    &format!("{}   ", abbreviate(article, 40)),
                    0.0,
                    egui::TextFormat::simple(egui::FontId::proportional(12.5), theme.weak_text),
                );
                job.append(
                    &quote,
                    0.0,
                    egui::TextFormat::simple(egui::FontId::proportional(13.5), theme.text),
                );
                job.wrap = egui::text::TextWrapping::truncate_at_width(ui.available_width() - 8.0);
                let response = ui.add(
                    egui::Label::new(job)
                        .selectable(false)
                        .sense(Sense::click()),
                );
                if response.on_hover_text("Open in the reader").clicked() {
                    actions.push(Action::JumpToPassage(*id));
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_abbreviated_with_an_ellipsis() {
        assert_eq!(abbreviate("Claim", 18), "Claim");
        assert_eq!(abbreviate("Volodymyr Zelenskyy", 10), "Volodymyr…");
        assert_eq!(
            cell_label("Claim", "Threat", 1),
            "Claim × Threat: 1 passage"
        );
    }

    #[test]
    fn the_matrix_and_the_list_are_cached_by_revision_and_options() {
        use crate::edit::{Edit, apply};
        use crate::model::ActorRole;
        let mut project = crate::example::example_project().expect("example");
        let mut state = CooccurrenceState::default();
        let rows = state.matrix(&project).rows.clone();
        assert_eq!(state.row_labels.len(), rows.len());
        state.options.mode = Mode::TagActor;
        let m = state.matrix(&project).clone();
        let (tag, column) = (m.rows[0], m.columns[0]);
        let Column::Actor(actor) = column else {
            panic!("tag × actor has actor columns: {column:?}");
        };
        // Same revision and options: the cached matrix comes back (a mark left in it stays).
        state.matrix.row_totals.push(usize::MAX);
        assert_eq!(state.matrix(&project).row_totals.last(), Some(&usize::MAX));
        // Other options: computed again.
        state.options.mode = Mode::TagTag;
        assert!(matches!(
            state.matrix(&project).columns.first(),
            Some(Column::Tag(_))
        ));
        state.options.mode = Mode::TagActor;
        assert_eq!(state.matrix(&project), &m);

        state.selected = Some((tag, column));
        let listed = state.selected_passages(&project).to_vec();
        assert_eq!(listed.len(), m.count(0, 0));
        assert_eq!(
            listed,
            cell_passages(&project, state.options, None, tag, column)
        );
        let mark = PassageId::from_raw(u64::MAX >> 4);
        state.passages.push(mark);
        assert_eq!(state.selected_passages(&project).last(), Some(&mark));

        // A new revision: a passage with the tag is linked to the actor; both are computed again.
        let passage = project
            .passages()
            .values()
            .find(|p| p.tags.contains(&tag) && !p.actors.iter().any(|(a, _)| *a == actor))
            .map(|p| p.id)
            .expect("a passage with the tag but not the actor");
        apply(
            &mut project,
            Edit::LinkActor(passage, actor, ActorRole::Mentioned),
        )
        .expect("links");
        let row = state.matrix(&project).rows.iter().position(|t| *t == tag);
        let col = state
            .matrix(&project)
            .columns
            .iter()
            .position(|c| *c == column);
        let (Some(row), Some(col)) = (row, col) else {
            panic!("the cell is still in the matrix");
        };
        assert_eq!(state.matrix(&project).count(row, col), m.count(0, 0) + 1);
        assert!(!state.matrix(&project).row_totals.contains(&usize::MAX));
        let now = state.selected_passages(&project).to_vec();
        assert_eq!(now.len(), listed.len() + 1);
        assert!(now.contains(&passage) && !now.contains(&mark));
    }
}
