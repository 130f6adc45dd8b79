//! The corpus search panel: a query field (focused when the view opens), toggles for regular
//! expressions and matching case, and every hit listed under its article with the match
//! highlighted in its context. Click a hit (or Enter on the highlighted one, Up/Down to move) to
//! open the article in the reader with the hit selected, ready for `T`. "Tag all results…" picks
//! a tag in the palette and tags every listed hit as one undo step.
//!
//! The search runs as you type on a small corpus; on one over [`INSTANT_BYTES`] of text it waits
//! for a pause in typing ([`DEBOUNCE_SECONDS`]) or Enter. Results are cached by (query, options,
//! project revision), so a frame never searches; the list lays out only its visible rows.

use std::collections::BTreeSet;

use egui::{Key, Modifiers, RichText, Sense};

use super::super::theme::Theme;
use crate::model::{DocId, Project, TagId};
use crate::search::{Hit, SearchOptions, SearchResults, find};
use crate::ui::action::Action;

/// Corpora with less text than this (in bytes) are searched on every keystroke.
pub const INSTANT_BYTES: usize = 2 << 20;
/// On larger corpora, the search runs once typing has paused this long (or on Enter).
pub const DEBOUNCE_SECONDS: f64 = 0.3;
const ROW_HEIGHT: f32 = 22.0;

/// One row of the results list: an article's heading or one of its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    /// An article and how many hits it has.
    Article(DocId, usize),
    /// An index into the hits.
    Hit(usize),
}

/// What a search was run with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SearchKey {
    query: String,
    regex: bool,
    case_sensitive: bool,
    revision: u64,
}

/// The search panel's state: the query as typed, the options, and the cached results.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The query as typed.
    pub query: String,
    /// Treat the query as a regular expression.
    pub regex: bool,
    /// Match case exactly.
    pub case_sensitive: bool,
    ran: Option<SearchKey>,
    results: SearchResults,
    error: Option<String>,
    rows: Vec<Row>,
    articles: usize,
    /// The highlighted hit (keyboard cursor), an index into the hits.
    cursor: usize,
    scroll_to_cursor: bool,
    /// When the query or an option last changed (egui time), for the debounce.
    changed_at: f64,
    corpus_bytes: Option<(u64, usize)>,
    last_pass: Option<u64>,
    visible: std::ops::Range<usize>,
}

impl SearchState {
    fn wanted(&self, project: &Project) -> SearchKey {
        SearchKey {
            query: self.query.clone(),
            regex: self.regex,
            case_sensitive: self.case_sensitive,
            revision: project.revision(),
        }
    }

    /// Whether the results shown are those of the query and options as they are now.
    pub fn is_current(&self, project: &Project) -> bool {
        self.ran.as_ref() == Some(&self.wanted(project))
    }

    /// Runs the search now unless its results are already cached.
    pub fn run(&mut self, project: &Project) {
        let key = self.wanted(project);
        if self.ran.as_ref() == Some(&key) {
            return;
        }
        let same_search = self.ran.as_ref().is_some_and(|r| {
            r.query == key.query && r.regex == key.regex && r.case_sensitive == key.case_sensitive
        });
        let options = SearchOptions {
            regex: self.regex,
            case_sensitive: self.case_sensitive,
            limit: 0,
        };
        match find(project, &self.query, &options) {
            Ok(results) => {
                self.results = results;
                self.error = None;
            }
            Err(err) => {
                self.results = SearchResults::default();
                self.error = Some(err.to_string());
            }
        }
        self.rows.clear();
        self.articles = 0;
        let hits = &self.results.hits;
        let mut i = 0;
        while let Some(first) = hits.get(i) {
            let n = hits[i..].iter().take_while(|h| h.doc == first.doc).count();
            self.rows.push(Row::Article(first.doc, n));
            self.rows.extend((i..i + n).map(Row::Hit));
            self.articles += 1;
            i += n;
        }
        if !same_search || self.cursor >= hits.len() {
            self.cursor = 0;
            self.scroll_to_cursor = true;
        }
        self.ran = Some(key);
    }

    /// The hits of the current query, searched again first if the project or the query changed.
    pub fn hits(&mut self, project: &Project) -> &[Hit] {
        self.run(project);
        &self.results.hits
    }

