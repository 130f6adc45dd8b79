//! Passages drawn as highlights: which passages touch a block (cached per project revision), a
//! lane per passage so overlapping ones nest visibly, and the painting of backgrounds, tag
//! stripes, link underlines and the selected passage's outline from galley row geometry; plus the
//! hover tooltip.
//!
//! How a passage looks:
//! - its background is its tag's highlight colour; with several tags, horizontal stripes, one per
//!   tag; untagged passages are grey;
//! - where passages overlap, each later one gets a deeper lane and is drawn inset (shorter) on top
//!   of the earlier one, so the outer colour stays visible above and below it; ends are rounded,
//!   so two touching passages show a notch;
//! - a solid underline in the actor colour marks actor links, a dashed one in the event colour
//!   marks event links (both below the text, never in a tag colour);
//! - the selected passage is outlined.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use egui::{Color32, CornerRadius, Pos2, Rect, Stroke, StrokeKind, pos2};

use super::layout::{Block, CachedGalley, Metrics};
use crate::model::{DocId, PassageId, Project, Rgb};
use crate::ui::theme::Theme;

/// One passage's part in one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The passage.
    pub id: PassageId,
    /// Block-local first char.
    pub start: usize,
    /// Block-local end (exclusive).
    pub end: usize,
    /// Whether the passage starts in this block (else it comes from an earlier one).
    pub starts_here: bool,
    /// Whether the passage ends in this block.
    pub ends_here: bool,
    /// Nesting lane: 0 for outermost.
    pub lane: u16,
    /// Its tags' colours, in tag order.
    pub colors: Vec<Rgb>,
    /// Whether it links actors.
    pub actors: bool,
    /// Whether it links events.
    pub events: bool,
    /// Its length in chars (to prefer the innermost passage on hover).
    pub len_chars: usize,
}

/// What the cached highlights were computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    doc: DocId,
    revision: u64,
    passages: usize,
    tags: usize,
    actors: usize,
    events: usize,
}

/// Hashes an id by its number: ids are already random, so SipHash would only cost time.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Lanes by passage.
type LaneMap = HashMap<PassageId, u16, BuildHasherDefault<IdHasher>>;

/// The highlight cache of one document.
#[derive(Default)]
pub struct Highlights {
    key: Option<Key>,
    /// Blind coding: only this analyst's passages are drawn (and can be clicked).
    only: Option<String>,
    lanes: LaneMap,
    blocks: HashMap<usize, Vec<Span>>,
}

impl Highlights {
    /// Blind coding: draw only `analyst`'s passages ([`crate::model::Passage::shown_to`]), or
    /// every passage with `None`.
    pub fn set_only(&mut self, analyst: Option<&str>) {
        if self.only.as_deref() != analyst {
            self.only = analyst.map(str::to_owned);
            self.invalidate();
        }
    }

    /// Drops everything (a new document or project).
    pub fn invalidate(&mut self) {
        self.key = None;
        self.lanes.clear();
        self.blocks.clear();
    }

    /// Brings the cache up to date with the project: when anything changed (the revision, or
    /// counts that differ between two projects), lanes are recomputed and block spans dropped, to
    /// be rebuilt for the blocks that are shown.
    pub fn sync(&mut self, project: &Project, doc: DocId) {
        let key = Key {
            doc,
            revision: project.revision(),
            passages: project.passage_count(doc),
            tags: project.tags().len(),
            actors: project.actors().len(),
            events: project.events().len(),
        };
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        self.blocks.clear();
        self.lanes = assign_lanes(project, doc, self.only.as_deref());
    }

    /// The spans of block `i`, innermost lanes last (painting order).
    pub fn spans(&mut self, project: &Project, doc: DocId, i: usize, block: &Block) -> &[Span] {
        let lanes = &self.lanes;
        let only = self.only.as_deref();
        self.blocks.entry(i).or_insert_with(|| {
            if block.is_empty() {
                return Vec::new();
            }
            let b = &block.chars;
            let mut spans: Vec<Span> = project
                .passages_overlapping(doc, b.clone())
                .filter(|p| only.is_none_or(|a| p.is_by(a)))
                .map(|p| Span {
                    id: p.id,
                    start: p.start.max(b.start) - b.start,
                    end: p.end.min(b.end) - b.start,
                    starts_here: p.start >= b.start,
                    ends_here: p.end <= b.end,
                    lane: lanes.get(&p.id).copied().unwrap_or(0),
                    colors: p
                        .tags
                        .iter()
                        .filter_map(|t| project.tag(*t))
                        .map(|t| t.color)
                        .collect(),
                    actors: !p.actors.is_empty(),
                    events: !p.events.is_empty(),
                    len_chars: p.len_chars(),
                })
                .filter(|s| s.start < s.end)
                .collect();
            spans.sort_by_key(|s| (s.lane, s.start));
            spans
        })
    }
}

