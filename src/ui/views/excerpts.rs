//! The excerpts table: every passage with its article, outlet, the outlet's reliability (A–F),
//! the passage's credibility (1–6), publication date, tags, actors, events and quote. Click a
//! header to sort (again to reverse); filter by tag (with its sub-tags), actor, event, article,
//! outlet grade and credibility (each "this or better", as `--grade` and `--credibility` on the
//! command line), publication date range and text; click a row to jump to the passage in the
//! reader; "Export this view…" exports exactly what the filter selects, and "Add these as ACH
//! evidence" makes the rows it selects evidence rows of the ACH matrix (one undo step; rows there
//! already are skipped).
//!
//! The filter is an [`ExcerptQuery`], the same one the exports use. The rows are built once per
//! (project revision, filter, sort) and cached; the table (egui_extras) lays out only the
//! visible rows; which columns show and how wide they start is [`layout`]'s.

use crate::ui::combo::ComboAbove;
use egui::{RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::super::TAG_PATH_SEPARATOR;
use super::super::theme::Theme;
use crate::export::{ExcerptQuery, Format};
use crate::model::{
    ActorId, Credibility, DocId, EventId, PartialDate, Passage, PassageId, Project, Reliability,
    RowSource, TagId,
};
use crate::ui::action::Action;

mod layout;
pub use layout::ColumnSet;

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    /// The article's title (then position in the article).
    #[default]
    Article,
    /// The outlet.
    Outlet,
    /// The outlet's reliability grade (A–F).
    Reliability,
    /// The passage's credibility grade (1–6).
    Credibility,
    /// The publication date.
    Date,
    /// The tags.
    Tags,
    /// The actors.
    Actors,
    /// The events.
    Events,
    /// The quote.
    Quote,
}

impl SortColumn {
    /// Every column, in display order.
    pub const ALL: [Self; 9] = [
        Self::Article,
        Self::Outlet,
        Self::Reliability,
        Self::Credibility,
        Self::Date,
        Self::Tags,
        Self::Actors,
        Self::Events,
        Self::Quote,
    ];

    /// The header text.
    pub fn title(self) -> &'static str {
        match self {
            Self::Article => "Article",
            Self::Outlet => "Outlet",
            Self::Reliability => "Rel.",
            Self::Credibility => "Cred.",
            Self::Date => "Date",
            Self::Tags => "Tags",
            Self::Actors => "Actors",
            Self::Events => "Events",
            Self::Quote => "Quote",
        }
    }

    /// The column's name in full (the "Columns" menu).
    pub fn name(self) -> &'static str {
        match self {
            Self::Reliability => "Reliability of the outlet (A–F)",
            Self::Credibility => "Credibility of the passage (1–6)",
            _ => self.title(),
        }
    }

    /// What the header means (its tooltip).
    pub fn hint(self) -> String {
        match self {
            Self::Reliability => {
                "Sort by the outlet's reliability (Admiralty A–F; F: cannot be judged)".to_owned()
            }
            Self::Credibility => {
                "Sort by the passage's credibility (Admiralty 1–6; 6: cannot be judged)".to_owned()
            }
            _ => format!("Sort by {}", self.title().to_lowercase()),
        }
    }
}

/// One row, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ExcerptRow {
    /// The passage.
    pub passage: PassageId,
    /// Article title.
    pub article: String,
    /// Outlet.
    pub outlet: String,
    /// The outlet's reliability (F when not graded).
    pub reliability: Reliability,
    /// The passage's credibility (6 when not graded).
    pub credibility: Credibility,
    /// Publication date as text.
    pub date: String,
    date_key: i64,
    /// Tag paths, joined.
    pub tags: String,
    /// Actor names, joined.
    pub actors: String,
    /// Event titles, joined.
    pub events: String,
    /// The quote (the first 300 characters, on one line).
    pub quote: String,
}