    /// The results as last run.
    pub fn results(&self) -> &SearchResults {
        &self.results
    }

    /// The error of the last search (a regular expression that does not compile).
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn corpus_bytes(&mut self, project: &Project) -> usize {
        match self.corpus_bytes {
            Some((rev, bytes)) if rev == project.revision() => bytes,
            _ => {
                let bytes = project
                    .documents()
                    .values()
                    .map(|d| d.text.len_bytes())
                    .sum();
                self.corpus_bytes = Some((project.revision(), bytes));
                bytes
            }
        }
    }

    /// Puts the keyboard focus in the query field on the next frame.
    pub fn request_focus(&mut self) {
        self.last_pass = None;
    }

    fn cursor_row(&self) -> Option<usize> {
        self.rows.iter().position(|r| *r == Row::Hit(self.cursor))
    }
}

/// For tagging `hits` with `tag`: how many distinct spans there are, and how many of them already
/// are a passage carrying the tag (of the passages shown with the blind-coding filter `blind`).
pub fn tag_coverage(
    project: &Project,
    hits: &[Hit],
    tag: TagId,
    blind: Option<&str>,
) -> (usize, usize) {
    let spans: BTreeSet<(DocId, usize, usize)> =
        hits.iter().map(|h| (h.doc, h.start, h.end)).collect();
    let already = spans
        .iter()
        .filter(|(doc, start, end)| {
            project.passages_overlapping(*doc, *start..*end).any(|p| {
                p.start == *start && p.end == *end && p.tags.contains(&tag) && p.is_shown(blind)
            })
        })
        .count();
    (spans.len(), already)
}

/// A count with thousands separators: 12345 → "12,345".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// The id of the query field (focus requests and tests).
pub fn query_field_id() -> egui::Id {
    egui::Id::unique("dossier-search-query")
}

/// Gives the query field the keyboard focus now, with its text (the last query) selected, so
/// the next letter typed replaces it. Storing the field's state also makes
/// `ctx.text_edit_focused()` true from the next frame on, before the field is drawn again, so
/// single-key shortcuts (`J`, `T`…) cannot take the first letter.
pub fn focus_query_field(ctx: &egui::Context, query: &str) {
    let id = query_field_id();
    let mut field = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    field
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(query)));
    field.store(ctx, id);
    ctx.memory_mut(|m| m.request_focus(id));
}

