//! The reader's geometry: an article cut into blocks (its paragraphs, with overlong ones cut
//! further), an estimated or measured height per block with prefix sums, and a cache of laid-out
//! galleys, so a frame lays out only the blocks it shows.
//!
//! Galleys hold plain text only (colour `PLACEHOLDER`, filled in when painted); highlights are
//! painted from the galley's glyph positions. So a galley depends on (block, font, wrap width,
//! pixels per point) and never on passages: tagging a passage lays out nothing again.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, FontId, Galley, Painter, Vec2, epaint::text::CharIndex};

use crate::model::{DocId, Text};

/// Lines longer than this many chars are cut into several blocks (at a space when there is one),
/// so one enormous paragraph never has to be laid out in one piece.
pub const MAX_BLOCK_CHARS: usize = 6_000;

/// Cached galleys are trimmed back when they hold more chars than this.
const GALLEY_CACHE_CHARS: usize = 400_000;

/// The sizes that decide how text is laid out and spaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// The body font.
    pub font: FontId,
    /// Height of one text row.
    pub line_height: f32,
    /// Height of the font itself (the band that highlights fill).
    pub font_height: f32,
    /// Width text wraps at.
    pub wrap_width: f32,
    /// Physical pixels per point (galleys are pixel-aligned).
    pub pixels_per_point: f32,
    /// Space after a paragraph.
    pub paragraph_gap: f32,
    /// Height of an empty line.
    pub blank_height: f32,
}

impl Metrics {
    /// Whether galleys laid out under `self` are still right under `other`.
    fn same_layout(&self, other: &Self) -> bool {
        self.font == other.font
            && self.line_height == other.line_height
            && self.wrap_width == other.wrap_width
            && self.pixels_per_point == other.pixels_per_point
    }
}

/// A piece of the article laid out as one galley: a paragraph, or part of an overlong one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its chars in the document (no `\n`).
    pub chars: Range<usize>,
    /// The same in bytes.
    pub bytes: Range<usize>,
    /// Whether a `\n` (or the end of the text) follows, i.e. the paragraph ends here.
    pub ends_line: bool,
}

impl Block {
    /// Whether the block has no text (an empty line).
    pub fn is_empty(&self) -> bool {
        self.chars.start == self.chars.end
    }
}

/// Cuts a text into blocks: one per line, overlong lines cut after a space near
/// [`MAX_BLOCK_CHARS`].
pub fn split_blocks(text: &Text) -> Vec<Block> {
    let s = text.as_str();
    let mut blocks = Vec::new();
    let mut byte = 0usize;
    let mut chars = 0usize;
    for line in s.split('\n') {
        let mut rest = line;
        loop {
            let (piece, piece_chars) = cut_piece(rest);
            let last = piece.len() == rest.len();
            blocks.push(Block {
                chars: chars..chars + piece_chars,
                bytes: byte..byte + piece.len(),
                ends_line: last,
            });
            byte += piece.len();
            chars += piece_chars;
            rest = &rest[piece.len()..];
            if last {
                break;
            }
        }
        // The '\n' after the line (absent after the last line; the counts stop mattering then).
        byte += 1;
        chars += 1;
    }
    blocks
}

/// The first block-sized piece of a line and its length in chars.
fn cut_piece(line: &str) -> (&str, usize) {
    let mut count = 0usize;
    let mut last_space_end: Option<(usize, usize)> = None;
    for (i, c) in line.char_indices() {
        if count == MAX_BLOCK_CHARS {
            // Cut after the last space in the second half of the piece, else right here.
            return match last_space_end {
                Some((b, n)) if n > MAX_BLOCK_CHARS / 2 => (&line[..b], n),
                _ => (&line[..i], count),
            };
        }
        count += 1;
        if c.is_whitespace() {
            last_space_end = Some((i + c.len_utf8(), count));
        }
    }
    (line, count)
}

/// A laid-out block and where its rows start.
pub struct CachedGalley {
    /// The laid-out text.
    pub galley: Arc<Galley>,
    /// Block-local char index where each row starts (one entry per row).
    pub row_starts: Vec<usize>,
    last_used: u64,
}

