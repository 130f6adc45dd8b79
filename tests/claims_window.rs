//! Stories of claims in the window: give a passage a stance on a claim from the claim palette
//! (`C`, type, Tab for the stance, Enter), and undo it in one step; grade a passage and its
//! outlet from the inspector, one undo step each; list the contested claims in the Claims view
//! and click through to a passage; delete a claim (asked first) and undo.

mod common;

use common::gui::{click, example_harness, example_harness_sized, press, press_mod, type_text};
use dossier::model::{Credibility, PassageId, Reliability, Stance};
use dossier::ui::Action;
use dossier::ui::views::CentreView;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

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

#[test]
fn an_outlet_and_a_passage_are_graded_from_the_inspector_and_undone() {
    // Tall enough that the inspector's grades are on screen without scrolling.
    let mut h = example_harness_sized([1440.0, 1600.0]);
    h.run();
    let (passage, outlet) = {
        let project = h.state().project();
        let passage = project
            .passages()
            .values()
            .find(|p| {
                project
                    .document(p.doc)
                    .is_some_and(|d| !d.source.trim().is_empty())
            })
            .expect("a passage of an article with an outlet");
        let outlet = project
            .document(passage.doc)
            .map(|d| d.source.trim().to_owned());
        (passage.id, outlet.unwrap_or_default())
    };
    h.state_mut().push(Action::SelectPassage(passage));
    h.run();
    h.run();

    let before = h.state().project().evidence().outlet_grade(&outlet);
    let wanted = if before == Reliability::A {
        Reliability::B
    } else {
        Reliability::A
    };
    click(&mut h, &format!("Reliability of Outlet {outlet}"));
    click(&mut h, &format!("{} — {}", wanted.as_str(), wanted.label()));
    assert_eq!(h.state().project().evidence().outlet_grade(&outlet), wanted);

    let before_cred = h.state().project().evidence().credibility(passage);
    let wanted_cred = if before_cred == Credibility::Probable {
        Credibility::Possible
    } else {
        Credibility::Probable
    };
    click(&mut h, "Credibility of the passage");
    click(
        &mut h,
        &format!("{} — {}", wanted_cred.number(), wanted_cred.label()),
    );
    assert_eq!(
        h.state().project().evidence().credibility(passage),
        wanted_cred
    );

    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().project().evidence().credibility(passage),
        before_cred
    );
    assert_eq!(h.state().project().evidence().outlet_grade(&outlet), wanted);
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().evidence().outlet_grade(&outlet), before);
}

#[test]
fn the_claims_view_lists_a_contested_claim_and_a_click_opens_the_disputing_passage() {
    let mut h = example_harness();
    h.run();
    let (statement, passage, label) = {
        let project = h.state().project();
        let reports = dossier::corroboration::analyse(project);
        let report = reports
            .iter()
            .find(|r| r.contested)
            .expect("the example has a contested claim");
        let row = report
            .side(Stance::Disputes)
            .next()
            .expect("a contested claim is disputed");
        (
            report.claim.statement.clone(),
            row.passage,
            format!("{} {}", Stance::Disputes.glyph(), row.holder.name(project)),
        )
    };
    press_mod(&mut h, common::gui::SHIFT_CMD, Key::M);
    assert_eq!(h.state().view(), CentreView::Claims);
    click(&mut h, "Contested only");
    assert!(
        h.query_by_label(&statement).is_some(),
        "{statement} is listed"
    );
    let uncontested = {
        let project = h.state().project();
        dossier::corroboration::analyse(project)
            .iter()
            .find(|r| !r.contested && !r.stances.is_empty())
            .map(|r| r.claim.statement.clone())
    };
    if let Some(other) = uncontested {
        assert!(
            h.query_by_label(&other).is_none(),
            "{other} is filtered out"
        );
    }
    h.get_all_by_label_contains(&label)
        .next()
        .expect("the holder's button")
        .click();
    h.run();
    h.run();
    assert_eq!(h.state().selected_passage(), Some(passage));
    assert_eq!(h.state().view(), CentreView::Reader);
}

#[test]
fn deleting_a_claim_with_stances_asks_first_and_is_undone_in_one_step() {
    let mut h = example_harness();
    h.run();
    let (claim, statement, stances) = {
        let evidence = h.state().project().evidence();
        let c = evidence
            .claims()
            .values()
            .find(|c| !c.stances.is_empty())
            .expect("a claim with stances");
        (c.id, c.statement.clone(), c.stances.clone())
    };
    press_mod(&mut h, common::gui::SHIFT_CMD, Key::M);
    click(&mut h, &format!("Delete claim {statement}"));
    assert!(
        h.state().project().evidence().claim(claim).is_some(),
        "it asks first"
    );
    click(&mut h, "Delete claim and stances");
    assert!(h.state().project().evidence().claim(claim).is_none());
    press_mod(&mut h, Modifiers::COMMAND, Key::Z);
    let back = h
        .state()
        .project()
        .evidence()
        .claim(claim)
        .map(|c| c.stances.clone());
    assert_eq!(back, Some(stances));
}

