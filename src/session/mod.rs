//! The open project below the window: the project, its file, the undo history, which state is
//! saved, the file's disk stamp and the open-project lock — one type with no egui, shared by the
//! command line and the window (the workbench keeps one; its guards against lost work, in
//! `ui/workbench/guard.rs`, use the session's disk stamp and lock).
//!
//! Every change goes through [`Session::apply`] (one undo step) and comes back with
//! [`Session::undo`] and [`Session::redo`]; [`Session::is_dirty`] compares the history's state
//! with the one last saved or opened, so undoing back to what is on disk is clean again.
//! Saving is [`store::save`] (atomic, with a backup); the disk stamp it leaves tells whether
//! someone else changed the file since ([`Session::changed_on_disk`]).

mod snapshot;

pub use snapshot::Snapshot;

use std::path::{Path, PathBuf};

use crate::edit::{Edit, EditError, GroupKey, History, Subject};
use crate::model::Project;
use crate::store::{self, DiskStamp, LoadError, LockOwner, ProjectLock, SaveError};

/// An open project with its file, history and saved state.
#[derive(Debug)]
pub struct Session {
    project: Project,
    path: Option<PathBuf>,
    history: History,
    /// The history's state token when the project was last saved or opened.
    saved_token: u64,
    /// The file as last read or written.
    stamp: Option<DiskStamp>,
    lock: Option<ProjectLock>,
}

impl Session {
    /// A session on a project; `path` is its file (`None`: not saved yet). Nothing is read or
    /// written; the project counts as saved.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let stamp = path.as_deref().and_then(|p| DiskStamp::of(p).ok());
        let history = History::new();
        Self {
            project,
            path,
            saved_token: history.state_token(),
            history,
            stamp,
            lock: None,
        }
    }

    /// Opens the project file at `path` (read, parse, validate).
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        // The stamp before reading: a change made while reading then shows as a change on disk.
        let stamp = DiskStamp::of(path).ok();
        let project = store::load(path)?;
        Ok(Self {
            stamp,
            ..Self::new(project, Some(path.to_owned()))
        })
    }

    /// Opens `path`, or starts a new project titled `title` for it when no file is there yet (it
    /// is written by the first save). Returns whether the project is new.
    pub fn open_or_create(path: &Path, title: &str) -> Result<(Self, bool), LoadError> {
        match std::fs::metadata(path) {
            Ok(_) => Ok((Self::open(path)?, false)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut session = Self::new(Project::new(title), Some(path.to_owned()));
                // Never saved: there is something to save even before the first edit.
                session.saved_token = u64::MAX;
                Ok((session, true))
            }
            Err(source) => Err(LoadError::Io {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// The open project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The project's file, if it was opened from one or saved.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether the project differs from the state last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.history.state_token() != self.saved_token
    }

    /// The file's stamp as last read or written.
    pub fn disk_stamp(&self) -> Option<DiskStamp> {
        self.stamp
    }

    /// Whether the file was changed (or removed) by someone else since it was last read or
    /// written here. A project without a file, or whose file could not be stamped, has none.
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.stamp) {
            (Some(path), Some(stamp)) => store::changed_on_disk(path, stamp),
            _ => false,
        }
    }

    /// Applies an edit as one undo step. Returns what it changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Subject, EditError> {
        self.history.apply(&mut self.project, edit)
    }

    /// Applies an edit, joining the last undo step when it was made with the same `group` (a
    /// note being typed is one step).
    pub fn apply_grouped(
        &mut self,
        edit: Edit,
        group: Option<GroupKey>,
    ) -> Result<Subject, EditError> {
        self.history.apply_grouped(&mut self.project, edit, group)
    }

    /// Who is editing: stamped on the passages, actors and events the next edits make or change
    /// (see [`Project::session_author`]); empty records nobody.
    pub fn set_author(&mut self, name: &str) {
        if self.project.session_author() != name.trim() {
            self.project.set_session_author(name);
        }
    }

    /// Ends the current group of edits, so the next grouped edit is a new undo step.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Marks the project as not saved, whatever the history says: for a project restored from an
    /// autosave, whose state is not on disk although undo cannot reach any other.
    pub fn mark_unsaved(&mut self) {
        self.saved_token = u64::MAX;
    }

    /// Undoes the last step; `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Subject>, EditError> {
        self.history.undo(&mut self.project)
    }

    /// Redoes the last undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Subject>, EditError> {
        self.history.redo(&mut self.project)
    }

    /// Saves the project to `path` (atomic, with a backup of the previous file), which becomes
    /// its file; the current state counts as saved. On failure nothing changes, on disk or here.
    pub fn save_to(&mut self, path: &Path) -> Result<(), SaveError> {
        store::save(&self.project, path)?;
        self.stamp = DiskStamp::of(path).ok();
        if self.path.as_deref() != Some(path) {
            // The lock belonged to the old file.
            self.lock = None;
            self.path = Some(path.to_owned());
        }
        self.saved_token = self.history.state_token();
        Ok(())
    }

    /// Marks the project as open by this process (`.NAME.ron.lock` beside its file, removed
    /// when the session goes away or saves elsewhere). Returns who else had it open, if another
    /// live process did: a warning, not a refusal. Does nothing for a project without a file.
    pub fn lock(&mut self) -> std::io::Result<Option<LockOwner>> {
        let Some(path) = self.path.clone() else {
            return Ok(None);
        };
        self.lock_as(&path)
    }

    /// [`Self::lock`] under the name of `file`, the file standing for the project: its own, or
    /// for a project not saved yet the window's autosave of it. The lock held before is released
    /// first unless it is already `file`'s.
    pub fn lock_as(&mut self, file: &Path) -> std::io::Result<Option<LockOwner>> {
        if self.locked_file() == Some(store::lock_path(file).as_path()) {
            return Ok(None);
        }
        self.lock = None;
        let (lock, other) = store::lock_project(file)?;
        self.lock = Some(lock);
        Ok(other)
    }

    /// Whether this session holds a lock.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// The lock file this session holds, if any.
    pub fn locked_file(&self) -> Option<&Path> {
        self.lock.as_ref().map(store::ProjectLock::path)
    }

    /// Releases the lock, if one is held.
    pub fn unlock(&mut self) {
        self.lock = None;
    }

    /// Hands the lock over to `next`, a session on the same file (a reload): the file is never
    /// unlocked in between. Does nothing when `next` already holds a lock.
    pub fn pass_lock_to(&mut self, next: &mut Session) {
        if next.lock.is_none() {
            next.lock = self.lock.take();
        }
    }

    /// The project, giving up the session (its lock is released).
    pub fn into_project(self) -> Project {
        self.project
    }
}

#[cfg(test)]
mod tests;
