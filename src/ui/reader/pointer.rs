//! The reader's pointer geometry: which caret position or char lies under a screen point, which
//! passages cover a char, and where a passage's boundary handles are drawn and grabbed.

use egui::{Pos2, Rect, Stroke, pos2, vec2};

use super::highlight::{self, Highlights};
use super::layout::{DocLayout, Metrics};
use super::text_nav;
use super::{Edge, Geometry};
use crate::model::{DocId, PassageId, Project};
use crate::ui::theme::Theme;

/// The caret position nearest a screen point (snapped to a grapheme boundary), and whether it
/// sits at the end of a wrapped row.
pub(super) fn caret_at(layout: &mut DocLayout, geo: &Geometry, pos: Pos2) -> (usize, bool) {
    // (max/min rather than clamp: a collapsed reader may have top > bottom.)
    let y = pos.y.min(geo.visible.bottom()).max(geo.visible.top()) - geo.origin_y;
    let i = layout.block_at_y(y);
    let top = layout.top(i);
    let Some(block) = layout.blocks.get(i) else {
        return (0, false);
    };
    let start = block.chars.start;
    let Some(g) = layout.galley(i) else {
        return (start, false);
    };
    let local = vec2(pos.x - geo.column_x, y - top);
    let cursor = g.galley.cursor_from_pos(local);
    let at = text_nav::snap_to_grapheme(&layout.text, start + cursor.index.0);
    (at, !cursor.prefer_next_row)
}

/// The char under a screen point: (block, block-local char).
pub(super) fn char_under(
    layout: &mut DocLayout,
    geo: &Geometry,
    pos: Pos2,
) -> Option<(usize, usize)> {
    if !geo.visible.contains(pos) {
        return None;
    }
    let y = pos.y - geo.origin_y;
    let i = layout.block_at_y(y);
    let top = layout.top(i);
    let g = layout.galley(i)?;
    let local = g.char_at(vec2(pos.x - geo.column_x, y - top))?;
    Some((i, local))
}

/// The passages covering a char, innermost first.
pub(super) fn passages_at(
    highlights: &mut Highlights,
    layout: &DocLayout,
    project: &Project,
    doc: DocId,
    block: usize,
    local: usize,
) -> Vec<PassageId> {
    let Some(b) = layout.blocks.get(block) else {
        return Vec::new();
    };
    let mut hits: Vec<(u16, usize, PassageId)> = highlights
        .spans(project, doc, block, b)
        .iter()
        .filter(|s| s.start <= local && local < s.end)
        .map(|s| (s.lane, s.len_chars, s.id))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|h| h.2).collect()
}

/// Where a boundary handle is drawn and grabbed: a thin bar at the boundary with a knob above
/// (start) or below (end). `None` when that char is not laid out on screen.
pub(super) fn handle_rect(
    layout: &mut DocLayout,
    geo: &Geometry,
    m: &Metrics,
    at: usize,
    edge: Edge,
) -> Option<Rect> {
    let (x, top, bottom) = boundary_position(layout, geo, m, at, edge)?;
    let rect = Rect::from_min_max(pos2(x - 6.0, top - 8.0), pos2(x + 6.0, bottom + 8.0));
    geo.visible.intersects(rect).then_some(rect)
}

/// Screen x and band of a passage boundary: a start sits before its char, an end after the char
/// before it (so an end at a row wrap stays on the earlier row).
pub(super) fn boundary_position(
    layout: &mut DocLayout,
    geo: &Geometry,
    m: &Metrics,
    at: usize,
    edge: Edge,
) -> Option<(f32, f32, f32)> {
    let i = match edge {
        Edge::Start => layout.block_at_char(at),
        Edge::End => layout.block_at_char(at.saturating_sub(1)),
    };
    let top = geo.origin_y + layout.top(i);
    let block = layout.blocks.get(i)?;
    let g = layout.galley(i)?;
    let local = at.checked_sub(block.chars.start)?.min(block.chars.len());
    let row = g.row_of(local, edge == Edge::End);
    let origin = pos2(geo.column_x, top);
    let x = origin.x + g.x_of(row, local);
    let (t, b) = highlight::band(g, row, origin, m);
    Some((x, t, b))
}

pub(super) fn paint_handle(
    painter: &egui::Painter,
    layout: &mut DocLayout,
    geo: &Geometry,
    m: &Metrics,
    at: usize,
    edge: Edge,
    theme: &Theme,
) {
    let Some((x, top, bottom)) = boundary_position(layout, geo, m, at, edge) else {
        return;
    };
    let color = theme.selected_passage;
    painter.line_segment(
        [pos2(x, top - 2.0), pos2(x, bottom + 2.0)],
        Stroke::new(2.0, color),
    );
    let knob = match edge {
        Edge::Start => pos2(x, top - 4.5),
        Edge::End => pos2(x, bottom + 4.5),
    };
    painter.circle(knob, 4.0, color, Stroke::new(1.5, theme.page));
}