/// The table's state: the filter as typed, the sort, and the cached rows.
#[derive(Debug, Default)]
pub struct ExcerptsState {
    /// Filter: a tag (with its sub-tags).
    pub tag: Option<TagId>,
    /// Filter: an actor.
    pub actor: Option<ActorId>,
    /// Filter: an event.
    pub event: Option<EventId>,
    /// Filter: an article.
    pub doc: Option<DocId>,
    /// Filter: earliest publication date, as typed.
    pub from: String,
    /// Filter: latest publication date, as typed.
    pub to: String,
    /// Filter: text in the quote or note.
    pub text: String,
    /// Filter: the worst outlet grade admitted (B: A or B).
    pub reliability: Option<Reliability>,
    /// Filter: the worst credibility admitted (2: 1 or 2).
    pub credibility: Option<Credibility>,
    /// Sort column.
    pub sort: SortColumn,
    /// Sort descending.
    pub descending: bool,
    /// Blind coding: only this analyst's passages are listed (and exported from the view).
    pub blind: Option<String>,
    /// The columns shown ("Columns" menu; the quote always shows).
    pub columns: ColumnSet,
    cache_key: Option<(u64, ExcerptQuery, SortColumn, bool)>,
    rows: Vec<PassageId>,
    choices: Option<FilterChoices>,
}

/// What the filter's combo boxes offer, sorted by name; made once per project revision.
#[derive(Debug)]
struct FilterChoices {
    revision: u64,
    tags: Vec<(TagId, String)>,
    actors: Vec<(ActorId, String)>,
    events: Vec<(EventId, String)>,
    docs: Vec<(DocId, String)>,
}

impl FilterChoices {
    fn of(project: &Project) -> Self {
        let mut tags: Vec<(TagId, String)> = project
            .tags()
            .keys()
            .map(|t| (*t, project.tag_path(*t, TAG_PATH_SEPARATOR)))
            .collect();
        tags.sort_by_cached_key(|(_, p)| p.to_lowercase());
        let mut actors: Vec<(ActorId, String)> = project
            .actors()
            .values()
            .map(|a| (a.id, a.name.clone()))
            .collect();
        actors.sort_by_cached_key(|(_, n)| n.to_lowercase());
        let events = super::super::entities::sorted_events(project)
            .into_iter()
            .map(|e| (e.id, e.title.clone()))
            .collect();
        let mut docs: Vec<(DocId, String)> = project
            .documents()
            .values()
            .map(|d| (d.id, d.title.clone()))
            .collect();
        docs.sort_by_cached_key(|(_, t)| t.to_lowercase());
        Self {
            revision: project.revision(),
            tags,
            actors,
            events,
            docs,
        }
    }
}

fn parse_date(text: &str) -> Result<Option<PartialDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<PartialDate>()
        .map(Some)
        .map_err(|e| format!("{e}: write YYYY, YYYY-MM or YYYY-MM-DD"))
}

impl ExcerptsState {
    /// The filter as an export query; an error names a date that does not parse.
    pub fn query(&self) -> Result<ExcerptQuery, String> {
        let mut q = ExcerptQuery::all();
        q.tags.extend(self.tag);
        q.actors.extend(self.actor);
        q.events.extend(self.event);
        q.docs.extend(self.doc);
        q.from = parse_date(&self.from).map_err(|e| format!("From: {e}"))?;
        q.to = parse_date(&self.to).map_err(|e| format!("To: {e}"))?;
        q.text = self.text.trim().to_owned();
        if let Some(analyst) = &self.blind {
            q.authors.insert(analyst.trim().to_lowercase());
        }
        q.reliability = self.reliability;
        q.credibility = self.credibility;
        Ok(q)
    }

    /// The passages of the rows for the current filter and sort, in order; rebuilt only when
    /// one of them or the project changed. A filter with a bad date keeps the last rows. The
    /// cells' text is made only for the rows on screen ([`ExcerptRow::of`]).
    pub fn rows(&mut self, project: &Project) -> &[PassageId] {
        if let Ok(query) = self.query() {
            let key = (project.revision(), query, self.sort, self.descending);
            if self.cache_key.as_ref() != Some(&key) {
                self.rows = sorted_passages(project, &key.1, self.sort, self.descending);
                self.cache_key = Some(key);
            }
        }
        &self.rows
    }

    /// Clears every filter.
    pub fn clear_filter(&mut self) {
        self.tag = None;
        self.actor = None;
        self.event = None;
        self.doc = None;
        self.from.clear();
        self.to.clear();
        self.text.clear();
        self.reliability = None;
        self.credibility = None;
    }
}

/// The rows a query selects, sorted, with their text (for tests and exports of what is shown;
/// the table itself makes the text of visible rows only).
pub fn build_rows(
    project: &Project,
    query: &ExcerptQuery,
    sort: SortColumn,
    descending: bool,
) -> Vec<ExcerptRow> {
    sorted_passages(project, query, sort, descending)
        .into_iter()
        .filter_map(|id| project.passage(id))
        .map(|p| ExcerptRow::of(project, p))
        .collect()
}

