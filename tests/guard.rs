//! Story tests of the guards against lost work (issue 6), driven through egui_kittest: autosave
//! after a pause and on focus loss, Restore / Discard on start, saving over a file someone else
//! changed, the "changed on disk" banner, and a project open in another window. Time is egui's
//! input time, set by the test; every file lives in a temporary folder (the data folder too).

use std::path::{Path, PathBuf};

mod common;

use common::gui::{
    answer_path_prompt, at, click, harness_for, press, press_mod, request_close, shows,
};
use common::{doc, saved};

use dossier::edit::{Edit, apply};
use dossier::model::{DocId, Parts, Passage, PassageId, Project};
use dossier::store;
use dossier::ui::files::DialogMode;
use dossier::ui::workbench::{GuardOptions, NoticeLevel};
use dossier::ui::{Action, Workbench};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct Fixture {
    project: Project,
    doc: DocId,
    first: PassageId,
}

fn fixture() -> Fixture {
    let doc = doc(
        "Witkoff meets Putin",
        "Witkoff met Putin in Moscow on Wednesday.\n\nTrump said sanctions would follow by Friday.",
    )
    .source("Reuters")
    .published("2025-08-06")
    .build();
    let first = Passage::new(&doc, 0, 41).expect("span");
    let second = Passage::new(&doc, 43, 86).expect("span");
    let ids = (doc.id, first.id);
    let project = Project::from_parts(Parts {
        title: "Guard test".into(),
        documents: vec![doc],
        passages: vec![first, second],
        ..Parts::default()
    })
    .expect("valid fixture");
    Fixture {
        project,
        doc: ids.0,
        first: ids.1,
    }
}

/// A project folder and a separate data folder, both temporary.
struct Place {
    _dir: tempfile::TempDir,
    path: PathBuf,
    data: PathBuf,
}

fn place(project: &Project) -> Place {
    let (dir, path) = saved(project);
    let data = dir.path().join("data");
    Place {
        path,
        data,
        _dir: dir,
    }
}

/// A harness with egui's clock started at 0.
fn harness_at_zero(wb: Workbench) -> Harness<'static, Workbench> {
    let mut h = harness_for(wb);
    at(&mut h, 0.0);
    h
}

fn guarded(wb: Workbench, data: &Path) -> Harness<'static, Workbench> {
    harness_at_zero(
        wb.with_dialog_mode(DialogMode::InApp)
            .with_guard(GuardOptions::in_dir(data)),
    )
}

/// An edit through the real UI: select the first passage with J and delete it.
fn delete_a_passage(h: &mut Harness<'_, Workbench>, doc: DocId) {
    h.state_mut().push(Action::OpenDocument(doc));
    h.run();
    press(h, Key::J);
    press(h, Key::Delete);
    assert!(h.state().is_dirty());
}

fn set_focus(h: &mut Harness<'_, Workbench>, focused: bool) {
    h.input_mut().focused = focused;
    h.run();
}

/// Someone else saves the project with another title.
fn changed_by_someone_else(path: &Path, title: &str) -> Project {
    let mut theirs = store::load(path).expect("load");
    apply(&mut theirs, Edit::SetTitle(title.into())).expect("title");
    store::save(&theirs, path).expect("save");
    theirs
}

