//! The reader: one article's text with coloured, overlapping passage highlights, its own
//! selection by mouse and keyboard, virtualised so a 2 MB article scrolls as fast as a short one.
//!
//! The shell keeps a [`ReaderState`] per open article and calls [`reader_ui`] every frame; the
//! reader never changes the project, it reports what the user did in a [`ReaderOutput`] (a clicked
//! passage, a changed selection, a passage boundary moved) and the shell turns that into edits.
//!
//! How it works:
//! - The text is cut into blocks (paragraphs; see [`layout`]), each with an estimated height until
//!   it is laid out; prefix sums map a scroll offset to a block. Only blocks in (or near) the
//!   viewport are laid out, inside `ScrollArea::show_viewport`. When measured heights replace
//!   estimates above the viewport, the scroll offset is corrected so the text does not jump.
//! - Galleys hold plain text and are cached per (block, font, wrap width, pixels per point);
//!   highlights, the selection and the caret are painted from the galley's row and glyph positions
//!   (see [`highlight`]). Editing passages lays out nothing again; it only recomputes the spans of
//!   the blocks on screen.
//! - The selection is `(anchor, head)` in document chars, kept here, so it survives clicks on
//!   other widgets. Spans are chars; galleys index chars too (one glyph per char); bytes appear only
//!   where the text is sliced, through the document's char index.
//!
//! # Keys (while the reader has keyboard focus)
//! The same list, for menus and help, is [`KEYS`].
//!
//! | keys | does |
//! |---|---|
//! | ← / → | move the caret one character (a whole emoji or accented letter) |
//! | Shift+← / → | extend the selection one character |
//! | Ctrl+← / → | move the caret one word |
//! | Ctrl+Shift+← / → | extend the selection one word |
//! | ↑ / ↓ | move the caret one line (into the next paragraph at the edges) |
//! | Shift+↑ / ↓ | extend the selection one line |
//! | Home / End | start / end of the line (Shift extends) |
//! | Ctrl+Home / End | start / end of the article (Shift extends) |
//! | Page Up / Page Down | scroll a screen |
//! | Ctrl+A | select the whole article |
//! | S | grow the selection to whole sentences; again: take in the next sentence |
//! | P | grow the selection to whole paragraphs; again: take in the next paragraph |
//! | Ctrl+C | copy the selected text |
//! | Escape | clear the selection; again: leave the reader |
//! | Alt+← / → | move the selected passage's start one character (with Ctrl: one word) |
//! | Alt+Shift+← / → | move the selected passage's end one character (with Ctrl: one word) |
//!
//! Ctrl is Cmd on macOS. The reader consumes the key events it handles, so the shell's shortcuts
//! should be read before [`reader_ui`] runs if they must win.
//!
//! # Mouse
//! Press and drag to select (across paragraphs; the view scrolls when the pointer nears the top or
//! bottom edge); Shift+click extends; double-click selects a word, triple-click a paragraph. A
//! click (without dragging) on a highlight reports the passage. Hovering a highlight shows its
//! tags, actors, events and note. The selected passage shows a handle at each end; dragging one
//! previews the new boundary and reports it on release.

mod highlight;
mod keys;
mod layout;
mod pointer;
mod text_nav;

#[cfg(test)]
mod tests;

use std::ops::Range;

use egui::{
    CursorIcon, EventFilter, FontId, Id, Pos2, Rect, Role, ScrollArea, Sense, Stroke, WidgetInfo,
    pos2, vec2,
};

use self::highlight::Highlights;
use self::keys::keyboard_ui;
pub use self::keys::{KEYS, ReaderAct, ReaderKey, reader_act};
use self::layout::{DocLayout, Metrics};
use self::pointer::{caret_at, char_under, handle_rect, paint_handle, passages_at};
use crate::model::{DocId, Document, PassageId, Project};
use crate::ui::theme::Theme;

/// Default body text size in points.
pub const DEFAULT_FONT_SIZE: f32 = 16.0;

/// Space kept left and right of the text column.
const SIDE_PADDING: f32 = 28.0;
/// Space above the first line and below the last.
const END_PADDING: f32 = 20.0;
/// Distance from the top or bottom edge within which a drag scrolls the view.
const AUTO_SCROLL_EDGE: f32 = 28.0;