/// The passages a query selects, sorted by a column (ties: article title, then position).
///
/// Only the sort column's text is made, once per passage: on 200,000 passages, making every
/// cell's text and comparing lower-cased titles took over a second.
pub fn sorted_passages(
    project: &Project,
    query: &ExcerptQuery,
    sort: SortColumn,
    descending: bool,
) -> Vec<PassageId> {
    let excerpts = query.run(project);
    // Articles ranked by title once, so rows compare a number rather than two titles.
    let mut by_title: Vec<_> = project.documents().values().collect();
    by_title.sort_by_cached_key(|d| (d.title.to_lowercase(), d.id));
    let rank: std::collections::HashMap<DocId, usize> = by_title
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    let mut passages = excerpts.passages;
    let place = |p: &Passage| (rank.get(&p.doc).copied().unwrap_or(usize::MAX), p.start);
    let evidence = project.evidence();
    let text = |p: &Passage| match sort {
        SortColumn::Article
        | SortColumn::Date
        | SortColumn::Reliability
        | SortColumn::Credibility => None,
        SortColumn::Outlet => Some(
            project
                .document(p.doc)
                .map(|d| d.source.to_lowercase())
                .unwrap_or_default(),
        ),
        SortColumn::Tags => Some(tags_text(project, p).to_lowercase()),
        SortColumn::Actors => Some(actors_text(project, p).to_lowercase()),
        SortColumn::Events => Some(events_text(project, p).to_lowercase()),
        SortColumn::Quote => Some(quote_text(p).to_lowercase()),
    };
    // Numeric keys where the column has no text: comparing strings, even empty ones, is what
    // made this slow.
    match sort {
        SortColumn::Article => passages.sort_by_cached_key(|p| place(p)),
        SortColumn::Date => passages.sort_by_cached_key(|p| (date_key(project, p), place(p))),
        SortColumn::Reliability => passages.sort_by_cached_key(|p| {
            let outlet = project.document(p.doc).map_or("", |d| d.source.as_str());
            (evidence.outlet_grade(outlet), place(p))
        }),
        SortColumn::Credibility => {
            passages.sort_by_cached_key(|p| (evidence.credibility(p.id), place(p)))
        }
        _ => passages.sort_by_cached_key(|p| (text(p), place(p))),
    }
    if descending {
        passages.reverse();
    }
    passages.into_iter().map(|p| p.id).collect()
}

/// The day a passage's article was published (for sorting; undated first).
fn date_key(project: &Project, p: &Passage) -> i64 {
    project
        .document(p.doc)
        .and_then(|d| d.published)
        .map_or(i64::MIN, |d| d.first_day())
}

/// Names in first-seen order without repeats, joined.
fn join_unique(names: impl Iterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen.join(", ")
}

fn tags_text(project: &Project, p: &Passage) -> String {
    p.tags
        .iter()
        .map(|t| project.tag_path(*t, TAG_PATH_SEPARATOR))
        .collect::<Vec<_>>()
        .join(", ")
}

fn actors_text(project: &Project, p: &Passage) -> String {
    join_unique(
        p.actors
            .iter()
            .filter_map(|(a, _)| project.actor(*a).map(|a| a.name.clone())),
    )
}

fn events_text(project: &Project, p: &Passage) -> String {
    join_unique(
        p.events
            .iter()
            .filter_map(|(e, _)| project.event(*e).map(|e| e.title.clone())),
    )
}