/// Interval colouring: passages by start (longer first), each takes the lowest lane free at its
/// start. Overlapping passages never share a lane.
fn assign_lanes(project: &Project, doc: DocId, only: Option<&str>) -> LaneMap {
    let shown = |p: &crate::model::Passage| only.is_none_or(|a| p.is_by(a));
    // Walking the whole passage map in order is much faster than looking each passage up, unless
    // this document holds only a small part of the project's passages.
    let mut passages: Vec<(usize, usize, PassageId)> =
        if project.passages().len() <= 4 * project.passage_count(doc) {
            project
                .passages()
                .values()
                .filter(|p| p.doc == doc && shown(p))
                .map(|p| (p.start, p.end, p.id))
                .collect()
        } else {
            project
                .passages_in(doc)
                .filter(|p| shown(p))
                .map(|p| (p.start, p.end, p.id))
                .collect()
        };
    passages.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut lanes = LaneMap::with_capacity_and_hasher(passages.len(), Default::default());
    let mut active: BinaryHeap<Reverse<(usize, u16)>> = BinaryHeap::new();
    let mut free: BinaryHeap<Reverse<u16>> = BinaryHeap::new();
    let mut next_lane: u16 = 0;
    for (start, end, id) in passages {
        while let Some(Reverse((active_end, lane))) = active.peek().copied() {
            if active_end > start {
                break;
            }
            active.pop();
            free.push(Reverse(lane));
        }
        let lane = match free.pop() {
            Some(Reverse(lane)) => lane,
            None => {
                let lane = next_lane;
                next_lane = next_lane.saturating_add(1);
                lane
            }
        };
        active.push(Reverse((end, lane)));
        lanes.insert(id, lane);
    }
    lanes
}

/// The vertical band a row's text occupies (screen y range), centred in the row.
pub fn band(g: &CachedGalley, row: usize, origin: Pos2, m: &Metrics) -> (f32, f32) {
    let Some(placed) = g.galley.rows.get(row) else {
        return (origin.y, origin.y);
    };
    let rect = placed.rect();
    let center = origin.y + (rect.top() + rect.bottom()) / 2.0;
    let half = m.font_height / 2.0 + 1.0;
    (center - half, center + half)
}

/// How far a lane is drawn inset from the band, top and bottom.
fn lane_inset(lane: u16, band_height: f32) -> f32 {
    let step = (band_height * 0.13).clamp(2.0, 3.5);
    f32::from(lane.min(3)) * step
}

/// Paints the backgrounds of a block's spans (outer lanes first).
pub fn paint_backgrounds(
    painter: &egui::Painter,
    origin: Pos2,
    g: &CachedGalley,
    spans: &[Span],
    m: &Metrics,
    theme: &Theme,
) {
    for span in spans {
        let fills: Vec<Color32> = if span.colors.is_empty() {
            vec![theme.blended_highlight(&[])]
        } else {
            span.colors.iter().map(|c| theme.highlight(*c)).collect()
        };
        let rows: Vec<(usize, f32, f32)> = g.row_spans(span.start..span.end).collect();
        let last_row = rows.last().map(|r| r.0);
        let first_row = rows.first().map(|r| r.0);
        for (row, x0, x1) in rows {
            let (top, bottom) = band(g, row, origin, m);
            let inset = lane_inset(span.lane, bottom - top);
            let (top, bottom) = (top + inset, bottom - inset);
            let opens = span.starts_here && Some(row) == first_row;
            let closes = span.ends_here && Some(row) == last_row;
            let x0 = origin.x + x0 + if opens { 0.5 } else { 0.0 };
            let x1 = origin.x + x1 - if closes { 0.5 } else { 0.0 };
            let radius = |on: bool| if on { 3 } else { 0 };
            let corners = CornerRadius {
                nw: radius(opens),
                sw: radius(opens),
                ne: radius(closes),
                se: radius(closes),
            };
            let stripe = (bottom - top) / fills.len() as f32;
            for (k, fill) in fills.iter().enumerate() {
                let y0 = top + stripe * k as f32;
                let rect = Rect::from_min_max(pos2(x0, y0), pos2(x1, y0 + stripe));
                let corners = if fills.len() == 1 {
                    corners
                } else if k == 0 {
                    CornerRadius {
                        sw: 0,
                        se: 0,
                        ..corners
                    }
                } else if k + 1 == fills.len() {
                    CornerRadius {
                        nw: 0,
                        ne: 0,
                        ..corners
                    }
                } else {
                    CornerRadius::ZERO
                };
                painter.rect_filled(rect, corners, *fill);
            }
        }
    }
}

