//! The timeline: every dated event on a date axis, one lane per event in date order. A day is
//! a dot, a month, a year or a range is a bar over the days it covers; approximate dates are
//! drawn hollow and marked `~`. Each event shows its evidence count (linked passages). Click an
//! event to open its card (and select it in the events panel). Undated events are listed below the axis.
//!
//! Zoom with Ctrl+scroll or a pinch anywhere on the timeline, or plain scroll over the date
//! ruler, always around the pointer; pan by dragging (or scrolling sideways); "Fit" shows every
//! event again. The ruler's ticks follow the zoom: decades, years, quarters, months, weeks, days.
//! Events outside the visible dates are marked with an arrow at the edge.
//!
//! Lanes are computed once per project revision and blind-coding filter (blind coding counts
//! only the analyst's passages as evidence); a frame only places the visible window's ticks.

use egui::{Color32, Pos2, Rect, RichText, Sense, Stroke, Vec2};

use crate::model::PartialDate;

use super::super::theme::Theme;
use crate::model::{EventId, Project, civil_from_days};
use crate::ui::action::Action;

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
    /// Blind coding: only this analyst's passages count as evidence (`None`: every passage).
    pub blind: Option<String>,
    /// The revision and blind-coding filter the lanes are of.
    built: Option<(u64, Option<String>)>,
    lanes: Vec<Lane>,
    undated: Vec<(EventId, String)>,
    /// The visible dates, in days since 1970-01-01 (start, end); `None` fits every event.
    window: Option<(f64, f64)>,
}

impl TimelineState {
    /// The dated lanes (in date order) and the undated events, rebuilt when the project or the
    /// blind-coding filter changed. Every event has its lane; its evidence counts the passages
    /// shown ([`Project::count_event_evidence`]).
    pub fn lanes(&mut self, project: &Project) -> (&[Lane], &[(EventId, String)]) {
        let key = (project.revision(), self.blind.clone());
        if self.built.as_ref() != Some(&key) {
            let evidence = project.count_event_evidence(self.blind.as_deref());
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
            self.built = Some(key);
        }
        (&self.lanes, &self.undated)
    }

    /// The visible dates (first day, day after the last, fractional), or `None` when the
    /// timeline fits every event.
    pub fn window(&self) -> Option<(f64, f64)> {
        self.window
    }

    /// Shows every event again.
    pub fn fit(&mut self) {
        self.window = None;
    }
}

/// The span every dated event fits in, with a margin of a twentieth on each side (at least a
/// week), as (first day, day after the last).
fn fitted(min: i64, max: i64) -> (f64, f64) {
    let (lo, hi) = (min as f64, (max + 1) as f64);
    let margin = ((hi - lo) / 20.0).max(7.0);
    (lo - margin, hi + margin)
}

/// Zooms `window` by `factor` (above 1 zooms in) keeping the day `at` where it is on screen; the
/// span stays between three days and `max_span`.
fn zoomed(window: (f64, f64), factor: f64, at: f64, max_span: f64) -> (f64, f64) {
    let (start, end) = window;
    let span = ((end - start) / factor).clamp(3.0, max_span.max(3.0));
    let share = if end > start {
        ((at - start) / (end - start)).clamp(0.0, 1.0)
    } else {
        0.5
    };
    let new_start = at - share * span;
    (new_start, new_start + span)
}

/// A step of the ruler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TickUnit {
    Days(i64),
    Months(u8),
    Years(i64),
}

impl TickUnit {
    /// Every step, finest first.
    const ALL: [Self; 14] = [
        Self::Days(1),
        Self::Days(2),
        Self::Days(7),
        Self::Days(14),
        Self::Months(1),
        Self::Months(3),
        Self::Months(6),
        Self::Years(1),
        Self::Years(2),
        Self::Years(5),
        Self::Years(10),
        Self::Years(25),
        Self::Years(50),
        Self::Years(100),
    ];

