//! Guards around the project file that keep work from being lost: the autosave recovery file, the
//! stamp that tells whether someone else changed the file since we read it, and the lock that warns
//! when a second instance opens the same project.
//!
//! None of these ever write the project file itself; the UI decides what to do with what they say.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::Project;

/// What a file on disk looked like when we last read or wrote it: its length, modification time
/// and (on Unix) inode. Any save by another program — an editor, `git checkout`, a sync client, a
/// second Dossier — changes at least one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl DiskStamp {
    /// The stamp of the file at `path` now.
    pub fn of(path: &Path) -> io::Result<Self> {
        let meta = fs::metadata(path)?;
        Ok(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(&meta),
        })
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino()
}

#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> u64 {
    0
}

/// Whether the file at `path` differs from `stamp` (a file that vanished counts as changed).
pub fn changed_on_disk(path: &Path, stamp: &DiskStamp) -> bool {
    DiskStamp::of(path).map_or(true, |now| now != *stamp)
}

/// Where autosaves of a project go: beside a saved project as a hidden `.NAME.ron.recovery`, or in
/// the user's data folder (`…/dossier/recovery/unsaved.ron`) for one that was never saved.
pub fn recovery_path(project_path: Option<&Path>) -> PathBuf {
    recovery_path_in(project_path, &data_dir())
}

/// [`recovery_path`] with another data folder for unsaved projects (tests, `DOSSIER_DATA_DIR`).
pub fn recovery_path_in(project_path: Option<&Path>, data_dir: &Path) -> PathBuf {
    match project_path {
        Some(path) => {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            path.with_file_name(format!(".{name}.recovery"))
        }
        None => data_dir
            .join("dossier")
            .join("recovery")
            .join("unsaved.ron"),
    }
}

/// The per-user data folder: `$XDG_DATA_HOME`, else `~/.local/share` (Linux),
/// `~/Library/Application Support` (macOS), `%APPDATA%` (Windows), else the temporary folder.
pub fn data_dir() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        return env("APPDATA").unwrap_or_else(std::env::temp_dir);
    }
    if let Some(dir) = env("XDG_DATA_HOME") {
        return dir;
    }
    match env("HOME") {
        Some(home) if cfg!(target_os = "macos") => home.join("Library/Application Support"),
        Some(home) => home.join(".local/share"),
        None => std::env::temp_dir(),
    }
}

/// Writes an autosave of `project` to `recovery` (atomically, no backup), creating its folder.
/// The text is streamed to the file as it is made, as [`super::save`] does, so a large project
/// is never held twice in memory.
pub fn write_recovery(project: &Project, recovery: &Path) -> io::Result<()> {
    if let Some(dir) = recovery.parent()
        && !dir.as_os_str().is_empty()
    {
        fs::create_dir_all(dir)?;
    }
    match super::save_file(project, recovery, false) {
        Ok(()) => Ok(()),
        Err(super::SaveError::Io { source, .. }) => Err(source),
        Err(err) => Err(io::Error::other(err.to_string())),
    }
}