impl CachedGalley {
    fn new(galley: Arc<Galley>, frame: u64) -> Self {
        let mut row_starts = Vec::with_capacity(galley.rows.len());
        let mut at = 0usize;
        for row in &galley.rows {
            row_starts.push(at);
            at += row.char_count_including_newline().0;
        }
        Self {
            galley,
            row_starts,
            last_used: frame,
        }
    }

    /// Number of chars in the block.
    pub fn len_chars(&self) -> usize {
        self.galley.end().index.0
    }

    /// The row holding block-local char `local`; at a wrap, the later row unless
    /// `prefer_prev_row`.
    pub fn row_of(&self, local: usize, prefer_prev_row: bool) -> usize {
        let cursor = CCursor {
            index: CharIndex(local),
            prefer_next_row: !prefer_prev_row,
        };
        self.galley.layout_from_cursor(cursor).row
    }

    /// Galley-relative x of the boundary before block-local char `local` on row `row`.
    pub fn x_of(&self, row: usize, local: usize) -> f32 {
        let Some(placed) = self.galley.rows.get(row) else {
            return 0.0;
        };
        let start = self.row_starts.get(row).copied().unwrap_or(0);
        placed.pos.x + placed.x_offset(CharIndex(local.saturating_sub(start)))
    }

    /// For a block-local char range, each row it touches with the x range it covers there
    /// (galley-relative).
    pub fn row_spans(&self, range: Range<usize>) -> impl Iterator<Item = (usize, f32, f32)> + '_ {
        self.galley
            .rows
            .iter()
            .enumerate()
            .filter_map(move |(r, placed)| {
                let row_start = *self.row_starts.get(r)?;
                let row_end = row_start + placed.glyphs.len();
                let a = range.start.max(row_start);
                let b = range.end.min(row_end);
                (a < b).then(|| (r, self.x_of(r, a), self.x_of(r, b)))
            })
    }

    /// The char whose glyph is under a galley-relative point, if any.
    pub fn char_at(&self, pos: Vec2) -> Option<usize> {
        for (r, placed) in self.galley.rows.iter().enumerate() {
            let rect = placed.rect();
            if pos.y < rect.top() || pos.y > rect.bottom() {
                continue;
            }
            let x = pos.x - placed.pos.x;
            let col = placed
                .glyphs
                .iter()
                .position(|g| x >= g.pos.x && x < g.max_x())?;
            return Some(self.row_starts.get(r)? + col);
        }
        None
    }
}

/// An article's blocks with their heights and galleys.
pub struct DocLayout {
    /// The document.
    pub doc: DocId,
    /// Its text (shared with the project).
    pub text: Text,
    /// Its blocks in order.
    pub blocks: Vec<Block>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is the y of block `i`; one extra entry holds the total height.
    tops: Vec<f32>,
    tops_dirty: bool,
    metrics: Option<Metrics>,
    chars_per_row: f32,
    sample_chars: usize,
    sample_rows: usize,
    sample_at_estimate: usize,
    galleys: HashMap<usize, CachedGalley>,
    cached_chars: usize,
    frame: u64,
}

impl DocLayout {
    /// Cuts a document into blocks; heights are estimated once metrics are known.
    pub fn new(doc: DocId, text: Text) -> Self {
        let blocks = split_blocks(&text);
        let n = blocks.len();
        Self {
            doc,
            text,
            blocks,
            heights: vec![0.0; n],
            measured: vec![false; n],
            tops: vec![0.0; n + 1],
            tops_dirty: true,
            metrics: None,
            chars_per_row: 80.0,
            sample_chars: 0,
            sample_rows: 0,
            sample_at_estimate: 0,
            galleys: HashMap::new(),
            cached_chars: 0,
            frame: 0,
        }
    }

    /// The metrics in force.
    pub fn metrics(&self) -> Option<&Metrics> {
        self.metrics.as_ref()
    }