/// Which end of a passage a handle moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// A boundary handle being dragged: the passage and the span it would get.
#[derive(Debug, Clone, PartialEq, Eq)]
struct HandleDrag {
    passage: PassageId,
    span: Range<usize>,
}

/// A request to bring a char into view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reveal {
    char_offset: usize,
    /// Place it a third down the view (a jump) rather than just inside the edge (caret moves).
    jump: bool,
}

/// The reader's state for one open document; lives in the app state and survives frames. It holds
/// the selection (anchor and head, in document chars), layout and highlight caches, and pending
/// scroll requests.
pub struct ReaderState {
    doc: Option<DocId>,
    anchor: usize,
    head: usize,
    /// At a wrapped row boundary, draw the caret at the end of the earlier row.
    head_prefers_prev_row: bool,
    /// Galley x kept across consecutive ↑/↓ moves.
    preferred_x: Option<f32>,
    focused: bool,
    focus_requested: bool,
    font_size: f32,
    layout: Option<DocLayout>,
    highlights: Highlights,
    reveal: Option<Reveal>,
    /// The scroll offset as of the end of the last frame.
    offset: f32,
    /// First char of the block at the top of the view, as of the last frame.
    top_char: usize,
    viewport_height: f32,
    /// An offset to impose on the next frame (scroll requests, corrections, auto-scroll).
    pending_offset: Option<f32>,
    mouse_selecting: bool,
    handle_drag: Option<HandleDrag>,
}

impl Default for ReaderState {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for ReaderState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReaderState")
            .field("doc", &self.doc)
            .field("anchor", &self.anchor)
            .field("head", &self.head)
            .field("focused", &self.focused)
            .finish_non_exhaustive()
    }
}

impl ReaderState {
    /// A reader with no document.
    pub fn new() -> Self {
        Self {
            doc: None,
            anchor: 0,
            head: 0,
            head_prefers_prev_row: false,
            preferred_x: None,
            focused: false,
            focus_requested: false,
            font_size: DEFAULT_FONT_SIZE,
            layout: None,
            highlights: Highlights::default(),
            reveal: None,
            offset: 0.0,
            top_char: 0,
            viewport_height: 0.0,
            pending_offset: None,
            mouse_selecting: false,
            handle_drag: None,
        }
    }

    /// Blind coding: the reader shows (and lets the user click) only `analyst`'s passages; `None`
    /// shows every passage.
    pub fn set_only_by(&mut self, analyst: Option<&str>) {
        self.highlights.set_only(analyst);
    }

    /// Shows another document (or none): clears the selection and scrolls to the top. Also call it
    /// with the same document after replacing the project, so cached highlights are dropped.
    pub fn set_document(&mut self, doc: Option<DocId>) {
        self.doc = doc;
        self.anchor = 0;
        self.head = 0;
        self.head_prefers_prev_row = false;
        self.preferred_x = None;
        self.reveal = None;
        self.pending_offset = Some(0.0);
        self.offset = 0.0;
        self.top_char = 0;
        self.mouse_selecting = false;
        self.handle_drag = None;
        self.highlights.invalidate();
        if self.layout.as_ref().map(|l| l.doc) != doc {
            self.layout = None;
        }
    }

    /// The document shown.
    pub fn document(&self) -> Option<DocId> {
        self.doc
    }

    /// The selected chars, start < end; `None` when nothing is selected (a caret only).
    pub fn selection(&self) -> Option<Range<usize>> {
        let range = self.anchor.min(self.head)..self.anchor.max(self.head);
        (range.start < range.end).then_some(range)
    }

    /// Selects a char range (anchor at its start, head at its end). Out-of-range offsets are
    /// clamped to the text on the next frame.
    pub fn set_selection(&mut self, chars: Range<usize>) {
        self.anchor = chars.start;
        self.head = chars.end;
        self.head_prefers_prev_row = false;
        self.preferred_x = None;
    }

    /// Collapses the selection to a caret at its head.
    pub fn clear_selection(&mut self) {
        self.anchor = self.head;
    }

    /// The caret (the moving end of the selection), in document chars.
    pub fn caret(&self) -> usize {
        self.head
    }

    /// Puts the caret at a char offset with nothing selected.
    pub fn set_caret(&mut self, char_offset: usize) {
        self.set_selection(char_offset..char_offset);
    }