fn quote_text(p: &Passage) -> String {
    p.quote
        .chars()
        .take(300)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

impl ExcerptRow {
    /// A passage's row, as shown.
    pub fn of(project: &Project, p: &Passage) -> Self {
        let doc = project.document(p.doc);
        Self {
            passage: p.id,
            article: doc.map(|d| d.title.clone()).unwrap_or_default(),
            outlet: doc.map(|d| d.source.clone()).unwrap_or_default(),
            reliability: (project.evidence()).outlet_grade(doc.map_or("", |d| d.source.as_str())),
            credibility: project.evidence().credibility(p.id),
            date: doc
                .and_then(|d| d.published)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            date_key: date_key(project, p),
            tags: tags_text(project, p),
            actors: actors_text(project, p),
            events: events_text(project, p),
            quote: quote_text(p),
        }
    }
}

/// A grade's cell: the grade (weak when it is the "cannot be judged" default), what it means on
/// hover.
fn grade_cell(
    row: &mut egui_extras::TableRow<'_, '_>,
    text: &str,
    default: bool,
    (graded, meaning): (&str, &str),
    theme: &Theme,
) {
    row.col(|ui| {
        let colour = if default { theme.weak_text } else { theme.text };
        ui.add(
            egui::Label::new(RichText::new(text).color(colour).strong())
                .selectable(false)
                .truncate(),
        )
        .on_hover_text(format!("{graded}: {text} — {meaning}"));
    });
}

/// A header cell: the title, an arrow when the table is sorted by it. Clicked: sort by it.
fn header_cell(
    ui: &mut egui::Ui,
    column: SortColumn,
    sort: SortColumn,
    descending: bool,
    theme: &Theme,
) -> egui::Response {
    let response = ui
        .add(egui::Button::new(RichText::new(column.title()).strong()).frame(false))
        .on_hover_text(column.hint());
    if sort == column {
        // A drawn arrow: the default fonts have no triangles.
        let r = response.rect;
        let c = egui::pos2(r.right() + 8.0, r.center().y);
        let (tip, base) = if descending { (4.0, -3.0) } else { (-4.0, 3.0) };
        ui.painter().add(egui::Shape::convex_polygon(
            vec![
                egui::pos2(c.x, c.y + tip),
                egui::pos2(c.x - 4.0, c.y + base),
                egui::pos2(c.x + 4.0, c.y + base),
            ],
            theme.weak_text,
            egui::Stroke::NONE,
        ));
    }
    response
}

/// One cell of a row; true when it asks to open the passage (the quote is a link).
fn row_cell(
    row: &mut egui_extras::TableRow<'_, '_>,
    r: &ExcerptRow,
    column: SortColumn,
    theme: &Theme,
) -> bool {
    let (text, color) = match column {
        SortColumn::Reliability => {
            let grade = r.reliability.as_str();
            let unknown = r.reliability == Reliability::F;
            grade_cell(
                row,
                grade,
                unknown,
                ("Outlet", r.reliability.label()),
                theme,
            );
            return false;
        }
        SortColumn::Credibility => {
            let grade = r.credibility.number().to_string();
            let unknown = r.credibility == Credibility::CannotBeJudged;
            grade_cell(
                row,
                &grade,
                unknown,
                ("Passage", r.credibility.label()),
                theme,
            );
            return false;
        }
        SortColumn::Article => (&r.article, theme.text),
        SortColumn::Outlet => (&r.outlet, theme.weak_text),
        SortColumn::Date => (&r.date, theme.weak_text),
        SortColumn::Tags => (&r.tags, theme.text),
        SortColumn::Actors => (&r.actors, theme.actor_link),
        SortColumn::Events => (&r.events, theme.event_link),
        SortColumn::Quote => (&r.quote, theme.text),
    };
    let sense = if column == SortColumn::Quote {
        Sense::click()
    } else {
        Sense::hover()
    };
    let mut clicked = false;
    row.col(|ui| {
        clicked = ui
            .add(
                egui::Label::new(RichText::new(text).color(color))
                    .selectable(false)
                    .sense(sense)
                    .truncate(),
            )
            .clicked();
    });
    clicked
}

fn combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<T>,
    options: &[(T, String)],
) {
    let current = value
        .and_then(|v| options.iter().find(|(o, _)| *o == v))
        .map_or(format!("Any {}", label.to_lowercase()), |(_, n)| n.clone());
    egui::ComboBox::from_id_salt(id)
        .selected_text(current)
        .width(150.0)
        .height(360.0)
        .show_above(ui, |ui| {
            ui.selectable_value(value, None, format!("Any {}", label.to_lowercase()));
            for (o, name) in options {
                ui.selectable_value(value, Some(*o), name);
            }
        })
        .response
        .accessible_name(format!("Filter by {}", label.to_lowercase()));
}

