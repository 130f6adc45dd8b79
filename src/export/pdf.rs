//! The PDF export: the brief laid out on A4 pages, drawn with `krilla` (PDF writing, font
//! embedding and subsetting, links, the outline) and shaped with `harfrust` (OpenType shaping,
//! which joins Arabic letters and applies kerning), in DejaVu Sans (`assets/fonts/`, see the
//! README there for its origin and licence).
//!
//! Layout: a title page (title, summary); the contents (one line per heading with its page
//! number, each a link to its heading); the sections as in the DOCX brief — each excerpt a quote
//! with a grey rule beside it (one paragraph per line of the passage), its citation (outlet,
//! author, date, title; a link to the article's address when it has an http(s) one), the line of
//! tags, actors and events, and the analyst's note; the tables (event cards) with a repeated
//! header row; the numbered sources with clickable addresses. Every page but the title page
//! carries "page n of N" at the foot; the PDF outline (bookmarks) lists the headings.
//!
//! Text direction: each paragraph takes its base direction from its first strong character (a
//! right-to-left paragraph is set flush right); each line is cut into runs of one direction by the
//! Unicode Bidirectional Algorithm, drawn in visual order, each run shaped in its own direction.
//! Lines break at spaces; a word longer than the line (an address) breaks between characters.
//! Text stays selectable and searchable: every glyph carries the text it came from.
//!
//! Limitations: one typeface (DejaVu Sans and DejaVu Sans Bold; no italics), so scripts outside
//! Latin, Greek, Cyrillic, Hebrew and Arabic (CJK, Devanagari…) draw as empty boxes though their
//! text is still extractable; no hyphenation; a table cell taller than a page is not split.

use std::ops::Range;

use harfrust::{Direction, FontRef, ShapeOptions, ShaperData, UnicodeBuffer};
use krilla::Document;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use unicode_bidi::BidiInfo;
use unicode_segmentation::UnicodeSegmentation;

use super::bidi;
use super::brief::{Brief, Item, Table};

/// DejaVu Sans, subset to Latin, Greek, Cyrillic, Hebrew and Arabic (see `assets/fonts/README.md`).
pub const REGULAR_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, the same subset.
pub const BOLD_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Why the PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded font could not be read (it is part of the program; reported, not hidden).
    #[error("the embedded font could not be read")]
    Font,
    /// The PDF writer refused the document.
    #[error("could not write the PDF: {0}")]
    Write(String),
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TOP: f32 = 62.0;
const BOTTOM: f32 = PAGE_H - 64.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
const QUOTE_INDENT: f32 = 16.0;

const BLACK: (u8, u8, u8) = (0x1b, 0x1b, 0x1b);
const GREY: (u8, u8, u8) = (0x59, 0x59, 0x59);
const RULE: (u8, u8, u8) = (0xb0, 0xb0, 0xb0);
const LINK: (u8, u8, u8) = (0x05, 0x5a, 0xb3);

/// Which of the two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

/// A font ready for shaping and drawing.
struct Shaping<'f> {
    font_ref: FontRef<'f>,
    data: ShaperData,
    font: Font,
    upem: f32,
}

impl<'f> Shaping<'f> {
    fn new(bytes: &'static [u8]) -> Result<Shaping<'static>, PdfError> {
        let font_ref = FontRef::new(bytes).map_err(|_| PdfError::Font)?;
        let data = ShaperData::new(&font_ref);
        let font = Font::new(bytes.into(), 0).ok_or(PdfError::Font)?;
        let upem = font.units_per_em();
        Ok(Shaping {
            font_ref,
            data,
            font,
            upem,
        })
    }

    /// Shapes `text` in one direction; glyph text ranges are byte ranges of `text`, advances in
    /// ems.
    fn shape(&self, text: &str, rtl: bool) -> Vec<KrillaGlyph> {
        let shaper = self.data.shaper(&self.font_ref).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let out = shaper.shape(buffer, ShapeOptions::new());
        let infos = out.glyph_infos();
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        infos
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let end = starts
                    .iter()
                    .find(|s| **s > start)
                    .copied()
                    .unwrap_or(text.len());
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / self.upem,
                    pos.x_offset as f32 / self.upem,
                    pos.y_offset as f32 / self.upem,
                    pos.y_advance as f32 / self.upem,
                    start..end,
                    None,
                )
            })
            .collect()
    }

    /// The width of `text` at `size`, shaped left to right or right to left.
    fn width(&self, text: &str, rtl: bool, size: f32) -> f32 {
        self.shape(text, rtl)
            .iter()
            .map(|g| g.x_advance)
            .sum::<f32>()
            * size
    }
}