/// The search view.
pub fn search_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut SearchState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let now = ui.input(|i| i.time);
    let pass = ui.ctx().cumulative_pass_nr();
    // Opened this frame (by the tab, the command or the palette): focus the field.
    let opened = state.last_pass.is_none_or(|p| p + 1 < pass);
    state.last_pass = Some(pass);
    let field_id = query_field_id();
    let field_focused = ui.memory(|m| m.has_focus(field_id));
    // The list's keys, taken before the field sees them.
    let (up, down) = if field_focused {
        ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
            )
        })
    } else {
        (false, false)
    };

    let mut changed = false;
    let mut enter = false;
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut state.query)
                    .id(field_id)
                    .hint_text(if state.regex {
                        "a regular expression, e.g. \\d+ (killed|dead)"
                    } else {
                        "words to find in every article"
                    })
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
        if opened {
            // After the field is added: a click that opened the view (a tab) would otherwise
            // count as a click elsewhere and take the focus away again.
            response.request_focus();
        }
        changed |= response.changed();
        enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        changed |= ui
            .checkbox(&mut state.regex, "Regular expression")
            .on_hover_text(
                "Rust regex syntax: \\b word boundary, \\d digit, (a|b) either, .* anything",
            )
            .changed();
        changed |= ui
            .checkbox(&mut state.case_sensitive, "Match case")
            .changed();
    });
    if changed {
        state.changed_at = now;
    }

    // Run the search when it is due: at once on a small corpus, after a pause on a large one.
    if !state.is_current(project) {
        let small = state.corpus_bytes(project) < INSTANT_BYTES;
        let paused = now - state.changed_at >= DEBOUNCE_SECONDS;
        let options_or_project_only = state.ran.as_ref().is_some_and(|r| r.query == state.query);
        if small || paused || enter || options_or_project_only {
            state.run(project);
            if enter {
                // Enter ran the search: stay in the field for the next Enter to jump.
                ui.memory_mut(|m| m.request_focus(field_id));
                enter = false;
            }
        } else {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(DEBOUNCE_SECONDS));
        }
    }
    let current = state.is_current(project);
    let hits_len = state.results.hits.len();
    if current && hits_len > 0 {
        if down && state.cursor + 1 < hits_len {
            state.cursor += 1;
            state.scroll_to_cursor = true;
        }
        if up && state.cursor > 0 {
            state.cursor -= 1;
            state.scroll_to_cursor = true;
        }
        if enter && let Some(hit) = state.results.hits.get(state.cursor) {
            actions.push(Action::JumpToText(hit.doc, hit.start, hit.end));
        }
    }

    if let Some(err) = &state.error {
        // Monospace, so the parser's caret points at the right character.
        ui.add(egui::Label::new(RichText::new(err).monospace().color(theme.error)).wrap());
    }
    ui.horizontal_wrapped(|ui| {
        let summary = if state.query.is_empty() {
            "Type to search every article".to_owned()
        } else if state.error.is_some() {
            "No results: fix the expression".to_owned()
        } else if !current {
            "Searching when you pause typing (Enter searches now)…".to_owned()
        } else {
            let mut s = format!(
                "{} in {}",
                plural(hits_len, "hit", "hits"),
                plural(state.articles, "article", "articles")
            );
            if state.results.truncated {
                s.push_str(&format!(
                    " · only the first {} shown: there are more",
                    thousands(hits_len)
                ));
            }
            s
        };
        ui.label(RichText::new(summary).color(theme.weak_text));
        let button = ui
            .add_enabled(
                current && hits_len > 0,
                egui::Button::new("Tag all results…"),
            )
            .on_hover_text(if state.results.truncated {
                format!(
                    "Tag the first {} hits listed here, as one undo step",
                    thousands(hits_len)
                )
            } else {
                "Tag every hit listed here, as one undo step (a hit that is already a passage gets the tag; others become passages)".to_owned()
            });
        if button.clicked() {
            actions.push(Action::PickTagForSearchHits);
        }
    });
    ui.label(
        RichText::new("Click a hit, or Up/Down and Enter, to open it in the reader with the text selected; then T tags it.")
            .small()
            .color(theme.weak_text),
    );
    ui.add_space(4.0);

    // Keep the highlighted hit in view.
    let spacing = ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("dossier-search-scroll")
        .auto_shrink([false, false]);
    if std::mem::take(&mut state.scroll_to_cursor)
        && let Some(row) = state.cursor_row()
        && !(state.visible.start < row && row + 1 < state.visible.end)
    {
        let target = row.saturating_sub(3);
        area = area.vertical_scroll_offset(target as f32 * (ROW_HEIGHT + spacing));
    }
    let rows = &state.rows;
    let hits = &state.results.hits;
    let cursor = state.cursor;
    let mut clicked_hit = None;
    let mut visible = 0..0;
    area.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
        visible = range.clone();
        for row in rows.get(range).unwrap_or_default() {
            match *row {
                Row::Article(doc, n) => {
                    let Some(d) = project.document(doc) else {
                        ui.add_space(ROW_HEIGHT);
                        continue;
                    };
                    let mut meta = Vec::new();
                    if !d.source.is_empty() {
                        meta.push(d.source.clone());
                    }
                    if let Some(date) = d.published {
                        meta.push(date.to_string());
                    }
                    meta.push(plural(n, "hit", "hits"));
                    ui.horizontal(|ui| {
                        ui.set_height(ROW_HEIGHT);
                        let title = ui.add(
                            egui::Label::new(RichText::new(&d.title).strong().color(theme.text))
                                .selectable(false)
                                .sense(Sense::click())
                                .truncate(),
                        );
                        if title.on_hover_text("Open the article").clicked() {
                            actions.push(Action::OpenDocument(doc));
                        }
                        ui.label(
                            RichText::new(meta.join("  ·  "))
                                .small()
                                .color(theme.weak_text),
                        );
                    });
                }
                Row::Hit(i) => {
                    let Some(hit) = hits.get(i) else {
                        continue;
                    };
                    let Some(context) = hit.context(project) else {
                        ui.add_space(ROW_HEIGHT);
                        continue;
                    };
                    let (rect, response) = ui.allocate_exact_size(
                        egui::vec2(ui.available_width(), ROW_HEIGHT),
                        Sense::click(),
                    );
                    if i == cursor {
                        ui.painter().rect_filled(rect, 4.0, theme.row_highlight);
                    } else if response.hovered() {
                        ui.painter().rect_filled(rect, 4.0, theme.row_hover);
                    }
                    let font = egui::FontId::proportional(13.5);
                    let plain = egui::TextFormat::simple(font.clone(), theme.weak_text);
                    let strong = egui::TextFormat {
                        background: theme.selection,
                        ..egui::TextFormat::simple(font, theme.text)
                    };
                    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
                    let before = clean(context.before);
                    let mut job = egui::text::LayoutJob::default();
                    job.append(&format!("…{}", before.trim_start()), 0.0, plain.clone());
                    job.append(&clean(context.text), 0.0, strong);
                    job.append(&format!("{}…", clean(context.after)), 0.0, plain);
                    job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 24.0);
                    let galley = ui.fonts_mut(|f| f.layout_job(job));
                    let label = galley.text().to_owned();
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                    });
                    ui.painter().galley(
                        egui::pos2(rect.left() + 16.0, rect.center().y - galley.size().y / 2.0),
                        galley,
                        theme.text,
                    );
                    if response
                        .on_hover_text("Open in the reader, selected")
                        .clicked()
                    {
                        clicked_hit = Some(i);
                    }
                }
            }
        }
    });
    state.visible = visible;
    if let Some(i) = clicked_hit
        && let Some(hit) = state.results.hits.get(i)
    {
        state.cursor = i;
        actions.push(Action::JumpToText(hit.doc, hit.start, hit.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(plural(1, "hit", "hits"), "1 hit");
        assert_eq!(plural(10_000, "hit", "hits"), "10,000 hits");
    }

    #[test]
    fn results_are_grouped_by_article_and_cached_by_revision() {
        let project = crate::example::example_project().expect("example");
        let mut state = SearchState {
            query: "ceasefire".into(),
            ..SearchState::default()
        };
        state.run(&project);
        let hits = state.results().hits.clone();
        assert!(!hits.is_empty());
        let articles: BTreeSet<DocId> = hits.iter().map(|h| h.doc).collect();
        assert_eq!(state.articles, articles.len());
        assert_eq!(state.rows.len(), hits.len() + articles.len());
        // Every hit row follows its article's heading.
        let mut doc = None;
        for row in &state.rows {
            match row {
                Row::Article(d, _) => doc = Some(*d),
                Row::Hit(i) => assert_eq!(Some(hits[*i].doc), doc),
            }
        }
        assert!(state.is_current(&project));
        state.query = "(".into();
        state.regex = true;
        assert!(!state.is_current(&project));
        state.run(&project);
        assert!(
            state
                .error()
                .is_some_and(|e| e.contains("regular expression"))
        );
        assert!(state.results().hits.is_empty() && state.rows.is_empty());
    }

    #[test]
    fn coverage_counts_spans_that_already_carry_the_tag() {
        let project = crate::example::example_project().expect("example");
        // An existing passage's exact text, searched for, is covered by its own tags.
        let passage = project
            .passages()
            .values()
            .find(|p| !p.tags.is_empty() && p.quote.len() > 20 && !p.quote.contains('\n'))
            .expect("a tagged passage");
        let tag = passage.tags[0];
        let hit = Hit {
            doc: passage.doc,
            start: passage.start,
            end: passage.end,
        };
        assert_eq!(tag_coverage(&project, &[hit, hit], tag, None), (1, 1));
        assert_eq!(
            tag_coverage(&project, &[hit], tag, Some("Carla")),
            (1, 0),
            "blind coding: another analyst's passage does not cover it"
        );
        let other = Hit {
            end: passage.end - 1,
            ..hit
        };
        assert_eq!(tag_coverage(&project, &[hit, other], tag, None), (2, 1));
    }
}
