//! Files and background work: native file dialogs run off the UI thread, the in-app path prompt
//! used when no native dialog exists, background imports and autosaves, the persisted settings
//! (recent projects, theme), and the default place to save.
//!
//! How "no native dialog" is detected: rfd on Linux asks the XDG desktop portal, then falls back
//! to zenity; with neither it returns `None` at once, exactly as if the user had cancelled. A
//! person cannot open, read and cancel a dialog in under [`NO_DIALOG_WITHIN_MS`] milliseconds,
//! so a `None` that quick means no dialog was shown: the workbench then switches to the in-app
//! path prompt for the rest of the session. Setting `DOSSIER_DIALOGS=in-app` skips native
//! dialogs altogether (scripts, tests, headless machines).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use super::request::FileRequest;

use super::job::{CopyJob, Job, Poll};
use super::library::LibrarySort;
use crate::import::{ImportBatch, ImportOptions, import_paths};
use crate::model::Project;
use crate::session::Snapshot;

/// A `None` from a native dialog faster than this means no dialog was shown.
pub const NO_DIALOG_WITHIN_MS: u64 = 400;

/// Recent projects kept in the File menu.
pub const MAX_RECENT: usize = 10;

/// Where the file prompts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogMode {
    /// rfd's native dialogs, on a worker thread.
    Native,
    /// The in-app path prompt.
    InApp,
}

impl DialogMode {
    /// Native unless `DOSSIER_DIALOGS=in-app` is set.
    pub fn from_env() -> Self {
        match std::env::var("DOSSIER_DIALOGS") {
            Ok(v) if v.eq_ignore_ascii_case("in-app") => Self::InApp,
            _ => Self::Native,
        }
    }
}

/// What a native dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    /// The user chose these paths.
    Picked(Vec<PathBuf>),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown (see the module docs).
    Unavailable,
}

/// Every extension an article file may have (text, documents, pages, QDA projects, lists).
fn article_extensions() -> Vec<&'static str> {
    crate::import::TEXT_EXTENSIONS
        .iter()
        .chain(crate::import::DOCUMENT_EXTENSIONS.iter())
        .copied()
        .collect()
}

/// A native dialog running on a worker thread.
#[derive(Debug)]
pub struct PendingDialog {
    /// What it is for.
    pub request: FileRequest,
    job: Job<Option<Vec<PathBuf>>>,
}

impl PendingDialog {
    /// Opens the native dialog for `request` on a worker thread.
    pub fn spawn(
        request: FileRequest,
        start_dir: Option<PathBuf>,
        file_name: Option<String>,
    ) -> Self {
        let job = Job::spawn("Waiting for the file dialog", move |_| {
            let mut dialog = rfd::FileDialog::new().set_title(request.title());
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = file_name {
                dialog = dialog.set_file_name(name);
            }
            match request {
                FileRequest::Open | FileRequest::CompareWith => dialog
                    .add_filter("Dossier project", &["ron"])
                    .pick_file()
                    .map(|p| vec![p]),
                FileRequest::SaveAs => dialog
                    .add_filter("Dossier project", &["ron"])
                    .save_file()
                    .map(|p| vec![p]),
                FileRequest::ImportFiles => {
                    let all = article_extensions();
                    dialog
                        .add_filter("Articles and QDA projects", &all)
                        .add_filter("Text and Markdown", &crate::import::TEXT_EXTENSIONS)
                        .pick_files()
                }
                FileRequest::ImportFolder => dialog.pick_folder().map(|p| vec![p]),
                FileRequest::ReplaceText => {
                    let all = article_extensions();
                    dialog
                        .add_filter("Articles", &all)
                        .pick_file()
                        .map(|p| vec![p])
                }
                FileRequest::Export(format) => dialog
                    .add_filter(format.name().to_uppercase(), &[format.extension()])
                    .save_file()
                    .map(|p| vec![p]),
                FileRequest::AgreementCsv => dialog
                    .add_filter("CSV", &["csv"])
                    .save_file()
                    .map(|p| vec![p]),
            }
        });
        Self { request, job }
    }