    /// Starts a frame under these metrics: a change of font, width or scale drops the galleys and
    /// goes back to estimated heights.
    pub fn begin_frame(&mut self, metrics: Metrics) {
        self.frame += 1;
        let relayout = self
            .metrics
            .as_ref()
            .is_none_or(|old| !old.same_layout(&metrics));
        let respace = self.metrics.as_ref() != Some(&metrics);
        if relayout {
            self.galleys.clear();
            self.cached_chars = 0;
            self.measured.iter_mut().for_each(|m| *m = false);
            // A first guess from the font size; replaced by measurements as blocks are laid out.
            self.chars_per_row = (metrics.wrap_width / (metrics.font.size * 0.48)).max(8.0);
            self.sample_chars = 0;
            self.sample_rows = 0;
            self.sample_at_estimate = 0;
        }
        self.metrics = Some(metrics);
        if respace {
            self.estimate_all();
        }
        if self.cached_chars > GALLEY_CACHE_CHARS {
            self.evict();
        }
    }

    fn evict(&mut self) {
        let mut by_age: Vec<(u64, usize)> = self
            .galleys
            .iter()
            .map(|(i, g)| (g.last_used, *i))
            .collect();
        by_age.sort_unstable();
        for (used, i) in by_age {
            if self.cached_chars <= GALLEY_CACHE_CHARS / 2 || used + 1 >= self.frame {
                break;
            }
            if let Some(g) = self.galleys.remove(&i) {
                self.cached_chars = self.cached_chars.saturating_sub(g.len_chars());
            }
        }
    }

    fn estimate(&self, i: usize) -> f32 {
        let (Some(m), Some(block)) = (&self.metrics, self.blocks.get(i)) else {
            return 0.0;
        };
        if block.is_empty() {
            return m.blank_height;
        }
        let n = block.chars.len() as f32;
        let rows = (n / self.chars_per_row).ceil().max(1.0);
        let gap = if block.ends_line {
            m.paragraph_gap
        } else {
            0.0
        };
        rows * m.line_height + gap
    }

    fn estimate_all(&mut self) {
        for i in 0..self.blocks.len() {
            let measured = self.measured.get(i).copied().unwrap_or(false);
            if !measured || self.blocks[i].is_empty() {
                let h = self.estimate(i);
                self.heights[i] = h;
                self.measured[i] = self.blocks[i].is_empty();
            } else if let (Some(g), Some(m)) = (self.galleys.get(&i), &self.metrics) {
                let gap = if self.blocks[i].ends_line {
                    m.paragraph_gap
                } else {
                    0.0
                };
                self.heights[i] = g.galley.size().y + gap;
            }
        }
        self.tops_dirty = true;
    }

    fn rebuild_tops(&mut self) {
        if !self.tops_dirty {
            return;
        }
        let mut y = 0.0;
        for (i, h) in self.heights.iter().enumerate() {
            self.tops[i] = y;
            y += h;
        }
        if let Some(last) = self.tops.last_mut() {
            *last = y;
        }
        self.tops_dirty = false;
    }

    /// The y of the top of block `i` (the total height for `i == blocks.len()`).
    pub fn top(&mut self, i: usize) -> f32 {
        self.rebuild_tops();
        self.tops.get(i).copied().unwrap_or(0.0)
    }

    /// The height of block `i`, measured or estimated.
    pub fn height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    /// The height of the whole article.
    pub fn total_height(&mut self) -> f32 {
        let n = self.blocks.len();
        self.top(n)
    }

    /// The block at height `y` (clamped to the first and last).
    pub fn block_at_y(&mut self, y: f32) -> usize {
        self.rebuild_tops();
        let n = self.blocks.len();
        let after = self.tops[..n].partition_point(|&t| t <= y);
        after.saturating_sub(1).min(n.saturating_sub(1))
    }

    /// The block holding caret position `chars` (at a boundary between two blocks of one line, the
    /// later one).
    pub fn block_at_char(&self, chars: usize) -> usize {
        let after = self.blocks.partition_point(|b| b.chars.start <= chars);
        after.saturating_sub(1)
    }

    /// The galley of block `i` if it is laid out.
    pub fn galley(&self, i: usize) -> Option<&CachedGalley> {
        self.galleys.get(&i)
    }

