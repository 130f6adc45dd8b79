//! Blind coding (issue 13) on the real window through egui_kittest: with it on, the other
//! analyst's passage is neither listed nor reachable with J/K nor in the excerpts; off again, it
//! is back. Without an analyst's name, the toggle asks for one first.

mod common;

use common::gui::{harness_for, press_mod};

use dossier::edit::{Edit, apply};
use dossier::model::{DocId, Passage, PassageId, Project};
use dossier::ui::Workbench;
use dossier::ui::action::Action;
use dossier::ui::files::Settings;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The example with every passage signed by Ana, and one passage by Boris over the first
/// article's headline, where Ana has none.
fn two_analysts() -> (Project, DocId, PassageId, String) {
    let mut project = dossier::example::example_project().expect("the example loads");
    let passages: Vec<Passage> = project.passages().values().cloned().collect();
    for mut p in passages {
        p.author = "Ana".into();
        apply(&mut project, Edit::SetPassage(Box::new(p))).expect("sign");
    }
    let doc = project
        .passages_in_file_order()
        .first()
        .map(|p| p.doc)
        .expect("a passage");
    let first = project
        .passages_in(doc)
        .map(|p| p.start)
        .min()
        .expect("one");
    assert!(first > 20, "the headline is not coded");
    let document = project.document(doc).expect("doc").clone();
    let mut boris = Passage::new(&document, 0, 20).expect("span");
    boris.author = "Boris".into();
    let (id, quote) = (boris.id, boris.quote.clone());
    apply(&mut project, Edit::AddPassage(Box::new(boris))).expect("add");
    (project, doc, id, quote)
}

/// Every passage J reaches in the open article, from the first on.
fn stepped(h: &mut Harness<'_, Workbench>) -> Vec<PassageId> {
    let mut seen = Vec::new();
    for _ in 0..60 {
        h.key_press(Key::J);
        h.run_steps(12);
        match h.state().selected_passage() {
            Some(p) if !seen.contains(&p) => seen.push(p),
            _ => break,
        }
    }
    seen
}

fn excerpt_rows(h: &mut Harness<'_, Workbench>) -> Vec<PassageId> {
    let project = h.state().project().clone();
    h.state_mut().excerpts_mut().rows(&project).to_vec()
}

/// Deselects, and draws a frame without the selection (the action is carried out after the
/// frame that queued it is drawn).
fn clear_selection(h: &mut Harness<'_, Workbench>) {
    h.state_mut()
        .push(Action::Run(dossier::ui::command::Command::ClearSelection));
    h.run();
    h.step();
    assert_eq!(h.state().selected_passage(), None);
}

const BLIND: egui::Modifiers = common::gui::SHIFT_CMD;

#[test]
fn blind_coding_hides_the_other_analysts_passage_and_shows_it_again() {
    let (project, doc, boris, quote) = two_analysts();
    let settings = Settings {
        analyst: "Ana".into(),
        ..Settings::default()
    };
    let mut h = harness_for(Workbench::new(project, None).with_settings(settings));
    h.state_mut().push(Action::OpenDocument(doc));
    h.run();
    let listed = format!("Passage {quote}");

    // Off: Boris's passage is in the article's list, J reaches it, the excerpts list it.
    assert!(h.query_by_label(&listed).is_some(), "listed");
    assert!(stepped(&mut h).contains(&boris));
    assert!(excerpt_rows(&mut h).contains(&boris));

    press_mod(&mut h, BLIND, Key::B);
    assert!(h.state().settings().blind_coding);
    assert!(
        h.query_by_label_contains("Blind coding: only Ana's passages")
            .is_some()
    );
    clear_selection(&mut h);
    assert!(
        h.query_by_label_contains("OF YOUR PASSAGES IN THIS ARTICLE (ANA, BLIND CODING)")
            .is_some(),
        "the article's list is shown, with Ana's passages only"
    );
    assert!(
        h.query_by_label(&listed).is_none(),
        "not listed while blind"
    );
    let seen = stepped(&mut h);
    assert!(!seen.is_empty(), "Ana's own passages are still there");
    assert!(!seen.contains(&boris), "J never reaches Boris's passage");
    let rows = excerpt_rows(&mut h);
    assert!(!rows.contains(&boris) && !rows.is_empty());
    // The Compare view shows no other reading while blind coding is on.
    press_mod(&mut h, BLIND, Key::A);
    assert!(h.query_by_label_contains("Blind coding is on").is_some());
    assert!(h.query_by_label("Export agreement as CSV…").is_none());

    press_mod(&mut h, BLIND, Key::B);
    assert!(!h.state().settings().blind_coding);
    clear_selection(&mut h);
    assert!(h.query_by_label(&listed).is_some(), "listed again");
    assert!(excerpt_rows(&mut h).contains(&boris));
}

#[test]
fn blind_coding_without_a_name_asks_for_one_first() {
    let (project, ..) = two_analysts();
    let mut h = harness_for(Workbench::new(project, None));
    h.run();
    press_mod(&mut h, BLIND, Key::B);
    assert!(!h.state().settings().blind_coding);
    assert_eq!(
        h.state().dialog_title().as_deref(),
        Some("Your name as analyst")
    );
}