    /// The dialog's result once it has one.
    pub fn poll(&self) -> Option<DialogOutcome> {
        match self.job.poll() {
            Poll::Done(Some(paths)) if !paths.is_empty() => Some(DialogOutcome::Picked(paths)),
            Poll::Done(_) => Some(
                if self.job.elapsed() < Duration::from_millis(NO_DIALOG_WITHIN_MS) {
                    DialogOutcome::Unavailable
                } else {
                    DialogOutcome::Cancelled
                },
            ),
            Poll::Running => None,
            Poll::Cancelled => Some(DialogOutcome::Cancelled),
            Poll::Lost => Some(DialogOutcome::Unavailable),
        }
    }

    /// What the status bar shows meanwhile.
    pub fn progress_text(&self) -> String {
        self.job.progress_text()
    }
}

/// What an import hands back: the batch to apply, or why each file was refused (an empty list:
/// the worker stopped without a word).
pub type ImportOutcome = Result<Box<ImportBatch>, Vec<String>>;

/// An import: the project is copied a slice per frame (the import weighs its files against the
/// project's texts and passages to skip duplicates), then the files are read and imported
/// against the copy on a worker thread ([`CopyJob`]).
#[derive(Debug)]
pub struct ImportJob {
    /// The files and folders being imported.
    pub paths: Vec<PathBuf>,
    /// The copy, then the import.
    pub job: CopyJob<ImportOutcome>,
}

impl ImportJob {
    /// Starts importing `paths` into `project`.
    pub fn start(project: &Project, paths: Vec<PathBuf>) -> Self {
        let job_paths = paths.clone();
        let what = format!("Importing {} item(s)", paths.len());
        let job = CopyJob::start(what, project, move |copy, _| {
            let project = copy.map_err(|why| vec![why])?;
            import_paths(&project, &job_paths, &ImportOptions::default())
                .map(Box::new)
                .map_err(|failures| failures.iter().map(|f| f.error.to_string()).collect())
        });
        Self { paths, job }
    }

    /// The result once the import has finished; `Some(Err(empty))` if the worker died;
    /// `None` while it is copied or runs, and once cancelled.
    pub fn poll(&self) -> Option<ImportOutcome> {
        match self.job.poll() {
            Poll::Done(result) => Some(result),
            Poll::Running | Poll::Cancelled => None,
            Poll::Lost => Some(Err(Vec::new())),
        }
    }

    /// Finishes the copy of `project` and waits for the import (tests, scripts).
    pub fn wait(&mut self, project: &Project) -> ImportOutcome {
        self.job.wait(project).unwrap_or_else(|| Err(Vec::new()))
    }
}

/// The autosave's copy of the project ([`crate::session::Snapshot`], made a slice per frame),
/// with the history state and file generation it was started for.
#[derive(Debug)]
pub struct ProjectSnapshot {
    /// The history's state token of the project being copied.
    pub token: u64,
    /// The workbench's file generation when it started.
    pub generation: u64,
    copy: Snapshot,
}

impl ProjectSnapshot {
    /// Starts a copy of `project` (everything but the passages now).
    pub fn start(project: &Project, token: u64, generation: u64) -> Self {
        Self {
            token,
            generation,
            copy: Snapshot::start(project),
        }
    }

    /// Copies passages of `project` (the same, unchanged project) for about `budget`; true when
    /// the copy is complete.
    pub fn step(&mut self, project: &Project, budget: Duration) -> bool {
        self.copy.step(project, budget)
    }

    /// Whether every passage has been copied.
    pub fn is_finished(&self) -> bool {
        self.copy.is_finished()
    }

    /// Puts the copy together again as a project (validated: run it off the UI thread).
    pub fn into_project(self) -> Result<Project, String> {
        self.copy.into_project()
    }
}

/// An autosave being written on a worker thread: a snapshot of the project, written to its
/// recovery file so that the window never waits for a large project to be serialised.
#[derive(Debug)]
pub struct AutosaveJob {
    /// The recovery file being written.
    pub path: PathBuf,
    /// The history's state token of the snapshot.
    pub token: u64,
    /// The workbench's file generation when it started (a save or an open since makes the
    /// result stale).
    pub generation: u64,
    job: Job<Result<(), String>>,
}

