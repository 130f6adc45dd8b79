//! The library panel: every article of the project with its title, outlet, date and passage
//! count (with blind coding on, of the analyst's passages), a filter box and sorting. Clicking an
//! article opens it in the reader.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui::{RichText, Sense, Vec2};
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::blind::BlindCounts;
use super::command::Command;
use super::job::{Job, Poll};
use super::theme::Theme;
use crate::model::{DocId, Document, Project};
use crate::web::notes::{Note, NoteInput, notes_of};

/// How the library orders its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LibrarySort {
    /// By publication date, newest first; undated last.
    #[default]
    Date,
    /// By title, A to Z.
    Title,
    /// By outlet, A to Z.
    Outlet,
    /// By passage count, most first.
    Passages,
}

impl LibrarySort {
    /// Every order, as offered in the sort menu.
    pub const ALL: [Self; 4] = [Self::Date, Self::Title, Self::Outlet, Self::Passages];

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Title => "Title",
            Self::Outlet => "Outlet",
            Self::Passages => "Passages",
        }
    }
}

/// The library's own state: the filter text and the sort order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryState {
    /// Shown articles contain every word of this (in title, outlet, author or date).
    pub filter: String,
    /// The order.
    pub sort: LibrarySort,
    /// Blind coding: only this analyst's passages are counted (`None`: all).
    pub blind: Option<String>,
    /// The visible articles for the last (revision, filter, sort, blind coding) asked.
    cache: VisibleCache,
    /// The analyst's passages per article, while blind coding is on.
    shown_counts: BlindCounts<DocId>,
}

/// The filtered, sorted article list, kept until the project, the filter or the order changes:
/// filtering and sorting 10,000 titles costs several milliseconds, too much for every frame.
#[derive(Debug, Clone, Default)]
struct VisibleCache {
    key: Option<(u64, String, LibrarySort, Option<String>)>,
    docs: Vec<DocId>,
    /// Stealth edits and reprints (grouping reprints shingles every text: only when an article
    /// changed, and off the UI thread for a large project).
    notes: NotesCache,
}

/// The notes by article.
type Notes = Arc<BTreeMap<DocId, Note>>;

/// The library's web notes, found again only when their input changes ([`NoteInput`]: an edit
/// that touches no article's text, outlet or title changes nothing here).
#[derive(Debug, Default)]
struct NotesCache {
    /// The project revision last looked at.
    revision: u64,
    /// What the notes shown (or being found) are for.
    input: Option<NoteInput>,
    notes: Notes,
    /// Notes being found on a worker.
    job: Option<Job<BTreeMap<DocId, Note>>>,
}

/// A copy holds the notes but not the worker: it finds them again when asked.
impl Clone for NotesCache {
    fn clone(&self) -> Self {
        Self {
            revision: self.revision,
            input: None,
            notes: Arc::clone(&self.notes),
            job: None,
        }
    }
}

/// Texts up to this size (about 20 ms of shingling) have their notes found at once; beyond,
/// on a worker, and the old notes show meanwhile.
const NOTES_AT_ONCE_BYTES: usize = 2 << 20;

/// A cache is not part of the state's meaning.
impl PartialEq for VisibleCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for VisibleCache {}

impl LibraryState {
    /// The ids of the visible articles, in order; recomputed only when the project, the filter,
    /// the sort order or blind coding changed since the last call.
    pub fn visible_ids(&mut self, project: &Project) -> &[DocId] {
        let fresh = self
            .cache
            .key
            .as_ref()
            .is_some_and(|(revision, filter, sort, blind)| {
                *revision == project.revision()
                    && *filter == self.filter
                    && *sort == self.sort
                    && *blind == self.blind
            });
        if !fresh {
            self.count_shown(project);
            self.cache.docs = visible_documents(project, self)
                .iter()
                .map(|d| d.id)
                .collect();
            let key = (
                project.revision(),
                self.filter.clone(),
                self.sort,
                self.blind.clone(),
            );
            self.cache.key = Some(key);
        }
        &self.cache.docs
    }

    /// Counts the analyst's passages per article when blind coding is on and the project or
    /// the analyst changed.
    fn count_shown(&mut self, project: &Project) {
        let blind = self.blind.as_deref();
        (self.shown_counts).get(project, blind, Project::count_passages_shown);
    }

    /// How many passages of an article the library shows: all of them, or with blind coding on
    /// the analyst's (0 until they are counted: another analyst's are never counted).
    pub fn passage_count(&self, project: &Project, doc: DocId) -> usize {
        match &self.blind {
            None => project.passage_count(doc),
            Some(_) => (self.shown_counts.cached(project, self.blind.as_deref()))
                .and_then(|c| c.get(&doc).copied())
                .unwrap_or(0),
        }
    }

