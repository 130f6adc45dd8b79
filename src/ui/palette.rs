//! Fuzzy palettes: the command palette (Ctrl+K) and the quick tag palette (`T`). One widget
//! serves both: a query field over a ranked list, Up/Down to move, Enter to choose, Escape to
//! close. Ranking uses `nucleo-matcher` (the matcher of the helix editor).

use egui::{Align2, Color32, Key, Modifiers, RichText, Sense, Vec2};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::theme::Theme;

/// Which palette is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteKind {
    /// Every command, recent projects and the articles, by name.
    Commands,
    /// The codebook, to tag the selection or the selected passage.
    Tags,
    /// The actors, to link one to the selection or the selected passage.
    Actors,
    /// The events, to link one to the selection or the selected passage.
    Events,
    /// The codebook, to tag every hit listed in the search view.
    SearchHits,
    /// The claims, to give the selection or the selected passage a stance on one.
    Claims,
}

/// An open palette: what it is for, what the user typed, which row is highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteState {
    /// Which palette.
    pub kind: PaletteKind,
    /// The text typed so far.
    pub query: String,
    /// The highlighted row.
    pub cursor: usize,
    /// The link role chosen with Tab (actor and event palettes): an index into the role list.
    pub role: usize,
    /// Whether the query field has been given focus yet.
    focused_once: bool,
}

impl PaletteState {
    /// A fresh palette with an empty query.
    pub fn new(kind: PaletteKind) -> Self {
        Self {
            kind,
            query: String::new(),
            cursor: 0,
            role: 0,
            focused_once: false,
        }
    }
}

/// One row of a palette.
#[derive(Debug, Clone, PartialEq)]
pub struct PaletteItem {
    /// The main text ("Claim › Quote", "Save").
    pub label: String,
    /// Right-aligned detail: a shortcut, a count.
    pub detail: String,
    /// A colour swatch before the label (tags).
    pub swatch: Option<Color32>,
    /// Shown with a check mark (a tag the passage already has).
    pub checked: bool,
    /// Shown dimmed and not choosable.
    pub disabled: bool,
}

impl PaletteItem {
    /// A plain row.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            detail: String::new(),
            swatch: None,
            checked: false,
            disabled: false,
        }
    }
}

/// What happened in the palette this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteResponse {
    /// Still open, nothing chosen.
    Open,
    /// The user chose the row with this index.
    Chosen(usize),
    /// The user closed the palette.
    Closed,
}

/// Ranks texts against a query with nucleo's fuzzy matcher: the indices of the matching texts,
/// best first (ties keep their input order). An empty query keeps every text in order.
pub fn fuzzy_rank(query: &str, texts: &[&str]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..texts.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            pattern
                .score(Utf32Str::new(t, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// The id of the palette's query field (tests and focus requests use it).
pub fn query_field_id(kind: PaletteKind) -> egui::Id {
    egui::Id::unique(("dossier-palette-query", kind as u8))
}

/// Shows an open palette as a modal near the top of the window. `role` names the link role
/// (actor and event palettes; Tab asks for the next one by setting [`PaletteState::role`]).
pub fn palette_ui(
    ctx: &egui::Context,
    state: &mut PaletteState,
    items: &[PaletteItem],
    role: Option<&str>,
    theme: &Theme,
) -> PaletteResponse {
    let heading = match (state.kind, role) {
        (PaletteKind::Commands, _) => {
            "Run a command, open an article or a recent project".to_owned()
        }
        (PaletteKind::Tags, _) => "Tag the selected text or passage".to_owned(),
        (PaletteKind::SearchHits, _) => "Tag every search result listed — one undo step".to_owned(),
        (PaletteKind::Actors, r) => format!(
            "Link an actor to the selected text or passage — role: {} (Tab changes it)",
            r.unwrap_or("")
        ),
        (PaletteKind::Events, r) => format!(
            "Link an event to the selected text or passage — role: {} (Tab changes it)",
            r.unwrap_or("")
        ),
        (PaletteKind::Claims, r) => format!(
            "Link a claim to the selected text or passage — stance: {} (Tab changes it)",
            r.unwrap_or("")
        ),
    };
    let (title, hint) = match state.kind {
        PaletteKind::Commands => ("Command palette", "Type a command, an article, a project…"),
        PaletteKind::Tags => (
            "Tag palette",
            "Type a tag name — Enter applies, a new name creates",
        ),
        PaletteKind::Actors => (
            "Actor palette",
            "Type a name or alias — Enter links, a new name creates; /speaker sets the role, #org the kind",
        ),
        PaletteKind::Events => (
            "Event palette",
            "Type an event title — Enter links, a new title creates; /claims sets the role",
        ),
        PaletteKind::Claims => (
            "Claim palette",
            "Type a claim's statement — Enter links, a new statement creates; Tab changes the stance",
        ),
        PaletteKind::SearchHits => (
            "Tag search results",
            "Type a tag name — Enter tags every result, a new name creates",
        ),
    };
    let roles = match state.kind {
        PaletteKind::Actors | PaletteKind::Events => 4,
        PaletteKind::Claims => crate::model::Stance::ALL.len(),
        _ => 0,
    };
    if roles > 0 && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab)) {
        state.role = (state.role + 1) % roles;
    }
    // Keys the list owns; taken before the text field can see them.
    let (up, down, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    let choosable: Vec<usize> = (0..items.len())
        .filter(|i| items.get(*i).is_some_and(|it| !it.disabled))
        .collect();
    if state.cursor >= items.len() {
        state.cursor = choosable.first().copied().unwrap_or(0);
    }
    if down && let Some(next) = choosable.iter().find(|&&i| i > state.cursor) {
        state.cursor = *next;
    }
    if up && let Some(prev) = choosable.iter().rev().find(|&&i| i < state.cursor) {
        state.cursor = *prev;
    }
    if escape {
        return PaletteResponse::Closed;
    }
    if enter
        && let Some(item) = items.get(state.cursor)
        && !item.disabled
    {
        return PaletteResponse::Chosen(state.cursor);
    }

    let width = (ctx.content_rect().width() * 0.5).clamp(360.0, 640.0);
    let area = egui::Modal::default_area(egui::Id::unique(("dossier-palette", state.kind as u8)))
        .anchor(Align2::CENTER_TOP, Vec2::new(0.0, 72.0));
    let mut chosen = None;
    let modal = egui::Modal::new(egui::Id::unique(("dossier-palette", state.kind as u8)))
        .area(area)
        .backdrop_color(theme.backdrop)
        .frame(egui::Frame::popup(&ctx.global_style()).inner_margin(egui::Margin::same(10)))
        .show(ctx, |ui| {
            ui.set_width(width);
            ui.label(RichText::new(heading).small().color(theme.weak_text));
            let field = egui::TextEdit::singleline(&mut state.query)
                .id(query_field_id(state.kind))
                // Tab changes the link role; it must not move the focus out of the field.
                .lock_focus(roles > 0)
                .hint_text(hint)
                .desired_width(f32::INFINITY)
                .margin(Vec2::new(8.0, 6.0))
                .show(ui);
            let field = field.response.response.accessible_name(title);
            if !state.focused_once {
                field.request_focus();
                state.focused_once = true;
            }
            if field.changed() {
                state.cursor = choosable_first(items, &state.query);
            }
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    if items.is_empty() {
                        ui.label(RichText::new("Nothing matches").color(theme.weak_text));
                    }
                    for (i, item) in items.iter().enumerate() {
                        let response = item_ui(ui, item, i == state.cursor, theme);
                        if i == state.cursor && (up || down) {
                            response.scroll_to_me(None);
                        }
                        if response.clicked() && !item.disabled {
                            chosen = Some(i);
                        }
                        if response.hovered() && ui.input(|inp| inp.pointer.delta() != Vec2::ZERO) {
                            state.cursor = i;
                        }
                    }
                });
            ui.add_space(2.0);
            ui.label(
                RichText::new("Up/Down move · Enter chooses · Esc closes")
                    .small()
                    .color(theme.weak_text),
            );
        });
    if let Some(i) = chosen {
        return PaletteResponse::Chosen(i);
    }
    if modal.backdrop_response.clicked() {
        return PaletteResponse::Closed;
    }
    PaletteResponse::Open
}

