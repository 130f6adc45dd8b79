//! What the window asks the user for, as plain values: the modal [`Dialog`] to show (and what
//! is typed into it), the [`FileRequest`] a file dialog answers, and [`AfterGuard`], what happens
//! once unsaved changes are dealt with. No drawing here (`dialogs/` draws them); with
//! `action.rs`, the bottom of `ui`.

use std::path::PathBuf;

use super::export_dialog::ExportForm;
use super::forms::{ActorForm, EventForm};
use super::properties::PropertiesForm;
use crate::model::{ActorId, DocId, Document, EventId, Rgb, TagId};
use crate::store::LockOwner;

/// What a file prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRequest {
    /// Choose a project file to open.
    Open,
    /// Choose where to save the project.
    SaveAs,
    /// Choose article files to import.
    ImportFiles,
    /// Choose a folder of articles to import.
    ImportFolder,
    /// Choose where to write an export of the excerpts table's view.
    Export(crate::export::Format),
    /// Choose a file whose text replaces the open article's.
    ReplaceText,
    /// Choose the project file the Compare view compares the open project with.
    CompareWith,
    /// Choose where to write the Compare view's agreement table as CSV.
    AgreementCsv,
}

impl FileRequest {
    /// The prompt's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open project",
            Self::SaveAs => "Save project as",
            Self::ImportFiles => "Import articles",
            Self::ImportFolder => "Import a folder of articles",
            Self::Export(_) => "Export the current view",
            Self::ReplaceText => "Replace the article's text with a file",
            Self::CompareWith => "Compare with another project",
            Self::AgreementCsv => "Export agreement as CSV",
        }
    }

    /// The confirm button's label.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::SaveAs => "Save",
            Self::ImportFiles | Self::ImportFolder => "Import",
            Self::Export(_) => "Export",
            Self::ReplaceText => "Replace",
            Self::CompareWith => "Compare",
            Self::AgreementCsv => "Export",
        }
    }
}

/// What to do once the unsaved-changes question is answered (or was not needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterGuard {
    /// Start an empty project.
    New,
    /// Ask for a project file and open it.
    Open,
    /// Open this project file.
    OpenPath(PathBuf),
    /// Open an unsaved copy of the example project.
    Example,
    /// Close the window.
    Close,
}

impl AfterGuard {
    pub fn question(&self) -> &'static str {
        match self {
            Self::Close => "Save your changes before closing?",
            Self::New => "Save your changes before starting a new project?",
            Self::Open | Self::OpenPath(_) => "Save your changes before opening another project?",
            Self::Example => "Save your changes before opening the example project?",
        }
    }
}

