//! Story: replacing an article's text in the window (File › Replace article text…). The passages
//! are found again in the new version, those whose text is gone become orphans listed in the
//! inspector, an orphan is placed on a selection, and undo takes every step back.

mod common;

use std::path::Path;

use common::gui::{in_app_harness, type_into};

use dossier::ui::Workbench;
use dossier::ui::command::Command;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// File › Replace article text… with `file` typed into the in-app prompt; waits for the job and
/// draws its result.
fn replace_text_from(h: &mut Harness<'_, Workbench>, file: &Path) {
    h.state_mut().run(Command::ReplaceArticleText);
    // The prompt window is sized in its first frame and shown in the next ones.
    h.run_steps(3);
    type_into(h, "Path", &file.display().to_string());
    h.get_by_label("Replace").click();
    // One frame: the job starts (a spinner repaints until it is done, so no `run` here).
    h.step();
    h.state_mut().wait_for_replace();
    h.run();
}

#[test]
fn replacing_an_articles_text_places_its_passages_again_and_orphans_the_lost_ones() {
    let mut h = in_app_harness(Workbench::example());
    h.run();
    let project = h.state().project().clone();
    let doc = project
        .documents()
        .values()
        .max_by_key(|d| project.passage_count(d.id))
        .expect("an article")
        .clone();
    let before_passages = project.passage_count(doc.id);
    h.state_mut()
        .push(dossier::ui::Action::OpenDocument(doc.id));
    h.run();

    // The new version: a paragraph added at the top, one passage's text cut out.
    let lost = project
        .passages_in(doc.id)
        .find(|p| p.quote.chars().count() > 60)
        .expect("a long passage")
        .clone();
    let old = doc.text.as_str();
    let new_text = format!(
        "{}\n\nUPDATE: talks were postponed, officials said on Thursday.\n\n{}",
        old.lines().next().unwrap_or_default(),
        old.split_once('\n')
            .map_or(old, |(_, rest)| rest)
            .replacen(&lost.quote, "", 1)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("new-version.txt");
    std::fs::write(&file, &new_text).expect("write");

    replace_text_from(&mut h, &file);

    let after = h.state().project();
    let text = after
        .document(doc.id)
        .expect("doc")
        .text
        .as_str()
        .to_owned();
    assert!(text.contains("UPDATE: talks were postponed"), "{text}");
    let placed = after.passage_count(doc.id);
    let orphans: Vec<_> = after.orphans_in(doc.id).map(|p| p.id).collect();
    assert_eq!(placed + orphans.len(), before_passages);
    assert!(orphans.contains(&lost.id), "the cut passage is orphaned");
    for p in after.passages_in(doc.id) {
        assert_eq!(
            after
                .document(doc.id)
                .and_then(|d| d.text.slice(p.start..p.end)),
            Some(p.quote.as_str())
        );
    }
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.text.contains("orphaned")),
        "the user is told"
    );
    assert!(h.state().is_dirty());

    // The inspector lists the orphan; select where it belongs and place it.
    h.run();
    assert!(h.query_by_label_contains("ORPHANED PASSAGE").is_some());
    let start = text
        .find("UPDATE")
        .map(|b| text[..b].chars().count())
        .expect("update");
    h.state_mut().reader_mut().set_selection(start..start + 6);
    h.run();
    h.get_all_by_label("Place").next().expect("Place").click();
    h.run();
    let placed = h
        .state()
        .project()
        .passage(lost.id)
        .expect("placed")
        .clone();
    assert_eq!(placed.quote, "UPDATE");
    assert_eq!(placed.tags, lost.tags);

    // Undo: the orphan again, then the old text with every passage where it was.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().project().orphan(lost.id).is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().project(), &project);
}

#[test]
fn a_file_that_is_not_an_article_changes_nothing() {
    let mut h = in_app_harness(Workbench::example());
    h.run();
    let project = h.state().project().clone();
    let doc = *project.documents().keys().next().expect("doc");
    h.state_mut().push(dossier::ui::Action::OpenDocument(doc));
    h.run();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("binary.txt");
    std::fs::write(&file, [0u8, 159, 146, 150, 0, 0, 1, 2]).expect("write");
    replace_text_from(&mut h, &file);
    assert_eq!(h.state().project(), &project);
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.text.contains("was not replaced")),
        "{:?}",
        h.state().notices()
    );
}