/// Removes an autosave (after a save, or when the user discards it). A missing file is fine.
pub fn discard_recovery(recovery: &Path) -> io::Result<()> {
    match fs::remove_file(recovery) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// An autosave found on start that is newer than its project.
#[derive(Debug)]
pub struct Recovery {
    /// The autosave file.
    pub path: PathBuf,
    /// The project it holds.
    pub project: Project,
    /// What it has that the saved project does not, in a line ("2 passages added, 1 tag changed").
    pub summary: String,
}

/// Looks for an autosave of the project at `project_path` (or of an unsaved project) that is newer
/// than the project file, and loads it. `saved` is the project as loaded from disk (or the example
/// for an unsaved one), used for the summary. An autosave that does not load, or holds nothing new,
/// is reported as `None`; a broken one is left in place for the user to look at.
pub fn find_recovery(project_path: Option<&Path>, saved: &Project) -> Option<Recovery> {
    find_recovery_at(&recovery_path(project_path), project_path, saved)
}

/// [`find_recovery`] for the autosave file at `path` (see [`recovery_path_in`]).
pub fn find_recovery_at(
    path: &Path,
    project_path: Option<&Path>,
    saved: &Project,
) -> Option<Recovery> {
    let path = path.to_owned();
    let recovered_at = fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if let Some(project_path) = project_path
        && let Ok(saved_at) = fs::metadata(project_path).and_then(|m| m.modified())
        && saved_at > recovered_at
    {
        return None;
    }
    let project = super::load(&path).ok()?;
    if project == *saved {
        return None;
    }
    let summary = difference_summary(saved, &project);
    Some(Recovery {
        path,
        project,
        summary,
    })
}

/// A one-line summary of how `new` differs from `old`, counting items added, removed and changed
/// by kind ("3 passages added, 1 changed; 1 tag removed"). "no differences" when equal.
pub fn difference_summary(old: &Project, new: &Project) -> String {
    fn count<K: Ord, V: PartialEq>(
        old: &std::collections::BTreeMap<K, V>,
        new: &std::collections::BTreeMap<K, V>,
    ) -> (usize, usize, usize) {
        let added = new.keys().filter(|k| !old.contains_key(k)).count();
        let removed = old.keys().filter(|k| !new.contains_key(k)).count();
        let changed = new
            .iter()
            .filter(|(k, v)| old.get(k).is_some_and(|o| o != *v))
            .count();
        (added, removed, changed)
    }
    let kinds = [
        (
            "article",
            "articles",
            count(old.documents(), new.documents()),
        ),
        ("passage", "passages", count(old.passages(), new.passages())),
        ("tag", "tags", count(old.tags(), new.tags())),
        ("actor", "actors", count(old.actors(), new.actors())),
        ("event", "events", count(old.events(), new.events())),
        (
            "claim",
            "claims",
            count(old.evidence().claims(), new.evidence().claims()),
        ),
    ];
    let mut parts = Vec::new();
    for (one, many, (added, removed, changed)) in kinds {
        let mut bits = Vec::new();
        for (n, verb) in [(added, "added"), (removed, "removed"), (changed, "changed")] {
            if n > 0 {
                let noun = if bits.is_empty() {
                    if n == 1 { one } else { many }
                } else {
                    ""
                };
                bits.push(format!(
                    "{n} {noun}{}{verb}",
                    if noun.is_empty() { "" } else { " " }
                ));
            }
        }
        if !bits.is_empty() {
            parts.push(bits.join(", "));
        }
    }
    if old.title != new.title {
        parts.push("title changed".into());
    }
    if old.evidence().grades() != new.evidence().grades() {
        parts.push("grades changed".into());
    }
    if parts.is_empty() {
        "no differences".into()
    } else {
        parts.join("; ")
    }
}

/// Who holds a project open, as written in its lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockOwner {
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// When it opened the project (the lock file's time), if known.
    pub since: Option<SystemTime>,
}

/// A project opened by this process: `.NAME.ron.lock` beside it, removed when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
}