/// An open modal dialog and the values typed into it.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// Unsaved changes: Save / Discard / Cancel, then `then`.
    Unsaved {
        /// What was asked for.
        then: AfterGuard,
    },
    /// Deleting a tag that passages use.
    DeleteTag {
        /// The tag.
        tag: TagId,
        /// How many passages carry it (with blind coding on, of the analyst's).
        uses: usize,
        /// Blind coding is on: `uses` counts only the analyst's passages, and the dialog must
        /// not tell how many others carry it.
        blind: bool,
    },
    /// Type a path (no native dialog available).
    PathPrompt {
        /// What the path is for.
        request: FileRequest,
        /// The typed path(s).
        text: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// Paste an article's text and title.
    PasteArticle {
        /// The title.
        title: String,
        /// The text.
        text: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// Edit an article's metadata.
    ArticleDetails {
        /// The article.
        doc: DocId,
        /// Title.
        title: String,
        /// Outlet.
        source: String,
        /// Byline.
        author: String,
        /// Address.
        url: String,
        /// Publication date as typed.
        date: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// Every keyboard shortcut: the commands' and the reader's.
    Keys,
    /// Create or edit an actor.
    Actor(ActorForm),
    /// Create or edit an event.
    Event(EventForm),
    /// Deleting an actor that passages or events link.
    DeleteActor {
        /// The actor.
        actor: ActorId,
        /// How many passages link it.
        uses: usize,
        /// How many events it takes part in.
        events: usize,
    },
    /// Deleting an event that passages link.
    DeleteEvent {
        /// The event.
        event: EventId,
        /// How many passages link it.
        uses: usize,
    },
    /// An autosave newer than the project was found: Restore or Discard (no other way out, so
    /// the autosave is never overwritten before the user decides).
    Recovery {
        /// The project's file (`None`: an unsaved project).
        project_path: Option<PathBuf>,
        /// What the autosave has that the file does not.
        summary: String,
        /// How old the autosave is ("12 minutes ago").
        age: String,
    },
    /// The project is open in another Dossier window: open anyway, or cancel.
    InUse {
        /// The project file.
        path: PathBuf,
        /// Who has it open.
        owner: LockOwner,
        /// Asked on start, with the project already shown (Cancel then shows the example).
        at_start: bool,
    },
    /// Saving would overwrite changes someone else made to the file.
    Conflict {
        /// The project file.
        path: PathBuf,
    },
    /// Reloading from disk throws away unsaved changes: confirm.
    ConfirmReload {
        /// The project file.
        path: PathBuf,
    },
    /// Create a tag.
    NewTag {
        /// Its name.
        name: String,
        /// Its colour.
        color: Rgb,
        /// Its parent (the top level unless asked otherwise).
        parent: Option<TagId>,
        /// The tag selected in the codebook, offered as the parent one key away (Alt+U).
        suggested_parent: Option<TagId>,
        /// Its description.
        description: String,
        /// Why the last attempt was refused.
        error: Option<String>,
    },
    /// File › Export…: format, filters, grouping, output file.
    Export(Box<ExportForm>),
    /// Project › Properties… (or the title of a project about to be started).
    Properties(PropertiesForm),
    /// Project › Your name as analyst…: the name as typed.
    Analyst {
        /// The name.
        name: String,
    },
    /// File › Merge another copy…: paths, then what comes in, then Apply.
    Merge(Box<super::merge_dialog::MergeForm>),
}

impl Dialog {
    /// The dialog's title.
    pub fn title(&self) -> String {
        match self {
            Self::Unsaved { .. } => "Unsaved changes".to_owned(),
            Self::DeleteTag { .. } => "Delete tag".to_owned(),
            Self::PathPrompt { request, .. } => request.title().to_owned(),
            Self::PasteArticle { .. } => "Paste an article".to_owned(),
            Self::ArticleDetails { .. } => "Article details".to_owned(),
            Self::NewTag { .. } => "New tag".to_owned(),
            Self::Keys => "Keyboard shortcuts".to_owned(),
            Self::Actor(f) if f.id.is_some() => "Edit actor".to_owned(),
            Self::Actor(_) => "New actor".to_owned(),
            Self::Event(f) if f.id.is_some() => "Edit event".to_owned(),
            Self::Event(_) => "New event".to_owned(),
            Self::DeleteActor { .. } => "Delete actor".to_owned(),
            Self::DeleteEvent { .. } => "Delete event".to_owned(),
            Self::Recovery { .. } => "Recover unsaved work".to_owned(),
            Self::InUse { .. } => "Open in another window".to_owned(),
            Self::Conflict { .. } => "Changed on disk".to_owned(),
            Self::ConfirmReload { .. } => "Reload from disk".to_owned(),
            Self::Export(_) => "Export".to_owned(),
            Self::Properties(form) => form.heading().to_owned(),
            Self::Merge(_) => "Merge another copy".to_owned(),
            Self::Analyst { .. } => "Your name as analyst".to_owned(),
        }
    }

    /// The details dialog for an article, filled with its current metadata.
    pub fn article_details(doc: &Document) -> Self {
        Self::ArticleDetails {
            doc: doc.id,
            title: doc.title.clone(),
            source: doc.source.clone(),
            author: doc.author.clone(),
            url: doc.url.clone(),
            date: doc.published.map(|d| d.to_string()).unwrap_or_default(),
            error: None,
        }
    }

    /// The new-tag dialog with a suggested colour, its parent, and the parent offered one key
    /// away (the tag selected in the codebook).
    pub fn new_tag(color: Rgb, parent: Option<TagId>, suggested_parent: Option<TagId>) -> Self {
        Self::NewTag {
            name: String::new(),
            color,
            parent,
            suggested_parent,
            description: String::new(),
            error: None,
        }
    }
}