    /// Brings a char into view on the next frame (placed a third down the view when it is not
    /// already visible).
    pub fn scroll_to(&mut self, char_offset: usize) {
        self.reveal = Some(Reveal {
            char_offset,
            jump: true,
        });
    }

    /// The scroll offset in points as of the last frame (0 at the top).
    pub fn scroll_offset(&self) -> f32 {
        self.offset
    }

    /// The first char of the paragraph at the top of the view, as of the last frame (for
    /// remembering a reading position).
    pub fn top_char(&self) -> usize {
        self.top_char
    }

    /// Whether the reader holds keyboard focus (as of its last frame).
    pub fn has_focus(&self) -> bool {
        self.focused
    }

    /// Gives the reader keyboard focus on the next frame (e.g. after a palette closes).
    pub fn request_focus(&mut self) {
        self.focus_requested = true;
    }

    /// The body text size in points.
    pub fn font_size(&self) -> f32 {
        self.font_size
    }

    fn selection_range(&self) -> Range<usize> {
        ordered(self.anchor, self.head)
    }
}

/// The range between two positions.
fn ordered(a: usize, b: usize) -> Range<usize> {
    a.min(b)..a.max(b)
}

/// What happened in the reader this frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderOutput {
    /// A click (no drag) on a highlight: the innermost passage under the pointer.
    pub clicked_passage: Option<PassageId>,
    /// The innermost passage under the pointer.
    pub hovered_passage: Option<PassageId>,
    /// The selection (or caret) changed.
    pub selection_changed: bool,
    /// The user moved a boundary of the selected passage (a handle drag, on release, or
    /// Alt+arrows): the passage and its new char span. The shell applies
    /// `Edit::SetPassageSpan`.
    pub adjust: Option<(PassageId, Range<usize>)>,
}

/// The reader widget's id: the shell can give it keyboard focus with
/// `ctx.memory_mut(|m| m.request_focus(reader_id()))` (or [`ReaderState::request_focus`]).
///
/// Limitations: one id for all readers, so only one reader can be shown per frame.
pub fn reader_id() -> Id {
    Id::unique("dossier_reader")
}

/// Body font, line height and column width for the available width.
fn metrics_for(ui: &egui::Ui, available_width: f32, font_size: f32) -> Metrics {
    let font = FontId::proportional(font_size);
    let font_height = ui.ctx().fonts_mut(|f| f.row_height(&font));
    // Room above and below the text for nested highlights and the link underlines.
    let line_height = (font_height * 1.6).max(font_height + 11.0).round();
    // About 70 characters a line: comfortable to read.
    let column = font_size * 36.0;
    let wrap_width = (available_width - 2.0 * SIDE_PADDING)
        .min(column)
        .max(120.0);
    Metrics {
        font,
        line_height,
        font_height,
        wrap_width: wrap_width.round(),
        pixels_per_point: ui.ctx().pixels_per_point(),
        paragraph_gap: (line_height * 0.5).round(),
        blank_height: (line_height * 0.35).round(),
    }
}

/// Where content is on screen this frame.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    /// Screen y of content y = 0 (already shifted by this frame's correction).
    origin_y: f32,
    /// Screen x of the text column.
    column_x: f32,
    /// The visible part of the reader, on screen.
    visible: Rect,
}

