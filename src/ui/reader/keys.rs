//! The reader's keys: moving the caret and extending the selection (arrows, Home/End, words,
//! rows), moving a selected passage's boundaries, copying, and Escape. Which key does what comes
//! from the one table, [`super::KEYS`] (through [`super::reader_act`]); this file only does it.

use std::ops::Range;

use egui::{Id, Key, Modifiers, vec2};

use super::text_nav;
use super::{ReaderAct, ReaderOutput, ReaderState, Reveal};
use crate::model::{DocId, PassageId, Project, Text};

/// Keys while the reader has focus; handled key events are consumed.
pub(super) fn keyboard_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut ReaderState,
    selected_passage: Option<PassageId>,
    reader_id: Id,
    out: &mut ReaderOutput,
) {
    let events = ui.input(|i| i.events.clone());
    let mut consumed = Vec::new();
    let mut copied = false;
    for event in events {
        let handled = match &event {
            egui::Event::Copy => {
                if !copied {
                    copy_selection(ui, state);
                    copied = true;
                }
                true
            }
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => {
                if super::reader_act(*key, *modifiers) == Some(ReaderAct::Copy) {
                    if !copied {
                        copy_selection(ui, state);
                        copied = true;
                    }
                    true
                } else {
                    key_press(
                        ui,
                        project,
                        state,
                        selected_passage,
                        reader_id,
                        *key,
                        *modifiers,
                        out,
                    )
                }
            }
            _ => false,
        };
        if handled {
            consumed.push(event);
        }
    }
    if !consumed.is_empty() {
        ui.input_mut(|i| {
            i.events.retain(|e| !consumed.contains(e));
            // Key-up events of consumed keys are harmless; pressed-key queries must not fire twice.
        });
    }
}

/// One key press; returns whether the reader used it.
#[allow(clippy::too_many_arguments)]
pub(super) fn key_press(
    ui: &egui::Ui,
    project: &Project,
    state: &mut ReaderState,
    selected_passage: Option<PassageId>,
    reader_id: Id,
    key: Key,
    mods: Modifiers,
    out: &mut ReaderOutput,
) -> bool {
    let Some(layout) = state.layout.as_mut() else {
        return false;
    };
    let text = layout.text.clone();
    let len = text.len_chars();
    let before = (state.anchor, state.head);
    let mut vertical = false;
    let Some(act) = super::reader_act(key, mods) else {
        return false;
    };
    let forward = matches!(
        key,
        Key::ArrowRight | Key::ArrowDown | Key::End | Key::PageDown
    );
    let target: usize = match act {
        ReaderAct::PassageStart | ReaderAct::PassageEnd => {
            let doc = layout.doc;
            if let Some(adjust) = adjust_passage(project, doc, &text, selected_passage, key, mods) {
                out.adjust = Some(adjust);
            }
            return true;
        }
        ReaderAct::Word if forward => text_nav::next_word_end(&text, state.head),
        ReaderAct::Word => text_nav::prev_word_start(&text, state.head),
        // A plain arrow collapses a selection to its edge first.
        ReaderAct::Char if !mods.shift && state.anchor != state.head => {
            if forward {
                state.anchor.max(state.head)
            } else {
                state.anchor.min(state.head)
            }
        }
        ReaderAct::Char if forward => text_nav::next_grapheme(&text, state.head),
        ReaderAct::Char => text_nav::prev_grapheme(&text, state.head),
        ReaderAct::Line => {
            vertical = true;
            vertical_move(state, ui.painter(), forward)
        }
        ReaderAct::ArticleEdge => {
            if forward {
                len
            } else {
                0
            }
        }
        ReaderAct::LineEdge => row_edge(state, ui.painter(), forward),
        ReaderAct::Page => {
            let page = (state.viewport_height * 0.9).max(40.0);
            let sign = if forward { 1.0 } else { -1.0 };
            let base = state.pending_offset.unwrap_or(state.offset);
            state.pending_offset = Some((base + sign * page).max(0.0));
            return true;
        }
        ReaderAct::SelectAll => {
            state.anchor = 0;
            state.head = len;
            out.selection_changed = before != (state.anchor, state.head);
            return true;
        }
        ReaderAct::Sentences | ReaderAct::Paragraphs => {
            let sel = state.selection_range();
            let grown = if act == ReaderAct::Sentences {
                text_nav::grow_to_sentences(&text, sel)
            } else {
                text_nav::grow_to_paragraphs(&text, sel)
            };
            state.anchor = grown.start;
            state.head = grown.end;
            state.head_prefers_prev_row = true;
            state.preferred_x = None;
            out.selection_changed = before != (state.anchor, state.head);
            state.reveal = Some(Reveal {
                char_offset: state.head,
                jump: false,
            });
            return true;
        }
        ReaderAct::Copy => {
            copy_selection(ui, state);
            return true;
        }
        ReaderAct::Escape => {
            if state.anchor != state.head {
                state.anchor = state.head;
                out.selection_changed = true;
            } else {
                ui.memory_mut(|m| m.surrender_focus(reader_id));
            }
            return true;
        }
    };
    if !vertical {
        state.preferred_x = None;
    }
    if !matches!(key, Key::End) {
        state.head_prefers_prev_row = false;
    }
    state.head = target.min(len);
    if !mods.shift {
        state.anchor = state.head;
    }
    if before != (state.anchor, state.head) {
        out.selection_changed = true;
    }
    state.reveal = Some(Reveal {
        char_offset: state.head,
        jump: false,
    });
    true
}

