//! Stories of claims in the window: give a passage a stance on a claim from the claim palette
//! (`C`, type, Tab for the stance, Enter), and undo it in one step.

mod common;

use common::gui::{example_harness, press, press_mod, type_text};
use dossier::model::{PassageId, Stance};
use dossier::ui::Action;
use egui::{Key, Modifiers};

/// A passage of the example project with no stance on any claim.
fn passage_without_stances(h: &egui_kittest::Harness<'_, dossier::ui::Workbench>) -> PassageId {
    let project = h.state().project();
    let passage = project
        .passages()
        .values()
        .find(|p| project.evidence().stances_of(p.id).is_empty())
        .expect("the example has a passage without stances");
    passage.id
}

#[test]
fn a_new_claim_is_disputed_by_keyboard_and_undone_in_one_step() {
    let mut h = example_harness();
    h.run();
    let passage = passage_without_stances(&h);
    h.state_mut().push(Action::SelectPassage(passage));
    h.run();
    let claims_before = h.state().project().evidence().claims().len();

    press(&mut h, Key::C);
    assert_eq!(
        h.state().palette(),
        Some(dossier::ui::palette::PaletteKind::Claims)
    );
    type_text(&mut h, "The talks were a failure");
    press(&mut h, Key::Tab); // supports → disputes
    press(&mut h, Key::Enter);

    let project = h.state().project();
    assert_eq!(project.evidence().claims().len(), claims_before + 1);
    let claim = project
        .evidence()
        .claim_by_statement("The talks were a failure")
        .expect("the claim was created");
    assert_eq!(claim.stance_of(passage), Some(Stance::Disputes));
    assert_eq!(h.state().palette(), None);

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    let project = h.state().project();
    assert_eq!(project.evidence().claims().len(), claims_before);
    assert!(project.evidence().stances_of(passage).is_empty());
}

#[test]
fn an_existing_claim_is_linked_with_the_stance_chosen_by_tab_and_toggled_off() {
    let mut h = example_harness();
    h.run();
    let passage = passage_without_stances(&h);
    let (claim, statement) = {
        let evidence = h.state().project().evidence();
        let claim = evidence
            .claims()
            .values()
            .next()
            .expect("the example has claims");
        (claim.id, claim.statement.clone())
    };
    h.state_mut().push(Action::SelectPassage(passage));
    h.run();

    press(&mut h, Key::C);
    type_text(&mut h, &statement);
    press(&mut h, Key::Tab);
    press(&mut h, Key::Tab); // supports → disputes → qualifies
    press(&mut h, Key::Enter);
    let stance = |h: &egui_kittest::Harness<'_, dossier::ui::Workbench>| {
        h.state()
            .project()
            .evidence()
            .claim(claim)
            .and_then(|c| c.stance_of(passage))
    };
    assert_eq!(stance(&h), Some(Stance::Qualifies));

    // The same stance again unlinks it.
    press(&mut h, Key::C);
    type_text(&mut h, &statement);
    press(&mut h, Key::Tab);
    press(&mut h, Key::Tab);
    press(&mut h, Key::Enter);
    assert_eq!(stance(&h), None);

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(stance(&h), Some(Stance::Qualifies));
}
