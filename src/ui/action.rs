//! What widgets ask for: [`Action`], the guards' answers, and (from `place.rs`) the names of
//! the window's places, the side tabs and the centre views. The bottom of `ui`: every panel pushes these
//! values and none of them imports the workbench, which carries them out after the frame (see
//! `workbench/dispatch.rs`). This module imports no panel.

use std::path::PathBuf;

use super::command::Command;
use super::export_dialog::ExportRequest;
pub use super::place::{CentreView, SideTab};
use super::request::{AfterGuard, Dialog, FileRequest};
use crate::edit::{Edit, GroupKey};
use crate::model::{ActorId, ActorKind, ActorRole, DocId, EventId, EventRole, PassageId, TagId};

/// Something a widget asks the workbench to do; carried out after the frame's UI pass.
#[derive(Debug, Clone)]
pub enum Action {
    /// Run a command from the table.
    Run(Command),
    /// Apply an edit as its own undo step.
    Edit(Edit),
    /// Apply an edit, merging it into the last undo step if that has the same key (an editing
    /// session, such as typing a note).
    EditGrouped(Edit, GroupKey),
    /// End the current editing session, so the next edit is a new undo step.
    SealHistory,
    /// Open an article in the reader.
    OpenDocument(DocId),
    /// Place an orphaned passage of the open article on the reader's selection.
    PlaceOrphan(PassageId),
    /// Select a passage: open its article, scroll to it.
    SelectPassage(PassageId),
    /// Select a tag in the codebook (or none).
    SelectTag(Option<TagId>),
    /// Apply a tag to the text selection (a new passage) or add/remove it on the selected
    /// passage.
    ApplyTag(TagId),
    /// Create a tag with this name and apply it as [`Action::ApplyTag`] does, in one undo step.
    CreateTagAndApply(String),
    /// Delete a tag; asks first when passages use it.
    RequestDeleteTag(TagId),
    /// Delete a tag from every passage and the codebook (confirmed).
    DeleteTagEverywhere(TagId),
    /// Merge one tag into another.
    MergeTags {
        /// The tag that disappears.
        from: TagId,
        /// The tag that stays.
        into: TagId,
    },
    /// Run `then` now, or first ask to save when there are unsaved changes.
    Guarded(AfterGuard),
    /// Save (asking where if needed), then run `then`.
    SaveThen(AfterGuard),
    /// Run `then` without asking (unsaved changes discarded).
    Proceed(AfterGuard),
    /// Paths chosen in a file dialog or the in-app prompt.
    FilesChosen(FileRequest, Vec<PathBuf>),
    /// Fetch the articles at these web addresses, as File › Add from link… does (typed into a
    /// path prompt, or pasted as an article's text).
    FetchLinks(Vec<String>),
    /// Fetch the page at this web address as the new text of the article in the reader (typed
    /// where Replace article text… asks for the new file), as Check for changes does.
    FetchNewVersion(String),
    /// Import pasted text as a new article.
    ImportPasted {
        /// The article's title.
        title: String,
        /// Its text.
        text: String,
    },
    /// Open a dialog.
    OpenDialog(Dialog),
    /// Close the open dialog, cancelling what it was part of (a pending "save, then close").
    CloseDialog,
    /// Remove a notice.
    DismissNotice(usize),
    /// Show a tab of the right column (codebook, actors, events).
    ShowSideTab(SideTab),
    /// Link an actor to the text selection (a new passage) or the selected passage; a link it
    /// already has with that role is removed.
    LinkActor(ActorId, ActorRole),
    /// Create an actor with this name and kind and link it as [`Action::LinkActor`] does, in
    /// one step.
    CreateActorAndLink(String, ActorRole, ActorKind),
    /// Link an event to the text selection or the selected passage (toggling, as for actors).
    LinkEvent(EventId, EventRole),
    /// Create an event with this title and link it, in one undo step.
    CreateEventAndLink(String, EventRole),
    /// Give the text selection or the selected passage a stance on a claim (toggling: the same
    /// stance again removes it).
    LinkClaim(crate::model::ClaimId, crate::model::Stance),
    /// Create a claim with this statement and give the target a stance on it, in one undo step.
    CreateClaimAndLink(String, crate::model::Stance),
    /// Delete an actor; asks first when passages or events link it.
    RequestDeleteActor(ActorId),
    /// Delete an actor from every passage and event, then the actor (confirmed).
    DeleteActorEverywhere(ActorId),
    /// Merge one actor into another (one undo step).
    MergeActors {
        /// The actor that disappears.
        from: ActorId,
        /// The actor that stays.
        into: ActorId,
    },
    /// Delete an event; asks first when passages link it.
    RequestDeleteEvent(EventId),
    /// Delete an event from every passage, then the event (confirmed).
    DeleteEventEverywhere(EventId),
    /// Show a view in the centre (the reader, the excerpts table…).
    ShowView(CentreView),
    /// Select a passage and show it in the reader (from a view).
    JumpToPassage(PassageId),
    /// Export what the excerpts table's filter selects, in this format (asks where).
    ExportView(crate::export::Format),
    /// Ask for a file (native dialog or the in-app prompt) for this request.
    RequestFile(FileRequest),
    /// Open an article in the reader with this char span selected (a mention, a search hit).
    JumpToText(DocId, usize, usize),
    /// Select an event in the events panel.
    SelectEvent(EventId),
    /// Show an actor's profile.
    OpenActorProfile(ActorId),
    /// Show an event's card (and select it in the events panel).
    OpenEventCard(EventId),
    /// Show a claim in the Claims view (its filters cleared if they hide it).
    OpenClaim(crate::model::ClaimId),
    /// Show the holders' agreement and conflict network in the Network view.
    OpenHolderNetwork,
    /// An answer to one of the guards against lost work (autosave, conflicts, second window).
    Guard(GuardAction),
    /// Open the tag palette to tag every hit of the search view.
    PickTagForSearchHits,
    /// Tag every hit of the search view (one undo step).
    TagSearchHits(TagId),
    /// Create a tag with this name and tag every hit of the search view with it, in one step.
    CreateTagAndTagSearchHits(String),
    /// Write an export asked for in the Export dialog.
    ExportTo(Box<ExportRequest>),
    /// Start an empty project with this title (unsaved changes were already dealt with).
    StartProject(String),
    /// Remember the analyst's name (stored on what they make or change from now on).
    SetAnalyst(String),
    /// Work out merging a colleague's copy (and the original) into a copy of the project, off
    /// the UI thread; the result goes to the merge dialog.
    WorkOutMerge {
        /// The colleague's copy.
        copy: String,
        /// The common original (empty: none).
        original: String,
    },
    /// A worked-out merge for the merge dialog, for these (copy, original) paths.
    MergeWorkedOut {
        /// The paths it was worked out for.
        paths: (String, String),
        /// What comes in, or why nothing can.
        result: Box<Result<super::merge_dialog::Preview, String>>,
    },
    /// A finished import: apply its batch (one undo step) or say why nothing was imported.
    ImportFinished {
        /// What was imported.
        paths: Vec<PathBuf>,
        /// The batch, or why each file was refused (empty: the worker stopped).
        outcome: Result<Box<crate::import::ImportBatch>, Vec<String>>,
    },
    /// Stop waiting for the running import; its result is not applied.
    CancelImport,
    /// A finished replacement of an article's text: apply it (one undo step) or say why not.
    TextReplaced(Box<TextReplaced>),
    /// Stop waiting for the running replacement of an article's text.
    CancelReplace,
    /// Add what these cite as evidence rows of the ACH matrix, as one undo step; rows there
    /// already are skipped, and the status says so.
    AddEvidence(Vec<crate::model::RowSource>),
    /// Put a tag under another (or at the top level), as one undo step.
    ReparentTag {
        /// The tag that moves.
        tag: TagId,
        /// Its new parent; `None` for the top level.
        parent: Option<TagId>,
    },
}

