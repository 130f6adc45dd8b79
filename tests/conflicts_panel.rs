//! Story: an analyst opens a project that a merge left with conflicts, resolves each in the
//! Conflicts window, undoes one pick, and saves; the file keeps exactly the open conflict.

mod common;

use common::example_from_file;
use common::gui::{click, in_app_harness_sized};
use dossier::edit::{Edit, apply};
use dossier::model::{PassageId, Project};
use dossier::store;
use dossier::ui::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The example merged from two copies that wrote different notes on two passages.
fn conflicted() -> (Project, [PassageId; 2]) {
    let base = example_from_file();
    let ids: Vec<PassageId> = base.passages().keys().copied().take(2).collect();
    let (a, b) = (ids[0], ids[1]);
    let side = |note: &str| {
        let mut p = base.clone();
        for id in [a, b] {
            apply(&mut p, Edit::SetPassageNote(id, format!("{note} {id}"))).expect("edits");
        }
        p
    };
    let merged = dossier::merge::merge(&base, &side("ours"), &side("theirs")).expect("merges");
    assert_eq!(merged.project.conflicts().len(), 2);
    (merged.project, [a, b])
}

fn note(h: &Harness<'_, Workbench>, id: PassageId) -> String {
    h.state()
        .project()
        .passage(id)
        .map(|p| p.note.clone())
        .unwrap_or_default()
}

#[test]
fn resolve_each_conflict_undo_one_and_save() {
    let (project, [a, b]) = conflicted();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("merged.ron");
    store::save(&project, &path).expect("save");
    let mut h = in_app_harness_sized(Workbench::open(&path), [1280.0, 800.0]);
    h.run();
    assert!(
        h.query_by_label_contains("Conflicts from a merge (2)")
            .is_some()
    );

    // The first conflict (passages are listed by id): take theirs.
    h.get_all_by_label("Use theirs")
        .next()
        .expect("a button")
        .click();
    h.run();
    assert_eq!(h.state().project().conflicts().len(), 1);
    assert_eq!(note(&h, a), format!("theirs {a}"));
    // The second: write a value of our own.
    let field = h
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .next()
        .expect("field");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.root().type_text("both readings");
    h.run();
    click(&mut h, "Use edited");
    assert!(h.state().project().conflicts().is_empty());
    assert_eq!(note(&h, b), "both readings");
    assert!(
        h.query_by_label_contains("Conflicts from a merge")
            .is_none(),
        "the window closes"
    );

    // Undo the last pick: its conflict is open again, with the original note.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    // Undo brings the passage into view: the reader scrolls there over a few frames.
    h.run_steps(60);
    assert_eq!(h.state().project().conflicts().len(), 1);
    assert_eq!(
        note(&h, b),
        project
            .passage(b)
            .map(|p| p.note.clone())
            .unwrap_or_default()
    );
    assert!(
        h.query_by_label_contains("Conflicts from a merge (1)")
            .is_some()
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().is_dirty());
    let saved = store::load(&path).expect("loads");
    assert_eq!(saved.conflicts().len(), 1);
    assert_eq!(
        saved.conflicts().keys().next().map(|k| k.item.clone()),
        Some(b.to_string())
    );
    assert_eq!(
        saved.passage(a).map(|p| p.note.clone()),
        Some(format!("theirs {a}"))
    );
}
