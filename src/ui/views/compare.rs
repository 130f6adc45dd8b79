//! The Compare view: two codings of the same articles side by side, to see where they differ and
//! settle it. The two sides are either two analysts of the open project (the names on their
//! passages) or the open project (A) against another project file (B). At the top, the figures
//! of [`crate::agree::compare`] — α_u, κ, F1 and the per-character percent agreement, overall and
//! per tag — and "Export agreement as CSV…"; below, one article at a time: a two-lane strip of
//! the article with A's passages above and B's below, each in its tag's colour, the list of
//! differences in that article (only A, only B, boundaries differ, same span different tags),
//! and the selected difference's two readings with **Adopt A**, **Adopt B**, **Adopt both**
//! (each one undoable edit, built by [`crate::agree::adopt`]) and **Show in reader**.
//!
//! The comparison is computed once per project revision and choice of sides; the other file is
//! read on a worker when asked for (its path typed, or chosen with "Choose…"), with a spinner
//! meanwhile, so a large file never holds up the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui::{Color32, RichText, Sense, Stroke, Ui};

use crate::agree::adopt::{Choice, Coders, adoption};
use crate::agree::{self, Difference, Figures, Options, Report, Side, UnitRef};
use crate::model::{DocId, Passage, PassageId, Project};
use crate::ui::action::Action;
use crate::ui::combo::ComboAbove;
use crate::ui::command::Command;
use crate::ui::job::{CopyJob, Job, Poll};
use crate::ui::request::FileRequest;
use crate::ui::theme::Theme;

/// Chars of a quote shown in a difference's row.
const ROW_QUOTE: usize = 70;

/// Where the two codings come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// Two analysts of the open project.
    #[default]
    Analysts,
    /// The open project against another project file.
    File,
}

/// The other project file, once read.
#[derive(Debug)]
struct Other {
    path: PathBuf,
    project: Arc<Project>,
}

/// Above this many passages on the two sides together, a comparison is worked out on a worker
/// (with a copy of the open project made a slice per frame) while the last one stays shown:
/// comparing 200,000 passages with 190,000 takes about 0.6 s.
pub const AT_ONCE_PASSAGES: usize = 20_000;

/// What a comparison was computed for.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    revision: u64,
    source: Source,
    a: String,
    b: String,
    other: Option<u64>,
}

/// The view's state between frames.
#[derive(Debug, Default)]
pub struct CompareState {
    /// Two analysts, or another file.
    pub source: Source,
    /// Analyst A's name.
    pub a: String,
    /// Analyst B's name.
    pub b: String,
    /// The other project's path, as typed.
    pub path: String,
    other: Option<Other>,
    /// Why the other file could not be read.
    error: Option<String>,
    /// The other file being read on a worker (a large project takes half a second or more).
    loading: Option<(PathBuf, Job<Result<Project, String>>)>,
    cache: Option<(Key, Result<Report, String>)>,
    /// A comparison being worked out on a worker, and what for.
    computing: Option<(Key, CopyJob<Result<Report, String>>)>,
    /// The passages beyond which comparisons go to a worker ([`AT_ONCE_PASSAGES`]; tests lower
    /// it).
    pub at_once: Option<usize>,
    /// The analysts of the project, by revision.
    analysts: Option<(u64, Vec<String>)>,
    /// Blind coding is on for this analyst: the view shows no one else's reading.
    pub blind: Option<String>,
    /// The article shown (A's document).
    article: Option<DocId>,
    /// The difference selected (its index in the report).
    selected: Option<usize>,
}

impl CompareState {
    /// Starts reading the project file at `path` as side B (the open project is A) on a worker;
    /// [`Self::poll_loading`] takes it when it is read. On failure the view says why and keeps
    /// what it had.
    pub fn load(&mut self, path: &Path) {
        self.source = Source::File;
        self.path = path.display().to_string();
        self.error = None;
        if let Some((_, old)) = self.loading.take() {
            old.cancel();
        }
        let name =
            (path.file_name()).map_or_else(|| self.path.clone(), |n| n.to_string_lossy().into());
        let file = path.to_owned();
        let job = Job::spawn(format!("Reading {name}"), move |_| {
            crate::store::load(&file).map_err(|why| why.to_string())
        });
        self.loading = Some((path.to_owned(), job));
    }