impl ProjectLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    /// Removes the lock file, unless another process has written its own lock there since (a
    /// second instance opened the project anyway): that lock is theirs to remove.
    fn drop(&mut self) {
        let ours = fs::read_to_string(&self.path)
            .ok()
            .and_then(|text| parse_lock(&text))
            .is_some_and(|(pid, host)| pid == std::process::id() && host == host_name());
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn parse_lock(text: &str) -> Option<(u32, String)> {
    let (pid, host) = text.trim().split_once(' ')?;
    Some((pid.parse().ok()?, host.to_owned()))
}

/// The lock file beside a project.
pub fn lock_path(project_path: &Path) -> PathBuf {
    let name = project_path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    project_path.with_file_name(format!(".{name}.lock"))
}

fn host_name() -> String {
    fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .unwrap_or_default()
}

/// Marks a project as open by this process. Returns the lock and, when another live process
/// already had it open, who that is — a warning to show, not a refusal: the user may go on.
/// A lock left by a process that is gone (same host, no such pid) is taken over silently.
///
/// Limitations: whether a pid is alive is only checked on Linux (`/proc`); elsewhere an old lock on
/// the same host is reported as a possible second instance.
pub fn lock_project(project_path: &Path) -> io::Result<(ProjectLock, Option<LockOwner>)> {
    let other = lock_owner(project_path);
    let path = lock_path(project_path);
    let me = std::process::id();
    super::write_atomic(&path, format!("{me} {}\n", host_name()).as_bytes(), false)?;
    Ok((ProjectLock { path }, other))
}

/// Who else holds the project at `project_path` open, without taking the lock: another live
/// process, or `None` (no lock, our own, or a stale one — same limitations as [`lock_project`]).
/// Ask this before opening, so that "Cancel" leaves the other instance's lock alone.
pub fn lock_owner(project_path: &Path) -> Option<LockOwner> {
    let path = lock_path(project_path);
    let text = fs::read_to_string(&path).ok()?;
    let (pid, owner_host) = parse_lock(&text)?;
    let since = fs::metadata(&path).and_then(|m| m.modified()).ok();
    let alive = owner_host != host_name()
        || !cfg!(target_os = "linux")
        || Path::new(&format!("/proc/{pid}")).exists();
    (pid != std::process::id() && alive).then_some(LockOwner {
        pid,
        host: owner_host,
        since,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Edit, apply};
    use crate::model::{Document, Parts, Passage, Tag, TagId};

    fn project() -> Project {
        let doc = Document::new("One", "Witkoff met Putin in Moscow.");
        let mut passage = Passage::new(&doc, 0, 7).expect("span");
        let tag = Tag {
            id: TagId::random(),
            name: "Claim".into(),
            color: crate::model::Rgb::default(),
            parent: None,
            description: String::new(),
        };
        passage.tags.push(tag.id);
        Project::from_parts(Parts {
            title: "P".into(),
            tags: vec![tag],
            documents: vec![doc],
            passages: vec![passage],
            ..Parts::default()
        })
        .expect("valid")
    }

    #[test]
    fn a_newer_recovery_is_found_with_a_summary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        let saved = project();
        super::super::save(&saved, &path).expect("save");
        assert!(
            find_recovery(Some(&path), &saved).is_none(),
            "no autosave yet"
        );

        let mut changed = saved.clone();
        let doc = changed.documents().values().next().expect("doc").clone();
        let p = Passage::new(&doc, 8, 13).expect("span");
        apply(&mut changed, Edit::AddPassage(Box::new(p))).expect("add");
        apply(&mut changed, Edit::SetTitle("Q".into())).expect("title");
        let recovery = recovery_path(Some(&path));
        assert!(recovery.file_name().is_some_and(|n| n == ".p.ron.recovery"));
        write_recovery(&changed, &recovery).expect("autosave");
        let found = find_recovery(Some(&path), &saved).expect("found");
        assert_eq!(found.project, changed);
        assert_eq!(found.summary, "1 passage added; title changed");

        // Saving the project afterwards makes the autosave stale.
        std::thread::sleep(std::time::Duration::from_millis(20));
        super::super::save(&changed, &path).expect("save");
        assert!(find_recovery(Some(&path), &saved).is_none());
        discard_recovery(&recovery).expect("discard");
        discard_recovery(&recovery).expect("discarding twice is fine");
    }

    #[test]
    fn a_broken_recovery_is_ignored_and_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        let saved = project();
        super::super::save(&saved, &path).expect("save");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let recovery = recovery_path(Some(&path));
        fs::write(&recovery, "(format: \"dossier\", version: 1, title: ").expect("write");
        assert!(find_recovery(Some(&path), &saved).is_none());
        assert!(recovery.exists());
    }

    #[test]
    fn stamps_see_changes_by_others() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        super::super::save(&project(), &path).expect("save");
        let stamp = DiskStamp::of(&path).expect("stamp");
        assert!(!changed_on_disk(&path, &stamp));
        let mut text = fs::read_to_string(&path).expect("read");
        text.push('\n');
        fs::write(&path, text).expect("someone else writes");
        assert!(changed_on_disk(&path, &stamp));
        fs::remove_file(&path).expect("rm");
        assert!(changed_on_disk(&path, &stamp));
    }

    #[test]
    fn a_second_instance_is_seen_and_a_dead_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        let (lock, other) = lock_project(&path).expect("lock");
        assert_eq!(other, None);
        // The same process opening it again is not "another instance".
        let (_again, other) = lock_project(&path).expect("lock");
        assert_eq!(other, None);
        drop(lock);
        // A live process on this host (pid 1 always exists on Linux) holds it.
        fs::write(lock_path(&path), format!("1 {}\n", host_name())).expect("write");
        let (_lock, other) = lock_project(&path).expect("lock");
        assert_eq!(other.map(|o| o.pid), Some(1));
        if cfg!(target_os = "linux") {
            fs::write(lock_path(&path), format!("4000000000 {}\n", host_name())).expect("write");
            let (_lock, other) = lock_project(&path).expect("lock");
            assert_eq!(other, None, "a lock of a dead process is stale");
        }
    }

    #[test]
    fn an_unsaved_project_recovers_from_the_given_data_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let recovery = recovery_path_in(None, dir.path());
        assert_eq!(
            recovery,
            dir.path()
                .join("dossier")
                .join("recovery")
                .join("unsaved.ron")
        );
        let saved = project();
        assert!(find_recovery_at(&recovery, None, &saved).is_none());
        let mut changed = saved.clone();
        apply(&mut changed, Edit::SetTitle("Q".into())).expect("title");
        write_recovery(&changed, &recovery).expect("creates the folders and writes");
        let found = find_recovery_at(&recovery, None, &saved).expect("found");
        assert_eq!(found.project, changed);
        assert_eq!(found.summary, "title changed");
        // No backup is kept of an autosave, and nothing else is left in the folder.
        let names: Vec<_> = fs::read_dir(recovery.parent().expect("dir"))
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("unsaved.ron")]);
        // The same as what is there: nothing to offer.
        assert!(find_recovery_at(&recovery, None, &changed).is_none());
    }

    #[test]
    fn asking_who_holds_a_lock_takes_nothing_and_dropping_keeps_anothers_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.ron");
        assert_eq!(lock_owner(&path), None);
        let (lock, _) = lock_project(&path).expect("lock");
        assert_eq!(lock.path(), lock_path(&path));
        assert_eq!(lock_owner(&path), None, "our own lock is not another's");
        // Another live instance (pid 1) writes its lock over ours, having opened it anyway.
        let other = format!("1 {}\n", host_name());
        fs::write(lock_path(&path), &other).expect("write");
        let owner = lock_owner(&path).expect("pid 1 is alive");
        assert_eq!(owner.pid, 1);
        assert!(owner.since.is_some());
        assert_eq!(
            fs::read_to_string(lock_path(&path)).expect("read"),
            other,
            "asking wrote nothing"
        );
        drop(lock);
        assert_eq!(
            fs::read_to_string(lock_path(&path)).expect("still there"),
            other,
            "dropping our lock left theirs in place"
        );
        fs::remove_file(lock_path(&path)).expect("rm");
        let (lock, _) = lock_project(&path).expect("lock");
        drop(lock);
        assert!(!lock_path(&path).exists(), "our own lock is removed");
    }

    #[test]
    fn summaries_count_by_kind() {
        let a = project();
        assert_eq!(difference_summary(&a, &a), "no differences");
        let mut b = a.clone();
        let tag = *b.tags().keys().next().expect("tag");
        let edit = crate::edit::delete_tag_everywhere(&b, tag).expect("gesture");
        apply(&mut b, edit).expect("delete");
        assert_eq!(
            difference_summary(&a, &b),
            "1 passage changed; 1 tag removed"
        );
    }
}