/// Paints the actor (solid) and event (dashed) underlines of a block's spans, below the text.
pub fn paint_links(
    painter: &egui::Painter,
    origin: Pos2,
    g: &CachedGalley,
    spans: &[Span],
    m: &Metrics,
    theme: &Theme,
) {
    for span in spans.iter().filter(|s| s.actors || s.events) {
        for (row, x0, x1) in g.row_spans(span.start..span.end) {
            let (_, bottom) = band(g, row, origin, m);
            let (x0, x1) = (origin.x + x0 + 1.0, origin.x + x1 - 1.0);
            if x1 <= x0 {
                continue;
            }
            if span.actors {
                let y = bottom + 1.5;
                painter.line_segment(
                    [pos2(x0, y), pos2(x1, y)],
                    Stroke::new(2.0, theme.actor_link),
                );
            }
            if span.events {
                let y = bottom + 4.5;
                let mut x = x0;
                while x < x1 {
                    let end = (x + 5.0).min(x1);
                    painter.line_segment(
                        [pos2(x, y), pos2(end, y)],
                        Stroke::new(2.0, theme.event_link),
                    );
                    x += 8.0;
                }
            }
        }
    }
}

/// Outlines a block-local char range (the selected passage, or its preview while a handle is
/// dragged). `opens`/`closes`: whether the range starts/ends in this block.
#[allow(clippy::too_many_arguments)]
pub fn paint_outline(
    painter: &egui::Painter,
    origin: Pos2,
    g: &CachedGalley,
    range: Range<usize>,
    opens: bool,
    closes: bool,
    m: &Metrics,
    color: Color32,
) {
    let rows: Vec<(usize, f32, f32)> = g.row_spans(range).collect();
    let first_row = rows.first().map(|r| r.0);
    let last_row = rows.last().map(|r| r.0);
    for (row, x0, x1) in rows {
        let (top, bottom) = band(g, row, origin, m);
        let rect = Rect::from_min_max(
            pos2(origin.x + x0 - 1.5, top - 1.5),
            pos2(origin.x + x1 + 1.5, bottom + 1.5),
        );
        let radius = |on: bool| if on { 4 } else { 0 };
        let first = opens && Some(row) == first_row;
        let last = closes && Some(row) == last_row;
        let corners = CornerRadius {
            nw: radius(first),
            sw: radius(first),
            ne: radius(last),
            se: radius(last),
        };
        painter.rect_stroke(rect, corners, Stroke::new(2.0, color), StrokeKind::Middle);
    }
}

/// A short sample of a link underline (solid for actors, dashed for events), as a legend.
fn link_swatch_ui(ui: &mut egui::Ui, color: Color32, dashed: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(16.0, 10.0), egui::Sense::hover());
    let y = rect.center().y + 2.0;
    let stroke = Stroke::new(2.0, color);
    if dashed {
        for x in [rect.left(), rect.left() + 9.0] {
            ui.painter()
                .line_segment([pos2(x, y), pos2(x + 5.0, y)], stroke);
        }
    } else {
        ui.painter()
            .line_segment([pos2(rect.left(), y), pos2(rect.right(), y)], stroke);
    }
}