    /// Whether the other file is still being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes the other file once it is read (or says why it could not be).
    pub fn poll_loading(&mut self) {
        let Some((path, job)) = self.loading.take() else {
            return;
        };
        match job.poll() {
            Poll::Running => self.loading = Some((path, job)),
            Poll::Done(Ok(project)) => {
                self.other = Some(Other {
                    path,
                    project: Arc::new(project),
                });
                self.error = None;
                self.article = None;
                self.selected = None;
            }
            Poll::Done(Err(why)) => {
                self.error = Some(format!("Could not read {}: {why}", path.display()));
            }
            Poll::Cancelled => {}
            Poll::Lost => {
                self.error = Some(format!(
                    "Could not read {}: the reading stopped unexpectedly.",
                    path.display()
                ));
            }
        }
    }

    /// The comparison shown, if there is one (for "Export agreement as CSV…").
    pub fn report(&self) -> Option<&Report> {
        self.cache.as_ref().and_then(|(_, r)| r.as_ref().ok())
    }

    /// Recomputes the comparison when the project or the sides changed.
    fn refresh(&mut self, project: &Project, analysts: &[String]) {
        if self.source == Source::Analysts {
            // Start on the first two analysts; forget names no passage carries any more.
            let known = |n: &str| analysts.iter().any(|a| a.eq_ignore_ascii_case(n));
            if !known(&self.a) {
                self.a = analysts.first().cloned().unwrap_or_default();
            }
            if !known(&self.b) || self.b.eq_ignore_ascii_case(&self.a) {
                self.b = (analysts.iter())
                    .find(|n| !n.eq_ignore_ascii_case(&self.a))
                    .cloned()
                    .unwrap_or_default();
            }
        }
        let key = Key {
            revision: project.revision(),
            source: self.source,
            a: self.a.clone(),
            b: self.b.clone(),
            other: (self.source == Source::File)
                .then(|| self.other.as_ref().map(|o| o.project.revision()))
                .flatten(),
        };
        if self.cache.as_ref().is_some_and(|(k, _)| *k == key) {
            if let Some((_, job)) = self.computing.take() {
                let mut job = job;
                job.cancel();
            }
            return;
        }
        let report = if analysts.len() < 2 && self.source == Source::Analysts {
            Err(format!(
                "Comparing analysts needs passages by two of them; this project has {}. \
                 Merge a colleague's copy (File › Merge another copy…) or compare with another file.",
                match analysts {
                    [] => "none with an analyst's name".to_owned(),
                    [one] => format!("only {one}'s"),
                    _ => String::new(),
                }
            ))
        } else if self.source == Source::File && self.other.is_none() {
            Err("Give the path of the project file to compare with.".to_owned())
        } else if self.passages(project) <= self.at_once.unwrap_or(AT_ONCE_PASSAGES) {
            self.work()(project)
        } else {
            match self.on_worker(project, key.clone()) {
                Some(report) => report,
                None => return,
            }
        };
        if let Ok(report) = &report {
            let docs: Vec<DocId> = report.compared.iter().map(|c| c.a_doc).collect();
            if self.article.is_none_or(|d| !docs.contains(&d)) {
                // The first article with a difference, else the first compared.
                self.article = (report.disagreements.first().map(|d| d.docs.0))
                    .or_else(|| docs.first().copied());
            }
            if self
                .selected
                .is_some_and(|i| report.disagreements.get(i).map(|d| d.docs.0) != self.article)
            {
                self.selected = None;
            }
        }
        self.cache = Some((key, report));
    }

    /// The passages on the two sides together.
    fn passages(&self, project: &Project) -> usize {
        let other = match (self.source, &self.other) {
            (Source::File, Some(other)) => other.project.passages().len(),
            _ => 0,
        };
        project.passages().len() + other
    }