/// The excerpts view: the filter bar, the table, the export menu.
pub fn excerpts_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut ExcerptsState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    // The filter bar; its choices are listed once per project revision.
    if state
        .choices
        .as_ref()
        .is_none_or(|c| c.revision != project.revision())
    {
        state.choices = Some(FilterChoices::of(project));
    }
    ui.horizontal_wrapped(|ui| {
        let Some(choices) = state.choices.as_ref() else {
            return;
        };
        combo(ui, "dossier-ex-tag", "Tag", &mut state.tag, &choices.tags);
        combo(
            ui,
            "dossier-ex-actor",
            "Actor",
            &mut state.actor,
            &choices.actors,
        );
        combo(
            ui,
            "dossier-ex-event",
            "Event",
            &mut state.event,
            &choices.events,
        );
        combo(
            ui,
            "dossier-ex-doc",
            "Article",
            &mut state.doc,
            &choices.docs,
        );
        let grades: Vec<(Reliability, String)> = (Reliability::ALL.into_iter())
            .filter(|g| *g != Reliability::F)
            .map(|g| (g, format!("{} or better — {}", g.as_str(), g.label())))
            .collect();
        combo(
            ui,
            "dossier-ex-reliability",
            "Outlet grade",
            &mut state.reliability,
            &grades,
        );
        let credibility: Vec<(Credibility, String)> = (Credibility::ALL.into_iter())
            .filter(|c| *c != Credibility::CannotBeJudged)
            .map(|c| (c, format!("{} or better — {}", c.number(), c.label())))
            .collect();
        combo(
            ui,
            "dossier-ex-credibility",
            "Credibility",
            &mut state.credibility,
            &credibility,
        );
    });
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Published from");
        ui.add(
            egui::TextEdit::singleline(&mut state.from)
                .hint_text("YYYY-MM-DD")
                .desired_width(90.0),
        )
        .labelled_by(label.id);
        let label = ui.label("to");
        ui.add(
            egui::TextEdit::singleline(&mut state.to)
                .hint_text("YYYY-MM-DD")
                .desired_width(90.0),
        )
        .labelled_by(label.id);
        let label = ui.label("Text");
        ui.add(
            egui::TextEdit::singleline(&mut state.text)
                .hint_text("in the quote or note")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
        if ui.button("Clear filter").clicked() {
            state.clear_filter();
        }
        // Stays open while columns are ticked: closed by a click outside it.
        let menu = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new("Columns")
            .config(menu)
            .ui(ui, |ui| {
                for column in SortColumn::ALL {
                    let mut shown = state.columns.shows(column);
                    let toggle = ui.add_enabled(
                        column != SortColumn::Quote,
                        egui::Checkbox::new(&mut shown, column.name()),
                    );
                    if toggle.changed() {
                        state.columns.set(column, shown);
                    }
                }
            })
            .0
            .on_hover_text("Show or hide the table's columns (the quote always shows)");
        ui.menu_button("Export this view…", |ui| {
            ui.set_min_width(320.0);
            for format in Format::ALL {
                if ui
                    .button(format!(
                        "{} (.{})",
                        format.name().to_uppercase(),
                        format.extension()
                    ))
                    .on_hover_text(format.description())
                    .clicked()
                {
                    actions.push(Action::ExportView(format));
                    ui.close();
                }
            }
        });
    });
    let error = state.query().err();
    if let Some(err) = &error {
        ui.label(RichText::new(err).color(theme.error));
    }
    let total = project.passages().len();
    let rows = state.rows(project);
    let count = rows.len();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "{count} of {total} passages{} · click a row to open it in the reader",
                if error.is_some() {
                    " (last valid filter)"
                } else {
                    ""
                }
            ))
            .small()
            .color(theme.weak_text),
        );
        if ui
            .add_enabled(count > 0, egui::Button::new("Add these as ACH evidence").small())
            .on_hover_text(format!(
                "Add the {count} passage{} the filter selects as evidence rows of the competing-hypotheses matrix (one undo step; rows there already are skipped)",
                if count == 1 { "" } else { "s" }
            ))
            .clicked()
        {
            let sources = rows.iter().map(|p| RowSource::Passage(*p)).collect();
            actions.push(Action::AddEvidence(sources));
        }
    });
    ui.add_space(4.0);

    let mut clicked_header = None;
    let mut jump = None;
    // Borrowed out of the state for the table (and put back below), never copied per frame.
    let rows = std::mem::take(&mut state.rows);
    let (sort, descending) = (state.sort, state.descending);
    let columns = state.columns.columns();
    let (widths, step) =
        layout::starting_widths(&columns, ui.available_width(), ui.spacing().item_spacing.x);
    // Below the least widths the table scrolls sideways rather than losing the quote off the edge.
    egui::ScrollArea::horizontal()
        .id_salt("dossier-excerpts-sideways")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt(("dossier-excerpts-table", state.columns, step))
                .striped(true)
                .sense(Sense::click())
                .resizable(true)
                .auto_shrink([false, false]);
            for (column, width) in columns.iter().zip(&widths) {
                let least = layout::widths_of(*column).1;
                table = table.column(Column::initial(*width).at_least(least.min(28.0)).clip(true));
            }
            table = table.column(Column::remainder().at_least(layout::QUOTE_LEAST).clip(true));
            table
                .header(24.0, |mut header| {
                    for column in &columns {
                        header.col(|ui| {
                            if header_cell(ui, *column, sort, descending, theme).clicked() {
                                clicked_header = Some(*column);
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(22.0, rows.len(), |mut row| {
                        let Some(passage) =
                            rows.get(row.index()).and_then(|id| project.passage(*id))
                        else {
                            return;
                        };
                        let r = &ExcerptRow::of(project, passage);
                        for column in &columns {
                            if row_cell(&mut row, r, *column, theme) {
                                jump = Some(r.passage);
                            }
                        }
                        if row.response().clicked() {
                            jump = Some(r.passage);
                        }
                    });
                });
        });
    state.rows = rows;
    if let Some(column) = clicked_header {
        if state.sort == column {
            state.descending = !state.descending;
        } else {
            state.sort = column;
            state.descending = false;
        }
    }
    if let Some(p) = jump {
        actions.push(Action::JumpToPassage(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_filter_and_the_sort() {
        let project = crate::example::example_project().expect("example");
        let mut state = ExcerptsState::default();
        assert_eq!(state.rows(&project).len(), project.passages().len());
        let putin = project.actor_by_name("Vladimir Putin").expect("Putin").id;
        state.actor = Some(putin);
        let rows: Vec<ExcerptRow> = state
            .rows(&project)
            .to_vec()
            .iter()
            .filter_map(|id| project.passage(*id))
            .map(|p| ExcerptRow::of(&project, p))
            .collect();
        assert!(!rows.is_empty() && rows.len() < project.passages().len());
        assert!(rows.iter().all(|r| r.actors.contains("Vladimir Putin")));
        state.sort = SortColumn::Date;
        let days = |rows: &[PassageId]| -> Vec<i64> {
            rows.iter()
                .filter_map(|id| project.passage(*id))
                .map(|p| date_key(&project, p))
                .collect()
        };
        let dates = days(state.rows(&project));
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        state.descending = true;
        let dates = days(state.rows(&project));
        assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn the_grade_filters_and_sorts_follow_the_evidence() {
        let project = crate::example::example_project().expect("example");
        let evidence = project.evidence();
        let mut state = ExcerptsState::default();
        let all = state.rows(&project).len();
        state.credibility = Some(Credibility::Probable);
        let credible = state.rows(&project).to_vec();
        assert!(!credible.is_empty() && credible.len() < all);
        assert!(
            credible
                .iter()
                .all(|id| evidence.credibility(*id) <= Credibility::Probable)
        );
        state.credibility = None;
        state.reliability = Some(Reliability::B);
        let reliable = state.rows(&project).to_vec();
        assert!(!reliable.is_empty() && reliable.len() < all);
        state.reliability = None;
        state.sort = SortColumn::Credibility;
        let grades: Vec<Credibility> = state
            .rows(&project)
            .iter()
            .map(|id| evidence.credibility(*id))
            .collect();
        assert!(grades.windows(2).all(|w| w[0] <= w[1]));
        assert!(grades.first() < grades.last(), "the example grades some");
        state.sort = SortColumn::Reliability;
        state.descending = true;
        let outlets: Vec<Reliability> = state
            .rows(&project)
            .iter()
            .filter_map(|id| project.passage(*id))
            .map(|p| ExcerptRow::of(&project, p).reliability)
            .collect();
        assert!(outlets.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn a_bad_date_is_an_error_and_keeps_the_last_rows() {
        let project = crate::example::example_project().expect("example");
        let mut state = ExcerptsState::default();
        let all = state.rows(&project).len();
        state.from = "2025-13".into();
        assert!(state.query().is_err());
        assert_eq!(state.rows(&project).len(), all);
        state.from = "2030".into();
        assert!(state.rows(&project).is_empty());
    }
}