#[test]
fn an_autosave_follows_a_pause_and_saving_deletes_it() {
    let f = fixture();
    let place = place(&f.project);
    let mut h = guarded(Workbench::open(&place.path), &place.data);
    let recovery = h.state().recovery_file().expect("autosave on");
    assert_eq!(recovery, place.path.with_file_name(".p.ron.recovery"));
    assert_eq!(h.state().dialog_title(), None, "nothing to recover");

    at(&mut h, 10.0);
    delete_a_passage(&mut h, f.doc);
    at(&mut h, 11.5);
    assert!(
        !h.state().is_autosaving(),
        "no autosave while the user is busy"
    );
    assert!(!recovery.exists());

    at(&mut h, 13.2);
    assert!(h.state().is_autosaving(), "written after a 3 s pause");
    h.state_mut().wait_for_autosave();
    at(&mut h, 13.3);
    let autosaved = store::load(&recovery).expect("the autosave loads");
    assert_eq!(&autosaved, h.state().project());
    assert!(autosaved.passage(f.first).is_none());
    assert!(
        shows(&h, "Recovery saved just now"),
        "shown in the status bar"
    );
    assert_eq!(
        store::load(&place.path).expect("load"),
        f.project,
        "the project file itself is untouched"
    );

    // No second write while nothing changes.
    at(&mut h, 30.0);
    assert!(!h.state().is_autosaving());

    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().is_dirty());
    assert!(!recovery.exists(), "saving deletes the autosave");
    assert!(!shows(&h, "Recovery saved"));
}

#[test]
fn losing_focus_autosaves_an_unsaved_project_at_once_into_the_data_folder() {
    let f = fixture();
    let data = tempfile::tempdir().expect("tempdir");
    let mut h = guarded(Workbench::new(f.project.clone(), None), data.path());
    let recovery = h.state().recovery_file().expect("autosave on");
    assert_eq!(
        recovery,
        data.path()
            .join("dossier")
            .join("recovery")
            .join("unsaved.ron")
    );
    delete_a_passage(&mut h, f.doc);
    set_focus(&mut h, false);
    assert!(h.state().is_autosaving(), "focus loss does not wait");
    h.state_mut().wait_for_autosave();
    assert_eq!(&store::load(&recovery).expect("load"), h.state().project());

    // Undoing back to the state on disk (here: nothing) makes the autosave pointless.
    set_focus(&mut h, true);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().is_dirty());
    at(&mut h, 1.0);
    assert!(
        !recovery.exists(),
        "undone to the saved state: autosave deleted"
    );
}

#[test]
fn an_autosave_left_by_a_crash_is_offered_on_start_and_restored() {
    let f = fixture();
    let place = place(&f.project);
    let mut crashed = f.project.clone();
    apply(&mut crashed, Edit::RemovePassage(f.first)).expect("remove");
    apply(&mut crashed, Edit::SetTitle("Guard test, edited".into())).expect("title");
    let recovery = store::recovery_path(Some(&place.path));
    store::write_recovery(&crashed, &recovery).expect("autosave");

    let mut h = guarded(Workbench::open(&place.path), &place.data);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Recover unsaved work")
    );
    assert!(shows(
        &h,
        "Compared with the file: 1 passage removed; title changed."
    ));
    // Escape decides nothing: the autosave must not be lost by a stray key.
    press(&mut h, Key::Escape);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Recover unsaved work")
    );

    click(&mut h, "Restore");
    assert_eq!(h.state().dialog_title(), None);
    assert_eq!(h.state().project(), &crashed);
    assert_eq!(h.state().path(), Some(place.path.as_path()));
    assert!(h.state().is_dirty(), "restored as unsaved changes");
    assert!(recovery.exists(), "kept until saved");
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().is_dirty(), "nothing to undo back to the file");

    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(h.state().dialog_title(), None);
    assert_eq!(store::load(&place.path).expect("load"), crashed);
    assert!(!recovery.exists());
}

#[test]
fn discarding_an_autosave_deletes_it_and_keeps_the_file() {
    let f = fixture();
    let place = place(&f.project);
    let mut crashed = f.project.clone();
    apply(&mut crashed, Edit::RemovePassage(f.first)).expect("remove");
    let recovery = store::recovery_path(Some(&place.path));
    store::write_recovery(&crashed, &recovery).expect("autosave");

    let mut h = guarded(Workbench::open(&place.path), &place.data);
    click(&mut h, "Discard");
    assert_eq!(h.state().dialog_title(), None);
    assert_eq!(h.state().project(), &f.project);
    assert!(!h.state().is_dirty());
    assert!(!recovery.exists());

    // An autosave older than its project (saved since) is not offered.
    store::write_recovery(&crashed, &recovery).expect("autosave");
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&f.project, &place.path).expect("save");
    let h = guarded(Workbench::open(&place.path), &place.data);
    assert_eq!(h.state().dialog_title(), None);
}