/// A replacement of an article's text, worked out off the UI thread.
#[derive(Debug, Clone)]
pub struct TextReplaced {
    /// The article whose text is replaced.
    pub doc: DocId,
    /// The file its new text came from.
    pub path: PathBuf,
    /// The project's revision when the work started: a result for a project changed since is
    /// not applied.
    pub revision: u64,
    /// The new text with its passages placed again, or why that failed.
    pub result: Result<Box<crate::anchor::Reanchoring>, String>,
}

/// What the user chose in a guard's dialog or banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardAction {
    /// Open the autosave that was offered as unsaved changes.
    RestoreRecovery,
    /// Delete the autosave that was offered.
    DiscardRecovery,
    /// Open a project although another window has it open.
    OpenAnyway {
        /// The project file.
        path: PathBuf,
        /// Asked on start (the project is already shown).
        at_start: bool,
    },
    /// Do not open a project another window has open.
    CancelOpen {
        /// Asked on start: show an unsaved copy of the example project instead.
        at_start: bool,
    },
    /// Load the file as it is on disk (asks first when there are unsaved changes).
    Reload,
    /// Load the file as it is on disk, dropping unsaved changes (confirmed).
    ReloadConfirmed,
    /// Save over a file that changed on disk (confirmed).
    Overwrite,
    /// Save to another file instead of over one that changed on disk.
    SaveAs,
    /// Hide the "changed on disk" banner.
    DismissDiskChange,
}