/// What a piece of text looks like.
#[derive(Debug, Clone, Copy)]
struct Style {
    face: Face,
    size: f32,
    colour: (u8, u8, u8),
    /// Line height as a multiple of the size.
    leading: f32,
}

impl Style {
    const fn new(face: Face, size: f32, colour: (u8, u8, u8)) -> Self {
        Self {
            face,
            size,
            colour,
            leading: 1.35,
        }
    }
}

const TITLE: Style = Style::new(Face::Bold, 24.0, BLACK);
const SUMMARY: Style = Style::new(Face::Regular, 11.0, GREY);
const H1: Style = Style::new(Face::Bold, 16.0, BLACK);
const H2: Style = Style::new(Face::Bold, 12.5, BLACK);
const ABOUT: Style = Style::new(Face::Regular, 9.0, GREY);
const QUOTE: Style = Style::new(Face::Regular, 10.5, BLACK);
const CITE: Style = Style::new(Face::Regular, 8.5, GREY);
const CITE_LINK: Style = Style::new(Face::Regular, 8.5, LINK);
const LINKS: Style = Style::new(Face::Regular, 8.0, GREY);
const NOTE: Style = Style::new(Face::Regular, 9.0, BLACK);
const CELL: Style = Style::new(Face::Regular, 7.5, BLACK);
const CELL_HEAD: Style = Style::new(Face::Bold, 7.5, BLACK);
const BODY: Style = Style::new(Face::Regular, 10.0, BLACK);
const FOOT: Style = Style::new(Face::Regular, 8.0, GREY);

/// Where a link goes.
#[derive(Debug, Clone)]
enum Goal {
    Uri(String),
    Heading(usize),
}

/// One thing drawn on a page, positioned (y grows downwards, from the top of the page).
enum Op {
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        text: String,
        rtl: bool,
    },
    Bar {
        rect: (f32, f32, f32, f32),
        colour: (u8, u8, u8),
    },
    Link {
        rect: (f32, f32, f32, f32),
        goal: Goal,
    },
    /// The page number of a heading, right-aligned at `right` (filled in when drawing).
    PageOf {
        heading: usize,
        right: f32,
        baseline: f32,
    },
}

/// A heading laid out: for the contents and the outline.
struct Placed {
    level: u8,
    text: String,
    page: usize,
    y: f32,
}

/// Lays out a brief into pages of operations.
struct Layout<'f> {
    regular: &'f Shaping<'f>,
    bold: &'f Shaping<'f>,
    pages: Vec<Vec<Op>>,
    y: f32,
    headings: Vec<Placed>,
}

/// One laid-out line: its byte range in the paragraph and its width.
struct Line {
    range: Range<usize>,
    width: f32,
}