    /// The comparison for the sides chosen, as work on (a copy of) the open project.
    fn work(&self) -> impl FnOnce(&Project) -> Result<Report, String> + Send + 'static {
        let (source, a_name, b_name) = (self.source, self.a.clone(), self.b.clone());
        let other = (self.other.as_ref()).map(|o| {
            let name = (o.path.file_name())
                .map_or("the other file".to_owned(), |n| n.to_string_lossy().into());
            (name, Arc::clone(&o.project))
        });
        move |project: &Project| match (source, other) {
            (Source::File, Some((name, other))) => {
                let a = Side::whole("this project", project);
                let b = Side::whole(name, &other);
                agree::compare(&a, &b, &Options::default()).map_err(|e| e.to_string())
            }
            (Source::File, None) => {
                Err("Give the path of the project file to compare with.".to_owned())
            }
            (Source::Analysts, _) => agree::coders(project, &a_name, &b_name)
                .and_then(|(a, b)| agree::compare(&a, &b, &Options::default()))
                .map_err(|e| e.to_string()),
        }
    }

    /// Works the comparison out on a worker: starts it (or a copy for it) when `key` is new,
    /// copies a slice of the project per frame, and gives the report once it is done.
    fn on_worker(&mut self, project: &Project, key: Key) -> Option<Result<Report, String>> {
        if self.computing.as_ref().is_none_or(|(k, _)| *k != key) {
            if let Some((_, mut old)) = self.computing.take() {
                old.cancel();
            }
            let work = self.work();
            let job = CopyJob::start("Comparing", project, move |copy, _| {
                copy.and_then(|copy| work(&copy))
            });
            self.computing = Some((key, job));
        }
        let (key, mut job) = self.computing.take()?;
        job.step(project, Duration::from_millis(4));
        match job.poll() {
            Poll::Running => {
                self.computing = Some((key, job));
                None
            }
            Poll::Done(report) => Some(report),
            Poll::Cancelled => None,
            Poll::Lost => Some(Err("The comparison stopped unexpectedly.".to_owned())),
        }
    }

    /// Whether a comparison is being worked out on a worker (the one shown is of an earlier
    /// state: its adoptions are held back until it is done).
    pub fn is_computing(&self) -> bool {
        self.computing.is_some()
    }

    fn coders<'s>(&'s self) -> Option<Coders<'s>> {
        match self.source {
            Source::Analysts => Some(Coders::Analysts {
                a: &self.a,
                b: &self.b,
            }),
            Source::File => self.other.as_ref().map(|o| Coders::OtherFile(&o.project)),
        }
    }

    /// The project B's passages live in.
    fn b_project<'s>(&'s self, open: &'s Project) -> &'s Project {
        match (self.source, &self.other) {
            (Source::File, Some(other)) => &other.project,
            _ => open,
        }
    }
}

/// A figure with three decimals, or "—".
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}

/// Draws the Compare view.
pub fn compare_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut CompareState,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    if let Some(analyst) = &state.blind {
        ui.add_space(6.0);
        ui.label(RichText::new("Compare").strong().size(15.0));
        ui.label(
            RichText::new(format!(
                "Blind coding is on: only {analyst}'s passages are shown, so that this reading stays independent. Comparing would show the other readings; turn blind coding off ({}) to compare.",
                Command::ToggleBlindCoding.key_or_label()
            ))
            .color(theme.weak_text),
        );
        return;
    }
    // The analysts' names, once per project revision (a pass over every passage).
    if state
        .analysts
        .as_ref()
        .is_none_or(|(r, _)| *r != project.revision())
    {
        state.analysts = Some((project.revision(), agree::analysts(project)));
    }
    let analysts = state.analysts.take().map(|(_, a)| a).unwrap_or_default();
    ui.add_space(6.0);
    state.poll_loading();
    sides_ui(ui, state, &analysts, theme, actions);
    if let Some((_, job)) = &state.loading {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new(job.progress_text()).color(theme.weak_text));
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
        state.analysts = Some((project.revision(), analysts));
        return;
    }
    state.refresh(project, &analysts);
    state.analysts = Some((project.revision(), analysts));
    if let Some((_, job)) = &state.computing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(
                RichText::new(format!(
                    "{} — the comparison below is of the project as it was; adopting waits for it",
                    job.progress_text()
                ))
                .color(theme.weak_text),
            );
        });
        ui.ctx().request_repaint();
    }
    ui.separator();
    // The report is lent out of the state for the frame (never copied).
    let Some((key, result)) = state.cache.take() else {
        return;
    };
    match &result {
        Err(why) => {
            ui.label(RichText::new(why).color(theme.weak_text));
        }
        Ok(report) => {
            figures_ui(ui, report, theme, actions);
            ui.separator();
            if report.compared.is_empty() {
                ui.label(
                    RichText::new(
                        "No article was coded by both sides, so there is nothing to compare.",
                    )
                    .color(theme.weak_text),
                );
            } else {
                article_ui(ui, project, state, report, theme, actions);
            }
        }
    }
    state.cache = Some((key, result));
}

