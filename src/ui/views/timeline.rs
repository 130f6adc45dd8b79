//! The timeline: every dated event on a date axis, one lane per event in date order. A day is
//! a dot, a month, a year or a range is a bar over the days it covers; approximate dates are
//! drawn hollow and marked `~`. Each event shows its evidence count (linked passages). Click an
//! event to open its card (and select it in the events panel). Undated events are listed below the axis.
//!
//! Lanes and the axis are computed once per project revision.

use egui::{Color32, Pos2, Rect, RichText, Sense, Stroke, Vec2};

use super::super::theme::Theme;
use super::super::workbench::Action;
use crate::model::{EventId, Project, civil_from_days};

/// One event on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// The event.
    pub event: EventId,
    /// The label: title, date, evidence count.
    pub label: String,
    /// First day covered (days since 1970-01-01).
    pub first: i64,
    /// Last day covered.
    pub last: i64,
    /// Whether the date is approximate.
    pub approximate: bool,
    /// Linked passages.
    pub evidence: usize,
}

/// The timeline's cached lanes.
#[derive(Debug, Default)]
pub struct TimelineState {
    revision: Option<u64>,
    lanes: Vec<Lane>,
    undated: Vec<(EventId, String)>,
}

impl TimelineState {
    /// The dated lanes (in date order) and the undated events, rebuilt when the project changed.
    pub fn lanes(&mut self, project: &Project) -> (&[Lane], &[(EventId, String)]) {
        if self.revision != Some(project.revision()) {
            let mut evidence = std::collections::HashMap::new();
            for p in project.passages().values() {
                let mut ids: Vec<EventId> = p.events.iter().map(|(e, _)| *e).collect();
                ids.dedup();
                for e in ids {
                    *evidence.entry(e).or_insert(0usize) += 1;
                }
            }
            self.lanes.clear();
            self.undated.clear();
            for e in super::super::entities::sorted_events(project) {
                let n = evidence.get(&e.id).copied().unwrap_or(0);
                match e.date {
                    Some(d) => self.lanes.push(Lane {
                        event: e.id,
                        label: format!(
                            "{} · {d} · {n} passage{}",
                            e.title,
                            if n == 1 { "" } else { "s" }
                        ),
                        first: d.first_day(),
                        last: d.last_day(),
                        approximate: d.is_approximate(),
                        evidence: n,
                    }),
                    None => self.undated.push((e.id, e.title.clone())),
                }
            }
            self.revision = Some(project.revision());
        }
        (&self.lanes, &self.undated)
    }
}

