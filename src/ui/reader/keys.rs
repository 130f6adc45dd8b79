//! The reader's keys: moving the caret and extending the selection (arrows, Home/End, words,
//! rows), moving a selected passage's boundaries, copying, and Escape. Which key does what comes
//! from the one table, [`KEYS`] (through [`reader_act`]), which the help and the command table's
//! clash check read too.

use std::ops::Range;

use egui::Key::{
    A, ArrowDown, ArrowLeft, ArrowRight, ArrowUp, C, End, Escape, Home, P, PageDown, PageUp, S,
};
use egui::{Id, Key, Modifiers, vec2};

use super::text_nav;
use super::{ReaderOutput, ReaderState, Reveal};
use crate::model::{DocId, PassageId, Project, Text};

/// What one of the reader's keys does. Motions move the caret; held Shift extends the
/// selection instead (Shift is in the row's keys, or the row says "Shift extends").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderAct {
    /// A character (a grapheme) left or right.
    Char,
    /// A word left or right.
    Word,
    /// A visual line up or down.
    Line,
    /// The start or end of the visual line.
    LineEdge,
    /// The start or end of the article.
    ArticleEdge,
    /// Scroll a screen up or down.
    Page,
    /// Select the whole article.
    SelectAll,
    /// Grow the selection to whole sentences.
    Sentences,
    /// Grow the selection to whole paragraphs.
    Paragraphs,
    /// Copy the selected text.
    Copy,
    /// Clear the selection; again: leave the reader.
    Escape,
    /// Move the selected passage's start (by a word with Ctrl).
    PassageStart,
    /// Move the selected passage's end (by a word with Ctrl).
    PassageEnd,
}

/// One row of the reader's keys: how the help shows it, what it does, and the key presses that
/// do it — the reader handles exactly these ([`reader_act`]), and no command may use them.
#[derive(Debug, Clone, Copy)]
pub struct ReaderKey {
    /// The keys as the help shows them.
    pub keys: &'static str,
    /// What they do.
    pub what: &'static str,
    /// What the reader does on them.
    pub act: ReaderAct,
    /// The key presses, matched exactly (Ctrl is Cmd on macOS).
    pub on: &'static [egui::KeyboardShortcut],
}

const fn row(
    keys: &'static str,
    what: &'static str,
    act: ReaderAct,
    on: &'static [egui::KeyboardShortcut],
) -> ReaderKey {
    ReaderKey {
        keys,
        what,
        act,
        on,
    }
}

const fn sc(modifiers: egui::Modifiers, key: egui::Key) -> egui::KeyboardShortcut {
    egui::KeyboardShortcut::new(modifiers, key)
}

const NO: egui::Modifiers = egui::Modifiers::NONE;
const SHIFT: egui::Modifiers = egui::Modifiers::SHIFT;
const CMD: egui::Modifiers = egui::Modifiers::COMMAND;
const CMD_SHIFT: egui::Modifiers = egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT);
const ALT: egui::Modifiers = egui::Modifiers::ALT;
const ALT_CMD: egui::Modifiers = egui::Modifiers::ALT.plus(egui::Modifiers::COMMAND);
const ALT_SHIFT: egui::Modifiers = egui::Modifiers::ALT.plus(egui::Modifiers::SHIFT);
const ALT_CMD_SHIFT: egui::Modifiers = ALT_CMD.plus(egui::Modifiers::SHIFT);