/// The choice of the two sides.
fn sides_ui(
    ui: &mut Ui,
    state: &mut CompareState,
    analysts: &[String],
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Compare").strong().size(15.0));
        ui.radio_value(
            &mut state.source,
            Source::Analysts,
            "Two analysts of this project",
        );
        ui.radio_value(
            &mut state.source,
            Source::File,
            "This project with another file",
        );
    });
    match state.source {
        Source::Analysts => {
            ui.horizontal_wrapped(|ui| {
                for (label, slot) in [("A (above)", 0), ("B (below)", 1)] {
                    ui.label(label);
                    let current = if slot == 0 { &state.a } else { &state.b }.clone();
                    let mut chosen = None;
                    egui::ComboBox::from_id_salt(("dossier-compare-analyst", slot))
                        .selected_text(if current.is_empty() {
                            "—".to_owned()
                        } else {
                            current.clone()
                        })
                        .show_above(ui, |ui| {
                            for name in analysts {
                                if ui.selectable_label(*name == current, name).clicked() {
                                    chosen = Some(name.clone());
                                }
                            }
                        })
                        .response
                        .accessible_name(format!("Analyst {}", if slot == 0 { "A" } else { "B" }));
                    if let Some(name) = chosen {
                        if slot == 0 {
                            state.a = name;
                        } else {
                            state.b = name;
                        }
                        state.selected = None;
                    }
                }
            });
        }
        Source::File => {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("Other project (B)");
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut state.path)
                            .hint_text("/path/to/their-copy.ron")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Compare with this file").clicked() || enter {
                    let path = PathBuf::from(state.path.trim());
                    if state.path.trim().is_empty() {
                        state.error = Some("Give the path of a .ron project file.".to_owned());
                    } else {
                        state.load(&path);
                    }
                }
                if ui
                    .button("Choose…")
                    .on_hover_text("Choose the project file to compare with")
                    .clicked()
                {
                    actions.push(Action::RequestFile(FileRequest::CompareWith));
                }
            });
            if let Some(error) = &state.error {
                ui.label(RichText::new(error).color(theme.error));
            } else if let Some(other) = &state.other {
                ui.label(
                    RichText::new(format!(
                        "A is this project, B is {} (read only: adopting changes this project)",
                        other.path.display()
                    ))
                    .small()
                    .color(theme.weak_text),
                );
            }
        }
    }
}

/// The figures, overall and per tag, and the CSV export.
fn figures_ui(ui: &mut Ui, report: &Report, theme: &Theme, actions: &mut Vec<Action>) {
    let a = &report.articles;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "A: {} · B: {} · {} article{} compared ({} chars), {} left out · {} difference{}",
                report.a,
                report.b,
                a.compared,
                if a.compared == 1 { "" } else { "s" },
                a.chars,
                a.excluded.len() + a.uncoded,
                report.disagreements.len(),
                if report.disagreements.len() == 1 {
                    ""
                } else {
                    "s"
                }
            ))
            .color(theme.weak_text),
        );
        if ui
            .button("Export agreement as CSV…")
            .on_hover_text("The table of figures, one row overall and one per tag, with the counts behind them (as dossier agree --csv)")
            .clicked()
        {
            actions.push(Action::RequestFile(FileRequest::AgreementCsv));
        }
    });
    let row = |ui: &mut Ui, name: &str, f: &Figures, strong: bool| {
        let text = |t: String| {
            let t = RichText::new(t);
            if strong { t.strong() } else { t }
        };
        let mut why: Vec<&str> = f.why.values().map(String::as_str).collect();
        why.dedup();
        let name = ui.label(text(name.replace('/', " › ")));
        if !why.is_empty() {
            name.on_hover_text(format!("— means: {}", why.join("; ")));
        }
        for v in [f.alpha_u, f.kappa, f.f1] {
            ui.label(text(figure(v)));
        }
        ui.label(text(
            f.percent_agreement
                .map_or("—".to_owned(), |v| format!("{:.1}%", v * 100.0)),
        ));
        let c = &f.counts;
        for n in [c.a_units, c.b_units, c.matched] {
            ui.label(text(n.to_string()));
        }
        ui.end_row();
    };
    egui::ScrollArea::both()
        .id_salt("dossier-compare-figures")
        .max_height((ui.available_height() * 0.25).clamp(70.0, 150.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("dossier-compare-grid")
                .num_columns(8)
                .striped(true)
                .show(ui, |ui| {
                    for h in ["tag", "α_u", "κ", "F1", "% chars*", "A", "B", "matched"] {
                        ui.label(RichText::new(h).color(theme.weak_text));
                    }
                    ui.end_row();
                    row(ui, "overall", &report.overall, true);
                    for (name, f) in &report.tags {
                        row(ui, name, f, false);
                    }
                });
        });
    ui.label(
        RichText::new(
            "* per-character percent agreement as QualCoder and NVivo report it: uncoded text counts as agreement, shown for comparison only. — : cannot be computed (point at the tag for why).",
        )
        .small()
        .color(theme.weak_text),
    );
}