    /// Each article's web notes (stealth edit, other outlets of the same story), found again
    /// only when an article changed; a large project's on a worker (repaints until it is done).
    fn note_lines(&mut self, project: &Project, ctx: &egui::Context) -> Notes {
        let cache = &mut self.cache.notes;
        if cache.revision != project.revision() || cache.input.is_none() {
            cache.revision = project.revision();
            let input = NoteInput::of(project);
            if cache.input.as_ref() != Some(&input) {
                if input.text_bytes() <= NOTES_AT_ONCE_BYTES {
                    cache.notes = Arc::new(notes_of(&input));
                    cache.job = None;
                } else {
                    let work = input.clone();
                    cache.job = Some(Job::spawn("Finding reprints", move |_| notes_of(&work)));
                }
                cache.input = Some(input);
            }
        }
        if let Some(job) = &cache.job {
            match job.poll() {
                Poll::Done(notes) => {
                    cache.notes = Arc::new(notes);
                    cache.job = None;
                }
                Poll::Running => ctx.request_repaint_after(std::time::Duration::from_millis(200)),
                Poll::Cancelled | Poll::Lost => cache.job = None,
            }
        }
        Arc::clone(&cache.notes)
    }
}

/// The id of the filter box, so a command can focus it.
pub fn filter_field_id() -> egui::Id {
    egui::Id::unique("dossier-library-filter")
}

/// Splits the words that ask for undated articles (`no date`, `undated`, any case) off a
/// filter: whether they were there, and the rest of the filter.
pub fn split_no_date(filter: &str) -> (bool, String) {
    let lower = filter.to_lowercase();
    let mut rest = lower.replace("no date", " ");
    let mut asked = rest.len() != lower.len();
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.contains(&"undated") {
        asked = true;
    }
    rest = words
        .into_iter()
        .filter(|w| *w != "undated")
        .collect::<Vec<_>>()
        .join(" ");
    (asked, rest)
}

/// Whether an article matches a filter: every whitespace-separated word of the filter occurs
/// (case-insensitively) in its title, outlet, author or date; `no date` (or `undated`) keeps
/// only articles without a publication date.
pub fn matches_filter(doc: &Document, filter: &str) -> bool {
    if filter.trim().is_empty() {
        return true;
    }
    let (undated, rest) = split_no_date(filter);
    if undated && doc.published.is_some() {
        return false;
    }
    let filter = rest.as_str();
    let hay = format!(
        "{} {} {} {}",
        doc.title,
        doc.source,
        doc.author,
        doc.published.map(|d| d.to_string()).unwrap_or_default()
    )
    .to_lowercase();
    filter
        .split_whitespace()
        .all(|word| hay.contains(&word.to_lowercase()))
}

/// The articles to show, filtered and sorted.
pub fn visible_documents<'a>(project: &'a Project, state: &LibraryState) -> Vec<&'a Document> {
    let mut docs: Vec<&Document> = project
        .documents()
        .values()
        .filter(|d| matches_filter(d, &state.filter))
        .collect();
    // Cached keys: one lowercase copy per article, not one per comparison.
    let title_key = |d: &Document| d.title.to_lowercase();
    match state.sort {
        LibrarySort::Date => docs.sort_by_cached_key(|d| {
            let day = d.published.map(|p| std::cmp::Reverse(p.first_day()));
            // Dated before undated, newest first, then by title.
            (day.is_none(), day, title_key(d))
        }),
        LibrarySort::Title => docs.sort_by_cached_key(|d| title_key(d)),
        LibrarySort::Outlet => docs
            .sort_by_cached_key(|d| (d.source.is_empty(), d.source.to_lowercase(), title_key(d))),
        LibrarySort::Passages => docs.sort_by_cached_key(|d| {
            let count = state.passage_count(project, d.id);
            (std::cmp::Reverse(count), title_key(d))
        }),
    }
    docs
}