#[test]
fn an_unsaved_project_is_recovered_from_the_data_folder_on_start() {
    let data = tempfile::tempdir().expect("tempdir");
    let example = dossier::example::example_project().expect("example");
    let mut worked = example.clone();
    apply(&mut worked, Edit::SetTitle("My notes".into())).expect("title");
    let recovery = store::recovery_path_in(None, data.path());
    store::write_recovery(&worked, &recovery).expect("autosave");

    let mut h = guarded(Workbench::example(), data.path());
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Recover unsaved work")
    );
    assert!(shows(&h, "never saved"));
    click(&mut h, "Restore");
    assert_eq!(h.state().project(), &worked);
    assert_eq!(h.state().path(), None);
    assert!(h.state().is_dirty());
}

#[test]
fn a_second_window_on_an_unsaved_project_does_not_take_the_first_ones_autosave() {
    let data = tempfile::tempdir().expect("tempdir");
    let example = dossier::example::example_project().expect("example");
    let mut live = example.clone();
    apply(&mut live, Edit::SetTitle("Live notes".into())).expect("title");
    let recovery = store::recovery_path_in(None, data.path());
    store::write_recovery(&live, &recovery).expect("the first window's autosave");
    let lock = store::lock_path(&recovery);
    std::fs::write(&lock, "1 other-machine\n").expect("the first window's lock");

    let h = guarded(Workbench::example(), data.path());
    assert_eq!(h.state().dialog_title(), None, "not offered: it is live");
    assert!(recovery.exists());
    assert_eq!(
        std::fs::read_to_string(&lock).expect("lock"),
        "1 other-machine\n",
        "its mark is left alone"
    );

    // Once that window is gone (its lock removed), the autosave is offered.
    drop(h);
    std::fs::remove_file(&lock).expect("rm");
    let h = guarded(Workbench::example(), data.path());
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Recover unsaved work")
    );
    let ours = std::fs::read_to_string(&lock).expect("marked as ours");
    assert!(ours.starts_with(&format!("{} ", std::process::id())));
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let f = fixture();
    let place = place(&f.project);
    // The conflict check needs no guard options: it is always on.
    let mut h = harness_at_zero(Workbench::open(&place.path).with_dialog_mode(DialogMode::InApp));
    delete_a_passage(&mut h, f.doc);
    let theirs = changed_by_someone_else(&place.path, "Their title");

    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(h.state().dialog_title().as_deref(), Some("Changed on disk"));
    assert_eq!(
        store::load(&place.path).expect("load"),
        theirs,
        "nothing written"
    );
    click(&mut h, "Cancel");
    assert_eq!(h.state().dialog_title(), None);
    assert!(h.state().is_dirty());
    assert_eq!(store::load(&place.path).expect("load"), theirs);

    // Overwrite: ours replaces theirs (theirs becomes the backup).
    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    click(&mut h, "Overwrite");
    assert!(!h.state().is_dirty());
    assert_eq!(
        &store::load(&place.path).expect("load"),
        h.state().project()
    );
    assert_eq!(
        store::load(&store::backup_path(&place.path)).expect("backup"),
        theirs
    );
    // Our own save does not count as a change by someone else.
    press(&mut h, Key::Delete);
    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(h.state().dialog_title(), None, "saved without asking");

    // Reload: asks, then throws our changes away for theirs.
    press(&mut h, Key::J);
    press(&mut h, Key::Delete);
    let theirs = changed_by_someone_else(&place.path, "Their second title");
    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    click(&mut h, "Reload from disk…");
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Reload from disk")
    );
    click(&mut h, "Discard my changes and reload");
    assert_eq!(h.state().project(), &theirs);
    assert!(!h.state().is_dirty());

    // Save as: ours goes elsewhere, theirs stays.
    delete_a_passage(&mut h, f.doc);
    let theirs = changed_by_someone_else(&place.path, "Their third title");
    press_mod(&mut h, Modifiers::COMMAND, Key::S);
    click(&mut h, "Save as…");
    assert_eq!(h.state().dialog_title().as_deref(), Some("Save project as"));
    let other = place.path.with_file_name("mine.ron");
    answer_path_prompt(&mut h, &other, "Save");
    assert_eq!(h.state().path(), Some(other.as_path()));
    assert_eq!(&store::load(&other).expect("load"), h.state().project());
    assert_eq!(store::load(&place.path).expect("load"), theirs);
}

