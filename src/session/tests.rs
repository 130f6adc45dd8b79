//! The session without a window: apply, undo and redo against the saved marker, opening and
//! saving (with the stamp and the lock), and failures that change nothing.

use super::*;
use crate::model::{Rgb, Tag, TagId};

fn tag(name: &str) -> Edit {
    Edit::AddTag(Tag {
        id: TagId::random(),
        name: name.into(),
        color: Rgb([1, 2, 3]),
        parent: None,
        description: String::new(),
    })
}

fn saved_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.ron");
    let project = crate::example::example_project().expect("example");
    store::save(&project, &path).expect("save");
    (dir, path)
}

#[test]
fn undoing_back_to_the_saved_state_is_clean_and_redoing_is_dirty() {
    let (_dir, path) = saved_example();
    let mut session = Session::open(&path).expect("opens");
    assert!(!session.is_dirty());
    session.apply(tag("One")).expect("applies");
    assert!(session.is_dirty());
    session.save_to(&path).expect("saves");
    assert!(!session.is_dirty());
    session.apply(tag("Two")).expect("applies");
    assert!(session.is_dirty());
    assert!(session.undo().expect("undoes").is_some());
    assert!(!session.is_dirty(), "back at the saved state");
    assert!(session.undo().expect("undoes").is_some());
    assert!(session.is_dirty(), "before the saved state");
    assert!(session.project().tag_by_name("One").is_none());
    session.redo().expect("redoes");
    assert!(!session.is_dirty());
    session.redo().expect("redoes");
    assert!(session.is_dirty());
    assert_eq!(session.redo().expect("nothing to redo"), None);
    assert_eq!(session.history().undo_len(), 2);
}

#[test]
fn a_failed_edit_changes_nothing() {
    let (_dir, path) = saved_example();
    let mut session = Session::open(&path).expect("opens");
    let before = session.project().clone();
    let err = session
        .apply(Edit::RemoveTag(TagId::from_raw(7)))
        .expect_err("no such tag");
    assert!(matches!(err, EditError::NotFound { .. }), "{err:?}");
    assert_eq!(*session.project(), before);
    assert!(!session.is_dirty());
    assert_eq!(session.history().undo_len(), 0);
}

#[test]
fn saving_writes_the_project_and_remembers_the_file_and_its_stamp() {
    let (dir, path) = saved_example();
    let mut session = Session::open(&path).expect("opens");
    assert_eq!(session.path(), Some(path.as_path()));
    assert!(!session.changed_on_disk());
    session.apply(tag("Saved")).expect("applies");
    let other = dir.path().join("copy.ron");
    session.save_to(&other).expect("saves");
    assert_eq!(session.path(), Some(other.as_path()));
    assert_eq!(
        session.disk_stamp(),
        Some(store::DiskStamp::of(&other).expect("stamp"))
    );
    assert_eq!(
        store::load(&other).expect("loads"),
        *session.project(),
        "the file holds the session's project"
    );
    assert!(!session.changed_on_disk());
    // Someone else writes the file: the session notices.
    std::fs::write(&other, std::fs::read(&path).expect("read")).expect("write");
    assert!(session.changed_on_disk());
}

#[test]
fn a_failed_save_keeps_the_file_the_path_and_the_dirty_marker() {
    let (dir, path) = saved_example();
    let mut session = Session::open(&path).expect("opens");
    session.apply(tag("Unsaved")).expect("applies");
    // A "folder" that is a file: refused for every user, root included.
    let inside_a_file = path.join("q.ron");
    let err = session
        .save_to(&inside_a_file)
        .expect_err("cannot save there");
    assert!(err.to_string().contains("q.ron"), "{err}");
    assert!(session.is_dirty());
    assert_eq!(session.path(), Some(path.as_path()));
    assert!(dir.path().join("p.ron").exists());
}

#[test]
fn a_missing_file_opens_as_a_new_dirty_project_and_garbage_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.ron");
    let (mut session, created) = Session::open_or_create(&path, "New").expect("starts");
    assert!(
        created && session.is_dirty(),
        "a project never saved has something to save"
    );
    assert_eq!(session.project().title, "New");
    assert!(!path.exists(), "nothing is written before saving");
    session.save_to(&path).expect("saves");
    assert!(!session.is_dirty());
    let (again, created) = Session::open_or_create(&path, "Other").expect("opens");
    assert!(!created);
    assert_eq!(again.project().title, "New");

    std::fs::write(&path, "not a project").expect("write");
    let err = Session::open(&path).expect_err("garbage");
    assert!(matches!(err, LoadError::Malformed { .. }), "{err:?}");
}

#[test]
fn the_lock_is_held_while_the_session_lives() {
    let (_dir, path) = saved_example();
    let lock_file = store::lock_path(&path);
    let mut session = Session::open(&path).expect("opens");
    assert!(!session.is_locked() && !lock_file.exists());
    assert_eq!(session.lock().expect("locks"), None, "nobody else has it");
    assert!(session.is_locked() && lock_file.exists());
    drop(session);
    assert!(!lock_file.exists(), "released when the session goes away");
}

#[test]
fn a_lock_taken_for_another_file_moves_and_a_reload_keeps_it() {
    let (dir, path) = saved_example();
    let stand_in = dir.path().join("unsaved.ron");
    let mut session = Session::new(Project::new("Unsaved"), None);
    session.lock_as(&stand_in).expect("locks the stand-in");
    assert_eq!(
        session.locked_file(),
        Some(store::lock_path(&stand_in).as_path())
    );
    // Locking the project's own file releases the stand-in's lock.
    session.lock_as(&path).expect("locks the file");
    assert!(!store::lock_path(&stand_in).exists());
    assert!(store::lock_path(&path).exists());
    // A reload hands the lock over: the file is never unlocked in between.
    let mut reloaded = Session::open(&path).expect("opens");
    session.pass_lock_to(&mut reloaded);
    drop(session);
    assert!(reloaded.is_locked() && store::lock_path(&path).exists());
    reloaded.unlock();
    assert!(!store::lock_path(&path).exists());
}

#[test]
fn a_restored_project_stays_dirty_until_saved_and_sealing_splits_grouped_edits() {
    let (_dir, path) = saved_example();
    let mut session = Session::open(&path).expect("opens");
    session.mark_unsaved();
    assert!(session.is_dirty(), "a restored autosave is not on disk");
    session.save_to(&path).expect("saves");
    assert!(!session.is_dirty());

    let group = Some(GroupKey(7));
    session.apply_grouped(tag("One"), group).expect("applies");
    session.apply_grouped(tag("Two"), group).expect("applies");
    assert_eq!(session.history().undo_len(), 1, "one group, one step");
    session.seal();
    session.apply_grouped(tag("Three"), group).expect("applies");
    assert_eq!(session.history().undo_len(), 2, "sealed: a new step");
}