impl<'f> Layout<'f> {
    fn shaping(&self, face: Face) -> &'f Shaping<'f> {
        match face {
            Face::Regular => self.regular,
            Face::Bold => self.bold,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` fits below the current position.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    /// Breaks a paragraph into lines no wider than `width`.
    fn lines(&self, text: &str, style: Style, width: f32) -> Vec<Line> {
        let shaping = self.shaping(style.face);
        let rtl = bidi::is_rtl(text);
        let mut lines = Vec::new();
        let mut start = 0;
        let mut line_width = 0.0;
        let mut end = 0;
        for (at, word) in text.split_word_bound_indices() {
            let word_width = shaping.width(word, rtl, style.size);
            let blank = word.trim().is_empty();
            if line_width + word_width > width && !blank && end > start {
                lines.push(Line {
                    range: start..end,
                    width: line_width,
                });
                start = at;
                line_width = 0.0;
            }
            if word_width > width && !blank {
                // A word wider than the line: break it between grapheme clusters.
                for (g_at, g) in word.grapheme_indices(true) {
                    let g_width = shaping.width(g, rtl, style.size);
                    if line_width + g_width > width && at + g_at > start {
                        lines.push(Line {
                            range: start..at + g_at,
                            width: line_width,
                        });
                        start = at + g_at;
                        line_width = 0.0;
                    }
                    line_width += g_width;
                }
                end = at + word.len();
                continue;
            }
            if blank && start == at {
                // No line starts with a space.
                start = at + word.len();
                end = start;
                continue;
            }
            line_width += word_width;
            end = at + word.len();
        }
        if end > start {
            lines.push(Line {
                range: start..end,
                width: line_width,
            });
        }
        for line in &mut lines {
            let trimmed = text[line.range.clone()].trim_end();
            if trimmed.len() < line.range.len() {
                line.range.end = line.range.start + trimmed.len();
                line.width = shaping.width(&text[line.range.clone()], rtl, style.size);
            }
        }
        lines
    }

    /// The height a paragraph takes.
    fn height(&self, text: &str, style: Style, width: f32) -> f32 {
        self.lines(text, style, width).len() as f32 * style.size * style.leading
    }

    /// Sets a paragraph at `x`, `width` wide, from the current position; returns the rectangles
    /// of its lines (for links).
    fn paragraph(
        &mut self,
        text: &str,
        style: Style,
        x: f32,
        width: f32,
    ) -> Vec<(f32, f32, f32, f32)> {
        let text = text.trim();
        let lines = self.lines(text, style, width);
        let rtl = bidi::is_rtl(text);
        let info = BidiInfo::new(text, None);
        let step = style.size * style.leading;
        let mut rects = Vec::new();
        for line in lines {
            self.ensure(step);
            let baseline = self.y + style.size;
            let left = if rtl { x + width - line.width } else { x };
            let mut pen = left;
            for run in bidi::visual_runs(&info, line.range.clone()) {
                let part = &text[run.range.clone()];
                let w = self.shaping(style.face).width(part, run.rtl, style.size);
                self.ops().push(Op::Text {
                    x: pen,
                    baseline,
                    style,
                    text: part.to_owned(),
                    rtl: run.rtl,
                });
                pen += w;
            }
            rects.push((left, self.y, line.width, step));
            self.y += step;
        }
        rects
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let style = if level == 1 { H1 } else { H2 };
        let before = if level == 1 { 18.0 } else { 12.0 };
        // Keep the heading with a few lines of what follows.
        self.ensure(before + self.height(text, style, WIDTH) + 60.0);
        if self.y > TOP {
            self.gap(before);
        }
        self.headings.push(Placed {
            level,
            text: text.to_owned(),
            page: self.pages.len().saturating_sub(1),
            y: self.y,
        });
        self.paragraph(text, style, MARGIN, WIDTH);
        self.gap(4.0);
    }

    fn title_page(&mut self, brief: &Brief) {
        self.new_page();
        self.y = 250.0;
        self.paragraph(&brief.title, TITLE, MARGIN, WIDTH);
        self.gap(12.0);
        self.paragraph(&brief.summary, SUMMARY, MARGIN, WIDTH);
        for paragraph in &brief.description {
            self.gap(8.0);
            self.paragraph(paragraph, BODY, MARGIN, WIDTH);
        }
    }

    /// The contents: one line per heading to come, page numbers filled in when drawing.
    fn contents(&mut self, entries: &[(u8, String)]) {
        self.new_page();
        self.paragraph("Contents", H1, MARGIN, WIDTH);
        self.gap(8.0);
        for (n, (level, text)) in entries.iter().enumerate() {
            let indent = if *level == 1 { 0.0 } else { 14.0 };
            let style = if *level == 1 {
                Style::new(Face::Bold, 10.0, BLACK)
            } else {
                BODY
            };
            let top = self.y;
            let rects = self.paragraph(text, style, MARGIN + indent, WIDTH - indent - 40.0);
            let Some(last) = rects.last() else {
                continue;
            };
            let baseline = last.1 + style.size;
            self.ops().push(Op::PageOf {
                heading: n,
                right: MARGIN + WIDTH,
                baseline,
            });
            let page_top = if self.y < top { TOP } else { top };
            let height = self.y - page_top;
            self.ops().push(Op::Link {
                rect: (MARGIN, page_top, WIDTH, height),
                goal: Goal::Heading(n),
            });
            self.gap(2.0);
        }
    }

    fn item(&mut self, item: &Item) {
        let quote_width = WIDTH - QUOTE_INDENT;
        let quote_height: f32 = item
            .paragraphs
            .iter()
            .map(|p| self.height(p, QUOTE, quote_width) + 3.0)
            .sum();
        // Keep short excerpts whole; let long ones run over.
        self.ensure((quote_height + 30.0).min(160.0));
        for line in &item.paragraphs {
            let top = self.y;
            let start_page = self.pages.len();
            let rtl = bidi::is_rtl(line);
            let x = if rtl { MARGIN } else { MARGIN + QUOTE_INDENT };
            self.paragraph(line, QUOTE, x, quote_width);
            let top = if self.pages.len() == start_page {
                top
            } else {
                TOP
            };
            let bar_x = if rtl {
                MARGIN + WIDTH - 3.0
            } else {
                MARGIN + 2.0
            };
            let height = self.y - top;
            self.ops().push(Op::Bar {
                rect: (bar_x, top, 2.0, height),
                colour: RULE,
            });
            self.gap(3.0);
        }
        let cite = format!("— {}", item.citation.text());
        self.paragraph(&cite, CITE, MARGIN + QUOTE_INDENT, quote_width);
        if let Some(url) = &item.citation.url {
            let rects = self.paragraph(url, CITE_LINK, MARGIN + QUOTE_INDENT, quote_width);
            self.links(rects, url);
        }
        if !item.links.is_empty() {
            self.gap(2.0);
            self.paragraph(&item.links, LINKS, MARGIN + QUOTE_INDENT, quote_width);
        }
        if !item.note.is_empty() {
            self.gap(2.0);
            for line in item.note.lines().filter(|l| !l.trim().is_empty()) {
                self.paragraph(
                    &format!("Note: {line}"),
                    NOTE,
                    MARGIN + QUOTE_INDENT,
                    quote_width,
                );
            }
        }
        self.gap(12.0);
    }

    /// Link annotations over the rectangles of a paragraph just set (on the current page).
    fn links(&mut self, rects: Vec<(f32, f32, f32, f32)>, url: &str) {
        for rect in rects {
            self.ops().push(Op::Link {
                rect,
                goal: Goal::Uri(url.to_owned()),
            });
        }
    }

    fn table(&mut self, table: &Table) {
        self.heading(1, &table.title);
        self.paragraph(&table.caption, ABOUT, MARGIN, WIDTH);
        self.gap(4.0);
        let columns = table.header.len().max(1);
        // Columns share the width in proportion to their longest text (within bounds).
        let mut wants: Vec<f32> = (0..columns)
            .map(|c| {
                std::iter::once(&table.header)
                    .chain(&table.rows)
                    .filter_map(|r| r.get(c))
                    .map(|t| t.chars().count() as f32)
                    .fold(4.0, f32::max)
                    .min(60.0)
            })
            .collect();
        let total: f32 = wants.iter().sum();
        for w in &mut wants {
            *w = *w / total * WIDTH;
        }
        let pad = 3.0;
        // No column narrower than its longest word: widen those, narrow the others to match.
        let mins: Vec<f32> = (0..columns)
            .map(|c| {
                let words = |row: &Vec<String>, style: Style| -> f32 {
                    row.get(c).map_or(0.0, |cell| {
                        cell.split_whitespace()
                            .map(|w| {
                                self.shaping(style.face)
                                    .width(w, bidi::is_rtl(w), style.size)
                            })
                            .fold(0.0, f32::max)
                    })
                };
                table
                    .rows
                    .iter()
                    .map(|r| words(r, CELL))
                    .fold(words(&table.header, CELL_HEAD), f32::max)
                    .min(WIDTH / columns as f32)
                    + 2.0 * pad
                    + 1.0
            })
            .collect();
        let short: f32 = wants.iter().zip(&mins).map(|(w, m)| (m - w).max(0.0)).sum();
        let spare: f32 = wants.iter().zip(&mins).map(|(w, m)| (w - m).max(0.0)).sum();
        if short > 0.0 && spare > 0.0 {
            let keep = ((spare - short) / spare).max(0.0);
            for (w, m) in wants.iter_mut().zip(&mins) {
                *w = if *w < *m { *m } else { m + (*w - m) * keep };
            }
        }
        let row_height = |layout: &Self, row: &[String], style: Style| -> f32 {
            row.iter()
                .zip(&wants)
                .map(|(cell, w)| layout.height(cell, style, w - 2.0 * pad))
                .fold(style.size * style.leading, f32::max)
                + 2.0 * pad
        };
        let header_height = row_height(self, &table.header, CELL_HEAD);
        self.ensure(header_height * 2.0);
        self.table_row(&table.header, &wants, CELL_HEAD, header_height);
        for row in &table.rows {
            let height = row_height(self, row, CELL);
            if self.y + height > BOTTOM {
                self.new_page();
                self.table_row(&table.header, &wants, CELL_HEAD, header_height);
            }
            self.table_row(row, &wants, CELL, height);
        }
        self.gap(10.0);
    }

    fn table_row(&mut self, row: &[String], widths: &[f32], style: Style, height: f32) {
        let top = self.y;
        let pad = 3.0;
        let mut x = MARGIN;
        for (cell, w) in row.iter().zip(widths) {
            self.y = top + pad;
            self.paragraph(cell, style, x + pad, w - 2.0 * pad);
            x += w;
        }
        // Grid lines: top, bottom, and a line left of each cell and at the right end.
        let line = 0.5;
        self.ops().push(Op::Bar {
            rect: (MARGIN, top, WIDTH, line),
            colour: RULE,
        });
        self.ops().push(Op::Bar {
            rect: (MARGIN, top + height, WIDTH, line),
            colour: RULE,
        });
        let mut x = MARGIN;
        for w in widths.iter().chain(std::iter::once(&0.0)) {
            self.ops().push(Op::Bar {
                rect: (x, top, line, height),
                colour: RULE,
            });
            x += w;
        }
        self.y = top + height;
    }

    fn sources(&mut self, brief: &Brief) {
        self.heading(1, "Sources");
        for (n, source) in brief.sources.iter().enumerate() {
            self.ensure(30.0);
            self.paragraph(
                &format!("{}. {}", n + 1, source.text()),
                BODY,
                MARGIN,
                WIDTH,
            );
            if let Some(url) = &source.url {
                let rects = self.paragraph(url, CITE_LINK, MARGIN + 14.0, WIDTH - 14.0);
                self.links(rects, url);
            }
            self.gap(4.0);
        }
    }
}

/// The headings of a brief in order, as the contents lists them: (level, text).
fn heading_list(brief: &Brief) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    if !brief.sections.is_empty() {
        out.push((1, "Excerpts".to_owned()));
    }
    for s in &brief.sections {
        out.push((2, s.heading.clone()));
    }
    for t in &brief.tables {
        out.push((1, t.title.clone()));
    }
    if !brief.sources.is_empty() {
        out.push((1, "Sources".to_owned()));
    }
    out
}

/// The PDF bytes of a brief.
pub(crate) fn to_pdf(brief: &Brief) -> Result<Vec<u8>, PdfError> {
    let regular = Shaping::new(REGULAR_FONT)?;
    let bold = Shaping::new(BOLD_FONT)?;
    let mut layout = Layout {
        regular: &regular,
        bold: &bold,
        pages: Vec::new(),
        y: TOP,
        headings: Vec::new(),
    };
    layout.title_page(brief);
    let entries = heading_list(brief);
    layout.contents(&entries);
    layout.new_page();
    let mut first = true;
    if !brief.sections.is_empty() {
        layout.heading(1, "Excerpts");
    }
    for section in &brief.sections {
        if !first {
            layout.gap(6.0);
        }
        first = false;
        layout.heading(2, &section.heading);
        if let Some(about) = &section.about {
            layout.paragraph(about, ABOUT, MARGIN, WIDTH);
            layout.gap(6.0);
        }
        for item in &section.items {
            layout.item(item);
        }
    }
    for table in &brief.tables {
        layout.table(table);
    }
    if !brief.sources.is_empty() {
        layout.sources(brief);
    }
    draw(brief, &layout)
}

/// Draws the laid-out pages.
fn draw(brief: &Brief, layout: &Layout<'_>) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    let total = layout.pages.len();
    let size = Size::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError::Write("page size".into()))?;
    for (index, ops) in layout.pages.iter().enumerate() {
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut annotations = Vec::new();
        {
            let mut surface = page.surface();
            let text_op = |surface: &mut krilla::surface::Surface<'_>,
                           x: f32,
                           baseline: f32,
                           style: Style,
                           text: &str,
                           rtl: bool| {
                let shaping = layout.shaping(style.face);
                let glyphs = shaping.shape(text, rtl);
                let (r, g, b) = style.colour;
                surface.set_fill(Some(Fill {
                    paint: rgb::Color::new(r, g, b).into(),
                    ..Fill::default()
                }));
                surface.draw_glyphs(
                    Point::from_xy(x, baseline),
                    &glyphs,
                    shaping.font.clone(),
                    text,
                    style.size,
                    false,
                );
            };
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        baseline,
                        style,
                        text,
                        rtl,
                    } => text_op(&mut surface, *x, *baseline, *style, text, *rtl),
                    Op::Bar { rect, colour } => {
                        let (r, g, b) = *colour;
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(r, g, b).into(),
                            ..Fill::default()
                        }));
                        if let Some(rect) = Rect::from_xywh(rect.0, rect.1, rect.2, rect.3) {
                            let mut path = PathBuilder::new();
                            path.push_rect(rect);
                            if let Some(path) = path.finish() {
                                surface.draw_path(&path);
                            }
                        }
                    }
                    Op::Link { rect, goal } => {
                        let Some(r) =
                            Rect::from_xywh(rect.0, rect.1, rect.2.max(1.0), rect.3.max(1.0))
                        else {
                            continue;
                        };
                        let target = match goal {
                            Goal::Uri(url) => {
                                Target::Action(Action::Link(LinkAction::new(url.clone())))
                            }
                            Goal::Heading(n) => match layout.headings.get(*n) {
                                Some(h) => Target::Destination(Destination::Xyz(
                                    XyzDestination::new(h.page, Point::from_xy(0.0, h.y)),
                                )),
                                None => continue,
                            },
                        };
                        annotations
                            .push(Annotation::new_link(LinkAnnotation::new(r, target), None));
                    }
                    Op::PageOf {
                        heading,
                        right,
                        baseline,
                    } => {
                        let Some(h) = layout.headings.get(*heading) else {
                            continue;
                        };
                        let number = (h.page + 1).to_string();
                        let w = layout.regular.width(&number, false, BODY.size);
                        text_op(&mut surface, right - w, *baseline, BODY, &number, false);
                    }
                }
            }
            if index > 0 {
                let foot = format!("page {} of {total}", index + 1);
                let w = layout.regular.width(&foot, false, FOOT.size);
                text_op(
                    &mut surface,
                    (PAGE_W - w) / 2.0,
                    PAGE_H - 34.0,
                    FOOT,
                    &foot,
                    false,
                );
            }
            surface.finish();
        }
        for annotation in annotations {
            page.add_annotation(annotation);
        }
        page.finish();
    }
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for h in &layout.headings {
        let node = OutlineNode::new(
            h.text.clone(),
            XyzDestination::new(h.page, Point::from_xy(0.0, h.y)),
        );
        if h.level == 1 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node.with_open(true));
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(brief.title.clone())
            .creator("Dossier".to_owned()),
    );
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}
