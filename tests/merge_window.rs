//! Stories of working as a team in the window. An analyst merges a colleague's copy in the window (File › Merge another copy…): the
//! dialog says what comes in before anything changes, Apply brings the colleague's new passage and
//! records the note both wrote as a conflict, and one Ctrl+Z takes the whole merge back.

mod common;

use common::gui::{
    click, example_harness_sized, in_app_harness_sized, press_mod, replace_field, type_text,
    until_idle,
};
use dossier::edit::{Edit, apply};
use dossier::model::{Passage, Project};
use dossier::store;
use dossier::ui::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn a_colleagues_copy_is_merged_in_one_undo_step_after_showing_what_comes_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dossier::example::example_project().expect("the example");
    let first = *base.passages().keys().next().expect("a passage");
    let note = |project: &Project, text: &str| {
        let mut p = project.clone();
        apply(&mut p, Edit::SetPassageNote(first, text.into())).expect("note");
        p
    };
    let ours = note(&base, "mine");
    let mut theirs = note(&base, "theirs");
    // The colleague also marked a new passage: the first 40 characters of an article nobody
    // marked there yet.
    let doc = (theirs.documents().values())
        .find(|d| theirs.passages_in(d.id).all(|p| p.start >= 40))
        .expect("an article whose opening is unmarked")
        .clone();
    let added = Passage::new(&doc, 0, 40).expect("a span");
    let added_id = added.id;
    apply(&mut theirs, Edit::AddPassage(Box::new(added))).expect("adds");
    let (base_path, theirs_path, ours_path) = (
        dir.path().join("base.ron"),
        dir.path().join("theirs.ron"),
        dir.path().join("ours.ron"),
    );
    store::save(&base, &base_path).expect("save");
    store::save(&theirs, &theirs_path).expect("save");
    store::save(&ours, &ours_path).expect("save");

    let mut h = in_app_harness_sized(Workbench::open(&ours_path), [1280.0, 800.0]);
    assert_eq!(h.state().project(), &ours);
    click(&mut h, "File");
    click(&mut h, "Merge another copy…");
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Merge another copy")
    );
    replace_field(
        &mut h,
        "Colleague's copy",
        theirs_path.to_str().expect("path"),
    );
    replace_field(&mut h, "Common original", base_path.to_str().expect("path"));
    // The merge is worked out off the UI thread (a spinner meanwhile): run frames until done.
    h.get_by_label("Show what comes in").click();
    until_idle(&mut h);
    assert!(
        h.query_by_label_contains("1 item added by the other copy")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("1 conflict to settle in the Conflicts panel")
            .is_some()
    );
    assert_eq!(h.state().project(), &ours, "nothing changes before Apply");

    click(&mut h, "Apply");
    assert_eq!(h.state().dialog_title(), None);
    let merged = h.state().project();
    assert!(
        merged.passage(added_id).is_some(),
        "the colleague's passage came in"
    );
    assert_eq!(
        merged.conflicts().len(),
        1,
        "the note both wrote waits as a conflict"
    );
    assert!(h.state().is_dirty());

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().project(),
        &ours,
        "one undo step takes the merge back"
    );

    // A path that is not a project is refused in the dialog; nothing changes.
    click(&mut h, "File");
    click(&mut h, "Merge another copy…");
    replace_field(
        &mut h,
        "Colleague's copy",
        dir.path().join("missing.ron").to_str().expect("p"),
    );
    // The merge is worked out off the UI thread (a spinner meanwhile): run frames until done.
    h.get_by_label("Show what comes in").click();
    until_idle(&mut h);
    assert!(h.query_by_label_contains("missing.ron").is_some());
    click(&mut h, "Cancel");
    assert_eq!(h.state().project(), &ours);
}

/// The analyst's name, set once, is stored on what they change: a note typed on a passage makes
/// the passage theirs; it is remembered in the settings.
#[test]
fn the_analysts_name_is_set_once_and_stored_on_what_they_change() {
    let mut h = example_harness_sized([1280.0, 800.0]);
    click(&mut h, "Project");
    click(&mut h, "Your name as analyst…");
    replace_field(&mut h, "Your name", "Ana Analyst");
    click(&mut h, "Save");
    assert_eq!(h.state().settings().analyst, "Ana Analyst");

    common::gui::press(&mut h, Key::J);
    let passage = h.state().selected_passage().expect("J selects a passage");
    common::gui::press(&mut h, Key::N);
    type_text(&mut h, " checked");
    let p = h.state().project().passage(passage).expect("passage");
    assert!(p.note.ends_with("checked"), "{:?}", p.note);
    assert_eq!(p.author, "Ana Analyst");
}