/// The timeline view.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut TimelineState,
    selected: Option<EventId>,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let (lanes, undated) = state.lanes(project);
    let (lanes, undated) = (lanes.to_vec(), undated.to_vec());
    ui.label(
        RichText::new(format!(
            "{} dated events · {} undated · bars are months, years and ranges; hollow = approximate · click for the event card",
            lanes.len(),
            undated.len()
        ))
        .small()
        .color(theme.weak_text),
    );
    let (Some(min), Some(max)) = (
        lanes.iter().map(|l| l.first).min(),
        lanes.iter().map(|l| l.last).max(),
    ) else {
        ui.label(
            RichText::new("No dated events yet. Give an event a date in the events panel.")
                .color(theme.weak_text),
        );
        return;
    };
    let span = (max - min).max(1) as f32;
    let lane_height = 26.0;
    egui::ScrollArea::vertical()
        .id_salt("dossier-timeline-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            let label_width = (width * 0.42).clamp(180.0, 420.0);
            let axis_left = ui.cursor().left() + label_width + 12.0;
            let axis_right = ui.cursor().left() + width - 16.0;
            let x_of = |day: i64| axis_left + (day - min) as f32 / span * (axis_right - axis_left);
            // The axis with month ticks.
            let (axis_rect, _) = ui.allocate_exact_size(Vec2::new(width, 22.0), Sense::hover());
            let painter = ui.painter();
            painter.line_segment(
                [
                    Pos2::new(axis_left, axis_rect.bottom() - 2.0),
                    Pos2::new(axis_right, axis_rect.bottom() - 2.0),
                ],
                Stroke::new(1.0, theme.border),
            );
            let (y0, m0, _) = civil_from_days(min);
            let (mut y, mut m) = (y0, m0);
            let months = ((max - min) / 30).max(1);
            let step = (months / 12 + 1) as u8;
            for _ in 0..400 {
                let Some(first) =
                    crate::model::PartialDate::month(y as i32, m).map(|d| d.first_day())
                else {
                    break;
                };
                if first > max {
                    break;
                }
                if first >= min {
                    let x = x_of(first);
                    painter.line_segment(
                        [
                            Pos2::new(x, axis_rect.bottom() - 6.0),
                            Pos2::new(x, axis_rect.bottom()),
                        ],
                        Stroke::new(1.0, theme.weak_text),
                    );
                    painter.text(
                        Pos2::new(x + 2.0, axis_rect.top()),
                        egui::Align2::LEFT_TOP,
                        format!("{y}-{m:02}"),
                        egui::FontId::proportional(11.0),
                        theme.weak_text,
                    );
                }
                m += step;
                while m > 12 {
                    m -= 12;
                    y += 1;
                }
            }
            for lane in &lanes {
                let (rect, response) =
                    ui.allocate_exact_size(Vec2::new(width, lane_height), Sense::click());
                let label = lane.label.clone();
                let is_selected = selected == Some(lane.event);
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, &label)
                });
                if ui.is_rect_visible(rect) {
                    let painter = ui.painter_at(rect);
                    if is_selected {
                        painter.rect_filled(rect, 4.0, theme.row_highlight);
                    } else if response.hovered() {
                        painter.rect_filled(rect, 4.0, theme.row_hover);
                    }
                    let mut job = egui::text::LayoutJob::simple_singleline(
                        lane.label.clone(),
                        egui::FontId::proportional(13.0),
                        theme.text,
                    );
                    job.wrap = egui::text::TextWrapping::truncate_at_width(label_width);
                    let galley = painter.layout_job(job);
                    painter.galley(
                        Pos2::new(rect.left() + 4.0, rect.center().y - galley.size().y / 2.0),
                        galley,
                        theme.text,
                    );
                    let color = theme.event_link;
                    let (x0, x1) = (
                        x_of(lane.first),
                        x_of(lane.last + 1).max(x_of(lane.first) + 1.0),
                    );
                    let y = rect.center().y;
                    let fill = if lane.approximate {
                        Color32::TRANSPARENT
                    } else {
                        color
                    };
                    let stroke = Stroke::new(1.5, color);
                    if lane.last == lane.first {
                        painter.circle(Pos2::new(x0, y), 5.0, fill, stroke);
                    } else {
                        let bar = Rect::from_min_max(
                            Pos2::new(x0, y - 5.0),
                            Pos2::new(x1.max(x0 + 6.0), y + 5.0),
                        );
                        painter.rect(bar, 3.0, fill, stroke, egui::StrokeKind::Middle);
                    }
                    let mark = format!(
                        "{}{}",
                        if lane.approximate { "~ " } else { "" },
                        lane.evidence
                    );
                    painter.text(
                        Pos2::new(x1.max(x0 + 6.0) + 6.0, y),
                        egui::Align2::LEFT_CENTER,
                        mark,
                        egui::FontId::proportional(11.0),
                        theme.weak_text,
                    );
                }
                if response.clicked() {
                    actions.push(Action::OpenEventCard(lane.event));
                }
            }
            if !undated.is_empty() {
                ui.add_space(10.0);
                ui.label(
                    RichText::new("UNDATED")
                        .small()
                        .strong()
                        .color(theme.weak_text),
                );
                for (id, title) in &undated {
                    if ui.selectable_label(selected == Some(*id), title).clicked() {
                        actions.push(Action::OpenEventCard(*id));
                    }
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_cover_partial_dates_and_count_evidence() {
        let project = crate::example::example_project().expect("example");
        let mut state = TimelineState::default();
        let (lanes, undated) = state.lanes(&project);
        assert_eq!(lanes.len() + undated.len(), project.events().len());
        assert!(lanes.windows(2).all(|w| w[0].first <= w[1].first));
        assert!(lanes.iter().all(|l| l.first <= l.last));
        assert!(lanes.iter().any(|l| l.evidence > 0));
    }
}