pub(super) fn copy_selection(ui: &egui::Ui, state: &ReaderState) {
    let Some(range) = state.selection() else {
        return;
    };
    let Some(layout) = &state.layout else {
        return;
    };
    if let Some(text) = layout.text.slice(range) {
        ui.ctx().copy_text(text.to_owned());
    }
}

/// The caret one visual row up or down, into the neighbouring block at the edges.
pub(super) fn vertical_move(state: &mut ReaderState, painter: &egui::Painter, down: bool) -> usize {
    let Some(layout) = state.layout.as_mut() else {
        return state.head;
    };
    let head = state.head;
    let i = layout.block_at_char(head);
    layout.ensure(i, painter);
    let Some(block) = layout.blocks.get(i).cloned() else {
        return head;
    };
    let local = head - block.chars.start.min(head);
    let (row, x) = match layout.galley(i) {
        Some(g) => {
            let row = g.row_of(local, state.head_prefers_prev_row);
            (Some((row, g.galley.rows.len())), g.x_of(row, local))
        }
        None => (None, 0.0),
    };
    let x = *state.preferred_x.get_or_insert(x);
    // Within the block.
    if let (Some((row, rows)), Some(g)) = (row, layout.galley(i)) {
        let next = if down {
            (row + 1 < rows).then_some(row + 1)
        } else {
            row.checked_sub(1)
        };
        if let Some(next) = next
            && let Some(placed) = g.galley.rows.get(next)
        {
            let y = placed.rect().center().y;
            let c = g.galley.cursor_from_pos(vec2(x, y));
            state.head_prefers_prev_row = !c.prefer_next_row;
            return block.chars.start + c.index.0;
        }
    }
    // Into the neighbouring block.
    let j = if down {
        i + 1
    } else {
        match i.checked_sub(1) {
            Some(j) => j,
            None => return 0,
        }
    };
    let Some(next_block) = layout.blocks.get(j).cloned() else {
        return layout.text.len_chars();
    };
    if next_block.is_empty() {
        return next_block.chars.start;
    }
    layout.ensure(j, painter);
    let Some(g) = layout.galley(j) else {
        return next_block.chars.start;
    };
    let row = if down {
        0
    } else {
        g.galley.rows.len().saturating_sub(1)
    };
    let y = g.galley.rows.get(row).map_or(0.0, |r| r.rect().center().y);
    let c = g.galley.cursor_from_pos(vec2(x, y));
    state.head_prefers_prev_row = !c.prefer_next_row;
    next_block.chars.start + c.index.0
}

/// The start or end of the caret's visual row.
pub(super) fn row_edge(state: &mut ReaderState, painter: &egui::Painter, end: bool) -> usize {
    let Some(layout) = state.layout.as_mut() else {
        return state.head;
    };
    let head = state.head;
    let i = layout.block_at_char(head);
    layout.ensure(i, painter);
    let Some(block) = layout.blocks.get(i) else {
        return head;
    };
    let Some(g) = layout.galley(i) else {
        return block.chars.start;
    };
    let local = head - block.chars.start.min(head);
    let row = g.row_of(local, state.head_prefers_prev_row);
    let start = g.row_starts.get(row).copied().unwrap_or(0);
    let count = g.galley.rows.get(row).map_or(0, |r| r.glyphs.len());
    if end {
        // At a wrap, stay on this row: the caret sits after its last char.
        state.head_prefers_prev_row = row + 1 < g.galley.rows.len();
        block.chars.start + start + count
    } else {
        state.head_prefers_prev_row = false;
        block.chars.start + start
    }
}

/// Alt+arrows: the selected passage with one boundary moved a character (Ctrl: a word). `None`
/// when there is no selected passage in this text or the span would become empty.
pub(super) fn adjust_passage(
    project: &Project,
    doc: DocId,
    text: &Text,
    selected_passage: Option<PassageId>,
    key: Key,
    mods: Modifiers,
) -> Option<(PassageId, Range<usize>)> {
    let p = project
        .passage(selected_passage?)
        .filter(|p| p.doc == doc)?;
    let word = mods.command || mods.ctrl;
    let step = |at: usize| -> usize {
        match (key == Key::ArrowRight, word) {
            (true, true) => text_nav::next_word_end(text, at),
            (true, false) => text_nav::next_grapheme(text, at),
            (false, true) => text_nav::prev_word_start(text, at),
            (false, false) => text_nav::prev_grapheme(text, at),
        }
    };
    let span = if mods.shift {
        p.start..step(p.end)
    } else {
        step(p.start)..p.end
    };
    (span.start < span.end && span.end <= text.len_chars() && span != (p.start..p.end))
        .then_some((p.id, span))
}