/// Shows the library.
pub fn library_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut LibraryState,
    open_doc: Option<DocId>,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Library").strong().size(15.0));
        ui.label(
            RichText::new(format!("{}", project.documents().len()))
                .color(theme.weak_text)
                .small(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let sort_label = format!("Sort: {}", state.sort.label());
            ui.menu_button(sort_label, |ui| {
                for sort in LibrarySort::ALL {
                    if ui
                        .selectable_label(state.sort == sort, sort.label())
                        .clicked()
                    {
                        state.sort = sort;
                        ui.close();
                    }
                }
            });
        });
    });
    ui.add_space(2.0);
    // ↓ and ↑ in the filter open the next and previous article listed; Enter reads it.
    let (down, up) = if ui.memory(|m| m.has_focus(filter_field_id())) {
        ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            )
        })
    } else {
        (false, false)
    };
    let filter = egui::TextEdit::singleline(&mut state.filter)
        .id(filter_field_id())
        .hint_text("Filter by title, outlet, date, “no date”…")
        .desired_width(f32::INFINITY)
        .show(ui)
        .response
        .response
        .accessible_name("Filter articles");
    let enter = filter.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.add_space(4.0);

    let notes = state.note_lines(project, ui.ctx());
    state.visible_ids(project);
    let state = &*state;
    let docs = state.cache.docs.as_slice();
    if down || up || enter {
        let at = open_doc.and_then(|d| docs.iter().position(|v| *v == d));
        let target = match (at, down, up) {
            (Some(i), true, _) => docs.get(i + 1).or(docs.get(i)),
            (Some(i), _, true) => docs.get(i.saturating_sub(1)),
            (Some(i), false, false) => docs.get(i),
            (None, _, _) => docs.first(),
        };
        if let Some(id) = target {
            actions.push(Action::OpenDocument(*id));
            if enter {
                actions.push(Action::Run(Command::Show(
                    crate::ui::place::CentreView::Reader,
                )));
            }
        }
    }
    if project.documents().is_empty() {
        ui.add_space(12.0);
        ui.label(RichText::new("No articles yet.").color(theme.weak_text));
        if ui
            .button("Import articles…")
            .on_hover_text(Command::ImportFiles.tooltip())
            .clicked()
        {
            actions.push(Action::Run(Command::ImportFiles));
        }
        if ui
            .button("Paste an article…")
            .on_hover_text(Command::PasteArticle.tooltip())
            .clicked()
        {
            actions.push(Action::Run(Command::PasteArticle));
        }
        return;
    }
    if docs.is_empty() {
        ui.label(RichText::new("No article matches the filter.").color(theme.weak_text));
        return;
    }
    // Fixed-height rows (titles elided to two lines), so only the visible ones are laid out.
    egui::ScrollArea::vertical()
        .id_salt("dossier-library-scroll")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, docs.len(), |ui, rows| {
            let shown = docs.get(rows).unwrap_or_default();
            for doc in shown.iter().filter_map(|id| project.document(*id)) {
                let note = notes
                    .get(&doc.id)
                    .map(crate::web::notes::note_line)
                    .unwrap_or_default();
                let count = state.passage_count(project, doc.id);
                let open = open_doc == Some(doc.id);
                if document_row_ui(ui, doc, count, &note, open, theme).clicked() {
                    actions.push(Action::OpenDocument(doc.id));
                }
            }
        });
}

/// Height of one article row (without the spacing between rows): two lines of title and a line
/// of details.
const ROW_HEIGHT: f32 = 58.0;