    /// Lays out block `i` if needed (not for empty blocks) and marks it used this frame. Returns
    /// whether its height changed.
    ///
    /// The first call in a frame goes through egui's galley cache (a hash of the block's text),
    /// which hands back the same galley while it is valid and a new one when egui dropped its
    /// galleys (a full font atlas, new fonts or scale): a galley kept across that would point
    /// into the old atlas and draw nothing.
    pub fn ensure(&mut self, i: usize, painter: &Painter) -> bool {
        let Some(block) = self.blocks.get(i) else {
            return false;
        };
        if block.is_empty() {
            return false;
        }
        if let Some(g) = self.galleys.get(&i)
            && g.last_used == self.frame
        {
            return false;
        }
        let Some(m) = self.metrics.clone() else {
            return false;
        };
        let text = self
            .text
            .as_str()
            .get(block.bytes.clone())
            .unwrap_or_default()
            .to_owned();
        let ends_line = block.ends_line;
        let mut job = LayoutJob::single_section(
            text,
            TextFormat {
                font_id: m.font.clone(),
                line_height: Some(m.line_height),
                color: Color32::PLACEHOLDER,
                ..TextFormat::default()
            },
        );
        job.wrap = TextWrapping::wrap_at_width(m.wrap_width);
        let galley = painter.layout_job(job);
        if let Some(g) = self.galleys.get_mut(&i) {
            g.last_used = self.frame;
            if Arc::ptr_eq(&g.galley, &galley) {
                return false;
            }
        }
        let cached = CachedGalley::new(galley, self.frame);
        // Learn how many chars fit a row from full (non-final) rows.
        let first_time = !self.galleys.contains_key(&i);
        if first_time && cached.galley.rows.len() > 1 {
            let last_start = cached.row_starts.last().copied().unwrap_or(0);
            self.sample_chars += last_start;
            self.sample_rows += cached.galley.rows.len() - 1;
        }
        let gap = if ends_line { m.paragraph_gap } else { 0.0 };
        let height = cached.galley.size().y + gap;
        self.cached_chars += cached.len_chars();
        if let Some(old) = self.galleys.insert(i, cached) {
            self.cached_chars = self.cached_chars.saturating_sub(old.len_chars());
        }
        let changed = (self.heights[i] - height).abs() > 0.01;
        self.heights[i] = height;
        self.measured[i] = true;
        if changed {
            self.tops_dirty = true;
        }
        // Re-estimate unmeasured blocks when the sample has doubled (a few times per width).
        if self.sample_rows >= 8 && self.sample_chars >= 2 * self.sample_at_estimate.max(200) {
            self.chars_per_row = self.sample_chars as f32 / self.sample_rows as f32;
            self.sample_at_estimate = self.sample_chars;
            self.estimate_all();
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_lines_and_cut_long_ones() {
        let t = Text::new("ab\n\nсд\n".to_string());
        let blocks = split_blocks(&t);
        let ranges: Vec<_> = blocks.iter().map(|b| b.chars.clone()).collect();
        assert_eq!(ranges, vec![0..2, 3..3, 4..6, 7..7]);
        assert_eq!(blocks[2].bytes, 4..8, "Cyrillic is two bytes a char");

        let word = "слово ";
        let long = word.repeat(MAX_BLOCK_CHARS / word.chars().count() * 2 + 3);
        let t = Text::new(format!("{long}\nend"));
        let blocks = split_blocks(&t);
        assert!(blocks.len() >= 3, "the long line is cut");
        for pair in blocks.windows(2) {
            let gap = if pair[0].ends_line { 1 } else { 0 };
            assert_eq!(
                pair[0].chars.end + gap,
                pair[1].chars.start,
                "blocks tile the text"
            );
        }
        for b in &blocks {
            assert!(b.chars.len() <= MAX_BLOCK_CHARS);
            let s = t.slice(b.chars.clone()).expect("in bounds");
            assert_eq!(t.as_str().get(b.bytes.clone()), Some(s));
            if !b.ends_line {
                assert!(s.ends_with(' '), "cut after a space");
            }
        }
        assert_eq!(
            blocks.last().map(|b| b.chars.clone()),
            Some(t.len_chars() - 3..t.len_chars())
        );
    }
}