#[test]
fn regaining_focus_reports_a_file_changed_on_disk() {
    let f = fixture();
    let place = place(&f.project);
    let mut h = guarded(Workbench::open(&place.path), &place.data);
    set_focus(&mut h, false);
    set_focus(&mut h, true);
    assert!(!h.state().disk_change_shown(), "unchanged: nothing to say");

    set_focus(&mut h, false);
    let theirs = changed_by_someone_else(&place.path, "Their title");
    set_focus(&mut h, true);
    assert!(h.state().disk_change_shown());
    assert!(shows(&h, "was changed on disk by another program"));
    click(&mut h, "Ignore");
    assert!(!h.state().disk_change_shown());
    // The same change is not reported twice.
    set_focus(&mut h, false);
    set_focus(&mut h, true);
    assert!(!h.state().disk_change_shown());

    // A clean project reloads at once from the banner.
    set_focus(&mut h, false);
    let theirs_again = changed_by_someone_else(&place.path, "Their second title");
    assert_ne!(theirs, theirs_again);
    set_focus(&mut h, true);
    click(&mut h, "Reload");
    assert_eq!(h.state().dialog_title(), None, "nothing unsaved to confirm");
    assert_eq!(h.state().project(), &theirs_again);
    assert!(!h.state().disk_change_shown());
}

#[test]
fn a_project_open_in_another_window_is_not_opened_without_asking() {
    let f = fixture();
    let place = place(&f.project);
    let lock = store::lock_path(&place.path);
    let theirs = "1 other-machine\n";
    std::fs::write(&lock, theirs).expect("another window's lock");

    let mut h = guarded(Workbench::new(Project::new("Mine"), None), &place.data);
    press_mod(&mut h, Modifiers::COMMAND, Key::O);
    answer_path_prompt(&mut h, &place.path, "Open");
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Open in another window")
    );
    assert!(shows(&h, "process 1 on other-machine"));
    click(&mut h, "Cancel");
    assert_eq!(h.state().project().title, "Mine", "not opened");
    assert_eq!(
        std::fs::read_to_string(&lock).expect("lock"),
        theirs,
        "their lock is untouched"
    );

    press_mod(&mut h, Modifiers::COMMAND, Key::O);
    answer_path_prompt(&mut h, &place.path, "Open");
    click(&mut h, "Open anyway");
    assert_eq!(h.state().path(), Some(place.path.as_path()));
    assert_eq!(h.state().project(), &f.project);
    let ours = std::fs::read_to_string(&lock).expect("lock");
    assert!(
        ours.starts_with(&format!("{} ", std::process::id())),
        "{ours}"
    );

    // Opening something else releases it.
    // (A new project asks for its title first: tests/first_hour.rs goes through that dialog.)
    h.state_mut()
        .push(Action::Run(dossier::ui::Command::NewProject));
    h.run();
    assert_eq!(h.state().dialog_title().as_deref(), Some("New project"));
    h.state_mut().push(Action::CloseDialog);
    h.state_mut().push(Action::StartProject("Next".into()));
    h.run();
    assert_eq!(h.state().project().title, "Next");
    assert!(!lock.exists(), "our lock is released");
}