    fn approx_days(self) -> f64 {
        match self {
            Self::Days(n) => n as f64,
            Self::Months(n) => f64::from(n) * 30.44,
            Self::Years(n) => n as f64 * 365.25,
        }
    }

    /// The finest step whose ticks stand at least `min_px` apart at `px_per_day`.
    fn for_scale(px_per_day: f64, min_px: f64) -> Self {
        Self::ALL
            .into_iter()
            .find(|u| u.approx_days() * px_per_day >= min_px)
            .unwrap_or(Self::Years(100))
    }
}

/// The ticks of `unit` in the days [start, end], each (day, label); at most 400.
fn ticks(unit: TickUnit, start: f64, end: f64) -> Vec<(i64, String)> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_name = |m: u8| {
        MONTHS
            .get(usize::from(m).saturating_sub(1))
            .copied()
            .unwrap_or("")
    };
    let first = start.floor() as i64;
    let last = end.ceil() as i64;
    let mut out = Vec::new();
    match unit {
        TickUnit::Days(n) => {
            // Weeks start on Mondays (1970-01-05 was one); other steps count from the epoch.
            let offset = if n % 7 == 0 { 4 } else { 0 };
            let mut day = first - (first - offset).rem_euclid(n);
            while day <= last && out.len() < 400 {
                if day >= first {
                    let (y, m, d) = civil_from_days(day);
                    let label = if d == 1 && m == 1 || day == first || out.is_empty() {
                        format!("{d} {} {y}", month_name(m))
                    } else {
                        format!("{d} {}", month_name(m))
                    };
                    out.push((day, label));
                }
                day += n;
            }
        }
        TickUnit::Months(n) => {
            let (y0, m0, _) = civil_from_days(first);
            let (mut y, mut m) = (y0, m0);
            // Align to the step (quarters start in January, April…).
            while (m - 1) % n != 0 {
                m -= 1;
            }
            for _ in 0..400 {
                let Some(day) = PartialDate::month(y as i32, m).map(|d| d.first_day()) else {
                    break;
                };
                if day > last {
                    break;
                }
                if day >= first {
                    let label = if m == 1 || out.is_empty() {
                        format!("{} {y}", month_name(m))
                    } else {
                        month_name(m).to_owned()
                    };
                    out.push((day, label));
                }
                m += n;
                while m > 12 {
                    m -= 12;
                    y += 1;
                }
            }
        }
        TickUnit::Years(n) => {
            let (y0, _, _) = civil_from_days(first);
            let mut y = y0 - y0.rem_euclid(n);
            for _ in 0..400 {
                let day = PartialDate::year(y as i32).first_day();
                if day > last {
                    break;
                }
                if day >= first {
                    out.push((day, y.to_string()));
                }
                y += n;
            }
        }
    }
    out
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
    let (Some(min), Some(max)) = (
        lanes.iter().map(|l| l.first).min(),
        lanes.iter().map(|l| l.last).max(),
    ) else {
        ui.label(
            RichText::new(format!(
                "{} undated events · click for the event card",
                undated.len()
            ))
            .small()
            .color(theme.weak_text),
        );
        ui.label(
            RichText::new("No dated events yet. Give an event a date in the events panel.")
                .color(theme.weak_text),
        );
        undated_ui(ui, &undated, selected, theme, actions);
        return;
    };
    let fit = fitted(min, max);
    let max_span = (fit.1 - fit.0) * 3.0 + 60.0;
    let mut window = state.window.unwrap_or(fit);

    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "{} dated events · {} undated · hollow = approximate · click for the event card · Ctrl+scroll to zoom, drag to pan",
                lanes.len(),
                undated.len()
            ))
            .small()
            .color(theme.weak_text),
        );
        let centre = (window.0 + window.1) / 2.0;
        if ui.small_button("−").on_hover_text("Zoom out").clicked() {
            window = zoomed(window, 0.5, centre, max_span);
            state.window = Some(window);
        }
        if ui.small_button("+").on_hover_text("Zoom in").clicked() {
            window = zoomed(window, 2.0, centre, max_span);
            state.window = Some(window);
        }
        if ui
            .add_enabled(state.window.is_some(), egui::Button::new("Fit").small())
            .on_hover_text("Show every event")
            .clicked()
        {
            state.fit();
            window = fit;
        }
    });

    let lane_height = 26.0;
    let width = ui.available_width();
    let label_width = (width * 0.42).clamp(180.0, 420.0);
    let axis_left = ui.cursor().left() + label_width + 12.0;
    let axis_right = ui.cursor().left() + width - 16.0;
    let axis_width = (axis_right - axis_left).max(1.0);
    let day_of = |x: f32, w: (f64, f64)| {
        w.0 + f64::from(x - axis_left) / f64::from(axis_width) * (w.1 - w.0)
    };

    // The ruler: ticks as fine as the zoom allows, a plain scroll here zooms.
    let (axis_rect, axis_response) =
        ui.allocate_exact_size(Vec2::new(width, 22.0), Sense::click_and_drag());
    let mut wheel_zoom = 1.0f64;
    if axis_response.hovered() {
        wheel_zoom = f64::from((ui.input(|i| i.smooth_scroll_delta.y) * 0.003).exp());
    }
    // Ctrl+scroll, pinch and sideways scroll anywhere over the timeline.
    let area = Rect::from_min_max(
        axis_rect.min,
        Pos2::new(axis_rect.right(), ui.max_rect().bottom()),
    );
    let (zoom, sideways, pointer) = ui.input(|i| {
        (
            i.zoom_delta(),
            i.smooth_scroll_delta.x,
            i.pointer.hover_pos(),
        )
    });
    let over = pointer.filter(|p| area.contains(*p) && ui.rect_contains_pointer(area));
    if let Some(p) = over {
        let factor = f64::from(zoom) * wheel_zoom;
        if (factor - 1.0).abs() > 1e-4 {
            let at = day_of(p.x.clamp(axis_left, axis_right), window);
            window = zoomed(window, factor, at, max_span);
            state.window = Some(window);
        }
        if sideways.abs() > 0.0 {
            let shift = f64::from(sideways) / f64::from(axis_width) * (window.1 - window.0);
            window = (window.0 - shift, window.1 - shift);
            state.window = Some(window);
        }
    }
    let mut drag_x = 0.0f32;
    if axis_response.dragged() {
        drag_x += axis_response.drag_delta().x;
    }

    let span = (window.1 - window.0).max(1e-6);
    let x_of = |day: f64| axis_left + ((day - window.0) / span) as f32 * axis_width;
    let px_per_day = f64::from(axis_width) / span;
    let unit = TickUnit::for_scale(px_per_day, 48.0);
    let ruler = ticks(unit, window.0, window.1);
    let first_day = civil_from_days(window.0.floor() as i64);
    let last_day = civil_from_days((window.1.ceil() as i64) - 1);
    let described = format!(
        "Dates from {}-{:02}-{:02} to {}-{:02}-{:02}",
        first_day.0, first_day.1, first_day.2, last_day.0, last_day.1, last_day.2
    );
    axis_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, &described));
    let axis_clip = Rect::from_x_y_ranges(axis_left - 1.0..=axis_right + 1.0, axis_rect.y_range());
    let painter = ui.painter_at(axis_clip.union(axis_rect));
    painter.line_segment(
        [
            Pos2::new(axis_left, axis_rect.bottom() - 2.0),
            Pos2::new(axis_right, axis_rect.bottom() - 2.0),
        ],
        Stroke::new(1.0, theme.border),
    );
    let mut label_end = f32::NEG_INFINITY;
    for (day, label) in &ruler {
        let x = x_of(*day as f64);
        if x < axis_left - 1.0 {
            continue;
        }
        painter.line_segment(
            [
                Pos2::new(x, axis_rect.bottom() - 6.0),
                Pos2::new(x, axis_rect.bottom()),
            ],
            Stroke::new(1.0, theme.weak_text),
        );
        // A label that would run into the previous one (the first carries the year) is left out.
        if x + 2.0 < axis_right - 30.0 && x > label_end + 4.0 {
            label_end = painter
                .text(
                    Pos2::new(x + 2.0, axis_rect.top()),
                    egui::Align2::LEFT_TOP,
                    label,
                    egui::FontId::proportional(11.0),
                    theme.weak_text,
                )
                .right();
        }
    }

    egui::ScrollArea::vertical()
        .id_salt("dossier-timeline-scroll")
        .auto_shrink([false, false])
        .scroll_source(egui::scroll_area::ScrollSource {
            drag: egui::scroll_area::DragScroll::Never,
            ..Default::default()
        })
        .show(ui, |ui| {
            for lane in &lanes {
                let (rect, response) =
                    ui.allocate_exact_size(Vec2::new(width, lane_height), Sense::click_and_drag());
                let label = lane.label.clone();
                let is_selected = selected == Some(lane.event);
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, &label)
                });
                if response.dragged() {
                    drag_x += response.drag_delta().x;
                }
                if ui.is_rect_visible(rect) {
                    lane_ui(
                        ui,
                        rect,
                        &response,
                        lane,
                        is_selected,
                        label_width,
                        (axis_left, axis_right),
                        &ruler,
                        &x_of,
                        theme,
                    );
                }
                if response.clicked() {
                    actions.push(Action::OpenEventCard(lane.event));
                }
            }
            undated_ui(ui, &undated, selected, theme, actions);
        });
    if drag_x != 0.0 {
        let shift = f64::from(drag_x) / f64::from(axis_width) * span;
        state.window = Some((window.0 - shift, window.1 - shift));
    }
}