/// The tooltip for hovered passages: for each (innermost first) its tags, actors with roles,
/// events with roles and note.
pub fn tooltip_ui(ui: &mut egui::Ui, project: &Project, passages: &[PassageId], theme: &Theme) {
    ui.set_max_width(360.0);
    for (n, id) in passages.iter().enumerate() {
        let Some(p) = project.passage(*id) else {
            continue;
        };
        if n > 0 {
            ui.separator();
        }
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 6.0;
            if p.tags.is_empty() {
                ui.colored_label(theme.weak_text, "No tags");
            }
            for tag in p.tags.iter().filter_map(|t| project.tag(*t)) {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2, theme.swatch(tag.color));
                ui.label(egui::RichText::new(&tag.name).strong());
            }
        });
        for (actor, role) in &p.actors {
            let name = project.actor(*actor).map_or("?", |a| a.name.as_str());
            ui.horizontal(|ui| {
                link_swatch_ui(ui, theme.actor_link, false);
                ui.label(name);
                ui.colored_label(theme.weak_text, format!("{role:?}").to_lowercase());
            });
        }
        for (event, role) in &p.events {
            let Some(e) = project.event(*event) else {
                continue;
            };
            let date = e.date.map(|d| format!(" ({d})")).unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                link_swatch_ui(ui, theme.event_link, true);
                ui.label(format!("{}{date}", e.title));
                ui.colored_label(theme.weak_text, format!("{role:?}").to_lowercase());
            });
        }
        let note = p.note.trim();
        if !note.is_empty() {
            let mut shown: String = note.chars().take(400).collect();
            if shown.len() < note.len() {
                shown.push('…');
            }
            ui.label(egui::RichText::new(shown).italics());
        }
        if n >= 2 && passages.len() > 3 {
            ui.colored_label(
                theme.weak_text,
                format!("and {} more passages here", passages.len() - 3),
            );
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Parts, Passage, Text, Timestamp};

    fn project_with(spans: &[(usize, usize)]) -> (Project, DocId, Vec<PassageId>) {
        let doc = Document {
            id: DocId::random(),
            title: "T".into(),
            source: String::new(),
            author: String::new(),
            url: String::new(),
            published: None,
            origin: String::new(),
            imported: Timestamp(0),
            text: Text::new("x".repeat(100)),
        };
        let passages: Vec<Passage> = spans
            .iter()
            .map(|(a, b)| Passage::new(&doc, *a, *b).expect("span"))
            .collect();
        let ids = passages.iter().map(|p| p.id).collect();
        let id = doc.id;
        let project = Project::from_parts(Parts {
            title: "T".into(),
            documents: vec![doc],
            passages,
            ..Parts::default()
        })
        .expect("valid");
        (project, id, ids)
    }

    #[test]
    fn overlapping_passages_never_share_a_lane() {
        let spans = [
            (0, 30),
            (5, 10),
            (8, 40),
            (12, 20),
            (30, 50),
            (41, 45),
            (60, 70),
        ];
        let (project, doc, ids) = project_with(&spans);
        let lanes = assign_lanes(&project, doc, None);
        for (i, a) in spans.iter().enumerate() {
            for (j, b) in spans.iter().enumerate().skip(i + 1) {
                if a.0 < b.1 && b.0 < a.1 {
                    assert_ne!(lanes[&ids[i]], lanes[&ids[j]], "{a:?} and {b:?} overlap");
                }
            }
        }
        assert_eq!(lanes[&ids[0]], 0, "the first, longest passage is outermost");
        assert_eq!(lanes[&ids[6]], 0, "a lone passage goes back to lane 0");
    }

    #[test]
    fn block_spans_are_clipped_to_the_block() {
        let (project, doc, ids) = project_with(&[(10, 30), (25, 60)]);
        let mut h = Highlights::default();
        h.sync(&project, doc);
        let block = Block {
            chars: 20..50,
            bytes: 20..50,
            ends_line: true,
        };
        let spans = h.spans(&project, doc, 0, &block).to_vec();
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[0].id, spans[0].start, spans[0].end), (ids[0], 0, 10));
        assert!(!spans[0].starts_here && spans[0].ends_here);
        assert_eq!((spans[1].id, spans[1].start, spans[1].end), (ids[1], 5, 30));
        assert!(spans[1].starts_here && !spans[1].ends_here);
        assert_eq!(spans[1].lane, 1);
    }

    /// Blind coding: only the analyst's passages get spans and lanes; off again, all do.
    #[test]
    fn blind_coding_draws_only_the_analysts_passages() {
        let (mut project, doc, ids) = project_with(&[(10, 30), (25, 60)]);
        for (id, author) in ids.iter().zip(["Ana", "Boris"]) {
            let mut p = project.passage(*id).expect("passage").clone();
            p.author = author.into();
            crate::edit::apply(&mut project, crate::edit::Edit::SetPassage(Box::new(p)))
                .expect("sign");
        }
        let block = Block {
            chars: 0..100,
            bytes: 0..100,
            ends_line: true,
        };
        let mut h = Highlights::default();
        let shown = |h: &mut Highlights| -> Vec<PassageId> {
            h.sync(&project, doc);
            h.spans(&project, doc, 0, &block)
                .iter()
                .map(|s| s.id)
                .collect()
        };
        assert_eq!(shown(&mut h).len(), 2);
        h.set_only(Some("ana"));
        assert_eq!(shown(&mut h), vec![ids[0]]);
        assert_eq!(h.lanes.len(), 1, "Boris's passage takes no lane");
        h.set_only(None);
        assert_eq!(shown(&mut h).len(), 2);
    }
}