#[test]
fn a_project_open_elsewhere_on_start_asks_and_cancel_shows_the_example() {
    let f = fixture();
    let place = place(&f.project);
    let lock = store::lock_path(&place.path);
    std::fs::write(&lock, "1 other-machine\n").expect("another window's lock");
    let mut h = guarded(Workbench::open(&place.path), &place.data);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Open in another window")
    );
    click(&mut h, "Cancel");
    assert_eq!(h.state().path(), None);
    assert!(shows(&h, "Did not open “p.ron”"));
    assert_eq!(
        std::fs::read_to_string(&lock).expect("lock"),
        "1 other-machine\n"
    );
}

#[test]
fn a_failing_autosave_says_so_once_and_never_panics() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("tempdir");
    // The data folder is a file: no autosave can be written under it.
    let data = dir.path().join("not-a-folder");
    std::fs::write(&data, "x").expect("write");
    let mut h = guarded(Workbench::new(f.project.clone(), None), &data);
    delete_a_passage(&mut h, f.doc);
    at(&mut h, 5.0);
    h.state_mut().wait_for_autosave();
    at(&mut h, 5.1);
    let errors = |h: &Harness<'_, Workbench>| {
        h.state()
            .notices()
            .iter()
            .filter(|n| n.level == NoticeLevel::Error)
            .count()
    };
    assert_eq!(errors(&h), 1);
    assert!(shows(&h, "Could not write the autosave"));
    assert!(shows(&h, "Autosave failed"));
    at(&mut h, 20.0);
    assert!(!h.state().is_autosaving(), "not retried for the same state");

    press(&mut h, Key::J);
    press(&mut h, Key::Delete);
    at(&mut h, 30.0);
    h.state_mut().wait_for_autosave();
    at(&mut h, 30.1);
    assert_eq!(errors(&h), 1, "the same failure is not reported again");
}

#[test]
fn an_autosave_finishing_after_a_save_is_deleted() {
    let f = fixture();
    let place = place(&f.project);
    let mut h = guarded(Workbench::open(&place.path), &place.data);
    let recovery = h.state().recovery_file().expect("on");
    delete_a_passage(&mut h, f.doc);
    h.input_mut().time = Some(5.0);
    h.step();
    assert!(h.state().is_autosaving());
    // Save while the autosave may still be writing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    h.state_mut().wait_for_autosave();
    h.run();
    assert!(!h.state().is_dirty());
    assert!(!recovery.exists(), "a stale autosave never outlives a save");
}

#[test]
fn closing_after_discarding_deletes_the_autosave_and_the_lock() {
    let f = fixture();
    let place = place(&f.project);
    let mut h = guarded(Workbench::open(&place.path), &place.data);
    let recovery = h.state().recovery_file().expect("on");
    let lock = store::lock_path(&place.path);
    assert!(lock.exists(), "the open project is marked");
    delete_a_passage(&mut h, f.doc);
    at(&mut h, 5.0);
    h.state_mut().wait_for_autosave();
    assert!(recovery.exists());

    request_close(&mut h);
    h.run();
    h.get_by_label("Discard").click();
    h.step();
    assert!(h.state().close_allowed());
    h.state_mut().shutdown();
    assert!(!recovery.exists(), "discarded on close");
    assert!(!lock.exists(), "lock released");

    // A window that goes away without the user's word (a crash) keeps the autosave.
    let mut h = guarded(Workbench::open(&place.path), &place.data);
    delete_a_passage(&mut h, f.doc);
    at(&mut h, 5.0);
    h.state_mut().wait_for_autosave();
    h.state_mut().shutdown();
    assert!(recovery.exists(), "kept for the next start");
}