/// A side's passages in an article.
fn lane<'p>(project: &'p Project, doc: DocId, who: Option<&str>) -> Vec<&'p Passage> {
    project
        .passages_in(doc)
        .filter(|p| who.is_none_or(|name| p.is_by(name)))
        .collect()
}

/// The article picker, the two-lane strip, the article's differences and the selected one.
fn article_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut CompareState,
    report: &Report,
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let Some(index) = (report.compared.iter()).position(|c| Some(c.a_doc) == state.article) else {
        return;
    };
    let count = |doc: DocId| {
        report
            .disagreements
            .iter()
            .filter(|d| d.docs.0 == doc)
            .count()
    };
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("‹"))
            .on_hover_text("Previous article")
            .clicked()
        {
            state.article = Some(report.compared[index - 1].a_doc);
            state.selected = None;
        }
        if ui
            .add_enabled(index + 1 < report.compared.len(), egui::Button::new("›"))
            .on_hover_text("Next article")
            .clicked()
        {
            state.article = Some(report.compared[index + 1].a_doc);
            state.selected = None;
        }
        let current = &report.compared[index];
        let mut chosen = None;
        let shown = format!(
            "{} of {}: {} ({} differences)",
            index + 1,
            report.compared.len(),
            crate::model::clipped(&current.title, 60),
            count(current.a_doc)
        );
        egui::ComboBox::from_id_salt("dossier-compare-article")
            .width((ui.available_width() - 16.0).clamp(120.0, 520.0))
            .truncate()
            .selected_text(shown)
            .show_above(ui, |ui| {
                for c in &report.compared {
                    let text = format!("{} ({})", c.title, count(c.a_doc));
                    if ui
                        .selectable_label(c.a_doc == current.a_doc, text)
                        .clicked()
                    {
                        chosen = Some(c.a_doc);
                    }
                }
            })
            .response
            .accessible_name("Article compared");
        if chosen.is_some() {
            state.article = chosen;
            state.selected = None;
        }
    });
    let compared = &report.compared[index];
    let (a_name, b_name) = match state.source {
        Source::Analysts => (Some(state.a.as_str()), Some(state.b.as_str())),
        Source::File => (None, None),
    };
    let b_project = state.b_project(project);
    let a_lane = lane(project, compared.a_doc, a_name);
    let b_lane = lane(b_project, compared.b_doc, b_name);
    let len = project
        .document(compared.a_doc)
        .map_or(1, |d| d.text.len_chars().max(1));
    let here: Vec<usize> = (report.disagreements.iter().enumerate())
        .filter(|(_, d)| d.docs.0 == compared.a_doc)
        .map(|(i, _)| i)
        .collect();
    let selected = state.selected.and_then(|i| report.disagreements.get(i));
    if let Some(clicked) = strip_ui(
        ui,
        project,
        b_project,
        (&a_lane, &b_lane),
        len,
        selected,
        (&report.a, &report.b),
        theme,
    ) {
        // The difference under the click, if any.
        let hit = |u: &Option<UnitRef>| {
            u.as_ref()
                .is_some_and(|u| (u.start..u.end).contains(&clicked))
        };
        if let Some(i) = here
            .iter()
            .find(|i| hit(&report.disagreements[**i].a) || hit(&report.disagreements[**i].b))
        {
            state.selected = Some(*i);
        }
    }
    ui.add_space(4.0);
    if here.is_empty() {
        ui.label(RichText::new("The two readings of this article agree.").color(theme.weak_text));
        return;
    }
    let list_height = (ui.available_height() * 0.4).clamp(80.0, 240.0);
    egui::ScrollArea::vertical()
        .id_salt("dossier-compare-differences")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for &i in &here {
                let d = &report.disagreements[i];
                let quote =
                    d.a.as_ref()
                        .or(d.b.as_ref())
                        .map_or("", |u| u.quote.as_str());
                let text = format!(
                    "{}: “{}”",
                    d.kind.label(),
                    crate::model::clipped(quote, ROW_QUOTE)
                );
                if ui
                    .add(egui::Button::selectable(state.selected == Some(i), text).wrap())
                    .clicked()
                {
                    state.selected = Some(i);
                }
            }
        });
    ui.separator();
    let Some(i) = state.selected.filter(|i| here.contains(i)) else {
        ui.label(
            RichText::new("Click a difference (or its place in the strip) to settle it.")
                .color(theme.weak_text),
        );
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("dossier-compare-difference")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            difference_ui(
                ui,
                project,
                state,
                &report.disagreements[i],
                (&report.a, &report.b),
                theme,
                actions,
            );
        });
}