/// One event's lane: its label, the grid, its dot or bar, its evidence count.
#[allow(clippy::too_many_arguments)]
fn lane_ui(
    ui: &egui::Ui,
    rect: Rect,
    response: &egui::Response,
    lane: &Lane,
    is_selected: bool,
    label_width: f32,
    (axis_left, axis_right): (f32, f32),
    ruler: &[(i64, String)],
    x_of: &dyn Fn(f64) -> f32,
    theme: &Theme,
) {
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
    let axis = Rect::from_x_y_ranges(axis_left..=axis_right, rect.y_range());
    let painter = ui.painter_at(axis.intersect(rect));
    for (day, _) in ruler {
        let x = x_of(*day as f64);
        painter.line_segment(
            [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
            Stroke::new(1.0, theme.border.gamma_multiply(0.6)),
        );
    }
    let color = theme.event_link;
    let y = rect.center().y;
    let (x0, x1) = (x_of(lane.first as f64), x_of((lane.last + 1) as f64));
    if x1 < axis_left || x0 > axis_right {
        // Off the visible dates: an arrow at the edge it lies beyond.
        let (x, dir) = if x1 < axis_left {
            (axis_left + 4.0, -1.0)
        } else {
            (axis_right - 4.0, 1.0)
        };
        painter.add(egui::Shape::convex_polygon(
            vec![
                Pos2::new(x + dir * 4.0, y),
                Pos2::new(x - dir * 3.0, y - 5.0),
                Pos2::new(x - dir * 3.0, y + 5.0),
            ],
            theme.weak_text,
            Stroke::NONE,
        ));
        return;
    }
    let fill = if lane.approximate {
        Color32::TRANSPARENT
    } else {
        color
    };
    let stroke = Stroke::new(1.5, color);
    let end = if lane.last == lane.first {
        // A day: a dot in the middle of the day once a day is wide enough to see.
        let x = (x0 + x1) / 2.0;
        let x = if x1 - x0 < 10.0 { x0 } else { x };
        painter.circle(Pos2::new(x, y), 5.0, fill, stroke);
        x + 5.0
    } else {
        let bar = Rect::from_min_max(Pos2::new(x0, y - 5.0), Pos2::new(x1.max(x0 + 6.0), y + 5.0));
        painter.rect(bar, 3.0, fill, stroke, egui::StrokeKind::Middle);
        bar.right()
    };
    let mark = format!(
        "{}{}",
        if lane.approximate { "~ " } else { "" },
        lane.evidence
    );
    let painter = ui.painter_at(rect);
    if end + 6.0 < axis_right {
        painter.text(
            Pos2::new(end + 6.0, y),
            egui::Align2::LEFT_CENTER,
            mark,
            egui::FontId::proportional(11.0),
            theme.weak_text,
        );
    }
}

/// The events without a date, below the axis.
fn undated_ui(
    ui: &mut egui::Ui,
    undated: &[(EventId, String)],
    selected: Option<EventId>,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    if undated.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.label(
        RichText::new("UNDATED")
            .small()
            .strong()
            .color(theme.weak_text),
    );
    for (id, title) in undated {
        if ui.selectable_label(selected == Some(*id), title).clicked() {
            actions.push(Action::OpenEventCard(*id));
        }
    }
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

    #[test]
    fn blind_coding_counts_the_analysts_evidence_and_toggling_rebuilds_the_lanes() {
        let coded = crate::model::three_coders();
        let mut state = TimelineState::default();
        let evidence = |state: &mut TimelineState| state.lanes(&coded.project).0[0].evidence;
        assert_eq!(evidence(&mut state), 3);
        state.blind = Some("Ana".into());
        assert_eq!(evidence(&mut state), 1, "the same revision, another filter");
        assert!(
            state.lanes(&coded.project).0[0]
                .label
                .ends_with("1 passage")
        );
        state.blind = None;
        assert_eq!(evidence(&mut state), 3);
    }

    #[test]
    fn zoom_keeps_the_day_under_the_pointer_and_stays_in_bounds() {
        let w = (100.0, 200.0);
        let z = zoomed(w, 2.0, 125.0, 1000.0);
        assert!((z.1 - z.0 - 50.0).abs() < 1e-9, "half the span: {z:?}");
        // 125 was a quarter of the way in; it still is.
        assert!(((125.0 - z.0) / (z.1 - z.0) - 0.25).abs() < 1e-9);
        assert_eq!(
            zoomed(w, 1000.0, 150.0, 1000.0).1 - zoomed(w, 1000.0, 150.0, 1000.0).0,
            3.0
        );
        let out = zoomed(w, 0.001, 150.0, 1000.0);
        assert!((out.1 - out.0 - 1000.0).abs() < 1e-9, "capped: {out:?}");
        let f = fitted(0, 99);
        assert!(f.0 < 0.0 && f.1 > 100.0);
    }

    #[test]
    fn ticks_adapt_from_years_to_days() {
        // 2020-01-01 is day 18262.
        let start = 18262.0;
        assert_eq!(TickUnit::for_scale(0.05, 84.0), TickUnit::Years(5));
        assert_eq!(TickUnit::for_scale(0.3, 84.0), TickUnit::Years(1));
        assert_eq!(TickUnit::for_scale(0.5, 84.0), TickUnit::Months(6));
        assert_eq!(TickUnit::for_scale(3.0, 84.0), TickUnit::Months(1));
        assert_eq!(TickUnit::for_scale(100.0, 84.0), TickUnit::Days(1));
        let years = ticks(TickUnit::Years(1), start - 400.0, start + 800.0);
        let labels: Vec<&str> = years.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2019", "2020", "2021", "2022"]);
        let months = ticks(TickUnit::Months(3), start - 1.0, start + 200.0);
        let labels: Vec<&str> = months.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["Jan 2020", "Apr", "Jul"]);
        let days = ticks(TickUnit::Days(1), start + 30.0, start + 32.0);
        let labels: Vec<&str> = days.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["31 Jan 2020", "1 Feb", "2 Feb"]);
        let weeks = ticks(TickUnit::Days(7), start, start + 20.0);
        // Mondays: 2020-01-06, 13, 20.
        assert_eq!(weeks.first().map(|(d, _)| *d), Some(18267));
        assert_eq!(weeks.len(), 3);
        assert!(ticks(TickUnit::Days(1), 0.0, 1e9).len() <= 400, "bounded");
    }
}