fn document_row_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    count: usize,
    note: &str,
    open: bool,
    theme: &Theme,
) -> egui::Response {
    let width = ui.available_width();
    let meta_font = egui::FontId::proportional(12.0);
    let mut job = egui::text::LayoutJob::simple(
        doc.title.clone(),
        egui::FontId::proportional(14.0),
        theme.text,
        (width - 16.0).max(40.0),
    );
    job.wrap.max_rows = 2;
    let title_galley = ui.painter().layout_job(job);
    let mut meta = Vec::new();
    if !doc.source.is_empty() {
        meta.push(doc.source.clone());
    }
    if let Some(date) = doc.published {
        meta.push(date.to_string());
    }
    if !note.is_empty() {
        meta.push(note.to_owned());
    }
    let meta = meta.join(" · ");
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, ROW_HEIGHT), Sense::click());
    let label = if note.is_empty() {
        format!("{} — {count} passages", doc.title)
    } else {
        format!("{} — {count} passages — {note}", doc.title)
    };
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, open, &label));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter_at(rect);
        if open {
            painter.rect_filled(rect.shrink(1.0), 6.0, theme.row_highlight);
        } else if response.hovered() {
            painter.rect_filled(rect.shrink(1.0), 6.0, theme.row_hover);
        }
        let top = rect.left_top() + Vec2::new(8.0, 5.0);
        painter.galley(top, title_galley, theme.text);
        let meta_y = rect.bottom() - 18.0;
        // The count on the right; the outlet and date cut with … before it in a narrow panel.
        let count_galley = painter.layout_no_wrap(
            if count == 1 {
                "1 passage".to_owned()
            } else {
                format!("{count} passages")
            },
            meta_font.clone(),
            theme.weak_text,
        );
        let room = (rect.width() - 16.0 - count_galley.size().x - 10.0).max(24.0);
        let mut job = egui::text::LayoutJob::simple_singleline(
            if meta.is_empty() {
                "—".to_owned()
            } else {
                meta
            },
            meta_font,
            theme.weak_text,
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(room);
        painter.galley(
            egui::pos2(top.x, meta_y),
            painter.layout_job(job),
            theme.weak_text,
        );
        painter.galley(
            egui::pos2(rect.right() - 8.0 - count_galley.size().x, meta_y),
            count_galley,
            theme.weak_text,
        );
    }
    let mut hover = if doc.origin.is_empty() {
        doc.title.clone()
    } else {
        format!("{}\n{}", doc.title, doc.origin)
    };
    if !note.is_empty() {
        hover.push('\n');
        hover.push_str(note);
    }
    response.on_hover_text(hover)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PartialDate, Parts, Text, Timestamp};

    fn doc(title: &str, source: &str, date: Option<&str>) -> Document {
        Document {
            id: DocId::random(),
            title: title.into(),
            source: source.into(),
            author: String::new(),
            url: String::new(),
            published: date.and_then(|d| d.parse::<PartialDate>().ok()),
            origin: String::new(),
            imported: Timestamp(0),
            text: Text::new(format!("{title}\n\nbody")),
        }
    }

    fn project() -> Project {
        Project::from_parts(Parts {
            title: "t".into(),
            documents: vec![
                doc("Witkoff meets Putin", "Reuters", Some("2025-08-06")),
                doc("Odesa strike", "", Some("2025-03-16")),
                doc("Background", "Al Jazeera", None),
            ],
            ..Parts::default()
        })
        .expect("valid")
    }

    #[test]
    fn filter_matches_every_word_anywhere() {
        let p = project();
        let mut state = LibraryState {
            filter: "reuters putin".into(),
            ..LibraryState::default()
        };
        let titles: Vec<_> = visible_documents(&p, &state)
            .iter()
            .map(|d| d.title.clone())
            .collect();
        assert_eq!(titles, ["Witkoff meets Putin"]);
        state.filter = "2025-03".into();
        assert_eq!(visible_documents(&p, &state).len(), 1);
        state.filter = "nothing".into();
        assert!(visible_documents(&p, &state).is_empty());
    }

    #[test]
    fn no_date_lists_the_undated_articles() {
        let p = project();
        for filter in ["no date", "No Date", "undated", "al jazeera no date"] {
            let state = LibraryState {
                filter: filter.into(),
                ..LibraryState::default()
            };
            let titles: Vec<_> = visible_documents(&p, &state)
                .iter()
                .map(|d| d.title.clone())
                .collect();
            assert_eq!(titles, ["Background"], "{filter}");
        }
        assert_eq!(split_no_date("reuters"), (false, "reuters".to_owned()));
    }

    #[test]
    fn sorting_by_date_puts_newest_first_and_undated_last() {
        let p = project();
        let state = LibraryState::default();
        let titles: Vec<_> = visible_documents(&p, &state)
            .iter()
            .map(|d| d.title.clone())
            .collect();
        assert_eq!(
            titles,
            ["Witkoff meets Putin", "Odesa strike", "Background"]
        );
        let state = LibraryState {
            sort: LibrarySort::Outlet,
            ..LibraryState::default()
        };
        let titles: Vec<_> = visible_documents(&p, &state)
            .iter()
            .map(|d| d.title.clone())
            .collect();
        assert_eq!(
            titles,
            ["Background", "Witkoff meets Putin", "Odesa strike"]
        );
    }

    #[test]
    fn blind_coding_counts_and_sorts_by_the_analysts_passages_only() {
        let coded = crate::model::three_coders();
        let p = &coded.project;
        let doc = crate::model::DocId::from_raw(1);
        let mut state = LibraryState {
            sort: LibrarySort::Passages,
            ..LibraryState::default()
        };
        assert_eq!(state.visible_ids(p), [doc]);
        assert_eq!(state.passage_count(p, doc), 3);
        state.blind = Some("Ana".into());
        state.visible_ids(p);
        assert_eq!(
            state.passage_count(p, doc),
            1,
            "Boris's and nobody's are not counted"
        );
        state.blind = Some("Carla".into());
        state.visible_ids(p);
        assert_eq!(state.passage_count(p, doc), 0);
        state.blind = None;
        assert_eq!(state.passage_count(p, doc), 3);
    }
}