fn choosable_first(items: &[PaletteItem], _query: &str) -> usize {
    items.iter().position(|it| !it.disabled).unwrap_or(0)
}

fn item_ui(
    ui: &mut egui::Ui,
    item: &PaletteItem,
    highlighted: bool,
    theme: &Theme,
) -> egui::Response {
    let height = 26.0;
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::click());
    let label = item.label.clone();
    let enabled = !item.disabled;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &label));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter_at(rect);
        if highlighted {
            painter.rect_filled(rect, 4.0, theme.row_highlight);
        } else if response.hovered() {
            painter.rect_filled(rect, 4.0, theme.row_hover);
        }
        let mut x = rect.left() + 8.0;
        if let Some(swatch) = item.swatch {
            let r = egui::Rect::from_center_size(
                egui::pos2(x + 6.0, rect.center().y),
                Vec2::splat(12.0),
            );
            painter.rect_filled(r, 3.0, swatch);
            x += 20.0;
        }
        let text_color = if item.disabled {
            theme.weak_text
        } else {
            theme.text
        };
        if item.checked {
            // A drawn check mark: the default fonts have no ✔.
            let c = egui::pos2(x + 5.0, rect.center().y);
            let stroke = egui::Stroke::new(2.0, theme.success);
            painter.line_segment([c + Vec2::new(-4.0, 0.0), c + Vec2::new(-1.0, 3.5)], stroke);
            painter.line_segment([c + Vec2::new(-1.0, 3.5), c + Vec2::new(5.0, -4.0)], stroke);
            x += 16.0;
        }
        painter.text(
            egui::pos2(x, rect.center().y),
            Align2::LEFT_CENTER,
            item.label.clone(),
            egui::FontId::proportional(14.0),
            text_color,
        );
        if !item.detail.is_empty() {
            painter.text(
                egui::pos2(rect.right() - 8.0, rect.center().y),
                Align2::RIGHT_CENTER,
                &item.detail,
                egui::FontId::proportional(12.5),
                theme.weak_text,
            );
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_rank_prefers_close_matches() {
        let texts = ["Claim", "Casualties", "Concession", "Threat"];
        let ranked = fuzzy_rank("thr", &texts);
        assert_eq!(ranked.first(), Some(&3));
        let ranked = fuzzy_rank("cla", &texts);
        assert_eq!(ranked.first(), Some(&0));
        assert!(fuzzy_rank("zzz", &texts).is_empty());
        assert_eq!(fuzzy_rank("", &texts), vec![0, 1, 2, 3]);
    }

    #[test]
    fn fuzzy_rank_ignores_case_and_diacritics() {
        let texts = ["Zelenskyy", "Société"];
        assert_eq!(fuzzy_rank("ZEL", &texts), vec![0]);
        assert_eq!(fuzzy_rank("societe", &texts), vec![1]);
    }
}
