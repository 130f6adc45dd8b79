//! The window's side of articles from the web ([`crate::web`]): File › Add from link… (a URL
//! field), File › Feeds… (follow a feed, check the feeds, pick new items to add), and the open
//! article's versions (check it for changes; what changed between versions, sentence by
//! sentence).
//!
//! Network work runs on a worker thread; the window shows what runs, for how long, and a Cancel
//! button. Cancelling forgets the work: its result, when the request ends, is dropped, so nothing
//! changes. Results become edits only here, on the UI thread, against the project as it is then
//! (one undo step each).
//!
//! The workbench holds one [`WebWindows`] and calls [`WebWindows::menu_ui`] in the File menu and
//! [`WebWindows::ui`] once per frame, applying the edits it returns.

use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use crate::edit::Edit;
use crate::model::{DocId, Project};
use crate::web::diff::{Change, sentence_changes};
use crate::web::feed::FeedItem;
use crate::web::plan::{self, FeedCheck, Refresh};
use crate::web::{self, Client, WebArticle, WebError};

/// What a worker thread brings back.
enum Work {
    /// Articles fetched from links typed in.
    Added(Vec<Result<WebArticle, WebError>>),
    /// Feeds checked.
    Checked(Vec<Result<FeedCheck, WebError>>),
    /// Picked feed items fetched, with the feed each came from.
    Picked(Vec<(String, Result<WebArticle, WebError>)>),
    /// An article fetched again and its new text planned (on the worker: placing the passages
    /// again can take seconds), for the project at `revision`.
    Refetched {
        revision: u64,
        outcome: Box<Result<Option<Refresh>, String>>,
    },
}

/// Work running off the UI thread.
struct Job {
    what: String,
    started: Instant,
    receiver: Receiver<Work>,
}

impl Job {
    fn spawn(what: String, work: impl FnOnce(&Client) -> Work + Send + 'static) -> Self {
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            // A cancelled job's receiver is gone: the result is dropped.
            let _ = sender.send(work(&Client::new()));
        });
        Self {
            what,
            started: Instant::now(),
            receiver,
        }
    }
}

/// One item of a checked feed, and whether it is picked.
struct Pick {
    feed: String,
    item: FeedItem,
    picked: bool,
}

/// The state of the web windows.
#[derive(Default)]
pub struct WebWindows {
    add_open: bool,
    url_text: String,
    feeds_open: bool,
    feed_url_text: String,
    picks: Vec<Pick>,
    versions_open: bool,
    job: Option<Job>,
    /// The last outcome or error, shown in the open window.
    message: String,
}

impl std::fmt::Debug for WebWindows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebWindows")
            .field("busy", &self.job.is_some())
            .finish_non_exhaustive()
    }
}

impl WebWindows {
    /// Whether network work is running.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The entries of the File menu: Add from link…, Feeds…, Versions of this article….
    pub fn menu_ui(&mut self, ui: &mut egui::Ui) {
        if ui
            .button("Add from link…")
            .on_hover_text("Fetch an article from its web address")
            .clicked()
        {
            self.add_open = true;
            self.message.clear();
            ui.close();
        }
        if ui
            .button("Feeds…")
            .on_hover_text("Follow RSS and Atom feeds; check them for new articles")
            .clicked()
        {
            self.feeds_open = true;
            self.message.clear();
            ui.close();
        }
        if ui
            .button("Versions of this article…")
            .on_hover_text("Check the open article's page for changes; see what changed")
            .clicked()
        {
            self.versions_open = true;
            self.message.clear();
            ui.close();
        }
    }

    /// Shows the open windows and takes finished work; returns the edits to apply, in order.
    pub fn ui(&mut self, ctx: &egui::Context, project: &Project, open: Option<DocId>) -> Vec<Edit> {
        let mut edits = Vec::new();
        self.poll(project, &mut edits);
        if self.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.add_open {
            self.add_ui(ctx);
        }
        if self.feeds_open {
            self.feeds_ui(ctx, project, &mut edits);
        }
        if self.versions_open {
            self.versions_ui(ctx, project, open);
        }
        edits
    }