/// The strip: the article as a bar, A's passages in the upper lane, B's in the lower, each in
/// its first tag's colour; the selected difference outlined. Returns the char clicked.
#[allow(clippy::too_many_arguments)]
fn strip_ui(
    ui: &mut Ui,
    a_project: &Project,
    b_project: &Project,
    (a_lane, b_lane): (&[&Passage], &[&Passage]),
    len: usize,
    selected: Option<&Difference>,
    (a_label, b_label): (&str, &str),
    theme: &Theme,
) -> Option<usize> {
    const LANE: f32 = 16.0;
    const NAME: f32 = 90.0;
    let width = ui.available_width().max(NAME + 40.0);
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, LANE * 2.0 + 6.0), Sense::click());
    let painter = ui.painter_at(rect);
    let bar = egui::Rect::from_min_max(rect.min + egui::vec2(NAME, 0.0), rect.max);
    let x = |c: usize| bar.left() + bar.width() * (c as f32 / len as f32);
    for (row, (label, project, passages)) in
        [(a_label, a_project, a_lane), (b_label, b_project, b_lane)]
            .into_iter()
            .enumerate()
    {
        let top = rect.top() + row as f32 * (LANE + 6.0);
        painter.text(
            egui::pos2(rect.left(), top + LANE / 2.0),
            egui::Align2::LEFT_CENTER,
            format!(
                "{} {}",
                if row == 0 { "A" } else { "B" },
                crate::model::clipped(label, 10)
            ),
            egui::FontId::proportional(12.0),
            theme.weak_text,
        );
        let lane = egui::Rect::from_min_max(
            egui::pos2(bar.left(), top),
            egui::pos2(bar.right(), top + LANE),
        );
        painter.rect_filled(lane, 2.0, theme.row_hover);
        for p in passages {
            let color = p
                .tags
                .first()
                .and_then(|t| project.tag(*t))
                .map_or(theme.untagged, |t| theme.swatch(t.color));
            let r = egui::Rect::from_min_max(
                egui::pos2(x(p.start), top + 2.0),
                egui::pos2(x(p.end).max(x(p.start) + 2.0), top + LANE - 2.0),
            );
            painter.rect_filled(r, 1.0, color);
        }
    }
    if let Some(d) = selected {
        for (row, unit) in [&d.a, &d.b].into_iter().enumerate() {
            if let Some(u) = unit {
                let top = rect.top() + row as f32 * (LANE + 6.0);
                let r = egui::Rect::from_min_max(
                    egui::pos2(x(u.start) - 2.0, top),
                    egui::pos2(x(u.end).max(x(u.start) + 2.0) + 2.0, top + LANE),
                );
                painter.rect_stroke(
                    r,
                    2.0,
                    Stroke::new(2.0, theme.text),
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
    let response = response.on_hover_text("Click a passage to select its difference");
    let pos = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())?;
    (pos.x >= bar.left()).then(|| {
        let share = ((pos.x - bar.left()) / bar.width()).clamp(0.0, 1.0);
        ((share * len as f32) as usize).min(len.saturating_sub(1))
    })
}

/// One side's reading of the selected difference: its quote on its tag colour, and its tags.
fn reading_ui(
    ui: &mut Ui,
    project: &Project,
    side: &str,
    name: &str,
    unit: Option<&UnitRef>,
    theme: &Theme,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{side} ({name}):")).strong());
        let Some(u) = unit else {
            ui.label(
                RichText::new("no passage here")
                    .italics()
                    .color(theme.weak_text),
            );
            return;
        };
        let passage = u
            .passage
            .parse::<PassageId>()
            .ok()
            .and_then(|id| project.passage(id));
        let background = passage
            .and_then(|p| p.tags.first())
            .and_then(|t| project.tag(*t))
            .map_or(Color32::TRANSPARENT, |t| theme.highlight(t.color));
        ui.label(
            RichText::new(format!("{}–{}", u.start, u.end))
                .small()
                .color(theme.weak_text),
        );
        ui.label(
            RichText::new(crate::model::clipped(&u.quote, 400))
                .background_color(background)
                .color(theme.text),
        );
        let tags = if u.tags.is_empty() {
            "no tags".to_owned()
        } else {
            u.tags.join(", ").replace('/', " › ")
        };
        ui.label(RichText::new(format!("[{tags}]")).color(theme.weak_text));
    });
}