#[test]
fn the_excerpts_table_filters_and_sorts_by_credibility() {
    let mut h = example_harness();
    h.run();
    click(&mut h, "Excerpts");
    assert_eq!(h.state().view(), CentreView::Excerpts);
    let (total, credible) = {
        let project = h.state().project();
        let credible = (project.passages().values())
            .filter(|p| project.evidence().credibility(p.id) <= Credibility::Probable)
            .count();
        (project.passages().len(), credible)
    };
    assert!(credible > 0 && credible < total, "the example grades some");
    assert!(
        h.query_by_label_contains(&format!("{total} of {total} passages"))
            .is_some()
    );
    click(&mut h, "Filter by credibility");
    click(
        &mut h,
        &format!("2 or better — {}", Credibility::Probable.label()),
    );
    assert!(
        h.query_by_label_contains(&format!("{credible} of {total} passages"))
            .is_some(),
        "the row count follows the credibility filter"
    );
    click(&mut h, "Clear filter");
    assert!(
        h.query_by_label_contains(&format!("{total} of {total} passages"))
            .is_some()
    );
    // Sorting by credibility puts the best-graded passage first.
    click(&mut h, "Cred.");
    let first = {
        let wb = h.state_mut();
        let query = wb.excerpts_mut().query().expect("valid filter");
        let project = wb.project().clone();
        dossier::ui::views::excerpts::build_rows(
            &project,
            &query,
            dossier::ui::views::excerpts::SortColumn::Credibility,
            false,
        )
        .first()
        .map(|r| r.credibility)
    };
    assert_eq!(
        h.state_mut().excerpts_mut().sort,
        dossier::ui::views::excerpts::SortColumn::Credibility
    );
    let best = (h.state().project().passages().keys())
        .map(|p| h.state().project().evidence().credibility(*p))
        .min();
    assert_eq!(first, best);
}

#[test]
fn the_event_card_lists_its_claims_and_a_click_opens_the_claim() {
    let mut h = example_harness();
    h.run();
    let (event, claim, statement, contested, about) = {
        let project = h.state().project();
        let claim = (project.evidence().claims().values())
            .find(|c| c.event.is_some())
            .expect("the example has a claim about an event");
        let event = claim.event.expect("about an event");
        let about = (project.evidence().claims().values())
            .filter(|c| c.event == Some(event))
            .count();
        let contested = dossier::corroboration::analyse(project)
            .iter()
            .any(|r| r.claim.id == claim.id && r.contested);
        (event, claim.id, claim.statement.clone(), contested, about)
    };
    // A filter that hides the claim: opening it from the card clears it.
    press_mod(&mut h, common::gui::SHIFT_CMD, Key::M);
    click(
        &mut h,
        if contested {
            "Single source only"
        } else {
            "Contested only"
        },
    );
    h.state_mut().push(Action::OpenEventCard(event));
    h.run();
    h.run();
    assert_eq!(h.state().view(), CentreView::Card);
    assert!(
        h.query_by_label(&format!("CLAIMS ABOUT THIS EVENT ({about})"))
            .is_some()
    );
    click(&mut h, &statement);
    h.run();
    assert_eq!(h.state().view(), CentreView::Claims);
    assert_eq!(h.state().claims_view().highlighted(), Some(claim));
    assert!(
        !h.state().claims_view().contested_only && !h.state().claims_view().single_source_only,
        "the filter that hid the claim is cleared"
    );
    assert!(
        h.query_by_label(&statement).is_some(),
        "{statement} is shown"
    );
}

#[test]
fn the_holder_network_joins_holders_by_agreement_and_conflict() {
    let mut h = example_harness();
    h.run();
    let (agree, conflict, speaker) = {
        let project = h.state().project();
        let reports = dossier::corroboration::analyse(project);
        let agree = dossier::corroboration::holder_network(
            &reports,
            dossier::corroboration::NetworkKind::Agreement,
        );
        let conflict = dossier::corroboration::holder_network(
            &reports,
            dossier::corroboration::NetworkKind::Conflict,
        );
        let speaker = conflict
            .iter()
            .flat_map(|e| [&e.a, &e.b])
            .find_map(|h| match h {
                dossier::corroboration::Holder::Speaker(a) => Some(*a),
                _ => None,
            })
            .expect("a speaker in conflict with someone");
        (agree.len(), conflict.len(), speaker)
    };
    assert!(agree > 0 && conflict > 0);
    press_mod(&mut h, common::gui::SHIFT_CMD, Key::M);
    click(&mut h, "Holder network");
    for _ in 0..40 {
        h.run();
    }
    assert_eq!(h.state().view(), CentreView::Network);
    assert!(
        h.query_by_label("Network of holders by agreement and conflict")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(&format!(
            "{agree} agreeing pairs · {conflict} conflicting pairs"
        ))
        .is_some()
    );
    let name = h
        .state()
        .project()
        .actor(speaker)
        .map(|a| a.name.clone())
        .expect("the speaker");
    click(&mut h, &format!("{name} (speaker)"));
    h.run();
    assert_eq!(h.state().view(), CentreView::Profile);
    assert_eq!(h.state().selected_actor(), Some(speaker));
}