/// The reader's keys, what they do, and the key presses that do it: the one table behind the
/// reader's own key handling ([`reader_act`]), the keys dialog (F1), the command palette's hints
/// and the command table's clash check ([`crate::ui::command::reader_keys`]); see the module
/// documentation for the same table.
pub const KEYS: &[ReaderKey] = &[
    row(
        "← / →",
        "Move the caret one character",
        ReaderAct::Char,
        &[sc(NO, ArrowLeft), sc(NO, ArrowRight)],
    ),
    row(
        "Shift+← / →",
        "Extend the selection one character",
        ReaderAct::Char,
        &[sc(SHIFT, ArrowLeft), sc(SHIFT, ArrowRight)],
    ),
    row(
        "Ctrl+← / →",
        "Move the caret one word",
        ReaderAct::Word,
        &[sc(CMD, ArrowLeft), sc(CMD, ArrowRight)],
    ),
    row(
        "Ctrl+Shift+← / →",
        "Extend the selection one word",
        ReaderAct::Word,
        &[sc(CMD_SHIFT, ArrowLeft), sc(CMD_SHIFT, ArrowRight)],
    ),
    row(
        "↑ / ↓",
        "Move the caret one line",
        ReaderAct::Line,
        &[sc(NO, ArrowUp), sc(NO, ArrowDown)],
    ),
    row(
        "Shift+↑ / ↓",
        "Extend the selection one line",
        ReaderAct::Line,
        &[sc(SHIFT, ArrowUp), sc(SHIFT, ArrowDown)],
    ),
    row(
        "Home / End",
        "Start / end of the line (Shift extends)",
        ReaderAct::LineEdge,
        &[sc(NO, Home), sc(NO, End), sc(SHIFT, Home), sc(SHIFT, End)],
    ),
    row(
        "Ctrl+Home / End",
        "Start / end of the article (Shift extends)",
        ReaderAct::ArticleEdge,
        &[
            sc(CMD, Home),
            sc(CMD, End),
            sc(CMD_SHIFT, Home),
            sc(CMD_SHIFT, End),
        ],
    ),
    row(
        "Page Up / Page Down",
        "Scroll a screen",
        ReaderAct::Page,
        &[sc(NO, PageUp), sc(NO, PageDown)],
    ),
    row(
        "Ctrl+A",
        "Select the whole article",
        ReaderAct::SelectAll,
        &[sc(CMD, A)],
    ),
    row(
        "S",
        "Grow the selection to whole sentences (again: the next one)",
        ReaderAct::Sentences,
        &[sc(NO, S)],
    ),
    row(
        "P",
        "Grow the selection to whole paragraphs (again: the next one)",
        ReaderAct::Paragraphs,
        &[sc(NO, P)],
    ),
    row(
        "Ctrl+C",
        "Copy the selected text",
        ReaderAct::Copy,
        &[sc(CMD, C)],
    ),
    row(
        "Escape",
        "Clear the selection (again: leave the reader)",
        ReaderAct::Escape,
        &[sc(NO, Escape)],
    ),
    row(
        "Alt+← / →",
        "Move the selected passage's start (with Ctrl: by a word)",
        ReaderAct::PassageStart,
        &[
            sc(ALT, ArrowLeft),
            sc(ALT, ArrowRight),
            sc(ALT_CMD, ArrowLeft),
            sc(ALT_CMD, ArrowRight),
        ],
    ),
    row(
        "Alt+Shift+← / →",
        "Move the selected passage's end (with Ctrl: by a word)",
        ReaderAct::PassageEnd,
        &[
            sc(ALT_SHIFT, ArrowLeft),
            sc(ALT_SHIFT, ArrowRight),
            sc(ALT_CMD_SHIFT, ArrowLeft),
            sc(ALT_CMD_SHIFT, ArrowRight),
        ],
    ),
];

/// What the reader does on `key` pressed with `modifiers`, from [`KEYS`]; `None`: not its key.
pub fn reader_act(key: egui::Key, modifiers: egui::Modifiers) -> Option<ReaderAct> {
    KEYS.iter()
        .find(|row| {
            row.on
                .iter()
                .any(|s| s.logical_key == key && modifiers.matches_exact(s.modifiers))
        })
        .map(|row| row.act)
}

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
                if reader_act(*key, *modifiers) == Some(ReaderAct::Copy) {
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
    let Some(act) = reader_act(key, mods) else {
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