/// The selected difference: both readings, and the buttons that settle it.
fn difference_ui(
    ui: &mut Ui,
    project: &Project,
    state: &CompareState,
    d: &Difference,
    (a_name, b_name): (&str, &str),
    theme: &Theme,
    actions: &mut Vec<Action>,
) {
    let Some(coders) = state.coders() else {
        return;
    };
    // The buttons first, so they stay in view on a small window; the two readings below.
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(d.kind.label()).strong());
        for choice in Choice::ALL {
            let built = adoption(project, coders, d, choice);
            let tip = match (&built, choice, state.source) {
                (Err(why), _, _) => why.to_string(),
                (Ok(None), Choice::A, Source::File) => {
                    "This project already reads it as A does".to_owned()
                }
                (Ok(None), _, _) => "Nothing would change".to_owned(),
                (Ok(Some(_)), Choice::A, _) => {
                    "Keep A's reading: B's passage takes A's span and tags (or is removed, or gets a copy of A's); one undo step".to_owned()
                }
                (Ok(Some(_)), Choice::B, Source::Analysts) => {
                    "Keep B's reading: A's passage takes B's span and tags (or is removed, or gets a copy of B's); one undo step".to_owned()
                }
                (Ok(Some(_)), Choice::B, Source::File) => {
                    "Take B's reading into this project: our passage takes B's span and tags, or B's passage is copied in (tags matched by path, missing ones created), or ours is removed; one undo step".to_owned()
                }
                (Ok(Some(_)), Choice::Both, _) => {
                    "Keep both readings: the passage covers both spans and carries both sets of tags; one undo step".to_owned()
                }
            };
            let edit = built.ok().flatten();
            // A comparison of an earlier state may no longer hold: adopting waits for the new one.
            let response = ui
                .add_enabled(
                    edit.is_some() && !state.is_computing(),
                    egui::Button::new(choice.label()),
                )
                .on_hover_text(&tip)
                .on_disabled_hover_text(&tip);
            if response.clicked()
                && let Some(edit) = edit
            {
                actions.push(Action::Edit(edit));
            }
        }
        let undo = Command::Undo.key_or_label();
        ui.label(RichText::new(format!("({undo} undoes)")).small().color(theme.weak_text));
        let ours = d.a.as_ref().and_then(|u| u.passage.parse::<PassageId>().ok());
        let target = match (state.source, ours, &d.b) {
            (_, Some(p), _) if project.passage(p).is_some() => Some(Action::JumpToPassage(p)),
            (Source::Analysts, _, Some(b)) => b
                .passage
                .parse::<PassageId>()
                .ok()
                .filter(|p| project.passage(*p).is_some())
                .map(Action::JumpToPassage),
            (Source::File, _, Some(b)) => Some(Action::JumpToText(d.docs.0, b.start, b.end)),
            _ => None,
        };
        if let Some(action) = target
            && ui
                .button("Show in reader")
                .on_hover_text("Open the article in the reader at this place")
                .clicked()
        {
            actions.push(action);
        }
    });
    reading_ui(ui, project, "A", a_name, d.a.as_ref(), theme);
    reading_ui(
        ui,
        state.b_project(project),
        "B",
        b_name,
        d.b.as_ref(),
        theme,
    );
}