/// Shows the reader for `state`'s document and reports what the user did. `selected_passage` is
/// outlined and gets boundary handles when it belongs to this document.
pub fn reader_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut ReaderState,
    selected_passage: Option<PassageId>,
    theme: &Theme,
) -> ReaderOutput {
    let mut out = ReaderOutput::default();
    let reader_id = reader_id();
    let Some(doc_id) = state.doc else {
        placeholder_ui(ui, theme, "No article open.");
        state.focused = false;
        return out;
    };
    let Some(doc) = project.document(doc_id) else {
        placeholder_ui(ui, theme, "This article is no longer in the project.");
        state.focused = false;
        return out;
    };

    sync_caches(state, project, doc);
    let len = doc.text.len_chars();
    state.anchor = state.anchor.min(len);
    state.head = state.head.min(len);

    let metrics = metrics_for(ui, ui.available_width(), state.font_size);
    let Some(layout) = state.layout.as_mut() else {
        return out;
    };
    layout.begin_frame(metrics);

    if state.focus_requested {
        state.focus_requested = false;
        ui.memory_mut(|m| m.request_focus(reader_id));
    }
    if ui.memory(|m| m.has_focus(reader_id)) {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                reader_id,
                EventFilter {
                    tab: false,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            );
        });
        keyboard_ui(ui, project, state, selected_passage, reader_id, &mut out);
    }
    resolve_reveal(ui, state);

    let mut area = ScrollArea::vertical()
        .id_salt(reader_id.with("scroll"))
        .auto_shrink([false, false])
        .content_margin(egui::Margin::ZERO)
        .scroll_source(egui::scroll_area::ScrollSource {
            drag: egui::scroll_area::DragScroll::Never,
            ..Default::default()
        });
    if let Some(offset) = state.pending_offset.take() {
        area = area.vertical_scroll_offset(offset.max(0.0));
    }
    let scrolled = area.show_viewport(ui, |ui, viewport| {
        body_ui(
            ui,
            viewport,
            project,
            doc,
            state,
            selected_passage,
            theme,
            reader_id,
            &mut out,
        )
    });
    state.offset = scrolled.state.unclamped_offset().y;
    state.viewport_height = scrolled.inner_rect.height();
    let shift = scrolled.inner;
    if shift != 0.0 {
        let base = state.pending_offset.unwrap_or(state.offset);
        state.pending_offset = Some(base + shift);
        ui.ctx().request_repaint();
    }
    state.focused = ui.memory(|m| m.has_focus(reader_id));
    out
}

fn placeholder_ui(ui: &mut egui::Ui, theme: &Theme, text: &str) {
    ui.centered_and_justified(|ui| {
        ui.label(egui::RichText::new(text).color(theme.weak_text));
    });
}

/// Rebuilds the layout for a new document (or text) and brings the highlights up to date.
fn sync_caches(state: &mut ReaderState, project: &Project, doc: &Document) {
    let same = state
        .layout
        .as_ref()
        .is_some_and(|l| l.doc == doc.id && l.text == doc.text);
    if same {
        if let Some(layout) = state.layout.as_mut() {
            // Share the project's copy so the next comparison is a pointer check.
            layout.text = doc.text.clone();
        }
    } else {
        state.layout = Some(DocLayout::new(doc.id, doc.text.clone()));
        state.highlights.invalidate();
    }
    state.highlights.sync(project, doc.id);
}

/// Turns a pending reveal into a scroll offset for this frame.
fn resolve_reveal(ui: &egui::Ui, state: &mut ReaderState) {
    let Some(reveal) = state.reveal.take() else {
        return;
    };
    let Some(layout) = state.layout.as_mut() else {
        return;
    };
    let i = layout.block_at_char(reveal.char_offset);
    layout.ensure(i, ui.painter());
    let block_top = END_PADDING + layout.top(i);
    let (row_top, row_bottom) = match (layout.galley(i), layout.blocks.get(i)) {
        (Some(g), Some(block)) => {
            let local = reveal.char_offset.saturating_sub(block.chars.start);
            let row = g.row_of(local, state.head_prefers_prev_row);
            let rect = g
                .galley
                .rows
                .get(row)
                .map_or(Rect::ZERO, |placed| placed.rect());
            (block_top + rect.top(), block_top + rect.bottom())
        }
        _ => (block_top, block_top + layout.height(i)),
    };
    let view_height = if state.viewport_height > 0.0 {
        state.viewport_height
    } else {
        ui.available_height()
    };
    let view_top = state.pending_offset.unwrap_or(state.offset);
    let margin = (view_height * 0.1).min(60.0);
    let visible = row_top >= view_top + margin && row_bottom <= view_top + view_height - margin;
    if visible {
        return;
    }
    let target = if reveal.jump {
        row_top - view_height / 3.0
    } else if row_top < view_top + margin {
        row_top - margin
    } else {
        row_bottom - view_height + margin
    };
    state.pending_offset = Some(target.max(0.0));
}