impl AutosaveJob {
    /// Starts putting a finished snapshot together and writing it to `path`.
    pub fn spawn(snapshot: ProjectSnapshot, path: PathBuf) -> Self {
        let job_path = path.clone();
        let (token, generation) = (snapshot.token, snapshot.generation);
        let job = Job::spawn("Autosaving", move |_| {
            snapshot.into_project().and_then(|project| {
                crate::store::write_recovery(&project, &job_path)
                    .map_err(|err| format!("{err} — {}", job_path.display()))
                // The copy is dropped here, off the UI thread, too.
            })
        });
        Self {
            path,
            token,
            generation,
            job,
        }
    }

    /// Why it gave no result: the worker stopped.
    fn lost(&self) -> String {
        format!(
            "the autosave stopped unexpectedly — {}",
            self.path.display()
        )
    }

    /// The result once the write has finished (an error if the worker died).
    pub fn poll(&self) -> Option<Result<(), String>> {
        match self.job.poll() {
            Poll::Done(result) => Some(result),
            Poll::Running | Poll::Cancelled => None,
            Poll::Lost => Some(Err(self.lost())),
        }
    }

    /// Waits for the write to finish (closing the window, tests).
    pub fn wait(&self) -> Result<(), String> {
        self.job.wait().unwrap_or_else(|| Err(self.lost()))
    }
}

/// Which theme to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// The next choice in the cycle system → light → dark.
    pub fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }

    /// egui's preference for this choice.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "follow the system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

/// What the workbench remembers between runs (stored by eframe's persistence).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The project open when the app last closed (only saved projects have a path).
    pub last_project: Option<PathBuf>,
    /// Recently opened or saved projects, newest first.
    pub recent: Vec<PathBuf>,
    /// The colour theme.
    pub theme: ThemeChoice,
    /// The library's order.
    pub library_sort: LibrarySort,
    /// The tags on the number keys 1–9, per project file (newest project first).
    pub recent_tags: Vec<(PathBuf, Vec<crate::model::TagId>)>,
    /// The analyst's name, stored on the passages, actors and events they make or change (empty:
    /// not recorded). Set once in Project › Your name as analyst….
    pub analyst: String,
    /// Blind coding: the reader and the views that list passages show only the analyst's own
    /// (View › Blind coding), so a second reading is not swayed by the first.
    pub blind_coding: bool,
    /// The excerpts table's columns (its "Columns" menu).
    pub excerpt_columns: crate::ui::views::excerpts::ColumnSet,
}

impl Settings {
    /// The key under which eframe stores the settings.
    pub const STORAGE_KEY: &'static str = "dossier-settings";

    /// Puts a project at the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_project = Some(path);
    }

    /// The tags on the number keys for the project at `path`, in key order.
    pub fn recent_tags_for(&self, path: &Path) -> Vec<crate::model::TagId> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent_tags
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, tags)| tags.clone())
            .unwrap_or_default()
    }

    /// Remembers the tags on the number keys for the project at `path`.
    pub fn set_recent_tags(&mut self, path: &Path, tags: &[crate::model::TagId]) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent_tags.retain(|(p, _)| *p != path);
        self.recent_tags.insert(0, (path, tags.to_vec()));
        self.recent_tags.truncate(MAX_RECENT);
    }
}

/// The folder new projects are offered to be saved in: `saves/` under the working directory.
pub fn saves_dir() -> PathBuf {
    PathBuf::from("saves")
}