    fn poll(&mut self, project: &Project, edits: &mut Vec<Edit>) {
        let Some(job) = &self.job else { return };
        let work = match job.receiver.try_recv() {
            Ok(work) => work,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                self.message = "The network work stopped without an answer.".to_owned();
                return;
            }
        };
        self.job = None;
        match work {
            Work::Added(results) => {
                let (articles, errors) = split(results);
                if !errors.is_empty() {
                    self.message = errors.join("\n");
                    return;
                }
                let plan = plan::plan_add(project, articles, "");
                self.message = added_message(&plan);
                if let Some(edit) = plan.edit {
                    edits.push(edit);
                    self.url_text.clear();
                    self.add_open = false;
                }
            }
            Work::Checked(results) => {
                let mut checks = Vec::new();
                let mut errors = Vec::new();
                for result in results {
                    match result {
                        Ok(c) => checks.push(c),
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                self.picks = checks
                    .iter()
                    .flat_map(|c| {
                        c.new_items.iter().map(|item| Pick {
                            feed: c.feed.url.clone(),
                            item: item.clone(),
                            picked: false,
                        })
                    })
                    .collect();
                let mut lines = vec![match self.picks.len() {
                    0 => "No new items.".to_owned(),
                    1 => "1 new item: pick it to add it.".to_owned(),
                    n => format!("{n} new items: pick those to add."),
                }];
                lines.extend(errors);
                self.message = lines.join("\n");
                edits.extend(plan::feeds_edit(&checks, project));
            }
            Work::Picked(results) => {
                let mut articles = Vec::new();
                let mut errors = Vec::new();
                for (feed, result) in results {
                    match result {
                        Ok(article) => articles.push((article, feed)),
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                let plan = plan::plan_add_from_feeds(project, articles);
                let added = plan.added.len();
                self.picks.retain(|p| !p.picked);
                let mut lines = vec![format!(
                    "Added {added} article{}.",
                    if added == 1 { "" } else { "s" }
                )];
                lines.extend(errors);
                self.message = lines.join("\n");
                edits.extend(plan.edit);
            }
            Work::Refetched { revision, outcome } => match *outcome {
                _ if revision != project.revision() => {
                    self.message = "The project changed while the page was fetched: check \
                                    again."
                        .to_owned();
                }
                Ok(None) => self.message = "The page has not changed.".to_owned(),
                Ok(Some(refresh)) => {
                    let c = refresh.counts;
                    let mut text = format!(
                        "The page changed{}: the old text is kept as a version.",
                        if refresh.stealth {
                            " without a new modification date (a stealth edit)"
                        } else {
                            ""
                        }
                    );
                    if c.exact + c.approximate + c.orphaned > 0 {
                        text.push_str(&format!(
                            " Passages: {} placed exactly, {} approximately, {} orphaned \
                             (listed in the inspector).",
                            c.exact, c.approximate, c.orphaned
                        ));
                    }
                    self.message = text;
                    edits.push(refresh.edit);
                }
                Err(e) => self.message = e,
            },
        }
    }

    /// The running job's line with a spinner and Cancel; `true` when something runs.
    fn job_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let Some(job) = &self.job else { return false };
        let mut cancel = false;
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "{}… {:.0} s",
                job.what,
                job.started.elapsed().as_secs_f32()
            ));
            cancel = ui.button("Cancel").clicked();
        });
        if cancel {
            self.job = None;
            self.message = "Cancelled; nothing was changed.".to_owned();
        }
        true
    }

    fn message_ui(&self, ui: &mut egui::Ui) {
        if !self.message.is_empty() {
            ui.label(&self.message);
        }
    }

    fn add_ui(&mut self, ctx: &egui::Context) {
        let mut open = true;
        egui::Window::new("Add from link")
            .open(&mut open)
            .default_width(520.0)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Web addresses, one per line");
                ui.add(
                    egui::TextEdit::multiline(&mut self.url_text)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .hint_text("https://…"),
                )
                .labelled_by(label.id);
                let busy = self.job_ui(ui);
                let urls: Vec<String> = self
                    .url_text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
                if ui
                    .add_enabled(!busy && !urls.is_empty(), egui::Button::new("Add"))
                    .clicked()
                {
                    self.message.clear();
                    let what = match urls.len() {
                        1 => "Fetching the article".to_owned(),
                        n => format!("Fetching {n} articles"),
                    };
                    self.job = Some(Job::spawn(what, move |client| {
                        Work::Added(web::fetch_articles(client, &urls))
                    }));
                }
                self.message_ui(ui);
            });
        if !open {
            self.add_open = false;
        }
    }

    fn feeds_ui(&mut self, ctx: &egui::Context, project: &Project, edits: &mut Vec<Edit>) {
        let mut open = true;
        egui::Window::new("Feeds")
            .open(&mut open)
            .default_width(560.0)
            .collapsible(false)
            .show(ctx, |ui| {
                let feeds = &project.web().feeds;
                if feeds.is_empty() {
                    ui.label("This project follows no feeds yet.");
                }
                for feed in feeds.values() {
                    ui.horizontal(|ui| {
                        let name = if feed.title.is_empty() {
                            &feed.url
                        } else {
                            &feed.title
                        };
                        ui.label(name).on_hover_text(&feed.url);
                        let checked = feed
                            .checked
                            .map_or_else(|| "never checked".to_owned(), |t| format!("checked {t}"));
                        ui.weak(checked);
                        if ui.small_button("Unfollow").clicked() {
                            edits.push(Edit::Web(Box::new(crate::edit::WebEdit::SetFeed(
                                feed.url.clone(),
                                None,
                            ))));
                        }
                    });
                }
                ui.horizontal(|ui| {
                    let label = ui.label("Feed address");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.feed_url_text)
                            .hint_text("https://… (RSS or Atom)")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                    if ui.button("Follow").clicked() {
                        match plan::subscribe(project, &self.feed_url_text) {
                            Ok(Some(edit)) => {
                                edits.push(edit);
                                self.feed_url_text.clear();
                                self.message.clear();
                            }
                            Ok(None) => self.message = "This feed is followed already.".to_owned(),
                            Err(e) => self.message = e.to_string(),
                        }
                    }
                });
                ui.separator();
                let busy = self.job_ui(ui);
                if ui
                    .add_enabled(!busy && !feeds.is_empty(), egui::Button::new("Check feeds"))
                    .clicked()
                {
                    self.message.clear();
                    let known = plan::KnownUrls::of(project);
                    let feeds: Vec<_> = feeds.values().cloned().collect();
                    self.job = Some(Job::spawn("Checking the feeds".to_owned(), move |client| {
                        Work::Checked(
                            feeds
                                .iter()
                                .map(|f| plan::check_feed(client, &known, f))
                                .collect(),
                        )
                    }));
                }
                self.message_ui(ui);
                if !self.picks.is_empty() {
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            for pick in &mut self.picks {
                                let date = pick
                                    .item
                                    .published
                                    .map(|d| format!(", {d}"))
                                    .unwrap_or_default();
                                let title = if pick.item.title.is_empty() {
                                    pick.item.key().to_owned()
                                } else {
                                    pick.item.title.clone()
                                };
                                ui.horizontal(|ui| {
                                    ui.checkbox(&mut pick.picked, title)
                                        .on_hover_text(&pick.item.link);
                                    ui.weak(format!("{}{date}", pick.item.outlet));
                                });
                            }
                        });
                    let picked: Vec<(String, String)> = self
                        .picks
                        .iter()
                        .filter(|p| p.picked && !p.item.link.is_empty())
                        .map(|p| (p.feed.clone(), p.item.link.clone()))
                        .collect();
                    let label = format!("Add {} picked", picked.len());
                    if ui
                        .add_enabled(!busy && !picked.is_empty(), egui::Button::new(label))
                        .clicked()
                    {
                        let what = format!("Fetching {} articles", picked.len());
                        self.job = Some(Job::spawn(what, move |client| {
                            let links: Vec<String> =
                                picked.iter().map(|(_, l)| l.clone()).collect();
                            let results = web::fetch_articles(client, &links);
                            Work::Picked(picked.into_iter().map(|(f, _)| f).zip(results).collect())
                        }));
                    }
                }
            });
        if !open {
            self.feeds_open = false;
        }
    }

    fn versions_ui(&mut self, ctx: &egui::Context, project: &Project, open_doc: Option<DocId>) {
        let mut open = true;
        egui::Window::new("Versions of the article")
            .open(&mut open)
            .default_width(620.0)
            .collapsible(false)
            .show(ctx, |ui| {
                let Some(doc) = open_doc.and_then(|d| project.document(d)) else {
                    ui.label("Open an article in the reader first.");
                    return;
                };
                ui.strong(&doc.title);
                let record = project.web().fetched.get(&doc.id);
                match record {
                    Some(r) => ui.label(format!("Fetched {} from {}", r.fetched, r.url)),
                    None if doc.url.is_empty() => {
                        ui.label("This article has no web address: it cannot be checked.")
                    }
                    None => ui.label(format!("Imported from a file; its address: {}", doc.url)),
                };
                let busy = self.job_ui(ui);
                let url = plan::refresh_url(project, doc.id);
                if ui
                    .add_enabled(
                        !busy && url.is_some(),
                        egui::Button::new("Check for changes"),
                    )
                    .clicked()
                    && let Some(url) = url
                {
                    self.message.clear();
                    // Only this article goes to the worker, not a copy of the project.
                    match plan::RefreshBase::of(project, doc.id) {
                        Ok(base) => {
                            let revision = project.revision();
                            self.job = Some(Job::spawn(
                                "Fetching the page again".to_owned(),
                                move |client| {
                                    let outcome = web::fetch_article(client, &url)
                                        .map_err(|e| e.to_string())
                                        .and_then(|article| {
                                            plan::plan_refresh_from(&base, &article)
                                                .map_err(|e| e.to_string())
                                        });
                                    Work::Refetched {
                                        revision,
                                        outcome: Box::new(outcome),
                                    }
                                },
                            ));
                        }
                        Err(e) => self.message = e.to_string(),
                    }
                }
                self.message_ui(ui);
                let versions = record.map(|r| r.versions.as_slice()).unwrap_or_default();
                if versions.is_empty() {
                    ui.weak("No earlier versions.");
                    return;
                }
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        // Newest change first: each version against the text that replaced it.
                        let texts: Vec<&str> = versions
                            .iter()
                            .map(|v| v.text.as_str())
                            .chain([doc.text.as_str()])
                            .collect();
                        for (i, v) in versions.iter().enumerate().rev() {
                            let stealth = if v.stealth { " — stealth edit" } else { "" };
                            ui.strong(format!("Changed {}{stealth}", v.replaced));
                            if let Some(next) = texts.get(i + 1) {
                                for change in sentence_changes(&v.text, next) {
                                    match change {
                                        Change::Removed(s) => ui.colored_label(
                                            ui.visuals().error_fg_color,
                                            format!("− {s}"),
                                        ),
                                        Change::Added(s) => ui.colored_label(
                                            egui::Color32::from_rgb(0x2e, 0x8b, 0x57),
                                            format!("+ {s}"),
                                        ),
                                    };
                                }
                            }
                            ui.separator();
                        }
                    });
            });
        if !open {
            self.versions_open = false;
        }
    }
}

/// The articles and the errors' messages.
fn split(results: Vec<Result<WebArticle, WebError>>) -> (Vec<WebArticle>, Vec<String>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (articles, errors)
}

fn added_message(plan: &plan::AddPlan) -> String {
    let mut lines: Vec<String> = plan
        .added
        .iter()
        .map(|a| format!("Added “{}”.", a.document.title))
        .collect();
    lines.extend(
        plan.skipped
            .iter()
            .map(|s| format!("Already there: “{}” ({}).", s.same_as, s.url)),
    );
    lines.join("\n")
}