/// The scroll area's contents: lays out the visible blocks, handles the mouse, paints. Returns the
/// offset correction to apply next frame.
#[allow(clippy::too_many_arguments)]
fn body_ui(
    ui: &mut egui::Ui,
    viewport: Rect,
    project: &Project,
    doc: &Document,
    state: &mut ReaderState,
    selected_passage: Option<PassageId>,
    theme: &Theme,
    reader_id: Id,
    out: &mut ReaderOutput,
) -> f32 {
    let Some(layout) = state.layout.as_mut() else {
        return 0.0;
    };
    let Some(metrics) = layout.metrics().cloned() else {
        return 0.0;
    };
    let painter = ui.painter().clone();

    // Lay out what is visible (plus a little above and more below), keeping the block at the top
    // of the view where it was when heights above it change.
    let content_view = viewport.translate(vec2(0.0, -END_PADDING));
    let anchor = layout.block_at_y(content_view.min.y);
    let anchor_top = layout.top(anchor);
    let above = viewport.height() * 0.25;
    let below = viewport.height() * 0.75;
    let mut visible = 0..0;
    for _ in 0..4 {
        let correction = layout.top(anchor) - anchor_top;
        let view = content_view.translate(vec2(0.0, correction));
        let first = layout.block_at_y(view.min.y - above);
        let last = layout.block_at_y(view.max.y + below);
        let mut changed = false;
        for i in first..=last {
            changed |= layout.ensure(i, &painter);
        }
        visible = first..last + 1;
        if !changed {
            break;
        }
    }
    let correction = layout.top(anchor) - anchor_top;
    state.top_char = layout.blocks.get(anchor).map_or(0, |b| b.chars.start);

    let content_rect = ui.max_rect();
    let total = layout.total_height() + 2.0 * END_PADDING;
    ui.set_min_size(vec2(content_rect.width(), total));
    let geo = Geometry {
        origin_y: content_rect.top() + END_PADDING - correction,
        column_x: (content_rect.left()
            + ((content_rect.width() - metrics.wrap_width) / 2.0).max(SIDE_PADDING))
        .round(),
        visible: ui.clip_rect(),
    };
    painter.rect_filled(geo.visible, 0, theme.page);

    let response = ui.interact(geo.visible, reader_id, Sense::click_and_drag());
    response.widget_info(|| WidgetInfo::labeled(Role::Document, true, "Reader"));

    // Boundary handles of the selected passage (on top of the reader, so they get the pointer).
    let selected = selected_passage
        .and_then(|id| project.passage(id))
        .filter(|p| p.doc == doc.id);
    let outline_span = selected.map(|p| match &state.handle_drag {
        Some(drag) if drag.passage == p.id => drag.span.clone(),
        _ => p.start..p.end,
    });
    let mut handle_active = false;
    let mut auto_scroll_pointer: Option<Pos2> = None;
    if let (Some(p), Some(span)) = (selected, outline_span.clone()) {
        for edge in [Edge::Start, Edge::End] {
            let at = match edge {
                Edge::Start => span.start,
                Edge::End => span.end,
            };
            let Some(rect) = handle_rect(layout, &geo, &metrics, at, edge) else {
                // Not on screen; a drag in progress keeps going through the pointer.
                continue;
            };
            let handle_id = reader_id.with(("handle", edge == Edge::Start));
            let h = ui.interact(rect, handle_id, Sense::click_and_drag());
            let label = match edge {
                Edge::Start => "Passage start handle",
                Edge::End => "Passage end handle",
            };
            h.widget_info(|| WidgetInfo::labeled(Role::Splitter, true, label));
            if h.hovered() || h.dragged() {
                ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
                handle_active = true;
            }
            if h.drag_started() {
                state.handle_drag = Some(HandleDrag {
                    passage: p.id,
                    span: p.start..p.end,
                });
            }
            if h.dragged()
                && let Some(pointer) = ui.input(|i| i.pointer.interact_pos())
                && let Some(drag) = state.handle_drag.as_mut()
            {
                let (c, _) = caret_at(layout, &geo, pointer);
                let text = &layout.text;
                drag.span = match edge {
                    Edge::Start => {
                        c.min(text_nav::prev_grapheme(text, drag.span.end))..drag.span.end
                    }
                    Edge::End => {
                        drag.span.start..c.max(text_nav::next_grapheme(text, drag.span.start))
                    }
                };
                auto_scroll_pointer = Some(pointer);
            }
            if h.drag_stopped() {
                if let Some(drag) = state.handle_drag.take()
                    && drag.passage == p.id
                    && drag.span != (p.start..p.end)
                    && drag.span.start < drag.span.end
                {
                    out.adjust = Some((p.id, drag.span));
                }
                state.handle_drag = None;
            }
        }
    }
    if state.handle_drag.is_some() && !ui.input(|i| i.pointer.primary_down()) {
        state.handle_drag = None;
    }

    // Mouse selection.
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let shift = ui.input(|i| i.modifiers.shift);
    let before = ordered(state.anchor, state.head);
    let before_head = state.head;
    if !handle_active
        && response.hovered()
        && ui.input(|i| i.pointer.primary_pressed())
        && let Some(press) = ui.input(|i| i.pointer.press_origin()).or(pointer)
    {
        response.request_focus();
        let (c, prev_row) = caret_at(layout, &geo, press);
        state.head = c;
        state.head_prefers_prev_row = prev_row;
        if !shift {
            state.anchor = c;
        }
        state.preferred_x = None;
        state.mouse_selecting = true;
    }
    if state.mouse_selecting {
        if ui.input(|i| i.pointer.primary_down()) {
            if let Some(p) = pointer {
                let (c, prev_row) = caret_at(layout, &geo, p);
                state.head = c;
                state.head_prefers_prev_row = prev_row;
                auto_scroll_pointer = Some(p);
            }
        } else {
            state.mouse_selecting = false;
        }
    }
    // Only real pointer clicks: egui also reports Enter/Space on a focused widget as a click.
    let click_pos = ui
        .input(|i| i.pointer.primary_released())
        .then(|| ui.input(|i| i.pointer.interact_pos()))
        .flatten();
    if (response.double_clicked() || response.triple_clicked())
        && let Some(p) = click_pos
    {
        let at = char_under(layout, &geo, p)
            .and_then(|(i, local)| layout.blocks.get(i).map(|b| b.chars.start + local))
            .unwrap_or_else(|| caret_at(layout, &geo, p).0);
        let range = if response.triple_clicked() {
            text_nav::paragraph_at(&layout.text, at)
        } else {
            text_nav::word_at(&layout.text, at)
        };
        state.anchor = range.start;
        state.head = range.end;
        state.head_prefers_prev_row = true;
        state.mouse_selecting = false;
    }
    let hovered_here = pointer.and_then(|p| char_under(layout, &geo, p));
    if response.clicked()
        && !shift
        && let Some(p) = click_pos
        && let Some((i, local)) = char_under(layout, &geo, p)
    {
        out.clicked_passage = passages_at(&mut state.highlights, layout, project, doc.id, i, local)
            .first()
            .copied();
    }
    if ordered(state.anchor, state.head) != before || state.head != before_head {
        out.selection_changed = true;
    }

    // Auto-scroll while dragging near the edges.
    let mut scroll_shift = 0.0;
    if let Some(p) = auto_scroll_pointer {
        let dt = ui.input(|i| i.stable_dt).clamp(0.001, 0.1);
        let top = geo.visible.top() + AUTO_SCROLL_EDGE;
        let bottom = geo.visible.bottom() - AUTO_SCROLL_EDGE;
        let speed = |d: f32| (d * 12.0).clamp(60.0, 2400.0);
        if p.y < top {
            scroll_shift = -speed(top - p.y) * dt;
        } else if p.y > bottom {
            scroll_shift = speed(p.y - bottom) * dt;
        }
    }

    // Hover: innermost passage and tooltip, only when the reader itself is under the pointer (a
    // dialog or popup above it keeps its card away).
    if !state.mouse_selecting
        && state.handle_drag.is_none()
        && response.hovered()
        && let Some((i, local)) = hovered_here
    {
        let here = passages_at(&mut state.highlights, layout, project, doc.id, i, local);
        out.hovered_passage = here.first().copied();
        if !here.is_empty() {
            response.clone().on_hover_ui_at_pointer(|ui| {
                highlight::tooltip_ui(ui, project, &here, theme);
            });
        }
    }
    if response.hovered() && !handle_active {
        ui.ctx().set_cursor_icon(CursorIcon::Text);
    }

    // Paint the visible blocks.
    let selection = ordered(state.anchor, state.head);
    let caret = state.focused.then_some(state.head);
    for i in visible {
        let top = geo.origin_y + layout.top(i);
        let Some(block) = layout.blocks.get(i).cloned() else {
            continue;
        };
        if top > geo.visible.bottom() || top + layout.height(i) < geo.visible.top() {
            continue;
        }
        if block.is_empty() {
            let x = geo.column_x;
            let h = metrics.blank_height;
            if selection.start <= block.chars.start && block.chars.start < selection.end {
                let rect = Rect::from_min_size(pos2(x, top), vec2(6.0, h));
                painter.rect_filled(rect, 0, theme.selection);
            }
            if caret == Some(block.chars.start) {
                painter.line_segment(
                    [pos2(x, top), pos2(x, top + h)],
                    Stroke::new(2.0, theme.text),
                );
            }
            continue;
        }
        let Some(g) = layout.galley(i) else {
            continue;
        };
        let origin = pos2(geo.column_x, top);
        let spans = state.highlights.spans(project, doc.id, i, &block);
        highlight::paint_backgrounds(&painter, origin, g, spans, &metrics, theme);

        // Selection, from the galley's rows.
        let local_sel = selection
            .start
            .max(block.chars.start)
            .saturating_sub(block.chars.start)
            ..selection
                .end
                .min(block.chars.end)
                .saturating_sub(block.chars.start);
        if local_sel.start < local_sel.end {
            for (row, x0, x1) in g.row_spans(local_sel.clone()) {
                let Some(placed) = g.galley.rows.get(row) else {
                    continue;
                };
                let r = placed.rect();
                let rect = Rect::from_min_max(
                    pos2(origin.x + x0, origin.y + r.top()),
                    pos2(origin.x + x1, origin.y + r.bottom()),
                );
                painter.rect_filled(rect, 0, theme.selection);
            }
        }
        if block.ends_line && selection.start <= block.chars.end && selection.end > block.chars.end
        {
            // The newline at the end of the paragraph is selected too.
            let last = g.galley.rows.len().saturating_sub(1);
            if let Some(placed) = g.galley.rows.get(last) {
                let r = placed.rect();
                let x = origin.x + g.x_of(last, block.chars.len());
                let rect = Rect::from_min_max(
                    pos2(x, origin.y + r.top()),
                    pos2(x + 6.0, origin.y + r.bottom()),
                );
                painter.rect_filled(rect, 0, theme.selection);
            }
        }

        painter.galley(origin, g.galley.clone(), theme.text);
        highlight::paint_links(&painter, origin, g, spans, &metrics, theme);

        if let Some(span) = &outline_span
            && span.start < block.chars.end
            && span.end > block.chars.start
        {
            let local = span.start.max(block.chars.start) - block.chars.start
                ..span.end.min(block.chars.end) - block.chars.start;
            highlight::paint_outline(
                &painter,
                origin,
                g,
                local,
                span.start >= block.chars.start,
                span.end <= block.chars.end,
                &metrics,
                theme.selected_passage,
            );
        }

        if let Some(c) = caret
            && block.chars.start <= c
            && c <= block.chars.end
            && layout.block_at_char(c) == i
        {
            let local = c - block.chars.start;
            let row = g.row_of(local, state.head_prefers_prev_row);
            let x = origin.x + g.x_of(row, local);
            let (t, b) = highlight::band(g, row, origin, &metrics);
            painter.line_segment([pos2(x, t), pos2(x, b)], Stroke::new(2.0, theme.text));
        }

        // One accessibility node per visible paragraph, labelled with its text.
        let para_rect = Rect::from_min_size(origin, g.galley.size());
        let para = ui.interact(para_rect, reader_id.with(("block", i)), Sense::hover());
        let text = layout
            .text
            .as_str()
            .get(block.bytes.clone())
            .unwrap_or_default();
        para.widget_info(|| WidgetInfo::labeled(Role::Paragraph, true, text));
    }

    // Handles on top of everything.
    if let Some(span) = &outline_span {
        for edge in [Edge::Start, Edge::End] {
            let at = match edge {
                Edge::Start => span.start,
                Edge::End => span.end,
            };
            paint_handle(&painter, layout, &geo, &metrics, at, edge, theme);
        }
    }

    if scroll_shift != 0.0 {
        ui.ctx().request_repaint();
    }
    correction + scroll_shift
}