/// A file name for saving a project for the first time: its name in `saves/`, made unique
/// so the bundled example file is never overwritten by accident.
pub fn default_save_path(file_name: &str) -> PathBuf {
    let dir = saves_dir();
    let stem = Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("project")
        .to_owned();
    let first = dir.join(format!("{stem}.ron"));
    if !first.exists() {
        return first;
    }
    (2..1000)
        .map(|n| dir.join(format!("{stem}-{n}.ron")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A file name made from a project title: lower case, words joined by dashes.
pub fn file_name_for_title(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "project.ron".to_owned()
    } else {
        format!("{slug}.ron")
    }
}

/// Parses what the user typed in the path prompt: one path per line (or separated by `;` for
/// imports), `~` expanded, surrounding quotes removed.
pub fn parse_prompt_paths(text: &str) -> Vec<PathBuf> {
    text.split(['\n', ';'])
        .map(|s| s.trim().trim_matches(['"', '\'']).trim())
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix("~/") {
            Some(rest) => std::env::var_os("HOME")
                .map(|home| PathBuf::from(home).join(rest))
                .unwrap_or_else(|| PathBuf::from(s)),
            None => PathBuf::from(s),
        })
        .collect()
}

/// What the import prompt's text names: the paths of files (or folders) and the web addresses
/// ([`crate::web::as_url`]) among them. A line that is one web address is taken whole (an
/// address may hold `;`); other lines are split at `;`. An entry that names something on disk
/// is a path even if it reads like an address (`www.example.org` as a file name).
pub fn parse_prompt_paths_and_links(text: &str) -> (Vec<PathBuf>, Vec<String>) {
    let (mut paths, mut links) = (Vec::new(), Vec::new());
    let link =
        |entry: &str| crate::web::as_url(entry).filter(|_| !Path::new(entry.trim()).exists());
    for line in text.lines() {
        if let Some(url) = link(line) {
            links.push(url);
            continue;
        }
        for entry in line.split(';') {
            match link(entry) {
                Some(url) => links.push(url),
                None => paths.extend(parse_prompt_paths(entry)),
            }
        }
    }
    (paths, links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_prompt_tells_web_addresses_from_paths() {
        let dir = tempfile::tempdir().expect("dir");
        let named_like_a_site = dir.path().join("www.example.org");
        std::fs::write(&named_like_a_site, "text").expect("write");
        let text = format!(
            "https://example.org/a;b=1\n a.txt; www.example.com/news ;file:///etc/passwd\n{}",
            named_like_a_site.display()
        );
        let (paths, links) = parse_prompt_paths_and_links(&text);
        assert_eq!(
            links,
            ["https://example.org/a;b=1", "https://www.example.com/news"]
        );
        assert_eq!(
            paths,
            [
                PathBuf::from("a.txt"),
                PathBuf::from("file:///etc/passwd"),
                named_like_a_site
            ]
        );
    }

    #[test]
    fn recent_projects_are_unique_newest_first_and_capped() {
        let mut s = Settings::default();
        for i in 0..12 {
            s.remember(Path::new(&format!("/nonexistent/p{i}.ron")));
        }
        s.remember(Path::new("/nonexistent/p5.ron"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], PathBuf::from("/nonexistent/p5.ron"));
        assert_eq!(s.recent.iter().filter(|p| p.ends_with("p5.ron")).count(), 1);
        assert_eq!(s.last_project, Some(PathBuf::from("/nonexistent/p5.ron")));
    }

    #[test]
    fn file_names_from_titles() {
        assert_eq!(
            file_name_for_title("Ceasefire talks, 2025"),
            "ceasefire-talks-2025.ron"
        );
        assert_eq!(file_name_for_title("  "), "project.ron");
    }

    #[test]
    fn prompt_paths_are_split_and_unquoted() {
        assert_eq!(
            parse_prompt_paths(" \"a b.txt\" ; c.md\n\n"),
            vec![PathBuf::from("a b.txt"), PathBuf::from("c.md")]
        );
    }

    #[test]
    fn a_project_copied_in_slices_equals_the_project() {
        use crate::model::{Document, Parts, Passage};
        let doc = Document::new("One", "Witkoff met Putin in Moscow. ".repeat(100));
        let passages: Vec<Passage> = (0..1000)
            .map(|i| Passage::new(&doc, i, i + 7).expect("span"))
            .collect();
        let project = Project::from_parts(Parts {
            title: "P".into(),
            documents: vec![doc],
            passages,
            ..Parts::default()
        })
        .expect("valid");
        let mut snapshot = ProjectSnapshot::start(&project, 7, 1);
        let mut steps = 1;
        while !snapshot.step(&project, Duration::ZERO) {
            steps += 1;
        }
        assert_eq!(steps, 4, "a slice of 256 passages at a time with no budget");
        assert!(snapshot.is_finished());
        assert_eq!((snapshot.token, snapshot.generation), (7, 1));
        assert_eq!(snapshot.into_project().expect("valid copy"), project);
    }

    #[test]
    fn theme_choice_cycles() {
        // Each step goes to another choice, all three are visited, and the third step is home.
        let first = ThemeChoice::System;
        let (second, third) = (first.next(), first.next().next());
        assert!(first != second && second != third && third != first);
        assert_eq!(third.next(), first);
    }
}
